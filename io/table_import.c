/*
 * table_import.c — one CSV file into the store in one transaction
 * (import_table.h): the loop shared by the CRM and sales CSV imports, and
 * the output step their exports share (out_file.h).
 */
#include "io/import_table.h"
#include "io/out_file.h"
#include "io/store.h"

#include <stdio.h>
#include <string.h>

int ordo__table_import(ordo__table *t, ordo_store *s, const char *path, const char *const *cols, int nrequired,
                       int ncols, ordo_warn_fn warn, void *payload, int (*row)(void *ctx), void *ctx,
                       int *out_rows, ordo_err *err)
{
    int rc = ORDO_OK, began = 0, rows = 0, more;
    char dir[4096];
    const char *slash = strrchr(path, '/'), *file = slash ? slash + 1 : path;
    if (out_rows)
        *out_rows = 0;
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    rc = ordo__table_open(t, dir, file, cols, nrequired, ncols, warn, payload, err);
    if (rc == ORDO_ENOTFOUND && !err->msg[0])
        rc = ordo__seterr(err, ORDO_ENOTFOUND, "%s: no such file", path);
    ORDO_TRY(rc);
    if ((rc = ordo_store_begin(s)) < 0) {
        rc = ordo__seterr(err, rc, "%s", ordo_store_errmsg(s));
        goto done;
    }
    began = 1;
    while ((more = ordo__table_next(t)) == 1) {
        ORDO_TRY(row(ctx));
        rows++;
    }
    ORDO_TRY(more);
    began = 0;
    if ((rc = ordo_store_commit(s)) < 0)
        rc = ordo__seterr(err, rc, "%s", ordo_store_errmsg(s));
    else if (out_rows)
        *out_rows = rows;
done:
    if (began)
        ordo_store_rollback(s);
    ordo__table_close(t);
    return rc;
}

int ordo__csv_emit(ordo__outbuf *b, int list_rc, ordo_store *s, const char *path, ordo_err *err)
{
    int rc = list_rc;
    if (rc < 0)
        rc = ordo__seterr(err, rc, "%s", ordo_store_errmsg(s));
    else if (b->failed)
        rc = ordo__seterr(err, ORDO_ENOMEM, "out of memory");
    else if (path)
        rc = ordo__outbuf_save(b, path, err);
    else if (b->len && fwrite(b->data, 1, b->len, stdout) != b->len)
        rc = ordo__seterr(err, ORDO_EIO, "writing to stdout failed");
    else
        rc = ORDO_OK;
    ordo__outbuf_clear(b);
    return rc;
}
