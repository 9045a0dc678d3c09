/*
 * cmd_session.c — the schedule's sessions and the customer view:
 * `ordo session list|done|undo-done|cancel|complete` and `ordo customer show`
 * (io/service.h).
 *
 * A session marked done (only once it has ended) turns its hour-bank
 * reservation into a deduction, which undo-done reverses through the ledger;
 * `complete` (and `session list`, `customer show`) does so for every
 * planned session whose end has passed, judged by the clock or --now. A
 * cancelled session releases its reservation and leaves its course. Done
 * and cancelled sessions are frozen: `ordo schedule` never moves them.
 */
#include "app/app_data.h"
#include "cli/args.h"
#include "cli/desk_args.h"
#include "cli/commands.h"
#include "cli/service_ui.h"
#include "io/plan_view.h"
#include "model/conflicts.h"
#include "model/tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char session_usage[] =
    "Usage: ordo session SUB-COMMAND ... --db FILE\n"
    "\n"
    "Sessions planned by 'ordo schedule', and the hour bank they draw on.\n"
    "\n"
    "  list [--course C] [--now T]  the sessions (after completing the past ones), one a\n"
    "                               line after a header: id (what done/cancel take, the\n"
    "                               N of the calendar UID ordo-session-N@ordo and of the\n"
    "                               API's booking id), course, number k/N (the session\n"
    "                               number of bookings.csv and the calendars), status,\n"
    "                               start, end, site, resources, and 'CONFLICT: ...' for\n"
    "                               a double or --force booking ('-' otherwise)\n"
    "  done ID [--now T]            mark a planned session delivered: its reserved time\n"
    "                               is deducted from the contract's hour bank; refused\n"
    "                               (exit 5) while the session has not ended\n"
    "  undo-done ID [--now T]       undo 'done': the deduction gets a reversal entry in\n"
    "                               the ledger (nothing is deleted), the session is\n"
    "                               planned again and reserves its time again. A past\n"
    "                               session is completed again by the next 'list',\n"
    "                               'complete' or 'schedule' unless cancelled first\n"
    "  cancel ID [--now T]          cancel a planned or unscheduled session: its time is\n"
    "                               released and it leaves its course\n"
    "  complete [--now T]           mark done every planned session whose end has passed\n"
    "\n"
    "Every sub-command takes --db FILE.\n"
    CLI_NOW_HELP
    "Exit: 0 done; 2 usage; 3 unknown session; 5 refused (nothing changed); 6 busy.\n";

static const char customer_usage[] =
    "Usage: ordo customer show ID --db FILE [--now T]\n"
    "\n"
    "Everything about one account or contact: its cases (open, resolved), the time\n"
    "spent on them and the number of calls, each contract's total / used / reserved /\n"
    "remaining, and the upcoming sessions.\n"
    "\n"
    CLI_NOW_HELP;

static int done_or(int code) { return code < 0 ? CLI_EXIT_DONE : code; }

/* "YYYY-MM-DD HH:MM" local at the session's site (UTC when it has none). */
static void local_time(const ordo_model *m, const ordo_session *x, ordo_utc t, char out[17])
{
    ordo_date d = (ordo_date)(t / ORDO_MIN_PER_DAY);
    int minute = (int)(t % ORDO_MIN_PER_DAY);
    if (x->site >= 0)
        ordo_tz_to_local(m->sites.v[x->site].timezone, t, &d, &minute);
    ordo_datetime_format(d, minute, out);
    out[10] = ' ';
}

/* One line of `session list`: id, course, number k/N (the numbering of
 * bookings.csv, the calendars and the HTML: io/plan_view.h), status, local
 * start and end, site, resources, and the conflict it is in ("-" if none;
 * the text of bookings.csv's conflict column otherwise). */
static void print_session(const ordo_model *m, const ordo__numbering *num, const ordo_conflict *conf,
                          size_t nconf, size_t i)
{
    const ordo_session *x = &m->sessions.v[i];
    char a[17] = "-", b[17] = "-", k[32] = "-";
    const char *end = "-";
    ordo__outbuf flag = { 0 };
    if ((x->status == ORDO_SESSION_PLANNED || x->status == ORDO_SESSION_DONE) && x->site >= 0) {
        local_time(m, x, x->start, a);
        local_time(m, x, x->end, b);
        end = b + 11;             /* HH:MM */
    }
    if (num->number[i] > 0)
        snprintf(k, sizeof k, "%d/%d", num->number[i], num->count[x->course]);
    ordo__conflict_text(&flag, m, num, conf, nconf, i);
    printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\t", (long long)x->id, m->courses.v[x->course].id, k,
           ordo_session_status_name(x->status), a, end, x->site >= 0 ? m->sites.v[x->site].id : "-");
    for (int r = 0; r < x->nresources; r++)
        printf("%s%s", r ? ";" : "", m->resources.v[x->resources[r]].id);
    printf(x->nresources ? "\t" : "-\t");
    if (flag.len)
        printf("CONFLICT: %.*s\n", (int)flag.len, flag.data);
    else
        printf("-\n");
    ordo__outbuf_clear(&flag);
}

/* Every session of `course` (all when NULL), numbered and flagged. */
static int print_sessions(const char *cmd, const ordo_model *m, const char *course)
{
    int rc = ORDO_OK;
    ordo_err err = { 0 };
    ordo__numbering num = { 0 };
    ordo_conflict *conf = NULL;
    size_t nconf = 0;
    ORDO_TRY(ordo__plan_check(m, &err));
    ORDO_TRY(ordo__numbering_build(&num, m, &err));
    ORDO_TRY(ordo_conflicts_find(m, &conf, &nconf, &err));
    printf("id\tcourse\tnumber\tstatus\tstart\tend\tsite\tresources\tconflict\n");
    for (size_t i = 0; i < m->sessions.n; i++)
        if (!course || strcmp(course, m->courses.v[m->sessions.v[i].course].id) == 0)
            print_session(m, &num, conf, nconf, i);
done:
    if (rc < 0)
        fprintf(stderr, "%s: %s\n", cmd, err.msg[0] ? err.msg : ordo_strerror(rc));
    ordo__free(conf);
    ordo__numbering_clear(&num);
    return rc < 0 ? CLI_EXIT_ERROR : CLI_EXIT_DONE;
}

/* Opens the store, completes the past sessions, loads the model. */
static int open_current(const char *cmd, const char *db, const char *now_arg, ordo_app **s, ordo_model **m,
                        int64_t *now)
{
    int code, rc;
    *m = NULL;
    if ((code = cli_svc_now(cmd, now_arg, now)) != 0)
        return code;
    if ((code = cli_svc_open(cmd, db, s)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_app_sessions_complete(*s, *now, NULL)) < 0 || (rc = ordo_app_model(*s, m)) < 0)
        return cli_svc_fail(cmd, *s, rc);
    return CLI_EXIT_DONE;
}

static int list_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *course = NULL, *now_arg = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "course", &course, NULL }, { "now", &now_arg, NULL },
                             { NULL, NULL, NULL } };
    ordo_app *s = NULL;
    ordo_model *m = NULL;
    int64_t now = 0;
    int code = cli_opts_parse(cmd, argc, argv, opts, NULL, 0, 0, session_usage);
    if (code)
        return done_or(code);
    if ((code = open_current(cmd, db, now_arg, &s, &m, &now)) == CLI_EXIT_DONE)
        code = print_sessions(cmd, m, course);
    ordo_model_free(m);
    ordo_app_close(s);
    return code;
}

typedef int (*session_change_fn)(ordo_app *a, int64_t session, int64_t now);

static int change_cmd(const char *cmd, int argc, char **argv, session_change_fn change, const char *what)
{
    const char *db = NULL, *arg = NULL, *now_arg = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "now", &now_arg, NULL }, { NULL, NULL, NULL } };
    ordo_app *app = NULL;
    int64_t id = 0, now = 0;
    int code = cli_opts_parse(cmd, argc, argv, opts, &arg, 1, 1, session_usage), rc;
    if (code)
        return done_or(code);
    if (cli_parse_id(arg, &id) < 0)
        return cli_usage_error(cmd, "'%s' is not a session number (see 'ordo session list')", arg);
    if ((code = cli_svc_now(cmd, now_arg, &now)) != 0 || (code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    if ((rc = change(app, id, now)) < 0)
        code = cli_app_svc_fail(cmd, app, rc);
    else
        printf("session %lld %s\n", (long long)id, what);
    ordo_app_close(app);
    return code;
}

static int done_cmd(const char *c, int n, char **v) { return change_cmd(c, n, v, ordo_app_session_done, "done"); }
static int undo_done_cmd(const char *c, int n, char **v)
{
    return change_cmd(c, n, v, ordo_app_session_undo_done, "reopened (planned again; its deduction reversed)");
}
static int cancel_cmd(const char *c, int n, char **v)
{
    return change_cmd(c, n, v, ordo_app_session_cancel, "cancelled");
}

static int complete_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *now_arg = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "now", &now_arg, NULL }, { NULL, NULL, NULL } };
    ordo_app *app = NULL;
    int64_t now = 0;
    int n = 0, code = cli_opts_parse(cmd, argc, argv, opts, NULL, 0, 0, session_usage), rc;
    if (code)
        return done_or(code);
    if ((code = cli_svc_now(cmd, now_arg, &now)) != 0 || (code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_app_sessions_complete(app, now, &n)) < 0)
        code = cli_app_svc_fail(cmd, app, rc);
    else
        printf("%d session%s done\n", n, n == 1 ? "" : "s");
    ordo_app_close(app);
    return code;
}

static const cli_sub session_subs[] = {
    { "list", list_cmd },         { "done", done_cmd },         { "undo-done", undo_done_cmd },
    { "cancel", cancel_cmd },     { "complete", complete_cmd },
};

int cli_session(int argc, char **argv)
{
    return cli_sub_dispatch("session", session_subs, sizeof session_subs / sizeof *session_subs, session_usage,
                            argc, argv);
}

/* ---- customer 360 ------------------------------------------------------------------------- */

typedef struct case_pass {
    int want_open;                /* 1: active and on hold; 0: resolved */
    int printed;
} case_pass;

static int print_case(const ordo_case *c, void *payload)
{
    case_pass *p = payload;
    int open = c->status == ORDO_CASE_ACTIVE || c->status == ORDO_CASE_ON_HOLD;
    char d[11];
    if (open != p->want_open || (!open && c->status != ORDO_CASE_RESOLVED))
        return ORDO_OK;
    ordo_date_format(c->opened, d);
    printf("  case %lld  %-8s  %s  %-6s  %s%s%s\n", (long long)c->id, ordo_case_status_name(c->status), d,
           ordo_case_priority_name(c->priority), c->title, c->product ? "  product " : "",
           c->product ? c->product : "");
    p->printed++;
    return ORDO_OK;
}

static int print_line(const ordo_contract_line *l, void *payload)
{
    (void)payload;
    cli_print_line(l, "    ");
    return ORDO_OK;
}

static int by_start(const void *a, const void *b)
{
    const ordo_session *x = *(const ordo_session *const *)a, *y = *(const ordo_session *const *)b;
    return (x->start > y->start) - (x->start < y->start);
}

static int print_upcoming(const ordo_model *m, const char *id, int64_t now)
{
    const ordo_session **up = malloc((m->sessions.n + 1) * sizeof *up);
    size_t n = 0;
    char when[17];
    if (!up)
        return CLI_EXIT_ERROR;
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *x = &m->sessions.v[i];
        const char *customer = m->courses.v[x->course].customer;
        if (x->status == ORDO_SESSION_PLANNED && x->end > now / 60 && customer && strcmp(customer, id) == 0)
            up[n++] = x;
    }
    qsort(up, n, sizeof *up, by_start);
    printf("upcoming sessions: %zu\n", n);
    for (size_t i = 0; i < n; i++) {
        local_time(m, up[i], up[i]->start, when);
        printf("  %s  id %lld  %s  %lld min  site %s\n", when, (long long)up[i]->id,
               m->courses.v[up[i]->course].id, (long long)(up[i]->end - up[i]->start),
               up[i]->site >= 0 ? m->sites.v[up[i]->site].id : "-");
    }
    free(up);
    return CLI_EXIT_DONE;
}

static void print_party(const ordo_model *m, const char *id)
{
    int a = ordo_model_find_account(m, id), c = ordo_model_find_contact(m, id);
    const ordo_strlist *roles = NULL;
    if (a >= 0) {
        const ordo_account *x = &m->accounts.v[a];
        printf("customer %s: account %s, relationship %s", id, x->name ? x->name : "",
               x->relationship ? ordo_relationship_name(x->relationship) : "none");
        roles = &x->roles;
    } else {
        const ordo_contact *x = &m->contacts.v[c];
        printf("customer %s: contact %s %s%s%s, relationship %s", id, x->first_name ? x->first_name : "",
               x->last_name ? x->last_name : "", x->account ? " of account " : "", x->account ? x->account : "",
               x->relationship ? ordo_relationship_name(x->relationship) : "none");
        roles = &x->roles;
    }
    for (int i = 0; i < roles->count; i++)
        printf("%s%s", i ? ";" : ", roles ", roles->items[i]);
    printf("\n");
}

static int customer_show(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *id = NULL, *now_arg = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "now", &now_arg, NULL }, { NULL, NULL, NULL } };
    ordo_app *s = NULL;
    ordo_model *m = NULL;
    ordo_customer_summary sum;
    int64_t now = 0;
    char spent[64];
    int code = cli_opts_parse(cmd, argc, argv, opts, &id, 1, 1, customer_usage), rc;
    if (code)
        return done_or(code);
    if ((code = open_current(cmd, db, now_arg, &s, &m, &now)) != CLI_EXIT_DONE)
        goto done;
    if (ordo_model_find_account(m, id) < 0 && ordo_model_find_contact(m, id) < 0) {
        fprintf(stderr, "%s: '%s' is not an account or contact\n", cmd, id);
        code = CLI_EXIT_INPUT;
        goto done;
    }
    if ((rc = ordo_app_customer_summary(s, id, &sum)) < 0) {
        code = cli_svc_fail(cmd, s, rc);
        goto done;
    }
    print_party(m, id);
    cli_format_minutes(sum.minutes_spent, spent, sizeof spent);
    printf("cases: %d open, %d resolved, %d cancelled\ntime spent: %s\ncalls: %d\n", sum.open_cases,
           sum.resolved_cases, sum.cancelled_cases, spent, sum.calls);
    case_pass open = { 1, 0 }, resolved = { 0, 0 };
    printf("open cases:\n");
    if ((rc = ordo_app_case_each(s, id, print_case, &open)) == ORDO_OK) {
        printf("resolved cases:\n");
        rc = ordo_app_case_each(s, id, print_case, &resolved);
    }
    printf("contracts:\n");
    for (size_t k = 0; rc == ORDO_OK && k < m->contracts.n; k++) {
        const ordo_contract *x = &m->contracts.v[k];
        char a[11], b[11];
        if (!x->customer || strcmp(x->customer, id) != 0)
            continue;
        ordo_date_format(x->start, a);
        ordo_date_format(x->end, b);
        printf("  contract %s  %s  %s..%s\n", x->id, ordo_contract_status_name(x->status), a, b);
        rc = ordo_app_line_list(s, x->id, print_line, NULL);
    }
    if (rc < 0)
        code = cli_svc_fail(cmd, s, rc);
    else
        code = print_upcoming(m, id, now);
done:
    ordo_model_free(m);
    ordo_app_close(s);
    return code;
}

static const cli_sub customer_subs[] = { { "show", customer_show } };

int cli_customer(int argc, char **argv)
{
    return cli_sub_dispatch("customer", customer_subs, 1, customer_usage, argc, argv);
}
