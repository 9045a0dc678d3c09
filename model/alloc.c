/*
 * alloc.c — the allocator hook. Every allocation of ordo goes through here so
 * that an embedding program can replace the allocator (like libuv's
 * uv_replace_allocator) and tests can make the N-th allocation fail.
 * Nothing here aborts on out-of-memory: callers get NULL and return ORDO_ENOMEM.
 */
#include "model/ordo.h"

#include <stdlib.h>
#include <string.h>

static void *libc_malloc(size_t n, void *p) { (void)p; return malloc(n); }
static void *libc_realloc(void *q, size_t n, void *p) { (void)p; return realloc(q, n); }
static void libc_free(void *q, void *p) { (void)p; free(q); }

static ordo_allocator current = { libc_malloc, libc_realloc, libc_free, NULL };

void ordo_set_allocator(const ordo_allocator *a)
{
    if (a && a->malloc_fn && a->realloc_fn && a->free_fn)
        current = *a;
    else
        current = (ordo_allocator){ libc_malloc, libc_realloc, libc_free, NULL };
}

void *ordo__malloc(size_t size) { return current.malloc_fn(size ? size : 1, current.payload); }

void *ordo__calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = ordo__malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void *ordo__realloc(void *ptr, size_t size) { return current.realloc_fn(ptr, size ? size : 1, current.payload); }

void ordo__free(void *ptr)
{
    if (ptr)
        current.free_fn(ptr, current.payload);
}

char *ordo__strndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *d = ordo__malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

char *ordo__strdup(const char *s) { return s ? ordo__strndup(s, strlen(s)) : NULL; }

int ordo__grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return ORDO_OK;
    size_t n = *cap ? *cap : 8;
    while (n < need)
        n *= 2;
    if (n > SIZE_MAX / elem)
        return ORDO_ENOMEM;
    void *p = ordo__realloc(*arr, n * elem);
    if (!p)
        return ORDO_ENOMEM;
    *arr = p;
    *cap = n;
    return ORDO_OK;
}
