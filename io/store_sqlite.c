/*
 * store_sqlite.c — the SQLite store (layout in io/store_schema.h); the only
 * file that includes sqlite3.h. Invariants:
 *   - statements are prepared once per connection (s->st[]) and reset after
 *     each use; every sqlite3_errmsg is copied into s->err at once;
 *   - a save checks the model first (indexes, dates, names), then writes it in
 *     ONE transaction (a savepoint inside ordo_store_begin); on any error it
 *     is rolled back, leaving file and model as they were (new session ids
 *     reach the model only after the commit);
 *   - write order keeps foreign keys true at every statement: keyless rows
 *     cleared, keyed records upserted parents first, stale ones deleted
 *     children first, keyless rows written last;
 *   - session rows are never deleted; those whose course is gone are marked
 *     cancelled (if pending) and not loaded.
 */
#include "io/store.h"
#include "io/store_int.h"
#include "io/store_schema.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    X(PUT_ACCOUNT, "INSERT INTO accounts (id, position, name, relationship, roles)"              \
                   " VALUES (?1, ?2, ?3, ?4, ?5)"                                                \
                   " ON CONFLICT(id) DO UPDATE SET position = excluded.position,"                \
                   " name = excluded.name, relationship = excluded.relationship,"                \
                   " roles = excluded.roles")                                                    \
    X(PUT_CONTACT, "INSERT INTO contacts (id, position, first_name, last_name, email, account,"  \
                   " relationship, roles) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"               \
                   " ON CONFLICT(id) DO UPDATE SET position = excluded.position,"                \
                   " first_name = excluded.first_name, last_name = excluded.last_name,"          \
                   " email = excluded.email, account = excluded.account,"                        \
                   " relationship = excluded.relationship, roles = excluded.roles")              \
    X(PUT_CONTRACT, "INSERT INTO contracts (id, position, customer, start_date, end_date,"       \
                    " minutes, used_minutes, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"    \
                    " ON CONFLICT(id) DO UPDATE SET position = excluded.position,"               \
                    " customer = excluded.customer, start_date = excluded.start_date,"           \
                    " end_date = excluded.end_date, minutes = excluded.minutes,"                 \
                    " used_minutes = excluded.used_minutes, status = excluded.status")           \
    X(PUT_COURSE, "INSERT INTO courses (id, position, title, service, customer, contract,"       \
                  " sessions, participants, earliest, latest, min_days_between, cohorts,"        \
                  " min_distinct_days, fixed_duration_slots, is_booking)"                        \
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"   \
                  " ON CONFLICT(id) DO UPDATE SET position = excluded.position,"                 \
                  " title = excluded.title, service = excluded.service,"                         \
                  " customer = excluded.customer, contract = excluded.contract,"                 \
                  " sessions = excluded.sessions, participants = excluded.participants,"         \
                  " earliest = excluded.earliest, latest = excluded.latest,"                     \
                  " min_days_between = excluded.min_days_between, cohorts = excluded.cohorts,"   \
                  " min_distinct_days = excluded.min_distinct_days,"                             \
                  " fixed_duration_slots = excluded.fixed_duration_slots,"                       \
                  " is_booking = excluded.is_booking")                                           \
    X(PUT_SESSION, "INSERT INTO sessions (id, position, course, ordinal, status, start_utc,"     \
                   " end_utc, site, resources, sequence, dtstamp, reason, forced_conflict)"      \
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"            \
                   " ON CONFLICT(id) DO UPDATE SET position = excluded.position,"                \
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
    X(ALL_ACCOUNTS, "SELECT id, name, relationship, roles FROM accounts"                         \
                    " ORDER BY position, rowid")                                                 \
    X(ALL_CONTACTS, "SELECT id, first_name, last_name, email, account, relationship, roles"      \
                    " FROM contacts ORDER BY position, rowid")                                   \
    X(ALL_CONTRACTS, "SELECT id, customer, start_date, end_date, minutes, used_minutes, status"  \
                     " FROM contracts ORDER BY position, rowid")                                 \
    X(ALL_COURSES, "SELECT id, title, service, customer, contract, sessions, participants,"      \
                   " earliest, latest, min_days_between, cohorts, min_distinct_days,"            \
                   " fixed_duration_slots, is_booking FROM courses ORDER BY position, rowid")    \
    X(ALL_BLACKOUTS, "SELECT course, date, start_min, end_min FROM course_blackouts"             \
                     " ORDER BY position, rowid")                                                \
    X(ALL_SESSIONS, "SELECT id, course, ordinal, status, start_utc, end_utc, site, resources,"   \
                    " sequence, dtstamp, reason, forced_conflict FROM sessions"                  \
                    " ORDER BY position, id")

enum {
#define STATEMENT_ENUM(name, sql) ST_##name,
    STATEMENTS(STATEMENT_ENUM)
#undef STATEMENT_ENUM
    ST_COUNT
};

static const char *const statement_sql[ST_COUNT] = {
#define STATEMENT_SQL(name, sql) sql,
    STATEMENTS(STATEMENT_SQL)
#undef STATEMENT_SQL
};

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

/* ---- errors ------------------------------------------------------------ */

static int map_code(int sqlrc)
{
    switch (sqlrc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return ORDO_EBUSY;
    case SQLITE_NOMEM: return ORDO_ENOMEM;
    case SQLITE_CONSTRAINT: return ORDO_EINPUT;
    default: return ORDO_EIO;
    }
}

static const char *hint(int sqlrc)
{
    switch (sqlrc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return "another ordo process or connection is writing; try again when it is done";
    case SQLITE_NOTADB: return "it is not an SQLite database, so not an ordo store";
    case SQLITE_CORRUPT: return "the file is damaged; restore it from a backup";
    case SQLITE_CANTOPEN: return "check that the folder exists and is writable";
    case SQLITE_CONSTRAINT: return "each referenced account, contract, course, resource, service and site must be in the model";
    case SQLITE_READONLY: return "the file or its folder is read-only";
    case SQLITE_FULL: return "the disk is full";
    default: return NULL;
    }
}

/* Record an SQLite failure as "store PATH: WHAT: SQLITE MESSAGE (HINT)".
 * The connection's message is copied before anything else touches it. */
static int sql_fail(ordo_store *s, int sqlrc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int sql_fail(ordo_store *s, int sqlrc, const char *fmt, ...)
{
    char msg[256], what[512];
    int same = s->db && sqlite3_extended_errcode(s->db) == sqlrc;
    snprintf(msg, sizeof msg, "%s", same ? sqlite3_errmsg(s->db) : sqlite3_errstr(sqlrc));
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    const char *h = hint(sqlrc);
    if (map_code(sqlrc) == ORDO_EBUSY)
        return ordo__seterr(&s->err, ORDO_EBUSY, "store %s: %s: database is busy (%s, waited %d ms): %s",
                            s->path, what, msg, s->busy_ms, h);
    return ordo__seterr(&s->err, map_code(sqlrc), "store %s: %s: %s%s%s%s", s->path, what, msg,
                        h ? " (" : "", h ? h : "", h ? ")" : "");
}

/* Every public call starts with no error and no pending row failure. */
static void start_call(ordo_store *s)
{
    ordo__clearerr(&s->err);
    s->sticky = 0;
}

static int oom(ordo_store *s) { return ordo__seterr(&s->err, ORDO_ENOMEM, "store %s: out of memory", s->path); }

/* A value read back from the file that the model cannot take. */
static int bad_value(ordo_store *s, const char *table, const char *row, const char *column, const char *value)
{
    return ordo__seterr(&s->err, ORDO_EIO, "store %s: table %s, '%s': %s '%s' is not valid (file edited or damaged?)",
                        s->path, table, row ? row : "", column, value ? value : "(null)");
}

/* ---- statements -------------------------------------------------------- */

static int stmt(ordo_store *s, int id, sqlite3_stmt **out)
{
    int rc = ORDO_OK;
    if (!s->st[id]) {
        int r = sqlite3_prepare_v2(s->db, statement_sql[id], -1, &s->st[id], NULL);
        /* preparing is the first read of the file: say so when that failed */
        int reading = (r & 0xff) == SQLITE_NOTADB || (r & 0xff) == SQLITE_CORRUPT || map_code(r) == ORDO_EBUSY;
        if (r != SQLITE_OK && reading)
            rc = sql_fail(s, r, "reading the file");
        else if (r != SQLITE_OK)
            rc = sql_fail(s, r, "preparing \"%.60s\"", statement_sql[id]);
    }
    *out = s->st[id];
    return rc;
}

/* Run a statement to its end (rows are ignored). */
static int exec(ordo_store *s, int id, const char *what)
{
    sqlite3_stmt *st = NULL;
    int rc = stmt(s, id, &st);
    if (rc == ORDO_OK) {
        int r;
        while ((r = sqlite3_step(st)) == SQLITE_ROW)
            ;
        if (r != SQLITE_DONE)
            rc = sql_fail(s, r, "%s", what);
        sqlite3_reset(st);
    }
    return rc;
}

/* Run a statement, recording nothing: used while undoing after an error. */
static void exec_quietly(ordo_store *s, int id)
{
    sqlite3_stmt *st = NULL;
    if (!s->st[id] && sqlite3_prepare_v2(s->db, statement_sql[id], -1, &s->st[id], NULL) != SQLITE_OK)
        return;
    st = s->st[id];
    while (sqlite3_step(st) == SQLITE_ROW)
        ;
    sqlite3_reset(st);
}

static int query_int(ordo_store *s, int id, int64_t *out, const char *what)
{
    sqlite3_stmt *st = NULL;
    int rc = stmt(s, id, &st);
    if (rc == ORDO_OK) {
        int r = sqlite3_step(st);
        if (r == SQLITE_ROW)
            *out = sqlite3_column_int64(st, 0);
        else
            rc = sql_fail(s, r, "%s", what);
        sqlite3_reset(st);
    }
    return rc;
}

/* Bind helpers remember the first failure in s->sticky; write_row reports it. */
static void note(ordo_store *s, int r)
{
    if (r != SQLITE_OK && !s->sticky)
        s->sticky = r;
}

static void bind_text(ordo_store *s, sqlite3_stmt *st, int i, const char *v)
{
    note(s, v ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i));
}

static void bind_int(ordo_store *s, sqlite3_stmt *st, int i, int64_t v) { note(s, sqlite3_bind_int64(st, i, v)); }

static void bind_date(ordo_store *s, sqlite3_stmt *st, int i, ordo_date d)
{
    char buf[11];
    ordo_date_format(d, buf);
    note(s, sqlite3_bind_text(st, i, buf, -1, SQLITE_TRANSIENT));
}

/* Room for `need` bytes in the scratch buffer. */
static int reserve(ordo_store *s, size_t need)
{
    if (ORDO_GROW(s->buf, s->buf_cap, need) < 0) {
        note(s, SQLITE_NOMEM);
        return -1;
    }
    return 0;
}

static void bind_list(ordo_store *s, sqlite3_stmt *st, int i, const ordo_strlist *l)
{
    size_t n = 1, at = 0;
    for (int k = 0; k < l->count; k++)
        n += strlen(l->items[k]) + 1;
    if (reserve(s, n) < 0)
        return;
    for (int k = 0; k < l->count; k++) {
        size_t len = strlen(l->items[k]);
        if (k)
            s->buf[at++] = ';';
        memcpy(s->buf + at, l->items[k], len);
        at += len;
    }
    s->buf[at] = '\0';
    note(s, sqlite3_bind_text(st, i, s->buf, (int)at, SQLITE_STATIC));
}

/* Step a write statement once, then reset it. */
static int write_row(ordo_store *s, sqlite3_stmt *st, const char *what, const char *row)
{
    int r = s->sticky ? s->sticky : sqlite3_step(st);
    int rc = r == SQLITE_DONE ? ORDO_OK : row ? sql_fail(s, r, "%s '%s'", what, row) : sql_fail(s, r, "%s", what);
    s->sticky = 0;
    sqlite3_reset(st);
    return rc;
}

/* A text column, NULL for SQL NULL; an out-of-memory read is noted. */
static const char *text(ordo_store *s, sqlite3_stmt *st, int col)
{
    int is_null = sqlite3_column_type(st, col) == SQLITE_NULL;
    const char *v = (const char *)sqlite3_column_text(st, col);
    if (!v && !is_null)
        note(s, SQLITE_NOMEM);
    return v;
}

static int int_col(sqlite3_stmt *st, int col) { return sqlite3_column_int(st, col); }

/* ---- names and references ------------------------------------------------ */

static const char *kind_name(int i) { return ordo_kind_name((ordo_kind)i); }
static const char *relationship_name(int i) { return ordo_relationship_name((ordo_relationship)i); }
static const char *contract_status_name(int i) { return ordo_contract_status_name((ordo_contract_status)i); }
static const char *session_status_name(int i) { return ordo_session_status_name((ordo_session_status)i); }

/* Index of `v` among name(0..n-1), or -1. */
static int parse_name(const char *v, const char *(*name)(int), int n)
{
    for (int i = 0; v && i < n; i++)
        if (strcmp(v, name(i)) == 0)
            return i;
    return -1;
}

static const char *site_id(const ordo_model *m, int i) { return i >= 0 ? m->sites.v[i].id : NULL; }
static const char *contract_id(const ordo_model *m, int i) { return i >= 0 ? m->contracts.v[i].id : NULL; }

/* ---- checking a model before writing it -------------------------------- */

static int check_ref(ordo_store *s, int i, size_t n, int optional, const char *table, const char *row,
                     const char *field)
{
    if ((optional && i == -1) || (i >= 0 && (size_t)i < n))
        return ORDO_OK;
    return ordo__seterr(&s->err, ORDO_EINVAL, "store %s: cannot save %s '%s': %s index %d is out of range "
                        "(the model has %zu)", s->path, table, row ? row : "", field, i, n);
}

static int check_enum(ordo_store *s, int v, int count, const char *table, const char *row, const char *field)
{
    if (v >= 0 && v < count)
        return ORDO_OK;
    return ordo__seterr(&s->err, ORDO_EINVAL, "store %s: cannot save %s '%s': %s = %d is not a known value",
                        s->path, table, row ? row : "", field, v);
}

/* Dates are stored as 'YYYY-MM-DD' text, which must read back the same. */
static int check_date(ordo_store *s, ordo_date d, const char *table, const char *row, const char *field)
{
    char buf[11];
    ordo_date back;
    ordo_date_format(d, buf);
    if (ordo_date_parse(buf, &back) == 0 && back == d)
        return ORDO_OK;
    return ordo__seterr(&s->err, ORDO_EINVAL, "store %s: cannot save %s '%s': %s (day %ld) is outside years 1900..9999",
                        s->path, table, row ? row : "", field, (long)d);
}

/* "row N" (1-based) for records without an id. */
static const char *row_label(char buf[32], size_t i)
{
    snprintf(buf, 32, "row %zu", i + 1);
    return buf;
}

static int by_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Two sessions with one id would silently become one row. */
static int check_session_ids(ordo_store *s, const ordo_model *m)
{
    int rc = ORDO_OK;
    size_t n = 0;
    int64_t *ids = ordo__malloc((m->sessions.n + 1) * sizeof *ids);
    if (!ids)
        return oom(s);
    for (size_t i = 0; i < m->sessions.n; i++)
        if (m->sessions.v[i].id)
            ids[n++] = m->sessions.v[i].id;
    qsort(ids, n, sizeof *ids, by_id);
    for (size_t i = 1; rc == ORDO_OK && i < n; i++)
        if (ids[i] == ids[i - 1])
            rc = ordo__seterr(&s->err, ORDO_EINVAL, "store %s: cannot save: two sessions have id %lld",
                              s->path, (long long)ids[i]);
    ordo__free(ids);
    return rc;
}

static int check_model(ordo_store *s, const ordo_model *m)
{
    int rc = ORDO_OK;
    size_t nres = m->resources.n;
    char row[32];
    for (size_t i = 0; i < m->resources.n; i++) {
        const ordo_resource *x = &m->resources.v[i];
        ORDO_TRY(check_ref(s, x->site, m->sites.n, 1, "resource", x->id, "site"));
        ORDO_TRY(check_enum(s, (int)x->kind, ORDO_KIND_COUNT, "resource", x->id, "kind"));
    }
    for (size_t i = 0; i < m->working_hours.n; i++)
        ORDO_TRY(check_ref(s, m->working_hours.v[i].resource, nres, 0, "working hours", row_label(row, i), "resource"));
    for (size_t i = 0; i < m->time_off.n; i++) {
        const ordo_time_off *x = &m->time_off.v[i];
        ORDO_TRY(check_ref(s, x->resource, nres, 0, "time off", row_label(row, i), "resource"));
        const char *who = m->resources.v[x->resource].id;
        ORDO_TRY(check_date(s, x->start_date, "time off of", who, "start date"));
        ORDO_TRY(check_date(s, x->end_date, "time off of", who, "end date"));
    }
    for (size_t i = 0; i < m->requirements.n; i++) {
        const ordo_requirement *x = &m->requirements.v[i];
        ORDO_TRY(check_ref(s, x->service, m->services.n, 0, "requirement", row_label(row, i), "service"));
        ORDO_TRY(check_enum(s, (int)x->kind, ORDO_KIND_COUNT, "requirement of", m->services.v[x->service].id, "kind"));
    }
    for (size_t i = 0; i < m->accounts.n; i++)
        ORDO_TRY(check_enum(s, (int)m->accounts.v[i].relationship, ORDO_REL_CLIENT + 1, "account",
                            m->accounts.v[i].id, "relationship"));
    for (size_t i = 0; i < m->contacts.n; i++)
        ORDO_TRY(check_enum(s, (int)m->contacts.v[i].relationship, ORDO_REL_CLIENT + 1, "contact",
                            m->contacts.v[i].id, "relationship"));
    for (size_t i = 0; i < m->contracts.n; i++) {
        const ordo_contract *x = &m->contracts.v[i];
        ORDO_TRY(check_date(s, x->start, "contract", x->id, "start"));
        ORDO_TRY(check_date(s, x->end, "contract", x->id, "end"));
        ORDO_TRY(check_enum(s, (int)x->status, ORDO_CONTRACT_EXPIRED + 1, "contract", x->id, "status"));
    }
    for (size_t i = 0; i < m->courses.n; i++) {
        const ordo_course *x = &m->courses.v[i];
        ORDO_TRY(check_ref(s, x->service, m->services.n, 0, "course", x->id, "service"));
        ORDO_TRY(check_ref(s, x->contract, m->contracts.n, 1, "course", x->id, "contract"));
        ORDO_TRY(check_date(s, x->earliest, "course", x->id, "earliest"));
        ORDO_TRY(check_date(s, x->latest, "course", x->id, "latest"));
    }
    for (size_t i = 0; i < m->blackouts.n; i++) {
        const ordo_course_blackout *x = &m->blackouts.v[i];
        ORDO_TRY(check_ref(s, x->course, m->courses.n, 0, "blackout", row_label(row, i), "course"));
        ORDO_TRY(check_date(s, x->date, "blackout of", m->courses.v[x->course].id, "date"));
    }
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *x = &m->sessions.v[i];
        ORDO_TRY(check_ref(s, x->course, m->courses.n, 0, "session", row_label(row, i), "course"));
        const char *of = m->courses.v[x->course].id;
        ORDO_TRY(check_ref(s, x->site, m->sites.n, 1, "session of", of, "site"));
        ORDO_TRY(check_enum(s, (int)x->status, ORDO_SESSION_DONE + 1, "session of", of, "status"));
        for (int k = 0; k < x->nresources; k++)
            ORDO_TRY(check_ref(s, x->resources[k], nres, 0, "session of", of, "resource"));
    }
done:
    return rc;
}

/* ---- writing ------------------------------------------------------------- */

static int save_sites(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    int rc = ORDO_OK;
    for (size_t i = 0; rc == ORDO_OK && i < m->sites.n; i++) {
        const ordo_site *x = &m->sites.v[i];
        bind_text(s, st, 1, x->id);
        bind_int(s, st, 2, (int64_t)i);
        bind_text(s, st, 3, x->name);
        bind_text(s, st, 4, x->timezone);
        rc = write_row(s, st, "saving site", x->id);
    }
    return rc;
}

static int save_services(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    int rc = ORDO_OK;
    for (size_t i = 0; rc == ORDO_OK && i < m->services.n; i++) {
        const ordo_service *x = &m->services.v[i];
        bind_text(s, st, 1, x->id);
        bind_int(s, st, 2, (int64_t)i);
        bind_text(s, st, 3, x->name);
        bind_int(s, st, 4, x->duration);
        rc = write_row(s, st, "saving service", x->id);
    }
    return rc;
}

static int save_resources(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    int rc = ORDO_OK;
    for (size_t i = 0; rc == ORDO_OK && i < m->resources.n; i++) {
        const ordo_resource *x = &m->resources.v[i];
        bind_text(s, st, 1, x->id);
        bind_int(s, st, 2, (int64_t)i);
        bind_text(s, st, 3, x->name);
        bind_text(s, st, 4, ordo_kind_name(x->kind));
        bind_text(s, st, 5, site_id(m, x->site));
        bind_int(s, st, 6, x->capacity);
        bind_list(s, st, 7, &x->skills);
        bind_text(s, st, 8, x->email);
        rc = write_row(s, st, "saving resource", x->id);
    }
    return rc;
}

static int save_accounts(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    int rc = ORDO_OK;
    for (size_t i = 0; rc == ORDO_OK && i < m->accounts.n; i++) {
        const ordo_account *x = &m->accounts.v[i];
        bind_text(s, st, 1, x->id);
        bind_int(s, st, 2, (int64_t)i);
        bind_text(s, st, 3, x->name);
        bind_text(s, st, 4, ordo_relationship_name(x->relationship));
        bind_list(s, st, 5, &x->roles);
        rc = write_row(s, st, "saving account", x->id);
    }
    return rc;
}

static int save_contacts(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    int rc = ORDO_OK;
    for (size_t i = 0; rc == ORDO_OK && i < m->contacts.n; i++) {
        const ordo_contact *x = &m->contacts.v[i];
        bind_text(s, st, 1, x->id);
        bind_int(s, st, 2, (int64_t)i);
        bind_text(s, st, 3, x->first_name);
        bind_text(s, st, 4, x->last_name);
        bind_text(s, st, 5, x->email);
        bind_text(s, st, 6, x->account);
        bind_text(s, st, 7, ordo_relationship_name(x->relationship));
        bind_list(s, st, 8, &x->roles);
        rc = write_row(s, st, "saving contact", x->id);
    }
    return rc;
}

static int save_contracts(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    int rc = ORDO_OK;
    for (size_t i = 0; rc == ORDO_OK && i < m->contracts.n; i++) {
        const ordo_contract *x = &m->contracts.v[i];
        bind_text(s, st, 1, x->id);
        bind_int(s, st, 2, (int64_t)i);
        bind_text(s, st, 3, x->customer);
        bind_date(s, st, 4, x->start);
        bind_date(s, st, 5, x->end);
        bind_int(s, st, 6, x->minutes);
        bind_int(s, st, 7, x->used_minutes);
        bind_text(s, st, 8, ordo_contract_status_name(x->status));
        rc = write_row(s, st, "saving contract", x->id);
    }
    return rc;
}

/* Courses which[0..n) (all when which is NULL). */
static int save_course_rows(ordo_store *s, const ordo_model *m, sqlite3_stmt *st, const int *which, size_t n)
{
    int rc = ORDO_OK;
    for (size_t j = 0; rc == ORDO_OK && j < n; j++) {
        size_t i = which ? (size_t)which[j] : j;
        const ordo_course *x = &m->courses.v[i];
        bind_text(s, st, 1, x->id);
        bind_int(s, st, 2, (int64_t)i);
        bind_text(s, st, 3, x->title);
        bind_text(s, st, 4, m->services.v[x->service].id);
        bind_text(s, st, 5, x->customer);
        bind_text(s, st, 6, contract_id(m, x->contract));
        bind_int(s, st, 7, x->sessions);
        bind_int(s, st, 8, x->participants);
        bind_date(s, st, 9, x->earliest);
        bind_date(s, st, 10, x->latest);
        bind_int(s, st, 11, x->min_days_between);
        bind_list(s, st, 12, &x->cohorts);
        bind_int(s, st, 13, x->min_distinct_days);
        bind_int(s, st, 14, x->fixed_duration_slots);
        bind_int(s, st, 15, x->is_booking);
        rc = write_row(s, st, "saving course", x->id);
    }
    return rc;
}

static int save_courses(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    return save_course_rows(s, m, st, NULL, m->courses.n);
}

/* A session's resources as ';'-joined ids, bound as parameter i. */
static void bind_session_resources(ordo_store *s, const ordo_model *m, sqlite3_stmt *st, int i,
                                   const ordo_session *x)
{
    size_t n = 1, at = 0;
    for (int k = 0; k < x->nresources; k++)
        n += strlen(m->resources.v[x->resources[k]].id) + 1;
    if (reserve(s, n) < 0)
        return;
    for (int k = 0; k < x->nresources; k++) {
        const char *id = m->resources.v[x->resources[k]].id;
        size_t len = strlen(id);
        if (k)
            s->buf[at++] = ';';
        memcpy(s->buf + at, id, len);
        at += len;
    }
    s->buf[at] = '\0';
    note(s, sqlite3_bind_text(st, i, s->buf, (int)at, SQLITE_STATIC));
}

/* Sessions which[0..n) (all when which is NULL): id 0 gets a new row, its
 * id going to fresh[] in that order. */
static int save_session_rows(ordo_store *s, const ordo_model *m, sqlite3_stmt *st, const int *which, size_t n,
                             int64_t *fresh)
{
    int rc = ORDO_OK;
    size_t k = 0;
    for (size_t j = 0; rc == ORDO_OK && j < n; j++) {
        size_t i = which ? (size_t)which[j] : j;
        const ordo_session *x = &m->sessions.v[i];
        const char *course = m->courses.v[x->course].id;
        if (x->id)
            bind_int(s, st, 1, x->id);
        else
            note(s, sqlite3_bind_null(st, 1));
        bind_int(s, st, 2, (int64_t)i);
        bind_text(s, st, 3, course);
        bind_int(s, st, 4, x->ordinal);
        bind_text(s, st, 5, ordo_session_status_name(x->status));
        bind_int(s, st, 6, x->start);
        bind_int(s, st, 7, x->end);
        bind_text(s, st, 8, site_id(m, x->site));
        bind_session_resources(s, m, st, 9, x);
        bind_int(s, st, 10, x->sequence);
        bind_int(s, st, 11, x->dtstamp);
        bind_text(s, st, 12, x->reason);
        bind_int(s, st, 13, x->forced_conflict);
        rc = write_row(s, st, "saving session of course", course);
        if (rc == ORDO_OK && !x->id)
            fresh[k++] = sqlite3_last_insert_rowid(s->db);
    }
    return rc;
}

static int save_sessions(ordo_store *s, const ordo_model *m, sqlite3_stmt *st, int64_t *fresh)
{
    return save_session_rows(s, m, st, NULL, m->sessions.n, fresh);
}

static int save_working_hours(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    int rc = ORDO_OK;
    for (size_t i = 0; rc == ORDO_OK && i < m->working_hours.n; i++) {
        const ordo_working_hours *x = &m->working_hours.v[i];
        const char *who = m->resources.v[x->resource].id;
        bind_int(s, st, 1, (int64_t)i);
        bind_text(s, st, 2, who);
        bind_int(s, st, 3, x->weekday);
        bind_int(s, st, 4, x->start);
        bind_int(s, st, 5, x->end);
        rc = write_row(s, st, "saving working hours of", who);
    }
    return rc;
}

static int save_time_off(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    int rc = ORDO_OK;
    for (size_t i = 0; rc == ORDO_OK && i < m->time_off.n; i++) {
        const ordo_time_off *x = &m->time_off.v[i];
        const char *who = m->resources.v[x->resource].id;
        bind_int(s, st, 1, (int64_t)i);
        bind_text(s, st, 2, who);
        bind_date(s, st, 3, x->start_date);
        bind_int(s, st, 4, x->start_min);
        bind_date(s, st, 5, x->end_date);
        bind_int(s, st, 6, x->end_min);
        bind_text(s, st, 7, x->reason);
        bind_text(s, st, 8, x->source);
        rc = write_row(s, st, "saving time off of", who);
    }
    return rc;
}

static int save_requirements(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    int rc = ORDO_OK;
    for (size_t i = 0; rc == ORDO_OK && i < m->requirements.n; i++) {
        const ordo_requirement *x = &m->requirements.v[i];
        const char *of = m->services.v[x->service].id;
        bind_int(s, st, 1, (int64_t)i);
        bind_text(s, st, 2, of);
        bind_text(s, st, 3, ordo_kind_name(x->kind));
        bind_int(s, st, 4, x->count);
        bind_text(s, st, 5, x->skill);
        bind_int(s, st, 6, x->min_capacity);
        bind_int(s, st, 7, x->capacity_penalty);
        rc = write_row(s, st, "saving requirement of", of);
    }
    return rc;
}

static int save_blackouts(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    int rc = ORDO_OK;
    for (size_t i = 0; rc == ORDO_OK && i < m->blackouts.n; i++) {
        const ordo_course_blackout *x = &m->blackouts.v[i];
        const char *of = m->courses.v[x->course].id;
        bind_int(s, st, 1, (int64_t)i);
        bind_text(s, st, 2, of);
        bind_date(s, st, 3, x->date);
        bind_int(s, st, 4, x->start_min);
        bind_int(s, st, 5, x->end_min);
        rc = write_row(s, st, "saving blackout of", of);
    }
    return rc;
}

/* Keyed tables, children before parents (the order stale rows are deleted in). */
static const struct keyed_table {
    const char *name, *deleting;
    int ids, del;
    int (*find)(const ordo_model *, const char *);
} keyed_tables[] = {
    { "course", "deleting course", ST_IDS_COURSES, ST_DEL_COURSE, ordo_model_find_course },
    { "contract", "deleting contract", ST_IDS_CONTRACTS, ST_DEL_CONTRACT, ordo_model_find_contract },
    { "contact", "deleting contact", ST_IDS_CONTACTS, ST_DEL_CONTACT, ordo_model_find_contact },
    { "account", "deleting account", ST_IDS_ACCOUNTS, ST_DEL_ACCOUNT, ordo_model_find_account },
    { "resource", "deleting resource", ST_IDS_RESOURCES, ST_DEL_RESOURCE, ordo_model_find_resource },
    { "service", "deleting service", ST_IDS_SERVICES, ST_DEL_SERVICE, ordo_model_find_service },
    { "site", "deleting site", ST_IDS_SITES, ST_DEL_SITE, ordo_model_find_site },
};

/* Delete the rows of one keyed table whose id is not in the model. The ids
 * are collected first, so no row is deleted under a running SELECT. */
static int delete_stale(ordo_store *s, const ordo_model *m, const struct keyed_table *t)
{
    int rc = ORDO_OK, r;
    char **gone = NULL;
    size_t ngone = 0, cap = 0;
    sqlite3_stmt *ids = NULL, *del = NULL;
    ORDO_TRY(stmt(s, t->ids, &ids));
    ORDO_TRY(stmt(s, t->del, &del));
    while ((r = sqlite3_step(ids)) == SQLITE_ROW) {
        const char *id = text(s, ids, 0);
        if (!id || t->find(m, id) >= 0)
            continue;
        if (ORDO_GROW(gone, cap, ngone + 1) < 0 || !(gone[ngone] = ordo__strdup(id))) {
            rc = oom(s);
            break;
        }
        ngone++;
    }
    if (rc == ORDO_OK && (r != SQLITE_DONE || s->sticky))
        rc = sql_fail(s, r != SQLITE_DONE ? r : s->sticky, "listing %ss", t->name);
    s->sticky = 0;
    sqlite3_reset(ids);
    for (size_t i = 0; rc == ORDO_OK && i < ngone; i++) {
        bind_text(s, del, 1, gone[i]);
        rc = write_row(s, del, t->deleting, gone[i]);
    }
done:
    for (size_t i = 0; i < ngone; i++)
        ordo__free(gone[i]);
    ordo__free(gone);
    return rc;
}

typedef int (*save_fn)(ordo_store *, const ordo_model *, sqlite3_stmt *);

static int save_with(ordo_store *s, const ordo_model *m, int id, save_fn fn)
{
    sqlite3_stmt *st = NULL;
    int rc = stmt(s, id, &st);
    return rc == ORDO_OK ? fn(s, m, st) : rc;
}

/* Everything a save writes, inside the caller's transaction. */
static int write_model(ordo_store *s, const ordo_model *m, int64_t *fresh)
{
    int rc = ORDO_OK;
    sqlite3_stmt *st = NULL;
    ORDO_TRY(exec(s, ST_CLEAR_WORKING_HOURS, "clearing working hours"));
    ORDO_TRY(exec(s, ST_CLEAR_TIME_OFF, "clearing time off"));
    ORDO_TRY(exec(s, ST_CLEAR_REQUIREMENTS, "clearing requirements"));
    ORDO_TRY(exec(s, ST_CLEAR_BLACKOUTS, "clearing course blackouts"));
    ORDO_TRY(save_with(s, m, ST_PUT_SITE, save_sites));
    ORDO_TRY(save_with(s, m, ST_PUT_SERVICE, save_services));
    ORDO_TRY(save_with(s, m, ST_PUT_RESOURCE, save_resources));
    ORDO_TRY(save_with(s, m, ST_PUT_ACCOUNT, save_accounts));
    ORDO_TRY(save_with(s, m, ST_PUT_CONTACT, save_contacts));
    ORDO_TRY(save_with(s, m, ST_PUT_CONTRACT, save_contracts));
    ORDO_TRY(save_with(s, m, ST_PUT_COURSE, save_courses));
    ORDO_TRY(stmt(s, ST_PUT_SESSION, &st));
    ORDO_TRY(save_sessions(s, m, st, fresh));
    for (size_t i = 0; i < sizeof keyed_tables / sizeof keyed_tables[0]; i++)
        ORDO_TRY(delete_stale(s, m, &keyed_tables[i]));
    /* each contract's primary time line mirrors its hour bank (store_schema.h) */
    ORDO_TRY(exec(s, ST_ADD_PRIMARY_LINES, "adding the contracts' hour-bank lines"));
    ORDO_TRY(exec(s, ST_SET_PRIMARY_LINES, "updating the contracts' hour-bank lines"));
    ORDO_TRY(stmt(s, ST_CANCEL_ORPHANS, &st));
    bind_int(s, st, 1, (int64_t)time(NULL));
    ORDO_TRY(write_row(s, st, "cancelling the sessions of removed courses", NULL));
    ORDO_TRY(save_with(s, m, ST_ADD_WORKING_HOURS, save_working_hours));
    ORDO_TRY(save_with(s, m, ST_ADD_TIME_OFF, save_time_off));
    ORDO_TRY(save_with(s, m, ST_ADD_REQUIREMENT, save_requirements));
    ORDO_TRY(save_with(s, m, ST_ADD_BLACKOUT, save_blackouts));
done:
    return rc;
}

/* Undo a failed save: back to the savepoint, or roll the transaction back
 * (SQLite may already have done so itself, e.g. after SQLITE_FULL). */
static void undo_save(ordo_store *s)
{
    if (s->in_tx) {
        exec_quietly(s, ST_ROLLBACK_TO);
        exec_quietly(s, ST_RELEASE);
    } else if (!sqlite3_get_autocommit(s->db)) {
        exec_quietly(s, ST_ROLLBACK);
    }
}

int ordo_store_save(ordo_store *s, ordo_model *m)
{
    int rc = ORDO_OK, began = 0;
    int64_t *fresh = NULL;
    size_t nfresh = 0;
    if (!s || !m)
        return s ? ordo__seterr(&s->err, ORDO_EINVAL, "store %s: no model to save", s->path) : ORDO_EINVAL;
    start_call(s);
    ORDO_TRY(check_model(s, m));
    ORDO_TRY(check_session_ids(s, m));
    for (size_t i = 0; i < m->sessions.n; i++)
        nfresh += m->sessions.v[i].id == 0;
    if (nfresh && !(fresh = ordo__calloc(nfresh, sizeof *fresh))) {
        rc = oom(s);
        goto done;
    }
    ORDO_TRY(exec(s, s->in_tx ? ST_SAVEPOINT : ST_BEGIN_WRITE, "starting to save"));
    began = 1;
    ORDO_TRY(write_model(s, m, fresh));
    ORDO_TRY(exec(s, s->in_tx ? ST_RELEASE : ST_COMMIT, "committing the save"));
    began = 0;
    for (size_t i = 0, k = 0; i < m->sessions.n; i++)
        if (m->sessions.v[i].id == 0)
            m->sessions.v[i].id = fresh[k++];
done:
    if (began)
        undo_save(s);
    ordo__free(fresh);
    return rc;
}

int ordo_store_save_sessions(ordo_store *s, ordo_model *m, const int *courses, int ncourses, const int *which,
                             int n)
{
    int rc = ORDO_OK, began = 0;
    int64_t *fresh = NULL;
    size_t nfresh = 0;
    sqlite3_stmt *st = NULL;
    if (!s || !m || n < 0 || (n > 0 && !which) || ncourses < 0 || (ncourses > 0 && !courses))
        return s ? ordo__seterr(&s->err, ORDO_EINVAL, "store %s: no sessions to save", s->path) : ORDO_EINVAL;
    start_call(s);
    ORDO_TRY(check_model(s, m));
    ORDO_TRY(check_session_ids(s, m));
    for (int j = 0; j < n; j++) {
        if (which[j] < 0 || (size_t)which[j] >= m->sessions.n) {
            rc = ordo__seterr(&s->err, ORDO_EINVAL, "store %s: session index %d out of range", s->path, which[j]);
            goto done;
        }
        nfresh += m->sessions.v[which[j]].id == 0;
    }
    for (int j = 0; j < ncourses; j++)
        if (courses[j] < 0 || (size_t)courses[j] >= m->courses.n) {
            rc = ordo__seterr(&s->err, ORDO_EINVAL, "store %s: course index %d out of range", s->path, courses[j]);
            goto done;
        }
    if (nfresh && !(fresh = ordo__calloc(nfresh, sizeof *fresh))) {
        rc = oom(s);
        goto done;
    }
    ORDO_TRY(exec(s, s->in_tx ? ST_SAVEPOINT : ST_BEGIN_WRITE, "starting to save sessions"));
    began = 1;
    if (ncourses > 0) {
        ORDO_TRY(stmt(s, ST_PUT_COURSE, &st));
        ORDO_TRY(save_course_rows(s, m, st, courses, (size_t)ncourses));
    }
    ORDO_TRY(stmt(s, ST_PUT_SESSION, &st));
    ORDO_TRY(save_session_rows(s, m, st, which, (size_t)n, fresh));
    ORDO_TRY(exec(s, s->in_tx ? ST_RELEASE : ST_COMMIT, "committing the sessions"));
    began = 0;
    for (int j = 0, k = 0; j < n; j++)
        if (m->sessions.v[which[j]].id == 0)
            m->sessions.v[which[j]].id = fresh[k++];
done:
    if (began)
        undo_save(s);
    ordo__free(fresh);
    return rc;
}

/* ---- reading --------------------------------------------------------------- */

/* A model call's failure, with the model's message. */
static int put_failed(ordo_store *s, const ordo_model *m, int rc, const char *table, const char *row)
{
    return ordo__seterr(&s->err, rc, "store %s: loading %s '%s': %s", s->path, table, row ? row : "",
                        rc == ORDO_ENOMEM ? "out of memory" : m->err.msg);
}

static int parse_date(ordo_store *s, const char *v, ordo_date *out, const char *table, const char *row,
                      const char *column)
{
    return ordo_date_parse(v, out) == 0 ? ORDO_OK : bad_value(s, table, row, column, v);
}

/* A keyed reference read back: index, or an error if the id is unknown
 * (foreign keys keep this from happening unless the file was edited). */
static int find_ref(ordo_store *s, const ordo_model *m, int (*find)(const ordo_model *, const char *),
                    const char *v, int *out, const char *table, const char *row, const char *column)
{
    *out = v ? find(m, v) : -1;
    return !v || *out >= 0 ? ORDO_OK : bad_value(s, table, row, column, v);
}

static int load_site(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    ordo_site x = { (char *)text(s, st, 0), (char *)text(s, st, 1), (char *)text(s, st, 2) };
    int rc = ordo_model_put_site(m, &x, NULL);
    return rc < 0 ? put_failed(s, m, rc, "site", x.id) : rc;
}

static int load_service(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    ordo_service x = { (char *)text(s, st, 0), (char *)text(s, st, 1), int_col(st, 2) };
    int rc = ordo_model_put_service(m, &x, NULL);
    return rc < 0 ? put_failed(s, m, rc, "service", x.id) : rc;
}

static int load_resource(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    int rc = ORDO_OK;
    ordo_resource x = { 0 };
    x.id = (char *)text(s, st, 0);
    x.name = (char *)text(s, st, 1);
    const char *kind = text(s, st, 2);
    x.capacity = int_col(st, 4);
    x.email = (char *)text(s, st, 6);
    int k = parse_name(kind, kind_name, ORDO_KIND_COUNT);
    if (k < 0) {
        rc = bad_value(s, "resources", x.id, "kind", kind);
        goto done;
    }
    x.kind = (ordo_kind)k;
    ORDO_TRY(find_ref(s, m, ordo_model_find_site, text(s, st, 3), &x.site, "resources", x.id, "site"));
    if (ordo_strlist_parse(&x.skills, text(s, st, 5)) < 0) {
        rc = oom(s);
        goto done;
    }
    if ((rc = ordo_model_put_resource(m, &x, NULL)) < 0)
        rc = put_failed(s, m, rc, "resource", x.id);
done:
    ordo_strlist_clear(&x.skills);
    return rc;
}

static int load_working_hours(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    int rc = ORDO_OK;
    const char *who = text(s, st, 0);
    ordo_working_hours x = { 0, int_col(st, 1), int_col(st, 2), int_col(st, 3) };
    ORDO_TRY(find_ref(s, m, ordo_model_find_resource, who, &x.resource, "working_hours", who, "resource"));
    if ((rc = ordo_model_add_working_hours(m, &x)) < 0)
        rc = put_failed(s, m, rc, "working hours of", who);
done:
    return rc;
}

static int load_time_off(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    int rc = ORDO_OK;
    const char *who = text(s, st, 0);
    ordo_time_off x = { 0 };
    x.start_min = int_col(st, 2);
    x.end_min = int_col(st, 4);
    x.reason = (char *)text(s, st, 5);
    x.source = (char *)text(s, st, 6);
    ORDO_TRY(find_ref(s, m, ordo_model_find_resource, who, &x.resource, "time_off", who, "resource"));
    ORDO_TRY(parse_date(s, text(s, st, 1), &x.start_date, "time_off", who, "start_date"));
    ORDO_TRY(parse_date(s, text(s, st, 3), &x.end_date, "time_off", who, "end_date"));
    if ((rc = ordo_model_add_time_off(m, &x)) < 0)
        rc = put_failed(s, m, rc, "time off of", who);
done:
    return rc;
}

static int load_requirement(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    int rc = ORDO_OK;
    const char *of = text(s, st, 0), *kind = text(s, st, 1);
    ordo_requirement x = { 0 };
    x.count = int_col(st, 2);
    x.skill = (char *)text(s, st, 3);
    x.min_capacity = int_col(st, 4);
    x.capacity_penalty = int_col(st, 5);
    int k = parse_name(kind, kind_name, ORDO_KIND_COUNT);
    if (k < 0) {
        rc = bad_value(s, "requirements", of, "kind", kind);
        goto done;
    }
    x.kind = (ordo_kind)k;
    ORDO_TRY(find_ref(s, m, ordo_model_find_service, of, &x.service, "requirements", of, "service"));
    if ((rc = ordo_model_add_requirement(m, &x)) < 0)
        rc = put_failed(s, m, rc, "requirement of", of);
done:
    return rc;
}

static int load_account(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    int rc = ORDO_OK;
    ordo_account x = { 0 };
    x.id = (char *)text(s, st, 0);
    x.name = (char *)text(s, st, 1);
    const char *rel = text(s, st, 2);
    int r = parse_name(rel, relationship_name, ORDO_REL_CLIENT + 1);
    if (r < 0) {
        rc = bad_value(s, "accounts", x.id, "relationship", rel);
        goto done;
    }
    x.relationship = (ordo_relationship)r;
    if (ordo_strlist_parse(&x.roles, text(s, st, 3)) < 0) {
        rc = oom(s);
        goto done;
    }
    if ((rc = ordo_model_put_account(m, &x, NULL)) < 0)
        rc = put_failed(s, m, rc, "account", x.id);
done:
    ordo_strlist_clear(&x.roles);
    return rc;
}

static int load_contact(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    int rc = ORDO_OK;
    ordo_contact x = { 0 };
    x.id = (char *)text(s, st, 0);
    x.first_name = (char *)text(s, st, 1);
    x.last_name = (char *)text(s, st, 2);
    x.email = (char *)text(s, st, 3);
    x.account = (char *)text(s, st, 4);
    const char *rel = text(s, st, 5);
    int r = parse_name(rel, relationship_name, ORDO_REL_CLIENT + 1);
    if (r < 0) {
        rc = bad_value(s, "contacts", x.id, "relationship", rel);
        goto done;
    }
    x.relationship = (ordo_relationship)r;
    if (ordo_strlist_parse(&x.roles, text(s, st, 6)) < 0) {
        rc = oom(s);
        goto done;
    }
    if ((rc = ordo_model_put_contact(m, &x, NULL)) < 0)
        rc = put_failed(s, m, rc, "contact", x.id);
done:
    ordo_strlist_clear(&x.roles);
    return rc;
}

static int load_contract(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    int rc = ORDO_OK;
    ordo_contract x = { 0 };
    x.id = (char *)text(s, st, 0);
    x.customer = (char *)text(s, st, 1);
    x.minutes = sqlite3_column_int64(st, 4);
    x.used_minutes = sqlite3_column_int64(st, 5);
    const char *status = text(s, st, 6);
    int v = parse_name(status, contract_status_name, ORDO_CONTRACT_EXPIRED + 1);
    if (v < 0) {
        rc = bad_value(s, "contracts", x.id, "status", status);
        goto done;
    }
    x.status = (ordo_contract_status)v;
    ORDO_TRY(parse_date(s, text(s, st, 2), &x.start, "contracts", x.id, "start_date"));
    ORDO_TRY(parse_date(s, text(s, st, 3), &x.end, "contracts", x.id, "end_date"));
    if ((rc = ordo_model_put_contract(m, &x, NULL)) < 0)
        rc = put_failed(s, m, rc, "contract", x.id);
done:
    return rc;
}

static int load_course(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    int rc = ORDO_OK;
    ordo_course x = { 0 };
    x.id = (char *)text(s, st, 0);
    x.title = (char *)text(s, st, 1);
    x.customer = (char *)text(s, st, 3);
    x.sessions = int_col(st, 5);
    x.participants = int_col(st, 6);
    x.min_days_between = int_col(st, 9);
    x.min_distinct_days = int_col(st, 11);
    x.fixed_duration_slots = int_col(st, 12);
    x.is_booking = int_col(st, 13);
    ORDO_TRY(find_ref(s, m, ordo_model_find_service, text(s, st, 2), &x.service, "courses", x.id, "service"));
    ORDO_TRY(find_ref(s, m, ordo_model_find_contract, text(s, st, 4), &x.contract, "courses", x.id, "contract"));
    if (x.service < 0) {
        rc = bad_value(s, "courses", x.id, "service", NULL);
        goto done;
    }
    ORDO_TRY(parse_date(s, text(s, st, 7), &x.earliest, "courses", x.id, "earliest"));
    ORDO_TRY(parse_date(s, text(s, st, 8), &x.latest, "courses", x.id, "latest"));
    if (ordo_strlist_parse(&x.cohorts, text(s, st, 10)) < 0) {
        rc = oom(s);
        goto done;
    }
    if ((rc = ordo_model_put_course(m, &x, NULL)) < 0)
        rc = put_failed(s, m, rc, "course", x.id);
done:
    ordo_strlist_clear(&x.cohorts);
    return rc;
}

static int load_blackout(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    int rc = ORDO_OK;
    const char *of = text(s, st, 0);
    ordo_course_blackout x = { 0 };
    x.start_min = int_col(st, 2);
    x.end_min = int_col(st, 3);
    ORDO_TRY(find_ref(s, m, ordo_model_find_course, of, &x.course, "course_blackouts", of, "course"));
    ORDO_TRY(parse_date(s, text(s, st, 1), &x.date, "course_blackouts", of, "date"));
    if ((rc = ordo_model_add_blackout(m, &x)) < 0)
        rc = put_failed(s, m, rc, "blackout of", of);
done:
    return rc;
}

/* Resolve a session's ';'-joined resource ids into s->ids. Ids of resources
 * no longer in the model are left out (the row itself keeps them until the
 * session is saved again). */
static int session_resources(ordo_store *s, const ordo_model *m, const char *list, int *out_n)
{
    int rc = ORDO_OK, n = 0;
    size_t len = list ? strlen(list) : 0;
    *out_n = 0;
    if (!len)
        goto done;
    if (reserve(s, len + 1) < 0 || ORDO_GROW(s->ids, s->ids_cap, len / 2 + 1) < 0) {
        s->sticky = 0;
        rc = oom(s);
        goto done;
    }
    memcpy(s->buf, list, len + 1);
    for (char *p = s->buf; p;) {
        char *semi = strchr(p, ';');
        if (semi)
            *semi = '\0';
        int r = *p ? ordo_model_find_resource(m, p) : -1;
        if (r >= 0)
            s->ids[n++] = r;
        p = semi ? semi + 1 : NULL;
    }
    *out_n = n;
done:
    return rc;
}

static int load_session(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    int rc = ORDO_OK;
    ordo_session x = { 0 };
    const char *course = text(s, st, 1), *status = text(s, st, 3), *site = text(s, st, 6);
    x.id = sqlite3_column_int64(st, 0);
    x.course = course ? ordo_model_find_course(m, course) : -1;
    if (x.course < 0)
        goto done;                /* its course is gone: the row stays, unloaded */
    x.ordinal = int_col(st, 2);
    x.start = sqlite3_column_int64(st, 4);
    x.end = sqlite3_column_int64(st, 5);
    x.site = site ? ordo_model_find_site(m, site) : -1;
    x.sequence = int_col(st, 8);
    x.dtstamp = sqlite3_column_int64(st, 9);
    x.reason = (char *)text(s, st, 10);
    x.forced_conflict = int_col(st, 11);
    int v = parse_name(status, session_status_name, ORDO_SESSION_DONE + 1);
    if (v < 0) {
        rc = bad_value(s, "sessions", course, "status", status);
        goto done;
    }
    x.status = (ordo_session_status)v;
    ORDO_TRY(session_resources(s, m, text(s, st, 7), &x.nresources));
    x.resources = s->ids;
    if ((rc = ordo_model_add_session(m, &x, NULL)) < 0)
        rc = put_failed(s, m, rc, "session of", course);
done:
    return rc;
}

typedef int (*load_fn)(ordo_store *, sqlite3_stmt *, ordo_model *);

/* Tables in load order: every reference's target is loaded before it. */
static const struct loader {
    int st;
    load_fn row;
    const char *table;
} loaders[] = {
    { ST_ALL_SITES, load_site, "sites" },
    { ST_ALL_SERVICES, load_service, "services" },
    { ST_ALL_RESOURCES, load_resource, "resources" },
    { ST_ALL_WORKING_HOURS, load_working_hours, "working_hours" },
    { ST_ALL_TIME_OFF, load_time_off, "time_off" },
    { ST_ALL_REQUIREMENTS, load_requirement, "requirements" },
    { ST_ALL_ACCOUNTS, load_account, "accounts" },
    { ST_ALL_CONTACTS, load_contact, "contacts" },
    { ST_ALL_CONTRACTS, load_contract, "contracts" },
    { ST_ALL_COURSES, load_course, "courses" },
    { ST_ALL_BLACKOUTS, load_blackout, "course_blackouts" },
    { ST_ALL_SESSIONS, load_session, "sessions" },
};

static int load_table(ordo_store *s, ordo_model *m, const struct loader *l)
{
    sqlite3_stmt *st = NULL;
    int r = SQLITE_DONE, rc = stmt(s, l->st, &st);
    while (rc == ORDO_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
        rc = l->row(s, st, m);
        if (rc == ORDO_OK && s->sticky)
            rc = sql_fail(s, s->sticky, "reading %s", l->table);
        s->sticky = 0;
    }
    if (rc == ORDO_OK && r != SQLITE_DONE)
        rc = sql_fail(s, r, "reading %s", l->table);
    if (st)
        sqlite3_reset(st);
    return rc;
}

int ordo_store_load(ordo_store *s, ordo_model **out)
{
    int rc = ORDO_OK, reading = 0;
    ordo_model *m = NULL;
    if (!s || !out)
        return s ? ordo__seterr(&s->err, ORDO_EINVAL, "store %s: no place for the model", s->path) : ORDO_EINVAL;
    *out = NULL;
    start_call(s);
    if (ordo_model_new(&m) < 0) {
        rc = oom(s);
        goto done;
    }
    if (!s->in_tx) {
        ORDO_TRY(exec(s, ST_BEGIN_READ, "starting to read"));
        reading = 1;
    }
    for (size_t i = 0; i < sizeof loaders / sizeof loaders[0]; i++)
        ORDO_TRY(load_table(s, m, &loaders[i]));
    if (reading) {
        reading = 0;
        ORDO_TRY(exec(s, ST_COMMIT, "finishing the read"));
    }
    *out = m;
    m = NULL;
done:
    if (reading)
        exec_quietly(s, ST_ROLLBACK);
    ordo_model_free(m);
    return rc;
}

/* ---- opening ------------------------------------------------------------- */

/* Run every statement of a schema script. */
static int run_script(ordo_store *s, const char *sql, const char *what)
{
    int rc = ORDO_OK;
    while (rc == ORDO_OK && *sql) {
        sqlite3_stmt *st = NULL;
        const char *tail = NULL;
        int r = sqlite3_prepare_v2(s->db, sql, -1, &st, &tail);
        if (r == SQLITE_OK && st && (r = sqlite3_step(st)) == SQLITE_ROW)
            r = SQLITE_DONE;
        if (r != SQLITE_OK && r != SQLITE_DONE)
            rc = sql_fail(s, r, "%s", what);
        sqlite3_finalize(st);
        sql = tail && tail > sql ? tail : "";
    }
    return rc;
}

/* Create the schema in an empty file, under the write lock; another process
 * may have created it meanwhile, which is fine. */
static int create_schema(ordo_store *s)
{
    int rc = ORDO_OK, began = 0;
    int64_t app = 0;
    ORDO_TRY(exec(s, ST_BEGIN_WRITE, "starting to create the tables"));
    began = 1;
    ORDO_TRY(query_int(s, ST_APPLICATION_ID, &app, "reading the file header"));
    if (app != ORDO_STORE_APPLICATION_ID)
        ORDO_TRY(run_script(s, ORDO_STORE_SCHEMA_SQL, "creating the tables"));
    ORDO_TRY(exec(s, ST_COMMIT, "committing the new tables"));
    began = 0;
done:
    if (began)
        exec_quietly(s, ST_ROLLBACK);
    return rc;
}

/* Bring an older file to the current version, one step at a time, under
 * the write lock (another process may have done it meanwhile, which is fine). */
static int migrate_schema(ordo_store *s)
{
    int rc = ORDO_OK, began = 0;
    int64_t version = 0;
    ORDO_TRY(exec(s, ST_BEGIN_WRITE, "starting to upgrade the tables"));
    began = 1;
    ORDO_TRY(query_int(s, ST_USER_VERSION, &version, "reading the schema version"));
    if (version == 1) {
        ORDO_TRY(run_script(s, ORDO_STORE_MIGRATE_1_SQL, "upgrading the tables to version 2"));
        version = 2;
    }
    if (version == 2)
        ORDO_TRY(run_script(s, ORDO_STORE_MIGRATE_2_SQL, "upgrading the tables to version 3"));
    ORDO_TRY(exec(s, ST_COMMIT, "committing the upgraded tables"));
    began = 0;
done:
    if (began)
        exec_quietly(s, ST_ROLLBACK);
    return rc;
}

static int check_schema(ordo_store *s)
{
    int rc = ORDO_OK;
    int64_t app = 0, version = 0, objects = 0;
    ORDO_TRY(query_int(s, ST_APPLICATION_ID, &app, "reading the file header"));
    ORDO_TRY(query_int(s, ST_USER_VERSION, &version, "reading the schema version"));
    ORDO_TRY(query_int(s, ST_OBJECTS, &objects, "listing the tables"));
    if (app == 0 && objects == 0) {
        rc = create_schema(s);
    } else if (app != ORDO_STORE_APPLICATION_ID) {
        rc = ordo__seterr(&s->err, ORDO_EIO, "store %s: not an ordo store (an SQLite database of another program, "
                          "application_id %lld, %lld objects); refusing to change it",
                          s->path, (long long)app, (long long)objects);
    } else if (version >= 1 && version < ORDO_STORE_SCHEMA_VERSION) {
        rc = migrate_schema(s);
    } else if (version != ORDO_STORE_SCHEMA_VERSION) {
        rc = ordo__seterr(&s->err, ORDO_EIO, "store %s: schema version %lld, but this ordo reads version %d%s",
                          s->path, (long long)version, ORDO_STORE_SCHEMA_VERSION,
                          version > ORDO_STORE_SCHEMA_VERSION ? " (written by a newer ordo)" : "");
    }
done:
    return rc;
}

/* Waiting for another connection's lock: retry every millisecond until
 * busy_ms have passed. SQLite's own handler backs off to 100 ms sleeps, so
 * a process committing in a loop (several `ordo case resolve` at once)
 * could hold other waiters off past the timeout; polling this often finds
 * the short gaps between its transactions. */
static int busy_wait(void *payload, int attempt)
{
    ordo_store *s = payload;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double t = (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
    if (attempt == 0)
        s->busy_since = t;
    if ((t - s->busy_since) * 1000.0 >= s->busy_ms)
        return 0;
    sqlite3_sleep(1);
    return 1;
}

int ordo_store_open(ordo_store **out, const char *path, ordo_err *err)
{
    int rc = ORDO_OK;
    ordo_store *s = NULL;
    if (!out || !path || !*path)
        return ordo__seterr(err, ORDO_EINVAL, "store: no file name given");
    *out = NULL;
    if (!(s = ordo__calloc(1, sizeof *s)) || !(s->path = ordo__strdup(path))) {
        rc = ordo__seterr(err, ORDO_ENOMEM, "store %s: out of memory", path);
        goto done;
    }
    s->busy_ms = DEFAULT_BUSY_TIMEOUT_MS;
    int r = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (r != SQLITE_OK) {
        rc = sql_fail(s, r, "opening");
        goto done;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_handler(s->db, busy_wait, s);
    ORDO_TRY(exec(s, ST_FOREIGN_KEYS, "turning foreign keys on"));
    ORDO_TRY(exec(s, ST_WAL, "switching to the WAL journal"));
    ORDO_TRY(check_schema(s));
    *out = s;
    s = NULL;
done:
    if (s && s->path && err)
        *err = s->err;
    ordo_store_close(s);
    return rc;
}

void ordo_store_close(ordo_store *s)
{
    if (!s)
        return;
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(s->st[i]);
    for (size_t i = 0; i < s->nextra; i++)
        sqlite3_finalize(s->extra[i].st);
    ordo__free(s->extra);
    sqlite3_close_v2(s->db);      /* rolls back a transaction left open */
    ordo__free(s->buf);
    ordo__free(s->ids);
    ordo__free(s->path);
    ordo__free(s);
}

const char *ordo_store_errmsg(const ordo_store *s) { return s ? s->err.msg : "no store"; }

int ordo_store_set_busy_timeout(ordo_store *s, int ms)
{
    if (!s || ms < 0)
        return s ? ordo__seterr(&s->err, ORDO_EINVAL, "store %s: busy timeout %d ms; must be >= 0", s->path, ms)
                 : ORDO_EINVAL;
    s->busy_ms = ms;
    return ORDO_OK;
}

/* ---- explicit transactions ------------------------------------------------ */

int ordo_store_begin(ordo_store *s)
{
    int rc = ORDO_OK;
    if (!s)
        return ORDO_EINVAL;
    start_call(s);
    if (s->in_tx)
        rc = ordo__seterr(&s->err, ORDO_EINVAL, "store %s: a transaction is already open", s->path);
    else if ((rc = exec(s, ST_BEGIN_WRITE, "starting a transaction")) == ORDO_OK)
        s->in_tx = 1;
    return rc;
}

int ordo_store_commit(ordo_store *s)
{
    int rc = ORDO_OK;
    if (!s)
        return ORDO_EINVAL;
    start_call(s);
    if (!s->in_tx)
        return ordo__seterr(&s->err, ORDO_EINVAL, "store %s: no transaction to commit", s->path);
    s->in_tx = 0;
    if ((rc = exec(s, ST_COMMIT, "committing")) < 0 && !sqlite3_get_autocommit(s->db))
        exec_quietly(s, ST_ROLLBACK);
    return rc;
}

int ordo_store_rollback(ordo_store *s)
{
    if (!s)
        return ORDO_EINVAL;
    if (s->in_tx && !sqlite3_get_autocommit(s->db))
        exec_quietly(s, ST_ROLLBACK);
    s->in_tx = 0;
    return ORDO_OK;
}

/* ---- meta ------------------------------------------------------------------ */

int ordo_store_meta_get(ordo_store *s, const char *key, char *buf, size_t n)
{
    int rc = ORDO_OK;
    sqlite3_stmt *st = NULL;
    if (!s)
        return ORDO_EINVAL;
    start_call(s);
    if (!key || !buf || !n)
        return ordo__seterr(&s->err, ORDO_EINVAL, "store %s: meta get needs a key and a buffer", s->path);
    ORDO_TRY(stmt(s, ST_META_GET, &st));
    bind_text(s, st, 1, key);
    int r = s->sticky ? s->sticky : sqlite3_step(st);
    s->sticky = 0;
    if (r == SQLITE_ROW) {
        const char *v = text(s, st, 0);
        size_t len = v ? strlen(v) : 0;
        if (!v)
            rc = sql_fail(s, SQLITE_NOMEM, "reading meta '%s'", key);
        else if (len + 1 > n)
            rc = ordo__seterr(&s->err, ORDO_EINVAL, "store %s: meta '%s' is %zu bytes; the buffer holds %zu",
                              s->path, key, len, n - 1);
        else
            memcpy(buf, v, len + 1);
    } else if (r == SQLITE_DONE) {
        rc = ordo__seterr(&s->err, ORDO_ENOTFOUND, "store %s: meta '%s' is not set", s->path, key);
    } else {
        rc = sql_fail(s, r, "reading meta '%s'", key);
    }
    s->sticky = 0;
    sqlite3_reset(st);
done:
    return rc;
}

int ordo_store_meta_set(ordo_store *s, const char *key, const char *value)
{
    int rc = ORDO_OK;
    sqlite3_stmt *st = NULL;
    if (!s)
        return ORDO_EINVAL;
    start_call(s);
    if (!key)
        return ordo__seterr(&s->err, ORDO_EINVAL, "store %s: meta set needs a key", s->path);
    ORDO_TRY(stmt(s, value ? ST_META_SET : ST_META_DEL, &st));
    bind_text(s, st, 1, key);
    if (value)
        bind_text(s, st, 2, value);
    rc = write_row(s, st, "saving meta", key);
done:
    return rc;
}

/* ---- statements for io/store_*.c (store_int.h) ------------------------------ */

int ordo__store_sql(ordo_store *s, const char *sql, ordo__row **out)
{
    int rc = ORDO_OK;
    sqlite3_stmt *st = NULL;
    *out = NULL;
    for (size_t i = 0; i < s->nextra && !st; i++)
        if (s->extra[i].sql == sql)
            st = s->extra[i].st;
    if (!st) {
        if (ORDO_GROW(s->extra, s->extra_cap, s->nextra + 1) < 0)
            return oom(s);
        int r = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
        if (r != SQLITE_OK) {
            rc = map_code(r) == ORDO_EBUSY ? sql_fail(s, r, "reading the file")
                                           : sql_fail(s, r, "preparing \"%.60s\"", sql);
            sqlite3_finalize(st);
            return rc;
        }
        s->extra[s->nextra].sql = sql;
        s->extra[s->nextra++].st = st;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    s->sticky = 0;
    *out = (ordo__row *)st;
    return rc;
}

void ordo__bind_int(ordo_store *s, ordo__row *r, int i, int64_t v) { bind_int(s, (sqlite3_stmt *)r, i, v); }

void ordo__bind_text(ordo_store *s, ordo__row *r, int i, const char *v)
{
    sqlite3_stmt *st = (sqlite3_stmt *)r;
    note(s, v ? sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i));
}

void ordo__bind_date(ordo_store *s, ordo__row *r, int i, ordo_date d) { bind_date(s, (sqlite3_stmt *)r, i, d); }

int ordo__row_step(ordo_store *s, ordo__row *r, const char *what)
{
    sqlite3_stmt *st = (sqlite3_stmt *)r;
    int v = s->sticky ? s->sticky : sqlite3_step(st);
    s->sticky = 0;
    if (v == SQLITE_ROW)
        return 1;
    sqlite3_reset(st);
    return v == SQLITE_DONE ? 0 : sql_fail(s, v, "%s", what);
}

int ordo__row_exec(ordo_store *s, ordo__row *r, const char *what)
{
    int rc;
    while ((rc = ordo__row_step(s, r, what)) == 1)
        ;
    return rc;
}

void ordo__row_reset(ordo__row *r) { sqlite3_reset((sqlite3_stmt *)r); }

int ordo__row_need(ordo_store *s, ordo__row *r, const char *what, const char *fmt, ...)
{
    int rc = ordo__row_step(s, r, what);
    if (rc == 0) {
        char msg[ORDO_ERRMSG_MAX];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        return ordo__seterr(&s->err, ORDO_ENOTFOUND, "%s", msg);
    }
    return rc < 0 ? rc : ORDO_OK;
}

int ordo__row_int(ordo_store *s, ordo__row *r, const char *what, int64_t fallback, int64_t *out)
{
    int rc = ordo__row_step(s, r, what);
    *out = rc == 1 ? sqlite3_column_int64((sqlite3_stmt *)r, 0) : fallback;
    if (rc == 1)
        sqlite3_reset((sqlite3_stmt *)r);
    return rc < 0 ? rc : ORDO_OK;
}

int ordo__row_each(ordo_store *s, ordo__row *r, const char *what, ordo__each_fn each, void *payload)
{
    int rc, step;
    while ((step = ordo__row_step(s, r, what)) == 1)
        if ((rc = each(s, r, payload)) != 0) {
            sqlite3_reset((sqlite3_stmt *)r);
            return rc;
        }
    return step;
}

int64_t ordo__col_int(ordo__row *r, int col) { return sqlite3_column_int64((sqlite3_stmt *)r, col); }

int ordo__col_is_null(ordo__row *r, int col) { return sqlite3_column_type((sqlite3_stmt *)r, col) == SQLITE_NULL; }

const char *ordo__col_text(ordo_store *s, ordo__row *r, int col) { return text(s, (sqlite3_stmt *)r, col); }

int ordo__col_date(ordo_store *s, ordo__row *r, int col, ordo_date *out, const char *table, const char *row)
{
    const char *v = text(s, (sqlite3_stmt *)r, col);
    return parse_date(s, v, out, table, row, sqlite3_column_name((sqlite3_stmt *)r, col));
}

int64_t ordo__store_last_id(ordo_store *s) { return sqlite3_last_insert_rowid(s->db); }

int ordo__store_changes(ordo_store *s) { return sqlite3_changes(s->db); }

int ordo__store_unit_begin(ordo_store *s)
{
    int nested = s->in_tx || s->units > 0;
    int rc = exec(s, nested ? ST_UNIT_SAVEPOINT : ST_BEGIN_WRITE, "starting a transaction");
    if (rc == ORDO_OK)
        s->units++;
    return rc;
}

int ordo__store_unit_end(ordo_store *s, int rc)
{
    if (s->units <= 0)
        return rc;
    s->units--;
    int outer = !s->in_tx && s->units == 0;
    if (rc == ORDO_OK)
        rc = exec(s, outer ? ST_COMMIT : ST_UNIT_RELEASE, "committing");
    if (rc < 0 && outer && !sqlite3_get_autocommit(s->db)) {
        exec_quietly(s, ST_ROLLBACK);
    } else if (rc < 0 && !outer) {
        exec_quietly(s, ST_UNIT_ROLLBACK_TO);
        exec_quietly(s, ST_UNIT_RELEASE);
    }
    return rc;
}

int ordo__store_read_begin(ordo_store *s, int *began)
{
    int rc = ORDO_OK;
    *began = 0;
    if (sqlite3_get_autocommit(s->db) && (rc = exec(s, ST_BEGIN_READ, "starting to read")) == ORDO_OK)
        *began = 1;
    return rc;
}

int ordo__store_read_end(ordo_store *s, int began, int rc)
{
    if (began && !sqlite3_get_autocommit(s->db))
        exec_quietly(s, ST_COMMIT);    /* a read: nothing to lose */
    return rc;
}

void ordo__store_start_call(ordo_store *s) { start_call(s); }

ordo_err *ordo__store_err(ordo_store *s) { return &s->err; }

const char *ordo__store_path(const ordo_store *s) { return s->path; }

/* ---- benchmark baseline -------------------------------------------------------- */

int ordo_store_bench_insert_baseline(ordo_store *s, long n, double *out_seconds)
{
    static const char *const setup = "CREATE TABLE IF NOT EXISTS bench_baseline"
                                     " (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL, note TEXT)";
    static const char *const insert = "INSERT INTO bench_baseline (amount, note) VALUES (?1, 'baseline')";
    int rc = ORDO_OK;
    struct timespec t0, t1;
    sqlite3_stmt *st = NULL;
    ordo__row *r = NULL;
    if (!s || n < 0 || !out_seconds)
        return s ? ordo__seterr(&s->err, ORDO_EINVAL, "store %s: baseline needs n >= 0", s->path) : ORDO_EINVAL;
    start_call(s);
    ORDO_TRY(ordo__store_sql(s, setup, &r));
    ORDO_TRY(ordo__row_exec(s, r, "creating the baseline table"));
    ORDO_TRY(ordo__store_sql(s, insert, &r));
    st = (sqlite3_stmt *)r;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; rc == ORDO_OK && i < n; i++) {
        ORDO_TRY(exec(s, ST_BEGIN_WRITE, "baseline begin"));
        bind_int(s, st, 1, i);
        if ((rc = write_row(s, st, "baseline insert", NULL)) == ORDO_OK)
            rc = exec(s, ST_COMMIT, "baseline commit");
        if (rc < 0)
            exec_quietly(s, ST_ROLLBACK);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    *out_seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
done:
    return rc;
}

int ordo_store_settings(ordo_store *s, char *buf, size_t n)
{
    static const char *const q = "SELECT (SELECT journal_mode FROM pragma_journal_mode),"
                                 " (SELECT synchronous FROM pragma_synchronous),"
                                 " (SELECT foreign_keys FROM pragma_foreign_keys),"
                                 " (SELECT page_size FROM pragma_page_size)";
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    if (!s || !buf || !n)
        return ORDO_EINVAL;
    start_call(s);
    ORDO_TRY(ordo__store_sql(s, q, &r));
    if ((rc = ordo__row_step(s, r, "reading the settings")) == 1) {
        const char *mode = ordo__col_text(s, r, 0);
        snprintf(buf, n, "sqlite %s, journal_mode=%s, synchronous=%lld, foreign_keys=%lld, page_size=%lld,"
                 " busy_timeout=%d ms", sqlite3_libversion(), mode ? mode : "?", (long long)ordo__col_int(r, 1),
                 (long long)ordo__col_int(r, 2), (long long)ordo__col_int(r, 3), s->busy_ms);
        ordo__row_reset(r);
        rc = ORDO_OK;
    } else if (rc == 0) {
        rc = ordo__seterr(&s->err, ORDO_EIO, "store %s: no settings row", s->path);
    }
done:
    return rc;
}
