/*
 * contract.h — the rules of contracts and their hour banks, as pure
 * arithmetic (libc only; the store, io/service.h, keeps the records):
 *
 *   - contract status: draft -> active; active <-> on_hold; active or
 *     on_hold -> cancelled or expired; cancelled and expired are final;
 *   - contract lines allot time (whole minutes), a number of cases, or only
 *     coverage dates; a line's balance is total / used / reserved and the
 *     overdraft recorded beyond it, all derived from the ledger;
 *   - ledger entries: deduction (+used), reservation (+reserved), release
 *     (-reserved), overdraft (+overdraft, the part of a deduction beyond the
 *     unreserved balance), reversal (undoes one deduction or overdraft);
 *   - a session's standing in the bank (reserved while planned, deducted
 *     once done, nothing when cancelled) and the forecast of a bank against
 *     its future sessions.
 */
#ifndef ORDO_CONTRACT_H
#define ORDO_CONTRACT_H

#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* "draft", ... -> status, or -1. */
int ordo_contract_status_parse(const char *s);

/* ORDO_OK when contract `id` may go from `from` to `to`; otherwise
 * ORDO_ERULE with err = "contract ID is FROM: it cannot become TO (allowed: ...)". */
int ordo_contract_status_check(const char *id, ordo_contract_status from, ordo_contract_status to,
                               ordo_err *err);

typedef enum ordo_line_kind {
    ORDO_LINE_TIME = 0,           /* total = minutes */
    ORDO_LINE_CASES,              /* total = number of cases */
    ORDO_LINE_COVERAGE            /* dates only; total = 0, nothing is deducted */
} ordo_line_kind;
#define ORDO_LINE_KIND_COUNT 3
const char *ordo_line_kind_name(ordo_line_kind k);   /* "time", "cases", "coverage" */
int ordo_line_kind_parse(const char *s);             /* -1 if unknown */
const char *ordo_line_unit(ordo_line_kind k);        /* "min", "cases", "" */

typedef struct ordo_balance {
    int64_t total, used, reserved, overdraft;
} ordo_balance;

/* total - used - reserved (negative when overdrawn). */
int64_t ordo_balance_remaining(const ordo_balance *b);

typedef struct ordo_contract_line {
    int64_t id;
    char *contract;               /* contract id; owned (ordo_contract_line_clear) */
    ordo_line_kind kind;
    ordo_date start, end;         /* inclusive local dates */
    ordo_balance balance;
    int is_primary;               /* 1: the hour bank mirroring contract.minutes */
} ordo_contract_line;
void ordo_contract_line_clear(ordo_contract_line *l);

typedef enum ordo_ledger_kind {
    ORDO_LEDGER_DEDUCTION = 0, ORDO_LEDGER_RESERVATION, ORDO_LEDGER_RELEASE,
    ORDO_LEDGER_REVERSAL, ORDO_LEDGER_OVERDRAFT
} ordo_ledger_kind;
#define ORDO_LEDGER_KIND_COUNT 5
const char *ordo_ledger_kind_name(ordo_ledger_kind k);
int ordo_ledger_kind_parse(const char *s);

typedef struct ordo_ledger_entry {
    int64_t id, line;
    ordo_ledger_kind kind;
    int64_t amount;               /* > 0, in the line's unit */
    int64_t at;                   /* UTC seconds */
    int64_t case_id;              /* 0 if none */
    int64_t session;              /* session (booking) id, 0 if none */
    int64_t reverses;             /* reversal: the entry undone; else 0 */
} ordo_ledger_entry;

/* Adds one entry's effect to b. `reversed` is the kind of the entry a
 * reversal undoes (ignored otherwise). ORDO_EINVAL (b unchanged) for an
 * amount <= 0 or a reversal of anything but a deduction or an overdraft. */
int ordo_balance_apply(ordo_balance *b, ordo_ledger_kind kind, int64_t amount, ordo_ledger_kind reversed);

/* ---- sessions in the bank ------------------------------------------------ */

/* What the ledger holds for one session on one line. */
typedef struct ordo_session_holding {
    int64_t line;
    int64_t reserved;             /* reservations - releases */
    int64_t deducted;             /* deductions */
} ordo_session_holding;

/* One entry to write. */
typedef struct ordo_bank_step {
    ordo_ledger_kind kind;
    int64_t line, amount;
} ordo_bank_step;

/* The entries that bring a session's holdings in line with its state:
 * a PLANNED session holds a reservation of `minutes` on `line`; a DONE one
 * has its reservation turned into a deduction (release, then deduction);
 * any other status, or line 0, holds nothing. A session once deducted is
 * consumed: it is never deducted again nor reserved while `deducted` (net
 * of reversals) is above 0. `out` needs
 * room for nholdings + 2 steps; *out_n gets the count. */
void ordo_bank_session_steps(const ordo_session_holding *have, int nholdings, ordo_session_status status,
                             int64_t line, int64_t minutes, ordo_bank_step *out, int *out_n);

/* ---- forecast ------------------------------------------------------------ */

typedef struct ordo_forecast_point {
    int64_t session;              /* session id */
    ordo_utc start;               /* when it consumes its time */
    int64_t minutes;
    int64_t balance_after;        /* filled by ordo_forecast_run */
} ordo_forecast_point;

/* Sorts points by start (then session id) and fills balance_after from
 * `balance0` (the bank before the first point). Returns the index of the
 * first point after which the balance is <= 0 (the bank runs out), or -1. */
int ordo_forecast_run(int64_t balance0, ordo_forecast_point *pts, int n);

#ifdef __cplusplus
}
#endif
#endif
