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
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/service_ui.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "Usage: ordo case SUB-COMMAND ... --db FILE\n"
    "\n"
    "Service cases: a customer's request about a product, under a contract line.\n"
    "\n"
    "  add --customer C --title T [--product P] [--line N | --contract K]\n"
    "      [--priority low|normal|high] [--origin phone|email|web] [--opened DATE]\n"
    "                              a new active case (--contract K: K's hour bank line;\n"
    "                              --opened: default today); prints its id\n"
    "  list [--customer C] [--status S]\n"
    "  show ID                     the case and its activities\n"
    "  activity ID --kind K --minutes M [--subject S]\n"
    "                              K: phone_call, email, task, appointment, booking\n"
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
    const char *db = NULL, *customer = NULL, *title = NULL, *product = NULL, *line = NULL, *contract = NULL,
               *priority = NULL, *origin = NULL, *opened = NULL;
    const cli_opt opts[] = {
        { "db", &db, NULL }, { "customer", &customer, NULL }, { "title", &title, NULL },
        { "product", &product, NULL }, { "line", &line, NULL }, { "contract", &contract, NULL },
        { "priority", &priority, NULL }, { "origin", &origin, NULL }, { "opened", &opened, NULL },
        { NULL, NULL, NULL },
    };
    ordo_case c = { 0 };
    ordo_store *s = NULL;
    int code = cli_opts_parse(cmd, argc, argv, opts, NULL, 0, 0, usage), rc = ORDO_OK, v;
    if (code)
        return done_or(code);
    if (!customer || !title)
        return cli_usage_error(cmd, "missing %s", !customer ? "--customer C" : "--title T");
    if (line && contract)
        return cli_usage_error(cmd, "give --line or --contract, not both");
    if (line && cli_parse_id(line, &c.line) < 0)
        return cli_usage_error(cmd, "--line '%s': a line number", line);
    c.priority = ORDO_PRIORITY_NORMAL;
    if (priority && (v = ordo_case_priority_parse(priority)) < 0)
        return cli_usage_error(cmd, "--priority '%s': low, normal or high", priority);
    if (priority)
        c.priority = (ordo_case_priority)v;
    c.origin = ORDO_ORIGIN_PHONE;
    if (origin && (v = ordo_case_origin_parse(origin)) < 0)
        return cli_usage_error(cmd, "--origin '%s': phone, email or web", origin);
    if (origin)
        c.origin = (ordo_case_origin)v;
    c.opened = cli_svc_today();
    if (opened && cli_parse_date(opened, &c.opened) < 0)
        return cli_usage_error(cmd, "--opened '%s': a date YYYY-MM-DD", opened);
    c.customer = (char *)customer;
    c.title = (char *)title;
    c.product = (char *)product;
    if ((code = cli_svc_open(cmd, db, &s)) != CLI_EXIT_DONE)
        return code;
    if (contract && (rc = ordo_store_line_primary(s, contract, &c.line)) == ORDO_OK && !c.line) {
        fprintf(stderr, "%s: contract '%s' has no hour bank line (see 'ordo contract show %s'); nothing changed\n",
                cmd, contract, contract);
        code = CLI_EXIT_INPUT;
    } else if ((contract && rc < 0) || (rc = ordo_store_case_add(s, &c)) < 0) {
        code = cli_svc_fail(cmd, s, rc);
    } else {
        printf("case %lld added\n", (long long)c.id);
    }
    ordo_store_close(s);
    return code;
}

typedef struct list_filter {
    int status;                   /* -1 = any */
} list_filter;

static int print_case(const ordo_case *c, void *payload)
{
    const list_filter *f = payload;
    char d[11];
    if (f && f->status >= 0 && (int)c->status != f->status)
        return ORDO_OK;
    ordo_date_format(c->opened, d);
    printf("%lld\t%s\t%s\t%s\t%s\t%s\tline %lld\t%s\n", (long long)c->id, ordo_case_status_name(c->status), d,
           c->customer ? c->customer : "", c->product ? c->product : "-", ordo_case_priority_name(c->priority),
           (long long)c->line, c->title ? c->title : "");
    return ORDO_OK;
}

static int list_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *customer = NULL, *status = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "customer", &customer, NULL }, { "status", &status, NULL },
                             { NULL, NULL, NULL } };
    list_filter f = { -1 };
    ordo_store *s = NULL;
    int code = cli_opts_parse(cmd, argc, argv, opts, NULL, 0, 0, usage), rc;
    if (code)
        return done_or(code);
    if (status && (f.status = ordo_case_status_parse(status)) < 0)
        return cli_usage_error(cmd, "--status '%s': active, on_hold, resolved or cancelled", status);
    if ((code = cli_svc_open(cmd, db, &s)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_store_case_list(s, customer, print_case, &f)) < 0)
        code = cli_svc_fail(cmd, s, rc);
    ordo_store_close(s);
    return code;
}

static int print_activity(const ordo_activity *a, void *payload)
{
    int64_t *total = payload;
    printf("  activity %lld  %-11s %5lld min  %s%s%s\n", (long long)a->id, ordo_activity_kind_name(a->kind),
           (long long)a->minutes, a->billed ? "billed" : "unbilled", a->subject ? "  " : "",
           a->subject ? a->subject : "");
    *total += a->minutes;
    return ORDO_OK;
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
    ordo_case c = { 0 };
    ordo_store *s = NULL;
    int64_t id = 0, total = 0;
    int code = cli_opts_parse(cmd, argc, argv, opts, &arg, 1, 1, usage), rc;
    if (code || (code = case_id(cmd, arg, &id)) != 0)
        return done_or(code);
    if ((code = cli_svc_open(cmd, db, &s)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_store_case_get(s, id, &c)) < 0) {
        code = cli_svc_fail(cmd, s, rc);
    } else {
        char d[11];
        ordo_date_format(c.opened, d);
        printf("case: %lld\ntitle: %s\ncustomer: %s\nproduct: %s\nline: %lld\npriority: %s\norigin: %s\n"
               "status: %s\nopened: %s\n", (long long)c.id, c.title, c.customer, c.product ? c.product : "",
               (long long)c.line, ordo_case_priority_name(c.priority), ordo_case_origin_name(c.origin),
               ordo_case_status_name(c.status), d);
        if ((rc = ordo_store_activity_list(s, id, print_activity, &total)) < 0)
            code = cli_svc_fail(cmd, s, rc);
        else
            printf("time spent: %lld min\n", (long long)total);
    }
    ordo_case_clear(&c);
    ordo_store_close(s);
    return code;
}

static int activity_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *arg = NULL, *kind = NULL, *minutes = NULL, *subject = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "kind", &kind, NULL }, { "minutes", &minutes, NULL },
                             { "subject", &subject, NULL }, { NULL, NULL, NULL } };
    ordo_activity a = { 0 };
    ordo_store *s = NULL;
    long mins = 0;
    int code = cli_opts_parse(cmd, argc, argv, opts, &arg, 1, 1, usage), rc, k;
    if (code || (code = case_id(cmd, arg, &a.case_id)) != 0)
        return done_or(code);
    if (!kind || !minutes)
        return cli_usage_error(cmd, "missing %s", !kind ? "--kind K" : "--minutes M");
    if ((k = ordo_activity_kind_parse(kind)) < 0)
        return cli_usage_error(cmd, "--kind '%s': phone_call, email, task, appointment or booking", kind);
    if (cli_parse_long(minutes, 0, 1000000, &mins) < 0)
        return cli_usage_error(cmd, "--minutes '%s': a whole number of minutes >= 0", minutes);
    a.kind = (ordo_activity_kind)k;
    a.minutes = mins;
    a.subject = (char *)subject;
    if ((code = cli_svc_open(cmd, db, &s)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_store_activity_add(s, &a)) < 0)
        code = cli_svc_fail(cmd, s, rc);
    else
        printf("activity %lld added to case %lld\n", (long long)a.id, (long long)a.case_id);
    ordo_store_close(s);
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
    ordo_store *s = NULL;
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
    if ((code = cli_svc_open(cmd, db, &s)) != CLI_EXIT_DONE)
        return code;
    for (int i = 0; i < argc && ids[i]; i++) {
        ordo_resolve_plan p = { 0, 0 };
        case_id(cmd, ids[i], &id);
        if ((rc = ordo_store_case_resolve(s, id, bill, overdraft, now, &p)) < 0) {
            code = cli_svc_fail(cmd, s, rc);
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
    ordo_store_close(s);
    return first;
}

static int status_cmd(const char *cmd, int argc, char **argv, ordo_case_status to)
{
    const char *db = NULL, *arg = NULL, *now_arg = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "now", &now_arg, NULL }, { NULL, NULL, NULL } };
    ordo_store *s = NULL;
    int64_t id = 0, now = 0;
    int code = cli_opts_parse(cmd, argc, argv, opts, &arg, 1, 1, usage), rc;
    if (code || (code = case_id(cmd, arg, &id)) != 0 || (code = cli_svc_now(cmd, now_arg, &now)) != 0)
        return done_or(code);
    if ((code = cli_svc_open(cmd, db, &s)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_store_case_set_status(s, id, to, now)) < 0)
        code = cli_svc_fail(cmd, s, rc);
    else
        printf("case %lld is %s\n", (long long)id, ordo_case_status_name(to));
    ordo_store_close(s);
    return code;
}

static int hold_cmd(const char *c, int n, char **v) { return status_cmd(c, n, v, ORDO_CASE_ON_HOLD); }
static int reactivate_cmd(const char *c, int n, char **v) { return status_cmd(c, n, v, ORDO_CASE_ACTIVE); }
static int cancel_cmd(const char *c, int n, char **v) { return status_cmd(c, n, v, ORDO_CASE_CANCELLED); }

static const cli_sub subs[] = {
    { "add", add_cmd },         { "list", list_cmd }, { "show", show_cmd },           { "activity", activity_cmd },
    { "resolve", resolve_cmd }, { "hold", hold_cmd }, { "reactivate", reactivate_cmd }, { "cancel", cancel_cmd },
};

int cli_case(int argc, char **argv)
{
    return cli_sub_dispatch("case", subs, sizeof subs / sizeof *subs, usage, argc, argv);
}
