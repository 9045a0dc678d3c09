/*
 * bound.h — a valid lower bound on the soft cost of any plan that places
 * every session of the run. Course terms are separable, so the sum of each
 * course's own minimum (computed alone, ignoring every other course) bounds
 * their total: spread by dynamic programming over the course's possible
 * dates, minimum distinct days by counting those dates, room capacity by the
 * largest candidate room (or the sorted matching over shared rooms, when
 * larger); same person / same room, load balance and the room matching are
 * in bound_res.c. Minimum days and cohort compactness are also bounded
 * together (bound.c: per cohort, the fewest isolated sessions for a number
 * of distinct dates, and bound_cohort.c's exact DP over the cohort's dates
 * when small enough): that joint bound is in the returned total, while the
 * compactness part alone only counts cohorts with a single session (a
 * session alone on its day is isolated); bound_lp.h bounds compactness too.
 * A course's dates are those with a start where every requirement row has
 * free candidates at the site and its cohorts are free.
 */
#ifndef ORDO_SOLVER_BOUND_H
#define ORDO_SOLVER_BOUND_H

#include "solver/cost.h"
#include "solver/problem.h"

/* *weak = 1 when terms with non-zero weight are bounded by 0 only. */
double sv_bound(const sv_problem *p, int *weak);
/* The same bound per goal: *parts (may be NULL) gets each goal's own lower
 * bound (their sum is returned). Each part bounds that goal alone. */
double sv_bound_parts(const sv_problem *p, int *weak, sv_cost_parts *parts);
/* The same parts without the joint min-days + compactness bound (the
 * returned total is then the parts' sum): for reports that only show goals. */
double sv_bound_goal_parts(const sv_problem *p, int *weak, sv_cost_parts *parts);

/* The resource goals (bound_res.c), each a lower bound on that goal alone
 * (weighted) for every plan placing all sessions of p:
 * same person (kind ORDO_PERSON) or same room (ORDO_ROOM); load balance (an
 * LP: ORDO_OK, ORDO_ENOMEM or ORDO_ESOLVER; *out = 0 on error); room
 * capacity by the sorted matching of sessions to room-starts. */
double sv_bound_stability(const sv_problem *p, int kind);
int sv_bound_load(const sv_problem *p, double *out);
double sv_bound_capacity_matching(const sv_problem *p);
/* Course c's spread bound (weighted) over its possible dates, when r >= 0
 * only those where resource r (at the start's site) is free over the
 * session: -1 then when r cannot attend all its sessions. */
double sv_bound_spread_with(const sv_problem *p, const sv_course *c, int r);
/* Spread, same person and same room together, course by course: what the
 * joint bound adds to the sum of the three goals' own bounds (>= 0). A plan
 * using no more persons (rooms) than a session needs has one of them at
 * every session, so its dates are that resource's free dates; else it pays
 * the goal's weight at least once more. Shares terms with sv_bound_people
 * (same person): add it to the parts' sum, not to that MILP's bound. */
double sv_bound_spread_stability_extra(const sv_problem *p);
/* Same person and load balance together (their weighted sum): a MILP with
 * integer sessions per (course, person row, person), a binary "person serves
 * the course" per pair, the load above the mean, and per person and course
 * span the person's free minutes there shared by the courses inside it.
 * with_spread: also the spread above the spread goal's own bound (sum of
 * sv_bound_spread_with(c, -1)), for a course of one person per session
 * served by one person all along (its dates are then that person's free
 * dates); the result then bounds same person + load + spread minus that
 * own bound. Solved part by part (courses and persons linked by a column),
 * the sum of the parts' best node bounds under node_limit / time_limit_s
 * (> 0; 0 = none; shared by the parts); a part of more than 4,000 columns
 * gives its LP relaxation's value instead; out of time counts 0.
 * ORDO_OK, ORDO_ENOMEM or ORDO_ESOLVER. */
int sv_bound_people(const sv_problem *p, long node_limit, double time_limit_s, int with_spread, double *out);

/* Cohort compactness (cohort p->nres + k, all of whose courses are
 * members[0..nm), each with sessions in this run and none frozen) plus the
 * minimum-days cost of the members with owned[i] set, exactly for the
 * relaxation in which only the cohort's sessions exist (bound_cohort.c).
 * -1 when it declines: members of different durations, too many members,
 * starts or states, or *budget (work units, decremented) spent. */
double sv_bound_cohort(const sv_problem *p, const int *members, int nm, const char *owned, long *budget);

/* The run's whole bound (bound_total.c), in two phases so that a caller can
 * report progress between them. Time limits in seconds (0 skips the phase;
 * callers pass sv_phase_limit's share). Defaults of a run without a limit: */
#define SV_BOUND_PEOPLE_S 3.0
#define SV_BOUND_LP_S 15.0
#define SV_BOUND_LP_NODES 200
/* Phase 1: sv_bound_parts plus the larger of sv_bound_people (with spread,
 * up to people_s) and sv_bound_spread_stability_extra. *parts gets the
 * goals' parts, the joint people bound in same_person (load then 0). */
double sv_bound_first(const sv_problem *p, double people_s, int *weak, sv_cost_parts *parts);
/* Phase 2: the larger of `bound` (phase 1's) and the MILP relaxation
 * (bound_lp.h, up to lp_s) plus the parts it counts as 0 (*parts from phase
 * 1); *weak = 0 when the MILP ran. */
double sv_bound_then_lp(const sv_problem *p, double lp_s, const sv_cost_parts *parts, double bound, int *weak);

#endif
