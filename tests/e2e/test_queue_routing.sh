#!/usr/bin/env bash
# test_queue_routing.sh — queue routing rules through `ordo queue rule|assign|
# route` on the bundled example (resources with working hours and time off,
# site zone Europe/Paris): round robin skips marie on her vacation and
# continues after the last agent served; nobody works on a Sunday (the item
# waits; an explicit assign exits 5, database unchanged); by_skill picks the
# only available agent with the skill; least_busy the agent holding the
# fewest items; an assigned item cannot be assigned again; bad rules exit 2
# or 3 and change nothing. Environment: ORDO_BIN, ORDO_SOURCE_DIR, ORDO_TMP.
set -uo pipefail

ordo=${ORDO_BIN:?ORDO_BIN not set}
src=${ORDO_SOURCE_DIR:?ORDO_SOURCE_DIR not set}
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_queue_routing.XXXXXX")
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
db=$tmp/t.db

. "$src/tests/e2e/ordo_steps.bash"

"$ordo" import "$src/examples/training" --db "$db" >/dev/null 2>&1 || { echo "import failed"; exit 1; }
for i in 1 2 3 4 5 6; do expect 0 "add$i" queue add inbox --kind case --ref "c$i"; done

refused 3 no_rule queue rule support
refused 2 bad_rule queue rule support --rule random --agents "marie;julien"
refused 2 half_rule queue rule support --rule round_robin
refused 3 skill_missing queue rule support --rule by_skill --agents "marie;julien"
has "$tmp/skill_missing.err" 'by_skill needs a skill' "by_skill needs its skill"
expect 0 rule queue rule support --rule round_robin --agents "marie;julien;thomas"
has "$tmp/rule.out" '^queue support: round_robin over marie;julien;thomas$' "rule stored"

# Tuesday 2026-10-27 11:00 Paris: marie is on vacation (Oct 26-31); julien and thomas work
expect 0 r1 queue route 1 --to support --now 2026-10-27T10:00Z
has "$tmp/r1.out" 'assigned to julien$' "round robin skips marie's time off"
expect 0 r2 queue route 2 --to support --now 2026-10-27T10:00Z
has "$tmp/r2.out" 'assigned to thomas$' "then the next agent"
expect 0 r3 queue route 3 --to support --now 2026-10-27T10:00Z
has "$tmp/r3.out" 'assigned to julien$' "and round again (marie still away)"
ok; [ "$(sql "select holder from queue_items where id in (1, 2, 3) order by id" | tr '\n' ' ')" = "julien thomas julien " ] \
  || fail "holders stored"
# Sunday: nobody works; the routed item waits, an explicit assign is refused
expect 0 r4 queue route 4 --to support --now 2026-10-25T10:00Z
has "$tmp/r4.out" '^item 4 routed$' "outside hours: waits"
ok; [ "$(sql "select queue, holder from queue_items where id = 4")" = "support|None" ] || fail "item 4 waits unassigned"
refused 5 a4 queue assign 4 --now 2026-10-25T10:00Z
has "$tmp/a4.err" 'no agent available \(3 agents, 3 eligible, 0 working now\)' "why nobody"
# Monday 08:30 Paris (07:30Z): only thomas works from 08:00
expect 0 a4b queue assign 4 --now 2026-10-26T07:30Z
has "$tmp/a4b.out" '^item 4 assigned to thomas$' "the one agent working"
refused 5 a4c queue assign 4 --now 2026-10-26T09:00Z
has "$tmp/a4c.err" 'queue item 4 is already held by thomas' "assigned once"
refused 5 a5 queue assign 5
has "$tmp/a5.err" 'queue inbox has no routing rule' "a queue without a rule"
refused 3 a99 queue assign 99

# by_skill: python -> julien or thomas; thomas does not work on Friday
expect 0 sk queue rule py --rule by_skill --agents "marie;claire;thomas;julien" --skill python
expect 0 sk5 queue route 5 --to py --now 2026-10-30T10:00Z
has "$tmp/sk5.out" 'assigned to julien$' "the only python agent working on Friday"
# least_busy on Monday 2026-11-02 10:00 Paris: marie back, holds nothing; claire too but comes after
expect 0 lb queue rule lb --rule least_busy --agents "julien;thomas;claire;marie"
expect 0 lb6 queue route 6 --to lb --now 2026-11-02T09:00Z
has "$tmp/lb6.out" 'assigned to claire$' "least busy: the first agent holding nothing"

finish
