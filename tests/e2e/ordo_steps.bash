# ordo_steps.bash — shared harness of the shell end-to-end tests, sourced
# (not a test itself: ctest runs tests/*/*.sh only).
#   fail TEXT...        count one failure, print it on stderr
#   step NAME WANT ARGS runs "$ordo ARGS", counts a check, keeps the output
#                       in $tmp/NAME.{out,err}; returns 1 (after reporting)
#                       unless the exit code is WANT
#   finish              prints "<script>: N checks, F failures" and exits
#   expect/has/dump/refused/sql  the service tests' helpers on "$db" (below)
# The caller sets $ordo (the command) and $tmp (a scratch folder).

failures=0
checks=0
fail() { failures=$((failures + 1)); echo "FAIL: $*" >&2; }
step() {
  local name=$1 want=$2; shift 2
  checks=$((checks + 1))
  "$ordo" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
  local rc=$?
  if [ $rc -ne "$want" ]; then
    fail "$name: 'ordo $*' exited $rc, expected $want; stderr:"
    sed 's/^/    /' "$tmp/$name.err" | head -30 >&2
    return 1
  fi
}
finish() {
  echo "$(basename "$0" .sh): $checks checks, $failures failures"
  [ $failures -eq 0 ]
  exit $?
}

# Helpers on the database "$db" (the caller sets it):
#   ok                   counts a check
#   expect CODE NAME ARGS  "ordo ARGS --db $db" exits CODE (output in $tmp/NAME.*)
#   has FILE REGEX WHAT  FILE matches REGEX
#   refused CODE NAME ARGS  expect, and the database is byte for byte unchanged
#   sql QUERY            prints the rows of QUERY, '|'-separated
ok() { checks=$((checks + 1)); }
expect() { local want=$1 name=$2; shift 2; step "$name" "$want" "$@" --db "$db"; }
has() { ok; grep -qE -- "$2" "$1" || { fail "$3: no /$2/ in $(basename "$1"):"; sed 's/^/    /' "$1" | head -20 >&2; }; }
dump() { python3 -c 'import sqlite3,sys; print("\n".join(sqlite3.connect(sys.argv[1]).iterdump()))' "$db" | sha256sum; }
refused() {
  local want=$1 name=$2; shift 2
  local before; before=$(dump)
  expect "$want" "$name" "$@"
  ok; [ "$(dump)" = "$before" ] || fail "$name: the database changed although the command was refused"
}
sql() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); [print("|".join(map(str,r))) for r in c.execute(sys.argv[2])]' "$db" "$1"; }
