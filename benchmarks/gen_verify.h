/*
 * gen_verify.h — re-checks a generated folder and its witness.csv against
 * the data contract (shared/spec/import-format.md), reading only the CSV
 * files, never the generator's memory: references, value formats, then
 * every hard rule on the witness (requirements with kind/skill/capacity/
 * count/distinct/one site, all sessions of a course at one site, working
 * hours as a union of rows, time off, no double booking, cohorts and a
 * course's own sessions never overlapping,
 * min_days_between, course and planning windows, the slot grid, one local
 * day, DST-safe local times, hour banks and contract dates, session
 * numbering and row order). All sessions must be placed. Overlaps are
 * judged on UTC through model/tz.h, as the contract says.
 *
 * verify_witness() prints "witness OK ..." (or "bookings OK" for another
 * file) or the violations, and returns their number. Header-only, see gen_common.h for why.
 */
#ifndef ORDO_GEN_VERIFY_H
#define ORDO_GEN_VERIFY_H

#include "gen_common.h"
#include "model/date.h"
#include "model/tz.h"

#define VERIFY_MAX_SHOWN 30

typedef struct vctx {
    FILE *out;
    int violations;
} vctx;

static void violation(vctx *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void violation(vctx *v, const char *fmt, ...)
{
    if (v->violations++ >= VERIFY_MAX_SHOWN)
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs("violation: ", v->out);
    vfprintf(v->out, fmt, ap);
    fputc('\n', v->out);
    va_end(ap);
}

/* Strict non-negative integer; -1 if malformed. */
static long parse_count(const char *s)
{
    if (!*s || strlen(s) > 9)
        return -1;
    long v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (*s - '0');
    }
    return v;
}

/* "12", "12.5", "12.50" -> minutes, rounded down; -1 if malformed. */
static long parse_hours_minutes(const char *s)
{
    long whole = 0, centi = 0;
    const char *p = s;
    if (*p < '0' || *p > '9')
        return -1;
    for (; *p >= '0' && *p <= '9'; p++)
        whole = whole * 10 + (*p - '0');
    if (*p == '.') {
        p++;
        int nd = 0;
        for (; *p >= '0' && *p <= '9'; p++, nd++)
            centi = centi * 10 + (*p - '0');
        if (nd < 1 || nd > 2)
            return -1;
        if (nd == 1)
            centi *= 10;
    }
    if (*p)
        return -1;
    return (whole * 100 + centi) * 60 / 100;
}

/* Is `item` one of the ';'-separated entries of `list`? */
static int list_has(const char *list, const char *item)
{
    size_t n = strlen(item);
    for (const char *p = list; *p;) {
        const char *e = strchr(p, ';');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && strncmp(p, item, n) == 0)
            return 1;
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

/* Split a ';' list into `out` (up to max items, pointers into a copy). */
static int list_split(char *copy, char **out, int max)
{
    int n = 0;
    if (!*copy)
        return 0;
    for (char *p = copy; n < max;) {
        out[n++] = p;
        char *e = strchr(p, ';');
        if (!e)
            break;
        *e = '\0';
        p = e + 1;
    }
    return n;
}

typedef struct vrule {
    int kind, count, min_cap;       /* min_cap: 0 any, -1 participants */
    const char *skill;              /* "" = any */
} vrule;

typedef struct vbooking {
    int row, course, site, session;
    ordo_date day;
    int start_min, end_min;         /* end_min may be 1440 */
    int duration;                   /* the service's, minutes */
    ordo_utc su, eu;
    int res[8], nres;
} vbooking;

typedef struct vinterval {
    int key, booking;
    ordo_utc su, eu;
} vinterval;

static int vinterval_cmp(const void *pa, const void *pb)
{
    const vinterval *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    if (a->su != b->su)
        return a->su < b->su ? -1 : 1;
    return (a->booking > b->booking) - (a->booking < b->booking);
}

/* Everything the checks need, read from the folder. */
typedef struct vdata {
    csv_table sites, res, wh, off, svc, req, acc, con, ctr, crs, wit;
    gen_index site_ix, res_ix, svc_ix, ctr_ix, crs_ix, party_ix;
    int *res_kind, *res_site, *res_cap;
    uint8_t **cover;                /* per resource: 7 * 1440 minutes, NULL = any time */
    int *rule_first, *rule_count;   /* per service, into rules[] */
    vrule *rules;
    int *off_first, *off_count;     /* per resource, into off_utc[] (sorted by resource) */
    ordo_utc (*off_utc)[2];
    char **cohort_names;            /* distinct cohorts */
    int ncohorts;
    vbooking *bk;
    const char *bname;              /* bookings file name, for messages */
    int require_all;                /* 1: every session must be booked */
    int unplaced;                   /* sessions missing when not required */
} vdata;

static int kind_of(const char *s)
{
    return strcmp(s, "person") == 0 ? 0 : strcmp(s, "room") == 0 ? 1 : strcmp(s, "equipment") == 0 ? 2 : -1;
}

static int relationship_ok(const char *s)
{
    return strcmp(s, "suspect") == 0 || strcmp(s, "prospect") == 0 || strcmp(s, "potential_client") == 0 ||
           strcmp(s, "client") == 0;
}

static void check_ids(vctx *v, const csv_table *t, int col)
{
    for (int i = 0; i < t->nrows; i++)
        if (!gen_id_valid(csv_cell(t, i, col)))
            violation(v, "%s:%d: id '%s' has characters outside [A-Za-z0-9._-]", t->path, i + 2,
                      csv_cell(t, i, col));
}

static void index_table(vctx *v, gen_index *ix, const csv_table *t)
{
    int col = csv_col(t, "id");
    check_ids(v, t, col);
    const char *dup = gen_index_build(ix, t, col);
    if (dup)
        violation(v, "%s: id '%s' appears twice", t->path, dup);
}

static void load_sites_resources(vctx *v, vdata *d)
{
    index_table(v, &d->site_ix, &d->sites);
    int tz = csv_col(&d->sites, "timezone");
    for (int i = 0; i < d->sites.nrows; i++)
        if (!ordo_tz_valid(csv_cell(&d->sites, i, tz)))
            violation(v, "sites.csv:%d: unknown time zone '%s'", i + 2, csv_cell(&d->sites, i, tz));
    index_table(v, &d->res_ix, &d->res);
    int kind = csv_col(&d->res, "kind"), site = csv_col(&d->res, "site"), cap = csv_col(&d->res, "capacity");
    int n = d->res.nrows;
    d->res_kind = xcalloc((size_t)n, sizeof *d->res_kind);
    d->res_site = xcalloc((size_t)n, sizeof *d->res_site);
    d->res_cap = xcalloc((size_t)n, sizeof *d->res_cap);
    d->cover = xcalloc((size_t)n, sizeof *d->cover);
    for (int i = 0; i < n; i++) {
        d->res_kind[i] = kind_of(csv_cell(&d->res, i, kind));
        d->res_site[i] = gen_index_find(&d->site_ix, csv_cell(&d->res, i, site));
        long c = parse_count(csv_cell(&d->res, i, cap));
        d->res_cap[i] = (int)c;
        if (d->res_kind[i] < 0)
            violation(v, "resources.csv:%d: kind '%s'", i + 2, csv_cell(&d->res, i, kind));
        if (d->res_site[i] < 0)
            violation(v, "resources.csv:%d: unknown site '%s'", i + 2, csv_cell(&d->res, i, site));
        if (d->res_kind[i] == 1 ? c < 1 : *csv_cell(&d->res, i, cap) != '\0')
            violation(v, "resources.csv:%d: capacity '%s' for a %s", i + 2, csv_cell(&d->res, i, cap),
                      csv_cell(&d->res, i, kind));
    }
}

static void load_working_hours(vctx *v, vdata *d)
{
    int rc = csv_col(&d->wh, "resource"), wc = csv_col(&d->wh, "weekday");
    int sc = csv_col(&d->wh, "start"), ec = csv_col(&d->wh, "end");
    for (int i = 0; i < d->wh.nrows; i++) {
        int r = gen_index_find(&d->res_ix, csv_cell(&d->wh, i, rc));
        int wd = ordo_weekday_parse(csv_cell(&d->wh, i, wc));
        int s, e;
        if (r < 0 || wd < 0 || ordo_time_parse(csv_cell(&d->wh, i, sc), 0, &s) < 0 ||
            ordo_time_parse(csv_cell(&d->wh, i, ec), 1, &e) < 0 || e <= s) {
            violation(v, "working_hours.csv:%d: bad row", i + 2);
            continue;
        }
        if (!d->cover[r])
            d->cover[r] = xcalloc(7 * ORDO_MIN_PER_DAY, 1);
        memset(d->cover[r] + wd * ORDO_MIN_PER_DAY + s, 1, (size_t)(e - s));
    }
}

/* Local date + minute at `site` -> UTC; a gap or a doubled time is a violation. */
static ordo_utc to_utc(vctx *v, const vdata *d, int site, ordo_date day, int minute, const char *what)
{
    ordo_utc u = 0;
    const char *tz = csv_cell(&d->sites, site, csv_col(&d->sites, "timezone"));
    int r = ordo_tz_to_utc(tz, day, minute, &u);
    if (r != ORDO_LOCAL_OK) {
        char buf[17];
        ordo_datetime_format(day + minute / ORDO_MIN_PER_DAY, minute % ORDO_MIN_PER_DAY, buf);
        violation(v, "%s: local time %s %s in %s", what, buf, r < 0 ? "has an invalid zone" : "skipped or doubled",
                  tz);
    }
    return u;
}

static void load_time_off(vctx *v, vdata *d)
{
    int n = d->off.nrows, nres = d->res.nrows;
    int rc = csv_col(&d->off, "resource"), sc = csv_col(&d->off, "start"), ec = csv_col(&d->off, "end");
    int *owner = xcalloc((size_t)n, sizeof *owner);
    ordo_date *sd = xcalloc((size_t)n, sizeof *sd), *ed = xcalloc((size_t)n, sizeof *ed);
    int *sm = xcalloc((size_t)n, sizeof *sm), *em = xcalloc((size_t)n, sizeof *em);
    d->off_first = xcalloc((size_t)nres + 1, sizeof *d->off_first);
    d->off_count = xcalloc((size_t)nres + 1, sizeof *d->off_count);
    d->off_utc = xcalloc((size_t)n, sizeof *d->off_utc);
    for (int i = 0; i < n; i++) {
        owner[i] = gen_index_find(&d->res_ix, csv_cell(&d->off, i, rc));
        if (owner[i] < 0 || ordo_datetime_parse(csv_cell(&d->off, i, sc), &sd[i], &sm[i]) < 0 ||
            ordo_datetime_parse(csv_cell(&d->off, i, ec), &ed[i], &em[i]) < 0 ||
            (ed[i] < sd[i] || (ed[i] == sd[i] && em[i] <= sm[i]))) {
            violation(v, "time_off.csv:%d: bad row", i + 2);
            owner[i] = -1;
            continue;
        }
        d->off_count[owner[i]]++;
    }
    for (int r = 1; r <= nres; r++)
        d->off_first[r] = d->off_first[r - 1] + d->off_count[r - 1];
    int *fill = xcalloc((size_t)nres + 1, sizeof *fill);
    for (int s = 0; s < d->sites.nrows; s++)   /* grouped by zone: tz.h switches zones slowly */
        for (int i = 0; i < n; i++) {
            int r = owner[i];
            if (r < 0 || d->res_site[r] != s)
                continue;
            ordo_utc *slot = d->off_utc[d->off_first[r] + fill[r]++];
            ordo_tz_to_utc(csv_cell(&d->sites, s, csv_col(&d->sites, "timezone")), sd[i], sm[i], &slot[0]);
            ordo_tz_to_utc(csv_cell(&d->sites, s, csv_col(&d->sites, "timezone")), ed[i], em[i], &slot[1]);
        }
    for (int r = 0; r < nres; r++)
        d->off_count[r] = fill[r];   /* resources without a site keep none */
    ordo__free(fill);
    ordo__free(owner);
    ordo__free(sd);
    ordo__free(ed);
    ordo__free(sm);
    ordo__free(em);
}

static void load_services(vctx *v, vdata *d)
{
    index_table(v, &d->svc_ix, &d->svc);
    int dc = csv_col(&d->svc, "duration_minutes");
    for (int i = 0; i < d->svc.nrows; i++)
        if (parse_count(csv_cell(&d->svc, i, dc)) < 1)
            violation(v, "services.csv:%d: duration '%s'", i + 2, csv_cell(&d->svc, i, dc));
    int n = d->req.nrows, ns = d->svc.nrows;
    int sc = csv_col(&d->req, "service"), kc = csv_col(&d->req, "kind"), cc = csv_col(&d->req, "count");
    int skc = csv_col(&d->req, "skill"), mc = csv_col(&d->req, "min_capacity");
    d->rule_first = xcalloc((size_t)ns + 1, sizeof *d->rule_first);
    d->rule_count = xcalloc((size_t)ns + 1, sizeof *d->rule_count);
    d->rules = xcalloc((size_t)n, sizeof *d->rules);
    int *svc_of = xcalloc((size_t)n, sizeof *svc_of);
    for (int i = 0; i < n; i++) {
        svc_of[i] = gen_index_find(&d->svc_ix, csv_cell(&d->req, i, sc));
        if (svc_of[i] >= 0)
            d->rule_count[svc_of[i]]++;
    }
    for (int s = 1; s <= ns; s++)
        d->rule_first[s] = d->rule_first[s - 1] + d->rule_count[s - 1];
    memset(d->rule_count, 0, sizeof *d->rule_count * (size_t)ns);
    for (int i = 0; i < n; i++) {   /* keeps file order within each service */
        int s = svc_of[i];
        const char *mcap = csv_cell(&d->req, i, mc);
        vrule ru = { kind_of(csv_cell(&d->req, i, kc)), (int)parse_count(csv_cell(&d->req, i, cc)), 0,
                     csv_cell(&d->req, i, skc) };
        ru.min_cap = !*mcap ? 0 : strcmp(mcap, "participants") == 0 ? -1 : (int)parse_count(mcap);
        if (s < 0 || ru.kind < 0 || ru.count < 1 || (*mcap && ru.min_cap == 0) || ru.min_cap < -1) {
            violation(v, "requirements.csv:%d: bad row", i + 2);
            continue;
        }
        d->rules[d->rule_first[s] + d->rule_count[s]++] = ru;
    }
    for (int s = 0; s < ns; s++)
        if (d->rule_count[s] == 0)
            violation(v, "services.csv:%d: service '%s' has no requirement", s + 2, csv_cell(&d->svc, s, 0));
    ordo__free(svc_of);
}

/* Accounts and contacts: one id space, references, relationship words. */
static void load_crm(vctx *v, vdata *d)
{
    gen_index acc_ix;
    index_table(v, &acc_ix, &d->acc);
    check_ids(v, &d->con, csv_col(&d->con, "id"));
    int ra = csv_col(&d->acc, "relationship"), rc = csv_col(&d->con, "relationship");
    int ac = csv_col(&d->con, "account");
    for (int i = 0; i < d->acc.nrows; i++)
        if (!relationship_ok(csv_cell(&d->acc, i, ra)))
            violation(v, "accounts.csv:%d: relationship '%s'", i + 2, csv_cell(&d->acc, i, ra));
    for (int i = 0; i < d->con.nrows; i++) {
        if (!relationship_ok(csv_cell(&d->con, i, rc)))
            violation(v, "contacts.csv:%d: relationship '%s'", i + 2, csv_cell(&d->con, i, rc));
        const char *a = csv_cell(&d->con, i, ac);
        if (*a && gen_index_find(&acc_ix, a) < 0)
            violation(v, "contacts.csv:%d: unknown account '%s'", i + 2, a);
    }
    /* party index: accounts then contacts, positions >= nrows(acc) are contacts */
    int na = d->acc.nrows, nc = d->con.nrows;
    d->party_ix.n = na + nc;
    d->party_ix.items = xcalloc((size_t)(na + nc), sizeof *d->party_ix.items);
    for (int i = 0; i < na; i++)
        d->party_ix.items[i] = (gen_id){ csv_cell(&d->acc, i, 0 + csv_col(&d->acc, "id")), i };
    for (int i = 0; i < nc; i++)
        d->party_ix.items[na + i] = (gen_id){ csv_cell(&d->con, i, csv_col(&d->con, "id")), na + i };
    qsort(d->party_ix.items, (size_t)(na + nc), sizeof *d->party_ix.items, gen_id_cmp);
    for (int i = 1; i < na + nc; i++)
        if (strcmp(d->party_ix.items[i - 1].id, d->party_ix.items[i].id) == 0)
            violation(v, "accounts/contacts: id '%s' used twice", d->party_ix.items[i].id);
    ordo__free(acc_ix.items);
}

static void load_contracts_courses(vctx *v, vdata *d)
{
    index_table(v, &d->ctr_ix, &d->ctr);
    int cu = csv_col(&d->ctr, "customer"), st = csv_col(&d->ctr, "start"), en = csv_col(&d->ctr, "end");
    int hc = csv_col(&d->ctr, "hours");
    for (int i = 0; i < d->ctr.nrows; i++) {
        ordo_date a, b;
        if (gen_index_find(&d->party_ix, csv_cell(&d->ctr, i, cu)) < 0)
            violation(v, "contracts.csv:%d: unknown customer '%s'", i + 2, csv_cell(&d->ctr, i, cu));
        if (ordo_date_parse(csv_cell(&d->ctr, i, st), &a) < 0 || ordo_date_parse(csv_cell(&d->ctr, i, en), &b) < 0 ||
            b < a)
            violation(v, "contracts.csv:%d: bad dates", i + 2);
        if (parse_hours_minutes(csv_cell(&d->ctr, i, hc)) < 0)
            violation(v, "contracts.csv:%d: hours '%s'", i + 2, csv_cell(&d->ctr, i, hc));
    }
    index_table(v, &d->crs_ix, &d->crs);
    int sv = csv_col(&d->crs, "service"), cc = csv_col(&d->crs, "customer"), kc = csv_col(&d->crs, "contract");
    int ns = csv_col(&d->crs, "sessions"), np = csv_col(&d->crs, "participants");
    int ea = csv_col(&d->crs, "earliest"), la = csv_col(&d->crs, "latest");
    int md = csv_col(&d->crs, "min_days_between"), co = csv_col(&d->crs, "cohort");
    for (int i = 0; i < d->crs.nrows; i++) {
        ordo_date a, b;
        const char *k = csv_cell(&d->crs, i, kc);
        if (gen_index_find(&d->svc_ix, csv_cell(&d->crs, i, sv)) < 0 ||
            gen_index_find(&d->party_ix, csv_cell(&d->crs, i, cc)) < 0)
            violation(v, "courses.csv:%d: unknown service or customer", i + 2);
        if (*k) {
            int c = gen_index_find(&d->ctr_ix, k);
            if (c < 0 || strcmp(csv_cell(&d->ctr, c, cu), csv_cell(&d->crs, i, cc)) != 0)
                violation(v, "courses.csv:%d: contract '%s' unknown or not the customer's", i + 2, k);
        }
        if (parse_count(csv_cell(&d->crs, i, ns)) < 1 || parse_count(csv_cell(&d->crs, i, np)) < 1 ||
            parse_count(csv_cell(&d->crs, i, md)) < 0)
            violation(v, "courses.csv:%d: sessions, participants or min_days_between", i + 2);
        if (ordo_date_parse(csv_cell(&d->crs, i, ea), &a) < 0 || ordo_date_parse(csv_cell(&d->crs, i, la), &b) < 0 ||
            b < a)
            violation(v, "courses.csv:%d: bad window", i + 2);
        char *copy = xstrdup(csv_cell(&d->crs, i, co)), *items[8];
        int n = list_split(copy, items, 8);
        for (int j = 0; j < n; j++) {
            int known = 0;
            if (!gen_id_valid(items[j]))
                violation(v, "courses.csv:%d: cohort '%s'", i + 2, items[j]);
            for (int c = 0; c < d->ncohorts && !known; c++)
                known = strcmp(d->cohort_names[c], items[j]) == 0;
            if (!known) {
                d->cohort_names = xrealloc(d->cohort_names, sizeof *d->cohort_names * (size_t)(d->ncohorts + 1));
                d->cohort_names[d->ncohorts++] = xstrdup(items[j]);
            }
        }
        ordo__free(copy);
    }
}

/* Does resource r (row) satisfy rule ru for a course of `participants`? */
static int rule_fits(const vdata *d, int r, const vrule *ru, int participants)
{
    if (d->res_kind[r] != ru->kind)
        return 0;
    if (*ru->skill && !list_has(csv_cell(&d->res, r, csv_col(&d->res, "skills")), ru->skill))
        return 0;
    if (ru->kind == 1 && ru->min_cap != 0 && d->res_cap[r] < (ru->min_cap < 0 ? participants : ru->min_cap))
        return 0;
    return 1;
}

/* Parse witness rows into d->bk; checks of one booking on its own. */
static void load_bookings(vctx *v, vdata *d, ordo_date from, ordo_date to, int slot_min)
{
    const csv_table *w = &d->wit;
    int cc = csv_col(w, "course"), sc = csv_col(w, "session"), st = csv_col(w, "start"), en = csv_col(w, "end");
    int si = csv_col(w, "site"), rc = csv_col(w, "resources");
    int c_np = csv_col(&d->crs, "participants"), c_ea = csv_col(&d->crs, "earliest");
    int c_la = csv_col(&d->crs, "latest"), c_sv = csv_col(&d->crs, "service");
    int s_du = csv_col(&d->svc, "duration_minutes");
    d->bk = xcalloc((size_t)w->nrows, sizeof *d->bk);
    for (int i = 0; i < w->nrows; i++) {
        vbooking *b = &d->bk[i];
        int line = i + 2, ed, em;
        b->row = i;
        b->course = gen_index_find(&d->crs_ix, csv_cell(w, i, cc));
        b->site = gen_index_find(&d->site_ix, csv_cell(w, i, si));
        b->session = (int)parse_count(csv_cell(w, i, sc));
        if (b->course < 0 || b->site < 0 || b->session < 1 ||
            ordo_datetime_parse(csv_cell(w, i, st), &b->day, &b->start_min) < 0 ||
            ordo_datetime_parse(csv_cell(w, i, en), &ed, &em) < 0) {
            violation(v, "%s:%d: bad row", d->bname, line);
            b->course = -1;
            continue;
        }
        if (ed == b->day && em > b->start_min)
            b->end_min = em;
        else if (ed == b->day + 1 && em == 0)
            b->end_min = ORDO_MIN_PER_DAY;
        else
            violation(v, "%s:%d: booking leaves its local day", d->bname, line);
        if (b->start_min % slot_min)
            violation(v, "%s:%d: start off the %d-minute grid", d->bname, line, slot_min);
        ordo_date ea, la;
        ordo_date_parse(csv_cell(&d->crs, b->course, c_ea), &ea);
        ordo_date_parse(csv_cell(&d->crs, b->course, c_la), &la);
        if (b->day < ea || b->day > la || b->day < from || b->day > to)
            violation(v, "%s:%d: date outside the course window or planning window", d->bname, line);
        int svc = gen_index_find(&d->svc_ix, csv_cell(&d->crs, b->course, c_sv));
        int participants = (int)parse_count(csv_cell(&d->crs, b->course, c_np));
        if (svc < 0)
            continue;
        b->duration = (int)parse_count(csv_cell(&d->svc, svc, s_du));
        /* resources, in requirement-row order */
        char *copy = xstrdup(csv_cell(w, i, rc)), *items[8];
        b->nres = list_split(copy, items, 8);
        int want = 0;
        for (int k = 0; k < d->rule_count[svc]; k++)
            want += d->rules[d->rule_first[svc] + k].count;
        if (want != b->nres)
            violation(v, "%s:%d: %d resources, the service requires %d", d->bname, line, b->nres, want);
        int pos = 0;
        for (int k = 0; k < d->rule_count[svc]; k++) {
            const vrule *ru = &d->rules[d->rule_first[svc] + k];
            for (int c = 0; c < ru->count && pos < b->nres; c++, pos++) {
                int r = gen_index_find(&d->res_ix, items[pos]);
                b->res[pos] = r;
                if (r < 0) {
                    violation(v, "%s:%d: unknown resource '%s'", d->bname, line, items[pos]);
                    continue;
                }
                if (!rule_fits(d, r, ru, participants))
                    violation(v, "%s:%d: '%s' does not meet requirement %d (kind/skill/capacity)", d->bname, line,
                              items[pos], k + 1);
                if (d->res_site[r] != b->site)
                    violation(v, "%s:%d: '%s' is at another site", d->bname, line, items[pos]);
                for (int q = 0; q < pos; q++)
                    if (b->res[q] == r)
                        violation(v, "%s:%d: '%s' used twice", d->bname, line, items[pos]);
                const uint8_t *cov = d->cover[r];
                int wd = ordo_date_weekday(b->day);
                for (int m = b->start_min; cov && m < b->end_min; m++)
                    if (!cov[wd * ORDO_MIN_PER_DAY + m]) {
                        violation(v, "%s:%d: '%s' outside its working hours", d->bname, line, items[pos]);
                        break;
                    }
            }
        }
        b->nres = pos;
        ordo__free(copy);
    }
    for (int s = 0; s < d->sites.nrows; s++)   /* grouped by zone */
        for (int i = 0; i < w->nrows; i++) {
            vbooking *b = &d->bk[i];
            if (b->course < 0 || b->site != s)
                continue;
            b->su = to_utc(v, d, s, b->day, b->start_min, "witness start");
            b->eu = to_utc(v, d, s, b->day, b->end_min, "witness end");
            if (b->eu - b->su != b->duration)
                violation(v, "%s:%d: lasts %ld minutes, the service %d", d->bname, i + 2, (long)(b->eu - b->su),
                          b->duration);
        }
}

/* Time off, double booking, cohorts and a course's own sessions. */
static void check_overlaps(vctx *v, vdata *d)
{
    int n = d->wit.nrows, nres = d->res.nrows, ncrs = d->crs.nrows;
    int co = csv_col(&d->crs, "cohort");
    vinterval *iv = NULL;
    size_t cap = 0, m = 0;
    for (int i = 0; i < n; i++) {
        const vbooking *b = &d->bk[i];
        if (b->course < 0)
            continue;
        for (int k = 0; k < b->nres; k++) {
            int r = b->res[k];
            if (r < 0)
                continue;
            for (int t = d->off_first[r]; t < d->off_first[r] + d->off_count[r]; t++)
                if (d->off_utc[t][0] < b->eu && b->su < d->off_utc[t][1])
                    violation(v, "%s:%d: '%s' is on time off", d->bname, i + 2, csv_cell(&d->res, r, 0));
            GEN_GROW(iv, cap, m + 1);
            iv[m++] = (vinterval){ r, i, b->su, b->eu };
        }
        GEN_GROW(iv, cap, m + 1);
        iv[m++] = (vinterval){ nres + b->course, i, b->su, b->eu };
        for (int c = 0; c < d->ncohorts; c++)
            if (list_has(csv_cell(&d->crs, b->course, co), d->cohort_names[c])) {
                GEN_GROW(iv, cap, m + 1);
                iv[m++] = (vinterval){ nres + ncrs + c, i, b->su, b->eu };
            }
    }
    qsort(iv, m, sizeof *iv, vinterval_cmp);
    for (size_t i = 1; i < m; i++) {
        if (iv[i].key != iv[i - 1].key || iv[i].su >= iv[i - 1].eu)
            continue;
        int key = iv[i].key;
        const char *what = key < nres ? csv_cell(&d->res, key, 0)
                           : key < nres + ncrs ? csv_cell(&d->crs, key - nres, 0)
                                               : d->cohort_names[key - nres - ncrs];
        violation(v, "%s:%d and %d overlap on %s '%s'", d->bname, iv[i - 1].booking + 2, iv[i].booking + 2,
                  key < nres ? "resource" : key < nres + ncrs ? "course" : "cohort", what);
    }
    ordo__free(iv);
}

/* Sessions per course: numbering, count, min_days_between; hour banks, contract dates. */
static void check_courses_contracts(vctx *v, vdata *d)
{
    int n = d->wit.nrows, ncrs = d->crs.nrows;
    /* each course's bookings in time order: order[first[c] .. first[c] + fill[c]) */
    vinterval *order = xcalloc((size_t)n + 1, sizeof *order);
    int *first = xcalloc((size_t)ncrs + 1, sizeof *first), *fill = xcalloc((size_t)ncrs + 1, sizeof *fill);
    long *used = xcalloc((size_t)d->ctr.nrows + 1, sizeof *used);
    int m = 0;
    for (int i = 0; i < n; i++)
        if (d->bk[i].course >= 0) {
            order[m++] = (vinterval){ d->bk[i].course, i, d->bk[i].su, d->bk[i].eu };
            fill[d->bk[i].course]++;
        }
    qsort(order, (size_t)m, sizeof *order, vinterval_cmp);
    for (int c = 0; c < ncrs; c++)
        first[c + 1] = first[c] + fill[c];
    int ns = csv_col(&d->crs, "sessions"), md = csv_col(&d->crs, "min_days_between");
    int kc = csv_col(&d->crs, "contract"), cs = csv_col(&d->ctr, "start"), ce = csv_col(&d->ctr, "end");
    for (int c = 0; c < ncrs; c++) {
        const char *cid = csv_cell(&d->crs, c, 0);
        long mdb = parse_count(csv_cell(&d->crs, c, md));
        int ctr = *csv_cell(&d->crs, c, kc) ? gen_index_find(&d->ctr_ix, csv_cell(&d->crs, c, kc)) : -1;
        ordo_date ks = 0, ke = 0;
        if (ctr >= 0) {
            ordo_date_parse(csv_cell(&d->ctr, ctr, cs), &ks);
            ordo_date_parse(csv_cell(&d->ctr, ctr, ce), &ke);
        }
        long wanted = parse_count(csv_cell(&d->crs, c, ns));
        if (fill[c] > wanted || (d->require_all && fill[c] != wanted))
            violation(v, "course '%s': %d sessions booked, %ld wanted", cid, fill[c], wanted);
        else if (fill[c] < wanted)
            d->unplaced += (int)(wanted - fill[c]);
        for (int k = 0; k < fill[c]; k++) {
            const vbooking *b = &d->bk[order[first[c] + k].booking];
            if (b->session != k + 1)
                violation(v, "course '%s': session %d is number %d in time order", cid, b->session, k + 1);
            if (k > 0 && b->site != d->bk[order[first[c]].booking].site)
                violation(v, "course '%s': session %d at another site than session 1 (all at one site)", cid, k + 1);
            if (k > 0 && b->day - d->bk[order[first[c] + k - 1].booking].day < mdb)
                violation(v, "course '%s': sessions %d and %d closer than %ld days", cid, k, k + 1, mdb);
            if (ctr >= 0) {
                used[ctr] += (long)(b->eu - b->su);
                if (b->day < ks || b->day > ke)
                    violation(v, "course '%s': session %d outside contract '%s' dates", cid, k + 1,
                              csv_cell(&d->ctr, ctr, 0));
            }
        }
    }
    int hc = csv_col(&d->ctr, "hours");
    for (int k = 0; k < d->ctr.nrows; k++) {
        long bank = parse_hours_minutes(csv_cell(&d->ctr, k, hc));
        if (used[k] > bank)
            violation(v, "contract '%s': %ld minutes used, bank %ld", csv_cell(&d->ctr, k, 0), used[k], bank);
    }
    ordo__free(order);
    ordo__free(first);
    ordo__free(fill);
    ordo__free(used);
}

/* Rows sorted by real start, then course (byte order), then session. */
static void check_row_order(vctx *v, const vdata *d)
{
    for (int i = 1; i < d->wit.nrows; i++) {
        const vbooking *a = &d->bk[i - 1], *b = &d->bk[i];
        if (a->course < 0 || b->course < 0)
            continue;
        int c = strcmp(csv_cell(&d->wit, i - 1, 0), csv_cell(&d->wit, i, 0));
        if (a->su > b->su || (a->su == b->su && (c > 0 || (c == 0 && a->session >= b->session))))
            violation(v, "%s:%d: rows out of order", d->bname, i + 2);
    }
}

static void free_vdata(vdata *d)
{
    csv_table *tabs[] = { &d->sites, &d->res, &d->wh, &d->off, &d->svc, &d->req,
                          &d->acc, &d->con, &d->ctr, &d->crs, &d->wit };
    for (int r = 0; r < d->res.nrows; r++)
        ordo__free(d->cover[r]);
    for (int c = 0; c < d->ncohorts; c++)
        ordo__free(d->cohort_names[c]);
    for (size_t i = 0; i < sizeof tabs / sizeof *tabs; i++)
        csv_free(tabs[i]);
    gen_index *ixs[] = { &d->site_ix, &d->res_ix, &d->svc_ix, &d->ctr_ix, &d->crs_ix, &d->party_ix };
    for (size_t i = 0; i < sizeof ixs / sizeof *ixs; i++)
        ordo__free(ixs[i]->items);
    void *ptrs[] = { d->res_kind, d->res_site, d->res_cap, d->cover, d->rule_first, d->rule_count, d->rules,
                     d->off_first, d->off_count, d->off_utc, d->cohort_names, d->bk };
    for (size_t i = 0; i < sizeof ptrs / sizeof *ptrs; i++)
        ordo__free(ptrs[i]);
}

/* Check DIR's instance and the bookings in DIR/BOOKINGS (e.g. "witness.csv");
 * planning window from..to (local dates). With `require_all`, a session
 * left out is a violation, else it is only counted. Returns the number of
 * violations. */
static int verify_witness(const char *dir, const char *bookings, int require_all, ordo_date from, ordo_date to,
                          int slot_min, FILE *out)
{
    vctx v = { out, 0 };
    vdata d;
    memset(&d, 0, sizeof d);
    csv_read(&d.sites, dir, "sites.csv");
    csv_read(&d.res, dir, "resources.csv");
    csv_read(&d.wh, dir, "working_hours.csv");
    csv_read(&d.off, dir, "time_off.csv");
    csv_read(&d.svc, dir, "services.csv");
    csv_read(&d.req, dir, "requirements.csv");
    csv_read(&d.acc, dir, "accounts.csv");
    csv_read(&d.con, dir, "contacts.csv");
    csv_read(&d.ctr, dir, "contracts.csv");
    csv_read(&d.crs, dir, "courses.csv");
    csv_read(&d.wit, dir, bookings);
    d.bname = bookings;
    d.require_all = require_all;
    load_sites_resources(&v, &d);
    load_working_hours(&v, &d);
    load_time_off(&v, &d);
    load_services(&v, &d);
    load_crm(&v, &d);
    load_contracts_courses(&v, &d);
    load_bookings(&v, &d, from, to, slot_min);
    check_overlaps(&v, &d);
    check_courses_contracts(&v, &d);
    check_row_order(&v, &d);
    const char *label = strcmp(bookings, "witness.csv") == 0 ? "witness" : "bookings";
    if (v.violations == 0)
        fprintf(out, "%s OK (%s: %d bookings, %d courses checked, %d sessions not booked)\n", label, bookings,
                d.wit.nrows, d.crs.nrows, d.unplaced);
    else
        fprintf(out, "%s FAILED: %d violations%s\n", label, v.violations,
                v.violations > VERIFY_MAX_SHOWN ? " (first ones shown)" : "");
    free_vdata(&d);
    return v.violations;
}

#endif
