/*
 * catalog.c — the service catalogue and calendar files (app_catalog.h),
 * each read from one snapshot of the store.
 */
#include "app/app_catalog.h"
#include "app/app_int.h"
#include "io/ical_export.h"

#include <string.h>

void ordo_app_services_clear(ordo_app_services *l)
{
    if (!l)
        return;
    for (int i = 0; i < l->n; i++) {
        ordo__free(l->v[i].id);
        ordo__free(l->v[i].name);
    }
    ordo__free(l->v);
    memset(l, 0, sizeof *l);
}

int ordo_app_service_list(ordo_app *a, ordo_app_services *out)
{
    int rc = ORDO_OK;
    const ordo_model *m = NULL;
    app_start(a);
    memset(out, 0, sizeof *out);
    ORDO_TRY(app_snapshot_shared(a, &m));
    if (m->services.n && !(out->v = ordo__calloc(m->services.n, sizeof *out->v))) {
        rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < m->services.n; i++) {
        const ordo_service *sv = &m->services.v[i];
        ordo_app_service *o = &out->v[out->n++];
        o->duration_minutes = sv->duration;
        if (!(o->id = ordo__strdup(sv->id)) || !(o->name = ordo__strdup(sv->name ? sv->name : sv->id))) {
            rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
            goto done;
        }
    }
done:
    if (rc < 0)
        ordo_app_services_clear(out);
    return rc;
}

int ordo_app_calendar(ordo_app *a, const char *kind, const char *id, char **out, size_t *len)
{
    int rc = ORDO_OK;
    const ordo_model *m = NULL;
    ordo_err err = { 0 };
    app_start(a);
    *out = NULL;
    *len = 0;
    if (!kind || (strcmp(kind, "resource") != 0 && strcmp(kind, "course") != 0))
        return app_fail(a, ORDO_EINVAL, "kind", "calendar kind '%s': must be resource or course", kind ? kind : "");
    ORDO_TRY(app_snapshot_shared(a, &m));
    if ((rc = ordo_ical_calendar(m, kind, id, out, len, &err)) < 0)
        app_fail(a, rc, rc == ORDO_ENOTFOUND ? "id" : NULL, "%s", err.msg[0] ? err.msg : ordo_strerror(rc));
done:
    return rc;
}
