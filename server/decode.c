/*
 * decode.c — JSON request bodies into app/ requests (decode.h). Strict:
 * unknown members, wrong types, empty required strings, strings with
 * control characters, lists too long and numbers out of range are refused
 * with the field named; jansson refuses invalid UTF-8 and NUL escapes.
 */
#include "server/decode.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int fail(srv_in *in, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(srv_in *in, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(in->msg, sizeof in->msg, fmt, ap);
    va_end(ap);
    snprintf(in->field, sizeof in->field, "%s", field ? field : "");
    return ORDO_EINVAL;
}

int srv_in_parse(srv_in *in, const char *body, size_t len, int empty_ok)
{
    json_error_t e;
    memset(in, 0, sizeof *in);
    size_t i = 0;
    while (i < len && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n'))
        i++;
    if (i == len) {
        if (!empty_ok)
            return fail(in, "", "the request needs a JSON object body");
        in->root = json_object();
        return in->root ? ORDO_OK : fail(in, "", "out of memory");
    }
    in->root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &e);
    if (!in->root)
        return fail(in, "", "malformed JSON at line %d, column %d: %s", e.line, e.column, e.text);
    if (!json_is_object(in->root)) {
        json_decref(in->root);
        in->root = NULL;
        return fail(in, "", "the body must be a JSON object");
    }
    return ORDO_OK;
}

void srv_in_free(srv_in *in)
{
    if (in && in->root) {
        json_decref(in->root);
        in->root = NULL;
    }
}

static int text_ok(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return 0;
    return 1;
}

static int take_str(srv_in *in, const char *field, json_t *v, const char **out)
{
    if (!json_is_string(v))
        return fail(in, field, "%s must be a string", field);
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    if (n == 0)
        return fail(in, field, "%s must not be empty", field);
    if (n > SRV_MAX_TEXT)
        return fail(in, field, "%s is longer than %d bytes", field, SRV_MAX_TEXT);
    if (strlen(s) != n || !text_ok(s))
        return fail(in, field, "%s holds a control character (line breaks, tabs and NUL are not allowed)", field);
    *out = s;
    return ORDO_OK;
}

int srv_in_str(srv_in *in, const char *key, int required, const char **out)
{
    json_t *v = json_object_get(in->root, key);
    if (!v || json_is_null(v))
        return required ? fail(in, key, "%s is required", key) : ORDO_OK;
    return take_str(in, key, v, out);
}

int srv_in_clearable(srv_in *in, const char *key, const char **out)
{
    json_t *v = json_object_get(in->root, key);
    if (v && json_is_null(v)) {
        *out = "";
        return ORDO_OK;
    }
    return v ? take_str(in, key, v, out) : ORDO_OK;
}

int srv_in_int(srv_in *in, const char *key, int required, long long lo, long long hi, long long *out)
{
    json_t *v = json_object_get(in->root, key);
    if (!v || json_is_null(v))
        return required ? fail(in, key, "%s is required", key) : ORDO_OK;
    if (!json_is_integer(v))
        return fail(in, key, "%s must be a whole number", key);
    long long x = json_integer_value(v);
    if (x < lo || x > hi)
        return fail(in, key, "%s = %lld: must be between %lld and %lld", key, x, lo, hi);
    *out = x;
    return ORDO_OK;
}

int srv_in_bool(srv_in *in, const char *key, int *out)
{
    json_t *v = json_object_get(in->root, key);
    if (!v || json_is_null(v))
        return ORDO_OK;
    if (!json_is_boolean(v))
        return fail(in, key, "%s must be true or false", key);
    *out = json_is_true(v);
    return ORDO_OK;
}

int srv_in_only(srv_in *in, const char *const *allowed)
{
    const char *key;
    json_t *v;
    json_object_foreach(in->root, key, v) {
        int ok = 0;
        for (const char *const *a = allowed; *a && !ok; a++)
            ok = strcmp(*a, key) == 0;
        if (!ok) {
            char shown[48];
            snprintf(shown, sizeof shown, "%.40s", key);
            return fail(in, shown, "unknown field '%s'", shown);
        }
    }
    return ORDO_OK;
}

/* An array of 1..SRV_MAX_LIST id strings into in->ids. */
static int id_list(srv_in *in, const char *key, int required, const char *const **out, int *n)
{
    json_t *v = json_object_get(in->root, key), *item;
    size_t i;
    if (!v || json_is_null(v))
        return required ? fail(in, key, "%s is required", key) : ORDO_OK;
    if (!json_is_array(v) || json_array_size(v) == 0)
        return fail(in, key, "%s must be a non-empty array of ids", key);
    if (json_array_size(v) > SRV_MAX_LIST)
        return fail(in, key, "%s has more than %d ids", key, SRV_MAX_LIST);
    json_array_foreach(v, i, item) {
        char f[64];
        snprintf(f, sizeof f, "%s[%zu]", key, i);
        if (take_str(in, f, item, &in->ids[i]) < 0)
            return ORDO_EINVAL;
    }
    *out = in->ids;
    *n = (int)json_array_size(v);
    return ORDO_OK;
}

#define TRY(x) do { if ((x) < 0) return ORDO_EINVAL; } while (0)

int srv_decode_book(srv_in *in, ordo_app_book_req *out)
{
    static const char *const allowed[] = { "service", "start", "resources", "participants", "customer",
                                           "title", "force", "site", NULL };
    long long participants = 0;
    TRY(srv_in_only(in, allowed));
    TRY(srv_in_str(in, "service", 1, &out->service));
    TRY(srv_in_str(in, "start", 1, &out->start));
    TRY(id_list(in, "resources", 1, &out->resources, &out->nresources));
    TRY(srv_in_int(in, "participants", 0, 1, 100000, &participants));
    TRY(srv_in_str(in, "customer", 0, &out->customer));
    TRY(srv_in_str(in, "title", 0, &out->title));
    TRY(srv_in_str(in, "site", 0, &out->site));
    TRY(srv_in_bool(in, "force", &out->force));
    out->participants = (int)participants;
    return ORDO_OK;
}

int srv_decode_reschedule(srv_in *in, ordo_app_reschedule_req *out)
{
    static const char *const allowed[] = { "start", "resources", "site", "force", NULL };
    TRY(srv_in_only(in, allowed));
    TRY(srv_in_str(in, "start", 1, &out->start));
    TRY(id_list(in, "resources", 0, &out->resources, &out->nresources));
    TRY(srv_in_str(in, "site", 0, &out->site));
    TRY(srv_in_bool(in, "force", &out->force));
    return ORDO_OK;
}

int srv_decode_schedule(srv_in *in, const char **from, const char **to, double *time_limit)
{
    static const char *const allowed[] = { "from", "to", "time_limit", NULL };
    long long limit = 0;
    TRY(srv_in_only(in, allowed));
    TRY(srv_in_str(in, "from", 1, from));
    TRY(srv_in_str(in, "to", 1, to));
    TRY(srv_in_int(in, "time_limit", 0, 1, 3600, &limit));
    *time_limit = (double)limit;
    return ORDO_OK;
}

int srv_decode_party(srv_in *in, int contact, ordo_app_party_req *out)
{
    static const char *const acc[] = { "id", "name", "relationship", "roles", "city", NULL };
    static const char *const con[] = { "id", "first_name", "last_name", "email", "account", "relationship",
                                       "roles", "city", "phone", NULL };
    TRY(srv_in_only(in, contact ? con : acc));
    TRY(srv_in_str(in, "id", 0, &out->id));
    TRY(srv_in_str(in, "relationship", 0, &out->relationship));
    TRY(srv_in_str(in, "roles", 0, &out->roles));
    TRY(srv_in_clearable(in, "city", &out->city));
    if (contact) {
        TRY(srv_in_str(in, "first_name", 0, &out->first_name));
        TRY(srv_in_str(in, "last_name", 0, &out->last_name));
        TRY(srv_in_clearable(in, "email", &out->email));
        TRY(srv_in_clearable(in, "account", &out->account));
        TRY(srv_in_clearable(in, "phone", &out->phone));
    } else {
        TRY(srv_in_str(in, "name", 0, &out->name));
    }
    return ORDO_OK;
}

int srv_decode_contract_add(srv_in *in, ordo_app_contract_add_req *out)
{
    static const char *const allowed[] = { "id", "customer", "start", "end", "hours", NULL };
    json_t *h;
    TRY(srv_in_only(in, allowed));
    TRY(srv_in_str(in, "id", 1, &out->id));
    TRY(srv_in_str(in, "customer", 1, &out->customer));
    TRY(srv_in_str(in, "start", 1, &out->start));
    TRY(srv_in_str(in, "end", 1, &out->end));
    h = json_object_get(in->root, "hours");
    if (h && json_is_number(h) && !json_is_integer(h))
        return fail(in, "hours", "hours must be a whole number or a string such as \"12.5\"");
    if (h && json_is_integer(h)) {
        long long x = json_integer_value(h);
        if (x < 0 || x > 1000000)
            return fail(in, "hours", "hours = %lld: must be between 0 and 1000000", x);
        /* the app takes hours as text: keep the number's text in the document */
        char buf[32];
        snprintf(buf, sizeof buf, "%lld", x);
        json_t *t = json_string(buf);
        if (!t || json_object_set_new(in->root, "hours", t) < 0)
            return fail(in, "hours", "out of memory");
    }
    TRY(srv_in_str(in, "hours", 0, &out->hours));
    return ORDO_OK;
}

int srv_decode_status(srv_in *in, const char **status)
{
    static const char *const allowed[] = { "status", NULL };
    TRY(srv_in_only(in, allowed));
    TRY(srv_in_str(in, "status", 1, status));
    return ORDO_OK;
}

int srv_decode_case_add(srv_in *in, ordo_app_case_add_req *out)
{
    static const char *const allowed[] = { "customer", "title", "product", "line", "contract", "priority",
                                           "origin", "opened", NULL };
    long long line = 0;
    TRY(srv_in_only(in, allowed));
    TRY(srv_in_str(in, "customer", 1, &out->customer));
    TRY(srv_in_str(in, "title", 1, &out->title));
    TRY(srv_in_str(in, "product", 0, &out->product));
    TRY(srv_in_int(in, "line", 0, 1, INT64_MAX, &line));
    TRY(srv_in_str(in, "contract", 0, &out->contract));
    TRY(srv_in_str(in, "priority", 0, &out->priority));
    TRY(srv_in_str(in, "origin", 0, &out->origin));
    TRY(srv_in_str(in, "opened", 0, &out->opened));
    out->line = line;
    return ORDO_OK;
}

int srv_decode_activity(srv_in *in, ordo_app_activity_req *out)
{
    static const char *const allowed[] = { "kind", "minutes", "subject", NULL };
    long long minutes = 0;
    TRY(srv_in_only(in, allowed));
    TRY(srv_in_str(in, "kind", 1, &out->kind));
    TRY(srv_in_int(in, "minutes", 1, 0, 100000, &minutes));
    TRY(srv_in_str(in, "subject", 0, &out->subject));
    out->minutes = minutes;
    return ORDO_OK;
}

int srv_decode_resolve(srv_in *in, ordo_app_resolve_req *out)
{
    static const char *const allowed[] = { "billable_minutes", "overdraft", NULL };
    long long billable = -1;
    TRY(srv_in_only(in, allowed));
    TRY(srv_in_int(in, "billable_minutes", 0, 0, 1000000, &billable));
    TRY(srv_in_bool(in, "overdraft", &out->overdraft));
    out->billable = billable;
    return ORDO_OK;
}

/* ---- sales (server/routes_sales.c) ---- */

int srv_decode_lead(srv_in *in, ordo_app_lead_req *out)
{
    static const char *const allowed[] = { "id", "topic", "first_name", "last_name", "company", "email", "phone",
                                           "parent_contact", "parent_account", "campaign", "channel", "rating",
                                           "owner", "score", NULL };
    long long score = out->score;
    TRY(srv_in_only(in, allowed));
    TRY(srv_in_str(in, "id", 1, &out->id));
    TRY(srv_in_str(in, "topic", 0, &out->topic));
    TRY(srv_in_str(in, "first_name", 0, &out->first_name));
    TRY(srv_in_str(in, "last_name", 0, &out->last_name));
    TRY(srv_in_str(in, "company", 0, &out->company));
    TRY(srv_in_str(in, "email", 0, &out->email));
    TRY(srv_in_str(in, "phone", 0, &out->phone));
    TRY(srv_in_str(in, "parent_contact", 0, &out->parent_contact));
    TRY(srv_in_str(in, "parent_account", 0, &out->parent_account));
    TRY(srv_in_str(in, "campaign", 0, &out->campaign));
    TRY(srv_in_str(in, "channel", 0, &out->channel));
    TRY(srv_in_str(in, "rating", 0, &out->rating));
    TRY(srv_in_str(in, "owner", 0, &out->owner));
    TRY(srv_in_int(in, "score", 0, 0, 100, &score));
    out->score = (int)score;
    return ORDO_OK;
}

int srv_decode_qualify(srv_in *in, ordo_app_qualify_req *out)
{
    static const char *const allowed[] = { "contact", "account", "create_new", "opportunity", "value",
                                           "close_date", "minutes", "service", NULL };
    long long value = out->value, minutes = out->minutes;
    TRY(srv_in_only(in, allowed));
    TRY(srv_in_str(in, "contact", 0, &out->contact));
    TRY(srv_in_str(in, "account", 0, &out->account));
    TRY(srv_in_bool(in, "create_new", &out->create_new));
    TRY(srv_in_str(in, "opportunity", 0, &out->opportunity));
    TRY(srv_in_int(in, "value", 0, 0, 1000000000000000LL, &value));
    TRY(srv_in_str(in, "close_date", 0, &out->close_date));
    TRY(srv_in_int(in, "minutes", 0, 0, 100000000, &minutes));
    TRY(srv_in_str(in, "service", 0, &out->service));
    out->value = value;
    out->minutes = (int)minutes;
    return ORDO_OK;
}

int srv_decode_win(srv_in *in, ordo_app_win_req *out)
{
    static const char *const allowed[] = { "reason", "date", "months", "sessions", "participants", NULL };
    long long months = out->months, sessions = out->sessions, participants = out->participants;
    TRY(srv_in_only(in, allowed));
    TRY(srv_in_str(in, "reason", 0, &out->reason));
    TRY(srv_in_str(in, "date", 0, &out->date));
    TRY(srv_in_int(in, "months", 0, 0, 600, &months));
    TRY(srv_in_int(in, "sessions", 0, 0, 100000, &sessions));
    TRY(srv_in_int(in, "participants", 0, 0, 100000, &participants));
    out->months = (int)months;
    out->sessions = (int)sessions;
    out->participants = (int)participants;
    return ORDO_OK;
}

int srv_decode_word(srv_in *in, const char *key, const char *optional, const char **word, const char **opt)
{
    const char *allowed[3] = { key, optional, NULL };
    TRY(srv_in_only(in, allowed));
    TRY(srv_in_str(in, key, 1, word));
    if (optional)
        TRY(srv_in_str(in, optional, 0, opt));
    return ORDO_OK;
}
