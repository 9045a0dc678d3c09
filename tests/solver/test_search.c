/*
 * test_search.c — the annealing search's bookkeeping: the running cost (a
 * sum of move deltas) must always equal the exact cost, on ITC-2007 instances
 * where every move type and every cost term is active (min days, compactness
 * over many curricula, room capacity and stability), and the plan it returns
 * must cost what the exact evaluator says.
 */
#include "check.h"
#include "io/ctt_format.h"
#include "io/ctt_model.h"
#include "io/import.h"
#include "solver/construct.h"
#include "solver/cost.h"
#include "solver/problem.h"
#include "solver/search.h"

static void search_and_check(const char *name, ordo_model *m, const ordo_solve_options *o, long work)
{
    sv_problem p;
    sv_state st;
    ordo_err err = { 0 };
    CHECK_EQ(sv_problem_build(&p, m, o, &err), ORDO_OK);
    CHECK_EQ(sv_state_new(&st, &p), ORDO_OK);
    uint64_t rng = 3;
    CHECK_EQ(sv_construct_rounds(&st, &rng, 4), ORDO_OK);
    sv_search_stats stats;
    CHECK_EQ(sv_search(&st, work, 1.0, 0, sv_now(), 0, &rng, &stats), ORDO_OK);
    CHECK_EQ(stats.drift, 0);
    CHECK(stats.accepted > 0);
    CHECK(stats.mip_solves > 0);      /* GLPK neighbourhoods ran */
    fprintf(stderr, "%s: %ld iterations, %ld accepted, %ld MIPs, cost %.2f, drift %ld\n", name,
            stats.iterations, stats.accepted, stats.mip_solves, sv_cost_total(&st, NULL), stats.drift);
    sv_state_free(&st);
    sv_problem_free(&p);
}

static void run_instance(const char *name, long work)
{
    char path[512];
    snprintf(path, sizeof path, "%s/data/itc2007/%s.ctt", check_env("ORDO_SHARED_DIR", "../shared"), name);
    ordo_ctt_instance *in = NULL;
    ordo_model *m = NULL;
    ordo_err err = { 0 };
    CHECK_EQ(ordo_ctt_instance_load(&in, path, &err), ORDO_OK);
    if (!in)
        return;
    CHECK_EQ(ordo_ctt_to_model(in, &m, &err), ORDO_OK);
    ordo_solve_options o = ORDO_SOLVE_OPTIONS_INIT;
    o.from = ordo_ctt_day_date(0);
    o.to = ordo_ctt_day_date(in->days - 1);
    o.slot_minutes = 60;
    search_and_check(name, m, &o, work);
    ordo_model_free(m);
    ordo_ctt_instance_free(in);
}

static void test_search__running_cost_equals_exact_cost(void)
{
    run_instance("comp05", 200000);   /* 139 curricula: long Kempe chains */
    run_instance("comp07", 200000);
    run_instance("comp12", 100000);
}

/* The training example and its solve window. */
static ordo_model *load_training(ordo_solve_options *o)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/examples/training", check_env("ORDO_SOURCE_DIR", ".."));
    ordo_model *m = NULL;
    ordo_err err = { 0 };
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    CHECK_EQ(ordo_import_dir(m, dir, NULL, NULL, &err), ORDO_OK);
    *o = (ordo_solve_options)ORDO_SOLVE_OPTIONS_INIT;
    ordo_date_parse("2026-10-12", &o->from);
    ordo_date_parse("2026-11-20", &o->to);
    return m;
}

/* The training example: load, spread and stability terms all non-zero. */
static void test_search__training_running_cost_equals_exact_cost(void)
{
    ordo_solve_options o;
    ordo_model *m = load_training(&o);
    search_and_check("examples/training", m, &o, 200000);
    ordo_model_free(m);
}

/* Construction keeps the per-course placed count exact, and honours a
 * deadline: with one already passed it stops at its first clock check
 * (every 16 sessions) and leaves the rest unplaced instead of running on. */
static void test_search__construction_counts_and_deadline(void)
{
    ordo_solve_options o;
    ordo_model *m = load_training(&o);
    ordo_err err = { 0 };
    sv_problem p;
    sv_state st;
    CHECK_EQ(sv_problem_build(&p, m, &o, &err), ORDO_OK);
    CHECK(p.nsess > 16);
    CHECK_EQ(sv_state_new(&st, &p), ORDO_OK);
    uint64_t rng = 3;
    CHECK_EQ(sv_construct_rounds(&st, &rng, 4), ORDO_OK);
    CHECK_EQ(st.construct_timed_out, 0);
    CHECK(st.construct_steps > 0);
    for (int ci = 0; ci < p.ncourses; ci++) {
        int n = 0;
        for (int k = 0; k < p.courses[ci].nsess; k++)
            n += st.start[p.courses[ci].sess[k]] >= 0;
        CHECK_EQ(st.course_placed[ci], n);
    }
    sv_state_free(&st);
    CHECK_EQ(sv_state_new(&st, &p), ORDO_OK);
    st.deadline_at = 1e-9;   /* long past */
    CHECK_EQ(sv_construct_rounds(&st, &rng, 4), ORDO_OK);
    CHECK_EQ(st.construct_timed_out, 1);
    CHECK(st.placed < 16);
    sv_state_free(&st);
    sv_problem_free(&p);
    ordo_model_free(m);
}

int main(void)
{
    RUN(test_search__construction_counts_and_deadline);
    RUN(test_search__training_running_cost_equals_exact_cost);
    RUN(test_search__running_cost_equals_exact_cost);
    return CHECK_DONE();
}
