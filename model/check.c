/*
 * check.c — the model's consistency rules checked before it is stored
 * (model/check.h): indexes in range, dates a store can write and read back,
 * known enum values, unique session ids. Pure; messages name the record.
 */
#include "model/check.h"

#include <stdio.h>
#include <stdlib.h>


static int check_ref(ordo_err *err, int i, size_t n, int optional, const char *table, const char *row,
                     const char *field)
{
    if ((optional && i == -1) || (i >= 0 && (size_t)i < n))
        return ORDO_OK;
    return ordo__seterr(err, ORDO_EINVAL, "cannot save %s '%s': %s index %d is out of range "
                        "(the model has %zu)", table, row ? row : "", field, i, n);
}

static int check_enum(ordo_err *err, int v, int count, const char *table, const char *row, const char *field)
{
    if (v >= 0 && v < count)
        return ORDO_OK;
    return ordo__seterr(err, ORDO_EINVAL, "cannot save %s '%s': %s = %d is not a known value", table, row ? row : "", field, v);
}

/* Dates are stored as 'YYYY-MM-DD' text, which must read back the same. */
static int check_date(ordo_err *err, ordo_date d, const char *table, const char *row, const char *field)
{
    char buf[11];
    ordo_date back;
    ordo_date_format(d, buf);
    if (ordo_date_parse(buf, &back) == 0 && back == d)
        return ORDO_OK;
    return ordo__seterr(err, ORDO_EINVAL, "cannot save %s '%s': %s (day %ld) is outside years 1900..9999", table, row ? row : "", field, (long)d);
}

/* A course's `site` list names sites of the model. */
static int check_course_sites(ordo_err *err, const ordo_model *m, const ordo_course *c)
{
    for (int k = 0; k < c->sites.count; k++)
        if (ordo_model_find_site(m, c->sites.items[k]) < 0)
            return ordo__seterr(err, ORDO_EINVAL, "cannot save course '%s': site '%s' is not a known site", c->id,
                                c->sites.items[k]);
    return ORDO_OK;
}

int ordo_course_site_allowed(const ordo_model *m, const ordo_course *c, int site)
{
    if (site < 0 || (size_t)site >= m->sites.n)
        return 0;
    return c->sites.count == 0 || ordo_strlist_has(&c->sites, m->sites.v[site].id);
}

int ordo_course_site_check(const ordo_model *m, int course, int site, int except_session, char *msg, size_t len)
{
    const ordo_course *c = &m->courses.v[course];
    const char *name = site >= 0 && (size_t)site < m->sites.n ? m->sites.v[site].id : "?";
    if (!ordo_course_site_allowed(m, c, site)) {
        char *list = ordo_strlist_join(&c->sites);
        snprintf(msg, len, "site: course %s may only take place at %s, not at site %s", c->id,
                 list ? list : "its listed sites", name);
        ordo__free(list);
        return ORDO_ERULE;
    }
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *s = &m->sessions.v[i];
        if ((int)i == except_session || s->course != course || s->site < 0 || s->site == site ||
            (s->status != ORDO_SESSION_PLANNED && s->status != ORDO_SESSION_DONE))
            continue;
        snprintf(msg, len, "site: all sessions of course %s are at one site; its session %d is at site %s, "
                 "not at site %s", c->id, s->ordinal + 1, m->sites.v[s->site].id, name);
        return ORDO_ERULE;
    }
    if (len)
        msg[0] = '\0';
    return ORDO_OK;
}

/* "row N" (1-based) for records without an id. */
static const char *row_label(char buf[32], size_t i)
{
    snprintf(buf, 32, "row %zu", i + 1);
    return buf;
}

static int by_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Two sessions with one id would silently become one row. */
static int check_session_ids(ordo_err *err, const ordo_model *m)
{
    int rc = ORDO_OK;
    size_t n = 0;
    int64_t *ids = ordo__malloc((m->sessions.n + 1) * sizeof *ids);
    if (!ids)
        return ordo__seterr(err, ORDO_ENOMEM, "out of memory");
    for (size_t i = 0; i < m->sessions.n; i++)
        if (m->sessions.v[i].id)
            ids[n++] = m->sessions.v[i].id;
    qsort(ids, n, sizeof *ids, by_id);
    for (size_t i = 1; rc == ORDO_OK && i < n; i++)
        if (ids[i] == ids[i - 1])
            rc = ordo__seterr(err, ORDO_EINVAL, "cannot save: two sessions have id %lld", (long long)ids[i]);
    ordo__free(ids);
    return rc;
}

int ordo_model_check(const ordo_model *m, ordo_err *err)
{
    int rc = ORDO_OK;
    size_t nres = m->resources.n;
    char row[32];
    for (size_t i = 0; i < m->resources.n; i++) {
        const ordo_resource *x = &m->resources.v[i];
        ORDO_TRY(check_ref(err, x->site, m->sites.n, 1, "resource", x->id, "site"));
        ORDO_TRY(check_enum(err, (int)x->kind, ORDO_KIND_COUNT, "resource", x->id, "kind"));
    }
    for (size_t i = 0; i < m->working_hours.n; i++)
        ORDO_TRY(check_ref(err, m->working_hours.v[i].resource, nres, 0, "working hours", row_label(row, i), "resource"));
    for (size_t i = 0; i < m->time_off.n; i++) {
        const ordo_time_off *x = &m->time_off.v[i];
        ORDO_TRY(check_ref(err, x->resource, nres, 0, "time off", row_label(row, i), "resource"));
        const char *who = m->resources.v[x->resource].id;
        ORDO_TRY(check_date(err, x->start_date, "time off of", who, "start date"));
        ORDO_TRY(check_date(err, x->end_date, "time off of", who, "end date"));
    }
    for (size_t i = 0; i < m->requirements.n; i++) {
        const ordo_requirement *x = &m->requirements.v[i];
        ORDO_TRY(check_ref(err, x->service, m->services.n, 0, "requirement", row_label(row, i), "service"));
        ORDO_TRY(check_enum(err, (int)x->kind, ORDO_KIND_COUNT, "requirement of", m->services.v[x->service].id, "kind"));
    }
    for (size_t i = 0; i < m->accounts.n; i++)
        ORDO_TRY(check_enum(err, (int)m->accounts.v[i].relationship, ORDO_REL_FORMER_CLIENT + 1, "account",
                            m->accounts.v[i].id, "relationship"));
    for (size_t i = 0; i < m->contacts.n; i++)
        ORDO_TRY(check_enum(err, (int)m->contacts.v[i].relationship, ORDO_REL_FORMER_CLIENT + 1, "contact",
                            m->contacts.v[i].id, "relationship"));
    for (size_t i = 0; i < m->contracts.n; i++) {
        const ordo_contract *x = &m->contracts.v[i];
        ORDO_TRY(check_date(err, x->start, "contract", x->id, "start"));
        ORDO_TRY(check_date(err, x->end, "contract", x->id, "end"));
        ORDO_TRY(check_enum(err, (int)x->status, ORDO_CONTRACT_EXPIRED + 1, "contract", x->id, "status"));
    }
    for (size_t i = 0; i < m->courses.n; i++) {
        const ordo_course *x = &m->courses.v[i];
        ORDO_TRY(check_ref(err, x->service, m->services.n, 0, "course", x->id, "service"));
        ORDO_TRY(check_ref(err, x->contract, m->contracts.n, 1, "course", x->id, "contract"));
        ORDO_TRY(check_date(err, x->earliest, "course", x->id, "earliest"));
        ORDO_TRY(check_date(err, x->latest, "course", x->id, "latest"));
        ORDO_TRY(check_course_sites(err, m, x));
    }
    for (size_t i = 0; i < m->blackouts.n; i++) {
        const ordo_course_blackout *x = &m->blackouts.v[i];
        ORDO_TRY(check_ref(err, x->course, m->courses.n, 0, "blackout", row_label(row, i), "course"));
        ORDO_TRY(check_date(err, x->date, "blackout of", m->courses.v[x->course].id, "date"));
    }
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *x = &m->sessions.v[i];
        ORDO_TRY(check_ref(err, x->course, m->courses.n, 0, "session", row_label(row, i), "course"));
        const char *of = m->courses.v[x->course].id;
        ORDO_TRY(check_ref(err, x->site, m->sites.n, 1, "session of", of, "site"));
        ORDO_TRY(check_enum(err, (int)x->status, ORDO_SESSION_DONE + 1, "session of", of, "status"));
        for (int k = 0; k < x->nresources; k++)
            ORDO_TRY(check_ref(err, x->resources[k], nres, 0, "session of", of, "resource"));
    }
    rc = check_session_ids(err, m);
done:
    return rc;
}

