/*
 * score.h — the soft cost of a plan broken down so a planner can read it:
 * per goal (same trainer, same room, spread, load, minimum days,
 * compactness, room capacity) a total and a sentence ("3 courses taught by
 * more trainers than a session needs: +30"), and the courses, people and
 * cohorts that cause most of it, worst first. The library result the CLI
 * (summary, `ordo score`), the companion score.csv and the HTTP API print.
 *
 * Invariants: the goal costs are the solver's own cost terms (solver/cost.c)
 * of the plan, so their sum is the cost `ordo schedule` reports for it; the
 * course, person and cohort items of one goal sum to that goal's cost
 * (items are never truncated in the struct — printers choose how many to
 * show). Room items (ORDO_SCORE_ROOM) break the capacity goal down by room
 * instead of by course: they also sum to its cost and are not counted in it
 * again.
 */
#ifndef ORDO_SOLVER_SCORE_H
#define ORDO_SOLVER_SCORE_H

#include "model/model.h"
#include "solver/solve.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ordo_goal {
    ORDO_GOAL_SAME_PERSON = 0,
    ORDO_GOAL_SAME_ROOM,
    ORDO_GOAL_SPREAD,
    ORDO_GOAL_LOAD,
    ORDO_GOAL_MIN_DAYS,
    ORDO_GOAL_COMPACTNESS,
    ORDO_GOAL_CAPACITY,
    ORDO_GOAL_COUNT
} ordo_goal;

/* Who an item is about. */
typedef enum ordo_score_subject {
    ORDO_SCORE_COURSE = 0,      /* index: model course */
    ORDO_SCORE_PERSON,          /* index: model resource */
    ORDO_SCORE_COHORT,          /* index: position in the run's cohort list; id = its name */
    ORDO_SCORE_ROOM             /* index: model resource; a second view of the capacity goal (see below) */
} ordo_score_subject;

typedef struct ordo_score_item {
    ordo_goal goal;
    ordo_score_subject subject;
    int index;
    char *id;                   /* owned copy of the course, resource or cohort id (outlives the model) */
    double cost;                /* > 0 */
    double amount;              /* the goal's own unit: extra trainers or rooms, days, hours, sessions, seats */
    char text[200];             /* planner's words, e.g. "course C12: 3 trainers where 1 would do: +20.00" */
} ordo_score_item;

typedef struct ordo_score_goal {
    const char *key;            /* "same_person", "same_room", "spread", "load", "min_days", "compactness", "capacity" */
    int weight;                 /* the run's weight (0 = goal off) */
    double cost;                /* sum of its items */
    double bound;               /* a proven lower bound on this goal alone (sv_bound's part; 0 = none proved) */
    int count;                  /* its items (courses, people or cohorts) */
    char text[200];             /* e.g. "3 courses taught by more trainers than a session needs: +30.00" */
} ordo_score_goal;

typedef struct ordo_score {
    double total;               /* sum of goals[].cost */
    int placed, total_sessions; /* sessions of the window in the plan / to place */
    int unmatched;              /* planned sessions whose time is no candidate start any more (counted unplaced) */
    ordo_score_goal goals[ORDO_GOAL_COUNT];
    ordo_score_item *items;     /* worst first (cost, then goal, then index); owned */
    int nitems;
    char **cohort_names;        /* owned copies (item ids of cohorts point here) */
    int ncohorts;
    /* The stability goal of a re-plan (key "stability"): weight x sessions
     * moved from the previous plan, bound weight x sessions that had to move.
     * A property of the change from the old plan to this one, not of this
     * plan: NOT in total (a saved plan is judged alone, as check_plan.py does);
     * filled by ordo_score_set_replan, all zero otherwise. */
    ordo_score_goal stability;
    /* The plan's whole bound (ordo_score_plan_bound or ordo_score_set_bound;
     * has_bound = 0 otherwise): no plan placing all total_sessions costs
     * less than `bound` (at most total; 0 when some are unplaced, since a
     * plan with fewer sessions can cost less). bound_is_weak: some goals are
     * only bounded by 0. together = bound minus the goals' own bounds
     * (goals[].bound): what goals competing for the same people, rooms, days
     * and cohorts add to them (0 when nothing). */
    int has_bound;
    double bound;
    int bound_is_weak;
    double together;
} ordo_score;

/* The score of the plan saved in the model's sessions, in the window and
 * grid of opts (from, to, slot_minutes — the same options the plan was made
 * with, or the cost differs: spread depends on the window). opts->now is
 * ignored: every planned session of the window is judged, started or not. The model
 * is not changed (apart from the solver's normalisation of session rows,
 * which ordo_solve would also make). *out is filled (free it with
 * ordo_score_free, also after an error). Returns ORDO_OK, ORDO_ENOMEM,
 * ORDO_EINPUT (bad model: message on the model's err). */
int ordo_score_plan(ordo_model *m, const ordo_solve_options *opts, ordo_score *out);
void ordo_score_free(ordo_score *s);

/* ordo_score_plan, then the plan's whole bound as ordo_solve proves it
 * (solver/bound.h: the goals' parts, the joint people MILP, the MILP
 * relaxation), without solving: fills has_bound, bound, bound_is_weak,
 * together. opts->time_limit_s > 0 caps the bound's time (the two MILP
 * phases stop by then and count what they proved); 0 = the phases' own
 * limits (up to 3 s + 15 s on large runs). The bound is over every plan of
 * the window with all sessions free (opts->now ignored, as for the score). */
int ordo_score_plan_bound(ordo_model *m, const ordo_solve_options *opts, ordo_score *out);

/* Sets the bound fields from a bound proved elsewhere (a solve's
 * ordo_solve_result.bound and bound_is_weak): bound at most s->total, 0 when
 * some sessions are unplaced, together = bound - the goals' own bounds. */
void ordo_score_set_bound(ordo_score *s, double bound, int weak);

/* Fill s->stability from a solve's re-plan figures (r->prev, moved,
 * must_move, stability_weight): cost = weight x moved, bound = weight x
 * must_move, count = moved, text "moved N of M sessions (K had to move): +X". */
void ordo_score_set_replan(ordo_score *s, const ordo_solve_result *r);

/* The goal's planner label ("same trainer", ...). */
const char *ordo_score_goal_label(ordo_goal g);

/* One sentence saying what `bound` means for a plan that costs `cost` with
 * `placed` of `total` sessions placed, into buf (n bytes). */
void ordo_score_bound_text(double cost, double bound, int placed, int total, int weak, char *buf,
                           size_t n);

#ifdef __cplusplus
}
#endif
#endif
