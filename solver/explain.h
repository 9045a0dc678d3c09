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

/* At most this many qualifying resources are named, with what blocks them. */
#define SV_FEW_BLOCKERS 3

/* Appends to the text in buf (NUL-terminated, size n) who blocks requirement
 * row rq in the local dates lo..hi when at most SV_FEW_BLOCKERS resources
 * qualify: "; amelie, the only teacher with skill 'french', is off
 * 2027-04-12 00:00..2027-04-17 00:00 (leave)" — each one's time off
 * overlapping the dates and, with st (may be NULL), the sessions placed on
 * it in this run then ("teaches 3 sessions then (course a, course b)").
 * Appends nothing with more candidates or nothing to say. */
void sv_explain_blockers(const sv_problem *p, const sv_state *st, const sv_req *rq, ordo_date lo, ordo_date hi,
                         char *buf, size_t n);

#endif
