/*
 * csv.c — the CRM and sales CSV files as use cases (app_csv.h): each one
 * call of the CSV adapter on the handle's store, its error copied to the
 * handle as well.
 */
#include "app/app_csv.h"
#include "app/app_int.h"

static int done(ordo_app *a, int rc, const ordo_err *err)
{
    return rc < 0 ? app_fail(a, rc, NULL, "%s", err->msg[0] ? err->msg : ordo_strerror(rc)) : rc;
}

int ordo_app_crm_csv_import(ordo_app *a, ordo_crm_table t, const char *path, ordo_warn_fn warn, void *payload,
                            int *out_rows, ordo_err *err)
{
    app_start(a);
    return done(a, ordo_crm_csv_import(a->store, t, path, warn, payload, out_rows, err), err);
}

int ordo_app_crm_csv_export(ordo_app *a, ordo_crm_table t, const char *path, ordo_err *err)
{
    app_start(a);
    return done(a, ordo_crm_csv_export(a->store, t, path, err), err);
}

int ordo_app_sales_csv_import(ordo_app *a, ordo_sales_table t, const char *path, ordo_date today,
                              ordo_warn_fn warn, void *payload, int *out_rows, ordo_err *err)
{
    app_start(a);
    return done(a, ordo_sales_csv_import(a->store, t, path, today, warn, payload, out_rows, err), err);
}

int ordo_app_sales_csv_export(ordo_app *a, ordo_sales_table t, const char *path, ordo_err *err)
{
    app_start(a);
    return done(a, ordo_sales_csv_export(a->store, t, path, err), err);
}
