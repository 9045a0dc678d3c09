/*
 * solve_ui.h — what the two solving commands (`ordo schedule`, `ordo ctt
 * solve`) share: the solver options they take, throttled progress lines
 * and the one-line summary (both on stderr).
 */
#ifndef ORDO_CLI_SOLVE_UI_H
#define ORDO_CLI_SOLVE_UI_H

#include "solver/solve.h"

#include <getopt.h>

#define CLI_PROGRESS_EVERY_S 2.0

typedef struct cli_progress {
    int quiet;                /* 1: print no progress line */
    double last_printed;      /* solver seconds of the last line */
    int stagnant;             /* --stop-when-stagnant given */
} cli_progress;
#define CLI_PROGRESS_INIT { 0, 0.0, 0 }

/* getopt_long ids and table entries of the shared options:
 * --time-limit S, --seed N, --work N, --quiet. */
enum { CLI_OPT_TIME_LIMIT = 0x300, CLI_OPT_SEED, CLI_OPT_WORK, CLI_OPT_QUIET, CLI_OPT_STAGNANT };
#define CLI_SOLVE_LONGOPTS                                           \
    { "time-limit", required_argument, NULL, CLI_OPT_TIME_LIMIT },   \
    { "stop-when-stagnant", no_argument, NULL, CLI_OPT_STAGNANT },   \
    { "seed", required_argument, NULL, CLI_OPT_SEED },               \
    { "work", required_argument, NULL, CLI_OPT_WORK },               \
    { "quiet", no_argument, NULL, CLI_OPT_QUIET }
#define CLI_SOLVE_OPTIONS_HELP                                                       \
    "  (default run: annealing rounds of doubling length while a round improves\n"   \
    "  the best by more than 0.5 percent, at most 60 s; why it stopped is printed)\n" \
    "  --time-limit S     search until S seconds have passed (with --work: a safety\n" \
    "                     stop only; with --stop-when-stagnant: a cap on the rounds)\n" \
    "  --stop-when-stagnant  with --time-limit: still stop when rounds stop improving\n" \
    "  --seed N           random seed (default 1); same seed + same --work = same\n" \
    "                     result\n"                                                  \
    "  --work N           deterministic search budget in iterations (reproducible)\n" \
    "  --quiet            no progress lines\n"

/* Applies getopt result `opt` (with `arg`) if it is one of the shared
 * options. Returns 1 when applied, 0 when `opt` is not one of them, or
 * CLI_EXIT_USAGE's negation (-2) after printing a usage error. */
int cli_solve_option(const char *cmd, int opt, const char *arg, ordo_solve_options *o,
                     cli_progress *p);

/* Sets what every run of the command shares: now = time(NULL) (dtstamp of
 * changed sessions) and cli_progress_print as the progress callback; a
 * --time-limit without --stop-when-stagnant turns the stagnation rule off
 * (the search uses the time). */
void cli_solve_prepare(ordo_solve_options *o, cli_progress *p);

/* An ordo_progress_fn; payload is a cli_progress. At most one line every
 * CLI_PROGRESS_EVERY_S seconds:  [  12.3s] placed P/T cost C bound B gap G%  */
void cli_progress_print(double elapsed_s, int placed, int total, double cost, double bound,
                        void *payload);

/* "summary: placed P/T cost C bound B gap G" (C, B: 2 decimals; G: a
 * fraction, 4 decimals) and, if the bound is weak, a "bound: weak (...)" line;
 * after a re-plan (r->prev > 0) also "replan: moved N of M sessions (K had
 * to move), stability +X (W per moved session)". */
void cli_summary_print(const ordo_solve_result *r);

/* "search: stopped: ..." (why the search ended, ordo_solve_stop_text). */
void cli_stop_print(const ordo_solve_result *r);

#endif
