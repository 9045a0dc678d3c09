/*
 * cmd_serve.c — `ordo serve --db FILE [--listen ADDR:PORT]`: runs the HTTP
 * server (server/server.h) until SIGINT or SIGTERM, then lets the requests
 * in flight finish and exits 0. The signals are blocked in every thread and
 * taken here with sigwait, so no handler runs inside the library.
 */
#include "cli/args.h"
#include "cli/commands.h"
#include "server/server.h"
#include "server/routes.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CMD "ordo serve"

static const char usage[] =
    "Usage: ordo serve --db FILE [--listen ADDR:PORT] [--max-connections N]\n"
    "\n"
    "Serves the HTTP JSON API (shared/spec/http-api.md; GET /v1/openapi.json) and\n"
    "the booking page (GET /) until SIGINT or SIGTERM, then finishes the requests\n"
    "in flight and exits 0. Every route but /v1/health and the page needs\n"
    "'Authorization: Bearer TOKEN' (see 'ordo token add').\n"
    "\n"
    "Options:\n"
    "  --db FILE            the database (created if missing)\n"
    "  --listen ADDR:PORT   where to listen (default 127.0.0.1:8080; [::1]:PORT for\n"
    "                       IPv6; port 0 = any free port, printed at start)\n"
    "  --max-connections N  connections served at once (default 64)\n"
    "  --print-routes       print every route (METHOD PATH ROLE) and exit\n"
    "  -h, --help           show this help\n"
    "\n"
    "Prints 'listening on http://ADDR:PORT/' on stdout once ready.\n";

/* "ADDR:PORT", "[V6]:PORT" or ":PORT" / "PORT" (loopback). */
static int parse_listen(const char *v, char *addr, size_t n, int *port)
{
    const char *colon = strrchr(v, ':');
    const char *p = colon ? colon + 1 : v;
    char *end = NULL;
    long x = strtol(p, &end, 10);
    if (!*p || *end || x < 0 || x > 65535)
        return -1;
    *port = (int)x;
    if (!colon || colon == v) {
        snprintf(addr, n, "127.0.0.1");
        return 0;
    }
    size_t len = (size_t)(colon - v);
    if (v[0] == '[' && len >= 2 && v[len - 1] == ']') {
        v++;
        len -= 2;
    }
    if (len == 0 || len >= n)
        return -1;
    memcpy(addr, v, len);
    addr[len] = '\0';
    return 0;
}

int cli_serve(int argc, char **argv)
{
    enum { OPT_DB = 0x200, OPT_LISTEN, OPT_MAXCONN, OPT_ROUTES };
    static const struct option longopts[] = {
        { "db", required_argument, NULL, OPT_DB },
        { "listen", required_argument, NULL, OPT_LISTEN },
        { "max-connections", required_argument, NULL, OPT_MAXCONN },
        { "print-routes", no_argument, NULL, OPT_ROUTES },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    ordo_server_options o = ORDO_SERVER_OPTIONS_INIT;
    ordo_server *srv = NULL;
    ordo_err err = { 0 };
    char addr[128] = "127.0.0.1";
    long maxconn = 0;
    sigset_t sigs;
    int c, sig = 0;

    cli_getopt_reset(argv, CMD);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_DB: o.db = optarg; break;
        case OPT_LISTEN:
            if (parse_listen(optarg, addr, sizeof addr, &o.port) < 0)
                return cli_usage_error(CMD, "--listen '%s': expected ADDR:PORT (port 0..65535)", optarg);
            break;
        case OPT_MAXCONN:
            if (cli_parse_long(optarg, 1, 10000, &maxconn) < 0)
                return cli_usage_error(CMD, "--max-connections '%s': a whole number from 1 to 10000", optarg);
            o.max_connections = (int)maxconn;
            break;
        case OPT_ROUTES: ordo_server_routes_print(stdout); return CLI_EXIT_DONE;
        case 'h': fputs(usage, stdout); return CLI_EXIT_DONE;
        default: return cli_usage_hint(CMD);
        }
    }
    if (optind < argc)
        return cli_usage_error(CMD, "unexpected argument '%s'", argv[optind]);
    if (!o.db)
        return cli_usage_error(CMD, "missing --db FILE");
    o.address = addr;

    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);     /* every thread started from here inherits it */
    signal(SIGPIPE, SIG_IGN);
    if (ordo_server_start(&srv, &o, &err) < 0) {
        fprintf(stderr, CMD ": %s\n", err.msg[0] ? err.msg : ordo_strerror(err.code));
        return cli_exit_code(err.code ? err.code : ORDO_EIO);
    }
    printf("listening on http://%s%s%s:%d/\n", strchr(addr, ':') ? "[" : "", addr, strchr(addr, ':') ? "]" : "",
           ordo_server_port(srv));
    fflush(stdout);
    sigwait(&sigs, &sig);
    fprintf(stderr, CMD ": %s: finishing the requests in flight\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    ordo_server_stop(srv);
    return CLI_EXIT_DONE;
}
