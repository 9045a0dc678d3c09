/*
 * relationship.c — derivation of the relationship type (relationship.h).
 * A pure function of the facts, the policy, the current value and the day:
 * the same input always gives the same answer, so the store may re-derive
 * it after every change and record only real changes.
 */
#include "model/relationship.h"

int ordo_relationship_derive(const ordo_rel_facts *f, const ordo_rel_policy *p, ordo_relationship current,
                             ordo_date today, ordo_relationship *out, const char **why)
{
    const char *w;
    ordo_relationship r;
    if (p->grace_days < 0 ||
        (p->lapsed != ORDO_REL_FORMER_CLIENT && p->lapsed != ORDO_REL_PROSPECT && p->lapsed != ORDO_REL_SUSPECT))
        return ORDO_EINVAL;
    int recent = f->was_client && f->last_client_date > 0 && today - f->last_client_date < p->grace_days;
    if (f->active_contracts > 0) {
        r = ORDO_REL_CLIENT;
        w = "an active contract";
    } else if (recent) {
        r = ORDO_REL_CLIENT;
        w = "a sale or contract within the grace period";
    } else if (f->open_opportunities > 0) {
        r = ORDO_REL_POTENTIAL_CLIENT;
        w = "an open opportunity";
    } else if (f->was_client) {
        r = p->lapsed;
        w = "no active contract for longer than the grace period";
    } else if (f->open_leads > 0) {
        r = ORDO_REL_PROSPECT;
        w = "an open lead";
    } else if (current == ORDO_REL_FORMER_CLIENT) {
        r = ORDO_REL_FORMER_CLIENT;
        w = "a former client with no open lead or opportunity";
    } else if (current >= ORDO_REL_PROSPECT) {
        r = ORDO_REL_PROSPECT;
        w = "no open lead or opportunity left";
    } else {
        r = ORDO_REL_SUSPECT;
        w = "no lead, opportunity or contract";
    }
    *out = r;
    if (why)
        *why = w;
    return ORDO_OK;
}
