/*
 * desk.h — the service desk's view of a model: built once, it answers many
 * availability questions fast (find_times.h, booking.h, repair.h).
 *
 * The desk indexes, per resource, the model rows that concern it (working
 * hours, time off, sessions holding it) and keeps a lazily computed free
 * list per resource (model/calendar.h: working hours - time off - bookings)
 * over a range that only grows, in blocks of ORDO_DESK_BLOCK_DAYS days.
 * It also knows which resources can fill a requirement row (kind, skill,
 * seats) and how to describe a row in words.
 *
 * Ownership and lifetime: the desk borrows the model. After the model
 * changes (a booking added, moved or cancelled, time off imported), call
 * ordo_desk_refresh() before the next question; until then answers describe
 * the model as it was. Not thread-safe (tz.h is not).
 */
#ifndef ORDO_SOLVER_DESK_H
#define ORDO_SOLVER_DESK_H

#include "model/calendar.h"
#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ORDO_DESK_BLOCK_DAYS 32

typedef struct ordo_desk ordo_desk;

int ordo_desk_new(ordo_desk **out, const ordo_model *m, ordo_err *err);
void ordo_desk_free(ordo_desk *d);                        /* NULL is a no-op */
const char *ordo_desk_errmsg(const ordo_desk *d);
const ordo_model *ordo_desk_model(const ordo_desk *d);
/* Re-index the model and drop every cached list (after the model changed). */
int ordo_desk_refresh(ordo_desk *d);
/* (internal) The desk's error buffer, for the modules built on it. */
ordo_err *ordo__desk_err(ordo_desk *d);

/* Resource r's free time, a normal list covering at least [from, to) (it may
 * cover more). Borrowed: valid until the next call on the desk. */
int ordo_desk_free_time(ordo_desk *d, int r, ordo_utc from, ordo_utc to, const ordo_intervals **out);

/* The rows of the model that concern resource r (for model/calendar.h). */
void ordo_desk_rows(const ordo_desk *d, int r, ordo_calendar_rows *out);

/* Seats a requirement row asks for with `participants` people (0 = any). */
int ordo_desk_row_seats(const ordo_requirement *q, int participants);
/* Can resource r fill row q (kind, skill, hard seats)? Soft capacity rows
 * (capacity_penalty > 0) accept any room. */
int ordo_desk_row_accepts(const ordo_model *m, const ordo_requirement *q, int r, int participants);
/* "person with skill 'python'", "2 rooms with 'projector' seating 8", ...
 * into buf. */
void ordo_desk_row_describe(const ordo_model *m, const ordo_requirement *q, int participants,
                            char *buf, size_t n);

/* How messages name a session: "booking 'booking-3' (id 17)" for a desk
 * booking, "course 'x' (id 17)" otherwise: the session id is the one
 * number that stays (it is in the calendar UID, `ordo session list` and the
 * API); "session k/N" is reserved for the course's numbering (bookings.csv,
 * calendars); none before saving. */
void ordo_desk_session_label(const ordo_model *m, const ordo_session *s, char *out, size_t n);

#ifdef __cplusplus
}
#endif
#endif
