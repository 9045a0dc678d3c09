/*
 * queue.c — queue pick/release rules and routing (queue.h). Availability
 * asks model/calendar.c for the one minute [now, now + 1), so a rule of
 * working hours or time off changes both the scheduler and the router.
 */
#include "model/queue.h"
#include "model/calendar.h"
#include "model/vocab.h"

#include <string.h>

static const char *const rule_names[] = { "round_robin", "least_busy", "by_skill" };
static const char *const kind_names[] = { "lead", "case", "task" };

const char *ordo_route_rule_name(ordo_route_rule r)
{
    return ordo__vocab_name(rule_names, ORDO_ROUTE_RULE_COUNT, (int)r);
}
int ordo_route_rule_parse(const char *s) { return ordo__vocab_parse(rule_names, ORDO_ROUTE_RULE_COUNT, s); }
const char *ordo_item_kind_name(ordo_item_kind k) { return ordo__vocab_name(kind_names, ORDO_ITEM_KIND_COUNT, (int)k); }
int ordo_item_kind_parse(const char *s) { return ordo__vocab_parse(kind_names, ORDO_ITEM_KIND_COUNT, s); }

int ordo_queue_pick_check(const ordo_queue_item *it, const char *agent, ordo_err *err)
{
    if (!agent || !*agent)
        return ordo__seterr(err, ORDO_EINVAL, "queue item %lld: no agent given", (long long)it->id);
    if (it->holder && strcmp(it->holder, agent) != 0)
        return ordo__seterr(err, ORDO_ERULE, "queue item %lld is held by %s", (long long)it->id, it->holder);
    if (it->holder)
        return ordo__seterr(err, ORDO_ERULE, "queue item %lld is already held by %s", (long long)it->id, agent);
    return ORDO_OK;
}

int ordo_queue_release_check(const ordo_queue_item *it, const char *agent, ordo_err *err)
{
    if (!it->holder)
        return ordo__seterr(err, ORDO_ERULE, "queue item %lld is not held by anyone", (long long)it->id);
    if (!agent || strcmp(it->holder, agent) != 0)
        return ordo__seterr(err, ORDO_ERULE, "queue item %lld is held by %s, not %s", (long long)it->id,
                            it->holder, agent ? agent : "(nobody)");
    return ORDO_OK;
}

int ordo_queue_agent_available(const ordo_model *m, int r, ordo_utc now)
{
    ordo_intervals work = { 0 }, off = { 0 };
    int rc = ordo_calendar_working(&work, m, r, NULL, now, now + 1);
    if (rc == ORDO_OK)
        rc = ordo_calendar_time_off(&off, m, r, NULL, now, now + 1);
    if (rc == ORDO_OK)
        rc = work.n > 0 && off.n == 0;
    ordo_intervals_clear(&work);
    ordo_intervals_clear(&off);
    return rc;
}

int ordo_queue_route(const ordo_model *m, const ordo_queue_agent *a, int n, ordo_route_rule rule,
                     const char *skill, ordo_utc now, int *cursor, int *out, ordo_err *err)
{
    int best = -1, skilled = 0, working = 0;
    if ((unsigned)rule >= ORDO_ROUTE_RULE_COUNT || n < 0 || (rule == ORDO_ROUTE_BY_SKILL && (!skill || !*skill)))
        return ordo__seterr(err, ORDO_EINVAL, "route: rule %s needs %s", ordo_route_rule_name(rule),
                            rule == ORDO_ROUTE_BY_SKILL ? "a skill" : "valid agents");
    int start = rule == ORDO_ROUTE_ROUND_ROBIN && *cursor >= 0 ? *cursor + 1 : 0;
    for (int k = 0; k < n; k++) {
        int i = (start + k) % n;
        const ordo_queue_agent *g = &a[i];
        if (g->resource >= 0) {
            if (!m || g->resource >= (int)m->resources.n)
                return ordo__seterr(err, ORDO_EINVAL, "route: agent %s: no such resource", g->id);
            if (rule == ORDO_ROUTE_BY_SKILL && !ordo_strlist_has(&m->resources.v[g->resource].skills, skill))
                continue;
            skilled++;
            int av = ordo_queue_agent_available(m, g->resource, now);
            if (av < 0)
                return ordo__seterr(err, av, "route: agent %s: calendar: %s", g->id, ordo_strerror(av));
            if (!av)
                continue;
        } else {
            if (rule == ORDO_ROUTE_BY_SKILL)
                continue;        /* an agent without a resource has no skills */
            skilled++;
        }
        working++;
        if (rule == ORDO_ROUTE_ROUND_ROBIN) {
            best = i;
            break;
        }
        if (best < 0 || g->open_items < a[best].open_items)
            best = i;
    }
    if (best < 0)
        return ordo__seterr(err, ORDO_ENOTFOUND, "route: no agent available (%d agents, %d %s, %d working now)",
                            n, skilled, rule == ORDO_ROUTE_BY_SKILL ? "with the skill" : "eligible", working);
    if (rule == ORDO_ROUTE_ROUND_ROBIN)
        *cursor = best;
    *out = best;
    return ORDO_OK;
}

void ordo_queue_rule_clear(ordo_queue_rule *r)
{
    if (!r)
        return;
    ordo__free(r->agents);
    ordo__free(r->skill);
    *r = (ordo_queue_rule){ 0 };
}
