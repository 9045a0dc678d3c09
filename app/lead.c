/*
 * lead.c — lead use cases (app/sales.h): add, get, list, disqualify,
 * reactivate, and qualify — which never creates a duplicate contact: the
 * store's dedup indexes give candidates, and without the user's pick or
 * override the call is refused with them, changing nothing.
 */
#include "app/sales_int.h"
#include "model/crm.h"
#include "model/dedup.h"

#include <stdio.h>
#include <string.h>

static char *opt(const char *s) { return (char *)(s && *s ? s : NULL); }

int ordo_app_lead_add(ordo_app *a, const ordo_app_lead_req *req)
{
    ordo_lead l = { 0 };
    app_start(a);
    l.id = opt(req->id);
    l.topic = opt(req->topic);
    l.first_name = opt(req->first_name);
    l.last_name = opt(req->last_name);
    l.company = opt(req->company);
    l.email = opt(req->email);
    l.phone = opt(req->phone);
    l.parent_contact = opt(req->parent_contact);
    l.parent_account = opt(req->parent_account);
    l.campaign = opt(req->campaign);
    l.channel = opt(req->channel);
    l.owner = opt(req->owner);
    l.score = req->score;
    int rating = req->rating && *req->rating ? ordo_lead_rating_parse(req->rating) : ORDO_LEAD_WARM;
    if (rating < 0)
        return app_fail(a, ORDO_EINVAL, "rating", "rating '%s' must be hot, warm or cold", req->rating);
    l.rating = (ordo_lead_rating)rating;
    return sales_check(a, a->ops->lead_add(a->store, &l), NULL);
}

int ordo_app_lead_get(ordo_app *a, const char *id, ordo_lead *out)
{
    app_start(a);
    return sales_check(a, a->ops->lead_get(a->store, id, out), NULL);
}

int ordo_app_lead_list(ordo_app *a, int (*fn)(const ordo_lead *l, void *payload), void *payload)
{
    app_start(a);
    return sales_check(a, a->ops->lead_list(a->store, fn, payload), NULL);
}

int ordo_app_lead_disqualify(ordo_app *a, const char *id, const char *reason)
{
    app_start(a);
    int r = ordo_lead_reason_parse(reason);
    if (r < 0)
        return app_fail(a, ORDO_EINVAL, "reason", "reason '%s' must be no_budget, not_target, no_interest, "
                        "timing, duplicate or other", reason ? reason : "");
    return sales_check(a, a->ops->lead_disqualify(a->store, id, (ordo_lead_reason)r), NULL);
}

int ordo_app_lead_reactivate(ordo_app *a, const char *id)
{
    app_start(a);
    return sales_check(a, a->ops->lead_reactivate(a->store, id), NULL);
}

/* Appends a candidate of `kind` (at most 8 of each kind). */
static void push_candidate(ordo_app_qualify_result *r, const char *kind, const char *id,
                           const ordo_dedup_candidate *c)
{
    int same = 0;
    for (int i = 0; i < r->ncandidates; i++)
        same += strcmp(r->candidates[i].kind, kind) == 0;
    if (same < 8 && r->ncandidates < (int)(sizeof r->candidates / sizeof *r->candidates)) {
        ordo_app_candidate *x = &r->candidates[r->ncandidates++];
        snprintf(x->id, sizeof x->id, "%s", id);
        snprintf(x->kind, sizeof x->kind, "%s", kind);
        x->score = c->score;
        ordo_dedup_why_text(c->why, x->why, sizeof x->why);
    }
}

static int add_contact(const char *id, const ordo_dedup_candidate *c, void *payload)
{
    push_candidate(payload, "contact", id, c);
    return 0;
}

static int add_account(const char *id, const ordo_dedup_candidate *c, void *payload)
{
    push_candidate(payload, "account", id, c);
    return 0;
}

/* "id (why, score), ..." of the candidates of `kind` into list. */
static void candidate_list(const ordo_app_qualify_result *r, const char *kind, char *list, size_t n)
{
    size_t k = 0;
    list[0] = '\0';
    for (int i = 0; i < r->ncandidates && k < n; i++) {
        const ordo_app_candidate *c = &r->candidates[i];
        if (strcmp(c->kind, kind) != 0)
            continue;
        int w = snprintf(list + k, n - k, "%s%s (%s, %.2f)", k ? ", " : "", c->id, c->why, c->score);
        k += w > 0 ? (size_t)w : 0;
    }
}

/* The account the user or the lead names, if any (not checked). */
static const char *named_account(const ordo_app_qualify_req *req, const ordo_lead *l, const char *contact_account)
{
    return opt(req->account) ? req->account : opt(l->parent_account) ? l->parent_account : opt(contact_account);
}

/* Chooses or creates the account (into out->account; "" = none). Account
 * candidates of the lead's company are already in out. */
static int qualify_account(ordo_app *a, const ordo_app_qualify_req *req, const ordo_lead *l,
                           const char *contact_account, ordo_app_qualify_result *out)
{
    int rc = ORDO_OK, kind = 0;
    const char *pick = named_account(req, l, contact_account);
    if (pick) {
        ORDO_TRY(sales_check(a, a->ops->party_find(a->store, pick, &kind), "account"));
        if (kind != ORDO_PARTY_ACCOUNT)
            return app_fail(a, ORDO_EINPUT, "account", "lead %s: account '%s' does not exist", l->id, pick);
        snprintf(out->account, sizeof out->account, "%s", pick);
        return ORDO_OK;
    }
    if (!opt(l->company))
        return ORDO_OK;
    const ordo_app_candidate *best = NULL;
    for (int i = 0; i < out->ncandidates && !best; i++)
        if (strcmp(out->candidates[i].kind, "account") == 0)
            best = &out->candidates[i];            /* ranked: the first is the best */
    if (best && best->score >= 1.0) {               /* the same normalised name */
        memcpy(out->account, best->id, sizeof out->account);   /* both char[64] */
        return ORDO_OK;
    }
    if (best && !req->create_new) {
        char list[512];
        candidate_list(out, "account", list, sizeof list);
        return app_fail(a, ORDO_ERULE, "account", "lead %s: company '%s' may be an existing account: %s; pick one "
                        "(account) or create a new one (create_new)", l->id, l->company, list);
    }
    snprintf(out->account, sizeof out->account, "%s-account", l->id);
    ordo_account acc = { 0 };
    acc.id = out->account;
    acc.name = l->company;
    acc.relationship = ORDO_REL_PROSPECT;
    ORDO_TRY(sales_check(a, a->ops->account_put(a->store, &acc, ORDO_PUT_NEW), "account"));
    out->created_account = 1;
done:
    return rc;
}

int ordo_app_lead_qualify(ordo_app *a, const ordo_app_qualify_req *req, ordo_app_qualify_result *out)
{
    int rc = ORDO_OK, kind = 0;
    ordo_lead l = { 0 };
    ordo_contact picked = { 0 };
    app_start(a);
    memset(out, 0, sizeof *out);
    if (!req->lead || !*req->lead)
        return app_fail(a, ORDO_EINVAL, "lead", "no lead given");
    ORDO_TRY(sales_begin(a));
    ORDO_TRY(sales_check(a, a->ops->lead_get(a->store, req->lead, &l), "lead"));
    ordo_err why = { 0 };
    if ((rc = ordo_lead_qualify_check(&l, &why)) < 0) {
        app_fail(a, rc, "lead", "%s", why.msg);
        goto done;
    }
    ordo_date today = sales_today(req->now), close;
    ORDO_TRY(sales_date(a, "close_date", req->close_date, today + 90, &close));

    /* the contact: picked, parent, or new when nothing looks like it */
    const char *contact = opt(req->contact) ? req->contact : opt(l.parent_contact);
    if (contact) {
        ORDO_TRY(sales_check(a, a->ops->party_find(a->store, contact, &kind), "contact"));
        if (kind != ORDO_PARTY_CONTACT) {
            rc = app_fail(a, ORDO_EINPUT, "contact", "lead %s: contact '%s' does not exist", l.id, contact);
            goto done;
        }
        ORDO_TRY(sales_check(a, a->ops->contact_get(a->store, contact, &picked), "contact"));
        snprintf(out->contact, sizeof out->contact, "%s", contact);
    } else if (opt(l.first_name) || opt(l.last_name)) {
        ordo_dedup_person p = { l.first_name, l.last_name, l.company, l.email, l.phone };
        ORDO_TRY(sales_check(a, a->ops->contact_duplicates(a->store, &p, ORDO_DEDUP_THRESHOLD, add_contact, out),
                             "contact"));
    }
    /* accounts like the lead's company, unless the account is named */
    if (opt(l.company) && !named_account(req, &l, picked.account))
        ORDO_TRY(sales_check(a, a->ops->account_duplicates(a->store, l.company, ORDO_DEDUP_THRESHOLD, add_account,
                                                           out), "account"));
    if (!*out->contact && out->ncandidates > 0 && strcmp(out->candidates[0].kind, "contact") == 0 &&
        !req->create_new) {
        char list[512], accounts[256];
        candidate_list(out, "contact", list, sizeof list);
        candidate_list(out, "account", accounts, sizeof accounts);
        rc = app_fail(a, ORDO_ERULE, "contact", "lead %s may be an existing contact: %s; pick one (contact) "
                      "or create a new one (create_new)%s%s", l.id, list, *accounts ? "; accounts like its "
                      "company: " : "", accounts);
        goto done;
    }
    ORDO_TRY(qualify_account(a, req, &l, picked.account, out));
    if (!*out->contact && (opt(l.first_name) || opt(l.last_name))) {
        ordo_contact c = { 0 };
        snprintf(out->contact, sizeof out->contact, "%s-contact", l.id);
        c.id = out->contact;
        c.first_name = l.first_name;
        c.last_name = l.last_name;
        c.email = l.email;
        /* a lead stored before leads' phones were checked may hold one a
         * contact refuses: the contact is made without it (the lead keeps it) */
        c.phone = ordo_phone_check(l.phone, "lead", l.id, NULL) == ORDO_OK ? l.phone : NULL;
        c.account = *out->account ? out->account : NULL;
        c.relationship = ORDO_REL_PROSPECT;
        ORDO_TRY(sales_check(a, a->ops->contact_put(a->store, &c, ORDO_PUT_NEW), "contact"));
        out->created_contact = 1;
    }
    /* the opportunity */
    ordo_opportunity o = { 0 };
    snprintf(out->opportunity, sizeof out->opportunity, "%s", opt(req->opportunity) ? req->opportunity : "");
    if (!*out->opportunity)
        snprintf(out->opportunity, sizeof out->opportunity, "%s-opp", l.id);
    o.id = out->opportunity;
    o.name = l.topic;
    o.account = *out->account ? out->account : NULL;
    o.contact = *out->contact ? out->contact : NULL;
    o.lead = l.id;
    o.owner = l.owner;
    o.value = req->value;
    o.close_date = close;
    o.minutes = req->minutes;
    o.service = opt(req->service);
    o.probability = -1;
    ORDO_TRY(sales_check(a, a->ops->opportunity_add(a->store, &o, app_now(req->now)), "opportunity"));
    ORDO_TRY(sales_check(a, a->ops->lead_set_qualified(a->store, l.id, o.account, o.contact, o.id), "lead"));
    ordo_rel_policy pol;
    ORDO_TRY(sales_policy(a, &pol));
    const char *parties[2] = { o.account, o.contact };
    for (int i = 0; i < 2; i++)
        if (parties[i])
            ORDO_TRY(sales_check(a, a->ops->relationship_refresh(a->store, parties[i], &pol, today,
                                                                  app_now(req->now), NULL), NULL));
done:
    rc = sales_end(a, rc);
    ordo_lead_clear(&l);
    ordo_contact_clear(&picked);
    return rc;
}
