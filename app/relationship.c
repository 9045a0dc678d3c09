/*
 * relationship.c — relationship-type use cases (app/sales.h): the policy
 * kept in the store's meta table, and the refresh of one party or of every
 * account and contact in one write transaction (the nightly job that turns
 * lapsed clients into former clients). The rules are model/relationship.h's;
 * the store re-derives each party under the write lock and records each
 * change, so a refresh run twice changes nothing the second time.
 */
#include "app/sales_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GRACE_KEY "relationship.grace_days"
#define LAPSED_KEY "relationship.lapsed"

static int lapsed_parse(const char *v)
{
    int r = ordo_relationship_parse(v);
    return r == ORDO_REL_FORMER_CLIENT || r == ORDO_REL_PROSPECT || r == ORDO_REL_SUSPECT ? r : -1;
}

int sales_policy(ordo_app *a, ordo_rel_policy *out)
{
    char buf[64];
    ordo_rel_policy p = ORDO_REL_POLICY_INIT;
    int rc = a->ops->meta_get(a->store, GRACE_KEY, buf, sizeof buf);
    if (rc == ORDO_OK)
        p.grace_days = atoi(buf);
    else if (rc != ORDO_ENOTFOUND)
        return sales_check(a, rc, NULL);
    rc = a->ops->meta_get(a->store, LAPSED_KEY, buf, sizeof buf);
    if (rc == ORDO_OK && lapsed_parse(buf) >= 0)
        p.lapsed = (ordo_relationship)lapsed_parse(buf);
    else if (rc != ORDO_OK && rc != ORDO_ENOTFOUND)
        return sales_check(a, rc, NULL);
    *out = p;
    return ORDO_OK;
}

int ordo_app_relationship_policy_get(ordo_app *a, ordo_rel_policy *out)
{
    app_start(a);
    return sales_policy(a, out);
}

int ordo_app_relationship_policy_set(ordo_app *a, const char *grace_days, const char *lapsed)
{
    char buf[32];
    app_start(a);
    if (grace_days) {
        char *end = NULL;
        long d = strtol(grace_days, &end, 10);
        if (!*grace_days || *end || d < 0 || d > 36500)
            return app_fail(a, ORDO_EINVAL, "grace_days", "grace days '%s': a whole number of days, 0 to 36500",
                            grace_days);
        snprintf(buf, sizeof buf, "%ld", d);
    }
    if (lapsed && lapsed_parse(lapsed) < 0)
        return app_fail(a, ORDO_EINVAL, "lapsed", "lapsed '%s': use former_client, prospect or suspect", lapsed);
    int rc = sales_begin(a);
    if (rc == ORDO_OK && grace_days)
        rc = sales_check(a, a->ops->meta_set(a->store, GRACE_KEY, buf), "grace_days");
    if (rc == ORDO_OK && lapsed)
        rc = sales_check(a, a->ops->meta_set(a->store, LAPSED_KEY, lapsed), "lapsed");
    return sales_end(a, rc);
}

void ordo_app_rel_changes_clear(ordo_app_rel_changes *c)
{
    if (!c)
        return;
    ordo__free(c->v);
    memset(c, 0, sizeof *c);
}

/* Parties to refresh with their type before (collected by the list walks). */
typedef struct parties {
    ordo_app_rel_change *v;
    size_t n, cap;
    int oom;
} parties;

static int add_party(parties *p, const char *id, ordo_relationship r)
{
    if (ORDO_GROW(p->v, p->cap, p->n + 1) < 0) {
        p->oom = 1;
        return 1;
    }
    snprintf(p->v[p->n].party, sizeof p->v[p->n].party, "%s", id);
    p->v[p->n].from = r;
    p->n++;
    return 0;
}
static int each_account(const ordo_account *x, void *payload) { return add_party(payload, x->id, x->relationship); }
static int each_contact(const ordo_contact *x, void *payload) { return add_party(payload, x->id, x->relationship); }

/* The kind of party `id` (ORDO_PARTY_ACCOUNT/CONTACT); ORDO_ENOTFOUND (field "party") otherwise. */
static int find_party(ordo_app *a, const char *id, int *kind)
{
    int rc = sales_check(a, a->ops->party_find(a->store, id, kind), "party");
    if (rc == ORDO_OK && *kind == ORDO_PARTY_NONE)
        rc = app_fail(a, ORDO_ENOTFOUND, "party", "'%s' is not an account or contact", id);
    return rc;
}

int ordo_app_relationship_refresh(ordo_app *a, const char *party, int64_t now, ordo_app_rel_changes *out)
{
    int rc = ORDO_OK;
    parties p = { 0 };
    ordo_rel_policy pol;
    memset(out, 0, sizeof *out);
    app_start(a);
    ORDO_TRY(sales_begin(a));
    ORDO_TRY(sales_policy(a, &pol));
    if (party && *party) {
        ordo_account acc = { 0 };
        ordo_contact con = { 0 };
        int kind = 0;
        ORDO_TRY(find_party(a, party, &kind));
        if (kind == ORDO_PARTY_ACCOUNT && (rc = a->ops->account_get(a->store, party, &acc)) == ORDO_OK)
            add_party(&p, party, acc.relationship);
        else if (kind != ORDO_PARTY_ACCOUNT && (rc = a->ops->contact_get(a->store, party, &con)) == ORDO_OK)
            add_party(&p, party, con.relationship);
        ordo_account_clear(&acc);
        ordo_contact_clear(&con);
        ORDO_TRY(sales_check(a, rc, "party"));
    } else {
        ORDO_TRY(sales_check(a, a->ops->account_list(a->store, each_account, &p), NULL));
        ORDO_TRY(sales_check(a, a->ops->contact_list(a->store, each_contact, &p), NULL));
    }
    if (p.oom) {
        rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < p.n; i++) {
        ordo_relationship to = ORDO_REL_NONE;
        ORDO_TRY(sales_check(a, a->ops->relationship_refresh(a->store, p.v[i].party, &pol, sales_today(now),
                                                             app_now(now), &to), NULL));
        out->checked++;
        if (to == p.v[i].from)
            continue;
        if (ORDO_GROW(out->v, out->cap, out->n + 1) < 0) {
            rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
            goto done;
        }
        out->v[out->n] = p.v[i];
        out->v[out->n++].to = to;
    }
done:
    rc = sales_end(a, rc);
    ordo__free(p.v);
    if (rc < 0)
        ordo_app_rel_changes_clear(out);
    return rc;
}

int ordo_app_relationship_changes(ordo_app *a, const char *party,
                                  int (*fn)(const char *from, const char *to, const char *why, int64_t at,
                                            void *payload),
                                  void *payload)
{
    int kind = 0;
    app_start(a);
    int rc = find_party(a, party ? party : "", &kind);
    if (rc == ORDO_OK)
        rc = sales_check(a, a->ops->relationship_changes(a->store, party, fn, payload), NULL);
    return rc;
}
