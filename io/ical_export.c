/*
 * ical_export.c — RFC 5545 calendars, one per resource (resource-<id>.ics)
 * and one per course (course-<id>.ics), written with libical.
 *
 * Which events: PLANNED and DONE sessions (STATUS:CONFIRMED); sessions that
 * were placed once and are now CANCELLED or UNSCHEDULED (start or end set)
 * as STATUS:CANCELLED, so subscribers drop them; never-placed sessions are
 * left out. A file is written for every resource and every course, even
 * one without events (a subscription link must not 404; the calendar then
 * holds only its properties); a desk booking (course.is_booking, id
 * "booking-N") is not a course: its file is <id>.ics ("booking-N.ics"), and
 * it shows in its resources' calendars too.
 *
 * A session that changes trainer or room: the store keeps only the current
 * resources, so the memory of where it was is the earlier export itself. A
 * resource calendar re-reads its previous file in `dir` (our own output,
 * parsed with libical) and carries on every ordo event this export no
 * longer writes for that resource as STATUS:CANCELLED with a higher SEQUENCE
 * (max(stored, old + 1)); once cancelled it is kept unchanged. So people who
 * imported the old file lose the phantom session. Exporting to a new, empty
 * folder has no such memory (nothing to cancel there).
 *
 * Injection: every property is made with libical's constructors; TEXT values
 * and parameters pass through ical_text() (controls other than LF become a
 * space; libical escapes LF) and URI values through ical_uri()
 * (percent-encoding), so no user string can end a property line. A placed
 * session booked with --force (forced_conflict; every double booking has
 * one: the scheduler and the desk never make one otherwise) carries
 * "[CONFLICT] " before its SUMMARY (what every client shows), an
 * X-ORDO-CONFLICT property and a "CONFLICT: ..." line in DESCRIPTION, with
 * its stored reason. Only the session's own stored state is used, so an
 * event changes only when its SEQUENCE does (bookings.csv, the HTML and
 * `ordo conflicts` also name the other side, model/conflicts.h).
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

/* Text for a TEXT property or a parameter: with `multiline` (DESCRIPTION) a
 * CR LF pair becomes LF (libical escapes it as \n); every other control
 * character, and CR LF or LF in one-line fields (SUMMARY, LOCATION, names: clients
 * such as calcurse refuse a line break there), becomes a space. So no user
 * string can end the property line. */
static void ical_text_as(ordo__outbuf *out, const char *s, int multiline)
{
    out->len = 0;
    ordo__outbuf_puts(out, "");                 /* data is "" even when nothing follows */
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '\r' && p[1] == '\n')
            continue;
        if ((multiline && *p == '\n') || *p >= 0x20) {
            if (*p != 0x7f) {
                ordo__outbuf_put(out, (const char *)p, 1);
                continue;
            }
        }
        ordo__outbuf_put(out, " ", 1);
    }
}

static void ical_text(ordo__outbuf *out, const char *s) { ical_text_as(out, s, 0); }

/* A URI value (ATTENDEE): `prefix` then `s` with every byte that cannot stand
 * in a URI (controls, space, non-ASCII, "%<>\^`{|}) percent-encoded, so a
 * line break in an e-mail address stays inside the one property. */
static void ical_uri(ordo__outbuf *out, const char *prefix, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    out->len = 0;
    ordo__outbuf_puts(out, prefix);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p <= 0x20 || *p >= 0x7f || strchr("\"%<>\\^`{|}", *p)) {
            char enc[3] = { '%', hex[*p >> 4], hex[*p & 15] };
            ordo__outbuf_put(out, enc, 3);
        } else {
            ordo__outbuf_put(out, (const char *)p, 1);
        }
    }
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
        if (r->kind == ORDO_PERSON && r->email && *r->email)
            ical_uri(scratch, "mailto:", r->email);
        else
            ical_uri(scratch, "urn:ordo:resource:", r->id);
        if (scratch->failed)
            return;
        icalproperty *p = icalproperty_new_attendee(scratch->data);
        ical_text(scratch, r->name && *r->name ? r->name : r->id);
        if (scratch->failed) {
            icalproperty_free(p);
            return;
        }
        icalproperty_add_parameter(p, icalparameter_new_cn(scratch->data));
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

/* DESCRIPTION: the duration in words, the customer, and the session's
 * conflicts (`conflicts` "" when none). */
static void description_of(ordo__outbuf *out, const ordo_model *m, const ordo_session *s,
                           const char *conflicts)
{
    char dur[48];
    out->len = 0;
    ordo__duration_text(dur, sizeof dur, s->end - s->start);
    ordo__outbuf_printf(out, "Duration: %s", dur);
    if (s->course >= 0) {
        ordo__outbuf_puts(out, "\nCustomer: ");
        ordo__customer_text(out, m, &m->courses.v[s->course]);
    }
    if (*conflicts)
        ordo__outbuf_printf(out, "\nCONFLICT: %s", conflicts);
}

static int build_event(icalcomponent **out, const ical_ctx *c, const ical_event *e)
{
    int rc = ORDO_OK;
    const ordo_model *m = c->m;
    const ordo_session *s = &m->sessions.v[e->session];
    ordo__outbuf scratch = { 0 }, text = { 0 }, conflicts = { 0 };
    char *summary = NULL;
    int flagged = s->forced_conflict && !e->cancelled;
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
    ordo__outbuf_puts(&conflicts, "");
    if (flagged)        /* the stored reason: changes only with the session's SEQUENCE */
        ordo__outbuf_puts(&conflicts, s->reason && *s->reason ? s->reason : "booked with --force");
    scratch.len = 0;
    ordo__outbuf_printf(&scratch, "%s%s", flagged ? "[CONFLICT] " : "", summary);
    ical_text(&text, scratch.data);
    if (!text.failed)
        icalcomponent_add_property(ev, icalproperty_new_summary(text.data));
    location_of(&scratch, m, s, e->site);
    ical_text(&text, scratch.data);
    if (!text.failed && text.len > 0)
        icalcomponent_add_property(ev, icalproperty_new_location(text.data));
    description_of(&scratch, m, s, conflicts.failed ? "" : conflicts.data);
    ical_text_as(&text, scratch.data, 1);
    if (!text.failed)
        icalcomponent_add_property(ev, icalproperty_new_description(text.data));
    if (s->course >= 0) {
        const ordo_service *svc = &m->services.v[m->courses.v[s->course].service];
        ical_text(&text, svc->name ? svc->name : svc->id);
        if (!text.failed)
            icalcomponent_add_property(ev, icalproperty_new_categories(text.data));
    }
    icalcomponent_add_property(ev, icalproperty_new_status(e->cancelled ? ICAL_STATUS_CANCELLED
                                                                        : ICAL_STATUS_CONFIRMED));
    if (flagged) {
        ical_text(&text, conflicts.data);
        if (!text.failed) {
            icalproperty *x = icalproperty_new_x(text.data);
            icalproperty_set_x_name(x, "X-ORDO-CONFLICT");
            icalcomponent_add_property(ev, x);
        }
    }
    add_attendees(ev, m, s, &text);
    if (scratch.failed || text.failed || conflicts.failed) {
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
    ordo__outbuf_clear(&text);
    ordo__outbuf_clear(&conflicts);
    return rc;
}

/* Which events a file holds: those of one resource, or of one course. */
typedef struct ical_target {
    const char *prefix;         /* "resource", "course", or "" (desk booking) */
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

/* Events of an earlier export of the same resource calendar whose session
 * no longer uses that resource (another trainer or room took it, or the
 * session is gone): carried on as STATUS:CANCELLED, so that people who
 * imported the file rather than subscribing lose the phantom session. */
typedef struct ical_carry {
    icalcomponent **v;
    size_t n;
    const char **zones;         /* TZID of each carried DTSTART (or NULL) */
    int year;                   /* UTC year of the earliest carried start, 0 if none */
} ical_carry;

static void carry_clear(ical_carry *k)
{
    for (size_t i = 0; i < k->n; i++)
        if (k->v[i])
            icalcomponent_free(k->v[i]);
    ordo__free(k->v);
    ordo__free(k->zones);
}

static int current_uid(const ical_ctx *c, const ical_target *t, const char *uid)
{
    for (size_t i = 0; i < c->nevents; i++)
        if (strcmp(c->events[i].uid, uid) == 0 && event_in(c, &c->events[i], t))
            return 1;
    return 0;
}

/* The stored SEQUENCE of the session with UID `uid`, or -1. */
static int stored_sequence(const ical_ctx *c, const char *uid)
{
    long long id = 0;
    char tail[8];
    if (sscanf(uid, "ordo-session-%lld%7s", &id, tail) != 2 || strcmp(tail, "@ordo") != 0)
        return -1;
    for (size_t i = 0; i < c->m->sessions.n; i++)
        if (c->m->sessions.v[i].id == id)
            return c->m->sessions.v[i].sequence;
    return -1;
}

/* Reads `path` (our own earlier output; a missing or unreadable file carries
 * nothing) and keeps its ordo events that this export no longer writes for
 * target t. A carried event keeps its text and times; its STATUS becomes
 * CANCELLED and, when it was not cancelled yet, its SEQUENCE becomes
 * max(stored SEQUENCE, old + 1); an already cancelled one is kept as it
 * is, so re-exporting stays byte-identical. */
static int carry_old_events(ical_carry *k, const ical_ctx *c, const ical_target *t, const char *path)
{
    int rc = ORDO_OK;
    char *text = NULL;
    icalcomponent *old = NULL;
    FILE *f = fopen(path, "rb");
    long size = 0;
    if (!f)
        goto done;                      /* first export: nothing to carry */
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || size > (64L << 20) ||
        fseek(f, 0, SEEK_SET) != 0)
        goto done;
    if (!(text = ordo__malloc((size_t)size + 1))) {
        rc = ordo__seterr(c->err, ORDO_ENOMEM, "out of memory");
        goto done;
    }
    if (fread(text, 1, (size_t)size, f) != (size_t)size)
        goto done;
    text[size] = '\0';
    if (!(old = icalparser_parse_string(text)) || icalcomponent_isa(old) != ICAL_VCALENDAR_COMPONENT)
        goto done;
    size_t cap = (size_t)icalcomponent_count_components(old, ICAL_VEVENT_COMPONENT) + 1;
    if (!(k->v = ordo__calloc(cap, sizeof *k->v)) || !(k->zones = ordo__calloc(cap, sizeof *k->zones))) {
        rc = ordo__seterr(c->err, ORDO_ENOMEM, "out of memory");
        goto done;
    }
    for (icalcomponent *ev = icalcomponent_get_first_component(old, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(old, ICAL_VEVENT_COMPONENT)) {
        const char *uid = icalcomponent_get_uid(ev);
        if (!uid || strncmp(uid, "ordo-session-", 13) != 0 || current_uid(c, t, uid))
            continue;
        icalcomponent *cp = icalcomponent_new_clone(ev);
        if (!cp) {
            rc = ordo__seterr(c->err, ORDO_ENOMEM, "out of memory");
            goto done;
        }
        k->v[k->n++] = cp;
        if (icalcomponent_get_status(cp) != ICAL_STATUS_CANCELLED) {
            int seq = icalcomponent_get_sequence(cp) + 1, stored = stored_sequence(c, uid);
            icalcomponent_set_sequence(cp, stored > seq ? stored : seq);
            icalcomponent_set_status(cp, ICAL_STATUS_CANCELLED);
        }
        icalproperty *dt = icalcomponent_get_first_property(cp, ICAL_DTSTART_PROPERTY);
        icalparameter *tz = dt ? icalproperty_get_first_parameter(dt, ICAL_TZID_PARAMETER) : NULL;
        k->zones[k->n - 1] = tz ? icalparameter_get_tzid(tz) : NULL;
        struct icaltimetype st = icalcomponent_get_dtstart(cp);
        if (st.year > 0 && (k->year == 0 || st.year < k->year))
            k->year = st.year;
    }
done:
    if (f)
        fclose(f);
    if (old)
        icalcomponent_free(old);
    ordo__free(text);
    icalerror_clear_errno();            /* a damaged old file is not this export's error */
    return rc;
}

/* One VTIMEZONE per distinct zone of the selected events and the carried
 * ones, in name order, each from the year (UTC) of the file's earliest
 * event. */
static int add_timezones(icalcomponent *cal, const ical_ctx *c, const ical_target *t, const ical_carry *k)
{
    int rc = ORDO_OK;
    const char **zones = ordo__calloc(c->nevents + k->n + 1, sizeof *zones);
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
    for (size_t i = 0; i < k->n; i++)
        if (k->zones[i])
            zones[nz++] = k->zones[i];
    if (k->year > 0 && (year == 0 || k->year < year))
        year = k->year;
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
 * icalmemory_free_buffer): always written, even without events.
 * `title` names it (X-WR-CALNAME, else `id`); `old_path`, when not NULL, is
 * the previous export of a resource calendar whose dropped events are
 * carried on as cancelled (carry_old_events). */
static int render_calendar(const ical_ctx *c, const ical_target *t, const char *id, const char *title,
                           const char *old_path, char **text)
{
    int rc = ORDO_OK;
    icalcomponent *cal = NULL;
    ordo__outbuf calname = { 0 };
    ical_carry carry = { 0 };
    const char *what = old_path ? old_path : id;
    *text = NULL;
    if (!(cal = icalcomponent_new_vcalendar())) {
        rc = ordo__seterr(c->err, ORDO_ENOMEM, "out of memory");
        goto done;
    }
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_prodid(PRODID));
    icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
    ical_text(&calname, title && *title ? title : id);
    if (calname.failed) {
        rc = ordo__seterr(c->err, ORDO_ENOMEM, "out of memory");
        goto done;
    }
    icalproperty *xn = icalproperty_new_x(calname.data);
    icalproperty_set_x_name(xn, "X-WR-CALNAME");
    icalcomponent_add_property(cal, xn);
    if (t->resource >= 0 && old_path)
        ORDO_TRY(carry_old_events(&carry, c, t, old_path));
    ORDO_TRY(add_timezones(cal, c, t, &carry));
    for (size_t i = 0; i < c->nevents; i++) {
        if (!event_in(c, &c->events[i], t))
            continue;
        icalcomponent *ev = NULL;
        ORDO_TRY(build_event(&ev, c, &c->events[i]));
        icalcomponent_add_component(cal, ev);
    }
    for (size_t i = 0; i < carry.n; i++) {
        icalcomponent_add_component(cal, carry.v[i]);     /* the calendar owns it now */
        carry.v[i] = NULL;
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
    ordo__outbuf_clear(&calname);
    carry_clear(&carry);
    return rc;
}

static int write_calendar(const ical_ctx *c, const ical_target *t, const char *id, const char *title,
                          int *written)
{
    int rc = ORDO_OK;
    char *name = NULL, *path = NULL, *text = NULL;
    ORDO_TRY(ordo__export_name(&name, t->prefix, id, ".ics", c->err));
    if (!(path = ordo__path_join(c->dir, name))) {
        rc = ordo__seterr(c->err, ORDO_ENOMEM, "out of memory");
        goto done;
    }
    ORDO_TRY(render_calendar(c, t, id, title, path, &text));
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
        ORDO_TRY(write_calendar(&c, &t, m->resources.v[r].id, m->resources.v[r].name, &written));
    }
    for (size_t k = 0; k < m->courses.n; k++) {
        /* a desk booking is not a course: booking-N.ics (its id), never course-booking-N */
        ical_target t = { m->courses.v[k].is_booking ? "" : "course", -1, (int)k };
        ORDO_TRY(write_calendar(&c, &t, m->courses.v[k].id, m->courses.v[k].title, &written));
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
    /* no earlier file here: a moved session's old resource is not told (only
     * exports to a folder carry cancelled events on) */
    ORDO_TRY(render_calendar(&c, &t, id, t.resource >= 0 ? m->resources.v[t.resource].name
                                                         : m->courses.v[t.course].title, NULL, &text));
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
