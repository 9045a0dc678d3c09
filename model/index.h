/*
 * index.h — a string -> int map for id lookups (open addressing, FNV-1a).
 * Keys are borrowed: the caller keeps them alive while they are in the map
 * (the model's records own their id strings).
 */
#ifndef ORDO_INDEX_H
#define ORDO_INDEX_H

#include <stddef.h>

typedef struct ordo_index ordo_index;

int ordo__index_new(ordo_index **out);
void ordo__index_free(ordo_index *ix);
/* Insert or replace key -> value. ORDO_OK or ORDO_ENOMEM. */
int ordo__index_put(ordo_index *ix, const char *key, int value);
/* Value for key, or -1. */
int ordo__index_get(const ordo_index *ix, const char *key);
/* Remove every key; keeps the table. */
void ordo__index_clear(ordo_index *ix);

#endif
