/*
 * test_relationship.c — relationship types kept true (model/relationship.h):
 * the life of one party from suspect to client and back, with the grace
 * period of the policy, and a bad policy refused.
 */
#include "check.h"
#include "model/relationship.h"

static ordo_relationship derive(const ordo_rel_facts *f, const ordo_rel_policy *p, ordo_relationship cur,
                                ordo_date today)
{
    ordo_relationship r = ORDO_REL_NONE;
    const char *why = NULL;
    CHECK_EQ(ordo_relationship_derive(f, p, cur, today, &r, &why), ORDO_OK);
    CHECK(why && *why);
    return r;
}

static void test_relationship__life(void)
{
    ordo_rel_policy p = ORDO_REL_POLICY_INIT;
    ordo_date d = ordo_date_from_ymd(2027, 3, 1);
    ordo_rel_facts f = { 0 };
    CHECK_EQ(derive(&f, &p, ORDO_REL_NONE, d), ORDO_REL_SUSPECT);
    f.open_leads = 1;
    CHECK_EQ(derive(&f, &p, ORDO_REL_SUSPECT, d), ORDO_REL_PROSPECT);
    f.open_leads = 0;
    f.open_opportunities = 1;
    CHECK_EQ(derive(&f, &p, ORDO_REL_PROSPECT, d), ORDO_REL_POTENTIAL_CLIENT);
    /* lost: back to prospect, never to suspect */
    f.open_opportunities = 0;
    CHECK_EQ(derive(&f, &p, ORDO_REL_POTENTIAL_CLIENT, d), ORDO_REL_PROSPECT);
    /* won: client, even before a contract */
    f.was_client = 1;
    f.last_client_date = d;
    CHECK_EQ(derive(&f, &p, ORDO_REL_POTENTIAL_CLIENT, d), ORDO_REL_CLIENT);
    f.active_contracts = 1;
    CHECK_EQ(derive(&f, &p, ORDO_REL_CLIENT, d + 1000), ORDO_REL_CLIENT);
    /* contract ended on d + 400: client for the 365 grace days, then lapsed */
    f.active_contracts = 0;
    f.last_client_date = d + 400;
    CHECK_EQ(derive(&f, &p, ORDO_REL_CLIENT, d + 400 + 364), ORDO_REL_CLIENT);
    CHECK_EQ(derive(&f, &p, ORDO_REL_CLIENT, d + 400 + 365), ORDO_REL_FORMER_CLIENT);
    CHECK_EQ(derive(&f, &p, ORDO_REL_FORMER_CLIENT, d + 400 + 900), ORDO_REL_FORMER_CLIENT);
    p.lapsed = ORDO_REL_PROSPECT;              /* configured: lapsed clients go back to prospect */
    CHECK_EQ(derive(&f, &p, ORDO_REL_CLIENT, d + 400 + 365), ORDO_REL_PROSPECT);
    p.grace_days = 30;
    p.lapsed = ORDO_REL_SUSPECT;
    CHECK_EQ(derive(&f, &p, ORDO_REL_CLIENT, d + 431), ORDO_REL_SUSPECT);
    /* a lapsed client with a new open opportunity is a potential client */
    f.open_opportunities = 1;
    CHECK_EQ(derive(&f, &p, ORDO_REL_PROSPECT, d + 431), ORDO_REL_POTENTIAL_CLIENT);
    CHECK_EQ(derive(&f, &p, ORDO_REL_FORMER_CLIENT, d + 431), ORDO_REL_POTENTIAL_CLIENT);
    /* a former client entered as such, with no record here, stays one; a lead makes them a prospect */
    ordo_rel_facts none = { 0 };
    CHECK_EQ(derive(&none, &p, ORDO_REL_FORMER_CLIENT, d), ORDO_REL_FORMER_CLIENT);
    none.open_leads = 1;
    CHECK_EQ(derive(&none, &p, ORDO_REL_FORMER_CLIENT, d), ORDO_REL_PROSPECT);
}

static void test_relationship__bad_policy(void)
{
    ordo_rel_policy p = { 10, ORDO_REL_CLIENT };
    ordo_rel_facts f = { 0 };
    ordo_relationship r = ORDO_REL_NONE;
    CHECK_EQ(ordo_relationship_derive(&f, &p, ORDO_REL_NONE, 1, &r, NULL), ORDO_EINVAL);
    p = (ordo_rel_policy){ 10, ORDO_REL_POTENTIAL_CLIENT };
    CHECK_EQ(ordo_relationship_derive(&f, &p, ORDO_REL_NONE, 1, &r, NULL), ORDO_EINVAL);
    p = (ordo_rel_policy){ -1, ORDO_REL_PROSPECT };
    CHECK_EQ(ordo_relationship_derive(&f, &p, ORDO_REL_NONE, 1, &r, NULL), ORDO_EINVAL);
    CHECK_EQ(r, ORDO_REL_NONE);
}

int main(void)
{
    RUN(test_relationship__life);
    RUN(test_relationship__bad_policy);
    return CHECK_DONE();
}
