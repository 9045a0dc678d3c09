/*
 * test_campaign.c — marketing rules (model/campaign.h): record checks
 * naming the field, a response converted once and only when it shows
 * interest, a cancelled campaign refusing responses, and the dynamic-list
 * filter part by part (relationship and role from the contact or its
 * account, account, last-activity window).
 */
#include "check.h"
#include "model/campaign.h"
#include "model/crm.h"

static void test_campaign__checks(void)
{
    ordo_err err = { 0 };
    ordo_campaign c = { "spring", "Spring", ordo_date_from_ymd(2026, 9, 1), ordo_date_from_ymd(2026, 10, 31), 1000,
                        40, NULL, ORDO_CAMPAIGN_ACTIVE };
    CHECK_EQ(ordo_campaign_check(&c, &err), ORDO_OK);
    c.end = c.start - 1;
    CHECK_EQ(ordo_campaign_check(&c, &err), ORDO_EINPUT);
    CHECK_STR(err.msg, "campaign spring: end must be on or after start");
    c.end = c.start;
    c.budget = -1;
    CHECK_EQ(ordo_campaign_check(&c, &err), ORDO_EINPUT);
    CHECK_STR(err.msg, "campaign spring: budget must be >= 0");
    c.budget = 0;
    CHECK_EQ(ordo_campaign_respond_check(&c, &err), ORDO_OK);
    c.status = ORDO_CAMPAIGN_CANCELLED;
    CHECK_EQ(ordo_campaign_respond_check(&c, &err), ORDO_ERULE);
    CHECK_STR(err.msg, "campaign spring is cancelled: it takes no responses");
    CHECK_EQ(ordo_campaign_status_parse("completed"), ORDO_CAMPAIGN_COMPLETED);
    CHECK_EQ(ordo_campaign_status_parse("done"), -1);
}

static void test_campaign__responses(void)
{
    ordo_err err = { 0 };
    ordo_response r = { 7, "spring", "ana", NULL, NULL, "email", ordo_date_from_ymd(2026, 9, 3),
                        ORDO_RESPONSE_INTERESTED, ORDO_CONVERSION_NONE, NULL };
    CHECK_EQ(ordo_response_check(&r, &err), ORDO_OK);
    r.account = "acme";
    CHECK_EQ(ordo_response_check(&r, &err), ORDO_EINPUT);
    CHECK_STR(err.msg, "response to spring: give exactly one of contact, account or lead");
    r.account = NULL;
    r.channel = "E-mail";
    CHECK_EQ(ordo_response_check(&r, &err), ORDO_EINPUT);
    r.channel = "email";
    /* converts once */
    CHECK_EQ(ordo_response_convert_check(&r, ORDO_CONVERSION_CASE, &err), ORDO_OK);
    r.converted = ORDO_CONVERSION_LEAD;
    r.converted_to = "L9";
    CHECK_EQ(ordo_response_check(&r, &err), ORDO_OK);
    CHECK_EQ(ordo_response_convert_check(&r, ORDO_CONVERSION_CASE, &err), ORDO_ERULE);
    CHECK_STR(err.msg, "response 7 was already converted into lead L9");
    r.converted_to = NULL;                  /* a conversion without its record */
    CHECK_EQ(ordo_response_check(&r, &err), ORDO_EINPUT);
    r.converted = ORDO_CONVERSION_NONE;
    /* no interest, nothing to convert */
    r.outcome = ORDO_RESPONSE_UNSUBSCRIBE;
    CHECK_EQ(ordo_response_convert_check(&r, ORDO_CONVERSION_OPPORTUNITY, &err), ORDO_ERULE);
    CHECK_STR(err.msg, "response 7 is unsubscribe: nothing to convert");
    r.outcome = ORDO_RESPONSE_MORE_INFO;
    r.contact = NULL;
    r.lead = "L1";                          /* a lead's response is no new lead */
    CHECK_EQ(ordo_response_convert_check(&r, ORDO_CONVERSION_LEAD, &err), ORDO_ERULE);
    CHECK_EQ(ordo_response_convert_check(&r, ORDO_CONVERSION_NONE, &err), ORDO_EINVAL);
    CHECK_EQ(ordo_conversion_parse(""), -1);
    CHECK_EQ(ordo_conversion_parse("opportunity"), ORDO_CONVERSION_OPPORTUNITY);
}

static void test_campaign__lists(void)
{
    ordo_err err = { 0 };
    ordo_mlist l = { "vip", "VIP", ORDO_LIST_STATIC, { 0 } };
    CHECK_EQ(ordo_mlist_check(&l, &err), ORDO_OK);
    l.filter.role = "partner";
    CHECK_EQ(ordo_mlist_check(&l, &err), ORDO_EINPUT);
    CHECK_STR(err.msg, "list vip: a static list has members, not a filter");
    l.kind = ORDO_LIST_DYNAMIC;
    CHECK_EQ(ordo_mlist_check(&l, &err), ORDO_OK);
    l.filter.role = NULL;
    CHECK_EQ(ordo_mlist_check(&l, &err), ORDO_EINPUT);   /* dynamic without a filter */
    l.filter.active_from = ordo_date_from_ymd(2026, 9, 1);
    l.filter.inactive_since = l.filter.active_from;
    CHECK_EQ(ordo_mlist_check(&l, &err), ORDO_EINPUT);
    CHECK_STR(err.msg, "list vip: active_from must be before inactive_since");
    l.filter.active_from = l.filter.inactive_since = 0;
    l.filter.city = "Paris";                             /* a city alone is a filter */
    CHECK_EQ(ordo_mlist_check(&l, &err), ORDO_OK);
    l.filter.city = " -- ";
    CHECK_EQ(ordo_mlist_check(&l, &err), ORDO_EINPUT);
    CHECK_STR(err.msg, "list vip: city ' -- ' has no letter or digit to match");
    l.filter.city = "Lyon\nParis";
    CHECK_EQ(ordo_mlist_check(&l, &err), ORDO_EINPUT);
    CHECK_STR(err.msg, "list vip: city must be one line without control characters");
}

static void test_campaign__filter(void)
{
    ordo_strlist partner = { 0 }, none = { 0 };
    CHECK_EQ(ordo_strlist_parse(&partner, "supplier;partner"), ORDO_OK);
    ordo_date d = ordo_date_from_ymd(2026, 9, 15);
    ordo_list_candidate c = { "ana", "acme", ORDO_REL_PROSPECT, ORDO_REL_CLIENT, &none, &partner, d, NULL, NULL };
    ordo_list_filter f = { 0 };
    CHECK_EQ(ordo_list_filter_match(&f, &c), 1);               /* no part: everyone */
    f.relationship = ORDO_REL_CLIENT;                           /* the account's type counts */
    CHECK_EQ(ordo_list_filter_match(&f, &c), 1);
    f.relationship = ORDO_REL_FORMER_CLIENT;
    CHECK_EQ(ordo_list_filter_match(&f, &c), 0);
    f.relationship = ORDO_REL_PROSPECT;                         /* and the contact's own */
    CHECK_EQ(ordo_list_filter_match(&f, &c), 1);
    f.role = "partner";                                         /* the account's role */
    CHECK_EQ(ordo_list_filter_match(&f, &c), 1);
    f.role = "competitor";
    CHECK_EQ(ordo_list_filter_match(&f, &c), 0);
    f.role = NULL;
    f.account = "globex";
    CHECK_EQ(ordo_list_filter_match(&f, &c), 0);
    f.account = "acme";
    CHECK_EQ(ordo_list_filter_match(&f, &c), 1);
    f.active_from = d;                                          /* active on the day: in */
    CHECK_EQ(ordo_list_filter_match(&f, &c), 1);
    f.active_from = d + 1;
    CHECK_EQ(ordo_list_filter_match(&f, &c), 0);
    f.active_from = 0;
    f.inactive_since = d;                                       /* active on that day: not inactive */
    CHECK_EQ(ordo_list_filter_match(&f, &c), 0);
    f.inactive_since = d + 1;
    CHECK_EQ(ordo_list_filter_match(&f, &c), 1);
    c.last_activity = 0;                                        /* never active: inactive */
    CHECK_EQ(ordo_list_filter_match(&f, &c), 1);
    c.account = NULL;                                           /* no account: its parts cannot match */
    f.account = NULL;
    f.inactive_since = 0;
    f.relationship = ORDO_REL_CLIENT;
    CHECK_EQ(ordo_list_filter_match(&f, &c), 0);
    ordo_strlist_clear(&partner);
}

static void test_campaign__filter_city(void)
{
    ordo_list_candidate c = { "ana", "acme", ORDO_REL_NONE, ORDO_REL_NONE, NULL, NULL, 0, NULL, "Saint-Étienne" };
    ordo_list_filter f = { 0 };
    f.city = "saint etienne";                           /* the account's city, case, accent and '-' folded */
    CHECK_EQ(ordo_list_filter_match(&f, &c), 1);
    f.city = "  SAINT-ETIENNE ";
    CHECK_EQ(ordo_list_filter_match(&f, &c), 1);
    f.city = "Saint";                                   /* a whole city, not a prefix */
    CHECK_EQ(ordo_list_filter_match(&f, &c), 0);
    c.city = "Lyon";                                    /* the contact's own city wins over its account's */
    f.city = "Saint-Étienne";
    CHECK_EQ(ordo_list_filter_match(&f, &c), 0);
    f.city = "lyon";
    CHECK_EQ(ordo_list_filter_match(&f, &c), 1);
    c.city = "";                                        /* empty: the account's again */
    CHECK_EQ(ordo_list_filter_match(&f, &c), 0);
    c.account_city = NULL;                              /* no city anywhere: never matches */
    CHECK_EQ(ordo_list_filter_match(&f, &c), 0);
    CHECK_EQ(ordo_city_same("Zürich", "ZURICH"), 1);
    CHECK_EQ(ordo_city_same("Zürich", "ZÜRICH"), 1);
    CHECK_EQ(ordo_city_same("", ""), 0);                /* nothing equals nothing */
    char key[ORDO_CITY_MAX + 1];
    ordo_city_key(key, "  New   York, NY ");
    CHECK_STR(key, "new york ny");
}

int main(void)
{
    RUN(test_campaign__checks);
    RUN(test_campaign__responses);
    RUN(test_campaign__lists);
    RUN(test_campaign__filter);
    RUN(test_campaign__filter_city);
    return CHECK_DONE();
}
