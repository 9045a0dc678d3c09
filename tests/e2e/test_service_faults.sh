#!/usr/bin/env bash
# test_service_faults.sh — the hour bank under faults, through the `ordo`
# command: (1) several `ordo case resolve` processes run at the same time
# against one contract line, each trying every case: each case is resolved
# once, no deduction is lost or doubled and the bank is never overdrawn;
# (2) a process resolving many cases is killed with SIGKILL mid-command,
# several times: the store stays consistent (`ordo contract check` clean,
# every resolved case has exactly one deduction, no other case has one); (3) a held write lock gives exit 6 and changes
# nothing. The cases are inserted with python3's sqlite3 (setup only; the
# CLI's `case add` is covered by test_service.sh).
# Environment: ORDO_BIN, ORDO_SOURCE_DIR, ORDO_TMP.
set -uo pipefail

ordo=${ORDO_BIN:?ORDO_BIN not set}
src=${ORDO_SOURCE_DIR:?ORDO_SOURCE_DIR not set}
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_service_faults.XXXXXX")
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
db=$tmp/t.db

. "$src/tests/e2e/ordo_steps.bash"          # fail, finish
ok() { checks=$((checks + 1)); }
same() { ok; [ "$1" = "$2" ] || fail "$3: '$1' != '$2'"; }
sql() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1], timeout=30); [print("|".join(map(str,r))) for r in c.execute(sys.argv[2])]; c.commit()' "$db" "$1"; }
check_clean() {
  "$ordo" contract check --db "$db" >"$tmp/check.out" 2>"$tmp/check.err"
  local rc=$?
  ok; [ "$rc" -eq 0 ] || { fail "$1: contract check exited $rc"; sed 's/^/    /' "$tmp/check.err" | head >&2; }
}
# new_cases CONTRACT N MINUTES: N active cases of initech on CONTRACT's hour
# bank line, one activity of MINUTES each; prints their ids, one per line
new_cases() {
  python3 - "$db" "$1" "$2" "$3" <<'PY'
import sqlite3, sys
db, contract, n, minutes = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
c = sqlite3.connect(db, timeout=30)
line = c.execute("SELECT id FROM contract_lines WHERE contract = ? AND is_primary", (contract,)).fetchone()[0]
ids = []
for _ in range(n):
    cur = c.execute("INSERT INTO cases (customer, line, title, priority, origin, status, opened)"
                    " VALUES ('initech', ?, 'load', 'normal', 'web', 'active', '2026-03-01')", (line,))
    ids.append(cur.lastrowid)
    c.execute("INSERT INTO activities (case_id, kind, minutes) VALUES (?, 'task', ?)", (cur.lastrowid, minutes))
c.commit()
print("\n".join(map(str, ids)))
PY
}
# consistent CONTRACT WHAT: resolved cases <-> exactly one deduction each
consistent() {
  local k=$1
  same "$(sql "SELECT COUNT(*) FROM cases c JOIN contract_lines l ON l.id = c.line WHERE l.contract = '$k' AND c.status = 'resolved'")" \
       "$(sql "SELECT COUNT(*) FROM ledger e JOIN contract_lines l ON l.id = e.line WHERE l.contract = '$k' AND e.kind = 'deduction'")" \
       "$2: resolved cases = deductions"
  same "$(sql "SELECT COUNT(*) FROM (SELECT case_id FROM ledger WHERE kind = 'deduction' AND case_id IS NOT NULL GROUP BY case_id HAVING COUNT(*) > 1)")" 0 \
       "$2: no case deducted twice"
  same "$(sql "SELECT COUNT(*) FROM cases c JOIN ledger e ON e.case_id = c.id WHERE c.status <> 'resolved'")" 0 \
       "$2: no deduction for an unresolved case"
  check_clean "$2"
}

"$ordo" import "$src/examples/training" --db "$db" >/dev/null 2>&1 || { echo "import failed"; exit 1; }

# ---------------------------------------------------------------- (1) parallel processes
"$ordo" contract add shared --customer initech --start 2026-01-01 --end 2026-12-31 --hours 10 --db "$db" >/dev/null
"$ordo" contract activate shared --db "$db" >/dev/null
new_cases shared 300 3 >"$tmp/ids"                       # 900 minutes asked of 600
tac "$tmp/ids" >"$tmp/ids.rev"
shuf --random-source=<(yes) "$tmp/ids" >"$tmp/ids.shuf" 2>/dev/null || cp "$tmp/ids" "$tmp/ids.shuf"
pids=()
for order in ids ids.rev ids.shuf ids; do
  "$ordo" case resolve $(cat "$tmp/$order") --db "$db" >"$tmp/par.$order.${#pids[@]}.out" 2>"$tmp/par.$order.${#pids[@]}.err" &
  pids+=($!)
done
codes=""
for p in "${pids[@]}"; do wait "$p"; codes="$codes $?"; done
for c in $codes; do ok; [ "$c" -eq 0 ] || [ "$c" -eq 5 ] || fail "a parallel resolve exited $c (busy or error)"; done
resolved=$(cat "$tmp"/par.*.out | grep -c ' resolved: 3 deducted$')
same "$resolved" 200 "parallel: 600 minutes hold exactly 200 cases of 3"
same "$(cat "$tmp"/par.*.err | grep -c 'already resolved')" "$(( 200 * 3 ))" "parallel: each resolved case refused to the 3 other processes"
same "$(grep -h ' resolved: ' "$tmp"/par.*.out | sort | uniq -d | wc -l)" 0 "parallel: no case resolved by two processes"
same "$(sql "SELECT used, reserved, overdraft FROM contract_lines WHERE contract = 'shared'")" "600|0|0" "parallel: the bank used exactly, never overdrawn"
consistent shared "parallel"

# ---------------------------------------------------------------- (2) SIGKILL mid-command
"$ordo" contract add big --customer initech --start 2026-01-01 --end 2026-12-31 --hours 100000 --db "$db" >/dev/null
"$ordo" contract activate big --db "$db" >/dev/null
new_cases big 3000 2 >"$tmp/kill.ids"
partial=0
for round in 1 2 3 4; do
  todo=$(sql "SELECT c.id FROM cases c JOIN contract_lines l ON l.id = c.line WHERE l.contract = 'big' AND c.status = 'active'")
  [ -n "$todo" ] || break
  before=$(sql "SELECT COUNT(*) FROM cases c JOIN contract_lines l ON l.id = c.line WHERE l.contract = 'big' AND c.status = 'resolved'")
  "$ordo" case resolve $todo --db "$db" >"$tmp/kill.out" 2>"$tmp/kill.err" &
  victim=$!
  # kill it once it has resolved some cases (its output is flushed per case), whatever the disk's speed
  for _ in $(seq 3000); do
    [ "$(wc -l <"$tmp/kill.out")" -ge $((round * 25)) ] && break
    kill -0 "$victim" 2>/dev/null || break
    sleep 0.002
  done
  kill -9 "$victim" 2>/dev/null
  wait "$victim" 2>/dev/null
  after=$(sql "SELECT COUNT(*) FROM cases c JOIN contract_lines l ON l.id = c.line WHERE l.contract = 'big' AND c.status = 'resolved'")
  [ "$after" -gt "$before" ] && [ "$after" -lt 3000 ] && partial=$((partial + 1))
  consistent big "killed in round $round"
  same "$(sql "SELECT used FROM contract_lines WHERE contract = 'big'")" "$(( after * 2 ))" "killed in round $round: used = 2 x resolved"
done
ok; [ "$partial" -ge 3 ] || fail "only $partial of 4 kills landed in the middle of a command"
# the survivors finish normally
todo=$(sql "SELECT c.id FROM cases c JOIN contract_lines l ON l.id = c.line WHERE l.contract = 'big' AND c.status = 'active'")
[ -z "$todo" ] || "$ordo" case resolve $todo --db "$db" >/dev/null 2>&1
same "$(sql "SELECT used FROM contract_lines WHERE contract = 'big'")" 6000 "every case resolved once in the end"
consistent big "after the kills"

# ---------------------------------------------------------------- (3) busy
one=$(new_cases big 1 5)
python3 - "$db" "$tmp/locked" "$tmp/release" <<'PY' &
import os, sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=0)
con.execute("BEGIN EXCLUSIVE")
open(sys.argv[2], "w").close()
for _ in range(600):
    if os.path.exists(sys.argv[3]):
        break
    time.sleep(0.1)
con.execute("ROLLBACK")
PY
locker=$!
for _ in $(seq 100); do [ -e "$tmp/locked" ] && break; sleep 0.1; done
"$ordo" case resolve "$one" --db "$db" >"$tmp/busy.out" 2>"$tmp/busy.err"
rc=$?
: >"$tmp/release"
wait "$locker"
same "$rc" 6 "a held write lock gives exit 6"
ok; grep -q busy "$tmp/busy.err" || fail "busy not reported: $(cat "$tmp/busy.err")"
same "$(sql "SELECT status FROM cases WHERE id = $one")" active "a busy resolve changed nothing"

finish
