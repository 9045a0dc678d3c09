/*
 * test_ledger.c — the read and hour-bank use cases that cli/ calls instead
 * of the store (app_ledger.h), on a real file:
 *   - meta: a key not set is ORDO_ENOTFOUND, a set value reads back, and a
 *     second handle sees it (the write committed);
 *   - a line for an unknown contract is refused with the store's message,
 *     the file and the contract's lines unchanged; a good one gets an id
 *     and is listed after the hour bank;
 *   - the ledger check finds nothing to report, the whole model holds the
 *     contract, the customer's summary counts no case.
 */
#include "app/app_ledger.h"
#include "check.h"
#include "io/store.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char db[512];

static void make_db(void)
{
    ordo_model *m = NULL;
    ordo_store *s = NULL;
    ordo_err err = { 0 };
    snprintf(db, sizeof db, "%s/test_ledger_%d.db", check_env("ORDO_TMP", "/tmp"), (int)getpid());
    unlink(db);
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    ordo_account acc = { 0 };
    acc.id = "acme";
    acc.name = "Acme";
    CHECK_EQ(ordo_model_put_account(m, &acc, NULL), ORDO_OK);
    ordo_contract k = { 0 };
    k.id = "k1";
    k.customer = "acme";
    CHECK_EQ(ordo_date_parse("2027-01-01", &k.start), 0);
    CHECK_EQ(ordo_date_parse("2027-12-31", &k.end), 0);
    k.minutes = 600;
    k.status = ORDO_CONTRACT_ACTIVE;
    CHECK_EQ(ordo_model_put_contract(m, &k, NULL), ORDO_OK);
    CHECK_EQ(ordo_store_open(&s, db, &err), ORDO_OK);
    CHECK_EQ(ordo_store_save(s, m), ORDO_OK);
    ordo_store_close(s);
    ordo_model_free(m);
}

static int count_line(const ordo_contract_line *l, void *payload)
{
    int *n = payload;
    *n += 1 + (l->kind == ORDO_LINE_TIME && l->balance.total == 120 && !l->is_primary) * 100;
    return ORDO_OK;
}

static int count_problem(const char *message, void *payload)
{
    (void)message;
    ++*(int *)payload;
    return ORDO_OK;
}

static int64_t file_size(void)
{
    struct stat st;
    return stat(db, &st) == 0 ? (int64_t)st.st_size : -1;
}

static void test_ledger__use_cases(void)
{
    ordo_app *a = NULL, *b = NULL;
    ordo_err err = { 0 };
    char buf[64];
    CHECK_EQ(ordo_app_open(&a, db, 1, &err), ORDO_OK);
    CHECK_EQ(ordo_app_open(&b, db, 1, &err), ORDO_OK);

    CHECK_EQ(ordo_app_meta_get(a, "window", buf, sizeof buf), ORDO_ENOTFOUND);
    CHECK_EQ(ordo_app_meta_set(a, "window", "2027-01-04..2027-04-04"), ORDO_OK);
    CHECK_EQ(ordo_app_meta_get(b, "window", buf, sizeof buf), ORDO_OK);
    CHECK_STR(buf, "2027-01-04..2027-04-04");

    int before = 0, after = 0, problems = -1;
    CHECK_EQ(ordo_app_line_list(a, "k1", count_line, &before), ORDO_OK);
    CHECK_EQ(before, 1);                               /* the hour bank */
    int64_t size = file_size();
    ordo_contract_line l = { 0 };
    l.contract = "nope";
    l.kind = ORDO_LINE_TIME;
    l.balance.total = 120;
    CHECK(ordo_app_line_add(a, &l, 1) < 0);
    CHECK_CONTAINS(ordo_app_errmsg(a), "nope");
    CHECK_EQ(file_size(), size);
    CHECK_EQ(ordo_app_line_list(b, "k1", count_line, &after), ORDO_OK);
    CHECK_EQ(after, 1);

    l.contract = "k1";
    CHECK_EQ(ordo_app_line_add(a, &l, 1), ORDO_OK);
    CHECK(l.id > 0);
    after = 0;
    CHECK_EQ(ordo_app_line_list(b, "k1", count_line, &after), ORDO_OK);
    CHECK_EQ(after, 102);                              /* the hour bank and the new 120 min line */

    CHECK_EQ(ordo_app_bank_check(b, count_problem, &problems, &problems), ORDO_OK);
    CHECK_EQ(problems, 0);
    ordo_model *m = NULL;
    CHECK_EQ(ordo_app_model(b, &m), ORDO_OK);
    CHECK(m && ordo_model_find_contract(m, "k1") >= 0);
    ordo_model_free(m);
    ordo_customer_summary sum;
    memset(&sum, 0, sizeof sum);
    CHECK_EQ(ordo_app_customer_summary(b, "acme", &sum), ORDO_OK);
    CHECK_EQ(sum.open_cases + sum.resolved_cases + sum.cancelled_cases, 0);
    ordo_app_close(a);
    ordo_app_close(b);
}

int main(void)
{
    mkdir(check_env("ORDO_TMP", "/tmp"), 0777);   /* may exist */
    make_db();
    RUN(test_ledger__use_cases);
    unlink(db);
    return CHECK_DONE();
}
