/*
 * bookings_csv.c — the contract's "Files out": bookings.csv and, beside it,
 * unscheduled.csv (removed when no session is unscheduled).
 *
 * Rows come from the plan view (io/plan_view.h), which numbers sessions the
 * same way for every exporter. bookings.csv holds the placed sessions
 * (PLANNED, DONE) sorted by real start, course id (byte order) and session
 * number; unscheduled.csv the UNSCHEDULED ones sorted by course id and
 * number; CANCELLED sessions appear in neither. Times are the site's local
 * YYYY-MM-DDTHH:MM. Cells are quoted (RFC 4180) only when they hold a comma,
 * a quote, CR or LF; lines end with LF. Each file is built in memory and
 * replaced atomically (io/out_file.h).
 */
#include "io/bookings_csv.h"
#include "io/out_file.h"
#include "io/plan_view.h"

#include <stdlib.h>
#include <string.h>

typedef struct csv_row {
    size_t session;
    ordo_utc start;
    const char *course;
    int number;
} csv_row;

static int cmp_num(int64_t a, int64_t b) { return (a > b) - (a < b); }

static int cmp_booking(const void *pa, const void *pb)
{
    const csv_row *a = pa, *b = pb;
    int c = cmp_num(a->start, b->start);
    if (!c) c = strcmp(a->course, b->course);
    if (!c) c = cmp_num(a->number, b->number);
    return c;
}

static int cmp_unscheduled(const void *pa, const void *pb)
{
    const csv_row *a = pa, *b = pb;
    int c = strcmp(a->course, b->course);
    if (!c) c = cmp_num(a->number, b->number);
    return c;
}

/* One RFC 4180 cell: quoted, with quotes doubled, only when needed. */
static void put_cell(ordo__outbuf *b, const char *s)
{
    if (!s)
        s = "";
    if (!strpbrk(s, ",\"\r\n")) {
        ordo__outbuf_puts(b, s);
        return;
    }
    ordo__outbuf_put(b, "\"", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            ordo__outbuf_put(b, "\"", 1);
        ordo__outbuf_put(b, p, 1);
    }
    ordo__outbuf_put(b, "\"", 1);
}

static int put_local(ordo__outbuf *b, const ordo_model *m, int site, ordo_utc t, ordo_err *err)
{
    ordo_date d;
    int minute;
    int rc = ordo__site_local(m, site, t, &d, &minute, err);
    if (rc == ORDO_OK) {
        char text[17];
        ordo_datetime_format(d, minute, text);
        put_cell(b, text);
    }
    return rc;
}

/* Rows of the sessions that `want` accepts, sorted by `cmp`. */
static int collect(csv_row **out, size_t *out_n, const ordo_model *m, const ordo__numbering *num,
                   int (*want)(const ordo_session *), int (*cmp)(const void *, const void *))
{
    csv_row *rows = ordo__calloc(m->sessions.n + 1, sizeof *rows);
    size_t n = 0;
    if (!rows)
        return ORDO_ENOMEM;
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *s = &m->sessions.v[i];
        if (want(s))
            rows[n++] = (csv_row){ i, s->start, m->courses.v[s->course].id, num->number[i] };
    }
    qsort(rows, n, sizeof *rows, cmp);
    *out = rows;
    *out_n = n;
    return ORDO_OK;
}

static int is_unscheduled(const ordo_session *s) { return s->status == ORDO_SESSION_UNSCHEDULED; }

static int write_bookings(const ordo_model *m, const ordo__numbering *num, const char *path,
                          ordo_err *err)
{
    int rc = ORDO_OK;
    ordo__outbuf b = { 0 }, cell = { 0 };
    csv_row *rows = NULL;
    ordo_conflict *conf = NULL;
    size_t n = 0, nconf = 0;
    if (collect(&rows, &n, m, num, ordo__session_is_placed, cmp_booking) < 0) {
        rc = ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory", path);
        goto done;
    }
    ORDO_TRY(ordo_conflicts_find(m, &conf, &nconf, err));
    ordo__outbuf_puts(&b, "course,session,start,end,site,resources,conflict\n");
    for (size_t r = 0; r < n; r++) {
        const ordo_session *s = &m->sessions.v[rows[r].session];
        put_cell(&b, rows[r].course);
        ordo__outbuf_printf(&b, ",%d,", rows[r].number);
        ORDO_TRY(put_local(&b, m, s->site, s->start, err));
        ordo__outbuf_put(&b, ",", 1);
        ORDO_TRY(put_local(&b, m, s->site, s->end, err));
        ordo__outbuf_put(&b, ",", 1);
        put_cell(&b, m->sites.v[s->site].id);
        ordo__outbuf_put(&b, ",", 1);
        cell.len = 0;
        ordo__outbuf_puts(&cell, "");           /* data is "" even without resources */
        for (int k = 0; k < s->nresources; k++) {
            if (k > 0)
                ordo__outbuf_put(&cell, ";", 1);
            ordo__outbuf_puts(&cell, m->resources.v[s->resources[k]].id);
        }
        b.failed |= cell.failed;
        put_cell(&b, cell.data);
        ordo__outbuf_put(&b, ",", 1);
        cell.len = 0;
        ordo__outbuf_puts(&cell, "");
        ordo__conflict_text(&cell, m, num, conf, nconf, rows[r].session);
        b.failed |= cell.failed;
        put_cell(&b, cell.data);
        ordo__outbuf_put(&b, "\n", 1);
    }
    rc = ordo__outbuf_save(&b, path, err);
done:
    ordo__free(rows);
    ordo__free(conf);
    ordo__outbuf_clear(&b);
    ordo__outbuf_clear(&cell);
    return rc;
}

static int write_unscheduled(const ordo_model *m, const ordo__numbering *num, const char *path,
                             ordo_err *err)
{
    int rc = ORDO_OK;
    ordo__outbuf b = { 0 };
    csv_row *rows = NULL;
    size_t n = 0;
    if (collect(&rows, &n, m, num, is_unscheduled, cmp_unscheduled) < 0) {
        rc = ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory", path);
        goto done;
    }
    if (n == 0) {
        rc = ordo__file_remove(path, err);
        goto done;
    }
    ordo__outbuf_puts(&b, "course,session,reason\n");
    for (size_t r = 0; r < n; r++) {
        put_cell(&b, rows[r].course);
        ordo__outbuf_printf(&b, ",%d,", rows[r].number);
        put_cell(&b, m->sessions.v[rows[r].session].reason);
        ordo__outbuf_put(&b, "\n", 1);
    }
    rc = ordo__outbuf_save(&b, path, err);
done:
    ordo__free(rows);
    ordo__outbuf_clear(&b);
    return rc;
}

/* The folder part of `path` ("" when it has none), in a new string. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return ordo__strdup("");
    return ordo__strndup(path, slash == path ? 1 : (size_t)(slash - path));
}

int ordo_bookings_csv_write(const ordo_model *m, const char *bookings_path, ordo_err *err)
{
    int rc = ORDO_OK;
    ordo__numbering num = { 0 };
    char *dir = NULL, *unscheduled_path = NULL;
    if (!m || !bookings_path || !*bookings_path) {
        rc = ordo__seterr(err, ORDO_EINVAL, "bookings.csv: no model or no path");
        goto done;
    }
    ORDO_TRY(ordo__plan_check(m, err));
    ORDO_TRY(ordo__numbering_build(&num, m, err));
    if (!(dir = folder_of(bookings_path)) || !(unscheduled_path = ordo__path_join(dir, "unscheduled.csv"))) {
        rc = ordo__seterr(err, ORDO_ENOMEM, "out of memory");
        goto done;
    }
    ORDO_TRY(write_bookings(m, &num, bookings_path, err));
    ORDO_TRY(write_unscheduled(m, &num, unscheduled_path, err));
done:
    ordo__numbering_clear(&num);
    ordo__free(dir);
    ordo__free(unscheduled_path);
    return rc;
}
