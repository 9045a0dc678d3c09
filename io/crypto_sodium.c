/*
 * crypto_sodium.c — io/crypto.h on libsodium: randombytes_buf for tokens,
 * crypto_generichash (BLAKE2b) for their stored hashes, sodium_memcmp for
 * comparisons. The only file of ordo that includes sodium.h.
 */
#include "io/crypto.h"

#include <sodium.h>
#include <string.h>

int ordo_crypto_init(void)
{
    return sodium_init() < 0 ? ORDO_EIO : ORDO_OK;
}

int ordo_crypto_token(char *out, size_t n)
{
    unsigned char raw[32];
    size_t plen = strlen(ORDO_TOKEN_PREFIX);
    if (n < ORDO_TOKEN_LEN + 1)
        return ORDO_EINVAL;
    randombytes_buf(raw, sizeof raw);
    memcpy(out, ORDO_TOKEN_PREFIX, plen);
    sodium_bin2base64(out + plen, n - plen, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
    return ORDO_OK;
}

void ordo_crypto_hash_hex(const void *data, size_t len, char *out)
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, data, len, NULL, 0);
    sodium_bin2hex(out, ORDO_HASH_HEX_LEN + 1, h, sizeof h);
}

int ordo_crypto_equal(const void *a, const void *b, size_t n)
{
    return sodium_memcmp(a, b, n) == 0;
}
