/*
 * cmd_repair.c — `ordo repair`: after availability changed, move only the
 * sessions that became infeasible, each as little as possible
 * (solver/repair.h), in one store transaction, and say what moved from
 * where to where and what could not be placed.
 */
#include "app/app_data.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/desk_args.h"
#include "io/plan_view.h"
#include "solver/desk.h"
#include "solver/repair.h"

#include <stdio.h>
#include <string.h>

#define CMD "ordo repair"
#define DEFAULT_DAYS 365

static const char usage[] =
    "Usage: ordo repair --db FILE [--allow-moves K] [OPTIONS]\n"
    "\n"
    "Finds the planned sessions and desk bookings that became infeasible (a\n"
    "resource no longer works then, is on time off, or is held twice, e.g. by a\n"
    "forced booking) and moves only those, each as little as possible: the\n"
    "objective is the displacement in minutes plus 60 per resource changed,\n"
    "solved as a MIP with GLPK; everything else stays. A moved session keeps its\n"
    "calendar UID; its SEQUENCE goes up.\n"
    "\n"
    "Options:\n"
    "  --db FILE          the database\n"
    "  --allow-moves K    up to K other sessions may move (at a high penalty)\n"
    "                     when that places more (default 0)\n"
    "  --from DATE        only sessions from this local date on move (default:\n"
    "                     today)\n"
    "  --to DATE          ... up to this one (default: a year after --from)\n"
    "  --max-shift DAYS   how far a session may move (default 7)\n"
    "  --slot MIN         start grid in minutes from local midnight (default 30)\n"
    "  -h, --help         show this help\n"
    "\n"
    "First, the planned sessions over their contract's hour bank (it was cut\n"
    "below what they reserve; see 'ordo contract check') are unscheduled, in time\n"
    "order, their reservation released: one line 'unscheduled: ...' each.\n"
    "Prints one line per session moved ('moved ... from ... to ...'), one per\n"
    "session that could not be placed ('not placed: ...'; it stays where it was,\n"
    "flagged as a conflict), and 'summary: ...'.\n"
    "Exit: 0 every infeasible session placed (or none); 4 saved, but some could\n"
    "not be placed or were unscheduled (hour bank); 1 solver or I/O error; 2 usage\n"
    "error; 6 database busy.\n";

static void where(const ordo_model *m, int site, ordo_utc t, const int *res, int n, char *buf, size_t len)
{
    char when[32], ids[1024];
    cli_format_instant(m, site, t, when);
    cli_format_resources(m, res, n, ids, sizeof ids);
    snprintf(buf, len, "%s %s", when, ids);
}

/* "course 'C' session k/N (id I)" — the number of bookings.csv and the
 * calendars after the repair, the id `ordo session` and the API take —
 * or "booking 'booking-N' (id I)". */
static void session_label(const ordo_model *m, const ordo__numbering *num, int si, char *out, size_t n)
{
    const ordo_session *s = &m->sessions.v[si];
    const ordo_course *c = &m->courses.v[s->course];
    if (c->is_booking)
        snprintf(out, n, "booking '%s' (id %lld)", c->id, (long long)s->id);
    else if (num->number && num->number[si] > 0)
        snprintf(out, n, "course '%s' session %d/%d (id %lld)", c->id, num->number[si], num->count[s->course],
                 (long long)s->id);
    else
        snprintf(out, n, "course '%s' (id %lld)", c->id, (long long)s->id);
}

static void report(const ordo_model *m, const ordo_repair_result *r)
{
    char label[200], from[1200], to[1200];
    ordo__numbering num = { 0 };
    ordo_err err = { 0 };
    if (ordo__numbering_build(&num, m, &err) < 0)
        num = (ordo__numbering){ 0 };     /* out of memory: labels without numbers */
    for (int k = 0; k < r->nchanges; k++) {
        const ordo_repair_change *ch = &r->changes[k];
        const ordo_session *s = &m->sessions.v[ch->session];
        session_label(m, &num, ch->session, label, sizeof label);
        where(m, s->site, ch->old_start, ch->old_resources, ch->nold, from, sizeof from);
        if (!ch->placed) {
            printf("not placed: %s at %s: %s (left in place, flagged)\n", label, from, ch->why);
            continue;
        }
        where(m, s->site, ch->new_start, ch->new_resources, ch->nnew, to, sizeof to);
        long shift = (long)(ch->new_start - ch->old_start);
        printf("moved %s%s from %s to %s (%ld min %s, %d resource%s changed): %s\n",
               ch->other ? "(to make room) " : "", label, from, to, shift < 0 ? -shift : shift,
               shift < 0 ? "earlier" : "later", ch->changed, ch->changed == 1 ? "" : "s", ch->why);
    }
    printf("summary: infeasible %d placed %d not placed %d others moved %d displacement %lld min\n",
           r->infeasible, r->placed, r->infeasible - r->placed, r->others_moved, (long long)r->displacement);
    ordo__numbering_clear(&num);
}

int cli_repair(int argc, char **argv)
{
    enum { O_DB = 0x700, O_ALLOW, O_FROM, O_TO, O_SHIFT, O_SLOT };
    static const struct option longopts[] = {
        { "db", required_argument, NULL, O_DB },
        { "allow-moves", required_argument, NULL, O_ALLOW },
        { "from", required_argument, NULL, O_FROM },
        { "to", required_argument, NULL, O_TO },
        { "max-shift", required_argument, NULL, O_SHIFT },
        { "slot", required_argument, NULL, O_SLOT },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    ordo_repair_options o = ORDO_REPAIR_OPTIONS_INIT;
    ordo_repair_result res = { 0 };
    ordo_app_overruns bank = { 0 };
    const char *db = NULL;
    int have_from = 0, have_to = 0, c, code = CLI_EXIT_DONE, rc;
    long v;
    ordo_app *app = NULL;
    ordo_model *m = NULL;

    cli_getopt_reset(argv, CMD);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case O_DB: db = optarg; break;
        case O_ALLOW:
            if (cli_parse_long(optarg, 0, 1000, &v) < 0)
                return cli_usage_error(CMD, "--allow-moves '%s': a whole number from 0 to 1000", optarg);
            o.allow_moves = (int)v;
            break;
        case O_FROM:
            if (cli_date_option(CMD, "--from", optarg, &o.from))
                return CLI_EXIT_USAGE;
            have_from = 1;
            break;
        case O_TO:
            if (cli_date_option(CMD, "--to", optarg, &o.to))
                return CLI_EXIT_USAGE;
            have_to = 1;
            break;
        case O_SHIFT:
            if (cli_parse_long(optarg, 1, 60, &v) < 0)
                return cli_usage_error(CMD, "--max-shift '%s': a whole number of days from 1 to 60", optarg);
            o.max_shift_days = (int)v;
            break;
        case O_SLOT:
            if (cli_slot_option(CMD, optarg, &o.slot_minutes))
                return CLI_EXIT_USAGE;
            break;
        case 'h': fputs(usage, stdout); return CLI_EXIT_DONE;
        default: return cli_usage_hint(CMD);
        }
    }
    if (optind < argc)
        return cli_usage_error(CMD, "unexpected argument '%s'", argv[optind]);
    if (!db)
        return cli_usage_error(CMD, "missing --db FILE");
    o.now = cli_now();
    if (!have_from)
        o.from = (ordo_date)(o.now / 86400);
    if (!have_to)
        o.to = o.from + DEFAULT_DAYS;
    if (o.from > o.to)
        return cli_usage_error(CMD, "--from is after --to");

    if ((code = cli_app_open(CMD, db, &app)) != CLI_EXIT_DONE)
        goto done;
    if ((rc = ordo_app_repair(app, &o, &res, &bank, &m)) < 0) {
        fprintf(stderr, CMD ": %s; the database was not changed\n", ordo_app_errmsg(app));
        code = cli_exit_code(rc);
        goto done;
    }
    for (int i = 0; i < bank.n; i++)
        printf("unscheduled: %s\n", bank.v[i].text);
    report(m, &res);
    code = res.placed < res.infeasible || bank.n ? CLI_EXIT_PARTIAL : CLI_EXIT_DONE;
done:
    ordo_app_overruns_clear(&bank);
    ordo_repair_result_clear(&res);
    ordo_model_free(m);
    ordo_app_close(app);
    return code;
}
