/*
 * cmd_resource.c — `ordo resource show ID --db FILE`: a resource as the
 * planner sees it (kind, site, skills, seats, e-mail), its working hours per
 * weekday and its time off (upcoming, then past, with reasons) in the
 * site's local time, and how many sessions it is booked in. Read-only;
 * the use case is ordo_app_resource_show (app/query.c).
 */
#include "app/app.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/desk_args.h"
#include "cli/service_ui.h"
#include "model/date.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "Usage: ordo resource show ID --db FILE [--now T]\n"
    "\n"
    "Prints resource ID: kind, site and time zone, skills, seats, e-mail; its\n"
    "working hours per weekday (local time of the site; a resource without any\n"
    "row is available at any time); its time off, upcoming then past, with the\n"
    "reason and where each row came from (csv or an iCal import); and the number\n"
    "of sessions it is booked in (upcoming / past). Read-only.\n"
    "\n"
    "Options:\n"
    "  --db FILE          the database\n"
    CLI_NOW_HELP
    "  -h, --help         show this help\n"
    "\n"
    "Exit: 0 shown; 3 no such resource; 1 error; 2 usage error; 6 database busy.\n";

static void hhmm(int minute, char out[8]) { snprintf(out, 8, "%02d:%02d", (minute / 60) % 100, minute % 60); }

static void print_hours(const ordo_app_resource_detail *d)
{
    printf("working hours (local time, %s):\n", d->resource.timezone);
    if (d->nhours == 0) {
        printf("  none given: available at any time\n");
        return;
    }
    for (int day = 0; day < 7; day++) {
        int first = 1;
        for (int i = 0; i < d->nhours; i++) {
            char a[8], b[8];
            if (d->hours[i].weekday != day)
                continue;
            hhmm(d->hours[i].start, a);
            hhmm(d->hours[i].end, b);
            if (first)
                printf("  %s ", ordo_weekday_names[day]);
            else
                printf(", ");
            printf("%s-%s", a, b);
            first = 0;
        }
        if (first)
            printf("  %s off\n", ordo_weekday_names[day]);
        else
            printf("\n");
    }
}

static void print_time_off(const ordo_app_resource_detail *d)
{
    int n[2] = { 0, 0 };
    for (int i = 0; i < d->ntime_off; i++)
        n[d->time_off[i].past]++;
    printf("time off (local time): %d upcoming, %d past\n", n[0], n[1]);
    for (int past = 0; past < 2; past++)
        for (int i = 0; i < d->ntime_off; i++) {
            const ordo_app_time_off *o = &d->time_off[i];
            if (o->past != past)
                continue;
            printf("  %-8s %s .. %s  %s%s(%s)\n", past ? "past" : "upcoming", o->start, o->end,
                   o->reason ? o->reason : "", o->reason ? " " : "", o->source);
        }
}

static int show_cmd(const char *cmd, int argc, char **argv)
{
    const char *db = NULL, *id = NULL, *now_arg = NULL;
    ordo_app *app = NULL;
    ordo_app_resource_detail d = { 0 };
    int64_t now = 0;
    const cli_opt opts[] = { { "db", &db, NULL }, { "now", &now_arg, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, &id, 1, 1, usage), rc;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if (now_arg && (code = cli_svc_now(cmd, now_arg, &now)) != 0)
        return code;
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_app_resource_show(app, id, now, &d)) < 0) {
        fprintf(stderr, "%s: %s\n", cmd, ordo_app_errmsg(app));
        code = cli_svc_exit(rc);
        goto done;
    }
    const ordo_app_resource *r = &d.resource;
    printf("resource %s (%s): %s at site %s (%s)\n", r->id, r->name, ordo_kind_name(r->kind), r->site, r->timezone);
    printf("skills: ");
    for (int k = 0; k < r->nskills; k++)
        printf("%s%s", k ? ", " : "", r->skills[k]);
    printf("%s\n", r->nskills ? "" : "none");
    if (r->capacity)
        printf("seats: %d\n", r->capacity);
    if (r->email)
        printf("email: %s\n", r->email);
    print_hours(&d);
    print_time_off(&d);
    printf("sessions booked: %d upcoming, %d past\n", d.sessions_upcoming, d.sessions_past);
done:
    ordo_app_resource_detail_clear(&d);
    ordo_app_close(app);
    return code;
}

int cli_resource(int argc, char **argv)
{
    static const cli_sub subs[] = { { "show", show_cmd } };
    return cli_sub_dispatch("resource", subs, sizeof subs / sizeof *subs, usage, argc, argv);
}
