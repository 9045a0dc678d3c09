/*
 * app_ledger.h — reading the store for reports, and the hour bank's lines
 * and ledger (app.h conventions: ORDO_E* with the message on the handle):
 * the use cases behind `ordo contract show|list|line|ledger|check|forecast`,
 * `ordo customer show`, `ordo export`, `ordo conflicts`, `ordo score` and
 * `ordo diagnose`, so that cli/ never calls the store itself.
 */
#ifndef ORDO_APP_LEDGER_H
#define ORDO_APP_LEDGER_H

#include "app/app.h"
#include "io/service.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The whole store as one consistent model (one read transaction), the
 * caller's to free with ordo_model_free. */
int ordo_app_model(ordo_app *a, ordo_model **out);

/* Marks model m's sessions with their hour-bank state (reservations and
 * what is left), as the planner reads them (ordo_store_bank_prepare). */
int ordo_app_bank_prepare(ordo_app *a, ordo_model *m);

/* Small settings kept beside the model (e.g. the last planning window):
 * get copies the value ('\0' included) into buf (ORDO_ENOTFOUND when the
 * key is not set); set writes it in its own transaction (NULL removes it). */
int ordo_app_meta_get(ordo_app *a, const char *key, char *buf, size_t n);
int ordo_app_meta_set(ordo_app *a, const char *key, const char *value);

/* The planning window into o (from, to, slot_minutes): the one the last
 * schedule saved in meta (app/window.c), the grid unchanged when none was
 * saved with it. ORDO_EINPUT (field "from") when no schedule saved one. */
int ordo_app_saved_window(ordo_app *a, ordo_solve_options *o);

/* Adds a line to a contract (io/service.h, ordo_store_line_add: with
 * contract_dates its dates are the contract's), in one write transaction;
 * line->id is set. ORDO_ENOTFOUND: no such contract; ORDO_ERULE: the line
 * is refused; nothing changed then. */
int ordo_app_line_add(ordo_app *a, ordo_contract_line *line, int contract_dates);

/* A contract's lines, and its ledger (one line's when line > 0), each
 * passed to fn in order. */
int ordo_app_line_list(ordo_app *a, const char *contract, ordo_line_fn fn, void *payload);
int ordo_app_ledger_list(ordo_app *a, const char *contract, int64_t line, ordo_ledger_fn fn, void *payload);

/* Proves every line's balance equals its ledger: each difference goes to
 * fn, *out_problems counts them. */
int ordo_app_bank_check(ordo_app *a, ordo_problem_fn fn, void *payload, int *out_problems);

/* The hour bank of contract `id` at each of model m's future sessions
 * (m from ordo_app_model, after ordo_app_sessions_complete): *out is the
 * store's forecast (ordo_store_bank_forecast; clear it with
 * ordo_forecast_clear). */
int ordo_app_bank_forecast(ordo_app *a, const ordo_model *m, const char *id, ordo_forecast *out);

/* A customer's hour bank and cases in one view (ordo_store_customer_summary). */
int ordo_app_customer_summary(ordo_app *a, const char *customer, ordo_customer_summary *out);

/* A customer's cases (NULL: everyone's), each passed to fn. */
int ordo_app_case_each(ordo_app *a, const char *customer, ordo_case_fn fn, void *payload);

#ifdef __cplusplus
}
#endif
#endif
