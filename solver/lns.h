/*
 * lns.h — one large-neighbourhood step solved exactly by a MIP: free the
 * sessions of a few related courses, enumerate for each course the options
 * (start, resources) that fit around the fixed rest of the plan, and let the
 * MIP choose which options to use (sessions of a course are interchangeable)
 * under the resource, cohort, overlap and minimum-gap rows, minimising a
 * linear model of the soft cost (stability, minimum days, capacity,
 * compactness against the fixed part). The exact evaluator then decides: the
 * new plan is kept only if its exact cost is not worse.
 */
#ifndef ORDO_SOLVER_LNS_H
#define ORDO_SOLVER_LNS_H

#include "solver/state.h"

/* *delta = exact cost change (0 when the old plan was kept); *gained =
 * sessions placed in addition (repair mode: when some sessions are unplaced,
 * half of the steps take an unplaced session's course and try to place it). */
int sv_lns_step(sv_state *st, uint64_t *rng, double *delta, long *nodes, int *gained);

#endif
