/*
 * store_schema.h — the layout of an ordo store file (SQLite). Internal:
 * included only by io/store_sqlite.c; kept apart so the layout reads in one
 * place.
 *
 * Records are kept by their id strings (never by model index). Every table
 * has a `position` column: rows load in that order, so a model saved and
 * loaded again has its records at the same indexes. Lists (skills, roles,
 * cohorts, a session's resources) are ';'-joined text. Dates are local
 * 'YYYY-MM-DD' text; times of day are minutes (0..1440); session instants
 * are UTC minutes. Vocabulary columns hold the names of model/names.c.
 * Sessions have no foreign keys: their rows outlive courses, resources and
 * sites (calendars must still say CANCELLED), and are never deleted.
 *
 * PRAGMA application_id marks the file as ordo's; PRAGMA user_version is the
 * schema version below. Version 2 added courses.is_booking and
 * sessions.forced_conflict (the service desk); a version-1 file is migrated
 * in place when opened (ORDO_STORE_MIGRATE_1_SQL: columns with defaults).
 * Version 3 added the service tables (ORDO_STORE_SERVICE_SQL: products,
 * contract lines, cases, activities, the ledger); a version-2 file gets them
 * when opened (ORDO_STORE_MIGRATE_2_SQL), so version 1 goes 1 -> 2 -> 3.
 * Version 4 indexes sessions by start (the desk reads one window of them:
 * ordo_store_load_scope) and sessions and courses by position (a partial
 * model's new rows go after the last one); ORDO_STORE_MIGRATE_3_SQL.
 * Version 5 added courses.sites (the course's `site` list, ';'-joined ids,
 * '' = any site); a version-4 file gets the column, empty, when opened
 * (ORDO_STORE_MIGRATE_4_SQL).
 * Version 6 allows the relationship type 'former_client'
 * (ORDO_STORE_MIGRATE_5_SQL rebuilds accounts and contacts).
 * Version 7 indexes the session length and a resource's working hours and
 * time off by position, and keeps the last desk booking number in meta by a
 * trigger (ORDO_STORE_MIGRATE_6_SQL; the desk's partial reads, load.c).
 * Version 8 indexes the duplicate-search keys of contacts and accounts
 * (dedup_sql.h; ORDO_STORE_MIGRATE_7_SQL only creates indexes, IF NOT EXISTS).
 * Version 9 adds a city to accounts and contacts and a phone to contacts
 * (ORDO_STORE_V9_SQL, NULL for the rows already there; the phone's
 * duplicate-search index, dedup_sql.h) and a city to a marketing list's filter
 * (marketing_lists.f_city, when that table, created on first use by
 * io/store/sqlite/marketing.c, exists). ordo__sq_migrate_schema adds
 * them to an older file (ORDO_STORE_MIGRATE_9_SQL).
 * Version 10 changes no table: development builds wrote version 9 before
 * all of its columns were there, so a version-9 file gets whichever of
 * accounts.city, contacts.city, contacts.phone, marketing_lists.f_city it
 * lacks, and the phone's index (ordo__sq_migrate_schema; ORDO_STORE_MIGRATE_9_SQL).
 *
 * Service tables (io/store_crm.c, store_bank.c, store_case.c): a contract
 * line's used / reserved / overdraft are a cache of its ledger (kept in the
 * same transaction as each entry; `ordo contract check` compares them). The
 * ledger is append-only (triggers refuse UPDATE and DELETE, so its plain
 * INTEGER PRIMARY KEY only grows); a reversal names the entry it undoes.
 * A case's activities are billed exactly while the case is resolved (a
 * resolution bills them all, leaving RESOLVED unbills them all), so no
 * per-activity flag is stored. The ledger is indexed only where a resolve
 * does not write (sessions, reversals): each resolve dirties few pages. Every contract with minutes > 0 has one
 * primary time line mirroring contracts.minutes and its dates (kept by
 * ordo_store_save): the hour bank that courses reserve from. Amounts are
 * whole minutes (time lines) or cases (case lines); `at` is UTC seconds.
 */
#ifndef ORDO_STORE_SCHEMA_H
#define ORDO_STORE_SCHEMA_H

#include "io/store/sqlite/dedup_sql.h"

#define ORDO_STORE_APPLICATION_ID 1869767791 /* 0x6F72646F, "ordo" */
#define ORDO_STORE_SCHEMA_VERSION 10
#define ORDO_STORE__STR2(x) #x
#define ORDO_STORE__STR(x) ORDO_STORE__STR2(x)

/* The relationship types an account or contact may have (model.h). */
#define ORDO_STORE__RELATIONSHIP                                                              \
    "  relationship TEXT NOT NULL CHECK (relationship IN"                                     \
    "    ('', 'suspect', 'prospect', 'potential_client', 'client', 'former_client')),"
#define ORDO_STORE_ACCOUNTS_SQL(name)                                                         \
    "CREATE TABLE " name " (id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL, name TEXT,"\
    ORDO_STORE__RELATIONSHIP                                                                  \
    "  roles TEXT NOT NULL);"
#define ORDO_STORE_CONTACTS_SQL(name)                                                         \
    "CREATE TABLE " name " (id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,"         \
    "  first_name TEXT, last_name TEXT, email TEXT,"                                          \
    "  account TEXT REFERENCES accounts(id),"                                                 \
    ORDO_STORE__RELATIONSHIP                                                                  \
    "  roles TEXT NOT NULL);"

#define ORDO_STORE_SERVICE_SQL                                                                \
    "CREATE TABLE products (id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,"         \
    "  name TEXT NOT NULL);"                                                                  \
    "CREATE TABLE contract_lines (id INTEGER PRIMARY KEY AUTOINCREMENT,"                      \
    "  contract TEXT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,"                    \
    "  kind TEXT NOT NULL CHECK (kind IN ('time', 'cases', 'coverage')),"                     \
    "  start_date TEXT NOT NULL, end_date TEXT NOT NULL,"                                     \
    "  total INTEGER NOT NULL CHECK (total >= 0), used INTEGER NOT NULL DEFAULT 0,"           \
    "  reserved INTEGER NOT NULL DEFAULT 0, overdraft INTEGER NOT NULL DEFAULT 0,"            \
    "  is_primary INTEGER NOT NULL DEFAULT 0);"                                               \
    "CREATE INDEX contract_lines_contract ON contract_lines(contract);"                       \
    "CREATE UNIQUE INDEX contract_lines_primary ON contract_lines(contract)"                  \
    "  WHERE is_primary = 1;"                                                                 \
    "CREATE TABLE cases (id INTEGER PRIMARY KEY AUTOINCREMENT, customer TEXT NOT NULL,"       \
    "  product TEXT REFERENCES products(id), line INTEGER REFERENCES contract_lines(id),"     \
    "  title TEXT NOT NULL,"                                                                  \
    "  priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high')),"                 \
    "  origin TEXT NOT NULL CHECK (origin IN ('phone', 'email', 'web')),"                     \
    "  status TEXT NOT NULL CHECK (status IN ('active', 'on_hold', 'resolved', 'cancelled')),"\
    "  opened TEXT NOT NULL);"                                                                \
    "CREATE INDEX cases_customer ON cases(customer);"                                         \
    "CREATE INDEX cases_line ON cases(line);"                                                 \
    "CREATE INDEX cases_product ON cases(product);"                                           \
    "CREATE TABLE activities (id INTEGER PRIMARY KEY AUTOINCREMENT,"                          \
    "  case_id INTEGER NOT NULL REFERENCES cases(id),"                                        \
    "  kind TEXT NOT NULL CHECK (kind IN"                                                     \
    "    ('phone_call', 'email', 'task', 'appointment', 'booking')),"                         \
    "  minutes INTEGER NOT NULL CHECK (minutes >= 0), subject TEXT);"                         \
    "CREATE INDEX activities_case ON activities(case_id);"                                    \
    "CREATE TABLE ledger (id INTEGER PRIMARY KEY,"                                            \
    "  line INTEGER NOT NULL REFERENCES contract_lines(id),"                                  \
    "  kind TEXT NOT NULL CHECK (kind IN"                                                     \
    "    ('deduction', 'reservation', 'release', 'reversal', 'overdraft')),"                  \
    "  amount INTEGER NOT NULL CHECK (amount > 0), at INTEGER NOT NULL,"                      \
    "  case_id INTEGER REFERENCES cases(id), session INTEGER,"                                \
    "  reverses INTEGER REFERENCES ledger(id));"                                              \
    "CREATE INDEX ledger_session ON ledger(session) WHERE session IS NOT NULL;"               \
    "CREATE INDEX ledger_reverses ON ledger(reverses) WHERE reverses IS NOT NULL;"            \
    "CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger"                                 \
    "  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;"                          \
    "CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger"                                 \
    "  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;"

/* Version 9's columns (added, not in the CREATE TABLEs above: the version
 * 5 -> 6 rebuild uses those as they were then) and the phone's index. */
#define ORDO_STORE_V9_ACCOUNTS_CITY "ALTER TABLE accounts ADD COLUMN city TEXT"
#define ORDO_STORE_V9_CONTACTS_CITY "ALTER TABLE contacts ADD COLUMN city TEXT"
#define ORDO_STORE_V9_CONTACTS_PHONE "ALTER TABLE contacts ADD COLUMN phone TEXT"
#define ORDO_STORE_V9_LISTS_CITY "ALTER TABLE marketing_lists ADD COLUMN f_city TEXT"   /* io/store/sqlite/marketing.c */
#define ORDO_STORE_V9_SQL                                                                     \
    ORDO_STORE_V9_ACCOUNTS_CITY ";" ORDO_STORE_V9_CONTACTS_CITY ";" ORDO_STORE_V9_CONTACTS_PHONE ";" \
    ORDO_STORE_PHONE_INDEX_SQL

#define ORDO_STORE_SCHEMA_SQL                                                                 \
    "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);"                 \
    "CREATE TABLE sites (id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,"            \
    "  name TEXT, timezone TEXT);"                                                            \
    "CREATE TABLE resources (id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL, name TEXT,"\
    "  kind TEXT NOT NULL CHECK (kind IN ('person', 'room', 'equipment')),"                   \
    "  site TEXT REFERENCES sites(id), capacity INTEGER NOT NULL,"                            \
    "  skills TEXT NOT NULL, email TEXT);"                                                    \
    "CREATE TABLE working_hours (position INTEGER NOT NULL,"                                  \
    "  resource TEXT NOT NULL REFERENCES resources(id),"                                      \
    "  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),"                             \
    "  start_min INTEGER NOT NULL, end_min INTEGER NOT NULL);"                                \
    "CREATE TABLE time_off (position INTEGER NOT NULL,"                                       \
    "  resource TEXT NOT NULL REFERENCES resources(id),"                                      \
    "  start_date TEXT NOT NULL, start_min INTEGER NOT NULL,"                                 \
    "  end_date TEXT NOT NULL, end_min INTEGER NOT NULL, reason TEXT, source TEXT);"          \
    "CREATE TABLE services (id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL, name TEXT,"\
    "  duration INTEGER NOT NULL);"                                                           \
    "CREATE TABLE requirements (position INTEGER NOT NULL,"                                   \
    "  service TEXT NOT NULL REFERENCES services(id),"                                        \
    "  kind TEXT NOT NULL CHECK (kind IN ('person', 'room', 'equipment')),"                   \
    "  count INTEGER NOT NULL, skill TEXT,"                                                   \
    "  min_capacity INTEGER NOT NULL, capacity_penalty INTEGER NOT NULL);"                    \
    ORDO_STORE_ACCOUNTS_SQL("accounts")                                                       \
    ORDO_STORE_CONTACTS_SQL("contacts")                                                       \
    ORDO_STORE_V9_SQL                                                                         \
    "CREATE TABLE contracts (id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL,"        \
    "  customer TEXT, start_date TEXT NOT NULL, end_date TEXT NOT NULL,"                      \
    "  minutes INTEGER NOT NULL, used_minutes INTEGER NOT NULL,"                              \
    "  status TEXT NOT NULL CHECK (status IN"                                                 \
    "    ('draft', 'active', 'on_hold', 'cancelled', 'expired')));"                           \
    "CREATE TABLE courses (id TEXT PRIMARY KEY NOT NULL, position INTEGER NOT NULL, title TEXT,"\
    "  service TEXT NOT NULL REFERENCES services(id), customer TEXT,"                         \
    "  contract TEXT REFERENCES contracts(id),"                                               \
    "  sessions INTEGER NOT NULL, participants INTEGER NOT NULL,"                             \
    "  earliest TEXT NOT NULL, latest TEXT NOT NULL, min_days_between INTEGER NOT NULL,"      \
    "  cohorts TEXT NOT NULL, min_distinct_days INTEGER NOT NULL,"                            \
    "  fixed_duration_slots INTEGER NOT NULL, is_booking INTEGER NOT NULL DEFAULT 0,"         \
    "  sites TEXT NOT NULL DEFAULT '');"                                                      \
    "CREATE TABLE course_blackouts (position INTEGER NOT NULL,"                               \
    "  course TEXT NOT NULL REFERENCES courses(id), date TEXT NOT NULL,"                      \
    "  start_min INTEGER NOT NULL, end_min INTEGER NOT NULL);"                                \
    "CREATE TABLE sessions (id INTEGER PRIMARY KEY AUTOINCREMENT,"                            \
    "  position INTEGER NOT NULL, course TEXT NOT NULL, ordinal INTEGER NOT NULL,"            \
    "  status TEXT NOT NULL CHECK (status IN"                                                 \
    "    ('planned', 'unscheduled', 'cancelled', 'done')),"                                   \
    "  start_utc INTEGER NOT NULL, end_utc INTEGER NOT NULL, site TEXT,"                      \
    "  resources TEXT NOT NULL, sequence INTEGER NOT NULL, dtstamp INTEGER NOT NULL,"         \
    "  reason TEXT, forced_conflict INTEGER NOT NULL DEFAULT 0);"                            \
    "CREATE INDEX resources_site ON resources(site);"                                         \
    "CREATE INDEX working_hours_resource ON working_hours(resource);"                         \
    "CREATE INDEX time_off_resource ON time_off(resource);"                                   \
    "CREATE INDEX requirements_service ON requirements(service);"                             \
    "CREATE INDEX contacts_account ON contacts(account);"                                     \
    "CREATE INDEX courses_service ON courses(service);"                                       \
    "CREATE INDEX courses_contract ON courses(contract);"                                     \
    "CREATE INDEX course_blackouts_course ON course_blackouts(course);"                       \
    "CREATE INDEX sessions_course ON sessions(course);"                                       \
    "CREATE INDEX sessions_start ON sessions(start_utc);"                                     \
    "CREATE INDEX sessions_position ON sessions(position);"                                   \
    "CREATE INDEX courses_position ON courses(position);"                                     \
    ORDO_STORE_SESSIONS_LENGTH_SQL                                                            \
    ORDO_STORE_DEDUP_INDEXES_SQL                                                              \
    ORDO_STORE_SERVICE_SQL                                                                    \
    "PRAGMA application_id = " ORDO_STORE__STR(ORDO_STORE_APPLICATION_ID) ";"                 \
    "PRAGMA user_version = " ORDO_STORE__STR(ORDO_STORE_SCHEMA_VERSION) ";"

/* Version 1 -> 2, run under the write lock. */
#define ORDO_STORE_MIGRATE_1_SQL                                                              \
    "ALTER TABLE courses ADD COLUMN is_booking INTEGER NOT NULL DEFAULT 0;"                   \
    "ALTER TABLE sessions ADD COLUMN forced_conflict INTEGER NOT NULL DEFAULT 0;"             \
    "PRAGMA user_version = 2;"

/* Version 2 -> 3, run under the write lock: the service tables, and each
 * contract's hour-bank line with what the contract already used as its
 * opening deduction (so every balance equals its ledger from the start). */
#define ORDO_STORE_MIGRATE_2_SQL                                                              \
    ORDO_STORE_SERVICE_SQL                                                                    \
    "INSERT INTO contract_lines (contract, kind, start_date, end_date, total, used, is_primary)"\
    "  SELECT id, 'time', start_date, end_date, minutes, used_minutes, 1 FROM contracts"      \
    "  WHERE minutes > 0 ORDER BY position, rowid;"                                           \
    "INSERT INTO ledger (line, kind, amount, at) SELECT id, 'deduction', used,"               \
    "  CAST(strftime('%s', 'now') AS INTEGER) FROM contract_lines WHERE used > 0 ORDER BY id;"\
    "PRAGMA user_version = 3;"

/* Version 3 -> 4, run under the write lock. */
#define ORDO_STORE_MIGRATE_3_SQL                                                              \
    "CREATE INDEX IF NOT EXISTS sessions_start ON sessions(start_utc);"                       \
    "CREATE INDEX IF NOT EXISTS sessions_position ON sessions(position);"                     \
    "CREATE INDEX IF NOT EXISTS courses_position ON courses(position);"                       \
    "PRAGMA user_version = 4;"

/* Version 4 -> 5, run under the write lock: a course's site list (empty = any). */
#define ORDO_STORE_MIGRATE_4_SQL                                                              \
    "ALTER TABLE courses ADD COLUMN sites TEXT NOT NULL DEFAULT '';"                          \
    "PRAGMA user_version = 5;"

/* Version 5 -> 6: 'former_client' joins the relationship types. SQLite
 * cannot change a CHECK in place, so accounts and contacts are rebuilt
 * (create new, copy, drop, rename: SQLite's documented procedure, run with
 * foreign keys off by ordo__sq_migrate_schema) and their indexes
 * re-created, including the sales layer's duplicate-search indexes. */
#define ORDO_STORE_MIGRATE_5_SQL                                                              \
    ORDO_STORE_ACCOUNTS_SQL("accounts_v6")                                                    \
    "INSERT INTO accounts_v6 (id, position, name, relationship, roles)"                       \
    "  SELECT id, position, name, relationship, roles FROM accounts;"                         \
    "DROP TABLE accounts;"                                                                    \
    "ALTER TABLE accounts_v6 RENAME TO accounts;"                                             \
    ORDO_STORE_CONTACTS_SQL("contacts_v6")                                                    \
    "INSERT INTO contacts_v6 (id, position, first_name, last_name, email, account,"           \
    "  relationship, roles) SELECT id, position, first_name, last_name, email, account,"      \
    "  relationship, roles FROM contacts;"                                                    \
    "DROP TABLE contacts;"                                                                    \
    "ALTER TABLE contacts_v6 RENAME TO contacts;"                                             \
    "CREATE INDEX contacts_account ON contacts(account);"                                     \
    "CREATE INDEX contacts_email_norm ON contacts(lower(trim(email)));"                       \
    "CREATE INDEX contacts_name_block ON contacts(lower(substr(last_name, 1, 4)));"           \
    "PRAGMA user_version = 6;"

/* Version 6 -> 7, run under the write lock: the longest stored session in
 * O(log n) (max() over this index), which bounds how far before a desk
 * change's time the sessions that can overlap it start, and a resource's
 * working hours and time off read in their order without a sort (load.c). */
#define ORDO_STORE_SESSIONS_LENGTH_SQL                                                        \
    "CREATE INDEX IF NOT EXISTS sessions_length ON sessions(end_utc - start_utc);"             \
    "CREATE INDEX IF NOT EXISTS working_hours_resource_position"                              \
    "  ON working_hours(resource, position);"                                                 \
    "CREATE INDEX IF NOT EXISTS time_off_resource_position ON time_off(resource, position);"   \
    ORDO_STORE_LAST_BOOKING_SQL

/* The highest desk booking number ('booking-' + digits) ever stored, kept in
 * meta by a trigger (every way a course is written passes it), so that a new
 * booking's number is one read, not a scan of every booking (load.c); the
 * upgrade sets it from the courses stored. A number is never given twice,
 * even after its booking's course is deleted. */
#define ORDO_STORE_LAST_BOOKING_SQL                                                           \
    "CREATE TRIGGER IF NOT EXISTS courses_last_booking AFTER INSERT ON courses"               \
    "  WHEN NEW.id GLOB 'booking-[0-9]*' BEGIN"                                                \
    "  INSERT INTO meta (key, value) VALUES ('last_booking', CAST(substr(NEW.id, 9) AS INTEGER))"\
    "  ON CONFLICT(key) DO UPDATE"                                                            \
    "  SET value = max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)); END;"        \
    "INSERT INTO meta (key, value) SELECT 'last_booking',"                                    \
    "  coalesce(max(CAST(substr(id, 9) AS INTEGER)), 0) FROM courses"                         \
    "  WHERE id GLOB 'booking-[0-9]*' ON CONFLICT(key) DO NOTHING;"
#define ORDO_STORE_MIGRATE_6_SQL                                                              \
    ORDO_STORE_SESSIONS_LENGTH_SQL                                                            \
    "PRAGMA user_version = 7;"

/* Version 7 -> 8: the duplicate-search indexes (indexes only, IF NOT EXISTS). */
#define ORDO_STORE_MIGRATE_7_SQL                                                              \
    ORDO_STORE_DEDUP_INDEXES_SQL                                                              \
    "PRAGMA user_version = 8;"

/* Versions 8 and 9 -> 10: the columns of version 9 a file lacks are added
 * in C (ordo__sq_migrate_schema), then the phone's index, IF NOT EXISTS. */
#define ORDO_STORE_MIGRATE_9_SQL                                                              \
    ORDO_STORE_PHONE_INDEX_SQL                                                                \
    "PRAGMA user_version = 10;"

#endif
