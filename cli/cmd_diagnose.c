/*
 * cmd_diagnose.c — `ordo diagnose --db FILE [--course ID] [--from D --to D]`:
 * for each course with unscheduled sessions (or the one asked), the minimal
 * set of named rules that together forbid placing all its sessions, each
 * verified by re-checking with that rule lifted (solver/diagnose.h), on
 * stdout. Read-only: the database is never changed.
 *
 * Exit 0 done (whatever was found), 1 error, 2 usage, 3 unknown course or no
 * window known.
 */
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/db.h"
#include "cli/score_ui.h"
#include "io/service.h"
#include "solver/diagnose.h"

#include <stdio.h>
#include <string.h>

#define CMD "ordo diagnose"

static const char usage[] =
    "Usage: ordo diagnose --db FILE [--course ID] [--from DATE --to DATE] [--slot MIN]\n"
    "                     [--no-resolve]\n"
    "\n"
    "For each course with unscheduled sessions (or the course ID), finds a\n"
    "minimal set of business rules - the course's window, its contract's dates\n"
    "or hour bank, a trainer's or room's time off, a cohort, a skill, a room's\n"
    "seats, the days between sessions, a blackout - that together forbid placing\n"
    "all its sessions while the other courses keep their planned times, and\n"
    "checks that lifting any one of them lets the course fit. Then, unless\n"
    "--no-resolve, re-solves the whole plan once per rule of the set without\n"
    "that rule (default budget, seed 1, nothing saved) and reports how many of\n"
    "the course's sessions the solver places.\n"
    "The window defaults to the last 'ordo schedule' window.\n"
    "Exit: 0 done; 1 error; 2 usage error; 3 unknown course or no window known.\n";

static void print_diagnosis(const ordo_model *m, const ordo_diagnosis *d, int unscheduled)
{
    const ordo_course *c = &m->courses.v[d->course];
    printf("course %s%s%s%s: ", c->id, c->title ? " (" : "", c->title ? c->title : "", c->title ? ")" : "");
    if (d->fits)
        printf("all %d sessions fit with the other courses where they are; 'ordo schedule' again may place "
               "them\n", d->sessions);
    else if (!d->explained)
        printf("%d session%s cannot be placed even with all %d rules about it lifted: the other courses' "
               "sessions or the working hours leave no room\n", unscheduled, unscheduled == 1 ? "" : "s",
               d->candidates);
    else {
        printf("%d session%s cannot be placed; %s:\n", unscheduled, unscheduled == 1 ? "" : "s",
               d->nrules == 1 ? "this rule forbids it" : "these rules together forbid it");
        for (int i = 0; i < d->nrules; i++)
            printf("  - %s  [%s]\n", d->rules[i].text,
                   d->rules[i].verified ? "verified: without it every session fits" : "NOT verified");
    }
    printf("  (%d rules considered, %ld checks, %.3f s)\n", d->candidates, d->checks, d->seconds);
}

/* Re-solve a fresh copy of the store's model with rule r lifted: prints how
 * many of the course's sessions the solver then places. */
static int resolve_without(ordo_app *s, const cli_window *w, int course, const ordo_rule *r)
{
    ordo_model *fresh = NULL;
    ordo_solve_options o = w->o;
    ordo_solve_result res;
    int rc = ordo_app_model(s, &fresh);
    if (rc == ORDO_OK)
        rc = ordo_app_bank_prepare(s, fresh);
    if (rc < 0) {
        fprintf(stderr, CMD ": %s\n", ordo_app_errmsg(s));
        ordo_model_free(fresh);
        return cli_exit_code(rc);
    }
    o.now = 0;
    o.seed = 1;
    if ((rc = ordo_diagnose_lift(fresh, &o, course, r)) == ORDO_OK)
        rc = ordo_solve(fresh, &o, &res);
    if (rc < 0) {
        fprintf(stderr, CMD ": %s\n", ordo_model_errmsg(fresh));
        ordo_model_free(fresh);
        return cli_exit_code(rc);
    }
    int placed = 0, want = fresh->courses.v[course].sessions;
    for (size_t i = 0; i < fresh->sessions.n; i++) {
        const ordo_session *ss = &fresh->sessions.v[i];
        placed += ss->course == course && ss->ordinal < want &&
                  (ss->status == ORDO_SESSION_PLANNED || ss->status == ORDO_SESSION_DONE);
    }
    printf("    re-solved without the %s rule: %d/%d sessions of %s placed (%d/%d in all, cost %.2f)\n",
           ordo_rule_kind_name(r->kind), placed, want, fresh->courses.v[course].id, res.placed, res.total, res.cost);
    ordo_model_free(fresh);
    return CLI_EXIT_DONE;
}

int cli_diagnose(int argc, char **argv)
{
    enum { OPT_DB = 0x200, OPT_COURSE, OPT_NO_RESOLVE };
    static const struct option longopts[] = {
        { "db", required_argument, NULL, OPT_DB },
        { "course", required_argument, NULL, OPT_COURSE },
        { "no-resolve", no_argument, NULL, OPT_NO_RESOLVE },
        CLI_WINDOW_LONGOPTS,
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    cli_window w = { ORDO_SOLVE_OPTIONS_INIT, 0, 0, 0 };
    const char *db = NULL, *course_id = NULL;
    int code = CLI_EXIT_DONE, c, rc, resolve = 1;
    ordo_app *s = NULL;
    ordo_model *m = NULL;
    int *unscheduled = NULL;

    cli_getopt_reset(argv, CMD);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        int win = cli_window_option(CMD, c, optarg, &w);
        if (win < 0)
            return -win;
        if (win)
            continue;
        switch (c) {
        case OPT_DB: db = optarg; break;
        case OPT_COURSE: course_id = optarg; break;
        case OPT_NO_RESOLVE: resolve = 0; break;
        case 'h': fputs(usage, stdout); return CLI_EXIT_DONE;
        default: return cli_usage_hint(CMD);
        }
    }
    if (optind < argc)
        return cli_usage_error(CMD, "unexpected argument '%s'", argv[optind]);
    if (!db)
        return cli_usage_error(CMD, "missing --db FILE");
    if ((code = cli_window_check(CMD, &w)) != CLI_EXIT_DONE)
        return code;

    code = cli_db_open(CMD, db, 1, &s, &m);
    if (code != CLI_EXIT_DONE || (code = cli_window_resolve(CMD, db, s, &w)) != CLI_EXIT_DONE)
        goto done;
    if ((rc = ordo_app_bank_prepare(s, m)) < 0) {
        fprintf(stderr, CMD ": %s\n", ordo_app_errmsg(s));
        code = cli_exit_code(rc);
        goto done;
    }
    unscheduled = ordo__calloc(m->courses.n + 1, sizeof *unscheduled);
    if (!unscheduled) {
        code = CLI_EXIT_ERROR;
        goto done;
    }
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *ss = &m->sessions.v[i];
        if (ss->course >= 0 && ss->status == ORDO_SESSION_UNSCHEDULED)
            unscheduled[ss->course]++;
    }
    int want = -1, shown = 0;
    if (course_id && (want = ordo_model_find_course(m, course_id)) < 0) {
        fprintf(stderr, CMD ": %s: no course '%s'\n", db, course_id);
        code = CLI_EXIT_INPUT;
        goto done;
    }
    for (size_t ci = 0; ci < m->courses.n; ci++) {
        if (want >= 0 ? (int)ci != want : !unscheduled[ci])
            continue;
        ordo_diagnosis d;
        rc = ordo_diagnose_course(m, &w.o, (int)ci, &d);
        if (rc < 0) {
            const char *msg = ordo_model_errmsg(m);
            fprintf(stderr, CMD ": %s\n", msg && *msg ? msg : ordo_strerror(rc));
            ordo_diagnosis_free(&d);
            code = cli_exit_code(rc);
            goto done;
        }
        print_diagnosis(m, &d, unscheduled[ci]);
        for (int i = 0; resolve && d.explained && i < d.nrules && code == CLI_EXIT_DONE; i++) {
            code = resolve_without(s, &w, (int)ci, &d.rules[i]);
        }
        ordo_diagnosis_free(&d);
        if (code != CLI_EXIT_DONE)
            goto done;
        shown++;
    }
    if (!shown)
        printf("no course has unscheduled sessions: nothing to diagnose\n");
done:
    ordo__free(unscheduled);
    ordo_model_free(m);
    ordo_app_close(s);
    return code;
}
