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
#include "cli/service_ui.h"
#include "io/import.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define CMD "ordo import"
#define LIST_MAX 20            /* sessions listed per kind; the rest are counted */

static const char usage[] =
    "Usage: ordo import DIR --db FILE [--dry-run] [--allow-timezone-change]\n"
    "       ordo import ical --db FILE --resource R FILE.ics  (see 'ordo import ical --help')\n"
    "\n"
    "Reads the CSV files of folder DIR (sites, resources, working_hours, time_off,\n"
    "services, requirements, accounts, contacts, contracts, courses; see README\n"
    "\"Data contract\") and merges them into database FILE, created if missing.\n"
    "Records are updated by id; absent files leave their tables as they are; in\n"
    "working_hours, time_off and requirements the rows of each resource or service\n"
    "in the file replace its earlier rows. The import applies entirely or not at\n"
    "all, and says what it did: per file rows added, updated, unchanged and removed\n"
    "(replace rule), per resource or service for the keyless files; the sessions\n"
    "that no longer fit (run 'ordo repair'). A *.csv file of DIR that is not in the\n"
    "contract gets a warning with the closest known name.\n"
    "\n"
    "Options:\n"
    "  --db FILE                the database (SQLite file)\n"
    "  --dry-run                do it all and print the report, then roll back:\n"
    "                           the database is not changed (nor created)\n"
    "  --allow-timezone-change  accept a site's new time zone: its sessions keep\n"
    "                           their local times (their real time moves), their\n"
    "                           SEQUENCE goes up; refused otherwise (exit 5)\n"
    "  --now TIME               DTSTAMP of re-timed sessions (default: the clock)\n"
    "  -h, --help               show this help\n"
    "\n"
    "Exit: 0 imported; 3 invalid input (message FILE:LINE: COLUMN: what, nothing\n"
    "changed); 5 refused (a site's time zone changed), nothing changed; 1 I/O\n"
    "error; 2 usage error; 6 database busy.\n";

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

/* "1 added, 2 unchanged": the non-zero figures (all zero: "no rows"). */
static void figures(const ordo_import_count *c, char *buf, size_t n)
{
    size_t k = 0;
    const struct { int v; const char *what; } f[] = {
        { c->added, "added" }, { c->updated, "updated" }, { c->unchanged, "unchanged" },
        { c->removed, "removed (replace rule)" },
    };
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        if (f[i].v && k < n)
            k += (size_t)snprintf(buf + k, n - k, "%s%d %s", k ? ", " : "", f[i].v, f[i].what);
    if (!k)
        snprintf(buf, n, "no rows");
}

static void print_report(const ordo_app_import_res *r)
{
    const ordo_import_report *p = &r->report;
    char buf[200], absent[400] = "";
    size_t na = 0;
    for (int t = 0; t < ORDO_IMPORT_NTABLES; t++) {
        const char *name = ordo_import_table_name((ordo_import_table)t);
        if (!p->read[t]) {
            if (na < sizeof absent)
                na += (size_t)snprintf(absent + na, sizeof absent - na, "%s%s.csv", na ? ", " : "", name);
            continue;
        }
        figures(&p->tables[t], buf, sizeof buf);
        printf("%s.csv: %s\n", name, buf);
        size_t shown = 0, more = 0;
        for (size_t k = 0; k < p->nkeys; k++) {
            const ordo_import_key_count *e = &p->keys[k];
            /* updated records; keys whose earlier rows changed (a new key's rows are all "added") */
            if ((int)e->table != t || !(e->fields || e->n.removed || (e->n.added && e->n.unchanged)))
                continue;
            if (shown++ >= LIST_MAX) {
                more++;
                continue;
            }
            if (e->fields) {
                printf("  %s: %s: updated (%s)\n", name, e->key, e->fields);
                continue;
            }
            figures(&e->n, buf, sizeof buf);
            printf("  %s: %s: %s\n", name, e->key, buf);
        }
        if (more)
            printf("  ... and %zu more\n", more);
    }
    if (na)
        printf("not in the folder (tables left as they are): %s\n", absent);
    for (size_t k = 0; k < p->ntz; k++)
        printf("sites.csv:%d: site '%s': time zone %s -> %s: its sessions keep their local times\n",
               p->tz[k].line, p->tz[k].id, p->tz[k].old_tz, p->tz[k].new_tz);
    if (r->nmoved)
        printf("%zu session%s re-timed (SEQUENCE raised: calendars update them)\n", r->nmoved,
               r->nmoved == 1 ? "" : "s");
    for (size_t k = 0; k < r->nmoved && k < LIST_MAX; k++) {
        const ordo_app_import_session *e = &r->moved[k];
        printf("  %s: %s -> %s (%s, SEQUENCE %d)\n", e->label, e->old_start,
               e->start.text, e->why[0] ? e->why : "same local time", e->sequence);
    }
    if (r->nmoved > LIST_MAX)
        printf("  ... and %zu more\n", r->nmoved - LIST_MAX);
    for (size_t k = 0; k < r->nrepair && k < LIST_MAX; k++) {
        const ordo_app_import_session *e = &r->repair[k];
        printf("no longer fits: %s at %s: %s\n", e->label, e->start.text, e->why);
    }
    if (r->nrepair > LIST_MAX)
        printf("  ... and %zu more\n", r->nrepair - LIST_MAX);
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
    enum { O_DRY = 0x900, O_ALLOW_TZ, O_NOW };
    static const struct option longopts[] = {
        { "db", required_argument, NULL, 'd' },
        { "dry-run", no_argument, NULL, O_DRY },
        { "allow-timezone-change", no_argument, NULL, O_ALLOW_TZ },
        { "now", required_argument, NULL, O_NOW },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int rc = ORDO_OK, code = CLI_EXIT_DONE, created = 0, c;
    const char *db = NULL, *dir = NULL;
    ordo_app *app = NULL;
    ordo_app_import_req rq = { 0 };
    ordo_app_import_res n = { 0 };
    ordo_err err = { 0 };

    if (argc >= 2 && strcmp(argv[1], "ical") == 0)     /* ordo import ical: cmd_ical_import.c */
        return cli_import_ical(argc - 1, argv + 1);
    cli_getopt_reset(argv, CMD);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case O_DRY: rq.dry_run = 1; break;
        case O_ALLOW_TZ: rq.allow_timezone_change = 1; break;
        case O_NOW:
            if (cli_svc_now(CMD, optarg, &rq.now) != 0)
                return CLI_EXIT_USAGE;
            break;
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
    rq.dir = dir;
    rq.warn = on_warning;
    rq.payload = (void *)dir;
    if ((rc = ordo_app_import(app, &rq, &n)) < 0) {
        if (rc == ORDO_EINPUT || rc == ORDO_ERULE || rc == ORDO_EIO || rc == ORDO_ENOMEM)
            print_prefixed(dir, rc == ORDO_EINPUT || rc == ORDO_ERULE ? "" : CMD ": ", ordo_app_errmsg(app));
        else
            fprintf(stderr, CMD ": %s; the database was not changed\n", ordo_app_errmsg(app));
        fprintf(stderr, CMD ": nothing imported; %s %s\n", db, created ? "not created" : "unchanged");
        code = cli_exit_code(rc);
        goto done;
    }
    print_report(&n);
    if (n.nrepair)
        printf("%zu session%s no longer fit%s: run 'ordo repair --db %s'\n", n.nrepair,
               n.nrepair == 1 ? "" : "s", n.nrepair == 1 ? "s" : "", db);
    if (rq.dry_run)
        printf("dry run: nothing written; importing %s would leave %s holding %zu sites, %zu resources, "
               "%zu services, %zu accounts, %zu contacts, %zu contracts, %zu courses\n",
               dir, db, n.sites, n.resources, n.services, n.accounts, n.contacts, n.contracts, n.courses);
    else
        printf("imported %s into %s (it now holds %zu sites, %zu resources, %zu services, "
               "%zu accounts, %zu contacts, %zu contracts, %zu courses)\n",
               dir, db, n.sites, n.resources, n.services, n.accounts, n.contacts, n.contracts, n.courses);
done:
    ordo_app_import_res_clear(&n);
    ordo_app_close(app);
    if ((code != CLI_EXIT_DONE || rq.dry_run) && created)
        remove_new_database(db);
    return code;
}
