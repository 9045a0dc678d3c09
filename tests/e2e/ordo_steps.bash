# ordo_steps.bash — shared harness of the shell end-to-end tests, sourced
# (not a test itself: ctest runs tests/*/*.sh only).
#   fail TEXT...        count one failure, print it on stderr
#   step NAME WANT ARGS runs "$ordo ARGS", counts a check, keeps the output
#                       in $tmp/NAME.{out,err}; returns 1 (after reporting)
#                       unless the exit code is WANT
#   finish              prints "<script>: N checks, F failures" and exits
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
