/*
 * rfc3339.h — time values as users and clients type them, shared by cli/
 * and server/ through app/:
 *   - RFC 3339 with an offset: "2026-10-12T09:00+02:00", "2026-10-12T07:00Z",
 *     seconds and a fraction optional ("...T09:00:30.5+02:00");
 *   - a local wall time "YYYY-MM-DDTHH:MM" (read later in a site's zone);
 *   - a date "YYYY-MM-DD" (its local midnight).
 * And the other way: an instant printed with a given UTC offset.
 *
 * Pure functions on caller buffers; no zone data here (model/tz.h converts
 * local times). Parsers are strict: no leading or trailing text.
 */
#ifndef ORDO_RFC3339_H
#define ORDO_RFC3339_H

#include "model/date.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ordo_timeval {
    int local;          /* 1: date + minute are a local wall time (no offset given) */
    ordo_date date;     /* as written */
    int minute;         /* 0..1439, as written */
    int has_time;       /* 0: a bare date (minute = 0) */
    ordo_utc utc;       /* local == 0: the instant, in whole minutes */
    int extra_seconds;  /* 1 when seconds or a fraction went past the minute */
} ordo_timeval;

/* Parses `s`. `round_up`: an instant with seconds past the minute rounds up
 * to the next minute (else down). Returns 0, or -1 when malformed. */
int ordo_timeval_parse(const char *s, int round_up, ordo_timeval *out);

/* "+02:00" / "-03:30" for an offset in minutes (out: 8 bytes). */
void ordo_offset_format(int offset_min, char out[8]);

/* `t` as RFC 3339 at `offset_min` ("2026-10-12T09:00+02:00"), or with "Z"
 * when utc_z is set (out: 32 bytes). */
void ordo_rfc3339_format(ordo_utc t, int offset_min, int utc_z, char out[32]);

#ifdef __cplusplus
}
#endif
#endif
