/*
 * conn.c — the SQLite connection: open/close, SQLite error mapping,
 * statements prepared once per connection (s->st[]) and reset after each
 * use, explicit transactions, meta settings, and the row API that the
 * per-entity files use (store_int.h). Every sqlite3_errmsg is copied into
 * s->err at once.
 */
#include "io/store/sqlite/sqlite_int.h"
#include "io/store/sqlite/store_schema.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

const char *const ordo__sq_statement_sql[ST_COUNT] = {
#define STATEMENT_SQL(name, sql) sql,
    STATEMENTS(STATEMENT_SQL)
#undef STATEMENT_SQL
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
int ordo__sq_sql_fail(ordo_store *s, int sqlrc, const char *fmt, ...)
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
void ordo__sq_start_call(ordo_store *s)
{
    ordo__clearerr(&s->err);
    s->sticky = 0;
}

int ordo__sq_oom(ordo_store *s) { return ordo__seterr(&s->err, ORDO_ENOMEM, "store %s: out of memory", s->path); }

/* A value read back from the file that the model cannot take. */
int ordo__sq_bad_value(ordo_store *s, const char *table, const char *row, const char *column, const char *value)
{
    return ordo__seterr(&s->err, ORDO_EIO, "store %s: table %s, '%s': %s '%s' is not valid (file edited or damaged?)",
                        s->path, table, row ? row : "", column, value ? value : "(null)");
}

/* ---- statements -------------------------------------------------------- */

int ordo__sq_stmt(ordo_store *s, int id, sqlite3_stmt **out)
{
    int rc = ORDO_OK;
    if (!s->st[id]) {
        int r = sqlite3_prepare_v2(s->db, ordo__sq_statement_sql[id], -1, &s->st[id], NULL);
        /* preparing is the first read of the file: say so when that failed */
        int reading = (r & 0xff) == SQLITE_NOTADB || (r & 0xff) == SQLITE_CORRUPT || map_code(r) == ORDO_EBUSY;
        if (r != SQLITE_OK && reading)
            rc = ordo__sq_sql_fail(s, r, "reading the file");
        else if (r != SQLITE_OK)
            rc = ordo__sq_sql_fail(s, r, "preparing \"%.60s\"", ordo__sq_statement_sql[id]);
    }
    *out = s->st[id];
    return rc;
}

/* Run a statement to its end (rows are ignored). */
int ordo__sq_exec(ordo_store *s, int id, const char *what)
{
    sqlite3_stmt *st = NULL;
    int rc = ordo__sq_stmt(s, id, &st);
    if (rc == ORDO_OK) {
        int r;
        while ((r = sqlite3_step(st)) == SQLITE_ROW)
            ;
        if (r != SQLITE_DONE)
            rc = ordo__sq_sql_fail(s, r, "%s", what);
        sqlite3_reset(st);
    }
    return rc;
}

/* Run a statement, recording nothing: used while undoing after an error. */
void ordo__sq_exec_quietly(ordo_store *s, int id)
{
    sqlite3_stmt *st = NULL;
    if (!s->st[id] && sqlite3_prepare_v2(s->db, ordo__sq_statement_sql[id], -1, &s->st[id], NULL) != SQLITE_OK)
        return;
    st = s->st[id];
    while (sqlite3_step(st) == SQLITE_ROW)
        ;
    sqlite3_reset(st);
}

int ordo__sq_query_int(ordo_store *s, int id, int64_t *out, const char *what)
{
    sqlite3_stmt *st = NULL;
    int rc = ordo__sq_stmt(s, id, &st);
    if (rc == ORDO_OK) {
        int r = sqlite3_step(st);
        if (r == SQLITE_ROW)
            *out = sqlite3_column_int64(st, 0);
        else
            rc = ordo__sq_sql_fail(s, r, "%s", what);
        sqlite3_reset(st);
    }
    return rc;
}

/* Bind helpers remember the first failure in s->sticky; write_row reports it. */
void ordo__sq_note(ordo_store *s, int r)
{
    if (r != SQLITE_OK && !s->sticky)
        s->sticky = r;
}

void ordo__sq_bind_text(ordo_store *s, sqlite3_stmt *st, int i, const char *v)
{
    ordo__sq_note(s, v ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i));
}

void ordo__sq_bind_int(ordo_store *s, sqlite3_stmt *st, int i, int64_t v) { ordo__sq_note(s, sqlite3_bind_int64(st, i, v)); }

void ordo__sq_bind_date(ordo_store *s, sqlite3_stmt *st, int i, ordo_date d)
{
    char buf[11];
    ordo_date_format(d, buf);
    ordo__sq_note(s, sqlite3_bind_text(st, i, buf, -1, SQLITE_TRANSIENT));
}

/* Room for `need` bytes in the scratch buffer. */
int ordo__sq_reserve(ordo_store *s, size_t need)
{
    if (ORDO_GROW(s->buf, s->buf_cap, need) < 0) {
        ordo__sq_note(s, SQLITE_NOMEM);
        return -1;
    }
    return 0;
}

/* The joined text is built in the store's one buffer and copied by SQLite
 * (SQLITE_TRANSIENT), so one statement may bind several lists. */
void ordo__sq_bind_list(ordo_store *s, sqlite3_stmt *st, int i, const ordo_strlist *l)
{
    size_t n = 1, at = 0;
    for (int k = 0; k < l->count; k++)
        n += strlen(l->items[k]) + 1;
    if (ordo__sq_reserve(s, n) < 0)
        return;
    for (int k = 0; k < l->count; k++) {
        size_t len = strlen(l->items[k]);
        if (k)
            s->buf[at++] = ';';
        memcpy(s->buf + at, l->items[k], len);
        at += len;
    }
    s->buf[at] = '\0';
    ordo__sq_note(s, sqlite3_bind_text(st, i, s->buf, (int)at, SQLITE_TRANSIENT));
}

/* Step a write statement once, then reset it. */
int ordo__sq_write_row(ordo_store *s, sqlite3_stmt *st, const char *what, const char *row)
{
    int r = s->sticky ? s->sticky : sqlite3_step(st);
    int rc = r == SQLITE_DONE ? ORDO_OK : row ? ordo__sq_sql_fail(s, r, "%s '%s'", what, row) : ordo__sq_sql_fail(s, r, "%s", what);
    s->sticky = 0;
    sqlite3_reset(st);
    return rc;
}

/* A text column, NULL for SQL NULL; an out-of-memory read is noted. */
const char *ordo__sq_text(ordo_store *s, sqlite3_stmt *st, int col)
{
    int is_null = sqlite3_column_type(st, col) == SQLITE_NULL;
    const char *v = (const char *)sqlite3_column_text(st, col);
    if (!v && !is_null)
        ordo__sq_note(s, SQLITE_NOMEM);
    return v;
}

int ordo__sq_int_col(sqlite3_stmt *st, int col) { return sqlite3_column_int(st, col); }

/* ---- opening ------------------------------------------------------------- */

/* Run every statement of a schema script. */

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

/* A new database file is created here, empty and 0600 (it holds people's
 * names and e-mails), before SQLite opens it: SQLite then keeps that mode
 * and gives its -wal and -shm files the same one. O_EXCL: an existing file
 * (or a symlink to one) is left to SQLite as it is; O_NOFOLLOW keeps a
 * dangling symlink from creating a file elsewhere (refused). ":memory:" and URIs are
 * left alone. */
static int create_private(ordo_store *s, const char *path)
{
    int rc = ORDO_OK;
    if (strcmp(path, ":memory:") == 0 || strncmp(path, "file:", 5) == 0)
        goto done;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0)
        close(fd);
    else if (errno == ELOOP)
        rc = ordo__seterr(&s->err, ORDO_EIO, "store %s: is a symbolic link to nowhere: refusing to "
                          "create the file it points to", path);
    /* Any other failure (missing folder, no permission) SQLite reports
     * itself when it tries the same open. */
done:
    return rc;
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
    ORDO_TRY(create_private(s, path));
    int r = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (r != SQLITE_OK) {
        rc = ordo__sq_sql_fail(s, r, "opening");
        goto done;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_handler(s->db, busy_wait, s);
    ORDO_TRY(ordo__sq_exec(s, ST_FOREIGN_KEYS, "turning foreign keys on"));
    ORDO_TRY(ordo__sq_exec(s, ST_WAL, "switching to the WAL journal"));
    /* reads through a memory map (up to 1 GiB of the file) instead of a
     * pread per page: index lookups that touch rows all over a large table
     * (qualify's duplicate check) spend most of their time in those calls */
    ORDO_TRY(ordo__sq_exec(s, ST_MMAP, "mapping the file"));
    ORDO_TRY(ordo__sq_check_schema(s));
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
const char *ordo_store_errfield(const ordo_store *s) { return s ? s->err.field : ""; }

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
    ordo__sq_start_call(s);
    if (s->in_tx)
        rc = ordo__seterr(&s->err, ORDO_EINVAL, "store %s: a transaction is already open", s->path);
    else if ((rc = ordo__sq_exec(s, ST_BEGIN_WRITE, "starting a transaction")) == ORDO_OK)
        s->in_tx = 1;
    return rc;
}

int ordo_store_commit(ordo_store *s)
{
    int rc = ORDO_OK;
    if (!s)
        return ORDO_EINVAL;
    ordo__sq_start_call(s);
    if (!s->in_tx)
        return ordo__seterr(&s->err, ORDO_EINVAL, "store %s: no transaction to commit", s->path);
    s->in_tx = 0;
    if ((rc = ordo__sq_exec(s, ST_COMMIT, "committing")) < 0 && !sqlite3_get_autocommit(s->db))
        ordo__sq_exec_quietly(s, ST_ROLLBACK);
    return rc;
}

int ordo_store_rollback(ordo_store *s)
{
    if (!s)
        return ORDO_EINVAL;
    if (s->in_tx && !sqlite3_get_autocommit(s->db))
        ordo__sq_exec_quietly(s, ST_ROLLBACK);
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
    ordo__sq_start_call(s);
    if (!key || !buf || !n)
        return ordo__seterr(&s->err, ORDO_EINVAL, "store %s: meta get needs a key and a buffer", s->path);
    ORDO_TRY(ordo__sq_stmt(s, ST_META_GET, &st));
    ordo__sq_bind_text(s, st, 1, key);
    int r = s->sticky ? s->sticky : sqlite3_step(st);
    s->sticky = 0;
    if (r == SQLITE_ROW) {
        const char *v = ordo__sq_text(s, st, 0);
        size_t len = v ? strlen(v) : 0;
        if (!v)
            rc = ordo__sq_sql_fail(s, SQLITE_NOMEM, "reading meta '%s'", key);
        else if (len + 1 > n)
            rc = ordo__seterr(&s->err, ORDO_EINVAL, "store %s: meta '%s' is %zu bytes; the buffer holds %zu",
                              s->path, key, len, n - 1);
        else
            memcpy(buf, v, len + 1);
    } else if (r == SQLITE_DONE) {
        rc = ordo__seterr(&s->err, ORDO_ENOTFOUND, "store %s: meta '%s' is not set", s->path, key);
    } else {
        rc = ordo__sq_sql_fail(s, r, "reading meta '%s'", key);
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
    ordo__sq_start_call(s);
    if (!key)
        return ordo__seterr(&s->err, ORDO_EINVAL, "store %s: meta set needs a key", s->path);
    ORDO_TRY(ordo__sq_stmt(s, value ? ST_META_SET : ST_META_DEL, &st));
    ordo__sq_bind_text(s, st, 1, key);
    if (value)
        ordo__sq_bind_text(s, st, 2, value);
    rc = ordo__sq_write_row(s, st, "saving meta", key);
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
            return ordo__sq_oom(s);
        int r = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
        if (r != SQLITE_OK) {
            rc = map_code(r) == ORDO_EBUSY ? ordo__sq_sql_fail(s, r, "reading the file")
                                           : ordo__sq_sql_fail(s, r, "preparing \"%.60s\"", sql);
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

void ordo__bind_int(ordo_store *s, ordo__row *r, int i, int64_t v) { ordo__sq_bind_int(s, (sqlite3_stmt *)r, i, v); }

void ordo__bind_text(ordo_store *s, ordo__row *r, int i, const char *v)
{
    sqlite3_stmt *st = (sqlite3_stmt *)r;
    ordo__sq_note(s, v ? sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i));
}

void ordo__bind_date(ordo_store *s, ordo__row *r, int i, ordo_date d) { ordo__sq_bind_date(s, (sqlite3_stmt *)r, i, d); }

int ordo__row_step(ordo_store *s, ordo__row *r, const char *what)
{
    sqlite3_stmt *st = (sqlite3_stmt *)r;
    int v = s->sticky ? s->sticky : sqlite3_step(st);
    s->sticky = 0;
    if (v == SQLITE_ROW)
        return 1;
    sqlite3_reset(st);
    return v == SQLITE_DONE ? 0 : ordo__sq_sql_fail(s, v, "%s", what);
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

const char *ordo__col_text(ordo_store *s, ordo__row *r, int col) { return ordo__sq_text(s, (sqlite3_stmt *)r, col); }

int ordo__col_date(ordo_store *s, ordo__row *r, int col, ordo_date *out, const char *table, const char *row)
{
    const char *v = ordo__sq_text(s, (sqlite3_stmt *)r, col);
    return parse_date(s, v, out, table, row, sqlite3_column_name((sqlite3_stmt *)r, col));
}

int64_t ordo__store_last_id(ordo_store *s) { return sqlite3_last_insert_rowid(s->db); }

int ordo__store_changes(ordo_store *s) { return sqlite3_changes(s->db); }

int ordo__store_unit_begin(ordo_store *s)
{
    int nested = s->in_tx || s->units > 0;
    int rc = ordo__sq_exec(s, nested ? ST_UNIT_SAVEPOINT : ST_BEGIN_WRITE, "starting a transaction");
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
        rc = ordo__sq_exec(s, outer ? ST_COMMIT : ST_UNIT_RELEASE, "committing");
    if (rc < 0 && outer && !sqlite3_get_autocommit(s->db)) {
        ordo__sq_exec_quietly(s, ST_ROLLBACK);
    } else if (rc < 0 && !outer) {
        ordo__sq_exec_quietly(s, ST_UNIT_ROLLBACK_TO);
        ordo__sq_exec_quietly(s, ST_UNIT_RELEASE);
    }
    return rc;
}

int ordo__store_read_begin(ordo_store *s, int *began)
{
    int rc = ORDO_OK;
    *began = 0;
    if (sqlite3_get_autocommit(s->db) && (rc = ordo__sq_exec(s, ST_BEGIN_READ, "starting to read")) == ORDO_OK)
        *began = 1;
    return rc;
}

int ordo__store_read_end(ordo_store *s, int began, int rc)
{
    if (began && !sqlite3_get_autocommit(s->db))
        ordo__sq_exec_quietly(s, ST_COMMIT);    /* a read: nothing to lose */
    return rc;
}

void ordo__store_start_call(ordo_store *s) { ordo__sq_start_call(s); }

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
    ordo__sq_start_call(s);
    ORDO_TRY(ordo__store_sql(s, setup, &r));
    ORDO_TRY(ordo__row_exec(s, r, "creating the baseline table"));
    ORDO_TRY(ordo__store_sql(s, insert, &r));
    st = (sqlite3_stmt *)r;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; rc == ORDO_OK && i < n; i++) {
        ORDO_TRY(ordo__sq_exec(s, ST_BEGIN_WRITE, "baseline begin"));
        ordo__sq_bind_int(s, st, 1, i);
        if ((rc = ordo__sq_write_row(s, st, "baseline insert", NULL)) == ORDO_OK)
            rc = ordo__sq_exec(s, ST_COMMIT, "baseline commit");
        if (rc < 0)
            ordo__sq_exec_quietly(s, ST_ROLLBACK);
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
    ordo__sq_start_call(s);
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

