/*
 * app.h — ordo's application layer: one function per use case, each owning
 * its store transaction. cli/ (argv in, text out) and server/ (HTTP+JSON)
 * are its callers; neither opens transactions nor changes the model itself.
 *
 * The handle. An ordo_app wraps ONE store connection (opened from a path)
 * and the message buffer of the last error. A handle is used by one thread
 * at a time; several threads each open their own handle on the same file
 * and may call any use case concurrently (SQLite serialises the writers;
 * every write re-reads what it checks under the write lock).
 *
 * Use cases. Each takes a request struct (inputs; strings borrowed for the
 * call) and fills a result struct (owned by the caller, released with its
 * *_clear function, which is safe on a zeroed or already cleared result).
 * Requests are plain text as users and clients type it: record ids, times as
 * RFC 3339 / local wall time / date (model/rfc3339.h). Each returns ORDO_OK
 * or a negative ORDO_E* code; the message is then in ordo_app_errmsg() and,
 * for bad input, the request field at fault in ordo_app_errfield():
 *   ORDO_EINVAL    a malformed value (a time that is not a time, a count out
 *                  of range, a range that ends before it starts);
 *   ORDO_EINPUT    a well-formed request naming something that does not
 *                  exist or does not fit (unknown service/resource/customer,
 *                  a local time in a DST gap or fold, wrong resources for
 *                  the service, off the slot grid);
 *   ORDO_ENOTFOUND the record the request is about does not exist (booking);
 *   ORDO_ERULE     refused by the calendar or a rule: a conflict (every
 *                  clash named: resource and booking), a cancelled booking;
 *   ORDO_EBUSY     the store stayed locked longer than the busy timeout;
 *   ORDO_EIO, ORDO_ENOMEM.
 * A refused or failed call changes nothing in the store.
 *
 * Times in results are both an instant (ordo_utc, minutes since the epoch,
 * UTC) and its RFC 3339 text at the site's UTC offset at that instant.
 * `now` fields of requests are UTC seconds; 0 means the system clock.
 */
#ifndef ORDO_APP_H
#define ORDO_APP_H

#include "model/model.h"
#include "solver/solve.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ordo_app ordo_app;

/* ---- the handle ---------------------------------------------------------------- */

/* Opens the store at `path`. must_exist: a missing file is an error
 * (ORDO_ENOTFOUND, naming the path and how to create it) instead of a new
 * empty database. On failure *out is NULL and the message is in err. */
int ordo_app_open(ordo_app **out, const char *path, int must_exist, ordo_err *err);
void ordo_app_close(ordo_app *a);                  /* NULL is a no-op */
const char *ordo_app_errmsg(const ordo_app *a);    /* "" after success */
/* The request field the last error is about ("start", "resources[1]", ...),
 * or "" when it is not about one field. */
const char *ordo_app_errfield(const ordo_app *a);
const char *ordo_app_path(const ordo_app *a);
/* How long a write waits for another writer before ORDO_EBUSY (default
 * 5000 ms). */
int ordo_app_set_busy_timeout(ordo_app *a, int ms);

/* Shared read snapshots for the handles of one process (app/reads.c): the
 * read-only use cases of every handle given the same `ordo_app_reads` read
 * one snapshot of the store, loaded once per change of the store (any
 * connection's commit) instead of once per handle. Thread-safe; the reads
 * object opens its own (read-only in use) connection to `path` and must
 * outlive the handles sharing it. */
typedef struct ordo_app_reads ordo_app_reads;
int ordo_app_reads_new(ordo_app_reads **out, const char *path, ordo_err *err);
void ordo_app_reads_free(ordo_app_reads *r);           /* NULL is a no-op */
void ordo_app_share_reads(ordo_app *a, ordo_app_reads *r);
/* How many times the shared snapshot was loaded (tests, benchmarks). */
uint64_t ordo_app_reads_loads(ordo_app_reads *r);

/* ---- results shared by the desk use cases ---------------------------------------- */

typedef struct ordo_app_time {
    ordo_utc utc;                  /* minutes since 1970-01-01T00:00Z */
    char text[32];                 /* RFC 3339 at the site's offset ("...Z" without a site) */
} ordo_app_time;

/* One session of the calendar: a desk booking or a course session. */
typedef struct ordo_app_booking {
    char *id;                      /* desk booking: "booking-N"; course session: its session number */
    int64_t session;               /* session id, the N of the calendar UID */
    char uid[48];                  /* "ordo-session-N@ordo" */
    int is_booking;                /* 1: a desk booking (ordo book); 0: a course session */
    char *course, *title;          /* the course (for a desk booking: its id) */
    char *service;
    char *customer;                /* NULL when none */
    ordo_session_status status;
    int placed;                    /* 0: unscheduled, start/end/site not set */
    ordo_app_time start, end;
    char *site;                    /* NULL when not placed */
    char **resources;              /* ids, in requirement-row order */
    int nresources;
    int participants;
    int sequence;                  /* iCal SEQUENCE */
    int64_t dtstamp;               /* UTC seconds of the last change */
    int conflict;                  /* booked despite a conflict (forced) or, from the
                                      reads (get, list), in a double booking: the
                                      sessions bookings.csv flags (model/conflicts.h) */
    int number, count;             /* "session k/N" of its course as in bookings.csv and
                                      the calendars (io/plan_view.h); reads only, else
                                      0; a desk booking is 1/1 */
    char *reason;                  /* the conflict, or why unscheduled; NULL when none */
} ordo_app_booking;
void ordo_app_booking_clear(ordo_app_booking *b);

/* ---- find-times (read only) ------------------------------------------------------ */

typedef struct ordo_app_find_times_req {
    const char *service;           /* required */
    int participants;              /* 0 = 1 */
    const char *customer;          /* account or contact; its other desk bookings are avoided */
    const char *site;              /* only at this site; NULL = any */
    const char *after;             /* starts at or after; NULL = now (next whole minute) */
    const char *before;            /* ends by; NULL = 14 days after `after` */
    int count;                     /* proposals wanted, 1..1000; 0 = 5 */
    const char *const *prefer;     /* preferred resource ids (may be NULL) */
    int nprefer;
    int slot_minutes;              /* start grid, >= 5 dividing 1440; 0 = 30 */
    int64_t now;                   /* UTC seconds; 0 = system clock */
} ordo_app_find_times_req;

typedef struct ordo_app_proposal {
    ordo_app_time start, end;
    char *site;
    char **resources;              /* requirement-row order */
    int nresources;
    int64_t fragmentation;         /* minutes (ranking rule 2 of solver/find_times.h) */
    int preferred;
} ordo_app_proposal;

typedef struct ordo_app_find_times_res {
    ordo_app_proposal *proposals;  /* best first */
    int n;
    char reason[1024];             /* n == 0: which requirement cannot be met */
} ordo_app_find_times_res;
void ordo_app_find_times_res_clear(ordo_app_find_times_res *r);

/* Ranked proposals as solver/find_times.h; reads one snapshot. */
int ordo_app_find_times(ordo_app *a, const ordo_app_find_times_req *rq, ordo_app_find_times_res *out);

/* ---- book, reschedule, cancel (one write transaction each) ------------------------- */

typedef struct ordo_app_book_req {
    const char *service;           /* required */
    const char *start;             /* required; a local time is read at `site`, else the first resource's */
    const char *const *resources;  /* required, ids in any order */
    int nresources;
    const char *site;              /* zone of a local start; NULL = the resources' site */
    const char *customer;          /* account or contact; NULL = none */
    const char *title;             /* NULL = "<service name>[ for <customer>]" */
    int participants;              /* 0 = 1 */
    int force;                     /* book despite conflicts; the booking is flagged */
    int slot_minutes;              /* 0 = 30 */
    int64_t now;                   /* DTSTAMP, UTC seconds; 0 = system clock */
} ordo_app_book_req;

typedef struct ordo_app_change_res {
    ordo_app_booking booking;      /* the booking after the change */
    ordo_app_booking before;       /* reschedule: the booking before it */
    int unchanged;                 /* reschedule: already there, nothing written */
    char conflict[2048];           /* forced: the conflicts overridden ("" when none) */
} ordo_app_change_res;
void ordo_app_change_res_clear(ordo_app_change_res *r);

/* Books one intervention: a new desk booking "booking-N" with one planned
 * session. Inside one write transaction: the current calendar is re-read
 * and the request checked against it (solver/booking.h), so two agents,
 * processes or threads can never book the same resource at the same time:
 * the second one gets ORDO_ERULE naming the first booking. The hour bank is
 * synced in the same transaction. */
int ordo_app_book(ordo_app *a, const ordo_app_book_req *rq, ordo_app_change_res *out);

typedef struct ordo_app_reschedule_req {
    const char *booking;           /* required: "booking-N" or its session number */
    const char *start;             /* required */
    const char *const *resources;  /* NULL = keep the current ones */
    int nresources;
    const char *site;              /* zone of a local start; NULL = the resources' site */
    int force;
    int slot_minutes;              /* 0 = 30 */
    int64_t now;
} ordo_app_reschedule_req;

/* Moves a desk booking (same session, UID; SEQUENCE + 1; DTSTAMP now),
 * checked like a booking against everything but itself, in one write
 * transaction. Already there (same start, site, resources, flag): ORDO_OK
 * with `unchanged` set and nothing written. ORDO_ENOTFOUND: no such desk
 * booking; ORDO_ERULE: cancelled, or a conflict. */
int ordo_app_reschedule(ordo_app *a, const ordo_app_reschedule_req *rq, ordo_app_change_res *out);

typedef struct ordo_app_cancel_req {
    const char *booking;           /* required: "booking-N" or its session number */
    int64_t now;
} ordo_app_cancel_req;

/* Cancels a desk booking: CANCELLED, SEQUENCE + 1 (kept for calendars), its
 * hour-bank reservation released. ORDO_ERULE when already cancelled. */
int ordo_app_cancel(ordo_app *a, const ordo_app_cancel_req *rq, ordo_app_change_res *out);

/* ---- bookings and resources (read only) ------------------------------------------ */

/* One session by id: "booking-N", or a session number (course sessions and
 * desk bookings alike). ORDO_ENOTFOUND when none. */
int ordo_app_booking_get(ordo_app *a, const char *id, ordo_app_booking *out);

typedef struct ordo_app_booking_list_req {
    const char *from, *to;         /* overlapping [from, to); NULL = open; local values at each session's site */
    const char *resource;          /* only sessions using it; NULL = all */
    const char *course;            /* only this course (or desk booking id); NULL = all */
    int include_cancelled;         /* 0: planned and done sessions only */
} ordo_app_booking_list_req;

typedef struct ordo_app_bookings {
    ordo_app_booking *v;           /* by start, then session id */
    int n;
} ordo_app_bookings;
void ordo_app_bookings_clear(ordo_app_bookings *l);

/* Placed sessions (desk bookings and course sessions) overlapping the range,
 * filtered as asked. ORDO_EINPUT for an unknown resource or course. */
int ordo_app_booking_list(ordo_app *a, const ordo_app_booking_list_req *rq, ordo_app_bookings *out);

typedef struct ordo_app_resource {
    char *id, *name;
    ordo_kind kind;
    char *site;
    char *timezone;                /* the site's */
    int capacity;                  /* 0 = not given */
    char **skills;
    int nskills;
    char *email;                   /* NULL when none */
} ordo_app_resource;

typedef struct ordo_app_resources {
    ordo_app_resource *v;          /* in stored order */
    int n;
} ordo_app_resources;
void ordo_app_resource_clear(ordo_app_resource *r);
void ordo_app_resources_clear(ordo_app_resources *l);

int ordo_app_resource_get(ordo_app *a, const char *id, ordo_app_resource *out);  /* ORDO_ENOTFOUND */
int ordo_app_resource_list(ordo_app *a, ordo_app_resources *out);

/* A resource with its calendar (`ordo resource show`): working hours and
 * time off in the site's local time, and its booked sessions. */
typedef struct ordo_app_hours {
    int weekday;                   /* 0 = Monday */
    int start, end;                /* local minutes, end may be 1440 */
} ordo_app_hours;

typedef struct ordo_app_time_off {
    char start[17], end[17];       /* local YYYY-MM-DDTHH:MM, end exclusive */
    char *reason;                  /* NULL when none */
    char *source;                  /* "csv" or the iCal import's tag */
    int past;                      /* ended by `now` */
} ordo_app_time_off;

typedef struct ordo_app_resource_detail {
    ordo_app_resource resource;
    ordo_app_hours *hours;         /* by weekday, then start; none = available at any time */
    int nhours;
    ordo_app_time_off *time_off;   /* by start */
    int ntime_off;
    int sessions_upcoming;         /* placed, PLANNED, not ended by `now` */
    int sessions_past;             /* placed, DONE or PLANNED and ended by `now` */
} ordo_app_resource_detail;
void ordo_app_resource_detail_clear(ordo_app_resource_detail *d);

/* `now` UTC seconds (0 = system clock) splits past and upcoming. ORDO_ENOTFOUND. */
int ordo_app_resource_show(ordo_app *a, const char *id, int64_t now, ordo_app_resource_detail *out);

/* ---- schedule (snapshot, solve outside any lock, targeted write) ---------------- */

typedef struct ordo_app_schedule_req {
    ordo_solve_options opts;       /* window, slot, limits, seed, progress; opts.now (seconds) = DTSTAMP */
    int64_t now;                   /* sessions ending by now are marked done first; 0 = system clock */
} ordo_app_schedule_req;

typedef struct ordo_app_schedule_res {
    ordo_solve_result solve;       /* the solver's report on the snapshot; placed is lowered by `clashed` */
    int completed;                 /* past sessions marked done before planning */
    int written;                   /* session rows written by the plan */
    int clashed;                   /* planned sessions that clashed with a booking, session or time
                                      off made meanwhile: saved UNSCHEDULED, reason "conflict: ..." */
    int skipped;                   /* planned changes not written because another process changed
                                      that session or removed its course meanwhile (theirs kept) */
} ordo_app_schedule_res;

/* The schedule sequence: (1) past planned sessions are marked done (their
 * reservations deducted; a short write of its own); (2) a read snapshot
 * is loaded and the hour bank prepared; (3) the solver runs on it OUTSIDE
 * any lock (other processes book, import time off, add accounts...
 * meanwhile); (4) one write transaction re-reads the store, detects what
 * changed since the snapshot (per session: status, times, site, resources,
 * SEQUENCE, DTSTAMP; time-off rows as a set) and writes ONLY the sessions
 * the solver changed or created (ordo_store_save_sessions): nothing else is
 * rewritten, so a booking, account, contact or time off written meanwhile
 * survives. A planned session that now overlaps a session or booking
 * placed meanwhile on one of its resources, or time off added meanwhile,
 * is saved UNSCHEDULED with the clash as its reason (counted in
 * `clashed`, never silent, never a double booking). A session another
 * process changed meanwhile keeps their version (`skipped`). The hour
 * bank is synced in the same transaction. Errors: ORDO_ESOLVER (and the
 * store left as after step 1), ORDO_EBUSY, ORDO_EIO, ORDO_ENOMEM. */
int ordo_app_schedule(ordo_app *a, const ordo_app_schedule_req *rq, ordo_app_schedule_res *out);

#ifdef __cplusplus
}
#endif
#endif
