/*
 * fsutil.c — `mkdir -p` through mkdir(2), one component at a time; an
 * existing directory at any level is fine, an existing non-directory is
 * ENOTDIR. New folders are created 0700 (they hold exports with people's
 * names and e-mails); the umask can only make them stricter.
 */
#include "cli/fsutil.h"

#include "model/ordo.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

static int mkdir_one(const char *path)
{
    struct stat st;
    if (mkdir(path, 0700) == 0)
        return 0;
    if (errno != EEXIST)
        return -1;
    if (stat(path, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

/* `mkdir -p` of the first `len` bytes of `path`. */
static int mkdir_p_prefix(const char *path, size_t len)
{
    int rc = 0;
    char *copy = ordo__strndup(path, len);
    if (!copy) {
        errno = ENOMEM;
        return -1;
    }
    /* Create each prefix ending just before a '/', then the whole path. */
    for (char *p = copy + 1; *p && rc == 0; p++) {
        if (*p != '/' || p[-1] == '/')
            continue;
        *p = '\0';
        rc = mkdir_one(copy);
        *p = '/';
    }
    if (rc == 0 && *copy)
        rc = mkdir_one(copy);
    int saved = errno;
    ordo__free(copy);
    errno = saved;
    return rc;
}

int cli_mkdir_p(const char *path)
{
    return mkdir_p_prefix(path, strlen(path));
}

int cli_mkdir_parent(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash != path ? mkdir_p_prefix(path, (size_t)(slash - path)) : 0;
}

int cli_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int cli_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}
