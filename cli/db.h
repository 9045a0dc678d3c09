/*
 * db.h — opening the database file and reading its model, for the commands.
 *
 * Every function prints its own error ("ordo CMD: FILE: message") on stderr
 * and returns an exit code (args.h), CLI_EXIT_DONE on success.
 */
#ifndef ORDO_CLI_DB_H
#define ORDO_CLI_DB_H

#include "app/app_ledger.h"
#include "model/model.h"

/* Opens the application layer on `path` and reads its whole model
 * (ordo_app_model). With `must_exist`, a missing file is an error instead
 * of a new empty database. On failure *out_app and *out_model are NULL. */
int cli_db_open(const char *cmd, const char *path, int must_exist,
                ordo_app **out_app, ordo_model **out_model);

#endif
