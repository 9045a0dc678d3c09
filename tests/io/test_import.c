/*
 * test_import.c — the training-folder import (shared/spec/import-format.md):
 * the bundled example, every class of bad input with its exact
 * "file:line: column:" message, re-import (upsert, keyless replacement,
 * absent files), and warnings. Each case writes a small folder under
 * $ORDO_TMP: a valid base folder with some files replaced or removed.
 */
#include "check.h"
#include "io/import.h"

#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK_PREFIX(s, prefix) do { const char *_s = (s), *_p = (prefix); check_count++; \
    if (!_s || strncmp(_s, _p, strlen(_p)) != 0) { check_failures++; \
    fprintf(stderr, "%s:%d: \"%s\" does not start with \"%s\"\n", __FILE__, __LINE__, _s ? _s : "(null)", _p); } } while (0)

static const char *const base_files[][2] = {
    { "sites.csv", "id,name,timezone\nparis,Paris,Europe/Paris\nlondon,London,Europe/London\n" },
    { "resources.csv", "id,name,kind,site,capacity,skills\n"
                       "alice,Alice,person,paris,,math;physics\n"
                       "bob,Bob,person,london,,english\n"
                       "room1,Room 1,room,paris,12,projector\n"
                       "cart,Cart,equipment,paris,,laptops\n" },
    { "working_hours.csv", "resource,weekday,start,end\n"
                           "alice,MO,08:00,12:00\nalice,MO,12:00,17:00\nbob,TU,09:00,24:00\n" },
    { "time_off.csv", "resource,start,end,reason\n"
                      "alice,2026-10-20T00:00,2026-10-21T00:00,holiday\n"
                      "bob,2026-10-25T01:30,2026-10-25T03:00,\n" },
    { "services.csv", "id,name,duration_minutes\nmath,Math,120\nenglish,English,90\n" },
    { "requirements.csv", "service,kind,count,skill,min_capacity\n"
                          "math,person,1,math,\nmath,room,1,projector,participants\nmath,equipment,1,,\n"
                          "english,person,1,english,\nenglish,room,1,,6\n" },
    { "accounts.csv", "id,name,relationship\nacme,ACME,client\nglobex,Globex,prospect\n" },
    { "contacts.csv", "id,first_name,last_name,email,account,relationship\n"
                      "carol,Carol,Smith,carol@example.com,acme,client\ndave,Dave,Jones,,,suspect\n" },
    { "contracts.csv", "id,customer,start,end,hours\n"
                       "k1,acme,2026-10-01,2026-12-31,40\nk2,dave,2026-10-01,2026-10-01,7.25\n" },
    { "courses.csv", "id,title,service,customer,contract,sessions,participants,earliest,latest,min_days_between,cohort\n"
                     "c1,Math basics,math,acme,k1,3,8,2026-10-12,2026-11-20,2,g1;g2\n"
                     "c2,English,english,dave,,1,1,2026-10-12,2026-10-12,0,\n" },
};
#define NBASE (sizeof base_files / sizeof *base_files)

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[1024];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) {
        CHECK(!"path too long");
        return;
    }
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* A new empty folder under $ORDO_TMP; `out` gets its path. */
static void new_dir(char out[1024])
{
    const char *tmp = check_env("ORDO_TMP", "/tmp");
    mkdir(tmp, 0777);
    snprintf(out, 1024, "%s/import-XXXXXX", tmp);
    CHECK(mkdtemp(out) != NULL);
}

/* A folder: the base files (when `with_base`), then the (name, text) pairs
 * of the NULL-terminated list; a NULL text removes the file. */
static void make_folder(char dir[1024], int with_base, va_list ap)
{
    new_dir(dir);
    for (size_t i = 0; with_base && i < NBASE; i++)
        write_file(dir, base_files[i][0], base_files[i][1]);
    const char *name;
    while ((name = va_arg(ap, const char *))) {
        const char *text = va_arg(ap, const char *);
        char path[1024];
        if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
            continue;
        if (text)
            write_file(dir, name, text);
        else
            remove(path);
    }
}

/* Removes a folder made by make_folder (only contract files are ever written). */
static void remove_folder(const char *dir)
{
    char path[1100];
    for (size_t i = 0; i < NBASE; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, base_files[i][0]);
        remove(path);
    }
    rmdir(dir);
}

typedef struct warnings {
    int count;
    char last[ORDO_ERRMSG_MAX];
} warnings;

static void on_warn(const char *message, void *payload)
{
    warnings *w = payload;
    w->count++;
    snprintf(w->last, sizeof w->last, "%s", message);
}

/* Imports `m` from a folder built as make_folder says; returns the code and
 * copies the message. */
static int import_into(ordo_model *m, int with_base, char *msg, warnings *w, ...)
{
    char dir[1024];
    ordo_err err = { 0 };
    va_list ap;
    va_start(ap, w);
    make_folder(dir, with_base, ap);
    va_end(ap);
    int rc = ordo_import_dir(m, dir, w ? on_warn : NULL, w, &err);
    snprintf(msg, ORDO_ERRMSG_MAX, "%s", err.msg);
    remove_folder(dir);
    return rc;
}

/* Base folder with changes, into a fresh model. */
#define IMPORT_FRESH(msg, ...) import_fresh(msg, __VA_ARGS__, NULL)
static int import_fresh(char *msg, ...)
{
    char dir[1024];
    ordo_err err = { 0 };
    ordo_model *m = NULL;
    va_list ap;
    va_start(ap, msg);
    make_folder(dir, 1, ap);
    va_end(ap);
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    int rc = ordo_import_dir(m, dir, NULL, NULL, &err);
    snprintf(msg, ORDO_ERRMSG_MAX, "%s", err.msg);
    remove_folder(dir);
    ordo_model_free(m);
    return rc;
}

/* The base folder with the given (file, text) changes must fail with a
 * message starting with `prefix`. */
#define EXPECT_ERROR(prefix, ...) do { char _msg[ORDO_ERRMSG_MAX]; \
    CHECK_EQ(IMPORT_FRESH(_msg, __VA_ARGS__), ORDO_EINPUT); CHECK_PREFIX(_msg, prefix); } while (0)

#define SITES_H "id,name,timezone\n"
#define RES_H "id,name,kind,site,capacity,skills\n"
#define WH_H "resource,weekday,start,end\n"
#define TO_H "resource,start,end,reason\n"
#define SERV_H "id,name,duration_minutes\n"
#define REQ_H "service,kind,count,skill,min_capacity\n"
#define ACC_H "id,name,relationship\n"
#define CON_H "id,first_name,last_name,email,account,relationship\n"
#define KON_H "id,customer,start,end,hours\n"
#define COU_H "id,title,service,customer,contract,sessions,participants,earliest,latest,min_days_between,cohort\n"
#define C2 "c2,English,english,dave,,1,1,2026-10-12,2026-10-12,0,\n"

static ordo_model *load_base(void)
{
    ordo_model *m = NULL;
    char msg[ORDO_ERRMSG_MAX];
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    if (import_into(m, 1, msg, NULL, NULL) != ORDO_OK) {
        /* every later case builds on it: stop here rather than index garbage */
        fprintf(stderr, "%s:%d: the base folder does not import: %s\n", __FILE__, __LINE__, msg);
        exit(1);
    }
    return m;
}

static int count_rows_for(const ordo_model *m, int resource)
{
    int n = 0;
    for (size_t i = 0; i < m->working_hours.n; i++)
        n += m->working_hours.v[i].resource == resource;
    return n;
}

/* ---- the bundled example ---- */

static void test_import__example_training(void)
{
    const char *src = check_env("ORDO_SOURCE_DIR", ".");
    char dir[1024];
    ordo_model *m = NULL;
    ordo_err err = { 0 };
    warnings w = { 0 };
    snprintf(dir, sizeof dir, "%s/examples/training", src);
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    CHECK_EQ(ordo_import_dir(m, dir, on_warn, &w, &err), ORDO_OK);
    CHECK_STR(err.msg, "");
    CHECK_EQ(w.count, 0);
    CHECK_EQ(m->sites.n, 2);
    CHECK_EQ(m->resources.n, 12);
    CHECK_EQ(m->working_hours.n, 44);
    CHECK_EQ(m->time_off.n, 9);
    CHECK_EQ(m->services.n, 5);
    CHECK_EQ(m->requirements.n, 12);
    CHECK_EQ(m->accounts.n, 3);
    CHECK_EQ(m->contacts.n, 3);
    CHECK_EQ(m->contracts.n, 3);
    CHECK_EQ(m->courses.n, 8);

    int london = ordo_model_find_site(m, "london");
    CHECK(london >= 0);
    if (london >= 0)
        CHECK_STR(m->sites.v[london].timezone, "Europe/London");
    int marie = ordo_model_find_resource(m, "marie");
    int monet = ordo_model_find_resource(m, "p-monet");
    int thomas = ordo_model_find_resource(m, "thomas");
    int oliver = ordo_model_find_resource(m, "oliver");
    CHECK(marie >= 0 && monet >= 0 && thomas >= 0 && oliver >= 0);
    if (marie < 0 || monet < 0 || thomas < 0 || oliver < 0)
        goto done;
    CHECK_STR(m->resources.v[marie].email, "marie.dubois@formapro.example");
    CHECK(m->resources.v[thomas].email == NULL);
    CHECK_EQ(m->resources.v[monet].kind, ORDO_ROOM);
    CHECK_EQ(m->resources.v[monet].capacity, 12);
    CHECK(ordo_strlist_has(&m->resources.v[monet].skills, "projector"));
    CHECK_EQ(count_rows_for(m, thomas), 8);
    /* Thomas's Monday: 08:00-12:00 and 12:00-17:00, as written */
    int mondays = 0;
    for (size_t i = 0; i < m->working_hours.n; i++) {
        const ordo_working_hours *h = &m->working_hours.v[i];
        if (h->resource == thomas && h->weekday == 0)
            mondays += (h->start == 480 && h->end == 720) || (h->start == 720 && h->end == 1020);
    }
    CHECK_EQ(mondays, 2);
    int quoted = 0, blank = 0;
    for (size_t i = 0; i < m->time_off.n; i++) {
        const ordo_time_off *o = &m->time_off.v[i];
        CHECK_STR(o->source, "csv");
        quoted += o->resource == thomas && o->reason && strcmp(o->reason, "Pont de la Toussaint, congé") == 0;
        blank += o->resource == oliver && o->reason == NULL;
    }
    CHECK_EQ(quoted, 1);
    CHECK_EQ(blank, 1);

    int acme = ordo_model_find_contract(m, "acme-2026");
    int lea = ordo_model_find_contract(m, "lea-coaching");
    CHECK(acme >= 0 && lea >= 0);
    if (acme >= 0 && lea >= 0) {
        CHECK_EQ(m->contracts.v[acme].minutes, 40 * 60);
        CHECK_EQ(m->contracts.v[acme].status, ORDO_CONTRACT_ACTIVE);
        CHECK_EQ(m->contracts.v[lea].minutes, 750);
        CHECK_STR(m->contracts.v[lea].customer, "lea.moreau");
    }
    int c = ordo_model_find_contact(m, "lea.moreau");
    CHECK(c >= 0);
    if (c >= 0) {
        CHECK_STR(m->contacts.v[c].first_name, "L\xC3\xA9" "a");
        CHECK(m->contacts.v[c].account == NULL);
    }
    int gm = ordo_model_find_course(m, "globex-mgmt"), ie = ordo_model_find_course(m, "initech-excel");
    CHECK(gm >= 0 && ie >= 0);
    if (gm >= 0 && ie >= 0) {
        CHECK_EQ(m->courses.v[gm].cohorts.count, 2);
        CHECK(ordo_strlist_has(&m->courses.v[gm].cohorts, "globex-managers"));
        CHECK_EQ(m->courses.v[ie].contract, -1);
        CHECK_EQ(m->courses.v[ie].cohorts.count, 0);
    }

    /* The example must be plannable in 2026-10-12..2026-11-20: windows
     * inside it and long enough for the day gaps, hour banks big enough. */
    ordo_date from, to;
    ordo_date_parse("2026-10-12", &from);
    ordo_date_parse("2026-11-20", &to);
    int64_t need[8] = { 0 };
    CHECK(m->contracts.n <= 8);
    for (size_t i = 0; i < m->courses.n; i++) {
        const ordo_course *k = &m->courses.v[i];
        CHECK(k->earliest >= from && k->latest <= to);
        CHECK((k->sessions - 1) * k->min_days_between <= k->latest - k->earliest);
        if (k->contract >= 0 && k->contract < 8)
            need[k->contract] += (int64_t)k->sessions * m->services.v[k->service].duration;
    }
    for (size_t i = 0; i < m->contracts.n && i < 8; i++)
        CHECK(need[i] <= m->contracts.v[i].minutes);
    CHECK(acme < 0 || need[acme] == 31 * 60);
done:
    ordo_model_free(m);
}

static void test_import__base_values(void)
{
    ordo_model *m = load_base();
    int bob = ordo_model_find_resource(m, "bob"), room = ordo_model_find_resource(m, "room1");
    int english = ordo_model_find_service(m, "english"), math = ordo_model_find_service(m, "math");
    int dave = ordo_model_find_contact(m, "dave"), k2 = ordo_model_find_contract(m, "k2");
    int c1 = ordo_model_find_course(m, "c1");
    CHECK(bob >= 0 && room >= 0 && english >= 0 && math >= 0 && dave >= 0 && k2 >= 0 && c1 >= 0);
    CHECK_EQ(m->working_hours.n, 3);
    CHECK_EQ(m->time_off.n, 2);
    CHECK_EQ(m->requirements.n, 5);
    if (bob < 0 || room < 0 || dave < 0 || k2 < 0 || c1 < 0 || m->working_hours.n != 3 ||
        m->time_off.n != 2 || m->requirements.n != 5)
        goto done;
    CHECK_EQ(m->working_hours.v[2].resource, bob);
    CHECK_EQ(m->working_hours.v[2].weekday, 1);
    CHECK_EQ(m->working_hours.v[2].start, 9 * 60);
    CHECK_EQ(m->working_hours.v[2].end, 1440);
    CHECK_EQ(m->time_off.v[1].start_min, 90);
    CHECK_EQ(m->time_off.v[1].end_min, 180);
    CHECK(m->time_off.v[1].reason == NULL);
    CHECK_STR(m->time_off.v[0].reason, "holiday");
    CHECK_EQ(m->resources.v[room].capacity, 12);
    CHECK_EQ(m->resources.v[bob].capacity, 0);
    CHECK_EQ(m->requirements.v[1].min_capacity, ORDO_CAPACITY_PARTICIPANTS);
    CHECK_EQ(m->requirements.v[0].min_capacity, ORDO_CAPACITY_ANY);
    CHECK(m->requirements.v[2].skill == NULL);
    CHECK_EQ(m->requirements.v[2].kind, ORDO_EQUIPMENT);
    CHECK_EQ(m->requirements.v[4].min_capacity, 6);
    CHECK_EQ(m->requirements.v[4].service, english);
    CHECK(m->contacts.v[dave].email == NULL && m->contacts.v[dave].account == NULL);
    CHECK_EQ(m->contacts.v[dave].relationship, ORDO_REL_SUSPECT);
    CHECK_EQ(m->contracts.v[k2].minutes, 7 * 60 + 15);
    CHECK_EQ(m->contracts.v[k2].start, m->contracts.v[k2].end);
    CHECK_EQ(m->courses.v[c1].contract, ordo_model_find_contract(m, "k1"));
    CHECK_EQ(m->courses.v[c1].service, math);
    CHECK_STR(m->courses.v[c1].customer, "acme");
    CHECK_EQ(m->courses.v[c1].min_days_between, 2);
    CHECK_EQ(m->courses.v[c1].cohorts.count, 2);
done:
    ordo_model_free(m);
}

static void test_import__hours_values(void)
{
    static const struct { const char *hours; int64_t minutes; } cases[] = {
        { "40", 2400 }, { "12.5", 750 }, { "7.25", 435 }, { "0.1", 6 }, { "0.01", 0 }, { "1.99", 119 },
        { "0", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[256], msg[ORDO_ERRMSG_MAX];
        ordo_model *m = NULL;
        snprintf(text, sizeof text, KON_H "k1,acme,2026-10-01,2026-12-31,%s\n", cases[i].hours);
        CHECK_EQ(ordo_model_new(&m), ORDO_OK);
        CHECK_EQ(import_into(m, 1, msg, NULL, "contracts.csv", text, NULL), ORDO_OK);
        CHECK_EQ(m->contracts.n, 1);
        if (m->contracts.n == 1)
            CHECK_EQ(m->contracts.v[0].minutes, cases[i].minutes);
        ordo_model_free(m);
    }
}

/* ---- bad input, one class at a time ---- */

static void test_import__header_errors(void)
{
    EXPECT_ERROR("resources.csv:1: capacity: required column missing",
                 "resources.csv", "id,name,kind,site,skills\nalice,Alice,person,paris,math\n");
    EXPECT_ERROR("sites.csv:1: name: required column missing",
                 "sites.csv", "id,nmae,timezone\nparis,Paris,Europe/Paris\n");
    EXPECT_ERROR("sites.csv:1: id: column appears twice",
                 "sites.csv", "id,name,timezone,id\nparis,Paris,Europe/Paris,paris\n");
    EXPECT_ERROR("services.csv:1: id: required column missing", "services.csv", "");
    /* not trimmed: " name" is not "name" */
    EXPECT_ERROR("sites.csv:1: name: required column missing",
                 "sites.csv", "id, name,timezone\nparis,Paris,Europe/Paris\n");
    EXPECT_ERROR("courses.csv:1: cohort: required column missing",
                 "courses.csv", "id,title,service,customer,contract,sessions,participants,earliest,latest,min_days_between\n");
}

static void test_import__cell_count_errors(void)
{
    EXPECT_ERROR("resources.csv:3: skills: missing cell (the row has 5 cells, the header 6)",
                 "resources.csv", RES_H "alice,Alice,person,paris,,math\nbob,Bob,person,london,\n");
    EXPECT_ERROR("sites.csv:2: cell 4: extra cell (the row has 4 cells, the header 3)",
                 "sites.csv", SITES_H "paris,Paris,Europe/Paris,x\n");
}

static void test_import__unknown_references(void)
{
    EXPECT_ERROR("resources.csv:2: site: unknown site 'rome'",
                 "resources.csv", RES_H "alice,Alice,person,rome,,math\n");
    EXPECT_ERROR("working_hours.csv:3: resource: unknown resource 'zed'",
                 "working_hours.csv", WH_H "alice,MO,08:00,12:00\nzed,MO,08:00,12:00\n");
    EXPECT_ERROR("time_off.csv:2: resource: unknown resource 'Alice'",
                 "time_off.csv", TO_H "Alice,2026-10-20T00:00,2026-10-21T00:00,\n");
    EXPECT_ERROR("requirements.csv:2: service: unknown service 'draw'",
                 "requirements.csv", REQ_H "draw,person,1,,\n");
    EXPECT_ERROR("courses.csv:2: service: unknown service 'draw'",
                 "courses.csv", COU_H "c1,Drawing,draw,acme,,3,8,2026-10-12,2026-11-20,2,\n");
    EXPECT_ERROR("contracts.csv:2: customer: unknown customer 'nobody'",
                 "contracts.csv", KON_H "k1,nobody,2026-10-01,2026-12-31,40\n");
    EXPECT_ERROR("courses.csv:2: customer: unknown customer 'nobody'",
                 "courses.csv", COU_H "c1,Math,math,nobody,,3,8,2026-10-12,2026-11-20,2,\n");
    EXPECT_ERROR("courses.csv:2: contract: unknown contract 'k9'",
                 "courses.csv", COU_H "c1,Math,math,acme,k9,3,8,2026-10-12,2026-11-20,2,\n");
    EXPECT_ERROR("contacts.csv:2: account: unknown account 'initech'",
                 "contacts.csv", CON_H "carol,Carol,Smith,,initech,client\n");
    /* a contact is not an account */
    EXPECT_ERROR("contacts.csv:3: account: unknown account 'carol'",
                 "contacts.csv", CON_H "carol,Carol,Smith,,acme,client\ndave,Dave,Jones,,carol,client\n");
}

static void test_import__duplicate_ids(void)
{
    EXPECT_ERROR("sites.csv:3: id: duplicate id 'paris' (first on line 2)",
                 "sites.csv", SITES_H "paris,Paris,Europe/Paris\nparis,Paris 2,Europe/Paris\n");
    EXPECT_ERROR("resources.csv:4: id: duplicate id 'alice' (first on line 2)",
                 "resources.csv", RES_H "alice,Alice,person,paris,,\nbob,Bob,person,london,,\nalice,A,person,paris,,\n");
    EXPECT_ERROR("services.csv:3: id: duplicate id 'math' (first on line 2)",
                 "services.csv", SERV_H "math,Math,120\nmath,Math,60\n");
    EXPECT_ERROR("accounts.csv:3: id: duplicate id 'acme' (first on line 2)",
                 "accounts.csv", ACC_H "acme,ACME,client\nacme,ACME,client\n");
    EXPECT_ERROR("contacts.csv:3: id: duplicate id 'dave' (first on line 2)",
                 "contacts.csv", CON_H "dave,Dave,Jones,,,suspect\ndave,Dave,Jones,,,suspect\n");
    EXPECT_ERROR("contracts.csv:3: id: duplicate id 'k2' (first on line 2)",
                 "contracts.csv", KON_H "k2,dave,2026-10-01,2026-10-01,1\nk2,dave,2026-10-01,2026-10-01,1\n");
    EXPECT_ERROR("courses.csv:3: id: duplicate id 'c2' (first on line 2)", "courses.csv", COU_H C2 C2);
    /* accounts and contacts share one id space */
    EXPECT_ERROR("contacts.csv:2: id: 'acme' is already an account id",
                 "contacts.csv", CON_H "acme,Ann,Cole,,,client\n");
}

static void test_import__bad_dates_and_times(void)
{
    EXPECT_ERROR("contracts.csv:2: start: '2026-02-30' is not a date (YYYY-MM-DD)",
                 "contracts.csv", KON_H "k1,acme,2026-02-30,2026-12-31,40\n");
    EXPECT_ERROR("courses.csv:2: latest: '20/11/2026' is not a date (YYYY-MM-DD)",
                 "courses.csv", COU_H "c1,Math,math,acme,,3,8,2026-10-12,20/11/2026,2,\n");
    EXPECT_ERROR("working_hours.csv:2: start: '8:00' is not a time (HH:MM, 00:00..23:59)",
                 "working_hours.csv", WH_H "alice,MO,8:00,12:00\n");
    EXPECT_ERROR("working_hours.csv:2: start: '24:00' is not a time",
                 "working_hours.csv", WH_H "alice,MO,24:00,24:00\n");
    EXPECT_ERROR("working_hours.csv:2: end: '24:30' is not a time (HH:MM, 00:00..24:00)",
                 "working_hours.csv", WH_H "alice,MO,08:00,24:30\n");
    EXPECT_ERROR("time_off.csv:2: start: '2026-10-20 08:00' is not a local date and time (YYYY-MM-DDTHH:MM)",
                 "time_off.csv", TO_H "alice,2026-10-20 08:00,2026-10-21T00:00,\n");
    EXPECT_ERROR("time_off.csv:2: end: '2026-10-20T24:00' is not a local date and time",
                 "time_off.csv", TO_H "alice,2026-10-20T08:00,2026-10-20T24:00,\n");
}

static void test_import__bad_weekday(void)
{
    EXPECT_ERROR("working_hours.csv:2: weekday: 'Mon' is not a weekday (MO, TU, WE, TH, FR, SA or SU)",
                 "working_hours.csv", WH_H "alice,Mon,08:00,12:00\n");
    EXPECT_ERROR("working_hours.csv:2: weekday: 'mo' is not a weekday",
                 "working_hours.csv", WH_H "alice,mo,08:00,12:00\n");
}

static void test_import__end_not_after_start(void)
{
    EXPECT_ERROR("working_hours.csv:2: end: end 12:00 is not after start 12:00",
                 "working_hours.csv", WH_H "alice,MO,12:00,12:00\n");
    EXPECT_ERROR("working_hours.csv:2: end: end 12:00 is not after start 13:00",
                 "working_hours.csv", WH_H "alice,MO,13:00,12:00\n");
    EXPECT_ERROR("time_off.csv:2: end: end 2026-10-20T08:00 is not after start 2026-10-20T08:00",
                 "time_off.csv", TO_H "alice,2026-10-20T08:00,2026-10-20T08:00,\n");
    EXPECT_ERROR("time_off.csv:2: end: end 2026-10-20T09:00 is not after start 2026-10-21T08:00",
                 "time_off.csv", TO_H "alice,2026-10-21T08:00,2026-10-20T09:00,\n");
    EXPECT_ERROR("courses.csv:2: latest: latest 2026-10-11 is before earliest 2026-10-12",
                 "courses.csv", COU_H "c1,Math,math,acme,,3,8,2026-10-12,2026-10-11,2,\n");
    EXPECT_ERROR("contracts.csv:2: end: end 2026-09-30 is before start 2026-10-01",
                 "contracts.csv", KON_H "k1,acme,2026-10-01,2026-09-30,40\n");
}

static void test_import__capacity(void)
{
    static const char *const bad[] = { "0", "-2", "abc", "2.5", "+3", "99999999999" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[256], prefix[128];
        snprintf(text, sizeof text, RES_H "room1,Room 1,room,paris,%s,\n", bad[i]);
        snprintf(prefix, sizeof prefix, "resources.csv:2: capacity: '%s' is not a seat count", bad[i]);
        EXPECT_ERROR(prefix, "resources.csv", text);
    }
    EXPECT_ERROR("resources.csv:2: capacity: must not be blank for a room",
                 "resources.csv", RES_H "room1,Room 1,room,paris,,\n");
    EXPECT_ERROR("resources.csv:3: capacity: must be blank for kind person, not '3'",
                 "resources.csv", RES_H "room1,Room 1,room,paris,1,\nalice,Alice,person,paris,3,math\n");
    EXPECT_ERROR("resources.csv:2: capacity: must be blank for kind equipment, not '1'",
                 "resources.csv", RES_H "cart,Cart,equipment,paris,1,\n");
}

static void test_import__unknown_kind(void)
{
    EXPECT_ERROR("resources.csv:2: kind: 'teacher' is not a kind (person, room or equipment)",
                 "resources.csv", RES_H "alice,Alice,teacher,paris,,\n");
    EXPECT_ERROR("requirements.csv:3: kind: 'Room' is not a kind",
                 "requirements.csv", REQ_H "math,person,1,,\nmath,Room,1,,\n");
}

static void test_import__unknown_time_zone(void)
{
    EXPECT_ERROR("sites.csv:2: timezone: unknown time zone 'Europe/Pariss'",
                 "sites.csv", SITES_H "paris,Paris,Europe/Pariss\n");
    EXPECT_ERROR("sites.csv:3: timezone: unknown time zone 'Europe/London '",
                 "sites.csv", SITES_H "paris,Paris,Europe/Paris\nlondon,London,Europe/London \n");
    EXPECT_ERROR("sites.csv:2: timezone: unknown time zone '../../etc/passwd'",
                 "sites.csv", SITES_H "paris,Paris,../../etc/passwd\n");
}

static void test_import__invalid_ids(void)
{
    EXPECT_ERROR("sites.csv:2: id: 'par is' is not a valid id (letters, digits, '-', '_' and '.' only)",
                 "sites.csv", SITES_H "par is,Paris,Europe/Paris\n");
    EXPECT_ERROR("resources.csv:2: id: 'alice!' is not a valid id",
                 "resources.csv", RES_H "alice!,Alice,person,paris,,\n");
    EXPECT_ERROR("courses.csv:2: id: 'c\xC3\xA9' is not a valid id",
                 "courses.csv", COU_H "c\xC3\xA9,Math,math,acme,,3,8,2026-10-12,2026-11-20,2,\n");
}

static void test_import__blank_cells(void)
{
    EXPECT_ERROR("sites.csv:2: name: must not be blank", "sites.csv", SITES_H "paris,,Europe/Paris\n");
    EXPECT_ERROR("courses.csv:2: min_days_between: must not be blank",
                 "courses.csv", COU_H "c1,Math,math,acme,,3,8,2026-10-12,2026-11-20,,\n");
    EXPECT_ERROR("contacts.csv:2: last_name: must not be blank",
                 "contacts.csv", CON_H "carol,Carol,,,,client\n");
    EXPECT_ERROR("accounts.csv:2: relationship: must not be blank", "accounts.csv", ACC_H "acme,ACME,\n");
    EXPECT_ERROR("requirements.csv:2: count: must not be blank",
                 "requirements.csv", REQ_H "math,person,,,\n");
    EXPECT_ERROR("time_off.csv:2: resource: must not be blank",
                 "time_off.csv", TO_H ",2026-10-20T08:00,2026-10-20T09:00,\n");
    EXPECT_ERROR("contracts.csv:2: hours: must not be blank",
                 "contracts.csv", KON_H "k1,acme,2026-10-01,2026-12-31,\n");
}

static void test_import__positive_integers(void)
{
    EXPECT_ERROR("courses.csv:2: sessions: '0' is not a positive integer",
                 "courses.csv", COU_H "c1,Math,math,acme,,0,8,2026-10-12,2026-11-20,2,\n");
    EXPECT_ERROR("courses.csv:2: participants: '-3' is not a positive integer",
                 "courses.csv", COU_H "c1,Math,math,acme,,3,-3,2026-10-12,2026-11-20,2,\n");
    EXPECT_ERROR("courses.csv:2: sessions: '+3' is not a positive integer",
                 "courses.csv", COU_H "c1,Math,math,acme,,+3,8,2026-10-12,2026-11-20,2,\n");
    EXPECT_ERROR("courses.csv:2: min_days_between: '-1' is not an integer >= 0",
                 "courses.csv", COU_H "c1,Math,math,acme,,3,8,2026-10-12,2026-11-20,-1,\n");
    EXPECT_ERROR("requirements.csv:2: count: 'x' is not a positive integer",
                 "requirements.csv", REQ_H "math,person,x,,\n");
    EXPECT_ERROR("services.csv:2: duration_minutes: '1.5' is not a positive integer",
                 "services.csv", SERV_H "math,Math,1.5\n");
    EXPECT_ERROR("services.csv:2: duration_minutes: ' 90' is not a positive integer",
                 "services.csv", SERV_H "math,Math, 90\n");
}

static void test_import__bad_hours(void)
{
    static const char *const bad[] = { "1.234", "-5", "abc", "1,5", ".5", "5.", "1e2" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[256], prefix[128];
        snprintf(text, sizeof text, KON_H "k1,acme,2026-10-01,2026-12-31,\"%s\"\n", bad[i]);
        snprintf(prefix, sizeof prefix, "contracts.csv:2: hours: '%s' is not a number of hours", bad[i]);
        EXPECT_ERROR(prefix, "contracts.csv", text);
    }
}

static void test_import__min_capacity(void)
{
    EXPECT_ERROR("requirements.csv:3: min_capacity: 'lots' is neither a number of seats nor 'participants'",
                 "requirements.csv", REQ_H "math,person,1,,\nmath,room,1,,lots\n");
    EXPECT_ERROR("requirements.csv:3: min_capacity: 'Participants' is neither",
                 "requirements.csv", REQ_H "math,person,1,,\nmath,room,1,,Participants\n");
    EXPECT_ERROR("requirements.csv:2: min_capacity: must be blank for kind person, not '5'",
                 "requirements.csv", REQ_H "math,person,1,,5\n");
    EXPECT_ERROR("requirements.csv:2: min_capacity: must be blank for kind equipment, not 'participants'",
                 "requirements.csv", REQ_H "math,equipment,1,,participants\n");
}

static void test_import__service_without_rule(void)
{
    EXPECT_ERROR("services.csv:4: id: service 'draw' has no requirement rule",
                 "services.csv", SERV_H "math,Math,120\nenglish,English,90\ndraw,Drawing,60\n");
    /* requirements.csv absent: the new service still needs a rule */
    EXPECT_ERROR("services.csv:2: id: service 'draw' has no requirement rule",
                 "services.csv", SERV_H "draw,Drawing,60\n", "requirements.csv", NULL, "courses.csv", NULL);
}

static void test_import__contract_of_another_customer(void)
{
    EXPECT_ERROR("courses.csv:3: contract: contract 'k1' belongs to 'acme', not to the course's customer 'dave'",
                 "courses.csv", COU_H C2 "c3,Math,math,dave,k1,3,8,2026-10-12,2026-11-20,2,\n");
    /* a contact of the account is still another customer */
    EXPECT_ERROR("courses.csv:2: contract: contract 'k1' belongs to 'acme', not to the course's customer 'carol'",
                 "courses.csv", COU_H "c3,Math,math,carol,k1,3,8,2026-10-12,2026-11-20,2,\n");
}

static void test_import__unknown_relationship(void)
{
    EXPECT_ERROR("accounts.csv:2: relationship: 'friend' is not a relationship (suspect, prospect, potential_client, client or former_client)",
                 "accounts.csv", ACC_H "acme,ACME,friend\n");
    EXPECT_ERROR("contacts.csv:2: relationship: 'Client' is not a relationship",
                 "contacts.csv", CON_H "dave,Dave,Jones,,,Client\n");
}

static void test_import__bad_email(void)
{
    EXPECT_ERROR("resources.csv:2: email: not an email address",
                 "resources.csv", "id,name,kind,site,capacity,skills,email\nalice,Alice,person,paris,,,alice.example.com\n");
    EXPECT_ERROR("contacts.csv:2: email: not an email address",
                 "contacts.csv", CON_H "carol,Carol,Smith,carol,,client\n");
}

static void test_import__lines_and_quoting(void)
{
    /* the record on line 4 comes after a cell spanning lines 2-3 */
    EXPECT_ERROR("sites.csv:4: timezone: unknown time zone 'Mars/Base'",
                 "sites.csv", SITES_H "paris,\"Paris\ncentre\",Europe/Paris\nlondon,London,Mars/Base\n");
    EXPECT_ERROR("sites.csv:2: name: quote inside an unquoted cell",
                 "sites.csv", SITES_H "paris,Pa\"ris,Europe/Paris\n");
    EXPECT_ERROR("sites.csv:2: name: quoted cell is never closed",
                 "sites.csv", SITES_H "paris,\"Paris,Europe/Paris\n");
}

static void test_import__folder_errors(void)
{
    ordo_model *m = NULL;
    ordo_err err = { 0 };
    warnings w = { 0 };
    char dir[1024];
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    CHECK_EQ(ordo_import_dir(m, "/nonexistent/ordo-folder", NULL, NULL, &err), ORDO_EIO);
    CHECK_STR(err.msg, "/nonexistent/ordo-folder: cannot open the folder: No such file or directory");
    new_dir(dir);
    write_file(dir, "sites.csv", SITES_H);
    char file[1100];
    snprintf(file, sizeof file, "%s/sites.csv", dir);
    CHECK_EQ(ordo_import_dir(m, file, NULL, NULL, &err), ORDO_EIO);
    CHECK_CONTAINS(err.msg, "not a folder");
    remove_folder(dir);
    /* an empty folder changes nothing and says so */
    new_dir(dir);
    CHECK_EQ(ordo_import_dir(m, dir, on_warn, &w, &err), ORDO_OK);
    CHECK_EQ(w.count, 1);
    CHECK_CONTAINS(w.last, "no file of the data contract found");
    CHECK_EQ(m->sites.n, 0);
    remove_folder(dir);
    ordo_model_free(m);
}

/* ---- re-import ---- */

static void test_import__reimport_updates_without_duplicates(void)
{
    ordo_model *m = load_base();
    char msg[ORDO_ERRMSG_MAX];
    size_t n_res = m->resources.n, n_wh = m->working_hours.n, n_to = m->time_off.n;
    size_t n_req = m->requirements.n, n_courses = m->courses.n, n_con = m->contacts.n;
    int alice = ordo_model_find_resource(m, "alice");
    /* the same folder again: nothing doubles */
    CHECK_EQ(import_into(m, 1, msg, NULL, NULL), ORDO_OK);
    CHECK_EQ(m->resources.n, n_res);
    CHECK_EQ(m->working_hours.n, n_wh);
    CHECK_EQ(m->time_off.n, n_to);
    CHECK_EQ(m->requirements.n, n_req);
    CHECK_EQ(m->courses.n, n_courses);
    CHECK_EQ(m->contacts.n, n_con);
    /* changed and new rows: updated in place, appended */
    CHECK_EQ(import_into(m, 0, msg, NULL, "resources.csv",
                         RES_H "alice,Alice Martin,person,london,,math\neve,Eve,person,paris,,\n", NULL),
             ORDO_OK);
    CHECK_EQ(m->resources.n, n_res + 1);
    CHECK_EQ(ordo_model_find_resource(m, "alice"), alice);
    CHECK_STR(m->resources.v[alice].name, "Alice Martin");
    CHECK_EQ(m->resources.v[alice].site, ordo_model_find_site(m, "london"));
    CHECK_EQ(m->resources.v[alice].skills.count, 1);
    CHECK_EQ(import_into(m, 0, msg, NULL, "courses.csv",
                         COU_H "c1,Math advanced,math,acme,,5,9,2026-10-13,2026-11-19,1,\n", NULL), ORDO_OK);
    int c1 = ordo_model_find_course(m, "c1");
    CHECK_EQ(m->courses.n, n_courses);
    CHECK_STR(m->courses.v[c1].title, "Math advanced");
    CHECK_EQ(m->courses.v[c1].sessions, 5);
    CHECK_EQ(m->courses.v[c1].contract, -1);
    CHECK_EQ(m->courses.v[c1].cohorts.count, 0);
    ordo_model_free(m);
}

static void test_import__keyless_rows_replaced_per_key(void)
{
    ordo_model *m = load_base();
    char msg[ORDO_ERRMSG_MAX];
    int alice = ordo_model_find_resource(m, "alice"), bob = ordo_model_find_resource(m, "bob");
    int math = ordo_model_find_service(m, "math"), english = ordo_model_find_service(m, "english");
    ordo_time_off ical = { .resource = alice, .start_date = 20400, .end_date = 20401, .source = "ical:team" };
    CHECK_EQ(ordo_model_add_time_off(m, &ical), ORDO_OK);

    CHECK_EQ(import_into(m, 0, msg, NULL,
                         "working_hours.csv", WH_H "alice,TU,10:00,11:00\nalice,WE,10:00,11:00\n",
                         "time_off.csv", TO_H "alice,2026-11-02T08:00,2026-11-02T12:00,dentist\n",
                         "requirements.csv", REQ_H "english,person,1,,\n", NULL),
             ORDO_OK);
    CHECK_STR(msg, "");
    /* alice: exactly the two new rows; bob's row kept */
    CHECK_EQ(count_rows_for(m, alice), 2);
    CHECK_EQ(count_rows_for(m, bob), 1);
    for (size_t i = 0; i < m->working_hours.n; i++)
        if (m->working_hours.v[i].resource == alice)
            CHECK(m->working_hours.v[i].weekday == 1 || m->working_hours.v[i].weekday == 2);
    /* alice's csv time off replaced, her iCal one kept, bob's kept */
    int csv_alice = 0, ical_alice = 0, bobs = 0;
    for (size_t i = 0; i < m->time_off.n; i++) {
        const ordo_time_off *o = &m->time_off.v[i];
        if (o->resource == alice && strcmp(o->source, "csv") == 0) {
            csv_alice++;
            CHECK_STR(o->reason, "dentist");
        }
        ical_alice += o->resource == alice && strcmp(o->source, "ical:team") == 0;
        bobs += o->resource == bob;
    }
    CHECK_EQ(csv_alice, 1);
    CHECK_EQ(ical_alice, 1);
    CHECK_EQ(bobs, 1);
    /* english: one rule now; math's three untouched */
    int n_math = 0, n_english = 0;
    for (size_t i = 0; i < m->requirements.n; i++) {
        n_math += m->requirements.v[i].service == math;
        if (m->requirements.v[i].service == english) {
            n_english++;
            CHECK(!m->requirements.v[i].skill || !*m->requirements.v[i].skill);   /* the new rule: any skill */
        }
    }
    CHECK_EQ(n_math, 3);
    CHECK_EQ(n_english, 1);
    ordo_model_free(m);
}

static void test_import__absent_files_and_model_references(void)
{
    ordo_model *m = load_base();
    char msg[ORDO_ERRMSG_MAX];
    /* only courses.csv: its references resolve against the model */
    CHECK_EQ(import_into(m, 0, msg, NULL, "courses.csv",
                         COU_H "c9,Extra,english,carol,,2,4,2026-10-12,2026-10-30,1,g1\n", NULL), ORDO_OK);
    CHECK_STR(msg, "");
    CHECK_EQ(m->courses.n, 3);
    CHECK_EQ(m->sites.n, 2);
    CHECK_EQ(m->resources.n, 4);
    CHECK_EQ(m->working_hours.n, 3);
    CHECK_EQ(m->time_off.n, 2);
    CHECK_EQ(m->requirements.n, 5);
    CHECK_EQ(m->contracts.n, 2);
    /* an account whose id is a stored contact is refused */
    CHECK_EQ(import_into(m, 0, msg, NULL, "accounts.csv", ACC_H "carol,Carol Ltd,client\n", NULL), ORDO_EINPUT);
    CHECK_PREFIX(msg, "accounts.csv:2: id: 'carol' is already a contact id");
    ordo_model_free(m);
}

static void test_import__kept_fields(void)
{
    ordo_model *m = load_base();
    char msg[ORDO_ERRMSG_MAX];
    int acme = ordo_model_find_account(m, "acme"), k1 = ordo_model_find_contract(m, "k1");
    int carol = ordo_model_find_contact(m, "carol"), c1 = ordo_model_find_course(m, "c1");
    CHECK_EQ(ordo_strlist_parse(&m->accounts.v[acme].roles, "partner;supplier"), ORDO_OK);
    CHECK_EQ(ordo_strlist_parse(&m->contacts.v[carol].roles, "trainer"), ORDO_OK);
    m->contracts.v[k1].used_minutes = 90;
    m->contracts.v[k1].status = ORDO_CONTRACT_ON_HOLD;
    m->courses.v[c1].min_distinct_days = 3;
    CHECK_EQ(import_into(m, 1, msg, NULL, NULL), ORDO_OK);
    CHECK_EQ(m->accounts.v[acme].roles.count, 2);
    CHECK_EQ(m->contacts.v[carol].roles.count, 1);
    CHECK_EQ(m->contracts.v[k1].used_minutes, 90);
    CHECK_EQ(m->contracts.v[k1].status, ORDO_CONTRACT_ACTIVE);
    CHECK_EQ(m->courses.v[c1].min_distinct_days, 3);
    ordo_model_free(m);
}

/* The optional `site` column of courses.csv: blank = any site, one id or a
 * ';' list; an unknown site is refused naming FILE:LINE and the column; a
 * file without the column keeps each course's list. */
static void test_import__course_sites(void)
{
#define COU_SITE_H "id,title,service,customer,contract,sessions,participants,earliest,latest,min_days_between,cohort,site\n"
    ordo_model *m = NULL;
    char msg[ORDO_ERRMSG_MAX];
    warnings w = { 0 };
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    CHECK_EQ(import_into(m, 1, msg, &w, "courses.csv", COU_SITE_H
                         "c1,Math basics,math,acme,k1,3,8,2026-10-12,2026-11-20,2,g1;g2,london;paris\n"
                         "c2,English,english,dave,,1,1,2026-10-12,2026-10-12,0,,\n", NULL), ORDO_OK);
    CHECK_EQ(w.count, 0);                 /* a contract column: no "ignored" warning */
    int c1 = ordo_model_find_course(m, "c1"), c2 = ordo_model_find_course(m, "c2");
    CHECK_EQ(m->courses.v[c1].sites.count, 2);
    CHECK(ordo_strlist_has(&m->courses.v[c1].sites, "london") && ordo_strlist_has(&m->courses.v[c1].sites, "paris"));
    CHECK_EQ(m->courses.v[c2].sites.count, 0);
    /* re-import without the column: c1 keeps its list */
    CHECK_EQ(import_into(m, 1, msg, NULL, NULL), ORDO_OK);
    CHECK_EQ(m->courses.v[c1].sites.count, 2);
    /* with the column: one site, then blank = any */
    CHECK_EQ(import_into(m, 0, msg, NULL, "courses.csv", COU_SITE_H
                         "c1,Math basics,math,acme,k1,3,8,2026-10-12,2026-11-20,2,,paris\n", NULL), ORDO_OK);
    CHECK_EQ(m->courses.v[c1].sites.count, 1);
    CHECK_STR(m->courses.v[c1].sites.items[0], "paris");
    CHECK_EQ(import_into(m, 0, msg, NULL, "courses.csv", COU_SITE_H
                         "c1,Math basics,math,acme,k1,3,8,2026-10-12,2026-11-20,2,,\n", NULL), ORDO_OK);
    CHECK_EQ(m->courses.v[c1].sites.count, 0);
    ordo_model_free(m);
    EXPECT_ERROR("courses.csv:3: site: unknown site 'mars'", "courses.csv", COU_SITE_H
                 "c1,Math basics,math,acme,k1,3,8,2026-10-12,2026-11-20,2,,paris\n"
                 "c2,English,english,dave,,1,1,2026-10-12,2026-10-12,0,,london;mars\n");
    EXPECT_ERROR("courses.csv:2: site: unknown site 'Paris'", "courses.csv", COU_SITE_H
                 "c1,Math basics,math,acme,k1,3,8,2026-10-12,2026-11-20,2,,Paris\n");
#undef COU_SITE_H
}

static void test_import__extra_column_warning(void)
{
    ordo_model *m = NULL;
    char msg[ORDO_ERRMSG_MAX];
    warnings w = { 0 };
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    CHECK_EQ(import_into(m, 1, msg, &w, "resources.csv",
                         "notes,id,name,kind,site,capacity,skills,email\n"
                         "likes tea,alice,Alice,person,paris,,math,alice@example.com\n"
                         ",bob,Bob,person,london,,english,\n"
                         ",room1,Room 1,room,paris,12,projector,\n"
                         ",cart,Cart,equipment,paris,,laptops,\n", NULL),
             ORDO_OK);
    CHECK_EQ(w.count, 1);
    CHECK_STR(w.last, "resources.csv: column 'notes' ignored");
    int alice = ordo_model_find_resource(m, "alice");
    CHECK(alice >= 0);
    if (alice >= 0) {
        CHECK_STR(m->resources.v[alice].email, "alice@example.com");
        CHECK_STR(m->resources.v[alice].name, "Alice");
    }
    ordo_model_free(m);
}

static void test_import__bom_crlf_blank_rows(void)
{
    ordo_model *m = NULL;
    char msg[ORDO_ERRMSG_MAX];
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    CHECK_EQ(import_into(m, 1, msg, NULL, "sites.csv",
                         "\xEF\xBB\xBFtimezone,id,name\r\nEurope/Paris,paris,\"Paris, \"\"centre\"\"\"\r\n"
                         "\r\n,,\r\nEurope/London,london,London\r\n", NULL),
             ORDO_OK);
    CHECK_STR(msg, "");
    CHECK_EQ(m->sites.n, 2);
    CHECK_STR(m->sites.v[0].name, "Paris, \"centre\"");
    CHECK_STR(m->sites.v[1].timezone, "Europe/London");
    ordo_model_free(m);
}

/* ---- the report, the time-zone rule, misnamed and ';' files ---- */

typedef struct warn_log {
    int count;
    char text[8][ORDO_ERRMSG_MAX];
} warn_log;

static void on_warn_log(const char *message, void *payload)
{
    warn_log *w = payload;
    if (w->count < 8)
        snprintf(w->text[w->count], sizeof w->text[0], "%s", message);
    w->count++;
}

/* Imports into m a new folder holding only files[0..n) (name, text pairs),
 * with options and report; removes the folder after. */
static int import_files(ordo_model *m, const char *const (*files)[2], size_t n, const ordo_import_options *o,
                        ordo_import_report *rep, warn_log *w, char *msg)
{
    char dir[1024], path[1100];
    ordo_err err = { 0 };
    new_dir(dir);
    for (size_t i = 0; i < n; i++)
        write_file(dir, files[i][0], files[i][1]);
    int rc = ordo_import_dir_ex(m, dir, o, w ? on_warn_log : NULL, w, rep, &err);
    snprintf(msg, ORDO_ERRMSG_MAX, "%s", err.msg);
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i][0]);
        remove(path);
    }
    rmdir(dir);
    return rc;
}

static const ordo_import_key_count *key_count(const ordo_import_report *r, ordo_import_table t, const char *key)
{
    for (size_t i = 0; i < r->nkeys; i++)
        if (r->keys[i].table == t && strcmp(r->keys[i].key, key) == 0)
            return &r->keys[i];
    return NULL;
}

#define CHECK_COUNT(c, a, u, s, r) do { CHECK_EQ((c).added, a); CHECK_EQ((c).updated, u); \
    CHECK_EQ((c).unchanged, s); CHECK_EQ((c).removed, r); } while (0)

static void test_import__report_counts_against_the_model(void)
{
    ordo_model *m = load_base();
    ordo_import_report rep = { 0 };
    char msg[ORDO_ERRMSG_MAX];
    int alice = ordo_model_find_resource(m, "alice");
    /* an iCal row is not the CSV's to replace: never counted as removed */
    ordo_time_off ical = { .resource = alice, .start_date = 20400, .end_date = 20401, .source = "ical:team" };
    CHECK_EQ(ordo_model_add_time_off(m, &ical), ORDO_OK);
    static const char *const files[][2] = {
        { "resources.csv", RES_H "alice,Alice,person,paris,,math;physics\n"      /* same */
                                 "bob,Robert,person,london,,english\n"           /* renamed */
                                 "room1,Room 1,room,paris,14,projector\n"        /* more seats */
                                 "eve,Eve,person,paris,,\n" },                   /* new */
        { "working_hours.csv", WH_H "alice,MO,08:00,12:00\nalice,FR,08:00,12:00\n" },
        { "time_off.csv", TO_H "alice,2026-10-20T00:00,2026-10-21T00:00,holiday\n"
                               "alice,2026-11-02T08:00,2026-11-02T12:00,sick\n"
                               "bob,2026-10-25T01:30,2026-10-25T03:00,dentist\n" },
        { "services.csv", SERV_H "math,Math,120\nenglish,English,90\n" },
    };
    CHECK_EQ(import_files(m, files, 4, NULL, &rep, NULL, msg), ORDO_OK);
    CHECK_STR(msg, "");
    CHECK_EQ(rep.read[ORDO_IMPORT_RESOURCES], 1);
    CHECK_EQ(rep.read[ORDO_IMPORT_SITES], 0);
    CHECK_COUNT(rep.tables[ORDO_IMPORT_RESOURCES], 1, 2, 1, 0);
    CHECK_COUNT(rep.tables[ORDO_IMPORT_SERVICES], 0, 0, 2, 0);
    CHECK_COUNT(rep.tables[ORDO_IMPORT_WORKING_HOURS], 1, 0, 1, 1);
    CHECK_COUNT(rep.tables[ORDO_IMPORT_TIME_OFF], 2, 0, 1, 1);   /* bob's reason changed: 1 added, 1 removed */
    const ordo_import_key_count *k = key_count(&rep, ORDO_IMPORT_WORKING_HOURS, "alice");
    CHECK(k != NULL);
    if (k)
        CHECK_COUNT(k->n, 1, 0, 1, 1);
    k = key_count(&rep, ORDO_IMPORT_TIME_OFF, "alice");
    CHECK(k != NULL);
    if (k)
        CHECK_COUNT(k->n, 1, 0, 1, 0);
    k = key_count(&rep, ORDO_IMPORT_TIME_OFF, "bob");
    CHECK(k != NULL);
    if (k)
        CHECK_COUNT(k->n, 1, 0, 0, 1);
    CHECK(key_count(&rep, ORDO_IMPORT_WORKING_HOURS, "bob") == NULL);   /* not in the file */
    /* updated records are listed with the columns that changed */
    k = key_count(&rep, ORDO_IMPORT_RESOURCES, "bob");
    CHECK(k != NULL);
    if (k) {
        CHECK_COUNT(k->n, 0, 1, 0, 0);
        CHECK_STR(k->fields, "name");
    }
    k = key_count(&rep, ORDO_IMPORT_RESOURCES, "room1");
    CHECK(k != NULL && strcmp(k->fields, "capacity") == 0);
    CHECK(key_count(&rep, ORDO_IMPORT_RESOURCES, "alice") == NULL);     /* unchanged */
    CHECK(key_count(&rep, ORDO_IMPORT_RESOURCES, "eve") == NULL);       /* added */
    CHECK_EQ(rep.ntz, 0);
    ordo_import_report_clear(&rep);
    ordo_model_free(m);
}

/* Rows that differ only far into a long reason are different rows. */
static void test_import__report_long_reasons(void)
{
    ordo_model *m = load_base();
    ordo_import_report rep = { 0 };
    char msg[ORDO_ERRMSG_MAX], text[2][2000];
    char reason[1201];
    memset(reason, 'r', 1200);
    reason[1200] = '\0';
    for (int v = 0; v < 2; v++)
        snprintf(text[v], sizeof text[v], TO_H "alice,2026-10-20T00:00,2026-10-21T00:00,%s%c\n", reason, "xy"[v]);
    const char *files[1][2] = { { "time_off.csv", text[0] } };
    CHECK_EQ(import_files(m, (const char *const(*)[2])files, 1, NULL, &rep, NULL, msg), ORDO_OK);
    CHECK_COUNT(rep.tables[ORDO_IMPORT_TIME_OFF], 1, 0, 0, 1);       /* "holiday" replaced */
    CHECK_EQ(import_files(m, (const char *const(*)[2])files, 1, NULL, &rep, NULL, msg), ORDO_OK);
    CHECK_COUNT(rep.tables[ORDO_IMPORT_TIME_OFF], 0, 0, 1, 0);       /* the same again */
    files[0][1] = text[1];
    CHECK_EQ(import_files(m, (const char *const(*)[2])files, 1, NULL, &rep, NULL, msg), ORDO_OK);
    CHECK_COUNT(rep.tables[ORDO_IMPORT_TIME_OFF], 1, 0, 0, 1);       /* last letter differs */
    ordo_import_report_clear(&rep);
    ordo_model_free(m);
}

static void test_import__timezone_change(void)
{
    ordo_model *m = load_base();
    ordo_import_report rep = { 0 };
    ordo_import_options o = ORDO_IMPORT_OPTIONS_INIT;
    char msg[ORDO_ERRMSG_MAX];
    static const char *const files[][2] = {
        { "sites.csv", SITES_H "london,London,Europe/London\nparis,Paris,America/New_York\n" },
    };
    CHECK_EQ(import_files(m, files, 1, NULL, &rep, NULL, msg), ORDO_ERULE);
    CHECK_PREFIX(msg, "sites.csv:3: timezone: site 'paris' is stored with time zone Europe/Paris; changing it "
                      "to 'America/New_York' would move every session");
    CHECK(strstr(msg, "--allow-timezone-change") != NULL);
    o.allow_timezone_change = 1;
    CHECK_EQ(import_files(m, files, 1, &o, &rep, NULL, msg), ORDO_OK);
    CHECK_EQ(rep.ntz, 1);
    if (rep.ntz == 1) {
        CHECK_EQ(rep.tz[0].site, ordo_model_find_site(m, "paris"));
        CHECK_EQ(rep.tz[0].line, 3);
        CHECK_STR(rep.tz[0].old_tz, "Europe/Paris");
        CHECK_STR(rep.tz[0].new_tz, "America/New_York");
    }
    CHECK_COUNT(rep.tables[ORDO_IMPORT_SITES], 0, 1, 1, 0);
    CHECK_STR(m->sites.v[ordo_model_find_site(m, "paris")].timezone, "America/New_York");
    ordo_import_report_clear(&rep);
    ordo_model_free(m);
}

static void test_import__semicolon_file(void)
{
    EXPECT_ERROR("sites.csv:1: header: the file uses ';' as separator", "sites.csv",
                 "id;name;timezone\nparis;Paris;Europe/Paris\n");
    /* a ';' inside one cell of a ','-header is no separator: an extra column */
    char msg[ORDO_ERRMSG_MAX];
    CHECK_EQ(IMPORT_FRESH(msg, "sites.csv", "id,name,timezone,notes;misc\nparis,Paris,Europe/Paris,x\n"
                                            "london,London,Europe/London,\n"), ORDO_OK);
}

static void test_import__misnamed_files(void)
{
    ordo_model *m = NULL;
    warn_log w = { 0 };
    char msg[ORDO_ERRMSG_MAX];
    static const char *const files[][2] = {
        { "sites.csv", SITES_H "paris,Paris,Europe/Paris\n" },
        { "Time_Off.csv", TO_H },
        { "rooms.csv", RES_H },
        { "cources.csv", COU_H },
        { "notes.csv", "x\n" },
        { "bookings.csv", "course,session,start,end,site,resources\n" },
        { "README.txt", "not a csv\n" },
    };
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    CHECK_EQ(import_files(m, files, 7, NULL, NULL, &w, msg), ORDO_OK);
    CHECK_EQ(w.count, 5);
    /* in byte order of the names */
    CHECK_STR(w.text[0], "Time_Off.csv is not read; did you mean time_off.csv?");
    CHECK_STR(w.text[1], "bookings.csv is not read (ordo writes it; it is not an input of the import)");
    CHECK_STR(w.text[2], "cources.csv is not read; did you mean courses.csv?");
    CHECK_PREFIX(w.text[3], "notes.csv is not read: not a file of the data contract");
    CHECK_STR(w.text[4], "rooms.csv is not read; did you mean resources.csv?");
    ordo_model_free(m);
}

int main(void)
{
    RUN(test_import__example_training);
    RUN(test_import__base_values);
    RUN(test_import__hours_values);
    RUN(test_import__header_errors);
    RUN(test_import__cell_count_errors);
    RUN(test_import__unknown_references);
    RUN(test_import__duplicate_ids);
    RUN(test_import__bad_dates_and_times);
    RUN(test_import__bad_weekday);
    RUN(test_import__end_not_after_start);
    RUN(test_import__capacity);
    RUN(test_import__unknown_kind);
    RUN(test_import__unknown_time_zone);
    RUN(test_import__invalid_ids);
    RUN(test_import__blank_cells);
    RUN(test_import__positive_integers);
    RUN(test_import__bad_hours);
    RUN(test_import__min_capacity);
    RUN(test_import__service_without_rule);
    RUN(test_import__contract_of_another_customer);
    RUN(test_import__unknown_relationship);
    RUN(test_import__bad_email);
    RUN(test_import__lines_and_quoting);
    RUN(test_import__folder_errors);
    RUN(test_import__reimport_updates_without_duplicates);
    RUN(test_import__keyless_rows_replaced_per_key);
    RUN(test_import__absent_files_and_model_references);
    RUN(test_import__kept_fields);
    RUN(test_import__course_sites);
    RUN(test_import__extra_column_warning);
    RUN(test_import__bom_crlf_blank_rows);
    RUN(test_import__report_counts_against_the_model);
    RUN(test_import__report_long_reasons);
    RUN(test_import__timezone_change);
    RUN(test_import__semicolon_file);
    RUN(test_import__misnamed_files);
    return CHECK_DONE();
}
