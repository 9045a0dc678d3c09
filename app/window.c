/*
 * window.c — the planning window: `ordo schedule` (and the API's schedule
 * job) saves its window and start grid in the store's meta inside the plan's
 * own transaction ("window" = "FROM..TO", "slot" = minutes), and the read
 * use cases that judge the saved plan (score, diagnose) take it from there
 * unless the request names one, because the spread goal depends on it.
 */
#include "app/app_int.h"

#include <stdio.h>
#include <stdlib.h>

int app_window(ordo_app *a, const char *from_text, const char *to_text, int slot_minutes, ordo_solve_options *o)
{
    char buf[64], from[16], to[16];
    if (from_text || to_text) {
        if (!from_text || !to_text)
            return app_fail(a, ORDO_EINVAL, from_text ? "to" : "from", "give both from and to, or neither");
        if (ordo_date_parse(from_text, &o->from) != 0)
            return app_fail(a, ORDO_EINVAL, "from", "from '%s': not a date YYYY-MM-DD", from_text);
        if (ordo_date_parse(to_text, &o->to) != 0)
            return app_fail(a, ORDO_EINVAL, "to", "to '%s': not a date YYYY-MM-DD", to_text);
        if (o->from > o->to)
            return app_fail(a, ORDO_EINVAL, "from", "the window's first day %s is after its last %s", from_text,
                            to_text);
    } else if (a->ops->meta_get(a->store, "window", buf, sizeof buf) != ORDO_OK ||
               sscanf(buf, "%10[0-9-]..%10[0-9-]", from, to) != 2 || ordo_date_parse(from, &o->from) != 0 ||
               ordo_date_parse(to, &o->to) != 0) {
        return app_fail(a, ORDO_EINPUT, "from", "no planning window saved (no 'ordo schedule' yet): give from and to");
    } else if (a->ops->meta_get(a->store, "slot", buf, sizeof buf) == ORDO_OK) {
        int slot = atoi(buf);
        if (slot > 0 && slot <= ORDO_MIN_PER_DAY)
            o->slot_minutes = slot;
    }
    if (slot_minutes < 0 || slot_minutes > ORDO_MIN_PER_DAY)
        return app_fail(a, ORDO_EINVAL, "slot", "slot %d: must be from 1 to %d minutes", slot_minutes,
                        ORDO_MIN_PER_DAY);
    if (slot_minutes)
        o->slot_minutes = slot_minutes;
    return ORDO_OK;
}

int ordo_app_saved_window(ordo_app *a, ordo_solve_options *o)
{
    app_start(a);
    return app_window(a, NULL, NULL, 0, o);
}

int app_window_save(ordo_app *a, const ordo_solve_options *o)
{
    char from[11], to[11], buf[64];
    ordo_date_format(o->from, from);
    ordo_date_format(o->to, to);
    snprintf(buf, sizeof buf, "%s..%s", from, to);
    int rc = a->ops->meta_set(a->store, "window", buf);
    if (rc == ORDO_OK) {
        snprintf(buf, sizeof buf, "%d", o->slot_minutes > 0 ? o->slot_minutes : 30);
        rc = a->ops->meta_set(a->store, "slot", buf);
    }
    return rc;
}
