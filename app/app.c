/*
 * app.c — the application handle (one store connection and the message of
 * the last error) and the helpers every use case shares (app_int.h).
 * Invariant: a use case that fails leaves no transaction open on the
 * handle (app_write_end rolls back), so the next call starts clean.
 */
#include "app/app_int.h"

#include "model/rfc3339.h"
#include "model/tz.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

int app_fail(ordo_app *a, int code, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    a->err.code = code;
    vsnprintf(a->err.msg, sizeof a->err.msg, fmt, ap);
    va_end(ap);
    snprintf(a->err.field, sizeof a->err.field, "%s", field ? field : "");
    return code;
}

int app_store_fail_at(ordo_app *a, int rc, const char *field)
{
    const char *msg = a->ops->errmsg(a->store), *at = a->ops->errfield(a->store);
    return app_fail(a, rc, field ? field : at && *at ? at : NULL, "%s", msg && *msg ? msg : ordo_strerror(rc));
}

int app_store_fail(ordo_app *a, int rc) { return app_store_fail_at(a, rc, NULL); }

void app_start(ordo_app *a)
{
    ordo__clearerr(&a->err);
}

int64_t app_now(int64_t now) { return now ? now : (int64_t)time(NULL); }

int ordo_app_open(ordo_app **out, const char *path, int must_exist, ordo_err *err)
{
    int rc = ORDO_OK;
    ordo_app *a = NULL;
    const ordo_store_ops *ops = NULL;
    const char *file = NULL;
    struct stat st;

    *out = NULL;
    if (!(ops = ordo_store_backend(path, &file, err))) {
        rc = err ? err->code : ORDO_EINVAL;
        goto done;
    }
    if (must_exist && strcmp(ops->name, "sqlite") == 0 && stat(file, &st) != 0) {
        rc = ordo__seterr(err, errno == ENOENT ? ORDO_ENOTFOUND : ORDO_EIO,
                          "%s: %s (create it with 'ordo import DIR --db %s')", path, strerror(errno), path);
        goto done;
    }
    if (!(a = ordo__calloc(1, sizeof *a)) || !(a->path = ordo__strdup(path))) {
        rc = ordo__seterr(err, ORDO_ENOMEM, "out of memory");
        goto done;
    }
    a->ops = ops;
    if ((rc = ops->open(&a->store, file, err)) < 0)
        goto done;
    *out = a;
    a = NULL;
done:
    ordo_app_close(a);
    return rc;
}

void ordo_app_close(ordo_app *a)
{
    if (!a)
        return;
    app_write_end(a);
    if (a->write_held)                    /* a transaction begun outside app_write_begin */
        app_rollback(a);
    app_release_snapshot(a);
    ordo_desk_free(a->desk);
    ordo_model_free(a->cache);
    if (a->ops)
        a->ops->close(a->store);
    ordo__free(a->path);
    ordo__free(a);
}

const char *ordo_app_errmsg(const ordo_app *a) { return a ? a->err.msg : "no application handle"; }
const char *ordo_app_errfield(const ordo_app *a) { return a ? a->err.field : ""; }
const char *ordo_app_path(const ordo_app *a) { return a ? a->path : ""; }

int ordo_app_set_busy_timeout(ordo_app *a, int ms)
{
    int rc = a->ops->set_busy_timeout(a->store, ms);
    return rc < 0 ? app_store_fail(a, rc) : rc;
}

/* ---- transactions ------------------------------------------------------------ */

/* The write lock. Handles sharing reads (one process, e.g. the server's
 * threads) first queue on the process's writer mutex, so they wait in turn
 * instead of polling the store's lock with sleeps (SQLite's busy handler
 * sleeps up to 100 ms between tries); other processes still meet at the
 * store's own lock. */
int app_begin(ordo_app *a)
{
    int rc;
    if (a->reads && !a->write_held) {
        app_reads_lock_writer(a->reads);
        a->write_held = 1;
    }
    if ((rc = a->ops->begin(a->store)) < 0)
        app_release_writer(a);
    return rc;
}

int app_commit(ordo_app *a)
{
    int rc = a->ops->commit(a->store);
    if (rc == ORDO_OK)
        app_release_writer(a);
    return rc;                            /* failed: still open, the caller rolls back */
}

int app_rollback(ordo_app *a)
{
    int rc = a->ops->rollback(a->store);
    app_release_writer(a);
    return rc;
}

void app_release_writer(ordo_app *a)
{
    if (a->write_held) {
        app_reads_unlock_writer(a->reads);
        a->write_held = 0;
    }
}

int app_snapshot(ordo_app *a, ordo_model **m)
{
    int rc = a->ops->load(a->store, m);
    return rc < 0 ? app_store_fail(a, rc) : rc;
}

int app_snapshot_shared(ordo_app *a, const ordo_model **m)
{
    uint64_t rev = 0;
    int rc;
    if (a->reads)
        return app_reads_snapshot(a, m);
    rc = a->ops->revision(a->store, &rev);
    *m = NULL;
    if (rc < 0)
        return app_store_fail(a, rc);
    if (!a->cache || rev != a->cache_rev) {
        ordo_model *fresh = NULL;
        /* keyed by the revision read BEFORE the load: a write in between only
         * makes the next call reload */
        if ((rc = a->ops->load(a->store, &fresh)) < 0)
            return app_store_fail(a, rc);
        ordo_model_free(a->cache);
        a->cache = fresh;
        a->cache_rev = rev;
        a->snap_serial++;
    }
    *m = a->cache;
    return ORDO_OK;
}

int app_snapshot_desk(ordo_app *a, const ordo_model *m, ordo_desk **out)
{
    ordo_err err = { 0 };
    int rc;
    *out = NULL;
    if (a->desk && a->desk_serial == a->snap_serial && ordo_desk_model(a->desk) == m) {
        *out = a->desk;
        return ORDO_OK;
    }
    ordo_desk_free(a->desk);
    a->desk = NULL;
    if ((rc = ordo_desk_new(&a->desk, m, &err)) < 0)
        return app_fail(a, rc, NULL, "%s", err.msg);
    a->desk_serial = a->snap_serial;
    *out = a->desk;
    return ORDO_OK;
}

static int write_begin(ordo_app *a, const ordo_store_scope *scope, ordo_model **m)
{
    int rc = a->outer ? ORDO_OK : app_begin(a);
    *m = NULL;
    if (rc < 0)
        return app_store_fail(a, rc);
    if (!a->outer)                        /* else the outer transaction holds the write lock */
        a->in_write = 1;
    rc = scope ? a->ops->load_scope(a->store, scope, m) : a->ops->load(a->store, m);
    if (rc < 0) {
        app_store_fail(a, rc);
        app_write_end(a);
    }
    return rc;
}

int app_write_begin(ordo_app *a, ordo_model **m) { return write_begin(a, NULL, m); }

int app_write_begin_scope(ordo_app *a, const ordo_store_scope *scope, ordo_model **m)
{
    return write_begin(a, scope, m);
}

int app_write_commit(ordo_app *a, ordo_model *m, int course, int session, int64_t now)
{
    int rc = a->ops->save_sessions(a->store, m, &course, 1, &session, 1);
    if (rc == ORDO_OK)                    /* only this session's reservation can have changed */
        rc = a->ops->bank_sync_sessions(a->store, m, &session, 1, now);
    if (rc == ORDO_OK && a->outer)
        return rc;                        /* committed with the outer transaction */
    if (rc == ORDO_OK && (rc = app_commit(a)) == ORDO_OK)
        a->in_write = 0;
    if (rc < 0) {
        app_store_fail(a, rc);
        app_write_end(a);
    }
    return rc;
}

void app_write_end(ordo_app *a)
{
    if (a->in_write) {
        app_rollback(a);
        a->in_write = 0;
    }
}

/* ---- time values ----------------------------------------------------------------- */

int app_when(ordo_app *a, const char *field, const char *text, int round_up, ordo_when *out)
{
    ordo_timeval tv;
    memset(out, 0, sizeof *out);
    if (ordo_timeval_parse(text, round_up, &tv) < 0)
        return app_fail(a, ORDO_EINVAL, field, "%s '%s': not a time (RFC 3339 with offset, YYYY-MM-DDTHH:MM "
                        "or YYYY-MM-DD)", field, text ? text : "");
    out->local = tv.local;
    out->date = tv.date;
    out->minute = tv.minute;
    out->utc = tv.utc;
    return ORDO_OK;
}

int app_when_exact(ordo_app *a, const char *field, const ordo_model *m, int site, const ordo_when *w,
                   ordo_utc *out)
{
    const char *tz = site >= 0 ? m->sites.v[site].timezone : "UTC";
    char text[17], early[8], late[8];
    if (!w->local) {
        *out = w->utc;
        return ORDO_OK;
    }
    ordo_datetime_format(w->date, w->minute, text);
    switch (ordo_tz_to_utc(tz, w->date, w->minute, out)) {
    case ORDO_LOCAL_OK:
        return ORDO_OK;
    case ORDO_LOCAL_GAP:
        return app_fail(a, ORDO_EINPUT, field, "%s does not exist in %s (the clocks go forward then); give a "
                        "time that exists", text, tz);
    case ORDO_LOCAL_AMBIGUOUS: {
        int offs[2] = { 0, 0 };
        ordo_tz_local_offsets(tz, w->date, w->minute, offs);
        ordo_offset_format(offs[0], early);
        ordo_offset_format(offs[1], late);
        return app_fail(a, ORDO_EINPUT, field, "%s occurs twice in %s (the clocks go back then); add the "
                        "offset: %s%s or %s%s", text, tz, text, early, text, late);
    }
    default:
        return app_fail(a, ORDO_EINPUT, field, "site '%s': unknown time zone '%s'",
                        site >= 0 ? m->sites.v[site].id : "", tz);
    }
}

void app_time(const ordo_model *m, int site, ordo_utc t, ordo_app_time *out)
{
    ordo_date d = 0;
    int minute = 0;
    out->utc = t;
    if (site < 0 || ordo_tz_to_local(m->sites.v[site].timezone, t, &d, &minute) < 0)
        ordo_rfc3339_format(t, 0, 1, out->text);
    else
        ordo_rfc3339_format(t, (int)((ordo_utc)d * ORDO_MIN_PER_DAY + minute - t), 0, out->text);
}

/* ---- lookups ----------------------------------------------------------------------- */

int app_find_service(ordo_app *a, const ordo_model *m, const char *field, const char *id, int *out)
{
    if (!id)
        return app_fail(a, ORDO_EINVAL, field, "missing %s", field);
    if ((*out = ordo_model_find_service(m, id)) < 0)
        return app_fail(a, ORDO_EINPUT, field, "unknown service '%s'", id);
    return ORDO_OK;
}

int app_find_site(ordo_app *a, const ordo_model *m, const char *field, const char *id, int *out)
{
    *out = -1;
    if (id && (*out = ordo_model_find_site(m, id)) < 0)
        return app_fail(a, ORDO_EINPUT, field, "unknown site '%s'", id);
    return ORDO_OK;
}

int app_check_customer(ordo_app *a, const ordo_model *m, const char *field, const char *id)
{
    if (id && ordo_model_find_account(m, id) < 0 && ordo_model_find_contact(m, id) < 0)
        return app_fail(a, ORDO_EINPUT, field, "customer '%s' is neither an account nor a contact", id);
    return ORDO_OK;
}

int app_find_resources(ordo_app *a, const ordo_model *m, const char *field, const char *const *ids, int n,
                       int *out, int *k, int max)
{
    char name[80];
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof name, "%s[%d]", field, i);
        int r = ids[i] ? ordo_model_find_resource(m, ids[i]) : -1;
        if (r < 0)
            return app_fail(a, ORDO_EINPUT, name, "unknown resource '%s'", ids[i] ? ids[i] : "");
        if (*k >= max)
            return app_fail(a, ORDO_EINPUT, field, "more than %d resources given", max);
        out[(*k)++] = r;
    }
    return ORDO_OK;
}

/* ---- results ------------------------------------------------------------------------- */

void app_free_ids(char **ids, int n)
{
    for (int i = 0; ids && i < n; i++)
        ordo__free(ids[i]);
    ordo__free(ids);
}

int app_copy_ids(const ordo_model *m, const int *res, int n, char ***out)
{
    int rc = ORDO_OK;
    char **ids = NULL;
    *out = NULL;
    if (n <= 0)
        goto done;
    if (!(ids = ordo__calloc((size_t)n, sizeof *ids))) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    for (int i = 0; i < n; i++)
        if (!(ids[i] = ordo__strdup(m->resources.v[res[i]].id))) {
            app_free_ids(ids, n);
            ids = NULL;
            rc = ORDO_ENOMEM;
            goto done;
        }
    *out = ids;
done:
    return rc;
}

void ordo_app_booking_clear(ordo_app_booking *b)
{
    if (!b)
        return;
    ordo__free(b->id);
    ordo__free(b->course);
    ordo__free(b->title);
    ordo__free(b->service);
    ordo__free(b->customer);
    ordo__free(b->site);
    ordo__free(b->reason);
    app_free_ids(b->resources, b->nresources);
    memset(b, 0, sizeof *b);
}

/* strdup that remembers a failure in *ok */
static char *dup(const char *s, int *ok)
{
    char *c = s ? ordo__strdup(s) : NULL;
    if (s && !c)
        *ok = 0;
    return c;
}

int app_fill_booking(ordo_app *a, const ordo_model *m, int si, ordo_app_booking *out)
{
    const ordo_session *s = &m->sessions.v[si];
    const ordo_course *c = &m->courses.v[s->course];
    char num[24];
    int ok = 1;

    memset(out, 0, sizeof *out);
    snprintf(num, sizeof num, "%lld", (long long)s->id);
    out->session = s->id;
    snprintf(out->uid, sizeof out->uid, "ordo-session-%lld@ordo", (long long)s->id);
    out->is_booking = c->is_booking;
    out->id = dup(c->is_booking ? c->id : num, &ok);
    out->course = dup(c->id, &ok);
    out->title = dup(c->title, &ok);
    out->service = dup(m->services.v[c->service].id, &ok);
    out->customer = dup(c->customer, &ok);
    out->status = s->status;
    out->placed = s->site >= 0 && (s->status == ORDO_SESSION_PLANNED || s->status == ORDO_SESSION_DONE ||
                                   s->status == ORDO_SESSION_CANCELLED) && s->end > s->start;
    if (out->placed) {
        app_time(m, s->site, s->start, &out->start);
        app_time(m, s->site, s->end, &out->end);
        out->site = dup(m->sites.v[s->site].id, &ok);
    }
    if (app_copy_ids(m, s->resources, s->nresources, &out->resources) < 0)
        ok = 0;
    else
        out->nresources = s->nresources;
    out->participants = c->participants > 0 ? c->participants : 1;
    out->sequence = s->sequence;
    out->dtstamp = s->dtstamp;
    out->conflict = s->forced_conflict;
    out->reason = dup(s->reason, &ok);
    if (!ok) {
        ordo_app_booking_clear(out);
        return app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
    }
    return ORDO_OK;
}
