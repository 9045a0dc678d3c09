#!/usr/bin/env bash
# test_sla_queue_csv.sh — SLA policies and queue routing rules through CSV
# (io/sales_csv.h: sla_policies.csv, queue_rules.csv) with the `ordo sla
# import|export` and `ordo queue rules-import|rules-export` commands: an
# export imports into a fresh copy of the example and exports identically
# (hours per weekday, holidays, priority, warn, skill kept); each bad row
# (an unknown site, a zone the system does not know, a resolve target
# before the first response, a weekday twice, a bad date, an unknown rule,
# by_skill without a skill, a taken id) exits non-zero naming the file,
# line and column and leaves the database unchanged, even when good rows
# came before it. Environment: ORDO_BIN, ORDO_SOURCE_DIR, ORDO_TMP.
set -uo pipefail

ordo=${ORDO_BIN:?ORDO_BIN not set}
src=${ORDO_SOURCE_DIR:?ORDO_SOURCE_DIR not set}
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_sla_queue_csv.XXXXXX")
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
db=$tmp/a.db

. "$src/tests/e2e/ordo_steps.bash"

"$ordo" import "$src/examples/training" --db "$db" >/dev/null 2>&1 || { echo "import failed"; exit 1; }
expect 0 s1 sla add std --first-response 120 --resolve 960 --site paris --holidays "2026-12-25;2027-01-01"
expect 0 s2 sla add vip --first-response 30 --resolve 240 --site paris --priority high --days MO,TU,WE,TH,FR,SA \
  --hours 08:00-20:00 --warn 50
expect 0 q1 queue rule desk --rule round_robin --agents "ann;bob"
expect 0 q2 queue rule trainers --rule by_skill --agents "marie;julien" --skill excel
expect 0 sx sla export --out "$tmp/sla_policies.csv"
expect 0 qx queue rules-export --out "$tmp/queue_rules.csv"
has "$tmp/sla_policies.csv" '^vip,paris,Europe/Paris,30,240,,,high,50,MO 08:00-20:00;.*;SA 08:00-20:00,$' "vip exported"
has "$tmp/sla_policies.csv" '^std,.*,2026-12-25;2027-01-01$' "holidays exported"
has "$tmp/queue_rules.csv" '^trainers,by_skill,marie;julien,excel$' "rule exported"

# ---------------------------------------------------------------- round trip into a fresh store
db=$tmp/b.db
"$ordo" import "$src/examples/training" --db "$db" >/dev/null 2>&1 || fail "import b"
expect 0 si sla import "$tmp/sla_policies.csv"
has "$tmp/si.out" '2 SLA polic' "import says what it added"
expect 0 qi queue rules-import "$tmp/queue_rules.csv"
has "$tmp/qi.out" '2 queue rules imported' "rules import says what it added"
expect 0 sx2 sla export --out "$tmp/sla2.csv"
expect 0 qx2 queue rules-export --out "$tmp/rules2.csv"
ok; cmp -s "$tmp/sla_policies.csv" "$tmp/sla2.csv" || fail "SLA policies do not round-trip: $(diff "$tmp/sla_policies.csv" "$tmp/sla2.csv")"
ok; cmp -s "$tmp/queue_rules.csv" "$tmp/rules2.csv" || fail "queue rules do not round-trip"
expect 0 rl queue rule trainers
has "$tmp/rl.out" 'by_skill over marie;julien, skill excel' "imported rule is used"

# ---------------------------------------------------------------- bad rows: named, nothing changed
db=$tmp/c.db
"$ordo" import "$src/examples/training" --db "$db" >/dev/null 2>&1 || fail "import c"
hdr='id,site,zone,first_response,resolve,queue,contract,priority,warn_percent,hours,holidays'
good='ok1,paris,Europe/Paris,60,480,,,,,,'
bad_sla() {   # name row column-regex
  printf '%s\n%s\n%s\n' "$hdr" "$good" "$2" > "$tmp/$1.csv"
  refused 3 "$1" sla import "$tmp/$1.csv"
  has "$tmp/$1.err" "$1\.csv:3: $3" "$1: file, line and column named"
}
bad_sla unknown_site 'b1,atlantis,Europe/Paris,60,480,,,,,,' 'site: .*site .atlantis. does not exist'
bad_sla bad_zone 'b2,paris,Mars/Olympus,60,480,,,,,,' 'zone: .Mars/Olympus. is not a time zone'
bad_sla late_first 'b3,paris,Europe/Paris,600,60,,,,,,' 'first_response: .*first response <= resolve'
bad_sla warn_over 'b7,paris,Europe/Paris,60,480,,,,150,,' 'warn_percent: .*warn must be 1..100 percent'
bad_sla queue_prio 'b8,paris,Europe/Paris,60,480,desk,,high,,,' 'queue: .*a queue policy names no contract or priority'
bad_sla holidays_order 'b9,paris,Europe/Paris,60,480,,,,,,2027-01-02;2027-01-01' 'holidays: .*sorted and distinct'
bad_sla day_twice 'b4,paris,Europe/Paris,60,480,,,,,MO 09:00-12:00;MO 13:00-17:00,' 'hours: .MO 13:00-17:00. must be'
bad_sla bad_holiday 'b5,paris,Europe/Paris,60,480,,,,,,2026-02-30' 'holidays: .2026-02-30. is not a date'
bad_sla bad_priority 'b6,paris,Europe/Paris,60,480,,,urgent,,,' 'priority: .urgent. must be low, normal or high'
bad_sla taken 'ok1,paris,Europe/Paris,60,480,,,,,,' 'id: .*already exists'
expect 0 sx3 sla export
ok; [ "$(wc -l < "$tmp/sx3.out")" = 1 ] || fail "a refused file left policies behind: $(cat "$tmp/sx3.out")"
rhdr='queue,rule,agents,skill'
bad_rule() {
  printf '%s\n%s\n%s\n' "$rhdr" 'desk,round_robin,ann;bob,' "$2" > "$tmp/$1.csv"
  refused 3 "$1" queue rules-import "$tmp/$1.csv"
  has "$tmp/$1.err" "$1\.csv:3: $3" "$1: file, line and column named"
}
bad_rule unknown_rule 'q2,fastest,ann,' 'rule: .fastest. must be round_robin, least_busy or by_skill'
bad_rule no_skill 'q3,by_skill,ann,' 'skill: by_skill needs a skill'
bad_rule no_agents 'q4,least_busy,,' 'agents: '
expect 0 qx3 queue rules-export
ok; [ "$(wc -l < "$tmp/qx3.out")" = 1 ] || fail "a refused file left rules behind: $(cat "$tmp/qx3.out")"
finish
