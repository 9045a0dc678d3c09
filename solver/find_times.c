/*
 * find_times.c — the best times for one booking of a service (find_times.h).
 *
 * Steps: the service's requirement rows and, per row and site, the resources
 * that can fill it; the sites where every row can be filled; the valid starts
 * of each such site in the range (slot grid, DST-safe, one local day), in
 * real-time order; then, start by start, the free candidates of each row
 * (binary search in the desk's cached free lists) and the best distinct
 * choice among them (depth-first with bounds on the ranking key). The scan
 * stops once `max` proposals are found and the start time moves on, so a
 * query costs a few starts when the calendar has room.
 *
 * Ranking key of a resource at a start: fragmentation * KEY_SCALE - preferred
 * (preferred is 0 or 1), so the sum over resources orders proposals by
 * fragmentation first, then by how many preferred resources they use.
 */
#include "solver/find_times.h"
#include "model/tz.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_SLOT 30
#define KEY_SCALE 1024          /* > ORDO_PROPOSAL_MAX_RESOURCES */

typedef struct start {
    ordo_utc u;
    int site;
} start;

typedef struct pick {
    int r;
    int64_t key;
    int64_t frag;
    int pref;
} pick;

typedef struct row {
    const ordo_requirement *q;
    int *cands;                 /* grouped by site: site s at [site_off[s], site_off[s+1]) */
    int *site_off;
    pick *free;                 /* free candidates at the current start, best key first */
    int nfree;
    int ever_ok;                /* some start had enough free candidates */
} row;

typedef struct override {
    int r;
    ordo_intervals free;
} override;

typedef struct search {
    ordo_desk *d;
    const ordo_model *m;
    const ordo_find_times_query *q;
    int dur, slot, nsites, nrows, total;
    row *rows;
    char *is_pref;
    const ordo_intervals **lists;   /* per resource, fetched once */
    override *ovr;
    int novr;
    ordo_intervals customer_busy;
    ordo_utc *after, *before;       /* per site */
    char *site_ok;
    ordo_utc *skip;                 /* per site: no start before this can succeed */
    start *starts;
    size_t nstarts, cap_starts;
    /* depth-first choice of resources at one start */
    int chosen[ORDO_PROPOSAL_MAX_RESOURCES], best[ORDO_PROPOSAL_MAX_RESOURCES];
    int64_t best_key;
    int found;
    long nodes;
    int customer_blocked, combos_failed;
} search;

/* ---- errors ---------------------------------------------------------------- */

static int fail(search *s, char *why, size_t whylen, int code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int fail(search *s, char *why, size_t whylen, int code, const char *fmt, ...)
{
    char msg[ORDO_ERRMSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (why && whylen)
        snprintf(why, whylen, "%s", msg);
    return ordo__seterr(ordo__desk_err(s->d), code, "%s", msg);
}

/* ---- time -------------------------------------------------------------- */

int ordo_when_at_site(const ordo_model *m, int site, const ordo_when *w, ordo_utc *out)
{
    if (!w->local) {
        *out = w->utc;
        return ORDO_OK;
    }
    const char *tz = site >= 0 ? m->sites.v[site].timezone : "UTC";
    return ordo_tz_to_utc(tz, w->date, w->minute, out) < 0 ? ORDO_EINVAL : ORDO_OK;
}

static void say(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(char *buf, size_t n, const char *fmt, ...)
{
    if (!buf || !n)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, n, fmt, ap);
    va_end(ap);
}

int ordo_start_valid(const ordo_model *m, int site, ordo_utc start, int duration, int slot_minutes,
                     char *buf, size_t n)
{
    const char *tz = site >= 0 ? m->sites.v[site].timezone : "UTC";
    ordo_date d, ed;
    int minute, em;
    ordo_utc back;
    char when[17];
    if (ordo_tz_to_local(tz, start, &d, &minute) < 0) {
        say(buf, n, "site '%s': unknown time zone '%s'", m->sites.v[site].id, tz);
        return 0;
    }
    ordo_datetime_format(d, minute, when);
    if (slot_minutes <= 0)
        slot_minutes = DEFAULT_SLOT;
    if (minute % slot_minutes != 0) {
        say(buf, n, "start %s is not on the %d-minute grid from local midnight", when, slot_minutes);
        return 0;
    }
    if (ordo_tz_to_utc(tz, d, minute, &back) != ORDO_LOCAL_OK || back != start) {
        say(buf, n, "start %s occurs twice in %s (the clocks go back)", when, tz);
        return 0;
    }
    ordo_tz_to_local(tz, start + duration, &ed, &em);
    if (!((ed == d && em > minute) || (ed == d + 1 && em == 0))) {
        say(buf, n, "a %d-minute booking from %s does not end on the same local day", duration, when);
        return 0;
    }
    if (ordo_tz_to_utc(tz, ed, em, &back) != ORDO_LOCAL_OK || back != start + duration) {
        ordo_datetime_format(ed, em, when);
        say(buf, n, "the end %s occurs twice in %s (the clocks go back)", when, tz);
        return 0;
    }
    return 1;
}

static void format_when(char *buf, size_t n, const ordo_when *w)
{
    char t[17];
    if (w->local) {
        ordo_datetime_format(w->date, w->minute, t);
        snprintf(buf, n, "%s (local)", t);
    } else {
        ordo_date d = (ordo_date)(w->utc >= 0 ? w->utc / ORDO_MIN_PER_DAY
                                              : -((-w->utc + ORDO_MIN_PER_DAY - 1) / ORDO_MIN_PER_DAY));
        ordo_datetime_format(d, (int)(w->utc - (ordo_utc)d * ORDO_MIN_PER_DAY), t);
        snprintf(buf, n, "%sZ", t);
    }
}

/* ---- set-up ---------------------------------------------------------------- */

static int cmp_start(const void *pa, const void *pb)
{
    const start *a = pa, *b = pb;
    if (a->u != b->u)
        return a->u < b->u ? -1 : 1;
    return a->site - b->site;
}

static int add_start(search *s, ordo_utc u, int site)
{
    if (ORDO_GROW(s->starts, s->cap_starts, s->nstarts + 1) < 0)
        return ORDO_ENOMEM;
    s->starts[s->nstarts++] = (start){ u, site };
    return ORDO_OK;
}

/* Every valid start of site `site` with the booking inside [after, before). */
static int site_starts(search *s, int site)
{
    int rc = ORDO_OK;
    const char *tz = s->m->sites.v[site].timezone;
    ordo_utc a = s->after[site], b = s->before[site];
    ordo_date d0, d1;
    int mn;
    if (ordo_tz_to_local(tz, a, &d0, &mn) < 0 || ordo_tz_to_local(tz, b - 1, &d1, &mn) < 0)
        return ORDO_EINVAL;
    for (ordo_date d = d0; d <= d1; d++) {
        ordo_utc u0, u1;
        int st0 = ordo_tz_to_utc(tz, d, 0, &u0), st1 = ordo_tz_to_utc(tz, d + 1, 0, &u1);
        /* a regular day maps wall minutes linearly (no DST change inside) */
        int regular = st0 == ORDO_LOCAL_OK && st1 == ORDO_LOCAL_OK && u1 - u0 == ORDO_MIN_PER_DAY;
        for (int minute = 0; minute < ORDO_MIN_PER_DAY; minute += s->slot) {
            ordo_utc u = u0 + minute;
            if (regular) {
                if (minute + s->dur > ORDO_MIN_PER_DAY)
                    break;
            } else {
                if (ordo_tz_to_utc(tz, d, minute, &u) != ORDO_LOCAL_OK ||
                    !ordo_start_valid(s->m, site, u, s->dur, s->slot, NULL, 0))
                    continue;
            }
            if (u < a)
                continue;
            if (u + s->dur > b)
                break;
            ORDO_TRY(add_start(s, u, site));
        }
    }
done:
    return rc;
}

/* Merges the sorted runs a[off[i]..off[i+1]) (i < nruns) into one sorted
 * list, by pairs of runs (O(n log nruns) instead of sorting n starts). */
static int merge_runs(start **a, size_t n, size_t *off, int nruns)
{
    start *tmp = n ? ordo__malloc(n * sizeof *tmp) : NULL;
    if (n && !tmp)
        return ORDO_ENOMEM;
    while (nruns > 1) {
        int k = 0;
        for (int r = 0; r < nruns; r += 2) {
            size_t i = off[r], mid = off[r + 1], end = r + 1 < nruns ? off[r + 2] : mid, j = mid, o = off[r];
            while (i < mid && j < end)
                tmp[o++] = cmp_start(&(*a)[j], &(*a)[i]) < 0 ? (*a)[j++] : (*a)[i++];
            while (i < mid)
                tmp[o++] = (*a)[i++];
            while (j < end)
                tmp[o++] = (*a)[j++];
            off[k++] = off[r];
        }
        off[k] = n;
        nruns = k;
        start *t = *a;
        *a = tmp;
        tmp = t;
    }
    ordo__free(tmp);
    return ORDO_OK;
}

/* Every valid start of every usable site, by real time then site: each
 * site's starts come out sorted, so the runs are merged. */
static int all_starts(search *s)
{
    int rc = ORDO_OK, nruns = 0;
    size_t *off = ordo__calloc((size_t)s->nsites + 2, sizeof *off);
    if (!off)
        return ORDO_ENOMEM;
    for (int site = 0; site < s->nsites; site++)
        if (s->site_ok[site]) {
            off[nruns++] = s->nstarts;
            ORDO_TRY(site_starts(s, site));
        }
    off[nruns] = s->nstarts;
    if (nruns > 1 && (rc = merge_runs(&s->starts, s->nstarts, off, nruns)) == ORDO_OK)
        s->cap_starts = s->nstarts;             /* the merged array holds exactly these */
done:
    ordo__free(off);
    return rc;
}

/* Requirement rows of the service and their candidates grouped by site. */
static int build_rows(search *s, char *why, size_t whylen)
{
    const ordo_model *m = s->m;
    int rc = ORDO_OK;
    for (size_t i = 0; i < m->requirements.n; i++)
        s->nrows += m->requirements.v[i].service == s->q->service;
    if (!s->nrows)
        return fail(s, why, whylen, ORDO_EINVAL, "service '%s' has no requirement row",
                    m->services.v[s->q->service].id);
    if (!(s->rows = ordo__calloc((size_t)s->nrows, sizeof *s->rows)))
        return ORDO_ENOMEM;
    int k = 0;
    for (size_t i = 0; i < m->requirements.n; i++) {
        const ordo_requirement *q = &m->requirements.v[i];
        if (q->service != s->q->service)
            continue;
        row *w = &s->rows[k++];
        w->q = q;
        s->total += q->count;
        if (q->count < 1 || s->total > ORDO_PROPOSAL_MAX_RESOURCES)
            return fail(s, why, whylen, ORDO_EINVAL, "service '%s' needs %d resources; the desk books "
                        "1 to %d", m->services.v[s->q->service].id, s->total, ORDO_PROPOSAL_MAX_RESOURCES);
        w->cands = ordo__malloc((m->resources.n + 1) * sizeof *w->cands);
        w->site_off = ordo__calloc((size_t)s->nsites + 2, sizeof *w->site_off);
        w->free = ordo__malloc((m->resources.n + 1) * sizeof *w->free);
        if (!w->cands || !w->site_off || !w->free)
            return ORDO_ENOMEM;
        /* counting sort by site */
        for (size_t r = 0; r < m->resources.n; r++) {
            int site = m->resources.v[r].site;
            if (site >= 0 && site < s->nsites && ordo_desk_row_accepts(m, q, (int)r, s->q->participants))
                w->site_off[site + 1]++;
        }
        for (int x = 0; x < s->nsites; x++)
            w->site_off[x + 1] += w->site_off[x];
        int *fill = ordo__malloc(((size_t)s->nsites + 1) * sizeof *fill);
        if (!fill)
            return ORDO_ENOMEM;
        memcpy(fill, w->site_off, (size_t)s->nsites * sizeof *fill);
        for (size_t r = 0; r < m->resources.n; r++) {
            int site = m->resources.v[r].site;
            if (site >= 0 && site < s->nsites && ordo_desk_row_accepts(m, q, (int)r, s->q->participants))
                w->cands[fill[site]++] = (int)r;
        }
        ordo__free(fill);
    }
    return rc;
}

/* Why a row has too few candidates anywhere: skill, capacity or count. */
static void explain_row_missing(search *s, const row *w, char *why, size_t whylen)
{
    const ordo_model *m = s->m;
    const ordo_requirement *q = w->q;
    int with_kind_skill = 0, fits = w->site_off[s->nsites];
    char desc[200];
    ordo_desk_row_describe(m, q, s->q->participants, desc, sizeof desc);
    for (size_t r = 0; r < m->resources.n; r++) {
        const ordo_resource *x = &m->resources.v[r];
        with_kind_skill += (int)x->kind == (int)q->kind && (!q->skill || ordo_strlist_has(&x->skills, q->skill));
    }
    if (!with_kind_skill)
        say(why, whylen, "skill: no %s has %s'%s'", ordo_kind_name(q->kind),
            q->kind == ORDO_PERSON ? "skill " : "", q->skill ? q->skill : "(any)");
    else if (!fits)
        say(why, whylen, "capacity: no %s%s%s%s seats %d (%d participants)", ordo_kind_name(q->kind),
            q->skill ? " with '" : "", q->skill ? q->skill : "", q->skill ? "'" : "",
            ordo_desk_row_seats(q, s->q->participants), s->q->participants);
    else
        say(why, whylen, "count: service '%s' needs %s; only %d exist",
            m->services.v[s->q->service].id, desc, fits);
}

/* The free list of resource r: an override (reschedule) or the desk's. */
static const ordo_intervals *free_list(const search *s, int r)
{
    for (int k = 0; k < s->novr; k++)
        if (s->ovr[k].r == r)
            return &s->ovr[k].free;
    return s->lists[r];
}

/* Fetch the free lists of every candidate at an allowed site, over
 * [lo, hi); the resources of the excepted session get their own lists, over
 * the desk's block-aligned range (so fragmentation reads the same edges). */
static int fetch_lists(search *s, ordo_utc lo, ordo_utc hi)
{
    int rc = ORDO_OK;
    const ordo_model *m = s->m;
    int ex = s->q->except_session;
    const ordo_utc block = (ordo_utc)ORDO_DESK_BLOCK_DAYS * ORDO_MIN_PER_DAY;
    ordo_utc blo = lo - ORDO_MIN_PER_DAY - block, bhi = hi + ORDO_MIN_PER_DAY + block;
    blo -= ((blo % block) + block) % block;
    bhi -= ((bhi % block) + block) % block;
    if (ex >= 0) {
        const ordo_session *es = &m->sessions.v[ex];
        if (!(s->ovr = ordo__calloc((size_t)es->nresources + 1, sizeof *s->ovr)))
            return ORDO_ENOMEM;
        for (int k = 0; k < es->nresources; k++) {
            ordo_calendar_rows rows;
            int r = es->resources[k];
            if (r < 0 || (size_t)r >= m->resources.n)
                continue;
            ordo_desk_rows(s->d, r, &rows);
            s->ovr[s->novr].r = r;
            ORDO_TRY(ordo_calendar_free(&s->ovr[s->novr++].free, m, r, &rows, blo, bhi, ex));
        }
    }
    for (int i = 0; i < s->nrows; i++) {
        const row *w = &s->rows[i];
        for (int site = 0; site < s->nsites; site++) {
            if (!s->site_ok[site])
                continue;
            for (int k = w->site_off[site]; k < w->site_off[site + 1]; k++) {
                int r = w->cands[k];
                if (!s->lists[r])
                    ORDO_TRY(ordo_desk_free_time(s->d, r, lo, hi, &s->lists[r]));
            }
        }
    }
done:
    return rc;
}

/* The customer's other desk bookings. */
static int customer_busy(search *s)
{
    int rc = ORDO_OK;
    const ordo_model *m = s->m;
    for (size_t i = 0; s->q->customer && i < m->sessions.n; i++) {
        const ordo_session *x = &m->sessions.v[i];
        if ((int)i == s->q->except_session || x->course < 0 || (size_t)x->course >= m->courses.n ||
            (x->status != ORDO_SESSION_PLANNED && x->status != ORDO_SESSION_DONE))
            continue;
        const ordo_course *c = &m->courses.v[x->course];
        if (c->is_booking && c->customer && strcmp(c->customer, s->q->customer) == 0)
            ORDO_TRY(ordo_intervals_add(&s->customer_busy, x->start, x->end));
    }
    ordo_intervals_normalize(&s->customer_busy);
done:
    return rc;
}

static int overlaps(const ordo_intervals *l, ordo_utc a, ordo_utc b)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->v[mid].end <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < l->n && l->v[lo].start < b;
}

/* ---- one start --------------------------------------------------------------- */

static int cmp_pick(const void *pa, const void *pb)
{
    const pick *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->r - b->r;
}

/* Free candidates of row w at start u, site `site`, sorted by key. */
static void row_free(search *s, row *w, ordo_utc u, int site)
{
    ordo_utc e = u + s->dur;
    w->nfree = 0;
    for (int k = w->site_off[site]; k < w->site_off[site + 1]; k++) {
        int r = w->cands[k];
        const ordo_intervals *l = free_list(s, r);
        long at = ordo_intervals_find(l, u, e);
        if (at < 0)
            continue;
        int64_t left = u - l->v[at].start, right = l->v[at].end - e, frag = 0;
        if (left > 0 && left < s->dur)
            frag += left;
        if (right > 0 && right < s->dur)
            frag += right;
        int pref = s->is_pref[r];
        w->free[w->nfree++] = (pick){ r, frag * KEY_SCALE - pref, frag, pref };
    }
    if (w->nfree > 1)
        qsort(w->free, (size_t)w->nfree, sizeof *w->free, cmp_pick);
}

/* Lower bound of the keys still to add: `left` picks of row i from index j
 * on, then the cheapest `count` of every later row. */
static int64_t bound_rest(const search *s, int i, int j, int left)
{
    int64_t b = 0;
    for (int k = 0; k < left && j + k < s->rows[i].nfree; k++)
        b += s->rows[i].free[j + k].key;
    for (int x = i + 1; x < s->nrows; x++)
        for (int k = 0; k < s->rows[x].q->count && k < s->rows[x].nfree; k++)
            b += s->rows[x].free[k].key;
    return b;
}

static int taken(const search *s, int depth, int r)
{
    for (int k = 0; k < depth; k++)
        if (s->chosen[k] == r)
            return 1;
    return 0;
}

/* Row i, its k-th pick (picks of a row in increasing list order from j),
 * `depth` resources chosen so far with key sum `key`. */
static void choose(search *s, int i, int k, int j, int depth, int64_t key)
{
    if (s->nodes++ > FIND_TIMES_NODE_LIMIT && s->found)
        return;
    if (i == s->nrows) {
        if (!s->found || key < s->best_key) {
            s->found = 1;
            s->best_key = key;
            memcpy(s->best, s->chosen, sizeof s->best);
        }
        return;
    }
    const row *w = &s->rows[i];
    if (k == w->q->count) {
        choose(s, i + 1, 0, 0, depth, key);
        return;
    }
    for (int x = j; x < w->nfree; x++) {
        int left = w->q->count - k;
        if (w->nfree - x < left)
            break;
        if (s->found && key + bound_rest(s, i, x, left) >= s->best_key)
            break;                      /* keys are sorted: no later x does better */
        if (taken(s, depth, w->free[x].r))
            continue;
        s->chosen[depth] = w->free[x].r;
        choose(s, i, k + 1, x + 1, depth + 1, key + w->free[x].key);
    }
}

/* Try start st; 1 and *out filled when every row can be met. */
/* The earliest t >= u at which resource r is free for the whole service
 * ([t, t + dur) inside one of its free intervals); INT64_MAX when never in
 * the fetched range. */
static ordo_utc next_free(search *s, int r, ordo_utc u)
{
    const ordo_intervals *l = free_list(s, r);
    size_t lo = 0, hi = l->n;
    while (lo < hi) {                     /* first interval with end > u */
        size_t mid = lo + (hi - lo) / 2;
        if (l->v[mid].end <= u)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < l->n; lo++) {
        ordo_utc t = l->v[lo].start > u ? l->v[lo].start : u;
        if (l->v[lo].end - t >= s->dur)
            return t;
    }
    return INT64_MAX;
}

/* Row w failed at u (fewer than `count` candidates free): no start of this
 * site before the count-th smallest next_free of its candidates can fill it,
 * so the search skips to there (row_free's w->free serves as scratch). */
static void skip_row(search *s, row *w, ordo_utc u, int site)
{
    int n = 0, need = w->q->count;
    for (int k = w->site_off[site]; k < w->site_off[site + 1]; k++)
        w->free[n++].key = next_free(s, w->cands[k], u);
    w->nfree = 0;
    if (n < need)
        s->skip[site] = INT64_MAX;
    else {
        for (int i = 0; i < need; i++)                 /* partial selection: count is small */
            for (int j = i + 1; j < n; j++)
                if (w->free[j].key < w->free[i].key) {
                    int64_t t = w->free[i].key;
                    w->free[i].key = w->free[j].key;
                    w->free[j].key = t;
                }
        s->skip[site] = w->free[need - 1].key;
    }
}

static int try_start(search *s, const start *st, ordo_proposal *out)
{
    int all_known = 1, ok = 1;
    for (int i = 0; i < s->nrows; i++)
        all_known &= s->rows[i].ever_ok;
    for (int i = 0; i < s->nrows; i++) {
        row *w = &s->rows[i];
        row_free(s, w, st->u, st->site);
        if (w->nfree >= w->q->count) {
            w->ever_ok = 1;
        } else {
            ok = 0;
            if (all_known) {        /* nothing left to learn for the explanation */
                skip_row(s, w, st->u, st->site);
                break;
            }
        }
    }
    if (!ok)
        return 0;
    if (s->customer_busy.n && overlaps(&s->customer_busy, st->u, st->u + s->dur)) {
        s->customer_blocked++;
        return 0;
    }
    s->found = 0;
    s->nodes = 0;
    choose(s, 0, 0, 0, 0, 0);
    if (!s->found) {
        s->combos_failed++;
        return 0;
    }
    out->start = st->u;
    out->end = st->u + s->dur;
    out->site = st->site;
    out->nresources = s->total;
    out->fragmentation = 0;
    out->preferred = 0;
    for (int k = 0; k < s->total; k++) {
        int r = s->best[k];
        out->resources[k] = r;
        out->preferred += s->is_pref[r];
    }
    /* the key sum is fragmentation * KEY_SCALE - preferred */
    out->fragmentation = (s->best_key + out->preferred) / KEY_SCALE;
    return 1;
}

static int cmp_proposal(const void *pa, const void *pb)
{
    const ordo_proposal *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->fragmentation != b->fragmentation)
        return a->fragmentation < b->fragmentation ? -1 : 1;
    if (a->preferred != b->preferred)
        return a->preferred > b->preferred ? -1 : 1;
    if (a->site != b->site)
        return a->site - b->site;
    for (int k = 0; k < a->nresources && k < b->nresources; k++)
        if (a->resources[k] != b->resources[k])
            return a->resources[k] - b->resources[k];
    return 0;
}

/* ---- explanation when nothing was found --------------------------------------- */

static void explain_none(search *s, char *why, size_t whylen)
{
    const ordo_model *m = s->m;
    char a[40], b[40], desc[200], where[120];
    format_when(a, sizeof a, &s->q->after);
    format_when(b, sizeof b, &s->q->before);
    if (s->q->site >= 0)
        snprintf(where, sizeof where, "at site '%s'", m->sites.v[s->q->site].id);
    else
        snprintf(where, sizeof where, "at any site");
    if (!s->nstarts) {
        say(why, whylen, "window: no %d-minute booking on the %d-minute grid fits between %s and %s "
            "within one local day", s->dur, s->slot, a, b);
        return;
    }
    for (int i = 0; i < s->nrows; i++)
        if (!s->rows[i].ever_ok) {
            ordo_desk_row_describe(m, s->rows[i].q, s->q->participants, desc, sizeof desc);
            say(why, whylen, "availability: no %s %s is free for %d minutes between %s and %s "
                "(working hours, time off, other bookings)", desc, where, s->dur, a, b);
            return;
        }
    if (s->customer_blocked && !s->combos_failed) {
        say(why, whylen, "customer: '%s' has other bookings at every time the resources are free "
            "between %s and %s", s->q->customer, a, b);
        return;
    }
    size_t at = 0;
    char list[600] = "";
    for (int i = 0; i < s->nrows && at < sizeof list; i++) {
        ordo_desk_row_describe(m, s->rows[i].q, s->q->participants, desc, sizeof desc);
        at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", i ? ", " : "", desc);
    }
    say(why, whylen, "availability: %s are each free at times between %s and %s, but never all "
        "together for %d minutes %s", list, a, b, s->dur, where);
}

/* ---- entry points -------------------------------------------------------------- */

static int check_query(search *s, const ordo_find_times_query *q, int max, char *why, size_t whylen)
{
    const ordo_model *m = s->m;
    if (!q || q->version != ORDO_FIND_TIMES_QUERY_VERSION)
        return fail(s, why, whylen, ORDO_EINVAL, "find times: no query, or a query of another version");
    if (q->service < 0 || (size_t)q->service >= m->services.n)
        return fail(s, why, whylen, ORDO_EINVAL, "find times: service index %d out of range", q->service);
    if (q->participants < 1)
        return fail(s, why, whylen, ORDO_EINVAL, "find times: participants = %d; must be >= 1",
                    q->participants);
    if (q->site < -1 || (q->site >= 0 && (size_t)q->site >= m->sites.n))
        return fail(s, why, whylen, ORDO_EINVAL, "find times: site index %d out of range", q->site);
    if (s->slot < 1 || ORDO_MIN_PER_DAY % s->slot != 0)
        return fail(s, why, whylen, ORDO_EINVAL, "find times: slot of %d minutes; it must divide 1440",
                    s->slot);
    if (max < 0)
        return fail(s, why, whylen, ORDO_EINVAL, "find times: max = %d; must be >= 0", max);
    if ((q->after.local && (q->after.minute < 0 || q->after.minute > ORDO_MIN_PER_DAY)) ||
        (q->before.local && (q->before.minute < 0 || q->before.minute > ORDO_MIN_PER_DAY)))
        return fail(s, why, whylen, ORDO_EINVAL, "find times: a local bound's minute is outside 0..1440");
    for (int k = 0; k < q->nprefer; k++)
        if (!q->prefer || q->prefer[k] < 0 || (size_t)q->prefer[k] >= m->resources.n)
            return fail(s, why, whylen, ORDO_EINVAL, "find times: preferred resource index out of range");
    if (q->except_session < -1 || (q->except_session >= 0 && (size_t)q->except_session >= m->sessions.n))
        return fail(s, why, whylen, ORDO_EINVAL, "find times: session index %d out of range",
                    q->except_session);
    if (s->dur <= 0)
        return fail(s, why, whylen, ORDO_EINVAL, "service '%s': duration %d; must be > 0",
                    m->services.v[q->service].id, s->dur);
    return ORDO_OK;
}

static void search_clear(search *s)
{
    for (int i = 0; s->rows && i < s->nrows; i++) {
        ordo__free(s->rows[i].cands);
        ordo__free(s->rows[i].site_off);
        ordo__free(s->rows[i].free);
    }
    ordo__free(s->rows);
    for (int k = 0; k < s->novr; k++)
        ordo_intervals_clear(&s->ovr[k].free);
    ordo__free(s->ovr);
    ordo__free(s->is_pref);
    ordo__free(s->lists);
    ordo__free(s->after);
    ordo__free(s->before);
    ordo__free(s->site_ok);
    ordo__free(s->starts);
    ordo__free(s->skip);
    ordo_intervals_clear(&s->customer_busy);
}

int ordo_desk_find_times(ordo_desk *d, const ordo_find_times_query *q, ordo_proposal *out, int max,
                         int *n, char *why, size_t whylen)
{
    int rc = ORDO_OK, found = 0;
    search s = { 0 };
    ordo_proposal *acc = NULL;
    size_t nacc = 0, cap = 0;
    if (why && whylen)
        why[0] = '\0';
    if (n)
        *n = 0;
    if (!d || !n || (max > 0 && !out))
        return d ? ordo__seterr(ordo__desk_err(d), ORDO_EINVAL, "find times: no output") : ORDO_EINVAL;
    s.d = d;
    s.m = ordo_desk_model(d);
    s.q = q;
    s.nsites = (int)s.m->sites.n;
    s.slot = q && q->slot_minutes ? q->slot_minutes : DEFAULT_SLOT;
    s.dur = q && q->service >= 0 && (size_t)q->service < s.m->services.n ? s.m->services.v[q->service].duration : 0;
    ORDO_TRY(check_query(&s, q, max, why, whylen));
    ORDO_TRY(build_rows(&s, why, whylen));

    s.is_pref = ordo__calloc(s.m->resources.n + 1, 1);
    s.lists = ordo__calloc(s.m->resources.n + 1, sizeof *s.lists);
    s.after = ordo__calloc((size_t)s.nsites + 1, sizeof *s.after);
    s.before = ordo__calloc((size_t)s.nsites + 1, sizeof *s.before);
    s.site_ok = ordo__calloc((size_t)s.nsites + 1, 1);
    s.skip = ordo__calloc((size_t)s.nsites + 1, sizeof *s.skip);
    if (!s.is_pref || !s.lists || !s.after || !s.before || !s.site_ok || !s.skip) {
        rc = ORDO_ENOMEM;
        goto done;
    }
    for (int k = 0; k < q->nprefer; k++)
        s.is_pref[q->prefer[k]] = 1;
    for (int site = 0; site <= s.nsites; site++)
        s.skip[site] = INT64_MIN;

    /* rows that no resource anywhere can fill */
    for (int i = 0; i < s.nrows; i++)
        if (s.rows[i].site_off[s.nsites] < s.rows[i].q->count) {
            explain_row_missing(&s, &s.rows[i], why, whylen);
            goto done;
        }
    /* sites with every row, and their range */
    ordo_utc lo = INT64_MAX, hi = INT64_MIN;
    int any_site = 0;
    for (int site = 0; site < s.nsites; site++) {
        if (q->site >= 0 && site != q->site)
            continue;
        int ok = 1;
        for (int i = 0; i < s.nrows && ok; i++)
            ok = s.rows[i].site_off[site + 1] - s.rows[i].site_off[site] >= s.rows[i].q->count;
        if (!ok)
            continue;
        if (ordo_when_at_site(s.m, site, &q->after, &s.after[site]) < 0 ||
            ordo_when_at_site(s.m, site, &q->before, &s.before[site]) < 0) {
            rc = fail(&s, why, whylen, ORDO_EINVAL, "site '%s': unknown time zone '%s'",
                      s.m->sites.v[site].id, s.m->sites.v[site].timezone);
            goto done;
        }
        if (s.before[site] <= s.after[site]) {
            rc = fail(&s, why, whylen, ORDO_EINVAL, "find times: the end of the range is not after its start");
            goto done;
        }
        if (s.before[site] - s.after[site] > (ordo_utc)ORDO_FIND_TIMES_MAX_DAYS * ORDO_MIN_PER_DAY) {
            rc = fail(&s, why, whylen, ORDO_EINVAL, "find times: the range is longer than %d days",
                      ORDO_FIND_TIMES_MAX_DAYS);
            goto done;
        }
        s.site_ok[site] = 1;
        any_site = 1;
        lo = s.after[site] < lo ? s.after[site] : lo;
        hi = s.before[site] > hi ? s.before[site] : hi;
    }
    if (!any_site) {
        if (q->site >= 0) {
            for (int i = 0; i < s.nrows; i++) {
                const row *w = &s.rows[i];
                if (w->site_off[q->site + 1] - w->site_off[q->site] < w->q->count) {
                    char desc[200];
                    ordo_desk_row_describe(s.m, w->q, q->participants, desc, sizeof desc);
                    say(why, whylen, "site: site '%s' has no %s", s.m->sites.v[q->site].id, desc);
                    break;
                }
            }
        } else {
            say(why, whylen, "site: no single site has every resource service '%s' requires",
                s.m->services.v[q->service].id);
        }
        goto done;
    }
    ORDO_TRY(all_starts(&s));
    ORDO_TRY(fetch_lists(&s, lo, hi));
    ORDO_TRY(customer_busy(&s));

    for (size_t i = 0; i < s.nstarts && max > 0; i++) {
        if (nacc >= (size_t)max && s.starts[i].u > acc[nacc - 1].start)
            break;
        if (s.starts[i].u < s.skip[s.starts[i].site])
            continue;
        if (ORDO_GROW(acc, cap, nacc + 1) < 0) {
            rc = ORDO_ENOMEM;
            goto done;
        }
        if (try_start(&s, &s.starts[i], &acc[nacc]))
            nacc++;
    }
    if (nacc > 1)
        qsort(acc, nacc, sizeof *acc, cmp_proposal);
    found = nacc < (size_t)max ? (int)nacc : max;
    if (found)
        memcpy(out, acc, (size_t)found * sizeof *out);
    else if (max > 0)
        explain_none(&s, why, whylen);
    *n = found;
done:
    if (rc == ORDO_ENOMEM)
        fail(&s, why, whylen, rc, "find times: out of memory");
    else if (rc < 0 && why && whylen && !why[0])
        snprintf(why, whylen, "%s", ordo_desk_errmsg(d));
    ordo__free(acc);
    search_clear(&s);
    return rc;
}

int ordo_find_times(const ordo_model *m, const ordo_find_times_query *q, ordo_proposal *out, int max,
                    int *n, char *why, size_t whylen)
{
    ordo_desk *d = NULL;
    ordo_err err = { 0 };
    int rc = ordo_desk_new(&d, m, &err);
    if (rc < 0) {
        if (why && whylen)
            snprintf(why, whylen, "%s", err.msg);
        return rc;
    }
    rc = ordo_desk_find_times(d, q, out, max, n, why, whylen);
    ordo_desk_free(d);
    return rc;
}
