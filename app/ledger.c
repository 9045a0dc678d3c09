/*
 * ledger.c — reading the store for reports, and the hour bank's lines and
 * ledger (app_ledger.h): each use case one call of the store's seam, a
 * write in its own transaction, a failure's message on the handle.
 */
#include "app/app_ledger.h"
#include "app/app_int.h"

static int st(ordo_app *a, int rc) { return rc < 0 ? app_store_fail(a, rc) : rc; }

int ordo_app_model(ordo_app *a, ordo_model **out)
{
    app_start(a);
    *out = NULL;
    return app_snapshot(a, out);
}

int ordo_app_bank_prepare(ordo_app *a, ordo_model *m)
{
    app_start(a);
    return st(a, a->ops->bank_prepare(a->store, m));
}

int ordo_app_meta_get(ordo_app *a, const char *key, char *buf, size_t n)
{
    app_start(a);
    int rc = a->ops->meta_get(a->store, key, buf, n);
    return rc == ORDO_ENOTFOUND ? rc : st(a, rc);      /* not set is an answer, not a failure */
}

/* After a write use case's one store call (rc): commit, or roll back with
 * the store's message. */
static int write_end(ordo_app *a, int rc)
{
    if (rc == ORDO_OK && (rc = app_commit(a)) == ORDO_OK)
        return rc;
    app_store_fail(a, rc);
    app_rollback(a);
    return rc;
}

int ordo_app_meta_set(ordo_app *a, const char *key, const char *value)
{
    int rc;
    app_start(a);
    if ((rc = app_begin(a)) < 0)
        return app_store_fail(a, rc);
    return write_end(a, a->ops->meta_set(a->store, key, value));
}

int ordo_app_line_add(ordo_app *a, ordo_contract_line *line, int contract_dates)
{
    int rc;
    app_start(a);
    if ((rc = app_begin(a)) < 0)
        return app_store_fail(a, rc);
    return write_end(a, a->ops->line_add(a->store, line, contract_dates));
}

int ordo_app_line_list(ordo_app *a, const char *contract, ordo_line_fn fn, void *payload)
{
    app_start(a);
    return st(a, a->ops->line_list(a->store, contract, fn, payload));
}

int ordo_app_ledger_list(ordo_app *a, const char *contract, int64_t line, ordo_ledger_fn fn, void *payload)
{
    app_start(a);
    return st(a, a->ops->ledger_list(a->store, contract, line, fn, payload));
}

int ordo_app_bank_check(ordo_app *a, ordo_problem_fn fn, void *payload, int *out_problems)
{
    app_start(a);
    return st(a, a->ops->bank_check(a->store, fn, payload, out_problems));
}

int ordo_app_bank_forecast(ordo_app *a, const ordo_model *m, const char *id, ordo_forecast *out)
{
    app_start(a);
    return st(a, a->ops->bank_forecast(a->store, m, id, out));
}

int ordo_app_customer_summary(ordo_app *a, const char *customer, ordo_customer_summary *out)
{
    app_start(a);
    return st(a, a->ops->customer_summary(a->store, customer, out));
}

int ordo_app_case_each(ordo_app *a, const char *customer, ordo_case_fn fn, void *payload)
{
    app_start(a);
    return st(a, a->ops->case_list(a->store, customer, fn, payload));
}
