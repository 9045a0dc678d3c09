/*
 * store.c — choosing a store backend from a location (io/store/store.h).
 * Invariant: a plain path is always SQLite, so every existing --db FILE
 * keeps working; a "scheme://" names another backend.
 */
#include "io/store/store.h"

#include <string.h>

const ordo_store_ops *ordo_store_backend(const char *location, const char **path_out, ordo_err *err)
{
    const ordo_store_ops *ops = NULL;
    *path_out = location;
    if (!location || !*location) {
        ordo__seterr(err, ORDO_EINVAL, "no store location given");
    } else if (strncmp(location, "sqlite:", 7) == 0) {
        *path_out = location + 7;
        ops = ordo_store_sqlite_ops();
    } else if (strstr(location, "://")) {
        ordo__seterr(err, ORDO_EINVAL, "%s: no store backend for this scheme (built in: sqlite)", location);
    } else {
        ops = ordo_store_sqlite_ops();
    }
    return ops;
}
