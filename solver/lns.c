/*
 * lns.c — the MIP neighbourhood step (lns.h).
 *
 * Neighbourhood: the course of a random placed session plus up to two
 * courses that share a resource or cohort with it on the same date.
 * Options per course: the starts its freed sessions had (with their old
 * resources, so the old plan is always feasible) plus a random sample of
 * other starts with greedily chosen resources. Conflict rows: for every
 * resource, cohort and course, and every option start time t, the options
 * covering t sum to <= 1 (interval cliques); for min_days_between g > 0, the
 * options of a course starting within any g consecutive days sum to <= 1;
 * site rows keep all options chosen for a course at one site.
 * Re-plans: an option that is no freed session's previous placement costs
 * the stability weight, and a chosen option goes to the session it was the
 * previous placement of, so the MIP's stability matches cost.c's.
 */
#include "solver/lns.h"
#include "solver/cost.h"
#include "solver/milp.h"

#include <stdlib.h>
#include <string.h>

#define MAX_COURSES 3
#define SAMPLE_STARTS 24
#define MAX_OPTIONS 400
#define NODE_LIMIT 200
#define MIP_TIME_LIMIT_S 2.0
#define PLACE_REWARD 10000.0

typedef struct option {
    int course;     /* sv course */
    int j;          /* start index */
    int res[16];
    int col;
} option;

typedef struct lns_ctx {
    option *opt;
    int nopt, cap;
    int courses[MAX_COURSES], ncourses;
    int *freed;     /* sessions freed */
    int nfreed;
    int *old_j, *old_res;
    int *unpl;      /* unplaced sessions of the chosen courses (repair mode) */
    int nunpl;
} lns_ctx;

static int add_option(lns_ctx *x, int course, int j, const int *res, int nres)
{
    for (int i = 0; i < x->nopt; i++)
        if (x->opt[i].course == course && x->opt[i].j == j &&
            memcmp(x->opt[i].res, res, (size_t)nres * sizeof *res) == 0)
            return 0;
    if (x->nopt >= x->cap)
        return 0;
    option *o = &x->opt[x->nopt++];
    o->course = course;
    o->j = j;
    memcpy(o->res, res, (size_t)nres * sizeof *res);
    return 1;
}

/* The session among the freed and unplaced ones whose previous placement is
 * option o and that is still unplaced, or -1. */
static int prev_owner(const sv_state *st, const lns_ctx *x, const option *o)
{
    const sv_problem *p = st->p;
    for (int f = 0; f < x->nfreed + x->nunpl; f++) {
        int s = f < x->nfreed ? x->freed[f] : x->unpl[f - x->nfreed];
        if (p->sess_course[s] == o->course && st->start[s] < 0 && sv_problem_at_prev(p, s, o->j, o->res))
            return s;
    }
    return -1;
}

static int option_uses(const option *o, int nres, int r)
{
    for (int k = 0; k < nres; k++)
        if (o->res[k] == r)
            return 1;
    return 0;
}

/* Pick the neighbourhood's courses. */
static void pick_courses(const sv_state *st, lns_ctx *x, int s0)
{
    const sv_problem *p = st->p;
    x->courses[x->ncourses++] = p->sess_course[s0];
    const sv_start *a = sv_state_start(st, s0);
    const int *r0 = st->res + st->res_off[s0];
    int n0 = p->courses[p->sess_course[s0]].nres;
    for (int o = 0; o < p->nsess && x->ncourses < MAX_COURSES; o++) {
        const sv_start *b = sv_state_start(st, o);
        int co = p->sess_course[o];
        if (!b || b->date != a->date || b->site != a->site)
            continue;
        int dup = 0;
        for (int i = 0; i < x->ncourses; i++)
            dup |= x->courses[i] == co;
        if (dup || p->courses[co].nres > 16)
            continue;
        const int *ro = st->res + st->res_off[o];
        int share = 0;
        for (int i = 0; i < n0 && !share; i++)
            for (int k = 0; k < p->courses[co].nres && !share; k++)
                share = r0[i] == ro[k];
        for (int i = 0; i < p->courses[p->sess_course[s0]].ncohorts && !share; i++)
            for (int k = 0; k < p->courses[co].ncohorts && !share; k++)
                share = p->courses[p->sess_course[s0]].cohorts[i] == p->courses[co].cohorts[k];
        if (share)
            x->courses[x->ncourses++] = co;
    }
}

/* Repair mode: the course of unplaced session s0 plus up to two courses that
 * hold its scarcest requirement's candidates somewhere. */
static void pick_courses_unplaced(const sv_state *st, lns_ctx *x, int s0, uint64_t *rng)
{
    const sv_problem *p = st->p;
    const sv_course *c = &p->courses[p->sess_course[s0]];
    x->courses[x->ncourses++] = p->sess_course[s0];
    int q = -1;
    for (int i = 0; i < c->nreq; i++)
        if (q < 0 || c->reqs[i].ncands < c->reqs[q].ncands)
            q = i;
    if (q < 0 || !c->reqs[q].ncands)
        return;
    for (int tries = 0; tries < 8 && x->ncourses < MAX_COURSES; tries++) {
        int r = c->reqs[q].cands[sv_rng_next(rng) % (uint64_t)c->reqs[q].ncands];
        if (!st->by_res_n[r])
            continue;
        int o = st->by_res[r][sv_rng_next(rng) % (uint64_t)st->by_res_n[r]];
        int co = p->sess_course[o], dup = 0;
        for (int i = 0; i < x->ncourses; i++)
            dup |= x->courses[i] == co;
        if (!dup && p->courses[co].nres <= 16)
            x->courses[x->ncourses++] = co;
    }
}

/* Exact cost of the pieces the neighbourhood can change. */
static double piece_cost(const sv_state *st, const lns_ctx *x)
{
    const sv_problem *p = st->p;
    double v = sv_cost_load(st);
    for (int i = 0; i < x->ncourses; i++) {
        const sv_course *c = &p->courses[x->courses[i]];
        v += sv_cost_course(st, x->courses[i], NULL);
        for (int k = 0; k < c->ncohorts; k++) {
            int dup = 0;
            for (int i2 = 0; i2 < i && !dup; i2++)
                for (int k2 = 0; k2 < p->courses[x->courses[i2]].ncohorts && !dup; k2++)
                    dup = p->courses[x->courses[i2]].cohorts[k2] == c->cohorts[k];
            for (int k2 = 0; k2 < k && !dup; k2++)
                dup = c->cohorts[k2] == c->cohorts[k];
            if (!dup)
                v += sv_cost_cohort(st, c->cohorts[k] - p->nres);
        }
    }
    return v;
}

/* Is a fixed (not freed) session of cohort k adjacent to [t, e) on date d? */
static int cohort_neighbour(const sv_state *st, int k, ordo_date d, int t, int e)
{
    const sv_problem *p = st->p;
    for (int i = 0; i < st->cohort_nsess[k]; i++) {
        const sv_start *b = sv_state_start(st, st->cohort_sess[k][i]);
        if (!b || b->date != d)
            continue;
        int eb = b->t + p->courses[p->sess_course[st->cohort_sess[k][i]]].duration;
        if (eb == t || b->t == e)
            return 1;
    }
    return 0;
}

/* All sessions of course ci at one site: when its options span several
 * sites, one binary w_s per site, the options at s sum to <= nsess * w_s,
 * and the w_s sum to <= 1. cols/vals have room for every option + 64. */
static int add_site_rows(sv_milp *lp, const lns_ctx *x, const sv_problem *p, int ci, int nsess, int *cols,
                         double *vals)
{
    const sv_course *c = &p->courses[ci];
    int wcols[64], nw = 0, first = -1, several = 0;
    for (int o = 0; o < x->nopt && !several; o++)
        if (x->opt[o].course == ci) {
            int site = c->starts[x->opt[o].j].site;
            several = first >= 0 && site != first;
            if (first < 0)
                first = site;
        }
    if (!several)
        return ORDO_OK;
    for (size_t site = 0; site < p->m->sites.n && nw < 64; site++) {
        int n = 0;
        for (int o = 0; o < x->nopt; o++)
            if (x->opt[o].course == ci && c->starts[x->opt[o].j].site == (int)site) {
                cols[n] = x->opt[o].col;
                vals[n++] = 1;
            }
        if (!n)
            continue;
        int w = sv_milp_add_col(lp, 0, 1, 0, 1);
        if (w < 0)
            return w;
        wcols[nw++] = w;
        cols[n] = w;
        vals[n++] = -(double)nsess;
        int rc = sv_milp_add_row(lp, -SV_INF, 0, n, cols, vals);
        if (rc < 0)
            return rc;
    }
    for (int i = 0; i < nw; i++) {
        cols[i] = wcols[i];
        vals[i] = 1;
    }
    int rc = sv_milp_add_row(lp, -SV_INF, 1, nw, cols, vals);
    return rc < 0 ? rc : ORDO_OK;
}

static int build_and_solve(sv_state *st, lns_ctx *x, uint64_t *rng, long *nodes)
{
    const sv_problem *p = st->p;
    int rc = ORDO_OK;
    sv_milp lp;
    sv_milp_init(&lp);
    double *xv = NULL;
    int *cols = NULL;
    double *vals = NULL;
    /* 1. options */
    for (int f = 0; f < x->nfreed; f++) {
        int s = x->freed[f], ci = p->sess_course[s];
        add_option(x, ci, x->old_j[f], x->old_res + f * 16, p->courses[ci].nres);
    }
    for (int i = 0; i < x->ncourses; i++) {
        int ci = x->courses[i];
        const sv_course *c = &p->courses[ci];
        int s = -1, repair = 0;
        for (int f = 0; f < x->nfreed && s < 0; f++)
            if (p->sess_course[x->freed[f]] == ci)
                s = x->freed[f];
        for (int f = 0; f < x->nunpl; f++)
            if (p->sess_course[x->unpl[f]] == ci) {
                repair = 1;
                if (s < 0)
                    s = x->unpl[f];
            }
        /* repair mode walks the course's starts with a stride that covers its
         * whole window once, from a random offset */
        int budget = x->nopt + (MAX_OPTIONS - x->nopt) / (x->ncourses - i);
        int samples = repair ? c->nstarts : SAMPLE_STARTS;
        int stride = repair ? 1 + c->nstarts / (2 * (budget - x->nopt) + 1) : 1;
        int origin = c->nstarts ? (int)(sv_rng_next(rng) % (uint64_t)stride) : 0;
        for (int k = 0; k < samples && s >= 0 && x->nopt < budget; k++) {
            if (repair && origin + k * stride >= c->nstarts)
                break;
            int j = repair ? origin + k * stride : (int)(sv_rng_next(rng) % (uint64_t)c->nstarts);
            int res[16];
            if (!sv_state_course_allows(st, s, j))
                continue;
            if (sv_state_choose_resources(st, s, j, res, NULL, NULL) && sv_state_can_place(st, s, j, res))
                add_option(x, ci, j, res, c->nres);
            if (sv_state_choose_resources(st, s, j, res, rng, NULL) && sv_state_can_place(st, s, j, res))
                add_option(x, ci, j, res, c->nres);
        }
    }
    /* 2. columns: option x_o, course-resource y_{c,r}, course-day z_{c,d}, shortfall u_c */
    for (int o = 0; o < x->nopt; o++) {
        option *op = &x->opt[o];
        const sv_course *c = &p->courses[op->course];
        const sv_start *a = &c->starts[op->j];
        double cost = 0;
        int at = 0;
        for (int q = 0; q < c->nreq; q++)
            for (int i = 0; i < c->reqs[q].count; i++, at++)
                if (c->reqs[q].kind == ORDO_ROOM && c->reqs[q].cap_penalty > 0) {
                    int sh = c->reqs[q].need_seats - p->m->resources.v[op->res[at]].capacity;
                    if (sh > 0)
                        cost += (double)sh * c->reqs[q].cap_penalty;
                }
        if (p->w.compactness)
            for (int k = 0; k < c->ncohorts; k++)
                if (!cohort_neighbour(st, c->cohorts[k] - p->nres, a->date, a->t, a->t + c->duration))
                    cost += p->w.compactness * 0.5;   /* a freed neighbour may still come */
        for (int k = 0; k < c->nres; k++)
            if (p->is_load_person[op->res[k]])
                cost += 1e-3 * (double)st->load[op->res[k]] / 60.0;
        if (p->stability && prev_owner(st, x, op) < 0)
            cost += p->stability;
        if (x->nunpl)
            cost -= PLACE_REWARD;   /* lexicographic: placing a session beats any soft cost */
        if ((op->col = sv_milp_add_col(&lp, 0, 1, cost, 1)) < 0) {
            rc = op->col;
            goto done;
        }
    }
    cols = ordo__malloc(((size_t)x->nopt + 64) * sizeof *cols);
    vals = ordo__malloc(((size_t)x->nopt + 64) * sizeof *vals);
    if (!cols || !vals) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    for (int i = 0; i < x->ncourses; i++) {
        int ci = x->courses[i];
        const sv_course *c = &p->courses[ci];
        int n = 0, nsess = 0, extra = 0;
        for (int f = 0; f < x->nfreed; f++)
            nsess += p->sess_course[x->freed[f]] == ci;
        for (int f = 0; f < x->nunpl; f++)
            extra += p->sess_course[x->unpl[f]] == ci;
        for (int o = 0; o < x->nopt; o++)
            if (x->opt[o].course == ci) {
                cols[n] = x->opt[o].col;
                vals[n++] = 1;
            }
        if ((rc = sv_milp_add_row(&lp, nsess, nsess + extra, n, cols, vals)) < 0)
            goto done;
        nsess += extra;
        rc = ORDO_OK;
        ORDO_TRY(add_site_rows(&lp, x, p, ci, nsess, cols, vals));
        /* stability: one y_{c,r} per distinct person/room r the options use,
         * sum of x_o using r <= nsess * y_{c,r}, cost w per y */
        int seen_r[256], nseen = 0;
        for (int o = 0; o < x->nopt; o++) {
            if (x->opt[o].course != ci)
                continue;
            for (int k = 0; k < c->nres; k++) {
                int r = x->opt[o].res[k], dup = 0;
                for (int i2 = 0; i2 < nseen && !dup; i2++)
                    dup = seen_r[i2] == r;
                ordo_kind kd = p->m->resources.v[r].kind;
                double w = kd == ORDO_PERSON ? p->w.same_person : kd == ORDO_ROOM ? p->w.same_room : 0;
                if (dup || w <= 0 || nseen >= 256)
                    continue;
                seen_r[nseen++] = r;
                int y = sv_milp_add_col(&lp, 0, 1, w, 0);
                if (y < 0) { rc = y; goto done; }
                int n2 = 0;
                for (int o2 = 0; o2 < x->nopt; o2++)
                    if (x->opt[o2].course == ci && option_uses(&x->opt[o2], c->nres, r)) {
                        cols[n2] = x->opt[o2].col;
                        vals[n2++] = 1;
                    }
                cols[n2] = y;
                vals[n2++] = -(double)nsess;
                if ((rc = sv_milp_add_row(&lp, -SV_INF, 0, n2, cols, vals)) < 0)
                    goto done;
                rc = ORDO_OK;
            }
        }
        /* minimum distinct days: u_c >= W - fixed_days - sum_d z_{c,d}, z_{c,d} <= sum x_o on d */
        if (c->min_distinct_days > 0 && p->w.min_days > 0) {
            int u = sv_milp_add_col(&lp, 0, SV_INF, p->w.min_days, 0);
            if (u < 0) { rc = u; goto done; }
            int zc[64], zn = 0;
            ordo_date zd[64];
            for (int o = 0; o < x->nopt && zn < 64; o++) {
                if (x->opt[o].course != ci)
                    continue;
                ordo_date d = c->starts[x->opt[o].j].date;
                int seen = 0;
                for (int k = 0; k < zn && !seen; k++)
                    seen = zd[k] == d;
                if (seen)
                    continue;
                int z = sv_milp_add_col(&lp, 0, 1, 0, 0);
                if (z < 0) { rc = z; goto done; }
                zd[zn] = d;
                zc[zn++] = z;
                int n3 = 0;
                for (int o2 = 0; o2 < x->nopt; o2++)
                    if (x->opt[o2].course == ci && c->starts[x->opt[o2].j].date == d) {
                        cols[n3] = x->opt[o2].col;
                        vals[n3++] = -1;
                    }
                cols[n3] = z;
                vals[n3++] = 1;
                if ((rc = sv_milp_add_row(&lp, -SV_INF, 0, n3, cols, vals)) < 0)
                    goto done;
                rc = ORDO_OK;
            }
            int fixed_days = 0;
            for (int k = 0; k < c->nfixed; k++) {
                int seen = 0;
                for (int k2 = 0; k2 < k && !seen; k2++)
                    seen = c->fixed_dates[k2] == c->fixed_dates[k];
                fixed_days += !seen;
            }
            int n4 = 0;
            for (int k = 0; k < zn; k++) {
                cols[n4] = zc[k];
                vals[n4++] = 1;
            }
            cols[n4] = u;
            vals[n4++] = 1;
            if ((rc = sv_milp_add_row(&lp, c->min_distinct_days - fixed_days, SV_INF, n4, cols, vals)) < 0)
                goto done;
            rc = ORDO_OK;
        }
        /* minimum days between: options within any window of g days <= 1 */
        if (c->min_days_between > 0)
            for (int o = 0; o < x->nopt; o++) {
                if (x->opt[o].course != ci)
                    continue;
                ordo_date d0 = c->starts[x->opt[o].j].date;
                int n5 = 0;
                for (int o2 = 0; o2 < x->nopt; o2++) {
                    if (x->opt[o2].course != ci)
                        continue;
                    ordo_date d = c->starts[x->opt[o2].j].date;
                    if (d >= d0 && d < d0 + c->min_days_between) {
                        cols[n5] = x->opt[o2].col;
                        vals[n5++] = 1;
                    }
                }
                if (n5 > 1 && (rc = sv_milp_add_row(&lp, -SV_INF, 1, n5, cols, vals)) < 0)
                    goto done;
                rc = ORDO_OK;
            }
    }
    /* hour banks: the options of courses on one contract fit in what is left */
    for (int i = 0; i < x->ncourses; i++) {
        int k = p->courses[x->courses[i]].contract, dup = 0;
        for (int i2 = 0; i2 < i && !dup; i2++)
            dup = p->courses[x->courses[i2]].contract == k;
        if (k < 0 || dup)
            continue;
        int n7 = 0;
        for (int o = 0; o < x->nopt; o++)
            if (p->courses[x->opt[o].course].contract == k) {
                cols[n7] = x->opt[o].col;
                vals[n7++] = p->courses[x->opt[o].course].duration;
            }
        if (n7 && (rc = sv_milp_add_row(&lp, -SV_INF, (double)st->bank[k], n7, cols, vals)) < 0)
            goto done;
        rc = ORDO_OK;
    }
    /* interval cliques per resource / cohort / course at every option start */
    for (int o = 0; o < x->nopt; o++) {
        const option *op = &x->opt[o];
        const sv_course *c = &p->courses[op->course];
        int t = c->starts[op->j].t;
        int keys = c->nres + c->ncohorts + 1;
        for (int key = 0; key < keys; key++) {
            int n6 = 0;
            for (int o2 = 0; o2 < x->nopt; o2++) {
                const option *q = &x->opt[o2];
                const sv_course *c2 = &p->courses[q->course];
                int t2 = c2->starts[q->j].t;
                if (!(t2 <= t && t < t2 + c2->duration))
                    continue;
                int hit;
                if (key < c->nres)
                    hit = option_uses(q, c2->nres, op->res[key]);
                else if (key < c->nres + c->ncohorts) {
                    hit = 0;
                    for (int k = 0; k < c2->ncohorts && !hit; k++)
                        hit = c2->cohorts[k] == c->cohorts[key - c->nres];
                } else
                    hit = q->course == op->course;
                if (hit) {
                    cols[n6] = q->col;
                    vals[n6++] = 1;
                    if (n6 >= x->nopt + 63)
                        break;
                }
            }
            if (n6 > 1 && (rc = sv_milp_add_row(&lp, -SV_INF, 1, n6, cols, vals)) < 0)
                goto done;
            rc = ORDO_OK;
        }
    }
    /* 3. solve */
    xv = ordo__malloc(((size_t)lp.ncols + 1) * sizeof *xv);
    if (!xv) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    sv_milp_opts mo = { 0, NODE_LIMIT, sv_phase_limit(st->p, MIP_TIME_LIMIT_S), 0 };
    if (mo.time_limit_s <= 0) {
        rc = ORDO_ESOLVER;                    /* past the deadline: the search stops next */
        goto done;
    }
    sv_milp_result mr = { 0 };
    mr.x = xv;
    if ((rc = sv_milp_solve(&lp, &mo, &mr)) < 0)
        goto done;
    *nodes = mr.nodes;
    if (mr.status != SV_MILP_OPTIMAL && mr.status != SV_MILP_FEASIBLE) {
        rc = ORDO_ESOLVER;
        goto done;
    }
    /* 4. apply: a chosen option goes to the session it was the previous
     * placement of, the others to the course's freed sessions in turn */
    for (int pass = 0; pass < 2; pass++)
    for (int o = 0; o < x->nopt; o++) {
        if (xv[x->opt[o].col] < 0.5)
            continue;
        if (pass == 0) {
            int owner = p->stability ? prev_owner(st, x, &x->opt[o]) : -1;
            if (owner < 0)
                continue;
            if (!sv_state_can_place(st, owner, x->opt[o].j, x->opt[o].res)) {
                rc = ORDO_ESOLVER;
                goto done;
            }
            sv_state_place(st, owner, x->opt[o].j, x->opt[o].res);
            xv[x->opt[o].col] = 0;   /* applied */
            continue;
        }
        int placed = 0;
        for (int f = 0; f < x->nfreed + x->nunpl && !placed; f++) {
            int s = f < x->nfreed ? x->freed[f] : x->unpl[f - x->nfreed];
            if (p->sess_course[s] != x->opt[o].course || st->start[s] >= 0)
                continue;
            if (!sv_state_can_place(st, s, x->opt[o].j, x->opt[o].res)) {
                rc = ORDO_ESOLVER;   /* the MIP and the checks disagree: keep the old plan */
                goto done;
            }
            sv_state_place(st, s, x->opt[o].j, x->opt[o].res);
            placed = 1;
        }
    }
    for (int f = 0; f < x->nfreed; f++)
        if (st->start[x->freed[f]] < 0)
            rc = ORDO_ESOLVER;
done:
    ordo__free(cols);
    ordo__free(vals);
    ordo__free(xv);
    sv_milp_free(&lp);
    return rc;
}

int sv_lns_step(sv_state *st, uint64_t *rng, double *delta, long *nodes, int *gained)
{
    const sv_problem *p = st->p;
    int rc = ORDO_OK;
    lns_ctx x = { 0 };
    *delta = 0;
    *nodes = 0;
    *gained = 0;
    if (st->placed == 0)
        return ORDO_ESOLVER;
    x.cap = MAX_OPTIONS;
    x.opt = ordo__malloc(sizeof *x.opt * (size_t)x.cap);
    x.freed = ordo__malloc(((size_t)p->nsess + 1) * sizeof *x.freed);
    x.unpl = ordo__malloc(((size_t)p->nsess + 1) * sizeof *x.unpl);
    x.old_j = ordo__malloc(((size_t)p->nsess + 1) * sizeof *x.old_j);
    x.old_res = ordo__malloc(((size_t)p->nsess + 1) * 16 * sizeof *x.old_res);
    if (!x.opt || !x.freed || !x.unpl || !x.old_j || !x.old_res) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    /* repair mode half of the time when some placeable session is unplaced */
    int nu = 0;
    for (int s = 0; s < p->nsess; s++)
        if (st->start[s] < 0 && p->courses[p->sess_course[s]].nstarts)
            x.unpl[nu++] = s;
    int s0;
    if (nu && sv_rng_next(rng) % 2 == 0) {
        s0 = x.unpl[sv_rng_next(rng) % (uint64_t)nu];
        if (p->courses[p->sess_course[s0]].nres > 16) {
            rc = ORDO_ESOLVER;
            goto done;
        }
        pick_courses_unplaced(st, &x, s0, rng);
    } else {
        do {
            s0 = (int)(sv_rng_next(rng) % (uint64_t)p->nsess);
        } while (st->start[s0] < 0);
        if (p->courses[p->sess_course[s0]].nres > 16) {
            rc = ORDO_ESOLVER;
            goto done;
        }
        pick_courses(st, &x, s0);
        nu = 0;
    }
    x.nunpl = 0;
    for (int i = 0; i < x.ncourses; i++) {
        const sv_course *c = &p->courses[x.courses[i]];
        for (int k = 0; k < c->nsess; k++) {
            int s = c->sess[k];
            if (st->start[s] < 0) {
                if (nu)
                    x.unpl[x.nunpl++] = s;
                continue;
            }
            x.old_j[x.nfreed] = st->start[s];
            memcpy(x.old_res + x.nfreed * 16, st->res + st->res_off[s], (size_t)c->nres * sizeof(int));
            x.freed[x.nfreed++] = s;
        }
    }
    int placed_before = st->placed;
    double before = piece_cost(st, &x);
    for (int f = 0; f < x.nfreed; f++)
        sv_state_unplace(st, x.freed[f]);
    rc = build_and_solve(st, &x, rng, nodes);
    double after = rc == ORDO_OK ? piece_cost(st, &x) : before;
    int more = rc == ORDO_OK && st->placed > placed_before;
    if (rc != ORDO_OK || st->placed < placed_before || (!more && after > before + 1e-9)) {
        for (int f = 0; f < x.nfreed; f++)
            sv_state_unplace(st, x.freed[f]);
        for (int f = 0; f < x.nunpl; f++)
            sv_state_unplace(st, x.unpl[f]);
        for (int f = 0; f < x.nfreed; f++)
            sv_state_place(st, x.freed[f], x.old_j[f], x.old_res + f * 16);
    } else {
        *delta = after - before;
        *gained = st->placed - placed_before;
    }
done:
    ordo__free(x.opt);
    ordo__free(x.freed);
    ordo__free(x.unpl);
    ordo__free(x.old_j);
    ordo__free(x.old_res);
    return rc;
}
