/*
 * bound.h — a valid lower bound on the soft cost of any plan that places
 * every session of the run. Course terms are separable, so the sum of each
 * course's own minimum (computed alone, ignoring every other course) bounds
 * their total: spread by dynamic programming over the course's possible
 * dates, minimum distinct days by counting those dates, room capacity by the
 * largest candidate room. Stability, load and compactness count 0 here
 * (weak where their weights are not 0).
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

#endif
