/*
 * load.c — reading the whole store into a new model, in one read
 * transaction, records in the order they were saved. Sessions whose course
 * is gone are not loaded; a value the model cannot take is an ORDO_EIO
 * naming table, row and column.
 */
#include "io/store/sqlite/sqlite_int.h"

#include <stdint.h>

#include <stdio.h>
#include <stdlib.h>

/* ---- reading --------------------------------------------------------------- */

/* A model call's failure, with the model's message. */
static int put_failed(ordo_store *s, const ordo_model *m, int rc, const char *table, const char *row)
{
    return ordo__seterr(&s->err, rc, "store %s: loading %s '%s': %s", s->path, table, row ? row : "",
                        rc == ORDO_ENOMEM ? "out of memory" : m->err.msg);
}


/* A keyed reference read back: index, or an error if the id is unknown
 * (foreign keys keep this from happening unless the file was edited). */
static int find_ref(ordo_store *s, const ordo_model *m, int (*find)(const ordo_model *, const char *),
                    const char *v, int *out, const char *table, const char *row, const char *column)
{
    *out = v ? find(m, v) : -1;
    return !v || *out >= 0 ? ORDO_OK : ordo__sq_bad_value(s, table, row, column, v);
}

static int load_site(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    ordo_site x = { (char *)ordo__sq_text(s, st, 0), (char *)ordo__sq_text(s, st, 1), (char *)ordo__sq_text(s, st, 2) };
    int rc = ordo_model_put_site(m, &x, NULL);
    return rc < 0 ? put_failed(s, m, rc, "site", x.id) : rc;
}

static int load_service(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    ordo_service x = { (char *)ordo__sq_text(s, st, 0), (char *)ordo__sq_text(s, st, 1), ordo__sq_int_col(st, 2) };
    int rc = ordo_model_put_service(m, &x, NULL);
    return rc < 0 ? put_failed(s, m, rc, "service", x.id) : rc;
}

static int load_resource(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    int rc = ORDO_OK;
    ordo_resource x = { 0 };
    x.id = (char *)ordo__sq_text(s, st, 0);
    x.name = (char *)ordo__sq_text(s, st, 1);
    const char *kind = ordo__sq_text(s, st, 2);
    x.capacity = ordo__sq_int_col(st, 4);
    x.email = (char *)ordo__sq_text(s, st, 6);
    int k = parse_name(kind, kind_name, ORDO_KIND_COUNT);
    if (k < 0) {
        rc = ordo__sq_bad_value(s, "resources", x.id, "kind", kind);
        goto done;
    }
    x.kind = (ordo_kind)k;
    ORDO_TRY(find_ref(s, m, ordo_model_find_site, ordo__sq_text(s, st, 3), &x.site, "resources", x.id, "site"));
    if (ordo_strlist_parse(&x.skills, ordo__sq_text(s, st, 5)) < 0) {
        rc = ordo__sq_oom(s);
        goto done;
    }
    if ((rc = ordo_model_put_resource(m, &x, NULL)) < 0)
        rc = put_failed(s, m, rc, "resource", x.id);
done:
    ordo_strlist_clear(&x.skills);
    return rc;
}

static int load_working_hours(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    int rc = ORDO_OK;
    const char *who = ordo__sq_text(s, st, 0);
    ordo_working_hours x = { 0, ordo__sq_int_col(st, 1), ordo__sq_int_col(st, 2), ordo__sq_int_col(st, 3) };
    ORDO_TRY(find_ref(s, m, ordo_model_find_resource, who, &x.resource, "working_hours", who, "resource"));
    if ((rc = ordo_model_add_working_hours(m, &x)) < 0)
        rc = put_failed(s, m, rc, "working hours of", who);
done:
    return rc;
}

static int load_time_off(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    int rc = ORDO_OK;
    const char *who = ordo__sq_text(s, st, 0);
    ordo_time_off x = { 0 };
    x.start_min = ordo__sq_int_col(st, 2);
    x.end_min = ordo__sq_int_col(st, 4);
    x.reason = (char *)ordo__sq_text(s, st, 5);
    x.source = (char *)ordo__sq_text(s, st, 6);
    ORDO_TRY(find_ref(s, m, ordo_model_find_resource, who, &x.resource, "time_off", who, "resource"));
    ORDO_TRY(parse_date(s, ordo__sq_text(s, st, 1), &x.start_date, "time_off", who, "start_date"));
    ORDO_TRY(parse_date(s, ordo__sq_text(s, st, 3), &x.end_date, "time_off", who, "end_date"));
    if ((rc = ordo_model_add_time_off(m, &x)) < 0)
        rc = put_failed(s, m, rc, "time off of", who);
done:
    return rc;
}

static int load_requirement(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    int rc = ORDO_OK;
    const char *of = ordo__sq_text(s, st, 0), *kind = ordo__sq_text(s, st, 1);
    ordo_requirement x = { 0 };
    x.count = ordo__sq_int_col(st, 2);
    x.skill = (char *)ordo__sq_text(s, st, 3);
    x.min_capacity = ordo__sq_int_col(st, 4);
    x.capacity_penalty = ordo__sq_int_col(st, 5);
    int k = parse_name(kind, kind_name, ORDO_KIND_COUNT);
    if (k < 0) {
        rc = ordo__sq_bad_value(s, "requirements", of, "kind", kind);
        goto done;
    }
    x.kind = (ordo_kind)k;
    ORDO_TRY(find_ref(s, m, ordo_model_find_service, of, &x.service, "requirements", of, "service"));
    if ((rc = ordo_model_add_requirement(m, &x)) < 0)
        rc = put_failed(s, m, rc, "requirement of", of);
done:
    return rc;
}

static int load_account(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    int rc = ORDO_OK;
    ordo_account x = { 0 };
    x.id = (char *)ordo__sq_text(s, st, 0);
    x.name = (char *)ordo__sq_text(s, st, 1);
    const char *rel = ordo__sq_text(s, st, 2);
    int r = parse_name(rel, relationship_name, ORDO_REL_FORMER_CLIENT + 1);
    if (r < 0) {
        rc = ordo__sq_bad_value(s, "accounts", x.id, "relationship", rel);
        goto done;
    }
    x.relationship = (ordo_relationship)r;
    x.city = (char *)ordo__sq_text(s, st, 4);
    if (ordo_strlist_parse(&x.roles, ordo__sq_text(s, st, 3)) < 0) {
        rc = ordo__sq_oom(s);
        goto done;
    }
    if ((rc = ordo_model_put_account(m, &x, NULL)) < 0)
        rc = put_failed(s, m, rc, "account", x.id);
done:
    ordo_strlist_clear(&x.roles);
    return rc;
}

static int load_contact(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    int rc = ORDO_OK;
    ordo_contact x = { 0 };
    x.id = (char *)ordo__sq_text(s, st, 0);
    x.first_name = (char *)ordo__sq_text(s, st, 1);
    x.last_name = (char *)ordo__sq_text(s, st, 2);
    x.email = (char *)ordo__sq_text(s, st, 3);
    x.account = (char *)ordo__sq_text(s, st, 4);
    const char *rel = ordo__sq_text(s, st, 5);
    int r = parse_name(rel, relationship_name, ORDO_REL_FORMER_CLIENT + 1);
    if (r < 0) {
        rc = ordo__sq_bad_value(s, "contacts", x.id, "relationship", rel);
        goto done;
    }
    x.relationship = (ordo_relationship)r;
    x.city = (char *)ordo__sq_text(s, st, 7);
    x.phone = (char *)ordo__sq_text(s, st, 8);
    if (ordo_strlist_parse(&x.roles, ordo__sq_text(s, st, 6)) < 0) {
        rc = ordo__sq_oom(s);
        goto done;
    }
    if ((rc = ordo_model_put_contact(m, &x, NULL)) < 0)
        rc = put_failed(s, m, rc, "contact", x.id);
done:
    ordo_strlist_clear(&x.roles);
    return rc;
}

static int load_contract(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    int rc = ORDO_OK;
    ordo_contract x = { 0 };
    x.id = (char *)ordo__sq_text(s, st, 0);
    x.customer = (char *)ordo__sq_text(s, st, 1);
    x.minutes = sqlite3_column_int64(st, 4);
    x.used_minutes = sqlite3_column_int64(st, 5);
    const char *status = ordo__sq_text(s, st, 6);
    int v = parse_name(status, contract_status_name, ORDO_CONTRACT_EXPIRED + 1);
    if (v < 0) {
        rc = ordo__sq_bad_value(s, "contracts", x.id, "status", status);
        goto done;
    }
    x.status = (ordo_contract_status)v;
    ORDO_TRY(parse_date(s, ordo__sq_text(s, st, 2), &x.start, "contracts", x.id, "start_date"));
    ORDO_TRY(parse_date(s, ordo__sq_text(s, st, 3), &x.end, "contracts", x.id, "end_date"));
    if ((rc = ordo_model_put_contract(m, &x, NULL)) < 0)
        rc = put_failed(s, m, rc, "contract", x.id);
done:
    return rc;
}

/* A partial model reads only the services it needs: a course's own service,
 * when not read yet, as the course is read. */
static int course_service(ordo_store *s, ordo_model *m, const char *service)
{
    sqlite3_stmt *st = NULL;
    int r = SQLITE_DONE, rc = ORDO_OK;
    if (!m->partial || !service || ordo_model_find_service(m, service) >= 0)
        return ORDO_OK;
    ORDO_TRY(ordo__sq_stmt(s, ST_SCOPE_SERVICES, &st));
    ordo__sq_bind_text(s, st, 1, service);
    while (rc == ORDO_OK && !s->sticky && (r = sqlite3_step(st)) == SQLITE_ROW)
        rc = load_service(s, st, m);
    if (rc == ORDO_OK && (s->sticky || r != SQLITE_DONE))
        rc = ordo__sq_sql_fail(s, s->sticky ? s->sticky : r, "reading service '%s'", service);
    s->sticky = 0;
    sqlite3_reset(st);
done:
    return rc;
}

static int load_course(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    int rc = ORDO_OK;
    ordo_course x = { 0 };
    x.id = (char *)ordo__sq_text(s, st, 0);
    x.title = (char *)ordo__sq_text(s, st, 1);
    x.customer = (char *)ordo__sq_text(s, st, 3);
    x.sessions = ordo__sq_int_col(st, 5);
    x.participants = ordo__sq_int_col(st, 6);
    x.min_days_between = ordo__sq_int_col(st, 9);
    x.min_distinct_days = ordo__sq_int_col(st, 11);
    x.fixed_duration_slots = ordo__sq_int_col(st, 12);
    x.is_booking = ordo__sq_int_col(st, 13);
    ORDO_TRY(course_service(s, m, ordo__sq_text(s, st, 2)));
    ORDO_TRY(find_ref(s, m, ordo_model_find_service, ordo__sq_text(s, st, 2), &x.service, "courses", x.id, "service"));
    ORDO_TRY(find_ref(s, m, ordo_model_find_contract, ordo__sq_text(s, st, 4), &x.contract, "courses", x.id, "contract"));
    if (x.service < 0) {
        rc = ordo__sq_bad_value(s, "courses", x.id, "service", NULL);
        goto done;
    }
    ORDO_TRY(parse_date(s, ordo__sq_text(s, st, 7), &x.earliest, "courses", x.id, "earliest"));
    ORDO_TRY(parse_date(s, ordo__sq_text(s, st, 8), &x.latest, "courses", x.id, "latest"));
    if (ordo_strlist_parse(&x.cohorts, ordo__sq_text(s, st, 10)) < 0 ||
        ordo_strlist_parse(&x.sites, ordo__sq_text(s, st, 14)) < 0) {
        rc = ordo__sq_oom(s);
        goto done;
    }
    if ((rc = ordo_model_put_course(m, &x, NULL)) < 0)
        rc = put_failed(s, m, rc, "course", x.id);
done:
    ordo_strlist_clear(&x.cohorts);
    ordo_strlist_clear(&x.sites);
    return rc;
}

static int load_blackout(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    int rc = ORDO_OK;
    const char *of = ordo__sq_text(s, st, 0);
    ordo_course_blackout x = { 0 };
    x.start_min = ordo__sq_int_col(st, 2);
    x.end_min = ordo__sq_int_col(st, 3);
    ORDO_TRY(find_ref(s, m, ordo_model_find_course, of, &x.course, "course_blackouts", of, "course"));
    ORDO_TRY(parse_date(s, ordo__sq_text(s, st, 1), &x.date, "course_blackouts", of, "date"));
    if ((rc = ordo_model_add_blackout(m, &x)) < 0)
        rc = put_failed(s, m, rc, "blackout of", of);
done:
    return rc;
}

/* Resolve a session's ';'-joined resource ids into s->ids. Ids of resources
 * no longer in the model are left out (the row itself keeps them until the
 * session is saved again). */
static int session_resources(ordo_store *s, const ordo_model *m, const char *list, int *out_n)
{
    int rc = ORDO_OK, n = 0;
    size_t len = list ? strlen(list) : 0;
    *out_n = 0;
    if (!len)
        goto done;
    if (ordo__sq_reserve(s, len + 1) < 0 || ORDO_GROW(s->ids, s->ids_cap, len / 2 + 1) < 0) {
        s->sticky = 0;
        rc = ordo__sq_oom(s);
        goto done;
    }
    memcpy(s->buf, list, len + 1);
    for (char *p = s->buf; p;) {
        char *semi = strchr(p, ';');
        if (semi)
            *semi = '\0';
        int r = *p ? ordo_model_find_resource(m, p) : -1;
        if (r >= 0)
            s->ids[n++] = r;
        p = semi ? semi + 1 : NULL;
    }
    *out_n = n;
done:
    return rc;
}

static int load_session(ordo_store *s, sqlite3_stmt *st, ordo_model *m)
{
    int rc = ORDO_OK;
    ordo_session x = { 0 };
    const char *course = ordo__sq_text(s, st, 1), *status = ordo__sq_text(s, st, 3), *site = ordo__sq_text(s, st, 6);
    x.id = sqlite3_column_int64(st, 0);
    x.course = course ? ordo_model_find_course(m, course) : -1;
    if (x.course < 0)
        goto done;                /* its course is gone: the row stays, unloaded */
    x.ordinal = ordo__sq_int_col(st, 2);
    x.start = sqlite3_column_int64(st, 4);
    x.end = sqlite3_column_int64(st, 5);
    x.site = site ? ordo_model_find_site(m, site) : -1;
    x.sequence = ordo__sq_int_col(st, 8);
    x.dtstamp = sqlite3_column_int64(st, 9);
    x.reason = (char *)ordo__sq_text(s, st, 10);
    x.forced_conflict = ordo__sq_int_col(st, 11);
    int v = parse_name(status, session_status_name, ORDO_SESSION_DONE + 1);
    if (v < 0) {
        rc = ordo__sq_bad_value(s, "sessions", course, "status", status);
        goto done;
    }
    x.status = (ordo_session_status)v;
    ORDO_TRY(session_resources(s, m, ordo__sq_text(s, st, 7), &x.nresources));
    x.resources = s->ids;
    if ((rc = ordo_model_add_session(m, &x, NULL)) < 0)
        rc = put_failed(s, m, rc, "session of", course);
done:
    return rc;
}

typedef int (*load_fn)(ordo_store *, sqlite3_stmt *, ordo_model *);

/* What a desk scope narrows a table by (ordo_store_load_scope). */
enum { BY_NONE, BY_RESOURCE, BY_PARTY, BY_COURSE, BY_NEEDED, BY_SERVICE };

/* Tables in load order: every reference's target is loaded before it. A
 * scoped load reads a table whole (BY_NONE) or runs `scoped` once per key of
 * the scope (its ?1): a named resource, a needed resource (named, or held by
 * a session read), the party or a course id. */
static const struct loader {
    int st, scoped, by;
    load_fn row;
    const char *table;
} loaders[] = {
    { ST_ALL_SITES, -1, BY_NONE, load_site, "sites" },
    { ST_ALL_SERVICES, ST_SCOPE_SERVICES, BY_SERVICE, load_service, "services" },
    { ST_ALL_RESOURCES, ST_SCOPE_RESOURCES, BY_NEEDED, load_resource, "resources" },
    { ST_ALL_WORKING_HOURS, ST_SCOPE_WORKING_HOURS, BY_RESOURCE, load_working_hours, "working_hours" },
    { ST_ALL_TIME_OFF, ST_SCOPE_TIME_OFF, BY_RESOURCE, load_time_off, "time_off" },
    { ST_ALL_REQUIREMENTS, ST_SCOPE_REQUIREMENTS, BY_SERVICE, load_requirement, "requirements" },
    { ST_ALL_ACCOUNTS, ST_SCOPE_ACCOUNTS, BY_PARTY, load_account, "accounts" },
    { ST_ALL_CONTACTS, ST_SCOPE_CONTACTS, BY_PARTY, load_contact, "contacts" },
    { ST_ALL_CONTRACTS, ST_SCOPE_CONTRACTS, BY_COURSE, load_contract, "contracts" },
    { ST_ALL_COURSES, ST_SCOPE_COURSES, BY_COURSE, load_course, "courses" },
    { ST_ALL_BLACKOUTS, ST_SCOPE_BLACKOUTS, BY_COURSE, load_blackout, "course_blackouts" },
    { ST_ALL_SESSIONS, ST_SCOPE_SESSIONS, BY_COURSE, load_session, "sessions" },
};

/* A small set of id strings (owned copies), in insertion order. */
typedef struct keyset {
    char **v;
    size_t n, cap;
} keyset;

static void keys_clear(keyset *k)
{
    for (size_t i = 0; i < k->n; i++)
        ordo__free(k->v[i]);
    ordo__free(k->v);
    memset(k, 0, sizeof *k);
}

static int keys_add(ordo_store *s, keyset *k, const char *id, size_t len)
{
    for (size_t i = 0; i < k->n; i++)
        if (strlen(k->v[i]) == len && memcmp(k->v[i], id, len) == 0)
            return ORDO_OK;
    if (ORDO_GROW(k->v, k->cap, k->n + 1) < 0 || !(k->v[k->n] = ordo__malloc(len + 1)))
        return ordo__sq_oom(s);
    memcpy(k->v[k->n], id, len);
    k->v[k->n++][len] = '\0';
    return ORDO_OK;
}

/* Adds every id of the ';'-joined list. */
static int keys_add_list(ordo_store *s, keyset *k, const char *list)
{
    int rc = ORDO_OK;
    for (const char *p = list; rc == ORDO_OK && p && *p;) {
        const char *semi = strchr(p, ';');
        size_t len = semi ? (size_t)(semi - p) : strlen(p);
        if (len)
            rc = keys_add(s, k, p, len);
        p = semi ? semi + 1 : NULL;
    }
    return rc;
}

/* Does the ';'-joined list hold one of the keys? */
static int list_has_any(const char *list, const keyset *k)
{
    for (const char *p = list; p && *p;) {
        const char *semi = strchr(p, ';');
        size_t len = semi ? (size_t)(semi - p) : strlen(p);
        for (size_t i = 0; len && i < k->n; i++)
            if (strlen(k->v[i]) == len && memcmp(k->v[i], p, len) == 0)
                return 1;
        p = semi ? semi + 1 : NULL;
    }
    return 0;
}

/* The scope's keys: its resources, and the courses of the window's sessions
 * holding one of them (or any, without a resource list) or being a desk
 * booking of the party, with the named course and the named session's. */
typedef struct scope_keys {
    keyset resources, party, courses;
    keyset needed;                /* resources to read: the scope's and its booking's */
    keyset service;               /* the services and requirements to read (empty: all);
                                     the courses read bring their own service */
    int whole_resources;          /* every resource's rows (every_resource, no named booking) */
} scope_keys;

/* Runs `which` with ?1 = key (text), or ?1 = num when it takes a parameter,
 * to its first row: SQLITE_ROW (the row readable in *st), SQLITE_DONE, or
 * a failure (with s->sticky). scope_end resets it and gives the result. */
static int scope_first(ordo_store *s, int which, const char *key, int64_t num, sqlite3_stmt **st)
{
    if (ordo__sq_stmt(s, which, st) < 0)
        return SQLITE_ERROR;
    if (key)
        ordo__sq_bind_text(s, *st, 1, key);
    else if (sqlite3_bind_parameter_count(*st) > 0)
        ordo__sq_bind_int(s, *st, 1, num);
    return s->sticky ? s->sticky : sqlite3_step(*st);
}

static int scope_end(ordo_store *s, sqlite3_stmt *st, int r, int rc, const char *what)
{
    if (rc == ORDO_OK && r != SQLITE_ROW && r != SQLITE_DONE)
        rc = st ? ordo__sq_sql_fail(s, r, "%s", what) : s->err.code;
    s->sticky = 0;
    if (st)
        sqlite3_reset(st);
    return rc;
}

/* Its first row's column 0 as an integer into *out (untouched without a row). */
static int scope_int(ordo_store *s, int which, const char *key, int64_t num, int64_t *out, const char *what)
{
    sqlite3_stmt *st = NULL;
    int r = scope_first(s, which, key, num, &st);
    if (r == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    return scope_end(s, st, r, ORDO_OK, what);
}

/* Its first row's column 0 (text, when not NULL) added to keys. */
static int scope_key(ordo_store *s, int which, const char *key, int64_t num, keyset *keys, const char *what)
{
    sqlite3_stmt *st = NULL;
    int rc = ORDO_OK, r = scope_first(s, which, key, num, &st);
    if (r == SQLITE_ROW && sqlite3_column_text(st, 0))
        rc = keys_add(s, keys, (const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
    return scope_end(s, st, r, rc, what);
}

/* Adds the resources of every session of course `id` to k->needed (and to
 * k->resources when `keys`). */
static int course_resources(ordo_store *s, const char *id, scope_keys *k, int keys)
{
    sqlite3_stmt *st = NULL;
    int r = SQLITE_DONE, rc = ordo__sq_stmt(s, ST_SCOPE_COURSE_RESOURCES, &st);
    if (rc < 0)
        return rc;
    ordo__sq_bind_text(s, st, 1, id);
    while (rc == ORDO_OK && !s->sticky && (r = sqlite3_step(st)) == SQLITE_ROW) {
        rc = keys_add_list(s, &k->needed, (const char *)sqlite3_column_text(st, 0));
        if (rc == ORDO_OK && keys)
            rc = keys_add_list(s, &k->resources, (const char *)sqlite3_column_text(st, 0));
    }
    if (rc == ORDO_OK && (s->sticky || r != SQLITE_DONE))
        rc = ordo__sq_sql_fail(s, s->sticky ? s->sticky : r, "reading the booking's resources");
    s->sticky = 0;
    sqlite3_reset(st);
    return rc;
}

/* The courses of the sessions overlapping [sc->from, to) that statement
 * `which` gives (those starting up to `longest` before from): with
 * ST_SCOPE_WINDOW, all of them holding one of the scope's resources (every
 * one with every_resource), with ST_SCOPE_PARTY_WINDOW the party's desk
 * bookings. */
static int window(ordo_store *s, const ordo_store_scope *sc, int which, int64_t to, int64_t longest, scope_keys *k)
{
    sqlite3_stmt *st = NULL;
    int r = SQLITE_DONE, rc = ordo__sq_stmt(s, which, &st);
    if (rc < 0)
        return rc;
    ordo__sq_bind_int(s, st, 1, sc->from);
    ordo__sq_bind_int(s, st, 2, to);
    ordo__sq_bind_int(s, st, 3, sc->from - (longest > 0 ? longest : 0));
    if (which == ST_SCOPE_PARTY_WINDOW)
        ordo__sq_bind_text(s, st, 4, k->party.v[0]);
    while (rc == ORDO_OK && !s->sticky && (r = sqlite3_step(st)) == SQLITE_ROW) {
        int party = which == ST_SCOPE_PARTY_WINDOW;
        const char *course = (const char *)sqlite3_column_text(st, party ? 0 : 1);
        const char *res = party ? NULL : (const char *)sqlite3_column_text(st, 2);
        if (course && (party || k->whole_resources || list_has_any(res, &k->resources)))
            rc = keys_add(s, &k->courses, course, strlen(course));
    }
    if (rc == ORDO_OK && (s->sticky || r != SQLITE_DONE))
        rc = ordo__sq_sql_fail(s, s->sticky ? s->sticky : r, "reading the sessions around the booking");
    s->sticky = 0;
    sqlite3_reset(st);
    return rc;
}

static int scope_collect(ordo_store *s, const ordo_store_scope *sc, scope_keys *k)
{
    int rc = ORDO_OK;
    int64_t longest = 0, to = sc->to, length = -1;
    k->whole_resources = sc->every_resource;
    for (int i = 0; !sc->every_resource && i < sc->nresources; i++)
        if (sc->resources[i] && *sc->resources[i]) {
            ORDO_TRY(keys_add(s, &k->resources, sc->resources[i], strlen(sc->resources[i])));
            ORDO_TRY(keys_add(s, &k->needed, sc->resources[i], strlen(sc->resources[i])));
        }
    if (sc->party)
        ORDO_TRY(keys_add(s, &k->party, sc->party, strlen(sc->party)));
    if (sc->course)
        ORDO_TRY(keys_add(s, &k->courses, sc->course, strlen(sc->course)));
    if (sc->session)
        ORDO_TRY(scope_key(s, ST_SCOPE_COURSE_OF, NULL, sc->session, &k->courses, "reading the booking's course"));
    /* the named booking's sessions are read whole: their resources too; with
     * every_resource (a booking moved on its own resources) they are the
     * resources whose sessions count, and its customer is the party */
    for (size_t i = 0; i < k->courses.n; i++)
        ORDO_TRY(course_resources(s, k->courses.v[i], k, sc->every_resource));
    if (sc->every_resource && k->resources.n)
        k->whole_resources = 0;
    if (!sc->party && k->courses.n)
        ORDO_TRY(scope_key(s, ST_SCOPE_CUSTOMER_OF, k->courses.v[0], 0, &k->party, "reading the booking's customer"));
    if (sc->to <= sc->from)
        goto done;
    ORDO_TRY(scope_int(s, ST_SCOPE_MAX_LENGTH, NULL, 0, &longest, "reading the longest session"));
    if (sc->service)
        ORDO_TRY(scope_int(s, ST_SCOPE_SERVICE_LENGTH, sc->service, 0, &length, "reading the service's duration"));
    if (sc->service && !k->courses.n)     /* a new booking: only its service's rules */
        ORDO_TRY(keys_add(s, &k->service, sc->service, strlen(sc->service)));
    if (length >= 0 && length < ORDO_SCOPE_MAX_SESSION_MIN && to - sc->from >= ORDO_SCOPE_MAX_SESSION_MIN)
        to -= ORDO_SCOPE_MAX_SESSION_MIN - length;
    ORDO_TRY(window(s, sc, ST_SCOPE_WINDOW, to, longest, k));
    if (k->party.n)
        ORDO_TRY(window(s, sc, ST_SCOPE_PARTY_WINDOW, to, longest, k));
done:
    return rc;
}

static void scope_keys_clear(scope_keys *k)
{
    keys_clear(&k->resources);
    keys_clear(&k->party);
    keys_clear(&k->courses);
    keys_clear(&k->needed);
    keys_clear(&k->service);
}

/* Runs statement `which` (with ?1 = key when key is not NULL) and loads its rows. */
static int load_rows(ordo_store *s, ordo_model *m, const struct loader *l, int which, const char *key)
{
    sqlite3_stmt *st = NULL;
    int r = SQLITE_DONE, rc = ordo__sq_stmt(s, which, &st);
    if (rc == ORDO_OK && key)
        ordo__sq_bind_text(s, st, 1, key);
    if (rc == ORDO_OK && s->sticky)
        rc = ordo__sq_sql_fail(s, s->sticky, "reading %s", l->table);
    while (rc == ORDO_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
        rc = l->row(s, st, m);
        if (rc == ORDO_OK && s->sticky)
            rc = ordo__sq_sql_fail(s, s->sticky, "reading %s", l->table);
        s->sticky = 0;
    }
    if (rc == ORDO_OK && r != SQLITE_DONE)
        rc = ordo__sq_sql_fail(s, r, "reading %s", l->table);
    s->sticky = 0;
    if (st)
        sqlite3_reset(st);
    return rc;
}

static int load_table(ordo_store *s, ordo_model *m, const struct loader *l, const scope_keys *k)
{
    int rc = ORDO_OK;
    const keyset *keys = NULL;
    if (k && l->by != BY_NONE && !((l->by == BY_RESOURCE || l->by == BY_NEEDED) && k->whole_resources) &&
        !(l->by == BY_SERVICE && k->service.n == 0))
        keys = l->by == BY_RESOURCE ? &k->resources : l->by == BY_NEEDED ? &k->needed
             : l->by == BY_SERVICE ? &k->service : l->by == BY_PARTY ? &k->party : &k->courses;
    if (!keys)
        return load_rows(s, m, l, l->st, NULL);
    for (size_t i = 0; rc == ORDO_OK && i < keys->n; i++)
        rc = load_rows(s, m, l, l->scoped, keys->v[i]);
    return rc;
}

/* The highest desk booking number stored (ids `prefix` + number): for
 * 'booking-' the number meta keeps (store_schema.h), else, or when it is
 * not kept, a scan of the ids. */
static int last_booking(ordo_store *s, const char *prefix, int *out)
{
    int rc = ORDO_OK;
    int64_t v = -1;
    if (strcmp(prefix, "booking-") == 0)
        ORDO_TRY(scope_int(s, ST_LAST_BOOKING_KEPT, NULL, 0, &v, "reading the last booking number"));
    if (v < 0)
        ORDO_TRY(scope_int(s, ST_LAST_BOOKING, prefix, 0, &v, "reading the last booking number"));
    *out = v > 0 && v < INT32_MAX ? (int)v : 0;
done:
    return rc;
}

static int load_model(ordo_store *s, const ordo_store_scope *scope, ordo_model **out)
{
    int rc = ORDO_OK, reading = 0;
    ordo_model *m = NULL;
    scope_keys keys = { 0 };
    if (!s || !out)
        return s ? ordo__seterr(&s->err, ORDO_EINVAL, "store %s: no place for the model", s->path) : ORDO_EINVAL;
    *out = NULL;
    ordo__sq_start_call(s);
    if (ordo_model_new(&m) < 0) {
        rc = ordo__sq_oom(s);
        goto done;
    }
    if (!s->in_tx) {
        ORDO_TRY(ordo__sq_exec(s, ST_BEGIN_READ, "starting to read"));
        reading = 1;
    }
    if (scope) {
        m->partial = 1;               /* the loaders read what they refer to on demand */
        ORDO_TRY(scope_collect(s, scope, &keys));
    }
    for (size_t i = 0; i < sizeof loaders / sizeof loaders[0]; i++)
        ORDO_TRY(load_table(s, m, &loaders[i], scope ? &keys : NULL));
    if (scope) {
        m->partial = 1;
        ORDO_TRY(last_booking(s, scope->booking_prefix ? scope->booking_prefix : "booking-", &m->last_booking));
    }
    if (reading) {
        reading = 0;
        ORDO_TRY(ordo__sq_exec(s, ST_COMMIT, "finishing the read"));
    }
    *out = m;
    m = NULL;
done:
    if (reading)
        ordo__sq_exec_quietly(s, ST_ROLLBACK);
    scope_keys_clear(&keys);
    ordo_model_free(m);
    return rc;
}

int ordo_store_load(ordo_store *s, ordo_model **out) { return load_model(s, NULL, out); }

int ordo_store_load_scope(ordo_store *s, const ordo_store_scope *scope, ordo_model **out)
{
    if (!scope)
        return s ? ordo__seterr(&s->err, ORDO_EINVAL, "store %s: no scope to load", s->path) : ORDO_EINVAL;
    return load_model(s, scope, out);
}
