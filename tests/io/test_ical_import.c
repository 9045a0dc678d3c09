/*
 * test_ical_import.c — a calendar read as a resource's time off
 * (io/ical_import.h): UTC, TZID (IANA, prefixed, or the file's VTIMEZONE)
 * and floating times; a weekly series across the 2026-10-25 Paris DST
 * change with EXDATEs (one with a TZID, one in UTC) and an instance moved
 * by a RECURRENCE-ID override; all-day events; cancelled and transparent
 * events ignored; VFREEBUSY busy types (FREE ignored); the range; the
 * spring gap and the autumn fold; re-import with the same source replacing
 * rows; errors that leave the model unchanged.
 */
#include "../solver/desk_fixture.h"
#include "io/ical_import.h"

#define PARIS "Europe/Paris"
#define CAL(body) "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//EN\r\n" body "END:VCALENDAR\r\n"
#define EVENT(uid, lines) "BEGIN:VEVENT\r\nUID:" uid "\r\nDTSTAMP:20260101T000000Z\r\n" lines "END:VEVENT\r\n"

typedef struct fix {
    ordo_model *m;
    int p, q;
} fix;

static fix fix_new(void)
{
    fix f;
    CHECK_EQ(ordo_model_new(&f.m), ORDO_OK);
    int site = dx_site(f.m, "paris", PARIS);
    f.p = dx_resource(f.m, "ada", ORDO_PERSON, site, 0, "");
    f.q = dx_resource(f.m, "bob", ORDO_PERSON, site, 0, "");
    dx_time_off(f.m, f.p, dx_day(2026, 12, 24), 0, dx_day(2026, 12, 27), 0, "csv");
    return f;
}

static int import(fix *f, const char *text, const char *source, ordo_ical_import_result *res, ordo_err *err)
{
    ordo_ical_import_options o = ORDO_ICAL_IMPORT_OPTIONS_INIT;
    o.resource = f->p;
    o.from = dx_day(2026, 10, 1);
    o.to = dx_day(2027, 3, 31);
    o.source = source;
    return ordo_ical_import_text(f->m, text, "cal/ada.ics", &o, res, err);
}

/* Count rows of resource r with source `src` equal to the local range. */
static int has_row(const ordo_model *m, int r, const char *src, ordo_date d0, int m0, ordo_date d1, int m1)
{
    int n = 0;
    for (size_t i = 0; i < m->time_off.n; i++) {
        const ordo_time_off *t = &m->time_off.v[i];
        n += t->resource == r && t->source && strcmp(t->source, src) == 0 && t->start_date == d0 &&
             t->start_min == m0 && t->end_date == d1 && t->end_min == m1;
    }
    return n;
}

static int rows_of(const ordo_model *m, int r, const char *src)
{
    int n = 0;
    for (size_t i = 0; i < m->time_off.n; i++)
        n += m->time_off.v[i].resource == r && m->time_off.v[i].source && strcmp(m->time_off.v[i].source, src) == 0;
    return n;
}

static void test_ical_import__times_and_zones(void)
{
    fix f = fix_new();
    const char *text = CAL(
        EVENT("tz", "SUMMARY:Dentist\r\nDTSTART;TZID=Europe/Paris:20261020T140000\r\n"
                    "DTEND;TZID=Europe/Paris:20261020T153000\r\n")
        EVENT("utc", "DTSTART:20261021T070000Z\r\nDURATION:PT45M\r\n")
        EVENT("floating", "DTSTART:20261022T090000\r\nDTEND:20261022T100000\r\n")
        EVENT("prefixed", "DTSTART;TZID=/freeassociation.sourceforge.net/Europe/Paris:20261023T090000\r\n"
                          "DTEND;TZID=/freeassociation.sourceforge.net/Europe/Paris:20261023T093000\r\n")
        EVENT("ny", "DTSTART;TZID=America/New_York:20261023T090000\r\n"
                    "DTEND;TZID=America/New_York:20261023T100000\r\n")
        EVENT("allday", "DTSTART;VALUE=DATE:20261104\r\nDTEND;VALUE=DATE:20261106\r\n")
        EVENT("allday1", "DTSTART;VALUE=DATE:20261110\r\n")
        EVENT("cancelled", "STATUS:CANCELLED\r\nDTSTART:20261024T090000Z\r\nDTEND:20261024T100000Z\r\n")
        EVENT("transparent", "TRANSP:TRANSPARENT\r\nDTSTART:20261024T090000Z\r\nDTEND:20261024T100000Z\r\n")
        EVENT("outside", "DTSTART:20280101T090000Z\r\nDTEND:20280101T100000Z\r\n"));
    ordo_ical_import_result res;
    ordo_err err = { 0 };
    CHECK_EQ(import(&f, text, NULL, &res, &err), ORDO_OK);
    CHECK_STR(err.msg, "");
    const char *src = "ada.ics";                  /* default source: the base name */
    CHECK_EQ(res.added, 7);
    CHECK_EQ(res.skipped, 2);
    CHECK_EQ(rows_of(f.m, f.p, src), 7);
    ordo_date d = dx_day(2026, 10, 20);
    CHECK_EQ(has_row(f.m, f.p, src, d, 840, d, 930), 1);
    CHECK_EQ(has_row(f.m, f.p, src, d + 1, 540, d + 1, 585), 1);          /* 07:00Z = 09:00 CEST */
    CHECK_EQ(has_row(f.m, f.p, src, d + 2, 540, d + 2, 600), 1);          /* floating: site zone */
    CHECK_EQ(has_row(f.m, f.p, src, d + 3, 540, d + 3, 570), 1);          /* prefixed TZID */
    CHECK_EQ(has_row(f.m, f.p, src, d + 3, 15 * 60, d + 3, 16 * 60), 1);  /* New York 09:00 = Paris 15:00 */
    CHECK_EQ(has_row(f.m, f.p, src, dx_day(2026, 11, 4), 0, dx_day(2026, 11, 6), 0), 1);
    CHECK_EQ(has_row(f.m, f.p, src, dx_day(2026, 11, 10), 0, dx_day(2026, 11, 11), 0), 1);
    for (size_t i = 0; i < f.m->time_off.n; i++)
        if (f.m->time_off.v[i].source && strcmp(f.m->time_off.v[i].source, src) == 0 &&
            f.m->time_off.v[i].start_min == 840)
            CHECK_STR(f.m->time_off.v[i].reason, "Dentist");
    ordo_model_free(f.m);
}

static void test_ical_import__recurring_with_exceptions_across_dst(void)
{
    fix f = fix_new();
    /* Mondays 09:00-10:00 Paris from 2026-10-12, 6 times; 10-19 removed by a
     * TZID EXDATE, 11-09 by a UTC EXDATE (08:00Z = 09:00 CET), 11-02 moved
     * to 14:00-15:00, 11-16 overridden by a cancelled instance; plus an
     * RDATE on Wednesday 2026-10-28 */
    const char *text = CAL(
        EVENT("weekly", "SUMMARY:Team meeting\r\n"
                        "DTSTART;TZID=Europe/Paris:20261012T090000\r\nDTEND;TZID=Europe/Paris:20261012T100000\r\n"
                        "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6\r\n"
                        "EXDATE;TZID=Europe/Paris:20261019T090000\r\nEXDATE:20261109T080000Z\r\n"
                        "RDATE;TZID=Europe/Paris:20261028T090000\r\n")
        EVENT("weekly", "RECURRENCE-ID;TZID=Europe/Paris:20261102T090000\r\nSUMMARY:Team meeting (moved)\r\n"
                        "DTSTART;TZID=Europe/Paris:20261102T140000\r\nDTEND;TZID=Europe/Paris:20261102T150000\r\n")
        EVENT("weekly", "RECURRENCE-ID:20261116T080000Z\r\nSTATUS:CANCELLED\r\n"
                        "DTSTART;TZID=Europe/Paris:20261116T090000\r\nDTEND;TZID=Europe/Paris:20261116T100000\r\n"));
    ordo_ical_import_result res;
    ordo_err err = { 0 };
    CHECK_EQ(import(&f, text, "work", &res, &err), ORDO_OK);
    CHECK_STR(err.msg, "");
    CHECK_EQ(rows_of(f.m, f.p, "work"), 4);
    CHECK_EQ(has_row(f.m, f.p, "work", dx_day(2026, 10, 12), 540, dx_day(2026, 10, 12), 600), 1);
    CHECK_EQ(has_row(f.m, f.p, "work", dx_day(2026, 10, 19), 540, dx_day(2026, 10, 19), 600), 0);
    /* after the DST change still 09:00 local (08:00Z) */
    CHECK_EQ(has_row(f.m, f.p, "work", dx_day(2026, 10, 26), 540, dx_day(2026, 10, 26), 600), 1);
    CHECK_EQ(has_row(f.m, f.p, "work", dx_day(2026, 10, 28), 540, dx_day(2026, 10, 28), 600), 1);
    CHECK_EQ(has_row(f.m, f.p, "work", dx_day(2026, 11, 2), 840, dx_day(2026, 11, 2), 900), 1);
    CHECK_EQ(has_row(f.m, f.p, "work", dx_day(2026, 11, 2), 540, dx_day(2026, 11, 2), 600), 0);
    CHECK_EQ(has_row(f.m, f.p, "work", dx_day(2026, 11, 9), 540, dx_day(2026, 11, 9), 600), 0);
    CHECK_EQ(has_row(f.m, f.p, "work", dx_day(2026, 11, 16), 540, dx_day(2026, 11, 16), 600), 0);
    CHECK_EQ(res.skipped, 1);

    /* an endless daily all-day series, cut at the range end */
    const char *daily = CAL(EVENT("d", "DTSTART;VALUE=DATE:20260101\r\nRRULE:FREQ=DAILY\r\n"
                                       "EXDATE;VALUE=DATE:20261002\r\n"));
    CHECK_EQ(import(&f, daily, "daily", &res, &err), ORDO_OK);
    CHECK_EQ(rows_of(f.m, f.p, "daily"), 182 - 1);        /* 2026-10-01 .. 2027-03-31, one excluded */
    ordo_model_free(f.m);
}

static void test_ical_import__dst_gap_and_fold(void)
{
    fix f = fix_new();
    const char *text = CAL(
        /* spring: 01:30 CET + 60 min = 03:30 CEST */
        EVENT("spring", "DTSTART;TZID=Europe/Paris:20270328T013000\r\nDURATION:PT1H\r\n")
        /* autumn: 00:30Z-01:30Z ends at the second 02:30: rounded up to 03:00 */
        EVENT("autumn", "DTSTART:20261025T003000Z\r\nDTEND:20261025T013000Z\r\n"));
    ordo_ical_import_result res;
    ordo_err err = { 0 };
    CHECK_EQ(import(&f, text, "dst", &res, &err), ORDO_OK);
    CHECK_EQ(has_row(f.m, f.p, "dst", dx_day(2027, 3, 28), 90, dx_day(2027, 3, 28), 210), 1);
    CHECK_EQ(has_row(f.m, f.p, "dst", dx_day(2026, 10, 25), 150, dx_day(2026, 10, 25), 180), 1);
    ordo_model_free(f.m);
}

static void test_ical_import__freebusy_and_custom_vtimezone(void)
{
    fix f = fix_new();
    const char *text = CAL(
        "BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\n"
        "BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
        EVENT("outlook", "DTSTART;TZID=W. Europe Standard Time:20261201T100000\r\n"
                         "DTEND;TZID=W. Europe Standard Time:20261201T110000\r\n")
        "BEGIN:VFREEBUSY\r\nUID:fb\r\nDTSTAMP:20260101T000000Z\r\n"
        "FREEBUSY;FBTYPE=BUSY:20261110T080000Z/20261110T090000Z\r\n"
        "FREEBUSY;FBTYPE=FREE:20261110T100000Z/20261110T120000Z\r\n"
        "FREEBUSY:20261111T080000Z/PT30M\r\n"
        "FREEBUSY;FBTYPE=BUSY-TENTATIVE:20261112T080000Z/20261112T083000Z\r\n"
        "FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20261113T080000Z/20261113T083000Z,20261114T080000Z/20261114T083000Z\r\n"
        "END:VFREEBUSY\r\n");
    ordo_ical_import_result res;
    ordo_err err = { 0 };
    CHECK_EQ(import(&f, text, "fb", &res, &err), ORDO_OK);
    CHECK_STR(err.msg, "");
    CHECK_EQ(has_row(f.m, f.p, "fb", dx_day(2026, 12, 1), 600, dx_day(2026, 12, 1), 660), 1);
    CHECK_EQ(has_row(f.m, f.p, "fb", dx_day(2026, 11, 10), 540, dx_day(2026, 11, 10), 600), 1);
    CHECK_EQ(has_row(f.m, f.p, "fb", dx_day(2026, 11, 10), 660, dx_day(2026, 11, 10), 780), 0);
    CHECK_EQ(has_row(f.m, f.p, "fb", dx_day(2026, 11, 11), 540, dx_day(2026, 11, 11), 570), 1);
    CHECK_EQ(has_row(f.m, f.p, "fb", dx_day(2026, 11, 12), 540, dx_day(2026, 11, 12), 570), 1);
    CHECK_EQ(has_row(f.m, f.p, "fb", dx_day(2026, 11, 13), 540, dx_day(2026, 11, 13), 570), 1);
    CHECK_EQ(has_row(f.m, f.p, "fb", dx_day(2026, 11, 14), 540, dx_day(2026, 11, 14), 570), 1);
    CHECK_EQ(rows_of(f.m, f.p, "fb"), 6);
    CHECK_EQ(res.skipped, 1);
    ordo_model_free(f.m);
}

static void test_ical_import__reimport_replaces(void)
{
    fix f = fix_new();
    const char *one = CAL(EVENT("a", "DTSTART:20261021T070000Z\r\nDTEND:20261021T080000Z\r\n")
                          EVENT("b", "DTSTART:20261022T070000Z\r\nDTEND:20261022T080000Z\r\n"));
    const char *two = CAL(EVENT("c", "DTSTART:20261023T070000Z\r\nDTEND:20261023T080000Z\r\n"));
    ordo_ical_import_result res;
    ordo_err err = { 0 };
    CHECK_EQ(import(&f, one, NULL, &res, &err), ORDO_OK);
    CHECK_EQ(import(&f, one, NULL, &res, &err), ORDO_OK);
    CHECK_EQ(res.replaced, 2);
    CHECK_EQ(res.added, 2);
    CHECK_EQ(rows_of(f.m, f.p, "ada.ics"), 2);
    CHECK_EQ(import(&f, two, NULL, &res, &err), ORDO_OK);          /* same source: replaced */
    CHECK_EQ(rows_of(f.m, f.p, "ada.ics"), 1);
    CHECK_EQ(import(&f, one, "other", &res, &err), ORDO_OK);       /* another source: beside it */
    CHECK_EQ(rows_of(f.m, f.p, "ada.ics"), 1);
    CHECK_EQ(rows_of(f.m, f.p, "other"), 2);
    CHECK_EQ(rows_of(f.m, f.p, "csv"), 1);                         /* the CSV row stays */
    CHECK_EQ(rows_of(f.m, f.q, "ada.ics"), 0);
    ordo_model_free(f.m);
}

static void test_ical_import__errors_change_nothing(void)
{
    fix f = fix_new();
    size_t before = f.m->time_off.n;
    ordo_ical_import_result res;
    ordo_err err = { 0 };
    CHECK_EQ(import(&f, "hello, world\n", NULL, &res, &err), ORDO_EINPUT);
    CHECK_STR(err.msg, "cal/ada.ics: not an iCalendar file (no BEGIN:VCALENDAR)");
    const char *unknown = CAL(EVENT("a", "DTSTART:20261021T070000Z\r\nDTEND:20261021T080000Z\r\n")
                              EVENT("z", "DTSTART;TZID=Mars/Olympus:20261021T070000\r\nDURATION:PT1H\r\n"));
    CHECK_EQ(import(&f, unknown, NULL, &res, &err), ORDO_EINPUT);
    CHECK_STR(err.msg, "cal/ada.ics:13: event 'z': time zone 'Mars/Olympus' is neither an IANA name nor "
                       "defined by a VTIMEZONE in the file");
    const char *nostart = CAL(EVENT("n", "SUMMARY:x\r\n"));
    CHECK_EQ(import(&f, nostart, NULL, &res, &err), ORDO_EINPUT);
    CHECK_STR(err.msg, "cal/ada.ics:5: event 'n': no DTSTART");
    const char *backwards = CAL(EVENT("w", "DTSTART:20261021T080000Z\r\nDTEND:20261021T070000Z\r\n"));
    CHECK_EQ(import(&f, backwards, NULL, &res, &err), ORDO_EINPUT);
    CHECK_CONTAINS(err.msg, "event 'w': it ends before it starts");
    CHECK_EQ(f.m->time_off.n, before);
    ordo_ical_import_options o = ORDO_ICAL_IMPORT_OPTIONS_INIT;
    o.resource = f.p;
    CHECK_EQ(ordo_ical_import_file(f.m, "/nonexistent/x.ics", &o, &res, &err), ORDO_EIO);
    CHECK_CONTAINS(err.msg, "/nonexistent/x.ics: cannot open");
    o.resource = 99;
    CHECK_EQ(ordo_ical_import_text(f.m, "", "x", &o, &res, &err), ORDO_EINVAL);
    ordo_model_free(f.m);
}

static void count_warning(const char *msg, void *payload)
{
    int *n = payload;
    if (strncmp(msg, "cal/ada.ics:", 12) == 0)
        ++*n;
}

/* Hostile input (issue 10): refusals name the line; tolerated oddities warn,
 * are counted, and change only what they should. */
static void test_ical_import__hostile_lines_named(void)
{
    fix f = fix_new();
    size_t before = f.m->time_off.n;
    ordo_ical_import_result res;
    ordo_err err = { 0 };
    const char *bogus = CAL(EVENT("b", "DTSTART:20261021T070000Z\r\nDURATION:PT1H\r\nRRULE:FREQ=BOGUS\r\n"));
    CHECK_EQ(import(&f, bogus, NULL, &res, &err), ORDO_EINPUT);
    CHECK_CONTAINS(err.msg, "cal/ada.ics:9: libical cannot read this line");
    const char *feb30 = CAL(EVENT("d", "DTSTART:20270230T070000Z\r\nDURATION:PT1H\r\n"));
    CHECK_EQ(import(&f, feb30, NULL, &res, &err), ORDO_EINPUT);
    CHECK_STR(err.msg, "cal/ada.ics:7: event 'd': DTSTART: 2027-02-30 is not a date");
    const char *secondly = CAL(EVENT("s", "DTSTART:20261001T090000Z\r\nDURATION:PT1H\r\n"
                                          "RRULE:FREQ=SECONDLY;BYMONTH=12;BYHOUR=9;BYMINUTE=0\r\n"));
    CHECK_EQ(import(&f, secondly, NULL, &res, &err), ORDO_EINPUT);
    CHECK_CONTAINS(err.msg, "cal/ada.ics:9: event 's': RRULE FREQ=SECONDLY takes about");
    CHECK_EQ(f.m->time_off.n, before);
    /* a weekly rule from 2001 reaches the range (no instance limit before it) */
    const char *old = CAL(EVENT("w", "DTSTART;TZID=Europe/Paris:20010101T090000\r\nDURATION:PT1H\r\n"
                                     "RRULE:FREQ=WEEKLY\r\n")
                          "BEGIN:VCALENDAR\r\n" EVENT("n", "DTSTART:20261021T070000Z\r\nDURATION:PT1H\r\n")
                          "END:VCALENDAR\r\nFOO:bar\r\n");
    int warned = 0;
    ordo_ical_import_options o = ORDO_ICAL_IMPORT_OPTIONS_INIT;
    o.resource = f.p;
    o.from = dx_day(2026, 10, 1);
    o.to = dx_day(2026, 10, 31);
    o.warn = count_warning;
    o.payload = &warned;
    CHECK_EQ(ordo_ical_import_text(f.m, old, "cal/ada.ics", &o, &res, &err), ORDO_OK);
    CHECK_EQ(res.warnings, 2);                   /* the nested calendar, FOO */
    CHECK_EQ(warned, 2);
    CHECK_EQ(res.added, 4);                      /* Mondays 5, 12, 19, 26 October 2026; not the nested event */
    CHECK_EQ(has_row(f.m, f.p, "ada.ics", dx_day(2026, 10, 26), 9 * 60, dx_day(2026, 10, 26), 10 * 60), 1);
    ordo_model_free(f.m);
}

int main(void)
{
    RUN(test_ical_import__times_and_zones);
    RUN(test_ical_import__recurring_with_exceptions_across_dst);
    RUN(test_ical_import__dst_gap_and_fold);
    RUN(test_ical_import__freebusy_and_custom_vtimezone);
    RUN(test_ical_import__reimport_replaces);
    RUN(test_ical_import__errors_change_nothing);
    RUN(test_ical_import__hostile_lines_named);
    return CHECK_DONE();
}
