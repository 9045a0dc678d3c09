/*
 * bound_lp_model.h — one aggregated course × start MILP over a part of the
 * problem, and the lower bound its branch-and-bound proves (internal to
 * bound_lp.c, which chooses the parts).
 *
 * A part names the courses whose sessions become columns (its scope) and
 * the cost terms it bounds: each course's minimum distinct days and room
 * capacity, each cohort's compactness. The bound holds for the sum of those
 * terms in every plan that places all sessions, so parts with disjoint terms
 * add up.
 */
#ifndef ORDO_SOLVER_BOUND_LP_MODEL_H
#define ORDO_SOLVER_BOUND_LP_MODEL_H

#include "solver/problem.h"

typedef struct sv_lp_part {
    const char *scope;      /* per course: its sessions are columns (NULL = every course) */
    const char *min_days;   /* per course in scope: its min-days cost counts (NULL = all) */
    const char *capacity;   /* per course in scope: its room-capacity cost counts (NULL = all) */
    const char *cohorts;    /* per cohort (pseudo index - nres): its compactness counts, when
                             * all its courses are in scope (NULL = all) */
} sv_lp_part;

/* Total x columns (course × start) of courses with sessions, or -1 above
 * SV_BOUND_LP_MAX_COLUMNS. */
int sv_bound_lp_columns(const sv_problem *p);

/* Build and solve the part's MILP. *out = the proven bound (rounded up when
 * every cost is integral; 0 when none was proven or the MILP is infeasible);
 * *out_solved = 1 when the branch-and-bound finished (optimal or
 * infeasible). Returns ORDO_OK, ORDO_EINVAL (more than
 * SV_BOUND_LP_MAX_NONZEROS), ORDO_ENOMEM or ORDO_ESOLVER. */
int sv_bound_lp_part(const sv_problem *p, const sv_lp_part *part, long node_limit,
                     double time_limit_s, double *out, long *out_nodes, int *out_solved);

/* The same part's MILP decided by SAT (sat.h: sv_milp_sat_bound): *out =
 * the least cost SAT does not refute, counting budgets up from `from` (a
 * bound the caller proved on the same terms; 0 if none) and stopping at
 * `stop`, at the relaxation's optimum or
 * after `effort` SAT propagations (> 0; deterministic) or time_limit_s
 * (<= 0: none). Proves what the MILP cannot when no
 * plan of the part can cost 0 and its LP relaxation says it can (cohorts'
 * compactness, minimum days). *out_solved = 1 when it stopped on an answer
 * (the optimum, or no plan at all: then *out = 0), not on the clock. Returns
 * ORDO_OK, ORDO_EINVAL (a part whose MILP is not pure 0/1-integer in the
 * sense of sat.h, or too big), ORDO_ENOMEM. */
int sv_bound_sat_part(const sv_problem *p, const sv_lp_part *part, double from, double stop, long effort,
                      double time_limit_s, double *out, int *out_solved);

#endif
