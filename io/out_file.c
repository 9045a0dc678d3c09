/*
 * out_file.c — in-memory output buffers and atomic file replacement.
 *
 * Invariant of ordo__file_write_atomic: the target path either keeps its old
 * content or gets the whole new content. The temporary file lives in the
 * target's folder (rename is atomic only within one file system) and is
 * created mkstemp-style: a random name "<target>.XXXXXX" opened with
 * O_CREAT|O_EXCL (mkstemp), so a file or symlink planted under any name is
 * never opened or followed; it is created 0600 (the umask can only make it
 * stricter), fsync'ed, renamed over the target, and the folder is fsync'ed so
 * the rename survives a power cut. It is removed on any failure. A target
 * whose content is already identical is left untouched.
 */
#include "io/out_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* 1 if the file at `path` holds exactly `len` bytes equal to `data`. */
static int same_content(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char buf[8192];
    size_t at = 0, n;
    int same = 1;
    while (same && (n = fread(buf, 1, sizeof buf, f)) > 0) {
        same = at + n <= len && memcmp(buf, data + at, n) == 0;
        at += n;
    }
    fclose(f);
    return same && at == len;
}

static int reserve(ordo__outbuf *b, size_t extra)
{
    if (b->failed)
        return -1;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *d = ordo__realloc(b->data, cap);
    if (!d) {
        b->failed = 1;
        return -1;
    }
    b->data = d;
    b->cap = cap;
    return 0;
}

void ordo__outbuf_put(ordo__outbuf *b, const char *s, size_t n)
{
    if (reserve(b, n) < 0)
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void ordo__outbuf_puts(ordo__outbuf *b, const char *s) { ordo__outbuf_put(b, s, strlen(s)); }

void ordo__outbuf_printf(ordo__outbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if (reserve(b, (size_t)n) < 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void ordo__outbuf_clear(ordo__outbuf *b)
{
    ordo__free(b->data);
    *b = (ordo__outbuf){ 0 };
}

int ordo__outbuf_save(const ordo__outbuf *b, const char *path, ordo_err *err)
{
    if (b->failed)
        return ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory while building the file", path);
    return ordo__file_write_atomic(path, b->data ? b->data : "", b->len, err);
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* The folder holding `path` ("." or "/" for bare names), allocated; NULL
 * when out of memory. */
static char *parent_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return ordo__strdup(".");
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *dir = ordo__malloc(n + 1);
    if (dir) {
        memcpy(dir, path, n);
        dir[n] = '\0';
    }
    return dir;
}

/* fsync a folder (so a rename in it is durable); -1 with errno on failure. */
static int sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc = fd < 0 || fsync(fd) < 0 ? -1 : 0;
    if (fd >= 0)
        close(fd);
    return rc;
}

int ordo__file_write_atomic(const char *path, const char *data, size_t len, ordo_err *err)
{
    int rc = ORDO_OK;
    int fd = -1;
    char *tmp = NULL, *dir = NULL;
    int created = 0;
    size_t n = strlen(path) + 8;
    if (same_content(path, data, len))
        goto done;
    if (!(tmp = ordo__malloc(n)) || !(dir = parent_of(path))) {
        rc = ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory", path);
        goto done;
    }
    snprintf(tmp, n, "%s.XXXXXX", path);
    /* mkstemp: O_RDWR|O_CREAT|O_EXCL, mode 0600, random suffix. */
    fd = mkstemp(tmp);
    if (fd < 0) {
        rc = ordo__seterr(err, ORDO_EIO, "%s: cannot create a temporary file: %s", path,
                          strerror(errno));
        goto done;
    }
    created = 1;
    (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
    if (write_all(fd, data, len) < 0 || fsync(fd) < 0) {
        rc = ordo__seterr(err, ORDO_EIO, "%s: cannot write: %s", tmp, strerror(errno));
        goto done;
    }
    int closed = close(fd);
    fd = -1;
    if (closed < 0) {
        rc = ordo__seterr(err, ORDO_EIO, "%s: cannot write: %s", tmp, strerror(errno));
        goto done;
    }
    if (rename(tmp, path) < 0) {
        rc = ordo__seterr(err, ORDO_EIO, "%s: cannot replace: %s", path, strerror(errno));
        goto done;
    }
    created = 0;
    if (sync_dir(dir) < 0) {
        rc = ordo__seterr(err, ORDO_EIO, "%s: cannot sync its folder: %s", path, strerror(errno));
        goto done;
    }
done:
    if (fd >= 0)
        close(fd);
    if (created)
        unlink(tmp);
    ordo__free(tmp);
    ordo__free(dir);
    return rc;
}

int ordo__file_remove(const char *path, ordo_err *err)
{
    if (unlink(path) < 0 && errno != ENOENT)
        return ordo__seterr(err, ORDO_EIO, "%s: cannot remove: %s", path, strerror(errno));
    return ORDO_OK;
}

char *ordo__path_join(const char *dir, const char *name)
{
    size_t dl = dir ? strlen(dir) : 0;
    size_t nl = strlen(name);
    char *p = ordo__malloc(dl + nl + 2);
    if (!p)
        return NULL;
    size_t k = 0;
    if (dl > 0) {
        memcpy(p, dir, dl);
        k = dl;
        if (dir[dl - 1] != '/')
            p[k++] = '/';
    }
    memcpy(p + k, name, nl + 1);
    return p;
}
