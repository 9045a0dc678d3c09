/*
 * test_queue.c — queue rules (model/queue.h): pick and release refusals,
 * and routing: round robin, least busy, by skill, skipping an agent on
 * time off and one outside working hours (the scheduler's calendars).
 */
#include "check.h"
#include "model/queue.h"

static void test_queue__pick_release(void)
{
    ordo_err err = { 0 };
    ordo_queue_item it = { 7, "sales", NULL };
    CHECK_EQ(ordo_queue_pick_check(&it, "ana", &err), ORDO_OK);
    CHECK_EQ(ordo_queue_release_check(&it, "ana", &err), ORDO_ERULE);
    CHECK_STR(err.msg, "queue item 7 is not held by anyone");
    it.holder = "bob";
    CHECK_EQ(ordo_queue_pick_check(&it, "ana", &err), ORDO_ERULE);
    CHECK_STR(err.msg, "queue item 7 is held by bob");
    CHECK_EQ(ordo_queue_release_check(&it, "ana", &err), ORDO_ERULE);
    CHECK_STR(err.msg, "queue item 7 is held by bob, not ana");
    CHECK_EQ(ordo_queue_release_check(&it, "bob", &err), ORDO_OK);
    CHECK_EQ(ordo_queue_pick_check(&it, "", &err), ORDO_EINVAL);
}

/* Three persons at a UTC site: ana (sql) and bob (excel, sql) work Mon-Fri
 * 09-17, cy (excel) works 13-17; bob is off on 2027-06-01. */
static ordo_model *model(void)
{
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    ordo_site site = { "s", "Site", "UTC" };
    CHECK_EQ(ordo_model_put_site(m, &site, NULL), ORDO_OK);
    const char *ids[] = { "ana", "bob", "cy" };
    const char *skills[] = { "sql", "excel;sql", "excel" };
    for (int i = 0; i < 3; i++) {
        ordo_resource r = { 0 };
        r.id = (char *)ids[i];
        r.name = (char *)ids[i];
        r.kind = ORDO_PERSON;
        r.site = 0;
        CHECK_EQ(ordo_strlist_parse(&r.skills, skills[i]), ORDO_OK);
        CHECK_EQ(ordo_model_put_resource(m, &r, NULL), ORDO_OK);
        ordo_strlist_clear(&r.skills);
        for (int d = 0; d < 5; d++) {
            ordo_working_hours wh = { i, d, i == 2 ? 780 : 540, 1020 };
            CHECK_EQ(ordo_model_add_working_hours(m, &wh), ORDO_OK);
        }
    }
    ordo_date day = ordo_date_from_ymd(2027, 6, 1);
    ordo_time_off off = { 1, day, day, 0, 1440, NULL, NULL };
    CHECK_EQ(ordo_model_add_time_off(m, &off), ORDO_OK);
    return m;
}

static void test_queue__routing(void)
{
    ordo_model *m = model();
    ordo_err err = { 0 };
    ordo_queue_agent a[] = { { "ana", 0, 5 }, { "bob", 1, 1 }, { "cy", 2, 0 } };
    ordo_utc tue10 = (ordo_utc)ordo_date_from_ymd(2027, 6, 1) * 1440 + 600;   /* bob off, cy not yet */
    ordo_utc wed14 = (ordo_utc)ordo_date_from_ymd(2027, 6, 2) * 1440 + 840;   /* all three work */
    ordo_utc sat = (ordo_utc)ordo_date_from_ymd(2027, 6, 5) * 1440 + 600;
    int cur = -1, out = -1;
    /* round robin on Wednesday: ana, bob, cy, ana */
    int expect[] = { 0, 1, 2, 0 };
    for (int k = 0; k < 4; k++) {
        CHECK_EQ(ordo_queue_route(m, a, 3, ORDO_ROUTE_ROUND_ROBIN, NULL, wed14, &cur, &out, &err), ORDO_OK);
        CHECK_EQ(out, expect[k]);
    }
    /* Tuesday 10:00: only ana works, whatever the rule */
    cur = -1;
    for (int k = 0; k < 2; k++) {
        CHECK_EQ(ordo_queue_route(m, a, 3, ORDO_ROUTE_ROUND_ROBIN, NULL, tue10, &cur, &out, &err), ORDO_OK);
        CHECK_EQ(out, 0);
    }
    CHECK_EQ(ordo_queue_route(m, a, 3, ORDO_ROUTE_LEAST_BUSY, NULL, tue10, &cur, &out, &err), ORDO_OK);
    CHECK_EQ(out, 0);
    /* least busy on Wednesday: cy (0 open items) */
    CHECK_EQ(ordo_queue_route(m, a, 3, ORDO_ROUTE_LEAST_BUSY, NULL, wed14, &cur, &out, &err), ORDO_OK);
    CHECK_EQ(out, 2);
    /* by skill sql on Wednesday: ana (5) or bob (1) -> bob */
    CHECK_EQ(ordo_queue_route(m, a, 3, ORDO_ROUTE_BY_SKILL, "sql", wed14, &cur, &out, &err), ORDO_OK);
    CHECK_EQ(out, 1);
    /* by skill excel on Tuesday 10:00: bob off, cy not working -> nobody */
    CHECK_EQ(ordo_queue_route(m, a, 3, ORDO_ROUTE_BY_SKILL, "excel", tue10, &cur, &out, &err), ORDO_ENOTFOUND);
    CHECK_STR(err.msg, "route: no agent available (3 agents, 2 with the skill, 0 working now)");
    CHECK_EQ(ordo_queue_route(m, a, 3, ORDO_ROUTE_LEAST_BUSY, NULL, sat, &cur, &out, &err), ORDO_ENOTFOUND);
    CHECK_EQ(ordo_queue_route(m, a, 3, ORDO_ROUTE_BY_SKILL, NULL, wed14, &cur, &out, &err), ORDO_EINVAL);
    /* an agent that is not a resource is always available */
    ordo_queue_agent b[] = { { "ana", 0, 0 }, { "bot", -1, 3 } };
    CHECK_EQ(ordo_queue_route(m, b, 2, ORDO_ROUTE_LEAST_BUSY, NULL, sat, &cur, &out, &err), ORDO_OK);
    CHECK_EQ(out, 1);
    ordo_model_free(m);
}

int main(void)
{
    RUN(test_queue__pick_release);
    RUN(test_queue__routing);
    return CHECK_DONE();
}
