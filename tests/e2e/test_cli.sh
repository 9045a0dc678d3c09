#!/usr/bin/env bash
# test_cli.sh — the `ordo` command as a user meets it: usage errors exit 2
# and change nothing, help and version, import of examples/training, an
# invalid folder refused with FILE:LINE: COLUMN and the database left byte
# for byte as it was, schedule's summary line and exit code, the three
# exports, and the ctt commands on an ITC-2007 instance.
# Environment (tests/CMakeLists.txt): ORDO_BIN, ORDO_SOURCE_DIR, ORDO_SHARED_DIR, ORDO_TMP.
set -uo pipefail

ordo=${ORDO_BIN:?ORDO_BIN not set}
src=${ORDO_SOURCE_DIR:?ORDO_SOURCE_DIR not set}
shared=${ORDO_SHARED_DIR:-$src/../shared}
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_cli.XXXXXX")
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT

failures=0
checks=0
fail() { failures=$((failures + 1)); echo "FAIL: $*" >&2; }
ok() { checks=$((checks + 1)); }

# run NAME ARGS...: runs ordo, keeps stdout/stderr in $tmp/NAME.out/.err, sets $rc.
run() {
  local name=$1; shift
  "$ordo" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
  rc=$?
}
# expect CODE NAME ARGS...
expect() {
  local want=$1 name=$2; shift 2
  run "$name" "$@"
  ok
  if [ "$rc" -ne "$want" ]; then
    fail "$name: 'ordo $*' exited $rc, expected $want; stderr:"
    sed 's/^/    /' "$tmp/$name.err" >&2
  fi
}
# has FILE REGEX WHAT
has() {
  ok
  grep -qE -- "$2" "$1" || { fail "$3: no line matching /$2/ in $(basename "$1"):"; sed 's/^/    /' "$1" | head -20 >&2; }
}
# The one summary line of ordo schedule (README "Commands").
re='^summary: placed ([0-9]+)/([0-9]+) cost -?[0-9]+\.[0-9]{2} bound -?[0-9]+\.[0-9]{2} gap -?[0-9]+\.[0-9]{4}$'
hash_of() { sha256sum "$1" | cut -d' ' -f1; }

# ---------------------------------------------------------------- help, version
expect 0 help --help
has "$tmp/help.out" '^Usage: ordo COMMAND' "ordo --help"
has "$tmp/help.out" 'import' "ordo --help lists import"
expect 2 noargs
has "$tmp/noargs.err" '^Usage: ordo' "ordo alone prints usage on stderr"
expect 0 version --version
want_version=$(sed -n 's/^project(ordo VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
has "$tmp/version.out" "^ordo ${want_version//./\\.}\$" "ordo --version matches CMakeLists.txt"
for c in import schedule export ctt; do
  expect 0 "help_$c" "$c" --help
  has "$tmp/help_$c.out" "^Usage: ordo $c" "ordo $c --help"
done
expect 2 unknown_cmd frobnicate
has "$tmp/unknown_cmd.err" "unknown command 'frobnicate'" "unknown command named"
expect 2 unknown_opt --frobnicate

# ---------------------------------------------------------------- usage errors
db0="$tmp/never.db"
expect 2 imp_nodb import "$src/examples/training"
expect 2 imp_nodir import --db "$db0"
expect 2 imp_twodirs import a b --db "$db0"
expect 2 imp_badopt import x --db "$db0" --bogus
expect 2 sch_nofrom schedule --db "$db0" --to 2026-10-01
has "$tmp/sch_nofrom.err" 'missing --from' "schedule names the missing option"
expect 2 sch_baddate schedule --db "$db0" --from 2026-13-01 --to 2026-12-01
has "$tmp/sch_baddate.err" "--from '2026-13-01'" "schedule names the bad date"
expect 2 sch_baddate2 schedule --db "$db0" --from 2026-10-1 --to 2026-12-01
expect 2 sch_order schedule --db "$db0" --from 2026-10-02 --to 2026-10-01
expect 2 sch_slot7 schedule --db "$db0" --from 2026-10-01 --to 2026-10-02 --slot 7
expect 2 sch_slot4 schedule --db "$db0" --from 2026-10-01 --to 2026-10-02 --slot 4
expect 2 sch_slotx schedule --db "$db0" --from 2026-10-01 --to 2026-10-02 --slot 30x
expect 2 sch_seed schedule --db "$db0" --from 2026-10-01 --to 2026-10-02 --seed -1
expect 2 sch_time schedule --db "$db0" --from 2026-10-01 --to 2026-10-02 --time-limit soon
expect 2 sch_work schedule --db "$db0" --from 2026-10-01 --to 2026-10-02 --work 0
expect 2 sch_extra schedule extra --db "$db0" --from 2026-10-01 --to 2026-10-02
expect 2 exp_nofmt export --db "$db0" --out "$tmp/x"
expect 2 exp_badfmt export pdf --db "$db0" --out "$tmp/x"
expect 2 exp_noout export csv --db "$db0"
expect 2 ctt_nosub ctt
expect 2 ctt_badsub ctt frob
expect 2 ctt_noout ctt solve "$shared/data/itc2007/comp01.ctt"
expect 2 ctt_check1 ctt check "$shared/data/itc2007/comp01.ctt"
ok; [ ! -e "$db0" ] || fail "a usage error created the database file"
# A database that does not exist is not created by schedule or export.
expect 1 sch_missingdb schedule --db "$db0" --from 2026-10-01 --to 2026-10-02
expect 1 exp_missingdb export csv --db "$db0" --out "$tmp/x/bookings.csv"
ok; [ ! -e "$db0" ] || fail "schedule/export created a missing database"

# ---------------------------------------------------------------- import
train="$src/examples/training"
ok
if ! ls "$train"/*.csv >/dev/null 2>&1; then
  fail "examples/training has no CSV files"
else
  db="$tmp/plan.db"
  expect 0 imp_ok import "$train" --db "$db"
  has "$tmp/imp_ok.out" "^imported .*training into .*plan\.db" "import prints a summary"
  has "$tmp/imp_ok.out" "[1-9][0-9]* courses" "import counts courses"

  # Re-import of the same folder is accepted (upsert).
  expect 0 imp_again import "$train" --db "$db"

  # A broken cell: first data row of services.csv, duration_minutes = "ninety".
  # sites.csv (read before services.csv) also renames a site, so that saving
  # a half-merged model would show in the database file.
  bad="$tmp/bad"
  cp -r "$train" "$bad"
  /usr/bin/python3 - "$bad" <<'PY'
import csv, io, sys
def edit(path, column, value):
    rows = list(csv.reader(io.StringIO(open(path, encoding="utf-8-sig", newline="").read())))
    rows[1][rows[0].index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
edit(sys.argv[1] + "/sites.csv", "name", "Renamed by a refused import")
edit(sys.argv[1] + "/services.csv", "duration_minutes", "ninety")
PY
  before=$(hash_of "$db")
  expect 3 imp_bad import "$bad" --db "$db"
  has "$tmp/imp_bad.err" "^$bad/services\.csv:2: duration_minutes: " "the error names DIR/FILE:LINE: COLUMN"
  ok; [ "$(hash_of "$db")" = "$before" ] || fail "a refused import changed the database file"
  # Into a new database: refused and no file left behind.
  expect 3 imp_bad_new import "$bad" --db "$tmp/new.db"
  ok; [ ! -e "$tmp/new.db" ] || fail "a refused import left a new database file behind"
  expect 3 imp_nofolder import "$tmp/no-such-folder" --db "$tmp/new.db"
  expect 3 imp_notfolder import "$bad/services.csv" --db "$tmp/new.db"
  has "$tmp/imp_notfolder.err" "services\.csv: not a folder" "import of a file names it"
  ok; [ ! -e "$tmp/new.db" ] || fail "an import of a missing folder created the database"

  # Another process holds the write lock: exit 6, database unchanged.
  /usr/bin/python3 - "$db" "$tmp/locked" "$tmp/release" <<'PY' &
import os, sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=0)
con.execute("BEGIN EXCLUSIVE")
open(sys.argv[2], "w").close()
for _ in range(600):                      # at most 60 s
    if os.path.exists(sys.argv[3]):
        break
    time.sleep(0.1)
con.execute("ROLLBACK")
PY
  locker=$!
  for _ in $(seq 100); do [ -e "$tmp/locked" ] && break; sleep 0.1; done
  ok; [ -e "$tmp/locked" ] || fail "could not take the database lock from python3"
  expect 6 imp_busy import "$train" --db "$db"
  has "$tmp/imp_busy.err" "busy" "a busy database is reported as busy"
  : >"$tmp/release"
  wait "$locker"
  ok; [ "$(hash_of "$db")" = "$before" ] || fail "a busy import changed the database file"

  # ------------------------------------------------------------ schedule
  # The score's figures add up: the goals' "(any plan: at least +X)" sum to
  # the "together" line's first figure, and that line's two figures to the
  # summary's bound (the example's joint bounds add to the goals' own).
  cp "$db" "$tmp/tog.db"
  run tog schedule --db "$tmp/tog.db" --from 2026-10-12 --to 2026-11-20 --work 50000 --time-limit 120
  has "$tmp/tog.err" "^  together: the goals' own bounds add up to [0-9.]+; .* at least [0-9.]+ more than that$" \
    "schedule's score says what the joint bounds add"
  own_sum=$(sed -nE 's/.*\(any plan: at least \+([0-9.]+)\)$/\1/p' "$tmp/tog.err" | awk '{s += $1} END {printf "%.2f", s}')
  read -r own extra < <(sed -nE "s/^  together: the goals' own bounds add up to ([0-9.]+); .* at least ([0-9.]+) more than that$/\1 \2/p" "$tmp/tog.err")
  total_bound=$(sed -nE 's/^summary: .* bound ([0-9.]+) gap .*/\1/p' "$tmp/tog.err")
  ok; awk -v a="$own_sum" -v b="${own:--1}" 'BEGIN { exit !(a - b < 0.011 && b - a < 0.011) }' \
    || fail "together line: own bounds $own, but the goals' bounds add up to $own_sum"
  ok; awk -v o="${own:-0}" -v e="${extra:-0}" -v t="${total_bound:--1}" 'BEGIN { d = o + e - t; exit !(d < 0.011 && -d < 0.011) }' \
    || fail "together line: $own + $extra is not the summary's bound $total_bound"
  ok; awk -v e="${extra:-0}" 'BEGIN { exit !(e > 0) }' || fail "together line: nothing added ($extra)"
  run sch schedule --db "$db" --from 2026-10-12 --to 2026-11-20 --quiet --work 50000 --time-limit 120
  sch_rc=$rc
  ok
  if [ "$sch_rc" -ne 0 ] && [ "$sch_rc" -ne 4 ]; then
    fail "schedule exited $sch_rc, expected 0 or 4:"; sed 's/^/    /' "$tmp/sch.err" >&2
  else
    has "$tmp/sch.err" "$re" "schedule summary line"
    ok; [ ! -s "$tmp/sch.out" ] || fail "schedule wrote on stdout"
    ok; [ "$(grep -cvE "$re|^bound: weak \(" "$tmp/sch.err")" -eq 0 ] \
      || fail "schedule --quiet printed more than the summary: $(cat "$tmp/sch.err")"
    placed=$(sed -nE "s#$re#\1#p" "$tmp/sch.err")
    total=$(sed -nE "s#$re#\2#p" "$tmp/sch.err")
    ok; [ -n "$total" ] && [ "$total" -gt 0 ] || fail "schedule considered no session"
    want=0; [ "${placed:-0}" -lt "${total:-0}" ] && want=4
    ok; [ "$sch_rc" -eq "$want" ] || fail "schedule placed $placed/$total but exited $sch_rc (expected $want)"

    # ---------------------------------------------------------- exports
    expect 0 exp_csv export csv --db "$db" --out "$tmp/out/deep/bookings.csv"
    has "$tmp/out/deep/bookings.csv" '^course,session,start,end,site,resources' "bookings.csv header"
    rows=$(($(wc -l <"$tmp/out/deep/bookings.csv") - 1))
    ok; [ "$rows" -eq "${placed:-0}" ] || fail "bookings.csv has $rows rows, summary placed $placed"
    has "$tmp/exp_csv.out" "^wrote .*bookings\.csv \($placed booking" "export csv reports what it wrote"
    if [ "$want" -eq 4 ]; then
      ok; [ -f "$tmp/out/deep/unscheduled.csv" ] || fail "some sessions unscheduled but no unscheduled.csv"
    else
      ok; [ ! -e "$tmp/out/deep/unscheduled.csv" ] || fail "unscheduled.csv written though all were placed"
    fi
    expect 0 exp_ical export ical --db "$db" --out "$tmp/out/ical"
    n=$(ls "$tmp/out/ical"/*.ics 2>/dev/null | wc -l)
    ok; [ "$n" -gt 0 ] || fail "export ical wrote no .ics file"
    has "$tmp/exp_ical.out" "^wrote $n calendars" "export ical reports the file count"
    expect 0 exp_html export html --db "$db" --out "$tmp/out/html"
    ok; [ -f "$tmp/out/html/index.html" ] || fail "export html wrote no index.html"
    # --out naming an existing file as a folder: an I/O error, exit 1.
    expect 1 exp_notdir export ical --db "$db" --out "$tmp/out/deep/bookings.csv/x"

    # Same --seed and --work on the same data: the same plan.
    for r in a b; do
      cp "$db" "$tmp/det-$r.db"
      run "det_$r" schedule --db "$tmp/det-$r.db" --from 2026-10-12 --to 2026-11-20 --seed 7 --work 40 --quiet
      expect 0 "det_exp_$r" export csv --db "$tmp/det-$r.db" --out "$tmp/det-$r/bookings.csv"
    done
    ok; cmp -s "$tmp/det-a/bookings.csv" "$tmp/det-b/bookings.csv" || fail "same --seed/--work gave different plans"
  fi

  # A course that cannot fit in practice (20 sessions a day apart in a
  # 26-day window, weekends and other courses in the way; 200 would be
  # refused at import, since no plan could hold them): the plan is saved, exit 4, the summary says so, and
  # unscheduled.csv lists the unplaced sessions with a reason.
  big="$tmp/big"
  cp -r "$train" "$big"
  /usr/bin/python3 - "$big/courses.csv" <<'PY'
import csv, io, sys
path = sys.argv[1]
rows = list(csv.reader(io.StringIO(open(path, encoding="utf-8-sig", newline="").read())))
h = rows[0]
rows[1][h.index("sessions")] = "20"     # one every weekday of 2026-10-12..11-06 would need 20; weekends
rows[1][h.index("min_days_between")] = "1"   # and the other courses leave fewer: some stay unplaced
with open(path, "w", encoding="utf-8", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
PY
  bigdb="$tmp/big.db"
  expect 0 big_imp import "$big" --db "$bigdb"
  expect 4 big_sch schedule --db "$bigdb" --from 2026-10-12 --to 2026-11-20 --quiet --work 50000 --time-limit 120
  bp=$(sed -nE "s#$re#\1#p" "$tmp/big_sch.err")
  bt=$(sed -nE "s#$re#\2#p" "$tmp/big_sch.err")
  ok; [ -n "$bp" ] && [ "$bp" -lt "$bt" ] || fail "partial plan: summary '$(cat "$tmp/big_sch.err")'"
  expect 0 big_csv export csv --db "$bigdb" --out "$tmp/big-out/bookings.csv"
  ok
  if [ -f "$tmp/big-out/unscheduled.csv" ]; then
    has "$tmp/big-out/unscheduled.csv" '^course,session,reason$' "unscheduled.csv header"
    un=$(($(wc -l <"$tmp/big-out/unscheduled.csv") - 1))
    ok; [ "$un" -eq $((bt - bp)) ] || fail "unscheduled.csv has $un rows, summary says $((bt - bp)) unplaced"
    has "$tmp/big_csv.out" "unscheduled\.csv \($un unscheduled" "export csv reports unscheduled.csv"
  else
    fail "exit 4 but no unscheduled.csv"
  fi
fi

# ---------------------------------------------------------------- ctt
ctt="$shared/data/itc2007/comp01.ctt"
ok
if [ ! -f "$ctt" ]; then
  fail "missing $ctt"
else
  : >"$tmp/empty.sol"
  expect 0 ctt_check ctt check --header "$ctt" "$tmp/empty.sol"
  has "$tmp/ctt_check.out" '^instance	solution	' "ctt check --header prints the header"
  # The validator's figures for comp01 with no lecture placed (expected.tsv).
  want_row=$(grep -P '^comp01\t\(empty file\)\t' "$shared/data/itc2007/reference-solutions/expected.tsv" | cut -f3-)
  got_row=$(sed -n 2p "$tmp/ctt_check.out" | cut -f3-)
  ok; [ -n "$want_row" ] && [ "$got_row" = "$want_row" ] || fail "ctt check empty comp01: '$got_row' != '$want_row'"
  expect 0 ctt_check_nohdr ctt check "$ctt" "$tmp/empty.sol"
  ok; [ "$(wc -l <"$tmp/ctt_check_nohdr.out")" -eq 1 ] || fail "ctt check without --header printed more than one row"
  # solve writes a .sol whose check row is the one it printed; exit 4 exactly
  # when lectures are missing (lectures_h > 0).
  run ctt_solve ctt solve "$ctt" --out "$tmp/sol/comp01.sol" --work 20 --quiet
  solve_rc=$rc
  ok
  if [ "$solve_rc" -ne 0 ] && [ "$solve_rc" -ne 4 ]; then
    fail "ctt solve exited $solve_rc:"; sed 's/^/    /' "$tmp/ctt_solve.err" >&2
  else
    has "$tmp/ctt_solve.err" "$re" "ctt solve summary line"
    expect 0 ctt_check_sol ctt check "$ctt" "$tmp/sol/comp01.sol"
    ok; [ "$(tail -n 1 "$tmp/ctt_solve.err")" = "$(cat "$tmp/ctt_check_sol.out")" ] \
      || fail "ctt solve's row '$(tail -n 1 "$tmp/ctt_solve.err")' != ctt check's '$(cat "$tmp/ctt_check_sol.out")'"
    missing=$(cut -f3 "$tmp/ctt_check_sol.out")
    want=0; [ "${missing:-0}" -gt 0 ] && want=4
    ok; [ "$solve_rc" -eq "$want" ] || fail "ctt solve exited $solve_rc with lectures_h=$missing"
  fi
  printf 'courses: x\n' >"$tmp/broken.ctt"
  expect 3 ctt_bad ctt check "$tmp/broken.ctt" "$tmp/empty.sol"
  has "$tmp/ctt_bad.err" 'broken\.ctt:[0-9]+: ' "malformed instance names FILE:LINE"
fi

echo "test_cli: $checks checks, $failures failed"
[ "$failures" -eq 0 ]
