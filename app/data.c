/*
 * data.c — imports and the sessions' life (app_data.h). The imports change
 * many rows: they hold the write lock from the load to the save (one
 * BEGIN IMMEDIATE), so the whole-model save rewrites nothing another
 * process changed in between — there is no in between.
 */
#include "app/app_data.h"
#include "app/app_int.h"
#include "model/tz.h"

#include <stdio.h>
#include <string.h>

#define ICAL_DEFAULT_DAYS 365

/* Saves the whole model inside the open write transaction, syncs the bank, commits. */
static int commit_all(ordo_app *a, ordo_model *m, int64_t now, int sync)
{
    int rc = a->ops->save(a->store, m);
    if (rc == ORDO_OK && sync)
        rc = a->ops->bank_sync(a->store, m, now);
    if (rc == ORDO_OK && (rc = a->ops->commit(a->store)) == ORDO_OK)
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

int ordo_app_import(ordo_app *a, const char *dir, ordo_warn_fn warn, void *payload, ordo_app_import_res *out)
{
    int rc = ORDO_OK;
    ordo_model *m = NULL;
    ordo_err err = { 0 };
    app_start(a);
    memset(out, 0, sizeof *out);
    ORDO_TRY(app_write_begin(a, &m));
    if ((rc = ordo_import_dir(m, dir, warn, payload, &err)) < 0) {
        app_fail(a, rc, NULL, "%s", err.msg[0] ? err.msg : ordo_strerror(rc));
        goto done;
    }
    ORDO_TRY(commit_all(a, m, 0, 0));
    *out = (ordo_app_import_res){ m->sites.n, m->resources.n, m->services.n, m->accounts.n,
                                  m->contacts.n, m->contracts.n, m->courses.n };
    warn_overruns(a, m, warn, payload);
done:
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
