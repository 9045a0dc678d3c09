/*
 * cmd_ctt.c — `ordo ctt solve|check`: ITC-2007 track 3 (curriculum-based
 * course timetabling) instances, for benchmarking the scheduler on
 * published data.
 *
 *   solve: instance -> ordo model (io/ctt_model.h) -> ordo_solve on the
 *          instance's days with a 60-minute grid -> CTT solution -> .sol,
 *          then the validator's cost row on stderr.
 *   check: the official validator's breakdown of a .sol as one TSV row on
 *          stdout (io/ctt_check.h); exits 0 whenever it could evaluate.
 */
#include "cli/args.h"
#include "cli/score_ui.h"
#include "cli/commands.h"
#include "cli/fsutil.h"
#include "cli/solve_ui.h"
#include "io/ctt_check.h"
#include "io/ctt_format.h"
#include "io/ctt_model.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define CTT_SLOT_MIN 60
#define ROW_MAX 1024

static const char usage[] =
    "Usage: ordo ctt solve FILE.ctt --out FILE.sol [OPTIONS]\n"
    "       ordo ctt check FILE.ctt FILE.sol [--header]\n"
    "\n"
    "ITC-2007 track 3 (curriculum-based course timetabling) instances.\n"
    "  solve  plans the instance with ordo's scheduler, writes the solution in the\n"
    "         competition's format and prints its cost row on stderr\n"
    "  check  prints the official validator's cost breakdown of a solution as one\n"
    "         TSV row: instance, solution, the four hard counts, the four weighted\n"
    "         soft costs, violations, total_cost, warnings\n"
    "\n"
    "Options of solve:\n"
    "  --out FILE.sol     where to write the solution\n"
    CLI_SOLVE_OPTIONS_HELP
    "Options of check:\n"
    "  --header           print the TSV header row first\n"
    "\n"
    "Exit: 0 done (check: whenever the solution could be evaluated; solve: every\n"
    "lecture placed); 4 solve: some lectures unplaced; 3 malformed instance;\n"
    "1 I/O or solver error; 2 usage error.\n";

static void on_warning(const char *message, void *payload)
{
    (void)payload;
    fprintf(stderr, "warning: %s\n", message);
}

/* The `instance` column: the file's base name without ".ctt" (expected.tsv). */
static void instance_name(const char *path, char *out, size_t n)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t len = strlen(base);
    if (len > 4 && strcmp(base + len - 4, ".ctt") == 0)
        len -= 4;
    snprintf(out, n, "%.*s", (int)len, base);
}

static int load_instance(const char *cmd, const char *path, ordo_ctt_instance **out)
{
    ordo_err err = { 0 };
    int rc = ordo_ctt_instance_load(out, path, &err);
    if (rc == ORDO_EINPUT)
        fprintf(stderr, "%s\n", err.msg);          /* already "FILE:LINE: what" */
    else if (rc < 0)
        fprintf(stderr, "%s: %s: %s\n", cmd, path, err.msg[0] ? err.msg : ordo_strerror(rc));
    return cli_exit_code(rc);
}

/* Evaluates `sol` and prints the row (after the header if asked) on `f`. */
static int print_check(const char *cmd, FILE *f, int header, const ordo_ctt_instance *in,
                       const char *ctt_path, const ordo_ctt_solution *sol, const char *sol_name)
{
    ordo_ctt_check_result r;
    ordo_err err = { 0 };
    char name[256], row[ROW_MAX];
    int rc = ordo_ctt_check(&r, in, sol, &err);
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", cmd, err.msg[0] ? err.msg : ordo_strerror(rc));
        return cli_exit_code(rc);
    }
    instance_name(ctt_path, name, sizeof name);
    rc = ordo_ctt_check_format_row(&r, name, sol_name, row, sizeof row);
    if (rc < 0) {
        fprintf(stderr, "%s: %s: a file name with a TAB or newline cannot go in the TSV row\n",
                cmd, sol_name);
        return CLI_EXIT_USAGE;
    }
    if (header)
        fprintf(f, "%s\n", ordo_ctt_check_header());
    fprintf(f, "%s\n", row);
    return CLI_EXIT_DONE;
}

static int ctt_check(int argc, char **argv)
{
    static const char cmd[] = "ordo ctt check";
    static const struct option longopts[] = {
        { "header", no_argument, NULL, 'H' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int header = 0, code = CLI_EXIT_DONE, rc = ORDO_OK, c;
    ordo_ctt_instance *in = NULL;
    ordo_ctt_solution *sol = NULL;
    ordo_err err = { 0 };

    cli_getopt_reset(argv, cmd);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'H': header = 1; break;
        case 'h': fputs(usage, stdout); return CLI_EXIT_DONE;
        default: return cli_usage_hint(cmd);
        }
    }
    if (argc - optind != 2)
        return cli_usage_error(cmd, "expected FILE.ctt FILE.sol");
    const char *ctt_path = argv[optind], *sol_path = argv[optind + 1];

    code = load_instance(cmd, ctt_path, &in);
    if (code != CLI_EXIT_DONE)
        goto done;
    rc = ordo_ctt_solution_load(&sol, in, sol_path, on_warning, NULL, &err);
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", cmd, err.msg[0] ? err.msg : ordo_strerror(rc));
        code = cli_exit_code(rc);
        goto done;
    }
    code = print_check(cmd, stdout, header, in, ctt_path, sol, sol_path);
done:
    ordo_ctt_solution_free(sol);
    ordo_ctt_instance_free(in);
    return code;
}

static int ctt_solve(int argc, char **argv)
{
    static const char cmd[] = "ordo ctt solve";
    enum { OPT_OUT = 0x200 };
    static const struct option longopts[] = {
        { "out", required_argument, NULL, OPT_OUT },
        CLI_SOLVE_LONGOPTS,
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    ordo_solve_options opts = ORDO_SOLVE_OPTIONS_INIT;
    ordo_solve_result res = { 0 };
    cli_progress progress = CLI_PROGRESS_INIT;
    const char *out = NULL, *ctt_path;
    int code = CLI_EXIT_DONE, rc = ORDO_OK, c;
    ordo_ctt_instance *in = NULL;
    ordo_ctt_solution *sol = NULL;
    ordo_model *m = NULL;
    ordo_err err = { 0 };

    cli_getopt_reset(argv, cmd);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        int shared = cli_solve_option(cmd, c, optarg, &opts, &progress);
        if (shared < 0)
            return -shared;
        if (shared)
            continue;
        switch (c) {
        case OPT_OUT: out = optarg; break;
        case 'h': fputs(usage, stdout); return CLI_EXIT_DONE;
        default: return cli_usage_hint(cmd);
        }
    }
    if (argc - optind != 1)
        return cli_usage_error(cmd, "expected one FILE.ctt");
    if (!out || !*out)
        return cli_usage_error(cmd, "missing --out FILE.sol");
    ctt_path = argv[optind];

    code = load_instance(cmd, ctt_path, &in);
    if (code != CLI_EXIT_DONE)
        goto done;
    rc = ordo_ctt_to_model(in, &m, &err);
    if (rc < 0) {
        fprintf(stderr, "%s: %s: %s\n", cmd, ctt_path, err.msg[0] ? err.msg : ordo_strerror(rc));
        code = cli_exit_code(rc);
        goto done;
    }
    opts.from = ordo_ctt_day_date(0);
    opts.to = ordo_ctt_day_date(in->days - 1);
    opts.slot_minutes = CTT_SLOT_MIN;
    cli_solve_prepare(&opts, &progress);
    rc = ordo_solve(m, &opts, &res);
    if (rc < 0) {
        const char *msg = ordo_model_errmsg(m);
        fprintf(stderr, "%s: %s\n", cmd, msg && *msg ? msg : ordo_strerror(rc));
        code = CLI_EXIT_ERROR;
        goto done;
    }
    rc = ordo_ctt_from_model(in, m, &sol, &err);
    if (rc == ORDO_OK && cli_mkdir_parent(out) < 0)
        rc = ordo__seterr(&err, ORDO_EIO, "cannot create its folder: %s", strerror(errno));
    if (rc == ORDO_OK)
        rc = ordo_ctt_solution_save(in, sol, out, &err);
    if (rc < 0) {
        fprintf(stderr, "%s: %s: %s\n", cmd, out, err.msg[0] ? err.msg : ordo_strerror(rc));
        code = CLI_EXIT_ERROR;
        goto done;
    }
    cli_summary_print(&res);
    if (!progress.quiet)
        cli_stop_print(&res);
    {   /* the breakdown in the official validator's column names */
        static const char *const itc[ORDO_GOAL_COUNT] = {
            "same_person", "roomstability_s", "spread", "load", "minworkingdays_s",
            "curriculumcompactness_s", "roomcapacity_s",
        };
        cli_score_summary(stderr, m, &opts, &res, itc);
    }
    code = print_check(cmd, stderr, 1, in, ctt_path, sol, out);
    if (code == CLI_EXIT_DONE && res.placed < res.total)
        code = CLI_EXIT_PARTIAL;
done:
    ordo_model_free(m);
    ordo_ctt_solution_free(sol);
    ordo_ctt_instance_free(in);
    return code;
}

int cli_ctt(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "solve") == 0)
        return ctt_solve(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "check") == 0)
        return ctt_check(argc - 1, argv + 1);
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(usage, stdout);
        return CLI_EXIT_DONE;
    }
    if (argc < 2)
        return cli_usage_error("ordo ctt", "missing solve or check");
    return cli_usage_error("ordo ctt", "unknown subcommand '%s' (solve or check)", argv[1]);
}
