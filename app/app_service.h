/*
 * app_service.h — the service use cases of the application layer (app.h
 * conventions): cases and their activities, resolving a case against its
 * contract line (the hour bank), case status changes, the customer
 * summary; contracts: add, get (with every line's total / used / reserved
 * / remaining), status changes.
 *
 * Every write is ONE store transaction that re-reads what its rule needs
 * under the write lock (the store's own units, io/service.h), so
 * concurrent agents serialise: no deduction is ever made twice and a
 * refused call changes nothing. Requests take text for enums and dates
 * (the field is named on ORDO_EINVAL). Errors as io/service.h:
 * ORDO_ENOTFOUND, ORDO_EEXISTS, ORDO_EINPUT, ORDO_ERULE (refused by a
 * rule: not enough hours, contract not active, case already resolved...),
 * ORDO_EBUSY, ORDO_EIO, ORDO_ENOMEM.
 */
#ifndef ORDO_APP_SERVICE_H
#define ORDO_APP_SERVICE_H

#include "app/app.h"
#include "model/case.h"
#include "model/contract.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- cases ------------------------------------------------------------------------ */

typedef struct ordo_app_case_add_req {
    const char *customer, *title;  /* required: an account or contact; a title */
    const char *product;           /* a product id; NULL = none */
    int64_t line;                  /* a contract line of the customer; 0 = none */
    const char *contract;          /* instead of line: that contract's hour-bank line */
    const char *priority;          /* low, normal (default), high */
    const char *origin;            /* phone (default), email, web */
    const char *opened;            /* YYYY-MM-DD; NULL = today (local) */
    int64_t now;                   /* UTC seconds the SLA clock starts (app_sla.h); 0 = the clock */
} ordo_app_case_add_req;

typedef struct ordo_app_case {
    ordo_case c;                   /* strings owned */
    ordo_activity *activities;     /* by id; subjects owned */
    int nactivities;
    size_t cap;
    int64_t minutes;               /* time spent: every activity */
} ordo_app_case;
void ordo_app_case_clear(ordo_app_case *c);

typedef struct ordo_app_cases {
    ordo_case *v;                  /* by id */
    int n;
    size_t cap;
} ordo_app_cases;
void ordo_app_cases_clear(ordo_app_cases *l);

/* Adds an ACTIVE case; *out (may be NULL) gets it as stored, with its id. */
int ordo_app_case_add(ordo_app *a, const ordo_app_case_add_req *rq, ordo_app_case *out);
int ordo_app_case_get(ordo_app *a, int64_t id, ordo_app_case *out);
/* Cases of one customer (NULL = all) with one status (NULL = any). */
int ordo_app_case_list(ordo_app *a, const char *customer, const char *status, ordo_app_cases *out);

typedef struct ordo_app_activity_req {
    int64_t case_id;               /* required */
    const char *kind;              /* phone_call, email, task, appointment, booking */
    int64_t minutes;               /* >= 0 */
    const char *subject;           /* NULL = none */
    int64_t now;                   /* UTC seconds (the SLA's first response); 0 = the clock */
} ordo_app_activity_req;
/* Adds an activity to an active or on-hold case (ORDO_ERULE otherwise);
 * *out_id (may be NULL) gets its id. */
int ordo_app_activity_add(ordo_app *a, const ordo_app_activity_req *rq, int64_t *out_id);

typedef struct ordo_app_resolve_req {
    int64_t case_id;
    int64_t billable;              /* minutes to deduct; < 0 = the unbilled activities' total */
    int overdraft;                 /* allow going past the remaining hours (recorded as overdraft) */
    int64_t now;                   /* UTC seconds; 0 = system clock */
} ordo_app_resolve_req;
/* Resolves a case in one transaction (deduction, overdraft, status); *out
 * (may be NULL) gets what was deducted. */
int ordo_app_case_resolve(ordo_app *a, const ordo_app_resolve_req *rq, ordo_resolve_plan *out);
/* Hold, reactivate, cancel (leaving RESOLVED reverses its deductions). */
int ordo_app_case_set_status(ordo_app *a, int64_t id, ordo_case_status to, int64_t now);

/* ---- contracts --------------------------------------------------------------------- */

typedef struct ordo_app_contract {
    char *id, *customer;
    ordo_date start, end;
    ordo_contract_status status;
    int64_t minutes;               /* the hour bank's size */
    ordo_contract_line *lines;     /* by id; the primary one has is_primary */
    int nlines;
    size_t cap;
    ordo_balance bank;             /* the primary line's balance (zero without one) */
    int64_t remaining;             /* bank: total - used - reserved */
} ordo_app_contract;
void ordo_app_contract_clear(ordo_app_contract *k);

typedef struct ordo_app_contract_add_req {
    const char *id, *customer;     /* required */
    const char *start, *end;       /* required, YYYY-MM-DD, start <= end */
    const char *hours;             /* the hour bank, "40" or "12.5"; NULL = none */
} ordo_app_contract_add_req;

/* Adds a DRAFT contract (ORDO_EEXISTS if the id is taken; ORDO_EINPUT when
 * the customer is neither an account nor a contact), writing only its row
 * and its hour-bank line. *out (may be NULL) gets it as stored. */
int ordo_app_contract_add(ordo_app *a, const ordo_app_contract_add_req *rq, ordo_app_contract *out);
int ordo_app_contract_get(ordo_app *a, const char *id, ordo_app_contract *out);
int ordo_app_contract_set_status(ordo_app *a, const char *id, ordo_contract_status to);

#ifdef __cplusplus
}
#endif
#endif
