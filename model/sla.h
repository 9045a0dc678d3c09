/*
 * sla.h — service levels on business hours: when a case's first response
 * and resolution are due, how much business time has run, and whether the
 * SLA is fine, in warning, failed or met.
 *
 * Business hours: one [start, end) local range per weekday (start == end:
 * closed that day; end may be 1440), minus holidays (local dates), in an
 * IANA zone (the site's; tz.h). Each local day is converted on its own, so
 * 09:00-17:00 stays 09:00-17:00 local on both sides of a DST change (and
 * is 8 real hours long even on the change's day unless the change falls
 * inside the range). Pauses (a case on hold) are UTC intervals, a normal
 * list (calendar.h); the clock does not run inside them; an open hold is
 * an interval ending far in the future. Times are UTC minutes (date.h).
 */
#ifndef ORDO_SLA_H
#define ORDO_SLA_H

#include "model/calendar.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ordo_business_hours {
    const char *zone;             /* IANA name, borrowed */
    int start[7], end[7];         /* local minutes by weekday (0 = Monday) */
    const ordo_date *holidays;    /* sorted ascending, borrowed; may be NULL */
    size_t nholidays;
} ordo_business_hours;

/* Checks the hours (0 <= start <= end <= 1440, a known zone, holidays
 * sorted, at least one open weekday): ORDO_OK or ORDO_EINPUT with err,
 * whose field is zone, hours or holidays. */
int ordo_business_hours_check(const ordo_business_hours *bh, ordo_err *err);

/* The instant when `minutes` (>= 0) business minutes have run from `start`
 * (the clock stopped during pauses). ORDO_OK, or ORDO_EINVAL (bad zone,
 * negative minutes, or not reached within ORDO_CALENDAR_MAX_DAYS). */
int ordo_sla_due(const ordo_business_hours *bh, ordo_utc start, int64_t minutes, const ordo_intervals *pauses,
                 ordo_utc *out);

/* Business minutes run in [start, now) outside pauses. ORDO_OK or ORDO_EINVAL. */
int ordo_sla_elapsed(const ordo_business_hours *bh, ordo_utc start, ordo_utc now, const ordo_intervals *pauses,
                     int64_t *out);

typedef enum ordo_sla_state {
    ORDO_SLA_OK = 0, ORDO_SLA_WARNING, ORDO_SLA_FAILED, ORDO_SLA_MET, ORDO_SLA_MISSED
} ordo_sla_state;
const char *ordo_sla_state_name(ordo_sla_state s);   /* "ok", "warning", "failed", "met", "missed" */

/* The state of one target of `target` business minutes after `elapsed`
 * have run: done (responded / resolved) -> MET or MISSED (done after the
 * target); else FAILED past the target, WARNING from warn_percent % of it. */
ordo_sla_state ordo_sla_state_of(int64_t elapsed, int64_t target, int warn_percent, int done);

#ifdef __cplusplus
}
#endif
#endif
