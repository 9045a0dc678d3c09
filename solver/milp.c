/*
 * milp.c — building a backend-neutral MILP (milp.h). Rows are appended in
 * compressed sparse row form; columns only grow. Nothing here knows GLPK.
 */
#include "solver/milp.h"
#include "model/ordo.h"

#include <string.h>

void sv_milp_init(sv_milp *lp) { memset(lp, 0, sizeof *lp); }

void sv_milp_free(sv_milp *lp)
{
    ordo__free(lp->col_lb); ordo__free(lp->col_ub); ordo__free(lp->col_cost); ordo__free(lp->col_int);
    ordo__free(lp->row_lb); ordo__free(lp->row_ub); ordo__free(lp->row_start);
    ordo__free(lp->nz_col); ordo__free(lp->nz_val);
    memset(lp, 0, sizeof *lp);
}

int sv_milp_add_col(sv_milp *lp, double lb, double ub, double cost, int is_int)
{
    size_t need = (size_t)lp->ncols + 1, cap = lp->cap_cols;
    if (need > cap) {
        size_t c1 = cap, c2 = cap, c3 = cap, c4 = cap;
        if (ORDO_GROW(lp->col_lb, c1, need) < 0 || ORDO_GROW(lp->col_ub, c2, need) < 0 ||
            ORDO_GROW(lp->col_cost, c3, need) < 0 || ORDO_GROW(lp->col_int, c4, need) < 0)
            return ORDO_ENOMEM;
        lp->cap_cols = c1;
    }
    lp->col_lb[lp->ncols] = lb;
    lp->col_ub[lp->ncols] = ub;
    lp->col_cost[lp->ncols] = cost;
    lp->col_int[lp->ncols] = (char)(is_int != 0);
    return lp->ncols++;
}

int sv_milp_add_row(sv_milp *lp, double lb, double ub, int n, const int *col, const double *val)
{
    for (int k = 0; k < n; k++)
        if (col[k] < 0 || col[k] >= lp->ncols)
            return ORDO_EINVAL;
    size_t need = (size_t)lp->nrows + 2, cap = lp->cap_rows;
    if (need > cap) {
        size_t c1 = cap, c2 = cap, c3 = cap;
        if (ORDO_GROW(lp->row_lb, c1, need) < 0 || ORDO_GROW(lp->row_ub, c2, need) < 0 ||
            ORDO_GROW(lp->row_start, c3, need) < 0)
            return ORDO_ENOMEM;
        lp->cap_rows = c1;
    }
    size_t nz_need = lp->nnz + (size_t)n + 1, nz_cap = lp->cap_nz;
    if (nz_need > nz_cap) {
        size_t c1 = nz_cap, c2 = nz_cap;
        if (ORDO_GROW(lp->nz_col, c1, nz_need) < 0 || ORDO_GROW(lp->nz_val, c2, nz_need) < 0)
            return ORDO_ENOMEM;
        lp->cap_nz = c1;
    }
    if (lp->nrows == 0)
        lp->row_start[0] = 0;
    for (int k = 0; k < n; k++) {
        lp->nz_col[lp->nnz] = col[k];
        lp->nz_val[lp->nnz] = val[k];
        lp->nnz++;
    }
    lp->row_lb[lp->nrows] = lb;
    lp->row_ub[lp->nrows] = ub;
    lp->row_start[lp->nrows + 1] = lp->nnz;
    return lp->nrows++;
}
