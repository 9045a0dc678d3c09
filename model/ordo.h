/*
 * ordo.h — the base of every ordo module: error codes, the allocator hook and
 * the error-message buffer that each handle owns.
 *
 * Conventions (see README "API conventions"):
 *   - fallible functions return int: ORDO_OK (0) or a negative ORDO_E* code;
 *   - the detail of an error is written into the handle's message buffer
 *     (ordo_err), never into global state;
 *   - all memory goes through ordo__malloc/ordo__realloc/ordo__free so that an
 *     embedding program can install its own allocator and tests can inject
 *     allocation failures.
 */
#ifndef ORDO_H
#define ORDO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ORDO_ERRNO_MAP(X)                                  \
    X(EINVAL, -2, "invalid argument")                      \
    X(ENOMEM, -3, "out of memory")                         \
    X(ENOTFOUND, -4, "not found")                          \
    X(EEXISTS, -5, "already exists")                       \
    X(EIO, -6, "input/output error")                       \
    X(ESOLVER, -7, "solver failure")                       \
    X(EINPUT, -8, "invalid input data")                    \
    X(ERULE, -9, "refused by a business rule")             \
    X(EBUSY, -10, "database busy")

enum {
    ORDO_OK = 0,
#define ORDO__ERRNO_ENUM(name, code, text) ORDO_##name = (code),
    ORDO_ERRNO_MAP(ORDO__ERRNO_ENUM)
#undef ORDO__ERRNO_ENUM
};

/* Text of an error code; never NULL. */
const char *ordo_strerror(int code);

/* Error buffer owned by a handle: the last error's code and message, and
 * the input field it is about when a record check knows it (the field as
 * the data contract's CSV column names it, e.g. "email"; "" otherwise): an
 * importer points at that column, the HTTP layer names that JSON field. */
#define ORDO_ERRMSG_MAX 1024
#define ORDO_ERRFIELD_MAX 64
typedef struct ordo_err {
    int code;
    char msg[ORDO_ERRMSG_MAX];
    char field[ORDO_ERRFIELD_MAX];
} ordo_err;

/* Record an error in `err` (which may be NULL) and return `code`;
 * ordo__seterr_at also records the field ("a/b": a; ordo__seterr clears it). */
int ordo__seterr(ordo_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int ordo__seterr_at(ordo_err *err, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void ordo__clearerr(ordo_err *err);

/* Allocator hook. All three must be set together; NULL restores libc's. */
typedef struct ordo_allocator {
    void *(*malloc_fn)(size_t size, void *payload);
    void *(*realloc_fn)(void *ptr, size_t size, void *payload);
    void (*free_fn)(void *ptr, void *payload);
    void *payload;
} ordo_allocator;
void ordo_set_allocator(const ordo_allocator *a);

void *ordo__malloc(size_t size);
void *ordo__calloc(size_t n, size_t size);
void *ordo__realloc(void *ptr, size_t size);
void ordo__free(void *ptr);
char *ordo__strdup(const char *s);      /* NULL in -> NULL out */
char *ordo__strndup(const char *s, size_t n);

/* Grow a dynamic array `*arr` (element size `elem`) so it can hold `need`
 * elements; `*cap` is updated. Returns ORDO_OK or ORDO_ENOMEM. */
int ordo__grow(void **arr, size_t *cap, size_t need, size_t elem);
#define ORDO_GROW(arr, cap, need) ordo__grow((void **)&(arr), &(cap), (need), sizeof *(arr))

/* One exit per function: `int rc = ORDO_OK; ... done: cleanup; return rc;` */
#define ORDO_TRY(expr) do { if ((rc = (expr)) < 0) goto done; } while (0)

#ifdef __cplusplus
}
#endif
#endif
