/*
 * store/auth.h — what ordo serve keeps in the store besides the model:
 * API tokens (only their hashes, io/crypto.h) and the responses recorded
 * for Idempotency-Key retries. The SQLite backend implements them in
 * io/store/sqlite/auth.c; the app layer reaches them through the ops table
 * (io/store/store.h). Their tables are created on first use.
 *
 * Every write is one atomic unit (or a savepoint inside begin()), so an
 * idempotency record is committed with the change it records.
 */
#ifndef ORDO_STORE_AUTH_H
#define ORDO_STORE_AUTH_H

#include "io/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ordo_token_rec {
    int64_t id;
    char name[128];
    char role[16];                 /* "agent", "planner", "admin" */
    char hash[65];                 /* BLAKE2b-256 hex of the token */
    int64_t created;               /* UTC seconds */
} ordo_token_rec;

/* A value that changes whenever the store's content may have changed
 * (another connection committed, or this one wrote): for read caches. */
int ordo_store_revision(ordo_store *s, uint64_t *out);

/* Adds a token (id set). ORDO_EEXISTS when an active token has that name. */
int ordo_store_token_add(ordo_store *s, ordo_token_rec *t);
/* The active token with this hash: ORDO_ENOTFOUND when none. */
int ordo_store_token_find(ordo_store *s, const char *hash, ordo_token_rec *out);
/* Revokes the active token named `name` (its row stays, revoked at `now`):
 * ORDO_ENOTFOUND when none. */
int ordo_store_token_revoke(ordo_store *s, const char *name, int64_t now);
typedef int (*ordo_token_fn)(const ordo_token_rec *t, void *payload);
/* Active tokens by id (their hashes included, never the tokens). */
int ordo_store_token_list(ordo_store *s, ordo_token_fn fn, void *payload);

/* The response recorded for (token, key) at or after `since` (UTC seconds):
 * *status, *body (malloc'd with ordo__malloc, the caller frees it) and the
 * request's hash into request_hash[65]. ORDO_ENOTFOUND when none. */
int ordo_store_idem_get(ordo_store *s, int64_t token, const char *key, int64_t since, int *status,
                        char **body, char *request_hash);
/* Records a response (replacing one older than `since`). ORDO_EEXISTS when a
 * record at or after `since` exists already (another request won the race). */
int ordo_store_idem_put(ordo_store *s, int64_t token, const char *key, const char *request_hash, int status,
                        const char *body, int64_t now, int64_t since);

#ifdef __cplusplus
}
#endif
#endif
