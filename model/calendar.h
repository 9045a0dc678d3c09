/*
 * calendar.h — when a resource is free: working hours (the union of its rows
 * per weekday, in its site's local time), minus time off, minus the sessions
 * that hold it, as sorted UTC intervals. The one place for this logic in new
 * code (the service desk, repair, iCal import).
 *
 * Intervals are half-open [start, end) in UTC minutes (date.h). A "normal"
 * list is sorted by start, with no empty, overlapping or touching intervals.
 * Every function that fills a list clips to the asked range [from, to).
 *
 * Rules (shared/spec/import-format.md): a resource without any working-hours
 * row works at any time; a row's local end may be 24:00; local times map to
 * UTC through model/tz.h (a wall time in a DST gap takes the earlier offset,
 * an ambiguous one the earlier instant); a resource without a site uses UTC.
 * Sessions that hold a resource are the PLANNED and DONE ones listing it.
 *
 * Ownership: lists own their array; ordo_intervals_clear frees it.
 */
#ifndef ORDO_CALENDAR_H
#define ORDO_CALENDAR_H

#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ordo_interval {
    ordo_utc start, end;
} ordo_interval;

typedef struct ordo_intervals {
    ordo_interval *v;
    size_t n, cap;
} ordo_intervals;

/* The longest range the calendar functions accept (ORDO_EINVAL beyond). */
#define ORDO_CALENDAR_MAX_DAYS 3700

void ordo_intervals_clear(ordo_intervals *l);               /* frees; l stays usable */
/* Appends [a, b) (nothing when b <= a). ORDO_OK or ORDO_ENOMEM. */
int ordo_intervals_add(ordo_intervals *l, ordo_utc a, ordo_utc b);
/* Sorts and merges overlapping or touching intervals: makes the list normal. */
void ordo_intervals_normalize(ordo_intervals *l);
/* out = a minus b (both normal; out normal, distinct from a and b). */
int ordo_intervals_subtract(ordo_intervals *out, const ordo_intervals *a, const ordo_intervals *b);
/* Index of the interval of normal list l that contains [a, b), or -1. */
long ordo_intervals_find(const ordo_intervals *l, ordo_utc a, ordo_utc b);
/* Minutes covered by a normal list. */
int64_t ordo_intervals_minutes(const ordo_intervals *l);

/* Which model rows concern one resource: indexes into m->working_hours,
 * m->time_off and m->sessions (a session listed here may still not hold the
 * resource; it is checked). Callers that answer many questions build these
 * once; a NULL `rows` makes each function scan the whole model. */
typedef struct ordo_calendar_rows {
    const int *working_hours;
    int nworking_hours;
    const int *time_off;
    int ntime_off;
    const int *sessions;
    int nsessions;
} ordo_calendar_rows;

/* The IANA zone of resource r's site ("UTC" without a site). */
const char *ordo_calendar_zone(const ordo_model *m, int r);

/* Each function below REPLACES *out's content with a normal list within
 * [from, to). Returns ORDO_OK, ORDO_ENOMEM, or ORDO_EINVAL (r out of range,
 * from >= to, a range longer than ORDO_CALENDAR_MAX_DAYS, an unknown zone). */

/* When r works. */
int ordo_calendar_working(ordo_intervals *out, const ordo_model *m, int r,
                          const ordo_calendar_rows *rows, ordo_utc from, ordo_utc to);
/* r's time off. */
int ordo_calendar_time_off(ordo_intervals *out, const ordo_model *m, int r,
                           const ordo_calendar_rows *rows, ordo_utc from, ordo_utc to);
/* The sessions holding r, except session index `except` (-1: none). */
int ordo_calendar_booked(ordo_intervals *out, const ordo_model *m, int r,
                         const ordo_calendar_rows *rows, ordo_utc from, ordo_utc to, int except);
/* Free = working - time off - booked (except session `except`). */
int ordo_calendar_free(ordo_intervals *out, const ordo_model *m, int r,
                       const ordo_calendar_rows *rows, ordo_utc from, ordo_utc to, int except);

/* Does session s hold resource r (PLANNED or DONE, r among its resources)? */
int ordo_calendar_session_holds(const ordo_session *s, int r);

#ifdef __cplusplus
}
#endif
#endif
