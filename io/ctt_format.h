/*
 * ctt_format.h — the ITC-2007 track 3 (curriculum-based course timetabling)
 * files: instances (.ctt) and solutions (.sol).
 *
 * Instance: whitespace-tokenised (spaces, TABs, runs of them, blank lines,
 * CR), one record per line, sections in the fixed order of the competition
 * (shared/data/itc2007/README.md §6). Both the portal release (room ids
 * "rB") and the 2007 release (room ids "B", "36": kept as strings) read.
 * A malformed file is refused with ORDO_EINPUT and err->msg =
 * "FILE:LINE: what is wrong".
 *
 * Solution: whitespace-separated 4-tuples `course room day period` (line
 * breaks are not significant), read exactly like the official validator
 * (validator.cc v1.1): a tuple naming an unknown course or room, an
 * out-of-range day or period, or a (course, period) already taken is skipped
 * and counted in `warnings`; a non-integer day or period ends the reading
 * (the validator's stream fails there) and is reported through `warn`
 * but not counted.
 *
 * Ownership: an instance or solution owns all its arrays and strings; the
 * records are read directly (read-only for callers) and freed by *_free.
 */
#ifndef ORDO_CTT_FORMAT_H
#define ORDO_CTT_FORMAT_H

#include "model/ordo.h"
#include "io/import.h"        /* ordo_warn_fn */

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ordo_ctt_course {
    char *id;
    char *teacher;            /* the teacher's string, as in the file */
    int teacher_index;        /* index into instance->teachers */
    int lectures;             /* L_c >= 0 */
    int min_working_days;     /* W_c >= 0 */
    int students;             /* N_c >= 0 */
} ordo_ctt_course;

typedef struct ordo_ctt_room {
    char *id;
    int capacity;             /* >= 0 */
} ordo_ctt_room;

typedef struct ordo_ctt_curriculum {
    char *id;
    int *courses;             /* course indexes, file order, no repeats */
    int ncourses;
} ordo_ctt_curriculum;

typedef struct ordo_ctt_unavailability {
    int course, day, period;  /* 0-based, in range */
} ordo_ctt_unavailability;

typedef struct ordo_ctt_instance {
    char *name;
    int days, periods_per_day;               /* both >= 1 */
    ordo_ctt_course *courses;
    int ncourses;
    ordo_ctt_room *rooms;
    int nrooms;
    ordo_ctt_curriculum *curricula;
    int ncurricula;
    ordo_ctt_unavailability *unavailability; /* file order (may repeat a triple) */
    int nunavailability;
    char **teachers;                         /* distinct, in order of first use */
    int nteachers;
    struct ordo_index *course_ids, *room_ids;  /* id lookups (private) */
} ordo_ctt_instance;

/* Read a .ctt file. On error *out is NULL and err->msg = "FILE:LINE: ...".
 * Returns ORDO_OK, ORDO_EINPUT (malformed), ORDO_EIO or ORDO_ENOMEM. */
int ordo_ctt_instance_load(ordo_ctt_instance **out, const char *path, ordo_err *err);
/* The same on `len` bytes of `text` (copied; NULs count as spaces), `name`
 * standing for the file in messages. */
int ordo_ctt_instance_parse(ordo_ctt_instance **out, const char *name, const char *text, size_t len,
                            ordo_err *err);
void ordo_ctt_instance_free(ordo_ctt_instance *in);      /* NULL is a no-op */

/* Course / room index by id, or -1. */
int ordo_ctt_find_course(const ordo_ctt_instance *in, const char *id);
int ordo_ctt_find_room(const ordo_ctt_instance *in, const char *id);

/* One lecture placed: indexes into the instance, day and period 0-based. */
typedef struct ordo_ctt_assignment {
    int course, room, day, period;
} ordo_ctt_assignment;

typedef struct ordo_ctt_solution {
    ordo_ctt_assignment *v;
    size_t n, cap;
    int warnings;             /* tuples skipped by ordo_ctt_solution_load */
    int stopped_line;         /* line where reading stopped early, 0 if it did not */
} ordo_ctt_solution;

int ordo_ctt_solution_new(ordo_ctt_solution **out);
void ordo_ctt_solution_free(ordo_ctt_solution *s);       /* NULL is a no-op */

/* Append one lecture as given (indexes must be valid for the instance the
 * solution belongs to; repeats are allowed here and counted by the checker). */
int ordo_ctt_solution_add(ordo_ctt_solution *s, int course, int room, int day, int period);

/* Read a .sol file for `in` into a new solution. Every skipped tuple calls
 * `warn` (may be NULL) with "FILE:LINE: ... (entry skipped)". An empty file
 * is an empty solution. Returns ORDO_OK, ORDO_EIO or ORDO_ENOMEM. */
int ordo_ctt_solution_load(ordo_ctt_solution **out, const ordo_ctt_instance *in, const char *path,
                           ordo_warn_fn warn, void *payload, ordo_err *err);

/* Write one `course room day period` line per lecture, in solution order.
 * Returns ORDO_OK, ORDO_EINVAL (an index out of range) or ORDO_EIO. */
int ordo_ctt_solution_save(const ordo_ctt_instance *in, const ordo_ctt_solution *s,
                           const char *path, ordo_err *err);

#ifdef __cplusplus
}
#endif
#endif
