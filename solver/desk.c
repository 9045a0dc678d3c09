/*
 * desk.c — the service desk's cached view of a model (desk.h).
 *
 * Per resource, three CSR lists of row indexes (working hours, time off,
 * sessions that list it) are built in one pass over the model, so a free
 * list costs only the rows of that resource. Free lists are computed on
 * first use over whole blocks of ORDO_DESK_BLOCK_DAYS days (aligned on the
 * epoch), and a request outside the cached range recomputes the union of
 * both ranges: the cached range only grows, so a query never sees an
 * interval cut at an arbitrary edge near the booking it asks about.
 */
#include "solver/desk.h"

#include <stdio.h>
#include <string.h>

#define BLOCK ((ordo_utc)ORDO_DESK_BLOCK_DAYS * ORDO_MIN_PER_DAY)

typedef struct csr {
    int *off;       /* nres + 1 offsets */
    int *rows;
} csr;

typedef struct free_cache {
    int valid;
    ordo_utc from, to;
    ordo_intervals free;
} free_cache;

struct ordo_desk {
    const ordo_model *m;
    int nres;
    csr wh, off, sess;
    free_cache *cache;
    ordo_err err;
};

static void csr_clear(csr *c)
{
    ordo__free(c->off);
    ordo__free(c->rows);
    c->off = c->rows = NULL;
}

/* Build a CSR from `n` (resource, row) pairs given by `pair(i, k, &r)`:
 * k-th resource of row i, returning 0 when row i has no more. */
typedef int (*pair_fn)(const ordo_model *m, size_t i, int k, int *r);

static int csr_build(csr *c, const ordo_model *m, int nres, size_t nrows, pair_fn pair)
{
    int total = 0, r;
    csr_clear(c);
    if (!(c->off = ordo__calloc((size_t)nres + 2, sizeof *c->off)))
        return ORDO_ENOMEM;
    for (size_t i = 0; i < nrows; i++)
        for (int k = 0; pair(m, i, k, &r); k++)
            if (r >= 0 && r < nres) {
                c->off[r + 1]++;
                total++;
            }
    for (int x = 0; x < nres; x++)
        c->off[x + 1] += c->off[x];
    if (!(c->rows = ordo__malloc(((size_t)total + 1) * sizeof *c->rows)))
        return ORDO_ENOMEM;
    int *fill = ordo__malloc(((size_t)nres + 1) * sizeof *fill);
    if (!fill)
        return ORDO_ENOMEM;
    memcpy(fill, c->off, (size_t)nres * sizeof *fill);
    for (size_t i = 0; i < nrows; i++)
        for (int k = 0; pair(m, i, k, &r); k++)
            if (r >= 0 && r < nres)
                c->rows[fill[r]++] = (int)i;
    ordo__free(fill);
    return ORDO_OK;
}

static int pair_wh(const ordo_model *m, size_t i, int k, int *r)
{
    *r = m->working_hours.v[i].resource;
    return k == 0;
}

static int pair_off(const ordo_model *m, size_t i, int k, int *r)
{
    *r = m->time_off.v[i].resource;
    return k == 0;
}

/* Sessions that can hold a resource: placed ones. */
static int pair_sess(const ordo_model *m, size_t i, int k, int *r)
{
    const ordo_session *s = &m->sessions.v[i];
    if ((s->status != ORDO_SESSION_PLANNED && s->status != ORDO_SESSION_DONE) || k >= s->nresources)
        return 0;
    *r = s->resources[k];
    return 1;
}

static void drop_cache(ordo_desk *d)
{
    for (int r = 0; d->cache && r < d->nres; r++)
        ordo_intervals_clear(&d->cache[r].free);
    ordo__free(d->cache);
    d->cache = NULL;
}

int ordo_desk_refresh(ordo_desk *d)
{
    int rc = ORDO_OK;
    const ordo_model *m = d->m;
    drop_cache(d);
    d->nres = (int)m->resources.n;
    ORDO_TRY(csr_build(&d->wh, m, d->nres, m->working_hours.n, pair_wh));
    ORDO_TRY(csr_build(&d->off, m, d->nres, m->time_off.n, pair_off));
    ORDO_TRY(csr_build(&d->sess, m, d->nres, m->sessions.n, pair_sess));
    if (!(d->cache = ordo__calloc((size_t)d->nres + 1, sizeof *d->cache)))
        rc = ORDO_ENOMEM;
done:
    if (rc < 0)
        ordo__seterr(&d->err, rc, "service desk: out of memory");
    return rc;
}

int ordo_desk_new(ordo_desk **out, const ordo_model *m, ordo_err *err)
{
    int rc = ORDO_OK;
    ordo_desk *d = NULL;
    if (!out || !m)
        return ordo__seterr(err, ORDO_EINVAL, "service desk: no model");
    *out = NULL;
    if (!(d = ordo__calloc(1, sizeof *d))) {
        rc = ordo__seterr(err, ORDO_ENOMEM, "service desk: out of memory");
        goto done;
    }
    d->m = m;
    if ((rc = ordo_desk_refresh(d)) < 0) {
        ordo__seterr(err, rc, "%s", d->err.msg);
        goto done;
    }
    *out = d;
    d = NULL;
done:
    ordo_desk_free(d);
    return rc;
}

void ordo_desk_free(ordo_desk *d)
{
    if (!d)
        return;
    drop_cache(d);
    csr_clear(&d->wh);
    csr_clear(&d->off);
    csr_clear(&d->sess);
    ordo__free(d);
}

const char *ordo_desk_errmsg(const ordo_desk *d) { return d ? d->err.msg : "no service desk"; }
const ordo_model *ordo_desk_model(const ordo_desk *d) { return d->m; }
ordo_err *ordo__desk_err(ordo_desk *d) { return &d->err; }

void ordo_desk_rows(const ordo_desk *d, int r, ordo_calendar_rows *out)
{
    out->working_hours = d->wh.rows + d->wh.off[r];
    out->nworking_hours = d->wh.off[r + 1] - d->wh.off[r];
    out->time_off = d->off.rows + d->off.off[r];
    out->ntime_off = d->off.off[r + 1] - d->off.off[r];
    out->sessions = d->sess.rows + d->sess.off[r];
    out->nsessions = d->sess.off[r + 1] - d->sess.off[r];
}

static ordo_utc floor_block(ordo_utc t)
{
    ordo_utc q = t / BLOCK;
    if (t % BLOCK < 0)
        q--;
    return q * BLOCK;
}

int ordo_desk_free_time(ordo_desk *d, int r, ordo_utc from, ordo_utc to, const ordo_intervals **out)
{
    int rc = ORDO_OK;
    *out = NULL;
    if (r < 0 || r >= d->nres || from >= to)
        return ordo__seterr(&d->err, ORDO_EINVAL, "service desk: resource %d or range invalid", r);
    free_cache *c = &d->cache[r];
    ordo_utc lo = floor_block(from - ORDO_MIN_PER_DAY), hi = floor_block(to + ORDO_MIN_PER_DAY) + BLOCK;
    if (!c->valid || lo < c->from || hi > c->to) {
        if (c->valid) {
            lo = lo < c->from ? lo : c->from;
            hi = hi > c->to ? hi : c->to;
        }
        ordo_calendar_rows rows;
        ordo_desk_rows(d, r, &rows);
        c->valid = 0;
        rc = ordo_calendar_free(&c->free, d->m, r, &rows, lo, hi, -1);
        if (rc < 0)
            return ordo__seterr(&d->err, rc, "resource '%s': cannot compute its free time (%s)",
                                d->m->resources.v[r].id,
                                rc == ORDO_EINVAL ? "unknown time zone or range too long" : ordo_strerror(rc));
        c->valid = 1;
        c->from = lo;
        c->to = hi;
    }
    *out = &c->free;
    return rc;
}

/* "booking 'booking-3' (session 17)" or "course 'x' (session 17)". */
void ordo_desk_session_label(const ordo_model *m, const ordo_session *s, char *out, size_t n)
{
    const ordo_course *c = s->course >= 0 && (size_t)s->course < m->courses.n ? &m->courses.v[s->course] : NULL;
    char id[32] = "";
    if (s->id > 0)
        snprintf(id, sizeof id, "%lld", (long long)s->id);
    if (c && c->is_booking)
        snprintf(out, n, "booking '%s'%s%s%s", c->id, *id ? " (id " : "", id, *id ? ")" : "");
    else
        snprintf(out, n, "course '%s'%s%s%s", c ? c->id : "?", *id ? " (id " : "", id, *id ? ")" : "");
}

/* ---- requirement rows ---------------------------------------------------- */

int ordo_desk_row_seats(const ordo_requirement *q, int participants)
{
    if (q->min_capacity == ORDO_CAPACITY_PARTICIPANTS)
        return participants > 0 ? participants : 1;
    return q->min_capacity > 0 ? q->min_capacity : 0;
}

int ordo_desk_row_accepts(const ordo_model *m, const ordo_requirement *q, int r, int participants)
{
    const ordo_resource *x = &m->resources.v[r];
    if ((int)x->kind != (int)q->kind)
        return 0;
    if (q->skill && !ordo_strlist_has(&x->skills, q->skill))
        return 0;
    int seats = ordo_desk_row_seats(q, participants);
    if (q->kind == ORDO_ROOM && seats > 0 && q->capacity_penalty == 0 && x->capacity < seats)
        return 0;
    return 1;
}

void ordo_desk_row_describe(const ordo_model *m, const ordo_requirement *q, int participants,
                            char *buf, size_t n)
{
    (void)m;
    char count[16] = "", seats[48] = "";
    const char *kind = ordo_kind_name(q->kind);
    const char *plural = q->count <= 1 ? "" : q->kind == ORDO_EQUIPMENT ? " items" : "s";
    int s = ordo_desk_row_seats(q, participants);
    if (q->count > 1)
        snprintf(count, sizeof count, "%d ", q->count);
    if (q->kind == ORDO_ROOM && s > 0)
        snprintf(seats, sizeof seats, " seating %d", s);
    if (q->skill)
        snprintf(buf, n, "%s%s%s with %s'%s'%s", count, kind, plural,
                 q->kind == ORDO_PERSON ? "skill " : "", q->skill, seats);
    else
        snprintf(buf, n, "%s%s%s%s", count, kind, plural, seats);
}
