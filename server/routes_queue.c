/*
 * routes_queue.c — the queue and SLA routes of ordo serve (issue 11): put an
 * item (a lead, a case or a task) in a queue, pick it (the oldest waiting
 * one, or a given one: it leaves the queue for the others), release it,
 * route it to another queue (assigned there when that queue has a rule and
 * someone is available), assign it by its queue's routing rule; read and
 * set a queue's rule; list and add SLA policies. Each handler decodes the
 * body (unknown members refused, the field named), calls one app/sales.h or
 * app/app_sla.h use case and encodes its result. Roles (routes.c): an agent
 * works the queues, a planner sets rules and policies.
 */
#include "server/server_int.h"

#include "app/app_sla.h"
#include "app/sales.h"
#include "model/rfc3339.h"
#include "server/decode.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Reads the allowed string members; the first nrequired must be there. A
 * 400 naming the field otherwise. */
static int strings(srv_req *r, srv_in *in, const char *const *allowed, int nrequired, const char **out)
{
    if (srv_in_only(in, allowed) < 0)
        goto bad;
    for (int i = 0; allowed[i]; i++)
        if (srv_in_str(in, allowed[i], i < nrequired, &out[i]) < 0)
            goto bad;
    return ORDO_OK;
bad:
    return srv_in_fail(r, in);
}

/* The optional member "now" (RFC 3339 with an offset) as UTC seconds in
 * *out (0 = the clock); a 400 naming it when malformed. */
static int body_now(srv_req *r, srv_in *in, int64_t *out)
{
    const char *text = NULL;
    ordo_timeval tv;
    *out = 0;
    if (srv_in_str(in, "now", 0, &text) < 0)
        return srv_in_fail(r, in);
    if (text && (ordo_timeval_parse(text, 0, &tv) < 0 || tv.local)) {
        srv_reply_error(r, 400, "invalid_input", "now", "now '%s': RFC 3339 with an offset", text);
        return ORDO_EINVAL;
    }
    if (text)
        *out = (int64_t)tv.utc * 60;
    return ORDO_OK;
}

/* POST /v1/queues/{queue}/items {kind, ref} -> 201 {id, queue, kind, ref} */
void srv_h_queue_item_post(srv_req *r, char **p)
{
    static const char *const allowed[] = { "kind", "ref", NULL };
    const char *v[2] = { NULL };
    int64_t id = 0;
    srv_in in;
    if (srv_parse_body(r, &in, 0) == ORDO_OK && strings(r, &in, allowed, 2, v) == ORDO_OK) {
        int rc = ordo_app_queue_add(r->app, p[0], v[0], v[1], &id);
        if (rc < 0)
            srv_reply_app_error(r, rc);
        else
            srv_reply_json(r, 201, json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)id, "queue", p[0], "kind", v[0],
                                             "ref", v[1]));
    }
    srv_in_free(&in);
}

/* POST /v1/queues/{queue}/pick {agent, item?} -> {queue, agent, item (null when empty)} */
void srv_h_queue_pick(srv_req *r, char **p)
{
    static const char *const allowed[] = { "agent", "item", NULL };
    const char *agent = NULL;
    long long item = 0;
    int64_t got = 0;
    srv_in in;
    if (srv_parse_body(r, &in, 0) == ORDO_OK) {
        int rc;
        if (srv_in_only(&in, allowed) < 0 || srv_in_str(&in, "agent", 1, &agent) < 0 ||
            srv_in_int(&in, "item", 0, 1, INT64_MAX, &item) < 0)
            srv_in_fail(r, &in);
        else if ((rc = ordo_app_queue_pick(r->app, p[0], item, agent, &got)) < 0)
            srv_reply_app_error(r, rc);
        else
            srv_reply_json(r, 200, json_pack("{s:s,s:s,s:o}", "queue", p[0], "agent", agent, "item",
                                             got ? json_integer(got) : json_null()));
    }
    srv_in_free(&in);
}

/* POST /v1/queue-items/{id}/release {agent} -> {item, released: true} */
void srv_h_queue_release(srv_req *r, char **p)
{
    static const char *const allowed[] = { "agent", NULL };
    const char *v[1] = { NULL };
    int64_t id = 0;
    srv_in in;
    memset(&in, 0, sizeof in);
    if (srv_path_id(r, p[0], "queue item", &id) == ORDO_OK && srv_parse_body(r, &in, 0) == ORDO_OK &&
        strings(r, &in, allowed, 1, v) == ORDO_OK) {
        int rc = ordo_app_queue_release(r->app, id, v[0]);
        if (rc < 0)
            srv_reply_app_error(r, rc);
        else
            srv_reply_json(r, 200, json_pack("{s:I,s:b}", "item", (json_int_t)id, "released", 1));
    }
    srv_in_free(&in);
}

/* POST /v1/queue-items/{id}/route {queue, now?} -> {item, queue, agent (null: waiting)} */
void srv_h_queue_route(srv_req *r, char **p)
{
    static const char *const allowed[] = { "queue", "now", NULL };
    const char *v[2] = { NULL };
    char agent[256] = "";
    int64_t id = 0, now = 0;
    srv_in in;
    memset(&in, 0, sizeof in);
    if (srv_path_id(r, p[0], "queue item", &id) == ORDO_OK && srv_parse_body(r, &in, 0) == ORDO_OK &&
        strings(r, &in, allowed, 1, v) == ORDO_OK && body_now(r, &in, &now) == ORDO_OK) {
        int rc = ordo_app_queue_route_assign(r->app, id, v[0], now, agent, sizeof agent);
        if (rc < 0)
            srv_reply_app_error(r, rc);
        else
            srv_reply_json(r, 200, json_pack("{s:I,s:s,s:o}", "item", (json_int_t)id, "queue", v[0], "agent",
                                             srv_opt_str(agent)));
    }
    srv_in_free(&in);
}

/* POST /v1/queue-items/{id}/assign {now?} -> {item, agent} (422 when nobody is available) */
void srv_h_queue_assign(srv_req *r, char **p)
{
    static const char *const allowed[] = { "now", NULL };
    char agent[256] = "";
    int64_t id = 0, now = 0;
    srv_in in;
    memset(&in, 0, sizeof in);
    if (srv_path_id(r, p[0], "queue item", &id) == ORDO_OK && srv_parse_body(r, &in, 1) == ORDO_OK) {
        int rc;
        if (srv_in_only(&in, allowed) < 0)
            srv_in_fail(r, &in);
        else if (body_now(r, &in, &now) < 0)
            ;
        else if ((rc = ordo_app_queue_assign(r->app, id, now, agent, sizeof agent)) < 0)
            srv_reply_app_error(r, rc);
        else
            srv_reply_json(r, 200, json_pack("{s:I,s:s}", "item", (json_int_t)id, "agent", agent));
    }
    srv_in_free(&in);
}

static json_t *split_ids(const char *list)
{
    json_t *arr = json_array();
    for (const char *q = list; arr && q && *q;) {
        const char *semi = strchr(q, ';');
        size_t len = semi ? (size_t)(semi - q) : strlen(q);
        if (len)
            json_array_append_new(arr, json_stringn(q, len));
        q = semi ? semi + 1 : NULL;
    }
    return arr;
}

static void reply_rule(srv_req *r, const char *queue)
{
    ordo_queue_rule rule;
    memset(&rule, 0, sizeof rule);
    int rc = ordo_app_queue_rule_get(r->app, queue, &rule);
    if (rc < 0)
        srv_reply_app_error(r, rc);
    else
        srv_reply_json(r, 200, json_pack("{s:s,s:s,s:o,s:o}", "queue", queue, "rule", ordo_route_rule_name(rule.rule),
                                         "agents", split_ids(rule.agents), "skill", srv_opt_str(rule.skill)));
    ordo_queue_rule_clear(&rule);
}

/* GET /v1/queues/{queue}/rule */
void srv_h_queue_rule(srv_req *r, char **p) { reply_rule(r, p[0]); }

/* POST /v1/queues/{queue}/rule {rule, agents: [ids], skill?} -> the rule */
void srv_h_queue_rule_post(srv_req *r, char **p)
{
    static const char *const allowed[] = { "rule", "agents", "skill", NULL };
    const char *rule = NULL, *skill = NULL;
    char *agents = NULL;
    srv_in in;
    if (srv_parse_body(r, &in, 0) == ORDO_OK) {
        int rc = ORDO_OK;
        json_t *arr = json_object_get(in.root, "agents");
        size_t i, len = 0;
        json_t *v;
        if (srv_in_only(&in, allowed) < 0 || srv_in_str(&in, "rule", 1, &rule) < 0 ||
            srv_in_str(&in, "skill", 0, &skill) < 0) {
            srv_in_fail(r, &in);
            goto done;
        }
        if (!json_is_array(arr) || json_array_size(arr) == 0) {
            srv_reply_error(r, 400, "invalid_input", "agents", "agents: a non-empty array of agent ids");
            goto done;
        }
        json_array_foreach(arr, i, v) {
            const char *id = json_string_value(v);
            if (!id || !*id || strchr(id, ';')) {
                srv_reply_error(r, 400, "invalid_input", "agents", "agents[%zu]: an agent id (text, no ';')", i);
                goto done;
            }
            len += strlen(id) + 1;
        }
        if (!(agents = calloc(1, len + 1))) {
            srv_reply_error(r, 500, "internal", NULL, "out of memory");
            goto done;
        }
        json_array_foreach(arr, i, v) {
            if (i)
                strcat(agents, ";");
            strcat(agents, json_string_value(v));
        }
        if ((rc = ordo_app_queue_rule_set(r->app, p[0], rule, agents, skill)) < 0)
            srv_reply_app_error(r, rc);
        else
            reply_rule(r, p[0]);
    }
done:
    free(agents);
    srv_in_free(&in);
}

/* ---- SLA policies ------------------------------------------------------------------ */

static json_t *policy_json(const ordo_sla_policy *x)
{
    static const char *const day[7] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
    json_t *hours = json_object(), *holidays = json_array();
    char buf[16];
    for (int d = 0; hours && d < 7; d++)
        if (ordo_sla_day_hours(x, d, buf, sizeof buf) == 0)
            json_object_set_new(hours, day[d], json_string(buf));
    for (size_t i = 0; holidays && i < x->nholidays; i++) {
        ordo_date_format(x->holidays[i], buf);
        json_array_append_new(holidays, json_string(buf));
    }
    return json_pack("{s:s,s:o,s:o,s:o,s:I,s:I,s:i,s:o,s:o,s:o}", "id", x->id, "queue", srv_opt_str(x->queue),
                     "contract", srv_opt_str(x->contract), "priority",
                     x->priority >= 0 ? json_string(ordo_case_priority_name((ordo_case_priority)x->priority))
                                      : json_null(),
                     "first_response_minutes", (json_int_t)x->first_response, "resolve_minutes",
                     (json_int_t)x->resolve, "warn_percent", x->warn_percent, "site", srv_opt_str(x->site), "hours",
                     hours, "holidays", holidays);
}

static int append_policy(const ordo_sla_policy *x, void *payload)
{
    return json_array_append_new(payload, policy_json(x)) < 0 ? ORDO_ENOMEM : ORDO_OK;
}

/* GET /v1/sla-policies -> {policies: [...]} */
void srv_h_sla_policies(srv_req *r, char **p)
{
    json_t *arr = json_array();
    int rc = arr ? ordo_app_sla_policy_list(r->app, append_policy, arr) : ORDO_ENOMEM;
    (void)p;
    if (rc < 0) {
        json_decref(arr);
        srv_reply_app_error(r, rc);
        return;
    }
    srv_reply_json(r, 200, json_pack("{s:o}", "policies", arr));
}

static int find_policy(const ordo_sla_policy *x, void *payload)
{
    json_t **slot = payload;
    if (strcmp(x->id, json_string_value(slot[0])) == 0 && !slot[1])
        slot[1] = policy_json(x);
    return ORDO_OK;
}

/* POST /v1/sla-policies {id, site, first_response_minutes, resolve_minutes, queue?,
 * contract?, priority?, hours?, days?, holidays?, warn_percent?} -> 201 the policy */
void srv_h_sla_policy_post(srv_req *r, char **p)
{
    static const char *const allowed[] = { "id", "site", "queue", "contract", "priority", "hours", "days",
                                           "holidays", "first_response_minutes", "resolve_minutes", "warn_percent",
                                           NULL };
    ordo_app_sla_policy_req q;
    long long first = 0, resolve = 0, warn = 0;
    srv_in in;
    memset(&q, 0, sizeof q);
    (void)p;
    if (srv_parse_body(r, &in, 0) == ORDO_OK) {
        int rc;
        if (srv_in_only(&in, allowed) < 0 || srv_in_str(&in, "id", 1, &q.id) < 0 ||
            srv_in_str(&in, "site", 1, &q.site) < 0 || srv_in_str(&in, "queue", 0, &q.queue) < 0 ||
            srv_in_str(&in, "contract", 0, &q.contract) < 0 || srv_in_str(&in, "priority", 0, &q.priority) < 0 ||
            srv_in_str(&in, "hours", 0, &q.hours) < 0 || srv_in_str(&in, "days", 0, &q.days) < 0 ||
            srv_in_str(&in, "holidays", 0, &q.holidays) < 0 ||
            srv_in_int(&in, "first_response_minutes", 1, 1, 10000000, &first) < 0 ||
            srv_in_int(&in, "resolve_minutes", 1, 1, 10000000, &resolve) < 0 ||
            srv_in_int(&in, "warn_percent", 0, 1, 100, &warn) < 0) {
            srv_in_fail(r, &in);
        } else {
            q.first_response = first;
            q.resolve = resolve;
            q.warn = (int)warn;
            if ((rc = ordo_app_sla_policy_add(r->app, &q)) < 0) {
                srv_reply_app_error(r, rc);
            } else {
                json_t *slot[2] = { json_string(q.id), NULL };
                rc = ordo_app_sla_policy_list(r->app, find_policy, slot);
                json_decref(slot[0]);
                if (rc < 0 || !slot[1]) {
                    json_decref(slot[1]);
                    srv_reply_app_error(r, rc < 0 ? rc : ORDO_ENOTFOUND);
                } else {
                    srv_reply_json(r, 201, slot[1]);
                }
            }
        }
    }
    srv_in_free(&in);
}
