/*
 * ctt_model.h — an ITC-2007 track 3 instance as an ordo model, and the
 * model's plan back as a CTT solution.
 *
 * The translation (ordo_ctt_to_model):
 *   site      "ctt", named after the instance, timezone "UTC";
 *   calendar  day d = 2001-01-01 (a Monday) + d; period p = local
 *             [08:00 + 60p, 09:00 + 60p); every resource works 08:00 to
 *             08:00 + 60 * periods_per_day on weekdays 0..days-1;
 *   rooms     ORDO_ROOM resources (id, capacity);
 *   teachers  ORDO_PERSON resources, id = the teacher string, skills = the
 *             ids of the courses the teacher gives;
 *   courses   service <course id> (60 min) requiring one person with skill
 *             <course id> and one room with soft capacity (min_capacity =
 *             ORDO_CAPACITY_PARTICIPANTS, penalty 1 per missing seat); course
 *             <course id>: sessions = lectures, participants = students (may
 *             be 0), earliest..latest = first..last day, min_days_between 0,
 *             cohorts = ids of the curricula containing it,
 *             min_distinct_days = min working days;
 *   unavailability  one ordo_course_blackout per (course, day, period);
 *   weights   same_person 0, same_room 1, spread 0, load 0, min_days 5,
 *             compactness 2 (the ITC-2007 weights).
 * No sessions are created.
 */
#ifndef ORDO_CTT_MODEL_H
#define ORDO_CTT_MODEL_H

#include "io/ctt_format.h"
#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ORDO_CTT_DAY_START_MIN 480     /* period 0 starts at 08:00 */
#define ORDO_CTT_PERIOD_MIN 60         /* every period lasts one hour */

/* Local date of grid day `day` (2001-01-01 + day). */
ordo_date ordo_ctt_day_date(int day);
/* Local start minute of period `period` within its day. */
int ordo_ctt_period_minute(int period);

/* Build a new model from `in`. *out is NULL on error. Returns ORDO_OK,
 * ORDO_ENOMEM, or ORDO_EINPUT when the instance cannot be expressed (more
 * periods than fit in a day, a room of capacity 0, a teacher id equal to a
 * room id). Ownership: the caller frees *out with ordo_model_free. */
int ordo_ctt_to_model(const ordo_ctt_instance *in, ordo_model **out, ordo_err *err);

/* The PLANNED and DONE sessions of `m` (a model built by ordo_ctt_to_model,
 * then planned) as a new CTT solution for `in`, in session order: course by
 * id, room = the session's ORDO_ROOM resource (by id), day and period from
 * the session's local start. Returns ORDO_OK, ORDO_ENOMEM, or ORDO_EINPUT
 * naming the session when it has no room, an unknown course or room, or a
 * start that is not a period of the grid. */
int ordo_ctt_from_model(const ordo_ctt_instance *in, const ordo_model *m,
                        ordo_ctt_solution **out, ordo_err *err);

#ifdef __cplusplus
}
#endif
#endif
