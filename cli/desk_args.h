/*
 * desk_args.h — what the service-desk commands (find-times, book,
 * reschedule, cancel, repair) share: time values as users type them, id
 * lists, times printed with their UTC offset, and opening the application
 * layer with its errors printed (the use cases own their transactions).
 *
 * Times: RFC 3339 with an offset ("2026-10-12T09:00+02:00", seconds
 * optional, "Z" for UTC), a local wall time "YYYY-MM-DDTHH:MM" read in the
 * zone of the site concerned, or a date "YYYY-MM-DD" (its local midnight).
 */
#ifndef ORDO_CLI_DESK_ARGS_H
#define ORDO_CLI_DESK_ARGS_H

#include "app/app.h"
#include "solver/find_times.h"

/* Parses a time value. `round_up`: seconds round up to the next minute
 * (else down). Returns 0, or -1 when malformed. */
int cli_parse_when(const char *s, int round_up, ordo_when *out);

/* Resolves `w` at `site` into an instant that must exist once in local
 * time. Returns 0, or -1 after printing "CMD: ..." (a local time in a DST
 * gap or fold, or an unknown zone). */
int cli_when_exact(const char *cmd, const ordo_model *m, int site, const ordo_when *w, ordo_utc *out);

/* "a,b;c" -> resource indexes appended to out[*n..max). Returns 0, or -1
 * after printing which id is unknown (or that there are too many). */
int cli_parse_resources(const char *cmd, const ordo_model *m, const char *list, int *out, int *n, int max);

/* RFC 3339 local time with offset at `site` ("2026-10-12T09:00+02:00"),
 * UTC ("...Z") without a site. */
void cli_format_instant(const ordo_model *m, int site, ordo_utc t, char out[32]);

/* Resource ids joined by ',' into buf. */
void cli_format_resources(const ordo_model *m, const int *res, int n, char *buf, size_t len);

/* Option values: --slot MIN (at least 5, dividing 1440) and a date option
 * (YYYY-MM-DD). Return 0, or CLI_EXIT_USAGE after printing the usage error. */
int cli_slot_option(const char *cmd, const char *arg, int *out);
int cli_date_option(const char *cmd, const char *opt, const char *arg, ordo_date *out);

/* Ids typed as "a,b;c" (repeatable options append), kept for an app
 * request: ids[i] point into buf. */
#define CLI_ID_LIST_MAX 256
typedef struct cli_id_list {
    char buf[8192];
    size_t used;
    const char *ids[CLI_ID_LIST_MAX];
    int n;
} cli_id_list;
/* Appends the ids of `list`. Returns 0, or -1 after printing which id is
 * empty or too long, or that there are too many (`what` names them). */
int cli_id_list_add(const char *cmd, const char *what, const char *list, cli_id_list *out);
/* ids joined by ',' into buf. */
void cli_join_ids(char *const *ids, int n, char *buf, size_t len);

/* Opens the application layer on an existing database; prints the error
 * ("CMD: FILE: message") and returns an exit code. */
int cli_app_open(const char *cmd, const char *db, ordo_app **out);
/* Prints "CMD: message" of a failed use case; returns its exit code
 * (EINVAL 2, EINPUT/ENOTFOUND/EEXISTS 3, ERULE 5, EBUSY 6, else 1). */
int cli_app_fail(const char *cmd, ordo_app *app, int rc);

/* The service commands' form of cli_app_fail: "CMD: message" plus
 * "; nothing changed" for refusals and bad input; exit 3 (EINVAL, EINPUT,
 * ENOTFOUND, EEXISTS), 5 (ERULE), 6 (EBUSY), else 1. */
int cli_app_svc_fail(const char *cmd, ordo_app *app, int rc);

/* The current time, UTC seconds (DTSTAMP of changes). */
int64_t cli_now(void);


#endif
