/*
 * relationship.h — the relationship type of an account or contact, kept
 * true from the facts of the sales and service records:
 *
 *   client           an active contract, or an opportunity won less than
 *                    `grace_days` ago, or a contract that ended less than
 *                    `grace_days` ago;
 *   potential_client an open opportunity (and not a client);
 *   prospect         an open lead; or anyone who was once at least a
 *                    prospect and is nothing more now (a lost opportunity
 *                    does not make them a suspect again);
 *   former_client    a client whose last contract or win is more than
 *                    grace_days old and who has no open opportunity: the
 *                    policy's `lapsed` value (ORDO_REL_FORMER_CLIENT by
 *                    default; PROSPECT or SUSPECT when configured so); a
 *                    party entered as former_client without any record
 *                    here stays one until a lead or opportunity appears;
 *   suspect          none of the above.
 *
 * Roles (competitor, partner, supplier...) are a separate field and never
 * enter these rules. A change is a record (from, to, when, why) that the
 * store keeps for ever.
 */
#ifndef ORDO_RELATIONSHIP_H
#define ORDO_RELATIONSHIP_H

#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ORDO_REL_DEFAULT_GRACE_DAYS 365

typedef struct ordo_rel_policy {
    int grace_days;               /* >= 0 */
    ordo_relationship lapsed;     /* what a lapsed client becomes: FORMER_CLIENT, PROSPECT or SUSPECT */
} ordo_rel_policy;
#define ORDO_REL_POLICY_INIT { ORDO_REL_DEFAULT_GRACE_DAYS, ORDO_REL_FORMER_CLIENT }

/* What the records say about one party on `today`. */
typedef struct ordo_rel_facts {
    int open_leads;
    int open_opportunities;
    int active_contracts;         /* ACTIVE and today within its dates */
    ordo_date last_client_date;   /* latest win or contract end date; 0 = never a client */
    int was_client;               /* ever a client (a won opportunity or any contract) */
} ordo_rel_facts;

/* The relationship the facts call for, given the current one, and a short
 * reason (static text) in *why. ORDO_OK, or ORDO_EINVAL for a bad policy. */
int ordo_relationship_derive(const ordo_rel_facts *f, const ordo_rel_policy *p, ordo_relationship current,
                             ordo_date today, ordo_relationship *out, const char **why);

#ifdef __cplusplus
}
#endif
#endif
