#!/usr/bin/env bash
# test_sla.sh — SLA policies applied to cases through `ordo sla` and `ordo
# case sla` on the bundled example (site paris, Europe/Paris): the most
# specific policy wins (contract, priority, default); due times count
# business hours only and skip the policy's holiday; the first activity
# meets the first-response target; a hold stops the clock and reactivation
# resumes it (due times move by the time held); states go ok -> warning ->
# failed, met / missed; a queue's policy applies to a case without a clock
# entering it; bad policies exit 2/3 and change nothing; the HTTP case JSON
# carries the same SLA (tests/server/test_http_marketing.py covers routes).
# Environment: ORDO_BIN, ORDO_SOURCE_DIR, ORDO_TMP.
set -uo pipefail

ordo=${ORDO_BIN:?ORDO_BIN not set}
src=${ORDO_SOURCE_DIR:?ORDO_SOURCE_DIR not set}
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_sla.XXXXXX")
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
db=$tmp/t.db

. "$src/tests/e2e/ordo_steps.bash"

"$ordo" import "$src/examples/training" --db "$db" >/dev/null 2>&1 || { echo "import failed"; exit 1; }
expect 0 help sla --help
has "$tmp/help.out" '^Usage: ordo sla' "sla --help"

# ---------------------------------------------------------------- refusals
refused 3 p_site sla add x --first-response 60 --resolve 120 --site atlantis
has "$tmp/p_site.err" "site 'atlantis' does not exist" "unknown site"
refused 2 p_nosite sla add x --first-response 60 --resolve 120
refused 3 p_order sla add x --first-response 600 --resolve 120 --site paris
has "$tmp/p_order.err" 'first response <= resolve' "targets ordered"
refused 2 p_hours sla add x --first-response 60 --resolve 120 --site paris --hours 18:00-09:00
refused 2 p_days sla add x --first-response 60 --resolve 120 --site paris --days MO,XX
refused 2 p_hol sla add x --first-response 60 --resolve 120 --site paris --holidays 2026-13-01
refused 3 p_queue sla add x --first-response 60 --resolve 120 --site paris --queue q --priority high
refused 2 p_warn sla add x --first-response 60 --resolve 120 --site paris --warn 0

# ---------------------------------------------------------------- policies
expect 0 p1 sla add std --first-response 120 --resolve 960 --site paris --holidays 2026-11-11
expect 0 p2 sla add vip --first-response 30 --resolve 240 --priority high --site paris --hours 08:00-18:00
expect 0 p3 sla add acme --first-response 60 --resolve 480 --contract acme-2026 --site paris
refused 3 p_dup sla add std --first-response 1 --resolve 2 --site paris
expect 0 pl sla list
has "$tmp/pl.out" '^std  applies to every case  first response 120 min, resolve 960 min, warn 75%  paris \(Europe/Paris\)' "list"
has "$tmp/pl.out" '^vip  applies to high priority' "priority scope"

# Tuesday 2026-11-10 16:00 Paris (15:00Z). std: 60 min on Tuesday, Wednesday is a holiday,
# so the first response is due Thursday 10:00 Paris (09:00Z); resolution Friday 16:00 (15:00Z)
expect 0 c1 case add --customer globex --title Printer --now 2026-11-10T15:00Z
expect 0 s1 case sla 1 --now 2026-11-10T15:30Z
has "$tmp/s1.out" '^case 1  policy std$' "default policy"
has "$tmp/s1.out" '^first response  due 2026-11-12T09:00:00Z  30 of 120 business min  ok$' "skips the holiday"
has "$tmp/s1.out" '^resolution      due 2026-11-13T15:00:00Z  30 of 960 business min  ok$' "resolve by"
# priority high: vip (08:00-18:00, no holiday)
expect 0 c2 case add --customer globex --title Urgent --priority high --now 2026-11-10T15:00Z
expect 0 s2 case sla 2 --now 2026-11-10T15:25Z
has "$tmp/s2.out" '^first response  due 2026-11-10T15:30:00Z  25 of 30 business min  warning$' "warning at 75%"
has "$tmp/s2.out" '^resolution      due 2026-11-11T09:00:00Z' "vip hours"
expect 0 s2b case sla 2 --now 2026-11-10T15:45Z
has "$tmp/s2b.out" '^first response  due .*  45 of 30 business min  failed$' "failed past the target"
# contract acme-2026 beats the default
expect 0 c3 case add --customer acme --title Bank --contract acme-2026 --now 2026-11-10T15:00Z
expect 0 s3 case sla 3 --now 2026-11-10T15:10Z
has "$tmp/s3.out" '^case 3  policy acme$' "contract policy"
# the first activity meets (case 3, in time) or misses (case 2, late) the first response
expect 0 a3 case activity 3 --kind phone_call --minutes 10 --now 2026-11-10T15:20Z
expect 0 s3b case sla 3 --now 2026-11-10T17:00Z
has "$tmp/s3b.out" '^first response  due 2026-11-10T16:00:00Z  20 of 60 business min  met$' "met"
expect 0 a2 case activity 2 --kind email --minutes 5 --now 2026-11-10T15:50Z
expect 0 a2b case activity 2 --kind email --minutes 5 --now 2026-11-10T15:55Z
expect 0 s2c case sla 2 --now 2026-11-10T16:30Z
has "$tmp/s2c.out" '^first response  due .*  50 of 30 business min  missed$' "missed (the first activity counts)"
# hold 16:30-10:00 Paris (Tue 15:30Z .. Thu 09:00Z): due times move on by the business time held
expect 0 h1 case hold 1 --now 2026-11-10T15:30Z
expect 0 s1h case sla 1 --now 2026-11-12T15:30Z
has "$tmp/s1h.out" '\(on hold: clock stopped\)' "on hold"
has "$tmp/s1h.out" '^first response  due \(on hold\)  30 of 120 business min  ok$' "clock stopped"
expect 0 r1 case reactivate 1 --now 2026-11-12T09:00Z
expect 0 s1r case sla 1 --now 2026-11-12T09:00Z
has "$tmp/s1r.out" '^first response  due 2026-11-12T10:30:00Z  30 of 120 business min  ok$' "resumed: 90 min left"
expect 0 res1 case resolve 1 --now 2026-11-12T10:00Z
expect 0 s1x case sla 1 --now 2026-11-20T10:00Z
has "$tmp/s1x.out" '^resolution      due .*  90 of 960 business min  met$' "resolved in time"
refused 3 s_none case sla 99
has "$tmp/s_none.err" 'case 99 has no sla' "a case without a clock"

# ---------------------------------------------------------------- a queue's policy
db2=$tmp/q.db
"$ordo" import "$src/examples/training" --db "$db2" >/dev/null 2>&1 || fail "import 2"
db=$db2
expect 0 q0 case add --customer globex --title "No policy yet" --now 2026-11-10T15:00Z
refused 3 q1 case sla 1
expect 0 qp sla add hotline --first-response 15 --resolve 120 --queue hotline --site paris
expect 0 qa queue add hotline --kind case --ref 1
expect 0 q2 case sla 1
has "$tmp/q2.out" '^case 1  policy hotline$' "the queue's policy starts the clock"

finish
