/*
 * repair.h — after availability changed (new time off, a room closed,
 * working hours cut, a forced conflict), move only the sessions that became
 * infeasible, each as little as possible, everything else fixed.
 *
 * Infeasible: a PLANNED session in the window whose resource does not work
 * then, is on time off, or is also held by another session. Of two sessions
 * that hold one resource at once, the one that stays is chosen in this order:
 * DONE sessions and sessions outside the window (never moved), then sessions
 * without a forced conflict, then by session id (older first).
 *
 * Each infeasible session gets options: a start on the slot grid of its site
 * within max_shift_days of its old start (DST-safe, one local day, and for
 * course sessions inside the course's dates, its contract's dates, outside
 * its blackouts, apart from its cohorts' and its course's other sessions by
 * min_days_between), with resources meeting every requirement row of its
 * service that are free then (the old resources are kept where possible).
 * Cost of an option = displacement |new start - old start| in minutes +
 * REPAIR_RESOURCE_PENALTY per resource changed; the REPAIR_MAX_OPTIONS
 * cheapest are kept. A set-packing MIP (solver/milp.h, GLPK) picks at most
 * one option per session, no resource, cohort or course used twice at once,
 * maximising first the sessions placed, then (with allow_moves = K > 0)
 * moving as few other sessions as possible — up to K feasible sessions that
 * share a resource with an infeasible one within max_shift_days may move
 * (at REPAIR_MOVE_PENALTY each plus their own cost) when that places more —
 * then minimising the total cost.
 *
 * A moved session keeps its id (calendar UID): new start, end and resources,
 * sequence + 1, dtstamp = now, its forced-conflict flag cleared; a desk
 * booking's course dates follow. A session that cannot be placed stays where
 * it was, flagged forced_conflict with the conflict as its reason (its
 * calendar entry is unchanged; a planner decides).
 */
#ifndef ORDO_SOLVER_REPAIR_H
#define ORDO_SOLVER_REPAIR_H

#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define REPAIR_RESOURCE_PENALTY 60      /* minutes of displacement per changed resource */
#define REPAIR_MOVE_PENALTY 1000000.0   /* per other session moved (above any displacement) */
#define REPAIR_MAX_OPTIONS 80           /* per session, cheapest first */
#define REPAIR_MAX_RESOURCES 16

typedef struct ordo_repair_options {
    int version;
    ordo_date from, to;         /* sessions whose local start date is in [from, to] may move */
    int allow_moves;            /* K other sessions that may move; 0 = none */
    int max_shift_days;         /* how far a session may move; 0 = 7 */
    int slot_minutes;           /* start grid; 0 = 30 */
    int64_t now;                /* UTC seconds: dtstamp of moved sessions */
    long node_limit;            /* branch-and-bound nodes; <= 0 = backend default */
    double time_limit_s;        /* <= 0 = none */
} ordo_repair_options;
#define ORDO_REPAIR_OPTIONS_VERSION 1
#define ORDO_REPAIR_OPTIONS_INIT { ORDO_REPAIR_OPTIONS_VERSION, 0, 0, 0, 7, 30, 0, 0, 0.0 }

/* One session the repair touched or could not place. */
typedef struct ordo_repair_change {
    int session;                /* model index */
    int placed;                 /* 1 moved (or kept its time with new resources), 0 not placed */
    int other;                  /* 1 a feasible session moved to make room */
    ordo_utc old_start, old_end, new_start, new_end;
    int old_resources[REPAIR_MAX_RESOURCES], nold;
    int new_resources[REPAIR_MAX_RESOURCES], nnew;
    int changed;                /* resources changed */
    char why[300];              /* why it had to move (infeasible ones) / why not placed */
} ordo_repair_change;

typedef struct ordo_repair_result {
    ordo_repair_change *changes;    /* owned; ordo_repair_result_clear() */
    int nchanges;
    int infeasible;             /* sessions found infeasible */
    int placed;                 /* of those, placed again */
    int others_moved;
    int64_t displacement;       /* total minutes of the placed infeasible sessions */
    int mip_columns, mip_rows;
} ordo_repair_result;

/* Repairs the model in place. ORDO_OK when the repair ran (whatever it
 * placed); ORDO_EINVAL (options), ORDO_ENOMEM, ORDO_ESOLVER (backend
 * failure), with the detail in the model's err buffer. After an error the
 * model may be partly changed: discard it (the CLI rolls back). */
int ordo_repair(ordo_model *m, const ordo_repair_options *o, ordo_repair_result *out);
void ordo_repair_result_clear(ordo_repair_result *r);

/* Moves nothing: which PLANNED sessions whose local start date lies in
 * [from, to] ordo_repair would find infeasible (the same rules and keep
 * order), and why. On success *out_why is a new array of m->sessions.n
 * strings, NULL where the session fits (free with ordo_repair_why_free), and
 * *out_n (may be NULL) counts the others. ORDO_ENOMEM or ORDO_EINVAL with
 * the message in the model's err buffer. */
int ordo_repair_find(ordo_model *m, ordo_date from, ordo_date to, char ***out_why, int *out_n);
void ordo_repair_why_free(char **why, size_t n);

#ifdef __cplusplus
}
#endif
#endif
