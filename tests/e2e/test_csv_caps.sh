#!/usr/bin/env bash
# test_csv_caps.sh — `ordo import` refuses CSV input past the documented caps
# (io/csv.h: 64 MiB per file, 1 MiB per line) quickly, with FILE:LINE and
# exit 3, and leaves the database as it was: a services.csv that is a link to
# /dev/zero stops at the cap (bounded memory, within seconds), a 2 MiB line
# is refused at its line, a 65 MiB file of short lines is refused.
# Environment (tests/CMakeLists.txt): ORDO_BIN, ORDO_SOURCE_DIR, ORDO_TMP.
set -u
ORDO=${ORDO_BIN:?}
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_csv_caps.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

db=$tmp/plan.db
"$ORDO" import "$ORDO_SOURCE_DIR/examples/training" --db "$db" >/dev/null 2>&1 || fail "baseline import"
sum_before=$(sha256sum "$db" | cut -d' ' -f1)

run_case() {   # name dir expect-regex
    local name=$1 dir=$2 re=$3 rc t0 t1 kb
    t0=$(date +%s)
    # Peak memory through GNU time when installed (scripts/setup.sh installs it).
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%M' -o "$tmp/$name.mem" timeout 60 "$ORDO" import "$dir" --db "$db" \
            >"$tmp/$name.out" 2>"$tmp/$name.err"
    else
        echo 0 >"$tmp/$name.mem"
        timeout 60 "$ORDO" import "$dir" --db "$db" >"$tmp/$name.out" 2>"$tmp/$name.err"
    fi
    rc=$?
    t1=$(date +%s)
    kb=$(tail -1 "$tmp/$name.mem")
    [ "$rc" = 3 ] || fail "$name: exit $rc, expected 3"
    grep -Eq "$re" "$tmp/$name.err" || { fail "$name: no /$re/ in stderr:"; head -c 400 "$tmp/$name.err"; }
    [ $((t1 - t0)) -le 20 ] || fail "$name: took $((t1 - t0)) s"
    # Memory stays near the cap (64 MiB of data + the program), far from "all of it".
    [ "${kb:-999999999}" -lt 400000 ] || fail "$name: peak RSS ${kb} KiB"
    echo "$name: exit $rc in $((t1 - t0)) s, peak RSS ${kb} KiB: $(head -1 "$tmp/$name.err")"
    [ "$(sha256sum "$db" | cut -d' ' -f1)" = "$sum_before" ] || fail "$name: database changed"
}

mkdir "$tmp/zero"
cp "$ORDO_SOURCE_DIR"/examples/training/*.csv "$tmp/zero/"
ln -sf /dev/zero "$tmp/zero/services.csv"
run_case zero "$tmp/zero" 'services\.csv:1: line is longer than 1 MiB'

mkdir "$tmp/long"
cp "$ORDO_SOURCE_DIR"/examples/training/*.csv "$tmp/long/"
{ head -1 "$ORDO_SOURCE_DIR/examples/training/services.csv"; echo "a,b"; echo "c,d";
  head -c $((2 << 20)) /dev/zero | tr '\0' x; echo; } >"$tmp/long/services.csv"
run_case long "$tmp/long" 'services\.csv:4: line is longer than 1 MiB'

mkdir "$tmp/big"
cp "$ORDO_SOURCE_DIR"/examples/training/*.csv "$tmp/big/"
yes 'x,y,z,w,v,u,t,s,r,q,p' | head -c $((65 << 20)) >"$tmp/big/services.csv"
run_case big "$tmp/big" 'services\.csv:[0-9]+: file is larger than 64 MiB'

echo "test_csv_caps: $fails failures"
[ "$fails" = 0 ]
