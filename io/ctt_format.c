/*
 * ctt_format.c — reader of ITC-2007 track 3 instances (.ctt) and solutions
 * (.sol), writer of solutions.
 *
 * The whole file is read into memory and split into records: a record is one
 * non-blank line cut into tokens at runs of spaces, TABs, CRs (and NULs), so
 * columns never matter. Sections are recognised by their keyword line; a
 * section ends at the next keyword-looking line (UPPER_CASE ending in ':',
 * or "END."), which is how header/section count mismatches are found and
 * reported at the right line. Solutions are a flat stream of tokens taken
 * four at a time, as the official validator reads them.
 *
 * Invariant of a loaded instance: ids unique per table, every index in range,
 * days and periods_per_day >= 1, days * periods_per_day <= MAX_PERIODS,
 * courses (and rooms) x periods <= MAX_GRID, a course's lectures <= periods,
 * the file <= MAX_FILE_BYTES: memory stays proportional to a real instance.
 */
#include "io/ctt_format.h"
#include "model/index.h"

#include "io/out_file.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Largest header value and largest grid accepted (guards the checker's
 * course x period matrices against absurd headers). */
#define MAX_HEADER_VALUE 1000000
#define MAX_PERIODS 100000
#define MAX_GRID 20000000L          /* courses x periods (or rooms x periods): the solver's matrices */
#define MAX_FILE_BYTES (64L * 1024 * 1024)

/* ---------------------------------------------------------------- lexer */

typedef struct lexer {
    const char *path;
    char *buf, *p, *end;
    int line;                 /* lines consumed so far */
    char **tok;
    size_t ntok, tokcap;
    int tokline;              /* line of the current record */
    int pending;              /* 1: next_record returns the current record again */
} lexer;

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == '\0';
}

static int read_file(char **out, size_t *out_len, const char *path, ordo_err *err)
{
    int rc = ORDO_OK;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        rc = ordo__seterr(err, ORDO_EIO, "%s: cannot open: %s", path, strerror(errno));
        goto done;
    }
    for (;;) {
        if (ORDO_GROW(buf, cap, len + 4096 + 1) < 0) {
            rc = ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory", path);
            goto done;
        }
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0)
            break;
        if (len > (size_t)MAX_FILE_BYTES) {
            rc = ordo__seterr(err, ORDO_EINPUT, "%s: larger than %ld MiB; instances up to that are read", path,
                              MAX_FILE_BYTES >> 20);
            goto done;
        }
    }
    if (ferror(f)) {
        rc = ordo__seterr(err, ORDO_EIO, "%s: read error", path);
        goto done;
    }
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    buf = NULL;
done:
    if (f)
        fclose(f);
    ordo__free(buf);
    return rc;
}

/* Next non-blank line as tokens in lx->tok; 0 tokens at end of file. */
static int next_record(lexer *lx, ordo_err *err)
{
    if (lx->pending) {
        lx->pending = 0;
        return ORDO_OK;
    }
    lx->ntok = 0;
    while (lx->p < lx->end && lx->ntok == 0) {
        char *eol = memchr(lx->p, '\n', (size_t)(lx->end - lx->p));
        char *stop = eol ? eol : lx->end;
        lx->line++;
        lx->tokline = lx->line;
        char *q = lx->p;
        while (q < stop) {
            while (q < stop && is_space(*q))
                q++;
            if (q == stop)
                break;
            if (ORDO_GROW(lx->tok, lx->tokcap, lx->ntok + 1) < 0)
                return ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory", lx->path);
            lx->tok[lx->ntok++] = q;
            while (q < stop && !is_space(*q))
                q++;
            *q = '\0';            /* stop is '\n' or end (buf has a spare byte) */
        }
        lx->p = eol ? eol + 1 : lx->end;
    }
    if (lx->ntok == 0)
        lx->tokline = lx->line;
    return ORDO_OK;
}

/* A section keyword or something that looks like one ("ROOM:"). */
static int looks_like_keyword(const char *t)
{
    size_t n = strlen(t);
    if (strcmp(t, "END.") == 0)
        return 1;
    if (n < 2 || t[n - 1] != ':')
        return 0;
    for (size_t i = 0; i + 1 < n; i++)
        if (!((t[i] >= 'A' && t[i] <= 'Z') || t[i] == '_'))
            return 0;
    return 1;
}

/* Strict decimal integer: optional sign, digits, fits in long. */
static int parse_long(const char *s, long *out)
{
    const char *d = (*s == '+' || *s == '-') ? s + 1 : s;
    if (*d < '0' || *d > '9')
        return -1;
    for (const char *q = d; *q; q++)
        if (*q < '0' || *q > '9')
            return -1;
    errno = 0;
    long v = strtol(s, NULL, 10);
    if (errno == ERANGE)
        return -1;
    *out = v;
    return 0;
}

/* Integer field in [lo, hi]; what = "course 'c1': lectures". */
static int int_field(lexer *lx, const char *tok, long lo, long hi, int *out, const char *what,
                     ordo_err *err)
{
    long v;
    if (parse_long(tok, &v) < 0)
        return ordo__seterr(err, ORDO_EINPUT, "%s:%d: %s '%s' is not an integer",
                            lx->path, lx->tokline, what, tok);
    if (v < lo || v > hi)
        return ordo__seterr(err, ORDO_EINPUT, "%s:%d: %s %ld is out of range %ld..%ld",
                            lx->path, lx->tokline, what, v, lo, hi);
    *out = (int)v;
    return ORDO_OK;
}

/* ------------------------------------------------------------- instance */

void ordo_ctt_instance_free(ordo_ctt_instance *in)
{
    if (!in)
        return;
    ordo__free(in->name);
    for (int i = 0; i < in->ncourses; i++) {
        ordo__free(in->courses[i].id);
        ordo__free(in->courses[i].teacher);
    }
    ordo__free(in->courses);
    for (int i = 0; i < in->nrooms; i++)
        ordo__free(in->rooms[i].id);
    ordo__free(in->rooms);
    for (int i = 0; i < in->ncurricula; i++) {
        ordo__free(in->curricula[i].id);
        ordo__free(in->curricula[i].courses);
    }
    ordo__free(in->curricula);
    ordo__free(in->unavailability);
    ordo__free(in->teachers);      /* strings are borrowed from the courses */
    ordo__index_free(in->course_ids);
    ordo__index_free(in->room_ids);
    ordo__free(in);
}

int ordo_ctt_find_course(const ordo_ctt_instance *in, const char *id)
{
    return in && id ? ordo__index_get(in->course_ids, id) : -1;
}

int ordo_ctt_find_room(const ordo_ctt_instance *in, const char *id)
{
    return in && id ? ordo__index_get(in->room_ids, id) : -1;
}

/* Header counts, in file order. */
enum { H_COURSES, H_ROOMS, H_DAYS, H_PERIODS, H_CURRICULA, H_CONSTRAINTS, H_COUNT };
static const char *const header_keys[H_COUNT] = {
    "Courses:", "Rooms:", "Days:", "Periods_per_day:", "Curricula:", "Constraints:"
};

typedef struct parser {
    lexer lx;
    ordo_ctt_instance *in;
    int header[H_COUNT];
    int header_line[H_COUNT];
    size_t cap_courses, cap_rooms, cap_curricula, cap_unav;
    ordo_index *curriculum_ids;   /* duplicate check only */
} parser;

static int enomem(parser *ps, ordo_err *err)
{
    return ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory", ps->lx.path);
}

static int parse_header(parser *ps, ordo_err *err)
{
    int rc = ORDO_OK;
    lexer *lx = &ps->lx;
    size_t len = 0;
    ORDO_TRY(next_record(lx, err));
    if (lx->ntok == 0 || strcmp(lx->tok[0], "Name:") != 0) {
        rc = ordo__seterr(err, ORDO_EINPUT, "%s:%d: expected 'Name:', found '%s'", lx->path,
                          lx->tokline, lx->ntok ? lx->tok[0] : "end of file");
        goto done;
    }
    if (lx->ntok < 2) {
        rc = ordo__seterr(err, ORDO_EINPUT, "%s:%d: 'Name:' has no value", lx->path, lx->tokline);
        goto done;
    }
    for (size_t i = 1; i < lx->ntok; i++)
        len += strlen(lx->tok[i]) + 1;
    if (!(ps->in->name = ordo__malloc(len))) {
        rc = enomem(ps, err);
        goto done;
    }
    ps->in->name[0] = '\0';
    for (size_t i = 1; i < lx->ntok; i++) {       /* a name with blanks keeps single spaces */
        if (i > 1)
            strcat(ps->in->name, " ");
        strcat(ps->in->name, lx->tok[i]);
    }
    for (int h = 0; h < H_COUNT; h++) {
        ORDO_TRY(next_record(lx, err));
        if (lx->ntok == 0 || strcmp(lx->tok[0], header_keys[h]) != 0) {
            rc = ordo__seterr(err, ORDO_EINPUT, "%s:%d: expected '%s', found '%s'", lx->path,
                              lx->tokline, header_keys[h], lx->ntok ? lx->tok[0] : "end of file");
            goto done;
        }
        if (lx->ntok != 2) {
            rc = ordo__seterr(err, ORDO_EINPUT, "%s:%d: '%s' needs exactly one value, found %zu",
                              lx->path, lx->tokline, header_keys[h], lx->ntok - 1);
            goto done;
        }
        int lo = (h == H_DAYS || h == H_PERIODS) ? 1 : 0;
        ORDO_TRY(int_field(lx, lx->tok[1], lo, MAX_HEADER_VALUE, &ps->header[h], header_keys[h], err));
        ps->header_line[h] = lx->tokline;
    }
    if ((long)ps->header[H_DAYS] * ps->header[H_PERIODS] > MAX_PERIODS) {
        rc = ordo__seterr(err, ORDO_EINPUT, "%s:%d: %d days x %d periods per day exceeds %d periods",
                          lx->path, ps->header_line[H_PERIODS], ps->header[H_DAYS],
                          ps->header[H_PERIODS], MAX_PERIODS);
        goto done;
    }
    for (int h = H_COURSES; h <= H_ROOMS; h++)
        if ((long)ps->header[h] * ps->header[H_DAYS] * ps->header[H_PERIODS] > MAX_GRID) {
            rc = ordo__seterr(err, ORDO_EINPUT, "%s:%d: %d %s x %d periods exceeds %ld (course or room, period) "
                              "pairs", lx->path, ps->header_line[h], ps->header[h], h == H_COURSES ? "courses" :
                              "rooms", ps->header[H_DAYS] * ps->header[H_PERIODS], MAX_GRID);
            goto done;
        }
    ps->in->days = ps->header[H_DAYS];
    ps->in->periods_per_day = ps->header[H_PERIODS];
done:
    return rc;
}

/* The keyword line opening a section (or "END."). */
static int expect_keyword(parser *ps, const char *kw, ordo_err *err)
{
    int rc = ORDO_OK;
    lexer *lx = &ps->lx;
    ORDO_TRY(next_record(lx, err));
    if (lx->ntok == 0) {
        rc = ordo__seterr(err, ORDO_EINPUT, "%s:%d: missing '%s' (end of file)", lx->path,
                          lx->tokline, kw);
    } else if (strcmp(lx->tok[0], kw) != 0) {
        rc = ordo__seterr(err, ORDO_EINPUT,
                          "%s:%d: expected '%s', found '%s' (sections come in the order COURSES:, "
                          "ROOMS:, CURRICULA:, UNAVAILABILITY_CONSTRAINTS:, END.)",
                          lx->path, lx->tokline, kw, lx->tok[0]);
    } else if (lx->ntok != 1) {
        rc = ordo__seterr(err, ORDO_EINPUT, "%s:%d: '%s' must stand alone on its line, found '%s'",
                          lx->path, lx->tokline, kw, lx->tok[1]);
    }
done:
    return rc;
}

/* Next record of a section with `declared` records, `*count` read so far.
 * Sets *more = 0 (and leaves the keyword pending) when the section ends. */
static int section_record(parser *ps, int h, const char *section, int count, int *more,
                          ordo_err *err)
{
    int rc = ORDO_OK;
    lexer *lx = &ps->lx;
    ORDO_TRY(next_record(lx, err));
    *more = lx->ntok > 0 && !looks_like_keyword(lx->tok[0]);
    if (!*more) {
        lx->pending = lx->ntok > 0;
        if (count != ps->header[h])
            rc = ordo__seterr(err, ORDO_EINPUT,
                              "%s:%d: section %s has %d lines, but line %d declares '%s %d'",
                              lx->path, lx->tokline, section, count, ps->header_line[h],
                              header_keys[h], ps->header[h]);
    } else if (count == ps->header[h]) {
        rc = ordo__seterr(err, ORDO_EINPUT,
                          "%s:%d: section %s has more lines than the %d declared by '%s' (line %d)",
                          lx->path, lx->tokline, section, ps->header[h], header_keys[h],
                          ps->header_line[h]);
    }
done:
    return rc;
}

static int field_count(parser *ps, size_t want, const char *what, const char *layout, ordo_err *err)
{
    if (ps->lx.ntok == want)
        return ORDO_OK;
    return ordo__seterr(err, ORDO_EINPUT, "%s:%d: %s line has %zu fields, expected %zu: %s",
                        ps->lx.path, ps->lx.tokline, what, ps->lx.ntok, want, layout);
}

/* One record of each section; called with the record's tokens in ps->lx. */
typedef int (*record_fn)(parser *ps, ordo_err *err);

/* Keyword line, then records until the next keyword; count checked against
 * header[h]. `*count` is the section's record count, advanced by `fn`. */
static int parse_section(parser *ps, int h, const char *kw, const int *count, record_fn fn,
                         ordo_err *err)
{
    int rc = ORDO_OK, more = 1;
    ORDO_TRY(expect_keyword(ps, kw, err));
    for (;;) {
        ORDO_TRY(section_record(ps, h, kw, *count, &more, err));
        if (!more)
            break;
        ORDO_TRY(fn(ps, err));
    }
done:
    return rc;
}

static int course_record(parser *ps, ordo_err *err)
{
    int rc = ORDO_OK;
    lexer *lx = &ps->lx;
    ordo_ctt_instance *in = ps->in;
    char what[160];
    ORDO_TRY(field_count(ps, 5, "course",
                         "<CourseID> <Teacher> <#Lectures> <MinWorkingDays> <#Students>", err));
    if (ordo__index_get(in->course_ids, lx->tok[0]) >= 0) {
        rc = ordo__seterr(err, ORDO_EINPUT, "%s:%d: duplicate course id '%s'", lx->path,
                          lx->tokline, lx->tok[0]);
        goto done;
    }
    if (ORDO_GROW(in->courses, ps->cap_courses, (size_t)in->ncourses + 1) < 0) {
        rc = enomem(ps, err);
        goto done;
    }
    ordo_ctt_course *c = &in->courses[in->ncourses];
    memset(c, 0, sizeof *c);
    snprintf(what, sizeof what, "course '%.100s': lectures", lx->tok[0]);
    ORDO_TRY(int_field(lx, lx->tok[2], 0, MAX_HEADER_VALUE, &c->lectures, what, err));
    if (c->lectures > in->days * in->periods_per_day) {
        rc = ordo__seterr(err, ORDO_EINPUT, "%s:%d: %s: %d lectures, but there are only %d periods (a course "
                          "has one lecture per period at most)", lx->path, lx->tokline, what, c->lectures,
                          in->days * in->periods_per_day);
        goto done;
    }
    snprintf(what, sizeof what, "course '%.100s': min working days", lx->tok[0]);
    ORDO_TRY(int_field(lx, lx->tok[3], 0, MAX_HEADER_VALUE, &c->min_working_days, what, err));
    snprintf(what, sizeof what, "course '%.100s': students", lx->tok[0]);
    ORDO_TRY(int_field(lx, lx->tok[4], 0, INT_MAX, &c->students, what, err));
    if (!(c->id = ordo__strdup(lx->tok[0])) || !(c->teacher = ordo__strdup(lx->tok[1]))) {
        ordo__free(c->id);
        rc = enomem(ps, err);
        goto done;
    }
    in->ncourses++;                             /* owned by `in` from here on */
    if (ordo__index_put(in->course_ids, c->id, in->ncourses - 1) < 0)
        rc = enomem(ps, err);
done:
    return rc;
}

/* Distinct teachers in order of first use; each course's teacher_index. */
static int index_teachers(parser *ps, ordo_err *err)
{
    int rc = ORDO_OK;
    ordo_ctt_instance *in = ps->in;
    ordo_index *teachers = NULL;
    size_t cap = 0;
    if (ordo__index_new(&teachers) < 0) {
        rc = enomem(ps, err);
        goto done;
    }
    for (int i = 0; i < in->ncourses; i++) {
        ordo_ctt_course *c = &in->courses[i];
        int t = ordo__index_get(teachers, c->teacher);
        if (t < 0) {
            if (ORDO_GROW(in->teachers, cap, (size_t)in->nteachers + 1) < 0 ||
                ordo__index_put(teachers, c->teacher, in->nteachers) < 0) {
                rc = enomem(ps, err);
                goto done;
            }
            t = in->nteachers;
            in->teachers[in->nteachers++] = c->teacher;
        }
        c->teacher_index = t;
    }
done:
    ordo__index_free(teachers);
    return rc;
}

static int room_record(parser *ps, ordo_err *err)
{
    int rc = ORDO_OK;
    lexer *lx = &ps->lx;
    ordo_ctt_instance *in = ps->in;
    char what[160];
    ORDO_TRY(field_count(ps, 2, "room", "<RoomID> <Capacity>", err));
    if (ordo__index_get(in->room_ids, lx->tok[0]) >= 0) {
        rc = ordo__seterr(err, ORDO_EINPUT, "%s:%d: duplicate room id '%s'", lx->path,
                          lx->tokline, lx->tok[0]);
        goto done;
    }
    if (ORDO_GROW(in->rooms, ps->cap_rooms, (size_t)in->nrooms + 1) < 0) {
        rc = enomem(ps, err);
        goto done;
    }
    ordo_ctt_room *r = &in->rooms[in->nrooms];
    snprintf(what, sizeof what, "room '%.100s': capacity", lx->tok[0]);
    ORDO_TRY(int_field(lx, lx->tok[1], 0, INT_MAX, &r->capacity, what, err));
    if (!(r->id = ordo__strdup(lx->tok[0]))) {
        rc = enomem(ps, err);
        goto done;
    }
    in->nrooms++;
    if (ordo__index_put(in->room_ids, r->id, in->nrooms - 1) < 0)
        rc = enomem(ps, err);
done:
    return rc;
}

/* Members of the curriculum just added: known courses, none twice. */
static int curriculum_members(parser *ps, ordo_ctt_curriculum *q, int n, ordo_err *err)
{
    lexer *lx = &ps->lx;
    for (int k = 0; k < n; k++) {
        const char *cid = lx->tok[2 + k];
        int c = ordo__index_get(ps->in->course_ids, cid);
        if (c < 0)
            return ordo__seterr(err, ORDO_EINPUT, "%s:%d: curriculum '%s': unknown course '%s'",
                                lx->path, lx->tokline, q->id, cid);
        for (int j = 0; j < q->ncourses; j++)
            if (q->courses[j] == c)
                return ordo__seterr(err, ORDO_EINPUT, "%s:%d: curriculum '%s' lists course '%s' twice",
                                    lx->path, lx->tokline, q->id, cid);
        q->courses[q->ncourses++] = c;
    }
    return ORDO_OK;
}

static int curriculum_record(parser *ps, ordo_err *err)
{
    int rc = ORDO_OK, n = 0;
    lexer *lx = &ps->lx;
    ordo_ctt_instance *in = ps->in;
    const char *id = lx->tok[0];
    char what[160];
    if (lx->ntok < 2) {
        rc = ordo__seterr(err, ORDO_EINPUT, "%s:%d: curriculum line has 1 field, expected "
                          "<CurriculumID> <#Courses> <CourseID> ... <CourseID>", lx->path, lx->tokline);
        goto done;
    }
    if (ordo__index_get(ps->curriculum_ids, id) >= 0) {
        rc = ordo__seterr(err, ORDO_EINPUT, "%s:%d: duplicate curriculum id '%s'", lx->path,
                          lx->tokline, id);
        goto done;
    }
    snprintf(what, sizeof what, "curriculum '%.100s': number of courses", id);
    ORDO_TRY(int_field(lx, lx->tok[1], 0, MAX_HEADER_VALUE, &n, what, err));
    if (lx->ntok - 2 != (size_t)n) {
        rc = ordo__seterr(err, ORDO_EINPUT, "%s:%d: curriculum '%s' declares %d courses but lists %zu",
                          lx->path, lx->tokline, id, n, lx->ntok - 2);
        goto done;
    }
    if (ORDO_GROW(in->curricula, ps->cap_curricula, (size_t)in->ncurricula + 1) < 0) {
        rc = enomem(ps, err);
        goto done;
    }
    ordo_ctt_curriculum *q = &in->curricula[in->ncurricula];
    memset(q, 0, sizeof *q);
    if (!(q->id = ordo__strdup(id)) ||
        (n > 0 && !(q->courses = ordo__malloc((size_t)n * sizeof *q->courses)))) {
        ordo__free(q->id);
        rc = enomem(ps, err);
        goto done;
    }
    in->ncurricula++;                           /* owned by `in` from here on */
    if (ordo__index_put(ps->curriculum_ids, q->id, in->ncurricula - 1) < 0) {
        rc = enomem(ps, err);
        goto done;
    }
    rc = curriculum_members(ps, q, n, err);
done:
    return rc;
}

static int unavailability_record(parser *ps, ordo_err *err)
{
    int rc = ORDO_OK;
    lexer *lx = &ps->lx;
    ordo_ctt_instance *in = ps->in;
    char what[160];
    ORDO_TRY(field_count(ps, 3, "unavailability", "<CourseID> <Day> <Day_Period>", err));
    if (ORDO_GROW(in->unavailability, ps->cap_unav, (size_t)in->nunavailability + 1) < 0) {
        rc = enomem(ps, err);
        goto done;
    }
    ordo_ctt_unavailability *u = &in->unavailability[in->nunavailability];
    if ((u->course = ordo__index_get(in->course_ids, lx->tok[0])) < 0) {
        rc = ordo__seterr(err, ORDO_EINPUT, "%s:%d: unavailability: unknown course '%s'",
                          lx->path, lx->tokline, lx->tok[0]);
        goto done;
    }
    snprintf(what, sizeof what, "unavailability of course '%.100s': day", lx->tok[0]);
    ORDO_TRY(int_field(lx, lx->tok[1], 0, in->days - 1, &u->day, what, err));
    snprintf(what, sizeof what, "unavailability of course '%.100s': period", lx->tok[0]);
    ORDO_TRY(int_field(lx, lx->tok[2], 0, in->periods_per_day - 1, &u->period, what, err));
    in->nunavailability++;
done:
    return rc;
}

/* Parses ps->lx.buf (len bytes, NUL-terminated, owned by the caller). */
static int parse_instance(ordo_ctt_instance **out, const char *path, char *buf, size_t len, ordo_err *err)
{
    int rc = ORDO_OK;
    parser ps;
    memset(&ps, 0, sizeof ps);
    ps.lx.path = path;
    ps.lx.buf = buf;
    ps.lx.p = ps.lx.buf;
    ps.lx.end = ps.lx.buf + len;
    if (!(ps.in = ordo__calloc(1, sizeof *ps.in)) || ordo__index_new(&ps.in->course_ids) < 0 ||
        ordo__index_new(&ps.in->room_ids) < 0 || ordo__index_new(&ps.curriculum_ids) < 0) {
        rc = enomem(&ps, err);
        goto done;
    }
    ordo_ctt_instance *in = ps.in;
    ORDO_TRY(parse_header(&ps, err));
    ORDO_TRY(parse_section(&ps, H_COURSES, "COURSES:", &in->ncourses, course_record, err));
    ORDO_TRY(index_teachers(&ps, err));
    ORDO_TRY(parse_section(&ps, H_ROOMS, "ROOMS:", &in->nrooms, room_record, err));
    ORDO_TRY(parse_section(&ps, H_CURRICULA, "CURRICULA:", &in->ncurricula, curriculum_record, err));
    ORDO_TRY(parse_section(&ps, H_CONSTRAINTS, "UNAVAILABILITY_CONSTRAINTS:", &in->nunavailability,
                           unavailability_record, err));
    ORDO_TRY(expect_keyword(&ps, "END.", err));
    ORDO_TRY(next_record(&ps.lx, err));
    if (ps.lx.ntok > 0) {
        rc = ordo__seterr(err, ORDO_EINPUT, "%s:%d: text after 'END.': '%s'", path, ps.lx.tokline,
                          ps.lx.tok[0]);
        goto done;
    }
    *out = ps.in;
    ps.in = NULL;
done:
    ordo_ctt_instance_free(ps.in);
    ordo__index_free(ps.curriculum_ids);
    ordo__free(ps.lx.tok);
    return rc;
}

int ordo_ctt_instance_load(ordo_ctt_instance **out, const char *path, ordo_err *err)
{
    int rc = ORDO_OK;
    char *buf = NULL;
    size_t len = 0;
    *out = NULL;
    ORDO_TRY(read_file(&buf, &len, path, err));
    rc = parse_instance(out, path, buf, len, err);
done:
    ordo__free(buf);
    return rc;
}

int ordo_ctt_instance_parse(ordo_ctt_instance **out, const char *name, const char *text, size_t len, ordo_err *err)
{
    int rc = ORDO_OK;
    char *buf = NULL;
    *out = NULL;
    if (len > (size_t)MAX_FILE_BYTES)
        return ordo__seterr(err, ORDO_EINPUT, "%s: larger than %ld MiB; instances up to that are read", name,
                            MAX_FILE_BYTES >> 20);
    if (!(buf = ordo__malloc(len + 1)))
        return ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory", name);
    memcpy(buf, text, len);
    buf[len] = '\0';
    rc = parse_instance(out, name, buf, len, err);
    ordo__free(buf);
    return rc;
}

/* ------------------------------------------------------------- solution */

int ordo_ctt_solution_new(ordo_ctt_solution **out)
{
    *out = ordo__calloc(1, sizeof **out);
    return *out ? ORDO_OK : ORDO_ENOMEM;
}

void ordo_ctt_solution_free(ordo_ctt_solution *s)
{
    if (!s)
        return;
    ordo__free(s->v);
    ordo__free(s);
}

int ordo_ctt_solution_add(ordo_ctt_solution *s, int course, int room, int day, int period)
{
    if (ORDO_GROW(s->v, s->cap, s->n + 1) < 0)
        return ORDO_ENOMEM;
    s->v[s->n++] = (ordo_ctt_assignment){ course, room, day, period };
    return ORDO_OK;
}

static void warnf(ordo_warn_fn warn, void *payload, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void warnf(ordo_warn_fn warn, void *payload, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    if (!warn)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    warn(msg, payload);
}

/* The flat token stream of a solution file, with each token's line. */
typedef struct token_stream {
    char **tok;
    int *line;
    size_t n, cap, cap_line;
} token_stream;

static int tokenize_all(token_stream *ts, lexer *lx, ordo_err *err)
{
    int rc = ORDO_OK;
    for (;;) {
        ORDO_TRY(next_record(lx, err));
        if (lx->ntok == 0)
            break;
        if (ORDO_GROW(ts->tok, ts->cap, ts->n + lx->ntok) < 0 ||
            ORDO_GROW(ts->line, ts->cap_line, ts->n + lx->ntok) < 0) {
            rc = ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory", lx->path);
            goto done;
        }
        for (size_t i = 0; i < lx->ntok; i++) {
            ts->tok[ts->n] = lx->tok[i];
            ts->line[ts->n++] = lx->tokline;
        }
    }
done:
    return rc;
}

int ordo_ctt_solution_load(ordo_ctt_solution **out, const ordo_ctt_instance *in, const char *path,
                           ordo_warn_fn warn, void *payload, ordo_err *err)
{
    int rc = ORDO_OK;
    lexer lx;
    token_stream ts;
    ordo_ctt_solution *sol = NULL;
    unsigned char *taken = NULL;              /* course x period: 1 if already placed */
    size_t len = 0;
    int P = in->days * in->periods_per_day;
    memset(&lx, 0, sizeof lx);
    memset(&ts, 0, sizeof ts);
    lx.path = path;
    *out = NULL;
    ORDO_TRY(read_file(&lx.buf, &len, path, err));
    lx.p = lx.buf;
    lx.end = lx.buf + len;
    ORDO_TRY(tokenize_all(&ts, &lx, err));
    if (ordo_ctt_solution_new(&sol) < 0 ||
        !(taken = ordo__calloc((size_t)in->ncourses * (size_t)P + 1, 1))) {
        rc = ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory", path);
        goto done;
    }
    for (size_t i = 0; i < ts.n; i += 4) {
        int line = ts.line[i];
        long day, period;
        if (i + 4 > ts.n) {
            warnf(warn, payload, "%s:%d: incomplete entry at end of file (ignored)", path, line);
            sol->stopped_line = line;
            break;
        }
        const char *cid = ts.tok[i], *rid = ts.tok[i + 1];
        if (parse_long(ts.tok[i + 2], &day) < 0 || parse_long(ts.tok[i + 3], &period) < 0) {
            /* The validator's `is >> day >> period` fails here and reading ends. */
            warnf(warn, payload, "%s:%d: day/period '%s %s' is not a pair of integers; "
                  "the rest of the file is ignored", path, ts.line[i + 2], ts.tok[i + 2], ts.tok[i + 3]);
            sol->stopped_line = ts.line[i + 2];
            break;
        }
        int c = ordo_ctt_find_course(in, cid), r = ordo_ctt_find_room(in, rid);
        if (c < 0) {
            warnf(warn, payload, "%s:%d: unknown course '%s' (entry skipped)", path, line, cid);
        } else if (r < 0) {
            warnf(warn, payload, "%s:%d: unknown room '%s' (entry skipped)", path, line, rid);
        } else if (day < 0 || day >= in->days) {
            warnf(warn, payload, "%s:%d: day %ld out of range 0..%d (entry skipped)", path, line,
                  day, in->days - 1);
        } else if (period < 0 || period >= in->periods_per_day) {
            warnf(warn, payload, "%s:%d: period %ld out of range 0..%d (entry skipped)", path, line,
                  period, in->periods_per_day - 1);
        } else if (taken[(size_t)c * (size_t)P + (size_t)(day * in->periods_per_day + period)]) {
            warnf(warn, payload, "%s:%d: course '%s' already has a lecture on day %ld period %ld "
                  "(entry skipped)", path, line, cid, day, period);
        } else {
            taken[(size_t)c * (size_t)P + (size_t)(day * in->periods_per_day + period)] = 1;
            if (ordo_ctt_solution_add(sol, c, r, (int)day, (int)period) < 0) {
                rc = ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory", path);
                goto done;
            }
            continue;
        }
        sol->warnings++;
    }
    *out = sol;
    sol = NULL;
done:
    ordo_ctt_solution_free(sol);
    ordo__free(taken);
    ordo__free(ts.tok);
    ordo__free(ts.line);
    ordo__free(lx.buf);
    ordo__free(lx.tok);
    return rc;
}

int ordo_ctt_solution_save(const ordo_ctt_instance *in, const ordo_ctt_solution *s,
                           const char *path, ordo_err *err)
{
    int rc = ORDO_OK;
    ordo__outbuf b = { 0 };
    for (size_t i = 0; i < s->n; i++) {
        const ordo_ctt_assignment *a = &s->v[i];
        if (a->course < 0 || a->course >= in->ncourses || a->room < 0 || a->room >= in->nrooms ||
            a->day < 0 || a->day >= in->days || a->period < 0 || a->period >= in->periods_per_day) {
            rc = ordo__seterr(err, ORDO_EINVAL, "%s: lecture %zu: course %d room %d day %d period %d "
                              "is out of range for instance '%s'", path, i, a->course, a->room,
                              a->day, a->period, in->name);
            goto done;
        }
    }
    for (size_t i = 0; i < s->n; i++) {
        const ordo_ctt_assignment *a = &s->v[i];
        ordo__outbuf_printf(&b, "%s %s %d %d\n", in->courses[a->course].id,
                            in->rooms[a->room].id, a->day, a->period);
    }
    rc = ordo__outbuf_save(&b, path, err);
done:
    ordo__outbuf_clear(&b);
    return rc;
}
