/*
 * ical_import.h — a person's (or room's) own calendar read as unavailability:
 * the busy times of an RFC 5545 file become time-off rows of one resource,
 * tagged with a source, so that importing the same calendar again replaces
 * what the earlier import brought instead of adding to it.
 *
 * What counts as busy:
 *   - every VEVENT that is opaque (TRANSP absent or OPAQUE) and not
 *     STATUS:CANCELLED; recurring events (RRULE, RDATE, EXDATE) are expanded
 *     over the range, an instance overridden by a VEVENT with the same UID
 *     and a RECURRENCE-ID is replaced by that VEVENT (or dropped when the
 *     override is cancelled or transparent);
 *   - every FREEBUSY period of a VFREEBUSY whose FBTYPE is BUSY,
 *     BUSY-UNAVAILABLE or BUSY-TENTATIVE (or absent); FREE is ignored.
 * Times: UTC ("Z") as is; TZID naming an IANA zone (also behind a prefix
 * such as "/freeassociation.sourceforge.net/") through model/tz.h; another
 * TZID through the file's own VTIMEZONE; floating times in the resource's
 * site zone; an all-day event (DATE values) blocks its whole local days
 * there. Rows are written in the resource's site local time; an end that
 * falls in a repeated hour is rounded up so no busy minute is lost.
 * Only events that overlap the range are kept (whole).
 *
 * The model is changed only on success: first the resource's rows with
 * this source are removed, then the new ones added. Errors: ORDO_EIO (file
 * unreadable), ORDO_EINVAL (bad options), ORDO_ENOMEM, and ORDO_EINPUT
 * with "FILE:LINE: what" (or "FILE: what") for:
 *   - not iCalendar; more than 64 MiB; a content line longer than 1 MiB
 *     unfolded; text that is not UTF-8; a line libical cannot read (a bad
 *     FREEBUSY, DTSTART, RRULE such as FREQ=BOGUS or INTERVAL=0);
 *   - a date that does not exist (20260230, month 13, T240000) or a year
 *     outside 1900..9999, an event without DTSTART, an end before the start,
 *     an event longer than ten years;
 *   - an unknown TZID; a VTIMEZONE without STANDARD/DAYLIGHT rules, with an
 *     offset beyond +-18:00 or a rule that is not yearly;
 *   - an RRULE whose expansion over the range would take more than the
 *     file's budget of recurrence steps (periods x BY values: FREQ=SECONDLY
 *     over a year, say), or more than 20,000 busy periods in the range.
 * A recurrence that started long before the range is expanded from the
 * range (no instance limit counts the years before it). Warnings (o->warn,
 * counted in result.warnings, the first 20 passed on): a VCALENDAR nested in
 * another (skipped with its content), a property or parameter name that is
 * not iCalendar (that line skipped).
 */
#ifndef ORDO_ICAL_IMPORT_H
#define ORDO_ICAL_IMPORT_H

#include "io/import.h"        /* ordo_warn_fn */
#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ordo_ical_import_options {
    int version;
    int resource;               /* model index */
    ordo_date from, to;         /* inclusive local dates at the resource's site */
    const char *source;         /* tag of the rows; NULL = the file's base name */
    ordo_warn_fn warn;          /* may be NULL: "FILE:LINE: what was skipped and why" */
    void *payload;
} ordo_ical_import_options;
#define ORDO_ICAL_IMPORT_OPTIONS_VERSION 1
#define ORDO_ICAL_IMPORT_OPTIONS_INIT { ORDO_ICAL_IMPORT_OPTIONS_VERSION, -1, 0, 0, NULL, NULL, NULL }

typedef struct ordo_ical_import_result {
    int added;                  /* time-off rows written */
    int replaced;               /* rows of the same resource and source removed first */
    int events;                 /* busy VEVENT instances and FREEBUSY periods kept */
    int skipped;                /* cancelled, transparent or FREE ones */
    int warnings;               /* lines or calendars skipped with a warning */
} ordo_ical_import_result;

int ordo_ical_import_file(ordo_model *m, const char *path, const ordo_ical_import_options *o,
                          ordo_ical_import_result *out, ordo_err *err);

/* The same on text in memory; `name` stands for the file in messages and is
 * the default source. */
int ordo_ical_import_text(ordo_model *m, const char *text, const char *name,
                          const ordo_ical_import_options *o, ordo_ical_import_result *out, ordo_err *err);

#ifdef __cplusplus
}
#endif
#endif
