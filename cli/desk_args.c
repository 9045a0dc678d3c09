/*
 * desk_args.c — time values, id lists, printed instants and the
 * one-transaction database session of the service-desk commands
 * (desk_args.h). Local <-> UTC only through model/tz.h.
 */
#include "cli/desk_args.h"

#include "cli/args.h"
#include "cli/fsutil.h"
#include "model/rfc3339.h"
#include "model/tz.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int cli_parse_when(const char *s, int round_up, ordo_when *out)
{
    ordo_timeval tv;
    memset(out, 0, sizeof *out);
    if (ordo_timeval_parse(s, round_up, &tv) < 0)
        return -1;
    out->local = tv.local;
    out->date = tv.date;
    out->minute = tv.minute;
    out->utc = tv.utc;
    return 0;
}

int cli_when_exact(const char *cmd, const ordo_model *m, int site, const ordo_when *w, ordo_utc *out)
{
    if (!w->local) {
        *out = w->utc;
        return 0;
    }
    const char *tz = site >= 0 ? m->sites.v[site].timezone : "UTC";
    char text[17];
    ordo_datetime_format(w->date, w->minute, text);
    switch (ordo_tz_to_utc(tz, w->date, w->minute, out)) {
    case ORDO_LOCAL_OK:
        return 0;
    case ORDO_LOCAL_GAP:
        fprintf(stderr, "%s: %s does not exist in %s (the clocks go forward then); give a time that "
                "exists\n", cmd, text, tz);
        return -1;
    case ORDO_LOCAL_AMBIGUOUS: {
        char early[8], late[8];
        int offs[2] = { 0, 0 };
        ordo_tz_local_offsets(tz, w->date, w->minute, offs);
        ordo_offset_format(offs[0], early);
        ordo_offset_format(offs[1], late);
        fprintf(stderr, "%s: %s occurs twice in %s (the clocks go back then); add the offset: "
                "%s%s or %s%s\n", cmd, text, tz, text, early, text, late);
        return -1;
    }
    default:
        fprintf(stderr, "%s: site '%s': unknown time zone '%s'\n", cmd, m->sites.v[site].id, tz);
        return -1;
    }
}

int cli_parse_resources(const char *cmd, const ordo_model *m, const char *list, int *out, int *n, int max)
{
    char id[256];
    const char *p = list;
    while (p && *p) {
        size_t k = strcspn(p, ",;");
        if (k == 0 || k >= sizeof id) {
            fprintf(stderr, "%s: '%s': an empty or too long resource id\n", cmd, list);
            return -1;
        }
        memcpy(id, p, k);
        id[k] = '\0';
        int r = ordo_model_find_resource(m, id);
        if (r < 0) {
            fprintf(stderr, "%s: unknown resource '%s'\n", cmd, id);
            return -1;
        }
        if (*n >= max) {
            fprintf(stderr, "%s: more than %d resources given\n", cmd, max);
            return -1;
        }
        out[(*n)++] = r;
        p += k;
        if (*p)
            p++;
    }
    return 0;
}

void cli_format_instant(const ordo_model *m, int site, ordo_utc t, char out[32])
{
    ordo_date d = 0;
    int minute = 0;
    if (site < 0 || ordo_tz_to_local(m->sites.v[site].timezone, t, &d, &minute) < 0)
        ordo_rfc3339_format(t, 0, 1, out);
    else
        ordo_rfc3339_format(t, (int)((ordo_utc)d * ORDO_MIN_PER_DAY + minute - t), 0, out);
}

void cli_format_resources(const ordo_model *m, const int *res, int n, char *buf, size_t len)
{
    size_t at = 0;
    buf[0] = '\0';
    for (int k = 0; k < n && at < len; k++)
        at += (size_t)snprintf(buf + at, len - at, "%s%s", k ? "," : "", m->resources.v[res[k]].id);
}

static void print_store_error(const char *cmd, const char *db, const char *msg, int rc)
{
    if (!msg || !*msg)
        msg = ordo_strerror(rc);
    if (strstr(msg, db))
        fprintf(stderr, "%s: %s\n", cmd, msg);
    else
        fprintf(stderr, "%s: %s: %s\n", cmd, db, msg);
}

int cli_id_list_add(const char *cmd, const char *what, const char *list, cli_id_list *out)
{
    const char *p = list;
    while (p && *p) {
        size_t k = strcspn(p, ",;");
        if (k == 0 || k >= 256 || out->used + k + 1 > sizeof out->buf) {
            fprintf(stderr, "%s: '%s': an empty or too long %s id\n", cmd, list, what);
            return -1;
        }
        if (out->n >= CLI_ID_LIST_MAX) {
            fprintf(stderr, "%s: more than %d %ss given\n", cmd, CLI_ID_LIST_MAX, what);
            return -1;
        }
        char *id = out->buf + out->used;
        memcpy(id, p, k);
        id[k] = '\0';
        out->used += k + 1;
        out->ids[out->n++] = id;
        p += k;
        if (*p)
            p++;
    }
    return 0;
}

void cli_join_ids(char *const *ids, int n, char *buf, size_t len)
{
    size_t at = 0;
    buf[0] = '\0';
    for (int k = 0; k < n && at < len; k++)
        at += (size_t)snprintf(buf + at, len - at, "%s%s", k ? "," : "", ids[k]);
}

int cli_app_open(const char *cmd, const char *db, ordo_app **out)
{
    ordo_err err = { 0 };
    int rc = ordo_app_open(out, db, 1, &err);
    if (rc < 0)
        print_store_error(cmd, db, err.msg, rc);
    return cli_exit_code(rc);
}

int cli_app_fail(const char *cmd, ordo_app *app, int rc)
{
    const char *msg = ordo_app_errmsg(app);
    fprintf(stderr, "%s: %s\n", cmd, msg && *msg ? msg : ordo_strerror(rc));
    switch (rc) {
    case ORDO_EINVAL: return CLI_EXIT_USAGE;
    case ORDO_ENOTFOUND:
    case ORDO_EEXISTS: return CLI_EXIT_INPUT;
    default: return cli_exit_code(rc);
    }
}

int cli_app_svc_fail(const char *cmd, ordo_app *app, int rc)
{
    const char *msg = ordo_app_errmsg(app);
    int code;
    switch (rc) {
    case ORDO_ENOTFOUND:
    case ORDO_EEXISTS:
    case ORDO_EINVAL:
    case ORDO_EINPUT: code = CLI_EXIT_INPUT; break;
    default: code = cli_exit_code(rc);
    }
    fprintf(stderr, "%s: %s%s\n", cmd, msg && *msg ? msg : ordo_strerror(rc),
            code == CLI_EXIT_INPUT || code == CLI_EXIT_RULE ? "; nothing changed" : "");
    return code;
}

int64_t cli_now(void) { return (int64_t)time(NULL); }

int cli_slot_option(const char *cmd, const char *arg, int *out)
{
    long v;
    if (cli_parse_long(arg, 5, ORDO_MIN_PER_DAY, &v) < 0 || ORDO_MIN_PER_DAY % v != 0)
        return cli_usage_error(cmd, "--slot '%s': must be a whole number of minutes, at least 5, "
                               "dividing 1440", arg);
    *out = (int)v;
    return 0;
}

int cli_date_option(const char *cmd, const char *opt, const char *arg, ordo_date *out)
{
    if (cli_parse_date(arg, out) < 0)
        return cli_usage_error(cmd, "%s '%s': not a date (YYYY-MM-DD)", opt, arg);
    return 0;
}

