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

/* Work units (enumerated choices and DP transitions) for the exact cohort
 * bounds of one problem; past it, cohorts keep the simple formula. A count,
 * not a clock: the bound is the same on every machine. The 21 ITC-2007
 * instances need at most 1.7e8 (comp11, comp05, comp12), about 1.4 s on
 * the 2-core benchmark machine; at 1e8 comp12's bound was 20, not 32
 * (benchmarks/README.md, stop 24). */
#define SV_BOUND_COHORT_WORK 200000000L
/* With a time limit, at most this much work per second of it (about 1/60
 * of the time at ~1.2e8 units a second; from 100 s on, the whole budget;
 * at 2e5, a 150 s ITC run lost 1-4 of the bound on seven instances):
 * still a count, fixed by the options. */
#define SV_BOUND_COHORT_WORK_PER_S 2000000.0

static int cmp_date(const void *a, const void *b)
{
    ordo_date x = *(const ordo_date *)a, y = *(const ordo_date *)b;
    return (x > y) - (x < y);
}

/* Whether a session of c could start at starts[j] with every other course
 * absent: each requirement row has `count` candidates at the start's site
 * free over the session (working hours, time off, frozen bookings) and the
 * course's cohorts are free. Costs bounded by checking only as many
 * candidates as it takes. */
static int start_possible(const sv_problem *p, const sv_course *c, int j)
{
    const sv_start *a = &c->starts[j];
    int e = a->t + c->duration;
    for (int k = 0; k < c->ncohorts; k++)
        if (!sv_bits_all(sv_free_bits(p->free0, p, c->cohorts[k]), a->t, e))
            return 0;
    for (int q = 0; q < c->nreq; q++) {
        const sv_req *rq = &c->reqs[q];
        int n = 0;
        for (int k = 0; k < rq->ncands && n < rq->count; k++) {
            int r = rq->cands[k];
            n += p->m->resources.v[r].site == a->site && sv_bits_all(sv_free_bits(p->free0, p, r), a->t, e);
        }
        if (n < rq->count)
            return 0;
    }
    return 1;
}

/* The course's possible dates (those with a possible start, start_possible,
 * and when r >= 0 where resource r, at the start's site, is free over the
 * session), sorted and distinct, in a new array (*out). */
static int course_dates_with(const sv_problem *p, const sv_course *c, int r, ordo_date **out)
{
    ordo_date *D = ordo__malloc(sizeof *D * ((size_t)c->nstarts + 1));
    if (!D)
        return -1;
    int n = 0;
    for (int j = 0; j < c->nstarts; j++)
        if ((n == 0 || D[n - 1] != c->starts[j].date) &&
            (r < 0 || (p->m->resources.v[r].site == c->starts[j].site &&
                       sv_bits_all(sv_free_bits(p->free0, p, r), c->starts[j].t, c->starts[j].t + c->duration))) &&
            start_possible(p, c, j))
            D[n++] = c->starts[j].date;
    qsort(D, (size_t)n, sizeof *D, cmp_date);
    int m = 0;
    for (int j = 0; j < n; j++)
        if (m == 0 || D[m - 1] != D[j])
            D[m++] = D[j];
    *out = D;
    return m;
}

static int course_dates(const sv_problem *p, const sv_course *c, ordo_date **out)
{
    return course_dates_with(p, c, -1, out);
}

double sv_bound_spread_with(const sv_problem *p, const sv_course *c, int r)
{
    int n = c->nsess;
    if (!p->w.spread || n < 2 || c->nfixed || !c->nstarts || c->ideal_gap <= 0)
        return 0;
    ordo_date *D = NULL;
    double *f = NULL, *g = NULL;
    int m = course_dates_with(p, c, r, &D);
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
        best = r < 0 ? 0 : -1;   /* not even placeable alone: no claim (with r: r cannot take them all) */
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
    int distinct = course_dates(p, c, &D);
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

/* Most distinct days course c can use (its possible dates, at most one per
 * session), or -1 on allocation failure. */
static int course_reach(const sv_problem *p, const sv_course *c)
{
    ordo_date *D = NULL;
    int distinct = course_dates(p, c, &D);
    ordo__free(D);
    return distinct < 0 ? -1 : (distinct < c->nsess ? distinct : c->nsess);
}

/* A cohort whose sessions are all placed in this run (no member course has
 * frozen sessions, its free bits are all free): its compactness depends on
 * this run only. */
static int cohort_free(const sv_problem *p, int k)
{
    for (int ci = 0; ci < p->ncourses; ci++)
        for (int i = 0; i < p->courses[ci].ncohorts; i++)
            if (p->courses[ci].cohorts[i] == p->nres + k && p->courses[ci].nfixed)
                return 0;
    return sv_bits_all(sv_free_bits(p->free0, p, p->nres + k), 0, p->horizon);
}

/* Minimum distinct days and compactness together (see the file comment of
 * bound.h). Cohort k with T sessions spread over D distinct dates: a date
 * with one session of the cohort has it isolated, a date with more holds at
 * least two, so at least 2D - T sessions are isolated; each member course c
 * uses at most min(D, reach_c) dates, so it misses at least
 * W_c - min(D, reach_c) of its W_c days. Each course's min-days term is
 * given to at most one cohort (its owner) so no term is counted twice; a
 * cohort's value is the larger of the least over D = 1..T of
 * w_compact (2D - T)+ + sum over its owned courses w_days (W_c - min(D, reach_c))+
 * and the exact DP of bound_cohort.c on the same terms. Owners: cohorts in
 * decreasing order of what owning all their courses adds to their value
 * take the courses not yet taken. The bound is the sum of the usable
 * cohorts' values plus min_days_bound of every course owned by none.
 * *compact_only gets the compactness part alone (cohorts with one session).
 * Returns -1 when it does not apply (no compactness weight, no cohort) or
 * on allocation failure. */

#define MAX_EXACT_MEMBERS 8

typedef struct cohort_work {
    const sv_problem *p;
    const int *T, *reach;
    long budget;
} cohort_work;

/* Courses of cohort k with sessions in this run into members[] (at most
 * MAX_EXACT_MEMBERS kept; the count is returned). */
static int cohort_members(const sv_problem *p, int k, int *members)
{
    int nm = 0;
    for (int ci = 0; ci < p->ncourses; ci++) {
        const sv_course *c = &p->courses[ci];
        for (int i = 0; i < c->ncohorts && c->nsess; i++)
            if (c->cohorts[i] == p->nres + k) {
                if (nm < MAX_EXACT_MEMBERS)
                    members[nm] = ci;
                nm++;
                break;
            }
    }
    return nm;
}

/* The bound of cohort k's compactness plus the min days of its members
 * marked owned (the simple formula, or the exact DP when larger). */
static double cohort_value(cohort_work *cw, int k, const int *members, int nm, const char *owned)
{
    const sv_problem *p = cw->p;
    int T = cw->T[k];
    double best = -1;
    for (int D = 1; D <= T; D++) {
        double v = (2 * D > T ? (double)(2 * D - T) * p->w.compactness : 0);
        for (int i = 0; i < nm && i < MAX_EXACT_MEMBERS; i++) {
            const sv_course *c = &p->courses[members[i]];
            int r = cw->reach[members[i]], used = D < r ? D : r;
            if (owned[i] && c->min_distinct_days > used)
                v += (double)(c->min_distinct_days - used) * p->w.min_days;
        }
        if (best < 0 || v < best)
            best = v;
    }
    double exact = nm <= MAX_EXACT_MEMBERS ? sv_bound_cohort(p, members, nm, owned, &cw->budget) : -1;
    return exact > best ? exact : best;
}

/* Compactness alone: a usable cohort with one session has it isolated. */
static double single_session_cohorts(const sv_problem *p)
{
    double v = 0;
    if (!p->w.compactness)
        return 0;
    for (int k = 0; k < p->npseudo; k++) {
        int T = 0;
        for (int ci = 0; ci < p->ncourses; ci++)
            for (int i = 0; i < p->courses[ci].ncohorts; i++)
                T += p->courses[ci].cohorts[i] == p->nres + k ? p->courses[ci].nsess : 0;
        if (T == 1 && cohort_free(p, k))
            v += p->w.compactness;
    }
    return v;
}

static double days_compactness_bound(const sv_problem *p, double *compact_only)
{
    double total = 0;
    *compact_only = 0;
    if (!p->w.compactness || !p->npseudo)
        return -1;
    int *T = ordo__calloc((size_t)p->npseudo + 1, sizeof *T), *owner = ordo__calloc((size_t)p->ncourses + 1, sizeof *owner);
    int *reach = ordo__calloc((size_t)p->ncourses + 1, sizeof *reach), *order = ordo__calloc((size_t)p->npseudo + 1, sizeof *order);
    double *gain = ordo__calloc((size_t)p->npseudo + 1, sizeof *gain), *all = ordo__calloc((size_t)p->npseudo + 1, sizeof *all);
    char *usable = ordo__calloc((size_t)p->npseudo + 1, 1);
    cohort_work cw = { p, T, reach, SV_BOUND_COHORT_WORK };
    if (p->opts.time_limit_s > 0 && p->opts.time_limit_s * SV_BOUND_COHORT_WORK_PER_S < cw.budget)
        cw.budget = (long)(p->opts.time_limit_s * SV_BOUND_COHORT_WORK_PER_S);   /* a short run keeps its time */
    int members[MAX_EXACT_MEMBERS], nm, norder = 0;
    char owned[MAX_EXACT_MEMBERS];
    if (!T || !owner || !reach || !usable || !order || !gain || !all) {
        total = -1;
        goto done;
    }
    for (int k = 0; k < p->npseudo; k++)
        usable[k] = (char)cohort_free(p, k);
    for (int ci = 0; ci < p->ncourses; ci++) {
        const sv_course *c = &p->courses[ci];
        owner[ci] = -1;
        if ((reach[ci] = course_reach(p, c)) < 0) {
            total = -1;
            goto done;
        }
        for (int i = 0; i < c->ncohorts; i++)
            T[c->cohorts[i] - p->nres] += c->nsess;
    }
    /* what owning all its courses adds to each usable cohort's value */
    for (int k = 0; k < p->npseudo; k++) {
        if (!usable[k] || !T[k])
            continue;
        nm = cohort_members(p, k, members);
        memset(owned, 1, sizeof owned);
        all[k] = cohort_value(&cw, k, members, nm, owned);
        memset(owned, 0, sizeof owned);
        gain[k] = all[k] - cohort_value(&cw, k, members, nm, owned);
        order[norder++] = k;
    }
    for (int a = 1; a < norder; a++)   /* insertion sort: gain descending, index ascending */
        for (int b = a; b > 0 && gain[order[b]] > gain[order[b - 1]]; b--) {
            int x = order[b];
            order[b] = order[b - 1];
            order[b - 1] = x;
        }
    for (int a = 0; a < norder; a++) {
        int k = order[a];
        nm = cohort_members(p, k, members);
        for (int ci = 0; ci < p->ncourses; ci++)
            for (int i = 0; i < p->courses[ci].ncohorts && owner[ci] < 0 && p->courses[ci].nsess; i++)
                if (p->courses[ci].cohorts[i] == p->nres + k)
                    owner[ci] = k;
    }
    for (int ci = 0; ci < p->ncourses; ci++)
        if (owner[ci] < 0 && p->courses[ci].nsess)
            total += min_days_bound(p, &p->courses[ci]);
    for (int a = 0; a < norder; a++) {
        int k = order[a];
        int nowned = 0;
        nm = cohort_members(p, k, members);
        for (int i = 0; i < nm && i < MAX_EXACT_MEMBERS; i++)
            nowned += owned[i] = (char)(owner[members[i]] == k);
        if (nm > MAX_EXACT_MEMBERS) {
            /* beyond the kept members: their min days are counted alone */
            for (int ci = 0; ci < p->ncourses; ci++) {
                int kept = 0;
                for (int i = 0; i < MAX_EXACT_MEMBERS; i++)
                    kept |= members[i] == ci;
                if (owner[ci] == k && !kept)
                    total += min_days_bound(p, &p->courses[ci]);
            }
        }
        if (nowned == nm)
            total += all[k];   /* computed above with every member owned */
        else if (nowned == 0)
            total += all[k] - gain[k];
        else
            total += cohort_value(&cw, k, members, nm, owned);
        if (T[k] == 1)
            *compact_only += p->w.compactness;
    }
done:
    ordo__free(T);
    ordo__free(owner);
    ordo__free(reach);
    ordo__free(usable);
    ordo__free(order);
    ordo__free(gain);
    ordo__free(all);
    return total;
}

static double bound_parts(const sv_problem *p, int *weak, sv_cost_parts *parts, int joint_wanted);

double sv_bound_parts(const sv_problem *p, int *weak, sv_cost_parts *parts)
{
    return bound_parts(p, weak, parts, 1);
}

double sv_bound_goal_parts(const sv_problem *p, int *weak, sv_cost_parts *parts)
{
    return bound_parts(p, weak, parts, 0);
}

static double bound_parts(const sv_problem *p, int *weak, sv_cost_parts *parts, int joint_wanted)
{
    sv_cost_parts local = { 0 };
    sv_cost_parts *pp = parts ? parts : &local;
    *pp = (sv_cost_parts){ 0 };
    for (int ci = 0; ci < p->ncourses; ci++) {
        const sv_course *c = &p->courses[ci];
        if (!c->nsess)
            continue;
        pp->spread += sv_bound_spread_with(p, c, -1);
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
    double compact_only = 0, joint = joint_wanted ? days_compactness_bound(p, &compact_only) : -1;
    if (!joint_wanted)
        compact_only = single_session_cohorts(p);
    pp->compactness = compact_only;
    *weak = p->w.compactness != 0;   /* compactness: only the MILP bound (bound_lp.h) sees it whole */
    double days_cmp = pp->min_days + pp->compactness;
    if (joint > days_cmp)
        days_cmp = joint;   /* the two goals' joint bound: more than their separate ones */
    pp->days_compactness = days_cmp;
    return pp->same_person + pp->same_room + pp->spread + pp->load + days_cmp + pp->capacity;
}

double sv_bound(const sv_problem *p, int *weak)
{
    return sv_bound_parts(p, weak, NULL);
}
