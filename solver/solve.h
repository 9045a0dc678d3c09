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
    double time_limit_s;        /* wall-clock safety stop; <= 0 = none */
    uint64_t seed;
    long work_limit;            /* deterministic budget (LNS iterations); <= 0 = default */
    int64_t now;                /* UTC seconds used for dtstamp */
    ordo_progress_fn progress;  /* may be NULL */
    void *payload;
} ordo_solve_options;
#define ORDO_SOLVE_OPTIONS_VERSION 1
#define ORDO_SOLVE_OPTIONS_INIT { ORDO_SOLVE_OPTIONS_VERSION, 0, 0, 30, 0.0, 1, 0, 0, NULL, NULL }

typedef enum ordo_solve_status {
    ORDO_SOLVE_OPTIMAL = 0,     /* cost == bound */
    ORDO_SOLVE_FEASIBLE,        /* every session placed */
    ORDO_SOLVE_PARTIAL,         /* some sessions unplaced */
    ORDO_SOLVE_TIME_LIMIT       /* stopped by the wall clock */
} ordo_solve_status;

typedef struct ordo_solve_result {
    ordo_solve_status status;
    int total, placed;          /* sessions considered in this run */
    double cost;                /* weighted soft cost of the plan */
    double bound;               /* valid lower bound on the soft cost */
    double gap;                 /* (cost - bound) / max(cost, 1) */
    int bound_is_weak;          /* 1 when the bound ignores big parts of the cost */
    double seconds;
    long iterations, mip_solves, mip_nodes;
} ordo_solve_result;

int ordo_solve(ordo_model *m, const ordo_solve_options *opts, ordo_solve_result *out);

#ifdef __cplusplus
}
#endif
#endif
