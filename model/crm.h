/*
 * crm.h — the CRM records that sales, marketing and service share: accounts
 * and contacts (model.h; one record per organisation or person, a
 * relationship type in one field and other roles in another) and products.
 * Checks a record before it is stored, and frees records the store filled.
 *
 * Roles are words of lowercase letters, digits and '_' (competitor,
 * partner, supplier, ...), each at most once; any party with any roles
 * may also be a customer.
 */
#ifndef ORDO_CRM_H
#define ORDO_CRM_H

#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ordo_product {
    char *id, *name;
} ordo_product;

/* ORDO_OK, or ORDO_EINPUT with err = "WHAT ID: FIELD ...": the id must be
 * valid (ordo_id_valid), names non-empty, the relationship a known value
 * (NONE allowed), roles well-formed, the city ordo_city_check's. A contact's account is checked by the
 * store, which knows the accounts. */
int ordo_account_check(const ordo_account *a, ordo_err *err);
int ordo_contact_check(const ordo_contact *c, ordo_err *err);
int ordo_product_check(const ordo_product *p, ordo_err *err);
int ordo_roles_check(const ordo_strlist *roles, const char *what, const char *id, ordo_err *err);

/* A city (an account's or a contact's) is free text as the user typed it,
 * kept as typed: NULL or "" = none; else at most ORDO_CITY_MAX bytes, one
 * line, no control characters (ORDO_EINPUT "WHAT ID: city ..." otherwise).
 * Cities are compared by key (ordo_city_key: ordo_dedup_name's
 * normalisation: case and Latin-1 accents folded, punctuation and runs of
 * spaces one space, so "Saint-Étienne", "saint etienne " and
 * "SAINT ETIENNE" are one city); ordo_city_same is 1 when both are given
 * and their keys are equal. */
#define ORDO_CITY_MAX 100    /* bytes; the message of ordo_city_check says 100 */
int ordo_city_check(const char *city, const char *what, const char *id, ordo_err *err);
void ordo_city_key(char out[ORDO_CITY_MAX + 1], const char *city);
int ordo_city_same(const char *a, const char *b);
/* A city to search for (a marketing list's filter): ordo_city_check's
 * rules and a key that is not empty ("--" matches nothing: refused). */
int ordo_city_query_check(const char *city, const char *what, const char *id, ordo_err *err);

/* A contact's phone: free text as typed (ORDO_PHONE_MAX bytes, one line,
 * no control characters); duplicate searches compare its key
 * (model/dedup.h ordo_dedup_phone: "+CC" and digits). */
#define ORDO_PHONE_MAX 40    /* bytes; the message of ordo_phone_check says 40 */
int ordo_phone_check(const char *phone, const char *what, const char *id, ordo_err *err);

/* Free the strings of records filled by the store; NULL is a no-op. */
void ordo_account_clear(ordo_account *a);
void ordo_contact_clear(ordo_contact *c);
void ordo_product_clear(ordo_product *p);

#ifdef __cplusplus
}
#endif
#endif
