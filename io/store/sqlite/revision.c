/*
 * revision.c — a cheap "has anything changed?" for read caches
 * (io/store/store.h, ops.revision): SQLite's PRAGMA data_version changes
 * when another connection commits, sqlite3_total_changes when this one
 * writes; together they say whether a snapshot this connection loaded is
 * still the store's state.
 */
#include "io/store/sqlite/sqlite_int.h"

int ordo_store_revision(ordo_store *s, uint64_t *out)
{
    sqlite3_stmt *st = NULL;
    int rc = ORDO_OK, r;
    if (!s || !out)
        return ORDO_EINVAL;
    if ((r = sqlite3_prepare_v2(s->db, "PRAGMA data_version", -1, &st, NULL)) != SQLITE_OK ||
        (r = sqlite3_step(st)) != SQLITE_ROW) {
        rc = ordo__sq_sql_fail(s, r, "reading the data version");
    } else {
        *out = (uint64_t)sqlite3_column_int64(st, 0) << 32 ^ (uint64_t)sqlite3_total_changes64(s->db);
    }
    sqlite3_finalize(st);
    return rc;
}
