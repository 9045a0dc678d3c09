/*
 * export_fixture.h — the small plan the exporter tests share (bookings.csv,
 * iCal, HTML): one site in Europe/Paris, people with and without an email,
 * a room, an equipment, two services, three courses and sessions chosen to
 * hit the rules: a pair on both sides of the 2026-10-25 DST change, one
 * ending at local 24:00, equal starts in two courses, unscheduled sessions
 * (one placed once), cancelled ones (placed once, and never), and user
 * strings that need CSV, iCal and HTML escaping. Also file helpers.
 */
#ifndef ORDO_EXPORT_FIXTURE_H
#define ORDO_EXPORT_FIXTURE_H

#include "check.h"
#include "model/model.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#define FIX_DTSTAMP 1760000000   /* 2025-10-09T08:53:20Z */

/* UTC minutes of a UTC wall time. */
static inline ordo_utc fix_utc(int y, int mo, int d, int h, int mi)
{
    return (ordo_utc)ordo_date_from_ymd(y, mo, d) * ORDO_MIN_PER_DAY + h * 60 + mi;
}

static inline int fix_resource(ordo_model *m, const char *id, const char *name, ordo_kind kind, const char *email)
{
    ordo_resource r = { 0 };
    r.id = (char *)id;
    r.name = (char *)name;
    r.kind = kind;
    r.site = 0;
    r.capacity = kind == ORDO_ROOM ? 12 : 0;
    r.email = (char *)email;
    int idx = -1;
    CHECK_EQ(ordo_model_put_resource(m, &r, &idx), ORDO_OK);
    return idx;
}

static inline int fix_course(ordo_model *m, const char *id, const char *title, int service, int sessions)
{
    ordo_course c = { 0 };
    c.id = (char *)id;
    c.title = (char *)title;
    c.service = service;
    c.customer = (char *)"acme";
    c.contract = -1;
    c.sessions = sessions;
    c.participants = 8;
    int idx = -1;
    CHECK_EQ(ordo_model_put_course(m, &c, &idx), ORDO_OK);
    return idx;
}

/* Adds a session; res = resource indexes, terminated by -1. Returns its index. */
static inline int fix_session(ordo_model *m, int64_t id, int course, int ordinal, ordo_session_status st,
                       ordo_utc start, ordo_utc end, int site, const int *res, int sequence,
                       const char *reason)
{
    int n = 0;
    while (res && res[n] >= 0)
        n++;
    ordo_session s = { 0 };
    s.id = id;
    s.course = course;
    s.ordinal = ordinal;
    s.status = st;
    s.start = start;
    s.end = end;
    s.site = site;
    s.resources = (int *)res;
    s.nresources = n;
    s.sequence = sequence;
    s.dtstamp = FIX_DTSTAMP + id;
    s.reason = (char *)reason;
    int idx = -1;
    CHECK_EQ(ordo_model_add_session(m, &s, &idx), ORDO_OK);
    return idx;
}

enum { FIX_ALICE, FIX_BOB, FIX_ROOM, FIX_PROJ, FIX_CAROL };
enum { FIX_C_B, FIX_C_A, FIX_C_Z };

static inline ordo_model *fix_model(void)
{
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    ordo_site site = { (char *)"paris", (char *)"Paris HQ", (char *)"Europe/Paris" };
    CHECK_EQ(ordo_model_put_site(m, &site, NULL), ORDO_OK);
    CHECK_EQ(fix_resource(m, "alice", "Alice Martin-L\xc3\xa9v\xc3\xaaque", ORDO_PERSON, "alice@example.org"), FIX_ALICE);
    CHECK_EQ(fix_resource(m, "bob", "Bob <Builder> & \"Co\"", ORDO_PERSON, NULL), FIX_BOB);
    CHECK_EQ(fix_resource(m, "room1", "Salle Rivoli, 1st floor", ORDO_ROOM, NULL), FIX_ROOM);
    CHECK_EQ(fix_resource(m, "proj", "Projector", ORDO_EQUIPMENT, NULL), FIX_PROJ);
    CHECK_EQ(fix_resource(m, "carol", "Carol", ORDO_PERSON, "carol@example.org"), FIX_CAROL);
    ordo_service excel = { (char *)"excel", (char *)"Spreadsheets", 120 };
    ordo_service ppt = { (char *)"ppt", (char *)"PowerPoint", 60 };
    CHECK_EQ(ordo_model_put_service(m, &excel, NULL), ORDO_OK);
    CHECK_EQ(ordo_model_put_service(m, &ppt, NULL), ORDO_OK);
    ordo_requirement rq[] = { { 0, ORDO_PERSON, 1, NULL, ORDO_CAPACITY_ANY, 0 },
                              { 0, ORDO_ROOM, 1, NULL, ORDO_CAPACITY_PARTICIPANTS, 0 },
                              { 1, ORDO_PERSON, 1, NULL, ORDO_CAPACITY_ANY, 0 },
                              { 1, ORDO_EQUIPMENT, 1, NULL, ORDO_CAPACITY_ANY, 0 } };
    for (int i = 0; i < 4; i++)
        CHECK_EQ(ordo_model_add_requirement(m, &rq[i]), ORDO_OK);
    CHECK_EQ(fix_course(m, "c-b", "Budget <basics> & more: a long title with accents \xc3\xa9 \xc3\xa0 "
                        "\xc3\xbc so that calendar lines must be folded", 0, 3), FIX_C_B);
    CHECK_EQ(fix_course(m, "c-a", "Accounting", 1, 2), FIX_C_A);
    CHECK_EQ(fix_course(m, "c-z", "Zen VBA", 0, 2), FIX_C_Z);

    static const int alice_room[] = { FIX_ALICE, FIX_ROOM, -1 };
    static const int bob_proj[] = { FIX_BOB, FIX_PROJ, -1 };
    /* c-b: Sat 24 Oct 2026 09:00-11:00 CEST (UTC+2) and Mon 26 Oct 09:00-11:00 CET (UTC+1). */
    fix_session(m, 11, FIX_C_B, 0, ORDO_SESSION_PLANNED, fix_utc(2026, 10, 24, 7, 0),
                fix_utc(2026, 10, 24, 9, 0), 0, alice_room, 0, NULL);
    fix_session(m, 12, FIX_C_B, 1, ORDO_SESSION_PLANNED, fix_utc(2026, 10, 26, 8, 0),
                fix_utc(2026, 10, 26, 10, 0), 0, alice_room, 2, NULL);
    fix_session(m, 13, FIX_C_B, 2, ORDO_SESSION_UNSCHEDULED, 0, 0, -1, NULL, 0,
                "window: no free day, \"late\" in the window");
    /* c-a: same start as c-b's first; a DONE one 23:00-24:00 local, earlier. */
    fix_session(m, 21, FIX_C_A, 0, ORDO_SESSION_PLANNED, fix_utc(2026, 10, 24, 7, 0),
                fix_utc(2026, 10, 24, 8, 0), 0, bob_proj, 1, NULL);
    fix_session(m, 22, FIX_C_A, 1, ORDO_SESSION_DONE, fix_utc(2026, 10, 20, 21, 0),
                fix_utc(2026, 10, 20, 22, 0), 0, bob_proj, 0, NULL);
    fix_session(m, 24, FIX_C_A, 2, ORDO_SESSION_CANCELLED, fix_utc(2026, 10, 22, 8, 0),
                fix_utc(2026, 10, 22, 9, 0), 0, bob_proj, 3, NULL);
    fix_session(m, 25, FIX_C_A, 3, ORDO_SESSION_CANCELLED, 0, 0, -1, NULL, 0, NULL);
    /* c-z: nothing placed; session 32 was placed once (start kept). */
    fix_session(m, 32, FIX_C_Z, 1, ORDO_SESSION_UNSCHEDULED, fix_utc(2026, 11, 2, 9, 0),
                fix_utc(2026, 11, 2, 11, 0), 0, NULL, 4, "availability: alice on leave\nall week");
    fix_session(m, 31, FIX_C_Z, 0, ORDO_SESSION_UNSCHEDULED, 0, 0, -1, NULL, 0,
                "skill: no person teaches \"VBA\", sorry");
    return m;
}

/* A fresh empty folder $ORDO_TMP/<name> (or /tmp/...). */
static inline void fix_dir(char *out, size_t n, const char *name)
{
    const char *base = check_env("ORDO_TMP", "/tmp");
    mkdir(base, 0777);
    snprintf(out, n, "%s/%s", base, name);
    DIR *d = opendir(out);
    if (d) {
        struct dirent *e;
        char p[2048];
        while ((e = readdir(d)))
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
                snprintf(p, sizeof p, "%s/%s", out, e->d_name);
                unlink(p);
            }
        closedir(d);
    }
    mkdir(out, 0777);
}

/* Whole file in a malloc'd string (NULL if missing). */
static inline char *fix_read(const char *dir, const char *name)
{
    char p[2048];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s)
        s[n] = '\0';
    fclose(f);
    return s;
}

static inline int fix_exists(const char *dir, const char *name)
{
    char p[2048];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return access(p, F_OK) == 0;
}

/* Number of entries in a folder, "." and ".." left out. */
static inline int fix_count_files(const char *dir)
{
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    if (d)
        closedir(d);
    return n;
}

/* Allocation-failure runs: the allocator fails every allocation once
 * `fix_budget` successful ones are spent. fix_oom() runs fn with budgets
 * 0, 1, 2, ... until it succeeds, checks that every failing run returned
 * ORDO_ENOMEM (leaks show under ASan), and returns the number of failing runs. */
static long fix_budget = -1;
static inline void *fix_malloc(size_t n, void *p) { (void)p; return fix_budget-- > 0 ? malloc(n) : NULL; }
static inline void *fix_realloc(void *q, size_t n, void *p) { (void)p; return fix_budget-- > 0 ? realloc(q, n) : NULL; }
static inline void fix_free(void *q, void *p) { (void)p; free(q); }

typedef int (*fix_export_fn)(const ordo_model *m, const char *dir, int *out_files, ordo_err *err);

static inline int fix_oom(fix_export_fn fn, const ordo_model *m, const char *dir)
{
    ordo_allocator a = { fix_malloc, fix_realloc, fix_free, NULL };
    for (long budget = 0; budget < 100000; budget++) {
        ordo_err err = { 0 };
        fix_budget = budget;
        ordo_set_allocator(&a);
        int files = 0;
        int rc = fn(m, dir, &files, &err);
        ordo_set_allocator(NULL);
        if (rc == ORDO_OK)
            return (int)budget;
        CHECK_EQ(rc, ORDO_ENOMEM);
        if (rc != ORDO_ENOMEM) {
            fprintf(stderr, "budget %ld: %s\n", budget, err.msg);
            return -1;
        }
    }
    return -1;
}

/* Export the fixture plan into the fresh folder $ORDO_TMP/<name>. */
static inline void fix_export(fix_export_fn fn, const char *name, char *dir, size_t n, int *files)
{
    fix_dir(dir, n, name);
    ordo_model *m = fix_model();
    ordo_err err = { 0 };
    CHECK_EQ(fn(m, dir, files, &err), ORDO_OK);
    if (err.code)
        fprintf(stderr, "export into %s: %s\n", dir, err.msg);
    ordo_model_free(m);
}

/* How many times `needle` occurs in `text` (overlaps counted). */
static inline int fix_count_of(const char *text, const char *needle)
{
    int n = 0;
    for (const char *p = text; p && (p = strstr(p, needle)); p++)
        n++;
    return n;
}

/* The out-of-memory test of an exporter writing `nfiles` files into a folder:
 * ORDO_ENOMEM, no leak, no stray file, and every file once memory suffices. */
static inline void fix_export_oom(fix_export_fn fn, const char *name, int nfiles)
{
    char dir[512];
    fix_dir(dir, sizeof dir, name);
    ordo_model *m = fix_model();
    CHECK(fix_oom(fn, m, dir) > 3);
    CHECK_EQ(fix_count_files(dir), nfiles);
    ordo_model_free(m);
}

#endif
