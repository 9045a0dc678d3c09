/*
 * score.c — the saved plan's score (app_score.h): one read snapshot, the
 * hour bank's reservations, the solver's score (and bound) on that private
 * copy. Read-only: no transaction writes anything.
 */
#include "app/app_score.h"
#include "app/app_int.h"

#include "solver/search.h"

#include <string.h>

void ordo_app_plan_score_clear(ordo_app_plan_score *s)
{
    if (!s)
        return;
    ordo_score_free(&s->score);
    memset(s, 0, sizeof *s);
}

int ordo_app_score(ordo_app *a, const ordo_app_score_req *rq, ordo_app_plan_score *out)
{
    int rc = ORDO_OK;
    ordo_solve_options o = ORDO_SOLVE_OPTIONS_INIT;
    ordo_model *m = NULL;
    double t0 = sv_now();
    app_start(a);
    memset(out, 0, sizeof *out);
    if (rq->time_limit_s < 0)
        return app_fail(a, ORDO_EINVAL, "time_limit", "time limit %g: must be 0 or more seconds", rq->time_limit_s);
    ORDO_TRY(app_window(a, rq->from, rq->to, rq->slot_minutes, &o));
    o.time_limit_s = rq->time_limit_s;
    ORDO_TRY(app_snapshot(a, &m));           /* private: the solver normalises its session rows */
    if ((rc = a->ops->bank_prepare(a->store, m)) < 0) {
        app_store_fail(a, rc);
        goto done;
    }
    rc = rq->bound ? ordo_score_plan_bound(m, &o, &out->score) : ordo_score_plan(m, &o, &out->score);
    if (rc < 0) {
        app_fail(a, rc, NULL, "%s", *ordo_model_errmsg(m) ? ordo_model_errmsg(m) : ordo_strerror(rc));
        goto done;
    }
    out->from = o.from;
    out->to = o.to;
    out->slot_minutes = o.slot_minutes > 0 ? o.slot_minutes : 30;
    out->seconds = sv_now() - t0;
done:
    ordo_model_free(m);
    if (rc < 0)
        ordo_app_plan_score_clear(out);
    return rc;
}
