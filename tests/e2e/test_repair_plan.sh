#!/usr/bin/env bash
# test_repair_plan.sh — `ordo repair` judged by the independent checker: a
# generated instance (gen_training, size S) is scheduled; the three busiest
# teachers of one week import two days of unavailability from a calendar;
# check_plan.py must then find the plan broken, and after `ordo repair`
# (also with --allow-moves) whole again — with exactly the reported sessions
# changed in bookings.csv and every other row the same.
# Environment (tests/CMakeLists.txt): ORDO_BIN, ORDO_SOURCE_DIR, ORDO_TMP.
# Skipped (exit 0 with a note) when the benchmark generator is not built.
set -uo pipefail

ordo=${ORDO_BIN:?ORDO_BIN not set}
src=${ORDO_SOURCE_DIR:?ORDO_SOURCE_DIR not set}
gen=$(dirname "$ordo")/benchmarks/gen_training
if [ ! -x "$gen" ]; then
  echo "test_repair_plan: skipped ($gen not built)"
  exit 0
fi
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_repair_plan.XXXXXX")
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
# shellcheck source=ordo_steps.bash
. "$src/tests/e2e/ordo_steps.bash"
check() { python3 "$src/tests/e2e/check_plan.py" "$@"; }

"$gen" --size S --seed 3 --out "$tmp/in" >"$tmp/gen.out" || { fail "gen_training"; finish; }
from=$(sed -n 's/^window: --from \([0-9-]*\) .*/\1/p' "$tmp/gen.out")
to=$(sed -n 's/^window: .* --to \([0-9-]*\).*/\1/p' "$tmp/gen.out")
db="$tmp/s.db"
step import 0 import "$tmp/in" --db "$db" || finish
step schedule 0 schedule --db "$db" --from "$from" --to "$to" --quiet --work 180000 || finish
step csv0 0 export csv --db "$db" --out "$tmp/before/bookings.csv" || finish

# the three teachers with most bookings in the second week; two days off each
day1=$(date -u -d "$from + 8 days" +%F)
day3=$(date -u -d "$from + 10 days" +%F)
awk -F, -v a="$day1" -v b="$day3" 'NR > 1 && substr($3, 1, 10) >= a && substr($3, 1, 10) < b {
    n = split($6, r, ";"); for (i = 1; i <= n; i++) if (r[i] ~ /^tch-/) c[r[i]]++ }
  END { for (t in c) print c[t], t }' "$tmp/before/bookings.csv" | sort -k1,1nr -k2 | head -3 | cut -d' ' -f2 >"$tmp/teachers"
checks=$((checks + 1))
[ "$(wc -l <"$tmp/teachers")" -eq 3 ] || { fail "no busy teachers found in $day1..$day3"; finish; }
cp -r "$tmp/in" "$tmp/in2"
while read -r t; do
  printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//test//test//EN BEGIN:VEVENT "UID:off-$t@test" \
    DTSTAMP:20260101T000000Z "DTSTART;VALUE=DATE:${day1//-/}" "DTEND;VALUE=DATE:${day3//-/}" \
    END:VEVENT END:VCALENDAR >"$tmp/$t.ics"
  step "ical_$t" 0 import ical --db "$db" --resource "$t" --from "$from" --to "$to" "$tmp/$t.ics"
  echo "$t,${day1}T00:00,${day3}T00:00,calendar" >>"$tmp/in2/time_off.csv"
done <"$tmp/teachers"

checks=$((checks + 1))
if check "$tmp/in2" "$tmp/before/bookings.csv" --from "$from" --to "$to" >"$tmp/check0.out" 2>&1; then
  fail "the new time off breaks nothing: the test proves nothing"
fi
broken=$(grep -c ': time_off: ' "$tmp/check0.out")

cp "$db" "$tmp/k.db"
for variant in plain moves; do
  d="$db"; extra=()
  [ "$variant" = moves ] && { d="$tmp/k.db"; extra=(--allow-moves 2); }
  step "repair_$variant" 0 repair --db "$d" --from "$from" --to "$to" "${extra[@]}" || continue
  out="$tmp/repair_$variant.out"
  checks=$((checks + 1))
  grep -q "^summary: infeasible $broken placed $broken not placed 0 " "$out" ||
    fail "$variant: summary does not match the $broken sessions the checker found: $(tail -1 "$out")"
  step "csv_$variant" 0 export csv --db "$d" --out "$tmp/$variant/bookings.csv" || continue
  checks=$((checks + 1))
  check "$tmp/in2" "$tmp/$variant/bookings.csv" --from "$from" --to "$to" --expect-all-placed >"$tmp/check_$variant.out" 2>&1 ||
    { fail "$variant: the repaired plan breaks a rule:"; head -10 "$tmp/check_$variant.out" >&2; }
  # only the moved sessions changed (rows compared by course and start; numbering may shift)
  moved=$(grep -c '^moved ' "$out")
  changed=$(diff <(cut -d, -f1,3-6 "$tmp/before/bookings.csv" | sort) <(cut -d, -f1,3-6 "$tmp/$variant/bookings.csv" | sort) | grep -c '^>')
  checks=$((checks + 1))
  [ "$changed" -eq "$moved" ] || fail "$variant: $changed bookings.csv rows changed, $moved sessions reported moved"
done

finish
