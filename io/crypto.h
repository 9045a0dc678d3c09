/*
 * crypto.h — the secrets of ordo serve: random API tokens and the hashes
 * they are stored as, from libsodium (io/crypto_sodium.c is the only file
 * that includes sodium.h).
 *
 * A token is "ordo_" + 43 characters of URL-safe base64 (32 random bytes
 * from the system's CSPRNG). Only BLAKE2b-256 of it is stored: a token has
 * 256 bits of entropy, so a fast unkeyed hash is enough (no password
 * stretching needed), and a stolen database reveals no usable token.
 * Hashes are compared with sodium_memcmp (constant time).
 *
 * All functions are thread-safe once ordo_crypto_init() has returned
 * ORDO_OK (it may be called any number of times, from any thread).
 */
#ifndef ORDO_IO_CRYPTO_H
#define ORDO_IO_CRYPTO_H

#include "model/ordo.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ORDO_TOKEN_PREFIX "ordo_"
#define ORDO_TOKEN_LEN 48          /* "ordo_" + 43 base64url characters */
#define ORDO_HASH_HEX_LEN 64       /* BLAKE2b-256 as lowercase hex */

/* Initialises libsodium: ORDO_OK, or ORDO_EIO when it cannot run. */
int ordo_crypto_init(void);

/* Writes a new random token and its '\0' into out (at least
 * ORDO_TOKEN_LEN + 1 bytes). */
int ordo_crypto_token(char *out, size_t n);

/* BLAKE2b-256 of data[0..len) as 64 hex digits and a '\0' into
 * out[ORDO_HASH_HEX_LEN + 1]. */
void ordo_crypto_hash_hex(const void *data, size_t len, char *out);

/* 1 when a and b (n bytes each) are equal, compared in constant time. */
int ordo_crypto_equal(const void *a, const void *b, size_t n);

#ifdef __cplusplus
}
#endif
#endif
