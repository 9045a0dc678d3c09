/*
 * app_crm.h — the CRM use cases of the application layer (app.h conventions:
 * one function per use case, owning its transaction; ORDO_OK or ORDO_E*
 * with the message and field on the handle): accounts, contacts and
 * products — add, update (only the fields given), get, list, delete.
 *
 * Results are the model's own records (model/model.h, model/crm.h), owned
 * by the caller: free one with ordo_account_clear / ordo_contact_clear /
 * ordo_product_clear, a list with ordo_app_*s_clear.
 * Errors: ORDO_EINVAL (a malformed field: relationship, roles; field named),
 * ORDO_EINPUT (a field the record rules refuse: id, names, a city, an unknown
 * account of a contact), ORDO_EEXISTS (add: the id is taken; accounts and
 * contacts share ids), ORDO_ENOTFOUND, ORDO_ERULE (delete while a contact,
 * contract, course or case refers to it), ORDO_EBUSY, ORDO_EIO.
 */
#ifndef ORDO_APP_CRM_H
#define ORDO_APP_CRM_H

#include "app/app.h"
#include "model/crm.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Fields as typed; NULL = not given (update keeps the stored value). */
typedef struct ordo_app_party_req {
    const char *id;                /* required */
    const char *name;              /* accounts and products */
    const char *first_name, *last_name;    /* contacts */
    const char *email, *account;   /* contacts; "" clears */
    const char *city;              /* accounts and contacts; "" clears (model/crm.h: kept as typed) */
    const char *phone;             /* contacts; "" clears */
    const char *relationship;      /* suspect, prospect, potential_client, client; "" or "none" = none */
    const char *roles;             /* ';'-separated, e.g. "partner;supplier"; "" clears */
} ordo_app_party_req;

/* add: a new record (ORDO_EEXISTS if the id is taken); update: one write
 * transaction reading the stored record, changing the given fields and
 * writing it back (concurrent updates of other fields are not lost).
 * *out (may be NULL) gets the record as stored. */
int ordo_app_account_add(ordo_app *a, const ordo_app_party_req *rq, ordo_account *out);
int ordo_app_account_update(ordo_app *a, const ordo_app_party_req *rq, ordo_account *out);
int ordo_app_contact_add(ordo_app *a, const ordo_app_party_req *rq, ordo_contact *out);
int ordo_app_contact_update(ordo_app *a, const ordo_app_party_req *rq, ordo_contact *out);
int ordo_app_product_add(ordo_app *a, const ordo_app_party_req *rq, ordo_product *out);
int ordo_app_product_update(ordo_app *a, const ordo_app_party_req *rq, ordo_product *out);

int ordo_app_account_get(ordo_app *a, const char *id, ordo_account *out);
int ordo_app_contact_get(ordo_app *a, const char *id, ordo_contact *out);
int ordo_app_product_get(ordo_app *a, const char *id, ordo_product *out);

int ordo_app_account_delete(ordo_app *a, const char *id);
int ordo_app_contact_delete(ordo_app *a, const char *id);
int ordo_app_product_delete(ordo_app *a, const char *id);

typedef struct ordo_app_accounts { ordo_account *v; int n; size_t cap; } ordo_app_accounts;
typedef struct ordo_app_contacts { ordo_contact *v; int n; size_t cap; } ordo_app_contacts;
typedef struct ordo_app_products { ordo_product *v; int n; size_t cap; } ordo_app_products;
/* Every record, in stored order. */
int ordo_app_account_list(ordo_app *a, ordo_app_accounts *out);
int ordo_app_contact_list(ordo_app *a, ordo_app_contacts *out);
int ordo_app_product_list(ordo_app *a, ordo_app_products *out);
void ordo_app_accounts_clear(ordo_app_accounts *l);
void ordo_app_contacts_clear(ordo_app_contacts *l);
void ordo_app_products_clear(ordo_app_products *l);

#ifdef __cplusplus
}
#endif
#endif
