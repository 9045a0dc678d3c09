/*
 * cost.h — the weighted soft cost of a plan (the formulas are in
 * solver/README.md). Terms: per course (same person, same room, spread,
 * minimum distinct days, room capacity shortfall), per cohort (isolated
 * sessions in a day: compactness) and per person (load above the mean).
 * Re-plans add a per-course stability term (moved sessions, see solve.h):
 * sv_cost_course and sv_cost_total include it in the objective they return
 * and keep it apart in parts->stability, so plan cost = total - stability.
 * The totals are recomputed from scratch by sv_cost_total; the search uses
 * the per-course / per-cohort-day / per-person pieces for deltas.
 */
#ifndef ORDO_SOLVER_COST_H
#define ORDO_SOLVER_COST_H

#include "solver/state.h"

typedef struct sv_cost_parts {
    double same_person, same_room, spread, min_days, capacity, compactness, load;
    double stability;   /* re-plans: weight x moved sessions; in the objective, not in the plan's cost */
    double days_compactness; /* bounds only (bound.c): the joint bound on min_days + compactness
                              * (at least their sum); 0 in costs */
} sv_cost_parts;

/* Stability of course ci: p->stability per session of the previous plan
 * that is not at its previous placement now (unplaced included). */
double sv_cost_stability(const sv_state *st, int ci);

double sv_cost_course(const sv_state *st, int ci, sv_cost_parts *parts);
/* Compactness cost of cohort k counted on one local date. */
double sv_cost_cohort_day(const sv_state *st, int k, ordo_date d);
double sv_cost_cohort(const sv_state *st, int k);
double sv_cost_load(const sv_state *st);
/* Contribution of one person's load to sv_cost_load at the current mean. */
double sv_cost_load_person(const sv_state *st, int r, int64_t load);
double sv_cost_total(const sv_state *st, sv_cost_parts *parts);

#endif
