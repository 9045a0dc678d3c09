/*
 * test_desk_scope.c — desk writes read only their part of the store
 * (ops.load_scope) and server threads share one read snapshot
 * (ordo_app_reads): what could go wrong with each, tried on a real file.
 *
 *   - the scope's time window: a clash is still seen when the request's
 *     local time is 13 h away from UTC (Auckland), when the request gives
 *     UTC, and when the clashing session is the customer's other booking;
 *   - booking numbers: a new booking gets the number after the highest one
 *     in the whole store, even when that one lies outside the window;
 *   - a partial model cannot be saved whole or drive the hour-bank sync
 *     (both would drop what it does not hold), and the file is unchanged;
 *   - shared reads: a booking made through one handle is seen by the next
 *     read of another handle sharing the snapshot, and eight threads racing
 *     for one slot through shared handles give exactly one booking; the
 *     snapshot is loaded once per change, not once per handle.
 */
#include "app/app.h"
#include "check.h"
#include "io/service.h"
#include "io/store.h"
#include "solver/desk_fixture.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PARIS "Europe/Paris"
#define AKL "Pacific/Auckland"
#define NTHREADS 8

static char db[512];

/* paris: tech1, van1; auckland: kiwi1, kvan1; all work every weekday
 * 00:00-24:00. Service repair (60 min: a person + a van). A course session
 * of kiwi1+kvan1 on 2027-03-10 09:00-10:00 Auckland (NZDT, +13: 2027-03-09
 * 20:00Z) and a desk booking 'booking-40' far away (2027-09-01, paris). */
static void make_db(void)
{
    ordo_model *m = NULL;
    ordo_store *s = NULL;
    ordo_err err = { 0 };
    snprintf(db, sizeof db, "%s/test_desk_scope_%d.db", check_env("ORDO_TMP", "/tmp"), (int)getpid());
    unlink(db);
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    int paris = dx_site(m, "paris", PARIS), akl = dx_site(m, "auckland", AKL);
    int t1 = dx_resource(m, "tech1", ORDO_PERSON, paris, 0, "repair");
    int v1 = dx_resource(m, "van1", ORDO_EQUIPMENT, paris, 0, "van");
    int k1 = dx_resource(m, "kiwi1", ORDO_PERSON, akl, 0, "repair;install");
    int kv = dx_resource(m, "kvan1", ORDO_EQUIPMENT, akl, 0, "van");
    int all[4] = { t1, v1, k1, kv };
    for (int i = 0; i < 4; i++)
        dx_weekdays(m, all[i], 0, 24 * 60);
    int svc = dx_service(m, "repair", 60);
    dx_requirement(m, svc, ORDO_PERSON, 1, "repair", 0);
    dx_requirement(m, svc, ORDO_EQUIPMENT, 1, "van", 0);
    ordo_account acc = { 0 };
    acc.id = "acme";
    acc.name = "Acme";
    CHECK_EQ(ordo_model_put_account(m, &acc, NULL), ORDO_OK);
    int kres[2] = { k1, kv }, pres[2] = { t1, v1 };
    dx_booking(m, "kiwi-course", svc, NULL, 0, dx_local(AKL, 2027, 3, 10, 9, 0), dx_local(AKL, 2027, 3, 10, 10, 0),
               akl, kres, 2);
    dx_booking(m, "booking-40", svc, "acme", 1, dx_local(PARIS, 2027, 9, 1, 9, 0),
               dx_local(PARIS, 2027, 9, 1, 10, 0), paris, pres, 2);
    /* the window's bounds: a 10 h workshop of tech1+van1 on 2027-05-03
     * 08:00-18:00 (paris), a one-hour visit of kiwi1+kvan1 on 2027-05-04
     * 11:00-12:00 (auckland) and a three-hour service 'install' that only an
     * installer (kiwi1) gives */
    int wsvc = dx_service(m, "workshop", 600);
    dx_requirement(m, wsvc, ORDO_PERSON, 1, "repair", 0);
    dx_booking(m, "workshop-may", wsvc, NULL, 0, dx_local(PARIS, 2027, 5, 3, 8, 0), dx_local(PARIS, 2027, 5, 3, 18, 0),
               paris, pres, 2);
    dx_booking(m, "visit-may", svc, NULL, 0, dx_local(AKL, 2027, 5, 4, 11, 0), dx_local(AKL, 2027, 5, 4, 12, 0),
               akl, kres, 2);
    int isvc = dx_service(m, "install", 180);
    dx_requirement(m, isvc, ORDO_PERSON, 1, "install", 0);
    dx_requirement(m, isvc, ORDO_EQUIPMENT, 1, "van", 0);

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
    ordo_app_set_busy_timeout(a, 30000);
    return a;
}

static int book_service(ordo_app *a, const char *service, const char *start, const char *r1, const char *r2,
                        const char *customer, char *id, size_t idlen)
{
    const char *res[] = { r1, r2 };
    ordo_app_book_req rq = { 0 };
    ordo_app_change_res out = { 0 };
    rq.service = service;
    rq.start = start;
    rq.resources = res;
    rq.nresources = 2;
    rq.customer = customer;
    rq.now = 1800000000;
    int rc = ordo_app_book(a, &rq, &out);
    if (id)
        snprintf(id, idlen, "%s", rc == ORDO_OK && out.booking.id ? out.booking.id : "");
    ordo_app_change_res_clear(&out);
    return rc;
}

static int book(ordo_app *a, const char *start, const char *r1, const char *r2, const char *customer,
                char *id, size_t idlen)
{
    return book_service(a, "repair", start, r1, r2, customer, id, idlen);
}

static int64_t file_size(void)
{
    struct stat st;
    return stat(db, &st) == 0 ? (int64_t)st.st_size : -1;
}

static void test_desk_scope__window(void)
{
    ordo_app *a = open_app();
    char id[64];
    /* local 09:30 in Auckland = 20:30Z the day before: 13 h from "09:30 as UTC" */
    CHECK_EQ(book(a, "2027-03-10T09:30", "kiwi1", "kvan1", NULL, id, sizeof id), ORDO_ERULE);
    CHECK_CONTAINS(ordo_app_errmsg(a), "already booked by course 'kiwi-course'");
    /* the same instant given in UTC */
    CHECK_EQ(book(a, "2027-03-09T20:30:00Z", "kiwi1", "kvan1", NULL, id, sizeof id), ORDO_ERULE);
    CHECK_CONTAINS(ordo_app_errmsg(a), "kiwi-course");
    /* the hour after is free */
    CHECK_EQ(book(a, "2027-03-10T10:00", "kiwi1", "kvan1", NULL, id, sizeof id), ORDO_OK);
    /* the next number after booking-40, which lies months outside the window */
    CHECK_STR(id, "booking-41");

    /* the customer's other booking clashes even on other resources */
    CHECK_EQ(book(a, "2027-03-11T09:00", "tech1", "van1", "acme", id, sizeof id), ORDO_OK);
    CHECK_STR(id, "booking-42");
    CHECK_EQ(book(a, "2027-03-11T09:30+01:00", "kiwi1", "kvan1", "acme", id, sizeof id), ORDO_ERULE);
    CHECK_CONTAINS(ordo_app_errmsg(a), "customer 'acme' already has booking 'booking-42'");
    ordo_app_close(a);
}

/* The window reaches back the longest stored session's length and forward
 * the booked service's duration; the model holds the booked service's rules. */
static void test_desk_scope__window_bounds(void)
{
    ordo_app *a = open_app();
    char id[64];
    /* inside the workshop, which started 8 h before */
    CHECK_EQ(book(a, "2027-05-03T16:00", "tech1", "van1", NULL, id, sizeof id), ORDO_ERULE);
    CHECK_CONTAINS(ordo_app_errmsg(a), "workshop-may");
    CHECK_EQ(book(a, "2027-05-03T18:00", "tech1", "van1", NULL, id, sizeof id), ORDO_OK);
    /* an install at 09:00 lasts until 12:00: the 11:00 visit is in its way */
    CHECK_EQ(book_service(a, "install", "2027-05-04T09:00", "kiwi1", "kvan1", NULL, id, sizeof id), ORDO_ERULE);
    CHECK_CONTAINS(ordo_app_errmsg(a), "visit-may");
    /* ... and only an installer gives it: tech1 is refused by install's own rules */
    CHECK(book_service(a, "install", "2027-05-05T09:00", "tech1", "van1", NULL, id, sizeof id) != ORDO_OK);
    CHECK_CONTAINS(ordo_app_errmsg(a), "install");
    CHECK_EQ(book_service(a, "install", "2027-05-05T09:00", "kiwi1", "kvan1", NULL, id, sizeof id), ORDO_OK);

    /* a reschedule onto other resources still sees the customer's other booking */
    char kiwi[64], paris[64];
    CHECK_EQ(book(a, "2027-06-01T09:00:00Z", "kiwi1", "kvan1", "acme", kiwi, sizeof kiwi), ORDO_OK);
    CHECK_EQ(book(a, "2027-06-02T09:00:00Z", "tech1", "van1", "acme", paris, sizeof paris), ORDO_OK);
    const char *kres[] = { "kiwi1", "kvan1" };
    ordo_app_reschedule_req rq = { 0 };
    ordo_app_change_res out = { 0 };
    rq.booking = kiwi;
    rq.start = "2027-06-02T09:30:00Z";
    rq.resources = kres;
    rq.nresources = 2;
    rq.now = 1800000000;
    CHECK_EQ(ordo_app_reschedule(a, &rq, &out), ORDO_ERULE);
    CHECK_CONTAINS(ordo_app_errmsg(a), paris);
    ordo_app_change_res_clear(&out);
    /* ... and, keeping its resources, the sessions on them (read through the booking's own resources) */
    CHECK_EQ(book(a, "2027-06-03T09:00:00Z", "kiwi1", "kvan1", NULL, id, sizeof id), ORDO_OK);
    rq.resources = NULL;
    rq.nresources = 0;
    rq.start = "2027-06-03T08:30:00Z";
    CHECK_EQ(ordo_app_reschedule(a, &rq, &out), ORDO_ERULE);
    CHECK_CONTAINS(ordo_app_errmsg(a), id);
    ordo_app_change_res_clear(&out);
    rq.start = "2027-06-03T10:00:00Z";
    CHECK_EQ(ordo_app_reschedule(a, &rq, &out), ORDO_OK);
    CHECK_EQ(out.booking.nresources, 2);
    ordo_app_change_res_clear(&out);
    ordo_app_close(a);
}

static void test_desk_scope__partial_model_never_saved_whole(void)
{
    ordo_store *s = NULL;
    ordo_model *m = NULL;
    ordo_err err = { 0 };
    ordo_store_scope sc = { 0 };
    CHECK_EQ(ordo_store_open(&s, db, &err), ORDO_OK);
    sc.from = dx_local(AKL, 2027, 3, 10, 0, 0);
    sc.to = sc.from + 1440;
    const char *kiwi[] = { "kiwi1" };
    sc.resources = kiwi;
    sc.nresources = 1;
    CHECK_EQ(ordo_store_load_scope(s, &sc, &m), ORDO_OK);
    CHECK_EQ(m->partial, 1);
    CHECK_EQ(m->last_booking, 42);
    CHECK(ordo_model_find_course(m, "kiwi-course") >= 0);
    CHECK(ordo_model_find_course(m, "booking-40") < 0);      /* outside the window */
    CHECK(ordo_model_find_account(m, "acme") < 0);           /* no party asked */
    for (size_t i = 0; i < m->working_hours.n; i++)          /* kiwi1's rows only */
        CHECK_STR(m->resources.v[m->working_hours.v[i].resource].id, "kiwi1");
    CHECK(m->working_hours.n > 0);
    int64_t size = file_size();
    CHECK_EQ(ordo_store_save(s, m), ORDO_EINVAL);
    CHECK_CONTAINS(ordo_store_errmsg(s), "partial model");
    CHECK_EQ(ordo_store_bank_sync(s, m, 1800000000), ORDO_EINVAL);
    ordo_model_free(m);
    m = NULL;
    CHECK_EQ(file_size(), size);
    CHECK_EQ(ordo_store_load(s, &m), ORDO_OK);                /* everything still there */
    CHECK(ordo_model_find_course(m, "booking-40") >= 0);
    CHECK(ordo_model_find_course(m, "booking-42") >= 0);
    CHECK_EQ(m->partial, 0);
    ordo_model_free(m);
    ordo_store_close(s);
}

/* ---- shared reads --------------------------------------------------------------------- */

typedef struct racer {
    pthread_barrier_t *go;
    ordo_app_reads *reads;
    int rc;
} racer;

static void *race_book(void *p)
{
    racer *r = p;
    ordo_app *a = open_app();
    ordo_app_bookings l = { 0 };
    ordo_app_booking_list_req lq = { "2027-03-01", "2027-03-31", NULL, NULL, 0 };
    ordo_app_share_reads(a, r->reads);
    CHECK_EQ(ordo_app_booking_list(a, &lq, &l), ORDO_OK);      /* holds a shared snapshot */
    ordo_app_bookings_clear(&l);
    pthread_barrier_wait(r->go);
    r->rc = book(a, "2027-03-12T11:00", "tech1", "van1", NULL, NULL, 0);
    CHECK_EQ(ordo_app_booking_list(a, &lq, &l), ORDO_OK);      /* after the race: sees the winner */
    int found = 0;
    for (int i = 0; i < l.n; i++)
        found += strcmp(l.v[i].start.text, "2027-03-12T11:00:00+01:00") == 0;
    CHECK_EQ(found, r->rc == ORDO_OK ? 1 : found);            /* the winner sees its own booking */
    ordo_app_bookings_clear(&l);
    ordo_app_close(a);
    return NULL;
}

static void test_desk_scope__shared_reads(void)
{
    ordo_app_reads *reads = NULL;
    ordo_err err = { 0 };
    CHECK_EQ(ordo_app_reads_new(&reads, db, &err), ORDO_OK);
    ordo_app *a = open_app(), *b = open_app();
    ordo_app_share_reads(a, reads);
    ordo_app_share_reads(b, reads);
    ordo_app_bookings l = { 0 };
    ordo_app_booking_list_req lq = { "2027-03-15", "2027-03-16", "tech1", NULL, 0 };
    CHECK_EQ(ordo_app_booking_list(a, &lq, &l), ORDO_OK);
    CHECK_EQ(l.n, 0);
    ordo_app_bookings_clear(&l);
    CHECK_EQ(ordo_app_booking_list(b, &lq, &l), ORDO_OK);
    ordo_app_bookings_clear(&l);
    CHECK_EQ(ordo_app_reads_loads(reads), 1);                 /* two handles, one load */
    /* b books; a's next read sees it */
    CHECK_EQ(book(b, "2027-03-15T09:00", "tech1", "van1", NULL, NULL, 0), ORDO_OK);
    CHECK_EQ(ordo_app_booking_list(a, &lq, &l), ORDO_OK);
    CHECK_EQ(l.n, 1);
    ordo_app_bookings_clear(&l);
    CHECK_EQ(ordo_app_reads_loads(reads), 2);
    /* find-times through the cached desk avoids it too */
    ordo_app_find_times_req fq = { 0 };
    ordo_app_find_times_res fr = { 0 };
    const char *prefer[] = { "tech1" };
    fq.service = "repair";
    fq.site = "paris";
    fq.after = "2027-03-15T08:00";
    fq.before = "2027-03-15T12:00";
    fq.prefer = prefer;
    fq.nprefer = 1;
    fq.count = 10;
    CHECK_EQ(ordo_app_find_times(a, &fq, &fr), ORDO_OK);
    for (int i = 0; i < fr.n; i++)
        CHECK(fr.proposals[i].start.utc >= dx_local(PARIS, 2027, 3, 15, 10, 0) ||
              fr.proposals[i].end.utc <= dx_local(PARIS, 2027, 3, 15, 9, 0));
    CHECK(fr.n > 0);
    ordo_app_find_times_res_clear(&fr);
    ordo_app_close(a);
    ordo_app_close(b);

    /* eight threads, shared snapshot and writer queue: exactly one wins the slot */
    pthread_t t[NTHREADS];
    racer r[NTHREADS];
    pthread_barrier_t go;
    int ok = 0, conflict = 0;
    pthread_barrier_init(&go, NULL, NTHREADS);
    for (int i = 0; i < NTHREADS; i++) {
        r[i] = (racer){ &go, reads, 1 };
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
    ordo_app_reads_free(reads);
}

int main(void)
{
    mkdir(check_env("ORDO_TMP", "/tmp"), 0777);   /* may exist */
    make_db();
    RUN(test_desk_scope__window);
    RUN(test_desk_scope__partial_model_never_saved_whole);
    RUN(test_desk_scope__shared_reads);
    RUN(test_desk_scope__window_bounds);
    unlink(db);
    return CHECK_DONE();
}
