/*
 * app_auth.h — use cases of ordo serve's security: API tokens with roles
 * (`ordo token add|revoke|list`, the check every request makes) and
 * Idempotency-Key retries (a POST's response recorded in the same
 * transaction as the change it made, replayed on a retry).
 *
 * Tokens are printed once by ordo_app_token_add and stored only as their
 * BLAKE2b hash (io/crypto.h); ordo_app_token_check hashes what a client
 * sends, finds the hash and compares it in constant time.
 */
#ifndef ORDO_APP_AUTH_H
#define ORDO_APP_AUTH_H

#include "app/app.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Roles, each with every right of the ones before it. */
typedef enum ordo_role {
    ORDO_ROLE_NONE = 0,
    ORDO_ROLE_AGENT,               /* find times; book, reschedule, cancel; read; cases */
    ORDO_ROLE_PLANNER,             /* agent + imports, schedule, repair, courses */
    ORDO_ROLE_ADMIN                /* everything, contracts and tokens included */
} ordo_role;

/* "agent", "planner", "admin" -> the role; ORDO_ROLE_NONE for anything else. */
ordo_role ordo_role_parse(const char *name);
const char *ordo_role_name(ordo_role r);

typedef struct ordo_app_principal {
    int64_t token_id;
    char name[128];
    ordo_role role;
} ordo_app_principal;

/* Makes a token for `name` with `role` and writes it (with its '\0') into
 * token_out (at least 49 bytes): the only time it is ever seen. Errors:
 * ORDO_EINVAL (bad role or name: 1-100 printable characters, field "role" or
 * "name"), ORDO_EEXISTS (an active token has that name). */
int ordo_app_token_add(ordo_app *a, const char *name, const char *role, int64_t now, char *token_out, size_t n);
/* ORDO_ENOTFOUND when no active token has that name. */
int ordo_app_token_revoke(ordo_app *a, const char *name, int64_t now);
typedef int (*ordo_app_token_fn)(const ordo_app_principal *p, int64_t created, void *payload);
int ordo_app_token_list(ordo_app *a, ordo_app_token_fn fn, void *payload);
/* Who holds `token`: ORDO_ENOTFOUND when it is unknown or revoked. */
int ordo_app_token_check(ordo_app *a, const char *token, ordo_app_principal *out);

/* ---- Idempotency-Key ---------------------------------------------------------------- */

#define ORDO_IDEM_TTL_S (24 * 3600)

/* A request's effect: runs the use case (on `a`, whose use cases then write
 * inside the caller's transaction) and sets the response: *status and
 * *body (ordo__malloc'd, owned by the caller afterwards). Its return value
 * is ignored except ORDO_EBUSY/ORDO_EIO/ORDO_ENOMEM, which are not recorded
 * (a retry runs it again). */
typedef int (*ordo_app_idem_fn)(ordo_app *a, void *payload, int *status, char **body);

/* Runs fn at most once per (token, key) within ORDO_IDEM_TTL_S: inside one
 * write transaction, a response recorded for the key is returned instead
 * (*replayed = 1) when request_hash matches; ORDO_ERULE (message for a
 * 422) when the same key came with another request. Otherwise fn runs and
 * its response is recorded in the same transaction as its changes, so a
 * retry after a lost response can never book or deduct twice. */
int ordo_app_idempotent(ordo_app *a, int64_t token_id, const char *key, const char *request_hash, int64_t now,
                        ordo_app_idem_fn fn, void *payload, int *status, char **body, int *replayed);

#ifdef __cplusplus
}
#endif
#endif
