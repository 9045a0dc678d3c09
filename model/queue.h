/*
 * queue.h — work queues shared by teams: items (leads, cases, tasks) wait
 * in a queue until an agent picks one (takes ownership: the item leaves
 * the queue for the others), releases it back, or routes it to another
 * queue. Routing rules choose the agent that gets a new item:
 *
 *   round_robin  the next available agent after the last one served;
 *   least_busy   the available agent with the fewest open items (ties: order);
 *   by_skill     least_busy among available agents having the item's skill.
 *
 * An agent is available when they are a resource of the model working at
 * that instant (working hours, minus time off: model/calendar.h, the
 * scheduler's calendars) — agents that are not resources are always
 * available. The store makes pick atomic; these are the rules it applies.
 */
#ifndef ORDO_QUEUE_H
#define ORDO_QUEUE_H

#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ordo_route_rule { ORDO_ROUTE_ROUND_ROBIN = 0, ORDO_ROUTE_LEAST_BUSY, ORDO_ROUTE_BY_SKILL } ordo_route_rule;
#define ORDO_ROUTE_RULE_COUNT 3
const char *ordo_route_rule_name(ordo_route_rule r);   /* "round_robin", "least_busy", "by_skill" */
int ordo_route_rule_parse(const char *s);

typedef enum ordo_item_kind { ORDO_ITEM_LEAD = 0, ORDO_ITEM_CASE, ORDO_ITEM_TASK } ordo_item_kind;
#define ORDO_ITEM_KIND_COUNT 3
const char *ordo_item_kind_name(ordo_item_kind k);     /* "lead", "case", "task" */
int ordo_item_kind_parse(const char *s);

/* A queue's routing rule as stored: the rule, its agents in order, the
 * skill (by_skill), the round-robin cursor. Owns its strings. */
typedef struct ordo_queue_rule {
    ordo_route_rule rule;
    char *agents;                 /* ';'-joined agent ids, in routing order */
    char *skill;                  /* by_skill's skill, or NULL */
    int cursor;                   /* round robin: index last served, -1 at first */
} ordo_queue_rule;
void ordo_queue_rule_clear(ordo_queue_rule *r);

/* A queue item's holder: NULL (waiting in the queue) or an agent id. */
typedef struct ordo_queue_item {
    int64_t id;
    const char *queue, *holder;
} ordo_queue_item;

/* ORDO_OK, or ORDO_ERULE "queue item N is held by AGENT" (another agent). */
int ordo_queue_pick_check(const ordo_queue_item *it, const char *agent, ordo_err *err);
/* Only the holder releases: ORDO_ERULE otherwise ("... is not held" / "held by X"). */
int ordo_queue_release_check(const ordo_queue_item *it, const char *agent, ordo_err *err);

typedef struct ordo_queue_agent {
    const char *id;
    int resource;                 /* index into the model's resources, or -1 */
    int open_items;
} ordo_queue_agent;

/* Chooses an agent among a[0..n) for an item needing `skill` (NULL: any)
 * at instant `now`. *cursor is the round-robin position (the index last
 * served, -1 at first; updated). *out = the chosen index. ORDO_OK, or
 * ORDO_ENOTFOUND with err naming why nobody is available, ORDO_EINVAL,
 * ORDO_ENOMEM. m may be NULL when no agent is a resource. */
int ordo_queue_route(const ordo_model *m, const ordo_queue_agent *a, int n, ordo_route_rule rule,
                     const char *skill, ordo_utc now, int *cursor, int *out, ordo_err *err);

/* 1 if resource r works at instant `now` (working hours minus time off), 0
 * if not, or a negative code. */
int ordo_queue_agent_available(const ordo_model *m, int r, ordo_utc now);

#ifdef __cplusplus
}
#endif
#endif
