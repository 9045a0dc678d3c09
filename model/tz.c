/*
 * tz.c — local <-> UTC conversions through the C library and system tzdata.
 *
 * Local -> UTC: a wall time L (seconds, read as if UTC) maps to u = L - off
 * for some offset the zone uses near L. We try the offsets in force 14 hours
 * before and after L and keep each candidate u whose local time is L again:
 * none = the wall time falls in a gap, two = it is ambiguous.
 */
#include "model/tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char current_tz[128];

static int name_ok(const char *name)
{
    if (!name || !*name || strlen(name) >= sizeof current_tz - 1 || name[0] == '/' || strstr(name, ".."))
        return 0;
    for (const char *p = name; *p; p++) {
        char c = *p;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '/' || c == '_' || c == '-' || c == '+'))
            return 0;
    }
    return 1;
}

int ordo_tz_valid(const char *name)
{
    if (!name_ok(name))
        return 0;
    const char *dir = getenv("TZDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char magic[4] = { 0 };
    size_t n = fread(magic, 1, 4, f);
    fclose(f);
    return n == 4 && memcmp(magic, "TZif", 4) == 0;
}

/* Make `tz` the C library's current zone; 0 on success, -1 if invalid. */
static int use_zone(const char *tz)
{
    if (strcmp(current_tz, tz) == 0)
        return 0;
    if (!ordo_tz_valid(tz))
        return -1;
    char spec[sizeof current_tz + 1];
    snprintf(spec, sizeof spec, ":%s", tz);
    setenv("TZ", spec, 1);
    tzset();
    snprintf(current_tz, sizeof current_tz, "%s", tz);
    return 0;
}

static long offset_at(time_t t)
{
    struct tm tm;
    localtime_r(&t, &tm);
    return tm.tm_gmtoff;
}

static int local_matches(time_t u, time_t wall)
{
    struct tm tm;
    localtime_r(&u, &tm);
    return timegm(&tm) == wall;
}

int ordo_tz_to_utc(const char *tz, ordo_date d, int minute, ordo_utc *out)
{
    if (use_zone(tz) < 0)
        return -1;
    time_t wall = (time_t)d * 86400 + (time_t)minute * 60;
    long offs[2] = { offset_at(wall - 14 * 3600), offset_at(wall + 14 * 3600) };
    time_t found[2];
    int n = 0;
    for (int i = 0; i < 2; i++) {
        if (i == 1 && offs[1] == offs[0])
            break;
        time_t u = wall - offs[i];
        if (local_matches(u, wall))
            found[n++] = u;
    }
    if (n == 0) {
        *out = (ordo_utc)((wall - offs[0]) / 60);
        return ORDO_LOCAL_GAP;
    }
    if (n == 2) {
        *out = (ordo_utc)((found[0] < found[1] ? found[0] : found[1]) / 60);
        return ORDO_LOCAL_AMBIGUOUS;
    }
    *out = (ordo_utc)(found[0] / 60);
    return ORDO_LOCAL_OK;
}

int ordo_tz_to_local(const char *tz, ordo_utc t, ordo_date *out_date, int *out_minute)
{
    if (use_zone(tz) < 0)
        return -1;
    time_t u = (time_t)t * 60;
    struct tm tm;
    localtime_r(&u, &tm);
    time_t wall = timegm(&tm);
    time_t days = wall >= 0 ? wall / 86400 : -((-wall + 86399) / 86400);
    *out_date = (ordo_date)days;
    *out_minute = (int)((wall - days * 86400) / 60);
    return 0;
}

int ordo_tz_offset(const char *tz, ordo_utc t)
{
    if (use_zone(tz) < 0)
        return 0;
    return (int)(offset_at((time_t)t * 60) / 60);
}
