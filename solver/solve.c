/*
 * solve.c — ordo_solve(): build the problem, construct greedily, bound,
 * improve (annealing + GLPK neighbourhoods), then write the plan back into
 * the model's sessions, raising SEQUENCE and DTSTAMP only where a session's
 * start, end, resources or status changed.
 */
#include "solver/solve.h"
#include "solver/bound.h"
#include "solver/bound_lp.h"
#include "solver/construct.h"
#include "solver/cost.h"
#include "solver/explain.h"
#include "solver/problem.h"
#include "solver/search.h"

#include <stdio.h>
#include <string.h>

#define DEFAULT_WORK_PER_SESSION 1000
#define DEFAULT_WORK_MIN 20000
#define DEFAULT_CONSTRUCT_ROUNDS 20
#define DEFAULT_BOUND_LP_NODES 200
#define DEFAULT_BOUND_LP_S 15.0
#define DEFAULT_BOUND_PEOPLE_S 3.0

static int same_resources(const ordo_session *s, const int *res, int n)
{
    if (s->nresources != n)
        return 0;
    for (int k = 0; k < n; k++)
        if (s->resources[k] != res[k])
            return 0;
    return 1;
}

static int write_back(ordo_model *m, const sv_state *st, int64_t now)
{
    const sv_problem *p = st->p;
    for (int s = 0; s < p->nsess; s++) {
        ordo_session *ms = &m->sessions.v[p->sess_model[s]];
        const sv_course *c = &p->courses[p->sess_course[s]];
        int was_placed = ms->status == ORDO_SESSION_PLANNED;
        int had_times = ms->start != 0 || ms->end != 0;
        int changed;
        if (st->start[s] >= 0) {
            const sv_start *a = &c->starts[st->start[s]];
            ordo_utc start = p->h0 + a->t, end = start + c->duration;
            const int *res = st->res + st->res_off[s];
            changed = !was_placed || ms->start != start || ms->end != end || ms->site != a->site ||
                      !same_resources(ms, res, c->nres);
            if (ordo_session_set_resources(ms, res, c->nres) < 0 || ordo_session_set_reason(ms, NULL) < 0)
                return ORDO_ENOMEM;
            ms->start = start;
            ms->end = end;
            ms->site = a->site;
            ms->status = ORDO_SESSION_PLANNED;
        } else {
            char reason[512];
            if (st->deadline_at > 0 && sv_now() >= st->deadline_at)   /* explaining is a phase too */
                snprintf(reason, sizeof reason, "time limit: %s", st->construct_timed_out
                         ? "the run stopped (--time-limit) before this session was tried"
                         : "not placed, and --time-limit ran out before the reason was worked out");
            else
                sv_explain(st, s, reason, sizeof reason);
            changed = was_placed;
            if (ordo_session_set_reason(ms, reason) < 0)
                return ORDO_ENOMEM;
            ms->status = ORDO_SESSION_UNSCHEDULED;   /* times kept: calendars say CANCELLED */
        }
        if (changed) {
            if (had_times)
                ms->sequence++;
            ms->dtstamp = now;
        }
    }
    return ORDO_OK;
}

int ordo_solve(ordo_model *m, const ordo_solve_options *opts_in, ordo_solve_result *out)
{
    int rc = ORDO_OK;
    sv_problem p;
    sv_state st;
    int have_problem = 0, have_state = 0;
    ordo_solve_options opts = *opts_in;
    memset(out, 0, sizeof *out);
    ordo__clearerr(&m->err);
    if (opts.slot_minutes <= 0)
        opts.slot_minutes = 30;
    double t0 = sv_now();
    ORDO_TRY(sv_problem_build(&p, m, &opts, &m->err));
    have_problem = 1;
    ORDO_TRY(sv_state_new(&st, &p));
    have_state = 1;
    uint64_t rng = opts.seed ? opts.seed : 1;
    st.deadline_at = opts.time_limit_s > 0 ? t0 + opts.time_limit_s : 0;
    p.deadline_at = st.deadline_at;   /* the bound phases and the LNS MIPs stop by it too */
    ORDO_TRY(sv_construct_rounds(&st, &rng, DEFAULT_CONSTRUCT_ROUNDS));
    int weak = 0;
    sv_cost_parts bparts;
    double bound = sv_bound_parts(&p, &weak, &bparts);
    {
        /* same person and load together (bound_res.c): replaces their two
         * separate bounds when larger */
        double people = 0, limit = sv_phase_limit(&p, opts.time_limit_s > 0 ? opts.time_limit_s / 20
                                                                         : DEFAULT_BOUND_PEOPLE_S);
        double apart = bparts.same_person + bparts.load;
        if (limit > 0 && sv_bound_people(&p, DEFAULT_BOUND_LP_NODES, limit, &people) == ORDO_OK && people > apart) {
            bound += people - apart;
            bparts.same_person = people;   /* the pair's bound, kept in one of its fields */
            bparts.load = 0;
        }
    }
    if (opts.progress)   /* the MILP bound below may take a while: report the start first */
        opts.progress(sv_now() - t0, st.placed, p.nsess, sv_cost_total(&st, NULL), bound, opts.payload);
    {
        /* the MILP relaxation bound (bound_lp.h), when the problem is small
         * enough; a tenth of the time limit at most (15 s without one) */
        double lb = 0, limit = sv_phase_limit(&p, opts.time_limit_s > 0 ? opts.time_limit_s / 10 : DEFAULT_BOUND_LP_S);
        /* the MILP counts same person, same room and load as 0: their own
         * bounds (bound_res.c) add to it */
        if (limit > 0 && sv_bound_lp(&p, DEFAULT_BOUND_LP_NODES, limit, &lb, NULL) == ORDO_OK) {
            lb += bparts.same_person + bparts.same_room + bparts.load;
            weak = 0;   /* the MILP bounds compactness too */
            if (lb > bound)
                bound = lb;
        }
    }
    double cost = sv_cost_total(&st, NULL);
    if (opts.progress)
        opts.progress(sv_now() - t0, st.placed, p.nsess, cost, bound, opts.payload);
    long work = opts.work_limit > 0 ? opts.work_limit : (long)DEFAULT_WORK_PER_SESSION * p.nsess;
    if (opts.work_limit <= 0 && work < DEFAULT_WORK_MIN)
        work = DEFAULT_WORK_MIN;
    sv_search_stats stats = { 0 };
    if (p.nsess > 0)
        ORDO_TRY(sv_search(&st, work, opts.time_limit_s, t0, bound, &rng, &stats));
    cost = sv_cost_total(&st, NULL);
    ORDO_TRY(write_back(m, &st, opts.now));
    out->total = p.nsess;
    out->placed = st.placed;
    out->cost = cost;
    out->bound = st.placed == p.nsess ? (bound < cost ? bound : cost) : 0;
    out->bound_is_weak = weak || st.placed < p.nsess;
    out->gap = (out->cost - out->bound) / (out->cost > 1 ? out->cost : 1);
    out->iterations = stats.iterations;
    out->mip_solves = stats.mip_solves;
    out->mip_nodes = stats.mip_nodes;
    out->seconds = sv_now() - t0;
    if (st.placed < p.nsess)
        out->status = ORDO_SOLVE_PARTIAL;
    else if (stats.timed_out)
        out->status = ORDO_SOLVE_TIME_LIMIT;
    else if (cost <= bound + 1e-9)
        out->status = ORDO_SOLVE_OPTIMAL;
    else
        out->status = ORDO_SOLVE_FEASIBLE;
    if (opts.progress)
        opts.progress(out->seconds, out->placed, out->total, out->cost, out->bound, opts.payload);
done:
    if (have_state)
        sv_state_free(&st);
    if (have_problem)
        sv_problem_free(&p);
    if (rc < 0 && !m->err.msg[0])
        ordo__seterr(&m->err, rc, "solver: %s", ordo_strerror(rc));
    return rc;
}
