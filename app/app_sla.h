/*
 * app_sla.h — SLA use cases: policies (per queue, or per contract and/or
 * priority, or a default; business hours of a site) and each case's SLA
 * clock, started when the case is created (or enters a queue with a
 * policy), answered by its first activity, paused while on hold, stopped
 * when resolved. Conventions of app/app.h; rules in model/sla_policy.h.
 */
#ifndef ORDO_APP_SLA_H
#define ORDO_APP_SLA_H

#include "app/app.h"
#include "model/sla_policy.h"

#ifdef __cplusplus
extern "C" {
#endif

/* As typed. first_response / resolve: business minutes; warn: percent (0 =
 * ORDO_SLA_DEFAULT_WARN); site: its zone (required); hours "HH:MM-HH:MM"
 * (default 09:00-17:00) on days "MO,TU,WE,TH,FR" (the default); holidays
 * "YYYY-MM-DD;..." ; queue, or contract and/or priority (low, normal, high). */
typedef struct ordo_app_sla_policy_req {
    const char *id, *queue, *contract, *priority, *site, *hours, *days, *holidays;
    int64_t first_response, resolve;
    int warn;
} ordo_app_sla_policy_req;
int ordo_app_sla_policy_add(ordo_app *a, const ordo_app_sla_policy_req *req);
int ordo_app_sla_policy_list(ordo_app *a, int (*fn)(const ordo_sla_policy *p, void *payload), void *payload);

typedef struct ordo_app_sla_status {
    ordo_case_sla sla;
    ordo_sla_target response, resolution;
    int on_hold;
} ordo_app_sla_status;
void ordo_app_sla_status_clear(ordo_app_sla_status *s);
/* The case's SLA at `now` (UTC seconds; 0 = the clock): ORDO_ENOTFOUND
 * (field "sla") when the case has none. */
int ordo_app_case_sla(ordo_app *a, int64_t case_id, int64_t now, ordo_app_sla_status *out);

#ifdef __cplusplus
}
#endif
#endif
