/*
 * test_ical_export.c — the calendars written for the fixture plan, read back
 * as text: which files exist, calendar properties, one VTIMEZONE named with
 * the plain IANA name and truncated to the plan's years, per-event UID,
 * DTSTAMP, SEQUENCE, STATUS, SUMMARY, LOCATION, CATEGORIES and ATTENDEE,
 * local DTSTART/DTEND on both sides of the 2026-10-25 DST change converted
 * back to the stored UTC instants, an end at 24:00, cancelled sessions,
 * event order, byte-identical re-export, and every file accepted by
 * $ORDO_SHARED_DIR/tools/ics-check (python-icalendar, calcurse, khal).
 */
#include "export_fixture.h"
#include "io/ical_export.h"
#include "model/tz.h"

#include <sys/wait.h>

static const char *const all_files[] = { "resource-alice.ics", "resource-bob.ics", "resource-room1.ics",
                                         "resource-proj.ics", "course-c-b.ics", "course-c-a.ics",
                                         "course-c-z.ics", "resource-carol.ics" };
#define NFILES ((int)(sizeof all_files / sizeof *all_files))

/* RFC 5545 unfolding: drop every CRLF followed by a space or tab. */
static char *unfold(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    for (const char *p = s; *p; p++) {
        if (p[0] == '\r' && p[1] == '\n' && (p[2] == ' ' || p[2] == '\t')) {
            p += 2;
            continue;
        }
        *o++ = *p;
    }
    *o = '\0';
    return out;
}

static char *read_unfolded(const char *dir, const char *name)
{
    char *raw = fix_read(dir, name);
    char *u = raw ? unfold(raw) : NULL;
    free(raw);
    return u;
}

/* The VEVENT of session `id` (a copy, "" if absent). */
static char *event_of(const char *cal, int64_t id)
{
    char uid[64];
    snprintf(uid, sizeof uid, "\r\nUID:ordo-session-%lld@ordo\r\n", (long long)id);
    const char *hit = cal ? strstr(cal, uid) : NULL;
    if (!hit)
        return strdup("");
    const char *begin = hit, *end = strstr(hit, "END:VEVENT\r\n");
    while (begin > cal && strncmp(begin, "BEGIN:VEVENT", 12) != 0)
        begin--;
    return strndup(begin, end ? (size_t)(end - begin) : strlen(begin));
}

/* The value of the first property `name` in `text` (after its parameters). */
static char *prop_value(const char *text, const char *name)
{
    size_t n = strlen(name);
    for (const char *line = text; line && *line; line = strstr(line, "\r\n"), line = line ? line + 2 : NULL) {
        if (strncmp(line, name, n) != 0 || (line[n] != ':' && line[n] != ';'))
            continue;
        const char *eol = strstr(line, "\r\n");
        const char *colon = line + n;
        for (int quoted = 0; colon < eol && (quoted || *colon != ':'); colon++)
            quoted ^= *colon == '"';
        return colon < eol ? strndup(colon + 1, (size_t)(eol - colon - 1)) : strdup("");
    }
    return strdup("(absent)");
}

/* DTSTART/DTEND "YYYYMMDDTHHMMSS" local in Europe/Paris -> UTC minutes. */
static ordo_utc paris_to_utc(const char *v)
{
    int y, mo, d, h, mi, s;
    ordo_utc out = -1;
    if (sscanf(v, "%4d%2d%2dT%2d%2d%2d", &y, &mo, &d, &h, &mi, &s) == 6)
        CHECK_EQ(ordo_tz_to_utc("Europe/Paris", ordo_date_from_ymd(y, mo, d), h * 60 + mi, &out),
                 ORDO_LOCAL_OK);
    return out;
}

static void test_ical_export__files_and_calendar(void)
{
    char dir[512];
    int files = -1;
    fix_export(ordo_ical_export, "ical_files", dir, sizeof dir, &files);
    CHECK_EQ(files, NFILES);
    CHECK_EQ(fix_count_files(dir), NFILES);          /* no temp file */
    char *carol = fix_read(dir, "resource-carol.ics"); /* no event, still a file (no 404) */
    CHECK(carol && !strstr(carol, "BEGIN:VEVENT") && strstr(carol, "\r\nX-WR-CALNAME:Carol\r\n"));
    free(carol);
    for (int i = 0; i < NFILES; i++) {
        char *raw = fix_read(dir, all_files[i]);
        CHECK(raw != NULL);
        if (!raw)
            continue;
        CHECK(strncmp(raw, "BEGIN:VCALENDAR\r\n", 17) == 0);
        CHECK_CONTAINS(raw, "\r\nVERSION:2.0\r\n");
        CHECK_CONTAINS(raw, "\r\nPRODID:-//ordo//ordo 0.1//EN\r\n");
        CHECK_CONTAINS(raw, "\r\nCALSCALE:GREGORIAN\r\n");
        CHECK(!strstr(raw, "METHOD:"));   /* PUBLISH would forbid ATTENDEE */
        int empty = strcmp(all_files[i], "resource-carol.ics") == 0;
        CHECK_EQ(fix_count_of(raw, "BEGIN:VTIMEZONE\r\n"), empty ? 0 : 1);
        if (!empty)
            CHECK_CONTAINS(raw, "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n");
        CHECK(!strstr(raw, "freeassociation"));
        CHECK(!strstr(raw, "DTSTART:19"));            /* truncated to the plan's years */
        int bare_lf = 0, longest = 0;
        for (const char *p = raw, *line = raw; *p; p++)
            if (*p == '\n') {
                bare_lf += p == raw || p[-1] != '\r';
                if (p - line - 1 > longest)
                    longest = (int)(p - line - 1);
                line = p + 1;
            }
        CHECK_EQ(bare_lf, 0);
        CHECK(longest <= 75);
        free(raw);
    }
    char *b = fix_read(dir, "course-c-b.ics");
    CHECK(b && strstr(b, "\r\n "));                   /* the long SUMMARY was folded */
    free(b);
}

static void test_ical_export__events(void)
{
    char dir[512];
    int files = 0;
    fix_export(ordo_ical_export, "ical_events", dir, sizeof dir, &files);
    char *cb = read_unfolded(dir, "course-c-b.ics");
    char *e11 = event_of(cb, 11), *e12 = event_of(cb, 12);
    char *v;
    CHECK_STR(v = prop_value(e11, "DTSTAMP"), "20251009T085331Z"); free(v);   /* 1760000011 s */
    CHECK_STR(v = prop_value(e11, "SEQUENCE"), "0"); free(v);
    CHECK_STR(v = prop_value(e12, "SEQUENCE"), "2"); free(v);
    CHECK_STR(v = prop_value(e11, "STATUS"), "CONFIRMED"); free(v);
    CHECK_CONTAINS(e11, "\r\nDTSTART;TZID=Europe/Paris:20261024T090000\r\n");
    CHECK_CONTAINS(e11, "\r\nDTEND;TZID=Europe/Paris:20261024T110000\r\n");
    CHECK_CONTAINS(e12, "\r\nDTSTART;TZID=Europe/Paris:20261026T090000\r\n");
    /* Same local 09:00 on both sides of the DST change, different UTC offsets. */
    CHECK_EQ(paris_to_utc(v = prop_value(e11, "DTSTART")), fix_utc(2026, 10, 24, 7, 0)); free(v);
    CHECK_EQ(paris_to_utc(v = prop_value(e12, "DTSTART")), fix_utc(2026, 10, 26, 8, 0)); free(v);
    CHECK_EQ(paris_to_utc(v = prop_value(e12, "DTEND")), fix_utc(2026, 10, 26, 10, 0)); free(v);
    v = prop_value(e11, "SUMMARY");
    CHECK_CONTAINS(v, "Budget <basics> & more");
    CHECK_CONTAINS(v, "folded (session 1/3)");
    free(v);
    CHECK_CONTAINS(e12, "(session 2/3)\r\n");
    CHECK_STR(v = prop_value(e11, "LOCATION"), "Salle Rivoli\\, 1st floor"); free(v);
    CHECK_STR(v = prop_value(e11, "CATEGORIES"), "Spreadsheets"); free(v);
    CHECK_CONTAINS(e11, ":mailto:alice@example.org\r\n");
    CHECK_CONTAINS(e11, "CN=Alice Martin-L\xc3\xa9v\xc3\xaaque");
    CHECK_CONTAINS(e11, "CUTYPE=ROOM:urn:ordo:resource:room1\r\n");
    CHECK_EQ(fix_count_of(e11, "\r\nATTENDEE;"), 2);
    CHECK(!strstr(cb, "UID:ordo-session-13@"));       /* unscheduled, never placed */

    char *ca = read_unfolded(dir, "course-c-a.ics");
    char *e21 = event_of(ca, 21), *e22 = event_of(ca, 22), *e24 = event_of(ca, 24);
    CHECK_CONTAINS(e22, "\r\nDTSTART;TZID=Europe/Paris:20261020T230000\r\n");
    CHECK_CONTAINS(e22, "\r\nDTEND;TZID=Europe/Paris:20261021T000000\r\n");   /* 24:00 */
    CHECK_STR(v = prop_value(e22, "STATUS"), "CONFIRMED"); free(v);           /* DONE */
    CHECK_STR(v = prop_value(e22, "SUMMARY"), "Accounting (session 1/2)"); free(v);
    CHECK_STR(v = prop_value(e21, "SUMMARY"), "Accounting (session 2/2)"); free(v);
    CHECK_STR(v = prop_value(e24, "STATUS"), "CANCELLED"); free(v);
    CHECK_STR(v = prop_value(e24, "SEQUENCE"), "3"); free(v);
    CHECK_STR(v = prop_value(e24, "SUMMARY"), "Accounting (cancelled)"); free(v);
    CHECK_STR(v = prop_value(e21, "LOCATION"), "Paris HQ"); free(v);          /* no room */
    CHECK_STR(v = prop_value(e21, "CATEGORIES"), "PowerPoint"); free(v);
    CHECK_CONTAINS(e21, ":urn:ordo:resource:bob\r\n");                        /* no email */
    CHECK_CONTAINS(e21, "CUTYPE=RESOURCE:urn:ordo:resource:proj\r\n");
    CHECK(!strstr(ca, "UID:ordo-session-25@"));       /* cancelled, never placed */
    const char *p22 = strstr(ca, "UID:ordo-session-22@"), *p24 = strstr(ca, "UID:ordo-session-24@"),
               *p21 = strstr(ca, "UID:ordo-session-21@");
    CHECK(p22 && p24 && p21 && p22 < p24 && p24 < p21);   /* DTSTART order */

    char *cz = read_unfolded(dir, "course-c-z.ics");
    char *e32 = event_of(cz, 32);
    CHECK_STR(v = prop_value(e32, "STATUS"), "CANCELLED"); free(v);   /* unscheduled, placed once */
    CHECK_STR(v = prop_value(e32, "SUMMARY"), "Zen VBA (session 2/2)"); free(v);
    CHECK_EQ(fix_count_of(cz, "BEGIN:VEVENT"), 1);

    char *alice = read_unfolded(dir, "resource-alice.ics"), *bob = read_unfolded(dir, "resource-bob.ics");
    CHECK_EQ(fix_count_of(alice, "BEGIN:VEVENT"), 2);
    CHECK_EQ(fix_count_of(bob, "BEGIN:VEVENT"), 3);
    CHECK(alice && strstr(alice, "UID:ordo-session-11@") && strstr(alice, "UID:ordo-session-12@"));
    free(cb); free(e11); free(e12); free(ca); free(e21); free(e22); free(e24);
    free(cz); free(e32); free(alice); free(bob);
}

static void test_ical_export__byte_identical(void)
{
    char dir1[512], dir2[512];
    int f1 = 0, f2 = 0;
    fix_export(ordo_ical_export, "ical_same_1", dir1, sizeof dir1, &f1);
    fix_export(ordo_ical_export, "ical_same_2", dir2, sizeof dir2, &f2);
    CHECK_EQ(f1, f2);
    char *before[NFILES];
    for (int i = 0; i < NFILES; i++)
        before[i] = fix_read(dir1, all_files[i]);
    ordo_model *m = fix_model();
    ordo_err err = { 0 };
    CHECK_EQ(ordo_ical_export(m, dir1, &f1, &err), ORDO_OK);     /* again, over the old files */
    for (int i = 0; i < NFILES; i++) {
        char *again = fix_read(dir1, all_files[i]), *other = fix_read(dir2, all_files[i]);
        CHECK_STR(again, before[i]);
        CHECK_STR(other, before[i]);
        free(again); free(other); free(before[i]);
    }
    /* A changed session changes its files and no others. */
    m->sessions.v[0].sequence = 7;
    CHECK_EQ(ordo_ical_export(m, dir2, &f2, &err), ORDO_OK);
    char *x = fix_read(dir2, "course-c-b.ics"), *y = fix_read(dir1, "course-c-b.ics");
    char *z = fix_read(dir2, "course-c-a.ics"), *w = fix_read(dir1, "course-c-a.ics");
    CHECK(x && y && strcmp(x, y) != 0);
    CHECK_STR(z, w);
    free(x); free(y); free(z); free(w);
    ordo_model_free(m);
}

static void test_ical_export__ics_check(void)
{
    char dir[512];
    int files = 0;
    fix_export(ordo_ical_export, "ical_check", dir, sizeof dir, &files);
    const char *shared = getenv("ORDO_SHARED_DIR");
    CHECK(shared != NULL);
    if (!shared)
        return;
    for (int i = 0; i < NFILES; i++) {
        char cmd[2048];
        snprintf(cmd, sizeof cmd, "'%s/tools/ics-check' --libical '%s/%s' > '%s/%s.check' 2>&1", shared, dir,
                 all_files[i], dir, all_files[i]);
        int status = system(cmd);
        int ok = status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
        if (!ok) {
            char log[600];
            snprintf(log, sizeof log, "%s.check", all_files[i]);
            char *text = fix_read(dir, log);
            fprintf(stderr, "ics-check %s:\n%s\n", all_files[i], text ? text : "(no output)");
            free(text);
        }
        CHECK(ok);
    }
}

static void test_ical_export__errors(void)
{
    char dir[512];
    fix_dir(dir, sizeof dir, "ical_errors");
    ordo_model *m = fix_model();
    ordo_err err = { 0 };
    int files = -1;
    m->sessions.v[0].id = 0;                          /* placed but never stored */
    CHECK_EQ(ordo_ical_export(m, dir, &files, &err), ORDO_EINVAL);
    CHECK_CONTAINS(err.msg, "no stable id");
    CHECK_EQ(files, 0);
    m->sessions.v[0].id = 11;
    ordo__free(m->resources.v[FIX_BOB].id);
    m->resources.v[FIX_BOB].id = ordo__strdup("../bob");
    CHECK_EQ(ordo_ical_export(m, dir, &files, &err), ORDO_EINVAL);
    CHECK_CONTAINS(err.msg, "'../bob'");
    CHECK_EQ(files, 1);                               /* alice's file came first */
    ordo_model_free(m);
}

/* Every allocation of ordo's own code may fail (libical's are not ours). */
static void test_ical_export__out_of_memory(void) { fix_export_oom(ordo_ical_export, "ical_oom", 8); }

/* Issue 10: hostile strings put straight into the model (no import
 * validation) cannot add a property: every event keeps exactly its own
 * attendees for python-icalendar, and ics-check --libical accepts the file. */
static void test_ical_export__injection(void)
{
    static const char evil[] = "a@b\r\nATTENDEE:mailto:evil@x";
    char dir[512], cmd[2048];
    fix_dir(dir, sizeof dir, "ical_inject");
    ordo_model *m = fix_model();
    ordo_resource *alice = &m->resources.v[FIX_ALICE];
    ordo__free(alice->email);
    alice->email = ordo__strdup(evil);
    ordo__free(alice->name);
    alice->name = ordo__strdup("Eve\r\nATTENDEE:mailto:evil2@x\";CN=x:");
    ordo__free(m->resources.v[FIX_ROOM].name);
    m->resources.v[FIX_ROOM].name = ordo__strdup("Room\rATTENDEE:mailto:evil3@x\x01");
    ordo__free(m->courses.v[FIX_C_B].title);
    m->courses.v[FIX_C_B].title = ordo__strdup("T\r\nATTENDEE:mailto:evil4@x\nBEGIN:VEVENT");
    ordo__free(m->services.v[0].name);
    m->services.v[0].name = ordo__strdup("S\r\nATTENDEE:mailto:evil5@x");
    ordo__free(m->sites.v[0].name);
    m->sites.v[0].name = ordo__strdup("Site\nATTENDEE:mailto:evil6@x");
    ordo_err err = { 0 };
    int files = 0;
    CHECK_EQ(ordo_ical_export(m, dir, &files, &err), ORDO_OK);
    char *raw = fix_read(dir, "course-c-b.ics");
    CHECK(raw != NULL);
    CHECK(raw && !strstr(raw, "\r\nATTENDEE:mailto:evil"));
    CHECK(raw && !strstr(raw, "\r\nBEGIN:VEVENT\r\nATTENDEE"));
    CHECK_EQ(fix_count_of(raw, "\r\nBEGIN:VEVENT\r\n"), 2);
    CHECK(raw && strstr(raw, "\r\nSUMMARY:T ATTENDEE:mailto:evil4@x BEGIN:VEVENT (session 1/3)\r\n"));
    CHECK(raw && strstr(raw, "mailto:a@b%0D%0AATTENDEE:mailto:evil@x"));
    free(raw);
    const char *shared = getenv("ORDO_SHARED_DIR"), *src = getenv("ORDO_SOURCE_DIR");
    CHECK(shared && src);
    if (shared && src) {
        snprintf(cmd, sizeof cmd, "/usr/bin/python3 '%s/tests/io/ics_attendees.py' '%s/course-c-b.ics' > '%s/att.txt' 2>&1",
                 src, dir, dir);
        CHECK_EQ(system(cmd), 0);
        char *att = fix_read(dir, "att.txt");
        /* exactly alice (the encoded address) and the room, in both sessions */
        CHECK_STR(att, "ordo-session-11@ordo 2 mailto:a@b%0D%0AATTENDEE:mailto:evil@x urn:ordo:resource:room1\n"
                       "ordo-session-12@ordo 2 mailto:a@b%0D%0AATTENDEE:mailto:evil@x urn:ordo:resource:room1\n");
        free(att);
        for (int i = 0; i < 2; i++) {
            const char *f = i == 0 ? "course-c-b.ics" : "resource-alice.ics";
            snprintf(cmd, sizeof cmd, "'%s/tools/ics-check' --libical '%s/%s' > '%s/%s.check' 2>&1", shared, dir, f,
                     dir, f);
            int st = system(cmd);
            CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0);
        }
    }
    ordo_model_free(m);
}

/* Issue 9: a session that changes trainer stays in the old trainer's
 * calendar as STATUS:CANCELLED with a higher SEQUENCE (people who imported
 * the file lose it), shows CONFIRMED in the new one, and a further export
 * of the unchanged plan is byte-identical. */
static void test_ical_export__old_resource_keeps_cancelled(void)
{
    char dir[512], cmd[2048];
    fix_dir(dir, sizeof dir, "ical_moved");
    ordo_model *m = fix_model();
    ordo_err err = { 0 };
    int files = 0;
    CHECK_EQ(ordo_ical_export(m, dir, &files, &err), ORDO_OK);
    ordo_session *s11 = &m->sessions.v[0];
    CHECK_EQ(s11->id, 11);
    CHECK_EQ(s11->resources[0], FIX_ALICE);
    s11->resources[0] = FIX_CAROL;     /* the re-plan gives it to carol ... */
    s11->sequence = 1;                 /* ... and raises its SEQUENCE */
    CHECK_EQ(ordo_ical_export(m, dir, &files, &err), ORDO_OK);
    char *alice = read_unfolded(dir, "resource-alice.ics"), *carol = read_unfolded(dir, "resource-carol.ics");
    char *a11 = event_of(alice, 11), *c11 = event_of(carol, 11), *a12 = event_of(alice, 12);
    CHECK_CONTAINS(a11, "\r\nSTATUS:CANCELLED\r\n");
    CHECK_CONTAINS(a11, "\r\nSEQUENCE:1\r\n");
    CHECK_CONTAINS(c11, "\r\nSTATUS:CONFIRMED\r\n");
    CHECK_CONTAINS(c11, "\r\nSEQUENCE:1\r\n");
    CHECK_CONTAINS(a12, "\r\nSTATUS:CONFIRMED\r\n");          /* alice's other session untouched */
    char *course = read_unfolded(dir, "course-c-b.ics");
    CHECK_EQ(fix_count_of(course, "UID:ordo-session-11@ordo"), 1);   /* the course calendar: once, confirmed */
    char *before = fix_read(dir, "resource-alice.ics");
    CHECK_EQ(ordo_ical_export(m, dir, &files, &err), ORDO_OK);
    char *after = fix_read(dir, "resource-alice.ics");
    CHECK_STR(after, before);
    /* the plan edited without a SEQUENCE raise (e.g. by hand): still old + 1 */
    s11->resources[0] = FIX_BOB;
    CHECK_EQ(ordo_ical_export(m, dir, &files, &err), ORDO_OK);
    char *carol2 = read_unfolded(dir, "resource-carol.ics"), *c11b = event_of(carol2, 11);
    CHECK_CONTAINS(c11b, "\r\nSTATUS:CANCELLED\r\n");
    CHECK_CONTAINS(c11b, "\r\nSEQUENCE:2\r\n");
    const char *shared = getenv("ORDO_SHARED_DIR");
    if (shared) {
        snprintf(cmd, sizeof cmd, "'%s/tools/ics-check' --libical '%s/resource-carol.ics' > '%s/carol.check' 2>&1",
                 shared, dir, dir);
        int st = system(cmd);
        CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    free(alice); free(carol); free(a11); free(c11); free(a12); free(course); free(before); free(after);
    free(carol2); free(c11b);
    ordo_model_free(m);
}

int main(void)
{
    RUN(test_ical_export__files_and_calendar);
    RUN(test_ical_export__events);
    RUN(test_ical_export__byte_identical);
    RUN(test_ical_export__ics_check);
    RUN(test_ical_export__errors);
    RUN(test_ical_export__injection);
    RUN(test_ical_export__old_resource_keeps_cancelled);
    RUN(test_ical_export__out_of_memory);
    return CHECK_DONE();
}
