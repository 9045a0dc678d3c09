/*
 * service_ui.h — what the service commands (account, contact, product,
 * contract, case, session, customer) share: sub-command dispatch, a
 * table-driven option parser, opening the database without loading the
 * whole model, and one mapping from service errors to exit codes.
 *
 * Exit codes (args.h): a refused business rule is 5 and changes nothing; an
 * unknown id, a duplicate or a bad field is 3; a busy database 6; usage 2.
 */
#ifndef ORDO_CLI_SERVICE_UI_H
#define ORDO_CLI_SERVICE_UI_H

#include "app/app.h"
#include "app/app_ledger.h"
#include "io/service.h"

#include <stddef.h>
#include <stdint.h>

/* One sub-command: `run` gets its own name ("ordo case resolve") and the
 * arguments after the family ("resolve", ...). */
typedef struct cli_sub {
    const char *name;
    int (*run)(const char *cmd, int argc, char **argv);
} cli_sub;

/* Runs the sub-command named by argv[1] of `family` ("account"); prints
 * `usage` for --help (stdout) or a missing/unknown name (stderr, exit 2). */
int cli_sub_dispatch(const char *family, const cli_sub *subs, size_t n, const char *usage, int argc,
                     char **argv);

/* An option: `value` set for options taking an argument, `flag` (set to 1)
 * for the others. The table ends with a NULL name. */
typedef struct cli_opt {
    const char *name;
    const char **value;
    int *flag;
} cli_opt;

/* Parses argv (argv[0] = the sub-command) into opts and between min_pos and
 * max_pos operands (pos[]). --help prints `usage` and returns -1 (the
 * caller then exits 0); a usage error returns CLI_EXIT_USAGE after printing
 * it; 0 on success. An option named "db" in the table is required. */
int cli_opts_parse(const char *cmd, int argc, char **argv, const cli_opt *opts, const char **pos, int min_pos,
                   int max_pos, const char *usage);

/* The commands that take only --db: parses argv and opens the application
 * layer on it. Returns CLI_EXIT_DONE with *out set, or the exit code with
 * *out NULL (CLI_EXIT_DONE after --help). */
int cli_app_open_db_only(const char *cmd, int argc, char **argv, const char *usage, ordo_app **out);

/* Opens the application layer on an existing database (no model load).
 * Prints the error. */
int cli_svc_open(const char *cmd, const char *db, ordo_app **out);

/* Prints "CMD: MESSAGE" for a failed use case and returns its exit code. */
int cli_svc_fail(const char *cmd, ordo_app *a, int rc);
int cli_svc_exit(int rc);

/* A positive decimal id (case, line, session). 0 / -1. */
int cli_parse_id(const char *s, int64_t *out);

/* --now T (RFC 3339 with an offset, e.g. 2026-10-12T09:00+02:00 or ...Z)
 * as UTC seconds; the system clock when arg is NULL. Prints a usage error
 * and returns CLI_EXIT_USAGE when malformed. */
int cli_svc_now(const char *cmd, const char *arg, int64_t *out);
#define CLI_NOW_HELP "  --now T            the time to judge by (RFC 3339 with an offset, e.g.\n" \
                     "                     2026-10-12T09:00+02:00); default: the system clock\n"

/* "YYYY-MM-DD" of the local date now (system clock), for defaults. */
ordo_date cli_svc_today(void);

/* One contract line on one line of stdout after `indent`: id, kind, dates,
 * total / used / reserved / remaining (and overdraft) in its unit, and
 * "(hour bank)" for the primary time line. */
void cli_print_line(const ordo_contract_line *l, const char *indent);

/* Minutes as "750 min (12.50 h)". */
void cli_format_minutes(int64_t minutes, char *buf, size_t n);

#endif
