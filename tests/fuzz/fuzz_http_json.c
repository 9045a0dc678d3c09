/*
 * fuzz_http_json.c — libFuzzer harness for ordo serve's request decoding
 * (server/decode.c): any byte string is parsed as a JSON body and handed
 * to every decoder. A decoder must either accept it or refuse it with a
 * field and a message; never crash, leak or read out of bounds (built with
 * ASan+UBSan). Seeds: tests/fuzz/corpus/http_json/.
 */
#include "server/decode.h"

#include <stdint.h>
#include <string.h>

static void expect_refusal_named(const srv_in *in, int rc)
{
    if (rc < 0 && in->msg[0] == '\0')
        __builtin_trap();                        /* a refusal must say why */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (int which = 0; which < 9; which++) {
        srv_in in;
        int rc = srv_in_parse(&in, (const char *)data, size, which % 2);
        expect_refusal_named(&in, rc);
        if (rc == 0) {
            ordo_app_book_req b;
            ordo_app_reschedule_req r;
            ordo_app_party_req p;
            ordo_app_contract_add_req k;
            ordo_app_case_add_req c;
            ordo_app_activity_req a;
            ordo_app_resolve_req v;
            const char *s1 = NULL, *s2 = NULL;
            double lim = 0;
            memset(&b, 0, sizeof b), memset(&r, 0, sizeof r), memset(&p, 0, sizeof p), memset(&k, 0, sizeof k);
            memset(&c, 0, sizeof c), memset(&a, 0, sizeof a), memset(&v, 0, sizeof v);
            switch (which) {
            case 0: rc = srv_decode_book(&in, &b); break;
            case 1: rc = srv_decode_reschedule(&in, &r); break;
            case 2: rc = srv_decode_schedule(&in, &s1, &s2, &lim); break;
            case 3: rc = srv_decode_party(&in, 1, &p); break;
            case 4: rc = srv_decode_contract_add(&in, &k); break;
            case 5: rc = srv_decode_status(&in, &s1); break;
            case 6: rc = srv_decode_case_add(&in, &c); break;
            case 7: rc = srv_decode_activity(&in, &a); break;
            default: rc = srv_decode_resolve(&in, &v); break;
            }
            expect_refusal_named(&in, rc);
            if (rc == 0 && which == 0) {                 /* accepted: the required fields are there */
                if (!b.service || !b.start || b.nresources < 1 || b.nresources > SRV_MAX_LIST)
                    __builtin_trap();
                for (int i = 0; i < b.nresources; i++)
                    if (!b.resources[i] || !*b.resources[i] || strpbrk(b.resources[i], "\r\n"))
                        __builtin_trap();
            }
        }
        srv_in_free(&in);
    }
    return 0;
}
