/*
 * solve_ui.c — shared options, progress and summary lines of the solving
 * commands. The summary's shape is a contract (scripts and tests parse it):
 * change it only together with README "Commands".
 */
#include "cli/solve_ui.h"

#include "cli/args.h"

#include <limits.h>
#include <stdio.h>
#include <time.h>

int cli_solve_option(const char *cmd, int opt, const char *arg, ordo_solve_options *o,
                     cli_progress *p)
{
    long work = 0;
    switch (opt) {
    case CLI_OPT_TIME_LIMIT:
        if (cli_parse_seconds(arg, &o->time_limit_s) < 0)
            return -cli_usage_error(cmd, "--time-limit '%s': must be seconds >= 0", arg);
        return 1;
    case CLI_OPT_SEED:
        if (cli_parse_u64(arg, &o->seed) < 0)
            return -cli_usage_error(cmd, "--seed '%s': must be a whole number >= 0", arg);
        return 1;
    case CLI_OPT_WORK:
        if (cli_parse_long(arg, 1, LONG_MAX, &work) < 0)
            return -cli_usage_error(cmd, "--work '%s': must be a whole number >= 1", arg);
        o->work_limit = work;
        return 1;
    case CLI_OPT_QUIET:
        p->quiet = 1;
        return 1;
    case CLI_OPT_STAGNANT:
        p->stagnant = 1;
        return 1;
    default:
        return 0;
    }
}

void cli_solve_prepare(ordo_solve_options *o, cli_progress *p)
{
    o->now = (int64_t)time(NULL);
    o->stagnation = o->time_limit_s > 0 && !p->stagnant ? 0 : 1;
    o->progress = cli_progress_print;
    o->payload = p;
}

void cli_progress_print(double elapsed_s, int placed, int total, double cost, double bound,
                        void *payload)
{
    cli_progress *p = payload;
    if (p->quiet || elapsed_s - p->last_printed < CLI_PROGRESS_EVERY_S)
        return;
    p->last_printed = elapsed_s;
    double gap = (cost - bound) / (cost > 1.0 ? cost : 1.0);
    fprintf(stderr, "[%6.1fs] placed %d/%d cost %.2f bound %.2f gap %.2f%%\n",
            elapsed_s, placed, total, cost, bound, 100.0 * gap);
}

void cli_summary_print(const ordo_solve_result *r)
{
    fprintf(stderr, "summary: placed %d/%d cost %.2f bound %.2f gap %.4f\n",
            r->placed, r->total, r->cost, r->bound, r->gap);
    if (r->bound_is_weak)
        fprintf(stderr, "bound: weak (it leaves out large parts of the soft cost, "
                        "so the gap overstates the distance to the best plan)\n");
    if (r->prev > 0) {
        fprintf(stderr, "replan: moved %d of %d sessions (%d had to move), ", r->moved, r->prev, r->must_move);
        if (r->stability_weight > 0)
            fprintf(stderr, "stability +%.2f (%d per moved session, not in the cost)\n", r->stability,
                    r->stability_weight);
        else
            fprintf(stderr, "stability off (--fresh: the previous plan was ignored)\n");
    }
}

void cli_stop_print(const ordo_solve_result *r)
{
    char buf[300];
    ordo_solve_stop_text(r, buf, sizeof buf);
    fprintf(stderr, "search: %s\n", buf);
}
