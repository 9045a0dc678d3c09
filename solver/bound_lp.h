/*
 * bound_lp.h — a lower bound on the soft cost from aggregated course × start
 * MILPs solved by branch-and-bound (through milp.h).
 *
 * Each MILP keeps, per course, which starts its sessions use (binary
 * x[c][j], sum = sessions to place) and relaxes everything else: resources
 * are counted per pool instead of assigned. Given x it bounds minimum
 * distinct days, cohort compactness and room capacity exactly (with all
 * rooms usable). The bound is a sum over parts with disjoint cost terms
 * (small groups of cohorts solved to optimality, room capacity over all
 * courses), or the whole MILP when that is better, plus the per-course
 * spread bound of bound.h (a different term). A last stage hands the MILP
 * of all minimum-days and compactness terms to a SAT solver (sat.h), which
 * refutes budgets above the groups' sum one by one: it proves costs the LP
 * relaxations cannot see (comp20: 2 where GLPK proves 0). Same-person, same-room and
 * load count 0. The model details are in bound_lp_model.h.
 */
#ifndef ORDO_SOLVER_BOUND_LP_H
#define ORDO_SOLVER_BOUND_LP_H

#include "solver/problem.h"

/* Above these sizes sv_bound_lp declines (ORDO_EINVAL): the MILPs would not
 * solve in useful time. */
#define SV_BOUND_LP_MAX_COLUMNS 20000
#define SV_BOUND_LP_MAX_NONZEROS 4000000

/* Lower bound on the total soft cost of every plan of `p` that places all
 * its sessions, never below 0 (rounded up where the costs are integral).
 * node_limit (> 0) caps every MILP's branch-and-bound nodes (and the SAT
 * stage's propagations, 100,000 per node): with it alone the result is
 * deterministic. time_limit_s (> 0) is a wall-clock limit
 * shared out between the stages (a MILP's root may overrun its share by a
 * little). With neither limit every MILP runs to optimality, which may take
 * very long. *out_nodes = nodes used by all MILPs (may be NULL).
 * Returns ORDO_OK; ORDO_EINVAL when the problem is too big (more than
 * SV_BOUND_LP_MAX_COLUMNS course × start columns, or a MILP above
 * SV_BOUND_LP_MAX_NONZEROS: *out_bound = 0, use sv_bound instead);
 * ORDO_ENOMEM; ORDO_ESOLVER when the backend failed. (When no plan places
 * every session, any value is a valid bound; the MILPs that see it count 0.) */
int sv_bound_lp(const sv_problem *p, long node_limit, double time_limit_s, double *out_bound,
                long *out_nodes);

/* The same, told that every plan's minimum-days + compactness cost is at
 * least `known` (a bound proved elsewhere: bound.h's joint cohort bound).
 * The SAT stage then starts its budgets there, and what it refutes adds to
 * it: a bound on those terms above both. */
int sv_bound_lp_from(const sv_problem *p, long node_limit, double time_limit_s, double known,
                     double *out_bound, long *out_nodes);

#endif
