/*
 * cmd_campaign.c — `ordo campaign add|show|list|status|respond|responses|
 * convert|import|export` through the application layer (app/marketing.h):
 * campaigns and the responses they get; a response converts once into a
 * lead, a case or an opportunity, and keeps the link.
 */
#include "app/marketing.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/desk_args.h"
#include "cli/service_ui.h"
#include "io/sales_csv.h"

#include <stdio.h>
#include <stdlib.h>

static const char usage[] =
    "Usage: ordo campaign SUB-COMMAND ... --db FILE\n"
    "\n"
    "Marketing campaigns and their responses.\n"
    "\n"
    "  add ID --name N --start D --end D [--budget CENTS] [--expected N] [--owner O]\n"
    "         [--status planned|active|completed|cancelled]\n"
    "  show ID                         the campaign, its responses and conversions\n"
    "  list                            every campaign, one per line\n"
    "  status ID STATUS                planned, active, completed or cancelled\n"
    "  respond CAMPAIGN (--contact C | --account A | --lead L) --channel W\n"
    "          [--date D] [--outcome interested|more_info|not_interested|unsubscribe] [--now T]\n"
    "                                  records a response; prints its number (an unsubscribe\n"
    "                                  from a contact also suppresses the contact)\n"
    "  convert N --to lead|case|opportunity [--id ID] [--title T] [--value CENTS]\n"
    "          [--close D] [--now T]   the response becomes that record, once\n"
    "  import FILE | export [--out FILE]            campaigns.csv\n"
    "  import-responses FILE | export-responses [--out FILE]   responses.csv\n"
    "\n"
    "Exit: 0 done; 2 usage or bad value; 3 unknown id or bad record; 5 refused by a\n"
    "rule (nothing changed); 6 database busy.\n";

static int parse_num(const char *cmd, const char *opt, const char *v, long long max, int64_t *out)
{
    char *end = NULL;
    long long x = v ? strtoll(v, &end, 10) : 0;
    if (v && (!*v || *end || x < 0 || x > max))
        return cli_usage_error(cmd, "--%s '%s': a whole number >= 0", opt, v);
    *out = x;
    return CLI_EXIT_DONE;
}

static int add_cmd(const char *cmd, int argc, char **argv)
{
    ordo_app_campaign_req q = { 0 };
    const char *db = NULL, *pos[1] = { NULL }, *budget = NULL, *expected = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "name", &q.name, NULL }, { "start", &q.start, NULL },
                             { "end", &q.end, NULL }, { "budget", &budget, NULL }, { "expected", &expected, NULL },
                             { "owner", &q.owner, NULL }, { "status", &q.status, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 1, 1, usage);
    int64_t e = 0;
    ordo_app *app = NULL;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    q.id = pos[0];
    if ((code = parse_num(cmd, "budget", budget, 1000000000000LL, &q.budget)) != CLI_EXIT_DONE ||
        (code = parse_num(cmd, "expected", expected, 100000000, &e)) != CLI_EXIT_DONE)
        return code;
    q.expected = (int)e;
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = ordo_app_campaign_add(app, &q);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    else
        printf("campaign %s added\n", q.id);
    ordo_app_close(app);
    return code;
}

static void print_campaign(const ordo_campaign *c)
{
    char s[11], e[11];
    ordo_date_format(c->start, s);
    ordo_date_format(c->end, e);
    printf("%s  %s  %s..%s  budget %lld.%02lld  expected %d  owner %s  %s\n", c->id, c->name, s, e,
           (long long)(c->budget / 100), (long long)(c->budget % 100), c->expected, c->owner ? c->owner : "-",
           ordo_campaign_status_name(c->status));
}

static int list_one(const ordo_campaign *c, void *payload)
{
    (void)payload;
    print_campaign(c);
    return 0;
}

typedef struct tally { int n, converted; } tally;

static int print_response(const ordo_response *r, void *payload)
{
    tally *t = payload;
    char d[11];
    ordo_date_format(r->date, d);
    printf("  response %lld  %s %s  %s  %s  %s", (long long)r->id, r->contact ? "contact" : r->account ? "account"
           : "lead", r->contact ? r->contact : r->account ? r->account : r->lead, r->channel, d,
           ordo_response_outcome_name(r->outcome));
    if (r->converted != ORDO_CONVERSION_NONE)
        printf("  -> %s %s", ordo_conversion_name(r->converted), r->converted_to);
    printf("\n");
    t->n++;
    t->converted += r->converted != ORDO_CONVERSION_NONE;
    return 0;
}

static int show_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *pos[1] = { NULL };
    const cli_opt opts[] = { { "db", &db, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 1, 1, usage);
    ordo_app *app = NULL;
    ordo_campaign c = { 0 };
    tally t = { 0 };
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = ordo_app_campaign_get(app, pos[0], &c);
    if (rc == ORDO_OK) {
        print_campaign(&c);
        rc = ordo_app_response_list(app, c.id, print_response, &t);
    }
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    else
        printf("responses: %d of %d expected, %d converted\n", t.n, c.expected, t.converted);
    ordo_campaign_clear(&c);
    ordo_app_close(app);
    return code;
}

static int list_cmd(const char *cmd, int argc, char **argv)
{
    ordo_app *app = NULL;
    int code = cli_app_open_db_only(cmd, argc, argv, usage, &app);
    if (!app)
        return code;
    int rc = ordo_app_campaign_list(app, list_one, NULL);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    ordo_app_close(app);
    return code;
}

static int status_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *pos[2] = { NULL, NULL };
    const cli_opt opts[] = { { "db", &db, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 2, 2, usage);
    ordo_app *app = NULL;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = ordo_app_campaign_set_status(app, pos[0], pos[1]);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    else
        printf("campaign %s is %s\n", pos[0], pos[1]);
    ordo_app_close(app);
    return code;
}

static int respond_cmd(const char *cmd, int argc, char **argv)
{
    ordo_app_response_req q = { 0 };
    const char *db = NULL, *pos[1] = { NULL }, *now = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "contact", &q.contact, NULL }, { "account", &q.account, NULL },
                             { "lead", &q.lead, NULL }, { "channel", &q.channel, NULL }, { "date", &q.date, NULL },
                             { "outcome", &q.outcome, NULL }, { "now", &now, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 1, 1, usage);
    ordo_app *app = NULL;
    int64_t id = 0;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    q.campaign = pos[0];
    if ((code = cli_svc_now(cmd, now, &q.now)) != CLI_EXIT_DONE || (code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = ordo_app_response_add(app, &q, &id);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    else
        printf("%lld\n", (long long)id);
    ordo_app_close(app);
    return code;
}

static int convert_cmd(const char *cmd, int argc, char **argv)
{
    ordo_app_convert_req q = { 0 };
    const char *db = NULL, *pos[1] = { NULL }, *to = NULL, *value = NULL, *now = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "to", &to, NULL }, { "id", &q.id, NULL },
                             { "title", &q.title, NULL }, { "value", &value, NULL }, { "close", &q.close_date, NULL },
                             { "now", &now, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 1, 1, usage);
    ordo_app *app = NULL;
    char ref[80] = "";
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    int kind = ordo_conversion_parse(to);
    if (kind < 0)
        return cli_usage_error(cmd, "--to must be lead, case or opportunity");
    if (cli_parse_id(pos[0], &q.response) < 0)
        return cli_usage_error(cmd, "'%s': a response number", pos[0]);
    if ((code = parse_num(cmd, "value", value, 1000000000000LL, &q.value)) != CLI_EXIT_DONE ||
        (code = cli_svc_now(cmd, now, &q.now)) != CLI_EXIT_DONE || (code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = kind == ORDO_CONVERSION_LEAD ? ordo_app_response_to_lead(app, &q, ref, sizeof ref)
           : kind == ORDO_CONVERSION_CASE ? ordo_app_response_to_case(app, &q, ref, sizeof ref)
           : ordo_app_response_to_opportunity(app, &q, ref, sizeof ref);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    else
        printf("response %lld converted into %s %s\n", (long long)q.response, to, ref);
    ordo_app_close(app);
    return code;
}

static int import_cmd(const char *cmd, int argc, char **argv)
{
    return cli_sales_csv(cmd, argc, argv, ORDO_SALES_CAMPAIGNS, 1, usage);
}
static int export_cmd(const char *cmd, int argc, char **argv)
{
    return cli_sales_csv(cmd, argc, argv, ORDO_SALES_CAMPAIGNS, 0, usage);
}
static int import_resp_cmd(const char *cmd, int argc, char **argv)
{
    return cli_sales_csv(cmd, argc, argv, ORDO_SALES_RESPONSES, 1, usage);
}
static int export_resp_cmd(const char *cmd, int argc, char **argv)
{
    return cli_sales_csv(cmd, argc, argv, ORDO_SALES_RESPONSES, 0, usage);
}

static const cli_sub subs[] = {
    { "add", add_cmd }, { "show", show_cmd }, { "list", list_cmd }, { "status", status_cmd },
    { "respond", respond_cmd }, { "convert", convert_cmd }, { "import", import_cmd }, { "export", export_cmd },
    { "import-responses", import_resp_cmd }, { "export-responses", export_resp_cmd },
};

int cli_campaign(int argc, char **argv)
{
    return cli_sub_dispatch("campaign", subs, sizeof subs / sizeof *subs, usage, argc, argv);
}
