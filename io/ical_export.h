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

#ifdef __cplusplus
}
#endif
#endif
