/*
 * dedup.h — is this new person or company one the CRM already knows?
 *
 * Each record is reduced to a key of normalised fields:
 *   - e-mail: trimmed, lowercased ("" when it has no '@');
 *   - phone: "+" and digits only, in international form: "+CC..." kept,
 *     "00CC..." -> "+CC...", a national "0..." or bare number takes the
 *     default country code ("" when fewer than 6 digits);
 *   - name and company: lowercased, Latin-1 accents folded (UTF-8 é -> e),
 *     punctuation -> one space, company legal forms (inc, ltd, limited,
 *     corp, corporation, company, gmbh, sa, sarl, llc...) and "the" dropped;
 *   - block: the first 4 letters of the last name (else of the company):
 *     the index key of leads' name candidates (a typo in those letters
 *     hides a name match there; contacts and accounts are searched with
 *     several block keys, io/store/sqlite/dedup_sql.h).
 * Scores are in [0, 1]: same e-mail 1.0, same phone 0.95, else the
 * Jaro-Winkler similarity of the names (weighted 3:1 with the companies'
 * when both have one). A candidate is a record scoring >= the threshold
 * (ORDO_DEDUP_THRESHOLD by default); candidates are ranked by score.
 */
#ifndef ORDO_DEDUP_H
#define ORDO_DEDUP_H

#include "model/ordo.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ORDO_DEDUP_THRESHOLD 0.90
#define ORDO_DEDUP_FIELD 128

/* Why a record matched (bits). */
enum { ORDO_DEDUP_EMAIL = 1, ORDO_DEDUP_PHONE = 2, ORDO_DEDUP_NAME = 4 };

/* A person or company as entered (borrowed strings; NULL = not given). */
typedef struct ordo_dedup_person {
    const char *first_name, *last_name, *company, *email, *phone;
} ordo_dedup_person;

typedef struct ordo_dedup_key {
    char email[ORDO_DEDUP_FIELD];
    char phone[24];
    char name[ORDO_DEDUP_FIELD];        /* "first last" */
    char company[ORDO_DEDUP_FIELD];
    char block[8];
} ordo_dedup_key;

/* Each writes into out (size n, n >= 1; truncated to fit) and returns the
 * length written. country_code: digits without '+', e.g. "33". */
size_t ordo_dedup_email(char *out, size_t n, const char *email);
size_t ordo_dedup_phone(char *out, size_t n, const char *phone, const char *country_code);
size_t ordo_dedup_name(char *out, size_t n, const char *name, int is_company);

/* Fills every field of *out from p. */
void ordo_dedup_key_make(ordo_dedup_key *out, const ordo_dedup_person *p, const char *country_code);

/* Jaro-Winkler similarity of two strings in [0, 1] (1 when equal; 0 when one is empty). */
double ordo_dedup_jaro_winkler(const char *a, const char *b);

/* Score of b as a duplicate of a, and *why (bits; may be NULL): which
 * fields matched at or above `threshold`. */
double ordo_dedup_score(const ordo_dedup_key *a, const ordo_dedup_key *b, double threshold, unsigned *why);

/* A ranked candidate. */
typedef struct ordo_dedup_candidate {
    double score;
    unsigned why;
    long index;                   /* the caller's record number */
} ordo_dedup_candidate;

/* Sorts c[0..n) by score, highest first (ties: lower index first). */
void ordo_dedup_rank(ordo_dedup_candidate *c, size_t n);
/* "email+phone+name" for why bits ("" for 0) into out (size >= 20). */
void ordo_dedup_why_text(unsigned why, char *out, size_t n);

#ifdef __cplusplus
}
#endif
#endif
