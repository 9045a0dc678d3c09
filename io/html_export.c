/*
 * html_export.c — printable week-grid timetables: resource-<id>.html for
 * every resource, course-<id>.html for every course (booking-N.html for a
 * desk booking; a page without sessions says so), and index.html linking
 * them all.
 *
 * A page shows the placed sessions (PLANNED, DONE) it concerns, one grid
 * per ISO week that has some: a time gutter and columns Monday..Sunday, each
 * (end_hour - first_hour) * HOUR_PX high, where the hour range is the same
 * for every week of the page (earliest start hour to latest end hour of all
 * its sessions). A session is a block placed at its real local start with a
 * height proportional to its duration (time, duration "1 h 15 min", course
 * title with "session k/N", resources, customer, the site when the page
 * mixes sites); sessions that overlap on a day sit side by side. A session
 * in a conflict (model/conflicts.h) is drawn red with "CONFLICT: ..." saying
 * with what. A resource page draws its time off, hatched. Times and dates
 * are local to each session's site (model/tz.h via io/plan_view.h), as wall
 * clocks show them, so the DST day is drawn by its wall-clock hours; an end
 * at 24:00 stays on its day. The index marks courses with unplaced sessions.
 * Every user string is HTML-escaped; CSS is inline, there is no script; the
 * markup is also well-formed XML, so an XML
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

/* The week grid: one column per day, HOUR_PX pixels per hour, so heights
 * are proportional to durations; a booking is placed at its real start. */
#define HOUR_PX 60

static const char *const page_css =
    "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}"
    "h1{margin-bottom:.2em}p.sub{color:#555;margin-top:0}"
    ".wk{display:grid;grid-template-columns:4em repeat(7,1fr);border:1px solid #bbb;margin-bottom:1.5em}"
    ".wk .dh{background:#e8eef8;font-weight:bold;text-align:center;padding:3px;border-left:1px solid #ccc;"
    "font-size:.9em}"
    ".wk .day,.wk .hours{position:relative;border-left:1px solid #ccc;"
    "background-image:repeating-linear-gradient(to bottom,#ddd 0,#ddd 1px,transparent 1px,transparent 60px)}"
    ".wk .hours{border-left:0;background:#f6f6f6}"
    ".wk .hl{position:absolute;right:4px;font-size:.75em;color:#555}"
    ".b{position:absolute;box-sizing:border-box;overflow:hidden;background:#cfe0ff;border:1px solid #6d93d6;"
    "border-radius:3px;padding:1px 3px;font-size:.78em;line-height:1.2}"
    ".b span{display:block;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}"
    ".b .t{font-weight:bold}.b .r{color:#333}"
    ".b.done{font-style:italic;background:#e3e3e3;border-color:#999}"
    ".b.conflict{background:#ffd6d6;border:2px solid #c00}.b .x{color:#a00}"
    ".off{position:absolute;left:0;right:0;box-sizing:border-box;color:#555;font-size:.75em;padding:1px 3px;"
    "background:repeating-linear-gradient(45deg,#eee 0,#eee 6px,#d8d8d8 6px,#d8d8d8 12px);"
    "border:1px dashed #999;overflow:hidden}"
    "ul.idx li{margin:.2em 0}.unplaced{color:#a00;font-weight:bold}h2.conflicts,ul.conflicts{color:#a00}";

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
    int start_min, end_min;     /* as drawn; end_min may be 1440 (24:00) */
    int shown_end;              /* the local end time printed (see collect: DST fold) */
    int lane, lanes;            /* side by side when they overlap on a day */
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
    ordo__outbuf page, scratch;
    ordo_conflict *conf;        /* model/conflicts.h */
    size_t nconf;
    char *in_conflict;          /* per session index */
    int first_hour, end_hour;   /* the page's hour range, the same for every week */
    int mixed_sites;            /* the page's sessions are at more than one site */
    int resource;               /* the page's resource (time off shown), or -1 */
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
        it->shown_end = it->end_min;
        /* Across the repeated hour of a DST fall-back the local end can come at
         * or before the local start (02:30 CEST -> 02:30 CET): drawn from its
         * start with its real length, the label keeping the real end time. */
        if (it->end_min <= it->start_min) {
            int64_t len = (int64_t)(s->end - s->start);
            it->end_min = it->start_min + len < ORDO_MIN_PER_DAY ? it->start_min + (int)len : ORDO_MIN_PER_DAY;
        }
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

static void put_minutes(ordo__outbuf *b, int minute)
{
    char t[6];
    ordo_time_format(minute, t);
    ordo__outbuf_puts(b, t);
}

static int put_session_block(html_ctx *c, const html_item *it)
{
    const ordo_model *m = c->m;
    const ordo_session *s = &m->sessions.v[it->session];
    char dur[48];
    int conflict = c->in_conflict[it->session];
    char *summary = ordo__session_summary(m, &c->num, it->session);
    if (!summary)
        return ordo__seterr(c->err, ORDO_ENOMEM, "out of memory");
    int top = (it->start_min - c->first_hour * 60) * HOUR_PX / 60;
    int height = (it->end_min - it->start_min) * HOUR_PX / 60;
    ordo__outbuf_printf(&c->page,
                        "<div class=\"b%s%s\" data-session=\"%lld\" data-start=\"%d\" data-end=\"%d\" "
                        "style=\"top:%dpx;height:%dpx;left:%.4f%%;width:%.4f%%\"",
                        s->status == ORDO_SESSION_DONE ? " done" : "", conflict ? " conflict" : "",
                        (long long)s->id, it->start_min, it->end_min, top, height,
                        100.0 * it->lane / it->lanes, 100.0 / it->lanes);
    /* three lines (time, title, who), each cut with an ellipsis; the title
     * attribute (a tooltip) and the conflict list below the grid say it all */
    c->scratch.len = 0;
    ordo__outbuf_puts(&c->scratch, "");
    if (conflict) {
        ordo__outbuf_puts(&c->scratch, "CONFLICT: ");
        ordo__conflict_text(&c->scratch, m, &c->num, c->conf, c->nconf, it->session);
        ordo__outbuf_puts(&c->scratch, "\n");
    }
    ordo__outbuf_puts(&c->scratch, summary);
    ordo__outbuf_puts(&c->page, " title=\"");
    put_text(&c->page, c->scratch.data);
    ordo__outbuf_puts(&c->page, "\"><span class=\"t\">");
    if (conflict)
        ordo__outbuf_puts(&c->page, "<b class=\"x\" title=\"CONFLICT\">\xe2\x9a\xa0</b> ");  /* U+26A0, narrow */
    put_minutes(&c->page, it->start_min);
    ordo__outbuf_puts(&c->page, "\xe2\x80\x93");
    put_minutes(&c->page, it->shown_end);
    ordo__duration_text(dur, sizeof dur, s->end - s->start);
    ordo__outbuf_printf(&c->page, " (%s)%s</span>", dur, s->status == ORDO_SESSION_DONE ? " done" : "");
    ordo__outbuf_puts(&c->page, "<span class=\"s\">");
    put_text(&c->page, summary);
    ordo__outbuf_puts(&c->page, "</span><span class=\"r\">");
    for (int k = 0; k < s->nresources; k++) {
        const ordo_resource *r = &m->resources.v[s->resources[k]];
        if (k > 0)
            ordo__outbuf_puts(&c->page, ", ");
        put_text(&c->page, or_id(r->name, r->id));
    }
    if (s->course >= 0 && m->courses.v[s->course].customer) {
        c->scratch.len = 0;
        ordo__outbuf_puts(&c->scratch, "");
        ordo__customer_text(&c->scratch, m, &m->courses.v[s->course]);
        ordo__outbuf_puts(&c->page, "; for ");
        put_text(&c->page, c->scratch.data);
    }
    if (c->mixed_sites && s->site >= 0) {
        ordo__outbuf_puts(&c->page, "; at ");
        put_text(&c->page, or_id(m->sites.v[s->site].name, m->sites.v[s->site].id));
    }
    ordo__outbuf_puts(&c->page, "</span></div>");
    ordo__free(summary);
    if (c->scratch.failed)
        return ordo__seterr(c->err, ORDO_ENOMEM, "out of memory");
    return ORDO_OK;
}

/* The page resource's time off on date d, clipped to the hour range. */
static void put_time_off(html_ctx *c, ordo_date d)
{
    const ordo_model *m = c->m;
    int lo = c->first_hour * 60, hi = c->end_hour * 60;
    for (size_t i = 0; c->resource >= 0 && i < m->time_off.n; i++) {
        const ordo_time_off *t = &m->time_off.v[i];
        if (t->resource != c->resource || d < t->start_date || d > t->end_date)
            continue;
        int a = d == t->start_date ? t->start_min : 0, z = d == t->end_date ? t->end_min : ORDO_MIN_PER_DAY;
        a = a < lo ? lo : a;
        z = z > hi ? hi : z;
        if (z <= a)
            continue;
        ordo__outbuf_printf(&c->page, "<div class=\"off\" style=\"top:%dpx;height:%dpx\">Time off",
                            (a - lo) * HOUR_PX / 60, (z - a) * HOUR_PX / 60);
        if (t->reason && *t->reason) {
            ordo__outbuf_puts(&c->page, ": ");
            put_text(&c->page, t->reason);
        }
        ordo__outbuf_puts(&c->page, "</div>");
    }
}

/* Lanes for items[from, to) of one week: overlapping sessions of a day sit
 * side by side (greedy, in start order); every item of a day gets that
 * day's lane count. */
static void assign_lanes(html_ctx *c, size_t from, size_t to)
{
    for (size_t a = from, z; a < to; a = z) {
        int lanes_end[16] = { 0 }, nl = 0;
        for (z = a; z < to && c->items[z].date == c->items[a].date; z++) {
            html_item *it = &c->items[z];
            int l = 0;
            while (l < nl && lanes_end[l] > it->start_min)
                l++;
            if (l == nl && nl < 16)
                nl++;
            if (l >= 16)
                l = 15;
            lanes_end[l] = it->end_min;
            it->lane = l;
        }
        for (size_t i = a; i < z; i++)
            c->items[i].lanes = nl > 0 ? nl : 1;
    }
}

/* The grid of items[from, to), which share one week. */
static int put_week(html_ctx *c, size_t from, size_t to)
{
    int rc = ORDO_OK;
    ordo__outbuf *b = &c->page;
    ordo_date monday = c->items[from].monday;
    int height = (c->end_hour - c->first_hour) * HOUR_PX;
    assign_lanes(c, from, to);
    put_week_heading(b, monday);
    ordo__outbuf_puts(b, "<div class=\"wk\">\n<div class=\"dh\">Time</div>");
    for (int d = 0; d < 7; d++) {
        ordo__outbuf_printf(b, "<div class=\"dh\">%s ", day_names[d]);
        put_day_month(b, monday + d, 0);
        ordo__outbuf_puts(b, "</div>");
    }
    ordo__outbuf_printf(b, "\n<div class=\"hours\" style=\"height:%dpx\">", height);
    for (int h = c->first_hour; h < c->end_hour; h++)
        ordo__outbuf_printf(b, "<span class=\"hl\" style=\"top:%dpx\">%02d:00</span>",
                            (h - c->first_hour) * HOUR_PX, h);
    ordo__outbuf_puts(b, "</div>\n");
    for (int d = 0; d < 7; d++) {
        int y, mo, da;
        ordo_date_to_ymd(monday + d, &y, &mo, &da);
        ordo__outbuf_printf(b, "<div class=\"day\" data-date=\"%04d-%02d-%02d\" style=\"height:%dpx\">", y, mo,
                            da, height);
        put_time_off(c, monday + d);
        for (size_t i = from; i < to; i++)
            if (c->items[i].date == monday + d)
                ORDO_TRY(put_session_block(c, &c->items[i]));
        ordo__outbuf_puts(b, "</div>\n");
    }
    ordo__outbuf_puts(b, "</div>\n");
done:
    return rc;
}

/* The page's hour range (earliest start hour to latest end hour of all its
 * sessions, so every week of the page has the same rows) and whether its
 * sessions are at more than one site. */
static void page_range(html_ctx *c, size_t n)
{
    c->first_hour = 24;
    c->end_hour = 0;
    c->mixed_sites = 0;
    for (size_t i = 0; i < n; i++) {
        const html_item *it = &c->items[i];
        if (it->start_min / 60 < c->first_hour)
            c->first_hour = it->start_min / 60;
        if ((it->end_min + 59) / 60 > c->end_hour)
            c->end_hour = (it->end_min + 59) / 60;
        c->mixed_sites |= c->m->sessions.v[it->session].site != c->m->sessions.v[c->items[0].session].site;
    }
    /* time off within one day, in a week shown, widens the range (a whole
     * day off would make it 24 h: that is clipped to the sessions' hours) */
    for (size_t k = 0; c->resource >= 0 && k < c->m->time_off.n; k++) {
        const ordo_time_off *t = &c->m->time_off.v[k];
        if (t->resource != c->resource || t->start_date != t->end_date)
            continue;
        int shown = 0;
        for (size_t i = 0; i < n && !shown; i++)
            shown = t->start_date >= c->items[i].monday && t->start_date < c->items[i].monday + 7;
        if (!shown)
            continue;
        if (t->start_min / 60 < c->first_hour)
            c->first_hour = t->start_min / 60;
        if ((t->end_min + 59) / 60 > c->end_hour)
            c->end_hour = (t->end_min + 59) / 60;
    }
}

/* Below the grids: every conflict of the page's sessions in words (the
 * blocks only say CONFLICT). */
static int put_conflict_list(html_ctx *c, size_t n)
{
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        const html_item *it = &c->items[i];
        if (!c->in_conflict[it->session])
            continue;
        char *summary = ordo__session_summary(c->m, &c->num, it->session);
        if (!summary)
            return ordo__seterr(c->err, ORDO_ENOMEM, "out of memory");
        if (!any++)
            ordo__outbuf_puts(&c->page, "<h2 class=\"conflicts\">Conflicts</h2>\n<ul class=\"conflicts\">\n");
        ordo__outbuf_puts(&c->page, "<li>");
        put_day_month(&c->page, it->date, 1);
        ordo__outbuf_puts(&c->page, " ");
        put_minutes(&c->page, it->start_min);
        ordo__outbuf_puts(&c->page, " ");
        put_text(&c->page, summary);
        ordo__outbuf_puts(&c->page, ": ");
        c->scratch.len = 0;
        ordo__outbuf_puts(&c->scratch, "");
        ordo__conflict_text(&c->scratch, c->m, &c->num, c->conf, c->nconf, it->session);
        put_text(&c->page, c->scratch.data);
        ordo__outbuf_puts(&c->page, "</li>\n");
        ordo__free(summary);
    }
    if (any)
        ordo__outbuf_puts(&c->page, "</ul>\n");
    return c->scratch.failed ? ordo__seterr(c->err, ORDO_ENOMEM, "out of memory") : ORDO_OK;
}

static int put_weeks(html_ctx *c, size_t n)
{
    int rc = ORDO_OK;
    if (n == 0)
        ordo__outbuf_puts(&c->page, "<p>No sessions planned.</p>\n");
    page_range(c, n);
    for (size_t from = 0, to; from < n; from = to) {
        for (to = from + 1; to < n && c->items[to].monday == c->items[from].monday; to++)
            ;
        ORDO_TRY(put_week(c, from, to));
    }
    ORDO_TRY(put_conflict_list(c, n));
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
    c->resource = (int)r;
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

/* A desk booking (id "booking-N") is not a course: booking-N.html. */
static const char *course_prefix(const ordo_course *co) { return co->is_booking ? "" : "course"; }

static int write_course_page(html_ctx *c, size_t k)
{
    int rc = ORDO_OK;
    const ordo_course *co = &c->m->courses.v[k];
    const ordo_service *svc = &c->m->services.v[co->service];
    char *name = NULL;
    size_t n = 0;
    ORDO_TRY(ordo__export_name(&name, course_prefix(co), co->id, ".html", c->err));
    ORDO_TRY(collect_items(c, -1, (int)k, &n));
    c->resource = -1;
    c->page.len = 0;
    page_begin(&c->page, or_id(co->title, co->id));
    ordo__outbuf_puts(&c->page, "<p><a href=\"index.html\">All timetables</a></p>\n<h1>");
    put_text(&c->page, or_id(co->title, co->id));
    ordo__outbuf_printf(&c->page, "</h1>\n<p class=\"sub\">%s ", co->is_booking ? "desk booking" : "course");
    put_text(&c->page, co->id);
    ordo__outbuf_puts(&c->page, ": ");
    put_text(&c->page, or_id(svc->name, svc->id));
    if (co->customer) {
        c->scratch.len = 0;
        ordo__outbuf_puts(&c->scratch, "");
        ordo__customer_text(&c->scratch, c->m, co);
        ordo__outbuf_puts(&c->page, " for ");
        put_text(&c->page, c->scratch.data);
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
    ordo__outbuf_printf(b, "<li><a href=\"%s%s", prefix, *prefix ? "-" : "");
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
    for (size_t k = 0; k < m->courses.n; k++) {
        int unplaced = 0;
        for (size_t i = 0; i < m->sessions.n; i++)
            unplaced += m->sessions.v[i].course == (int)k && m->sessions.v[i].status == ORDO_SESSION_UNSCHEDULED;
        put_index_link(b, course_prefix(&m->courses.v[k]), m->courses.v[k].id, or_id(m->courses.v[k].title, m->courses.v[k].id),
                       m->courses.v[k].id);
        if (unplaced) {
            b->len -= strlen("</li>\n");
            ordo__outbuf_printf(b, " <span class=\"unplaced\">%d session%s not placed</span></li>\n", unplaced,
                                unplaced == 1 ? "" : "s");
        }
    }
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
    ORDO_TRY(ordo_conflicts_find(m, &c.conf, &c.nconf, err));
    if (!(c.items = ordo__calloc(m->sessions.n + 1, sizeof *c.items)) ||
        !(c.in_conflict = ordo__calloc(m->sessions.n + 1, 1))) {
        rc = ordo__seterr(err, ORDO_ENOMEM, "out of memory");
        goto done;
    }
    ordo_conflicts_mark(m, c.conf, c.nconf, c.in_conflict);
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
    ordo__free(c.conf);
    ordo__free(c.in_conflict);
    ordo__outbuf_clear(&c.page);
    ordo__outbuf_clear(&c.scratch);
    return rc;
}
