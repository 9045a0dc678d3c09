/*
 * cmd_import.c — `ordo import DIR --db FILE`: merge a folder of contract CSV
 * files into the database.
 *
 * All or nothing: the folder is merged into the model loaded from the store,
 * and the model is saved (one transaction) only when the whole folder was
 * read without error. On bad input the database file is left byte for byte
 * as it was — and a database file this run created is removed again.
 */
#include "cli/args.h"
#include "cli/commands.h"
#include "app/app_data.h"
#include "cli/fsutil.h"
#include "io/import.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define CMD "ordo import"

static const char usage[] =
    "Usage: ordo import DIR --db FILE\n"
    "       ordo import ical --db FILE --resource R FILE.ics  (see 'ordo import ical --help')\n"
    "\n"
    "Reads the CSV files of folder DIR (sites, resources, working_hours, time_off,\n"
    "services, requirements, accounts, contacts, contracts, courses; see README\n"
    "\"Data contract\") and merges them into database FILE, created if missing.\n"
    "Records are updated by id; absent files leave their tables as they are.\n"
    "The import applies entirely or not at all.\n"
    "\n"
    "Options:\n"
    "  --db FILE   the database (SQLite file)\n"
    "  -h, --help  show this help\n"
    "\n"
    "Exit: 0 imported; 3 invalid input (message FILE:LINE: COLUMN: what, nothing\n"
    "changed); 1 I/O error; 2 usage error; 6 database busy.\n";

/* Messages from the importer start with the file name inside DIR; show the
 * path a user can open ("DIR/courses.csv:4: ..."). */
static void print_prefixed(const char *dir, const char *what, const char *msg)
{
    size_t n = strlen(dir);
    if (strncmp(msg, dir, n) == 0 || msg[0] == '/')
        fprintf(stderr, "%s%s\n", what, msg);
    else
        fprintf(stderr, "%s%s%s%s\n", what, dir, n && dir[n - 1] == '/' ? "" : "/", msg);
}

static void on_warning(const char *message, void *payload)
{
    print_prefixed((const char *)payload, "warning: ", message);
}

/* A failed import into a database file this run created leaves no file. */
static void remove_new_database(const char *db)
{
    static const char *const suffixes[] = { "-journal", "-wal", "-shm" };
    char side[4096];
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++)
        if (snprintf(side, sizeof side, "%s%s", db, suffixes[i]) < (int)sizeof side)
            unlink(side);
    unlink(db);
}

int cli_import(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "db", required_argument, NULL, 'd' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int rc = ORDO_OK, code = CLI_EXIT_DONE, created = 0, c;
    const char *db = NULL, *dir = NULL;
    ordo_app *app = NULL;
    ordo_app_import_res n = { 0 };
    ordo_err err = { 0 };

    if (argc >= 2 && strcmp(argv[1], "ical") == 0)     /* ordo import ical: cmd_ical_import.c */
        return cli_import_ical(argc - 1, argv + 1);
    cli_getopt_reset(argv, CMD);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'h': fputs(usage, stdout); return CLI_EXIT_DONE;
        default: return cli_usage_hint(CMD);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error(CMD, optind >= argc ? "missing DIR" : "one DIR expected, got %d",
                               argc - optind);
    dir = argv[optind];
    if (!db)
        return cli_usage_error(CMD, "missing --db FILE");
    if (!cli_is_dir(dir)) {
        fprintf(stderr, CMD ": %s: %s\n", dir, cli_exists(dir) ? "not a folder" : "no such folder");
        return CLI_EXIT_INPUT;
    }

    created = !cli_exists(db);
    if ((rc = ordo_app_open(&app, db, 0, &err)) < 0) {
        fprintf(stderr, CMD ": %s%s%s\n", strstr(err.msg, db) ? "" : db, strstr(err.msg, db) ? "" : ": ",
                err.msg[0] ? err.msg : ordo_strerror(rc));
        code = cli_exit_code(rc);
        goto done;
    }
    if ((rc = ordo_app_import(app, dir, on_warning, (void *)dir, &n)) < 0) {
        if (rc == ORDO_EINPUT || rc == ORDO_EIO || rc == ORDO_ENOMEM)
            print_prefixed(dir, rc == ORDO_EINPUT ? "" : CMD ": ", ordo_app_errmsg(app));
        else
            fprintf(stderr, CMD ": %s; the database was not changed\n", ordo_app_errmsg(app));
        fprintf(stderr, CMD ": nothing imported; %s %s\n", db, created ? "not created" : "unchanged");
        code = cli_exit_code(rc);
        goto done;
    }
    printf("imported %s into %s (it now holds %zu sites, %zu resources, %zu services, "
           "%zu accounts, %zu contacts, %zu contracts, %zu courses)\n",
           dir, db, n.sites, n.resources, n.services, n.accounts, n.contacts, n.contracts, n.courses);
done:
    ordo_app_close(app);
    if (code != CLI_EXIT_DONE && created)
        remove_new_database(db);
    return code;
}
