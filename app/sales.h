/*
 * sales.h — the sales use cases of the application layer: leads (add,
 * qualify, disqualify, reactivate), opportunities (move, win, lose, the
 * pipeline report), relationship types, and work queues. Same conventions
 * as app/app.h: one function per use case owning its transaction; a
 * refused or failed call changes nothing; the message is in
 * ordo_app_errmsg() and the request field at fault in ordo_app_errfield().
 *
 * Codes: ORDO_EINVAL (malformed value), ORDO_EINPUT (unknown reference or
 * bad record), ORDO_ENOTFOUND (the lead/opportunity/item asked for),
 * ORDO_EEXISTS (id taken), ORDO_ERULE (refused by a rule: qualify a
 * disqualified lead, win a lost opportunity, pick an item another agent
 * holds, possible duplicates not resolved), ORDO_EBUSY, ORDO_EIO, ORDO_ENOMEM.
 */
#ifndef ORDO_APP_SALES_H
#define ORDO_APP_SALES_H

#include "app/app.h"
#include "model/lead.h"
#include "model/opportunity.h"
#include "model/queue.h"
#include "model/relationship.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- leads ----------------------------------------------------------------------------- */

/* A new lead as typed (strings borrowed; NULL/"" = not given). rating
 * defaults to "warm"; exactly one of campaign/channel. */
typedef struct ordo_app_lead_req {
    const char *id, *topic, *first_name, *last_name, *company, *email, *phone;
    const char *parent_contact, *parent_account, *campaign, *channel, *rating, *owner;
    int score;
} ordo_app_lead_req;

int ordo_app_lead_add(ordo_app *a, const ordo_app_lead_req *req);
/* *out owned by the caller (ordo_lead_clear). */
int ordo_app_lead_get(ordo_app *a, const char *id, ordo_lead *out);
int ordo_app_lead_list(ordo_app *a, int (*fn)(const ordo_lead *l, void *payload), void *payload);
/* reason: no_budget, not_target, no_interest, timing, duplicate, other. */
int ordo_app_lead_disqualify(ordo_app *a, const char *id, const char *reason);
int ordo_app_lead_reactivate(ordo_app *a, const char *id);

typedef struct ordo_app_candidate {
    char id[64];
    double score;
    char why[24];                 /* "email+phone+name" */
    char kind[8];                 /* "contact" or "account" */
} ordo_app_candidate;

/* Qualify: the contact is `contact` (an existing one the user picked), else
 * the lead's parent contact, else a new contact "<lead>-contact" — but only
 * when no existing contact looks like the lead, or `create_new` overrides;
 * otherwise ORDO_ERULE (field "contact") with the ranked candidates in the
 * result. The account likewise: `account`, the parent account, the picked
 * contact's account, else an account of the same normalised name ("Acme
 * Ltd" = "ACME Limited" = "Acme"), else a new "<lead>-account" named after
 * the company (when the lead has one) — but only when no account has a
 * similar name, or `create_new` overrides; otherwise ORDO_ERULE (field
 * "account") with those candidates (kind "account"; they are also listed
 * beside the contact candidates when the contact is refused). Candidates
 * come from the store's indexes, never a scan (io/sales.h). Then an open
 * opportunity (`opportunity` id, default
 * "<lead>-opp"; value in cents, close date YYYY-MM-DD, default 90 days
 * after today; minutes and service sold), the lead marked qualified with
 * its links, and the relationship types refreshed. */
typedef struct ordo_app_qualify_req {
    const char *lead;
    const char *contact, *account;
    int create_new;
    const char *opportunity;
    int64_t value;
    const char *close_date;
    int minutes;
    const char *service;
    int64_t now;                  /* UTC seconds; 0 = system clock */
} ordo_app_qualify_req;

typedef struct ordo_app_qualify_result {
    char account[64], contact[64], opportunity[64];
    int created_account, created_contact;
    ordo_app_candidate candidates[16];   /* up to 8 contacts, then up to 8 accounts */
    int ncandidates;
} ordo_app_qualify_result;

int ordo_app_lead_qualify(ordo_app *a, const ordo_app_qualify_req *req, ordo_app_qualify_result *out);

/* ---- opportunities ------------------------------------------------------------------------ */

int ordo_app_opportunity_get(ordo_app *a, const char *id, ordo_opportunity *out);
/* Every opportunity (open, won and lost) in id order; fn's opportunity is
 * borrowed for the call; a non-zero return from fn stops the walk and is
 * returned. */
int ordo_app_opportunity_list(ordo_app *a, int (*fn)(const ordo_opportunity *o, void *payload), void *payload);
/* The stage history: fn(from stage or NULL, to stage, status, at UTC seconds). */
int ordo_app_opportunity_history(ordo_app *a, const char *id,
                                 int (*fn)(const char *from, const char *to, const char *status, int64_t at,
                                           void *payload),
                                 void *payload);
int ordo_app_opportunity_move(ordo_app *a, const char *id, const char *stage, int64_t now);
int ordo_app_opportunity_lose(ordo_app *a, const char *id, const char *reason, const char *date, int64_t now);

/* Win: the opportunity is won (date YYYY-MM-DD, default today); when it
 * sold minutes, a contract "<opp>-contract" (ACTIVE, from the win date for
 * `months` months, default 12) holds them as its hour bank; when it also
 * names a service, a course "<opp>-course" of `sessions` sessions (default:
 * the minutes / the service's duration) for `participants` (default 1) is
 * created on it, ready for `ordo schedule`. The customer becomes a client. */
typedef struct ordo_app_win_req {
    const char *id, *reason, *date;
    int months, sessions, participants;
    int64_t now;
} ordo_app_win_req;
typedef struct ordo_app_win_result {
    char contract[80], course[80];
} ordo_app_win_result;
int ordo_app_opportunity_win(ordo_app *a, const ordo_app_win_req *req, ordo_app_win_result *out);

/* The pipeline report (*out: ordo_pipeline_clear). */
int ordo_app_pipeline(ordo_app *a, ordo_pipeline_report *out);

/* ---- relationship types (model/relationship.h) ---------------------------------------------- */

/* The policy kept in the store (meta keys "relationship.grace_days" and
 * "relationship.lapsed"; ORDO_REL_POLICY_INIT when not set): every refresh
 * (qualify, win, lose, move, `ordo relationship refresh`) uses it. */
int ordo_app_relationship_policy_get(ordo_app *a, ordo_rel_policy *out);
/* grace_days (text, whole days >= 0) and lapsed ("former_client",
 * "prospect" or "suspect"); NULL keeps that part. ORDO_EINVAL naming the
 * field ("grace_days", "lapsed"). */
int ordo_app_relationship_policy_set(ordo_app *a, const char *grace_days, const char *lapsed);

typedef struct ordo_app_rel_change {
    char party[64];
    ordo_relationship from, to;
} ordo_app_rel_change;
typedef struct ordo_app_rel_changes {
    ordo_app_rel_change *v;
    size_t n, cap;
    size_t checked;               /* parties re-derived */
} ordo_app_rel_changes;
void ordo_app_rel_changes_clear(ordo_app_rel_changes *c);

/* Re-derives the relationship type of `party` (an account or contact id),
 * or of every account and contact when party is NULL/"", on the day of
 * `now` (UTC seconds; 0 = the clock), in ONE write transaction: clients
 * whose last contract or win is older than the grace period become the
 * policy's lapsed type (former_client by default), etc. Each change is
 * written with its record (from, to, when, why; ordo_app_relationship_changes)
 * and listed in *out (owned by the caller: ordo_app_rel_changes_clear).
 * Meant to run as a nightly job; the sales use cases refresh the parties
 * they touch themselves. */
int ordo_app_relationship_refresh(ordo_app *a, const char *party, int64_t now, ordo_app_rel_changes *out);
/* A party's recorded changes, oldest first: fn(from, to, why, at UTC seconds). */
int ordo_app_relationship_changes(ordo_app *a, const char *party,
                                  int (*fn)(const char *from, const char *to, const char *why, int64_t at,
                                            void *payload),
                                  void *payload);

/* ---- queues --------------------------------------------------------------------------------- */

int ordo_app_queue_add(ordo_app *a, const char *queue, const char *kind, const char *ref, int64_t *out_id);
/* id > 0: that item; id == 0: the oldest waiting item of `queue` (*out_id
 * = 0 when empty). */
int ordo_app_queue_pick(ordo_app *a, const char *queue, int64_t id, const char *agent, int64_t *out_id);
int ordo_app_queue_release(ordo_app *a, int64_t id, const char *agent);
int ordo_app_queue_route(ordo_app *a, int64_t id, const char *to);

/* Routing rules: a queue's rule (round_robin, least_busy, by_skill with
 * `skill`) over its agents (';'-separated ids, in order; an agent that is
 * a resource is available only inside its working hours and outside its
 * time off, model/queue.h). Setting a rule resets the round-robin cursor. */
int ordo_app_queue_rule_set(ordo_app *a, const char *queue, const char *rule, const char *agents,
                            const char *skill);
/* *out: ordo_queue_rule_clear. ORDO_ENOTFOUND when the queue has none. */
int ordo_app_queue_rule_get(ordo_app *a, const char *queue, ordo_queue_rule *out);
/* Assigns waiting item `id` to the agent its queue's rule chooses at `now`
 * (UTC seconds; 0 = the clock), in one transaction (the round-robin cursor
 * moves with it): agent id into out[0..n). ORDO_ERULE when the item is
 * held, its queue has no rule, or nobody is available (the message says
 * how many agents are eligible and working). */
int ordo_app_queue_assign(ordo_app *a, int64_t id, int64_t now, char *out, size_t n);
/* route, then assign when the new queue has a rule and someone is
 * available (else the item waits there): *out = the agent or "". */
int ordo_app_queue_route_assign(ordo_app *a, int64_t id, const char *to, int64_t now, char *out, size_t n);

#ifdef __cplusplus
}
#endif
#endif
