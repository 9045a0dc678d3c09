/*
 * cmd_opportunity.c — `ordo opportunity show|move|win|lose|report`: the
 * sales pipeline through the application layer (app/sales.h). `win` makes
 * the customer a client and, when the opportunity sold hours, creates the
 * contract holding them and the course to plan (then `ordo schedule`).
 */
#include "app/sales.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/desk_args.h"
#include "cli/service_ui.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "Usage: ordo opportunity SUB-COMMAND ... --db FILE\n"
    "\n"
    "Opportunities: sales in progress, stages qualify > develop > propose > close.\n"
    "\n"
    "  show ID                       the opportunity and its stage history\n"
    "  move ID STAGE [--now T]       to another stage (open opportunities only)\n"
    "  win ID [--reason R] [--date D] [--months N] [--sessions N] [--participants N] [--now T]\n"
    "                                won; hours sold become a contract ID-contract (N months\n"
    "                                from D, default 12) and, with a service, a course\n"
    "                                ID-course of N sessions for `ordo schedule`\n"
    "  lose ID --reason R [--date D] [--now T]\n"
    "  report                        open and weighted value by stage, owner and close\n"
    "                                month; won and lost by reason; conversion: of those\n"
    "                                that reached a stage, how many reached a later one\n"
    "  import FILE                   add the opportunities of a CSV file (one transaction);\n"
    "                                columns id,name,account,contact[,lead,owner,stage,\n"
    "                                value_cents,close_date,status,reason,minutes,service,\n"
    "                                probability]\n"
    "  export [--out FILE]           every opportunity as that CSV\n"
    "\n"
    CLI_NOW_HELP
    "Exit: 0 done; 2 usage; 3 unknown id or bad value; 5 refused by a rule (nothing\n"
    "changed); 6 database busy.\n";

static void money(int64_t cents, char *buf, size_t n)
{
    snprintf(buf, n, "%lld.%02lld", (long long)(cents / 100), (long long)(cents % 100));
}

static int print_history(const char *from, const char *to, const char *status, int64_t at, void *payload)
{
    char when[17];
    (void)payload;
    ordo_datetime_format((ordo_date)(at / 86400), (int)(at % 86400) / 60, when);
    printf("  %sZ  %s -> %s (%s)\n", when, from ? from : "(new)", to ? to : "?", status ? status : "?");
    return 0;
}

static int show_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *pos[1] = { NULL };
    const cli_opt opts[] = { { "db", &db, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 1, 1, usage);
    ordo_app *app = NULL;
    ordo_opportunity o = { 0 };
    char v[32], d[11];
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = ordo_app_opportunity_get(app, pos[0], &o);
    if (rc < 0) {
        code = cli_app_fail(cmd, app, rc);
    } else {
        money(o.value, v, sizeof v);
        ordo_date_format(o.close_date, d);
        printf("opportunity %s: %s\n  customer %s%s%s, owner %s, lead %s\n", o.id, o.name,
               o.account ? o.account : "", o.account && o.contact ? " / " : "", o.contact ? o.contact : "",
               o.owner ? o.owner : "-", o.lead ? o.lead : "-");
        printf("  %s, stage %s (%d%%), value %s, close %s%s%s\n", ordo_opp_status_name(o.status),
               ordo_stage_name(o.stage), ordo_opportunity_probability(&o), v, d, o.reason ? ", reason " : "",
               o.reason ? o.reason : "");
        if (o.minutes)
            printf("  sold %d min%s%s\n", o.minutes, o.service ? " of " : "", o.service ? o.service : "");
        printf("history:\n");
        rc = ordo_app_opportunity_history(app, o.id, print_history, NULL);
        if (rc < 0)
            code = cli_app_fail(cmd, app, rc);
    }
    ordo_opportunity_clear(&o);
    ordo_app_close(app);
    return code;
}

static int move_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *pos[2] = { NULL, NULL }, *now = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "now", &now, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 2, 2, usage);
    int64_t t = 0;
    ordo_app *app = NULL;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if ((code = cli_svc_now(cmd, now, &t)) != CLI_EXIT_DONE || (code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = ordo_app_opportunity_move(app, pos[0], pos[1], t);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    else
        printf("opportunity %s moved to %s\n", pos[0], pos[1]);
    ordo_app_close(app);
    return code;
}

static int win_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *pos[1] = { NULL }, *now = NULL, *months = NULL, *sessions = NULL, *parts = NULL;
    ordo_app_win_req q = { 0 };
    const cli_opt opts[] = {
        { "db", &db, NULL }, { "reason", &q.reason, NULL }, { "date", &q.date, NULL }, { "months", &months, NULL },
        { "sessions", &sessions, NULL }, { "participants", &parts, NULL }, { "now", &now, NULL },
        { NULL, NULL, NULL },
    };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 1, 1, usage);
    long v[3] = { 0, 0, 0 };
    const char *text[3] = { months, sessions, parts }, *names[3] = { "--months", "--sessions", "--participants" };
    ordo_app *app = NULL;
    ordo_app_win_result r;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    for (int i = 0; i < 3; i++)
        if (text[i] && cli_parse_long(text[i], 1, 1000, &v[i]) < 0)
            return cli_usage_error(cmd, "%s '%s': a whole number 1..1000", names[i], text[i]);
    q.id = pos[0];
    q.months = (int)v[0];
    q.sessions = (int)v[1];
    q.participants = (int)v[2];
    if ((code = cli_svc_now(cmd, now, &q.now)) != CLI_EXIT_DONE || (code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = ordo_app_opportunity_win(app, &q, &r);
    if (rc < 0) {
        code = cli_app_fail(cmd, app, rc);
    } else {
        printf("opportunity %s won", q.id);
        if (*r.contract)
            printf(": contract %s", r.contract);
        if (*r.course)
            printf(", course %s (plan it with 'ordo schedule')", r.course);
        printf("\n");
    }
    ordo_app_close(app);
    return code;
}

static int lose_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *pos[1] = { NULL }, *now = NULL, *reason = NULL, *date = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "reason", &reason, NULL }, { "date", &date, NULL },
                             { "now", &now, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 1, 1, usage);
    int64_t t = 0;
    ordo_app *app = NULL;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if ((code = cli_svc_now(cmd, now, &t)) != CLI_EXIT_DONE || (code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = ordo_app_opportunity_lose(app, pos[0], reason, date, t);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    else
        printf("opportunity %s lost (%s)\n", pos[0], reason);
    ordo_app_close(app);
    return code;
}

static void print_groups(const char *title, const ordo_pipeline_group *g, size_t n, int weighted)
{
    char v[32], w[32];
    printf("%s\n", title);
    for (size_t i = 0; i < n; i++) {
        money(g[i].value, v, sizeof v);
        money(g[i].weighted, w, sizeof w);
        if (weighted)
            printf("  %-16s %6ld  %14s  weighted %14s\n", *g[i].key ? g[i].key : "(none)", g[i].count, v, w);
        else
            printf("  %-16s %6ld  %14s\n", *g[i].key ? g[i].key : "(none)", g[i].count, v);
    }
}

static int report_cmd(const char *cmd, int argc, char **argv)
{
    ordo_app *app = NULL;
    int code = cli_app_open_db_only(cmd, argc, argv, usage, &app);
    ordo_pipeline_report r;
    if (!app)
        return code;
    int rc = ordo_app_pipeline(app, &r);
    if (rc < 0) {
        code = cli_app_fail(cmd, app, rc);
    } else {
        printf("opportunities: %ld open, %ld won, %ld lost\n", r.open, r.won, r.lost);
        print_groups("open by stage:", r.by_stage, ORDO_STAGE_COUNT, 1);
        print_groups("open by owner:", r.by_owner.v, r.by_owner.n, 1);
        print_groups("open by close month:", r.by_month.v, r.by_month.n, 1);
        print_groups("won by reason:", r.won_by_reason.v, r.won_by_reason.n, 0);
        print_groups("lost by reason:", r.lost_by_reason.v, r.lost_by_reason.n, 0);
        printf("conversion:\n");
        for (int k = 0; k < ORDO_STAGE_COUNT; k++) {
            int c = ordo_pipeline_conversion(&r, (ordo_stage)k);
            const char *next = k + 1 < ORDO_STAGE_COUNT ? "a later stage" : "won";
            if (c < 0)
                printf("  %-8s -> %-13s  -\n", ordo_stage_name((ordo_stage)k), next);
            else
                printf("  %-8s -> %-13s  %d.%02d%% (%ld of %ld)\n", ordo_stage_name((ordo_stage)k), next, c / 100,
                       c % 100, r.advanced[k], r.reached[k]);
        }
        ordo_pipeline_clear(&r);
    }
    ordo_app_close(app);
    return code;
}

static int import_cmd(const char *cmd, int argc, char **argv) { return cli_sales_csv(cmd, argc, argv, 1, 1, usage); }
static int export_cmd(const char *cmd, int argc, char **argv) { return cli_sales_csv(cmd, argc, argv, 1, 0, usage); }

static const cli_sub subs[] = {
    { "import", import_cmd }, { "export", export_cmd },
    { "show", show_cmd }, { "move", move_cmd }, { "win", win_cmd }, { "lose", lose_cmd }, { "report", report_cmd },
};

int cli_opportunity(int argc, char **argv)
{
    return cli_sub_dispatch("opportunity", subs, sizeof subs / sizeof *subs, usage, argc, argv);
}
