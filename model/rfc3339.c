/*
 * rfc3339.c — strict parsing and printing of time values (rfc3339.h).
 * Invariant: an instant is exact to the minute; seconds only round.
 */
#include "model/rfc3339.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

static int two(const char *s) { return (s[0] - '0') * 10 + (s[1] - '0'); }

/* Seconds ":SS" and a fraction ".ddd" after the minute; *extra = 1 when they
 * go past it. Returns the text after them, or NULL when malformed. */
static const char *seconds(const char *p, int *extra)
{
    *extra = 0;
    if (*p != ':')
        return p;
    if (!digits(p + 1, 2) || two(p + 1) > 60)
        return NULL;
    *extra = two(p + 1) > 0;
    p += 3;
    if (*p == '.') {
        if (!isdigit((unsigned char)p[1]))
            return NULL;
        for (p++; isdigit((unsigned char)*p); p++)
            *extra |= *p != '0';
    }
    return p;
}

/* "Z" or "+HH:MM" / "-HH:MM" ending the text. Returns 0 / -1. */
static int offset(const char *p, int *out)
{
    if ((*p == 'Z' || *p == 'z') && !p[1]) {
        *out = 0;
        return 0;
    }
    if ((*p == '+' || *p == '-') && digits(p + 1, 2) && p[3] == ':' && digits(p + 4, 2) && !p[6]) {
        int h = two(p + 1), mi = two(p + 4);
        if (h > 23 || mi > 59)
            return -1;
        *out = (*p == '-' ? -1 : 1) * (h * 60 + mi);
        return 0;
    }
    return -1;
}

int ordo_timeval_parse(const char *s, int round_up, ordo_timeval *out)
{
    char head[17];
    int rc = -1, extra = 0, off = 0;
    size_t len = s ? strlen(s) : 0;
    const char *p;

    memset(out, 0, sizeof *out);
    if (len == 10) {
        out->local = 1;
        rc = ordo_date_parse(s, &out->date) == 0 ? 0 : -1;
        goto done;
    }
    if (len < 16)
        goto done;
    memcpy(head, s, 16);
    head[16] = '\0';
    if (ordo_datetime_parse(head, &out->date, &out->minute) < 0 || out->minute >= ORDO_MIN_PER_DAY)
        goto done;
    out->has_time = 1;
    if (len == 16) {
        out->local = 1;
        rc = 0;
        goto done;
    }
    if (!(p = seconds(s + 16, &extra)) || offset(p, &off) < 0)
        goto done;
    out->extra_seconds = extra;
    out->utc = (ordo_utc)out->date * ORDO_MIN_PER_DAY + out->minute - off + (round_up && extra);
    rc = 0;
done:
    if (rc < 0)
        memset(out, 0, sizeof *out);
    return rc;
}

void ordo_offset_format(int off, char out[8])
{
    int a = off < 0 ? -off : off;
    snprintf(out, 8, "%c%02d:%02d", off < 0 ? '-' : '+', (a / 60) % 100, a % 60);
}

void ordo_rfc3339_format(ordo_utc t, int offset_min, int utc_z, char out[32])
{
    ordo_utc local = t + (utc_z ? 0 : offset_min);
    ordo_date d = (ordo_date)(local >= 0 ? local / ORDO_MIN_PER_DAY
                                         : -((-local + ORDO_MIN_PER_DAY - 1) / ORDO_MIN_PER_DAY));
    char text[17], off[8];
    ordo_datetime_format(d, (int)(local - (ordo_utc)d * ORDO_MIN_PER_DAY), text);
    if (utc_z) {
        snprintf(out, 32, "%s:00Z", text);
    } else {
        ordo_offset_format(offset_min, off);
        snprintf(out, 32, "%s:00%s", text, off);
    }
}
