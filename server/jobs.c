/*
 * jobs.c — POST /v1/schedule runs the schedule use case in a thread of its
 * own (with its own app handle) and answers 202 with a job id at once;
 * GET /v1/jobs/{id} reports its state ("running", "done", "failed"), the
 * last progress report and, when done, the summary and the saved plan's
 * score (routes_score.c; its bound is the solve's). Jobs live in memory
 * for the server's lifetime; one schedule runs at a time per server (a
 * second POST while one runs gets 409 naming it).
 */
#include "server/server_int.h"

#include "model/date.h"
#include "server/decode.h"

#include <stdio.h>
#include <string.h>

#define SRV_JOB_SCORE_TOP 10   /* items shown per goal in a job's score */

struct srv_job {
    srv_job *next;
    ordo_server *srv;
    int id;
    pthread_t thread;
    int joined;
    /* guarded by srv->lock */
    const char *state;
    double elapsed, cost, bound;
    int placed, total;
    ordo_app_schedule_res res;
    json_t *score;                 /* the saved plan's score (routes_score.c), NULL if it failed */
    char error[1100];
    /* the request */
    ordo_app_schedule_req rq;
};

static void on_progress(double elapsed, int placed, int total, double cost, double bound, void *payload)
{
    srv_job *j = payload;
    pthread_mutex_lock(&j->srv->lock);
    j->elapsed = elapsed;
    j->placed = placed;
    j->total = total;
    j->cost = cost;
    j->bound = bound;
    pthread_mutex_unlock(&j->srv->lock);
}

static void *run(void *arg)
{
    srv_job *j = arg;
    ordo_app *a = NULL;
    ordo_err err = { 0 };
    ordo_app_schedule_res res;
    int rc;
    memset(&res, 0, sizeof res);
    json_t *score = NULL;
    if ((rc = ordo_app_open(&a, j->srv->db, 1, &err)) == ORDO_OK)
        rc = ordo_app_schedule(a, &j->rq, &res);
    if (rc == ORDO_OK) {
        /* the plan just saved, judged in the job's window, with the bound the
         * solve proved (not proved again); best effort: null if it fails */
        char from[11], to[11];
        ordo_app_plan_score sc = { 0 };
        ordo_date_format(j->rq.opts.from, from);
        ordo_date_format(j->rq.opts.to, to);
        ordo_app_score_req q = { from, to, j->rq.opts.slot_minutes, 0, 0 };
        if (ordo_app_score(a, &q, &sc) == ORDO_OK) {
            if (res.solve.prev > 0)
                ordo_score_set_replan(&sc.score, &res.solve);
            ordo_score_set_bound(&sc.score, res.solve.bound, res.solve.bound_is_weak);
            score = srv_score_json(&sc.score, SRV_JOB_SCORE_TOP);
        }
        ordo_app_plan_score_clear(&sc);
    }
    pthread_mutex_lock(&j->srv->lock);
    if (rc < 0) {
        j->state = "failed";
        snprintf(j->error, sizeof j->error, "%s", a ? ordo_app_errmsg(a) : err.msg);
    } else {
        j->state = "done";
        j->res = res;
        j->score = score;
    }
    pthread_mutex_unlock(&j->srv->lock);
    ordo_app_close(a);
    return NULL;
}

void srv_jobs_post(srv_req *r)
{
    srv_in in;
    const char *from = NULL, *to = NULL;
    double limit = 0;
    srv_job *j = NULL, *busy = NULL;
    ordo_date df = 0, dt = 0;
    if (srv_in_parse(&in, r->body ? r->body : "", r->len, 0) < 0 || srv_decode_schedule(&in, &from, &to, &limit) < 0) {
        srv_reply_error(r, 400, "invalid_input", in.field, "%s", in.msg);
        goto done;
    }
    if (ordo_date_parse(from, &df) < 0) {
        srv_reply_error(r, 400, "invalid_input", "from", "from '%s': not a date (YYYY-MM-DD)", from);
        goto done;
    }
    if (ordo_date_parse(to, &dt) < 0 || dt < df) {
        srv_reply_error(r, 400, "invalid_input", "to", "to '%s': not a date (YYYY-MM-DD) on or after from", to);
        goto done;
    }
    if (!(j = ordo__calloc(1, sizeof *j))) {
        srv_reply_error(r, 500, "internal", NULL, "out of memory");
        goto done;
    }
    j->srv = r->srv;
    j->rq.opts = (ordo_solve_options)ORDO_SOLVE_OPTIONS_INIT;
    j->rq.opts.from = df;
    j->rq.opts.to = dt;
    j->rq.opts.time_limit_s = limit > 0 ? limit : 60;
    j->rq.opts.progress = on_progress;
    j->rq.opts.payload = j;
    j->state = "running";
    pthread_mutex_lock(&r->srv->lock);
    for (srv_job *k = r->srv->jobs; k && !busy; k = k->next)
        if (strcmp(k->state, "running") == 0)
            busy = k;
    if (!busy) {
        j->id = r->srv->next_job++;
        if (pthread_create(&j->thread, NULL, run, j) == 0) {
            j->next = r->srv->jobs;
            r->srv->jobs = j;
        } else {
            j->id = 0;
        }
    }
    int busy_id = busy ? busy->id : 0, id = j->id;
    pthread_mutex_unlock(&r->srv->lock);
    if (busy_id) {
        srv_reply_error(r, 409, "conflict", NULL, "schedule job %d is still running", busy_id);
        ordo__free(j);
    } else if (!id) {
        srv_reply_error(r, 500, "internal", NULL, "could not start the schedule thread");
        ordo__free(j);
    } else {
        char sid[16];
        snprintf(sid, sizeof sid, "%d", id);
        srv_reply_json(r, 202, json_pack("{s:s}", "job", sid));
    }
done:
    srv_in_free(&in);
}

void srv_jobs_get(srv_req *r, const char *id)
{
    json_t *out = NULL;
    pthread_mutex_lock(&r->srv->lock);
    for (srv_job *j = r->srv->jobs; j && !out; j = j->next) {
        char sid[16];
        snprintf(sid, sizeof sid, "%d", j->id);
        if (strcmp(sid, id) != 0)
            continue;
        out = json_pack("{s:s,s:s,s:{s:f,s:i,s:i,s:f,s:f}}", "job", sid, "state", j->state, "progress", "elapsed_s",
                        j->elapsed, "placed", j->placed, "total", j->total, "cost", j->cost, "bound", j->bound);
        if (out && strcmp(j->state, "done") == 0) {
            const ordo_solve_result *s = &j->res.solve;
            json_object_set_new(out, "summary",
                                json_pack("{s:i,s:i,s:f,s:f,s:f,s:b,s:i,s:i,s:i,s:i}", "placed", s->placed, "total",
                                          s->total, "cost", s->cost, "bound", s->bound, "gap", s->gap,
                                          "bound_is_weak", s->bound_is_weak, "written", j->res.written, "clashed",
                                          j->res.clashed, "skipped", j->res.skipped, "completed",
                                          j->res.completed));
            json_object_set_new(out, "score", j->score ? json_deep_copy(j->score) : json_null());
        } else if (out) {
            json_object_set_new(out, "summary", json_null());
            json_object_set_new(out, "score", json_null());
        }
        if (out && strcmp(j->state, "failed") == 0)
            json_object_set_new(out, "error", json_string(j->error));
    }
    pthread_mutex_unlock(&r->srv->lock);
    if (out)
        srv_reply_json(r, 200, out);
    else
        srv_reply_error(r, 404, "not_found", "id", "no job '%s'", id);
}

void srv_jobs_wait_all(ordo_server *s)
{
    for (srv_job *j = s->jobs; j; j = j->next)
        if (!j->joined) {
            pthread_join(j->thread, NULL);
            j->joined = 1;
        }
}

void srv_jobs_free(ordo_server *s)
{
    while (s->jobs) {
        srv_job *j = s->jobs;
        s->jobs = j->next;
        json_decref(j->score);
        ordo__free(j);
    }
}
