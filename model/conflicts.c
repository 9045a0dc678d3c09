/*
 * conflicts.c — double bookings and forced bookings (model/conflicts.h).
 *
 * One array of (resource, start, end, session) uses of the placed sessions,
 * sorted by resource then start; a sweep pairs each use with the later uses
 * of the same resource that start before it ends. Cost O(U log U + pairs)
 * for U resource uses. Invariant: nothing in the model is changed.
 */
#include "model/conflicts.h"

#include <stdlib.h>

typedef struct use {
    int resource;
    ordo_utc start, end;
    size_t session;
} use;

static int cmp_use(const void *pa, const void *pb)
{
    const use *a = pa, *b = pb;
    if (a->resource != b->resource)
        return a->resource < b->resource ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return (a->session > b->session) - (a->session < b->session);
}

typedef struct keyed {
    ordo_conflict c;
    ordo_utc start;
} keyed;

static int cmp_keyed(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->c.session != b->c.session)
        return a->c.session < b->c.session ? -1 : 1;
    if (a->c.other != b->c.other)
        return a->c.other < b->c.other ? -1 : 1;
    return (a->c.resource > b->c.resource) - (a->c.resource < b->c.resource);
}

static int placed(const ordo_session *s)
{
    return s->status == ORDO_SESSION_PLANNED || s->status == ORDO_SESSION_DONE;
}

/* Appends one entry, growing the array; ORDO_ENOMEM with the message. */
static int push(keyed **v, size_t *n, size_t *cap, keyed k, ordo_err *err)
{
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        keyed *nv = ordo__realloc(*v, ncap * sizeof *nv);
        if (!nv)
            return ordo__seterr(err, ORDO_ENOMEM, "out of memory");
        *v = nv;
        *cap = ncap;
    }
    (*v)[(*n)++] = k;
    return ORDO_OK;
}

int ordo_conflicts_find(const ordo_model *m, ordo_conflict **out, size_t *out_n, ordo_err *err)
{
    int rc = ORDO_OK;
    use *uses = NULL;
    keyed *list = NULL;
    size_t nuses = 0, total = 0, n = 0, cap = 0;
    if (out)
        *out = NULL;
    if (out_n)
        *out_n = 0;
    if (!m || !out || !out_n) {
        rc = ordo__seterr(err, ORDO_EINVAL, "conflicts: no model or no output");
        goto done;
    }
    for (size_t i = 0; i < m->sessions.n; i++)
        if (placed(&m->sessions.v[i]))
            total += (size_t)(m->sessions.v[i].nresources > 0 ? m->sessions.v[i].nresources : 0);
    if (!(uses = ordo__calloc(total + 1, sizeof *uses))) {
        rc = ordo__seterr(err, ORDO_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *s = &m->sessions.v[i];
        if (!placed(s))
            continue;
        if (s->forced_conflict)
            ORDO_TRY(push(&list, &n, &cap, (keyed){ { i, -1, -1 }, s->start }, err));
        for (int k = 0; k < s->nresources; k++) {
            int r = s->resources[k];
            if (r < 0 || (size_t)r >= m->resources.n) {
                rc = ordo__seterr(err, ORDO_EINVAL, "session %lld: resource index %d out of range",
                                  (long long)s->id, r);
                goto done;
            }
            uses[nuses++] = (use){ r, s->start, s->end, i };
        }
    }
    qsort(uses, nuses, sizeof *uses, cmp_use);
    for (size_t a = 0; a < nuses; a++) {
        for (size_t b = a + 1; b < nuses && uses[b].resource == uses[a].resource && uses[b].start < uses[a].end;
             b++) {
            if (uses[b].session == uses[a].session)
                continue;       /* one session listing a resource twice is not a double booking */
            keyed k = { { uses[a].session, (int)uses[b].session, uses[a].resource },
                        m->sessions.v[uses[a].session].start };
            ORDO_TRY(push(&list, &n, &cap, k, err));
        }
    }
    if (n > 0) {
        qsort(list, n, sizeof *list, cmp_keyed);
        if (!(*out = ordo__calloc(n, sizeof **out))) {
            rc = ordo__seterr(err, ORDO_ENOMEM, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < n; i++)
            (*out)[i] = list[i].c;
        *out_n = n;
    }
done:
    ordo__free(uses);
    ordo__free(list);
    return rc;
}

void ordo_conflicts_mark(const ordo_model *m, const ordo_conflict *v, size_t n, char *flags)
{
    for (size_t i = 0; i < m->sessions.n; i++)
        flags[i] = 0;
    for (size_t i = 0; i < n; i++) {
        flags[v[i].session] = 1;
        if (v[i].other >= 0)
            flags[v[i].other] = 1;
    }
}
