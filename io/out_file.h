/*
 * out_file.h — (internal) how the exporters write files: the bytes are built
 * in memory in an ordo__outbuf, then saved through a temporary file beside
 * the target, flushed to disk and renamed over it, so that a crash never
 * leaves a half-written file (the old file or the new one, nothing between).
 *
 * An outbuf's failure is sticky (like SQLite's mallocFailed): appends after an
 * allocation failure do nothing and ordo__outbuf_save() reports ORDO_ENOMEM,
 * so writers append freely and check once.
 */
#ifndef ORDO_OUT_FILE_H
#define ORDO_OUT_FILE_H

#include "model/ordo.h"

#include <stddef.h>

typedef struct ordo__outbuf {
    char *data;             /* NUL-terminated when len > 0 */
    size_t len, cap;
    int failed;             /* an allocation failed */
} ordo__outbuf;

void ordo__outbuf_put(ordo__outbuf *b, const char *s, size_t n);
void ordo__outbuf_puts(ordo__outbuf *b, const char *s);
void ordo__outbuf_printf(ordo__outbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void ordo__outbuf_clear(ordo__outbuf *b);           /* frees; the buffer is reusable */
/* One RFC 4180 cell (NULL = empty), quoted only when needed, then `sep`
 * (io/crm_csv.c; shared by the CSV exports). */
void ordo__csv_cell(ordo__outbuf *b, const char *v, char sep);
/* The end of a CSV export: list_rc is the store listing's code (its message
 * read from s); then the buffer goes to `path` atomically, or to stdout
 * when path is NULL. The buffer is cleared. Returns ORDO_OK or the error
 * (message in err) (io/table_import.c). */
struct ordo_store;
int ordo__csv_emit(ordo__outbuf *b, int list_rc, struct ordo_store *s, const char *path, ordo_err *err);

/* Write the buffer to `path` atomically (temp file + fsync + rename).
 * ORDO_ENOMEM if the buffer failed, ORDO_EIO naming the path otherwise. */
int ordo__outbuf_save(const ordo__outbuf *b, const char *path, ordo_err *err);
int ordo__file_write_atomic(const char *path, const char *data, size_t len, ordo_err *err);

/* Remove `path` if it exists (a missing file is not an error). */
int ordo__file_remove(const char *path, ordo_err *err);

/* "dir/name" in a new string (ordo__free), or NULL when out of memory.
 * An empty dir gives "name". */
char *ordo__path_join(const char *dir, const char *name);

#endif
