/*
 * app_data.h — bringing data in, and the sessions' life after planning
 * (app.h conventions):
 *   - import a folder of CSV files (all or nothing: one write transaction
 *     holding the lock from the load to the save, so nothing written by
 *     another process meanwhile is lost);
 *   - import a resource's iCalendar busy times as time off (same rule);
 *   - mark a session done, cancel it, complete the past ones (each one
 *     store unit that keeps the hour bank in step).
 */
#ifndef ORDO_APP_DATA_H
#define ORDO_APP_DATA_H

#include "app/app.h"
#include "io/ical_import.h"
#include "io/import.h"
#include "solver/repair.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ordo_app_import_req {
    const char *dir;               /* the folder, required */
    int dry_run;                   /* do everything, report it, then roll back: nothing written */
    int allow_timezone_change;     /* a site's new time zone re-times its sessions (else ORDO_ERULE) */
    int64_t now;                   /* UTC seconds, DTSTAMP of re-timed sessions; 0 = system clock */
    ordo_warn_fn warn;             /* each warning (may be NULL) */
    void *payload;
} ordo_app_import_req;

/* A session the import re-timed (its site's time zone changed) or that no
 * longer fits where it is (ordo_repair would move it). */
typedef struct ordo_app_import_session {
    int64_t session;               /* session number (calendar UID) */
    char label[200];               /* "course 'x' (session 17)" */
    ordo_app_time start;           /* where it is now */
    char old_start[32];            /* re-timed: RFC 3339 before, in the old zone; else "" */
    int sequence;
    char why[300];                 /* no longer fits: why ("resource 'x' is on time off then") */
} ordo_app_import_session;

typedef struct ordo_app_import_res {
    size_t sites, resources, services, accounts, contacts, contracts, courses;   /* held afterwards */
    ordo_import_report report;     /* rows added / updated / unchanged / removed (io/import.h) */
    ordo_app_import_session *moved;   /* re-timed by a time-zone change */
    size_t nmoved;
    ordo_app_import_session *repair;  /* fitted before the import, no longer fit after it */
    size_t nrepair;
} ordo_app_import_res;
void ordo_app_import_res_clear(ordo_app_import_res *r);   /* safe on a zeroed result */

/* Imports folder rq->dir (io/import.h) into the store: BEGIN IMMEDIATE,
 * load, import, re-time the sessions of sites whose time zone changed (when
 * allowed; model/rezone.h: local times kept, SEQUENCE + 1), find the
 * sessions that no longer fit, save, commit (dry run: roll back). The report
 * compares the folder's rows with the stored ones under the same lock. On
 * any error nothing changed; ORDO_EINPUT carries the file, line and field
 * in the message; ORDO_ERULE a refused time-zone change (sites.csv line,
 * field timezone). out is filled on success (clear it either way). */
int ordo_app_import(ordo_app *a, const ordo_app_import_req *rq, ordo_app_import_res *out);

typedef struct ordo_app_ical_req {
    const char *resource;          /* required */
    const char *file;              /* the .ics file, required */
    const char *from, *to;         /* YYYY-MM-DD at the resource's site; NULL = today .. +365 days */
    const char *source;            /* tag of the rows; NULL = the file's base name */
    int64_t now;                   /* for the default `from`; 0 = system clock */
    ordo_warn_fn warn;             /* may be NULL: each line or calendar skipped, and why */
    void *payload;
} ordo_app_ical_req;

typedef struct ordo_app_ical_res {
    ordo_ical_import_result counts;
    ordo_date from, to;            /* the window used */
} ordo_app_ical_res;

/* Replaces the resource's rows of that source by the file's busy times, in
 * one write transaction (hour bank synced). ORDO_EINPUT: unknown resource
 * (field "resource") or an unreadable calendar. */
int ordo_app_ical_import(ordo_app *a, const ordo_app_ical_req *rq, ordo_app_ical_res *out);

/* ---- sessions over their hour bank (app/bank.c) ---- */

typedef struct ordo_app_overrun {
    char contract[128];
    int64_t session;               /* session id */
    int index;                     /* index in the model it was found in */
    int64_t minutes;               /* the session's */
    int64_t left;                  /* what the bank has left for it (< minutes) */
    char *text;                    /* "contract C: hour bank total T min, used U, reserved R: session I
                                      (course X session k/N, START, M min) is over the bank: L min left for it" */
} ordo_app_overrun;
typedef struct ordo_app_overruns {
    ordo_app_overrun *v;
    int n;
    size_t cap;
} ordo_app_overruns;
void ordo_app_overruns_clear(ordo_app_overruns *l);

/* The planned sessions that do not fit in their contract's hour bank (its
 * primary time line cut below what they reserve): per contract, in time
 * order, each drawn from total - used - other reservations; one that does
 * not fit in what is left is listed. Read only. */
int ordo_app_bank_overruns(ordo_app *a, ordo_app_overruns *out);

/* Repairs the plan after availability changed (solver/repair.h), in one
 * write transaction holding the lock from the load to the save; written
 * only when something moved or was unscheduled. First, the sessions over
 * their hour bank (ordo_app_bank_overruns) are unscheduled with reason
 * "hour_bank: ..." and their reservation released; *bank (may be NULL)
 * lists them. *out_model (may be NULL) gets the model after the repair,
 * which out's indexes refer to (caller frees it). */
int ordo_app_repair(ordo_app *a, const ordo_repair_options *o, ordo_repair_result *out, ordo_app_overruns *bank,
                    ordo_model **out_model);

/* Marks a planned session done (its reservation becomes a deduction);
 * ORDO_ERULE if it is not planned or ends after `now`. */
int ordo_app_session_done(ordo_app *a, int64_t session, int64_t now);
/* Undoes `done`: reversal entries for its deductions, planned again, its
 * reservation restored. ORDO_ERULE if it is not done. */
int ordo_app_session_undo_done(ordo_app *a, int64_t session, int64_t now);
/* Cancels a planned or unscheduled session (reservation released). */
int ordo_app_session_cancel(ordo_app *a, int64_t session, int64_t now);
/* Marks done every planned session ended by `now`; *out_n (may be NULL) how many. */
int ordo_app_sessions_complete(ordo_app *a, int64_t now, int *out_n);

#ifdef __cplusplus
}
#endif
#endif
