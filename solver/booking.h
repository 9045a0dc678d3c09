/*
 * booking.h — one service-desk booking: check it, add it, move it, cancel
 * it. A desk booking is a one-session course flagged is_booking (model.h),
 * so calendars, bookings.csv and the store treat it like any session: its
 * session id is the calendar UID, a move keeps that id and raises SEQUENCE,
 * a cancel keeps the session as CANCELLED with a higher SEQUENCE.
 *
 * ordo_booking_check() sorts problems into two kinds:
 *   ORDO_EINPUT  the request itself is wrong (the resources do not meet the
 *                service's requirement rows: count, kind, skill, seats,
 *                distinct, one site; for a moved session, a site its course
 *                may not use (its `site` list, or another site than the
 *                course's other sessions); unknown customer; a start off the slot
 *                grid, at a local time that does not exist or occurs twice,
 *                or a booking that leaves the local day);
 *   ORDO_ERULE   a conflict with the calendar: a resource outside its
 *                working hours, on time off, or already booked (naming the
 *                clashing booking), or the customer already booked then.
 * A conflict may be overridden (--force): the booking is then saved with
 * forced_conflict = 1 and the conflict text as its reason.
 */
#ifndef ORDO_SOLVER_BOOKING_H
#define ORDO_SOLVER_BOOKING_H

#include "solver/desk.h"
#include "solver/find_times.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ORDO_BOOKING_ID_PREFIX "booking-"

typedef struct ordo_booking_request {
    int version;
    int service;                /* model index */
    int participants;           /* >= 1 */
    const char *customer;       /* account or contact id; NULL = none */
    ordo_utc start;
    const int *resources;       /* model indexes, in any order */
    int nresources;
    int slot_minutes;           /* start grid; 0 = 30 */
    int except_session;         /* the booking being moved (model index); -1 = none */
} ordo_booking_request;
#define ORDO_BOOKING_REQUEST_VERSION 1
#define ORDO_BOOKING_REQUEST_INIT { ORDO_BOOKING_REQUEST_VERSION, -1, 1, NULL, 0, NULL, 0, 30, -1 }

/* What a valid request resolves to. */
typedef struct ordo_booking_plan {
    int site;
    ordo_utc start, end;
    int resources[ORDO_PROPOSAL_MAX_RESOURCES];   /* requirement-row order */
    int nresources;
} ordo_booking_plan;

/* Checks a request against the desk's model. Returns ORDO_OK (bookable),
 * ORDO_EINPUT or ORDO_ERULE (see above; every conflict is listed in `msg`,
 * separated by "; ", each naming the resource and the clashing booking), or
 * ORDO_EINVAL / ORDO_ENOMEM. `plan` is filled whenever the result is
 * ORDO_OK or ORDO_ERULE. */
int ordo_booking_check(ordo_desk *d, const ordo_booking_request *rq, ordo_booking_plan *plan,
                       char *msg, size_t msglen);

/* Adds the booking: a new course "booking-<n>" (n one above the highest in
 * use) with one PLANNED session, sequence 0, dtstamp `now` (UTC seconds).
 * `conflict` non-NULL marks it forced_conflict with that reason. The session
 * id stays 0 until the store saves it. *out_session = its index. On
 * ORDO_ENOMEM the course may have been added without its session: discard
 * the model. */
int ordo_booking_add(ordo_model *m, const ordo_booking_request *rq, const ordo_booking_plan *plan,
                     int64_t now, const char *conflict, int *out_session);

/* Moves desk booking `session` to plan: same session (id, UID), sequence + 1,
 * dtstamp `now`; the course's dates follow; forced/reason as for add. */
int ordo_booking_move(ordo_model *m, int session, const ordo_booking_plan *plan, int64_t now,
                      const char *conflict);

/* Cancels it: CANCELLED, sequence + 1, dtstamp `now`. ORDO_ERULE if it is
 * already cancelled. */
int ordo_booking_cancel(ordo_model *m, int session, int64_t now);

/* The session of a desk booking named by its course id ("booking-3") or by
 * its session id (decimal, the number in its UID); -1 if none. */
int ordo_booking_find(const ordo_model *m, const char *id);

#ifdef __cplusplus
}
#endif
#endif
