/*
 * marketing.h — the marketing use cases of the application layer:
 * campaigns, their responses (and converting a response into a lead, a
 * case or an opportunity, the response keeping the link), marketing lists
 * (static, or dynamic: a typed filter evaluated when the list is used) and
 * the suppression list (contacts never contacted: left out of every list
 * evaluation). Same conventions as app/app.h: one function per use case
 * owning its transaction; a refused call changes nothing; the message is
 * in ordo_app_errmsg() and the request field at fault in
 * ordo_app_errfield(). Rules: model/campaign.h.
 *
 * Codes: ORDO_EINVAL (malformed value: bad date, word, number), ORDO_EINPUT
 * (bad record, unknown reference), ORDO_ENOTFOUND (the campaign, response
 * or list asked for), ORDO_EEXISTS, ORDO_ERULE (converted already,
 * not_interested response, cancelled campaign, member of a dynamic list,
 * already a member / suppressed), ORDO_EBUSY, ORDO_EIO, ORDO_ENOMEM.
 */
#ifndef ORDO_APP_MARKETING_H
#define ORDO_APP_MARKETING_H

#include "app/app.h"
#include "model/campaign.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Text as typed (NULL/"" = not given). start/end YYYY-MM-DD (required);
 * budget in cents (>= 0), expected responses (>= 0); status defaults to
 * planned. */
typedef struct ordo_app_campaign_req {
    const char *id, *name, *start, *end, *owner, *status;
    int64_t budget;
    int expected;
} ordo_app_campaign_req;

int ordo_app_campaign_add(ordo_app *a, const ordo_app_campaign_req *req);
int ordo_app_campaign_get(ordo_app *a, const char *id, ordo_campaign *out);    /* ordo_campaign_clear */
int ordo_app_campaign_list(ordo_app *a, int (*fn)(const ordo_campaign *c, void *payload), void *payload);
/* planned, active, completed or cancelled (any change; the record is re-checked). */
int ordo_app_campaign_set_status(ordo_app *a, const char *id, const char *status);

/* Who answered: exactly one of contact, account, lead. date YYYY-MM-DD
 * (default: today); outcome interested (default), more_info,
 * not_interested, unsubscribe. An unsubscribe from a contact also
 * suppresses that contact (reason "unsubscribed"), in the same transaction. */
typedef struct ordo_app_response_req {
    const char *campaign, *contact, *account, *lead, *channel, *date, *outcome;
    int64_t now;                  /* UTC seconds; 0 = the clock */
} ordo_app_response_req;
int ordo_app_response_add(ordo_app *a, const ordo_app_response_req *req, int64_t *out_id);
int ordo_app_response_get(ordo_app *a, int64_t id, ordo_response *out);        /* ordo_response_clear */
int ordo_app_response_list(ordo_app *a, const char *campaign, int (*fn)(const ordo_response *r, void *payload),
                           void *payload);

/* Conversions, each one transaction: the new record and the response's
 * link, or nothing. `id` names the new record (default "response-N-lead" /
 * "response-N-opp"); *out gets its id (a case: its number). */
typedef struct ordo_app_convert_req {
    int64_t response;
    const char *id;               /* lead / opportunity id */
    const char *title;            /* lead topic / case title / opportunity name; default: the campaign's name */
    int64_t value;                /* opportunity: cents */
    const char *close_date;       /* opportunity: YYYY-MM-DD, default 90 days after today */
    int64_t now;
} ordo_app_convert_req;
/* A lead from a contact's or account's response (its person or company,
 * parent contact/account, source = the campaign). */
int ordo_app_response_to_lead(ordo_app *a, const ordo_app_convert_req *req, char *out, size_t n);
/* A case for the contact or account that answered (priority normal, origin
 * from the channel when it is phone/email/web, else web). */
int ordo_app_response_to_case(ordo_app *a, const ordo_app_convert_req *req, char *out, size_t n);
/* An open opportunity for the contact or account that answered (lead
 * responses: ORDO_ERULE, qualify the lead instead); relationship types
 * refreshed. */
int ordo_app_response_to_opportunity(ordo_app *a, const ordo_app_convert_req *req, char *out, size_t n);

/* A list: kind static (default) or dynamic with its filter: relationship
 * (a type), role, account, city (the contact's, else its account's; case,
 * accents and punctuation ignored: model/crm.h ordo_city_same),
 * active_from / inactive_since (YYYY-MM-DD). */
typedef struct ordo_app_list_req {
    const char *id, *name, *kind, *relationship, *role, *account, *active_from, *inactive_since, *city;
} ordo_app_list_req;
int ordo_app_list_add(ordo_app *a, const ordo_app_list_req *req);
int ordo_app_list_get(ordo_app *a, const char *id, ordo_mlist *out);           /* ordo_mlist_clear */
int ordo_app_list_list(ordo_app *a, int (*fn)(const ordo_mlist *l, void *payload), void *payload);
/* add = 1: add contact to static list `list`; 0: remove it. */
int ordo_app_list_member(ordo_app *a, const char *list, const char *contact, int add);
/* The list evaluated now (a dynamic list's filter applied to every
 * contact), suppressed contacts left out: fn(contact) by id. */
int ordo_app_list_members(ordo_app *a, const char *id, int (*fn)(const char *contact, void *payload),
                          void *payload);

/* on = 1: never contact `contact` again (reason: a word, default
 * "requested"); 0: lift it. */
int ordo_app_suppress(ordo_app *a, const char *contact, int on, const char *reason, int64_t now);
int ordo_app_suppress_list(ordo_app *a, int (*fn)(const char *contact, const char *reason, int64_t at,
                                                  void *payload),
                           void *payload);

#ifdef __cplusplus
}
#endif
#endif
