/*
 * import_table.h — one CSV file of the data contract, read row by row with
 * its header checked and its cells parsed into typed values (internal to
 * io/import.c).
 *
 * Every failure is ORDO_EINPUT with err->msg "FILE:LINE: COLUMN: what is
 * wrong" (FILE the base name, LINE the physical line where the record
 * starts, COLUMN the header name).
 */
#ifndef ORDO_IMPORT_TABLE_H
#define ORDO_IMPORT_TABLE_H

#include "io/csv.h"
#include "io/import.h"
#include "model/date.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ORDO__TABLE_MAXCOLS 24

typedef struct ordo__table {
    ordo_csv *csv;
    const char *file;                  /* base name, for messages */
    const char *const *cols;           /* contract columns: required ones, then optional ones */
    int ncols;
    int pos[ORDO__TABLE_MAXCOLS];      /* cell position of each column; -1 = optional, absent */
    int nheader;                       /* cells in the header row */
    ordo_err *err;
} ordo__table;

/* Opens DIR/FILE and checks its header: the first `nrequired` of `cols` must
 * each appear exactly once, the other `ncols - nrequired` may; any other
 * column is reported through `warn` ("FILE: column 'x' ignored").
 * Returns ORDO_OK, ORDO_ENOTFOUND if the file is absent (no message),
 * ORDO_EINPUT, ORDO_EIO or ORDO_ENOMEM. Close with ordo__table_close either way. */
int ordo__table_open(ordo__table *t, const char *dir, const char *file,
                     const char *const *cols, int nrequired, int ncols,
                     ordo_warn_fn warn, void *payload, ordo_err *err);
void ordo__table_close(ordo__table *t);

/* Next data row: 1, 0 at the end, or < 0. Rows whose cells are all empty
 * are skipped; a row with more or fewer cells than the header is an error. */
int ordo__table_next(ordo__table *t);
int ordo__table_line(const ordo__table *t);

/* The cell of column `col` (index into cols); "" for an absent optional column. */
const char *ordo__table_cell(const ordo__table *t, int col);
/* The cell, or NULL when it is blank. */
const char *ordo__table_opt(const ordo__table *t, int col);

/* Records "FILE:LINE: COLUMN: <fmt>" and returns ORDO_EINPUT. */
int ordo__table_fail(ordo__table *t, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Typed cells: ORDO_OK, or ORDO_EINPUT with the message. */
int ordo__table_text(ordo__table *t, int col, const char **out);     /* not blank */
int ordo__table_id(ordo__table *t, int col, const char **out);       /* a valid id */
int ordo__table_int(ordo__table *t, int col, int min, int *out);     /* integer >= min */
int ordo__table_date(ordo__table *t, int col, ordo_date *out);       /* YYYY-MM-DD */
int ordo__table_time(ordo__table *t, int col, int allow_24, int *out_minute);
int ordo__table_datetime(ordo__table *t, int col, ordo_date *out_date, int *out_minute);

/* Parses a non-negative decimal integer without sign (at most 9 digits'
 * worth); 0 on success, -1 otherwise. */
int ordo__parse_uint(const char *s, int *out);

/* Imports the CSV file `path` into the store in ONE transaction: opens it
 * as table t (cols, nrequired, ncols, warn as ordo__table_open), then, inside
 * ordo_store_begin() ... commit, calls row(ctx) for every data row (row reads
 * t); the first failure rolls everything back. *out_rows (may be NULL) =
 * rows imported. ORDO_ENOTFOUND "PATH: no such file" when absent; the
 * message in err (io/table_import.c). */
struct ordo_store;
int ordo__table_import(ordo__table *t, struct ordo_store *s, const char *path, const char *const *cols,
                       int nrequired, int ncols, ordo_warn_fn warn, void *payload, int (*row)(void *ctx),
                       void *ctx, int *out_rows, ordo_err *err);

#ifdef __cplusplus
}
#endif
#endif
