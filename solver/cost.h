/*
 * cost.h — the weighted soft cost of a plan (the formulas are in
 * solver/README.md). Terms: per course (same person, same room, spread,
 * minimum distinct days, room capacity shortfall), per cohort (isolated
 * sessions in a day: compactness) and per person (load above the mean).
 * The totals are recomputed from scratch by sv_cost_total; the search uses
 * the per-course / per-cohort-day / per-person pieces for deltas.
 */
#ifndef ORDO_SOLVER_COST_H
#define ORDO_SOLVER_COST_H

#include "solver/state.h"

typedef struct sv_cost_parts {
    double same_person, same_room, spread, min_days, capacity, compactness, load;
} sv_cost_parts;

double sv_cost_course(const sv_state *st, int ci, sv_cost_parts *parts);
/* Compactness cost of cohort k counted on one local date. */
double sv_cost_cohort_day(const sv_state *st, int k, ordo_date d);
double sv_cost_cohort(const sv_state *st, int k);
double sv_cost_load(const sv_state *st);
/* Contribution of one person's load to sv_cost_load at the current mean. */
double sv_cost_load_person(const sv_state *st, int r, int64_t load);
double sv_cost_total(const sv_state *st, sv_cost_parts *parts);

#endif
