/*
 * check.h — is a model consistent enough to be stored? Every index refers
 * to a record of the model, every date lies within years 1900..9999 (it
 * writes and reads back as YYYY-MM-DD), every enum value is known, and no
 * two sessions share an id (they would silently become one row).
 */
#ifndef ORDO_MODEL_CHECK_H
#define ORDO_MODEL_CHECK_H

#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ORDO_OK, or ORDO_EINVAL with "cannot save TABLE 'ROW': ..." in err
 * (ORDO_ENOMEM when out of memory). */
int ordo_model_check(const ordo_model *m, ordo_err *err);

#ifdef __cplusplus
}
#endif
#endif
