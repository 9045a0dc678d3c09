/*
 * test_search.c — the annealing search's bookkeeping: the running cost (a
 * sum of move deltas) must always equal the exact cost, on ITC-2007 instances
 * where every move type and every cost term is active (min days, compactness
 * over many curricula, room capacity and stability), and the plan it returns
 * must cost what the exact evaluator says.
 */
#include <limits.h>
#include <math.h>

#include "check.h"
#include "io/ctt_format.h"
#include "io/ctt_model.h"
#include "io/import.h"
#include "model/date.h"
#include "solver/construct.h"
#include "solver/cost.h"
#include "solver/problem.h"
#include "solver/rounds.h"
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

/* The training example with compactness counted too: move_rebuild runs
 * (it needs cohorts and a compactness weight), and the sessions it takes
 * out change the mean load, so its delta must count the load term whole. */
static void test_search__rebuild_running_cost_equals_exact_cost(void)
{
    ordo_solve_options o;
    ordo_model *m = load_training(&o);
    m->weights.compactness = 2;
    CHECK(m->weights.load > 0);
    search_and_check("examples/training + compactness", m, &o, 200000);
    ordo_model_free(m);
}

/* sv_course_nearest_date (move_respace's target date) finds exactly the
 * starts a scan of all the course's starts finds: at the site, on the date
 * nearest the target, both dates when two are as near; for every course of
 * the training example (two sites), every site and targets in half days
 * from before the first date to after the last. */
static void test_search__nearest_date_matches_a_scan(void)
{
    ordo_solve_options o;
    ordo_model *m = load_training(&o);
    ordo_err err = { 0 };
    sv_problem p;
    CHECK_EQ(sv_problem_build(&p, m, &o, &err), ORDO_OK);
    long checked = 0, two_dates = 0;
    for (int ci = 0; ci < p.ncourses; ci++) {
        const sv_course *c = &p.courses[ci];
        if (!c->nstarts)
            continue;
        for (int site = 0; site < (int)m->sites.n; site++)
            for (double target = c->starts[0].date - 3; target <= c->starts[c->nstarts - 1].date + 3;
                 target += 0.5) {
                double best = -1;
                int count = 0;
                for (int k = 0; k < c->nstarts; k++) {
                    if (c->starts[k].site != site)
                        continue;
                    double dist = fabs(c->starts[k].date - target);
                    if (best < 0 || dist < best - 1e-9) {
                        best = dist;
                        count = 1;
                    } else if (dist < best + 1e-9) {
                        count++;
                    }
                }
                int from = -1, to = -1;
                int n = sv_course_nearest_date(c, site, target, &from, &to);
                CHECK_EQ(n, count);
                if (!n)
                    continue;
                CHECK_EQ(to - from, n);
                ordo_date d0 = c->starts[c->by_site[from]].date;
                for (int i = from; i < to; i++) {
                    const sv_start *x = &c->starts[c->by_site[i]];
                    CHECK_EQ(x->site, site);
                    CHECK(fabs(fabs(x->date - target) - best) < 1e-9);
                    two_dates += x->date != d0 && i == to - 1;
                }
                checked++;
            }
    }
    fprintf(stderr, "nearest date: %ld targets, %ld with two dates\n", checked, two_dates);
    CHECK(checked > 100);
    CHECK(two_dates > 0);
    sv_problem_free(&p);
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

/* Two sites of one trainer and one room each; courses A and B of 10
 * sessions (min_days_between 1: one a weekday for two weeks) that either
 * site could hold. The plan given to the search has both at site P with
 * P's trainer: only a whole course moving to site L and its trainer
 * balances the load, which no single-session move can do (all sessions of
 * a course at one site) and move_unify's random re-timing does not find.
 * The search must end with each trainer teaching one course: load and same
 * person 0 (move_retarget; without it the load stays 20; the budget stays
 * below the first GLPK neighbourhood). */
static void test_search__course_moves_to_other_site_for_load(void)
{
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    if (!m)
        return;
    ordo_site sites[2] = { { "P", "P", "UTC" }, { "L", "L", "UTC" } };
    for (int i = 0; i < 2; i++)
        CHECK_EQ(ordo_model_put_site(m, &sites[i], NULL), ORDO_OK);
    char *a[] = { "a" };
    ordo_resource res[4] = {
        { .id = "p0", .name = "P0", .kind = ORDO_PERSON, .site = 0, .skills = { a, 1 } },
        { .id = "p1", .name = "P1", .kind = ORDO_PERSON, .site = 1, .skills = { a, 1 } },
        { .id = "r0", .name = "R0", .kind = ORDO_ROOM, .site = 0, .capacity = 10 },
        { .id = "r1", .name = "R1", .kind = ORDO_ROOM, .site = 1, .capacity = 10 },
    };
    for (int r = 0; r < 4; r++) {
        CHECK_EQ(ordo_model_put_resource(m, &res[r], NULL), ORDO_OK);
        for (int d = 0; d < 5; d++) {
            ordo_working_hours wh = { r, d, 540, 1020 };
            CHECK_EQ(ordo_model_add_working_hours(m, &wh), ORDO_OK);
        }
    }
    ordo_service sv = { "S", "S", 120 };
    CHECK_EQ(ordo_model_put_service(m, &sv, NULL), ORDO_OK);
    ordo_requirement rq[2] = { { 0, ORDO_PERSON, 1, "a", ORDO_CAPACITY_ANY, 0 },
                               { 0, ORDO_ROOM, 1, NULL, ORDO_CAPACITY_ANY, 0 } };
    for (int i = 0; i < 2; i++)
        CHECK_EQ(ordo_model_add_requirement(m, &rq[i]), ORDO_OK);
    ordo_date mon = ordo_date_from_ymd(2001, 1, 1);
    ordo_course co[2] = {
        { .id = "A", .title = "A", .service = 0, .contract = -1, .sessions = 10, .participants = 5,
          .earliest = mon, .latest = mon + 11, .min_days_between = 1 },
        { .id = "B", .title = "B", .service = 0, .contract = -1, .sessions = 10, .participants = 5,
          .earliest = mon, .latest = mon + 11, .min_days_between = 1 },
    };
    for (int i = 0; i < 2; i++)
        CHECK_EQ(ordo_model_put_course(m, &co[i], NULL), ORDO_OK);
    ordo_solve_options o = ORDO_SOLVE_OPTIONS_INIT;
    o.from = mon;
    o.to = mon + 11;
    ordo_err err = { 0 };
    sv_problem p;
    sv_state st;
    CHECK_EQ(sv_problem_build(&p, m, &o, &err), ORDO_OK);
    CHECK_EQ(p.nsess, 20);
    CHECK_EQ(sv_state_new(&st, &p), ORDO_OK);
    int at_p[2] = { 0, 2 };   /* p0 and r0 (resource indexes = put order) */
    for (int s = 0; s < p.nsess; s++) {
        const sv_course *c = &p.courses[p.sess_course[s]];
        for (int j = 0; j < c->nstarts && st.start[s] < 0; j++)
            if (c->starts[j].site == 0 && sv_state_can_place(&st, s, j, at_p))
                sv_state_place(&st, s, j, at_p);
    }
    CHECK_EQ(st.placed, 20);
    sv_cost_parts before, after;
    sv_cost_total(&st, &before);
    CHECK(before.load > 0);   /* p0 teaches everything */
    uint64_t rng = 5;
    sv_search_stats stats;
    CHECK_EQ(sv_search(&st, 1900, 1.0, 0, sv_now(), 0, &rng, &stats), ORDO_OK);
    CHECK_EQ(stats.mip_solves, 0);
    CHECK_EQ(stats.drift, 0);
    sv_cost_total(&st, &after);
    fprintf(stderr, "load %.2f -> %.2f, same person %.2f -> %.2f, placed %d\n", before.load, after.load,
            before.same_person, after.same_person, st.placed);
    CHECK_EQ(st.placed, 20);
    CHECK(after.load < 1e-9);
    CHECK(after.same_person < 1e-9);
    sv_state_free(&st);
    sv_problem_free(&p);
    ordo_model_free(m);
}

/* The default run's rounds (rounds.h): doubling budgets, the first at the
 * usual temperature, later ones cooler, and the first round whose projected
 * length reaches an eighth of the cap becomes the last (hot, until the cap). */
static void test_search__round_plan(void)
{
    const long base = 20000;
    const double cap = 60;
    /* round 0: the base budget at heat 1; without a time limit it has no
     * deadline, with one it stops at the cap */
    sv_round r = sv_round_plan(0, base, 0, cap, 0);
    CHECK_EQ(r.work, base);
    CHECK(r.heat == 1.0);
    CHECK(r.deadline == 0);
    CHECK_EQ(r.final, 0);
    CHECK(sv_round_plan(0, base, 0, cap, 1).deadline == cap);
    /* even a round 0 that would last longer than the cap is not the last:
     * its speed is not known yet */
    CHECK_EQ(sv_round_plan(0, base, 1.0, cap, 0).final, 0);
    /* fast machine (1e6 iterations/s): round 3 (160,000 iterations, 0.16 s)
     * is an ordinary cool round with a deadline at the cap */
    r = sv_round_plan(3, base, 1e6, cap, 0);
    CHECK_EQ(r.work, base << 3);
    CHECK(r.heat == SV_ROUND_LATER_HEAT);
    CHECK(r.deadline == cap);
    CHECK_EQ(r.final, 0);
    /* the switch: at 1e5 iterations/s, round k lasts 0.2 x 2^k s; an eighth
     * of 60 s is 7.5 s, first reached at k = 6 (12.8 s), not at k = 5 (6.4 s) */
    CHECK_EQ(sv_round_plan(5, base, 1e5, cap, 0).final, 0);
    r = sv_round_plan(6, base, 1e5, cap, 0);
    CHECK_EQ(r.final, 1);
    CHECK_EQ(r.work, LONG_MAX);   /* runs until the cap */
    CHECK(r.heat == SV_ROUND_FINAL_HEAT);
    CHECK(r.heat > 1.0);
    CHECK(r.deadline == cap);
    /* exactly at the share counts (5 s of a 40 s cap) */
    CHECK_EQ(sv_round_plan(1, 25000, 10000, 40, 0).final, 1);
    CHECK_EQ(sv_round_plan(1, 24999, 10000, 40, 0).final, 0);
    /* a shorter cap switches earlier on the same machine */
    CHECK_EQ(sv_round_plan(3, base, 1e5, 10, 1).final, 1);
    CHECK_EQ(sv_round_plan(2, base, 1e5, 10, 1).final, 0);
    /* the shift is capped and the budget never overflows */
    CHECK_EQ(sv_round_plan(40, base, 0, cap, 0).work, base << SV_ROUND_MAX_SHIFT);
    CHECK_EQ(sv_round_plan(SV_ROUND_MAX_SHIFT, LONG_MAX / 2, 0, cap, 0).work, LONG_MAX);
}

int main(void)
{
    RUN(test_search__round_plan);
    RUN(test_search__nearest_date_matches_a_scan);
    RUN(test_search__construction_counts_and_deadline);
    RUN(test_search__course_moves_to_other_site_for_load);
    RUN(test_search__training_running_cost_equals_exact_cost);
    RUN(test_search__rebuild_running_cost_equals_exact_cost);
    RUN(test_search__running_cost_equals_exact_cost);
    return CHECK_DONE();
}
