/*
 * test_app.c — the application layer's desk use cases on a real store file:
 * book / reschedule / cancel with their results, conflicts named and
 * refused with nothing written, bad input naming the request field,
 * booking get and list (desk bookings and course sessions alike), resource
 * list/get, find-times avoiding the bookings made — and the real race:
 * several threads, each with its own ordo_app handle, booking the same
 * slot at once: exactly one wins, the store holds exactly one booking.
 * The import: its report, a dry run leaving the file byte-identical, the
 * session that new time off makes unfit listed, a refused time-zone change;
 * resource show.
 */
#include "app/app.h"
#include "app/app_data.h"
#include "check.h"
#include "io/store.h"
#include "solver/desk_fixture.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TZ "Europe/Paris"
#define NTHREADS 8

static char db[512];

/* paris: tech1, tech2 (repair), van1 (van); Mon-Fri 08-18; service repair
 * (90 min: one repair person + one van); a course session of tech2 on
 * Wednesday 2027-03-10 09:00-10:30. */
static void make_db(void)
{
    ordo_model *m = NULL;
    ordo_store *s = NULL;
    ordo_err err = { 0 };
    snprintf(db, sizeof db, "%s/test_app_%d.db", check_env("ORDO_TMP", "/tmp"), (int)getpid());
    unlink(db);
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    int paris = dx_site(m, "paris", TZ);
    int t1 = dx_resource(m, "tech1", ORDO_PERSON, paris, 0, "repair");
    int t2 = dx_resource(m, "tech2", ORDO_PERSON, paris, 0, "repair;install");
    int van = dx_resource(m, "van1", ORDO_EQUIPMENT, paris, 0, "van");
    dx_weekdays(m, t1, 8 * 60, 18 * 60);
    dx_weekdays(m, t2, 8 * 60, 18 * 60);
    dx_weekdays(m, van, 8 * 60, 18 * 60);
    int svc = dx_service(m, "repair", 90);
    dx_requirement(m, svc, ORDO_PERSON, 1, "repair", 0);
    dx_requirement(m, svc, ORDO_EQUIPMENT, 1, "van", 0);
    int res[2] = { t2, van };
    dx_booking(m, "training", svc, NULL, 0, dx_local(TZ, 2027, 3, 10, 9, 0), dx_local(TZ, 2027, 3, 10, 10, 30),
               paris, res, 2);
    CHECK_EQ(ordo_store_open(&s, db, &err), ORDO_OK);
    CHECK_EQ(ordo_store_save(s, m), ORDO_OK);
    ordo_store_close(s);
    ordo_model_free(m);
}

static ordo_app *open_app(void)
{
    ordo_app *a = NULL;
    ordo_err err = { 0 };
    CHECK_EQ(ordo_app_open(&a, db, 1, &err), ORDO_OK);
    return a;
}

static int count_sql_sessions(void)
{
    ordo_app *a = open_app();
    ordo_app_bookings l = { 0 };
    ordo_app_booking_list_req rq = { 0 };
    rq.include_cancelled = 1;
    CHECK_EQ(ordo_app_booking_list(a, &rq, &l), ORDO_OK);
    int n = l.n;
    ordo_app_bookings_clear(&l);
    ordo_app_close(a);
    return n;
}

static void test_app__open_missing(void)
{
    ordo_app *a = NULL;
    ordo_err err = { 0 };
    CHECK_EQ(ordo_app_open(&a, "/nonexistent/none.db", 1, &err), ORDO_ENOTFOUND);
    CHECK(a == NULL);
    CHECK_CONTAINS(err.msg, "ordo import");
}

static void test_app__book_conflict_move_cancel(void)
{
    ordo_app *a = open_app();
    const char *res[] = { "tech1", "van1" };
    ordo_app_book_req rq = { 0 };
    ordo_app_change_res r = { 0 };
    rq.service = "repair";
    rq.start = "2027-03-09T09:00";
    rq.resources = res;
    rq.nresources = 2;
    rq.customer = NULL;
    rq.now = 1800000000;
    CHECK_EQ(ordo_app_book(a, &rq, &r), ORDO_OK);
    CHECK_STR(r.booking.id, "booking-1");
    CHECK_STR(r.booking.start.text, "2027-03-09T09:00:00+01:00");
    CHECK_STR(r.booking.end.text, "2027-03-09T10:30:00+01:00");
    CHECK_STR(r.booking.site, "paris");
    CHECK_EQ(r.booking.nresources, 2);
    CHECK_EQ(r.booking.sequence, 0);
    CHECK_EQ(r.booking.status, ORDO_SESSION_PLANNED);
    CHECK(r.booking.session > 0);
    CHECK_EQ(r.booking.dtstamp, 1800000000);
    char uid[48];
    snprintf(uid, sizeof uid, "ordo-session-%lld@ordo", (long long)r.booking.session);
    CHECK_STR(r.booking.uid, uid);
    ordo_app_change_res_clear(&r);
    int before = count_sql_sessions();

    /* the same slot again: a conflict naming resource and booking; nothing written */
    rq.start = "2027-03-09T09:30+01:00";
    CHECK_EQ(ordo_app_book(a, &rq, &r), ORDO_ERULE);
    CHECK_CONTAINS(ordo_app_errmsg(a), "resource 'tech1' is already booked by booking 'booking-1'");
    CHECK_STR(ordo_app_errfield(a), "start");
    CHECK_EQ(count_sql_sessions(), before);

    /* bad input names the field */
    rq.start = "2027-03-09T25:00";
    CHECK_EQ(ordo_app_book(a, &rq, &r), ORDO_EINVAL);
    CHECK_STR(ordo_app_errfield(a), "start");
    rq.start = "2027-03-09T11:00";
    rq.service = "nope";
    CHECK_EQ(ordo_app_book(a, &rq, &r), ORDO_EINPUT);
    CHECK_STR(ordo_app_errfield(a), "service");
    CHECK_CONTAINS(ordo_app_errmsg(a), "unknown service 'nope'");
    rq.service = "repair";
    const char *bad[] = { "tech1", "ghost" };
    rq.resources = bad;
    CHECK_EQ(ordo_app_book(a, &rq, &r), ORDO_EINPUT);
    CHECK_STR(ordo_app_errfield(a), "resources[1]");
    rq.resources = res;
    rq.customer = "nobody";
    CHECK_EQ(ordo_app_book(a, &rq, &r), ORDO_EINPUT);
    CHECK_STR(ordo_app_errfield(a), "customer");
    rq.customer = NULL;
    rq.start = "2027-03-28T02:30";           /* the spring-forward gap in Paris */
    CHECK_EQ(ordo_app_book(a, &rq, &r), ORDO_EINPUT);
    CHECK_CONTAINS(ordo_app_errmsg(a), "does not exist");
    CHECK_EQ(count_sql_sessions(), before);

    /* forced: booked, flagged, conflict returned */
    rq.start = "2027-03-09T09:30";
    rq.force = 1;
    rq.title = "Urgent fix";
    CHECK_EQ(ordo_app_book(a, &rq, &r), ORDO_OK);
    CHECK_STR(r.booking.id, "booking-2");
    CHECK_STR(r.booking.title, "Urgent fix");
    CHECK_EQ(r.booking.conflict, 1);
    CHECK_CONTAINS(r.conflict, "booking-1");
    ordo_app_change_res_clear(&r);

    /* reschedule booking-2 away from the clash: SEQUENCE 1, flag cleared */
    ordo_app_reschedule_req mv = { 0 };
    mv.booking = "booking-2";
    mv.start = "2027-03-09T14:00";
    mv.now = 1800000100;
    CHECK_EQ(ordo_app_reschedule(a, &mv, &r), ORDO_OK);
    CHECK_EQ(r.unchanged, 0);
    CHECK_STR(r.before.start.text, "2027-03-09T09:30:00+01:00");
    CHECK_STR(r.booking.start.text, "2027-03-09T14:00:00+01:00");
    CHECK_EQ(r.booking.sequence, 1);
    CHECK_EQ(r.booking.conflict, 0);
    CHECK_EQ(r.booking.session, r.before.session);
    ordo_app_change_res_clear(&r);
    CHECK_EQ(ordo_app_reschedule(a, &mv, &r), ORDO_OK);
    CHECK_EQ(r.unchanged, 1);
    CHECK_EQ(r.booking.sequence, 1);
    ordo_app_change_res_clear(&r);
    /* onto booking-1: refused */
    mv.start = "2027-03-09T10:00";
    CHECK_EQ(ordo_app_reschedule(a, &mv, &r), ORDO_ERULE);
    mv.booking = "booking-77";
    CHECK_EQ(ordo_app_reschedule(a, &mv, &r), ORDO_ENOTFOUND);
    CHECK_STR(ordo_app_errfield(a), "booking");

    /* cancel */
    ordo_app_cancel_req cq = { "booking-2", 1800000200 };
    CHECK_EQ(ordo_app_cancel(a, &cq, &r), ORDO_OK);
    CHECK_EQ(r.booking.status, ORDO_SESSION_CANCELLED);
    CHECK_EQ(r.booking.sequence, 2);
    ordo_app_change_res_clear(&r);
    CHECK_EQ(ordo_app_cancel(a, &cq, &r), ORDO_ERULE);
    ordo_app_close(a);
}

static void test_app__reads(void)
{
    ordo_app *a = open_app();
    ordo_app_booking b = { 0 };
    CHECK_EQ(ordo_app_booking_get(a, "booking-1", &b), ORDO_OK);
    CHECK_EQ(b.is_booking, 1);
    CHECK_STR(b.service, "repair");
    char num[24];
    snprintf(num, sizeof num, "%lld", (long long)b.session);
    ordo_app_booking_clear(&b);
    CHECK_EQ(ordo_app_booking_get(a, num, &b), ORDO_OK);
    CHECK_STR(b.id, "booking-1");
    ordo_app_booking_clear(&b);
    CHECK_EQ(ordo_app_booking_get(a, "nope", &b), ORDO_ENOTFOUND);

    /* tech2's week: the course session (Wednesday), not booking-1 (tech1) */
    ordo_app_bookings l = { 0 };
    ordo_app_booking_list_req lq = { "2027-03-08", "2027-03-15", "tech2", NULL, 0 };
    CHECK_EQ(ordo_app_booking_list(a, &lq, &l), ORDO_OK);
    CHECK_EQ(l.n, 1);
    if (l.n == 1) {
        CHECK_STR(l.v[0].course, "training");
        CHECK_EQ(l.v[0].is_booking, 0);
        CHECK_STR(l.v[0].start.text, "2027-03-10T09:00:00+01:00");
    }
    ordo_app_bookings_clear(&l);
    /* everyone that week, by start: booking-1 (Tue) then training (Wed); cancelled left out */
    lq.resource = NULL;
    CHECK_EQ(ordo_app_booking_list(a, &lq, &l), ORDO_OK);
    CHECK_EQ(l.n, 2);
    if (l.n == 2) {
        CHECK_STR(l.v[0].id, "booking-1");
        CHECK_STR(l.v[1].course, "training");
    }
    ordo_app_bookings_clear(&l);
    /* a range ending before booking-1 starts */
    lq.to = "2027-03-09T09:00+01:00";
    CHECK_EQ(ordo_app_booking_list(a, &lq, &l), ORDO_OK);
    CHECK_EQ(l.n, 0);
    ordo_app_bookings_clear(&l);
    lq.resource = "ghost";
    CHECK_EQ(ordo_app_booking_list(a, &lq, &l), ORDO_EINPUT);
    CHECK_STR(ordo_app_errfield(a), "resource");

    ordo_app_resources rl = { 0 };
    CHECK_EQ(ordo_app_resource_list(a, &rl), ORDO_OK);
    CHECK_EQ(rl.n, 3);
    ordo_app_resources_clear(&rl);
    ordo_app_resource r = { 0 };
    CHECK_EQ(ordo_app_resource_get(a, "tech2", &r), ORDO_OK);
    CHECK_EQ(r.nskills, 2);
    if (r.nskills == 2)
        CHECK_STR(r.skills[1], "install");
    CHECK_STR(r.timezone, TZ);
    CHECK_EQ(r.kind, ORDO_PERSON);
    ordo_app_resource_clear(&r);
    CHECK_EQ(ordo_app_resource_get(a, "ghost", &r), ORDO_ENOTFOUND);

    /* find-times: the first proposal on Tuesday avoids booking-1 for tech1 */
    ordo_app_find_times_req fq = { 0 };
    ordo_app_find_times_res fr = { 0 };
    const char *prefer[] = { "tech1" };
    fq.service = "repair";
    fq.after = "2027-03-09T09:00";
    fq.before = "2027-03-09T12:00";
    fq.prefer = prefer;
    fq.nprefer = 1;
    fq.count = 3;
    CHECK_EQ(ordo_app_find_times(a, &fq, &fr), ORDO_OK);
    CHECK(fr.n >= 1);
    for (int i = 0; i < fr.n; i++)      /* booking-1 holds van1 09:00-10:30 */
        CHECK(fr.proposals[i].start.utc >= dx_local(TZ, 2027, 3, 9, 10, 30));
    if (fr.n >= 1)
        CHECK_STR(fr.proposals[0].start.text, "2027-03-09T10:30:00+01:00");
    ordo_app_find_times_res_clear(&fr);
    fq.count = 5000;
    CHECK_EQ(ordo_app_find_times(a, &fq, &fr), ORDO_EINVAL);
    CHECK_STR(ordo_app_errfield(a), "count");
    ordo_app_close(a);
}

/* ---- import and resource show ------------------------------------------------------ */

/* The whole file (caller frees), *n its size. */
static char *slurp(const char *path, long *n)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    *n = -1;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (*n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)*n + 1)) && fread(buf, 1, (size_t)*n, f) != (size_t)*n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

static void put_file(const char *dir, const char *name, const char *text)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void test_app__import_report_and_dry_run(void)
{
    char dir[600], path[700];
    long n0, n1;
    snprintf(dir, sizeof dir, "%s/test_app_import_%d", check_env("ORDO_TMP", "/tmp"), (int)getpid());
    mkdir(dir, 0777);
    /* tech2 off all Wednesday: the training session (09:00, tech2 + van1) no longer fits */
    put_file(dir, "time_off.csv", "resource,start,end,reason\ntech2,2027-03-10T00:00,2027-03-11T00:00,course\n");
    char *before = slurp(db, &n0);
    ordo_app *a = open_app();
    ordo_app_import_req rq = { .dir = dir, .dry_run = 1 };
    ordo_app_import_res r = { 0 };
    CHECK_EQ(ordo_app_import(a, &rq, &r), ORDO_OK);
    CHECK_EQ(r.report.read[ORDO_IMPORT_TIME_OFF], 1);
    CHECK_EQ(r.report.tables[ORDO_IMPORT_TIME_OFF].added, 1);
    CHECK_EQ(r.report.tables[ORDO_IMPORT_TIME_OFF].removed, 0);
    CHECK_EQ(r.nmoved, 0);
    CHECK_EQ(r.nrepair, 1);
    if (r.nrepair == 1) {
        CHECK_STR(r.repair[0].why, "resource 'tech2' is on time off then");
        CHECK(strncmp(r.repair[0].label, "course 'training'", 17) == 0);
        CHECK_STR(r.repair[0].start.text, "2027-03-10T09:00:00+01:00");
    }
    ordo_app_import_res_clear(&r);
    ordo_app_close(a);
    char *after = slurp(db, &n1);
    CHECK(before && after && n0 == n1 && memcmp(before, after, (size_t)n0) == 0);
    free(after);

    a = open_app();
    ordo_app_resource_detail d = { 0 };
    CHECK_EQ(ordo_app_resource_show(a, "tech2", 1798761600 /* 2027-01-01 */, &d), ORDO_OK);
    CHECK_EQ(d.ntime_off, 0);                                   /* the dry run wrote nothing */
    ordo_app_resource_detail_clear(&d);
    rq.dry_run = 0;
    CHECK_EQ(ordo_app_import(a, &rq, &r), ORDO_OK);
    CHECK_EQ(r.nrepair, 1);
    ordo_app_import_res_clear(&r);
    CHECK_EQ(ordo_app_resource_show(a, "tech2", 1798761600, &d), ORDO_OK);
    CHECK_EQ(d.nhours, 5);
    if (d.nhours == 5)
        CHECK(d.hours[0].weekday == 0 && d.hours[0].start == 8 * 60 && d.hours[0].end == 18 * 60);
    CHECK_EQ(d.ntime_off, 1);
    if (d.ntime_off == 1) {
        CHECK_STR(d.time_off[0].start, "2027-03-10T00:00");
        CHECK_STR(d.time_off[0].reason, "course");
        CHECK_EQ(d.time_off[0].past, 0);
    }
    CHECK_EQ(d.sessions_upcoming, 1);
    CHECK_EQ(d.sessions_past, 0);
    ordo_app_resource_detail_clear(&d);
    /* the same instant seen after the time off ended */
    CHECK_EQ(ordo_app_resource_show(a, "tech2", 1830297600 /* 2028-01-01 */, &d), ORDO_OK);
    CHECK(d.ntime_off == 1 && d.time_off[0].past == 1);
    CHECK_EQ(d.sessions_upcoming, 0);
    CHECK_EQ(d.sessions_past, 1);
    ordo_app_resource_detail_clear(&d);
    CHECK_EQ(ordo_app_resource_show(a, "ghost", 0, &d), ORDO_ENOTFOUND);

    /* a new time zone for paris: refused, field timezone, nothing written */
    put_file(dir, "sites.csv", "id,name,timezone\nparis,Paris,America/New_York\n");
    ordo_app_close(a);                 /* the last close folds the WAL into the file */
    free(before);
    before = slurp(db, &n0);
    a = open_app();
    CHECK_EQ(ordo_app_import(a, &rq, &r), ORDO_ERULE);
    CHECK_STR(ordo_app_errfield(a), "timezone");
    CHECK(strstr(ordo_app_errmsg(a), "sites.csv:2: timezone: site 'paris' is stored with time zone Europe/Paris") != NULL);
    ordo_app_close(a);
    after = slurp(db, &n1);
    CHECK(before && after && n0 == n1 && memcmp(before, after, (size_t)n0) == 0);
    free(before);
    free(after);
    snprintf(path, sizeof path, "%s/sites.csv", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/time_off.csv", dir);
    unlink(path);
    rmdir(dir);
}

/* ---- the race --------------------------------------------------------------------- */

typedef struct racer {
    pthread_barrier_t *go;
    int rc;
} racer;

static void *race_book(void *p)
{
    racer *r = p;
    ordo_app *a = open_app();
    const char *res[] = { "tech2", "van1" };
    ordo_app_book_req rq = { 0 };
    ordo_app_change_res out = { 0 };
    rq.service = "repair";
    rq.start = "2027-03-11T14:00";
    rq.resources = res;
    rq.nresources = 2;
    ordo_app_set_busy_timeout(a, 30000);
    pthread_barrier_wait(r->go);
    r->rc = ordo_app_book(a, &rq, &out);
    ordo_app_change_res_clear(&out);
    ordo_app_close(a);
    return NULL;
}

static void test_app__threads_never_double_book(void)
{
    pthread_t t[NTHREADS];
    racer r[NTHREADS];
    pthread_barrier_t go;
    int ok = 0, conflict = 0;
    pthread_barrier_init(&go, NULL, NTHREADS);
    for (int i = 0; i < NTHREADS; i++) {
        r[i] = (racer){ &go, 1 };
        pthread_create(&t[i], NULL, race_book, &r[i]);
    }
    for (int i = 0; i < NTHREADS; i++) {
        pthread_join(t[i], NULL);
        ok += r[i].rc == ORDO_OK;
        conflict += r[i].rc == ORDO_ERULE;
    }
    pthread_barrier_destroy(&go);
    CHECK_EQ(ok, 1);
    CHECK_EQ(conflict, NTHREADS - 1);
    ordo_app *a = open_app();
    ordo_app_bookings l = { 0 };
    ordo_app_booking_list_req lq = { "2027-03-11", "2027-03-12", "van1", NULL, 0 };
    CHECK_EQ(ordo_app_booking_list(a, &lq, &l), ORDO_OK);
    CHECK_EQ(l.n, 1);
    ordo_app_bookings_clear(&l);
    ordo_app_close(a);
}

int main(void)
{
    mkdir(check_env("ORDO_TMP", "/tmp"), 0777);   /* may exist */
    make_db();
    RUN(test_app__open_missing);
    RUN(test_app__book_conflict_move_cancel);
    RUN(test_app__reads);
    RUN(test_app__import_report_and_dry_run);
    RUN(test_app__threads_never_double_book);
    unlink(db);
    return CHECK_DONE();
}
