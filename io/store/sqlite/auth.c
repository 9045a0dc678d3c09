/*
 * auth.c — the SQLite side of io/store/auth.h: API token hashes and
 * Idempotency-Key records. Their tables are created on first use (CREATE
 * ... IF NOT EXISTS, a no-op once they exist), so stores made before ordo
 * serve existed need no migration. Tokens are never deleted: a revoked one
 * keeps its row (revoked = when) so that a name can be reused and the
 * history stays.
 */
#include "io/store/auth.h"
#include "io/store/sqlite/store_int.h"

#include <stdio.h>
#include <string.h>

static const char *const create_sql[] = {
    "CREATE TABLE IF NOT EXISTS api_tokens (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " name TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('agent', 'planner', 'admin')),"
    " hash TEXT NOT NULL UNIQUE, created INTEGER NOT NULL, revoked INTEGER)",
    "CREATE UNIQUE INDEX IF NOT EXISTS api_tokens_active_name ON api_tokens (name) WHERE revoked IS NULL",
    "CREATE TABLE IF NOT EXISTS idempotency (token INTEGER NOT NULL, key TEXT NOT NULL,"
    " request_hash TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL, created INTEGER NOT NULL,"
    " PRIMARY KEY (token, key))",
};

static int ensure_tables(ordo_store *s)
{
    int rc = ORDO_OK;
    for (size_t i = 0; i < sizeof create_sql / sizeof *create_sql && rc == ORDO_OK; i++) {
        ordo__row *r = NULL;
        if ((rc = ordo__store_sql(s, create_sql[i], &r)) == ORDO_OK)
            rc = ordo__row_exec(s, r, "creating the token tables");
    }
    return rc;
}

static void copy_text(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

/* ---- tokens ------------------------------------------------------------------------- */

static const char *const token_active_sql = "SELECT count(*) FROM api_tokens WHERE name = ?1 AND revoked IS NULL";
static const char *const token_add_sql =
    "INSERT INTO api_tokens (name, role, hash, created) VALUES (?1, ?2, ?3, ?4)";
static const char *const token_find_sql =
    "SELECT id, name, role, hash, created FROM api_tokens WHERE hash = ?1 AND revoked IS NULL";
static const char *const token_revoke_sql =
    "UPDATE api_tokens SET revoked = ?2 WHERE name = ?1 AND revoked IS NULL";
static const char *const token_list_sql =
    "SELECT id, name, role, hash, created FROM api_tokens WHERE revoked IS NULL ORDER BY id";

static void read_token(ordo_store *s, ordo__row *r, ordo_token_rec *t)
{
    memset(t, 0, sizeof *t);
    t->id = ordo__col_int(r, 0);
    copy_text(t->name, sizeof t->name, ordo__col_text(s, r, 1));
    copy_text(t->role, sizeof t->role, ordo__col_text(s, r, 2));
    copy_text(t->hash, sizeof t->hash, ordo__col_text(s, r, 3));
    t->created = ordo__col_int(r, 4);
}

int ordo_store_token_add(ordo_store *s, ordo_token_rec *t)
{
    int rc = ORDO_OK, began = 0;
    int64_t n = 0;
    ordo__row *r = NULL;
    if (!s || !t)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__store_unit_begin(s));
    began = 1;
    ORDO_TRY(ensure_tables(s));
    ORDO_TRY(ordo__store_sql(s, token_active_sql, &r));
    ordo__bind_text(s, r, 1, t->name);
    ORDO_TRY(ordo__row_int(s, r, "looking up the token name", 0, &n));
    if (n > 0) {
        rc = ordo__seterr(ordo__store_err(s), ORDO_EEXISTS, "a token named '%s' exists already (revoke it first)",
                          t->name);
        goto done;
    }
    ORDO_TRY(ordo__store_sql(s, token_add_sql, &r));
    ordo__bind_text(s, r, 1, t->name);
    ordo__bind_text(s, r, 2, t->role);
    ordo__bind_text(s, r, 3, t->hash);
    ordo__bind_int(s, r, 4, t->created);
    ORDO_TRY(ordo__row_exec(s, r, "adding the token"));
    t->id = ordo__store_last_id(s);
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    return rc;
}

int ordo_store_token_find(ordo_store *s, const char *hash, ordo_token_rec *out)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    if (!s || !hash || !out)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ensure_tables(s));
    ORDO_TRY(ordo__store_sql(s, token_find_sql, &r));
    ordo__bind_text(s, r, 1, hash);
    ORDO_TRY(ordo__row_need(s, r, "looking up the token", "no such token"));
    read_token(s, r, out);
    ordo__row_reset(r);
done:
    return rc;
}

int ordo_store_token_revoke(ordo_store *s, const char *name, int64_t now)
{
    int rc = ORDO_OK, began = 0;
    ordo__row *r = NULL;
    if (!s || !name)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__store_unit_begin(s));
    began = 1;
    ORDO_TRY(ensure_tables(s));
    ORDO_TRY(ordo__store_sql(s, token_revoke_sql, &r));
    ordo__bind_text(s, r, 1, name);
    ordo__bind_int(s, r, 2, now);
    ORDO_TRY(ordo__row_exec(s, r, "revoking the token"));
    if (ordo__store_changes(s) == 0)
        rc = ordo__seterr(ordo__store_err(s), ORDO_ENOTFOUND, "no active token named '%s'", name);
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    return rc;
}

typedef struct list_ctx {
    ordo_token_fn fn;
    void *payload;
} list_ctx;

static int each_token(ordo_store *s, ordo__row *r, void *payload)
{
    list_ctx *c = payload;
    ordo_token_rec t;
    read_token(s, r, &t);
    return c->fn(&t, c->payload);
}

int ordo_store_token_list(ordo_store *s, ordo_token_fn fn, void *payload)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    list_ctx c = { fn, payload };
    if (!s || !fn)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ensure_tables(s));
    ORDO_TRY(ordo__store_sql(s, token_list_sql, &r));
    rc = ordo__row_each(s, r, "listing the tokens", each_token, &c);
done:
    return rc;
}

/* ---- idempotency records --------------------------------------------------------------- */

static const char *const idem_get_sql =
    "SELECT status, body, request_hash FROM idempotency WHERE token = ?1 AND key = ?2 AND created >= ?3";
static const char *const idem_put_sql =
    "INSERT INTO idempotency (token, key, request_hash, status, body, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    " ON CONFLICT(token, key) DO UPDATE SET request_hash = excluded.request_hash, status = excluded.status,"
    " body = excluded.body, created = excluded.created WHERE idempotency.created < ?7";
static const char *const idem_purge_sql = "DELETE FROM idempotency WHERE created < ?1";

int ordo_store_idem_get(ordo_store *s, int64_t token, const char *key, int64_t since, int *status,
                        char **body, char *request_hash)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    const char *b;
    *body = NULL;
    if (!s || !key)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ensure_tables(s));
    ORDO_TRY(ordo__store_sql(s, idem_get_sql, &r));
    ordo__bind_int(s, r, 1, token);
    ordo__bind_text(s, r, 2, key);
    ordo__bind_int(s, r, 3, since);
    ORDO_TRY(ordo__row_need(s, r, "looking up the idempotency key", "no response recorded for that key"));
    *status = (int)ordo__col_int(r, 0);
    b = ordo__col_text(s, r, 1);
    copy_text(request_hash, 65, ordo__col_text(s, r, 2));
    if (!(*body = ordo__strdup(b ? b : ""))) {
        rc = ordo__seterr(ordo__store_err(s), ORDO_ENOMEM, "out of memory");
    }
    ordo__row_reset(r);
done:
    return rc;
}

int ordo_store_idem_put(ordo_store *s, int64_t token, const char *key, const char *request_hash, int status,
                        const char *body, int64_t now, int64_t since)
{
    int rc = ORDO_OK, began = 0;
    ordo__row *r = NULL;
    if (!s || !key || !request_hash || !body)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__store_unit_begin(s));
    began = 1;
    ORDO_TRY(ensure_tables(s));
    ORDO_TRY(ordo__store_sql(s, idem_purge_sql, &r));
    ordo__bind_int(s, r, 1, since);
    ORDO_TRY(ordo__row_exec(s, r, "forgetting old idempotency keys"));
    ORDO_TRY(ordo__store_sql(s, idem_put_sql, &r));
    ordo__bind_int(s, r, 1, token);
    ordo__bind_text(s, r, 2, key);
    ordo__bind_text(s, r, 3, request_hash);
    ordo__bind_int(s, r, 4, status);
    ordo__bind_text(s, r, 5, body);
    ordo__bind_int(s, r, 6, now);
    ordo__bind_int(s, r, 7, since);
    ORDO_TRY(ordo__row_exec(s, r, "recording the response"));
    if (ordo__store_changes(s) == 0)
        rc = ordo__seterr(ordo__store_err(s), ORDO_EEXISTS, "a response for that key is recorded already");
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    return rc;
}
