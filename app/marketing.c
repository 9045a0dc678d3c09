/*
 * marketing.c — marketing use cases (app/marketing.h): campaigns,
 * responses and their conversion into a lead, a case or an opportunity,
 * marketing lists and suppression. Each writing call is one transaction;
 * a conversion writes the new record and the response's link together
 * (the store re-checks under the lock that the response was not converted
 * meanwhile), so a response never produces two records.
 */
#include "app/marketing.h"
#include "app/sales_int.h"
#include "model/crm.h"

#include <stdio.h>
#include <string.h>

static char *opt(const char *s) { return (char *)(s && *s ? s : NULL); }

/* An enum word of request field `field`: parse(text), or fallback when not given. */
static int word(ordo_app *a, const char *field, const char *text, int (*parse)(const char *), int fallback,
                const char *words, int *out)
{
    *out = text && *text ? parse(text) : fallback;
    if (*out < 0)
        return app_fail(a, ORDO_EINVAL, field, "%s '%s' must be %s", field, text, words);
    return ORDO_OK;
}

/* ---- campaigns ------------------------------------------------------------------- */

int ordo_app_campaign_add(ordo_app *a, const ordo_app_campaign_req *req)
{
    int rc = ORDO_OK, st = 0;
    ordo_campaign c = { 0 };
    app_start(a);
    c.id = opt(req->id);
    c.name = opt(req->name);
    c.owner = opt(req->owner);
    c.budget = req->budget;
    c.expected = req->expected;
    if (!opt(req->start) || !opt(req->end))
        return app_fail(a, ORDO_EINVAL, !opt(req->start) ? "start" : "end", "campaign: %s date is required",
                        !opt(req->start) ? "start" : "end");
    ORDO_TRY(sales_date(a, "start", req->start, 0, &c.start));
    ORDO_TRY(sales_date(a, "end", req->end, 0, &c.end));
    ORDO_TRY(word(a, "status", req->status, ordo_campaign_status_parse, ORDO_CAMPAIGN_PLANNED,
                  "planned, active, completed or cancelled", &st));
    c.status = (ordo_campaign_status)st;
    rc = sales_check(a, a->ops->campaign_put(a->store, &c, ORDO_PUT_NEW), NULL);
done:
    return rc;
}

int ordo_app_campaign_get(ordo_app *a, const char *id, ordo_campaign *out)
{
    app_start(a);
    return sales_check(a, a->ops->campaign_get(a->store, id ? id : "", out), NULL);
}

int ordo_app_campaign_list(ordo_app *a, int (*fn)(const ordo_campaign *c, void *payload), void *payload)
{
    app_start(a);
    return sales_check(a, a->ops->campaign_list(a->store, fn, payload), NULL);
}

int ordo_app_campaign_set_status(ordo_app *a, const char *id, const char *status)
{
    int rc = ORDO_OK, st = 0;
    ordo_campaign c = { 0 };
    app_start(a);
    if (!status || !*status)
        return app_fail(a, ORDO_EINVAL, "status", "status is required");
    ORDO_TRY(word(a, "status", status, ordo_campaign_status_parse, 0, "planned, active, completed or cancelled",
                  &st));
    ORDO_TRY(sales_begin(a));
    ORDO_TRY(sales_check(a, a->ops->campaign_get(a->store, id ? id : "", &c), NULL));
    c.status = (ordo_campaign_status)st;
    rc = sales_check(a, a->ops->campaign_put(a->store, &c, ORDO_PUT_EXISTING), "status");
done:
    rc = sales_end(a, rc);
    ordo_campaign_clear(&c);
    return rc;
}

/* ---- responses ------------------------------------------------------------------- */

int ordo_app_response_add(ordo_app *a, const ordo_app_response_req *req, int64_t *out_id)
{
    int rc = ORDO_OK, o = 0;
    ordo_response r = { 0 };
    app_start(a);
    *out_id = 0;
    r.campaign = opt(req->campaign);
    r.contact = opt(req->contact);
    r.account = opt(req->account);
    r.lead = opt(req->lead);
    r.channel = opt(req->channel);
    if (r.channel && !ordo_marketing_word_ok(r.channel))
        return app_fail(a, ORDO_EINVAL, "channel", "channel '%s' must be a word of a-z, 0-9 and '_'", r.channel);
    ORDO_TRY(sales_date(a, "date", req->date, sales_today(req->now), &r.date));
    ORDO_TRY(word(a, "outcome", req->outcome, ordo_response_outcome_parse, ORDO_RESPONSE_INTERESTED,
                  "interested, more_info, not_interested or unsubscribe", &o));
    r.outcome = (ordo_response_outcome)o;
    ORDO_TRY(sales_begin(a));
    ORDO_TRY(sales_check(a, a->ops->response_add(a->store, &r, out_id), NULL));
    if (r.outcome == ORDO_RESPONSE_UNSUBSCRIBE && r.contact) {
        int s = a->ops->suppress(a->store, r.contact, 1, "unsubscribed", app_now(req->now));
        if (s != ORDO_ERULE)             /* already suppressed is fine */
            ORDO_TRY(sales_check(a, s, NULL));
    }
done:
    rc = sales_end(a, rc);
    if (rc < 0)
        *out_id = 0;
    return rc;
}

int ordo_app_response_get(ordo_app *a, int64_t id, ordo_response *out)
{
    app_start(a);
    return sales_check(a, a->ops->response_get(a->store, id, out), NULL);
}

int ordo_app_response_list(ordo_app *a, const char *campaign, int (*fn)(const ordo_response *r, void *payload),
                           void *payload)
{
    app_start(a);
    return sales_check(a, a->ops->response_list(a->store, opt(campaign), fn, payload), NULL);
}

/* Opens the conversion: the write lock, the response (checked convertible
 * into `to`) and its campaign. */
static int convert_begin(ordo_app *a, const ordo_app_convert_req *req, ordo_conversion to, ordo_response *r,
                         ordo_campaign *c)
{
    int rc = sales_begin(a);
    ordo_err err = { 0 };
    if (rc == ORDO_OK)
        rc = sales_check(a, a->ops->response_get(a->store, req->response, r), "response");
    if (rc == ORDO_OK && (rc = ordo_response_convert_check(r, to, &err)) < 0)
        app_fail(a, rc, "response", "%s", err.msg);
    if (rc == ORDO_OK)
        rc = sales_check(a, a->ops->campaign_get(a->store, r->campaign, c), NULL);
    return rc;
}

/* Closes it: records the link and commits, or rolls back. */
static int convert_end(ordo_app *a, int rc, const ordo_app_convert_req *req, ordo_conversion to, const char *ref,
                       ordo_response *r, ordo_campaign *c)
{
    if (rc == ORDO_OK)
        rc = sales_check(a, a->ops->response_convert(a->store, req->response, to, ref), "response");
    rc = sales_end(a, rc);
    ordo_response_clear(r);
    ordo_campaign_clear(c);
    return rc;
}

int ordo_app_response_to_lead(ordo_app *a, const ordo_app_convert_req *req, char *out, size_t n)
{
    ordo_response r = { 0 };
    ordo_campaign c = { 0 };
    ordo_contact con = { 0 };
    ordo_account acc = { 0 };
    ordo_lead l = { 0 };
    char id[80];
    app_start(a);
    snprintf(id, sizeof id, "response-%lld-lead", (long long)req->response);
    int rc = convert_begin(a, req, ORDO_CONVERSION_LEAD, &r, &c);
    if (rc < 0)
        goto done;
    l.id = opt(req->id) ? (char *)req->id : id;
    l.topic = opt(req->title) ? (char *)req->title : c.name;
    l.campaign = r.campaign;
    l.rating = ORDO_LEAD_WARM;
    if (r.contact) {
        ORDO_TRY(sales_check(a, a->ops->contact_get(a->store, r.contact, &con), NULL));
        l.first_name = con.first_name;
        l.last_name = con.last_name;
        l.email = con.email;
        l.parent_contact = con.id;
        if (con.account && a->ops->account_get(a->store, con.account, &acc) == ORDO_OK)
            l.company = acc.name;
    } else {
        ORDO_TRY(sales_check(a, a->ops->account_get(a->store, r.account, &acc), NULL));
        l.company = acc.name;
        l.parent_account = acc.id;
    }
    ORDO_TRY(sales_check(a, a->ops->lead_add(a->store, &l), "id"));
    snprintf(out, n, "%s", l.id);
done:
    rc = convert_end(a, rc, req, ORDO_CONVERSION_LEAD, l.id, &r, &c);
    ordo_contact_clear(&con);
    ordo_account_clear(&acc);
    return rc;
}

/* The contact or account that answered; ORDO_ERULE for a lead's response. */
static int customer_of(ordo_app *a, const ordo_response *r, const char *what, const char **out)
{
    *out = r->contact ? r->contact : r->account;
    if (!*out)
        return app_fail(a, ORDO_ERULE, "response", "response %lld came from lead %s: qualify the lead to get %s",
                        (long long)r->id, r->lead ? r->lead : "?", what);
    return ORDO_OK;
}

int ordo_app_response_to_case(ordo_app *a, const ordo_app_convert_req *req, char *out, size_t n)
{
    ordo_response r = { 0 };
    ordo_campaign c = { 0 };
    ordo_case k = { 0 };
    const char *customer = NULL;
    char ref[32] = "";
    app_start(a);
    int rc = convert_begin(a, req, ORDO_CONVERSION_CASE, &r, &c);
    if (rc < 0)
        goto done;
    ORDO_TRY(customer_of(a, &r, "a case", &customer));
    int origin = ordo_case_origin_parse(r.channel);
    k.customer = (char *)customer;
    k.title = opt(req->title) ? (char *)req->title : c.name;
    k.priority = ORDO_PRIORITY_NORMAL;
    k.origin = origin < 0 ? ORDO_ORIGIN_WEB : (ordo_case_origin)origin;
    k.opened = sales_today(req->now);
    ORDO_TRY(sales_check(a, a->ops->case_add(a->store, &k), NULL));
    snprintf(ref, sizeof ref, "%lld", (long long)k.id);
    snprintf(out, n, "%s", ref);
done:
    return convert_end(a, rc, req, ORDO_CONVERSION_CASE, ref, &r, &c);
}

int ordo_app_response_to_opportunity(ordo_app *a, const ordo_app_convert_req *req, char *out, size_t n)
{
    ordo_response r = { 0 };
    ordo_campaign c = { 0 };
    ordo_opportunity o = { 0 };
    ordo_rel_policy pol;
    const char *customer = NULL;
    char id[80];
    app_start(a);
    snprintf(id, sizeof id, "response-%lld-opp", (long long)req->response);
    ordo_date today = sales_today(req->now);
    int rc = convert_begin(a, req, ORDO_CONVERSION_OPPORTUNITY, &r, &c);
    if (rc < 0)
        goto done;
    ORDO_TRY(customer_of(a, &r, "an opportunity", &customer));
    if (req->value < 0) {
        rc = app_fail(a, ORDO_EINVAL, "value", "value must be >= 0 (cents)");
        goto done;
    }
    o.id = opt(req->id) ? (char *)req->id : id;
    o.name = opt(req->title) ? (char *)req->title : c.name;
    o.account = r.account;
    o.contact = r.contact;
    o.value = req->value;
    o.probability = -1;
    ORDO_TRY(sales_date(a, "close_date", req->close_date, today + 90, &o.close_date));
    ORDO_TRY(sales_check(a, a->ops->opportunity_add(a->store, &o, app_now(req->now)), "id"));
    ORDO_TRY(sales_policy(a, &pol));
    ORDO_TRY(sales_check(a, a->ops->relationship_refresh(a->store, customer, &pol, today, app_now(req->now), NULL),
                         NULL));
    snprintf(out, n, "%s", o.id);
done:
    return convert_end(a, rc, req, ORDO_CONVERSION_OPPORTUNITY, o.id ? o.id : id, &r, &c);
}

/* ---- lists and suppression ------------------------------------------------------- */

int ordo_app_list_add(ordo_app *a, const ordo_app_list_req *req)
{
    int rc = ORDO_OK, k = 0, rel = 0;
    ordo_mlist l = { 0 };
    app_start(a);
    l.id = opt(req->id);
    l.name = opt(req->name);
    ORDO_TRY(word(a, "kind", req->kind, ordo_list_kind_parse, ORDO_LIST_STATIC, "static or dynamic", &k));
    l.kind = (ordo_list_kind)k;
    ORDO_TRY(word(a, "relationship", req->relationship, ordo_relationship_parse, ORDO_REL_NONE,
                  "suspect, prospect, potential_client, client or former_client", &rel));
    l.filter.relationship = (ordo_relationship)rel;
    l.filter.role = opt(req->role);
    l.filter.account = opt(req->account);
    l.filter.city = opt(req->city);
    ordo_err e = { 0 };
    if (l.filter.city && ordo_city_query_check(l.filter.city, "list", l.id, &e) < 0) {
        rc = app_fail(a, ORDO_EINPUT, "city", "%s", e.msg);
        goto done;
    }
    ORDO_TRY(sales_date(a, "active_from", req->active_from, 0, &l.filter.active_from));
    ORDO_TRY(sales_date(a, "inactive_since", req->inactive_since, 0, &l.filter.inactive_since));
    rc = sales_check(a, a->ops->mlist_put(a->store, &l, ORDO_PUT_NEW), NULL);
done:
    return rc;
}

int ordo_app_list_get(ordo_app *a, const char *id, ordo_mlist *out)
{
    app_start(a);
    return sales_check(a, a->ops->mlist_get(a->store, id ? id : "", out), NULL);
}

int ordo_app_list_list(ordo_app *a, int (*fn)(const ordo_mlist *l, void *payload), void *payload)
{
    app_start(a);
    return sales_check(a, a->ops->mlist_list(a->store, fn, payload), NULL);
}

int ordo_app_list_member(ordo_app *a, const char *list, const char *contact, int add)
{
    app_start(a);
    if (!opt(contact))
        return app_fail(a, ORDO_EINVAL, "contact", "contact is required");
    return sales_check(a, a->ops->mlist_member(a->store, list ? list : "", contact, add), "contact");
}

int ordo_app_list_members(ordo_app *a, const char *id, int (*fn)(const char *contact, void *payload),
                          void *payload)
{
    app_start(a);
    return sales_check(a, a->ops->mlist_members(a->store, id ? id : "", fn, payload), NULL);
}

int ordo_app_suppress(ordo_app *a, const char *contact, int on, const char *reason, int64_t now)
{
    app_start(a);
    if (!opt(contact))
        return app_fail(a, ORDO_EINVAL, "contact", "contact is required");
    if (on && opt(reason) && !ordo_marketing_word_ok(reason))
        return app_fail(a, ORDO_EINVAL, "reason", "reason '%s' must be a word of a-z, 0-9 and '_'", reason);
    return sales_check(a, a->ops->suppress(a->store, contact, on, opt(reason) ? reason : "requested",
                                           app_now(now)),
                       "contact");
}

int ordo_app_suppress_list(ordo_app *a, int (*fn)(const char *contact, const char *reason, int64_t at,
                                                  void *payload),
                           void *payload)
{
    app_start(a);
    return sales_check(a, a->ops->suppress_list(a->store, fn, payload), NULL);
}
