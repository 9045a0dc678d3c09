/*
 * model.c — the model container: lifecycle, id indexes, upserts and the
 * keyless tables. Invariant: every idx_* maps each record's id to its current
 * position; records are only appended or replaced in place, so positions are
 * stable except after the *_clear_for functions (keyless tables, no index).
 */
#include "model/model.h"
#include "model/index.h"

#include <string.h>

static void free_site(ordo_site *s) { ordo__free(s->id); ordo__free(s->name); ordo__free(s->timezone); }

static void free_resource(ordo_resource *r)
{
    ordo__free(r->id); ordo__free(r->name); ordo__free(r->email);
    ordo_strlist_clear(&r->skills);
}

static void free_service(ordo_service *s) { ordo__free(s->id); ordo__free(s->name); }

static void free_account(ordo_account *a)
{
    ordo__free(a->id); ordo__free(a->name); ordo__free(a->city);
    ordo_strlist_clear(&a->roles);
}

static void free_contact(ordo_contact *c)
{
    ordo__free(c->id); ordo__free(c->first_name); ordo__free(c->last_name);
    ordo__free(c->email); ordo__free(c->account); ordo__free(c->city); ordo__free(c->phone);
    ordo_strlist_clear(&c->roles);
}

static void free_contract(ordo_contract *c) { ordo__free(c->id); ordo__free(c->customer); }

static void free_course(ordo_course *c)
{
    ordo__free(c->id); ordo__free(c->title); ordo__free(c->customer);
    ordo_strlist_clear(&c->cohorts);
    ordo_strlist_clear(&c->sites);
}

static void free_session(ordo_session *s) { ordo__free(s->resources); ordo__free(s->reason); }

int ordo_model_new(ordo_model **out)
{
    int rc = ORDO_OK;
    ordo_model *m = ordo__calloc(1, sizeof *m);
    if (!m)
        return ORDO_ENOMEM;
    m->weights = (ordo_weights)ORDO_WEIGHTS_DEFAULT;
    ORDO_TRY(ordo__index_new(&m->idx_site));
    ORDO_TRY(ordo__index_new(&m->idx_resource));
    ORDO_TRY(ordo__index_new(&m->idx_service));
    ORDO_TRY(ordo__index_new(&m->idx_party));
    ORDO_TRY(ordo__index_new(&m->idx_contract));
    ORDO_TRY(ordo__index_new(&m->idx_course));
    *out = m;
    m = NULL;
done:
    ordo_model_free(m);
    return rc;
}

void ordo_model_free(ordo_model *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->sites.n; i++) free_site(&m->sites.v[i]);
    for (size_t i = 0; i < m->resources.n; i++) free_resource(&m->resources.v[i]);
    for (size_t i = 0; i < m->time_off.n; i++) {
        ordo__free(m->time_off.v[i].reason);
        ordo__free(m->time_off.v[i].source);
    }
    for (size_t i = 0; i < m->services.n; i++) free_service(&m->services.v[i]);
    for (size_t i = 0; i < m->requirements.n; i++) ordo__free(m->requirements.v[i].skill);
    for (size_t i = 0; i < m->accounts.n; i++) free_account(&m->accounts.v[i]);
    for (size_t i = 0; i < m->contacts.n; i++) free_contact(&m->contacts.v[i]);
    for (size_t i = 0; i < m->contracts.n; i++) free_contract(&m->contracts.v[i]);
    for (size_t i = 0; i < m->courses.n; i++) free_course(&m->courses.v[i]);
    for (size_t i = 0; i < m->sessions.n; i++) free_session(&m->sessions.v[i]);
    ordo__free(m->sites.v); ordo__free(m->resources.v); ordo__free(m->working_hours.v);
    ordo__free(m->time_off.v); ordo__free(m->services.v); ordo__free(m->requirements.v);
    ordo__free(m->accounts.v); ordo__free(m->contacts.v); ordo__free(m->contracts.v);
    ordo__free(m->courses.v); ordo__free(m->blackouts.v); ordo__free(m->sessions.v);
    ordo__index_free(m->idx_site); ordo__index_free(m->idx_resource);
    ordo__index_free(m->idx_service); ordo__index_free(m->idx_party);
    ordo__index_free(m->idx_contract); ordo__index_free(m->idx_course);
    ordo__free(m);
}

const char *ordo_model_errmsg(const ordo_model *m) { return m ? m->err.msg : "no model"; }

int ordo_model_find_site(const ordo_model *m, const char *id) { return ordo__index_get(m->idx_site, id); }
int ordo_model_find_resource(const ordo_model *m, const char *id) { return ordo__index_get(m->idx_resource, id); }
int ordo_model_find_service(const ordo_model *m, const char *id) { return ordo__index_get(m->idx_service, id); }
int ordo_model_find_contract(const ordo_model *m, const char *id) { return ordo__index_get(m->idx_contract, id); }
int ordo_model_find_course(const ordo_model *m, const char *id) { return ordo__index_get(m->idx_course, id); }

/* The party index stores accounts as i and contacts as -(i) - 2. */
int ordo_model_find_account(const ordo_model *m, const char *id)
{
    int v = ordo__index_get(m->idx_party, id);
    return v >= 0 ? v : -1;
}

int ordo_model_find_contact(const ordo_model *m, const char *id)
{
    int v = ordo__index_get(m->idx_party, id);
    return v <= -2 ? -v - 2 : -1;
}

/* Copy helpers: each returns ORDO_OK or ORDO_ENOMEM, and on failure leaves
 * nothing allocated in *dst. */
#define DUP(field) do { if (src->field && !(dst->field = ordo__strdup(src->field))) goto oom; } while (0)
#define LIST(field) do { if (ordo_strlist_copy(&dst->field, &src->field) < 0) goto oom; } while (0)

static int copy_site(ordo_site *dst, const ordo_site *src)
{
    *dst = (ordo_site){ 0 };
    DUP(id); DUP(name); DUP(timezone);
    return ORDO_OK;
oom:
    free_site(dst);
    return ORDO_ENOMEM;
}

static int copy_resource(ordo_resource *dst, const ordo_resource *src)
{
    *dst = *src;
    dst->id = dst->name = dst->email = NULL;
    dst->skills = (ordo_strlist){ 0 };
    DUP(id); DUP(name); DUP(email); LIST(skills);
    return ORDO_OK;
oom:
    free_resource(dst);
    return ORDO_ENOMEM;
}

static int copy_service(ordo_service *dst, const ordo_service *src)
{
    *dst = *src;
    dst->id = dst->name = NULL;
    DUP(id); DUP(name);
    return ORDO_OK;
oom:
    free_service(dst);
    return ORDO_ENOMEM;
}

static int copy_account(ordo_account *dst, const ordo_account *src)
{
    *dst = *src;
    dst->id = dst->name = dst->city = NULL;
    dst->roles = (ordo_strlist){ 0 };
    DUP(id); DUP(name); DUP(city); LIST(roles);
    return ORDO_OK;
oom:
    free_account(dst);
    return ORDO_ENOMEM;
}

static int copy_contact(ordo_contact *dst, const ordo_contact *src)
{
    *dst = *src;
    dst->id = dst->first_name = dst->last_name = dst->email = dst->account = dst->city = dst->phone = NULL;
    dst->roles = (ordo_strlist){ 0 };
    DUP(id); DUP(first_name); DUP(last_name); DUP(email); DUP(account); DUP(city); DUP(phone); LIST(roles);
    return ORDO_OK;
oom:
    free_contact(dst);
    return ORDO_ENOMEM;
}

static int copy_contract(ordo_contract *dst, const ordo_contract *src)
{
    *dst = *src;
    dst->id = dst->customer = NULL;
    DUP(id); DUP(customer);
    return ORDO_OK;
oom:
    free_contract(dst);
    return ORDO_ENOMEM;
}

static int copy_course(ordo_course *dst, const ordo_course *src)
{
    *dst = *src;
    dst->id = dst->title = dst->customer = NULL;
    dst->cohorts = dst->sites = (ordo_strlist){ 0 };
    DUP(id); DUP(title); DUP(customer); LIST(cohorts); LIST(sites);
    return ORDO_OK;
oom:
    free_course(dst);
    return ORDO_ENOMEM;
}

/* Generic upsert: find by id, copy into a temporary, then either replace in
 * place (freeing the old record) or append and index. */
#define PUT(m, arr, idx, T, copy_fn, free_fn, in, out_index, index_value_of)       \
    do {                                                                           \
        if (!(in) || !(in)->id)                                                    \
            return ordo__seterr(&(m)->err, ORDO_EINVAL, "record without id");      \
        T tmp;                                                                     \
        if (copy_fn(&tmp, (in)) < 0)                                               \
            return ordo__seterr(&(m)->err, ORDO_ENOMEM, "out of memory");          \
        int at = existing;                                                         \
        if (at >= 0) {                                                             \
            /* the index borrows the old id: re-point it before freeing that */   \
            if (ordo__index_put((m)->idx, tmp.id, index_value_of(at)) < 0) {       \
                free_fn(&tmp);                                                     \
                return ordo__seterr(&(m)->err, ORDO_ENOMEM, "out of memory");      \
            }                                                                      \
            free_fn(&(m)->arr.v[at]);                                              \
            (m)->arr.v[at] = tmp;                                                  \
        } else {                                                                   \
            if (ORDO_GROW((m)->arr.v, (m)->arr.cap, (m)->arr.n + 1) < 0) {         \
                free_fn(&tmp);                                                     \
                return ordo__seterr(&(m)->err, ORDO_ENOMEM, "out of memory");      \
            }                                                                      \
            at = (int)(m)->arr.n;                                                  \
            (m)->arr.v[(m)->arr.n++] = tmp;                                        \
        }                                                                          \
        /* re-point the index at the record's own copy of the id */               \
        if (ordo__index_put((m)->idx, (m)->arr.v[at].id, index_value_of(at)) < 0)  \
            return ordo__seterr(&(m)->err, ORDO_ENOMEM, "out of memory");          \
        if (out_index)                                                             \
            *(out_index) = at;                                                     \
        return ORDO_OK;                                                            \
    } while (0)

#define SAME(i) (i)
#define AS_CONTACT(i) (-(i) - 2)

int ordo_model_put_site(ordo_model *m, const ordo_site *in, int *out_index)
{
    int existing = in ? ordo_model_find_site(m, in->id) : -1;
    PUT(m, sites, idx_site, ordo_site, copy_site, free_site, in, out_index, SAME);
}

int ordo_model_put_resource(ordo_model *m, const ordo_resource *in, int *out_index)
{
    int existing = in ? ordo_model_find_resource(m, in->id) : -1;
    PUT(m, resources, idx_resource, ordo_resource, copy_resource, free_resource, in, out_index, SAME);
}

int ordo_model_put_service(ordo_model *m, const ordo_service *in, int *out_index)
{
    int existing = in ? ordo_model_find_service(m, in->id) : -1;
    PUT(m, services, idx_service, ordo_service, copy_service, free_service, in, out_index, SAME);
}

int ordo_model_put_account(ordo_model *m, const ordo_account *in, int *out_index)
{
    if (in && ordo_model_find_contact(m, in->id) >= 0)
        return ordo__seterr(&m->err, ORDO_EEXISTS, "id '%s' is already a contact", in->id);
    int existing = in ? ordo_model_find_account(m, in->id) : -1;
    PUT(m, accounts, idx_party, ordo_account, copy_account, free_account, in, out_index, SAME);
}

int ordo_model_put_contact(ordo_model *m, const ordo_contact *in, int *out_index)
{
    if (in && ordo_model_find_account(m, in->id) >= 0)
        return ordo__seterr(&m->err, ORDO_EEXISTS, "id '%s' is already an account", in->id);
    int existing = in ? ordo_model_find_contact(m, in->id) : -1;
    PUT(m, contacts, idx_party, ordo_contact, copy_contact, free_contact, in, out_index, AS_CONTACT);
}

int ordo_model_put_contract(ordo_model *m, const ordo_contract *in, int *out_index)
{
    int existing = in ? ordo_model_find_contract(m, in->id) : -1;
    PUT(m, contracts, idx_contract, ordo_contract, copy_contract, free_contract, in, out_index, SAME);
}

int ordo_model_put_course(ordo_model *m, const ordo_course *in, int *out_index)
{
    int existing = in ? ordo_model_find_course(m, in->id) : -1;
    PUT(m, courses, idx_course, ordo_course, copy_course, free_course, in, out_index, SAME);
}

int ordo_model_add_working_hours(ordo_model *m, const ordo_working_hours *in)
{
    if (ORDO_GROW(m->working_hours.v, m->working_hours.cap, m->working_hours.n + 1) < 0)
        return ordo__seterr(&m->err, ORDO_ENOMEM, "out of memory");
    m->working_hours.v[m->working_hours.n++] = *in;
    return ORDO_OK;
}

int ordo_model_add_time_off(ordo_model *m, const ordo_time_off *in)
{
    ordo_time_off t = *in;
    t.reason = t.source = NULL;
    if ((in->reason && !(t.reason = ordo__strdup(in->reason))) ||
        (in->source && !(t.source = ordo__strdup(in->source))) ||
        ORDO_GROW(m->time_off.v, m->time_off.cap, m->time_off.n + 1) < 0) {
        ordo__free(t.reason);
        ordo__free(t.source);
        return ordo__seterr(&m->err, ORDO_ENOMEM, "out of memory");
    }
    m->time_off.v[m->time_off.n++] = t;
    return ORDO_OK;
}

int ordo_model_add_requirement(ordo_model *m, const ordo_requirement *in)
{
    ordo_requirement r = *in;
    r.skill = NULL;
    if ((in->skill && !(r.skill = ordo__strdup(in->skill))) ||
        ORDO_GROW(m->requirements.v, m->requirements.cap, m->requirements.n + 1) < 0) {
        ordo__free(r.skill);
        return ordo__seterr(&m->err, ORDO_ENOMEM, "out of memory");
    }
    m->requirements.v[m->requirements.n++] = r;
    return ORDO_OK;
}

int ordo_model_add_blackout(ordo_model *m, const ordo_course_blackout *in)
{
    if (ORDO_GROW(m->blackouts.v, m->blackouts.cap, m->blackouts.n + 1) < 0)
        return ordo__seterr(&m->err, ORDO_ENOMEM, "out of memory");
    m->blackouts.v[m->blackouts.n++] = *in;
    return ORDO_OK;
}

void ordo_model_clear_working_hours_for(ordo_model *m, int resource)
{
    size_t k = 0;
    for (size_t i = 0; i < m->working_hours.n; i++)
        if (m->working_hours.v[i].resource != resource)
            m->working_hours.v[k++] = m->working_hours.v[i];
    m->working_hours.n = k;
}

void ordo_model_clear_time_off_for(ordo_model *m, int resource, const char *source)
{
    size_t k = 0;
    for (size_t i = 0; i < m->time_off.n; i++) {
        ordo_time_off *t = &m->time_off.v[i];
        int drop = t->resource == resource &&
                   (!source || (t->source && strcmp(t->source, source) == 0));
        if (drop) {
            ordo__free(t->reason);
            ordo__free(t->source);
        } else {
            m->time_off.v[k++] = *t;
        }
    }
    m->time_off.n = k;
}

void ordo_model_clear_requirements_for(ordo_model *m, int service)
{
    size_t k = 0;
    for (size_t i = 0; i < m->requirements.n; i++) {
        if (m->requirements.v[i].service == service)
            ordo__free(m->requirements.v[i].skill);
        else
            m->requirements.v[k++] = m->requirements.v[i];
    }
    m->requirements.n = k;
}

int ordo_model_add_session(ordo_model *m, const ordo_session *in, int *out_index)
{
    ordo_session s = *in;
    s.resources = NULL;
    s.nresources = 0;
    s.reason = NULL;
    if (ordo_session_set_resources(&s, in->resources, in->nresources) < 0 ||
        ordo_session_set_reason(&s, in->reason) < 0 ||
        ORDO_GROW(m->sessions.v, m->sessions.cap, m->sessions.n + 1) < 0) {
        free_session(&s);
        return ordo__seterr(&m->err, ORDO_ENOMEM, "out of memory");
    }
    if (out_index)
        *out_index = (int)m->sessions.n;
    m->sessions.v[m->sessions.n++] = s;
    return ORDO_OK;
}

int ordo_session_set_resources(ordo_session *s, const int *res, int n)
{
    int *copy = NULL;
    if (n > 0) {
        if (!(copy = ordo__malloc((size_t)n * sizeof *copy)))
            return ORDO_ENOMEM;
        memcpy(copy, res, (size_t)n * sizeof *copy);
    }
    ordo__free(s->resources);
    s->resources = copy;
    s->nresources = n > 0 ? n : 0;
    return ORDO_OK;
}

int ordo_session_set_reason(ordo_session *s, const char *reason)
{
    char *copy = NULL;
    if (reason && !(copy = ordo__strdup(reason)))
        return ORDO_ENOMEM;
    ordo__free(s->reason);
    s->reason = copy;
    return ORDO_OK;
}
