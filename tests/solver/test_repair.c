/*
 * test_repair.c — moving only the sessions that became infeasible, each as
 * little as possible (solver/repair.h): a new resource for the same time
 * when that is cheapest, a shift across the 2026-10-25 Paris DST change
 * measured in real minutes, the forced booking of a double booking moved
 * rather than the other, a course session kept inside its course's dates,
 * a session with no option flagged and left in place, and --allow-moves:
 * another session moves only when that places more.
 */
#include "desk_fixture.h"
#include "solver/repair.h"

#define PARIS "Europe/Paris"

typedef struct shop {
    ordo_model *m;
    int site, t1, t2, v1, svc;
} shop;

static shop shop_new(int techs)
{
    shop s;
    CHECK_EQ(ordo_model_new(&s.m), ORDO_OK);
    s.site = dx_site(s.m, "paris", PARIS);
    s.t1 = dx_resource(s.m, "t1", ORDO_PERSON, s.site, 0, "repair");
    s.t2 = techs > 1 ? dx_resource(s.m, "t2", ORDO_PERSON, s.site, 0, "repair") : -1;
    s.v1 = dx_resource(s.m, "v1", ORDO_EQUIPMENT, s.site, 0, "van");
    for (int wd = 0; wd < 7; wd++) {
        ordo_working_hours w1 = { s.t1, wd, 8 * 60, 18 * 60 };
        CHECK_EQ(ordo_model_add_working_hours(s.m, &w1), ORDO_OK);
        if (s.t2 >= 0) {
            ordo_working_hours w2 = { s.t2, wd, 8 * 60, 18 * 60 };
            CHECK_EQ(ordo_model_add_working_hours(s.m, &w2), ORDO_OK);
        }
    }
    s.svc = dx_service(s.m, "repair", 60);
    dx_requirement(s.m, s.svc, ORDO_PERSON, 1, "repair", ORDO_CAPACITY_ANY);
    dx_requirement(s.m, s.svc, ORDO_EQUIPMENT, 1, "van", ORDO_CAPACITY_ANY);
    return s;
}

static int book(shop *s, const char *id, int is_booking, int y, int mo, int d, int h, int mi, int person)
{
    int res[2] = { person, s->v1 };
    ordo_utc a = dx_local(PARIS, y, mo, d, h, mi);
    int si = dx_booking(s->m, id, s->svc, NULL, is_booking, a, a + 60, s->site, res, 2);
    s->m->sessions.v[si].id = si + 1;
    return si;
}

static ordo_repair_options window(int allow, int shift)
{
    ordo_repair_options o = ORDO_REPAIR_OPTIONS_INIT;
    o.from = dx_day(2026, 10, 1);
    o.to = dx_day(2026, 12, 31);
    o.allow_moves = allow;
    o.max_shift_days = shift;
    o.now = 5000;
    return o;
}

static void test_repair__new_resource_same_time(void)
{
    shop s = shop_new(2);
    int a = book(&s, "a", 1, 2026, 10, 12, 10, 0, s.t1);
    int b = book(&s, "b", 1, 2026, 10, 12, 14, 0, s.t1);
    ordo_date mon = dx_day(2026, 10, 12);
    dx_time_off(s.m, s.t1, mon, 9 * 60, mon, 12 * 60, "sick.ics");
    ordo_repair_options o = window(0, 7);
    ordo_repair_result r;
    ordo_utc old = s.m->sessions.v[a].start;
    CHECK_EQ(ordo_repair(s.m, &o, &r), ORDO_OK);
    CHECK_EQ(r.infeasible, 1);
    CHECK_EQ(r.placed, 1);
    CHECK_EQ(r.nchanges, 1);
    CHECK_EQ(r.changes[0].session, a);
    CHECK_CONTAINS(r.changes[0].why, "resource 't1' is on time off then");
    CHECK_EQ(r.changes[0].changed, 1);
    const ordo_session *x = &s.m->sessions.v[a];
    CHECK_EQ(x->start, old);                       /* a new person costs 60, any shift more */
    CHECK_EQ(x->resources[0], s.t2);
    CHECK_EQ(x->resources[1], s.v1);
    CHECK_EQ(x->sequence, 1);
    CHECK_EQ(x->dtstamp, 5000);
    CHECK_EQ(x->id, a + 1);
    CHECK_EQ(s.m->sessions.v[b].sequence, 0);      /* untouched */
    CHECK_EQ(s.m->sessions.v[b].resources[0], s.t1);
    ordo_repair_result_clear(&r);
    /* nothing left to repair */
    CHECK_EQ(ordo_repair(s.m, &o, &r), ORDO_OK);
    CHECK_EQ(r.infeasible, 0);
    CHECK_EQ(r.nchanges, 0);
    ordo_repair_result_clear(&r);
    ordo_model_free(s.m);
}

static void test_repair__shift_across_dst(void)
{
    shop s = shop_new(1);
    /* Saturday 2026-10-24 17:00 CEST; Saturday becomes time off: the nearest
     * time is Sunday 08:00 CET (07:00Z), 16 real hours later */
    int a = book(&s, "a", 1, 2026, 10, 24, 17, 0, s.t1);
    ordo_date sat = dx_day(2026, 10, 24);
    dx_time_off(s.m, s.t1, sat, 0, sat + 1, 0, "csv");
    ordo_repair_options o = window(0, 7);
    ordo_repair_result r;
    CHECK_EQ(ordo_repair(s.m, &o, &r), ORDO_OK);
    CHECK_EQ(r.placed, 1);
    CHECK_EQ(s.m->sessions.v[a].start, dx_utc(2026, 10, 25, 7, 0));
    CHECK_EQ(s.m->sessions.v[a].end, dx_utc(2026, 10, 25, 8, 0));
    CHECK_EQ(r.displacement, 16 * 60);
    CHECK_EQ(r.changes[0].changed, 0);
    /* the booking's course follows the date */
    CHECK_EQ(s.m->courses.v[s.m->sessions.v[a].course].earliest, dx_day(2026, 10, 25));
    ordo_repair_result_clear(&r);
    ordo_model_free(s.m);
}

static void test_repair__forced_double_booking(void)
{
    shop s = shop_new(2);
    int a = book(&s, "a", 1, 2026, 10, 13, 10, 0, s.t1);
    int b = book(&s, "b", 1, 2026, 10, 13, 10, 0, s.t1);       /* same person and van */
    s.m->sessions.v[a].forced_conflict = 1;                      /* a was forced in later */
    ordo_repair_options o = window(0, 7);
    ordo_repair_result r;
    CHECK_EQ(ordo_repair(s.m, &o, &r), ORDO_OK);
    CHECK_EQ(r.infeasible, 1);
    CHECK_EQ(r.changes[0].session, a);
    CHECK_CONTAINS(r.changes[0].why, "is also held by booking 'b'");
    /* the van is needed by both: a must change time (t2 alone does not help) */
    CHECK_EQ(s.m->sessions.v[b].sequence, 0);
    CHECK(s.m->sessions.v[a].start == dx_local(PARIS, 2026, 10, 13, 9, 0) ||
          s.m->sessions.v[a].start == dx_local(PARIS, 2026, 10, 13, 11, 0));
    CHECK_EQ(s.m->sessions.v[a].forced_conflict, 0);
    CHECK_EQ(r.displacement, 60);
    ordo_repair_result_clear(&r);
    ordo_model_free(s.m);
}

static void test_repair__course_session_stays_in_its_dates(void)
{
    shop s = shop_new(1);
    int a = book(&s, "course-x", 0, 2026, 10, 14, 10, 0, s.t1);
    ordo_course *c = &s.m->courses.v[s.m->sessions.v[a].course];
    c->earliest = c->latest = dx_day(2026, 10, 14);
    ordo_date wed = dx_day(2026, 10, 14);
    dx_time_off(s.m, s.t1, wed, 8 * 60, wed, 10 * 60 + 30, "csv");
    ordo_repair_options o = window(0, 7);
    ordo_repair_result r;
    CHECK_EQ(ordo_repair(s.m, &o, &r), ORDO_OK);
    CHECK_EQ(r.placed, 1);
    CHECK_EQ(s.m->sessions.v[a].start, dx_local(PARIS, 2026, 10, 14, 10, 30));
    ordo_repair_result_clear(&r);
    /* the whole day off: no date of the course is left */
    dx_time_off(s.m, s.t1, wed, 0, wed + 1, 0, "csv");
    CHECK_EQ(ordo_repair(s.m, &o, &r), ORDO_OK);
    CHECK_EQ(r.infeasible, 1);
    CHECK_EQ(r.placed, 0);
    CHECK_EQ(r.changes[0].placed, 0);
    CHECK_CONTAINS(r.changes[0].why, "no time within reach has every requirement free");
    CHECK_EQ(s.m->sessions.v[a].start, dx_local(PARIS, 2026, 10, 14, 10, 30));   /* left in place */
    CHECK_EQ(s.m->sessions.v[a].sequence, 1);                                     /* from the first move */
    CHECK_EQ(s.m->sessions.v[a].forced_conflict, 1);
    CHECK_CONTAINS(s.m->sessions.v[a].reason, "conflict: resource 't1' is on time off then");
    ordo_repair_result_clear(&r);
    ordo_model_free(s.m);
}

/* t1 works Mondays 10:00-16:00 only; 10:00-14:00 becomes time off. A (10:00)
 * fits only at 14:00, where B (14:30) is in the way; B can go to 15:00. */
static void allow_moves_case(int allow, ordo_repair_result *r, ordo_utc *a_start, ordo_utc *b_start)
{
    shop s = shop_new(1);
    ordo_model_clear_working_hours_for(s.m, s.t1);
    ordo_working_hours w = { s.t1, 0, 10 * 60, 16 * 60 };
    CHECK_EQ(ordo_model_add_working_hours(s.m, &w), ORDO_OK);
    int a = book(&s, "a", 1, 2026, 10, 12, 10, 0, s.t1);
    int b = book(&s, "b", 1, 2026, 10, 12, 14, 30, s.t1);
    ordo_date mon = dx_day(2026, 10, 12);
    dx_time_off(s.m, s.t1, mon, 10 * 60, mon, 14 * 60, "csv");
    ordo_repair_options o = window(allow, 1);
    CHECK_EQ(ordo_repair(s.m, &o, r), ORDO_OK);
    *a_start = s.m->sessions.v[a].start;
    *b_start = s.m->sessions.v[b].start;
    ordo_model_free(s.m);
}

static void test_repair__allow_moves(void)
{
    ordo_repair_result r;
    ordo_utc a, b;
    allow_moves_case(0, &r, &a, &b);
    CHECK_EQ(r.infeasible, 1);
    CHECK_EQ(r.placed, 0);
    CHECK_EQ(r.others_moved, 0);
    CHECK_EQ(b, dx_local(PARIS, 2026, 10, 12, 14, 30));
    ordo_repair_result_clear(&r);
    allow_moves_case(1, &r, &a, &b);
    CHECK_EQ(r.placed, 1);
    CHECK_EQ(r.others_moved, 1);
    CHECK_EQ(a, dx_local(PARIS, 2026, 10, 12, 14, 0));
    CHECK_EQ(b, dx_local(PARIS, 2026, 10, 12, 15, 0));
    CHECK_EQ(r.nchanges, 2);
    int others = 0;
    for (int k = 0; k < r.nchanges; k++)
        others += r.changes[k].other;
    CHECK_EQ(others, 1);
    ordo_repair_result_clear(&r);
}

/* With room to spare, allow-moves changes nothing else. */
static void test_repair__allow_moves_only_when_it_places_more(void)
{
    shop s = shop_new(1);
    int a = book(&s, "a", 1, 2026, 10, 12, 10, 0, s.t1);
    int b = book(&s, "b", 1, 2026, 10, 12, 11, 0, s.t1);
    ordo_date mon = dx_day(2026, 10, 12);
    dx_time_off(s.m, s.t1, mon, 10 * 60, mon, 11 * 60, "csv");
    ordo_repair_options o = window(3, 7);
    ordo_repair_result r;
    CHECK_EQ(ordo_repair(s.m, &o, &r), ORDO_OK);
    CHECK_EQ(r.placed, 1);
    CHECK_EQ(r.others_moved, 0);
    CHECK_EQ(s.m->sessions.v[b].sequence, 0);
    CHECK_EQ(s.m->sessions.v[a].start, dx_local(PARIS, 2026, 10, 12, 9, 0));   /* 60 min, not 12:00 (120) */
    ordo_repair_result_clear(&r);
    o.from = dx_day(2026, 12, 1);                    /* misuse: an empty window is fine, a reversed one not */
    o.to = dx_day(2026, 11, 1);
    CHECK_EQ(ordo_repair(s.m, &o, &r), ORDO_EINVAL);
    ordo_model_free(s.m);
}

int main(void)
{
    RUN(test_repair__new_resource_same_time);
    RUN(test_repair__shift_across_dst);
    RUN(test_repair__forced_double_booking);
    RUN(test_repair__course_session_stays_in_its_dates);
    RUN(test_repair__allow_moves);
    RUN(test_repair__allow_moves_only_when_it_places_more);
    return CHECK_DONE();
}
