/*
 * app_csv.h — the CRM and sales CSV files (io/crm_csv.h, io/sales_csv.h)
 * read into and written from the store, as use cases (app.h conventions):
 * an import is all or nothing (one transaction of the store, the file's
 * line and field named on error, nothing changed then); an export writes
 * its file atomically, or to stdout when path is NULL. Errors go to *err
 * (with the file, line and field) and to the handle.
 */
#ifndef ORDO_APP_CSV_H
#define ORDO_APP_CSV_H

#include "app/app.h"
#include "io/crm_csv.h"
#include "io/sales_csv.h"

#ifdef __cplusplus
extern "C" {
#endif

int ordo_app_crm_csv_import(ordo_app *a, ordo_crm_table t, const char *path, ordo_warn_fn warn, void *payload,
                            int *out_rows, ordo_err *err);
int ordo_app_crm_csv_export(ordo_app *a, ordo_crm_table t, const char *path, ordo_err *err);
int ordo_app_sales_csv_import(ordo_app *a, ordo_sales_table t, const char *path, ordo_date today,
                              ordo_warn_fn warn, void *payload, int *out_rows, ordo_err *err);
int ordo_app_sales_csv_export(ordo_app *a, ordo_sales_table t, const char *path, ordo_err *err);

#ifdef __cplusplus
}
#endif
#endif
