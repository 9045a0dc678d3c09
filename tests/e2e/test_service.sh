#!/usr/bin/env bash
# test_service.sh — the service core through the `ordo` command: CRM records
# (shared ids, references, CSV round trip, a bad row changing nothing),
# contract status and lines, cases resolved against the hour bank with every
# refusal exiting 5 and leaving the database byte for byte as it was,
# reversals, the schedule feeding the bank (reservations, done, past by
# --now, cancel leaving its course, frozen sessions on a re-plan), the
# forecast, the customer view, and `contract check` catching a balance that
# differs from its ledger. Environment: ORDO_BIN, ORDO_SOURCE_DIR, ORDO_TMP.
set -uo pipefail

ordo=${ORDO_BIN:?ORDO_BIN not set}
src=${ORDO_SOURCE_DIR:?ORDO_SOURCE_DIR not set}
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_service.XXXXXX")
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
db=$tmp/t.db

. "$src/tests/e2e/ordo_steps.bash"          # fail, step, finish
ok() { checks=$((checks + 1)); }
# expect CODE NAME ARGS...: ordo ARGS --db $db exits CODE, output in $tmp/NAME.out/.err
expect() { local want=$1 name=$2; shift 2; step "$name" "$want" "$@" --db "$db"; }
# has FILE REGEX WHAT
has() { ok; grep -qE -- "$2" "$1" || { fail "$3: no /$2/ in $(basename "$1"):"; sed 's/^/    /' "$1" | head -20 >&2; }; }
# same A B WHAT
same() { ok; [ "$1" = "$2" ] || fail "$3: '$1' != '$2'"; }
# refused CODE NAME ARGS...: exits CODE and the database file is unchanged
refused() {
  local want=$1 name=$2; shift 2
  local before; before=$(dump)
  expect "$want" "$name" "$@"
  ok; [ "$(dump)" = "$before" ] || fail "$name: the database changed although the command was refused"
}
sql() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); [print("|".join(map(str,r))) for r in c.execute(sys.argv[2])]; c.commit()' "$db" "$1"; }
dump() { python3 -c 'import sqlite3,sys; print("\n".join(sqlite3.connect(sys.argv[1]).iterdump()))' "$db" | sha256sum; }
# line_field CONTRACT FIELD: a number from the hour-bank line of `contract show`
line_field() {
  "$ordo" contract show "$1" --db "$db" | grep '(hour bank)' | sed -E "s/.* $2 (-?[0-9]+).*/\\1/"
}

# ---------------------------------------------------------------- setup
"$ordo" import "$src/examples/training" --db "$db" >/dev/null 2>&1 || { echo "import failed"; exit 1; }
expect 0 help_case case --help
has "$tmp/help_case.out" '^Usage: ordo case' "case --help"
for c in account contact product contract session customer; do
  "$ordo" "$c" --help >"$tmp/help_$c.out" 2>&1; ok; [ $? -eq 0 ] || fail "ordo $c --help"
done
expect 2 no_sub case
expect 2 bad_sub contract frobnicate
expect 2 bad_now case resolve 1 --now 2026-10-01T09:00   # no offset

# ---------------------------------------------------------------- CRM records
expect 0 acc_add account add umbrella --name "Umbrella Corp" --relationship suspect --roles "competitor;supplier"
expect 0 acc_show account show umbrella
has "$tmp/acc_show.out" '^relationship: suspect$' "account show relationship"
has "$tmp/acc_show.out" '^roles: competitor;supplier$' "account show roles"
expect 0 acc_upd account update umbrella --relationship client --roles partner
expect 0 acc_show2 account show umbrella
has "$tmp/acc_show2.out" '^name: Umbrella Corp$' "update keeps fields not given"
has "$tmp/acc_show2.out" '^roles: partner$' "update replaces roles"
refused 3 acc_dup account add umbrella --name X
refused 3 acc_clash contact add acme --first-name A --last-name B
has "$tmp/acc_clash.err" "already an account id" "accounts and contacts share ids"
refused 3 acc_badrole account update umbrella --roles "Big Fish"
refused 2 acc_badrel account update umbrella --relationship friend
refused 5 acc_del_used account delete acme
has "$tmp/acc_del_used.err" "used by contact sophie\.laurent" "delete names the referrer"
expect 0 con_add contact add jill --first-name Jill --last-name Valentine --email jill@umbrella.example --account umbrella --roles partner
refused 5 acc_del_con account delete umbrella
expect 0 con_del contact delete jill
expect 0 acc_del account delete umbrella
refused 3 acc_del_again account delete umbrella
expect 0 prod_add product add printer --name "Printer 3000"
expect 0 prod_list product list
has "$tmp/prod_list.out" '^id,name$' "product list header"
has "$tmp/prod_list.out" '^printer,Printer 3000$' "product list row"

# CSV: export, import into a fresh store, export again: the same bytes
cat >"$tmp/products.csv" <<'EOF'
id,name,extra
printer,"Printer 3000, ""deluxe""",x
scanner,Scanner,y
EOF
expect 0 prod_import product import "$tmp/products.csv"
has "$tmp/prod_import.err" "column 'extra' ignored" "extra column warned"
expect 0 acc_roles account update globex --roles "partner;reseller" --city "Paris, 15e"
expect 0 con_city contact add zoe --first-name Zoe --last-name Z --account globex --city "Saint-Étienne"
refused 3 con_city_bad contact update zoe --city "$(printf 'Lyon\nVilleurbanne')"
has "$tmp/con_city_bad.err" "contact zoe: city must be one line" "a city on two lines is refused"
expect 0 con_phone contact update zoe --phone "+33 4 77 00 00 00"
refused 2 acc_phone account update globex --phone "+33 1"
expect 0 con_city_show contact show zoe
has "$tmp/con_city_show.out" '^city: Saint-Étienne$' "the city is kept as typed"
has "$tmp/con_city_show.out" '^phone: \+33 4 77 00 00 00$' "the phone is kept as typed"
for t in account contact product; do
  expect 0 "exp_$t" "$t" export --out "$tmp/$t.csv"
done
db2=$tmp/t2.db
"$ordo" import "$src/examples/training" --db "$db2" >/dev/null 2>&1
for t in account contact product; do
  "$ordo" "$t" import "$tmp/$t.csv" --db "$db2" >/dev/null 2>"$tmp/imp_$t.err"; ok; [ $? -eq 0 ] || fail "import $t.csv into a fresh store"
  "$ordo" "$t" export --db "$db2" >"$tmp/$t.again.csv"; ok
  cmp -s "$tmp/$t.csv" "$tmp/$t.again.csv" || fail "$t CSV does not round-trip"
done
has "$tmp/account.csv" '^globex,Globex Ltd,client,partner;reseller,"Paris, 15e"$' "roles and city exported"
has "$tmp/contact.csv" '^zoe,Zoe,Z,,globex,,,Saint-Étienne,\+33 4 77 00 00 00$' "a contact's city and phone exported"
has "$tmp/product.csv" '^printer,"Printer 3000, ""deluxe"""$' "quoted cell exported"
# a file without the roles column keeps each record's roles
printf 'id,name,relationship\nglobex,Globex Ltd,prospect\n' >"$tmp/accounts.csv"
expect 0 acc_import account import "$tmp/accounts.csv"
expect 0 acc_show3 account show globex
has "$tmp/acc_show3.out" '^relationship: prospect$' "import updates the relationship"
has "$tmp/acc_show3.out" '^roles: partner;reseller$' "import without a roles column keeps the roles"
has "$tmp/acc_show3.out" '^city: Paris, 15e$' "import without a city column keeps the city"
printf 'id,name,relationship,city\nglobex,Globex Ltd,prospect,\n' >"$tmp/accounts_city.csv"
expect 0 acc_import_city account import "$tmp/accounts_city.csv"
expect 0 acc_show4 account show globex
has "$tmp/acc_show4.out" '^city: $' "an empty city cell clears the city"
has "$tmp/acc_show4.out" '^roles: partner;reseller$' "a city column without roles keeps the roles"
# a bad row: FILE:LINE: COLUMN, nothing imported (the good row before it neither)
printf 'id,first_name,last_name,email,account,relationship\nbob,Bob,B,bob@x.example,,client\neve,Eve,E,eve@x.example,ghost,client\n' >"$tmp/contacts.csv"
refused 3 con_bad contact import "$tmp/contacts.csv"
has "$tmp/con_bad.err" 'contacts\.csv:3: account: unknown account .ghost.' "bad row names file, line, column"
refused 3 con_show_bob contact show bob
# ids seen earlier in the file are remembered whatever the later rows hold
# (they were borrowed from the reused row buffer: a later id was reported
# as a duplicate of another line)
printf 'id,first_name,last_name,email,account,relationship\nk1,A,A,,,client\nkk2,B,B,,,client\nkkk3,C,C,,,client\nk4,D,D,,,\nkk2,E,E,,,client\n' >"$tmp/contacts_dup.csv"
refused 3 con_dup contact import "$tmp/contacts_dup.csv"
has "$tmp/con_dup.err" "contacts_dup\.csv:6: id: 'kk2' appears twice \(first on line 3\)" "a duplicate id names its first line"
printf 'id,first_name,last_name,email,account,relationship\nk1,A,A,,,client\nkk2,B,B,,,client\nkkk3,C,C,,,client\nk4,D,D,,,\n' >"$tmp/contacts_ok.csv"
expect 0 con_many contact import "$tmp/contacts_ok.csv"
expect 0 con_show_k4 contact show k4
has "$tmp/con_show_k4.out" '^relationship: $' "an empty relationship cell imports as none"

# ---------------------------------------------------------------- contracts and lines
expect 0 k_add contract add acme-support --customer acme --start 2026-01-01 --end 2026-12-31 --hours 5
has "$tmp/k_add.out" "draft" "a new contract is a draft"
refused 5 k_hold_draft contract hold acme-support
has "$tmp/k_hold_draft.err" "is draft: it cannot become on_hold \(allowed: active\)" "refused transition names the rule"
expect 0 k_act contract activate acme-support
expect 0 k_hold contract hold acme-support
expect 0 k_resume contract activate acme-support
refused 3 k_dup contract add acme-support --customer acme --start 2026-01-01 --end 2026-12-31
refused 3 k_nocust contract add k9 --customer ghost --start 2026-01-01 --end 2026-12-31
expect 0 k_cases contract line acme-support --cases 2
expect 0 k_cov contract line acme-support --coverage --start 2026-06-01 --end 2026-06-30
refused 3 k_out contract line acme-support --minutes 60 --start 2025-12-01 --end 2026-01-31
expect 2 k_two contract line acme-support --minutes 60 --cases 2
expect 0 k_show contract show acme-support
has "$tmp/k_show.out" 'time  2026-01-01\.\.2026-12-31  total 300  used 0  reserved 0  remaining 300 min  \(hour bank\)' "hour bank line"
has "$tmp/k_show.out" 'cases  2026-01-01\.\.2026-12-31  total 2  used 0  reserved 0  remaining 2 cases' "cases line"
has "$tmp/k_show.out" 'coverage  2026-06-01\.\.2026-06-30$' "coverage line"
bank=$(sql "SELECT id FROM contract_lines WHERE contract='acme-support' AND is_primary")
caseline=$(sql "SELECT id FROM contract_lines WHERE contract='acme-support' AND kind='cases'")
covline=$(sql "SELECT id FROM contract_lines WHERE contract='acme-support' AND kind='coverage'")

# ---------------------------------------------------------------- cases
new_case() {  # new_case OPENED LINE MINUTES... -> prints the case id
  local opened=$1 line=$2; shift 2
  local id; id=$("$ordo" case add --customer acme --title "Help" --product printer --line "$line" --opened "$opened" --db "$db" | sed -E 's/case ([0-9]+) added/\1/')
  for m in "$@"; do "$ordo" case activity "$id" --kind phone_call --minutes "$m" --db "$db" >/dev/null; done
  echo "$id"
}
c1=$(new_case 2026-03-02 "$bank" 60 45 15)
expect 0 res1 case resolve "$c1" --now 2026-03-03T10:00Z
has "$tmp/res1.out" "case $c1 resolved: 120 deducted" "resolve deducts the activities' total"
same "$(line_field acme-support used)" 120 "used after resolve"
refused 5 res1_again case resolve "$c1"
has "$tmp/res1_again.err" "already resolved" "resolving twice"
refused 5 act_resolved case activity "$c1" --kind task --minutes 5
c2=$(new_case 2026-03-02 "$bank" 200)
refused 5 res2_short case resolve "$c2"
has "$tmp/res2_short.err" "needs 200 min but line $bank of contract acme-support has 180 unreserved" "short balance named"
expect 0 res2_over case resolve "$c2" --overdraft
has "$tmp/res2_over.out" "200 deducted, 20 of it overdraft" "overdraft recorded"
same "$(line_field acme-support remaining)" -20 "remaining after overdraft"
expect 0 react2 case reactivate "$c2"
same "$(line_field acme-support used)" 120 "reactivation reverses the deduction"
has "$tmp/react2.out" "is active" "reactivated"
expect 0 res2_bill case resolve "$c2" --billable 30
same "$(line_field acme-support used)" 150 "--billable replaces the total"
expect 0 cancel2 case cancel "$c2"
same "$(line_field acme-support used)" 120 "cancelling a resolved case reverses"
expect 0 show2 case show "$c2"
has "$tmp/show2.out" "unbilled" "activities billable again"
c3=$(new_case 2025-12-15 "$bank" 10)
refused 5 res3_dates case resolve "$c3" --overdraft
has "$tmp/res3_dates.err" "opened on 2025-12-15, outside line" "opened outside the line's dates"
c4=$(new_case 2026-04-01 "$bank" 10)
expect 0 k_hold2 contract hold acme-support
refused 5 res4_hold case resolve "$c4" --overdraft
has "$tmp/res4_hold.err" "contract acme-support is on_hold, not active" "contract not active"
expect 0 k_resume2 contract activate acme-support
c5=$(new_case 2026-04-01 "$caseline" 10)
c6=$(new_case 2026-04-02 "$caseline" 10)
c7=$(new_case 2026-04-03 "$caseline" 10)
refused 3 res5_bill case resolve "$c5" --billable 5
expect 0 res56 case resolve "$c5" "$c6"
refused 5 res7 case resolve "$c7"
has "$tmp/res7.err" "needs 1 cases" "case line counts cases"
c8=$(new_case 2026-06-10 "$covline" 10)
expect 0 res8 case resolve "$c8"
has "$tmp/res8.out" "resolved: 0 deducted" "coverage line deducts nothing"
c9=$(new_case 2026-07-10 "$covline" 10)
refused 5 res9 case resolve "$c9"
refused 5 case_other case add --customer globex --title x --line "$bank"
has "$tmp/case_other.err" "belongs to contract acme-support of acme" "a case uses its customer's lines"
refused 3 case_nobody case add --customer ghost --title x
expect 0 k_expire contract expire acme-support
refused 5 k_reactivate contract activate acme-support
has "$tmp/k_reactivate.err" "a final status" "expired is final"
expect 0 check1 contract check
has "$tmp/check1.out" "every balance equals its ledger" "check clean"

# ---------------------------------------------------------------- the schedule feeds the bank
expect 0 sched1 schedule --from 2026-10-01 --to 2026-12-31 --quiet --work 20000 --now 2026-09-01T00:00Z
planned() {  # minutes of the planned sessions of CONTRACT's courses
  sql "SELECT COALESCE(SUM(s.end_utc - s.start_utc), 0) FROM sessions s JOIN courses c ON c.id = s.course WHERE c.contract = '$1' AND s.status = 'planned'"
}
for k in acme-2026 globex-q4 lea-coaching; do
  same "$(line_field $k reserved)" "$(planned $k)" "$k reserves its planned sessions"
  r=$(line_field $k remaining); ok; [ "$r" -ge 0 ] || fail "$k overdrawn by the schedule: $r"
done
first=$(sql "SELECT s.id FROM sessions s WHERE s.course = 'lea-python' AND s.status = 'planned' ORDER BY s.start_utc LIMIT 1")
mins=$(sql "SELECT end_utc - start_utc FROM sessions WHERE id = $first")
expect 0 done1 session done "$first"
same "$(line_field lea-coaching used)" "$mins" "a done session is deducted"
same "$(line_field lea-coaching reserved)" "$(planned lea-coaching)" "and no longer reserved"
refused 5 done1_again session done "$first"
refused 5 cancel_done session cancel "$first"
# cancel: released, leaves its course
second=$(sql "SELECT s.id FROM sessions s WHERE s.course = 'lea-python' AND s.status = 'planned' ORDER BY s.start_utc LIMIT 1")
expect 0 cancel2s session cancel "$second"
same "$(sql "SELECT sessions FROM courses WHERE id = 'lea-python'")" 2 "the cancelled session left its course"
same "$(line_field lea-coaching reserved)" "$(planned lea-coaching)" "a cancelled session releases"
# a re-plan keeps done and cancelled sessions where they are
before=$(sql "SELECT id, status, start_utc, end_utc, resources FROM sessions WHERE status IN ('done', 'cancelled') ORDER BY id")
expect 0 sched2 schedule --from 2026-10-01 --to 2026-12-31 --quiet --work 20000 --now 2026-09-01T00:00Z
same "$(sql "SELECT id, status, start_utc, end_utc, resources FROM sessions WHERE status IN ('done', 'cancelled') ORDER BY id")" "$before" "done and cancelled sessions frozen"
same "$(sql "SELECT COUNT(*) FROM sessions WHERE course = 'lea-python' AND status IN ('planned', 'unscheduled')")" 1 "the cancelled session is not planned again"
for k in acme-2026 globex-q4 lea-coaching; do
  same "$(line_field $k reserved)" "$(planned $k)" "$k reserves after a re-plan"
  r=$(line_field $k remaining); ok; [ "$r" -ge 0 ] || fail "$k overdrawn after a re-plan: $r"
done
# a case eats most of acme's bank: the next run plans within what is left
c10=$("$ordo" case add --customer acme --title big --contract acme-2026 --opened 2026-09-15 --db "$db" | sed -E 's/case ([0-9]+) added/\1/')
"$ordo" case activity "$c10" --kind task --minutes 700 --db "$db" >/dev/null
refused 5 res10 case resolve "$c10"
held=$(planned acme-2026)
has "$tmp/res10.err" "has $((2400 - held)) unreserved \(total 2400, used 0, reserved $held\)" "reserved time is not available to cases"
expect 0 res10o case resolve "$c10" --overdraft
expect 4 sched3 schedule --from 2026-10-01 --to 2026-12-31 --quiet --work 20000 --now 2026-09-01T00:00Z
r=$(line_field acme-2026 remaining); ok; [ "$r" -ge 0 ] || fail "acme-2026 overdrawn after a case and a re-plan: $r"
same "$(line_field acme-2026 reserved)" "$(planned acme-2026)" "acme reserves what was planned"
expect 0 fc contract forecast acme-2026 --now 2026-09-01T00:00Z
has "$tmp/fc.out" '^runs out: ' "forecast says whether the bank runs out"
n=$(grep -cE '^2026-[0-9-]+ [0-9:]+  ' "$tmp/fc.out"); same "$n" "$(sql "SELECT COUNT(*) FROM sessions s JOIN courses c ON c.id = s.course WHERE c.contract = 'acme-2026' AND s.status = 'planned'")" "forecast lists each future session"
last=$(grep -E '^2026-' "$tmp/fc.out" | tail -1 | awk '{print $NF}')
same "$last" "$(line_field acme-2026 remaining)" "forecast ends at the remaining balance"
# time passes: --now after the first weeks turns past sessions into deductions
past=$(sql "SELECT COUNT(*) FROM sessions WHERE status = 'planned' AND end_utc <= (strftime('%s', '2026-10-31T00:00:00') / 60)")
expect 0 sweep session complete --now 2026-10-31T00:00Z
has "$tmp/sweep.out" "^$past sessions? done" "past sessions completed"
same "$(sql "SELECT COUNT(*) FROM sessions WHERE status = 'planned' AND end_utc <= (strftime('%s', '2026-10-31T00:00:00') / 60)")" 0 "no past session left planned"
expect 0 check2 contract check

# ---------------------------------------------------------------- customer 360
"$ordo" case add --customer acme --title "open one" --opened 2026-10-01 --db "$db" >/dev/null
expect 0 c360 customer show acme --now 2026-10-31T00:00Z
has "$tmp/c360.out" '^customer acme: account Acme Industries, relationship client' "360 header"
has "$tmp/c360.out" '^cases: [0-9]+ open, [0-9]+ resolved' "360 case counts"
has "$tmp/c360.out" '^calls: [1-9][0-9]*$' "360 calls"
has "$tmp/c360.out" '^  contract acme-2026  active' "360 contracts"
has "$tmp/c360.out" 'line [0-9]+  time .* total 2400  used [0-9]+  reserved [0-9]+  remaining -?[0-9]+ min' "360 balance"
has "$tmp/c360.out" '^upcoming sessions: [0-9]+$' "360 upcoming"
opened=$(sql "SELECT COUNT(*) FROM cases WHERE customer = 'acme' AND status IN ('active', 'on_hold')")
has "$tmp/c360.out" "^cases: $opened open" "360 open count matches the store"
refused 3 c360_ghost customer show ghost --now 2026-10-31T00:00Z

# ---------------------------------------------------------------- check catches a drift; the ledger is append-only
sql "UPDATE contract_lines SET used = used + 7 WHERE id = $bank"
expect 1 check_bad contract check
has "$tmp/check_bad.err" "line $bank of contract acme-support: used is [0-9]+ but its ledger sums to" "check names the line"
sql "UPDATE contract_lines SET used = used - 7 WHERE id = $bank"
expect 0 check3 contract check
ok; if sql "DELETE FROM ledger" 2>/dev/null; then fail "a ledger row could be deleted"; fi
ok; if sql "UPDATE ledger SET amount = 1" 2>/dev/null; then fail "a ledger row could be changed"; fi

# ---------------------------------------------------------------- a version-2 store is upgraded
old=$tmp/v2.db
"$ordo" import "$src/examples/training" --db "$old" >/dev/null 2>&1
python3 - "$old" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for t in ("ledger", "activities", "cases", "contract_lines", "products"):
    c.execute("DROP TABLE " + t)
c.execute("ALTER TABLE courses DROP COLUMN sites")   # added by version 4
c.execute("UPDATE contracts SET used_minutes = 100 WHERE id = 'globex-q4'")
c.execute("PRAGMA user_version = 2")
c.commit()
PY
"$ordo" contract show globex-q4 --db "$old" >"$tmp/v2.out" 2>"$tmp/v2.err"; ok; [ $? -eq 0 ] || fail "a version-2 store does not open: $(cat "$tmp/v2.err")"
has "$tmp/v2.out" 'total 3600  used 100  reserved 0  remaining 3500 min  \(hour bank\)' "upgrade: hour-bank line with what was used"
"$ordo" contract check --db "$old" >/dev/null 2>"$tmp/v2check.err"; ok; [ $? -eq 0 ] || fail "upgrade: check: $(cat "$tmp/v2check.err")"
latest=$(sed -n 's/^#define ORDO_STORE_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$src/io/store/sqlite/store_schema.h")   # the version this ordo writes
same "$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version").fetchone()[0])' "$old")" "$latest" "upgrade: schema version $latest (2 -> 3 -> ... -> $latest)"

finish
