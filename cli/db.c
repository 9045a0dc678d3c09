/*
 * db.c — the commands' one way into the store (through the application
 * layer): open and read, with the
 * error printed once and mapped to an exit code (busy -> 6, else 1).
 */
#include "cli/db.h"

#include "cli/args.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* "CMD: PATH: MSG" — without PATH when the store's message names it already. */
static void print_error(const char *cmd, const char *path, const char *msg, const char *tail)
{
    if (strstr(msg, path))
        fprintf(stderr, "%s: %s%s\n", cmd, msg, tail);
    else
        fprintf(stderr, "%s: %s: %s%s\n", cmd, path, msg, tail);
}

int cli_db_open(const char *cmd, const char *path, int must_exist,
                ordo_app **out_app, ordo_model **out_model)
{
    int rc = ORDO_OK, code = CLI_EXIT_DONE;
    ordo_app *s = NULL;
    ordo_model *m = NULL;
    ordo_err err = { 0 };
    struct stat st;

    *out_app = NULL;
    *out_model = NULL;
    if (must_exist && stat(path, &st) != 0) {
        fprintf(stderr, "%s: %s: %s (create it with 'ordo import DIR --db %s')\n",
                cmd, path, strerror(errno), path);
        code = CLI_EXIT_ERROR;
        goto done;
    }
    rc = ordo_app_open(&s, path, 0, &err);
    if (rc < 0) {
        print_error(cmd, path, err.msg[0] ? err.msg : ordo_strerror(rc), "");
        code = cli_exit_code(rc);
        goto done;
    }
    rc = ordo_app_model(s, &m);
    if (rc < 0) {
        const char *msg = ordo_app_errmsg(s);
        print_error(cmd, path, msg && *msg ? msg : ordo_strerror(rc), "");
        code = cli_exit_code(rc);
        goto done;
    }
    *out_app = s;
    *out_model = m;
    s = NULL;
    m = NULL;
done:
    ordo_model_free(m);
    ordo_app_close(s);
    return code;
}
