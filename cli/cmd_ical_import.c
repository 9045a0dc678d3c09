/*
 * cmd_ical_import.c — `ordo import ical`: a resource's own calendar read as
 * time off (io/ical_import.h), in one store transaction. Re-importing with
 * the same resource and source tag replaces the rows the earlier import
 * brought; a file that cannot be read changes nothing.
 */
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/desk_args.h"
#include "app/app_data.h"

#include <stdio.h>
#include <string.h>

#define CMD "ordo import ical"
#define DEFAULT_DAYS 365

static const char usage[] =
    "Usage: ordo import ical --db FILE --resource R [--from DATE --to DATE] [--source TAG] FILE.ics\n"
    "\n"
    "Reads the busy times of calendar FILE.ics as time off of resource R:\n"
    "opaque events that are not cancelled (recurring ones expanded with their\n"
    "exceptions and overridden instances), and the busy periods of VFREEBUSY\n"
    "(every busy type; FREE is ignored). Time zones are honoured; floating\n"
    "times and all-day events are read in R's site zone.\n"
    "\n"
    "Options:\n"
    "  --db FILE       the database\n"
    "  --resource R    whose calendar it is\n"
    "  --from DATE     first local day read (default: today)\n"
    "  --to DATE       last local day read (default: a year after --from)\n"
    "  --source TAG    tag of the rows (default: the file's name); importing\n"
    "                  again with the same R and TAG replaces those rows\n"
    "  -h, --help      show this help\n"
    "\n"
    "Exit: 0 imported; 3 invalid input, named FILE:LINE (unknown resource, not a\n"
    "calendar, more than 64 MiB or a line over 1 MiB, not UTF-8, a line libical\n"
    "cannot read, a date that does not exist or outside 1900..9999, an event\n"
    "without a start or with an unknown or absurd time zone, a rule whose\n"
    "expansion over the range takes too many steps; nothing changed);\n"
    "1 I/O error; 2 usage error; 6 database busy.\n";

static void print_warning(const char *msg, void *payload)
{
    (void)payload;
    fprintf(stderr, CMD ": warning: %s\n", msg);
}

int cli_import_ical(int argc, char **argv)
{
    enum { O_DB = 0x600, O_RESOURCE, O_FROM, O_TO, O_SOURCE };
    static const struct option longopts[] = {
        { "db", required_argument, NULL, O_DB },
        { "resource", required_argument, NULL, O_RESOURCE },
        { "from", required_argument, NULL, O_FROM },
        { "to", required_argument, NULL, O_TO },
        { "source", required_argument, NULL, O_SOURCE },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *db = NULL, *file = NULL;
    int have_from = 0, have_to = 0, c, code = CLI_EXIT_DONE, rc;
    ordo_ical_import_options o = ORDO_ICAL_IMPORT_OPTIONS_INIT;
    ordo_app_ical_req rq = { 0 };
    ordo_app_ical_res res = { 0 };
    ordo_app *app = NULL;

    cli_getopt_reset(argv, CMD);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case O_DB: db = optarg; break;
        case O_RESOURCE: rq.resource = optarg; break;
        case O_FROM:
            if (cli_date_option(CMD, "--from", optarg, &o.from))
                return CLI_EXIT_USAGE;
            rq.from = optarg;
            have_from = 1;
            break;
        case O_TO:
            if (cli_date_option(CMD, "--to", optarg, &o.to))
                return CLI_EXIT_USAGE;
            rq.to = optarg;
            have_to = 1;
            break;
        case O_SOURCE: rq.source = optarg; break;
        case 'h': fputs(usage, stdout); return CLI_EXIT_DONE;
        default: return cli_usage_hint(CMD);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error(CMD, optind >= argc ? "missing FILE.ics" : "one FILE.ics expected, got %d",
                               argc - optind);
    file = argv[optind];
    if (!db || !rq.resource)
        return cli_usage_error(CMD, "missing %s", !db ? "--db FILE" : "--resource R");
    if (have_from && have_to && o.from > o.to)
        return cli_usage_error(CMD, "--from is after --to");

    rq.file = file;
    rq.warn = print_warning;
    if ((code = cli_app_open(CMD, db, &app)) != CLI_EXIT_DONE)
        goto done;
    if ((rc = ordo_app_ical_import(app, &rq, &res)) < 0) {
        if (strcmp(ordo_app_errfield(app), "resource") == 0)
            fprintf(stderr, CMD ": %s\n", ordo_app_errmsg(app));
        else
            fprintf(stderr, CMD ": %s\n" CMD ": nothing imported; %s unchanged\n", ordo_app_errmsg(app), db);
        code = cli_exit_code(rc);
        goto done;
    }
    char a[11], b[11], more[40] = "";
    if (res.counts.warnings)
        snprintf(more, sizeof more, ", %d warning%s", res.counts.warnings, res.counts.warnings == 1 ? "" : "s");
    ordo_date_format(res.from, a);
    ordo_date_format(res.to, b);
    printf("imported %d busy period%s of %s from %s (%s to %s, source %s; %d earlier row%s replaced, "
           "%d event%s ignored%s)\n", res.counts.added, res.counts.added == 1 ? "" : "s", rq.resource, file, a, b,
           rq.source ? rq.source : (strrchr(file, '/') ? strrchr(file, '/') + 1 : file), res.counts.replaced,
           res.counts.replaced == 1 ? "" : "s", res.counts.skipped, res.counts.skipped == 1 ? "" : "s", more);
done:
    ordo_app_close(app);
    return code;
}
