/*
 * sales_tx.c — the transaction and small helpers the sales use cases share
 * (sales_int.h).
 */
#include "app/sales_int.h"

int sales_begin(ordo_app *a)
{
    if (a->outer)                         /* inside ordo_app_idempotent(): its transaction is ours */
        return ORDO_OK;
    int rc = app_begin(a);
    if (rc < 0)
        return app_store_fail(a, rc);
    a->in_write = 1;
    return ORDO_OK;
}

int sales_end(ordo_app *a, int rc)
{
    if (!a->in_write)
        return rc;
    if (rc == ORDO_OK) {
        int c = app_commit(a);
        if (c < 0) {
            app_store_fail(a, c);
            app_rollback(a);
            rc = c;
        }
    } else {
        app_rollback(a);
    }
    a->in_write = 0;
    return rc;
}

int sales_check(ordo_app *a, int rc, const char *field)
{
    return rc < 0 ? app_store_fail_at(a, rc, field) : rc;
}

ordo_date sales_today(int64_t now) { return (ordo_date)(app_now(now) / 86400); }

int sales_date(ordo_app *a, const char *field, const char *text, ordo_date fallback, ordo_date *out)
{
    if (!text || !*text) {
        *out = fallback;
        return ORDO_OK;
    }
    if (ordo_date_parse(text, out) != 0)
        return app_fail(a, ORDO_EINVAL, field, "%s: '%s' is not a date (YYYY-MM-DD)", field, text);
    return ORDO_OK;
}
