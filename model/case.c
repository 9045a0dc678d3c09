/*
 * case.c — case and activity vocabularies, case status transitions and the
 * resolve rule (case.h). The rule only decides; the store applies its plan
 * (ledger entries, billed activities, cached balance, status) in the same
 * transaction that read the inputs, so two resolutions never interleave.
 */
#include "model/case.h"

#include <string.h>

static int parse(const char *s, const char *const *names, int n)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

static const char *const status_names[] = { "active", "on_hold", "resolved", "cancelled" };
static const char *const priority_names[] = { "low", "normal", "high" };
static const char *const origin_names[] = { "phone", "email", "web" };
static const char *const activity_names[] = { "phone_call", "email", "task", "appointment", "booking" };

const char *ordo_case_status_name(ordo_case_status s)
{
    return (unsigned)s < ORDO_CASE_STATUS_COUNT ? status_names[s] : "?";
}
int ordo_case_status_parse(const char *s) { return parse(s, status_names, ORDO_CASE_STATUS_COUNT); }

const char *ordo_case_priority_name(ordo_case_priority p)
{
    return (unsigned)p < ORDO_PRIORITY_COUNT ? priority_names[p] : "?";
}
int ordo_case_priority_parse(const char *s) { return parse(s, priority_names, ORDO_PRIORITY_COUNT); }

const char *ordo_case_origin_name(ordo_case_origin o)
{
    return (unsigned)o < ORDO_ORIGIN_COUNT ? origin_names[o] : "?";
}
int ordo_case_origin_parse(const char *s) { return parse(s, origin_names, ORDO_ORIGIN_COUNT); }

const char *ordo_activity_kind_name(ordo_activity_kind k)
{
    return (unsigned)k < ORDO_ACTIVITY_KIND_COUNT ? activity_names[k] : "?";
}
int ordo_activity_kind_parse(const char *s) { return parse(s, activity_names, ORDO_ACTIVITY_KIND_COUNT); }

void ordo_case_clear(ordo_case *c)
{
    if (!c)
        return;
    ordo__free(c->customer);
    ordo__free(c->product);
    ordo__free(c->title);
    memset(c, 0, sizeof *c);
}

int ordo_case_status_check(int64_t id, ordo_case_status from, ordo_case_status to, int *out_reverse,
                           ordo_err *err)
{
    int ok = 0;
    *out_reverse = 0;
    switch (to) {
    case ORDO_CASE_ACTIVE: ok = from == ORDO_CASE_ON_HOLD || from == ORDO_CASE_RESOLVED || from == ORDO_CASE_CANCELLED; break;
    case ORDO_CASE_ON_HOLD: ok = from == ORDO_CASE_ACTIVE; break;
    case ORDO_CASE_CANCELLED: ok = from == ORDO_CASE_ACTIVE || from == ORDO_CASE_ON_HOLD || from == ORDO_CASE_RESOLVED; break;
    case ORDO_CASE_RESOLVED:
        return ordo__seterr(err, ORDO_ERULE, "case %lld: a case is resolved only by 'ordo case resolve'",
                            (long long)id);
    default: break;
    }
    if (!ok)
        return ordo__seterr(err, ORDO_ERULE, "case %lld is %s: it cannot become %s", (long long)id,
                            ordo_case_status_name(from), ordo_case_status_name(to));
    *out_reverse = from == ORDO_CASE_RESOLVED;
    return ORDO_OK;
}

int ordo_case_resolve_plan(const ordo_resolve_input *in, ordo_resolve_plan *out, ordo_err *err)
{
    long long id = (long long)in->case_id;
    char from[11], to[11], opened[11];
    out->deduct = out->overdraft = 0;
    if (in->status == ORDO_CASE_RESOLVED)
        return ordo__seterr(err, ORDO_ERULE, "case %lld is already resolved; nothing deducted again", id);
    if (in->status != ORDO_CASE_ACTIVE && in->status != ORDO_CASE_ON_HOLD)
        return ordo__seterr(err, ORDO_ERULE, "case %lld is %s: reactivate it before resolving it", id,
                            ordo_case_status_name(in->status));
    if (in->billable >= 0 && (!in->line || in->kind != ORDO_LINE_TIME))
        return ordo__seterr(err, ORDO_EINVAL, "case %lld: --billable needs a time line; %s", id,
                            in->line ? "its line counts cases or covers dates only" : "it has no contract line");
    if (!in->line)
        return ORDO_OK;           /* no contract: resolved, nothing to deduct */
    if (in->contract_status != ORDO_CONTRACT_ACTIVE)
        return ordo__seterr(err, ORDO_ERULE, "case %lld: contract %s is %s, not active", id,
                            in->contract ? in->contract : "?", ordo_contract_status_name(in->contract_status));
    if (in->opened < in->line_start || in->opened > in->line_end) {
        ordo_date_format(in->line_start, from);
        ordo_date_format(in->line_end, to);
        ordo_date_format(in->opened, opened);
        return ordo__seterr(err, ORDO_ERULE, "case %lld was opened on %s, outside line %lld of contract %s (%s..%s)",
                            id, opened, (long long)in->line, in->contract ? in->contract : "?", from, to);
    }
    int64_t amount = in->kind == ORDO_LINE_CASES ? 1
                     : in->kind == ORDO_LINE_TIME ? (in->billable >= 0 ? in->billable : in->unbilled_minutes)
                     : 0;
    int64_t unreserved = ordo_balance_remaining(&in->balance);
    if (amount > unreserved && !in->overdraft)
        return ordo__seterr(err, ORDO_ERULE, "case %lld needs %lld %s but line %lld of contract %s has %lld "
                            "unreserved (total %lld, used %lld, reserved %lld); --overdraft records the overage",
                            id, (long long)amount, ordo_line_unit(in->kind), (long long)in->line,
                            in->contract ? in->contract : "?", (long long)unreserved,
                            (long long)in->balance.total, (long long)in->balance.used,
                            (long long)in->balance.reserved);
    out->deduct = amount;
    if (amount > unreserved)
        out->overdraft = amount - (unreserved > 0 ? unreserved : 0);
    return ORDO_OK;
}
