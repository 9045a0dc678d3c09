/*
 * fsutil.h — file-system helpers for the commands (no shelling out).
 */
#ifndef ORDO_CLI_FSUTIL_H
#define ORDO_CLI_FSUTIL_H

/* Creates `path` and its missing parents (mode 0777 & ~umask), like
 * `mkdir -p`. Returns 0, or -1 with errno set. */
int cli_mkdir_p(const char *path);

/* Creates the folder that will hold file `path` (nothing for a bare name).
 * Returns 0, or -1 with errno set. */
int cli_mkdir_parent(const char *path);

/* 1 if `path` exists (any type), else 0. */
int cli_exists(const char *path);
/* 1 if `path` is a directory (or a link to one), else 0. */
int cli_is_dir(const char *path);

#endif
