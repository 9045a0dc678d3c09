/*
 * test_app_service.c — contracts and cases through app/app_service.h on a
 * real store: a contract added (duplicates and unknown customers refused,
 * only its row and hour-bank line written), activated; a case on its hour
 * bank with activities, resolved: the deduction is the activities' total
 * and the contract's remaining hours drop by it; resolving again is
 * refused and deducts nothing more; bad enum text names the field.
 */
#include "app/app_crm.h"
#include "app/app_service.h"
#include "check.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static char db[512];

static void test_service__contract_case_resolve(void)
{
    ordo_app *a = NULL;
    ordo_err err = { 0 };
    CHECK_EQ(ordo_app_open(&a, db, 0, &err), ORDO_OK);
    ordo_app_party_req acc = { 0 };
    acc.id = "acme";
    acc.name = "Acme";
    CHECK_EQ(ordo_app_account_add(a, &acc, NULL), ORDO_OK);

    ordo_app_contract_add_req k = { "acme-2027", "acme", "2027-01-01", "2027-12-31", "10" };
    ordo_app_contract c = { 0 };
    CHECK_EQ(ordo_app_contract_add(a, &k, &c), ORDO_OK);
    CHECK_EQ(c.status, ORDO_CONTRACT_DRAFT);
    CHECK_EQ(c.minutes, 600);
    CHECK_EQ(c.nlines, 1);
    CHECK_EQ(c.bank.total, 600);
    CHECK_EQ(c.remaining, 600);
    ordo_app_contract_clear(&c);
    CHECK_EQ(ordo_app_contract_add(a, &k, NULL), ORDO_EEXISTS);
    ordo_app_contract_add_req bad = { "x-1", "ghost", "2027-01-01", "2027-12-31", NULL };
    CHECK_EQ(ordo_app_contract_add(a, &bad, NULL), ORDO_EINPUT);
    CHECK_STR(ordo_app_errfield(a), "customer");
    bad.customer = "acme";
    bad.end = "2026-01-01";
    CHECK_EQ(ordo_app_contract_add(a, &bad, NULL), ORDO_EINVAL);
    CHECK_STR(ordo_app_errfield(a), "end");
    CHECK_EQ(ordo_app_contract_get(a, "x-1", &c), ORDO_ENOTFOUND);
    CHECK_EQ(ordo_app_contract_set_status(a, "acme-2027", ORDO_CONTRACT_ACTIVE), ORDO_OK);

    ordo_app_case_add_req cr = { 0 };
    ordo_app_case kc = { 0 };
    cr.customer = "acme";
    cr.title = "Printer jam";
    cr.contract = "acme-2027";
    cr.opened = "2027-02-01";
    cr.priority = "urgent";
    CHECK_EQ(ordo_app_case_add(a, &cr, &kc), ORDO_EINVAL);
    CHECK_STR(ordo_app_errfield(a), "priority");
    cr.priority = "high";
    CHECK_EQ(ordo_app_case_add(a, &cr, &kc), ORDO_OK);
    CHECK(kc.c.id > 0);
    CHECK_EQ(kc.c.status, ORDO_CASE_ACTIVE);
    CHECK_EQ(kc.c.priority, ORDO_PRIORITY_HIGH);
    int64_t id = kc.c.id;
    ordo_app_case_clear(&kc);

    ordo_app_activity_req ar = { id, "phone_call", 25, "first call", 0 };
    int64_t act = 0;
    CHECK_EQ(ordo_app_activity_add(a, &ar, &act), ORDO_OK);
    CHECK(act > 0);
    ar.kind = "task";
    ar.minutes = 50;
    ar.subject = NULL;
    CHECK_EQ(ordo_app_activity_add(a, &ar, NULL), ORDO_OK);
    ar.kind = "nap";
    CHECK_EQ(ordo_app_activity_add(a, &ar, NULL), ORDO_EINVAL);
    CHECK_EQ(ordo_app_case_get(a, id, &kc), ORDO_OK);
    CHECK_EQ(kc.nactivities, 2);
    CHECK_EQ(kc.minutes, 75);
    ordo_app_case_clear(&kc);

    ordo_app_resolve_req rr = { id, -1, 0, 0 };
    ordo_resolve_plan p = { 0, 0 };
    CHECK_EQ(ordo_app_case_resolve(a, &rr, &p), ORDO_OK);
    CHECK_EQ(p.deduct, 75);
    CHECK_EQ(ordo_app_contract_get(a, "acme-2027", &c), ORDO_OK);
    CHECK_EQ(c.bank.used, 75);
    CHECK_EQ(c.remaining, 600 - 75);
    ordo_app_contract_clear(&c);
    CHECK_EQ(ordo_app_case_resolve(a, &rr, &p), ORDO_ERULE);
    CHECK_EQ(ordo_app_contract_get(a, "acme-2027", &c), ORDO_OK);
    CHECK_EQ(c.bank.used, 75);
    ordo_app_contract_clear(&c);

    ordo_app_cases l = { 0 };
    CHECK_EQ(ordo_app_case_list(a, "acme", "resolved", &l), ORDO_OK);
    CHECK_EQ(l.n, 1);
    ordo_app_cases_clear(&l);
    CHECK_EQ(ordo_app_case_list(a, "acme", "active", &l), ORDO_OK);
    CHECK_EQ(l.n, 0);
    ordo_app_cases_clear(&l);
    /* reactivating reverses the deduction */
    CHECK_EQ(ordo_app_case_set_status(a, id, ORDO_CASE_ACTIVE, 0), ORDO_OK);
    CHECK_EQ(ordo_app_contract_get(a, "acme-2027", &c), ORDO_OK);
    CHECK_EQ(c.bank.used, 0);
    ordo_app_contract_clear(&c);
    ordo_app_close(a);
}

int main(void)
{
    mkdir(check_env("ORDO_TMP", "/tmp"), 0777);   /* may exist */
    snprintf(db, sizeof db, "%s/test_app_service_%d.db", check_env("ORDO_TMP", "/tmp"), (int)getpid());
    unlink(db);
    RUN(test_service__contract_case_resolve);
    unlink(db);
    return CHECK_DONE();
}
