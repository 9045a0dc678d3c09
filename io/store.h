/*
 * store.h — the SQLite store (one file): the whole model and the plan.
 *
 * ordo_store_load() reads every table into a new model. ordo_store_save()
 * writes the whole model back in ONE transaction (BEGIN IMMEDIATE ... COMMIT,
 * rolled back on any failure, so the file is left exactly as it was): records
 * are upserted by id, rows of the keyless tables are rewritten, records no
 * longer in the model are deleted, and sessions without an id (id == 0) get
 * one (written back into the model). A locked database gives ORDO_EBUSY.
 *
 * Ownership: the store owns its sqlite connection; the model returned by load
 * belongs to the caller (ordo_model_free).
 */
#ifndef ORDO_STORE_H
#define ORDO_STORE_H

#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ordo_store ordo_store;

/* Opens or creates the file and its schema. On failure *out is NULL and the
 * message is in err (may be NULL). */
int ordo_store_open(ordo_store **out, const char *path, ordo_err *err);
void ordo_store_close(ordo_store *s);               /* NULL is a no-op */
const char *ordo_store_errmsg(const ordo_store *s);

int ordo_store_load(ordo_store *s, ordo_model **out);
int ordo_store_save(ordo_store *s, ordo_model *m);

#ifdef __cplusplus
}
#endif
#endif
