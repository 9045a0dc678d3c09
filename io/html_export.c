/*
 * html_export.c — printable week-grid timetables: resource-<id>.html for
 * every resource, course-<id>.html for every course (a page without
 * sessions says so), and index.html linking them all.
 *
 * A page shows the placed sessions (PLANNED, DONE) it concerns, one table
 * per ISO week that has some: columns Monday..Sunday, one row per hour from
 * the earliest start hour to the latest end hour of that week. A session is
 * written in the cell of its start hour (time, course title with "session
 * k/N", resource names) and the later hours it covers are shaded. Times and
 * dates are local to each session's site (model/tz.h via io/plan_view.h); an
 * end at 24:00 stays on its day. Every user string is HTML-escaped; CSS is
 * inline, there is no script; the markup is also well-formed XML, so an XML
 * parser can check it. Files are replaced atomically (io/out_file.h).
 */
#include "io/html_export.h"
#include "io/out_file.h"
#include "io/plan_view.h"

#include <stdlib.h>
#include <string.h>

static const char *const day_names[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char *const month_names[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

static const char *const page_css =
    "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}"
    "h1{margin-bottom:.2em}p.sub{color:#555;margin-top:0}"
    "table{border-collapse:collapse;width:100%;table-layout:fixed;margin-bottom:1.5em}"
    "th,td{border:1px solid #ccc;padding:2px 4px;vertical-align:top;font-size:.9em}"
    "thead th{background:#e8eef8}tbody th{width:4em;background:#f6f6f6;text-align:right;font-weight:normal}"
    "td.start{background:#cfe0ff}td.busy{background:#e9f1ff}"
    ".b{margin:1px 0}.b .t{font-weight:bold;display:block}.b .r{display:block;color:#444;font-size:.85em}"
    ".done{font-style:italic}ul.idx li{margin:.2em 0}";

/* Text with &, <, >, " and ' escaped (safe in element content and attributes). */
static void put_text(ordo__outbuf *b, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        switch (*p) {
        case '&': ordo__outbuf_puts(b, "&amp;"); break;
        case '<': ordo__outbuf_puts(b, "&lt;"); break;
        case '>': ordo__outbuf_puts(b, "&gt;"); break;
        case '"': ordo__outbuf_puts(b, "&quot;"); break;
        case '\'': ordo__outbuf_puts(b, "&#39;"); break;
        default: ordo__outbuf_put(b, p, 1);
        }
    }
}

static const char *or_id(const char *name, const char *id) { return name && *name ? name : id; }

static void page_begin(ordo__outbuf *b, const char *title)
{
    ordo__outbuf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>");
    put_text(b, title);
    ordo__outbuf_printf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n", page_css);
}

static void page_end(ordo__outbuf *b) { ordo__outbuf_puts(b, "</body>\n</html>\n"); }

/* One session as a page shows it, in its site's local time. */
typedef struct html_item {
    size_t session;
    ordo_date date, monday;
    int start_min, end_min;     /* end_min may be 1440 (24:00) */
} html_item;

static int cmp_item(const void *pa, const void *pb)
{
    const html_item *a = pa, *b = pb;
    if (a->monday != b->monday)
        return a->monday < b->monday ? -1 : 1;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    if (a->start_min != b->start_min)
        return a->start_min < b->start_min ? -1 : 1;
    return a->session < b->session ? -1 : a->session > b->session;
}

typedef struct html_ctx {
    const ordo_model *m;
    ordo__numbering num;
    html_item *items;           /* scratch: one page's sessions */
    ordo__outbuf page;
    const char *dir;
    ordo_err *err;
} html_ctx;

/* Placed sessions using resource `res` (or of course `course`), week order. */
static int collect_items(html_ctx *c, int res, int course, size_t *out_n)
{
    const ordo_model *m = c->m;
    size_t n = 0;
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *s = &m->sessions.v[i];
        int in = course >= 0 ? s->course == course : 0;
        for (int k = 0; k < s->nresources && !in; k++)
            in = s->resources[k] == res;
        if (!in || !ordo__session_is_placed(s))
            continue;
        html_item *it = &c->items[n++];
        ordo_date end_date;
        int rc = ordo__site_local(m, s->site, s->start, &it->date, &it->start_min, c->err);
        if (rc == ORDO_OK)
            rc = ordo__site_local(m, s->site, s->end, &end_date, &it->end_min, c->err);
        if (rc < 0)
            return rc;
        it->session = i;
        it->monday = it->date - ordo_date_weekday(it->date);
        if (end_date > it->date)
            it->end_min = ORDO_MIN_PER_DAY;     /* 24:00 (a booking lies within one day) */
    }
    qsort(c->items, n, sizeof *c->items, cmp_item);
    *out_n = n;
    return ORDO_OK;
}

static void put_day_month(ordo__outbuf *b, ordo_date d, int with_year)
{
    int y, mo, da;
    ordo_date_to_ymd(d, &y, &mo, &da);
    ordo__outbuf_printf(b, "%d %s", da, month_names[mo - 1]);
    if (with_year)
        ordo__outbuf_printf(b, " %d", y);
}

static void put_week_heading(ordo__outbuf *b, ordo_date monday)
{
    int y, mo, da;
    ordo_date thursday = monday + 3;            /* ISO 8601: the week's Thursday names its year */
    ordo_date_to_ymd(thursday, &y, &mo, &da);
    int week = (thursday - ordo_date_from_ymd(y, 1, 1)) / 7 + 1;
    ordo__outbuf_printf(b, "<h2>Week %d-W%02d: Mon ", y, week);
    put_day_month(b, monday, 0);
    ordo__outbuf_puts(b, " \xe2\x80\x93 Sun ");
    put_day_month(b, monday + 6, 1);
    ordo__outbuf_puts(b, "</h2>\n");
}

static int put_session_block(html_ctx *c, const html_item *it)
{
    const ordo_model *m = c->m;
    const ordo_session *s = &m->sessions.v[it->session];
    char from[6], to[6];
    char *summary = ordo__session_summary(m, &c->num, it->session);
    if (!summary)
        return ordo__seterr(c->err, ORDO_ENOMEM, "out of memory");
    ordo_time_format(it->start_min, from);
    ordo_time_format(it->end_min, to);
    ordo__outbuf_printf(&c->page, "<div class=\"b%s\"><span class=\"t\">%s\xe2\x80\x93%s%s</span>",
                        s->status == ORDO_SESSION_DONE ? " done" : "", from, to,
                        s->status == ORDO_SESSION_DONE ? " (done)" : "");
    put_text(&c->page, summary);
    ordo__outbuf_puts(&c->page, "<span class=\"r\">");
    for (int k = 0; k < s->nresources; k++) {
        const ordo_resource *r = &m->resources.v[s->resources[k]];
        if (k > 0)
            ordo__outbuf_puts(&c->page, ", ");
        put_text(&c->page, or_id(r->name, r->id));
    }
    ordo__outbuf_puts(&c->page, "</span></div>");
    ordo__free(summary);
    return ORDO_OK;
}

/* The grid of items[from, to), which share one week. */
static int put_week(html_ctx *c, size_t from, size_t to)
{
    int rc = ORDO_OK;
    ordo__outbuf *b = &c->page;
    ordo_date monday = c->items[from].monday;
    int first_hour = 24, end_hour = 0;
    for (size_t i = from; i < to; i++) {
        if (c->items[i].start_min / 60 < first_hour)
            first_hour = c->items[i].start_min / 60;
        if ((c->items[i].end_min + 59) / 60 > end_hour)
            end_hour = (c->items[i].end_min + 59) / 60;
    }
    put_week_heading(b, monday);
    ordo__outbuf_puts(b, "<table>\n<thead><tr><th>Time</th>");
    for (int d = 0; d < 7; d++) {
        ordo__outbuf_printf(b, "<th>%s ", day_names[d]);
        put_day_month(b, monday + d, 0);
        ordo__outbuf_puts(b, "</th>");
    }
    ordo__outbuf_puts(b, "</tr></thead>\n<tbody>\n");
    for (int h = first_hour; h < end_hour; h++) {
        ordo__outbuf_printf(b, "<tr><th>%02d:00</th>", h);
        for (int d = 0; d < 7; d++) {
            int starts = 0, covered = 0;
            for (size_t i = from; i < to; i++) {
                const html_item *it = &c->items[i];
                if (it->date != monday + d)
                    continue;
                starts += it->start_min / 60 == h;
                covered |= it->start_min < h * 60 && it->end_min > h * 60;
            }
            if (!starts) {
                ordo__outbuf_puts(b, covered ? "<td class=\"busy\"></td>" : "<td></td>");
                continue;
            }
            ordo__outbuf_puts(b, "<td class=\"start\">");
            for (size_t i = from; i < to; i++)
                if (c->items[i].date == monday + d && c->items[i].start_min / 60 == h)
                    ORDO_TRY(put_session_block(c, &c->items[i]));
            ordo__outbuf_puts(b, "</td>");
        }
        ordo__outbuf_puts(b, "</tr>\n");
    }
    ordo__outbuf_puts(b, "</tbody>\n</table>\n");
done:
    return rc;
}

static int put_weeks(html_ctx *c, size_t n)
{
    int rc = ORDO_OK;
    if (n == 0)
        ordo__outbuf_puts(&c->page, "<p>No sessions planned.</p>\n");
    for (size_t from = 0, to; from < n; from = to) {
        for (to = from + 1; to < n && c->items[to].monday == c->items[from].monday; to++)
            ;
        ORDO_TRY(put_week(c, from, to));
    }
done:
    return rc;
}

static int save_page(html_ctx *c, const char *name)
{
    char *path = ordo__path_join(c->dir, name);
    int rc = path ? ordo__outbuf_save(&c->page, path, c->err)
                  : ordo__seterr(c->err, ORDO_ENOMEM, "out of memory");
    ordo__free(path);
    return rc;
}

static int write_resource_page(html_ctx *c, size_t r)
{
    int rc = ORDO_OK;
    const ordo_resource *res = &c->m->resources.v[r];
    const ordo_site *site = &c->m->sites.v[res->site];
    char *name = NULL;
    size_t n = 0;
    ORDO_TRY(ordo__export_name(&name, "resource", res->id, ".html", c->err));
    ORDO_TRY(collect_items(c, (int)r, -1, &n));
    c->page.len = 0;
    page_begin(&c->page, or_id(res->name, res->id));
    ordo__outbuf_puts(&c->page, "<p><a href=\"index.html\">All timetables</a></p>\n<h1>");
    put_text(&c->page, or_id(res->name, res->id));
    ordo__outbuf_printf(&c->page, "</h1>\n<p class=\"sub\">%s ", ordo_kind_name(res->kind));
    put_text(&c->page, res->id);
    ordo__outbuf_puts(&c->page, " at ");
    put_text(&c->page, or_id(site->name, site->id));
    ordo__outbuf_puts(&c->page, "; local times (");
    put_text(&c->page, site->timezone);
    ordo__outbuf_puts(&c->page, ")</p>\n");
    ORDO_TRY(put_weeks(c, n));
    page_end(&c->page);
    ORDO_TRY(save_page(c, name));
done:
    ordo__free(name);
    return rc;
}

/* The course's sessions that could not be placed, with their reasons. */
static void put_unscheduled(html_ctx *c, int course)
{
    const ordo_model *m = c->m;
    int any = 0;
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *s = &m->sessions.v[i];
        if (s->course != course || s->status != ORDO_SESSION_UNSCHEDULED)
            continue;
        if (!any++)
            ordo__outbuf_puts(&c->page, "<h2>Not scheduled</h2>\n<ul>\n");
        ordo__outbuf_printf(&c->page, "<li>session %d: ", c->num.number[i]);
        put_text(&c->page, s->reason);
        ordo__outbuf_puts(&c->page, "</li>\n");
    }
    if (any)
        ordo__outbuf_puts(&c->page, "</ul>\n");
}

static int write_course_page(html_ctx *c, size_t k)
{
    int rc = ORDO_OK;
    const ordo_course *co = &c->m->courses.v[k];
    const ordo_service *svc = &c->m->services.v[co->service];
    char *name = NULL;
    size_t n = 0;
    ORDO_TRY(ordo__export_name(&name, "course", co->id, ".html", c->err));
    ORDO_TRY(collect_items(c, -1, (int)k, &n));
    c->page.len = 0;
    page_begin(&c->page, or_id(co->title, co->id));
    ordo__outbuf_puts(&c->page, "<p><a href=\"index.html\">All timetables</a></p>\n<h1>");
    put_text(&c->page, or_id(co->title, co->id));
    ordo__outbuf_puts(&c->page, "</h1>\n<p class=\"sub\">course ");
    put_text(&c->page, co->id);
    ordo__outbuf_puts(&c->page, ": ");
    put_text(&c->page, or_id(svc->name, svc->id));
    if (co->customer) {
        ordo__outbuf_puts(&c->page, " for ");
        put_text(&c->page, co->customer);
    }
    ordo__outbuf_printf(&c->page, "; %zu of %d sessions placed; local times of each site</p>\n", n,
                        c->num.count[k]);
    ORDO_TRY(put_weeks(c, n));
    put_unscheduled(c, (int)k);
    page_end(&c->page);
    ORDO_TRY(save_page(c, name));
done:
    ordo__free(name);
    return rc;
}

static void put_index_link(ordo__outbuf *b, const char *prefix, const char *id, const char *label,
                           const char *note)
{
    ordo__outbuf_printf(b, "<li><a href=\"%s-", prefix);
    put_text(b, id);
    ordo__outbuf_puts(b, ".html\">");
    put_text(b, label);
    ordo__outbuf_puts(b, "</a> (");
    put_text(b, note);
    ordo__outbuf_puts(b, ")</li>\n");
}

static int write_index(html_ctx *c)
{
    const ordo_model *m = c->m;
    ordo__outbuf *b = &c->page;
    b->len = 0;
    page_begin(b, "ordo timetables");
    ordo__outbuf_puts(b, "<h1>Timetables</h1>\n");
    for (int kind = 0; kind < ORDO_KIND_COUNT; kind++) {
        int any = 0;
        for (size_t r = 0; r < m->resources.n; r++) {
            const ordo_resource *res = &m->resources.v[r];
            if ((int)res->kind != kind)
                continue;
            if (!any++)
                ordo__outbuf_printf(b, "<h2>%s</h2>\n<ul class=\"idx\">\n",
                                    kind == ORDO_PERSON ? "People" : kind == ORDO_ROOM ? "Rooms" : "Equipment");
            put_index_link(b, "resource", res->id, or_id(res->name, res->id), res->id);
        }
        if (any)
            ordo__outbuf_puts(b, "</ul>\n");
    }
    if (m->courses.n > 0)
        ordo__outbuf_puts(b, "<h2>Courses</h2>\n<ul class=\"idx\">\n");
    for (size_t k = 0; k < m->courses.n; k++)
        put_index_link(b, "course", m->courses.v[k].id, or_id(m->courses.v[k].title, m->courses.v[k].id),
                       m->courses.v[k].id);
    if (m->courses.n > 0)
        ordo__outbuf_puts(b, "</ul>\n");
    page_end(b);
    return save_page(c, "index.html");
}

int ordo_html_export(const ordo_model *m, const char *dir, int *out_files, ordo_err *err)
{
    int rc = ORDO_OK;
    int written = 0;
    html_ctx c = { .m = m, .dir = dir, .err = err };
    if (!m || !dir) {
        rc = ordo__seterr(err, ORDO_EINVAL, "HTML export: no model or no folder");
        goto done;
    }
    ORDO_TRY(ordo__plan_check(m, err));
    ORDO_TRY(ordo__numbering_build(&c.num, m, err));
    if (!(c.items = ordo__calloc(m->sessions.n + 1, sizeof *c.items))) {
        rc = ordo__seterr(err, ORDO_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t r = 0; r < m->resources.n; r++, written++)
        ORDO_TRY(write_resource_page(&c, r));
    for (size_t k = 0; k < m->courses.n; k++, written++)
        ORDO_TRY(write_course_page(&c, k));
    ORDO_TRY(write_index(&c));
    written++;
done:
    if (out_files)
        *out_files = written;
    ordo__numbering_clear(&c.num);
    ordo__free(c.items);
    ordo__outbuf_clear(&c.page);
    return rc;
}
