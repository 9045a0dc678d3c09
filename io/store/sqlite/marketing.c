/*
 * marketing.c — campaigns, responses, marketing lists and suppressions in
 * the store (io/marketing.h). SQL text here, every SQLite call behind
 * store_int.h. Invariants: a response's `converted` and `converted_to` are
 * set together, once, by an UPDATE ... WHERE converted = '' under the
 * write lock; a dynamic list's filter is columns (typed values bound as
 * parameters, never query text) and is applied by the model's
 * ordo_list_filter_match() on each contact's facts. The queue routing
 * rules (queue_rules: rule, agents, skill, round-robin cursor) live here
 * too, created with these tables.
 */
#include "io/marketing.h"
#include "io/store/sqlite/store_int.h"

#include <stdio.h>
#include <string.h>

static ordo_err *E(ordo_store *s) { return ordo__store_err(s); }

#define MARKETING_TABLES 9

static const char *const has_tables_sql =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('campaigns', 'campaign_responses',"
    " 'marketing_lists', 'list_members', 'suppressions', 'queue_rules', 'sla_policies', 'case_slas',"
    " 'case_sla_pauses')";
static const char *const create_sql[] = {
    "CREATE TABLE IF NOT EXISTS campaigns (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL,"
    " start_date TEXT NOT NULL, end_date TEXT NOT NULL, budget INTEGER NOT NULL CHECK (budget >= 0),"
    " expected INTEGER NOT NULL CHECK (expected >= 0), owner TEXT,"
    " status TEXT NOT NULL CHECK (status IN ('planned', 'active', 'completed', 'cancelled')))",
    "CREATE TABLE IF NOT EXISTS campaign_responses (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " campaign TEXT NOT NULL REFERENCES campaigns(id), contact TEXT, account TEXT, lead TEXT,"
    " channel TEXT NOT NULL, date TEXT NOT NULL,"
    " outcome TEXT NOT NULL CHECK (outcome IN ('interested', 'more_info', 'not_interested', 'unsubscribe')),"
    " converted TEXT NOT NULL DEFAULT '' CHECK (converted IN ('', 'lead', 'case', 'opportunity')),"
    " converted_to TEXT)",
    "CREATE INDEX IF NOT EXISTS campaign_responses_campaign ON campaign_responses(campaign)",
    "CREATE INDEX IF NOT EXISTS campaign_responses_contact ON campaign_responses(contact)",
    "CREATE INDEX IF NOT EXISTS campaign_responses_account ON campaign_responses(account)",
    "CREATE TABLE IF NOT EXISTS marketing_lists (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL,"
    " kind TEXT NOT NULL CHECK (kind IN ('static', 'dynamic')), f_relationship TEXT NOT NULL DEFAULT '',"
    " f_role TEXT, f_account TEXT, f_active_from TEXT, f_inactive_since TEXT, f_city TEXT)",
    "CREATE TABLE IF NOT EXISTS list_members (list TEXT NOT NULL REFERENCES marketing_lists(id),"
    " contact TEXT NOT NULL, PRIMARY KEY (list, contact))",
    "CREATE TABLE IF NOT EXISTS suppressions (contact TEXT PRIMARY KEY NOT NULL, reason TEXT NOT NULL,"
    " at INTEGER NOT NULL)",
    /* queue routing rules (the queue use cases; kept with these tables, created together) */
    "CREATE TABLE IF NOT EXISTS queue_rules (queue TEXT PRIMARY KEY NOT NULL,"
    " rule TEXT NOT NULL CHECK (rule IN ('round_robin', 'least_busy', 'by_skill')),"
    " agents TEXT NOT NULL, skill TEXT, cursor INTEGER NOT NULL DEFAULT -1)",
    /* SLA policies and the cases' SLA clocks (io/store/sqlite/sla.c) */
    "CREATE TABLE IF NOT EXISTS sla_policies (id TEXT PRIMARY KEY NOT NULL, queue TEXT, contract TEXT,"
    " priority TEXT CHECK (priority IN ('low', 'normal', 'high')),"
    " first_response INTEGER NOT NULL CHECK (first_response > 0), resolve INTEGER NOT NULL CHECK (resolve > 0),"
    " warn_percent INTEGER NOT NULL, site TEXT, zone TEXT NOT NULL, hours TEXT NOT NULL,"
    " holidays TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE IF NOT EXISTS case_slas (case_id INTEGER PRIMARY KEY NOT NULL, policy TEXT NOT NULL,"
    " started INTEGER NOT NULL, responded INTEGER, resolved INTEGER, first_response INTEGER NOT NULL,"
    " resolve INTEGER NOT NULL, warn_percent INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS case_sla_pauses (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " case_id INTEGER NOT NULL, start INTEGER NOT NULL, stop INTEGER)",
    "CREATE INDEX IF NOT EXISTS case_sla_pauses_case ON case_sla_pauses(case_id)",
};

int ordo__marketing_present(ordo_store *s, int *out)
{
    int64_t n = 0;
    ordo__row *r = NULL;
    int rc = ordo__store_sql(s, has_tables_sql, &r);
    if (rc == ORDO_OK)
        rc = ordo__row_int(s, r, "looking for the marketing tables", 0, &n);
    *out = n == MARKETING_TABLES;
    return rc;
}

/* Opens a write unit with the marketing (and sales) tables present. */
int ordo__marketing_begin(ordo_store *s, int *began)
{
    int rc = ordo__store_unit_begin(s), have = 0;
    ordo__row *r = NULL;
    if (rc < 0)
        return rc;
    *began = 1;
    ORDO_TRY(ordo__sales_ensure(s));
    ORDO_TRY(ordo__marketing_present(s, &have));
    for (size_t i = 0; !have && i < sizeof create_sql / sizeof *create_sql; i++) {
        ORDO_TRY(ordo__store_sql(s, create_sql[i], &r));
        ORDO_TRY(ordo__row_exec(s, r, "creating the marketing tables"));
    }
done:
    return rc;
}

static int end(ordo_store *s, int began, int rc) { return began ? ordo__store_unit_end(s, rc) : rc; }

static char *dup_col(ordo_store *s, ordo__row *r, int col, int *oom)
{
    const char *v = ordo__col_text(s, r, col);
    char *d = v && *v ? ordo__strdup(v) : NULL;
    if (v && *v && !d)
        *oom = 1;
    return d;
}

static int read_one(ordo_store *s, const char *sql, const char *what, const char *key, int64_t num,
                    ordo__fill_fn fill, void *out)
{
    return ordo__rec_read(s, sql, what, key, num, fill, out);
}
static int get_one(ordo_store *s, const char *sql, const char *what, const char *key, int64_t num,
                   ordo__fill_fn fill, void *out)
{
    return ordo__rec_get(s, ordo__marketing_present, sql, what, key, num, fill, out);
}
static int each_row(ordo_store *s, const char *sql, const char *arg, const char *what, ordo__each_fn each,
                    void *payload)
{
    return ordo__rec_each(s, ordo__marketing_present, sql, arg, what, each, payload);
}

/* count(*) of sql with ?1 = a (text) in the current transaction. */
static int count1(ordo_store *s, const char *sql, const char *a, int64_t *n)
{
    ordo__row *r = NULL;
    int rc = ordo__store_sql(s, sql, &r);
    if (rc == ORDO_OK) {
        ordo__bind_text(s, r, 1, a);
        rc = ordo__row_int(s, r, "looking up a reference", 0, n);
    }
    return rc;
}

static const char *const contact_exists_sql = "SELECT count(*) FROM contacts WHERE id = ?1";
static const char *const account_exists_sql = "SELECT count(*) FROM accounts WHERE id = ?1";
static const char *const lead_exists_sql = "SELECT count(*) FROM leads WHERE id = ?1";

/* ORDO_EINPUT "WHAT: FIELD 'ID' is not a known KIND" unless id is absent or exists. */
static int need(ordo_store *s, const char *sql, const char *id, const char *what, const char *field,
                const char *kind)
{
    int64_t n = 0;
    int rc = id && *id ? count1(s, sql, id, &n) : ORDO_OK;
    if (rc == ORDO_OK && id && *id && !n)
        rc = ordo__seterr(E(s), ORDO_EINPUT, "%s: %s '%s' is not a known %s", what, field, id, kind);
    return rc;
}

/* ---- campaigns ------------------------------------------------------------------- */

#define CAMPAIGN_COLS "id, name, start_date, end_date, budget, expected, owner, status"
static const char *const campaign_get_sql = "SELECT " CAMPAIGN_COLS " FROM campaigns WHERE id = ?1";
static const char *const campaign_list_sql = "SELECT " CAMPAIGN_COLS " FROM campaigns ORDER BY id";
static const char *const campaign_exists_sql = "SELECT count(*) FROM campaigns WHERE id = ?1";
static const char *const campaign_put_sql =
    "INSERT INTO campaigns (" CAMPAIGN_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO UPDATE"
    " SET name = ?2, start_date = ?3, end_date = ?4, budget = ?5, expected = ?6, owner = ?7, status = ?8";

static int campaign_row(ordo_store *s, ordo__row *r, void *out)
{
    ordo_campaign *c = out;
    int oom = 0;
    memset(c, 0, sizeof *c);
    c->id = dup_col(s, r, 0, &oom);
    c->name = dup_col(s, r, 1, &oom);
    int rc = ordo__col_date(s, r, 2, &c->start, "campaigns", c->id ? c->id : "?");
    if (rc == ORDO_OK)
        rc = ordo__col_date(s, r, 3, &c->end, "campaigns", c->id ? c->id : "?");
    c->budget = ordo__col_int(r, 4);
    c->expected = (int)ordo__col_int(r, 5);
    c->owner = dup_col(s, r, 6, &oom);
    int st = ordo_campaign_status_parse(ordo__col_text(s, r, 7));
    c->status = st < 0 ? ORDO_CAMPAIGN_PLANNED : (ordo_campaign_status)st;
    if (oom)
        rc = ordo__seterr(E(s), ORDO_ENOMEM, "out of memory");
    if (rc < 0)
        ordo_campaign_clear(c);
    return rc;
}

/* Put a checked record under mode: the id's existence decides EEXISTS / ENOTFOUND. */
static int put_mode_check(ordo_store *s, const char *exists_sql, const char *what, const char *id,
                          ordo_put_mode mode)
{
    int64_t n = 0;
    int rc = count1(s, exists_sql, id, &n);
    if (rc == ORDO_OK && n && mode == ORDO_PUT_NEW)
        rc = ordo__seterr(E(s), ORDO_EEXISTS, "%s %s already exists", what, id);
    else if (rc == ORDO_OK && !n && mode == ORDO_PUT_EXISTING)
        rc = ordo__seterr(E(s), ORDO_ENOTFOUND, "%s %s does not exist", what, id);
    return rc;
}

int ordo_store_campaign_put(ordo_store *s, const ordo_campaign *c, ordo_put_mode mode)
{
    int rc = ORDO_OK, began = 0;
    ordo__row *r = NULL;
    if (!s || !c)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo_campaign_check(c, E(s)));
    ORDO_TRY(ordo__marketing_begin(s, &began));
    ORDO_TRY(put_mode_check(s, campaign_exists_sql, "campaign", c->id, mode));
    ORDO_TRY(ordo__store_sql(s, campaign_put_sql, &r));
    ordo__bind_text(s, r, 1, c->id);
    ordo__bind_text(s, r, 2, c->name);
    ordo__bind_date(s, r, 3, c->start);
    ordo__bind_date(s, r, 4, c->end);
    ordo__bind_int(s, r, 5, c->budget);
    ordo__bind_int(s, r, 6, c->expected);
    ordo__bind_text(s, r, 7, c->owner && *c->owner ? c->owner : NULL);
    ordo__bind_text(s, r, 8, ordo_campaign_status_name(c->status));
    rc = ordo__row_exec(s, r, "saving the campaign");
done:
    return end(s, began, rc);
}

int ordo_store_campaign_get(ordo_store *s, const char *id, ordo_campaign *out)
{
    if (!s || !id || !out)
        return ORDO_EINVAL;
    memset(out, 0, sizeof *out);
    return get_one(s, campaign_get_sql, "campaign", id, 0, campaign_row, out);
}

typedef struct campaign_each { int (*fn)(const ordo_campaign *c, void *payload); void *payload; } campaign_each;

static int each_campaign(ordo_store *s, ordo__row *r, void *payload)
{
    campaign_each *e = payload;
    ordo_campaign c;
    int rc = campaign_row(s, r, &c);
    if (rc == ORDO_OK)
        rc = e->fn(&c, e->payload);
    ordo_campaign_clear(&c);
    return rc;
}

int ordo_store_campaign_list(ordo_store *s, int (*fn)(const ordo_campaign *c, void *payload), void *payload)
{
    campaign_each e = { fn, payload };
    if (!s || !fn)
        return ORDO_EINVAL;
    return each_row(s, campaign_list_sql, NULL, "listing campaigns", each_campaign, &e);
}

/* ---- responses ------------------------------------------------------------------- */

#define RESPONSE_COLS "id, campaign, contact, account, lead, channel, date, outcome, converted, converted_to"
static const char *const response_get_sql = "SELECT " RESPONSE_COLS " FROM campaign_responses WHERE id = ?1";
static const char *const response_list_sql =
    "SELECT " RESPONSE_COLS " FROM campaign_responses WHERE ?1 IS NULL OR campaign = ?1 ORDER BY id";
static const char *const response_add_sql =
    "INSERT INTO campaign_responses (campaign, contact, account, lead, channel, date, outcome, converted,"
    " converted_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char *const response_convert_sql =
    "UPDATE campaign_responses SET converted = ?2, converted_to = ?3 WHERE id = ?1 AND converted = ''";

static int response_row(ordo_store *s, ordo__row *r, void *out)
{
    ordo_response *x = out;
    int oom = 0;
    memset(x, 0, sizeof *x);
    x->id = ordo__col_int(r, 0);
    char **text[] = { &x->campaign, &x->contact, &x->account, &x->lead, &x->channel };
    for (int i = 0; i < 5; i++)
        *text[i] = dup_col(s, r, i + 1, &oom);
    int rc = ordo__col_date(s, r, 6, &x->date, "campaign_responses", "date");
    int o = ordo_response_outcome_parse(ordo__col_text(s, r, 7));
    const char *conv = ordo__col_text(s, r, 8);
    int c = conv && *conv ? ordo_conversion_parse(conv) : ORDO_CONVERSION_NONE;
    x->outcome = o < 0 ? ORDO_RESPONSE_INTERESTED : (ordo_response_outcome)o;
    x->converted = c < 0 ? ORDO_CONVERSION_NONE : (ordo_conversion)c;
    x->converted_to = dup_col(s, r, 9, &oom);
    if (oom)
        rc = ordo__seterr(E(s), ORDO_ENOMEM, "out of memory");
    if (rc < 0)
        ordo_response_clear(x);
    return rc;
}

int ordo_store_response_add(ordo_store *s, const ordo_response *x, int64_t *out_id)
{
    int rc = ORDO_OK, began = 0;
    ordo__row *r = NULL;
    ordo_campaign c = { 0 };
    if (!s || !x || !out_id)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo_response_check(x, E(s)));
    ORDO_TRY(ordo__marketing_begin(s, &began));
    rc = read_one(s, campaign_get_sql, "campaign", x->campaign, 0, campaign_row, &c);
    if (rc == ORDO_ENOTFOUND)
        rc = ordo__seterr(E(s), ORDO_EINPUT, "response: campaign '%s' does not exist", x->campaign);
    ORDO_TRY(rc);
    ORDO_TRY(ordo_campaign_respond_check(&c, E(s)));
    ORDO_TRY(need(s, contact_exists_sql, x->contact, "response", "contact", "contact"));
    ORDO_TRY(need(s, account_exists_sql, x->account, "response", "account", "account"));
    ORDO_TRY(need(s, lead_exists_sql, x->lead, "response", "lead", "lead"));
    ORDO_TRY(ordo__store_sql(s, response_add_sql, &r));
    const char *text[] = { x->campaign, x->contact, x->account, x->lead, x->channel };
    for (int i = 0; i < 5; i++)
        ordo__bind_text(s, r, i + 1, text[i] && *text[i] ? text[i] : NULL);
    ordo__bind_date(s, r, 6, x->date);
    ordo__bind_text(s, r, 7, ordo_response_outcome_name(x->outcome));
    ordo__bind_text(s, r, 8, ordo_conversion_name(x->converted));
    ordo__bind_text(s, r, 9, x->converted_to && *x->converted_to ? x->converted_to : NULL);
    ORDO_TRY(ordo__row_exec(s, r, "adding the response"));
    *out_id = ordo__store_last_id(s);
done:
    ordo_campaign_clear(&c);
    return end(s, began, rc);
}

int ordo_store_response_get(ordo_store *s, int64_t id, ordo_response *out)
{
    if (!s || !out)
        return ORDO_EINVAL;
    memset(out, 0, sizeof *out);
    return get_one(s, response_get_sql, "response", NULL, id, response_row, out);
}

typedef struct response_each { int (*fn)(const ordo_response *r, void *payload); void *payload; } response_each;

static int each_response(ordo_store *s, ordo__row *r, void *payload)
{
    response_each *e = payload;
    ordo_response x;
    int rc = response_row(s, r, &x);
    if (rc == ORDO_OK)
        rc = e->fn(&x, e->payload);
    ordo_response_clear(&x);
    return rc;
}

int ordo_store_response_list(ordo_store *s, const char *campaign, int (*fn)(const ordo_response *r, void *payload),
                             void *payload)
{
    response_each e = { fn, payload };
    if (!s || !fn)
        return ORDO_EINVAL;
    return each_row(s, response_list_sql, campaign, "listing responses", each_response, &e);
}

int ordo_store_response_convert(ordo_store *s, int64_t id, ordo_conversion to, const char *ref)
{
    int rc = ORDO_OK, began = 0;
    ordo__row *r = NULL;
    ordo_response x = { 0 };
    if (!s || !ref || !*ref)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__marketing_begin(s, &began));
    ORDO_TRY(read_one(s, response_get_sql, "response", NULL, id, response_row, &x));
    ORDO_TRY(ordo_response_convert_check(&x, to, E(s)));
    ORDO_TRY(ordo__store_sql(s, response_convert_sql, &r));
    ordo__bind_int(s, r, 1, id);
    ordo__bind_text(s, r, 2, ordo_conversion_name(to));
    ordo__bind_text(s, r, 3, ref);
    ORDO_TRY(ordo__row_exec(s, r, "recording the conversion"));
    if (ordo__store_changes(s) != 1)
        rc = ordo__seterr(E(s), ORDO_EIO, "response %lld: converted by another process under the lock",
                          (long long)id);
done:
    ordo_response_clear(&x);
    return end(s, began, rc);
}

/* ---- marketing lists ------------------------------------------------------------- */

#define LIST_COLS "id, name, kind, f_relationship, f_role, f_account, f_active_from, f_inactive_since, f_city"
static const char *const list_get_sql = "SELECT " LIST_COLS " FROM marketing_lists WHERE id = ?1";
static const char *const list_list_sql = "SELECT " LIST_COLS " FROM marketing_lists ORDER BY id";
static const char *const list_exists_sql = "SELECT count(*) FROM marketing_lists WHERE id = ?1";
static const char *const list_put_sql =
    "INSERT INTO marketing_lists (" LIST_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (id)"
    " DO UPDATE SET name = ?2, kind = ?3, f_relationship = ?4, f_role = ?5, f_account = ?6, f_active_from = ?7,"
    " f_inactive_since = ?8, f_city = ?9";
static const char *const list_has_members_sql = "SELECT count(*) FROM list_members WHERE list = ?1";
static const char *const member_is_sql = "SELECT count(*) FROM list_members WHERE list = ?1 AND contact = ?2";
static const char *const member_add_sql = "INSERT INTO list_members (list, contact) VALUES (?1, ?2)";
static const char *const member_del_sql = "DELETE FROM list_members WHERE list = ?1 AND contact = ?2";
static const char *const static_members_sql =
    "SELECT m.contact FROM list_members m JOIN contacts c ON c.id = m.contact WHERE m.list = ?1"
    " AND m.contact NOT IN (SELECT contact FROM suppressions) ORDER BY m.contact";
/* Every contact that is not suppressed, with its account's type and roles
 * and its last activity: a case opened, an opportunity change, a campaign
 * response, for the contact or its account ('YYYY-MM-DD' or NULL), then
 * the contact's and its account's cities. */
static const char *const candidates_sql =
    "SELECT c.id, c.account, c.relationship, c.roles, a.relationship, a.roles,"
    " (SELECT max(d) FROM ("
    "   SELECT opened AS d FROM cases WHERE customer IN (c.id, c.account)"
    "   UNION ALL SELECT date(h.at, 'unixepoch') FROM opportunity_history h JOIN opportunities o"
    "     ON o.id = h.opportunity WHERE o.contact = c.id OR o.account = c.account"
    "   UNION ALL SELECT date FROM campaign_responses WHERE contact = c.id OR account = c.account)),"
    " c.city, a.city FROM contacts c LEFT JOIN accounts a ON a.id = c.account"
    " WHERE c.id NOT IN (SELECT contact FROM suppressions) ORDER BY c.id";

static int list_row(ordo_store *s, ordo__row *r, void *out)
{
    ordo_mlist *l = out;
    int oom = 0, rc = ORDO_OK;
    memset(l, 0, sizeof *l);
    l->id = dup_col(s, r, 0, &oom);
    l->name = dup_col(s, r, 1, &oom);
    int k = ordo_list_kind_parse(ordo__col_text(s, r, 2));
    const char *rel = ordo__col_text(s, r, 3);
    int rv = rel && *rel ? ordo_relationship_parse(rel) : ORDO_REL_NONE;
    l->kind = k < 0 ? ORDO_LIST_STATIC : (ordo_list_kind)k;
    l->filter.relationship = rv < 0 ? ORDO_REL_NONE : (ordo_relationship)rv;
    l->filter.role = dup_col(s, r, 4, &oom);
    l->filter.account = dup_col(s, r, 5, &oom);
    l->filter.city = dup_col(s, r, 8, &oom);
    if (!ordo__col_is_null(r, 6))
        rc = ordo__col_date(s, r, 6, &l->filter.active_from, "marketing_lists", "f_active_from");
    if (rc == ORDO_OK && !ordo__col_is_null(r, 7))
        rc = ordo__col_date(s, r, 7, &l->filter.inactive_since, "marketing_lists", "f_inactive_since");
    if (oom)
        rc = ordo__seterr(E(s), ORDO_ENOMEM, "out of memory");
    if (rc < 0)
        ordo_mlist_clear(l);
    return rc;
}

int ordo_store_mlist_put(ordo_store *s, const ordo_mlist *l, ordo_put_mode mode)
{
    int rc = ORDO_OK, began = 0;
    int64_t n = 0;
    ordo__row *r = NULL;
    if (!s || !l)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo_mlist_check(l, E(s)));
    ORDO_TRY(ordo__marketing_begin(s, &began));
    ORDO_TRY(put_mode_check(s, list_exists_sql, "list", l->id, mode));
    ORDO_TRY(need(s, account_exists_sql, l->filter.account, "list", "account", "account"));
    if (l->kind == ORDO_LIST_DYNAMIC) {
        ORDO_TRY(count1(s, list_has_members_sql, l->id, &n));
        if (n) {
            rc = ordo__seterr(E(s), ORDO_ERULE, "list %s has %lld members: a static list cannot become dynamic",
                              l->id, (long long)n);
            goto done;
        }
    }
    ORDO_TRY(ordo__store_sql(s, list_put_sql, &r));
    ordo__bind_text(s, r, 1, l->id);
    ordo__bind_text(s, r, 2, l->name);
    ordo__bind_text(s, r, 3, ordo_list_kind_name(l->kind));
    ordo__bind_text(s, r, 4, ordo_relationship_name(l->filter.relationship));
    ordo__bind_text(s, r, 5, l->filter.role && *l->filter.role ? l->filter.role : NULL);
    ordo__bind_text(s, r, 6, l->filter.account && *l->filter.account ? l->filter.account : NULL);
    if (l->filter.active_from > 0)
        ordo__bind_date(s, r, 7, l->filter.active_from);
    if (l->filter.inactive_since > 0)
        ordo__bind_date(s, r, 8, l->filter.inactive_since);
    ordo__bind_text(s, r, 9, l->filter.city && *l->filter.city ? l->filter.city : NULL);
    rc = ordo__row_exec(s, r, "saving the list");
done:
    return end(s, began, rc);
}

int ordo_store_mlist_get(ordo_store *s, const char *id, ordo_mlist *out)
{
    if (!s || !id || !out)
        return ORDO_EINVAL;
    memset(out, 0, sizeof *out);
    return get_one(s, list_get_sql, "list", id, 0, list_row, out);
}

typedef struct list_each { int (*fn)(const ordo_mlist *l, void *payload); void *payload; } list_each;

static int each_list(ordo_store *s, ordo__row *r, void *payload)
{
    list_each *e = payload;
    ordo_mlist l;
    int rc = list_row(s, r, &l);
    if (rc == ORDO_OK)
        rc = e->fn(&l, e->payload);
    ordo_mlist_clear(&l);
    return rc;
}

int ordo_store_mlist_list(ordo_store *s, int (*fn)(const ordo_mlist *l, void *payload), void *payload)
{
    list_each e = { fn, payload };
    if (!s || !fn)
        return ORDO_EINVAL;
    return each_row(s, list_list_sql, NULL, "listing marketing lists", each_list, &e);
}

int ordo_store_mlist_member(ordo_store *s, const char *list, const char *contact, int add)
{
    int rc = ORDO_OK, began = 0;
    int64_t n = 0;
    ordo__row *r = NULL;
    ordo_mlist l = { 0 };
    if (!s || !list || !contact)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__marketing_begin(s, &began));
    ORDO_TRY(read_one(s, list_get_sql, "list", list, 0, list_row, &l));
    if (l.kind != ORDO_LIST_STATIC) {
        rc = ordo__seterr(E(s), ORDO_ERULE, "list %s is dynamic: its members come from its filter", list);
        goto done;
    }
    if (add)
        ORDO_TRY(need(s, contact_exists_sql, contact, "list member", "contact", "contact"));
    ORDO_TRY(ordo__store_sql(s, member_is_sql, &r));
    ordo__bind_text(s, r, 1, list);
    ordo__bind_text(s, r, 2, contact);
    ORDO_TRY(ordo__row_int(s, r, "looking up the member", 0, &n));
    if (add == (n > 0)) {
        rc = ordo__seterr(E(s), ORDO_ERULE, "contact %s is %s a member of list %s", contact, n ? "already" : "not",
                          list);
        goto done;
    }
    ORDO_TRY(ordo__store_sql(s, add ? member_add_sql : member_del_sql, &r));
    ordo__bind_text(s, r, 1, list);
    ordo__bind_text(s, r, 2, contact);
    rc = ordo__row_exec(s, r, add ? "adding the member" : "removing the member");
done:
    ordo_mlist_clear(&l);
    return end(s, began, rc);
}

typedef struct member_ctx {
    const ordo_mlist *l;
    int (*fn)(const char *contact, void *payload);
    void *payload;
} member_ctx;

static int rel_col(ordo_store *s, ordo__row *r, int col)
{
    const char *v = ordo__col_text(s, r, col);
    int x = v && *v ? ordo_relationship_parse(v) : ORDO_REL_NONE;
    return x < 0 ? ORDO_REL_NONE : x;
}

static int each_candidate(ordo_store *s, ordo__row *r, void *payload)
{
    member_ctx *m = payload;
    ordo_strlist roles = { 0 }, aroles = { 0 };
    ordo_list_candidate c = { 0 };
    int rc = ORDO_OK;
    c.contact = ordo__col_text(s, r, 0);
    c.account = ordo__col_text(s, r, 1);
    c.relationship = (ordo_relationship)rel_col(s, r, 2);
    c.account_relationship = (ordo_relationship)rel_col(s, r, 4);
    if (ordo_strlist_parse(&roles, ordo__col_text(s, r, 3) ? ordo__col_text(s, r, 3) : "") < 0 ||
        ordo_strlist_parse(&aroles, ordo__col_text(s, r, 5) ? ordo__col_text(s, r, 5) : "") < 0) {
        rc = ordo__seterr(E(s), ORDO_ENOMEM, "out of memory");
        goto done;
    }
    c.roles = &roles;
    c.account_roles = &aroles;
    c.city = ordo__col_text(s, r, 7);
    c.account_city = ordo__col_text(s, r, 8);
    if (!ordo__col_is_null(r, 6))
        ORDO_TRY(ordo__col_date(s, r, 6, &c.last_activity, "activity", c.contact ? c.contact : "?"));
    if (c.contact && ordo_list_filter_match(&m->l->filter, &c))
        rc = m->fn(c.contact, m->payload);
done:
    ordo_strlist_clear(&roles);
    ordo_strlist_clear(&aroles);
    return rc;
}

static int each_member(ordo_store *s, ordo__row *r, void *payload)
{
    member_ctx *m = payload;
    const char *id = ordo__col_text(s, r, 0);
    return id ? m->fn(id, m->payload) : 0;
}

int ordo_store_mlist_members(ordo_store *s, const char *id, int (*fn)(const char *contact, void *payload),
                             void *payload)
{
    int rc = ORDO_OK, began = 0, have = 0;
    ordo_mlist l = { 0 };
    ordo__row *r = NULL;
    member_ctx m = { &l, fn, payload };
    if (!s || !id || !fn)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__store_read_begin(s, &began));
    ORDO_TRY(ordo__marketing_present(s, &have));
    if (!have) {
        rc = ordo__seterr(E(s), ORDO_ENOTFOUND, "list %s does not exist", id);
        goto done;
    }
    ORDO_TRY(read_one(s, list_get_sql, "list", id, 0, list_row, &l));
    ORDO_TRY(ordo__store_sql(s, l.kind == ORDO_LIST_STATIC ? static_members_sql : candidates_sql, &r));
    if (l.kind == ORDO_LIST_STATIC) {
        ordo__bind_text(s, r, 1, id);
        rc = ordo__row_each(s, r, "evaluating the list", each_member, &m);
    } else {
        rc = ordo__row_each(s, r, "evaluating the list", each_candidate, &m);
    }
done:
    ordo_mlist_clear(&l);
    return ordo__store_read_end(s, began, rc);
}

static const char *const member_rows_sql = "SELECT list, contact FROM list_members ORDER BY list, contact";

typedef struct member_row_each { int (*fn)(const char *list, const char *contact, void *payload); void *payload; }
    member_row_each;

static int each_member_row(ordo_store *s, ordo__row *r, void *payload)
{
    member_row_each *e = payload;
    return e->fn(ordo__col_text(s, r, 0), ordo__col_text(s, r, 1), e->payload);
}

int ordo_store_mlist_member_list(ordo_store *s, int (*fn)(const char *list, const char *contact, void *payload),
                                 void *payload)
{
    member_row_each e = { fn, payload };
    if (!s || !fn)
        return ORDO_EINVAL;
    return each_row(s, member_rows_sql, NULL, "listing list members", each_member_row, &e);
}

/* ---- suppression ------------------------------------------------------------------ */

static const char *const suppressed_sql = "SELECT count(*) FROM suppressions WHERE contact = ?1";
static const char *const suppress_add_sql = "INSERT INTO suppressions (contact, reason, at) VALUES (?1, ?2, ?3)";
static const char *const suppress_del_sql = "DELETE FROM suppressions WHERE contact = ?1";
static const char *const suppress_list_sql = "SELECT contact, reason, at FROM suppressions ORDER BY contact";

int ordo_store_suppress(ordo_store *s, const char *contact, int on, const char *reason, int64_t now)
{
    int rc = ORDO_OK, began = 0;
    int64_t n = 0;
    ordo__row *r = NULL;
    if (!s || !contact)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    if (on && !ordo_marketing_word_ok(reason))
        return ordo__seterr(E(s), ORDO_EINVAL, "suppress %s: reason must be a word of a-z, 0-9 and '_'", contact);
    ORDO_TRY(ordo__marketing_begin(s, &began));
    if (on)
        ORDO_TRY(need(s, contact_exists_sql, contact, "suppress", "contact", "contact"));
    ORDO_TRY(count1(s, suppressed_sql, contact, &n));
    if (on == (n > 0)) {
        rc = ordo__seterr(E(s), ORDO_ERULE, "contact %s is %s suppressed", contact, n ? "already" : "not");
        goto done;
    }
    ORDO_TRY(ordo__store_sql(s, on ? suppress_add_sql : suppress_del_sql, &r));
    ordo__bind_text(s, r, 1, contact);
    if (on) {
        ordo__bind_text(s, r, 2, reason);
        ordo__bind_int(s, r, 3, now);
    }
    rc = ordo__row_exec(s, r, on ? "suppressing the contact" : "lifting the suppression");
done:
    return end(s, began, rc);
}

typedef struct supp_each {
    int (*fn)(const char *contact, const char *reason, int64_t at, void *payload);
    void *payload;
} supp_each;

static int each_supp(ordo_store *s, ordo__row *r, void *payload)
{
    supp_each *e = payload;
    return e->fn(ordo__col_text(s, r, 0), ordo__col_text(s, r, 1), ordo__col_int(r, 2), e->payload);
}

int ordo_store_suppress_list(ordo_store *s, int (*fn)(const char *contact, const char *reason, int64_t at,
                                                      void *payload),
                             void *payload)
{
    supp_each e = { fn, payload };
    if (!s || !fn)
        return ORDO_EINVAL;
    return each_row(s, suppress_list_sql, NULL, "listing suppressions", each_supp, &e);
}

/* ---- queue routing rules ------------------------------------------------------------ */

static const char *const rule_get_sql = "SELECT rule, agents, skill, cursor FROM queue_rules WHERE queue = ?1";
static const char *const rule_put_sql =
    "INSERT INTO queue_rules (queue, rule, agents, skill, cursor) VALUES (?1, ?2, ?3, ?4, -1)"
    " ON CONFLICT (queue) DO UPDATE SET rule = ?2, agents = ?3, skill = ?4, cursor = -1";
static const char *const rule_cursor_sql = "UPDATE queue_rules SET cursor = ?2 WHERE queue = ?1";
static const char *const held_count_sql = "SELECT count(*) FROM queue_items WHERE holder = ?1";

int ordo_store_queue_rule_set(ordo_store *s, const char *queue, ordo_route_rule rule, const char *agents,
                              const char *skill)
{
    int rc = ORDO_OK, began = 0;
    ordo__row *r = NULL;
    if (!s)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    if (!ordo_id_valid(queue))
        return ordo__seterr(E(s), ORDO_EINPUT, "queue rule: '%s' is not a valid queue id", queue ? queue : "");
    if ((unsigned)rule >= ORDO_ROUTE_RULE_COUNT || !agents || !*agents)
        return ordo__seterr(E(s), ORDO_EINPUT, "queue %s: a rule needs its agents", queue);
    if (rule == ORDO_ROUTE_BY_SKILL && (!skill || !*skill))
        return ordo__seterr(E(s), ORDO_EINPUT, "queue %s: by_skill needs a skill", queue);
    ORDO_TRY(ordo__marketing_begin(s, &began));
    ORDO_TRY(ordo__store_sql(s, rule_put_sql, &r));
    ordo__bind_text(s, r, 1, queue);
    ordo__bind_text(s, r, 2, ordo_route_rule_name(rule));
    ordo__bind_text(s, r, 3, agents);
    ordo__bind_text(s, r, 4, skill && *skill ? skill : NULL);
    rc = ordo__row_exec(s, r, "saving the queue rule");
done:
    return end(s, began, rc);
}

static int rule_row(ordo_store *s, ordo__row *r, void *out)
{
    ordo_queue_rule *q = out;
    int oom = 0;
    int rule = ordo_route_rule_parse(ordo__col_text(s, r, 0));
    q->rule = rule < 0 ? ORDO_ROUTE_ROUND_ROBIN : (ordo_route_rule)rule;
    q->agents = dup_col(s, r, 1, &oom);
    q->skill = dup_col(s, r, 2, &oom);
    q->cursor = (int)ordo__col_int(r, 3);
    if (oom) {
        ordo_queue_rule_clear(q);
        return ordo__seterr(E(s), ORDO_ENOMEM, "out of memory");
    }
    return ORDO_OK;
}

int ordo_store_queue_rule_get(ordo_store *s, const char *queue, ordo_queue_rule *out)
{
    if (!s || !queue || !out)
        return ORDO_EINVAL;
    memset(out, 0, sizeof *out);
    return get_one(s, rule_get_sql, "routing rule of queue", queue, 0, rule_row, out);
}

typedef struct rule_each {
    int (*fn)(const char *queue, const ordo_queue_rule *rule, void *payload);
    void *payload;
} rule_each;

static int each_rule(ordo_store *s, ordo__row *r, void *payload)
{
    rule_each *e = payload;
    const char *rule = ordo__col_text(s, r, 1);
    ordo_queue_rule q = { 0 };
    int k = ordo_route_rule_parse(rule);
    q.rule = k < 0 ? ORDO_ROUTE_ROUND_ROBIN : (ordo_route_rule)k;
    q.agents = (char *)ordo__col_text(s, r, 2);
    q.skill = (char *)ordo__col_text(s, r, 3);
    q.cursor = (int)ordo__col_int(r, 4);
    return e->fn(ordo__col_text(s, r, 0), &q, e->payload);
}

int ordo_store_queue_rule_list(ordo_store *s, int (*fn)(const char *queue, const ordo_queue_rule *rule,
                                                        void *payload),
                               void *payload)
{
    rule_each e = { fn, payload };
    if (!s || !fn)
        return ORDO_EINVAL;
    return each_row(s, "SELECT queue, rule, agents, skill, cursor FROM queue_rules ORDER BY queue", NULL,
                    "listing queue rules", each_rule, &e);
}

int ordo_store_queue_rule_cursor(ordo_store *s, const char *queue, int cursor)
{
    int rc = ORDO_OK, began = 0;
    ordo__row *r = NULL;
    if (!s || !queue)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__marketing_begin(s, &began));
    ORDO_TRY(ordo__store_sql(s, rule_cursor_sql, &r));
    ordo__bind_text(s, r, 1, queue);
    ordo__bind_int(s, r, 2, cursor);
    rc = ordo__row_exec(s, r, "moving the round-robin cursor");
done:
    return end(s, began, rc);
}

int ordo_store_queue_held(ordo_store *s, const char *agent, int *out)
{
    int rc = ORDO_OK, began = 0;
    int64_t n = 0;
    if (!s || !agent || !out)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__store_read_begin(s, &began));
    rc = count1(s, held_count_sql, agent, &n);
    *out = (int)n;
done:
    return ordo__store_read_end(s, began, rc);
}
