/*
 * http.c — libmicrohttpd under ordo serve: one thread per connection (a
 * handler may wait for the store's write lock without stalling others),
 * request bodies collected up to ORDO_SERVER_MAX_BODY (413 past it, before
 * reading the body when Content-Length says so), requests that take longer
 * than ORDO_SERVER_REQUEST_TIMEOUT_S to arrive dropped, the pool of app
 * handles, authentication, and graceful shutdown (quiesce, drain, stop).
 */
#include "server/server_int.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_MAX_CONNECTIONS 64
#define DRAIN_WAIT_S 40

double srv_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- the handle pool ------------------------------------------------------------ */

int srv_app_get(ordo_server *s, ordo_app **out, ordo_err *err)
{
    ordo_app *a = NULL;
    pthread_mutex_lock(&s->lock);
    if (s->npool > 0)
        a = s->pool[--s->npool];
    pthread_mutex_unlock(&s->lock);
    if (a) {
        *out = a;
        return ORDO_OK;
    }
    int rc = ordo_app_open(out, s->db, 0, err);
    if (rc == ORDO_OK)
        ordo_app_share_reads(*out, s->reads);   /* one snapshot for every handle (app.h) */
    return rc;
}

void srv_app_put(ordo_server *s, ordo_app *a)
{
    if (!a)
        return;
    pthread_mutex_lock(&s->lock);
    if (s->npool == s->cappool) {
        int cap = s->cappool ? 2 * s->cappool : 16;
        ordo_app **v = ordo__realloc(s->pool, (size_t)cap * sizeof *v);
        if (v) {
            s->pool = v;
            s->cappool = cap;
        }
    }
    if (s->npool < s->cappool) {
        s->pool[s->npool++] = a;
        a = NULL;
    }
    pthread_mutex_unlock(&s->lock);
    ordo_app_close(a);              /* no room: close it */
}

/* ---- request helpers --------------------------------------------------------------- */

const char *srv_query(const srv_req *r, const char *name)
{
    return MHD_lookup_connection_value((struct MHD_Connection *)r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *srv_header(const srv_req *r, const char *name)
{
    return MHD_lookup_connection_value((struct MHD_Connection *)r->conn, MHD_HEADER_KIND, name);
}

static void req_free(srv_req *r)
{
    if (!r)
        return;
    pthread_mutex_lock(&r->srv->lock);
    r->srv->inflight--;
    pthread_mutex_unlock(&r->srv->lock);
    if (r->app)
        srv_app_put(r->srv, r->app);
    if (r->out && !r->out_static)
        ordo__free(r->out);
    ordo__free(r->body);
    ordo__free(r->path);
    ordo__free(r);
}

static enum MHD_Result send_reply(struct MHD_Connection *c, srv_req *r)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(r->outlen, r->out ? r->out : (void *)"", MHD_RESPMEM_MUST_COPY);
    enum MHD_Result ok;
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", r->content_type ? r->content_type : "application/json");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    if (r->retry_after > 0) {
        char ra[16];
        snprintf(ra, sizeof ra, "%d", r->retry_after);
        MHD_add_response_header(resp, "Retry-After", ra);
    }
    ok = MHD_queue_response(c, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

static int append_body(srv_req *r, const char *data, size_t n)
{
    if (r->too_large || r->len + n > ORDO_SERVER_MAX_BODY) {
        r->too_large = 1;
        return ORDO_OK;             /* keep reading, answer 413 at the end */
    }
    if (r->len + n + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 4096;
        while (cap < r->len + n + 1)
            cap *= 2;
        char *b = ordo__realloc(r->body, cap);
        if (!b)
            return ORDO_ENOMEM;
        r->body = b;
        r->cap = cap;
    }
    memcpy(r->body + r->len, data, n);
    r->len += n;
    r->body[r->len] = '\0';
    return ORDO_OK;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    ordo_server *s = cls;
    srv_req *r = *con_cls;
    (void)version;
    if (!r) {                                    /* headers are in */
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (!(r = ordo__calloc(1, sizeof *r)) || !(r->path = ordo__strdup(url))) {
            ordo__free(r);
            return MHD_NO;
        }
        r->srv = s;
        r->method = method;
        r->conn = c;
        r->started = srv_clock();
        *con_cls = r;
        pthread_mutex_lock(&s->lock);
        s->inflight++;
        pthread_mutex_unlock(&s->lock);
        if (cl && strtoull(cl, NULL, 10) > ORDO_SERVER_MAX_BODY) {
            srv_reply_error(r, 413, "too_large", NULL, "the body is larger than %d bytes", ORDO_SERVER_MAX_BODY);
            return send_reply(c, r);         /* the body is never read */
        }
        return MHD_YES;
    }
    if (r->status)                                /* answered early (413): discard the rest */
        return *upload_size = 0, MHD_YES;
    if (*upload_size) {
        if (srv_clock() - r->started > ORDO_SERVER_REQUEST_TIMEOUT_S)
            return MHD_NO;                        /* drop a request that does not finish arriving */
        if (append_body(r, upload, *upload_size) < 0)
            return MHD_NO;
        *upload_size = 0;
        return MHD_YES;
    }
    if (r->too_large)
        srv_reply_error(r, 413, "too_large", NULL, "the body is larger than %d bytes", ORDO_SERVER_MAX_BODY);
    else
        srv_route(r);
    if (!r->status)
        srv_reply_error(r, 500, "internal", NULL, "no response");
    return send_reply(c, r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode t)
{
    (void)cls;
    (void)c;
    (void)t;
    req_free(*con_cls);
    *con_cls = NULL;
}

/* ---- start and stop ------------------------------------------------------------------ */

int ordo_server_start(ordo_server **out, const ordo_server_options *o, ordo_err *err)
{
    int rc = ORDO_OK;
    ordo_server *s = NULL;
    ordo_app *a = NULL;
    struct sockaddr_storage ss;
    socklen_t sslen;
    const char *addr = o && o->address && *o->address ? o->address : "127.0.0.1";
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC;

    *out = NULL;
    memset(&ss, 0, sizeof ss);
    if (!o || !o->db || o->port < 0 || o->port > 65535) {
        rc = ordo__seterr(err, ORDO_EINVAL, "serve: a database and a port 0..65535 are needed");
        goto done;
    }
    if (strchr(addr, ':')) {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)o->port);
        sslen = sizeof *a6;
        flags |= MHD_USE_IPv6;
        if (inet_pton(AF_INET6, addr, &a6->sin6_addr) != 1)
            rc = ordo__seterr(err, ORDO_EINVAL, "--listen '%s': not an IPv6 address", addr);
    } else {
        struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)o->port);
        sslen = sizeof *a4;
        if (inet_pton(AF_INET, addr, &a4->sin_addr) != 1)
            rc = ordo__seterr(err, ORDO_EINVAL, "--listen '%s': not an IPv4 address", addr);
    }
    if (rc < 0)
        goto done;
    if (!(s = ordo__calloc(1, sizeof *s)) || !(s->db = ordo__strdup(o->db))) {
        rc = ordo__seterr(err, ORDO_ENOMEM, "out of memory");
        goto done;
    }
    pthread_mutex_init(&s->lock, NULL);
    pthread_mutex_init(&s->ical_lock, NULL);
    s->next_job = 1;
    ORDO_TRY(ordo_app_open(&a, o->db, 0, err));     /* creates the store; fails early on a bad file */
    ORDO_TRY(ordo_app_reads_new(&s->reads, o->db, err));
    ordo_app_share_reads(a, s->reads);
    srv_app_put(s, a);
    a = NULL;
    s->daemon = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, on_request, s,
                                 MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)ORDO_SERVER_REQUEST_TIMEOUT_S,
                                 MHD_OPTION_CONNECTION_LIMIT,
                                 (unsigned)(o->max_connections > 0 ? o->max_connections : DEFAULT_MAX_CONNECTIONS),
                                 MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
    if (!s->daemon) {
        rc = ordo__seterr(err, ORDO_EIO, "serve: cannot listen on %s port %d (in use, or not an address of "
                          "this machine)", addr, o->port);
        goto done;
    }
    {
        const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_LISTEN_FD);
        struct sockaddr_storage bound;
        socklen_t blen = sizeof bound;
        s->port = o->port;
        if (info && getsockname(info->listen_fd, (struct sockaddr *)&bound, &blen) == 0)
            s->port = ntohs(bound.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&bound)->sin6_port
                                                        : ((struct sockaddr_in *)&bound)->sin_port);
    }
    (void)sslen;
    *out = s;
    s = NULL;
done:
    ordo_app_close(a);
    ordo_server_stop(s);
    return rc;
}

int ordo_server_port(const ordo_server *s) { return s ? s->port : 0; }

void ordo_server_stop(ordo_server *s)
{
    if (!s)
        return;
    if (s->daemon) {
        MHD_socket fd = MHD_quiesce_daemon(s->daemon);   /* no new connections */
        if (fd != MHD_INVALID_SOCKET)
            close(fd);
        double until = srv_clock() + DRAIN_WAIT_S;
        for (;;) {                                       /* let the requests in flight finish */
            pthread_mutex_lock(&s->lock);
            int busy = s->inflight;
            pthread_mutex_unlock(&s->lock);
            if (busy == 0 || srv_clock() > until)
                break;
            usleep(20 * 1000);
        }
        MHD_stop_daemon(s->daemon);
    }
    srv_jobs_wait_all(s);
    srv_jobs_free(s);
    for (int i = 0; i < s->npool; i++)
        ordo_app_close(s->pool[i]);
    ordo__free(s->pool);
    ordo_app_reads_free(s->reads);               /* after every handle sharing it */
    pthread_mutex_destroy(&s->lock);
    pthread_mutex_destroy(&s->ical_lock);
    ordo__free(s->db);
    ordo__free(s);
}
