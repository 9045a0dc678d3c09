/*
 * test_contract.c — the hour-bank rules of model/contract.h without a
 * store: every contract status transition, the balance arithmetic of each
 * ledger kind, a session's standing in the bank (ordo_bank_session_steps)
 * and the forecast.
 */
#include "check.h"
#include "model/contract.h"

static void test_contract__status_transitions(void)
{
    /* allowed[from][to], from the issue: draft -> active; active <-> on_hold;
     * active or on_hold -> cancelled or expired; cancelled, expired final */
    static const int allowed[5][5] = {
        /* to: draft active on_hold cancelled expired */
        { 0, 1, 0, 0, 0 },   /* draft */
        { 0, 0, 1, 1, 1 },   /* active */
        { 0, 1, 0, 1, 1 },   /* on_hold */
        { 0, 0, 0, 0, 0 },   /* cancelled */
        { 0, 0, 0, 0, 0 },   /* expired */
    };
    for (int from = 0; from < 5; from++)
        for (int to = 0; to < 5; to++) {
            ordo_err err = { 0 };
            int rc = ordo_contract_status_check("k1", (ordo_contract_status)from, (ordo_contract_status)to, &err);
            CHECK_EQ(rc, allowed[from][to] ? ORDO_OK : ORDO_ERULE);
            if (rc == ORDO_ERULE) {
                CHECK_CONTAINS(err.msg, "contract k1 is ");
                CHECK_CONTAINS(err.msg, ordo_contract_status_name((ordo_contract_status)to));
            }
        }
    ordo_err err = { 0 };
    CHECK_EQ(ordo_contract_status_check("k2", ORDO_CONTRACT_EXPIRED, ORDO_CONTRACT_ACTIVE, &err), ORDO_ERULE);
    CHECK_STR(err.msg, "contract k2 is expired: it cannot become active (a final status)");
    CHECK_EQ(ordo_contract_status_check("k2", ORDO_CONTRACT_DRAFT, ORDO_CONTRACT_ON_HOLD, &err), ORDO_ERULE);
    CHECK_STR(err.msg, "contract k2 is draft: it cannot become on_hold (allowed: active)");
    CHECK_EQ(ordo_contract_status_check("k2", (ordo_contract_status)9, ORDO_CONTRACT_ACTIVE, &err), ORDO_EINVAL);
}

static void test_contract__names_round_trip(void)
{
    for (int s = 0; s <= ORDO_CONTRACT_EXPIRED; s++)
        CHECK_EQ(ordo_contract_status_parse(ordo_contract_status_name((ordo_contract_status)s)), s);
    for (int k = 0; k < ORDO_LINE_KIND_COUNT; k++)
        CHECK_EQ(ordo_line_kind_parse(ordo_line_kind_name((ordo_line_kind)k)), k);
    for (int k = 0; k < ORDO_LEDGER_KIND_COUNT; k++)
        CHECK_EQ(ordo_ledger_kind_parse(ordo_ledger_kind_name((ordo_ledger_kind)k)), k);
    CHECK_EQ(ordo_contract_status_parse("Active"), -1);
    CHECK_EQ(ordo_line_kind_parse("hours"), -1);
    CHECK_EQ(ordo_ledger_kind_parse(NULL), -1);
    CHECK_STR(ordo_line_unit(ORDO_LINE_TIME), "min");
    CHECK_STR(ordo_line_unit(ORDO_LINE_CASES), "cases");
}

static void test_contract__balance_arithmetic(void)
{
    ordo_balance b = { 600, 0, 0, 0 };
    CHECK_EQ(ordo_balance_apply(&b, ORDO_LEDGER_RESERVATION, 120, 0), ORDO_OK);
    CHECK_EQ(ordo_balance_apply(&b, ORDO_LEDGER_DEDUCTION, 90, 0), ORDO_OK);
    CHECK_EQ(ordo_balance_apply(&b, ORDO_LEDGER_OVERDRAFT, 15, 0), ORDO_OK);
    CHECK_EQ(b.used, 90);
    CHECK_EQ(b.reserved, 120);
    CHECK_EQ(b.overdraft, 15);
    CHECK_EQ(ordo_balance_remaining(&b), 600 - 90 - 120);
    CHECK_EQ(ordo_balance_apply(&b, ORDO_LEDGER_RELEASE, 120, 0), ORDO_OK);
    CHECK_EQ(b.reserved, 0);
    CHECK_EQ(ordo_balance_apply(&b, ORDO_LEDGER_REVERSAL, 90, ORDO_LEDGER_DEDUCTION), ORDO_OK);
    CHECK_EQ(ordo_balance_apply(&b, ORDO_LEDGER_REVERSAL, 15, ORDO_LEDGER_OVERDRAFT), ORDO_OK);
    CHECK_EQ(b.used, 0);
    CHECK_EQ(b.overdraft, 0);
    CHECK_EQ(b.total, 600);
    /* invalid entries leave the balance alone */
    ordo_balance before = b;
    CHECK_EQ(ordo_balance_apply(&b, ORDO_LEDGER_REVERSAL, 10, ORDO_LEDGER_RESERVATION), ORDO_EINVAL);
    CHECK_EQ(ordo_balance_apply(&b, ORDO_LEDGER_REVERSAL, 10, ORDO_LEDGER_REVERSAL), ORDO_EINVAL);
    CHECK_EQ(ordo_balance_apply(&b, ORDO_LEDGER_DEDUCTION, 0, 0), ORDO_EINVAL);
    CHECK_EQ(ordo_balance_apply(&b, ORDO_LEDGER_DEDUCTION, -5, 0), ORDO_EINVAL);
    CHECK_EQ(ordo_balance_apply(&b, (ordo_ledger_kind)17, 5, 0), ORDO_EINVAL);
    CHECK(memcmp(&b, &before, sizeof b) == 0);
}

/* Runs the steps for one situation and compares them to `want` (kind, line, amount triples). */
static void steps_are(const ordo_session_holding *have, int n, ordo_session_status st, int64_t line,
                      int64_t minutes, const ordo_bank_step *want, int nwant, int at)
{
    ordo_bank_step out[8];
    int nout = -1;
    ordo_bank_session_steps(have, n, st, line, minutes, out, &nout);
    if (nout != nwant)
        fprintf(stderr, "  situation at line %d\n", at);
    CHECK_EQ(nout, nwant);
    for (int i = 0; i < nout && i < nwant; i++) {
        CHECK_EQ(out[i].kind, want[i].kind);
        CHECK_EQ(out[i].line, want[i].line);
        CHECK_EQ(out[i].amount, want[i].amount);
    }
}

static void test_contract__session_steps(void)
{
    const ordo_bank_step reserve90[] = { { ORDO_LEDGER_RESERVATION, 7, 90 } };
    steps_are(NULL, 0, ORDO_SESSION_PLANNED, 7, 90, reserve90, 1, __LINE__);
    /* already reserved as it should be: nothing */
    const ordo_session_holding r90 = { 7, 90, 0 };
    steps_are(&r90, 1, ORDO_SESSION_PLANNED, 7, 90, NULL, 0, __LINE__);
    /* moved to a longer slot: release, reserve the new amount */
    const ordo_bank_step resize[] = { { ORDO_LEDGER_RELEASE, 7, 90 }, { ORDO_LEDGER_RESERVATION, 7, 120 } };
    steps_are(&r90, 1, ORDO_SESSION_PLANNED, 7, 120, resize, 2, __LINE__);
    /* course moved to another contract: release on the old line */
    const ordo_bank_step moved[] = { { ORDO_LEDGER_RELEASE, 7, 90 }, { ORDO_LEDGER_RESERVATION, 8, 90 } };
    steps_are(&r90, 1, ORDO_SESSION_PLANNED, 8, 90, moved, 2, __LINE__);
    /* done: the reservation becomes a deduction */
    const ordo_bank_step done[] = { { ORDO_LEDGER_RELEASE, 7, 90 }, { ORDO_LEDGER_DEDUCTION, 7, 90 } };
    steps_are(&r90, 1, ORDO_SESSION_DONE, 7, 90, done, 2, __LINE__);
    const ordo_bank_step done_only[] = { { ORDO_LEDGER_DEDUCTION, 7, 90 } };
    steps_are(NULL, 0, ORDO_SESSION_DONE, 7, 90, done_only, 1, __LINE__);
    /* deducted once: never again, whatever the status says */
    const ordo_session_holding consumed = { 7, 0, 90 };
    steps_are(&consumed, 1, ORDO_SESSION_DONE, 7, 90, NULL, 0, __LINE__);
    steps_are(&consumed, 1, ORDO_SESSION_PLANNED, 7, 90, NULL, 0, __LINE__);
    /* cancelled, unscheduled, no contract: release what is held */
    const ordo_bank_step release[] = { { ORDO_LEDGER_RELEASE, 7, 90 } };
    steps_are(&r90, 1, ORDO_SESSION_CANCELLED, 7, 90, release, 1, __LINE__);
    steps_are(&r90, 1, ORDO_SESSION_UNSCHEDULED, 7, 0, release, 1, __LINE__);
    steps_are(&r90, 1, ORDO_SESSION_PLANNED, 0, 90, release, 1, __LINE__);
    steps_are(NULL, 0, ORDO_SESSION_CANCELLED, 7, 90, NULL, 0, __LINE__);
    /* two lines held (damaged history): both released, one kept */
    const ordo_session_holding two[] = { { 7, 90, 0 }, { 8, 30, 0 } };
    const ordo_bank_step keep7[] = { { ORDO_LEDGER_RELEASE, 8, 30 } };
    steps_are(two, 2, ORDO_SESSION_PLANNED, 7, 90, keep7, 1, __LINE__);
}

static void test_contract__forecast(void)
{
    ordo_forecast_point p[] = {
        { 3, 3000, 120, 0 }, { 1, 1000, 60, 0 }, { 2, 2000, 90, 0 }, { 4, 2000, 30, 0 },
    };
    int runout = ordo_forecast_run(250, p, 4);
    /* sorted by start, then session id */
    CHECK_EQ(p[0].session, 1);
    CHECK_EQ(p[1].session, 2);
    CHECK_EQ(p[2].session, 4);
    CHECK_EQ(p[3].session, 3);
    CHECK_EQ(p[0].balance_after, 190);
    CHECK_EQ(p[1].balance_after, 100);
    CHECK_EQ(p[2].balance_after, 70);
    CHECK_EQ(p[3].balance_after, -50);
    CHECK_EQ(runout, 3);
    /* exactly used up is running out */
    ordo_forecast_point q[] = { { 1, 10, 60, 0 }, { 2, 20, 40, 0 } };
    CHECK_EQ(ordo_forecast_run(100, q, 2), 1);
    CHECK_EQ(q[1].balance_after, 0);
    ordo_forecast_point r[] = { { 1, 10, 60, 0 } };
    CHECK_EQ(ordo_forecast_run(100, r, 1), -1);
    CHECK_EQ(r[0].balance_after, 40);
    CHECK_EQ(ordo_forecast_run(100, NULL, 0), -1);
}

int main(void)
{
    RUN(test_contract__status_transitions);
    RUN(test_contract__names_round_trip);
    RUN(test_contract__balance_arithmetic);
    RUN(test_contract__session_steps);
    RUN(test_contract__forecast);
    return CHECK_DONE();
}
