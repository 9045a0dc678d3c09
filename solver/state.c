/*
 * state.c — placing and removing sessions in a plan, and choosing the
 * resources of one booking. Invariant: for every placed session, its
 * resources' and cohorts' bits over [t, t + duration) are clear in `free`,
 * its duration is taken from its contract's bank and added to its persons' load,
 * and all placed sessions of a course are at one site (their starts' site).
 */
#include "solver/state.h"

#include <stdlib.h>
#include <string.h>

uint64_t sv_rng_next(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

int sv_state_new(sv_state *st, const sv_problem *p)
{
    memset(st, 0, sizeof *st);
    st->p = p;
    size_t nbits = (size_t)(p->nres + p->npseudo) * (size_t)p->words;
    st->free = ordo__malloc((nbits + 1) * sizeof *st->free);
    st->start = ordo__malloc(((size_t)p->nsess + 1) * sizeof *st->start);
    st->date = ordo__malloc(((size_t)p->nsess + 1) * sizeof *st->date);
    st->edge = ordo__malloc((2 * (size_t)p->nsess + 1) * sizeof *st->edge);
    st->res_off = ordo__malloc(((size_t)p->nsess + 1) * sizeof *st->res_off);
    st->bank = ordo__malloc((p->m->contracts.n + 1) * sizeof *st->bank);
    st->load = ordo__calloc((size_t)p->nres + 1, sizeof *st->load);
    st->cohort_sess = ordo__calloc((size_t)p->npseudo + 1, sizeof *st->cohort_sess);
    st->cohort_nsess = ordo__calloc((size_t)p->npseudo + 1, sizeof *st->cohort_nsess);
    st->by_res = ordo__calloc((size_t)p->nres + 1, sizeof *st->by_res);
    st->by_res_n = ordo__calloc((size_t)p->nres + 1, sizeof *st->by_res_n);
    st->by_res_cap = ordo__calloc((size_t)p->nres + 1, sizeof *st->by_res_cap);
    st->course_placed = ordo__calloc((size_t)p->ncourses + 1, sizeof *st->course_placed);
    if (!st->by_res || !st->by_res_n || !st->by_res_cap ||!st->free || !st->start || !st->date || !st->edge || !st->res_off || !st->bank || !st->load || !st->cohort_sess ||
        !st->cohort_nsess || !st->course_placed)
        goto oom;
    st->construct_site = -1;
    memcpy(st->free, p->free0, nbits * sizeof *st->free);
    memcpy(st->bank, p->bank0, p->m->contracts.n * sizeof *st->bank);
    for (int r = 0; r < p->nres; r++) {
        st->load[r] = p->load0[r];
        st->load_total += p->load0[r];
    }
    for (int s = 0; s < p->nsess; s++) {
        st->start[s] = -1;
        st->date[s] = SV_NO_DATE;
    }
    memcpy(st->res_off, p->res_off, ((size_t)p->nsess + 1) * sizeof *st->res_off);
    int total = st->res_off[p->nsess];
    if (!(st->res = ordo__calloc((size_t)total + 1, sizeof *st->res)) ||
        !(st->res_pos = ordo__malloc(((size_t)total + 1) * sizeof *st->res_pos)))
        goto oom;
    for (int i = 0; i < total; i++)
        st->res_pos[i] = -1;
    /* cohort membership lists */
    for (int s = 0; s < p->nsess; s++) {
        const sv_course *c = &p->courses[p->sess_course[s]];
        for (int k = 0; k < c->ncohorts; k++)
            st->cohort_nsess[c->cohorts[k] - p->nres]++;
    }
    for (int k = 0; k < p->npseudo; k++) {
        if (!(st->cohort_sess[k] = ordo__malloc(((size_t)st->cohort_nsess[k] + 1) * sizeof(int))))
            goto oom;
        st->cohort_nsess[k] = 0;
    }
    for (int s = 0; s < p->nsess; s++) {
        const sv_course *c = &p->courses[p->sess_course[s]];
        for (int k = 0; k < c->ncohorts; k++) {
            int q = c->cohorts[k] - p->nres;
            st->cohort_sess[q][st->cohort_nsess[q]++] = s;
        }
    }
    if (p->w.compactness && p->npseudo > 0 && p->opts.to >= p->opts.from) {
        st->ndays = (int)(p->opts.to - p->opts.from) + 1;
        if (!(st->day_sess = ordo__calloc((size_t)p->npseudo, sizeof *st->day_sess)) ||
            !(st->day_cap = ordo__calloc((size_t)p->npseudo, sizeof *st->day_cap)) ||
            !(st->day_n = ordo__calloc((size_t)p->npseudo * (size_t)st->ndays, sizeof *st->day_n)))
            goto oom;
        for (int k = 0; k < p->npseudo; k++) {
            st->day_cap[k] = st->cohort_nsess[k];
            if (!(st->day_sess[k] = ordo__malloc(((size_t)st->ndays * (size_t)st->day_cap[k] + 1) * sizeof(int))))
                goto oom;
        }
    }
    return ORDO_OK;
oom:
    sv_state_free(st);
    return ORDO_ENOMEM;
}

void sv_state_free(sv_state *st)
{
    if (!st || !st->p)
        return;
    for (int k = 0; st->cohort_sess && k < st->p->npseudo; k++)
        ordo__free(st->cohort_sess[k]);
    ordo__free(st->cohort_sess);
    ordo__free(st->cohort_nsess);
    for (int r = 0; st->by_res && r < st->p->nres; r++)
        ordo__free(st->by_res[r]);
    ordo__free(st->by_res);
    ordo__free(st->by_res_n);
    ordo__free(st->by_res_cap);
    ordo__free(st->course_placed);
    for (int k = 0; st->day_sess && k < st->p->npseudo; k++)
        ordo__free(st->day_sess[k]);
    ordo__free(st->day_sess);
    ordo__free(st->day_cap);
    ordo__free(st->day_n);
    ordo__free(st->free);
    ordo__free(st->start);
    ordo__free(st->date);
    ordo__free(st->edge);
    ordo__free(st->res);
    ordo__free(st->res_off);
    ordo__free(st->res_pos);
    ordo__free(st->bank);
    ordo__free(st->load);
    memset(st, 0, sizeof *st);
}

/* The per-resource session lists, each entry's index kept in res_pos[slot]
 * (slot: the session's res[] slot holding r) so that a removal is O(1): the
 * last entry moves into the hole, as a scan-and-swap would do. Growing a
 * list can fail only when memory is exhausted; the list is then left short
 * (res_pos -1), which only hides exchange moves. */
static void by_res_add(sv_state *st, int r, int s, int slot)
{
    if (st->by_res_n[r] == st->by_res_cap[r]) {
        int ncap = st->by_res_cap[r] ? 2 * st->by_res_cap[r] : 8;
        int *v = ordo__realloc(st->by_res[r], (size_t)ncap * sizeof *v);
        if (!v) {
            st->res_pos[slot] = -1;
            return;
        }
        st->by_res[r] = v;
        st->by_res_cap[r] = ncap;
    }
    st->res_pos[slot] = st->by_res_n[r];
    st->by_res[r][st->by_res_n[r]++] = s;
}

static void by_res_remove(sv_state *st, int r, int slot)
{
    int i = st->res_pos[slot];
    if (i < 0)
        return;
    st->res_pos[slot] = -1;
    int last = st->by_res[r][--st->by_res_n[r]];
    if (i == st->by_res_n[r])
        return;
    st->by_res[r][i] = last;
    const sv_course *lc = &st->p->courses[st->p->sess_course[last]];
    int off = st->res_off[last];
    for (int k = 0; k < lc->nres; k++)
        if (st->res[off + k] == r)
            st->res_pos[off + k] = i;
}

static int days_apart(ordo_date a, ordo_date b) { return a > b ? a - b : b - a; }

int sv_state_course_allows(const sv_state *st, int s, int j)
{
    const sv_problem *p = st->p;
    const sv_course *c = &p->courses[p->sess_course[s]];
    const sv_start *a = &c->starts[j];
    int e = a->t + c->duration;
    if (c->contract >= 0 && st->bank[c->contract] < c->duration)
        return 0;
    for (int k = 0; k < c->nsess; k++) {
        int o = c->sess[k];
        if (o == s || st->start[o] < 0)
            continue;
        const sv_start *b = &c->starts[st->start[o]];
        if (b->site != a->site)     /* all sessions of a course at one site */
            return 0;
        if (a->t < b->t + c->duration && b->t < e)
            return 0;
        if (c->min_days_between > 0 && days_apart(a->date, b->date) < c->min_days_between)
            return 0;
    }
    for (int k = 0; k < c->nfixed; k++) {
        if (a->t < c->fixed_t[2 * k + 1] && c->fixed_t[2 * k] < e)
            return 0;
        if (c->min_days_between > 0 && days_apart(a->date, c->fixed_dates[k]) < c->min_days_between)
            return 0;
    }
    return 1;
}

/* Course c's cohorts free over start a. */
static int cohorts_free(const sv_state *st, const sv_course *c, const sv_start *a)
{
    for (int k = 0; k < c->ncohorts; k++)
        if (!sv_bits_all(sv_free_bits(st->free, st->p, c->cohorts[k]), a->t, a->t + c->duration))
            return 0;
    return 1;
}

/* Resources res (c->nres, distinct) at a's site and free over start a. */
static int resources_free(const sv_state *st, const sv_course *c, const sv_start *a, const int *res)
{
    const sv_problem *p = st->p;
    for (int k = 0; k < c->nres; k++) {
        if (p->m->resources.v[res[k]].site != a->site)
            return 0;
        for (int i = 0; i < k; i++)
            if (res[i] == res[k])
                return 0;
        if (!sv_bits_all(sv_free_bits(st->free, p, res[k]), a->t, a->t + c->duration))
            return 0;
    }
    return 1;
}

int sv_state_can_place(const sv_state *st, int s, int j, const int *res)
{
    const sv_course *c = &st->p->courses[st->p->sess_course[s]];
    return cohorts_free(st, c, &c->starts[j]) && resources_free(st, c, &c->starts[j], res) &&
           sv_state_course_allows(st, s, j);
}

/* s joins or leaves the day list (state.h sv_state_day) of each of its cohorts. */
static void day_add(sv_state *st, const sv_course *c, int s, ordo_date date)
{
    for (int k = 0; k < c->ncohorts; k++) {
        int *n = NULL, *v = sv_state_day(st, c->cohorts[k] - st->p->nres, date, &n);
        if (v)
            v[(*n)++] = s;
    }
}

static void day_remove(sv_state *st, const sv_course *c, int s, ordo_date date)
{
    for (int k = 0; k < c->ncohorts; k++) {
        int *n = NULL, *v = sv_state_day(st, c->cohorts[k] - st->p->nres, date, &n);
        for (int i = 0; v && i < *n; i++)
            if (v[i] == s) {
                v[i] = v[--*n];   /* order does not matter: the count is a sum */
                break;
            }
    }
}

void sv_state_place(sv_state *st, int s, int j, const int *res)
{
    const sv_problem *p = st->p;
    const sv_course *c = &p->courses[p->sess_course[s]];
    const sv_start *a = &c->starts[j];
    int e = a->t + c->duration;
    int *mine = st->res + st->res_off[s];
    for (int k = 0; k < c->nres; k++) {
        mine[k] = res[k];
        by_res_add(st, res[k], s, st->res_off[s] + k);
        sv_bits_fill(sv_free_bits(st->free, p, res[k]), a->t, e, 0);
        if (p->is_load_person[res[k]]) {
            st->load[res[k]] += c->duration;
            st->load_total += c->duration;
        }
    }
    for (int k = 0; k < c->ncohorts; k++)
        sv_bits_fill(sv_free_bits(st->free, p, c->cohorts[k]), a->t, e, 0);
    if (c->contract >= 0)
        st->bank[c->contract] -= c->duration;
    st->start[s] = j;
    st->date[s] = a->date;
    st->edge[2 * s] = a->minute > 0 && a->t > 0 ? a->t - 1 : -1;
    st->edge[2 * s + 1] = a->minute + c->duration < ORDO_MIN_PER_DAY && e < p->horizon ? e : -1;
    day_add(st, c, s, a->date);
    st->placed++;
    st->course_placed[p->sess_course[s]]++;
}

void sv_state_unplace(sv_state *st, int s)
{
    const sv_problem *p = st->p;
    const sv_course *c = &p->courses[p->sess_course[s]];
    if (st->start[s] < 0)
        return;
    const sv_start *a = &c->starts[st->start[s]];
    int e = a->t + c->duration;
    const int *mine = st->res + st->res_off[s];
    for (int k = 0; k < c->nres; k++) {
        by_res_remove(st, mine[k], st->res_off[s] + k);
        sv_bits_fill(sv_free_bits(st->free, p, mine[k]), a->t, e, 1);
        if (p->is_load_person[mine[k]]) {
            st->load[mine[k]] -= c->duration;
            st->load_total -= c->duration;
        }
    }
    for (int k = 0; k < c->ncohorts; k++)
        sv_bits_fill(sv_free_bits(st->free, p, c->cohorts[k]), a->t, e, 1);
    if (c->contract >= 0)
        st->bank[c->contract] += c->duration;
    day_remove(st, c, s, st->date[s]);
    st->start[s] = -1;
    st->date[s] = SV_NO_DATE;
    st->placed--;
    st->course_placed[p->sess_course[s]]--;
}

/* How often the course already uses resource r in its other placed sessions. */
static int course_uses(const sv_state *st, const sv_course *c, int s, int r)
{
    int n = 0;
    for (int k = 0; k < c->nsess; k++) {
        int o = c->sess[k];
        if (o == s || st->start[o] < 0)
            continue;
        const int *res = st->res + st->res_off[o];
        for (int i = 0; i < c->nres; i++)
            n += res[i] == r;
    }
    return n;
}

/* The resources the course's other placed sessions use, with how often:
 * counted once per call (course_uses per candidate was a fifth of the
 * search's time on M). `over`: more distinct resources than fit, use
 * course_uses. */
#define USES_MAX 48
typedef struct uses_map { int r[USES_MAX], n[USES_MAX], count, over; } uses_map;

static void uses_collect(const sv_state *st, const sv_course *c, int s, uses_map *u)
{
    u->count = u->over = 0;
    for (int k = 0; k < c->nsess && !u->over; k++) {
        int o = c->sess[k];
        if (o == s || st->start[o] < 0)
            continue;
        const int *res = st->res + st->res_off[o];
        for (int i = 0; i < c->nres; i++) {
            int x = 0;
            while (x < u->count && u->r[x] != res[i])
                x++;
            if (x < u->count) {
                u->n[x]++;
            } else if (u->count < USES_MAX) {
                u->r[u->count] = res[i];
                u->n[u->count++] = 1;
            } else {
                u->over = 1;
                break;
            }
        }
    }
}

static int uses_of(const sv_state *st, const sv_course *c, int s, const uses_map *u, int r)
{
    if (u->over)
        return course_uses(st, c, s, r);
    for (int x = 0; x < u->count; x++)
        if (u->r[x] == r)
            return u->n[x];
    return 0;
}

int sv_state_choose_resources(const sv_state *st, int s, int j, int *out, uint64_t *rng, int *failed_req)
{
    const sv_problem *p = st->p;
    const sv_course *c = &p->courses[p->sess_course[s]];
    const sv_start *a = &c->starts[j];
    int e = a->t + c->duration, n = 0;
    uses_map u;
    uses_collect(st, c, s, &u);
    for (int q = 0; q < c->nreq; q++) {
        const sv_req *rq = &c->reqs[q];
        for (int pick = 0; pick < rq->count; pick++) {
            int best = -1;
            double best_score = 0;
            for (int k = 0; k < rq->ncands; k++) {
                int r = rq->cands[k];
                if (p->res_site[r] != a->site)
                    continue;
                int dup = 0;
                for (int i = 0; i < n && !dup; i++)
                    dup = out[i] == r;
                if (dup || !sv_bits_all(sv_free_bits(st->free, p, r), a->t, e))
                    continue;
                /* lower score = better: while constructing, spare the scarce
                 * resources (pressure) before keeping the course's own ones */
                int used = uses_of(st, c, s, &u, r);
                double score = st->constructing ? -3.0 * used + 100.0 * p->pressure[r] : -1000.0 * used;
                if (rq->kind == ORDO_PERSON)
                    score += (double)st->load[r] / 60.0;
                else if (rq->kind == ORDO_ROOM) {
                    int short_seats = rq->need_seats - p->res_seats[r];
                    if (short_seats > 0)
                        score += 100.0 * short_seats * (rq->cap_penalty ? rq->cap_penalty : 1);
                    else
                        score += 0.01 * (-short_seats);   /* best fit */
                }
                if (rng)
                    score += (double)(sv_rng_next(rng) % 1000) * 0.002;
                if (best < 0 || score < best_score) {
                    best = r;
                    best_score = score;
                }
            }
            if (best < 0) {
                if (failed_req)
                    *failed_req = q;
                return 0;
            }
            out[n++] = best;
        }
    }
    return 1;
}

int sv_state_cohorts_free(const sv_state *st, int s, int j)
{
    const sv_course *c = &st->p->courses[st->p->sess_course[s]];
    const sv_start *a = &c->starts[j], *b = sv_state_start(st, s);
    if (b && a->t < b->t + c->duration && b->t < a->t + c->duration)
        return 1;
    return cohorts_free(st, c, a);
}

int sv_state_fits(const sv_state *st, int s, int j, int *res, uint64_t *rng)
{
    /* sv_state_can_place's tests, the cohorts first: no resource is chosen
     * (nor random draw made) for a start they already rule out */
    const sv_course *c = &st->p->courses[st->p->sess_course[s]];
    return cohorts_free(st, c, &c->starts[j]) && sv_state_course_allows(st, s, j) &&
           sv_state_choose_resources(st, s, j, res, rng, NULL) && resources_free(st, c, &c->starts[j], res);
}
