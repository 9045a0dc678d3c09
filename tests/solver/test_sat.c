/*
 * test_sat.c — the SAT backend and the MILP-to-clauses encoding (sat.h)
 * against brute force: random small integer programs (binary and ranged
 * integer columns, coefficients of both signs, rows bounded on one or both
 * sides), every assignment enumerated.
 */
#include "solver/sat.h"
#include "model/ordo.h"
#include "check.h"

#include <math.h>

#define NO_SOLUTION 1e18

static unsigned rnd(unsigned *s, unsigned n)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) % n;
}

/* The least objective over all integer points, or NO_SOLUTION. */
static double brute(const sv_milp *lp)
{
    int n = lp->ncols, x[16];
    double best = NO_SOLUTION;
    for (int j = 0; j < n; j++)
        x[j] = (int)lp->col_lb[j];
    for (;;) {
        int ok = 1;
        for (int i = 0; i < lp->nrows && ok; i++) {
            double v = 0;
            for (size_t k = lp->row_start[i]; k < lp->row_start[i + 1]; k++)
                v += lp->nz_val[k] * x[lp->nz_col[k]];
            ok = v >= lp->row_lb[i] - 1e-9 && v <= lp->row_ub[i] + 1e-9;
        }
        if (ok) {
            double obj = lp->obj_const;
            for (int j = 0; j < n; j++)
                obj += lp->col_cost[j] * x[j];
            if (obj < best)
                best = obj;
        }
        int j = 0;
        while (j < n && x[j] == (int)lp->col_ub[j]) {
            x[j] = (int)lp->col_lb[j];
            j++;
        }
        if (j == n)
            return best;
        x[j]++;
    }
}

/* A random program: up to 7 columns (binary, or an integer range of up to
 * 3 values from -1..2), costs -2..3, up to 5 rows of coefficients -3..3. */
static void random_milp(sv_milp *lp, unsigned seed)
{
    unsigned s = seed;
    sv_milp_init(lp);
    int n = 1 + (int)rnd(&s, 7);
    for (int j = 0; j < n; j++) {
        int lb = rnd(&s, 2) ? 0 : (int)rnd(&s, 3) - 1;
        int ub = rnd(&s, 2) ? lb + 1 : lb + (int)rnd(&s, 3);
        CHECK(sv_milp_add_col(lp, lb, ub, (double)rnd(&s, 6) - 2, 1) == j);
    }
    lp->obj_const = (double)rnd(&s, 3);
    int rows = 1 + (int)rnd(&s, 5);
    for (int i = 0; i < rows; i++) {
        int col[8], m = 0;
        double val[8];
        for (int j = 0; j < n; j++)
            if (rnd(&s, 3)) {
                col[m] = j;
                val[m++] = (double)rnd(&s, 7) - 3;
            }
        double lo = (double)rnd(&s, 7) - 3, hi = lo + (double)rnd(&s, 4);
        int kind = (int)rnd(&s, 3);
        CHECK(sv_milp_add_row(lp, kind == 1 ? -SV_INF : lo, kind == 2 ? SV_INF : hi, m, col, val) == i);
    }
}

static void test_sat__milp_vs_brute_force(void)
{
    int infeasible = 0, feasible = 0, positive = 0;
    for (unsigned seed = 1; seed <= 400; seed++) {
        sv_milp lp;
        random_milp(&lp, seed);
        double opt = brute(&lp), bound = -1;
        sv_sat_status st = SV_SAT_UNKNOWN;
        CHECK_EQ(sv_milp_sat_bound(&lp, -1e9, 1e9, 0, 0, &bound, &st), ORDO_OK);
        if (opt >= NO_SOLUTION) {
            infeasible++;
            CHECK_EQ(st, SV_SAT_UNSAT);
            CHECK_EQ(bound, 0);
        } else {
            feasible++;
            positive += opt > 0;
            if (st != SV_SAT_SAT || fabs(bound - opt) > 1e-9)
                fprintf(stderr, "seed %u: status %d bound %g, optimum %g\n", seed, (int)st, bound, opt);
            CHECK_EQ(st, SV_SAT_SAT);
            CHECK(fabs(bound - opt) < 1e-9);
            /* counting up from a value known to hold reaches the same optimum */
            CHECK_EQ(sv_milp_sat_bound(&lp, opt - 1, 1e9, 0, 0, &bound, &st), ORDO_OK);
            CHECK(fabs(bound - opt) < 1e-9);
            /* stopped below the optimum: a bound, not the optimum */
            CHECK_EQ(sv_milp_sat_bound(&lp, -1e9, opt - 1, 0, 0, &bound, &st), ORDO_OK);
            CHECK(bound <= opt + 1e-9);
            CHECK(st != SV_SAT_UNSAT);
            /* a tiny effort stops early, never above the optimum */
            CHECK_EQ(sv_milp_sat_bound(&lp, -1e9, 1e9, 1, 0, &bound, &st), ORDO_OK);
            CHECK(bound <= opt + 1e-9);
        }
        sv_milp_free(&lp);
    }
    fprintf(stderr, "feasible %d (optimum > 0: %d), infeasible %d\n", feasible, positive, infeasible);
    CHECK(feasible >= 100);
    CHECK(infeasible >= 30);
    CHECK(positive >= 30);
}

/* Cardinality rows of every shape the encoder has a case for (at least 1,
 * all, none, at most n - 1, pairwise and sequential at most one, totalizers
 * on either side, both sides at once) over 1 to 8 binaries, and a repeated
 * literal (coefficient 2): each assignment is pinned by one-column rows
 * and the row's encoding must accept exactly the assignments that meet it;
 * the count of accepted ones equals the binomial sum. */
static long count_models(const sv_milp *lp)
{
    long n = 0;
    double bound = 0;
    sv_sat_status st;
    int nc = lp->ncols;
    for (long mask = 0; mask < (1L << nc); mask++) {
        sv_milp q;
        sv_milp_init(&q);
        for (int j = 0; j < nc; j++)
            CHECK(sv_milp_add_col(&q, 0, 1, 0, 1) == j);
        for (int i = 0; i < lp->nrows; i++) {
            int m = (int)(lp->row_start[i + 1] - lp->row_start[i]);
            CHECK(sv_milp_add_row(&q, lp->row_lb[i], lp->row_ub[i], m, lp->nz_col + lp->row_start[i],
                                  lp->nz_val + lp->row_start[i]) >= 0);
        }
        for (int j = 0; j < nc; j++) {
            double v = (double)(mask >> j & 1), one = 1;
            CHECK(sv_milp_add_row(&q, v, v, 1, &j, &one) >= 0);
        }
        CHECK_EQ(sv_milp_sat_bound(&q, -1e9, 1e9, 0, 0, &bound, &st), ORDO_OK);
        n += st == SV_SAT_SAT;
        sv_milp_free(&q);
    }
    return n;
}

static long binom(int n, int k)
{
    long r = 1;
    for (int i = 1; i <= k; i++)
        r = r * (n - k + i) / i;
    return r;
}

static void test_sat__cardinality_shapes(void)
{
    int col[12];
    double one[12], two[12];
    for (int j = 0; j < 12; j++) {
        col[j] = j;
        one[j] = 1;
        two[j] = j == 0 ? 2 : 1;
    }
    static const int sizes[] = { 1, 2, 3, 5, 8 };
    for (int z = 0; z < 5; z++) {
        int n = sizes[z];
        for (int lo = 0; lo <= n; lo++)
            for (int hi = lo; hi <= n; hi++) {
                sv_milp lp;
                sv_milp_init(&lp);
                for (int j = 0; j < n; j++)
                    sv_milp_add_col(&lp, 0, 1, 0, 1);
                sv_milp_add_row(&lp, lo, hi, n, col, one);
                long want = 0;
                for (int k = lo; k <= hi; k++)
                    want += binom(n, k);
                long got = count_models(&lp);
                if (got != want)
                    fprintf(stderr, "n %d, %d..%d: %ld models, want %ld\n", n, lo, hi, got, want);
                CHECK_EQ(got, want);
                sv_milp_free(&lp);
            }
    }
    /* 2 x0 + x1 + ... + x4 <= 2: x0 alone, or at most two of the others */
    sv_milp lp;
    sv_milp_init(&lp);
    for (int j = 0; j < 5; j++)
        sv_milp_add_col(&lp, 0, 1, 0, 1);
    sv_milp_add_row(&lp, -SV_INF, 2, 5, col, two);
    CHECK_EQ(count_models(&lp), 1 + 1 + 4 + 6);
    sv_milp_free(&lp);
}

/* What the encoding refuses: a continuous range, a coefficient of 0.5. */
static void test_sat__declines_what_it_cannot_encode(void)
{
    sv_milp lp;
    double bound = 0;
    sv_sat_status st;
    int col[1] = { 0 };
    double half[1] = { 0.5 };
    sv_milp_init(&lp);
    sv_milp_add_col(&lp, 0, 1000, 1, 0);
    CHECK_EQ(sv_milp_sat_bound(&lp, -1e9, 1e9, 0, 0, &bound, &st), ORDO_EINVAL);
    sv_milp_free(&lp);
    sv_milp_init(&lp);
    sv_milp_add_col(&lp, 0, 1, 1, 1);
    sv_milp_add_row(&lp, 0, 1, 1, col, half);
    CHECK_EQ(sv_milp_sat_bound(&lp, -1e9, 1e9, 0, 0, &bound, &st), ORDO_EINVAL);
    sv_milp_free(&lp);
}

int main(void)
{
    RUN(test_sat__milp_vs_brute_force);
    RUN(test_sat__cardinality_shapes);
    RUN(test_sat__declines_what_it_cannot_encode);
    return CHECK_DONE();
}
