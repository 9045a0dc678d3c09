/*
 * db.h — opening the database file and loading its model, for the commands.
 *
 * Every function prints its own error ("ordo CMD: FILE: message") on stderr
 * and returns an exit code (args.h), CLI_EXIT_DONE on success.
 */
#ifndef ORDO_CLI_DB_H
#define ORDO_CLI_DB_H

#include "io/store.h"
#include "model/model.h"

/* Opens `path` and loads its model. With `must_exist`, a missing file is an
 * error instead of a new empty database. On failure *out_store and
 * *out_model are NULL. */
int cli_db_open(const char *cmd, const char *path, int must_exist,
                ordo_store **out_store, ordo_model **out_model);

#endif
