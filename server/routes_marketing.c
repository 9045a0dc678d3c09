/*
 * routes_marketing.c — the marketing routes of ordo serve (issue 11):
 * campaigns and their responses (convert a response into a lead, a case or
 * an opportunity, once), marketing lists (static members; dynamic lists
 * evaluated on each GET), suppressions, and the relationship refresh. Each
 * handler decodes the body (unknown members refused, the field named),
 * calls one app/marketing.h or app/sales.h use case and encodes its
 * result. Roles (routes.c): an agent reads, a planner writes.
 */
#include "server/server_int.h"

#include "app/app_sla.h"
#include "app/marketing.h"
#include "app/sales.h"
#include "model/rfc3339.h"
#include "server/decode.h"

#include <stdlib.h>
#include <string.h>

#define TRY(x) do { if ((x) < 0) return ORDO_EINVAL; } while (0)


static json_t *date_json(ordo_date d)
{
    char buf[16];
    if (d <= 0)
        return json_null();
    ordo_date_format(d, buf);
    return json_string(buf);
}

/* Reads each allowed member (all strings) into out[i] (allowed[i]); members
 * named in `required` (a prefix count) must be there. */
static int strings(srv_in *in, const char *const *allowed, int nrequired, const char **out)
{
    TRY(srv_in_only(in, allowed));
    for (int i = 0; allowed[i]; i++)
        TRY(srv_in_str(in, allowed[i], i < nrequired, &out[i]));
    return ORDO_OK;
}

/* ---- campaigns ------------------------------------------------------------------ */

static json_t *campaign_json(const ordo_campaign *c)
{
    return json_pack("{s:s,s:s,s:o,s:o,s:I,s:i,s:o,s:s}", "id", c->id, "name", c->name, "start",
                     date_json(c->start), "end", date_json(c->end), "budget", (json_int_t)c->budget, "expected",
                     c->expected, "owner", srv_opt_str(c->owner), "status", ordo_campaign_status_name(c->status));
}

static json_t *response_json(const ordo_response *x)
{
    return json_pack("{s:I,s:s,s:o,s:o,s:o,s:s,s:o,s:s,s:o,s:o}", "id", (json_int_t)x->id, "campaign", x->campaign,
                     "contact", srv_opt_str(x->contact), "account", srv_opt_str(x->account), "lead", srv_opt_str(x->lead),
                     "channel", x->channel, "date", date_json(x->date), "outcome",
                     ordo_response_outcome_name(x->outcome), "converted", srv_opt_str(ordo_conversion_name(x->converted)),
                     "converted_to", srv_opt_str(x->converted_to));
}

static int append_campaign(const ordo_campaign *c, void *payload)
{
    return json_array_append_new(payload, campaign_json(c)) < 0 ? ORDO_ENOMEM : ORDO_OK;
}
static int append_response(const ordo_response *x, void *payload)
{
    return json_array_append_new(payload, response_json(x)) < 0 ? ORDO_ENOMEM : ORDO_OK;
}

void srv_h_campaigns(srv_req *r, char **p)
{
    json_t *arr = json_array();
    int rc = arr ? ordo_app_campaign_list(r->app, append_campaign, arr) : ORDO_ENOMEM;
    (void)p;
    if (rc < 0) {
        json_decref(arr);
        srv_reply_app_error(r, rc);
        return;
    }
    srv_reply_json(r, 200, json_pack("{s:o}", "campaigns", arr));
}

/* The campaign with its responses. */
static void reply_campaign(srv_req *r, int status, const char *id)
{
    ordo_campaign c;
    json_t *arr = json_array();
    memset(&c, 0, sizeof c);
    int rc = ordo_app_campaign_get(r->app, id, &c);
    if (rc == ORDO_OK)
        rc = arr ? ordo_app_response_list(r->app, id, append_response, arr) : ORDO_ENOMEM;
    if (rc < 0) {
        json_decref(arr);
        srv_reply_app_error(r, rc);
    } else {
        json_t *j = campaign_json(&c);
        if (j)
            json_object_set_new(j, "responses", arr);
        else
            json_decref(arr);
        srv_reply_json(r, status, j);
    }
    ordo_campaign_clear(&c);
}

void srv_h_campaign(srv_req *r, char **p) { reply_campaign(r, 200, p[0]); }

void srv_h_campaign_post(srv_req *r, char **p)
{
    static const char *const allowed[] = { "id", "name", "start", "end", "owner", "status", "budget", "expected",
                                           NULL };
    srv_in in;
    ordo_app_campaign_req q;
    const char *v[6] = { NULL };
    long long budget = 0, expected = 0;
    memset(&q, 0, sizeof q);
    (void)p;
    if (srv_parse_body(r, &in, 0) < 0)
        goto done;
    if (srv_in_only(&in, allowed) < 0 || srv_in_str(&in, "id", 1, &v[0]) < 0 || srv_in_str(&in, "name", 1, &v[1]) < 0 ||
        srv_in_str(&in, "start", 1, &v[2]) < 0 || srv_in_str(&in, "end", 1, &v[3]) < 0 ||
        srv_in_str(&in, "owner", 0, &v[4]) < 0 || srv_in_str(&in, "status", 0, &v[5]) < 0 ||
        srv_in_int(&in, "budget", 0, 0, 1000000000000LL, &budget) < 0 ||
        srv_in_int(&in, "expected", 0, 0, 100000000, &expected) < 0) {
        srv_reply_error(r, 400, "invalid_input", in.field, "%s", in.msg);
        goto done;
    }
    q = (ordo_app_campaign_req){ v[0], v[1], v[2], v[3], v[4], v[5], budget, (int)expected };
    int rc = ordo_app_campaign_add(r->app, &q);
    if (rc < 0)
        srv_reply_app_error(r, rc);
    else
        reply_campaign(r, 201, q.id);
done:
    srv_in_free(&in);
}

void srv_h_campaign_status(srv_req *r, char **p)
{
    srv_in in;
    const char *status = NULL;
    if (srv_parse_body(r, &in, 0) == ORDO_OK) {
        int rc;
        if (srv_decode_word(&in, "status", NULL, &status, NULL) < 0)
            srv_reply_error(r, 400, "invalid_input", in.field, "%s", in.msg);
        else if ((rc = ordo_app_campaign_set_status(r->app, p[0], status)) < 0)
            srv_reply_app_error(r, rc);
        else
            reply_campaign(r, 200, p[0]);
    }
    srv_in_free(&in);
}

static void reply_response(srv_req *r, int status, int64_t id)
{
    ordo_response x;
    memset(&x, 0, sizeof x);
    int rc = ordo_app_response_get(r->app, id, &x);
    if (rc < 0)
        srv_reply_app_error(r, rc);
    else
        srv_reply_json(r, status, response_json(&x));
    ordo_response_clear(&x);
}

void srv_h_response_post(srv_req *r, char **p)
{
    static const char *const allowed[] = { "channel", "contact", "account", "lead", "date", "outcome", NULL };
    srv_in in;
    const char *v[6] = { NULL };
    int64_t id = 0;
    if (srv_parse_body(r, &in, 0) == ORDO_OK) {
        int rc;
        if (strings(&in, allowed, 1, v) < 0) {
            srv_reply_error(r, 400, "invalid_input", in.field, "%s", in.msg);
        } else {
            ordo_app_response_req q = { p[0], v[1], v[2], v[3], v[0], v[4], v[5], 0 };
            if ((rc = ordo_app_response_add(r->app, &q, &id)) < 0)
                srv_reply_app_error(r, rc);
            else
                reply_response(r, 201, id);
        }
    }
    srv_in_free(&in);
}

void srv_h_response(srv_req *r, char **p)
{
    int64_t id = 0;
    if (srv_path_id(r, p[0], "response", &id) == ORDO_OK)
        reply_response(r, 200, id);
}

void srv_h_response_convert(srv_req *r, char **p)
{
    static const char *const allowed[] = { "to", "id", "title", "close_date", "value", NULL };
    srv_in in;
    const char *to = NULL, *oid = NULL, *title = NULL, *close = NULL;
    long long value = 0;
    char ref[80] = "";
    int64_t id = 0;
    if (srv_path_id(r, p[0], "response", &id) < 0)
        return;
    if (srv_parse_body(r, &in, 0) < 0)
        goto done;
    if (srv_in_only(&in, allowed) < 0 || srv_in_str(&in, "to", 1, &to) < 0 || srv_in_str(&in, "id", 0, &oid) < 0 ||
        srv_in_str(&in, "title", 0, &title) < 0 || srv_in_str(&in, "close_date", 0, &close) < 0 ||
        srv_in_int(&in, "value", 0, 0, 1000000000000LL, &value) < 0) {
        srv_reply_error(r, 400, "invalid_input", in.field, "%s", in.msg);
        goto done;
    }
    int kind = ordo_conversion_parse(to);
    if (kind < 0) {
        srv_reply_error(r, 400, "invalid_input", "to", "to '%s' must be lead, case or opportunity", to);
        goto done;
    }
    ordo_app_convert_req q = { id, oid, title, value, close, 0 };
    int rc = kind == ORDO_CONVERSION_LEAD ? ordo_app_response_to_lead(r->app, &q, ref, sizeof ref)
           : kind == ORDO_CONVERSION_CASE ? ordo_app_response_to_case(r->app, &q, ref, sizeof ref)
           : ordo_app_response_to_opportunity(r->app, &q, ref, sizeof ref);
    if (rc < 0)
        srv_reply_app_error(r, rc);
    else
        reply_response(r, 201, id);
done:
    srv_in_free(&in);
}

/* ---- lists and suppressions ---------------------------------------------------------- */

static json_t *list_json(const ordo_mlist *l)
{
    json_t *f = json_pack("{s:o,s:o,s:o,s:o,s:o,s:o}", "relationship",
                          srv_opt_str(ordo_relationship_name(l->filter.relationship)), "role", srv_opt_str(l->filter.role),
                          "account", srv_opt_str(l->filter.account), "city", srv_opt_str(l->filter.city),
                          "active_from", date_json(l->filter.active_from), "inactive_since",
                          date_json(l->filter.inactive_since));
    return json_pack("{s:s,s:s,s:s,s:o}", "id", l->id, "name", l->name, "kind", ordo_list_kind_name(l->kind),
                     "filter", f);
}

static int append_list(const ordo_mlist *l, void *payload)
{
    return json_array_append_new(payload, list_json(l)) < 0 ? ORDO_ENOMEM : ORDO_OK;
}
static int append_id(const char *id, void *payload)
{
    return json_array_append_new(payload, json_string(id)) < 0 ? ORDO_ENOMEM : ORDO_OK;
}

void srv_h_lists(srv_req *r, char **p)
{
    json_t *arr = json_array();
    int rc = arr ? ordo_app_list_list(r->app, append_list, arr) : ORDO_ENOMEM;
    (void)p;
    if (rc < 0) {
        json_decref(arr);
        srv_reply_app_error(r, rc);
        return;
    }
    srv_reply_json(r, 200, json_pack("{s:o}", "lists", arr));
}

/* The list and its members evaluated now. */
static void reply_list(srv_req *r, int status, const char *id)
{
    ordo_mlist l;
    json_t *arr = json_array();
    memset(&l, 0, sizeof l);
    int rc = ordo_app_list_get(r->app, id, &l);
    if (rc == ORDO_OK)
        rc = arr ? ordo_app_list_members(r->app, id, append_id, arr) : ORDO_ENOMEM;
    if (rc < 0) {
        json_decref(arr);
        srv_reply_app_error(r, rc);
    } else {
        json_t *j = list_json(&l);
        if (j)
            json_object_set_new(j, "members", arr);
        else
            json_decref(arr);
        srv_reply_json(r, status, j);
    }
    ordo_mlist_clear(&l);
}

void srv_h_list(srv_req *r, char **p) { reply_list(r, 200, p[0]); }

void srv_h_list_post(srv_req *r, char **p)
{
    static const char *const allowed[] = { "id", "name", "kind", "relationship", "role", "account", "active_from",
                                           "inactive_since", "city", NULL };
    srv_in in;
    const char *v[9] = { NULL };
    (void)p;
    if (srv_parse_body(r, &in, 0) == ORDO_OK) {
        int rc;
        if (strings(&in, allowed, 2, v) < 0) {
            srv_reply_error(r, 400, "invalid_input", in.field, "%s", in.msg);
        } else {
            ordo_app_list_req q = { v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8] };
            if ((rc = ordo_app_list_add(r->app, &q)) < 0)
                srv_reply_app_error(r, rc);
            else
                reply_list(r, 201, q.id);
        }
    }
    srv_in_free(&in);
}

void srv_h_list_member_post(srv_req *r, char **p)
{
    srv_in in;
    const char *contact = NULL;
    if (srv_parse_body(r, &in, 0) == ORDO_OK) {
        int rc;
        if (srv_decode_word(&in, "contact", NULL, &contact, NULL) < 0)
            srv_reply_error(r, 400, "invalid_input", in.field, "%s", in.msg);
        else if ((rc = ordo_app_list_member(r->app, p[0], contact, 1)) < 0)
            srv_reply_app_error(r, rc);
        else
            reply_list(r, 201, p[0]);
    }
    srv_in_free(&in);
}

void srv_h_list_member_delete(srv_req *r, char **p)
{
    int rc = ordo_app_list_member(r->app, p[0], p[1], 0);
    if (rc < 0)
        srv_reply_app_error(r, rc);
    else
        reply_list(r, 200, p[0]);
}

static int append_supp(const char *contact, const char *reason, int64_t at, void *payload)
{
    return json_array_append_new(payload, json_pack("{s:s,s:s,s:I}", "contact", contact, "reason", reason, "at",
                                                    (json_int_t)at)) < 0
               ? ORDO_ENOMEM
               : ORDO_OK;
}

static void reply_suppressions(srv_req *r, int status)
{
    json_t *arr = json_array();
    int rc = arr ? ordo_app_suppress_list(r->app, append_supp, arr) : ORDO_ENOMEM;
    if (rc < 0) {
        json_decref(arr);
        srv_reply_app_error(r, rc);
        return;
    }
    srv_reply_json(r, status, json_pack("{s:o}", "suppressions", arr));
}

void srv_h_suppressions(srv_req *r, char **p)
{
    (void)p;
    reply_suppressions(r, 200);
}

void srv_h_suppression_post(srv_req *r, char **p)
{
    srv_in in;
    const char *contact = NULL, *reason = NULL;
    (void)p;
    if (srv_parse_body(r, &in, 0) == ORDO_OK) {
        int rc;
        if (srv_decode_word(&in, "contact", "reason", &contact, &reason) < 0)
            srv_reply_error(r, 400, "invalid_input", in.field, "%s", in.msg);
        else if ((rc = ordo_app_suppress(r->app, contact, 1, reason, 0)) < 0)
            srv_reply_app_error(r, rc);
        else
            reply_suppressions(r, 201);
    }
    srv_in_free(&in);
}

void srv_h_suppression_delete(srv_req *r, char **p)
{
    int rc = ordo_app_suppress(r->app, p[0], 0, NULL, 0);
    if (rc < 0)
        srv_reply_app_error(r, rc);
    else
        reply_suppressions(r, 200);
}

/* ---- relationship types ---------------------------------------------------------------- */

void srv_h_relationship_refresh(srv_req *r, char **p)
{
    srv_in in;
    const char *party = NULL;
    static const char *const allowed[] = { "party", NULL };
    ordo_app_rel_changes ch;
    memset(&ch, 0, sizeof ch);
    (void)p;
    if (srv_parse_body(r, &in, 1) == ORDO_OK) {
        int rc;
        if (strings(&in, allowed, 0, &party) < 0) {
            srv_reply_error(r, 400, "invalid_input", in.field, "%s", in.msg);
        } else if ((rc = ordo_app_relationship_refresh(r->app, party, 0, &ch)) < 0) {
            srv_reply_app_error(r, rc);
        } else {
            json_t *arr = json_array();
            for (size_t i = 0; arr && i < ch.n; i++)
                json_array_append_new(arr, json_pack("{s:s,s:o,s:s}", "party", ch.v[i].party, "from",
                                                     srv_opt_str(ordo_relationship_name(ch.v[i].from)), "to",
                                                     ordo_relationship_name(ch.v[i].to)));
            srv_reply_json(r, 200, json_pack("{s:I,s:o}", "checked", (json_int_t)ch.checked, "changes", arr));
        }
    }
    ordo_app_rel_changes_clear(&ch);
    srv_in_free(&in);
}

/* ---- a case's SLA ----------------------------------------------------------------------- */

static json_t *target_json(const ordo_sla_target *t)
{
    char due[32];
    if (t->due)
        ordo_rfc3339_format(t->due, 0, 1, due);
    return json_pack("{s:o,s:I,s:I,s:s}", "due", t->due ? json_string(due) : json_null(), "elapsed_minutes",
                     (json_int_t)t->elapsed, "target_minutes", (json_int_t)t->target, "state",
                     ordo_sla_state_name(t->state));
}

json_t *srv_case_sla_json(srv_req *r, int64_t case_id)
{
    ordo_app_sla_status s;
    memset(&s, 0, sizeof s);
    if (ordo_app_case_sla(r->app, case_id, 0, &s) < 0)
        return json_null();
    json_t *j = json_pack("{s:s,s:b,s:o,s:o}", "policy", s.sla.policy, "on_hold", s.on_hold, "first_response",
                          target_json(&s.response), "resolution", target_json(&s.resolution));
    ordo_app_sla_status_clear(&s);
    return j ? j : json_null();
}
