/*
 * service.h — the service layer on the store: the shared CRM records
 * (accounts, contacts, products), contract status and contract lines, the
 * append-only ledger and the hour bank it adds up to, cases and their
 * activities, and the sessions of the schedule feeding the bank.
 *
 * Every write is one transaction (BEGIN IMMEDIATE, or a savepoint inside
 * ordo_store_begin()) that reads what its rule needs, checks it with the
 * rules of model/contract.h, model/case.h and model/crm.h, and writes the
 * outcome with targeted statements, so that concurrent processes serialise
 * and a refused or failed call changes nothing. Errors: ORDO_ENOTFOUND
 * (no such record), ORDO_EEXISTS, ORDO_EINPUT (a bad field or an unknown
 * reference), ORDO_ERULE (refused by a business rule), ORDO_EBUSY (another
 * process held the write lock longer than the busy timeout), ORDO_EIO,
 * ORDO_ENOMEM; the message is in ordo_store_errmsg().
 *
 * `now` arguments are UTC seconds (the ledger's "when"). Listing functions
 * call fn once per record, in order; records passed to fn are borrowed for
 * the call; a non-zero return from fn stops the listing and is returned.
 * Records filled by *_get are owned by the caller (ordo_*_clear).
 */
#ifndef ORDO_SERVICE_H
#define ORDO_SERVICE_H

#include "io/store.h"
#include "model/case.h"
#include "model/contract.h"
#include "model/crm.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- CRM records ------------------------------------------------------------ */

typedef enum ordo_put_mode {
    ORDO_PUT_NEW = 0,             /* ORDO_EEXISTS if the id is taken (accounts and contacts share ids) */
    ORDO_PUT_EXISTING,            /* ORDO_ENOTFOUND if there is no such record */
    ORDO_PUT_ANY                  /* upsert (CSV import) */
} ordo_put_mode;

int ordo_store_account_put(ordo_store *s, const ordo_account *a, ordo_put_mode mode);
int ordo_store_contact_put(ordo_store *s, const ordo_contact *c, ordo_put_mode mode);
int ordo_store_product_put(ordo_store *s, const ordo_product *p, ordo_put_mode mode);

int ordo_store_account_get(ordo_store *s, const char *id, ordo_account *out);
int ordo_store_contact_get(ordo_store *s, const char *id, ordo_contact *out);
int ordo_store_product_get(ordo_store *s, const char *id, ordo_product *out);

/* Refused (ORDO_ERULE, naming a referrer) while a contact, contract, course
 * or case refers to the record. */
int ordo_store_account_delete(ordo_store *s, const char *id);
int ordo_store_contact_delete(ordo_store *s, const char *id);
int ordo_store_product_delete(ordo_store *s, const char *id);

typedef int (*ordo_account_fn)(const ordo_account *a, void *payload);
typedef int (*ordo_contact_fn)(const ordo_contact *c, void *payload);
typedef int (*ordo_product_fn)(const ordo_product *p, void *payload);
int ordo_store_account_list(ordo_store *s, ordo_account_fn fn, void *payload);
int ordo_store_contact_list(ordo_store *s, ordo_contact_fn fn, void *payload);
int ordo_store_product_list(ordo_store *s, ordo_product_fn fn, void *payload);

/* ORDO_PARTY_ACCOUNT, ORDO_PARTY_CONTACT, or ORDO_PARTY_NONE. */
enum { ORDO_PARTY_NONE = 0, ORDO_PARTY_ACCOUNT = 1, ORDO_PARTY_CONTACT = 2 };
int ordo_store_party_find(ordo_store *s, const char *id, int *out_kind);

/* ---- contracts, lines, ledger ---------------------------------------------------- */

/* Moves a contract to `to` under ordo_contract_status_check(). */
int ordo_store_contract_set_status(ordo_store *s, const char *id, ordo_contract_status to);

/* Adds a line to line->contract: kind, total (> 0; coverage: 0) and dates
 * (the contract's when contract_dates is set; else inside the contract's,
 * or ORDO_EINPUT); line->id is set. The contract's primary time line is
 * made by ordo_store_save() from contract.minutes. */
int ordo_store_line_add(ordo_store *s, ordo_contract_line *line, int contract_dates);
int ordo_store_line_get(ordo_store *s, int64_t id, ordo_contract_line *out);
/* The contract's primary time line id, or 0 (*out) when it has none. */
int ordo_store_line_primary(ordo_store *s, const char *contract, int64_t *out);
typedef int (*ordo_line_fn)(const ordo_contract_line *l, void *payload);
/* Lines of one contract, or of all (contract NULL), by contract then id. */
int ordo_store_line_list(ordo_store *s, const char *contract, ordo_line_fn fn, void *payload);

typedef int (*ordo_ledger_fn)(const ordo_ledger_entry *e, void *payload);
/* Entries of one line (line > 0) or of every line of a contract, by id. */
int ordo_store_ledger_list(ordo_store *s, const char *contract, int64_t line, ordo_ledger_fn fn,
                           void *payload);

/* Verifies every line's cached balance against the sum of its ledger, and
 * that each reversal undoes one deduction or overdraft of its line, once,
 * for the same amount, and no session releases more than it reserved.
 * Calls fn with one message per problem ("line N of contract C: ...");
 * *out_problems gets their count (0 = clean). */
typedef int (*ordo_problem_fn)(const char *message, void *payload);
int ordo_store_bank_check(ordo_store *s, ordo_problem_fn fn, void *payload, int *out_problems);

/* ---- cases and activities --------------------------------------------------------- */

/* Adds a case (id set). The customer must be an account or contact, the
 * product a product (or NULL), the line (or 0) a line of a contract of the
 * customer or of the contact's account; status is forced to ACTIVE. */
int ordo_store_case_add(ordo_store *s, ordo_case *c);
int ordo_store_case_get(ordo_store *s, int64_t id, ordo_case *out);
typedef int (*ordo_case_fn)(const ordo_case *c, void *payload);
/* Cases of one customer (or all, customer NULL), by id. */
int ordo_store_case_list(ordo_store *s, const char *customer, ordo_case_fn fn, void *payload);

/* Adds an activity to an active or on-hold case (ORDO_ERULE otherwise). */
int ordo_store_activity_add(ordo_store *s, ordo_activity *a);
typedef int (*ordo_activity_fn)(const ordo_activity *a, void *payload);
int ordo_store_activity_list(ordo_store *s, int64_t case_id, ordo_activity_fn fn, void *payload);

/* Resolves a case under ordo_case_resolve_plan() in one transaction:
 * deduction (and overdraft) entries on its line, the line's balance and
 * the case's status updated (its activities are billed while it stays
 * resolved). billable < 0 =
 * not given. *out (may be NULL) gets what was deducted. */
int ordo_store_case_resolve(ordo_store *s, int64_t id, int64_t billable, int overdraft, int64_t now,
                            ordo_resolve_plan *out);

/* Any other status change (ordo_case_status_check); leaving RESOLVED writes
 * a reversal of each of the case's deductions and overdrafts and makes its
 * activities billable again. */
int ordo_store_case_set_status(ordo_store *s, int64_t id, ordo_case_status to, int64_t now);

typedef struct ordo_customer_summary {
    int open_cases;               /* active or on hold */
    int resolved_cases, cancelled_cases;
    int64_t minutes_spent;        /* every activity of the customer's cases */
    int calls;                    /* phone_call activities */
} ordo_customer_summary;
int ordo_store_customer_summary(ordo_store *s, const char *customer, ordo_customer_summary *out);

/* ---- the schedule feeding the bank ------------------------------------------------ */

/* Brings the ledger in line with every session of `m` (call it after
 * ordo_store_save(), inside the same ordo_store_begin() when possible): a
 * planned session of a course with a contract reserves its minutes on the
 * contract's primary time line, a done one has them deducted, any other
 * releases what it held (ordo_bank_session_steps). */
int ordo_store_bank_sync(ordo_store *s, const ordo_model *m, int64_t now);
/* The same for sessions[0..n) of m only (indexes into m->sessions): for a
 * use case that changed just these (a desk booking), without visiting the
 * other sessions of the store. */
int ordo_store_bank_sync_sessions(ordo_store *s, const ordo_model *m, const int *sessions, int n, int64_t now);

/* Marks a planned session done (its reservation becomes a deduction);
 * ORDO_ERULE if it is not planned or has not ended by `now` (its end after
 * now; the message gives both in UTC). */
int ordo_store_session_done(ordo_store *s, int64_t session, int64_t now);
/* Undoes a done session: each of its deductions gets a reversal entry
 * (ledger rows are never deleted), it is planned again at the same times
 * and reserves its minutes again. ORDO_ERULE if it is not done. */
int ordo_store_session_undo_done(ordo_store *s, int64_t session, int64_t now);
/* Cancels a planned or unscheduled session: its reservation is released
 * and it leaves its course (the course counts one session fewer; the
 * session keeps its row, CANCELLED, for calendars). ORDO_ERULE if done or
 * already cancelled. */
int ordo_store_session_cancel(ordo_store *s, int64_t session, int64_t now);
/* Marks done every planned session whose end is at or before `now`;
 * *out_n (may be NULL) gets how many. */
int ordo_store_sessions_complete(ordo_store *s, int64_t now, int *out_n);

/* The bank of a contract's primary time line against its future: every
 * planned session of the contract's courses in `m` (index into m->sessions
 * in points[i].session's place: see below), in time order, with the balance
 * left after it. balance0 = total - used - the reservations of anything
 * else; runout = the first point leaving <= 0, or -1. A contract without
 * a time line gives line 0 and no points. Call ordo_store_sessions_complete
 * first so that past sessions are deducted, not forecast. */
typedef struct ordo_forecast {
    int64_t line;
    ordo_balance balance;         /* the line now */
    int64_t balance0;
    ordo_forecast_point *points;  /* owned (ordo_forecast_clear); .session = session id */
    int n, runout;
} ordo_forecast;
int ordo_store_bank_forecast(ordo_store *s, const ordo_model *m, const char *contract, ordo_forecast *out);
void ordo_forecast_clear(ordo_forecast *f);

/* Sets each contract's used_minutes in `m` for the solver: the used total
 * of its primary time line less the minutes of the done sessions the solver
 * counts itself (solve.h: frozen sessions count against the bank), so a run
 * plans within total - used - reservations of the sessions it keeps. */
int ordo_store_bank_prepare(ordo_store *s, ordo_model *m);

#ifdef __cplusplus
}
#endif
#endif
