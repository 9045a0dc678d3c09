/*
 * routes_score.c — GET /v1/score (an ordo extension, server/openapi.json):
 * the saved plan's cost by goal and by the courses, people, cohorts and
 * rooms causing it, each goal's own lower bound and the plan's whole bound
 * (app_score.h), as JSON; the same object is the "score" of a finished
 * schedule job (jobs.c), with the job's own bound.
 */
#include "server/server_int.h"

#include "app/app_score.h"
#include "model/date.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_TOP 10
static const char *const subjects[] = { "course", "person", "cohort", "room" };

static json_t *items_json(const ordo_score *s, int goal, int rooms, int top, int *count)
{
    json_t *arr = json_array();
    *count = 0;
    for (int i = 0; arr && i < s->nitems; i++) {
        const ordo_score_item *it = &s->items[i];
        if ((int)it->goal != goal || (it->subject == ORDO_SCORE_ROOM) != rooms)
            continue;
        if ((*count)++ < top)
            json_array_append_new(arr, json_pack("{s:s,s:s,s:f,s:f,s:s}", "subject", subjects[it->subject], "id",
                                                 it->id, "amount", it->amount, "cost", it->cost, "text", it->text));
    }
    return arr;
}

json_t *srv_score_json(const ordo_score *s, int top)
{
    char text[400];
    json_t *goals = json_array(), *j = NULL;
    double own = 0;
    for (int g = 0; goals && g < ORDO_GOAL_COUNT; g++) {
        const ordo_score_goal *sg = &s->goals[g];
        own += sg->bound;
        if (!sg->weight && sg->cost <= 0)
            continue;
        int nitems = 0, nrooms = 0;
        json_t *items = items_json(s, g, 0, top, &nitems), *rooms = items_json(s, g, 1, top, &nrooms);
        json_t *o = json_pack("{s:s,s:s,s:i,s:f,s:f,s:i,s:s,s:o,s:i}", "key", sg->key, "label",
                              ordo_score_goal_label((ordo_goal)g), "weight", sg->weight, "cost", sg->cost, "bound",
                              sg->bound, "count", sg->count, "text", sg->text, "items", items, "items_total", nitems);
        if (o && nrooms)   /* the capacity goal seen by room: the same cost again */
            json_object_set_new(o, "rooms", rooms);
        else
            json_decref(rooms);
        json_array_append_new(goals, o);
    }
    j = goals ? json_pack("{s:f,s:i,s:i,s:i,s:f,s:o}", "cost", s->total, "placed", s->placed, "total",
                          s->total_sessions, "unmatched", s->unmatched, "goals_bound", own, "goals", goals)
              : NULL;
    if (j && s->has_bound) {
        ordo_score_bound_text(s->total, s->bound, s->placed, s->total_sessions, s->bound_is_weak, text, sizeof text);
        json_object_set_new(j, "bound", json_real(s->bound));
        json_object_set_new(j, "bound_is_weak", json_boolean(s->bound_is_weak));
        json_object_set_new(j, "gap", json_real((s->total - s->bound) / (s->total > 1 ? s->total : 1)));
        json_object_set_new(j, "together", json_real(s->together));
        json_object_set_new(j, "bound_text", json_string(text));
    } else if (j) {
        json_object_set_new(j, "bound", json_null());
    }
    if (j && s->stability.key && s->stability.count + s->stability.weight > 0)
        json_object_set_new(j, "stability", json_pack("{s:i,s:f,s:f,s:i,s:s}", "weight", s->stability.weight,
                                                      "cost", s->stability.cost, "bound", s->stability.bound,
                                                      "moved", s->stability.count, "text", s->stability.text));
    return j;
}

/* time_limit: seconds > 0 capping the bound's time. */
static int query_seconds(srv_req *r, double *out)
{
    const char *v = srv_query(r, "time_limit");
    char *end = NULL;
    if (!v)
        return ORDO_OK;
    errno = 0;
    double x = strtod(v, &end);
    if (!*v || *end || errno || !isfinite(x) || x <= 0 || x > 3600) {
        srv_reply_error(r, 400, "invalid_input", "time_limit", "time_limit '%s': must be seconds, more than 0 and "
                        "at most 3600", v);
        return ORDO_EINVAL;
    }
    *out = x;
    return ORDO_OK;
}

void srv_h_score(srv_req *r, char **p)
{
    (void)p;
    ordo_app_score_req q = { srv_query(r, "from"), srv_query(r, "to"), 0, 1, 0 };
    ordo_app_plan_score out = { 0 };
    int top = DEFAULT_TOP, bound = 1;
    char from[11], to[11];
    if (srv_query_int(r, "slot", 1, 1440, &q.slot_minutes) < 0 || srv_query_int(r, "top", 0, 100000, &top) < 0 ||
        srv_query_int(r, "bound", 0, 1, &bound) < 0 || query_seconds(r, &q.time_limit_s) < 0)
        return;
    q.bound = bound;
    int rc = ordo_app_score(r->app, &q, &out);
    if (rc < 0) {
        srv_reply_app_error(r, rc);
        return;
    }
    json_t *j = srv_score_json(&out.score, top);
    ordo_date_format(out.from, from);
    ordo_date_format(out.to, to);
    if (j) {
        json_object_set_new(j, "from", json_string(from));
        json_object_set_new(j, "to", json_string(to));
        json_object_set_new(j, "slot", json_integer(out.slot_minutes));
        json_object_set_new(j, "seconds", json_real(out.seconds));
    }
    ordo_app_plan_score_clear(&out);
    srv_reply_json(r, 200, j);     /* NULL: 500 out of memory */
}
