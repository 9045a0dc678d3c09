/*
 * html_export.h — a readable week-grid timetable (HTML, no script) per
 * resource (resource-<id>.html) and per course (course-<id>.html), and
 * index.html linking them all, in `dir`.
 */
#ifndef ORDO_HTML_EXPORT_H
#define ORDO_HTML_EXPORT_H

#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

int ordo_html_export(const ordo_model *m, const char *dir, int *out_files, ordo_err *err);

#ifdef __cplusplus
}
#endif
#endif
