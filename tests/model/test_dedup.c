/*
 * test_dedup.c — duplicate detection (model/dedup.h): normalised e-mail,
 * phone in its national and international spellings, names with accents,
 * case and legal forms, Jaro-Winkler reference values, and ranking.
 */
#include "check.h"
#include "model/dedup.h"

#include <math.h>

static void test_dedup__normalise(void)
{
    char b[128];
    ordo_dedup_email(b, sizeof b, "  Ana.Lopez@ACME.Example ");
    CHECK_STR(b, "ana.lopez@acme.example");
    CHECK_EQ(ordo_dedup_email(b, sizeof b, "no-at-sign"), 0);
    ordo_dedup_phone(b, sizeof b, "06 12 34 56 78", "33");
    CHECK_STR(b, "+33612345678");
    ordo_dedup_phone(b, sizeof b, "+33 (0)6-12-34-56-78", "49");
    CHECK_STR(b, "+330612345678");    /* the (0) is kept: written after +CC, it is a digit like any other */
    ordo_dedup_phone(b, sizeof b, "+33 6 12 34 56 78", "49");
    CHECK_STR(b, "+33612345678");
    ordo_dedup_phone(b, sizeof b, "0033.6.12.34.56.78", "49");
    CHECK_STR(b, "+33612345678");
    CHECK_EQ(ordo_dedup_phone(b, sizeof b, "12-34", "33"), 0);
    ordo_dedup_name(b, sizeof b, "  Hélène   O'Brien-Müller ", 0);
    CHECK_STR(b, "helene o brien muller");
    ordo_dedup_name(b, sizeof b, "ACME Consulting GmbH", 1);
    CHECK_STR(b, "acme consulting");
    ordo_dedup_name(b, sizeof b, "The Acme Co.", 1);
    CHECK_STR(b, "acme");
    ordo_dedup_key k;
    ordo_dedup_person p = { "Ana", "López", "Acme SA", NULL, NULL };
    ordo_dedup_key_make(&k, &p, "34");
    CHECK_STR(k.name, "ana lopez");
    CHECK_STR(k.company, "acme");
    CHECK_STR(k.block, "lope");
}

static void test_dedup__jaro_winkler(void)
{
    /* reference values (Winkler 1990; any standard implementation) */
    CHECK(fabs(ordo_dedup_jaro_winkler("martha", "marhta") - 0.9611) < 1e-3);
    CHECK(fabs(ordo_dedup_jaro_winkler("dwayne", "duane") - 0.84) < 1e-3);
    CHECK(fabs(ordo_dedup_jaro_winkler("dixon", "dicksonx") - 0.8133) < 1e-3);
    CHECK_EQ(ordo_dedup_jaro_winkler("abc", "abc") == 1.0, 1);
    CHECK_EQ(ordo_dedup_jaro_winkler("", "abc") == 0.0, 1);
    CHECK_EQ(ordo_dedup_jaro_winkler("abc", "xyz") == 0.0, 1);
}

static void test_dedup__score_and_rank(void)
{
    ordo_dedup_person lead = { "Ana", "Lopez", "Acme", "ANA@acme.example", "06 12 34 56 78" };
    ordo_dedup_person same_mail = { "A.", "L.", NULL, "ana@acme.example", NULL };
    ordo_dedup_person same_phone = { "Ann", "Smith", "Other", NULL, "+33 6 12 34 56 78" };
    ordo_dedup_person typo = { "Anna", "Lopes", "ACME Ltd", NULL, NULL };
    ordo_dedup_person other = { "Bob", "Martin", "Acme", "bob@acme.example", NULL };
    ordo_dedup_key k, c[4];
    ordo_dedup_key_make(&k, &lead, "33");
    ordo_dedup_key_make(&c[0], &same_mail, "33");
    ordo_dedup_key_make(&c[1], &same_phone, "33");
    ordo_dedup_key_make(&c[2], &typo, "33");
    ordo_dedup_key_make(&c[3], &other, "33");
    ordo_dedup_candidate cand[4];
    size_t n = 0;
    for (int i = 3; i >= 0; i--) {
        unsigned why;
        double s = ordo_dedup_score(&k, &c[i], ORDO_DEDUP_THRESHOLD, &why);
        if (s >= ORDO_DEDUP_THRESHOLD)
            cand[n++] = (ordo_dedup_candidate){ s, why, i };
    }
    CHECK_EQ(n, 3);                     /* Bob Martin is not a duplicate */
    ordo_dedup_rank(cand, n);
    CHECK_EQ(cand[0].index, 0);
    CHECK_EQ(cand[0].why, ORDO_DEDUP_EMAIL);
    CHECK_EQ(cand[1].index, 1);
    CHECK_EQ(cand[1].why, ORDO_DEDUP_PHONE);
    CHECK_EQ(cand[2].index, 2);
    CHECK_EQ(cand[2].why, ORDO_DEDUP_NAME);
    CHECK(cand[2].score < 0.95);
    char w[32];
    ordo_dedup_why_text(ORDO_DEDUP_EMAIL | ORDO_DEDUP_NAME, w, sizeof w);
    CHECK_STR(w, "email+name");
    ordo_dedup_why_text(ORDO_DEDUP_PHONE, w, sizeof w);
    CHECK_STR(w, "phone");
}

int main(void)
{
    RUN(test_dedup__normalise);
    RUN(test_dedup__jaro_winkler);
    RUN(test_dedup__score_and_rank);
    return CHECK_DONE();
}
