/*
 * cmd_token.c — `ordo token add|revoke|list`: the API tokens of ordo serve
 * (app/app_auth.h). A new token is printed once, on stdout; the database
 * keeps only its hash.
 */
#include "app/app_auth.h"
#include "cli/args.h"
#include "cli/commands.h"

#include <stdio.h>
#include <string.h>

#define CMD "ordo token"

static const char usage[] =
    "Usage: ordo token add --db FILE --role agent|planner|admin --name NAME\n"
    "       ordo token revoke --db FILE --name NAME\n"
    "       ordo token list --db FILE\n"
    "\n"
    "add prints a new token for 'ordo serve' (Authorization: Bearer TOKEN) once;\n"
    "only its hash is stored, so keep it. Roles: agent (find times, book,\n"
    "reschedule, cancel, read, cases), planner (agent + schedule), admin\n"
    "(everything, contracts and customers' records included). revoke removes\n"
    "the token named NAME at once; list shows names, roles and dates, never\n"
    "tokens.\n";

static int print_token(const ordo_app_principal *p, int64_t created, void *payload)
{
    (void)payload;
    printf("%s\t%s\t%lld\n", p->name, ordo_role_name(p->role), (long long)created);
    return 0;
}

int cli_token(int argc, char **argv)
{
    enum { OPT_DB = 0x200, OPT_ROLE, OPT_NAME };
    static const struct option longopts[] = {
        { "db", required_argument, NULL, OPT_DB },
        { "role", required_argument, NULL, OPT_ROLE },
        { "name", required_argument, NULL, OPT_NAME },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *db = NULL, *role = NULL, *name = NULL, *sub = argc > 1 ? argv[1] : NULL;
    ordo_app *a = NULL;
    ordo_err err = { 0 };
    char token[64];
    int c, rc = ORDO_OK, code = CLI_EXIT_DONE;

    if (!sub || strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0) {
        fputs(usage, sub ? stdout : stderr);
        return sub ? CLI_EXIT_DONE : CLI_EXIT_USAGE;
    }
    if (strcmp(sub, "add") != 0 && strcmp(sub, "revoke") != 0 && strcmp(sub, "list") != 0)
        return cli_usage_error(CMD, "unknown subcommand '%s' (add, revoke, list)", sub);
    cli_getopt_reset(argv + 1, CMD);
    while ((c = getopt_long(argc - 1, argv + 1, "h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db = optarg; break;
        case OPT_ROLE: role = optarg; break;
        case OPT_NAME: name = optarg; break;
        case 'h': fputs(usage, stdout); return CLI_EXIT_DONE;
        default: return cli_usage_hint(CMD);
        }
    }
    if (optind < argc - 1)
        return cli_usage_error(CMD, "unexpected argument '%s'", argv[optind + 1]);
    if (!db)
        return cli_usage_error(CMD, "missing --db FILE");
    if (strcmp(sub, "add") == 0 && (!role || !name))
        return cli_usage_error(CMD, "add: missing %s", !role ? "--role ROLE" : "--name NAME");
    if (strcmp(sub, "revoke") == 0 && !name)
        return cli_usage_error(CMD, "revoke: missing --name NAME");

    if ((rc = ordo_app_open(&a, db, strcmp(sub, "add") != 0, &err)) < 0) {
        fprintf(stderr, CMD " %s: %s\n", sub, err.msg[0] ? err.msg : ordo_strerror(rc));
        return cli_exit_code(rc);
    }
    if (strcmp(sub, "add") == 0) {
        if ((rc = ordo_app_token_add(a, name, role, 0, token, sizeof token)) == ORDO_OK)
            printf("%s\n", token);
        memset(token, 0, sizeof token);
    } else if (strcmp(sub, "revoke") == 0) {
        if ((rc = ordo_app_token_revoke(a, name, 0)) == ORDO_OK)
            fprintf(stderr, "revoked token '%s'\n", name);
    } else {
        rc = ordo_app_token_list(a, print_token, NULL);
    }
    if (rc < 0) {
        fprintf(stderr, CMD " %s: %s\n", sub, ordo_app_errmsg(a));
        code = rc == ORDO_EINVAL ? CLI_EXIT_USAGE : rc == ORDO_EEXISTS ? CLI_EXIT_RULE : cli_exit_code(rc);
    }
    ordo_app_close(a);
    return code;
}
