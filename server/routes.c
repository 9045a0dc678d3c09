/*
 * routes.c — the routes of ordo serve (shared/spec/http-api.md), each a
 * thin caller of one app/ use case: decode the request (query or JSON body,
 * server/decode.c), call the use case on the request's own app handle,
 * encode the result (server/encode.c). Authentication, roles and
 * Idempotency-Key are handled once, in srv_route().
 */
#include "server/server_int.h"

#include "app/app_catalog.h"
#include "app/app_crm.h"
#include "app/app_diagnose.h"
#include "app/app_service.h"
#include "io/crypto.h"
#include "server/decode.h"
#include "server/routes.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PARAMS 2
#define MAX_IDEM_KEY 200

typedef void (*handler_fn)(srv_req *r, char **params);

typedef struct route {
    const char *method;
    const char *pattern;           /* "{x}" matches one path segment; "{x}.ics" one ending in .ics */
    ordo_role role;                /* ORDO_ROLE_NONE: no token needed */
    handler_fn fn;
} route;

/* ---- helpers -------------------------------------------------------------------------- */

/* A whole-number query parameter within [lo, hi]; absent = *out unchanged. */
int srv_query_int(srv_req *r, const char *name, long lo, long hi, int *out)
{
    const char *v = srv_query(r, name);
    char *end = NULL;
    long x;
    if (!v)
        return ORDO_OK;
    errno = 0;
    x = strtol(v, &end, 10);
    if (!*v || *end || errno || x < lo || x > hi) {
        srv_reply_error(r, 400, "invalid_input", name, "%s '%s': must be a whole number from %ld to %ld", name,
                        v, lo, hi);
        return ORDO_EINVAL;
    }
    *out = (int)x;
    return ORDO_OK;
}

static int64_t parse_id64(const char *s)
{
    char *end = NULL;
    errno = 0;
    long long x = strtoll(s, &end, 10);
    return (!*s || *end || errno || x <= 0) ? -1 : (int64_t)x;
}

static void reply_booking(srv_req *r, int status, const ordo_app_booking *b, const char *conflict)
{
    json_t *j = srv_json_booking(b);
    if (j && conflict && *conflict)
        json_object_set_new(j, "conflict_detail", json_string(conflict));
    srv_reply_json(r, status, j);
}

/* ---- health, catalogue, resources -------------------------------------------------------- */

static void h_health(srv_req *r, char **p)
{
    (void)p;
    srv_reply_json(r, 200, json_pack("{s:s}", "status", "ok"));
}

static void h_openapi(srv_req *r, char **p)
{
    const srv_asset *a = srv_asset_find("/v1/openapi.json");
    (void)p;
    if (!a)
        srv_reply_error(r, 404, "not_found", NULL, "no OpenAPI document in this build");
    else
        srv_reply_bytes(r, 200, a->type, (char *)a->data, a->len, 1);
}

static json_t *resource_json(const ordo_app_resource *x)
{
    json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:s}", "id", x->id, "name", x->name ? x->name : x->id, "kind",
                          ordo_kind_name(x->kind), "site", x->site ? x->site : "", "timezone",
                          x->timezone ? x->timezone : "");
    if (!j)
        return NULL;
    json_object_set_new(j, "capacity", x->capacity > 0 ? json_integer(x->capacity) : json_null());
    json_object_set_new(j, "skills", srv_json_strings(x->skills, x->nskills));
    json_object_set_new(j, "email", x->email ? json_string(x->email) : json_null());
    return j;
}

/* A listing's response: {"key":[...]} (taking arr), or the use case's error. */
static void reply_list(srv_req *r, int rc, const char *key, json_t *arr)
{
    if (rc < 0) {
        json_decref(arr);
        srv_reply_app_error(r, rc);
        return;
    }
    srv_reply_json(r, 200, json_pack("{s:o}", key, arr));
}

static void h_resources(srv_req *r, char **p)
{
    ordo_app_resources l = { 0 };
    json_t *arr = json_array();
    int rc = ordo_app_resource_list(r->app, &l);
    (void)p;
    for (int i = 0; rc == ORDO_OK && arr && i < (int)l.n; i++)
        json_array_append_new(arr, resource_json(&l.v[i]));
    ordo_app_resources_clear(&l);
    reply_list(r, rc, "resources", arr);
}

static void h_resource(srv_req *r, char **p)
{
    ordo_app_resource x = { 0 };
    int rc = ordo_app_resource_get(r->app, p[0], &x);
    if (rc < 0) {
        srv_reply_app_error(r, rc);
        return;
    }
    srv_reply_json(r, 200, resource_json(&x));
    ordo_app_resource_clear(&x);
}

static void h_services(srv_req *r, char **p)
{
    ordo_app_services l = { 0 };
    json_t *arr = json_array();
    int rc = ordo_app_service_list(r->app, &l);
    (void)p;
    for (int i = 0; rc == ORDO_OK && arr && i < (int)l.n; i++)
        json_array_append_new(arr, json_pack("{s:s,s:s,s:i}", "id", l.v[i].id, "name", l.v[i].name, "duration_minutes", l.v[i].duration_minutes));
    ordo_app_services_clear(&l);
    reply_list(r, rc, "services", arr);
}

static void calendar(srv_req *r, const char *kind, const char *id)
{
    char *bytes = NULL;
    size_t n = 0;
    pthread_mutex_lock(&r->srv->ical_lock);
    int rc = ordo_app_calendar(r->app, kind, id, &bytes, &n);
    pthread_mutex_unlock(&r->srv->ical_lock);
    if (rc < 0)
        srv_reply_app_error(r, rc);
    else
        srv_reply_bytes(r, 200, "text/calendar; charset=utf-8", bytes, n, 0);
}

static void h_cal_resource(srv_req *r, char **p) { calendar(r, "resource", p[0]); }
static void h_cal_course(srv_req *r, char **p) { calendar(r, "course", p[0]); }

/* GET /v1/courses/{id}/diagnosis (an ordo extension, server/openapi.json):
 * the minimal rule set that forbids placing all the course's sessions. */
static void h_diagnosis(srv_req *r, char **p)
{
    ordo_app_diagnose_req q = { p[0], srv_query(r, "from"), srv_query(r, "to"), 0 };
    ordo_app_diagnosis d = { 0 };
    char from[11], to[11];
    if (srv_query_int(r, "slot", 1, 1440, &q.slot_minutes) < 0)
        return;
    int rc = ordo_app_diagnose(r->app, &q, &d);
    if (rc < 0) {
        srv_reply_app_error(r, rc);
        return;
    }
    json_t *rules = json_array();
    for (int i = 0; rules && i < d.nrules; i++)
        json_array_append_new(rules, json_pack("{s:s,s:s,s:b}", "kind", d.rules[i].kind, "text", d.rules[i].text,
                                               "verified", d.rules[i].verified));
    ordo_date_format(d.from, from);
    ordo_date_format(d.to, to);
    json_t *j = !rules ? NULL : json_pack("{s:s,s:s,s:s,s:i,s:i,s:b,s:b,s:o,s:i,s:I,s:f}", "course", d.course, "from", from,
                                  "to", to, "sessions", d.sessions, "unscheduled", d.unscheduled, "fits", d.fits,
                                  "explained", d.explained, "rules", rules, "candidates", d.candidates, "checks",
                                  (json_int_t)d.checks, "seconds", d.seconds);
    ordo_app_diagnosis_clear(&d);
    srv_reply_json(r, 200, j);     /* NULL: 500 out of memory */
}

/* ---- find-times and bookings --------------------------------------------------------------- */

/* Splits a comma-separated query value into at most max ids (in place). */
static int split_ids(char *v, const char **ids, int max)
{
    int n = 0;
    for (char *save = NULL, *t = strtok_r(v, ",", &save); t && n < max; t = strtok_r(NULL, ",", &save))
        ids[n++] = t;
    return n;
}

static void h_find_times(srv_req *r, char **p)
{
    ordo_app_find_times_req q = { 0 };
    ordo_app_find_times_res res = { 0 };
    const char *prefer[SRV_MAX_LIST];
    char *resources = NULL;
    int rc;
    (void)p;
    q.service = srv_query(r, "service");
    q.site = srv_query(r, "site");
    q.after = srv_query(r, "after");
    q.before = srv_query(r, "before");
    q.customer = srv_query(r, "customer");
    if (!q.service || !*q.service) {
        srv_reply_error(r, 400, "invalid_input", "service", "service is required");
        return;
    }
    if (srv_query_int(r, "participants", 1, 100000, &q.participants) < 0 ||
        srv_query_int(r, "count", 1, 1000, &q.count) < 0)
        return;
    if (srv_query(r, "resources")) {
        if (!(resources = ordo__strdup(srv_query(r, "resources")))) {
            srv_reply_error(r, 500, "internal", NULL, "out of memory");
            return;
        }
        q.nprefer = split_ids(resources, prefer, SRV_MAX_LIST);
        q.prefer = prefer;
    }
    rc = ordo_app_find_times(r->app, &q, &res);
    ordo__free(resources);
    if (rc < 0) {
        srv_reply_app_error(r, rc);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; arr && i < res.n; i++) {
        const ordo_app_proposal *x = &res.proposals[i];
        json_t *o = json_pack("{s:o,s:o,s:s,s:o}", "start", srv_json_time(&x->start), "end",
                              srv_json_time(&x->end), "site", x->site ? x->site : "", "resources",
                              srv_json_strings(x->resources, x->nresources));
        if (o) {
            json_object_set_new(o, "fragmentation", json_integer(x->fragmentation));
            json_object_set_new(o, "preferred", json_integer(x->preferred));
        }
        json_array_append_new(arr, o);
    }
    srv_reply_json(r, 200, json_pack("{s:o,s:o}", "proposals", arr, "reason",
                                     res.n ? json_null() : json_string(res.reason)));
    ordo_app_find_times_res_clear(&res);
}

static void h_book(srv_req *r, char **p)
{
    srv_in in;
    ordo_app_book_req q = { 0 };
    ordo_app_change_res res = { 0 };
    (void)p;
    if (srv_parse_body(r, &in, 0) == ORDO_OK && (srv_decode_book(&in, &q) == ORDO_OK || srv_in_fail(r, &in) == ORDO_OK)) {
        int rc = ordo_app_book(r->app, &q, &res);
        if (rc < 0)
            srv_reply_app_error(r, rc);
        else
            reply_booking(r, 201, &res.booking, res.conflict);
    }
    ordo_app_change_res_clear(&res);
    srv_in_free(&in);
}

static void h_bookings(srv_req *r, char **p)
{
    ordo_app_booking_list_req q = { 0 };
    ordo_app_bookings l = { 0 };
    int rc;
    (void)p;
    q.from = srv_query(r, "from");
    q.to = srv_query(r, "to");
    q.resource = srv_query(r, "resource");
    q.course = srv_query(r, "course");
    if ((rc = ordo_app_booking_list(r->app, &q, &l)) < 0) {
        srv_reply_app_error(r, rc);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; arr && i < l.n; i++)
        json_array_append_new(arr, srv_json_booking(&l.v[i]));
    ordo_app_bookings_clear(&l);
    srv_reply_json(r, 200, json_pack("{s:o}", "bookings", arr));
}

static void h_booking(srv_req *r, char **p)
{
    ordo_app_booking b = { 0 };
    int rc = ordo_app_booking_get(r->app, p[0], &b);
    if (rc < 0)
        srv_reply_app_error(r, rc);
    else
        reply_booking(r, 200, &b, NULL);
    ordo_app_booking_clear(&b);
}

static void h_reschedule(srv_req *r, char **p)
{
    srv_in in;
    ordo_app_reschedule_req q = { 0 };
    ordo_app_change_res res = { 0 };
    q.booking = p[0];
    if (srv_parse_body(r, &in, 0) == ORDO_OK &&
        (srv_decode_reschedule(&in, &q) == ORDO_OK || srv_in_fail(r, &in) == ORDO_OK)) {
        int rc = ordo_app_reschedule(r->app, &q, &res);
        if (rc < 0)
            srv_reply_app_error(r, rc);
        else
            reply_booking(r, 200, &res.booking, res.conflict);
    }
    ordo_app_change_res_clear(&res);
    srv_in_free(&in);
}

static void h_cancel(srv_req *r, char **p)
{
    srv_in in;
    ordo_app_cancel_req q = { 0 };
    ordo_app_change_res res = { 0 };
    static const char *const none[] = { NULL };
    q.booking = p[0];
    if (srv_parse_body(r, &in, 1) == ORDO_OK && (srv_in_only(&in, none) == ORDO_OK || srv_in_fail(r, &in) == ORDO_OK)) {
        int rc = ordo_app_cancel(r->app, &q, &res);
        if (rc < 0)
            srv_reply_app_error(r, rc);
        else
            reply_booking(r, 200, &res.booking, NULL);
    }
    ordo_app_change_res_clear(&res);
    srv_in_free(&in);
}

/* ---- CRM records ------------------------------------------------------------------------------ */

static json_t *str_list_json(const ordo_strlist *l)
{
    json_t *a = json_array();
    for (int i = 0; a && l && i < l->count; i++)
        json_array_append_new(a, json_string(l->items[i]));
    return a;
}


static json_t *account_json(const ordo_account *x)
{
    return json_pack("{s:s,s:o,s:s,s:o,s:o}", "id", x->id, "name", srv_opt_str(x->name), "relationship",
                     ordo_relationship_name(x->relationship), "roles", str_list_json(&x->roles), "city",
                     srv_opt_str(x->city));
}

static json_t *contact_json(const ordo_contact *x)
{
    return json_pack("{s:s,s:o,s:o,s:o,s:o,s:s,s:o,s:o,s:o}", "id", x->id, "first_name",
                     srv_opt_str(x->first_name), "last_name", srv_opt_str(x->last_name), "email",
                     srv_opt_str(x->email), "account", srv_opt_str(x->account), "relationship",
                     ordo_relationship_name(x->relationship), "roles", str_list_json(&x->roles), "city",
                     srv_opt_str(x->city), "phone", srv_opt_str(x->phone));
}

static void h_accounts(srv_req *r, char **p)
{
    ordo_app_accounts l = { 0 };
    json_t *arr = json_array();
    int rc = ordo_app_account_list(r->app, &l);
    (void)p;
    for (int i = 0; rc == ORDO_OK && arr && i < (int)l.n; i++)
        json_array_append_new(arr, account_json(&l.v[i]));
    ordo_app_accounts_clear(&l);
    reply_list(r, rc, "accounts", arr);
}

static void h_contacts(srv_req *r, char **p)
{
    ordo_app_contacts l = { 0 };
    json_t *arr = json_array();
    int rc = ordo_app_contact_list(r->app, &l);
    (void)p;
    for (int i = 0; rc == ORDO_OK && arr && i < (int)l.n; i++)
        json_array_append_new(arr, contact_json(&l.v[i]));
    ordo_app_contacts_clear(&l);
    reply_list(r, rc, "contacts", arr);
}

static void h_account(srv_req *r, char **p)
{
    ordo_account x;
    memset(&x, 0, sizeof x);
    int rc = ordo_app_account_get(r->app, p[0], &x);
    if (rc < 0)
        srv_reply_app_error(r, rc);
    else
        srv_reply_json(r, 200, account_json(&x));
    ordo_account_clear(&x);
}

static void h_contact(srv_req *r, char **p)
{
    ordo_contact x;
    memset(&x, 0, sizeof x);
    int rc = ordo_app_contact_get(r->app, p[0], &x);
    if (rc < 0)
        srv_reply_app_error(r, rc);
    else
        srv_reply_json(r, 200, contact_json(&x));
    ordo_contact_clear(&x);
}

/* POST (id in the body) or PATCH (id in the path) of an account or contact. */
static void party_write(srv_req *r, char **p, int contact)
{
    srv_in in;
    ordo_app_party_req q = { 0 };
    ordo_account acc;
    ordo_contact con;
    int rc;
    memset(&acc, 0, sizeof acc);
    memset(&con, 0, sizeof con);
    if (srv_parse_body(r, &in, 0) < 0)
        goto done;
    if (srv_decode_party(&in, contact, &q) < 0) {
        srv_in_fail(r, &in);
        goto done;
    }
    if (p && p[0]) {
        if (q.id && strcmp(q.id, p[0]) != 0) {
            srv_reply_error(r, 400, "invalid_input", "id", "id '%s' differs from the record in the path '%s'",
                            q.id, p[0]);
            goto done;
        }
        q.id = p[0];
        rc = contact ? ordo_app_contact_update(r->app, &q, &con) : ordo_app_account_update(r->app, &q, &acc);
    } else {
        if (!q.id) {
            srv_reply_error(r, 400, "invalid_input", "id", "id is required");
            goto done;
        }
        rc = contact ? ordo_app_contact_add(r->app, &q, &con) : ordo_app_account_add(r->app, &q, &acc);
    }
    if (rc < 0)
        srv_reply_app_error(r, rc);
    else
        srv_reply_json(r, p && p[0] ? 200 : 201, contact ? contact_json(&con) : account_json(&acc));
done:
    ordo_account_clear(&acc);
    ordo_contact_clear(&con);
    srv_in_free(&in);
}

static void h_account_post(srv_req *r, char **p) { (void)p; party_write(r, NULL, 0); }
static void h_account_patch(srv_req *r, char **p) { party_write(r, p, 0); }
static void h_contact_post(srv_req *r, char **p) { (void)p; party_write(r, NULL, 1); }
static void h_contact_patch(srv_req *r, char **p) { party_write(r, p, 1); }

/* ---- contracts -------------------------------------------------------------------------------- */

static json_t *date_json(ordo_date d)
{
    char buf[16];
    ordo_date_format(d, buf);
    return json_string(buf);
}

static json_t *contract_json(const ordo_app_contract *k)
{
    json_t *lines = json_array();
    for (int i = 0; lines && i < k->nlines; i++) {
        const ordo_contract_line *l = &k->lines[i];
        json_array_append_new(lines, json_pack("{s:I,s:s,s:b,s:I,s:I,s:I,s:I}", "id", (json_int_t)l->id,
                                               "kind", ordo_line_kind_name(l->kind), "primary", l->is_primary,
                                               "total", (json_int_t)l->balance.total, "used", (json_int_t)l->balance.used,
                                               "reserved", (json_int_t)l->balance.reserved, "remaining",
                                               (json_int_t)ordo_balance_remaining(&l->balance)));
    }
    return json_pack("{s:s,s:s,s:o,s:o,s:s,s:I,s:I,s:I,s:I,s:o}", "id", k->id, "customer", k->customer, "start",
                     date_json(k->start), "end", date_json(k->end), "status", ordo_contract_status_name(k->status),
                     "total_minutes", (json_int_t)k->bank.total, "used_minutes", (json_int_t)k->bank.used,
                     "reserved_minutes", (json_int_t)k->bank.reserved, "remaining_minutes",
                     (json_int_t)k->remaining, "lines", lines);
}

static void h_contract(srv_req *r, char **p)
{
    ordo_app_contract k = { 0 };
    int rc = ordo_app_contract_get(r->app, p[0], &k);
    if (rc < 0)
        srv_reply_app_error(r, rc);
    else
        srv_reply_json(r, 200, contract_json(&k));
    ordo_app_contract_clear(&k);
}

static void h_contract_post(srv_req *r, char **p)
{
    srv_in in;
    ordo_app_contract_add_req q = { 0 };
    ordo_app_contract k = { 0 };
    (void)p;
    if (srv_parse_body(r, &in, 0) == ORDO_OK &&
        (srv_decode_contract_add(&in, &q) == ORDO_OK || srv_in_fail(r, &in) == ORDO_OK)) {
        int rc = ordo_app_contract_add(r->app, &q, &k);
        if (rc < 0)
            srv_reply_app_error(r, rc);
        else
            srv_reply_json(r, 201, contract_json(&k));
    }
    ordo_app_contract_clear(&k);
    srv_in_free(&in);
}

static void h_contract_patch(srv_req *r, char **p)
{
    srv_in in;
    const char *status = NULL;
    ordo_app_contract k = { 0 };
    int to;
    if (srv_parse_body(r, &in, 0) == ORDO_OK && (srv_decode_status(&in, &status) == ORDO_OK || srv_in_fail(r, &in) == ORDO_OK)) {
        if ((to = ordo_contract_status_parse(status)) < 0) {
            srv_reply_error(r, 400, "invalid_input", "status",
                            "status '%s': must be draft, active, on_hold, cancelled or expired", status);
        } else {
            int rc = ordo_app_contract_set_status(r->app, p[0], (ordo_contract_status)to);
            if (rc == ORDO_OK)
                rc = ordo_app_contract_get(r->app, p[0], &k);
            if (rc < 0)
                srv_reply_app_error(r, rc);
            else
                srv_reply_json(r, 200, contract_json(&k));
        }
    }
    ordo_app_contract_clear(&k);
    srv_in_free(&in);
}

/* ---- cases --------------------------------------------------------------------------------------- */

static json_t *case_json(const ordo_app_case *c)
{
    json_t *acts = json_array();
    for (int i = 0; acts && i < c->nactivities; i++) {
        const ordo_activity *x = &c->activities[i];
        json_array_append_new(acts, json_pack("{s:I,s:s,s:I,s:o,s:b}", "id", (json_int_t)x->id, "kind",
                                              ordo_activity_kind_name(x->kind), "minutes", (json_int_t)x->minutes,
                                              "subject", srv_opt_str(x->subject), "billed", x->billed));
    }
    return json_pack("{s:I,s:s,s:s,s:s,s:I,s:I,s:o}", "id", (json_int_t)c->c.id, "customer", c->c.customer,
                     "title", c->c.title ? c->c.title : "", "status", ordo_case_status_name(c->c.status), "line",
                     (json_int_t)c->c.line, "minutes", (json_int_t)c->minutes, "activities", acts);
}

/* The case with its SLA ("sla": null when it has none). */
static json_t *case_sla_json(srv_req *r, const ordo_app_case *c)
{
    json_t *j = case_json(c);
    if (j)
        json_object_set_new(j, "sla", srv_case_sla_json(r, c->c.id));
    return j;
}

static int case_id(srv_req *r, const char *s, int64_t *out)
{
    if ((*out = parse_id64(s)) < 0) {
        srv_reply_error(r, 404, "not_found", "id", "no case '%s' (case ids are whole numbers)", s);
        return ORDO_EINVAL;
    }
    return ORDO_OK;
}

static void reply_case(srv_req *r, int status, int64_t id)
{
    ordo_app_case c = { 0 };
    int rc = ordo_app_case_get(r->app, id, &c);
    if (rc < 0)
        srv_reply_app_error(r, rc);
    else
        srv_reply_json(r, status, case_sla_json(r, &c));
    ordo_app_case_clear(&c);
}

static void h_case(srv_req *r, char **p)
{
    int64_t id;
    if (case_id(r, p[0], &id) == ORDO_OK)
        reply_case(r, 200, id);
}

static void h_case_post(srv_req *r, char **p)
{
    srv_in in;
    ordo_app_case_add_req q = { 0 };
    ordo_app_case c = { 0 };
    (void)p;
    if (srv_parse_body(r, &in, 0) == ORDO_OK && (srv_decode_case_add(&in, &q) == ORDO_OK || srv_in_fail(r, &in) == ORDO_OK)) {
        int rc = ordo_app_case_add(r->app, &q, &c);
        if (rc < 0)
            srv_reply_app_error(r, rc);
        else
            srv_reply_json(r, 201, case_sla_json(r, &c));
    }
    ordo_app_case_clear(&c);
    srv_in_free(&in);
}

static void h_activity_post(srv_req *r, char **p)
{
    srv_in in;
    ordo_app_activity_req q = { 0 };
    int64_t id;
    if (case_id(r, p[0], &id) < 0)
        return;
    q.case_id = id;
    if (srv_parse_body(r, &in, 0) == ORDO_OK && (srv_decode_activity(&in, &q) == ORDO_OK || srv_in_fail(r, &in) == ORDO_OK)) {
        int rc = ordo_app_activity_add(r->app, &q, NULL);
        if (rc < 0)
            srv_reply_app_error(r, rc);
        else
            reply_case(r, 201, id);
    }
    srv_in_free(&in);
}

static void h_resolve(srv_req *r, char **p)
{
    srv_in in;
    ordo_app_resolve_req q = { 0 };
    ordo_resolve_plan plan;
    int64_t id;
    memset(&plan, 0, sizeof plan);
    if (case_id(r, p[0], &id) < 0)
        return;
    q.case_id = id;
    if (srv_parse_body(r, &in, 1) == ORDO_OK && (srv_decode_resolve(&in, &q) == ORDO_OK || srv_in_fail(r, &in) == ORDO_OK)) {
        int rc = ordo_app_case_resolve(r->app, &q, &plan);
        if (rc < 0)
            srv_reply_app_error(r, rc);
        else
            reply_case(r, 200, id);
    }
    srv_in_free(&in);
}

/* ---- schedule jobs ------------------------------------------------------------------------------ */

static void h_schedule(srv_req *r, char **p) { (void)p; srv_jobs_post(r); }
static void h_job(srv_req *r, char **p) { srv_jobs_get(r, p[0]); }

/* ---- the table ------------------------------------------------------------------------------------ */

static const route routes[] = {
    { "GET", "/v1/health", ORDO_ROLE_NONE, h_health },
    { "GET", "/v1/openapi.json", ORDO_ROLE_AGENT, h_openapi },
    { "GET", "/v1/find-times", ORDO_ROLE_AGENT, h_find_times },
    { "POST", "/v1/bookings", ORDO_ROLE_AGENT, h_book },
    { "GET", "/v1/bookings", ORDO_ROLE_AGENT, h_bookings },
    { "GET", "/v1/bookings/{id}", ORDO_ROLE_AGENT, h_booking },
    { "PATCH", "/v1/bookings/{id}", ORDO_ROLE_AGENT, h_reschedule },
    { "POST", "/v1/bookings/{id}/cancel", ORDO_ROLE_AGENT, h_cancel },
    { "GET", "/v1/resources", ORDO_ROLE_AGENT, h_resources },
    { "GET", "/v1/resources/{id}", ORDO_ROLE_AGENT, h_resource },
    { "GET", "/v1/services", ORDO_ROLE_AGENT, h_services },
    { "GET", "/v1/calendars/resource/{id}.ics", ORDO_ROLE_AGENT, h_cal_resource },
    { "GET", "/v1/calendars/course/{id}.ics", ORDO_ROLE_AGENT, h_cal_course },
    { "GET", "/v1/courses/{id}/diagnosis", ORDO_ROLE_PLANNER, h_diagnosis },
    { "GET", "/v1/score", ORDO_ROLE_PLANNER, srv_h_score },
    { "POST", "/v1/schedule", ORDO_ROLE_PLANNER, h_schedule },
    { "GET", "/v1/jobs/{id}", ORDO_ROLE_PLANNER, h_job },
    { "GET", "/v1/accounts", ORDO_ROLE_AGENT, h_accounts },
    { "POST", "/v1/accounts", ORDO_ROLE_ADMIN, h_account_post },
    { "GET", "/v1/accounts/{id}", ORDO_ROLE_AGENT, h_account },
    { "PATCH", "/v1/accounts/{id}", ORDO_ROLE_ADMIN, h_account_patch },
    { "GET", "/v1/contacts", ORDO_ROLE_AGENT, h_contacts },
    { "POST", "/v1/contacts", ORDO_ROLE_ADMIN, h_contact_post },
    { "GET", "/v1/contacts/{id}", ORDO_ROLE_AGENT, h_contact },
    { "PATCH", "/v1/contacts/{id}", ORDO_ROLE_ADMIN, h_contact_patch },
    { "POST", "/v1/contracts", ORDO_ROLE_ADMIN, h_contract_post },
    { "GET", "/v1/contracts/{id}", ORDO_ROLE_AGENT, h_contract },
    { "PATCH", "/v1/contracts/{id}", ORDO_ROLE_ADMIN, h_contract_patch },
    { "POST", "/v1/cases", ORDO_ROLE_AGENT, h_case_post },
    { "GET", "/v1/cases/{id}", ORDO_ROLE_AGENT, h_case },
    { "POST", "/v1/cases/{id}/activities", ORDO_ROLE_AGENT, h_activity_post },
    { "POST", "/v1/cases/{id}/resolve", ORDO_ROLE_AGENT, h_resolve },
    /* sales (routes_sales.c): an agent reads, a planner writes */
    { "GET", "/v1/leads", ORDO_ROLE_AGENT, srv_h_leads },
    { "POST", "/v1/leads", ORDO_ROLE_PLANNER, srv_h_lead_post },
    { "POST", "/v1/leads/{id}/qualify", ORDO_ROLE_PLANNER, srv_h_lead_qualify },
    { "POST", "/v1/leads/{id}/disqualify", ORDO_ROLE_PLANNER, srv_h_lead_disqualify },
    { "GET", "/v1/opportunities", ORDO_ROLE_AGENT, srv_h_opportunities },
    { "GET", "/v1/opportunities/{id}", ORDO_ROLE_AGENT, srv_h_opportunity },
    { "POST", "/v1/opportunities/{id}/stage", ORDO_ROLE_PLANNER, srv_h_opportunity_stage },
    { "POST", "/v1/opportunities/{id}/win", ORDO_ROLE_PLANNER, srv_h_opportunity_win },
    { "POST", "/v1/opportunities/{id}/lose", ORDO_ROLE_PLANNER, srv_h_opportunity_lose },
    { "GET", "/v1/pipeline", ORDO_ROLE_AGENT, srv_h_pipeline },
    /* marketing (routes_marketing.c): an agent reads, a planner writes */
    { "GET", "/v1/campaigns", ORDO_ROLE_AGENT, srv_h_campaigns },
    { "POST", "/v1/campaigns", ORDO_ROLE_PLANNER, srv_h_campaign_post },
    { "GET", "/v1/campaigns/{id}", ORDO_ROLE_AGENT, srv_h_campaign },
    { "POST", "/v1/campaigns/{id}/status", ORDO_ROLE_PLANNER, srv_h_campaign_status },
    { "POST", "/v1/campaigns/{id}/responses", ORDO_ROLE_PLANNER, srv_h_response_post },
    { "GET", "/v1/responses/{id}", ORDO_ROLE_AGENT, srv_h_response },
    { "POST", "/v1/responses/{id}/convert", ORDO_ROLE_PLANNER, srv_h_response_convert },
    { "GET", "/v1/lists", ORDO_ROLE_AGENT, srv_h_lists },
    { "POST", "/v1/lists", ORDO_ROLE_PLANNER, srv_h_list_post },
    { "GET", "/v1/lists/{id}", ORDO_ROLE_AGENT, srv_h_list },
    { "POST", "/v1/lists/{id}/members", ORDO_ROLE_PLANNER, srv_h_list_member_post },
    { "DELETE", "/v1/lists/{id}/members/{contact}", ORDO_ROLE_PLANNER, srv_h_list_member_delete },
    { "GET", "/v1/suppressions", ORDO_ROLE_AGENT, srv_h_suppressions },
    { "POST", "/v1/suppressions", ORDO_ROLE_PLANNER, srv_h_suppression_post },
    { "DELETE", "/v1/suppressions/{contact}", ORDO_ROLE_PLANNER, srv_h_suppression_delete },
    { "POST", "/v1/queues/{queue}/items", ORDO_ROLE_AGENT, srv_h_queue_item_post },
    { "POST", "/v1/queues/{queue}/pick", ORDO_ROLE_AGENT, srv_h_queue_pick },
    { "GET", "/v1/queues/{queue}/rule", ORDO_ROLE_AGENT, srv_h_queue_rule },
    { "POST", "/v1/queues/{queue}/rule", ORDO_ROLE_PLANNER, srv_h_queue_rule_post },
    { "POST", "/v1/queue-items/{id}/release", ORDO_ROLE_AGENT, srv_h_queue_release },
    { "POST", "/v1/queue-items/{id}/route", ORDO_ROLE_AGENT, srv_h_queue_route },
    { "POST", "/v1/queue-items/{id}/assign", ORDO_ROLE_AGENT, srv_h_queue_assign },
    { "GET", "/v1/sla-policies", ORDO_ROLE_AGENT, srv_h_sla_policies },
    { "POST", "/v1/sla-policies", ORDO_ROLE_PLANNER, srv_h_sla_policy_post },
    { "POST", "/v1/relationships/refresh", ORDO_ROLE_PLANNER, srv_h_relationship_refresh },
};
#define NROUTES (sizeof routes / sizeof *routes)

void srv_route_each(void (*fn)(const char *, const char *, const char *, void *), void *payload)
{
    for (size_t i = 0; i < NROUTES; i++)
        fn(routes[i].method, routes[i].pattern, routes[i].role ? ordo_role_name(routes[i].role) : "none", payload);
}

/* Matches path against pattern; params get copies of the {x} segments. */
static int match(const char *pattern, const char *path, char **params)
{
    int np = 0;
    while (*pattern && *path) {
        if (*pattern == '{') {
            const char *close = strchr(pattern, '}');
            const char *suffix = close + 1;                     /* ".ics" or "" up to the next '/' */
            size_t slen = strcspn(suffix, "/");
            size_t seg = strcspn(path, "/");
            if (seg <= slen || strncmp(path + seg - slen, suffix, slen) != 0 || np >= MAX_PARAMS)
                return 0;
            if (!(params[np] = ordo__malloc(seg - slen + 1)))
                return 0;
            memcpy(params[np], path, seg - slen);
            params[np][seg - slen] = '\0';
            np++;
            pattern = suffix + slen;
            path += seg;
            continue;
        }
        if (*pattern++ != *path++)
            return 0;
    }
    return *pattern == '\0' && *path == '\0';
}

static void free_params(char **p)
{
    for (int i = 0; i < MAX_PARAMS; i++) {
        ordo__free(p[i]);
        p[i] = NULL;
    }
}

/* "Bearer TOKEN" -> the principal, or a 401. */
static int authenticate(srv_req *r)
{
    const char *h = srv_header(r, "Authorization");
    if (!h || strncmp(h, "Bearer ", 7) != 0 || !h[7]) {
        srv_reply_error(r, 401, "unauthenticated", NULL, "this route needs 'Authorization: Bearer TOKEN' "
                        "(make one with 'ordo token add')");
        return ORDO_EINVAL;
    }
    int rc = ordo_app_token_check(r->app, h + 7, &r->who);
    if (rc == ORDO_ENOTFOUND) {
        srv_reply_error(r, 401, "unauthenticated", NULL, "unknown or revoked token");
        return rc;
    }
    if (rc < 0) {
        srv_reply_app_error(r, rc);
        return rc;
    }
    return ORDO_OK;
}

typedef struct idem_call {
    srv_req *r;
    const route *rt;
    char **params;
} idem_call;

/* The route run inside ordo_app_idempotent's transaction. */
static int idem_run(ordo_app *a, void *payload, int *status, char **body)
{
    idem_call *c = payload;
    c->r->app = a;
    c->rt->fn(c->r, c->params);
    *status = c->r->status;
    *body = NULL;
    if (c->r->status == 503)
        return ORDO_EBUSY;
    if (c->r->status >= 500)
        return ORDO_EIO;
    if (!(*body = ordo__malloc(c->r->outlen + 1)))
        return ORDO_ENOMEM;
    memcpy(*body, c->r->out ? c->r->out : "", c->r->outlen);
    (*body)[c->r->outlen] = '\0';
    return ORDO_OK;
}

static int idem_key_ok(const char *k)
{
    size_t n = strlen(k);
    if (n < 1 || n > MAX_IDEM_KEY)
        return 0;
    for (const unsigned char *p = (const unsigned char *)k; *p; p++)
        if (*p < 0x20 || *p > 0x7e)
            return 0;
    return 1;
}

static void run_idempotent(srv_req *r, const route *rt, char **params, const char *key)
{
    idem_call c = { r, rt, params };
    char hash[ORDO_HASH_HEX_LEN + 1];
    char *body = NULL, *material = NULL;
    size_t plen = strlen(r->path), mlen = plen + 1 + r->len;
    int status = 0, replayed = 0, rc;
    if (!idem_key_ok(key)) {
        srv_reply_error(r, 400, "invalid_input", "Idempotency-Key",
                        "Idempotency-Key must be 1 to 200 printable ASCII characters");
        return;
    }
    if (!(material = ordo__malloc(mlen + 1))) {
        srv_reply_error(r, 500, "internal", NULL, "out of memory");
        return;
    }
    memcpy(material, r->path, plen);
    material[plen] = '\n';
    memcpy(material + plen + 1, r->body ? r->body : "", r->len);
    ordo_crypto_hash_hex(material, mlen, hash);
    ordo__free(material);
    rc = ordo_app_idempotent(r->app, r->who.token_id, key, hash, 0, idem_run, &c, &status, &body, &replayed);
    if (rc == ORDO_ERULE) {
        srv_reply_error(r, 422, "rule", "Idempotency-Key", "%s", ordo_app_errmsg(r->app));
    } else if (rc < 0) {
        if (!r->status || r->status < 500)
            srv_reply_app_error(r, rc);
    } else if (replayed) {
        srv_reply_bytes(r, status, "application/json", body, strlen(body), 0);
        body = NULL;
    }
    ordo__free(body);
}

void srv_route(srv_req *r)
{
    char *params[MAX_PARAMS] = { NULL };
    const route *rt = NULL;
    int path_known = 0;
    ordo_err err = { 0 };

    if (strncmp(r->path, "/v1/", 4) != 0 || strcmp(r->path, "/v1/openapi.json") == 0) {
        const srv_asset *a = strcmp(r->method, "GET") == 0 ? srv_asset_find(r->path) : NULL;
        if (a && strncmp(r->path, "/v1/", 4) != 0) {      /* the page's files need no token */
            srv_reply_bytes(r, 200, a->type, (char *)a->data, a->len, 1);
            return;
        }
    }
    for (size_t i = 0; i < NROUTES && !rt; i++) {
        if (match(routes[i].pattern, r->path, params)) {
            path_known = 1;
            if (strcmp(routes[i].method, r->method) == 0)
                rt = &routes[i];
            else
                free_params(params);
        } else {
            free_params(params);           /* a partial match may have copied a segment */
        }
    }
    if (!rt) {
        if (path_known)
            srv_reply_error(r, 405, "method_not_allowed", NULL, "%s is not allowed on %s", r->method, r->path);
        else
            srv_reply_error(r, 404, "not_found", NULL, "no route %s %s", r->method, r->path);
        return;
    }
    if (rt->role != ORDO_ROLE_NONE) {
        if (srv_app_get(r->srv, &r->app, &err) < 0) {
            srv_reply_error(r, err.code == ORDO_EBUSY ? 503 : 500, err.code == ORDO_EBUSY ? "busy" : "internal",
                            NULL, "%s", err.msg);
            goto done;
        }
        if (authenticate(r) < 0)
            goto done;
        if (r->who.role < rt->role) {
            srv_reply_error(r, 403, "forbidden", NULL, "token '%s' (%s) may not %s %s: it needs the %s role",
                            r->who.name, ordo_role_name(r->who.role), r->method, rt->pattern,
                            ordo_role_name(rt->role));
            goto done;
        }
    }
    const char *key = srv_header(r, "Idempotency-Key");
    if (key && strcmp(r->method, "POST") == 0)
        run_idempotent(r, rt, params, key);
    else
        rt->fn(r, params);
done:
    free_params(params);
}

static void print_route(const char *method, const char *pattern, const char *role, void *payload)
{
    fprintf((FILE *)payload, "%s %s %s\n", method, pattern, role);
}

void ordo_server_routes_print(FILE *out) { srv_route_each(print_route, out); }
