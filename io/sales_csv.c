/*
 * sales_csv.c — leads and opportunities to and from CSV (sales_csv.h).
 * Import reads rows with the data contract's table reader (typed cells,
 * "FILE:LINE: COLUMN" messages), builds each record, checks it with the
 * model's rules and adds it through the store, all inside one
 * ordo_store_begin() ... commit; any failure rolls the whole file back.
 */
#include "io/sales_csv.h"

#include "io/import_table.h"
#include "io/out_file.h"

#include <stdio.h>
#include <string.h>

static const char *const lead_cols[] = { "id", "topic", "first_name", "last_name", "company", "email", "phone",
                                         "parent_contact", "parent_account", "campaign", "channel", "rating",
                                         "score", "owner", "status", "reason", "account", "contact",
                                         "opportunity" };
enum { L_ID, L_TOPIC, L_FIRST, L_LAST, L_COMPANY, L_EMAIL, L_PHONE, L_PCONTACT, L_PACCOUNT, L_CAMPAIGN,
       L_CHANNEL, L_RATING, L_SCORE, L_OWNER, L_STATUS, L_REASON, L_ACCOUNT, L_CONTACT, L_OPP, L_NCOLS };
static const char *const opp_cols[] = { "id", "name", "account", "contact", "lead", "owner", "stage",
                                        "value_cents", "close_date", "status", "reason", "minutes", "service",
                                        "probability" };
enum { O_ID, O_NAME, O_ACCOUNT, O_CONTACT, O_LEAD, O_OWNER, O_STAGE, O_VALUE, O_CLOSE, O_STATUS, O_REASON,
       O_MINUTES, O_SERVICE, O_PROB, O_NCOLS };

struct table_def;

typedef struct importer {
    const struct table_def *def;
    ordo_store *s;
    ordo__table t;
    ordo_date today;
    ordo_err *err;
} importer;

/* An enum cell: parse(cell) or `fallback` when blank; else "must be ...". */
static int word_cell(importer *im, int col, int (*parse)(const char *), int fallback, const char *words, int *out)
{
    const char *v = ordo__table_opt(&im->t, col);
    *out = v ? parse(v) : fallback;
    if (*out < 0)
        return ordo__table_fail(&im->t, col, "'%.60s' must be %s", v, words);
    return ORDO_OK;
}

/* A record the model's check refused (err holds "lead ID: FIELD ..."). */
static int checked(importer *im, int rc, int col)
{
    return rc < 0 ? ordo__table_fail(&im->t, col, "%s", im->err->msg) : rc;
}

static int stored(importer *im, int rc, int col)
{
    return rc < 0 ? ordo__table_fail(&im->t, col, "%s", ordo_store_errmsg(im->s)) : rc;
}

static int lead_row(importer *im)
{
    int rc = ORDO_OK, v = 0;
    ordo_lead l = { 0 };
    char **text[] = { &l.first_name, &l.last_name, &l.company, &l.email, &l.phone, &l.parent_contact,
                      &l.parent_account, &l.campaign, &l.channel };
    ORDO_TRY(ordo__table_id(&im->t, L_ID, (const char **)&l.id));
    ORDO_TRY(ordo__table_text(&im->t, L_TOPIC, (const char **)&l.topic));
    for (int i = 0; i < 9; i++)
        *text[i] = (char *)ordo__table_opt(&im->t, L_FIRST + i);
    l.owner = (char *)ordo__table_opt(&im->t, L_OWNER);
    l.account = (char *)ordo__table_opt(&im->t, L_ACCOUNT);
    l.contact = (char *)ordo__table_opt(&im->t, L_CONTACT);
    l.opportunity = (char *)ordo__table_opt(&im->t, L_OPP);
    ORDO_TRY(word_cell(im, L_RATING, ordo_lead_rating_parse, ORDO_LEAD_WARM, "hot, warm or cold", &v));
    l.rating = (ordo_lead_rating)v;
    ORDO_TRY(word_cell(im, L_STATUS, ordo_lead_status_parse, ORDO_LEAD_OPEN, "open, qualified or disqualified", &v));
    l.status = (ordo_lead_status)v;
    ORDO_TRY(word_cell(im, L_REASON, ordo_lead_reason_parse, ORDO_LEAD_REASON_NONE,
                       "no_budget, not_target, no_interest, timing, duplicate or other", &v));
    l.reason = (ordo_lead_reason)v;
    if (ordo__table_opt(&im->t, L_SCORE))
        ORDO_TRY(ordo__table_int(&im->t, L_SCORE, 0, &l.score));
    ORDO_TRY(checked(im, ordo_lead_check(&l, im->err), L_ID));
    rc = stored(im, ordo_store_lead_add(im->s, &l), L_ID);
done:
    return rc;
}

static int opp_row(importer *im)
{
    int rc = ORDO_OK, v = 0, value = 0;
    ordo_opportunity o = { 0 };
    ORDO_TRY(ordo__table_id(&im->t, O_ID, (const char **)&o.id));
    ORDO_TRY(ordo__table_text(&im->t, O_NAME, (const char **)&o.name));
    char **text[] = { &o.account, &o.contact, &o.lead, &o.owner };
    for (int i = 0; i < 4; i++)
        *text[i] = (char *)ordo__table_opt(&im->t, O_ACCOUNT + i);
    o.reason = (char *)ordo__table_opt(&im->t, O_REASON);
    o.service = (char *)ordo__table_opt(&im->t, O_SERVICE);
    ORDO_TRY(word_cell(im, O_STAGE, ordo_stage_parse, ORDO_STAGE_QUALIFY, "qualify, develop, propose or close", &v));
    o.stage = (ordo_stage)v;
    ORDO_TRY(word_cell(im, O_STATUS, ordo_opp_status_parse, ORDO_OPP_OPEN, "open, won or lost", &v));
    o.status = (ordo_opp_status)v;
    if (ordo__table_opt(&im->t, O_VALUE))
        ORDO_TRY(ordo__table_int(&im->t, O_VALUE, 0, &value));
    o.value = value;
    o.close_date = im->today;
    if (ordo__table_opt(&im->t, O_CLOSE))
        ORDO_TRY(ordo__table_date(&im->t, O_CLOSE, &o.close_date));
    if (ordo__table_opt(&im->t, O_MINUTES))
        ORDO_TRY(ordo__table_int(&im->t, O_MINUTES, 0, &o.minutes));
    o.probability = -1;
    const char *prob = ordo__table_opt(&im->t, O_PROB);
    if (prob && strcmp(prob, "-1") != 0) {
        ORDO_TRY(ordo__table_int(&im->t, O_PROB, 0, &o.probability));
        if (o.probability > 100)
            ORDO_TRY(ordo__table_fail(&im->t, O_PROB, "%d must be -1 (the stage's) or 0..100", o.probability));
    }
    ORDO_TRY(checked(im, ordo_opportunity_check(&o, im->err), O_ID));
    rc = stored(im, ordo_store_opportunity_add(im->s, &o, (int64_t)im->today * 86400), O_ID);
done:
    return rc;
}

static const struct table_def {
    const char *const *cols;
    int nrequired, ncols;
    int (*row)(importer *);
} tables[] = {
    [ORDO_SALES_LEADS] = { lead_cols, L_CHANNEL + 1, L_NCOLS, lead_row },
    [ORDO_SALES_OPPORTUNITIES] = { opp_cols, O_CONTACT + 1, O_NCOLS, opp_row },
};

/* One row through the importer's table (ordo__table_import's callback). */
static int run_row(void *ctx)
{
    importer *im = ctx;
    return im->def->row(im);
}

int ordo_sales_csv_import(ordo_store *s, ordo_sales_table t, const char *path, ordo_date today,
                          ordo_warn_fn warn, void *payload, int *out_rows, ordo_err *err)
{
    importer im = { NULL, s, { 0 }, today, err };
    if (out_rows)
        *out_rows = 0;
    if (!s || !path || (unsigned)t > ORDO_SALES_OPPORTUNITIES)
        return ordo__seterr(err, ORDO_EINVAL, "CSV import: no store, file or table");
    const struct table_def *def = im.def = &tables[t];
    return ordo__table_import(&im.t, s, path, def->cols, def->nrequired, def->ncols, warn, payload,
                              run_row, &im, out_rows, err);
}

/* ---- export ------------------------------------------------------------------------ */

static int lead_out(const ordo_lead *l, void *payload)
{
    ordo__outbuf *b = payload;
    char score[12];
    snprintf(score, sizeof score, "%d", l->score);
    const char *v[L_NCOLS] = { l->id, l->topic, l->first_name, l->last_name, l->company, l->email, l->phone,
                               l->parent_contact, l->parent_account, l->campaign, l->channel,
                               ordo_lead_rating_name(l->rating), score, l->owner, ordo_lead_status_name(l->status),
                               ordo_lead_reason_name(l->reason), l->account, l->contact, l->opportunity };
    for (int i = 0; i < L_NCOLS; i++)
        ordo__csv_cell(b, v[i], i + 1 < L_NCOLS ? ',' : '\n');
    return 0;
}

static int opp_out(const ordo_opportunity *o, void *payload)
{
    ordo__outbuf *b = payload;
    char value[24], close[11], minutes[12], prob[12];
    snprintf(value, sizeof value, "%lld", (long long)o->value);
    ordo_date_format(o->close_date, close);
    snprintf(minutes, sizeof minutes, "%d", o->minutes);
    snprintf(prob, sizeof prob, "%d", o->probability);
    const char *v[O_NCOLS] = { o->id, o->name, o->account, o->contact, o->lead, o->owner, ordo_stage_name(o->stage),
                               value, close, ordo_opp_status_name(o->status), o->reason, minutes, o->service, prob };
    for (int i = 0; i < O_NCOLS; i++)
        ordo__csv_cell(b, v[i], i + 1 < O_NCOLS ? ',' : '\n');
    return 0;
}

int ordo_sales_csv_export(ordo_store *s, ordo_sales_table t, const char *path, ordo_err *err)
{
    int rc = ORDO_OK;
    ordo__outbuf b = { 0 };
    if (!s || (unsigned)t > ORDO_SALES_OPPORTUNITIES)
        return ordo__seterr(err, ORDO_EINVAL, "CSV export: no store or table");
    const struct table_def *def = &tables[t];
    for (int k = 0; k < def->ncols; k++)
        ordo__csv_cell(&b, def->cols[k], k + 1 < def->ncols ? ',' : '\n');
    rc = t == ORDO_SALES_LEADS ? ordo_store_lead_list(s, lead_out, &b) : ordo_store_opportunity_list(s, opp_out, &b);
    return ordo__csv_emit(&b, rc, s, path, err);
}
