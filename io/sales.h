/*
 * sales.h — leads and work queues in the store (the first part of the
 * sales layer; opportunities, campaigns and lists are not stored yet).
 *
 * The tables (leads, queue_items) are created in a store the first time a
 * write here needs them, under the write lock, so older files gain them
 * without a schema version change. Every write is one transaction (BEGIN
 * IMMEDIATE, or a savepoint inside ordo_store_begin()) that reads the
 * record, applies the rule of model/lead.h or model/queue.h and writes the
 * outcome: concurrent processes serialise, and a refused call changes
 * nothing. Errors as in io/service.h (ORDO_ENOTFOUND, ORDO_EEXISTS,
 * ORDO_EINPUT, ORDO_ERULE, ORDO_EBUSY, ORDO_EIO, ORDO_ENOMEM) with the
 * message in ordo_store_errmsg().
 *
 * Leads are stored with their normalised e-mail, phone and name block
 * (model/dedup.h, country code ORDO_SALES_COUNTRY), each indexed, so that
 * duplicate candidates are found without a scan.
 */
#ifndef ORDO_SALES_H
#define ORDO_SALES_H

#include "io/store.h"
#include "model/dedup.h"
#include "model/lead.h"
#include "model/opportunity.h"
#include "model/queue.h"
#include "model/relationship.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ORDO_SALES_COUNTRY "33"

/* Adds a new lead (ordo_lead_check; ORDO_EEXISTS if the id is taken), in
 * the status it has (open for a new lead; any valid state on CSV import). */
int ordo_store_lead_add(ordo_store *s, const ordo_lead *l);
/* Fills *out (owned by the caller: ordo_lead_clear). ORDO_ENOTFOUND. */
int ordo_store_lead_get(ordo_store *s, const char *id, ordo_lead *out);
/* Status changes under the rules of lead.h (ORDO_ERULE, nothing changed). */
int ordo_store_lead_disqualify(ordo_store *s, const char *id, ordo_lead_reason reason);
int ordo_store_lead_reactivate(ordo_store *s, const char *id);

/* Leads whose key scores >= threshold against l's (e-mail, phone or name
 * block candidates from the indexes), ranked; fn gets each lead id with
 * its candidate (index = rank). */
typedef int (*ordo_lead_match_fn)(const char *id, const ordo_dedup_candidate *c, void *payload);
int ordo_store_lead_duplicates(ordo_store *s, const ordo_lead *l, double threshold, ordo_lead_match_fn fn,
                               void *payload);

/* Contacts (with their account's name as company) scoring >= threshold
 * against p: candidates from the duplicate-search indexes (the normalised
 * e-mail and four name blocks, io/store/sqlite/dedup_sql.h), never a scan;
 * ranked. */
int ordo_store_contact_duplicates(ordo_store *s, const ordo_dedup_person *p, double threshold,
                                  ordo_lead_match_fn fn, void *payload);
/* Accounts whose name, normalised (legal forms dropped: "Acme Ltd" = "ACME
 * Limited" = "Acme", score 1), scores >= threshold (Jaro-Winkler) against
 * `name`; candidates from the indexes on the name's first letters; ranked. */
int ordo_store_account_duplicates(ordo_store *s, const char *name, double threshold, ordo_lead_match_fn fn,
                                  void *payload);
/* The query plans (SQLite's EXPLAIN QUERY PLAN details, one per line) of
 * the contact and account candidate queries, into out (truncated to n). */
int ordo_store_dedup_plan(ordo_store *s, char *out, size_t n);
/* Marks an open lead qualified with the records it produced (ORDO_ERULE otherwise). */
int ordo_store_lead_set_qualified(ordo_store *s, const char *id, const char *account, const char *contact,
                                  const char *opportunity);
/* Every lead by id (each borrowed for the call). */
int ordo_store_lead_list(ordo_store *s, int (*fn)(const ordo_lead *l, void *payload), void *payload);

/* Opportunities. add: a new opportunity (its customer must exist; open,
 * or any valid state on CSV import) and its first history row at `now`
 * (UTC seconds). */
int ordo_store_opportunity_add(ordo_store *s, const ordo_opportunity *o, int64_t now);
int ordo_store_opportunity_get(ordo_store *s, const char *id, ordo_opportunity *out);
/* Every opportunity by id (each borrowed for the call). */
int ordo_store_opportunity_list(ordo_store *s, int (*fn)(const ordo_opportunity *o, void *payload), void *payload);
typedef enum ordo_opp_change { ORDO_OPP_MOVE = 0, ORDO_OPP_WIN, ORDO_OPP_LOSE } ordo_opp_change;
/* Moves (to), wins or loses (reason, when) under opportunity.h's rules,
 * with a history row; *out (may be NULL) = the record after the change
 * (owned by the caller). ORDO_ERULE / ORDO_EINVAL change nothing. */
int ordo_store_opportunity_change(ordo_store *s, const char *id, ordo_opp_change op, ordo_stage to,
                                  const char *reason, ordo_date when, int64_t now, ordo_opportunity *out);
/* Records the contract and course a won opportunity produced. */
int ordo_store_opportunity_set_links(ordo_store *s, const char *id, const char *contract, const char *course);
/* History rows (from, to, status, at) — also used for relationship changes
 * (from, to, why, at). */
typedef int (*ordo_history_fn)(const char *a, const char *b, const char *c, int64_t at, void *payload);
int ordo_store_opportunity_history(ordo_store *s, const char *id, ordo_history_fn fn, void *payload);
/* The pipeline report over every opportunity (*out: ordo_pipeline_clear). */
int ordo_store_pipeline(ordo_store *s, ordo_pipeline_report *out);

/* Re-derives the relationship type of account or contact `party` from its
 * leads, opportunities and contracts (a contact's include its account's)
 * on `today` (relationship.h) and, when
 * it changes, writes it with a change row (from, to, now, why). *out (may
 * be NULL) = the type now. */
int ordo_store_relationship_refresh(ordo_store *s, const char *party, const ordo_rel_policy *policy,
                                    ordo_date today, int64_t now, ordo_relationship *out);
/* A party's recorded changes: fn(from, to, why, at). */
int ordo_store_relationship_changes(ordo_store *s, const char *party, ordo_history_fn fn, void *payload);

/* Queue items. add: a new waiting item (*out_id set). */
int ordo_store_queue_add(ordo_store *s, const char *queue, ordo_item_kind kind, const char *ref, int64_t *out_id);
/* Takes the oldest waiting item of `queue` for `agent` in one transaction:
 * *out_id = its id, or 0 when the queue is empty. Never gives one item to
 * two agents, whatever the number of processes. */
int ordo_store_queue_pick_next(ordo_store *s, const char *queue, const char *agent, int64_t *out_id);
/* Takes item `id` for `agent`: ORDO_ERULE when another agent holds it. */
int ordo_store_queue_pick(ordo_store *s, int64_t id, const char *agent);
/* Puts item `id` back in its queue: only its holder may (ORDO_ERULE). */
int ordo_store_queue_release(ordo_store *s, int64_t id, const char *agent);
/* Moves item `id` to queue `to`, waiting (releasing any holder). */
int ordo_store_queue_route(ordo_store *s, int64_t id, const char *to);
/* Item id's queue and holder ("" when waiting) into caller buffers. */
int ordo_store_queue_get(ordo_store *s, int64_t id, char *queue, size_t nq, char *holder, size_t nh);

#ifdef __cplusplus
}
#endif
#endif
