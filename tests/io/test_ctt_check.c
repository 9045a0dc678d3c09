/*
 * test_ctt_check.c — the CTT evaluator against the official validator's
 * output (shared/data/itc2007/reference-solutions/expected.tsv, every row),
 * plus the rules on small hand-made instances.
 */
#include "ctt_fixture.h"
#include "io/ctt_check.h"

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Evaluate one expected.tsv row and compare the formatted row. */
static int check_row(const char *line, int lineno)
{
    char inst_name[64], sol_name[256], path[1024], row[512];
    const char *tab = strchr(line, '\t');
    const char *tab2 = tab ? strchr(tab + 1, '\t') : NULL;
    ordo_ctt_instance *in = NULL;
    ordo_ctt_solution *sol = NULL;
    ordo_ctt_check_result r;
    ordo_err err = { 0 };
    int ok = 0;
    CHECK(tab && tab2 && (size_t)(tab - line) < sizeof inst_name &&
          (size_t)(tab2 - tab - 1) < sizeof sol_name);
    if (!tab || !tab2)
        return 0;
    snprintf(inst_name, sizeof inst_name, "%.*s", (int)(tab - line), line);
    snprintf(sol_name, sizeof sol_name, "%.*s", (int)(tab2 - tab - 1), tab + 1);
    snprintf(path, sizeof path, "%s.ctt", inst_name);
    if (!(in = ctt_load_data(path)))
        goto done;
    if (strcmp(sol_name, "(empty file)") == 0) {
        ctt_write_text(ctt_tmp_path(path, sizeof path, "ctt_empty.sol"), "");
    } else {
        char rel[300];
        snprintf(rel, sizeof rel, "reference-solutions/%s", sol_name);
        ctt_data_path(path, sizeof path, rel);
    }
    CHECK_EQ(ordo_ctt_solution_load(&sol, in, path, NULL, NULL, &err), ORDO_OK);
    if (!sol) {
        fprintf(stderr, "expected.tsv:%d: %s\n", lineno, err.msg);
        goto done;
    }
    CHECK_EQ(ordo_ctt_check(&r, in, sol, &err), ORDO_OK);
    CHECK_EQ(ordo_ctt_check_format_row(&r, inst_name, sol_name, row, sizeof row), ORDO_OK);
    CHECK_STR(row, line);
    ok = strcmp(row, line) == 0;
    if (!ok)
        fprintf(stderr, "expected.tsv:%d differs\n", lineno);
done:
    ordo_ctt_solution_free(sol);
    ordo_ctt_instance_free(in);
    return ok;
}

static void test_ctt_check__every_expected_row(void)
{
    char path[1024];
    char *text = read_text(ctt_data_path(path, sizeof path, "reference-solutions/expected.tsv"));
    int rows = 0, matched = 0, lineno = 0, empty = 0, random = 0;
    CHECK(text != NULL);
    if (!text)
        return;
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r')
            line[n - 1] = '\0';
        if (++lineno == 1) {
            CHECK_STR(ordo_ctt_check_header(), line);
            continue;
        }
        if (!*line)
            continue;
        rows++;
        empty += strstr(line, "(empty file)") != NULL;
        random += strstr(line, "random/") != NULL;
        matched += check_row(line, lineno);
    }
    fprintf(stderr, "expected.tsv: %d of %d rows match\n", matched, rows);
    CHECK_EQ(rows, 63);
    CHECK_EQ(empty, 21);
    CHECK_EQ(random, 21);
    CHECK_EQ(matched, rows);
    free(text);
}

/* The empty solution: NULL and an empty file agree; S2 = 5 * sum W_c. */
static void test_ctt_check__null_is_empty(void)
{
    ordo_ctt_instance *in = ctt_load_data("comp05.ctt");
    ordo_ctt_check_result r;
    ordo_err err = { 0 };
    long long sum_w = 0, sum_l = 0;
    if (!in)
        return;
    CHECK_EQ(ordo_ctt_check(&r, in, NULL, &err), ORDO_OK);
    for (int c = 0; c < in->ncourses; c++) {
        sum_w += in->courses[c].min_working_days;
        sum_l += in->courses[c].lectures;
    }
    CHECK_EQ(r.lectures, sum_l);
    CHECK_EQ(r.min_working_days, 5 * sum_w);
    CHECK_EQ(r.total_cost, 5 * sum_w);
    CHECK_EQ(r.violations, sum_l);
    CHECK_EQ(r.warnings, 0);
    ordo_ctt_instance_free(in);
}

/* A tiny instance: 3 courses in one curriculum, 2 rooms, 2 days x 3 periods. */
static const char *tiny =
    "Name: Tiny\nCourses: 4\nRooms: 2\nDays: 2\nPeriods_per_day: 3\nCurricula: 2\nConstraints: 1\n\n"
    "COURSES:\nA t1 2 2 30\nB t2 2 1 10\nC t3 1 1 10\nD t1 1 1 5\n\n"
    "ROOMS:\nbig 30\nsmall 10\n\nCURRICULA:\nq1 3 A B C\nq2 1 C\n\n"
    "UNAVAILABILITY_CONSTRAINTS:\nB 1 2\n\nEND.\n";

static void test_ctt_check__rules_on_tiny(void)
{
    ordo_ctt_instance *in = ctt_load_text("ctt_tiny.ctt", tiny);
    ordo_ctt_solution *s = NULL;
    ordo_ctt_check_result r;
    ordo_err err = { 0 };
    if (!in || ordo_ctt_solution_new(&s) < 0)
        goto done;
    int A = ordo_ctt_find_course(in, "A"), B = ordo_ctt_find_course(in, "B");
    int C = ordo_ctt_find_course(in, "C"), D = ordo_ctt_find_course(in, "D");
    int big = ordo_ctt_find_room(in, "big"), small = ordo_ctt_find_room(in, "small");
    /* Day 0 period 0: A, B, C together (3 curriculum pairs) and D shares A's
     * teacher (1 more pair); A and D share room big (occupancy 1). */
    ordo_ctt_solution_add(s, A, small, 0, 0);   /* capacity: 30 - 10 = 20 */
    ordo_ctt_solution_add(s, B, small, 0, 0);   /* room small twice: + occupancy */
    ordo_ctt_solution_add(s, C, big, 0, 0);
    ordo_ctt_solution_add(s, D, big, 0, 0);
    ordo_ctt_solution_add(s, A, big, 0, 1);     /* A: second room, same day -> 1 day < 2 */
    ordo_ctt_solution_add(s, B, big, 1, 2);     /* unavailable; isolated (end of day) */
    ordo_ctt_solution_add(s, B, small, 1, 2);   /* repeat of (B, day 1, period 2): warning */
    CHECK_EQ(ordo_ctt_check(&r, in, s, &err), ORDO_OK);
    CHECK_EQ(r.lectures, 0);          /* A 2, B 2, C 1, D 1 placed once each period */
    CHECK_EQ(r.conflicts, 4);         /* A-B, A-C, B-C (curriculum), A-D (teacher) */
    CHECK_EQ(r.availability, 1);
    CHECK_EQ(r.room_occupation, 2);   /* small: A+B; big: C+D */
    CHECK_EQ(r.room_capacity, 20);
    CHECK_EQ(r.min_working_days, 5 * 1);
    /* q1: period 0 has 3 lectures, period 1 has 1 -> adjacent, not isolated;
     * day 1 period 2 (B) isolated: 1. q2: C at day 0 period 0, alone: 1. */
    CHECK_EQ(r.curriculum_compactness, 2 * 2);
    CHECK_EQ(r.room_stability, 1 + 1);  /* A: small+big, B: small+big */
    CHECK_EQ(r.violations, 0 + 4 + 1 + 2);
    CHECK_EQ(r.total_cost, 20 + 5 + 4 + 2);
    CHECK_EQ(r.warnings, 1);
    /* An index outside the instance is a caller error, not a cost. */
    ordo_ctt_solution_add(s, A, big, 2, 0);
    CHECK_EQ(ordo_ctt_check(&r, in, s, &err), ORDO_EINVAL);
    CHECK_CONTAINS(err.msg, "day 2");
done:
    ordo_ctt_solution_free(s);
    ordo_ctt_instance_free(in);
}

/* Periods are never adjacent across days: last slot of day 0 and first of
 * day 1 are both isolated; a pair inside one day is not. */
static void test_ctt_check__compactness_stops_at_day_boundary(void)
{
    ordo_ctt_instance *in = ctt_load_text("ctt_tiny.ctt", tiny);
    ordo_ctt_solution *s = NULL;
    ordo_ctt_check_result r;
    ordo_err err = { 0 };
    if (!in || ordo_ctt_solution_new(&s) < 0)
        goto done;
    int A = ordo_ctt_find_course(in, "A"), B = ordo_ctt_find_course(in, "B");
    ordo_ctt_solution_add(s, A, 0, 0, 2);
    ordo_ctt_solution_add(s, A, 0, 1, 0);
    CHECK_EQ(ordo_ctt_check(&r, in, s, &err), ORDO_OK);
    CHECK_EQ(r.curriculum_compactness, 2 * 2);
    CHECK_EQ(r.min_working_days, 5 * 3);      /* A has its 2 days; B, C, D have none */
    ordo_ctt_solution_add(s, B, 1, 1, 1);       /* now A(1,0) and B(1,1) are adjacent */
    CHECK_EQ(ordo_ctt_check(&r, in, s, &err), ORDO_OK);
    CHECK_EQ(r.curriculum_compactness, 2 * 1);
    CHECK_EQ(r.lectures, 1 + 1 + 1);            /* B 1 short, C 1 short, D 1 short */
done:
    ordo_ctt_solution_free(s);
    ordo_ctt_instance_free(in);
}

static void test_ctt_check__format_row_refuses(void)
{
    ordo_ctt_check_result r;
    char small[8], row[256];
    memset(&r, 0, sizeof r);
    r.total_cost = 42;
    CHECK_EQ(ordo_ctt_check_format_row(&r, "comp01", "x.sol", small, sizeof small), ORDO_EINVAL);
    CHECK_EQ(ordo_ctt_check_format_row(&r, "comp\t01", "x.sol", row, sizeof row), ORDO_EINVAL);
    CHECK_EQ(ordo_ctt_check_format_row(&r, "comp01", "x\n.sol", row, sizeof row), ORDO_EINVAL);
    CHECK_EQ(ordo_ctt_check_format_row(&r, "comp01", "x.sol", row, sizeof row), ORDO_OK);
    CHECK_STR(row, "comp01\tx.sol\t0\t0\t0\t0\t0\t0\t0\t0\t0\t42\t0");
}

int main(void)
{
    RUN(test_ctt_check__every_expected_row);
    RUN(test_ctt_check__null_is_empty);
    RUN(test_ctt_check__rules_on_tiny);
    RUN(test_ctt_check__compactness_stops_at_day_boundary);
    RUN(test_ctt_check__format_row_refuses);
    return CHECK_DONE();
}
