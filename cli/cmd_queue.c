/*
 * cmd_queue.c — `ordo queue add|pick|release|route|show`: work queues of
 * leads, cases and tasks through the application layer (app/sales.h).
 * pick takes ownership atomically: two agents never get the same item.
 */
#include "app/sales.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/desk_args.h"
#include "cli/service_ui.h"
#include "io/sales_csv.h"

#include <stdio.h>

static const char usage[] =
    "Usage: ordo queue SUB-COMMAND ... --db FILE\n"
    "\n"
    "Work queues: items wait until an agent picks one.\n"
    "\n"
    "  add QUEUE --kind lead|case|task --ref ID   a waiting item; prints its number\n"
    "  pick QUEUE --agent A                       the oldest waiting item of QUEUE\n"
    "                                             (prints its number, or 'empty')\n"
    "  pick --item N --agent A                    that item (refused if another agent holds it)\n"
    "  release N --agent A                        back to its queue (its holder only)\n"
    "  route N --to QUEUE [--now T]               to another queue: assigned by its rule when it\n"
    "                                             has one and someone is available, else waiting\n"
    "  rule QUEUE --rule R --agents A;B;C [--skill S]\n"
    "                                             the queue's routing rule: round_robin, least_busy\n"
    "                                             or by_skill (agents that are resources: only\n"
    "                                             inside working hours, never on time off)\n"
    "  rule QUEUE                                 show it\n"
    "  assign N [--now T]                         give waiting item N to the agent the rule picks\n"
    "  rules-import FILE                          set the rules of a queue_rules.csv (all or nothing)\n"
    "  rules-export [--out FILE]                  every queue's rule as queue_rules.csv\n"
    "\n"
    "Exit: 0 done; 2 usage; 3 unknown item or bad value; 5 refused by a rule\n"
    "(nothing changed); 6 database busy.\n";

static int add_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *pos[1] = { NULL }, *kind = NULL, *ref = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "kind", &kind, NULL }, { "ref", &ref, NULL },
                             { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 1, 1, usage);
    ordo_app *app = NULL;
    int64_t id = 0;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = ordo_app_queue_add(app, pos[0], kind, ref, &id);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    else
        printf("%lld\n", (long long)id);
    ordo_app_close(app);
    return code;
}

static int pick_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *pos[1] = { NULL }, *item = NULL, *agent = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "item", &item, NULL }, { "agent", &agent, NULL },
                             { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 0, 1, usage);
    ordo_app *app = NULL;
    int64_t id = 0, got = 0;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if (!agent)
        return cli_usage_error(cmd, "--agent is required");
    if (item && cli_parse_id(item, &id) < 0)
        return cli_usage_error(cmd, "--item '%s': an item number", item);
    if (!item && !pos[0])
        return cli_usage_error(cmd, "give a QUEUE or --item N");
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = ordo_app_queue_pick(app, pos[0], id, agent, &got);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    else if (got)
        printf("%lld\n", (long long)got);
    else
        printf("empty\n");
    ordo_app_close(app);
    return code;
}

static int item_cmd(const char *cmd, int argc, char **argv, int route)
{
    const char *db = NULL, *pos[1] = { NULL }, *agent = NULL, *to = NULL, *now = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { route ? "to" : "agent", route ? &to : &agent, NULL },
                             { route ? "now" : NULL, &now, NULL }, { NULL, NULL, NULL } };
    char who[256] = "";
    int64_t t = 0;
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 1, 1, usage);
    ordo_app *app = NULL;
    int64_t id = 0;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if (cli_parse_id(pos[0], &id) < 0)
        return cli_usage_error(cmd, "'%s': an item number", pos[0]);
    if (!(route ? to : agent))
        return cli_usage_error(cmd, "%s is required", route ? "--to" : "--agent");
    if ((code = cli_svc_now(cmd, now, &t)) != CLI_EXIT_DONE || (code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = route ? ordo_app_queue_route_assign(app, id, to, t, who, sizeof who)
                   : ordo_app_queue_release(app, id, agent);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    else if (*who)
        printf("item %lld routed to %s, assigned to %s\n", (long long)id, to, who);
    else
        printf("item %lld %s\n", (long long)id, route ? "routed" : "released");
    ordo_app_close(app);
    return code;
}

static int release_cmd(const char *cmd, int argc, char **argv) { return item_cmd(cmd, argc, argv, 0); }
static int route_cmd(const char *cmd, int argc, char **argv) { return item_cmd(cmd, argc, argv, 1); }

static int rule_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *pos[1] = { NULL }, *rule = NULL, *agents = NULL, *skill = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "rule", &rule, NULL }, { "agents", &agents, NULL },
                             { "skill", &skill, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 1, 1, usage);
    ordo_app *app = NULL;
    ordo_queue_rule r = { 0 };
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if ((rule || agents || skill) && (!rule || !agents))
        return cli_usage_error(cmd, "setting a rule needs --rule and --agents");
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = rule ? ordo_app_queue_rule_set(app, pos[0], rule, agents, skill) : ORDO_OK;
    if (rc == ORDO_OK)
        rc = ordo_app_queue_rule_get(app, pos[0], &r);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    else
        printf("queue %s: %s over %s%s%s\n", pos[0], ordo_route_rule_name(r.rule), r.agents,
               r.skill ? ", skill " : "", r.skill ? r.skill : "");
    ordo_queue_rule_clear(&r);
    ordo_app_close(app);
    return code;
}

static int assign_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *pos[1] = { NULL }, *now = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "now", &now, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 1, 1, usage);
    ordo_app *app = NULL;
    int64_t id = 0, t = 0;
    char who[256] = "";
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if (cli_parse_id(pos[0], &id) < 0)
        return cli_usage_error(cmd, "'%s': an item number", pos[0]);
    if ((code = cli_svc_now(cmd, now, &t)) != CLI_EXIT_DONE || (code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = ordo_app_queue_assign(app, id, t, who, sizeof who);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    else
        printf("item %lld assigned to %s\n", (long long)id, who);
    ordo_app_close(app);
    return code;
}

static int rules_import_cmd(const char *cmd, int argc, char **argv)
{
    return cli_sales_csv(cmd, argc, argv, ORDO_SALES_QUEUE_RULES, 1, usage);
}
static int rules_export_cmd(const char *cmd, int argc, char **argv)
{
    return cli_sales_csv(cmd, argc, argv, ORDO_SALES_QUEUE_RULES, 0, usage);
}

static const cli_sub subs[] = {
    { "add", add_cmd }, { "pick", pick_cmd }, { "release", release_cmd }, { "route", route_cmd },
    { "rule", rule_cmd }, { "assign", assign_cmd }, { "rules-import", rules_import_cmd },
    { "rules-export", rules_export_cmd },
};

int cli_queue(int argc, char **argv)
{
    return cli_sub_dispatch("queue", subs, sizeof subs / sizeof *subs, usage, argc, argv);
}
