/*
 * test_schedule_race.c — `schedule` against a second PROCESS writing while
 * the solver runs (the lost-update race of issue 8), with a deterministic
 * interleaving: the scheduling child stops in its first progress report
 * (after its snapshot, before its write) until the parent process has
 *   - booked a desk booking on the resources and time the plan will use
 *     (learned first from the same deterministic run on a copy),
 *   - added an account,
 *   - added time off to a resource at the time of another planned session.
 * Afterwards: the booking, the account and the time off are all there; the
 * two clashing sessions are UNSCHEDULED with a "conflict: ..." reason naming
 * what appeared; no resource holds two overlapping planned sessions and no
 * planned session overlaps its resources' time off.
 */
#include "app/app.h"
#include "check.h"
#include "io/import.h"
#include "io/service.h"
#include "io/store.h"
#include "model/tz.h"

#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

#define NOW_S 1788220800            /* 2026-09-01T00:00Z: before every course */

static char db_a[512], db_b[512];
static int to_parent[2], to_child[2];

static void make_db(const char *path, const ordo_model *m)
{
    ordo_store *s = NULL;
    ordo_err err = { 0 };
    unlink(path);
    CHECK_EQ(ordo_store_open(&s, path, &err), ORDO_OK);
    CHECK_EQ(ordo_store_save(s, (ordo_model *)m), ORDO_OK);
    ordo_store_close(s);
}

static ordo_app_schedule_req request(void)
{
    ordo_app_schedule_req rq = { 0 };
    ordo_solve_options o = ORDO_SOLVE_OPTIONS_INIT;
    o.from = ordo_date_from_ymd(2026, 10, 1);
    o.to = ordo_date_from_ymd(2026, 12, 31);
    o.work_limit = 300;
    o.seed = 7;
    o.now = NOW_S;
    rq.opts = o;
    rq.now = NOW_S;
    return rq;
}

static int schedule(const char *path, ordo_app_schedule_res *res, ordo_progress_fn progress)
{
    ordo_app *a = NULL;
    ordo_err err = { 0 };
    ordo_app_schedule_req rq = request();
    rq.opts.progress = progress;
    int rc = ordo_app_open(&a, path, 1, &err);
    if (rc == ORDO_OK)
        rc = ordo_app_schedule(a, &rq, res);
    if (rc < 0)
        fprintf(stderr, "schedule: %s%s\n", err.msg, a ? ordo_app_errmsg(a) : "");
    ordo_app_close(a);
    return rc;
}

/* The child's first progress report: tell the parent, wait for its writes. */
static void pause_once(double s, int placed, int total, double cost, double bound, void *payload)
{
    static int paused;                  /* the child process's own flag */
    char c = 'x';
    (void)s, (void)placed, (void)total, (void)cost, (void)bound, (void)payload;
    if (paused++)
        return;
    if (write(to_parent[1], &c, 1) != 1 || read(to_child[0], &c, 1) != 1)
        _exit(90);
}

/* Two planned sessions of the learned plan on disjoint resources and times. */
static int pick(const ordo_app_bookings *l, int *x, int *y)
{
    *x = *y = -1;
    for (int i = 0; i < l->n && *y < 0; i++) {
        const ordo_app_booking *b = &l->v[i];
        if (b->status != ORDO_SESSION_PLANNED || b->is_booking)
            continue;
        if (*x < 0) {
            *x = i;
            continue;
        }
        const ordo_app_booking *a = &l->v[*x];
        int shared = 0;
        for (int p = 0; p < a->nresources; p++)
            for (int q = 0; q < b->nresources; q++)
                shared |= strcmp(a->resources[p], b->resources[q]) == 0;
        if (!shared && strcmp(a->course, b->course) != 0 && (b->start.utc >= a->end.utc || b->end.utc <= a->start.utc))
            *y = i;
    }
    return *y >= 0;
}

/* The parent's writes while the child's solver runs. */
static void write_meanwhile(const ordo_app_booking *x, const ordo_app_booking *y)
{
    ordo_app *a = NULL;
    ordo_err err = { 0 };
    ordo_app_book_req rq = { 0 };
    ordo_app_change_res r = { 0 };
    CHECK_EQ(ordo_app_open(&a, db_a, 1, &err), ORDO_OK);
    rq.service = x->service;
    rq.start = x->start.text;
    rq.resources = (const char *const *)x->resources;
    rq.nresources = x->nresources;
    rq.participants = x->participants;
    rq.customer = "race-customer";
    rq.now = NOW_S;
    /* the customer first: an account added meanwhile */
    ordo_store *s = NULL;
    CHECK_EQ(ordo_store_open(&s, db_a, &err), ORDO_OK);
    ordo_account acc = { 0 };
    acc.id = "race-customer";
    acc.name = "Added while scheduling";
    CHECK_EQ(ordo_store_account_put(s, &acc, ORDO_PUT_NEW), ORDO_OK);
    CHECK_EQ(ordo_app_book(a, &rq, &r), ORDO_OK);
    if (r.booking.id)
        CHECK_STR(r.booking.id, "booking-1");
    ordo_app_change_res_clear(&r);
    /* time off on y's first resource over y's time, the way an import adds it */
    ordo_model *m = NULL;
    CHECK_EQ(ordo_store_begin(s), ORDO_OK);
    CHECK_EQ(ordo_store_load(s, &m), ORDO_OK);
    int res = ordo_model_find_resource(m, y->resources[0]);
    const char *tz = m->sites.v[m->resources.v[res].site].timezone;
    ordo_time_off t = { 0 };
    t.resource = res;
    ordo_tz_to_local(tz, y->start.utc, &t.start_date, &t.start_min);
    ordo_tz_to_local(tz, y->end.utc, &t.end_date, &t.end_min);
    t.reason = "sick";
    t.source = "csv";
    CHECK_EQ(ordo_model_add_time_off(m, &t), ORDO_OK);
    CHECK_EQ(ordo_store_save(s, m), ORDO_OK);
    CHECK_EQ(ordo_store_commit(s), ORDO_OK);
    ordo_model_free(m);
    ordo_store_close(s);
    ordo_app_close(a);
}

static int overlap(const ordo_session *a, const ordo_session *b)
{
    if (a->start >= b->end || b->start >= a->end)
        return 0;
    for (int p = 0; p < a->nresources; p++)
        for (int q = 0; q < b->nresources; q++)
            if (a->resources[p] == b->resources[q])
                return 1;
    return 0;
}

static int live(const ordo_session *s) { return s->status == ORDO_SESSION_PLANNED || s->status == ORDO_SESSION_DONE; }

static void test_race__schedule_keeps_others_work(void)
{
    ordo_app_schedule_res res = { 0 };
    ordo_app_bookings plan = { 0 };
    ordo_app *b = NULL;
    ordo_err err = { 0 };
    int x, y;

    /* learn the deterministic plan on copy B */
    CHECK_EQ(schedule(db_b, &res, NULL), ORDO_OK);
    CHECK_EQ(res.clashed, 0);
    CHECK(res.written > 0);
    CHECK_EQ(ordo_app_open(&b, db_b, 1, &err), ORDO_OK);
    ordo_app_booking_list_req lq = { 0 };
    CHECK_EQ(ordo_app_booking_list(b, &lq, &plan), ORDO_OK);
    ordo_app_close(b);
    if (!pick(&plan, &x, &y)) {
        CHECK(!"the plan has two disjoint planned sessions");
        ordo_app_bookings_clear(&plan);
        return;
    }

    /* the race on A */
    CHECK_EQ(pipe(to_parent), 0);
    CHECK_EQ(pipe(to_child), 0);
    pid_t pid = fork();
    if (pid == 0) {
        ordo_app_schedule_res r = { 0 };
        int rc = schedule(db_a, &r, pause_once);
        _exit(rc < 0 ? 91 : r.clashed > 50 ? 50 : r.clashed);
    }
    char c;
    CHECK_EQ(read(to_parent[0], &c, 1), 1);             /* the child has its snapshot and is solving */
    write_meanwhile(&plan.v[x], &plan.v[y]);
    CHECK_EQ(write(to_child[1], "g", 1), 1);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK_EQ(WEXITSTATUS(status), 2);                   /* two sessions clashed, reported */

    /* what the parent wrote survived; nothing is double-booked */
    ordo_store *s = NULL;
    ordo_model *m = NULL;
    CHECK_EQ(ordo_store_open(&s, db_a, &err), ORDO_OK);
    CHECK_EQ(ordo_store_load(s, &m), ORDO_OK);
    CHECK(ordo_model_find_account(m, "race-customer") >= 0);
    int bk = ordo_model_find_course(m, "booking-1"), found_off = 0, clashes = 0, unsched_conflict = 0;
    CHECK(bk >= 0);
    for (size_t i = 0; i < m->time_off.n; i++)
        found_off += m->time_off.v[i].reason && strcmp(m->time_off.v[i].reason, "sick") == 0;
    CHECK_EQ(found_off, 1);
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *si = &m->sessions.v[i];
        if (si->course == bk)
            CHECK_EQ(si->status, ORDO_SESSION_PLANNED);
        if (si->status == ORDO_SESSION_UNSCHEDULED && si->reason && strstr(si->reason, "conflict:") &&
            (strstr(si->reason, "booking-1") || strstr(si->reason, "time off")))
            unsched_conflict++;
        for (size_t j = i + 1; j < m->sessions.n; j++)
            if (live(si) && live(&m->sessions.v[j]) && overlap(si, &m->sessions.v[j]))
                clashes++;
    }
    CHECK_EQ(clashes, 0);
    CHECK_EQ(unsched_conflict, 2);
    ordo_model_free(m);
    ordo_store_close(s);
    ordo_app_bookings_clear(&plan);
}

int main(void)
{
    mkdir(check_env("ORDO_TMP", "/tmp"), 0777);   /* may exist */
    ordo_model *m = NULL;
    ordo_err err = { 0 };
    char dir[512];
    const char *tmp = check_env("ORDO_TMP", "/tmp");
    snprintf(dir, sizeof dir, "%s/examples/training", check_env("ORDO_SOURCE_DIR", "."));
    snprintf(db_a, sizeof db_a, "%s/race_a_%d.db", tmp, (int)getpid());
    snprintf(db_b, sizeof db_b, "%s/race_b_%d.db", tmp, (int)getpid());
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    CHECK_EQ(ordo_import_dir(m, dir, NULL, NULL, &err), ORDO_OK);
    make_db(db_a, m);
    make_db(db_b, m);
    ordo_model_free(m);
    RUN(test_race__schedule_keeps_others_work);
    unlink(db_a);
    unlink(db_b);
    return CHECK_DONE();
}
