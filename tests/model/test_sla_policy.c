/*
 * test_sla_policy.c — SLA policies and a case's clock (model/sla_policy.h):
 * the policy check naming what is wrong, and the two targets' due times and
 * states through a day with a hold (ok, warning, failed; met, missed; no
 * due time while a hold is open).
 */
#include "check.h"
#include "model/sla_policy.h"
#include "model/tz.h"

static ordo_sla_policy policy(void)
{
    ordo_sla_policy p = { 0 };
    p.id = "std";
    p.priority = -1;
    p.first_response = 60;
    p.resolve = 480;
    p.warn_percent = 75;
    p.zone = "UTC";
    for (int d = 0; d < 5; d++) {
        p.start[d] = 9 * 60;
        p.end[d] = 17 * 60;
    }
    return p;
}

static void test_sla_policy__check(void)
{
    ordo_err err = { 0 };
    ordo_sla_policy p = policy();
    CHECK_EQ(ordo_sla_policy_check(&p, &err), ORDO_OK);
    p.first_response = 600;
    CHECK_EQ(ordo_sla_policy_check(&p, &err), ORDO_EINPUT);
    CHECK_CONTAINS(err.msg, "first response <= resolve");
    CHECK_STR(err.field, "first_response");   /* the sla_policies.csv column an import points at */
    p = policy();
    p.resolve = 0;
    CHECK_EQ(ordo_sla_policy_check(&p, &err), ORDO_EINPUT);
    CHECK_STR(err.field, "resolve");
    p = policy();
    p.warn_percent = 101;
    CHECK_EQ(ordo_sla_policy_check(&p, &err), ORDO_EINPUT);
    CHECK_STR(err.field, "warn_percent");
    p = policy();
    p.id = "two words";
    CHECK_EQ(ordo_sla_policy_check(&p, &err), ORDO_EINPUT);
    CHECK_STR(err.field, "id");
    p = policy();
    p.queue = "hotline";
    p.priority = 2;
    CHECK_EQ(ordo_sla_policy_check(&p, &err), ORDO_EINPUT);
    CHECK_CONTAINS(err.msg, "a queue policy names no contract or priority");
    CHECK_STR(err.field, "queue");
    p = policy();
    p.zone = "Mars/Olympus";
    CHECK_EQ(ordo_sla_policy_check(&p, &err), ORDO_EINPUT);
    CHECK_CONTAINS(err.msg, "sla policy std: business hours: zone");
    CHECK_STR(err.field, "zone");
    p = policy();
    for (int d = 0; d < 7; d++)
        p.start[d] = p.end[d] = 0;
    CHECK_EQ(ordo_sla_policy_check(&p, &err), ORDO_EINPUT);
    CHECK_CONTAINS(err.msg, "closed every day");
    CHECK_STR(err.field, "hours");
    p = policy();
    ordo_date h[2] = { 20000, 19999 };
    p.holidays = h;
    p.nholidays = 2;
    CHECK_EQ(ordo_sla_policy_check(&p, &err), ORDO_EINPUT);
    CHECK_STR(err.field, "holidays");
    p = policy();
    CHECK_EQ(ordo_sla_policy_check(&p, &err), ORDO_OK);
}

static void test_sla_policy__clock(void)
{
    ordo_sla_policy p = policy();
    ordo_business_hours bh;
    ordo_sla_policy_hours(&p, &bh);
    ordo_date mon = ordo_date_from_ymd(2026, 11, 9);          /* a Monday */
    ordo_utc day = (ordo_utc)mon * 1440;
    ordo_case_sla s = { 0 };
    s.started = day + 10 * 60;                                /* Monday 10:00 UTC */
    s.first_response = 60;
    s.resolve = 480;
    s.warn_percent = 75;
    ordo_sla_target r, z;
    CHECK_EQ(ordo_case_sla_status(&s, &bh, day + 10 * 60 + 30, &r, &z), ORDO_OK);
    CHECK_EQ(r.due, day + 11 * 60);
    CHECK_EQ(r.elapsed, 30);
    CHECK_EQ(r.state, ORDO_SLA_OK);
    CHECK_EQ(z.due, day + 1440 + 10 * 60);                    /* 7 h Monday, 1 h Tuesday */
    CHECK_EQ(ordo_case_sla_status(&s, &bh, day + 10 * 60 + 50, &r, &z), ORDO_OK);
    CHECK_EQ(r.state, ORDO_SLA_WARNING);
    CHECK_EQ(ordo_case_sla_status(&s, &bh, day + 12 * 60, &r, &z), ORDO_OK);
    CHECK_EQ(r.state, ORDO_SLA_FAILED);
    /* a hold 10:40 .. (open): no due time, the clock stopped at 40 minutes */
    CHECK_EQ(ordo_intervals_add(&s.pauses, day + 10 * 60 + 40, ORDO_SLA_OPEN), ORDO_OK);
    CHECK_EQ(ordo_case_sla_status(&s, &bh, day + 16 * 60, &r, &z), ORDO_OK);
    CHECK_EQ(r.due, 0);
    CHECK_EQ(r.elapsed, 40);
    CHECK_EQ(r.state, ORDO_SLA_OK);
    /* held until Tuesday 09:30: 20 minutes left -> due 09:50 */
    s.pauses.v[0].end = day + 1440 + 9 * 60 + 30;
    CHECK_EQ(ordo_case_sla_status(&s, &bh, day + 1440 + 9 * 60 + 30, &r, &z), ORDO_OK);
    CHECK_EQ(r.due, day + 1440 + 9 * 60 + 50);
    s.responded = day + 1440 + 9 * 60 + 45;                   /* answered in time */
    CHECK_EQ(ordo_case_sla_status(&s, &bh, day + 5 * 1440, &r, &z), ORDO_OK);
    CHECK_EQ(r.state, ORDO_SLA_MET);
    CHECK_EQ(z.state, ORDO_SLA_FAILED);                      /* unresolved days later */
    s.resolved = day + 4 * 1440 + 9 * 60;                     /* Friday: too late */
    CHECK_EQ(ordo_case_sla_status(&s, &bh, day + 6 * 1440, &r, &z), ORDO_OK);
    CHECK_EQ(z.state, ORDO_SLA_MISSED);
    ordo_intervals_clear(&s.pauses);
}

int main(void)
{
    RUN(test_sla_policy__check);
    RUN(test_sla_policy__clock);
    return CHECK_DONE();
}
