/*
 * data.c — imports and the sessions' life (app_data.h). The imports change
 * many rows: they hold the write lock from the load to the save (one
 * BEGIN IMMEDIATE), so the whole-model save rewrites nothing another
 * process changed in between — there is no in between.
 */
#include "app/app_data.h"
#include "app/app_int.h"
#include "model/rezone.h"
#include "model/rfc3339.h"
#include "model/tz.h"
#include "solver/desk.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define ICAL_DEFAULT_DAYS 365

/* Saves the whole model inside the open write transaction, syncs the bank, commits. */
static int commit_all(ordo_app *a, ordo_model *m, int64_t now, int sync)
{
    int rc = a->ops->save(a->store, m);
    if (rc == ORDO_OK && sync)
        rc = a->ops->bank_sync(a->store, m, now);
    if (rc == ORDO_OK && (rc = app_commit(a)) == ORDO_OK)
        a->in_write = 0;
    return rc < 0 ? app_store_fail(a, rc) : rc;
}

/* After an import that cut a contract below what its planned sessions
 * reserve: one warning per session over the bank (the import stands;
 * `ordo repair` unschedules them). */
static void warn_overruns(ordo_app *a, const ordo_model *m, ordo_warn_fn warn, void *payload)
{
    ordo_app_overruns over = { 0 };
    char msg[1200];
    if (!warn)
        return;
    if (app_find_overruns(a, m, &over) < 0) {
        snprintf(msg, sizeof msg, "could not check the hour banks against the planned sessions: %.900s",
                 a->err.msg);
        warn(msg, payload);
        app_start(a);
        return;
    }
    for (int i = 0; i < over.n; i++) {
        snprintf(msg, sizeof msg, "contracts.csv: %s (run 'ordo repair' to unschedule it)", over.v[i].text);
        warn(msg, payload);
    }
    ordo_app_overruns_clear(&over);
}

void ordo_app_import_res_clear(ordo_app_import_res *r)
{
    if (!r)
        return;
    ordo_import_report_clear(&r->report);
    ordo__free(r->moved);
    ordo__free(r->repair);
    memset(r, 0, sizeof *r);
}

/* Session si of m as a report entry. */
static void import_session(const ordo_model *m, int si, ordo_app_import_session *e)
{
    const ordo_session *s = &m->sessions.v[si];
    memset(e, 0, sizeof *e);
    e->session = s->id;
    ordo_desk_session_label(m, s, e->label, sizeof e->label);
    app_time(m, s->site, s->start, &e->start);
    e->sequence = s->sequence;
}

/* The sessions of the sites whose zone the folder changed keep their local
 * times; each one moved is listed with its old start. */
static int rezone_sites(ordo_app *a, ordo_model *m, int64_t now, ordo_app_import_res *out)
{
    int rc = ORDO_OK;
    const ordo_import_report *r = &out->report;
    ordo_utc *old = ordo__malloc((m->sessions.n + 1) * sizeof *old);
    unsigned char *what = ordo__malloc(m->sessions.n + 1);
    size_t cap = 0;
    if (!old || !what) {
        rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < r->ntz; k++) {
        const ordo_import_tz_change *z = &r->tz[k];
        for (size_t i = 0; i < m->sessions.n; i++)
            old[i] = m->sessions.v[i].start;
        if ((rc = ordo_sessions_rezone(m, z->site, z->old_tz, now, what, NULL)) < 0) {
            app_fail(a, rc, NULL, "%s", ordo_model_errmsg(m));
            goto done;
        }
        for (size_t i = 0; i < m->sessions.n; i++) {
            if (what[i] == ORDO_REZONE_KEPT)
                continue;
            if (ORDO_GROW(out->moved, cap, out->nmoved + 1) < 0) {
                rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
                goto done;
            }
            ordo_app_import_session *e = &out->moved[out->nmoved++];
            import_session(m, (int)i, e);
            ordo_rfc3339_format(old[i], ordo_tz_offset(z->old_tz, old[i]), 0, e->old_start);
            if (what[i] == ORDO_REZONE_GAP || what[i] == ORDO_REZONE_FOLD) {
                ordo_date d;
                int minute;
                char when[17];
                ordo_tz_to_local(z->old_tz, old[i], &d, &minute);
                ordo_datetime_format(d, minute, when);
                snprintf(e->why, sizeof e->why, "its local start %s %s in %s", when,
                         what[i] == ORDO_REZONE_GAP ? "does not exist (the clocks go forward then)"
                                                    : "occurs twice (the clocks go back then); the first is kept",
                         m->sites.v[z->site].timezone);
            }
        }
    }
done:
    ordo__free(old);
    ordo__free(what);
    return rc;
}

/* Sessions ordo_repair would move: *why (per session, NULL = fits). Every date counts. */
static int unfit(ordo_app *a, ordo_model *m, char ***why)
{
    int rc = ordo_repair_find(m, INT32_MIN / 2, INT32_MAX / 2, why, NULL);
    return rc < 0 ? app_fail(a, rc, NULL, "%s", ordo_model_errmsg(m)) : rc;
}

/* The sessions that fit before the import and not after it. */
static int list_unfit(ordo_app *a, ordo_model *m, char **before, ordo_app_import_res *out)
{
    int rc = ORDO_OK;
    char **after = NULL;
    size_t cap = 0;
    ORDO_TRY(unfit(a, m, &after));
    for (size_t i = 0; i < m->sessions.n; i++) {
        if (!after[i] || before[i])
            continue;
        if (ORDO_GROW(out->repair, cap, out->nrepair + 1) < 0) {
            rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
            goto done;
        }
        ordo_app_import_session *e = &out->repair[out->nrepair++];
        import_session(m, (int)i, e);
        snprintf(e->why, sizeof e->why, "%s", after[i]);
    }
done:
    ordo_repair_why_free(after, m->sessions.n);
    return rc;
}

int ordo_app_import(ordo_app *a, const ordo_app_import_req *rq, ordo_app_import_res *out)
{
    int rc = ORDO_OK;
    ordo_model *m = NULL;
    ordo_err err = { 0 };
    ordo_import_options o = ORDO_IMPORT_OPTIONS_INIT;
    char **before = NULL;
    size_t nsessions = 0;
    app_start(a);
    memset(out, 0, sizeof *out);
    if (!rq || !rq->dir) {
        rc = app_fail(a, ORDO_EINVAL, "dir", "missing folder");
        goto done;
    }
    if (rq->dry_run && a->outer) {      /* its rollback would be the outer transaction's */
        rc = app_fail(a, ORDO_EINVAL, "dry_run", "a dry run cannot run inside another transaction");
        goto done;
    }
    o.allow_timezone_change = rq->allow_timezone_change;
    ORDO_TRY(app_write_begin(a, &m));
    nsessions = m->sessions.n;
    ORDO_TRY(unfit(a, m, &before));
    if ((rc = ordo_import_dir_ex(m, rq->dir, &o, rq->warn, rq->payload, &out->report, &err)) < 0) {
        app_fail(a, rc, rc == ORDO_ERULE ? "timezone" : NULL, "%s", err.msg[0] ? err.msg : ordo_strerror(rc));
        goto done;
    }
    ORDO_TRY(rezone_sites(a, m, app_now(rq->now), out));
    ORDO_TRY(list_unfit(a, m, before, out));
    if ((rc = a->ops->save(a->store, m)) < 0) {
        app_store_fail(a, rc);
        goto done;
    }
    if (rq->dry_run)
        app_write_end(a);               /* the same transaction, rolled back */
    else if (a->outer)
        ;                               /* committed with the outer transaction */
    else if ((rc = app_commit(a)) < 0) {
        app_store_fail(a, rc);
        goto done;
    } else
        a->in_write = 0;
    out->sites = m->sites.n;
    out->resources = m->resources.n;
    out->services = m->services.n;
    out->accounts = m->accounts.n;
    out->contacts = m->contacts.n;
    out->contracts = m->contracts.n;
    out->courses = m->courses.n;
    warn_overruns(a, m, rq->warn, rq->payload);
done:
    if (rc < 0)
        ordo_app_import_res_clear(out);
    ordo_repair_why_free(before, nsessions);
    app_write_end(a);
    ordo_model_free(m);
    return rc;
}

int ordo_app_ical_import(ordo_app *a, const ordo_app_ical_req *rq, ordo_app_ical_res *out)
{
    int rc = ORDO_OK;
    int64_t now = app_now(rq->now);
    ordo_model *m = NULL;
    ordo_err err = { 0 };
    ordo_ical_import_options o = ORDO_ICAL_IMPORT_OPTIONS_INIT;
    app_start(a);
    memset(out, 0, sizeof *out);
    if (!rq->resource || !rq->file) {
        rc = app_fail(a, ORDO_EINVAL, !rq->resource ? "resource" : "file", "missing %s",
                      !rq->resource ? "resource" : "file");
        goto done;
    }
    if ((rq->from && ordo_date_parse(rq->from, &o.from) < 0) || (rq->to && ordo_date_parse(rq->to, &o.to) < 0)) {
        rc = app_fail(a, ORDO_EINVAL, rq->from && ordo_date_parse(rq->from, &o.from) < 0 ? "from" : "to",
                      "not a date YYYY-MM-DD");
        goto done;
    }
    o.source = rq->source;
    o.warn = rq->warn;
    o.payload = rq->payload;
    ORDO_TRY(app_write_begin(a, &m));
    if ((o.resource = ordo_model_find_resource(m, rq->resource)) < 0) {
        rc = app_fail(a, ORDO_EINPUT, "resource", "unknown resource '%s'", rq->resource);
        goto done;
    }
    if (!rq->from) {
        int site = m->resources.v[o.resource].site, minute;
        ordo_tz_to_local(site >= 0 ? m->sites.v[site].timezone : "UTC", now / 60, &o.from, &minute);
    }
    if (!rq->to)
        o.to = o.from + ICAL_DEFAULT_DAYS;
    if ((rc = ordo_ical_import_file(m, rq->file, &o, &out->counts, &err)) < 0) {
        app_fail(a, rc, NULL, "%s", err.msg[0] ? err.msg : ordo_strerror(rc));
        goto done;
    }
    ORDO_TRY(commit_all(a, m, now, 1));
    out->from = o.from;
    out->to = o.to;
done:
    app_write_end(a);
    ordo_model_free(m);
    return rc;
}

int ordo_app_repair(ordo_app *a, const ordo_repair_options *o, ordo_repair_result *out, ordo_app_overruns *bank,
                    ordo_model **out_model)
{
    int rc = ORDO_OK;
    ordo_model *m = NULL;
    ordo_app_overruns over = { 0 };
    app_start(a);
    if (out_model)
        *out_model = NULL;
    if (bank)
        memset(bank, 0, sizeof *bank);
    ORDO_TRY(app_write_begin(a, &m));
    ORDO_TRY(app_unschedule_overruns(a, m, app_now(o->now), &over));
    if ((rc = ordo_repair(m, o, out)) < 0) {
        app_fail(a, rc, NULL, "%s", ordo_model_errmsg(m));
        goto done;
    }
    if (out->nchanges || over.n)
        ORDO_TRY(commit_all(a, m, app_now(o->now), 1));
    if (bank) {
        *bank = over;
        memset(&over, 0, sizeof over);
    }
    if (out_model) {
        *out_model = m;
        m = NULL;
    }
done:
    app_write_end(a);
    ordo_app_overruns_clear(&over);
    ordo_model_free(m);
    return rc;
}

/* One session's status change through the store op (one unit there). */
static int session_op(ordo_app *a, int (*op)(ordo_store *, int64_t, int64_t), int64_t session, int64_t now)
{
    app_start(a);
    int rc = op(a->store, session, app_now(now));
    return rc < 0 ? app_store_fail(a, rc) : rc;
}

int ordo_app_session_done(ordo_app *a, int64_t session, int64_t now)
{
    return session_op(a, a->ops->session_done, session, now);
}

int ordo_app_session_undo_done(ordo_app *a, int64_t session, int64_t now)
{
    return session_op(a, a->ops->session_undo_done, session, now);
}

int ordo_app_session_cancel(ordo_app *a, int64_t session, int64_t now)
{
    return session_op(a, a->ops->session_cancel, session, now);
}

int ordo_app_sessions_complete(ordo_app *a, int64_t now, int *out_n)
{
    app_start(a);
    int rc = a->ops->sessions_complete(a->store, app_now(now), out_n);
    return rc < 0 ? app_store_fail(a, rc) : rc;
}
