/*
 * crm.c — checks and cleanup of the shared CRM records (crm.h). The checks
 * are the ones every way in shares (CLI, CSV import, library callers), so a
 * record that passes is one the store can keep and export again.
 */
#include "model/crm.h"
#include "model/dedup.h"

#include <ctype.h>
#include <string.h>

static int bad(ordo_err *err, const char *what, const char *id, const char *field, const char *why)
{
    return ordo__seterr_at(err, ORDO_EINPUT, field, "%s %s: %s %s", what, id && *id ? id : "(no id)", field, why);
}

static int check_id(const char *what, const char *id, ordo_err *err)
{
    if (!ordo_id_valid(id))
        return ordo__seterr(err, ORDO_EINPUT, "%s id '%s': use letters, digits, '-', '_' and '.'", what,
                            id ? id : "");
    return ORDO_OK;
}

static int role_valid(const char *r)
{
    if (!*r)
        return 0;
    for (; *r; r++)
        if (!islower((unsigned char)*r) && !isdigit((unsigned char)*r) && *r != '_')
            return 0;
    return 1;
}

int ordo_roles_check(const ordo_strlist *roles, const char *what, const char *id, ordo_err *err)
{
    for (int i = 0; i < roles->count; i++) {
        if (!role_valid(roles->items[i]))
            return ordo__seterr(err, ORDO_EINPUT, "%s %s: role '%s' must be a lowercase word "
                                "(letters, digits, '_'), e.g. competitor, partner, supplier",
                                what, id, roles->items[i]);
        for (int k = 0; k < i; k++)
            if (strcmp(roles->items[k], roles->items[i]) == 0)
                return ordo__seterr(err, ORDO_EINPUT, "%s %s: role '%s' is listed twice", what, id,
                                    roles->items[i]);
    }
    return ORDO_OK;
}

static int check_relationship(ordo_relationship r, const char *what, const char *id, ordo_err *err)
{
    if ((unsigned)r > ORDO_REL_FORMER_CLIENT)
        return bad(err, what, id, "relationship",
                   "must be suspect, prospect, potential_client, client or former_client");
    return ORDO_OK;
}

int ordo_account_check(const ordo_account *a, ordo_err *err)
{
    int rc = ORDO_OK;
    ORDO_TRY(check_id("account", a->id, err));
    if (!a->name || !*a->name)
        rc = bad(err, "account", a->id, "name", "must not be empty");
    else if ((rc = check_relationship(a->relationship, "account", a->id, err)) == ORDO_OK &&
             (rc = ordo_roles_check(&a->roles, "account", a->id, err)) == ORDO_OK)
        rc = ordo_city_check(a->city, "account", a->id, err);
done:
    return rc;
}

int ordo_contact_check(const ordo_contact *c, ordo_err *err)
{
    int rc = ORDO_OK;
    ORDO_TRY(check_id("contact", c->id, err));
    if ((!c->first_name || !*c->first_name) && (!c->last_name || !*c->last_name))
        rc = bad(err, "contact", c->id, "name", "needs a first or a last name");
    else if (c->email && *c->email && !ordo_email_valid(c->email))
        rc = bad(err, "contact", c->id, "email", "is not an email address (local@domain, one line, "
                 "no spaces or quotes)");
    else if (c->account && *c->account && !ordo_id_valid(c->account))
        rc = bad(err, "contact", c->id, "account", "is not a valid id");
    else if ((rc = check_relationship(c->relationship, "contact", c->id, err)) == ORDO_OK &&
             (rc = ordo_roles_check(&c->roles, "contact", c->id, err)) == ORDO_OK &&
             (rc = ordo_city_check(c->city, "contact", c->id, err)) == ORDO_OK)
        rc = ordo_phone_check(c->phone, "contact", c->id, err);
done:
    return rc;
}

/* A one-line free-text field of at most `max` bytes (`too_long` says it). */
static int line_check(const char *v, size_t max, const char *too_long, const char *what, const char *id,
                      const char *field, ordo_err *err)
{
    if (!v)
        return ORDO_OK;
    if (strlen(v) > max)
        return bad(err, what, id, field, too_long);
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return bad(err, what, id, field, "must be one line without control characters");
    return ORDO_OK;
}

int ordo_city_check(const char *city, const char *what, const char *id, ordo_err *err)
{
    return line_check(city, ORDO_CITY_MAX, "is longer than 100 bytes", what, id, "city", err);
}

int ordo_phone_check(const char *phone, const char *what, const char *id, ordo_err *err)
{
    return line_check(phone, ORDO_PHONE_MAX, "is longer than 40 bytes", what, id, "phone", err);
}

void ordo_city_key(char out[ORDO_CITY_MAX + 1], const char *city)
{
    ordo_dedup_name(out, ORDO_CITY_MAX + 1, city, 0);
}

int ordo_city_same(const char *a, const char *b)
{
    char ka[ORDO_CITY_MAX + 1], kb[ORDO_CITY_MAX + 1];
    ordo_city_key(ka, a);
    ordo_city_key(kb, b);
    return *ka && strcmp(ka, kb) == 0;
}

int ordo_city_query_check(const char *city, const char *what, const char *id, ordo_err *err)
{
    char key[ORDO_CITY_MAX + 1];
    int rc = ordo_city_check(city, what, id, err);
    if (rc < 0 || !city)
        return rc;
    ordo_city_key(key, city);
    if (!*key)
        return ordo__seterr(err, ORDO_EINPUT, "%s %s: city '%s' has no letter or digit to match", what,
                            id && *id ? id : "(no id)", city);
    return ORDO_OK;
}

int ordo_product_check(const ordo_product *p, ordo_err *err)
{
    int rc = check_id("product", p->id, err);
    if (rc == ORDO_OK && (!p->name || !*p->name))
        rc = bad(err, "product", p->id, "name", "must not be empty");
    return rc;
}

void ordo_account_clear(ordo_account *a)
{
    if (!a)
        return;
    ordo__free(a->id);
    ordo__free(a->name);
    ordo__free(a->city);
    ordo_strlist_clear(&a->roles);
    memset(a, 0, sizeof *a);
}

void ordo_contact_clear(ordo_contact *c)
{
    if (!c)
        return;
    ordo__free(c->id);
    ordo__free(c->first_name);
    ordo__free(c->last_name);
    ordo__free(c->email);
    ordo__free(c->account);
    ordo__free(c->city);
    ordo__free(c->phone);
    ordo_strlist_clear(&c->roles);
    memset(c, 0, sizeof *c);
}

void ordo_product_clear(ordo_product *p)
{
    if (!p)
        return;
    ordo__free(p->id);
    ordo__free(p->name);
    memset(p, 0, sizeof *p);
}
