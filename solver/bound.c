/*
 * bound.c — per-course lower bounds (bound.h).
 *
 * Spread: with D the course's possible dates (sorted, distinct) and n
 * sessions, f[k][i] = least penalty of k sessions with the last on D[i];
 * f[k][i] = min over i' < i with D[i] - D[i'] >= min gap of
 * f[k-1][i'] + w * max(0, ideal - (D[i] - D[i'])). A course with frozen
 * sessions gets 0 (their dates would have to be merged in; 0 is still valid).
 */
#include "solver/bound.h"

#include <stdlib.h>
#include <string.h>

static int cmp_date(const void *a, const void *b)
{
    ordo_date x = *(const ordo_date *)a, y = *(const ordo_date *)b;
    return (x > y) - (x < y);
}

/* The course's possible dates, sorted and distinct, in a new array (*out). */
static int course_dates(const sv_course *c, ordo_date **out)
{
    ordo_date *D = ordo__malloc(sizeof *D * ((size_t)c->nstarts + 1));
    if (!D)
        return -1;
    for (int j = 0; j < c->nstarts; j++)
        D[j] = c->starts[j].date;
    qsort(D, (size_t)c->nstarts, sizeof *D, cmp_date);
    int m = 0;
    for (int j = 0; j < c->nstarts; j++)
        if (m == 0 || D[m - 1] != D[j])
            D[m++] = D[j];
    *out = D;
    return m;
}

static double spread_bound(const sv_problem *p, const sv_course *c)
{
    int n = c->nsess;
    if (!p->w.spread || n < 2 || c->nfixed || !c->nstarts || c->ideal_gap <= 0)
        return 0;
    ordo_date *D = NULL;
    double *f = NULL, *g = NULL;
    int m = course_dates(c, &D);
    if (m < 0)
        return 0;
    double best = 0, inf = 1e18;
    f = ordo__malloc(sizeof *f * (size_t)m);
    g = ordo__malloc(sizeof *g * (size_t)m);
    if (!f || !g)
        goto done;
    for (int i = 0; i < m; i++)
        f[i] = 0;
    int gap_min = c->min_days_between;
    for (int k = 2; k <= n; k++) {
        for (int i = 0; i < m; i++) {
            g[i] = inf;
            for (int i2 = i; i2 >= 0; i2--) {
                int gap = D[i] - D[i2];
                if (i2 == i && gap_min > 0)
                    continue;
                if (gap < gap_min || f[i2] >= inf)
                    continue;
                double pen = gap < c->ideal_gap ? (double)(c->ideal_gap - gap) * p->w.spread : 0;
                if (f[i2] + pen < g[i])
                    g[i] = f[i2] + pen;
            }
        }
        memcpy(f, g, sizeof *f * (size_t)m);
    }
    best = inf;
    for (int i = 0; i < m; i++)
        if (f[i] < best)
            best = f[i];
    if (best >= inf)
        best = 0;   /* not even placeable alone: no claim */
done:
    ordo__free(D);
    ordo__free(f);
    ordo__free(g);
    return best;
}

static double min_days_bound(const sv_problem *p, const sv_course *c)
{
    if (!p->w.min_days || c->min_distinct_days <= 0)
        return 0;
    ordo_date *D = NULL;
    int distinct = course_dates(c, &D);
    ordo__free(D);
    if (distinct < 0)
        return 0;
    for (int k = 0; k < c->nfixed; k++)
        distinct++;   /* generous: frozen dates counted as new days */
    int total = c->nsess + c->nfixed;
    int reach = distinct < total ? distinct : total;
    return reach < c->min_distinct_days ? (double)(c->min_distinct_days - reach) * p->w.min_days : 0;
}

static double capacity_bound(const sv_problem *p, const sv_course *c)
{
    double v = 0;
    for (int q = 0; q < c->nreq; q++) {
        const sv_req *rq = &c->reqs[q];
        if (rq->kind != ORDO_ROOM || !rq->cap_penalty || rq->need_seats <= 0 || !rq->ncands)
            continue;
        int best = -1;
        for (int k = 0; k < rq->ncands; k++) {
            int sh = rq->need_seats - p->m->resources.v[rq->cands[k]].capacity;
            if (sh < 0) sh = 0;
            if (best < 0 || sh < best) best = sh;
        }
        v += (double)best * rq->cap_penalty * rq->count * c->nsess;
    }
    return v;
}

double sv_bound_parts(const sv_problem *p, int *weak, sv_cost_parts *parts)
{
    sv_cost_parts local = { 0 };
    sv_cost_parts *pp = parts ? parts : &local;
    *pp = (sv_cost_parts){ 0 };
    for (int ci = 0; ci < p->ncourses; ci++) {
        const sv_course *c = &p->courses[ci];
        if (!c->nsess)
            continue;
        pp->spread += spread_bound(p, c);
        pp->min_days += min_days_bound(p, c);
        pp->capacity += capacity_bound(p, c);
    }
    double match = sv_bound_capacity_matching(p);
    if (match > pp->capacity)
        pp->capacity = match;
    pp->same_person = sv_bound_stability(p, ORDO_PERSON);
    pp->same_room = sv_bound_stability(p, ORDO_ROOM);
    if (sv_bound_load(p, &pp->load) != ORDO_OK)
        pp->load = 0;
    *weak = p->w.compactness != 0;   /* compactness: only the MILP bound (bound_lp.h) sees it */
    return pp->same_person + pp->same_room + pp->spread + pp->load + pp->min_days + pp->compactness +
           pp->capacity;
}

double sv_bound(const sv_problem *p, int *weak)
{
    return sv_bound_parts(p, weak, NULL);
}
