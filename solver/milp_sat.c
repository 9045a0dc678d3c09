/*
 * milp_sat.c — sv_milp_sat_bound (sat.h): a 0/1 MILP as clauses, and its
 * least objective as far as SAT proves it.
 *
 * Columns: an integer column of range [lb, ub] is lb plus ub - lb unit
 * variables (one variable for a binary column). Every column is read as an
 * integer, continuous ones too: the bound MILPs of bound_lp_model.c hold
 * for every real plan with every column at the plan's own counts, which are
 * integers, so the integral solutions are the ones that matter.
 *
 * Rows: lo <= sum a_k x_k <= hi with integer a_k. A term a x (x a unit
 * variable) is the literal x repeated a times, or for a < 0 the literal -x
 * repeated -a times with a moved to the constant (a x = a + |a| (1 - x)); so
 * every row is lo' <= (number of true literals in a list) <= hi', a
 * cardinality constraint. Small ones are clauses (at least 1, at most n - 1,
 * all, none, pairwise at most one); the rest are totalizers (Bailleux and
 * Boufkhad, 2003) with their outputs cut at the count that matters, built on
 * the smaller side (at most k of n = at least n - k of the negations).
 *
 * Objective: the same totalizer over the cost literals, built once; a
 * budget b is the assumption "output b + 1 - const is false", so one solver
 * answers every budget incrementally.
 */
#include "solver/sat.h"
#include "solver/search.h"
#include "model/ordo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9
#define BUDGETS 48     /* budgets one objective totalizer answers */

typedef struct enc {
    sv_sat *s;
    long lits;          /* literals written so far (size guard) */
} enc;

static int clause(enc *e, const int *lit, int n)
{
    e->lits += n;
    if (e->lits > SV_SAT_MAX_LITS)
        return ORDO_EINVAL;
    return sv_sat_clause(e->s, lit, n);
}

static int clause2(enc *e, int a, int b)
{
    int c[2] = { a, b };
    return clause(e, c, 2);
}

/* Totalizer over lit[0..n): out[0..*m) with *m = min(cap, n). up: the sum
 * reaching s makes out[s-1] true; down: out[s-1] true makes the sum reach
 * s. out must hold min(cap, n) entries. */
static int totalizer(enc *e, const int *lit, int n, int cap, int up, int *out, int *m)
{
    int rc = ORDO_OK;
    int *a = NULL, *b = NULL;
    if (n == 1) {
        out[0] = lit[0];
        *m = 1;
        return ORDO_OK;
    }
    int h = n / 2, na = 0, nb = 0;
    int ca = cap < h ? cap : h, cb = cap < n - h ? cap : n - h;
    a = ordo__malloc((size_t)ca * sizeof *a);
    b = ordo__malloc((size_t)cb * sizeof *b);
    if (!a || !b) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    ORDO_TRY(totalizer(e, lit, h, cap, up, a, &na));
    ORDO_TRY(totalizer(e, lit + h, n - h, cap, up, b, &nb));
    *m = cap < na + nb ? cap : na + nb;
    for (int s = 0; s < *m; s++) {
        int v = sv_sat_var(e->s);
        ORDO_TRY(v);
        out[s] = v;
    }
    for (int i = 0; i <= na; i++)
        for (int j = 0; j <= nb; j++) {
            int c[3], k = 0;
            if (up) {               /* a >= i and b >= j -> out >= i + j */
                int s = i + j;
                if (s == 0 || s > *m)
                    continue;
                if (i) c[k++] = -a[i - 1];
                if (j) c[k++] = -b[j - 1];
                c[k++] = out[s - 1];
            } else {                /* a <= i and b <= j -> out <= i + j */
                int s = i + j + 1;
                if (s > *m)
                    continue;
                c[k++] = -out[s - 1];
                if (i < na) c[k++] = a[i];
                if (j < nb) c[k++] = b[j];
            }
            ORDO_TRY(clause(e, c, k));
        }
done:
    ordo__free(a);
    ordo__free(b);
    return rc;
}

static int at_most(enc *e, int *lit, int n, int k);

/* At least k of lit[0..n) true (lit may be rewritten). */
static int at_least(enc *e, int *lit, int n, int k)
{
    int rc = ORDO_OK;
    int *out = NULL, m = 0;
    if (k <= 0)
        return ORDO_OK;
    if (k > n)
        return clause(e, NULL, 0);
    if (k == 1)
        return clause(e, lit, n);
    if (k == n) {
        for (int i = 0; i < n; i++)
            ORDO_TRY(clause(e, &lit[i], 1));
        return ORDO_OK;
    }
    if (2 * k > n) {        /* at least k of n = at most n - k of the negations */
        for (int i = 0; i < n; i++)
            lit[i] = -lit[i];
        return at_most(e, lit, n, n - k);
    }
    if (!(out = ordo__malloc((size_t)k * sizeof *out)))
        return ORDO_ENOMEM;
    ORDO_TRY(totalizer(e, lit, n, k, 0, out, &m));
    ORDO_TRY(clause(e, &out[k - 1], 1));
done:
    ordo__free(out);
    return rc;
}

/* At most k of lit[0..n) true (lit may be rewritten). */
static int at_most(enc *e, int *lit, int n, int k)
{
    int rc = ORDO_OK;
    int *out = NULL, m = 0;
    if (k >= n)
        return ORDO_OK;
    if (k < 0)
        return clause(e, NULL, 0);
    if (k == 0) {
        for (int i = 0; i < n; i++) {
            int c = -lit[i];
            ORDO_TRY(clause(e, &c, 1));
        }
        return ORDO_OK;
    }
    if (k == n - 1) {
        for (int i = 0; i < n; i++)
            lit[i] = -lit[i];
        return clause(e, lit, n);
    }
    if (k == 1 && n <= 6) {
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                ORDO_TRY(clause2(e, -lit[i], -lit[j]));
        return ORDO_OK;
    }
    if (2 * k > n) {
        for (int i = 0; i < n; i++)
            lit[i] = -lit[i];
        return at_least(e, lit, n, n - k);
    }
    if (!(out = ordo__malloc(((size_t)k + 1) * sizeof *out)))
        return ORDO_ENOMEM;
    ORDO_TRY(totalizer(e, lit, n, k + 1, 1, out, &m));
    int c = -out[k];
    ORDO_TRY(clause(e, &c, 1));
done:
    ordo__free(out);
    return rc;
}

static int is_integral(double v)
{
    return fabs(v - nearbyint(v)) < EPS;
}

/* The MILP's columns as unit variables: column j is lb[j] + its vars
 * first[j] .. first[j] + nvar[j] - 1. */
typedef struct cols {
    int *first, *nvar;
    long *lb;
} cols;

static int make_cols(enc *e, const sv_milp *lp, cols *C)
{
    C->first = ordo__malloc(((size_t)lp->ncols + 1) * sizeof *C->first);
    C->nvar = ordo__malloc(((size_t)lp->ncols + 1) * sizeof *C->nvar);
    C->lb = ordo__malloc(((size_t)lp->ncols + 1) * sizeof *C->lb);
    if (!C->first || !C->nvar || !C->lb)
        return ORDO_ENOMEM;
    for (int j = 0; j < lp->ncols; j++) {
        double lo = ceil(lp->col_lb[j] - EPS), hi = floor(lp->col_ub[j] + EPS);
        if (!(lo > -SV_INF / 2) || !(hi < SV_INF / 2) || hi < lo || hi - lo > SV_SAT_MAX_RANGE ||
            !is_integral(lp->col_cost[j]) || fabs(lp->col_cost[j]) > SV_SAT_MAX_COEF)
            return ORDO_EINVAL;
        C->lb[j] = (long)lo;
        C->nvar[j] = (int)(hi - lo);
        C->first[j] = 0;
        for (int k = 0; k < C->nvar[j]; k++) {
            int v = sv_sat_var(e->s);
            if (v < 0)
                return v;
            if (k == 0)
                C->first[j] = v;
        }
    }
    return ORDO_OK;
}

/* Literals of sum a_k x_k into *lit (grown as needed); *constant gets the
 * part that is not a literal. col = NULL: x_k is column k. */
static int term_lits(const cols *C, int n, const int *col, const double *val, int **lit,
                     size_t *cap, int *nlit, double *constant)
{
    *nlit = 0;
    *constant = 0;
    for (int k = 0; k < n; k++) {
        double a = val[k];
        int j = col ? col[k] : k;
        if (!is_integral(a) || fabs(a) > SV_SAT_MAX_COEF)
            return ORDO_EINVAL;
        long ia = (long)nearbyint(a);
        *constant += (double)ia * (double)C->lb[j];
        if (ia == 0)
            continue;
        long reps = labs(ia);
        size_t need = (size_t)*nlit + (size_t)reps * (size_t)C->nvar[j];
        if (need > *cap) {
            size_t nc = 2 * need + 16;
            int *g = ordo__realloc(*lit, nc * sizeof *g);
            if (!g)
                return ORDO_ENOMEM;
            *lit = g;
            *cap = nc;
        }
        for (int u = 0; u < C->nvar[j]; u++)
            for (long r = 0; r < reps; r++)
                (*lit)[(*nlit)++] = ia > 0 ? C->first[j] + u : -(C->first[j] + u);
        if (ia < 0)
            *constant += (double)ia * C->nvar[j];
    }
    return ORDO_OK;
}

static double objective(sv_sat *s, const sv_milp *lp, const cols *C)
{
    double v = lp->obj_const;
    for (int j = 0; j < lp->ncols; j++) {
        long x = C->lb[j];
        for (int u = 0; u < C->nvar[j]; u++)
            x += sv_sat_value(s, C->first[j] + u);
        v += lp->col_cost[j] * (double)x;
    }
    return v;
}

int sv_milp_sat_bound(const sv_milp *lp, double from, double stop, long effort, double deadline,
                      double *out_bound, sv_sat_status *out_status)
{
    int rc = ORDO_OK;
    enc e = { 0 };
    cols C = { 0 };
    int *lit = NULL, *olit = NULL, *out = NULL, nlit = 0, nolit = 0;
    size_t cap = 0, ocap = 0;
    double constant = 0, oconst = 0;
    *out_bound = 0;
    *out_status = SV_SAT_UNKNOWN;
    if (!(e.s = sv_sat_new(effort)))
        return ORDO_ENOMEM;
    ORDO_TRY(make_cols(&e, lp, &C));
    /* the objective as literals: oconst + count of true literals; oconst is
     * the least objective there is, the bound until a budget is refuted */
    ORDO_TRY(term_lits(&C, lp->ncols, NULL, lp->col_cost, &olit, &ocap, &nolit, &oconst));
    oconst += lp->obj_const;
    double base = ceil(oconst - EPS);
    if (from > base)
        base = ceil(from - EPS);    /* budgets below `from` are known to fail */
    *out_bound = base;
    for (int i = 0; i < lp->nrows; i++) {
        size_t a = lp->row_start[i], b = lp->row_start[i + 1];
        if ((i & 255) == 0 && deadline > 0 && sv_now() >= deadline)
            goto done;              /* big encodings stop by the deadline too */
        ORDO_TRY(term_lits(&C, (int)(b - a), lp->nz_col + a, lp->nz_val + a, &lit, &cap, &nlit,
                           &constant));
        double lo = lp->row_lb[i] > -SV_INF / 2 ? ceil(lp->row_lb[i] - constant - EPS) : -1;
        double hi = lp->row_ub[i] < SV_INF / 2 ? floor(lp->row_ub[i] - constant + EPS) : nlit;
        if (hi < lo || lo > nlit || hi < 0) {
            ORDO_TRY(clause(&e, NULL, 0));
            continue;
        }
        int lo_i = lo > 0 ? (int)lo : 0, hi_i = hi < nlit ? (int)hi : nlit;
        if (lo_i > 0 && hi_i < nlit) {  /* both sides: the second gets its own copy */
            int *copy = ordo__malloc(((size_t)nlit + 1) * sizeof *copy);
            if (!copy) {
                rc = ORDO_ENOMEM;
                goto done;
            }
            memcpy(copy, lit, (size_t)nlit * sizeof *copy);
            rc = at_least(&e, copy, nlit, lo_i);
            ordo__free(copy);
            if (rc < 0)
                goto done;
        } else if (lo_i > 0) {
            ORDO_TRY(at_least(&e, lit, nlit, lo_i));
        }
        if (hi_i < nlit)
            ORDO_TRY(at_most(&e, lit, nlit, hi_i));
    }
    sv_sat_status st = sv_sat_solve(e.s, NULL, 0, deadline);
    if (st != SV_SAT_SAT) {
        *out_status = st;           /* UNSAT: no solution at all, bound 0 */
        *out_bound = st == SV_SAT_UNSAT ? 0 : base;
        goto done;
    }
    double found = objective(e.s, lp, &C), top = found < stop ? found : stop;
    if (top <= base || nolit == 0) {
        *out_status = found <= base ? SV_SAT_SAT : SV_SAT_UNKNOWN;
        *out_bound = found <= base ? found : base;
        goto done;
    }
    /* budgets base, base + 1, ...: "at most c = b - oconst cost literals
     * true" is the assumption that out[c] is false; the totalizer answers
     * BUDGETS of them */
    int c0 = (int)(base - oconst), m = 0;
    int nout = c0 + BUDGETS + 1 < nolit ? c0 + BUDGETS + 1 : nolit;
    if (!(out = ordo__malloc(((size_t)nout + 1) * sizeof *out))) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    ORDO_TRY(totalizer(&e, olit, nolit, nout, 1, out, &m));
    for (double b = base; b < top; b++) {
        int k = (int)(b - oconst);
        if (k >= nolit) {            /* every solution meets this budget */
            *out_status = SV_SAT_SAT;
            *out_bound = b;
            goto done;
        }
        if (k >= m)
            break;                  /* past the totalizer: stop here */
        int a = -out[k];
        st = sv_sat_solve(e.s, &a, 1, deadline);
        if (st == SV_SAT_UNSAT) {
            *out_bound = b + 1;
            continue;
        }
        if (st == SV_SAT_SAT) {
            *out_status = SV_SAT_SAT;
            *out_bound = b;
        }
        goto done;
    }
    if (*out_bound >= found)
        *out_status = SV_SAT_SAT;
done:
    sv_sat_free(e.s);
    ordo__free(C.first);
    ordo__free(C.nvar);
    ordo__free(C.lb);
    ordo__free(lit);
    ordo__free(olit);
    ordo__free(out);
    return rc;
}
