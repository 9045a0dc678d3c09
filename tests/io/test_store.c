/*
 * test_store.c — the SQLite store: a model with every table filled survives
 * save + load field by field; saves are idempotent and give stable session
 * ids; removed records are deleted while session rows stay (cancelled); a
 * locked, failing or invalid save changes nothing; bad files give clear
 * errors; meta settings; out of memory at every allocation; and save/load
 * times of an L-size model (printed).
 * Files go to $ORDO_TMP.
 */
#include "check.h"
#include "io/store.h"

#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char path_buf[1024];

/* A fresh file name in $ORDO_TMP (old file and its WAL removed). */
static const char *tmp_path(const char *name)
{
    const char *dir = check_env("ORDO_TMP", "/tmp/ordo-test");
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        fprintf(stderr, "cannot create %s\n", dir);
    char extra[1100];
    snprintf(path_buf, sizeof path_buf, "%s/store-%s.db", dir, name);
    remove(path_buf);
    snprintf(extra, sizeof extra, "%s-wal", path_buf);
    remove(extra);
    snprintf(extra, sizeof extra, "%s-shm", path_buf);
    remove(extra);
    return path_buf;
}

static ordo_date day(int y, int m, int d) { return ordo_date_from_ymd(y, m, d); }

static ordo_strlist list(const char *cell)
{
    ordo_strlist l;
    ordo_strlist_parse(&l, cell);
    return l;
}

/* TRIMMED: without p2, c2, co2 and what hangs on them; NO_ACME: without the
 * account that contact c1 still names. */
enum { FULL = 0, TRIMMED = 1, NO_ACME = 2 };

/* A model with every table filled; references by index as the model wants. */
static ordo_model *build_model(int variant)
{
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    ordo_site sites[] = { { "s1", "Paris HQ", "Europe/Paris" }, { "s2", NULL, "America/New_York" } };
    for (int i = 0; i < 2; i++)
        CHECK_EQ(ordo_model_put_site(m, &sites[i], NULL), ORDO_OK);

    ordo_resource res[] = {
        { "p1", "Pat One", ORDO_PERSON, 0, 0, list("python;sql"), "p1@example.org" },
        { "room1", "Big room", ORDO_ROOM, 0, 12, list("projector"), NULL },
        { "eq1", "Beamer", ORDO_EQUIPMENT, 1, 0, list(""), NULL },
        { "p2", "Pat Two", ORDO_PERSON, -1, 0, list("sql"), NULL },
    };
    for (int i = 0; i < 4; i++) {
        if (variant != TRIMMED || i != 3)
            CHECK_EQ(ordo_model_put_resource(m, &res[i], NULL), ORDO_OK);
        ordo_strlist_clear(&res[i].skills);
    }
    ordo_working_hours wh[] = { { 0, 0, 480, 720 }, { 1, 1, 0, 1440 }, { 0, 0, 780, 1020 } };
    for (int i = 0; i < 3; i++)
        CHECK_EQ(ordo_model_add_working_hours(m, &wh[i]), ORDO_OK);
    ordo_time_off to[] = {
        { 0, day(2026, 3, 2), day(2026, 3, 2), 540, 720, "dentist", "csv" },
        { 1, day(2026, 3, 9), day(2026, 3, 11), 0, 1440, NULL, "ical:rooms" },
    };
    for (int i = 0; i < 2; i++)
        CHECK_EQ(ordo_model_add_time_off(m, &to[i]), ORDO_OK);

    ordo_service svc[] = { { "svc1", "Python intro", 180 }, { "svc2", "SQL", 240 } };
    for (int i = 0; i < 2; i++)
        CHECK_EQ(ordo_model_put_service(m, &svc[i], NULL), ORDO_OK);
    ordo_requirement req[] = {
        { 0, ORDO_PERSON, 1, "python", ORDO_CAPACITY_ANY, 0 },
        { 1, ORDO_PERSON, 2, "sql", ORDO_CAPACITY_ANY, 0 },
        { 0, ORDO_ROOM, 1, NULL, ORDO_CAPACITY_PARTICIPANTS, 5 },
        { 0, ORDO_EQUIPMENT, 1, NULL, 10, 0 },
    };
    for (int i = 0; i < 4; i++)
        CHECK_EQ(ordo_model_add_requirement(m, &req[i]), ORDO_OK);

    ordo_account acc[] = { { "acme", "ACME", ORDO_REL_CLIENT, list("partner;supplier"), "Paris" },
                           { "globex", "Globex", ORDO_REL_NONE, list(""), NULL } };
    for (int i = 0; i < 2; i++) {
        if (variant != NO_ACME || i != 0)
            CHECK_EQ(ordo_model_put_account(m, &acc[i], NULL), ORDO_OK);
        ordo_strlist_clear(&acc[i].roles);
    }
    ordo_contact con[] = { { "c1", "Ada", "Lovelace", "ada@example.org", "acme", ORDO_REL_PROSPECT, list("buyer"),
                             "Saint-Étienne", "+44 20 7946 0000" },
                           { "c2", "Alan", "Turing", NULL, NULL, ORDO_REL_NONE, list(""), NULL, NULL } };
    for (int i = 0; i < 2; i++) {
        if (variant != TRIMMED || i != 1)
            CHECK_EQ(ordo_model_put_contact(m, &con[i], NULL), ORDO_OK);
        ordo_strlist_clear(&con[i].roles);
    }
    ordo_contract k[] = { { "k1", "acme", day(2026, 1, 1), day(2026, 12, 31), 2400, 120, ORDO_CONTRACT_ACTIVE },
                          { "k2", "c2", day(2026, 2, 1), day(2026, 6, 30), 750, 0, ORDO_CONTRACT_ON_HOLD } };
    for (int i = 0; i < 2; i++)
        CHECK_EQ(ordo_model_put_contract(m, &k[i], NULL), ORDO_OK);

    ordo_course co[] = {
        { "co1", "Python for analysts", 0, "acme", 0, 3, 8, day(2026, 3, 1), day(2026, 4, 30), 2, list("g1;g2"), 2, 0, 0, list("s2;s1") },
        { "co2", "SQL basics", 1, "c2", -1, 1, 3, day(2026, 3, 5), day(2026, 3, 20), 0, list(""), 0, 3, 1, list("") },
    };
    for (int i = 0; i < 2; i++) {
        if (variant != TRIMMED || i != 1)
            CHECK_EQ(ordo_model_put_course(m, &co[i], NULL), ORDO_OK);
        ordo_strlist_clear(&co[i].cohorts);
        ordo_strlist_clear(&co[i].sites);
    }
    ordo_course_blackout bo[] = { { 0, day(2026, 3, 10), 0, 1440 }, { 1, day(2026, 3, 12), 600, 720 } };
    for (int i = 0; i < (variant != TRIMMED ? 2 : 1); i++)
        CHECK_EQ(ordo_model_add_blackout(m, &bo[i]), ORDO_OK);

    int r0[] = { 0, 1, 2 }, r2[] = { 3 };
    ordo_session ses[] = {
        { 0, 0, 0, ORDO_SESSION_PLANNED, 29530000, 29530180, 0, r0, 3, 2, 1700000000, NULL, 0 },
        { 0, 0, 1, ORDO_SESSION_UNSCHEDULED, 0, 0, -1, NULL, 0, 0, 1700000001, "availability: nobody is free", 0 },
        { 0, 1, 0, ORDO_SESSION_PLANNED, 29540000, 29540240, 1, r2, 1, 0, 1700000002, "conflict: forced", 1 },
        { 0, 0, 2, ORDO_SESSION_DONE, 29520000, 29520180, 0, r0, 2, 5, 1700000003, NULL, 0 },
    };
    for (int i = 0; i < 4; i++)
        if (variant != TRIMMED || i != 2)
            CHECK_EQ(ordo_model_add_session(m, &ses[i], NULL), ORDO_OK);
    return m;
}

static int same_str(const char *a, const char *b) { return (!a && !b) || (a && b && strcmp(a, b) == 0); }

#define CHECK_SAME(a, b) do { const char *_x = (a), *_y = (b); check_count++; if (!same_str(_x, _y)) { \
    check_failures++; fprintf(stderr, "%s:%d: %s: \"%s\" != \"%s\"\n", __FILE__, __LINE__, #a, \
    _x ? _x : "(null)", _y ? _y : "(null)"); } } while (0)

static void same_list(const ordo_strlist *a, const ordo_strlist *b)
{
    CHECK_EQ(a->count, b->count);
    for (int i = 0; i < a->count && i < b->count; i++)
        CHECK_SAME(a->items[i], b->items[i]);
}

/* Field by field, index by index. */
static void same_model(const ordo_model *a, const ordo_model *b)
{
    CHECK_EQ(a->sites.n, b->sites.n);
    for (size_t i = 0; i < a->sites.n && i < b->sites.n; i++) {
        CHECK_SAME(a->sites.v[i].id, b->sites.v[i].id);
        CHECK_SAME(a->sites.v[i].name, b->sites.v[i].name);
        CHECK_SAME(a->sites.v[i].timezone, b->sites.v[i].timezone);
    }
    CHECK_EQ(a->resources.n, b->resources.n);
    for (size_t i = 0; i < a->resources.n && i < b->resources.n; i++) {
        const ordo_resource *x = &a->resources.v[i], *y = &b->resources.v[i];
        CHECK_SAME(x->id, y->id);
        CHECK_SAME(x->name, y->name);
        CHECK_EQ(x->kind, y->kind);
        CHECK_EQ(x->site, y->site);
        CHECK_EQ(x->capacity, y->capacity);
        same_list(&x->skills, &y->skills);
        CHECK_SAME(x->email, y->email);
    }
    CHECK_EQ(a->working_hours.n, b->working_hours.n);
    for (size_t i = 0; i < a->working_hours.n && i < b->working_hours.n; i++) {
        const ordo_working_hours *x = &a->working_hours.v[i], *y = &b->working_hours.v[i];
        CHECK_EQ(x->resource, y->resource);
        CHECK_EQ(x->weekday, y->weekday);
        CHECK_EQ(x->start, y->start);
        CHECK_EQ(x->end, y->end);
    }
    CHECK_EQ(a->time_off.n, b->time_off.n);
    for (size_t i = 0; i < a->time_off.n && i < b->time_off.n; i++) {
        const ordo_time_off *x = &a->time_off.v[i], *y = &b->time_off.v[i];
        CHECK_EQ(x->resource, y->resource);
        CHECK_EQ(x->start_date, y->start_date);
        CHECK_EQ(x->end_date, y->end_date);
        CHECK_EQ(x->start_min, y->start_min);
        CHECK_EQ(x->end_min, y->end_min);
        CHECK_SAME(x->reason, y->reason);
        CHECK_SAME(x->source, y->source);
    }
    CHECK_EQ(a->services.n, b->services.n);
    for (size_t i = 0; i < a->services.n && i < b->services.n; i++) {
        CHECK_SAME(a->services.v[i].id, b->services.v[i].id);
        CHECK_SAME(a->services.v[i].name, b->services.v[i].name);
        CHECK_EQ(a->services.v[i].duration, b->services.v[i].duration);
    }
    CHECK_EQ(a->requirements.n, b->requirements.n);
    for (size_t i = 0; i < a->requirements.n && i < b->requirements.n; i++) {
        const ordo_requirement *x = &a->requirements.v[i], *y = &b->requirements.v[i];
        CHECK_EQ(x->service, y->service);
        CHECK_EQ(x->kind, y->kind);
        CHECK_EQ(x->count, y->count);
        CHECK_SAME(x->skill, y->skill);
        CHECK_EQ(x->min_capacity, y->min_capacity);
        CHECK_EQ(x->capacity_penalty, y->capacity_penalty);
    }
    CHECK_EQ(a->accounts.n, b->accounts.n);
    for (size_t i = 0; i < a->accounts.n && i < b->accounts.n; i++) {
        const ordo_account *x = &a->accounts.v[i], *y = &b->accounts.v[i];
        CHECK_SAME(x->id, y->id);
        CHECK_SAME(x->name, y->name);
        CHECK_EQ(x->relationship, y->relationship);
        same_list(&x->roles, &y->roles);
        CHECK_SAME(x->city, y->city);
    }
    CHECK_EQ(a->contacts.n, b->contacts.n);
    for (size_t i = 0; i < a->contacts.n && i < b->contacts.n; i++) {
        const ordo_contact *x = &a->contacts.v[i], *y = &b->contacts.v[i];
        CHECK_SAME(x->id, y->id);
        CHECK_SAME(x->first_name, y->first_name);
        CHECK_SAME(x->last_name, y->last_name);
        CHECK_SAME(x->email, y->email);
        CHECK_SAME(x->account, y->account);
        CHECK_EQ(x->relationship, y->relationship);
        same_list(&x->roles, &y->roles);
        CHECK_SAME(x->city, y->city);
        CHECK_SAME(x->phone, y->phone);
    }
    CHECK_EQ(a->contracts.n, b->contracts.n);
    for (size_t i = 0; i < a->contracts.n && i < b->contracts.n; i++) {
        const ordo_contract *x = &a->contracts.v[i], *y = &b->contracts.v[i];
        CHECK_SAME(x->id, y->id);
        CHECK_SAME(x->customer, y->customer);
        CHECK_EQ(x->start, y->start);
        CHECK_EQ(x->end, y->end);
        CHECK_EQ(x->minutes, y->minutes);
        CHECK_EQ(x->used_minutes, y->used_minutes);
        CHECK_EQ(x->status, y->status);
    }
    CHECK_EQ(a->courses.n, b->courses.n);
    for (size_t i = 0; i < a->courses.n && i < b->courses.n; i++) {
        const ordo_course *x = &a->courses.v[i], *y = &b->courses.v[i];
        CHECK_SAME(x->id, y->id);
        CHECK_SAME(x->title, y->title);
        CHECK_EQ(x->service, y->service);
        CHECK_SAME(x->customer, y->customer);
        CHECK_EQ(x->contract, y->contract);
        CHECK_EQ(x->sessions, y->sessions);
        CHECK_EQ(x->participants, y->participants);
        CHECK_EQ(x->earliest, y->earliest);
        CHECK_EQ(x->latest, y->latest);
        CHECK_EQ(x->min_days_between, y->min_days_between);
        same_list(&x->cohorts, &y->cohorts);
        CHECK_EQ(x->min_distinct_days, y->min_distinct_days);
        CHECK_EQ(x->fixed_duration_slots, y->fixed_duration_slots);
        CHECK_EQ(x->is_booking, y->is_booking);
        same_list(&x->sites, &y->sites);
    }
    CHECK_EQ(a->blackouts.n, b->blackouts.n);
    for (size_t i = 0; i < a->blackouts.n && i < b->blackouts.n; i++) {
        const ordo_course_blackout *x = &a->blackouts.v[i], *y = &b->blackouts.v[i];
        CHECK_EQ(x->course, y->course);
        CHECK_EQ(x->date, y->date);
        CHECK_EQ(x->start_min, y->start_min);
        CHECK_EQ(x->end_min, y->end_min);
    }
    CHECK_EQ(a->sessions.n, b->sessions.n);
    for (size_t i = 0; i < a->sessions.n && i < b->sessions.n; i++) {
        const ordo_session *x = &a->sessions.v[i], *y = &b->sessions.v[i];
        CHECK_EQ(x->id, y->id);
        CHECK_EQ(x->course, y->course);
        CHECK_EQ(x->ordinal, y->ordinal);
        CHECK_EQ(x->status, y->status);
        CHECK_EQ(x->start, y->start);
        CHECK_EQ(x->end, y->end);
        CHECK_EQ(x->site, y->site);
        CHECK_EQ(x->nresources, y->nresources);
        for (int k = 0; k < x->nresources && k < y->nresources; k++)
            CHECK_EQ(x->resources[k], y->resources[k]);
        CHECK_EQ(x->sequence, y->sequence);
        CHECK_EQ(x->dtstamp, y->dtstamp);
        CHECK_SAME(x->reason, y->reason);
        CHECK_EQ(x->forced_conflict, y->forced_conflict);
    }
}

static ordo_store *open_store(const char *path)
{
    ordo_store *s = NULL;
    ordo_err err = { 0 };
    int rc = ordo_store_open(&s, path, &err);
    CHECK_EQ(rc, ORDO_OK);
    if (rc)
        fprintf(stderr, "open: %s\n", err.msg);
    return s;
}

static ordo_model *load(ordo_store *s)
{
    ordo_model *m = NULL;
    int rc = ordo_store_load(s, &m);
    CHECK_EQ(rc, ORDO_OK);
    if (rc)
        fprintf(stderr, "load: %s\n", ordo_store_errmsg(s));
    return m;
}

static int save(ordo_store *s, ordo_model *m)
{
    int rc = ordo_store_save(s, m);
    if (rc)
        fprintf(stderr, "save: %s (%s)\n", ordo_store_errmsg(s), ordo_strerror(rc));
    return rc;
}

static void test_store__roundtrip(void)
{
    const char *path = tmp_path("roundtrip");
    ordo_store *s = open_store(path);
    ordo_model *m = build_model(FULL), *back = NULL;
    CHECK_EQ(save(s, m), ORDO_OK);
    for (size_t i = 0; i < m->sessions.n; i++) {
        CHECK(m->sessions.v[i].id > 0);
        for (size_t j = 0; j < i; j++)
            CHECK(m->sessions.v[i].id != m->sessions.v[j].id);
    }
    back = load(s);
    if (back)
        same_model(m, back);
    ordo_model_free(back);
    ordo_store_close(s);

    /* a second connection on the reopened file sees the same */
    s = open_store(path);
    back = s ? load(s) : NULL;
    if (back)
        same_model(m, back);
    ordo_model_free(back);
    ordo_store_close(s);
    ordo_model_free(m);
}

static void test_store__resave_is_idempotent(void)
{
    ordo_store *s = open_store(tmp_path("idempotent"));
    ordo_model *m = build_model(FULL), *a = NULL, *b = NULL;
    CHECK_EQ(save(s, m), ORDO_OK);
    CHECK_EQ(save(s, m), ORDO_OK);
    a = load(s);
    CHECK_EQ(save(s, a), ORDO_OK);
    CHECK_EQ(save(s, a), ORDO_OK);
    b = load(s);
    if (a && b) {
        same_model(m, a);   /* no duplicated keyless rows or sessions */
        same_model(a, b);
    }
    ordo_model_free(a);
    ordo_model_free(b);
    ordo_model_free(m);
    ordo_store_close(s);
}

static void test_store__session_ids_are_stable(void)
{
    ordo_store *s = open_store(tmp_path("ids"));
    ordo_model *m = build_model(FULL), *a = NULL, *b = NULL;
    CHECK_EQ(save(s, m), ORDO_OK);
    int64_t max = 0;
    for (size_t i = 0; i < m->sessions.n; i++)
        max = m->sessions.v[i].id > max ? m->sessions.v[i].id : max;
    a = load(s);
    if (!a)
        goto done;
    ordo_session extra = { 0, 1, 1, ORDO_SESSION_UNSCHEDULED, 0, 0, -1, NULL, 0, 0, 1767225700, "window: too late", 0 };
    int at = -1;
    CHECK_EQ(ordo_model_add_session(a, &extra, &at), ORDO_OK);
    CHECK_EQ(save(s, a), ORDO_OK);
    CHECK(a->sessions.v[at].id > max);
    for (size_t i = 0; i < m->sessions.n; i++)
        CHECK_EQ(a->sessions.v[i].id, m->sessions.v[i].id);
    int64_t given = a->sessions.v[at].id;
    CHECK_EQ(save(s, a), ORDO_OK);                 /* saving again gives no new id */
    CHECK_EQ(a->sessions.v[at].id, given);
    /* a re-plan changes existing sessions in place: each change is stored */
    ordo_session *p = &a->sessions.v[0];
    int moved[] = { 3, 1 };
    p->start += 1440;
    p->end += 1440;
    p->site = 1;
    p->sequence++;
    p->dtstamp++;
    CHECK_EQ(ordo_session_set_resources(p, moved, 2), ORDO_OK);
    a->sessions.v[1].status = ORDO_SESSION_PLANNED;
    CHECK_EQ(ordo_session_set_reason(&a->sessions.v[1], NULL), ORDO_OK);
    a->sessions.v[3].ordinal = 7;
    CHECK_EQ(save(s, a), ORDO_OK);
    b = load(s);
    if (b)
        same_model(a, b);
    ordo_model_free(b);
    /* one nullable field alone changes too */
    CHECK_EQ(ordo_session_set_reason(&a->sessions.v[0], "kept: manual"), ORDO_OK);
    CHECK_EQ(save(s, a), ORDO_OK);
    b = load(s);
    if (b)
        same_model(a, b);
done:
    ordo_model_free(a);
    ordo_model_free(b);
    ordo_model_free(m);
    ordo_store_close(s);
}

static void test_store__removed_records_are_deleted_sessions_kept(void)
{
    ordo_store *s = open_store(tmp_path("delete"));
    ordo_model *full = build_model(FULL), *trim = build_model(TRIMMED), *a = NULL, *b = NULL;
    CHECK_EQ(save(s, full), ORDO_OK);
    /* the trimmed model is the same plan without co2's session: keep the ids */
    for (size_t i = 0, k = 0; i < full->sessions.n; i++)
        if (full->sessions.v[i].course == 0)
            trim->sessions.v[k++].id = full->sessions.v[i].id;
    CHECK_EQ(save(s, trim), ORDO_OK);
    a = load(s);
    if (!a)
        goto done;
    same_model(trim, a);
    CHECK_EQ(ordo_model_find_resource(a, "p2"), -1);
    CHECK_EQ(ordo_model_find_contact(a, "c2"), -1);
    CHECK_EQ(ordo_model_find_course(a, "co2"), -1);

    /* co2's session row stayed: bring the course back and it reappears, cancelled */
    ordo_course co2 = { "co2", "SQL basics", 1, "c2", -1, 1, 3, day(2026, 3, 5), day(2026, 3, 20), 0, { 0 }, 0, 3, 1, { 0 } };
    CHECK_EQ(ordo_model_put_course(a, &co2, NULL), ORDO_OK);
    CHECK_EQ(save(s, a), ORDO_OK);
    b = load(s);
    if (!b)
        goto done;
    CHECK_EQ(b->sessions.n, full->sessions.n);
    const ordo_session *old = &full->sessions.v[2], *now = NULL;
    for (size_t i = 0; i < b->sessions.n; i++)
        if (b->sessions.v[i].id == old->id)
            now = &b->sessions.v[i];
    CHECK(now != NULL);
    if (now) {
        CHECK_EQ(now->status, ORDO_SESSION_CANCELLED);
        CHECK_EQ(now->sequence, old->sequence + 1);
        CHECK(now->dtstamp > old->dtstamp);
        CHECK_EQ(now->start, old->start);
        CHECK_EQ(now->nresources, 0);          /* p2 is gone */
        CHECK_EQ(now->site, 1);
        CHECK_SAME(b->courses.v[now->course].id, "co2");
    }
done:
    ordo_model_free(a);
    ordo_model_free(b);
    ordo_model_free(trim);
    ordo_model_free(full);
    ordo_store_close(s);
}

static void test_store__busy_save_changes_nothing(void)
{
    const char *path = tmp_path("busy");
    ordo_store *a = open_store(path), *b = open_store(path);
    ordo_model *m = build_model(FULL), *x = NULL, *y = NULL, *z = NULL;
    if (!a || !b)
        goto done;
    CHECK_EQ(save(a, m), ORDO_OK);
    CHECK_EQ(ordo_store_set_busy_timeout(b, 50), ORDO_OK);
    x = load(b);
    if (!x)
        goto done;
    CHECK_EQ(ordo_store_begin(a), ORDO_OK);        /* a holds the write lock */
    ordo_site renamed = { "s1", "Renamed", "Europe/Paris" };
    CHECK_EQ(ordo_model_put_site(x, &renamed, NULL), ORDO_OK);
    ordo_session extra = { 0, 0, 2, ORDO_SESSION_UNSCHEDULED, 0, 0, -1, NULL, 0, 0, 1, "cohort: busy", 0 };
    int at = -1;
    CHECK_EQ(ordo_model_add_session(x, &extra, &at), ORDO_OK);
    CHECK_EQ(ordo_store_save(b, x), ORDO_EBUSY);
    CHECK_CONTAINS(ordo_store_errmsg(b), "busy");
    CHECK_CONTAINS(ordo_store_errmsg(b), path);
    CHECK_EQ(x->sessions.v[at].id, 0);             /* the model is as before too */
    CHECK_EQ(ordo_store_begin(b), ORDO_EBUSY);
    y = load(b);                                   /* readers are not blocked (WAL) */
    if (y)
        same_model(m, y);
    CHECK_EQ(ordo_store_rollback(a), ORDO_OK);
    z = load(b);
    if (z) {
        same_model(m, z);
        CHECK_SAME(z->sites.v[0].name, "Paris HQ");
    }
    CHECK_EQ(save(b, x), ORDO_OK);                 /* once free, the same save works */
    CHECK(x->sessions.v[at].id > 0);
done:
    ordo_model_free(x);
    ordo_model_free(y);
    ordo_model_free(z);
    ordo_model_free(m);
    ordo_store_close(a);
    ordo_store_close(b);
}

static void test_store__failed_save_rolls_back(void)
{
    ordo_store *s = open_store(tmp_path("rollback"));
    ordo_model *m = build_model(FULL), *x = NULL, *y = NULL;
    CHECK_EQ(save(s, m), ORDO_OK);
    x = load(s);
    if (!x)
        goto done;
    /* sites are written before contacts: the rename must be undone */
    ordo_site renamed = { "s1", "Renamed", "Europe/Paris" };
    CHECK_EQ(ordo_model_put_site(x, &renamed, NULL), ORDO_OK);
    ordo_session extra = { 0, 0, 2, ORDO_SESSION_UNSCHEDULED, 0, 0, -1, NULL, 0, 0, 1, "cohort: busy", 0 };
    int at = -1;
    CHECK_EQ(ordo_model_add_session(x, &extra, &at), ORDO_OK);
    ordo_contact ghost = { "c1", "Ada", "Lovelace", NULL, "no-such-account", ORDO_REL_NONE, { 0 }, NULL, NULL };
    CHECK_EQ(ordo_model_put_contact(x, &ghost, NULL), ORDO_OK);
    CHECK_EQ(ordo_store_save(s, x), ORDO_EINPUT);
    CHECK_CONTAINS(ordo_store_errmsg(s), "contact 'c1'");
    CHECK_CONTAINS(ordo_store_errmsg(s), "FOREIGN KEY");
    CHECK_EQ(x->sessions.v[at].id, 0);
    ordo_model_free(y);
    y = load(s);
    if (y)
        same_model(m, y);

    /* a late failure: deleting 'acme' (c1 still names it) comes after the
     * sessions were written and given ids; all of it is undone */
    ordo_model *late = build_model(NO_ACME);
    CHECK_EQ(ordo_store_save(s, late), ORDO_EINPUT);
    CHECK_CONTAINS(ordo_store_errmsg(s), "deleting account 'acme'");
    for (size_t i = 0; i < late->sessions.n; i++)
        CHECK_EQ(late->sessions.v[i].id, 0);
    ordo_model_free(y);
    y = load(s);
    if (y)
        same_model(m, y);                          /* no extra sessions either */
    ordo_model_free(late);
done:
    ordo_model_free(x);
    ordo_model_free(y);
    ordo_model_free(m);
    ordo_store_close(s);
}

static void test_store__invalid_model_is_refused(void)
{
    ordo_store *s = open_store(tmp_path("invalid"));
    ordo_model *m = build_model(FULL), *y = NULL;
    CHECK_EQ(save(s, m), ORDO_OK);
    int bad[] = { 0, 99 };
    CHECK_EQ(ordo_session_set_resources(&m->sessions.v[0], bad, 2), ORDO_OK);
    CHECK_EQ(ordo_store_save(s, m), ORDO_EINVAL);
    CHECK_CONTAINS(ordo_store_errmsg(s), "session of 'co1'");
    CHECK_CONTAINS(ordo_store_errmsg(s), "resource index 99 is out of range");
    m->sessions.v[0].resources[1] = 1;
    m->courses.v[0].earliest = day(1850, 1, 1);
    CHECK_EQ(ordo_store_save(s, m), ORDO_EINVAL);
    CHECK_CONTAINS(ordo_store_errmsg(s), "course 'co1': earliest");
    m->courses.v[0].earliest = day(2026, 3, 1);
    m->working_hours.v[2].resource = -1;
    CHECK_EQ(ordo_store_save(s, m), ORDO_EINVAL);
    CHECK_CONTAINS(ordo_store_errmsg(s), "working hours 'row 3': resource index -1");
    m->working_hours.v[2].resource = 0;
    int64_t kept = m->sessions.v[1].id;
    m->sessions.v[1].id = m->sessions.v[3].id;
    CHECK_EQ(ordo_store_save(s, m), ORDO_EINVAL);
    CHECK_CONTAINS(ordo_store_errmsg(s), "two sessions have id");
    m->sessions.v[1].id = kept;
    m->courses.v[0].earliest = day(2026, 3, 2);
    y = load(s);
    if (y)
        CHECK_EQ(y->courses.v[0].earliest, day(2026, 3, 1));
    ordo_model_free(y);
    CHECK_EQ(save(s, m), ORDO_OK);                 /* repaired, the model saves */
    y = load(s);
    if (y)
        same_model(m, y);
    ordo_model_free(y);
    ordo_model_free(m);
    ordo_store_close(s);
}

static void test_store__explicit_transaction(void)
{
    const char *path = tmp_path("transaction");
    ordo_store *a = open_store(path), *b = open_store(path);
    ordo_model *m = build_model(FULL), *x = NULL, *y = NULL;
    if (!a || !b)
        goto done;
    CHECK_EQ(save(a, m), ORDO_OK);
    ordo_service longer = { "svc1", "Python intro", 240 };

    CHECK_EQ(ordo_store_begin(a), ORDO_OK);
    CHECK_EQ(ordo_store_begin(a), ORDO_EINVAL);
    CHECK_EQ(ordo_model_put_service(m, &longer, NULL), ORDO_OK);
    CHECK_EQ(save(a, m), ORDO_OK);
    x = load(b);                                   /* not committed yet */
    if (x)
        CHECK_EQ(x->services.v[0].duration, 180);
    ordo_model_free(x);
    x = load(a);                                   /* but a sees its own change */
    if (x)
        CHECK_EQ(x->services.v[0].duration, 240);
    ordo_model_free(x);
    CHECK_EQ(ordo_store_commit(a), ORDO_OK);
    x = load(b);
    if (x)
        same_model(m, x);

    /* a failed save inside the transaction undoes only itself */
    CHECK_EQ(ordo_store_begin(a), ORDO_OK);
    longer.duration = 300;
    CHECK_EQ(ordo_model_put_service(m, &longer, NULL), ORDO_OK);
    CHECK_EQ(save(a, m), ORDO_OK);
    ordo_contact ghost = { "c1", "Ada", "Lovelace", NULL, "no-such-account", ORDO_REL_NONE, { 0 }, NULL, NULL };
    ordo_model *bad = load(a);
    if (bad) {
        CHECK_EQ(ordo_model_put_contact(bad, &ghost, NULL), ORDO_OK);
        CHECK_EQ(ordo_store_save(a, bad), ORDO_EINPUT);
    }
    ordo_model_free(bad);
    CHECK_EQ(ordo_store_commit(a), ORDO_OK);
    y = load(b);
    if (y) {
        CHECK_EQ(y->services.v[0].duration, 300);
        same_model(m, y);
    }
    ordo_model_free(y);

    /* rollback drops what the transaction saved */
    CHECK_EQ(ordo_store_begin(a), ORDO_OK);
    longer.duration = 360;
    CHECK_EQ(ordo_model_put_service(m, &longer, NULL), ORDO_OK);
    CHECK_EQ(save(a, m), ORDO_OK);
    CHECK_EQ(ordo_store_rollback(a), ORDO_OK);
    CHECK_EQ(ordo_store_commit(a), ORDO_EINVAL);
    y = load(b);
    if (y)
        CHECK_EQ(y->services.v[0].duration, 300);
done:
    ordo_model_free(x);
    ordo_model_free(y);
    ordo_model_free(m);
    ordo_store_close(a);
    ordo_store_close(b);
}

static void write_bytes(const char *path, long at, const char *bytes, size_t n)
{
    FILE *f = fopen(path, at < 0 ? "wb" : "r+b");
    CHECK(f != NULL);
    if (!f)
        return;
    if (at > 0)
        fseek(f, at, SEEK_SET);
    fwrite(bytes, 1, n, f);
    fclose(f);
}

static void test_store__bad_files_give_clear_errors(void)
{
    ordo_store *s = NULL;
    ordo_err err = { 0 };
    char junk[8192];

    const char *path = tmp_path("not-sqlite");
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = "id,name,timezone\ns1,Paris,Europe/Paris\n"[i % 38];
    write_bytes(path, -1, junk, sizeof junk);
    CHECK_EQ(ordo_store_open(&s, path, &err), ORDO_EIO);
    CHECK(s == NULL);
    CHECK_CONTAINS(err.msg, path);
    CHECK_CONTAINS(err.msg, "not an SQLite database");

    /* a store whose pages after the first are overwritten */
    path = tmp_path("corrupt");
    s = open_store(path);
    ordo_model *m = build_model(FULL), *back = NULL;
    CHECK_EQ(save(s, m), ORDO_OK);
    ordo_store_close(s);
    s = NULL;
    memset(junk, 0x5a, sizeof junk);
    struct stat st;
    CHECK_EQ(stat(path, &st), 0);
    for (long at = 4096; at < (long)st.st_size; at += (long)sizeof junk)
        write_bytes(path, at, junk, sizeof junk);
    int rc = ordo_store_open(&s, path, &err);
    const char *msg = err.msg;
    if (rc == ORDO_OK) {
        rc = ordo_store_load(s, &back);
        msg = ordo_store_errmsg(s);
    }
    CHECK_EQ(rc, ORDO_EIO);
    CHECK(back == NULL);
    CHECK_CONTAINS(msg, "damaged");
    CHECK_CONTAINS(msg, path);
    ordo_store_close(s);
    ordo_model_free(m);

    s = NULL;
    CHECK_EQ(ordo_store_open(&s, "/nonexistent-dir/x/ordo.db", &err), ORDO_EIO);
    CHECK_CONTAINS(err.msg, "/nonexistent-dir/x/ordo.db");
    CHECK_CONTAINS(err.msg, "unable to open");
    CHECK_EQ(ordo_store_open(&s, "", &err), ORDO_EINVAL);
}

static void test_store__meta(void)
{
    const char *path = tmp_path("meta");
    ordo_store *s = open_store(path);
    char buf[64], tiny[4];
    if (!s)
        return;
    CHECK_EQ(ordo_store_meta_get(s, "window", buf, sizeof buf), ORDO_ENOTFOUND);
    CHECK_CONTAINS(ordo_store_errmsg(s), "'window' is not set");
    CHECK_EQ(ordo_store_meta_set(s, "window", "2026-03-01..2026-03-31"), ORDO_OK);
    CHECK_EQ(ordo_store_meta_set(s, "slot", "30"), ORDO_OK);
    CHECK_EQ(ordo_store_meta_get(s, "window", buf, sizeof buf), ORDO_OK);
    CHECK_STR(buf, "2026-03-01..2026-03-31");
    CHECK_EQ(ordo_store_meta_set(s, "window", "2026-04-01..2026-04-30"), ORDO_OK);
    CHECK_EQ(ordo_store_meta_get(s, "window", tiny, sizeof tiny), ORDO_EINVAL);
    CHECK_CONTAINS(ordo_store_errmsg(s), "22 bytes");
    ordo_store_close(s);

    s = open_store(path);                          /* kept in the file */
    CHECK_EQ(ordo_store_meta_get(s, "window", buf, sizeof buf), ORDO_OK);
    CHECK_STR(buf, "2026-04-01..2026-04-30");
    CHECK_EQ(ordo_store_meta_set(s, "window", NULL), ORDO_OK);
    CHECK_EQ(ordo_store_meta_get(s, "window", buf, sizeof buf), ORDO_ENOTFOUND);
    CHECK_EQ(ordo_store_meta_get(s, "slot", buf, sizeof buf), ORDO_OK);
    CHECK_STR(buf, "30");
    ordo_store_close(s);
}

/* Allocator that fails from the (limit+1)-th call on. */
static long alloc_calls, alloc_limit;
static void *failing_malloc(size_t n, void *p) { (void)p; return alloc_calls++ < alloc_limit ? malloc(n) : NULL; }
static void *failing_realloc(void *q, size_t n, void *p) { (void)p; return alloc_calls++ < alloc_limit ? realloc(q, n) : NULL; }
static void plain_free(void *q, void *p) { (void)p; free(q); }

static void test_store__out_of_memory(void)
{
    const char *path = tmp_path("oom");
    ordo_store *s = open_store(path);
    ordo_model *m = build_model(FULL);
    CHECK_EQ(save(s, m), ORDO_OK);
    ordo_store_close(s);
    ordo_allocator failing = { failing_malloc, failing_realloc, plain_free, NULL };
    int done = 0, failures = 0;
    for (alloc_limit = 0; !done && alloc_limit < 100000; alloc_limit++) {
        ordo_model *back = NULL;
        ordo_err err = { 0 };
        s = NULL;
        alloc_calls = 0;
        ordo_set_allocator(&failing);
        int rc = ordo_store_open(&s, path, &err);
        if (rc == ORDO_OK)
            rc = ordo_store_load(s, &back);
        if (rc == ORDO_OK)
            rc = ordo_store_save(s, back);
        const char *msg = s ? ordo_store_errmsg(s) : err.msg;
        if (rc != ORDO_OK) {
            failures++;
            CHECK_EQ(rc, ORDO_ENOMEM);
            CHECK_CONTAINS(msg, "out of memory");
        }
        ordo_model_free(back);
        ordo_store_close(s);
        ordo_set_allocator(NULL);
        done = rc == ORDO_OK;
    }
    CHECK(done);
    CHECK(failures > 10);
    s = open_store(path);                          /* the file is still whole */
    ordo_model *back = s ? load(s) : NULL;
    if (back)
        same_model(m, back);
    ordo_model_free(back);
    ordo_model_free(m);
    ordo_store_close(s);
}

/* ~L benchmark size: 420 resources, 3,000 courses, 10,000 sessions. */
static ordo_model *build_large(void)
{
    ordo_model *m = NULL;
    char id[32], id2[32];
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    for (int i = 0; i < 4; i++) {
        snprintf(id, sizeof id, "site%d", i);
        ordo_site x = { id, "A site", "Europe/Paris" };
        CHECK_EQ(ordo_model_put_site(m, &x, NULL), ORDO_OK);
    }
    for (int i = 0; i < 420; i++) {
        snprintf(id, sizeof id, "res%03d", i);
        ordo_resource x = { id, "Someone", i % 3 ? ORDO_PERSON : ORDO_ROOM, i % 4, i % 3 ? 0 : 20, list("a;b;c"), NULL };
        CHECK_EQ(ordo_model_put_resource(m, &x, NULL), ORDO_OK);
        ordo_strlist_clear(&x.skills);
        for (int d = 0; d < 5; d++) {
            ordo_working_hours w = { i, d, 480, 1080 };
            CHECK_EQ(ordo_model_add_working_hours(m, &w), ORDO_OK);
        }
    }
    for (int i = 0; i < 40; i++) {
        snprintf(id, sizeof id, "svc%d", i);
        ordo_service x = { id, "Service", 120 };
        ordo_requirement r1 = { i, ORDO_PERSON, 1, "a", ORDO_CAPACITY_ANY, 0 };
        ordo_requirement r2 = { i, ORDO_ROOM, 1, NULL, ORDO_CAPACITY_PARTICIPANTS, 0 };
        CHECK_EQ(ordo_model_put_service(m, &x, NULL), ORDO_OK);
        CHECK_EQ(ordo_model_add_requirement(m, &r1), ORDO_OK);
        CHECK_EQ(ordo_model_add_requirement(m, &r2), ORDO_OK);
    }
    for (int i = 0; i < 3000; i++) {
        snprintf(id, sizeof id, "course%04d", i);
        snprintf(id2, sizeof id2, "cohort%d", i % 50);
        ordo_course x = { id, "A course", i % 40, "acme", -1, 3, 10, day(2026, 1, 1), day(2026, 6, 30), 1,
                          list(id2), 0, 0, 0, { 0 } };
        CHECK_EQ(ordo_model_put_course(m, &x, NULL), ORDO_OK);
        ordo_strlist_clear(&x.cohorts);
    }
    for (int i = 0; i < 10000; i++) {
        int res[2] = { (i * 7) % 420, (i * 13) % 420 };
        ordo_session x = { 0, i % 3000, i / 3000, ORDO_SESSION_PLANNED, 29500000 + i * 60, 29500000 + i * 60 + 120,
                           i % 4, res, 2, 0, 1767225600, NULL, 0 };
        CHECK_EQ(ordo_model_add_session(m, &x, NULL), ORDO_OK);
    }
    return m;
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void test_store__large_model(void)
{
    ordo_store *s = open_store(tmp_path("large"));
    ordo_model *m = build_large(), *a = NULL;
    double t0 = now_s();
    CHECK_EQ(save(s, m), ORDO_OK);
    double t1 = now_s();
    a = load(s);
    double t2 = now_s();
    CHECK_EQ(save(s, a), ORDO_OK);
    double t3 = now_s();
    if (a)
        same_model(m, a);
    fprintf(stderr, "large model (%zu resources, %zu courses, %zu sessions): first save %.3f s, "
            "load %.3f s, re-save %.3f s\n", m->resources.n, m->courses.n, m->sessions.n, t1 - t0, t2 - t1, t3 - t2);
    ordo_model_free(a);
    ordo_model_free(m);
    ordo_store_close(s);
}

int main(void)
{
    RUN(test_store__roundtrip);
    RUN(test_store__resave_is_idempotent);
    RUN(test_store__session_ids_are_stable);
    RUN(test_store__removed_records_are_deleted_sessions_kept);
    RUN(test_store__busy_save_changes_nothing);
    RUN(test_store__failed_save_rolls_back);
    RUN(test_store__invalid_model_is_refused);
    RUN(test_store__explicit_transaction);
    RUN(test_store__bad_files_give_clear_errors);
    RUN(test_store__meta);
    RUN(test_store__out_of_memory);
    RUN(test_store__large_model);
    return CHECK_DONE();
}
