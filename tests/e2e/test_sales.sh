#!/usr/bin/env bash
# test_sales.sh — from a lead to delivered sessions through the `ordo`
# command, on the bundled example: a lead that looks like an existing
# contact is refused with the candidate listed (database unchanged) until
# the user picks the contact; another lead creates a new contact; qualify a
# disqualified lead, win a lost opportunity, pick an item another agent
# holds: each exits 5 and leaves the database byte for byte as it was;
# stage moves are recorded; winning creates the contract (hour bank = the
# hours sold) and the course, which `ordo schedule` plans and whose
# delivered sessions draw on that bank; relationship types follow
# (prospect after a lost sale, client after a win); the pipeline report
# adds up. Environment: ORDO_BIN, ORDO_SOURCE_DIR, ORDO_TMP.
set -uo pipefail

ordo=${ORDO_BIN:?ORDO_BIN not set}
src=${ORDO_SOURCE_DIR:?ORDO_SOURCE_DIR not set}
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_sales.XXXXXX")
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
db=$tmp/t.db

. "$src/tests/e2e/ordo_steps.bash"          # fail, step, finish, expect, has, refused, sql

"$ordo" import "$src/examples/training" --db "$db" >/dev/null 2>&1 || { echo "import failed"; exit 1; }
for c in lead opportunity queue; do
  expect 0 "help_$c" "$c" --help
  has "$tmp/help_$c.out" "^Usage: ordo $c" "$c --help"
done

# ---------------------------------------------------------------- leads
expect 0 add_l1 lead add L1 --topic "Excel for the sales team" --first Sofie --last Laurent \
  --company "ACME Industries SA" --email " Sophie.Laurent@ACME.example" --channel web --rating hot --score 80
expect 0 add_l2 lead add L2 --topic "Data course" --first Nina --last Okafor --company "Initech" \
  --email nina@initech.example --channel event
expect 3 add_dup lead add L1 --topic X --last Y --channel web
expect 3 add_nosource lead add L3 --topic X --last Y
has "$tmp/add_nosource.err" 'lead L3: source must be one campaign or one channel' "source rule"
expect 2 add_badscore lead add L3 --topic X --last Y --channel web --score 120
# a phone a contact would refuse is refused at entry, naming the field (qualify copies it)
refused 3 add_longphone lead add L3 --topic X --last Y --channel web \
  --phone "+33 1 23 45 67 89 (standard, ask for ext 1234)"
has "$tmp/add_longphone.err" 'lead L3: phone is longer than 40 bytes' "lead phone rule"

# L1 looks like Sophie Laurent of Acme (same e-mail once normalised): refused, candidate shown
refused 5 q_dup lead qualify L1 --value 4800 --hours 12 --service excel --close 2026-10-01 --now 2026-09-15T09:00Z
has "$tmp/q_dup.err" 'may be an existing contact: sophie.laurent \(email\+name, 1.00\)' "duplicate refused"
has "$tmp/q_dup.err" 'candidate 1: contact sophie.laurent' "candidate listed"
refused 2 q_both lead qualify L1 --contact sophie.laurent --new
expect 0 q_pick lead qualify L1 --contact sophie.laurent --value 4800 --hours 12 --service excel \
  --close 2026-10-01 --now 2026-09-15T09:00Z
has "$tmp/q_pick.out" 'lead L1 qualified: account acme, contact sophie.laurent, opportunity L1-opp' "qualify links"
refused 5 q_again lead qualify L1 --contact sophie.laurent
has "$tmp/q_again.err" 'lead L1 is qualified: it was already qualified' "qualify twice"

# disqualify / reactivate; qualifying a disqualified lead is refused
expect 0 dq lead disqualify L2 --reason timing
refused 5 q_dq lead qualify L2
has "$tmp/q_dq.err" 'lead L2 is disqualified: reactivate it before qualifying it' "qualify disqualified"
refused 2 dq_bad lead disqualify L2 --reason bored
expect 0 react lead reactivate L2
refused 5 react2 lead reactivate L2
expect 0 q_new lead qualify L2 --value 900 --close 2026-11-15 --now 2026-09-15T09:00Z
has "$tmp/q_new.out" 'contact L2-contact \(new\)' "new contact"
ok; [ "$(sql "select first_name, last_name, email from contacts where id = 'L2-contact'")" = "Nina|Okafor|nina@initech.example" ] \
  || fail "new contact fields"
# a company like an existing account (not the same once normalised): refused, the account listed
expect 0 add_l17 lead add L17 --topic "Word basics" --first Bo --last Zed --company "Initek" --channel web
refused 5 q_acc lead qualify L17 --now 2026-09-15T09:00Z
has "$tmp/q_acc.err" "company 'Initek' may be an existing account: initech \\(name, 0.9" "similar account refused"
has "$tmp/q_acc.err" 'candidate 1: account initech' "account candidate listed"
expect 0 show_l1 lead show L1
has "$tmp/show_l1.out" 'produced account acme, contact sophie.laurent, opportunity L1-opp' "lead keeps its links"

# ---------------------------------------------------------------- opportunities
expect 0 mv1 opportunity move L1-opp propose --now 2026-09-20T09:00Z
expect 0 mv2 opportunity move L1-opp close --now 2026-09-25T09:00Z
refused 5 mv_same opportunity move L1-opp close
refused 2 mv_bad opportunity move L1-opp negotiate
refused 3 mv_unknown opportunity move nope close
expect 0 report_open opportunity report
has "$tmp/report_open.out" '^opportunities: 2 open, 0 won, 0 lost' "report counts"
# close stage 90% of 4800.00 = 4320.00; L2 at qualify 10% of 900.00 = 90.00
has "$tmp/report_open.out" 'close +1 +4800.00  weighted +4320.00' "weighted close"
has "$tmp/report_open.out" 'qualify +1 +900.00  weighted +90.00' "weighted qualify"
has "$tmp/report_open.out" '2026-11 +1 +900.00' "by month"
expect 0 lose opportunity lose L2-opp --reason price --now 2026-09-25T09:00Z
refused 5 win_lost opportunity win L2-opp
has "$tmp/win_lost.err" 'opportunity L2-opp is lost: it cannot be won' "win a lost one"
refused 2 lose_noreason opportunity lose L1-opp
ok; [ "$(sql "select relationship from contacts where id = 'L2-contact'")" = "prospect" ] \
  || fail "a lost sale leaves a prospect, got $(sql "select relationship from contacts where id = 'L2-contact'")"
ok; [ "$(sql "select to_rel, why from relationship_changes where party = 'L2-contact' order by id")" = \
"potential_client|an open opportunity
prospect|no open lead or opportunity left" ] || fail "relationship changes recorded: $(sql "select * from relationship_changes")"

expect 0 win opportunity win L1-opp --date 2026-10-01 --sessions 4 --participants 6 --now 2026-10-01T09:00Z
has "$tmp/win.out" 'contract L1-opp-contract, course L1-opp-course' "win creates contract and course"
expect 0 show_o opportunity show L1-opp
has "$tmp/show_o.out" '2026-09-20T09:00Z  qualify -> propose \(open\)' "history move"
has "$tmp/show_o.out" '2026-10-01T09:00Z  close -> close \(won\)' "history win"
expect 0 k_show contract show L1-opp-contract
has "$tmp/k_show.out" 'total 720 ' "hour bank = hours sold"
ok; [ "$(sql "select contract, course from opportunities where id = 'L1-opp'")" = "L1-opp-contract|L1-opp-course" ] \
  || fail "sale linked to its contract and course"
expect 0 report opportunity report
has "$tmp/report.out" '^opportunities: 0 open, 1 won, 1 lost' "report after"
has "$tmp/report.out" 'price +1 +900.00' "lost by reason"
has "$tmp/report.out" 'close +-> won +100.00% \(1 of 1\)' "close conversion"
has "$tmp/report.out" 'qualify +-> a later stage +50.00% \(1 of 2\)' "qualify conversion"

# ---------------------------------------------------------------- the sale's sessions
expect 0 schedule schedule --from 2026-10-12 --to 2026-11-20 --work 20000 --time-limit 3 --now 2026-10-01T09:00Z
ok; [ "$(sql "select count(*) from sessions where course = 'L1-opp-course' and status = 'planned'")" = 4 ] \
  || fail "the 4 sessions of the sale planned: $(sql "select status from sessions where course = 'L1-opp-course'")"
first=$(sql "select id from sessions where course = 'L1-opp-course' order by id limit 1")
expect 0 k_res contract show L1-opp-contract
has "$tmp/k_res.out" 'used 0 +reserved 720 ' "sessions reserve the sale's bank"
expect 0 done session done "$first"
expect 0 k_used contract show L1-opp-contract
has "$tmp/k_used.out" 'used 180 +reserved 540 ' "a delivered session draws on the bank"
expect 0 check contract check

# ---------------------------------------------------------------- queues
expect 0 qa1 queue add sales --kind lead --ref L1
expect 0 qa2 queue add sales --kind lead --ref L2
expect 0 pick1 queue pick sales --agent ana
i1=$(cat "$tmp/pick1.out")
refused 5 steal queue pick --item "$i1" --agent bob
has "$tmp/steal.err" "queue item $i1 is held by ana" "steal refused"
refused 5 rel_other queue release "$i1" --agent bob
expect 0 pick2 queue pick sales --agent bob
expect 0 pick3 queue pick sales --agent cy
has "$tmp/pick3.out" '^empty$' "queue empty"
expect 0 rel queue release "$i1" --agent ana
expect 0 route queue route "$i1" --to service
expect 0 pick4 queue pick service --agent desk
has "$tmp/pick4.out" "^$i1\$" "routed item picked from its new queue"
refused 2 qbad queue add sales --kind fax --ref X

# ---------------------------------------------------------------- CSV round trip
expect 0 lexp lead export --out "$tmp/leads.csv"
expect 0 oexp opportunity export --out "$tmp/opps.csv"
has "$tmp/leads.csv" '^L1,Excel for the sales team,Sofie,Laurent,ACME Industries SA, Sophie.Laurent@ACME.example,,,,,web,hot,80,,qualified,,acme,sophie.laurent,L1-opp$' "lead row"
has "$tmp/opps.csv" '^L2-opp,Data course,initech,L2-contact,L2,,qualify,90000,2026-09-25,lost,price,0,,-1$' "opportunity row"
main=$db
db=$tmp/copy.db
"$ordo" import "$src/examples/training" --db "$db" >/dev/null 2>&1
expect 0 cadd contact add L2-contact --first Nina --last Okafor
expect 0 limp lead import "$tmp/leads.csv"
expect 0 oimp opportunity import "$tmp/opps.csv"
ok; "$ordo" lead export --db "$db" | cmp -s - "$tmp/leads.csv" || fail "leads: export -> import -> export differs"
ok; "$ordo" opportunity export --db "$db" | cmp -s - "$tmp/opps.csv" || fail "opportunities: round trip differs"
printf 'id,topic,first_name,last_name,company,email,phone,parent_contact,parent_account,campaign,channel\nL7,T,A,B,,a@b.example,,,,,web\nL8,T,A,B,,no-at,,,,,web\n' >"$tmp/bad.csv"
refused 3 limp_bad lead import "$tmp/bad.csv"
has "$tmp/limp_bad.err" 'bad.csv:3: email: lead L8: email is not an email address.*; nothing changed' "bad row and column named"
printf 'id,topic,first_name,last_name,company,email,phone,parent_contact,parent_account,campaign,channel\nL7,T,,,,,,,,,web\n' >"$tmp/noname.csv"
refused 3 limp_noname lead import "$tmp/noname.csv"
has "$tmp/limp_noname.err" 'noname.csv:2: first_name: lead L7: name needs a first name, a last name or a company' "name rule at first_name"
printf 'id,topic,first_name,last_name,company,email,phone,parent_contact,parent_account,campaign,channel\nL7,T,A,B,,,,,,,fax\n' >"$tmp/fax.csv"
refused 3 limp_fax lead import "$tmp/fax.csv"
has "$tmp/limp_fax.err" 'fax.csv:2: channel: lead L7: channel must be' "channel rule at channel"
ok; [ "$(sql "select count(*) from leads where id in ('L7', 'L8')")" = 0 ] || fail "refused lead imports stored a lead"
refused 3 limp_again lead import "$tmp/leads.csv"
has "$tmp/limp_again.err" 'leads.csv:2: id: lead L1 already exists' "id already stored"
db=$main

# a lead stored before leads' phones were checked, with one a contact refuses:
# qualify still creates the contact, without the phone; the lead keeps it
db=$tmp/legacy.db
"$ordo" import "$src/examples/training" --db "$db" >/dev/null 2>&1
expect 0 leg_add lead add L9 --topic "Old lead" --first Marta --last Quist --channel web --phone "01 23 45 67 89"
long="+33 1 23 45 67 89 (standard, ask for ext 1234)"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("UPDATE leads SET phone = ? WHERE id = ?", (sys.argv[2], "L9")); c.commit()' "$db" "$long"
expect 0 leg_q lead qualify L9 --value 1000 --hours 4 --service excel --close 2026-10-01 --now 2026-09-15T09:00Z
has "$tmp/leg_q.out" 'lead L9 qualified: .*contact L9-contact' "legacy lead qualified"
ok; [ "$(sql "select coalesce(phone, '-') from contacts where id = 'L9-contact'")" = "-" ] \
  || fail "legacy lead: the contact took a phone contacts refuse"
ok; [ "$(sql "select phone from leads where id = 'L9'")" = "$long" ] || fail "legacy lead: its phone was altered"
db=$main

finish
