/*
 * strlist.c — the ';'-separated list cells of the data contract (skills,
 * cohorts, roles). Empty items ("a;;b", trailing ';') are kept out.
 */
#include "model/model.h"

#include <string.h>

void ordo_strlist_clear(ordo_strlist *l)
{
    for (int i = 0; i < l->count; i++)
        ordo__free(l->items[i]);
    ordo__free(l->items);
    l->items = NULL;
    l->count = 0;
}

static int push(ordo_strlist *l, const char *s, size_t n)
{
    char **items = ordo__realloc(l->items, (size_t)(l->count + 1) * sizeof *items);
    if (!items)
        return ORDO_ENOMEM;
    l->items = items;
    if (!(l->items[l->count] = ordo__strndup(s, n)))
        return ORDO_ENOMEM;
    l->count++;
    return ORDO_OK;
}

int ordo_strlist_parse(ordo_strlist *out, const char *cell)
{
    out->items = NULL;
    out->count = 0;
    if (!cell)
        return ORDO_OK;
    const char *p = cell;
    while (*p) {
        const char *e = strchr(p, ';');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n && push(out, p, n) < 0) {
            ordo_strlist_clear(out);
            return ORDO_ENOMEM;
        }
        p += n;
        if (*p == ';')
            p++;
    }
    return ORDO_OK;
}

int ordo_strlist_copy(ordo_strlist *out, const ordo_strlist *in)
{
    out->items = NULL;
    out->count = 0;
    for (int i = 0; in && i < in->count; i++)
        if (push(out, in->items[i], strlen(in->items[i])) < 0) {
            ordo_strlist_clear(out);
            return ORDO_ENOMEM;
        }
    return ORDO_OK;
}

int ordo_strlist_has(const ordo_strlist *l, const char *s)
{
    for (int i = 0; i < l->count; i++)
        if (strcmp(l->items[i], s) == 0)
            return 1;
    return 0;
}

char *ordo_strlist_join(const ordo_strlist *l)
{
    size_t n = 1;
    for (int i = 0; i < l->count; i++)
        n += strlen(l->items[i]) + 1;
    char *s = ordo__malloc(n), *p = s;
    if (!s)
        return NULL;
    *p = '\0';
    for (int i = 0; i < l->count; i++) {
        if (i)
            *p++ = ';';
        size_t k = strlen(l->items[i]);
        memcpy(p, l->items[i], k);
        p += k;
        *p = '\0';
    }
    return s;
}
