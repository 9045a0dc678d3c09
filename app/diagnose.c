/*
 * diagnose.c — why a course cannot be fully placed (app_diagnose.h): one
 * read snapshot, the hour bank's reservations, the solver's deletion
 * filtering (solver/diagnose.h) on that private copy, the rule set copied
 * into plain structs. Read-only: no transaction writes anything.
 */
#include "app/app_diagnose.h"
#include "app/app_int.h"

#include "solver/diagnose.h"

#include <stdio.h>
#include <string.h>

void ordo_app_diagnosis_clear(ordo_app_diagnosis *d)
{
    if (!d)
        return;
    for (int i = 0; i < d->nrules; i++)
        ordo__free(d->rules[i].text);
    ordo__free(d->rules);
    ordo__free(d->course);
    memset(d, 0, sizeof *d);
}

static int copy_out(ordo_app *a, const ordo_model *m, const ordo_diagnosis *d, ordo_app_diagnosis *out)
{
    out->sessions = d->sessions;
    out->fits = d->fits;
    out->explained = d->explained;
    out->candidates = d->candidates;
    out->checks = d->checks;
    out->seconds = d->seconds;
    for (size_t i = 0; i < m->sessions.n; i++)
        out->unscheduled += m->sessions.v[i].course == d->course &&
                            m->sessions.v[i].status == ORDO_SESSION_UNSCHEDULED;
    if (!(out->course = ordo__strdup(m->courses.v[d->course].id)) ||
        (d->nrules && !(out->rules = ordo__calloc((size_t)d->nrules, sizeof *out->rules))))
        return app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
    for (int i = 0; i < d->nrules; i++) {
        ordo_app_rule *r = &out->rules[out->nrules++];
        r->kind = ordo_rule_kind_name(d->rules[i].kind);
        r->verified = d->rules[i].verified;
        if (!(r->text = ordo__strdup(d->rules[i].text)))
            return app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
    }
    return ORDO_OK;
}

int ordo_app_diagnose(ordo_app *a, const ordo_app_diagnose_req *rq, ordo_app_diagnosis *out)
{
    int rc = ORDO_OK, course;
    ordo_solve_options o = ORDO_SOLVE_OPTIONS_INIT;
    ordo_model *m = NULL;
    ordo_diagnosis d = { 0 };
    app_start(a);
    memset(out, 0, sizeof *out);
    if (!rq->course || !*rq->course) {
        rc = app_fail(a, ORDO_EINVAL, "course", "missing course");
        goto done;
    }
    ORDO_TRY(app_window(a, rq->from, rq->to, rq->slot_minutes, &o));
    ORDO_TRY(app_snapshot(a, &m));           /* private: the diagnosis lifts rules on it */
    if ((course = ordo_model_find_course(m, rq->course)) < 0) {
        rc = app_fail(a, ORDO_ENOTFOUND, "course", "no course '%s'", rq->course);
        goto done;
    }
    if ((rc = a->ops->bank_prepare(a->store, m)) < 0) {
        app_store_fail(a, rc);
        goto done;
    }
    if ((rc = ordo_diagnose_course(m, &o, course, &d)) < 0) {
        app_fail(a, rc, NULL, "%s", *ordo_model_errmsg(m) ? ordo_model_errmsg(m) : ordo_strerror(rc));
        goto done;
    }
    out->from = o.from;
    out->to = o.to;
    rc = copy_out(a, m, &d, out);
done:
    ordo_diagnosis_free(&d);
    ordo_model_free(m);
    if (rc < 0)
        ordo_app_diagnosis_clear(out);
    return rc;
}
