/*
 * test_lead.c — lead records and their status machine (model/lead.h):
 * every transition allowed or refused with its message, a refusal leaving
 * the lead unchanged, and the record checks.
 */
#include "check.h"
#include "model/lead.h"

static ordo_lead base(void)
{
    ordo_lead l = { 0 };
    l.id = "L1";
    l.topic = "Excel training for 12";
    l.first_name = "Ana";
    l.last_name = "Lopez";
    l.company = "Acme";
    l.email = "ana@acme.example";
    l.channel = "web";
    l.rating = ORDO_LEAD_WARM;
    l.score = 40;
    return l;
}

static void test_lead__check(void)
{
    ordo_err err = { 0 };
    ordo_lead l = base();
    CHECK_EQ(ordo_lead_check(&l, &err), ORDO_OK);
    l.campaign = "C1";
    CHECK_EQ(ordo_lead_check(&l, &err), ORDO_EINPUT);
    CHECK_STR(err.msg, "lead L1: source must be one campaign or one channel");
    CHECK_STR(err.field, "campaign");    /* the column an importer or the API points at */
    l.channel = NULL;
    CHECK_EQ(ordo_lead_check(&l, &err), ORDO_OK);
    l = base();
    l.channel = "fax";
    CHECK_EQ(ordo_lead_check(&l, &err), ORDO_EINPUT);
    CHECK_CONTAINS(err.msg, "channel must be web");
    CHECK_STR(err.field, "channel");
    l = base();
    l.score = 101;
    CHECK_EQ(ordo_lead_check(&l, &err), ORDO_EINPUT);
    CHECK_STR(err.msg, "lead L1: score must be 0..100");
    l = base();
    l.first_name = l.last_name = l.company = NULL;
    CHECK_EQ(ordo_lead_check(&l, &err), ORDO_EINPUT);
    CHECK_CONTAINS(err.msg, "name needs");
    CHECK_STR(err.field, "first_name");
    l = base();
    l.email = "ana.acme";
    CHECK_EQ(ordo_lead_check(&l, &err), ORDO_EINPUT);
    CHECK_STR(err.field, "email");
    l = base();                          /* a phone a contact would refuse (qualify copies it) */
    l.phone = "+33 1 23 45 67 89 (standard, ask for ext 1234)";
    CHECK_EQ(ordo_lead_check(&l, &err), ORDO_EINPUT);
    CHECK_STR(err.msg, "lead L1: phone is longer than 40 bytes");
    CHECK_STR(err.field, "phone");
    CHECK_EQ(ordo__seterr(&err, ORDO_EINPUT, "x"), ORDO_EINPUT);   /* a message without a field clears it */
    CHECK_STR(err.field, "");
    l.phone = "+33 1 23\n45";
    CHECK_EQ(ordo_lead_check(&l, &err), ORDO_EINPUT);
    CHECK_CONTAINS(err.msg, "phone must be one line");
    l.phone = "+33 1 23 45 67 89 ext. 1234";
    CHECK_EQ(ordo_lead_check(&l, &err), ORDO_OK);
    l = base();
    l.status = ORDO_LEAD_DISQUALIFIED;   /* without a reason */
    CHECK_EQ(ordo_lead_check(&l, &err), ORDO_EINPUT);
    CHECK_CONTAINS(err.msg, "reason");
    l = base();
    l.account = "A1";                    /* produced links before qualifying */
    CHECK_EQ(ordo_lead_check(&l, &err), ORDO_EINPUT);
}

static void test_lead__transitions(void)
{
    ordo_err err = { 0 };
    ordo_lead l = base();
    CHECK_EQ(ordo_lead_qualify_check(&l, &err), ORDO_OK);
    CHECK_EQ(ordo_lead_reactivate(&l, &err), ORDO_ERULE);
    CHECK_STR(err.msg, "lead L1 is open: only a disqualified lead can be reactivated");
    CHECK_EQ(ordo_lead_disqualify(&l, ORDO_LEAD_REASON_NONE, &err), ORDO_EINVAL);
    CHECK_EQ(l.status, ORDO_LEAD_OPEN);
    CHECK_EQ(ordo_lead_disqualify(&l, ORDO_LEAD_NO_BUDGET, &err), ORDO_OK);
    CHECK_EQ(l.status, ORDO_LEAD_DISQUALIFIED);
    CHECK_EQ(l.reason, ORDO_LEAD_NO_BUDGET);
    CHECK_EQ(ordo_lead_check(&l, &err), ORDO_OK);
    /* qualify a disqualified lead: refused, unchanged */
    CHECK_EQ(ordo_lead_qualify_check(&l, &err), ORDO_ERULE);
    CHECK_STR(err.msg, "lead L1 is disqualified: reactivate it before qualifying it");
    CHECK_EQ(ordo_lead_disqualify(&l, ORDO_LEAD_TIMING, &err), ORDO_ERULE);
    CHECK_EQ(l.reason, ORDO_LEAD_NO_BUDGET);
    CHECK_EQ(ordo_lead_reactivate(&l, &err), ORDO_OK);
    CHECK_EQ(l.status, ORDO_LEAD_OPEN);
    CHECK_EQ(l.reason, ORDO_LEAD_REASON_NONE);
    l.status = ORDO_LEAD_QUALIFIED;
    CHECK_EQ(ordo_lead_qualify_check(&l, &err), ORDO_ERULE);
    CHECK_CONTAINS(err.msg, "already qualified");
    CHECK_EQ(ordo_lead_disqualify(&l, ORDO_LEAD_OTHER, &err), ORDO_ERULE);
    CHECK_EQ(l.status, ORDO_LEAD_QUALIFIED);
}

static void test_lead__names(void)
{
    for (int i = 0; i < ORDO_LEAD_STATUS_COUNT; i++)
        CHECK_EQ(ordo_lead_status_parse(ordo_lead_status_name((ordo_lead_status)i)), i);
    for (int i = 1; i < ORDO_LEAD_REASON_COUNT; i++)
        CHECK_EQ(ordo_lead_reason_parse(ordo_lead_reason_name((ordo_lead_reason)i)), i);
    for (int i = 0; i < ORDO_LEAD_RATING_COUNT; i++)
        CHECK_EQ(ordo_lead_rating_parse(ordo_lead_rating_name((ordo_lead_rating)i)), i);
    CHECK_EQ(ordo_lead_reason_parse(""), -1);
    CHECK_EQ(ordo_lead_reason_parse("bored"), -1);
    CHECK_STR(ordo_lead_reason_name(ORDO_LEAD_NOT_TARGET), "not_target");
}

int main(void)
{
    RUN(test_lead__check);
    RUN(test_lead__transitions);
    RUN(test_lead__names);
    return CHECK_DONE();
}
