/*
 * test_score.c — the library score (solver/score.h) that the CLI, score.csv
 * and the HTTP API print: on ITC-2007 comp01 after a short solve, the goal
 * totals add up to the cost ordo_solve reported, each goal's course /
 * person / cohort items add up to it, the room items add up to the capacity
 * goal too (a second view, not counted twice), items come worst first, and
 * each goal's proven bound is at most its cost in this plan.
 */
#include "check.h"
#include "io/ctt_fixture.h"
#include "io/ctt_model.h"
#include "solver/score.h"

#include <math.h>

static void test_score__itc_goals_add_up(void)
{
    ordo_ctt_instance *in = ctt_load_data("comp01.ctt");
    ordo_model *m = NULL;
    ordo_err err = { 0 };
    if (!in)
        return;
    CHECK_EQ(ordo_ctt_to_model(in, &m, &err), ORDO_OK);
    ordo_solve_options o = ORDO_SOLVE_OPTIONS_INIT;
    ordo_solve_result r;
    o.from = ordo_ctt_day_date(0);
    o.to = ordo_ctt_day_date(in->days - 1);
    o.slot_minutes = ORDO_CTT_PERIOD_MIN;
    o.work_limit = 3000;       /* a short run: a plan with cost in several goals */
    o.time_limit_s = 20;
    CHECK_EQ(ordo_solve(m, &o, &r), ORDO_OK);
    CHECK_EQ(r.placed, r.total);
    ordo_score sc;
    CHECK_EQ(ordo_score_plan(m, &o, &sc), ORDO_OK);
    CHECK(fabs(sc.total - r.cost) < 1e-6);
    CHECK_EQ(sc.unmatched, 0);
    double goals = 0, by_goal[ORDO_GOAL_COUNT] = { 0 }, rooms = 0;
    int nonzero = 0;
    for (int g = 0; g < ORDO_GOAL_COUNT; g++) {
        goals += sc.goals[g].cost;
        nonzero += sc.goals[g].cost > 0;
        CHECK(sc.goals[g].bound <= sc.goals[g].cost + 1e-6);
        CHECK(sc.goals[g].key != NULL);
    }
    for (int i = 0; i < sc.nitems; i++) {
        const ordo_score_item *it = &sc.items[i];
        CHECK(it->cost > 0);
        CHECK(it->text[0] != 0);
        if (i > 0)
            CHECK(sc.items[i - 1].cost >= it->cost);
        if (it->subject == ORDO_SCORE_ROOM)
            rooms += it->cost;
        else
            by_goal[it->goal] += it->cost;
    }
    CHECK(fabs(goals - sc.total) < 1e-6);
    for (int g = 0; g < ORDO_GOAL_COUNT; g++)
        CHECK(fabs(by_goal[g] - sc.goals[g].cost) < 1e-6);
    CHECK(fabs(rooms - sc.goals[ORDO_GOAL_CAPACITY].cost) < 1e-6);
    CHECK(nonzero >= 2);                               /* the sums above are not 0 == 0 */
    CHECK(sc.goals[ORDO_GOAL_SAME_ROOM].cost > 0);
    fprintf(stderr, "comp01: cost %.0f, %d items, capacity %.0f (bound %.0f)\n", sc.total, sc.nitems,
            sc.goals[ORDO_GOAL_CAPACITY].cost, sc.goals[ORDO_GOAL_CAPACITY].bound);
    ordo_score_free(&sc);
    ordo_model_free(m);
    ordo_ctt_instance_free(in);
}

int main(void)
{
    RUN(test_score__itc_goals_add_up);
    return CHECK_DONE();
}
