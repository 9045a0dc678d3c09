/*
 * check.h — tiny test harness. CHECK* print file:line and both values and
 * count a failure; they work whatever NDEBUG says. A test file defines
 * test_<module>__<case>() functions and calls them through RUN() in main,
 * which returns CHECK_DONE().
 */
#ifndef ORDO_CHECK_H
#define ORDO_CHECK_H

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>

static int check_failures = 0;
static int check_count = 0;

#define CHECK(cond) do { check_count++; if (!(cond)) { check_failures++; \
    fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); } } while (0)
#define CHECK_EQ(a, b) do { long long _a = (long long)(a), _b = (long long)(b); check_count++; \
    if (_a != _b) { check_failures++; fprintf(stderr, "%s:%d: CHECK_EQ(%s, %s): %lld != %lld\n", \
    __FILE__, __LINE__, #a, #b, _a, _b); } } while (0)
#define CHECK_STR(a, b) do { const char *_a = (a), *_b = (b); check_count++; \
    if (!_a || !_b || strcmp(_a, _b) != 0) { check_failures++; \
    fprintf(stderr, "%s:%d: CHECK_STR(%s, %s): \"%s\" != \"%s\"\n", __FILE__, __LINE__, #a, #b, \
    _a ? _a : "(null)", _b ? _b : "(null)"); } } while (0)
#define CHECK_CONTAINS(hay, needle) do { const char *_h = (hay), *_n = (needle); check_count++; \
    if (!_h || !strstr(_h, _n)) { check_failures++; \
    fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__, _h ? _h : "(null)", _n); } } while (0)
#define RUN(fn) do { int _before = check_failures; fn(); \
    fprintf(stderr, "%s %s\n", check_failures == _before ? "ok  " : "FAIL", #fn); } while (0)
#define CHECK_DONE() (fprintf(stderr, "%d checks, %d failed\n", check_count, check_failures), \
    check_failures ? 1 : 0)

/* Environment helpers for tests (set by tests/CMakeLists.txt). */
static inline const char *check_env(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

/* A fresh store path "$ORDO_TMP/NAME.db" into out (the directory made; an
 * old file and its -wal and -shm removed); returns out. */
static inline const char *check_tmp_db(char *out, size_t n, const char *name)
{
    static const char *const tails[] = { "", "-wal", "-shm" };
    const char *dir = check_env("ORDO_TMP", "/tmp/ordo-test");
    char p[1200];
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        fprintf(stderr, "cannot create %s\n", dir);
    snprintf(out, n, "%s/%s.db", dir, name);
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", out, tails[i]);
        remove(p);
    }
    return out;
}

#endif
