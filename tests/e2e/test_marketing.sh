#!/usr/bin/env bash
# test_marketing.sh — campaigns, responses and marketing lists through the
# `ordo` command on the bundled example: a campaign and its responses; a
# response converts into a lead, a case or an opportunity (the response
# keeps the link); converting twice, converting an unsubscribe, a response
# to a cancelled campaign, a member added to a dynamic list, a bad filter,
# an unknown contact each exit 2/3/5 and leave the database unchanged; an
# unsubscribe suppresses the contact, and suppressed contacts are left out
# of static and dynamic list evaluations; a dynamic list is re-evaluated
# when used (a later response changes its members); every new record
# round-trips through CSV, and a bad CSV row names file, line and column
# and changes nothing. Environment: ORDO_BIN, ORDO_SOURCE_DIR, ORDO_TMP.
set -uo pipefail

ordo=${ORDO_BIN:?ORDO_BIN not set}
src=${ORDO_SOURCE_DIR:?ORDO_SOURCE_DIR not set}
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_marketing.XXXXXX")
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
db=$tmp/t.db

. "$src/tests/e2e/ordo_steps.bash"

"$ordo" import "$src/examples/training" --db "$db" >/dev/null 2>&1 || { echo "import failed"; exit 1; }
for c in campaign mlist; do
  expect 0 "help_$c" "$c" --help
  has "$tmp/help_$c.out" "^Usage: ordo $c" "$c --help"
done

# ---------------------------------------------------------------- campaigns
expect 0 c1 campaign add spring --name "Spring Excel" --start 2026-09-01 --end 2026-10-31 --budget 250000 \
  --expected 40 --owner ana --status active
refused 3 c_dup campaign add spring --name X --start 2026-09-01 --end 2026-09-02
refused 3 c_dates campaign add bad --name X --start 2026-09-10 --end 2026-09-01
has "$tmp/c_dates.err" 'campaign bad: end must be on or after start' "dates checked"
refused 2 c_baddate campaign add bad --name X --start 2026-13-01 --end 2026-12-01
has "$tmp/c_baddate.err" "start: '2026-13-01' is not a date" "bad date named"
refused 2 c_budget campaign add bad --name X --start 2026-09-01 --end 2026-09-02 --budget -5
refused 2 c_status campaign status spring finished
expect 0 c2 campaign add winter --name "Winter" --start 2026-12-01 --end 2026-12-31
expect 0 c2s campaign status winter cancelled

# ---------------------------------------------------------------- responses
expect 0 r1 campaign respond spring --contact sophie.laurent --channel email --date 2026-09-10
has "$tmp/r1.out" '^1$' "response number"
expect 0 r2 campaign respond spring --account globex --channel phone --date 2026-09-11 --outcome more_info
expect 0 r3 campaign respond spring --contact james.wright --channel web --date 2026-09-12 --outcome unsubscribe \
  --now 2026-09-12T08:00Z
expect 0 r4 campaign respond spring --contact lea.moreau --channel email --date 2026-09-13 --outcome not_interested
refused 5 r_cancelled campaign respond winter --contact sophie.laurent --channel email
has "$tmp/r_cancelled.err" 'campaign winter is cancelled: it takes no responses' "cancelled campaign"
refused 3 r_two campaign respond spring --contact sophie.laurent --account acme --channel email
has "$tmp/r_two.err" 'give exactly one of contact, account or lead' "one respondent"
refused 3 r_unknown campaign respond spring --contact nobody --channel email
has "$tmp/r_unknown.err" "contact 'nobody' is not a known contact" "unknown contact"
refused 3 r_nocamp campaign respond autumn --contact sophie.laurent --channel email
refused 2 r_outcome campaign respond spring --contact sophie.laurent --channel email --outcome maybe
refused 2 r_channel campaign respond spring --contact sophie.laurent --channel "E Mail"

# ---------------------------------------------------------------- conversions: once each, the link kept
expect 0 cv1 campaign convert 1 --to lead --now 2026-09-12T10:00Z
has "$tmp/cv1.out" 'response 1 converted into lead response-1-lead' "to lead"
ok; [ "$(sql "select campaign, parent_contact, first_name, last_name, company from leads where id = 'response-1-lead'")" = \
  "spring|sophie.laurent|Sophie|Laurent|Acme Industries" ] || fail "lead from the contact: $(sql "select * from leads")"
refused 5 cv1_again campaign convert 1 --to case
has "$tmp/cv1_again.err" 'response 1 was already converted into lead response-1-lead' "converted once"
expect 0 cv2 campaign convert 2 --to opportunity --value 120000 --close 2026-12-15 --now 2026-09-12T10:00Z
has "$tmp/cv2.out" 'converted into opportunity response-2-opp' "to opportunity"
ok; [ "$(sql "select account, value, close_date, status from opportunities where id = 'response-2-opp'")" = \
  "globex|120000|2026-12-15|open" ] || fail "opportunity fields"
refused 5 cv3 campaign convert 3 --to case
has "$tmp/cv3.err" 'response 3 is unsubscribe: nothing to convert' "unsubscribe converts into nothing"
refused 5 cv4 campaign convert 4 --to lead
refused 2 cv_to campaign convert 4 --to deal
refused 3 cv_none campaign convert 99 --to case
expect 0 r5 campaign respond spring --contact lea.moreau --channel phone --date 2026-09-14
expect 0 cv5 campaign convert 5 --to case --title "Wants an Excel coaching" --now 2026-09-14T10:00Z
has "$tmp/cv5.out" 'response 5 converted into case [0-9]+' "to case"
case_id=$(sed -E 's/.* case ([0-9]+)$/\1/' "$tmp/cv5.out")
ok; [ "$(sql "select customer, title, origin from cases where id = $case_id")" = "lea.moreau|Wants an Excel coaching|phone" ] \
  || fail "case fields: $(sql "select * from cases where id = $case_id")"
expect 0 show campaign show spring
has "$tmp/show.out" 'response 5  contact lea.moreau  phone  2026-09-14  interested  -> case '"$case_id" "show lists the link"
has "$tmp/show.out" '^responses: 5 of 40 expected, 3 converted$' "show counts"

# ---------------------------------------------------------------- suppression and lists
expect 0 sup mlist suppressed
has "$tmp/sup.out" '^james.wright  unsubscribed  since 2026-09-12T08:00Z$' "unsubscribe suppresses the contact"
refused 5 sup_again mlist suppress james.wright
refused 3 sup_unknown mlist suppress nobody
refused 2 sup_reason mlist suppress lea.moreau --reason "no thanks"

expect 0 l1 mlist add vip --name VIP
expect 0 l1a mlist add-member vip lea.moreau
expect 0 l1b mlist add-member vip james.wright
refused 5 l1c mlist add-member vip lea.moreau
has "$tmp/l1c.err" 'contact lea.moreau is already a member of list vip' "member twice"
refused 3 l1d mlist add-member vip nobody
expect 0 m1 mlist members vip
ok; [ "$(cat "$tmp/m1.out")" = "lea.moreau
1 member" ] || fail "static list leaves the suppressed contact out: $(cat "$tmp/m1.out")"

expect 0 l2 mlist add clients --name Clients --kind dynamic --relationship client
refused 5 l2a mlist add-member clients lea.moreau
has "$tmp/l2a.err" 'list clients is dynamic' "no members on a dynamic list"
refused 3 l2b mlist add empty --name Empty --kind dynamic
has "$tmp/l2b.err" 'a dynamic list needs at least one filter' "dynamic needs a filter"
refused 2 l2c mlist add x --name X --kind dynamic --relationship friend
refused 3 l2d mlist add x --name X --kind dynamic --account nobody
refused 3 l2e mlist add x --name X --role partner
expect 0 m2 mlist members clients
ok; [ "$(cat "$tmp/m2.out")" = "lea.moreau
sophie.laurent
2 members" ] || fail "dynamic list (client, suppressed left out): $(cat "$tmp/m2.out")"

# evaluated when used: nobody was active on or after 2026-09-15 ... until a later response
expect 0 l3 mlist add quiet --name Quiet --kind dynamic --inactive-since 2026-09-15
expect 0 m3 mlist members quiet
ok; [ "$(cat "$tmp/m3.out")" = "lea.moreau
sophie.laurent
2 members" ] || fail "inactive since 2026-09-15: $(cat "$tmp/m3.out")"
expect 0 r6 campaign respond spring --contact sophie.laurent --channel web --date 2026-09-20 --outcome more_info
expect 0 m3b mlist members quiet
ok; [ "$(cat "$tmp/m3b.out")" = "lea.moreau
1 member" ] || fail "a later response takes sophie.laurent out of the quiet list: $(cat "$tmp/m3b.out")"
expect 0 l4 mlist add sept --name September --kind dynamic --active-from 2026-09-13 --inactive-since 2026-09-16
expect 0 m4 mlist members sept
ok; [ "$(head -1 "$tmp/m4.out")" = "lea.moreau" ] || fail "active window: $(cat "$tmp/m4.out")"
expect 0 unsup mlist unsuppress james.wright
expect 0 m5 mlist members vip
has "$tmp/m5.out" '^2 members$' "lifted suppression: member again"
expect 0 sup2 mlist suppress james.wright --reason bounced

# a city: the contact's own, else its account's; case, accents and punctuation ignored
expect 0 city1 account update acme --city "Saint-Étienne"
expect 0 city2 contact update lea.moreau --city "saint etienne"
expect 0 l5 mlist add ste --name "Saint-Étienne" --kind dynamic --city "SAINT ETIENNE"
expect 0 m6 mlist members ste
ok; [ "$(cat "$tmp/m6.out")" = "lea.moreau
sophie.laurent
2 members" ] || fail "city list (own city, account's city): $(cat "$tmp/m6.out")"
expect 0 city3 contact update sophie.laurent --city Lyon
expect 0 m7 mlist members ste
ok; [ "$(cat "$tmp/m7.out")" = "lea.moreau
1 member" ] || fail "a contact's own city wins over its account's: $(cat "$tmp/m7.out")"
expect 0 l6 mlist add lyon-clients --name "Lyon clients" --kind dynamic --city " lyon " --relationship client
expect 0 m8 mlist members lyon-clients
ok; [ "$(cat "$tmp/m8.out")" = "sophie.laurent
1 member" ] || fail "city and relationship together: $(cat "$tmp/m8.out")"
expect 0 city4 contact update lea.moreau --city ""
expect 0 m9 mlist members ste
has "$tmp/m9.out" '^0 members$' "a cleared city matches nothing (lea.moreau has no account)"
refused 3 l7 mlist add dash --name Dash --kind dynamic --city " -- "
has "$tmp/l7.err" "city ' -- ' has no letter or digit to match" "a city made of punctuation is refused"
refused 3 l8 mlist add static-city --name S --city Paris
has "$tmp/l8.err" 'a static list has members, not a filter' "a static list has no city"
expect 0 l5s mlist show ste
has "$tmp/l5s.out" 'city=SAINT ETIENNE' "the list keeps the city as typed"

# ---------------------------------------------------------------- CSV round trip
for k in lists members suppressions; do expect 0 "x_$k" mlist export "$k" --out "$tmp/$k.csv"; done
expect 0 x_c campaign export --out "$tmp/campaigns.csv"
expect 0 x_r campaign export-responses --out "$tmp/responses.csv"
has "$tmp/responses.csv" '^spring,sophie.laurent,,,email,2026-09-10,interested,lead,response-1-lead$' "response CSV keeps the link"
has "$tmp/lists.csv" '^ste,Saint-Étienne,dynamic,,,,,,SAINT ETIENNE$' "lists.csv has the city column"
db2=$tmp/t2.db
"$ordo" import "$src/examples/training" --db "$db2" >/dev/null 2>&1 || fail "import 2"
db=$db2
expect 0 i_c campaign import "$tmp/campaigns.csv"
has "$tmp/i_c.out" '2 campaigns imported' "campaigns imported"
expect 0 i_r campaign import-responses "$tmp/responses.csv"
for k in lists members suppressions; do expect 0 "i_$k" mlist import "$k" "$tmp/$k.csv"; done
for k in lists members suppressions; do
  expect 0 "y_$k" mlist export "$k" --out "$tmp/$k.2.csv"
  ok; cmp -s "$tmp/$k.csv" "$tmp/$k.2.csv" || fail "$k CSV does not round-trip"
done
expect 0 y_c campaign export --out "$tmp/campaigns.2.csv"
ok; cmp -s "$tmp/campaigns.csv" "$tmp/campaigns.2.csv" || fail "campaigns CSV does not round-trip"
expect 0 y_r campaign export-responses --out "$tmp/responses.2.csv"
ok; cmp -s "$tmp/responses.csv" "$tmp/responses.2.csv" || fail "responses CSV does not round-trip"

# a bad row: file, line, column; nothing imported
printf 'id,name,start,end\nfall,Fall,2026-10-01,2026-10-31\nbad,Bad,2026-10-01,2026-31-10\n' >"$tmp/bad.csv"
refused 3 i_bad campaign import "$tmp/bad.csv"
has "$tmp/i_bad.err" 'bad.csv:3: end' "bad CSV row named"
ok; [ -z "$(sql "select id from campaigns where id = 'fall'")" ] || fail "a bad file imported its good rows"
printf 'list,contact\nvip,nobody\n' >"$tmp/badm.csv"
refused 3 i_badm mlist import members "$tmp/badm.csv"
has "$tmp/i_badm.err" 'badm.csv:2: contact' "unknown member named"
refused 2 i_kind mlist import people "$tmp/badm.csv"
# a row the model's check refuses is placed at the column the rule is about
printf 'id,name,start,end\nlate,Late,2026-10-31,2026-10-01\n' >"$tmp/badend.csv"
refused 3 i_badend campaign import "$tmp/badend.csv"
has "$tmp/i_badend.err" 'badend.csv:2: end: campaign late: end must be on or after start' "end rule at end"
printf 'campaign,contact,account,lead,channel,date,outcome\nspring,sophie.laurent,acme,,email,2026-09-11,interested\n' >"$tmp/badr.csv"
refused 3 i_badr campaign import-responses "$tmp/badr.csv"
has "$tmp/i_badr.err" 'badr.csv:2: contact: response to spring: give exactly one of contact, account or lead' "target rule at contact"
printf 'id,name,kind\nall,All,dynamic\n' >"$tmp/badl.csv"
refused 3 i_badl mlist import lists "$tmp/badl.csv"
has "$tmp/i_badl.err" 'badl.csv:2: kind: list all: a dynamic list needs at least one filter' "filter rule at kind"
ok; [ -z "$(sql "select id from campaigns where id = 'late'")$(sql "select id from marketing_lists where id = 'all'")" ] \
  || fail "a refused campaign or list was stored"

# old_store VERSION TABLE:COLUMN...: $db as an older ordo left it (those
# columns and the phone's index dropped, user_version VERSION)
old_store() {
  python3 - "$db" "$@" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("DROP INDEX contacts_dedup_phone")
for tc in sys.argv[3:]:
    c.execute("ALTER TABLE %s DROP COLUMN %s" % tuple(tc.split(":")))
c.execute("PRAGMA user_version = %d" % int(sys.argv[2]))
c.commit()
PY
}

# ---------------------------------------------------------------- a version-8 store (no cities) is upgraded
db=$tmp/v8.db
"$ordo" import "$src/examples/training" --db "$db" >/dev/null 2>&1 || fail "import v8"
expect 0 v8_list mlist add clients --name Clients --kind dynamic --relationship client
old_store 8 accounts:city contacts:city contacts:phone marketing_lists:f_city
ok; [ "$(sql "select count(*) from pragma_table_info('contacts') where name = 'city'")" = 0 ] || fail "v8 fixture still has contacts.city"
expect 0 v8_members mlist members clients
latest=$(sed -n 's/^#define ORDO_STORE_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$src/io/store/sqlite/store_schema.h")
ok; [ "$(sql "PRAGMA user_version")" = "$latest" ] || fail "v8 upgrade: schema version $(sql "PRAGMA user_version"), not $latest"
has "$tmp/v8_members.out" '^sophie.laurent$' "v8 upgrade: the old dynamic list still evaluates"
ok; [ "$(sql "select count(*) from pragma_table_info('marketing_lists') where name = 'f_city'")" = 1 ] \
  || fail "v8 upgrade: marketing_lists.f_city not added"
ok; [ "$(sql "select count(*) from accounts where city is not null")" = 0 ] || fail "v8 upgrade: cities invented"
ok; [ "$(sql "select count(*) from sqlite_master where name = 'contacts_dedup_phone'")" = 1 ] || fail "v8 upgrade: the phone index missing"
expect 0 v8_city account update acme --city Paris
expect 0 v8_l mlist add paris --name Paris --kind dynamic --city paris
expect 0 v8_m mlist members paris
ok; [ "$(cat "$tmp/v8_m.out")" = "sophie.laurent
1 member" ] || fail "v8 upgrade: a city list on the upgraded store: $(cat "$tmp/v8_m.out")"

# ---------------------------------------------------------------- a development version-9 store
# (6aea1cc wrote version 9 with the cities only: no contacts.phone, its
# index, nor marketing_lists.f_city) is upgraded with what it lacks
db=$tmp/v9dev.db
"$ordo" import "$src/examples/training" --db "$db" >/dev/null 2>&1 || fail "import v9dev"
expect 0 v9_list mlist add clients --name Clients --kind dynamic --relationship client
expect 0 v9_city account update acme --city Lyon
old_store 9 contacts:phone marketing_lists:f_city
expect 0 v9_members mlist members clients
ok; [ "$(sql "PRAGMA user_version")" = "$latest" ] || fail "v9dev upgrade: schema version $(sql "PRAGMA user_version"), not $latest"
has "$tmp/v9_members.out" '^sophie.laurent$' "v9dev upgrade: the old dynamic list still evaluates"
for tc in contacts:phone marketing_lists:f_city accounts:city contacts:city; do
  ok; [ "$(sql "select count(*) from pragma_table_info('${tc%%:*}') where name = '${tc#*:}'")" = 1 ] \
    || fail "v9dev upgrade: $tc missing"
done
ok; [ "$(sql "select city from accounts where id = 'acme'")" = Lyon ] || fail "v9dev upgrade: a city was lost"
ok; [ "$(sql "select count(*) from sqlite_master where name = 'contacts_dedup_phone'")" = 1 ] || fail "v9dev upgrade: the phone index missing"
expect 0 v9_phone contact update sophie.laurent --phone "+33 4 77 00 00 00"
expect 0 v9_l mlist add lyon --name Lyon --kind dynamic --city lyon
expect 0 v9_m mlist members lyon
ok; [ "$(cat "$tmp/v9_m.out")" = "sophie.laurent
1 member" ] || fail "v9dev upgrade: a city list on the upgraded store: $(cat "$tmp/v9_m.out")"

finish
