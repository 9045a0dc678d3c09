/*
 * save.c — writing the model. Invariants:
 *   - a save checks the model first (model/check.h: indexes, dates, names),
 *     then writes it in ONE transaction (a savepoint inside
 *     ordo_store_begin); on any error it is rolled back, leaving file and
 *     model as they were (new session ids reach the model only after the
 *     commit);
 *   - write order keeps foreign keys true at every statement: keyless rows
 *     cleared, keyed records upserted parents first, stale ones deleted
 *     children first, keyless rows written last;
 *   - session rows are never deleted; those whose course is gone are marked
 *     cancelled (if pending);
 *   - ordo_store_save_sessions writes only the rows it is given.
 */
#include "io/store/sqlite/sqlite_int.h"
#include "model/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* The model's consistency check, its message prefixed with the store. */
static int check_model(ordo_store *s, const ordo_model *m)
{
    ordo_err e = { 0 };
    int rc = ordo_model_check(m, &e);
    return rc < 0 ? ordo__seterr(&s->err, rc, "store %s: %s", s->path, e.msg) : rc;
}

/* ---- writing ------------------------------------------------------------- */

/* A row's position (parameter 2): its model index, so that the model loads
 * back in the same order; for a partial model (ordo_store_load_scope) NULL,
 * so a stored row keeps its place and a new one goes last. */
static void bind_position(ordo_store *s, const ordo_model *m, sqlite3_stmt *st, size_t i)
{
    if (m->partial)
        ordo__sq_note(s, sqlite3_bind_null(st, 2));
    else
        ordo__sq_bind_int(s, st, 2, (int64_t)i);
}

static int save_sites(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    int rc = ORDO_OK;
    for (size_t i = 0; rc == ORDO_OK && i < m->sites.n; i++) {
        const ordo_site *x = &m->sites.v[i];
        ordo__sq_bind_text(s, st, 1, x->id);
        ordo__sq_bind_int(s, st, 2, (int64_t)i);
        ordo__sq_bind_text(s, st, 3, x->name);
        ordo__sq_bind_text(s, st, 4, x->timezone);
        rc = ordo__sq_write_row(s, st, "saving site", x->id);
    }
    return rc;
}

static int save_services(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    int rc = ORDO_OK;
    for (size_t i = 0; rc == ORDO_OK && i < m->services.n; i++) {
        const ordo_service *x = &m->services.v[i];
        ordo__sq_bind_text(s, st, 1, x->id);
        ordo__sq_bind_int(s, st, 2, (int64_t)i);
        ordo__sq_bind_text(s, st, 3, x->name);
        ordo__sq_bind_int(s, st, 4, x->duration);
        rc = ordo__sq_write_row(s, st, "saving service", x->id);
    }
    return rc;
}

static int save_resources(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    int rc = ORDO_OK;
    for (size_t i = 0; rc == ORDO_OK && i < m->resources.n; i++) {
        const ordo_resource *x = &m->resources.v[i];
        ordo__sq_bind_text(s, st, 1, x->id);
        ordo__sq_bind_int(s, st, 2, (int64_t)i);
        ordo__sq_bind_text(s, st, 3, x->name);
        ordo__sq_bind_text(s, st, 4, ordo_kind_name(x->kind));
        ordo__sq_bind_text(s, st, 5, site_id(m, x->site));
        ordo__sq_bind_int(s, st, 6, x->capacity);
        ordo__sq_bind_list(s, st, 7, &x->skills);
        ordo__sq_bind_text(s, st, 8, x->email);
        rc = ordo__sq_write_row(s, st, "saving resource", x->id);
    }
    return rc;
}

static int save_accounts(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    int rc = ORDO_OK;
    for (size_t i = 0; rc == ORDO_OK && i < m->accounts.n; i++) {
        const ordo_account *x = &m->accounts.v[i];
        ordo__sq_bind_text(s, st, 1, x->id);
        ordo__sq_bind_int(s, st, 2, (int64_t)i);
        ordo__sq_bind_text(s, st, 3, x->name);
        ordo__sq_bind_text(s, st, 4, ordo_relationship_name(x->relationship));
        ordo__sq_bind_list(s, st, 5, &x->roles);
        ordo__sq_bind_text(s, st, 6, x->city);
        rc = ordo__sq_write_row(s, st, "saving account", x->id);
    }
    return rc;
}

static int save_contacts(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    int rc = ORDO_OK;
    for (size_t i = 0; rc == ORDO_OK && i < m->contacts.n; i++) {
        const ordo_contact *x = &m->contacts.v[i];
        ordo__sq_bind_text(s, st, 1, x->id);
        ordo__sq_bind_int(s, st, 2, (int64_t)i);
        ordo__sq_bind_text(s, st, 3, x->first_name);
        ordo__sq_bind_text(s, st, 4, x->last_name);
        ordo__sq_bind_text(s, st, 5, x->email);
        ordo__sq_bind_text(s, st, 6, x->account);
        ordo__sq_bind_text(s, st, 7, ordo_relationship_name(x->relationship));
        ordo__sq_bind_list(s, st, 8, &x->roles);
        ordo__sq_bind_text(s, st, 9, x->city);
        ordo__sq_bind_text(s, st, 10, x->phone);
        rc = ordo__sq_write_row(s, st, "saving contact", x->id);
    }
    return rc;
}

/* Contracts from..to-1. */
static int save_contract_rows(ordo_store *s, const ordo_model *m, sqlite3_stmt *st, size_t from, size_t to)
{
    int rc = ORDO_OK;
    for (size_t i = from; rc == ORDO_OK && i < to; i++) {
        const ordo_contract *x = &m->contracts.v[i];
        ordo__sq_bind_text(s, st, 1, x->id);
        ordo__sq_bind_int(s, st, 2, (int64_t)i);
        ordo__sq_bind_text(s, st, 3, x->customer);
        ordo__sq_bind_date(s, st, 4, x->start);
        ordo__sq_bind_date(s, st, 5, x->end);
        ordo__sq_bind_int(s, st, 6, x->minutes);
        ordo__sq_bind_int(s, st, 7, x->used_minutes);
        ordo__sq_bind_text(s, st, 8, ordo_contract_status_name(x->status));
        rc = ordo__sq_write_row(s, st, "saving contract", x->id);
    }
    return rc;
}

static int save_contracts(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    return save_contract_rows(s, m, st, 0, m->contracts.n);
}

/* Courses which[0..n) (all when which is NULL). */
static int save_course_rows(ordo_store *s, const ordo_model *m, sqlite3_stmt *st, const int *which, size_t n)
{
    int rc = ORDO_OK;
    for (size_t j = 0; rc == ORDO_OK && j < n; j++) {
        size_t i = which ? (size_t)which[j] : j;
        const ordo_course *x = &m->courses.v[i];
        ordo__sq_bind_text(s, st, 1, x->id);
        bind_position(s, m, st, i);
        ordo__sq_bind_text(s, st, 3, x->title);
        ordo__sq_bind_text(s, st, 4, m->services.v[x->service].id);
        ordo__sq_bind_text(s, st, 5, x->customer);
        ordo__sq_bind_text(s, st, 6, contract_id(m, x->contract));
        ordo__sq_bind_int(s, st, 7, x->sessions);
        ordo__sq_bind_int(s, st, 8, x->participants);
        ordo__sq_bind_date(s, st, 9, x->earliest);
        ordo__sq_bind_date(s, st, 10, x->latest);
        ordo__sq_bind_int(s, st, 11, x->min_days_between);
        ordo__sq_bind_list(s, st, 12, &x->cohorts);
        ordo__sq_bind_int(s, st, 13, x->min_distinct_days);
        ordo__sq_bind_int(s, st, 14, x->fixed_duration_slots);
        ordo__sq_bind_int(s, st, 15, x->is_booking);
        ordo__sq_bind_list(s, st, 16, &x->sites);
        rc = ordo__sq_write_row(s, st, "saving course", x->id);
    }
    return rc;
}

static int save_courses(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    return save_course_rows(s, m, st, NULL, m->courses.n);
}

/* A session's resources as ';'-joined ids, bound as parameter i. */
static void bind_session_resources(ordo_store *s, const ordo_model *m, sqlite3_stmt *st, int i,
                                   const ordo_session *x)
{
    size_t n = 1, at = 0;
    for (int k = 0; k < x->nresources; k++)
        n += strlen(m->resources.v[x->resources[k]].id) + 1;
    if (ordo__sq_reserve(s, n) < 0)
        return;
    for (int k = 0; k < x->nresources; k++) {
        const char *id = m->resources.v[x->resources[k]].id;
        size_t len = strlen(id);
        if (k)
            s->buf[at++] = ';';
        memcpy(s->buf + at, id, len);
        at += len;
    }
    s->buf[at] = '\0';
    ordo__sq_note(s, sqlite3_bind_text(st, i, s->buf, (int)at, SQLITE_STATIC));
}

/* Sessions which[0..n) (all when which is NULL): id 0 gets a new row, its
 * id going to fresh[] in that order. */
static int save_session_rows(ordo_store *s, const ordo_model *m, sqlite3_stmt *st, const int *which, size_t n,
                             int64_t *fresh)
{
    int rc = ORDO_OK;
    size_t k = 0;
    for (size_t j = 0; rc == ORDO_OK && j < n; j++) {
        size_t i = which ? (size_t)which[j] : j;
        const ordo_session *x = &m->sessions.v[i];
        const char *course = m->courses.v[x->course].id;
        if (x->id)
            ordo__sq_bind_int(s, st, 1, x->id);
        else
            ordo__sq_note(s, sqlite3_bind_null(st, 1));
        bind_position(s, m, st, i);
        ordo__sq_bind_text(s, st, 3, course);
        ordo__sq_bind_int(s, st, 4, x->ordinal);
        ordo__sq_bind_text(s, st, 5, ordo_session_status_name(x->status));
        ordo__sq_bind_int(s, st, 6, x->start);
        ordo__sq_bind_int(s, st, 7, x->end);
        ordo__sq_bind_text(s, st, 8, site_id(m, x->site));
        bind_session_resources(s, m, st, 9, x);
        ordo__sq_bind_int(s, st, 10, x->sequence);
        ordo__sq_bind_int(s, st, 11, x->dtstamp);
        ordo__sq_bind_text(s, st, 12, x->reason);
        ordo__sq_bind_int(s, st, 13, x->forced_conflict);
        rc = ordo__sq_write_row(s, st, "saving session of course", course);
        if (rc == ORDO_OK && !x->id)
            fresh[k++] = sqlite3_last_insert_rowid(s->db);
    }
    return rc;
}

static int save_sessions(ordo_store *s, const ordo_model *m, sqlite3_stmt *st, int64_t *fresh)
{
    return save_session_rows(s, m, st, NULL, m->sessions.n, fresh);
}

static int save_working_hours(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    int rc = ORDO_OK;
    for (size_t i = 0; rc == ORDO_OK && i < m->working_hours.n; i++) {
        const ordo_working_hours *x = &m->working_hours.v[i];
        const char *who = m->resources.v[x->resource].id;
        ordo__sq_bind_int(s, st, 1, (int64_t)i);
        ordo__sq_bind_text(s, st, 2, who);
        ordo__sq_bind_int(s, st, 3, x->weekday);
        ordo__sq_bind_int(s, st, 4, x->start);
        ordo__sq_bind_int(s, st, 5, x->end);
        rc = ordo__sq_write_row(s, st, "saving working hours of", who);
    }
    return rc;
}

static int save_time_off(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    int rc = ORDO_OK;
    for (size_t i = 0; rc == ORDO_OK && i < m->time_off.n; i++) {
        const ordo_time_off *x = &m->time_off.v[i];
        const char *who = m->resources.v[x->resource].id;
        ordo__sq_bind_int(s, st, 1, (int64_t)i);
        ordo__sq_bind_text(s, st, 2, who);
        ordo__sq_bind_date(s, st, 3, x->start_date);
        ordo__sq_bind_int(s, st, 4, x->start_min);
        ordo__sq_bind_date(s, st, 5, x->end_date);
        ordo__sq_bind_int(s, st, 6, x->end_min);
        ordo__sq_bind_text(s, st, 7, x->reason);
        ordo__sq_bind_text(s, st, 8, x->source);
        rc = ordo__sq_write_row(s, st, "saving time off of", who);
    }
    return rc;
}

static int save_requirements(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    int rc = ORDO_OK;
    for (size_t i = 0; rc == ORDO_OK && i < m->requirements.n; i++) {
        const ordo_requirement *x = &m->requirements.v[i];
        const char *of = m->services.v[x->service].id;
        ordo__sq_bind_int(s, st, 1, (int64_t)i);
        ordo__sq_bind_text(s, st, 2, of);
        ordo__sq_bind_text(s, st, 3, ordo_kind_name(x->kind));
        ordo__sq_bind_int(s, st, 4, x->count);
        ordo__sq_bind_text(s, st, 5, x->skill);
        ordo__sq_bind_int(s, st, 6, x->min_capacity);
        ordo__sq_bind_int(s, st, 7, x->capacity_penalty);
        rc = ordo__sq_write_row(s, st, "saving requirement of", of);
    }
    return rc;
}

static int save_blackouts(ordo_store *s, const ordo_model *m, sqlite3_stmt *st)
{
    int rc = ORDO_OK;
    for (size_t i = 0; rc == ORDO_OK && i < m->blackouts.n; i++) {
        const ordo_course_blackout *x = &m->blackouts.v[i];
        const char *of = m->courses.v[x->course].id;
        ordo__sq_bind_int(s, st, 1, (int64_t)i);
        ordo__sq_bind_text(s, st, 2, of);
        ordo__sq_bind_date(s, st, 3, x->date);
        ordo__sq_bind_int(s, st, 4, x->start_min);
        ordo__sq_bind_int(s, st, 5, x->end_min);
        rc = ordo__sq_write_row(s, st, "saving blackout of", of);
    }
    return rc;
}

/* Keyed tables, children before parents (the order stale rows are deleted in). */
static const struct keyed_table {
    const char *name, *deleting;
    int ids, del;
    int (*find)(const ordo_model *, const char *);
} keyed_tables[] = {
    { "course", "deleting course", ST_IDS_COURSES, ST_DEL_COURSE, ordo_model_find_course },
    { "contract", "deleting contract", ST_IDS_CONTRACTS, ST_DEL_CONTRACT, ordo_model_find_contract },
    { "contact", "deleting contact", ST_IDS_CONTACTS, ST_DEL_CONTACT, ordo_model_find_contact },
    { "account", "deleting account", ST_IDS_ACCOUNTS, ST_DEL_ACCOUNT, ordo_model_find_account },
    { "resource", "deleting resource", ST_IDS_RESOURCES, ST_DEL_RESOURCE, ordo_model_find_resource },
    { "service", "deleting service", ST_IDS_SERVICES, ST_DEL_SERVICE, ordo_model_find_service },
    { "site", "deleting site", ST_IDS_SITES, ST_DEL_SITE, ordo_model_find_site },
};

/* Delete the rows of one keyed table whose id is not in the model. The ids
 * are collected first, so no row is deleted under a running SELECT. */
static int delete_stale(ordo_store *s, const ordo_model *m, const struct keyed_table *t)
{
    int rc = ORDO_OK, r;
    char **gone = NULL;
    size_t ngone = 0, cap = 0;
    sqlite3_stmt *ids = NULL, *del = NULL;
    ORDO_TRY(ordo__sq_stmt(s, t->ids, &ids));
    ORDO_TRY(ordo__sq_stmt(s, t->del, &del));
    while ((r = sqlite3_step(ids)) == SQLITE_ROW) {
        const char *id = ordo__sq_text(s, ids, 0);
        if (!id || t->find(m, id) >= 0)
            continue;
        if (ORDO_GROW(gone, cap, ngone + 1) < 0 || !(gone[ngone] = ordo__strdup(id))) {
            rc = ordo__sq_oom(s);
            break;
        }
        ngone++;
    }
    if (rc == ORDO_OK && (r != SQLITE_DONE || s->sticky))
        rc = ordo__sq_sql_fail(s, r != SQLITE_DONE ? r : s->sticky, "listing %ss", t->name);
    s->sticky = 0;
    sqlite3_reset(ids);
    for (size_t i = 0; rc == ORDO_OK && i < ngone; i++) {
        ordo__sq_bind_text(s, del, 1, gone[i]);
        rc = ordo__sq_write_row(s, del, t->deleting, gone[i]);
    }
done:
    for (size_t i = 0; i < ngone; i++)
        ordo__free(gone[i]);
    ordo__free(gone);
    return rc;
}

typedef int (*save_fn)(ordo_store *, const ordo_model *, sqlite3_stmt *);

static int save_with(ordo_store *s, const ordo_model *m, int id, save_fn fn)
{
    sqlite3_stmt *st = NULL;
    int rc = ordo__sq_stmt(s, id, &st);
    return rc == ORDO_OK ? fn(s, m, st) : rc;
}

/* Everything a save writes, inside the caller's transaction. */
static int write_model(ordo_store *s, const ordo_model *m, int64_t *fresh)
{
    int rc = ORDO_OK;
    sqlite3_stmt *st = NULL;
    ORDO_TRY(ordo__sq_exec(s, ST_CLEAR_WORKING_HOURS, "clearing working hours"));
    ORDO_TRY(ordo__sq_exec(s, ST_CLEAR_TIME_OFF, "clearing time off"));
    ORDO_TRY(ordo__sq_exec(s, ST_CLEAR_REQUIREMENTS, "clearing requirements"));
    ORDO_TRY(ordo__sq_exec(s, ST_CLEAR_BLACKOUTS, "clearing course blackouts"));
    ORDO_TRY(save_with(s, m, ST_PUT_SITE, save_sites));
    ORDO_TRY(save_with(s, m, ST_PUT_SERVICE, save_services));
    ORDO_TRY(save_with(s, m, ST_PUT_RESOURCE, save_resources));
    ORDO_TRY(save_with(s, m, ST_PUT_ACCOUNT, save_accounts));
    ORDO_TRY(save_with(s, m, ST_PUT_CONTACT, save_contacts));
    ORDO_TRY(save_with(s, m, ST_PUT_CONTRACT, save_contracts));
    ORDO_TRY(save_with(s, m, ST_PUT_COURSE, save_courses));
    ORDO_TRY(ordo__sq_stmt(s, ST_PUT_SESSION, &st));
    ORDO_TRY(save_sessions(s, m, st, fresh));
    for (size_t i = 0; i < sizeof keyed_tables / sizeof keyed_tables[0]; i++)
        ORDO_TRY(delete_stale(s, m, &keyed_tables[i]));
    /* each contract's primary time line mirrors its hour bank (store_schema.h) */
    ORDO_TRY(ordo__sq_exec(s, ST_ADD_PRIMARY_LINES, "adding the contracts' hour-bank lines"));
    ORDO_TRY(ordo__sq_exec(s, ST_SET_PRIMARY_LINES, "updating the contracts' hour-bank lines"));
    ORDO_TRY(ordo__sq_stmt(s, ST_CANCEL_ORPHANS, &st));
    ordo__sq_bind_int(s, st, 1, (int64_t)time(NULL));
    ORDO_TRY(ordo__sq_write_row(s, st, "cancelling the sessions of removed courses", NULL));
    ORDO_TRY(save_with(s, m, ST_ADD_WORKING_HOURS, save_working_hours));
    ORDO_TRY(save_with(s, m, ST_ADD_TIME_OFF, save_time_off));
    ORDO_TRY(save_with(s, m, ST_ADD_REQUIREMENT, save_requirements));
    ORDO_TRY(save_with(s, m, ST_ADD_BLACKOUT, save_blackouts));
done:
    return rc;
}

/* Undo a failed save: back to the savepoint, or roll the transaction back
 * (SQLite may already have done so itself, e.g. after SQLITE_FULL). */
void ordo__sq_undo_save(ordo_store *s)
{
    if (s->in_tx) {
        ordo__sq_exec_quietly(s, ST_ROLLBACK_TO);
        ordo__sq_exec_quietly(s, ST_RELEASE);
    } else if (!sqlite3_get_autocommit(s->db)) {
        ordo__sq_exec_quietly(s, ST_ROLLBACK);
    }
}

int ordo_store_save(ordo_store *s, ordo_model *m)
{
    int rc = ORDO_OK, began = 0;
    int64_t *fresh = NULL;
    size_t nfresh = 0;
    if (!s || !m)
        return s ? ordo__seterr(&s->err, ORDO_EINVAL, "store %s: no model to save", s->path) : ORDO_EINVAL;
    ordo__sq_start_call(s);
    if (m->partial) {
        rc = ordo__seterr(&s->err, ORDO_EINVAL, "store %s: refusing to save a partial model whole (it would "
                          "remove the courses it does not hold)", s->path);
        goto done;
    }
    ORDO_TRY(check_model(s, m));
    for (size_t i = 0; i < m->sessions.n; i++)
        nfresh += m->sessions.v[i].id == 0;
    if (nfresh && !(fresh = ordo__calloc(nfresh, sizeof *fresh))) {
        rc = ordo__sq_oom(s);
        goto done;
    }
    ORDO_TRY(ordo__sq_exec(s, s->in_tx ? ST_SAVEPOINT : ST_BEGIN_WRITE, "starting to save"));
    began = 1;
    ORDO_TRY(write_model(s, m, fresh));
    ORDO_TRY(ordo__sq_exec(s, s->in_tx ? ST_RELEASE : ST_COMMIT, "committing the save"));
    began = 0;
    for (size_t i = 0, k = 0; i < m->sessions.n; i++)
        if (m->sessions.v[i].id == 0)
            m->sessions.v[i].id = fresh[k++];
done:
    if (began)
        ordo__sq_undo_save(s);
    ordo__free(fresh);
    return rc;
}

int ordo_store_save_sessions(ordo_store *s, ordo_model *m, const int *courses, int ncourses, const int *which,
                             int n)
{
    int rc = ORDO_OK, began = 0;
    int64_t *fresh = NULL;
    size_t nfresh = 0;
    sqlite3_stmt *st = NULL;
    if (!s || !m || n < 0 || (n > 0 && !which) || ncourses < 0 || (ncourses > 0 && !courses))
        return s ? ordo__seterr(&s->err, ORDO_EINVAL, "store %s: no sessions to save", s->path) : ORDO_EINVAL;
    ordo__sq_start_call(s);
    ORDO_TRY(check_model(s, m));
    ORDO_TRY(ORDO_OK);
    for (int j = 0; j < n; j++) {
        if (which[j] < 0 || (size_t)which[j] >= m->sessions.n) {
            rc = ordo__seterr(&s->err, ORDO_EINVAL, "store %s: session index %d out of range", s->path, which[j]);
            goto done;
        }
        nfresh += m->sessions.v[which[j]].id == 0;
    }
    for (int j = 0; j < ncourses; j++)
        if (courses[j] < 0 || (size_t)courses[j] >= m->courses.n) {
            rc = ordo__seterr(&s->err, ORDO_EINVAL, "store %s: course index %d out of range", s->path, courses[j]);
            goto done;
        }
    if (nfresh && !(fresh = ordo__calloc(nfresh, sizeof *fresh))) {
        rc = ordo__sq_oom(s);
        goto done;
    }
    ORDO_TRY(ordo__sq_exec(s, s->in_tx ? ST_SAVEPOINT : ST_BEGIN_WRITE, "starting to save sessions"));
    began = 1;
    if (ncourses > 0) {
        ORDO_TRY(ordo__sq_stmt(s, ST_PUT_COURSE, &st));
        ORDO_TRY(save_course_rows(s, m, st, courses, (size_t)ncourses));
    }
    ORDO_TRY(ordo__sq_stmt(s, ST_PUT_SESSION, &st));
    ORDO_TRY(save_session_rows(s, m, st, which, (size_t)n, fresh));
    ORDO_TRY(ordo__sq_exec(s, s->in_tx ? ST_RELEASE : ST_COMMIT, "committing the sessions"));
    began = 0;
    for (int j = 0, k = 0; j < n; j++)
        if (m->sessions.v[which[j]].id == 0)
            m->sessions.v[which[j]].id = fresh[k++];
done:
    if (began)
        ordo__sq_undo_save(s);
    ordo__free(fresh);
    return rc;
}


int ordo_store_save_contract(ordo_store *s, ordo_model *m, int contract)
{
    int rc = ORDO_OK, began = 0;
    sqlite3_stmt *st = NULL;
    if (!s || !m || contract < 0 || (size_t)contract >= m->contracts.n)
        return s ? ordo__seterr(&s->err, ORDO_EINVAL, "store %s: no contract to save", s->path) : ORDO_EINVAL;
    ordo__sq_start_call(s);
    ORDO_TRY(check_model(s, m));
    ORDO_TRY(ordo__sq_exec(s, s->in_tx ? ST_SAVEPOINT : ST_BEGIN_WRITE, "starting to save a contract"));
    began = 1;
    ORDO_TRY(ordo__sq_stmt(s, ST_PUT_CONTRACT, &st));
    ORDO_TRY(save_contract_rows(s, m, st, (size_t)contract, (size_t)contract + 1));
    /* its primary time line mirrors its hour bank (store_schema.h) */
    ORDO_TRY(ordo__sq_exec(s, ST_ADD_PRIMARY_LINES, "adding the contract's hour-bank line"));
    ORDO_TRY(ordo__sq_exec(s, ST_SET_PRIMARY_LINES, "updating the contract's hour-bank line"));
    ORDO_TRY(ordo__sq_exec(s, s->in_tx ? ST_RELEASE : ST_COMMIT, "committing the contract"));
    began = 0;
done:
    if (began)
        ordo__sq_undo_save(s);
    return rc;
}
