/*
 * bound_cohort.c — an exact bound on one cohort's compactness plus the
 * minimum-days cost of the member courses given to it (bound.h,
 * sv_bound_cohort), by dynamic programming over the cohort's dates.
 *
 * Relaxation: only the cohort's own sessions exist (every other course,
 * resource, hour bank and min_days_between is dropped); each member course
 * places its sessions at its own candidate starts, never two of the cohort
 * overlapping. All members last the same `dur` minutes, so on one date the
 * chosen starts, in time order, must each begin at or after the previous
 * one's end, and a session is isolated exactly when no chosen session ends
 * at its start or starts at its end (solver/cost.c's test, the cohort's
 * minutes being busy only with its own sessions: no member has frozen
 * sessions). Per date, every choice of (start -> member or nothing) is
 * enumerated, keeping the fewest isolated sessions for each vector of
 * sessions per member; then a DP over dates with, per member, the sessions
 * placed and (for the members given to the cohort) the distinct dates used,
 * capped at its minimum days. The least final value over states with every
 * session placed is the bound. Costs and sizes are capped (`budget`): past
 * them the function declines and the caller keeps its simpler bound.
 */
#include "solver/bound.h"

#include <stdlib.h>
#include <string.h>

#define INF 1e300
#define MAX_MEMBERS 8
#define MAX_SLOTS 24
#define MAX_STATES 300000
#define MAX_KVEC 8192
#define MAX_SESS 12           /* sessions of one member */
#define MAX_DIGITS 96         /* (sessions, days) pairs of one member */
#define MAX_COHORT_WORK 1e7   /* DP transitions / 4 of one cohort */

typedef struct enum_ctx {
    int nm, nslots;
    int t[MAX_SLOTS];
    unsigned char ok[MAX_SLOTS][MAX_MEMBERS];   /* member may start at slot */
    int dur;
    int L[MAX_MEMBERS], mult[MAX_MEMBERS];
    double *best;           /* per k-vector code: fewest isolated */
    long *budget;
} enum_ctx;

/* Slot j onwards; the last chosen session ends at last_end and is counted
 * isolated when last_iso (it may stop being so if the next one touches). */
static void enum_day(enum_ctx *E, int j, int last_end, int last_iso, int code, int iso)
{
    if (--*E->budget < 0)
        return;
    if (j == E->nslots) {
        if (iso < E->best[code])
            E->best[code] = iso;
        return;
    }
    enum_day(E, j + 1, last_end, last_iso, code, iso);   /* nothing starts at slot j */
    if (E->t[j] < last_end)
        return;
    for (int i = 0; i < E->nm; i++) {
        if (!E->ok[j][i] || (code / E->mult[i]) % (E->L[i] + 1) == E->L[i])
            continue;
        int touch = last_end == E->t[j];
        enum_day(E, j + 1, E->t[j] + E->dur, !touch, code + E->mult[i], iso + (touch ? -last_iso : 1));
    }
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

double sv_bound_cohort(const sv_problem *p, const int *members, int nm, const char *owned, long *budget)
{
    double result = -1;
    double *f = NULL, *g = NULL, *best = NULL;
    int *dates = NULL;
    if (nm <= 0 || nm > MAX_MEMBERS || *budget <= 0)
        return -1;
    enum_ctx E;
    memset(&E, 0, sizeof E);
    E.nm = nm;
    E.budget = budget;
    E.dur = p->courses[members[0]].duration;
    int R[MAX_MEMBERS], Wcap[MAX_MEMBERS], smult[MAX_MEMBERS], ndates = 0;
    int dig_l[MAX_MEMBERS][MAX_DIGITS], dig_d[MAX_MEMBERS][MAX_DIGITS];
    signed char next[MAX_MEMBERS][MAX_DIGITS][MAX_SESS + 1];
    long nstates = 1, nk = 1, total_starts = 0;
    for (int i = 0; i < nm; i++) {
        const sv_course *c = &p->courses[members[i]];
        if (c->duration != E.dur || c->nfixed || c->nsess <= 0 || c->nsess > MAX_SESS)
            return -1;
        E.L[i] = c->nsess;
        E.mult[i] = (int)nk;
        nk *= c->nsess + 1;
        Wcap[i] = owned[i] ? (c->min_distinct_days < c->nsess ? c->min_distinct_days : c->nsess) : 0;
        if (Wcap[i] < 0)
            Wcap[i] = 0;
        /* digits: the reachable (sessions l, days d) pairs, d = 0 iff l = 0
         * (or the days are not counted), d <= min(l, Wcap) */
        R[i] = 0;
        for (int l = 0; l <= c->nsess; l++)
            for (int d = 0; d <= Wcap[i] && d <= l; d++)
                if ((d == 0) == (l == 0 || Wcap[i] == 0)) {
                    if (R[i] == MAX_DIGITS)
                        return -1;
                    dig_l[i][R[i]] = l;
                    dig_d[i][R[i]++] = d;
                }
        for (int a = 0; a < R[i]; a++)
            for (int ki = 0; ki <= c->nsess; ki++) {
                int l = dig_l[i][a] + ki, d = dig_d[i][a] + (ki > 0 && dig_d[i][a] < Wcap[i]), to = -1;
                for (int b = 0; b < R[i] && to < 0; b++)
                    if (dig_l[i][b] == l && dig_d[i][b] == d)
                        to = b;
                next[i][a][ki] = to;
            }
        smult[i] = (int)nstates;
        nstates *= R[i];
        total_starts += c->nstarts;
        if (nk > MAX_KVEC || nstates > MAX_STATES)
            return -1;
    }
    /* the members' dates, sorted and distinct */
    if (!(dates = ordo__malloc(sizeof *dates * ((size_t)total_starts + 1))))
        return -1;
    for (int i = 0; i < nm; i++) {
        const sv_course *c = &p->courses[members[i]];
        for (int j = 0; j < c->nstarts; j++)
            dates[ndates++] = c->starts[j].date;
    }
    qsort(dates, (size_t)ndates, sizeof *dates, cmp_int);
    int nd = 0;
    for (int j = 0; j < ndates; j++)
        if (!nd || dates[nd - 1] != dates[j])
            dates[nd++] = dates[j];
    if ((double)nstates * (double)nk * nd / 4 > MAX_COHORT_WORK)
        goto done;   /* too big for one cohort: decline before spending the shared budget */
    f = ordo__malloc(sizeof *f * (size_t)nstates);
    g = ordo__malloc(sizeof *g * (size_t)nstates);
    best = ordo__malloc(sizeof *best * (size_t)nk);
    if (!f || !g || !best)
        goto done;
    for (long s = 0; s < nstates; s++)
        f[s] = INF;
    f[0] = 0;
    E.best = best;
    for (int di = 0; di < nd; di++) {
        /* the date's slots: distinct start times of the members */
        E.nslots = 0;
        memset(E.ok, 0, sizeof E.ok);
        for (int i = 0; i < nm; i++) {
            const sv_course *c = &p->courses[members[i]];
            for (int j = 0; j < c->nstarts; j++) {
                if (c->starts[j].date != dates[di])
                    continue;
                int at = 0;
                while (at < E.nslots && E.t[at] < c->starts[j].t)
                    at++;
                if (at == E.nslots || E.t[at] != c->starts[j].t) {
                    if (E.nslots == MAX_SLOTS)
                        goto done;
                    memmove(E.t + at + 1, E.t + at, sizeof *E.t * (size_t)(E.nslots - at));
                    memmove(E.ok[at + 1], E.ok[at], sizeof E.ok[0] * (size_t)(E.nslots - at));
                    memset(E.ok[at], 0, sizeof E.ok[0]);
                    E.t[at] = c->starts[j].t;
                    E.nslots++;
                }
                E.ok[at][i] = 1;
            }
        }
        for (long k = 0; k < nk; k++)
            best[k] = INF;
        enum_day(&E, 0, -1, 0, 0, 0);
        if (*budget < 0)
            goto done;
        for (long s = 0; s < nstates; s++)
            g[s] = INF;
        *budget -= nstates * nk / 4 + 1;
        if (*budget < 0)
            goto done;
        for (long s = 0; s < nstates; s++) {
            if (f[s] >= INF)
                continue;
            for (long k = 0; k < nk; k++) {
                if (best[k] >= INF)
                    continue;
                long ns = 0;
                int fits = 1;
                for (int i = 0; i < nm && fits; i++) {
                    int digit = (int)((s / smult[i]) % R[i]), ki = (int)((k / E.mult[i]) % (E.L[i] + 1));
                    int to = next[i][digit][ki];
                    if (to < 0)
                        fits = 0;
                    else
                        ns += (long)to * smult[i];
                }
                double v = f[s] + best[k] * p->w.compactness;
                if (fits && v < g[ns])
                    g[ns] = v;
            }
        }
        double *tmp = f;
        f = g;
        g = tmp;
    }
    result = INF;
    for (long s = 0; s < nstates; s++) {
        if (f[s] >= INF)
            continue;
        double v = f[s];
        int all = 1;
        for (int i = 0; i < nm && all; i++) {
            int digit = (int)((s / smult[i]) % R[i]), l = dig_l[i][digit], d = dig_d[i][digit];
            const sv_course *c = &p->courses[members[i]];
            all = l == E.L[i];
            if (owned[i] && c->min_distinct_days > d)
                v += (double)(c->min_distinct_days - d) * p->w.min_days;
        }
        if (all && v < result)
            result = v;
    }
    if (result >= INF)
        result = -1;   /* the cohort cannot place its sessions even alone: no claim */
done:
    ordo__free(dates);
    ordo__free(f);
    ordo__free(g);
    ordo__free(best);
    return result;
}
