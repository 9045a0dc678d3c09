/*
 * test_sla.c — SLA due dates and states on business hours (model/sla.h),
 * with expected instants written out in UTC by hand: a weekend, a holiday,
 * both DST changes of Europe/Paris (2027-03-28 and 2027-10-31), a US zone,
 * a case on hold, and the warning/failed/met states.
 */
#include "check.h"
#include "model/sla.h"

static ordo_utc utc(int y, int mo, int d, int h, int mi)
{
    return (ordo_utc)ordo_date_from_ymd(y, mo, d) * 1440 + h * 60 + mi;
}

/* Mon-Fri 09:00-17:00 */
static ordo_business_hours office(const char *zone, const ordo_date *hol, size_t n)
{
    ordo_business_hours bh = { zone, { 540, 540, 540, 540, 540, 0, 0 }, { 1020, 1020, 1020, 1020, 1020, 0, 0 },
                               hol, n };
    return bh;
}

static void test_sla__dst_spring(void)
{
    ordo_business_hours bh = office("Europe/Paris", NULL, 0);
    ordo_utc due;
    /* Fri 2027-03-26 16:00 CET (15:00Z) + 4 h: 1 h Friday, 3 h Monday after the
     * change to CEST: Mon 12:00 local = 10:00Z (not 11:00Z as a fixed offset says) */
    CHECK_EQ(ordo_sla_due(&bh, utc(2027, 3, 26, 15, 0), 240, NULL, &due), ORDO_OK);
    CHECK_EQ(due, utc(2027, 3, 29, 10, 0));
    int64_t el;
    CHECK_EQ(ordo_sla_elapsed(&bh, utc(2027, 3, 26, 15, 0), utc(2027, 3, 29, 10, 0), NULL, &el), ORDO_OK);
    CHECK_EQ(el, 240);
}

static void test_sla__dst_autumn_and_holiday(void)
{
    /* 2027-11-01 (Monday, All Saints) is a holiday */
    ordo_date hol[] = { ordo_date_from_ymd(2027, 11, 1) };
    ordo_business_hours bh = office("Europe/Paris", hol, 1);
    ordo_utc due;
    /* Fri 2027-10-29 15:00 CEST (13:00Z) + 3 h: 2 h Friday; the clocks go back on
     * Sunday; Monday is a holiday; Tue 10:00 CET = 09:00Z */
    CHECK_EQ(ordo_sla_due(&bh, utc(2027, 10, 29, 13, 0), 180, NULL, &due), ORDO_OK);
    CHECK_EQ(due, utc(2027, 11, 2, 9, 0));
    /* the same without the holiday: Monday 10:00 CET = 09:00Z */
    bh.nholidays = 0;
    CHECK_EQ(ordo_sla_due(&bh, utc(2027, 10, 29, 13, 0), 180, NULL, &due), ORDO_OK);
    CHECK_EQ(due, utc(2027, 11, 1, 9, 0));
}

static void test_sla__new_york(void)
{
    /* US DST starts 2027-03-14. Fri 03-12 16:30 EST (21:30Z) + 1 h:
     * 30 min Friday, 30 min Monday 09:30 EDT = 13:30Z */
    ordo_business_hours bh = office("America/New_York", NULL, 0);
    ordo_utc due;
    CHECK_EQ(ordo_sla_due(&bh, utc(2027, 3, 12, 21, 30), 60, NULL, &due), ORDO_OK);
    CHECK_EQ(due, utc(2027, 3, 15, 13, 30));
    /* starting before opening hours: the clock starts at 09:00 */
    CHECK_EQ(ordo_sla_due(&bh, utc(2027, 3, 15, 5, 0), 30, NULL, &due), ORDO_OK);
    CHECK_EQ(due, utc(2027, 3, 15, 13, 30));
    CHECK_EQ(ordo_sla_due(&bh, utc(2027, 3, 15, 5, 0), 0, NULL, &due), ORDO_OK);
    CHECK_EQ(due, utc(2027, 3, 15, 5, 0));
}

static void test_sla__paused_on_hold(void)
{
    ordo_business_hours bh = office("UTC", NULL, 0);
    ordo_intervals hold = { 0 };
    /* Tue 2027-06-01 10:00 + 8 h, on hold Tue 11:00-14:00 and Wed 16:30 - Thu 09:30 */
    CHECK_EQ(ordo_intervals_add(&hold, utc(2027, 6, 1, 11, 0), utc(2027, 6, 1, 14, 0)), ORDO_OK);
    CHECK_EQ(ordo_intervals_add(&hold, utc(2027, 6, 2, 16, 30), utc(2027, 6, 3, 9, 30)), ORDO_OK);
    ordo_utc due;
    /* Tue: 10-11 (1 h) + 14-17 (3 h) = 4 h; Wed 9-13 = 4 h -> due Wed 13:00 */
    CHECK_EQ(ordo_sla_due(&bh, utc(2027, 6, 1, 10, 0), 480, &hold, &due), ORDO_OK);
    CHECK_EQ(due, utc(2027, 6, 2, 13, 0));
    /* + 11 h: Tue 4 h, Wed 9-16:30 = 7.5 h -> 11.5 h > 11 -> Wed 16:00 */
    CHECK_EQ(ordo_sla_due(&bh, utc(2027, 6, 1, 10, 0), 660, &hold, &due), ORDO_OK);
    CHECK_EQ(due, utc(2027, 6, 2, 16, 0));
    /* + 12 h: 11.5 h by Wed 16:30, then held until Thu 09:30 -> Thu 10:00 */
    CHECK_EQ(ordo_sla_due(&bh, utc(2027, 6, 1, 10, 0), 720, &hold, &due), ORDO_OK);
    CHECK_EQ(due, utc(2027, 6, 3, 10, 0));
    int64_t el;
    CHECK_EQ(ordo_sla_elapsed(&bh, utc(2027, 6, 1, 10, 0), utc(2027, 6, 3, 12, 0), &hold, &el), ORDO_OK);
    CHECK_EQ(el, 4 * 60 + 450 + 150);
    ordo_intervals_clear(&hold);
}

static void test_sla__states_and_checks(void)
{
    CHECK_EQ(ordo_sla_state_of(10, 100, 75, 0), ORDO_SLA_OK);
    CHECK_EQ(ordo_sla_state_of(75, 100, 75, 0), ORDO_SLA_WARNING);
    CHECK_EQ(ordo_sla_state_of(100, 100, 75, 0), ORDO_SLA_FAILED);
    CHECK_EQ(ordo_sla_state_of(100, 100, 75, 1), ORDO_SLA_MET);
    CHECK_EQ(ordo_sla_state_of(101, 100, 75, 1), ORDO_SLA_MISSED);
    CHECK_STR(ordo_sla_state_name(ORDO_SLA_WARNING), "warning");
    ordo_err err = { 0 };
    ordo_business_hours bh = office("Mars/Olympus", NULL, 0);
    CHECK_EQ(ordo_business_hours_check(&bh, &err), ORDO_EINPUT);
    CHECK_CONTAINS(err.msg, "Mars/Olympus");
    bh = office("UTC", NULL, 0);
    CHECK_EQ(ordo_business_hours_check(&bh, &err), ORDO_OK);
    bh.start[2] = 1100;
    CHECK_EQ(ordo_business_hours_check(&bh, &err), ORDO_EINPUT);
    CHECK_CONTAINS(err.msg, "WE");
    ordo_business_hours closed = { "UTC", { 0 }, { 0 }, NULL, 0 };
    CHECK_EQ(ordo_business_hours_check(&closed, &err), ORDO_EINPUT);
    ordo_utc due;
    CHECK_EQ(ordo_sla_due(&closed, 0, 10, NULL, &due), ORDO_EINVAL);   /* never reached */
    CHECK_EQ(ordo_sla_due(&bh, 0, -1, NULL, &due), ORDO_EINVAL);
}

int main(void)
{
    RUN(test_sla__dst_spring);
    RUN(test_sla__dst_autumn_and_holiday);
    RUN(test_sla__new_york);
    RUN(test_sla__paused_on_hold);
    RUN(test_sla__states_and_checks);
    return CHECK_DONE();
}
