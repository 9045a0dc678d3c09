/*
 * import_names.h — (internal to io/import.c) the folder's files that are not
 * in the data contract: a warning for each, with the closest known name.
 */
#ifndef ORDO_IMPORT_NAMES_H
#define ORDO_IMPORT_NAMES_H

#include "io/import.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The name of known[0..n) that `name` (a file name) most likely means, or
 * NULL when none is close: equal but for case, '-' or ' ' for '_'; one edit,
 * or one per 4 letters; or a usual word for it ("rooms" -> resources.csv). */
const char *ordo__import_closest(const char *name, const char *const *known, size_t n);

/* Calls warn once per *.csv file of `dir` not in known[0..n), in byte order
 * of the names: "Time_Off.csv is not read; did you mean time_off.csv?".
 * A folder that cannot be listed says nothing. ORDO_OK or ORDO_ENOMEM. */
int ordo__import_warn_unknown(const char *dir, const char *const *known, size_t n, ordo_warn_fn warn,
                              void *payload, ordo_err *err);

#ifdef __cplusplus
}
#endif
#endif
