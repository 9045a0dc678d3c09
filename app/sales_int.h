/*
 * sales_int.h — what app/lead.c, opportunity.c and queue.c share: a write
 * transaction without a model snapshot (the sales records are written by
 * targeted store operations), today's date, and store-error recording.
 * Internal to app/.
 */
#ifndef ORDO_APP_SALES_INT_H
#define ORDO_APP_SALES_INT_H

#include "app/app_int.h"
#include "app/sales.h"

/* BEGIN (the write lock). ORDO_OK or the store's code, recorded. Inside
 * ordo_app_idempotent()'s transaction (a->outer) nothing: the outer
 * transaction commits or rolls back, and sales_end() leaves it alone. */
int sales_begin(ordo_app *a);
/* COMMIT when rc is ORDO_OK, else ROLLBACK; returns rc or the commit's error (recorded). */
int sales_end(ordo_app *a, int rc);
/* Records the store's message and field (app_store_fail_at) for a failed
 * store call rc (< 0); returns rc. */
int sales_check(ordo_app *a, int rc, const char *field);
/* Today's date in UTC for `now` (UTC seconds; 0 = the clock). */
ordo_date sales_today(int64_t now);
/* Parses an optional YYYY-MM-DD of request field `field` (fallback when
 * NULL/""). ORDO_EINVAL naming the field. */
int sales_date(ordo_app *a, const char *field, const char *text, ordo_date fallback, ordo_date *out);

/* SLA hooks (app/sla.c), inside the caller's transaction: start the clock
 * of case c by the policy that matches it (queue != NULL: that queue's
 * policy, kept if the case has a clock already; no policy: nothing), and
 * record an event at `now` (UTC seconds; 0 = the clock). */
int sla_case_start(ordo_app *a, const ordo_case *c, const char *queue, int64_t now);
int sla_case_event(ordo_app *a, int64_t case_id, ordo_sla_event ev, int64_t now);

/* The relationship policy configured in the store (ordo_app_relationship_policy_get). */
int sales_policy(ordo_app *a, ordo_rel_policy *out);

#endif
