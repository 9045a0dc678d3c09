/*
 * crm.c — accounts, contacts, products (app_crm.h). A store write is one
 * atomic unit; an update is a read-modify-write inside ONE write
 * transaction (ops->begin), so two agents updating different fields of a
 * record at once both keep their change.
 */
#include "app/app_crm.h"
#include "app/app_int.h"

#include <stdio.h>
#include <string.h>

/* ---- fields ------------------------------------------------------------------------- */

static int set_str(ordo_app *a, char **slot, const char *v, int empty_is_null)
{
    char *c = NULL;
    if (!v)
        return ORDO_OK;
    if (!(empty_is_null && !*v) && !(c = ordo__strdup(v)))
        return app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
    ordo__free(*slot);
    *slot = c;
    return ORDO_OK;
}

static int set_relationship(ordo_app *a, const char *v, ordo_relationship *out)
{
    int r;
    if (!v)
        return ORDO_OK;
    r = !*v || strcmp(v, "none") == 0 ? ORDO_REL_NONE : ordo_relationship_parse(v);
    if (r < 0)
        return app_fail(a, ORDO_EINVAL, "relationship", "relationship '%s': use suspect, prospect, potential_client, "
                        "client, former_client or none", v);
    *out = (ordo_relationship)r;
    return ORDO_OK;
}

static int set_roles(ordo_app *a, const char *v, ordo_strlist *list)
{
    ordo_strlist fresh;
    if (!v)
        return ORDO_OK;
    if (ordo_strlist_parse(&fresh, v) < 0)
        return app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
    ordo_strlist_clear(list);
    *list = fresh;
    return ORDO_OK;
}

static int need_id(ordo_app *a, const ordo_app_party_req *rq)
{
    return rq->id ? ORDO_OK : app_fail(a, ORDO_EINVAL, "id", "missing id");
}

/* ops result -> handle error */
static int st(ordo_app *a, int rc) { return rc < 0 ? app_store_fail(a, rc) : rc; }

/* Starts an update: the write lock, so the read below and the write are one step. */
static int update_begin(ordo_app *a)
{
    int rc = app_begin(a);
    if (rc < 0)
        return app_store_fail(a, rc);
    a->in_write = 1;
    return ORDO_OK;
}

static int update_end(ordo_app *a, int rc)
{
    if (rc == ORDO_OK) {
        if ((rc = app_commit(a)) < 0)
            app_store_fail(a, rc);
        else
            a->in_write = 0;
    }
    app_write_end(a);
    return rc;
}

/* ---- one put for the three kinds ------------------------------------------------------ */

/* A record kind: each record struct starts with its `char *id`. */
typedef struct kind {
    int needs_name;                /* add requires rq->name */
    int (*get)(ordo_app *a, const char *id, void *x);
    int (*put)(ordo_app *a, const void *x, ordo_put_mode mode);
    int (*fields)(ordo_app *a, const ordo_app_party_req *rq, void *x);
    void (*clear)(void *x);
} kind;

static int put_record(ordo_app *a, const kind *k, const ordo_app_party_req *rq, void *x, void *out, int is_new)
{
    int rc = ORDO_OK;
    app_start(a);
    ORDO_TRY(need_id(a, rq));
    if (is_new && k->needs_name && !rq->name) {
        rc = app_fail(a, ORDO_EINVAL, "name", "missing name");
        goto done;
    }
    if (!is_new) {
        ORDO_TRY(update_begin(a));
        ORDO_TRY(st(a, k->get(a, rq->id, x)));
    } else {
        ORDO_TRY(set_str(a, (char **)x, rq->id, 0));
    }
    ORDO_TRY(k->fields(a, rq, x));
    ORDO_TRY(st(a, k->put(a, x, is_new ? ORDO_PUT_NEW : ORDO_PUT_EXISTING)));
done:
    if (!is_new)
        rc = update_end(a, rc);
    if (rc == ORDO_OK && out)
        rc = st(a, k->get(a, rq->id, out));
    k->clear(x);
    return rc;
}

/* A one-line text as typed ("" clears), refused here with its field named. */
static int set_line(ordo_app *a, const char *v, char **slot, int (*check)(const char *, const char *, const char *,
                    ordo_err *), const char *field, const char *what, const char *id)
{
    ordo_err e = { 0 };
    if (v && check(v, what, id, &e) < 0)
        return app_fail(a, e.code, field, "%s", e.msg);
    return set_str(a, slot, v, 1);
}

/* ---- accounts --------------------------------------------------------------------------- */

static int account_fields(ordo_app *a, const ordo_app_party_req *rq, void *p)
{
    int rc = ORDO_OK;
    ordo_account *x = p;
    ORDO_TRY(set_str(a, &x->name, rq->name, 0));
    ORDO_TRY(set_relationship(a, rq->relationship, &x->relationship));
    ORDO_TRY(set_roles(a, rq->roles, &x->roles));
    ORDO_TRY(set_line(a, rq->city, &x->city, ordo_city_check, "city", "account", x->id));
done:
    return rc;
}

static int account_get(ordo_app *a, const char *id, void *x) { return a->ops->account_get(a->store, id, x); }
static int account_put(ordo_app *a, const void *x, ordo_put_mode m) { return a->ops->account_put(a->store, x, m); }
static void account_clear(void *x) { ordo_account_clear(x); }
static const kind account_kind = { 1, account_get, account_put, account_fields, account_clear };

int ordo_app_account_add(ordo_app *a, const ordo_app_party_req *rq, ordo_account *out)
{
    ordo_account x = { 0 };
    return put_record(a, &account_kind, rq, &x, out, 1);
}

int ordo_app_account_update(ordo_app *a, const ordo_app_party_req *rq, ordo_account *out)
{
    ordo_account x = { 0 };
    return put_record(a, &account_kind, rq, &x, out, 0);
}

/* ---- contacts ------------------------------------------------------------------------------ */

static int contact_fields(ordo_app *a, const ordo_app_party_req *rq, void *p)
{
    int rc = ORDO_OK;
    ordo_contact *x = p;
    ORDO_TRY(set_str(a, &x->first_name, rq->first_name, 0));
    ORDO_TRY(set_str(a, &x->last_name, rq->last_name, 0));
    ORDO_TRY(set_str(a, &x->email, rq->email, 1));
    ORDO_TRY(set_str(a, &x->account, rq->account, 1));
    ORDO_TRY(set_relationship(a, rq->relationship, &x->relationship));
    ORDO_TRY(set_roles(a, rq->roles, &x->roles));
    ORDO_TRY(set_line(a, rq->city, &x->city, ordo_city_check, "city", "contact", x->id));
    ORDO_TRY(set_line(a, rq->phone, &x->phone, ordo_phone_check, "phone", "contact", x->id));
done:
    return rc;
}

static int contact_get(ordo_app *a, const char *id, void *x) { return a->ops->contact_get(a->store, id, x); }
static int contact_put(ordo_app *a, const void *x, ordo_put_mode m) { return a->ops->contact_put(a->store, x, m); }
static void contact_clear(void *x) { ordo_contact_clear(x); }
static const kind contact_kind = { 0, contact_get, contact_put, contact_fields, contact_clear };

int ordo_app_contact_add(ordo_app *a, const ordo_app_party_req *rq, ordo_contact *out)
{
    ordo_contact x = { 0 };
    return put_record(a, &contact_kind, rq, &x, out, 1);
}

int ordo_app_contact_update(ordo_app *a, const ordo_app_party_req *rq, ordo_contact *out)
{
    ordo_contact x = { 0 };
    return put_record(a, &contact_kind, rq, &x, out, 0);
}

/* ---- products ------------------------------------------------------------------------------ */

static int product_fields(ordo_app *a, const ordo_app_party_req *rq, void *p)
{
    return set_str(a, &((ordo_product *)p)->name, rq->name, 0);
}

static int product_get(ordo_app *a, const char *id, void *x) { return a->ops->product_get(a->store, id, x); }
static int product_put(ordo_app *a, const void *x, ordo_put_mode m) { return a->ops->product_put(a->store, x, m); }
static void product_clear(void *x) { ordo_product_clear(x); }
static const kind product_kind = { 1, product_get, product_put, product_fields, product_clear };

int ordo_app_product_add(ordo_app *a, const ordo_app_party_req *rq, ordo_product *out)
{
    ordo_product x = { 0 };
    return put_record(a, &product_kind, rq, &x, out, 1);
}

int ordo_app_product_update(ordo_app *a, const ordo_app_party_req *rq, ordo_product *out)
{
    ordo_product x = { 0 };
    return put_record(a, &product_kind, rq, &x, out, 0);
}

/* ---- get, delete -------------------------------------------------------------------------- */

#define APP_ID_CALL(call)                                                   \
    do {                                                                    \
        app_start(a);                                                       \
        if (!id)                                                            \
            return app_fail(a, ORDO_EINVAL, "id", "missing id");            \
        return st(a, call);                                                 \
    } while (0)

int ordo_app_account_get(ordo_app *a, const char *id, ordo_account *out) { APP_ID_CALL(a->ops->account_get(a->store, id, out)); }
int ordo_app_contact_get(ordo_app *a, const char *id, ordo_contact *out) { APP_ID_CALL(a->ops->contact_get(a->store, id, out)); }
int ordo_app_product_get(ordo_app *a, const char *id, ordo_product *out) { APP_ID_CALL(a->ops->product_get(a->store, id, out)); }
int ordo_app_account_delete(ordo_app *a, const char *id) { APP_ID_CALL(a->ops->account_delete(a->store, id)); }
int ordo_app_contact_delete(ordo_app *a, const char *id) { APP_ID_CALL(a->ops->contact_delete(a->store, id)); }
int ordo_app_product_delete(ordo_app *a, const char *id) { APP_ID_CALL(a->ops->product_delete(a->store, id)); }

/* ---- lists: each record copied out of the store's listing ----------------------------------- */

static int copy_list(ordo_strlist *dst, const ordo_strlist *src) { return ordo_strlist_copy(dst, src); }

static int dup2(char **dst, const char *src)
{
    return (*dst = src ? ordo__strdup(src) : NULL) != NULL || !src ? 0 : -1;
}

static int collect_account(const ordo_account *x, void *payload)
{
    ordo_app_accounts *l = payload;
    ordo_account *c;
    if (ORDO_GROW(l->v, l->cap, (size_t)l->n + 1) < 0)
        return ORDO_ENOMEM;
    c = memset(&l->v[l->n++], 0, sizeof *c);
    c->relationship = x->relationship;
    return dup2(&c->id, x->id) | dup2(&c->name, x->name) | dup2(&c->city, x->city) | copy_list(&c->roles, &x->roles)
               ? ORDO_ENOMEM
               : 0;
}

static int collect_contact(const ordo_contact *x, void *payload)
{
    ordo_app_contacts *l = payload;
    ordo_contact *c;
    if (ORDO_GROW(l->v, l->cap, (size_t)l->n + 1) < 0)
        return ORDO_ENOMEM;
    c = memset(&l->v[l->n++], 0, sizeof *c);
    c->relationship = x->relationship;
    return dup2(&c->id, x->id) | dup2(&c->first_name, x->first_name) | dup2(&c->last_name, x->last_name) |
                   dup2(&c->email, x->email) | dup2(&c->account, x->account) | dup2(&c->city, x->city) |
                   dup2(&c->phone, x->phone) | copy_list(&c->roles, &x->roles)
               ? ORDO_ENOMEM
               : 0;
}

static int collect_product(const ordo_product *x, void *payload)
{
    ordo_app_products *l = payload;
    ordo_product *c;
    if (ORDO_GROW(l->v, l->cap, (size_t)l->n + 1) < 0)
        return ORDO_ENOMEM;
    c = memset(&l->v[l->n++], 0, sizeof *c);
    return dup2(&c->id, x->id) | dup2(&c->name, x->name) ? ORDO_ENOMEM : 0;
}

void ordo_app_accounts_clear(ordo_app_accounts *l)
{
    for (int i = 0; l && i < l->n; i++)
        ordo_account_clear(&l->v[i]);
    if (l) {
        ordo__free(l->v);
        memset(l, 0, sizeof *l);
    }
}

void ordo_app_contacts_clear(ordo_app_contacts *l)
{
    for (int i = 0; l && i < l->n; i++)
        ordo_contact_clear(&l->v[i]);
    if (l) {
        ordo__free(l->v);
        memset(l, 0, sizeof *l);
    }
}

void ordo_app_products_clear(ordo_app_products *l)
{
    for (int i = 0; l && i < l->n; i++)
        ordo_product_clear(&l->v[i]);
    if (l) {
        ordo__free(l->v);
        memset(l, 0, sizeof *l);
    }
}

/* A listing's result: ENOMEM from a collector has no store message. */
static int listed(ordo_app *a, int rc)
{
    if (rc == ORDO_ENOMEM)
        return app_fail(a, rc, NULL, "out of memory");
    return st(a, rc);
}

int ordo_app_account_list(ordo_app *a, ordo_app_accounts *out)
{
    int rc;
    app_start(a);
    memset(out, 0, sizeof *out);
    if ((rc = listed(a, a->ops->account_list(a->store, collect_account, out))) < 0)
        ordo_app_accounts_clear(out);
    return rc;
}

int ordo_app_contact_list(ordo_app *a, ordo_app_contacts *out)
{
    int rc;
    app_start(a);
    memset(out, 0, sizeof *out);
    if ((rc = listed(a, a->ops->contact_list(a->store, collect_contact, out))) < 0)
        ordo_app_contacts_clear(out);
    return rc;
}

int ordo_app_product_list(ordo_app *a, ordo_app_products *out)
{
    int rc;
    app_start(a);
    memset(out, 0, sizeof *out);
    if ((rc = listed(a, a->ops->product_list(a->store, collect_product, out))) < 0)
        ordo_app_products_clear(out);
    return rc;
}
