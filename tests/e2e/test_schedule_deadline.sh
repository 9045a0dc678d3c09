#!/usr/bin/env bash
# test_schedule_deadline.sh — `ordo schedule --time-limit` bounds every
# phase (issue 10): construction, the bound LP/MIPs (their GLPK limits come
# from the time left), the search, and working out why sessions stay
# unplaced. 480 courses (the example's eight, 60 times) far too many for the
# resources: with --time-limit 0.2 the run still ends (generous `timeout`),
# saves a partial plan (exit 4), and the sessions the stopped construction
# never tried say so instead of being explained one by one past the limit.
# Environment (tests/CMakeLists.txt): ORDO_BIN, ORDO_SOURCE_DIR, ORDO_TMP.
set -u
ORDO=${ORDO_BIN:?}
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_schedule_deadline.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

mkdir "$tmp/big"
cp "$ORDO_SOURCE_DIR"/examples/training/*.csv "$tmp/big/"
python3 - "$tmp/big/courses.csv" <<'PY'
import csv, io, sys
path = sys.argv[1]
rows = list(csv.reader(io.StringIO(open(path, encoding="utf-8-sig", newline="").read())))
h = rows[0]
out = [h]
for k in range(60):
    for r in rows[1:]:
        r2 = list(r)
        r2[h.index("id")] = "%s-%d" % (r[0], k)
        r2[h.index("contract")] = ""
        r2[h.index("cohort")] = ""
        out.append(r2)
with open(path, "w", encoding="utf-8", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(out)
PY
db=$tmp/plan.db
"$ORDO" import "$tmp/big" --db "$db" >/dev/null 2>&1 || fail "import"

timeout 30 "$ORDO" schedule --db "$db" --from 2026-10-12 --to 2026-11-20 --time-limit 0.2 --quiet \
    >"$tmp/s.out" 2>"$tmp/s.err"
rc=$?
[ "$rc" = 4 ] || { fail "schedule --time-limit 0.2: exit $rc, expected 4"; cat "$tmp/s.err"; }
grep -Eq '^summary: placed [0-9]+/2340 ' "$tmp/s.err" || { fail "summary"; cat "$tmp/s.err"; }
timeout 30 "$ORDO" export csv --db "$db" --out "$tmp/out/bookings.csv" >/dev/null 2>&1 || fail "export csv"
n=$(grep -c ',time limit: the run stopped (--time-limit) before this session was tried$' "$tmp/out/unscheduled.csv")
[ "${n:-0}" -gt 0 ] || { fail "no session says the time limit stopped it"; head -5 "$tmp/out/unscheduled.csv"; }
echo "schedule --time-limit 0.2: exit $rc, $(head -1 "$tmp/s.err"); $n sessions stopped by the limit"

# a longer limit: the bound phases and the search still end with the run
timeout 60 "$ORDO" schedule --db "$db" --from 2026-10-12 --to 2026-11-20 --time-limit 3 --quiet \
    >"$tmp/s3.out" 2>"$tmp/s3.err"
rc=$?
[ "$rc" = 4 ] || { fail "schedule --time-limit 3: exit $rc, expected 4"; cat "$tmp/s3.err"; }
echo "schedule --time-limit 3: exit $rc, $(head -1 "$tmp/s3.err")"

echo "test_schedule_deadline: $fails failures"
[ "$fails" = 0 ]
