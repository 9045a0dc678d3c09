/*
 * campaign.h — marketing: campaigns, the responses they get, and marketing
 * lists.
 *
 * A campaign has a name, dates (start <= end), a budget (cents), an
 * expected number of responses, an owner and a status (planned, active,
 * completed, cancelled). A response records who answered (a contact, an
 * account or an existing lead: exactly one), on which channel word, on
 * which date and with which outcome (interested, more_info,
 * not_interested, unsubscribe). A response converts ONCE into a lead, a
 * case or an opportunity and keeps the link; a not_interested or
 * unsubscribe response converts into nothing, and a cancelled campaign
 * takes no responses.
 *
 * A marketing list is static (members added and removed by hand) or
 * dynamic: a typed filter (ordo_list_filter, stored as columns, never as
 * query text) evaluated on contacts each time the list is used. Either
 * way, suppressed contacts are never members of an evaluation.
 *
 * Ownership: records own their strings (ordo__malloc); *_clear frees them.
 * Checks never change the record.
 */
#ifndef ORDO_CAMPAIGN_H
#define ORDO_CAMPAIGN_H

#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ordo_campaign_status {
    ORDO_CAMPAIGN_PLANNED = 0, ORDO_CAMPAIGN_ACTIVE, ORDO_CAMPAIGN_COMPLETED, ORDO_CAMPAIGN_CANCELLED
} ordo_campaign_status;
#define ORDO_CAMPAIGN_STATUS_COUNT 4
const char *ordo_campaign_status_name(ordo_campaign_status s);   /* "planned", "active", ... */
int ordo_campaign_status_parse(const char *s);                  /* -1 if unknown */

typedef struct ordo_campaign {
    char *id, *name;
    ordo_date start, end;         /* inclusive */
    int64_t budget;               /* cents, >= 0 */
    int expected;                 /* expected responses, >= 0 */
    char *owner;                  /* may be NULL */
    ordo_campaign_status status;
} ordo_campaign;
void ordo_campaign_clear(ordo_campaign *c);
/* id valid, name given, start <= end, budget and expected >= 0: ORDO_OK or
 * ORDO_EINPUT "campaign ID: FIELD ..." in err. */
int ordo_campaign_check(const ordo_campaign *c, ordo_err *err);

typedef enum ordo_response_outcome {
    ORDO_RESPONSE_INTERESTED = 0, ORDO_RESPONSE_MORE_INFO, ORDO_RESPONSE_NOT_INTERESTED, ORDO_RESPONSE_UNSUBSCRIBE
} ordo_response_outcome;
#define ORDO_RESPONSE_OUTCOME_COUNT 4
const char *ordo_response_outcome_name(ordo_response_outcome o);
int ordo_response_outcome_parse(const char *s);

typedef enum ordo_conversion {
    ORDO_CONVERSION_NONE = 0, ORDO_CONVERSION_LEAD, ORDO_CONVERSION_CASE, ORDO_CONVERSION_OPPORTUNITY
} ordo_conversion;
#define ORDO_CONVERSION_COUNT 4
const char *ordo_conversion_name(ordo_conversion c);   /* "", "lead", "case", "opportunity" */
int ordo_conversion_parse(const char *s);              /* -1 for unknown or "" */

typedef struct ordo_response {
    int64_t id;                   /* given by the store */
    char *campaign;
    char *contact, *account, *lead;   /* who answered: exactly one */
    char *channel;                /* a word of a-z, 0-9, '_' */
    ordo_date date;
    ordo_response_outcome outcome;
    ordo_conversion converted;    /* NONE until converted */
    char *converted_to;           /* the lead/opportunity id or the case number */
} ordo_response;
void ordo_response_clear(ordo_response *r);
/* ORDO_OK or ORDO_EINPUT naming the field. */
int ordo_response_check(const ordo_response *r, ordo_err *err);
/* May r be converted into `to`? ORDO_ERULE "response N was already
 * converted into lead X" / "... is not_interested: nothing to convert". */
int ordo_response_convert_check(const ordo_response *r, ordo_conversion to, ordo_err *err);
/* May campaign c take a response? ORDO_ERULE when it is cancelled. */
int ordo_campaign_respond_check(const ordo_campaign *c, ordo_err *err);

/* 1 if s is a non-empty word of a-z, 0-9 and '_' (channels, reasons). */
int ordo_marketing_word_ok(const char *s);

/* ---- marketing lists ------------------------------------------------------------- */

typedef enum ordo_list_kind { ORDO_LIST_STATIC = 0, ORDO_LIST_DYNAMIC } ordo_list_kind;
const char *ordo_list_kind_name(ordo_list_kind k);     /* "static", "dynamic" */
int ordo_list_kind_parse(const char *s);

/* A dynamic list's query; every given part must hold (NULL / NONE / 0 = any). */
typedef struct ordo_list_filter {
    ordo_relationship relationship;   /* the contact's, or its account's */
    char *role;                       /* one of the contact's or its account's roles */
    char *account;                    /* the contact's account */
    char *city;                       /* the contact's city, else its account's (ordo_city_same) */
    ordo_date active_from;            /* last activity on or after this day */
    ordo_date inactive_since;         /* no activity on or after this day (or none ever) */
} ordo_list_filter;

typedef struct ordo_mlist {
    char *id, *name;
    ordo_list_kind kind;
    ordo_list_filter filter;      /* dynamic lists only (all "any" for static ones) */
} ordo_mlist;
void ordo_mlist_clear(ordo_mlist *l);
/* id valid, name given; a static list has no filter; a dynamic one at
 * least one part, and active_from < inactive_since when both are given. */
int ordo_mlist_check(const ordo_mlist *l, ordo_err *err);

/* What the filter looks at for one contact. last_activity: the latest day
 * of a case opened, an opportunity changed or a campaign response for the
 * contact or its account (0 = none). Strings and lists borrowed. */
typedef struct ordo_list_candidate {
    const char *contact, *account;
    ordo_relationship relationship, account_relationship;
    const ordo_strlist *roles, *account_roles;   /* may be NULL */
    ordo_date last_activity;
    const char *city, *account_city;             /* may be NULL */
} ordo_list_candidate;
/* 1 if the candidate matches every given part of f, else 0. */
int ordo_list_filter_match(const ordo_list_filter *f, const ordo_list_candidate *c);

#ifdef __cplusplus
}
#endif
#endif
