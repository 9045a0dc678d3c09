/*
 * encode.c — responses: JSON bodies (jansson) for results and errors, in
 * the shapes of shared/spec/http-api.md. Every error body is
 * {"error":{"code","message"[,"field"]}}.
 */
#include "server/server_int.h"
#include "server/decode.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void srv_reply_bytes(srv_req *r, int status, const char *type, char *bytes, size_t n, int is_static)
{
    if (r->out && !r->out_static)
        ordo__free(r->out);
    r->status = status;
    r->content_type = type;
    r->out = bytes;
    r->outlen = n;
    r->out_static = is_static;
}

void srv_reply_json(srv_req *r, int status, json_t *j)
{
    char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
    char *copy = NULL;
    size_t n = text ? strlen(text) : 0;
    json_decref(j);
    if (text && (copy = ordo__malloc(n + 2))) {
        memcpy(copy, text, n);
        copy[n] = '\n';
        copy[n + 1] = '\0';
    }
    free(text);
    if (!copy) {
        static const char oom[] = "{\"error\":{\"code\":\"internal\",\"message\":\"out of memory\"}}\n";
        srv_reply_bytes(r, 500, "application/json", (char *)oom, sizeof oom - 1, 1);
        return;
    }
    srv_reply_bytes(r, status, "application/json", copy, n + 1, 0);
}

void srv_reply_error(srv_req *r, int status, const char *code, const char *field, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_t *e = json_pack("{s:s,s:s}", "code", code, "message", msg);
    if (e && field && *field)
        json_object_set_new(e, "field", json_string(field));
    srv_reply_json(r, status, e ? json_pack("{s:o}", "error", e) : NULL);
}

void srv_reply_app_error(srv_req *r, int rc)
{
    const char *msg = ordo_app_errmsg(r->app), *field = ordo_app_errfield(r->app);
    if (!msg || !*msg)
        msg = ordo_strerror(rc);
    switch (rc) {
    case ORDO_EINVAL:
    case ORDO_EINPUT:
        srv_reply_error(r, 400, "invalid_input", field, "%s", msg);
        break;
    case ORDO_ENOTFOUND:
        srv_reply_error(r, 404, "not_found", field, "%s", msg);
        break;
    case ORDO_EEXISTS:
        srv_reply_error(r, 409, "conflict", field, "%s", msg);
        break;
    case ORDO_ERULE:
        if (strcmp(field, "start") == 0 || strcmp(field, "resources") == 0)
            srv_reply_error(r, 409, "conflict", field, "%s", msg);
        else
            srv_reply_error(r, 422, "rule", field, "%s", msg);
        break;
    case ORDO_EBUSY:
        r->retry_after = 1;
        srv_reply_error(r, 503, "busy", NULL, "%s", msg);
        break;
    default:
        srv_reply_error(r, 500, "internal", NULL, "%s", msg);
        break;
    }
}

json_t *srv_json_time(const ordo_app_time *t) { return json_string(t->text); }

json_t *srv_json_strings(char *const *v, int n)
{
    json_t *a = json_array();
    for (int i = 0; a && i < n; i++)
        json_array_append_new(a, json_string(v[i]));
    return a;
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

json_t *srv_json_booking(const ordo_app_booking *b)
{
    json_t *j = json_object();
    if (!j)
        return NULL;
    json_object_set_new(j, "id", json_string(b->id ? b->id : ""));
    json_object_set_new(j, "session", json_integer(b->session));
    json_object_set_new(j, "uid", json_string(b->uid));
    json_object_set_new(j, "sequence", json_integer(b->sequence));
    json_object_set_new(j, "kind", json_string(b->is_booking ? "booking" : "session"));
    json_object_set_new(j, "course", str_or_null(b->course));
    json_object_set_new(j, "title", str_or_null(b->title));
    json_object_set_new(j, "service", str_or_null(b->service));
    json_object_set_new(j, "customer", str_or_null(b->customer));
    json_object_set_new(j, "start", b->placed ? srv_json_time(&b->start) : json_null());
    json_object_set_new(j, "end", b->placed ? srv_json_time(&b->end) : json_null());
    json_object_set_new(j, "site", str_or_null(b->site));
    json_object_set_new(j, "resources", srv_json_strings(b->resources, b->nresources));
    json_object_set_new(j, "participants", json_integer(b->participants));
    json_object_set_new(j, "status", json_string(ordo_session_status_name(b->status)));
    json_object_set_new(j, "conflict", json_boolean(b->conflict));
    if (b->number > 0) {          /* reads only: "session k/N" as bookings.csv and the calendars */
        json_object_set_new(j, "number", json_integer(b->number));
        json_object_set_new(j, "count", json_integer(b->count));
    }
    json_object_set_new(j, "reason", str_or_null(b->reason));
    return j;
}

/* ---- helpers of the route files ------------------------------------------------------ */

json_t *srv_opt_str(const char *s) { return s && *s ? json_string(s) : json_null(); }

int srv_in_fail(srv_req *r, srv_in *in)
{
    srv_reply_error(r, 400, "invalid_input", in->field, "%s", in->msg);
    return ORDO_EINVAL;
}

int srv_parse_body(srv_req *r, srv_in *in, int empty_ok)
{
    return srv_in_parse(in, r->body ? r->body : "", r->len, empty_ok) < 0 ? srv_in_fail(r, in) : ORDO_OK;
}

int srv_path_id(srv_req *r, const char *text, const char *what, int64_t *out)
{
    char *end = NULL;
    long long v = strtoll(text ? text : "", &end, 10);
    if (!text || !*text || *end || v <= 0) {
        srv_reply_error(r, 404, "not_found", NULL, "%s '%s' does not exist", what, text ? text : "");
        return ORDO_ENOTFOUND;
    }
    *out = v;
    return ORDO_OK;
}
