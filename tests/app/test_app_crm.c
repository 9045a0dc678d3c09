/*
 * test_app_crm.c — the CRM use cases of app/app_crm.h on a real store:
 * add/update/get/list/delete of accounts, contacts and products with their
 * errors (duplicate id, unknown account, bad relationship naming the field,
 * delete refused while referenced), update changing only the fields given,
 * and two threads updating different fields of one account at the same
 * time, many times: both changes survive every round (no lost update).
 */
#include "app/app_crm.h"
#include "check.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ROUNDS 25

static char db[512];

static ordo_app *open_app(int must_exist)
{
    ordo_app *a = NULL;
    ordo_err err = { 0 };
    CHECK_EQ(ordo_app_open(&a, db, must_exist, &err), ORDO_OK);
    return a;
}

static void test_crm__records(void)
{
    ordo_app *a = open_app(0);
    ordo_app_party_req rq = { 0 };
    ordo_account acc = { 0 };
    rq.id = "acme";
    rq.name = "Acme";
    rq.relationship = "client";
    rq.roles = "partner;supplier";
    CHECK_EQ(ordo_app_account_add(a, &rq, &acc), ORDO_OK);
    CHECK_STR(acc.name, "Acme");
    CHECK_EQ(acc.relationship, ORDO_REL_CLIENT);
    CHECK_EQ(acc.roles.count, 2);
    ordo_account_clear(&acc);
    CHECK_EQ(ordo_app_account_add(a, &rq, NULL), ORDO_EEXISTS);

    /* update: only the name */
    ordo_app_party_req up = { 0 };
    up.id = "acme";
    up.name = "Acme Corp";
    CHECK_EQ(ordo_app_account_update(a, &up, &acc), ORDO_OK);
    CHECK_STR(acc.name, "Acme Corp");
    CHECK_EQ(acc.roles.count, 2);
    CHECK_EQ(acc.relationship, ORDO_REL_CLIENT);
    ordo_account_clear(&acc);
    up.relationship = "friend";
    CHECK_EQ(ordo_app_account_update(a, &up, NULL), ORDO_EINVAL);
    CHECK_STR(ordo_app_errfield(a), "relationship");
    up.relationship = NULL;
    up.id = "nobody";
    CHECK_EQ(ordo_app_account_update(a, &up, NULL), ORDO_ENOTFOUND);

    /* a contact of the account; one of an unknown account is refused */
    ordo_app_party_req c = { 0 };
    ordo_contact con = { 0 };
    c.id = "ada";
    c.first_name = "Ada";
    c.last_name = "Lovelace";
    c.email = "ada@example.org";
    c.account = "acme";
    CHECK_EQ(ordo_app_contact_add(a, &c, &con), ORDO_OK);
    CHECK_STR(con.account, "acme");
    ordo_contact_clear(&con);
    c.id = "bob";
    c.account = "ghost";
    CHECK_EQ(ordo_app_contact_add(a, &c, NULL), ORDO_EINPUT);
    c.id = "acme";                           /* accounts and contacts share ids */
    c.account = NULL;
    CHECK_EQ(ordo_app_contact_add(a, &c, NULL), ORDO_EEXISTS);
    /* clearing the email only */
    ordo_app_party_req ce = { 0 };
    ce.id = "ada";
    ce.email = "";
    CHECK_EQ(ordo_app_contact_update(a, &ce, &con), ORDO_OK);
    CHECK(con.email == NULL);
    CHECK_STR(con.account, "acme");
    ordo_contact_clear(&con);

    /* delete refused while the contact refers to the account */
    CHECK_EQ(ordo_app_account_delete(a, "acme"), ORDO_ERULE);
    CHECK_CONTAINS(ordo_app_errmsg(a), "ada");
    CHECK_EQ(ordo_app_contact_delete(a, "ada"), ORDO_OK);

    ordo_app_party_req p = { 0 };
    p.id = "printer";
    p.name = "Printer X";
    CHECK_EQ(ordo_app_product_add(a, &p, NULL), ORDO_OK);
    ordo_app_products pl = { 0 };
    CHECK_EQ(ordo_app_product_list(a, &pl), ORDO_OK);
    CHECK_EQ(pl.n, 1);
    if (pl.n == 1)
        CHECK_STR(pl.v[0].name, "Printer X");
    ordo_app_products_clear(&pl);
    ordo_app_accounts al = { 0 };
    CHECK_EQ(ordo_app_account_list(a, &al), ORDO_OK);
    CHECK_EQ(al.n, 1);
    ordo_app_accounts_clear(&al);
    ordo_app_contacts cl = { 0 };
    CHECK_EQ(ordo_app_contact_list(a, &cl), ORDO_OK);
    CHECK_EQ(cl.n, 0);
    ordo_app_contacts_clear(&cl);
    ordo_app_close(a);
}

typedef struct upd {
    pthread_barrier_t *go;
    int which, round, rc;
} upd;

static void *update_one(void *p)
{
    upd *u = p;
    ordo_app *a = open_app(1);
    char v[64];
    ordo_app_party_req rq = { 0 };
    rq.id = "acme";
    snprintf(v, sizeof v, u->which ? "role_%d" : "Name %d", u->round);
    if (u->which)
        rq.roles = v;
    else
        rq.name = v;
    ordo_app_set_busy_timeout(a, 30000);
    pthread_barrier_wait(u->go);
    u->rc = ordo_app_account_update(a, &rq, NULL);
    ordo_app_close(a);
    return NULL;
}

static void test_crm__concurrent_updates_keep_both(void)
{
    int lost = 0;
    for (int round = 0; round < ROUNDS; round++) {
        pthread_t t[2];
        upd u[2];
        pthread_barrier_t go;
        pthread_barrier_init(&go, NULL, 2);
        for (int i = 0; i < 2; i++) {
            u[i] = (upd){ &go, i, round, 1 };
            pthread_create(&t[i], NULL, update_one, &u[i]);
        }
        for (int i = 0; i < 2; i++)
            pthread_join(t[i], NULL);
        pthread_barrier_destroy(&go);
        CHECK_EQ(u[0].rc, ORDO_OK);
        CHECK_EQ(u[1].rc, ORDO_OK);
        ordo_app *a = open_app(1);
        ordo_account acc = { 0 };
        char name[64], role[64];
        snprintf(name, sizeof name, "Name %d", round);
        snprintf(role, sizeof role, "role_%d", round);
        CHECK_EQ(ordo_app_account_get(a, "acme", &acc), ORDO_OK);
        lost += !acc.name || strcmp(acc.name, name) != 0 || acc.roles.count != 1 ||
                strcmp(acc.roles.items[0], role) != 0;
        ordo_account_clear(&acc);
        ordo_app_close(a);
    }
    CHECK_EQ(lost, 0);
}

int main(void)
{
    mkdir(check_env("ORDO_TMP", "/tmp"), 0777);   /* may exist */
    snprintf(db, sizeof db, "%s/test_app_crm_%d.db", check_env("ORDO_TMP", "/tmp"), (int)getpid());
    unlink(db);
    RUN(test_crm__records);
    RUN(test_crm__concurrent_updates_keep_both);
    unlink(db);
    return CHECK_DONE();
}
