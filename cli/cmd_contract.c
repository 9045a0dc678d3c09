/*
 * cmd_contract.c — `ordo contract add|list|show|activate|hold|cancel|
 * expire|line|ledger|check|forecast`: contracts, their lines and hour bank
 * (io/service.h).
 *
 * A new contract is a draft; status changes follow model/contract.h (a
 * refused one exits 5 and changes nothing). Every line prints total, used,
 * reserved and remaining; `check` proves each balance equals its ledger
 * (exit 1 naming each line that does not); `forecast` first completes the
 * sessions whose end has passed (by the clock or --now).
 */
#include "app/app_data.h"
#include "app/app_service.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/desk_args.h"
#include "cli/service_ui.h"
#include "model/tz.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char usage[] =
    "Usage: ordo contract SUB-COMMAND ... --db FILE\n"
    "\n"
    "Contracts, their lines (allotments) and the hour bank.\n"
    "\n"
    "  add ID --customer C --start DATE --end DATE [--hours H]\n"
    "                              a new draft contract; --hours makes its hour bank\n"
    "                              (the primary time line courses reserve from)\n"
    "  list                        every contract with its lines\n"
    "  show ID                     one contract with its lines\n"
    "  activate|hold|cancel|expire ID\n"
    "                              change the status: draft -> active; active <-> on_hold;\n"
    "                              active or on_hold -> cancelled or expired (final)\n"
    "  line ID (--minutes N | --hours H | --cases N | --coverage) [--start DATE] [--end DATE]\n"
    "                              add a line: time, a number of cases, or dates only\n"
    "                              (default: the contract's dates)\n"
    "  ledger ID [--line N]        the ledger entries of the contract (or of one line)\n"
    "  check                       verify every line's balance against its ledger, and\n"
    "                              list the planned sessions over their hour bank\n"
    "                              (a contract cut below its reservations; exit 1)\n"
    "  forecast ID [--now T]       the hour bank at each future session and the date it\n"
    "                              runs out, if it does\n"
    "\n"
    "Every sub-command takes --db FILE.\n"
    CLI_NOW_HELP
    "Exit: 0 done; 2 usage; 3 unknown id or bad value; 5 refused (nothing changed);\n"
    "6 database busy; check: 1 when a balance differs from its ledger.\n";

static int done_or(int code) { return code < 0 ? CLI_EXIT_DONE : code; }

/* ---- printing ------------------------------------------------------------------------ */

static int print_line_fn(const ordo_contract_line *l, void *payload)
{
    (void)payload;
    cli_print_line(l, "  ");
    return ORDO_OK;
}

static void print_contract(const ordo_contract *k)
{
    char a[11], b[11];
    ordo_date_format(k->start, a);
    ordo_date_format(k->end, b);
    printf("contract %s  customer %s  %s  %s..%s\n", k->id, k->customer ? k->customer : "",
           ordo_contract_status_name(k->status), a, b);
}

/* Prints contracts (all, or the one named) with their lines. */
static int list_contracts(const char *cmd, ordo_app *s, const ordo_model *m, const char *only)
{
    int found = 0, rc;
    for (size_t i = 0; i < m->contracts.n; i++) {
        const ordo_contract *k = &m->contracts.v[i];
        if (only && strcmp(only, k->id) != 0)
            continue;
        found = 1;
        print_contract(k);
        if ((rc = ordo_app_line_list(s, k->id, print_line_fn, NULL)) < 0)
            return cli_svc_fail(cmd, s, rc);
    }
    if (only && !found) {
        fprintf(stderr, "%s: contract %s does not exist\n", cmd, only);
        return CLI_EXIT_INPUT;
    }
    return CLI_EXIT_DONE;
}

/* ---- sub-commands --------------------------------------------------------------------- */

static int add_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *id = NULL;
    ordo_app_contract_add_req rq = { 0 };
    const cli_opt opts[] = { { "db", &db, NULL }, { "customer", &rq.customer, NULL }, { "start", &rq.start, NULL },
                             { "end", &rq.end, NULL }, { "hours", &rq.hours, NULL }, { NULL, NULL, NULL } };
    ordo_date d0, d1;
    int64_t minutes;
    ordo_app *app = NULL;
    int code = cli_opts_parse(cmd, argc, argv, opts, &id, 1, 1, usage), rc;
    if (code)
        return done_or(code);
    if (!rq.customer || !rq.start || !rq.end)
        return cli_usage_error(cmd, "missing %s", !rq.customer ? "--customer C" : !rq.start ? "--start DATE" : "--end DATE");
    if (!ordo_id_valid(id))
        return cli_usage_error(cmd, "contract id '%s': use letters, digits, '-', '_' and '.'", id);
    if (cli_parse_date(rq.start, &d0) < 0 || cli_parse_date(rq.end, &d1) < 0 || d0 > d1)
        return cli_usage_error(cmd, "--start and --end must be dates YYYY-MM-DD, start not after end");
    if (rq.hours && ordo_hours_parse(rq.hours, &minutes) < 0)
        return cli_usage_error(cmd, "--hours '%s': a number of hours with at most 2 decimals", rq.hours);
    rq.id = id;
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_app_contract_add(app, &rq, NULL)) < 0)
        code = cli_app_svc_fail(cmd, app, rc);
    else
        printf("contract %s added (draft)\n", id);
    ordo_app_close(app);
    return code;
}

/* list / show: the model for the contracts, the store for their lines. */
static int show_cmd(const char *cmd, int argc, char **argv, int one)
{
    const char *db = NULL, *id = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { NULL, NULL, NULL } };
    ordo_app *s = NULL;
    ordo_model *m = NULL;
    int code = cli_opts_parse(cmd, argc, argv, opts, &id, one, one, usage), rc;
    if (code)
        return done_or(code);
    if ((code = cli_svc_open(cmd, db, &s)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_app_model(s, &m)) < 0)
        code = cli_svc_fail(cmd, s, rc);
    else
        code = list_contracts(cmd, s, m, one ? id : NULL);
    ordo_model_free(m);
    ordo_app_close(s);
    return code;
}

static int list_cmd(const char *cmd, int argc, char **argv) { return show_cmd(cmd, argc, argv, 0); }
static int one_cmd(const char *cmd, int argc, char **argv) { return show_cmd(cmd, argc, argv, 1); }

static int status_cmd(const char *cmd, int argc, char **argv, ordo_contract_status to)
{
    const char *db = NULL, *id = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { NULL, NULL, NULL } };
    ordo_app *app = NULL;
    int code = cli_opts_parse(cmd, argc, argv, opts, &id, 1, 1, usage), rc;
    if (code)
        return done_or(code);
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_app_contract_set_status(app, id, to)) < 0)
        code = cli_app_svc_fail(cmd, app, rc);
    else
        printf("contract %s is %s\n", id, ordo_contract_status_name(to));
    ordo_app_close(app);
    return code;
}

static int activate_cmd(const char *c, int n, char **v) { return status_cmd(c, n, v, ORDO_CONTRACT_ACTIVE); }
static int hold_cmd(const char *c, int n, char **v) { return status_cmd(c, n, v, ORDO_CONTRACT_ON_HOLD); }
static int cancel_cmd(const char *c, int n, char **v) { return status_cmd(c, n, v, ORDO_CONTRACT_CANCELLED); }
static int expire_cmd(const char *c, int n, char **v) { return status_cmd(c, n, v, ORDO_CONTRACT_EXPIRED); }

static int line_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *id = NULL, *minutes = NULL, *hours = NULL, *cases = NULL, *start = NULL, *end = NULL;
    int coverage = 0;
    const cli_opt opts[] = { { "db", &db, NULL }, { "minutes", &minutes, NULL }, { "hours", &hours, NULL },
                             { "cases", &cases, NULL }, { "coverage", NULL, &coverage }, { "start", &start, NULL },
                             { "end", &end, NULL }, { NULL, NULL, NULL } };
    ordo_contract_line l = { 0 };
    ordo_app *s = NULL;
    long v = 0;
    int code = cli_opts_parse(cmd, argc, argv, opts, &id, 1, 1, usage), rc;
    if (code)
        return done_or(code);
    if (!!minutes + !!hours + !!cases + coverage != 1)
        return cli_usage_error(cmd, "give exactly one of --minutes N, --hours H, --cases N, --coverage");
    if (!start != !end)
        return cli_usage_error(cmd, "give both --start and --end, or neither (the contract's dates)");
    if (start && (cli_parse_date(start, &l.start) < 0 || cli_parse_date(end, &l.end) < 0))
        return cli_usage_error(cmd, "--start and --end must be dates YYYY-MM-DD");
    if ((minutes || cases) && cli_parse_long(minutes ? minutes : cases, 1, 100000000, &v) < 0)
        return cli_usage_error(cmd, "%s '%s': a whole number >= 1", minutes ? "--minutes" : "--cases",
                               minutes ? minutes : cases);
    l.balance.total = v;
    if (hours && (ordo_hours_parse(hours, &l.balance.total) < 0 || l.balance.total <= 0))
        return cli_usage_error(cmd, "--hours '%s': a positive number of hours with at most 2 decimals", hours);
    l.kind = cases ? ORDO_LINE_CASES : coverage ? ORDO_LINE_COVERAGE : ORDO_LINE_TIME;
    l.contract = (char *)id;
    if ((code = cli_svc_open(cmd, db, &s)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_app_line_add(s, &l, !start)) < 0) {
        code = cli_svc_fail(cmd, s, rc);
    } else {
        printf("line %lld added to contract %s\n", (long long)l.id, id);
        cli_print_line(&l, "  ");
    }
    ordo_app_close(s);
    return code;
}

static int print_entry(const ordo_ledger_entry *e, void *payload)
{
    (void)payload;
    printf("%lld  line %lld  %-11s %6lld", (long long)e->id, (long long)e->line, ordo_ledger_kind_name(e->kind),
           (long long)e->amount);
    if (e->case_id)
        printf("  case %lld", (long long)e->case_id);
    if (e->session)
        printf("  session %lld", (long long)e->session);
    if (e->reverses)
        printf("  reverses %lld", (long long)e->reverses);
    time_t at = (time_t)e->at;
    struct tm tm;
    char when[32] = "?";
    if (gmtime_r(&at, &tm))
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    printf("  at %s\n", when);
    return ORDO_OK;
}

static int ledger_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *id = NULL, *line = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "line", &line, NULL }, { NULL, NULL, NULL } };
    ordo_app *s = NULL;
    int64_t l = 0;
    int code = cli_opts_parse(cmd, argc, argv, opts, &id, 1, 1, usage), rc;
    if (code)
        return done_or(code);
    if (line && cli_parse_id(line, &l) < 0)
        return cli_usage_error(cmd, "--line '%s': a line number", line);
    if ((code = cli_svc_open(cmd, db, &s)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_app_ledger_list(s, id, l, print_entry, NULL)) < 0)
        code = cli_svc_fail(cmd, s, rc);
    ordo_app_close(s);
    return code;
}

static int print_problem(const char *message, void *payload)
{
    fprintf(stderr, "%s: %s\n", (const char *)payload, message);
    return ORDO_OK;
}

/* The sessions over their hour bank (a contract cut below its
 * reservations): one line each, exit 1 when there is any. */
static int check_overruns(const char *cmd, const char *db)
{
    ordo_app *app = NULL;
    ordo_app_overruns over = { 0 };
    int code = cli_app_open(cmd, db, &app), rc;
    if (code != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_app_bank_overruns(app, &over)) < 0)
        code = cli_app_svc_fail(cmd, app, rc);
    else if (over.n) {
        for (int i = 0; i < over.n; i++)
            printf("over the bank: %s\n", over.v[i].text);
        fprintf(stderr, "%s: %d session%s over the hour bank: 'ordo repair' unschedules %s\n", cmd, over.n,
                over.n == 1 ? "" : "s", over.n == 1 ? "it" : "them");
        code = CLI_EXIT_ERROR;
    } else {
        printf("hour banks: every planned session fits in its contract's bank\n");
    }
    ordo_app_overruns_clear(&over);
    ordo_app_close(app);
    return code;
}

static int check_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { NULL, NULL, NULL } };
    ordo_app *s = NULL;
    int problems = 0;
    int code = cli_opts_parse(cmd, argc, argv, opts, NULL, 0, 0, usage), rc;
    if (code)
        return done_or(code);
    if ((code = cli_svc_open(cmd, db, &s)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_app_bank_check(s, print_problem, (void *)cmd, &problems)) < 0)
        code = cli_svc_fail(cmd, s, rc);
    else if (problems) {
        fprintf(stderr, "%s: %d problem%s: the balances above differ from their ledger\n", cmd, problems,
                problems == 1 ? "" : "s");
        code = CLI_EXIT_ERROR;
    } else {
        printf("ledger: every balance equals its ledger\n");
    }
    ordo_app_close(s);
    if (code == CLI_EXIT_DONE)
        code = check_overruns(cmd, db);
    return code;
}

/* "YYYY-MM-DD HH:MM" of a session start in its site's zone. */
static void session_local(const ordo_model *m, int64_t id, ordo_utc start, char out[17])
{
    ordo_date d = 0;
    int minute = 0, site = -1;
    for (size_t i = 0; i < m->sessions.n && site < 0; i++)
        if (m->sessions.v[i].id == id)
            site = m->sessions.v[i].site;
    if (site < 0 || ordo_tz_to_local(m->sites.v[site].timezone, start, &d, &minute) < 0) {
        d = (ordo_date)(start / ORDO_MIN_PER_DAY);
        minute = (int)(start % ORDO_MIN_PER_DAY);
    }
    ordo_datetime_format(d, minute, out);
    out[10] = ' ';
}

static const char *course_of(const ordo_model *m, int64_t id)
{
    for (size_t i = 0; i < m->sessions.n; i++)
        if (m->sessions.v[i].id == id && m->sessions.v[i].course >= 0)
            return m->courses.v[m->sessions.v[i].course].id;
    return "?";
}

static void print_forecast(const ordo_model *m, const char *id, const ordo_forecast *f)
{
    char when[17];
    printf("contract %s, hour bank line %lld: total %lld, used %lld, reserved %lld, remaining %lld min\n", id,
           (long long)f->line, (long long)f->balance.total, (long long)f->balance.used,
           (long long)f->balance.reserved, (long long)ordo_balance_remaining(&f->balance));
    printf("now: %lld min before the planned sessions\n", (long long)f->balance0);
    if (f->n)
        printf("%-16s  %-8s  %-16s  %7s  %8s\n", "start", "id", "course", "minutes", "balance");
    for (int i = 0; i < f->n; i++) {
        const ordo_forecast_point *p = &f->points[i];
        session_local(m, p->session, p->start, when);
        printf("%-16s  %-8lld  %-16s  %7lld  %8lld\n", when, (long long)p->session, course_of(m, p->session),
               (long long)p->minutes, (long long)p->balance_after);
    }
    if (f->balance0 <= 0) {
        printf("runs out: already (%lld min)\n", (long long)f->balance0);
    } else if (f->runout >= 0) {
        session_local(m, f->points[f->runout].session, f->points[f->runout].start, when);
        when[10] = '\0';
        printf("runs out: %s (session %lld leaves %lld min)\n", when, (long long)f->points[f->runout].session,
               (long long)f->points[f->runout].balance_after);
    } else {
        printf("runs out: no (%lld min left after the last planned session)\n",
               (long long)(f->n ? f->points[f->n - 1].balance_after : f->balance0));
    }
}

static int forecast_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *id = NULL, *now_arg = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "now", &now_arg, NULL }, { NULL, NULL, NULL } };
    ordo_app *s = NULL;
    ordo_model *m = NULL;
    ordo_forecast f = { 0 };
    int64_t now = 0;
    int code = cli_opts_parse(cmd, argc, argv, opts, &id, 1, 1, usage), rc;
    if (code)
        return done_or(code);
    if ((code = cli_svc_now(cmd, now_arg, &now)) != 0)
        return code;
    if ((code = cli_svc_open(cmd, db, &s)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_app_sessions_complete(s, now, NULL)) < 0 || (rc = ordo_app_model(s, &m)) < 0 ||
        (rc = ordo_app_bank_forecast(s, m, id, &f)) < 0)
        code = cli_svc_fail(cmd, s, rc);
    else if (!f.line)
        printf("contract %s has no hour bank (no time line)\n", id);
    else
        print_forecast(m, id, &f);
    ordo_forecast_clear(&f);
    ordo_model_free(m);
    ordo_app_close(s);
    return code;
}

static const cli_sub subs[] = {
    { "add", add_cmd },       { "list", list_cmd },       { "show", one_cmd },     { "activate", activate_cmd },
    { "hold", hold_cmd },     { "cancel", cancel_cmd },   { "expire", expire_cmd }, { "line", line_cmd },
    { "ledger", ledger_cmd }, { "check", check_cmd },     { "forecast", forecast_cmd },
};

int cli_contract(int argc, char **argv)
{
    return cli_sub_dispatch("contract", subs, sizeof subs / sizeof *subs, usage, argc, argv);
}
