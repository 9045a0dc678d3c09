/*
 * sla.c — business-time arithmetic (sla.h). One walk over the open
 * segments of business time from a start instant, day by local day: each
 * day's range goes through tz.h, holidays are skipped by binary search,
 * pauses are subtracted with a cursor (both lists are sorted, so the walk
 * is linear in days + pauses). The walk stops at a limit instant or when a
 * number of minutes has run, whichever comes first.
 */
#include "model/sla.h"
#include "model/tz.h"

#include <stdio.h>

static int is_holiday(const ordo_business_hours *bh, ordo_date d)
{
    size_t lo = 0, hi = bh->nholidays;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (bh->holidays[mid] < d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < bh->nholidays && bh->holidays[lo] == d;
}

int ordo_business_hours_check(const ordo_business_hours *bh, ordo_err *err)
{
    int open = 0;
    if (!bh->zone || !ordo_tz_valid(bh->zone))
        return ordo__seterr_at(err, ORDO_EINPUT, "zone", "business hours: zone '%s' is not a known IANA zone",
                               bh->zone ? bh->zone : "");
    for (int d = 0; d < 7; d++) {
        if (bh->start[d] < 0 || bh->start[d] > bh->end[d] || bh->end[d] > ORDO_MIN_PER_DAY)
            return ordo__seterr_at(err, ORDO_EINPUT, "hours",
                                   "business hours: %s: %d..%d is not a range within a day", ordo_weekday_names[d],
                                   bh->start[d], bh->end[d]);
        open += bh->end[d] > bh->start[d];
    }
    if (!open)
        return ordo__seterr_at(err, ORDO_EINPUT, "hours", "business hours: closed every day");
    for (size_t i = 1; i < bh->nholidays; i++)
        if (bh->holidays[i] <= bh->holidays[i - 1])
            return ordo__seterr_at(err, ORDO_EINPUT, "holidays",
                                   "business hours: holidays must be sorted and distinct");
    return ORDO_OK;
}

/* Walks business time from `start`; stops at `limit` (instant) or once
 * `budget` minutes (< 0: no budget) have run. *ran = minutes run; *due =
 * the instant the budget ran out (unset otherwise). Returns 1 when the
 * budget ran out, 0 when the limit came first, ORDO_EINVAL on error. */
static int walk(const ordo_business_hours *bh, ordo_utc start, ordo_utc limit, int64_t budget,
                const ordo_intervals *pauses, int64_t *ran, ordo_utc *due)
{
    ordo_date day;
    int minute;
    size_t p = 0;
    *ran = 0;
    if (budget == 0) {
        *due = start;
        return 1;
    }
    if (ordo_tz_to_local(bh->zone, start, &day, &minute) < 0)
        return ORDO_EINVAL;
    for (int n = 0; n <= ORDO_CALENDAR_MAX_DAYS; n++, day++) {
        int wd = ordo_date_weekday(day);
        if (bh->end[wd] <= bh->start[wd] || is_holiday(bh, day))
            continue;
        ordo_utc a, b;
        if (ordo_tz_to_utc(bh->zone, day, bh->start[wd], &a) < 0 ||
            ordo_tz_to_utc(bh->zone, day, bh->end[wd], &b) < 0)
            return ORDO_EINVAL;
        if (a < start)
            a = start;
        if (a >= limit)
            return 0;
        if (b > limit)
            b = limit;
        /* [a, b) minus the pauses */
        while (a < b) {
            while (pauses && p < pauses->n && pauses->v[p].end <= a)
                p++;
            ordo_utc seg_end = b;
            if (pauses && p < pauses->n && pauses->v[p].start < b) {
                if (pauses->v[p].start <= a) {
                    a = pauses->v[p].end;
                    continue;
                }
                seg_end = pauses->v[p].start;
            }
            int64_t len = seg_end - a;
            if (budget >= 0 && *ran + len >= budget) {
                *due = a + (budget - *ran);
                *ran = budget;
                return 1;
            }
            *ran += len;
            a = seg_end;
        }
        if (b >= limit)
            return 0;
    }
    return budget >= 0 ? ORDO_EINVAL : 0;
}

int ordo_sla_due(const ordo_business_hours *bh, ordo_utc start, int64_t minutes, const ordo_intervals *pauses,
                 ordo_utc *out)
{
    int64_t ran;
    if (minutes < 0)
        return ORDO_EINVAL;
    int r = walk(bh, start, INT64_MAX, minutes, pauses, &ran, out);
    return r == 1 ? ORDO_OK : ORDO_EINVAL;
}

int ordo_sla_elapsed(const ordo_business_hours *bh, ordo_utc start, ordo_utc now, const ordo_intervals *pauses,
                     int64_t *out)
{
    ordo_utc unused;
    *out = 0;
    if (now <= start)
        return ORDO_OK;
    int r = walk(bh, start, now, -1, pauses, out, &unused);
    return r < 0 ? r : ORDO_OK;
}

const char *ordo_sla_state_name(ordo_sla_state s)
{
    static const char *const n[] = { "ok", "warning", "failed", "met", "missed" };
    return (unsigned)s <= ORDO_SLA_MISSED ? n[s] : "?";
}

ordo_sla_state ordo_sla_state_of(int64_t elapsed, int64_t target, int warn_percent, int done)
{
    if (done)
        return elapsed <= target ? ORDO_SLA_MET : ORDO_SLA_MISSED;
    if (elapsed >= target)
        return ORDO_SLA_FAILED;
    if (elapsed * 100 >= target * (int64_t)warn_percent)
        return ORDO_SLA_WARNING;
    return ORDO_SLA_OK;
}
