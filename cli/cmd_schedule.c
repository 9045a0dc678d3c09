/*
 * cmd_schedule.c — `ordo schedule`: plan the sessions of the database's
 * courses in a window, save the plan, report how good it is.
 *
 * Output contract (stderr only; stdout stays empty): progress lines at most
 * every CLI_PROGRESS_EVERY_S seconds unless --quiet, then exactly
 *   summary: placed P/T cost C bound B gap G
 * and, when the solver says its bound is weak, one "bound: weak (...)" line;
 * after a re-plan (a saved plan existed) one "replan: moved N of M sessions
 * (K had to move), ..." line; without --quiet, "search: stopped: ..." and the
 * score breakdown.
 * Exit 4 when some session stayed unscheduled, 0 when all were placed.
 * The use case is ordo_app_schedule (app/app.h): the solver runs outside any
 * lock and only the sessions it planned are written, re-checked against
 * what other processes booked meanwhile. A solver error leaves the
 * database as it was (past sessions may have been marked done).
 */
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/desk_args.h"
#include "cli/db.h"
#include "cli/score_ui.h"
#include "cli/service_ui.h"
#include "cli/solve_ui.h"

#include <stdio.h>

#define CMD "ordo schedule"
#define DEFAULT_SLOT_MIN 30
#define MIN_SLOT_MIN 5

static const char usage[] =
    "Usage: ordo schedule --db FILE --from DATE --to DATE [OPTIONS]\n"
    "\n"
    "Places the course sessions of the database in the window FROM..TO (local\n"
    "dates, inclusive, YYYY-MM-DD) under every hard rule - as many sessions as\n"
    "possible, then the lowest soft cost - and saves the plan.\n"
    "\n"
    "Options:\n"
    "  --db FILE          the database (made by 'ordo import')\n"
    "  --from DATE        first day of the window\n"
    "  --to DATE          last day of the window (not before --from)\n"
    "  --slot MIN         start grid in minutes from local midnight (default 30;\n"
    "                     at least 5 and dividing 1440)\n"
    "  --now T            sessions ending at or before T are done first (their hour\n"
    "                     bank reservation deducted) and kept as they are; T is\n"
    "                     RFC 3339 with an offset; default: the system clock\n"
    "  --fresh            plan from scratch: ignore the saved plan (by default a\n"
    "                     re-plan keeps every session whose placement still fits\n"
    "                     and moves others only when a move saves more than its\n"
    "                     stability cost, 10 per moved session)\n"
    CLI_SOLVE_OPTIONS_HELP
    "  -h, --help         show this help\n"
    "\n"
    "Prints on stderr 'summary: placed P/T cost C bound B gap G', after a re-plan\n"
    "'replan: moved N of M sessions (K had to move), stability +X ...' (the\n"
    "stability cost is in the objective, not in C), and why the search stopped.\n"
    "Exit: 0 all placed; 4 plan saved but some sessions unscheduled (their\n"
    "reasons: 'ordo export csv', unscheduled.csv); 1 solver or I/O error;\n"
    "2 usage error; 6 database busy.\n";

int cli_schedule(int argc, char **argv)
{
    enum { OPT_DB = 0x200, OPT_FROM, OPT_TO, OPT_SLOT, OPT_NOW, OPT_FRESH };
    static const struct option longopts[] = {
        { "db", required_argument, NULL, OPT_DB },
        { "from", required_argument, NULL, OPT_FROM },
        { "to", required_argument, NULL, OPT_TO },
        { "slot", required_argument, NULL, OPT_SLOT },
        { "now", required_argument, NULL, OPT_NOW },
        { "fresh", no_argument, NULL, OPT_FRESH },
        CLI_SOLVE_LONGOPTS,
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    ordo_solve_options opts = ORDO_SOLVE_OPTIONS_INIT;
    ordo_app_schedule_req rq = { 0 };
    ordo_app_schedule_res res = { 0 };
    cli_progress progress = CLI_PROGRESS_INIT;
    const char *db = NULL, *now_arg = NULL;
    int64_t now = 0;
    int have_from = 0, have_to = 0, code = CLI_EXIT_DONE, rc = ORDO_OK, c;
    long slot = DEFAULT_SLOT_MIN;
    ordo_app *app = NULL;

    cli_getopt_reset(argv, CMD);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        int shared = cli_solve_option(CMD, c, optarg, &opts, &progress);
        if (shared < 0)
            return -shared;
        if (shared)
            continue;
        switch (c) {
        case OPT_DB: db = optarg; break;
        case OPT_FROM:
            if (cli_parse_date(optarg, &opts.from) < 0)
                return cli_usage_error(CMD, "--from '%s': not a date (YYYY-MM-DD)", optarg);
            have_from = 1;
            break;
        case OPT_TO:
            if (cli_parse_date(optarg, &opts.to) < 0)
                return cli_usage_error(CMD, "--to '%s': not a date (YYYY-MM-DD)", optarg);
            have_to = 1;
            break;
        case OPT_SLOT:
            if (cli_parse_long(optarg, MIN_SLOT_MIN, ORDO_MIN_PER_DAY, &slot) < 0
                || ORDO_MIN_PER_DAY % slot != 0)
                return cli_usage_error(CMD, "--slot '%s': must be a whole number of minutes, "
                                       "at least %d, dividing 1440", optarg, MIN_SLOT_MIN);
            break;
        case OPT_NOW: now_arg = optarg; break;
        case OPT_FRESH: opts.fresh = 1; break;
        case 'h': fputs(usage, stdout); return CLI_EXIT_DONE;
        default: return cli_usage_hint(CMD);
        }
    }
    if (optind < argc)
        return cli_usage_error(CMD, "unexpected argument '%s'", argv[optind]);
    if (!db || !have_from || !have_to)
        return cli_usage_error(CMD, "missing %s",
                               !db ? "--db FILE" : !have_from ? "--from DATE" : "--to DATE");
    if (opts.from > opts.to)
        return cli_usage_error(CMD, "--from is after --to");

    opts.slot_minutes = (int)slot;
    cli_solve_prepare(&opts, &progress);
    if ((code = cli_svc_now(CMD, now_arg, &now)) != 0)
        return code;
    if (now_arg)
        opts.now = now;     /* calendar timestamps follow --now too */

    rq.opts = opts;
    rq.now = now;
    if ((code = cli_app_open(CMD, db, &app)) != CLI_EXIT_DONE)
        goto done;
    if ((rc = ordo_app_schedule(app, &rq, &res)) < 0) {
        fprintf(stderr, CMD ": %s; the plan was not saved\n", ordo_app_errmsg(app));
        code = cli_exit_code(rc);
        goto done;
    }
    if (res.completed > 0)
        fprintf(stderr, "%s: %d past session%s marked done (hour bank deducted)\n", CMD, res.completed,
                res.completed == 1 ? "" : "s");
    if (res.clashed > 0)
        fprintf(stderr, "%s: %d planned session%s clashed with bookings or time off made while solving: saved "
                "unscheduled with the conflict as reason\n", CMD, res.clashed, res.clashed == 1 ? "" : "s");
    if (res.skipped > 0)
        fprintf(stderr, "%s: %d session%s changed by another process while solving: their change was kept\n",
                CMD, res.skipped, res.skipped == 1 ? "" : "s");
    cli_summary_print(&res.solve);
    if (!progress.quiet)
        cli_stop_print(&res.solve);
    if (!progress.quiet) {   /* the saved plan's score; --quiet: the summary line alone (scripts parse it) */
        ordo_app *s = NULL;
        ordo_model *m = NULL;
        if (cli_db_open(CMD, db, 1, &s, &m) == CLI_EXIT_DONE)
            cli_score_summary(stderr, m, &opts, &res.solve, NULL);
        ordo_model_free(m);
        ordo_app_close(s);
    }
    code = res.solve.placed < res.solve.total ? CLI_EXIT_PARTIAL : CLI_EXIT_DONE;
done:
    ordo_app_close(app);
    return code;
}
