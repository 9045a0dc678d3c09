#!/bin/bash
# test_diagnose.sh — `ordo diagnose` on an instance built impossible in known
# ways (tests/e2e/data/diagnose, window 2027-01-04..2027-01-15):
#   oneday  3 sessions of 4 h in a one-day window           -> {window}
#   offday  2 sessions, 1 day apart, window of 2 days, only
#           T1 has skill b and T1 is off on the second day  -> {window, min_days_between, skill, time_off}
#   bank    2 x 4 h on a contract of 6 h                    -> {hour_bank}
#   big     30 participants, rooms of 20                    -> {seats}
#   coha/cohb  same cohort K, same one-day window, 3 x 4 h  -> the one left unscheduled: {window, cohort}
#   fine    fits                                            -> not listed; with --course: "fit"
# Every rule printed must be verified (lifting it alone lets the course fit)
# and re-solved (the whole plan solved again without it places the course),
# the database must be byte-identical afterwards, and errors must be clear.
set -u
ordo="${ORDO_BIN:?ORDO_BIN not set}"
src="${ORDO_SOURCE_DIR:?}"
mkdir -p "${ORDO_TMP:-/tmp}"
tmp="$(mktemp -d "${ORDO_TMP:-/tmp}/diagnose.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$ordo" import "$src/tests/e2e/data/diagnose" --db "$tmp/db" > /dev/null || { echo "FAIL: import"; exit 1; }
"$ordo" schedule --db "$tmp/db" --from 2027-01-04 --to 2027-01-15 --quiet --work 20000 2> "$tmp/sched"
rc=$?
[ "$rc" -eq 4 ] || fail "schedule exit $rc, expected 4 (sessions unscheduled)"
before=$(sha256sum < "$tmp/db")
t0=$(date +%s%N)
"$ordo" diagnose --db "$tmp/db" > "$tmp/out" 2> "$tmp/err" || fail "diagnose exit $?: $(cat "$tmp/err")"
t1=$(date +%s%N)
[ "$(sha256sum < "$tmp/db")" = "$before" ] || fail "diagnose changed the database"
echo "diagnose: $(( (t1 - t0) / 1000000 )) ms for the whole instance"
cat "$tmp/out"

python3 - "$tmp/out" <<'PY' || fail "diagnosis differs from the expected sets (above)"
import re, sys
sets, resolved, cur, bad = {}, {}, None, 0
for line in open(sys.argv[1]):
    m = re.match(r"course (\S+) ", line)
    if m:
        cur = m.group(1); sets[cur] = []; resolved[cur] = []
        continue
    m = re.match(r"    re-solved without the ([a-z_]+) rule: (\d+)/(\d+) sessions of (\S+) placed", line)
    if m:
        resolved[cur].append(m.group(1))
        if m.group(2) != m.group(3) or m.group(4) != cur:
            print("re-solve did not place the course:", line.strip()); bad = 1
        continue
    m = re.match(r"  - ([a-z_]+): .*\[(.*)\]$", line)
    if m:
        sets[cur].append(m.group(1))
        if not m.group(2).startswith("verified"):
            print("not verified:", line.strip()); bad = 1
expected = {
    "oneday": ["window"],
    "offday": ["min_days_between", "skill", "time_off", "window"],
    "bank": ["hour_bank"],
    "big": ["seats"],
}
for course, want in expected.items():
    got = sorted(sets.get(course, ["<not diagnosed>"]))
    if got != want:
        print("%s: got %s, expected %s" % (course, got, want)); bad = 1
coh = [c for c in ("coha", "cohb") if c in sets]
if len(coh) != 1 or sorted(sets[coh[0]]) != ["cohort", "window"]:
    print("cohort case: got %s" % {c: sets[c] for c in coh}); bad = 1
for course in sets:
    if sorted(resolved[course]) != sorted(sets[course]):
        print("%s: re-solved %s, set %s" % (course, resolved[course], sets[course])); bad = 1
if "fine" in sets:
    print("course 'fine' has no unscheduled session but was diagnosed"); bad = 1
sys.exit(bad)
PY

"$ordo" diagnose --db "$tmp/db" --course fine > "$tmp/fine" || fail "diagnose --course fine"
grep -q "^course fine (Fits): all 2 sessions fit" "$tmp/fine" || fail "fine: $(cat "$tmp/fine")"
"$ordo" diagnose --db "$tmp/db" --course nosuch > /dev/null 2> "$tmp/err"
rc=$?
[ "$rc" -eq 3 ] || fail "unknown course: exit $rc, expected 3"
grep -q "no course 'nosuch'" "$tmp/err" || fail "unknown course message: $(cat "$tmp/err")"
"$ordo" diagnose --db "$tmp/db" --from 2027-01-04 > /dev/null 2>&1
[ $? -eq 2 ] || fail "--from without --to must be a usage error"

[ "$fails" -eq 0 ] && echo "test_diagnose: OK" || echo "test_diagnose: $fails failure(s)"
[ "$fails" -eq 0 ]
