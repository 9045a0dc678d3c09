/*
 * desk.c — the service-desk use cases: find-times (a read snapshot), book,
 * reschedule and cancel (app.h).
 *
 * Invariant: every change is checked INSIDE its write transaction against
 * the calendar re-read under the write lock (BEGIN IMMEDIATE, then load),
 * so a booking made by another process or thread a moment earlier is seen
 * and no resource is ever double-booked unless the caller forces it (then
 * the booking is flagged and names the conflict). A refused or failed call
 * rolls back: the store is left as it was.
 */
#include "app/app_int.h"

#include "solver/booking.h"

#include "model/rfc3339.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_COUNT 5
#define MAX_COUNT 1000
#define DEFAULT_DAYS 14
#define MAX_PREFER 256
#define MAX_PARTICIPANTS 100000

static int check_slot(ordo_app *a, int slot)
{
    if (slot && (slot < 5 || slot > ORDO_MIN_PER_DAY || ORDO_MIN_PER_DAY % slot != 0))
        return app_fail(a, ORDO_EINVAL, "slot_minutes", "slot %d: must be a whole number of minutes, at least 5, "
                        "dividing 1440", slot);
    return ORDO_OK;
}

static int check_participants(ordo_app *a, int n)
{
    if (n < 0 || n > MAX_PARTICIPANTS)
        return app_fail(a, ORDO_EINVAL, "participants", "participants %d: must be from 1 to %d", n,
                        MAX_PARTICIPANTS);
    return ORDO_OK;
}

/* ---- find-times ------------------------------------------------------------------- */

void ordo_app_find_times_res_clear(ordo_app_find_times_res *r)
{
    if (!r)
        return;
    for (int i = 0; r->proposals && i < r->n; i++) {
        ordo__free(r->proposals[i].site);
        app_free_ids(r->proposals[i].resources, r->proposals[i].nresources);
    }
    ordo__free(r->proposals);
    memset(r, 0, sizeof *r);
}

int ordo_app_find_times(ordo_app *a, const ordo_app_find_times_req *rq, ordo_app_find_times_res *out)
{
    int rc = ORDO_OK, count = rq->count ? rq->count : DEFAULT_COUNT, n = 0, prefer[MAX_PREFER], nprefer = 0;
    ordo_find_times_query q = ORDO_FIND_TIMES_QUERY_INIT;
    const ordo_model *m = NULL;
    ordo_desk *desk = NULL;
    ordo_proposal *props = NULL;

    app_start(a);
    memset(out, 0, sizeof *out);
    if (count < 1 || count > MAX_COUNT) {
        rc = app_fail(a, ORDO_EINVAL, "count", "count %d: must be a whole number from 1 to %d", count, MAX_COUNT);
        goto done;
    }
    ORDO_TRY(check_slot(a, rq->slot_minutes));
    ORDO_TRY(check_participants(a, rq->participants));
    if (rq->participants)
        q.participants = rq->participants;
    if (rq->slot_minutes)
        q.slot_minutes = rq->slot_minutes;
    q.customer = rq->customer;
    if (rq->after)
        ORDO_TRY(app_when(a, "after", rq->after, 1, &q.after));
    else
        q.after = (ordo_when){ 0, (ordo_utc)((app_now(rq->now) + 59) / 60), 0, 0 };
    if (rq->before) {
        ORDO_TRY(app_when(a, "before", rq->before, 0, &q.before));
    } else {
        q.before = q.after;
        if (q.before.local)
            q.before.date += DEFAULT_DAYS;
        else
            q.before.utc += (ordo_utc)DEFAULT_DAYS * ORDO_MIN_PER_DAY;
    }
    ORDO_TRY(app_snapshot_shared(a, &m));
    ORDO_TRY(app_find_service(a, m, "service", rq->service, &q.service));
    ORDO_TRY(app_find_site(a, m, "site", rq->site, &q.site));
    ORDO_TRY(app_check_customer(a, m, "customer", rq->customer));
    ORDO_TRY(app_find_resources(a, m, "prefer", rq->prefer, rq->nprefer, prefer, &nprefer, MAX_PREFER));
    q.prefer = prefer;
    q.nprefer = nprefer;
    if (!(props = ordo__calloc((size_t)count, sizeof *props))) {
        rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
        goto done;
    }
    ORDO_TRY(app_snapshot_desk(a, m, &desk));
    rc = ordo_desk_find_times(desk, &q, props, count, &n, out->reason, sizeof out->reason);
    if (rc < 0) {
        app_fail(a, rc, rc == ORDO_EINVAL ? "before" : NULL, "%s", out->reason[0] ? out->reason : ordo_strerror(rc));
        goto done;
    }
    if (n > 0 && !(out->proposals = ordo__calloc((size_t)n, sizeof *out->proposals))) {
        rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
        goto done;
    }
    for (int i = 0; i < n; i++) {
        ordo_app_proposal *p = &out->proposals[i];
        app_time(m, props[i].site, props[i].start, &p->start);
        app_time(m, props[i].site, props[i].end, &p->end);
        p->fragmentation = props[i].fragmentation;
        p->preferred = props[i].preferred;
        out->n = i + 1;
        if (!(p->site = ordo__strdup(m->sites.v[props[i].site].id)) ||
            app_copy_ids(m, props[i].resources, props[i].nresources, &p->resources) < 0) {
            rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
            goto done;
        }
        p->nresources = props[i].nresources;
    }
    if (n > 0)
        out->reason[0] = '\0';
done:
    if (rc < 0)
        ordo_app_find_times_res_clear(out);
    ordo__free(props);
    return rc;
}

/* ---- book, reschedule, cancel ---------------------------------------------------- */

void ordo_app_change_res_clear(ordo_app_change_res *r)
{
    if (!r)
        return;
    ordo_app_booking_clear(&r->booking);
    ordo_app_booking_clear(&r->before);
    memset(r, 0, sizeof *r);
}

/* The resources (given, else current[0..ncurrent)) and the exact start read
 * at `site_id`, else the first resource's site, else fallback_site. */
static int resolve_change(ordo_app *a, const ordo_model *m, const char *start, const char *site_id,
                          const char *const *ids, int nids, const int *current, int ncurrent, int fallback_site,
                          ordo_booking_request *rq, int *res)
{
    int rc = ORDO_OK, site = -1, nres = 0;
    ordo_when w;
    ORDO_TRY(app_when(a, "start", start, 0, &w));
    if (ids) {
        ORDO_TRY(app_find_resources(a, m, "resources", ids, nids, res, &nres, ORDO_PROPOSAL_MAX_RESOURCES));
    } else {
        for (int k = 0; k < ncurrent && k < ORDO_PROPOSAL_MAX_RESOURCES; k++)
            res[nres++] = current[k];
    }
    ORDO_TRY(app_find_site(a, m, "site", site_id, &site));
    if (site < 0)
        site = nres > 0 ? m->resources.v[res[0]].site : fallback_site;
    ORDO_TRY(app_when_exact(a, "start", m, site, &w, &rq->start));
    rq->resources = res;
    rq->nresources = nres;
done:
    return rc;
}

/* Checks rq on the transaction's model. A conflict with `force` gives
 * ORDO_OK and copies the conflict into `conflict` (else it stays ""). */
static int check_request(ordo_app *a, const ordo_model *m, const ordo_booking_request *rq, int force,
                         ordo_booking_plan *plan, char *conflict, size_t len)
{
    ordo_desk *d = NULL;
    ordo_err err = { 0 };
    char msg[2048] = "";
    int rc = ordo_desk_new(&d, m, &err);
    conflict[0] = '\0';
    if (rc < 0) {
        rc = app_fail(a, rc, NULL, "%s", err.msg);
        goto done;
    }
    rc = ordo_booking_check(d, rq, plan, msg, sizeof msg);
    if (rc == ORDO_ERULE && force) {
        snprintf(conflict, len, "%s", msg);
        rc = ORDO_OK;
    } else if (rc == ORDO_ERULE) {
        app_fail(a, rc, "start", "%s", msg);
    } else if (rc < 0) {
        rc = rc == ORDO_EINVAL ? ORDO_EINPUT : rc;
        app_fail(a, rc, rc == ORDO_EINPUT ? "resources" : NULL, "%s", msg[0] ? msg : ordo_strerror(rc));
    }
done:
    ordo_desk_free(d);
    return rc;
}

/* What a desk change can touch: the sessions that can overlap `start` (a
 * local time is read as UTC: the real instant lies within 14 h of it, and a
 * booking within one local day), the booking `id` ('booking-N' or a session
 * number) with its course, the working hours and time off of the resources
 * res[0..nres) (all of them when `every`: a reschedule keeping its
 * resources) and the customer. A start that does not parse leaves the
 * window empty (the use case then refuses it, naming the field). */
static void desk_scope(const char *start, const char *id, const char *const *res, int nres, int every,
                       const char *party, ordo_store_scope *sc)
{
    ordo_timeval tv;
    char *end = NULL;
    memset(sc, 0, sizeof *sc);
    sc->booking_prefix = ORDO_BOOKING_ID_PREFIX;
    sc->party = party;
    sc->resources = res;
    sc->nresources = res ? nres : 0;
    sc->every_resource = every;
    if (start && ordo_timeval_parse(start, 0, &tv) == 0) {
        ordo_utc t = tv.local ? (ordo_utc)tv.date * ORDO_MIN_PER_DAY + tv.minute : tv.utc;
        ordo_utc slack = tv.local ? 14 * 60 : 0;
        sc->from = t - slack;
        sc->to = t + slack + ORDO_SCOPE_MAX_SESSION_MIN;
    }
    if (id && *id) {
        long long v = strtoll(id, &end, 10);
        if (!*end && v > 0)
            sc->session = v;
        else
            sc->course = id;
    }
}

/* A new course title: the request's, set on the booking's course. */
static int set_title(ordo_app *a, ordo_model *m, int course, const char *title)
{
    ordo_course c = m->courses.v[course];
    c.title = (char *)title;
    int rc = ordo_model_put_course(m, &c, NULL);
    return rc < 0 ? app_fail(a, rc, NULL, "%s", ordo_model_errmsg(m)) : rc;
}

int ordo_app_book(ordo_app *a, const ordo_app_book_req *rq, ordo_app_change_res *out)
{
    int rc = ORDO_OK, si = -1, res[ORDO_PROPOSAL_MAX_RESOURCES];
    int64_t now = app_now(rq->now);
    ordo_booking_request brq = ORDO_BOOKING_REQUEST_INIT;
    ordo_booking_plan plan;
    ordo_store_scope scope;
    ordo_model *m = NULL;

    app_start(a);
    memset(out, 0, sizeof *out);
    ORDO_TRY(check_slot(a, rq->slot_minutes));
    ORDO_TRY(check_participants(a, rq->participants));
    if (!rq->start || !rq->resources || rq->nresources <= 0) {
        rc = app_fail(a, ORDO_EINVAL, !rq->start ? "start" : "resources", "missing %s",
                      !rq->start ? "start" : "resources");
        goto done;
    }
    if (rq->title && !*rq->title) {
        rc = app_fail(a, ORDO_EINVAL, "title", "title: empty");
        goto done;
    }
    if (rq->participants)
        brq.participants = rq->participants;
    if (rq->slot_minutes)
        brq.slot_minutes = rq->slot_minutes;
    brq.customer = rq->customer;
    desk_scope(rq->start, NULL, rq->resources, rq->nresources, 0, rq->customer, &scope);
    scope.service = rq->service;          /* the new session lasts its duration */
    ORDO_TRY(app_write_begin_scope(a, &scope, &m));
    ORDO_TRY(app_find_service(a, m, "service", rq->service, &brq.service));
    ORDO_TRY(app_check_customer(a, m, "customer", rq->customer));
    ORDO_TRY(resolve_change(a, m, rq->start, rq->site, rq->resources, rq->nresources, NULL, 0, -1, &brq, res));
    ORDO_TRY(check_request(a, m, &brq, rq->force, &plan, out->conflict, sizeof out->conflict));
    if ((rc = ordo_booking_add(m, &brq, &plan, now, out->conflict[0] ? out->conflict : NULL, &si)) < 0) {
        app_fail(a, rc, NULL, "%s", ordo_model_errmsg(m));
        goto done;
    }
    if (rq->title)
        ORDO_TRY(set_title(a, m, m->sessions.v[si].course, rq->title));
    ORDO_TRY(app_write_commit(a, m, m->sessions.v[si].course, si, now));
    rc = app_fill_booking(a, m, si, &out->booking);
done:
    app_write_end(a);
    ordo_model_free(m);
    return rc;
}

/* The session index of desk booking `id` (ORDO_ENOTFOUND naming it). */
static int find_booking(ordo_app *a, const ordo_model *m, const char *id, int *si)
{
    if (!id)
        return app_fail(a, ORDO_EINVAL, "booking", "missing booking");
    if ((*si = ordo_booking_find(m, id)) < 0)
        return app_fail(a, ORDO_ENOTFOUND, "booking", "no desk booking '%s' (give its id 'booking-N' or its "
                        "session number)", id);
    return ORDO_OK;
}

int ordo_app_reschedule(ordo_app *a, const ordo_app_reschedule_req *rq, ordo_app_change_res *out)
{
    int rc = ORDO_OK, si = -1, res[ORDO_PROPOSAL_MAX_RESOURCES];
    int64_t now = app_now(rq->now);
    ordo_booking_request brq = ORDO_BOOKING_REQUEST_INIT;
    ordo_booking_plan plan;
    ordo_store_scope scope;
    ordo_model *m = NULL;

    app_start(a);
    memset(out, 0, sizeof *out);
    ORDO_TRY(check_slot(a, rq->slot_minutes));
    if (!rq->start) {
        rc = app_fail(a, ORDO_EINVAL, "start", "missing start");
        goto done;
    }
    if (rq->slot_minutes)
        brq.slot_minutes = rq->slot_minutes;
    desk_scope(rq->start, rq->booking, rq->resources, rq->nresources, !rq->resources, NULL, &scope);
    ORDO_TRY(app_write_begin_scope(a, &scope, &m));
    ORDO_TRY(find_booking(a, m, rq->booking, &si));
    const ordo_session *s = &m->sessions.v[si];
    const ordo_course *course = &m->courses.v[s->course];
    if (s->status == ORDO_SESSION_CANCELLED) {
        rc = app_fail(a, ORDO_ERULE, "booking", "booking '%s' is cancelled; book it again instead", course->id);
        goto done;
    }
    ORDO_TRY(resolve_change(a, m, rq->start, rq->site, rq->resources, rq->nresources, s->resources,
                            s->nresources, s->site, &brq, res));
    brq.service = course->service;
    brq.participants = course->participants > 0 ? course->participants : 1;
    brq.customer = course->customer;
    brq.except_session = si;
    ORDO_TRY(check_request(a, m, &brq, rq->force, &plan, out->conflict, sizeof out->conflict));
    ORDO_TRY(app_fill_booking(a, m, si, &out->before));
    if (plan.start == s->start && plan.site == s->site && plan.nresources == s->nresources &&
        memcmp(plan.resources, s->resources, (size_t)plan.nresources * sizeof *plan.resources) == 0 &&
        !out->conflict[0] == !s->forced_conflict) {
        out->unchanged = 1;
        rc = app_fill_booking(a, m, si, &out->booking);
        goto done;
    }
    if ((rc = ordo_booking_move(m, si, &plan, now, out->conflict[0] ? out->conflict : NULL)) < 0) {
        app_fail(a, rc, NULL, "%s", ordo_model_errmsg(m));
        goto done;
    }
    ORDO_TRY(app_write_commit(a, m, m->sessions.v[si].course, si, now));
    rc = app_fill_booking(a, m, si, &out->booking);
done:
    app_write_end(a);
    ordo_model_free(m);
    return rc;
}

int ordo_app_cancel(ordo_app *a, const ordo_app_cancel_req *rq, ordo_app_change_res *out)
{
    int rc = ORDO_OK, si = -1;
    int64_t now = app_now(rq->now);
    ordo_store_scope scope;
    ordo_model *m = NULL;

    app_start(a);
    memset(out, 0, sizeof *out);
    desk_scope(NULL, rq->booking, NULL, 0, 0, NULL, &scope);
    ORDO_TRY(app_write_begin_scope(a, &scope, &m));
    ORDO_TRY(find_booking(a, m, rq->booking, &si));
    if ((rc = ordo_booking_cancel(m, si, now)) < 0) {
        app_fail(a, rc, "booking", "%s", ordo_model_errmsg(m));
        goto done;
    }
    ORDO_TRY(app_write_commit(a, m, m->sessions.v[si].course, si, now));
    rc = app_fill_booking(a, m, si, &out->booking);
done:
    app_write_end(a);
    ordo_model_free(m);
    return rc;
}
