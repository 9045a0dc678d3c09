/*
 * test_bookings_csv.c — bookings.csv and unscheduled.csv against hand-computed
 * expected files: numbering by time (not ordinal), row order (real start,
 * course byte order, session), local times across the DST change, an end at
 * 24:00 written as the next day's 00:00, RFC 4180 quoting, LF line ends,
 * unscheduled.csv present only when needed, no temp files left behind.
 */
#include "export_fixture.h"
#include "io/bookings_csv.h"

static const char *const expected_bookings =
    "course,session,start,end,site,resources,conflict\n"
    "c-a,1,2026-10-20T23:00,2026-10-21T00:00,paris,bob;proj,\n"
    "c-a,2,2026-10-24T09:00,2026-10-24T10:00,paris,bob;proj,\n"
    "c-b,1,2026-10-24T09:00,2026-10-24T11:00,paris,alice;room1,\n"
    "c-b,2,2026-10-26T09:00,2026-10-26T11:00,paris,alice;room1,\n";

static const char *const expected_unscheduled =
    "course,session,reason\n"
    "c-b,3,\"window: no free day, \"\"late\"\" in the window\"\n"
    "c-z,1,\"skill: no person teaches \"\"VBA\"\", sorry\"\n"
    "c-z,2,\"availability: alice on leave\nall week\"\n";

static void test_bookings_csv__expected_files(void)
{
    char dir[512], path[600];
    fix_dir(dir, sizeof dir, "bookings_expected");
    snprintf(path, sizeof path, "%s/bookings.csv", dir);
    ordo_model *m = fix_model();
    ordo_err err = { 0 };
    CHECK_EQ(ordo_bookings_csv_write(m, path, &err), ORDO_OK);
    char *b = fix_read(dir, "bookings.csv"), *u = fix_read(dir, "unscheduled.csv");
    CHECK_STR(b, expected_bookings);
    CHECK_STR(u, expected_unscheduled);
    CHECK(b && !strchr(b, '\r'));
    CHECK_EQ(fix_count_files(dir), 2);              /* no temporary file left */
    free(b);
    free(u);
    ordo_model_free(m);
}

static void test_bookings_csv__unscheduled_removed_when_none(void)
{
    char dir[512], path[600];
    fix_dir(dir, sizeof dir, "bookings_none_unscheduled");
    snprintf(path, sizeof path, "%s/bookings.csv", dir);
    ordo_model *m = fix_model();
    ordo_err err = { 0 };
    CHECK_EQ(ordo_bookings_csv_write(m, path, &err), ORDO_OK);
    CHECK(fix_exists(dir, "unscheduled.csv"));
    for (size_t i = 0; i < m->sessions.n; i++)
        if (m->sessions.v[i].status == ORDO_SESSION_UNSCHEDULED)
            m->sessions.v[i].status = ORDO_SESSION_CANCELLED;
    CHECK_EQ(ordo_bookings_csv_write(m, path, &err), ORDO_OK);
    CHECK(!fix_exists(dir, "unscheduled.csv"));
    char *b = fix_read(dir, "bookings.csv");
    CHECK_STR(b, expected_bookings);                /* cancelled ones change nothing here */
    free(b);
    CHECK_EQ(fix_count_files(dir), 1);
    ordo_model_free(m);
}

/* Numbering ties by id; rows with equal start go by course byte order
 * ("B" < "a"), then by number; a relative path writes beside it. */
static void test_bookings_csv__sorting_ties(void)
{
    char dir[512], path[600];
    fix_dir(dir, sizeof dir, "bookings_ties");
    ordo_model *m = fix_model();
    for (size_t i = 0; i < m->sessions.n; i++)      /* keep only the resources; no session */
        m->sessions.v[i].status = ORDO_SESSION_CANCELLED;
    ordo_course up = { 0 };
    up.id = (char *)"B";
    up.title = (char *)"Upper";
    up.service = 0;
    up.contract = -1;
    up.sessions = 2;
    up.participants = 1;
    int cb = -1;
    CHECK_EQ(ordo_model_put_course(m, &up, &cb), ORDO_OK);
    static const int a[] = { FIX_ALICE, FIX_ROOM, -1 }, b[] = { FIX_BOB, FIX_ROOM, -1 };
    ordo_utc t = fix_utc(2026, 3, 2, 8, 0);
    /* Course "c-a": two sessions at the same start, ids 41 (ordinal 0) and 40 (ordinal 1). */
    fix_session(m, 41, FIX_C_A, 0, ORDO_SESSION_PLANNED, t, t + 60, 0, a, 0, NULL);
    fix_session(m, 40, FIX_C_A, 1, ORDO_SESSION_PLANNED, t, t + 90, 0, b, 0, NULL);
    fix_session(m, 50, cb, 0, ORDO_SESSION_PLANNED, t, t + 30, 0, b, 0, NULL);
    fix_session(m, 51, cb, 1, ORDO_SESSION_PLANNED, t - 60, t, 0, a, 0, NULL);
    ordo_err err = { 0 };
    snprintf(path, sizeof path, "%s/out.csv", dir);
    CHECK_EQ(ordo_bookings_csv_write(m, path, &err), ORDO_OK);
    char *got = fix_read(dir, "out.csv");
    /* The equal starts are also double bookings (conflict column): B 1 ends
     * as the others start (no overlap); B 2, c-a 1 and c-a 2 share room1, and
     * B 2 and c-a 1 also bob: each pair and resource named once per side. */
    CHECK_STR(got, "course,session,start,end,site,resources,conflict\n"
                   "B,1,2026-03-02T08:00,2026-03-02T09:00,paris,alice;room1,\n"
                   "B,2,2026-03-02T09:00,2026-03-02T09:30,paris,bob;room1,\"double booking: Salle Rivoli, 1st floor "
                   "also in Accounting (session 2/2); double booking: Bob <Builder> & \"\"Co\"\" also in Accounting "
                   "(session 1/2); double booking: Salle Rivoli, 1st floor also in Accounting (session 1/2)\"\n"
                   "c-a,1,2026-03-02T09:00,2026-03-02T10:30,paris,bob;room1,\"double booking: Salle Rivoli, 1st floor "
                   "also in Accounting (session 2/2); double booking: Bob <Builder> & \"\"Co\"\" also in Upper (session "
                   "2/2); double booking: Salle Rivoli, 1st floor also in Upper (session 2/2)\"\n"
                   "c-a,2,2026-03-02T09:00,2026-03-02T10:00,paris,alice;room1,\"double booking: Salle Rivoli, 1st floor "
                   "also in Accounting (session 1/2); double booking: Salle Rivoli, 1st floor also in Upper (session "
                   "2/2)\"\n");
    CHECK(!fix_exists(dir, "unscheduled.csv"));
    free(got);
    ordo_model_free(m);
}

/* A session booked with --force: its reason in the conflict column, no
 * other row flagged. */
static void test_bookings_csv__forced(void)
{
    char dir[512], path[600];
    fix_dir(dir, sizeof dir, "bookings_forced");
    snprintf(path, sizeof path, "%s/bookings.csv", dir);
    ordo_model *m = fix_model();
    for (size_t i = 0; i < m->sessions.n; i++)
        if (m->sessions.v[i].id == 21) {
            m->sessions.v[i].forced_conflict = 1;
            m->sessions.v[i].reason = ordo__strdup("bob is on leave 24 Oct");
        }
    ordo_err err = { 0 };
    CHECK_EQ(ordo_bookings_csv_write(m, path, &err), ORDO_OK);
    char *b = fix_read(dir, "bookings.csv");
    CHECK_STR(b, "course,session,start,end,site,resources,conflict\n"
                 "c-a,1,2026-10-20T23:00,2026-10-21T00:00,paris,bob;proj,\n"
                 "c-a,2,2026-10-24T09:00,2026-10-24T10:00,paris,bob;proj,bob is on leave 24 Oct\n"
                 "c-b,1,2026-10-24T09:00,2026-10-24T11:00,paris,alice;room1,\n"
                 "c-b,2,2026-10-26T09:00,2026-10-26T11:00,paris,alice;room1,\n");
    free(b);
    ordo_model_free(m);
}

static void test_bookings_csv__errors(void)
{
    char dir[512], path[600];
    fix_dir(dir, sizeof dir, "bookings_errors");
    ordo_model *m = fix_model();
    ordo_err err = { 0 };
    snprintf(path, sizeof path, "%s/missing-folder/bookings.csv", dir);
    CHECK_EQ(ordo_bookings_csv_write(m, path, &err), ORDO_EIO);
    CHECK_CONTAINS(err.msg, "missing-folder/bookings.csv");

    snprintf(path, sizeof path, "%s/bookings.csv", dir);
    CHECK_EQ(ordo_bookings_csv_write(m, path, &err), ORDO_OK);
    char *before = fix_read(dir, "bookings.csv");
    ordo__free(m->sites.v[0].timezone);
    m->sites.v[0].timezone = ordo__strdup("Europe/Atlantis");
    CHECK_EQ(ordo_bookings_csv_write(m, path, &err), ORDO_EINVAL);
    CHECK_CONTAINS(err.msg, "site 'paris'");
    CHECK_CONTAINS(err.msg, "Europe/Atlantis");
    char *after = fix_read(dir, "bookings.csv");
    CHECK_STR(after, before);                        /* the old file is left whole */
    CHECK_EQ(fix_count_files(dir), 2);
    free(before);
    free(after);

    m->sessions.v[0].resources[1] = 99;
    CHECK_EQ(ordo_bookings_csv_write(m, path, &err), ORDO_EINVAL);
    CHECK_CONTAINS(err.msg, "resource index 99");
    ordo_model_free(m);
}

static int write_into(const ordo_model *m, const char *dir, int *files, ordo_err *err)
{
    *files = 2;
    char path[600];
    snprintf(path, sizeof path, "%s/bookings.csv", dir);
    return ordo_bookings_csv_write(m, path, err);
}

static void test_bookings_csv__out_of_memory(void)
{
    char dir[512];
    fix_dir(dir, sizeof dir, "bookings_oom");
    ordo_model *m = fix_model();
    CHECK(fix_oom(write_into, m, dir) > 3);
    char *b = fix_read(dir, "bookings.csv");
    CHECK_STR(b, expected_bookings);
    CHECK_EQ(fix_count_files(dir), 2);
    free(b);
    ordo_model_free(m);
}

int main(void)
{
    RUN(test_bookings_csv__expected_files);
    RUN(test_bookings_csv__unscheduled_removed_when_none);
    RUN(test_bookings_csv__sorting_ties);
    RUN(test_bookings_csv__forced);
    RUN(test_bookings_csv__errors);
    RUN(test_bookings_csv__out_of_memory);
    return CHECK_DONE();
}
