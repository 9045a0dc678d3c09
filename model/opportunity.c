/*
 * opportunity.c — opportunity records, their stage/status rules and the
 * pipeline report (opportunity.h). The report keeps small keyed groups in
 * arrays with a linear search from the last hit: owners and months are few
 * against the rows, and rows usually arrive grouped.
 */
#include "model/opportunity.h"
#include "model/model.h"
#include "model/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const stage_names[] = { "qualify", "develop", "propose", "close" };
static const int stage_prob[] = { 10, 40, 70, 90 };
static const char *const status_names[] = { "open", "won", "lost" };

const char *ordo_stage_name(ordo_stage s) { return ordo__vocab_name(stage_names, ORDO_STAGE_COUNT, (int)s); }
int ordo_stage_parse(const char *s) { return ordo__vocab_parse(stage_names, ORDO_STAGE_COUNT, s); }
const char *ordo_opp_status_name(ordo_opp_status s)
{
    return ordo__vocab_name(status_names, ORDO_OPP_STATUS_COUNT, (int)s);
}
int ordo_opp_status_parse(const char *s) { return ordo__vocab_parse(status_names, ORDO_OPP_STATUS_COUNT, s); }
int ordo_stage_probability(ordo_stage s) { return (unsigned)s < ORDO_STAGE_COUNT ? stage_prob[s] : 0; }

int ordo_opportunity_probability(const ordo_opportunity *o)
{
    if (o->status == ORDO_OPP_WON)
        return 100;
    if (o->status == ORDO_OPP_LOST)
        return 0;
    return o->probability >= 0 ? o->probability : ordo_stage_probability(o->stage);
}

static int word_ok(const char *s) { return ordo__word_ok(s); }

static int bad(ordo_err *err, const char *id, const char *field, const char *rule)
{
    return ordo__seterr_at(err, ORDO_EINPUT, field, "opportunity %s: %s %s", id ? id : "(no id)", field, rule);
}

int ordo_opportunity_check(const ordo_opportunity *o, ordo_err *err)
{
    const char *id = o->id;
    if (!ordo_id_valid(id))
        return bad(err, id, "id", "is not a valid id");
    if (!ordo__given(o->name))
        return bad(err, id, "name", "must not be empty");
    if (!ordo__given(o->account) && !ordo__given(o->contact))
        return bad(err, id, "account/contact", "needs an account or a contact");
    if ((unsigned)o->stage >= ORDO_STAGE_COUNT)
        return bad(err, id, "stage", "must be qualify, develop, propose or close");
    if ((unsigned)o->status >= ORDO_OPP_STATUS_COUNT)
        return bad(err, id, "status", "must be open, won or lost");
    if (o->value < 0)
        return bad(err, id, "value", "must be >= 0");
    if (o->minutes < 0)
        return bad(err, id, "minutes", "must be >= 0");
    if (o->probability > 100)
        return bad(err, id, "probability", "must be 0..100");
    if (o->status == ORDO_OPP_LOST && !ordo__given(o->reason))
        return bad(err, id, "reason", "is required when lost");
    if (ordo__given(o->reason) && !word_ok(o->reason))
        return bad(err, id, "reason", "must be a word of a-z, 0-9 and '_'");
    if (o->status == ORDO_OPP_OPEN && ordo__given(o->reason))
        return bad(err, id, "reason", "is given only when won or lost");
    if (ordo__given(o->service) && !ordo_id_valid(o->service))
        return bad(err, id, "service", "is not a valid id");
    return ORDO_OK;
}

static int refuse(ordo_err *err, const ordo_opportunity *o, const char *what)
{
    return ordo__seterr(err, ORDO_ERULE, "opportunity %s is %s: %s", o->id ? o->id : "(no id)",
                        ordo_opp_status_name(o->status), what);
}

int ordo_opportunity_move(ordo_opportunity *o, ordo_stage to, ordo_err *err)
{
    if ((unsigned)to >= ORDO_STAGE_COUNT)
        return ordo__seterr(err, ORDO_EINVAL, "opportunity %s: stage must be qualify, develop, propose or close",
                            o->id ? o->id : "(no id)");
    if (o->status != ORDO_OPP_OPEN)
        return refuse(err, o, "its stage no longer changes");
    if (o->stage == to)
        return ordo__seterr(err, ORDO_ERULE, "opportunity %s is already at stage %s", o->id ? o->id : "(no id)",
                            ordo_stage_name(to));
    o->stage = to;
    return ORDO_OK;
}

static int close_opp(ordo_opportunity *o, ordo_opp_status to, const char *reason, ordo_date when, ordo_err *err)
{
    char *copy = NULL;
    if (ordo__given(reason) && !word_ok(reason))
        return ordo__seterr(err, ORDO_EINVAL, "opportunity %s: reason '%s' must be a word of a-z, 0-9 and '_'",
                            o->id ? o->id : "(no id)", reason);
    if (to == ORDO_OPP_LOST && !ordo__given(reason))
        return ordo__seterr(err, ORDO_EINVAL, "opportunity %s: a lost opportunity needs a reason",
                            o->id ? o->id : "(no id)");
    if (o->status != ORDO_OPP_OPEN)
        return refuse(err, o, to == ORDO_OPP_WON ? "it cannot be won" : "it cannot be lost");
    if (ordo__given(reason) && !(copy = ordo__strdup(reason)))
        return ordo__seterr(err, ORDO_ENOMEM, "out of memory");
    ordo__free(o->reason);
    o->reason = copy;
    o->status = to;
    o->close_date = when;
    return ORDO_OK;
}

int ordo_opportunity_win(ordo_opportunity *o, const char *reason, ordo_date when, ordo_err *err)
{
    return close_opp(o, ORDO_OPP_WON, reason, when, err);
}

int ordo_opportunity_lose(ordo_opportunity *o, const char *reason, ordo_date when, ordo_err *err)
{
    return close_opp(o, ORDO_OPP_LOST, reason, when, err);
}

void ordo_opportunity_clear(ordo_opportunity *o)
{
    if (!o)
        return;
    char **s[] = { &o->id, &o->name, &o->account, &o->contact, &o->lead, &o->owner, &o->reason, &o->service };
    for (size_t i = 0; i < sizeof s / sizeof *s; i++)
        ordo__free(*s[i]);
    memset(o, 0, sizeof *o);
}

/* ---- pipeline report ------------------------------------------------------ */

void ordo_pipeline_init(ordo_pipeline_report *r)
{
    memset(r, 0, sizeof *r);
    for (int k = 0; k < ORDO_STAGE_COUNT; k++)
        r->by_stage[k].key = (char *)stage_names[k];
}

/* The group of `key` in g (created empty when missing), or NULL (no memory). */
static ordo_pipeline_group *group(ordo_pipeline_groups *g, const char *key)
{
    for (size_t i = g->n; i-- > 0;)
        if (strcmp(g->v[i].key, key) == 0)
            return &g->v[i];
    if (ORDO_GROW(g->v, g->cap, g->n + 1) != ORDO_OK)
        return NULL;
    ordo_pipeline_group *x = &g->v[g->n];
    memset(x, 0, sizeof *x);
    if (!(x->key = ordo__strdup(key)))
        return NULL;
    g->n++;
    return x;
}

static int add_to(ordo_pipeline_groups *g, const char *key, int64_t value, int64_t weighted)
{
    ordo_pipeline_group *x = group(g, key);
    if (!x)
        return ORDO_ENOMEM;
    x->count++;
    x->value += value;
    x->weighted += weighted;
    return ORDO_OK;
}

int ordo_pipeline_add(ordo_pipeline_report *r, const ordo_pipeline_row *row)
{
    int rc = ORDO_OK;
    unsigned reached = row->reached | (1u << row->stage);
    for (int k = 0; k < ORDO_STAGE_COUNT; k++) {
        if (!(reached & (1u << k)))
            continue;
        r->reached[k]++;
        /* advanced: at a later stage at some point, or (at Close) won */
        if ((reached >> (k + 1)) != 0 || (k == ORDO_STAGE_CLOSE && row->status == ORDO_OPP_WON))
            r->advanced[k]++;
    }
    const char *reason = row->reason ? row->reason : "";
    if (row->status == ORDO_OPP_WON) {
        r->won++;
        return add_to(&r->won_by_reason, reason, row->value, row->value);
    }
    if (row->status == ORDO_OPP_LOST) {
        r->lost++;
        return add_to(&r->lost_by_reason, reason, row->value, 0);
    }
    r->open++;
    int64_t w = row->value * row->probability / 100;
    ordo_pipeline_group *st = &r->by_stage[(unsigned)row->stage < ORDO_STAGE_COUNT ? row->stage : 0];
    st->count++;
    st->value += row->value;
    st->weighted += w;
    char month[11];
    ordo_date_format(row->close_date, month);
    month[7] = '\0';
    ORDO_TRY(add_to(&r->by_owner, row->owner ? row->owner : "", row->value, w));
    ORDO_TRY(add_to(&r->by_month, month, row->value, w));
done:
    return rc;
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const ordo_pipeline_group *)a)->key, ((const ordo_pipeline_group *)b)->key);
}

void ordo_pipeline_finish(ordo_pipeline_report *r)
{
    ordo_pipeline_groups *g[] = { &r->by_owner, &r->by_month, &r->won_by_reason, &r->lost_by_reason };
    for (size_t i = 0; i < sizeof g / sizeof *g; i++)
        if (g[i]->n > 1)
            qsort(g[i]->v, g[i]->n, sizeof *g[i]->v, by_key);
}

int ordo_pipeline_conversion(const ordo_pipeline_report *r, ordo_stage k)
{
    if ((unsigned)k >= ORDO_STAGE_COUNT || r->reached[k] == 0)
        return -1;
    return (int)(r->advanced[k] * 10000 / r->reached[k]);
}

static void groups_clear(ordo_pipeline_groups *g)
{
    for (size_t i = 0; i < g->n; i++)
        ordo__free(g->v[i].key);
    ordo__free(g->v);
    memset(g, 0, sizeof *g);
}

void ordo_pipeline_clear(ordo_pipeline_report *r)
{
    groups_clear(&r->by_owner);
    groups_clear(&r->by_month);
    groups_clear(&r->won_by_reason);
    groups_clear(&r->lost_by_reason);
    ordo_pipeline_init(r);
}
