/*
 * test_booking.c — one desk booking (solver/booking.h): a request resolved
 * to requirement rows in any order, invalid requests (count, duplicate,
 * sites, seats, skill, grid, a start that occurs twice on 2026-10-25 in
 * Paris, a booking leaving the day), conflicts that name the resource and
 * the clashing booking (working hours, time off, bookings, the customer),
 * and add / move / cancel keeping the session id while SEQUENCE rises.
 */
#include "desk_fixture.h"
#include "solver/booking.h"

#define PARIS "Europe/Paris"

typedef struct shop {
    ordo_model *m;
    int site, other_site, p1, p2, r1, r2, far, svc;
} shop;

static shop shop_new(void)
{
    shop s;
    CHECK_EQ(ordo_model_new(&s.m), ORDO_OK);
    s.site = dx_site(s.m, "paris", PARIS);
    s.other_site = dx_site(s.m, "lyon", PARIS);
    s.p1 = dx_resource(s.m, "p1", ORDO_PERSON, s.site, 0, "repair");
    s.p2 = dx_resource(s.m, "p2", ORDO_PERSON, s.site, 0, "sales");
    s.r1 = dx_resource(s.m, "r1", ORDO_ROOM, s.site, 6, "");
    s.r2 = dx_resource(s.m, "r2", ORDO_ROOM, s.site, 2, "");
    s.far = dx_resource(s.m, "far", ORDO_ROOM, s.other_site, 6, "");
    dx_weekdays(s.m, s.p1, 9 * 60, 17 * 60);
    dx_weekdays(s.m, s.p2, 9 * 60, 17 * 60);
    s.svc = dx_service(s.m, "fix", 60);
    dx_requirement(s.m, s.svc, ORDO_PERSON, 1, "repair", ORDO_CAPACITY_ANY);
    dx_requirement(s.m, s.svc, ORDO_ROOM, 1, NULL, ORDO_CAPACITY_PARTICIPANTS);
    ordo_account acme = { 0 };
    acme.id = (char *)"acme";
    acme.name = (char *)"Acme";
    CHECK_EQ(ordo_model_put_account(s.m, &acme, NULL), ORDO_OK);
    return s;
}

/* Check a request with resources res[0..n-1] at local Paris time. */
static int check(shop *s, ordo_desk *d, const int *res, int n, ordo_utc start, int participants,
                 ordo_booking_plan *plan, char *msg, size_t len)
{
    ordo_booking_request rq = ORDO_BOOKING_REQUEST_INIT;
    rq.service = s->svc;
    rq.participants = participants;
    rq.start = start;
    rq.resources = res;
    rq.nresources = n;
    return ordo_booking_check(d, &rq, plan, msg, len);
}

static void test_booking__invalid_requests(void)
{
    shop s = shop_new();
    ordo_desk *d = NULL;
    CHECK_EQ(ordo_desk_new(&d, s.m, NULL), ORDO_OK);
    ordo_booking_plan plan;
    char msg[600];
    ordo_utc ten = dx_local(PARIS, 2026, 10, 12, 10, 0);
    int ok[2] = { s.r1, s.p1 };                         /* any order */
    CHECK_EQ(check(&s, d, ok, 2, ten, 1, &plan, msg, sizeof msg), ORDO_OK);
    CHECK_EQ(plan.resources[0], s.p1);
    CHECK_EQ(plan.resources[1], s.r1);
    CHECK_EQ(plan.site, s.site);
    CHECK_EQ(plan.end - plan.start, 60);
    CHECK_STR(msg, "");

    int one[1] = { s.p1 };
    CHECK_EQ(check(&s, d, one, 1, ten, 1, &plan, msg, sizeof msg), ORDO_EINPUT);
    CHECK_STR(msg, "service 'fix' needs 2 resources; 1 given");
    int twice[2] = { s.p1, s.p1 };
    CHECK_EQ(check(&s, d, twice, 2, ten, 1, &plan, msg, sizeof msg), ORDO_EINPUT);
    CHECK_STR(msg, "resource 'p1' is listed twice");
    int sites[2] = { s.p1, s.far };
    CHECK_EQ(check(&s, d, sites, 2, ten, 1, &plan, msg, sizeof msg), ORDO_EINPUT);
    CHECK_CONTAINS(msg, "are not at one site");
    int small[2] = { s.p1, s.r2 };
    CHECK_EQ(check(&s, d, small, 2, ten, 1, &plan, msg, sizeof msg), ORDO_OK);
    CHECK_EQ(check(&s, d, small, 2, ten, 4, &plan, msg, sizeof msg), ORDO_EINPUT);
    CHECK_CONTAINS(msg, "resource 'r2' (room) meets no requirement of service 'fix'");
    CHECK_CONTAINS(msg, "needs room seating 4; 0 of the resources given qualify");
    int skill[2] = { s.p2, s.r1 };
    CHECK_EQ(check(&s, d, skill, 2, ten, 1, &plan, msg, sizeof msg), ORDO_EINPUT);
    CHECK_CONTAINS(msg, "resource 'p2' (person) meets no requirement");
    CHECK_CONTAINS(msg, "needs person with skill 'repair'");
    CHECK_EQ(check(&s, d, ok, 2, ten + 15, 1, &plan, msg, sizeof msg), ORDO_EINPUT);
    CHECK_CONTAINS(msg, "not on the 30-minute grid");
    /* 2026-10-25 02:30 Paris happens twice: the later one is refused too */
    ordo_utc first = dx_local(PARIS, 2026, 10, 25, 2, 30);
    CHECK_EQ(check(&s, d, ok, 2, first + 60, 1, &plan, msg, sizeof msg), ORDO_EINPUT);
    CHECK_CONTAINS(msg, "occurs twice");
    CHECK_EQ(check(&s, d, ok, 2, dx_local(PARIS, 2026, 10, 12, 23, 30), 1, &plan, msg, sizeof msg),
             ORDO_EINPUT);
    CHECK_CONTAINS(msg, "does not end on the same local day");
    ordo_booking_request rq = ORDO_BOOKING_REQUEST_INIT;
    rq.service = s.svc;
    rq.start = ten;
    rq.resources = ok;
    rq.nresources = 2;
    rq.customer = "nobody";
    CHECK_EQ(ordo_booking_check(d, &rq, &plan, msg, sizeof msg), ORDO_EINPUT);
    CHECK_STR(msg, "customer 'nobody' is neither an account nor a contact");
    ordo_desk_free(d);
    ordo_model_free(s.m);
}

static void test_booking__conflicts_name_resource_and_booking(void)
{
    shop s = shop_new();
    ordo_date mon = dx_day(2026, 10, 12);
    dx_time_off(s.m, s.p1, mon, 14 * 60, mon, 16 * 60, "vacation.ics");
    int res[2] = { s.p1, s.r1 };
    int other = dx_booking(s.m, "booking-7", s.svc, "acme", 1, dx_local(PARIS, 2026, 10, 12, 10, 0),
                           dx_local(PARIS, 2026, 10, 12, 11, 0), s.site, res, 2);
    s.m->sessions.v[other].id = 41;
    ordo_desk *d = NULL;
    CHECK_EQ(ordo_desk_new(&d, s.m, NULL), ORDO_OK);
    ordo_booking_plan plan;
    char msg[800];
    CHECK_EQ(check(&s, d, res, 2, dx_local(PARIS, 2026, 10, 12, 10, 30), 1, &plan, msg, sizeof msg), ORDO_ERULE);
    CHECK_STR(msg, "resource 'p1' is already booked by booking 'booking-7' (id 41) from "
                   "2026-10-12T10:00 to 2026-10-12T11:00; resource 'r1' is already booked by booking "
                   "'booking-7' (id 41) from 2026-10-12T10:00 to 2026-10-12T11:00");
    CHECK_EQ(plan.resources[0], s.p1);                 /* the plan is there for --force */
    CHECK_EQ(check(&s, d, res, 2, dx_local(PARIS, 2026, 10, 12, 15, 0), 1, &plan, msg, sizeof msg), ORDO_ERULE);
    CHECK_STR(msg, "resource 'p1' is off from 2026-10-12T14:00 to 2026-10-12T16:00 (off, from vacation.ics)");
    CHECK_EQ(check(&s, d, res, 2, dx_local(PARIS, 2026, 10, 12, 8, 30), 1, &plan, msg, sizeof msg), ORDO_ERULE);
    CHECK_STR(msg, "resource 'p1' does not work all of 2026-10-12T08:30 to 2026-10-12T09:30 (working hours)");
    /* the customer's other booking, with other resources */
    ordo_booking_request rq = ORDO_BOOKING_REQUEST_INIT;
    int free_res[2] = { s.p1, s.r2 };
    rq.service = s.svc;
    rq.customer = "acme";
    rq.start = dx_local(PARIS, 2026, 10, 12, 10, 0);
    rq.resources = free_res;
    rq.nresources = 2;
    s.m->sessions.v[other].resources[0] = s.p2;       /* p1 free at 10:00 now */
    CHECK_EQ(ordo_desk_refresh(d), ORDO_OK);
    CHECK_EQ(ordo_booking_check(d, &rq, &plan, msg, sizeof msg), ORDO_ERULE);
    CHECK_STR(msg, "customer 'acme' already has booking 'booking-7' (id 41) from 2026-10-12T10:00 to "
                   "2026-10-12T11:00");
    /* a move of that booking itself is not a conflict with itself */
    rq.except_session = other;
    CHECK_EQ(ordo_booking_check(d, &rq, &plan, msg, sizeof msg), ORDO_OK);
    ordo_desk_free(d);
    ordo_model_free(s.m);
}

static void test_booking__add_move_cancel(void)
{
    shop s = shop_new();
    ordo_desk *d = NULL;
    CHECK_EQ(ordo_desk_new(&d, s.m, NULL), ORDO_OK);
    ordo_booking_request rq = ORDO_BOOKING_REQUEST_INIT;
    int res[2] = { s.p1, s.r1 };
    rq.service = s.svc;
    rq.customer = "acme";
    rq.start = dx_local(PARIS, 2026, 10, 12, 10, 0);
    rq.resources = res;
    rq.nresources = 2;
    ordo_booking_plan plan;
    char msg[400];
    CHECK_EQ(ordo_booking_check(d, &rq, &plan, msg, sizeof msg), ORDO_OK);
    int si = -1;
    CHECK_EQ(ordo_booking_add(s.m, &rq, &plan, 1000, NULL, &si), ORDO_OK);
    ordo_session *x = &s.m->sessions.v[si];
    const ordo_course *c = &s.m->courses.v[x->course];
    CHECK_STR(c->id, "booking-1");
    CHECK_STR(c->title, "fix for acme");
    CHECK_EQ(c->is_booking, 1);
    CHECK_EQ(c->sessions, 1);
    CHECK_EQ(c->earliest, dx_day(2026, 10, 12));
    CHECK_EQ(x->status, ORDO_SESSION_PLANNED);
    CHECK_EQ(x->sequence, 0);
    CHECK_EQ(x->dtstamp, 1000);
    CHECK_EQ(x->forced_conflict, 0);
    x->id = 5;                                           /* as the store would */

    /* the same slot again: conflict; forced, it is flagged */
    CHECK_EQ(ordo_desk_refresh(d), ORDO_OK);
    CHECK_EQ(ordo_booking_check(d, &rq, &plan, msg, sizeof msg), ORDO_ERULE);
    CHECK_CONTAINS(msg, "booking 'booking-1' (id 5)");
    int sj = -1;
    CHECK_EQ(ordo_booking_add(s.m, &rq, &plan, 1001, msg, &sj), ORDO_OK);
    x = &s.m->sessions.v[si];
    CHECK_STR(s.m->courses.v[s.m->sessions.v[sj].course].id, "booking-2");
    CHECK_EQ(s.m->sessions.v[sj].forced_conflict, 1);
    CHECK_CONTAINS(s.m->sessions.v[sj].reason, "already booked by booking 'booking-1'");
    CHECK_EQ(ordo_booking_find(s.m, "booking-1"), si);
    CHECK_EQ(ordo_booking_find(s.m, "5"), si);
    CHECK_EQ(ordo_booking_find(s.m, "6"), -1);
    CHECK_EQ(ordo_booking_find(s.m, "nope"), -1);

    /* move booking-1 to Tuesday 15:00 */
    rq.start = dx_local(PARIS, 2026, 10, 13, 15, 0);
    rq.except_session = si;
    CHECK_EQ(ordo_desk_refresh(d), ORDO_OK);
    CHECK_EQ(ordo_booking_check(d, &rq, &plan, msg, sizeof msg), ORDO_OK);
    CHECK_EQ(ordo_booking_move(s.m, si, &plan, 2000, NULL), ORDO_OK);
    x = &s.m->sessions.v[si];
    CHECK_EQ(x->id, 5);
    CHECK_EQ(x->sequence, 1);
    CHECK_EQ(x->dtstamp, 2000);
    CHECK_EQ(x->start, dx_local(PARIS, 2026, 10, 13, 15, 0));
    CHECK_EQ(s.m->courses.v[x->course].earliest, dx_day(2026, 10, 13));
    CHECK_EQ(s.m->courses.v[x->course].latest, dx_day(2026, 10, 13));
    CHECK_EQ(ordo_booking_cancel(s.m, si, 3000), ORDO_OK);
    CHECK_EQ(x->status, ORDO_SESSION_CANCELLED);
    CHECK_EQ(x->sequence, 2);
    CHECK_EQ(x->dtstamp, 3000);
    CHECK_EQ(ordo_booking_cancel(s.m, si, 3001), ORDO_ERULE);
    CHECK_CONTAINS(ordo_model_errmsg(s.m), "already cancelled");
    CHECK_EQ(ordo_booking_move(s.m, si, &plan, 3002, NULL), ORDO_ERULE);
    CHECK_EQ(x->sequence, 2);
    /* a course session is not a desk booking */
    int cres[1] = { s.p2 };
    int cs = dx_booking(s.m, "course-a", s.svc, NULL, 0, 0, 60, s.site, cres, 1);
    CHECK_EQ(ordo_booking_cancel(s.m, cs, 3003), ORDO_EINPUT);
    CHECK_EQ(ordo_booking_find(s.m, "course-a"), -1);
    ordo_desk_free(d);
    ordo_model_free(s.m);
}

int main(void)
{
    RUN(test_booking__invalid_requests);
    RUN(test_booking__conflicts_name_resource_and_booking);
    RUN(test_booking__add_move_cancel);
    return CHECK_DONE();
}
