/*
 * bound_lp.h — a lower bound on the soft cost from an aggregated
 * course × start MILP solved by branch-and-bound (through milp.h).
 *
 * The model keeps, per course, which starts its sessions use (binary
 * x[c][j], sum = sessions to place) and relaxes everything else: resources
 * are counted per pool instead of assigned. It bounds minimum distinct days,
 * cohort compactness and room capacity exactly for a given x, and adds the
 * per-course spread bound of bound.h (a different term, so the sum stays
 * valid). Same-person, same-room and load count 0.
 */
#ifndef ORDO_SOLVER_BOUND_LP_H
#define ORDO_SOLVER_BOUND_LP_H

#include "solver/problem.h"

/* Above these sizes sv_bound_lp declines (ORDO_EINVAL): the MILP would not
 * solve in useful time. */
#define SV_BOUND_LP_MAX_COLUMNS 20000
#define SV_BOUND_LP_MAX_NONZEROS 4000000

/* Lower bound on the total soft cost of every plan of `p` that places all
 * its sessions. node_limit (> 0: deterministic) and time_limit_s (> 0:
 * wall-clock safety stop) cap the branch-and-bound; the best bound proven
 * by then is returned, rounded up when every cost is integral, and never
 * below 0. *out_nodes = branch-and-bound nodes used (may be NULL).
 * Returns ORDO_OK; ORDO_EINVAL when the problem is too big for the MILP
 * (*out_bound = 0: use sv_bound instead); ORDO_ENOMEM; ORDO_ESOLVER when
 * the backend failed. When the relaxation is infeasible no plan places every
 * session, and the bound is 0. */
int sv_bound_lp(const sv_problem *p, long node_limit, double time_limit_s, double *out_bound,
                long *out_nodes);

#endif
