/*
 * repair.c — options for the sessions that must (or may) move, the
 * set-packing MIP that picks them, and the changes to the model (repair.h).
 *
 * Free time for options comes from model/calendar.h with every moving
 * session left out (they compete inside the MIP, not through the lists).
 * Conflicts are "uses": an option uses a resource, each cohort of its course
 * and its course itself over an interval; for each key and each use, the
 * uses covering that use's start form a clique (at most one chosen) — for
 * intervals that is exactly "no two overlap". A course with
 * min_days_between g >= 1 uses its course key over [day, day + g) on a day
 * line, so two of its sessions land g days apart or more.
 * Objective (minimised): an infeasible session's option costs
 * cost - REPAIR_PLACE_WEIGHT; another session's staying costs 0 and its
 * move REPAIR_MOVE_PENALTY + cost.
 */
#include "solver/repair_int.h"
#include "model/index.h"
#include "model/tz.h"
#include "solver/find_times.h"
#include "solver/milp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPAIR_PLACE_WEIGHT 1e9
#define DEFAULT_NODE_LIMIT 20000
#define VARIANTS 3                  /* resource combinations tried per start */

typedef struct rp_option {
    int session;                    /* model index */
    int stay;                       /* the session's current placement (others only) */
    ordo_utc start;
    int res[REPAIR_MAX_RESOURCES];
    int nres, changed;
    double cost;
    int col;
} rp_option;

typedef struct rp_use {
    int key;
    int64_t a, b;
    int col;
} rp_use;

typedef struct rp_build {
    rp_ctx *c;
    ordo_utc lo, hi;                /* range of the free lists */
    ordo_intervals *free;           /* per resource, computed on demand */
    char *have_free;
    ordo_index *cohort_ix;
    int ncohorts;
    rp_option *opts;
    size_t nopts, cap_opts;
    rp_use *uses;
    size_t nuses, cap_uses;
    int *nopt_of;                   /* per moving position: options kept */
} rp_build;

/* ---- free time without the moving sessions ----------------------------------- */

static int free_of(rp_build *b, int r, const ordo_intervals **out)
{
    int rc = ORDO_OK;
    const ordo_model *m = b->c->m;
    ordo_intervals work = { 0 }, off = { 0 }, tmp = { 0 }, busy = { 0 };
    ordo_calendar_rows rows;
    if (b->have_free[r]) {
        *out = &b->free[r];
        return ORDO_OK;
    }
    ordo_desk_rows(b->c->d, r, &rows);
    ORDO_TRY(ordo_calendar_working(&work, m, r, &rows, b->lo, b->hi));
    ORDO_TRY(ordo_calendar_time_off(&off, m, r, &rows, b->lo, b->hi));
    ORDO_TRY(ordo_intervals_subtract(&tmp, &work, &off));
    for (int i = 0; i < rows.nsessions; i++) {
        int si = rows.sessions[i];
        const ordo_session *s = &m->sessions.v[si];
        if (b->c->role[si] == RP_FIXED && ordo_calendar_session_holds(s, r))
            ORDO_TRY(ordo_intervals_add(&busy, s->start, s->end));
    }
    ordo_intervals_normalize(&busy);
    ORDO_TRY(ordo_intervals_subtract(&b->free[r], &tmp, &busy));
    b->have_free[r] = 1;
    *out = &b->free[r];
done:
    ordo_intervals_clear(&work);
    ordo_intervals_clear(&off);
    ordo_intervals_clear(&tmp);
    ordo_intervals_clear(&busy);
    return rc;
}

static int is_free(rp_build *b, int r, ordo_utc a, ordo_utc e, int *ok)
{
    const ordo_intervals *l = NULL;
    int rc = free_of(b, r, &l);
    *ok = rc == ORDO_OK && ordo_intervals_find(l, a, e) >= 0;
    return rc;
}

/* ---- course rules for a start -------------------------------------------------- */

/* The fixed sessions that constrain course session si: those of its course
 * and of courses sharing a cohort (none for a desk booking). */
static int related_sessions(rp_build *b, int si, int **out, int *n)
{
    const ordo_model *m = b->c->m;
    const ordo_session *s = &m->sessions.v[si];
    const ordo_course *c = &m->courses.v[s->course];
    *n = 0;
    if (!(*out = ordo__malloc((m->sessions.n + 1) * sizeof **out)))
        return ORDO_ENOMEM;
    for (size_t i = 0; !c->is_booking && i < m->sessions.n; i++) {
        const ordo_session *x = &m->sessions.v[i];
        if ((int)i == si || b->c->role[i] != RP_FIXED || x->course < 0 ||
            (x->status != ORDO_SESSION_PLANNED && x->status != ORDO_SESSION_DONE) || x->end <= x->start)
            continue;
        int rel = x->course == s->course;
        const ordo_strlist *xc = &m->courses.v[x->course].cohorts;
        for (int k = 0; k < c->cohorts.count && !rel; k++)
            rel = ordo_strlist_has(xc, c->cohorts.items[k]);
        if (rel)
            (*out)[(*n)++] = (int)i;
    }
    return ORDO_OK;
}

/* May course session s start at u (local date d, minute mn)? Checks the
 * course's dates, contract dates, blackouts, and the related fixed sessions
 * (its course: min_days_between or no overlap; its cohorts: no overlap).
 * Desk bookings have no course rules. */
static int course_allows(rp_build *b, const ordo_session *s, const int *rel, int nrel, ordo_utc u,
                         ordo_utc e, ordo_date d, int mn)
{
    const ordo_model *m = b->c->m;
    const ordo_course *c = &m->courses.v[s->course];
    if (c->is_booking)
        return 1;
    if (d < c->earliest || d > c->latest)
        return 0;
    if (c->contract >= 0 && (d < m->contracts.v[c->contract].start || d > m->contracts.v[c->contract].end))
        return 0;
    for (size_t i = 0; i < m->blackouts.n; i++) {
        const ordo_course_blackout *x = &m->blackouts.v[i];
        if (x->course == s->course && x->date == d && mn < x->end_min && x->start_min < mn + (int)(e - u))
            return 0;
    }
    for (int i = 0; i < nrel; i++) {
        const ordo_session *x = &m->sessions.v[rel[i]];
        if (x->course == s->course && c->min_days_between > 0) {
            int g = c->min_days_between;
            ordo_date xd = rp_local_date(m, x->site, x->start, NULL);
            if (d - xd < g && xd - d < g)
                return 0;
        } else if (x->start < e && u < x->end) {
            return 0;
        }
    }
    return 1;
}

/* ---- options -------------------------------------------------------------------- */

typedef struct slot_rows {
    const ordo_requirement *row[REPAIR_MAX_RESOURCES];
    int n;
    int *cands[REPAIR_MAX_RESOURCES];       /* per slot: candidates at the site (shared per row) */
    int ncands[REPAIR_MAX_RESOURCES];
} slot_rows;

static void slot_rows_clear(slot_rows *sr)
{
    for (int j = 0; j < sr->n; j++)
        if (j == 0 || sr->cands[j] != sr->cands[j - 1])
            ordo__free(sr->cands[j]);
    memset(sr, 0, sizeof *sr);
}

static int slot_rows_build(const ordo_model *m, const ordo_session *s, slot_rows *sr)
{
    const ordo_course *c = &m->courses.v[s->course];
    memset(sr, 0, sizeof *sr);
    for (size_t i = 0; i < m->requirements.n; i++) {
        const ordo_requirement *q = &m->requirements.v[i];
        if (q->service != c->service)
            continue;
        int *cands = ordo__malloc((m->resources.n + 1) * sizeof *cands), nc = 0;
        if (!cands)
            return ORDO_ENOMEM;
        for (size_t r = 0; r < m->resources.n; r++)
            if (m->resources.v[r].site == s->site && ordo_desk_row_accepts(m, q, (int)r, c->participants))
                cands[nc++] = (int)r;
        for (int k = 0; k < q->count; k++) {
            if (sr->n == REPAIR_MAX_RESOURCES) {
                if (k == 0)
                    ordo__free(cands);
                return ORDO_EINVAL;
            }
            sr->row[sr->n] = q;
            sr->cands[sr->n] = cands;
            sr->ncands[sr->n++] = nc;
        }
        if (q->count < 1)
            ordo__free(cands);
    }
    return ORDO_OK;
}

static int add_option(rp_build *b, const rp_option *o)
{
    if (ORDO_GROW(b->opts, b->cap_opts, b->nopts + 1) < 0)
        return ORDO_ENOMEM;
    b->opts[b->nopts++] = *o;
    return ORDO_OK;
}

/* Resource combinations for session s at [u, e): keep the old resource of a
 * slot when it can, else the v-th free candidate onwards. */
static int options_at(rp_build *b, int si, const slot_rows *sr, ordo_utc u, ordo_utc e)
{
    int rc = ORDO_OK;
    size_t first = b->nopts;            /* this start's options begin here */
    const ordo_session *s = &b->c->m->sessions.v[si];
    for (int v = 0; v < VARIANTS; v++) {
        rp_option o = { 0 };
        o.session = si;
        o.start = u;
        o.nres = sr->n;
        int ok = 1;
        for (int j = 0; j < sr->n && ok; j++) {
            int pick = -1, f;
            int orig = j < s->nresources ? s->resources[j] : -1;
            int used = 0;
            for (int k = 0; k < j; k++)
                used |= o.res[k] == orig;
            if (orig >= 0 && !used && ordo_desk_row_accepts(b->c->m, sr->row[j], orig,
                                                            b->c->m->courses.v[s->course].participants)) {
                ORDO_TRY(is_free(b, orig, u, e, &f));
                if (f)
                    pick = orig;
            }
            for (int t = 0; t < sr->ncands[j] && pick < 0; t++) {
                int r = sr->cands[j][(t + v) % sr->ncands[j]];
                int taken = 0;
                for (int k = 0; k < j; k++)
                    taken |= o.res[k] == r;
                if (taken)
                    continue;
                ORDO_TRY(is_free(b, r, u, e, &f));
                if (f)
                    pick = r;
            }
            o.res[j] = pick;
            ok = pick >= 0;
            o.changed += pick != orig;
        }
        if (!ok)
            break;                      /* later variants find no more */
        int dup = 0;
        for (size_t i = first; i < b->nopts && !dup; i++)
            dup = b->opts[i].start == u && memcmp(b->opts[i].res, o.res, sizeof o.res) == 0;
        if (dup)
            continue;
        int64_t shift = u > s->start ? u - s->start : s->start - u;
        o.cost = (double)shift + REPAIR_RESOURCE_PENALTY * (double)o.changed;
        ORDO_TRY(add_option(b, &o));
    }
done:
    return rc;
}

static int cmp_option(const void *pa, const void *pb)
{
    const rp_option *a = pa, *b = pb;
    if (a->stay != b->stay)
        return b->stay - a->stay;
    if (a->cost != b->cost)
        return a->cost < b->cost ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return memcmp(a->res, b->res, sizeof a->res);
}

/* Every option of moving session si, cheapest REPAIR_MAX_OPTIONS kept. */
static int session_options(rp_build *b, int si)
{
    int rc = ORDO_OK;
    const ordo_model *m = b->c->m;
    const ordo_session *s = &m->sessions.v[si];
    const char *tz = m->sites.v[s->site].timezone;
    int dur = (int)(s->end - s->start);
    size_t first = b->nopts;
    slot_rows sr;
    int *rel = NULL, nrel = 0;
    memset(&sr, 0, sizeof sr);
    ORDO_TRY(slot_rows_build(m, s, &sr));
    ORDO_TRY(related_sessions(b, si, &rel, &nrel));
    if (b->c->role[si] == RP_OTHER) {
        rp_option stay = { 0 };
        stay.session = si;
        stay.stay = 1;
        stay.start = s->start;
        stay.nres = s->nresources < REPAIR_MAX_RESOURCES ? s->nresources : REPAIR_MAX_RESOURCES;
        if (stay.nres > 0)
            memcpy(stay.res, s->resources, (size_t)stay.nres * sizeof *stay.res);
        ORDO_TRY(add_option(b, &stay));
    }
    ordo_date d0 = rp_local_date(m, s->site, s->start, NULL);
    for (ordo_date d = d0 - b->c->shift_days; d <= d0 + b->c->shift_days; d++) {
        if (d < b->c->o->from || d > b->c->o->to)
            continue;
        for (int mn = 0; mn < ORDO_MIN_PER_DAY; mn += b->c->slot) {
            ordo_utc u;
            if (ordo_tz_to_utc(tz, d, mn, &u) != ORDO_LOCAL_OK ||
                !ordo_start_valid(m, s->site, u, dur, b->c->slot, NULL, 0) ||
                !course_allows(b, s, rel, nrel, u, u + dur, d, mn))
                continue;
            size_t before = b->nopts;
            ORDO_TRY(options_at(b, si, &sr, u, u + dur));
            /* the stay option is not an alternative of itself */
            if (b->c->role[si] == RP_OTHER)
                for (size_t i = before; i < b->nopts; i++)
                    if (b->opts[i].start == s->start && b->opts[i].changed == 0)
                        b->opts[i--] = b->opts[--b->nopts];
        }
    }
    if (b->nopts - first > 1)
        qsort(b->opts + first, b->nopts - first, sizeof *b->opts, cmp_option);
    if (b->nopts - first > REPAIR_MAX_OPTIONS)
        b->nopts = first + REPAIR_MAX_OPTIONS;
done:
    slot_rows_clear(&sr);
    ordo__free(rel);
    return rc;
}

/* ---- the MIP ------------------------------------------------------------------ */

static int add_use(rp_build *b, int key, int64_t a, int64_t e, int col)
{
    if (ORDO_GROW(b->uses, b->cap_uses, b->nuses + 1) < 0)
        return ORDO_ENOMEM;
    b->uses[b->nuses++] = (rp_use){ key, a, e, col };
    return ORDO_OK;
}

static int option_uses(rp_build *b, const rp_option *o)
{
    int rc = ORDO_OK;
    const ordo_model *m = b->c->m;
    const ordo_session *s = &m->sessions.v[o->session];
    const ordo_course *c = &m->courses.v[s->course];
    ordo_utc e = o->start + (s->end - s->start);
    int nres = (int)m->resources.n;
    for (int k = 0; k < o->nres; k++)
        ORDO_TRY(add_use(b, o->res[k], o->start, e, o->col));
    for (int k = 0; k < c->cohorts.count; k++)
        ORDO_TRY(add_use(b, nres + ordo__index_get(b->cohort_ix, c->cohorts.items[k]), o->start, e, o->col));
    if (!c->is_booking) {
        int key = nres + b->ncohorts + s->course;
        if (c->min_days_between > 0) {
            int64_t d = rp_local_date(m, s->site, o->start, NULL);
            ORDO_TRY(add_use(b, key, d * ORDO_MIN_PER_DAY, (d + c->min_days_between) * ORDO_MIN_PER_DAY, o->col));
        } else {
            ORDO_TRY(add_use(b, key, o->start, e, o->col));
        }
    }
done:
    return rc;
}

static int cmp_use(const void *pa, const void *pb)
{
    const rp_use *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key - b->key;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->col - b->col;
}

/* For each key and each distinct start p of its uses, the uses covering p
 * form a clique: one row "at most one of them". */
static int clique_rows(rp_build *b, sv_milp *lp)
{
    int rc = ORDO_OK;
    int *cols = NULL;
    double *ones = NULL;
    size_t cap = 0, capv = 0, gend, iend;
    if (b->nuses > 1)
        qsort(b->uses, b->nuses, sizeof *b->uses, cmp_use);
    for (size_t g = 0; g < b->nuses; g = gend) {
        for (gend = g; gend < b->nuses && b->uses[gend].key == b->uses[g].key; gend++)
            ;
        for (size_t i = g; i < gend; i = iend) {
            int64_t p = b->uses[i].a;
            int n = 0;
            for (iend = i; iend < gend && b->uses[iend].a == p; iend++)
                ;
            for (size_t k = g; k < iend; k++) {
                if (b->uses[k].b <= p)
                    continue;
                int dup = 0;
                for (int t = 0; t < n && !dup; t++)
                    dup = cols[t] == b->uses[k].col;
                if (dup)
                    continue;
                if (ORDO_GROW(cols, cap, (size_t)n + 1) < 0 || ORDO_GROW(ones, capv, (size_t)n + 1) < 0) {
                    rc = ORDO_ENOMEM;
                    goto done;
                }
                cols[n] = b->uses[k].col;
                ones[n++] = 1.0;
            }
            if (n >= 2 && (rc = sv_milp_add_row(lp, -SV_INF, 1.0, n, cols, ones)) < 0)
                goto done;
            rc = ORDO_OK;
        }
    }
done:
    ordo__free(cols);
    ordo__free(ones);
    return rc;
}

static int build_and_solve(rp_build *b, sv_milp *lp, double **x)
{
    int rc = ORDO_OK;
    rp_ctx *c = b->c;
    int *cols = NULL, n;
    double *vals = NULL;
    size_t at = 0;
    for (size_t i = 0; i < b->nopts; i++) {
        rp_option *o = &b->opts[i];
        double cost = c->role[o->session] == RP_INFEASIBLE ? o->cost - REPAIR_PLACE_WEIGHT
                      : o->stay ? 0.0 : REPAIR_MOVE_PENALTY + o->cost;
        if ((o->col = sv_milp_add_col(lp, 0.0, 1.0, cost, 1)) < 0)
            return o->col;
        ORDO_TRY(option_uses(b, o));
    }
    cols = ordo__malloc((b->nopts + 1) * sizeof *cols);
    vals = ordo__malloc((b->nopts + 1) * sizeof *vals);
    if (!cols || !vals) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    /* one option per session: at most one (infeasible), exactly one (others) */
    for (int k = 0; k < c->nmoving; k++) {
        n = 0;
        for (; at < b->nopts && b->opts[at].session == c->moving[k]; at++) {
            cols[n] = b->opts[at].col;
            vals[n++] = 1.0;
        }
        if (!n)
            continue;
        double lo = c->role[c->moving[k]] == RP_OTHER ? 1.0 : -SV_INF;
        if ((rc = sv_milp_add_row(lp, lo, 1.0, n, cols, vals)) < 0)
            goto done;
    }
    if (c->o->allow_moves > 0) {
        n = 0;
        for (size_t i = 0; i < b->nopts; i++)
            if (c->role[b->opts[i].session] == RP_OTHER && !b->opts[i].stay) {
                cols[n] = b->opts[i].col;
                vals[n++] = 1.0;
            }
        if (n && (rc = sv_milp_add_row(lp, -SV_INF, c->o->allow_moves, n, cols, vals)) < 0)
            goto done;
    }
    ORDO_TRY(clique_rows(b, lp));
    if (!(*x = ordo__calloc((size_t)lp->ncols + 1, sizeof **x))) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    if (lp->ncols > 0) {
        sv_milp_opts mo = { 0, c->o->node_limit > 0 ? c->o->node_limit : DEFAULT_NODE_LIMIT,
                            c->o->time_limit_s, 0 };
        sv_milp_result res = { 0 };
        res.x = *x;
        ORDO_TRY(sv_milp_solve(lp, &mo, &res));
        if (res.status != SV_MILP_OPTIMAL && res.status != SV_MILP_FEASIBLE)
            rc = ordo__seterr(c->err, ORDO_ESOLVER, "repair: the MIP backend found no solution (status %d)",
                              (int)res.status);
    }
done:
    ordo__free(cols);
    ordo__free(vals);
    return rc;
}

/* ---- applying ----------------------------------------------------------------- */

static int apply_option(rp_ctx *c, const rp_option *o, ordo_repair_change *ch)
{
    ordo_model *m = c->m;
    ordo_session *s = &m->sessions.v[o->session];
    ch->placed = 1;
    ch->new_start = o->start;
    ch->new_end = o->start + (s->end - s->start);
    ch->nnew = o->nres;
    memcpy(ch->new_resources, o->res, (size_t)o->nres * sizeof *o->res);
    ch->changed = o->changed;
    if (ordo_session_set_resources(s, o->res, o->nres) < 0 || ordo_session_set_reason(s, NULL) < 0)
        return ORDO_ENOMEM;
    s->start = ch->new_start;
    s->end = ch->new_end;
    s->sequence++;
    s->dtstamp = c->o->now;
    s->forced_conflict = 0;
    ordo_course *course = &m->courses.v[s->course];
    if (course->is_booking)
        course->earliest = course->latest = rp_local_date(m, s->site, s->start, NULL);
    return ORDO_OK;
}

static int apply(rp_build *b, const double *x, ordo_repair_result *out)
{
    rp_ctx *c = b->c;
    ordo_model *m = c->m;
    size_t at = 0;
    if (!(out->changes = ordo__calloc((size_t)c->nmoving + 1, sizeof *out->changes)))
        return ORDO_ENOMEM;
    for (int k = 0; k < c->nmoving; k++) {
        int si = c->moving[k];
        ordo_session *s = &m->sessions.v[si];
        const rp_option *chosen = NULL;
        for (; at < b->nopts && b->opts[at].session == si; at++)
            if (x[b->opts[at].col] > 0.5)
                chosen = &b->opts[at];
        if (c->role[si] == RP_OTHER && (!chosen || chosen->stay))
            continue;
        ordo_repair_change *ch = &out->changes[out->nchanges++];
        ch->session = si;
        ch->other = c->role[si] == RP_OTHER;
        ch->old_start = s->start;
        ch->old_end = s->end;
        ch->nold = s->nresources < REPAIR_MAX_RESOURCES ? s->nresources : REPAIR_MAX_RESOURCES;
        if (ch->nold > 0)
            memcpy(ch->old_resources, s->resources, (size_t)ch->nold * sizeof *ch->old_resources);
        if (chosen) {
            if (apply_option(c, chosen, ch) < 0)
                return ORDO_ENOMEM;
            if (ch->other) {
                out->others_moved++;
                snprintf(ch->why, sizeof ch->why, "moved to make room");
            } else {
                out->placed++;
                out->displacement += ch->new_start > ch->old_start ? ch->new_start - ch->old_start
                                                                    : ch->old_start - ch->new_start;
                snprintf(ch->why, sizeof ch->why, "%s", c->why[si]);
            }
            continue;
        }
        snprintf(ch->why, sizeof ch->why, "%s; %s", c->why[si],
                 b->nopt_of[k] ? "its free times are all taken by the other sessions being repaired"
                               : "no time within reach has every requirement free");
        char reason[sizeof ch->why + 16];
        snprintf(reason, sizeof reason, "conflict: %s", c->why[si]);
        if (ordo_session_set_reason(s, reason) < 0)
            return ORDO_ENOMEM;
        s->forced_conflict = 1;
    }
    return ORDO_OK;
}

/* ---- entry ----------------------------------------------------------------------- */

static int collect_cohorts(rp_build *b)
{
    const ordo_model *m = b->c->m;
    if (ordo__index_new(&b->cohort_ix) < 0)
        return ORDO_ENOMEM;
    for (size_t i = 0; i < m->courses.n; i++)
        for (int k = 0; k < m->courses.v[i].cohorts.count; k++) {
            const char *name = m->courses.v[i].cohorts.items[k];
            if (ordo__index_get(b->cohort_ix, name) < 0 && ordo__index_put(b->cohort_ix, name, b->ncohorts++) < 0)
                return ORDO_ENOMEM;
        }
    return ORDO_OK;
}

void ordo_repair_result_clear(ordo_repair_result *r)
{
    if (!r)
        return;
    ordo__free(r->changes);
    memset(r, 0, sizeof *r);
}

int ordo_repair(ordo_model *m, const ordo_repair_options *o, ordo_repair_result *out)
{
    int rc = ORDO_OK;
    rp_ctx c = { 0 };
    rp_build b = { 0 };
    sv_milp lp;
    double *x = NULL;
    sv_milp_init(&lp);
    if (!m || !o || !out || o->version != ORDO_REPAIR_OPTIONS_VERSION || o->from > o->to || o->allow_moves < 0 ||
        o->max_shift_days < 0 || o->slot_minutes < 0 ||
        (o->slot_minutes && ORDO_MIN_PER_DAY % o->slot_minutes != 0))
        return m ? ordo__seterr(&m->err, ORDO_EINVAL, "repair: invalid options (window, moves, shift or slot)")
                 : ORDO_EINVAL;
    memset(out, 0, sizeof *out);
    c.m = m;
    c.o = o;
    c.err = &m->err;
    c.shift_days = o->max_shift_days ? o->max_shift_days : 7;
    c.slot = o->slot_minutes ? o->slot_minutes : 30;
    size_t ns = m->sessions.n;
    c.in_window = ordo__calloc(ns + 1, 1);
    c.role = ordo__calloc(ns + 1, 1);
    c.why = ordo__calloc(ns + 1, sizeof *c.why);
    c.moving = ordo__malloc((ns + 1) * sizeof *c.moving);
    b.c = &c;
    b.free = ordo__calloc(m->resources.n + 1, sizeof *b.free);
    b.have_free = ordo__calloc(m->resources.n + 1, 1);
    if (!c.in_window || !c.role || !c.why || !c.moving || !b.free || !b.have_free) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    ORDO_TRY(ordo_desk_new(&c.d, m, c.err));
    ORDO_TRY(rp_detect(&c));
    out->infeasible = c.ninfeasible;
    if (!c.ninfeasible)
        goto done;
    b.lo = INT64_MAX;
    b.hi = INT64_MIN;
    for (int k = 0; k < c.nmoving; k++) {
        const ordo_session *s = &m->sessions.v[c.moving[k]];
        ordo_utc reach = (ordo_utc)(c.shift_days + 2) * ORDO_MIN_PER_DAY;
        b.lo = s->start - reach < b.lo ? s->start - reach : b.lo;
        b.hi = s->end + reach > b.hi ? s->end + reach : b.hi;
    }
    ORDO_TRY(collect_cohorts(&b));
    if (!(b.nopt_of = ordo__calloc((size_t)c.nmoving + 1, sizeof *b.nopt_of))) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    for (int k = 0; k < c.nmoving; k++) {
        size_t before = b.nopts;
        if ((rc = session_options(&b, c.moving[k])) == ORDO_EINVAL) {
            rc = ordo__seterr(c.err, ORDO_EINVAL, "repair: a service needs more than %d resources",
                              REPAIR_MAX_RESOURCES);
            goto done;
        }
        ORDO_TRY(rc);
        b.nopt_of[k] = (int)(b.nopts - before);
    }
    ORDO_TRY(build_and_solve(&b, &lp, &x));
    out->mip_columns = lp.ncols;
    out->mip_rows = lp.nrows;
    ORDO_TRY(apply(&b, x, out));
done:
    if (rc == ORDO_ENOMEM)
        ordo__seterr(&m->err, rc, "repair: out of memory");
    else if (rc < 0 && !m->err.msg[0])
        ordo__seterr(&m->err, rc, "repair: %s", ordo_strerror(rc));
    if (rc < 0)
        ordo_repair_result_clear(out);
    for (size_t i = 0; c.why && i < ns; i++)
        ordo__free(c.why[i]);
    for (size_t r = 0; b.free && r < m->resources.n; r++)
        ordo_intervals_clear(&b.free[r]);
    ordo__free(b.free);
    ordo__free(b.have_free);
    ordo__free(b.opts);
    ordo__free(b.uses);
    ordo__free(b.nopt_of);
    ordo__index_free(b.cohort_ix);
    ordo__free(c.in_window);
    ordo__free(c.role);
    ordo__free(c.why);
    ordo__free(c.moving);
    ordo_desk_free(c.d);
    sv_milp_free(&lp);
    ordo__free(x);
    return rc;
}
