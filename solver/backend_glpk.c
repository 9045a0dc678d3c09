/*
 * backend_glpk.c — solves an sv_milp with GLPK. The only file that includes
 * glpk.h. GLPK aborts the process on invalid input, so every bound and index
 * is checked here first; terminal output is off. The branch-and-bound
 * callback counts nodes (to stop at a deterministic node budget) and records
 * the best node bound, because GLPK gives no bound after glp_intopt returns
 * on a limit. Each call ends with glp_free_env (GLPK's per-thread state).
 */
#include "solver/milp.h"
#include "model/ordo.h"

#include <glpk.h>
#include <math.h>

typedef struct cb_state {
    long node_limit;
    long nodes;
    double bound;
    int have_bound;
} cb_state;

static void callback(glp_tree *tree, void *info)
{
    cb_state *cb = info;
    int a_cnt, n_cnt, t_cnt;
    glp_ios_tree_size(tree, &a_cnt, &n_cnt, &t_cnt);
    cb->nodes = t_cnt;
    int best = glp_ios_best_node(tree);
    if (best) {
        double b = glp_ios_node_bound(tree, best);
        if (!cb->have_bound || b > cb->bound) {  /* the best bound only rises */
            cb->bound = b;
            cb->have_bound = 1;
        }
    }
    if (cb->node_limit > 0 && t_cnt > cb->node_limit)
        glp_ios_terminate(tree);
}

static int silent(void *info, const char *s) { (void)info; (void)s; return 1; }

static int bound_type(double lb, double ub)
{
    int has_lb = lb > -SV_INF / 2, has_ub = ub < SV_INF / 2;
    if (has_lb && has_ub)
        return lb == ub ? GLP_FX : GLP_DB;
    return has_lb ? GLP_LO : has_ub ? GLP_UP : GLP_FR;
}

static int validate(const sv_milp *lp)
{
    for (int j = 0; j < lp->ncols; j++)
        if (isnan(lp->col_lb[j]) || isnan(lp->col_ub[j]) || isnan(lp->col_cost[j]) ||
            lp->col_lb[j] > lp->col_ub[j])
            return ORDO_EINVAL;
    for (int i = 0; i < lp->nrows; i++)
        if (isnan(lp->row_lb[i]) || isnan(lp->row_ub[i]) || lp->row_lb[i] > lp->row_ub[i])
            return ORDO_EINVAL;
    for (size_t k = 0; k < lp->nnz; k++)
        if (lp->nz_col[k] < 0 || lp->nz_col[k] >= lp->ncols || isnan(lp->nz_val[k]))
            return ORDO_EINVAL;
    return ORDO_OK;
}

int sv_milp_solve(const sv_milp *lp, const sv_milp_opts *o, sv_milp_result *res)
{
    int rc = ORDO_OK;
    int *ia = NULL, *ja = NULL;
    double *ar = NULL;
    glp_prob *P = NULL;
    res->status = SV_MILP_ERROR;
    res->nodes = 0;
    res->bound = -SV_INF;
    if (lp->ncols == 0 || validate(lp) < 0)
        return ORDO_EINVAL;
    glp_term_hook(silent, NULL);
    P = glp_create_prob();
    glp_set_obj_dir(P, GLP_MIN);
    glp_set_obj_coef(P, 0, lp->obj_const);
    glp_add_cols(P, lp->ncols);
    for (int j = 0; j < lp->ncols; j++) {
        glp_set_col_bnds(P, j + 1, bound_type(lp->col_lb[j], lp->col_ub[j]), lp->col_lb[j], lp->col_ub[j]);
        glp_set_obj_coef(P, j + 1, lp->col_cost[j]);
        if (lp->col_int[j] && !o->relax)
            glp_set_col_kind(P, j + 1, GLP_IV);
    }
    if (lp->nrows) {
        glp_add_rows(P, lp->nrows);
        for (int i = 0; i < lp->nrows; i++)
            glp_set_row_bnds(P, i + 1, bound_type(lp->row_lb[i], lp->row_ub[i]), lp->row_lb[i], lp->row_ub[i]);
        ia = ordo__malloc((lp->nnz + 1) * sizeof *ia);
        ja = ordo__malloc((lp->nnz + 1) * sizeof *ja);
        ar = ordo__malloc((lp->nnz + 1) * sizeof *ar);
        if (!ia || !ja || !ar) {
            rc = ORDO_ENOMEM;
            goto done;
        }
        for (int i = 0; i < lp->nrows; i++)
            for (size_t k = lp->row_start[i]; k < lp->row_start[i + 1]; k++) {
                ia[k + 1] = i + 1;
                ja[k + 1] = lp->nz_col[k] + 1;
                ar[k + 1] = lp->nz_val[k];
            }
        glp_load_matrix(P, (int)lp->nnz, ia, ja, ar);
    }
    if (o->relax) {
        glp_smcp sp;
        glp_init_smcp(&sp);
        sp.msg_lev = GLP_MSG_OFF;
        sp.presolve = GLP_ON;
        if (o->time_limit_s > 0)
            sp.tm_lim = (int)(o->time_limit_s * 1000);
        int ret = glp_simplex(P, &sp);
        int st = ret == 0 ? glp_get_status(P) : GLP_UNDEF;
        if (st == GLP_OPT) {
            res->status = SV_MILP_OPTIMAL;
            res->obj = res->bound = glp_get_obj_val(P);
            for (int j = 0; j < lp->ncols; j++)
                res->x[j] = glp_get_col_prim(P, j + 1);
        } else {
            res->status = st == GLP_NOFEAS ? SV_MILP_INFEASIBLE : SV_MILP_NO_SOLUTION;
        }
        goto done;
    }
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.presolve = GLP_ON;
    ip.br_tech = GLP_BR_DTH;
    ip.bt_tech = GLP_BT_BLB;
    if (o->cuts) {
        ip.gmi_cuts = GLP_ON;
        ip.mir_cuts = GLP_ON;
        ip.cov_cuts = GLP_ON;
        ip.clq_cuts = GLP_ON;
    }
    if (o->time_limit_s > 0)
        ip.tm_lim = (int)(o->time_limit_s * 1000);
    cb_state cb = { o->node_limit, 0, 0, 0 };
    ip.cb_func = callback;
    ip.cb_info = &cb;
    glp_intopt(P, &ip);
    int st = glp_mip_status(P);
    res->nodes = cb.nodes;
    if (st == GLP_OPT || st == GLP_FEAS) {
        res->status = st == GLP_OPT ? SV_MILP_OPTIMAL : SV_MILP_FEASIBLE;
        res->obj = glp_mip_obj_val(P);
        for (int j = 0; j < lp->ncols; j++)
            res->x[j] = glp_mip_col_val(P, j + 1);
        res->bound = st == GLP_OPT ? res->obj : (cb.have_bound ? cb.bound : -SV_INF);
    } else {
        res->status = st == GLP_NOFEAS ? SV_MILP_INFEASIBLE : SV_MILP_NO_SOLUTION;
        res->bound = cb.have_bound ? cb.bound : -SV_INF;
    }
done:
    ordo__free(ia);
    ordo__free(ja);
    ordo__free(ar);
    if (P)
        glp_delete_prob(P);
    glp_term_hook(NULL, NULL);
    /* GLPK keeps an environment per thread (its own allocations) until
     * glp_free_env: free it, or every server thread that ever solved leaks
     * it at exit. Nothing of GLPK outlives this call, so this is safe. */
    glp_free_env();
    return rc;
}
