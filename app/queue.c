/*
 * queue.c — queue use cases (app/sales.h): add, pick (one item or the
 * oldest waiting one), release, route. Each is one store transaction; the
 * store applies model/queue.h's rules under the write lock.
 */
#include "app/sales_int.h"

int ordo_app_queue_add(ordo_app *a, const char *queue, const char *kind, const char *ref, int64_t *out_id)
{
    app_start(a);
    int k = ordo_item_kind_parse(kind);
    if (k < 0)
        return app_fail(a, ORDO_EINVAL, "kind", "kind '%s' must be lead, case or task", kind ? kind : "");
    return sales_check(a, a->ops->queue_add(a->store, queue, (ordo_item_kind)k, ref, out_id), NULL);
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
