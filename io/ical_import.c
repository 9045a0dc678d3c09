/*
 * ical_import.c — busy times of an iCalendar file as one resource's time off
 * (ical_import.h). libical parses the file and expands RRULEs; every
 * wall-clock time whose TZID is an IANA zone goes through model/tz.h, other
 * TZIDs through the file's own VTIMEZONE (libical), floating times through
 * the resource's site zone.
 *
 * Invariants: the model is untouched until the whole file was read without
 * error; rows are built in a private list first. Recurrence instances are
 * matched to EXDATEs and RECURRENCE-IDs by a key: the UTC minute of a
 * timed instance, the local date of an all-day one (so an EXDATE written in
 * UTC removes an instance written with a TZID).
 *
 * Bounds (hostile input must end in well under a second with a message):
 * the file and every unfolded content line are capped before libical sees
 * them (we unfold the lines ourselves and hand libical one at a time, each
 * property tagged with its line number as parameter X-ORDO-LINE, so every
 * message names FILE:LINE and long lines cost linear time); a recurrence
 * starts near the range (whole periods skipped, when it has no COUNT) and
 * stops at its end (UNTIL clamped, which libical checks at every step, not
 * only at matches), and the steps libical will take — periods in the range
 * times the values its BY parts expand to — are counted against a budget
 * per file before it runs: FREQ=SECONDLY with BYMONTH is refused at once
 * instead of stepping through a year of seconds.
 */
#include "io/ical_import.h"
#include "model/tz.h"

#include <errno.h>
#include <libical/ical.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILE_BYTES (64L * 1024 * 1024)
#define MAX_LINE_BYTES (1L << 20)       /* one unfolded content line */
#define MAX_STEPS 200000L               /* recurrence steps libical may take, per file */
#define MAX_ROWS 20000                  /* busy periods kept, per file */
#define MAX_ZONES 32
#define MAX_WARNINGS 20                 /* printed; all are counted */
#define MAX_OFFSET_SECS (18 * 3600)     /* a VTIMEZONE offset beyond +-18:00 is not a real zone */
#define MAX_LENGTH_SECS (3660LL * 86400) /* an event longer than ten years is not a busy time */
#define LINE_PARAM "X-ORDO-LINE"
#define DATE_KEY_BASE (INT64_MIN / 2)   /* keys of all-day instances: base + date */
#define MARGIN_SECS (2 * 86400)         /* wall clock vs UTC, either way */
typedef struct busy {
    int all_day;
    int line;                   /* of the property it comes from */
    ordo_date d0, d1;           /* all-day: local dates [d0, d1) */
    ordo_utc start, end;        /* timed */
    char *reason;
} busy;

typedef struct zone_memo {
    char *tzid;
    const char *iana;           /* points into tzid, or NULL: use the VTIMEZONE */
    int checked;                /* the VTIMEZONE was checked */
} zone_memo;

typedef struct recur_key {
    char *uid;
    int64_t key;
} recur_key;

typedef struct ctx {
    ordo_model *m;
    int r;
    const char *name, *site_tz;
    ordo_utc lo, hi;            /* range, UTC */
    ordo_date dlo, dhi;         /* range, local dates [dlo, dhi) */
    icalcomponent *cal;         /* the VCALENDAR being read (its VTIMEZONEs) */
    busy *v;
    size_t n, cap;
    recur_key *ovr;             /* instances replaced by a RECURRENCE-ID event, sorted */
    size_t novr, cap_ovr;
    zone_memo zones[MAX_ZONES];
    int nzones;
    long steps;                 /* recurrence steps granted so far */
    unsigned char *fed;         /* bit per line: a property line handed to libical */
    size_t fed_cap;
    ordo_warn_fn warn;
    void *payload;
    ordo_ical_import_result res;
    ordo_err *err;
} ctx;

static int oom(ctx *c) { return ordo__seterr(c->err, ORDO_ENOMEM, "%s: out of memory", c->name); }

/* ORDO_EINPUT with "FILE:LINE: what" (or "FILE: what" when the line is unknown). */
static int fail(ctx *c, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(ctx *c, int line, const char *fmt, ...)
{
    char what[ORDO_ERRMSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (line > 0)
        return ordo__seterr(c->err, ORDO_EINPUT, "%s:%d: %s", c->name, line, what);
    return ordo__seterr(c->err, ORDO_EINPUT, "%s: %s", c->name, what);
}

/* A warning "FILE:LINE: what" to the caller's callback, counted in the result. */
static void warn(ctx *c, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void warn(ctx *c, int line, const char *fmt, ...)
{
    char what[ORDO_ERRMSG_MAX], msg[ORDO_ERRMSG_MAX + 512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (line > 0)
        snprintf(msg, sizeof msg, "%s:%d: %s", c->name, line, what);
    else
        snprintf(msg, sizeof msg, "%s: %s", c->name, what);
    if (c->warn && c->res.warnings < MAX_WARNINGS)
        c->warn(msg, c->payload);
    else if (c->warn && c->res.warnings == MAX_WARNINGS)
        c->warn("(more warnings not shown)", c->payload);
    c->res.warnings++;
}

static const char *uid_of(icalcomponent *ev)
{
    const char *uid = icalcomponent_get_uid(ev);
    return uid && *uid ? uid : "(no UID)";
}

/* The line a property came from (our X-ORDO-LINE parameter), or 0. */
static int line_of(icalproperty *p)
{
    for (icalparameter *x = p ? icalproperty_get_first_parameter(p, ICAL_X_PARAMETER) : NULL; x;
         x = icalproperty_get_next_parameter(p, ICAL_X_PARAMETER)) {
        const char *name = icalparameter_get_xname(x), *value = icalparameter_get_xvalue(x);
        if (name && value && strcmp(name, LINE_PARAM) == 0)
            return atoi(value);
    }
    return 0;
}

/* The first line of a component's own properties, or 0. */
static int comp_line(icalcomponent *comp)
{
    int best = 0;
    for (icalproperty *p = icalcomponent_get_first_property(comp, ICAL_ANY_PROPERTY); p;
         p = icalcomponent_get_next_property(comp, ICAL_ANY_PROPERTY)) {
        int l = line_of(p);
        if (l > 0 && (best == 0 || l < best))
            best = l;
    }
    return best;
}

/* ---- reading the text ------------------------------------------------------- */

static int utf8_ok(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char b = s[i];
        size_t k = b < 0x80 ? 0 : (b & 0xE0) == 0xC0 ? 1 : (b & 0xF0) == 0xE0 ? 2 : (b & 0xF8) == 0xF0 ? 3 : 9;
        if (k == 9 || (k > 0 && i + k >= n) || (k == 1 && b < 0xC2) || (k == 3 && b > 0xF4))
            return 0;
        for (size_t j = 1; j <= k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
        if (k == 2) {
            unsigned cp = ((unsigned)(b & 0x0F) << 12) | ((unsigned)(s[i + 1] & 0x3F) << 6);
            if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
                return 0;
        }
        if (k == 3) {
            unsigned cp = ((unsigned)(b & 0x07) << 18) | ((unsigned)(s[i + 1] & 0x3F) << 12);
            if (cp < 0x10000 || cp > 0x10FFFF)
                return 0;
        }
        i += k + 1;
    }
    return 1;
}

static int is_line(const char *buf, const char *what)
{
    return strcasecmp(buf, what) == 0;
}

static int mark_fed(ctx *c, int line)
{
    size_t byte = (size_t)line / 8;
    if (byte >= c->fed_cap) {
        size_t old = c->fed_cap;
        if (ORDO_GROW(c->fed, c->fed_cap, byte + 1) < 0)
            return oom(c);
        memset(c->fed + old, 0, c->fed_cap - old);
    }
    c->fed[byte] |= (unsigned char)(1u << (line % 8));
    return ORDO_OK;
}

/* Splits `text` into content lines (RFC 5545 3.1: a line break followed by
 * a space or a tab continues the line; CRLF, LF or CR end a line), checks
 * each (length, UTF-8), skips a VCALENDAR nested in another with a warning,
 * tags each property with its line and hands the lines to libical. *out is
 * the top component (an XROOT holding several), or NULL. */
static int parse(ctx *c, const char *text, icalcomponent **out)
{
    int rc = ORDO_OK, next_line = 1, depth = 0, skipping = 0, skip_line = 0, open_line = 0;
    char *buf = NULL;
    size_t cap = 0;
    icalcomponent *root = NULL;
    icalparser *p = icalparser_new();
    const char *s = text;
    *out = NULL;
    if (!p)
        return oom(c);
    if ((unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF)
        s += 3;
    while (*s) {
        int at = next_line;
        size_t n = 0;
        for (;;) {
            size_t k = strcspn(s, "\r\n");
            if (n + k > (size_t)MAX_LINE_BYTES) {
                rc = fail(c, at, "a line longer than %ld KiB (unfolded); calendar lines up to that are read",
                          MAX_LINE_BYTES / 1024);
                goto done;
            }
            if (ORDO_GROW(buf, cap, n + k + sizeof ";" LINE_PARAM "=" + 16) < 0) {
                rc = oom(c);
                goto done;
            }
            memcpy(buf + n, s, k);
            n += k;
            s += k;
            if (*s == '\r')
                s++;
            if (*s == '\n')
                s++;
            next_line++;
            if (*s != ' ' && *s != '\t')
                break;
            s++;                                    /* folded: the line goes on */
        }
        while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
            n--;
        buf[n] = '\0';
        if (n == 0)
            continue;
        if (!utf8_ok((const unsigned char *)buf, n)) {
            rc = fail(c, at, "not valid UTF-8; calendars are read as UTF-8 text");
            goto done;
        }
        if (is_line(buf, "BEGIN:VCALENDAR")) {
            if (skipping || depth > 0) {
                if (!skipping)
                    skip_line = at;
                skipping++;
                continue;
            }
            depth++;
            open_line = at;
        } else if (is_line(buf, "END:VCALENDAR")) {
            if (skipping) {
                if (--skipping == 0)
                    warn(c, skip_line, "a VCALENDAR inside another one (lines %d to %d) is skipped", skip_line, at);
                continue;
            }
            depth--;
        } else if (skipping) {
            continue;
        } else if (strncasecmp(buf, "BEGIN:", 6) != 0 && strncasecmp(buf, "END:", 4) != 0) {
            size_t name = strcspn(buf, ";:");
            if (buf[name]) {
                char tag[sizeof ";" LINE_PARAM "=" + 16];
                int k = snprintf(tag, sizeof tag, ";" LINE_PARAM "=%d", at);
                memmove(buf + name + k, buf + name, n - name + 1);
                memcpy(buf + name, tag, (size_t)k);
            }
            ORDO_TRY(mark_fed(c, at));
        }
        icalcomponent *comp = icalparser_add_line(p, buf);
        if (!comp)
            continue;
        if (!root) {
            root = comp;
        } else {
            if (icalcomponent_isa(root) != ICAL_XROOT_COMPONENT) {
                icalcomponent *x = icalcomponent_new(ICAL_XROOT_COMPONENT);
                if (!x) {
                    icalcomponent_free(comp);
                    rc = oom(c);
                    goto done;
                }
                icalcomponent_add_component(x, root);
                root = x;
            }
            icalcomponent_add_component(root, comp);
        }
    }
    if (skipping)
        warn(c, skip_line, "a VCALENDAR inside another one (from line %d, never closed) is skipped", skip_line);
    if (depth > 0) {
        rc = fail(c, open_line, "BEGIN:VCALENDAR is never closed (no END:VCALENDAR)");
        goto done;
    }
    *out = root;
    root = NULL;
done:
    if (root)
        icalcomponent_free(root);
    icalparser_free(p);
    ordo__free(buf);
    return rc;
}

static void clear_line(ctx *c, icalcomponent *comp)
{
    for (icalproperty *p = icalcomponent_get_first_property(comp, ICAL_ANY_PROPERTY); p;
         p = icalcomponent_get_next_property(comp, ICAL_ANY_PROPERTY)) {
        size_t l = (size_t)line_of(p);
        if (l > 0 && l / 8 < c->fed_cap)
            c->fed[l / 8] &= (unsigned char)~(1u << (l % 8));
    }
    for (icalcomponent *k = icalcomponent_get_first_component(comp, ICAL_ANY_COMPONENT); k;
         k = icalcomponent_get_next_component(comp, ICAL_ANY_COMPONENT))
        clear_line(c, k);
}

/* The next line handed to libical that left no property behind (the line
 * an X-LIC-ERROR stands for, in order), or 0. */
static int next_dropped_line(ctx *c, icalcomponent *root, size_t *cursor)
{
    if (*cursor == 0)
        clear_line(c, root);
    for (size_t bit = *cursor; bit < c->fed_cap * 8; bit++)
        if (c->fed[bit / 8] & (1u << (bit % 8))) {
            *cursor = bit + 1;
            return (int)bit;
        }
    *cursor = c->fed_cap * 8;
    return 0;
}

/* libical leaves an X-LIC-ERROR where it could not read a line: a value it
 * cannot parse (a FREEBUSY, an RRULE with FREQ=BOGUS or INTERVAL=0, a
 * date...) refuses the file; a property or parameter name that is not
 * iCalendar is skipped with a warning. */
static int find_errors(ctx *c, icalcomponent *root, icalcomponent *comp, size_t *cursor)
{
    int rc = ORDO_OK;
    for (icalproperty *p = icalcomponent_get_first_property(comp, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(comp, ICAL_XLICERROR_PROPERTY)) {
        icalparameter *t = icalproperty_get_first_parameter(p, ICAL_XLICERRORTYPE_PARAMETER);
        icalparameter_xlicerrortype type = t ? icalparameter_get_xlicerrortype(t) : ICAL_XLICERRORTYPE_NONE;
        const char *what = icalproperty_get_xlicerror(p);
        int line = next_dropped_line(c, root, cursor);
        if (type == ICAL_XLICERRORTYPE_PROPERTYPARSEERROR || type == ICAL_XLICERRORTYPE_PARAMETERNAMEPARSEERROR) {
            warn(c, line, "skipped: %s", what ? what : "unreadable line");
            continue;
        }
        return fail(c, line, "libical cannot read this line: %s", what ? what : "unreadable");
    }
    for (icalcomponent *k = icalcomponent_get_first_component(comp, ICAL_ANY_COMPONENT); k;
         k = icalcomponent_get_next_component(comp, ICAL_ANY_COMPONENT))
        ORDO_TRY(find_errors(c, root, k, cursor));
done:
    return rc;
}

/* ---- time ------------------------------------------------------------------ */

static ordo_date date_of(struct icaltimetype t) { return ordo_date_from_ymd(t.year, t.month, t.day); }

/* A date or date-time as read: a real day of a year 1900..9999, a time of
 * day 00:00:00..23:59:60. libical keeps what the text says (20260230,
 * T240000, month 13), which would otherwise roll over silently. */
static int check_time(ctx *c, struct icaltimetype t, icalproperty *p, const char *uid)
{
    const char *prop = p ? icalproperty_get_property_name(p) : "time";
    int line = line_of(p), y, mo, d;
    if (icaltime_is_null_time(t))
        return fail(c, line, "event '%s': %s: no date", uid, prop);
    if (t.year < 1900 || t.year > 9999)
        return fail(c, line, "event '%s': %s: year %d is outside 1900..9999", uid, prop, t.year);
    if (t.month < 1 || t.month > 12)
        return fail(c, line, "event '%s': %s: month %d does not exist", uid, prop, t.month);
    ordo_date_to_ymd(date_of(t), &y, &mo, &d);
    if (t.day < 1 || y != t.year || mo != t.month || d != t.day)
        return fail(c, line, "event '%s': %s: %04d-%02d-%02d is not a date", uid, prop, t.year, t.month, t.day);
    if (!t.is_date && (t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 || t.second < 0 || t.second > 60))
        return fail(c, line, "event '%s': %s: %02d:%02d:%02d is not a time of day (00:00:00 to 23:59:59)", uid, prop,
                    t.hour, t.minute, t.second);
    return ORDO_OK;
}

/* A duration in seconds (negative when it says so), or refused past ten years. */
static int duration_secs(ctx *c, struct icaldurationtype d, icalproperty *p, const char *uid, int64_t *out)
{
    int64_t s = (((int64_t)d.weeks * 7 + d.days) * 24 + d.hours) * 3600 + (int64_t)d.minutes * 60 + d.seconds;
    if (d.weeks > 10000 || d.days > 100000 || d.hours > 10000000 || d.minutes > 100000000 || s > MAX_LENGTH_SECS)
        return fail(c, line_of(p), "event '%s': a duration of more than ten years", uid);
    *out = d.is_neg ? -s : s;
    return ORDO_OK;
}

/* A VTIMEZONE we are about to rely on: STANDARD or DAYLIGHT rules, offsets
 * within +-18:00, rules that recur yearly (libical expands them from their
 * DTSTART; FREQ=SECONDLY there would step through centuries of seconds). */
static int check_zone(ctx *c, icaltimezone *z, const char *tzid, int line)
{
    icalcomponent *vtz = icaltimezone_get_component(z);
    int rules = 0;
    for (icalcomponent *s = vtz ? icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT) : NULL; s;
         s = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT)) {
        icalcomponent_kind k = icalcomponent_isa(s);
        if (k != ICAL_XSTANDARD_COMPONENT && k != ICAL_XDAYLIGHT_COMPONENT)
            continue;
        rules++;
        icalproperty *to = icalcomponent_get_first_property(s, ICAL_TZOFFSETTO_PROPERTY);
        icalproperty *from = icalcomponent_get_first_property(s, ICAL_TZOFFSETFROM_PROPERTY);
        if (!to)
            return fail(c, comp_line(s), "time zone '%s': a rule without TZOFFSETTO", tzid);
        int off[2] = { icalproperty_get_tzoffsetto(to), from ? icalproperty_get_tzoffsetfrom(from) : 0 };
        for (int i = 0; i < 2; i++)
            if (off[i] < -MAX_OFFSET_SECS || off[i] > MAX_OFFSET_SECS)
                return fail(c, line_of(i ? from : to), "time zone '%s': offset of %d hours; real zones lie "
                            "within -18:00..+18:00", tzid, off[i] / 3600);
        for (icalproperty *p = icalcomponent_get_first_property(s, ICAL_RRULE_PROPERTY); p;
             p = icalcomponent_get_next_property(s, ICAL_RRULE_PROPERTY)) {
            struct icalrecurrencetype r = icalproperty_get_rrule(p);
            if (r.freq != ICAL_YEARLY_RECURRENCE)
                return fail(c, line_of(p), "time zone '%s': a rule with FREQ=%s; zone rules recur yearly", tzid,
                            icalrecur_freq_to_string(r.freq) ? icalrecur_freq_to_string(r.freq) : "?");
        }
    }
    if (!rules)
        return fail(c, vtz ? comp_line(vtz) : line, "time zone '%s' has no STANDARD or DAYLIGHT rules", tzid);
    return ORDO_OK;
}

/* The IANA zone a TZID names (itself or a suffix after a '/'), or NULL. */
static int zone_of(ctx *c, const char *tzid, const char **iana, zone_memo **memo)
{
    *memo = NULL;
    for (int i = 0; i < c->nzones; i++)
        if (strcmp(c->zones[i].tzid, tzid) == 0) {
            *iana = c->zones[i].iana;
            *memo = &c->zones[i];
            return ORDO_OK;
        }
    const char *found = NULL;
    for (const char *p = tzid; p && !found; p = strchr(p, '/') ? strchr(p, '/') + 1 : NULL)
        if (*p && ordo_tz_valid(p))
            found = p;
    if (c->nzones < MAX_ZONES) {
        char *copy = ordo__strdup(tzid);
        if (!copy)
            return oom(c);
        c->zones[c->nzones].tzid = copy;
        c->zones[c->nzones].checked = 0;
        c->zones[c->nzones].iana = found ? copy + (found - tzid) : NULL;
        *memo = &c->zones[c->nzones++];
    }
    *iana = found;
    return ORDO_OK;
}

/* A DATE-TIME (or DATE: its local midnight at the site) as a UTC minute.
 * `p` is the property it comes from (its TZID parameter, its line). Seconds
 * round down, or up with round_up. */
static int to_utc(ctx *c, struct icaltimetype t, icalproperty *p, const char *tzid, int round_up, const char *uid,
                  ordo_utc *out)
{
    int rc = ORDO_OK, extra = round_up && t.second > 0;
    const char *iana = NULL;
    zone_memo *memo = NULL;
    ORDO_TRY(check_time(c, t, p, uid));
    ordo_date d = date_of(t);
    int minute = t.is_date ? 0 : t.hour * 60 + t.minute;
    if (!t.is_date && icaltime_is_utc(t)) {
        *out = (ordo_utc)d * ORDO_MIN_PER_DAY + minute + extra;
        return ORDO_OK;
    }
    if (!t.is_date && tzid) {
        ORDO_TRY(zone_of(c, tzid, &iana, &memo));
        if (!iana) {
            icaltimezone *z = c->cal ? icalcomponent_get_timezone(c->cal, tzid) : NULL;
            if (!z)
                return fail(c, line_of(p), "event '%s': time zone '%s' is neither an IANA name nor defined by a "
                            "VTIMEZONE in the file", uid, tzid);
            if (!memo || !memo->checked)
                ORDO_TRY(check_zone(c, z, tzid, line_of(p)));
            if (memo)
                memo->checked = 1;
            t.zone = z;
            time_t secs = icaltime_as_timet_with_zone(t, z);
            *out = (ordo_utc)(secs >= 0 ? secs / 60 : -((-secs + 59) / 60)) + (round_up && secs % 60 != 0);
            return ORDO_OK;
        }
    }
    if (ordo_tz_to_utc(iana ? iana : c->site_tz, d, minute, out) < 0)
        return fail(c, line_of(p), "unknown time zone '%s'", iana ? iana : c->site_tz);
    *out += extra;
done:
    return rc;
}

static const char *tzid_param(icalproperty *p)
{
    icalparameter *z = p ? icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER) : NULL;
    return z ? icalparameter_get_tzid(z) : NULL;
}

/* The matching key of an instance starting at t. */
static int key_of(ctx *c, struct icaltimetype t, icalproperty *p, const char *tzid, const char *uid, int64_t *key)
{
    ordo_utc u;
    if (t.is_date) {
        int rc = check_time(c, t, p, uid);
        *key = DATE_KEY_BASE + date_of(t);
        return rc;
    }
    int rc = to_utc(c, t, p, tzid, 0, uid, &u);
    *key = u;
    return rc;
}

/* ---- rows -------------------------------------------------------------------- */

static int add_busy(ctx *c, const busy *b, const char *reason)
{
    if (c->n >= MAX_ROWS)
        return fail(c, b->line, "more than %d busy periods in the range; import a shorter range (--from/--to)",
                    MAX_ROWS);
    if (ORDO_GROW(c->v, c->cap, c->n + 1) < 0)
        return oom(c);
    c->v[c->n] = *b;
    if (!(c->v[c->n].reason = ordo__strdup(reason && *reason ? reason : "busy")))
        return oom(c);
    c->n++;
    c->res.events++;
    return ORDO_OK;
}

/* Local date + minute of a UTC minute at the site; an end rounds up so a
 * time in a repeated hour still covers the whole busy time. */
static void to_local(const char *tz, ordo_utc u, int is_end, ordo_date *d, int *minute)
{
    ordo_utc back;
    ordo_tz_to_local(tz, u, d, minute);
    for (int guard = 0; is_end && guard < ORDO_MIN_PER_DAY; guard++) {
        if (ordo_tz_to_utc(tz, *d, *minute, &back) < 0 || back >= u)
            break;
        if (++*minute == ORDO_MIN_PER_DAY) {
            *minute = 0;
            ++*d;
        }
    }
}

/* ---- events ------------------------------------------------------------------ */

typedef struct event_shape {
    const char *uid, *summary, *tzid;
    icalproperty *start_prop;
    struct icaltimetype dtstart;
    int all_day;
    int days;                   /* all-day: length in days */
    int64_t minutes;            /* timed: length in minutes */
} event_shape;

/* Add the instance starting at t (property p: its TZID and line) if it
 * overlaps the range; `own_end` >= 0 overrides the length (an RDATE period). */
static int add_instance(ctx *c, const event_shape *e, struct icaltimetype t, icalproperty *p, const char *tzid,
                        int64_t own_end_min)
{
    int rc = ORDO_OK;
    busy b = { 0 };
    b.line = line_of(p);
    if (e->all_day || t.is_date) {
        b.all_day = 1;
        b.d0 = date_of(t);
        b.d1 = b.d0 + (e->days > 0 ? e->days : 1);
        if (b.d0 < c->dhi && b.d1 > c->dlo)
            rc = add_busy(c, &b, e->summary);
        return rc;
    }
    ORDO_TRY(to_utc(c, t, p, tzid, 0, e->uid, &b.start));
    b.end = own_end_min >= 0 ? own_end_min : b.start + e->minutes;
    if (b.end > b.start && b.start < c->hi && b.end > c->lo)
        rc = add_busy(c, &b, e->summary);
done:
    return rc;
}

static int cmp_key(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int cmp_recur(const void *a, const void *b)
{
    const recur_key *x = a, *y = b;
    return x->key != y->key ? (x->key > y->key) - (x->key < y->key) : strcmp(x->uid, y->uid);
}

static int is_excluded(const int64_t *keys, size_t n, int64_t key)
{
    return n && bsearch(&key, keys, n, sizeof *keys, cmp_key) != NULL;
}

static int overridden(const ctx *c, const char *uid, int64_t key)
{
    recur_key k = { (char *)uid, key };
    return c->novr && bsearch(&k, c->ovr, c->novr, sizeof *c->ovr, cmp_recur) != NULL;
}

/* Length of the event: DTEND, else DURATION, else a day / nothing. */
static int event_length(ctx *c, icalcomponent *ev, event_shape *e)
{
    int rc = ORDO_OK;
    icalproperty *pe = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY);
    icalproperty *pd = icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY);
    e->days = 1;
    e->minutes = 0;
    if (pe) {
        struct icaltimetype end = icalproperty_get_dtend(pe);
        ORDO_TRY(check_time(c, end, pe, e->uid));
        if (e->all_day) {
            e->days = date_of(end) - date_of(e->dtstart);
        } else {
            ordo_utc s, t;
            ORDO_TRY(to_utc(c, e->dtstart, e->start_prop, e->tzid, 0, e->uid, &s));
            ORDO_TRY(to_utc(c, end, pe, tzid_param(pe), 1, e->uid, &t));
            e->minutes = t - s;
        }
    } else if (pd) {
        int64_t secs = 0;
        ORDO_TRY(duration_secs(c, icalproperty_get_duration(pd), pd, e->uid, &secs));
        e->days = (int)(secs / 86400);
        e->minutes = (secs + 59) / 60;
    }
    if ((e->all_day && e->days < 0) || (!e->all_day && e->minutes < 0))
        rc = fail(c, line_of(pe ? pe : pd), "event '%s': it ends before it starts", e->uid);
    else if ((e->all_day && (int64_t)e->days * 86400 > MAX_LENGTH_SECS) || e->minutes * 60 > MAX_LENGTH_SECS)
        rc = fail(c, line_of(pe ? pe : pd), "event '%s': it lasts more than ten years", e->uid);
done:
    return rc;
}

/* Wall-clock seconds of a (checked) time's own fields, and back. libical
 * steps a rule on these fields, whatever the zone. */
static int64_t wall_of(struct icaltimetype t)
{
    return (int64_t)date_of(t) * 86400 + (t.is_date ? 0 : t.hour * 3600 + t.minute * 60 + t.second);
}

static struct icaltimetype wall_to(struct icaltimetype like, int64_t w)
{
    int64_t day = w >= 0 ? w / 86400 : -((-w + 86399) / 86400), s = w - day * 86400;
    ordo_date_to_ymd((ordo_date)day, &like.year, &like.month, &like.day);
    if (!like.is_date) {
        like.hour = (int)(s / 3600);
        like.minute = (int)(s / 60 % 60);
        like.second = (int)(s % 60);
    }
    return like;
}

static int by_count(const short *by, int size)
{
    int n = 0;
    while (n < size && by[n] != ICAL_RECURRENCE_ARRAY_MAX)
        n++;
    return n;
}

/* BYMONTH with BYMONTHDAY that no listed month has (Feb 30): libical would
 * search up to the year 20000 for the first instance. */
static int f_never(const struct icalrecurrencetype *r)
{
    static const int len[13] = { 0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int nm = by_count(r->by_month, ICAL_BY_MONTH_SIZE), nd = by_count(r->by_month_day, ICAL_BY_MONTHDAY_SIZE), most = 0;
    if (!nm || !nd)
        return 0;
    for (int i = 0; i < nm; i++)
        if (r->by_month[i] >= 1 && r->by_month[i] <= 12 && len[r->by_month[i]] > most)
            most = len[r->by_month[i]];
    for (int i = 0; i < nd; i++)
        if (abs(r->by_month_day[i]) <= most)
            return 0;
    return 1;
}

/* Before libical runs rule *r from *start: checks it, moves the start to the
 * last whole period before the range (no COUNT: the instances before it
 * cannot reach the range), clamps UNTIL to the range end, and counts the
 * steps libical will take against the file's budget. */
static int plan_rule(ctx *c, icalproperty *p, struct icalrecurrencetype *r, const event_shape *e,
                     struct icaltimetype *start)
{
    static const int64_t unit[] = { 1, 60, 3600, 86400, 7 * 86400 };
    static const char *const names[] = { "SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY" };
    int rc = ORDO_OK, line = line_of(p);
    if (r->freq < ICAL_SECONDLY_RECURRENCE || r->freq > ICAL_YEARLY_RECURRENCE)
        return fail(c, line, "event '%s': RRULE without a known FREQ", e->uid);
    if (r->interval < 1)
        return fail(c, line, "event '%s': RRULE INTERVAL=%d; it must be at least 1", e->uid, r->interval);
    if (!icaltime_is_null_time(r->until))
        ORDO_TRY(check_time(c, r->until, p, e->uid));
    if (f_never(r))
        return fail(c, line, "event '%s': RRULE never occurs (no listed month has the listed BYMONTHDAY)", e->uid);
    int64_t length = e->all_day ? (int64_t)e->days * 86400 : e->minutes * 60;
    int64_t lo = (int64_t)c->lo * 60 - MARGIN_SECS - length, hi = (int64_t)c->hi * 60 + MARGIN_SECS;
    int64_t s = wall_of(*start), end = hi;
    if (!icaltime_is_null_time(r->until) && wall_of(r->until) < end)
        end = wall_of(r->until);
    else
        r->until = wall_to(*start, hi);            /* same zone and kind as DTSTART */
    int f = r->freq - ICAL_SECONDLY_RECURRENCE;
    if (r->count == 0 && f <= 4 && s < lo) {
        int64_t period = unit[f] * r->interval;
        *start = wall_to(*start, s + (lo - s) / period * period);
        s = wall_of(*start);
    }
    /* periods in [s, end], times what the BY parts finer than FREQ expand each to */
    double periods = end <= s ? 1
                     : f <= 4 ? (double)(end - s) / (double)(unit[f] * r->interval) + 1
                     : f == 5 ? (double)(end - s) / (28.0 * 86400 * r->interval) + 1
                              : (double)(end - s) / (365.0 * 86400 * r->interval) + 1;
    double mult = 1;
    int nsec = by_count(r->by_second, ICAL_BY_SECOND_SIZE), nmin = by_count(r->by_minute, ICAL_BY_MINUTE_SIZE);
    int nhour = by_count(r->by_hour, ICAL_BY_HOUR_SIZE);
    if (f > 0 && nsec)
        mult *= nsec;
    if (f > 1 && nmin)
        mult *= nmin;
    if (f > 2 && nhour)
        mult *= nhour;
    mult *= f == 4 ? 7 : f == 5 ? 31 : f == 6 ? 366 : 1;
    double steps = periods * mult;
    int filters = by_count(r->by_month, ICAL_BY_MONTH_SIZE) || by_count(r->by_month_day, ICAL_BY_MONTHDAY_SIZE) ||
                  by_count(r->by_year_day, ICAL_BY_YEARDAY_SIZE) || by_count(r->by_week_no, ICAL_BY_WEEKNO_SIZE) ||
                  by_count(r->by_day, ICAL_BY_DAY_SIZE) || by_count(r->by_set_pos, ICAL_BY_SETPOS_SIZE) ||
                  (f < 2 && nhour) || (f < 1 && nmin);
    if (r->count > 0 && !filters && (double)r->count < steps)
        steps = r->count;
    if (steps > (double)(MAX_STEPS - c->steps))
        return fail(c, line, "event '%s': RRULE FREQ=%s%s takes about %.0f steps to expand over the range; a file "
                    "may take %ld (a FREQ finer than the rule needs, or a range too long)", e->uid, names[f],
                    r->count > 0 ? " with COUNT" : "", steps, MAX_STEPS);
    c->steps += (long)steps + 1;
done:
    return rc;
}

/* Expand a recurring master: DTSTART, RRULEs, RDATEs, minus EXDATEs and
 * the instances that RECURRENCE-ID events replace. */
static int expand(ctx *c, icalcomponent *ev, const event_shape *e)
{
    int rc = ORDO_OK;
    int64_t *ex = NULL, k;
    size_t nex = 0, cap = 0;
    icalrecur_iterator *it = NULL;
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY)) {
        if (ORDO_GROW(ex, cap, nex + 1) < 0) {
            rc = oom(c);
            goto done;
        }
        ORDO_TRY(key_of(c, icalproperty_get_exdate(p), p, tzid_param(p), e->uid, &ex[nex]));
        nex++;
    }
    if (nex)
        qsort(ex, nex, sizeof *ex, cmp_key);
    ORDO_TRY(key_of(c, e->dtstart, e->start_prop, e->tzid, e->uid, &k));
    int64_t first = k;
    if (!is_excluded(ex, nex, k) && !overridden(c, e->uid, k))
        ORDO_TRY(add_instance(c, e, e->dtstart, e->start_prop, e->tzid, -1));
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_RRULE_PROPERTY)) {
        struct icalrecurrencetype r = icalproperty_get_rrule(p);
        struct icaltimetype start = e->dtstart;
        ORDO_TRY(plan_rule(c, p, &r, e, &start));
        icalerror_clear_errno();
        if (!(it = icalrecur_iterator_new(r, start))) {
            rc = fail(c, line_of(p), "event '%s': RRULE cannot be expanded (libical: %s)", e->uid,
                      icalerror_strerror(icalerrno));
            goto done;
        }
        for (long n = 0; n < MAX_STEPS; n++) {
            struct icaltimetype t = icalrecur_iterator_next(it);
            ordo_utc u;
            if (icaltime_is_null_time(t))
                break;
            ORDO_TRY(key_of(c, t, e->start_prop, e->tzid, e->uid, &k));
            u = t.is_date ? 0 : k;
            if ((t.is_date && date_of(t) >= c->dhi) || (!t.is_date && u >= c->hi))
                break;
            if (k == first || is_excluded(ex, nex, k) || overridden(c, e->uid, k))
                continue;
            ORDO_TRY(add_instance(c, e, t, p, e->tzid, -1));
        }
        icalrecur_iterator_free(it);
        it = NULL;
    }
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_RDATE_PROPERTY)) {
        struct icaldatetimeperiodtype rd = icalproperty_get_rdate(p);
        struct icaltimetype t = icaltime_is_null_time(rd.time) ? rd.period.start : rd.time;
        int64_t own_end = -1;
        if (icaltime_is_null_time(t))
            continue;
        ORDO_TRY(key_of(c, t, p, tzid_param(p), e->uid, &k));
        if (k == first || is_excluded(ex, nex, k) || overridden(c, e->uid, k))
            continue;
        if (icaltime_is_null_time(rd.time) && !icaltime_is_null_time(rd.period.end)) {
            ordo_utc pe;
            ORDO_TRY(to_utc(c, rd.period.end, p, tzid_param(p), 1, e->uid, &pe));
            own_end = pe;
        }
        ORDO_TRY(add_instance(c, e, t, p, tzid_param(p), own_end));
    }
done:
    if (it)
        icalrecur_iterator_free(it);
    ordo__free(ex);
    return rc;
}

static int skip_event(icalcomponent *ev)
{
    icalproperty *tr = icalcomponent_get_first_property(ev, ICAL_TRANSP_PROPERTY);
    icalproperty *st = icalcomponent_get_first_property(ev, ICAL_STATUS_PROPERTY);
    return (st && icalproperty_get_status(st) == ICAL_STATUS_CANCELLED) ||
           (tr && icalproperty_get_transp(tr) == ICAL_TRANSP_TRANSPARENT);
}

static int read_event(ctx *c, icalcomponent *ev)
{
    int rc = ORDO_OK;
    event_shape e = { 0 };
    icalproperty *ps = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
    int is_override = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY) != NULL;
    e.uid = uid_of(ev);
    e.summary = icalcomponent_get_summary(ev);
    if (skip_event(ev)) {
        c->res.skipped++;
        return ORDO_OK;
    }
    if (!ps)
        return fail(c, comp_line(ev), "event '%s': no DTSTART", e.uid);
    e.start_prop = ps;
    e.dtstart = icalproperty_get_dtstart(ps);
    if (icaltime_is_null_time(e.dtstart) || !icaltime_is_valid_time(e.dtstart))
        return fail(c, line_of(ps), "event '%s': DTSTART is not a valid date or time", e.uid);
    ORDO_TRY(check_time(c, e.dtstart, ps, e.uid));
    e.tzid = tzid_param(ps);
    e.all_day = e.dtstart.is_date;
    ORDO_TRY(event_length(c, ev, &e));
    if (!e.all_day && e.minutes == 0) {
        c->res.skipped++;                       /* a moment blocks nothing */
        return ORDO_OK;
    }
    if (!is_override && (icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY) ||
                         icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY)))
        rc = expand(c, ev, &e);
    else
        rc = add_instance(c, &e, e.dtstart, ps, e.tzid, -1);
done:
    return rc;
}

/* First pass: instances that RECURRENCE-ID events replace (sorted). */
static int collect_overrides(ctx *c, icalcomponent *cal)
{
    int rc = ORDO_OK;
    for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        icalproperty *p = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY);
        if (!p)
            continue;
        if (ORDO_GROW(c->ovr, c->cap_ovr, c->novr + 1) < 0)
            return oom(c);
        recur_key *o = &c->ovr[c->novr];
        ORDO_TRY(key_of(c, icalproperty_get_recurrenceid(p), p, tzid_param(p), uid_of(ev), &o->key));
        if (!(o->uid = ordo__strdup(uid_of(ev))))
            return oom(c);
        c->novr++;
    }
    if (c->novr)
        qsort(c->ovr, c->novr, sizeof *c->ovr, cmp_recur);
done:
    return rc;
}

static int read_freebusy(ctx *c, icalcomponent *fb)
{
    int rc = ORDO_OK;
    /* read before the loop: a property lookup restarts the component's
     * property iterator */
    const char *uid = uid_of(fb);
    for (icalproperty *p = icalcomponent_get_first_property(fb, ICAL_FREEBUSY_PROPERTY); p;
         p = icalcomponent_get_next_property(fb, ICAL_FREEBUSY_PROPERTY)) {
        icalparameter *t = icalproperty_get_first_parameter(p, ICAL_FBTYPE_PARAMETER);
        icalparameter_fbtype type = t ? icalparameter_get_fbtype(t) : ICAL_FBTYPE_BUSY;
        if (type == ICAL_FBTYPE_FREE) {
            c->res.skipped++;
            continue;
        }
        struct icalperiodtype per = icalproperty_get_freebusy(p);
        busy b = { 0 };
        b.line = line_of(p);
        if (icaltime_is_null_time(per.start))
            return fail(c, b.line, "free/busy '%s': a FREEBUSY period without a start", uid);
        ORDO_TRY(to_utc(c, per.start, p, NULL, 0, uid, &b.start));
        if (!icaltime_is_null_time(per.end)) {
            ORDO_TRY(to_utc(c, per.end, p, NULL, 1, uid, &b.end));
        } else {
            int64_t secs = 0;
            ORDO_TRY(duration_secs(c, per.duration, p, uid, &secs));
            b.end = b.start + (secs + 59) / 60;
        }
        if (b.end < b.start)
            return fail(c, b.line, "free/busy '%s': a period ends before it starts", uid);
        const char *why = type == ICAL_FBTYPE_BUSYUNAVAILABLE ? "busy-unavailable"
                          : type == ICAL_FBTYPE_BUSYTENTATIVE ? "busy-tentative" : "busy";
        if (b.end > b.start && b.start < c->hi && b.end > c->lo)
            ORDO_TRY(add_busy(c, &b, why));
    }
done:
    return rc;
}

static int read_calendar(ctx *c, icalcomponent *cal)
{
    int rc = ORDO_OK;
    c->cal = cal;
    ORDO_TRY(collect_overrides(c, cal));
    for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
        ORDO_TRY(read_event(c, ev));
    for (icalcomponent *fb = icalcomponent_get_first_component(cal, ICAL_VFREEBUSY_COMPONENT); fb;
         fb = icalcomponent_get_next_component(cal, ICAL_VFREEBUSY_COMPONENT))
        ORDO_TRY(read_freebusy(c, fb));
done:
    return rc;
}

/* ---- into the model ------------------------------------------------------------ */

static int apply(ctx *c, const char *source)
{
    int rc = ORDO_OK;
    const ordo_date first = ordo_date_from_ymd(1900, 1, 1), last = ordo_date_from_ymd(9999, 12, 31);
    ordo_time_off *rows = NULL;
    if (c->n && !(rows = ordo__calloc(c->n, sizeof *rows)))
        return oom(c);
    for (size_t i = 0; i < c->n; i++) {         /* every row checked before the model changes */
        const busy *b = &c->v[i];
        ordo_time_off *t = &rows[i];
        t->resource = c->r;
        t->reason = b->reason;
        t->source = (char *)source;
        if (b->all_day) {
            t->start_date = b->d0;
            t->end_date = b->d1;
        } else {
            to_local(c->site_tz, b->start, 0, &t->start_date, &t->start_min);
            to_local(c->site_tz, b->end, 1, &t->end_date, &t->end_min);
        }
        if (t->start_date < first || t->end_date > last) {
            rc = fail(c, b->line, "a busy period reaching outside years 1900..9999");
            goto done;
        }
    }
    size_t before = c->m->time_off.n;
    ordo_model_clear_time_off_for(c->m, c->r, source);
    c->res.replaced = (int)(before - c->m->time_off.n);
    for (size_t i = 0; i < c->n; i++) {
        if (ordo_model_add_time_off(c->m, &rows[i]) < 0) {
            rc = oom(c);
            goto done;
        }
        c->res.added++;
    }
done:
    ordo__free(rows);
    return rc;
}

static void ctx_clear(ctx *c)
{
    for (size_t i = 0; i < c->n; i++)
        ordo__free(c->v[i].reason);
    ordo__free(c->v);
    for (size_t i = 0; i < c->novr; i++)
        ordo__free(c->ovr[i].uid);
    ordo__free(c->ovr);
    for (int i = 0; i < c->nzones; i++)
        ordo__free(c->zones[i].tzid);
    ordo__free(c->fed);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

int ordo_ical_import_text(ordo_model *m, const char *text, const char *name,
                          const ordo_ical_import_options *o, ordo_ical_import_result *out, ordo_err *err)
{
    int rc = ORDO_OK, fatal = icalerror_get_errors_are_fatal(), found = 0;
    ctx c = { 0 };
    icalcomponent *root = NULL;
    size_t cursor = 0;
    if (out)
        memset(out, 0, sizeof *out);
    if (!m || !text || !name || !o || o->version != ORDO_ICAL_IMPORT_OPTIONS_VERSION || o->resource < 0 ||
        (size_t)o->resource >= m->resources.n || o->from > o->to)
        return ordo__seterr(err, ORDO_EINVAL, "iCal import: no model, text or resource, or the range "
                            "ends before it starts");
    const char *source = o->source && *o->source ? o->source : base_name(name);
    c.m = m;
    c.r = o->resource;
    c.name = name;
    c.err = err;
    c.warn = o->warn;
    c.payload = o->payload;
    c.site_tz = m->resources.v[c.r].site >= 0 ? m->sites.v[m->resources.v[c.r].site].timezone : "UTC";
    c.dlo = o->from;
    c.dhi = o->to + 1;
    if (ordo_tz_to_utc(c.site_tz, c.dlo, 0, &c.lo) < 0 || ordo_tz_to_utc(c.site_tz, c.dhi, 0, &c.hi) < 0)
        return ordo__seterr(err, ORDO_EINPUT, "resource '%s': unknown time zone '%s'", m->resources.v[c.r].id,
                            c.site_tz);
    icalerror_set_errors_are_fatal(0);
    icalerror_clear_errno();
    ORDO_TRY(parse(&c, text, &root));
    if (root)
        ORDO_TRY(find_errors(&c, root, root, &cursor));
    if (root && icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) {
        found = 1;
        ORDO_TRY(read_calendar(&c, root));
    } else if (root) {
        for (icalcomponent *cal = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT); cal;
             cal = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT)) {
            found = 1;
            ORDO_TRY(read_calendar(&c, cal));
        }
    }
    if (!found) {
        rc = ordo__seterr(err, ORDO_EINPUT, "%s: not an iCalendar file (no BEGIN:VCALENDAR)", name);
        goto done;
    }
    ORDO_TRY(apply(&c, source));
    if (out)
        *out = c.res;
done:
    if (root)
        icalcomponent_free(root);
    if (rc < 0 && out)
        out->warnings = c.res.warnings;
    ctx_clear(&c);
    icalerror_clear_errno();
    icalerror_set_errors_are_fatal(fatal);
    return rc;
}

int ordo_ical_import_file(ordo_model *m, const char *path, const ordo_ical_import_options *o,
                          ordo_ical_import_result *out, ordo_err *err)
{
    int rc = ORDO_OK;
    char *text = NULL;
    long size = 0;
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f)
        return ordo__seterr(err, ORDO_EIO, "%s: cannot open: %s", path ? path : "(null)", strerror(errno));
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        rc = ordo__seterr(err, ORDO_EIO, "%s: cannot read: %s", path, strerror(errno));
        goto done;
    }
    if (size > MAX_FILE_BYTES) {
        rc = ordo__seterr(err, ORDO_EINPUT, "%s: %ld bytes; calendars up to %ld bytes are read", path, size,
                          MAX_FILE_BYTES);
        goto done;
    }
    if (!(text = ordo__malloc((size_t)size + 1))) {
        rc = ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory", path);
        goto done;
    }
    if (fread(text, 1, (size_t)size, f) != (size_t)size) {
        rc = ordo__seterr(err, ORDO_EIO, "%s: cannot read: %s", path, strerror(errno));
        goto done;
    }
    text[size] = '\0';
    if (strlen(text) != (size_t)size) {
        rc = ordo__seterr(err, ORDO_EINPUT, "%s: a NUL byte at offset %zu; a calendar is text", path, strlen(text));
        goto done;
    }
    rc = ordo_ical_import_text(m, text, path, o, out, err);
done:
    fclose(f);
    ordo__free(text);
    return rc;
}
