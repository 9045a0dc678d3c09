/*
 * import_table.c — header checking and typed cells for the contract's CSV
 * files (see import_table.h).
 *
 * Invariant: after ordo__table_open succeeds, pos[k] is the cell position of
 * contract column k in every row (rows are checked to have exactly the
 * header's cell count), or -1 for an optional column the file does not have.
 * Cell values quoted back in messages are cut to VALUE_SHOWN bytes.
 */
#include "io/import_table.h"

#include "model/model.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define VALUE_SHOWN 60
#define UINT_LIMIT 999999999

static int fail_at(ordo__table *t, int line, const char *column, const char *fmt, va_list ap)
{
    char what[ORDO_ERRMSG_MAX];
    vsnprintf(what, sizeof what, fmt, ap);
    return ordo__seterr(t->err, ORDO_EINPUT, "%s:%d: %s: %s", t->file, line, column, what);
}

static int fail_line(ordo__table *t, int line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail_line(ordo__table *t, int line, const char *column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = fail_at(t, line, column, fmt, ap);
    va_end(ap);
    return rc;
}

int ordo__table_fail(ordo__table *t, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = fail_at(t, ordo__table_line(t), t->cols[col], fmt, ap);
    va_end(ap);
    return rc;
}

/* A header written with ';' between the names (Excel's CSV in French and
 * other locales where ',' is the decimal comma): at least two contract
 * column names among its ';'-separated pieces. */
static int semicolon_header(const ordo__table *t)
{
    int found = 0;
    for (int i = 0; i < t->nheader; i++) {
        const char *p = ordo_csv_cell(t->csv, i);
        if (!strchr(p, ';'))
            continue;
        while (*p) {
            size_t n = strcspn(p, ";");
            for (int k = 0; k < t->ncols; k++)
                found += strlen(t->cols[k]) == n && strncmp(p, t->cols[k], n) == 0;
            p += n + (p[n] == ';');
        }
    }
    return found >= 2;
}

/* Maps each contract column to its header position and warns about the rest. */
static int check_header(ordo__table *t, int nrequired, ordo_warn_fn warn, void *payload)
{
    int line = ordo_csv_line(t->csv) > 0 ? ordo_csv_line(t->csv) : 1;
    if (semicolon_header(t))
        return fail_line(t, line, "header",
                         "the file uses ';' as separator (Excel saves CSV that way in French and other "
                         "languages); the data contract needs ',': save it again as \"CSV UTF-8 (Comma "
                         "delimited)\" (LibreOffice: field delimiter ',') or replace the ';' between "
                         "columns with ','");
    for (int k = 0; k < t->ncols; k++) {
        t->pos[k] = -1;
        for (int i = 0; i < t->nheader; i++) {
            if (strcmp(ordo_csv_cell(t->csv, i), t->cols[k]) != 0)
                continue;
            if (t->pos[k] >= 0)
                return fail_line(t, line, t->cols[k], "column appears twice in the header");
            t->pos[k] = i;
        }
        if (k < nrequired && t->pos[k] < 0)
            return fail_line(t, line, t->cols[k], "required column missing from the header");
    }
    for (int i = 0; warn && i < t->nheader; i++) {
        int known = 0;
        for (int k = 0; k < t->ncols && !known; k++)
            known = t->pos[k] == i;
        if (!known) {
            char msg[ORDO_ERRMSG_MAX];
            snprintf(msg, sizeof msg, "%s: column '%.*s' ignored", t->file, VALUE_SHOWN,
                     ordo_csv_cell(t->csv, i));
            warn(msg, payload);
        }
    }
    return ORDO_OK;
}

int ordo__table_open(ordo__table *t, const char *dir, const char *file,
                     const char *const *cols, int nrequired, int ncols,
                     ordo_warn_fn warn, void *payload, ordo_err *err)
{
    int rc = ORDO_OK;
    char path[4096];
    *t = (ordo__table){ .file = file, .cols = cols, .ncols = ncols, .err = err };
    if (ncols > ORDO__TABLE_MAXCOLS)
        return ordo__seterr(err, ORDO_EINVAL, "%s: too many columns", file);
    if (snprintf(path, sizeof path, "%s/%s", dir, file) >= (int)sizeof path)
        return ordo__seterr(err, ORDO_EINVAL, "%s: path too long", dir);
    ordo_err quiet;
    rc = ordo_csv_open(&t->csv, path, &quiet);
    if (rc == ORDO_ENOTFOUND)
        goto done;
    if (rc < 0) {
        rc = ordo__seterr(err, rc, "%s", quiet.msg);
        goto done;
    }
    ORDO_TRY(ordo_csv_next(t->csv, err));
    t->nheader = ordo_csv_ncells(t->csv);   /* 0 for an empty file: every column is missing */
    rc = check_header(t, nrequired, warn, payload);
done:
    return rc;
}

void ordo__table_close(ordo__table *t)
{
    ordo_csv_free(t->csv);
    t->csv = NULL;
}

int ordo__table_line(const ordo__table *t) { return t->csv ? ordo_csv_line(t->csv) : 1; }

static int all_blank(const ordo_csv *csv)
{
    for (int i = 0; i < ordo_csv_ncells(csv); i++)
        if (ordo_csv_cell(csv, i)[0])
            return 0;
    return 1;
}

int ordo__table_next(ordo__table *t)
{
    int rc;
    do {
        rc = ordo_csv_next(t->csv, t->err);
    } while (rc == 1 && all_blank(t->csv));
    if (rc != 1)
        return rc;
    int n = ordo_csv_ncells(t->csv), line = ordo__table_line(t);
    if (n < t->nheader)
        return fail_line(t, line, ordo_csv_header(t->csv, n),
                         "missing cell (the row has %d cells, the header %d)", n, t->nheader);
    if (n > t->nheader) {
        char column[32];
        snprintf(column, sizeof column, "cell %d", t->nheader + 1);
        return fail_line(t, line, column, "extra cell (the row has %d cells, the header %d)", n,
                         t->nheader);
    }
    return 1;
}

const char *ordo__table_cell(const ordo__table *t, int col)
{
    return t->pos[col] >= 0 ? ordo_csv_cell(t->csv, t->pos[col]) : "";
}

const char *ordo__table_opt(const ordo__table *t, int col)
{
    const char *s = ordo__table_cell(t, col);
    return *s ? s : NULL;
}

int ordo__table_text(ordo__table *t, int col, const char **out)
{
    *out = ordo__table_cell(t, col);
    return **out ? ORDO_OK : ordo__table_fail(t, col, "must not be blank");
}

int ordo__table_id(ordo__table *t, int col, const char **out)
{
    int rc = ordo__table_text(t, col, out);
    if (rc == ORDO_OK && !ordo_id_valid(*out))
        rc = ordo__table_fail(t, col, "'%.*s' is not a valid id (letters, digits, '-', '_' and '.' only)",
                              VALUE_SHOWN, *out);
    return rc;
}

int ordo__parse_uint(const char *s, int *out)
{
    long v = 0;
    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (*s - '0');
        if (v > UINT_LIMIT)
            return -1;
    }
    *out = (int)v;
    return 0;
}

int ordo__table_int(ordo__table *t, int col, int min, int *out)
{
    const char *s;
    int rc = ordo__table_text(t, col, &s);
    if (rc == ORDO_OK && (ordo__parse_uint(s, out) < 0 || *out < min))
        rc = ordo__table_fail(t, col, "'%.*s' is not %s", VALUE_SHOWN, s,
                              min == 1 ? "a positive integer" : min == 0 ? "an integer >= 0" : "in range");
    return rc;
}

int ordo__table_date(ordo__table *t, int col, ordo_date *out)
{
    const char *s;
    int rc = ordo__table_text(t, col, &s);
    if (rc == ORDO_OK && ordo_date_parse(s, out) < 0)
        rc = ordo__table_fail(t, col, "'%.*s' is not a date (YYYY-MM-DD)", VALUE_SHOWN, s);
    return rc;
}

int ordo__table_time(ordo__table *t, int col, int allow_24, int *out_minute)
{
    const char *s;
    int rc = ordo__table_text(t, col, &s);
    if (rc == ORDO_OK && ordo_time_parse(s, allow_24, out_minute) < 0)
        rc = ordo__table_fail(t, col, "'%.*s' is not a time (HH:MM, 00:00..%s)", VALUE_SHOWN, s,
                              allow_24 ? "24:00" : "23:59");
    return rc;
}

int ordo__table_datetime(ordo__table *t, int col, ordo_date *out_date, int *out_minute)
{
    const char *s;
    int rc = ordo__table_text(t, col, &s);
    if (rc == ORDO_OK && ordo_datetime_parse(s, out_date, out_minute) < 0)
        rc = ordo__table_fail(t, col, "'%.*s' is not a local date and time (YYYY-MM-DDTHH:MM)",
                              VALUE_SHOWN, s);
    return rc;
}
