/*
 * sat.h — a backend-neutral SAT solver (clauses over numbered variables,
 * solved under assumptions with a wall-clock deadline), and what ordo asks
 * of it: whether a 0/1 MILP of milp.h form has a solution whose objective is
 * at most a budget.
 *
 * Why SAT beside GLPK: a lower bound above 0 needs a proof that no plan
 * costs 0, and that is a feasibility question where a MILP's relaxation says
 * nothing. On ITC-2007 comp20, eleven courses whose timetable cannot avoid
 * both an isolated lecture and a course short of its days: GLPK's
 * branch-and-bound needs about a minute to prove it, a SAT solver a few
 * milliseconds (benchmarks/README.md, stop 28).
 *
 * backend_picosat.c (the only file that includes picosat.h) implements the
 * sv_sat_* functions; milp_sat.c encodes an sv_milp as clauses.
 *
 * Literals are DIMACS-style: variable v >= 1 is the literal v, its negation
 * -v.
 */
#ifndef ORDO_SOLVER_SAT_H
#define ORDO_SOLVER_SAT_H

#include "solver/milp.h"

typedef struct sv_sat sv_sat;

typedef enum sv_sat_status { SV_SAT_UNKNOWN, SV_SAT_SAT, SV_SAT_UNSAT } sv_sat_status;

/* A new, empty solver (memory through ordo__malloc), or NULL. effort > 0
 * caps the propagations of all its solves together (then a solve that
 * reaches it answers SV_SAT_UNKNOWN, deterministically); 0 = no cap. */
sv_sat *sv_sat_new(long effort);
void sv_sat_free(sv_sat *s);
/* A fresh variable (> 0), or a negative ORDO_E* code. */
int sv_sat_var(sv_sat *s);
/* Adds the clause lit[0] or ... or lit[n-1] (n = 0: the empty clause). */
int sv_sat_clause(sv_sat *s, const int *lit, int n);
/* Solves with the literals assume[0..n) held for this call only; gives up
 * (SV_SAT_UNKNOWN) at sv_now() >= deadline (<= 0: no deadline). */
sv_sat_status sv_sat_solve(sv_sat *s, const int *assume, int n, double deadline);
/* After SV_SAT_SAT: the value (0/1) of variable v in the model found. */
int sv_sat_value(sv_sat *s, int v);

/* ---- a MILP decided by SAT ---------------------------------------------------- */

/* The least objective a 0/1 MILP can reach, as far as SAT proves it by the
 * deadline. Every column must be integer with a range of at most
 * SV_SAT_MAX_RANGE values (binary columns are one variable, the others a
 * sum of unit variables), every row and objective coefficient an integer
 * of magnitude <= SV_SAT_MAX_COEF; cardinality rows become totalizers. The
 * solver first finds any solution (objective v), then asks "objective <=
 * b" for b = lo, lo + 1, ... (lo = the objective's least possible value,
 * or `from` when higher: a value the caller already proved every solution
 * reaches), for at most 48 budgets, until a budget is
 * satisfiable, the deadline passes, the propagations reach `effort` (> 0;
 * deterministic) or b reaches `stop` (a value the caller does not need to
 * prove beyond).
 *
 * On ORDO_OK: *out_bound = the least b not refuted (every solution's
 * objective is >= it: a true lower bound), *out_status = SV_SAT_UNSAT when
 * the MILP has no solution at all (then *out_bound is 0), SV_SAT_SAT when a
 * budget was found satisfiable (*out_bound is then the relaxation's
 * optimum), SV_SAT_UNKNOWN when it stopped first. ORDO_EINVAL: the MILP is
 * not of that form (or too big: more than SV_SAT_MAX_LITS literals in its
 * clauses); ORDO_ENOMEM. */
#define SV_SAT_MAX_RANGE 64
#define SV_SAT_MAX_COEF 64
#define SV_SAT_MAX_LITS 10000000L
int sv_milp_sat_bound(const sv_milp *lp, double from, double stop, long effort, double deadline,
                      double *out_bound, sv_sat_status *out_status);

#endif
