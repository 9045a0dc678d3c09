/*
 * test_desk_oom.c — the service desk under allocation failure: find-times,
 * booking check + add, repair and iCal import, each run with the N-th
 * allocation failing for N = 0, 1, 2, ... until it succeeds. Every failing
 * run must return ORDO_ENOMEM (never crash, never another code) and leak
 * nothing (the sanitizer build checks that); the last run must match an
 * unconstrained run. GLPK and libical allocate with their own allocators
 * and are outside this test.
 */
#include "desk_fixture.h"
#include "io/ical_import.h"
#include "solver/booking.h"
#include "solver/find_times.h"
#include "solver/repair.h"

#define PARIS "Europe/Paris"
#define MAX_BUDGET 200000

static long budget;

static void *oom_malloc(size_t n, void *p) { (void)p; return budget-- > 0 ? malloc(n) : NULL; }
static void *oom_realloc(void *q, size_t n, void *p) { (void)p; return budget-- > 0 ? realloc(q, n) : NULL; }
static void oom_free(void *q, void *p) { (void)p; free(q); }

static ordo_model *model(void)
{
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    int site = dx_site(m, "paris", PARIS);
    int t1 = dx_resource(m, "t1", ORDO_PERSON, site, 0, "repair");
    int t2 = dx_resource(m, "t2", ORDO_PERSON, site, 0, "repair");
    int v1 = dx_resource(m, "v1", ORDO_EQUIPMENT, site, 0, "van");
    dx_weekdays(m, t1, 8 * 60, 18 * 60);
    dx_weekdays(m, t2, 8 * 60, 18 * 60);
    int svc = dx_service(m, "repair", 60);
    dx_requirement(m, svc, ORDO_PERSON, 1, "repair", ORDO_CAPACITY_ANY);
    dx_requirement(m, svc, ORDO_EQUIPMENT, 1, "van", ORDO_CAPACITY_ANY);
    ordo_account acme = { 0 };
    acme.id = (char *)"acme";
    CHECK_EQ(ordo_model_put_account(m, &acme, NULL), ORDO_OK);
    int res[2] = { t1, v1 };
    ordo_utc ten = dx_local(PARIS, 2026, 10, 12, 10, 0);
    int si = dx_booking(m, "booking-1", svc, "acme", 1, ten, ten + 60, site, res, 2);
    m->sessions.v[si].id = 1;
    ordo_date mon = dx_day(2026, 10, 12);
    dx_time_off(m, t1, mon, 9 * 60, mon, 11 * 60, "csv");
    return m;
}

typedef int (*step_fn)(ordo_model *m, int *out);

/* Runs fn on fresh models with growing budgets; returns the budget that
 * succeeded (its result in *out), or -1. */
static long oom_run(step_fn fn, int *out)
{
    ordo_allocator a = { oom_malloc, oom_realloc, oom_free, NULL };
    for (long b = 0; b < MAX_BUDGET; b++) {
        ordo_model *m = model();
        budget = b;
        ordo_set_allocator(&a);
        int rc = fn(m, out);
        ordo_set_allocator(NULL);
        ordo_model_free(m);
        if (rc == ORDO_OK)
            return b;
        CHECK_EQ(rc, ORDO_ENOMEM);
        if (rc != ORDO_ENOMEM)
            return -1;
    }
    return -1;
}

static int run_find(ordo_model *m, int *out)
{
    ordo_find_times_query q = ORDO_FIND_TIMES_QUERY_INIT;
    ordo_proposal p[4];
    q.service = 0;
    q.customer = "acme";
    q.except_session = 0;
    q.after = (ordo_when){ 1, 0, dx_day(2026, 10, 12), 0 };
    q.before = (ordo_when){ 1, 0, dx_day(2026, 10, 14), 0 };
    int rc = ordo_find_times(m, &q, p, 4, out, NULL, 0);
    if (rc == ORDO_OK)
        *out = *out * 100000 + (int)(p[0].start % 100000);
    return rc;
}

static int run_book(ordo_model *m, int *out)
{
    ordo_desk *d = NULL;
    int res[2] = { 1, 2 }, si = -1, rc;
    ordo_booking_request rq = ORDO_BOOKING_REQUEST_INIT;
    ordo_booking_plan plan;
    char msg[300];
    rq.service = 0;
    rq.customer = "acme";
    rq.start = dx_local(PARIS, 2026, 10, 12, 10, 30);
    rq.resources = res;
    rq.nresources = 2;
    if ((rc = ordo_desk_new(&d, m, NULL)) < 0)
        return rc;
    rc = ordo_booking_check(d, &rq, &plan, msg, sizeof msg);
    ordo_desk_free(d);
    if (rc != ORDO_ERULE)                   /* the customer's booking-1 clashes */
        return rc == ORDO_OK ? ORDO_EINVAL : rc;
    rc = ordo_booking_add(m, &rq, &plan, 1, msg, &si);
    *out = si;
    return rc;
}

static int run_repair(ordo_model *m, int *out)
{
    ordo_repair_options o = ORDO_REPAIR_OPTIONS_INIT;
    ordo_repair_result r;
    o.from = dx_day(2026, 10, 1);
    o.to = dx_day(2026, 10, 31);
    o.allow_moves = 1;
    int rc = ordo_repair(m, &o, &r);
    if (rc == ORDO_OK)
        *out = r.placed * 100000 + (int)(m->sessions.v[0].start % 100000);
    ordo_repair_result_clear(&r);
    return rc;
}

static int run_ical(ordo_model *m, int *out)
{
    static const char text[] =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r\n"
        "SUMMARY:Standup\r\nDTSTART;TZID=Europe/Paris:20261012T090000\r\nDURATION:PT1H\r\n"
        "RRULE:FREQ=DAILY;COUNT=5\r\nEXDATE;TZID=Europe/Paris:20261013T090000\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r\nRECURRENCE-ID;TZID=Europe/Paris:20261014T090000\r\n"
        "DTSTART;TZID=Europe/Paris:20261014T150000\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    ordo_ical_import_options o = ORDO_ICAL_IMPORT_OPTIONS_INIT;
    ordo_ical_import_result r;
    o.resource = 1;
    o.from = dx_day(2026, 10, 1);
    o.to = dx_day(2026, 10, 31);
    int rc = ordo_ical_import_text(m, text, "t2.ics", &o, &r, NULL);
    *out = r.added;
    return rc;
}

static void expect_same(step_fn fn, const char *name)
{
    int plain = -1, constrained = -2;
    ordo_model *m = model();
    CHECK_EQ(fn(m, &plain), ORDO_OK);
    ordo_model_free(m);
    long b = oom_run(fn, &constrained);
    CHECK(b > 0);
    CHECK_EQ(constrained, plain);
    fprintf(stderr, "  %s: succeeded at allocation budget %ld\n", name, b);
}

static void test_desk_oom__find_times(void) { expect_same(run_find, "find times"); }
static void test_desk_oom__booking(void) { expect_same(run_book, "booking"); }
static void test_desk_oom__repair(void) { expect_same(run_repair, "repair"); }
static void test_desk_oom__ical_import(void) { expect_same(run_ical, "ical import"); }

int main(void)
{
    RUN(test_desk_oom__find_times);
    RUN(test_desk_oom__booking);
    RUN(test_desk_oom__repair);
    RUN(test_desk_oom__ical_import);
    return CHECK_DONE();
}
