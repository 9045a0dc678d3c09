/*
 * plan_view.c — session numbers, session sites and local times shared by the
 * exporters (bookings.csv, iCal, HTML).
 *
 * Numbers are computed in one sort of the numbered sessions by (course,
 * group, key, id) where group 0 = placed with key = start and group 1 =
 * unscheduled with key = ordinal, then one walk that restarts at 1 for each
 * course: the same plan always gives the same numbers.
 */
#include "io/plan_view.h"
#include "model/tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ordo__session_is_placed(const ordo_session *s)
{
    return s->status == ORDO_SESSION_PLANNED || s->status == ORDO_SESSION_DONE;
}

int ordo__session_has_times(const ordo_session *s)
{
    return ordo__session_is_placed(s) || s->start != 0 || s->end != 0;
}

static int index_ok(int i, size_t n) { return i >= 0 && (size_t)i < n; }

int ordo__plan_check(const ordo_model *m, ordo_err *err)
{
    int rc = ORDO_OK;
    for (size_t i = 0; i < m->resources.n && rc == ORDO_OK; i++)
        if (!index_ok(m->resources.v[i].site, m->sites.n))
            rc = ordo__seterr(err, ORDO_EINVAL, "resource '%s': site index %d out of range",
                              m->resources.v[i].id, m->resources.v[i].site);
    for (size_t i = 0; i < m->courses.n && rc == ORDO_OK; i++)
        if (!index_ok(m->courses.v[i].service, m->services.n))
            rc = ordo__seterr(err, ORDO_EINVAL, "course '%s': service index %d out of range",
                              m->courses.v[i].id, m->courses.v[i].service);
    for (size_t i = 0; i < m->sessions.n && rc == ORDO_OK; i++) {
        const ordo_session *s = &m->sessions.v[i];
        int course_ok = index_ok(s->course, m->courses.n);
        if (!course_ok && !(s->status == ORDO_SESSION_CANCELLED && s->course < 0))
            rc = ordo__seterr(err, ORDO_EINVAL, "session %lld: course index %d out of range",
                              (long long)s->id, s->course);
        else if (s->site != -1 && !index_ok(s->site, m->sites.n))
            rc = ordo__seterr(err, ORDO_EINVAL, "session %lld: site index %d out of range",
                              (long long)s->id, s->site);
        else if (ordo__session_is_placed(s) && (s->site < 0 || s->end <= s->start))
            rc = ordo__seterr(err, ORDO_EINVAL, "session %lld of course '%s': placed without %s",
                              (long long)s->id, m->courses.v[s->course].id,
                              s->site < 0 ? "a site" : "an end after its start");
        for (int k = 0; k < s->nresources && rc == ORDO_OK; k++)
            if (!index_ok(s->resources[k], m->resources.n))
                rc = ordo__seterr(err, ORDO_EINVAL, "session %lld: resource index %d out of range",
                                  (long long)s->id, s->resources[k]);
    }
    return rc;
}

typedef struct numbering_key {
    int course, group;
    int64_t key, id;
    size_t session;
} numbering_key;

static int cmp_i64(int64_t a, int64_t b) { return (a > b) - (a < b); }

static int cmp_numbering_key(const void *pa, const void *pb)
{
    const numbering_key *a = pa, *b = pb;
    int c = cmp_i64(a->course, b->course);
    if (!c) c = cmp_i64(a->group, b->group);
    if (!c) c = cmp_i64(a->key, b->key);
    if (!c) c = cmp_i64(a->id, b->id);
    if (!c) c = cmp_i64((int64_t)a->session, (int64_t)b->session);
    return c;
}

int ordo__numbering_build(ordo__numbering *out, const ordo_model *m, ordo_err *err)
{
    int rc = ORDO_OK;
    numbering_key *keys = NULL;
    size_t nk = 0;
    *out = (ordo__numbering){ 0 };
    out->number = ordo__calloc(m->sessions.n + 1, sizeof *out->number);
    out->count = ordo__calloc(m->courses.n + 1, sizeof *out->count);
    keys = ordo__calloc(m->sessions.n + 1, sizeof *keys);
    if (!out->number || !out->count || !keys) {
        rc = ordo__seterr(err, ORDO_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *s = &m->sessions.v[i];
        if (s->course < 0 || (size_t)s->course >= m->courses.n)
            continue;
        if (ordo__session_is_placed(s))
            keys[nk++] = (numbering_key){ s->course, 0, s->start, s->id, i };
        else if (s->status == ORDO_SESSION_UNSCHEDULED)
            keys[nk++] = (numbering_key){ s->course, 1, s->ordinal, s->id, i };
    }
    qsort(keys, nk, sizeof *keys, cmp_numbering_key);
    for (size_t k = 0; k < nk; k++)
        out->number[keys[k].session] = ++out->count[keys[k].course];
done:
    ordo__free(keys);
    if (rc < 0)
        ordo__numbering_clear(out);
    return rc;
}

void ordo__numbering_clear(ordo__numbering *n)
{
    ordo__free(n->number);
    ordo__free(n->count);
    *n = (ordo__numbering){ 0 };
}

int ordo__session_site(const ordo_model *m, const ordo_session *s)
{
    if (s->site >= 0)
        return s->site;
    if (s->nresources > 0)
        return m->resources.v[s->resources[0]].site;
    return -1;
}

int ordo__site_local(const ordo_model *m, int site, ordo_utc t, ordo_date *out_date,
                     int *out_minute, ordo_err *err)
{
    const ordo_site *st = &m->sites.v[site];
    if (ordo_tz_to_local(st->timezone, t, out_date, out_minute) < 0)
        return ordo__seterr(err, ORDO_EINVAL, "site '%s': unknown time zone '%s'", st->id,
                            st->timezone ? st->timezone : "");
    return ORDO_OK;
}

char *ordo__session_summary(const ordo_model *m, const ordo__numbering *num, size_t session)
{
    const ordo_session *s = &m->sessions.v[session];
    const char *title = s->course >= 0 ? m->courses.v[s->course].title : NULL;
    if (!title)
        title = s->course >= 0 ? m->courses.v[s->course].id : "Session";
    char tail[64];
    int k = num->number[session];
    if (k > 0)
        snprintf(tail, sizeof tail, " (session %d/%d)", k, num->count[s->course]);
    else
        snprintf(tail, sizeof tail, " (cancelled)");
    size_t n = strlen(title) + strlen(tail) + 1;
    char *out = ordo__malloc(n);
    if (out)
        snprintf(out, n, "%s%s", title, tail);
    return out;
}

int ordo__export_name(char **out, const char *prefix, const char *id, const char *ext,
                      ordo_err *err)
{
    *out = NULL;
    if (!id || !ordo_id_valid(id))
        return ordo__seterr(err, ORDO_EINVAL, "%s id '%s': not usable in a file name", prefix,
                            id ? id : "");
    size_t n = strlen(prefix) + strlen(id) + strlen(ext) + 2;
    if (!(*out = ordo__malloc(n)))
        return ordo__seterr(err, ORDO_ENOMEM, "out of memory");
    snprintf(*out, n, "%s%s%s%s", prefix, *prefix ? "-" : "", id, ext);
    return ORDO_OK;
}

void ordo__duration_text(char *buf, size_t n, int64_t minutes)
{
    int64_t h = minutes > 0 ? minutes / 60 : 0, mi = minutes > 0 ? minutes % 60 : 0;
    if (h > 0 && mi > 0)
        snprintf(buf, n, "%lld h %lld min", (long long)h, (long long)mi);
    else if (h > 0)
        snprintf(buf, n, "%lld h", (long long)h);
    else
        snprintf(buf, n, "%lld min", (long long)mi);
}

void ordo__customer_text(ordo__outbuf *out, const ordo_model *m, const ordo_course *c)
{
    int a = c->customer ? ordo_model_find_account(m, c->customer) : -1;
    int k = c->customer && a < 0 ? ordo_model_find_contact(m, c->customer) : -1;
    if (a >= 0 && m->accounts.v[a].name && *m->accounts.v[a].name) {
        ordo__outbuf_puts(out, m->accounts.v[a].name);
    } else if (k >= 0 && (m->contacts.v[k].first_name || m->contacts.v[k].last_name)) {
        const ordo_contact *p = &m->contacts.v[k];
        ordo__outbuf_printf(out, "%s%s%s", p->first_name ? p->first_name : "",
                            p->first_name && p->last_name ? " " : "", p->last_name ? p->last_name : "");
    } else {
        ordo__outbuf_puts(out, c->customer ? c->customer : "");
    }
}

void ordo__conflict_text(ordo__outbuf *out, const ordo_model *m, const ordo__numbering *num,
                         const ordo_conflict *v, size_t n, size_t session)
{
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        if (v[i].session != session && (v[i].other < 0 || (size_t)v[i].other != session))
            continue;
        if (!first)
            ordo__outbuf_puts(out, "; ");
        first = 0;
        if (v[i].other < 0) {
            const char *why = m->sessions.v[session].reason;
            ordo__outbuf_puts(out, why && *why ? why : "booked with --force");
            continue;
        }
        size_t peer = v[i].session == session ? (size_t)v[i].other : v[i].session;
        const ordo_resource *r = &m->resources.v[v[i].resource];
        char *what = ordo__session_summary(m, num, peer);
        if (!what) {
            out->failed = 1;
            return;
        }
        ordo__outbuf_printf(out, "double booking: %s also in %s", r->name && *r->name ? r->name : r->id,
                            what);
        ordo__free(what);
    }
}
