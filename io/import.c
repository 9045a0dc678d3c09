/*
 * import.c — the training-organisation folder (shared/spec/import-format.md)
 * merged into a model.
 *
 * Files are read in dependency order (sites, resources, working_hours,
 * time_off, services, requirements, accounts, contacts, contracts, courses)
 * and each row is put into the model at once, so a reference resolves
 * against rows of earlier files and records already in the model alike.
 * Per table, `seen` remembers the line on which each model record was read
 * from this folder (0 = not from it): a second row with that id is a
 * duplicate, and keyless rows clear their resource's or service's old rows
 * only the first time. Fields the contract has no column for (account and
 * contact roles, a contract's used minutes, course extensions) are kept
 * from the record being replaced.
 */
#include "io/import.h"
#include "io/import_table.h"

#include "model/tz.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define VALUE_SHOWN 60

/* Per model record: the line of this folder's row for it, 0 if none. */
typedef struct lines {
    int *v;
    size_t n, cap;
} lines;

typedef struct importer {
    ordo_model *m;
    const char *dir;
    ordo_warn_fn warn;
    void *payload;
    ordo_err *err;
    ordo__table t;
    lines service_line;     /* services.csv line of each service, for the rule check */
    int nfiles;
} importer;

static int lines_get(const lines *l, int at) { return at >= 0 && (size_t)at < l->n ? l->v[at] : 0; }

static int lines_set(importer *im, lines *l, int at, int line)
{
    if (ORDO_GROW(l->v, l->cap, (size_t)at + 1) < 0)
        return ordo__seterr(im->err, ORDO_ENOMEM, "%s: out of memory", im->t.file);
    while (l->n <= (size_t)at)
        l->v[l->n++] = 0;
    l->v[at] = line;
    return ORDO_OK;
}

/* A failed model call (out of memory, or a clash the checks before it missed). */
static int model_failed(importer *im, int rc)
{
    return ordo__seterr(im->err, rc, "%s:%d: %s", im->t.file, ordo__table_line(&im->t),
                        ordo_model_errmsg(im->m));
}

/* 1 if the file is there and its header is right, 0 if it is absent, or < 0. */
static int open_table(importer *im, const char *file, const char *const *cols, int nrequired,
                      int ncols)
{
    int rc = ordo__table_open(&im->t, im->dir, file, cols, nrequired, ncols, im->warn,
                              im->payload, im->err);
    if (rc == ORDO_ENOTFOUND)
        return 0;
    if (rc < 0)
        return rc;
    im->nfiles++;
    return 1;
}

/* The id in column `col` is new in this file (else: duplicate). */
static int check_first(importer *im, const lines *seen, int existing, int col, const char *id)
{
    int first = lines_get(seen, existing);
    if (first)
        return ordo__table_fail(&im->t, col, "duplicate id '%.*s' (first on line %d)", VALUE_SHOWN,
                                id, first);
    return ORDO_OK;
}

typedef int (*find_fn)(const ordo_model *m, const char *id);

static int ref_cell(importer *im, int col, find_fn find, const char *what, int *out)
{
    const char *s;
    int rc = ordo__table_text(&im->t, col, &s);
    if (rc == ORDO_OK && (*out = find(im->m, s)) < 0)
        rc = ordo__table_fail(&im->t, col, "unknown %s '%.*s'", what, VALUE_SHOWN, s);
    return rc;
}

static int customer_cell(importer *im, int col, const char **out)
{
    int rc = ordo__table_text(&im->t, col, out);
    if (rc == ORDO_OK && ordo_model_find_account(im->m, *out) < 0 &&
        ordo_model_find_contact(im->m, *out) < 0)
        rc = ordo__table_fail(&im->t, col, "unknown customer '%.*s' (not an account or contact id)",
                              VALUE_SHOWN, *out);
    return rc;
}

static int kind_cell(importer *im, int col, ordo_kind *out)
{
    const char *s;
    int rc = ordo__table_text(&im->t, col, &s);
    int k = rc == ORDO_OK ? ordo_kind_parse(s) : 0;
    if (k < 0)
        rc = ordo__table_fail(&im->t, col, "'%.*s' is not a kind (person, room or equipment)",
                              VALUE_SHOWN, s);
    *out = (ordo_kind)(k < 0 ? 0 : k);
    return rc;
}

static int relationship_cell(importer *im, int col, ordo_relationship *out)
{
    const char *s;
    int rc = ordo__table_text(&im->t, col, &s);
    int r = rc == ORDO_OK ? ordo_relationship_parse(s) : 0;
    if (r < 0)
        rc = ordo__table_fail(&im->t, col,
                              "'%.*s' is not a relationship (suspect, prospect, potential_client or client)",
                              VALUE_SHOWN, s);
    *out = (ordo_relationship)(r < 0 ? 0 : r);
    return rc;
}

static int email_cell(importer *im, int col, const char **out)
{
    *out = ordo__table_opt(&im->t, col);
    if (*out && !strchr(*out, '@'))
        return ordo__table_fail(&im->t, col, "'%.*s' is not an email address", VALUE_SHOWN, *out);
    return ORDO_OK;
}

static int import_sites(importer *im)
{
    static const char *const cols[] = { "id", "name", "timezone" };
    enum { ID, NAME, TZ };
    int rc = ORDO_OK, at;
    lines seen = { 0 };
    const char *id, *name, *tz;
    ordo__table *t = &im->t;
    if ((rc = open_table(im, "sites.csv", cols, 3, 3)) <= 0)
        goto done;
    while ((rc = ordo__table_next(t)) == 1) {
        ORDO_TRY(ordo__table_id(t, ID, &id));
        ORDO_TRY(check_first(im, &seen, ordo_model_find_site(im->m, id), ID, id));
        ORDO_TRY(ordo__table_text(t, NAME, &name));
        ORDO_TRY(ordo__table_text(t, TZ, &tz));
        if (!ordo_tz_valid(tz)) {
            rc = ordo__table_fail(t, TZ, "unknown time zone '%.*s' (an IANA name such as Europe/Paris)",
                                  VALUE_SHOWN, tz);
            goto done;
        }
        ordo_site s = { .id = (char *)id, .name = (char *)name, .timezone = (char *)tz };
        if ((rc = ordo_model_put_site(im->m, &s, &at)) < 0) {
            rc = model_failed(im, rc);
            goto done;
        }
        ORDO_TRY(lines_set(im, &seen, at, ordo__table_line(t)));
    }
done:
    ordo__table_close(t);
    ordo__free(seen.v);
    return rc;
}

/* Seats: an integer >= 1 for a room, blank for the other kinds. */
static int capacity_cell(importer *im, int col, ordo_kind kind, int *out)
{
    const char *s = ordo__table_cell(&im->t, col);
    *out = 0;
    if (kind != ORDO_ROOM)
        return *s ? ordo__table_fail(&im->t, col, "must be blank for kind %s, not '%.*s' (only rooms have seats)",
                                     ordo_kind_name(kind), VALUE_SHOWN, s)
                  : ORDO_OK;
    if (!*s)
        return ordo__table_fail(&im->t, col, "must not be blank for a room (seats, an integer >= 1)");
    if (ordo__parse_uint(s, out) < 0 || *out < 1)
        return ordo__table_fail(&im->t, col, "'%.*s' is not a seat count (an integer >= 1)",
                                VALUE_SHOWN, s);
    return ORDO_OK;
}

static int import_resources(importer *im)
{
    static const char *const cols[] = { "id", "name", "kind", "site", "capacity", "skills", "email" };
    enum { ID, NAME, KIND, SITE, CAPACITY, SKILLS, EMAIL };
    int rc = ORDO_OK, at;
    lines seen = { 0 };
    ordo_resource r = { 0 };
    const char *id, *name, *email;
    ordo__table *t = &im->t;
    if ((rc = open_table(im, "resources.csv", cols, 6, 7)) <= 0)
        goto done;
    while ((rc = ordo__table_next(t)) == 1) {
        ORDO_TRY(ordo__table_id(t, ID, &id));
        ORDO_TRY(check_first(im, &seen, ordo_model_find_resource(im->m, id), ID, id));
        ORDO_TRY(ordo__table_text(t, NAME, &name));
        r = (ordo_resource){ .id = (char *)id, .name = (char *)name };
        ORDO_TRY(kind_cell(im, KIND, &r.kind));
        ORDO_TRY(ref_cell(im, SITE, ordo_model_find_site, "site", &r.site));
        ORDO_TRY(capacity_cell(im, CAPACITY, r.kind, &r.capacity));
        ORDO_TRY(email_cell(im, EMAIL, &email));
        r.email = (char *)email;
        if ((rc = ordo_strlist_parse(&r.skills, ordo__table_cell(t, SKILLS))) < 0 ||
            (rc = ordo_model_put_resource(im->m, &r, &at)) < 0) {
            rc = rc == ORDO_ENOMEM ? ordo__seterr(im->err, rc, "%s: out of memory", t->file)
                                   : model_failed(im, rc);
            goto done;
        }
        ordo_strlist_clear(&r.skills);
        ORDO_TRY(lines_set(im, &seen, at, ordo__table_line(t)));
    }
done:
    ordo_strlist_clear(&r.skills);
    ordo__table_close(t);
    ordo__free(seen.v);
    return rc;
}

/* The "end" column must be after the "start" one (texts for the message). */
static int check_order(importer *im, int end_col, int later, const char *end_name,
                       const char *start_name, int start_col, int allow_equal)
{
    if (later > 0 || (allow_equal && later == 0))
        return ORDO_OK;
    const char *e = ordo__table_cell(&im->t, end_col), *s = ordo__table_cell(&im->t, start_col);
    return ordo__table_fail(&im->t, end_col, "%s %s is %s %s %s", end_name, e,
                            allow_equal ? "before" : "not after", start_name, s);
}

static int cmp(long long a, long long b) { return (a > b) - (a < b); }

static int import_working_hours(importer *im)
{
    static const char *const cols[] = { "resource", "weekday", "start", "end" };
    enum { RESOURCE, WEEKDAY, START, END };
    int rc = ORDO_OK;
    lines cleared = { 0 };
    const char *day;
    ordo__table *t = &im->t;
    if ((rc = open_table(im, "working_hours.csv", cols, 4, 4)) <= 0)
        goto done;
    while ((rc = ordo__table_next(t)) == 1) {
        ordo_working_hours w;
        ORDO_TRY(ref_cell(im, RESOURCE, ordo_model_find_resource, "resource", &w.resource));
        ORDO_TRY(ordo__table_text(t, WEEKDAY, &day));
        if ((w.weekday = ordo_weekday_parse(day)) < 0) {
            rc = ordo__table_fail(t, WEEKDAY, "'%.*s' is not a weekday (MO, TU, WE, TH, FR, SA or SU)",
                                  VALUE_SHOWN, day);
            goto done;
        }
        ORDO_TRY(ordo__table_time(t, START, 0, &w.start));
        ORDO_TRY(ordo__table_time(t, END, 1, &w.end));
        ORDO_TRY(check_order(im, END, cmp(w.end, w.start), "end", "start", START, 0));
        if (!lines_get(&cleared, w.resource)) {
            ordo_model_clear_working_hours_for(im->m, w.resource);
            ORDO_TRY(lines_set(im, &cleared, w.resource, ordo__table_line(t)));
        }
        if ((rc = ordo_model_add_working_hours(im->m, &w)) < 0) {
            rc = model_failed(im, rc);
            goto done;
        }
    }
done:
    ordo__table_close(t);
    ordo__free(cleared.v);
    return rc;
}

static int import_time_off(importer *im)
{
    static const char *const cols[] = { "resource", "start", "end", "reason" };
    enum { RESOURCE, START, END, REASON };
    int rc = ORDO_OK;
    lines cleared = { 0 };
    ordo__table *t = &im->t;
    if ((rc = open_table(im, "time_off.csv", cols, 4, 4)) <= 0)
        goto done;
    while ((rc = ordo__table_next(t)) == 1) {
        ordo_time_off o = { .source = "csv" };
        ORDO_TRY(ref_cell(im, RESOURCE, ordo_model_find_resource, "resource", &o.resource));
        ORDO_TRY(ordo__table_datetime(t, START, &o.start_date, &o.start_min));
        ORDO_TRY(ordo__table_datetime(t, END, &o.end_date, &o.end_min));
        int later = o.end_date != o.start_date ? cmp(o.end_date, o.start_date) : cmp(o.end_min, o.start_min);
        ORDO_TRY(check_order(im, END, later, "end", "start", START, 0));
        o.reason = (char *)ordo__table_opt(t, REASON);
        if (!lines_get(&cleared, o.resource)) {
            ordo_model_clear_time_off_for(im->m, o.resource, "csv");
            ORDO_TRY(lines_set(im, &cleared, o.resource, ordo__table_line(t)));
        }
        if ((rc = ordo_model_add_time_off(im->m, &o)) < 0) {
            rc = model_failed(im, rc);
            goto done;
        }
    }
done:
    ordo__table_close(t);
    ordo__free(cleared.v);
    return rc;
}

static int import_services(importer *im)
{
    static const char *const cols[] = { "id", "name", "duration_minutes" };
    enum { ID, NAME, DURATION };
    int rc = ORDO_OK, at;
    const char *id, *name;
    ordo__table *t = &im->t;
    if ((rc = open_table(im, "services.csv", cols, 3, 3)) <= 0)
        goto done;
    while ((rc = ordo__table_next(t)) == 1) {
        ORDO_TRY(ordo__table_id(t, ID, &id));
        ORDO_TRY(check_first(im, &im->service_line, ordo_model_find_service(im->m, id), ID, id));
        ORDO_TRY(ordo__table_text(t, NAME, &name));
        ordo_service s = { .id = (char *)id, .name = (char *)name };
        ORDO_TRY(ordo__table_int(t, DURATION, 1, &s.duration));
        if ((rc = ordo_model_put_service(im->m, &s, &at)) < 0) {
            rc = model_failed(im, rc);
            goto done;
        }
        ORDO_TRY(lines_set(im, &im->service_line, at, ordo__table_line(t)));
    }
done:
    ordo__table_close(t);
    return rc;
}

/* Blank (any), a number of seats or "participants"; rooms only. */
static int min_capacity_cell(importer *im, int col, ordo_kind kind, int *out)
{
    const char *s = ordo__table_cell(&im->t, col);
    *out = ORDO_CAPACITY_ANY;
    if (!*s)
        return ORDO_OK;
    if (kind != ORDO_ROOM)
        return ordo__table_fail(&im->t, col, "must be blank for kind %s, not '%.*s' (only rooms have seats)",
                                ordo_kind_name(kind), VALUE_SHOWN, s);
    if (strcmp(s, "participants") == 0)
        *out = ORDO_CAPACITY_PARTICIPANTS;
    else if (ordo__parse_uint(s, out) < 0)
        return ordo__table_fail(&im->t, col, "'%.*s' is neither a number of seats nor 'participants'",
                                VALUE_SHOWN, s);
    return ORDO_OK;
}

static int import_requirements(importer *im)
{
    static const char *const cols[] = { "service", "kind", "count", "skill", "min_capacity" };
    enum { SERVICE, KIND, COUNT, SKILL, MIN_CAPACITY };
    int rc = ORDO_OK;
    lines cleared = { 0 };
    ordo__table *t = &im->t;
    if ((rc = open_table(im, "requirements.csv", cols, 5, 5)) <= 0)
        goto done;
    while ((rc = ordo__table_next(t)) == 1) {
        ordo_requirement q = { 0 };
        ORDO_TRY(ref_cell(im, SERVICE, ordo_model_find_service, "service", &q.service));
        ORDO_TRY(kind_cell(im, KIND, &q.kind));
        ORDO_TRY(ordo__table_int(t, COUNT, 1, &q.count));
        q.skill = (char *)ordo__table_opt(t, SKILL);
        ORDO_TRY(min_capacity_cell(im, MIN_CAPACITY, q.kind, &q.min_capacity));
        if (!lines_get(&cleared, q.service)) {
            ordo_model_clear_requirements_for(im->m, q.service);
            ORDO_TRY(lines_set(im, &cleared, q.service, ordo__table_line(t)));
        }
        if ((rc = ordo_model_add_requirement(im->m, &q)) < 0) {
            rc = model_failed(im, rc);
            goto done;
        }
    }
done:
    ordo__table_close(t);
    ordo__free(cleared.v);
    return rc;
}

/* After requirements are merged: every service of the model has a rule. */
static int check_every_service_has_a_rule(importer *im)
{
    int rc = ORDO_OK;
    const ordo_model *m = im->m;
    char *has = ordo__calloc(m->services.n + 1, 1);
    if (!has)
        return ordo__seterr(im->err, ORDO_ENOMEM, "out of memory");
    for (size_t i = 0; i < m->requirements.n; i++)
        has[m->requirements.v[i].service] = 1;
    for (size_t i = 0; i < m->services.n && rc == ORDO_OK; i++) {
        if (has[i])
            continue;
        int line = lines_get(&im->service_line, (int)i);
        if (line)
            rc = ordo__seterr(im->err, ORDO_EINPUT,
                              "services.csv:%d: id: service '%s' has no requirement rule (add one to requirements.csv)",
                              line, m->services.v[i].id);
        else
            rc = ordo__seterr(im->err, ORDO_EINPUT,
                              "requirements.csv: service: service '%s' has no requirement rule",
                              m->services.v[i].id);
    }
    ordo__free(has);
    return rc;
}

static int import_accounts(importer *im)
{
    static const char *const cols[] = { "id", "name", "relationship" };
    enum { ID, NAME, RELATIONSHIP };
    int rc = ORDO_OK, at;
    lines seen = { 0 };
    const char *id, *name;
    ordo__table *t = &im->t;
    if ((rc = open_table(im, "accounts.csv", cols, 3, 3)) <= 0)
        goto done;
    while ((rc = ordo__table_next(t)) == 1) {
        ORDO_TRY(ordo__table_id(t, ID, &id));
        int existing = ordo_model_find_account(im->m, id);
        ORDO_TRY(check_first(im, &seen, existing, ID, id));
        if (ordo_model_find_contact(im->m, id) >= 0) {
            rc = ordo__table_fail(t, ID, "'%.*s' is already a contact id (accounts and contacts share ids)",
                                  VALUE_SHOWN, id);
            goto done;
        }
        ORDO_TRY(ordo__table_text(t, NAME, &name));
        ordo_account a = { .id = (char *)id, .name = (char *)name };
        ORDO_TRY(relationship_cell(im, RELATIONSHIP, &a.relationship));
        if (existing >= 0)
            a.roles = im->m->accounts.v[existing].roles;    /* copied by the put */
        if ((rc = ordo_model_put_account(im->m, &a, &at)) < 0) {
            rc = model_failed(im, rc);
            goto done;
        }
        ORDO_TRY(lines_set(im, &seen, at, ordo__table_line(t)));
    }
done:
    ordo__table_close(t);
    ordo__free(seen.v);
    return rc;
}

static int import_contacts(importer *im)
{
    static const char *const cols[] = { "id", "first_name", "last_name", "email", "account", "relationship" };
    enum { ID, FIRST, LAST, EMAIL, ACCOUNT, RELATIONSHIP };
    int rc = ORDO_OK, at, account;
    lines seen = { 0 };
    const char *id, *first, *last, *email, *acc;
    ordo__table *t = &im->t;
    if ((rc = open_table(im, "contacts.csv", cols, 6, 6)) <= 0)
        goto done;
    while ((rc = ordo__table_next(t)) == 1) {
        ORDO_TRY(ordo__table_id(t, ID, &id));
        int existing = ordo_model_find_contact(im->m, id);
        ORDO_TRY(check_first(im, &seen, existing, ID, id));
        if (ordo_model_find_account(im->m, id) >= 0) {
            rc = ordo__table_fail(t, ID, "'%.*s' is already an account id (accounts and contacts share ids)",
                                  VALUE_SHOWN, id);
            goto done;
        }
        ORDO_TRY(ordo__table_text(t, FIRST, &first));
        ORDO_TRY(ordo__table_text(t, LAST, &last));
        ORDO_TRY(email_cell(im, EMAIL, &email));
        if ((acc = ordo__table_opt(t, ACCOUNT)))
            ORDO_TRY(ref_cell(im, ACCOUNT, ordo_model_find_account, "account", &account));
        ordo_contact c = { .id = (char *)id, .first_name = (char *)first, .last_name = (char *)last,
                           .email = (char *)email, .account = (char *)acc };
        ORDO_TRY(relationship_cell(im, RELATIONSHIP, &c.relationship));
        if (existing >= 0)
            c.roles = im->m->contacts.v[existing].roles;    /* copied by the put */
        if ((rc = ordo_model_put_contact(im->m, &c, &at)) < 0) {
            rc = model_failed(im, rc);
            goto done;
        }
        ORDO_TRY(lines_set(im, &seen, at, ordo__table_line(t)));
    }
done:
    ordo__table_close(t);
    ordo__free(seen.v);
    return rc;
}

static int import_contracts(importer *im)
{
    static const char *const cols[] = { "id", "customer", "start", "end", "hours" };
    enum { ID, CUSTOMER, START, END, HOURS };
    int rc = ORDO_OK, at;
    lines seen = { 0 };
    const char *id, *customer, *hours;
    ordo__table *t = &im->t;
    if ((rc = open_table(im, "contracts.csv", cols, 5, 5)) <= 0)
        goto done;
    while ((rc = ordo__table_next(t)) == 1) {
        ORDO_TRY(ordo__table_id(t, ID, &id));
        int existing = ordo_model_find_contract(im->m, id);
        ORDO_TRY(check_first(im, &seen, existing, ID, id));
        ORDO_TRY(customer_cell(im, CUSTOMER, &customer));
        ordo_contract c = { .id = (char *)id, .customer = (char *)customer,
                            .status = ORDO_CONTRACT_ACTIVE };
        ORDO_TRY(ordo__table_date(t, START, &c.start));
        ORDO_TRY(ordo__table_date(t, END, &c.end));
        ORDO_TRY(check_order(im, END, cmp(c.end, c.start), "end", "start", START, 1));
        ORDO_TRY(ordo__table_text(t, HOURS, &hours));
        if (ordo_hours_parse(hours, &c.minutes) < 0) {
            rc = ordo__table_fail(t, HOURS, "'%.*s' is not a number of hours (>= 0, at most 2 decimals)",
                                  VALUE_SHOWN, hours);
            goto done;
        }
        if (existing >= 0)
            c.used_minutes = im->m->contracts.v[existing].used_minutes;
        if ((rc = ordo_model_put_contract(im->m, &c, &at)) < 0) {
            rc = model_failed(im, rc);
            goto done;
        }
        ORDO_TRY(lines_set(im, &seen, at, ordo__table_line(t)));
    }
done:
    ordo__table_close(t);
    ordo__free(seen.v);
    return rc;
}

/* Blank (no contract) or a contract of the course's customer. */
static int course_contract_cell(importer *im, int col, const char *customer, int *out)
{
    int rc = ORDO_OK;
    *out = -1;
    if (!ordo__table_opt(&im->t, col))
        return ORDO_OK;
    ORDO_TRY(ref_cell(im, col, ordo_model_find_contract, "contract", out));
    const ordo_contract *k = &im->m->contracts.v[*out];
    if (strcmp(k->customer, customer) != 0)
        rc = ordo__table_fail(&im->t, col, "contract '%s' belongs to '%s', not to the course's customer '%s'",
                              k->id, k->customer, customer);
done:
    return rc;
}

static int import_courses(importer *im)
{
    static const char *const cols[] = { "id", "title", "service", "customer", "contract", "sessions",
                                        "participants", "earliest", "latest", "min_days_between",
                                        "cohort" };
    enum { ID, TITLE, SERVICE, CUSTOMER, CONTRACT, SESSIONS, PARTICIPANTS, EARLIEST, LATEST,
           MIN_DAYS, COHORT };
    int rc = ORDO_OK, at;
    lines seen = { 0 };
    ordo_course c = { 0 };
    const char *id, *title, *customer;
    ordo__table *t = &im->t;
    if ((rc = open_table(im, "courses.csv", cols, 11, 11)) <= 0)
        goto done;
    while ((rc = ordo__table_next(t)) == 1) {
        ORDO_TRY(ordo__table_id(t, ID, &id));
        int existing = ordo_model_find_course(im->m, id);
        ORDO_TRY(check_first(im, &seen, existing, ID, id));
        ORDO_TRY(ordo__table_text(t, TITLE, &title));
        c = (ordo_course){ .id = (char *)id, .title = (char *)title };
        if (existing >= 0) {
            c.min_distinct_days = im->m->courses.v[existing].min_distinct_days;
            c.fixed_duration_slots = im->m->courses.v[existing].fixed_duration_slots;
        }
        ORDO_TRY(ref_cell(im, SERVICE, ordo_model_find_service, "service", &c.service));
        ORDO_TRY(customer_cell(im, CUSTOMER, &customer));
        c.customer = (char *)customer;
        ORDO_TRY(course_contract_cell(im, CONTRACT, customer, &c.contract));
        ORDO_TRY(ordo__table_int(t, SESSIONS, 1, &c.sessions));
        ORDO_TRY(ordo__table_int(t, PARTICIPANTS, 1, &c.participants));
        ORDO_TRY(ordo__table_date(t, EARLIEST, &c.earliest));
        ORDO_TRY(ordo__table_date(t, LATEST, &c.latest));
        ORDO_TRY(check_order(im, LATEST, cmp(c.latest, c.earliest), "latest", "earliest", EARLIEST, 1));
        ORDO_TRY(ordo__table_int(t, MIN_DAYS, 0, &c.min_days_between));
        if ((rc = ordo_strlist_parse(&c.cohorts, ordo__table_cell(t, COHORT))) < 0 ||
            (rc = ordo_model_put_course(im->m, &c, &at)) < 0) {
            rc = rc == ORDO_ENOMEM ? ordo__seterr(im->err, rc, "%s: out of memory", t->file)
                                   : model_failed(im, rc);
            goto done;
        }
        ordo_strlist_clear(&c.cohorts);
        ORDO_TRY(lines_set(im, &seen, at, ordo__table_line(t)));
    }
done:
    ordo_strlist_clear(&c.cohorts);
    ordo__table_close(t);
    ordo__free(seen.v);
    return rc;
}

int ordo_import_dir(ordo_model *m, const char *dir, ordo_warn_fn warn, void *payload, ordo_err *err)
{
    static int (*const before_rules[])(importer *) = {
        import_sites, import_resources, import_working_hours, import_time_off, import_services,
        import_requirements,
    };
    static int (*const after_rules[])(importer *) = {
        import_accounts, import_contacts, import_contracts, import_courses,
    };
    int rc = ORDO_OK;
    struct stat st;
    importer im = { .m = m, .dir = dir, .warn = warn, .payload = payload, .err = err };
    ordo__clearerr(err);
    if (!m || !dir)
        return ordo__seterr(err, ORDO_EINVAL, "ordo_import_dir: model and folder are required");
    if (stat(dir, &st) != 0) {
        rc = ordo__seterr(err, ORDO_EIO, "%s: cannot open the folder: %s", dir, strerror(errno));
        goto done;
    }
    if (!S_ISDIR(st.st_mode)) {
        rc = ordo__seterr(err, ORDO_EIO, "%s: not a folder", dir);
        goto done;
    }
    for (size_t i = 0; i < sizeof before_rules / sizeof *before_rules; i++)
        ORDO_TRY(before_rules[i](&im));
    ORDO_TRY(check_every_service_has_a_rule(&im));
    for (size_t i = 0; i < sizeof after_rules / sizeof *after_rules; i++)
        ORDO_TRY(after_rules[i](&im));
    if (im.nfiles == 0 && warn) {
        char msg[ORDO_ERRMSG_MAX];
        snprintf(msg, sizeof msg, "%s: no file of the data contract found (sites.csv, resources.csv, ...)", dir);
        warn(msg, payload);
    }
done:
    ordo__free(im.service_line.v);
    return rc;
}
