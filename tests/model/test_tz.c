/*
 * test_tz.c — model/tz.c: known DST gaps and folds, half-hour and
 * 30-minute-DST zones, instants past the zone file's last transition (the
 * POSIX footer rule), agreement with the C library over 1902-2100 on many
 * zones (the C library is the independent oracle; the test alone switches
 * TZ, before any thread starts), and 8 threads converting in parallel with
 * the single-thread answers.
 */
#include "check.h"
#include "model/tz.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const zones[] = { "Europe/Paris", "America/Montreal", "Australia/Lord_Howe", "Asia/Kolkata",
                                     "America/Sao_Paulo", "Pacific/Chatham", "Africa/Casablanca", "UTC",
                                     "America/St_Johns", "Europe/Dublin" };
#define NZONES (int)(sizeof zones / sizeof *zones)
#define NPOINTS 6000

static ordo_utc points[NPOINTS];

static ordo_utc utc_of(int y, int mo, int d, int h, int mi)
{
    return (ordo_utc)ordo_date_from_ymd(y, mo, d) * ORDO_MIN_PER_DAY + h * 60 + mi;
}

static void test_tz__local_offsets(void)
{
    int offs[2] = { 0, 0 };
    CHECK_EQ(ordo_tz_local_offsets("Europe/Paris", ordo_date_from_ymd(2026, 10, 25), 2 * 60 + 30, offs), 2);
    CHECK_EQ(offs[0], 120);
    CHECK_EQ(offs[1], 60);
    CHECK_EQ(ordo_tz_local_offsets("Europe/Paris", ordo_date_from_ymd(2026, 3, 29), 2 * 60 + 30, offs), 0);
    CHECK_EQ(ordo_tz_local_offsets("Europe/Paris", ordo_date_from_ymd(2026, 7, 1), 9 * 60, offs), 1);
    CHECK_EQ(offs[0], 120);
    /* a 30-minute fold: Lord Howe goes from +11:00 to +10:30 on 2027-04-04 at 02:00 */
    CHECK_EQ(ordo_tz_local_offsets("Australia/Lord_Howe", ordo_date_from_ymd(2027, 4, 4), 60 + 45, offs), 2);
    CHECK_EQ(offs[0], 660);
    CHECK_EQ(offs[1], 630);
    /* a 2-hour fold: Troll goes from +02 to +00 on 2026-10-25 at 01:00Z (03:00 -> 01:00);
     * 01:15 is 23:15Z (+02) and 01:15Z (+00): one hour after the first is still +02 */
    CHECK_EQ(ordo_tz_local_offsets("Antarctica/Troll", ordo_date_from_ymd(2026, 10, 25), 75, offs), 2);
    CHECK_EQ(offs[0], 120);
    CHECK_EQ(offs[1], 0);
    CHECK_EQ(ordo_tz_local_offsets("Nowhere/City", ordo_date_from_ymd(2026, 7, 1), 0, offs), -1);
}

static void test_tz__known_values(void)
{
    ordo_utc u = 0;
    ordo_date d = ordo_date_from_ymd(2026, 3, 29);
    CHECK_EQ(ordo_tz_to_utc("Europe/Paris", d, 2 * 60 + 30, &u), ORDO_LOCAL_GAP);
    CHECK_EQ(ordo_tz_to_utc("Europe/Paris", ordo_date_from_ymd(2026, 10, 25), 2 * 60 + 30, &u), ORDO_LOCAL_AMBIGUOUS);
    CHECK_EQ(u, utc_of(2026, 10, 25, 0, 30));           /* the earlier instant (CEST) */
    CHECK_EQ(ordo_tz_to_utc("Europe/Paris", ordo_date_from_ymd(2026, 7, 1), 12 * 60, &u), ORDO_LOCAL_OK);
    CHECK_EQ(u, utc_of(2026, 7, 1, 10, 0));
    CHECK_EQ(ordo_tz_to_utc("America/Montreal", ordo_date_from_ymd(2026, 3, 8), 2 * 60 + 15, &u), ORDO_LOCAL_GAP);
    CHECK_EQ(ordo_tz_offset("Asia/Kolkata", utc_of(2026, 1, 1, 0, 0)), 330);
    CHECK_EQ(ordo_tz_offset("Australia/Lord_Howe", utc_of(2026, 1, 15, 0, 0)), 660);   /* DST: +11:00 */
    CHECK_EQ(ordo_tz_offset("Australia/Lord_Howe", utc_of(2026, 7, 15, 0, 0)), 630);   /* +10:30 */
    /* far past the file's transitions: the footer's rule */
    CHECK_EQ(ordo_tz_offset("Europe/Paris", utc_of(2099, 7, 1, 12, 0)), 120);
    CHECK_EQ(ordo_tz_offset("Europe/Paris", utc_of(2099, 12, 1, 12, 0)), 60);
    CHECK_EQ(ordo_tz_to_utc("Europe/Paris", ordo_date_from_ymd(2099, 3, 29), 2 * 60 + 30, &u), ORDO_LOCAL_GAP);
    ordo_date ld;
    int lm;
    CHECK_EQ(ordo_tz_to_local("America/Sao_Paulo", utc_of(2026, 6, 1, 12, 0), &ld, &lm), 0);
    CHECK_EQ(ld, ordo_date_from_ymd(2026, 6, 1));
    CHECK_EQ(lm, 9 * 60);
    /* invalid zones */
    CHECK(!ordo_tz_valid("Mars/Olympus"));
    CHECK(!ordo_tz_valid("../etc/passwd"));
    CHECK(!ordo_tz_valid(""));
    CHECK_EQ(ordo_tz_to_local("Nowhere/Land", 0, &ld, &lm), -1);
    CHECK(ordo_tz_valid("Europe/Paris"));
}

/* The C library's offset (minutes east) for zone z at instant t (minutes). */
static int libc_offset(const char *z, ordo_utc t)
{
    char spec[160];
    snprintf(spec, sizeof spec, ":%s", z);
    setenv("TZ", spec, 1);
    tzset();
    time_t s = (time_t)t * 60;
    struct tm tm;
    localtime_r(&s, &tm);
    return (int)(tm.tm_gmtoff / 60);
}

static void test_tz__agrees_with_libc(void)
{
    int bad = 0;
    for (int zi = 0; zi < NZONES; zi++) {
        for (int i = 0; i < NPOINTS; i++) {
            int a = ordo_tz_offset(zones[zi], points[i]), b = libc_offset(zones[zi], points[i]);
            if (a != b && bad++ < 5)
                fprintf(stderr, "  %s at %lld: ordo %d, libc %d\n", zones[zi], (long long)points[i], a, b);
        }
    }
    CHECK_EQ(bad, 0);
    /* every local wall time round-trips (or is a gap/fold) */
    int rt = 0;
    for (int zi = 0; zi < NZONES; zi++)
        for (int i = 0; i < NPOINTS; i += 7) {
            ordo_date d;
            int m;
            ordo_utc u;
            if (ordo_tz_to_local(zones[zi], points[i], &d, &m) < 0)
                rt++;
            int r = ordo_tz_to_utc(zones[zi], d, m, &u);
            if (r == ORDO_LOCAL_OK && u != points[i])
                rt++;
            if (r == ORDO_LOCAL_GAP)
                rt++;                                  /* a real instant's wall time cannot be a gap */
        }
    CHECK_EQ(rt, 0);
}

typedef struct job {
    int zone;
    int *answers;
} job;

static int answers[NZONES][NPOINTS * 2];

static void compute(int zi, int *out)
{
    for (int i = 0; i < NPOINTS; i++) {
        ordo_date d;
        int m;
        ordo_utc u = 0;
        out[2 * i] = ordo_tz_offset(zones[zi], points[i]);
        ordo_tz_to_local(zones[zi], points[i], &d, &m);
        out[2 * i + 1] = ordo_tz_to_utc(zones[zi], d, m, &u) * 1000003 + (int)(u - points[i]);
    }
}

static void *worker(void *arg)
{
    long k = (long)arg;
    static int got[8][NPOINTS * 2];
    long mismatches = 0;
    for (int round = 0; round < 3; round++)
        for (int zi = (int)k % NZONES, n = 0; n < NZONES; zi = (zi + 1) % NZONES, n++) {
            compute(zi, got[k]);
            mismatches += memcmp(got[k], answers[zi], sizeof answers[zi]) != 0;
        }
    return (void *)mismatches;
}

static void test_tz__threads(void)
{
    pthread_t t[8];
    long total = 0;
    for (int zi = 0; zi < NZONES; zi++)
        compute(zi, answers[zi]);
    for (long k = 0; k < 8; k++)
        CHECK_EQ(pthread_create(&t[k], NULL, worker, (void *)k), 0);
    for (int k = 0; k < 8; k++) {
        void *r;
        pthread_join(t[k], &r);
        total += (long)r;
    }
    CHECK_EQ(total, 0);
}

int main(void)
{
    /* instants from 1902 to 2100: around every DST change of the sample years, plus a spread */
    unsigned seed = 12345;
    for (int i = 0; i < NPOINTS; i++) {
        seed = seed * 1103515245u + 12345u;
        int y = 1902 + (int)(seed >> 8) % 199;
        seed = seed * 1103515245u + 12345u;
        int mo = 1 + (int)(seed >> 8) % 12, dd = 1 + (int)(seed >> 12) % 28;
        seed = seed * 1103515245u + 12345u;
        points[i] = utc_of(y, mo, dd, 0, 0) + (int)(seed >> 8) % ORDO_MIN_PER_DAY;
    }
    RUN(test_tz__known_values);
    RUN(test_tz__local_offsets);
    RUN(test_tz__threads);          /* before the libc test: no thread runs while TZ changes */
    RUN(test_tz__agrees_with_libc);
    return CHECK_DONE();
}
