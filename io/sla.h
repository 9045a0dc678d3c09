/*
 * sla.h — SLA policies and the cases' SLA clocks in the store
 * (model/sla_policy.h). Tables created with the marketing ones on the
 * first write. A case's SLA is started once (its policy's targets copied);
 * events (first response, resolved, reopened, hold, end of hold) change
 * it under the write lock and are no-ops for a case without an SLA.
 * Errors as in io/service.h, the message in ordo_store_errmsg().
 */
#ifndef ORDO_IO_SLA_H
#define ORDO_IO_SLA_H

#include "io/store.h"
#include "model/sla_policy.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A new policy (ordo_sla_policy_check; ORDO_EEXISTS if the id is taken). */
int ordo_store_sla_policy_add(ordo_store *s, const ordo_sla_policy *p);
int ordo_store_sla_policy_get(ordo_store *s, const char *id, ordo_sla_policy *out);
int ordo_store_sla_policy_list(ordo_store *s, int (*fn)(const ordo_sla_policy *p, void *payload), void *payload);
/* The policy for a case: queue given -> that queue's policy; else the most
 * specific of contract+priority, contract, priority, default. ORDO_ENOTFOUND. */
int ordo_store_sla_policy_match(ordo_store *s, const char *queue, const char *contract, int priority,
                                ordo_sla_policy *out);

/* Starts case_id's SLA on policy p at `started` (UTC minutes): ORDO_EEXISTS
 * when the case has one already. */
int ordo_store_case_sla_start(ordo_store *s, int64_t case_id, const ordo_sla_policy *p, ordo_utc started);
/* ORDO_ENOTFOUND when the case has no SLA. out: ordo_case_sla_clear. */
int ordo_store_case_sla_get(ordo_store *s, int64_t case_id, ordo_case_sla *out);

typedef enum ordo_sla_event {
    ORDO_SLA_RESPONDED = 0,       /* first response (kept if already set) */
    ORDO_SLA_RESOLVED,
    ORDO_SLA_REOPENED,            /* resolved cleared */
    ORDO_SLA_HOLD,                /* a pause opens (if none is open) */
    ORDO_SLA_UNHOLD               /* the open pause closes */
} ordo_sla_event;
int ordo_store_case_sla_event(ordo_store *s, int64_t case_id, ordo_sla_event ev, ordo_utc at);

#ifdef __cplusplus
}
#endif
#endif
