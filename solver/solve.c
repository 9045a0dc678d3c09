/*
 * solve.c — ordo_solve(): build the problem, construct greedily, bound,
 * improve (annealing + GLPK neighbourhoods), then write the plan back into
 * the model's sessions, raising SEQUENCE and DTSTAMP only where a session's
 * start, end, resources or status changed. How long the search runs (work,
 * time, or rounds until stagnation) is described in solve.h.
 */
#include "solver/solve.h"
#include "solver/bound.h"
#include "solver/construct.h"
#include "solver/cost.h"
#include "solver/explain.h"
#include "solver/problem.h"
#include "solver/rounds.h"
#include "solver/search.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#define DEFAULT_WORK_PER_SESSION 1000
#define DEFAULT_WORK_MIN 20000
#define DEFAULT_CONSTRUCT_ROUNDS 20

/* The search, as long as options say (solve.h "How long the search runs"):
 * stats are summed over rounds; *stop and *rounds say how it ended. */
static int run_search(sv_state *st, const ordo_solve_options *o, double t0, double bound, uint64_t *rng,
                      sv_search_stats *stats, ordo_solve_stop *stop, int *rounds)
{
    const sv_problem *p = st->p;
    int rc = ORDO_OK;
    long base = (long)DEFAULT_WORK_PER_SESSION * p->nsess;
    if (base < DEFAULT_WORK_MIN)
        base = DEFAULT_WORK_MIN;
    memset(stats, 0, sizeof *stats);
    *rounds = 0;
    *stop = ORDO_STOP_WORK;
    if (o->work_limit > 0 || (!o->stagnation && o->time_limit_s > 0)) {
        long work = o->work_limit > 0 ? o->work_limit : LONG_MAX;
        ORDO_TRY(sv_search(st, work, 1.0, o->time_limit_s, t0, bound, rng, stats));
        *rounds = 1;
        *stop = stats->proven ? ORDO_STOP_OPTIMAL : stats->timed_out || o->work_limit <= 0 ? ORDO_STOP_TIME
                                                                                          : ORDO_STOP_WORK;
        return ORDO_OK;
    }
    /* the rounds (rounds.h): the first one runs to its end without a time
     * limit; the cap applies to the rounds after it */
    double cap = o->time_limit_s > 0 ? o->time_limit_s : ORDO_SOLVE_DEFAULT_CAP_S;
    double rate = 0;   /* iterations per second so far */
    for (int k = 0;; k++) {
        sv_search_stats r;
        int placed = st->placed;
        double before = sv_cost_total(st, NULL);
        sv_round plan = sv_round_plan(k, base, rate, cap, o->time_limit_s > 0);
        double round_t0 = sv_now();
        ORDO_TRY(sv_search(st, plan.work, plan.heat, plan.deadline, t0, bound, rng, &r));
        double took = sv_now() - round_t0;
        if (took > 0)
            rate = (double)r.iterations / took;
        (*rounds)++;
        stats->iterations += r.iterations;
        stats->accepted += r.accepted;
        stats->improved += r.improved;
        stats->mip_solves += r.mip_solves;
        stats->mip_nodes += r.mip_nodes;
        stats->mip_improved += r.mip_improved;
        stats->drift += r.drift;
        double after = sv_cost_total(st, NULL);
        if (r.proven) {
            *stop = ORDO_STOP_OPTIMAL;
            break;
        }
        if (plan.final || r.timed_out || sv_now() - t0 >= cap) {
            stats->timed_out = 1;
            *stop = ORDO_STOP_TIME;
            break;
        }
        if (st->placed <= placed && before - after <= ORDO_SOLVE_STAGNATION * before) {
            *stop = ORDO_STOP_STAGNATION;
            break;
        }
    }
done:
    return rc;
}

void ordo_solve_stop_text(const ordo_solve_result *r, char *buf, size_t n)
{
    switch (r->stop) {
    case ORDO_STOP_WORK:
        snprintf(buf, n, "stopped: the --work budget of %ld iterations is used (%.1f s)", r->iterations, r->seconds);
        break;
    case ORDO_STOP_STAGNATION:
        snprintf(buf, n, "stopped: round %d improved the best by %.1f %% or less (%d round%s, %ld iterations, "
                 "%.1f s; --time-limit S uses all the time, --work N fixes the budget)", r->rounds,
                 100.0 * ORDO_SOLVE_STAGNATION, r->rounds, r->rounds == 1 ? "" : "s", r->iterations, r->seconds);
        break;
    case ORDO_STOP_TIME:
        snprintf(buf, n, "stopped: time limit reached (%d round%s, %ld iterations, %.1f s)", r->rounds,
                 r->rounds == 1 ? "" : "s", r->iterations, r->seconds);
        break;
    default:
        snprintf(buf, n, "stopped: the cost reached the bound, the plan is optimal (%ld iterations, %.1f s)",
                 r->iterations, r->seconds);
        break;
    }
}

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
    double bound = sv_bound_first(&p, sv_phase_limit(&p, opts.time_limit_s > 0 ? opts.time_limit_s / 20
                                                                           : SV_BOUND_PEOPLE_S), &weak, &bparts);
    if (opts.progress)   /* the MILP bound below may take a while: report the start first */
        opts.progress(sv_now() - t0, st.placed, p.nsess, sv_cost_total(&st, NULL), bound, opts.payload);
    /* the MILP relaxation bound: a tenth of the time limit at most (15 s without one) */
    bound = sv_bound_then_lp(&p, sv_phase_limit(&p, opts.time_limit_s > 0 ? opts.time_limit_s / 10 : SV_BOUND_LP_S),
                             &bparts, bound, &weak);
    double cost = sv_cost_total(&st, NULL);
    if (opts.progress)
        opts.progress(sv_now() - t0, st.placed, p.nsess, cost, bound, opts.payload);
    sv_search_stats stats = { 0 };
    /* the objective adds the stability cost: at least its weight for each
     * session whose previous placement no plan can keep */
    double stab_bound = (double)p.must_move * p.stability;
    if (p.nsess > 0)
        ORDO_TRY(run_search(&st, &opts, t0, bound + stab_bound, &rng, &stats, &out->stop, &out->rounds));
    sv_cost_parts parts;
    cost = sv_cost_total(&st, &parts) - parts.stability;
    out->prev = p.nprev;
    out->must_move = p.must_move;
    for (int s = 0; s < p.nsess; s++)
        out->moved += p.prev_start[s] != -1 && !sv_problem_at_prev(&p, s, st.start[s], st.res + st.res_off[s]);
    out->stability_weight = p.stability;
    out->stability = (double)out->moved * p.stability;
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
