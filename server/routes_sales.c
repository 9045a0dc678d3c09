/*
 * routes_sales.c — the sales routes of ordo serve (issue 11): leads,
 * opportunities and the pipeline report, each a thin caller of one
 * app/sales.h use case. Roles (the table in routes.c): an agent reads, a
 * planner writes. A refused change (qualify a disqualified lead, win a lost
 * opportunity, move a closed one) is a 422 `rule` and changes nothing; a
 * qualify that finds contacts looking like the lead is a 409 listing them
 * in error.candidates, to be retried with {"contact": id} or
 * {"create_new": true}.
 */
#include "server/server_int.h"

#include "app/sales.h"
#include "server/decode.h"

#include <string.h>


static json_t *date_json(ordo_date d)
{
    char buf[16];
    ordo_date_format(d, buf);
    return json_string(buf);
}


/* ---- leads ----------------------------------------------------------------------------------- */

static json_t *lead_json(const ordo_lead *l)
{
    json_t *j = json_object();
    if (!j)
        return NULL;
    json_object_set_new(j, "id", json_string(l->id));
    json_object_set_new(j, "topic", srv_opt_str(l->topic));
    json_object_set_new(j, "first_name", srv_opt_str(l->first_name));
    json_object_set_new(j, "last_name", srv_opt_str(l->last_name));
    json_object_set_new(j, "company", srv_opt_str(l->company));
    json_object_set_new(j, "email", srv_opt_str(l->email));
    json_object_set_new(j, "phone", srv_opt_str(l->phone));
    json_object_set_new(j, "parent_contact", srv_opt_str(l->parent_contact));
    json_object_set_new(j, "parent_account", srv_opt_str(l->parent_account));
    json_object_set_new(j, "campaign", srv_opt_str(l->campaign));
    json_object_set_new(j, "channel", srv_opt_str(l->channel));
    json_object_set_new(j, "rating", json_string(ordo_lead_rating_name(l->rating)));
    json_object_set_new(j, "score", json_integer(l->score));
    json_object_set_new(j, "owner", srv_opt_str(l->owner));
    json_object_set_new(j, "status", json_string(ordo_lead_status_name(l->status)));
    json_object_set_new(j, "reason", srv_opt_str(ordo_lead_reason_name(l->reason)));
    json_object_set_new(j, "account", srv_opt_str(l->account));
    json_object_set_new(j, "contact", srv_opt_str(l->contact));
    json_object_set_new(j, "opportunity", srv_opt_str(l->opportunity));
    return j;
}

static void reply_lead(srv_req *r, int status, const char *id)
{
    ordo_lead l;
    memset(&l, 0, sizeof l);
    int rc = ordo_app_lead_get(r->app, id, &l);
    if (rc < 0)
        srv_reply_app_error(r, rc);
    else
        srv_reply_json(r, status, lead_json(&l));
    ordo_lead_clear(&l);
}

static int append_lead(const ordo_lead *l, void *payload)
{
    return json_array_append_new(payload, lead_json(l)) < 0 ? ORDO_ENOMEM : ORDO_OK;
}

void srv_h_leads(srv_req *r, char **p)
{
    json_t *arr = json_array();
    int rc = arr ? ordo_app_lead_list(r->app, append_lead, arr) : ORDO_ENOMEM;
    (void)p;
    if (rc < 0) {
        json_decref(arr);
        srv_reply_app_error(r, rc);
        return;
    }
    srv_reply_json(r, 200, json_pack("{s:o}", "leads", arr));
}

void srv_h_lead_post(srv_req *r, char **p)
{
    srv_in in;
    ordo_app_lead_req q;
    memset(&q, 0, sizeof q);
    q.score = 50;
    (void)p;
    if (srv_parse_body(r, &in, 0) == ORDO_OK) {
        int rc;
        if (srv_decode_lead(&in, &q) < 0)
            srv_in_fail(r, &in);
        else if ((rc = ordo_app_lead_add(r->app, &q)) < 0)
            srv_reply_app_error(r, rc);
        else
            reply_lead(r, 201, q.id);
    }
    srv_in_free(&in);
}

static void reply_candidates(srv_req *r, const ordo_app_qualify_result *res)
{
    json_t *arr = json_array();
    for (int i = 0; arr && i < res->ncandidates; i++)
        json_array_append_new(arr, json_pack("{s:s,s:f,s:s,s:s}", "id", res->candidates[i].id, "score",
                                             res->candidates[i].score, "why", res->candidates[i].why, "kind",
                                             res->candidates[i].kind));
    json_t *e = json_pack("{s:s,s:s,s:s,s:o}", "code", "conflict", "field", ordo_app_errfield(r->app), "message",
                          ordo_app_errmsg(r->app), "candidates", arr);
    srv_reply_json(r, 409, e ? json_pack("{s:o}", "error", e) : NULL);
}

void srv_h_lead_qualify(srv_req *r, char **p)
{
    srv_in in;
    ordo_app_qualify_req q;
    ordo_app_qualify_result res;
    memset(&q, 0, sizeof q);
    memset(&res, 0, sizeof res);
    q.lead = p[0];
    if (srv_parse_body(r, &in, 1) == ORDO_OK) {
        int rc;
        if (srv_decode_qualify(&in, &q) < 0)
            srv_in_fail(r, &in);
        else if ((rc = ordo_app_lead_qualify(r->app, &q, &res)) == ORDO_ERULE && res.ncandidates > 0)
            reply_candidates(r, &res);
        else if (rc < 0)
            srv_reply_app_error(r, rc);
        else
            srv_reply_json(r, 201, json_pack("{s:s,s:s,s:s,s:s,s:b,s:b}", "lead", p[0], "account", res.account,
                                             "contact", res.contact, "opportunity", res.opportunity,
                                             "created_account", res.created_account, "created_contact",
                                             res.created_contact));
    }
    srv_in_free(&in);
}

void srv_h_lead_disqualify(srv_req *r, char **p)
{
    srv_in in;
    const char *reason = NULL;
    if (srv_parse_body(r, &in, 0) == ORDO_OK) {
        int rc;
        if (srv_decode_word(&in, "reason", NULL, &reason, NULL) < 0)
            srv_in_fail(r, &in);
        else if ((rc = ordo_app_lead_disqualify(r->app, p[0], reason)) < 0)
            srv_reply_app_error(r, rc);
        else
            reply_lead(r, 200, p[0]);
    }
    srv_in_free(&in);
}

/* ---- opportunities --------------------------------------------------------------------------------- */

static json_t *opp_json(const ordo_opportunity *o)
{
    json_t *j = json_object();
    if (!j)
        return NULL;
    json_object_set_new(j, "id", json_string(o->id));
    json_object_set_new(j, "name", srv_opt_str(o->name));
    json_object_set_new(j, "account", srv_opt_str(o->account));
    json_object_set_new(j, "contact", srv_opt_str(o->contact));
    json_object_set_new(j, "lead", srv_opt_str(o->lead));
    json_object_set_new(j, "owner", srv_opt_str(o->owner));
    json_object_set_new(j, "stage", json_string(ordo_stage_name(o->stage)));
    json_object_set_new(j, "status", json_string(ordo_opp_status_name(o->status)));
    json_object_set_new(j, "value", json_integer(o->value));
    json_object_set_new(j, "close_date", date_json(o->close_date));
    json_object_set_new(j, "reason", srv_opt_str(o->reason));
    json_object_set_new(j, "minutes", json_integer(o->minutes));
    json_object_set_new(j, "service", srv_opt_str(o->service));
    json_object_set_new(j, "probability", json_integer(ordo_opportunity_probability(o)));
    return j;
}

/* The opportunity as stored now, plus extra members (may be NULL; taken). */
static void reply_opp(srv_req *r, int status, const char *id, json_t *extra)
{
    ordo_opportunity o;
    memset(&o, 0, sizeof o);
    int rc = ordo_app_opportunity_get(r->app, id, &o);
    if (rc < 0) {
        srv_reply_app_error(r, rc);
    } else {
        json_t *j = opp_json(&o);
        if (j && extra)
            json_object_update(j, extra);
        srv_reply_json(r, status, j);
    }
    json_decref(extra);
    ordo_opportunity_clear(&o);
}

typedef struct opp_filter {
    json_t *arr;
    const char *status;            /* NULL = all */
} opp_filter;

static int append_opp(const ordo_opportunity *o, void *payload)
{
    opp_filter *f = payload;
    if (f->status && strcmp(f->status, ordo_opp_status_name(o->status)) != 0)
        return ORDO_OK;
    return json_array_append_new(f->arr, opp_json(o)) < 0 ? ORDO_ENOMEM : ORDO_OK;
}

void srv_h_opportunities(srv_req *r, char **p)
{
    opp_filter f = { json_array(), srv_query(r, "status") };
    int rc;
    (void)p;
    if (f.status && ordo_opp_status_parse(f.status) < 0) {
        json_decref(f.arr);
        srv_reply_error(r, 400, "invalid_input", "status", "status '%s': must be open, won or lost", f.status);
        return;
    }
    rc = f.arr ? ordo_app_opportunity_list(r->app, append_opp, &f) : ORDO_ENOMEM;
    if (rc < 0) {
        json_decref(f.arr);
        srv_reply_app_error(r, rc);
        return;
    }
    srv_reply_json(r, 200, json_pack("{s:o}", "opportunities", f.arr));
}

static int append_step(const char *from, const char *to, const char *status, int64_t at, void *payload)
{
    return json_array_append_new(payload, json_pack("{s:o,s:s,s:s,s:I}", "from", srv_opt_str(from), "to", to,
                                                     "status", status, "at", (json_int_t)at)) < 0
               ? ORDO_ENOMEM
               : ORDO_OK;
}

void srv_h_opportunity(srv_req *r, char **p)
{
    json_t *hist = json_array();
    int rc = hist ? ordo_app_opportunity_history(r->app, p[0], append_step, hist) : ORDO_ENOMEM;
    if (rc < 0) {
        json_decref(hist);
        srv_reply_app_error(r, rc);
        return;
    }
    reply_opp(r, 200, p[0], json_pack("{s:o}", "history", hist));
}

void srv_h_opportunity_stage(srv_req *r, char **p)
{
    srv_in in;
    const char *stage = NULL;
    if (srv_parse_body(r, &in, 0) == ORDO_OK) {
        int rc;
        if (srv_decode_word(&in, "stage", NULL, &stage, NULL) < 0)
            srv_in_fail(r, &in);
        else if ((rc = ordo_app_opportunity_move(r->app, p[0], stage, 0)) < 0)
            srv_reply_app_error(r, rc);
        else
            reply_opp(r, 200, p[0], NULL);
    }
    srv_in_free(&in);
}

void srv_h_opportunity_win(srv_req *r, char **p)
{
    srv_in in;
    ordo_app_win_req q;
    ordo_app_win_result res;
    memset(&q, 0, sizeof q);
    memset(&res, 0, sizeof res);
    q.id = p[0];
    if (srv_parse_body(r, &in, 1) == ORDO_OK) {
        int rc;
        if (srv_decode_win(&in, &q) < 0)
            srv_in_fail(r, &in);
        else if ((rc = ordo_app_opportunity_win(r->app, &q, &res)) < 0)
            srv_reply_app_error(r, rc);
        else
            reply_opp(r, 200, p[0], json_pack("{s:o,s:o}", "contract", srv_opt_str(res.contract), "course",
                                              srv_opt_str(res.course)));
    }
    srv_in_free(&in);
}

void srv_h_opportunity_lose(srv_req *r, char **p)
{
    srv_in in;
    const char *reason = NULL, *date = NULL;
    if (srv_parse_body(r, &in, 0) == ORDO_OK) {
        int rc;
        if (srv_decode_word(&in, "reason", "date", &reason, &date) < 0)
            srv_in_fail(r, &in);
        else if ((rc = ordo_app_opportunity_lose(r->app, p[0], reason, date, 0)) < 0)
            srv_reply_app_error(r, rc);
        else
            reply_opp(r, 200, p[0], NULL);
    }
    srv_in_free(&in);
}

/* ---- pipeline ------------------------------------------------------------------------------------- */

static json_t *group_json(const ordo_pipeline_group *g, const char *keyname)
{
    return json_pack("{s:s,s:I,s:I,s:I}", keyname, g->key ? g->key : "", "count", (json_int_t)g->count, "value",
                     (json_int_t)g->value, "weighted", (json_int_t)g->weighted);
}

static json_t *groups_json(const ordo_pipeline_groups *gs, const char *keyname)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < gs->n; i++)
        json_array_append_new(a, group_json(&gs->v[i], keyname));
    return a;
}

void srv_h_pipeline(srv_req *r, char **p)
{
    ordo_pipeline_report rep;
    json_t *stages = json_array();
    int rc;
    (void)p;
    memset(&rep, 0, sizeof rep);
    if ((rc = ordo_app_pipeline(r->app, &rep)) < 0) {
        json_decref(stages);
        srv_reply_app_error(r, rc);
        return;
    }
    for (int k = 0; stages && k < ORDO_STAGE_COUNT; k++) {
        json_t *g = group_json(&rep.by_stage[k], "stage");
        int conv = ordo_pipeline_conversion(&rep, (ordo_stage)k);
        if (g) {
            json_object_set_new(g, "stage", json_string(ordo_stage_name((ordo_stage)k)));
            json_object_set_new(g, "reached", json_integer(rep.reached[k]));
            json_object_set_new(g, "advanced", json_integer(rep.advanced[k]));
            json_object_set_new(g, "conversion_bp", conv < 0 ? json_null() : json_integer(conv));
        }
        json_array_append_new(stages, g);
    }
    srv_reply_json(r, 200, json_pack("{s:I,s:I,s:I,s:o,s:o,s:o,s:o,s:o}", "open", (json_int_t)rep.open, "won",
                                     (json_int_t)rep.won, "lost", (json_int_t)rep.lost, "by_stage", stages,
                                     "by_owner", groups_json(&rep.by_owner, "owner"), "by_month",
                                     groups_json(&rep.by_month, "month"), "won_by_reason",
                                     groups_json(&rep.won_by_reason, "reason"), "lost_by_reason",
                                     groups_json(&rep.lost_by_reason, "reason")));
    ordo_pipeline_clear(&rep);
}
