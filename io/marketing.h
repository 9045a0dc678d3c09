/*
 * marketing.h — campaigns, campaign responses, marketing lists and the
 * suppression list in the store (model/campaign.h for the records and
 * rules).
 *
 * The tables are created the first time a write here needs them (with the
 * sales tables), under the write lock. Every write is one unit (BEGIN
 * IMMEDIATE, or a savepoint inside ordo_store_begin()) that reads what it
 * changes and applies the model's rule under the lock: a refused call
 * changes nothing. Errors: ORDO_ENOTFOUND, ORDO_EEXISTS, ORDO_EINPUT (bad
 * record or unknown reference), ORDO_ERULE, ORDO_EBUSY, ORDO_EIO,
 * ORDO_ENOMEM, the message in ordo_store_errmsg().
 *
 * A dynamic list is stored as its typed filter's columns and evaluated by
 * ordo_list_filter_match() over every contact's facts each time it is
 * used; a static list's members are rows. Suppressed contacts are left out
 * of every evaluation.
 */
#ifndef ORDO_MARKETING_H
#define ORDO_MARKETING_H

#include "io/service.h"
#include "model/campaign.h"
#include "model/queue.h"

#ifdef __cplusplus
extern "C" {
#endif

int ordo_store_campaign_put(ordo_store *s, const ordo_campaign *c, ordo_put_mode mode);
int ordo_store_campaign_get(ordo_store *s, const char *id, ordo_campaign *out);   /* out: ordo_campaign_clear */
int ordo_store_campaign_list(ordo_store *s, int (*fn)(const ordo_campaign *c, void *payload), void *payload);

/* A new response (*out_id set): its campaign must exist and take responses
 * (ORDO_ERULE when cancelled), who answered must exist (ORDO_EINPUT). */
int ordo_store_response_add(ordo_store *s, const ordo_response *r, int64_t *out_id);
int ordo_store_response_get(ordo_store *s, int64_t id, ordo_response *out);       /* out: ordo_response_clear */
/* Responses of `campaign` (NULL: all) by id. */
int ordo_store_response_list(ordo_store *s, const char *campaign, int (*fn)(const ordo_response *r, void *payload),
                             void *payload);
/* Records that response id became record `ref` of kind `to`, under
 * ordo_response_convert_check (ORDO_ERULE: converted already, ...). */
int ordo_store_response_convert(ordo_store *s, int64_t id, ordo_conversion to, const char *ref);

int ordo_store_mlist_put(ordo_store *s, const ordo_mlist *l, ordo_put_mode mode);
int ordo_store_mlist_get(ordo_store *s, const char *id, ordo_mlist *out);         /* out: ordo_mlist_clear */
int ordo_store_mlist_list(ordo_store *s, int (*fn)(const ordo_mlist *l, void *payload), void *payload);
/* Adds (add = 1) or removes a member of a static list: ORDO_ERULE for a
 * dynamic list, a member added twice or a non-member removed; ORDO_EINPUT
 * for an unknown contact. */
int ordo_store_mlist_member(ordo_store *s, const char *list, const char *contact, int add);
/* Evaluates list `id` now: fn(contact id) for each member, by id, never a
 * suppressed contact. */
int ordo_store_mlist_members(ordo_store *s, const char *id, int (*fn)(const char *contact, void *payload),
                             void *payload);

/* Every static-list member row (list, contact), by list then contact:
 * what a CSV export writes (suppressed contacts included). */
int ordo_store_mlist_member_list(ordo_store *s, int (*fn)(const char *list, const char *contact, void *payload),
                                 void *payload);

/* Suppresses (on = 1, with a reason word) or un-suppresses a contact:
 * ORDO_EINPUT unknown contact, ORDO_ERULE already / not suppressed. */
int ordo_store_suppress(ordo_store *s, const char *contact, int on, const char *reason, int64_t now);
/* fn(contact, reason, at UTC seconds) by contact. */
int ordo_store_suppress_list(ordo_store *s, int (*fn)(const char *contact, const char *reason, int64_t at,
                                                      void *payload),
                             void *payload);

/* ---- queue routing rules (model/queue.h) ---- */

/* Sets (or replaces, cursor reset) the rule of `queue`. ORDO_EINPUT. */
int ordo_store_queue_rule_set(ordo_store *s, const char *queue, ordo_route_rule rule, const char *agents,
                              const char *skill);
/* ORDO_ENOTFOUND when the queue has no rule. out: ordo_queue_rule_clear. */
int ordo_store_queue_rule_get(ordo_store *s, const char *queue, ordo_queue_rule *out);
int ordo_store_queue_rule_cursor(ordo_store *s, const char *queue, int cursor);
/* Every queue's rule, by queue id (the rule's strings live for the call). */
int ordo_store_queue_rule_list(ordo_store *s, int (*fn)(const char *queue, const ordo_queue_rule *rule,
                                                        void *payload),
                               void *payload);
/* Items `agent` holds now (any queue): least_busy's measure. */
int ordo_store_queue_held(ordo_store *s, const char *agent, int *out);

#ifdef __cplusplus
}
#endif
#endif
