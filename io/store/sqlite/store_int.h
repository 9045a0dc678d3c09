/*
 * store_int.h — the store's internals for its sibling files io/store_*.c,
 * which keep the service tables (CRM products, contract lines, the ledger,
 * cases): their SQL text lives there, but every SQLite call stays in
 * io/store_sqlite.c behind the statement handle below (sqlite3.h is
 * included nowhere else). Internal to io/; not installed API.
 *
 * Statements are prepared once per connection, cached by the address of
 * their SQL text (pass string literals or static arrays), and reset after
 * each use. Every failure is recorded in the store's error buffer as
 * "store PATH: WHAT: SQLite's message (hint)" and mapped to an ORDO_E* code
 * (busy -> ORDO_EBUSY, constraint -> ORDO_EINPUT, else ORDO_EIO).
 */
#ifndef ORDO_STORE_INT_H
#define ORDO_STORE_INT_H

#include "io/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ordo__row ordo__row;   /* a prepared statement of one store */

/* The statement for `sql`, prepared on first use, reset and unbound. */
int ordo__store_sql(ordo_store *s, const char *sql, ordo__row **out);

/* Parameters (1-based). A failed bind is reported by the next step. */
void ordo__bind_int(ordo_store *s, ordo__row *r, int i, int64_t v);
void ordo__bind_text(ordo_store *s, ordo__row *r, int i, const char *v);   /* copied; NULL -> NULL */
void ordo__bind_date(ordo_store *s, ordo__row *r, int i, ordo_date d);     /* 'YYYY-MM-DD' */

/* Steps once: 1 when a row is ready, 0 at the end (statement reset), or a
 * negative code (statement reset, message "WHAT: ..."). */
int ordo__row_step(ordo_store *s, ordo__row *r, const char *what);
/* Steps a write to its end: ORDO_OK or a negative code. */
int ordo__row_exec(ordo_store *s, ordo__row *r, const char *what);
/* Resets a statement whose rows were not all read. */
void ordo__row_reset(ordo__row *r);

/* Steps to the first row: ORDO_OK when one is ready (reset it after
 * reading), ORDO_ENOTFOUND with the message fmt... when there is none, or
 * a negative code. */
int ordo__row_need(ordo_store *s, ordo__row *r, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The first column of the first row as a number, `fallback` when there is
 * no row; the statement is reset. */
int ordo__row_int(ordo_store *s, ordo__row *r, const char *what, int64_t fallback, int64_t *out);

/* Calls each(s, r, payload) for every row; the first non-zero return stops
 * (the statement is reset) and is returned; else 0, or a negative code
 * when a step fails. */
typedef int (*ordo__each_fn)(ordo_store *s, ordo__row *r, void *payload);
int ordo__row_each(ordo_store *s, ordo__row *r, const char *what, ordo__each_fn each, void *payload);

/* Columns of the current row (0-based). Text is NULL for SQL NULL and valid
 * until the next step; an out-of-memory read makes the next step fail. */
int64_t ordo__col_int(ordo__row *r, int col);
int ordo__col_is_null(ordo__row *r, int col);
const char *ordo__col_text(ordo_store *s, ordo__row *r, int col);
/* A 'YYYY-MM-DD' column: ORDO_OK, or ORDO_EIO naming table, row and column. */
int ordo__col_date(ordo_store *s, ordo__row *r, int col, ordo_date *out, const char *table,
                   const char *row);

int64_t ordo__store_last_id(ordo_store *s);   /* rowid of the last insert */
int ordo__store_changes(ordo_store *s);       /* rows changed by the last write */

/* One atomic unit of work: BEGIN IMMEDIATE (waits up to the busy timeout,
 * then ORDO_EBUSY), or a savepoint when the caller is inside
 * ordo_store_begin(). _end commits (or releases) when rc is ORDO_OK and
 * undoes everything otherwise; it returns rc, or the commit's error. */
int ordo__store_unit_begin(ordo_store *s);
int ordo__store_unit_end(ordo_store *s, int rc);

/* A read snapshot: BEGIN (deferred) unless a transaction is already open;
 * *began says whether this call opened it. _end closes what _begin opened
 * and returns rc (or the close's error). */
int ordo__store_read_begin(ordo_store *s, int *began);
int ordo__store_read_end(ordo_store *s, int began, int rc);

/* Creates the sales tables (leads, opportunities, ...) when missing;
 * inside a write unit (io/store/sqlite/sales.c). */
int ordo__sales_ensure(ordo_store *s);
/* Records of the tables created on first write (sales.c): present(s,
 * &have) says whether they exist. read: the row of sql (?1 = id, or num
 * when id is NULL) in the current transaction through fill, ORDO_ENOTFOUND
 * "KIND ID does not exist"; get: the same in its own read snapshot; each:
 * each(row) over sql (?1 = arg unless NULL), nothing before the tables exist. */
typedef int (*ordo__present_fn)(ordo_store *s, int *out);
typedef int (*ordo__fill_fn)(ordo_store *s, ordo__row *r, void *out);
int ordo__rec_read(ordo_store *s, const char *sql, const char *kind, const char *id, int64_t num, ordo__fill_fn fill,
                   void *out);
int ordo__rec_get(ordo_store *s, ordo__present_fn present, const char *sql, const char *kind, const char *id,
                  int64_t num, ordo__fill_fn fill, void *out);
int ordo__rec_each(ordo_store *s, ordo__present_fn present, const char *sql, const char *arg, const char *what,
                   ordo__each_fn each, void *payload);

/* A write unit with the marketing, routing and SLA tables present
 * (io/store/sqlite/marketing.c); *began says a unit was opened. */
int ordo__marketing_begin(ordo_store *s, int *began);
/* *out = 1 when those tables exist (inside a transaction). */
int ordo__marketing_present(ordo_store *s, int *out);

/* Clears the error buffer at the start of a public call. */
void ordo__store_start_call(ordo_store *s);
ordo_err *ordo__store_err(ordo_store *s);
const char *ordo__store_path(const ordo_store *s);

#ifdef __cplusplus
}
#endif
#endif
