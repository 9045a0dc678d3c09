/*
 * plan_view.h — (internal) the plan as the exporters read it, so that
 * bookings.csv, the calendars and the HTML pages agree on every number and
 * local time.
 *
 * Session numbers: within a course, the placed sessions (PLANNED or DONE)
 * are numbered from 1 in start-time order (ties by id); the UNSCHEDULED ones
 * come after them in ordinal order (ties by id); CANCELLED sessions have no
 * number. A course's `count` is how many numbers it hands out ("k/N").
 */
#ifndef ORDO_PLAN_VIEW_H
#define ORDO_PLAN_VIEW_H

#include "io/out_file.h"
#include "model/conflicts.h"
#include "model/model.h"

typedef struct ordo__numbering {
    int *number;        /* per session index: 1..count, 0 = no number (cancelled) */
    int *count;         /* per course index */
} ordo__numbering;

/* Checks every index a session or course holds (course, site, resources,
 * service) so the exporters can follow them. ORDO_EINVAL naming the session. */
int ordo__plan_check(const ordo_model *m, ordo_err *err);

int ordo__numbering_build(ordo__numbering *out, const ordo_model *m, ordo_err *err);
void ordo__numbering_clear(ordo__numbering *n);

/* PLANNED or DONE. */
int ordo__session_is_placed(const ordo_session *s);
/* Has times worth showing: placed now, or placed once (start or end set). */
int ordo__session_has_times(const ordo_session *s);

/* The site a session is (or was) at: its site, else its first resource's
 * site; -1 if neither is known. */
int ordo__session_site(const ordo_model *m, const ordo_session *s);

/* Local date and minute of day (0..1439; an end at 24:00 comes out as the
 * next day's 00:00) of instant t at site `site`. ORDO_EINVAL naming the site
 * when its zone is unknown. */
int ordo__site_local(const ordo_model *m, int site, ordo_utc t, ordo_date *out_date,
                     int *out_minute, ordo_err *err);

/* "Title (session k/N)" into a new string (ordo__free); "Title (cancelled)"
 * for a session without a number; NULL when out of memory. */
char *ordo__session_summary(const ordo_model *m, const ordo__numbering *num, size_t session);

/* The file name "<prefix>-<id><ext>" (e.g. "resource-r1.ics"; "<id><ext>"
 * when prefix is "", e.g. "booking-3.ics" for a desk booking) in a new
 * string (ordo__free). ORDO_EINVAL when `id` is not a valid ordo id (so no
 * '/' or other path tricks reach the file system), ORDO_ENOMEM. */
int ordo__export_name(char **out, const char *prefix, const char *id, const char *ext,
                      ordo_err *err);

/* Appends, joined by "; ", every conflict (model/conflicts.h) that session
 * index `session` is in: "double booking: <resource> also in <course title>
 * (session k/N)" or the forced booking's reason ("booked with --force" when
 * none is stored). Appends nothing when it has none. */
void ordo__conflict_text(ordo__outbuf *out, const ordo_model *m, const ordo__numbering *num,
                         const ordo_conflict *v, size_t n, size_t session);

/* A duration in words with units: "1 h 15 min", "2 h", "45 min" ("0 min"
 * for 0 or less), into buf (always NUL-terminated). */
void ordo__duration_text(char *buf, size_t n, int64_t minutes);

/* Appends the course's customer as people know it: the account's name, the
 * contact's first and last name, else the stored id ("" when none). */
void ordo__customer_text(ordo__outbuf *out, const ordo_model *m, const ordo_course *c);

#endif
