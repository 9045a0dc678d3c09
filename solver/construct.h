/*
 * construct.h — the greedy start: courses from the most constrained, each
 * session near its evenly-spaced target date, choosing among a few feasible
 * starts the one that raises the course's soft cost least.
 */
#ifndef ORDO_SOLVER_CONSTRUCT_H
#define ORDO_SOLVER_CONSTRUCT_H

#include "solver/state.h"

/* Place session s as well as possible; 1 if placed. `max_feasible` caps how
 * many feasible starts are compared (0 = all). */
int sv_place_best(sv_state *st, int s, int max_feasible, uint64_t *rng);
/* Same, and with keep_chain = 1 never so late that the course's remaining
 * unplaced sessions cannot follow at its minimum gap. */
int sv_place_best_chain(sv_state *st, int s, int max_feasible, uint64_t *rng, int keep_chain);
/* One greedy pass; boost (per course, may be NULL) scales the course's
 * priority key (smaller = earlier). */
int sv_construct(sv_state *st, uint64_t *rng, const double *boost);
/* Up to `rounds` passes, courses left incomplete moved forward each time;
 * the state ends with the pass that placed most. */
int sv_construct_rounds(sv_state *st, uint64_t *rng, int rounds);

#endif
