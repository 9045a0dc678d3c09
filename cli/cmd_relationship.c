/*
 * cmd_relationship.c — `ordo relationship refresh|policy|history`: the
 * relationship types of accounts and contacts (app/sales.h). `refresh` is
 * the nightly job that turns clients without an active contract for the
 * grace period into former clients (or prospects, as configured).
 */
#include "app/sales.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/desk_args.h"
#include "cli/service_ui.h"

#include <stdio.h>

static const char usage[] =
    "Usage: ordo relationship SUB-COMMAND ... --db FILE\n"
    "\n"
    "Relationship types (suspect, prospect, potential_client, client,\n"
    "former_client) follow the leads, opportunities and contracts.\n"
    "\n"
    "  refresh [PARTY] [--now T]          re-derive one account/contact or all of them;\n"
    "                                     prints each change (run it nightly, e.g. from cron)\n"
    "  policy [--grace-days N] [--lapsed former_client|prospect|suspect]\n"
    "                                     show or set what a client becomes N days after\n"
    "                                     its last contract or win (default 365, former_client)\n"
    "  history PARTY                      the recorded changes of one account or contact\n"
    "\n"
    "Exit: 0 done; 2 usage or bad value; 3 unknown party; 6 database busy.\n";

static int refresh_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *pos[1] = { NULL }, *now = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "now", &now, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 0, 1, usage);
    int64_t t = 0;
    ordo_app *app = NULL;
    ordo_app_rel_changes ch = { 0 };
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if ((code = cli_svc_now(cmd, now, &t)) != CLI_EXIT_DONE || (code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = ordo_app_relationship_refresh(app, pos[0], t, &ch);
    if (rc < 0) {
        code = cli_app_fail(cmd, app, rc);
    } else {
        for (size_t i = 0; i < ch.n; i++)
            printf("%s: %s -> %s\n", ch.v[i].party, ordo_relationship_name(ch.v[i].from)[0]
                   ? ordo_relationship_name(ch.v[i].from) : "none", ordo_relationship_name(ch.v[i].to));
        printf("%zu checked, %zu changed\n", ch.checked, ch.n);
    }
    ordo_app_rel_changes_clear(&ch);
    ordo_app_close(app);
    return code;
}

static int policy_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *grace = NULL, *lapsed = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "grace-days", &grace, NULL }, { "lapsed", &lapsed, NULL },
                             { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, NULL, 0, 0, usage);
    ordo_app *app = NULL;
    ordo_rel_policy p;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = grace || lapsed ? ordo_app_relationship_policy_set(app, grace, lapsed) : ORDO_OK;
    if (rc == ORDO_OK)
        rc = ordo_app_relationship_policy_get(app, &p);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    else
        printf("grace days %d, lapsed clients become %s\n", p.grace_days, ordo_relationship_name(p.lapsed));
    ordo_app_close(app);
    return code;
}

static int print_change(const char *from, const char *to, const char *why, int64_t at, void *payload)
{
    char when[17];
    (void)payload;
    ordo_datetime_format((ordo_date)(at / 86400), (int)(at % 86400) / 60, when);
    printf("%sZ  %s -> %s (%s)\n", when, from && *from ? from : "none", to ? to : "?", why ? why : "");
    return 0;
}

static int history_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *pos[1] = { NULL };
    const cli_opt opts[] = { { "db", &db, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 1, 1, usage);
    ordo_app *app = NULL;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = ordo_app_relationship_changes(app, pos[0], print_change, NULL);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    ordo_app_close(app);
    return code;
}

static const cli_sub subs[] = { { "refresh", refresh_cmd }, { "policy", policy_cmd }, { "history", history_cmd } };

int cli_relationship(int argc, char **argv)
{
    return cli_sub_dispatch("relationship", subs, sizeof subs / sizeof *subs, usage, argc, argv);
}
