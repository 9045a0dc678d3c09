/*
 * queue.c — queue use cases (app/sales.h): add, pick (one item or the
 * oldest waiting one), release, route. Each is one store transaction; the
 * store applies model/queue.h's rules under the write lock.
 */
#include "app/sales_int.h"

#include <stdio.h>
#include <stdlib.h>

int ordo_app_queue_add(ordo_app *a, const char *queue, const char *kind, const char *ref, int64_t *out_id)
{
    app_start(a);
    int k = ordo_item_kind_parse(kind);
    if (k < 0)
        return app_fail(a, ORDO_EINVAL, "kind", "kind '%s' must be lead, case or task", kind ? kind : "");
    int rc = sales_begin(a);
    if (rc == ORDO_OK)
        rc = sales_check(a, a->ops->queue_add(a->store, queue, (ordo_item_kind)k, ref, out_id), NULL);
    /* a case entering a queue with an SLA policy gets that clock (unless it has one) */
    char *end = NULL;
    long long num = k == ORDO_ITEM_CASE && ref ? strtoll(ref, &end, 10) : 0;
    if (rc == ORDO_OK && num > 0 && end && !*end) {
        ordo_case c = { 0 };
        if (a->ops->case_get(a->store, num, &c) == ORDO_OK)
            rc = sla_case_start(a, &c, queue, 0);
        ordo_case_clear(&c);
    }
    return sales_end(a, rc);
}

int ordo_app_queue_pick(ordo_app *a, const char *queue, int64_t id, const char *agent, int64_t *out_id)
{
    app_start(a);
    if (id > 0) {
        int rc = sales_check(a, a->ops->queue_pick(a->store, id, agent), "item");
        *out_id = rc == ORDO_OK ? id : 0;
        return rc;
    }
    if (!queue || !*queue)
        return app_fail(a, ORDO_EINVAL, "queue", "pick: give a queue or an item");
    return sales_check(a, a->ops->queue_pick_next(a->store, queue, agent, out_id), NULL);
}

int ordo_app_queue_release(ordo_app *a, int64_t id, const char *agent)
{
    app_start(a);
    return sales_check(a, a->ops->queue_release(a->store, id, agent), "item");
}

int ordo_app_queue_route(ordo_app *a, int64_t id, const char *to)
{
    app_start(a);
    return sales_check(a, a->ops->queue_route(a->store, id, to), "queue");
}

/* ---- routing rules ------------------------------------------------------------------- */

int ordo_app_queue_rule_set(ordo_app *a, const char *queue, const char *rule, const char *agents,
                            const char *skill)
{
    app_start(a);
    int r = ordo_route_rule_parse(rule);
    if (r < 0)
        return app_fail(a, ORDO_EINVAL, "rule", "rule '%s' must be round_robin, least_busy or by_skill",
                        rule ? rule : "");
    return sales_check(a, a->ops->queue_rule_set(a->store, queue, (ordo_route_rule)r, agents, skill), NULL);
}

int ordo_app_queue_rule_get(ordo_app *a, const char *queue, ordo_queue_rule *out)
{
    app_start(a);
    return sales_check(a, a->ops->queue_rule_get(a->store, queue ? queue : "", out), "queue");
}

/* In the open transaction: chooses the agent for item `id` of `queue` by
 * its rule and gives it the item. ORDO_ENOTFOUND (recorded) when the queue
 * has no rule, ORDO_ERULE when nobody is available. */
static int assign(ordo_app *a, int64_t id, const char *queue, int64_t now, char *out, size_t n)
{
    int rc = ORDO_OK, chosen = -1;
    ordo_queue_rule rule = { 0 };
    ordo_strlist agents = { 0 };
    ordo_queue_agent *g = NULL;
    ordo_model *m = NULL;
    ordo_err err = { 0 };
    ORDO_TRY(sales_check(a, a->ops->queue_rule_get(a->store, queue, &rule), "queue"));
    if (ordo_strlist_parse(&agents, rule.agents) < 0 || !(g = ordo__calloc((size_t)agents.count + 1, sizeof *g))) {
        rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
        goto done;
    }
    ORDO_TRY(app_snapshot(a, &m));           /* resources and calendars, under the write lock */
    for (int i = 0; i < agents.count; i++) {
        g[i].id = agents.items[i];
        g[i].resource = ordo_model_find_resource(m, agents.items[i]);
        ORDO_TRY(sales_check(a, a->ops->queue_held(a->store, agents.items[i], &g[i].open_items), NULL));
    }
    int cursor = rule.cursor;
    if ((rc = ordo_queue_route(m, g, agents.count, rule.rule, rule.skill, (ordo_utc)(app_now(now) / 60), &cursor,
                               &chosen, &err)) < 0) {
        rc = app_fail(a, rc == ORDO_ENOTFOUND ? ORDO_ERULE : rc, "queue", "queue %s: %s", queue, err.msg);
        goto done;
    }
    ORDO_TRY(sales_check(a, a->ops->queue_pick(a->store, id, g[chosen].id), "item"));
    if (cursor != rule.cursor)
        ORDO_TRY(sales_check(a, a->ops->queue_rule_cursor(a->store, queue, cursor), NULL));
    snprintf(out, n, "%s", g[chosen].id);
done:
    ordo_model_free(m);
    ordo__free(g);
    ordo_strlist_clear(&agents);
    ordo_queue_rule_clear(&rule);
    return rc;
}

int ordo_app_queue_assign(ordo_app *a, int64_t id, int64_t now, char *out, size_t n)
{
    char queue[256], holder[256];
    app_start(a);
    int rc = sales_begin(a);
    if (rc == ORDO_OK)
        rc = sales_check(a, a->ops->queue_get(a->store, id, queue, sizeof queue, holder, sizeof holder), "item");
    if (rc == ORDO_OK && *holder)
        rc = app_fail(a, ORDO_ERULE, "item", "queue item %lld is already held by %s", (long long)id, holder);
    if (rc == ORDO_OK && (rc = assign(a, id, queue, now, out, n)) == ORDO_ENOTFOUND)
        rc = app_fail(a, ORDO_ERULE, "queue", "queue %s has no routing rule ('ordo queue rule %s ...' sets one)",
                      queue, queue);
    return sales_end(a, rc);
}

int ordo_app_queue_route_assign(ordo_app *a, int64_t id, const char *to, int64_t now, char *out, size_t n)
{
    ordo_queue_rule rule = { 0 };
    app_start(a);
    *out = '\0';
    int rc = sales_begin(a);
    if (rc == ORDO_OK)
        rc = sales_check(a, a->ops->queue_route(a->store, id, to), "queue");
    if (rc == ORDO_OK) {
        int has = a->ops->queue_rule_get(a->store, to, &rule);
        ordo_queue_rule_clear(&rule);
        if (has == ORDO_OK && (rc = assign(a, id, to, now, out, n)) == ORDO_ERULE) {
            *out = '\0';                     /* nobody available: it waits in the queue */
            app_start(a);
            rc = ORDO_OK;
        } else if (has != ORDO_OK && has != ORDO_ENOTFOUND) {
            rc = sales_check(a, has, NULL);
        }
    }
    return sales_end(a, rc);
}
