/*
 * error.c — error codes, their texts, and the per-handle message buffer.
 */
#include "model/ordo.h"

#include <stdarg.h>
#include <stdio.h>

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

int ordo__seterr(ordo_err *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}

void ordo__clearerr(ordo_err *err)
{
    if (err) {
        err->code = ORDO_OK;
        err->msg[0] = '\0';
    }
}
