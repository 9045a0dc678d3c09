/*
 * bookings_csv.h — writes the plan as the contract's bookings.csv (and
 * unscheduled.csv beside it when some session is unscheduled; an old
 * unscheduled.csv is removed when none is).
 *
 * bookings.csv: course,session,start,end,site,resources,conflict — PLANNED and DONE
 * sessions; `session` numbered from 1 in time order within the course;
 * local YYYY-MM-DDTHH:MM of the site (an end at 24:00 is written as the next
 * day's 00:00); resources joined by ';' in requirement-row order; rows sorted
 * by real start, then course (byte order), then session. `conflict` (an
 * extra column the contract allows) is empty, or says what the session
 * clashes with (model/conflicts.h: a double booking, or booked with --force;
 * io/plan_view.h ordo__conflict_text).
 * unscheduled.csv: course,session,reason — numbered after the placed ones.
 * RFC 4180 quoting where a cell needs it.
 */
#ifndef ORDO_BOOKINGS_CSV_H
#define ORDO_BOOKINGS_CSV_H

#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* `bookings_path` is the bookings.csv path; unscheduled.csv goes in its folder. */
int ordo_bookings_csv_write(const ordo_model *m, const char *bookings_path, ordo_err *err);

#ifdef __cplusplus
}
#endif
#endif
