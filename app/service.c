/*
 * service.c — cases, activities, resolving, contracts (app_service.h).
 * The rules and their transactions live in the store's service units
 * (io/service.h, reached through the ops table); this file turns text into
 * values (naming the field), sequences the calls, and copies results out.
 */
#include "app/app_int.h"
#include "app/app_service.h"
#include "app/sales_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int st(ordo_app *a, int rc) { return rc < 0 ? app_store_fail(a, rc) : rc; }

static int parse_enum(ordo_app *a, const char *field, const char *v, int (*parse)(const char *), const char *allowed,
                      int fallback, int *out)
{
    *out = fallback;
    if (v && (*out = parse(v)) < 0)
        return app_fail(a, ORDO_EINVAL, field, "%s '%s': %s", field, v, allowed);
    return ORDO_OK;
}

static int parse_date(ordo_app *a, const char *field, const char *v, ordo_date *out)
{
    if (!v || ordo_date_parse(v, out) < 0)
        return app_fail(a, ORDO_EINVAL, field, "%s '%s': a date YYYY-MM-DD", field, v ? v : "");
    return ORDO_OK;
}

static ordo_date today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return ordo_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* ---- cases ------------------------------------------------------------------------ */

void ordo_app_case_clear(ordo_app_case *c)
{
    if (!c)
        return;
    ordo_case_clear(&c->c);
    for (int i = 0; i < c->nactivities; i++)
        ordo__free(c->activities[i].subject);
    ordo__free(c->activities);
    memset(c, 0, sizeof *c);
}

void ordo_app_cases_clear(ordo_app_cases *l)
{
    if (!l)
        return;
    for (int i = 0; i < l->n; i++)
        ordo_case_clear(&l->v[i]);
    ordo__free(l->v);
    memset(l, 0, sizeof *l);
}

static int collect_activity(const ordo_activity *x, void *payload)
{
    ordo_app_case *c = payload;
    if (ORDO_GROW(c->activities, c->cap, (size_t)c->nactivities + 1) < 0)
        return ORDO_ENOMEM;
    ordo_activity *y = &c->activities[c->nactivities++];
    *y = *x;
    c->minutes += x->minutes;
    return x->subject && !(y->subject = ordo__strdup(x->subject)) ? ORDO_ENOMEM : 0;
}

int ordo_app_case_get(ordo_app *a, int64_t id, ordo_app_case *out)
{
    int rc = ORDO_OK;
    app_start(a);
    memset(out, 0, sizeof *out);
    ORDO_TRY(st(a, a->ops->case_get(a->store, id, &out->c)));
    rc = a->ops->activity_list(a->store, id, collect_activity, out);
    if (rc == ORDO_ENOMEM)
        rc = app_fail(a, rc, NULL, "out of memory");
    else
        rc = st(a, rc);
done:
    if (rc < 0)
        ordo_app_case_clear(out);
    return rc;
}

int ordo_app_case_add(ordo_app *a, const ordo_app_case_add_req *rq, ordo_app_case *out)
{
    int rc = ORDO_OK, v;
    ordo_case c = { 0 };
    app_start(a);
    if (out)
        memset(out, 0, sizeof *out);
    if (!rq->customer || !rq->title) {
        rc = app_fail(a, ORDO_EINVAL, !rq->customer ? "customer" : "title", "missing %s",
                      !rq->customer ? "customer" : "title");
        goto done;
    }
    if (rq->line && rq->contract) {
        rc = app_fail(a, ORDO_EINVAL, "contract", "give a line or a contract, not both");
        goto done;
    }
    ORDO_TRY(parse_enum(a, "priority", rq->priority, ordo_case_priority_parse, "low, normal or high",
                        ORDO_PRIORITY_NORMAL, &v));
    c.priority = (ordo_case_priority)v;
    ORDO_TRY(parse_enum(a, "origin", rq->origin, ordo_case_origin_parse, "phone, email or web", ORDO_ORIGIN_PHONE, &v));
    c.origin = (ordo_case_origin)v;
    c.opened = today();
    if (rq->opened)
        ORDO_TRY(parse_date(a, "opened", rq->opened, &c.opened));
    c.customer = (char *)rq->customer;
    c.title = (char *)rq->title;
    c.product = (char *)rq->product;
    c.line = rq->line;
    if (rq->contract) {
        ORDO_TRY(st(a, a->ops->line_primary(a->store, rq->contract, &c.line)));
        if (!c.line) {
            rc = app_fail(a, ORDO_EINPUT, "contract", "contract '%s' has no hour bank line (see 'ordo contract show "
                          "%s')", rq->contract, rq->contract);
            goto done;
        }
    }
    ORDO_TRY(sales_begin(a));                 /* the case and its SLA clock, or nothing */
    if ((rc = st(a, a->ops->case_add(a->store, &c))) == ORDO_OK)
        rc = sla_case_start(a, &c, NULL, rq->now);
    ORDO_TRY(sales_end(a, rc));
    if (out)
        rc = ordo_app_case_get(a, c.id, out);
done:
    return rc;
}

static int collect_case(const ordo_case *x, void *payload)
{
    ordo_app_cases *l = payload;
    if (ORDO_GROW(l->v, l->cap, (size_t)l->n + 1) < 0)
        return ORDO_ENOMEM;
    ordo_case *y = &l->v[l->n++];
    *y = *x;
    y->customer = y->product = y->title = NULL;
    if ((x->customer && !(y->customer = ordo__strdup(x->customer))) ||
        (x->product && !(y->product = ordo__strdup(x->product))) || (x->title && !(y->title = ordo__strdup(x->title))))
        return ORDO_ENOMEM;
    return 0;
}

int ordo_app_case_list(ordo_app *a, const char *customer, const char *status, ordo_app_cases *out)
{
    int rc = ORDO_OK, want = -1;
    app_start(a);
    memset(out, 0, sizeof *out);
    ORDO_TRY(parse_enum(a, "status", status, ordo_case_status_parse, "active, on_hold, resolved or cancelled", -1,
                        &want));
    rc = a->ops->case_list(a->store, customer, collect_case, out);
    rc = rc == ORDO_ENOMEM ? app_fail(a, rc, NULL, "out of memory") : st(a, rc);
    if (rc == ORDO_OK && want >= 0) {
        int k = 0;
        for (int i = 0; i < out->n; i++) {
            if ((int)out->v[i].status == want)
                out->v[k++] = out->v[i];
            else
                ordo_case_clear(&out->v[i]);
        }
        out->n = k;
    }
done:
    if (rc < 0)
        ordo_app_cases_clear(out);
    return rc;
}

int ordo_app_activity_add(ordo_app *a, const ordo_app_activity_req *rq, int64_t *out_id)
{
    int rc = ORDO_OK, k;
    ordo_activity x = { 0 };
    app_start(a);
    if (!rq->kind) {
        rc = app_fail(a, ORDO_EINVAL, "kind", "missing kind");
        goto done;
    }
    ORDO_TRY(parse_enum(a, "kind", rq->kind, ordo_activity_kind_parse, "phone_call, email, task, appointment or booking",
                        -1, &k));
    if (rq->minutes < 0) {
        rc = app_fail(a, ORDO_EINVAL, "minutes", "minutes %lld: a whole number of minutes >= 0", (long long)rq->minutes);
        goto done;
    }
    x.case_id = rq->case_id;
    x.kind = (ordo_activity_kind)k;
    x.minutes = rq->minutes;
    x.subject = (char *)rq->subject;
    ORDO_TRY(sales_begin(a));                 /* the first activity is the SLA's first response */
    if ((rc = st(a, a->ops->activity_add(a->store, &x))) == ORDO_OK)
        rc = sla_case_event(a, x.case_id, ORDO_SLA_RESPONDED, rq->now);
    ORDO_TRY(sales_end(a, rc));
    if (out_id)
        *out_id = x.id;
done:
    return rc;
}

int ordo_app_case_resolve(ordo_app *a, const ordo_app_resolve_req *rq, ordo_resolve_plan *out)
{
    ordo_resolve_plan p = { 0, 0 };
    app_start(a);
    int rc = sales_begin(a);
    if (rc == ORDO_OK &&
        (rc = st(a, a->ops->case_resolve(a->store, rq->case_id, rq->billable, rq->overdraft, app_now(rq->now),
                                         &p))) == ORDO_OK)
        rc = sla_case_event(a, rq->case_id, ORDO_SLA_RESOLVED, rq->now);
    rc = sales_end(a, rc);
    if (rc == ORDO_OK && out)
        *out = p;
    return rc;
}

int ordo_app_case_set_status(ordo_app *a, int64_t id, ordo_case_status to, int64_t now)
{
    ordo_case c = { 0 };
    app_start(a);
    int rc = sales_begin(a);
    if (rc == ORDO_OK)
        rc = st(a, a->ops->case_get(a->store, id, &c));
    if (rc == ORDO_OK)
        rc = st(a, a->ops->case_set_status(a->store, id, to, app_now(now)));
    /* the SLA clock: a hold pauses it, leaving a hold resumes it, reopening a resolved case restarts it */
    if (rc == ORDO_OK && to == ORDO_CASE_ON_HOLD)
        rc = sla_case_event(a, id, ORDO_SLA_HOLD, now);
    if (rc == ORDO_OK && to != ORDO_CASE_ON_HOLD && c.status == ORDO_CASE_ON_HOLD)
        rc = sla_case_event(a, id, ORDO_SLA_UNHOLD, now);
    if (rc == ORDO_OK && c.status == ORDO_CASE_RESOLVED && to == ORDO_CASE_ACTIVE)
        rc = sla_case_event(a, id, ORDO_SLA_REOPENED, now);
    ordo_case_clear(&c);
    return sales_end(a, rc);
}

/* ---- contracts --------------------------------------------------------------------- */

void ordo_app_contract_clear(ordo_app_contract *k)
{
    if (!k)
        return;
    ordo__free(k->id);
    ordo__free(k->customer);
    for (int i = 0; i < k->nlines; i++)
        ordo_contract_line_clear(&k->lines[i]);
    ordo__free(k->lines);
    memset(k, 0, sizeof *k);
}

static int collect_line(const ordo_contract_line *x, void *payload)
{
    ordo_app_contract *k = payload;
    if (ORDO_GROW(k->lines, k->cap, (size_t)k->nlines + 1) < 0)
        return ORDO_ENOMEM;
    ordo_contract_line *y = &k->lines[k->nlines++];
    *y = *x;
    if (x->is_primary) {
        k->bank = x->balance;
        k->remaining = ordo_balance_remaining(&x->balance);
    }
    return x->contract && !(y->contract = ordo__strdup(x->contract)) ? ORDO_ENOMEM : 0;
}

/* The contract record of `m` and its lines from the store into out. */
static int fill_contract(ordo_app *a, const ordo_model *m, int ki, ordo_app_contract *out)
{
    const ordo_contract *k = &m->contracts.v[ki];
    int rc;
    memset(out, 0, sizeof *out);
    out->start = k->start;
    out->end = k->end;
    out->status = k->status;
    out->minutes = k->minutes;
    if (!(out->id = ordo__strdup(k->id)) || !(out->customer = ordo__strdup(k->customer)))
        rc = ORDO_ENOMEM;
    else
        rc = a->ops->line_list(a->store, k->id, collect_line, out);
    rc = rc == ORDO_ENOMEM ? app_fail(a, rc, NULL, "out of memory") : st(a, rc);
    if (rc < 0)
        ordo_app_contract_clear(out);
    return rc;
}

int ordo_app_contract_get(ordo_app *a, const char *id, ordo_app_contract *out)
{
    int rc = ORDO_OK, ki;
    ordo_model *m = NULL;
    app_start(a);
    memset(out, 0, sizeof *out);
    ORDO_TRY(app_snapshot(a, &m));
    if (!id || (ki = ordo_model_find_contract(m, id)) < 0) {
        rc = app_fail(a, ORDO_ENOTFOUND, "id", "no contract '%s'", id ? id : "");
        goto done;
    }
    rc = fill_contract(a, m, ki, out);
done:
    ordo_model_free(m);
    return rc;
}

int ordo_app_contract_add(ordo_app *a, const ordo_app_contract_add_req *rq, ordo_app_contract *out)
{
    int rc = ORDO_OK, ki = -1;
    ordo_contract k = { 0 };
    ordo_model *m = NULL;
    app_start(a);
    if (out)
        memset(out, 0, sizeof *out);
    if (!rq->id || !ordo_id_valid(rq->id)) {
        rc = app_fail(a, ORDO_EINVAL, "id", "contract id '%s': use letters, digits, '-', '_' and '.'",
                      rq->id ? rq->id : "");
        goto done;
    }
    if (!rq->customer) {
        rc = app_fail(a, ORDO_EINVAL, "customer", "missing customer");
        goto done;
    }
    ORDO_TRY(parse_date(a, "start", rq->start, &k.start));
    ORDO_TRY(parse_date(a, "end", rq->end, &k.end));
    if (k.start > k.end) {
        rc = app_fail(a, ORDO_EINVAL, "end", "end %s is before start %s", rq->end, rq->start);
        goto done;
    }
    if (rq->hours && ordo_hours_parse(rq->hours, &k.minutes) < 0) {
        rc = app_fail(a, ORDO_EINVAL, "hours", "hours '%s': a number of hours with at most 2 decimals", rq->hours);
        goto done;
    }
    k.id = (char *)rq->id;
    k.customer = (char *)rq->customer;
    k.status = ORDO_CONTRACT_DRAFT;
    ORDO_TRY(app_write_begin(a, &m));
    if (ordo_model_find_contract(m, rq->id) >= 0) {
        rc = app_fail(a, ORDO_EEXISTS, "id", "contract %s already exists", rq->id);
        goto done;
    }
    if (ordo_model_find_account(m, rq->customer) < 0 && ordo_model_find_contact(m, rq->customer) < 0) {
        rc = app_fail(a, ORDO_EINPUT, "customer", "customer '%s' is not an account or contact", rq->customer);
        goto done;
    }
    if ((rc = ordo_model_put_contract(m, &k, &ki)) < 0) {
        app_fail(a, rc, NULL, "%s", ordo_model_errmsg(m));
        goto done;
    }
    ORDO_TRY(st(a, a->ops->save_contract(a->store, m, ki)));
    ORDO_TRY(st(a, app_commit(a)));
    a->in_write = 0;
    if (out)
        rc = fill_contract(a, m, ki, out);
done:
    app_write_end(a);
    ordo_model_free(m);
    return rc;
}

int ordo_app_contract_set_status(ordo_app *a, const char *id, ordo_contract_status to)
{
    app_start(a);
    if (!id)
        return app_fail(a, ORDO_EINVAL, "id", "missing id");
    return st(a, a->ops->contract_set_status(a->store, id, to));
}
