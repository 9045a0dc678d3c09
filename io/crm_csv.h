/*
 * crm_csv.h — the shared CRM records as CSV files, with the columns of the
 * data contract (shared/spec/import-format.md) where they overlap:
 *
 *   accounts.csv  id,name,relationship[,roles][,city]
 *   contacts.csv  id,first_name,last_name,email,account,relationship[,roles][,city][,phone]
 *   products.csv  id,name
 *
 * `roles` (a ';' list: competitor, partner, supplier, ...) is an extra
 * column ordo adds; a file without it leaves each record's roles as they
 * were. `city` and a contact's `phone` likewise (free text, kept as
 * typed, model/crm.h; an empty cell clears it; no column keeps it). Import upserts every row in ONE transaction: a bad row changes
 * nothing and is reported as "FILE:LINE: COLUMN: what is wrong"
 * (ORDO_EINPUT). Export writes every record, header first, cells quoted
 * only where RFC 4180 needs it, so that an export imports back unchanged.
 */
#ifndef ORDO_CRM_CSV_H
#define ORDO_CRM_CSV_H

#include "io/import.h"
#include "io/service.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ordo_crm_table { ORDO_CRM_ACCOUNTS = 0, ORDO_CRM_CONTACTS, ORDO_CRM_PRODUCTS } ordo_crm_table;

/* Imports `path` into table t. *out_rows (may be NULL) gets the rows read.
 * Extra columns are reported through warn (may be NULL). Errors:
 * ORDO_EINPUT, ORDO_ENOTFOUND (no such file), ORDO_EBUSY, ORDO_EIO,
 * ORDO_ENOMEM; the message in err. */
int ordo_crm_csv_import(ordo_store *s, ordo_crm_table t, const char *path, ordo_warn_fn warn, void *payload,
                        int *out_rows, ordo_err *err);

/* Writes table t to `path` (atomically: a temporary file renamed over it),
 * or to stdout when path is NULL. */
int ordo_crm_csv_export(ordo_store *s, ordo_crm_table t, const char *path, ordo_err *err);

#ifdef __cplusplus
}
#endif
#endif
