/*
 * test_qualify_dedup.c — qualify never makes a duplicate (app/sales.h):
 * a lead like an existing contact is refused with the contact candidates
 * (and the accounts like its company beside them), nothing stored; a lead
 * whose company is the same account once normalised ("INITECH SYSTEMS
 * Ltd" = "Initech Systems") is linked to it; a merely similar company
 * ("Initech System") is refused with the account candidates (field
 * "account") until the user picks one or overrides with create_new.
 */
#include "app/app_crm.h"
#include "app/sales.h"
#include "check.h"
#include "model/dedup.h"

#include <stdio.h>
#include <string.h>

#define NOW_S 1788220800            /* 2026-09-01T00:00Z */

static ordo_app *open_fresh(const char *name)
{
    char db[1024];
    ordo_app *a = NULL;
    ordo_err err = { 0 };
    CHECK_EQ(ordo_app_open(&a, check_tmp_db(db, sizeof db, name), 0, &err), ORDO_OK);
    return a;
}

static void add_lead(ordo_app *a, const char *id, const char *first, const char *last, const char *company)
{
    ordo_app_lead_req q = { 0 };
    q.id = id;
    q.topic = "Excel training";
    q.first_name = first;
    q.last_name = last;
    q.company = company;
    q.channel = "web";
    CHECK_EQ(ordo_app_lead_add(a, &q), ORDO_OK);
}

static int qualify(ordo_app *a, const char *lead, const char *account, int create_new, ordo_app_qualify_result *r)
{
    ordo_app_qualify_req q = { 0 };
    q.lead = lead;
    q.account = account;
    q.create_new = create_new;
    q.now = NOW_S;
    return ordo_app_lead_qualify(a, &q, r);
}

static int count_accounts(ordo_app *a)
{
    ordo_app_accounts l = { 0 };
    CHECK_EQ(ordo_app_account_list(a, &l), ORDO_OK);
    int n = l.n;
    ordo_app_accounts_clear(&l);
    return n;
}

static void test_qualify_dedup__contact_refused_with_candidates(void)
{
    ordo_app *a = open_fresh("qualify-dedup-contact");
    ordo_app_qualify_result r;
    ordo_lead l = { 0 };
    ordo_app_party_req acc = { .id = "acme", .name = "Acme Ltd" };
    ordo_app_party_req c = { .id = "c-john", .first_name = "John", .last_name = "Smith", .account = "acme" };
    CHECK_EQ(ordo_app_account_add(a, &acc, NULL), ORDO_OK);
    CHECK_EQ(ordo_app_contact_add(a, &c, NULL), ORDO_OK);
    add_lead(a, "L1", "John", "Xmith", "ACME Limited");   /* the last name's first letter mistyped */
    CHECK_EQ(qualify(a, "L1", NULL, 0, &r), ORDO_ERULE);
    CHECK_STR(ordo_app_errfield(a), "contact");
    CHECK_EQ(r.ncandidates, 2);
    CHECK_STR(r.candidates[0].kind, "contact");
    CHECK_STR(r.candidates[0].id, "c-john");
    CHECK_STR(r.candidates[0].why, "name");
    CHECK_STR(r.candidates[1].kind, "account");
    CHECK_STR(r.candidates[1].id, "acme");
    CHECK_CONTAINS(ordo_app_errmsg(a), "lead L1 may be an existing contact: c-john (name, 0.9");
    CHECK_CONTAINS(ordo_app_errmsg(a), "accounts like its company: acme (name, 1.00)");
    CHECK_EQ(ordo_app_lead_get(a, "L1", &l), ORDO_OK);
    CHECK_EQ(l.status, ORDO_LEAD_OPEN);               /* nothing changed */
    ordo_lead_clear(&l);
    /* the user picks the contact: its account comes with it */
    ordo_app_qualify_req q = { .lead = "L1", .contact = "c-john", .now = NOW_S };
    CHECK_EQ(ordo_app_lead_qualify(a, &q, &r), ORDO_OK);
    CHECK_STR(r.contact, "c-john");
    CHECK_STR(r.account, "acme");
    CHECK_EQ(r.created_contact, 0);
    CHECK_EQ(r.created_account, 0);
    ordo_app_close(a);
}

/* The phone alone: a lead with another name and no e-mail, whose phone is
 * a contact's written another way, is that contact's candidate; a lead
 * qualified into a new contact gives it its phone (the next lead with that
 * phone finds it). */
static void test_qualify_dedup__phone(void)
{
    ordo_app *a = open_fresh("qualify-dedup-phone");
    ordo_app_qualify_result r;
    ordo_app_party_req c = { .id = "c-ana", .first_name = "Ana", .last_name = "Lopez", .phone = "04 77 12 34 56" };
    CHECK_EQ(ordo_app_contact_add(a, &c, NULL), ORDO_OK);
    ordo_app_lead_req q = { .id = "L1", .topic = "Word", .first_name = "A.", .last_name = "L.", .phone = "+33 477 123 456",
                            .channel = "phone" };
    CHECK_EQ(ordo_app_lead_add(a, &q), ORDO_OK);
    CHECK_EQ(qualify(a, "L1", NULL, 0, &r), ORDO_ERULE);
    CHECK_EQ(r.ncandidates, 1);
    CHECK_STR(r.candidates[0].id, "c-ana");
    CHECK_STR(r.candidates[0].why, "phone");
    /* a new person: created with the lead's phone, as typed */
    ordo_app_lead_req q2 = { .id = "L2", .topic = "Excel", .first_name = "Bruno", .last_name = "Petit",
                             .phone = "06 11 22 33 44", .channel = "web" };
    CHECK_EQ(ordo_app_lead_add(a, &q2), ORDO_OK);
    CHECK_EQ(qualify(a, "L2", NULL, 0, &r), ORDO_OK);
    CHECK_EQ(r.created_contact, 1);
    ordo_contact got = { 0 };
    CHECK_EQ(ordo_app_contact_get(a, r.contact, &got), ORDO_OK);
    CHECK_STR(got.phone, "06 11 22 33 44");
    ordo_contact_clear(&got);
    ordo_app_lead_req q3 = { .id = "L3", .topic = "Excel", .first_name = "X", .last_name = "Y",
                             .phone = "0033 6 11 22 33 44", .channel = "web" };
    CHECK_EQ(ordo_app_lead_add(a, &q3), ORDO_OK);
    CHECK_EQ(qualify(a, "L3", NULL, 0, &r), ORDO_ERULE);
    CHECK_EQ(r.ncandidates, 1);
    CHECK_STR(r.candidates[0].id, "L2-contact");
    ordo_app_close(a);
}

static void test_qualify_dedup__accounts(void)
{
    ordo_app *a = open_fresh("qualify-dedup-account");
    ordo_app_qualify_result r;
    ordo_lead l = { 0 };
    ordo_app_party_req acc = { .id = "initech", .name = "Initech Systems" };
    CHECK_EQ(ordo_app_account_add(a, &acc, NULL), ORDO_OK);

    /* the same company once normalised: linked, no new account */
    add_lead(a, "L1", "Peter", "Gibbons", "INITECH SYSTEMS Ltd");
    CHECK_EQ(qualify(a, "L1", NULL, 0, &r), ORDO_OK);
    CHECK_STR(r.account, "initech");
    CHECK_EQ(r.created_account, 0);
    CHECK_EQ(r.created_contact, 1);

    /* similar: refused with the candidate, nothing stored */
    add_lead(a, "L2", "Milton", "Waddams", "Initech System");
    CHECK_EQ(qualify(a, "L2", NULL, 0, &r), ORDO_ERULE);
    CHECK_STR(ordo_app_errfield(a), "account");
    CHECK_EQ(r.ncandidates, 1);
    CHECK_STR(r.candidates[0].kind, "account");
    CHECK_STR(r.candidates[0].id, "initech");
    CHECK(r.candidates[0].score >= ORDO_DEDUP_THRESHOLD && r.candidates[0].score < 1.0);
    CHECK_CONTAINS(ordo_app_errmsg(a), "lead L2: company 'Initech System' may be an existing account: initech "
                                       "(name, 0.9");
    CHECK_EQ(ordo_app_lead_get(a, "L2", &l), ORDO_OK);
    CHECK_EQ(l.status, ORDO_LEAD_OPEN);
    ordo_lead_clear(&l);
    CHECK_EQ(count_accounts(a), 1);
    CHECK_EQ(ordo_app_contact_get(a, "L2-contact", &(ordo_contact){ 0 }), ORDO_ENOTFOUND);

    /* the user picks it */
    CHECK_EQ(qualify(a, "L2", "initech", 0, &r), ORDO_OK);
    CHECK_STR(r.account, "initech");
    CHECK_EQ(r.created_account, 0);

    /* or overrides: a new account */
    add_lead(a, "L3", "Bill", "Lumbergh", "Initech System");
    CHECK_EQ(qualify(a, "L3", NULL, 1, &r), ORDO_OK);
    CHECK_STR(r.account, "L3-account");
    CHECK_EQ(r.created_account, 1);

    /* a different company: a new account without asking */
    add_lead(a, "L4", "Samir", "Nagheenanajar", "Initrode");
    CHECK_EQ(qualify(a, "L4", NULL, 0, &r), ORDO_OK);
    CHECK_STR(r.account, "L4-account");
    CHECK_EQ(r.created_account, 1);
    ordo_app_close(a);
}

int main(void)
{
    RUN(test_qualify_dedup__contact_refused_with_candidates);
    RUN(test_qualify_dedup__phone);
    RUN(test_qualify_dedup__accounts);
    return CHECK_DONE();
}
