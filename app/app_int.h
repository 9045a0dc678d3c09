/*
 * app_int.h — what the use-case files of app/ share: the handle's layout,
 * error recording, the snapshot and write-transaction helpers, time values
 * and the conversion of model records into result structs. Internal to
 * app/; not installed API.
 */
#ifndef ORDO_APP_INT_H
#define ORDO_APP_INT_H

#include "app/app.h"
#include "app/app_data.h"
#include "io/store/store.h"
#include "solver/find_times.h"

/* The store is reached ONLY through a->ops (io/store/store.h): the seam. */
typedef struct ordo_app_snap ordo_app_snap;

struct ordo_app {
    const ordo_store_ops *ops;
    ordo_store *store;
    char *path;
    int in_write;                  /* a write transaction of this handle is open */
    int outer;                     /* inside ordo_app_idempotent()'s transaction: use cases
                                      write in it (savepoints) and neither begin nor commit */
    ordo_err err;                  /* code, message and the request field at fault */
    ordo_model *cache;             /* the last read snapshot (app_snapshot_shared) */
    uint64_t cache_rev;            /* the store's revision when it was loaded */
    ordo_app_reads *reads;         /* shared snapshots (reads.c), NULL: this handle's own */
    ordo_app_snap *snap;           /* the shared snapshot this handle holds a reference to */
    uint64_t snap_serial;          /* moves whenever this handle's snapshot changes */
    int write_held;                /* this handle holds the shared reads' writer mutex */
    ordo_desk *desk;               /* find-times' desk over the snapshot of desk_serial */
    uint64_t desk_serial;
};

/* The store's transaction calls (ops->begin/commit/rollback) through the
 * process's writer mutex when the handle shares reads (app.c). Use these,
 * never the ops directly. */
int app_begin(ordo_app *a);
int app_commit(ordo_app *a);
int app_rollback(ordo_app *a);
void app_release_writer(ordo_app *a);
void app_reads_lock_writer(ordo_app_reads *r);
void app_reads_unlock_writer(ordo_app_reads *r);

/* Shared snapshots (reads.c): the current one, referenced by the handle
 * until its next read; release = drop that reference. */
int app_reads_snapshot(ordo_app *a, const ordo_model **m);
void app_release_snapshot(ordo_app *a);
/* A desk (solver/desk.h) over the handle's current read snapshot m, kept
 * with its free-time cache while the snapshot stays the same. Borrowed. */
int app_snapshot_desk(ordo_app *a, const ordo_model *m, ordo_desk **out);

/* Records code, field (may be NULL) and message on the handle; returns code. */
int app_fail(ordo_app *a, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Copies the store's message for rc, and as the field at fault `field`, or
 * when NULL the one the store's record check named (ordo_err.field);
 * returns rc. app_store_fail(a, rc) = app_store_fail_at(a, rc, NULL). */
int app_store_fail_at(ordo_app *a, int rc, const char *field);
int app_store_fail(ordo_app *a, int rc);
/* Clears the handle's error at the start of a use case. */
void app_start(ordo_app *a);

/* The system clock (UTC seconds) when now == 0. */
int64_t app_now(int64_t now);

/* A read snapshot of the whole model (*m owned by the caller). */
int app_snapshot(ordo_app *a, ordo_model **m);
/* A read snapshot shared by this handle's read-only use cases: reused
 * while the store's revision is unchanged, reloaded otherwise. Borrowed:
 * valid until the next call on the handle; never modify it. */
int app_snapshot_shared(ordo_app *a, const ordo_model **m);
/* BEGIN IMMEDIATE (the write lock) and the model as it is under it. */
int app_write_begin(ordo_app *a, ordo_model **m);
/* The same with only what one desk change can touch (a partial model:
 * ops.load_scope, io/store.h), so a booking does not read the whole store
 * under the write lock. */
int app_write_begin_scope(ordo_app *a, const ordo_store_scope *scope, ordo_model **m);
/* Writes ONLY course `course` and session `session` of m (targeted rows,
 * ordo_store_save_sessions), syncs that session's hour-bank entries and commits. */
int app_write_commit(ordo_app *a, ordo_model *m, int course, int session, int64_t now);
/* Rolls back what was not committed (no-op otherwise). */
void app_write_end(ordo_app *a);

/* Parses a time value of request field `field` (ORDO_EINVAL naming it). */
int app_when(ordo_app *a, const char *field, const char *text, int round_up, ordo_when *out);
/* The instant of `w` at `site`: a local time must exist once there
 * (ORDO_EINPUT naming the field, the gap or both offsets of a fold). */
int app_when_exact(ordo_app *a, const char *field, const ordo_model *m, int site, const ordo_when *w,
                   ordo_utc *out);

/* Model lookups recording ORDO_EINPUT "unknown KIND 'id'" on the field. */
int app_find_service(ordo_app *a, const ordo_model *m, const char *field, const char *id, int *out);
int app_find_site(ordo_app *a, const ordo_model *m, const char *field, const char *id, int *out);
int app_check_customer(ordo_app *a, const ordo_model *m, const char *field, const char *id);
/* ids[0..n) -> resource indexes appended to out[*k..max) */
int app_find_resources(ordo_app *a, const ordo_model *m, const char *field, const char *const *ids, int n,
                       int *out, int *k, int max);

/* The planning window of a use case judging the saved plan (window.c):
 * from/to as given (YYYY-MM-DD, both or neither), else the one the last
 * schedule saved in meta; slot_minutes 0 = the saved grid (else o's).
 * ORDO_EINVAL (field "from", "to" or "slot"), ORDO_EINPUT (field "from":
 * no window given or saved). */
int app_window(ordo_app *a, const char *from, const char *to, int slot_minutes, ordo_solve_options *o);
/* Saves o's window and grid in meta, inside the caller's write transaction
 * (the store's code on failure). */
int app_window_save(ordo_app *a, const ordo_solve_options *o);

void app_time(const ordo_model *m, int site, ordo_utc t, ordo_app_time *out);
/* Copies ids of resources res[0..n) into a new array (*out, owned). */
int app_copy_ids(const ordo_model *m, const int *res, int n, char ***out);
void app_free_ids(char **ids, int n);
/* The sessions of m over their hour bank (app/bank.c), read through the
 * handle's store (inside its transaction when one is open). */
int app_find_overruns(ordo_app *a, const ordo_model *m, ordo_app_overruns *out);
/* The same, each then UNSCHEDULED in m with reason "hour_bank: ..." (times
 * kept, SEQUENCE + 1); the caller saves m and syncs the bank. */
int app_unschedule_overruns(ordo_app *a, ordo_model *m, int64_t now, ordo_app_overruns *out);
/* Fills out from session si of m (out zeroed first). */
int app_fill_booking(ordo_app *a, const ordo_model *m, int si, ordo_app_booking *out);

#endif
