/*
 * args.c — option-value parsers and the error-code-to-exit-code mapping.
 *
 * Parsers are strict (no sign where none is meant, no trailing text, range
 * checked) so that a typo is a usage error, never a silently different run.
 */
#include "cli/args.h"

#include "model/ordo.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int cli_exit_code(int ordo_rc)
{
    switch (ordo_rc) {
    case ORDO_OK: return CLI_EXIT_DONE;
    case ORDO_EINPUT: return CLI_EXIT_INPUT;
    case ORDO_ERULE: return CLI_EXIT_RULE;
    case ORDO_EBUSY: return CLI_EXIT_BUSY;
    default: return CLI_EXIT_ERROR;
    }
}

void cli_getopt_reset(char **argv, const char *name)
{
    argv[0] = (char *)name;
    optind = 0;                 /* glibc: 0 re-initialises getopt completely */
    opterr = 1;
}

int cli_parse_date(const char *s, ordo_date *out)
{
    return ordo_date_parse(s, out) == 0 ? 0 : -1;
}

int cli_parse_long(const char *s, long min, long max, long *out)
{
    if (!s || !(isdigit((unsigned char)s[0]) || (s[0] == '-' && isdigit((unsigned char)s[1]))))
        return -1;
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

int cli_parse_u64(const char *s, uint64_t *out)
{
    if (!s || !isdigit((unsigned char)s[0]))
        return -1;
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

int cli_parse_seconds(const char *s, double *out)
{
    if (!s || !(isdigit((unsigned char)s[0]) || s[0] == '.'))
        return -1;
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end || !isfinite(v) || v < 0)
        return -1;
    *out = v;
    return 0;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return cli_usage_hint(cmd);
}

int cli_usage_hint(const char *cmd)
{
    fprintf(stderr, "Try '%s --help'.\n", cmd);
    return CLI_EXIT_USAGE;
}
