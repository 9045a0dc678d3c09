/*
 * test_case.c — the case rules of model/case.h without a store: status
 * transitions (and which ones reverse a resolution), and the resolve rule:
 * every refusal with its message, the amount per line kind, --billable,
 * the unreserved balance and the overdraft split.
 */
#include "check.h"
#include "model/case.h"

static void test_case__status_transitions(void)
{
    /* allowed[from][to] for ordo_case_status_check (resolving is separate) */
    static const int allowed[4][4] = {
        /* to: active on_hold resolved cancelled */
        { 0, 1, 0, 1 },   /* active */
        { 1, 0, 0, 1 },   /* on_hold */
        { 1, 0, 0, 1 },   /* resolved: reactivate or cancel, both reversing */
        { 1, 0, 0, 0 },   /* cancelled: reactivate */
    };
    for (int from = 0; from < 4; from++)
        for (int to = 0; to < 4; to++) {
            ordo_err err = { 0 };
            int reverse = -1;
            int rc = ordo_case_status_check(42, (ordo_case_status)from, (ordo_case_status)to, &reverse, &err);
            CHECK_EQ(rc, allowed[from][to] ? ORDO_OK : ORDO_ERULE);
            CHECK_EQ(reverse, rc == ORDO_OK && from == ORDO_CASE_RESOLVED);
            if (rc < 0)
                CHECK_CONTAINS(err.msg, "case 42");
        }
    ordo_err err = { 0 };
    int reverse;
    CHECK_EQ(ordo_case_status_check(7, ORDO_CASE_ACTIVE, ORDO_CASE_RESOLVED, &reverse, &err), ORDO_ERULE);
    CHECK_STR(err.msg, "case 7: a case is resolved only by 'ordo case resolve'");
    CHECK_EQ(ordo_case_status_check(7, ORDO_CASE_CANCELLED, ORDO_CASE_ON_HOLD, &reverse, &err), ORDO_ERULE);
    CHECK_STR(err.msg, "case 7 is cancelled: it cannot become on_hold");
}

static void test_case__names_round_trip(void)
{
    for (int i = 0; i < ORDO_CASE_STATUS_COUNT; i++)
        CHECK_EQ(ordo_case_status_parse(ordo_case_status_name((ordo_case_status)i)), i);
    for (int i = 0; i < ORDO_PRIORITY_COUNT; i++)
        CHECK_EQ(ordo_case_priority_parse(ordo_case_priority_name((ordo_case_priority)i)), i);
    for (int i = 0; i < ORDO_ORIGIN_COUNT; i++)
        CHECK_EQ(ordo_case_origin_parse(ordo_case_origin_name((ordo_case_origin)i)), i);
    for (int i = 0; i < ORDO_ACTIVITY_KIND_COUNT; i++)
        CHECK_EQ(ordo_activity_kind_parse(ordo_activity_kind_name((ordo_activity_kind)i)), i);
    CHECK_STR(ordo_activity_kind_name(ORDO_ACTIVITY_PHONE_CALL), "phone_call");
    CHECK_EQ(ordo_case_origin_parse("fax"), -1);
    CHECK_EQ(ordo_case_status_parse("closed"), -1);
}

/* An active case on time line 5 of active contract k1 (2026), 600 min,
 * 100 used, 200 reserved: 300 unreserved; 45 unbilled minutes. */
static ordo_resolve_input base(void)
{
    ordo_resolve_input in = { 0 };
    in.case_id = 9;
    in.status = ORDO_CASE_ACTIVE;
    in.opened = ordo_date_from_ymd(2026, 3, 10);
    in.line = 5;
    in.kind = ORDO_LINE_TIME;
    in.line_start = ordo_date_from_ymd(2026, 1, 1);
    in.line_end = ordo_date_from_ymd(2026, 12, 31);
    in.balance = (ordo_balance){ 600, 100, 200, 0 };
    in.contract = "k1";
    in.contract_status = ORDO_CONTRACT_ACTIVE;
    in.unbilled_minutes = 45;
    in.billable = -1;
    return in;
}

static int plan(const ordo_resolve_input *in, ordo_resolve_plan *p, ordo_err *err)
{
    p->deduct = p->overdraft = -1;
    return ordo_case_resolve_plan(in, p, err);
}

static void test_case__resolve_amounts(void)
{
    ordo_err err = { 0 };
    ordo_resolve_plan p;
    ordo_resolve_input in = base();
    CHECK_EQ(plan(&in, &p, &err), ORDO_OK);
    CHECK_EQ(p.deduct, 45);
    CHECK_EQ(p.overdraft, 0);
    in.billable = 30;                       /* replaces the total */
    CHECK_EQ(plan(&in, &p, &err), ORDO_OK);
    CHECK_EQ(p.deduct, 30);
    in.billable = 0;
    CHECK_EQ(plan(&in, &p, &err), ORDO_OK);
    CHECK_EQ(p.deduct, 0);
    in = base();
    in.unbilled_minutes = 300;              /* exactly the unreserved balance */
    CHECK_EQ(plan(&in, &p, &err), ORDO_OK);
    CHECK_EQ(p.deduct, 300);
    CHECK_EQ(p.overdraft, 0);
    in = base();
    in.kind = ORDO_LINE_CASES;
    in.balance = (ordo_balance){ 10, 3, 0, 0 };
    CHECK_EQ(plan(&in, &p, &err), ORDO_OK);
    CHECK_EQ(p.deduct, 1);
    in.kind = ORDO_LINE_COVERAGE;
    in.balance = (ordo_balance){ 0, 0, 0, 0 };
    CHECK_EQ(plan(&in, &p, &err), ORDO_OK);
    CHECK_EQ(p.deduct, 0);
    in = base();
    in.line = 0;                            /* no contract: resolved, nothing deducted */
    in.contract_status = ORDO_CONTRACT_CANCELLED;
    CHECK_EQ(plan(&in, &p, &err), ORDO_OK);
    CHECK_EQ(p.deduct, 0);
    in.status = ORDO_CASE_ON_HOLD;          /* on hold may be resolved too */
    CHECK_EQ(plan(&in, &p, &err), ORDO_OK);
}

static void test_case__resolve_refusals(void)
{
    ordo_err err = { 0 };
    ordo_resolve_plan p;
    ordo_resolve_input in = base();
    in.status = ORDO_CASE_RESOLVED;
    CHECK_EQ(plan(&in, &p, &err), ORDO_ERULE);
    CHECK_STR(err.msg, "case 9 is already resolved; nothing deducted again");
    CHECK_EQ(p.deduct, 0);
    in.status = ORDO_CASE_CANCELLED;
    CHECK_EQ(plan(&in, &p, &err), ORDO_ERULE);
    CHECK_STR(err.msg, "case 9 is cancelled: reactivate it before resolving it");

    static const ordo_contract_status not_active[] = { ORDO_CONTRACT_DRAFT, ORDO_CONTRACT_ON_HOLD,
                                                       ORDO_CONTRACT_CANCELLED, ORDO_CONTRACT_EXPIRED };
    for (int i = 0; i < 4; i++) {
        in = base();
        in.contract_status = not_active[i];
        in.overdraft = 1;                   /* --overdraft does not lift this one */
        CHECK_EQ(plan(&in, &p, &err), ORDO_ERULE);
        CHECK_CONTAINS(err.msg, "contract k1 is ");
        CHECK_CONTAINS(err.msg, "not active");
    }
    in = base();
    in.opened = ordo_date_from_ymd(2025, 12, 31);
    in.overdraft = 1;
    CHECK_EQ(plan(&in, &p, &err), ORDO_ERULE);
    CHECK_STR(err.msg, "case 9 was opened on 2025-12-31, outside line 5 of contract k1 (2026-01-01..2026-12-31)");
    in.opened = ordo_date_from_ymd(2027, 1, 1);
    CHECK_EQ(plan(&in, &p, &err), ORDO_ERULE);
    in.opened = ordo_date_from_ymd(2026, 12, 31);  /* inclusive end */
    CHECK_EQ(plan(&in, &p, &err), ORDO_OK);

    /* reserved time is not available to cases */
    in = base();
    in.unbilled_minutes = 301;
    CHECK_EQ(plan(&in, &p, &err), ORDO_ERULE);
    CHECK_STR(err.msg, "case 9 needs 301 min but line 5 of contract k1 has 300 unreserved (total 600, used 100, "
                       "reserved 200); --overdraft records the overage");
    in.kind = ORDO_LINE_CASES;
    in.balance = (ordo_balance){ 2, 2, 0, 0 };
    CHECK_EQ(plan(&in, &p, &err), ORDO_ERULE);
    CHECK_CONTAINS(err.msg, "needs 1 cases");

    in = base();
    in.kind = ORDO_LINE_CASES;
    in.billable = 10;
    CHECK_EQ(plan(&in, &p, &err), ORDO_EINVAL);
    CHECK_CONTAINS(err.msg, "--billable needs a time line");
}

static void test_case__resolve_overdraft(void)
{
    ordo_err err = { 0 };
    ordo_resolve_plan p;
    ordo_resolve_input in = base();
    in.unbilled_minutes = 350;
    in.overdraft = 1;
    CHECK_EQ(plan(&in, &p, &err), ORDO_OK);
    CHECK_EQ(p.deduct, 350);
    CHECK_EQ(p.overdraft, 50);
    /* already overdrawn: the whole amount is overage */
    in.balance = (ordo_balance){ 600, 700, 0, 100 };
    in.unbilled_minutes = 20;
    CHECK_EQ(plan(&in, &p, &err), ORDO_OK);
    CHECK_EQ(p.deduct, 20);
    CHECK_EQ(p.overdraft, 20);
    /* enough time: --overdraft records nothing */
    in = base();
    in.overdraft = 1;
    CHECK_EQ(plan(&in, &p, &err), ORDO_OK);
    CHECK_EQ(p.overdraft, 0);
}

int main(void)
{
    RUN(test_case__status_transitions);
    RUN(test_case__names_round_trip);
    RUN(test_case__resolve_amounts);
    RUN(test_case__resolve_refusals);
    RUN(test_case__resolve_overdraft);
    return CHECK_DONE();
}
