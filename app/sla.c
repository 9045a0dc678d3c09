/*
 * sla.c — SLA use cases (app/app_sla.h) and the hooks the case use cases
 * call inside their transaction (app_int.h: sla_case_*): a new case gets
 * the most specific policy's clock; the first activity is its first
 * response; hold/reactivate pause and resume it; resolve stops it. The
 * arithmetic is model/sla.c's.
 */
#include "app/app_sla.h"
#include "app/sales_int.h"
#include "model/case.h"
#include "model/tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_hhmm(const char *s, int *out)
{
    int h = 0, m = 0;
    char tail;
    if (sscanf(s, "%d:%d%c", &h, &m, &tail) < 2 || h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m))
        return -1;
    *out = h * 60 + m;
    return 0;
}

/* "HH:MM-HH:MM" on the days "MO,TU,..." -> p->start/end. */
static int hours(ordo_app *a, const char *range, const char *days, ordo_sla_policy *p)
{
    static const char *const names[7] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
    char lo[8] = "", hi[8] = "";
    int from = 0, to = 0;
    const char *dash = strchr(range, '-');
    if (!dash || dash - range > 5 || strlen(dash + 1) > 5)
        return app_fail(a, ORDO_EINVAL, "hours", "hours '%s': HH:MM-HH:MM", range);
    memcpy(lo, range, (size_t)(dash - range));
    strcpy(hi, dash + 1);
    if (parse_hhmm(lo, &from) < 0 || parse_hhmm(hi, &to) < 0 || from >= to)
        return app_fail(a, ORDO_EINVAL, "hours", "hours '%s': HH:MM-HH:MM, start before end", range);
    for (const char *d = days; *d;) {
        size_t len = strcspn(d, ",");
        int k = -1;
        for (int i = 0; i < 7; i++)
            if (len == 2 && strncmp(d, names[i], 2) == 0)
                k = i;
        if (k < 0)
            return app_fail(a, ORDO_EINVAL, "days", "days '%s': comma-separated MO, TU, WE, TH, FR, SA, SU", days);
        p->start[k] = from;
        p->end[k] = to;
        d += len + (d[len] == ',');
    }
    return ORDO_OK;
}

static int holidays(ordo_app *a, const char *text, ordo_sla_policy *p)
{
    char bad[16];
    if (ordo_sla_holidays_parse(text, p, bad, sizeof bad) == 0)
        return ORDO_OK;
    return bad[0] ? app_fail(a, ORDO_EINVAL, "holidays", "holiday '%s' is not a date (YYYY-MM-DD)", bad)
                  : app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
}

int ordo_app_sla_policy_add(ordo_app *a, const ordo_app_sla_policy_req *req)
{
    int rc = ORDO_OK;
    ordo_sla_policy p = { 0 };
    const ordo_model *m = NULL;
    app_start(a);
    p.priority = -1;
    if (req->priority && *req->priority && (p.priority = ordo_case_priority_parse(req->priority)) < 0)
        return app_fail(a, ORDO_EINVAL, "priority", "priority '%s' must be low, normal or high", req->priority);
    if (!req->site || !*req->site)
        return app_fail(a, ORDO_EINVAL, "site", "site is required (its zone is the SLA's)");
    ORDO_TRY(hours(a, req->hours && *req->hours ? req->hours : "09:00-17:00",
                   req->days && *req->days ? req->days : "MO,TU,WE,TH,FR", &p));
    ORDO_TRY(holidays(a, req->holidays, &p));
    ORDO_TRY(app_snapshot_shared(a, &m));
    int site = ordo_model_find_site(m, req->site);
    if (site < 0) {
        rc = app_fail(a, ORDO_EINPUT, "site", "site '%s' does not exist", req->site);
        goto done;
    }
    p.id = (char *)req->id;
    p.queue = req->queue && *req->queue ? (char *)req->queue : NULL;
    p.contract = req->contract && *req->contract ? (char *)req->contract : NULL;
    p.first_response = req->first_response;
    p.resolve = req->resolve;
    p.warn_percent = req->warn ? req->warn : ORDO_SLA_DEFAULT_WARN;
    p.site = (char *)req->site;
    p.zone = m->sites.v[site].timezone;
    if ((rc = a->ops->sla_policy_add(a->store, &p)) < 0) {
        /* the request's names for the check's fields (sla_policies.csv columns) */
        static const char *const json_name[][2] = { { "first_response", "first_response_minutes" },
                                                    { "resolve", "resolve_minutes" },
                                                    { "zone", "site" } };   /* the zone is the site's */
        const char *at = a->ops->errfield(a->store);
        for (size_t i = 0; at && i < sizeof json_name / sizeof *json_name; i++)
            if (!strcmp(at, json_name[i][0]))
                at = json_name[i][1];
        rc = sales_check(a, rc, at && *at ? at : NULL);
    }
done:
    ordo__free(p.holidays);
    return rc;
}

int ordo_app_sla_policy_list(ordo_app *a, int (*fn)(const ordo_sla_policy *p, void *payload), void *payload)
{
    app_start(a);
    return sales_check(a, a->ops->sla_policy_list(a->store, fn, payload), NULL);
}

void ordo_app_sla_status_clear(ordo_app_sla_status *s)
{
    if (s) {
        ordo_case_sla_clear(&s->sla);
        memset(s, 0, sizeof *s);
    }
}

int ordo_app_case_sla(ordo_app *a, int64_t case_id, int64_t now, ordo_app_sla_status *out)
{
    int rc = ORDO_OK;
    ordo_sla_policy p = { 0 };
    ordo_business_hours bh;
    memset(out, 0, sizeof *out);
    app_start(a);
    ORDO_TRY(sales_check(a, a->ops->case_sla_get(a->store, case_id, &out->sla), "sla"));
    ORDO_TRY(sales_check(a, a->ops->sla_policy_get(a->store, out->sla.policy, &p), NULL));
    ordo_sla_policy_hours(&p, &bh);
    out->on_hold = out->sla.pauses.n > 0 && out->sla.pauses.v[out->sla.pauses.n - 1].end >= ORDO_SLA_OPEN;
    if (ordo_case_sla_status(&out->sla, &bh, (ordo_utc)(app_now(now) / 60), &out->response, &out->resolution) < 0)
        rc = app_fail(a, ORDO_EINVAL, "sla", "case %lld: the SLA cannot be computed in %s", (long long)case_id,
                      p.zone ? p.zone : "?");
done:
    ordo_sla_policy_clear(&p);
    if (rc < 0)
        ordo_app_sla_status_clear(out);
    return rc;
}

/* ---- hooks (inside the case use cases' transaction) ------------------------------------ */

int sla_case_start(ordo_app *a, const ordo_case *c, const char *queue, int64_t now)
{
    ordo_sla_policy p = { 0 };
    ordo_contract_line line = { 0 };
    const char *contract = NULL;
    int rc = ORDO_OK;
    if (!queue && c->line > 0) {
        ORDO_TRY(sales_check(a, a->ops->line_get(a->store, c->line, &line), NULL));
        contract = line.contract;
    }
    rc = a->ops->sla_policy_match(a->store, queue, contract, queue ? -1 : (int)c->priority, &p);
    if (rc == ORDO_ENOTFOUND) {
        rc = ORDO_OK;                    /* no policy applies: no clock */
        goto done;
    }
    ORDO_TRY(sales_check(a, rc, NULL));
    rc = a->ops->case_sla_start(a->store, c->id, &p, (ordo_utc)(app_now(now) / 60));
    if (rc == ORDO_EEXISTS && queue)
        rc = ORDO_OK;                    /* entering a queue keeps the clock the case has */
    rc = sales_check(a, rc, NULL);
done:
    ordo_sla_policy_clear(&p);
    ordo_contract_line_clear(&line);
    return rc;
}

int sla_case_event(ordo_app *a, int64_t case_id, ordo_sla_event ev, int64_t now)
{
    return sales_check(a, a->ops->case_sla_event(a->store, case_id, ev, (ordo_utc)(app_now(now) / 60)), NULL);
}
