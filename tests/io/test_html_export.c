/*
 * test_html_export.c — the HTML timetables of the fixture plan: one page per
 * resource and course plus index.html, every index link leads to a written
 * page, user strings are escaped, the week grid has one grid per ISO week,
 * the same hour range in every week of a page (earliest start to latest
 * end), blocks placed at their real start with heights proportional to their
 * durations (60 px an hour), durations in words ("1 h"), the customer, local
 * times (DST pair, end at 24:00), courses with unplaced sessions marked in
 * the index, no script, and each page is well-formed (xmllint, when the
 * machine has it). tests/e2e/test_view.sh checks the rendering in chromium.
 */
#include "export_fixture.h"
#include "io/html_export.h"

#include <sys/wait.h>

#define DASH "\xe2\x80\x93"

static const char *const pages[] = { "index.html", "resource-alice.html", "resource-bob.html",
                                     "resource-room1.html", "resource-proj.html", "resource-carol.html",
                                     "course-c-b.html", "course-c-a.html", "course-c-z.html" };
#define NPAGES ((int)(sizeof pages / sizeof *pages))

static void test_html_export__files_and_links(void)
{
    char dir[512];
    int files = -1;
    fix_export(ordo_html_export, "html_files", dir, sizeof dir, &files);
    CHECK_EQ(files, NPAGES);
    CHECK_EQ(fix_count_files(dir), NPAGES);
    for (int i = 0; i < NPAGES; i++)
        CHECK(fix_exists(dir, pages[i]));
    char *index = fix_read(dir, "index.html");
    int links = 0;
    for (const char *p = index; p && (p = strstr(p, "href=\"")); links++) {
        p += 6;
        const char *q = strchr(p, '"');
        char target[256];
        snprintf(target, sizeof target, "%.*s", q ? (int)(q - p) : 0, p);
        CHECK(fix_exists(dir, target));
    }
    CHECK_EQ(links, NPAGES - 1);                       /* every page but the index itself */
    for (int i = 1; i < NPAGES; i++) {
        char href[128];
        snprintf(href, sizeof href, "href=\"%s\"", pages[i]);
        CHECK_CONTAINS(index, href);
    }
    free(index);
}

static void test_html_export__escaping_and_markup(void)
{
    char dir[512];
    int files = 0;
    fix_export(ordo_html_export, "html_escape", dir, sizeof dir, &files);
    char *cb = fix_read(dir, "course-c-b.html"), *bob = fix_read(dir, "resource-bob.html");
    char *cz = fix_read(dir, "course-c-z.html"), *index = fix_read(dir, "index.html");
    CHECK_CONTAINS(cb, "Budget &lt;basics&gt; &amp; more");
    CHECK(cb && !strstr(cb, "<basics>"));
    CHECK_CONTAINS(bob, "Bob &lt;Builder&gt; &amp; &quot;Co&quot;");
    CHECK(bob && !strstr(bob, "<Builder>"));
    CHECK_CONTAINS(index, "Bob &lt;Builder&gt; &amp; &quot;Co&quot;</a>");
    CHECK_CONTAINS(cz, "skill: no person teaches &quot;VBA&quot;, sorry");
    free(cb); free(bob); free(cz); free(index);

    const char *xmllint = access("/usr/bin/xmllint", X_OK) == 0 ? "/usr/bin/xmllint" : NULL;
    if (!xmllint)
        fprintf(stderr, "note: no /usr/bin/xmllint, well-formedness not checked\n");
    for (int i = 0; i < NPAGES; i++) {
        char *page = fix_read(dir, pages[i]);
        CHECK(page && strncmp(page, "<!DOCTYPE html>\n<html lang=\"en\">", 32) == 0);
        CHECK(page && !strstr(page, "<script"));
        CHECK_CONTAINS(page, "<meta charset=\"utf-8\"/>");
        CHECK_EQ(fix_count_of(page, "<table>"), fix_count_of(page, "</table>"));
        CHECK_EQ(fix_count_of(page, "<td"), fix_count_of(page, "</td>"));
        free(page);
        if (xmllint) {
            char cmd[1200];
            snprintf(cmd, sizeof cmd, "%s --noout '%s/%s'", xmllint, dir, pages[i]);
            int st = system(cmd);
            CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0);
        }
    }
}

static void test_html_export__week_grid(void)
{
    char dir[512];
    int files = 0;
    fix_export(ordo_html_export, "html_grid", dir, sizeof dir, &files);
    /* c-b: Sat 24 Oct (CEST) and Mon 26 Oct (CET), both 09:00-11:00 local, in ISO weeks 43 and 44. */
    char *cb = fix_read(dir, "course-c-b.html");
    CHECK_EQ(fix_count_of(cb, "<div class=\"wk\">"), 2);
    CHECK_CONTAINS(cb, "<h2>Week 2026-W43: Mon 19 Oct " DASH " Sun 25 Oct 2026</h2>");
    CHECK_CONTAINS(cb, "<h2>Week 2026-W44: Mon 26 Oct " DASH " Sun 1 Nov 2026</h2>");
    CHECK_EQ(fix_count_of(cb, "09:00" DASH "11:00 (2 h)"), 2);
    CHECK_EQ(fix_count_of(cb, "<span class=\"hl\""), 4);      /* 09:00 and 10:00 in each week */
    CHECK_EQ(fix_count_of(cb, "<div class=\"hours\" style=\"height:120px\">"), 2);
    /* both sessions start at the top of the range (09:00) and last 2 h = 96 px */
    CHECK_CONTAINS(cb, "data-session=\"11\" data-start=\"540\" data-end=\"660\" style=\"top:0px;height:120px;");
    CHECK_CONTAINS(cb, "data-session=\"12\" data-start=\"540\" data-end=\"660\" style=\"top:0px;height:120px;");
    CHECK_CONTAINS(cb, "(session 1/3)");
    CHECK_CONTAINS(cb, "Alice Martin-L\xc3\xa9v\xc3\xaaque, Salle Rivoli, 1st floor");
    CHECK_CONTAINS(cb, "Salle Rivoli, 1st floor; for acme</span>");
    CHECK_CONTAINS(cb, "session 3: window: no free day");
    /* c-a: 23:00-24:00 on Tue 20 Oct and 09:00-10:00 on Sat 24 Oct: one week, hours 09..23. */
    char *ca = fix_read(dir, "course-c-a.html");
    CHECK_EQ(fix_count_of(ca, "<div class=\"wk\">"), 1);
    CHECK_EQ(fix_count_of(ca, "<span class=\"hl\""), 15);
    CHECK_CONTAINS(ca, "<span class=\"hl\" style=\"top:0px\">09:00</span>");
    CHECK_CONTAINS(ca, "<span class=\"hl\" style=\"top:840px\">23:00</span>");
    CHECK_CONTAINS(ca, "data-session=\"22\" data-start=\"1380\" data-end=\"1440\" style=\"top:840px;height:60px;");
    CHECK_CONTAINS(ca, "23:00" DASH "24:00 (1 h) done");
    CHECK(ca && !strstr(ca, "cancelled"));               /* cancelled sessions are not shown */
    CHECK(ca && !strstr(ca, " conflict\""));             /* no conflict in the fixture */
    char *idx = fix_read(dir, "index.html");
    CHECK_CONTAINS(idx, "course-c-b.html\">Budget");
    CHECK_CONTAINS(idx, "<span class=\"unplaced\">1 session not placed</span>");
    CHECK_CONTAINS(idx, "<span class=\"unplaced\">2 sessions not placed</span>");    /* c-z */
    CHECK_EQ(fix_count_of(idx, "class=\"unplaced\""), 2);                        /* not c-a */
    free(idx);
    char *carol = fix_read(dir, "resource-carol.html");
    CHECK_CONTAINS(carol, "No sessions planned.");
    CHECK_EQ(fix_count_of(carol, "<div class=\"wk\">"), 0);
    char *alice = fix_read(dir, "resource-alice.html");
    CHECK_EQ(fix_count_of(alice, "09:00" DASH "11:00"), 2);
    CHECK_CONTAINS(alice, "Europe/Paris");
    free(cb); free(ca); free(carol); free(alice);
}

/* 2026-10-25, Paris: 03:00 CEST -> 02:00 CET. A session 02:30 CEST -> 02:30
 * CET (00:30Z -> 01:30Z) lasts an hour but ends at its local start: it is
 * drawn an hour tall from 02:30 (30 px below the range's 02:00), and its
 * label says 02:30-02:30 (1 h). Without the fix it was 0 px tall. */
static void test_html_export__dst_fold(void)
{
    char dir[512];
    int files = 0;
    ordo_err err = { 0 };
    fix_dir(dir, sizeof dir, "html_fold");
    ordo_model *m = fix_model();
    int c = fix_course(m, "c-fold", "Night shift", 0, 1);
    const int res[] = { FIX_CAROL, -1 };
    fix_session(m, 901, c, 1, ORDO_SESSION_PLANNED, fix_utc(2026, 10, 25, 0, 30), fix_utc(2026, 10, 25, 1, 30), 0,
                res, 0, NULL);
    CHECK_EQ(ordo_html_export(m, dir, &files, &err), ORDO_OK);
    char *page = fix_read(dir, "course-c-fold.html");
    CHECK_CONTAINS(page, "data-session=\"901\" data-start=\"150\" data-end=\"210\" style=\"top:30px;height:60px;");
    CHECK_CONTAINS(page, "02:30" DASH "02:30 (1 h)");
    free(page);
    ordo_model_free(m);
}

static void test_html_export__bad_id(void)
{
    char dir[512];
    fix_dir(dir, sizeof dir, "html_bad_id");
    ordo_model *m = fix_model();
    ordo__free(m->courses.v[FIX_C_A].id);
    m->courses.v[FIX_C_A].id = ordo__strdup("a/b");
    ordo_err err = { 0 };
    int files = -1;
    CHECK_EQ(ordo_html_export(m, dir, &files, &err), ORDO_EINVAL);
    CHECK_CONTAINS(err.msg, "course id 'a/b'");
    CHECK(!fix_exists(dir, "index.html"));
    ordo_model_free(m);
}

/* Every allocation of ordo's own code may fail (libical's are not ours). */
static void test_html_export__out_of_memory(void) { fix_export_oom(ordo_html_export, "html_oom", 9); }

int main(void)
{
    RUN(test_html_export__files_and_links);
    RUN(test_html_export__escaping_and_markup);
    RUN(test_html_export__week_grid);
    RUN(test_html_export__dst_fold);
    RUN(test_html_export__bad_id);
    RUN(test_html_export__out_of_memory);
    return CHECK_DONE();
}
