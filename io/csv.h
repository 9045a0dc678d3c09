/*
 * csv.h — an RFC 4180 reader for the CSV files of the data contract.
 *
 * Input is UTF-8 (a leading BOM is skipped; invalid UTF-8 and NUL bytes are
 * errors), comma-separated, with LF, CRLF (or lone CR) line ends. A cell
 * may be quoted: inside quotes `""` is one quote and commas and line breaks
 * are data, kept exactly as written. Cells are never trimmed. A line break at
 * the very end of the input does not start an empty record; an empty line
 * elsewhere is a record of one empty cell (callers decide to skip it).
 *
 * Records are read one at a time. The reader remembers the first record as
 * the header, only to name the column in its own error messages, which read
 * "NAME:LINE: COLUMN: what is wrong" (COLUMN is "cell N" where there is no
 * header name) and come with ORDO_EINPUT.
 *
 * Ownership: the reader owns a copy of the whole input; cell pointers are
 * valid until the next ordo_csv_next() or ordo_csv_free().
 */
#ifndef ORDO_CSV_H
#define ORDO_CSV_H

#include "model/ordo.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ordo_csv ordo_csv;

/* Caps on untrusted input: a file (or buffer) larger than ORDO_CSV_MAX_BYTES
 * or with a physical line longer than ORDO_CSV_MAX_LINE bytes is refused with
 * ORDO_EINPUT "NAME:LINE: ..." as soon as the reading passes the cap (a file
 * that never ends, e.g. a link to /dev/zero, stops there). */
#define ORDO_CSV_MAX_BYTES (64 << 20)   /* 64 MiB */
#define ORDO_CSV_MAX_LINE (1 << 20)     /* 1 MiB */

/* Reads the file at `path` into a new reader, named by the path's base name
 * in messages. Returns ORDO_OK, ORDO_ENOTFOUND if the file does not exist,
 * ORDO_EIO if it cannot be read, ORDO_EINPUT past a cap above, or
 * ORDO_ENOMEM; *out is NULL on failure. */
int ordo_csv_open(ordo_csv **out, const char *path, ordo_err *err);

/* A reader over `len` bytes of `text` (copied), named `name` in messages;
 * the same caps and codes as ordo_csv_open. */
int ordo_csv_open_buffer(ordo_csv **out, const char *name, const char *text, size_t len,
                         ordo_err *err);

void ordo_csv_free(ordo_csv *c);                     /* NULL is a no-op */

/* Reads the next record: returns 1 when one was read, 0 at the end of the
 * input, ORDO_EINPUT on malformed input (unterminated quoted cell, quote
 * inside an unquoted cell, text after a closing quote, invalid UTF-8, NUL)
 * or ORDO_ENOMEM. After an error the reader stays at the end. */
int ordo_csv_next(ordo_csv *c, ordo_err *err);

int ordo_csv_ncells(const ordo_csv *c);              /* cells of the current record */
const char *ordo_csv_cell(const ordo_csv *c, int i); /* NULL if i is out of range */
int ordo_csv_line(const ordo_csv *c);                /* 1-based physical line where the record starts */
const char *ordo_csv_name(const ordo_csv *c);        /* the name used in messages */
/* Cell i of the first record (the header), or NULL if there is none. */
const char *ordo_csv_header(const ordo_csv *c, int i);

#ifdef __cplusplus
}
#endif
#endif
