/*
 * opportunity.c — opportunity use cases (app/sales.h): stage moves, lose,
 * win — which turns the sale into a contract whose hour bank holds the
 * minutes sold and, when a service was sold, a course on that contract for
 * `ordo schedule` to plan (the link from a sale to the sessions it pays
 * for) — and the pipeline report. A win is one transaction: the status,
 * the contract and course (saved with the model under the same write
 * lock), the links and the relationship types, or nothing.
 */
#include "app/sales_int.h"

#include <stdio.h>
#include <string.h>

int ordo_app_opportunity_get(ordo_app *a, const char *id, ordo_opportunity *out)
{
    app_start(a);
    return sales_check(a, a->ops->opportunity_get(a->store, id, out), NULL);
}

int ordo_app_opportunity_list(ordo_app *a, int (*fn)(const ordo_opportunity *o, void *payload), void *payload)
{
    app_start(a);
    return sales_check(a, a->ops->opportunity_list(a->store, fn, payload), NULL);
}

int ordo_app_opportunity_history(ordo_app *a, const char *id,
                                 int (*fn)(const char *from, const char *to, const char *status, int64_t at,
                                           void *payload),
                                 void *payload)
{
    app_start(a);
    return sales_check(a, a->ops->opportunity_history(a->store, id, fn, payload), NULL);
}

/* Refreshes the relationship types of the opportunity's customer(s). */
static int refresh(ordo_app *a, const ordo_opportunity *o, ordo_date today, int64_t now)
{
    ordo_rel_policy pol;
    int rc = sales_policy(a, &pol);
    const char *parties[2] = { o->account, o->contact };
    for (int i = 0; i < 2 && rc == ORDO_OK; i++)
        if (parties[i] && *parties[i])
            rc = sales_check(a, a->ops->relationship_refresh(a->store, parties[i], &pol, today, now, NULL), NULL);
    return rc;
}

/* One change (move/lose/win status) and the relationship refresh, in the
 * open transaction; *out gets the record after the change. */
static int change(ordo_app *a, const char *id, ordo_opp_change op, const char *stage, const char *reason,
                  const char *date, int64_t now, ordo_opportunity *out)
{
    int rc = ORDO_OK, st = 0;
    ordo_date today = sales_today(now), when;
    if (op == ORDO_OPP_MOVE && (st = ordo_stage_parse(stage)) < 0)
        return app_fail(a, ORDO_EINVAL, "stage", "stage '%s' must be qualify, develop, propose or close",
                        stage ? stage : "");
    ORDO_TRY(sales_date(a, "date", date, today, &when));
    ORDO_TRY(sales_check(a, a->ops->opportunity_change(a->store, id, op, (ordo_stage)st, reason, when,
                                                       app_now(now), out),
                         op == ORDO_OPP_MOVE ? "stage" : NULL));
    rc = refresh(a, out, today, app_now(now));
done:
    return rc;
}

int ordo_app_opportunity_move(ordo_app *a, const char *id, const char *stage, int64_t now)
{
    ordo_opportunity o = { 0 };
    app_start(a);
    int rc = sales_begin(a);
    if (rc == ORDO_OK)
        rc = change(a, id, ORDO_OPP_MOVE, stage, NULL, NULL, now, &o);
    rc = sales_end(a, rc);
    ordo_opportunity_clear(&o);
    return rc;
}

int ordo_app_opportunity_lose(ordo_app *a, const char *id, const char *reason, const char *date, int64_t now)
{
    ordo_opportunity o = { 0 };
    app_start(a);
    int rc = sales_begin(a);
    if (rc == ORDO_OK)
        rc = change(a, id, ORDO_OPP_LOSE, NULL, reason, date, now, &o);
    rc = sales_end(a, rc);
    ordo_opportunity_clear(&o);
    return rc;
}

/* The contract (and course) of a won opportunity, into the model m, saved. */
static int sale_to_contract(ordo_app *a, const ordo_app_win_req *req, const ordo_opportunity *o,
                            ordo_app_win_result *out)
{
    int rc = ORDO_OK, ci = -1;
    ordo_model *m = NULL;
    const char *customer = o->account && *o->account ? o->account : o->contact;
    int months = req->months > 0 ? req->months : 12;
    int y, mo, d;
    ORDO_TRY(sales_check(a, a->ops->load(a->store, &m), NULL));
    ordo_contract k = { 0 };
    snprintf(out->contract, sizeof out->contract, "%s-contract", o->id);
    if (ordo_model_find_contract(m, out->contract) >= 0) {
        rc = app_fail(a, ORDO_EEXISTS, "id", "opportunity %s: contract %s already exists", o->id, out->contract);
        goto done;
    }
    k.id = out->contract;
    k.customer = (char *)customer;
    k.start = o->close_date;
    ordo_date_to_ymd(o->close_date, &y, &mo, &d);
    mo += months;
    y += (mo - 1) / 12;
    mo = (mo - 1) % 12 + 1;
    k.end = ordo_date_from_ymd(y, mo, d > 28 ? 28 : d) - 1;
    k.minutes = o->minutes;
    k.status = ORDO_CONTRACT_ACTIVE;
    if (ordo_model_put_contract(m, &k, &ci) < 0) {
        rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
        goto done;
    }
    if (o->service && *o->service) {
        int sv = ordo_model_find_service(m, o->service);
        if (sv < 0) {
            rc = app_fail(a, ORDO_EINPUT, "service", "opportunity %s: service '%s' does not exist", o->id,
                          o->service);
            goto done;
        }
        int dur = m->services.v[sv].duration;
        int sessions = req->sessions > 0 ? req->sessions : (dur > 0 ? o->minutes / dur : 0);
        if (sessions < 1) {
            rc = app_fail(a, ORDO_EINPUT, "sessions", "opportunity %s: %d minutes sold do not pay one %d-minute "
                          "session of %s", o->id, o->minutes, dur, o->service);
            goto done;
        }
        ordo_course c = { 0 };
        snprintf(out->course, sizeof out->course, "%s-course", o->id);
        c.id = out->course;
        c.title = o->name;
        c.service = sv;
        c.customer = (char *)customer;
        c.contract = ci;
        c.sessions = sessions;
        c.participants = req->participants > 0 ? req->participants : 1;
        c.earliest = k.start;
        c.latest = k.end;
        if (ordo_model_put_course(m, &c, NULL) < 0) {
            rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
            goto done;
        }
    }
    ORDO_TRY(sales_check(a, a->ops->save(a->store, m), NULL));
    ORDO_TRY(sales_check(a, a->ops->opportunity_set_links(a->store, o->id, out->contract,
                                                          *out->course ? out->course : NULL), NULL));
done:
    ordo_model_free(m);
    return rc;
}

int ordo_app_opportunity_win(ordo_app *a, const ordo_app_win_req *req, ordo_app_win_result *out)
{
    ordo_opportunity o = { 0 };
    app_start(a);
    memset(out, 0, sizeof *out);
    int rc = sales_begin(a);
    if (rc == ORDO_OK)
        rc = change(a, req->id, ORDO_OPP_WIN, NULL, req->reason, req->date, req->now, &o);
    if (rc == ORDO_OK && o.minutes > 0) {
        rc = sale_to_contract(a, req, &o, out);
        if (rc == ORDO_OK)   /* the contract makes the customer a client */
            rc = refresh(a, &o, sales_today(req->now), app_now(req->now));
    }
    rc = sales_end(a, rc);
    if (rc < 0)
        memset(out, 0, sizeof *out);
    ordo_opportunity_clear(&o);
    return rc;
}

int ordo_app_pipeline(ordo_app *a, ordo_pipeline_report *out)
{
    app_start(a);
    return sales_check(a, a->ops->pipeline(a->store, out), NULL);
}
