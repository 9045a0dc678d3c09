/*
 * search.h — improvement of a complete or partial plan by simulated
 * annealing. Each iteration draws a placed session and one move:
 *   - relocate: another start, resources re-chosen (the most frequent);
 *   - swap resource: one of its people or rooms exchanged or replaced;
 *   - unify: every session of its course takes one trainer (or room) of
 *     one requirement row, times kept;
 *   - swap times: two sessions of different courses exchange starts;
 *   - Kempe chain: the conflicting sessions at two times all exchange them;
 *   - respace (when spread counts): the middle of its course's widest gap;
 *   - new day (when minimum days count): a day its course does not use yet;
 *   - retarget: its whole course re-planned around one trainer or site;
 *   - restore (re-plans): a session back to its previous placement;
 *   - rebuild (when compactness counts; 2 % of draws): up to six sessions
 *     of one of its cohorts (those of its day first) leave and come back
 *     one by one at their best starts, judged as one move.
 * Unplaced sessions are inserted (ejecting one blocker, or ruin and
 * recreate of their course), and GLPK large-neighbourhood steps (lns.h)
 * re-solve small pieces exactly. The best plan seen (most sessions placed,
 * then least cost) is kept as a snapshot and restored at the end.
 */
#ifndef ORDO_SOLVER_SEARCH_H
#define ORDO_SOLVER_SEARCH_H

#include "solver/state.h"

typedef struct sv_search_stats {
    long iterations, accepted, improved;
    long mip_solves, mip_nodes, mip_improved;
    int timed_out;
    int proven;        /* stopped because the objective reached the bound */
    long drift;        /* times the running cost differed from the exact one (a bug) */
} sv_search_stats;

/* Local cost of the pieces a change to session s can touch. */
double sv_local_cost(const sv_state *st, int s, const ordo_date *dates, int ndates,
                     const int *persons, int npersons);

double sv_local_cost_multi(const sv_state *st, const int *sess, int nsess, const ordo_date *dates,
                           int ndates, const int *persons, int npersons);

/* Anneal over `work` iterations (cooling by work done, or by the time used
 * towards deadline_s seconds after t0 when that is further), stopping at
 * the deadline or when the objective reaches `bound`; ends in the best plan
 * seen. `heat` (> 0) scales the starting temperature: a round that
 * restarts from a good plan starts cooler (< 1), the default run's final
 * long round hotter (> 1). A re-plan's start stays capped by its stability
 * weight whatever the heat. */
int sv_search(sv_state *st, long work, double heat, double deadline_s, double t0, double bound,
              uint64_t *rng, sv_search_stats *stats);

/* Monotonic seconds. */
double sv_now(void);

#endif
