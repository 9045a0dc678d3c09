/*
 * test_find_times.c — the service desk's "find available times": ranking
 * (earliest, fragmentation, preferred), one proposal per (start, site),
 * requirement rows (skill, capacity with participants, distinct resources),
 * working hours, time off, bookings, the reschedule exception, the
 * customer's other bookings, DST days in Europe/Paris (2026-10-25 and
 * 2027-03-28), and the explanations when nothing fits.
 */
#include "desk_fixture.h"
#include "solver/find_times.h"

#define PARIS "Europe/Paris"
#define LONDON "Europe/London"

typedef struct office {
    ordo_model *m;
    int paris, london, p1, p2, r1, r2, l1, lr, py;
} office;

static office office_new(void)
{
    office o;
    CHECK_EQ(ordo_model_new(&o.m), ORDO_OK);
    o.paris = dx_site(o.m, "paris", PARIS);
    o.london = dx_site(o.m, "london", LONDON);
    o.p1 = dx_resource(o.m, "p1", ORDO_PERSON, o.paris, 0, "python");
    o.p2 = dx_resource(o.m, "p2", ORDO_PERSON, o.paris, 0, "python;excel");
    o.r1 = dx_resource(o.m, "r1", ORDO_ROOM, o.paris, 10, "projector");
    o.r2 = dx_resource(o.m, "r2", ORDO_ROOM, o.paris, 4, "");
    o.l1 = dx_resource(o.m, "l1", ORDO_PERSON, o.london, 0, "python");
    o.lr = dx_resource(o.m, "lr", ORDO_ROOM, o.london, 10, "");
    dx_weekdays(o.m, o.p1, 9 * 60, 17 * 60);
    dx_weekdays(o.m, o.p2, 9 * 60, 17 * 60);
    dx_weekdays(o.m, o.l1, 9 * 60, 17 * 60);
    o.py = dx_service(o.m, "py", 90);
    dx_requirement(o.m, o.py, ORDO_PERSON, 1, "python", ORDO_CAPACITY_ANY);
    dx_requirement(o.m, o.py, ORDO_ROOM, 1, NULL, ORDO_CAPACITY_PARTICIPANTS);
    return o;
}

/* A query over local day y-mo-d (each site's own midnight to midnight). */
static ordo_find_times_query day_query(int service, int y, int mo, int d)
{
    ordo_find_times_query q = ORDO_FIND_TIMES_QUERY_INIT;
    q.service = service;
    q.after = (ordo_when){ 1, 0, dx_day(y, mo, d), 0 };
    q.before = (ordo_when){ 1, 0, dx_day(y, mo, d), ORDO_MIN_PER_DAY };
    return q;
}

static void test_find_times__ranking_earliest_then_fragmentation(void)
{
    office o = office_new();
    ordo_find_times_query q = day_query(o.py, 2026, 10, 12);     /* a Monday */
    ordo_proposal p[5];
    int n = -1;
    char why[512];
    CHECK_EQ(ordo_find_times(o.m, &q, p, 5, &n, why, sizeof why), ORDO_OK);
    CHECK_EQ(n, 5);
    /* Paris 09:00 = 07:00Z; London 09:00 = 08:00Z (BST) */
    CHECK_EQ(p[0].start, dx_utc(2026, 10, 12, 7, 0));
    CHECK_EQ(p[0].end - p[0].start, 90);
    CHECK_EQ(p[0].site, o.paris);
    CHECK_EQ(p[0].nresources, 2);
    CHECK_EQ(p[0].resources[0], o.p1);           /* ties: model order */
    CHECK_EQ(p[0].resources[1], o.r1);
    CHECK_EQ(p[0].fragmentation, 0);
    CHECK_EQ(p[1].start, dx_utc(2026, 10, 12, 7, 30));
    CHECK_EQ(p[1].fragmentation, 30);            /* 09:00-09:30 left before it */
    /* 08:00Z: both sites; London (its 09:00, nothing left before) first */
    CHECK_EQ(p[2].start, dx_utc(2026, 10, 12, 8, 0));
    CHECK_EQ(p[2].site, o.london);
    CHECK_EQ(p[2].fragmentation, 0);
    CHECK_EQ(p[3].start, dx_utc(2026, 10, 12, 8, 0));
    CHECK_EQ(p[3].site, o.paris);
    CHECK_EQ(p[3].fragmentation, 60);
    CHECK_EQ(p[4].start, dx_utc(2026, 10, 12, 8, 30));
    CHECK_EQ(p[4].site, o.paris);               /* 90 min before: not a fragment */
    CHECK_EQ(p[4].fragmentation, 0);
    for (int i = 1; i < n; i++) {
        CHECK(p[i].start >= p[i - 1].start);
        CHECK(!(p[i].start == p[i - 1].start && p[i].site == p[i - 1].site));
    }
    ordo_model_free(o.m);
}

static void test_find_times__bookings_and_preferred(void)
{
    office o = office_new();
    int res[2] = { o.p1, o.r1 };
    /* p1 and r1 are busy 10:00-11:30 Paris */
    dx_booking(o.m, "b1", o.py, NULL, 1, dx_local(PARIS, 2026, 10, 12, 10, 0),
               dx_local(PARIS, 2026, 10, 12, 11, 30), o.paris, res, 2);
    ordo_find_times_query q = day_query(o.py, 2026, 10, 12);
    q.site = o.paris;
    ordo_proposal p[8];
    int n = 0;
    CHECK_EQ(ordo_find_times(o.m, &q, p, 8, &n, NULL, 0), ORDO_OK);
    CHECK_EQ(n, 8);
    for (int i = 0; i < n; i++) {
        CHECK_EQ(p[i].site, o.paris);
        for (int k = 0; k < p[i].nresources; k++) {
            int r = p[i].resources[k];
            int clash = (r == o.p1 || r == o.r1) && p[i].start < dx_local(PARIS, 2026, 10, 12, 11, 30) &&
                        p[i].end > dx_local(PARIS, 2026, 10, 12, 10, 0);
            CHECK(!clash);
        }
    }
    /* 09:00: p1 would run into its booking at 10:00 -> p2; r1 too -> r2 */
    CHECK_EQ(p[0].start, dx_local(PARIS, 2026, 10, 12, 9, 0));
    CHECK_EQ(p[0].resources[0], o.p2);
    CHECK_EQ(p[0].resources[1], o.r2);

    /* at 12:00 p1 and p2 are both free (p1 leaves 30 min after its booking:
     * a fragment; p2 has 3 h before: none) -> p2 by fragmentation, even
     * when p1 is preferred; preference only breaks ties */
    int prefer[1] = { o.p1 };
    q.prefer = prefer;
    q.nprefer = 1;
    q.after = (ordo_when){ 0, dx_local(PARIS, 2026, 10, 12, 12, 0), 0, 0 };
    CHECK_EQ(ordo_find_times(o.m, &q, p, 1, &n, NULL, 0), ORDO_OK);
    CHECK_EQ(n, 1);
    CHECK_EQ(p[0].resources[0], o.p2);
    CHECK_EQ(p[0].preferred, 0);
    /* at 14:00 both have equal fragmentation: the preferred one wins */
    q.after = (ordo_when){ 0, dx_local(PARIS, 2026, 10, 12, 14, 0), 0, 0 };
    CHECK_EQ(ordo_find_times(o.m, &q, p, 1, &n, NULL, 0), ORDO_OK);
    CHECK_EQ(p[0].resources[0], o.p1);
    CHECK_EQ(p[0].preferred, 1);
    int prefer2[1] = { o.p2 };
    q.prefer = prefer2;
    CHECK_EQ(ordo_find_times(o.m, &q, p, 1, &n, NULL, 0), ORDO_OK);
    CHECK_EQ(p[0].resources[0], o.p2);
    ordo_model_free(o.m);
}

static void test_find_times__capacity_and_skill(void)
{
    office o = office_new();
    ordo_find_times_query q = day_query(o.py, 2026, 10, 12);
    q.site = o.paris;
    ordo_proposal p[3];
    int n = 0;
    char why[512];
    q.participants = 8;                          /* r2 seats 4: only r1 */
    CHECK_EQ(ordo_find_times(o.m, &q, p, 3, &n, why, sizeof why), ORDO_OK);
    CHECK_EQ(n, 3);
    for (int i = 0; i < n; i++)
        CHECK_EQ(p[i].resources[1], o.r1);
    q.participants = 20;
    CHECK_EQ(ordo_find_times(o.m, &q, p, 3, &n, why, sizeof why), ORDO_OK);
    CHECK_EQ(n, 0);
    CHECK_STR(why, "capacity: no room seats 20 (20 participants)");

    int cobol = dx_service(o.m, "cobol", 60);
    dx_requirement(o.m, cobol, ORDO_PERSON, 1, "cobol", ORDO_CAPACITY_ANY);
    q = day_query(cobol, 2026, 10, 12);
    CHECK_EQ(ordo_find_times(o.m, &q, p, 3, &n, why, sizeof why), ORDO_OK);
    CHECK_EQ(n, 0);
    CHECK_STR(why, "skill: no person has skill 'cobol'");

    /* two python persons: only Paris has two */
    int pair = dx_service(o.m, "pair", 60);
    dx_requirement(o.m, pair, ORDO_PERSON, 2, "python", ORDO_CAPACITY_ANY);
    q = day_query(pair, 2026, 10, 12);
    q.site = o.london;
    CHECK_EQ(ordo_find_times(o.m, &q, p, 3, &n, why, sizeof why), ORDO_OK);
    CHECK_EQ(n, 0);
    CHECK_STR(why, "site: site 'london' has no 2 persons with skill 'python'");
    q.site = -1;
    CHECK_EQ(ordo_find_times(o.m, &q, p, 3, &n, why, sizeof why), ORDO_OK);
    CHECK_EQ(n, 3);
    CHECK_EQ(p[0].site, o.paris);
    CHECK(p[0].resources[0] != p[0].resources[1]);
    ordo_model_free(o.m);
}

/* Rows whose candidates overlap: the choice must backtrack to stay distinct. */
static void test_find_times__distinct_across_rows(void)
{
    office o = office_new();
    int s = dx_service(o.m, "mixed", 60);
    dx_requirement(o.m, s, ORDO_PERSON, 1, "python", ORDO_CAPACITY_ANY);   /* p1 or p2 */
    dx_requirement(o.m, s, ORDO_PERSON, 1, "excel", ORDO_CAPACITY_ANY);    /* p2 only */
    int prefer[1] = { o.p2 };
    ordo_find_times_query q = day_query(s, 2026, 10, 12);
    q.prefer = prefer;                           /* would pull p2 into the python row */
    q.nprefer = 1;
    ordo_proposal p[1];
    int n = 0;
    CHECK_EQ(ordo_find_times(o.m, &q, p, 1, &n, NULL, 0), ORDO_OK);
    CHECK_EQ(n, 1);
    CHECK_EQ(p[0].resources[0], o.p1);
    CHECK_EQ(p[0].resources[1], o.p2);
    CHECK_EQ(p[0].preferred, 1);
    ordo_model_free(o.m);
}

static void test_find_times__time_off_and_explanations(void)
{
    office o = office_new();
    ordo_date mon = dx_day(2026, 10, 12);
    dx_time_off(o.m, o.p1, mon, 0, mon + 1, 0, "csv");
    dx_time_off(o.m, o.p2, mon, 0, mon + 1, 0, "csv");
    ordo_find_times_query q = day_query(o.py, 2026, 10, 12);
    q.site = o.paris;
    ordo_proposal p[2];
    int n = 0;
    char why[512];
    CHECK_EQ(ordo_find_times(o.m, &q, p, 2, &n, why, sizeof why), ORDO_OK);
    CHECK_EQ(n, 0);
    CHECK_CONTAINS(why, "availability: no person with skill 'python' at site 'paris' is free for 90 minutes");
    /* London is fine that day */
    q.site = -1;
    CHECK_EQ(ordo_find_times(o.m, &q, p, 2, &n, why, sizeof why), ORDO_OK);
    CHECK_EQ(n, 2);
    CHECK_EQ(p[0].site, o.london);

    /* person mornings only, room afternoons only: never together */
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    int site = dx_site(m, "paris", PARIS);
    int person = dx_resource(m, "x", ORDO_PERSON, site, 0, "");
    int room = dx_resource(m, "y", ORDO_ROOM, site, 5, "");
    dx_weekdays(m, person, 8 * 60, 12 * 60);
    dx_weekdays(m, room, 13 * 60, 18 * 60);
    int s = dx_service(m, "s", 60);
    dx_requirement(m, s, ORDO_PERSON, 1, NULL, ORDO_CAPACITY_ANY);
    dx_requirement(m, s, ORDO_ROOM, 1, NULL, ORDO_CAPACITY_ANY);
    q = day_query(s, 2026, 10, 12);
    CHECK_EQ(ordo_find_times(m, &q, p, 2, &n, why, sizeof why), ORDO_OK);
    CHECK_EQ(n, 0);
    CHECK_CONTAINS(why, "availability: person, room are each free");
    CHECK_CONTAINS(why, "never all together for 60 minutes");
    /* a window too short for the service */
    q.before = (ordo_when){ 1, 0, dx_day(2026, 10, 12), 30 };
    CHECK_EQ(ordo_find_times(m, &q, p, 2, &n, why, sizeof why), ORDO_OK);
    CHECK_EQ(n, 0);
    CHECK_CONTAINS(why, "window: no 60-minute booking");
    /* misuse: the range ends before it starts */
    q.before = (ordo_when){ 1, 0, dx_day(2026, 10, 11), 0 };
    CHECK_EQ(ordo_find_times(m, &q, p, 2, &n, why, sizeof why), ORDO_EINVAL);
    CHECK_CONTAINS(why, "not after its start");
    ordo_model_free(m);
    ordo_model_free(o.m);
}

/* Reschedule: the booking's own time counts as free; customer's others not. */
static void test_find_times__except_session_and_customer(void)
{
    office o = office_new();
    int res[2] = { o.l1, o.lr };
    ordo_utc nine = dx_local(LONDON, 2026, 10, 12, 9, 0);
    int si = dx_booking(o.m, "b1", o.py, "acme", 1, nine, nine + 90, o.london, res, 2);
    ordo_find_times_query q = day_query(o.py, 2026, 10, 12);
    q.site = o.london;
    ordo_proposal p[1];
    int n = 0;
    CHECK_EQ(ordo_find_times(o.m, &q, p, 1, &n, NULL, 0), ORDO_OK);
    CHECK_EQ(p[0].start, nine + 90);
    q.except_session = si;
    CHECK_EQ(ordo_find_times(o.m, &q, p, 1, &n, NULL, 0), ORDO_OK);
    CHECK_EQ(p[0].start, nine);
    CHECK_EQ(p[0].fragmentation, 0);

    /* acme's booking in London also blocks acme in Paris */
    q = day_query(o.py, 2026, 10, 12);
    q.site = o.paris;
    q.customer = "acme";
    q.after = (ordo_when){ 0, nine, 0, 0 };
    CHECK_EQ(ordo_find_times(o.m, &q, p, 1, &n, NULL, 0), ORDO_OK);
    CHECK_EQ(p[0].start, nine + 90);
    q.customer = "globex";
    CHECK_EQ(ordo_find_times(o.m, &q, p, 1, &n, NULL, 0), ORDO_OK);
    CHECK_EQ(p[0].start, nine);
    ordo_model_free(o.m);
}

/* All starts of a 24-hour resource pair on one local day in Paris. */
static int paris_day_starts(int y, int mo, int d, int *minutes, int max)
{
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    int site = dx_site(m, "paris", PARIS);
    dx_resource(m, "x", ORDO_PERSON, site, 0, "");
    int s = dx_service(m, "s", 60);
    dx_requirement(m, s, ORDO_PERSON, 1, NULL, ORDO_CAPACITY_ANY);
    ordo_find_times_query q = day_query(s, y, mo, d);
    ordo_proposal p[64];
    int n = 0;
    CHECK_EQ(ordo_find_times(m, &q, p, max < 64 ? max : 64, &n, NULL, 0), ORDO_OK);
    for (int i = 0; i < n; i++) {
        minutes[i] = dx_minute(PARIS, p[i].start);
        CHECK_EQ(p[i].end - p[i].start, 60);
        /* the end is a local time that exists once */
        ordo_date ed;
        int em;
        ordo_utc back;
        ordo_tz_to_local(PARIS, p[i].end, &ed, &em);
        CHECK_EQ(ordo_tz_to_utc(PARIS, ed, em, &back), ORDO_LOCAL_OK);
    }
    ordo_model_free(m);
    return n;
}

static int has_minute(const int *v, int n, int minute)
{
    for (int i = 0; i < n; i++)
        if (v[i] == minute)
            return 1;
    return 0;
}

static void test_find_times__dst_days_paris(void)
{
    int v[64], n;
    /* 2026-10-25: 02:00-02:59 happen twice; no start or end in them */
    n = paris_day_starts(2026, 10, 25, v, 64);
    CHECK_EQ(n, 43);                 /* 48 - 01:00, 01:30 (end twice) - 02:00, 02:30 - 23:30 */
    CHECK(has_minute(v, n, 0));
    CHECK(has_minute(v, n, 30));
    CHECK(!has_minute(v, n, 60));    /* ends at 02:00 (twice) */
    CHECK(!has_minute(v, n, 90));
    CHECK(!has_minute(v, n, 120));
    CHECK(!has_minute(v, n, 150));
    CHECK(has_minute(v, n, 180));
    CHECK(has_minute(v, n, 23 * 60));
    /* 2027-03-28: 02:00-02:59 do not exist; 01:00 + 60 min ends at 03:00 */
    n = paris_day_starts(2027, 3, 28, v, 64);
    CHECK(has_minute(v, n, 60));
    CHECK(has_minute(v, n, 90));
    CHECK(!has_minute(v, n, 120));
    CHECK(!has_minute(v, n, 150));
    CHECK(has_minute(v, n, 180));
    CHECK_EQ(n, 45);                 /* 48 - 02:00, 02:30 - 23:30 */
    /* an ordinary day: 47 starts (23:30 + 60 min leaves the day) */
    CHECK_EQ(paris_day_starts(2026, 10, 20, v, 64), 47);
}

/* The slot grid counts from local midnight, and a desk answers many
 * queries from one cache (results equal to a fresh model-level call). */
static void test_find_times__slot_grid_and_desk_reuse(void)
{
    office o = office_new();
    ordo_desk *d = NULL;
    CHECK_EQ(ordo_desk_new(&d, o.m, NULL), ORDO_OK);
    ordo_find_times_query q = day_query(o.py, 2026, 10, 12);
    q.slot_minutes = 45;
    q.site = o.paris;
    ordo_proposal a[4], b[4];
    int na = 0, nb = 0;
    for (int rep = 0; rep < 3; rep++) {
        CHECK_EQ(ordo_desk_find_times(d, &q, a, 4, &na, NULL, 0), ORDO_OK);
        CHECK_EQ(ordo_find_times(o.m, &q, b, 4, &nb, NULL, 0), ORDO_OK);
        CHECK_EQ(na, nb);
        CHECK(memcmp(a, b, sizeof a[0] * (size_t)na) == 0);
    }
    CHECK_EQ(na, 4);
    for (int i = 0; i < na; i++)
        CHECK_EQ(dx_minute(PARIS, a[i].start) % 45, 0);
    CHECK_EQ(dx_minute(PARIS, a[0].start), 9 * 60);
    CHECK_EQ(dx_minute(PARIS, a[1].start), 9 * 60 + 45);
    q.slot_minutes = 7;
    CHECK_EQ(ordo_desk_find_times(d, &q, a, 4, &na, NULL, 0), ORDO_EINVAL);
    CHECK_CONTAINS(ordo_desk_errmsg(d), "must divide 1440");
    ordo_desk_free(d);
    ordo_model_free(o.m);
}

/* A pair service (two python people): p1 is free all Monday, p2 only from
 * 13:00, p3 from 15:00 (time off), l1 is in London. Each early start fails
 * and the search skips ahead to the second-earliest "next free" time of the
 * row's candidates (not the latest): the first proposal is exactly 13:00, and
 * the ones after it keep the slot grid. */
static void test_find_times__skip_to_second_free(void)
{
    office o = office_new();
    int pair = dx_service(o.m, "pair", 60);
    dx_requirement(o.m, pair, ORDO_PERSON, 2, "python", ORDO_CAPACITY_ANY);
    int p3 = dx_resource(o.m, "p3", ORDO_PERSON, o.paris, 0, "python");
    dx_weekdays(o.m, p3, 9 * 60, 17 * 60);
    dx_time_off(o.m, o.p2, dx_day(2026, 10, 12), 0, dx_day(2026, 10, 12), 13 * 60, "dentist");
    dx_time_off(o.m, p3, dx_day(2026, 10, 12), 0, dx_day(2026, 10, 12), 15 * 60, "train");
    ordo_find_times_query q = day_query(pair, 2026, 10, 12);
    q.site = o.paris;
    ordo_proposal p[3];
    int n = 0;
    CHECK_EQ(ordo_find_times(o.m, &q, p, 3, &n, NULL, 0), ORDO_OK);
    CHECK_EQ(n, 3);
    CHECK_EQ(p[0].start, dx_local(PARIS, 2026, 10, 12, 13, 0));
    CHECK_EQ(p[1].start, dx_local(PARIS, 2026, 10, 12, 13, 30));
    CHECK_EQ(p[2].start, dx_local(PARIS, 2026, 10, 12, 14, 0));
    CHECK_EQ(p[0].nresources, 2);
    ordo_model_free(o.m);
}

int main(void)
{
    RUN(test_find_times__ranking_earliest_then_fragmentation);
    RUN(test_find_times__bookings_and_preferred);
    RUN(test_find_times__capacity_and_skill);
    RUN(test_find_times__distinct_across_rows);
    RUN(test_find_times__time_off_and_explanations);
    RUN(test_find_times__except_session_and_customer);
    RUN(test_find_times__dst_days_paris);
    RUN(test_find_times__slot_grid_and_desk_reuse);
    RUN(test_find_times__skip_to_second_free);
    return CHECK_DONE();
}
