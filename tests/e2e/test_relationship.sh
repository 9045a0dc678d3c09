#!/usr/bin/env bash
# test_relationship.sh — relationship types over time through `ordo
# relationship`: the nightly refresh turns clients whose contracts ended
# more than the grace period ago into former clients (each change recorded
# with its reason; a second run changes nothing), a contact follows its
# account, the configured policy (grace days, lapsed type) is used, bad
# policy values and unknown parties are refused with exit 2 / 3 and the
# database unchanged, former_client round-trips through the account CSV,
# and a schema-version-3 store (four relationship types in its CHECK) is
# upgraded in place to version 4 with its rows and references intact.
# Environment: ORDO_BIN, ORDO_SOURCE_DIR, ORDO_TMP.
set -uo pipefail

ordo=${ORDO_BIN:?ORDO_BIN not set}
src=${ORDO_SOURCE_DIR:?ORDO_SOURCE_DIR not set}
mkdir -p "${ORDO_TMP:-/tmp}"
tmp=$(mktemp -d "${ORDO_TMP:-/tmp}/test_relationship.XXXXXX")
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
db=$tmp/t.db

. "$src/tests/e2e/ordo_steps.bash"

"$ordo" import "$src/examples/training" --db "$db" >/dev/null 2>&1 || { echo "import failed"; exit 1; }
expect 0 help relationship --help
has "$tmp/help.out" "^Usage: ordo relationship" "relationship --help"

# ---------------------------------------------------------------- while the contracts run: nothing changes
expect 0 r0 relationship refresh --now 2026-09-01T00:00Z
has "$tmp/r0.out" '^6 checked, 0 changed$' "clients with active contracts stay clients"

# ---------------------------------------------------------------- refusals change nothing
refused 2 bad_lapsed relationship policy --lapsed client
has "$tmp/bad_lapsed.err" "lapsed 'client': use former_client, prospect or suspect" "lapsed must be a lapsed type"
refused 2 bad_grace relationship policy --grace-days -3
has "$tmp/bad_grace.err" "grace days '-3'" "grace days must be >= 0"
refused 3 bad_party relationship refresh nobody --now 2028-09-01T00:00Z
has "$tmp/bad_party.err" "'nobody' is not an account or contact" "unknown party"
refused 3 bad_hist relationship history nobody
refused 2 bad_now relationship refresh --now yesterday

# ---------------------------------------------------------------- one party only
expect 0 r1 relationship refresh globex --now 2028-09-01T00:00Z
has "$tmp/r1.out" '^globex: client -> former_client$' "one party refreshed"
has "$tmp/r1.out" '^1 checked, 1 changed$' "only that party"
ok; [ "$(sql "select relationship from accounts where id = 'acme'")" = client ] || fail "acme refreshed too early"

# ---------------------------------------------------------------- the nightly job: 610 days after acme's contract ended
expect 0 r2 relationship refresh --now 2028-09-01T00:00Z
has "$tmp/r2.out" '^acme: client -> former_client$' "lapsed account"
has "$tmp/r2.out" '^sophie.laurent: client -> former_client$' "its contact follows the account"
has "$tmp/r2.out" '^6 checked, 4 changed$' "every party checked"
ok; [ "$(sql "select from_rel, to_rel, why from relationship_changes where party = 'acme'")" = \
  "client|former_client|no active contract for longer than the grace period" ] \
  || fail "change recorded: $(sql "select * from relationship_changes where party = 'acme'")"
expect 0 h relationship history acme
has "$tmp/h.out" '^2028-09-01T00:00Z  client -> former_client \(no active contract for longer than the grace period\)$' \
  "history lists the change"
refused 0 r3 relationship refresh --now 2028-09-01T00:00Z
has "$tmp/r3.out" '^6 checked, 0 changed$' "a second run changes nothing"

# ---------------------------------------------------------------- the configured policy is used
db2=$tmp/p.db
"$ordo" import "$src/examples/training" --db "$db2" >/dev/null 2>&1 || fail "import 2"
db=$db2
expect 0 pol relationship policy --grace-days 30 --lapsed prospect
has "$tmp/pol.out" '^grace days 30, lapsed clients become prospect$' "policy stored"
expect 0 pol_show relationship policy
has "$tmp/pol_show.out" '^grace days 30, lapsed clients become prospect$' "policy read back"
# acme's contract ends 2026-12-31: 31 days later it is past a 30-day grace period
expect 0 p1 relationship refresh acme --now 2027-01-31T00:00Z
has "$tmp/p1.out" '^acme: client -> prospect$' "lapsed to prospect by policy"

# ---------------------------------------------------------------- former_client in records and CSV
expect 0 add_fc account add oldco --name "Old Co" --relationship former_client
expect 0 exp account export --out "$tmp/accounts.csv"
has "$tmp/accounts.csv" '^oldco,Old Co,former_client' "export writes former_client"
db3=$tmp/csv.db
"$ordo" import "$src/examples/training" --db "$db3" >/dev/null 2>&1 || fail "import 3"
db=$db3
expect 0 imp account import "$tmp/accounts.csv"
ok; [ "$(sql "select relationship from accounts where id = 'oldco'")" = former_client ] || fail "import reads former_client"
# a former client with no record here stays one; a lead makes it a prospect again
expect 0 fc0 relationship refresh oldco --now 2028-09-01T00:00Z
has "$tmp/fc0.out" '^1 checked, 0 changed$' "former client kept"
expect 0 fc_lead lead add LX --topic "Back again" --last Smith --parent-account oldco --channel web
expect 0 fc1 relationship refresh oldco --now 2028-09-01T00:00Z
has "$tmp/fc1.out" '^oldco: former_client -> prospect$' "a new lead makes a former client a prospect"

# ---------------------------------------------------------------- a version-3 store is upgraded to the latest version
old=$tmp/v3.db
"$ordo" import "$src/examples/training" --db "$old" >/dev/null 2>&1 || fail "import v3"
python3 - "$old" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA foreign_keys = OFF")
for t in ("accounts", "contacts"):
    sql = c.execute("SELECT sql FROM sqlite_master WHERE name = ?", (t,)).fetchone()[0]
    old = sql.replace(", 'former_client'", "").replace("CREATE TABLE " + t, "CREATE TABLE " + t + "_v3")
    assert old != sql
    c.execute(old)
    c.execute("INSERT INTO %s_v3 SELECT * FROM %s" % (t, t))
    c.execute("DROP TABLE " + t)
    c.execute("ALTER TABLE %s_v3 RENAME TO %s" % (t, t))
c.execute("CREATE INDEX contacts_account ON contacts(account)")
c.execute("ALTER TABLE courses DROP COLUMN sites")          # version 5's column
for i in ("sessions_start", "sessions_position", "courses_position"):   # version 4's indexes
    c.execute("DROP INDEX " + i)
for i in ("sessions_length", "working_hours_resource_position", "time_off_resource_position"):
    c.execute("DROP INDEX " + i)                                         # version 7's
c.execute("DROP TRIGGER courses_last_booking")
c.execute("DELETE FROM meta WHERE key = 'last_booking'")
svc = c.execute("SELECT id FROM services LIMIT 1").fetchone()[0]
c.execute("INSERT INTO courses (id, position, title, service, sessions, participants, earliest, latest,"
          " min_days_between, cohorts, min_distinct_days, fixed_duration_slots, is_booking)"
          " VALUES ('booking-77', 99999, 'old desk booking', ?, 1, 1, '2026-01-05', '2026-01-05', 0, '', 0, 0, 1)",
          (svc,))
c.execute("PRAGMA user_version = 3")
c.commit()
try:
    c.execute("UPDATE accounts SET relationship = 'former_client' WHERE id = 'acme'")
    sys.exit("the version-3 fixture accepts former_client")
except sqlite3.IntegrityError:
    pass
PY
db=$old
expect 0 up relationship refresh --now 2028-09-01T00:00Z
has "$tmp/up.out" '^acme: client -> former_client$' "upgraded store takes former_client"
latest=$(sed -n 's/^#define ORDO_STORE_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$src/io/store/sqlite/store_schema.h")   # the version this ordo writes
ok; [ "$(sql "PRAGMA user_version")" = "$latest" ] || fail "upgrade: schema version $(sql "PRAGMA user_version"), not $latest"
ok; [ "$(sql "select count(*) from sqlite_master where name in ('sessions_length', 'working_hours_resource_position', 'time_off_resource_position', 'courses_last_booking')")" = 4 ] \
  || fail "upgrade: desk indexes and trigger of version 7 missing"
ok; [ "$(sql "select value from meta where key = 'last_booking'")" = 77 ] \
  || fail "upgrade: the last booking number is not kept: $(sql "select value from meta where key = 'last_booking'")"
ok; [ -z "$(sql "PRAGMA foreign_key_check")" ] || fail "upgrade: broken references"
ok; [ "$(sql "select count(*) from sqlite_master where name in ('contacts_account', 'contacts_email_norm', 'contacts_name_block')")" = 3 ] \
  || fail "upgrade: contact indexes missing"
ok; [ "$(sql "select count(*) from sqlite_master where type = 'index' and (name like 'contacts_dedup_%' or name like 'accounts_dedup_%')")" = 7 ] \
  || fail "upgrade: the duplicate-search indexes (version 8, and the phone's of version 9) missing"
ok; [ "$(sql "select count(*) from contacts c join accounts a on a.id = c.account")" = \
      "$(sql "select count(*) from contacts where account is not null")" ] || fail "upgrade: contacts lost their accounts"
expect 0 up_show account show globex
has "$tmp/up_show.out" 'former_client' "upgraded rows readable"
expect 3 up_del account delete nobody

finish
