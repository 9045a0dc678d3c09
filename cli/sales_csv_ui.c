/*
 * sales_csv_ui.c — `ordo lead|opportunity import FILE` and `export [--out
 * FILE]` (io/sales_csv.h): shared by cmd_lead.c and cmd_opportunity.c.
 * Import is one transaction: a bad row exits 3 naming file, line and
 * column, and nothing changes.
 */
#include "app/app_csv.h"
#include "cli/args.h"
#include "cli/service_ui.h"
#include "cli/commands.h"

#include <stdio.h>
#include <string.h>

static void warn_print(const char *msg, void *payload)
{
    fprintf(stderr, "%s: warning: %s\n", (const char *)payload, msg);
}

int cli_sales_csv(const char *cmd, int argc, char **argv, int table, int import, const char *usage)
{
    const char *db = NULL, *out = NULL, *file = NULL;
    ordo_app *s = NULL;
    ordo_err err = { 0 };
    int rows = 0, rc;
    const char *what = ordo_sales_table_noun((ordo_sales_table)table);
    const cli_opt opts[] = { { "db", &db, NULL }, { "out", &out, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, &file, import, import, usage);
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if ((code = cli_svc_open(cmd, db, &s)) != CLI_EXIT_DONE)
        return code;
    if (import) {
        rc = ordo_app_sales_csv_import(s, (ordo_sales_table)table, file, cli_svc_today(), warn_print, (void *)cmd,
                                   &rows, &err);
        if (rc < 0) {
            fprintf(stderr, "%s: %s; nothing changed\n", cmd, err.msg[0] ? err.msg : ordo_strerror(rc));
            code = rc == ORDO_ENOTFOUND ? CLI_EXIT_ERROR : cli_svc_exit(rc);
        } else {
            size_t len = strlen(what);          /* "1 lead", "2 leads", "2 opportunities" */
            int y = rows != 1 && len && what[len - 1] == 'y';
            printf("%s: %d %.*s%s imported\n", file, rows, (int)(len - (size_t)y), what,
                   rows == 1 ? "" : y ? "ies" : "s");
        }
    } else if ((rc = ordo_app_sales_csv_export(s, (ordo_sales_table)table, out, &err)) < 0) {
        fprintf(stderr, "%s: %s\n", cmd, err.msg[0] ? err.msg : ordo_strerror(rc));
        code = cli_svc_exit(rc) == CLI_EXIT_INPUT ? CLI_EXIT_ERROR : cli_svc_exit(rc);
    }
    ordo_app_close(s);
    return code;
}
