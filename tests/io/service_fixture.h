/*
 * service_fixture.h — a small store for the service-layer tests: site s1
 * (Europe/Paris), trainer p1, service svc (90 min, one person), account acme
 * (client, partner) with contact ada, contact solo; contracts k1 (acme,
 * active, 2026, 600 min), k2 (solo, draft, 2026-03..06, 120 min); course
 * co1 of acme on k1 with 3 sessions; product widget. Files go to $ORDO_TMP.
 */
#ifndef ORDO_SERVICE_FIXTURE_H
#define ORDO_SERVICE_FIXTURE_H

#include "check.h"
#include "io/service.h"

#include <errno.h>
#include <sys/stat.h>

static char fixture_path[1024];

/* A fresh file name in $ORDO_TMP (old file and its WAL removed). */
static const char *fixture_tmp(const char *name)
{
    const char *dir = check_env("ORDO_TMP", "/tmp/ordo-test");
    char extra[1100];
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        fprintf(stderr, "cannot create %s\n", dir);
    snprintf(fixture_path, sizeof fixture_path, "%s/service-%s.db", dir, name);
    remove(fixture_path);
    snprintf(extra, sizeof extra, "%s-wal", fixture_path);
    remove(extra);
    snprintf(extra, sizeof extra, "%s-shm", fixture_path);
    remove(extra);
    return fixture_path;
}

static ordo_date fx_day(int y, int m, int d) { return ordo_date_from_ymd(y, m, d); }

/* The fixture's model; with_course 0 leaves co1 out. */
static ordo_model *fixture_model(int with_course)
{
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    if (!m)
        return NULL;
    ordo_site site = { "s1", "Paris", "Europe/Paris" };
    ordo_resource p1 = { "p1", "Pat", ORDO_PERSON, 0, 0, { 0 }, NULL };
    ordo_service svc = { "svc", "Service", 90 };
    ordo_requirement req = { 0, ORDO_PERSON, 1, NULL, ORDO_CAPACITY_ANY, 0 };
    ordo_account acme = { "acme", "Acme", ORDO_REL_CLIENT, { 0 }, NULL };
    ordo_contact ada = { "ada", "Ada", "Lovelace", "ada@acme.example", "acme", ORDO_REL_CLIENT, { 0 }, NULL, NULL };
    ordo_contact solo = { "solo", "Sol", "O", NULL, NULL, ORDO_REL_PROSPECT, { 0 }, NULL, NULL };
    ordo_contract k1 = { "k1", "acme", fx_day(2026, 1, 1), fx_day(2026, 12, 31), 600, 0, ORDO_CONTRACT_ACTIVE };
    ordo_contract k2 = { "k2", "solo", fx_day(2026, 3, 1), fx_day(2026, 6, 30), 120, 0, ORDO_CONTRACT_DRAFT };
    ordo_course co1 = { "co1", "Course", 0, "acme", 0, 3, 4, fx_day(2026, 3, 1), fx_day(2026, 3, 31), 0,
                        { 0 }, 0, 0, 0, { 0 } };
    CHECK_EQ(ordo_model_put_site(m, &site, NULL), ORDO_OK);
    CHECK_EQ(ordo_model_put_resource(m, &p1, NULL), ORDO_OK);
    CHECK_EQ(ordo_model_put_service(m, &svc, NULL), ORDO_OK);
    CHECK_EQ(ordo_model_add_requirement(m, &req), ORDO_OK);
    CHECK_EQ(ordo_model_put_account(m, &acme, NULL), ORDO_OK);
    CHECK_EQ(ordo_model_put_contact(m, &ada, NULL), ORDO_OK);
    CHECK_EQ(ordo_model_put_contact(m, &solo, NULL), ORDO_OK);
    CHECK_EQ(ordo_model_put_contract(m, &k1, NULL), ORDO_OK);
    CHECK_EQ(ordo_model_put_contract(m, &k2, NULL), ORDO_OK);
    if (with_course)
        CHECK_EQ(ordo_model_put_course(m, &co1, NULL), ORDO_OK);
    return m;
}

/* Opens a new store at fixture_tmp(name) holding fixture_model() and the
 * product widget; *out_model (may be NULL) gets the saved model. */
static ordo_store *fixture_open(const char *name, ordo_model **out_model)
{
    ordo_store *s = NULL;
    ordo_err err = { 0 };
    ordo_model *m = fixture_model(1);
    CHECK_EQ(ordo_store_open(&s, fixture_tmp(name), &err), ORDO_OK);
    if (s && m) {
        CHECK_EQ(ordo_store_save(s, m), ORDO_OK);
        ordo_product widget = { "widget", "Widget 3000" };
        CHECK_EQ(ordo_store_product_put(s, &widget, ORDO_PUT_NEW), ORDO_OK);
    }
    if (out_model)
        *out_model = m;
    else
        ordo_model_free(m);
    return s;
}

/* A new case of `customer` on `line` opened 2026-03-10, with activities of
 * the given minutes (n of them); returns its id (0 on failure). */
static int64_t fixture_case(ordo_store *s, const char *customer, int64_t line, const int64_t *minutes, int n)
{
    ordo_case c = { 0 };
    c.customer = (char *)customer;
    c.line = line;
    c.title = "Printer on fire";
    c.priority = ORDO_PRIORITY_HIGH;
    c.origin = ORDO_ORIGIN_PHONE;
    c.opened = fx_day(2026, 3, 10);
    if (ordo_store_case_add(s, &c) != ORDO_OK) {
        fprintf(stderr, "case add: %s\n", ordo_store_errmsg(s));
        return 0;
    }
    for (int i = 0; i < n; i++) {
        ordo_activity a = { 0, c.id, (ordo_activity_kind)(i % ORDO_ACTIVITY_KIND_COUNT), minutes[i], NULL, 0 };
        if (ordo_store_activity_add(s, &a) != ORDO_OK) {
            fprintf(stderr, "activity add: %s\n", ordo_store_errmsg(s));
            return 0;
        }
    }
    return c.id;
}

static int64_t fixture_primary(ordo_store *s, const char *contract)
{
    int64_t line = 0;
    CHECK_EQ(ordo_store_line_primary(s, contract, &line), ORDO_OK);
    return line;
}

static ordo_balance fixture_balance(ordo_store *s, int64_t line)
{
    ordo_contract_line l = { 0 };
    ordo_balance b = { -1, -1, -1, -1 };
    if (ordo_store_line_get(s, line, &l) == ORDO_OK)
        b = l.balance;
    ordo_contract_line_clear(&l);
    return b;
}

static int fixture_count_entries(const ordo_ledger_entry *e, void *payload)
{
    (void)e;
    (*(int *)payload)++;
    return 0;
}

static int fixture_ledger_size(ordo_store *s)
{
    int n = 0;
    CHECK_EQ(ordo_store_ledger_list(s, NULL, 0, fixture_count_entries, &n), ORDO_OK);
    return n;
}

/* Problems found by ordo_store_bank_check (-1 if it failed). */
static int fixture_problems(ordo_store *s)
{
    int n = -1;
    if (ordo_store_bank_check(s, NULL, NULL, &n) != ORDO_OK)
        fprintf(stderr, "check: %s\n", ordo_store_errmsg(s));
    return n;
}

#endif
