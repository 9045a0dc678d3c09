/*
 * index.c — open-addressing hash map from borrowed id strings to indexes.
 * Load factor stays below 1/2; there is no single-key delete because the
 * model rebuilds an index after it removes records (rare).
 */
#include "model/index.h"
#include "model/ordo.h"

#include <stdint.h>
#include <string.h>

struct ordo_index {
    const char **keys;
    int *values;
    size_t cap, count;   /* cap is a power of two */
};

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

int ordo__index_new(ordo_index **out)
{
    ordo_index *ix = ordo__calloc(1, sizeof *ix);
    if (!ix)
        return ORDO_ENOMEM;
    *out = ix;
    return ORDO_OK;
}

void ordo__index_free(ordo_index *ix)
{
    if (!ix)
        return;
    ordo__free(ix->keys);
    ordo__free(ix->values);
    ordo__free(ix);
}

static size_t slot_of(const ordo_index *ix, const char *key)
{
    size_t mask = ix->cap - 1, i = (size_t)hash(key) & mask;
    while (ix->keys[i] && strcmp(ix->keys[i], key) != 0)
        i = (i + 1) & mask;
    return i;
}

static int rehash(ordo_index *ix, size_t ncap)
{
    const char **keys = ordo__calloc(ncap, sizeof *keys);
    int *values = ordo__calloc(ncap, sizeof *values);
    if (!keys || !values) {
        ordo__free(keys);
        ordo__free(values);
        return ORDO_ENOMEM;
    }
    ordo_index old = *ix;
    ix->keys = keys;
    ix->values = values;
    ix->cap = ncap;
    for (size_t i = 0; i < old.cap; i++)
        if (old.keys[i]) {
            size_t j = slot_of(ix, old.keys[i]);
            ix->keys[j] = old.keys[i];
            ix->values[j] = old.values[i];
        }
    ordo__free(old.keys);
    ordo__free(old.values);
    return ORDO_OK;
}

int ordo__index_put(ordo_index *ix, const char *key, int value)
{
    if ((ix->count + 1) * 2 > ix->cap) {
        int rc = rehash(ix, ix->cap ? ix->cap * 2 : 16);
        if (rc < 0)
            return rc;
    }
    size_t i = slot_of(ix, key);
    if (!ix->keys[i]) {
        ix->keys[i] = key;
        ix->count++;
    }
    ix->keys[i] = key;  /* the record's own copy from now on */
    ix->values[i] = value;
    return ORDO_OK;
}

int ordo__index_get(const ordo_index *ix, const char *key)
{
    if (!ix || !ix->cap || !key)
        return -1;
    size_t i = slot_of(ix, key);
    return ix->keys[i] ? ix->values[i] : -1;
}

void ordo__index_clear(ordo_index *ix)
{
    if (ix->cap)
        memset(ix->keys, 0, ix->cap * sizeof *ix->keys);
    ix->count = 0;
}
