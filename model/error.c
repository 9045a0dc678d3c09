/*
 * error.c — error codes, their texts, and the per-handle message buffer.
 */
#include "model/ordo.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *ordo_strerror(int code)
{
    switch (code) {
    case ORDO_OK: return "ok";
#define ORDO__ERRNO_CASE(name, c, text) case ORDO_##name: return text;
    ORDO_ERRNO_MAP(ORDO__ERRNO_CASE)
#undef ORDO__ERRNO_CASE
    default: return "unknown error";
    }
}

/* The message, the code and the field ("account/contact": the first of the
 * fields the rule is about; NULL: none). */
static void set(ordo_err *err, int code, const char *field, const char *fmt, va_list ap)
{
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    err->code = code;
    size_t n = field ? strcspn(field, "/") : 0;
    snprintf(err->field, sizeof err->field, "%.*s", (int)n, field ? field : "");
}

int ordo__seterr(ordo_err *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        set(err, code, NULL, fmt, ap);
        va_end(ap);
    }
    return code;
}

int ordo__seterr_at(ordo_err *err, int code, const char *field, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        set(err, code, field, fmt, ap);
        va_end(ap);
    }
    return code;
}

void ordo__clearerr(ordo_err *err)
{
    if (err) {
        err->code = ORDO_OK;
        err->msg[0] = '\0';
        err->field[0] = '\0';
    }
}
