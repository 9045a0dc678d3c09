/*
 * tz.h — the one place where local wall-clock time meets real (UTC) time.
 *
 * Zones are IANA names read from the system tzdata (Debian package tzdata,
 * /usr/share/zoneinfo, or $TZDIR). An unknown zone is an error: the C
 * library would silently fall back to UTC, so ordo_tz_valid() checks the
 * zone file first and every other function refuses an invalid zone.
 *
 * Thread-safe: zones are read from their TZif files once, kept immutable
 * in a cache guarded by one mutex, and never touch the process's TZ (no
 * setenv, tzset or localtime), so server threads convert in parallel.
 */
#ifndef ORDO_TZ_H
#define ORDO_TZ_H

#include "model/date.h"

#ifdef __cplusplus
extern "C" {
#endif

/* 1 if `name` is a known IANA zone, else 0. */
int ordo_tz_valid(const char *name);

enum {
    ORDO_LOCAL_OK = 0,        /* exactly one instant has this wall time */
    ORDO_LOCAL_GAP = 1,       /* the wall time does not exist (spring forward) */
    ORDO_LOCAL_AMBIGUOUS = 2  /* the wall time occurs twice (fall back) */
};

/* Local date + minute of day (0..1440; 1440 means next day 00:00) in zone
 * `tz` -> real instant. Returns ORDO_LOCAL_OK, ORDO_LOCAL_GAP (*out is then
 * the instant the wall time would have with the earlier offset) or
 * ORDO_LOCAL_AMBIGUOUS (*out = the earlier instant); or -1 for an invalid zone. */
int ordo_tz_to_utc(const char *tz, ordo_date d, int minute, ordo_utc *out);

/* The UTC offsets (minutes east) that local date + minute has in `tz`, in
 * the order of their instants: returns 0 (a gap), 1, or 2 (it occurs twice:
 * out[0] the earlier instant's, out[1] the later's, whatever the length of
 * the fold), -1 for an invalid zone. For advice such as "add the offset". */
int ordo_tz_local_offsets(const char *tz, ordo_date d, int minute, int out[2]);

/* Real instant -> local date and minute of day (0..1439). -1 for an invalid zone. */
int ordo_tz_to_local(const char *tz, ordo_utc t, ordo_date *out_date, int *out_minute);

/* UTC offset in minutes east of Greenwich at instant t (0 for an invalid zone). */
int ordo_tz_offset(const char *tz, ordo_utc t);

#ifdef __cplusplus
}
#endif
#endif
