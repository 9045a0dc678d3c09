/*
 * cost.c — soft-cost evaluation. Everything here is a pure function of the
 * state; nothing is cached, so a delta is "recompute the touched pieces
 * before and after". Sessions of a course are interchangeable: spread looks
 * at the course's dates in sorted order, frozen sessions included.
 */
#include "solver/cost.h"

#include <stdlib.h>

/* Insertion sort: the arrays here are a course's few sessions, where it
 * beats qsort's call overhead several times over. */
static void sort_ints(int *v, int n)
{
    for (int i = 1; i < n; i++) {
        int x = v[i], j = i - 1;
        for (; j >= 0 && v[j] > x; j--)
            v[j + 1] = v[j];
        v[j + 1] = x;
    }
}

#define MAX_LOCAL 512   /* course sizes above this use heap buffers */

double sv_cost_stability(const sv_state *st, int ci)
{
    const sv_problem *p = st->p;
    const sv_course *c = &p->courses[ci];
    if (!p->stability)
        return 0;
    int moved = 0;
    for (int k = 0; k < c->nsess; k++) {
        int s = c->sess[k];
        if (p->prev_start[s] != -1 && !sv_problem_at_prev(p, s, st->start[s], st->res + st->res_off[s]))
            moved++;
    }
    return (double)moved * p->stability;
}

double sv_cost_course(const sv_state *st, int ci, sv_cost_parts *parts)
{
    const sv_problem *p = st->p;
    const sv_course *c = &p->courses[ci];
    int nd = 0, nr = 0;
    int dates_local[MAX_LOCAL], res_local[MAX_LOCAL];
    int ncap_dates = c->nsess + c->nfixed, ncap_res = c->nsess * c->nres + c->nfixed_res;
    int *dates = ncap_dates <= MAX_LOCAL ? dates_local : ordo__malloc(sizeof(int) * (size_t)ncap_dates);
    int *res = ncap_res <= MAX_LOCAL ? res_local : ordo__malloc(sizeof(int) * (size_t)ncap_res);
    double capacity = 0;
    if (!dates || !res) {
        if (dates != dates_local) ordo__free(dates);
        if (res != res_local) ordo__free(res);
        return 0;  /* unreachable in practice; costs are never allocated big */
    }
    int placed = 0;
    for (int k = 0; k < c->nsess; k++) {
        int s = c->sess[k];
        if (st->start[s] < 0)
            continue;
        placed++;
        dates[nd++] = c->starts[st->start[s]].date;
        const int *sr = st->res + st->res_off[s];
        int at = 0;
        for (int q = 0; q < c->nreq; q++)
            for (int i = 0; i < c->reqs[q].count; i++, at++) {
                const sv_req *rq = &c->reqs[q];
                if (rq->kind == ORDO_ROOM && rq->cap_penalty > 0 && rq->need_seats > 0) {
                    int shortfall = rq->need_seats - p->res_seats[sr[at]];
                    if (shortfall > 0)
                        capacity += (double)shortfall * rq->cap_penalty;
                }
            }
        for (int i = 0; i < c->nres; i++)
            res[nr++] = sr[i];
    }
    for (int k = 0; k < c->nfixed; k++)
        dates[nd++] = c->fixed_dates[k];
    for (int k = 0; k < c->nfixed_res; k++)
        res[nr++] = c->fixed_res[k];
    /* distinct persons / rooms, frozen sessions included */
    sort_ints(res, nr);
    int persons = 0, rooms = 0;
    for (int i = 0; i < nr; i++) {
        if (i && res[i] == res[i - 1])
            continue;
        int kd = p->res_kind[res[i]];
        persons += kd == ORDO_PERSON;
        rooms += kd == ORDO_ROOM;
    }
    double same_person = 0, same_room = 0, spread = 0, min_days = 0;
    if (placed || c->nfixed) {
        if (persons > c->persons_per_session)
            same_person = (double)(persons - c->persons_per_session) * p->w.same_person;
        if (rooms > c->rooms_per_session)
            same_room = (double)(rooms - c->rooms_per_session) * p->w.same_room;
    }
    sort_ints(dates, nd);
    int distinct = 0;
    for (int i = 0; i < nd; i++) {
        if (i == 0 || dates[i] != dates[i - 1])
            distinct++;
        if (i > 0 && p->w.spread && dates[i] - dates[i - 1] < c->ideal_gap)
            spread += (double)(c->ideal_gap - (dates[i] - dates[i - 1])) * p->w.spread;
    }
    if (c->min_distinct_days > distinct)
        min_days = (double)(c->min_distinct_days - distinct) * p->w.min_days;
    if (dates != dates_local) ordo__free(dates);
    if (res != res_local) ordo__free(res);
    double stability = sv_cost_stability(st, ci);
    if (parts) {
        parts->stability += stability;
        parts->same_person += same_person;
        parts->same_room += same_room;
        parts->spread += spread;
        parts->min_days += min_days;
        parts->capacity += capacity;
    }
    return same_person + same_room + spread + min_days + capacity + stability;
}

/* A session of a cohort is isolated on its day when no other session of the
 * cohort (placed or kept) ends exactly at its start or starts exactly at its
 * end on the same local date. Cohort sessions never overlap, so "the cohort's
 * bitset is busy at minute t - 1" means "a session ends at t" and "busy at
 * e" means "one starts at e": each test is one bit, at the minutes the state
 * keeps per placed session (sv_state.edge: -1 where the day or the horizon
 * ends, so no session can touch that side). */
static int isolated(const sv_word *w, const int *edge)
{
    return !(edge[0] >= 0 && !sv_bit(w, edge[0])) && !(edge[1] >= 0 && !sv_bit(w, edge[1]));
}

/* Isolated sessions of cohort k, on date *only (or on every date). */
static int count_isolated(const sv_state *st, int k, const ordo_date *only)
{
    const sv_problem *p = st->p;
    const sv_word *w = sv_free_bits(st->free, p, p->nres + k);
    const int *list = st->cohort_sess[k];
    int n = st->cohort_nsess[k], count = 0;
    int *day_n = NULL;
    const int *day = only ? sv_state_day(st, k, *only, &day_n) : NULL;
    if (day) {   /* that day's sessions only: all placed, all on that date */
        for (int i = 0; i < *day_n; i++)
            count += isolated(w, st->edge + 2 * day[i]);
        return count;
    }
    for (int i = 0; i < n; i++) {
        int s = list[i];
        /* the cached date first: most of a cohort's sessions are on other days */
        if (only ? st->date[s] != *only : st->start[s] < 0)
            continue;
        count += isolated(w, st->edge + 2 * s);
    }
    return count;
}

double sv_cost_cohort_day(const sv_state *st, int k, ordo_date d)
{
    return st->p->w.compactness ? (double)count_isolated(st, k, &d) * st->p->w.compactness : 0;
}

double sv_cost_cohort(const sv_state *st, int k)
{
    return st->p->w.compactness ? (double)count_isolated(st, k, NULL) * st->p->w.compactness : 0;
}

double sv_cost_load_person(const sv_state *st, int r, int64_t load)
{
    (void)r;
    const sv_problem *p = st->p;
    if (!p->w.load || !p->npersons)
        return 0;
    double mean = (double)st->load_total / p->npersons;
    double over = (double)load - mean;
    return over > 0 ? over / 60.0 * p->w.load : 0;
}

double sv_cost_load(const sv_state *st)
{
    double total = 0;
    for (int r = 0; r < st->p->nres; r++)
        if (st->p->is_load_person[r])
            total += sv_cost_load_person(st, r, st->load[r]);
    return total;
}

double sv_cost_total(const sv_state *st, sv_cost_parts *parts)
{
    sv_cost_parts local = { 0 };
    sv_cost_parts *pp = parts ? parts : &local;
    *pp = (sv_cost_parts){ 0 };
    double total = 0;
    for (int ci = 0; ci < st->p->ncourses; ci++)
        total += sv_cost_course(st, ci, pp);
    for (int k = 0; k < st->p->npseudo; k++) {
        double v = sv_cost_cohort(st, k);
        pp->compactness += v;
        total += v;
    }
    pp->load = sv_cost_load(st);
    return total + pp->load;
}
