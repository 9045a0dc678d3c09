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

static int slow_to_utc(ordo_date d, int minute, ordo_utc *out);
static int day_info(const char *tz, ordo_date d, ordo_utc *midnight);

int ordo_tz_to_utc(const char *tz, ordo_date d, int minute, ordo_utc *out)
{
    ordo_utc mid;
    if (minute >= 0 && minute <= ORDO_MIN_PER_DAY) {
        int regular = day_info(tz, d, &mid);
        if (regular < 0)
            return -1;
        if (regular) {
            *out = mid + minute;
            return ORDO_LOCAL_OK;
        }
    }
    if (use_zone(tz) < 0)
        return -1;
    return slow_to_utc(d, minute, out);
}

static int slow_to_utc(ordo_date d, int minute, ordo_utc *out)
{
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
    /* fast path: the local date is the UTC date or a neighbour; a regular day
     * maps [midnight, midnight + 1440) linearly */
    ordo_date d0 = (ordo_date)(t >= 0 ? t / ORDO_MIN_PER_DAY : -((-t + ORDO_MIN_PER_DAY - 1) / ORDO_MIN_PER_DAY));
    for (ordo_date d = d0 - 1; d <= d0 + 1; d++) {
        ordo_utc mid;
        int regular = day_info(tz, d, &mid);
        if (regular < 0)
            return -1;
        if (regular && t >= mid && t < mid + ORDO_MIN_PER_DAY) {
            *out_date = d;
            *out_minute = (int)(t - mid);
            return 0;
        }
    }
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

/* Cache of "regular" local days per zone: a day is regular when its
 * midnight exists once, the next midnight is exactly 1440 minutes later and
 * the offset does not change in between; its wall times then map linearly.
 * The C library's conversions are slow (glibc re-parses the zone's rule
 * string for dates past the file's last transition), so this matters. */
#define DAY_CACHE_ZONES 8
#define DAY_CACHE_DAYS 4096

typedef struct day_slot {
    ordo_date d;
    int state;          /* 0 = empty, 1 = regular, 2 = irregular */
    ordo_utc midnight;
} day_slot;

static struct {
    char name[128];
    day_slot days[DAY_CACHE_DAYS];
} day_cache[DAY_CACHE_ZONES];
static int day_cache_next;

static day_slot *cache_days_for(const char *tz)
{
    for (int i = 0; i < DAY_CACHE_ZONES; i++)
        if (strcmp(day_cache[i].name, tz) == 0)
            return day_cache[i].days;
    int i = day_cache_next++ % DAY_CACHE_ZONES;
    snprintf(day_cache[i].name, sizeof day_cache[i].name, "%s", tz);
    memset(day_cache[i].days, 0, sizeof day_cache[i].days);
    return day_cache[i].days;
}

/* 1 regular (midnight set), 0 irregular, -1 invalid zone. */
static int day_info(const char *tz, ordo_date d, ordo_utc *midnight)
{
    if (strlen(tz) >= sizeof day_cache[0].name)
        return -1;
    day_slot *days = cache_days_for(tz);
    day_slot *slot = &days[(unsigned)d % DAY_CACHE_DAYS];
    if (slot->state && slot->d == d) {
        *midnight = slot->midnight;
        return slot->state == 1;
    }
    if (use_zone(tz) < 0)
        return -1;
    ordo_utc a, b;
    int ra = slow_to_utc(d, 0, &a), rb = slow_to_utc(d + 1, 0, &b);
    int regular = ra == ORDO_LOCAL_OK && rb == ORDO_LOCAL_OK && b - a == ORDO_MIN_PER_DAY &&
                  offset_at((time_t)a * 60) == offset_at((time_t)(b - 1) * 60);
    /* the offset must also be constant inside the day: check a few hours */
    for (int h = 1; regular && h < 24; h += 1)
        regular = offset_at((time_t)(a + h * 60) * 60) == offset_at((time_t)a * 60);
    slot->d = d;
    slot->state = regular ? 1 : 2;
    slot->midnight = a;
    *midnight = a;
    return regular;
}

int ordo_tz_offset(const char *tz, ordo_utc t)
{
    if (use_zone(tz) < 0)
        return 0;
    return (int)(offset_at((time_t)t * 60) / 60);
}
