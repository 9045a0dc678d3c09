#!/bin/bash
# test_pipeline.sh — the whole training pipeline, judged from outside:
#   ordo import examples/training -> schedule 2026-10-12..2026-11-20 ->
#   export csv -> check_plan.py (independent re-check of every hard rule,
#   every session placed) -> export ical -> ics-check on every .ics, and the
#   calendars agree with bookings.csv (one event per booking and resource,
#   same local starts, same UIDs in a resource's and a course's file).
# Then stability: re-exporting an unchanged plan gives byte-identical files,
# and re-running schedule keeps every session's UID.
# Every reported cost is recomputed by check_plan.py --cost (from the
# formulas of solver/README.md) and must agree within 0.01, with the bound
# not above it: on the example, on the re-planned example, and on a
# generated instance (benchmarks/gen_training --size S --seed 1).
# Environment (tests/CMakeLists.txt): ORDO_BIN, ORDO_SOURCE_DIR,
# ORDO_SHARED_DIR, ORDO_TMP. ICS_CHECK_OPTS may pass options to ics-check
# (e.g. "--no-khal" for a faster local run).
set -uo pipefail

ordo=${ORDO_BIN:?ORDO_BIN not set}
src=${ORDO_SOURCE_DIR:?ORDO_SOURCE_DIR not set}
shared=${ORDO_SHARED_DIR:-$src/../shared}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
input="$src/examples/training"
FROM=2026-10-12
TO=2026-11-20
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_pipeline.XXXXXX")
[ -n "${KEEP_WORK:-}" ] || trap 'rm -rf "$tmp"' EXIT
db="$tmp/plan.db"

# shellcheck source=ordo_steps.bash
. "$here/ordo_steps.bash"      # fail, step, finish
# cost_agrees NAME SCHEDULE_STDERR CHECK_STDOUT: the summary line's cost
# equals check_plan.py's recomputed "cost: X" within 0.01, and bound <= cost.
cost_agrees() {
  local name=$1 err=$2 out=$3 line cost bound mine
  checks=$((checks + 1))
  line=$(grep '^summary: ' "$err")
  read -r cost bound <<<"$(echo "$line" |
    sed -nE 's/^summary: placed [0-9]+\/[0-9]+ cost ([0-9.]+) bound ([0-9.]+) gap .*/\1 \2/p')"
  mine=$(sed -n 's/^cost: //p' "$out")
  if [ -z "$cost" ] || [ -z "$bound" ] || [ -z "$mine" ]; then
    fail "$name: no cost to compare (summary '$line', check_plan cost '$mine')"
    return
  fi
  awk -v c="$cost" -v m="$mine" 'BEGIN { d = c - m; exit !(d <= 0.01 && d >= -0.01) }' ||
    { fail "$name: ordo reports cost $cost, check_plan.py recomputes $mine:"
      grep '^cost' "$out" | sed 's/^/    /' >&2; }
  checks=$((checks + 1))
  awk -v b="$bound" -v c="$cost" 'BEGIN { exit !(b <= c) }' ||
    fail "$name: bound $bound is above the cost $cost"
}

# ---------------------------------------------------------------- plan
step import 0 import "$input" --db "$db" || finish
step schedule 0 schedule --db "$db" --from $FROM --to $TO --quiet --work 50000 || finish
step export_csv 0 export csv --db "$db" --out "$tmp/plan1/bookings.csv" || finish

checks=$((checks + 1))
if ! python3 "$here/check_plan.py" "$input" "$tmp/plan1/bookings.csv" \
       --from $FROM --to $TO --expect-all-placed --cost >"$tmp/check1.out" 2>&1; then
  fail "check_plan on the first plan:"; sed 's/^/    /' "$tmp/check1.out" >&2
fi
cost_agrees "example plan" "$tmp/schedule.err" "$tmp/check1.out"
# Every course of the example has its sessions in bookings.csv.
want_sessions=$(python3 -c 'import csv,sys; print(sum(int(r["sessions"]) for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))))' "$input/courses.csv")
got_rows=$(($(wc -l < "$tmp/plan1/bookings.csv") - 1))
checks=$((checks + 1))
[ "$got_rows" -eq "$want_sessions" ] ||
  fail "bookings.csv has $got_rows rows, courses.csv asks for $want_sessions sessions"

# ---------------------------------------------------------------- calendars
step export_ical 0 export ical --db "$db" --out "$tmp/ical1" || finish
shopt -s nullglob
ics=("$tmp"/ical1/*.ics)
checks=$((checks + 1))
[ ${#ics[@]} -gt 0 ] || fail "export ical wrote no .ics file"
for f in "${ics[@]}"; do
  checks=$((checks + 1))
  # shellcheck disable=SC2086
  if ! "$shared/tools/ics-check" ${ICS_CHECK_OPTS:-} "$f" >"$tmp/ics-check.out" 2>&1; then
    fail "ics-check $(basename "$f"):"; sed 's/^/    /' "$tmp/ics-check.out" >&2
  fi
done

# The calendars tell the same story as bookings.csv.
checks=$((checks + 1))
python3 - "$tmp/plan1/bookings.csv" "$tmp/ical1" >"$tmp/agree.out" 2>&1 <<'EOF' ||
import csv, os, re, sys
bookings, folder = sys.argv[1], sys.argv[2]

def events(path):
    """(UID, DTSTART local value, STATUS) of each VEVENT; lines unfolded."""
    text = open(path, encoding="utf-8", newline="").read().replace("\r\n ", "").replace("\r\n\t", "")
    out, cur = [], None
    for line in text.split("\r\n"):
        if line == "BEGIN:VEVENT":
            cur = {}
        elif line == "END:VEVENT":
            out.append(cur); cur = None
        elif cur is not None and ":" in line:
            name, value = line.split(":", 1)
            cur.setdefault(name.split(";")[0], value)
    return out

want = {}      # file name -> sorted local starts (YYYYMMDDTHHMM00)
for r in csv.DictReader(open(bookings, encoding="utf-8", newline="")):
    start = r["start"].replace("-", "").replace(":", "") + "00"
    want.setdefault("course-%s.ics" % r["course"], []).append(start)
    for res in r["resources"].split(";"):
        want.setdefault("resource-%s.ics" % res, []).append(start)
problems = []
have = sorted(f for f in os.listdir(folder) if f.endswith(".ics"))
if not set(want) <= set(have):
    problems.append("files %s, bookings.csv implies %s" % (have, sorted(want)))
for name in sorted(set(have) - set(want)):     # every resource and course has a file
    if any(e.get("STATUS") == "CONFIRMED" for e in events(os.path.join(folder, name))):
        problems.append("%s: confirmed events but no booking in bookings.csv" % name)
uid_course = {}
for name in sorted(set(have) & set(want)):
    evs = events(os.path.join(folder, name))
    starts = sorted(e.get("DTSTART", "") for e in evs)
    if starts != sorted(want[name]):
        problems.append("%s: DTSTART %s, bookings.csv %s" % (name, starts, sorted(want[name])))
    for e in evs:
        if e.get("STATUS") != "CONFIRMED":
            problems.append("%s: UID %s has STATUS %s" % (name, e.get("UID"), e.get("STATUS")))
        if name.startswith("course-"):
            uid_course[e.get("UID")] = e.get("DTSTART")
for name in sorted(set(have) & set(want)):
    if name.startswith("resource-"):
        for e in events(os.path.join(folder, name)):
            if uid_course.get(e.get("UID")) != e.get("DTSTART"):
                problems.append("%s: UID %s (DTSTART %s) is not the same event in a course file"
                                % (name, e.get("UID"), e.get("DTSTART")))
print("\n".join(problems) if problems else "calendars agree with bookings.csv")
sys.exit(1 if problems else 0)
EOF
  { fail "calendars vs bookings.csv:"; sed 's/^/    /' "$tmp/agree.out" >&2; }

# ---------------------------------------------------------------- stability
# Re-exporting the unchanged plan: byte-identical files.
step export_csv_again 0 export csv --db "$db" --out "$tmp/plan1b/bookings.csv"
step export_ical_again 0 export ical --db "$db" --out "$tmp/ical1b"
checks=$((checks + 1))
diff -r "$tmp/plan1" "$tmp/plan1b" >"$tmp/diff.out" 2>&1 ||
  { fail "re-exported bookings.csv differs:"; head -20 "$tmp/diff.out" >&2; }
checks=$((checks + 1))
diff -r "$tmp/ical1" "$tmp/ical1b" >"$tmp/diff.out" 2>&1 ||
  { fail "re-exported calendars differ:"; head -20 "$tmp/diff.out" >&2; }

# Re-planning keeps every session's UID (the stable internal ids), and the new
# plan passes the checker too.
uids() {   # FOLDER -> "file UID" lines, sorted
  local f
  for f in "$1"/*.ics; do
    tr -d '\r' < "$f" | sed -n 's/^UID://p' | sed "s|^|$(basename "$f") |"
  done | sort
}
step schedule_again 0 schedule --db "$db" --from $FROM --to $TO --quiet --work 50000
step export_csv_2 0 export csv --db "$db" --out "$tmp/plan2/bookings.csv"
step export_ical_2 0 export ical --db "$db" --out "$tmp/ical2"
checks=$((checks + 1))
uids "$tmp/ical1" > "$tmp/uids1"
uids "$tmp/ical2" > "$tmp/uids2"
if [ ! -s "$tmp/uids1" ]; then
  fail "no UID in the first calendars"
elif ! diff "$tmp/uids1" "$tmp/uids2" >"$tmp/diff.out"; then
  fail "session UIDs changed after re-running schedule:"; head -20 "$tmp/diff.out" >&2
fi
checks=$((checks + 1))
if ! python3 "$here/check_plan.py" "$input" "$tmp/plan2/bookings.csv" \
       --from $FROM --to $TO --expect-all-placed --cost >"$tmp/check2.out" 2>&1; then
  fail "check_plan on the re-planned plan:"; sed 's/^/    /' "$tmp/check2.out" >&2
fi
cost_agrees "re-planned example" "$tmp/schedule_again.err" "$tmp/check2.out"

# ---------------------------------------------------------------- generated instance
gen="$(dirname "$ordo")/benchmarks/gen_training"
checks=$((checks + 1))
if [ ! -x "$gen" ]; then
  fail "$gen not built (configure with -DORDO_BUILD_BENCH=ON)"
  finish
fi
if ! "$gen" --size S --seed 1 --out "$tmp/gen" >"$tmp/gen.out" 2>&1; then
  fail "gen_training failed:"; sed 's/^/    /' "$tmp/gen.out" >&2; finish
fi
read -r -a window <<<"$(sed -n 's/^window: //p' "$tmp/gen.out")"
checks=$((checks + 1))
if [ "${#window[@]}" -ne 4 ] || [ "${window[0]}" != --from ] || [ "${window[2]}" != --to ]; then
  fail "gen_training printed no 'window: --from A --to B' line:"; sed 's/^/    /' "$tmp/gen.out" >&2
  finish
fi
step gen_import 0 import "$tmp/gen" --db "$tmp/gen.db" || finish
step gen_schedule 0 schedule --db "$tmp/gen.db" "${window[@]}" --quiet --work 180000 || finish
step gen_export 0 export csv --db "$tmp/gen.db" --out "$tmp/gen-plan/bookings.csv" || finish
checks=$((checks + 1))
if ! python3 "$here/check_plan.py" "$tmp/gen" "$tmp/gen-plan/bookings.csv" "${window[@]}" \
       --expect-all-placed --cost >"$tmp/gen-check.out" 2>&1; then
  fail "check_plan on the generated instance:"; sed 's/^/    /' "$tmp/gen-check.out" >&2
fi
cost_agrees "generated S instance" "$tmp/gen_schedule.err" "$tmp/gen-check.out"

finish
