/*
 * bank.c — sessions over their contract's hour bank (app_data.h): after a
 * contract was cut below what its planned sessions reserve, the sessions
 * that no longer fit. The import warns with them, `contract check` lists
 * them and `repair` unschedules them (their reservation is released).
 *
 * Which sessions: per contract with a primary time line, its planned
 * sessions in time order (ordo_store_bank_forecast) drawn greedily from
 * total - used - the reservations of anything else; a session that does
 * not fit in what is left is over the bank (a later, shorter one may still
 * fit). Nothing is over when the line holds enough.
 */
#include "app/app_data.h"
#include "app/app_int.h"
#include "io/plan_view.h"

#include <stdio.h>
#include <string.h>

void ordo_app_overruns_clear(ordo_app_overruns *l)
{
    if (!l)
        return;
    for (int i = 0; l->v && i < l->n; i++)
        ordo__free(l->v[i].text);
    ordo__free(l->v);
    memset(l, 0, sizeof *l);
}

static int session_index(const ordo_model *m, int64_t id)
{
    for (size_t i = 0; i < m->sessions.n; i++)
        if (m->sessions.v[i].id == id)
            return (int)i;
    return -1;
}

static int add_overrun(ordo_app *a, const ordo_model *m, const ordo__numbering *num, const ordo_contract *k,
                       const ordo_forecast *f, const ordo_forecast_point *p, int64_t left, ordo_app_overruns *out)
{
    int si = session_index(m, p->session);
    ordo_app_time t;
    char text[768];
    if (si < 0)
        return ORDO_OK;
    const ordo_session *s = &m->sessions.v[si];
    const ordo_course *c = &m->courses.v[s->course];
    if (ORDO_GROW(out->v, out->cap, (size_t)out->n + 1) < 0)
        return app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
    app_time(m, s->site, s->start, &t);
    snprintf(text, sizeof text,
             "contract %s: hour bank total %lld min, used %lld, reserved %lld: session %lld (course %s session "
             "%d/%d, %s, %lld min) is over the bank: %lld min left for it",
             k->id, (long long)f->balance.total, (long long)f->balance.used, (long long)f->balance.reserved,
             (long long)s->id, c->id, num->number[si], num->count[s->course], t.text, (long long)p->minutes,
             (long long)(left > 0 ? left : 0));
    ordo_app_overrun *o = &out->v[out->n];
    memset(o, 0, sizeof *o);
    if (!(o->text = ordo__strdup(text)))
        return app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
    o->session = s->id;
    o->index = si;
    o->minutes = p->minutes;
    o->left = left > 0 ? left : 0;
    snprintf(o->contract, sizeof o->contract, "%s", k->id);
    out->n++;
    return ORDO_OK;
}

int app_find_overruns(ordo_app *a, const ordo_model *m, ordo_app_overruns *out)
{
    int rc = ORDO_OK;
    ordo_err err = { 0 };
    ordo__numbering num = { 0 };
    ordo_forecast f = { 0 };
    memset(out, 0, sizeof *out);
    if ((rc = ordo__numbering_build(&num, m, &err)) < 0) {
        rc = app_fail(a, rc, NULL, "%s", err.msg);
        goto done;
    }
    for (size_t k = 0; k < m->contracts.n; k++) {
        if ((rc = a->ops->bank_forecast(a->store, m, m->contracts.v[k].id, &f)) < 0) {
            rc = app_store_fail(a, rc);
            goto done;
        }
        int64_t left = f.balance0;
        for (int i = 0; i < f.n; i++) {
            if (f.points[i].minutes <= left)
                left -= f.points[i].minutes;
            else
                ORDO_TRY(add_overrun(a, m, &num, &m->contracts.v[k], &f, &f.points[i], left, out));
        }
        ordo_forecast_clear(&f);
    }
done:
    ordo_forecast_clear(&f);
    ordo__numbering_clear(&num);
    if (rc < 0)
        ordo_app_overruns_clear(out);
    return rc;
}

int ordo_app_bank_overruns(ordo_app *a, ordo_app_overruns *out)
{
    int rc = ORDO_OK;
    ordo_model *m = NULL;
    app_start(a);
    memset(out, 0, sizeof *out);
    ORDO_TRY(app_snapshot(a, &m));
    rc = app_find_overruns(a, m, out);
done:
    ordo_model_free(m);
    return rc;
}

int app_unschedule_overruns(ordo_app *a, ordo_model *m, int64_t now, ordo_app_overruns *out)
{
    int rc = app_find_overruns(a, m, out);
    char reason[512];
    for (int i = 0; rc == ORDO_OK && i < out->n; i++) {
        ordo_session *s = &m->sessions.v[out->v[i].index];
        const ordo_course *c = &m->courses.v[s->course];
        snprintf(reason, sizeof reason, "hour_bank: contract %s has %lld minutes left, a session of %s needs %lld",
                 out->v[i].contract, (long long)out->v[i].left, c->id, (long long)out->v[i].minutes);
        if (ordo_session_set_reason(s, reason) < 0) {
            rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
            break;
        }
        s->status = ORDO_SESSION_UNSCHEDULED;   /* times kept: calendars say CANCELLED */
        s->sequence++;
        s->dtstamp = now;
    }
    return rc;
}
