/*
 * score_csv.h — score.csv, the companion of bookings.csv: the plan's soft
 * cost by goal and by the courses, people and cohorts causing it
 * (solver/score.h), for spreadsheets.
 *
 * Columns: goal,subject,id,amount,cost,text,bound. One "total" row per goal
 * with a non-zero weight or cost (subject "total", id empty, amount = its
 * number of items, bound = the least that goal alone costs in any plan),
 * then one row per item, worst first (bound empty); the last row is
 * "all,total,,<items>,<cost>,...,<bound>" whose cost is the plan's cost and
 * whose bound is the plan's whole bound when the score has one (ordo_score
 * has_bound; else empty): at least the goals' bounds' sum, more where goals
 * compete for the same resources (the text says how much). Rows of subject
 * "room" (capacity only) show the same cost by room instead of by course:
 * sum either view, not both. Numbers have two decimals; RFC 4180 quoting
 * where a cell needs it.
 */
#ifndef ORDO_SCORE_CSV_H
#define ORDO_SCORE_CSV_H

#include "model/model.h"
#include "solver/score.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Write `score` to `path` atomically (the old file or the new one, never a
 * half). ORDO_OK, ORDO_ENOMEM, ORDO_EIO naming the path on err. */
int ordo_score_csv_write(const ordo_score *score, const char *path, ordo_err *err);

/* The score.csv path beside a bookings.csv path, in a new string (ordo__free),
 * or NULL when out of memory. */
char *ordo_score_csv_path(const char *bookings_path);

#ifdef __cplusplus
}
#endif
#endif
