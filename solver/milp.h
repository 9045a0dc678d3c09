/*
 * milp.h — a backend-neutral mixed-integer linear program: columns with
 * bounds, costs and integrality; rows as sparse sums with lower/upper bounds.
 * The solver modules build problems here; backend.h solves them. Indexes are
 * 0-based; the backend converts. Minimisation.
 */
#ifndef ORDO_SOLVER_MILP_H
#define ORDO_SOLVER_MILP_H

#include <stddef.h>

#define SV_INF 1e30

typedef struct sv_milp {
    int ncols, nrows;
    size_t cap_cols, cap_rows, cap_nz;
    double *col_lb, *col_ub, *col_cost;
    char *col_int;
    double *row_lb, *row_ub;    /* -SV_INF / SV_INF = unbounded side */
    size_t *row_start;          /* row i uses nz [row_start[i], row_start[i+1]) */
    int *nz_col;
    double *nz_val;
    size_t nnz;
    double obj_const;
} sv_milp;

void sv_milp_init(sv_milp *lp);
void sv_milp_free(sv_milp *lp);
/* Returns the column index, or a negative ORDO_E* code. */
int sv_milp_add_col(sv_milp *lp, double lb, double ub, double cost, int is_int);
/* Adds lb <= sum val[k] * x[col[k]] <= ub. Returns the row index or < 0. */
int sv_milp_add_row(sv_milp *lp, double lb, double ub, int n, const int *col, const double *val);

typedef struct sv_milp_opts {
    int relax;              /* 1: solve the LP relaxation only */
    long node_limit;        /* branch-and-bound nodes (deterministic budget); <= 0 = none */
    double time_limit_s;    /* wall-clock safety stop; <= 0 = none */
    int cuts;               /* 1: ask the backend for its cuts */
} sv_milp_opts;

typedef enum sv_milp_status {
    SV_MILP_OPTIMAL, SV_MILP_FEASIBLE, SV_MILP_INFEASIBLE, SV_MILP_NO_SOLUTION, SV_MILP_ERROR
} sv_milp_status;

typedef struct sv_milp_result {
    sv_milp_status status;
    double obj;             /* objective of the returned solution */
    double bound;           /* proven lower bound (best node bound) */
    long nodes;
    double *x;              /* ncols values, owned by the caller's buffer */
} sv_milp_result;

/* Solve with the backend (backend_glpk.c). `res->x` must point at ncols doubles. */
int sv_milp_solve(const sv_milp *lp, const sv_milp_opts *opts, sv_milp_result *res);

#endif
