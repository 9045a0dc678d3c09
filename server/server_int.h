/*
 * server_int.h — what the files of server/ share: the server and request
 * structs, the handle pool, responses, and the route and job entry points.
 * Internal to server/.
 */
#ifndef ORDO_SERVER_INT_H
#define ORDO_SERVER_INT_H

#include "app/app.h"
#include "app/app_auth.h"
#include "app/app_score.h"
#include "server/server.h"

#include <jansson.h>
#include <pthread.h>
#include <stddef.h>

struct MHD_Daemon;

typedef struct srv_job srv_job;

struct ordo_server {
    struct MHD_Daemon *daemon;
    char *db;
    int port;
    pthread_mutex_t lock;          /* guards pool, jobs, next_job */
    ordo_app **pool;               /* idle handles */
    ordo_app_reads *reads;         /* the read snapshot all handles share */
    int npool, cappool;
    srv_job *jobs;                 /* newest first */
    int next_job;
    int inflight;                  /* requests being received or handled */
    pthread_mutex_t ical_lock;     /* libical's error state is process-wide */
};

/* One request: what arrived, who sent it, and the response being built. */
typedef struct srv_req {
    ordo_server *srv;
    const char *method;            /* "GET", "POST", ... (libmicrohttpd's) */
    char *path;                    /* without the query */
    char *body;                    /* '\0'-terminated */
    size_t len, cap;
    int too_large;
    double started;                /* monotonic seconds */
    void *conn;                    /* struct MHD_Connection * */
    ordo_app *app;                 /* borrowed from the pool for the request */
    ordo_app_principal who;
    /* the response */
    int status;
    char *out;                     /* ordo__malloc'd */
    size_t outlen;
    const char *content_type;
    int retry_after;               /* seconds; 0 = no header */
    int out_static;                /* out points at embedded data: not freed */
} srv_req;

/* ---- handle pool (http.c) ---- */
int srv_app_get(ordo_server *s, ordo_app **out, ordo_err *err);
void srv_app_put(ordo_server *s, ordo_app *a);

/* ---- requests (http.c) ---- */
const char *srv_query(const srv_req *r, const char *name);      /* NULL when absent */
/* A whole-number query parameter within [lo, hi] (absent: *out unchanged);
 * else a 400 naming it is replied and ORDO_EINVAL returned (routes.c). */
int srv_query_int(srv_req *r, const char *name, long lo, long hi, int *out);
const char *srv_header(const srv_req *r, const char *name);

/* ---- responses (encode.c) ---- */
/* Takes ownership of j (decref'd). */
void srv_reply_json(srv_req *r, int status, json_t *j);
void srv_reply_error(srv_req *r, int status, const char *code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* The response for a failed use case (rc < 0): status and error body from
 * the code and the handle's message and field (app/README.md's table). */
void srv_reply_app_error(srv_req *r, int rc);
void srv_reply_bytes(srv_req *r, int status, const char *type, char *bytes, size_t n, int is_static);

/* Shared by the route files (encode.c): a string or null ("" is null); the
 * request body parsed into in (a 400 naming the field on failure, which
 * srv_in_fail also gives for a decoding error); a positive {id} path
 * segment of a `what` ("queue item"), else a 404 "WHAT 'TEXT' does not
 * exist". Each returns ORDO_OK or the error it replied with. */
struct srv_in;
json_t *srv_opt_str(const char *s);
int srv_parse_body(srv_req *r, struct srv_in *in, int empty_ok);
int srv_in_fail(srv_req *r, struct srv_in *in);
int srv_path_id(srv_req *r, const char *text, const char *what, int64_t *out);

json_t *srv_json_booking(const ordo_app_booking *b);
json_t *srv_json_time(const ordo_app_time *t);
json_t *srv_json_strings(char *const *v, int n);

/* ---- routes (routes.c) ---- */
/* Dispatches r (authenticated or not) and fills its response. */
void srv_route(srv_req *r);
/* Every route as "METHOD /v1/path/{param}" into fn, for the OpenAPI check. */
void srv_route_each(void (*fn)(const char *method, const char *pattern, const char *role, void *payload),
                    void *payload);

/* ---- sales routes (routes_sales.c; roles in routes.c's table) ---- */
void srv_h_leads(srv_req *r, char **p);
void srv_h_lead_post(srv_req *r, char **p);
void srv_h_lead_qualify(srv_req *r, char **p);
void srv_h_lead_disqualify(srv_req *r, char **p);
void srv_h_opportunities(srv_req *r, char **p);
void srv_h_opportunity(srv_req *r, char **p);
void srv_h_opportunity_stage(srv_req *r, char **p);
void srv_h_opportunity_win(srv_req *r, char **p);
void srv_h_opportunity_lose(srv_req *r, char **p);
void srv_h_pipeline(srv_req *r, char **p);
/* routes_marketing.c */
void srv_h_campaigns(srv_req *r, char **p);
void srv_h_campaign(srv_req *r, char **p);
void srv_h_campaign_post(srv_req *r, char **p);
void srv_h_campaign_status(srv_req *r, char **p);
void srv_h_response_post(srv_req *r, char **p);
void srv_h_response(srv_req *r, char **p);
void srv_h_response_convert(srv_req *r, char **p);
void srv_h_lists(srv_req *r, char **p);
void srv_h_list(srv_req *r, char **p);
void srv_h_list_post(srv_req *r, char **p);
void srv_h_list_member_post(srv_req *r, char **p);
void srv_h_list_member_delete(srv_req *r, char **p);
void srv_h_suppressions(srv_req *r, char **p);
void srv_h_suppression_post(srv_req *r, char **p);
void srv_h_suppression_delete(srv_req *r, char **p);
/* routes_queue.c: queues (items, pick, release, route, assign, rules) and SLA policies */
void srv_h_queue_item_post(srv_req *r, char **p);
void srv_h_queue_pick(srv_req *r, char **p);
void srv_h_queue_release(srv_req *r, char **p);
void srv_h_queue_route(srv_req *r, char **p);
void srv_h_queue_assign(srv_req *r, char **p);
void srv_h_queue_rule(srv_req *r, char **p);
void srv_h_queue_rule_post(srv_req *r, char **p);
void srv_h_sla_policies(srv_req *r, char **p);
void srv_h_sla_policy_post(srv_req *r, char **p);
void srv_h_relationship_refresh(srv_req *r, char **p);
/* A case's SLA now as JSON (due times and states), or JSON null when it has none. */
json_t *srv_case_sla_json(srv_req *r, int64_t case_id);

/* ---- the saved plan's score (routes_score.c) ---- */
void srv_h_score(srv_req *r, char **p);
/* A score as JSON: cost, placed/total, goals (each with its items, at most
 * `top` shown) and, when s->has_bound, the plan's bound, gap and together. */
json_t *srv_score_json(const ordo_score *s, int top);

/* ---- schedule jobs (jobs.c) ---- */
void srv_jobs_post(srv_req *r);
void srv_jobs_get(srv_req *r, const char *id);
void srv_jobs_wait_all(ordo_server *s);
void srv_jobs_free(ordo_server *s);

/* ---- embedded files (assets.c, generated) ---- */
typedef struct srv_asset {
    const char *path;              /* "/", "/app.js", "/v1/openapi.json" */
    const char *type;
    const unsigned char *data;
    size_t len;
} srv_asset;
const srv_asset *srv_asset_find(const char *path);

double srv_clock(void);            /* monotonic seconds */

#endif
