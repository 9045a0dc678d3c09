/*
 * ical_export.c — RFC 5545 calendars, one per resource (resource-<id>.ics)
 * and one per course (course-<id>.ics), written with libical.
 *
 * Which events: PLANNED and DONE sessions (STATUS:CONFIRMED); sessions that
 * were placed once and are now CANCELLED or UNSCHEDULED (start or end set)
 * as STATUS:CANCELLED, so subscribers drop them; never-placed sessions are
 * left out. A file is written for every resource and course that has at
 * least one such event (a VCALENDAR must hold a component, and cancelled
 * events keep a once-used resource's file alive); others get no file.
 *
 * Each file: VERSION 2.0, PRODID, CALSCALE GREGORIAN (no METHOD: iTIP's PUBLISH forbids the ATTENDEEs we list); one
 * VTIMEZONE per zone used (io/ical_tz.c); events in DTSTART then UID order,
 * each with UID ordo-session-<id>@ordo, DTSTAMP (stored, UTC), SEQUENCE
 * (stored), DTSTART/DTEND;TZID=<IANA> in the site's local time (UTC when the
 * session has no site), SUMMARY "Title (session k/N)", LOCATION (room names,
 * else the site name), CATEGORIES (service name; libical writes commas in it
 * unescaped, so a name with a comma reads as several categories), STATUS, and
 * one ATTENDEE per resource (CN=name, CUTYPE, mailto:email or
 * urn:ordo:resource:<id>). Nothing comes from the clock or a random source,
 * so re-exporting an unchanged plan gives byte-identical files. libical's
 * serializer does CRLF and 75-octet folding; files are replaced atomically.
 */
#include "io/ical_export.h"
#include "io/ical_tz.h"
#include "io/out_file.h"
#include "io/plan_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PRODID "-//ordo//ordo 0.1//EN"

typedef struct ical_event {
    size_t session;
    ordo_utc start;
    int site;                   /* -1: times written in UTC */
    int cancelled;
    char uid[48];
} ical_event;

typedef struct ical_ctx {
    const ordo_model *m;
    ordo__numbering num;
    ical_event *events;         /* every exported event, DTSTART then UID order */
    size_t nevents;
    const char *dir;
    ordo_err *err;
} ical_ctx;

/* The UTC calendar date of instant t (floor division, also before 1970). */
static ordo_date utc_date(ordo_utc t)
{
    return (ordo_date)(t >= 0 ? t / ORDO_MIN_PER_DAY : -((-t + ORDO_MIN_PER_DAY - 1) / ORDO_MIN_PER_DAY));
}

static int cmp_event(const void *pa, const void *pb)
{
    const ical_event *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return strcmp(a->uid, b->uid);
}

static int collect_events(ical_ctx *c)
{
    const ordo_model *m = c->m;
    if (!(c->events = ordo__calloc(m->sessions.n + 1, sizeof *c->events)))
        return ordo__seterr(c->err, ORDO_ENOMEM, "out of memory");
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *s = &m->sessions.v[i];
        if (!ordo__session_has_times(s))
            continue;
        if (s->id <= 0)
            return ordo__seterr(c->err, ORDO_EINVAL,
                                "session %d of course index %d: no stable id yet (save the plan first)",
                                s->ordinal + 1, s->course);
        if (s->end <= s->start)
            return ordo__seterr(c->err, ORDO_EINVAL, "session %lld: end is not after start",
                                (long long)s->id);
        ical_event *e = &c->events[c->nevents++];
        e->session = i;
        e->start = s->start;
        e->site = ordo__session_site(m, s);
        e->cancelled = !ordo__session_is_placed(s);
        snprintf(e->uid, sizeof e->uid, "ordo-session-%lld@ordo", (long long)s->id);
    }
    qsort(c->events, c->nevents, sizeof *c->events, cmp_event);
    return ORDO_OK;
}

/* DTSTART or DTEND: local time with TZID=<IANA name>, or UTC without a site. */
static int add_time(icalcomponent *ev, const ical_ctx *c, int site, ordo_utc t, int is_start)
{
    int rc = ORDO_OK;
    icaltimetype tt = icaltime_null_time();
    ordo_date d = utc_date(t);
    int minute = (int)(t - (ordo_utc)d * ORDO_MIN_PER_DAY);
    if (site >= 0)
        ORDO_TRY(ordo__site_local(c->m, site, t, &d, &minute, c->err));
    ordo_date_to_ymd(d, &tt.year, &tt.month, &tt.day);
    tt.hour = minute / 60;
    tt.minute = minute % 60;
    if (site < 0)
        tt = icaltime_set_timezone(&tt, icaltimezone_get_utc_timezone());
    icalproperty *p = is_start ? icalproperty_new_dtstart(tt) : icalproperty_new_dtend(tt);
    if (site >= 0)
        icalproperty_add_parameter(p, icalparameter_new_tzid(c->m->sites.v[site].timezone));
    icalcomponent_add_property(ev, p);
done:
    return rc;
}

static icalparameter_cutype cutype_of(ordo_kind k)
{
    return k == ORDO_PERSON ? ICAL_CUTYPE_INDIVIDUAL : k == ORDO_ROOM ? ICAL_CUTYPE_ROOM
                                                                        : ICAL_CUTYPE_RESOURCE;
}

static void add_attendees(icalcomponent *ev, const ordo_model *m, const ordo_session *s,
                          ordo__outbuf *scratch)
{
    for (int k = 0; k < s->nresources; k++) {
        const ordo_resource *r = &m->resources.v[s->resources[k]];
        scratch->len = 0;
        if (r->kind == ORDO_PERSON && r->email && *r->email)
            ordo__outbuf_printf(scratch, "mailto:%s", r->email);
        else
            ordo__outbuf_printf(scratch, "urn:ordo:resource:%s", r->id);
        if (scratch->failed)
            return;
        icalproperty *p = icalproperty_new_attendee(scratch->data);
        icalproperty_add_parameter(p, icalparameter_new_cn(r->name && *r->name ? r->name : r->id));
        icalproperty_add_parameter(p, icalparameter_new_cutype(cutype_of(r->kind)));
        icalcomponent_add_property(ev, p);
    }
}

/* Room names joined by ", ", else the site's name; "" when neither. */
static void location_of(ordo__outbuf *out, const ordo_model *m, const ordo_session *s, int site)
{
    out->len = 0;
    ordo__outbuf_puts(out, "");                 /* data is "" even when nothing follows */
    for (int k = 0; k < s->nresources; k++) {
        const ordo_resource *r = &m->resources.v[s->resources[k]];
        if (r->kind != ORDO_ROOM)
            continue;
        if (out->len > 0)
            ordo__outbuf_puts(out, ", ");
        ordo__outbuf_puts(out, r->name && *r->name ? r->name : r->id);
    }
    if (out->len == 0 && site >= 0)
        ordo__outbuf_puts(out, m->sites.v[site].name ? m->sites.v[site].name : m->sites.v[site].id);
}

static int build_event(icalcomponent **out, const ical_ctx *c, const ical_event *e)
{
    int rc = ORDO_OK;
    const ordo_model *m = c->m;
    const ordo_session *s = &m->sessions.v[e->session];
    ordo__outbuf scratch = { 0 };
    char *summary = NULL;
    icalcomponent *ev = icalcomponent_new_vevent();
    if (!ev || !(summary = ordo__session_summary(m, &c->num, e->session))) {
        rc = ordo__seterr(c->err, ORDO_ENOMEM, "out of memory");
        goto done;
    }
    icalcomponent_add_property(ev, icalproperty_new_uid(e->uid));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(icaltime_from_timet_with_zone(
        (time_t)s->dtstamp, 0, icaltimezone_get_utc_timezone())));
    icalcomponent_add_property(ev, icalproperty_new_sequence(s->sequence));
    ORDO_TRY(add_time(ev, c, e->site, s->start, 1));
    ORDO_TRY(add_time(ev, c, e->site, s->end, 0));
    icalcomponent_add_property(ev, icalproperty_new_summary(summary));
    location_of(&scratch, m, s, e->site);
    if (scratch.len > 0)
        icalcomponent_add_property(ev, icalproperty_new_location(scratch.data));
    if (s->course >= 0) {
        const ordo_service *svc = &m->services.v[m->courses.v[s->course].service];
        icalcomponent_add_property(ev, icalproperty_new_categories(svc->name ? svc->name : svc->id));
    }
    icalcomponent_add_property(ev, icalproperty_new_status(e->cancelled ? ICAL_STATUS_CANCELLED
                                                                        : ICAL_STATUS_CONFIRMED));
    add_attendees(ev, m, s, &scratch);
    if (scratch.failed) {
        rc = ordo__seterr(c->err, ORDO_ENOMEM, "out of memory");
        goto done;
    }
    *out = ev;
    ev = NULL;
done:
    if (ev)
        icalcomponent_free(ev);
    ordo__free(summary);
    ordo__outbuf_clear(&scratch);
    return rc;
}

/* Which events a file holds: those of one resource, or of one course. */
typedef struct ical_target {
    const char *prefix;         /* "resource" or "course" */
    int resource, course;       /* the one that is >= 0 selects */
} ical_target;

static int event_in(const ical_ctx *c, const ical_event *e, const ical_target *t)
{
    const ordo_session *s = &c->m->sessions.v[e->session];
    if (t->course >= 0)
        return s->course == t->course;
    for (int k = 0; k < s->nresources; k++)
        if (s->resources[k] == t->resource)
            return 1;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* One VTIMEZONE per distinct zone of the selected events, in name order,
 * each from the year (UTC) of the file's earliest event. */
static int add_timezones(icalcomponent *cal, const ical_ctx *c, const ical_target *t)
{
    int rc = ORDO_OK;
    const char **zones = ordo__calloc(c->nevents + 1, sizeof *zones);
    size_t nz = 0;
    int year = 0, month, day;
    if (!zones) {
        rc = ordo__seterr(c->err, ORDO_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < c->nevents; i++) {
        const ical_event *e = &c->events[i];
        if (e->site < 0 || !event_in(c, e, t))
            continue;
        if (nz == 0)                    /* events are in start order */
            ordo_date_to_ymd(utc_date(e->start), &year, &month, &day);
        zones[nz++] = c->m->sites.v[e->site].timezone;
    }
    qsort(zones, nz, sizeof *zones, cmp_str);
    for (size_t i = 0; i < nz; i++) {
        if (i > 0 && strcmp(zones[i], zones[i - 1]) == 0)
            continue;
        icalcomponent *vtz = NULL;
        ORDO_TRY(ordo__ical_vtimezone(&vtz, zones[i], year, c->err));
        icalcomponent_add_component(cal, vtz);
    }
done:
    ordo__free(zones);
    return rc;
}

/* The calendar of target t as text (*text, libical's buffer: free with
 * icalmemory_free_buffer), or NULL when it has no event and !always. */
static int render_calendar(const ical_ctx *c, const ical_target *t, const char *what, int always, char **text)
{
    int rc = ORDO_OK;
    icalcomponent *cal = NULL;
    size_t first = 0;
    *text = NULL;
    while (first < c->nevents && !event_in(c, &c->events[first], t))
        first++;
    if (first == c->nevents && !always)
        goto done;                      /* no event: no file */
    if (!(cal = icalcomponent_new_vcalendar())) {
        rc = ordo__seterr(c->err, ORDO_ENOMEM, "out of memory");
        goto done;
    }
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_prodid(PRODID));
    icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
    ORDO_TRY(add_timezones(cal, c, t));
    for (size_t i = first; i < c->nevents; i++) {
        if (!event_in(c, &c->events[i], t))
            continue;
        icalcomponent *ev = NULL;
        ORDO_TRY(build_event(&ev, c, &c->events[i]));
        icalcomponent_add_component(cal, ev);
    }
    if (icalerrno != ICAL_NO_ERROR) {
        rc = ordo__seterr(c->err, ORDO_EIO, "%s: libical: %s", what, icalerror_strerror(icalerrno));
        goto done;
    }
    if (!(*text = icalcomponent_as_ical_string_r(cal)) || icalerrno != ICAL_NO_ERROR) {
        rc = ordo__seterr(c->err, ORDO_EIO, "%s: libical could not serialise the calendar: %s", what,
                          icalerror_strerror(icalerrno));
        goto done;
    }
done:
    if (rc < 0 && *text) {
        icalmemory_free_buffer(*text);
        *text = NULL;
    }
    if (cal)
        icalcomponent_free(cal);
    return rc;
}

static int write_calendar(const ical_ctx *c, const ical_target *t, const char *id, int *written)
{
    int rc = ORDO_OK;
    char *name = NULL, *path = NULL, *text = NULL;
    ORDO_TRY(ordo__export_name(&name, t->prefix, id, ".ics", c->err));
    if (!(path = ordo__path_join(c->dir, name))) {
        rc = ordo__seterr(c->err, ORDO_ENOMEM, "out of memory");
        goto done;
    }
    ORDO_TRY(render_calendar(c, t, path, 0, &text));
    if (!text)
        goto done;
    ORDO_TRY(ordo__file_write_atomic(path, text, strlen(text), c->err));
    (*written)++;
done:
    if (text)
        icalmemory_free_buffer(text);
    ordo__free(name);
    ordo__free(path);
    return rc;
}

int ordo_ical_export(const ordo_model *m, const char *dir, int *out_files, ordo_err *err)
{
    int rc = ORDO_OK;
    int written = 0;
    int fatal = icalerror_get_errors_are_fatal();
    ical_ctx c = { .m = m, .dir = dir, .err = err };
    icalerror_set_errors_are_fatal(0);
    icalerror_clear_errno();
    if (!m || !dir) {
        rc = ordo__seterr(err, ORDO_EINVAL, "iCal export: no model or no folder");
        goto done;
    }
    ORDO_TRY(ordo__plan_check(m, err));
    ORDO_TRY(ordo__numbering_build(&c.num, m, err));
    ORDO_TRY(collect_events(&c));
    for (size_t r = 0; r < m->resources.n; r++) {
        ical_target t = { "resource", (int)r, -1 };
        ORDO_TRY(write_calendar(&c, &t, m->resources.v[r].id, &written));
    }
    for (size_t k = 0; k < m->courses.n; k++) {
        ical_target t = { "course", -1, (int)k };
        ORDO_TRY(write_calendar(&c, &t, m->courses.v[k].id, &written));
    }
done:
    if (out_files)
        *out_files = written;
    ordo__numbering_clear(&c.num);
    ordo__free(c.events);
    icalerror_clear_errno();
    icalerror_set_errors_are_fatal(fatal);
    return rc;
}

int ordo_ical_calendar(const ordo_model *m, const char *kind, const char *id, char **out, size_t *len,
                       ordo_err *err)
{
    int rc = ORDO_OK;
    int fatal = icalerror_get_errors_are_fatal();
    char *text = NULL;
    ical_ctx c = { .m = m, .err = err };
    ical_target t = { kind, -1, -1 };
    *out = NULL;
    *len = 0;
    icalerror_set_errors_are_fatal(0);
    icalerror_clear_errno();
    if (!m || !kind || !id) {
        rc = ordo__seterr(err, ORDO_EINVAL, "iCal calendar: no model, kind or id");
        goto done;
    }
    if (strcmp(kind, "resource") == 0) {
        for (size_t r = 0; r < m->resources.n && t.resource < 0; r++)
            if (strcmp(m->resources.v[r].id, id) == 0)
                t.resource = (int)r;
    } else if (strcmp(kind, "course") == 0) {
        for (size_t k = 0; k < m->courses.n && t.course < 0; k++)
            if (strcmp(m->courses.v[k].id, id) == 0)
                t.course = (int)k;
    }
    if (t.resource < 0 && t.course < 0) {
        rc = ordo__seterr(err, ORDO_ENOTFOUND, "no %s '%s'", kind, id);
        goto done;
    }
    ORDO_TRY(ordo__plan_check(m, err));
    ORDO_TRY(ordo__numbering_build(&c.num, m, err));
    ORDO_TRY(collect_events(&c));
    ORDO_TRY(render_calendar(&c, &t, id, 1, &text));
    *len = strlen(text);
    if (!(*out = ordo__malloc(*len + 1))) {
        rc = ordo__seterr(err, ORDO_ENOMEM, "out of memory");
        goto done;
    }
    memcpy(*out, text, *len + 1);
done:
    if (text)
        icalmemory_free_buffer(text);
    ordo__numbering_clear(&c.num);
    ordo__free(c.events);
    icalerror_clear_errno();
    icalerror_set_errors_are_fatal(fatal);
    return rc;
}
