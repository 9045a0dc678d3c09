/*
 * cmd_case.c — `ordo case add|list|show|activity|resolve|hold|reactivate|
 * cancel`: service cases, their activities, and resolving them against a
 * contract line (io/service.h, model/case.h).
 *
 * `resolve` totals the case's unbilled activities (or takes --billable)
 * and deducts it from the case's line in one transaction per case; a
 * refusal (not enough unreserved time, contract not active, case opened
 * outside the line's dates, already resolved) exits 5 and changes nothing,
 * unless --overdraft records the overage. Several ids are resolved one
 * after the other, each in its own transaction; the exit code is the first
 * failure's. Reactivating or cancelling a resolved case reverses what it
 * deducted.
 */
#include "app/app_service.h"
#include "app/app_sla.h"
#include "cli/args.h"
#include "cli/desk_args.h"
#include "cli/commands.h"
#include "cli/service_ui.h"
#include "model/rfc3339.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "Usage: ordo case SUB-COMMAND ... --db FILE\n"
    "\n"
    "Service cases: a customer's request about a product, under a contract line.\n"
    "\n"
    "  add --customer C --title T [--product P] [--line N | --contract K]\n"
    "      [--priority low|normal|high] [--origin phone|email|web] [--opened DATE] [--now T]\n"
    "                              a new active case (--contract K: K's hour bank line;\n"
    "                              --opened: default today); prints its id; the SLA\n"
    "                              policy that matches it (ordo sla) starts its clock at T\n"
    "  list [--customer C] [--status S]\n"
    "  show ID                     the case and its activities\n"
    "  activity ID --kind K --minutes M [--subject S] [--now T]\n"
    "                              K: phone_call, email, task, appointment, booking;\n"
    "                              the first one is the SLA's first response\n"
    "  sla ID [--now T]            the SLA: due times and state (ok, warning, failed,\n"
    "                              met, missed) of the first response and the resolution\n"
    "  resolve ID... [--billable MIN] [--overdraft] [--now T]\n"
    "                              deduct the unbilled activities' time (or MIN) from the\n"
    "                              line; --overdraft records an overage instead of refusing\n"
    "  hold ID | reactivate ID | cancel ID [--now T]\n"
    "                              change the status; leaving 'resolved' reverses the\n"
    "                              deduction and makes the activities billable again\n"
    "\n"
    "Every sub-command takes --db FILE.\n"
    CLI_NOW_HELP
    "Exit: 0 done; 2 usage; 3 unknown id or bad value; 5 refused by a rule (nothing\n"
    "changed); 6 database busy.\n";

static int done_or(int code) { return code < 0 ? CLI_EXIT_DONE : code; }

static int add_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *line = NULL, *now = NULL;
    ordo_app_case_add_req rq = { 0 };
    const cli_opt opts[] = {
        { "db", &db, NULL }, { "customer", &rq.customer, NULL }, { "title", &rq.title, NULL },
        { "product", &rq.product, NULL }, { "line", &line, NULL }, { "contract", &rq.contract, NULL },
        { "priority", &rq.priority, NULL }, { "origin", &rq.origin, NULL }, { "opened", &rq.opened, NULL },
        { "now", &now, NULL }, { NULL, NULL, NULL },
    };
    ordo_app_case c = { 0 };
    ordo_app *app = NULL;
    ordo_date d;
    int code = cli_opts_parse(cmd, argc, argv, opts, NULL, 0, 0, usage), rc;
    if (code)
        return done_or(code);
    if (!rq.customer || !rq.title)
        return cli_usage_error(cmd, "missing %s", !rq.customer ? "--customer C" : "--title T");
    if (line && rq.contract)
        return cli_usage_error(cmd, "give --line or --contract, not both");
    if (line && cli_parse_id(line, &rq.line) < 0)
        return cli_usage_error(cmd, "--line '%s': a line number", line);
    if (rq.priority && ordo_case_priority_parse(rq.priority) < 0)
        return cli_usage_error(cmd, "--priority '%s': low, normal or high", rq.priority);
    if (rq.origin && ordo_case_origin_parse(rq.origin) < 0)
        return cli_usage_error(cmd, "--origin '%s': phone, email or web", rq.origin);
    if (rq.opened && cli_parse_date(rq.opened, &d) < 0)
        return cli_usage_error(cmd, "--opened '%s': a date YYYY-MM-DD", rq.opened);
    if ((code = cli_svc_now(cmd, now, &rq.now)) != CLI_EXIT_DONE || (code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_app_case_add(app, &rq, &c)) < 0)
        code = cli_app_svc_fail(cmd, app, rc);
    else
        printf("case %lld added\n", (long long)c.c.id);
    ordo_app_case_clear(&c);
    ordo_app_close(app);
    return code;
}

static void print_case(const ordo_case *c)
{
    char d[11];
    ordo_date_format(c->opened, d);
    printf("%lld\t%s\t%s\t%s\t%s\t%s\tline %lld\t%s\n", (long long)c->id, ordo_case_status_name(c->status), d,
           c->customer ? c->customer : "", c->product ? c->product : "-", ordo_case_priority_name(c->priority),
           (long long)c->line, c->title ? c->title : "");
}

static int list_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *customer = NULL, *status = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "customer", &customer, NULL }, { "status", &status, NULL },
                             { NULL, NULL, NULL } };
    ordo_app_cases l = { 0 };
    ordo_app *app = NULL;
    int code = cli_opts_parse(cmd, argc, argv, opts, NULL, 0, 0, usage), rc;
    if (code)
        return done_or(code);
    if (status && ordo_case_status_parse(status) < 0)
        return cli_usage_error(cmd, "--status '%s': active, on_hold, resolved or cancelled", status);
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_app_case_list(app, customer, status, &l)) < 0)
        code = cli_app_svc_fail(cmd, app, rc);
    for (int i = 0; i < l.n; i++)
        print_case(&l.v[i]);
    ordo_app_cases_clear(&l);
    ordo_app_close(app);
    return code;
}

static void print_activity(const ordo_activity *a, void *payload)
{
    int64_t *total = payload;
    printf("  activity %lld  %-11s %5lld min  %s%s%s\n", (long long)a->id, ordo_activity_kind_name(a->kind),
           (long long)a->minutes, a->billed ? "billed" : "unbilled", a->subject ? "  " : "",
           a->subject ? a->subject : "");
    *total += a->minutes;
}

/* One id operand as a case id, or a usage error. */
static int case_id(const char *cmd, const char *arg, int64_t *out)
{
    return cli_parse_id(arg, out) < 0 ? cli_usage_error(cmd, "'%s' is not a case number", arg) : 0;
}

static int show_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *arg = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { NULL, NULL, NULL } };
    ordo_app_case k = { 0 };
    ordo_app *app = NULL;
    int64_t id = 0, total = 0;
    int code = cli_opts_parse(cmd, argc, argv, opts, &arg, 1, 1, usage), rc;
    if (code || (code = case_id(cmd, arg, &id)) != 0)
        return done_or(code);
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_app_case_get(app, id, &k)) < 0) {
        code = cli_app_svc_fail(cmd, app, rc);
    } else {
        const ordo_case *c = &k.c;
        char d[11];
        ordo_date_format(c->opened, d);
        printf("case: %lld\ntitle: %s\ncustomer: %s\nproduct: %s\nline: %lld\npriority: %s\norigin: %s\n"
               "status: %s\nopened: %s\n", (long long)c->id, c->title, c->customer, c->product ? c->product : "",
               (long long)c->line, ordo_case_priority_name(c->priority), ordo_case_origin_name(c->origin),
               ordo_case_status_name(c->status), d);
        for (int i = 0; i < k.nactivities; i++)
            print_activity(&k.activities[i], &total);
        printf("time spent: %lld min\n", (long long)total);
    }
    ordo_app_case_clear(&k);
    ordo_app_close(app);
    return code;
}

static int activity_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *arg = NULL, *kind = NULL, *minutes = NULL, *subject = NULL, *now = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "kind", &kind, NULL }, { "minutes", &minutes, NULL },
                             { "subject", &subject, NULL }, { "now", &now, NULL }, { NULL, NULL, NULL } };
    ordo_app_activity_req a = { 0 };
    ordo_app *app = NULL;
    int64_t activity = 0;
    long mins = 0;
    int code = cli_opts_parse(cmd, argc, argv, opts, &arg, 1, 1, usage), rc;
    if (code || (code = case_id(cmd, arg, &a.case_id)) != 0)
        return done_or(code);
    if (!kind || !minutes)
        return cli_usage_error(cmd, "missing %s", !kind ? "--kind K" : "--minutes M");
    if (ordo_activity_kind_parse(kind) < 0)
        return cli_usage_error(cmd, "--kind '%s': phone_call, email, task, appointment or booking", kind);
    if (cli_parse_long(minutes, 0, 1000000, &mins) < 0)
        return cli_usage_error(cmd, "--minutes '%s': a whole number of minutes >= 0", minutes);
    a.kind = kind;
    a.minutes = mins;
    a.subject = subject;
    if ((code = cli_svc_now(cmd, now, &a.now)) != CLI_EXIT_DONE || (code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_app_activity_add(app, &a, &activity)) < 0)
        code = cli_app_svc_fail(cmd, app, rc);
    else
        printf("activity %lld added to case %lld\n", (long long)activity, (long long)a.case_id);
    ordo_app_close(app);
    return code;
}

static int resolve_cmd(const char *cmd, int argc, char **argv)
{
    enum { MAX_IDS = 100000 };
    const char *db = NULL, *billable = NULL, *now_arg = NULL;
    int overdraft = 0;
    const cli_opt opts[] = { { "db", &db, NULL }, { "billable", &billable, NULL }, { "overdraft", NULL, &overdraft },
                             { "now", &now_arg, NULL }, { NULL, NULL, NULL } };
    static const char *ids[MAX_IDS];
    ordo_app *app = NULL;
    long bill = -1;
    int64_t now = 0, id = 0;
    int code = cli_opts_parse(cmd, argc, argv, opts, ids, 1, MAX_IDS, usage), first = CLI_EXIT_DONE, rc;
    if (code)
        return done_or(code);
    if (billable && cli_parse_long(billable, 0, 100000000, &bill) < 0)
        return cli_usage_error(cmd, "--billable '%s': a whole number of minutes >= 0", billable);
    for (int i = 0; i < argc && ids[i]; i++)
        if ((code = case_id(cmd, ids[i], &id)) != 0)
            return code;
    if ((code = cli_svc_now(cmd, now_arg, &now)) != 0)
        return code;
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    for (int i = 0; i < argc && ids[i]; i++) {
        ordo_resolve_plan p = { 0, 0 };
        case_id(cmd, ids[i], &id);
        ordo_app_resolve_req rq = { id, bill, overdraft, now };
        if ((rc = ordo_app_case_resolve(app, &rq, &p)) < 0) {
            code = cli_app_svc_fail(cmd, app, rc);
            if (first == CLI_EXIT_DONE)
                first = code;
            continue;
        }
        printf("case %lld resolved: %lld deducted", (long long)id, (long long)p.deduct);
        if (p.overdraft)
            printf(", %lld of it overdraft", (long long)p.overdraft);
        printf("\n");
        fflush(stdout);
    }
    ordo_app_close(app);
    return first;
}

static int status_cmd(const char *cmd, int argc, char **argv, ordo_case_status to)
{
    const char *db = NULL, *arg = NULL, *now_arg = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "now", &now_arg, NULL }, { NULL, NULL, NULL } };
    ordo_app *app = NULL;
    int64_t id = 0, now = 0;
    int code = cli_opts_parse(cmd, argc, argv, opts, &arg, 1, 1, usage), rc;
    if (code || (code = case_id(cmd, arg, &id)) != 0 || (code = cli_svc_now(cmd, now_arg, &now)) != 0)
        return done_or(code);
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_app_case_set_status(app, id, to, now)) < 0)
        code = cli_app_svc_fail(cmd, app, rc);
    else
        printf("case %lld is %s\n", (long long)id, ordo_case_status_name(to));
    ordo_app_close(app);
    return code;
}

static int hold_cmd(const char *c, int n, char **v) { return status_cmd(c, n, v, ORDO_CASE_ON_HOLD); }
static int reactivate_cmd(const char *c, int n, char **v) { return status_cmd(c, n, v, ORDO_CASE_ACTIVE); }
static int cancel_cmd(const char *c, int n, char **v) { return status_cmd(c, n, v, ORDO_CASE_CANCELLED); }

static void print_target(const char *what, const ordo_sla_target *t)
{
    char when[32] = "(on hold)";
    if (t->due)
        ordo_rfc3339_format(t->due, 0, 1, when);
    printf("%-15s due %s  %lld of %lld business min  %s\n", what, when, (long long)t->elapsed, (long long)t->target,
           ordo_sla_state_name(t->state));
}

static int sla_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *arg = NULL, *now_arg = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "now", &now_arg, NULL }, { NULL, NULL, NULL } };
    ordo_app *app = NULL;
    ordo_app_sla_status s = { 0 };
    int64_t id = 0, now = 0;
    int code = cli_opts_parse(cmd, argc, argv, opts, &arg, 1, 1, usage), rc;
    if (code || (code = case_id(cmd, arg, &id)) != 0 || (code = cli_svc_now(cmd, now_arg, &now)) != 0)
        return done_or(code);
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_app_case_sla(app, id, now, &s)) < 0) {
        code = cli_app_svc_fail(cmd, app, rc);
    } else {
        printf("case %lld  policy %s%s\n", (long long)id, s.sla.policy, s.on_hold ? "  (on hold: clock stopped)" : "");
        print_target("first response", &s.response);
        print_target("resolution", &s.resolution);
    }
    ordo_app_sla_status_clear(&s);
    ordo_app_close(app);
    return code;
}

static const cli_sub subs[] = {
    { "sla", sla_cmd },
    { "add", add_cmd },         { "list", list_cmd }, { "show", show_cmd },           { "activity", activity_cmd },
    { "resolve", resolve_cmd }, { "hold", hold_cmd }, { "reactivate", reactivate_cmd }, { "cancel", cancel_cmd },
};

int cli_case(int argc, char **argv)
{
    return cli_sub_dispatch("case", subs, sizeof subs / sizeof *subs, usage, argc, argv);
}
