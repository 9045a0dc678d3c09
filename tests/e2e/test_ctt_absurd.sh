#!/usr/bin/env bash
# test_ctt_absurd.sh — `ordo ctt solve` refuses .ctt instances no timetable
# could hold or whose matrices would not fit in memory (issue 10), with
# FILE:LINE, exit 3, within a generous `timeout`: a course with more lectures
# than there are periods; a Courses header whose course x period matrix
# exceeds the cap; a file over 64 MiB. A sane tiny instance still solves.
# Environment (tests/CMakeLists.txt): ORDO_BIN, ORDO_TMP.
set -u
ORDO=${ORDO_BIN:?}
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_ctt_absurd.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

inst() {   # name courses-header lectures [days]
    cat >"$tmp/$1.ctt" <<CTT
Name: $1
Courses: $2
Rooms: 1
Days: ${4:-5}
Periods_per_day: 4
Curricula: 1
Constraints: 0

COURSES:
c1 t1 $3 1 10

ROOMS:
r1 20

CURRICULA:
q1 1 c1

UNAVAILABILITY_CONSTRAINTS:

END.
CTT
}

refused() {   # name regex
    local name=$1 re=$2 rc
    timeout 10 "$ORDO" ctt solve "$tmp/$name.ctt" --out "$tmp/$name.sol" --quiet >"$tmp/$name.out" 2>"$tmp/$name.err"
    rc=$?
    [ "$rc" = 3 ] || { fail "$name: exit $rc, expected 3"; head -c 300 "$tmp/$name.err"; }
    grep -Eq "$re" "$tmp/$name.err" || { fail "$name: no /$re/ in:"; head -c 400 "$tmp/$name.err"; }
    [ ! -s "$tmp/$name.sol" ] || fail "$name: a solution was written"
    echo "$name: exit $rc: $(head -1 "$tmp/$name.err" | cut -c1-200)"
}

inst lectures 1 21
refused lectures 'lectures\.ctt:10: course .c1.: lectures: 21 lectures, but there are only 20 periods'
inst grid 1000000 2 7
refused grid 'grid\.ctt:2: 1000000 courses x 28 periods exceeds 20000000'
{ cat "$tmp/lectures.ctt"; head -c $((65 << 20)) /dev/zero | tr '\0' ' '; } >"$tmp/big.ctt"
refused big 'big\.ctt: larger than 64 MiB'

inst fine 1 20
timeout 10 "$ORDO" ctt solve "$tmp/fine.ctt" --out "$tmp/fine.sol" --quiet --time-limit 2 >"$tmp/fine.out" 2>"$tmp/fine.err"
rc=$?
[ "$rc" = 0 ] || { fail "fine: exit $rc"; cat "$tmp/fine.err"; }
[ "$(wc -l <"$tmp/fine.sol")" = 20 ] || fail "fine: $(wc -l <"$tmp/fine.sol") lectures written, expected 20"

echo "test_ctt_absurd: $fails failures"
[ "$fails" = 0 ]
