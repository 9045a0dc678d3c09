/*
 * cmd_desk.c — the service desk: `ordo find-times`, `ordo book`,
 * `ordo reschedule`, `ordo cancel` (solver/find_times.h, solver/booking.h).
 *
 * find-times only reads. The three others each run as ONE store
 * transaction (write lock, load, check, change, save, commit), so two desk
 * agents cannot book the same slot: the second one sees the first booking.
 * A refused request leaves the database untouched: exit 3 when the request
 * is wrong, 5 when it conflicts with the calendar (each conflict names the
 * resource and the clashing booking); --force books despite conflicts and
 * flags the booking. Messages go to stderr, results to stdout.
 */
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/db.h"
#include "cli/desk_args.h"
#include "solver/booking.h"

#include <stdio.h>
#include <string.h>

#define DEFAULT_COUNT 5
#define MAX_COUNT 1000
#define DEFAULT_DAYS 14
#define MAX_PREFER 256
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

static int find_service(const char *cmd, const ordo_model *m, const char *id, int *out)
{
    if ((*out = ordo_model_find_service(m, id)) < 0) {
        fprintf(stderr, "%s: unknown service '%s'\n", cmd, id);
        return CLI_EXIT_INPUT;
    }
    return CLI_EXIT_DONE;
}

static int find_site(const char *cmd, const ordo_model *m, const char *id, int *out)
{
    *out = -1;
    if (id && (*out = ordo_model_find_site(m, id)) < 0) {
        fprintf(stderr, "%s: unknown site '%s'\n", cmd, id);
        return CLI_EXIT_INPUT;
    }
    return CLI_EXIT_DONE;
}

static int check_customer(const char *cmd, const ordo_model *m, const char *id)
{
    if (id && ordo_model_find_account(m, id) < 0 && ordo_model_find_contact(m, id) < 0) {
        fprintf(stderr, "%s: customer '%s' is neither an account nor a contact\n", cmd, id);
        return CLI_EXIT_INPUT;
    }
    return CLI_EXIT_DONE;
}

/* "START to END at SITE with R1,R2" */
static void describe(const ordo_model *m, const ordo_booking_plan *p, char *buf, size_t len)
{
    char a[32], b[32], res[1024];
    cli_format_instant(m, p->site, p->start, a);
    cli_format_instant(m, p->site, p->end, b);
    cli_format_resources(m, p->resources, p->nresources, res, sizeof res);
    snprintf(buf, len, "%s to %s at %s with %s", a, b, m->sites.v[p->site].id, res);
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
    const char *db = NULL, *service = NULL, *site = NULL, *prefer[MAX_PREFER];
    int nprefer_args = 0, count = DEFAULT_COUNT, have_after = 0, have_before = 0, c;
    int code = CLI_EXIT_DONE, prefer_idx[MAX_PREFER], nprefer = 0, n = 0;
    ordo_find_times_query q = ORDO_FIND_TIMES_QUERY_INIT;
    ordo_store *s = NULL;
    ordo_model *m = NULL;
    ordo_proposal *props = NULL;
    char why[MSG_MAX];

    cli_getopt_reset(argv, cmd);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case O_DB: db = optarg; break;
        case O_SERVICE: service = optarg; break;
        case O_PART:
            if (parse_count(cmd, "--participants", optarg, 1, 100000, &q.participants))
                return CLI_EXIT_USAGE;
            break;
        case O_CUSTOMER: q.customer = optarg; break;
        case O_SITE: site = optarg; break;
        case O_AFTER:
            if (parse_time(cmd, "--after", optarg, 1, &q.after))
                return CLI_EXIT_USAGE;
            have_after = 1;
            break;
        case O_BEFORE:
            if (parse_time(cmd, "--before", optarg, 0, &q.before))
                return CLI_EXIT_USAGE;
            have_before = 1;
            break;
        case O_COUNT:
            if (parse_count(cmd, "--count", optarg, 1, MAX_COUNT, &count))
                return CLI_EXIT_USAGE;
            break;
        case O_PREFER:
            if (nprefer_args == MAX_PREFER)
                return cli_usage_error(cmd, "too many --prefer options");
            prefer[nprefer_args++] = optarg;
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
    if (!db || !service)
        return cli_usage_error(cmd, "missing %s", !db ? "--db FILE" : "--service S");
    if (!have_after)
        q.after = (ordo_when){ 0, (cli_now() + 59) / 60, 0, 0 };
    if (!have_before) {
        q.before = q.after;
        if (q.before.local)
            q.before.date += DEFAULT_DAYS;
        else
            q.before.utc += (ordo_utc)DEFAULT_DAYS * ORDO_MIN_PER_DAY;
    }

    if ((code = cli_db_open(cmd, db, 1, &s, &m)) != CLI_EXIT_DONE)
        goto done;
    if ((code = find_service(cmd, m, service, &q.service)) != CLI_EXIT_DONE ||
        (code = find_site(cmd, m, site, &q.site)) != CLI_EXIT_DONE ||
        (code = check_customer(cmd, m, q.customer)) != CLI_EXIT_DONE)
        goto done;
    for (int k = 0; k < nprefer_args; k++)
        if (cli_parse_resources(cmd, m, prefer[k], prefer_idx, &nprefer, MAX_PREFER) < 0) {
            code = CLI_EXIT_INPUT;
            goto done;
        }
    q.prefer = prefer_idx;
    q.nprefer = nprefer;
    if (!(props = ordo__calloc((size_t)count, sizeof *props))) {
        fprintf(stderr, "%s: out of memory\n", cmd);
        code = CLI_EXIT_ERROR;
        goto done;
    }
    int rc = ordo_find_times(m, &q, props, count, &n, why, sizeof why);
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", cmd, why[0] ? why : ordo_strerror(rc));
        code = rc == ORDO_EINVAL ? CLI_EXIT_USAGE : cli_exit_code(rc);
        goto done;
    }
    if (n == 0)
        printf("no available time: %s\n", why);
    for (int i = 0; i < n; i++) {
        char a[32], b[32], res[1024];
        cli_format_instant(m, props[i].site, props[i].start, a);
        cli_format_instant(m, props[i].site, props[i].end, b);
        cli_format_resources(m, props[i].resources, props[i].nresources, res, sizeof res);
        printf("%s %s %s %s fragmentation=%lld preferred=%d\n", a, b, m->sites.v[props[i].site].id, res,
               (long long)props[i].fragmentation, props[i].preferred);
    }
done:
    ordo__free(props);
    ordo_model_free(m);
    ordo_store_close(s);
    return code;
}

/* ---- book and reschedule ------------------------------------------------------- */

/* Checks rq on the transaction's model; on a conflict with --force returns
 * ORDO_OK and sets *conflict. Prints refusals. Returns an exit code. */
static int check_request(const char *cmd, const ordo_model *m, const ordo_booking_request *rq, int force,
                         ordo_booking_plan *plan, char *msg, size_t len, const char **conflict)
{
    ordo_desk *d = NULL;
    ordo_err err = { 0 };
    int code = CLI_EXIT_DONE, rc = ordo_desk_new(&d, m, &err);
    *conflict = NULL;
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", cmd, err.msg);
        return cli_exit_code(rc);
    }
    rc = ordo_booking_check(d, rq, plan, msg, len);
    if (rc == ORDO_ERULE && force) {
        *conflict = msg;
        fprintf(stderr, "%s: warning: booked despite a conflict (flagged): %s\n", cmd, msg);
    } else if (rc == ORDO_ERULE) {
        fprintf(stderr, "%s: conflict: %s\n%s: nothing booked (use --force to book anyway, flagged)\n",
                cmd, msg, cmd);
        code = CLI_EXIT_RULE;
    } else if (rc < 0) {
        fprintf(stderr, "%s: %s\n", cmd, msg[0] ? msg : ordo_strerror(rc));
        code = rc == ORDO_EINVAL ? CLI_EXIT_INPUT : cli_exit_code(rc);
    }
    ordo_desk_free(d);
    return code;
}

/* The site a local --start is read at: --site, else the first resource's. */
static int start_site(const char *cmd, const ordo_model *m, const char *site_id, const int *res, int n,
                      int fallback, int *out)
{
    int code = find_site(cmd, m, site_id, out);
    if (code == CLI_EXIT_DONE && *out < 0)
        *out = n > 0 ? m->resources.v[res[0]].site : fallback;
    return code;
}

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
    const char *db, *resources, *site_id;
    int force, have_start, slot;
    ordo_when start;
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
    case O_START:
        if (parse_time(cmd, "--start", arg, 0, &a->start))
            return -1;
        a->have_start = 1;
        return 1;
    case O_RESOURCES: a->resources = arg; return 1;
    case O_SITE: a->site_id = arg; return 1;
    case O_FORCE: a->force = 1; return 1;
    case O_SLOT: return cli_slot_option(cmd, arg, &a->slot) ? -1 : 1;
    default: return 0;
    }
}

/* The resources (given, else `current`) and the exact start, read at the
 * site. Returns an exit code. */
static int resolve_change(const char *cmd, const ordo_model *m, const change_args *a, const int *current,
                          int ncurrent, int fallback_site, ordo_booking_request *rq, int *res)
{
    int site = -1, nres = 0;
    if (a->resources) {
        if (cli_parse_resources(cmd, m, a->resources, res, &nres, ORDO_PROPOSAL_MAX_RESOURCES) < 0)
            return CLI_EXIT_INPUT;
    } else {
        for (int k = 0; k < ncurrent && k < ORDO_PROPOSAL_MAX_RESOURCES; k++)
            res[nres++] = current[k];
    }
    if (start_site(cmd, m, a->site_id, res, nres, fallback_site, &site) != CLI_EXIT_DONE ||
        cli_when_exact(cmd, m, site, &a->start, &rq->start) < 0)
        return CLI_EXIT_INPUT;
    rq->resources = res;
    rq->nresources = nres;
    if (a->slot)
        rq->slot_minutes = a->slot;
    return CLI_EXIT_DONE;
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
    const char *service = NULL, *conflict = NULL;
    int c, code = CLI_EXIT_DONE, si = -1, res[ORDO_PROPOSAL_MAX_RESOURCES], shared;
    change_args a = { 0 };
    ordo_booking_request rq = ORDO_BOOKING_REQUEST_INIT;
    ordo_booking_plan plan;
    cli_tx t = { 0 };
    char msg[MSG_MAX], text[MSG_MAX];

    cli_getopt_reset(argv, cmd);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if ((shared = change_option(cmd, c, optarg, &a)) != 0) {
            if (shared < 0)
                return CLI_EXIT_USAGE;
            continue;
        }
        switch (c) {
        case O_SERVICE: service = optarg; break;
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
    if (!a.db || !service || !a.have_start || !a.resources)
        return cli_usage_error(cmd, "missing %s", !a.db ? "--db FILE" : !service ? "--service S"
                                                  : !a.have_start ? "--start T" : "--resources R1,R2,...");

    if ((code = cli_tx_open(cmd, a.db, &t)) != CLI_EXIT_DONE)
        goto done;
    ordo_model *m = t.model;
    if ((code = find_service(cmd, m, service, &rq.service)) != CLI_EXIT_DONE ||
        (code = check_customer(cmd, m, rq.customer)) != CLI_EXIT_DONE ||
        (code = resolve_change(cmd, m, &a, NULL, 0, -1, &rq, res)) != CLI_EXIT_DONE)
        goto done;
    if ((code = check_request(cmd, m, &rq, a.force, &plan, msg, sizeof msg, &conflict)) != CLI_EXIT_DONE)
        goto done;
    if (ordo_booking_add(m, &rq, &plan, cli_now(), conflict, &si) < 0) {
        fprintf(stderr, "%s: %s\n", cmd, ordo_model_errmsg(m));
        code = CLI_EXIT_ERROR;
        goto done;
    }
    if ((code = cli_tx_commit(cmd, a.db, &t)) != CLI_EXIT_DONE)
        goto done;
    describe(m, &plan, text, sizeof text);
    printf("booked %s (UID ordo-session-%lld@ordo): %s%s\n", m->courses.v[m->sessions.v[si].course].id,
           (long long)m->sessions.v[si].id, text, conflict ? " [conflict flagged]" : "");
done:
    cli_tx_close(&t);
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

/* The session index of desk booking `id`, or -1 after printing why. */
static int find_booking(const char *cmd, const ordo_model *m, const char *id)
{
    int si = ordo_booking_find(m, id);
    if (si < 0)
        fprintf(stderr, "%s: no desk booking '%s' (give its id 'booking-N' or its session number)\n", cmd, id);
    return si;
}

int cli_reschedule(int argc, char **argv)
{
    static const char cmd[] = "ordo reschedule";
    static const struct option longopts[] = {
        CHANGE_LONGOPTS,
        { "booking", required_argument, NULL, O_BOOKING },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *booking = NULL, *conflict = NULL;
    int c, code = CLI_EXIT_DONE, si, res[ORDO_PROPOSAL_MAX_RESOURCES], shared;
    change_args a = { 0 };
    ordo_booking_request rq = ORDO_BOOKING_REQUEST_INIT;
    ordo_booking_plan plan, old;
    cli_tx t = { 0 };
    char msg[MSG_MAX], before[MSG_MAX], after[MSG_MAX];

    cli_getopt_reset(argv, cmd);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if ((shared = change_option(cmd, c, optarg, &a)) != 0) {
            if (shared < 0)
                return CLI_EXIT_USAGE;
            continue;
        }
        switch (c) {
        case O_BOOKING: booking = optarg; break;
        case 'h': fputs(reschedule_usage, stdout); return CLI_EXIT_DONE;
        default: return cli_usage_hint(cmd);
        }
    }
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    if (!a.db || !booking || !a.have_start)
        return cli_usage_error(cmd, "missing %s", !a.db ? "--db FILE" : !booking ? "--booking ID" : "--start T");

    if ((code = cli_tx_open(cmd, a.db, &t)) != CLI_EXIT_DONE)
        goto done;
    ordo_model *m = t.model;
    code = CLI_EXIT_INPUT;
    if ((si = find_booking(cmd, m, booking)) < 0)
        goto done;
    const ordo_session *s = &m->sessions.v[si];
    const ordo_course *course = &m->courses.v[s->course];
    if (s->status == ORDO_SESSION_CANCELLED) {
        fprintf(stderr, "%s: booking '%s' is cancelled; book it again instead\n", cmd, course->id);
        code = CLI_EXIT_RULE;
        goto done;
    }
    if ((code = resolve_change(cmd, m, &a, s->resources, s->nresources, s->site, &rq, res)) != CLI_EXIT_DONE)
        goto done;
    rq.service = course->service;
    rq.participants = course->participants > 0 ? course->participants : 1;
    rq.customer = course->customer;
    rq.except_session = si;
    old.site = s->site;
    old.start = s->start;
    old.end = s->end;
    old.nresources = s->nresources < ORDO_PROPOSAL_MAX_RESOURCES ? s->nresources : ORDO_PROPOSAL_MAX_RESOURCES;
    if (old.nresources > 0)
        memcpy(old.resources, s->resources, (size_t)old.nresources * sizeof *old.resources);
    if ((code = check_request(cmd, m, &rq, a.force, &plan, msg, sizeof msg, &conflict)) != CLI_EXIT_DONE)
        goto done;
    describe(m, &old, before, sizeof before);
    if (plan.start == old.start && plan.site == old.site && plan.nresources == old.nresources &&
        memcmp(plan.resources, old.resources, (size_t)plan.nresources * sizeof *plan.resources) == 0 &&
        !conflict == !s->forced_conflict) {
        printf("booking %s is already at %s; nothing changed\n", course->id, before);
        goto done;
    }
    int rc = ordo_booking_move(m, si, &plan, cli_now(), conflict);
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", cmd, ordo_model_errmsg(m));
        code = cli_exit_code(rc);
        goto done;
    }
    if ((code = cli_tx_commit(cmd, a.db, &t)) != CLI_EXIT_DONE)
        goto done;
    describe(m, &plan, after, sizeof after);
    printf("moved %s (UID ordo-session-%lld@ordo): %s -> %s (SEQUENCE %d)%s\n", course->id,
           (long long)m->sessions.v[si].id, before, after, m->sessions.v[si].sequence,
           conflict ? " [conflict flagged]" : "");
done:
    cli_tx_close(&t);
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
    const char *db = NULL, *booking = NULL;
    int c, code = CLI_EXIT_DONE, si;
    cli_tx t = { 0 };

    cli_getopt_reset(argv, cmd);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case O_DB: db = optarg; break;
        case O_BOOKING: booking = optarg; break;
        case 'h': fputs(cancel_usage, stdout); return CLI_EXIT_DONE;
        default: return cli_usage_hint(cmd);
        }
    }
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    if (!db || !booking)
        return cli_usage_error(cmd, "missing %s", !db ? "--db FILE" : "--booking ID");
    if ((code = cli_tx_open(cmd, db, &t)) != CLI_EXIT_DONE)
        goto done;
    ordo_model *m = t.model;
    if ((si = find_booking(cmd, m, booking)) < 0) {
        code = CLI_EXIT_INPUT;
        goto done;
    }
    int rc = ordo_booking_cancel(m, si, cli_now());
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", cmd, ordo_model_errmsg(m));
        code = cli_exit_code(rc);
        goto done;
    }
    if ((code = cli_tx_commit(cmd, db, &t)) != CLI_EXIT_DONE)
        goto done;
    printf("cancelled %s (UID ordo-session-%lld@ordo, SEQUENCE %d)\n", m->courses.v[m->sessions.v[si].course].id,
           (long long)m->sessions.v[si].id, m->sessions.v[si].sequence);
done:
    cli_tx_close(&t);
    return code;
}
