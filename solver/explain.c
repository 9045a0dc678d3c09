/*
 * explain.c — reasons for unplaced sessions. Order of the tests: the static
 * filters recorded when the course's starts were built (window, contract,
 * skill, capacity, site, availability), then the counting rules (too many
 * sessions for the window with the minimum gap, hour bank), then, against the
 * final plan: the course's own sessions when they block every start, else
 * whichever of a cohort or a requirement row (no free resource) blocks most
 * of the starts they leave open — only the starts at the site of the course's
 * placed sessions (all its sessions share one site), which the text names.
 */
#include "solver/explain.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAX_OFF_NAMED 3          /* time-off rows named per resource */
#define MAX_COURSES_NAMED 2      /* courses named per resource's sessions */

/* snprintf at the end of buf; never overflows, always NUL-terminated. */
static void append(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void append(char *buf, size_t n, const char *fmt, ...)
{
    size_t len = strlen(buf);
    va_list ap;
    if (len + 1 >= n)
        return;
    va_start(ap, fmt);
    vsnprintf(buf + len, n - len, fmt, ap);
    va_end(ap);
}

/* Its sessions placed in this run starting within lo..hi (UTC dates, near
 * enough for naming), and up to MAX_COURSES_NAMED of their courses. */
static int run_sessions(const sv_state *st, int r, ordo_date lo, ordo_date hi, int *courses, int *ncourses)
{
    const sv_problem *p = st->p;
    int count = 0;
    *ncourses = 0;
    for (int i = 0; i < st->by_res_n[r]; i++) {
        int s = st->by_res[r][i];
        const sv_start *a = sv_state_start(st, s);
        if (!a || a->date < lo || a->date > hi)
            continue;
        count++;
        int mc = p->courses[p->sess_course[s]].mc, seen = 0;
        for (int k = 0; k < *ncourses; k++)
            seen |= courses[k] == mc;
        if (!seen && *ncourses < MAX_COURSES_NAMED)
            courses[(*ncourses)++] = mc;
    }
    return count;
}

void sv_explain_blockers(const sv_problem *p, const sv_state *st, const sv_req *rq, ordo_date lo, ordo_date hi,
                         char *buf, size_t n)
{
    const ordo_model *m = p->m;
    const char *who = rq->kind == ORDO_PERSON ? "teacher" : ordo_kind_name((ordo_kind)rq->kind);
    if (rq->ncands < 1 || rq->ncands > SV_FEW_BLOCKERS)
        return;
    for (int k = 0; k < rq->ncands; k++) {
        int r = rq->cands[k], noff = 0, courses[MAX_COURSES_NAMED], ncourses = 0;
        const char *id = m->resources.v[r].id;
        append(buf, n, "%s %s", k ? ";" : ":", id);
        if (k == 0 && rq->ncands == 1)
            append(buf, n, ", the only %s%s%s%s,", who, rq->skill ? " with skill '" : "", rq->skill ? rq->skill : "",
                   rq->skill ? "'" : "");
        else if (k == 0)
            append(buf, n, " (one of the only %d %ss%s%s%s)", rq->ncands, who, rq->skill ? " with skill '" : "",
                   rq->skill ? rq->skill : "", rq->skill ? "'" : "");
        for (size_t i = 0; i < m->time_off.n; i++) {
            const ordo_time_off *o = &m->time_off.v[i];
            char a[17], b[17];
            if (o->resource != r || o->start_date > hi || o->end_date < lo)
                continue;
            if (noff++ == MAX_OFF_NAMED) {
                append(buf, n, " and more time off");
                break;
            }
            ordo_datetime_format(o->start_date, o->start_min, a);
            ordo_datetime_format(o->end_date, o->end_min, b);
            a[10] = b[10] = ' ';
            append(buf, n, "%s is off %s..%s%s%s%s", noff > 1 ? "," : "", a, b, o->reason && *o->reason ? " (" : "",
                   o->reason && *o->reason ? o->reason : "", o->reason && *o->reason ? ")" : "");
        }
        int busy = st ? run_sessions(st, r, lo, hi, courses, &ncourses) : 0;
        if (busy) {
            append(buf, n, "%s %s %d session%s then (", noff ? " and" : "", rq->kind == ORDO_PERSON ? "teaches" : "is booked by",
                   busy, busy == 1 ? "" : "s");
            for (int c = 0; c < ncourses; c++)
                append(buf, n, "%scourse %s", c ? ", " : "", m->courses.v[courses[c]].id);
            append(buf, n, "%s)", busy > ncourses && ncourses == MAX_COURSES_NAMED ? ", ..." : "");
        }
        if (!noff && !busy)
            append(buf, n, " is outside its working hours or booked by fixed sessions then");
    }
}

void sv_explain(const sv_state *st, int s, char *buf, size_t n)
{
    const sv_problem *p = st->p;
    const sv_course *c = &p->courses[p->sess_course[s]];
    const ordo_model *m = p->m;
    const ordo_course *mc = &m->courses.v[c->mc];
    if (!c->nstarts) {
        snprintf(buf, n, "%s", c->empty_reason ? c->empty_reason : "availability: no possible start");
        return;
    }
    ordo_date first = c->starts[0].date, last = c->starts[c->nstarts - 1].date;
    int days = last - first + 1, total = c->nsess + c->nfixed;
    if (c->min_days_between > 0 && (long)(total - 1) * c->min_days_between + 1 > days) {
        snprintf(buf, n, "window: %d sessions at least %d days apart need %ld days; the course has %d "
                 "possible days (%s)", total, c->min_days_between,
                 (long)(total - 1) * c->min_days_between + 1, days, mc->id);
        return;
    }
    if (c->contract >= 0 && st->bank[c->contract] < c->duration) {
        snprintf(buf, n, "hour_bank: contract %s has %lld minutes left, a session of %s needs %d",
                 m->contracts.v[c->contract].id, (long long)st->bank[c->contract], mc->id, c->duration);
        return;
    }
    /* all sessions of a course at one site: the site of its placed ones, or
     * the one site its starts allow (-1 when several remain open) */
    int site = -1;
    for (int k = 0; k < c->nsess && site < 0; k++)
        if (c->sess[k] != s && st->start[c->sess[k]] >= 0)
            site = c->starts[st->start[c->sess[k]]].site;
    int placed_site = site >= 0;
    for (int j = 0; j < c->nstarts && !placed_site; j++)
        if (c->starts[j].site != c->starts[0].site)
            break;
        else if (j == c->nstarts - 1)
            site = c->starts[0].site;
    if (m->sites.n <= 1) {          /* name a site only where there is a choice */
        site = -1;
        placed_site = 0;
    }
    /* count which rule blocks each start */
    long by_course = 0, by_cohort = 0, by_req[64] = { 0 }, at_site = 0;
    int cohort_hit = -1;
    for (int j = 0; j < c->nstarts; j++) {
        const sv_start *a = &c->starts[j];
        int e = a->t + c->duration;
        if (placed_site && a->site != site)
            continue;      /* the one-site rule, named with the other rule below */
        at_site++;
        if (!sv_state_course_allows(st, s, j)) {
            by_course++;
            continue;
        }
        int blocked = 0;
        for (int k = 0; k < c->ncohorts && !blocked; k++)
            if (!sv_bits_all(sv_free_bits(st->free, p, c->cohorts[k]), a->t, e)) {
                blocked = 1;
                cohort_hit = c->cohorts[k] - p->nres;
            }
        if (blocked) {
            by_cohort++;
            continue;
        }
        int res[64], failed = 0;
        if (c->nres <= 64 && !sv_state_choose_resources(st, s, j, res, NULL, &failed) && failed < 64)
            by_req[failed]++;
    }
    int worst = 0;
    for (int q = 1; q < c->nreq && q < 64; q++)
        if (by_req[q] > by_req[worst])
            worst = q;
    long req_max = c->nreq ? by_req[worst] : 0;
    /* the course's own sessions are the reason only when they alone block
     * every start; otherwise name what blocks the starts they leave open */
    char where[200] = "";
    if (site >= 0) {
        const sv_req *rq = &c->reqs[worst];
        int n_at = 0;
        for (int k = 0; c->nreq && k < rq->ncands; k++)
            n_at += m->resources.v[rq->cands[k]].site == site;
        snprintf(where, sizeof where, " at site %s%s (%d candidate%s there)", m->sites.v[site].id,
                 placed_site ? ", where the course's other sessions are" : "", n_at, n_at == 1 ? "" : "s");
    }
    if (by_course == at_site || (by_cohort == 0 && req_max == 0)) {
        char d1[11], d2[11];
        ordo_date_format(first, d1);
        ordo_date_format(last, d2);
        snprintf(buf, n, "window: the course's other sessions (at least %d days apart, never overlapping%s%s) "
                 "leave no free day in %s..%s for this one", c->min_days_between,
                 placed_site ? ", all at site " : "", placed_site ? m->sites.v[site].id : "", d1, d2);
    } else if (by_cohort >= req_max) {
        snprintf(buf, n, "cohort: every time the resources are free%s%s overlaps a session of cohort %s",
                 site >= 0 ? " at site " : "", site >= 0 ? m->sites.v[site].id : "",
                 cohort_hit >= 0 ? p->cohort_names[cohort_hit] : "?");
    } else {
        const sv_req *rq = &c->reqs[worst];
        const char *who = rq->kind == ORDO_PERSON ? "teacher" : ordo_kind_name((ordo_kind)rq->kind);
        if (where[0])
            snprintf(buf, n, "availability: no %s%s%s%s free%s at any start the other rules allow (all booked, "
                     "off or outside working hours)", who, rq->skill ? " with skill '" : "",
                     rq->skill ? rq->skill : "", rq->skill ? "'" : "", where);
        else
            snprintf(buf, n, "availability: no %s%s%s%s free at any start the other rules allow (%d candidate%s, "
                     "all booked, off or outside working hours)", who, rq->skill ? " with skill '" : "",
                     rq->skill ? rq->skill : "", rq->skill ? "'" : "", rq->ncands, rq->ncands == 1 ? "" : "s");
        sv_explain_blockers(p, st, rq, first, last, buf, n);
    }
}
