/*
 * date.h — civil dates and local times, as plain integers.
 *
 *   ordo_date   days since 1970-01-01 (proleptic Gregorian), a *local* date;
 *   minute of day  0..1440 (1440 = 24:00, only as an end);
 *   ordo_utc    minutes since 1970-01-01T00:00Z, a *real* instant.
 *
 * Conversions between local and real time need a zone: see tz.h.
 * Parsers are strict: exact widths, range-checked, no trailing text.
 */
#ifndef ORDO_DATE_H
#define ORDO_DATE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef int32_t ordo_date;
typedef int64_t ordo_utc;

#define ORDO_MIN_PER_DAY 1440

/* Weekday of a date: 0 = Monday .. 6 = Sunday. */
int ordo_date_weekday(ordo_date d);
ordo_date ordo_date_from_ymd(int y, int m, int d);
void ordo_date_to_ymd(ordo_date date, int *y, int *m, int *d);

/* "YYYY-MM-DD" -> date. Returns 0 on success, -1 if malformed or impossible. */
int ordo_date_parse(const char *s, ordo_date *out);
/* "HH:MM" -> minute of day; `allow_24` admits "24:00". Returns 0 / -1. */
int ordo_time_parse(const char *s, int allow_24, int *out_minute);
/* "YYYY-MM-DDTHH:MM" -> date + minute of day. Returns 0 / -1. */
int ordo_datetime_parse(const char *s, ordo_date *out_date, int *out_minute);
/* "MO".."SU" -> 0..6, or -1. */
int ordo_weekday_parse(const char *s);
extern const char *const ordo_weekday_names[7];

/* Formatting into caller buffers (sizes: 11, 6, 17 bytes at least). */
void ordo_date_format(ordo_date d, char out[11]);
void ordo_time_format(int minute, char out[6]);
void ordo_datetime_format(ordo_date d, int minute, char out[17]);

#ifdef __cplusplus
}
#endif
#endif
