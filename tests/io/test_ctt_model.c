/*
 * test_ctt_model.c — CTT instance -> ordo model (counts, mapping of one
 * course, teacher skills, blackouts, calendar, weights) and a planned model
 * -> CTT solution round trip on a reference solution.
 */
#include "ctt_fixture.h"
#include "io/ctt_check.h"
#include "io/ctt_model.h"
#include "model/tz.h"

static void test_ctt_model__comp01_counts(void)
{
    ordo_ctt_instance *in = ctt_load_data("comp01.ctt");
    ordo_model *m = NULL;
    ordo_err err = { 0 };
    if (!in)
        return;
    CHECK_EQ(ordo_ctt_to_model(in, &m, &err), ORDO_OK);
    if (!m) {
        fprintf(stderr, "%s\n", err.msg);
        goto done;
    }
    CHECK_EQ(m->sites.n, 1);
    CHECK_STR(m->sites.v[0].id, "ctt");
    CHECK_STR(m->sites.v[0].timezone, "UTC");
    CHECK_EQ(m->resources.n, 6 + 24);
    CHECK_EQ(m->services.n, 30);
    CHECK_EQ(m->requirements.n, 60);
    CHECK_EQ(m->courses.n, 30);
    CHECK_EQ(m->blackouts.n, 53);
    CHECK_EQ(m->sessions.n, 0);
    CHECK_EQ(m->working_hours.n, (6 + 24) * 5);
    long sessions = 0, memberships = 0, curriculum_members = 0;
    for (size_t c = 0; c < m->courses.n; c++) {
        sessions += m->courses.v[c].sessions;
        memberships += m->courses.v[c].cohorts.count;
    }
    for (int q = 0; q < in->ncurricula; q++)
        curriculum_members += in->curricula[q].ncourses;
    CHECK_EQ(sessions, 160);
    CHECK_EQ(memberships, curriculum_members);
    int rooms = 0, persons = 0;
    for (size_t r = 0; r < m->resources.n; r++) {
        rooms += m->resources.v[r].kind == ORDO_ROOM;
        persons += m->resources.v[r].kind == ORDO_PERSON;
    }
    CHECK_EQ(rooms, 6);
    CHECK_EQ(persons, 24);
    CHECK_EQ(m->weights.same_person, 0);
    CHECK_EQ(m->weights.same_room, 1);
    CHECK_EQ(m->weights.spread, 0);
    CHECK_EQ(m->weights.load, 0);
    CHECK_EQ(m->weights.min_days, 5);
    CHECK_EQ(m->weights.compactness, 2);
done:
    ordo_model_free(m);
    ordo_ctt_instance_free(in);
}

/* c0001 t000 6 4 130, in curricula q000 and q002; rB holds 200. */
static void test_ctt_model__comp01_mapping(void)
{
    ordo_ctt_instance *in = ctt_load_data("comp01.ctt");
    ordo_model *m = NULL;
    ordo_err err = { 0 };
    if (!in || ordo_ctt_to_model(in, &m, &err) != ORDO_OK)
        goto done;
    int c = ordo_model_find_course(m, "c0001");
    CHECK(c >= 0);
    if (c < 0)
        goto done;
    const ordo_course *co = &m->courses.v[c];
    CHECK_EQ(co->sessions, 6);
    CHECK_EQ(co->min_distinct_days, 4);
    CHECK_EQ(co->participants, 130);
    CHECK_EQ(co->min_days_between, 0);
    CHECK_EQ(co->contract, -1);
    CHECK_EQ(co->earliest, ordo_date_from_ymd(2001, 1, 1));
    CHECK_EQ(co->latest, ordo_date_from_ymd(2001, 1, 5));
    CHECK_EQ(ordo_date_weekday(co->earliest), 0);
    CHECK_EQ(co->cohorts.count, 2);
    CHECK(ordo_strlist_has(&co->cohorts, "q000"));
    CHECK(ordo_strlist_has(&co->cohorts, "q002"));
    CHECK_STR(m->services.v[co->service].id, "c0001");
    CHECK_EQ(m->services.v[co->service].duration, 60);
    int person_req = 0, room_req = 0;
    for (size_t i = 0; i < m->requirements.n; i++) {
        const ordo_requirement *rq = &m->requirements.v[i];
        if (rq->service != co->service)
            continue;
        CHECK_EQ(rq->count, 1);
        if (rq->kind == ORDO_PERSON) {
            person_req++;
            CHECK_STR(rq->skill, "c0001");
        } else if (rq->kind == ORDO_ROOM) {
            room_req++;
            CHECK_EQ(rq->min_capacity, ORDO_CAPACITY_PARTICIPANTS);
            CHECK_EQ(rq->capacity_penalty, 1);
        }
    }
    CHECK_EQ(person_req, 1);
    CHECK_EQ(room_req, 1);
    /* t002 teaches c0004 and c0070 */
    int t = ordo_model_find_resource(m, "t002");
    CHECK(t >= 0 && m->resources.v[t].kind == ORDO_PERSON);
    if (t >= 0) {
        CHECK_EQ(m->resources.v[t].skills.count, 2);
        CHECK(ordo_strlist_has(&m->resources.v[t].skills, "c0004"));
        CHECK(ordo_strlist_has(&m->resources.v[t].skills, "c0070"));
    }
    int rb = ordo_model_find_resource(m, "rB");
    CHECK(rb >= 0 && m->resources.v[rb].kind == ORDO_ROOM && m->resources.v[rb].capacity == 200);
    /* working hours 08:00-14:00 (6 periods) Monday..Friday for everyone */
    int bad_hours = 0;
    for (size_t i = 0; i < m->working_hours.n; i++) {
        const ordo_working_hours *w = &m->working_hours.v[i];
        bad_hours += w->start != 8 * 60 || w->end != 14 * 60 || w->weekday < 0 || w->weekday > 4;
    }
    CHECK_EQ(bad_hours, 0);
    /* last unavailability line: c0071 4 2 -> Friday 2001-01-05 10:00-11:00 */
    const ordo_course_blackout *b = &m->blackouts.v[m->blackouts.n - 1];
    CHECK_STR(m->courses.v[b->course].id, "c0071");
    CHECK_EQ(b->date, ordo_date_from_ymd(2001, 1, 5));
    CHECK_EQ(b->start_min, 10 * 60);
    CHECK_EQ(b->end_min, 11 * 60);
done:
    ordo_model_free(m);
    ordo_ctt_instance_free(in);
}

/* Place every lecture of a reference solution as a PLANNED session (as a
 * scheduler would), convert back, and get the same lectures and cost. */
static void roundtrip(const char *inst, const char *sol_rel)
{
    char path[1024];
    snprintf(path, sizeof path, "%s.ctt", inst);
    ordo_ctt_instance *in = ctt_load_data(path);
    ordo_model *m = NULL;
    ordo_ctt_solution *sol = NULL, *back = NULL;
    ordo_err err = { 0 };
    int *ordinal = NULL;
    if (!in || ordo_ctt_to_model(in, &m, &err) != ORDO_OK)
        goto done;
    char rel[300];
    snprintf(rel, sizeof rel, "reference-solutions/%s", sol_rel);
    ctt_data_path(path, sizeof path, rel);
    CHECK_EQ(ordo_ctt_solution_load(&sol, in, path, NULL, NULL, &err), ORDO_OK);
    ordinal = calloc((size_t)in->ncourses + 1, sizeof *ordinal);
    if (!sol || !ordinal)
        goto done;
    for (size_t i = 0; i < sol->n; i++) {
        const ordo_ctt_assignment *a = &sol->v[i];
        const ordo_ctt_course *co = &in->courses[a->course];
        ordo_session s;
        memset(&s, 0, sizeof s);
        int res[2] = { ordo_model_find_resource(m, co->teacher),
                       ordo_model_find_resource(m, in->rooms[a->room].id) };
        s.course = ordo_model_find_course(m, co->id);
        s.ordinal = ordinal[a->course]++;
        s.status = ORDO_SESSION_PLANNED;
        s.site = 0;
        CHECK_EQ(ordo_tz_to_utc("UTC", ordo_ctt_day_date(a->day), ordo_ctt_period_minute(a->period),
                                &s.start), ORDO_LOCAL_OK);
        s.end = s.start + 60;
        s.resources = res;
        s.nresources = 2;
        CHECK_EQ(ordo_model_add_session(m, &s, NULL), ORDO_OK);
    }
    /* sessions that are not placed are left out */
    ordo_session u;
    memset(&u, 0, sizeof u);
    u.status = ORDO_SESSION_UNSCHEDULED;
    u.site = -1;
    CHECK_EQ(ordo_model_add_session(m, &u, NULL), ORDO_OK);
    CHECK_EQ(ordo_ctt_from_model(in, m, &back, &err), ORDO_OK);
    if (!back) {
        fprintf(stderr, "%s\n", err.msg);
        goto done;
    }
    CHECK_EQ(back->n, sol->n);
    CHECK(back->n == sol->n && memcmp(back->v, sol->v, sol->n * sizeof *sol->v) == 0);
    ordo_ctt_check_result r1, r2;
    CHECK_EQ(ordo_ctt_check(&r1, in, sol, &err), ORDO_OK);
    CHECK_EQ(ordo_ctt_check(&r2, in, back, &err), ORDO_OK);
    CHECK_EQ(r2.total_cost, r1.total_cost);
    CHECK_EQ(r2.violations, r1.violations);
done:
    free(ordinal);
    ordo_ctt_solution_free(sol);
    ordo_ctt_solution_free(back);
    ordo_model_free(m);
    ordo_ctt_instance_free(in);
}

static void test_ctt_model__roundtrip_comp01(void)
{
    roundtrip("comp01", "random/comp01.sol");
    roundtrip("comp01", "infeasible/comp01.sol");
}

static void test_ctt_model__roundtrip_six_day_grid(void)
{
    roundtrip("comp12", "random/comp12.sol");      /* 6 days x 6 periods */
    roundtrip("comp11", "random/comp11.sol");      /* 5 days x 9 periods */
}

/* A placed session that is not on the grid, or has no room, is refused. */
static void test_ctt_model__from_model_refuses(void)
{
    ordo_ctt_instance *in = ctt_load_data("comp01.ctt");
    ordo_model *m = NULL;
    ordo_ctt_solution *back = NULL;
    ordo_err err = { 0 };
    if (!in || ordo_ctt_to_model(in, &m, &err) != ORDO_OK)
        goto done;
    ordo_session s;
    memset(&s, 0, sizeof s);
    int res[2] = { ordo_model_find_resource(m, "t000"), ordo_model_find_resource(m, "rB") };
    s.course = ordo_model_find_course(m, "c0001");
    s.status = ORDO_SESSION_PLANNED;
    s.site = 0;
    ordo_tz_to_utc("UTC", ordo_ctt_day_date(0), 8 * 60 + 30, &s.start);    /* 08:30 */
    s.end = s.start + 60;
    s.resources = res;
    s.nresources = 2;
    CHECK_EQ(ordo_model_add_session(m, &s, NULL), ORDO_OK);
    CHECK_EQ(ordo_ctt_from_model(in, m, &back, &err), ORDO_EINPUT);
    CHECK_CONTAINS(err.msg, "2001-01-01T08:30");
    CHECK_CONTAINS(err.msg, "c0001");
    CHECK(back == NULL);
    /* 14:00 is past the last period (6 periods from 08:00) */
    ordo_tz_to_utc("UTC", ordo_ctt_day_date(0), 14 * 60, &m->sessions.v[0].start);
    CHECK_EQ(ordo_ctt_from_model(in, m, &back, &err), ORDO_EINPUT);
    CHECK_CONTAINS(err.msg, "not a period");
    /* Saturday is past the last day */
    ordo_tz_to_utc("UTC", ordo_ctt_day_date(5), 8 * 60, &m->sessions.v[0].start);
    CHECK_EQ(ordo_ctt_from_model(in, m, &back, &err), ORDO_EINPUT);
    /* no room */
    ordo_tz_to_utc("UTC", ordo_ctt_day_date(4), 13 * 60, &m->sessions.v[0].start);
    CHECK_EQ(ordo_ctt_from_model(in, m, &back, &err), ORDO_OK);
    CHECK(back && back->n == 1 && back->v[0].day == 4 && back->v[0].period == 5);
    ordo_ctt_solution_free(back);
    back = NULL;
    ordo_session_set_resources(&m->sessions.v[0], res, 1);
    CHECK_EQ(ordo_ctt_from_model(in, m, &back, &err), ORDO_EINPUT);
    CHECK_CONTAINS(err.msg, "has no room");
done:
    ordo_ctt_solution_free(back);
    ordo_model_free(m);
    ordo_ctt_instance_free(in);
}

/* Out of memory at every allocation in turn: each step fails cleanly with
 * ORDO_ENOMEM (no leak: the sanitizer build checks) until the run succeeds. */
typedef struct failing { long left; int failed; } failing;

static void *fail_malloc(size_t n, void *p)
{
    failing *f = p;
    if (f->left-- == 0) {
        f->failed = 1;
        return NULL;
    }
    return malloc(n);
}

static void *fail_realloc(void *ptr, size_t n, void *p)
{
    failing *f = p;
    if (f->left-- == 0) {
        f->failed = 1;
        return NULL;
    }
    return realloc(ptr, n);
}

static void fail_free(void *ptr, void *p)
{
    (void)p;
    free(ptr);
}

static int run_all_steps(const char *ipath, const char *spath)
{
    ordo_ctt_instance *in = NULL;
    ordo_ctt_solution *sol = NULL, *back = NULL;
    ordo_model *m = NULL;
    ordo_ctt_check_result r;
    ordo_err err = { 0 };
    int rc = ORDO_OK;
    ORDO_TRY(ordo_ctt_instance_load(&in, ipath, &err));
    ORDO_TRY(ordo_ctt_solution_load(&sol, in, spath, NULL, NULL, &err));
    ORDO_TRY(ordo_ctt_check(&r, in, sol, &err));
    ORDO_TRY(ordo_ctt_to_model(in, &m, &err));
    ORDO_TRY(ordo_ctt_from_model(in, m, &back, &err));
done:
    ordo_ctt_solution_free(sol);
    ordo_ctt_solution_free(back);
    ordo_model_free(m);
    ordo_ctt_instance_free(in);
    return rc;
}

static void test_ctt_model__out_of_memory(void)
{
    char ipath[1024], spath[1024];
    failing f = { 0, 0 };
    ordo_allocator a = { fail_malloc, fail_realloc, fail_free, &f };
    int wrong = 0, steps = 0, rc = ORDO_ENOMEM;
    ctt_data_path(ipath, sizeof ipath, "comp01.ctt");
    ctt_data_path(spath, sizeof spath, "reference-solutions/random/comp01.sol");
    for (long n = 0; rc == ORDO_ENOMEM && n < 100000; n++) {
        f.left = n;
        f.failed = 0;
        ordo_set_allocator(&a);
        rc = run_all_steps(ipath, spath);
        ordo_set_allocator(NULL);
        wrong += rc != ORDO_OK && (rc != ORDO_ENOMEM || !f.failed);
        steps++;
    }
    CHECK_EQ(rc, ORDO_OK);
    CHECK_EQ(wrong, 0);
    CHECK(steps > 100);
    fprintf(stderr, "  out of memory: %d allocation points\n", steps - 1);
}

int main(void)
{
    RUN(test_ctt_model__comp01_counts);
    RUN(test_ctt_model__comp01_mapping);
    RUN(test_ctt_model__roundtrip_comp01);
    RUN(test_ctt_model__roundtrip_six_day_grid);
    RUN(test_ctt_model__from_model_refuses);
    RUN(test_ctt_model__out_of_memory);
    return CHECK_DONE();
}
