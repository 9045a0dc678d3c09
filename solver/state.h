/*
 * state.h — a (partial) plan over an sv_problem: for each session its start
 * (index into its course's starts, or -1) and its resources; the free-minute
 * bitsets with the plan's bookings taken out; hour banks and person loads.
 * sv_state_place/unplace keep all of these consistent; the cost module
 * (cost.c) reads them.
 */
#ifndef ORDO_SOLVER_STATE_H
#define ORDO_SOLVER_STATE_H

#include "solver/problem.h"

typedef struct sv_state {
    const sv_problem *p;
    sv_word *free;          /* per resource/cohort, as problem->free0 minus placed sessions */
    int *start;             /* per session: start index in its course, -1 = unplaced */
    ordo_date *date;        /* per session: its start's date while placed, SV_NO_DATE unplaced
                               (kept by place/unplace: the compactness count filters on it) */
    int *edge;              /* per placed session s: edge[2s] = the minute before its start,
                               edge[2s + 1] = the minute it ends, each -1 where the day or the
                               horizon ends there (no neighbour can touch it on that side);
                               set by place: the compactness count tests its cohorts' bits there */
    int *res;               /* per session: resources, at res_off[s] */
    int *res_off;
    int64_t *bank;          /* per model contract: minutes left */
    int64_t *load;          /* per model resource: minutes booked this run */
    int64_t load_total;     /* sum of load over load persons */
    int placed;
    int constructing;       /* 1: resource choice favours feasibility over stability */
    int construct_site;     /* construction: only starts at this site (-1 = any) */
    int **by_res;           /* per resource: the placed sessions using it (unordered) */
    int *res_pos;           /* per res[] slot: its session's index in by_res[that resource], -1 = not listed */
    int *by_res_n, *by_res_cap;
    int **cohort_sess;      /* per cohort: its sessions (placed or not) */
    int *cohort_nsess;
    int *course_placed;     /* per course: its sessions placed now (kept by place/unplace) */
    /* Cohort-days, kept by place/unplace when compactness has a weight (else
     * NULL): the placed sessions of cohort k on day d of the window (d =
     * date - opts.from, 0 <= d < ndays) are day_sess[k][d * day_cap[k] + i]
     * for i < day_n[k * ndays + d]; so a cohort-day's compactness looks at
     * that day's sessions only. */
    int ndays;
    int **day_sess;
    int *day_cap;
    int *day_n;
    double deadline_at;     /* construction: sv_now() value to stop at; 0 = none */
    long construct_steps;   /* construction work counter: starts examined so far */
    int construct_timed_out;/* 1: construction stopped at deadline_at */
} sv_state;

#define SV_NO_DATE INT32_MIN

/* Cohort q's placed sessions on `date` (day_sess) and their count (*n), or
 * NULL when the lists are off or the day is outside the window. */
static inline int *sv_state_day(const sv_state *st, int q, ordo_date date, int **n)
{
    int d = (int)(date - st->p->opts.from);
    if (!st->day_sess || d < 0 || d >= st->ndays)
        return NULL;
    *n = &st->day_n[(size_t)q * (size_t)st->ndays + (size_t)d];
    return st->day_sess[q] + (size_t)d * (size_t)st->day_cap[q];
}

int sv_state_new(sv_state *st, const sv_problem *p);
void sv_state_free(sv_state *st);

static inline const sv_start *sv_state_start(const sv_state *st, int s)
{
    const sv_course *c = &st->p->courses[st->p->sess_course[s]];
    return st->start[s] >= 0 ? &c->starts[st->start[s]] : NULL;
}

/* Can session s take start j with resources `res` (c->nres of them)?
 * Checks resources, cohorts, the course's own sessions (one site, overlap, min days)
 * and the hour bank. The session itself must be unplaced. */
int sv_state_can_place(const sv_state *st, int s, int j, const int *res);
void sv_state_place(sv_state *st, int s, int j, const int *res);
void sv_state_unplace(sv_state *st, int s);

/* Choose resources for session s at start j: per requirement row the best
 * free candidates (already used by the course first, then least loaded
 * person / best-fitting room), distinct. `rng` != NULL randomises ties.
 * Returns 1 and fills out[] if every row is filled, else 0 and *failed_req. */
int sv_state_choose_resources(const sv_state *st, int s, int j, int *out, uint64_t *rng, int *failed_req);

/* Course-level checks only (own sessions: one site, no overlap, min days;
 * and the bank), without resources. */
int sv_state_course_allows(const sv_state *st, int s, int j);

/* The checks most placing loops make, in their order: the cohorts are free
 * (sv_state_cohorts_free, the cheapest and the most selective), the course
 * allows start j for unplaced session s, resources are chosen into res
 * (`rng` as in sv_state_choose_resources) and sv_state_can_place accepts
 * them. 1 if s can go there with res as filled. (diagnose.c and lns.c make
 * their own: one needs the failing row, the other two choices per start.) */
int sv_state_fits(const sv_state *st, int s, int j, int *res, uint64_t *rng);

/* Are the cohorts of session s's course free over start j? For a placed s,
 * answered only where j does not overlap s's own minutes (1 there: the
 * caller's full check decides). The cheap first test of a move: most
 * random starts fail it on instances with many cohorts, and it needs no
 * state change. */
int sv_state_cohorts_free(const sv_state *st, int s, int j);

uint64_t sv_rng_next(uint64_t *state);   /* splitmix64 */

#endif
