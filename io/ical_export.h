/*
 * ical_export.h — RFC 5545 calendars written with libical:
 * resource-<id>.ics per resource and course-<id>.ics per course in `dir`.
 * See README "Calendars" for every property written. Re-exporting an
 * unchanged plan gives byte-identical files (DTSTAMP and SEQUENCE are stored
 * on the sessions, never taken from the clock).
 */
#ifndef ORDO_ICAL_EXPORT_H
#define ORDO_ICAL_EXPORT_H

#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

int ordo_ical_export(const ordo_model *m, const char *dir, int *out_files, ordo_err *err);

/* One calendar in memory: kind "resource" or "course", the bytes
 * ordo_ical_export writes for it (*out, ordo__malloc'd, '\0'-terminated,
 * *len bytes), or a calendar without events where it writes no file.
 * ORDO_ENOTFOUND when there is no such resource or course. libical keeps
 * process-wide error state: callers in several threads serialise calls. */
int ordo_ical_calendar(const ordo_model *m, const char *kind, const char *id, char **out, size_t *len,
                       ordo_err *err);

#ifdef __cplusplus
}
#endif
#endif
