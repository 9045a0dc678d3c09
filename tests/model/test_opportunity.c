/*
 * test_opportunity.c — opportunity rules and the pipeline report
 * (model/opportunity.h): stage moves, win/lose refusals, probabilities,
 * and a report over a small set whose totals are recomputed here by hand.
 */
#include "check.h"
#include "model/opportunity.h"

static ordo_opportunity base(void)
{
    ordo_opportunity o = { 0 };
    o.id = "O1";
    o.name = "Excel course";
    o.account = "acme";
    o.value = 120000;
    o.probability = -1;
    return o;
}

static void test_opportunity__moves(void)
{
    ordo_err err = { 0 };
    ordo_opportunity o = base();
    CHECK_EQ(ordo_opportunity_check(&o, &err), ORDO_OK);
    CHECK_EQ(ordo_opportunity_probability(&o), 10);
    CHECK_EQ(ordo_opportunity_move(&o, ORDO_STAGE_PROPOSE, &err), ORDO_OK);
    CHECK_EQ(ordo_opportunity_probability(&o), 70);
    CHECK_EQ(ordo_opportunity_move(&o, ORDO_STAGE_PROPOSE, &err), ORDO_ERULE);
    CHECK_STR(err.msg, "opportunity O1 is already at stage propose");
    CHECK_EQ(ordo_opportunity_move(&o, (ordo_stage)7, &err), ORDO_EINVAL);
    CHECK_EQ(ordo_opportunity_lose(&o, NULL, 1, &err), ORDO_EINVAL);
    CHECK_EQ(o.status, ORDO_OPP_OPEN);
    CHECK_EQ(ordo_opportunity_lose(&o, "Price!", 1, &err), ORDO_EINVAL);
    CHECK_EQ(ordo_opportunity_lose(&o, "price", 100, &err), ORDO_OK);
    CHECK_EQ(o.status, ORDO_OPP_LOST);
    CHECK_EQ(o.close_date, 100);
    CHECK_EQ(ordo_opportunity_probability(&o), 0);
    CHECK_EQ(ordo_opportunity_check(&o, &err), ORDO_OK);
    /* win a lost opportunity: refused, unchanged */
    CHECK_EQ(ordo_opportunity_win(&o, NULL, 200, &err), ORDO_ERULE);
    CHECK_STR(err.msg, "opportunity O1 is lost: it cannot be won");
    CHECK_EQ(o.status, ORDO_OPP_LOST);
    CHECK_EQ(o.close_date, 100);
    CHECK_STR(o.reason, "price");
    CHECK_EQ(ordo_opportunity_move(&o, ORDO_STAGE_CLOSE, &err), ORDO_ERULE);
    CHECK_STR(err.msg, "opportunity O1 is lost: its stage no longer changes");
    ordo__free(o.reason);
    o = base();
    CHECK_EQ(ordo_opportunity_win(&o, NULL, 5, &err), ORDO_OK);
    CHECK_EQ(ordo_opportunity_probability(&o), 100);
    CHECK_EQ(ordo_opportunity_lose(&o, "price", 6, &err), ORDO_ERULE);
    o = base();
    o.status = ORDO_OPP_LOST;
    CHECK_EQ(ordo_opportunity_check(&o, &err), ORDO_EINPUT);
    CHECK_STR(err.msg, "opportunity O1: reason is required when lost");
    o = base();
    o.account = NULL;
    CHECK_EQ(ordo_opportunity_check(&o, &err), ORDO_EINPUT);
    for (int i = 0; i < ORDO_STAGE_COUNT; i++)
        CHECK_EQ(ordo_stage_parse(ordo_stage_name((ordo_stage)i)), i);
}

static void test_opportunity__pipeline(void)
{
    ordo_date jan = ordo_date_from_ymd(2027, 1, 15), feb = ordo_date_from_ymd(2027, 2, 3);
    /* reached bits: 1 qualify, 2 develop, 4 propose, 8 close */
    ordo_pipeline_row rows[] = {
        { "ana", ORDO_STAGE_QUALIFY, ORDO_OPP_OPEN, NULL, 1000, 10, jan, 0x1 },
        { "ana", ORDO_STAGE_PROPOSE, ORDO_OPP_OPEN, NULL, 2000, 70, feb, 0x7 },
        { "bob", ORDO_STAGE_PROPOSE, ORDO_OPP_OPEN, NULL, 3001, 70, jan, 0x5 },
        { "bob", ORDO_STAGE_CLOSE, ORDO_OPP_WON, "relationship", 5000, 100, jan, 0xF },
        { "ana", ORDO_STAGE_DEVELOP, ORDO_OPP_LOST, "price", 700, 0, feb, 0x3 },
        { "bob", ORDO_STAGE_CLOSE, ORDO_OPP_LOST, "price", 300, 0, feb, 0xF },
    };
    ordo_pipeline_report r;
    ordo_pipeline_init(&r);
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        CHECK_EQ(ordo_pipeline_add(&r, &rows[i]), ORDO_OK);
    ordo_pipeline_finish(&r);
    CHECK_EQ(r.open, 3);
    CHECK_EQ(r.won, 1);
    CHECK_EQ(r.lost, 2);
    CHECK_EQ(r.by_stage[ORDO_STAGE_PROPOSE].count, 2);
    CHECK_EQ(r.by_stage[ORDO_STAGE_PROPOSE].value, 5001);
    CHECK_EQ(r.by_stage[ORDO_STAGE_PROPOSE].weighted, 1400 + 2100);   /* 3001*70/100 = 2100 */
    CHECK_EQ(r.by_stage[ORDO_STAGE_QUALIFY].weighted, 100);
    CHECK_EQ(r.by_owner.n, 2);
    CHECK_STR(r.by_owner.v[0].key, "ana");
    CHECK_EQ(r.by_owner.v[0].value, 3000);
    CHECK_EQ(r.by_owner.v[1].value, 3001);
    CHECK_EQ(r.by_month.n, 2);
    CHECK_STR(r.by_month.v[0].key, "2027-01");
    CHECK_EQ(r.by_month.v[0].value, 4001);
    CHECK_STR(r.by_month.v[1].key, "2027-02");
    CHECK_EQ(r.won_by_reason.n, 1);
    CHECK_EQ(r.lost_by_reason.n, 1);
    CHECK_EQ(r.lost_by_reason.v[0].count, 2);
    CHECK_EQ(r.lost_by_reason.v[0].value, 1000);
    /* all 6 reached qualify; 5 went further */
    CHECK_EQ(r.reached[ORDO_STAGE_QUALIFY], 6);
    CHECK_EQ(ordo_pipeline_conversion(&r, ORDO_STAGE_QUALIFY), 5 * 10000 / 6);
    /* develop reached by rows 2,4,5,6 (0x7, 0xF, 0x3, 0xF): 3 went further */
    CHECK_EQ(r.reached[ORDO_STAGE_DEVELOP], 4);
    CHECK_EQ(ordo_pipeline_conversion(&r, ORDO_STAGE_DEVELOP), 7500);
    /* close reached by 2, one won */
    CHECK_EQ(ordo_pipeline_conversion(&r, ORDO_STAGE_CLOSE), 5000);
    ordo_pipeline_clear(&r);
    CHECK_EQ(ordo_pipeline_conversion(&r, ORDO_STAGE_CLOSE), -1);
}

int main(void)
{
    RUN(test_opportunity__moves);
    RUN(test_opportunity__pipeline);
    return CHECK_DONE();
}
