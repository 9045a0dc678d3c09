/*
 * check.h — is a model consistent enough to be stored? Every index refers
 * to a record of the model, every date lies within years 1900..9999 (it
 * writes and reads back as YYYY-MM-DD), every enum value is known, and no
 * two sessions share an id (they would silently become one row).
 */
#ifndef ORDO_MODEL_CHECK_H
#define ORDO_MODEL_CHECK_H

#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ORDO_OK, or ORDO_EINVAL with "cannot save TABLE 'ROW': ..." in err
 * (ORDO_ENOMEM when out of memory). A course's `site` list must name sites
 * of the model ("cannot save course 'C': site 'S' is not a known site"). */
int ordo_model_check(const ordo_model *m, ordo_err *err);

/* 1 when site (an index) is one of the course's sites (any site when its
 * list is empty), else 0 (also for an index out of range). */
int ordo_course_site_allowed(const ordo_model *m, const ordo_course *c, int site);

/* May a session of `course` be placed at `site`? The site must be allowed
 * (ordo_course_site_allowed) and every other PLANNED or DONE session of the
 * course with a site (except model session `except_session`, -1 = none)
 * must be at that same site. ORDO_OK (msg ""), or ORDO_ERULE with
 * "site: ..." naming the course, the sites and the session in msg. */
int ordo_course_site_check(const ordo_model *m, int course, int site, int except_session, char *msg, size_t len);

#ifdef __cplusplus
}
#endif
#endif
