/*
 * test_sites.c — the site rules of a course through ordo_solve(): all
 * sessions of a course at one site, one of its `site` list when it has one,
 * a site fixed by the course's kept (done) sessions, and unplaced reasons
 * that name the site when the rule is what blocks.
 *
 * The model: Paris (Europe/Paris) and Montréal (America/Toronto), each with
 * one python teacher and one 20-seat room; a 120-minute service "py" needs
 * one python person and a room for the participants. The planning week is
 * Monday 2027-01-04 to Friday 2027-01-08.
 */
#include "check.h"
#include "model/check.h"
#include "model/model.h"
#include "solver/booking.h"
#include "solver/solve.h"

#include <string.h>

#define FROM "2027-01-04"
#define TO "2027-01-08"

static ordo_date D(const char *s)
{
    ordo_date d = 0;
    ordo_date_parse(s, &d);
    return d;
}

static int add_resource(ordo_model *m, const char *id, ordo_kind kind, int site, const char *skills, int seats)
{
    ordo_resource r = { 0 };
    r.id = (char *)id;
    r.name = (char *)id;
    r.kind = kind;
    r.site = site;
    r.capacity = seats;
    ordo_strlist_parse(&r.skills, skills);
    int at = -1;
    CHECK_EQ(ordo_model_put_resource(m, &r, &at), ORDO_OK);
    ordo_strlist_clear(&r.skills);
    return at;
}

/* Working hours 09:00-17:00 on weekdays first..last (0 = Monday). */
static void hours(ordo_model *m, int r, int first, int last)
{
    for (int wd = first; wd <= last; wd++) {
        ordo_working_hours w = { r, wd, 9 * 60, 17 * 60 };
        CHECK_EQ(ordo_model_add_working_hours(m, &w), ORDO_OK);
    }
}

/* ann teaches in Paris on days pa..pb, bob in Montréal on days ma..mb. */
static ordo_model *two_sites(int pa, int pb, int ma, int mb)
{
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    ordo_site paris = { "paris", "Paris", "Europe/Paris" }, mtl = { "montreal", "Montréal", "America/Toronto" };
    CHECK_EQ(ordo_model_put_site(m, &paris, NULL), ORDO_OK);
    CHECK_EQ(ordo_model_put_site(m, &mtl, NULL), ORDO_OK);
    hours(m, add_resource(m, "ann", ORDO_PERSON, 0, "python", 0), pa, pb);
    hours(m, add_resource(m, "bob", ORDO_PERSON, 1, "python", 0), ma, mb);
    add_resource(m, "salle", ORDO_ROOM, 0, "", 20);
    add_resource(m, "local", ORDO_ROOM, 1, "", 20);
    ordo_service sv = { "py", "Python", 120 };
    int s = -1;
    CHECK_EQ(ordo_model_put_service(m, &sv, &s), ORDO_OK);
    ordo_requirement q1 = { s, ORDO_PERSON, 1, "python", ORDO_CAPACITY_ANY, 0 };
    ordo_requirement q2 = { s, ORDO_ROOM, 1, NULL, ORDO_CAPACITY_PARTICIPANTS, 0 };
    CHECK_EQ(ordo_model_add_requirement(m, &q1), ORDO_OK);
    CHECK_EQ(ordo_model_add_requirement(m, &q2), ORDO_OK);
    ordo_account acc = { 0 };
    acc.id = "acme";
    acc.name = "Acme";
    acc.relationship = ORDO_REL_CLIENT;
    CHECK_EQ(ordo_model_put_account(m, &acc, NULL), ORDO_OK);
    return m;
}

static int add_course(ordo_model *m, const char *id, int sessions, int gap, const char *sites)
{
    ordo_course c = { 0 };
    c.id = (char *)id;
    c.title = (char *)id;
    c.service = ordo_model_find_service(m, "py");
    c.customer = "acme";
    c.contract = -1;
    c.sessions = sessions;
    c.participants = 8;
    c.earliest = D(FROM);
    c.latest = D(TO);
    c.min_days_between = gap;
    ordo_strlist_parse(&c.sites, sites);
    int at = -1;
    CHECK_EQ(ordo_model_put_course(m, &c, &at), ORDO_OK);
    ordo_strlist_clear(&c.sites);
    return at;
}

static ordo_solve_result run(ordo_model *m)
{
    ordo_solve_options o = ORDO_SOLVE_OPTIONS_INIT;
    o.from = D(FROM);
    o.to = D(TO);
    o.seed = 7;
    o.work_limit = 20000;
    o.now = 1000;
    ordo_solve_result r;
    memset(&r, 0, sizeof r);
    CHECK_EQ(ordo_solve(m, &o, &r), ORDO_OK);
    return r;
}

/* Sessions of `course` with status st; *site = the site they share (-1 if
 * none, -2 if they are at more than one). */
static int sessions_at(const ordo_model *m, int course, ordo_session_status st, int *site)
{
    int n = 0;
    *site = -1;
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *s = &m->sessions.v[i];
        if (s->course != course || s->status != st)
            continue;
        n++;
        *site = *site == -1 || *site == s->site ? s->site : -2;
    }
    return n;
}

static const char *reason_of(const ordo_model *m, int course)
{
    for (size_t i = 0; i < m->sessions.n; i++)
        if (m->sessions.v[i].course == course && m->sessions.v[i].status == ORDO_SESSION_UNSCHEDULED)
            return m->sessions.v[i].reason;
    return NULL;
}

/* Paris can host one session (Mon-Tue, 2 days apart needed), Montréal one
 * (Thu-Fri): splitting would place both, the one-site rule places one. */
static void test_sites__split_would_place_more_but_one_site_holds(void)
{
    ordo_model *m = two_sites(0, 1, 3, 4);
    int c = add_course(m, "split", 2, 2, "");
    ordo_solve_result r = run(m);
    int site = -1;
    CHECK_EQ(r.total, 2);
    CHECK_EQ(r.placed, 1);
    CHECK_EQ(sessions_at(m, c, ORDO_SESSION_PLANNED, &site), 1);
    CHECK(site >= 0);
    CHECK_EQ(sessions_at(m, c, ORDO_SESSION_UNSCHEDULED, &site), 1);
    const char *why = reason_of(m, c);
    CHECK(why && strstr(why, "at site ") != NULL);
    ordo_model_free(m);
}

/* Both sites have room for the whole course: its sessions never split. */
static void test_sites__sessions_share_one_site(void)
{
    ordo_model *m = two_sites(0, 4, 0, 4);
    int c1 = add_course(m, "c1", 3, 1, ""), c2 = add_course(m, "c2", 3, 1, ""), c3 = add_course(m, "c3", 2, 0, "");
    ordo_solve_result r = run(m);
    CHECK_EQ(r.placed, 8);
    int cs[] = { c1, c2, c3 };
    for (int i = 0; i < 3; i++) {
        int site = -1;
        sessions_at(m, cs[i], ORDO_SESSION_PLANNED, &site);
        CHECK(site >= 0);
    }
    ordo_model_free(m);
}

/* Restricted to montreal: planned only there, though Paris is free all week
 * and bob only on two days; the unrestricted twin uses the better site. */
static void test_sites__site_list_is_kept(void)
{
    ordo_model *m = two_sites(0, 4, 3, 4);
    int mtl = ordo_model_find_site(m, "montreal"), paris = ordo_model_find_site(m, "paris");
    int c = add_course(m, "mtl-only", 2, 1, "montreal");
    int free_c = add_course(m, "anywhere", 3, 1, "");
    ordo_solve_result r = run(m);
    int site = -1;
    CHECK_EQ(r.placed, 5);
    CHECK_EQ(sessions_at(m, c, ORDO_SESSION_PLANNED, &site), 2);
    CHECK_EQ(site, mtl);
    CHECK_EQ(sessions_at(m, free_c, ORDO_SESSION_PLANNED, &site), 3);
    CHECK_EQ(site, paris);      /* three sessions a day apart only fit in Paris */
    ordo_model_free(m);
}

/* No python teacher at the listed site: unplaced, the reason names the site. */
static void test_sites__reason_names_the_site(void)
{
    ordo_model *m = two_sites(0, 4, 0, 4);
    int bob = ordo_model_find_resource(m, "bob");
    ordo_resource r = m->resources.v[bob];
    ordo_strlist sql = { 0 };
    ordo_strlist_parse(&sql, "sql");
    r.skills = sql;
    CHECK_EQ(ordo_model_put_resource(m, &r, NULL), ORDO_OK);
    ordo_strlist_clear(&sql);
    int c = add_course(m, "mtl-python", 1, 0, "montreal");
    ordo_solve_result res = run(m);
    CHECK_EQ(res.placed, 0);
    CHECK_STR(reason_of(m, c), "site: no teacher with skill 'python' at site montreal "
                               "(course mtl-python may only use site montreal)");
    ordo_model_free(m);
}

/* A delivered session in Montréal fixes the course's site for the rest. */
static void test_sites__done_session_fixes_the_site(void)
{
    ordo_model *m = two_sites(0, 4, 2, 4);
    int c = add_course(m, "cont", 3, 1, "");
    int mtl = ordo_model_find_site(m, "montreal");
    int res[2] = { ordo_model_find_resource(m, "bob"), ordo_model_find_resource(m, "local") };
    ordo_session done = { 0 };
    done.course = c;
    done.ordinal = 0;
    done.status = ORDO_SESSION_DONE;
    done.site = mtl;
    done.start = (ordo_utc)D("2026-12-14") * ORDO_MIN_PER_DAY + 15 * 60;   /* 10:00 in Montréal */
    done.end = done.start + 120;
    done.resources = res;
    done.nresources = 2;
    CHECK_EQ(ordo_model_add_session(m, &done, NULL), ORDO_OK);
    ordo_solve_result r = run(m);
    int site = -1;
    CHECK_EQ(r.total, 2);
    CHECK_EQ(r.placed, 2);
    CHECK_EQ(sessions_at(m, c, ORDO_SESSION_PLANNED, &site), 2);
    CHECK_EQ(site, mtl);
    ordo_model_free(m);
}

/* The model's own check: a course naming a site that does not exist. */
static void test_sites__unknown_site_is_an_error(void)
{
    ordo_model *m = two_sites(0, 4, 0, 4);
    int c = add_course(m, "lost", 1, 0, "paris;atlantis");
    ordo_err err = { 0 };
    CHECK_EQ(ordo_model_check(m, &err), ORDO_EINVAL);
    CHECK_STR(err.msg, "cannot save course 'lost': site 'atlantis' is not a known site");
    CHECK(ordo_course_site_allowed(m, &m->courses.v[c], ordo_model_find_site(m, "paris")));
    CHECK(!ordo_course_site_allowed(m, &m->courses.v[c], ordo_model_find_site(m, "montreal")));
    ordo_model_free(m);
}

/* A planned session of course c at `site` with resources r0, r1. */
static int add_planned(ordo_model *m, int c, int ordinal, int site, ordo_utc start, int r0, int r1)
{
    int res[2] = { r0, r1 }, at = -1;
    ordo_session s = { 0 };
    s.course = c;
    s.ordinal = ordinal;
    s.status = ORDO_SESSION_PLANNED;
    s.site = site;
    s.start = start;
    s.end = start + 120;
    s.resources = res;
    s.nresources = 2;
    CHECK_EQ(ordo_model_add_session(m, &s, &at), ORDO_OK);
    return at;
}

/* Moving a session through the desk (ordo_booking_check with except_session)
 * to resources at another site is refused: the course's other sessions are
 * elsewhere, or the site is not in its list. Same site: accepted. */
static void test_sites__desk_move_keeps_the_site(void)
{
    ordo_model *m = two_sites(0, 4, 0, 4);
    int paris = ordo_model_find_site(m, "paris"), mtl = ordo_model_find_site(m, "montreal");
    int ann = ordo_model_find_resource(m, "ann"), salle = ordo_model_find_resource(m, "salle");
    int bob = ordo_model_find_resource(m, "bob"), local = ordo_model_find_resource(m, "local");
    int cont = add_course(m, "cont", 2, 0, ""), only = add_course(m, "mtl-only", 1, 0, "montreal");
    ordo_utc tue = (ordo_utc)D("2027-01-05") * ORDO_MIN_PER_DAY;
    add_planned(m, cont, 0, paris, tue + 9 * 60, ann, salle);                  /* 10:00 Paris */
    int second = add_planned(m, cont, 1, paris, tue + 11 * 60, ann, salle);    /* 12:00 Paris */
    int lone = add_planned(m, only, 0, mtl, tue + 15 * 60, bob, local);        /* 10:00 Montréal */
    ordo_desk *d = NULL;
    ordo_err err = { 0 };
    CHECK_EQ(ordo_desk_new(&d, m, &err), ORDO_OK);
    ordo_booking_request rq = ORDO_BOOKING_REQUEST_INIT;
    ordo_booking_plan plan;
    char msg[1024];
    int to_mtl[2] = { bob, local }, to_paris[2] = { ann, salle };
    rq.service = ordo_model_find_service(m, "py");
    rq.participants = 8;
    rq.start = tue + 17 * 60;                  /* 12:00 in Montréal */
    rq.resources = to_mtl;
    rq.nresources = 2;
    rq.except_session = second;
    CHECK_EQ(ordo_booking_check(d, &rq, &plan, msg, sizeof msg), ORDO_EINPUT);
    CHECK_STR(msg, "site: all sessions of course cont are at one site; its session 1 is at site paris, "
                   "not at site montreal");
    rq.start = tue + 13 * 60;                  /* 14:00 in Paris, same site: fine */
    rq.resources = to_paris;
    CHECK_EQ(ordo_booking_check(d, &rq, &plan, msg, sizeof msg), ORDO_OK);
    rq.except_session = lone;                  /* mtl-only may not go to Paris */
    CHECK_EQ(ordo_booking_check(d, &rq, &plan, msg, sizeof msg), ORDO_EINPUT);
    CHECK_STR(msg, "site: course mtl-only may only take place at montreal, not at site paris");
    ordo_desk_free(d);
    ordo_model_free(m);
}

int main(void)
{
    RUN(test_sites__split_would_place_more_but_one_site_holds);
    RUN(test_sites__sessions_share_one_site);
    RUN(test_sites__site_list_is_kept);
    RUN(test_sites__reason_names_the_site);
    RUN(test_sites__done_session_fixes_the_site);
    RUN(test_sites__unknown_site_is_an_error);
    RUN(test_sites__desk_move_keeps_the_site);
    return CHECK_DONE();
}
