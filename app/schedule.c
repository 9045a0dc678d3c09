/*
 * schedule.c — `schedule` without lost updates (app.h: ordo_app_schedule).
 *
 * Invariants:
 *   - the solver runs on a snapshot while no lock is held;
 *   - the write transaction re-reads the store and writes only the session
 *     rows the solver changed or created, each applied onto the CURRENT row
 *     (never a whole-model save), so what others wrote meanwhile survives;
 *   - a change to a session that another process changed since the snapshot
 *     is dropped (theirs wins, counted as skipped);
 *   - a written PLANNED session is re-checked against what appeared since
 *     the snapshot (sessions/bookings placed or moved, time off added); on a
 *     clash it is saved UNSCHEDULED with "conflict: ..." as its reason.
 */
#include "app/app_int.h"

#include "model/tz.h"
#include "solver/desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A session as the snapshot had it. */
typedef struct sig {
    int64_t id;
    int index;                     /* in the snapshot model */
    ordo_session_status status;
    ordo_utc start, end;
    int site, sequence, nres, res0;   /* res0: offset into sigs.res */
    int64_t dtstamp;
} sig;

typedef struct sigs {
    sig *v;
    int n;
    int *res;                      /* resource indexes of the snapshot model */
    ordo_time_off *off;            /* snapshot time off (borrowed from the snapshot) */
    int noff;
} sigs;

static int by_sig_id(const void *a, const void *b)
{
    int64_t x = ((const sig *)a)->id, y = ((const sig *)b)->id;
    return (x > y) - (x < y);
}

static const sig *sig_find(const sigs *g, int64_t id)
{
    sig key = { 0 };
    key.id = id;
    return id ? bsearch(&key, g->v, (size_t)g->n, sizeof *g->v, by_sig_id) : NULL;
}

static void sigs_free(sigs *g)
{
    ordo__free(g->v);
    ordo__free(g->res);
    memset(g, 0, sizeof *g);
}

/* Signatures of every stored session of the snapshot, sorted by id. */
static int sigs_take(ordo_app *a, const ordo_model *m, sigs *g)
{
    size_t nres = 0;
    memset(g, 0, sizeof *g);
    for (size_t i = 0; i < m->sessions.n; i++)
        nres += (size_t)m->sessions.v[i].nresources;
    if (!(g->v = ordo__calloc(m->sessions.n + 1, sizeof *g->v)) || !(g->res = ordo__calloc(nres + 1, sizeof *g->res)))
        return app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
    int at = 0;
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *s = &m->sessions.v[i];
        if (!s->id)
            continue;
        g->v[g->n++] = (sig){ s->id, (int)i, s->status, s->start, s->end, s->site, s->sequence, s->nresources,
                              at, s->dtstamp };
        if (s->nresources > 0)                  /* an unplaced session may have none (NULL) */
            memcpy(g->res + at, s->resources, (size_t)s->nresources * sizeof *s->resources);
        at += s->nresources;
    }
    if (g->n > 1)
        qsort(g->v, (size_t)g->n, sizeof *g->v, by_sig_id);
    g->off = m->time_off.v;
    g->noff = (int)m->time_off.n;
    return ORDO_OK;
}

static const char *site_of(const ordo_model *m, int site) { return site >= 0 ? m->sites.v[site].id : ""; }

/* Does session x of model mx equal signature g of snapshot ms? Resources and
 * sites compare by id (indexes may differ between loads). */
static int same_as_sig(const ordo_model *mx, const ordo_session *x, const ordo_model *ms, const sigs *gs,
                       const sig *g)
{
    if (x->status != g->status || x->start != g->start || x->end != g->end || x->sequence != g->sequence ||
        x->dtstamp != g->dtstamp || x->nresources != g->nres ||
        strcmp(site_of(mx, x->site), site_of(ms, g->site)) != 0)
        return 0;
    for (int k = 0; k < x->nresources; k++)
        if (strcmp(mx->resources.v[x->resources[k]].id, ms->resources.v[gs->res[g->res0 + k]].id) != 0)
            return 0;
    return 1;
}

/* ---- applying the plan onto the current store ------------------------------------ */

typedef struct applier {
    ordo_app *a;
    const ordo_model *plan;        /* the solved snapshot */
    const sigs *g;
    ordo_model *cur;               /* the store under the write lock */
    int *write;                    /* indexes into cur->sessions */
    int nwrite;
    char *mine;                    /* cur session index -> 1 when written by the plan */
} applier;

static int by_id_index(const void *pa, const void *pb, void *payload)
{
    const ordo_model *m = payload;
    int64_t x = m->sessions.v[*(const int *)pa].id, y = m->sessions.v[*(const int *)pb].id;
    return (x > y) - (x < y);
}

/* cur session index of `id`, via the sorted index list; -1 if none */
static int cur_find(const ordo_model *cur, const int *sorted, int n, int64_t id)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int64_t v = cur->sessions.v[sorted[mid]].id;
        if (v == id)
            return sorted[mid];
        if (v < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* Copies the plan's session x onto cur session y (times, status, site,
 * resources by id, sequence, dtstamp, reason). Returns ORDO_OK, 1 when a
 * resource or site is no longer stored (y left alone), or ORDO_ENOMEM. */
static int copy_onto(applier *p, const ordo_session *x, ordo_session *y)
{
    int res[64], n = 0, site = -1;
    const ordo_model *pm = p->plan;
    if (x->nresources > (int)(sizeof res / sizeof *res))
        return 1;
    for (int k = 0; k < x->nresources; k++)
        if ((res[n++] = ordo_model_find_resource(p->cur, pm->resources.v[x->resources[k]].id)) < 0)
            return 1;
    if (x->site >= 0 && (site = ordo_model_find_site(p->cur, pm->sites.v[x->site].id)) < 0)
        return 1;
    if (ordo_session_set_resources(y, res, n) < 0 || ordo_session_set_reason(y, x->reason) < 0)
        return ORDO_ENOMEM;
    y->status = x->status;
    y->start = x->start;
    y->end = x->end;
    y->site = site;
    y->ordinal = x->ordinal;
    y->sequence = x->sequence;
    y->dtstamp = x->dtstamp;
    y->forced_conflict = x->forced_conflict;
    return ORDO_OK;
}

/* Does cur already hold a live session of `course` at `ordinal` (made by
 * another process since the snapshot)? */
static int ordinal_taken(const ordo_model *cur, int course, int ordinal)
{
    for (size_t i = 0; i < cur->sessions.n; i++) {
        const ordo_session *s = &cur->sessions.v[i];
        if (s->course == course && s->ordinal == ordinal && s->status != ORDO_SESSION_CANCELLED)
            return 1;
    }
    return 0;
}

static int apply_plan(applier *p, ordo_app_schedule_res *out)
{
    int rc = ORDO_OK, *sorted = NULL, nsorted = (int)p->cur->sessions.n;
    const ordo_model *pm = p->plan;
    ordo_model *cur = p->cur;
    size_t cap = pm->sessions.n + cur->sessions.n + 1;

    if (!(sorted = ordo__calloc((size_t)nsorted + 1, sizeof *sorted)) ||
        !(p->write = ordo__calloc(cap, sizeof *p->write)) || !(p->mine = ordo__calloc(cap, 1))) {
        rc = app_fail(p->a, ORDO_ENOMEM, NULL, "out of memory");
        goto done;
    }
    for (int i = 0; i < nsorted; i++)
        sorted[i] = i;
    if (nsorted > 1)
        qsort_r(sorted, (size_t)nsorted, sizeof *sorted, by_id_index, cur);
    for (size_t i = 0; i < pm->sessions.n; i++) {
        const ordo_session *x = &pm->sessions.v[i];
        const sig *g = sig_find(p->g, x->id);
        if (x->id && !g)
            continue;                                   /* not from the snapshot: cannot happen */
        if (g && same_as_sig(pm, x, pm, p->g, g))
            continue;                                   /* the solver left it as it was */
        int course = ordo_model_find_course(cur, pm->courses.v[x->course].id);
        int y = -1;
        if (course < 0) {
            out->skipped++;                             /* course removed meanwhile */
            continue;
        }
        if (x->id) {
            y = cur_find(cur, sorted, nsorted, x->id);
            if (y < 0 || !same_as_sig(cur, &cur->sessions.v[y], pm, p->g, g)) {
                out->skipped++;                         /* changed by someone else meanwhile */
                continue;
            }
        } else {
            if (ordinal_taken(cur, course, x->ordinal)) {
                out->skipped++;
                continue;
            }
            ordo_session fresh = { 0 };
            fresh.course = course;
            fresh.site = -1;
            fresh.status = ORDO_SESSION_UNSCHEDULED;
            if ((rc = ordo_model_add_session(cur, &fresh, &y)) < 0) {
                app_fail(p->a, rc, NULL, "%s", ordo_model_errmsg(cur));
                goto done;
            }
        }
        int c = copy_onto(p, x, &cur->sessions.v[y]);
        if (c < 0) {
            rc = app_fail(p->a, ORDO_ENOMEM, NULL, "out of memory");
            goto done;
        }
        if (c == 1) {                                   /* a resource or site removed meanwhile */
            ordo_session *s = &cur->sessions.v[y];
            if (ordo_session_set_reason(s, "conflict: a resource or site of the plan was removed meanwhile") < 0) {
                rc = app_fail(p->a, ORDO_ENOMEM, NULL, "out of memory");
                goto done;
            }
            s->status = ORDO_SESSION_UNSCHEDULED;
            s->site = -1;
            s->sequence++;
            out->clashed += x->status == ORDO_SESSION_PLANNED;
        }
        p->write[p->nwrite++] = y;
        p->mine[y] = 1;
    }
done:
    ordo__free(sorted);
    return rc;
}

/* ---- re-check against what appeared meanwhile ------------------------------------------ */

/* Is cur session t new or changed since the snapshot (by someone else)? */
static int appeared(const applier *p, int t)
{
    const ordo_session *s = &p->cur->sessions.v[t];
    const sig *g = sig_find(p->g, s->id);
    return !g || !same_as_sig(p->cur, s, p->plan, p->g, g);
}

static int holds(const ordo_session *s, int r)
{
    for (int k = 0; k < s->nresources; k++)
        if (s->resources[k] == r)
            return 1;
    return 0;
}

/* Was this time-off row in the snapshot? */
static int old_time_off(const applier *p, const ordo_time_off *t)
{
    const char *rid = p->cur->resources.v[t->resource].id;
    for (int i = 0; i < p->g->noff; i++) {
        const ordo_time_off *o = &p->g->off[i];
        if (o->start_date == t->start_date && o->end_date == t->end_date && o->start_min == t->start_min &&
            o->end_min == t->end_min && strcmp(p->plan->resources.v[o->resource].id, rid) == 0)
            return 1;
    }
    return 0;
}

/* The clash of planned session si (cur) with something new, into why; 0 if none. */
static int clash(const applier *p, int si, char *why, size_t n)
{
    const ordo_model *cur = p->cur;
    const ordo_session *s = &cur->sessions.v[si];
    for (int k = 0; k < s->nresources; k++) {
        int r = s->resources[k];
        for (size_t t = 0; t < cur->sessions.n; t++) {
            const ordo_session *o = &cur->sessions.v[t];
            if ((int)t == si || p->mine[t] ||
                (o->status != ORDO_SESSION_PLANNED && o->status != ORDO_SESSION_DONE) ||
                o->start >= s->end || o->end <= s->start || !holds(o, r) || !appeared(p, (int)t))
                continue;
            char label[256];
            ordo_desk_session_label(cur, o, label, sizeof label);
            snprintf(why, n, "conflict: resource '%s' was booked meanwhile by %s", cur->resources.v[r].id, label);
            return 1;
        }
        for (size_t t = 0; t < cur->time_off.n; t++) {
            const ordo_time_off *o = &cur->time_off.v[t];
            ordo_utc a = 0, b = 0;
            const char *tz = cur->sites.v[cur->resources.v[r].site].timezone;
            if (o->resource != r || ordo_tz_to_utc(tz, o->start_date, o->start_min, &a) < 0 ||
                ordo_tz_to_utc(tz, o->end_date, o->end_min, &b) < 0 || a >= s->end || b <= s->start ||
                old_time_off(p, o))
                continue;
            snprintf(why, n, "conflict: resource '%s' got time off meanwhile%s%s", cur->resources.v[r].id,
                     o->reason ? ": " : "", o->reason ? o->reason : "");
            return 1;
        }
    }
    return 0;
}

static int recheck(applier *p, ordo_app_schedule_res *out, int64_t now)
{
    char why[512];
    for (int j = 0; j < p->nwrite; j++) {
        ordo_session *s = &p->cur->sessions.v[p->write[j]];
        if (s->status != ORDO_SESSION_PLANNED || !clash(p, p->write[j], why, sizeof why))
            continue;
        if (ordo_session_set_reason(s, why) < 0 || ordo_session_set_resources(s, NULL, 0) < 0)
            return app_fail(p->a, ORDO_ENOMEM, NULL, "out of memory");
        s->status = ORDO_SESSION_UNSCHEDULED;
        s->site = -1;
        s->sequence++;
        s->dtstamp = now;
        out->clashed++;
    }
    return ORDO_OK;
}

/* ---- the use case --------------------------------------------------------------------------- */

int ordo_app_schedule(ordo_app *a, const ordo_app_schedule_req *rq, ordo_app_schedule_res *out)
{
    int rc = ORDO_OK;
    int64_t now = app_now(rq->now);
    ordo_solve_options opts = rq->opts;
    ordo_model *plan = NULL, *cur = NULL;
    sigs g = { 0 };
    applier p = { 0 };

    app_start(a);
    memset(out, 0, sizeof *out);
    if (opts.from > opts.to) {
        rc = app_fail(a, ORDO_EINVAL, "from", "the window's first day is after its last");
        goto done;
    }
    if (!opts.now)
        opts.now = now;
    if ((rc = a->ops->sessions_complete(a->store, now, &out->completed)) < 0) {
        app_store_fail(a, rc);
        goto done;
    }
    ORDO_TRY(app_snapshot(a, &plan));
    if ((rc = a->ops->bank_prepare(a->store, plan)) < 0) {
        app_store_fail(a, rc);
        goto done;
    }
    ORDO_TRY(sigs_take(a, plan, &g));
    if ((rc = ordo_solve(plan, &opts, &out->solve)) < 0) {
        app_fail(a, rc, NULL, "%s", *ordo_model_errmsg(plan) ? ordo_model_errmsg(plan) : ordo_strerror(rc));
        goto done;
    }
    /* the snapshot's time off is compared by value: keep it out of the solver's reach (it only reads it) */
    ORDO_TRY(app_write_begin(a, &cur));
    p = (applier){ a, plan, &g, cur, NULL, 0, NULL };
    ORDO_TRY(apply_plan(&p, out));
    ORDO_TRY(recheck(&p, out, opts.now));
    if ((rc = a->ops->save_sessions(a->store, cur, NULL, 0, p.write, p.nwrite)) < 0 ||
        (rc = a->ops->bank_sync(a->store, cur, now)) < 0 || (rc = app_window_save(a, &opts)) < 0 ||
        (rc = app_commit(a)) < 0) {
        app_store_fail(a, rc);
        goto done;
    }
    a->in_write = 0;
    out->written = p.nwrite;
    out->solve.placed -= out->clashed;
    if (out->solve.placed < 0)
        out->solve.placed = 0;
done:
    app_write_end(a);
    ordo__free(p.write);
    ordo__free(p.mine);
    sigs_free(&g);
    ordo_model_free(cur);
    ordo_model_free(plan);
    return rc;
}
