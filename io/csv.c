/*
 * csv.c — RFC 4180 reader (see csv.h for the accepted dialect).
 *
 * The whole input is held in memory and scanned once, a record per call.
 * Invariants: `pos` is the offset of the next unread byte and `line` the
 * physical line it is on (LF, CRLF and lone CR each end one line, also
 * inside quoted cells). The current record's cells live back to back,
 * NUL-terminated, in `text`; `cells` points into it and is rebuilt when the
 * record is complete because `text` may move while it grows.
 */
#include "io/csv.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define READ_CHUNK 65536

/* Progress of the size checks over a file read chunk by chunk. */
typedef struct {
    int line;           /* physical line of the byte at `run` start */
    size_t run;         /* bytes of the current line so far */
    int cr;             /* last byte seen was '\r' */
} limit_scan;

/* Scans bytes [from, len) of buf for a line longer than ORDO_CSV_MAX_LINE
 * and checks the total against ORDO_CSV_MAX_BYTES; ORDO_EINPUT naming
 * "name:line" when a cap is passed, ORDO_OK otherwise. */
static int check_limits(limit_scan *ls, const char *name, const char *buf, size_t from,
                        size_t len, ordo_err *err)
{
    int rc = ORDO_OK;
    for (size_t i = from; i < len; i++) {
        char ch = buf[i];
        if (ch == '\n' || ch == '\r') {
            if (!(ch == '\n' && ls->cr))
                ls->line++;
            ls->cr = ch == '\r';
            ls->run = 0;
        } else {
            ls->cr = 0;
            if (++ls->run > ORDO_CSV_MAX_LINE) {
                rc = ordo__seterr(err, ORDO_EINPUT, "%s:%d: line is longer than %d MiB: refused",
                                  name, ls->line, ORDO_CSV_MAX_LINE >> 20);
                goto done;
            }
        }
    }
    if (len > ORDO_CSV_MAX_BYTES)
        rc = ordo__seterr(err, ORDO_EINPUT, "%s:%d: file is larger than %d MiB: refused", name,
                          ls->line, ORDO_CSV_MAX_BYTES >> 20);
done:
    return rc;
}

struct ordo_csv {
    char *name;
    char *buf;
    size_t len, pos;
    int line, rec_line;
    char *text;
    size_t text_n, text_cap;
    size_t *starts;             /* offset in `text` of each cell */
    size_t nstarts, starts_cap;
    const char **cells;
    size_t cells_cap;
    char **header;              /* copy of the first record, for messages */
    int nheader;
    int records;                /* records read so far */
};

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int make_reader(ordo_csv **out, const char *name, char *buf, size_t len, ordo_err *err)
{
    ordo_csv *c = ordo__calloc(1, sizeof *c);
    if (!c || !(c->name = ordo__strdup(name))) {
        ordo__free(c);
        ordo__free(buf);
        return ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory", name);
    }
    c->buf = buf;
    c->len = len;
    c->line = 1;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        c->pos = 3;
    *out = c;
    return ORDO_OK;
}

int ordo_csv_open_buffer(ordo_csv **out, const char *name, const char *text, size_t len,
                         ordo_err *err)
{
    limit_scan ls = { 1, 0, 0 };
    *out = NULL;
    int rc = check_limits(&ls, name, text, 0, len, err);
    if (rc < 0)
        return rc;
    char *buf = ordo__malloc(len + 1);
    if (!buf)
        return ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory", name);
    memcpy(buf, text, len);
    buf[len] = '\0';
    return make_reader(out, name, buf, len, err);
}

int ordo_csv_open(ordo_csv **out, const char *path, ordo_err *err)
{
    int rc = ORDO_OK;
    const char *name = base_name(path);
    char *buf = NULL;
    size_t len = 0, cap = 0;
    FILE *f = fopen(path, "rb");
    limit_scan ls = { 1, 0, 0 };
    *out = NULL;
    if (!f) {
        rc = ordo__seterr(err, errno == ENOENT ? ORDO_ENOTFOUND : ORDO_EIO, "%s: cannot open: %s",
                          path, strerror(errno));
        goto done;
    }
    for (;;) {
        if (ORDO_GROW(buf, cap, len + READ_CHUNK + 1) < 0) {
            rc = ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory", name);
            goto done;
        }
        size_t got = fread(buf + len, 1, READ_CHUNK, f);
        len += got;
        ORDO_TRY(check_limits(&ls, name, buf, len - got, len, err));
        if (got < READ_CHUNK)
            break;
    }
    if (ferror(f)) {
        rc = ordo__seterr(err, ORDO_EIO, "%s: cannot read: %s", path, strerror(errno));
        goto done;
    }
    buf[len] = '\0';
    rc = make_reader(out, name, buf, len, err);
    buf = NULL;     /* owned by the reader now, or freed by make_reader */
done:
    if (f)
        fclose(f);
    ordo__free(buf);
    return rc;
}

void ordo_csv_free(ordo_csv *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->nheader; i++)
        ordo__free(c->header[i]);
    ordo__free(c->header);
    ordo__free(c->name);
    ordo__free(c->buf);
    ordo__free(c->text);
    ordo__free(c->starts);
    ordo__free(c->cells);
    ordo__free(c);
}

int ordo_csv_ncells(const ordo_csv *c) { return (int)c->nstarts; }
int ordo_csv_line(const ordo_csv *c) { return c->rec_line; }
const char *ordo_csv_name(const ordo_csv *c) { return c->name; }

const char *ordo_csv_header(const ordo_csv *c, int i)
{
    return i >= 0 && i < c->nheader ? c->header[i] : NULL;
}

const char *ordo_csv_cell(const ordo_csv *c, int i)
{
    return i >= 0 && (size_t)i < c->nstarts ? c->cells[i] : NULL;
}

/* Offset of the first byte of s[0..n) that is not valid UTF-8 (or is NUL),
 * or n. Overlong forms, surrogates and code points above U+10FFFF are invalid. */
static size_t utf8_bad(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char b = s[i];
        size_t k;
        unsigned lo = 0x80, hi = 0xBF;   /* range of the second byte */
        if (b == 0)
            return i;
        if (b < 0x80) { i++; continue; }
        if (b >= 0xC2 && b <= 0xDF) k = 1;
        else if (b == 0xE0) { k = 2; lo = 0xA0; }
        else if (b == 0xED) { k = 2; hi = 0x9F; }
        else if (b >= 0xE1 && b <= 0xEF) k = 2;
        else if (b == 0xF0) { k = 3; lo = 0x90; }
        else if (b >= 0xF1 && b <= 0xF3) k = 3;
        else if (b == 0xF4) { k = 3; hi = 0x8F; }
        else return i;
        if (i + k >= n)
            return i;   /* truncated sequence */
        if (s[i + 1] < lo || s[i + 1] > hi)
            return i;
        for (size_t j = 2; j <= k; j++)
            if (s[i + j] < 0x80 || s[i + j] > 0xBF)
                return i;
        i += k + 1;
    }
    return n;
}

/* The column name of cell `i` for messages, written into `out`. */
static const char *column_name(const ordo_csv *c, size_t i, char out[32])
{
    if (i < (size_t)c->nheader)
        return c->header[i];
    snprintf(out, 32, "cell %zu", i + 1);
    return out;
}

static int fail(ordo_csv *c, ordo_err *err, int line, const char *what)
{
    char tmp[32];
    const char *col = column_name(c, c->nstarts, tmp);
    c->pos = c->len;
    c->nstarts = 0;
    return ordo__seterr(err, ORDO_EINPUT, "%s:%d: %s: %s", c->name, line, col, what);
}

static int put_byte(ordo_csv *c, char ch, ordo_err *err)
{
    if (ORDO_GROW(c->text, c->text_cap, c->text_n + 1) < 0)
        return ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory", c->name);
    c->text[c->text_n++] = ch;
    return ORDO_OK;
}

static int begin_cell(ordo_csv *c, ordo_err *err)
{
    if (ORDO_GROW(c->starts, c->starts_cap, c->nstarts + 1) < 0)
        return ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory", c->name);
    c->starts[c->nstarts] = c->text_n;
    return ORDO_OK;
}

/* Terminates the cell being built and checks its bytes. */
static int end_cell(ordo_csv *c, int cell_line, ordo_err *err)
{
    int rc = put_byte(c, '\0', err);
    if (rc < 0)
        return rc;
    size_t start = c->starts[c->nstarts], n = c->text_n - 1 - start;
    size_t bad = utf8_bad((const unsigned char *)c->text + start, n);
    if (bad < n) {
        char what[96];
        unsigned char b = (unsigned char)c->text[start + bad];
        if (b == 0)
            snprintf(what, sizeof what, "NUL byte in the cell");
        else
            snprintf(what, sizeof what, "not valid UTF-8 (byte 0x%02X); save the file as UTF-8", b);
        return fail(c, err, cell_line, what);
    }
    c->nstarts++;
    return ORDO_OK;
}

/* At a line end (pos on '\r' or '\n'): step over it and count the line. */
static void skip_line_end(ordo_csv *c)
{
    if (c->buf[c->pos] == '\r' && c->pos + 1 < c->len && c->buf[c->pos + 1] == '\n')
        c->pos++;
    c->pos++;
    c->line++;
}

/* Reads a quoted cell; pos is on the opening quote. On return pos is just
 * after the closing quote. */
static int read_quoted(ordo_csv *c, ordo_err *err)
{
    int rc = ORDO_OK, open_line = c->line;
    c->pos++;
    for (;;) {
        if (c->pos >= c->len)
            return fail(c, err, open_line, "quoted cell is never closed (missing '\"')");
        char ch = c->buf[c->pos];
        if (ch == '"') {
            if (c->pos + 1 < c->len && c->buf[c->pos + 1] == '"') {
                c->pos += 2;
                ORDO_TRY(put_byte(c, '"', err));
                continue;
            }
            c->pos++;
            return ORDO_OK;
        }
        if (ch == '\n' || (ch == '\r' && !(c->pos + 1 < c->len && c->buf[c->pos + 1] == '\n')))
            c->line++;
        ORDO_TRY(put_byte(c, ch, err));
        c->pos++;
    }
done:
    return rc;
}

/* Reads cells up to the end of the record (line end or end of input). */
static int read_record(ordo_csv *c, ordo_err *err)
{
    int rc = ORDO_OK;
    for (;;) {
        int cell_line = c->line;
        ORDO_TRY(begin_cell(c, err));
        if (c->pos < c->len && c->buf[c->pos] == '"') {
            ORDO_TRY(read_quoted(c, err));
            if (c->pos < c->len && c->buf[c->pos] != ',' && c->buf[c->pos] != '\r' &&
                c->buf[c->pos] != '\n') {
                rc = fail(c, err, c->line, "text after the closing quote of a quoted cell");
                goto done;
            }
        } else {
            while (c->pos < c->len && c->buf[c->pos] != ',' && c->buf[c->pos] != '\r' &&
                   c->buf[c->pos] != '\n') {
                if (c->buf[c->pos] == '"') {
                    rc = fail(c, err, c->line,
                              "quote inside an unquoted cell (quote the whole cell and double the '\"')");
                    goto done;
                }
                ORDO_TRY(put_byte(c, c->buf[c->pos], err));
                c->pos++;
            }
        }
        ORDO_TRY(end_cell(c, cell_line, err));
        if (c->pos >= c->len)
            break;
        if (c->buf[c->pos] == ',') {
            c->pos++;
            continue;
        }
        skip_line_end(c);
        break;
    }
done:
    return rc;
}

/* Points `cells` at the finished record's text. */
static int index_cells(ordo_csv *c, ordo_err *err)
{
    if (ORDO_GROW(c->cells, c->cells_cap, c->nstarts) < 0)
        return ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory", c->name);
    for (size_t i = 0; i < c->nstarts; i++)
        c->cells[i] = c->text + c->starts[i];
    return ORDO_OK;
}

static int keep_header(ordo_csv *c, ordo_err *err)
{
    if (!(c->header = ordo__calloc(c->nstarts, sizeof *c->header)))
        return ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory", c->name);
    for (size_t i = 0; i < c->nstarts; i++) {
        if (!(c->header[i] = ordo__strdup(c->cells[i])))
            return ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory", c->name);
        c->nheader++;
    }
    return ORDO_OK;
}

int ordo_csv_next(ordo_csv *c, ordo_err *err)
{
    int rc = ORDO_OK;
    c->nstarts = 0;
    c->text_n = 0;
    if (c->pos >= c->len)
        return 0;
    c->rec_line = c->line;
    ORDO_TRY(read_record(c, err));
    ORDO_TRY(index_cells(c, err));
    if (c->records++ == 0)
        ORDO_TRY(keep_header(c, err));
    rc = 1;
done:
    if (rc < 0) {
        c->pos = c->len;
        c->nstarts = 0;
    }
    return rc;
}
