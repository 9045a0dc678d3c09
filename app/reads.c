/*
 * reads.c — one read snapshot shared by the handles of a process (app.h,
 * ordo_app_reads), so that sixteen server threads answering find-times do
 * not each load the whole store, and a change loads it once, not sixteen
 * times.
 *
 * A watcher connection, never used to write, tells whether the store
 * changed: its revision (ops.revision: SQLite's data_version) moves when any
 * other connection commits, in this process or another. The current snapshot
 * is reference-counted: the cache holds one reference, every handle using
 * it one more (until its next read), so a snapshot replaced while a handle
 * still reads it is freed by whichever lets go last. The snapshot is keyed
 * by the revision read BEFORE its load: a commit in between only makes the
 * next read load again. Everything here runs under one mutex; loading runs
 * under it too (the threads that wait would need the new snapshot anyway).
 * The writer mutex queues this process's writers (app_begin in app.c).
 */
#include "app/app_int.h"

#include <string.h>
#include <threads.h>

struct ordo_app_snap {
    ordo_model *m;
    uint64_t rev;
    int refs;
};

struct ordo_app_reads {
    mtx_t mu;
    mtx_t writer;                     /* one writer of this process at a time (app_begin) */
    const ordo_store_ops *ops;
    ordo_store *watch;
    ordo_app_snap *cur;
    uint64_t loads;
};

static void snap_drop(ordo_app_snap *s)      /* under the mutex */
{
    if (s && --s->refs == 0) {
        ordo_model_free(s->m);
        ordo__free(s);
    }
}

int ordo_app_reads_new(ordo_app_reads **out, const char *path, ordo_err *err)
{
    int rc = ORDO_OK;
    const char *file = NULL;
    ordo_app_reads *r = NULL;
    *out = NULL;
    if (!(r = ordo__calloc(1, sizeof *r)))
        return ordo__seterr(err, ORDO_ENOMEM, "out of memory");
    if (mtx_init(&r->mu, mtx_plain) != thrd_success) {
        ordo__free(r);
        return ordo__seterr(err, ORDO_ENOMEM, "shared reads: cannot create a mutex");
    }
    if (mtx_init(&r->writer, mtx_plain) != thrd_success) {
        mtx_destroy(&r->mu);
        ordo__free(r);
        return ordo__seterr(err, ORDO_ENOMEM, "shared reads: cannot create a mutex");
    }
    if (!(r->ops = ordo_store_backend(path, &file, err))) {
        rc = err ? err->code : ORDO_EINVAL;
        goto done;
    }
    if ((rc = r->ops->open(&r->watch, file, err)) < 0)
        goto done;
    *out = r;
    r = NULL;
done:
    ordo_app_reads_free(r);
    return rc;
}

void ordo_app_reads_free(ordo_app_reads *r)
{
    if (!r)
        return;
    snap_drop(r->cur);
    if (r->watch)
        r->ops->close(r->watch);
    mtx_destroy(&r->writer);
    mtx_destroy(&r->mu);
    ordo__free(r);
}

void app_reads_lock_writer(ordo_app_reads *r) { mtx_lock(&r->writer); }
void app_reads_unlock_writer(ordo_app_reads *r) { mtx_unlock(&r->writer); }

uint64_t ordo_app_reads_loads(ordo_app_reads *r)
{
    uint64_t n;
    mtx_lock(&r->mu);
    n = r->loads;
    mtx_unlock(&r->mu);
    return n;
}

void ordo_app_share_reads(ordo_app *a, ordo_app_reads *r)
{
    app_release_snapshot(a);
    a->reads = r;
}

void app_release_snapshot(ordo_app *a)
{
    if (a->snap) {
        mtx_lock(&a->reads->mu);
        snap_drop(a->snap);
        mtx_unlock(&a->reads->mu);
        a->snap = NULL;
    }
}

int app_reads_snapshot(ordo_app *a, const ordo_model **m)
{
    ordo_app_reads *r = a->reads;
    uint64_t rev = 0;
    int rc = ORDO_OK;
    *m = NULL;
    mtx_lock(&r->mu);
    if ((rc = r->ops->revision(r->watch, &rev)) < 0) {
        app_fail(a, rc, NULL, "%s", r->ops->errmsg(r->watch));
        goto done;
    }
    if (!r->cur || r->cur->rev != rev) {
        ordo_app_snap *fresh = NULL;
        ordo_model *loaded = NULL;
        if ((rc = r->ops->load(r->watch, &loaded)) < 0) {
            app_fail(a, rc, NULL, "%s", r->ops->errmsg(r->watch));
            goto done;
        }
        if (!(fresh = ordo__calloc(1, sizeof *fresh))) {
            ordo_model_free(loaded);
            rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
            goto done;
        }
        fresh->m = loaded;
        fresh->rev = rev;
        fresh->refs = 1;                   /* the cache's own reference */
        snap_drop(r->cur);
        r->cur = fresh;
        r->loads++;
    }
    if (a->snap != r->cur) {
        snap_drop(a->snap);
        a->snap = r->cur;
        a->snap->refs++;
        a->snap_serial++;
    }
    *m = a->snap->m;
done:
    mtx_unlock(&r->mu);
    return rc;
}
