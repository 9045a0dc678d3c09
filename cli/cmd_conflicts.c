/*
 * cmd_conflicts.c — `ordo conflicts --db FILE`: every double booking and
 * every booking made with --force in the saved plan, one line each, in
 * start order. The finding is model/conflicts.h (the exporters and the API
 * use the same function); this file only parses argv and prints. Read-only
 * on the database.
 */
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/db.h"
#include "io/plan_view.h"
#include "model/conflicts.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "Usage: ordo conflicts --db FILE\n"
    "\n"
    "Lists the conflicts of the plan saved in FILE, in start order, one a line:\n"
    "  START-END SITE: double booking of RESOURCE: COURSE (session k/N) and COURSE (session j/M)\n"
    "  START-END SITE: COURSE (session k/N) booked with --force: REASON\n"
    "(local times of the site), then 'N conflicts'. The same sessions are flagged\n"
    "in bookings.csv (column conflict), the calendars ([CONFLICT]) and the HTML.\n"
    "\n"
    "Options:\n"
    "  --db FILE   the database\n"
    "  -h, --help  show this help\n"
    "\n"
    "Exit: 0 listed (with or without conflicts); 1 error; 2 usage error; 6 database busy.\n";

/* "YYYY-MM-DDTHH:MM-HH:MM site" of session i (UTC when no site is known). */
static int put_when(const ordo_model *m, const ordo_session *s, ordo_err *err)
{
    int rc = ORDO_OK, site = ordo__session_site(m, s), ms, me;
    ordo_date ds, de;
    char a[17], b[17];
    if (site < 0) {
        ds = (ordo_date)(s->start / ORDO_MIN_PER_DAY);
        ms = (int)(s->start % ORDO_MIN_PER_DAY);
        de = (ordo_date)(s->end / ORDO_MIN_PER_DAY);
        me = (int)(s->end % ORDO_MIN_PER_DAY);
    } else {
        ORDO_TRY(ordo__site_local(m, site, s->start, &ds, &ms, err));
        ORDO_TRY(ordo__site_local(m, site, s->end, &de, &me, err));
    }
    ordo_datetime_format(ds, ms, a);
    ordo_datetime_format(de, me, b);
    printf("%s-%s %s", a, de == ds ? b + 11 : b, site < 0 ? "UTC" : m->sites.v[site].id);
done:
    return rc;
}

static int list_conflicts(const char *cmd, const ordo_model *m)
{
    int rc = ORDO_OK;
    ordo_err err = { 0 };
    ordo__numbering num = { 0 };
    ordo_conflict *v = NULL;
    size_t n = 0;
    char *a = NULL, *b = NULL;
    ORDO_TRY(ordo__plan_check(m, &err));
    ORDO_TRY(ordo__numbering_build(&num, m, &err));
    ORDO_TRY(ordo_conflicts_find(m, &v, &n, &err));
    for (size_t i = 0; i < n; i++) {
        const ordo_session *s = &m->sessions.v[v[i].session];
        if (!(a = ordo__session_summary(m, &num, v[i].session)) ||
            (v[i].other >= 0 && !(b = ordo__session_summary(m, &num, (size_t)v[i].other)))) {
            rc = ordo__seterr(&err, ORDO_ENOMEM, "out of memory");
            goto done;
        }
        ORDO_TRY(put_when(m, s, &err));
        if (v[i].other >= 0)
            printf(": double booking of %s: %s and %s\n", m->resources.v[v[i].resource].id, a, b);
        else
            printf(": %s booked with --force: %s\n", a,
                   s->reason && *s->reason ? s->reason : "(no reason stored)");
        ordo__free(a);
        ordo__free(b);
        a = b = NULL;
    }
    printf("%zu conflict%s\n", n, n == 1 ? "" : "s");
done:
    if (rc < 0)
        fprintf(stderr, "%s: %s\n", cmd, err.msg[0] ? err.msg : ordo_strerror(rc));
    ordo__free(a);
    ordo__free(b);
    ordo__free(v);
    ordo__numbering_clear(&num);
    return rc;
}

int cli_conflicts(int argc, char **argv)
{
    static const char *const cmd = "ordo conflicts";
    static const struct option longopts[] = {
        { "db", required_argument, NULL, 'd' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int code = CLI_EXIT_DONE, c;
    const char *db = NULL;
    ordo_app *s = NULL;
    ordo_model *m = NULL;

    cli_getopt_reset(argv, cmd);
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'h': fputs(usage, stdout); return CLI_EXIT_DONE;
        default: return cli_usage_hint(cmd);
        }
    }
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    if (!db)
        return cli_usage_error(cmd, "missing --db FILE");
    code = cli_db_open(cmd, db, 1, &s, &m);
    if (code == CLI_EXIT_DONE) {
        int rc = list_conflicts(cmd, m);
        code = rc < 0 ? cli_exit_code(rc) : CLI_EXIT_DONE;
    }
    ordo_model_free(m);
    ordo_app_close(s);
    return code;
}
