/*
 * decode.h — request bodies (JSON, jansson) into app/ requests. Every
 * refusal names the field at fault ("resources[2]", "start") with a message
 * a person understands, for a 400 `invalid_input`. Strings handed out are
 * borrowed from the parsed document: valid until srv_in_free().
 * Independent of HTTP, so tests/fuzz/fuzz_http_json.c drives it directly.
 */
#ifndef ORDO_SERVER_DECODE_H
#define ORDO_SERVER_DECODE_H

#include "app/app.h"
#include "app/app_crm.h"
#include "app/app_service.h"
#include "app/sales.h"

#include <jansson.h>
#include <stddef.h>

#define SRV_MAX_LIST 64            /* items in an id list */
#define SRV_MAX_TEXT 4096          /* bytes in one string field */

typedef struct srv_in {
    json_t *root;                  /* the object, or NULL */
    const char *ids[SRV_MAX_LIST]; /* decoded id lists point here */
    char field[64];
    char msg[512];
} srv_in;

/* Parses body[0..len) as one JSON object (an empty body = {} when
 * empty_ok): ORDO_OK, or ORDO_EINVAL with field/msg set. */
int srv_in_parse(srv_in *in, const char *body, size_t len, int empty_ok);
void srv_in_free(srv_in *in);

/* Field readers: ORDO_OK (absent optional fields leave *out as it was),
 * ORDO_EINVAL naming the field otherwise. */
int srv_in_str(srv_in *in, const char *key, int required, const char **out);
/* An optional text a PATCH may clear: absent leaves *out, null gives ""
 * (the use case's "clear"), a string is read as srv_in_str's. */
int srv_in_clearable(srv_in *in, const char *key, const char **out);
int srv_in_int(srv_in *in, const char *key, int required, long long lo, long long hi, long long *out);
int srv_in_bool(srv_in *in, const char *key, int *out);
/* Refuses any member not in allowed (NULL-terminated). */
int srv_in_only(srv_in *in, const char *const *allowed);

int srv_decode_book(srv_in *in, ordo_app_book_req *out);
int srv_decode_reschedule(srv_in *in, ordo_app_reschedule_req *out);
/* {"from","to"} (+ "time_limit" seconds, 1..3600) */
int srv_decode_schedule(srv_in *in, const char **from, const char **to, double *time_limit);
int srv_decode_party(srv_in *in, int contact, ordo_app_party_req *out);
int srv_decode_contract_add(srv_in *in, ordo_app_contract_add_req *out);
/* {"status"}: a contract status name */
int srv_decode_status(srv_in *in, const char **status);
int srv_decode_case_add(srv_in *in, ordo_app_case_add_req *out);
int srv_decode_activity(srv_in *in, ordo_app_activity_req *out);
int srv_decode_resolve(srv_in *in, ordo_app_resolve_req *out);

/* Sales bodies (server/routes_sales.c). A lead: {"id" (required), "topic",
 * "first_name", "last_name", "company", "email", "phone", "parent_contact",
 * "parent_account", "campaign", "channel", "rating", "owner", "score"
 * 0..100}. Qualify: {"contact", "account", "create_new", "opportunity",
 * "value" (cents), "close_date", "minutes", "service"} (all optional). Win:
 * {"reason", "date", "months", "sessions", "participants"}. */
int srv_decode_lead(srv_in *in, ordo_app_lead_req *out);
int srv_decode_qualify(srv_in *in, ordo_app_qualify_req *out);
int srv_decode_win(srv_in *in, ordo_app_win_req *out);
/* {key (a required string), optional (NULL = none)}: e.g. {"stage"},
 * {"reason","date"}. Any other member is refused. */
int srv_decode_word(srv_in *in, const char *key, const char *optional, const char **word, const char **opt);


#endif
