/*
 * booking.c — check, add, move and cancel one service-desk booking
 * (booking.h).
 *
 * The check first resolves the request (resources to requirement rows by a
 * bipartite matching over the rows' slots, so the caller may list them in
 * any order; one site; the start's validity), then lists every conflict
 * with the calendar, each naming its resource and what it clashes with.
 * Changes keep the iCal contract: the session's id is never touched, every
 * change raises SEQUENCE and sets DTSTAMP to the caller's `now`.
 */
#include "solver/booking.h"
#include "model/check.h"
#include "model/tz.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- messages ------------------------------------------------------------- */

typedef struct msgbuf {
    char *buf;
    size_t len, at;
    int count;
} msgbuf;

static void add_msg(msgbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_msg(msgbuf *b, const char *fmt, ...)
{
    b->count++;
    if (!b->buf || b->at + 1 >= b->len)
        return;
    if (b->at > 0)
        b->at += (size_t)snprintf(b->buf + b->at, b->len - b->at, "; ");
    if (b->at + 1 >= b->len)
        return;
    va_list ap;
    va_start(ap, fmt);
    b->at += (size_t)vsnprintf(b->buf + b->at, b->len - b->at, fmt, ap);
    va_end(ap);
    if (b->at >= b->len)
        b->at = b->len - 1;
}

/* Local "YYYY-MM-DDTHH:MM" of t at site (UTC without a site). */
static void local_text(const ordo_model *m, int site, ordo_utc t, char out[17])
{
    const char *tz = site >= 0 ? m->sites.v[site].timezone : "UTC";
    ordo_date d = 0;
    int minute = 0;
    ordo_tz_to_local(tz, t, &d, &minute);
    ordo_datetime_format(d, minute, out);
}

/* ---- resolving the request --------------------------------------------------- */

typedef struct slots {
    const ordo_requirement *row[ORDO_PROPOSAL_MAX_RESOURCES];   /* per slot */
    int row_index[ORDO_PROPOSAL_MAX_RESOURCES];
    int n;
    int match_of_slot[ORDO_PROPOSAL_MAX_RESOURCES];             /* request position or -1 */
} slots;

static int augment(const ordo_model *m, slots *sl, const ordo_booking_request *rq, int k, char *seen)
{
    for (int j = 0; j < sl->n; j++) {
        if (seen[j] || !ordo_desk_row_accepts(m, sl->row[j], rq->resources[k], rq->participants))
            continue;
        seen[j] = 1;
        if (sl->match_of_slot[j] < 0 || augment(m, sl, rq, sl->match_of_slot[j], seen)) {
            sl->match_of_slot[j] = k;
            return 1;
        }
    }
    return 0;
}

/* Requirement rows of the service as slots; ORDO_EINPUT if the service has
 * none or needs more than the desk books. */
static int build_slots(const ordo_model *m, int service, slots *sl, msgbuf *mb)
{
    int nrows = 0;
    sl->n = 0;
    for (size_t i = 0; i < m->requirements.n; i++) {
        const ordo_requirement *q = &m->requirements.v[i];
        if (q->service != service)
            continue;
        for (int c = 0; c < q->count; c++) {
            if (sl->n == ORDO_PROPOSAL_MAX_RESOURCES) {
                add_msg(mb, "service '%s' needs more than %d resources; the desk books at most %d",
                        m->services.v[service].id, ORDO_PROPOSAL_MAX_RESOURCES, ORDO_PROPOSAL_MAX_RESOURCES);
                return ORDO_EINPUT;
            }
            sl->row[sl->n] = q;
            sl->row_index[sl->n] = nrows;
            sl->match_of_slot[sl->n++] = -1;
        }
        nrows++;
    }
    if (!sl->n) {
        add_msg(mb, "service '%s' has no requirement row", m->services.v[service].id);
        return ORDO_EINPUT;
    }
    return ORDO_OK;
}

/* Explain why the given resources do not fill the rows. */
static void explain_mismatch(const ordo_model *m, const slots *sl, const ordo_booking_request *rq, msgbuf *mb)
{
    char desc[200];
    for (int k = 0; k < rq->nresources; k++) {
        int fits = 0;
        for (int j = 0; j < sl->n && !fits; j++)
            fits = ordo_desk_row_accepts(m, sl->row[j], rq->resources[k], rq->participants);
        if (!fits) {
            const ordo_resource *r = &m->resources.v[rq->resources[k]];
            add_msg(mb, "resource '%s' (%s) meets no requirement of service '%s'", r->id,
                    ordo_kind_name(r->kind), m->services.v[rq->service].id);
        }
    }
    for (int j = 0; j < sl->n; j++) {
        if (j > 0 && sl->row[j] == sl->row[j - 1])
            continue;
        int given = 0;
        for (int k = 0; k < rq->nresources; k++)
            given += ordo_desk_row_accepts(m, sl->row[j], rq->resources[k], rq->participants);
        if (given < sl->row[j]->count) {
            ordo_desk_row_describe(m, sl->row[j], rq->participants, desc, sizeof desc);
            add_msg(mb, "service '%s' needs %s; %d of the resources given qualify",
                    m->services.v[rq->service].id, desc, given);
        }
    }
    if (!mb->count)
        add_msg(mb, "the resources given cannot fill the requirements of service '%s' each with a "
                "different resource", m->services.v[rq->service].id);
}

static int resolve(const ordo_model *m, const ordo_booking_request *rq, ordo_booking_plan *plan, msgbuf *mb)
{
    int rc = ORDO_OK;
    slots sl;
    if ((rc = build_slots(m, rq->service, &sl, mb)) < 0)
        return rc;
    if (rq->nresources != sl.n) {
        add_msg(mb, "service '%s' needs %d resource%s; %d given", m->services.v[rq->service].id, sl.n,
                sl.n == 1 ? "" : "s", rq->nresources);
        return ORDO_EINPUT;
    }
    for (int k = 0; k < rq->nresources; k++)
        for (int j = 0; j < k; j++)
            if (rq->resources[j] == rq->resources[k]) {
                add_msg(mb, "resource '%s' is listed twice", m->resources.v[rq->resources[k]].id);
                return ORDO_EINPUT;
            }
    int site = m->resources.v[rq->resources[0]].site;
    for (int k = 1; k < rq->nresources; k++) {
        const ordo_resource *r = &m->resources.v[rq->resources[k]];
        if (r->site != site) {
            add_msg(mb, "resources '%s' (site '%s') and '%s' (site '%s') are not at one site",
                    m->resources.v[rq->resources[0]].id, site >= 0 ? m->sites.v[site].id : "none",
                    r->id, r->site >= 0 ? m->sites.v[r->site].id : "none");
            return ORDO_EINPUT;
        }
    }
    if (site < 0) {
        add_msg(mb, "resource '%s' has no site", m->resources.v[rq->resources[0]].id);
        return ORDO_EINPUT;
    }
    for (int k = 0; k < rq->nresources; k++) {
        char seen[ORDO_PROPOSAL_MAX_RESOURCES] = { 0 };
        if (!augment(m, &sl, rq, k, seen)) {
            explain_mismatch(m, &sl, rq, mb);
            return ORDO_EINPUT;
        }
    }
    /* slots are in row order; within a row (any order is a valid matching)
     * keep the order the caller gave: insertion sort of the positions */
    for (int j = 1; j < sl.n; j++)
        for (int i = j; i > 0 && sl.row[i - 1] == sl.row[i] &&
                        sl.match_of_slot[i - 1] > sl.match_of_slot[i]; i--) {
            int t = sl.match_of_slot[i];
            sl.match_of_slot[i] = sl.match_of_slot[i - 1];
            sl.match_of_slot[i - 1] = t;
        }
    plan->site = site;
    plan->nresources = sl.n;
    for (int j = 0; j < sl.n; j++)
        plan->resources[j] = rq->resources[sl.match_of_slot[j]];
    char why[300];
    int dur = m->services.v[rq->service].duration;
    if (!ordo_start_valid(m, site, rq->start, dur, rq->slot_minutes, why, sizeof why)) {
        add_msg(mb, "site '%s': %s", m->sites.v[site].id, why);
        return ORDO_EINPUT;
    }
    plan->start = rq->start;
    plan->end = rq->start + dur;
    return rc;
}

/* ---- conflicts ----------------------------------------------------------------- */

static int resource_conflicts(ordo_desk *d, const ordo_booking_request *rq, const ordo_booking_plan *p,
                              int r, msgbuf *mb)
{
    int rc = ORDO_OK;
    const ordo_model *m = ordo_desk_model(d);
    const ordo_resource *res = &m->resources.v[r];
    ordo_calendar_rows rows;
    ordo_intervals work = { 0 };
    char a[17], b[17], label[160];
    ordo_desk_rows(d, r, &rows);
    ORDO_TRY(ordo_calendar_working(&work, m, r, &rows, p->start, p->end));
    if (!(work.n == 1 && work.v[0].start == p->start && work.v[0].end == p->end)) {
        local_text(m, p->site, p->start, a);
        local_text(m, p->site, p->end, b);
        add_msg(mb, "resource '%s' does not work all of %s to %s (working hours)", res->id, a, b);
    }
    const char *tz = ordo_calendar_zone(m, r);
    for (int i = 0; i < rows.ntime_off; i++) {
        const ordo_time_off *t = &m->time_off.v[rows.time_off[i]];
        ordo_utc ta, tb;
        if (t->resource != r || ordo_tz_to_utc(tz, t->start_date, t->start_min, &ta) < 0 ||
            ordo_tz_to_utc(tz, t->end_date, t->end_min, &tb) < 0 || !(ta < p->end && p->start < tb))
            continue;
        ordo_datetime_format(t->start_date, t->start_min, a);
        ordo_datetime_format(t->end_date, t->end_min, b);
        add_msg(mb, "resource '%s' is off from %s to %s (%s%s%s)", res->id, a, b,
                t->reason && *t->reason ? t->reason : "time off", t->source ? ", from " : "",
                t->source ? t->source : "");
    }
    for (int i = 0; i < rows.nsessions; i++) {
        int si = rows.sessions[i];
        const ordo_session *s = &m->sessions.v[si];
        if (si == rq->except_session || !ordo_calendar_session_holds(s, r) ||
            !(s->start < p->end && p->start < s->end))
            continue;
        ordo_desk_session_label(m, s, label, sizeof label);
        local_text(m, s->site, s->start, a);
        local_text(m, s->site, s->end, b);
        add_msg(mb, "resource '%s' is already booked by %s from %s to %s", res->id, label, a, b);
    }
done:
    ordo_intervals_clear(&work);
    return rc;
}

static void customer_conflicts(const ordo_model *m, const ordo_booking_request *rq, const ordo_booking_plan *p,
                               msgbuf *mb)
{
    char a[17], b[17], label[160];
    for (size_t i = 0; rq->customer && i < m->sessions.n; i++) {
        const ordo_session *s = &m->sessions.v[i];
        if ((int)i == rq->except_session || s->course < 0 || (size_t)s->course >= m->courses.n ||
            (s->status != ORDO_SESSION_PLANNED && s->status != ORDO_SESSION_DONE) ||
            !(s->start < p->end && p->start < s->end))
            continue;
        const ordo_course *c = &m->courses.v[s->course];
        if (!c->is_booking || !c->customer || strcmp(c->customer, rq->customer) != 0)
            continue;
        ordo_desk_session_label(m, s, label, sizeof label);
        local_text(m, s->site, s->start, a);
        local_text(m, s->site, s->end, b);
        add_msg(mb, "customer '%s' already has %s from %s to %s", rq->customer, label, a, b);
    }
}

int ordo_booking_check(ordo_desk *d, const ordo_booking_request *rq, ordo_booking_plan *plan,
                       char *msg, size_t msglen)
{
    int rc = ORDO_OK;
    msgbuf mb = { msg, msglen, 0, 0 };
    if (msg && msglen)
        msg[0] = '\0';
    if (!d || !rq || !plan || rq->version != ORDO_BOOKING_REQUEST_VERSION)
        return ORDO_EINVAL;
    const ordo_model *m = ordo_desk_model(d);
    memset(plan, 0, sizeof *plan);
    if (rq->service < 0 || (size_t)rq->service >= m->services.n || rq->participants < 1 ||
        rq->nresources < 0 || (rq->nresources && !rq->resources) ||
        rq->except_session < -1 || (rq->except_session >= 0 && (size_t)rq->except_session >= m->sessions.n)) {
        add_msg(&mb, "booking: service, participants, resources or session out of range");
        return ORDO_EINVAL;
    }
    for (int k = 0; k < rq->nresources; k++)
        if (rq->resources[k] < 0 || (size_t)rq->resources[k] >= m->resources.n) {
            add_msg(&mb, "booking: resource index %d out of range", rq->resources[k]);
            return ORDO_EINVAL;
        }
    if (rq->customer && ordo_model_find_account(m, rq->customer) < 0 &&
        ordo_model_find_contact(m, rq->customer) < 0) {
        add_msg(&mb, "customer '%s' is neither an account nor a contact", rq->customer);
        return ORDO_EINPUT;
    }
    if (!rq->nresources) {
        add_msg(&mb, "booking: no resource given");
        return ORDO_EINPUT;
    }
    ORDO_TRY(resolve(m, rq, plan, &mb));
    if (rq->except_session >= 0) {
        /* a moved session stays where its course may be: its site list, and
         * the site of the course's other sessions (all at one site) */
        char why[512];
        if (ordo_course_site_check(m, m->sessions.v[rq->except_session].course, plan->site, rq->except_session,
                                   why, sizeof why) != ORDO_OK) {
            add_msg(&mb, "%s", why);
            rc = ORDO_EINPUT;
            goto done;
        }
    }
    for (int k = 0; k < plan->nresources; k++)
        ORDO_TRY(resource_conflicts(d, rq, plan, plan->resources[k], &mb));
    customer_conflicts(m, rq, plan, &mb);
    if (mb.count)
        rc = ORDO_ERULE;
done:
    return rc;
}

/* ---- changes --------------------------------------------------------------- */

static int next_booking_number(const ordo_model *m)
{
    long best = m->last_booking > 0 ? m->last_booking : 0;   /* a partial model's store-wide floor */
    size_t plen = strlen(ORDO_BOOKING_ID_PREFIX);
    for (size_t i = 0; i < m->courses.n; i++) {
        const char *id = m->courses.v[i].id;
        if (strncmp(id, ORDO_BOOKING_ID_PREFIX, plen) != 0)
            continue;
        char *end = NULL;
        long v = strtol(id + plen, &end, 10);
        if (end && !*end && v > best)
            best = v;
    }
    return (int)best + 1;
}

static ordo_date local_date_of(const ordo_model *m, int site, ordo_utc t)
{
    ordo_date d = 0;
    int minute = 0;
    ordo_tz_to_local(site >= 0 ? m->sites.v[site].timezone : "UTC", t, &d, &minute);
    return d;
}

int ordo_booking_add(ordo_model *m, const ordo_booking_request *rq, const ordo_booking_plan *plan,
                     int64_t now, const char *conflict, int *out_session)
{
    int rc = ORDO_OK, ci = -1;
    char id[32], *title = NULL;
    const ordo_service *svc = &m->services.v[rq->service];
    const char *name = svc->name && *svc->name ? svc->name : svc->id;
    size_t tlen = strlen(name) + (rq->customer ? strlen(rq->customer) + 8 : 0) + 1;
    snprintf(id, sizeof id, ORDO_BOOKING_ID_PREFIX "%d", next_booking_number(m));
    if (!(title = ordo__malloc(tlen)))
        return ordo__seterr(&m->err, ORDO_ENOMEM, "out of memory");
    if (rq->customer)
        snprintf(title, tlen, "%s for %s", name, rq->customer);
    else
        snprintf(title, tlen, "%s", name);
    ordo_course c = { 0 };
    c.id = id;
    c.title = title;
    c.service = rq->service;
    c.customer = (char *)rq->customer;
    c.contract = -1;
    c.sessions = 1;
    c.participants = rq->participants;
    c.earliest = c.latest = local_date_of(m, plan->site, plan->start);
    c.is_booking = 1;
    ORDO_TRY(ordo_model_put_course(m, &c, &ci));
    ordo_session s = { 0 };
    s.course = ci;
    s.ordinal = 0;
    s.status = ORDO_SESSION_PLANNED;
    s.start = plan->start;
    s.end = plan->end;
    s.site = plan->site;
    s.resources = (int *)plan->resources;
    s.nresources = plan->nresources;
    s.sequence = 0;
    s.dtstamp = now;
    s.reason = (char *)conflict;
    s.forced_conflict = conflict != NULL;
    ORDO_TRY(ordo_model_add_session(m, &s, out_session));
done:
    ordo__free(title);
    return rc;
}

static int check_booking_session(ordo_model *m, int session)
{
    if (session < 0 || (size_t)session >= m->sessions.n)
        return ordo__seterr(&m->err, ORDO_EINVAL, "booking: session index %d out of range", session);
    const ordo_session *s = &m->sessions.v[session];
    if (s->course < 0 || (size_t)s->course >= m->courses.n || !m->courses.v[s->course].is_booking)
        return ordo__seterr(&m->err, ORDO_EINPUT, "session %lld is not a desk booking (course '%s'); "
                            "courses are planned with 'ordo schedule'", (long long)s->id,
                            s->course >= 0 && (size_t)s->course < m->courses.n ? m->courses.v[s->course].id : "?");
    return ORDO_OK;
}

int ordo_booking_move(ordo_model *m, int session, const ordo_booking_plan *plan, int64_t now,
                      const char *conflict)
{
    int rc = check_booking_session(m, session);
    if (rc < 0)
        return rc;
    ordo_session *s = &m->sessions.v[session];
    if (s->status == ORDO_SESSION_CANCELLED)
        return ordo__seterr(&m->err, ORDO_ERULE, "booking '%s' is cancelled; book it again instead",
                            m->courses.v[s->course].id);
    if (ordo_session_set_resources(s, plan->resources, plan->nresources) < 0 ||
        ordo_session_set_reason(s, conflict) < 0)
        return ordo__seterr(&m->err, ORDO_ENOMEM, "out of memory");
    s->status = ORDO_SESSION_PLANNED;
    s->start = plan->start;
    s->end = plan->end;
    s->site = plan->site;
    s->sequence++;
    s->dtstamp = now;
    s->forced_conflict = conflict != NULL;
    ordo_course *c = &m->courses.v[s->course];
    c->earliest = c->latest = local_date_of(m, plan->site, plan->start);
    return ORDO_OK;
}

int ordo_booking_cancel(ordo_model *m, int session, int64_t now)
{
    int rc = check_booking_session(m, session);
    if (rc < 0)
        return rc;
    ordo_session *s = &m->sessions.v[session];
    if (s->status == ORDO_SESSION_CANCELLED)
        return ordo__seterr(&m->err, ORDO_ERULE, "booking '%s' is already cancelled",
                            m->courses.v[s->course].id);
    s->status = ORDO_SESSION_CANCELLED;
    s->sequence++;
    s->dtstamp = now;
    s->forced_conflict = 0;
    return ORDO_OK;
}

int ordo_booking_find(const ordo_model *m, const char *id)
{
    if (!id || !*id)
        return -1;
    int course = ordo_model_find_course(m, id);
    char *end = NULL;
    long long sid = course < 0 ? strtoll(id, &end, 10) : 0;
    if (course < 0 && (!end || *end || sid <= 0))
        return -1;
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *s = &m->sessions.v[i];
        if (s->course < 0 || (size_t)s->course >= m->courses.n || !m->courses.v[s->course].is_booking)
            continue;
        if (course >= 0 ? s->course == course : s->id == sid)
            return (int)i;
    }
    return -1;
}
