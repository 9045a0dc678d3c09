/*
 * store.h — the SQLite store (one file): the whole model and the plan.
 *
 * ordo_store_load() reads every table into a new model. ordo_store_save()
 * writes the whole model back in ONE transaction (BEGIN IMMEDIATE ... COMMIT,
 * rolled back on any failure, so the file is left exactly as it was): records
 * are upserted by id, rows of the keyless tables are rewritten, records no
 * longer in the model are deleted, and sessions without an id (id == 0) get
 * one (written back into the model). A locked database gives ORDO_EBUSY.
 *
 * Ownership: the store owns its sqlite connection; the model returned by load
 * belongs to the caller (ordo_model_free).
 */
#ifndef ORDO_STORE_H
#define ORDO_STORE_H

#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ordo_store ordo_store;

/* Opens or creates the file and its schema. On failure *out is NULL and the
 * message is in err (may be NULL). */
int ordo_store_open(ordo_store **out, const char *path, ordo_err *err);
void ordo_store_close(ordo_store *s);               /* NULL is a no-op */
const char *ordo_store_errmsg(const ordo_store *s);
/* The input field the last error is about when a record check named it
 * (ordo_err.field, e.g. "email"), else "". */
const char *ordo_store_errfield(const ordo_store *s);

/* Reads the whole store into a new model (*out, NULL on failure), records in
 * the order they were saved in. Sessions whose course is no longer stored
 * are not loaded (their rows stay, cancelled); resource ids of a session that
 * are no longer stored are left out of its resources. */
int ordo_store_load(ordo_store *s, ordo_model **out);

/* What one desk change can touch (ordo_store_load_scope). */
typedef struct ordo_store_scope {
    ordo_utc from, to;            /* sessions overlapping [from, to) (from == to: none) */
    const char *course;           /* and every session of this course id (NULL: none) */
    int64_t session;              /* and every session of this session's course (0: none) */
    const char *booking_prefix;   /* desk booking ids: prefix + number ("booking-") */
    const char *const *resources; /* only these resources' working hours, time off and  */
    int nresources;               /* the window's sessions holding them, with the party's */
    int every_resource;           /* desk bookings; 1: (resources unused) those of the named
                                     booking's sessions, every resource's if it has none */
    const char *party;            /* the account or contact to read, with a contact's
                                     account (NULL: the named booking's customer, if any) */
    const char *service;          /* the new session's service (NULL: none): the window
                                     then ends at to - ORDO_SCOPE_MAX_SESSION_MIN + its
                                     duration, the new session's own end */
} ordo_store_scope;

/* A partial model for one desk change, read as ordo_store_load does (in the
 * caller's transaction when one is open): sites and services whole;
 * requirements whole, or only the scope's service's when it names one and
 * no booking; of the others only the scope's part: the sessions it names (in
 * the window: those of the scope's resources and the party's desk bookings)
 * and the courses they belong to with their blackouts and contracts, the
 * resources the scope names and those of its named booking's sessions
 * (every resource with every_resource), the working hours and time off of
 * the scope's resources, the scope's party. Any other session holds only
 * those of its resources that were read: only the named booking's sessions
 * are whole. m->partial = 1 and m->last_booking = the highest desk booking
 * number stored, so a new booking id is never reused. The window query
 * reads sessions starting up to the longest stored session's length (an
 * index, schema 7) before `from`. Such a model may go to ordo_store_save_sessions (new rows
 * are appended, stored rows keep their place) but never to ordo_store_save
 * or ordo_store_bank_sync (ORDO_EINVAL). */
#define ORDO_SCOPE_MAX_SESSION_MIN 1500   /* a local day, 25 h on a DST change: the
                                             longest a new session can be */
int ordo_store_load_scope(ordo_store *s, const ordo_store_scope *scope, ordo_model **out);
/* Checks the model (indexes in range, dates within years 1900..9999, known
 * enum values: ORDO_EINVAL naming the record) and then writes it as above.
 * Session rows are never deleted: the planned and unscheduled sessions of a
 * course that is no longer in the model are marked cancelled (SEQUENCE + 1,
 * DTSTAMP now). On failure nothing changed, in the file or in the model.
 * Errors: ORDO_EBUSY (locked longer than the busy timeout), ORDO_EINPUT (a
 * reference to a record that is not in the model, e.g. a contact's account),
 * ORDO_EIO, ORDO_ENOMEM. */
int ordo_store_save(ordo_store *s, ordo_model *m);

/* Writes ONLY the courses courses[0..ncourses) and the sessions
 * which[0..n) of `m` (indexes into m->courses / m->sessions), nothing else:
 * course rows upserted by id first, then a row per session upserted by id;
 * a session with id 0 gets a new row and its id is written back into `m`
 * after success. Their services, sites, resources, customers and contracts
 * must already be stored (ORDO_EINPUT otherwise). The model is checked as for ordo_store_save. One transaction
 * (a savepoint inside ordo_store_begin); on failure nothing changed. */
int ordo_store_save_sessions(ordo_store *s, ordo_model *m, const int *courses, int ncourses, const int *which,
                             int n);

/* Writes ONLY contract `contract` of `m` (its row upserted by id) and its
 * primary hour-bank line, nothing else; same checks and transaction rules
 * as ordo_store_save_sessions. */
int ordo_store_save_contract(ordo_store *s, ordo_model *m, int contract);

/* How long a call waits for another connection's write lock before
 * ORDO_EBUSY (default 5000 ms; 0 = fail at once). */
int ordo_store_set_busy_timeout(ordo_store *s, int ms);

/* An explicit transaction: begin takes the write lock (ORDO_EBUSY if another
 * connection holds it) and keeps it until commit or rollback, so that a
 * load, changes and a save are one atomic step. Saves inside it are nested
 * (a failed save undoes only itself). Session ids that saves gave inside a
 * transaction that is rolled back are void: discard that model. Rollback
 * without a transaction is a no-op; close rolls an open one back. */
int ordo_store_begin(ordo_store *s);
int ordo_store_commit(ordo_store *s);
int ordo_store_rollback(ordo_store *s);

/* Small settings kept beside the model (e.g. the last planning window).
 * get copies the value with its '\0' into buf: ORDO_ENOTFOUND if the key is
 * not set, ORDO_EINVAL if it does not fit in n bytes. set with value NULL
 * removes the key. Outside a transaction each set commits at once. */
int ordo_store_meta_get(ordo_store *s, const char *key, char *buf, size_t n);
int ordo_store_meta_set(ordo_store *s, const char *key, const char *value);

/* The connection's durability settings (SQLite version, journal mode,
 * synchronous, foreign keys, page size, busy timeout) as one line. */
int ordo_store_settings(ordo_store *s, char *buf, size_t n);

/* For benchmarks only: `n` single-row inserts into a scratch table of this
 * file (bench_baseline, created if needed and left behind: never call it on
 * a store that matters), each in its own BEGIN IMMEDIATE ... COMMIT with the
 * store's settings; *out_seconds is the wall time of the inserts. */
int ordo_store_bench_insert_baseline(ordo_store *s, long n, double *out_seconds);

#ifdef __cplusplus
}
#endif
#endif
