/*
 * score_ui.h — how the CLI shows a plan's score (cli/cmd_score.c): the
 * breakdown printer shared by `ordo score`, `ordo schedule` and `ordo ctt
 * solve`, the planning window options, and the score.csv companion of `ordo export csv`.
 */
#ifndef ORDO_CLI_SCORE_UI_H
#define ORDO_CLI_SCORE_UI_H

#include "app/app_ledger.h"
#include "solver/score.h"

#include <stdio.h>

/* "score: cost C = goal V + ..." then per goal with a cost its sentence and
 * its `top` worst items. names[g] (may be NULL) replace the goal keys on the
 * first line (ITC-2007 columns for ctt). */
void cli_score_print(FILE *f, const ordo_score *s, int top, const char *const *names);

/* The plan's bound (s->has_bound set): a "together:" line when the goals'
 * competition adds to their own bounds, then one sentence saying what the
 * bound means. */
void cli_score_bound_print(FILE *f, const ordo_score *s);

/* After a solve: the score of the plan now in m (same options), then one
 * line saying what the bound means, on f. A scoring failure prints one
 * line and is otherwise ignored (the plan is already saved). */
void cli_score_summary(FILE *f, ordo_model *m, const ordo_solve_options *o, const ordo_solve_result *r,
                       const char *const *names);

/* The planning window options of `ordo score` and `ordo diagnose`:
 * --from, --to, --slot, defaulting to the saved window. */
enum { CLI_OPT_WIN_FROM = 0x300, CLI_OPT_WIN_TO, CLI_OPT_WIN_SLOT };
#define CLI_WINDOW_LONGOPTS                                        \
    { "from", required_argument, NULL, CLI_OPT_WIN_FROM },         \
    { "to", required_argument, NULL, CLI_OPT_WIN_TO },             \
    { "slot", required_argument, NULL, CLI_OPT_WIN_SLOT }
typedef struct cli_window {
    ordo_solve_options o;
    int have_from, have_to;
    long slot;
} cli_window;
/* 1: opt was a window option (parsed into w); 0: not one; < 0: -(exit code)
 * after a usage error was printed. */
int cli_window_option(const char *cmd, int opt, const char *arg, cli_window *w);
/* After parsing: usage errors (CLI_EXIT_USAGE, printed) or CLI_EXIT_DONE. */
int cli_window_check(const char *cmd, const cli_window *w);
/* With the store open: the saved window when none was given (else
 * CLI_EXIT_INPUT with a message naming db), and --slot. */
int cli_window_resolve(const char *cmd, const char *db, ordo_app *s, cli_window *w);

/* Write score.csv beside bookings_path when the store knows the planning
 * window (else nothing), with the plan's bound (ordo_app_score); prints
 * "wrote ..." on stdout. Returns an exit code. */
int cli_score_companion(const char *cmd, ordo_app *s, const char *bookings_path);

#endif
