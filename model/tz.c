/*
 * tz.c — local <-> UTC conversions from the system's zone data, without
 * the C library's process-wide current zone (the TZ variable is never set or read back,
 * no localtime): safe from any number of threads.
 *
 * A zone is read once from its TZif file (RFC 8536; version 2+ data: 64-bit
 * transition times and the POSIX TZ footer that extends the rules past the
 * last transition) into an immutable ordo__zone, kept for the life of the
 * process in a list guarded by one mutex (ARCHITECTURE.md: what threads
 * share is immutable or guarded by one lock). Lookups are a binary search
 * over the transitions, or the footer's rule for later instants. The cache
 * takes its memory from the C library's malloc, not the allocator hook
 * (ordo_set_allocator): it outlives any allocator a program sets.
 *
 * Local -> UTC: a wall time L (seconds, read as if UTC) maps to u = L - off
 * for some offset the zone uses near L. We try the offsets in force 14
 * hours before and after L and keep each candidate u whose local time is L
 * again: none = the wall time falls in a gap, two = it is ambiguous.
 */
#include "model/tz.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#define MAX_NAME 128
#define MAX_FILE (1 << 20)          /* no real zone file is near this */

typedef struct rule_date {
    char kind;                       /* 'J' (1..365, no Feb 29), 'D' (0..365), 'M' (month.week.day) */
    int a, b, c;                     /* J/D: day in a; M: month a, week b (5 = last), weekday c (0 = Sunday) */
    int32_t secs;                    /* local time of day of the change (may be < 0 or > 24 h) */
} rule_date;

typedef struct ordo__zone {
    struct ordo__zone *next;
    char name[MAX_NAME];
    int64_t *when;                   /* transition instants (UTC seconds), increasing */
    unsigned char *type_of;          /* per transition: index into utoff */
    int32_t *utoff;                  /* per local time type: seconds east of UTC */
    int ntrans, ntypes;
    int32_t first_off;               /* before the first transition */
    int has_rule;                    /* footer with a rule */
    int32_t std_off, dst_off;        /* footer offsets, seconds east */
    int has_dst;
    rule_date start, end;
} ordo__zone;

static ordo__zone *zones;            /* guarded by lock; entries immutable once linked */
static mtx_t lock;
static once_flag lock_once = ONCE_FLAG_INIT;
static void lock_init(void) { mtx_init(&lock, mtx_plain); }

static int name_ok(const char *name)
{
    if (!name || !*name || strlen(name) >= MAX_NAME - 1 || name[0] == '/' || strstr(name, ".."))
        return 0;
    for (const char *p = name; *p; p++) {
        char c = *p;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '_' ||
              c == '-' || c == '+'))
            return 0;
    }
    return 1;
}

/* ---- the POSIX TZ footer ("CET-1CEST,M3.5.0,M10.5.0/3") ----------------------------- */

static const char *parse_name(const char *p)
{
    if (*p == '<') {
        const char *q = strchr(p, '>');
        return q ? q + 1 : NULL;
    }
    const char *q = p;
    while ((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z'))
        q++;
    return q - p >= 3 ? q : NULL;
}

/* [+-]hh[:mm[:ss]] -> seconds; hours up to 167 (RFC 8536 extension). */
static const char *parse_secs(const char *p, int32_t *out)
{
    int sign = 1, h = 0, m = 0, s = 0, n = 0;
    if (*p == '+' || *p == '-')
        sign = *p++ == '-' ? -1 : 1;
    while (*p >= '0' && *p <= '9' && n < 3)
        h = h * 10 + (*p++ - '0'), n++;
    if (n == 0 || h > 167)
        return NULL;
    if (*p == ':') {
        p++;
        if (!(p[0] >= '0' && p[0] <= '5' && p[1] >= '0' && p[1] <= '9'))
            return NULL;
        m = (p[0] - '0') * 10 + (p[1] - '0');
        p += 2;
        if (*p == ':') {
            p++;
            if (!(p[0] >= '0' && p[0] <= '5' && p[1] >= '0' && p[1] <= '9'))
                return NULL;
            s = (p[0] - '0') * 10 + (p[1] - '0');
            p += 2;
        }
    }
    *out = sign * (h * 3600 + m * 60 + s);
    return p;
}

static const char *parse_num(const char *p, int lo, int hi, int *out)
{
    int x = 0, n = 0;
    while (*p >= '0' && *p <= '9' && n < 4)
        x = x * 10 + (*p++ - '0'), n++;
    if (n == 0 || x < lo || x > hi)
        return NULL;
    *out = x;
    return p;
}

static const char *parse_rule_date(const char *p, rule_date *r)
{
    r->secs = 7200;                                  /* default 02:00 */
    if (*p == 'M') {
        r->kind = 'M';
        if (!(p = parse_num(p + 1, 1, 12, &r->a)) || *p++ != '.' || !(p = parse_num(p, 1, 5, &r->b)) ||
            *p++ != '.' || !(p = parse_num(p, 0, 6, &r->c)))
            return NULL;
    } else if (*p == 'J') {
        r->kind = 'J';
        if (!(p = parse_num(p + 1, 1, 365, &r->a)))
            return NULL;
    } else {
        r->kind = 'D';
        if (!(p = parse_num(p, 0, 365, &r->a)))
            return NULL;
    }
    if (*p == '/' && !(p = parse_secs(p + 1, &r->secs)))
        return NULL;
    return p;
}

static int parse_footer(ordo__zone *z, const char *s)
{
    int32_t off;
    const char *p = parse_name(s);
    if (!p || !(p = parse_secs(p, &off)))
        return -1;
    z->std_off = -off;                               /* POSIX counts west as positive */
    if (!*p)
        return 0;                                    /* no DST: a fixed offset */
    if (!(p = parse_name(p)))
        return -1;
    z->dst_off = z->std_off + 3600;
    if (*p && *p != ',') {
        if (!(p = parse_secs(p, &off)))
            return -1;
        z->dst_off = -off;
    }
    if (*p++ != ',' || !(p = parse_rule_date(p, &z->start)) || *p++ != ',' || !(p = parse_rule_date(p, &z->end)) ||
        *p)
        return -1;
    z->has_dst = 1;
    return 0;
}

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* The local day (days since 1970) a rule names in year y. */
static ordo_date rule_day(const rule_date *r, int y)
{
    ordo_date jan1 = ordo_date_from_ymd(y, 1, 1);
    if (r->kind == 'J')
        return jan1 + r->a - 1 + (is_leap(y) && r->a >= 60 ? 1 : 0);
    if (r->kind == 'D')
        return jan1 + r->a;
    ordo_date first = ordo_date_from_ymd(y, r->a, 1);
    int wd = (ordo_date_weekday(first) + 1) % 7;     /* 0 = Sunday */
    ordo_date d = first + (r->c - wd + 7) % 7 + 7 * (r->b - 1);
    int mdays = (r->a == 12 ? ordo_date_from_ymd(y + 1, 1, 1) : ordo_date_from_ymd(y, r->a + 1, 1)) - first;
    while (d - first >= mdays)
        d -= 7;
    return d;
}

static int32_t footer_offset(const ordo__zone *z, int64_t t)
{
    if (!z->has_dst)
        return z->std_off;
    int y, m, d;
    int64_t local = t + z->std_off;
    ordo_date_to_ymd((ordo_date)(local >= 0 ? local / 86400 : -((-local + 86399) / 86400)), &y, &m, &d);
    /* the change instants of year y, in UTC: start is read in standard time, end in DST */
    int64_t start = (int64_t)rule_day(&z->start, y) * 86400 + z->start.secs - z->std_off;
    int64_t end = (int64_t)rule_day(&z->end, y) * 86400 + z->end.secs - z->dst_off;
    int dst = start < end ? (t >= start && t < end) : !(t >= end && t < start);
    return dst ? z->dst_off : z->std_off;
}

/* ---- TZif ----------------------------------------------------------------------------- */

static int64_t be(const unsigned char *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    if (n == 4)
        return (int32_t)(uint32_t)v;
    return (int64_t)v;
}

/* Parses a TZif file (v2+ data block when present) into z. */
static int parse_tzif(ordo__zone *z, const unsigned char *buf, size_t len)
{
    size_t pos = 0;
    int v2 = 0;
    for (int pass = 0; pass < 2; pass++) {
        if (len - pos < 44 || memcmp(buf + pos, "TZif", 4) != 0)
            return -1;
        v2 = buf[pos + 4] >= '2';
        int64_t isutc = be(buf + pos + 20, 4), isstd = be(buf + pos + 24, 4), leap = be(buf + pos + 28, 4),
                timecnt = be(buf + pos + 32, 4), typecnt = be(buf + pos + 36, 4), charcnt = be(buf + pos + 40, 4);
        int tsize = pass == 0 ? 4 : 8;
        if (timecnt < 0 || typecnt <= 0 || typecnt > 256 || charcnt < 0 || leap < 0 || isutc < 0 || isstd < 0 ||
            timecnt > 100000 || leap > 10000)
            return -1;
        size_t block = (size_t)timecnt * (size_t)(tsize + 1) + (size_t)typecnt * 6 + (size_t)charcnt +
                       (size_t)leap * (size_t)(tsize + 4) + (size_t)isstd + (size_t)isutc;
        pos += 44;
        if (len - pos < block)
            return -1;
        if (pass == 0 && v2) {
            pos += block;                            /* skip the 32-bit data: use the 64-bit block */
            continue;
        }
        const unsigned char *p = buf + pos;
        z->ntrans = (int)timecnt;
        z->ntypes = (int)typecnt;
        z->when = malloc(sizeof *z->when * (size_t)(timecnt ? timecnt : 1));
        z->type_of = malloc((size_t)(timecnt ? timecnt : 1));
        z->utoff = malloc(sizeof *z->utoff * (size_t)typecnt);
        if (!z->when || !z->type_of || !z->utoff)
            return -1;
        for (int64_t i = 0; i < timecnt; i++)
            z->when[i] = be(p + i * tsize, tsize);
        p += timecnt * tsize;
        for (int64_t i = 0; i < timecnt; i++) {
            if (p[i] >= typecnt)
                return -1;
            z->type_of[i] = p[i];
        }
        p += timecnt;
        for (int64_t i = 0; i < typecnt; i++) {
            int64_t off = be(p + i * 6, 4);
            if (off < -25 * 3600 || off > 26 * 3600)
                return -1;
            z->utoff[i] = (int32_t)off;
        }
        z->first_off = z->utoff[0];
        pos += block;
        if (pass == 1 || !v2) {
            /* the footer: "\nTZ-string\n" */
            if (v2 && pos < len && buf[pos] == '\n') {
                const unsigned char *nl = memchr(buf + pos + 1, '\n', len - pos - 1);
                if (nl && nl > buf + pos + 1) {
                    char footer[256];
                    size_t n = (size_t)(nl - (buf + pos + 1));
                    if (n < sizeof footer) {
                        memcpy(footer, buf + pos + 1, n);
                        footer[n] = '\0';
                        z->has_rule = parse_footer(z, footer) == 0;
                    }
                }
            }
            break;
        }
    }
    for (int i = 1; i < z->ntrans; i++)
        if (z->when[i] <= z->when[i - 1])
            return -1;
    return 0;
}

static void zone_free(ordo__zone *z)
{
    if (!z)
        return;
    free(z->when);
    free(z->type_of);
    free(z->utoff);
    free(z);
}

static ordo__zone *zone_load(const char *name)
{
    const char *dir = getenv("TZDIR");
    char path[512];
    unsigned char *buf = NULL;
    size_t len = 0;
    ordo__zone *z = NULL;
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
    if (!(f = fopen(path, "rb")))
        return NULL;
    if ((buf = malloc(MAX_FILE)))
        len = fread(buf, 1, MAX_FILE, f);
    fclose(f);
    if (buf && len > 0 && len < MAX_FILE && (z = calloc(1, sizeof *z))) {
        snprintf(z->name, sizeof z->name, "%s", name);
        if (parse_tzif(z, buf, len) < 0) {
            zone_free(z);
            z = NULL;
        }
    }
    free(buf);
    return z;
}

/* The zone named `name`, loaded on first use; NULL when it is not a valid
 * zone. The result is immutable and lives as long as the process. */
static const ordo__zone *zone_get(const char *name)
{
    ordo__zone *z;
    if (!name_ok(name))
        return NULL;
    call_once(&lock_once, lock_init);
    mtx_lock(&lock);
    for (z = zones; z; z = z->next)
        if (strcmp(z->name, name) == 0)
            break;
    if (!z && (z = zone_load(name))) {
        z->next = zones;
        zones = z;
    }
    mtx_unlock(&lock);
    return z;
}

/* Seconds east of UTC at instant t (seconds). */
static int32_t offset_at(const ordo__zone *z, int64_t t)
{
    if (z->ntrans == 0)
        return z->has_rule ? footer_offset(z, t) : z->first_off;
    if (t < z->when[0])
        return z->first_off;
    if (t >= z->when[z->ntrans - 1] && z->has_rule)
        return footer_offset(z, t);
    int lo = 0, hi = z->ntrans - 1;          /* the last transition at or before t */
    while (lo < hi) {
        int mid = lo + (hi - lo + 1) / 2;
        if (z->when[mid] <= t)
            lo = mid;
        else
            hi = mid - 1;
    }
    return z->utoff[z->type_of[lo]];
}

/* ---- the public functions ------------------------------------------------------------------- */

int ordo_tz_valid(const char *name) { return zone_get(name) != NULL; }

int ordo_tz_to_utc(const char *tz, ordo_date d, int minute, ordo_utc *out)
{
    const ordo__zone *z = zone_get(tz);
    if (!z)
        return -1;
    int64_t wall = (int64_t)d * 86400 + (int64_t)minute * 60;
    int32_t offs[2] = { offset_at(z, wall - 14 * 3600), offset_at(z, wall + 14 * 3600) };
    int64_t found[2];
    int n = 0;
    for (int i = 0; i < 2; i++) {
        if (i == 1 && offs[1] == offs[0])
            break;
        int64_t u = wall - offs[i];
        if (u + offset_at(z, u) == wall)
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

int ordo_tz_local_offsets(const char *tz, ordo_date d, int minute, int out[2])
{
    ordo_utc first;
    int kind = ordo_tz_to_utc(tz, d, minute, &first), n = 0;
    if (kind < 0)
        return -1;
    if (kind == ORDO_LOCAL_GAP)
        return 0;
    int64_t wall = (int64_t)d * ORDO_MIN_PER_DAY + minute;
    out[n++] = (int)(wall - first);
    if (kind == ORDO_LOCAL_AMBIGUOUS) {
        /* the two candidates ordo_tz_to_utc tried: the offsets 14 h either side */
        int a = ordo_tz_offset(tz, (ordo_utc)(wall - 14 * 60)), b = ordo_tz_offset(tz, (ordo_utc)(wall + 14 * 60));
        out[n++] = a == out[0] ? b : a;
    }
    return n;
}

int ordo_tz_to_local(const char *tz, ordo_utc t, ordo_date *out_date, int *out_minute)
{
    const ordo__zone *z = zone_get(tz);
    if (!z)
        return -1;
    int64_t wall = (int64_t)t * 60 + offset_at(z, (int64_t)t * 60);
    int64_t days = wall >= 0 ? wall / 86400 : -((-wall + 86399) / 86400);
    *out_date = (ordo_date)days;
    *out_minute = (int)((wall - days * 86400) / 60);
    return 0;
}

int ordo_tz_offset(const char *tz, ordo_utc t)
{
    const ordo__zone *z = zone_get(tz);
    return z ? (int)(offset_at(z, (int64_t)t * 60) / 60) : 0;
}
