/*
 * cmd_desk.c — the service desk: `ordo find-times`, `ordo book`,
 * `ordo reschedule`, `ordo cancel` (solver/find_times.h, solver/booking.h).
 *
 * argv in, text and exit codes out: each command is one call of the
 * application layer (app/app.h: ordo_app_find_times, _book, _reschedule,
 * _cancel), which owns the transaction and checks a change against the
 * calendar re-read under the write lock, so two desk agents cannot book the
 * same slot: the second one sees the first booking.
 * A refused request leaves the database untouched: exit 3 when the request
 * is wrong, 5 when it conflicts with the calendar (each conflict names the
 * resource and the clashing booking); --force books despite conflicts and
 * flags the booking. Messages go to stderr, results to stdout.
 */
#include "app/app.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/desk_args.h"

#include <stdio.h>
#include <string.h>

#define MAX_COUNT 1000
#define MSG_MAX 4096

#define TIME_HELP                                                                            \
    "T is RFC 3339 with an offset (2026-10-12T09:00+02:00, 2026-10-12T07:00Z), or a local\n"  \
    "time YYYY-MM-DDTHH:MM, or a date YYYY-MM-DD (its midnight), read in the site's zone.\n"

/* ---- shared option values -------------------------------------------------------- */

static int parse_count(const char *cmd, const char *opt, const char *arg, long min, long max, int *out)
{
    long v;
    if (cli_parse_long(arg, min, max, &v) < 0)
        return cli_usage_error(cmd, "%s '%s': must be a whole number from %ld to %ld", opt, arg, min, max);
    *out = (int)v;
    return 0;
}

static int parse_time(const char *cmd, const char *opt, const char *arg, int round_up, ordo_when *out)
{
    if (cli_parse_when(arg, round_up, out) < 0)
        return cli_usage_error(cmd, "%s '%s': not a time (RFC 3339 with offset, YYYY-MM-DDTHH:MM "
                               "or YYYY-MM-DD)", opt, arg);
    return 0;
}

/* "START to END at SITE with R1,R2" */
static void describe(const ordo_app_booking *b, char *buf, size_t len)
{
    char res[1024];
    cli_join_ids(b->resources, b->nresources, res, sizeof res);
    snprintf(buf, len, "%s to %s at %s with %s", b->start.text, b->end.text, b->site ? b->site : "", res);
}

/* ---- find-times ------------------------------------------------------------------ */

static const char find_usage[] =
    "Usage: ordo find-times --db FILE --service S [OPTIONS]\n"
    "\n"
    "Proposes the best times for one booking of service S. Every proposal meets\n"
    "each requirement row of the service (kind, skill, count, seats, distinct\n"
    "resources at one site), inside everyone's working hours, outside time off\n"
    "and other bookings, on the slot grid, and never at a local time that does\n"
    "not exist or occurs twice. At most one proposal per start and site.\n"
    "\n"
    "Options:\n"
    "  --db FILE          the database\n"
    "  --service S        the service to book\n"
    "  --participants N   people attending; rooms need the seats (default 1)\n"
    "  --customer C       account or contact; its other desk bookings are avoided\n"
    "  --site X           only at site X\n"
    "  --after T          the booking starts at or after T (default: now)\n"
    "  --before T         the booking ends by T (default: 14 days after --after)\n"
    "  --count N          how many proposals (default 5)\n"
    "  --prefer R[,R...]  preferred resources (repeatable)\n"
    "  --slot MIN         start grid in minutes from local midnight (default 30)\n"
    "  -h, --help         show this help\n"
    TIME_HELP
    "\n"
    "Ranking: earliest start first; then least fragmentation (per resource, the\n"
    "free minutes left just before and just after the booking when shorter than\n"
    "the service, summed); then the most preferred resources.\n"
    "\n"
    "Prints one line per proposal, best first:\n"
    "  START END SITE R1,R2,... fragmentation=MIN preferred=K\n"
    "or, when there is none, 'no available time: REASON' (REASON names the\n"
    "requirement that cannot be met).\n"
    "Exit: 0 answered (with or without proposals); 2 usage error; 3 unknown\n"
    "service, site, customer or resource; 1 I/O error; 6 database busy.\n";

int cli_find_times(int argc, char **argv)
{
    static const char cmd[] = "ordo find-times";
    enum { O_DB = 0x400, O_SERVICE, O_PART, O_CUSTOMER, O_SITE, O_AFTER, O_BEFORE, O_COUNT, O_PREFER, O_SLOT };
    static const struct option longopts[] = {
        { "db", required_argument, NULL, O_DB },
        { "service", required_argument, NULL, O_SERVICE },
        { "participants", required_argument, NULL, O_PART },
        { "customer", required_argument, NULL, O_CUSTOMER },
        { "site", required_argument, NULL, O_SITE },
        { "after", required_argument, NULL, O_AFTER },
        { "before", required_argument, NULL, O_BEFORE },
        { "count", required_argument, NULL, O_COUNT },
        { "prefer", required_argument, NULL, O_PREFER },
        { "slot", required_argument, NULL, O_SLOT },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *db = NULL;
    int c, code = CLI_EXIT_DONE, rc;
    ordo_when w;
    cli_id_list prefer = { 0 };
    ordo_app_find_times_req q = { 0 };
    ordo_app_find_times_res r = { 0 };
    ordo_app *app = NULL;

    cli_getopt_reset(argv, cmd);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case O_DB: db = optarg; break;
        case O_SERVICE: q.service = optarg; break;
        case O_PART:
            if (parse_count(cmd, "--participants", optarg, 1, 100000, &q.participants))
                return CLI_EXIT_USAGE;
            break;
        case O_CUSTOMER: q.customer = optarg; break;
        case O_SITE: q.site = optarg; break;
        case O_AFTER:
            if (parse_time(cmd, "--after", optarg, 1, &w))
                return CLI_EXIT_USAGE;
            q.after = optarg;
            break;
        case O_BEFORE:
            if (parse_time(cmd, "--before", optarg, 0, &w))
                return CLI_EXIT_USAGE;
            q.before = optarg;
            break;
        case O_COUNT:
            if (parse_count(cmd, "--count", optarg, 1, MAX_COUNT, &q.count))
                return CLI_EXIT_USAGE;
            break;
        case O_PREFER:
            if (cli_id_list_add(cmd, "resource", optarg, &prefer) < 0)
                return CLI_EXIT_INPUT;
            break;
        case O_SLOT:
            if (cli_slot_option(cmd, optarg, &q.slot_minutes))
                return CLI_EXIT_USAGE;
            break;
        case 'h': fputs(find_usage, stdout); return CLI_EXIT_DONE;
        default: return cli_usage_hint(cmd);
        }
    }
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    if (!db || !q.service)
        return cli_usage_error(cmd, "missing %s", !db ? "--db FILE" : "--service S");
    q.prefer = prefer.ids;
    q.nprefer = prefer.n;

    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        goto done;
    if ((rc = ordo_app_find_times(app, &q, &r)) < 0) {
        code = cli_app_fail(cmd, app, rc);
        goto done;
    }
    if (r.n == 0)
        printf("no available time: %s\n", r.reason);
    for (int i = 0; i < r.n; i++) {
        char res[1024];
        const ordo_app_proposal *p = &r.proposals[i];
        cli_join_ids(p->resources, p->nresources, res, sizeof res);
        printf("%s %s %s %s fragmentation=%lld preferred=%d\n", p->start.text, p->end.text, p->site, res,
               (long long)p->fragmentation, p->preferred);
    }
done:
    ordo_app_find_times_res_clear(&r);
    ordo_app_close(app);
    return code;
}

/* ---- book and reschedule ------------------------------------------------------- */

static const char book_usage[] =
    "Usage: ordo book --db FILE --service S --start T --resources R1,R2,... [OPTIONS]\n"
    "\n"
    "Books one intervention of service S at T with the resources given (in any\n"
    "order; they must meet the service's requirement rows and be at one site).\n"
    "The booking gets an id 'booking-N' and a calendar UID; export it with\n"
    "'ordo export ical'.\n"
    "\n"
    "Options:\n"
    "  --db FILE            the database\n"
    "  --service S          the service\n"
    "  --start T            the start (on the slot grid of the site)\n"
    "  --resources R1,...   the resources\n"
    "  --site X             read a local --start in X's zone (default: the\n"
    "                       resources' site)\n"
    "  --customer C         account or contact the booking is for\n"
    "  --participants N     people attending (default 1)\n"
    "  --force              book despite conflicts; the booking is flagged\n"
    "  --slot MIN           start grid in minutes from local midnight (default 30)\n"
    "  -h, --help           show this help\n"
    TIME_HELP
    "\n"
    "Prints 'booked booking-N (UID ...): START to END at SITE with R1,R2'.\n"
    "Exit: 0 booked; 3 invalid request (nothing changed); 5 conflict: each one\n"
    "names the resource and the clashing booking (nothing changed); 2 usage\n"
    "error; 1 I/O error; 6 database busy.\n";

enum { O_DB = 0x500, O_SERVICE, O_START, O_RESOURCES, O_SITE, O_CUSTOMER, O_PART, O_FORCE, O_SLOT, O_BOOKING };

/* What book and reschedule share: the database, the new start and
 * resources, the site a local start is read at, --force and --slot. */
typedef struct change_args {
    const char *db, *start, *site_id;
    int force, have_resources, slot;
    cli_id_list resources;
} change_args;
#define CHANGE_LONGOPTS                                      \
    { "db", required_argument, NULL, O_DB },                 \
    { "start", required_argument, NULL, O_START },           \
    { "resources", required_argument, NULL, O_RESOURCES },   \
    { "site", required_argument, NULL, O_SITE },             \
    { "force", no_argument, NULL, O_FORCE },                 \
    { "slot", required_argument, NULL, O_SLOT }

/* 1 when getopt result `c` is a shared option (applied), 0 when not, -1
 * after a usage error. */
static int change_option(const char *cmd, int c, const char *arg, change_args *a)
{
    switch (c) {
    case O_DB: a->db = arg; return 1;
    case O_START: {
        ordo_when w;
        if (parse_time(cmd, "--start", arg, 0, &w))
            return -1;
        a->start = arg;
        return 1;
    }
    case O_RESOURCES:
        a->have_resources = 1;
        return cli_id_list_add(cmd, "resource", arg, &a->resources) < 0 ? -2 : 1;
    case O_SITE: a->site_id = arg; return 1;
    case O_FORCE: a->force = 1; return 1;
    case O_SLOT: return cli_slot_option(cmd, arg, &a->slot) ? -1 : 1;
    default: return 0;
    }
}

/* Prints a refused or failed change: a conflict with its hint, else the
 * message. Returns the exit code. */
static int change_fail(const char *cmd, const char *verb, ordo_app *app, int rc)
{
    if (rc != ORDO_ERULE || strncmp(ordo_app_errfield(app), "start", 5) != 0)
        return cli_app_fail(cmd, app, rc);
    fprintf(stderr, "%s: conflict: %s\n%s: nothing %s (use --force to %s anyway, flagged)\n", cmd,
            ordo_app_errmsg(app), cmd, verb, strcmp(verb, "booked") == 0 ? "book" : "move");
    return CLI_EXIT_RULE;
}

static void warn_forced(const char *cmd, const char *verb, const ordo_app_change_res *r)
{
    if (r->conflict[0])
        fprintf(stderr, "%s: warning: %s despite a conflict (flagged): %s\n", cmd, verb, r->conflict);
}

int cli_book(int argc, char **argv)
{
    static const char cmd[] = "ordo book";
    static const struct option longopts[] = {
        CHANGE_LONGOPTS,
        { "service", required_argument, NULL, O_SERVICE },
        { "customer", required_argument, NULL, O_CUSTOMER },
        { "participants", required_argument, NULL, O_PART },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c, code = CLI_EXIT_DONE, rc, shared;
    change_args a = { 0 };
    ordo_app_book_req rq = { 0 };
    ordo_app_change_res r = { 0 };
    ordo_app *app = NULL;
    char text[MSG_MAX];

    cli_getopt_reset(argv, cmd);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if ((shared = change_option(cmd, c, optarg, &a)) != 0) {
            if (shared < 0)
                return shared == -2 ? CLI_EXIT_INPUT : CLI_EXIT_USAGE;
            continue;
        }
        switch (c) {
        case O_SERVICE: rq.service = optarg; break;
        case O_CUSTOMER: rq.customer = optarg; break;
        case O_PART:
            if (parse_count(cmd, "--participants", optarg, 1, 100000, &rq.participants))
                return CLI_EXIT_USAGE;
            break;
        case 'h': fputs(book_usage, stdout); return CLI_EXIT_DONE;
        default: return cli_usage_hint(cmd);
        }
    }
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    if (!a.db || !rq.service || !a.start || !a.have_resources)
        return cli_usage_error(cmd, "missing %s", !a.db ? "--db FILE" : !rq.service ? "--service S"
                                                  : !a.start ? "--start T" : "--resources R1,R2,...");
    rq.start = a.start;
    rq.resources = a.resources.ids;
    rq.nresources = a.resources.n;
    rq.site = a.site_id;
    rq.force = a.force;
    rq.slot_minutes = a.slot;

    if ((code = cli_app_open(cmd, a.db, &app)) != CLI_EXIT_DONE)
        goto done;
    if ((rc = ordo_app_book(app, &rq, &r)) < 0) {
        code = change_fail(cmd, "booked", app, rc);
        goto done;
    }
    warn_forced(cmd, "booked", &r);
    describe(&r.booking, text, sizeof text);
    printf("booked %s (UID %s): %s%s\n", r.booking.id, r.booking.uid, text,
           r.conflict[0] ? " [conflict flagged]" : "");
done:
    ordo_app_change_res_clear(&r);
    ordo_app_close(app);
    return code;
}

static const char reschedule_usage[] =
    "Usage: ordo reschedule --db FILE --booking ID --start T [OPTIONS]\n"
    "\n"
    "Moves desk booking ID (its id 'booking-N' or its session number) to T,\n"
    "with the same resources unless --resources says others. The booking keeps\n"
    "its calendar UID; its SEQUENCE goes up and its DTSTAMP becomes now.\n"
    "\n"
    "Options:\n"
    "  --db FILE            the database\n"
    "  --booking ID         the booking\n"
    "  --start T            the new start\n"
    "  --resources R1,...   new resources (default: the current ones)\n"
    "  --site X             read a local --start in X's zone (default: the\n"
    "                       resources' site)\n"
    "  --force              move despite conflicts; the booking is flagged\n"
    "  --slot MIN           start grid in minutes from local midnight (default 30)\n"
    "  -h, --help           show this help\n"
    TIME_HELP
    "\n"
    "Prints 'moved booking-N (UID ...): OLD -> NEW (SEQUENCE k)'.\n"
    "Exit: 0 moved (or already there); 3 invalid request or unknown booking;\n"
    "5 conflict, or the booking is cancelled (nothing changed); 2 usage error;\n"
    "1 I/O error; 6 database busy.\n";

int cli_reschedule(int argc, char **argv)
{
    static const char cmd[] = "ordo reschedule";
    static const struct option longopts[] = {
        CHANGE_LONGOPTS,
        { "booking", required_argument, NULL, O_BOOKING },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c, code = CLI_EXIT_DONE, rc, shared;
    change_args a = { 0 };
    ordo_app_reschedule_req rq = { 0 };
    ordo_app_change_res r = { 0 };
    ordo_app *app = NULL;
    char before[MSG_MAX], after[MSG_MAX];

    cli_getopt_reset(argv, cmd);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if ((shared = change_option(cmd, c, optarg, &a)) != 0) {
            if (shared < 0)
                return shared == -2 ? CLI_EXIT_INPUT : CLI_EXIT_USAGE;
            continue;
        }
        switch (c) {
        case O_BOOKING: rq.booking = optarg; break;
        case 'h': fputs(reschedule_usage, stdout); return CLI_EXIT_DONE;
        default: return cli_usage_hint(cmd);
        }
    }
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    if (!a.db || !rq.booking || !a.start)
        return cli_usage_error(cmd, "missing %s", !a.db ? "--db FILE" : !rq.booking ? "--booking ID" : "--start T");
    rq.start = a.start;
    rq.resources = a.have_resources ? a.resources.ids : NULL;
    rq.nresources = a.resources.n;
    rq.site = a.site_id;
    rq.force = a.force;
    rq.slot_minutes = a.slot;

    if ((code = cli_app_open(cmd, a.db, &app)) != CLI_EXIT_DONE)
        goto done;
    if ((rc = ordo_app_reschedule(app, &rq, &r)) < 0) {
        code = change_fail(cmd, "moved", app, rc);
        goto done;
    }
    warn_forced(cmd, "moved", &r);
    describe(&r.before, before, sizeof before);
    if (r.unchanged) {
        printf("booking %s is already at %s; nothing changed\n", r.booking.id, before);
        goto done;
    }
    describe(&r.booking, after, sizeof after);
    printf("moved %s (UID %s): %s -> %s (SEQUENCE %d)%s\n", r.booking.id, r.booking.uid, before, after,
           r.booking.sequence, r.conflict[0] ? " [conflict flagged]" : "");
done:
    ordo_app_change_res_clear(&r);
    ordo_app_close(app);
    return code;
}

static const char cancel_usage[] =
    "Usage: ordo cancel --db FILE --booking ID\n"
    "\n"
    "Cancels desk booking ID (its id 'booking-N' or its session number). It\n"
    "stays in the calendars as STATUS:CANCELLED with a higher SEQUENCE, so\n"
    "subscribers drop it.\n"
    "\n"
    "Options:\n"
    "  --db FILE      the database\n"
    "  --booking ID   the booking\n"
    "  -h, --help     show this help\n"
    "\n"
    "Exit: 0 cancelled; 3 unknown booking; 5 already cancelled; 2 usage error;\n"
    "1 I/O error; 6 database busy.\n";

int cli_cancel(int argc, char **argv)
{
    static const char cmd[] = "ordo cancel";
    static const struct option longopts[] = {
        { "db", required_argument, NULL, O_DB },
        { "booking", required_argument, NULL, O_BOOKING },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *db = NULL;
    int c, code = CLI_EXIT_DONE, rc;
    ordo_app_cancel_req rq = { 0 };
    ordo_app_change_res r = { 0 };
    ordo_app *app = NULL;

    cli_getopt_reset(argv, cmd);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case O_DB: db = optarg; break;
        case O_BOOKING: rq.booking = optarg; break;
        case 'h': fputs(cancel_usage, stdout); return CLI_EXIT_DONE;
        default: return cli_usage_hint(cmd);
        }
    }
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    if (!db || !rq.booking)
        return cli_usage_error(cmd, "missing %s", !db ? "--db FILE" : "--booking ID");
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        goto done;
    if ((rc = ordo_app_cancel(app, &rq, &r)) < 0) {
        code = cli_app_fail(cmd, app, rc);
        goto done;
    }
    printf("cancelled %s (UID %s, SEQUENCE %d)\n", r.booking.id, r.booking.uid, r.booking.sequence);
done:
    ordo_app_change_res_clear(&r);
    ordo_app_close(app);
    return code;
}
