/*
 * campaign.c — campaigns, responses and marketing lists (campaign.h): the
 * record checks, the conversion rule (once, and only from a response that
 * shows interest) and the dynamic-list filter, a pure function of one
 * contact's facts so that any store evaluates it the same way.
 */
#include "model/campaign.h"
#include "model/crm.h"
#include "model/vocab.h"

#include <stdio.h>

static const char *const status_names[] = { "planned", "active", "completed", "cancelled" };
static const char *const outcome_names[] = { "interested", "more_info", "not_interested", "unsubscribe" };
static const char *const conversion_names[] = { "", "lead", "case", "opportunity" };
static const char *const list_kind_names[] = { "static", "dynamic" };

const char *ordo_campaign_status_name(ordo_campaign_status s)
{
    return ordo__vocab_name(status_names, ORDO_CAMPAIGN_STATUS_COUNT, (int)s);
}
int ordo_campaign_status_parse(const char *s) { return ordo__vocab_parse(status_names, ORDO_CAMPAIGN_STATUS_COUNT, s); }
const char *ordo_response_outcome_name(ordo_response_outcome o)
{
    return ordo__vocab_name(outcome_names, ORDO_RESPONSE_OUTCOME_COUNT, (int)o);
}
int ordo_response_outcome_parse(const char *s)
{
    return ordo__vocab_parse(outcome_names, ORDO_RESPONSE_OUTCOME_COUNT, s);
}
const char *ordo_conversion_name(ordo_conversion c)
{
    return ordo__vocab_name(conversion_names, ORDO_CONVERSION_COUNT, (int)c);
}
int ordo_conversion_parse(const char *s)
{
    int c = ordo__vocab_parse(conversion_names, ORDO_CONVERSION_COUNT, s);
    return c == ORDO_CONVERSION_NONE ? -1 : c;
}
const char *ordo_list_kind_name(ordo_list_kind k) { return ordo__vocab_name(list_kind_names, 2, (int)k); }
int ordo_list_kind_parse(const char *s) { return ordo__vocab_parse(list_kind_names, 2, s); }

int ordo_marketing_word_ok(const char *s) { return ordo__word_ok(s); }

void ordo_campaign_clear(ordo_campaign *c)
{
    if (!c)
        return;
    ordo__free(c->id);
    ordo__free(c->name);
    ordo__free(c->owner);
    *c = (ordo_campaign){ 0 };
}

void ordo_response_clear(ordo_response *r)
{
    if (!r)
        return;
    char *s[] = { r->campaign, r->contact, r->account, r->lead, r->channel, r->converted_to };
    for (size_t i = 0; i < sizeof s / sizeof *s; i++)
        ordo__free(s[i]);
    *r = (ordo_response){ 0 };
}

void ordo_mlist_clear(ordo_mlist *l)
{
    if (!l)
        return;
    ordo__free(l->id);
    ordo__free(l->name);
    ordo__free(l->filter.role);
    ordo__free(l->filter.account);
    ordo__free(l->filter.city);
    *l = (ordo_mlist){ 0 };
}

int ordo_campaign_check(const ordo_campaign *c, ordo_err *err)
{
    const char *id = c->id ? c->id : "(no id)";
    if (!ordo_id_valid(c->id))
        return ordo__seterr_at(err, ORDO_EINPUT, "id", "campaign %s: id is not a valid id", id);
    if (!ordo__given(c->name))
        return ordo__seterr_at(err, ORDO_EINPUT, "name", "campaign %s: name is required", id);
    if (c->start <= 0 || c->end < c->start)
        return ordo__seterr_at(err, ORDO_EINPUT, "end", "campaign %s: end must be on or after start", id);
    if (c->budget < 0)
        return ordo__seterr_at(err, ORDO_EINPUT, "budget_cents", "campaign %s: budget must be >= 0", id);
    if (c->expected < 0)
        return ordo__seterr_at(err, ORDO_EINPUT, "expected", "campaign %s: expected responses must be >= 0", id);
    if ((unsigned)c->status >= ORDO_CAMPAIGN_STATUS_COUNT)
        return ordo__seterr_at(err, ORDO_EINPUT, "status",
                               "campaign %s: status must be planned, active, completed or cancelled", id);
    return ORDO_OK;
}

int ordo_campaign_respond_check(const ordo_campaign *c, ordo_err *err)
{
    if (c->status == ORDO_CAMPAIGN_CANCELLED)
        return ordo__seterr(err, ORDO_ERULE, "campaign %s is cancelled: it takes no responses", c->id);
    return ORDO_OK;
}

int ordo_response_check(const ordo_response *r, ordo_err *err)
{
    int who = ordo__given(r->contact) + ordo__given(r->account) + ordo__given(r->lead);
    if (!ordo_id_valid(r->campaign))
        return ordo__seterr_at(err, ORDO_EINPUT, "campaign", "response: campaign is not a valid id");
    if (who != 1)
        return ordo__seterr_at(err, ORDO_EINPUT, "contact",
                               "response to %s: give exactly one of contact, account or lead", r->campaign);
    if (!ordo__word_ok(r->channel))
        return ordo__seterr_at(err, ORDO_EINPUT, "channel",
                               "response to %s: channel must be a word of a-z, 0-9 and '_'", r->campaign);
    if (r->date <= 0)
        return ordo__seterr_at(err, ORDO_EINPUT, "date", "response to %s: date is required", r->campaign);
    if ((unsigned)r->outcome >= ORDO_RESPONSE_OUTCOME_COUNT)
        return ordo__seterr_at(err, ORDO_EINPUT, "outcome",
                               "response to %s: outcome must be interested, more_info, not_interested or unsubscribe",
                               r->campaign);
    if ((unsigned)r->converted >= ORDO_CONVERSION_COUNT || (r->converted != ORDO_CONVERSION_NONE) !=
        ordo__given(r->converted_to))
        return ordo__seterr_at(err, ORDO_EINPUT, "converted",
                               "response to %s: a conversion needs its kind and its record", r->campaign);
    return ORDO_OK;
}

int ordo_response_convert_check(const ordo_response *r, ordo_conversion to, ordo_err *err)
{
    if ((unsigned)to >= ORDO_CONVERSION_COUNT || to == ORDO_CONVERSION_NONE)
        return ordo__seterr(err, ORDO_EINVAL, "response %lld: convert to lead, case or opportunity",
                            (long long)r->id);
    if (r->converted != ORDO_CONVERSION_NONE)
        return ordo__seterr(err, ORDO_ERULE, "response %lld was already converted into %s %s", (long long)r->id,
                            ordo_conversion_name(r->converted), r->converted_to ? r->converted_to : "?");
    if (r->outcome == ORDO_RESPONSE_NOT_INTERESTED || r->outcome == ORDO_RESPONSE_UNSUBSCRIBE)
        return ordo__seterr(err, ORDO_ERULE, "response %lld is %s: nothing to convert", (long long)r->id,
                            ordo_response_outcome_name(r->outcome));
    if (to == ORDO_CONVERSION_LEAD && r->lead)
        return ordo__seterr(err, ORDO_ERULE, "response %lld came from lead %s: it is a lead already",
                            (long long)r->id, r->lead);
    return ORDO_OK;
}

int ordo_mlist_check(const ordo_mlist *l, ordo_err *err)
{
    const char *id = l->id ? l->id : "(no id)";
    const ordo_list_filter *f = &l->filter;
    int parts = (f->relationship != ORDO_REL_NONE) + ordo__given(f->role) + ordo__given(f->account) +
                ordo__given(f->city) + (f->active_from > 0) + (f->inactive_since > 0);
    if (!ordo_id_valid(l->id))
        return ordo__seterr_at(err, ORDO_EINPUT, "id", "list %s: id is not a valid id", id);
    if (!ordo__given(l->name))
        return ordo__seterr_at(err, ORDO_EINPUT, "name", "list %s: name is required", id);
    if ((unsigned)l->kind > ORDO_LIST_DYNAMIC)
        return ordo__seterr_at(err, ORDO_EINPUT, "kind", "list %s: kind must be static or dynamic", id);
    if (l->kind == ORDO_LIST_STATIC && parts)
        return ordo__seterr_at(err, ORDO_EINPUT, "kind", "list %s: a static list has members, not a filter", id);
    if (l->kind == ORDO_LIST_DYNAMIC && !parts)
        return ordo__seterr_at(err, ORDO_EINPUT, "kind",
                               "list %s: a dynamic list needs at least one filter (relationship, "
                               "role, account, city, active_from, inactive_since)", id);
    if ((unsigned)f->relationship > ORDO_REL_FORMER_CLIENT)
        return ordo__seterr_at(err, ORDO_EINPUT, "relationship",
                               "list %s: relationship is not a relationship type", id);
    if (ordo__given(f->city) && ordo_city_query_check(f->city, "list", id, err) < 0)
        return ORDO_EINPUT;
    if (f->active_from > 0 && f->inactive_since > 0 && f->active_from >= f->inactive_since)
        return ordo__seterr_at(err, ORDO_EINPUT, "active_from",
                               "list %s: active_from must be before inactive_since", id);
    return ORDO_OK;
}

static int has_role(const ordo_strlist *l, const char *role) { return l && ordo_strlist_has(l, role); }

int ordo_list_filter_match(const ordo_list_filter *f, const ordo_list_candidate *c)
{
    if (f->relationship != ORDO_REL_NONE && c->relationship != f->relationship &&
        !(c->account && c->account_relationship == f->relationship))
        return 0;
    if (ordo__given(f->role) && !has_role(c->roles, f->role) && !has_role(c->account_roles, f->role))
        return 0;
    if (ordo__given(f->account) && !(c->account && strcmp(c->account, f->account) == 0))
        return 0;
    if (ordo__given(f->city) && !ordo_city_same(f->city, ordo__given(c->city) ? c->city : c->account_city))
        return 0;
    if (f->active_from > 0 && c->last_activity < f->active_from)
        return 0;
    if (f->inactive_since > 0 && c->last_activity >= f->inactive_since)
        return 0;
    return 1;
}
