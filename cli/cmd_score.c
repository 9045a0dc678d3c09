/*
 * cmd_score.c — `ordo score --db FILE [--from DATE --to DATE] [--top N]`:
 * the saved plan's soft cost by goal and by the courses, people and cohorts
 * causing most of it (solver/score.h), on stdout. Also the shared printer of
 * that breakdown (the schedule and ctt summaries on stderr) and the
 * score.csv companion of `ordo export csv`.
 *
 * The window defaults to the one the last `ordo schedule` saved (store meta
 * "window" and "slot"), because the spread goal depends on it. Read-only:
 * the database is never changed. Exit 0, 2 usage, 3 no window known, 1 error.
 */
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/db.h"
#include "cli/desk_args.h"
#include "cli/score_ui.h"
#include "app/app_score.h"
#include "io/score_csv.h"
#include "solver/score.h"

#include <stdio.h>
#include <string.h>

#define CMD "ordo score"
#define DEFAULT_TOP 3

static const char usage[] =
    "Usage: ordo score --db FILE [--from DATE --to DATE] [--slot MIN] [--top N] [--time-limit S]\n"
    "\n"
    "Prints the soft cost of the saved plan by goal (same trainer, same room,\n"
    "spread, load balance, minimum days, compactness, room capacity), each with\n"
    "the N courses, people or cohorts causing most of it (default 3).\n"
    "The window defaults to the last 'ordo schedule' window; give the same\n"
    "window as the schedule run, or the spread goal is judged differently.\n"
    "Then the plan's lower bound, as 'ordo schedule' proves it: what the goals'\n"
    "competition adds to their own bounds, and how far the plan can be from\n"
    "the best one. --time-limit S caps the bound's time (default: up to 18 s\n"
    "on large plans, instant on small ones).\n"
    "Exit: 0 done; 1 error; 2 usage error; 3 no window known.\n";

void cli_score_print(FILE *f, const ordo_score *s, int top, const char *const *names)
{
    fprintf(f, "score: cost %.2f =", s->total);
    int first = 1;
    for (int g = 0; g < ORDO_GOAL_COUNT; g++) {
        const ordo_score_goal *sg = &s->goals[g];
        if (!sg->weight && sg->cost <= 0)
            continue;
        fprintf(f, "%s %s %.2f", first ? "" : " +", names ? names[g] : sg->key, sg->cost);
        first = 0;
    }
    if (first)
        fprintf(f, " 0");
    fputc('\n', f);
    if (s->stability.key && s->stability.count + s->stability.weight > 0) {
        fprintf(f, "  stability (re-plan, not in the cost; %d per moved session): %s", s->stability.weight,
                s->stability.text);
        if (s->stability.bound > 0)
            fprintf(f, " (any plan: at least +%.2f)", s->stability.bound);
        fputc('\n', f);
    }
    if (s->unmatched)
        fprintf(f, "  %d planned session%s no longer fit the rules and count as unplaced\n", s->unmatched,
                s->unmatched == 1 ? "" : "s");
    for (int g = 0; g < ORDO_GOAL_COUNT; g++) {
        const ordo_score_goal *sg = &s->goals[g];
        if (sg->cost <= 0)
            continue;
        fprintf(f, "  %s: %s", ordo_score_goal_label((ordo_goal)g), sg->text);
        if (sg->bound > 0)
            fprintf(f, " (any plan: at least +%.2f)", sg->bound);
        fputc('\n', f);
        for (int view = 0; view < 2; view++) {   /* by course / person / cohort, then by room */
            int shown = 0, count = 0;
            for (int i = 0; i < s->nitems; i++) {
                const ordo_score_item *it = &s->items[i];
                if ((int)it->goal != g || (it->subject == ORDO_SCORE_ROOM) != view)
                    continue;
                count++;
                if (shown < top) {
                    fprintf(f, "    %s\n", it->text);
                    shown++;
                }
            }
            if (count > shown && shown)
                fprintf(f, "    ... and %d more%s\n", count - shown, view ? " rooms" : "");
        }
    }
}

void cli_score_bound_print(FILE *f, const ordo_score *s)
{
    char text[400];
    /* the total bound also holds the joint bounds (goals that compete for
     * the same people, days or cohorts): say how much they add */
    if (s->together > 0)
        fprintf(f, "  together: the goals' own bounds add up to %.2f; because they compete for the same people, "
                "rooms, days and cohorts, every plan costs at least %.2f more than that\n", s->bound - s->together,
                s->together);
    ordo_score_bound_text(s->total, s->bound, s->placed, s->total_sessions, s->bound_is_weak, text, sizeof text);
    fprintf(f, "%s\n", text);
}

void cli_score_summary(FILE *f, ordo_model *m, const ordo_solve_options *o, const ordo_solve_result *r,
                       const char *const *names)
{
    ordo_score sc;
    if (ordo_score_plan(m, o, &sc) == ORDO_OK) {
        if (r->prev > 0)
            ordo_score_set_replan(&sc, r);
        ordo_score_set_bound(&sc, r->bound, r->bound_is_weak);
        cli_score_print(f, &sc, DEFAULT_TOP, names);
        cli_score_bound_print(f, &sc);
    } else {
        char text[400];
        fprintf(f, "score: not available (%s)\n", ordo_model_errmsg(m));
        ordo_score_bound_text(r->cost, r->bound, r->placed, r->total, r->bound_is_weak, text, sizeof text);
        fprintf(f, "%s\n", text);
    }
    ordo_score_free(&sc);
}

int cli_window_option(const char *cmd, int opt, const char *arg, cli_window *w)
{
    switch (opt) {
    case CLI_OPT_WIN_FROM:
        if (cli_parse_date(arg, &w->o.from) < 0)
            return -cli_usage_error(cmd, "--from '%s': not a date (YYYY-MM-DD)", arg);
        w->have_from = 1;
        return 1;
    case CLI_OPT_WIN_TO:
        if (cli_parse_date(arg, &w->o.to) < 0)
            return -cli_usage_error(cmd, "--to '%s': not a date (YYYY-MM-DD)", arg);
        w->have_to = 1;
        return 1;
    case CLI_OPT_WIN_SLOT:
        if (cli_parse_long(arg, 5, ORDO_MIN_PER_DAY, &w->slot) < 0 || ORDO_MIN_PER_DAY % w->slot != 0)
            return -cli_usage_error(cmd, "--slot '%s': must be minutes, at least 5, dividing 1440", arg);
        return 1;
    default:
        return 0;
    }
}

int cli_window_check(const char *cmd, const cli_window *w)
{
    if (w->have_from != w->have_to)
        return cli_usage_error(cmd, "give both --from and --to, or neither");
    if (w->have_from && w->o.from > w->o.to)
        return cli_usage_error(cmd, "--from is after --to");
    return CLI_EXIT_DONE;
}

int cli_window_resolve(const char *cmd, const char *db, ordo_app *s, cli_window *w)
{
    if (!w->have_from && ordo_app_saved_window(s, &w->o) < 0) {
        fprintf(stderr, "%s: %s: no planning window saved (no 'ordo schedule' yet): give --from and --to\n",
                cmd, db);
        return CLI_EXIT_INPUT;
    }
    if (w->slot)
        w->o.slot_minutes = (int)w->slot;
    return CLI_EXIT_DONE;
}

int cli_score_companion(const char *cmd, ordo_app *s, const char *bookings_path)
{
    ordo_app_plan_score out = { 0 };
    ordo_app_score_req rq = { NULL, NULL, 0, 1, 0 };   /* the saved window, with the plan's bound */
    ordo_err err = { 0 };
    int code = CLI_EXIT_DONE;
    int rc = ordo_app_score(s, &rq, &out);
    if (rc == ORDO_EINPUT && strcmp(ordo_app_errfield(s), "from") == 0)
        return CLI_EXIT_DONE;   /* never scheduled: no window, no score to write */
    char *path = ordo_score_csv_path(bookings_path);
    if (!path) {
        ordo_app_plan_score_clear(&out);
        fprintf(stderr, "%s: score.csv: %s\n", cmd, ordo_strerror(ORDO_ENOMEM));
        return cli_exit_code(ORDO_ENOMEM);
    }
    const char *msg = rc < 0 ? ordo_app_errmsg(s) : NULL;
    if (rc == ORDO_OK && (rc = ordo_score_csv_write(&out.score, path, &err)) < 0)
        msg = err.msg[0] ? err.msg : ordo_strerror(rc);
    if (rc < 0) {
        fprintf(stderr, "%s: %s: %s\n", cmd, path, msg && *msg ? msg : ordo_strerror(rc));
        code = cli_exit_code(rc);
    } else {
        printf("wrote %s (cost %.2f in %d item%s, bound %.2f)\n", path, out.score.total, out.score.nitems,
               out.score.nitems == 1 ? "" : "s", out.score.bound);
    }
    ordo_app_plan_score_clear(&out);
    ordo__free(path);
    return code;
}

int cli_score(int argc, char **argv)
{
    enum { OPT_DB = 0x200, OPT_TOP, OPT_TIME };
    static const struct option longopts[] = {
        { "db", required_argument, NULL, OPT_DB },
        CLI_WINDOW_LONGOPTS,
        { "top", required_argument, NULL, OPT_TOP },
        { "time-limit", required_argument, NULL, OPT_TIME },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    cli_window w = { ORDO_SOLVE_OPTIONS_INIT, 0, 0, 0 };
    const char *db = NULL;
    int code = CLI_EXIT_DONE, c;
    long top = DEFAULT_TOP;
    double limit = 0;
    ordo_app *s = NULL;
    ordo_app_plan_score out = { 0 };
    char from[11], to[11];

    cli_getopt_reset(argv, CMD);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        int win = cli_window_option(CMD, c, optarg, &w);
        if (win < 0)
            return -win;
        if (win)
            continue;
        switch (c) {
        case OPT_DB: db = optarg; break;
        case OPT_TOP:
            if (cli_parse_long(optarg, 0, 1000000, &top) < 0)
                return cli_usage_error(CMD, "--top '%s': must be a whole number >= 0", optarg);
            break;
        case OPT_TIME:
            if (cli_parse_seconds(optarg, &limit) < 0)
                return cli_usage_error(CMD, "--time-limit '%s': must be seconds >= 0", optarg);
            break;
        case 'h': fputs(usage, stdout); return CLI_EXIT_DONE;
        default: return cli_usage_hint(CMD);
        }
    }
    if (optind < argc)
        return cli_usage_error(CMD, "unexpected argument '%s'", argv[optind]);
    if (!db)
        return cli_usage_error(CMD, "missing --db FILE");
    if ((code = cli_window_check(CMD, &w)) != CLI_EXIT_DONE)
        return code;
    if ((code = cli_app_open(CMD, db, &s)) != CLI_EXIT_DONE)
        return code;
    if (w.have_from) {
        ordo_date_format(w.o.from, from);
        ordo_date_format(w.o.to, to);
    }
    ordo_app_score_req rq = { w.have_from ? from : NULL, w.have_from ? to : NULL, (int)w.slot, 1, limit };
    int rc = ordo_app_score(s, &rq, &out);
    if (rc < 0) {
        if (rc == ORDO_EINPUT && strcmp(ordo_app_errfield(s), "from") == 0 && !w.have_from)
            fprintf(stderr, "%s: %s: no planning window saved (no 'ordo schedule' yet): give --from and --to\n",
                    CMD, db);
        else
            fprintf(stderr, CMD ": %s: %s\n", db, ordo_app_errmsg(s));
        code = cli_exit_code(rc);
        goto done;
    }
    printf("plan: placed %d/%d\n", out.score.placed, out.score.total_sessions);
    cli_score_print(stdout, &out.score, (int)top, NULL);
    cli_score_bound_print(stdout, &out.score);
done:
    ordo_app_plan_score_clear(&out);
    ordo_app_close(s);
    return code;
}
