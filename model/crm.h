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
 * (NONE allowed), roles well-formed. A contact's account is checked by the
 * store, which knows the accounts. */
int ordo_account_check(const ordo_account *a, ordo_err *err);
int ordo_contact_check(const ordo_contact *c, ordo_err *err);
int ordo_product_check(const ordo_product *p, ordo_err *err);
int ordo_roles_check(const ordo_strlist *roles, const char *what, const char *id, ordo_err *err);

/* Free the strings of records filled by the store; NULL is a no-op. */
void ordo_account_clear(ordo_account *a);
void ordo_contact_clear(ordo_contact *c);
void ordo_product_clear(ordo_product *p);

#ifdef __cplusplus
}
#endif
#endif
