/*
 * bound_res.c — lower bounds on the goals that depend on which resources a
 * plan uses (bound.h): same person / same room, load balance, and room
 * capacity as an assignment over shared rooms. Each is a relaxation of the
 * real problem (fewer rules, never more options removed), so each is a valid
 * lower bound on its own goal for every plan that places all sessions.
 *
 * The common brick is sessions_alone(r, c): the most sessions of course c
 * resource r could attend, ignoring every other course — its starts where r
 * is free (working hours, time off, frozen bookings), at r's site, with the
 * course's cohorts free, sessions not overlapping and min_days_between
 * apart. Every session has the same duration, so taking the earliest
 * possible start each time is optimal (both rules only ask the next start to
 * be late enough after the previous one).
 *
 * Same person (rooms alike): a course whose sessions need `per` persons each
 * fills per × n person-slots; a person fills at most one slot per session,
 * so at most sessions_alone(r, c). The fewest persons whose capacities cover
 * the slots (largest first) is a lower bound on the distinct persons used;
 * the same holds for each requirement row alone with its own candidates.
 *
 * Load: an LP over minutes — per group of person rows with the same
 * candidates, its minutes to teach shared among them (each at most what
 * sessions_alone allows, course by course, and at most their free minutes);
 * the total load is fixed once every session is placed, so the mean is too;
 * minimise the hours above the mean. Time conflicts between courses are
 * relaxed away.
 *
 * Same person, load and spread together: a MILP (people_part) with the
 * sessions each person serves per course, whether it serves the course at
 * all, the load above the mean, and, per course of one person per session,
 * whether one person serves it all along (the spread is then at least what
 * that person's free dates allow). Large ones give their LP relaxation.
 *
 * Room capacity: every session with a soft-capacity room row takes a
 * room-start of some room; a room holds at most one session per distinct
 * start time of the courses that may use it. With the cost max(0, need −
 * seats) (convex in need − seats: a Monge matrix), matching the sessions
 * sorted by need to the room-starts sorted by seats is an optimal
 * assignment of this relaxation (the sorted matching of ITC-2007 bounds).
 */
#include "solver/bound.h"
#include "solver/milp.h"
#include "solver/search.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Most sessions of course c resource r (kind any) could attend alone. */
static int sessions_alone(const sv_problem *p, const sv_course *c, int r)
{
    const ordo_resource *res = &p->m->resources.v[r];
    const sv_word *w = sv_free_bits(p->free0, p, r);
    int n = 0, last_end = -1;
    ordo_date last_date = 0;
    for (int j = 0; j < c->nstarts && n < c->nsess; j++) {
        const sv_start *a = &c->starts[j];
        if (a->site != res->site || (n && a->t < last_end))
            continue;
        if (n && c->min_days_between > 0 && a->date < last_date + c->min_days_between)
            continue;
        if (!sv_bits_all(w, a->t, a->t + c->duration))
            continue;
        int ok = 1;
        for (int k = 0; k < c->ncohorts && ok; k++)
            ok = sv_bits_all(sv_free_bits(p->free0, p, c->cohorts[k]), a->t, a->t + c->duration);
        if (!ok)
            continue;
        n++;
        last_end = a->t + c->duration;
        last_date = a->date;
    }
    return n;
}

/* Work of computing sessions_alone for every candidate of every course
 * (starts scanned); above SV_BOUND_RES_MAX_WORK the resource bounds are
 * skipped (0 is still a valid bound): on the largest instances they would
 * take minutes. */
#define SV_BOUND_RES_MAX_WORK 60000000.0
#define LOAD_LP_S 10.0                 /* the load LP relaxation (no --time-limit: this at most) */
/* Above this many columns (person and course pairs) the joint same person
 * + load MILP gives its LP relaxation instead of branching: on generated S
 * instances (~200 columns) branch and bound proves more than the separate
 * bounds in milliseconds; on M (~8,000) it proved nothing in 60 s, while the
 * LP with the spread columns solves in about a second (M seed 1: +43 over
 * the separate bounds). */
#define PEOPLE_MAX_COLS 4000

static int too_much_work(const sv_problem *p)
{
    double work = 0;
    for (int ci = 0; ci < p->ncourses; ci++) {
        const sv_course *c = &p->courses[ci];
        if (!c->nsess)
            continue;
        for (int q = 0; q < c->nreq; q++)
            work += (double)c->reqs[q].ncands * c->nstarts;
    }
    return work > SV_BOUND_RES_MAX_WORK;
}

static int cmp_int_desc(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x < y) - (x > y);
}

/* Fewest of the capacities cap[0..n) (sorted here) covering `slots`, or -1. */
static int fewest_covering(int *cap, int n, long slots)
{
    qsort(cap, (size_t)n, sizeof *cap, cmp_int_desc);
    long sum = 0;
    for (int k = 0; k < n; k++) {
        if (sum >= slots)
            return k;
        sum += cap[k];
    }
    return sum >= slots ? n : -1;
}

/* Least distinct resources of `kind` course c must use, or -1 when it
 * cannot place its sessions at all (no claim then). */
static int least_distinct(const sv_problem *p, const sv_course *c, int kind, int *buf, char *seen)
{
    int best = 0, nall = 0;
    long slots_all = 0;
    memset(seen, 0, (size_t)p->nres);
    for (int q = 0; q < c->nreq; q++) {
        const sv_req *rq = &c->reqs[q];
        if (rq->kind != kind)
            continue;
        int n = 0;
        for (int k = 0; k < rq->ncands; k++)
            buf[n++] = sessions_alone(p, c, rq->cands[k]);
        int need = fewest_covering(buf, n, (long)rq->count * c->nsess);
        if (need < 0)
            return -1;
        if (need > best)
            best = need;
        slots_all += (long)rq->count * c->nsess;
        for (int k = 0; k < rq->ncands; k++)
            seen[rq->cands[k]] = 1;
    }
    for (int r = 0; r < p->nres; r++)
        if (seen[r])
            buf[nall++] = sessions_alone(p, c, r);
    int need = fewest_covering(buf, nall, slots_all);
    if (need < 0)
        return -1;
    return need > best ? need : best;
}

/* least_distinct's scratch arrays (one slot per resource); 1 when both
 * were allocated (the caller frees both either way). */
static int distinct_scratch(const sv_problem *p, int **buf, char **seen)
{
    *buf = ordo__malloc(sizeof **buf * ((size_t)p->nres + 1));
    *seen = ordo__malloc((size_t)p->nres + 1);
    return *buf && *seen;
}

double sv_bound_stability(const sv_problem *p, int kind)
{
    double weight = kind == ORDO_PERSON ? p->w.same_person : p->w.same_room;
    double total = 0;
    int *buf = NULL;
    char *seen = NULL;
    if (!weight || too_much_work(p) || !distinct_scratch(p, &buf, &seen))
        goto done;
    for (int ci = 0; ci < p->ncourses; ci++) {
        const sv_course *c = &p->courses[ci];
        if (!c->nsess || c->nfixed)
            continue;   /* frozen sessions' resources would have to be merged in: no claim */
        int per = kind == ORDO_PERSON ? c->persons_per_session : c->rooms_per_session;
        int need = least_distinct(p, c, kind, buf, seen);
        if (need > per)
            total += (double)(need - per) * weight;
    }
done:
    ordo__free(buf);
    ordo__free(seen);
    return total;
}

/* ---- spread with same person / same room ------------------------------- */

/* Course c's least spread when one resource of `kind` attends every session:
 * when a plan uses exactly `per` resources of the kind (per = the kind's
 * resources per session), every session holds all of them, so the one that
 * serves row q at the first session attends all sessions and the dates lie
 * in its free dates (sv_bound_spread_with). The row with fewest candidates
 * gives the strongest min over them. Returns the min over that row's
 * candidates, 1e18 when none can attend all sessions, or sp0 when the
 * course has no row of the kind (nothing restricts its dates). */
static double spread_one_kind(const sv_problem *p, const sv_course *c, int kind, double sp0)
{
    const sv_req *best = NULL;
    for (int q = 0; q < c->nreq; q++)
        if (c->reqs[q].kind == kind && (!best || c->reqs[q].ncands < best->ncands))
            best = &c->reqs[q];
    if (!best)
        return sp0;
    double v = 1e18;
    for (int k = 0; k < best->ncands && v > sp0; k++) {
        double x = sv_bound_spread_with(p, c, best->cands[k]);
        if (x >= 0 && x < v)
            v = x;
    }
    return v;
}

double sv_bound_spread_stability_extra(const sv_problem *p)
{
    double extra = 0, wp = p->w.same_person, wr = p->w.same_room;
    int *buf = NULL;
    char *seen = NULL;
    if (!p->w.spread || (!wp && !wr) || too_much_work(p) || !distinct_scratch(p, &buf, &seen))
        goto done;
    for (int ci = 0; ci < p->ncourses; ci++) {
        const sv_course *c = &p->courses[ci];
        if (c->nsess < 2 || c->nfixed || c->ideal_gap <= 0)
            continue;
        int np = least_distinct(p, c, ORDO_PERSON, buf, seen), nr = least_distinct(p, c, ORDO_ROOM, buf, seen);
        if (np < 0 || nr < 0)
            continue;   /* not placeable alone: no claim */
        int ep = np > c->persons_per_session ? np - c->persons_per_session : 0;
        int er = nr > c->rooms_per_session ? nr - c->rooms_per_session : 0;
        double sp0 = sv_bound_spread_with(p, c, -1), inf = 1e18;
        /* each kind: one set all along (dates restricted, no cost) or more
         * (at least one more resource: its weight, dates free) */
        double one_p = ep ? inf : spread_one_kind(p, c, ORDO_PERSON, sp0);
        double one_r = er ? inf : spread_one_kind(p, c, ORDO_ROOM, sp0);
        double more_p = wp * (ep ? ep : 1), more_r = wr * (er ? er : 1);
        if (c->persons_per_session == 0)
            more_p = inf;   /* no person row: always "one set", one_p = sp0 */
        if (c->rooms_per_session == 0)
            more_r = inf;
        double joint = one_p > one_r ? one_p : one_r;
        if (one_p + more_r < joint) joint = one_p + more_r;
        if (one_r + more_p < joint) joint = one_r + more_p;
        if (sp0 + more_p + more_r < joint) joint = sp0 + more_p + more_r;
        double apart = sp0 + wp * ep + wr * er;
        if (joint < inf / 2 && joint > apart)
            extra += joint - apart;
    }
done:
    ordo__free(buf);
    ordo__free(seen);
    return extra;
}

/* ---- load -------------------------------------------------------------------- */

typedef struct prow {
    const sv_req *rq;
    const sv_course *c;
} prow;

static int cmp_prow(const void *a, const void *b)
{
    const sv_req *x = ((const prow *)a)->rq, *y = ((const prow *)b)->rq;
    if (x->ncands != y->ncands)
        return x->ncands - y->ncands;
    return memcmp(x->cands, y->cands, sizeof *x->cands * (size_t)x->ncands);
}

static int count_bits(const sv_word *w, int words)
{
    int n = 0;
    for (int i = 0; i < words; i++)
        n += __builtin_popcountll((unsigned long long)w[i]);
    return n;
}

int sv_bound_load(const sv_problem *p, double *out)
{
    int rc = ORDO_OK, nrows = 0;
    sv_milp lp;
    prow *rows = NULL;
    int *col_of = NULL, *idx = NULL, *ecol = NULL;
    double *val = NULL, *x = NULL, *capx = NULL;
    *out = 0;
    sv_milp_init(&lp);
    if (!p->w.load || !p->npersons || too_much_work(p))
        return ORDO_OK;
    for (int ci = 0; ci < p->ncourses; ci++)
        for (int q = 0; q < p->courses[ci].nreq; q++)
            nrows += p->courses[ci].nsess > 0 && p->courses[ci].reqs[q].kind == ORDO_PERSON;
    rows = ordo__malloc(sizeof *rows * ((size_t)nrows + 1));
    col_of = ordo__malloc(sizeof *col_of * ((size_t)p->nres + 1));
    ecol = ordo__malloc(sizeof *ecol * ((size_t)p->nres + 1));
    idx = ordo__malloc(sizeof *idx * ((size_t)p->nres + 2));
    val = ordo__malloc(sizeof *val * ((size_t)p->nres + 2));
    capx = ordo__malloc(sizeof *capx * ((size_t)p->nres + 1));
    if (!rows || !col_of || !idx || !val || !ecol || !capx) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    nrows = 0;
    double total = 0;
    for (int r = 0; r < p->nres; r++)
        if (p->is_load_person[r])
            total += (double)p->load0[r];
    for (int ci = 0; ci < p->ncourses; ci++) {
        const sv_course *c = &p->courses[ci];
        for (int q = 0; q < c->nreq && c->nsess; q++)
            if (c->reqs[q].kind == ORDO_PERSON) {
                rows[nrows++] = (prow){ &c->reqs[q], c };
                total += (double)c->reqs[q].count * c->nsess * c->duration;
            }
    }
    qsort(rows, (size_t)nrows, sizeof *rows, cmp_prow);
    double mean = total / p->npersons;
    /* excess columns e_r (hours above the mean, weighted) */
    for (int r = 0; r < p->nres; r++) {
        ecol[r] = -1;
        col_of[r] = -1;
        if (p->is_load_person[r] && (ecol[r] = sv_milp_add_col(&lp, 0, SV_INF, (double)p->w.load / 60.0, 0)) < 0) {
            rc = ecol[r];
            goto done;
        }
    }
    /* per person: the x columns it appears in, for its load row */
    int **pcols = ordo__calloc((size_t)p->nres + 1, sizeof *pcols);
    int *pn = ordo__calloc((size_t)p->nres + 1, sizeof *pn);
    if (!pcols || !pn) {
        ordo__free(pcols);
        ordo__free(pn);
        rc = ORDO_ENOMEM;
        goto done;
    }
    for (int g0 = 0; g0 < nrows && rc == ORDO_OK;) {
        int g1 = g0 + 1;
        while (g1 < nrows && cmp_prow(&rows[g0], &rows[g1]) == 0)
            g1++;
        const sv_req *rq = rows[g0].rq;
        double demand = 0;
        for (int k = 0; k < rq->ncands; k++)
            capx[k] = 0;
        for (int i = g0; i < g1; i++) {
            const sv_course *c = rows[i].c;
            demand += (double)rows[i].rq->count * c->nsess * c->duration;
            for (int k = 0; k < rq->ncands; k++)
                capx[k] += (double)sessions_alone(p, c, rq->cands[k]) * c->duration;
        }
        for (int k = 0; k < rq->ncands && rc == ORDO_OK; k++) {
            int r = rq->cands[k];
            int col = sv_milp_add_col(&lp, 0, capx[k], 0, 0);
            if (col < 0) {
                rc = col;
                break;
            }
            idx[k] = col;
            val[k] = 1;
            int *v = ordo__realloc(pcols[r], sizeof *v * ((size_t)pn[r] + 1));
            if (!v) {
                rc = ORDO_ENOMEM;
                break;
            }
            pcols[r] = v;
            v[pn[r]++] = col;
        }
        if (rc == ORDO_OK && (rc = sv_milp_add_row(&lp, demand, demand, rq->ncands, idx, val)) >= 0)
            rc = ORDO_OK;
        g0 = g1;
    }
    /* load rows: e_r - sum x >= load0 - mean; sum x <= free minutes */
    for (int r = 0; r < p->nres && rc == ORDO_OK; r++) {
        if (!p->is_load_person[r])
            continue;
        int n = 0;
        idx[n] = ecol[r];
        val[n++] = 1;
        for (int k = 0; k < pn[r]; k++) {
            idx[n] = pcols[r][k];
            val[n++] = -1;
        }
        rc = sv_milp_add_row(&lp, (double)p->load0[r] - mean, SV_INF, n, idx, val);
        if (rc >= 0 && pn[r])
            rc = sv_milp_add_row(&lp, -(double)count_bits(sv_free_bits(p->free0, p, r), p->words), SV_INF,
                                 n - 1, idx + 1, val + 1);   /* -sum x >= -free minutes */
        if (rc >= 0)
            rc = ORDO_OK;
    }
    for (int r = 0; r < p->nres; r++)
        ordo__free(pcols[r]);
    ordo__free(pcols);
    ordo__free(pn);
    if (rc < 0)
        goto done;
    x = ordo__malloc(sizeof *x * ((size_t)lp.ncols + 1));
    if (!x) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    sv_milp_opts o = { .relax = 1, .time_limit_s = sv_phase_limit(p, LOAD_LP_S) };
    sv_milp_result res = { .x = x };
    if (o.time_limit_s <= 0)
        goto done;                            /* past the deadline: no bound from here (0) */
    ORDO_TRY(sv_milp_solve(&lp, &o, &res));
    if (res.status == SV_MILP_OPTIMAL && res.obj > 0)
        *out = res.obj * (1 - 1e-9) - 1e-6;   /* the LP's tolerance must not lift the bound */
    if (*out < 0)
        *out = 0;
done:
    sv_milp_free(&lp);
    ordo__free(rows);
    ordo__free(col_of);
    ordo__free(ecol);
    ordo__free(idx);
    ordo__free(val);
    ordo__free(capx);
    ordo__free(x);
    return rc;
}

/* ---- room capacity -------------------------------------------------------- */

static int cmp_cap_desc(const void *a, const void *b)
{
    int x = ((const int *)a)[0], y = ((const int *)b)[0];
    return (x < y) - (x > y);
}

static int cmp_t(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Row q of course c asks for a room with soft capacity, for sessions of this run. */
static int soft_room_row(const sv_course *c, int q)
{
    const sv_req *rq = &c->reqs[q];
    return rq->kind == ORDO_ROOM && rq->cap_penalty && rq->need_seats > 0 && c->nsess;
}

double sv_bound_capacity_matching(const sv_problem *p)
{
    /* sessions: need (seats) per room slot; the least penalty among rows */
    long nneed = 0, nslots = 0;
    int min_pen = 0;
    double bound = 0;
    int *need = NULL, *slots = NULL, *times = NULL;
    char *room = NULL;
    long most = 0, at = 0, ntimes = 0;
    for (int ci = 0; ci < p->ncourses; ci++)
        most += (long)p->courses[ci].nsess * p->courses[ci].nres;
    need = ordo__malloc(sizeof *need * ((size_t)most + 1));
    room = ordo__calloc((size_t)p->nres + 1, 1);
    if (!need || !room)
        goto done;
    for (int ci = 0; ci < p->ncourses; ci++) {
        const sv_course *c = &p->courses[ci];
        for (int q = 0; q < c->nreq; q++) {
            const sv_req *rq = &c->reqs[q];
            if (!soft_room_row(c, q))
                continue;
            for (long k = 0; k < (long)rq->count * c->nsess; k++)
                need[at++] = rq->need_seats;
            for (int k = 0; k < rq->ncands; k++)
                room[rq->cands[k]] = 1;
            ntimes += c->nstarts;
            if (!min_pen || rq->cap_penalty < min_pen)
                min_pen = rq->cap_penalty;
        }
    }
    nneed = at;
    if (!nneed)
        goto done;
    /* the distinct start times of those courses */
    times = ordo__malloc(sizeof *times * ((size_t)ntimes + 1));
    if (!times)
        goto done;
    ntimes = 0;
    for (int ci = 0; ci < p->ncourses; ci++) {
        const sv_course *c = &p->courses[ci];
        int uses = 0;
        for (int q = 0; q < c->nreq; q++)
            uses |= soft_room_row(c, q);
        if (uses)
            for (int j = 0; j < c->nstarts; j++)
                times[ntimes++] = c->starts[j].t;
    }
    qsort(times, (size_t)ntimes, sizeof *times, cmp_t);
    long nt = 0;
    for (long i = 0; i < ntimes; i++)
        if (!nt || times[nt - 1] != times[i])
            times[nt++] = times[i];
    /* room slots: (seats, how many) per room, sorted by seats */
    int nrooms = 0;
    for (int r = 0; r < p->nres; r++)
        nrooms += room[r];
    slots = ordo__malloc(sizeof *slots * 2 * ((size_t)nrooms + 1));
    if (!slots)
        goto done;
    nrooms = 0;
    for (int r = 0; r < p->nres; r++) {
        if (!room[r])
            continue;
        const sv_word *w = sv_free_bits(p->free0, p, r);
        int n = 0;
        for (long i = 0; i < nt; i++)
            n += sv_bit(w, times[i]);
        slots[2 * nrooms] = p->m->resources.v[r].capacity;
        slots[2 * nrooms + 1] = n;
        nslots += n;
        nrooms++;
    }
    if (nslots < nneed)
        goto done;   /* not every session can have a room: no claim */
    qsort(need, (size_t)nneed, sizeof *need, cmp_cap_desc);
    qsort(slots, (size_t)nrooms, 2 * sizeof *slots, cmp_cap_desc);
    {
        int rr = 0, left = nrooms ? slots[1] : 0;
        long shortfall = 0;
        for (long i = 0; i < nneed; i++) {
            while (left == 0 && rr + 1 < nrooms)
                left = slots[2 * ++rr + 1];
            int seats = slots[2 * rr];
            if (need[i] > seats)
                shortfall += need[i] - seats;
            left--;
        }
        bound = (double)shortfall * min_pen;
    }
done:
    ordo__free(need);
    ordo__free(slots);
    ordo__free(times);
    ordo__free(room);
    return bound;
}

/* ---- same person and load together: a small MILP ----------------------- */

/* Set bits of w in [a, b). */
static long count_range(const sv_word *w, int a, int b)
{
    long n = 0;
    for (int t = a; t < b && (t & 63); t++)
        n += sv_bit(w, t);
    int t = a;
    while (t < b && (t & 63))
        t++;
    for (; t + 64 <= b; t += 64)
        n += __builtin_popcountll((unsigned long long)w[t >> 6]);
    for (; t < b; t++)
        n += sv_bit(w, t);
    return n;
}

typedef struct pcol {
    int c, r, col, dur;
} pcol;

/* Spread with the same person, for a course of one person per session
 * (stab: its same person goal counts, z columns zcol[r] = "r serves c"):
 * when one person r serves every session, the dates lie in r's free dates,
 * so the spread is at least spread_with(c, r), not only sp0 (the spread
 * goal's own bound, counted outside this MILP). Columns u_r ("r alone
 * serves c", binary, cost spread_with(c, r) - sp0) for each r able to take
 * every session, u_r <= z_r, and sum z + sum u >= 2: a plan with one person
 * sets that person's u; a plan with two or more needs no u. Nothing is added
 * when no candidate's dates cost more than sp0. */
static int spread_alone_cols(const sv_problem *p, const sv_course *c, const int *zcol, const int *alone,
                             sv_milp *lp)
{
    if (c->nsess < 2 || c->nfixed || c->ideal_gap <= 0)
        return ORDO_OK;
    const sv_req *rq = NULL;
    for (int q = 0; q < c->nreq && !rq; q++)
        if (c->reqs[q].kind == ORDO_PERSON)
            rq = &c->reqs[q];
    if (!rq)
        return ORDO_OK;
    double sp0 = sv_bound_spread_with(p, c, -1);
    int n = rq->ncands, any = 0, rc = ORDO_OK;
    double *sr = ordo__malloc(sizeof *sr * ((size_t)n + 1));
    int *cols = ordo__malloc(sizeof *cols * (2 * (size_t)n + 1));
    double *vals = ordo__malloc(sizeof *vals * (2 * (size_t)n + 1));
    if (!sr || !cols || !vals) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    for (int k = 0; k < n; k++) {
        int r = rq->cands[k];
        sr[k] = zcol[r] >= 0 && alone[r] >= c->nsess ? sv_bound_spread_with(p, c, r) : -1;
        any |= sr[k] > sp0 + 1e-9;
    }
    if (!any)
        goto done;
    int m = 0;
    for (int k = 0; k < n; k++) {
        int r = rq->cands[k];
        if (zcol[r] < 0)
            continue;
        cols[m] = zcol[r];
        vals[m++] = 1;
        if (sr[k] < 0)
            continue;
        int u = sv_milp_add_col(lp, 0, 1, sr[k] > sp0 ? sr[k] - sp0 : 0, 1);
        if (u < 0) {
            rc = u;
            goto done;
        }
        int ii[2] = { u, zcol[r] };
        double vv[2] = { 1, -1 };
        if ((rc = sv_milp_add_row(lp, -SV_INF, 0, 2, ii, vv)) < 0)
            goto done;
        cols[m] = u;
        vals[m++] = 1;
    }
    rc = sv_milp_add_row(lp, 2, SV_INF, m, cols, vals);
done:
    ordo__free(sr);
    ordo__free(cols);
    ordo__free(vals);
    return rc < 0 ? rc : ORDO_OK;
}

/* The MILP over the courses with part[ci] set and the persons with
 * part[ncourses + r] set (NULL: all), mean = the load goal's mean. */
static int people_part(const sv_problem *p, const char *part, double mean, long node_limit, double time_limit_s,
                       int spread, double *out)
{
    int rc = ORDO_OK, ncols_y = 0, cap = 0, relax = 0;
    sv_milp lp;
    pcol *ys = NULL;
    int *idx = NULL, *zcol = NULL, *lo = NULL, *hi = NULL, *alone = NULL;
    double *val = NULL, *x = NULL;
    *out = 0;
    sv_milp_init(&lp);
    int R = p->nres;
    zcol = ordo__malloc(sizeof *zcol * ((size_t)R + 1));
    alone = ordo__malloc(sizeof *alone * ((size_t)R + 1));
    lo = ordo__malloc(sizeof *lo * ((size_t)p->ncourses + 1));
    hi = ordo__malloc(sizeof *hi * ((size_t)p->ncourses + 1));
    int most_reqs = 0;   /* the per-person rows below take one column per row, and z */
    for (int ci = 0; ci < p->ncourses; ci++)
        if (p->courses[ci].nreq > most_reqs)
            most_reqs = p->courses[ci].nreq;
    idx = ordo__malloc(sizeof *idx * ((size_t)R + (size_t)most_reqs + 2));
    val = ordo__malloc(sizeof *val * ((size_t)R + (size_t)most_reqs + 2));
    if (!zcol || !alone || !lo || !hi || !idx || !val) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    for (int ci = 0; ci < p->ncourses; ci++) {
        const sv_course *c = &p->courses[ci];
        lo[ci] = c->nstarts ? c->starts[0].t : 0;
        hi[ci] = c->nstarts ? c->starts[c->nstarts - 1].t + c->duration : 0;
    }
    /* per course: y columns (sessions of c served by r in row q), z columns */
    for (int ci = 0; ci < p->ncourses; ci++) {
        const sv_course *c = &p->courses[ci];
        if (!c->nsess || (part && !part[ci]))
            continue;
        for (int r = 0; r < R; r++)
            zcol[r] = alone[r] = -1;
        int stab = p->w.same_person && !c->nfixed, y0 = ncols_y;
        for (int q = 0; q < c->nreq; q++) {
            const sv_req *rq = &c->reqs[q];
            if (rq->kind != ORDO_PERSON)
                continue;
            int n = 0;
            for (int k = 0; k < rq->ncands; k++) {
                int r = rq->cands[k];
                if (alone[r] < 0)
                    alone[r] = sessions_alone(p, c, r);
                if (!alone[r])
                    continue;
                if (stab && zcol[r] < 0 && (zcol[r] = sv_milp_add_col(&lp, 0, 1, p->w.same_person, 1)) < 0) {
                    rc = zcol[r];
                    goto done;
                }
                int y = sv_milp_add_col(&lp, 0, alone[r], 0, 1);
                if (y < 0) {
                    rc = y;
                    goto done;
                }
                if (ncols_y == cap) {
                    cap = cap ? 2 * cap : 256;
                    pcol *v = ordo__realloc(ys, sizeof *v * (size_t)cap);
                    if (!v) {
                        rc = ORDO_ENOMEM;
                        goto done;
                    }
                    ys = v;
                }
                ys[ncols_y++] = (pcol){ ci, r, y, c->duration };
                idx[n] = y;
                val[n++] = 1;
            }
            if ((rc = sv_milp_add_row(&lp, (double)rq->count * c->nsess, (double)rq->count * c->nsess, n, idx,
                                      val)) < 0)
                goto done;
            rc = ORDO_OK;
        }
        /* per person, over all rows: at most alone sessions (a person fills
         * one slot of a session), and only when it serves the course:
         * sum_q y[q][r] <= alone * z (or <= alone without the goal) */
        for (int i = y0; i < ncols_y && rc == ORDO_OK; i++) {
            int r = ys[i].r, n = 0, first = 1;
            for (int j = y0; j < i && first; j++)
                first = ys[j].r != r;
            if (!first)
                continue;
            for (int j = i; j < ncols_y; j++)
                if (ys[j].r == r) {
                    idx[n] = ys[j].col;
                    val[n++] = 1;
                }
            if (stab) {
                idx[n] = zcol[r];
                val[n++] = -(double)alone[r];
            }
            if (stab || n > 1)   /* one row without z: the column's own bound says it */
                rc = sv_milp_add_row(&lp, -SV_INF, stab ? 0 : alone[r], n, idx, val);
            if (rc >= 0)
                rc = ORDO_OK;
        }
        if (rc < 0)
            goto done;
        if (stab)
            lp.obj_const -= (double)p->w.same_person * c->persons_per_session;
        if (stab && spread && c->persons_per_session == 1 && (rc = spread_alone_cols(p, c, zcol, alone, &lp)) < 0)
            goto done;
        rc = ORDO_OK;
    }
    /* too big for branch and bound to prove anything in the time: its LP
     * relaxation alone (still a bound, and with the spread columns often
     * above the separate bounds) */
    relax = lp.ncols > PEOPLE_MAX_COLS;
    /* per person (its y columns come by course): load and window rows */
    for (int r = 0; r < R && rc == ORDO_OK; r++) {
        int e = -1;
        if (part && !part[p->ncourses + r])
            continue;
        if (p->w.load && p->is_load_person[r] && (e = sv_milp_add_col(&lp, 0, SV_INF, (double)p->w.load / 60.0, 0)) < 0) {
            rc = e;
            break;
        }
        int *mine = ordo__malloc(sizeof *mine * ((size_t)ncols_y + 1));
        int *cols = ordo__malloc(sizeof *cols * ((size_t)ncols_y + 2));
        double *vals = ordo__malloc(sizeof *vals * ((size_t)ncols_y + 2));
        if (!mine || !cols || !vals) {
            ordo__free(mine);
            ordo__free(cols);
            ordo__free(vals);
            rc = ORDO_ENOMEM;
            break;
        }
        int nm = 0;
        for (int i = 0; i < ncols_y; i++)
            if (ys[i].r == r)
                mine[nm++] = i;
        if (e >= 0) {
            cols[0] = e;
            vals[0] = 1;
            for (int i = 0; i < nm; i++) {
                cols[i + 1] = ys[mine[i]].col;
                vals[i + 1] = -(double)ys[mine[i]].dur;
            }
            rc = sv_milp_add_row(&lp, (double)p->load0[r] - mean, SV_INF, nm + 1, cols, vals);
        }
        /* windows: the courses r may serve whose starts all lie in course
         * c's span share r's free minutes there */
        const sv_word *w = sv_free_bits(p->free0, p, r);
        for (int i = 0; i < nm && rc >= 0; i++) {
            int ci = ys[mine[i]].c;
            if (i > 0 && ys[mine[i - 1]].c == ci)
                continue;
            int k = 0;
            double most = 0;
            for (int j = 0; j < nm; j++) {
                int cj = ys[mine[j]].c;
                if (lo[cj] >= lo[ci] && hi[cj] <= hi[ci]) {
                    cols[k] = ys[mine[j]].col;
                    vals[k++] = ys[mine[j]].dur;
                    most += (double)ys[mine[j]].dur * lp.col_ub[ys[mine[j]].col];
                }
            }
            double free = (double)count_range(w, lo[ci], hi[ci]);
            if (most > free)
                rc = sv_milp_add_row(&lp, -SV_INF, free, k, cols, vals);
        }
        ordo__free(mine);
        ordo__free(cols);
        ordo__free(vals);
        if (rc >= 0)
            rc = ORDO_OK;
    }
    if (rc < 0 || lp.ncols == 0 || lp.nnz > 4000000)
        goto done;
    x = ordo__malloc(sizeof *x * ((size_t)lp.ncols + 1));
    if (!x) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    sv_milp_opts o = { .relax = relax, .node_limit = node_limit, .time_limit_s = time_limit_s, .cuts = !relax };
    sv_milp_result res = { .x = x };
    ORDO_TRY(sv_milp_solve(&lp, &o, &res));
    if (relax) {
        if (res.status == SV_MILP_OPTIMAL && res.obj > 0)
            *out = res.obj - 1e-6 * (1 + res.obj);   /* the LP's tolerance must not lift the bound */
    } else if ((res.status == SV_MILP_OPTIMAL || res.status == SV_MILP_FEASIBLE ||
                res.status == SV_MILP_NO_SOLUTION) && res.bound > -1e29 && res.bound > 0) {
        *out = res.bound - 1e-6 * (1 + res.bound);   /* the backend's tolerance must not lift the bound */
    }
    if (*out < 0)
        *out = 0;
done:
    sv_milp_free(&lp);
    ordo__free(ys);
    ordo__free(idx);
    ordo__free(val);
    ordo__free(zcol);
    ordo__free(alone);
    ordo__free(lo);
    ordo__free(hi);
    ordo__free(x);
    return rc;
}

static int uf_find(int *up, int a)
{
    while (up[a] != a)
        a = up[a] = up[up[a]];
    return a;
}

/* The MILP splits into independent parts: courses and persons linked by a
 * candidate that can serve a session of the course (its y columns). The
 * objective is a sum of per-course (z, u) and per-person (load excess) terms
 * over the columns of one part, and every row lies within one part, so the
 * sum of the parts' proven bounds bounds the whole. A part with too many
 * columns gives its LP relaxation; one out of time proves 0 (still valid).
 * Persons in no part pay their frozen load above the mean. */
int sv_bound_people(const sv_problem *p, long node_limit, double time_limit_s, int with_spread, double *out)
{
    *out = 0;
    if (((!p->w.load || !p->npersons) && !p->w.same_person) || too_much_work(p))
        return ORDO_OK;
    int rc = ORDO_OK, R = p->nres, C = p->ncourses, n = C + R;
    int *up = ordo__malloc(sizeof *up * ((size_t)n + 1)), *roots = ordo__malloc(sizeof *roots * ((size_t)n + 1));
    char *part = ordo__calloc((size_t)n + 1, 1), *linked = ordo__calloc((size_t)n + 1, 1);
    if (!up || !roots || !part || !linked) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    for (int i = 0; i < n; i++)
        up[i] = i;
    double total = 0;
    for (int r = 0; r < R; r++)
        if (p->is_load_person[r])
            total += (double)p->load0[r];
    for (int ci = 0; ci < C; ci++) {
        const sv_course *c = &p->courses[ci];
        for (int q = 0; q < c->nreq && c->nsess; q++) {
            const sv_req *rq = &c->reqs[q];
            if (rq->kind != ORDO_PERSON)
                continue;
            total += (double)rq->count * c->nsess * c->duration;
            for (int k = 0; k < rq->ncands; k++)
                if (sessions_alone(p, c, rq->cands[k])) {   /* a y column: same part */
                    up[uf_find(up, C + rq->cands[k])] = uf_find(up, ci);
                    linked[C + rq->cands[k]] = linked[ci] = 1;
                }
        }
    }
    double mean = p->npersons ? total / p->npersons : 0, sum = 0, t0 = sv_now();
    int nroots = 0;
    for (int i = 0; i < n; i++)
        if (linked[i] && uf_find(up, i) == i)
            roots[nroots++] = i;
    for (int r = 0; r < R; r++)
        if (!linked[C + r] && p->is_load_person[r] && (double)p->load0[r] > mean)
            sum += ((double)p->load0[r] - mean) / 60.0 * p->w.load;
    for (int k = 0; k < nroots && rc == ORDO_OK; k++) {
        for (int i = 0; i < n; i++)
            part[i] = linked[i] && uf_find(up, i) == roots[k];
        double left = time_limit_s > 0 ? time_limit_s - (sv_now() - t0) : 0, v = 0;
        if (time_limit_s > 0 && left <= 0)
            break;
        rc = people_part(p, part, mean, node_limit, time_limit_s > 0 ? left / (nroots - k) : 0,
                         with_spread && p->w.spread, &v);
        sum += v;
    }
    if (rc == ORDO_OK)
        *out = sum;
done:
    ordo__free(up);
    ordo__free(roots);
    ordo__free(part);
    ordo__free(linked);
    return rc;
}
