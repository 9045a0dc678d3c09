/*
 * app_catalog.h — read-only use cases for clients that show the catalogue
 * and calendars: the services one can book, and one resource's or course's
 * iCalendar file as `ordo export ical` writes it (app.h conventions).
 */
#ifndef ORDO_APP_CATALOG_H
#define ORDO_APP_CATALOG_H

#include "app/app.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ordo_app_service {
    char *id, *name;
    int duration_minutes;
} ordo_app_service;

typedef struct ordo_app_services {
    ordo_app_service *v;           /* in stored order */
    int n;
} ordo_app_services;
void ordo_app_services_clear(ordo_app_services *l);

int ordo_app_service_list(ordo_app *a, ordo_app_services *out);

/* kind "resource" or "course": the calendar's bytes (*out, ordo__malloc'd,
 * '\0'-terminated, *len bytes). ORDO_ENOTFOUND when there is no such
 * record; ORDO_EINVAL for another kind. libical keeps process-wide error
 * state, so threads serialise calls to this function (the server does). */
int ordo_app_calendar(ordo_app *a, const char *kind, const char *id, char **out, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
