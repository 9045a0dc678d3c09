/*
 * sqlite_int.h — what the SQLite backend's files (io/store/sqlite/...)
 * share: the connection struct, the statement table (prepared once per
 * connection), SQLite error mapping and the bind/step helpers. The only
 * header that includes sqlite3.h; internal to this folder.
 *
 * Files by job: conn.c (connection, errors, statements, transactions, meta,
 * the row API of store_int.h), schema.c (schema and migrations), load.c
 * (the model read), save.c (the whole-model write and the targeted session
 * writes), and the per-entity statements: crm.c, bank.c, case.c,
 * session.c. The model's own consistency rules are in model/check.h.
 */
#ifndef ORDO_STORE_SQLITE_INT_H
#define ORDO_STORE_SQLITE_INT_H

#include "io/store.h"
#include "io/store/sqlite/store_int.h"

#include <sqlite3.h>
#include <string.h>

#define DEFAULT_BUSY_TIMEOUT_MS 5000

#define STATEMENTS(X)                                                                            \
    X(BEGIN_READ, "BEGIN")                                                                       \
    X(BEGIN_WRITE, "BEGIN IMMEDIATE")                                                            \
    X(COMMIT, "COMMIT")                                                                          \
    X(ROLLBACK, "ROLLBACK")                                                                      \
    X(SAVEPOINT, "SAVEPOINT ordo_save")                                                          \
    X(RELEASE, "RELEASE ordo_save")                                                              \
    X(ROLLBACK_TO, "ROLLBACK TO ordo_save")                                                      \
    X(UNIT_SAVEPOINT, "SAVEPOINT ordo_unit")                                                     \
    X(UNIT_RELEASE, "RELEASE ordo_unit")                                                         \
    X(UNIT_ROLLBACK_TO, "ROLLBACK TO ordo_unit")                                                 \
    X(FOREIGN_KEYS, "PRAGMA foreign_keys = ON")                                                  \
    X(WAL, "PRAGMA journal_mode = WAL")                                                          \
    X(MMAP, "PRAGMA mmap_size = 1073741824")                                                     \
    X(APPLICATION_ID, "PRAGMA application_id")                                                   \
    X(USER_VERSION, "PRAGMA user_version")                                                       \
    X(OBJECTS, "SELECT count(*) FROM sqlite_master")                                             \
    X(META_GET, "SELECT value FROM meta WHERE key = ?1")                                         \
    X(META_SET, "INSERT INTO meta (key, value) VALUES (?1, ?2)"                                  \
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value")                        \
    X(META_DEL, "DELETE FROM meta WHERE key = ?1")                                               \
    X(CLEAR_WORKING_HOURS, "DELETE FROM working_hours")                                          \
    X(CLEAR_TIME_OFF, "DELETE FROM time_off")                                                    \
    X(CLEAR_REQUIREMENTS, "DELETE FROM requirements")                                            \
    X(CLEAR_BLACKOUTS, "DELETE FROM course_blackouts")                                           \
    X(PUT_SITE, "INSERT INTO sites (id, position, name, timezone) VALUES (?1, ?2, ?3, ?4)"       \
                " ON CONFLICT(id) DO UPDATE SET position = excluded.position,"                   \
                " name = excluded.name, timezone = excluded.timezone")                           \
    X(PUT_RESOURCE, "INSERT INTO resources (id, position, name, kind, site, capacity, skills,"   \
                    " email) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"                            \
                    " ON CONFLICT(id) DO UPDATE SET position = excluded.position,"               \
                    " name = excluded.name, kind = excluded.kind, site = excluded.site,"         \
                    " capacity = excluded.capacity, skills = excluded.skills,"                   \
                    " email = excluded.email")                                                   \
    X(PUT_SERVICE, "INSERT INTO services (id, position, name, duration) VALUES (?1, ?2, ?3, ?4)" \
                   " ON CONFLICT(id) DO UPDATE SET position = excluded.position,"                \
                   " name = excluded.name, duration = excluded.duration")                        \
    X(PUT_ACCOUNT, "INSERT INTO accounts (id, position, name, relationship, roles, city)"        \
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"                                            \
                   " ON CONFLICT(id) DO UPDATE SET position = excluded.position,"                \
                   " name = excluded.name, relationship = excluded.relationship,"                \
                   " roles = excluded.roles, city = excluded.city")                              \
    X(PUT_CONTACT, "INSERT INTO contacts (id, position, first_name, last_name, email, account,"  \
                   " relationship, roles, city, phone)"                                          \
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"                           \
                   " ON CONFLICT(id) DO UPDATE SET position = excluded.position,"                \
                   " first_name = excluded.first_name, last_name = excluded.last_name,"          \
                   " email = excluded.email, account = excluded.account,"                        \
                   " relationship = excluded.relationship, roles = excluded.roles,"              \
                   " city = excluded.city, phone = excluded.phone")                              \
    X(PUT_CONTRACT, "INSERT INTO contracts (id, position, customer, start_date, end_date,"       \
                    " minutes, used_minutes, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"    \
                    " ON CONFLICT(id) DO UPDATE SET position = excluded.position,"               \
                    " customer = excluded.customer, start_date = excluded.start_date,"           \
                    " end_date = excluded.end_date, minutes = excluded.minutes,"                 \
                    " used_minutes = excluded.used_minutes, status = excluded.status")           \
    X(PUT_COURSE, "INSERT INTO courses (id, position, title, service, customer, contract,"       \
                  " sessions, participants, earliest, latest, min_days_between, cohorts,"        \
                  " min_distinct_days, fixed_duration_slots, is_booking, sites)"                 \
                  " VALUES (?1, coalesce(?2, (SELECT coalesce(max(position), -1) + 1"            \
                  " FROM courses)), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"   \
                  " ?16)"                                                                        \
                  " ON CONFLICT(id) DO UPDATE SET position = coalesce(?2, position),"            \
                  " title = excluded.title, service = excluded.service,"                         \
                  " customer = excluded.customer, contract = excluded.contract,"                 \
                  " sessions = excluded.sessions, participants = excluded.participants,"         \
                  " earliest = excluded.earliest, latest = excluded.latest,"                     \
                  " min_days_between = excluded.min_days_between, cohorts = excluded.cohorts,"   \
                  " min_distinct_days = excluded.min_distinct_days,"                             \
                  " fixed_duration_slots = excluded.fixed_duration_slots,"                       \
                  " is_booking = excluded.is_booking, sites = excluded.sites")                   \
    X(PUT_SESSION, "INSERT INTO sessions (id, position, course, ordinal, status, start_utc,"     \
                   " end_utc, site, resources, sequence, dtstamp, reason, forced_conflict)"      \
                   " VALUES (?1, coalesce(?2, (SELECT coalesce(max(position), -1) + 1"           \
                   " FROM sessions)), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"           \
                   " ON CONFLICT(id) DO UPDATE SET position = coalesce(?2, position),"           \
                   " course = excluded.course, ordinal = excluded.ordinal,"                      \
                   " status = excluded.status, start_utc = excluded.start_utc,"                  \
                   " end_utc = excluded.end_utc, site = excluded.site,"                          \
                   " resources = excluded.resources, sequence = excluded.sequence,"              \
                   " dtstamp = excluded.dtstamp, reason = excluded.reason,"                      \
                   " forced_conflict = excluded.forced_conflict"                                 \
                   " WHERE (position, course, ordinal, status, start_utc, end_utc, site,"        \
                   " resources, sequence, dtstamp, reason, forced_conflict) IS NOT"              \
                   " (excluded.position,"                                                        \
                   " excluded.course, excluded.ordinal, excluded.status, excluded.start_utc,"    \
                   " excluded.end_utc, excluded.site, excluded.resources, excluded.sequence,"    \
                   " excluded.dtstamp, excluded.reason, excluded.forced_conflict)")              \
    X(ADD_WORKING_HOURS, "INSERT INTO working_hours (position, resource, weekday, start_min,"    \
                         " end_min) VALUES (?1, ?2, ?3, ?4, ?5)")                                \
    X(ADD_TIME_OFF, "INSERT INTO time_off (position, resource, start_date, start_min, end_date," \
                    " end_min, reason, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")         \
    X(ADD_REQUIREMENT, "INSERT INTO requirements (position, service, kind, count, skill,"        \
                       " min_capacity, capacity_penalty) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")   \
    X(ADD_BLACKOUT, "INSERT INTO course_blackouts (position, course, date, start_min, end_min)"  \
                    " VALUES (?1, ?2, ?3, ?4, ?5)")                                              \
    X(IDS_SITES, "SELECT id FROM sites")                                                         \
    X(IDS_RESOURCES, "SELECT id FROM resources")                                                 \
    X(IDS_SERVICES, "SELECT id FROM services")                                                   \
    X(IDS_ACCOUNTS, "SELECT id FROM accounts")                                                   \
    X(IDS_CONTACTS, "SELECT id FROM contacts")                                                   \
    X(IDS_CONTRACTS, "SELECT id FROM contracts")                                                 \
    X(IDS_COURSES, "SELECT id FROM courses")                                                     \
    X(DEL_SITE, "DELETE FROM sites WHERE id = ?1")                                               \
    X(DEL_RESOURCE, "DELETE FROM resources WHERE id = ?1")                                       \
    X(DEL_SERVICE, "DELETE FROM services WHERE id = ?1")                                         \
    X(DEL_ACCOUNT, "DELETE FROM accounts WHERE id = ?1")                                         \
    X(DEL_CONTACT, "DELETE FROM contacts WHERE id = ?1")                                         \
    X(DEL_CONTRACT, "DELETE FROM contracts WHERE id = ?1")                                       \
    X(DEL_COURSE, "DELETE FROM courses WHERE id = ?1")                                           \
    X(ADD_PRIMARY_LINES, "INSERT INTO contract_lines (contract, kind, start_date, end_date, total,"\
                         " is_primary) SELECT id, 'time', start_date, end_date, minutes, 1"     \
                         " FROM contracts c WHERE minutes > 0 AND NOT EXISTS (SELECT 1"         \
                         " FROM contract_lines l WHERE l.contract = c.id AND l.is_primary = 1)" \
                         " ORDER BY position")                                                  \
    X(SET_PRIMARY_LINES, "UPDATE contract_lines SET total = c.minutes,"                          \
                         " start_date = c.start_date, end_date = c.end_date FROM contracts c"   \
                         " WHERE c.id = contract_lines.contract AND contract_lines.is_primary"  \
                         " AND (contract_lines.total, contract_lines.start_date,"               \
                         " contract_lines.end_date) IS NOT (c.minutes, c.start_date, c.end_date)")\
    X(CANCEL_ORPHANS, "UPDATE sessions SET status = 'cancelled', sequence = sequence + 1,"       \
                      " dtstamp = ?1 WHERE status IN ('planned', 'unscheduled')"                 \
                      " AND course NOT IN (SELECT id FROM courses)")                             \
    X(ALL_SITES, "SELECT id, name, timezone FROM sites ORDER BY position, rowid")                \
    X(ALL_RESOURCES, "SELECT id, name, kind, site, capacity, skills, email FROM resources"       \
                     " ORDER BY position, rowid")                                                \
    X(ALL_WORKING_HOURS, "SELECT resource, weekday, start_min, end_min FROM working_hours"       \
                         " ORDER BY position, rowid")                                            \
    X(ALL_TIME_OFF, "SELECT resource, start_date, start_min, end_date, end_min, reason, source"  \
                    " FROM time_off ORDER BY position, rowid")                                   \
    X(ALL_SERVICES, "SELECT id, name, duration FROM services ORDER BY position, rowid")          \
    X(ALL_REQUIREMENTS, "SELECT service, kind, count, skill, min_capacity, capacity_penalty"     \
                        " FROM requirements ORDER BY position, rowid")                           \
    X(ALL_ACCOUNTS, "SELECT id, name, relationship, roles, city FROM accounts"                         \
                    " ORDER BY position, rowid")                                                 \
    X(ALL_CONTACTS, "SELECT id, first_name, last_name, email, account, relationship, roles, city, phone"      \
                    " FROM contacts ORDER BY position, rowid")                                   \
    X(ALL_CONTRACTS, "SELECT id, customer, start_date, end_date, minutes, used_minutes, status"  \
                     " FROM contracts ORDER BY position, rowid")                                 \
    X(ALL_COURSES, "SELECT id, title, service, customer, contract, sessions, participants,"      \
                   " earliest, latest, min_days_between, cohorts, min_distinct_days,"            \
                   " fixed_duration_slots, is_booking, sites FROM courses"                       \
                   " ORDER BY position, rowid")                                                  \
    X(ALL_BLACKOUTS, "SELECT course, date, start_min, end_min FROM course_blackouts"             \
                     " ORDER BY position, rowid")                                                \
    X(ALL_SESSIONS, "SELECT id, course, ordinal, status, start_utc, end_utc, site, resources,"   \
                    " sequence, dtstamp, reason, forced_conflict FROM sessions"                  \
                    " ORDER BY position, id")                                                    \
    /* one desk change's part (load_scope, load.c): the window's sessions, then per key */    \
    X(SCOPE_WINDOW, "SELECT id, course, resources FROM sessions"                                 \
                    " WHERE start_utc >= ?3 AND start_utc < ?2 AND end_utc > ?1")                \
    X(SCOPE_PARTY_WINDOW, "SELECT s.course FROM courses c JOIN sessions s ON s.course = c.id"    \
                          " WHERE c.customer = ?4 AND c.is_booking = 1 AND s.start_utc >= ?3"   \
                          " AND s.start_utc < ?2 AND s.end_utc > ?1")                            \
    X(SCOPE_SERVICES, "SELECT id, name, duration FROM services WHERE id = ?1")                 \
    X(SCOPE_REQUIREMENTS, "SELECT service, kind, count, skill, min_capacity, capacity_penalty"   \
                          " FROM requirements WHERE service = ?1 ORDER BY position, rowid")      \
    X(SCOPE_COURSE_OF, "SELECT course FROM sessions WHERE id = ?1")                              \
    X(SCOPE_CUSTOMER_OF, "SELECT customer FROM courses WHERE id = ?1")                           \
    X(SCOPE_COURSE_RESOURCES, "SELECT resources FROM sessions WHERE course = ?1")                \
    X(SCOPE_MAX_LENGTH, "SELECT coalesce(max(end_utc - start_utc), 0) FROM sessions")            \
    X(SCOPE_SERVICE_LENGTH, "SELECT duration FROM services WHERE id = ?1")                       \
    X(SCOPE_RESOURCES, "SELECT id, name, kind, site, capacity, skills, email FROM resources"     \
                       " WHERE id = ?1")                                                         \
    X(SCOPE_WORKING_HOURS, "SELECT resource, weekday, start_min, end_min FROM working_hours"     \
                           " WHERE resource = ?1 ORDER BY position, rowid")                      \
    X(SCOPE_TIME_OFF, "SELECT resource, start_date, start_min, end_date, end_min, reason, source"\
                      " FROM time_off WHERE resource = ?1 ORDER BY position, rowid")             \
    X(SCOPE_ACCOUNTS, "SELECT id, name, relationship, roles, city FROM accounts WHERE id = ?1"    \
                      " OR id = (SELECT account FROM contacts WHERE id = ?1)"                    \
                      " ORDER BY position, rowid")                                               \
    X(SCOPE_CONTACTS, "SELECT id, first_name, last_name, email, account, relationship, roles, city, phone"    \
                      " FROM contacts WHERE id = ?1 ORDER BY position, rowid")                   \
    X(SCOPE_CONTRACTS, "SELECT id, customer, start_date, end_date, minutes, used_minutes, status"\
                       " FROM contracts WHERE id = (SELECT contract FROM courses WHERE id = ?1)")\
    X(SCOPE_COURSES, "SELECT id, title, service, customer, contract, sessions, participants,"    \
                     " earliest, latest, min_days_between, cohorts, min_distinct_days,"          \
                     " fixed_duration_slots, is_booking, sites FROM courses WHERE id = ?1")      \
    X(SCOPE_BLACKOUTS, "SELECT course, date, start_min, end_min FROM course_blackouts"           \
                       " WHERE course = ?1 ORDER BY position, rowid")                             \
    X(SCOPE_SESSIONS, "SELECT id, course, ordinal, status, start_utc, end_utc, site, resources,"  \
                      " sequence, dtstamp, reason, forced_conflict FROM sessions"                 \
                      " WHERE course = ?1 ORDER BY position, id")                                 \
    X(LAST_BOOKING_KEPT, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'last_booking'")    \
    X(LAST_BOOKING, "SELECT coalesce(max(CAST(substr(id, length(?1) + 1) AS INTEGER)), 0)"        \
                    " FROM courses WHERE id > ?1 AND id < ?1 || ':'")   /* prefix + digits, by the index */


enum {
#define STATEMENT_ENUM(name, sql) ST_##name,
    STATEMENTS(STATEMENT_ENUM)
#undef STATEMENT_ENUM
    ST_COUNT
};

extern const char *const ordo__sq_statement_sql[ST_COUNT];

struct ordo_store {
    sqlite3 *db;
    char *path;
    int busy_ms;
    double busy_since;            /* when the current wait for the write lock began (s) */
    int in_tx;                    /* inside ordo_store_begin() */
    int sticky;                   /* first SQLite error of a bind or column read in this row */
    sqlite3_stmt *st[ST_COUNT];   /* prepared on first use */
    char *buf;                    /* scratch: a joined ';' list */
    size_t buf_cap;
    int *ids;                     /* scratch: a session's resource indexes */
    size_t ids_cap;
    struct extra_stmt {           /* statements of io/store_*.c (store_int.h), by SQL address */
        const char *sql;
        sqlite3_stmt *st;
    } *extra;
    size_t nextra, extra_cap;
    int units;                    /* open ordo__store_unit_begin() calls */
    ordo_err err;
};

/* ---- conn.c: errors and statements ---- */

/* Record an SQLite failure as "store PATH: WHAT: SQLITE MESSAGE (HINT)". */
int ordo__sq_sql_fail(ordo_store *s, int sqlrc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void ordo__sq_start_call(ordo_store *s);          /* no error, no pending row failure */
int ordo__sq_oom(ordo_store *s);
/* A value read back from the file that the model cannot take. */
int ordo__sq_bad_value(ordo_store *s, const char *table, const char *row, const char *column, const char *value);
int ordo__sq_stmt(ordo_store *s, int id, sqlite3_stmt **out);
int ordo__sq_exec(ordo_store *s, int id, const char *what);       /* run to its end */
void ordo__sq_exec_quietly(ordo_store *s, int id);                /* while undoing */
int ordo__sq_query_int(ordo_store *s, int id, int64_t *out, const char *what);
void ordo__sq_note(ordo_store *s, int r);                         /* first bind/column failure */
void ordo__sq_bind_text(ordo_store *s, sqlite3_stmt *st, int i, const char *v);
void ordo__sq_bind_int(ordo_store *s, sqlite3_stmt *st, int i, int64_t v);
void ordo__sq_bind_date(ordo_store *s, sqlite3_stmt *st, int i, ordo_date d);
int ordo__sq_reserve(ordo_store *s, size_t need);                 /* scratch buffer room */
void ordo__sq_bind_list(ordo_store *s, sqlite3_stmt *st, int i, const ordo_strlist *l);
int ordo__sq_write_row(ordo_store *s, sqlite3_stmt *st, const char *what, const char *row);
const char *ordo__sq_text(ordo_store *s, sqlite3_stmt *st, int col);
int ordo__sq_int_col(sqlite3_stmt *st, int col);

/* ---- schema.c ---- */
int ordo__sq_create_schema(ordo_store *s);
int ordo__sq_migrate_schema(ordo_store *s);
int ordo__sq_check_schema(ordo_store *s);

/* ---- save.c ---- */
void ordo__sq_undo_save(ordo_store *s);

/* ---- names and references (save.c, load.c) ---- */

static inline const char *kind_name(int i) { return ordo_kind_name((ordo_kind)i); }
static inline const char *relationship_name(int i) { return ordo_relationship_name((ordo_relationship)i); }
static inline const char *contract_status_name(int i) { return ordo_contract_status_name((ordo_contract_status)i); }
static inline const char *session_status_name(int i) { return ordo_session_status_name((ordo_session_status)i); }

/* Index of `v` among name(0..n-1), or -1. */
static inline int parse_name(const char *v, const char *(*name)(int), int n)
{
    for (int i = 0; v && i < n; i++)
        if (strcmp(v, name(i)) == 0)
            return i;
    return -1;
}

static inline const char *site_id(const ordo_model *m, int i) { return i >= 0 ? m->sites.v[i].id : NULL; }
static inline const char *contract_id(const ordo_model *m, int i) { return i >= 0 ? m->contracts.v[i].id : NULL; }


/* A YYYY-MM-DD text read back, or ORDO_EIO naming table, row and column. */
static inline int parse_date(ordo_store *s, const char *v, ordo_date *out, const char *table, const char *row,
                      const char *column)
{
    return ordo_date_parse(v, out) == 0 ? ORDO_OK : ordo__sq_bad_value(s, table, row, column, v);
}

#endif
