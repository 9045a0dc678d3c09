/*
 * construct.c — greedy construction. Courses are taken by increasing
 * flexibility (candidate starts per session times the scarcest requirement's
 * candidates), ties by index, so runs are deterministic. A session is tried
 * at starts ordered by distance from its target date (earliest feasible date
 * plus k times the course's ideal gap), and the first few feasible ones are
 * compared on the course's soft cost. sv_construct_rounds repeats the
 * construction, moving the courses left incomplete to the front each time
 * ("squeaky wheel"), and keeps the round that placed most.
 * All sessions of a course share one site, so the first one placed would
 * choose it for the rest: a course with starts at several sites is placed
 * once per site and keeps the site that placed most, then cost least.
 * A re-plan (problem->stability > 0) first puts back every session of the
 * previous plan whose placement still fits, then constructs the rest.
 */
#include "solver/construct.h"
#include "solver/cost.h"
#include "solver/search.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX_FEASIBLE 6
#define CLOCK_EVERY 16

typedef struct { double key; int ci; } course_key;

static int cmp_key(const void *a, const void *b)
{
    const course_key *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return x->ci - y->ci;
}

/* Index of the first start on or after date d. */
static int first_on_or_after(const sv_course *c, ordo_date d)
{
    int lo = 0, hi = c->nstarts;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (c->starts[mid].date < d) lo = mid + 1; else hi = mid;
    }
    return lo;
}

/* O(1): the per-course placed count is kept by sv_state_place/unplace, so
 * placing a course's n sessions costs O(n), not O(n^2). */
static ordo_date target_date(const sv_state *st, int ci, const sv_course *c)
{
    return c->starts[0].date + (st->course_placed[ci] + c->nfixed) * c->ideal_gap;
}

int sv_place_best(sv_state *st, int s, int max_feasible, uint64_t *rng)
{
    return sv_place_best_chain(st, s, max_feasible, rng, 0);
}

int sv_place_best_chain(sv_state *st, int s, int max_feasible, uint64_t *rng, int keep_chain)
{
    const sv_problem *p = st->p;
    int ci = p->sess_course[s];
    const sv_course *c = &p->courses[ci];
    if (!c->nstarts || st->start[s] >= 0)
        return st->start[s] >= 0;
    if (max_feasible <= 0)
        max_feasible = c->nstarts;
    int res[64], best_res[64], best_j = -1, found = 0;
    if (c->nres > 64)
        return 0;
    double base = sv_cost_course(st, ci, NULL), best_delta = 0;
    ordo_date target = target_date(st, ci, c);
    int pos = first_on_or_after(c, target);
    /* keep room for the course's remaining sessions: with a minimum gap g and
     * r sessions still to come, this one may not start after last - r * g */
    ordo_date limit = c->starts[c->nstarts - 1].date;
    if (keep_chain && c->min_days_between > 0) {
        int remaining = c->nsess - st->course_placed[ci] - 1;   /* s itself is unplaced */
        limit -= remaining * c->min_days_between;
        if (target > limit) {
            target = limit;
            pos = first_on_or_after(c, target);
        }
    }
    for (int step = 0; step < 2 * c->nstarts && found < max_feasible; step++) {
        int j = step % 2 == 0 ? pos + step / 2 : pos - 1 - step / 2;
        if (j < 0 || j >= c->nstarts || c->starts[j].date > limit ||
            (st->construct_site >= 0 && c->starts[j].site != st->construct_site))
            continue;
        st->construct_steps++;
        if (!sv_state_fits(st, s, j, res, rng))
            continue;
        found++;
        sv_state_place(st, s, j, res);
        double delta = sv_cost_course(st, ci, NULL) - base;
        for (int k = 0; k < c->nres; k++)
            delta += p->is_load_person[res[k]] ? (double)st->load[res[k]] / 6000.0 : 0;
        delta += 0.001 * abs(c->starts[j].date - target);
        sv_state_unplace(st, s);
        if (best_j < 0 || delta < best_delta) {
            best_j = j;
            best_delta = delta;
            for (int k = 0; k < c->nres; k++)
                best_res[k] = res[k];
        }
    }
    if (best_j < 0)
        return 0;
    sv_state_place(st, s, best_j, best_res);
    return 1;
}

/* Place course ci's unplaced sessions in order; 1 if the clock stopped it. */
static int place_course(sv_state *st, const sv_course *c, uint64_t *rng, long *done_sess)
{
    for (int k = 0; k < c->nsess; k++) {
        if (st->deadline_at > 0 && ++*done_sess % CLOCK_EVERY == 0 && sv_now() >= st->deadline_at) {
            st->construct_timed_out = 1;
            return 1;
        }
        sv_place_best_chain(st, c->sess[k], DEFAULT_MAX_FEASIBLE, rng, 1);
    }
    return 0;
}

/* Sites of course c's starts, in increasing order (at most nsites). */
static int course_sites(const sv_problem *p, const sv_course *c, int *out)
{
    int n = 0;
    for (size_t s = 0; s < p->m->sites.n; s++)
        for (int j = 0; j < c->nstarts; j++)
            if (c->starts[j].site == (int)s) {
                out[n++] = (int)s;
                break;
            }
    return n;
}

/* Place course ci at each of its sites in turn (nothing of it placed yet)
 * and keep the site placing most sessions, then costing least (course cost
 * plus the load of its persons), the lower site index on ties. `buf` holds
 * nsess * (1 + nres) ints. */
static void place_course_best_site(sv_state *st, int ci, uint64_t *rng, long *done_sess, int *sites, int *buf)
{
    const sv_problem *p = st->p;
    const sv_course *c = &p->courses[ci];
    int nsites = course_sites(p, c, sites), best_placed = -1, *best_j = buf, *best_res = buf + c->nsess;
    double best_cost = 0;
    if (nsites <= 1 || c->nres > 64) {
        place_course(st, c, rng, done_sess);
        return;
    }
    for (int i = 0; i < nsites && !st->construct_timed_out; i++) {
        st->construct_site = sites[i];
        place_course(st, c, rng, done_sess);
        st->construct_site = -1;
        int placed = st->course_placed[ci];
        double cost = sv_cost_course(st, ci, NULL);
        for (int k = 0; k < c->nsess; k++) {
            int s = c->sess[k];
            if (st->start[s] < 0)
                continue;
            for (int r = 0; r < c->nres; r++) {
                int x = st->res[st->res_off[s] + r];
                cost += p->is_load_person[x] ? (double)st->load[x] / 6000.0 : 0;
            }
        }
        if (placed > best_placed || (placed == best_placed && cost < best_cost - 1e-9)) {
            best_placed = placed;
            best_cost = cost;
            for (int k = 0; k < c->nsess; k++) {
                int s = c->sess[k];
                best_j[k] = st->start[s];
                if (best_j[k] >= 0)
                    memcpy(best_res + k * c->nres, st->res + st->res_off[s], (size_t)c->nres * sizeof(int));
            }
        }
        for (int k = 0; k < c->nsess; k++)
            sv_state_unplace(st, c->sess[k]);
    }
    for (int k = 0; k < c->nsess && best_placed >= 0; k++)
        if (best_j[k] >= 0)
            sv_state_place(st, c->sess[k], best_j[k], best_res + k * c->nres);
}

int sv_construct(sv_state *st, uint64_t *rng, const double *boost)
{
    const sv_problem *p = st->p;
    course_key *order = ordo__malloc(((size_t)p->ncourses + 1) * sizeof *order);
    if (!order)
        return ORDO_ENOMEM;
    int n = 0;
    for (int ci = 0; ci < p->ncourses; ci++) {
        const sv_course *c = &p->courses[ci];
        if (!c->nsess)
            continue;
        int scarce = 1 << 30;
        for (int q = 0; q < c->nreq; q++)
            if (c->reqs[q].ncands - c->reqs[q].count + 1 < scarce)
                scarce = c->reqs[q].ncands - c->reqs[q].count + 1;
        if (!c->nreq)
            scarce = 1;
        /* chain slack: usable days beyond what the minimum gaps need */
        double slack = 1;
        if (c->nstarts && c->min_days_between > 0) {
            int days = c->starts[c->nstarts - 1].date - c->starts[0].date + 1;
            int need = (c->nsess + c->nfixed - 1) * c->min_days_between + 1;
            slack = days > need ? 1.0 + (double)(days - need) / days : 0.5;
        }
        double key = slack * c->nstarts * scarce / c->nsess;
        order[n++] = (course_key){ boost ? key * boost[ci] : key, ci };
    }
    qsort(order, (size_t)n, sizeof *order, cmp_key);
    /* scratch for the site trials: the sites, then the best sessions' starts and resources */
    size_t most = 1;
    for (int ci = 0; ci < p->ncourses; ci++)
        if ((size_t)p->courses[ci].nsess * (size_t)(1 + p->courses[ci].nres) > most)
            most = (size_t)p->courses[ci].nsess * (size_t)(1 + p->courses[ci].nres);
    int *sites = ordo__malloc((p->m->sites.n + 1) * sizeof *sites);
    int *buf = ordo__malloc(most * sizeof *buf);
    if (!sites || !buf) {
        ordo__free(order);
        ordo__free(sites);
        ordo__free(buf);
        return ORDO_ENOMEM;
    }
    if (p->stability)
        for (int s = 0; s < p->nsess; s++) {
            int j = p->prev_start[s];
            const int *pr = p->prev_res + p->res_off[s];
            if (j >= 0 && st->start[s] < 0 && sv_state_can_place(st, s, j, pr))
                sv_state_place(st, s, j, pr);
        }
    st->constructing = 1;
    /* the clock is read every CLOCK_EVERY sessions: a time limit holds during
     * construction too; sessions not reached stay unplaced */
    long done_sess = 0;
    for (int i = 0; i < n && !st->construct_timed_out; i++) {
        int ci = order[i].ci;
        if (st->course_placed[ci] == 0)
            place_course_best_site(st, ci, rng, &done_sess, sites, buf);
        else
            place_course(st, &p->courses[ci], rng, &done_sess);
    }
    st->constructing = 0;
    ordo__free(order);
    ordo__free(sites);
    ordo__free(buf);
    return ORDO_OK;
}

int sv_construct_rounds(sv_state *st, uint64_t *rng, int rounds)
{
    const sv_problem *p = st->p;
    int rc = ORDO_OK;
    double *boost = ordo__malloc(((size_t)p->ncourses + 1) * sizeof *boost);
    int *best = ordo__malloc(((size_t)p->nsess + 1) * sizeof *best);
    int *best_res = ordo__malloc(((size_t)st->res_off[p->nsess] + 1) * sizeof *best_res);
    int best_placed = -1;
    if (!boost || !best || !best_res) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    for (int ci = 0; ci < p->ncourses; ci++)
        boost[ci] = 1.0;
    for (int round = 0; round < rounds && !(round > 0 && st->construct_timed_out); round++) {
        for (int s = 0; s < p->nsess; s++)
            sv_state_unplace(st, s);
        ORDO_TRY(sv_construct(st, rng, boost));
        if (st->placed > best_placed) {
            best_placed = st->placed;
            memcpy(best, st->start, (size_t)p->nsess * sizeof *best);
            memcpy(best_res, st->res, (size_t)st->res_off[p->nsess] * sizeof *best_res);
        }
        int missing = 0;
        for (int s = 0; s < p->nsess; s++)
            if (st->start[s] < 0 && p->courses[p->sess_course[s]].nstarts) {
                boost[p->sess_course[s]] *= 0.1;
                missing = 1;
            }
        if (!missing)
            break;
    }
    for (int s = 0; s < p->nsess; s++)
        sv_state_unplace(st, s);
    for (int s = 0; s < p->nsess; s++)
        if (best[s] >= 0)
            sv_state_place(st, s, best[s], best_res + st->res_off[s]);
done:
    ordo__free(boost);
    ordo__free(best);
    ordo__free(best_res);
    return rc;
}
