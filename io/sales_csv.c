/*
 * sales_csv.c — leads, opportunities, the marketing records (campaigns,
 * responses, lists, list members, suppressions), SLA policies and queue
 * routing rules to and from CSV (sales_csv.h).
 * Import reads rows with the data contract's table reader (typed cells,
 * "FILE:LINE: COLUMN" messages), builds each record, checks it with the
 * model's rules and adds it through the store, all inside one
 * ordo_store_begin() ... commit; any failure rolls the whole file back.
 */
#include "io/sales_csv.h"

#include "io/import_table.h"
#include "io/out_file.h"
#include "io/sla.h"
#include "model/crm.h"
#include "model/tz.h"

#include <stdio.h>
#include <stdlib.h>
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

static const char *const campaign_cols[] = { "id", "name", "start", "end", "budget_cents", "expected", "owner",
                                             "status" };
enum { C_ID, C_NAME, C_START, C_END, C_BUDGET, C_EXPECTED, C_OWNER, C_STATUS, C_NCOLS };
static const char *const response_cols[] = { "campaign", "contact", "account", "lead", "channel", "date", "outcome",
                                             "converted", "converted_to" };
enum { R_CAMPAIGN, R_CONTACT, R_ACCOUNT, R_LEAD, R_CHANNEL, R_DATE, R_OUTCOME, R_CONVERTED, R_TO, R_NCOLS };
static const char *const list_cols[] = { "id", "name", "kind", "relationship", "role", "account", "active_from",
                                         "inactive_since", "city" };
enum { M_ID, M_NAME, M_KIND, M_REL, M_ROLE, M_ACCOUNT, M_FROM, M_SINCE, M_CITY, M_NCOLS };
static const char *const member_cols[] = { "list", "contact" };
static const char *const supp_cols[] = { "contact", "reason", "at" };
static const char *const sla_cols[] = { "id", "site", "zone", "first_response", "resolve", "queue", "contract",
                                        "priority", "warn_percent", "hours", "holidays" };
enum { S_ID, S_SITE, S_ZONE, S_FIRST, S_RESOLVE, S_QUEUE, S_CONTRACT, S_PRIORITY, S_WARN, S_HOURS, S_HOLIDAYS,
       S_NCOLS };
static const char *const rule_cols[] = { "queue", "rule", "agents", "skill" };

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

/* A record the model's check refused (err holds "lead ID: FIELD ..."),
 * placed at the column of the field it names (err->field), else at `col`. */
static int checked(importer *im, int rc, int col)
{
    if (rc >= 0)
        return rc;
    for (int i = 0; i < im->t.ncols && im->err->field[0]; i++)
        if (!strcmp(im->t.cols[i], im->err->field) && im->t.pos[i] >= 0) {
            col = i;
            break;
        }
    return ordo__table_fail(&im->t, col, "%s", im->err->msg);
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

/* An optional date cell: *out unchanged when blank. */
static int opt_date(importer *im, int col, ordo_date *out)
{
    return ordo__table_opt(&im->t, col) ? ordo__table_date(&im->t, col, out) : ORDO_OK;
}

static int campaign_row(importer *im)
{
    int rc = ORDO_OK, v = 0, budget = 0;
    ordo_campaign c = { 0 };
    ORDO_TRY(ordo__table_id(&im->t, C_ID, (const char **)&c.id));
    ORDO_TRY(ordo__table_text(&im->t, C_NAME, (const char **)&c.name));
    ORDO_TRY(ordo__table_date(&im->t, C_START, &c.start));
    ORDO_TRY(ordo__table_date(&im->t, C_END, &c.end));
    if (ordo__table_opt(&im->t, C_BUDGET))
        ORDO_TRY(ordo__table_int(&im->t, C_BUDGET, 0, &budget));
    c.budget = budget;
    if (ordo__table_opt(&im->t, C_EXPECTED))
        ORDO_TRY(ordo__table_int(&im->t, C_EXPECTED, 0, &c.expected));
    c.owner = (char *)ordo__table_opt(&im->t, C_OWNER);
    ORDO_TRY(word_cell(im, C_STATUS, ordo_campaign_status_parse, ORDO_CAMPAIGN_PLANNED,
                       "planned, active, completed or cancelled", &v));
    c.status = (ordo_campaign_status)v;
    ORDO_TRY(checked(im, ordo_campaign_check(&c, im->err), C_ID));
    rc = stored(im, ordo_store_campaign_put(im->s, &c, ORDO_PUT_NEW), C_ID);
done:
    return rc;
}

static int response_row(importer *im)
{
    int rc = ORDO_OK, v = 0;
    int64_t id = 0;
    ordo_response r = { 0 };
    ORDO_TRY(ordo__table_id(&im->t, R_CAMPAIGN, (const char **)&r.campaign));
    char **who[] = { &r.contact, &r.account, &r.lead };
    for (int i = 0; i < 3; i++)
        *who[i] = (char *)ordo__table_opt(&im->t, R_CONTACT + i);
    ORDO_TRY(ordo__table_text(&im->t, R_CHANNEL, (const char **)&r.channel));
    ORDO_TRY(ordo__table_date(&im->t, R_DATE, &r.date));
    ORDO_TRY(word_cell(im, R_OUTCOME, ordo_response_outcome_parse, ORDO_RESPONSE_INTERESTED,
                       "interested, more_info, not_interested or unsubscribe", &v));
    r.outcome = (ordo_response_outcome)v;
    ORDO_TRY(word_cell(im, R_CONVERTED, ordo_conversion_parse, ORDO_CONVERSION_NONE, "lead, case or opportunity",
                       &v));
    r.converted = (ordo_conversion)v;
    r.converted_to = (char *)ordo__table_opt(&im->t, R_TO);
    ORDO_TRY(checked(im, ordo_response_check(&r, im->err), R_CAMPAIGN));
    rc = stored(im, ordo_store_response_add(im->s, &r, &id), R_CAMPAIGN);
done:
    return rc;
}

static int rel_parse(const char *s) { return ordo_relationship_parse(s); }

static int list_row(importer *im)
{
    int rc = ORDO_OK, v = 0;
    ordo_mlist l = { 0 };
    ORDO_TRY(ordo__table_id(&im->t, M_ID, (const char **)&l.id));
    ORDO_TRY(ordo__table_text(&im->t, M_NAME, (const char **)&l.name));
    ORDO_TRY(word_cell(im, M_KIND, ordo_list_kind_parse, ORDO_LIST_STATIC, "static or dynamic", &v));
    l.kind = (ordo_list_kind)v;
    ORDO_TRY(word_cell(im, M_REL, rel_parse, ORDO_REL_NONE,
                       "suspect, prospect, potential_client, client or former_client", &v));
    l.filter.relationship = (ordo_relationship)v;
    l.filter.role = (char *)ordo__table_opt(&im->t, M_ROLE);
    l.filter.account = (char *)ordo__table_opt(&im->t, M_ACCOUNT);
    ORDO_TRY(opt_date(im, M_FROM, &l.filter.active_from));
    ORDO_TRY(opt_date(im, M_SINCE, &l.filter.inactive_since));
    l.filter.city = (char *)ordo__table_opt(&im->t, M_CITY);
    if (l.filter.city)
        ORDO_TRY(checked(im, ordo_city_query_check(l.filter.city, "list", l.id, im->err), M_CITY));
    ORDO_TRY(checked(im, ordo_mlist_check(&l, im->err), M_ID));
    rc = stored(im, ordo_store_mlist_put(im->s, &l, ORDO_PUT_NEW), M_ID);
done:
    return rc;
}

static int member_row(importer *im)
{
    int rc = ORDO_OK;
    const char *list = NULL, *contact = NULL;
    ORDO_TRY(ordo__table_id(&im->t, 0, &list));
    ORDO_TRY(ordo__table_id(&im->t, 1, &contact));
    rc = stored(im, ordo_store_mlist_member(im->s, list, contact, 1), 1);
done:
    return rc;
}

static int supp_row(importer *im)
{
    int rc = ORDO_OK;
    long long at = 0;
    const char *contact = NULL, *reason = NULL, *when = ordo__table_opt(&im->t, 2);
    char *end = NULL;
    ORDO_TRY(ordo__table_id(&im->t, 0, &contact));
    ORDO_TRY(ordo__table_text(&im->t, 1, &reason));
    if (!ordo_marketing_word_ok(reason))
        ORDO_TRY(ordo__table_fail(&im->t, 1, "'%.60s' must be a word of a-z, 0-9 and '_'", reason));
    if (when && ((at = strtoll(when, &end, 10)) < 0 || *end || end == when))
        ORDO_TRY(ordo__table_fail(&im->t, 2, "'%.60s' must be UTC seconds >= 0", when));
    rc = stored(im, ordo_store_suppress(im->s, contact, 1, reason, at ? at : (int64_t)im->today * 86400), 0);
done:
    return rc;
}

static const char *const day_names[7] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

/* "HH:MM" (len 5, "24:00" allowed) -> minutes, else -1. */
static int hhmm(const char *t)
{
    char one[6];
    int v = -1;
    snprintf(one, sizeof one, "%.5s", t);
    return ordo_time_parse(one, 1, &v) == 0 ? v : -1;
}

/* The hours cell: "DD HH:MM-HH:MM" per weekday, ';'-joined (blank: Monday
 * to Friday 09:00-17:00). */
static int hours_cell(importer *im, ordo_sla_policy *p)
{
    const char *v = ordo__table_opt(&im->t, S_HOURS);
    if (!v) {
        for (int d = 0; d < 5; d++)
            p->start[d] = 9 * 60, p->end[d] = 17 * 60;
        return ORDO_OK;
    }
    for (const char *q = v; *q;) {
        size_t len = strcspn(q, ";");
        int d = -1, from = -1, to = -1;
        for (int k = 0; k < 7; k++)
            if (len == 14 && strncmp(q, day_names[k], 2) == 0 && q[2] == ' ' && q[8] == '-')
                d = k;
        if (d >= 0)
            from = hhmm(q + 3), to = hhmm(q + 9);
        if (d < 0 || from < 0 || to <= from || p->end[d] > 0)
            return ordo__table_fail(&im->t, S_HOURS, "'%.*s' must be a weekday (MO..SU, once each) and "
                                    "HH:MM-HH:MM, start before end", (int)(len < 40 ? len : 40), q);
        p->start[d] = from;
        p->end[d] = to;
        q += len + (q[len] == ';');
    }
    return ORDO_OK;
}

static int holidays_cell(importer *im, ordo_sla_policy *p)
{
    char bad[16];
    if (ordo_sla_holidays_parse(ordo__table_opt(&im->t, S_HOLIDAYS), p, bad, sizeof bad) == 0)
        return ORDO_OK;
    return ordo__table_fail(&im->t, S_HOLIDAYS, bad[0] ? "'%s' is not a date (YYYY-MM-DD)" : "out of memory%s", bad);
}

static int sla_row(importer *im)
{
    int rc = ORDO_OK, first = 0, resolve = 0, warn = 0;
    ordo_sla_policy p = { 0 };
    ORDO_TRY(ordo__table_id(&im->t, S_ID, (const char **)&p.id));
    ORDO_TRY(ordo__table_id(&im->t, S_SITE, (const char **)&p.site));
    ORDO_TRY(ordo__table_text(&im->t, S_ZONE, (const char **)&p.zone));
    if (!ordo_tz_valid(p.zone))
        ORDO_TRY(ordo__table_fail(&im->t, S_ZONE, "'%.60s' is not a time zone of the system's zone data", p.zone));
    ORDO_TRY(ordo__table_int(&im->t, S_FIRST, 1, &first));
    ORDO_TRY(ordo__table_int(&im->t, S_RESOLVE, 1, &resolve));
    p.first_response = first;
    p.resolve = resolve;
    p.queue = (char *)ordo__table_opt(&im->t, S_QUEUE);
    p.contract = (char *)ordo__table_opt(&im->t, S_CONTRACT);
    const char *prio = ordo__table_opt(&im->t, S_PRIORITY);   /* blank: any priority */
    if (prio && (p.priority = ordo_case_priority_parse(prio)) < 0)
        ORDO_TRY(ordo__table_fail(&im->t, S_PRIORITY, "'%.60s' must be low, normal or high", prio));
    if (!prio)
        p.priority = -1;
    if (ordo__table_opt(&im->t, S_WARN))
        ORDO_TRY(ordo__table_int(&im->t, S_WARN, 1, &warn));
    p.warn_percent = warn ? warn : ORDO_SLA_DEFAULT_WARN;
    ORDO_TRY(hours_cell(im, &p));
    ORDO_TRY(holidays_cell(im, &p));
    ORDO_TRY(checked(im, ordo_sla_policy_check(&p, im->err), S_ID));
    rc = ordo_store_sla_policy_add(im->s, &p);
    rc = stored(im, rc, rc == ORDO_EINPUT ? S_SITE : S_ID);   /* an unknown site, or a taken id */
done:
    ordo__free(p.holidays);
    return rc;
}

static int route_parse(const char *s) { return ordo_route_rule_parse(s); }

static int rule_row(importer *im)
{
    int rc = ORDO_OK, rule = 0;
    const char *queue = NULL, *word = NULL, *agents = NULL;
    ORDO_TRY(ordo__table_id(&im->t, 0, &queue));
    ORDO_TRY(ordo__table_text(&im->t, 1, &word));        /* the rule: required */
    ORDO_TRY(word_cell(im, 1, route_parse, -1, "round_robin, least_busy or by_skill", &rule));
    ORDO_TRY(ordo__table_text(&im->t, 2, &agents));
    if (rule == ORDO_ROUTE_BY_SKILL && !ordo__table_opt(&im->t, 3))
        ORDO_TRY(ordo__table_fail(&im->t, 3, "by_skill needs a skill"));
    rc = stored(im, ordo_store_queue_rule_set(im->s, queue, (ordo_route_rule)rule, agents,
                                              ordo__table_opt(&im->t, 3)), 0);
done:
    return rc;
}

static const struct table_def {
    const char *const *cols;
    int nrequired, ncols;
    int (*row)(importer *);
    const char *noun;
} tables[] = {
    [ORDO_SALES_LEADS] = { lead_cols, L_CHANNEL + 1, L_NCOLS, lead_row, "lead" },
    [ORDO_SALES_OPPORTUNITIES] = { opp_cols, O_CONTACT + 1, O_NCOLS, opp_row, "opportunity" },
    [ORDO_SALES_CAMPAIGNS] = { campaign_cols, C_END + 1, C_NCOLS, campaign_row, "campaign" },
    [ORDO_SALES_RESPONSES] = { response_cols, R_DATE + 1, R_NCOLS, response_row, "response" },
    [ORDO_SALES_LISTS] = { list_cols, M_KIND + 1, M_NCOLS, list_row, "list" },
    [ORDO_SALES_LIST_MEMBERS] = { member_cols, 2, 2, member_row, "list member" },
    [ORDO_SALES_SUPPRESSIONS] = { supp_cols, 2, 3, supp_row, "suppression" },
    [ORDO_SALES_SLA_POLICIES] = { sla_cols, S_RESOLVE + 1, S_NCOLS, sla_row, "SLA policy" },
    [ORDO_SALES_QUEUE_RULES] = { rule_cols, 3, 4, rule_row, "queue rule" },
};

const char *ordo_sales_table_noun(ordo_sales_table t)
{
    return (unsigned)t < ORDO_SALES_TABLE_COUNT ? tables[t].noun : "?";
}

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
    if (!s || !path || (unsigned)t >= ORDO_SALES_TABLE_COUNT)
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

/* One CSV line of n cells. */
static void csv_line(ordo__outbuf *b, const char *const *v, int n)
{
    for (int i = 0; i < n; i++)
        ordo__csv_cell(b, v[i], i + 1 < n ? ',' : '\n');
}

static int campaign_out(const ordo_campaign *c, void *payload)
{
    char s[11], e[11], budget[24], expected[12];
    ordo_date_format(c->start, s);
    ordo_date_format(c->end, e);
    snprintf(budget, sizeof budget, "%lld", (long long)c->budget);
    snprintf(expected, sizeof expected, "%d", c->expected);
    const char *v[C_NCOLS] = { c->id, c->name, s, e, budget, expected, c->owner, ordo_campaign_status_name(c->status) };
    csv_line(payload, v, C_NCOLS);
    return 0;
}

static int response_out(const ordo_response *r, void *payload)
{
    char d[11];
    ordo_date_format(r->date, d);
    const char *v[R_NCOLS] = { r->campaign, r->contact, r->account, r->lead, r->channel, d,
                               ordo_response_outcome_name(r->outcome), ordo_conversion_name(r->converted),
                               r->converted_to };
    csv_line(payload, v, R_NCOLS);
    return 0;
}

static int list_out(const ordo_mlist *l, void *payload)
{
    char from[11] = "", since[11] = "";
    if (l->filter.active_from > 0)
        ordo_date_format(l->filter.active_from, from);
    if (l->filter.inactive_since > 0)
        ordo_date_format(l->filter.inactive_since, since);
    const char *v[M_NCOLS] = { l->id, l->name, ordo_list_kind_name(l->kind),
                               ordo_relationship_name(l->filter.relationship), l->filter.role, l->filter.account,
                               from, since, l->filter.city };
    csv_line(payload, v, M_NCOLS);
    return 0;
}

static int member_out(const char *list, const char *contact, void *payload)
{
    const char *v[2] = { list, contact };
    csv_line(payload, v, 2);
    return 0;
}

static int supp_out(const char *contact, const char *reason, int64_t at, void *payload)
{
    char t[24];
    snprintf(t, sizeof t, "%lld", (long long)at);
    const char *v[3] = { contact, reason, t };
    csv_line(payload, v, 3);
    return 0;
}

static int sla_out(const ordo_sla_policy *p, void *payload)
{
    char first[24], resolve[24], warn[12], hours[7 * 16] = "", day[16], *holidays = NULL;
    size_t at = 0;
    snprintf(first, sizeof first, "%lld", (long long)p->first_response);
    snprintf(resolve, sizeof resolve, "%lld", (long long)p->resolve);
    snprintf(warn, sizeof warn, "%d", p->warn_percent);
    for (int d = 0; d < 7; d++)
        if (ordo_sla_day_hours(p, d, day, sizeof day) == 0)
            at += (size_t)snprintf(hours + at, sizeof hours - at, "%s%s %s", at ? ";" : "", day_names[d], day);
    if (!(holidays = ordo_sla_holidays_text(p)))
        return ORDO_ENOMEM;
    const char *v[S_NCOLS] = { p->id, p->site, p->zone, first, resolve, p->queue, p->contract,
                               p->priority >= 0 ? ordo_case_priority_name((ordo_case_priority)p->priority) : NULL,
                               warn, hours, holidays };
    csv_line(payload, v, S_NCOLS);
    ordo__free(holidays);
    return 0;
}

static int rule_out(const char *queue, const ordo_queue_rule *r, void *payload)
{
    const char *v[4] = { queue, ordo_route_rule_name(r->rule), r->agents, r->skill };
    csv_line(payload, v, 4);
    return 0;
}

int ordo_sales_csv_export(ordo_store *s, ordo_sales_table t, const char *path, ordo_err *err)
{
    int rc = ORDO_OK;
    ordo__outbuf b = { 0 };
    if (!s || (unsigned)t >= ORDO_SALES_TABLE_COUNT)
        return ordo__seterr(err, ORDO_EINVAL, "CSV export: no store or table");
    const struct table_def *def = &tables[t];
    csv_line(&b, def->cols, def->ncols);
    switch (t) {
    case ORDO_SALES_LEADS: rc = ordo_store_lead_list(s, lead_out, &b); break;
    case ORDO_SALES_OPPORTUNITIES: rc = ordo_store_opportunity_list(s, opp_out, &b); break;
    case ORDO_SALES_CAMPAIGNS: rc = ordo_store_campaign_list(s, campaign_out, &b); break;
    case ORDO_SALES_RESPONSES: rc = ordo_store_response_list(s, NULL, response_out, &b); break;
    case ORDO_SALES_LISTS: rc = ordo_store_mlist_list(s, list_out, &b); break;
    case ORDO_SALES_LIST_MEMBERS: rc = ordo_store_mlist_member_list(s, member_out, &b); break;
    case ORDO_SALES_SUPPRESSIONS: rc = ordo_store_suppress_list(s, supp_out, &b); break;
    case ORDO_SALES_SLA_POLICIES: rc = ordo_store_sla_policy_list(s, sla_out, &b); break;
    case ORDO_SALES_QUEUE_RULES: rc = ordo_store_queue_rule_list(s, rule_out, &b); break;
    }
    return ordo__csv_emit(&b, rc, s, path, err);
}
