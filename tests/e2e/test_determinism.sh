#!/bin/bash
# test_determinism.sh — same database + same --seed + same --work = same plan.
#
# For two generated instances (gen_training --size S --seed 1, all placed;
# --size M --tight --seed 2 planned over its first two weeks only, so that
# sessions are surely left unscheduled, exit 4) the imported
# database is copied three times. Copies a and b are scheduled with the same
# --seed and --work 30000 under a generous --time-limit (so the clock never
# stops the search): their summary lines and exported bookings.csv /
# unscheduled.csv must be byte-identical. Copy c gets another seed: its plan
# must still pass check_plan.py (and whether it differs is printed).
# Environment (tests/CMakeLists.txt): ORDO_BIN, ORDO_TMP.
set -uo pipefail

ordo=${ORDO_BIN:?ORDO_BIN not set}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
gen="$(dirname "$ordo")/benchmarks/gen_training"
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_determinism.XXXXXX")
[ -n "${KEEP_WORK:-}" ] || trap 'rm -rf "$tmp"' EXIT
SEARCH=(--work 30000 --time-limit 3600 --quiet)

# shellcheck source=ordo_steps.bash
. "$here/ordo_steps.bash"      # fail, step, finish

# instance NAME SCHEDULE_EXIT GEN_ARGS...: the whole check on one instance.
instance() {
  local name=$1 want=$2; shift 2
  local d="$tmp/$name" window copy
  mkdir -p "$d"
  checks=$((checks + 1))
  if ! "$gen" "$@" --out "$d/in" >"$d/gen.out" 2>&1; then
    fail "$name: gen_training $* failed:"; sed 's/^/    /' "$d/gen.out" >&2; return
  fi
  read -r -a window <<<"$(sed -n 's/^window: //p' "$d/gen.out")"
  if [ "${#window[@]}" -ne 4 ]; then
    fail "$name: gen_training printed no 'window: --from A --to B' line"; return
  fi
  # exit 4 wanted: plan the first two weeks only (courses run longer)
  [ "$want" -eq 4 ] && window[3]=$(date -u -d "${window[1]} + 13 days" +%F)
  step "$name-import" 0 import "$d/in" --db "$d/base.db" || return
  for copy in a b c; do cp "$d/base.db" "$d/$copy.db"; done
  step "$name-a" "$want" schedule --db "$d/a.db" "${window[@]}" --seed 5 "${SEARCH[@]}"
  step "$name-b" "$want" schedule --db "$d/b.db" "${window[@]}" --seed 5 "${SEARCH[@]}"
  step "$name-c" "$want" schedule --db "$d/c.db" "${window[@]}" --seed 6 "${SEARCH[@]}"
  for copy in a b c; do
    step "$name-export-$copy" 0 export csv --db "$d/$copy.db" --out "$d/plan-$copy/bookings.csv"
  done

  checks=$((checks + 1))
  if ! diff "$tmp/$name-a.err" "$tmp/$name-b.err" >"$d/diff.out"; then
    fail "$name: same seed and work, different summaries:"; sed 's/^/    /' "$d/diff.out" >&2
  fi
  checks=$((checks + 1))
  if ! diff -r "$d/plan-a" "$d/plan-b" >"$d/diff.out"; then
    fail "$name: same seed and work, different plans:"; head -20 "$d/diff.out" | sed 's/^/    /' >&2
  fi
  local all=()
  [ "$want" -eq 0 ] && all=(--expect-all-placed)
  checks=$((checks + 1))
  if [ "$want" -eq 4 ] && [ ! -s "$d/plan-a/unscheduled.csv" ]; then
    fail "$name: exit 4 but no unscheduled.csv beside bookings.csv"
  fi
  for copy in a c; do
    checks=$((checks + 1))
    if ! python3 "$here/check_plan.py" "$d/in" "$d/plan-$copy/bookings.csv" "${window[@]}" \
           "${all[@]}" >"$d/check-$copy.out" 2>&1; then
      fail "$name: check_plan on the plan of copy $copy:"; sed 's/^/    /' "$d/check-$copy.out" >&2
    fi
  done
  if diff -qr "$d/plan-a" "$d/plan-c" >/dev/null; then
    echo "$name: seeds 5 and 6 give the same plan"
  else
    echo "$name: seeds 5 and 6 give different plans ($(grep -h '^summary' "$tmp/$name-a.err") / $(grep -h '^summary' "$tmp/$name-c.err"))"
  fi
}

checks=$((checks + 1))
if [ -x "$gen" ]; then
  instance small 0 --size S --seed 1
  instance tight 4 --size M --tight --seed 2
else
  fail "$gen not built (configure with -DORDO_BUILD_BENCH=ON)"
fi

finish
