/*
 * test_dedup_store.c — duplicate candidates of a new lead read through the
 * store's indexes (io/sales.h, io/store/sqlite/dedup_sql.h): near-duplicate
 * names found by each block key (a typo in the first letter of the first
 * or of the last name, inside the last name, accents, case and spaces),
 * the normalised e-mail, strangers not found; accounts by normalised,
 * similar names ("Acme Ltd" / "ACME Limited" / "Acme"); and the query
 * plans: every candidate query searches an index, none scans a table.
 */
#include "check.h"
#include "io/sales.h"
#include "io/service.h"

#include <stdio.h>
#include <string.h>

static char tmp_path[1024];

static const char *fixture_tmp(const char *name) { return check_tmp_db(tmp_path, sizeof tmp_path, name); }

typedef struct found { char ids[16][32]; double score[16]; unsigned why[16]; int n; } found;

static int collect(const char *id, const ordo_dedup_candidate *c, void *payload)
{
    found *f = payload;
    if (f->n < 16) {
        snprintf(f->ids[f->n], sizeof f->ids[0], "%s", id);
        f->score[f->n] = c->score;
        f->why[f->n] = c->why;
        f->n++;
    }
    return 0;
}

static void add_account(ordo_store *s, const char *id, const char *name)
{
    ordo_account a = { 0 };
    a.id = (char *)id;
    a.name = (char *)name;
    CHECK_EQ(ordo_store_account_put(s, &a, ORDO_PUT_NEW), ORDO_OK);
}

static void add_contact(ordo_store *s, const char *id, const char *first, const char *last, const char *email,
                        const char *account)
{
    ordo_contact c = { 0 };
    c.id = (char *)id;
    c.first_name = (char *)first;
    c.last_name = (char *)last;
    c.email = (char *)email;
    c.account = (char *)account;
    CHECK_EQ(ordo_store_contact_put(s, &c, ORDO_PUT_NEW), ORDO_OK);
}

/* The candidates for a lead, as "id:why,id:why" (ranked). */
static void contacts_like(ordo_store *s, const char *first, const char *last, const char *company, const char *email,
                          char *out, size_t n)
{
    ordo_dedup_person p = { first, last, company, email, NULL };
    found f = { 0 };
    size_t k = 0;
    out[0] = '\0';
    CHECK_EQ(ordo_store_contact_duplicates(s, &p, ORDO_DEDUP_THRESHOLD, collect, &f), ORDO_OK);
    for (int i = 0; i < f.n && k < n; i++) {
        char why[24];
        ordo_dedup_why_text(f.why[i], why, sizeof why);
        int w = snprintf(out + k, n - k, "%s%s:%s", i ? "," : "", f.ids[i], why);
        k += w > 0 ? (size_t)w : 0;
        CHECK(f.score[i] >= ORDO_DEDUP_THRESHOLD);
    }
}

static void accounts_like(ordo_store *s, const char *name, char *out, size_t n)
{
    found f = { 0 };
    size_t k = 0;
    out[0] = '\0';
    CHECK_EQ(ordo_store_account_duplicates(s, name, ORDO_DEDUP_THRESHOLD, collect, &f), ORDO_OK);
    for (int i = 0; i < f.n && k < n; i++) {
        int w = snprintf(out + k, n - k, "%s%s:%.2f", i ? "," : "", f.ids[i], f.score[i]);
        k += w > 0 ? (size_t)w : 0;
    }
}

static void test_dedup_store__contacts(void)
{
    ordo_store *s = NULL;
    ordo_err err = { 0 };
    char got[512];
    CHECK_EQ(ordo_store_open(&s, fixture_tmp("dedup-contacts"), &err), ORDO_OK);
    add_account(s, "acme", "Acme Ltd");
    add_contact(s, "c-john", "John", "Smith", "john.smith@acme.example", "acme");
    add_contact(s, "c-kath", "Katherine", "Johnson", NULL, NULL);
    add_contact(s, "c-zoe", "Zoe", "Muller", NULL, NULL);
    add_contact(s, "c-mari", "Maria", "Garcia", "maria@else.example", NULL);
    add_contact(s, "c-obri", "Sean", "OBrien", NULL, NULL);

    /* same last-name start and initial (key lf) */
    contacts_like(s, "Jon", "Smith", "Acme", NULL, got, sizeof got);
    CHECK_STR(got, "c-john:name");
    /* the first letter of the first name differs (lf2) */
    contacts_like(s, "Catherine", "Johnson", NULL, NULL, got, sizeof got);
    CHECK_STR(got, "c-kath:name");
    /* the first letter of the last name differs (fl) */
    contacts_like(s, "John", "Xmith", "Acme", NULL, got, sizeof got);
    CHECK_STR(got, "c-john:name");
    /* a typo inside the last name's first four letters (fle) */
    contacts_like(s, "John", "Smyth", "ACME Limited", NULL, got, sizeof got);
    CHECK_STR(got, "c-john:name");
    contacts_like(s, "Katherine", "Jonson", NULL, NULL, got, sizeof got);
    CHECK_STR(got, "c-kath:name");
    /* accents, case and spaces as typed (the normalised keys) */
    contacts_like(s, "Zoë", "Müller", NULL, NULL, got, sizeof got);
    CHECK_STR(got, "c-zoe:name");
    contacts_like(s, "  JOHN ", " SMITH  ", NULL, NULL, got, sizeof got);
    CHECK_STR(got, "c-john:name");
    contacts_like(s, "Sean", "O'Brien", NULL, NULL, got, sizeof got);
    CHECK_STR(got, "c-obri:name");
    /* the e-mail alone, written differently */
    contacts_like(s, "Someone", "Else", NULL, " John.Smith@ACME.example ", got, sizeof got);
    CHECK_STR(got, "c-john:email");
    /* the one gap of the keys: a last-letter typo in a first name of 3 letters
     * ("Jon"/"Jom") leaves no name key whole; the e-mail still finds it */
    add_contact(s, "c-jon", "Jon", "Baker", "jon@baker.example", NULL);
    contacts_like(s, "Jom", "Baker", NULL, NULL, got, sizeof got);
    CHECK_STR(got, "");
    contacts_like(s, "Jom", "Baker", NULL, "jon@baker.example", got, sizeof got);
    CHECK_STR(got, "c-jon:email+name");
    contacts_like(s, "Stephen", "Baker", NULL, NULL, got, sizeof got);   /* "Steven" */
    CHECK_STR(got, "");
    add_contact(s, "c-stev", "Steven", "Bakers", NULL, NULL);
    contacts_like(s, "Stephen", "Baker", NULL, NULL, got, sizeof got);
    CHECK_STR(got, "c-stev:name");
    /* strangers: nothing */
    contacts_like(s, "Mario", "Rossi", "Acme", NULL, got, sizeof got);
    CHECK_STR(got, "");
    contacts_like(s, "Marc", "Smithers", NULL, NULL, got, sizeof got);
    CHECK_STR(got, "");
    /* a look-alike found by a block key but under the threshold is no candidate */
    contacts_like(s, "Maria", "Gomez", NULL, NULL, got, sizeof got);
    CHECK_STR(got, "");
    ordo_store_close(s);
}

/* A contact's phone is a key of its own: a lead with another name and no
 * e-mail is found by the phone, however it is written. */
static void test_dedup_store__contact_phone(void)
{
    ordo_store *s = NULL;
    ordo_err err = { 0 };
    char got[512];
    CHECK_EQ(ordo_store_open(&s, fixture_tmp("dedup-phone"), &err), ORDO_OK);
    add_contact(s, "c-ana", "Ana", "Lopez", NULL, NULL);
    add_contact(s, "c-bob", "Robert", "Frost", NULL, NULL);
    ordo_contact c = { 0 };
    CHECK_EQ(ordo_store_contact_get(s, "c-ana", &c), ORDO_OK);
    ordo__free(c.phone);
    c.phone = ordo__strdup("01 23 45 67 89");          /* national form, as typed */
    CHECK_EQ(ordo_store_contact_put(s, &c, ORDO_PUT_EXISTING), ORDO_OK);
    ordo_contact_clear(&c);
    CHECK_EQ(ordo_store_contact_get(s, "c-bob", &c), ORDO_OK);
    c.phone = ordo__strdup("+44 (20) 7946-0000");
    CHECK_EQ(ordo_store_contact_put(s, &c, ORDO_PUT_EXISTING), ORDO_OK);
    ordo_contact_clear(&c);
    static const struct { const char *phone, *want; } cases[] = {
        { "+33 1 23 45 67 89", "c-ana:phone" },         /* international form of the national number */
        { "0033123456789", "c-ana:phone" },             /* 00 prefix */
        { "01.23.45.67.89", "c-ana:phone" },
        { "0044 20 7946 0000", "c-bob:phone" },
        { "(+44) 20 7946 0000", "c-bob:phone" },
        { "01 23 45 67 88", "" },                       /* one digit off: no key in common */
        { "12345", "" },                                /* too short to be a key */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ordo_dedup_person p = { "Zed", "Unrelated", NULL, NULL, cases[i].phone };
        found f = { 0 };
        size_t k = 0;
        got[0] = '\0';
        CHECK_EQ(ordo_store_contact_duplicates(s, &p, ORDO_DEDUP_THRESHOLD, collect, &f), ORDO_OK);
        for (int j = 0; j < f.n; j++) {
            char why[24];
            ordo_dedup_why_text(f.why[j], why, sizeof why);
            int w = snprintf(got + k, sizeof got - k, "%s%s:%s", j ? "," : "", f.ids[j], why);
            k += w > 0 ? (size_t)w : 0;
        }
        if (strcmp(got, cases[i].want) != 0)
            fprintf(stderr, "phone '%s': got '%s', want '%s'\n", cases[i].phone, got, cases[i].want);
        CHECK_STR(got, cases[i].want);
    }
    ordo_store_close(s);
}

static void test_dedup_store__accounts(void)
{
    ordo_store *s = NULL;
    ordo_err err = { 0 };
    char got[512];
    CHECK_EQ(ordo_store_open(&s, fixture_tmp("dedup-accounts"), &err), ORDO_OK);
    add_account(s, "a1", "Acme Ltd");
    add_account(s, "a2", "Globex Corporation");
    add_account(s, "a3", "Initech Systems");
    add_account(s, "a4", "Acme Foods");
    add_account(s, "a5", "The Umbrella Company");

    accounts_like(s, "ACME Limited", got, sizeof got);
    CHECK_STR(got, "a1:1.00");
    accounts_like(s, "acme", got, sizeof got);
    CHECK_STR(got, "a1:1.00");
    accounts_like(s, "Acme, Inc.", got, sizeof got);
    CHECK_STR(got, "a1:1.00");
    accounts_like(s, "Globex Corp", got, sizeof got);
    CHECK_STR(got, "a2:1.00");
    accounts_like(s, "Umbrella Co", got, sizeof got);        /* "The" and the legal form dropped */
    CHECK_STR(got, "a5:1.00");
    /* similar, not the same: a candidate with its score */
    accounts_like(s, "Initech System", got, sizeof got);
    CHECK_CONTAINS(got, "a3:0.9");
    accounts_like(s, "Xnitech Systems", got, sizeof got);     /* first letter mistyped */
    CHECK_CONTAINS(got, "a3:0.9");
    /* different companies */
    accounts_like(s, "Acme Trainings", got, sizeof got);
    CHECK_STR(got, "");
    accounts_like(s, "Hooli", got, sizeof got);
    CHECK_STR(got, "");
    accounts_like(s, "Ltd", got, sizeof got);                 /* nothing left once normalised */
    CHECK_STR(got, "");
    ordo_store_close(s);
}

static void test_dedup_store__plans_use_indexes(void)
{
    ordo_store *s = NULL;
    ordo_err err = { 0 };
    char plan[4096];
    CHECK_EQ(ordo_store_open(&s, fixture_tmp("dedup-plan"), &err), ORDO_OK);
    add_account(s, "acme", "Acme Ltd");
    add_contact(s, "c1", "John", "Smith", "john@acme.example", "acme");
    CHECK_EQ(ordo_store_dedup_plan(s, plan, sizeof plan), ORDO_OK);
    fprintf(stderr, "%s", plan);
    CHECK(strstr(plan, "SCAN") == NULL);
    static const char *const indexes[] = { "contacts_email_norm", "contacts_dedup_lf ", "contacts_dedup_lf2",
                                           "contacts_dedup_fl ", "contacts_dedup_fle", "accounts_dedup_n4",
                                           "accounts_dedup_n234", "contacts_dedup_phone" };
    for (size_t i = 0; i < sizeof indexes / sizeof *indexes; i++) {
        char want[64];
        snprintf(want, sizeof want, "USING INDEX %s", indexes[i]);
        CHECK_CONTAINS(plan, want);
    }
    ordo_store_close(s);
}

int main(void)
{
    RUN(test_dedup_store__contacts);
    RUN(test_dedup_store__contact_phone);
    RUN(test_dedup_store__accounts);
    RUN(test_dedup_store__plans_use_indexes);
    return CHECK_DONE();
}
