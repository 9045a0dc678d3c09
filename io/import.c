/*
 * import.c — the training-organisation folder (shared/spec/import-format.md)
 * merged into a model.
 *
 * Files are read in dependency order (sites, resources, working_hours,
 * time_off, services, requirements, accounts, contacts, contracts, courses)
 * and each row is put into the model at once, so a reference resolves
 * against rows of earlier files and records already in the model alike.
 * Per table, `seen` remembers the line on which each model record was read
 * from this folder (0 = not from it): a second row with that id is a
 * duplicate, and keyless rows clear their resource's or service's old rows
 * only the first time. Fields the contract has no column for (account and
 * contact roles, cities and phones, a contract's used minutes, course extensions) are kept
 * from the record being replaced.
 *
 * The report (import.h) is counted as rows arrive: a keyed row is compared
 * with the record it replaces; for a keyless table, the first row naming a
 * key saves the key's old rows as text signatures before they are cleared,
 * each new row consumes an equal old one (unchanged) or is added, and the
 * old ones left at the end of the file were removed by the replace rule.
 */
#include "io/import.h"
#include "io/import_names.h"
#include "io/import_table.h"

#include "model/tz.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define VALUE_SHOWN 60
#define MAX_DURATION_MIN 1440       /* a session lies within one day's working hours */
#define MAX_SESSIONS 10000          /* per course: memory stays proportional to a real plan */

/* Per model record: the line of this folder's row for it, 0 if none. */
typedef struct lines {
    int *v;
    size_t n, cap;
} lines;

/* A keyless table's key (resource or service) named in the current file:
 * its old rows' signatures, which of them a new row matched, its figures. */
typedef struct key_rows {
    int key;
    char **old;
    int nold;
    char *matched;
    ordo_import_count n;
} key_rows;

typedef struct importer {
    ordo_model *m;
    const char *dir;
    const ordo_import_options *o;
    ordo_warn_fn warn;
    void *payload;
    ordo_err *err;
    ordo__table t;
    lines service_line;     /* services.csv line of each service, for the rule check */
    int nfiles;
    ordo_import_report *rep;
    ordo_import_table cur;  /* the table being read */
    key_rows *keys;         /* keyless table: the keys of the current file */
    size_t nkeys, cap_keys;
} importer;

static int lines_get(const lines *l, int at) { return at >= 0 && (size_t)at < l->n ? l->v[at] : 0; }

static int lines_set(importer *im, lines *l, int at, int line)
{
    if (ORDO_GROW(l->v, l->cap, (size_t)at + 1) < 0)
        return ordo__seterr(im->err, ORDO_ENOMEM, "%s: out of memory", im->t.file);
    while (l->n <= (size_t)at)
        l->v[l->n++] = 0;
    l->v[at] = line;
    return ORDO_OK;
}

/* ---- the report ---------------------------------------------------------- */

static int oom(importer *im) { return ordo__seterr(im->err, ORDO_ENOMEM, "%s: out of memory", im->t.file); }

/* Equal texts; NULL and "" are the same (a blank cell). */
static int same_text(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : "") == 0; }

static int same_list(const ordo_strlist *a, const ordo_strlist *b)
{
    if (a->count != b->count)
        return 0;
    for (int i = 0; i < a->count; i++)
        if (strcmp(a->items[i], b->items[i]) != 0)
            return 0;
    return 1;
}

/* The fields of a keyed row that differ from the stored record: "name, site". */
typedef struct diff {
    char fields[200];
    size_t n;
} diff;

static void differs(diff *d, int yes, const char *field)
{
    if (yes && d->n < sizeof d->fields)
        d->n += (size_t)snprintf(d->fields + d->n, sizeof d->fields - d->n, "%s%s", d->n ? ", " : "", field);
}

/* A keyed row: added (no record had its id), else updated (listed with its
 * changed fields) or unchanged. */
static int count_keyed(importer *im, int existing, const char *id, const diff *d)
{
    ordo_import_report *r = im->rep;
    ordo_import_count *c = &r->tables[im->cur];
    if (existing < 0) {
        c->added++;
        return ORDO_OK;
    }
    if (!d->n) {
        c->unchanged++;
        return ORDO_OK;
    }
    c->updated++;
    if (ORDO_GROW(r->keys, r->cap_keys, r->nkeys + 1) < 0)
        return oom(im);
    ordo_import_key_count *e = &r->keys[r->nkeys];
    *e = (ordo_import_key_count){ .table = im->cur, .n = { .updated = 1 } };
    r->nkeys++;
    if (!(e->key = ordo__strdup(id)) || !(e->fields = ordo__strdup(d->fields)))
        return oom(im);
    return ORDO_OK;
}

/* The current file's entry for `key`, or NULL. */
static key_rows *key_find(importer *im, int key)
{
    for (size_t i = 0; i < im->nkeys; i++)
        if (im->keys[i].key == key)
            return &im->keys[i];
    return NULL;
}

static void keys_free(importer *im)
{
    for (size_t i = 0; i < im->nkeys; i++) {
        for (int k = 0; k < im->keys[i].nold; k++)
            ordo__free(im->keys[i].old[k]);
        ordo__free(im->keys[i].old);
        ordo__free(im->keys[i].matched);
    }
    ordo__free(im->keys);
    im->keys = NULL;
    im->nkeys = im->cap_keys = 0;
}

/* A keyless row as text, for comparison: its numbers into nums, its text
 * cell returned ("" when blank). */
typedef const char *(*sig_fn)(const ordo_model *m, size_t row, char nums[64]);

static const char *sig_working_hours(const ordo_model *m, size_t i, char nums[64])
{
    const ordo_working_hours *w = &m->working_hours.v[i];
    snprintf(nums, 64, "%d %d %d", w->weekday, w->start, w->end);
    return "";
}

static const char *sig_time_off(const ordo_model *m, size_t i, char nums[64])
{
    const ordo_time_off *o = &m->time_off.v[i];
    snprintf(nums, 64, "%d %d %d %d", (int)o->start_date, o->start_min, (int)o->end_date, o->end_min);
    return o->reason ? o->reason : "";
}

static const char *sig_requirement(const ordo_model *m, size_t i, char nums[64])
{
    const ordo_requirement *q = &m->requirements.v[i];
    snprintf(nums, 64, "%d %d %d %d", (int)q->kind, q->count, q->min_capacity, q->capacity_penalty);
    return q->skill ? q->skill : "";
}

/* Rows of the current keyless table: their key, and whether the replace rule drops them. */
static int row_key(const ordo_model *m, ordo_import_table t, size_t i, int *replaced)
{
    *replaced = 1;
    if (t == ORDO_IMPORT_WORKING_HOURS)
        return m->working_hours.v[i].resource;
    if (t == ORDO_IMPORT_TIME_OFF) {     /* only rows from CSV: the others come from iCal imports */
        const char *src = m->time_off.v[i].source;
        *replaced = src && strcmp(src, "csv") == 0;
        return m->time_off.v[i].resource;
    }
    return m->requirements.v[i].service;
}

static size_t table_rows(const ordo_model *m, ordo_import_table t)
{
    return t == ORDO_IMPORT_WORKING_HOURS ? m->working_hours.n
           : t == ORDO_IMPORT_TIME_OFF    ? m->time_off.n
                                          : m->requirements.n;
}

/* Row `i` of the current keyless table as one new string "NUMBERS\nTEXT"
 * (NULL when out of memory). */
static char *row_sig(importer *im, size_t i)
{
    sig_fn f = im->cur == ORDO_IMPORT_WORKING_HOURS ? sig_working_hours
               : im->cur == ORDO_IMPORT_TIME_OFF    ? sig_time_off
                                                    : sig_requirement;
    char nums[64];
    const char *text = f(im->m, i, nums);
    size_t a = strlen(nums), b = strlen(text);
    char *s = ordo__malloc(a + b + 2);
    if (s) {
        memcpy(s, nums, a);
        s[a] = '\n';
        memcpy(s + a + 1, text, b + 1);
    }
    return s;
}

/* First row naming `key` in a keyless file: keeps the signatures of the
 * key's rows the replace rule is about to drop. */
static int key_begin(importer *im, int key)
{
    const ordo_model *m = im->m;
    size_t n = table_rows(m, im->cur);
    if (ORDO_GROW(im->keys, im->cap_keys, im->nkeys + 1) < 0)
        return oom(im);
    key_rows *k = &im->keys[im->nkeys++];
    *k = (key_rows){ .key = key };
    if (!(k->old = ordo__calloc(n + 1, sizeof *k->old)) || !(k->matched = ordo__calloc(n + 1, 1)))
        return oom(im);
    for (size_t i = 0; i < n; i++) {
        int replaced;
        if (row_key(m, im->cur, i, &replaced) != key || !replaced)
            continue;
        if (!(k->old[k->nold] = row_sig(im, i)))
            return oom(im);
        k->nold++;
    }
    return ORDO_OK;
}

/* A keyless row just appended (the model's last row of the table). */
static int key_row(importer *im, int key)
{
    key_rows *k = key_find(im, key);
    char *sig = row_sig(im, table_rows(im->m, im->cur) - 1);
    int i = 0;
    if (!sig)
        return oom(im);
    while (i < k->nold && (k->matched[i] || strcmp(k->old[i], sig) != 0))
        i++;
    if (i < k->nold) {
        k->matched[i] = 1;
        k->n.unchanged++;
    } else {
        k->n.added++;
    }
    ordo__free(sig);
    return ORDO_OK;
}

static const char *key_id(const ordo_model *m, ordo_import_table t, int key)
{
    return t == ORDO_IMPORT_REQUIREMENTS ? m->services.v[key].id : m->resources.v[key].id;
}

/* End of a keyless file: the old rows no new row matched were removed. */
static int keys_end(importer *im)
{
    ordo_import_report *r = im->rep;
    for (size_t i = 0; i < im->nkeys; i++) {
        key_rows *k = &im->keys[i];
        k->n.removed = k->nold - k->n.unchanged;
        if (ORDO_GROW(r->keys, r->cap_keys, r->nkeys + 1) < 0)
            return oom(im);
        ordo_import_key_count *e = &r->keys[r->nkeys];
        *e = (ordo_import_key_count){ .table = im->cur, .n = k->n };
        if (!(e->key = ordo__strdup(key_id(im->m, im->cur, k->key))))
            return oom(im);
        r->nkeys++;
        ordo_import_count *t = &r->tables[im->cur];
        t->added += k->n.added;
        t->unchanged += k->n.unchanged;
        t->removed += k->n.removed;
    }
    return ORDO_OK;
}

/* A failed model call (out of memory, or a clash the checks before it missed). */
static int model_failed(importer *im, int rc)
{
    return ordo__seterr(im->err, rc, "%s:%d: %s", im->t.file, ordo__table_line(&im->t),
                        ordo_model_errmsg(im->m));
}

typedef int (*find_fn)(const ordo_model *m, const char *id);

static int ref_cell(importer *im, int col, find_fn find, const char *what, int *out)
{
    const char *s;
    int rc = ordo__table_text(&im->t, col, &s);
    if (rc == ORDO_OK && (*out = find(im->m, s)) < 0)
        rc = ordo__table_fail(&im->t, col, "unknown %s '%.*s'", what, VALUE_SHOWN, s);
    return rc;
}

static int customer_cell(importer *im, int col, const char **out)
{
    int rc = ordo__table_text(&im->t, col, out);
    if (rc == ORDO_OK && ordo_model_find_account(im->m, *out) < 0 &&
        ordo_model_find_contact(im->m, *out) < 0)
        rc = ordo__table_fail(&im->t, col, "unknown customer '%.*s' (not an account or contact id)",
                              VALUE_SHOWN, *out);
    return rc;
}

static int kind_cell(importer *im, int col, ordo_kind *out)
{
    const char *s;
    int rc = ordo__table_text(&im->t, col, &s);
    int k = rc == ORDO_OK ? ordo_kind_parse(s) : 0;
    if (k < 0)
        rc = ordo__table_fail(&im->t, col, "'%.*s' is not a kind (person, room or equipment)",
                              VALUE_SHOWN, s);
    *out = (ordo_kind)(k < 0 ? 0 : k);
    return rc;
}

static int relationship_cell(importer *im, int col, ordo_relationship *out)
{
    const char *s;
    int rc = ordo__table_text(&im->t, col, &s);
    int r = rc == ORDO_OK ? ordo_relationship_parse(s) : 0;
    if (r < 0)
        rc = ordo__table_fail(&im->t, col,
                              "'%.*s' is not a relationship (suspect, prospect, potential_client, client "
                              "or former_client)", VALUE_SHOWN, s);
    *out = (ordo_relationship)(r < 0 ? 0 : r);
    return rc;
}

static int email_cell(importer *im, int col, const char **out)
{
    *out = ordo__table_opt(&im->t, col);
    if (*out && !ordo_email_valid(*out))
        return ordo__table_fail(&im->t, col, "not an email address (local@domain, one line, no "
                                "spaces, quotes or control characters)");
    return ORDO_OK;
}

/* The id (column 0 of every keyed table): valid, and new in this file. *existing is
 * the model's record with that id (replaced by the put), or -1. */
static int id_cell(importer *im, lines *seen, find_fn find, const char **id, int *existing)
{
    int rc = ordo__table_id(&im->t, 0, id);
    *existing = rc == ORDO_OK ? find(im->m, *id) : -1;
    if (rc == ORDO_OK && lines_get(seen, *existing))
        rc = ordo__table_fail(&im->t, 0, "duplicate id '%.*s' (first on line %d)", VALUE_SHOWN, *id,
                              lines_get(seen, *existing));
    return rc;
}

/* After a put: a model failure becomes a message; else the row's line is
 * remembered for record `at`. */
static int stored(importer *im, int rc, lines *seen, int at)
{
    if (rc < 0)
        return rc == ORDO_ENOMEM ? ordo__seterr(im->err, rc, "%s: out of memory", im->t.file)
                                 : model_failed(im, rc);
    return lines_set(im, seen, at, ordo__table_line(&im->t));
}

/* Keyless tables: 1 the first time this file names `key` (the caller then
 * drops the key's old rows), 0 after that, or < 0. */
static int first_time(importer *im, lines *seen, int key)
{
    if (lines_get(seen, key))
        return 0;
    int rc = lines_set(im, seen, key, ordo__table_line(&im->t));
    if (rc == ORDO_OK)
        rc = key_begin(im, key);
    return rc < 0 ? rc : 1;
}

/* "end" must come after "start" (`later` = sign of end - start); dates
 * may be equal where `allow_equal`. */
static int check_order(importer *im, int end_col, int start_col, int later, int allow_equal)
{
    if (later > 0 || (allow_equal && later == 0))
        return ORDO_OK;
    const ordo__table *t = &im->t;
    return ordo__table_fail(&im->t, end_col, "%s %s is %s %s %s", t->cols[end_col],
                            ordo__table_cell(t, end_col), allow_equal ? "before" : "not after",
                            t->cols[start_col], ordo__table_cell(t, start_col));
}

static int cmp(long long a, long long b) { return (a > b) - (a < b); }

static const char *const site_cols[] = { "id", "name", "timezone" };
enum { SITE_ID, SITE_NAME, SITE_TZ };

/* Site `site` is stored with another zone than `tz`: refused (ORDO_ERULE)
 * unless allowed, then listed in the report. */
static int timezone_change(importer *im, int site, const char *tz)
{
    ordo_import_report *r = im->rep;
    const ordo_site *old = &im->m->sites.v[site];
    if (!im->o->allow_timezone_change) {
        ordo__table_fail(&im->t, SITE_TZ,
                         "site '%s' is stored with time zone %s; changing it to '%.*s' would move every "
                         "session and booking of the site to another real time; to change it, import again with --allow-timezone-change (sessions then keep their "
                         "local times, their SEQUENCE goes up, those that no longer fit are flagged for "
                         "'ordo repair')",
                         old->id, old->timezone, VALUE_SHOWN, tz);
        im->err->code = ORDO_ERULE;
        return ORDO_ERULE;
    }
    if (ORDO_GROW(r->tz, r->cap_tz, r->ntz + 1) < 0)
        return oom(im);
    ordo_import_tz_change *z = &r->tz[r->ntz++];
    *z = (ordo_import_tz_change){ .site = site, .line = ordo__table_line(&im->t) };
    if (!(z->old_tz = ordo__strdup(old->timezone)) || !(z->new_tz = ordo__strdup(tz)) ||
        !(z->id = ordo__strdup(old->id)))
        return oom(im);
    return ORDO_OK;
}

static int site_row(importer *im, lines *seen)
{
    int rc = ORDO_OK, existing, at = -1;
    const char *id, *name, *tz;
    ORDO_TRY(id_cell(im, seen, ordo_model_find_site, &id, &existing));
    ORDO_TRY(ordo__table_text(&im->t, SITE_NAME, &name));
    ORDO_TRY(ordo__table_text(&im->t, SITE_TZ, &tz));
    if (!ordo_tz_valid(tz)) {
        rc = ordo__table_fail(&im->t, SITE_TZ, "unknown time zone '%.*s' (an IANA name such as Europe/Paris)",
                              VALUE_SHOWN, tz);
        goto done;
    }
    const ordo_site *old = existing >= 0 ? &im->m->sites.v[existing] : NULL;
    if (old && strcmp(old->timezone, tz) != 0)
        ORDO_TRY(timezone_change(im, existing, tz));
    diff df = { 0 };
    if (old) {
        differs(&df, !same_text(old->name, name), "name");
        differs(&df, strcmp(old->timezone, tz) != 0, "timezone");
    }
    ORDO_TRY(count_keyed(im, existing, id, &df));
    ordo_site s = { .id = (char *)id, .name = (char *)name, .timezone = (char *)tz };
    rc = ordo_model_put_site(im->m, &s, &at);
    rc = stored(im, rc, seen, at);
done:
    return rc;
}

/* Seats: an integer >= 1 for a room, blank for the other kinds. */
static int capacity_cell(importer *im, int col, ordo_kind kind, int *out)
{
    const char *s = ordo__table_cell(&im->t, col);
    *out = 0;
    if (kind != ORDO_ROOM)
        return *s ? ordo__table_fail(&im->t, col, "must be blank for kind %s, not '%.*s' (only rooms have seats)",
                                     ordo_kind_name(kind), VALUE_SHOWN, s)
                  : ORDO_OK;
    if (!*s)
        return ordo__table_fail(&im->t, col, "must not be blank for a room (seats, an integer >= 1)");
    if (ordo__parse_uint(s, out) < 0 || *out < 1)
        return ordo__table_fail(&im->t, col, "'%.*s' is not a seat count (an integer >= 1)",
                                VALUE_SHOWN, s);
    return ORDO_OK;
}

static const char *const resource_cols[] = { "id", "name", "kind", "site", "capacity", "skills", "email" };
enum { RES_ID, RES_NAME, RES_KIND, RES_SITE, RES_CAPACITY, RES_SKILLS, RES_EMAIL };

static int resource_row(importer *im, lines *seen)
{
    int rc = ORDO_OK, existing, at = -1;
    const char *id, *name, *email;
    ordo_resource r = { 0 };
    ORDO_TRY(id_cell(im, seen, ordo_model_find_resource, &id, &existing));
    ORDO_TRY(ordo__table_text(&im->t, RES_NAME, &name));
    ORDO_TRY(kind_cell(im, RES_KIND, &r.kind));
    ORDO_TRY(ref_cell(im, RES_SITE, ordo_model_find_site, "site", &r.site));
    ORDO_TRY(capacity_cell(im, RES_CAPACITY, r.kind, &r.capacity));
    ORDO_TRY(email_cell(im, RES_EMAIL, &email));
    r.id = (char *)id;
    r.name = (char *)name;
    r.email = (char *)email;
    if ((rc = ordo_strlist_parse(&r.skills, ordo__table_cell(&im->t, RES_SKILLS))) == ORDO_OK) {
        const ordo_resource *old = existing >= 0 ? &im->m->resources.v[existing] : NULL;
        diff df = { 0 };
        if (old) {
            differs(&df, !same_text(old->name, name), "name");
            differs(&df, old->kind != r.kind, "kind");
            differs(&df, old->site != r.site, "site");
            differs(&df, old->capacity != r.capacity, "capacity");
            differs(&df, !same_list(&old->skills, &r.skills), "skills");
            differs(&df, !same_text(old->email, email), "email");
        }
        rc = count_keyed(im, existing, id, &df);
        if (rc == ORDO_OK)
            rc = ordo_model_put_resource(im->m, &r, &at);
    }
    rc = stored(im, rc, seen, at);
done:
    ordo_strlist_clear(&r.skills);
    return rc;
}

static const char *const working_hours_cols[] = { "resource", "weekday", "start", "end" };
enum { WH_RESOURCE, WH_WEEKDAY, WH_START, WH_END };

static int working_hours_row(importer *im, lines *seen)
{
    int rc = ORDO_OK;
    const char *day;
    ordo_working_hours w;
    ORDO_TRY(ref_cell(im, WH_RESOURCE, ordo_model_find_resource, "resource", &w.resource));
    ORDO_TRY(ordo__table_text(&im->t, WH_WEEKDAY, &day));
    if ((w.weekday = ordo_weekday_parse(day)) < 0) {
        rc = ordo__table_fail(&im->t, WH_WEEKDAY, "'%.*s' is not a weekday (MO, TU, WE, TH, FR, SA or SU)",
                              VALUE_SHOWN, day);
        goto done;
    }
    ORDO_TRY(ordo__table_time(&im->t, WH_START, 0, &w.start));
    ORDO_TRY(ordo__table_time(&im->t, WH_END, 1, &w.end));
    ORDO_TRY(check_order(im, WH_END, WH_START, cmp(w.end, w.start), 0));
    ORDO_TRY(first_time(im, seen, w.resource));
    if (rc == 1)
        ordo_model_clear_working_hours_for(im->m, w.resource);
    if ((rc = ordo_model_add_working_hours(im->m, &w)) < 0)
        rc = model_failed(im, rc);
    else
        rc = key_row(im, w.resource);
done:
    return rc;
}

static const char *const time_off_cols[] = { "resource", "start", "end", "reason" };
enum { TO_RESOURCE, TO_START, TO_END, TO_REASON };

static int time_off_row(importer *im, lines *seen)
{
    int rc = ORDO_OK;
    ordo_time_off o = { .source = "csv" };
    ORDO_TRY(ref_cell(im, TO_RESOURCE, ordo_model_find_resource, "resource", &o.resource));
    ORDO_TRY(ordo__table_datetime(&im->t, TO_START, &o.start_date, &o.start_min));
    ORDO_TRY(ordo__table_datetime(&im->t, TO_END, &o.end_date, &o.end_min));
    int later = o.end_date != o.start_date ? cmp(o.end_date, o.start_date) : cmp(o.end_min, o.start_min);
    ORDO_TRY(check_order(im, TO_END, TO_START, later, 0));
    o.reason = (char *)ordo__table_opt(&im->t, TO_REASON);
    ORDO_TRY(first_time(im, seen, o.resource));
    if (rc == 1)   /* only rows from CSV: the others come from iCal imports */
        ordo_model_clear_time_off_for(im->m, o.resource, "csv");
    if ((rc = ordo_model_add_time_off(im->m, &o)) < 0)
        rc = model_failed(im, rc);
    else
        rc = key_row(im, o.resource);
done:
    return rc;
}

static const char *const service_cols[] = { "id", "name", "duration_minutes" };
enum { SERV_ID, SERV_NAME, SERV_DURATION };

/* Lines go to im->service_line, which outlives the file (rule check). */
static int service_row(importer *im, lines *unused)
{
    int rc = ORDO_OK, existing, at = -1;
    const char *id, *name;
    (void)unused;
    ORDO_TRY(id_cell(im, &im->service_line, ordo_model_find_service, &id, &existing));
    ORDO_TRY(ordo__table_text(&im->t, SERV_NAME, &name));
    ordo_service s = { .id = (char *)id, .name = (char *)name };
    ORDO_TRY(ordo__table_int(&im->t, SERV_DURATION, 1, &s.duration));
    if (s.duration > MAX_DURATION_MIN)
        return ordo__table_fail(&im->t, SERV_DURATION, "%d minutes is longer than a day; a session lasts at most "
                                "%d minutes", s.duration, MAX_DURATION_MIN);
    const ordo_service *old = existing >= 0 ? &im->m->services.v[existing] : NULL;
    diff df = { 0 };
    if (old) {
        differs(&df, !same_text(old->name, name), "name");
        differs(&df, old->duration != s.duration, "duration_minutes");
    }
    ORDO_TRY(count_keyed(im, existing, id, &df));
    rc = ordo_model_put_service(im->m, &s, &at);
    rc = stored(im, rc, &im->service_line, at);
done:
    return rc;
}

/* Blank (any), a number of seats or "participants"; rooms only. */
static int min_capacity_cell(importer *im, int col, ordo_kind kind, int *out)
{
    const char *s = ordo__table_cell(&im->t, col);
    *out = ORDO_CAPACITY_ANY;
    if (!*s)
        return ORDO_OK;
    if (kind != ORDO_ROOM)
        return ordo__table_fail(&im->t, col, "must be blank for kind %s, not '%.*s' (only rooms have seats)",
                                ordo_kind_name(kind), VALUE_SHOWN, s);
    if (strcmp(s, "participants") == 0)
        *out = ORDO_CAPACITY_PARTICIPANTS;
    else if (ordo__parse_uint(s, out) < 0)
        return ordo__table_fail(&im->t, col, "'%.*s' is neither a number of seats nor 'participants'",
                                VALUE_SHOWN, s);
    return ORDO_OK;
}

static const char *const requirement_cols[] = { "service", "kind", "count", "skill", "min_capacity" };
enum { REQ_SERVICE, REQ_KIND, REQ_COUNT, REQ_SKILL, REQ_MIN_CAPACITY };

/* The most resources one site has that the rule could pick (a booking's
 * resources are distinct and at one site). */
static int most_at_one_site(const ordo_model *m, const ordo_requirement *q)
{
    int best = 0;
    for (size_t site = 0; site <= m->sites.n; site++) {      /* m->sites.n: resources without a site */
        int n = 0;
        for (size_t i = 0; i < m->resources.n; i++) {
            const ordo_resource *r = &m->resources.v[i];
            int at = r->site >= 0 ? r->site : (int)m->sites.n;
            n += at == (int)site && r->kind == q->kind && (!q->skill || !*q->skill || ordo_strlist_has(&r->skills, q->skill)) &&
                 (q->min_capacity <= 0 || r->capacity >= q->min_capacity);
        }
        if (n > best)
            best = n;
    }
    return best;
}

static int requirement_row(importer *im, lines *seen)
{
    int rc = ORDO_OK;
    ordo_requirement q = { 0 };
    ORDO_TRY(ref_cell(im, REQ_SERVICE, ordo_model_find_service, "service", &q.service));
    ORDO_TRY(kind_cell(im, REQ_KIND, &q.kind));
    ORDO_TRY(ordo__table_int(&im->t, REQ_COUNT, 1, &q.count));
    q.skill = (char *)ordo__table_opt(&im->t, REQ_SKILL);
    ORDO_TRY(min_capacity_cell(im, REQ_MIN_CAPACITY, q.kind, &q.min_capacity));
    int most = most_at_one_site(im->m, &q);
    if (q.count > most)
        return ordo__table_fail(&im->t, REQ_COUNT, "%d resources of kind %s%s%s%s: no site has that many (at most "
                                "%d at one site), so no plan could ever hold this service", q.count,
                                ordo_kind_name(q.kind), q.skill && *q.skill ? " with skill '" : "",
                                q.skill && *q.skill ? q.skill : "", q.skill && *q.skill ? "'" : "", most);
    ORDO_TRY(first_time(im, seen, q.service));
    if (rc == 1)
        ordo_model_clear_requirements_for(im->m, q.service);
    if ((rc = ordo_model_add_requirement(im->m, &q)) < 0)
        rc = model_failed(im, rc);
    else
        rc = key_row(im, q.service);
done:
    return rc;
}

/* After requirements are merged: every service of the model has a rule. */
static int check_every_service_has_a_rule(importer *im)
{
    int rc = ORDO_OK;
    const ordo_model *m = im->m;
    char *has = ordo__calloc(m->services.n + 1, 1);
    if (!has)
        return ordo__seterr(im->err, ORDO_ENOMEM, "out of memory");
    for (size_t i = 0; i < m->requirements.n; i++)
        has[m->requirements.v[i].service] = 1;
    for (size_t i = 0; i < m->services.n && rc == ORDO_OK; i++) {
        if (has[i])
            continue;
        int line = lines_get(&im->service_line, (int)i);
        if (line)
            rc = ordo__seterr(im->err, ORDO_EINPUT,
                              "services.csv:%d: id: service '%s' has no requirement rule (add one to requirements.csv)",
                              line, m->services.v[i].id);
        else
            rc = ordo__seterr(im->err, ORDO_EINPUT,
                              "requirements.csv: service: service '%s' has no requirement rule",
                              m->services.v[i].id);
    }
    ordo__free(has);
    return rc;
}

static const char *const account_cols[] = { "id", "name", "relationship" };
enum { ACC_ID, ACC_NAME, ACC_RELATIONSHIP };

static int account_row(importer *im, lines *seen)
{
    int rc = ORDO_OK, existing, at = -1;
    const char *id, *name;
    ORDO_TRY(id_cell(im, seen, ordo_model_find_account, &id, &existing));
    if (ordo_model_find_contact(im->m, id) >= 0) {
        rc = ordo__table_fail(&im->t, ACC_ID, "'%.*s' is already a contact id (accounts and contacts share ids)",
                              VALUE_SHOWN, id);
        goto done;
    }
    ORDO_TRY(ordo__table_text(&im->t, ACC_NAME, &name));
    ordo_account a = { .id = (char *)id, .name = (char *)name };
    ORDO_TRY(relationship_cell(im, ACC_RELATIONSHIP, &a.relationship));
    if (existing >= 0) {
        a.roles = im->m->accounts.v[existing].roles;    /* copied by the put */
        a.city = im->m->accounts.v[existing].city;      /* not a contract column: kept */
    }
    const ordo_account *old = existing >= 0 ? &im->m->accounts.v[existing] : NULL;
    diff df = { 0 };
    if (old) {
        differs(&df, !same_text(old->name, name), "name");
        differs(&df, old->relationship != a.relationship, "relationship");
    }
    ORDO_TRY(count_keyed(im, existing, id, &df));
    rc = ordo_model_put_account(im->m, &a, &at);
    rc = stored(im, rc, seen, at);
done:
    return rc;
}

static const char *const contact_cols[] = { "id", "first_name", "last_name", "email", "account", "relationship" };
enum { CON_ID, CON_FIRST, CON_LAST, CON_EMAIL, CON_ACCOUNT, CON_RELATIONSHIP };

static int contact_row(importer *im, lines *seen)
{
    int rc = ORDO_OK, existing, at = -1, account;
    const char *id, *first, *last, *email, *acc;
    ORDO_TRY(id_cell(im, seen, ordo_model_find_contact, &id, &existing));
    if (ordo_model_find_account(im->m, id) >= 0) {
        rc = ordo__table_fail(&im->t, CON_ID, "'%.*s' is already an account id (accounts and contacts share ids)",
                              VALUE_SHOWN, id);
        goto done;
    }
    ORDO_TRY(ordo__table_text(&im->t, CON_FIRST, &first));
    ORDO_TRY(ordo__table_text(&im->t, CON_LAST, &last));
    ORDO_TRY(email_cell(im, CON_EMAIL, &email));
    if ((acc = ordo__table_opt(&im->t, CON_ACCOUNT)))
        ORDO_TRY(ref_cell(im, CON_ACCOUNT, ordo_model_find_account, "account", &account));
    ordo_contact c = { .id = (char *)id, .first_name = (char *)first, .last_name = (char *)last,
                       .email = (char *)email, .account = (char *)acc };
    ORDO_TRY(relationship_cell(im, CON_RELATIONSHIP, &c.relationship));
    if (existing >= 0) {
        c.roles = im->m->contacts.v[existing].roles;    /* copied by the put */
        c.city = im->m->contacts.v[existing].city;      /* not a contract column: kept */
        c.phone = im->m->contacts.v[existing].phone;
    }
    const ordo_contact *old = existing >= 0 ? &im->m->contacts.v[existing] : NULL;
    diff df = { 0 };
    if (old) {
        differs(&df, !same_text(old->first_name, first), "first_name");
        differs(&df, !same_text(old->last_name, last), "last_name");
        differs(&df, !same_text(old->email, email), "email");
        differs(&df, !same_text(old->account, acc), "account");
        differs(&df, old->relationship != c.relationship, "relationship");
    }
    ORDO_TRY(count_keyed(im, existing, id, &df));
    rc = ordo_model_put_contact(im->m, &c, &at);
    rc = stored(im, rc, seen, at);
done:
    return rc;
}

static const char *const contract_cols[] = { "id", "customer", "start", "end", "hours" };
enum { KON_ID, KON_CUSTOMER, KON_START, KON_END, KON_HOURS };

static int contract_row(importer *im, lines *seen)
{
    int rc = ORDO_OK, existing, at = -1;
    const char *id, *customer, *hours;
    ORDO_TRY(id_cell(im, seen, ordo_model_find_contract, &id, &existing));
    ORDO_TRY(customer_cell(im, KON_CUSTOMER, &customer));
    ordo_contract c = { .id = (char *)id, .customer = (char *)customer, .status = ORDO_CONTRACT_ACTIVE };
    ORDO_TRY(ordo__table_date(&im->t, KON_START, &c.start));
    ORDO_TRY(ordo__table_date(&im->t, KON_END, &c.end));
    ORDO_TRY(check_order(im, KON_END, KON_START, cmp(c.end, c.start), 1));
    ORDO_TRY(ordo__table_text(&im->t, KON_HOURS, &hours));
    if (ordo_hours_parse(hours, &c.minutes) < 0) {
        rc = ordo__table_fail(&im->t, KON_HOURS, "'%.*s' is not a number of hours (>= 0, at most 2 decimals)",
                              VALUE_SHOWN, hours);
        goto done;
    }
    if (existing >= 0)
        c.used_minutes = im->m->contracts.v[existing].used_minutes;
    const ordo_contract *old = existing >= 0 ? &im->m->contracts.v[existing] : NULL;
    diff df = { 0 };
    if (old) {
        differs(&df, !same_text(old->customer, customer), "customer");
        differs(&df, old->start != c.start, "start");
        differs(&df, old->end != c.end, "end");
        differs(&df, old->minutes != c.minutes, "hours");
        differs(&df, old->status != c.status, "status (imported contracts are active)");
    }
    ORDO_TRY(count_keyed(im, existing, id, &df));
    rc = ordo_model_put_contract(im->m, &c, &at);
    rc = stored(im, rc, seen, at);
done:
    return rc;
}

/* Blank (no contract) or a contract of the course's customer. */
static int course_contract_cell(importer *im, int col, const char *customer, int *out)
{
    int rc = ORDO_OK;
    *out = -1;
    if (!ordo__table_opt(&im->t, col))
        return ORDO_OK;
    ORDO_TRY(ref_cell(im, col, ordo_model_find_contract, "contract", out));
    const ordo_contract *k = &im->m->contracts.v[*out];
    if (strcmp(k->customer, customer) != 0)
        rc = ordo__table_fail(&im->t, col, "contract '%s' belongs to '%s', not to the course's customer '%s'",
                              k->id, k->customer, customer);
done:
    return rc;
}

static const char *const course_cols[] = { "id", "title", "service", "customer", "contract", "sessions",
                                           "participants", "earliest", "latest", "min_days_between",
                                           "cohort", "site" };
enum { COU_ID, COU_TITLE, COU_SERVICE, COU_CUSTOMER, COU_CONTRACT, COU_SESSIONS, COU_PARTICIPANTS,
       COU_EARLIEST, COU_LATEST, COU_MIN_DAYS, COU_COHORT, COU_SITE };

/* The optional `site` cell: blank = any site, else one site id or a ';'
 * list of them, each a site of the file or the database. A file without
 * the column keeps the course's list as it was (`keep`, NULL for a new course). */
static int course_sites_cell(importer *im, const ordo_strlist *keep, ordo_strlist *out)
{
    int rc = ORDO_OK;
    if (im->t.pos[COU_SITE] < 0)
        return keep ? ordo_strlist_copy(out, keep) : ORDO_OK;
    ORDO_TRY(ordo_strlist_parse(out, ordo__table_cell(&im->t, COU_SITE)));
    for (int k = 0; k < out->count; k++)
        if (ordo_model_find_site(im->m, out->items[k]) < 0) {
            rc = ordo__table_fail(&im->t, COU_SITE, "unknown site '%.*s'", VALUE_SHOWN, out->items[k]);
            goto done;
        }
done:
    return rc;
}

/* Sessions no plan could hold: more than the window's days can take (one a
 * day, or a day full of back-to-back sessions when min_days_between is 0;
 * each `min_days_between` days apart otherwise), or more than MAX_SESSIONS. */
static int check_sessions_fit(importer *im, const ordo_course *c)
{
    int64_t days = (int64_t)c->latest - c->earliest + 1, duration = im->m->services.v[c->service].duration;
    int64_t most = c->min_days_between > 0 ? (days - 1) / c->min_days_between + 1
                                          : days * (ORDO_MIN_PER_DAY / (duration > 0 ? duration : 1));
    char a[11], b[11];
    if (c->sessions > MAX_SESSIONS)
        return ordo__table_fail(&im->t, COU_SESSIONS, "%d sessions; a course has at most %d", c->sessions,
                                MAX_SESSIONS);
    if (c->sessions > most) {
        ordo_date_format(c->earliest, a);
        ordo_date_format(c->latest, b);
        return ordo__table_fail(&im->t, COU_SESSIONS, "%d sessions cannot fit in %s..%s (%lld days, %d days "
                                "apart, %lld minutes each): at most %lld", c->sessions, a, b, (long long)days,
                                c->min_days_between, (long long)duration, (long long)most);
    }
    return ORDO_OK;
}

static int course_row(importer *im, lines *seen)
{
    int rc = ORDO_OK, existing, at = -1;
    const char *id, *title, *customer;
    ordo__table *t = &im->t;
    ordo_course c = { 0 };
    ORDO_TRY(id_cell(im, seen, ordo_model_find_course, &id, &existing));
    ORDO_TRY(ordo__table_text(t, COU_TITLE, &title));
    ORDO_TRY(ref_cell(im, COU_SERVICE, ordo_model_find_service, "service", &c.service));
    ORDO_TRY(customer_cell(im, COU_CUSTOMER, &customer));
    ORDO_TRY(course_contract_cell(im, COU_CONTRACT, customer, &c.contract));
    ORDO_TRY(ordo__table_int(t, COU_SESSIONS, 1, &c.sessions));
    ORDO_TRY(ordo__table_int(t, COU_PARTICIPANTS, 1, &c.participants));
    ORDO_TRY(ordo__table_date(t, COU_EARLIEST, &c.earliest));
    ORDO_TRY(ordo__table_date(t, COU_LATEST, &c.latest));
    ORDO_TRY(check_order(im, COU_LATEST, COU_EARLIEST, cmp(c.latest, c.earliest), 1));
    ORDO_TRY(ordo__table_int(t, COU_MIN_DAYS, 0, &c.min_days_between));
    ORDO_TRY(check_sessions_fit(im, &c));
    c.id = (char *)id;
    c.title = (char *)title;
    c.customer = (char *)customer;
    if (existing >= 0) {
        c.min_distinct_days = im->m->courses.v[existing].min_distinct_days;
        c.fixed_duration_slots = im->m->courses.v[existing].fixed_duration_slots;
    }
    ORDO_TRY(course_sites_cell(im, existing >= 0 ? &im->m->courses.v[existing].sites : NULL, &c.sites));
    if ((rc = ordo_strlist_parse(&c.cohorts, ordo__table_cell(t, COU_COHORT))) == ORDO_OK) {
        const ordo_course *old = existing >= 0 ? &im->m->courses.v[existing] : NULL;
        diff df = { 0 };
        if (old) {
            differs(&df, !same_text(old->title, title), "title");
            differs(&df, old->service != c.service, "service");
            differs(&df, !same_text(old->customer, customer), "customer");
            differs(&df, old->contract != c.contract, "contract");
            differs(&df, old->sessions != c.sessions, "sessions");
            differs(&df, old->participants != c.participants, "participants");
            differs(&df, old->earliest != c.earliest, "earliest");
            differs(&df, old->latest != c.latest, "latest");
            differs(&df, old->min_days_between != c.min_days_between, "min_days_between");
            differs(&df, !same_list(&old->cohorts, &c.cohorts), "cohort");
            differs(&df, !same_list(&old->sites, &c.sites), "site");
        }
        rc = count_keyed(im, existing, id, &df);
        if (rc == ORDO_OK)
            rc = ordo_model_put_course(im->m, &c, &at);
    }
    rc = stored(im, rc, seen, at);
done:
    ordo_strlist_clear(&c.cohorts);
    ordo_strlist_clear(&c.sites);
    return rc;
}

/* One file of the contract: its columns (the first `nrequired` required)
 * and what to do with each row. */
typedef struct table_def {
    ordo_import_table id;
    const char *file;
    const char *const *cols;
    int nrequired, ncols;
    int (*row)(importer *im, lines *seen);
} table_def;

#define ALL_REQUIRED(cols) cols, (int)(sizeof cols / sizeof *cols), (int)(sizeof cols / sizeof *cols)

/* In dependency order: each file refers only to the files above it. */
static const table_def tables_before_rules[] = {
    { ORDO_IMPORT_SITES, "sites.csv", ALL_REQUIRED(site_cols), site_row },
    { ORDO_IMPORT_RESOURCES, "resources.csv", resource_cols, 6, 7, resource_row },     /* email is optional */
    { ORDO_IMPORT_WORKING_HOURS, "working_hours.csv", ALL_REQUIRED(working_hours_cols), working_hours_row },
    { ORDO_IMPORT_TIME_OFF, "time_off.csv", ALL_REQUIRED(time_off_cols), time_off_row },
    { ORDO_IMPORT_SERVICES, "services.csv", ALL_REQUIRED(service_cols), service_row },
    { ORDO_IMPORT_REQUIREMENTS, "requirements.csv", ALL_REQUIRED(requirement_cols), requirement_row },
};
static const table_def tables_after_rules[] = {
    { ORDO_IMPORT_ACCOUNTS, "accounts.csv", ALL_REQUIRED(account_cols), account_row },
    { ORDO_IMPORT_CONTACTS, "contacts.csv", ALL_REQUIRED(contact_cols), contact_row },
    { ORDO_IMPORT_CONTRACTS, "contracts.csv", ALL_REQUIRED(contract_cols), contract_row },
    { ORDO_IMPORT_COURSES, "courses.csv", course_cols, 11, 12, course_row },         /* site is optional */
};

/* Reads one file, if it is there, row by row. */
static int import_table(importer *im, const table_def *d)
{
    int rc = ORDO_OK;
    lines seen = { 0 };
    im->cur = d->id;
    rc = ordo__table_open(&im->t, im->dir, d->file, d->cols, d->nrequired, d->ncols, im->warn,
                          im->payload, im->err);
    if (rc == ORDO_ENOTFOUND) {
        rc = ORDO_OK;
        goto done;
    }
    if (rc < 0)
        goto done;
    im->nfiles++;
    im->rep->read[d->id] = 1;
    while ((rc = ordo__table_next(&im->t)) == 1)
        ORDO_TRY(d->row(im, &seen));
    if (rc == ORDO_OK && ordo_import_table_keyless(d->id))
        rc = keys_end(im);
done:
    keys_free(im);
    ordo__table_close(&im->t);
    ordo__free(seen.v);
    return rc;
}

/* The contract's file names, for the check of the folder's other files. */
static int warn_unknown_files(importer *im)
{
    const char *known[ORDO_IMPORT_NTABLES];
    size_t n = 0;
    for (size_t i = 0; i < sizeof tables_before_rules / sizeof *tables_before_rules; i++)
        known[n++] = tables_before_rules[i].file;
    for (size_t i = 0; i < sizeof tables_after_rules / sizeof *tables_after_rules; i++)
        known[n++] = tables_after_rules[i].file;
    return ordo__import_warn_unknown(im->dir, known, n, im->warn, im->payload, im->err);
}

/* ---- entry ---------------------------------------------------------------------------- */

static const char *const table_names[ORDO_IMPORT_NTABLES] = {
    "sites", "resources", "working_hours", "time_off", "services", "requirements",
    "accounts", "contacts", "contracts", "courses",
};

const char *ordo_import_table_name(ordo_import_table t)
{
    return (int)t >= 0 && t < ORDO_IMPORT_NTABLES ? table_names[t] : "";
}

int ordo_import_table_keyless(ordo_import_table t)
{
    return t == ORDO_IMPORT_WORKING_HOURS || t == ORDO_IMPORT_TIME_OFF || t == ORDO_IMPORT_REQUIREMENTS;
}

void ordo_import_report_clear(ordo_import_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nkeys; i++) {
        ordo__free(r->keys[i].key);
        ordo__free(r->keys[i].fields);
    }
    for (size_t i = 0; i < r->ntz; i++) {
        ordo__free(r->tz[i].id);
        ordo__free(r->tz[i].old_tz);
        ordo__free(r->tz[i].new_tz);
    }
    ordo__free(r->keys);
    ordo__free(r->tz);
    memset(r, 0, sizeof *r);
}

int ordo_import_dir_ex(ordo_model *m, const char *dir, const ordo_import_options *o, ordo_warn_fn warn,
                       void *payload, ordo_import_report *report, ordo_err *err)
{
    int rc = ORDO_OK;
    struct stat st;
    static const ordo_import_options defaults = ORDO_IMPORT_OPTIONS_INIT;
    ordo_import_report own = { 0 };
    importer im = { .m = m, .dir = dir, .o = o ? o : &defaults, .warn = warn, .payload = payload,
                    .err = err, .rep = report ? report : &own };
    ordo__clearerr(err);
    ordo_import_report_clear(report);
    if (!m || !dir)
        return ordo__seterr(err, ORDO_EINVAL, "ordo_import_dir: model and folder are required");
    if (stat(dir, &st) != 0) {
        rc = ordo__seterr(err, ORDO_EIO, "%s: cannot open the folder: %s", dir, strerror(errno));
        goto done;
    }
    if (!S_ISDIR(st.st_mode)) {
        rc = ordo__seterr(err, ORDO_EIO, "%s: not a folder", dir);
        goto done;
    }
    if (warn)
        ORDO_TRY(warn_unknown_files(&im));
    for (size_t i = 0; i < sizeof tables_before_rules / sizeof *tables_before_rules; i++)
        ORDO_TRY(import_table(&im, &tables_before_rules[i]));
    ORDO_TRY(check_every_service_has_a_rule(&im));
    for (size_t i = 0; i < sizeof tables_after_rules / sizeof *tables_after_rules; i++)
        ORDO_TRY(import_table(&im, &tables_after_rules[i]));
    if (im.nfiles == 0 && warn) {
        char msg[ORDO_ERRMSG_MAX];
        snprintf(msg, sizeof msg, "%s: no file of the data contract found (sites.csv, resources.csv, ...)", dir);
        warn(msg, payload);
    }
done:
    ordo__free(im.service_line.v);
    ordo_import_report_clear(&own);
    return rc;
}

int ordo_import_dir(ordo_model *m, const char *dir, ordo_warn_fn warn, void *payload, ordo_err *err)
{
    return ordo_import_dir_ex(m, dir, NULL, warn, payload, NULL, err);
}
