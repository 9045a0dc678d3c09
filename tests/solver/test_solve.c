/*
 * test_solve.c — the scheduler through its public API (solver/solve.h) on
 * small models built in code: hard rules hold in the returned plan, every
 * unplaceable session carries the right reason keyword, the bound never
 * exceeds the cost, runs are deterministic, and a re-plan keeps session ids
 * and raises SEQUENCE only for sessions that changed.
 */
#include "check.h"
#include "model/model.h"
#include "model/tz.h"
#include "solver/solve.h"

#include <string.h>

static ordo_date D(const char *s)
{
    ordo_date d = 0;
    ordo_date_parse(s, &d);
    return d;
}

static int add_person(ordo_model *m, const char *id, const char *skills)
{
    ordo_resource r = { 0 };
    r.id = (char *)id;
    r.name = (char *)id;
    r.kind = ORDO_PERSON;
    r.site = 0;
    ordo_strlist_parse(&r.skills, skills);
    int at = -1;
    ordo_model_put_resource(m, &r, &at);
    ordo_strlist_clear(&r.skills);
    return at;
}

static int add_room(ordo_model *m, const char *id, int seats)
{
    ordo_resource r = { 0 };
    r.id = (char *)id;
    r.name = (char *)id;
    r.kind = ORDO_ROOM;
    r.capacity = seats;
    int at = -1;
    ordo_model_put_resource(m, &r, &at);
    return at;
}

/* A Paris centre: teachers ann (python) and bob (python;sql), rooms of 10
 * and 20 seats, weekday hours 09:00-17:00, a 120-minute service "py" needing
 * a python person and a room for the participants. */
static ordo_model *centre(void)
{
    ordo_model *m = NULL;
    ordo_model_new(&m);
    ordo_site site = { "paris", "Paris", "Europe/Paris" };
    ordo_model_put_site(m, &site, NULL);
    int ann = add_person(m, "ann", "python"), bob = add_person(m, "bob", "python;sql");
    add_room(m, "small", 10);
    add_room(m, "big", 20);
    for (int wd = 0; wd < 5; wd++) {
        ordo_working_hours w1 = { ann, wd, 9 * 60, 17 * 60 }, w2 = { bob, wd, 9 * 60, 17 * 60 };
        ordo_model_add_working_hours(m, &w1);
        ordo_model_add_working_hours(m, &w2);
    }
    ordo_service sv = { "py", "Python", 120 };
    int s = -1;
    ordo_model_put_service(m, &sv, &s);
    ordo_requirement q1 = { s, ORDO_PERSON, 1, "python", ORDO_CAPACITY_ANY, 0 };
    ordo_requirement q2 = { s, ORDO_ROOM, 1, NULL, ORDO_CAPACITY_PARTICIPANTS, 0 };
    ordo_model_add_requirement(m, &q1);
    ordo_model_add_requirement(m, &q2);
    ordo_account acc = { 0 };
    acc.id = "acme";
    acc.name = "Acme";
    acc.relationship = ORDO_REL_CLIENT;
    ordo_model_put_account(m, &acc, NULL);
    return m;
}

static int add_course(ordo_model *m, const char *id, int sessions, int participants, const char *from,
                      const char *to, int gap, const char *cohorts, int contract)
{
    ordo_course c = { 0 };
    c.id = (char *)id;
    c.title = (char *)id;
    c.service = ordo_model_find_service(m, "py");
    c.customer = "acme";
    c.contract = contract;
    c.sessions = sessions;
    c.participants = participants;
    c.earliest = D(from);
    c.latest = D(to);
    c.min_days_between = gap;
    ordo_strlist_parse(&c.cohorts, cohorts);
    int at = -1;
    ordo_model_put_course(m, &c, &at);
    ordo_strlist_clear(&c.cohorts);
    return at;
}

static ordo_solve_result run(ordo_model *m, const char *from, const char *to, uint64_t seed)
{
    ordo_solve_options o = ORDO_SOLVE_OPTIONS_INIT;
    o.from = D(from);
    o.to = D(to);
    o.seed = seed;
    o.work_limit = 20000;
    o.now = 1000;
    ordo_solve_result r;
    int rc = ordo_solve(m, &o, &r);
    CHECK_EQ(rc, ORDO_OK);
    return r;
}

static int count_status(const ordo_model *m, int course, ordo_session_status st)
{
    int n = 0;
    for (size_t i = 0; i < m->sessions.n; i++)
        n += m->sessions.v[i].course == course && m->sessions.v[i].status == st;
    return n;
}

static const char *reason_of(const ordo_model *m, int course)
{
    for (size_t i = 0; i < m->sessions.n; i++)
        if (m->sessions.v[i].course == course && m->sessions.v[i].status == ORDO_SESSION_UNSCHEDULED)
            return m->sessions.v[i].reason;
    return NULL;
}

/* Every hard rule the model can express, re-checked from the sessions. */
static void check_hard_rules(const ordo_model *m)
{
    const char *tz = m->sites.v[0].timezone;
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *a = &m->sessions.v[i];
        if (a->status != ORDO_SESSION_PLANNED)
            continue;
        const ordo_course *c = &m->courses.v[a->course];
        ordo_date d;
        int minute;
        ordo_tz_to_local(tz, a->start, &d, &minute);
        CHECK(d >= c->earliest && d <= c->latest);
        CHECK(minute % 30 == 0);
        CHECK(minute >= 9 * 60 && minute + 120 <= 17 * 60);   /* working hours */
        CHECK(ordo_date_weekday(d) < 5);
        CHECK_EQ(a->end - a->start, 120);
        CHECK_EQ(a->nresources, 2);
        const ordo_resource *person = &m->resources.v[a->resources[0]];
        const ordo_resource *room = &m->resources.v[a->resources[1]];
        CHECK(person->kind == ORDO_PERSON && ordo_strlist_has(&person->skills, "python"));
        CHECK(room->kind == ORDO_ROOM && room->capacity >= c->participants);
        for (size_t j = i + 1; j < m->sessions.n; j++) {
            const ordo_session *b = &m->sessions.v[j];
            if (b->status != ORDO_SESSION_PLANNED || !(a->start < b->end && b->start < a->end))
                continue;
            for (int x = 0; x < a->nresources; x++)
                for (int y = 0; y < b->nresources; y++)
                    CHECK(a->resources[x] != b->resources[y]);        /* no double booking */
            CHECK(a->course != b->course);
            const ordo_course *cb = &m->courses.v[b->course];
            for (int k = 0; k < c->cohorts.count; k++)
                CHECK(!ordo_strlist_has(&cb->cohorts, c->cohorts.items[k]));
            }
        if (c->min_days_between > 0)
            for (size_t j = 0; j < m->sessions.n; j++) {
                const ordo_session *b = &m->sessions.v[j];
                if (j == i || b->course != a->course || b->status != ORDO_SESSION_PLANNED)
                    continue;
                ordo_date db;
                int mb;
                ordo_tz_to_local(tz, b->start, &db, &mb);
                CHECK(d - db >= c->min_days_between || db - d >= c->min_days_between);
            }
    }
}

static void test_solve__places_everything_under_the_rules(void)
{
    ordo_model *m = centre();
    add_course(m, "c1", 4, 8, "2026-11-02", "2026-11-27", 3, "grp", -1);
    add_course(m, "c2", 3, 15, "2026-11-02", "2026-11-13", 2, "grp", -1);
    add_course(m, "c3", 5, 12, "2026-11-02", "2026-11-20", 0, "", -1);
    ordo_solve_result r = run(m, "2026-11-02", "2026-11-27", 1);
    CHECK_EQ(r.total, 12);
    CHECK_EQ(r.placed, 12);
    CHECK(r.bound <= r.cost + 1e-9);
    CHECK(r.gap >= 0 && r.gap <= 1);
    check_hard_rules(m);
    ordo_model_free(m);
}

static void test_solve__reasons_name_the_blocking_rule(void)
{
    ordo_model *m = centre();
    int too_big = add_course(m, "huge", 2, 50, "2026-11-02", "2026-11-27", 0, "", -1);
    int too_short = add_course(m, "cramped", 4, 5, "2026-11-02", "2026-11-06", 3, "", -1);
    int outside = add_course(m, "later", 2, 5, "2027-03-01", "2027-03-05", 0, "", -1);
    ordo_contract k = { 0 };
    k.id = "k1";
    k.customer = "acme";
    k.start = D("2026-01-01");
    k.end = D("2026-12-31");
    k.minutes = 5 * 60;            /* two sessions of 120 min fit, not three */
    k.status = ORDO_CONTRACT_ACTIVE;
    int ki = -1;
    ordo_model_put_contract(m, &k, &ki);
    int banked = add_course(m, "banked", 3, 5, "2026-11-02", "2026-11-27", 1, "", ki);
    ordo_solve_result r = run(m, "2026-11-02", "2026-11-27", 1);
    CHECK(r.placed < r.total);
    CHECK_EQ(r.status, ORDO_SOLVE_PARTIAL);
    CHECK_EQ(count_status(m, too_big, ORDO_SESSION_PLANNED), 0);
    CHECK_CONTAINS(reason_of(m, too_big), "capacity:");
    CHECK_CONTAINS(reason_of(m, too_short), "window:");
    CHECK_EQ(count_status(m, too_short, ORDO_SESSION_PLANNED), 2);   /* days 2 and 5 of 5 */
    CHECK_CONTAINS(reason_of(m, outside), "window:");
    CHECK_EQ(count_status(m, banked, ORDO_SESSION_PLANNED), 2);
    CHECK_CONTAINS(reason_of(m, banked), "hour_bank:");
    check_hard_rules(m);
    ordo_model_free(m);
}

static void test_solve__deterministic_for_a_seed(void)
{
    ordo_model *a = centre(), *b = centre();
    for (int i = 0; i < 2; i++) {
        ordo_model *m = i ? b : a;
        add_course(m, "c1", 4, 8, "2026-11-02", "2026-11-27", 3, "grp", -1);
        add_course(m, "c2", 6, 15, "2026-11-02", "2026-11-27", 1, "grp", -1);
    }
    ordo_solve_result ra = run(a, "2026-11-02", "2026-11-27", 7), rb = run(b, "2026-11-02", "2026-11-27", 7);
    CHECK_EQ(ra.placed, rb.placed);
    CHECK(ra.cost == rb.cost);
    CHECK_EQ(a->sessions.n, b->sessions.n);
    for (size_t i = 0; i < a->sessions.n && i < b->sessions.n; i++) {
        CHECK_EQ(a->sessions.v[i].start, b->sessions.v[i].start);
        CHECK_EQ(a->sessions.v[i].resources[0], b->sessions.v[i].resources[0]);
    }
    ordo_model_free(a);
    ordo_model_free(b);
}

static void test_solve__replan_keeps_ids_and_bumps_sequence_only_on_change(void)
{
    ordo_model *m = centre();
    add_course(m, "c1", 3, 8, "2026-11-02", "2026-11-20", 2, "", -1);
    run(m, "2026-11-02", "2026-11-20", 1);
    /* the store gives ids; simulate it */
    for (size_t i = 0; i < m->sessions.n; i++) {
        m->sessions.v[i].id = (int64_t)i + 1;
        CHECK_EQ(m->sessions.v[i].sequence, 0);     /* first placement: SEQUENCE 0 */
        CHECK_EQ(m->sessions.v[i].dtstamp, 1000);
    }
    ordo_utc before[8];
    for (size_t i = 0; i < m->sessions.n; i++)
        before[i] = m->sessions.v[i].start;
    /* the same run again: nothing changes, so no SEQUENCE moves */
    run(m, "2026-11-02", "2026-11-20", 1);
    CHECK_EQ(m->sessions.n, 3);
    for (size_t i = 0; i < m->sessions.n; i++) {
        CHECK_EQ(m->sessions.v[i].id, (int64_t)i + 1);
        CHECK_EQ(m->sessions.v[i].start, before[i]);
        CHECK_EQ(m->sessions.v[i].sequence, 0);
    }
    /* the course shrinks to 2 sessions: the third is cancelled, SEQUENCE 1 */
    m->courses.v[0].sessions = 2;
    run(m, "2026-11-02", "2026-11-20", 1);
    int cancelled = 0;
    for (size_t i = 0; i < m->sessions.n; i++)
        if (m->sessions.v[i].status == ORDO_SESSION_CANCELLED) {
            cancelled++;
            CHECK_EQ(m->sessions.v[i].sequence, 1);
        }
    CHECK_EQ(cancelled, 1);
    ordo_model_free(m);
}

static void test_solve__dst_day_never_uses_missing_or_repeated_times(void)
{
    ordo_model *m = centre();
    /* everyone works all day on Sunday 2026-10-25 (clocks go back at 03:00) */
    for (size_t i = 0; i < m->resources.n; i++) {
        ordo_model_clear_working_hours_for(m, (int)i);
        ordo_working_hours w = { (int)i, 6, 0, 24 * 60 };
        ordo_model_add_working_hours(m, &w);
    }
    add_course(m, "night", 8, 5, "2026-10-25", "2026-10-25", 0, "", -1);
    ordo_solve_result r = run(m, "2026-10-25", "2026-10-25", 3);
    CHECK(r.placed >= 6);
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *s = &m->sessions.v[i];
        if (s->status != ORDO_SESSION_PLANNED)
            continue;
        ordo_date d;
        int minute;
        ordo_tz_to_local("Europe/Paris", s->start, &d, &minute);
        ordo_utc back;
        CHECK_EQ(ordo_tz_to_utc("Europe/Paris", d, minute, &back), ORDO_LOCAL_OK);
        CHECK_EQ(back, s->start);
        CHECK(!(minute >= 120 && minute < 180));   /* 02:00-02:59 happens twice */
        CHECK_EQ(s->end - s->start, 120);           /* elapsed minutes */
    }
    ordo_model_free(m);
}

static void test_solve__desk_bookings_are_never_moved(void)
{
    ordo_model *m = centre();
    int b = add_course(m, "desk-1", 1, 5, "2026-11-02", "2026-11-27", 0, "", -1);
    m->courses.v[b].is_booking = 1;
    ordo_session s = { 0 };
    s.id = 42;
    s.course = b;
    s.status = ORDO_SESSION_PLANNED;
    s.site = 0;
    ordo_tz_to_utc("Europe/Paris", D("2026-11-04"), 15 * 60, &s.start);   /* Wed 15:00 */
    s.end = s.start + 120;
    int res[2] = { ordo_model_find_resource(m, "ann"), ordo_model_find_resource(m, "big") };
    s.resources = res;
    s.nresources = 2;
    ordo_model_add_session(m, &s, NULL);
    add_course(m, "c1", 6, 15, "2026-11-02", "2026-11-06", 0, "", -1);
    ordo_solve_result r = run(m, "2026-11-02", "2026-11-27", 1);
    CHECK_EQ(r.total, 6);                     /* the booking is not re-planned */
    const ordo_session *kept = &m->sessions.v[0];
    CHECK_EQ(kept->start, s.start);
    CHECK_EQ(kept->sequence, 0);
    CHECK_EQ(kept->resources[0], res[0]);
    check_hard_rules(m);                      /* and nothing was put on top of it */
    ordo_model_free(m);
}

static void test_solve__started_sessions_stay_where_they_are(void)
{
    ordo_model *m = centre();
    add_course(m, "c1", 4, 8, "2026-11-02", "2026-11-27", 2, "", -1);
    run(m, "2026-11-02", "2026-11-27", 1);
    /* "now" = just after the second session started */
    ordo_utc starts[4];
    for (size_t i = 0; i < 4; i++)
        starts[i] = m->sessions.v[i].start;
    ordo_utc sorted[4];
    memcpy(sorted, starts, sizeof sorted);
    for (int i = 1; i < 4; i++)
        for (int k = i; k > 0 && sorted[k - 1] > sorted[k]; k--) {
            ordo_utc t = sorted[k]; sorted[k] = sorted[k - 1]; sorted[k - 1] = t;
        }
    /* bob only from now on: a free re-plan would move everything to him */
    m->resources.v[0].skills.count = 0;
    ordo_solve_options o = ORDO_SOLVE_OPTIONS_INIT;
    o.from = D("2026-11-02");
    o.to = D("2026-11-27");
    o.work_limit = 20000;
    o.now = (sorted[1] + 1) * 60;
    ordo_solve_result r;
    CHECK_EQ(ordo_solve(m, &o, &r), ORDO_OK);
    CHECK_EQ(r.total, 2);                   /* only the two not yet started */
    int kept = 0;
    for (size_t i = 0; i < 4; i++)
        if (starts[i] <= sorted[1]) {
            CHECK_EQ(m->sessions.v[i].start, starts[i]);
            kept++;
        } else {
            CHECK(m->sessions.v[i].start * 60 > o.now);
        }
    CHECK_EQ(kept, 2);
    m->resources.v[0].skills.count = 1;     /* restore for the free */
    ordo_model_free(m);
}

/* A model with a plan worth keeping: five courses of four sessions over
 * three weeks for ann and bob, solved once. */
static ordo_model *planned_centre(void)
{
    ordo_model *m = centre();
    add_course(m, "r1", 4, 8, "2026-11-02", "2026-11-20", 2, "", -1);
    add_course(m, "r2", 4, 15, "2026-11-02", "2026-11-20", 2, "", -1);
    add_course(m, "r3", 4, 8, "2026-11-02", "2026-11-20", 1, "g", -1);
    add_course(m, "r4", 4, 15, "2026-11-02", "2026-11-20", 1, "g", -1);
    add_course(m, "r5", 4, 8, "2026-11-02", "2026-11-20", 3, "", -1);
    ordo_solve_result r = run(m, "2026-11-02", "2026-11-20", 3);
    CHECK_EQ(r.placed, 20);
    CHECK_EQ(r.prev, 0);   /* a first plan moves nothing */
    CHECK_EQ(r.moved, 0);
    for (size_t i = 0; i < m->sessions.n; i++)
        m->sessions.v[i].id = (int64_t)i + 1;
    return m;
}

/* ann falls ill on the local day of her first session: a whole-day time off. */
static int sick_day(ordo_model *m, ordo_date *day)
{
    int ann = ordo_model_find_resource(m, "ann"), minute = 0;
    for (size_t i = 0; i < m->sessions.n; i++)
        if (m->sessions.v[i].resources[0] == ann) {
            ordo_tz_to_local(m->sites.v[0].timezone, m->sessions.v[i].start, day, &minute);
            break;
        }
    ordo_time_off off = { ann, *day, *day + 1, 0, 0, "sick", "csv" };
    CHECK_EQ(ordo_model_add_time_off(m, &off), ORDO_OK);
    return ann;
}

/* One sick day: a default re-plan moves exactly ann's sessions of that day
 * (each must move: K = N), keeps every other session's start and resources,
 * and its cost is the plan's own (the stability cost apart); --fresh ignores
 * the old plan and moves more. */
static void test_solve__sick_day_moves_only_what_must_move(void)
{
    ordo_model *m = planned_centre(), *f = planned_centre();
    int n = (int)m->sessions.n;
    CHECK_EQ(n, 20);
    ordo_utc start[20];
    int res[20][2];
    for (int i = 0; i < n; i++) {
        start[i] = m->sessions.v[i].start;
        res[i][0] = m->sessions.v[i].resources[0];
        res[i][1] = m->sessions.v[i].resources[1];
    }
    ordo_date day = 0;
    int ann = sick_day(m, &day);
    sick_day(f, &day);
    int forced[20] = { 0 }, nforced = 0;
    for (int i = 0; i < n; i++) {
        ordo_date d;
        int minute;
        ordo_tz_to_local(m->sites.v[0].timezone, start[i], &d, &minute);
        forced[i] = res[i][0] == ann && d == day;
        nforced += forced[i];
    }
    CHECK(nforced >= 1);
    ordo_solve_result r = run(m, "2026-11-02", "2026-11-20", 3);
    CHECK_EQ(r.placed, 20);
    CHECK_EQ(r.prev, 20);
    CHECK_EQ(r.must_move, nforced);
    CHECK_EQ(r.moved, nforced);
    CHECK_EQ(r.stability_weight, ORDO_SOLVE_DEFAULT_STABILITY);
    CHECK(r.stability == (double)nforced * ORDO_SOLVE_DEFAULT_STABILITY);
    check_hard_rules(m);
    for (int i = 0; i < n; i++) {
        const ordo_session *s = &m->sessions.v[i];
        int same = s->start == start[i] && s->resources[0] == res[i][0] && s->resources[1] == res[i][1];
        CHECK_EQ(same, !forced[i]);
        CHECK_EQ(s->sequence, forced[i]);   /* calendars see only the moved ones change */
    }
    /* the reported cost is the plan's own: a fresh solve over the same plan
     * (kept by a huge stability weight, no search) scores it the same */
    ordo_solve_options o = ORDO_SOLVE_OPTIONS_INIT;
    o.from = D("2026-11-02");
    o.to = D("2026-11-20");
    o.work_limit = 1;
    o.stability_weight = 1000000;
    ordo_solve_result again;
    CHECK_EQ(ordo_solve(m, &o, &again), ORDO_OK);
    CHECK_EQ(again.moved, 0);
    CHECK(again.cost > r.cost - 1e-6 && again.cost < r.cost + 1e-6);
    /* --fresh: the previous plan is neither a hint nor a cost */
    ordo_solve_options fo = ORDO_SOLVE_OPTIONS_INIT;
    fo.from = D("2026-11-02");
    fo.to = D("2026-11-20");
    fo.seed = 3;
    fo.work_limit = 20000;
    fo.now = 1000;
    fo.fresh = 1;
    ordo_solve_result rf;
    CHECK_EQ(ordo_solve(f, &fo, &rf), ORDO_OK);
    CHECK_EQ(rf.placed, 20);
    CHECK_EQ(rf.prev, 20);
    CHECK_EQ(rf.must_move, nforced);
    CHECK_EQ(rf.stability_weight, 0);
    CHECK(rf.moved > nforced);
    check_hard_rules(f);
    ordo_model_free(m);
    ordo_model_free(f);
}

/* How long the search runs: --work N is exactly N iterations; the default
 * runs rounds of doubling length (20,000 iterations first on a model this
 * small) until one improves by 0.5 % or less; a time limit alone is used
 * to its end. */
static void test_solve__work_default_rounds_and_time_limit(void)
{
    ordo_model *m = centre();
    add_course(m, "c1", 4, 8, "2026-11-02", "2026-11-20", 2, "g", -1);
    add_course(m, "c2", 5, 15, "2026-11-02", "2026-11-20", 1, "g", -1);
    add_course(m, "c3", 3, 8, "2026-11-02", "2026-11-20", 3, "", -1);
    ordo_solve_options o = ORDO_SOLVE_OPTIONS_INIT;
    o.from = D("2026-11-02");
    o.to = D("2026-11-20");
    o.fresh = 1;
    ordo_solve_result r;
    o.work_limit = 5000;
    CHECK_EQ(ordo_solve(m, &o, &r), ORDO_OK);
    if (r.stop != ORDO_STOP_OPTIMAL) {
        CHECK_EQ(r.stop, ORDO_STOP_WORK);
        CHECK_EQ(r.iterations, 5000);
    }
    CHECK_EQ(r.rounds, 1);
    o.work_limit = 0;
    CHECK_EQ(ordo_solve(m, &o, &r), ORDO_OK);
    CHECK_EQ(r.placed, 12);
    if (r.stop != ORDO_STOP_OPTIMAL) {
        CHECK_EQ(r.stop, ORDO_STOP_STAGNATION);
        CHECK(r.rounds >= 2);
        CHECK(r.iterations >= 20000L * ((1L << r.rounds) - 1));   /* every round ran to its end */
    }
    char text[300];
    ordo_solve_stop_text(&r, text, sizeof text);
    CHECK(strncmp(text, "stopped: ", 9) == 0);
    o.time_limit_s = 1.0;
    o.stagnation = 0;
    CHECK_EQ(ordo_solve(m, &o, &r), ORDO_OK);
    if (r.stop != ORDO_STOP_OPTIMAL) {
        CHECK_EQ(r.stop, ORDO_STOP_TIME);
        CHECK(r.seconds >= 1.0);
    }
    ordo_model_free(m);
}

/* --time-limit covers building the problem too: with a limit already spent
 * when the first course's starts would be built, no course gets starts, so
 * nothing is placed and every session says the time limit stopped it
 * (before, the whole problem was built and construction placed all 5). */
static void test_solve__time_limit_spent_while_building(void)
{
    ordo_model *m = centre();
    add_course(m, "quick", 3, 5, "2026-11-02", "2026-11-27", 1, "", -1);
    add_course(m, "other", 2, 5, "2026-11-02", "2026-11-27", 0, "", -1);
    ordo_solve_options o = ORDO_SOLVE_OPTIONS_INIT;
    ordo_solve_result r;
    o.from = D("2026-11-02");
    o.to = D("2026-11-27");
    o.now = 1000;
    o.time_limit_s = 1e-9;
    CHECK_EQ(ordo_solve(m, &o, &r), ORDO_OK);
    CHECK_EQ(r.placed, 0);
    int said = 0;
    for (size_t i = 0; i < m->sessions.n; i++)
        said += m->sessions.v[i].status == ORDO_SESSION_UNSCHEDULED && m->sessions.v[i].reason &&
                strncmp(m->sessions.v[i].reason, "time limit:", 11) == 0;
    CHECK(m->sessions.n > 0);
    CHECK_EQ(said, (int)m->sessions.n);
    ordo_model_free(m);
}

int main(void)
{
    RUN(test_solve__work_default_rounds_and_time_limit);
    RUN(test_solve__time_limit_spent_while_building);
    RUN(test_solve__sick_day_moves_only_what_must_move);
    RUN(test_solve__started_sessions_stay_where_they_are);
    RUN(test_solve__desk_bookings_are_never_moved);
    RUN(test_solve__places_everything_under_the_rules);
    RUN(test_solve__reasons_name_the_blocking_rule);
    RUN(test_solve__deterministic_for_a_seed);
    RUN(test_solve__replan_keeps_ids_and_bumps_sequence_only_on_change);
    RUN(test_solve__dst_day_never_uses_missing_or_repeated_times);
    return CHECK_DONE();
}
