/*
 * bound_lp_model.c — the aggregated course × start MILP of one part
 * (bound_lp_model.h).
 *
 * Columns: x (course c uses start j; binary, since a course's own sessions
 * never overlap), u (days a course falls short), z (course meets on a
 * date), i (a cohort's session starting in one group is isolated), e
 * (sessions short of big-enough rooms at one seat level). Every row holds
 * for every real plan that places all sessions (x read off the plan, the
 * other columns set to the plan's own counts), and the objective is then at
 * most the plan's cost of the part's terms: so the MILP optimum, and every
 * bound the branch-and-bound proves on it, is a lower bound on them.
 *
 * No time grid is assumed: overlap rows are written at the start times of
 * their columns (intervals that meet pairwise share the latest start), and a
 * session counts in the capacity rows of its own start only.
 */
#include "solver/bound_lp_model.h"
#include "solver/bound_lp.h"
#include "solver/milp.h"
#include "solver/sat.h"
#include "solver/search.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* GLPK's node bounds carry LP tolerances; a bound rounded up must first
 * lose more than they can add on objectives of this size. */
#define ROUND_SLACK 1e-4

typedef struct lpb {
    const sv_problem *p;
    sv_milp lp;
    int *start_off;     /* per course: offset of its starts in xcol[] (ncourses + 1) */
    int *xcol;          /* per (course, start): x column, or -1 */
    int nx;             /* x columns are 0..nx-1 */
    int *x_course, *x_start;
    const sv_lp_part *part;
    int *row_col;       /* the row being written */
    double *row_val;
    int row_n;
} lpb;

/* One x column listed under a group (entity, pool or cohort). */
typedef struct entry {
    int key;            /* group */
    ordo_date date;
    int t, dur, minute, col;
} entry;

static int in_part(const char *flags, int i) { return !flags || flags[i]; }

static const sv_start *x_start_of(const lpb *b, int col)
{
    return &b->p->courses[b->x_course[col]].starts[b->x_start[col]];
}

static int x_dur(const lpb *b, int col) { return b->p->courses[b->x_course[col]].duration; }

static entry make_entry(const lpb *b, int key, int col)
{
    const sv_start *a = x_start_of(b, col);
    return (entry){ key, a->date, a->t, x_dur(b, col), a->minute, col };
}

static int cmp_entry(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    if (a->t != b->t) return a->t < b->t ? -1 : 1;
    if (a->date != b->date) return a->date < b->date ? -1 : 1;
    if (a->dur != b->dur) return a->dur < b->dur ? -1 : 1;
    if (a->minute != b->minute) return a->minute < b->minute ? -1 : 1;
    return (a->col > b->col) - (a->col < b->col);
}

/* qsort with n = 0 may not be given the NULL of an empty list. */
static void sort_entries(entry *v, size_t n)
{
    if (n > 1)
        qsort(v, n, sizeof *v, cmp_entry);
}

static int push_entry(entry **v, size_t *n, size_t *cap, entry e)
{
    if (ORDO_GROW(*v, *cap, *n + 1) < 0)
        return ORDO_ENOMEM;
    (*v)[(*n)++] = e;
    return ORDO_OK;
}

static void row_push(lpb *b, int col, double val)
{
    b->row_col[b->row_n] = col;
    b->row_val[b->row_n++] = val;
}

static int row_add(lpb *b, double lb, double ub)
{
    int r = sv_milp_add_row(&b->lp, lb, ub, b->row_n, b->row_col, b->row_val);
    b->row_n = 0;
    if (r < 0)
        return r;
    return b->lp.nnz > SV_BOUND_LP_MAX_NONZEROS ? ORDO_EINVAL : ORDO_OK;
}

/* Number of candidates of requirement rq at site s. */
static int site_cands(const sv_problem *p, const sv_req *rq, int s)
{
    int n = 0;
    for (int k = 0; k < rq->ncands; k++)
        n += p->m->resources.v[rq->cands[k]].site == s;
    return n;
}

/* ---- x columns ------------------------------------------------------------ */

/* A start the course's frozen sessions leave open (sv_state_course_allows). */
static int start_open(const sv_course *c, const sv_start *a)
{
    for (int k = 0; k < c->nfixed; k++) {
        if (a->t < c->fixed_t[2 * k + 1] && c->fixed_t[2 * k] < a->t + c->duration)
            return 0;
        int apart = a->date > c->fixed_dates[k] ? a->date - c->fixed_dates[k] : c->fixed_dates[k] - a->date;
        if (c->min_days_between > 0 && apart < c->min_days_between)
            return 0;
    }
    return 1;
}

int sv_bound_lp_columns(const sv_problem *p)
{
    long n = 0;
    for (int ci = 0; ci < p->ncourses; ci++)
        if (p->courses[ci].nsess > 0)
            n += p->courses[ci].nstarts;
    return n > SV_BOUND_LP_MAX_COLUMNS ? -1 : (int)n;
}

static int add_x(lpb *b)
{
    const sv_problem *p = b->p;
    int rc = ORDO_OK;
    for (int ci = 0; ci < p->ncourses; ci++) {
        const sv_course *c = &p->courses[ci];
        b->start_off[ci + 1] = b->start_off[ci] + c->nstarts;
        for (int j = 0; j < c->nstarts; j++) {
            int *slot = &b->xcol[b->start_off[ci] + j];
            *slot = -1;
            if (!c->nsess || !in_part(b->part->scope, ci) || !start_open(c, &c->starts[j]))
                continue;
            int col = sv_milp_add_col(&b->lp, 0, 1, 0, 1);
            ORDO_TRY(col);
            *slot = col;
            b->x_course[col] = ci;
            b->x_start[col] = j;
            b->nx++;
        }
    }
    /* every session placed: sum_j x = sessions */
    for (int ci = 0; ci < p->ncourses; ci++) {
        const sv_course *c = &p->courses[ci];
        if (!c->nsess || !in_part(b->part->scope, ci))
            continue;
        for (int j = 0; j < c->nstarts; j++)
            if (b->xcol[b->start_off[ci] + j] >= 0)
                row_push(b, b->xcol[b->start_off[ci] + j], 1);
        if (b->row_n == 0) {            /* nothing open: keep the row infeasible */
            int col = sv_milp_add_col(&b->lp, 0, 0, 0, 0);
            ORDO_TRY(col);
            row_push(b, col, 1);
        }
        ORDO_TRY(row_add(b, c->nsess, c->nsess));
    }
done:
    return rc;
}

/* ---- no-overlap cliques ----------------------------------------------------- */

/* v[0..n) sorted by t: at each start time, the columns covering it <= 1. */
static int clique_rows(lpb *b, const entry *v, size_t n)
{
    int rc = ORDO_OK;
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && v[i + 1].t == v[i].t)
            continue;
        int t = v[i].t;
        for (size_t k = i + 1; k-- > 0 && v[k].t > t - b->p->max_duration;)
            if (v[k].t + v[k].dur > t)
                row_push(b, v[k].col, 1);
        if (b->row_n < 2)
            b->row_n = 0;
        else
            ORDO_TRY(row_add(b, -SV_INF, 1));
    }
done:
    return rc;
}

/* min_days_between: the course's columns within that many dates <= 1. */
static int gap_rows(lpb *b, const entry *v, size_t n, int gap)
{
    int rc = ORDO_OK;
    for (size_t i = 0; i < n; i++) {
        int seen = 0;
        for (size_t k = 0; k < i && !seen; k++)
            seen = v[k].date == v[i].date;
        if (seen)
            continue;
        for (size_t k = 0; k < n; k++)
            if (v[k].date >= v[i].date && v[k].date < v[i].date + gap)
                row_push(b, v[k].col, 1);
        if (b->row_n < 2)
            b->row_n = 0;
        else
            ORDO_TRY(row_add(b, -SV_INF, 1));
    }
done:
    return rc;
}

/* Groups that never hold two overlapping sessions: each course, each
 * resource a course must use at its start's site, each cohort. */
static int overlap_rows(lpb *b)
{
    const sv_problem *p = b->p;
    int rc = ORDO_OK;
    entry *v = NULL;
    size_t n = 0, cap = 0;
    for (int col = 0; col < b->nx; col++) {
        int ci = b->x_course[col];
        const sv_course *c = &p->courses[ci];
        int site = x_start_of(b, col)->site;
        ORDO_TRY(push_entry(&v, &n, &cap, make_entry(b, ci, col)));
        for (int q = 0; q < c->nreq; q++) {
            const sv_req *rq = &c->reqs[q];
            if (site_cands(p, rq, site) != rq->count)
                continue;
            for (int k = 0; k < rq->ncands; k++)
                if (p->m->resources.v[rq->cands[k]].site == site)
                    ORDO_TRY(push_entry(&v, &n, &cap, make_entry(b, p->ncourses + rq->cands[k], col)));
        }
        for (int k = 0; k < c->ncohorts; k++)
            ORDO_TRY(push_entry(&v, &n, &cap, make_entry(b, p->ncourses + c->cohorts[k], col)));
    }
    sort_entries(v, n);
    size_t m = 0;   /* drop repeats (a resource named by two requirement rows) */
    for (size_t i = 0; i < n; i++)
        if (!m || v[m - 1].key != v[i].key || v[m - 1].col != v[i].col)
            v[m++] = v[i];
    for (size_t a = 0; a < m;) {
        size_t e = a;
        while (e < m && v[e].key == v[a].key)
            e++;
        ORDO_TRY(clique_rows(b, v + a, e - a));
        if (v[a].key < p->ncourses && p->courses[v[a].key].min_days_between > 0)
            ORDO_TRY(gap_rows(b, v + a, e - a, p->courses[v[a].key].min_days_between));
        a = e;
    }
done:
    ordo__free(v);
    return rc;
}

/* ---- pools ---------------------------------------------------------------- */

typedef struct pool {
    int site;
    int *members;       /* resource indexes, ascending */
    int n;
} pool;

static int pool_find_or_add(pool **v, int *n, size_t *cap, int site, const int *members, int nm)
{
    for (int i = 0; i < *n; i++)
        if ((*v)[i].site == site && (*v)[i].n == nm &&
            memcmp((*v)[i].members, members, (size_t)nm * sizeof *members) == 0)
            return ORDO_OK;
    if (ORDO_GROW(*v, *cap, (size_t)*n + 1) < 0)
        return ORDO_ENOMEM;
    int *copy = ordo__malloc(((size_t)nm + 1) * sizeof *copy);
    if (!copy)
        return ORDO_ENOMEM;
    memcpy(copy, members, (size_t)nm * sizeof *copy);
    (*v)[(*n)++] = (pool){ site, copy, nm };
    return ORDO_OK;
}

/* Pools: all resources of one kind at a site, and each requirement's
 * candidates at a site when it has more than it uses. */
static int collect_pools(const lpb *b, pool **out, int *nout)
{
    const sv_problem *p = b->p;
    const ordo_model *m = p->m;
    int rc = ORDO_OK;
    size_t cap = 0;
    int *buf = ordo__malloc(((size_t)p->nres + 1) * sizeof *buf);
    if (!buf)
        return ORDO_ENOMEM;
    for (size_t s = 0; s < m->sites.n; s++)
        for (int kind = 0; kind < ORDO_KIND_COUNT; kind++) {
            int nm = 0;
            for (int r = 0; r < p->nres; r++)
                if (m->resources.v[r].site == (int)s && (int)m->resources.v[r].kind == kind)
                    buf[nm++] = r;
            if (nm)
                ORDO_TRY(pool_find_or_add(out, nout, &cap, (int)s, buf, nm));
        }
    for (int col = 0; col < b->nx; col++) {
        const sv_course *c = &p->courses[b->x_course[col]];
        int site = x_start_of(b, col)->site;
        if (col > 0 && b->x_course[col - 1] == b->x_course[col] && x_start_of(b, col - 1)->site == site)
            continue;
        for (int q = 0; q < c->nreq; q++) {
            int nm = 0;
            for (int k = 0; k < c->reqs[q].ncands; k++)
                if (m->resources.v[c->reqs[q].cands[k]].site == site)
                    buf[nm++] = c->reqs[q].cands[k];
            if (nm > c->reqs[q].count)
                ORDO_TRY(pool_find_or_add(out, nout, &cap, site, buf, nm));
        }
    }
done:
    ordo__free(buf);
    return rc;
}

/* Resources of pool P course c needs per session: the requirement rows whose
 * candidates at P's site all lie in P. */
static int pool_need(const sv_problem *p, const sv_course *c, const pool *P, const char *in_pool)
{
    int need = 0;
    for (int q = 0; q < c->nreq; q++) {
        const sv_req *rq = &c->reqs[q];
        int inside = 1, any = 0;
        for (int k = 0; k < rq->ncands && inside; k++) {
            int r = rq->cands[k];
            if (p->m->resources.v[r].site != P->site)
                continue;
            any = 1;
            inside = in_pool[r];
        }
        if (any && inside)
            need += rq->count;
    }
    return need;
}

/* At each start time: resources the covering columns need <= members free. */
static int pool_rows(lpb *b, const pool *P, char *in_pool, int *need, entry **v, size_t *vcap)
{
    const sv_problem *p = b->p;
    int rc = ORDO_OK;
    size_t n = 0;
    for (int k = 0; k < P->n; k++)
        in_pool[P->members[k]] = 1;
    for (int ci = 0; ci < p->ncourses; ci++)
        need[ci] = pool_need(p, &p->courses[ci], P, in_pool);
    for (int col = 0; col < b->nx; col++)
        if (need[b->x_course[col]] > 0 && x_start_of(b, col)->site == P->site)
            ORDO_TRY(push_entry(v, &n, vcap, make_entry(b, 0, col)));
    sort_entries(*v, n);
    const entry *e = *v;
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && e[i + 1].t == e[i].t)
            continue;
        int t = e[i].t, total = 0, free_now = 0;
        for (size_t k = i + 1; k-- > 0 && e[k].t > t - p->max_duration;)
            if (e[k].t + e[k].dur > t) {
                int nd = need[b->x_course[e[k].col]];
                row_push(b, e[k].col, nd);
                total += nd;
            }
        for (int k = 0; k < P->n; k++)
            free_now += sv_bit(sv_free_bits(p->free0, p, P->members[k]), t);
        if (total <= free_now)
            b->row_n = 0;
        else
            ORDO_TRY(row_add(b, -SV_INF, free_now));
    }
done:
    for (int k = 0; k < P->n; k++)
        in_pool[P->members[k]] = 0;
    return rc;
}

static int all_pool_rows(lpb *b)
{
    const sv_problem *p = b->p;
    int rc = ORDO_OK, npools = 0;
    pool *pools = NULL;
    entry *v = NULL;
    size_t vcap = 0;
    char *in_pool = ordo__calloc((size_t)p->nres + 1, 1);
    int *need = ordo__malloc(((size_t)p->ncourses + 1) * sizeof *need);
    if (!in_pool || !need) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    ORDO_TRY(collect_pools(b, &pools, &npools));
    for (int i = 0; i < npools; i++)
        ORDO_TRY(pool_rows(b, &pools[i], in_pool, need, &v, &vcap));
done:
    for (int i = 0; i < npools; i++)
        ordo__free(pools[i].members);
    ordo__free(pools);
    ordo__free(v);
    ordo__free(in_pool);
    ordo__free(need);
    return rc;
}

/* ---- minimum distinct days -------------------------------------------------- */

/* u >= W - F - sum_d z_d, z_d <= sum of x on date d, z_d <= 1, where F counts
 * the dates of frozen sessions (z only for other dates). */
static int min_days_rows(lpb *b)
{
    const sv_problem *p = b->p;
    int rc = ORDO_OK;
    int *zcols = NULL;
    ordo_date *dates = NULL;
    if (!p->w.min_days)
        return ORDO_OK;
    for (int ci = 0; ci < p->ncourses; ci++) {
        const sv_course *c = &p->courses[ci];
        if (!c->nsess || c->min_distinct_days <= 0 || !in_part(b->part->min_days, ci) ||
            !in_part(b->part->scope, ci))
            continue;
        int nf = 0;
        for (int k = 0; k < c->nfixed; k++) {
            int seen = 0;
            for (int i = 0; i < k && !seen; i++)
                seen = c->fixed_dates[i] == c->fixed_dates[k];
            nf += !seen;
        }
        int want = c->min_distinct_days - nf;
        if (want <= 0)
            continue;
        ordo__free(dates);
        ordo__free(zcols);
        dates = ordo__malloc(((size_t)c->nstarts + 1) * sizeof *dates);
        zcols = ordo__malloc(((size_t)c->nstarts + 1) * sizeof *zcols);
        if (!dates || !zcols) {
            rc = ORDO_ENOMEM;
            goto done;
        }
        int nd = 0;
        for (int j = 0; j < c->nstarts; j++) {
            ordo_date d = c->starts[j].date;
            int seen = b->xcol[b->start_off[ci] + j] < 0;
            for (int i = 0; i < nd && !seen; i++)
                seen = dates[i] == d;
            for (int k = 0; k < c->nfixed && !seen; k++)
                seen = c->fixed_dates[k] == d;
            if (!seen)
                dates[nd++] = d;
        }
        for (int i = 0; i < nd; i++) {
            ORDO_TRY(zcols[i] = sv_milp_add_col(&b->lp, 0, 1, 0, 0));
            row_push(b, zcols[i], 1);
            for (int j = 0; j < c->nstarts; j++) {
                int col = b->xcol[b->start_off[ci] + j];
                if (col >= 0 && c->starts[j].date == dates[i])
                    row_push(b, col, -1);
            }
            ORDO_TRY(row_add(b, -SV_INF, 0));
        }
        int u = sv_milp_add_col(&b->lp, 0, want, p->w.min_days, 1);
        ORDO_TRY(u);
        row_push(b, u, 1);
        for (int i = 0; i < nd; i++)
            row_push(b, zcols[i], 1);
        ORDO_TRY(row_add(b, want, SV_INF));
    }
done:
    ordo__free(dates);
    ordo__free(zcols);
    return rc;
}

/* ---- compactness -------------------------------------------------------------- */

/* Cohort `key`'s columns in v[0..n), sorted by (t, date, dur, minute). A
 * group is one (t, dur, minute): a real plan has at most one session in it
 * (they overlap). As in cost.c, its session is isolated unless the cohort is
 * busy at t - 1 (looked at when its local minute > 0 and t > 0) or at t + dur
 * (when it ends before midnight and the horizon). Busy means a kept session
 * there (then it is never isolated: no row) or a column ending at t /
 * starting at t + dur: i_g >= sum_g x - sum_neighbours x. */
static int compact_rows(lpb *b, int key, const entry *v, size_t n)
{
    const sv_problem *p = b->p;
    const sv_word *kept = sv_free_bits(p->free0, p, key);
    int rc = ORDO_OK;
    for (size_t a = 0; a < n;) {
        size_t e = a;
        while (e < n && v[e].t == v[a].t && v[e].dur == v[a].dur && v[e].minute == v[a].minute)
            e++;
        int t = v[a].t, end = t + v[a].dur;
        int look_before = v[a].minute > 0 && t > 0;
        int look_after = v[a].minute + v[a].dur < ORDO_MIN_PER_DAY && end < p->horizon;
        if ((look_before && !sv_bit(kept, t - 1)) || (look_after && !sv_bit(kept, end))) {
            a = e;
            continue;
        }
        int icol = sv_milp_add_col(&b->lp, 0, 1, p->w.compactness, 1);
        ORDO_TRY(icol);
        row_push(b, icol, 1);
        for (size_t k = a; k < e; k++)
            row_push(b, v[k].col, -1);
        for (size_t k = 0; k < n; k++)
            if ((look_before && v[k].t + v[k].dur == t) || (look_after && v[k].t == end))
                row_push(b, v[k].col, 1);
        ORDO_TRY(row_add(b, 0, SV_INF));
        a = e;
    }
done:
    return rc;
}

static int compactness_rows(lpb *b)
{
    const sv_problem *p = b->p;
    int rc = ORDO_OK;
    entry *v = NULL;
    size_t n = 0, cap = 0;
    char *whole = NULL;     /* per cohort: every course with sessions is in scope */
    if (!p->w.compactness)
        return ORDO_OK;
    if (!(whole = ordo__malloc((size_t)p->npseudo + 1))) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    memset(whole, 1, (size_t)p->npseudo + 1);
    for (int ci = 0; ci < p->ncourses; ci++)
        for (int k = 0; k < p->courses[ci].ncohorts; k++)
            if (p->courses[ci].nsess > 0 && !in_part(b->part->scope, ci))
                whole[p->courses[ci].cohorts[k] - p->nres] = 0;
    for (int col = 0; col < b->nx; col++) {
        const sv_course *c = &p->courses[b->x_course[col]];
        for (int k = 0; k < c->ncohorts; k++) {
            int q = c->cohorts[k] - p->nres;
            if (whole[q] && in_part(b->part->cohorts, q))
                ORDO_TRY(push_entry(&v, &n, &cap, make_entry(b, c->cohorts[k], col)));
        }
    }
    sort_entries(v, n);
    for (size_t a = 0; a < n;) {
        size_t e = a;
        while (e < n && v[e].key == v[a].key)
            e++;
        ORDO_TRY(compact_rows(b, v[a].key, v + a, e - a));
        a = e;
    }
done:
    ordo__free(whole);
    ordo__free(v);
    return rc;
}

/* ---- room capacity ----------------------------------------------------------- */

/* A requirement row whose rooms cost per missing seat. */
static int soft_room(const sv_req *rq)
{
    return rq->kind == ORDO_ROOM && rq->cap_penalty > 0 && rq->need_seats > 0;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Sessions starting together hold distinct rooms. At seat level s, at most
 * r_s of the n_s room slots needing >= s seats get a room with >= s seats
 * free at t, so sum over rooms of missing seats >= sum_s max(0, n_s - r_s)
 * (each slot short at level s pays at least the least penalty among them).
 * Levels are grouped between consecutive seat values (v[0..n) = the starting
 * columns). */
static int capacity_at(lpb *b, const entry *v, size_t n, const int *caps, int ncaps, int *vals)
{
    const sv_problem *p = b->p;
    int rc = ORDO_OK, nvals = 0;
    for (int k = 0; k < ncaps; k++)
        vals[nvals++] = caps[k];
    for (size_t i = 0; i < n; i++) {
        const sv_course *c = &p->courses[b->x_course[v[i].col]];
        for (int q = 0; q < c->nreq; q++)
            if (soft_room(&c->reqs[q]))
                vals[nvals++] = c->reqs[q].need_seats;
    }
    qsort(vals, (size_t)nvals, sizeof *vals, cmp_int);
    int lo = 0;
    for (int a = 0; a < nvals; a++) {
        int hi = vals[a];
        if (hi <= lo)
            continue;
        int r = 0, slots = 0, pmin = 0;
        for (int k = 0; k < ncaps; k++)
            r += caps[k] >= hi;
        for (size_t i = 0; i < n; i++) {
            const sv_course *c = &p->courses[b->x_course[v[i].col]];
            int cnt = 0;
            for (int q = 0; q < c->nreq; q++) {
                const sv_req *rq = &c->reqs[q];
                if (soft_room(rq) && rq->need_seats >= hi) {
                    cnt += rq->count;
                    if (!pmin || rq->cap_penalty < pmin)
                        pmin = rq->cap_penalty;
                }
            }
            if (cnt)
                row_push(b, v[i].col, -cnt);
            slots += cnt;
        }
        if (slots > r && r < ncaps) {
            int ecol = sv_milp_add_col(&b->lp, 0, slots - r, (double)(hi - lo) * pmin, 1);
            ORDO_TRY(ecol);
            row_push(b, ecol, 1);
            ORDO_TRY(row_add(b, -r, SV_INF));
        }
        b->row_n = 0;
        lo = hi;
    }
done:
    b->row_n = 0;
    return rc;
}

/* Per site and start time: the rooms that some soft room row may take. */
static int capacity_rows(lpb *b)
{
    const sv_problem *p = b->p;
    const ordo_model *m = p->m;
    int rc = ORDO_OK, *caps = NULL, *vals = NULL;
    char *usable = ordo__calloc((size_t)p->nres + 1, 1);
    entry *v = NULL;
    size_t n = 0, cap = 0, nslots = 0;
    if (!usable)
        return ORDO_ENOMEM;
    for (int col = 0; col < b->nx; col++) {
        const sv_course *c = &p->courses[b->x_course[col]];
        int site = x_start_of(b, col)->site, soft = 0;
        for (int q = 0; q < c->nreq && in_part(b->part->capacity, b->x_course[col]); q++) {
            if (!soft_room(&c->reqs[q]))
                continue;
            soft++;
            for (int k = 0; k < c->reqs[q].ncands; k++)
                if (m->resources.v[c->reqs[q].cands[k]].site == site)
                    usable[c->reqs[q].cands[k]] = 1;
        }
        if (soft) {
            ORDO_TRY(push_entry(&v, &n, &cap, make_entry(b, site, col)));
            nslots += (size_t)soft;
        }
    }
    caps = ordo__malloc(((size_t)p->nres + 1) * sizeof *caps);
    vals = ordo__malloc(((size_t)p->nres + nslots + 1) * sizeof *vals);
    if (!caps || !vals) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    sort_entries(v, n);
    for (size_t a = 0; a < n;) {
        size_t e = a;
        while (e < n && v[e].key == v[a].key && v[e].t == v[a].t)
            e++;
        int ncaps = 0;
        for (int r = 0; r < p->nres; r++)
            if (usable[r] && m->resources.v[r].site == v[a].key &&
                sv_bit(sv_free_bits(p->free0, p, r), v[a].t))
                caps[ncaps++] = m->resources.v[r].capacity;
        ORDO_TRY(capacity_at(b, v + a, e - a, caps, ncaps, vals));
        a = e;
    }
done:
    ordo__free(usable);
    ordo__free(caps);
    ordo__free(vals);
    ordo__free(v);
    return rc;
}

/* ---- solve ------------------------------------------------------------------ */

static int build(lpb *b)
{
    int rc = ORDO_OK;
    ORDO_TRY(add_x(b));
    ORDO_TRY(overlap_rows(b));
    ORDO_TRY(all_pool_rows(b));
    ORDO_TRY(min_days_rows(b));
    ORDO_TRY(compactness_rows(b));
    ORDO_TRY(capacity_rows(b));
done:
    return rc;
}

/* The proven bound of a finished solve, or 0 when there is none. */
static double proven_bound(const sv_milp *lp, const sv_milp_result *res)
{
    double v = 0;
    if (res->status == SV_MILP_OPTIMAL)
        v = res->obj;
    else if (res->status == SV_MILP_FEASIBLE)  /* nodes cut off by the incumbent */
        v = res->bound < res->obj ? res->bound : res->obj;
    else if (res->status == SV_MILP_NO_SOLUTION)
        v = res->bound;
    if (!(v > 0))
        return 0;
    for (int j = 0; j < lp->ncols; j++)
        if (lp->col_cost[j] != floor(lp->col_cost[j]))
            return v;
    v = ceil(v - ROUND_SLACK);
    return v > 0 ? v : 0;
}

static void lpb_free(lpb *b)
{
    sv_milp_free(&b->lp);
    ordo__free(b->start_off);
    ordo__free(b->xcol);
    ordo__free(b->x_course);
    ordo__free(b->x_start);
    ordo__free(b->row_col);
    ordo__free(b->row_val);
}

/* Builds the part's MILP into *b; *ncols = its x columns (0: nothing to
 * solve, b is then empty). */
static int lpb_build(lpb *b, const sv_problem *p, const sv_lp_part *part, size_t *ncols)
{
    size_t nstarts = 0;
    *ncols = 0;
    for (int ci = 0; ci < p->ncourses; ci++) {
        nstarts += (size_t)p->courses[ci].nstarts;
        if (p->courses[ci].nsess > 0 && in_part(part->scope, ci))
            *ncols += (size_t)p->courses[ci].nstarts;
    }
    if (*ncols == 0)
        return ORDO_OK;
    b->p = p;
    b->part = part;
    sv_milp_init(&b->lp);
    b->start_off = ordo__calloc((size_t)p->ncourses + 1, sizeof *b->start_off);
    b->xcol = ordo__malloc((nstarts + 1) * sizeof *b->xcol);
    b->x_course = ordo__malloc((*ncols + 1) * sizeof *b->x_course);
    b->x_start = ordo__malloc((*ncols + 1) * sizeof *b->x_start);
    b->row_col = ordo__malloc((*ncols + 2) * sizeof *b->row_col);
    b->row_val = ordo__malloc((*ncols + 2) * sizeof *b->row_val);
    if (!b->start_off || !b->xcol || !b->x_course || !b->x_start || !b->row_col || !b->row_val)
        return ORDO_ENOMEM;
    return build(b);
}

int sv_bound_lp_part(const sv_problem *p, const sv_lp_part *part, long node_limit,
                     double time_limit_s, double *out, long *out_nodes, int *out_solved)
{
    int rc = ORDO_OK;
    lpb b = { 0 };
    sv_milp_result res = { 0 };
    size_t ncols = 0;
    *out = 0;
    *out_nodes = 0;
    *out_solved = 1;
    ORDO_TRY(lpb_build(&b, p, part, &ncols));
    if (ncols == 0)
        goto done;
    if (!(res.x = ordo__malloc((size_t)b.lp.ncols * sizeof *res.x))) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    sv_milp_opts o = { 0, node_limit, time_limit_s, 1 };
    ORDO_TRY(sv_milp_solve(&b.lp, &o, &res));
    if (res.status == SV_MILP_ERROR) {
        rc = ORDO_ESOLVER;
        goto done;
    }
    *out_nodes = res.nodes;
    *out_solved = res.status == SV_MILP_OPTIMAL || res.status == SV_MILP_INFEASIBLE;
    *out = proven_bound(&b.lp, &res);
done:
    lpb_free(&b);
    ordo__free(res.x);
    return rc;
}

int sv_bound_sat_part(const sv_problem *p, const sv_lp_part *part, double from, double stop, long effort,
                      double time_limit_s, double *out, int *out_solved)
{
    int rc = ORDO_OK;
    lpb b = { 0 };
    size_t ncols = 0;
    sv_sat_status st = SV_SAT_UNKNOWN;
    double v = 0;
    *out = 0;
    *out_solved = 1;
    ORDO_TRY(lpb_build(&b, p, part, &ncols));
    if (ncols == 0)
        goto done;
    ORDO_TRY(sv_milp_sat_bound(&b.lp, from, stop, effort, time_limit_s > 0 ? sv_now() + time_limit_s : 0, &v, &st));
    *out_solved = st != SV_SAT_UNKNOWN;
    *out = st == SV_SAT_UNSAT ? 0 : v;     /* no plan at all: 0, as the MILP gives */
done:
    lpb_free(&b);
    return rc;
}
