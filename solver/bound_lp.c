/*
 * bound_lp.c — the MILP lower bound of bound_lp.h: a sum of small MILPs
 * whose cost terms are disjoint (bound_lp_model.h), plus the per-course
 * spread bound of bound.h.
 *
 * The whole course × start MILP has a weak relaxation and GLPK rarely moves
 * its bound in seconds; parts of a few cohorts are solved to optimality
 * quickly and their optima add up. Every cohort's compactness and every
 * course's minimum distinct days lands in exactly one part; room capacity
 * is one more part over all courses (rooms are shared by everyone). Parts
 * are built twice, small then larger, and the better sum is kept; last, on
 * small problems and if a quarter of the time limit is left, the whole MILP
 * (all terms at once: exact, but slow on big problems) gets it, and the
 * better of the two bounds is returned. Each stage gets a share of the time
 * limit; the node limit applies to every MILP.
 */
#include "solver/bound_lp.h"
#include "solver/bound.h"
#include "solver/bound_lp_model.h"
#include "solver/search.h"

#include <string.h>

#define SMALL_PARTS 10          /* courses per part, first stage */
#define LARGE_PARTS 20          /* courses per part, third stage */
#define SMALL_SHARE 0.5         /* of the time limit: small parts */
#define CAPACITY_SHARE 0.15     /* of the time limit at most: the capacity part */
#define LARGE_SHARE 0.7         /* of the time left: larger parts */
#define WHOLE_MIN_SHARE 0.25    /* the whole MILP runs only if this share of the limit is left */
#define WHOLE_MAX_COLUMNS 1500  /* ... and has at most this many x columns (bigger roots take seconds) */
#define SAT_SHARE 0.3           /* of the time limit: the SAT stage, which runs last */
#define SAT_EFFORT_PER_NODE 100000L /* propagations per MILP node of the limit (deterministic runs) */

/* The per-course spread bound of bound.h alone: sv_bound on a shallow copy
 * with every other weight 0 and no requirement rows (its capacity term). */
static int spread_bound(const sv_problem *p, double *out)
{
    *out = 0;
    if (!p->w.spread)
        return ORDO_OK;
    sv_problem q = *p;
    q.courses = ordo__malloc(((size_t)p->ncourses + 1) * sizeof *q.courses);
    if (!q.courses)
        return ORDO_ENOMEM;
    for (int ci = 0; ci < p->ncourses; ci++) {
        q.courses[ci] = p->courses[ci];
        q.courses[ci].nreq = 0;
    }
    q.w = (ordo_weights){ 0 };
    q.w.spread = p->w.spread;
    int weak;
    *out = sv_bound(&q, &weak);
    ordo__free(q.courses);
    return ORDO_OK;
}

/* ---- parts ------------------------------------------------------------------- */

typedef struct parts {
    int n, cap;
    char *scope;        /* n x ncourses */
    char *min_days;     /* n x ncourses */
    char *cohorts;      /* n x npseudo */
    int *size;          /* courses in each scope */
} parts;

static void parts_free(parts *P)
{
    ordo__free(P->scope);
    ordo__free(P->min_days);
    ordo__free(P->cohorts);
    ordo__free(P->size);
}

static int parts_add(parts *P, const sv_problem *p)
{
    size_t nc = (size_t)p->ncourses + 1, nk = (size_t)p->npseudo + 1;
    if (P->n == P->cap) {
        int cap = P->cap ? 2 * P->cap : 8;
        char *a = ordo__realloc(P->scope, (size_t)cap * nc);
        if (a) P->scope = a;
        char *b = ordo__realloc(P->min_days, (size_t)cap * nc);
        if (b) P->min_days = b;
        char *c = ordo__realloc(P->cohorts, (size_t)cap * nk);
        if (c) P->cohorts = c;
        int *d = ordo__realloc(P->size, (size_t)cap * sizeof *d);
        if (d) P->size = d;
        if (!a || !b || !c || !d)
            return ORDO_ENOMEM;
        P->cap = cap;
    }
    memset(P->scope + (size_t)P->n * nc, 0, nc);
    memset(P->min_days + (size_t)P->n * nc, 0, nc);
    memset(P->cohorts + (size_t)P->n * nk, 0, nk);
    P->size[P->n] = 0;
    return P->n++;
}

static char *part_scope(const parts *P, const sv_problem *p, int i)
{
    return P->scope + (size_t)i * ((size_t)p->ncourses + 1);
}

static char *part_min_days(const parts *P, const sv_problem *p, int i)
{
    return P->min_days + (size_t)i * ((size_t)p->ncourses + 1);
}

static char *part_cohorts(const parts *P, const sv_problem *p, int i)
{
    return P->cohorts + (size_t)i * ((size_t)p->npseudo + 1);
}

/* Cohorts, biggest first, each joins the part sharing most of its courses
 * while that part stays within `limit` courses (else opens a part); each
 * course's own terms go to the first part holding it; courses of no cohort
 * fill parts of `limit`. Every term lands in exactly one part, and a cohort's
 * part holds all its courses. */
static int make_parts(parts *P, const sv_problem *p, int limit)
{
    int rc = ORDO_OK, nk = p->npseudo;
    int *order = ordo__malloc(((size_t)nk + 1) * sizeof *order);
    int *members = ordo__calloc((size_t)nk + 1, sizeof *members);
    if (!order || !members) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    for (int ci = 0; ci < p->ncourses; ci++)
        if (p->courses[ci].nsess > 0)
            for (int k = 0; k < p->courses[ci].ncohorts; k++)
                members[p->courses[ci].cohorts[k] - p->nres]++;
    for (int k = 0; k < nk; k++)
        order[k] = k;
    for (int a = 1; a < nk; a++)   /* insertion sort: members desc, index asc */
        for (int i = a; i > 0 && members[order[i]] > members[order[i - 1]]; i--) {
            int t = order[i]; order[i] = order[i - 1]; order[i - 1] = t;
        }
    for (int oi = 0; oi < nk; oi++) {
        int k = order[oi], best = -1, best_overlap = 0;
        if (!members[k])
            continue;
        for (int i = 0; i < P->n; i++) {
            const char *sc = part_scope(P, p, i);
            int overlap = 0;
            for (int ci = 0; ci < p->ncourses; ci++)
                if (p->courses[ci].nsess > 0 && sc[ci])
                    for (int q = 0; q < p->courses[ci].ncohorts; q++)
                        overlap += p->courses[ci].cohorts[q] - p->nres == k;
            if (overlap > best_overlap && P->size[i] + members[k] - overlap <= limit) {
                best = i;
                best_overlap = overlap;
            }
        }
        if (best < 0)
            ORDO_TRY(best = parts_add(P, p));
        char *sc = part_scope(P, p, best);
        part_cohorts(P, p, best)[k] = 1;
        for (int ci = 0; ci < p->ncourses; ci++)
            if (p->courses[ci].nsess > 0 && !sc[ci])
                for (int q = 0; q < p->courses[ci].ncohorts; q++)
                    if (p->courses[ci].cohorts[q] - p->nres == k) {
                        sc[ci] = 1;
                        P->size[best]++;
                    }
    }
    int loose = -1;
    for (int ci = 0; ci < p->ncourses; ci++) {
        if (!p->courses[ci].nsess)
            continue;
        int home = -1;
        for (int i = 0; i < P->n && home < 0; i++)
            if (part_scope(P, p, i)[ci])
                home = i;
        if (home < 0) {
            if (loose < 0 || P->size[loose] >= limit)
                ORDO_TRY(loose = parts_add(P, p));
            home = loose;
            part_scope(P, p, home)[ci] = 1;
            P->size[home]++;
        }
        part_min_days(P, p, home)[ci] = 1;
    }
done:
    ordo__free(order);
    ordo__free(members);
    return rc;
}

/* Solve every part within `budget` seconds (<= 0: node limits only): first
 * an equal share each, then the time left over on the parts that did not
 * finish; *out = sum of the parts' best bounds. */
static int parts_bound(const sv_problem *p, const parts *P, const char *none, long node_limit,
                       double budget, double *out, long *nodes)
{
    int rc = ORDO_OK;
    double t_end = sv_now() + budget;
    double *best = ordo__calloc((size_t)P->n + 1, sizeof *best);
    char *open = ordo__calloc((size_t)P->n + 1, 1);
    *out = 0;
    if (!best || !open) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    for (int pass = 0; pass < 2; pass++) {
        int todo = 0;
        for (int i = 0; i < P->n; i++)
            todo += pass == 0 || open[i];
        for (int i = 0; i < P->n; i++) {
            if (pass == 1 && !open[i])
                continue;
            double left = budget > 0 ? (t_end - sv_now()) / todo : 0;
            todo--;
            if (budget > 0 && left <= 0.01)
                break;
            sv_lp_part part = { part_scope(P, p, i), part_min_days(P, p, i), none,
                                part_cohorts(P, p, i) };
            double v = 0;
            long used = 0;
            int solved = 0;
            ORDO_TRY(sv_bound_lp_part(p, &part, node_limit, left, &v, &used, &solved));
            if (v > best[i])
                best[i] = v;
            open[i] = !solved;
            *nodes += used;
        }
        if (budget <= 0)
            break;      /* a second pass under the same node limit would repeat the first */
    }
    for (int i = 0; i < P->n; i++)
        *out += best[i];
done:
    ordo__free(best);
    ordo__free(open);
    return rc;
}

static int staged_parts(const sv_problem *p, int limit, const char *none, long node_limit,
                        double budget, double *out, long *nodes)
{
    int rc = ORDO_OK;
    parts P = { 0 };
    ORDO_TRY(make_parts(&P, p, limit));
    ORDO_TRY(parts_bound(p, &P, none, node_limit, budget, out, nodes));
done:
    parts_free(&P);
    return rc;
}

/* The SAT stage: every minimum-days and compactness term at once (room
 * capacity is the capacity part's), decided by SAT (bound_lp_model.h:
 * sv_bound_sat_part) within `budget` seconds (<= 0: the node limit's
 * effort only), counting up from `from` (the parts' sum on the same
 * terms). Skipped when no term is there to bound. A MILP the SAT encoding
 * cannot take (sat.h) leaves *out at 0. */
static int sat_stage(const sv_problem *p, const char *none, long node_limit, double budget,
                     double from, double *out)
{
    int any = p->w.compactness > 0;
    for (int ci = 0; ci < p->ncourses && !any; ci++)
        any = p->w.min_days > 0 && p->courses[ci].nsess > 0 && p->courses[ci].min_distinct_days > 1;
    *out = 0;
    if (!any || (budget <= 0 && node_limit <= 0))
        return ORDO_OK;
    sv_lp_part all = { NULL, NULL, none, NULL };
    int solved = 0;
    long effort = node_limit > 0 ? node_limit * SAT_EFFORT_PER_NODE : 0;
    int rc = sv_bound_sat_part(p, &all, from, 1e9, effort, budget, out, &solved);
    if (rc == ORDO_EINVAL) {
        *out = 0;
        return ORDO_OK;
    }
    return rc;
}

static int has_soft_rooms(const sv_problem *p)
{
    for (int ci = 0; ci < p->ncourses; ci++)
        for (int q = 0; q < p->courses[ci].nreq; q++) {
            const sv_req *rq = &p->courses[ci].reqs[q];
            if (p->courses[ci].nsess > 0 && rq->kind == ORDO_ROOM && rq->cap_penalty > 0 &&
                rq->need_seats > 0)
                return 1;
        }
    return 0;
}

/* Seconds left of the limit (a large number when there is none). */
static double time_left(double time_limit_s, double t0)
{
    return time_limit_s > 0 ? time_limit_s - (sv_now() - t0) : 1e30;
}

int sv_bound_lp(const sv_problem *p, long node_limit, double time_limit_s, double *out_bound,
                long *out_nodes)
{
    return sv_bound_lp_from(p, node_limit, time_limit_s, 0, out_bound, out_nodes);
}

int sv_bound_lp_from(const sv_problem *p, long node_limit, double time_limit_s, double known,
                     double *out_bound, long *out_nodes)
{
    int rc = ORDO_OK;
    double spread = 0, capacity = 0, small = 0, large = 0, whole = 0, sat = 0, t0 = sv_now();
    long nodes = 0, used = 0;
    int solved = 0, timed = time_limit_s > 0;
    size_t nflags = (size_t)(p->ncourses > p->npseudo ? p->ncourses : p->npseudo) + 1;
    char *none = NULL;
    *out_bound = 0;
    if (out_nodes)
        *out_nodes = 0;
    if (sv_bound_lp_columns(p) < 0)
        return ORDO_EINVAL;
    if (!(none = ordo__calloc(nflags, 1))) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    ORDO_TRY(spread_bound(p, &spread));
    /* the MILP stages share the limit less the SAT stage's part */
    double mlimit = timed ? time_limit_s * (1 - SAT_SHARE) : 0;
    ORDO_TRY(staged_parts(p, SMALL_PARTS, none, node_limit, timed ? mlimit * SMALL_SHARE : 0,
                          &small, &nodes));
    double left = time_left(mlimit, t0);
    if (has_soft_rooms(p) && left > 0) {
        sv_lp_part cap = { NULL, none, NULL, none };
        double share = mlimit * CAPACITY_SHARE;
        ORDO_TRY(sv_bound_lp_part(p, &cap, node_limit, timed ? (share < left ? share : left) : 0,
                                  &capacity, &used, &solved));
        nodes += used;
    }
    left = time_left(mlimit, t0);
    if (left > 0)
        ORDO_TRY(staged_parts(p, LARGE_PARTS, none, node_limit, timed ? left * LARGE_SHARE : 0,
                              &large, &nodes));
    left = time_left(mlimit, t0);
    if (left >= mlimit * WHOLE_MIN_SHARE && sv_bound_lp_columns(p) <= WHOLE_MAX_COLUMNS) {
        sv_lp_part all = { NULL, NULL, NULL, NULL };
        ORDO_TRY(sv_bound_lp_part(p, &all, node_limit, timed ? left : 0, &whole, &used, &solved));
        nodes += used;
    }
    /* SAT on the terms the parts bound (min days, compactness), from their
     * sum or the bound known on those terms, whichever is higher */
    double parts_best = small > large ? small : large;
    left = time_left(time_limit_s, t0);
    double sat_s = time_limit_s * SAT_SHARE < left ? time_limit_s * SAT_SHARE : left;
    if (!timed || sat_s > 0)
        ORDO_TRY(sat_stage(p, none, node_limit, timed ? sat_s : 0,
                           parts_best > known ? parts_best : known, &sat));
    double split = capacity + (parts_best > sat ? parts_best : sat);
    *out_bound = spread + (split > whole ? split : whole);
    if (out_nodes)
        *out_nodes = nodes;
done:
    ordo__free(none);
    if (rc < 0)
        *out_bound = 0;
    return rc;
}
