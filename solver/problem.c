/*
 * problem.c — builds the numeric problem (problem.h) from a model.
 *
 * Steps: make sure every course has its sessions (ordinals 0..n-1), split them
 * into frozen ones (done, cancelled, or planned outside the window) and the
 * ones this run places; lay out the horizon; fill each resource's free-minute
 * bitset from working hours, time off and frozen bookings; then per course
 * the requirement candidates and the candidate starts. A course left with no
 * start records the first filter that emptied it (its explanation).
 */
#include "solver/problem.h"
#include "model/check.h"
#include "solver/search.h"      /* sv_now */
#include "solver/explain.h"
#include "model/index.h"
#include "model/tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- sessions: create missing ones, cancel surplus ones ---------------- */

static int ensure_sessions(ordo_model *m, const ordo_solve_options *o)
{
    for (size_t c = 0; c < m->courses.n; c++) {
        if (m->courses.v[c].is_booking)
            continue;   /* desk bookings keep exactly the sessions the desk made */
        int n = m->courses.v[c].sessions;
        char *have = ordo__calloc((size_t)n + 1, 1);
        if (!have)
            return ORDO_ENOMEM;
        for (size_t i = 0; i < m->sessions.n; i++) {
            ordo_session *s = &m->sessions.v[i];
            if (s->course != (int)c)
                continue;
            if (s->ordinal < n) {
                have[s->ordinal] = 1;
            } else if (s->status == ORDO_SESSION_PLANNED || s->status == ORDO_SESSION_UNSCHEDULED) {
                s->status = ORDO_SESSION_CANCELLED;   /* the course shrank */
                s->sequence++;
                s->dtstamp = o->now;
            }
        }
        for (int k = 0; k < n; k++) {
            if (have[k])
                continue;
            ordo_session s = { 0 };
            s.course = (int)c;
            s.ordinal = k;
            s.status = ORDO_SESSION_UNSCHEDULED;
            s.site = -1;
            s.dtstamp = o->now;
            if (ordo_model_add_session(m, &s, NULL) < 0) {
                ordo__free(have);
                return ORDO_ENOMEM;
            }
        }
        ordo__free(have);
    }
    return ORDO_OK;
}

static int session_is_free(const ordo_model *m, const ordo_session *s, const ordo_solve_options *o)
{
    /* desk bookings were agreed with a customer: the planner never moves them */
    if (s->course >= 0 && s->course < (int)m->courses.n && m->courses.v[s->course].is_booking)
        return 0;
    if (s->status == ORDO_SESSION_UNSCHEDULED)
        return 1;
    if (s->status != ORDO_SESSION_PLANNED || s->site < 0)
        return 0;
    if (o->now > 0 && s->start * 60 <= o->now)
        return 0;   /* already started (or past): it happens where it is */
    ordo_date d;
    int minute;
    if (ordo_tz_to_local(m->sites.v[s->site].timezone, s->start, &d, &minute) < 0)
        return 0;
    return d >= o->from && d <= o->to;
}

/* ---- horizon and bitsets -------------------------------------------------- */

/* Set (value 1) or clear (value 0) resource r's free minutes over the real
 * interval [a, b), clipped to the horizon. */
static void mark_interval(sv_problem *p, int r, ordo_utc a, ordo_utc b, int value)
{
    long lo = (long)(a - p->h0), hi = (long)(b - p->h0);
    if (lo < 0) lo = 0;
    if (hi > p->horizon) hi = p->horizon;
    if (lo < hi)
        sv_bits_fill(sv_free_bits(p->free0, p, r), (int)lo, (int)hi, value);
}

static int cmp_wh(const void *a, const void *b)
{
    const ordo_working_hours *x = a, *y = b;
    if (x->resource != y->resource) return x->resource - y->resource;
    if (x->weekday != y->weekday) return x->weekday - y->weekday;
    return x->start - y->start;
}

/* Working hours: the union of each resource's rows per weekday, laid on every
 * local date of the horizon (one day of margin each side for other zones). */
static int fill_working_hours(sv_problem *p)
{
    const ordo_model *m = p->m;
    size_t n = m->working_hours.n;
    ordo_working_hours *wh = ordo__malloc((n ? n : 1) * sizeof *wh);
    char *has_rows = ordo__calloc((size_t)p->nres + 1, 1);
    if (!wh || !has_rows) {
        ordo__free(wh);
        ordo__free(has_rows);
        return ORDO_ENOMEM;
    }
    if (n) {   /* memcpy/qsort of a NULL array are undefined even for 0 items */
        memcpy(wh, m->working_hours.v, n * sizeof *wh);
        qsort(wh, n, sizeof *wh, cmp_wh);
    }
    for (size_t i = 0; i < n; i++)
        has_rows[wh[i].resource] = 1;
    for (int r = 0; r < p->nres; r++)
        if (!has_rows[r])
            sv_bits_fill(sv_free_bits(p->free0, p, r), 0, p->horizon, 1);
    for (size_t i = 0; i < n;) {
        /* merge the rows of one (resource, weekday) */
        int r = wh[i].resource, wd = wh[i].weekday;
        const char *tz = m->sites.v[m->resources.v[r].site].timezone;
        size_t j = i;
        while (j < n && wh[j].resource == r && wh[j].weekday == wd)
            j++;
        for (ordo_date d = p->opts.from - 1; d <= p->opts.to + 1; d++) {
            if (ordo_date_weekday(d) != wd)
                continue;
            int cur_s = -1, cur_e = -1;
            for (size_t k = i; k <= j; k++) {
                if (k < j && cur_s >= 0 && wh[k].start <= cur_e) {
                    if (wh[k].end > cur_e) cur_e = wh[k].end;
                    continue;
                }
                if (cur_s >= 0) {
                    ordo_utc a, b;
                    ordo_tz_to_utc(tz, d, cur_s, &a);
                    ordo_tz_to_utc(tz, d, cur_e, &b);
                    mark_interval(p, r, a, b, 1);
                }
                if (k < j) {
                    cur_s = wh[k].start;
                    cur_e = wh[k].end;
                }
            }
        }
        i = j;
    }
    ordo__free(wh);
    ordo__free(has_rows);
    return ORDO_OK;
}

static void fill_time_off(sv_problem *p)
{
    const ordo_model *m = p->m;
    for (size_t i = 0; i < m->time_off.n; i++) {
        const ordo_time_off *t = &m->time_off.v[i];
        const char *tz = m->sites.v[m->resources.v[t->resource].site].timezone;
        ordo_utc a, b;
        ordo_tz_to_utc(tz, t->start_date, t->start_min, &a);
        ordo_tz_to_utc(tz, t->end_date, t->end_min, &b);
        mark_interval(p, t->resource, a, b, 0);
    }
}

/* ---- cohorts -------------------------------------------------------------- */

static int collect_cohorts(sv_problem *p, ordo_index *ix)
{
    const ordo_model *m = p->m;
    int n = 0;
    for (size_t c = 0; c < m->courses.n; c++)
        n += m->courses.v[c].cohorts.count;
    p->cohort_names = ordo__calloc((size_t)n + 1, sizeof *p->cohort_names);
    if (!p->cohort_names)
        return ORDO_ENOMEM;
    for (size_t c = 0; c < m->courses.n; c++)
        for (int k = 0; k < m->courses.v[c].cohorts.count; k++) {
            char *name = m->courses.v[c].cohorts.items[k];
            if (ordo__index_get(ix, name) >= 0)
                continue;
            if (ordo__index_put(ix, name, p->npseudo) < 0)
                return ORDO_ENOMEM;
            p->cohort_names[p->npseudo++] = name;
        }
    return ORDO_OK;
}

/* ---- per-course data ------------------------------------------------------ */

static int resource_fits(const ordo_model *m, const ordo_requirement *q, const ordo_resource *r,
                         int need_seats)
{
    if ((int)r->kind != (int)q->kind)
        return 0;
    if (q->skill && !ordo_strlist_has(&r->skills, q->skill))
        return 0;
    (void)m;
    if (q->kind == ORDO_ROOM && need_seats > 0 && q->capacity_penalty == 0 && r->capacity < need_seats)
        return 0;
    return 1;
}

static int build_requirements(sv_problem *p, sv_course *c, const ordo_course *mc)
{
    const ordo_model *m = p->m;
    int n = 0;
    for (size_t i = 0; i < m->requirements.n; i++)
        n += m->requirements.v[i].service == mc->service;
    c->reqs = ordo__calloc((size_t)n + 1, sizeof *c->reqs);
    if (!c->reqs)
        return ORDO_ENOMEM;
    for (size_t i = 0; i < m->requirements.n; i++) {
        const ordo_requirement *q = &m->requirements.v[i];
        if (q->service != mc->service)
            continue;
        sv_req *rq = &c->reqs[c->nreq++];
        rq->kind = q->kind;
        rq->count = q->count;
        rq->skill = q->skill;
        rq->cap_penalty = q->capacity_penalty;
        rq->need_seats = q->min_capacity == ORDO_CAPACITY_PARTICIPANTS ? mc->participants
                         : q->min_capacity > 0 ? q->min_capacity : 0;
        rq->cands = ordo__malloc((m->resources.n + 1) * sizeof *rq->cands);
        if (!rq->cands)
            return ORDO_ENOMEM;
        for (size_t r = 0; r < m->resources.n; r++)
            if (resource_fits(m, q, &m->resources.v[r], rq->need_seats))
                rq->cands[rq->ncands++] = (int)r;
        c->nres += q->count;
        if (q->kind == ORDO_PERSON) c->persons_per_session += q->count;
        if (q->kind == ORDO_ROOM) c->rooms_per_session += q->count;
    }
    return ORDO_OK;
}

/* Why a requirement row has no candidate anywhere: skill or capacity. */
static const char *explain_requirement(sv_problem *p, sv_req *rq, const ordo_course *mc, char **owned)
{
    const ordo_model *m = p->m;
    int with_skill = 0;
    for (size_t r = 0; r < m->resources.n; r++) {
        const ordo_resource *res = &m->resources.v[r];
        if ((int)res->kind == rq->kind && (!rq->skill || ordo_strlist_has(&res->skills, rq->skill)))
            with_skill++;
    }
    char buf[400];
    if (!with_skill) {
        snprintf(buf, sizeof buf, "skill: no %s has skill '%s'", ordo_kind_name((ordo_kind)rq->kind),
                 rq->skill ? rq->skill : "(any)");
    } else {
        snprintf(buf, sizeof buf, "capacity: no room%s%s%s seats %d participants of course %s",
                 rq->skill ? " with '" : "", rq->skill ? rq->skill : "", rq->skill ? "'" : "",
                 rq->need_seats, mc->id);
    }
    *owned = ordo__strdup(buf);
    return *owned;
}

/* No start at all: the requirement row with the fewest candidates names
 * them and their time off in lo..hi when they are few (explain.h). */
static const char *never_free_reason(const sv_problem *p, const sv_course *c, ordo_date lo, ordo_date hi,
                                     char **owned)
{
    static const char base[] = "availability: the required resources are never free together "
                               "(working hours, time off, other bookings) in the window";
    char buf[1024];
    int fewest = -1;
    for (int q = 0; q < c->nreq; q++)
        if (fewest < 0 || c->reqs[q].ncands < c->reqs[fewest].ncands)
            fewest = q;
    snprintf(buf, sizeof buf, "%s", base);
    if (fewest >= 0)
        sv_explain_blockers(p, NULL, &c->reqs[fewest], lo, hi, buf, sizeof buf);
    if (strcmp(buf, base) == 0 || !(*owned = ordo__strdup(buf)))
        return base;
    return *owned;
}

static int course_blacked_out(const ordo_model *m, int mc, ordo_date d, int s, int e)
{
    for (size_t i = 0; i < m->blackouts.n; i++) {
        const ordo_course_blackout *b = &m->blackouts.v[i];
        if (b->course == mc && b->date == d && s < b->end_min && b->start_min < e)
            return 1;
    }
    return 0;
}

/* Is there, for every requirement row, `count` candidates at `site` free over
 * [t, t+dur) in the base bitsets, and are the cohorts free? */
static int start_has_potential(const sv_problem *p, const sv_course *c, int site, int t)
{
    int e = t + c->duration;
    for (int q = 0; q < c->nreq; q++) {
        int ok = 0;
        for (int k = 0; k < c->reqs[q].ncands && ok < c->reqs[q].count; k++) {
            int r = c->reqs[q].cands[k];
            if (p->m->resources.v[r].site == site && sv_bits_all(sv_free_bits(p->free0, p, r), t, e))
                ok++;
        }
        if (ok < c->reqs[q].count)
            return 0;
    }
    for (int k = 0; k < c->ncohorts; k++)
        if (!sv_bits_all(sv_free_bits(p->free0, p, c->cohorts[k]), t, e))
            return 0;
    return 1;
}

/* A start (site, date, minute) is valid for a duration when start and end
 * exist once in local time and the booking stays within one local day. */
static int start_valid(const char *tz, ordo_date d, int minute, int dur, ordo_utc *out)
{
    ordo_utc u, back;
    if (ordo_tz_to_utc(tz, d, minute, &u) != ORDO_LOCAL_OK)
        return 0;
    ordo_date ed;
    int em;
    ordo_tz_to_local(tz, u + dur, &ed, &em);
    if (!((ed == d && em > minute) || (ed == d + 1 && em == 0)))
        return 0;
    if (ordo_tz_to_utc(tz, ed, em, &back) != ORDO_LOCAL_OK || back != u + dur)
        return 0;
    *out = u;
    return 1;
}

/* May the course's sessions take place at site s? Its `site` list (empty =
 * any) and the site of its frozen sessions (all sessions at one site). */
static int site_allowed(const ordo_model *m, const sv_course *c, const ordo_course *mc, int s)
{
    return ordo_course_site_allowed(m, mc, s) && (c->fixed_site == -1 || c->fixed_site == s);
}

/* Candidates of requirement row rq at site s. */
static int cands_at(const ordo_model *m, const sv_req *rq, int s)
{
    int n = 0;
    for (int k = 0; k < rq->ncands; k++)
        n += m->resources.v[rq->cands[k]].site == s;
    return n;
}

/* Why no site the course may use has every resource its service requires:
 * per allowed site, its first requirement row short of candidates. */
static const char *explain_sites(sv_problem *p, const sv_course *c, const ordo_course *mc, char **owned)
{
    const ordo_model *m = p->m;
    if (c->fixed_site == -2)
        return "site: the course's kept sessions (delivered, or outside the planning window) are already "
               "at more than one site";
    if (!mc->sites.count && c->fixed_site < 0)
        return "site: no single site has every resource the service requires";
    char buf[600];
    size_t at = (size_t)snprintf(buf, sizeof buf, "site:");
    int listed = 0;
    for (size_t s = 0; s < m->sites.n && at < sizeof buf; s++) {
        if (!site_allowed(m, c, mc, (int)s))
            continue;
        for (int q = 0; q < c->nreq; q++) {
            const sv_req *rq = &c->reqs[q];
            int n = cands_at(m, rq, (int)s);
            if (n >= rq->count)
                continue;
            const char *who = rq->kind == ORDO_PERSON ? "teacher" : ordo_kind_name((ordo_kind)rq->kind);
            char seats[48] = "";
            if (rq->kind == ORDO_ROOM && rq->need_seats > 0 && !rq->cap_penalty)
                snprintf(seats, sizeof seats, " seating %d", rq->need_seats);
            char have[48] = "";
            if (n > 0)
                snprintf(have, sizeof have, " (%d of the %d needed)", n, rq->count);
            at += (size_t)snprintf(buf + at, sizeof buf - at, "%s no %s%s%s%s%s at site %s%s", listed ? ";" : "",
                                   who, rq->skill ? " with skill '" : "", rq->skill ? rq->skill : "",
                                   rq->skill ? "'" : "", seats, m->sites.v[s].id, have);
            listed++;
            break;
        }
    }
    if (at < sizeof buf) {
        if (c->fixed_site >= 0)
            snprintf(buf + at, sizeof buf - at, " (the site of the course's kept sessions)");
        else {
            char *list = ordo_strlist_join(&mc->sites);
            snprintf(buf + at, sizeof buf - at, " (course %s may only use site%s %s)", mc->id,
                     mc->sites.count > 1 ? "s" : "", list ? list : "?");
            ordo__free(list);
        }
    }
    *owned = ordo__strdup(buf);
    return *owned ? *owned : "site: no site the course may use has every resource the service requires";
}

/* Drop the candidates at sites the course may not use. */
static void restrict_cands(const sv_problem *p, sv_course *c, const ordo_course *mc)
{
    for (int q = 0; q < c->nreq; q++) {
        sv_req *rq = &c->reqs[q];
        int n = 0;
        for (int k = 0; k < rq->ncands; k++)
            if (site_allowed(p->m, c, mc, p->m->resources.v[rq->cands[k]].site))
                rq->cands[n++] = rq->cands[k];
        rq->ncands = n;
    }
}

static int build_starts(sv_problem *p, sv_course *c, const ordo_course *mc, char **owned_reason)
{
    const ordo_model *m = p->m;
    ordo_date lo = mc->earliest > p->opts.from ? mc->earliest : p->opts.from;
    ordo_date hi = mc->latest < p->opts.to ? mc->latest : p->opts.to;
    if (lo > hi) {
        c->empty_reason = "window: the course's dates do not meet the planning window";
        return ORDO_OK;
    }
    if (c->contract >= 0) {
        const ordo_contract *k = &m->contracts.v[c->contract];
        if (k->status != ORDO_CONTRACT_ACTIVE) {
            c->empty_reason = "contract_status: the course's contract is not active";
            return ORDO_OK;
        }
        if (k->start > lo) lo = k->start;
        if (k->end < hi) hi = k->end;
        if (lo > hi) {
            c->empty_reason = "contract_dates: no date of the course window lies within its contract's dates";
            return ORDO_OK;
        }
    }
    for (int q = 0; q < c->nreq; q++)
        if (c->reqs[q].ncands < c->reqs[q].count) {
            c->empty_reason = explain_requirement(p, &c->reqs[q], mc, owned_reason);
            return ORDO_OK;
        }
    int slot = p->opts.slot_minutes;
    size_t cap = 0;
    int any_site = 0;
    for (size_t s = 0; s < m->sites.n; s++) {
        int site_ok = site_allowed(m, c, mc, (int)s);
        for (int q = 0; q < c->nreq && site_ok; q++)
            site_ok = cands_at(m, &c->reqs[q], (int)s) >= c->reqs[q].count;
        if (!site_ok)
            continue;
        any_site = 1;
        const char *tz = m->sites.v[s].timezone;
        for (ordo_date d = lo; d <= hi; d++)
            for (int minute = 0; minute < ORDO_MIN_PER_DAY; minute += slot) {
                ordo_utc u;
                if (!start_valid(tz, d, minute, c->duration, &u))
                    continue;
                long t = (long)(u - p->h0);
                if (t < 0 || t + c->duration > p->horizon)
                    continue;
                if (course_blacked_out(m, c->mc, d, minute, minute + c->duration))
                    continue;
                if (!start_has_potential(p, c, (int)s, (int)t))
                    continue;
                if (ORDO_GROW(c->starts, cap, (size_t)c->nstarts + 1) < 0)
                    return ORDO_ENOMEM;
                c->starts[c->nstarts++] = (sv_start){ (int)t, d, minute, (int)s };
            }
    }
    if (!any_site)
        c->empty_reason = explain_sites(p, c, mc, owned_reason);
    else if (!c->nstarts)
        c->empty_reason = never_free_reason(p, c, lo, hi, owned_reason);
    return ORDO_OK;
}

static int cmp_start(const void *a, const void *b)
{
    const sv_start *x = a, *y = b;
    if (x->t != y->t) return x->t < y->t ? -1 : 1;
    return x->site - y->site;
}

/* Pressure of a resource: the minutes the courses may ask of it (each
 * requirement row's demand spread evenly over its candidates) over the
 * minutes it is free. Construction prefers low-pressure resources so that
 * scarce ones stay available for the courses that have no alternative. */
int sv_problem_find_start(const sv_course *c, int t, int site)
{
    int lo = 0, hi = c->nstarts;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (c->starts[mid].t < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (int j = lo; j < c->nstarts && c->starts[j].t == t; j++)
        if (c->starts[j].site == site)
            return j;
    return -1;
}

int sv_problem_at_prev(const sv_problem *p, int s, int j, const int *res)
{
    const sv_course *c = &p->courses[p->sess_course[s]];
    if (p->prev_start[s] != j || j < 0)
        return 0;
    const int *pr = p->prev_res + p->res_off[s];
    for (int k = 0; k < c->nres; k++)
        if (pr[k] != res[k])
            return 0;
    return 1;
}

/* Does session s's previous placement (start j, resources pr) fit the
 * problem alone: every resource still a candidate of its row at the start's
 * site and free in free0, the cohorts free, the frozen sessions of the course
 * and the hour bank respected? When not, no plan can keep it. */
static int prev_fits_alone(const sv_problem *p, const sv_course *c, int j, const int *pr)
{
    const sv_start *a = &c->starts[j];
    int e = a->t + c->duration;
    for (int q = 0, at = 0; q < c->nreq; q++)
        for (int i = 0; i < c->reqs[q].count; i++, at++) {
            int cand = 0;
            for (int k = 0; k < c->reqs[q].ncands && !cand; k++)
                cand = c->reqs[q].cands[k] == pr[at];
            for (int k = 0; k < at && cand; k++)
                cand = pr[k] != pr[at];
            if (!cand || p->m->resources.v[pr[at]].site != a->site ||
                !sv_bits_all(sv_free_bits(p->free0, p, pr[at]), a->t, e))
                return 0;
        }
    for (int k = 0; k < c->ncohorts; k++)
        if (!sv_bits_all(sv_free_bits(p->free0, p, c->cohorts[k]), a->t, e))
            return 0;
    for (int k = 0; k < c->nfixed; k++) {
        int gap = a->date > c->fixed_dates[k] ? a->date - c->fixed_dates[k] : c->fixed_dates[k] - a->date;
        if ((a->t < c->fixed_t[2 * k + 1] && c->fixed_t[2 * k] < e) ||
            (c->min_days_between > 0 && gap < c->min_days_between))
            return 0;
    }
    return c->contract < 0 || p->bank0[c->contract] >= c->duration;
}

/* The previous plan: the free sessions that are PLANNED with times and
 * resources (a re-plan), kept even with opts->fresh so that moves can be
 * counted; only the weight says whether the objective sees them. */
static int collect_previous(sv_problem *p, const ordo_solve_options *opts)
{
    const ordo_model *m = p->m;
    p->prev_start = ordo__malloc(((size_t)p->nsess + 1) * sizeof *p->prev_start);
    p->res_off = ordo__malloc(((size_t)p->nsess + 1) * sizeof *p->res_off);
    if (!p->prev_start || !p->res_off)
        return ORDO_ENOMEM;
    int total = 0;
    for (int s = 0; s < p->nsess; s++) {
        p->res_off[s] = total;
        total += p->courses[p->sess_course[s]].nres;
    }
    p->res_off[p->nsess] = total;
    if (!(p->prev_res = ordo__calloc((size_t)total + 1, sizeof *p->prev_res)))
        return ORDO_ENOMEM;
    for (int s = 0; s < p->nsess; s++) {
        const ordo_session *ms = &m->sessions.v[p->sess_model[s]];
        const sv_course *c = &p->courses[p->sess_course[s]];
        p->prev_start[s] = -1;
        if (ms->status != ORDO_SESSION_PLANNED || ms->site < 0)
            continue;
        p->nprev++;
        int j = ms->nresources == c->nres && ms->end - ms->start == c->duration
                    ? sv_problem_find_start(c, (int)(ms->start - p->h0), ms->site) : -1;
        if (j >= 0)
            memcpy(p->prev_res + p->res_off[s], ms->resources, (size_t)c->nres * sizeof *p->prev_res);
        if (j < 0 || !prev_fits_alone(p, c, j, p->prev_res + p->res_off[s])) {
            p->prev_start[s] = -2;
            p->must_move++;
        } else {
            p->prev_start[s] = j;
        }
    }
    p->stability = opts->fresh || opts->stability_weight < 0 ? 0
                   : opts->stability_weight > 0 ? opts->stability_weight : ORDO_SOLVE_DEFAULT_STABILITY;
    if (!p->nprev)
        p->stability = 0;
    return ORDO_OK;
}

static int compute_pressure(sv_problem *p)
{
    p->pressure = ordo__calloc((size_t)p->nres + 1, sizeof *p->pressure);
    if (!p->pressure)
        return ORDO_ENOMEM;
    for (int ci = 0; ci < p->ncourses; ci++) {
        const sv_course *c = &p->courses[ci];
        for (int q = 0; q < c->nreq; q++)
            for (int k = 0; k < c->reqs[q].ncands; k++)
                p->pressure[c->reqs[q].cands[k]] +=
                    (double)c->nsess * c->duration * c->reqs[q].count / c->reqs[q].ncands;
    }
    for (int r = 0; r < p->nres; r++) {
        const sv_word *w = sv_free_bits(p->free0, p, r);
        long free_min = 0;
        for (int i = 0; i < p->words; i++)
            free_min += __builtin_popcountll(w[i]);
        p->pressure[r] = free_min ? p->pressure[r] / (double)free_min : 1e3;
    }
    return ORDO_OK;
}

/* The course's starts by site, then time (so by local date within a
 * site): one pass per site, starts being by time already. */
static int index_by_site(sv_course *c)
{
    c->by_site = ordo__malloc(((size_t)c->nstarts + 1) * sizeof *c->by_site);
    if (!c->by_site)
        return ORDO_ENOMEM;
    int n = 0;
    /* few sites per course: one pass per distinct site, in site order */
    int last = -1;
    while (n < c->nstarts) {
        int site = -1;
        for (int k = 0; k < c->nstarts; k++)
            if (c->starts[k].site > last && (site < 0 || c->starts[k].site < site))
                site = c->starts[k].site;
        for (int k = 0; k < c->nstarts; k++)
            if (c->starts[k].site == site)
                c->by_site[n++] = k;
        last = site;
    }
    return ORDO_OK;
}

static int copy_resources(sv_problem *p)
{
    p->res_site = ordo__malloc(((size_t)p->nres + 1) * sizeof *p->res_site);
    p->res_seats = ordo__malloc(((size_t)p->nres + 1) * sizeof *p->res_seats);
    p->res_kind = ordo__malloc(((size_t)p->nres + 1) * sizeof *p->res_kind);
    if (!p->res_site || !p->res_seats || !p->res_kind)
        return ORDO_ENOMEM;
    for (int r = 0; r < p->nres; r++) {
        p->res_site[r] = (int)p->m->resources.v[r].site;
        p->res_seats[r] = p->m->resources.v[r].capacity;
        p->res_kind[r] = (int)p->m->resources.v[r].kind;
    }
    return ORDO_OK;
}

/* The first position in by_site[lo, hi) at or after (site, date), by_site
 * being in (site, date) order. */
static int first_at(const sv_course *c, int lo, int hi, int site, double date)
{
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        const sv_start *x = &c->starts[c->by_site[mid]];
        if (x->site < site || (x->site == site && x->date < date))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int sv_course_nearest_date(const sv_course *c, int site, double target, int *from, int *to)
{
    int a = first_at(c, 0, c->nstarts, site, -1e18), b = first_at(c, a, c->nstarts, site + 1, -1e18);
    if (a == b)
        return 0;
    int at = first_at(c, a, b, site, target);   /* the first start on or after the target */
    double up = at < b ? c->starts[c->by_site[at]].date - target : -1;
    double down = at > a ? target - c->starts[c->by_site[at - 1]].date : -1;
    /* the nearest date, or both when they are as near */
    ordo_date first = down >= 0 && (up < 0 || down < up + 1e-9) ? c->starts[c->by_site[at - 1]].date
                                                                  : c->starts[c->by_site[at]].date;
    ordo_date last = up >= 0 && (down < 0 || up < down + 1e-9) ? c->starts[c->by_site[at]].date
                                                                : c->starts[c->by_site[at - 1]].date;
    int i = at, j = at;
    while (i > a && c->starts[c->by_site[i - 1]].date >= first)
        i--;
    while (j < b && c->starts[c->by_site[j]].date <= last)
        j++;
    *from = i;
    *to = j;
    return j - i;
}

/* ---- build ---------------------------------------------------------------- */

int sv_problem_build(sv_problem *p, ordo_model *m, const ordo_solve_options *opts, ordo_err *err)
{
    int rc = ORDO_OK, *nfrozen = NULL;
    ordo_index *cohort_ix = NULL;
    double deadline = opts->time_limit_s > 0 ? sv_now() + opts->time_limit_s : 0;
    memset(p, 0, sizeof *p);
    p->m = m;
    p->opts = *opts;
    p->w = m->weights;
    p->nres = (int)m->resources.n;
    if (opts->slot_minutes < 1 || opts->slot_minutes > ORDO_MIN_PER_DAY || opts->from > opts->to)
        return ordo__seterr(err, ORDO_EINVAL, "planning window or slot invalid");
    for (size_t s = 0; s < m->sites.n; s++)
        if (!ordo_tz_valid(m->sites.v[s].timezone))
            return ordo__seterr(err, ORDO_EINPUT, "site '%s': unknown time zone '%s'",
                                m->sites.v[s].id, m->sites.v[s].timezone);
    ORDO_TRY(ensure_sessions(m, opts));

    /* horizon: from the earliest local midnight of `from` to the latest of `to`+1 */
    ordo_utc h0 = INT64_MAX, h1 = INT64_MIN;
    for (size_t s = 0; s < m->sites.n; s++) {
        ordo_utc a, b;
        ordo_tz_to_utc(m->sites.v[s].timezone, opts->from, 0, &a);
        ordo_tz_to_utc(m->sites.v[s].timezone, opts->to + 1, 0, &b);
        if (a < h0) h0 = a;
        if (b > h1) h1 = b;
    }
    if (!m->sites.n) {
        h0 = (ordo_utc)opts->from * ORDO_MIN_PER_DAY;
        h1 = (ordo_utc)(opts->to + 1) * ORDO_MIN_PER_DAY;
    }
    p->h0 = h0;
    p->horizon = (int)(h1 - h0);
    p->words = p->horizon / 64 + 2;

    ORDO_TRY(ordo__index_new(&cohort_ix));
    ORDO_TRY(collect_cohorts(p, cohort_ix));
    size_t nbits = (size_t)(p->nres + p->npseudo) * (size_t)p->words;
    if (!(p->free0 = ordo__calloc(nbits + 1, sizeof *p->free0))) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    ORDO_TRY(fill_working_hours(p));
    fill_time_off(p);
    for (int k = 0; k < p->npseudo; k++)
        sv_bits_fill(sv_free_bits(p->free0, p, p->nres + k), 0, p->horizon, 1);

    /* sessions: frozen ones block their resources; free ones are placed */
    p->sess_model = ordo__malloc((m->sessions.n + 1) * sizeof *p->sess_model);
    p->sess_course = ordo__malloc((m->sessions.n + 1) * sizeof *p->sess_course);
    p->ncourses = (int)m->courses.n;
    p->courses = ordo__calloc(m->courses.n + 1, sizeof *p->courses);
    p->bank0 = ordo__calloc(m->contracts.n + 1, sizeof *p->bank0);
    p->is_load_person = ordo__calloc((size_t)p->nres + 1, 1);
    p->load0 = ordo__calloc((size_t)p->nres + 1, sizeof *p->load0);
    if (!p->load0 || !p->sess_model || !p->sess_course || !p->courses || !p->bank0 || !p->is_load_person) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    for (size_t k = 0; k < m->contracts.n; k++)
        p->bank0[k] = m->contracts.v[k].minutes - m->contracts.v[k].used_minutes;
    /* frozen sessions per course, so each course holds room for its own
     * (not one slot per session of the model: memory grew with courses x sessions) */
    if (!(nfrozen = ordo__calloc(m->courses.n + 1, sizeof *nfrozen))) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *s = &m->sessions.v[i];
        if (s->course >= 0 && s->course < (int)m->courses.n && s->ordinal < m->courses.v[s->course].sessions &&
            !session_is_free(m, s, opts) &&
            (s->status == ORDO_SESSION_PLANNED || s->status == ORDO_SESSION_DONE) && s->site >= 0)
            nfrozen[s->course]++;
    }

    for (size_t ci = 0; ci < m->courses.n; ci++) {
        const ordo_course *mc = &m->courses.v[ci];
        sv_course *c = &p->courses[ci];
        c->mc = (int)ci;
        c->duration = m->services.v[mc->service].duration;
        if (c->duration > p->max_duration)
            p->max_duration = c->duration;
        c->contract = mc->contract;
        c->min_days_between = mc->min_days_between;
        c->min_distinct_days = mc->min_distinct_days;
        c->fixed_site = -1;
        c->cohorts = ordo__malloc(((size_t)mc->cohorts.count + 1) * sizeof *c->cohorts);
        c->sess = ordo__malloc(((size_t)mc->sessions + 1) * sizeof *c->sess);
        c->fixed_dates = ordo__malloc(((size_t)nfrozen[ci] + 1) * sizeof *c->fixed_dates);
        c->fixed_t = ordo__malloc(((size_t)nfrozen[ci] + 1) * 2 * sizeof *c->fixed_t);
        if (!c->cohorts || !c->sess || !c->fixed_dates || !c->fixed_t) {
            rc = ORDO_ENOMEM;
            goto done;
        }
        for (int k = 0; k < mc->cohorts.count; k++) {   /* distinct: a cohort attends a course or not */
            int q = p->nres + ordo__index_get(cohort_ix, mc->cohorts.items[k]), dup = 0;
            for (int i = 0; i < c->ncohorts && !dup; i++)
                dup = c->cohorts[i] == q;
            if (!dup)
                c->cohorts[c->ncohorts++] = q;
        }
        ORDO_TRY(build_requirements(p, c, mc));
        for (int q = 0; q < c->nreq; q++)
            if (c->reqs[q].kind == ORDO_PERSON)
                for (int k = 0; k < c->reqs[q].ncands; k++)
                    p->is_load_person[c->reqs[q].cands[k]] = 1;
    }
    for (size_t i = 0; i < m->sessions.n; i++) {
        ordo_session *s = &m->sessions.v[i];
        if (s->course < 0 || s->course >= (int)m->courses.n || s->ordinal >= m->courses.v[s->course].sessions)
            continue;
        sv_course *c = &p->courses[s->course];
        if (session_is_free(m, s, opts)) {
            p->sess_model[p->nsess] = (int)i;
            p->sess_course[p->nsess] = s->course;
            c->sess[c->nsess++] = p->nsess++;
            continue;
        }
        if (s->status != ORDO_SESSION_PLANNED && s->status != ORDO_SESSION_DONE)
            continue;
        if (s->site < 0)
            continue;
        /* frozen: occupies its resources and cohorts, counts in the bank,
         * in the course's stability and in its persons' load */
        int *fr = ordo__realloc(c->fixed_res, ((size_t)c->nfixed_res + (size_t)s->nresources + 1) * sizeof *fr);
        if (!fr) {
            rc = ORDO_ENOMEM;
            goto done;
        }
        c->fixed_res = fr;
        for (int k = 0; k < s->nresources; k++) {
            mark_interval(p, s->resources[k], s->start, s->end, 0);
            c->fixed_res[c->nfixed_res++] = s->resources[k];
            if (p->is_load_person[s->resources[k]])
                p->load0[s->resources[k]] += s->end - s->start;
        }
        for (int k = 0; k < c->ncohorts; k++)
            mark_interval(p, c->cohorts[k], s->start, s->end, 0);
        c->fixed_site = c->fixed_site == -1 || c->fixed_site == s->site ? s->site : -2;
        int mn;
        ordo_tz_to_local(m->sites.v[s->site].timezone, s->start, &c->fixed_dates[c->nfixed], &mn);
        c->fixed_t[2 * c->nfixed] = (int)(s->start - p->h0);
        c->fixed_t[2 * c->nfixed + 1] = (int)(s->end - p->h0);
        c->nfixed++;
        if (c->contract >= 0)
            p->bank0[c->contract] -= (s->end - s->start);
    }
    for (int r = 0; r < p->nres; r++)
        p->npersons += p->is_load_person[r];
    for (int ci = 0; ci < p->ncourses; ci++) {
        sv_course *c = &p->courses[ci];
        const ordo_course *mc = &m->courses.v[ci];
        char *owned = NULL;
        if (deadline > 0 && sv_now() >= deadline) {   /* building is a phase too (--time-limit) */
            c->empty_reason = "time limit: the time limit ran out while the problem was being built";
            continue;
        }
        ORDO_TRY(build_starts(p, c, mc, &owned));
        c->owned_reason = owned;
        restrict_cands(p, c, mc);
        if (c->nstarts)
            qsort(c->starts, (size_t)c->nstarts, sizeof *c->starts, cmp_start);
        ORDO_TRY(index_by_site(c));
        ordo_date lo = mc->earliest > opts->from ? mc->earliest : opts->from;
        ordo_date hi = mc->latest < opts->to ? mc->latest : opts->to;
        int days = hi >= lo ? hi - lo + 1 : 0;
        c->ideal_gap = mc->sessions > 1 ? (days - 1) / (mc->sessions - 1) : 0;
        if (c->ideal_gap < c->min_days_between)
            c->ideal_gap = c->min_days_between;
    }
    ORDO_TRY(compute_pressure(p));
    ORDO_TRY(copy_resources(p));
    ORDO_TRY(collect_previous(p, opts));
done:
    ordo__index_free(cohort_ix);
    ordo__free(nfrozen);
    if (rc < 0 && err && !err->msg[0])
        ordo__seterr(err, rc, "building the problem: %s", ordo_strerror(rc));
    return rc;
}

void sv_problem_free(sv_problem *p)
{
    if (!p)
        return;
    for (int ci = 0; ci < p->ncourses; ci++) {
        sv_course *c = &p->courses[ci];
        for (int q = 0; q < c->nreq; q++)
            ordo__free(c->reqs[q].cands);
        ordo__free(c->reqs);
        ordo__free(c->starts);
        ordo__free(c->by_site);
        ordo__free(c->cohorts);
        ordo__free(c->sess);
        ordo__free(c->fixed_dates);
        ordo__free(c->fixed_t);
        ordo__free(c->fixed_res);
        ordo__free(c->owned_reason);
    }
    ordo__free(p->courses);
    ordo__free(p->free0);
    ordo__free(p->cohort_names);
    ordo__free(p->sess_model);
    ordo__free(p->sess_course);
    ordo__free(p->bank0);
    ordo__free(p->is_load_person);
    ordo__free(p->pressure);
    ordo__free(p->res_site);
    ordo__free(p->res_seats);
    ordo__free(p->res_kind);
    ordo__free(p->load0);
    ordo__free(p->prev_start);
    ordo__free(p->prev_res);
    ordo__free(p->res_off);
    memset(p, 0, sizeof *p);
}

double sv_phase_limit(const sv_problem *p, double share)
{
    if (p->deadline_at <= 0)
        return share;
    double left = p->deadline_at - sv_now();
    return left <= 0.001 ? 0 : left < share ? left : share;
}
