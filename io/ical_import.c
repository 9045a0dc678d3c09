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
 * UTC removes an instance written with a TZID). Expansion stops past the
 * range end and after MAX_INSTANCES instances of one rule (a guard against
 * rules like FREQ=MINUTELY without an end).
 */
#include "io/ical_import.h"
#include "model/tz.h"

#include <errno.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILE_BYTES (64L * 1024 * 1024)
#define MAX_INSTANCES 100000
#define MAX_ZONES 32
#define DATE_KEY_BASE (INT64_MIN / 2)   /* keys of all-day instances: base + date */

typedef struct busy {
    int all_day;
    ordo_date d0, d1;           /* all-day: local dates [d0, d1) */
    ordo_utc start, end;        /* timed */
    char *reason;
} busy;

typedef struct zone_memo {
    char *tzid;
    const char *iana;           /* points into tzid, or NULL: use the VTIMEZONE */
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
    recur_key *ovr;             /* instances replaced by a RECURRENCE-ID event */
    size_t novr, cap_ovr;
    zone_memo zones[MAX_ZONES];
    int nzones;
    ordo_ical_import_result res;
    ordo_err *err;
} ctx;

static int oom(ctx *c) { return ordo__seterr(c->err, ORDO_ENOMEM, "%s: out of memory", c->name); }

static const char *uid_of(icalcomponent *ev)
{
    const char *uid = icalcomponent_get_uid(ev);
    return uid && *uid ? uid : "(no UID)";
}

/* ---- time ------------------------------------------------------------------ */

/* The IANA zone a TZID names (itself or a suffix after a '/'), or NULL. */
static int zone_of(ctx *c, const char *tzid, const char **iana)
{
    for (int i = 0; i < c->nzones; i++)
        if (strcmp(c->zones[i].tzid, tzid) == 0) {
            *iana = c->zones[i].iana;
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
        c->zones[c->nzones++].iana = found ? copy + (found - tzid) : NULL;
    }
    *iana = found;
    return ORDO_OK;
}

static ordo_date date_of(struct icaltimetype t) { return ordo_date_from_ymd(t.year, t.month, t.day); }

/* A DATE-TIME (or DATE: its local midnight at the site) as a UTC minute.
 * `tzid` is the property's TZID parameter or NULL. Seconds round down, or
 * up with round_up. */
static int to_utc(ctx *c, struct icaltimetype t, const char *tzid, int round_up, const char *uid, ordo_utc *out)
{
    int rc = ORDO_OK, extra = round_up && t.second > 0;
    ordo_date d = date_of(t);
    int minute = t.is_date ? 0 : t.hour * 60 + t.minute;
    const char *iana = NULL;
    if (!t.is_date && icaltime_is_utc(t)) {
        *out = (ordo_utc)d * ORDO_MIN_PER_DAY + minute + extra;
        return ORDO_OK;
    }
    if (!t.is_date && tzid) {
        ORDO_TRY(zone_of(c, tzid, &iana));
        if (!iana) {
            icaltimezone *z = c->cal ? icalcomponent_get_timezone(c->cal, tzid) : NULL;
            if (!z)
                return ordo__seterr(c->err, ORDO_EINPUT, "%s: event '%s': time zone '%s' is neither an "
                                    "IANA name nor defined by a VTIMEZONE in the file", c->name, uid, tzid);
            t.zone = z;
            time_t secs = icaltime_as_timet_with_zone(t, z);
            *out = (ordo_utc)(secs >= 0 ? secs / 60 : -((-secs + 59) / 60)) + (round_up && secs % 60 != 0);
            return ORDO_OK;
        }
    }
    if (ordo_tz_to_utc(iana ? iana : c->site_tz, d, minute, out) < 0)
        return ordo__seterr(c->err, ORDO_EINPUT, "%s: unknown time zone '%s'", c->name, iana ? iana : c->site_tz);
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
static int key_of(ctx *c, struct icaltimetype t, const char *tzid, const char *uid, int64_t *key)
{
    ordo_utc u;
    if (t.is_date) {
        *key = DATE_KEY_BASE + date_of(t);
        return ORDO_OK;
    }
    int rc = to_utc(c, t, tzid, 0, uid, &u);
    *key = u;
    return rc;
}

/* ---- rows -------------------------------------------------------------------- */

static int add_busy(ctx *c, const busy *b, const char *reason)
{
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
    struct icaltimetype dtstart;
    int all_day;
    int days;                   /* all-day: length in days */
    int64_t minutes;            /* timed: length in minutes */
} event_shape;

/* Add the instance starting at t (tzid: its TZID) if it overlaps the range;
 * `own_end` >= 0 overrides the length (an RDATE period). */
static int add_instance(ctx *c, const event_shape *e, struct icaltimetype t, const char *tzid, int64_t own_end_min)
{
    int rc = ORDO_OK;
    busy b = { 0 };
    if (e->all_day || t.is_date) {
        b.all_day = 1;
        b.d0 = date_of(t);
        b.d1 = b.d0 + (e->days > 0 ? e->days : 1);
        if (b.d0 < c->dhi && b.d1 > c->dlo)
            rc = add_busy(c, &b, e->summary);
        return rc;
    }
    ORDO_TRY(to_utc(c, t, tzid, 0, e->uid, &b.start));
    b.end = own_end_min >= 0 ? own_end_min : b.start + e->minutes;
    if (b.end > b.start && b.start < c->hi && b.end > c->lo)
        rc = add_busy(c, &b, e->summary);
done:
    return rc;
}

static int is_excluded(const int64_t *keys, size_t n, int64_t key)
{
    for (size_t i = 0; i < n; i++)
        if (keys[i] == key)
            return 1;
    return 0;
}

static int overridden(const ctx *c, const char *uid, int64_t key)
{
    for (size_t i = 0; i < c->novr; i++)
        if (c->ovr[i].key == key && strcmp(c->ovr[i].uid, uid) == 0)
            return 1;
    return 0;
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
        if (e->all_day) {
            e->days = date_of(end) - date_of(e->dtstart);
        } else {
            ordo_utc s, t;
            ORDO_TRY(to_utc(c, e->dtstart, e->tzid, 0, e->uid, &s));
            ORDO_TRY(to_utc(c, end, tzid_param(pe), 1, e->uid, &t));
            e->minutes = t - s;
        }
    } else if (pd) {
        int secs = icaldurationtype_as_int(icalproperty_get_duration(pd));
        e->days = secs / 86400;
        e->minutes = (secs + 59) / 60;
    }
    if ((e->all_day && e->days < 0) || (!e->all_day && e->minutes < 0))
        rc = ordo__seterr(c->err, ORDO_EINPUT, "%s: event '%s': it ends before it starts", c->name, e->uid);
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
        ORDO_TRY(key_of(c, icalproperty_get_exdate(p), tzid_param(p), e->uid, &ex[nex]));
        nex++;
    }
    ORDO_TRY(key_of(c, e->dtstart, e->tzid, e->uid, &k));
    int64_t first = k;
    if (!is_excluded(ex, nex, k) && !overridden(c, e->uid, k))
        ORDO_TRY(add_instance(c, e, e->dtstart, e->tzid, -1));
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_RRULE_PROPERTY)) {
        if (!(it = icalrecur_iterator_new(icalproperty_get_rrule(p), e->dtstart))) {
            rc = ordo__seterr(c->err, ORDO_EINPUT, "%s: event '%s': RRULE cannot be expanded", c->name, e->uid);
            goto done;
        }
        for (int n = 0; n < MAX_INSTANCES; n++) {
            struct icaltimetype t = icalrecur_iterator_next(it);
            ordo_utc u;
            if (icaltime_is_null_time(t))
                break;
            ORDO_TRY(key_of(c, t, e->tzid, e->uid, &k));
            u = t.is_date ? 0 : k;
            if ((t.is_date && date_of(t) >= c->dhi) || (!t.is_date && u >= c->hi))
                break;
            if (k == first || is_excluded(ex, nex, k) || overridden(c, e->uid, k))
                continue;
            ORDO_TRY(add_instance(c, e, t, e->tzid, -1));
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
        ORDO_TRY(key_of(c, t, tzid_param(p), e->uid, &k));
        if (k == first || is_excluded(ex, nex, k) || overridden(c, e->uid, k))
            continue;
        if (icaltime_is_null_time(rd.time) && !icaltime_is_null_time(rd.period.end)) {
            ordo_utc pe;
            ORDO_TRY(to_utc(c, rd.period.end, tzid_param(p), 1, e->uid, &pe));
            own_end = pe;
        }
        ORDO_TRY(add_instance(c, e, t, tzid_param(p), own_end));
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
        return ordo__seterr(c->err, ORDO_EINPUT, "%s: event '%s': no DTSTART", c->name, e.uid);
    e.dtstart = icalproperty_get_dtstart(ps);
    if (icaltime_is_null_time(e.dtstart) || !icaltime_is_valid_time(e.dtstart))
        return ordo__seterr(c->err, ORDO_EINPUT, "%s: event '%s': DTSTART is not a valid date or time",
                            c->name, e.uid);
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
        rc = add_instance(c, &e, e.dtstart, e.tzid, -1);
done:
    return rc;
}

/* First pass: instances that RECURRENCE-ID events replace. */
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
        ORDO_TRY(key_of(c, icalproperty_get_recurrenceid(p), tzid_param(p), uid_of(ev), &o->key));
        if (!(o->uid = ordo__strdup(uid_of(ev))))
            return oom(c);
        c->novr++;
    }
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
        if (icaltime_is_null_time(per.start))
            return ordo__seterr(c->err, ORDO_EINPUT, "%s: free/busy '%s': a FREEBUSY period without a start",
                                c->name, uid);
        ORDO_TRY(to_utc(c, per.start, NULL, 0, uid, &b.start));
        if (!icaltime_is_null_time(per.end))
            ORDO_TRY(to_utc(c, per.end, NULL, 1, uid, &b.end));
        else
            b.end = b.start + (icaldurationtype_as_int(per.duration) + 59) / 60;
        if (b.end < b.start)
            return ordo__seterr(c->err, ORDO_EINPUT, "%s: free/busy '%s': a period ends before it starts",
                                c->name, uid);
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
    size_t before = c->m->time_off.n;
    ordo_model_clear_time_off_for(c->m, c->r, source);
    c->res.replaced = (int)(before - c->m->time_off.n);
    for (size_t i = 0; i < c->n; i++) {
        const busy *b = &c->v[i];
        ordo_time_off t = { 0 };
        t.resource = c->r;
        t.reason = b->reason;
        t.source = (char *)source;
        if (b->all_day) {
            t.start_date = b->d0;
            t.end_date = b->d1;
        } else {
            to_local(c->site_tz, b->start, 0, &t.start_date, &t.start_min);
            to_local(c->site_tz, b->end, 1, &t.end_date, &t.end_min);
        }
        if ((rc = ordo_model_add_time_off(c->m, &t)) < 0)
            return oom(c);
        c->res.added++;
    }
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
    c.site_tz = m->resources.v[c.r].site >= 0 ? m->sites.v[m->resources.v[c.r].site].timezone : "UTC";
    c.dlo = o->from;
    c.dhi = o->to + 1;
    if (ordo_tz_to_utc(c.site_tz, c.dlo, 0, &c.lo) < 0 || ordo_tz_to_utc(c.site_tz, c.dhi, 0, &c.hi) < 0)
        return ordo__seterr(err, ORDO_EINPUT, "resource '%s': unknown time zone '%s'", m->resources.v[c.r].id,
                            c.site_tz);
    icalerror_set_errors_are_fatal(0);
    icalerror_clear_errno();
    root = icalparser_parse_string(text);
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
    rc = ordo_ical_import_text(m, text, path, o, out, err);
done:
    fclose(f);
    ordo__free(text);
    return rc;
}
