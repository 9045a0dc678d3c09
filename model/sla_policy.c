/*
 * sla_policy.c — SLA policies and a case's SLA clock (sla_policy.h): the
 * policy check, and the state of each target from the business minutes
 * that ran between the start and the moment it was met (or now), the clock
 * stopped during holds.
 */
#include "model/sla_policy.h"

#include <stdio.h>
#include <string.h>

void ordo_sla_policy_clear(ordo_sla_policy *p)
{
    if (!p)
        return;
    char *s[] = { p->id, p->queue, p->contract, p->site, p->zone };
    for (size_t i = 0; i < sizeof s / sizeof *s; i++)
        ordo__free(s[i]);
    ordo__free(p->holidays);
    *p = (ordo_sla_policy){ 0 };
}

int ordo_sla_holidays_parse(const char *text, ordo_sla_policy *p, char *bad, size_t n)
{
    size_t cap = p->nholidays;
    for (const char *t = text; t && *t;) {
        char one[16];
        size_t len = strcspn(t, ";");
        ordo_date d;
        snprintf(one, sizeof one, "%.*s", (int)(len < 15 ? len : 15), t);
        if (ordo_date_parse(one, &d) != 0) {
            if (bad)
                snprintf(bad, n, "%s", one);
            return -1;
        }
        if (ORDO_GROW(p->holidays, cap, p->nholidays + 1) < 0) {
            if (bad && n)
                bad[0] = '\0';
            return -1;
        }
        p->holidays[p->nholidays++] = d;
        t += len + (t[len] == ';');
    }
    return 0;
}

char *ordo_sla_holidays_text(const ordo_sla_policy *p)
{
    char *t = ordo__calloc(p->nholidays * 11 + 1, 1);
    for (size_t i = 0; t && i < p->nholidays; i++) {
        ordo_date_format(p->holidays[i], t + i * 11);
        t[i * 11 + 10] = i + 1 < p->nholidays ? ';' : '\0';
    }
    return t;
}

int ordo_sla_day_hours(const ordo_sla_policy *p, int d, char *buf, size_t n)
{
    if (p->end[d] <= p->start[d]) {
        if (n)
            buf[0] = '\0';
        return -1;
    }
    snprintf(buf, n, "%02d:%02d-%02d:%02d", p->start[d] / 60 % 100, p->start[d] % 60, p->end[d] / 60 % 100,
             p->end[d] % 60);
    return 0;
}

void ordo_case_sla_clear(ordo_case_sla *s)
{
    if (!s)
        return;
    ordo__free(s->policy);
    ordo_intervals_clear(&s->pauses);
    *s = (ordo_case_sla){ 0 };
}

void ordo_sla_policy_hours(const ordo_sla_policy *p, ordo_business_hours *out)
{
    *out = (ordo_business_hours){ 0 };
    out->zone = p->zone;
    for (int d = 0; d < 7; d++) {
        out->start[d] = p->start[d];
        out->end[d] = p->end[d];
    }
    out->holidays = p->holidays;
    out->nholidays = p->nholidays;
}

int ordo_sla_policy_check(const ordo_sla_policy *p, ordo_err *err)
{
    const char *id = p->id ? p->id : "(no id)";
    ordo_business_hours bh;
    if (!ordo_id_valid(p->id))
        return ordo__seterr_at(err, ORDO_EINPUT, "id", "sla policy %s: id is not a valid id", id);
    if (p->first_response <= 0 || p->resolve <= 0 || p->first_response > p->resolve)
        return ordo__seterr_at(err, ORDO_EINPUT, p->resolve <= 0 ? "resolve" : "first_response",
                               "sla policy %s: first response and resolve must be > 0 minutes, "
                               "first response <= resolve", id);
    if (p->warn_percent < 1 || p->warn_percent > 100)
        return ordo__seterr_at(err, ORDO_EINPUT, "warn_percent", "sla policy %s: warn must be 1..100 percent", id);
    if (p->queue && (p->contract || p->priority >= 0))
        return ordo__seterr_at(err, ORDO_EINPUT, "queue",
                               "sla policy %s: a queue policy names no contract or priority", id);
    for (size_t i = 1; i < p->nholidays; i++)
        if (p->holidays[i - 1] >= p->holidays[i])
            return ordo__seterr_at(err, ORDO_EINPUT, "holidays", "sla policy %s: holidays must be sorted and distinct",
                                   id);
    ordo_err why = { 0 };
    ordo_sla_policy_hours(p, &bh);
    int rc = ordo_business_hours_check(&bh, &why);
    if (rc < 0)   /* the zone, a day's range, closed every day, the holidays */
        return ordo__seterr_at(err, rc, why.field[0] ? why.field : "hours", "sla policy %s: %s", id, why.msg);
    return ORDO_OK;
}

/* One target: run from s->started until `done` (0 = not yet: until now). */
static int target(const ordo_case_sla *s, const ordo_business_hours *bh, ordo_utc now, int64_t minutes,
                  ordo_utc done, int warn, ordo_sla_target *out)
{
    int held = s->pauses.n > 0 && s->pauses.v[s->pauses.n - 1].end >= ORDO_SLA_OPEN;
    int rc = ordo_sla_due(bh, s->started, minutes, &s->pauses, &out->due);
    if (rc < 0 && held && !done) {
        out->due = 0;                /* on hold before the target ran out: no due time while held */
        rc = ORDO_OK;
    }
    if (rc == ORDO_OK)
        rc = ordo_sla_elapsed(bh, s->started, done ? done : now, &s->pauses, &out->elapsed);
    out->target = minutes;
    out->state = ordo_sla_state_of(out->elapsed, minutes, warn, done != 0);
    return rc;
}

int ordo_case_sla_status(const ordo_case_sla *s, const ordo_business_hours *bh, ordo_utc now,
                         ordo_sla_target *response, ordo_sla_target *resolution)
{
    int rc = target(s, bh, now, s->first_response, s->responded, s->warn_percent, response);
    if (rc == ORDO_OK)
        rc = target(s, bh, now, s->resolve, s->resolved, s->warn_percent, resolution);
    return rc;
}
