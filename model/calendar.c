/*
 * calendar.c — a resource's free time as sorted UTC intervals (calendar.h).
 *
 * Working hours: the rows of one resource are merged per weekday into local
 * [start, end) minute ranges, then laid on every local date that can touch
 * the asked range (one day of margin each side, since a zone's local date
 * differs from the UTC date) and converted through tz.h. Rows of adjacent
 * days that meet at midnight merge in the normalisation. Time off and
 * sessions are subtracted afterwards; every result is clipped to [from, to).
 */
#include "model/calendar.h"
#include "model/tz.h"

#include <stdlib.h>
#include <string.h>

/* ---- interval lists --------------------------------------------------- */

void ordo_intervals_clear(ordo_intervals *l)
{
    ordo__free(l->v);
    memset(l, 0, sizeof *l);
}

int ordo_intervals_add(ordo_intervals *l, ordo_utc a, ordo_utc b)
{
    if (b <= a)
        return ORDO_OK;
    if (ORDO_GROW(l->v, l->cap, l->n + 1) < 0)
        return ORDO_ENOMEM;
    l->v[l->n++] = (ordo_interval){ a, b };
    return ORDO_OK;
}

static int cmp_interval(const void *pa, const void *pb)
{
    const ordo_interval *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->end < b->end ? -1 : a->end > b->end;
}

void ordo_intervals_normalize(ordo_intervals *l)
{
    size_t k = 0;
    int sorted = 1;
    for (size_t i = 1; i < l->n && sorted; i++)
        sorted = l->v[i - 1].start <= l->v[i].start;
    if (!sorted && l->n > 1)
        qsort(l->v, l->n, sizeof *l->v, cmp_interval);
    for (size_t i = 0; i < l->n; i++) {
        if (l->v[i].end <= l->v[i].start)
            continue;
        if (k > 0 && l->v[i].start <= l->v[k - 1].end) {
            if (l->v[i].end > l->v[k - 1].end)
                l->v[k - 1].end = l->v[i].end;
        } else {
            l->v[k++] = l->v[i];
        }
    }
    l->n = k;
}

int ordo_intervals_subtract(ordo_intervals *out, const ordo_intervals *a, const ordo_intervals *b)
{
    int rc = ORDO_OK;
    size_t j = 0;
    out->n = 0;
    for (size_t i = 0; i < a->n; i++) {
        ordo_utc s = a->v[i].start, e = a->v[i].end;
        while (j < b->n && b->v[j].end <= s)
            j++;
        for (size_t k = j; k < b->n && b->v[k].start < e; k++) {
            if (b->v[k].start > s)
                ORDO_TRY(ordo_intervals_add(out, s, b->v[k].start));
            if (b->v[k].end > s)
                s = b->v[k].end;
        }
        ORDO_TRY(ordo_intervals_add(out, s, e));
    }
done:
    return rc;
}

long ordo_intervals_find(const ordo_intervals *l, ordo_utc a, ordo_utc b)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {                     /* first interval with end > a */
        size_t mid = lo + (hi - lo) / 2;
        if (l->v[mid].end <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < l->n && l->v[lo].start <= a && b <= l->v[lo].end)
        return (long)lo;
    return -1;
}

int64_t ordo_intervals_minutes(const ordo_intervals *l)
{
    int64_t sum = 0;
    for (size_t i = 0; i < l->n; i++)
        sum += l->v[i].end - l->v[i].start;
    return sum;
}

/* ---- the model's rows ------------------------------------------------- */

const char *ordo_calendar_zone(const ordo_model *m, int r)
{
    int site = m->resources.v[r].site;
    return site >= 0 && (size_t)site < m->sites.n ? m->sites.v[site].timezone : "UTC";
}

static int check_args(const ordo_model *m, int r, ordo_utc from, ordo_utc to)
{
    if (!m || r < 0 || (size_t)r >= m->resources.n || from >= to ||
        to - from > (ordo_utc)ORDO_CALENDAR_MAX_DAYS * ORDO_MIN_PER_DAY)
        return ORDO_EINVAL;
    return ORDO_OK;
}

/* Row i of a table: from the caller's list, or every row of the model. */
#define ROW_COUNT(rows, field, table) ((rows) ? (size_t)(rows)->n##field : (table).n)
#define ROW_AT(rows, field, i) ((rows) ? (size_t)(rows)->field[i] : (i))

int ordo_calendar_session_holds(const ordo_session *s, int r)
{
    if ((s->status != ORDO_SESSION_PLANNED && s->status != ORDO_SESSION_DONE) || s->end <= s->start)
        return 0;
    for (int k = 0; k < s->nresources; k++)
        if (s->resources[k] == r)
            return 1;
    return 0;
}

/* Clip a normal list to [from, to). */
static void clip(ordo_intervals *l, ordo_utc from, ordo_utc to)
{
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++) {
        ordo_interval x = l->v[i];
        if (x.start < from) x.start = from;
        if (x.end > to) x.end = to;
        if (x.start < x.end)
            l->v[k++] = x;
    }
    l->n = k;
}

/* The local date of instant t in zone tz; ORDO_EINVAL for an unknown zone
 * (tz.c refuses it; checking here too would read the zone file each call). */
static int local_date(const char *tz, ordo_utc t, ordo_date *out)
{
    int minute = 0;
    return ordo_tz_to_local(tz, t, out, &minute) < 0 ? ORDO_EINVAL : ORDO_OK;
}

int ordo_calendar_working(ordo_intervals *out, const ordo_model *m, int r,
                          const ordo_calendar_rows *rows, ordo_utc from, ordo_utc to)
{
    int rc = check_args(m, r, from, to);
    /* merged local ranges per weekday: at most one per row */
    size_t nrows = rc == ORDO_OK ? ROW_COUNT(rows, working_hours, m->working_hours) : 0;
    ordo_intervals day[7] = { { 0 } };
    int any = 0;
    if (rc < 0)
        return rc;
    out->n = 0;
    for (size_t i = 0; i < nrows; i++) {
        const ordo_working_hours *w = &m->working_hours.v[ROW_AT(rows, working_hours, i)];
        if (w->resource != r || w->weekday < 0 || w->weekday > 6)
            continue;
        any = 1;
        ORDO_TRY(ordo_intervals_add(&day[w->weekday], w->start, w->end));
    }
    if (!any) {
        rc = ordo_intervals_add(out, from, to);
        goto done;
    }
    for (int wd = 0; wd < 7; wd++)
        ordo_intervals_normalize(&day[wd]);
    const char *tz = ordo_calendar_zone(m, r);
    ordo_date d0, d1;
    ORDO_TRY(local_date(tz, from, &d0));
    ORDO_TRY(local_date(tz, to - 1, &d1));
    for (ordo_date d = d0 - 1; d <= d1 + 1; d++) {
        const ordo_intervals *w = &day[ordo_date_weekday(d)];
        for (size_t k = 0; k < w->n; k++) {
            ordo_utc a, b;
            ordo_tz_to_utc(tz, d, (int)w->v[k].start, &a);
            ordo_tz_to_utc(tz, d, (int)w->v[k].end, &b);
            if (b > from && a < to)
                ORDO_TRY(ordo_intervals_add(out, a, b));
        }
    }
    ordo_intervals_normalize(out);
    clip(out, from, to);
done:
    for (int wd = 0; wd < 7; wd++)
        ordo_intervals_clear(&day[wd]);
    return rc;
}

int ordo_calendar_time_off(ordo_intervals *out, const ordo_model *m, int r,
                           const ordo_calendar_rows *rows, ordo_utc from, ordo_utc to)
{
    int rc = check_args(m, r, from, to);
    if (rc < 0)
        return rc;
    const char *tz = ordo_calendar_zone(m, r);
    size_t nrows = ROW_COUNT(rows, time_off, m->time_off);
    out->n = 0;
    for (size_t i = 0; i < nrows; i++) {
        const ordo_time_off *t = &m->time_off.v[ROW_AT(rows, time_off, i)];
        if (t->resource != r)
            continue;
        ordo_utc a, b;
        if (ordo_tz_to_utc(tz, t->start_date, t->start_min, &a) < 0 ||
            ordo_tz_to_utc(tz, t->end_date, t->end_min, &b) < 0) {
            rc = ORDO_EINVAL;
            goto done;
        }
        if (b > from && a < to)
            ORDO_TRY(ordo_intervals_add(out, a, b));
    }
    ordo_intervals_normalize(out);
    clip(out, from, to);
done:
    return rc;
}

int ordo_calendar_booked(ordo_intervals *out, const ordo_model *m, int r,
                         const ordo_calendar_rows *rows, ordo_utc from, ordo_utc to, int except)
{
    int rc = check_args(m, r, from, to);
    if (rc < 0)
        return rc;
    size_t nrows = ROW_COUNT(rows, sessions, m->sessions);
    out->n = 0;
    for (size_t i = 0; i < nrows; i++) {
        size_t si = ROW_AT(rows, sessions, i);
        const ordo_session *s = &m->sessions.v[si];
        if ((int)si == except || !ordo_calendar_session_holds(s, r) || s->end <= from || s->start >= to)
            continue;
        ORDO_TRY(ordo_intervals_add(out, s->start, s->end));
    }
    ordo_intervals_normalize(out);
    clip(out, from, to);
done:
    return rc;
}

int ordo_calendar_free(ordo_intervals *out, const ordo_model *m, int r,
                       const ordo_calendar_rows *rows, ordo_utc from, ordo_utc to, int except)
{
    int rc = ORDO_OK;
    ordo_intervals work = { 0 }, off = { 0 }, tmp = { 0 };
    ORDO_TRY(ordo_calendar_working(&work, m, r, rows, from, to));
    ORDO_TRY(ordo_calendar_time_off(&off, m, r, rows, from, to));
    ORDO_TRY(ordo_intervals_subtract(&tmp, &work, &off));
    ORDO_TRY(ordo_calendar_booked(&off, m, r, rows, from, to, except));
    ORDO_TRY(ordo_intervals_subtract(out, &tmp, &off));
done:
    ordo_intervals_clear(&work);
    ordo_intervals_clear(&off);
    ordo_intervals_clear(&tmp);
    return rc;
}
