/*
 * cmd_sla.c — `ordo sla add|list`: SLA policies (app/app_sla.h). A case
 * created afterwards gets the clock of the most specific policy that
 * matches it (contract and priority, contract, priority, the default; a
 * queue's policy when the case enters that queue); `ordo case sla ID`
 * shows it.
 */
#include "app/app_sla.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/desk_args.h"
#include "cli/service_ui.h"
#include "io/sales_csv.h"
#include "model/case.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "Usage: ordo sla SUB-COMMAND ... --db FILE\n"
    "\n"
    "SLA policies: first response and resolve-by targets in business minutes.\n"
    "\n"
    "  add ID --first-response MIN --resolve MIN --site S [--warn PCT]\n"
    "      [--queue Q | --contract K] [--priority low|normal|high]\n"
    "      [--hours HH:MM-HH:MM] [--days MO,TU,WE,TH,FR] [--holidays D;D...]\n"
    "                              business hours in S's zone (default 09:00-17:00,\n"
    "                              Monday to Friday); warn at PCT % of a target (75)\n"
    "  list                        every policy\n"
    "  import FILE                 add the policies of an sla_policies.csv (all or nothing)\n"
    "  export [--out FILE]         every policy as sla_policies.csv (stdout by default)\n"
    "\n"
    "Exit: 0 done; 2 usage or bad value; 3 unknown site or bad policy; 6 database busy.\n";

static int add_cmd(const char *cmd, int argc, char **argv)
{
    ordo_app_sla_policy_req q = { 0 };
    const char *db = NULL, *pos[1] = { NULL }, *fr = NULL, *res = NULL, *warn = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "first-response", &fr, NULL }, { "resolve", &res, NULL },
                             { "warn", &warn, NULL }, { "queue", &q.queue, NULL }, { "contract", &q.contract, NULL },
                             { "priority", &q.priority, NULL }, { "site", &q.site, NULL }, { "hours", &q.hours, NULL },
                             { "days", &q.days, NULL }, { "holidays", &q.holidays, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 1, 1, usage);
    long f = 0, r = 0, w = 0;
    ordo_app *app = NULL;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if (!fr || !res || cli_parse_long(fr, 1, 10000000, &f) < 0 || cli_parse_long(res, 1, 10000000, &r) < 0)
        return cli_usage_error(cmd, "--first-response and --resolve: business minutes > 0");
    if (warn && cli_parse_long(warn, 1, 100, &w) < 0)
        return cli_usage_error(cmd, "--warn '%s': a percent 1..100", warn);
    q.id = pos[0];
    q.first_response = f;
    q.resolve = r;
    q.warn = (int)w;
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = ordo_app_sla_policy_add(app, &q);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    else
        printf("sla policy %s added\n", q.id);
    ordo_app_close(app);
    return code;
}

static int print_policy(const ordo_sla_policy *p, void *payload)
{
    static const char *const days[7] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
    char scope[200];
    (void)payload;
    if (p->queue)
        snprintf(scope, sizeof scope, "queue %s", p->queue);
    else if (p->contract || p->priority >= 0)
        snprintf(scope, sizeof scope, "%s%s%s%s", p->contract ? "contract " : "", p->contract ? p->contract : "",
                 p->contract && p->priority >= 0 ? ", " : "",
                 p->priority >= 0 ? ordo_case_priority_name((ordo_case_priority)p->priority) : "");
    else
        snprintf(scope, sizeof scope, "every case");
    if (p->priority >= 0 && (size_t)snprintf(NULL, 0, "%s priority", scope) < sizeof scope)
        snprintf(scope + strlen(scope), sizeof scope - strlen(scope), " priority");
    printf("%s  applies to %s  first response %lld min, resolve %lld min, warn %d%%  %s (%s)", p->id, scope,
           (long long)p->first_response, (long long)p->resolve, p->warn_percent, p->site ? p->site : "-", p->zone);
    for (int d = 0; d < 7; d++)
        if (p->end[d] > p->start[d])
            printf(" %s %02d:%02d-%02d:%02d", days[d], p->start[d] / 60, p->start[d] % 60, p->end[d] / 60,
                   p->end[d] % 60);
    printf("  %zu holiday%s\n", p->nholidays, p->nholidays == 1 ? "" : "s");
    return 0;
}

static int list_cmd(const char *cmd, int argc, char **argv)
{
    ordo_app *app = NULL;
    int code = cli_app_open_db_only(cmd, argc, argv, usage, &app);
    if (!app)
        return code;
    int rc = ordo_app_sla_policy_list(app, print_policy, NULL);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    ordo_app_close(app);
    return code;
}

static int import_cmd(const char *cmd, int argc, char **argv)
{
    return cli_sales_csv(cmd, argc, argv, ORDO_SALES_SLA_POLICIES, 1, usage);
}
static int export_cmd(const char *cmd, int argc, char **argv)
{
    return cli_sales_csv(cmd, argc, argv, ORDO_SALES_SLA_POLICIES, 0, usage);
}

static const cli_sub subs[] = { { "add", add_cmd }, { "list", list_cmd }, { "import", import_cmd },
                                { "export", export_cmd } };

int cli_sla(int argc, char **argv) { return cli_sub_dispatch("sla", subs, sizeof subs / sizeof *subs, usage, argc, argv); }
