/*
 * store_sales.c — leads and queue items in the store (sales.h). SQL text
 * here, every SQLite call behind store_int.h. Invariants: a lead row's
 * email_norm / phone_norm / name_block are always the dedup key of its
 * e-mail, phone and names (written together); a queue item is held by at
 * most one agent, and the holder is only ever set by an UPDATE ... WHERE
 * holder IS NULL inside the write transaction, so two processes picking at
 * once cannot both win.
 */
#include "io/sales.h"
#include "io/store/sqlite/dedup_sql.h"
#include "io/store/sqlite/store_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static ordo_err *E(ordo_store *s) { return ordo__store_err(s); }

#define SALES_TABLES 5

static const char *const has_tables_sql = "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                          " AND name IN ('leads', 'queue_items', 'opportunities', 'opportunity_history',"
                                          " 'relationship_changes')";
static const char *const create_sql[] = {
    "CREATE TABLE IF NOT EXISTS leads (id TEXT PRIMARY KEY NOT NULL, topic TEXT NOT NULL,"
    " first_name TEXT, last_name TEXT, company TEXT, email TEXT, phone TEXT,"
    " parent_contact TEXT, parent_account TEXT, campaign TEXT, channel TEXT,"
    " rating TEXT NOT NULL CHECK (rating IN ('hot', 'warm', 'cold')),"
    " score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100), owner TEXT,"
    " status TEXT NOT NULL CHECK (status IN ('open', 'qualified', 'disqualified')),"
    " reason TEXT NOT NULL DEFAULT '', account TEXT, contact TEXT, opportunity TEXT,"
    " email_norm TEXT NOT NULL, phone_norm TEXT NOT NULL, name_block TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS leads_email ON leads(email_norm) WHERE email_norm <> ''",
    "CREATE INDEX IF NOT EXISTS leads_phone ON leads(phone_norm) WHERE phone_norm <> ''",
    "CREATE INDEX IF NOT EXISTS leads_block ON leads(name_block) WHERE name_block <> ''",
    "CREATE TABLE IF NOT EXISTS queue_items (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " queue TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('lead', 'case', 'task')),"
    " ref TEXT NOT NULL, holder TEXT)",
    "CREATE INDEX IF NOT EXISTS queue_items_waiting ON queue_items(queue, id) WHERE holder IS NULL",
    "CREATE TABLE IF NOT EXISTS opportunities (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL,"
    " account TEXT, contact TEXT, lead TEXT, owner TEXT,"
    " stage TEXT NOT NULL CHECK (stage IN ('qualify', 'develop', 'propose', 'close')),"
    " value INTEGER NOT NULL CHECK (value >= 0), close_date TEXT NOT NULL,"
    " status TEXT NOT NULL CHECK (status IN ('open', 'won', 'lost')), reason TEXT,"
    " minutes INTEGER NOT NULL DEFAULT 0, service TEXT, probability INTEGER NOT NULL DEFAULT -1,"
    " reached INTEGER NOT NULL DEFAULT 1, contract TEXT, course TEXT)",
    "CREATE INDEX IF NOT EXISTS opportunities_account ON opportunities(account)",
    "CREATE INDEX IF NOT EXISTS opportunities_contact ON opportunities(contact)",
    "CREATE TABLE IF NOT EXISTS opportunity_history (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " opportunity TEXT NOT NULL REFERENCES opportunities(id), from_stage TEXT, to_stage TEXT NOT NULL,"
    " status TEXT NOT NULL, at INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS opportunity_history_opp ON opportunity_history(opportunity)",
    "CREATE TABLE IF NOT EXISTS relationship_changes (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " party TEXT NOT NULL, from_rel TEXT NOT NULL, to_rel TEXT NOT NULL, at INTEGER NOT NULL,"
    " why TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS relationship_changes_party ON relationship_changes(party)",
};   /* the contacts' and accounts' duplicate-search indexes are the schema's (dedup_sql.h) */

/* Creates the tables when missing; call inside a write unit. */
int ordo__sales_ensure(ordo_store *s)
{
    int rc = ORDO_OK;
    int64_t n = 0;
    ordo__row *r = NULL;
    ORDO_TRY(ordo__store_sql(s, has_tables_sql, &r));
    ORDO_TRY(ordo__row_int(s, r, "looking for the sales tables", 0, &n));
    for (size_t i = 0; n < SALES_TABLES && i < sizeof create_sql / sizeof *create_sql; i++) {
        ORDO_TRY(ordo__store_sql(s, create_sql[i], &r));
        ORDO_TRY(ordo__row_exec(s, r, "creating the sales tables"));
    }
done:
    return rc;
}

/* Opens a write unit with the tables present. */
static int begin(ordo_store *s, int *began)
{
    int rc = ordo__store_unit_begin(s);
    if (rc == ORDO_OK) {
        *began = 1;
        rc = ordo__sales_ensure(s);
    }
    return rc;
}

/* Reads the row of `sql` (?1 = id, or the number num when id is NULL) in
 * the current transaction into out through fill; ORDO_ENOTFOUND "KIND id
 * does not exist". */
int ordo__rec_read(ordo_store *s, const char *sql, const char *kind, const char *id, int64_t num, ordo__fill_fn fill,
                   void *out)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    char key[32];
    ORDO_TRY(ordo__store_sql(s, sql, &r));
    if (id) {
        ordo__bind_text(s, r, 1, id);
    } else {
        ordo__bind_int(s, r, 1, num);
        snprintf(key, sizeof key, "%lld", (long long)num);
        id = key;
    }
    ORDO_TRY(ordo__row_need(s, r, "reading a record", "%s %s does not exist", kind, id));
    rc = fill(s, r, out);
    ordo__row_reset(r);
done:
    return rc;
}

int ordo__rec_get(ordo_store *s, ordo__present_fn present, const char *sql, const char *kind, const char *id,
                  int64_t num, ordo__fill_fn fill, void *out)
{
    int rc = ORDO_OK, began = 0, have = 0;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__store_read_begin(s, &began));
    ORDO_TRY(present(s, &have));
    if (!have)
        rc = id ? ordo__seterr(E(s), ORDO_ENOTFOUND, "%s %s does not exist", kind, id)
                : ordo__seterr(E(s), ORDO_ENOTFOUND, "%s %lld does not exist", kind, (long long)num);
    else
        rc = ordo__rec_read(s, sql, kind, id, num, fill, out);
done:
    return ordo__store_read_end(s, began, rc);
}

int ordo__rec_each(ordo_store *s, ordo__present_fn present, const char *sql, const char *arg, const char *what,
                   ordo__each_fn each, void *payload)
{
    int rc = ORDO_OK, began = 0, have = 0;
    ordo__row *r = NULL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__store_read_begin(s, &began));
    ORDO_TRY(present(s, &have));
    if (!have)
        goto done;
    ORDO_TRY(ordo__store_sql(s, sql, &r));
    if (arg)
        ordo__bind_text(s, r, 1, arg);
    rc = ordo__row_each(s, r, what, each, payload);
done:
    return ordo__store_read_end(s, began, rc);
}

static int lead_has_table(ordo_store *s, int *out);

static int read_one(ordo_store *s, const char *sql, const char *kind, const char *id, ordo__fill_fn fill,
                    void *out)
{
    return ordo__rec_read(s, sql, kind, id, 0, fill, out);
}
static int get_one(ordo_store *s, const char *sql, const char *kind, const char *id, ordo__fill_fn fill,
                   void *out)
{
    return ordo__rec_get(s, lead_has_table, sql, kind, id, 0, fill, out);
}
static int each_row(ordo_store *s, const char *sql, const char *arg, const char *what, ordo__each_fn each,
                    void *payload)
{
    return ordo__rec_each(s, lead_has_table, sql, arg, what, each, payload);
}

/* ---- leads ----------------------------------------------------------------- */

#define LEAD_COLS "id, topic, first_name, last_name, company, email, phone, parent_contact, parent_account," \
                  " campaign, channel, rating, score, owner, status, reason, account, contact, opportunity"
static const char *const add_lead_sql =
    "INSERT INTO leads (" LEAD_COLS ", email_norm, phone_norm, name_block) VALUES"
    " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)";
static const char *const get_lead_sql = "SELECT " LEAD_COLS " FROM leads WHERE id = ?1";
static const char *const lead_exists_sql = "SELECT 1 FROM leads WHERE id = ?1";
static const char *const party_exists_sql =
    "SELECT (SELECT count(*) FROM accounts WHERE id = ?1) + (SELECT count(*) FROM contacts WHERE id = ?1)";
static const char *const set_lead_status_sql = "UPDATE leads SET status = ?2, reason = ?3 WHERE id = ?1";
static const char *const lead_candidates_sql =
    "SELECT " LEAD_COLS " FROM leads WHERE id <> ?4 AND ((?1 <> '' AND email_norm = ?1)"
    " OR (?2 <> '' AND phone_norm = ?2) OR (?3 <> '' AND name_block = ?3))";

static int lead_has_table(ordo_store *s, int *out)
{
    int64_t n = 0;
    ordo__row *r = NULL;
    int rc = ordo__store_sql(s, has_tables_sql, &r);
    if (rc == ORDO_OK)
        rc = ordo__row_int(s, r, "looking for the sales tables", 0, &n);
    *out = n == SALES_TABLES;
    return rc;
}

/* A new record: `id` must be free (exists_sql ?1 = id; ORDO_EEXISTS) and
 * each given refs[i] an existing account or contact (ORDO_EINPUT naming
 * fields[i]). */
static int check_new(ordo_store *s, const char *exists_sql, const char *kind, const char *id,
                     const char *const refs[2], const char *const fields[2])
{
    int rc = ORDO_OK;
    int64_t n = 0;
    ordo__row *r = NULL;
    ORDO_TRY(ordo__store_sql(s, exists_sql, &r));
    ordo__bind_text(s, r, 1, id);
    ORDO_TRY(ordo__row_int(s, r, "looking up the id", 0, &n));
    if (n) {
        rc = ordo__seterr(E(s), ORDO_EEXISTS, "%s %s already exists", kind, id);
        goto done;
    }
    for (int i = 0; i < 2; i++) {
        if (!refs[i] || !*refs[i])
            continue;
        ORDO_TRY(ordo__store_sql(s, party_exists_sql, &r));
        ordo__bind_text(s, r, 1, refs[i]);
        ORDO_TRY(ordo__row_int(s, r, "looking up a reference", 0, &n));
        if (!n) {
            rc = ordo__seterr(E(s), ORDO_EINPUT, "%s %s: %s '%s' is not a known account or contact", kind, id,
                              fields[i], refs[i]);
            goto done;
        }
    }
done:
    return rc;
}

int ordo_store_lead_add(ordo_store *s, const ordo_lead *l)
{
    int rc = ORDO_OK, began = 0;
    ordo__row *r = NULL;
    ordo_dedup_key k;
    if (!s || !l)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo_lead_check(l, E(s)));
    ORDO_TRY(begin(s, &began));
    const char *parents[2] = { l->parent_contact, l->parent_account };
    static const char *const parent_fields[2] = { "parent_contact", "parent_account" };
    ORDO_TRY(check_new(s, lead_exists_sql, "lead", l->id, parents, parent_fields));
    ordo_dedup_person p = { l->first_name, l->last_name, l->company, l->email, l->phone };
    ordo_dedup_key_make(&k, &p, ORDO_SALES_COUNTRY);
    ORDO_TRY(ordo__store_sql(s, add_lead_sql, &r));
    const char *text[] = { l->id, l->topic, l->first_name, l->last_name, l->company, l->email, l->phone,
                           l->parent_contact, l->parent_account, l->campaign, l->channel,
                           ordo_lead_rating_name(l->rating) };
    for (int i = 0; i < 12; i++)
        ordo__bind_text(s, r, i + 1, text[i] && *text[i] ? text[i] : NULL);
    ordo__bind_int(s, r, 13, l->score);
    ordo__bind_text(s, r, 14, l->owner);
    ordo__bind_text(s, r, 15, ordo_lead_status_name(l->status));
    ordo__bind_text(s, r, 16, ordo_lead_reason_name(l->reason));
    ordo__bind_text(s, r, 17, l->account && *l->account ? l->account : NULL);
    ordo__bind_text(s, r, 18, l->contact && *l->contact ? l->contact : NULL);
    ordo__bind_text(s, r, 19, l->opportunity && *l->opportunity ? l->opportunity : NULL);
    ordo__bind_text(s, r, 20, k.email);
    ordo__bind_text(s, r, 21, k.phone);
    ordo__bind_text(s, r, 22, k.block);
    rc = ordo__row_exec(s, r, "adding the lead");
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    return rc;
}

static char *dup_col(ordo_store *s, ordo__row *r, int col, int *oom)
{
    const char *v = ordo__col_text(s, r, col);
    char *d = v ? ordo__strdup(v) : NULL;
    if (v && !d)
        *oom = 1;
    return d;
}

/* Row LEAD_COLS -> *l (strings copied). */
static int lead_row(ordo_store *s, ordo__row *r, ordo_lead *l)
{
    int oom = 0;
    char **dst[] = { &l->id, &l->topic, &l->first_name, &l->last_name, &l->company, &l->email, &l->phone,
                     &l->parent_contact, &l->parent_account, &l->campaign, &l->channel };
    memset(l, 0, sizeof *l);
    for (int i = 0; i < 11; i++)
        *dst[i] = dup_col(s, r, i, &oom);
    int rating = ordo_lead_rating_parse(ordo__col_text(s, r, 11));
    l->score = (int)ordo__col_int(r, 12);
    l->owner = dup_col(s, r, 13, &oom);
    int status = ordo_lead_status_parse(ordo__col_text(s, r, 14));
    const char *reason = ordo__col_text(s, r, 15);
    l->account = dup_col(s, r, 16, &oom);
    l->contact = dup_col(s, r, 17, &oom);
    l->opportunity = dup_col(s, r, 18, &oom);
    if (oom) {
        ordo_lead_clear(l);
        return ordo__seterr(E(s), ORDO_ENOMEM, "out of memory");
    }
    if (rating < 0 || status < 0) {
        int rc = ordo__seterr(E(s), ORDO_EIO, "store %s: lead %s: rating or status is not valid",
                              ordo__store_path(s), l->id ? l->id : "?");
        ordo_lead_clear(l);
        return rc;
    }
    l->rating = (ordo_lead_rating)rating;
    l->status = (ordo_lead_status)status;
    l->reason = reason && *reason ? (ordo_lead_reason)ordo_lead_reason_parse(reason) : ORDO_LEAD_REASON_NONE;
    return ORDO_OK;
}

static int fill_lead(ordo_store *s, ordo__row *r, void *out) { return lead_row(s, r, out); }

/* Reads lead `id` inside the current transaction. */
static int read_lead(ordo_store *s, const char *id, ordo_lead *out)
{
    return read_one(s, get_lead_sql, "lead", id, fill_lead, out);
}

int ordo_store_lead_get(ordo_store *s, const char *id, ordo_lead *out)
{
    if (!s || !id || !out)
        return ORDO_EINVAL;
    memset(out, 0, sizeof *out);
    return get_one(s, get_lead_sql, "lead", id, fill_lead, out);
}

/* Reads the lead under the write lock, applies `change`, writes the status. */
static int lead_change(ordo_store *s, const char *id, ordo_lead_reason reason, int reactivate)
{
    int rc = ORDO_OK, began = 0;
    ordo_lead l = { 0 };
    ordo__row *r = NULL;
    if (!s || !id)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(begin(s, &began));
    ORDO_TRY(read_lead(s, id, &l));
    ORDO_TRY(reactivate ? ordo_lead_reactivate(&l, E(s)) : ordo_lead_disqualify(&l, reason, E(s)));
    ORDO_TRY(ordo__store_sql(s, set_lead_status_sql, &r));
    ordo__bind_text(s, r, 1, id);
    ordo__bind_text(s, r, 2, ordo_lead_status_name(l.status));
    ordo__bind_text(s, r, 3, ordo_lead_reason_name(l.reason));
    rc = ordo__row_exec(s, r, "changing the lead's status");
done:
    ordo_lead_clear(&l);
    if (began)
        rc = ordo__store_unit_end(s, rc);
    return rc;
}

int ordo_store_lead_disqualify(ordo_store *s, const char *id, ordo_lead_reason reason)
{
    return lead_change(s, id, reason, 0);
}

int ordo_store_lead_reactivate(ordo_store *s, const char *id) { return lead_change(s, id, ORDO_LEAD_REASON_NONE, 1); }

typedef struct match_ctx {
    ordo_dedup_key key;
    double threshold;
    ordo_dedup_candidate *c;
    char **ids;
    size_t n, cap, idcap;
    int oom;
    int accounts;                 /* rows are (id, name): companies alone */
    int contacts;                 /* rows carry the account's id: its name read only when it may count */
    int rc;                       /* a failed read of an account's name */
} match_ctx;

static const char *const account_name_sql = "SELECT name FROM accounts WHERE id = ?1";

/* The score of a contact row (id, -, first, last, account id, e-mail,
 * phone). The company weighs a quarter of the name score, so the account's
 * name is read only when (3 x score without it + 1) / 4 reaches the
 * threshold: most rows a block brings are settled without that lookup. */
static double contact_score(ordo_store *s, ordo__row *r, match_ctx *m, unsigned *why)
{
    ordo_dedup_key k;
    const char *account = ordo__col_text(s, r, 4);
    ordo_dedup_person p = { ordo__col_text(s, r, 2), ordo__col_text(s, r, 3), NULL, ordo__col_text(s, r, 5),
                            ordo__col_text(s, r, 6) };
    ordo_dedup_key_make(&k, &p, ORDO_SALES_COUNTRY);
    double score = ordo_dedup_score(&m->key, &k, m->threshold, why);
    if (!account || !m->key.company[0] || !k.name[0])
        return score;                     /* the company does not count */
    if ((3.0 * score + 1.0) / 4.0 < m->threshold)
        return 0.0;                       /* even the same company would not lift it */
    ordo__row *a = NULL;
    int rc = ordo__store_sql(s, account_name_sql, &a);
    if (rc == ORDO_OK) {
        ordo__bind_text(s, a, 1, account);
        if ((rc = ordo__row_step(s, a, "reading a candidate's account")) == 1) {
            ordo_dedup_name(k.company, sizeof k.company, ordo__col_text(s, a, 0), 1);
            ordo__row_reset(a);
            rc = ORDO_OK;
        }
    }
    if (rc < 0) {
        m->rc = rc;
        return 0.0;
    }
    return ordo_dedup_score(&m->key, &k, m->threshold, why);
}

static int match_row(ordo_store *s, ordo__row *r, void *payload)
{
    match_ctx *m = payload;
    ordo_dedup_key k;
    const char *id = ordo__col_text(s, r, 0);
    unsigned why = 0;
    double score;
    if (m->accounts) {
        ordo_dedup_name(k.company, sizeof k.company, ordo__col_text(s, r, 1), 1);
        score = ordo_dedup_jaro_winkler(m->key.company, k.company);
        why = score >= m->threshold ? ORDO_DEDUP_NAME : 0;
    } else if (m->contacts) {
        score = contact_score(s, r, m, &why);
        if (m->rc < 0)
            return 1;
    } else {
        ordo_dedup_person p = { ordo__col_text(s, r, 2), ordo__col_text(s, r, 3), ordo__col_text(s, r, 4),
                                ordo__col_text(s, r, 5), ordo__col_text(s, r, 6) };
        ordo_dedup_key_make(&k, &p, ORDO_SALES_COUNTRY);
        score = ordo_dedup_score(&m->key, &k, m->threshold, &why);
    }
    if (score < m->threshold || !id)
        return 0;
    if (ORDO_GROW(m->c, m->cap, m->n + 1) < 0 || ORDO_GROW(m->ids, m->idcap, m->n + 1) < 0 ||
        !(m->ids[m->n] = ordo__strdup(id))) {
        m->oom = 1;
        return 1;
    }
    m->c[m->n] = (ordo_dedup_candidate){ score, why, (long)m->n };
    m->n++;
    return 0;
}

static const char *const contact_candidates_sql = ORDO_DEDUP_CONTACTS_SQL;
static const char *const account_candidates_sql = ORDO_DEDUP_ACCOUNTS_SQL;

/* SQLite's lower(substr(trim(text), start, len)) (start 1-based; < 0 counts
 * from the end): spaces trimmed, UTF-8 characters counted, ASCII folded. */
static void sql_part(char *out, size_t n, const char *text, int start, int len)
{
    const char *b = text ? text : "", *e;
    size_t k = 0;
    int chars = 0, from, i = 0;
    while (*b == ' ')
        b++;
    e = b + strlen(b);
    while (e > b && e[-1] == ' ')
        e--;
    for (const char *p = b; p < e; p++)
        chars += (*p & 0xC0) != 0x80;
    from = start > 0 ? start - 1 : chars + start;
    if (from < 0)
        from = 0;
    for (const unsigned char *p = (const unsigned char *)b; p < (const unsigned char *)e && k + 1 < n; p++) {
        if ((*p & 0xC0) != 0x80)
            i++;
        if (i - 1 >= from && i - 1 < from + len)
            out[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    }
    out[k] = '\0';
}

/* A name key as typed and as normalised (model/dedup.h). */
typedef struct dkey { char typed[32], norm[32]; } dkey;

static void dkey_make(dkey *k, const char *typed, const char *norm, int start, int len)
{
    sql_part(k->typed, sizeof k->typed, typed, start, len);
    sql_part(k->norm, sizeof k->norm, norm, start, len);
}

/* Binds a key's pair at ?i, ?i+1 (NULLs when the key is not to be used). */
static void bind_dkey(ordo_store *s, ordo__row *r, int i, const dkey *k, int use)
{
    ordo__bind_text(s, r, i, use ? k->typed : NULL);
    ordo__bind_text(s, r, i + 1, use ? k->norm : NULL);
}

/* The parameters of contact_candidates_sql (dedup_sql.h) for p. */
static void bind_contact_keys(ordo_store *s, ordo__row *r, const ordo_dedup_person *p, const ordo_dedup_key *key)
{
    char first[ORDO_DEDUP_FIELD], last[ORDO_DEDUP_FIELD];
    ordo_dedup_name(first, sizeof first, p->first_name, 0);
    ordo_dedup_name(last, sizeof last, p->last_name, 0);
    int has_first = *first != '\0', has_last = *last != '\0', both = has_first && has_last;
    dkey l4, f1, f23, f3, l234, f4, l1, lz, fz;
    dkey_make(&l4, p->last_name, last, 1, 4);
    dkey_make(&f1, p->first_name, first, 1, 1);
    dkey_make(&f23, p->first_name, first, 2, 2);
    dkey_make(&f3, p->first_name, first, 1, 3);
    dkey_make(&l234, p->last_name, last, 2, 3);
    dkey_make(&f4, p->first_name, first, 1, 4);
    dkey_make(&l1, p->last_name, last, 1, 1);
    dkey_make(&lz, p->last_name, last, -1, 1);
    dkey_make(&fz, p->first_name, first, -1, 1);
    ordo__bind_text(s, r, 1, key->email[0] ? key->email : NULL);
    bind_dkey(s, r, 2, &l4, has_first || has_last);
    bind_dkey(s, r, 4, &f1, has_first || has_last);
    bind_dkey(s, r, 6, &f23, both);
    bind_dkey(s, r, 8, &f3, both);
    bind_dkey(s, r, 10, &l234, both);
    bind_dkey(s, r, 12, &f4, both);
    bind_dkey(s, r, 14, &l1, both);
    bind_dkey(s, r, 16, &lz, both);
    bind_dkey(s, r, 18, &fz, has_first || has_last);
    ordo__bind_text(s, r, 20, key->phone[0] ? key->phone : NULL);
}

/* Runs a candidates query (columns: id, -, first, last, company, email,
 * phone) and passes the ranked matches to fn. */
static int find_duplicates(ordo_store *s, const char *sql, const ordo_dedup_person *p, const char *exclude,
                           double threshold, ordo_lead_match_fn fn, void *payload)
{
    int rc = ORDO_OK, began = 0, present = 0;
    match_ctx m = { 0 };
    ordo__row *r = NULL;
    if (!s || !p || !fn)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ordo_dedup_key_make(&m.key, p, ORDO_SALES_COUNTRY);
    m.threshold = threshold;
    ORDO_TRY(ordo__store_read_begin(s, &began));
    ORDO_TRY(lead_has_table(s, &present));
    if (!present && sql == lead_candidates_sql)
        goto done;                       /* no leads table yet: no lead candidates */
    m.accounts = sql == account_candidates_sql;
    m.contacts = sql == contact_candidates_sql;
    if (m.accounts && !m.key.company[0])
        goto done;                       /* nothing left of the name once normalised */
    ORDO_TRY(ordo__store_sql(s, sql, &r));
    if (sql == contact_candidates_sql) {
        bind_contact_keys(s, r, p, &m.key);
    } else if (m.accounts) {
        dkey n4, n234;
        const char *body = p->company;       /* ORDO_DK_BODY: without a leading "The " */
        while (*body == ' ')
            body++;
        if (strncasecmp(body, "the ", 4) == 0)
            body += 4;
        dkey_make(&n4, body, m.key.company, 1, 4);
        dkey_make(&n234, body, m.key.company, 2, 3);
        bind_dkey(s, r, 1, &n4, 1);
        bind_dkey(s, r, 3, &n234, 1);
    } else {
        ordo__bind_text(s, r, 1, m.key.email);
        ordo__bind_text(s, r, 2, m.key.phone);
        ordo__bind_text(s, r, 3, m.key.block);
        ordo__bind_text(s, r, 4, exclude ? exclude : "");
    }
    rc = ordo__row_each(s, r, "looking for duplicates", match_row, &m);
    if (m.oom)
        rc = ordo__seterr(E(s), ORDO_ENOMEM, "out of memory");
    else if (m.rc < 0)
        rc = m.rc;
    if (rc < 0)
        goto done;
    rc = ORDO_OK;
    ordo_dedup_rank(m.c, m.n);
    for (size_t i = 0; i < m.n && rc == 0; i++) {
        ordo_dedup_candidate c = m.c[i];
        const char *id = m.ids[c.index];
        c.index = (long)i;
        rc = fn(id, &c, payload);
    }
done:
    for (size_t i = 0; i < m.n; i++)
        ordo__free(m.ids[i]);
    ordo__free(m.ids);
    ordo__free(m.c);
    return ordo__store_read_end(s, began, rc);
}

int ordo_store_lead_duplicates(ordo_store *s, const ordo_lead *l, double threshold, ordo_lead_match_fn fn,
                               void *payload)
{
    if (!l)
        return ORDO_EINVAL;
    ordo_dedup_person p = { l->first_name, l->last_name, l->company, l->email, l->phone };
    return find_duplicates(s, lead_candidates_sql, &p, l->id, threshold, fn, payload);
}

int ordo_store_contact_duplicates(ordo_store *s, const ordo_dedup_person *p, double threshold,
                                  ordo_lead_match_fn fn, void *payload)
{
    return find_duplicates(s, contact_candidates_sql, p, NULL, threshold, fn, payload);
}

int ordo_store_account_duplicates(ordo_store *s, const char *name, double threshold, ordo_lead_match_fn fn,
                                  void *payload)
{
    ordo_dedup_person p = { NULL, NULL, name, NULL, NULL };
    return find_duplicates(s, account_candidates_sql, &p, NULL, threshold, fn, payload);
}

static const char *const explain_contacts_sql = "EXPLAIN QUERY PLAN " ORDO_DEDUP_CONTACTS_SQL;
static const char *const explain_accounts_sql = "EXPLAIN QUERY PLAN " ORDO_DEDUP_ACCOUNTS_SQL;

typedef struct plan_buf { char *out; size_t n, k; } plan_buf;

static int plan_line(ordo_store *s, ordo__row *r, void *payload)
{
    plan_buf *b = payload;
    const char *detail = ordo__col_text(s, r, 3);
    int w = snprintf(b->out + b->k, b->n - b->k, "%s\n", detail ? detail : "");
    b->k += w < 0 ? 0 : (size_t)w < b->n - b->k ? (size_t)w : b->n - b->k - 1;
    return 0;
}

int ordo_store_dedup_plan(ordo_store *s, char *out, size_t n)
{
    int rc = ORDO_OK, began = 0;
    plan_buf b = { out, n, 0 };
    ordo__row *r = NULL;
    if (!s || !out || n == 0)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    *out = '\0';
    ORDO_TRY(ordo__store_read_begin(s, &began));
    ORDO_TRY(ordo__store_sql(s, explain_contacts_sql, &r));
    ORDO_TRY(ordo__row_each(s, r, "explaining the contact candidates query", plan_line, &b));
    ORDO_TRY(ordo__store_sql(s, explain_accounts_sql, &r));
    rc = ordo__row_each(s, r, "explaining the account candidates query", plan_line, &b);
done:
    return ordo__store_read_end(s, began, rc);
}

static const char *const set_lead_links_sql =
    "UPDATE leads SET status = 'qualified', account = ?2, contact = ?3, opportunity = ?4 WHERE id = ?1";

int ordo_store_lead_set_qualified(ordo_store *s, const char *id, const char *account, const char *contact,
                                  const char *opportunity)
{
    int rc = ORDO_OK, began = 0;
    ordo_lead l = { 0 };
    ordo__row *r = NULL;
    if (!s || !id)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(begin(s, &began));
    ORDO_TRY(read_lead(s, id, &l));
    ORDO_TRY(ordo_lead_qualify_check(&l, E(s)));
    ORDO_TRY(ordo__store_sql(s, set_lead_links_sql, &r));
    ordo__bind_text(s, r, 1, id);
    ordo__bind_text(s, r, 2, account);
    ordo__bind_text(s, r, 3, contact);
    ordo__bind_text(s, r, 4, opportunity);
    rc = ordo__row_exec(s, r, "qualifying the lead");
done:
    ordo_lead_clear(&l);
    if (began)
        rc = ordo__store_unit_end(s, rc);
    return rc;
}

static const char *const lead_list_sql = "SELECT " LEAD_COLS " FROM leads ORDER BY id";

typedef struct lead_each { int (*fn)(const ordo_lead *l, void *payload); void *payload; } lead_each;

static int each_lead(ordo_store *s, ordo__row *r, void *payload)
{
    lead_each *e = payload;
    ordo_lead l;
    int rc = lead_row(s, r, &l);
    if (rc == ORDO_OK)
        rc = e->fn(&l, e->payload);
    ordo_lead_clear(&l);
    return rc;
}

int ordo_store_lead_list(ordo_store *s, int (*fn)(const ordo_lead *l, void *payload), void *payload)
{
    lead_each e = { fn, payload };
    if (!s || !fn)
        return ORDO_EINVAL;
    return each_row(s, lead_list_sql, NULL, "listing leads", each_lead, &e);
}

/* ---- opportunities ------------------------------------------------------------- */

#define OPP_COLS "id, name, account, contact, lead, owner, stage, value, close_date, status, reason, minutes," \
                 " service, probability, reached"
static const char *const add_opp_sql =
    "INSERT INTO opportunities (" OPP_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
    " ?13, ?14, ?15)";
static const char *const get_opp_sql = "SELECT " OPP_COLS " FROM opportunities WHERE id = ?1";
static const char *const opp_exists_sql = "SELECT 1 FROM opportunities WHERE id = ?1";
static const char *const update_opp_sql =
    "UPDATE opportunities SET stage = ?2, status = ?3, reason = ?4, close_date = ?5, reached = reached | ?6"
    " WHERE id = ?1";
static const char *const add_history_sql =
    "INSERT INTO opportunity_history (opportunity, from_stage, to_stage, status, at) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char *const set_opp_links_sql = "UPDATE opportunities SET contract = ?2, course = ?3 WHERE id = ?1";
static const char *const history_sql =
    "SELECT from_stage, to_stage, status, at FROM opportunity_history WHERE opportunity = ?1 ORDER BY id";
static const char *const pipeline_sql =
    "SELECT owner, stage, status, reason, value, probability, close_date, reached FROM opportunities";

static int history_add(ordo_store *s, const char *id, const char *from, ordo_stage to, ordo_opp_status st,
                       int64_t at)
{
    ordo__row *r = NULL;
    int rc = ordo__store_sql(s, add_history_sql, &r);
    if (rc == ORDO_OK) {
        ordo__bind_text(s, r, 1, id);
        ordo__bind_text(s, r, 2, from);
        ordo__bind_text(s, r, 3, ordo_stage_name(to));
        ordo__bind_text(s, r, 4, ordo_opp_status_name(st));
        ordo__bind_int(s, r, 5, at);
        rc = ordo__row_exec(s, r, "recording the stage history");
    }
    return rc;
}

int ordo_store_opportunity_add(ordo_store *s, const ordo_opportunity *o, int64_t now)
{
    int rc = ORDO_OK, began = 0;
    ordo__row *r = NULL;
    if (!s || !o)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo_opportunity_check(o, E(s)));
    ORDO_TRY(begin(s, &began));
    const char *party[2] = { o->account, o->contact };
    static const char *const party_fields[2] = { "account", "contact" };
    ORDO_TRY(check_new(s, opp_exists_sql, "opportunity", o->id, party, party_fields));
    ORDO_TRY(ordo__store_sql(s, add_opp_sql, &r));
    const char *text[] = { o->id, o->name, o->account, o->contact, o->lead, o->owner, ordo_stage_name(o->stage) };
    for (int i = 0; i < 7; i++)
        ordo__bind_text(s, r, i + 1, text[i] && *text[i] ? text[i] : NULL);
    ordo__bind_int(s, r, 8, o->value);
    ordo__bind_date(s, r, 9, o->close_date);
    ordo__bind_text(s, r, 10, ordo_opp_status_name(o->status));
    ordo__bind_text(s, r, 11, o->reason && *o->reason ? o->reason : NULL);
    ordo__bind_int(s, r, 12, o->minutes);
    ordo__bind_text(s, r, 13, o->service && *o->service ? o->service : NULL);
    ordo__bind_int(s, r, 14, o->probability);
    ordo__bind_int(s, r, 15, 1 << o->stage);
    ORDO_TRY(ordo__row_exec(s, r, "adding the opportunity"));
    rc = history_add(s, o->id, NULL, o->stage, o->status, now);
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    return rc;
}

static int opp_row(ordo_store *s, ordo__row *r, ordo_opportunity *o)
{
    int oom = 0;
    memset(o, 0, sizeof *o);
    char **dst[] = { &o->id, &o->name, &o->account, &o->contact, &o->lead, &o->owner };
    for (int i = 0; i < 6; i++)
        *dst[i] = dup_col(s, r, i, &oom);
    int stage = ordo_stage_parse(ordo__col_text(s, r, 6));
    o->value = ordo__col_int(r, 7);
    int drc = ordo__col_date(s, r, 8, &o->close_date, "opportunities", o->id ? o->id : "?");
    int status = ordo_opp_status_parse(ordo__col_text(s, r, 9));
    o->reason = dup_col(s, r, 10, &oom);
    o->minutes = (int)ordo__col_int(r, 11);
    o->service = dup_col(s, r, 12, &oom);
    o->probability = (int)ordo__col_int(r, 13);
    int rc = oom ? ordo__seterr(E(s), ORDO_ENOMEM, "out of memory") : drc;
    if (rc == ORDO_OK && (stage < 0 || status < 0))
        rc = ordo__seterr(E(s), ORDO_EIO, "store %s: opportunity %s: stage or status is not valid",
                          ordo__store_path(s), o->id ? o->id : "?");
    if (rc != ORDO_OK) {
        ordo_opportunity_clear(o);
        return rc;
    }
    o->stage = (ordo_stage)stage;
    o->status = (ordo_opp_status)status;
    return ORDO_OK;
}

static int fill_opp(ordo_store *s, ordo__row *r, void *out) { return opp_row(s, r, out); }

static int read_opp(ordo_store *s, const char *id, ordo_opportunity *out)
{
    return read_one(s, get_opp_sql, "opportunity", id, fill_opp, out);
}

int ordo_store_opportunity_get(ordo_store *s, const char *id, ordo_opportunity *out)
{
    if (!s || !id || !out)
        return ORDO_EINVAL;
    memset(out, 0, sizeof *out);
    return get_one(s, get_opp_sql, "opportunity", id, fill_opp, out);
}

int ordo_store_opportunity_change(ordo_store *s, const char *id, ordo_opp_change op, ordo_stage to,
                                  const char *reason, ordo_date when, int64_t now, ordo_opportunity *out)
{
    int rc = ORDO_OK, began = 0;
    ordo_opportunity o = { 0 };
    ordo__row *r = NULL;
    if (!s || !id)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(begin(s, &began));
    ORDO_TRY(read_opp(s, id, &o));
    ordo_stage from = o.stage;
    if (op == ORDO_OPP_MOVE)
        ORDO_TRY(ordo_opportunity_move(&o, to, E(s)));
    else if (op == ORDO_OPP_WIN)
        ORDO_TRY(ordo_opportunity_win(&o, reason, when, E(s)));
    else
        ORDO_TRY(ordo_opportunity_lose(&o, reason, when, E(s)));
    ORDO_TRY(ordo__store_sql(s, update_opp_sql, &r));
    ordo__bind_text(s, r, 1, id);
    ordo__bind_text(s, r, 2, ordo_stage_name(o.stage));
    ordo__bind_text(s, r, 3, ordo_opp_status_name(o.status));
    ordo__bind_text(s, r, 4, o.reason);
    ordo__bind_date(s, r, 5, o.close_date);
    ordo__bind_int(s, r, 6, 1 << o.stage);
    ORDO_TRY(ordo__row_exec(s, r, "changing the opportunity"));
    ORDO_TRY(history_add(s, id, ordo_stage_name(from), o.stage, o.status, now));
    if (out) {
        *out = o;
        memset(&o, 0, sizeof o);
    }
done:
    ordo_opportunity_clear(&o);
    if (began)
        rc = ordo__store_unit_end(s, rc);
    return rc;
}

typedef struct opp_each { int (*fn)(const ordo_opportunity *o, void *payload); void *payload; } opp_each;

static int each_opp(ordo_store *s, ordo__row *r, void *payload)
{
    opp_each *e = payload;
    ordo_opportunity o;
    int rc = opp_row(s, r, &o);
    if (rc == ORDO_OK)
        rc = e->fn(&o, e->payload);
    ordo_opportunity_clear(&o);
    return rc;
}

static const char *const opp_list_sql = "SELECT " OPP_COLS " FROM opportunities ORDER BY id";

int ordo_store_opportunity_list(ordo_store *s, int (*fn)(const ordo_opportunity *o, void *payload), void *payload)
{
    opp_each e = { fn, payload };
    if (!s || !fn)
        return ORDO_EINVAL;
    return each_row(s, opp_list_sql, NULL, "listing opportunities", each_opp, &e);
}

int ordo_store_opportunity_set_links(ordo_store *s, const char *id, const char *contract, const char *course)
{
    int rc = ORDO_OK, began = 0;
    ordo__row *r = NULL;
    if (!s || !id)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(begin(s, &began));
    ORDO_TRY(ordo__store_sql(s, set_opp_links_sql, &r));
    ordo__bind_text(s, r, 1, id);
    ordo__bind_text(s, r, 2, contract);
    ordo__bind_text(s, r, 3, course);
    ORDO_TRY(ordo__row_exec(s, r, "linking the opportunity to its contract"));
    if (ordo__store_changes(s) != 1)
        rc = ordo__seterr(E(s), ORDO_ENOTFOUND, "opportunity %s does not exist", id);
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    return rc;
}

typedef struct hist_each { ordo_history_fn fn; void *payload; } hist_each;

/* Rows of (text, text, text, at). */
static int each_hist(ordo_store *s, ordo__row *r, void *payload)
{
    hist_each *e = payload;
    return e->fn(ordo__col_text(s, r, 0), ordo__col_text(s, r, 1), ordo__col_text(s, r, 2), ordo__col_int(r, 3),
                 e->payload);
}

int ordo_store_opportunity_history(ordo_store *s, const char *id, ordo_history_fn fn, void *payload)
{
    hist_each e = { fn, payload };
    if (!s || !id || !fn)
        return ORDO_EINVAL;
    return each_row(s, history_sql, id, "reading the stage history", each_hist, &e);
}

static int each_pipeline(ordo_store *s, ordo__row *r, void *payload)
{
    ordo_pipeline_row row = { 0 };
    int stage = ordo_stage_parse(ordo__col_text(s, r, 1)), st = ordo_opp_status_parse(ordo__col_text(s, r, 2));
    row.owner = ordo__col_text(s, r, 0);
    row.stage = stage < 0 ? ORDO_STAGE_QUALIFY : (ordo_stage)stage;
    row.status = st < 0 ? ORDO_OPP_OPEN : (ordo_opp_status)st;
    row.reason = ordo__col_text(s, r, 3);
    row.value = ordo__col_int(r, 4);
    int p = (int)ordo__col_int(r, 5);
    row.probability = row.status == ORDO_OPP_WON ? 100 : row.status == ORDO_OPP_LOST ? 0
                    : p >= 0 ? p : ordo_stage_probability(row.stage);
    row.reached = (unsigned)ordo__col_int(r, 7);
    int rc = ordo__col_date(s, r, 6, &row.close_date, "opportunities", "pipeline");
    if (rc == ORDO_OK && (rc = ordo_pipeline_add(payload, &row)) < 0)
        rc = ordo__seterr(E(s), rc, "pipeline report: out of memory");
    return rc;
}

int ordo_store_pipeline(ordo_store *s, ordo_pipeline_report *out)
{
    if (!s || !out)
        return ORDO_EINVAL;
    ordo_pipeline_init(out);
    int rc = each_row(s, pipeline_sql, NULL, "reading the pipeline", each_pipeline, out);
    if (rc < 0)
        ordo_pipeline_clear(out);
    else
        ordo_pipeline_finish(out);
    return rc < 0 ? rc : ORDO_OK;
}

/* ---- relationship types ----------------------------------------------------------- */

/* The party and, for a contact, its account: a contact of a client
 * account is a client too (the contracts are the account's). */
static const char *const facts_sql =
    "WITH p(id) AS (SELECT ?1 UNION SELECT account FROM contacts WHERE id = ?1 AND account IS NOT NULL)"
    " SELECT (SELECT count(*) FROM leads WHERE status = 'open'"
    "    AND (parent_contact IN (SELECT id FROM p) OR parent_account IN (SELECT id FROM p))),"
    " (SELECT count(*) FROM opportunities WHERE status = 'open'"
    "    AND (account IN (SELECT id FROM p) OR contact IN (SELECT id FROM p))),"
    " (SELECT count(*) FROM contracts WHERE customer IN (SELECT id FROM p) AND status = 'active'"
    "    AND start_date <= ?2 AND end_date >= ?2),"
    " (SELECT max(d) FROM (SELECT close_date AS d FROM opportunities WHERE status = 'won'"
    "    AND (account IN (SELECT id FROM p) OR contact IN (SELECT id FROM p)) UNION ALL"
    "    SELECT min(end_date, ?2) FROM contracts"
    "    WHERE customer IN (SELECT id FROM p) AND status IN ('active', 'expired')))";
static const char *const add_change_sql =
    "INSERT INTO relationship_changes (party, from_rel, to_rel, at, why) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char *const set_account_rel_sql = "UPDATE accounts SET relationship = ?2 WHERE id = ?1";
static const char *const set_contact_rel_sql = "UPDATE contacts SET relationship = ?2 WHERE id = ?1";
static const char *const get_rel_sql =
    "SELECT relationship, 1 FROM accounts WHERE id = ?1 UNION ALL SELECT relationship, 2 FROM contacts WHERE id = ?1";
static const char *const changes_sql =
    "SELECT from_rel, to_rel, why, at FROM relationship_changes WHERE party = ?1 ORDER BY id";

int ordo_store_relationship_refresh(ordo_store *s, const char *party, const ordo_rel_policy *policy,
                                    ordo_date today, int64_t now, ordo_relationship *out)
{
    int rc = ORDO_OK, began = 0, kind = 0;
    ordo__row *r = NULL;
    ordo_rel_facts f = { 0 };
    ordo_relationship cur = ORDO_REL_NONE, to = ORDO_REL_NONE;
    const char *why = "";
    char day[11];
    if (!s || !party || !policy)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ordo_date_format(today, day);
    ORDO_TRY(begin(s, &began));
    ORDO_TRY(ordo__store_sql(s, get_rel_sql, &r));
    ordo__bind_text(s, r, 1, party);
    ORDO_TRY(ordo__row_need(s, r, "reading the relationship", "'%s' is not an account or contact", party));
    int v = ordo_relationship_parse(ordo__col_text(s, r, 0));
    cur = v < 0 ? ORDO_REL_NONE : (ordo_relationship)v;
    kind = (int)ordo__col_int(r, 1);
    ordo__row_reset(r);
    ORDO_TRY(ordo__store_sql(s, facts_sql, &r));
    ordo__bind_text(s, r, 1, party);
    ordo__bind_text(s, r, 2, day);
    ORDO_TRY(ordo__row_need(s, r, "reading the relationship facts", "no facts for %s", party));
    f.open_leads = (int)ordo__col_int(r, 0);
    f.open_opportunities = (int)ordo__col_int(r, 1);
    f.active_contracts = (int)ordo__col_int(r, 2);
    if (!ordo__col_is_null(r, 3)) {
        f.was_client = 1;
        rc = ordo__col_date(s, r, 3, &f.last_client_date, "relationship facts", party);
    }
    ordo__row_reset(r);
    ORDO_TRY(rc);
    if (ordo_relationship_derive(&f, policy, cur, today, &to, &why) != ORDO_OK) {
        rc = ordo__seterr(E(s), ORDO_EINVAL, "relationship policy: grace days must be >= 0 and the lapsed "
                          "type former_client, prospect or suspect");
        goto done;
    }
    if (to != cur) {
        ORDO_TRY(ordo__store_sql(s, kind == 1 ? set_account_rel_sql : set_contact_rel_sql, &r));
        ordo__bind_text(s, r, 1, party);
        ordo__bind_text(s, r, 2, ordo_relationship_name(to));
        ORDO_TRY(ordo__row_exec(s, r, "changing the relationship"));
        ORDO_TRY(ordo__store_sql(s, add_change_sql, &r));
        ordo__bind_text(s, r, 1, party);
        ordo__bind_text(s, r, 2, ordo_relationship_name(cur));
        ordo__bind_text(s, r, 3, ordo_relationship_name(to));
        ordo__bind_int(s, r, 4, now);
        ordo__bind_text(s, r, 5, why);
        ORDO_TRY(ordo__row_exec(s, r, "recording the relationship change"));
    }
    if (out)
        *out = to;
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    return rc;
}

int ordo_store_relationship_changes(ordo_store *s, const char *party, ordo_history_fn fn, void *payload)
{
    hist_each e = { fn, payload };
    if (!s || !party || !fn)
        return ORDO_EINVAL;
    return each_row(s, changes_sql, party, "reading relationship changes", each_hist, &e);
}

/* ---- queues ------------------------------------------------------------------ */

static const char *const add_item_sql = "INSERT INTO queue_items (queue, kind, ref) VALUES (?1, ?2, ?3)";
static const char *const get_item_sql = "SELECT queue, holder FROM queue_items WHERE id = ?1";
static const char *const next_item_sql =
    "SELECT id FROM queue_items WHERE queue = ?1 AND holder IS NULL ORDER BY id LIMIT 1";
static const char *const take_item_sql = "UPDATE queue_items SET holder = ?2 WHERE id = ?1 AND holder IS NULL";
static const char *const release_item_sql = "UPDATE queue_items SET holder = NULL WHERE id = ?1";
static const char *const route_item_sql = "UPDATE queue_items SET queue = ?2, holder = NULL WHERE id = ?1";

int ordo_store_queue_add(ordo_store *s, const char *queue, ordo_item_kind kind, const char *ref, int64_t *out_id)
{
    int rc = ORDO_OK, began = 0;
    ordo__row *r = NULL;
    if (!s || !out_id)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    if (!ordo_id_valid(queue) || !ref || !*ref || (unsigned)kind >= ORDO_ITEM_KIND_COUNT)
        return ordo__seterr(E(s), ORDO_EINPUT, "queue item: needs a valid queue id, a kind and a reference");
    ORDO_TRY(begin(s, &began));
    ORDO_TRY(ordo__store_sql(s, add_item_sql, &r));
    ordo__bind_text(s, r, 1, queue);
    ordo__bind_text(s, r, 2, ordo_item_kind_name(kind));
    ordo__bind_text(s, r, 3, ref);
    ORDO_TRY(ordo__row_exec(s, r, "adding the queue item"));
    *out_id = ordo__store_last_id(s);
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    return rc;
}

/* Reads item id (queue and holder copied into the buffers) in the current transaction. */
static int read_item(ordo_store *s, int64_t id, char *queue, size_t nq, char *holder, size_t nh)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    ORDO_TRY(ordo__store_sql(s, get_item_sql, &r));
    ordo__bind_int(s, r, 1, id);
    ORDO_TRY(ordo__row_need(s, r, "reading the queue item", "queue item %lld does not exist", (long long)id));
    const char *q = ordo__col_text(s, r, 0), *h = ordo__col_text(s, r, 1);
    snprintf(queue, nq, "%s", q ? q : "");
    snprintf(holder, nh, "%s", h ? h : "");
    ordo__row_reset(r);
done:
    return rc;
}

/* The item change of pick / release / route under the write lock. */
enum { PICK, RELEASE, ROUTE };
static int item_change(ordo_store *s, int64_t id, int op, const char *arg)
{
    int rc = ORDO_OK, began = 0;
    char queue[256], holder[256];
    ordo__row *r = NULL;
    if (!s || !arg)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    if (op == ROUTE && !ordo_id_valid(arg))
        return ordo__seterr(E(s), ORDO_EINPUT, "queue item %lld: '%s' is not a valid queue id", (long long)id, arg);
    ORDO_TRY(begin(s, &began));
    ORDO_TRY(read_item(s, id, queue, sizeof queue, holder, sizeof holder));
    ordo_queue_item it = { id, queue, *holder ? holder : NULL };
    if (op == PICK)
        ORDO_TRY(ordo_queue_pick_check(&it, arg, E(s)));
    else if (op == RELEASE)
        ORDO_TRY(ordo_queue_release_check(&it, arg, E(s)));
    ORDO_TRY(ordo__store_sql(s, op == PICK ? take_item_sql : op == RELEASE ? release_item_sql : route_item_sql, &r));
    ordo__bind_int(s, r, 1, id);
    if (op != RELEASE)
        ordo__bind_text(s, r, 2, arg);
    ORDO_TRY(ordo__row_exec(s, r, "changing the queue item"));
    if (ordo__store_changes(s) != 1)
        rc = ordo__seterr(E(s), ORDO_EIO, "queue item %lld: changed by another process under the lock",
                          (long long)id);
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    return rc;
}

int ordo_store_queue_pick(ordo_store *s, int64_t id, const char *agent) { return item_change(s, id, PICK, agent); }
int ordo_store_queue_release(ordo_store *s, int64_t id, const char *agent)
{
    return item_change(s, id, RELEASE, agent);
}
int ordo_store_queue_route(ordo_store *s, int64_t id, const char *to) { return item_change(s, id, ROUTE, to); }

int ordo_store_queue_pick_next(ordo_store *s, const char *queue, const char *agent, int64_t *out_id)
{
    int rc = ORDO_OK, began = 0;
    int64_t id = 0;
    ordo__row *r = NULL;
    if (!s || !queue || !out_id)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    *out_id = 0;
    if (!agent || !*agent)
        return ordo__seterr(E(s), ORDO_EINVAL, "queue %s: no agent given", queue);
    ORDO_TRY(begin(s, &began));
    ORDO_TRY(ordo__store_sql(s, next_item_sql, &r));
    ordo__bind_text(s, r, 1, queue);
    ORDO_TRY(ordo__row_int(s, r, "finding the next item", 0, &id));
    if (!id)
        goto done;
    ORDO_TRY(ordo__store_sql(s, take_item_sql, &r));
    ordo__bind_int(s, r, 1, id);
    ordo__bind_text(s, r, 2, agent);
    ORDO_TRY(ordo__row_exec(s, r, "taking the item"));
    if (ordo__store_changes(s) != 1) {
        rc = ordo__seterr(E(s), ORDO_EIO, "queue %s: item %lld was taken under the lock", queue, (long long)id);
        goto done;
    }
    *out_id = id;
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    if (rc < 0)
        *out_id = 0;
    return rc;
}

int ordo_store_queue_get(ordo_store *s, int64_t id, char *queue, size_t nq, char *holder, size_t nh)
{
    int rc = ORDO_OK, began = 0;
    if (!s || !queue || !holder || !nq || !nh)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__store_read_begin(s, &began));
    rc = read_item(s, id, queue, nq, holder, nh);
done:
    return ordo__store_read_end(s, began, rc);
}
