/*
 * server.h — `ordo serve`: the HTTP/1.1 JSON API of shared/spec/http-api.md
 * and the booking page, on libmicrohttpd (server/http.c), JSON with jansson
 * (server/encode.c, server/decode.c), every route a thin caller of one app/
 * use case (server/routes.c).
 *
 * Threads: libmicrohttpd runs one thread per connection (handlers may wait
 * for the store's write lock); each request borrows an ordo_app handle
 * (its own store connection) from a pool guarded by one mutex, so no two
 * threads ever share a connection. Schedule jobs run in threads of their
 * own (server/jobs.c) with their own handles.
 *
 * Shutdown: ordo_server_stop() stops accepting, lets the requests in flight
 * finish (a request not complete within 30 s is dropped anyway), waits for
 * running schedule jobs, then frees everything.
 */
#ifndef ORDO_SERVER_H
#define ORDO_SERVER_H

#include "model/ordo.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ordo_server ordo_server;

typedef struct ordo_server_options {
    int version;
    const char *db;                /* the store (required) */
    const char *address;           /* IPv4 or IPv6 literal to listen on; NULL = 127.0.0.1 */
    int port;                      /* 0 = a free port (ordo_server_port tells which) */
    int max_connections;           /* <= 0: 64 */
} ordo_server_options;
#define ORDO_SERVER_OPTIONS_VERSION 1
#define ORDO_SERVER_OPTIONS_INIT { ORDO_SERVER_OPTIONS_VERSION, NULL, NULL, 8080, 0 }

#define ORDO_SERVER_MAX_BODY (1024 * 1024)   /* larger bodies get 413 */
#define ORDO_SERVER_REQUEST_TIMEOUT_S 30     /* a request must arrive within this */

/* Opens the store once (created if missing), then listens. On failure *out
 * is NULL and err says why (ORDO_EIO: the address could not be bound). */
int ordo_server_start(ordo_server **out, const ordo_server_options *opts, ordo_err *err);
int ordo_server_port(const ordo_server *s);
/* Graceful stop as above; NULL is a no-op. */
void ordo_server_stop(ordo_server *s);

#ifdef __cplusplus
}
#endif
#endif
