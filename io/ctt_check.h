/*
 * ctt_check.h — the ITC-2007 track 3 cost of a solution, computed exactly as
 * the official validator (validator.cc v1.1) computes it; the rules are
 * spelled out in shared/data/itc2007/README.md §5.
 *
 * The solution is first folded into the validator's matrix tt[course][period]
 * = room: a second lecture of a course in one period is dropped and counted
 * as a warning (a solution read by ordo_ctt_solution_load has none left; its
 * own skipped tuples are added to `warnings` too).
 *
 * Hard counts (violations = their sum):
 *   lectures         H1  sum over courses of |placed lectures - L_c|
 *   room_occupation  H2  sum over (room, period) of max(0, lectures - 1)
 *   conflicts        H3  pairs of conflicting courses (shared curriculum or
 *                        teacher) both placed in one period, per period
 *   availability     H4  lectures in a period unavailable to their course
 * Soft costs, already multiplied by their weight as the validator prints them
 * (total_cost = their sum):
 *   room_capacity           1 x sum over lectures of max(0, N_c - K_r)
 *   min_working_days        5 x sum over courses of max(0, W_c - distinct days)
 *   curriculum_compactness  2 x lectures of a curriculum with no lecture of
 *                               that curriculum in an adjacent period of the
 *                               same day (per curriculum)
 *   room_stability          1 x sum over courses of (distinct rooms - 1)
 */
#ifndef ORDO_CTT_CHECK_H
#define ORDO_CTT_CHECK_H

#include "io/ctt_format.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ORDO_CTT_WEIGHT_ROOM_CAPACITY 1
#define ORDO_CTT_WEIGHT_MIN_WORKING_DAYS 5
#define ORDO_CTT_WEIGHT_CURRICULUM_COMPACTNESS 2
#define ORDO_CTT_WEIGHT_ROOM_STABILITY 1

typedef struct ordo_ctt_check_result {
    long long lectures, conflicts, availability, room_occupation;          /* hard */
    long long room_capacity, min_working_days, curriculum_compactness,
        room_stability;                                                     /* soft, weighted */
    long long violations, total_cost;
    long long warnings;
} ordo_ctt_check_result;

/* Evaluate `sol` (NULL = the empty solution) for `in`. Every assignment
 * must index the instance (ORDO_EINVAL otherwise). ORDO_OK, ORDO_EINVAL or
 * ORDO_ENOMEM. */
int ordo_ctt_check(ordo_ctt_check_result *out, const ordo_ctt_instance *in,
                   const ordo_ctt_solution *sol, ordo_err *err);

/* The TSV header of the check table (the columns of reference-solutions/
 * expected.tsv), without a newline. */
const char *ordo_ctt_check_header(void);

/* One TSV row, without a newline: `instance`, `solution` (copied as given;
 * they must not contain TABs or newlines), then the eleven numbers in header
 * order. Returns ORDO_OK, or ORDO_EINVAL if a name has a TAB/newline or the
 * row does not fit in `n` bytes (buf then holds a truncated row). */
int ordo_ctt_check_format_row(const ordo_ctt_check_result *r, const char *instance,
                              const char *solution, char *buf, size_t n);

#ifdef __cplusplus
}
#endif
#endif
