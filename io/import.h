/*
 * import.h — reads a training-organisation folder of CSV files (the data
 * contract, shared/spec/import-format.md) into a model.
 *
 * The folder's records are merged into `m` (upsert by id; for the keyless
 * tables, the rows of each resource or service present in the file replace
 * that resource's or service's rows). References resolve against the folder
 * and the model together. On the first bad row the function returns
 * ORDO_EINPUT with err->msg = "FILE:LINE: COLUMN: what is wrong" and the
 * model may be half-merged: callers import into a model loaded from the
 * store and save it only on success (see store.h), so nothing is changed.
 * Extra columns produce a warning through `warn` (may be NULL).
 */
#ifndef ORDO_IMPORT_H
#define ORDO_IMPORT_H

#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*ordo_warn_fn)(const char *message, void *payload);

int ordo_import_dir(ordo_model *m, const char *dir, ordo_warn_fn warn, void *payload, ordo_err *err);

#ifdef __cplusplus
}
#endif
#endif
