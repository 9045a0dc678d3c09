/*
 * date.c — civil-date arithmetic and strict parsers.
 * Day counting uses the C library's timegm/gmtime_r on UTC, so no calendar
 * arithmetic is written here; the parsers only check shape and ranges.
 */
#include "model/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

const char *const ordo_weekday_names[7] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

ordo_date ordo_date_from_ymd(int y, int m, int d)
{
    struct tm tm = { 0 };
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_hour = 12;
    time_t t = timegm(&tm);
    return (ordo_date)((t - 12 * 3600) / 86400);
}

void ordo_date_to_ymd(ordo_date date, int *y, int *m, int *d)
{
    time_t t = (time_t)date * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    *y = tm.tm_year + 1900;
    *m = tm.tm_mon + 1;
    *d = tm.tm_mday;
}

int ordo_date_weekday(ordo_date d)
{
    /* 1970-01-01 was a Thursday (3 with Monday = 0). */
    int w = (int)((d + 3) % 7);
    return w < 0 ? w + 7 : w;
}

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

static int num(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static int parse_date_prefix(const char *s, ordo_date *out)
{
    if (!digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
        return -1;
    int y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
    if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    ordo_date date = ordo_date_from_ymd(y, m, d);
    int y2, m2, d2;
    ordo_date_to_ymd(date, &y2, &m2, &d2);
    if (y2 != y || m2 != m || d2 != d) /* e.g. 2026-02-30 */
        return -1;
    *out = date;
    return 0;
}

int ordo_date_parse(const char *s, ordo_date *out)
{
    if (!s || strlen(s) != 10)
        return -1;
    return parse_date_prefix(s, out);
}

int ordo_time_parse(const char *s, int allow_24, int *out_minute)
{
    if (!s || strlen(s) != 5 || !digits(s, 2) || s[2] != ':' || !digits(s + 3, 2))
        return -1;
    int h = num(s, 2), m = num(s + 3, 2);
    if (m > 59 || h > 24 || (h == 24 && (m != 0 || !allow_24)))
        return -1;
    *out_minute = h * 60 + m;
    return 0;
}

int ordo_datetime_parse(const char *s, ordo_date *out_date, int *out_minute)
{
    if (!s || strlen(s) != 16 || s[10] != 'T')
        return -1;
    char hm[6];
    memcpy(hm, s + 11, 5);
    hm[5] = '\0';
    ordo_date d;
    int minute;
    if (parse_date_prefix(s, &d) < 0 || ordo_time_parse(hm, 0, &minute) < 0)
        return -1;
    *out_date = d;
    *out_minute = minute;
    return 0;
}

int ordo_weekday_parse(const char *s)
{
    for (int i = 0; i < 7; i++)
        if (s && strcmp(s, ordo_weekday_names[i]) == 0)
            return i;
    return -1;
}

void ordo_date_format(ordo_date d, char out[11])
{
    int y, m, day;
    ordo_date_to_ymd(d, &y, &m, &day);
    snprintf(out, 11, "%04d-%02d-%02d", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)day % 100u);
}

void ordo_time_format(int minute, char out[6])
{
    unsigned h = (unsigned)(minute / 60) % 100u, m = (unsigned)minute % 60u;
    out[0] = (char)('0' + h / 10); out[1] = (char)('0' + h % 10); out[2] = ':';
    out[3] = (char)('0' + m / 10); out[4] = (char)('0' + m % 10); out[5] = '\0';
}

void ordo_datetime_format(ordo_date d, int minute, char out[17])
{
    ordo_date_format(d, out);
    out[10] = 'T';
    ordo_time_format(minute, out + 11);
}
