#!/usr/bin/env bash
# test_replan.sh — a stable re-plan through the command line and the store:
# a generated instance (gen_training, size S) is scheduled; the busiest
# teacher of one day falls ill for that day (time_off.csv imported on its
# own); `ordo schedule` again must report "replan: moved K of N sessions
# (K had to move)" with K = that teacher's bookings of that day, change
# exactly K rows of bookings.csv, and report the cost check_plan.py
# recomputes from the new data (the stability cost is reported apart).
# `--fresh` on the same database ignores the old plan and moves more.
# Environment (tests/CMakeLists.txt): ORDO_BIN, ORDO_SOURCE_DIR, ORDO_TMP.
# Skipped (exit 0 with a note) when the benchmark generator is not built.
set -uo pipefail

ordo=${ORDO_BIN:?ORDO_BIN not set}
src=${ORDO_SOURCE_DIR:?ORDO_SOURCE_DIR not set}
gen=$(dirname "$ordo")/benchmarks/gen_training
if [ ! -x "$gen" ]; then
  echo "test_replan: skipped ($gen not built)"
  exit 0
fi
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_replan.XXXXXX")
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
# shellcheck source=ordo_steps.bash
. "$src/tests/e2e/ordo_steps.bash"
check() { python3 "$src/tests/e2e/check_plan.py" "$@"; }
WORK=(--work 180000)

"$gen" --size S --seed 2 --out "$tmp/in" >"$tmp/gen.out" || { fail "gen_training"; finish; }
from=$(sed -n 's/^window: --from \([0-9-]*\) .*/\1/p' "$tmp/gen.out")
to=$(sed -n 's/^window: .* --to \([0-9-]*\).*/\1/p' "$tmp/gen.out")
db="$tmp/s.db"
step import 0 import "$tmp/in" --db "$db" || finish
step plan 0 schedule --db "$db" --from "$from" --to "$to" --quiet "${WORK[@]}" || finish
checks=$((checks + 1))
! grep -q '^replan:' "$tmp/plan.err" || fail "a first plan reports a re-plan: $(cat "$tmp/plan.err")"
step csv0 0 export csv --db "$db" --out "$tmp/before/bookings.csv" || finish

# the busiest teacher of the third Tuesday, ill for that whole day
day=$(date -u -d "$from + 15 days" +%F)
next=$(date -u -d "$day + 1 day" +%F)
read -r k teacher < <(awk -F, -v a="$day" 'NR > 1 && substr($3, 1, 10) == a { n = split($6, r, ";");
    for (i = 1; i <= n; i++) if (r[i] ~ /^tch-/) c[r[i]]++ }
  END { for (t in c) print c[t], t }' "$tmp/before/bookings.csv" | sort -k1,1nr -k2 | head -1)
checks=$((checks + 1))
[ "${k:-0}" -ge 1 ] || { fail "no teacher booked on $day"; finish; }
mkdir -p "$tmp/off"
printf 'resource,start,end,reason\n%s,%sT00:00,%sT00:00,sick\n' "$teacher" "$day" "$next" >"$tmp/off/time_off.csv"
cp -r "$tmp/in" "$tmp/in2"
tail -n 1 "$tmp/off/time_off.csv" >>"$tmp/in2/time_off.csv"
step sick 0 import "$tmp/off" --db "$db" || finish
cp "$db" "$tmp/fresh.db"

# the default re-plan: exactly the K sessions of that teacher and day move
step replan 0 schedule --db "$db" --from "$from" --to "$to" --quiet "${WORK[@]}" || finish
n=$(grep -c . <(tail -n +2 "$tmp/before/bookings.csv"))
checks=$((checks + 1))
grep -q "^replan: moved $k of $n sessions ($k had to move), stability +$k[0-9]\.00 (10 per moved session" \
  "$tmp/replan.err" || fail "expected 'moved $k of $n sessions ($k had to move)': $(cat "$tmp/replan.err")"
step csv1 0 export csv --db "$db" --out "$tmp/after/bookings.csv" || finish
changed=$(diff <(cut -d, -f1,3-6 "$tmp/before/bookings.csv" | sort) <(cut -d, -f1,3-6 "$tmp/after/bookings.csv" | sort) | grep -c '^>')
checks=$((checks + 1))
[ "$changed" -eq "$k" ] || fail "$changed bookings.csv rows changed, $k had to move"
# the reported cost is the plan's own: check_plan.py recomputes it from the data with the sick day
checks=$((checks + 1))
if check "$tmp/in2" "$tmp/after/bookings.csv" --from "$from" --to "$to" --expect-all-placed --cost \
     >"$tmp/check.out" 2>&1; then
  mine=$(sed -n 's/^cost: \([0-9.]*\).*/\1/p' "$tmp/check.out" | head -1)
  theirs=$(sed -n 's/^summary: placed [0-9/]* cost \([0-9.]*\) .*/\1/p' "$tmp/replan.err")
  awk -v a="$mine" -v b="$theirs" 'BEGIN { d = a - b; exit !(a != "" && d < 0.01 && d > -0.01) }' ||
    fail "summary cost '$theirs' != check_plan.py cost '$mine'"
else
  fail "check_plan on the re-plan:"; head -10 "$tmp/check.out" >&2
fi

# --fresh: the old plan is ignored, far more than K sessions move
step fresh 0 schedule --db "$tmp/fresh.db" --from "$from" --to "$to" --quiet --fresh "${WORK[@]}" || finish
moved=$(sed -n "s/^replan: moved \([0-9]*\) of $n sessions ($k had to move), stability off.*/\1/p" "$tmp/fresh.err")
checks=$((checks + 1))
[ -n "$moved" ] && [ "$moved" -gt $((2 * k)) ] || fail "--fresh moved '$moved' (K = $k): $(cat "$tmp/fresh.err")"

finish
