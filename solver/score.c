/*
 * score.c — the readable score of a plan (score.h).
 *
 * The plan saved in the model is loaded into a solver state over the same
 * problem the solver builds (same window, grid and frozen sessions), and
 * every cost term is read from cost.c piece by piece: per course (same
 * trainer, same room, spread, minimum days, capacity), per cohort
 * (compactness) and per person (load). Reading the solver's own pieces is
 * what makes the goal totals add up to the reported cost; the independent
 * check is tests/e2e/check_plan.py, which recomputes each goal from the CSV.
 */
#include "solver/score.h"
#include "solver/bound.h"
#include "solver/cost.h"
#include "solver/problem.h"
#include "solver/search.h"
#include "solver/state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const goal_keys[ORDO_GOAL_COUNT] = {
    "same_person", "same_room", "spread", "load", "min_days", "compactness", "capacity",
};
static const char *const goal_labels[ORDO_GOAL_COUNT] = {
    "same trainer", "same room", "spread", "load balance", "minimum days", "compactness",
    "room capacity",
};

void ordo_score_set_replan(ordo_score *s, const ordo_solve_result *r)
{
    ordo_score_goal *g = &s->stability;
    memset(g, 0, sizeof *g);
    g->key = "stability";
    g->weight = r->stability_weight;
    g->cost = (double)r->stability_weight * r->moved;
    g->bound = (double)r->stability_weight * r->must_move;
    g->count = r->moved;
    snprintf(g->text, sizeof g->text, "moved %d of %d sessions (%d had to move): +%.2f", r->moved, r->prev,
             r->must_move, g->cost);
}

const char *ordo_score_goal_label(ordo_goal g)
{
    return g >= 0 && g < ORDO_GOAL_COUNT ? goal_labels[g] : "?";
}

void ordo_score_free(ordo_score *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->nitems; i++)
        ordo__free(s->items[i].id);
    ordo__free(s->items);
    for (int k = 0; k < s->ncohorts; k++)
        ordo__free(s->cohort_names[k]);
    ordo__free(s->cohort_names);
    memset(s, 0, sizeof *s);
}

static double part_of(const sv_cost_parts *pp, ordo_goal g)
{
    switch (g) {
    case ORDO_GOAL_SAME_PERSON: return pp->same_person;
    case ORDO_GOAL_SAME_ROOM: return pp->same_room;
    case ORDO_GOAL_SPREAD: return pp->spread;
    case ORDO_GOAL_LOAD: return pp->load;
    case ORDO_GOAL_MIN_DAYS: return pp->min_days;
    case ORDO_GOAL_COMPACTNESS: return pp->compactness;
    default: return pp->capacity;
    }
}

static int weight_of(const sv_problem *p, ordo_goal g)
{
    const ordo_weights *w = &p->w;
    switch (g) {
    case ORDO_GOAL_SAME_PERSON: return w->same_person;
    case ORDO_GOAL_SAME_ROOM: return w->same_room;
    case ORDO_GOAL_SPREAD: return w->spread;
    case ORDO_GOAL_LOAD: return w->load;
    case ORDO_GOAL_MIN_DAYS: return w->min_days;
    case ORDO_GOAL_COMPACTNESS: return w->compactness;
    default:   /* capacity: on when some row has a soft capacity (its own penalty) */
        for (int ci = 0; ci < p->ncourses; ci++)
            for (int q = 0; q < p->courses[ci].nreq; q++)
                if (p->courses[ci].reqs[q].cap_penalty > 0)
                    return 1;
        return 0;
    }
}

/* Place the model's planned sessions of the run into st. */
static void load_plan(sv_state *st, int *unmatched)
{
    const sv_problem *p = st->p;
    const ordo_model *m = p->m;
    for (int s = 0; s < p->nsess; s++) {
        const ordo_session *ms = &m->sessions.v[p->sess_model[s]];
        const sv_course *c = &p->courses[p->sess_course[s]];
        if (ms->status != ORDO_SESSION_PLANNED)
            continue;
        int j = ms->nresources == c->nres ? sv_problem_find_start(c, (int)(ms->start - p->h0), ms->site) : -1;
        if (j < 0 || ms->end - ms->start != c->duration) {
            (*unmatched)++;
            continue;
        }
        sv_state_place(st, s, j, ms->resources);
    }
}

static int add_item(ordo_score *out, int *cap, ordo_goal g, ordo_score_subject subj, int index,
                    const char *id, double cost, double amount)
{
    if (out->nitems == *cap) {
        int ncap = *cap ? *cap * 2 : 64;
        ordo_score_item *v = ordo__realloc(out->items, sizeof *v * (size_t)ncap);
        if (!v)
            return ORDO_ENOMEM;
        out->items = v;
        *cap = ncap;
    }
    char *copy = ordo__strdup(id ? id : "");
    if (!copy)
        return ORDO_ENOMEM;
    ordo_score_item *it = &out->items[out->nitems++];
    memset(it, 0, sizeof *it);
    it->id = copy;
    it->goal = g;
    it->subject = subj;
    it->index = index;
    it->cost = cost;
    it->amount = amount;
    return ORDO_OK;
}

static void item_text(const ordo_score_item *it, const ordo_model *m, const sv_problem *p,
                      char *buf, size_t n)
{
    const char *title = it->subject == ORDO_SCORE_COURSE && m->courses.v[it->index].title
                            ? m->courses.v[it->index].title : "";
    const char *sep = *title ? " (" : "", *end = *title ? ")" : "";
    const sv_course *c = it->subject == ORDO_SCORE_COURSE ? &p->courses[it->index] : NULL;
    switch (it->subject == ORDO_SCORE_ROOM ? ORDO_GOAL_COUNT : it->goal) {
    case ORDO_GOAL_SAME_PERSON:
        snprintf(buf, n, "course %s%s%s%s: %d trainers where %d would do: +%.2f", it->id, sep, title,
                 end, (int)it->amount + c->persons_per_session, c->persons_per_session, it->cost);
        break;
    case ORDO_GOAL_SAME_ROOM:
        snprintf(buf, n, "course %s%s%s%s: %d rooms where %d would do: +%.2f", it->id, sep, title, end,
                 (int)it->amount + c->rooms_per_session, c->rooms_per_session, it->cost);
        break;
    case ORDO_GOAL_SPREAD:
        snprintf(buf, n, "course %s%s%s%s: sessions %g days closer in all than an even %d-day spacing: +%.2f",
                 it->id, sep, title, end, it->amount, c->ideal_gap, it->cost);
        break;
    case ORDO_GOAL_MIN_DAYS:
        snprintf(buf, n, "course %s%s%s%s: %g days short of its %d distinct days: +%.2f", it->id, sep,
                 title, end, it->amount, c->min_distinct_days, it->cost);
        break;
    case ORDO_GOAL_CAPACITY:
        snprintf(buf, n, "course %s%s%s%s: %g seats missing over its sessions: +%.2f", it->id, sep,
                 title, end, it->amount, it->cost);
        break;
    case ORDO_GOAL_LOAD:
        snprintf(buf, n, "%s: %.2f hours above the mean load: +%.2f", it->id, it->amount, it->cost);
        break;
    default:
        if (it->subject == ORDO_SCORE_ROOM)
            snprintf(buf, n, "room %s (%d seats): %g seats missing over the sessions it holds: +%.2f", it->id,
                     m->resources.v[it->index].capacity, it->amount, it->cost);
        else
            snprintf(buf, n, "cohort %s: %g session%s alone in their day: +%.2f", it->id, it->amount,
                     it->amount == 1 ? "" : "s", it->cost);
        break;
    }
}

static void goal_text(ordo_score_goal *g, ordo_goal k)
{
    const char *s = g->count == 1 ? "" : "s";
    switch (k) {
    case ORDO_GOAL_SAME_PERSON:
        snprintf(g->text, sizeof g->text, "%d course%s taught by more trainers than a session needs: +%.2f",
                 g->count, s, g->cost);
        break;
    case ORDO_GOAL_SAME_ROOM:
        snprintf(g->text, sizeof g->text, "%d course%s moving between rooms: +%.2f", g->count, s, g->cost);
        break;
    case ORDO_GOAL_SPREAD:
        snprintf(g->text, sizeof g->text, "%d course%s with sessions closer together than an even spread: +%.2f",
                 g->count, s, g->cost);
        break;
    case ORDO_GOAL_LOAD:
        snprintf(g->text, sizeof g->text, "%d %s above the mean teaching load: +%.2f", g->count,
                 g->count == 1 ? "person" : "people", g->cost);
        break;
    case ORDO_GOAL_MIN_DAYS:
        snprintf(g->text, sizeof g->text, "%d course%s on fewer distinct days than asked: +%.2f", g->count, s,
                 g->cost);
        break;
    case ORDO_GOAL_COMPACTNESS:
        snprintf(g->text, sizeof g->text, "%d cohort%s with sessions alone in their day: +%.2f", g->count, s,
                 g->cost);
        break;
    default:
        snprintf(g->text, sizeof g->text, "%d course%s in rooms with too few seats: +%.2f", g->count, s, g->cost);
        break;
    }
}

static int cmp_item(const void *a, const void *b)
{
    const ordo_score_item *x = a, *y = b;
    if (x->cost != y->cost)
        return x->cost < y->cost ? 1 : -1;
    if (x->goal != y->goal)
        return (int)x->goal - (int)y->goal;
    if (x->subject != y->subject)
        return (int)x->subject - (int)y->subject;
    return x->index - y->index;
}

/* The capacity shortfall of placed sessions, by room (cost.c's rule). */
static int room_items(const sv_state *st, ordo_score *out, int *cap)
{
    const sv_problem *p = st->p;
    int rc = ORDO_OK;
    double *short_by = ordo__calloc((size_t)p->nres + 1, sizeof *short_by);
    double *cost_by = ordo__calloc((size_t)p->nres + 1, sizeof *cost_by);
    if (!short_by || !cost_by) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    for (int s = 0; s < p->nsess; s++) {
        const sv_course *c = &p->courses[p->sess_course[s]];
        if (st->start[s] < 0)
            continue;
        const int *sr = st->res + st->res_off[s];
        for (int q = 0, at = 0; q < c->nreq; q++)
            for (int i = 0; i < c->reqs[q].count; i++, at++) {
                const sv_req *rq = &c->reqs[q];
                int sh = rq->need_seats - p->m->resources.v[sr[at]].capacity;
                if (rq->kind == ORDO_ROOM && rq->cap_penalty > 0 && rq->need_seats > 0 && sh > 0) {
                    short_by[sr[at]] += sh;
                    cost_by[sr[at]] += (double)sh * rq->cap_penalty;
                }
            }
    }
    for (int r = 0; r < p->nres; r++)
        if (cost_by[r] > 0)
            ORDO_TRY(add_item(out, cap, ORDO_GOAL_CAPACITY, ORDO_SCORE_ROOM, r, p->m->resources.v[r].id, cost_by[r],
                              short_by[r]));
done:
    ordo__free(short_by);
    ordo__free(cost_by);
    return rc;
}

/* Items and goal totals of a state. */
static int score_state(const sv_state *st, ordo_score *out)
{
    const sv_problem *p = st->p;
    const ordo_model *m = p->m;
    int rc = ORDO_OK, cap = 0;
    for (int ci = 0; ci < p->ncourses; ci++) {
        sv_cost_parts cp = { 0 };
        if (!sv_cost_course(st, ci, &cp))
            continue;
        const char *id = m->courses.v[ci].id;
        for (int g = 0; g < ORDO_GOAL_COUNT; g++) {
            double v = part_of(&cp, (ordo_goal)g);
            if (v <= 0)
                continue;
            int w = g == ORDO_GOAL_CAPACITY ? 1 : weight_of(p, (ordo_goal)g);
            ORDO_TRY(add_item(out, &cap, (ordo_goal)g, ORDO_SCORE_COURSE, ci, id, v, w ? v / w : v));
        }
    }
    if (p->npseudo) {
        out->cohort_names = ordo__calloc((size_t)p->npseudo, sizeof *out->cohort_names);
        if (!out->cohort_names)
            return ORDO_ENOMEM;
        out->ncohorts = p->npseudo;
    }
    for (int k = 0; k < p->npseudo; k++) {
        out->cohort_names[k] = ordo__strdup(p->cohort_names[k]);
        if (!out->cohort_names[k])
            return ORDO_ENOMEM;
        double v = sv_cost_cohort(st, k);
        if (v > 0)
            ORDO_TRY(add_item(out, &cap, ORDO_GOAL_COMPACTNESS, ORDO_SCORE_COHORT, k, out->cohort_names[k], v,
                              v / p->w.compactness));
    }
    ORDO_TRY(room_items(st, out, &cap));
    for (int r = 0; r < p->nres; r++) {
        if (!p->is_load_person[r])
            continue;
        double v = sv_cost_load_person(st, r, st->load[r]);
        if (v > 0)
            ORDO_TRY(add_item(out, &cap, ORDO_GOAL_LOAD, ORDO_SCORE_PERSON, r, m->resources.v[r].id, v,
                              v / p->w.load));
    }
    if (out->nitems)
        qsort(out->items, (size_t)out->nitems, sizeof *out->items, cmp_item);
    for (int i = 0; i < out->nitems; i++) {
        ordo_score_item *it = &out->items[i];
        item_text(it, m, p, it->text, sizeof it->text);
        if (it->subject == ORDO_SCORE_ROOM)
            continue;   /* the same cost seen by room */
        out->goals[it->goal].cost += it->cost;
        out->goals[it->goal].count++;
    }
    sv_cost_parts bp = { 0 };
    int weak = 0;
    sv_bound_goal_parts(p, &weak, &bp);   /* goals only: the joint days + compactness bound is not shown */
    out->total = 0;
    for (int g = 0; g < ORDO_GOAL_COUNT; g++) {
        ordo_score_goal *sg = &out->goals[g];
        sg->key = goal_keys[g];
        sg->weight = weight_of(p, (ordo_goal)g);
        sg->bound = st->placed == p->nsess ? part_of(&bp, (ordo_goal)g) : 0;
        goal_text(sg, (ordo_goal)g);
        out->total += sg->cost;
    }
done:
    return rc;
}

void ordo_score_set_bound(ordo_score *s, double bound, int weak)
{
    double own = 0;
    for (int g = 0; g < ORDO_GOAL_COUNT; g++)
        own += s->goals[g].bound;
    int all = s->placed == s->total_sessions;
    s->has_bound = 1;
    s->bound = !all ? 0 : bound < s->total ? bound : s->total;
    s->bound_is_weak = weak || !all;
    s->together = all && s->bound > own + 0.005 ? s->bound - own : 0;
}

static int score_plan(ordo_model *m, const ordo_solve_options *opts_in, int with_bound, ordo_score *out)
{
    int rc = ORDO_OK, have_problem = 0, have_state = 0;
    sv_problem p;
    sv_state st;
    ordo_solve_options opts = *opts_in;
    double t0 = sv_now();
    memset(out, 0, sizeof *out);
    ordo__clearerr(&m->err);
    if (opts.slot_minutes <= 0)
        opts.slot_minutes = 30;
    opts.now = 0;   /* every planned session of the window is part of the plan judged */
    opts.fresh = 1; /* a plan is judged alone: stability is a re-plan's (ordo_score_set_replan) */
    ORDO_TRY(sv_problem_build(&p, m, &opts, &m->err));
    have_problem = 1;
    ORDO_TRY(sv_state_new(&st, &p));
    have_state = 1;
    load_plan(&st, &out->unmatched);
    out->placed = st.placed;
    out->total_sessions = p.nsess;
    ORDO_TRY(score_state(&st, out));
    if (with_bound) {
        /* the phases of ordo_solve (solve.c), the same limits; the time
         * limit caps them all (sv_phase_limit reads p.deadline_at) */
        int weak = 0;
        sv_cost_parts parts;
        p.deadline_at = opts.time_limit_s > 0 ? t0 + opts.time_limit_s : 0;
        double bound = sv_bound_first(&p, sv_phase_limit(&p, SV_BOUND_PEOPLE_S), &weak, &parts);
        bound = sv_bound_then_lp(&p, sv_phase_limit(&p, SV_BOUND_LP_S), &parts, bound, &weak);
        ordo_score_set_bound(out, bound, weak);
    }
done:
    if (have_state)
        sv_state_free(&st);
    if (have_problem)
        sv_problem_free(&p);
    if (rc < 0 && !m->err.msg[0])
        ordo__seterr(&m->err, rc, "score: %s", ordo_strerror(rc));
    return rc;
}

int ordo_score_plan(ordo_model *m, const ordo_solve_options *opts, ordo_score *out)
{
    return score_plan(m, opts, 0, out);
}

int ordo_score_plan_bound(ordo_model *m, const ordo_solve_options *opts, ordo_score *out)
{
    return score_plan(m, opts, 1, out);
}

void ordo_score_bound_text(double cost, double bound, int placed, int total, int weak, char *buf,
                           size_t n)
{
    if (placed < total)
        snprintf(buf, n, "bound 0: %d of %d sessions are unplaced, and a plan with fewer sessions can cost "
                 "less, so nothing is proved", total - placed, total);
    else if (cost <= bound + 1e-9)
        snprintf(buf, n, "bound %.2f: no plan placing all %d sessions costs less, so this plan is optimal",
                 bound, total);
    else
        snprintf(buf, n, "bound %.2f: no plan placing all %d sessions can cost less than %.2f, so this plan "
                 "is at most %.2f above the best one%s", bound, total, bound, cost - bound,
                 weak ? " (some goals are only bounded by 0, so the true distance is likely smaller)" : "");
}
