/*
 * crm_csv.c — accounts, contacts and products to and from CSV (crm_csv.h).
 *
 * Import reads rows with the data contract's table reader (import_table.h:
 * header checked, typed cells, "FILE:LINE: COLUMN" messages), checks each
 * against the store (shared id space, a contact's account, an id twice in
 * the file) and upserts it, all inside one ordo_store_begin() ... commit;
 * any failure rolls the whole file back. Export streams the store's
 * listing into a buffer written atomically (or to stdout).
 */
#include "io/crm_csv.h"

#include "io/import_table.h"
#include "io/out_file.h"
#include "model/index.h"

#include <stdio.h>
#include <string.h>

#define VALUE_SHOWN 60

static const char *const account_cols[] = { "id", "name", "relationship", "roles", "city" };
enum { ACC_ID, ACC_NAME, ACC_REL, ACC_ROLES, ACC_CITY };
static const char *const contact_cols[] = { "id", "first_name", "last_name", "email", "account", "relationship",
                                            "roles", "city", "phone" };
enum { CON_ID, CON_FIRST, CON_LAST, CON_EMAIL, CON_ACCOUNT, CON_REL, CON_ROLES, CON_CITY, CON_PHONE };
static const char *const product_cols[] = { "id", "name" };
enum { PRO_ID, PRO_NAME };

struct table_def;

typedef struct importer {
    const struct table_def *def;
    ordo_store *s;
    ordo__table t;
    ordo_index *seen;             /* id -> line of this file; keys are ids[] */
    char **ids;                   /* owned copies of the ids seen (the row's cells are reused) */
    size_t nids, capids;
    ordo_err *err;
} importer;

/* The id cell: valid, and not seen earlier in this file. */
static int id_cell(importer *im, const char **out)
{
    int rc = ordo__table_id(&im->t, 0, out);
    if (rc < 0)
        return rc;
    int line = ordo__index_get(im->seen, *out);
    if (line > 0)
        return ordo__table_fail(&im->t, 0, "'%.*s' appears twice (first on line %d)", VALUE_SHOWN, *out, line);
    char *key = NULL;
    if (ORDO_GROW(im->ids, im->capids, im->nids + 1) < 0 || !(key = ordo__strdup(*out)) ||
        ordo__index_put(im->seen, key, ordo__table_line(&im->t)) < 0) {
        ordo__free(key);
        return ordo__seterr(im->err, ORDO_ENOMEM, "out of memory");
    }
    im->ids[im->nids++] = key;
    return ORDO_OK;
}

static int relationship_cell(importer *im, int col, ordo_relationship *out)
{
    const char *v = ordo__table_cell(&im->t, col);
    int r = !*v || strcmp(v, "none") == 0 ? ORDO_REL_NONE : ordo_relationship_parse(v);   /* export writes "" */
    if (r < 0)
        return ordo__table_fail(&im->t, col,
                                "'%.*s' is not suspect, prospect, potential_client, client, former_client or empty",
                                VALUE_SHOWN, v);
    *out = (ordo_relationship)r;
    return ORDO_OK;
}

/* The id must not belong to the other kind of party. */
static int party_cell(importer *im, const char *id, int own_kind)
{
    int kind = 0, rc = ordo_store_party_find(im->s, id, &kind);
    if (rc < 0)
        return ordo__seterr(im->err, rc, "%s", ordo_store_errmsg(im->s));
    if (kind && kind != own_kind)
        return ordo__table_fail(&im->t, 0, "'%.*s' is already %s id (accounts and contacts share ids)",
                                VALUE_SHOWN, id, kind == ORDO_PARTY_ACCOUNT ? "an account" : "a contact");
    return ORDO_OK;
}

/* Roles from the cell, or (no roles column) the record's stored roles. */
static int roles_cell(importer *im, int col, const ordo_strlist *stored, ordo_strlist *out)
{
    int rc = im->t.pos[col] >= 0 ? ordo_strlist_parse(out, ordo__table_cell(&im->t, col))
                                 : ordo_strlist_copy(out, stored);
    return rc < 0 ? ordo__seterr(im->err, ORDO_ENOMEM, "out of memory") : ORDO_OK;
}

/* A one-line text (city, phone) from the cell ("" = none), or (no such
 * column) the record's stored value; checked here so the message names
 * the column. */
static int line_cell(importer *im, int col, int (*check)(const char *, const char *, const char *, ordo_err *),
                     const char *what, const char *id, char *stored, char **out)
{
    if (im->t.pos[col] < 0) {
        *out = stored;
        return ORDO_OK;
    }
    *out = (char *)ordo__table_opt(&im->t, col);
    if (check(*out, what, id, im->err) < 0)
        return ordo__table_fail(&im->t, col, "%s", im->err->msg);
    return ORDO_OK;
}

/* A store refusal of a row that passed the checks above, placed at its line. */
static int stored(importer *im, int rc, int col)
{
    return rc < 0 ? ordo__table_fail(&im->t, col, "%s", ordo_store_errmsg(im->s)) : rc;
}

static int account_row(importer *im)
{
    int rc = ORDO_OK;
    const char *id, *name;
    ordo_account a = { 0 }, old = { 0 };
    ORDO_TRY(id_cell(im, &id));
    ORDO_TRY(party_cell(im, id, ORDO_PARTY_ACCOUNT));
    ORDO_TRY(ordo__table_text(&im->t, ACC_NAME, &name));
    a.id = (char *)id;
    a.name = (char *)name;
    ORDO_TRY(relationship_cell(im, ACC_REL, &a.relationship));
    if ((im->t.pos[ACC_ROLES] < 0 || im->t.pos[ACC_CITY] < 0) &&
        (rc = ordo_store_account_get(im->s, id, &old)) == ORDO_ENOTFOUND)
        rc = ORDO_OK;
    ORDO_TRY(stored(im, rc, ACC_ID));
    ORDO_TRY(roles_cell(im, ACC_ROLES, &old.roles, &a.roles));
    ORDO_TRY(line_cell(im, ACC_CITY, ordo_city_check, "account", id, old.city, &a.city));
    if ((rc = ordo_roles_check(&a.roles, "account", id, im->err)) < 0)
        rc = ordo__table_fail(&im->t, ACC_ROLES, "%s", im->err->msg);
    else
        rc = stored(im, ordo_store_account_put(im->s, &a, ORDO_PUT_ANY), ACC_ID);
done:
    ordo_strlist_clear(&a.roles);
    ordo_account_clear(&old);
    return rc;
}

static int contact_row(importer *im)
{
    int rc = ORDO_OK, kind = 0;
    const char *id;
    ordo_contact c = { 0 }, old = { 0 };
    ORDO_TRY(id_cell(im, &id));
    ORDO_TRY(party_cell(im, id, ORDO_PARTY_CONTACT));
    c.id = (char *)id;
    ORDO_TRY(ordo__table_text(&im->t, CON_FIRST, (const char **)&c.first_name));
    ORDO_TRY(ordo__table_text(&im->t, CON_LAST, (const char **)&c.last_name));
    c.email = (char *)ordo__table_opt(&im->t, CON_EMAIL);
    if (c.email && !strchr(c.email, '@'))
        ORDO_TRY(ordo__table_fail(&im->t, CON_EMAIL, "'%.*s' has no '@'", VALUE_SHOWN, c.email));
    if ((c.account = (char *)ordo__table_opt(&im->t, CON_ACCOUNT))) {
        ORDO_TRY(stored(im, ordo_store_party_find(im->s, c.account, &kind), CON_ACCOUNT));
        if (kind != ORDO_PARTY_ACCOUNT)
            ORDO_TRY(ordo__table_fail(&im->t, CON_ACCOUNT, "unknown account '%.*s'", VALUE_SHOWN, c.account));
    }
    ORDO_TRY(relationship_cell(im, CON_REL, &c.relationship));
    if ((im->t.pos[CON_ROLES] < 0 || im->t.pos[CON_CITY] < 0 || im->t.pos[CON_PHONE] < 0) &&
        (rc = ordo_store_contact_get(im->s, id, &old)) == ORDO_ENOTFOUND)
        rc = ORDO_OK;
    ORDO_TRY(stored(im, rc, CON_ID));
    ORDO_TRY(roles_cell(im, CON_ROLES, &old.roles, &c.roles));
    ORDO_TRY(line_cell(im, CON_CITY, ordo_city_check, "contact", id, old.city, &c.city));
    ORDO_TRY(line_cell(im, CON_PHONE, ordo_phone_check, "contact", id, old.phone, &c.phone));
    if ((rc = ordo_roles_check(&c.roles, "contact", id, im->err)) < 0)
        rc = ordo__table_fail(&im->t, CON_ROLES, "%s", im->err->msg);
    else
        rc = stored(im, ordo_store_contact_put(im->s, &c, ORDO_PUT_ANY), CON_ID);
done:
    ordo_strlist_clear(&c.roles);
    ordo_contact_clear(&old);
    return rc;
}

static int product_row(importer *im)
{
    int rc = ORDO_OK;
    ordo_product p = { 0 };
    ORDO_TRY(id_cell(im, (const char **)&p.id));
    ORDO_TRY(ordo__table_text(&im->t, PRO_NAME, (const char **)&p.name));
    rc = stored(im, ordo_store_product_put(im->s, &p, ORDO_PUT_ANY), PRO_ID);
done:
    return rc;
}

static const struct table_def {
    const char *const *cols;
    int nrequired, ncols;
    int (*row)(importer *);
} tables[] = {
    [ORDO_CRM_ACCOUNTS] = { account_cols, 3, 5, account_row },
    [ORDO_CRM_CONTACTS] = { contact_cols, 6, 9, contact_row },
    [ORDO_CRM_PRODUCTS] = { product_cols, 2, 2, product_row },
};

/* One row through the importer's table (ordo__table_import's callback). */
static int run_row(void *ctx)
{
    importer *im = ctx;
    return im->def->row(im);
}

int ordo_crm_csv_import(ordo_store *s, ordo_crm_table t, const char *path, ordo_warn_fn warn, void *payload,
                        int *out_rows, ordo_err *err)
{
    int rc = ORDO_OK;
    importer im = { .s = s, .err = err };
    if (out_rows)
        *out_rows = 0;
    if (!s || !path || (unsigned)t > ORDO_CRM_PRODUCTS)
        return ordo__seterr(err, ORDO_EINVAL, "CSV import: no store, file or table");
    const struct table_def *def = im.def = &tables[t];
    if (ordo__index_new(&im.seen) < 0)
        return ordo__seterr(err, ORDO_ENOMEM, "out of memory");
    rc = ordo__table_import(&im.t, s, path, def->cols, def->nrequired, def->ncols, warn, payload,
                            run_row, &im, out_rows, err);
    ordo__index_free(im.seen);
    for (size_t i = 0; i < im.nids; i++)
        ordo__free(im.ids[i]);
    ordo__free(im.ids);
    return rc;
}

/* ---- export ------------------------------------------------------------------------ */

/* One RFC 4180 cell (NULL = empty), quoted only when needed, then `sep`. */
void ordo__csv_cell(ordo__outbuf *b, const char *v, char sep)
{
    if (v && strpbrk(v, ",\"\r\n")) {
        ordo__outbuf_put(b, "\"", 1);
        for (const char *p = v; *p; p++)
            ordo__outbuf_put(b, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
        ordo__outbuf_put(b, "\"", 1);
    } else if (v) {
        ordo__outbuf_puts(b, v);
    }
    ordo__outbuf_put(b, &sep, 1);
}

static void roles_cell_out(ordo__outbuf *b, const ordo_strlist *roles)
{
    char *joined = ordo_strlist_join(roles);
    if (!joined)
        b->failed = 1;
    ordo__csv_cell(b, joined ? joined : "", ',');
    ordo__free(joined);
}

static int account_out(const ordo_account *a, void *payload)
{
    ordo__outbuf *b = payload;
    ordo__csv_cell(b, a->id, ',');
    ordo__csv_cell(b, a->name, ',');
    ordo__csv_cell(b, ordo_relationship_name(a->relationship), ',');
    roles_cell_out(b, &a->roles);
    ordo__csv_cell(b, a->city, '\n');
    return ORDO_OK;
}

static int contact_out(const ordo_contact *c, void *payload)
{
    ordo__outbuf *b = payload;
    ordo__csv_cell(b, c->id, ',');
    ordo__csv_cell(b, c->first_name, ',');
    ordo__csv_cell(b, c->last_name, ',');
    ordo__csv_cell(b, c->email, ',');
    ordo__csv_cell(b, c->account, ',');
    ordo__csv_cell(b, ordo_relationship_name(c->relationship), ',');
    roles_cell_out(b, &c->roles);
    ordo__csv_cell(b, c->city, ',');
    ordo__csv_cell(b, c->phone, '\n');
    return ORDO_OK;
}

static int product_out(const ordo_product *p, void *payload)
{
    ordo__outbuf *b = payload;
    ordo__csv_cell(b, p->id, ',');
    ordo__csv_cell(b, p->name, '\n');
    return ORDO_OK;
}

int ordo_crm_csv_export(ordo_store *s, ordo_crm_table t, const char *path, ordo_err *err)
{
    int rc = ORDO_OK;
    ordo__outbuf b = { 0 };
    if (!s || (unsigned)t > ORDO_CRM_PRODUCTS)
        return ordo__seterr(err, ORDO_EINVAL, "CSV export: no store or table");
    const struct table_def *def = &tables[t];
    for (int k = 0; k < def->ncols; k++)
        ordo__csv_cell(&b, def->cols[k], k + 1 < def->ncols ? ',' : '\n');
    rc = t == ORDO_CRM_ACCOUNTS ? ordo_store_account_list(s, account_out, &b)
         : t == ORDO_CRM_CONTACTS ? ordo_store_contact_list(s, contact_out, &b)
                                  : ordo_store_product_list(s, product_out, &b);
    return ordo__csv_emit(&b, rc, s, path, err);
}
