/*
 * gen_common.h — helpers shared by the benchmark generators: a seeded PRNG
 * (splitmix64, so output depends only on the seed, never on rand()),
 * allocation that ends the tool on out-of-memory, a small RFC 4180 CSV
 * reader/writer and a sorted id index.
 *
 * Header-only (static functions): benchmarks/CMakeLists.txt builds one
 * program per gen_*.c file, so shared code cannot live in another .c.
 * These are stand-alone tools, not library code: a failed allocation or an
 * unwritable file ends the process with a message, which is all a
 * benchmark driver needs.
 */
#ifndef ORDO_GEN_COMMON_H
#define ORDO_GEN_COMMON_H

#include "model/ordo.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- PRNG ------------------------------------------------------------- */

typedef struct gen_rng {
    uint64_t state;
} gen_rng;

static uint64_t rng_next(gen_rng *r)
{
    uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Uniform integer in lo..hi (inclusive); the modulo bias is negligible here. */
static int rng_int(gen_rng *r, int lo, int hi)
{
    if (hi <= lo)
        return lo;
    return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static double rng_unit(gen_rng *r) { return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0); }

static int rng_chance(gen_rng *r, double p) { return rng_unit(r) < p; }

/* ---- allocation ------------------------------------------------------- */

static void gen_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void gen_die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("gen: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = ordo__calloc(n ? n : 1, size ? size : 1);
    if (!p)
        gen_die("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t size)
{
    void *q = ordo__realloc(p, size ? size : 1);
    if (!q)
        gen_die("out of memory");
    return q;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xcalloc(1, n);
    memcpy(p, s, n);
    return p;
}

/* Make room for `need` elements in a growable array. */
#define GEN_GROW(arr, cap, need)                                             \
    do {                                                                     \
        if ((size_t)(need) > (cap)) {                                        \
            size_t gen_nc_ = (cap) ? (cap) * 2 : 16;                         \
            while (gen_nc_ < (size_t)(need))                                 \
                gen_nc_ *= 2;                                                \
            (arr) = xrealloc((arr), gen_nc_ * sizeof *(arr));                \
            (cap) = gen_nc_;                                                 \
        }                                                                    \
    } while (0)

/* ---- CSV writing ------------------------------------------------------ */

static FILE *csv_create(const char *dir, const char *name, const char *header)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        gen_die("cannot write %s", path);
    fprintf(f, "%s\n", header);
    return f;
}

/* One field, quoted only if it needs to be; `last` ends the row. */
static void csv_field(FILE *f, const char *s, int last)
{
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                fputc('"', f);
            fputc(*p, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
    fputc(last ? '\n' : ',', f);
}

/* ---- CSV reading ------------------------------------------------------ */

/* A whole CSV file: header names and rows of fields, all strings owned. */
typedef struct csv_table {
    char path[4096];
    int ncols, nrows;
    char **header;  /* ncols */
    char **cells;   /* nrows * ncols, row-major */
} csv_table;

static const char *csv_cell(const csv_table *t, int row, int col) { return t->cells[(size_t)row * t->ncols + col]; }

/* Column index by header name; ends the tool if the column is missing. */
static int csv_col(const csv_table *t, const char *name)
{
    for (int i = 0; i < t->ncols; i++)
        if (strcmp(t->header[i], name) == 0)
            return i;
    gen_die("%s: no column '%s'", t->path, name);
}

/* Parse one RFC 4180 record starting at *pp; returns the fields (count in
 * *nout) and advances *pp past the line end. */
static char **csv_record(const char **pp, int *nout, const char *path, int line)
{
    const char *p = *pp;
    char **fields = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        char *buf = NULL;
        size_t bcap = 0, blen = 0;
        GEN_GROW(buf, bcap, 1);
        if (*p == '"') {
            p++;
            for (;;) {
                if (*p == '\0')
                    gen_die("%s:%d: unterminated quoted field", path, line);
                if (*p == '"' && p[1] == '"') {
                    p += 2;
                    GEN_GROW(buf, bcap, blen + 2);
                    buf[blen++] = '"';
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    GEN_GROW(buf, bcap, blen + 2);
                    buf[blen++] = *p++;
                }
            }
        } else {
            while (*p && *p != ',' && *p != '\n' && !(*p == '\r' && p[1] == '\n')) {
                GEN_GROW(buf, bcap, blen + 2);
                buf[blen++] = *p++;
            }
        }
        buf[blen] = '\0';
        GEN_GROW(fields, cap, n + 1);
        fields[n++] = buf;
        if (*p == ',') {
            p++;
            continue;
        }
        if (*p == '\r')
            p++;
        if (*p == '\n')
            p++;
        else if (*p != '\0')
            gen_die("%s:%d: text after a quoted field", path, line);
        break;
    }
    *pp = p;
    *nout = (int)n;
    return fields;
}

/* Read DIR/NAME; ends the tool if absent or ragged. */
static void csv_read(csv_table *t, const char *dir, const char *name)
{
    memset(t, 0, sizeof *t);
    snprintf(t->path, sizeof t->path, "%s/%s", dir, name);
    FILE *f = fopen(t->path, "rb");
    if (!f)
        gen_die("cannot read %s", t->path);
    char *text = NULL;
    size_t cap = 0, len = 0, got;
    do {
        GEN_GROW(text, cap, len + 65536 + 1);
        got = fread(text + len, 1, 65536, f);
        len += got;
    } while (got > 0);
    fclose(f);
    text[len] = '\0';
    const char *p = text;
    if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
        p += 3;
    int line = 1;
    t->header = csv_record(&p, &t->ncols, t->path, line);
    size_t ccap = 0;
    while (*p) {
        int n;
        line++;
        char **rec = csv_record(&p, &n, t->path, line);
        if (n != t->ncols)
            gen_die("%s:%d: %d fields, header has %d", t->path, line, n, t->ncols);
        GEN_GROW(t->cells, ccap, (size_t)(t->nrows + 1) * t->ncols);
        memcpy(t->cells + (size_t)t->nrows * t->ncols, rec, sizeof *rec * (size_t)n);
        ordo__free(rec);
        t->nrows++;
    }
    ordo__free(text);
}

static void csv_free(csv_table *t)
{
    for (int i = 0; i < t->ncols; i++)
        ordo__free(t->header[i]);
    for (size_t i = 0; i < (size_t)t->nrows * t->ncols; i++)
        ordo__free(t->cells[i]);
    ordo__free(t->header);
    ordo__free(t->cells);
}

/* ---- id index --------------------------------------------------------- */

/* Sorted (id -> position) pairs for bsearch lookups. */
typedef struct gen_id {
    const char *id;
    int pos;
} gen_id;

typedef struct gen_index {
    gen_id *items;
    int n;
} gen_index;

static int gen_id_cmp(const void *a, const void *b) { return strcmp(((const gen_id *)a)->id, ((const gen_id *)b)->id); }

/* Index column `col` of `t`; returns the first duplicated id or NULL. */
static const char *gen_index_build(gen_index *ix, const csv_table *t, int col)
{
    ix->n = t->nrows;
    ix->items = xcalloc((size_t)t->nrows, sizeof *ix->items);
    for (int i = 0; i < t->nrows; i++) {
        ix->items[i].id = csv_cell(t, i, col);
        ix->items[i].pos = i;
    }
    qsort(ix->items, (size_t)ix->n, sizeof *ix->items, gen_id_cmp);
    for (int i = 1; i < ix->n; i++)
        if (strcmp(ix->items[i - 1].id, ix->items[i].id) == 0)
            return ix->items[i].id;
    return NULL;
}

/* Position of `id`, or -1. */
static int gen_index_find(const gen_index *ix, const char *id)
{
    gen_id key = { id, 0 };
    const gen_id *hit = bsearch(&key, ix->items, (size_t)ix->n, sizeof *ix->items, gen_id_cmp);
    return hit ? hit->pos : -1;
}

/* Ids: letters, digits, '-', '_' and '.'; not empty. */
static int gen_id_valid(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++) {
        char c = *s;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.'))
            return 0;
    }
    return 1;
}

#endif
