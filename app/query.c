/*
 * query.c — the read-only use cases: one booking, bookings in a range,
 * resources (app.h). Each reads one consistent snapshot of the store and
 * copies what it returns, so results outlive the snapshot.
 */
#include "app/app_int.h"

#include "io/plan_view.h"
#include "model/conflicts.h"
#include "model/tz.h"
#include "solver/booking.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- bookings -------------------------------------------------------------------------- */

/* Session index of `id`: a desk booking id, or a session number of any session. */
static int find_session(const ordo_model *m, const char *id)
{
    int si = ordo_booking_find(m, id);
    char *end = NULL;
    if (si >= 0 || !id || !*id)
        return si;
    long long v = strtoll(id, &end, 10);
    if (*end || v <= 0)
        return -1;
    for (size_t i = 0; i < m->sessions.n; i++)
        if (m->sessions.v[i].id == v)
            return (int)i;
    return -1;
}

/* Sets each out[i] (session index pick[i]) number/count as the exporters
 * number it, and conflict when it is in any double or forced booking. */
static int add_plan_view(ordo_app *a, const ordo_model *m, const int *pick, int n, ordo_app_booking *out)
{
    int rc = ORDO_OK;
    ordo_err err = { 0 };
    ordo__numbering num = { 0 };
    ordo_conflict *conf = NULL;
    size_t nconf = 0;
    char *flag = NULL;
    if (n <= 0)
        return ORDO_OK;
    if ((rc = ordo__numbering_build(&num, m, &err)) < 0 || (rc = ordo_conflicts_find(m, &conf, &nconf, &err)) < 0) {
        rc = app_fail(a, rc, NULL, "%s", err.msg[0] ? err.msg : ordo_strerror(rc));
        goto done;
    }
    if (!(flag = ordo__calloc(m->sessions.n + 1, 1))) {
        rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
        goto done;
    }
    ordo_conflicts_mark(m, conf, nconf, flag);
    for (int i = 0; i < n; i++) {
        const ordo_session *s = &m->sessions.v[pick[i]];
        out[i].number = num.number[pick[i]];
        out[i].count = out[i].number ? num.count[s->course] : 0;
        out[i].conflict |= flag[pick[i]];
    }
done:
    ordo__free(flag);
    ordo__free(conf);
    ordo__numbering_clear(&num);
    return rc;
}

int ordo_app_booking_get(ordo_app *a, const char *id, ordo_app_booking *out)
{
    int rc = ORDO_OK, si;
    const ordo_model *m = NULL;
    app_start(a);
    memset(out, 0, sizeof *out);
    ORDO_TRY(app_snapshot_shared(a, &m));
    if ((si = find_session(m, id)) < 0) {
        rc = app_fail(a, ORDO_ENOTFOUND, "id", "no booking '%s' (give 'booking-N' or a session number)",
                      id ? id : "");
        goto done;
    }
    ORDO_TRY(app_fill_booking(a, m, si, out));
    if ((rc = add_plan_view(a, m, &si, 1, out)) < 0)
        ordo_app_booking_clear(out);
done:
    return rc;
}

void ordo_app_bookings_clear(ordo_app_bookings *l)
{
    if (!l)
        return;
    for (int i = 0; l->v && i < l->n; i++)
        ordo_app_booking_clear(&l->v[i]);
    ordo__free(l->v);
    memset(l, 0, sizeof *l);
}

static int has_resource(const ordo_session *s, int r)
{
    for (int k = 0; k < s->nresources; k++)
        if (s->resources[k] == r)
            return 1;
    return 0;
}


static int by_start(const void *pa, const void *pb, void *payload)
{
    const ordo_model *m = payload;
    const ordo_session *x = &m->sessions.v[*(const int *)pa], *y = &m->sessions.v[*(const int *)pb];
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

int ordo_app_booking_list(ordo_app *a, const ordo_app_booking_list_req *rq, ordo_app_bookings *out)
{
    int rc = ORDO_OK, resource = -1, course = -1, n = 0, *pick = NULL;
    ordo_when from = { 0 }, to = { 0 };
    const ordo_model *m = NULL;

    app_start(a);
    memset(out, 0, sizeof *out);
    if (rq->from)
        ORDO_TRY(app_when(a, "from", rq->from, 0, &from));
    if (rq->to)
        ORDO_TRY(app_when(a, "to", rq->to, 1, &to));
    ORDO_TRY(app_snapshot_shared(a, &m));
    if (rq->resource && (resource = ordo_model_find_resource(m, rq->resource)) < 0) {
        rc = app_fail(a, ORDO_EINPUT, "resource", "unknown resource '%s'", rq->resource);
        goto done;
    }
    if (rq->course && (course = ordo_model_find_course(m, rq->course)) < 0) {
        rc = app_fail(a, ORDO_EINPUT, "course", "unknown course or booking '%s'", rq->course);
        goto done;
    }
    if (m->sessions.n > 0 && !(pick = ordo__calloc(m->sessions.n, sizeof *pick))) {
        rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *s = &m->sessions.v[i];
        ordo_utc lo = 0, hi = 0;
        if (s->site < 0 || s->end <= s->start || s->status == ORDO_SESSION_UNSCHEDULED ||
            (s->status == ORDO_SESSION_CANCELLED && !rq->include_cancelled) ||
            (course >= 0 && s->course != course) || (resource >= 0 && !has_resource(s, resource)))
            continue;
        if (rq->from && (ordo_when_at_site(m, s->site, &from, &lo) < 0 || s->end <= lo))
            continue;
        if (rq->to && (ordo_when_at_site(m, s->site, &to, &hi) < 0 || s->start >= hi))
            continue;
        pick[n++] = (int)i;
    }
    if (n > 1)
        qsort_r(pick, (size_t)n, sizeof *pick, by_start, (void *)m);   /* by_start only reads it */
    if (n > 0 && !(out->v = ordo__calloc((size_t)n, sizeof *out->v))) {
        rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
        goto done;
    }
    for (int i = 0; i < n; i++) {
        ORDO_TRY(app_fill_booking(a, m, pick[i], &out->v[i]));
        out->n = i + 1;
    }
    rc = add_plan_view(a, m, pick, n, out->v);
done:
    if (rc < 0)
        ordo_app_bookings_clear(out);
    ordo__free(pick);
    return rc;
}

/* ---- resources ------------------------------------------------------------------------- */

void ordo_app_resource_clear(ordo_app_resource *r)
{
    if (!r)
        return;
    ordo__free(r->id);
    ordo__free(r->name);
    ordo__free(r->site);
    ordo__free(r->timezone);
    ordo__free(r->email);
    app_free_ids(r->skills, r->nskills);
    memset(r, 0, sizeof *r);
}

void ordo_app_resources_clear(ordo_app_resources *l)
{
    if (!l)
        return;
    for (int i = 0; l->v && i < l->n; i++)
        ordo_app_resource_clear(&l->v[i]);
    ordo__free(l->v);
    memset(l, 0, sizeof *l);
}

static int fill_resource(ordo_app *a, const ordo_model *m, int ri, ordo_app_resource *out)
{
    const ordo_resource *r = &m->resources.v[ri];
    const ordo_site *site = &m->sites.v[r->site];
    int ok = 1;
    memset(out, 0, sizeof *out);
    out->kind = r->kind;
    out->capacity = r->capacity;
    ok &= (out->id = ordo__strdup(r->id)) != NULL;
    ok &= (out->name = ordo__strdup(r->name ? r->name : r->id)) != NULL;
    ok &= (out->site = ordo__strdup(site->id)) != NULL;
    ok &= (out->timezone = ordo__strdup(site->timezone)) != NULL;
    if (r->email)
        ok &= (out->email = ordo__strdup(r->email)) != NULL;
    if (ok && r->skills.count > 0) {
        if (!(out->skills = ordo__calloc((size_t)r->skills.count, sizeof *out->skills)))
            ok = 0;
        for (int k = 0; ok && k < r->skills.count; k++, out->nskills++)
            ok &= (out->skills[k] = ordo__strdup(r->skills.items[k])) != NULL;
    }
    if (!ok) {
        ordo_app_resource_clear(out);
        return app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
    }
    return ORDO_OK;
}

int ordo_app_resource_get(ordo_app *a, const char *id, ordo_app_resource *out)
{
    int rc = ORDO_OK, ri;
    const ordo_model *m = NULL;
    app_start(a);
    memset(out, 0, sizeof *out);
    ORDO_TRY(app_snapshot_shared(a, &m));
    if (!id || (ri = ordo_model_find_resource(m, id)) < 0) {
        rc = app_fail(a, ORDO_ENOTFOUND, "id", "no resource '%s'", id ? id : "");
        goto done;
    }
    rc = fill_resource(a, m, ri, out);
done:
    return rc;
}

int ordo_app_resource_list(ordo_app *a, ordo_app_resources *out)
{
    int rc = ORDO_OK;
    const ordo_model *m = NULL;
    app_start(a);
    memset(out, 0, sizeof *out);
    ORDO_TRY(app_snapshot_shared(a, &m));
    if (m->resources.n > 0 && !(out->v = ordo__calloc(m->resources.n, sizeof *out->v))) {
        rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < m->resources.n; i++) {
        ORDO_TRY(fill_resource(a, m, (int)i, &out->v[i]));
        out->n = (int)i + 1;
    }
done:
    if (rc < 0)
        ordo_app_resources_clear(out);
    return rc;
}

/* ---- one resource with its calendar ----------------------------------------------------- */

void ordo_app_resource_detail_clear(ordo_app_resource_detail *d)
{
    if (!d)
        return;
    ordo_app_resource_clear(&d->resource);
    for (int i = 0; d->time_off && i < d->ntime_off; i++) {
        ordo__free(d->time_off[i].reason);
        ordo__free(d->time_off[i].source);
    }
    ordo__free(d->time_off);
    ordo__free(d->hours);
    memset(d, 0, sizeof *d);
}

static int cmp_hours(const void *pa, const void *pb)
{
    const ordo_app_hours *x = pa, *y = pb;
    if (x->weekday != y->weekday)
        return x->weekday - y->weekday;
    return x->start != y->start ? x->start - y->start : x->end - y->end;
}

static int cmp_time_off(const void *pa, const void *pb)
{
    const ordo_app_time_off *x = pa, *y = pb;
    int c = strcmp(x->start, y->start);
    return c ? c : strcmp(x->end, y->end);
}

int ordo_app_resource_show(ordo_app *a, const char *id, int64_t now, ordo_app_resource_detail *out)
{
    int rc = ORDO_OK, ri;
    const ordo_model *m = NULL;
    ordo_utc at = (ordo_utc)(app_now(now) / 60);
    app_start(a);
    memset(out, 0, sizeof *out);
    ORDO_TRY(app_snapshot_shared(a, &m));
    if (!id || (ri = ordo_model_find_resource(m, id)) < 0) {
        rc = app_fail(a, ORDO_ENOTFOUND, "id", "no resource '%s'", id ? id : "");
        goto done;
    }
    ORDO_TRY(fill_resource(a, m, ri, &out->resource));
    const char *tz = m->sites.v[m->resources.v[ri].site].timezone;
    if (!(out->hours = ordo__calloc(m->working_hours.n + 1, sizeof *out->hours)) ||
        !(out->time_off = ordo__calloc(m->time_off.n + 1, sizeof *out->time_off))) {
        rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < m->working_hours.n; i++) {
        const ordo_working_hours *w = &m->working_hours.v[i];
        if (w->resource == ri)
            out->hours[out->nhours++] = (ordo_app_hours){ w->weekday, w->start, w->end };
    }
    qsort(out->hours, (size_t)out->nhours, sizeof *out->hours, cmp_hours);
    for (size_t i = 0; i < m->time_off.n; i++) {
        const ordo_time_off *o = &m->time_off.v[i];
        if (o->resource != ri)
            continue;
        ordo_app_time_off *e = &out->time_off[out->ntime_off++];
        ordo_utc end = 0;
        ordo_datetime_format(o->start_date, o->start_min, e->start);
        ordo_datetime_format(o->end_date, o->end_min, e->end);
        ordo_tz_to_utc(tz, o->end_date, o->end_min, &end);
        e->past = end <= at;
        if ((o->reason && !(e->reason = ordo__strdup(o->reason))) ||
            !(e->source = ordo__strdup(o->source ? o->source : "csv"))) {
            rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
            goto done;
        }
    }
    qsort(out->time_off, (size_t)out->ntime_off, sizeof *out->time_off, cmp_time_off);
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *s = &m->sessions.v[i];
        if ((s->status != ORDO_SESSION_PLANNED && s->status != ORDO_SESSION_DONE) || s->end <= s->start ||
            !has_resource(s, ri))
            continue;
        if (s->status == ORDO_SESSION_PLANNED && s->end > at)
            out->sessions_upcoming++;
        else
            out->sessions_past++;
    }
done:
    if (rc < 0)
        ordo_app_resource_detail_clear(out);
    return rc;
}
