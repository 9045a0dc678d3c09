/*
 * test_calendar.c — a resource's free time (model/calendar.h): interval
 * list operations, working hours merged per weekday and across midnight,
 * laid in local time across the 2026-10-25 Europe/Paris DST change, time
 * off and sessions subtracted (one session excepted), clipping, misuse.
 */
#include "../solver/desk_fixture.h"
#include "model/calendar.h"

#define PARIS "Europe/Paris"

static void test_calendar__interval_ops(void)
{
    ordo_intervals a = { 0 }, b = { 0 }, out = { 0 };
    CHECK_EQ(ordo_intervals_add(&a, 50, 60), ORDO_OK);
    CHECK_EQ(ordo_intervals_add(&a, 0, 10), ORDO_OK);
    CHECK_EQ(ordo_intervals_add(&a, 10, 20), ORDO_OK);      /* touches: merged */
    CHECK_EQ(ordo_intervals_add(&a, 5, 5), ORDO_OK);        /* empty: ignored */
    CHECK_EQ(ordo_intervals_add(&a, 55, 70), ORDO_OK);      /* overlaps */
    ordo_intervals_normalize(&a);
    CHECK_EQ(a.n, 2);
    CHECK_EQ(a.v[0].start, 0);
    CHECK_EQ(a.v[0].end, 20);
    CHECK_EQ(a.v[1].start, 50);
    CHECK_EQ(a.v[1].end, 70);
    CHECK_EQ(ordo_intervals_minutes(&a), 40);
    ordo_intervals_add(&b, 5, 8);
    ordo_intervals_add(&b, 15, 55);
    ordo_intervals_add(&b, 65, 100);
    CHECK_EQ(ordo_intervals_subtract(&out, &a, &b), ORDO_OK);
    CHECK_EQ(out.n, 3);                                     /* [0,5) [8,15) [55,65) */
    CHECK_EQ(out.v[0].start, 0);
    CHECK_EQ(out.v[0].end, 5);
    CHECK_EQ(out.v[1].start, 8);
    CHECK_EQ(out.v[1].end, 15);
    CHECK_EQ(out.v[2].start, 55);
    CHECK_EQ(out.v[2].end, 65);
    CHECK_EQ(ordo_intervals_find(&out, 8, 15), 1);
    CHECK_EQ(ordo_intervals_find(&out, 8, 16), -1);
    CHECK_EQ(ordo_intervals_find(&out, 5, 6), -1);
    CHECK_EQ(ordo_intervals_find(&out, 64, 65), 2);
    ordo_intervals_clear(&a);
    ordo_intervals_clear(&b);
    ordo_intervals_clear(&out);
    CHECK_EQ(out.n, 0);
}

static void test_calendar__working_hours_dst_and_midnight(void)
{
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    int site = dx_site(m, "paris", PARIS);
    int r = dx_resource(m, "p", ORDO_PERSON, site, 0, "");
    int always = dx_resource(m, "q", ORDO_PERSON, site, 0, "");
    /* Saturday and Sunday: 09:00-12:00 + 12:00-17:00 (one range), and
     * Sunday 20:00-24:00 + Monday 00:00-06:00 (one night) */
    ordo_working_hours rows[] = { { r, 5, 540, 720 }, { r, 5, 720, 1020 }, { r, 6, 720, 1020 },
                                  { r, 6, 540, 720 }, { r, 6, 1200, 1440 }, { r, 0, 0, 360 } };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        CHECK_EQ(ordo_model_add_working_hours(m, &rows[i]), ORDO_OK);
    ordo_intervals l = { 0 };
    ordo_utc from = dx_utc(2026, 10, 24, 0, 0), to = dx_utc(2026, 10, 27, 0, 0);
    CHECK_EQ(ordo_calendar_working(&l, m, r, NULL, from, to), ORDO_OK);
    CHECK_EQ(l.n, 3);
    /* Saturday (CEST, UTC+2): 07:00Z-15:00Z */
    CHECK_EQ(l.v[0].start, dx_utc(2026, 10, 24, 7, 0));
    CHECK_EQ(l.v[0].end, dx_utc(2026, 10, 24, 15, 0));
    /* Sunday after the change (CET, UTC+1): 08:00Z-16:00Z */
    CHECK_EQ(l.v[1].start, dx_utc(2026, 10, 25, 8, 0));
    CHECK_EQ(l.v[1].end, dx_utc(2026, 10, 25, 16, 0));
    /* Sunday 20:00 to Monday 06:00 local, one interval */
    CHECK_EQ(l.v[2].start, dx_utc(2026, 10, 25, 19, 0));
    CHECK_EQ(l.v[2].end, dx_utc(2026, 10, 26, 5, 0));
    /* the same with the rows given explicitly */
    int wh[] = { 0, 1, 2, 3, 4, 5 };
    ordo_calendar_rows cr = { wh, 6, NULL, 0, NULL, 0 };
    ordo_intervals l2 = { 0 };
    CHECK_EQ(ordo_calendar_working(&l2, m, r, &cr, from, to), ORDO_OK);
    CHECK_EQ(l2.n, l.n);
    CHECK(memcmp(l2.v, l.v, l.n * sizeof *l.v) == 0);
    /* clipped to the range */
    CHECK_EQ(ordo_calendar_working(&l, m, r, NULL, dx_utc(2026, 10, 24, 10, 0), dx_utc(2026, 10, 24, 11, 0)),
             ORDO_OK);
    CHECK_EQ(l.n, 1);
    CHECK_EQ(l.v[0].end - l.v[0].start, 60);
    /* no rows: always */
    CHECK_EQ(ordo_calendar_working(&l, m, always, NULL, from, to), ORDO_OK);
    CHECK_EQ(l.n, 1);
    CHECK_EQ(l.v[0].start, from);
    CHECK_EQ(l.v[0].end, to);
    /* misuse */
    CHECK_EQ(ordo_calendar_working(&l, m, 99, NULL, from, to), ORDO_EINVAL);
    CHECK_EQ(ordo_calendar_working(&l, m, r, NULL, to, from), ORDO_EINVAL);
    ordo_intervals_clear(&l);
    ordo_intervals_clear(&l2);
    ordo_model_free(m);
}

static void test_calendar__free_minus_time_off_and_sessions(void)
{
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    int site = dx_site(m, "paris", PARIS);
    int r = dx_resource(m, "p", ORDO_PERSON, site, 0, "");
    int other = dx_resource(m, "o", ORDO_PERSON, site, 0, "");
    dx_weekdays(m, r, 9 * 60, 17 * 60);
    ordo_date mon = dx_day(2026, 10, 12);
    dx_time_off(m, r, mon, 12 * 60, mon, 13 * 60, "csv");
    int svc = dx_service(m, "s", 60);
    int res[1] = { r }, res_other[1] = { other };
    int s1 = dx_booking(m, "c1", svc, NULL, 0, dx_local(PARIS, 2026, 10, 12, 10, 0),
                        dx_local(PARIS, 2026, 10, 12, 11, 0), site, res, 1);
    dx_booking(m, "c2", svc, NULL, 0, dx_local(PARIS, 2026, 10, 12, 14, 0),
               dx_local(PARIS, 2026, 10, 12, 15, 0), site, res_other, 1);
    int s3 = dx_booking(m, "c3", svc, NULL, 0, dx_local(PARIS, 2026, 10, 12, 15, 0),
                        dx_local(PARIS, 2026, 10, 12, 16, 0), site, res, 1);
    m->sessions.v[s3].status = ORDO_SESSION_CANCELLED;     /* holds nothing */
    ordo_intervals l = { 0 };
    ordo_utc from = dx_local(PARIS, 2026, 10, 12, 0, 0), to = from + ORDO_MIN_PER_DAY;
    CHECK_EQ(ordo_calendar_free(&l, m, r, NULL, from, to, -1), ORDO_OK);
    /* 09-10, 11-12, 13-17 */
    CHECK_EQ(l.n, 3);
    CHECK_EQ(l.v[0].start, dx_local(PARIS, 2026, 10, 12, 9, 0));
    CHECK_EQ(l.v[0].end, dx_local(PARIS, 2026, 10, 12, 10, 0));
    CHECK_EQ(l.v[1].start, dx_local(PARIS, 2026, 10, 12, 11, 0));
    CHECK_EQ(l.v[1].end, dx_local(PARIS, 2026, 10, 12, 12, 0));
    CHECK_EQ(l.v[2].start, dx_local(PARIS, 2026, 10, 12, 13, 0));
    CHECK_EQ(l.v[2].end, dx_local(PARIS, 2026, 10, 12, 17, 0));
    CHECK_EQ(ordo_intervals_minutes(&l), 6 * 60);
    /* except s1: 09-12 */
    CHECK_EQ(ordo_calendar_free(&l, m, r, NULL, from, to, s1), ORDO_OK);
    CHECK_EQ(l.n, 2);
    CHECK_EQ(l.v[0].end, dx_local(PARIS, 2026, 10, 12, 12, 0));
    CHECK_EQ(ordo_calendar_booked(&l, m, r, NULL, from, to, -1), ORDO_OK);
    CHECK_EQ(l.n, 1);
    CHECK_EQ(ordo_calendar_time_off(&l, m, r, NULL, from, to), ORDO_OK);
    CHECK_EQ(l.n, 1);
    CHECK_EQ(l.v[0].end - l.v[0].start, 60);
    CHECK_STR(ordo_calendar_zone(m, r), PARIS);
    ordo_intervals_clear(&l);
    ordo_model_free(m);
}

int main(void)
{
    RUN(test_calendar__interval_ops);
    RUN(test_calendar__working_hours_dst_and_midnight);
    RUN(test_calendar__free_minus_time_off_and_sessions);
    return CHECK_DONE();
}
