/*
 * auth.c — API tokens and Idempotency-Key retries (app/app_auth.h).
 * Secrets: a token exists in clear only in ordo_app_token_add's output and
 * in the request that presents it; the store keeps its hash.
 */
#include "app/app_auth.h"
#include "app/app_int.h"
#include "io/crypto.h"

#include <stdio.h>
#include <string.h>

static const char *const role_names[] = { "none", "agent", "planner", "admin" };

ordo_role ordo_role_parse(const char *name)
{
    for (int r = ORDO_ROLE_AGENT; r <= ORDO_ROLE_ADMIN; r++)
        if (name && strcmp(name, role_names[r]) == 0)
            return (ordo_role)r;
    return ORDO_ROLE_NONE;
}

const char *ordo_role_name(ordo_role r)
{
    return r >= ORDO_ROLE_NONE && r <= ORDO_ROLE_ADMIN ? role_names[r] : "none";
}

static int name_ok(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n > 100)
        return 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return 0;
    return 1;
}

static int crypto_ready(ordo_app *a)
{
    return ordo_crypto_init() == ORDO_OK ? ORDO_OK
                                         : app_fail(a, ORDO_EIO, NULL, "the crypto library could not start");
}

int ordo_app_token_add(ordo_app *a, const char *name, const char *role, int64_t now, char *token_out, size_t n)
{
    int rc = ORDO_OK;
    ordo_token_rec t;
    char token[ORDO_TOKEN_LEN + 1];
    app_start(a);
    memset(&t, 0, sizeof t);
    if (!name_ok(name))
        return app_fail(a, ORDO_EINVAL, "name", "token name '%s': 1 to 100 printable characters", name ? name : "");
    if (ordo_role_parse(role) == ORDO_ROLE_NONE)
        return app_fail(a, ORDO_EINVAL, "role", "role '%s': must be agent, planner or admin", role ? role : "");
    if (n < sizeof token)
        return app_fail(a, ORDO_EINVAL, NULL, "token buffer too small");
    ORDO_TRY(crypto_ready(a));
    ORDO_TRY(ordo_crypto_token(token, sizeof token));
    snprintf(t.name, sizeof t.name, "%s", name);
    snprintf(t.role, sizeof t.role, "%s", role);
    ordo_crypto_hash_hex(token, strlen(token), t.hash);
    t.created = app_now(now);
    if ((rc = a->ops->token_add(a->store, &t)) < 0) {
        app_store_fail(a, rc);
        snprintf(a->err.field, sizeof a->err.field, "%s", rc == ORDO_EEXISTS ? "name" : "");
        goto done;
    }
    memcpy(token_out, token, sizeof token);
done:
    memset(token, 0, sizeof token);
    return rc;
}

int ordo_app_token_revoke(ordo_app *a, const char *name, int64_t now)
{
    int rc;
    app_start(a);
    rc = a->ops->token_revoke(a->store, name ? name : "", app_now(now));
    return rc < 0 ? app_store_fail(a, rc) : rc;
}

typedef struct list_ctx {
    ordo_app_token_fn fn;
    void *payload;
} list_ctx;

static int each_token(const ordo_token_rec *t, void *payload)
{
    list_ctx *c = payload;
    ordo_app_principal p = { .token_id = t->id, .role = ordo_role_parse(t->role) };
    snprintf(p.name, sizeof p.name, "%s", t->name);
    return c->fn(&p, t->created, c->payload);
}

int ordo_app_token_list(ordo_app *a, ordo_app_token_fn fn, void *payload)
{
    list_ctx c = { fn, payload };
    int rc;
    app_start(a);
    rc = a->ops->token_list(a->store, each_token, &c);
    return rc < 0 ? app_store_fail(a, rc) : rc;
}

int ordo_app_token_check(ordo_app *a, const char *token, ordo_app_principal *out)
{
    int rc = ORDO_OK;
    ordo_token_rec t;
    char hash[ORDO_HASH_HEX_LEN + 1];
    app_start(a);
    memset(out, 0, sizeof *out);
    ORDO_TRY(crypto_ready(a));
    if (!token || strlen(token) != ORDO_TOKEN_LEN) {
        rc = app_fail(a, ORDO_ENOTFOUND, NULL, "unknown token");
        goto done;
    }
    ordo_crypto_hash_hex(token, strlen(token), hash);
    if ((rc = a->ops->token_find(a->store, hash, &t)) < 0) {
        if (rc == ORDO_ENOTFOUND)
            app_fail(a, rc, NULL, "unknown or revoked token");
        else
            app_store_fail(a, rc);
        goto done;
    }
    if (!ordo_crypto_equal(t.hash, hash, ORDO_HASH_HEX_LEN)) {
        rc = app_fail(a, ORDO_ENOTFOUND, NULL, "unknown or revoked token");
        goto done;
    }
    out->token_id = t.id;
    out->role = ordo_role_parse(t.role);
    snprintf(out->name, sizeof out->name, "%s", t.name);
done:
    return rc;
}

/* ---- Idempotency-Key ---------------------------------------------------------------- */

static int not_recorded(int rc) { return rc == ORDO_EBUSY || rc == ORDO_EIO || rc == ORDO_ENOMEM; }

int ordo_app_idempotent(ordo_app *a, int64_t token_id, const char *key, const char *request_hash, int64_t now,
                        ordo_app_idem_fn fn, void *payload, int *status, char **body, int *replayed)
{
    int rc = ORDO_OK, began = 0, st = 0;
    char *b = NULL, seen[ORDO_HASH_HEX_LEN + 1] = "";
    int64_t since;
    app_start(a);
    *body = NULL;
    *replayed = 0;
    now = app_now(now);
    since = now - ORDO_IDEM_TTL_S;
    if ((rc = app_begin(a)) < 0) {
        app_store_fail(a, rc);
        goto done;
    }
    began = 1;
    rc = a->ops->idem_get(a->store, token_id, key, since, &st, &b, seen);
    if (rc == ORDO_OK) {
        if (strlen(seen) != ORDO_HASH_HEX_LEN || !ordo_crypto_equal(seen, request_hash, ORDO_HASH_HEX_LEN)) {
            rc = app_fail(a, ORDO_ERULE, "Idempotency-Key",
                          "Idempotency-Key '%s' was already used with a different request", key);
            goto done;
        }
        *status = st;
        *body = b;
        b = NULL;
        *replayed = 1;
        goto done;                         /* nothing written: the rollback below is a release */
    }
    if (rc != ORDO_ENOTFOUND) {
        app_store_fail(a, rc);
        goto done;
    }
    a->outer = 1;
    rc = fn(a, payload, &st, &b);
    a->outer = 0;
    if (not_recorded(rc) || !b) {
        if (rc >= 0)
            rc = app_fail(a, ORDO_ENOMEM, NULL, "out of memory");
        goto done;
    }
    if ((rc = a->ops->idem_put(a->store, token_id, key, request_hash, st, b, now, since)) < 0) {
        app_store_fail(a, rc);
        goto done;
    }
    if ((rc = app_commit(a)) < 0) {
        app_store_fail(a, rc);
        goto done;
    }
    began = 0;
    *status = st;
    *body = b;
    b = NULL;
done:
    a->outer = 0;
    if (began)
        app_rollback(a);
    ordo__free(b);
    return rc;
}
