/*
 * case.h — service cases and their activities, and the rules of resolving
 * a case against a contract line (libc only; the store, io/service.h,
 * keeps the records and applies the plan in one transaction).
 *
 * Status: active <-> on_hold; active or on_hold -> cancelled; resolving
 * (active or on_hold -> resolved) goes only through the resolve rule;
 * resolved -> active (reactivate) or cancelled, both reversing what the
 * resolution deducted and making the case's activities billable again;
 * cancelled -> active (reactivate).
 */
#ifndef ORDO_CASE_H
#define ORDO_CASE_H

#include "model/contract.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ordo_case_status {
    ORDO_CASE_ACTIVE = 0, ORDO_CASE_ON_HOLD, ORDO_CASE_RESOLVED, ORDO_CASE_CANCELLED
} ordo_case_status;
#define ORDO_CASE_STATUS_COUNT 4

typedef enum ordo_case_priority { ORDO_PRIORITY_LOW = 0, ORDO_PRIORITY_NORMAL, ORDO_PRIORITY_HIGH } ordo_case_priority;
#define ORDO_PRIORITY_COUNT 3

typedef enum ordo_case_origin { ORDO_ORIGIN_PHONE = 0, ORDO_ORIGIN_EMAIL, ORDO_ORIGIN_WEB } ordo_case_origin;
#define ORDO_ORIGIN_COUNT 3

typedef enum ordo_activity_kind {
    ORDO_ACTIVITY_PHONE_CALL = 0, ORDO_ACTIVITY_EMAIL, ORDO_ACTIVITY_TASK,
    ORDO_ACTIVITY_APPOINTMENT, ORDO_ACTIVITY_BOOKING
} ordo_activity_kind;
#define ORDO_ACTIVITY_KIND_COUNT 5

/* Names ("active", "on_hold", ...; "low", "normal", "high"; "phone",
 * "email", "web"; "phone_call", "email", "task", "appointment", "booking")
 * and their parsers (-1 if unknown). */
const char *ordo_case_status_name(ordo_case_status s);
int ordo_case_status_parse(const char *s);
const char *ordo_case_priority_name(ordo_case_priority p);
int ordo_case_priority_parse(const char *s);
const char *ordo_case_origin_name(ordo_case_origin o);
int ordo_case_origin_parse(const char *s);
const char *ordo_activity_kind_name(ordo_activity_kind k);
int ordo_activity_kind_parse(const char *s);

typedef struct ordo_case {
    int64_t id;                   /* 0 until stored */
    char *customer;               /* account or contact id */
    char *product;                /* product id, NULL if none */
    int64_t line;                 /* contract line id, 0 if none */
    char *title;
    ordo_case_priority priority;
    ordo_case_origin origin;
    ordo_case_status status;
    ordo_date opened;             /* local date */
} ordo_case;
/* Frees the strings of a case filled by the store; NULL is a no-op. */
void ordo_case_clear(ordo_case *c);

typedef struct ordo_activity {
    int64_t id, case_id;
    ordo_activity_kind kind;
    int64_t minutes;              /* duration, >= 0 */
    char *subject;                /* may be NULL */
    int billed;                   /* 1 while its case is resolved (a resolution counted it) */
} ordo_activity;

/* A status change other than resolving. ORDO_OK, with *out_reverse = 1 when
 * the case leaves RESOLVED (its deductions must be reversed and its
 * activities billed again); ORDO_ERULE naming the case and both statuses. */
int ordo_case_status_check(int64_t id, ordo_case_status from, ordo_case_status to, int *out_reverse,
                           ordo_err *err);

/* Everything the resolve rule looks at. */
typedef struct ordo_resolve_input {
    int64_t case_id;
    ordo_case_status status;
    ordo_date opened;
    int64_t line;                 /* 0: the case has no contract line */
    ordo_line_kind kind;
    ordo_date line_start, line_end;
    ordo_balance balance;
    const char *contract;         /* the line's contract id */
    ordo_contract_status contract_status;
    int64_t unbilled_minutes;     /* activities not billed yet (all of an unresolved case's) */
    int64_t billable;             /* --billable MIN; < 0 = not given */
    int overdraft;                /* --overdraft: record the overage instead of refusing */
} ordo_resolve_input;

typedef struct ordo_resolve_plan {
    int64_t deduct;               /* deduction entry (0: none) */
    int64_t overdraft;            /* overdraft entry (0: none) */
} ordo_resolve_plan;

/* Decides a resolution. Refused with ORDO_ERULE (err says why) when the
 * case is not active or on hold (resolving twice never deducts twice), the
 * line's contract is not active, the case was opened outside the line's
 * dates, or the line's unreserved balance (total - used - reserved) lacks
 * the amount, unless `overdraft` is set: then the amount is deducted whole
 * and the part beyond the unreserved balance is recorded as overdraft.
 * The amount is the billable minutes (time lines: `billable` when given,
 * else the unbilled activities' total), 1 (case lines) or 0 (coverage).
 * ORDO_EINVAL when `billable` is given for a line that does not count time. */
int ordo_case_resolve_plan(const ordo_resolve_input *in, ordo_resolve_plan *out, ordo_err *err);

#ifdef __cplusplus
}
#endif
#endif
