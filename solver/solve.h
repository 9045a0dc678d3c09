/*
 * solve.h — the scheduler: places a model's course sessions in a planning
 * window (times and resources) under every hard rule, minimising first the
 * number of unplaced sessions, then the weighted soft cost.
 *
 * ordo_solve() updates the model's sessions in place:
 *   - each course gets sessions with ordinals 0..sessions-1 (created as
 *     needed; a session whose ordinal is beyond the course's count, or whose
 *     course no longer exists, becomes CANCELLED);
 *   - DONE and CANCELLED sessions, desk bookings, sessions outside the window
 *     and planned sessions that started before options.now are frozen;
 *   - a placed session is PLANNED with start, end, site and resources;
 *     an unplaceable one is UNSCHEDULED with reason "keyword: words";
 *   - a session whose start, end, resources or status changed gets
 *     sequence + 1 and dtstamp = options.now.
 *
 * Re-plans: a PLANNED session of the run that already has a start and
 * resources is the previous plan. Unless options.fresh, construction starts
 * from it (every previous placement still feasible is kept) and each moved
 * session (start, site or resources changed, or unplaced) costs
 * options.stability_weight in the objective. That stability cost is reported
 * apart from the plan's cost (result.stability): the cost is the plan's own,
 * as `ordo score` and tests/e2e/check_plan.py recompute it from the plan alone.
 * DONE sessions, desk bookings, sessions outside the window and sessions that
 * started before options.now are frozen: never moved.
 *
 * How long the search runs:
 *   - work_limit > 0: exactly that many iterations (reproducible);
 *     time_limit_s is then only a safety stop;
 *   - else, with stagnation == 0 and time_limit_s > 0: until time_limit_s
 *     (cooling by time used);
 *   - else (the default): rounds of annealing, round k over
 *     2^k x the base budget (1,000 iterations per session, at least 20,000),
 *     each from the best plan so far, while a round lowers the best
 *     objective by more than 0.5 %; capped by time_limit_s, or
 *     ORDO_SOLVE_DEFAULT_CAP_S seconds without one (the first round then
 *     always runs to its end, so the default run is never worse than the
 *     base budget). A round that would take an eighth of the cap or more
 *     (at the speed of the rounds before) is the last: it starts hotter and
 *     anneals until the cap (big instances: one long anneal does better
 *     than more restarts). Reproducible unless the cap stops it
 *     (result.stop says which).
 * Returns ORDO_OK when the solver ran (whatever the outcome), else an error
 * with the detail in the model's err buffer.
 */
#ifndef ORDO_SOLVE_H
#define ORDO_SOLVE_H

#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*ordo_progress_fn)(double elapsed_s, int placed, int total, double cost,
                                 double bound, void *payload);

typedef struct ordo_solve_options {
    int version;
    ordo_date from, to;         /* planning window, inclusive local dates */
    int slot_minutes;           /* start grid, default 30 */
    double time_limit_s;        /* wall-clock stop; <= 0 = none (see above) */
    uint64_t seed;
    long work_limit;            /* deterministic budget (LNS iterations); <= 0 = default */
    int64_t now;                /* UTC seconds used for dtstamp */
    ordo_progress_fn progress;  /* may be NULL */
    void *payload;
    int fresh;                  /* 1: ignore the previous plan (no hint, no stability cost) */
    int stability_weight;       /* cost per moved session; 0 = ORDO_SOLVE_DEFAULT_STABILITY, < 0 = off */
    int stagnation;             /* 1: stop when stagnant (default); 0: use all of time_limit_s */
} ordo_solve_options;
#define ORDO_SOLVE_OPTIONS_VERSION 2
#define ORDO_SOLVE_OPTIONS_INIT { ORDO_SOLVE_OPTIONS_VERSION, 0, 0, 30, 0.0, 1, 0, 0, NULL, NULL, 0, 0, 1 }

/* A moved session costs as much as a course taught by one trainer more
 * than it needs (the same_person weight): a move is made when it pays that. */
#define ORDO_SOLVE_DEFAULT_STABILITY 10
/* The default run's wall-clock cap (stagnation rule), in seconds. */
#define ORDO_SOLVE_DEFAULT_CAP_S 60.0
/* The stagnation rule: another round only if the last one lowered the best
 * objective by more than this fraction. */
#define ORDO_SOLVE_STAGNATION 0.005

typedef enum ordo_solve_status {
    ORDO_SOLVE_OPTIMAL = 0,     /* cost == bound */
    ORDO_SOLVE_FEASIBLE,        /* every session placed */
    ORDO_SOLVE_PARTIAL,         /* some sessions unplaced */
    ORDO_SOLVE_TIME_LIMIT       /* stopped by the wall clock */
} ordo_solve_status;

/* Why the search stopped. */
typedef enum ordo_solve_stop {
    ORDO_STOP_WORK = 0,         /* the --work budget was used */
    ORDO_STOP_STAGNATION,       /* the last round improved by 0.5 % or less */
    ORDO_STOP_TIME,             /* the time limit (or the default cap) */
    ORDO_STOP_OPTIMAL           /* cost reached the bound */
} ordo_solve_stop;

typedef struct ordo_solve_result {
    ordo_solve_status status;
    int total, placed;          /* sessions considered in this run */
    double cost;                /* weighted soft cost of the plan */
    double bound;               /* valid lower bound on the soft cost */
    double gap;                 /* (cost - bound) / max(cost, 1) */
    int bound_is_weak;          /* 1 when the bound ignores big parts of the cost */
    double seconds;
    long iterations, mip_solves, mip_nodes;
    ordo_solve_stop stop;
    int rounds;                 /* annealing rounds run (1 with work_limit or time alone) */
    /* re-plan: sessions with a previous placement (M), those whose placement
     * changed (N), those whose previous placement no longer fits whatever the
     * rest does (K: time off, bookings, rules; K <= N when all are placed) */
    int prev, moved, must_move;
    int stability_weight;       /* the weight used (0 with fresh or off) */
    double stability;           /* stability_weight x moved: in the objective, not in cost */
} ordo_solve_result;

/* "stopped: ..." sentence for r->stop (with rounds and seconds), into buf. */
void ordo_solve_stop_text(const ordo_solve_result *r, char *buf, size_t n);

int ordo_solve(ordo_model *m, const ordo_solve_options *opts, ordo_solve_result *out);

#ifdef __cplusplus
}
#endif
#endif
