/*
 * explain.h — why a session could not be placed, in the contract's form
 * "keyword: words a planner understands" (keywords: skill, capacity, site,
 * availability, window, cohort, hour_bank, contract_dates, contract_status).
 */
#ifndef ORDO_SOLVER_EXPLAIN_H
#define ORDO_SOLVER_EXPLAIN_H

#include "solver/state.h"

/* Writes the reason for unplaced session s into buf. */
void sv_explain(const sv_state *st, int s, char *buf, size_t n);

#endif
