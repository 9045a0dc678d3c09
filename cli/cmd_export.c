/*
 * cmd_export.c — `ordo export ical|csv|html --db FILE --out PATH`: write the
 * saved plan out. Read-only on the database (a missing database is an
 * error, never created). Output folders are created as needed.
 */
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/db.h"
#include "cli/fsutil.h"
#include "cli/score_ui.h"
#include "io/bookings_csv.h"
#include "io/html_export.h"
#include "io/ical_export.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "Usage: ordo export FORMAT --db FILE --out PATH\n"
    "\n"
    "Writes the plan saved in database FILE:\n"
    "  ical  --out DIR    DIR/resource-<id>.ics per resource, DIR/course-<id>.ics per course\n"
    "                     (RFC 5545; see README \"Calendars\")\n"
    "  csv   --out FILE   the contract's bookings.csv at FILE, and unscheduled.csv beside\n"
    "                     it when some session could not be placed\n"
    "  html  --out DIR    week-grid timetables per resource and course, DIR/index.html\n"
    "Folders are created if missing.\n"
    "\n"
    "Options:\n"
    "  --db FILE   the database\n"
    "  --out PATH  where to write (see above)\n"
    "  -h, --help  show this help\n"
    "\n"
    "Exit: 0 written; 1 I/O error; 2 usage error; 6 database busy.\n";

enum format { FMT_ICAL, FMT_CSV, FMT_HTML };

static void count_plan(const ordo_model *m, size_t *booked, size_t *unscheduled)
{
    *booked = *unscheduled = 0;
    for (size_t i = 0; i < m->sessions.n; i++) {
        ordo_session_status st = m->sessions.v[i].status;
        *booked += st == ORDO_SESSION_PLANNED || st == ORDO_SESSION_DONE;
        *unscheduled += st == ORDO_SESSION_UNSCHEDULED;
    }
}

/* unscheduled.csv beside `bookings` (bookings_csv.h). */
static void print_unscheduled_path(const char *bookings, size_t n)
{
    const char *slash = strrchr(bookings, '/');
    int dirlen = slash ? (int)(slash - bookings) + 1 : 0;
    printf("wrote %.*sunscheduled.csv (%zu unscheduled session%s)\n", dirlen, bookings, n,
           n == 1 ? "" : "s");
}

static int write_format(const char *cmd, enum format fmt, const ordo_model *m, const char *out)
{
    int rc = ORDO_OK, files = 0;
    size_t booked, unscheduled;
    ordo_err err = { 0 };

    if ((fmt == FMT_CSV ? cli_mkdir_parent(out) : cli_mkdir_p(out)) < 0) {
        fprintf(stderr, "%s: %s: cannot create folder: %s\n", cmd, out, strerror(errno));
        return CLI_EXIT_ERROR;
    }
    count_plan(m, &booked, &unscheduled);
    switch (fmt) {
    case FMT_ICAL: rc = ordo_ical_export(m, out, &files, &err); break;
    case FMT_CSV: rc = ordo_bookings_csv_write(m, out, &err); break;
    case FMT_HTML: rc = ordo_html_export(m, out, &files, &err); break;
    }
    if (rc < 0) {
        fprintf(stderr, "%s: %s: %s\n", cmd, out, err.msg[0] ? err.msg : ordo_strerror(rc));
        return cli_exit_code(rc);
    }
    switch (fmt) {
    case FMT_ICAL:
        printf("wrote %d calendar%s (%zu bookings) in %s\n", files, files == 1 ? "" : "s",
               booked, out);
        break;
    case FMT_CSV:
        printf("wrote %s (%zu booking%s)\n", out, booked, booked == 1 ? "" : "s");
        if (unscheduled)
            print_unscheduled_path(out, unscheduled);
        break;
    case FMT_HTML:
        printf("wrote %d page%s in %s (open %s/index.html)\n", files, files == 1 ? "" : "s",
               out, out);
        break;
    }
    return CLI_EXIT_DONE;
}

int cli_export(int argc, char **argv)
{
    static const char *const names[] = { "ordo export ical", "ordo export csv", "ordo export html" };
    static const struct option longopts[] = {
        { "db", required_argument, NULL, 'd' },
        { "out", required_argument, NULL, 'o' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int code = CLI_EXIT_DONE, c;
    enum format fmt;
    const char *db = NULL, *out = NULL, *cmd;
    ordo_app *s = NULL;
    ordo_model *m = NULL;

    if (argc < 2 || argv[1][0] == '-') {
        if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
            fputs(usage, stdout);
            return CLI_EXIT_DONE;
        }
        return cli_usage_error("ordo export", "missing FORMAT (ical, csv or html)");
    }
    if (strcmp(argv[1], "ical") == 0)
        fmt = FMT_ICAL;
    else if (strcmp(argv[1], "csv") == 0)
        fmt = FMT_CSV;
    else if (strcmp(argv[1], "html") == 0)
        fmt = FMT_HTML;
    else
        return cli_usage_error("ordo export", "unknown FORMAT '%s' (ical, csv or html)", argv[1]);
    cmd = names[fmt];

    argc--;
    argv++;
    cli_getopt_reset(argv, cmd);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'o': out = optarg; break;
        case 'h': fputs(usage, stdout); return CLI_EXIT_DONE;
        default: return cli_usage_hint(cmd);
        }
    }
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    if (!db || !out)
        return cli_usage_error(cmd, "missing %s", !db ? "--db FILE" : "--out PATH");
    if (!*out)
        return cli_usage_error(cmd, "--out is empty");

    code = cli_db_open(cmd, db, 1, &s, &m);
    if (code == CLI_EXIT_DONE)
        code = write_format(cmd, fmt, m, out);
    if (code == CLI_EXIT_DONE && fmt == FMT_CSV)
        code = cli_score_companion(cmd, s, out);   /* score.csv beside bookings.csv */
    ordo_model_free(m);
    ordo_app_close(s);
    return code;
}
