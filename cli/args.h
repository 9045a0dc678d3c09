/*
 * args.h — what every `ordo` command shares: exit codes (the contract's
 * list), the mapping from ORDO_E* codes to them, strict parsers for option
 * values, and usage-error reporting.
 *
 * Parsers print nothing: they return 0 on success, -1 when the text is not
 * a well-formed value in range. cli_usage_error() prints
 * "ordo CMD: message" and a hint on stderr and returns CLI_EXIT_USAGE.
 */
#ifndef ORDO_CLI_ARGS_H
#define ORDO_CLI_ARGS_H

#include "model/date.h"

#include <getopt.h>
#include <stdint.h>

enum cli_exit {
    CLI_EXIT_DONE = 0,
    CLI_EXIT_ERROR = 1,       /* internal or I/O error */
    CLI_EXIT_USAGE = 2,
    CLI_EXIT_INPUT = 3,       /* invalid input; nothing changed */
    CLI_EXIT_PARTIAL = 4,     /* plan written, some sessions unscheduled */
    CLI_EXIT_RULE = 5,        /* refused by a business rule; nothing changed */
    CLI_EXIT_BUSY = 6         /* database busy */
};

/* ORDO_OK / ORDO_E* -> exit code. */
int cli_exit_code(int ordo_rc);

/* Prepares getopt_long for a command's own argument vector: argv[0] is
 * replaced by `name` (e.g. "ordo import", used in getopt's messages) and
 * getopt is reset. Options may come before or after operands. */
void cli_getopt_reset(char **argv, const char *name);

int cli_parse_date(const char *s, ordo_date *out);                 /* YYYY-MM-DD */
int cli_parse_long(const char *s, long min, long max, long *out);  /* decimal */
int cli_parse_u64(const char *s, uint64_t *out);                   /* decimal */
int cli_parse_seconds(const char *s, double *out);                 /* finite, >= 0 */

/* Prints "ordo CMD: message" and "Try 'ordo CMD --help'." on stderr;
 * returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* After getopt has printed its own complaint: prints only the hint line
 * "Try 'ordo CMD --help'." and returns CLI_EXIT_USAGE. */
int cli_usage_hint(const char *cmd);

#endif
