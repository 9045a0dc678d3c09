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
#include "io/store_int.h"

#include <stdio.h>
#include <string.h>

static ordo_err *E(ordo_store *s) { return ordo__store_err(s); }

static const char *const has_tables_sql = "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                          " AND name IN ('leads', 'queue_items')";
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
};

/* Creates the tables when missing; call inside a write unit. */
static int ensure(ordo_store *s)
{
    int rc = ORDO_OK;
    int64_t n = 0;
    ordo__row *r = NULL;
    ORDO_TRY(ordo__store_sql(s, has_tables_sql, &r));
    ORDO_TRY(ordo__row_int(s, r, "looking for the sales tables", 0, &n));
    for (size_t i = 0; n < 2 && i < sizeof create_sql / sizeof *create_sql; i++) {
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
        rc = ensure(s);
    }
    return rc;
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
    *out = n == 2;
    return rc;
}

int ordo_store_lead_add(ordo_store *s, const ordo_lead *l)
{
    int rc = ORDO_OK, began = 0;
    int64_t n = 0;
    ordo__row *r = NULL;
    ordo_dedup_key k;
    if (!s || !l)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo_lead_check(l, E(s)));
    if (l->status != ORDO_LEAD_OPEN)
        return ordo__seterr(E(s), ORDO_EINPUT, "lead %s: a new lead is open", l->id);
    ORDO_TRY(begin(s, &began));
    ORDO_TRY(ordo__store_sql(s, lead_exists_sql, &r));
    ordo__bind_text(s, r, 1, l->id);
    ORDO_TRY(ordo__row_int(s, r, "looking up the lead", 0, &n));
    if (n) {
        rc = ordo__seterr(E(s), ORDO_EEXISTS, "lead %s already exists", l->id);
        goto done;
    }
    const char *parents[2] = { l->parent_contact, l->parent_account };
    for (int i = 0; i < 2; i++) {
        if (!parents[i] || !*parents[i])
            continue;
        ORDO_TRY(ordo__store_sql(s, party_exists_sql, &r));
        ordo__bind_text(s, r, 1, parents[i]);
        ORDO_TRY(ordo__row_int(s, r, "looking up the parent", 0, &n));
        if (!n) {
            rc = ordo__seterr(E(s), ORDO_EINPUT, "lead %s: %s '%s' is not a known %s", l->id,
                              i ? "parent_account" : "parent_contact", parents[i], i ? "account" : "contact");
            goto done;
        }
    }
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
    ordo__bind_text(s, r, 15, "open");
    ordo__bind_text(s, r, 16, "");
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

/* Reads lead `id` inside the current transaction. */
static int read_lead(ordo_store *s, const char *id, ordo_lead *out)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    ORDO_TRY(ordo__store_sql(s, get_lead_sql, &r));
    ordo__bind_text(s, r, 1, id);
    ORDO_TRY(ordo__row_need(s, r, "reading the lead", "lead %s does not exist", id));
    rc = lead_row(s, r, out);
    ordo__row_reset(r);
done:
    return rc;
}

int ordo_store_lead_get(ordo_store *s, const char *id, ordo_lead *out)
{
    int rc = ORDO_OK, began = 0, present = 0;
    if (!s || !id || !out)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    memset(out, 0, sizeof *out);
    ORDO_TRY(ordo__store_read_begin(s, &began));
    ORDO_TRY(lead_has_table(s, &present));
    if (!present)
        rc = ordo__seterr(E(s), ORDO_ENOTFOUND, "lead %s does not exist", id);
    else
        rc = read_lead(s, id, out);
done:
    return ordo__store_read_end(s, began, rc);
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
} match_ctx;

static int match_row(ordo_store *s, ordo__row *r, void *payload)
{
    match_ctx *m = payload;
    ordo_dedup_key k;
    const char *id = ordo__col_text(s, r, 0);
    ordo_dedup_person p = { ordo__col_text(s, r, 2), ordo__col_text(s, r, 3), ordo__col_text(s, r, 4),
                            ordo__col_text(s, r, 5), ordo__col_text(s, r, 6) };
    ordo_dedup_key_make(&k, &p, ORDO_SALES_COUNTRY);
    unsigned why = 0;
    double score = ordo_dedup_score(&m->key, &k, m->threshold, &why);
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

int ordo_store_lead_duplicates(ordo_store *s, const ordo_lead *l, double threshold, ordo_lead_match_fn fn,
                               void *payload)
{
    int rc = ORDO_OK, began = 0, present = 0;
    match_ctx m = { 0 };
    ordo__row *r = NULL;
    if (!s || !l || !fn)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ordo_dedup_person p = { l->first_name, l->last_name, l->company, l->email, l->phone };
    ordo_dedup_key_make(&m.key, &p, ORDO_SALES_COUNTRY);
    m.threshold = threshold;
    ORDO_TRY(ordo__store_read_begin(s, &began));
    ORDO_TRY(lead_has_table(s, &present));
    if (!present)
        goto done;
    ORDO_TRY(ordo__store_sql(s, lead_candidates_sql, &r));
    ordo__bind_text(s, r, 1, m.key.email);
    ordo__bind_text(s, r, 2, m.key.phone);
    ordo__bind_text(s, r, 3, m.key.block);
    ordo__bind_text(s, r, 4, l->id ? l->id : "");
    rc = ordo__row_each(s, r, "looking for duplicate leads", match_row, &m);
    if (m.oom)
        rc = ordo__seterr(E(s), ORDO_ENOMEM, "out of memory");
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
