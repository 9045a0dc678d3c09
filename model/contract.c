/*
 * contract.c — contract status transitions, contract-line and ledger
 * vocabularies, the balance arithmetic every ledger entry goes through, a
 * session's standing in the bank, and the bank forecast (contract.h).
 *
 * Invariant: a line's balance is the sum of ordo_balance_apply() over its
 * ledger entries in id order; the store writes each entry and its effect on
 * the cached balance in one transaction, and `ordo contract check`
 * recomputes the sum to prove it.
 */
#include "model/contract.h"

#include <stdlib.h>
#include <string.h>

static int parse(const char *s, const char *const *names, int n)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

int ordo_contract_status_parse(const char *s)
{
    static const char *const n[] = { "draft", "active", "on_hold", "cancelled", "expired" };
    return parse(s, n, ORDO_CONTRACT_EXPIRED + 1);
}

/* allowed[from] is the set of statuses `from` may move to (bit per status). */
#define BIT(s) (1u << (s))
static const unsigned allowed[ORDO_CONTRACT_EXPIRED + 1] = {
    [ORDO_CONTRACT_DRAFT] = BIT(ORDO_CONTRACT_ACTIVE),
    [ORDO_CONTRACT_ACTIVE] = BIT(ORDO_CONTRACT_ON_HOLD) | BIT(ORDO_CONTRACT_CANCELLED) | BIT(ORDO_CONTRACT_EXPIRED),
    [ORDO_CONTRACT_ON_HOLD] = BIT(ORDO_CONTRACT_ACTIVE) | BIT(ORDO_CONTRACT_CANCELLED) | BIT(ORDO_CONTRACT_EXPIRED),
    [ORDO_CONTRACT_CANCELLED] = 0,
    [ORDO_CONTRACT_EXPIRED] = 0,
};

int ordo_contract_status_check(const char *id, ordo_contract_status from, ordo_contract_status to,
                               ordo_err *err)
{
    if ((unsigned)from > ORDO_CONTRACT_EXPIRED || (unsigned)to > ORDO_CONTRACT_EXPIRED)
        return ordo__seterr(err, ORDO_EINVAL, "contract %s: unknown status %d -> %d", id ? id : "", (int)from,
                            (int)to);
    if (allowed[from] & BIT(to))
        return ORDO_OK;
    char list[64] = "";
    for (int s = 0; s <= ORDO_CONTRACT_EXPIRED; s++)
        if (allowed[from] & BIT(s)) {
            if (list[0])
                strcat(list, ", ");
            strcat(list, ordo_contract_status_name((ordo_contract_status)s));
        }
    return ordo__seterr(err, ORDO_ERULE, "contract %s is %s: it cannot become %s (%s%s)", id ? id : "",
                        ordo_contract_status_name(from), ordo_contract_status_name(to),
                        list[0] ? "allowed: " : "", list[0] ? list : "a final status");
}

static const char *const line_kind_names[ORDO_LINE_KIND_COUNT] = { "time", "cases", "coverage" };

const char *ordo_line_kind_name(ordo_line_kind k)
{
    return (unsigned)k < ORDO_LINE_KIND_COUNT ? line_kind_names[k] : "?";
}

int ordo_line_kind_parse(const char *s) { return parse(s, line_kind_names, ORDO_LINE_KIND_COUNT); }

const char *ordo_line_unit(ordo_line_kind k)
{
    return k == ORDO_LINE_TIME ? "min" : k == ORDO_LINE_CASES ? "cases" : "";
}

void ordo_contract_line_clear(ordo_contract_line *l)
{
    if (!l)
        return;
    ordo__free(l->contract);
    memset(l, 0, sizeof *l);
}

static const char *const ledger_kind_names[ORDO_LEDGER_KIND_COUNT] = {
    "deduction", "reservation", "release", "reversal", "overdraft"
};

const char *ordo_ledger_kind_name(ordo_ledger_kind k)
{
    return (unsigned)k < ORDO_LEDGER_KIND_COUNT ? ledger_kind_names[k] : "?";
}

int ordo_ledger_kind_parse(const char *s) { return parse(s, ledger_kind_names, ORDO_LEDGER_KIND_COUNT); }

int64_t ordo_balance_remaining(const ordo_balance *b) { return b->total - b->used - b->reserved; }

int ordo_balance_apply(ordo_balance *b, ordo_ledger_kind kind, int64_t amount, ordo_ledger_kind reversed)
{
    int64_t sign = 1;
    if (amount <= 0)
        return ORDO_EINVAL;
    if (kind == ORDO_LEDGER_REVERSAL) {
        if (reversed != ORDO_LEDGER_DEDUCTION && reversed != ORDO_LEDGER_OVERDRAFT)
            return ORDO_EINVAL;
        kind = reversed;
        sign = -1;
    }
    switch (kind) {
    case ORDO_LEDGER_DEDUCTION: b->used += sign * amount; break;
    case ORDO_LEDGER_RESERVATION: b->reserved += amount; break;
    case ORDO_LEDGER_RELEASE: b->reserved -= amount; break;
    case ORDO_LEDGER_OVERDRAFT: b->overdraft += sign * amount; break;
    default: return ORDO_EINVAL;
    }
    return ORDO_OK;
}

static void step(ordo_bank_step *out, int *n, ordo_ledger_kind kind, int64_t line, int64_t amount)
{
    out[*n].kind = kind;
    out[*n].line = line;
    out[*n].amount = amount;
    (*n)++;
}

void ordo_bank_session_steps(const ordo_session_holding *have, int nholdings, ordo_session_status status,
                             int64_t line, int64_t minutes, ordo_bank_step *out, int *out_n)
{
    int n = 0, consumed = 0, kept = 0;
    for (int i = 0; i < nholdings; i++)
        consumed |= have[i].deducted > 0;
    int want_reserve = !consumed && line > 0 && minutes > 0 && status == ORDO_SESSION_PLANNED;
    int want_deduct = !consumed && line > 0 && minutes > 0 && status == ORDO_SESSION_DONE;
    for (int i = 0; i < nholdings; i++) {
        if (have[i].reserved <= 0)
            continue;
        if (want_reserve && !kept && have[i].line == line && have[i].reserved == minutes) {
            kept = 1;                 /* already as it should be */
            continue;
        }
        step(out, &n, ORDO_LEDGER_RELEASE, have[i].line, have[i].reserved);
    }
    if (want_reserve && !kept)
        step(out, &n, ORDO_LEDGER_RESERVATION, line, minutes);
    if (want_deduct)
        step(out, &n, ORDO_LEDGER_DEDUCTION, line, minutes);
    *out_n = n;
}

static int by_start(const void *a, const void *b)
{
    const ordo_forecast_point *x = a, *y = b;
    if (x->start != y->start)
        return (x->start > y->start) - (x->start < y->start);
    return (x->session > y->session) - (x->session < y->session);
}

int ordo_forecast_run(int64_t balance0, ordo_forecast_point *pts, int n)
{
    int runout = -1;
    int64_t bal = balance0;
    if (n > 1)
        qsort(pts, (size_t)n, sizeof *pts, by_start);
    for (int i = 0; i < n; i++) {
        bal -= pts[i].minutes;
        pts[i].balance_after = bal;
        if (runout < 0 && bal <= 0)
            runout = i;
    }
    return runout;
}
