#!/usr/bin/env bash
# test_import_absurd.sh — `ordo import` refuses values no plan could ever
# hold (issue 10), with FILE:LINE: FIELD, exit 3, quickly (a generous
# `timeout`), and the database byte-identical (cmp): sessions=999999999 (was
# imported, and `schedule` then grew to 3.9 GB), more sessions than the
# window's days can take, a service longer than a day, a requirement count
# larger than the resources of that kind at any one site.
# Environment (tests/CMakeLists.txt): ORDO_BIN, ORDO_SOURCE_DIR, ORDO_TMP.
set -u
ORDO=${ORDO_BIN:?}
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_import_absurd.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
train=$ORDO_SOURCE_DIR/examples/training

db=$tmp/plan.db
"$ORDO" import "$train" --db "$db" >/dev/null 2>&1 || fail "baseline import"
cp "$db" "$tmp/before.db"

case_dir() {   # name file python-expression-on-rows — a copy of the example with one cell changed
    local name=$1 file=$2 expr=$3
    mkdir -p "$tmp/$name"
    cp "$train"/*.csv "$tmp/$name/"
    python3 - "$tmp/$name/$file" "$expr" <<'PY'
import csv, io, sys
path, expr = sys.argv[1], sys.argv[2]
rows = list(csv.reader(io.StringIO(open(path, encoding="utf-8-sig", newline="").read())))
h = rows[0]
exec(expr)
with open(path, "w", encoding="utf-8", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
PY
}

refused() {   # name regex
    local name=$1 re=$2 rc
    timeout 10 "$ORDO" import "$tmp/$name" --db "$db" >"$tmp/$name.out" 2>"$tmp/$name.err"
    rc=$?
    [ "$rc" = 3 ] || { fail "$name: exit $rc, expected 3"; head -c 300 "$tmp/$name.err"; }
    grep -Eq "$re" "$tmp/$name.err" || { fail "$name: no /$re/ in:"; head -c 400 "$tmp/$name.err"; }
    cmp -s "$db" "$tmp/before.db" || { fail "$name: database changed"; cp "$tmp/before.db" "$db"; }
    echo "$name: exit $rc: $(head -1 "$tmp/$name.err" | cut -c1-200)"
}

case_dir huge courses.csv 'rows[1][h.index("sessions")] = "999999999"'
refused huge 'courses\.csv:2: sessions: 999999999 sessions; a course has at most 10000'
case_dir nofit courses.csv 'rows[1][h.index("sessions")] = "14"'     # 2 days apart in 2026-10-12..11-06
refused nofit 'courses\.csv:2: sessions: 14 sessions cannot fit in 2026-10-12\.\.2026-11-06 \(26 days, 2 days apart, [0-9]+ minutes each\): at most 13'
case_dir long services.csv 'rows[1][h.index("duration_minutes")] = "1441"'
refused long 'services\.csv:2: duration_minutes: 1441 minutes is longer than a day'
case_dir count requirements.csv 'rows[1][h.index("count")] = "40"'
refused count 'requirements\.csv:2: count: 40 resources of kind [a-z]+.*no site has that many \(at most [0-9]+ at one site\)'

# the limits themselves are accepted: 13 sessions fit the same window
case_dir fits courses.csv 'rows[1][h.index("sessions")] = "13"'
timeout 10 "$ORDO" import "$tmp/fits" --db "$db" >"$tmp/fits.out" 2>"$tmp/fits.err" ||
    { fail "fits: exit $?"; cat "$tmp/fits.err"; }

echo "test_import_absurd: $fails failures"
[ "$fails" = 0 ]
