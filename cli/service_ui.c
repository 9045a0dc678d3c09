/*
 * service_ui.c — sub-command dispatch, the option-table parser, opening the
 * database and the error-to-exit-code mapping of the service commands
 * (service_ui.h). The service layer names the record and the rule in its
 * messages; this file only adds the command's name.
 */
#include "cli/service_ui.h"

#include "cli/args.h"
#include "cli/desk_args.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define MAX_OPTS 24

int cli_sub_dispatch(const char *family, const cli_sub *subs, size_t n, const char *usage, int argc,
                     char **argv)
{
    char cmd[64];
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_DONE;
    }
    for (size_t i = 0; i < n; i++)
        if (strcmp(argv[1], subs[i].name) == 0) {
            snprintf(cmd, sizeof cmd, "ordo %s %s", family, subs[i].name);
            return subs[i].run(cmd, argc - 1, argv + 1);
        }
    fprintf(stderr, "ordo %s: unknown sub-command '%s'\n\n", family, argv[1]);
    fputs(usage, stderr);
    return CLI_EXIT_USAGE;
}

int cli_opts_parse(const char *cmd, int argc, char **argv, const cli_opt *opts, const char **pos, int min_pos,
                   int max_pos, const char *usage)
{
    struct option longopts[MAX_OPTS + 2];
    int n = 0, c;
    for (; opts[n].name && n < MAX_OPTS; n++)
        longopts[n] = (struct option){ opts[n].name, opts[n].value ? required_argument : no_argument, NULL, n };
    longopts[n] = (struct option){ "help", no_argument, NULL, 'h' };
    longopts[n + 1] = (struct option){ NULL, 0, NULL, 0 };
    cli_getopt_reset(argv, cmd);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage, stdout);
            return -1;
        }
        if (c < 0 || c >= n)
            return cli_usage_hint(cmd);
        if (opts[c].value)
            *opts[c].value = optarg;
        else
            *opts[c].flag = 1;
    }
    int npos = argc - optind;
    if (npos < min_pos)
        return cli_usage_error(cmd, "missing %s", min_pos - npos > 1 || min_pos > 1 ? "arguments" : "argument");
    if (npos > max_pos)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind + max_pos]);
    for (int i = 0; i < npos; i++)
        pos[i] = argv[optind + i];
    for (int i = 0; i < n; i++)
        if (strcmp(opts[i].name, "db") == 0 && !*opts[i].value)
            return cli_usage_error(cmd, "missing --db FILE");
    return 0;
}

int cli_app_open_db_only(const char *cmd, int argc, char **argv, const char *usage, ordo_app **out)
{
    const char *db = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, NULL, 0, 0, usage);
    *out = NULL;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    return cli_app_open(cmd, db, out);
}

int cli_svc_exit(int rc)
{
    switch (rc) {
    case ORDO_OK: return CLI_EXIT_DONE;
    case ORDO_ENOTFOUND:
    case ORDO_EEXISTS:
    case ORDO_EINVAL:
    case ORDO_EINPUT: return CLI_EXIT_INPUT;
    case ORDO_ERULE: return CLI_EXIT_RULE;
    case ORDO_EBUSY: return CLI_EXIT_BUSY;
    default: return CLI_EXIT_ERROR;
    }
}

int cli_svc_fail(const char *cmd, ordo_app *a, int rc)
{
    const char *msg = a ? ordo_app_errmsg(a) : NULL;
    fprintf(stderr, "%s: %s%s\n", cmd, msg && *msg ? msg : ordo_strerror(rc),
            rc == ORDO_ERULE || cli_svc_exit(rc) == CLI_EXIT_INPUT ? "; nothing changed" : "");
    return cli_svc_exit(rc);
}

int cli_svc_open(const char *cmd, const char *db, ordo_app **out)
{
    ordo_err err = { 0 };
    struct stat st;
    *out = NULL;
    if (stat(db, &st) != 0) {
        fprintf(stderr, "%s: %s: %s (create it with 'ordo import DIR --db %s')\n", cmd, db, strerror(errno), db);
        return CLI_EXIT_ERROR;
    }
    int rc = ordo_app_open(out, db, 1, &err);
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", cmd, err.msg[0] ? err.msg : ordo_strerror(rc));
        return cli_exit_code(rc);
    }
    return CLI_EXIT_DONE;
}

int cli_parse_id(const char *s, int64_t *out)
{
    uint64_t v;
    if (cli_parse_u64(s, &v) < 0 || v == 0 || v > (uint64_t)INT64_MAX)
        return -1;
    *out = (int64_t)v;
    return 0;
}

int cli_svc_now(const char *cmd, const char *arg, int64_t *out)
{
    ordo_when w;
    if (!arg) {
        *out = cli_now();
        return 0;
    }
    if (cli_parse_when(arg, 0, &w) < 0 || w.local)
        return cli_usage_error(cmd, "--now '%s': give an instant with its offset, e.g. 2026-10-12T09:00+02:00 "
                               "or 2026-10-12T07:00Z", arg);
    *out = (int64_t)w.utc * 60;
    return 0;
}

ordo_date cli_svc_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return ordo_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void cli_format_minutes(int64_t minutes, char *buf, size_t n)
{
    snprintf(buf, n, "%lld min (%.2f h)", (long long)minutes, (double)minutes / 60.0);
}

void cli_print_line(const ordo_contract_line *l, const char *indent)
{
    char a[11], b[11];
    ordo_date_format(l->start, a);
    ordo_date_format(l->end, b);
    printf("%sline %lld  %s  %s..%s", indent, (long long)l->id, ordo_line_kind_name(l->kind), a, b);
    if (l->kind != ORDO_LINE_COVERAGE)
        printf("  total %lld  used %lld  reserved %lld  remaining %lld %s", (long long)l->balance.total,
               (long long)l->balance.used, (long long)l->balance.reserved,
               (long long)ordo_balance_remaining(&l->balance), ordo_line_unit(l->kind));
    if (l->balance.overdraft)
        printf("  overdraft %lld", (long long)l->balance.overdraft);
    printf("%s\n", l->is_primary ? "  (hour bank)" : "");
}
