/*
 * repair_detect.c — which sessions the repair must move (repair.h):
 * sessions are visited in keep-priority order (fixed ones first: DONE and
 * PLANNED outside the window; then window sessions without a forced
 * conflict, then older ids first); a window session is infeasible when a
 * resource does not work all of its time, is on time off then, or is
 * already held by a session kept before it. Kept sessions claim their
 * resources' time. With allow_moves, the kept window sessions that share a
 * resource with an infeasible one and start within max_shift_days of it may
 * move too (they become RP_OTHER).
 */
#include "solver/repair_int.h"
#include "model/tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct claim {
    ordo_utc start, end;
    int session;
} claim;

typedef struct claims {
    claim *v;
    size_t n, cap;
} claims;

ordo_date rp_local_date(const ordo_model *m, int site, ordo_utc t, int *minute)
{
    ordo_date d = 0;
    int mn = 0;
    ordo_tz_to_local(site >= 0 ? m->sites.v[site].timezone : "UTC", t, &d, &mn);
    if (minute)
        *minute = mn;
    return d;
}

static int placed(const ordo_session *s)
{
    return (s->status == ORDO_SESSION_PLANNED || s->status == ORDO_SESSION_DONE) && s->end > s->start &&
           s->site >= 0 && s->nresources > 0;
}

/* Sort key: fixed first, then unforced, then saved ids ascending, then index. */
static int cmp_keep(const void *pa, const void *pb, void *payload)
{
    const rp_ctx *c = payload;
    int a = *(const int *)pa, b = *(const int *)pb;
    const ordo_session *x = &c->m->sessions.v[a], *y = &c->m->sessions.v[b];
    if (c->in_window[a] != c->in_window[b])
        return c->in_window[a] - c->in_window[b];
    if (x->forced_conflict != y->forced_conflict)
        return x->forced_conflict - y->forced_conflict;
    if ((x->id == 0) != (y->id == 0))
        return (x->id == 0) - (y->id == 0);
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return a - b;
}

/* Why session s cannot stay, into buf; 0 when it can. */
static int check_session(rp_ctx *c, int si, claims *held, char *buf, size_t n)
{
    const ordo_model *m = c->m;
    const ordo_session *s = &m->sessions.v[si];
    ordo_intervals l = { 0 };
    char label[160];
    int bad = 0;
    for (int k = 0; k < s->nresources && !bad; k++) {
        int r = s->resources[k];
        const char *id = m->resources.v[r].id;
        ordo_calendar_rows rows;
        ordo_desk_rows(c->d, r, &rows);
        if (ordo_calendar_working(&l, m, r, &rows, s->start, s->end) < 0 ||
            !(l.n == 1 && l.v[0].start == s->start && l.v[0].end == s->end)) {
            snprintf(buf, n, "resource '%s' does not work then", id);
            bad = 1;
        } else if (ordo_calendar_time_off(&l, m, r, &rows, s->start, s->end) < 0 || l.n > 0) {
            snprintf(buf, n, "resource '%s' is on time off then", id);
            bad = 1;
        } else {
            for (size_t i = 0; i < held[r].n && !bad; i++)
                if (held[r].v[i].start < s->end && s->start < held[r].v[i].end) {
                    ordo_desk_session_label(m, &m->sessions.v[held[r].v[i].session], label, sizeof label);
                    snprintf(buf, n, "resource '%s' is also held by %s", id, label);
                    bad = 1;
                }
        }
    }
    ordo_intervals_clear(&l);
    return bad;
}

static int claim_time(claims *held, const ordo_session *s, int si)
{
    for (int k = 0; k < s->nresources; k++) {
        claims *h = &held[s->resources[k]];
        if (ORDO_GROW(h->v, h->cap, h->n + 1) < 0)
            return ORDO_ENOMEM;
        h->v[h->n++] = (claim){ s->start, s->end, si };
    }
    return ORDO_OK;
}

/* Kept window sessions sharing a resource with an infeasible one nearby. */
static void select_others(rp_ctx *c)
{
    const ordo_model *m = c->m;
    ordo_utc reach = (ordo_utc)c->shift_days * ORDO_MIN_PER_DAY;
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *s = &m->sessions.v[i];
        if (!c->in_window[i] || c->role[i] != RP_FIXED)
            continue;
        int near = 0;
        for (int k = 0; k < c->ninfeasible && !near; k++) {
            const ordo_session *x = &m->sessions.v[c->moving[k]];
            if (s->start > x->start + reach + ORDO_MIN_PER_DAY || s->end < x->start - reach - ORDO_MIN_PER_DAY)
                continue;
            for (int a = 0; a < s->nresources && !near; a++)
                for (int b = 0; b < x->nresources && !near; b++)
                    near = s->resources[a] == x->resources[b];
        }
        if (near) {
            c->role[i] = RP_OTHER;
            c->moving[c->nmoving++] = (int)i;
        }
    }
}

int rp_detect(rp_ctx *c)
{
    int rc = ORDO_OK;
    ordo_model *m = c->m;
    size_t ns = m->sessions.n, nres = m->resources.n;
    int *order = ordo__malloc((ns + 1) * sizeof *order), norder = 0;
    claims *held = ordo__calloc(nres + 1, sizeof *held);
    char buf[300];
    if (!order || !held) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < ns; i++) {
        const ordo_session *s = &m->sessions.v[i];
        if (!placed(s))
            continue;
        int ok = 1;
        for (int k = 0; k < s->nresources; k++)
            ok &= s->resources[k] >= 0 && (size_t)s->resources[k] < nres;
        if (!ok)
            continue;
        if (s->status == ORDO_SESSION_PLANNED) {
            ordo_date d = rp_local_date(m, s->site, s->start, NULL);
            c->in_window[i] = d >= c->o->from && d <= c->o->to;
        }
        order[norder++] = (int)i;
    }
    if (norder > 1)
        qsort_r(order, (size_t)norder, sizeof *order, cmp_keep, c);
    for (int k = 0; k < norder; k++) {
        int si = order[k];
        if (c->in_window[si] && check_session(c, si, held, buf, sizeof buf)) {
            c->role[si] = RP_INFEASIBLE;
            if (!(c->why[si] = ordo__strdup(buf))) {
                rc = ORDO_ENOMEM;
                goto done;
            }
            c->moving[c->nmoving++] = si;
            continue;
        }
        ORDO_TRY(claim_time(held, &m->sessions.v[si], si));
    }
    c->ninfeasible = c->nmoving;
    if (c->o->allow_moves > 0 && c->ninfeasible > 0)
        select_others(c);
done:
    for (size_t r = 0; held && r < nres; r++)
        ordo__free(held[r].v);
    ordo__free(held);
    ordo__free(order);
    return rc;
}

int ordo_repair_find(ordo_model *m, ordo_date from, ordo_date to, char ***out_why, int *out_n)
{
    int rc = ORDO_OK;
    ordo_repair_options o = ORDO_REPAIR_OPTIONS_INIT;
    rp_ctx c = { 0 };
    size_t ns = m->sessions.n;
    *out_why = NULL;
    o.from = from;
    o.to = to;
    c.m = m;
    c.o = &o;
    c.err = &m->err;
    c.in_window = ordo__calloc(ns + 1, 1);
    c.role = ordo__calloc(ns + 1, 1);
    c.why = ordo__calloc(ns + 1, sizeof *c.why);
    c.moving = ordo__malloc((ns + 1) * sizeof *c.moving);
    if (!c.in_window || !c.role || !c.why || !c.moving) {
        rc = ordo__seterr(&m->err, ORDO_ENOMEM, "repair: out of memory");
        goto done;
    }
    ORDO_TRY(ordo_desk_new(&c.d, m, c.err));
    if ((rc = rp_detect(&c)) == ORDO_ENOMEM)
        ordo__seterr(&m->err, rc, "repair: out of memory");
    ORDO_TRY(rc);
    if (out_n)
        *out_n = c.ninfeasible;
    *out_why = c.why;
    c.why = NULL;
done:
    ordo_repair_why_free(c.why, ns);
    ordo__free(c.in_window);
    ordo__free(c.role);
    ordo__free(c.moving);
    ordo_desk_free(c.d);
    return rc;
}

void ordo_repair_why_free(char **why, size_t n)
{
    for (size_t i = 0; why && i < n; i++)
        ordo__free(why[i]);
    ordo__free(why);
}
