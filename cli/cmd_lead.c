/*
 * cmd_lead.c — `ordo lead add|list|show|qualify|disqualify|reactivate`:
 * the sales leads, through the application layer (app/sales.h). qualify
 * refuses (exit 5, nothing changed) while existing contacts look like the
 * lead or accounts like its company, listing them ranked; --contact ID or
 * --account ID picks one, --new overrides.
 */
#include "app/sales.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/desk_args.h"
#include "cli/service_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: ordo lead SUB-COMMAND ... --db FILE\n"
    "\n"
    "Leads: people who showed interest, before they are accounts and contacts.\n"
    "\n"
    "  add ID --topic T [--first F] [--last L] [--company C] [--email E] [--phone P]\n"
    "      (--channel web|phone|email|event|referral|partner|other | --campaign C)\n"
    "      [--rating hot|warm|cold] [--score 0..100] [--owner O]\n"
    "      [--parent-contact C] [--parent-account A]\n"
    "  list                          every lead: id, status, rating, score, name, company\n"
    "  show ID\n"
    "  qualify ID [--contact C | --new] [--account A] [--opportunity O] [--value AMOUNT]\n"
    "      [--close DATE] [--hours H] [--service S] [--now T]\n"
    "                                links or creates the contact and account (never a\n"
    "                                duplicate: possible matches are listed and the call\n"
    "                                refused until --contact/--account picks one or --new\n"
    "                                overrides)\n"
    "                                and opens an opportunity (AMOUNT like 1500.00; H hours\n"
    "                                of training sold, S the service to plan when won)\n"
    "  disqualify ID --reason no_budget|not_target|no_interest|timing|duplicate|other\n"
    "  reactivate ID\n"
    "  import FILE                   add the leads of a CSV file (one transaction: a bad\n"
    "                                row changes nothing); columns id,topic,first_name,\n"
    "                                last_name,company,email,phone,parent_contact,\n"
    "                                parent_account,campaign,channel[,rating,score,owner,\n"
    "                                status,reason,account,contact,opportunity]\n"
    "  export [--out FILE]           every lead as that CSV\n"
    "\n"
    CLI_NOW_HELP
    "Exit: 0 done; 2 usage; 3 unknown id or bad value; 5 refused by a rule (nothing\n"
    "changed); 6 database busy.\n";

/* "1500", "1500.5", "1500.50" -> cents. 0 / -1. */
static int parse_money(const char *s, int64_t *out)
{
    char *end = NULL;
    if (!s || !*s || *s == '-' || *s == '+')
        return -1;
    long long whole = strtoll(s, &end, 10);
    int cents = 0;
    if (end == s || whole < 0 || whole > 1000000000000LL)
        return -1;
    if (*end == '.') {
        const char *d = end + 1;
        if (!(d[0] >= '0' && d[0] <= '9'))
            return -1;
        cents = (d[0] - '0') * 10;
        end = (char *)d + 1;
        if (*end >= '0' && *end <= '9')
            cents += *end++ - '0';
    }
    if (*end)
        return -1;
    *out = whole * 100 + cents;
    return 0;
}

static int add_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *pos[1] = { NULL }, *score = NULL;
    ordo_app_lead_req q = { 0 };
    const cli_opt opts[] = {
        { "db", &db, NULL }, { "topic", &q.topic, NULL }, { "first", &q.first_name, NULL },
        { "last", &q.last_name, NULL }, { "company", &q.company, NULL }, { "email", &q.email, NULL },
        { "phone", &q.phone, NULL }, { "channel", &q.channel, NULL }, { "campaign", &q.campaign, NULL },
        { "rating", &q.rating, NULL }, { "score", &score, NULL }, { "owner", &q.owner, NULL },
        { "parent-contact", &q.parent_contact, NULL }, { "parent-account", &q.parent_account, NULL },
        { NULL, NULL, NULL },
    };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 1, 1, usage);
    long v = 0;
    ordo_app *app = NULL;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if (score && cli_parse_long(score, 0, 100, &v) < 0)
        return cli_usage_error(cmd, "--score '%s': a whole number 0..100", score);
    q.id = pos[0];
    q.score = (int)v;
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = ordo_app_lead_add(app, &q);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    else
        printf("lead %s added\n", q.id);
    ordo_app_close(app);
    return code;
}

static const char *or_dash(const char *s) { return s && *s ? s : "-"; }

static int print_row(const ordo_lead *l, void *payload)
{
    (void)payload;
    printf("%-12s %-12s %-5s %3d  %s %s  %s\n", l->id, ordo_lead_status_name(l->status),
           ordo_lead_rating_name(l->rating), l->score, or_dash(l->first_name), or_dash(l->last_name),
           or_dash(l->company));
    return 0;
}

static int list_cmd(const char *cmd, int argc, char **argv)
{
    ordo_app *app = NULL;
    int code = cli_app_open_db_only(cmd, argc, argv, usage, &app);
    if (!app)
        return code;
    int rc = ordo_app_lead_list(app, print_row, NULL);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    ordo_app_close(app);
    return code;
}

static int show_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *pos[1] = { NULL };
    const cli_opt opts[] = { { "db", &db, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 1, 1, usage);
    ordo_app *app = NULL;
    ordo_lead l = { 0 };
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = ordo_app_lead_get(app, pos[0], &l);
    if (rc < 0) {
        code = cli_app_fail(cmd, app, rc);
    } else {
        printf("lead %s: %s\n  status %s%s%s\n", l.id, l.topic, ordo_lead_status_name(l.status),
               l.reason ? ", reason " : "", l.reason ? ordo_lead_reason_name(l.reason) : "");
        printf("  person %s %s, company %s, email %s, phone %s\n", or_dash(l.first_name), or_dash(l.last_name),
               or_dash(l.company), or_dash(l.email), or_dash(l.phone));
        printf("  source %s%s, rating %s, score %d, owner %s\n", l.campaign ? "campaign " : "channel ",
               l.campaign ? l.campaign : or_dash(l.channel), ordo_lead_rating_name(l.rating), l.score,
               or_dash(l.owner));
        if (l.status == ORDO_LEAD_QUALIFIED)
            printf("  produced account %s, contact %s, opportunity %s\n", or_dash(l.account), or_dash(l.contact),
                   or_dash(l.opportunity));
    }
    ordo_lead_clear(&l);
    ordo_app_close(app);
    return code;
}

static int qualify_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *pos[1] = { NULL }, *value = NULL, *hours = NULL, *now = NULL;
    int create_new = 0;
    ordo_app_qualify_req q = { 0 };
    const cli_opt opts[] = {
        { "db", &db, NULL }, { "contact", &q.contact, NULL }, { "account", &q.account, NULL },
        { "new", NULL, &create_new }, { "opportunity", &q.opportunity, NULL }, { "value", &value, NULL },
        { "close", &q.close_date, NULL }, { "hours", &hours, NULL }, { "service", &q.service, NULL },
        { "now", &now, NULL }, { NULL, NULL, NULL },
    };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 1, 1, usage);
    int64_t minutes = 0;
    ordo_app *app = NULL;
    ordo_app_qualify_result r;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if (value && parse_money(value, &q.value) < 0)
        return cli_usage_error(cmd, "--value '%s': an amount like 1500 or 1500.00", value);
    if (hours && (ordo_hours_parse(hours, &minutes) < 0 || minutes > 10000000))
        return cli_usage_error(cmd, "--hours '%s': hours like 40 or 12.5", hours);
    if (q.contact && create_new)
        return cli_usage_error(cmd, "--contact and --new exclude each other");
    if ((code = cli_svc_now(cmd, now, &q.now)) != CLI_EXIT_DONE)
        return code;
    q.lead = pos[0];
    q.create_new = create_new;
    q.minutes = (int)minutes;
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = ordo_app_lead_qualify(app, &q, &r);
    if (rc < 0) {
        code = cli_app_fail(cmd, app, rc);
        for (int i = 0; i < r.ncandidates; i++)
            fprintf(stderr, "  candidate %d: %s %s (%s, score %.2f)\n", i + 1, r.candidates[i].kind,
                    r.candidates[i].id, r.candidates[i].why, r.candidates[i].score);
    } else {
        printf("lead %s qualified: account %s%s, contact %s%s, opportunity %s\n", q.lead, or_dash(r.account),
               r.created_account ? " (new)" : "", or_dash(r.contact), r.created_contact ? " (new)" : "",
               r.opportunity);
    }
    ordo_app_close(app);
    return code;
}

static int status_cmd(const char *cmd, int argc, char **argv, int reactivate)
{
    const char *db = NULL, *pos[1] = { NULL }, *reason = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "reason", &reason, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 1, 1, usage);
    ordo_app *app = NULL;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if (!reactivate && !reason)
        return cli_usage_error(cmd, "--reason is required");
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = reactivate ? ordo_app_lead_reactivate(app, pos[0]) : ordo_app_lead_disqualify(app, pos[0], reason);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    else
        printf("lead %s %s\n", pos[0], reactivate ? "reactivated" : "disqualified");
    ordo_app_close(app);
    return code;
}

static int disqualify_cmd(const char *cmd, int argc, char **argv) { return status_cmd(cmd, argc, argv, 0); }
static int reactivate_cmd(const char *cmd, int argc, char **argv) { return status_cmd(cmd, argc, argv, 1); }

static int import_cmd(const char *cmd, int argc, char **argv) { return cli_sales_csv(cmd, argc, argv, 0, 1, usage); }
static int export_cmd(const char *cmd, int argc, char **argv) { return cli_sales_csv(cmd, argc, argv, 0, 0, usage); }

static const cli_sub subs[] = {
    { "import", import_cmd }, { "export", export_cmd },
    { "add", add_cmd }, { "list", list_cmd }, { "show", show_cmd }, { "qualify", qualify_cmd },
    { "disqualify", disqualify_cmd }, { "reactivate", reactivate_cmd },
};

int cli_lead(int argc, char **argv)
{
    return cli_sub_dispatch("lead", subs, sizeof subs / sizeof *subs, usage, argc, argv);
}
