/*
 * test_service.c — the service layer through the library API (io/service.h)
 * on a real store: primary hour-bank lines kept by save; CRM records (shared
 * id space, references, deletes refused); contract status and lines; cases
 * resolved against a line with every refusal changing nothing; resolving
 * twice; reversals on reactivate and cancel; overdraft; the ledger check.
 */
#include "service_fixture.h"

static int count_lines(const ordo_contract_line *l, void *payload)
{
    (void)l;
    (*(int *)payload)++;
    return 0;
}

static void test_service__primary_lines_follow_contracts(void)
{
    ordo_model *m = NULL;
    ordo_store *s = fixture_open("primary", &m);
    if (!s || !m)
        goto done;
    int64_t l1 = fixture_primary(s, "k1"), l2 = fixture_primary(s, "k2");
    CHECK(l1 > 0 && l2 > 0 && l1 != l2);
    ordo_contract_line l = { 0 };
    CHECK_EQ(ordo_store_line_get(s, l1, &l), ORDO_OK);
    CHECK_STR(l.contract, "k1");
    CHECK_EQ(l.kind, ORDO_LINE_TIME);
    CHECK_EQ(l.is_primary, 1);
    CHECK_EQ(l.balance.total, 600);
    CHECK_EQ(l.start, fx_day(2026, 1, 1));
    CHECK_EQ(l.end, fx_day(2026, 12, 31));
    ordo_contract_line_clear(&l);
    /* a re-import changes minutes and dates: the same line follows */
    m->contracts.v[0].minutes = 900;
    m->contracts.v[0].end = fx_day(2027, 6, 30);
    CHECK_EQ(ordo_store_save(s, m), ORDO_OK);
    CHECK_EQ(fixture_primary(s, "k1"), l1);
    CHECK_EQ(ordo_store_line_get(s, l1, &l), ORDO_OK);
    CHECK_EQ(l.balance.total, 900);
    CHECK_EQ(l.end, fx_day(2027, 6, 30));
    ordo_contract_line_clear(&l);
    int n = 0;
    CHECK_EQ(ordo_store_line_list(s, NULL, count_lines, &n), ORDO_OK);
    CHECK_EQ(n, 2);
    /* a contract without minutes gets no line */
    ordo_contract k3 = { "k3", "acme", fx_day(2026, 1, 1), fx_day(2026, 2, 1), 0, 0, ORDO_CONTRACT_DRAFT };
    CHECK_EQ(ordo_model_put_contract(m, &k3, NULL), ORDO_OK);
    CHECK_EQ(ordo_store_save(s, m), ORDO_OK);
    CHECK_EQ(fixture_primary(s, "k3"), 0);
done:
    ordo_model_free(m);
    ordo_store_close(s);
}

static void test_service__crm_records(void)
{
    ordo_store *s = fixture_open("crm", NULL);
    if (!s)
        return;
    ordo_account a = { "initech", "Initech", ORDO_REL_PROSPECT, { 0 }, NULL };
    CHECK_EQ(ordo_strlist_parse(&a.roles, "competitor;partner"), ORDO_OK);
    CHECK_EQ(ordo_store_account_put(s, &a, ORDO_PUT_NEW), ORDO_OK);
    CHECK_EQ(ordo_store_account_put(s, &a, ORDO_PUT_NEW), ORDO_EEXISTS);
    CHECK_CONTAINS(ordo_store_errmsg(s), "account initech already exists");
    a.name = "Initech Corp";
    a.relationship = ORDO_REL_CLIENT;
    CHECK_EQ(ordo_store_account_put(s, &a, ORDO_PUT_EXISTING), ORDO_OK);
    ordo_account got = { 0 };
    CHECK_EQ(ordo_store_account_get(s, "initech", &got), ORDO_OK);
    CHECK_STR(got.name, "Initech Corp");
    CHECK_EQ(got.relationship, ORDO_REL_CLIENT);
    CHECK_EQ(got.roles.count, 2);
    CHECK(got.roles.count == 2 && strcmp(got.roles.items[1], "partner") == 0);
    ordo_account_clear(&got);
    ordo_strlist_clear(&a.roles);
    ordo_account missing = { "nobody", "X", ORDO_REL_NONE, { 0 }, NULL };
    CHECK_EQ(ordo_store_account_put(s, &missing, ORDO_PUT_EXISTING), ORDO_ENOTFOUND);
    CHECK_EQ(ordo_store_account_get(s, "nobody", &got), ORDO_ENOTFOUND);
    /* accounts and contacts share one id space */
    ordo_contact c = { "initech", "I", "T", NULL, NULL, ORDO_REL_NONE, { 0 }, NULL, NULL };
    CHECK_EQ(ordo_store_contact_put(s, &c, ORDO_PUT_ANY), ORDO_EEXISTS);
    CHECK_CONTAINS(ordo_store_errmsg(s), "already an account id");
    c.id = "bob";
    c.account = "ghost";
    CHECK_EQ(ordo_store_contact_put(s, &c, ORDO_PUT_NEW), ORDO_EINPUT);
    CHECK_CONTAINS(ordo_store_errmsg(s), "account 'ghost' does not exist");
    c.account = "initech";
    c.email = "bob-at-nowhere";
    CHECK_EQ(ordo_store_contact_put(s, &c, ORDO_PUT_NEW), ORDO_EINPUT);
    c.email = "bob@initech.example";
    CHECK_EQ(ordo_store_contact_put(s, &c, ORDO_PUT_NEW), ORDO_OK);
    /* bad roles and ids are refused before anything is written */
    ordo_account bad = { "bad id", "B", ORDO_REL_NONE, { 0 }, NULL };
    CHECK_EQ(ordo_store_account_put(s, &bad, ORDO_PUT_ANY), ORDO_EINPUT);
    bad.id = "bad";
    CHECK_EQ(ordo_strlist_parse(&bad.roles, "Partner"), ORDO_OK);
    CHECK_EQ(ordo_store_account_put(s, &bad, ORDO_PUT_ANY), ORDO_EINPUT);
    CHECK_CONTAINS(ordo_store_errmsg(s), "role 'Partner'");
    ordo_strlist_clear(&bad.roles);
    /* deletes are refused while something refers to the record */
    CHECK_EQ(ordo_store_account_delete(s, "initech"), ORDO_ERULE);
    CHECK_CONTAINS(ordo_store_errmsg(s), "account initech is used by contact bob");
    CHECK_EQ(ordo_store_account_delete(s, "acme"), ORDO_ERULE);
    CHECK_EQ(ordo_store_contact_delete(s, "solo"), ORDO_ERULE);
    CHECK_CONTAINS(ordo_store_errmsg(s), "contract k2");
    CHECK_EQ(ordo_store_contact_delete(s, "bob"), ORDO_OK);
    CHECK_EQ(ordo_store_contact_get(s, "bob", &c), ORDO_ENOTFOUND);
    CHECK_EQ(ordo_store_account_delete(s, "initech"), ORDO_OK);
    CHECK_EQ(ordo_store_account_delete(s, "initech"), ORDO_ENOTFOUND);
    /* products */
    ordo_product p = { "gadget", "Gadget" };
    CHECK_EQ(ordo_store_product_put(s, &p, ORDO_PUT_NEW), ORDO_OK);
    CHECK_EQ(ordo_store_product_put(s, &p, ORDO_PUT_NEW), ORDO_EEXISTS);
    p.name = "";
    CHECK_EQ(ordo_store_product_put(s, &p, ORDO_PUT_EXISTING), ORDO_EINPUT);
    ordo_case k = { 0 };
    k.customer = "acme";
    k.product = "gadget";
    k.title = "Broken";
    k.opened = fx_day(2026, 3, 1);
    CHECK_EQ(ordo_store_case_add(s, &k), ORDO_OK);
    CHECK_EQ(ordo_store_product_delete(s, "gadget"), ORDO_ERULE);
    CHECK_CONTAINS(ordo_store_errmsg(s), "is used by case");
    CHECK_EQ(ordo_store_product_delete(s, "widget"), ORDO_OK);
    /* the model still loads with what the service layer wrote */
    ordo_model *m = NULL;
    CHECK_EQ(ordo_store_load(s, &m), ORDO_OK);
    CHECK(m && ordo_model_find_account(m, "initech") < 0 && ordo_model_find_contact(m, "ada") >= 0);
    ordo_model_free(m);
    ordo_store_close(s);
}

static void test_service__contract_status_and_lines(void)
{
    ordo_store *s = fixture_open("lines", NULL);
    if (!s)
        return;
    CHECK_EQ(ordo_store_contract_set_status(s, "k2", ORDO_CONTRACT_ON_HOLD), ORDO_ERULE);
    CHECK_STR(ordo_store_errmsg(s), "contract k2 is draft: it cannot become on_hold (allowed: active)");
    CHECK_EQ(ordo_store_contract_set_status(s, "k2", ORDO_CONTRACT_ACTIVE), ORDO_OK);
    CHECK_EQ(ordo_store_contract_set_status(s, "k2", ORDO_CONTRACT_ON_HOLD), ORDO_OK);
    CHECK_EQ(ordo_store_contract_set_status(s, "k2", ORDO_CONTRACT_ACTIVE), ORDO_OK);
    CHECK_EQ(ordo_store_contract_set_status(s, "k2", ORDO_CONTRACT_EXPIRED), ORDO_OK);
    CHECK_EQ(ordo_store_contract_set_status(s, "k2", ORDO_CONTRACT_ACTIVE), ORDO_ERULE);
    CHECK_EQ(ordo_store_contract_set_status(s, "nope", ORDO_CONTRACT_ACTIVE), ORDO_ENOTFOUND);
    ordo_model *m = NULL;
    CHECK_EQ(ordo_store_load(s, &m), ORDO_OK);
    CHECK(m && m->contracts.v[1].status == ORDO_CONTRACT_EXPIRED);
    ordo_model_free(m);

    ordo_contract_line l = { 0 };
    l.contract = "k1";
    l.kind = ORDO_LINE_CASES;
    l.balance.total = 5;
    l.start = fx_day(2026, 2, 1);
    l.end = fx_day(2026, 2, 28);
    CHECK_EQ(ordo_store_line_add(s, &l, 0), ORDO_OK);
    CHECK(l.id > 0);
    ordo_contract_line cov = { 0 };
    cov.contract = "k1";
    cov.kind = ORDO_LINE_COVERAGE;
    cov.balance.total = 99;
    CHECK_EQ(ordo_store_line_add(s, &cov, 1), ORDO_OK);
    CHECK_EQ(cov.balance.total, 0);
    CHECK_EQ(cov.start, fx_day(2026, 1, 1));
    ordo_contract_line bad = l;
    bad.end = fx_day(2027, 1, 1);
    CHECK_EQ(ordo_store_line_add(s, &bad, 0), ORDO_EINPUT);
    CHECK_CONTAINS(ordo_store_errmsg(s), "within the contract's (2026-01-01..2026-12-31)");
    bad = l;
    bad.balance.total = 0;
    CHECK_EQ(ordo_store_line_add(s, &bad, 0), ORDO_EINPUT);
    bad = l;
    bad.contract = "ghost";
    CHECK_EQ(ordo_store_line_add(s, &bad, 1), ORDO_ENOTFOUND);
    int n = 0;
    CHECK_EQ(ordo_store_line_list(s, "k1", count_lines, &n), ORDO_OK);
    CHECK_EQ(n, 3);
    ordo_store_close(s);
}

static int billed_count(const ordo_activity *a, void *payload)
{
    *(int *)payload += a->billed;
    return 0;
}

static int billed(ordo_store *s, int64_t case_id)
{
    int n = 0;
    CHECK_EQ(ordo_store_activity_list(s, case_id, billed_count, &n), ORDO_OK);
    return n;
}

static ordo_case_status status_of(ordo_store *s, int64_t id)
{
    ordo_case c = { 0 };
    ordo_case_status st = (ordo_case_status)-1;
    if (ordo_store_case_get(s, id, &c) == ORDO_OK)
        st = c.status;
    ordo_case_clear(&c);
    return st;
}

static void test_service__resolve_and_reverse(void)
{
    ordo_store *s = fixture_open("resolve", NULL);
    if (!s)
        return;
    int64_t line = fixture_primary(s, "k1");
    const int64_t mins[] = { 30, 45, 15 };
    int64_t id = fixture_case(s, "acme", line, mins, 3);
    ordo_resolve_plan p = { -1, -1 };
    CHECK_EQ(ordo_store_case_resolve(s, id, -1, 0, 1000, &p), ORDO_OK);
    CHECK_EQ(p.deduct, 90);
    CHECK_EQ(fixture_balance(s, line).used, 90);
    CHECK_EQ(billed(s, id), 3);
    CHECK_EQ(status_of(s, id), ORDO_CASE_RESOLVED);
    /* twice: refused, nothing deducted again */
    int entries = fixture_ledger_size(s);
    CHECK_EQ(ordo_store_case_resolve(s, id, -1, 0, 1001, &p), ORDO_ERULE);
    CHECK_EQ(p.deduct, 0);
    CHECK_EQ(fixture_balance(s, line).used, 90);
    CHECK_EQ(fixture_ledger_size(s), entries);
    /* activities cannot be added to a resolved case */
    ordo_activity a = { 0, id, ORDO_ACTIVITY_TASK, 10, NULL, 0 };
    CHECK_EQ(ordo_store_activity_add(s, &a), ORDO_ERULE);
    /* reactivate: reversal, activities billable again */
    CHECK_EQ(ordo_store_case_set_status(s, id, ORDO_CASE_ACTIVE, 1002), ORDO_OK);
    CHECK_EQ(fixture_balance(s, line).used, 0);
    CHECK_EQ(billed(s, id), 0);
    CHECK_EQ(fixture_ledger_size(s), entries + 1);
    CHECK_EQ(ordo_store_activity_add(s, &a), ORDO_OK);
    /* --billable replaces the total */
    CHECK_EQ(ordo_store_case_resolve(s, id, 20, 0, 1003, &p), ORDO_OK);
    CHECK_EQ(p.deduct, 20);
    CHECK_EQ(fixture_balance(s, line).used, 20);
    CHECK_EQ(billed(s, id), 4);
    /* cancelling a resolved case reverses too */
    CHECK_EQ(ordo_store_case_set_status(s, id, ORDO_CASE_CANCELLED, 1004), ORDO_OK);
    CHECK_EQ(fixture_balance(s, line).used, 0);
    CHECK_EQ(billed(s, id), 0);
    CHECK_EQ(ordo_store_case_resolve(s, id, -1, 0, 1005, &p), ORDO_ERULE);
    CHECK_CONTAINS(ordo_store_errmsg(s), "is cancelled");
    /* reactivating a cancelled case reverses nothing more */
    entries = fixture_ledger_size(s);
    CHECK_EQ(ordo_store_case_set_status(s, id, ORDO_CASE_ACTIVE, 1006), ORDO_OK);
    CHECK_EQ(fixture_ledger_size(s), entries);
    CHECK_EQ(ordo_store_case_resolve(s, id, -1, 0, 1007, &p), ORDO_OK);
    CHECK_EQ(p.deduct, 100);
    CHECK_EQ(fixture_problems(s), 0);
    ordo_store_close(s);
}

/* A refused resolution changes nothing: ledger, balance, billed flags, status. */
static void refused(ordo_store *s, int64_t id, int64_t line, int64_t billable, int overdraft, const char *why)
{
    ordo_balance before = fixture_balance(s, line);
    int entries = fixture_ledger_size(s), was = billed(s, id);
    ordo_case_status st = status_of(s, id);
    CHECK_EQ(ordo_store_case_resolve(s, id, billable, overdraft, 2000, NULL), ORDO_ERULE);
    CHECK_CONTAINS(ordo_store_errmsg(s), why);
    ordo_balance after = fixture_balance(s, line);
    CHECK(memcmp(&before, &after, sizeof before) == 0);
    CHECK_EQ(fixture_ledger_size(s), entries);
    CHECK_EQ(billed(s, id), was);
    CHECK_EQ(status_of(s, id), st);
}

static void test_service__resolve_refusals_change_nothing(void)
{
    ordo_store *s = fixture_open("refuse", NULL);
    if (!s)
        return;
    int64_t line = fixture_primary(s, "k1");
    const int64_t big[] = { 400, 250 };
    int64_t id = fixture_case(s, "acme", line, big, 2);
    refused(s, id, line, -1, 0, "needs 650 min but line");
    /* the contract on hold: refused even with --overdraft */
    CHECK_EQ(ordo_store_contract_set_status(s, "k1", ORDO_CONTRACT_ON_HOLD), ORDO_OK);
    refused(s, id, line, -1, 1, "contract k1 is on_hold, not active");
    CHECK_EQ(ordo_store_contract_set_status(s, "k1", ORDO_CONTRACT_ACTIVE), ORDO_OK);
    /* opened outside the line's dates */
    ordo_contract_line feb = { 0 };
    feb.contract = "k1";
    feb.kind = ORDO_LINE_TIME;
    feb.balance.total = 1000;
    feb.start = fx_day(2026, 2, 1);
    feb.end = fx_day(2026, 2, 28);
    CHECK_EQ(ordo_store_line_add(s, &feb, 0), ORDO_OK);
    const int64_t small[] = { 10 };
    int64_t march = fixture_case(s, "ada", feb.id, small, 1);   /* ada's account owns k1 */
    CHECK(march > 0);
    refused(s, march, feb.id, -1, 1, "outside line");
    /* the draft contract of solo */
    int64_t solo = fixture_case(s, "solo", fixture_primary(s, "k2"), small, 1);
    refused(s, solo, fixture_primary(s, "k2"), -1, 0, "contract k2 is draft");
    /* a case may not use another customer's line */
    ordo_case other = { 0 };
    other.customer = "solo";
    other.line = line;
    other.title = "x";
    other.opened = fx_day(2026, 3, 1);
    CHECK_EQ(ordo_store_case_add(s, &other), ORDO_ERULE);
    CHECK_CONTAINS(ordo_store_errmsg(s), "belongs to contract k1 of acme, not to solo");
    other.customer = "ghost";
    CHECK_EQ(ordo_store_case_add(s, &other), ORDO_EINPUT);
    other.customer = "acme";
    other.product = "ghost";
    CHECK_EQ(ordo_store_case_add(s, &other), ORDO_EINPUT);
    CHECK_EQ(ordo_store_case_resolve(s, 999999, -1, 0, 0, NULL), ORDO_ENOTFOUND);
    /* reservations count: reserve 600 via a line entry of a session */
    CHECK_EQ(fixture_problems(s), 0);
    ordo_store_close(s);
}

static void test_service__overdraft(void)
{
    ordo_store *s = fixture_open("overdraft", NULL);
    if (!s)
        return;
    int64_t line = fixture_primary(s, "k1");
    const int64_t m1[] = { 500 }, m2[] = { 250 };
    int64_t a = fixture_case(s, "acme", line, m1, 1), b = fixture_case(s, "acme", line, m2, 1);
    ordo_resolve_plan p;
    CHECK_EQ(ordo_store_case_resolve(s, a, -1, 0, 10, &p), ORDO_OK);
    CHECK_EQ(ordo_store_case_resolve(s, b, -1, 1, 11, &p), ORDO_OK);
    CHECK_EQ(p.deduct, 250);
    CHECK_EQ(p.overdraft, 150);
    ordo_balance bal = fixture_balance(s, line);
    CHECK_EQ(bal.used, 750);
    CHECK_EQ(bal.overdraft, 150);
    CHECK_EQ(ordo_balance_remaining(&bal), -150);
    CHECK_EQ(fixture_problems(s), 0);
    /* reactivating b reverses its deduction and its overdraft */
    CHECK_EQ(ordo_store_case_set_status(s, b, ORDO_CASE_ACTIVE, 12), ORDO_OK);
    bal = fixture_balance(s, line);
    CHECK_EQ(bal.used, 500);
    CHECK_EQ(bal.overdraft, 0);
    CHECK_EQ(fixture_problems(s), 0);
    ordo_store_close(s);
}

static int collect_problem(const char *msg, void *payload)
{
    (void)msg;
    (*(int *)payload)++;
    return 0;
}

static void test_service__check_and_summary(void)
{
    ordo_store *s = fixture_open("check", NULL);
    if (!s)
        return;
    int64_t line = fixture_primary(s, "k1");
    const int64_t m[] = { 20, 25, 5 };
    for (int i = 0; i < 4; i++) {
        int64_t id = fixture_case(s, i % 2 ? "ada" : "acme", line, m, 3);
        if (i < 3)
            CHECK_EQ(ordo_store_case_resolve(s, id, -1, 0, 5, NULL), ORDO_OK);
    }
    int seen = 0, problems = -1;
    CHECK_EQ(ordo_store_bank_check(s, collect_problem, &seen, &problems), ORDO_OK);
    CHECK_EQ(problems, 0);
    CHECK_EQ(seen, 0);
    ordo_customer_summary sum;
    CHECK_EQ(ordo_store_customer_summary(s, "acme", &sum), ORDO_OK);
    CHECK_EQ(sum.open_cases, 0);
    CHECK_EQ(sum.resolved_cases, 2);
    CHECK_EQ(sum.minutes_spent, 100);
    CHECK_EQ(sum.calls, 2);            /* the first activity of each case is a phone call */
    CHECK_EQ(ordo_store_customer_summary(s, "ada", &sum), ORDO_OK);
    CHECK_EQ(sum.open_cases, 1);
    CHECK_EQ(sum.resolved_cases, 1);
    CHECK_EQ(ordo_store_customer_summary(s, "nobody", &sum), ORDO_OK);
    CHECK_EQ(sum.open_cases + sum.resolved_cases + sum.calls, 0);
    ordo_store_close(s);
}

int main(void)
{
    RUN(test_service__primary_lines_follow_contracts);
    RUN(test_service__crm_records);
    RUN(test_service__contract_status_and_lines);
    RUN(test_service__resolve_and_reverse);
    RUN(test_service__resolve_refusals_change_nothing);
    RUN(test_service__overdraft);
    RUN(test_service__check_and_summary);
    return CHECK_DONE();
}
