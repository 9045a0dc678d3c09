/*
 * test_ctt_format.c — the .ctt reader on both releases of ITC-2007 track 3,
 * its error messages for each class of malformed file, and the .sol reader
 * (validator skip rules) and writer.
 */
#include "ctt_fixture.h"

/* comp01 as published: header values and a few records. */
static void test_ctt_format__comp01_fields(void)
{
    ordo_ctt_instance *in = ctt_load_data("comp01.ctt");
    CHECK(in != NULL);
    if (!in)
        return;
    CHECK_STR(in->name, "Fis0506-1");
    CHECK_EQ(in->ncourses, 30);
    CHECK_EQ(in->nrooms, 6);
    CHECK_EQ(in->days, 5);
    CHECK_EQ(in->periods_per_day, 6);
    CHECK_EQ(in->ncurricula, 14);
    CHECK_EQ(in->nunavailability, 53);
    CHECK_EQ(in->nteachers, 24);
    /* c0004 t002 7 3 117: lectures, then min working days, then students */
    int c = ordo_ctt_find_course(in, "c0004");
    CHECK_EQ(c, 2);
    CHECK_STR(in->courses[c].teacher, "t002");
    CHECK_EQ(in->courses[c].lectures, 7);
    CHECK_EQ(in->courses[c].min_working_days, 3);
    CHECK_EQ(in->courses[c].students, 117);
    CHECK_STR(in->teachers[in->courses[c].teacher_index], "t002");
    /* c0070 is also taught by t002 */
    CHECK_EQ(in->courses[ordo_ctt_find_course(in, "c0070")].teacher_index, in->courses[c].teacher_index);
    CHECK_EQ(in->rooms[ordo_ctt_find_room(in, "rB")].capacity, 200);
    CHECK_EQ(ordo_ctt_find_room(in, "B"), -1);
    CHECK_EQ(ordo_ctt_find_course(in, "c9999"), -1);
    /* q000  4 c0001 c0002 c0004 c0005 */
    CHECK_STR(in->curricula[0].id, "q000");
    CHECK_EQ(in->curricula[0].ncourses, 4);
    CHECK_EQ(in->curricula[0].courses[2], c);
    /* last unavailability line: c0071 4 2 */
    const ordo_ctt_unavailability *u = &in->unavailability[in->nunavailability - 1];
    CHECK_EQ(u->course, ordo_ctt_find_course(in, "c0071"));
    CHECK_EQ(u->day, 4);
    CHECK_EQ(u->period, 2);
    long lectures = 0;
    for (int i = 0; i < in->ncourses; i++)
        lectures += in->courses[i].lectures;
    CHECK_EQ(lectures, 160);
    ordo_ctt_instance_free(in);
}

/* Every published instance reads; counts match README §3. */
static void test_ctt_format__all_portal_instances(void)
{
    static const int courses[21] = { 30, 82, 72, 79, 54, 108, 131, 86, 76, 115, 30, 88, 82, 85, 72,
                                     108, 99, 47, 74, 121, 94 };
    static const int unavail[21] = { 53, 513, 382, 396, 771, 632, 667, 478, 405, 694, 94, 1368, 468,
                                     486, 382, 518, 548, 594, 475, 691, 463 };
    static const int lectures[21] = { 160, 283, 251, 286, 152, 361, 434, 324, 279, 370, 162, 218, 308,
                                      275, 251, 366, 339, 138, 277, 390, 327 };
    for (int i = 0; i < 21; i++) {
        char rel[32];
        snprintf(rel, sizeof rel, "comp%02d.ctt", i + 1);
        ordo_ctt_instance *in = ctt_load_data(rel);
        CHECK(in != NULL);
        if (!in)
            continue;
        long l = 0;
        for (int c = 0; c < in->ncourses; c++)
            l += in->courses[c].lectures;
        CHECK_EQ(in->ncourses, courses[i]);
        CHECK_EQ(in->nunavailability, unavail[i]);
        CHECK_EQ(l, lectures[i]);
        ordo_ctt_instance_free(in);
    }
}

/* The 2007 release (TABs, double spaces, rooms without 'r') is the same data. */
static void test_ctt_format__both_releases_agree(void)
{
    for (int i = 1; i <= 14; i++) {
        char a[64], b[64];
        snprintf(a, sizeof a, "comp%02d.ctt", i);
        snprintf(b, sizeof b, "itc2007-original-release/comp%02d.ctt", i);
        ordo_ctt_instance *p = ctt_load_data(a), *o = ctt_load_data(b);
        CHECK(p && o);
        if (!p || !o)
            goto next;
        CHECK_STR(p->name, o->name);
        CHECK_EQ(p->days, o->days);
        CHECK_EQ(p->periods_per_day, o->periods_per_day);
        CHECK_EQ(p->ncourses, o->ncourses);
        CHECK_EQ(p->nrooms, o->nrooms);
        CHECK_EQ(p->ncurricula, o->ncurricula);
        CHECK_EQ(p->nunavailability, o->nunavailability);
        CHECK_EQ(p->nteachers, o->nteachers);
        int bad = 0;
        for (int c = 0; c < p->ncourses && c < o->ncourses; c++) {
            const ordo_ctt_course *x = &p->courses[c], *y = &o->courses[c];
            bad += strcmp(x->id, y->id) || strcmp(x->teacher, y->teacher) ||
                   x->lectures != y->lectures || x->min_working_days != y->min_working_days ||
                   x->students != y->students;
        }
        for (int r = 0; r < p->nrooms && r < o->nrooms; r++) {
            const ordo_ctt_room *x = &p->rooms[r], *y = &o->rooms[r];
            bad += x->id[0] != 'r' || strcmp(x->id + 1, y->id) || x->capacity != y->capacity;
        }
        for (int q = 0; q < p->ncurricula && q < o->ncurricula; q++) {
            const ordo_ctt_curriculum *x = &p->curricula[q], *y = &o->curricula[q];
            bad += strcmp(x->id, y->id) || x->ncourses != y->ncourses ||
                   memcmp(x->courses, y->courses, (size_t)x->ncourses * sizeof *x->courses);
        }
        for (int u = 0; u < p->nunavailability && u < o->nunavailability; u++)
            bad += memcmp(&p->unavailability[u], &o->unavailability[u], sizeof p->unavailability[u]);
        if (bad)
            fprintf(stderr, "comp%02d: %d records differ between releases\n", i, bad);
        CHECK_EQ(bad, 0);
next:
        ordo_ctt_instance_free(p);
        ordo_ctt_instance_free(o);
    }
}

/* Whitespace is not significant: TABs, runs, CRLF, blank lines, trailing
 * blanks, several final blank lines. */
static void test_ctt_format__whitespace(void)
{
    ordo_ctt_instance *in = ctt_load_text("ctt_ws.ctt", "\n  Name:\tWs \r\nCourses: 2\nRooms:\t\t1\nDays: 2\r\nPeriods_per_day: 2\n"
                     "Curricula: 1\nConstraints: 1\n\n\n COURSES: \nc1\tt1  2 1\t 5  \n"
                     "c2 t1 1 1 3\r\n\nROOMS:\n36\t10\nCURRICULA:\nq1  2 c1 c2 \t\n"
                     "UNAVAILABILITY_CONSTRAINTS:\n\tc2 1 1\nEND.\n\n\n  \n");
    if (!in)
        return;
    CHECK_STR(in->name, "Ws");
    CHECK_EQ(in->ncourses, 2);
    CHECK_EQ(in->courses[0].lectures, 2);
    CHECK_EQ(in->courses[0].students, 5);
    CHECK_EQ(in->nteachers, 1);
    CHECK_STR(in->rooms[0].id, "36");                /* numeric-looking id kept as a string */
    CHECK_EQ(ordo_ctt_find_room(in, "36"), 0);
    CHECK_EQ(in->curricula[0].ncourses, 2);
    CHECK_EQ(in->unavailability[0].course, 1);
    CHECK_EQ(in->unavailability[0].day, 1);
    ordo_ctt_instance_free(in);
}

/* A valid small instance, and edits of it that each break one rule. */
static const char *good =
    "Name: Small\nCourses: 2\nRooms: 2\nDays: 2\nPeriods_per_day: 3\nCurricula: 1\nConstraints: 1\n\n"
    "COURSES:\nc1 t1 2 1 10\nc2 t2 1 1 20\n\n"            /* lines 9-12 */
    "ROOMS:\nrA 10\nrB 30\n\n"                             /* 13-16 */
    "CURRICULA:\nq1 2 c1 c2\n\n"                           /* 17-19 */
    "UNAVAILABILITY_CONSTRAINTS:\nc2 1 2\n\n"              /* 20-22 */
    "END.\n";                                              /* 23 */

/* Replace the first occurrence of `from` in `good` by `to`, load, and expect
 * ORDO_EINPUT with a message containing "FILE:LINE:" and `what`. */
static void expect_malformed(const char *from, const char *to, int line, const char *what)
{
    char text[2048], path[1024], where[1100];
    const char *at = strstr(good, from);
    ordo_err err = { 0 };
    ordo_ctt_instance *in = NULL;
    CHECK(at != NULL);
    if (!at)
        return;
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good), good, to, at + strlen(from));
    ctt_tmp_path(path, sizeof path, "ctt_bad.ctt");
    ctt_write_text(path, text);
    CHECK_EQ(ordo_ctt_instance_load(&in, path, &err), ORDO_EINPUT);
    CHECK(in == NULL);
    snprintf(where, sizeof where, "%s:%d: ", path, line);
    CHECK_CONTAINS(err.msg, where);
    CHECK_CONTAINS(err.msg, what);
    fprintf(stderr, "  %s\n", err.msg);
    ordo_ctt_instance_free(in);
}

static void test_ctt_format__malformed_files(void)
{
    char path[1024];
    ordo_err err = { 0 };
    ordo_ctt_instance *in = NULL;
    /* the unchanged text is valid */
    in = ctt_load_text("ctt_good.ctt", good);
    CHECK(in != NULL);
    ordo_ctt_instance_free(in);
    in = NULL;

    /* header */
    expect_malformed("Name: Small\n", "Title: Small\n", 1, "expected 'Name:'");
    expect_malformed("Rooms: 2\n", "", 3, "expected 'Rooms:', found 'Days:'");
    expect_malformed("Days: 2", "Days: two", 4, "Days: 'two' is not an integer");
    expect_malformed("Periods_per_day: 3", "Periods_per_day: 0", 5, "out of range");
    /* missing section / wrong order */
    expect_malformed("ROOMS:\nrA 10\nrB 30\n\n", "", 13, "expected 'ROOMS:', found 'CURRICULA:'");
    expect_malformed("CURRICULA:\nq1 2 c1 c2\n\nUNAVAILABILITY_CONSTRAINTS:\nc2 1 2\n",
                     "UNAVAILABILITY_CONSTRAINTS:\nc2 1 2\n\nCURRICULA:\nq1 2 c1 c2\n", 17,
                     "expected 'CURRICULA:', found 'UNAVAILABILITY_CONSTRAINTS:'");
    /* count mismatch between header and section */
    expect_malformed("c2 t2 1 1 20\n", "", 12, "section COURSES: has 1 lines, but line 2 declares 'Courses: 2'");
    expect_malformed("rB 30\n", "rB 30\nrC 40\n", 16, "section ROOMS: has more lines than the 2 declared");
    expect_malformed("Constraints: 1", "Constraints: 2", 23, "section UNAVAILABILITY_CONSTRAINTS: has 1 lines");
    /* unknown course in a curriculum or an unavailability line */
    expect_malformed("q1 2 c1 c2", "q1 2 c1 c3", 18, "curriculum 'q1': unknown course 'c3'");
    expect_malformed("c2 1 2\n", "c9 1 2\n", 21, "unavailability: unknown course 'c9'");
    expect_malformed("q1 2 c1 c2", "q1 3 c1 c2", 18, "declares 3 courses but lists 2");
    expect_malformed("q1 2 c1 c2", "q1 2 c1 c1", 18, "lists course 'c1' twice");
    /* day or period out of range */
    expect_malformed("c2 1 2\n", "c2 2 2\n", 21, "day 2 is out of range 0..1");
    expect_malformed("c2 1 2\n", "c2 1 3\n", 21, "period 3 is out of range 0..2");
    expect_malformed("c2 1 2\n", "c2 -1 2\n", 21, "day -1 is out of range");
    /* non-integer where an integer is needed */
    expect_malformed("c1 t1 2 1 10", "c1 t1 2 1 ten", 10, "course 'c1': students 'ten' is not an integer");
    expect_malformed("c1 t1 2 1 10", "c1 t1 2.5 1 10", 10, "course 'c1': lectures '2.5' is not an integer");
    expect_malformed("rA 10", "rA 1O", 14, "room 'rA': capacity '1O' is not an integer");
    expect_malformed("c2 1 2\n", "c2 x 2\n", 21, "day 'x' is not an integer");
    /* wrong number of fields */
    expect_malformed("c1 t1 2 1 10", "c1 t1 2 1", 10, "course line has 4 fields, expected 5");
    expect_malformed("rA 10", "rA 10 5", 14, "room line has 3 fields, expected 2");
    /* duplicate ids */
    expect_malformed("c2 t2 1 1 20", "c1 t2 1 1 20", 11, "duplicate course id 'c1'");
    expect_malformed("rB 30", "rA 30", 15, "duplicate room id 'rA'");
    /* missing END. / text after it */
    expect_malformed("END.\n", "", 22, "missing 'END.' (end of file)");
    expect_malformed("END.\n", "END.\nmore\n", 24, "text after 'END.'");

    /* a missing file is an I/O error naming the file */
    ctt_tmp_path(path, sizeof path, "ctt_no_such_file.ctt");
    remove(path);
    CHECK_EQ(ordo_ctt_instance_load(&in, path, &err), ORDO_EIO);
    CHECK_CONTAINS(err.msg, path);
    CHECK(in == NULL);
}

static void collect(const char *msg, void *payload)
{
    int *n = payload;
    (*n)++;
    fprintf(stderr, "  warning: %s\n", msg);
}

/* Solution lines skipped like the validator's: unknown course or room,
 * day/period out of range, repeated (course, period). Tuples may span lines. */
static void test_ctt_format__solution_skips(void)
{
    char spath[1024];
    ordo_err err = { 0 };
    ordo_ctt_instance *in = ctt_load_text("ctt_sol.ctt", good);
    ordo_ctt_solution *s = NULL;
    int warned = 0;
    if (!in)
        return;
    ctt_tmp_path(spath, sizeof spath, "ctt_sol.sol");
    ctt_write_text(spath, "c1 rA 0 0\n"
                      "c1 rB 0 0\n"          /* repeated (c1, period 0) */
                      "cX rA 0 1\n"          /* unknown course */
                      "c2 rZ 0 1\n"          /* unknown room */
                      "c2 rA 2 0\n"          /* day out of range */
                      "c2 rA 0 3\n"          /* period out of range */
                      "c2 rA -1 0\n"         /* negative day */
                      "c2\trB\n1  2\n"       /* one tuple over two lines */
                      "c1 rB 1 0   \n\n");
    CHECK_EQ(ordo_ctt_solution_load(&s, in, spath, collect, &warned, &err), ORDO_OK);
    if (!s)
        goto done;
    CHECK_EQ(s->warnings, 6);
    CHECK_EQ(warned, 6);
    CHECK_EQ(s->stopped_line, 0);
    CHECK_EQ(s->n, 3);
    if (s->n == 3) {
        CHECK_EQ(s->v[0].course, 0);
        CHECK_EQ(s->v[0].room, 0);
        CHECK_EQ(s->v[1].course, 1);
        CHECK_EQ(s->v[1].room, 1);
        CHECK_EQ(s->v[1].day, 1);
        CHECK_EQ(s->v[1].period, 2);
        CHECK_EQ(s->v[2].day, 1);
    }
    ordo_ctt_solution_free(s);
    s = NULL;

    /* A non-integer day ends the reading (the validator's stream fails);
     * an incomplete final tuple is ignored. Neither is a counted warning. */
    warned = 0;
    ctt_write_text(spath, "c1 rA 0 0\nc2 rA x 1\nc1 rA 1 1\n");
    CHECK_EQ(ordo_ctt_solution_load(&s, in, spath, collect, &warned, &err), ORDO_OK);
    CHECK(s && s->n == 1 && s->warnings == 0 && s->stopped_line == 2);
    CHECK_EQ(warned, 1);
    ordo_ctt_solution_free(s);
    s = NULL;
    ctt_write_text(spath, "c1 rA 0 0\nc2 rA\n");
    CHECK_EQ(ordo_ctt_solution_load(&s, in, spath, NULL, NULL, &err), ORDO_OK);
    CHECK(s && s->n == 1 && s->warnings == 0 && s->stopped_line == 2);
    ordo_ctt_solution_free(s);
    s = NULL;

    ctt_tmp_path(spath, sizeof spath, "ctt_no_such.sol");
    remove(spath);
    CHECK_EQ(ordo_ctt_solution_load(&s, in, spath, NULL, NULL, &err), ORDO_EIO);
    CHECK_CONTAINS(err.msg, spath);
done:
    ordo_ctt_solution_free(s);
    ordo_ctt_instance_free(in);
}

/* Writer: one line per lecture; reading it back gives the same lectures. */
static void test_ctt_format__solution_roundtrip(void)
{
    char spath[1024], out[1024], line[256];
    ordo_err err = { 0 };
    ordo_ctt_instance *in = ctt_load_data("comp07.ctt");
    ordo_ctt_solution *a = NULL, *b = NULL;
    if (!in)
        return;
    ctt_data_path(spath, sizeof spath, "reference-solutions/random/comp07.sol");
    CHECK_EQ(ordo_ctt_solution_load(&a, in, spath, NULL, NULL, &err), ORDO_OK);
    CHECK(a && a->warnings > 0 && a->n > 0);
    if (!a)
        goto done;
    ctt_tmp_path(out, sizeof out, "ctt_written.sol");
    CHECK_EQ(ordo_ctt_solution_save(in, a, out, &err), ORDO_OK);
    CHECK_EQ(ordo_ctt_solution_load(&b, in, out, NULL, NULL, &err), ORDO_OK);
    CHECK(b != NULL);
    if (!b)
        goto done;
    CHECK_EQ(b->warnings, 0);
    CHECK_EQ(b->n, a->n);
    CHECK(b->n == a->n && memcmp(a->v, b->v, a->n * sizeof *a->v) == 0);
    FILE *f = fopen(out, "r");
    size_t lines = 0;
    int first_ok = 0;
    while (f && fgets(line, sizeof line, f)) {
        if (lines == 0) {
            char want[256];
            snprintf(want, sizeof want, "%s %s %d %d\n", in->courses[a->v[0].course].id,
                     in->rooms[a->v[0].room].id, a->v[0].day, a->v[0].period);
            first_ok = strcmp(line, want) == 0;
        }
        lines++;
    }
    if (f)
        fclose(f);
    CHECK_EQ(lines, a->n);
    CHECK(first_ok);
    /* an index out of range is refused before the file is touched */
    ordo_ctt_solution_add(b, 0, in->nrooms, 0, 0);
    CHECK_EQ(ordo_ctt_solution_save(in, b, out, &err), ORDO_EINVAL);
    CHECK_CONTAINS(err.msg, "out of range");
done:
    ordo_ctt_solution_free(a);
    ordo_ctt_solution_free(b);
    ordo_ctt_instance_free(in);
}

int main(void)
{
    RUN(test_ctt_format__comp01_fields);
    RUN(test_ctt_format__all_portal_instances);
    RUN(test_ctt_format__both_releases_agree);
    RUN(test_ctt_format__whitespace);
    RUN(test_ctt_format__malformed_files);
    RUN(test_ctt_format__solution_skips);
    RUN(test_ctt_format__solution_roundtrip);
    return CHECK_DONE();
}
