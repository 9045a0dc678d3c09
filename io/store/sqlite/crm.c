/*
 * store_crm.c — accounts, contacts and products in the store, one record
 * per call (service.h), beside the whole-model save of io/store_sqlite.c.
 *
 * Invariants: accounts and contacts share one id space (checked in the
 * same transaction as the write); a new record goes after the others
 * (position = max + 1) and an update keeps its position, so the model
 * loads it at the same place; a record is deleted only when nothing refers
 * to it (contacts, contracts, courses, cases), naming the first referrer
 * otherwise.
 */
#include "io/service.h"
#include "io/store/sqlite/store_int.h"

#include <stdio.h>
#include <string.h>

/* ---- shared --------------------------------------------------------------------- */

static const char *const find_party_sql =
    "SELECT 1 FROM accounts WHERE id = ?1 UNION ALL SELECT 2 FROM contacts WHERE id = ?1 LIMIT 1";

int ordo_store_party_find(ordo_store *s, const char *id, int *out_kind)
{
    int rc = ORDO_OK;
    int64_t kind = ORDO_PARTY_NONE;
    ordo__row *r = NULL;
    ORDO_TRY(ordo__store_sql(s, find_party_sql, &r));
    ordo__bind_text(s, r, 1, id);
    rc = ordo__row_int(s, r, "looking up a customer", ORDO_PARTY_NONE, &kind);
done:
    *out_kind = (int)kind;
    return rc;
}

/* The id is free (NEW) or taken by a record of this table (EXISTING, ANY). */
static int check_mode(ordo_store *s, const char *what, const char *id, int want_kind, ordo_put_mode mode)
{
    int rc = ORDO_OK, kind = 0;
    ORDO_TRY(ordo_store_party_find(s, id, &kind));
    if (kind && kind != want_kind)
        rc = ordo__seterr(ordo__store_err(s), ORDO_EEXISTS, "%s %s: '%s' is already %s id (accounts and contacts "
                          "share ids)", what, id, id, kind == ORDO_PARTY_ACCOUNT ? "an account" : "a contact");
    else if (kind && mode == ORDO_PUT_NEW)
        rc = ordo__seterr(ordo__store_err(s), ORDO_EEXISTS, "%s %s already exists ('ordo %s update' changes it)",
                          what, id, what);
    else if (!kind && mode == ORDO_PUT_EXISTING)
        rc = ordo__seterr(ordo__store_err(s), ORDO_ENOTFOUND, "%s %s does not exist", what, id);
done:
    return rc;
}

/* First referrer of a record, as "TABLE ID" in buf, or "" when none. */
static int first_referrer(ordo_store *s, const char *sql, const char *id, char *buf, size_t n)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    buf[0] = '\0';
    ORDO_TRY(ordo__store_sql(s, sql, &r));
    ordo__bind_text(s, r, 1, id);
    if ((rc = ordo__row_step(s, r, "looking for references")) == 1) {
        const char *table = ordo__col_text(s, r, 0), *ref = ordo__col_text(s, r, 1);
        snprintf(buf, n, "%s %s", table ? table : "?", ref ? ref : "?");
        ordo__row_reset(r);
        rc = ORDO_OK;
    }
done:
    return rc;
}

static const char *const party_refs_sql =
    "SELECT 'contact', id FROM contacts WHERE account = ?1"
    " UNION ALL SELECT 'contract', id FROM contracts WHERE customer = ?1"
    " UNION ALL SELECT 'course', id FROM courses WHERE customer = ?1"
    " UNION ALL SELECT 'case', CAST(id AS TEXT) FROM cases WHERE customer = ?1 LIMIT 1";
static const char *const product_refs_sql =
    "SELECT 'case', CAST(id AS TEXT) FROM cases WHERE product = ?1 LIMIT 1";

static int delete_record(ordo_store *s, const char *what, const char *id, const char *refs_sql,
                         const char *del_sql)
{
    int rc = ORDO_OK, began = 0;
    char ref[256];
    ordo__row *r = NULL;
    if (!s)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__store_unit_begin(s));
    began = 1;
    ORDO_TRY(first_referrer(s, refs_sql, id, ref, sizeof ref));
    if (ref[0]) {
        rc = ordo__seterr(ordo__store_err(s), ORDO_ERULE, "%s %s is used by %s; delete or change that first",
                          what, id, ref);
        goto done;
    }
    ORDO_TRY(ordo__store_sql(s, del_sql, &r));
    ordo__bind_text(s, r, 1, id);
    ORDO_TRY(ordo__row_exec(s, r, "deleting"));
    if (ordo__store_changes(s) == 0)
        rc = ordo__seterr(ordo__store_err(s), ORDO_ENOTFOUND, "%s %s does not exist", what, id);
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    return rc;
}

static int copy_str(ordo_store *s, char **dst, const char *src)
{
    if (!src)
        return ORDO_OK;
    return (*dst = ordo__strdup(src)) ? ORDO_OK : ordo__seterr(ordo__store_err(s), ORDO_ENOMEM, "out of memory");
}

static int parse_relationship(ordo_store *s, const char *v, const char *table, const char *id,
                              ordo_relationship *out)
{
    int r = v && !*v ? ORDO_REL_NONE : ordo_relationship_parse(v);
    if (r < 0)
        return ordo__seterr(ordo__store_err(s), ORDO_EIO, "store %s: table %s, '%s': relationship '%s' is not valid",
                            ordo__store_path(s), table, id ? id : "", v ? v : "(null)");
    *out = (ordo_relationship)r;
    return ORDO_OK;
}

static int parse_roles(ordo_store *s, const char *v, ordo_strlist *out)
{
    return ordo_strlist_parse(out, v) < 0 ? ordo__seterr(ordo__store_err(s), ORDO_ENOMEM, "out of memory") : ORDO_OK;
}

static const char *blank_null(const char *v) { return v && *v ? v : NULL; }

/* ---- accounts --------------------------------------------------------------------- */

static const char *const put_account_sql =
    "INSERT INTO accounts (id, position, name, relationship, roles, city)"
    " VALUES (?1, (SELECT COALESCE(MAX(position) + 1, 0) FROM accounts), ?2, ?3, ?4, ?5)"
    " ON CONFLICT(id) DO UPDATE SET name = excluded.name, relationship = excluded.relationship,"
    " roles = excluded.roles, city = excluded.city";
static const char *const get_account_sql =
    "SELECT id, name, relationship, roles, city FROM accounts WHERE id = ?1";
static const char *const list_accounts_sql =
    "SELECT id, name, relationship, roles, city FROM accounts ORDER BY position, rowid";

int ordo_store_account_put(ordo_store *s, const ordo_account *a, ordo_put_mode mode)
{
    int rc = ORDO_OK, began = 0;
    char *roles = NULL;
    ordo__row *r = NULL;
    if (!s || !a)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo_account_check(a, ordo__store_err(s)));
    if (!(roles = ordo_strlist_join(&a->roles))) {
        rc = ordo__seterr(ordo__store_err(s), ORDO_ENOMEM, "out of memory");
        goto done;
    }
    ORDO_TRY(ordo__store_unit_begin(s));
    began = 1;
    ORDO_TRY(check_mode(s, "account", a->id, ORDO_PARTY_ACCOUNT, mode));
    ORDO_TRY(ordo__store_sql(s, put_account_sql, &r));
    ordo__bind_text(s, r, 1, a->id);
    ordo__bind_text(s, r, 2, a->name);
    ordo__bind_text(s, r, 3, ordo_relationship_name(a->relationship));
    ordo__bind_text(s, r, 4, roles);
    ordo__bind_text(s, r, 5, blank_null(a->city));
    rc = ordo__row_exec(s, r, "saving the account");
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    ordo__free(roles);
    return rc;
}

/* Row (id, name, relationship, roles, city) -> a; strings borrowed from the row
 * except roles (owned: ordo_strlist_clear). */
static int account_row(ordo_store *s, ordo__row *r, ordo_account *a)
{
    memset(a, 0, sizeof *a);
    a->id = (char *)ordo__col_text(s, r, 0);
    a->name = (char *)ordo__col_text(s, r, 1);
    a->city = (char *)ordo__col_text(s, r, 4);
    int rc = parse_relationship(s, ordo__col_text(s, r, 2), "accounts", a->id, &a->relationship);
    return rc == ORDO_OK ? parse_roles(s, ordo__col_text(s, r, 3), &a->roles) : rc;
}

int ordo_store_account_get(ordo_store *s, const char *id, ordo_account *out)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    ordo_account row = { 0 };
    if (!s || !id || !out)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    memset(out, 0, sizeof *out);
    ORDO_TRY(ordo__store_sql(s, get_account_sql, &r));
    ordo__bind_text(s, r, 1, id);
    ORDO_TRY(ordo__row_need(s, r, "reading the account", "account %s does not exist", id));
    if ((rc = account_row(s, r, &row)) == ORDO_OK) {
        out->relationship = row.relationship;
        out->roles = row.roles;
        row.roles = (ordo_strlist){ 0 };
        if ((rc = copy_str(s, &out->id, row.id)) == ORDO_OK && (rc = copy_str(s, &out->name, row.name)) == ORDO_OK)
            rc = copy_str(s, &out->city, row.city);
    }
    ordo__row_reset(r);
done:
    ordo_strlist_clear(&row.roles);
    if (rc < 0)
        ordo_account_clear(out);
    return rc;
}

/* A listing's callback and its payload. */
typedef struct each_ctx {
    union {
        ordo_account_fn account;
        ordo_contact_fn contact;
        ordo_product_fn product;
    } fn;
    void *payload;
} each_ctx;

static int each_account(ordo_store *s, ordo__row *r, void *payload)
{
    const each_ctx *c = payload;
    ordo_account a;
    int rc = account_row(s, r, &a);
    if (rc == ORDO_OK)
        rc = c->fn.account(&a, c->payload);
    ordo_strlist_clear(&a.roles);
    return rc;
}

/* Runs a listing statement without parameters through `each`. */
static int list_all(ordo_store *s, const char *sql, const char *what, ordo__each_fn each, int have_fn, each_ctx *c)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    if (!s || !have_fn)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__store_sql(s, sql, &r));
    rc = ordo__row_each(s, r, what, each, c);
done:
    return rc;
}

int ordo_store_account_list(ordo_store *s, ordo_account_fn fn, void *payload)
{
    each_ctx c = { .fn.account = fn, .payload = payload };
    return list_all(s, list_accounts_sql, "listing accounts", each_account, fn != NULL, &c);
}

int ordo_store_account_delete(ordo_store *s, const char *id)
{
    return delete_record(s, "account", id, party_refs_sql, "DELETE FROM accounts WHERE id = ?1");
}

/* ---- contacts --------------------------------------------------------------------- */

static const char *const put_contact_sql =
    "INSERT INTO contacts (id, position, first_name, last_name, email, account, relationship, roles, city, phone)"
    " VALUES (?1, (SELECT COALESCE(MAX(position) + 1, 0) FROM contacts), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT(id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name,"
    " email = excluded.email, account = excluded.account, relationship = excluded.relationship,"
    " roles = excluded.roles, city = excluded.city, phone = excluded.phone";
static const char *const get_contact_sql =
    "SELECT id, first_name, last_name, email, account, relationship, roles, city, phone FROM contacts"
    " WHERE id = ?1";
static const char *const list_contacts_sql =
    "SELECT id, first_name, last_name, email, account, relationship, roles, city, phone FROM contacts"
    " ORDER BY position, rowid";

int ordo_store_contact_put(ordo_store *s, const ordo_contact *c, ordo_put_mode mode)
{
    int rc = ORDO_OK, began = 0, kind = 0;
    char *roles = NULL;
    ordo__row *r = NULL;
    if (!s || !c)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo_contact_check(c, ordo__store_err(s)));
    if (!(roles = ordo_strlist_join(&c->roles))) {
        rc = ordo__seterr(ordo__store_err(s), ORDO_ENOMEM, "out of memory");
        goto done;
    }
    ORDO_TRY(ordo__store_unit_begin(s));
    began = 1;
    ORDO_TRY(check_mode(s, "contact", c->id, ORDO_PARTY_CONTACT, mode));
    if (blank_null(c->account)) {
        ORDO_TRY(ordo_store_party_find(s, c->account, &kind));
        if (kind != ORDO_PARTY_ACCOUNT) {
            rc = ordo__seterr(ordo__store_err(s), ORDO_EINPUT, "contact %s: account '%s' does not exist", c->id,
                              c->account);
            goto done;
        }
    }
    ORDO_TRY(ordo__store_sql(s, put_contact_sql, &r));
    ordo__bind_text(s, r, 1, c->id);
    ordo__bind_text(s, r, 2, c->first_name ? c->first_name : "");
    ordo__bind_text(s, r, 3, c->last_name ? c->last_name : "");
    ordo__bind_text(s, r, 4, blank_null(c->email));
    ordo__bind_text(s, r, 5, blank_null(c->account));
    ordo__bind_text(s, r, 6, ordo_relationship_name(c->relationship));
    ordo__bind_text(s, r, 7, roles);
    ordo__bind_text(s, r, 8, blank_null(c->city));
    ordo__bind_text(s, r, 9, blank_null(c->phone));
    rc = ordo__row_exec(s, r, "saving the contact");
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    ordo__free(roles);
    return rc;
}

static int contact_row(ordo_store *s, ordo__row *r, ordo_contact *c)
{
    memset(c, 0, sizeof *c);
    c->id = (char *)ordo__col_text(s, r, 0);
    c->first_name = (char *)ordo__col_text(s, r, 1);
    c->last_name = (char *)ordo__col_text(s, r, 2);
    c->email = (char *)ordo__col_text(s, r, 3);
    c->account = (char *)ordo__col_text(s, r, 4);
    c->city = (char *)ordo__col_text(s, r, 7);
    c->phone = (char *)ordo__col_text(s, r, 8);
    int rc = parse_relationship(s, ordo__col_text(s, r, 5), "contacts", c->id, &c->relationship);
    return rc == ORDO_OK ? parse_roles(s, ordo__col_text(s, r, 6), &c->roles) : rc;
}

int ordo_store_contact_get(ordo_store *s, const char *id, ordo_contact *out)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    ordo_contact row = { 0 };
    if (!s || !id || !out)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    memset(out, 0, sizeof *out);
    ORDO_TRY(ordo__store_sql(s, get_contact_sql, &r));
    ordo__bind_text(s, r, 1, id);
    ORDO_TRY(ordo__row_need(s, r, "reading the contact", "contact %s does not exist", id));
    if ((rc = contact_row(s, r, &row)) == ORDO_OK) {
        const char *from[] = { row.id, row.first_name, row.last_name, row.email, row.account, row.city, row.phone };
        char **to[] = { &out->id, &out->first_name, &out->last_name, &out->email, &out->account, &out->city,
                        &out->phone };
        out->relationship = row.relationship;
        out->roles = row.roles;
        row.roles = (ordo_strlist){ 0 };
        for (size_t i = 0; rc == ORDO_OK && i < sizeof from / sizeof *from; i++)
            rc = copy_str(s, to[i], from[i]);
    }
    ordo__row_reset(r);
done:
    ordo_strlist_clear(&row.roles);
    if (rc < 0)
        ordo_contact_clear(out);
    return rc;
}

static int each_contact(ordo_store *s, ordo__row *r, void *payload)
{
    const each_ctx *c = payload;
    ordo_contact x;
    int rc = contact_row(s, r, &x);
    if (rc == ORDO_OK)
        rc = c->fn.contact(&x, c->payload);
    ordo_strlist_clear(&x.roles);
    return rc;
}

int ordo_store_contact_list(ordo_store *s, ordo_contact_fn fn, void *payload)
{
    each_ctx c = { .fn.contact = fn, .payload = payload };
    return list_all(s, list_contacts_sql, "listing contacts", each_contact, fn != NULL, &c);
}

int ordo_store_contact_delete(ordo_store *s, const char *id)
{
    return delete_record(s, "contact", id, party_refs_sql, "DELETE FROM contacts WHERE id = ?1");
}

/* ---- products --------------------------------------------------------------------- */

static const char *const put_product_sql =
    "INSERT INTO products (id, position, name)"
    " VALUES (?1, (SELECT COALESCE(MAX(position) + 1, 0) FROM products), ?2)"
    " ON CONFLICT(id) DO UPDATE SET name = excluded.name";
static const char *const product_exists_sql = "SELECT 1 FROM products WHERE id = ?1";
static const char *const get_product_sql = "SELECT id, name FROM products WHERE id = ?1";
static const char *const list_products_sql = "SELECT id, name FROM products ORDER BY position, rowid";

int ordo_store_product_put(ordo_store *s, const ordo_product *p, ordo_put_mode mode)
{
    int rc = ORDO_OK, began = 0;
    int64_t exists = 0;
    ordo__row *r = NULL;
    if (!s || !p)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo_product_check(p, ordo__store_err(s)));
    ORDO_TRY(ordo__store_unit_begin(s));
    began = 1;
    ORDO_TRY(ordo__store_sql(s, product_exists_sql, &r));
    ordo__bind_text(s, r, 1, p->id);
    ORDO_TRY(ordo__row_int(s, r, "looking up the product", 0, &exists));
    if (exists && mode == ORDO_PUT_NEW) {
        rc = ordo__seterr(ordo__store_err(s), ORDO_EEXISTS, "product %s already exists ('ordo product update' "
                          "changes it)", p->id);
        goto done;
    }
    if (!exists && mode == ORDO_PUT_EXISTING) {
        rc = ordo__seterr(ordo__store_err(s), ORDO_ENOTFOUND, "product %s does not exist", p->id);
        goto done;
    }
    ORDO_TRY(ordo__store_sql(s, put_product_sql, &r));
    ordo__bind_text(s, r, 1, p->id);
    ordo__bind_text(s, r, 2, p->name);
    rc = ordo__row_exec(s, r, "saving the product");
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    return rc;
}

int ordo_store_product_get(ordo_store *s, const char *id, ordo_product *out)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    if (!s || !id || !out)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    memset(out, 0, sizeof *out);
    ORDO_TRY(ordo__store_sql(s, get_product_sql, &r));
    ordo__bind_text(s, r, 1, id);
    ORDO_TRY(ordo__row_need(s, r, "reading the product", "product %s does not exist", id));
    rc = copy_str(s, &out->id, ordo__col_text(s, r, 0));
    if (rc == ORDO_OK)
        rc = copy_str(s, &out->name, ordo__col_text(s, r, 1));
    ordo__row_reset(r);
done:
    if (rc < 0)
        ordo_product_clear(out);
    return rc;
}

static int each_product(ordo_store *s, ordo__row *r, void *payload)
{
    const each_ctx *c = payload;
    ordo_product p = { (char *)ordo__col_text(s, r, 0), (char *)ordo__col_text(s, r, 1) };
    return c->fn.product(&p, c->payload);
}

int ordo_store_product_list(ordo_store *s, ordo_product_fn fn, void *payload)
{
    each_ctx c = { .fn.product = fn, .payload = payload };
    return list_all(s, list_products_sql, "listing products", each_product, fn != NULL, &c);
}

int ordo_store_product_delete(ordo_store *s, const char *id)
{
    return delete_record(s, "product", id, product_refs_sql, "DELETE FROM products WHERE id = ?1");
}
