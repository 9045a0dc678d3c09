/*
 * gen_training.c — seeded generator of feasible training-organisation
 * instances in the CSV data contract (usage and method: benchmarks/README.md).
 *
 * The witness comes first: courses are drawn one by one and their sessions
 * placed greedily on free 30-minute slots of teachers, rooms, equipment and
 * cohorts. The instance is then derived from it (windows, contracts, extra
 * time off only where the witness leaves a resource free), so witness.csv
 * proves that every session can be placed. Invariants: busy[] bits are set
 * only by witness bookings; avail[] (working hours minus time off) only
 * loses bits that are not busy. Each resource and cohort is at one site and
 * bookings lie in daytime hours, so local slots never meet a DST change and
 * local overlap equals real-time overlap. Output depends only on the
 * arguments (own PRNG, total orders in sorts).
 */
#include "gen_common.h"
#include "gen_verify.h"
#include "model/date.h"
#include "model/tz.h"

#include <errno.h>
#include <sys/stat.h>
#include <time.h>

#define SLOT_MIN 30                 /* witness grid = ordo's default --slot */
#define SLOTS 48                    /* slots per day; bit i = [30i, 30i+30) */
#define MAX_RULES 4
#define MAX_BOOKED 6                /* resources of one booking */
#define TIGHT_TARGET 0.62           /* teacher-hour share tight working hours aim at */
#define TIGHT_MIN_SHARE 0.50        /* promised by --tight */
#define TIGHT_SHRINK_UNTIL 0.55     /* below this, idle teacher hours are cut */
#define MAX_DELAY_DAYS 7            /* a session may slip this far past its earliest day */
#define COHORT_MAX_COURSES 5
#define CONTRACT_REUSE 0.5
#define NO_CONTRACT_SHARE 0.25

enum { K_PERSON, K_ROOM, K_EQUIP };
static const char *const KIND_NAMES[] = { "person", "room", "equipment" };

static const char *const SUBJECTS[] = { "python", "sql", "excel", "english", "french", "german",
                                        "spanish", "management", "accounting", "marketing", "safety",
                                        "law", "design", "statistics", "networking", "leadership" };
static const char *const LEVELS[] = { "intro", "workshop", "advanced", "refresher", "masterclass" };
static const char *const FEATURES[] = { "projector", "whiteboard", "computers" };
static const char *const EQUIP_TYPES[] = { "laptop_cart", "camera_kit", "lab_kit", "vr_headsets" };
static const char *const RELATIONSHIPS[] = { "suspect", "prospect", "potential_client", "client" };
static const char *const FIRST_NAMES[] = { "Alice", "Bruno", "Chloe", "David", "Emma", "Farid", "Giulia",
                                           "Hugo", "Ines", "Jonas", "Karim", "Lea", "Marta", "Nils",
                                           "Olga", "Pablo", "Quentin", "Rosa", "Sven", "Tara", "Umar",
                                           "Vera", "Wen", "Yusuf", "Zoe" };
static const char *const LAST_NAMES[] = { "Martin", "Bernard", "Dubois", "Smith", "Jones", "Garcia",
                                          "Rossi", "Muller", "Novak", "Khan", "Patel", "Silva", "Kim",
                                          "Nguyen", "Cohen", "Larsen", "Moreau", "Fischer", "Costa",
                                          "Singh" };
static const char *const COMPANIES[] = { "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark",
                                         "Wayne", "Tyrell", "Cyberdyne", "Soylent", "Vandelay",
                                         "Wonka", "Oscorp", "Massive", "Aperture" };
static const int ROOM_CAPACITIES[] = { 8, 10, 12, 12, 16, 16, 20, 24, 30, 40 };
static const int DURATIONS[] = { 60, 75, 90, 120, 120, 150, 180, 180, 210, 240 };

#define COUNT(a) ((int)(sizeof(a) / sizeof *(a)))

typedef struct site_def {
    const char *id, *name, *tz;
} site_def;

static const site_def SITES[] = {
    { "paris", "Paris Bastille", "Europe/Paris" },
    { "london", "London Holborn", "Europe/London" },
    { "newyork", "New York Midtown", "America/New_York" },
    { "pune", "Pune Campus", "Asia/Kolkata" },
};

typedef struct size_def {
    char name;
    int people, rooms, equipment, sites, sessions, weeks;
    int services, subjects, accounts, contacts, cohorts_per_site;
} size_def;

static const size_def SIZES[] = {
    { 'S', 10, 5, 3, 1, 180, 6, 8, 6, 5, 8, 4 },
    { 'M', 60, 25, 12, 2, 1500, 10, 24, 12, 20, 40, 8 },
    { 'L', 300, 120, 48, 4, 10000, 13, 48, 16, 80, 150, 16 },
};

/* ---- records ---------------------------------------------------------- */

typedef struct wh_row {
    int weekday, start, end;        /* local minutes, end may be 1440 */
} wh_row;

typedef struct time_off {
    int day_from, min_from, day_to, min_to;   /* local, end exclusive */
    const char *reason;
} time_off;

typedef struct resource {
    char id[16], name[64], email[80];
    int kind, site, capacity;       /* capacity: rooms only */
    const char *skills[3];
    int nskills;
    wh_row *wh;
    size_t wh_cap;
    int nwh;
    time_off *off;
    size_t off_cap;
    int noff;
    uint64_t *avail;                /* per day: working hours minus time off */
    uint64_t *busy;                 /* per day: witness bookings */
    long used_min;
} resource;

enum { CAP_ANY = 0, CAP_PARTICIPANTS = -1 };

typedef struct rule {
    int kind, count;
    const char *skill;              /* NULL = any */
    int min_cap;                    /* CAP_ANY, CAP_PARTICIPANTS or seats */
} rule;

typedef struct service {
    char id[16], name[64];
    const char *subject;
    int duration, nrules;
    rule rules[MAX_RULES];
} service;

typedef struct account {
    char id[16], name[64];
    const char *relationship;
} account;

typedef struct contact {
    char id[16], email[80];
    const char *first, *last, *relationship;
    int account;                    /* -1 = none */
} contact;

typedef struct contract {
    char id[16];
    const char *customer;
    int first_day, last_day;        /* witness sessions */
    int start_day, end_day;         /* written dates (may leave the window) */
    long used_min, centi_hours;
} contract;

typedef struct cohort {
    char id[16];
    int site, ncourses;
    uint64_t *busy;
} cohort;

typedef struct course {
    char id[16], title[160];
    int service, site, participants, sessions, mdb;
    int earliest, latest, contract; /* contract -1 = none */
    const char *customer;
    int cohorts[2], ncohorts;
} course;

typedef struct booking {
    int course, session, day, slot, duration, site;
    int res[MAX_BOOKED], nres;
    ordo_utc utc;
} booking;

typedef struct gen {
    gen_rng rng;
    const size_def *size;
    int tight, nsites, ndays;
    ordo_date day0;
    resource *res;
    int nres;
    service *svc;
    int nsvc;
    account *acc;
    contact *con;
    cohort *coh;
    int ncoh;
    contract *ctr;
    size_t ctr_cap;
    int nctr;
    course *crs;
    size_t crs_cap;
    int ncrs;
    booking *bk;
    size_t bk_cap;
    int nbk;
    int course_attempts;
} gen;

/* ---- small helpers ---------------------------------------------------- */

static uint64_t slot_range(int from, int to) /* bits [from, to) */
{
    if (to <= from)
        return 0;
    uint64_t hi = to >= 64 ? ~0ULL : ((1ULL << to) - 1);
    return hi & ~((1ULL << from) - 1);
}

/* Start slots s such that slots s..s+k-1 are all in `free` (bits < SLOTS only). */
static uint64_t run_starts(uint64_t free, int k)
{
    uint64_t m = free;
    for (int i = 1; i < k; i++)
        m &= free >> i;
    return m;
}

static int popcount64(uint64_t x) { return __builtin_popcountll(x); }

static int slots_of(int minutes) { return (minutes + SLOT_MIN - 1) / SLOT_MIN; }

static int weekday_of(const gen *g, int day) { return ordo_date_weekday(g->day0 + day); }

static int has_skill(const resource *r, const char *skill)
{
    if (!skill)
        return 1;
    for (int i = 0; i < r->nskills; i++)
        if (strcmp(r->skills[i], skill) == 0)
            return 1;
    return 0;
}

static void add_wh(resource *r, int weekday, int start, int end)
{
    GEN_GROW(r->wh, r->wh_cap, (size_t)r->nwh + 1);
    r->wh[r->nwh++] = (wh_row){ weekday, start, end };
}

/* Slots of `day` covered by time off `t`. */
static uint64_t off_slots(const time_off *t, int day)
{
    if (day < t->day_from || day > t->day_to || (day == t->day_to && t->min_to == 0))
        return 0;
    int from = day == t->day_from ? t->min_from : 0;
    int to = day == t->day_to ? t->min_to : ORDO_MIN_PER_DAY;
    return slot_range(from / SLOT_MIN, slots_of(to));
}

static void add_time_off(gen *g, resource *r, time_off t)
{
    GEN_GROW(r->off, r->off_cap, (size_t)r->noff + 1);
    r->off[r->noff++] = t;
    for (int d = t.day_from; d <= t.day_to && d < g->ndays; d++)
        r->avail[d] &= ~off_slots(&t, d);
}

static int sites_for(const gen *g, int i) { return i % g->nsites; }

/* ---- resources -------------------------------------------------------- */

static void make_people(gen *g, resource *r, int i)
{
    const char *first = FIRST_NAMES[rng_int(&g->rng, 0, COUNT(FIRST_NAMES) - 1)];
    const char *last = LAST_NAMES[rng_int(&g->rng, 0, COUNT(LAST_NAMES) - 1)];
    r->kind = K_PERSON;
    snprintf(r->id, sizeof r->id, "tch-%03d", i + 1);
    snprintf(r->name, sizeof r->name, "%s %s", first, last);
    snprintf(r->email, sizeof r->email, "%s.%s.%d@example.org", first, last, i + 1);
    for (char *p = r->email; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    int nsubj = g->size->subjects;
    r->skills[r->nskills++] = SUBJECTS[i % nsubj];  /* every subject has teachers */
    int extra = rng_int(&g->rng, 0, 2);
    for (int k = 0; k < extra; k++) {
        const char *s = SUBJECTS[rng_int(&g->rng, 0, nsubj - 1)];
        if (!has_skill(r, s))
            r->skills[r->nskills++] = s;
    }
}

static void make_room(gen *g, resource *r, int i)
{
    r->kind = K_ROOM;
    snprintf(r->id, sizeof r->id, "room-%03d", i + 1);
    r->capacity = ROOM_CAPACITIES[rng_int(&g->rng, 0, COUNT(ROOM_CAPACITIES) - 1)];
    static const double feature_share[] = { 0.6, 0.5, 0.25 };
    for (int f = 0; f < COUNT(FEATURES); f++)
        if (rng_chance(&g->rng, feature_share[f]) || i / g->nsites < 2)
            r->skills[r->nskills++] = FEATURES[f];
    if (i / g->nsites < 2 && r->capacity < 16)
        r->capacity = 16;   /* every site can host every service: two rooms with it all */
    snprintf(r->name, sizeof r->name, "Room %d (%d seats)", i + 1, r->capacity);
}

static void make_equipment(gen *g, resource *r, int i)
{
    r->kind = K_EQUIP;
    snprintf(r->id, sizeof r->id, "eq-%03d", i + 1);
    /* Consecutive items go to consecutive sites, so each site gets every type. */
    r->skills[r->nskills++] = EQUIP_TYPES[(i / g->nsites) % COUNT(EQUIP_TYPES)];
    snprintf(r->name, sizeof r->name, "%s %d", r->skills[0], i + 1);
}

static void make_resources(gen *g)
{
    const size_def *z = g->size;
    g->nres = z->people + z->rooms + z->equipment;
    g->res = xcalloc((size_t)g->nres, sizeof *g->res);
    for (int i = 0; i < g->nres; i++) {
        resource *r = &g->res[i];
        if (i < z->people) {
            make_people(g, r, i);
            r->site = sites_for(g, i);
        } else if (i < z->people + z->rooms) {
            make_room(g, r, i - z->people);
            r->site = sites_for(g, i - z->people);
        } else {
            make_equipment(g, r, i - z->people - z->rooms);
            r->site = sites_for(g, i - z->people - z->rooms);
        }
        r->avail = xcalloc((size_t)g->ndays, sizeof *r->avail);
        r->busy = xcalloc((size_t)g->ndays, sizeof *r->busy);
    }
}

/* ---- services --------------------------------------------------------- */

/* Equipment types present at every site (make_equipment deals them out). */
static int equipment_types(const gen *g)
{
    int per_site = g->size->equipment / g->nsites;
    return per_site < COUNT(EQUIP_TYPES) ? per_site : COUNT(EQUIP_TYPES);
}

static void make_services(gen *g)
{
    g->nsvc = g->size->services;
    g->svc = xcalloc((size_t)g->nsvc, sizeof *g->svc);
    for (int i = 0; i < g->nsvc; i++) {
        service *s = &g->svc[i];
        s->subject = SUBJECTS[i % g->size->subjects];
        const char *level = LEVELS[(i / g->size->subjects) % COUNT(LEVELS)];
        snprintf(s->id, sizeof s->id, "svc-%02d", i + 1);
        snprintf(s->name, sizeof s->name, "%c%s %s", s->subject[0] - 'a' + 'A', s->subject + 1, level);
        s->duration = DURATIONS[rng_int(&g->rng, 0, COUNT(DURATIONS) - 1)];
        rule teacher = { K_PERSON, 1, s->subject, CAP_ANY };
        rule room = { K_ROOM, 1, NULL, CAP_PARTICIPANTS };
        if (rng_chance(&g->rng, 0.15))
            room.min_cap = rng_int(&g->rng, 8, 12);
        double u = rng_unit(&g->rng);
        room.skill = u < 0.35 ? "projector" : u < 0.45 ? "computers" : NULL;
        int room_first = rng_chance(&g->rng, 0.2);
        if (room_first)
            s->rules[s->nrules++] = room;
        s->rules[s->nrules++] = teacher;
        if (rng_chance(&g->rng, 0.06))
            s->rules[s->nrules++] = (rule){ K_PERSON, 1, NULL, CAP_ANY };  /* an assistant */
        if (!room_first)
            s->rules[s->nrules++] = room;
        int types = equipment_types(g);
        if (types > 0 && rng_chance(&g->rng, 0.25))
            s->rules[s->nrules++] = (rule){ K_EQUIP, 1, EQUIP_TYPES[rng_int(&g->rng, 0, types - 1)], CAP_ANY };
    }
}

/* Mean teacher-minutes one session of a random service takes. */
static double mean_teacher_minutes(const gen *g)
{
    double sum = 0;
    for (int i = 0; i < g->nsvc; i++)
        for (int r = 0; r < g->svc[i].nrules; r++)
            if (g->svc[i].rules[r].kind == K_PERSON)
                sum += g->svc[i].duration * g->svc[i].rules[r].count;
    return sum / g->nsvc;
}

/* ---- working hours and time off ---------------------------------------- */

/* Full-time or part-time weeks, with or without a lunch break. */
static void person_hours_normal(gen *g, resource *r)
{
    int start = 8 * 60 + 30 * rng_int(&g->rng, 0, 2);
    double u = rng_unit(&g->rng);
    int picked[5] = { 1, 1, 1, 1, 1 };
    if (u >= 0.85) { /* part time: three days */
        int off = rng_int(&g->rng, 0, 4);
        picked[off] = 0;
        picked[(off + rng_int(&g->rng, 1, 4)) % 5] = 0;
    }
    int adjacent_split = rng_chance(&g->rng, 0.1);  /* rows 09-13 + 13-17 test the union rule */
    for (int wd = 0; wd < 5; wd++) {
        if (!picked[wd])
            continue;
        if (u < 0.6) {
            add_wh(r, wd, start, start + 240);
            add_wh(r, wd, start + 300, start + 540);
        } else if (adjacent_split) {
            add_wh(r, wd, start, start + 240);
            add_wh(r, wd, start + 240, start + 480);
        } else {
            add_wh(r, wd, start, start + 480);
        }
    }
    if (rng_chance(&g->rng, 0.1))
        add_wh(r, 5, 9 * 60, 13 * 60);
}

/* Fewer, shorter days so that the witness fills >= TIGHT_TARGET of them. */
static void person_hours_tight(gen *g, resource *r, double week_minutes)
{
    static const int lengths[] = { 240, 300, 360, 420 };
    int len = lengths[rng_int(&g->rng, 0, COUNT(lengths) - 1)];
    int days = (int)(week_minutes / len + rng_unit(&g->rng));
    days = days < 1 ? 1 : days > 5 ? 5 : days;
    int start = rng_chance(&g->rng, 0.75) ? 8 * 60 + 30 * rng_int(&g->rng, 0, 4) : 13 * 60;
    int picked[5] = { 0 };
    for (int n = 0; n < days;) {
        int wd = rng_int(&g->rng, 0, 4);
        if (!picked[wd]) {
            picked[wd] = 1;
            n++;
        }
    }
    for (int wd = 0; wd < 5; wd++)
        if (picked[wd])
            add_wh(r, wd, start, start + len);
}

/* avail[] from the working-hour rows (none = any time) minus time off. */
static void compute_avail(const gen *g, resource *r)
{
    uint64_t week[7] = { 0 };
    for (int k = 0; k < r->nwh; k++)
        week[r->wh[k].weekday] |= slot_range(r->wh[k].start / SLOT_MIN, r->wh[k].end / SLOT_MIN);
    for (int d = 0; d < g->ndays; d++) {
        r->avail[d] = r->nwh ? week[weekday_of(g, d)] : slot_range(0, SLOTS);
        for (int k = 0; k < r->noff; k++)
            r->avail[d] &= ~off_slots(&r->off[k], d);
    }
}

static void make_working_hours(gen *g)
{
    double week_minutes = 0;
    if (g->tight)
        week_minutes = g->size->sessions * mean_teacher_minutes(g) /
                       ((double)g->size->people * g->size->weeks * TIGHT_TARGET);
    for (int i = 0; i < g->nres; i++) {
        resource *r = &g->res[i];
        if (r->kind == K_PERSON) {
            if (g->tight)
                person_hours_tight(g, r, week_minutes);
            else
                person_hours_normal(g, r);
        } else if (r->kind == K_ROOM && rng_chance(&g->rng, 0.8)) {
            /* building hours; the other rooms have no row = any time */
            for (int wd = 0; wd < 5; wd++)
                add_wh(r, wd, 7 * 60, 21 * 60);
            if (r->site % 2 == 0)
                add_wh(r, 5, 8 * 60, 14 * 60);
        }
    }
    for (int i = 0; i < g->nres; i++)
        compute_avail(g, &g->res[i]);
}

/* Vacations and repairs drawn before the witness; it plans around them. */
static void make_time_off_before(gen *g)
{
    for (int i = 0; i < g->nres; i++) {
        resource *r = &g->res[i];
        double p = r->kind == K_PERSON ? (g->tight ? 0.2 : 0.3) : r->kind == K_ROOM ? 0.15 : 0.2;
        if (rng_chance(&g->rng, p)) {
            int len = r->kind == K_PERSON ? rng_int(&g->rng, 1, 5) : rng_int(&g->rng, 1, 2);
            int d = rng_int(&g->rng, 0, g->ndays - len);
            const char *why = r->kind == K_PERSON ? "vacation" : r->kind == K_ROOM ? "maintenance" : "";
            add_time_off(g, r, (time_off){ d, 0, d + len, 0, why });
        }
        if (r->kind == K_PERSON && rng_chance(&g->rng, 0.15)) {
            int d = rng_int(&g->rng, 0, g->ndays - 1);
            add_time_off(g, r, (time_off){ d, 13 * 60, d, 17 * 60 + 30, "training" });
        }
    }
}

/* Share of the available hours of teacher `only` (or of all teachers if
 * NULL) that the witness uses. */
static double teacher_share(const gen *g, const resource *only)
{
    double avail = 0, used = 0;
    for (int i = 0; i < g->nres; i++) {
        const resource *r = &g->res[i];
        if (r->kind != K_PERSON || (only && r != only))
            continue;
        for (int d = 0; d < g->ndays; d++)
            avail += popcount64(r->avail[d]) * SLOT_MIN;
        used += r->used_min;
    }
    return avail > 0 ? used / avail : 0;
}

/* Cut a teacher's rows to the span the witness uses on each weekday
 * (weekdays it never uses go). Only unused slots disappear, so the witness
 * still fits. A teacher without bookings keeps the week: no row at all
 * would mean "available any time". */
static void shrink_rows(gen *g, resource *r)
{
    if (r->used_min == 0)
        return;
    uint64_t used[7] = { 0 };
    for (int d = 0; d < g->ndays; d++)
        used[weekday_of(g, d)] |= r->busy[d];
    wh_row *old = r->wh;
    int n = r->nwh;
    r->wh = NULL;
    r->wh_cap = 0;
    r->nwh = 0;
    for (int k = 0; k < n; k++) {
        uint64_t u = used[old[k].weekday];
        if (!u)
            continue;
        int lo = __builtin_ctzll(u) * SLOT_MIN, hi = (64 - __builtin_clzll(u)) * SLOT_MIN;
        int start = old[k].start > lo ? old[k].start : lo, end = old[k].end < hi ? old[k].end : hi;
        if (end > start)
            add_wh(r, old[k].weekday, start, end);
    }
    ordo__free(old);
    compute_avail(g, r);
}

/* Tight mode, when the greedy witness left more idle time than promised:
 * shrink the least used teachers' weeks until the share reaches
 * TIGHT_SHRINK_UNTIL. */
static void tighten_hours(gen *g)
{
    int people = g->size->people;
    if (!g->tight || teacher_share(g, NULL) >= TIGHT_SHRINK_UNTIL)
        return;
    int *order = xcalloc((size_t)people, sizeof *order);
    double *share = xcalloc((size_t)people, sizeof *share);
    for (int i = 0; i < people; i++) {
        share[i] = teacher_share(g, &g->res[i]);
        int j = i;   /* insertion sort: least used first, index breaks ties */
        for (; j > 0 && share[order[j - 1]] > share[i]; j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
    for (int k = 0; k < people && teacher_share(g, NULL) < TIGHT_SHRINK_UNTIL; k++)
        shrink_rows(g, &g->res[order[k]]);
    ordo__free(order);
    ordo__free(share);
}

/* Appointments put into gaps the witness left, so they cannot break it. */
static void make_time_off_after(gen *g)
{
    for (int i = 0; i < g->nres; i++) {
        resource *r = &g->res[i];
        if (r->kind != K_PERSON || !rng_chance(&g->rng, g->tight ? 0.35 : 0.25))
            continue;
        for (int attempt = 0; attempt < 20; attempt++) {
            int d = rng_int(&g->rng, 0, g->ndays - 1);
            int len = rng_int(&g->rng, 2, 4);
            uint64_t ok = run_starts(r->avail[d] & ~r->busy[d], len);
            if (!ok)
                continue;
            int s = __builtin_ctzll(ok);
            add_time_off(g, r, (time_off){ d, s * SLOT_MIN, d, (s + len) * SLOT_MIN,
                                           rng_chance(&g->rng, 0.3) ? "" : "appointment" });
            break;
        }
    }
}

/* ---- customers and cohorts -------------------------------------------- */

static void make_customers(gen *g)
{
    const size_def *z = g->size;
    g->acc = xcalloc((size_t)z->accounts, sizeof *g->acc);
    g->con = xcalloc((size_t)z->contacts, sizeof *g->con);
    for (int i = 0; i < z->accounts; i++) {
        account *a = &g->acc[i];
        snprintf(a->id, sizeof a->id, "acc-%03d", i + 1);
        snprintf(a->name, sizeof a->name, "%s %d", COMPANIES[i % COUNT(COMPANIES)], i + 1);
        a->relationship = RELATIONSHIPS[rng_int(&g->rng, 0, 3)];
    }
    for (int i = 0; i < z->contacts; i++) {
        contact *c = &g->con[i];
        snprintf(c->id, sizeof c->id, "con-%03d", i + 1);
        c->first = FIRST_NAMES[rng_int(&g->rng, 0, COUNT(FIRST_NAMES) - 1)];
        c->last = LAST_NAMES[rng_int(&g->rng, 0, COUNT(LAST_NAMES) - 1)];
        c->relationship = RELATIONSHIPS[rng_int(&g->rng, 0, 3)];
        c->account = rng_chance(&g->rng, 0.6) ? rng_int(&g->rng, 0, z->accounts - 1) : -1;
        if (rng_chance(&g->rng, 0.85))
            snprintf(c->email, sizeof c->email, "contact%d@example.com", i + 1);
    }
}

static void make_cohorts(gen *g)
{
    g->ncoh = g->size->cohorts_per_site * g->nsites;
    g->coh = xcalloc((size_t)g->ncoh, sizeof *g->coh);
    for (int i = 0; i < g->ncoh; i++) {
        snprintf(g->coh[i].id, sizeof g->coh[i].id, "coh-%02d", i + 1);
        g->coh[i].site = i % g->nsites;
        g->coh[i].busy = xcalloc((size_t)g->ndays, sizeof *g->coh[i].busy);
    }
}

/* ---- the witness ------------------------------------------------------ */

/* A course being placed: its choices and candidate resources per rule. */
typedef struct plan {
    int site, service, participants, sessions, mdb, start_day, teacher;
    int cohorts[2], ncohorts;
    int *cand[MAX_RULES];
    int ncand[MAX_RULES];
    int placed, last_day, last_end_slot;
} plan;

static int fits_rule(const resource *r, const rule *ru, int site, int participants)
{
    if (r->site != site || r->kind != ru->kind || !has_skill(r, ru->skill))
        return 0;
    if (ru->kind == K_ROOM) {
        int need = ru->min_cap == CAP_PARTICIPANTS ? participants : ru->min_cap;
        if (r->capacity < need)
            return 0;
    }
    return 1;
}

/* Largest participant count some room of `site` can hold for service `s`. */
static int max_participants(const gen *g, const service *s, int site)
{
    int best = 1 << 20;
    for (int k = 0; k < s->nrules; k++) {
        const rule *ru = &s->rules[k];
        if (ru->kind != K_ROOM || ru->min_cap != CAP_PARTICIPANTS)
            continue;
        int cap = 0;
        for (int i = 0; i < g->nres; i++)
            if (g->res[i].site == site && g->res[i].kind == K_ROOM && has_skill(&g->res[i], ru->skill) &&
                g->res[i].capacity > cap)
                cap = g->res[i].capacity;
        if (cap < best)
            best = cap;
    }
    return best;
}

static int pick_teacher(gen *g)
{
    int people = g->size->people;
    int best = rng_int(&g->rng, 0, people - 1);
    if (!g->tight)
        return best;
    /* Tight: the least filled of three, so the load spreads evenly. */
    for (int k = 0; k < 2; k++) {
        int c = rng_int(&g->rng, 0, people - 1);
        if (teacher_share(g, &g->res[c]) < teacher_share(g, &g->res[best]))
            best = c;
    }
    return best;
}

/* Draw a course's service, size and rhythm; 0 if none fits the site. */
static int draw_plan(gen *g, plan *p, int remaining)
{
    p->teacher = pick_teacher(g);
    const resource *t = &g->res[p->teacher];
    p->site = t->site;
    const char *subject = t->skills[rng_int(&g->rng, 0, t->nskills - 1)];
    int n_match = 0;
    for (int i = 0; i < g->nsvc; i++)
        n_match += strcmp(g->svc[i].subject, subject) == 0;
    if (!n_match)
        return 0;
    int pick = rng_int(&g->rng, 0, n_match - 1);
    for (int i = 0; i < g->nsvc; i++)
        if (strcmp(g->svc[i].subject, subject) == 0 && pick-- == 0)
            p->service = i;
    const service *s = &g->svc[p->service];
    int maxp = max_participants(g, s, p->site);
    if (maxp < 1)
        return 0;
    p->participants = rng_int(&g->rng, maxp < 3 ? 1 : 3, maxp < 24 ? maxp : 24);
    for (int k = 0; k < s->nrules; k++) {
        p->ncand[k] = 0;
        for (int i = 0; i < g->nres; i++)
            if (fits_rule(&g->res[i], &s->rules[k], p->site, p->participants))
                p->cand[k][p->ncand[k]++] = i;
        if (p->ncand[k] < s->rules[k].count)
            return 0;
    }
    p->sessions = rng_int(&g->rng, 2, 12);
    if (p->sessions > remaining)
        p->sessions = remaining;
    int max_mdb = 7;
    if (p->sessions > 1) {
        int fit = (int)((g->ndays * 0.8 - 1) / (p->sessions - 1));
        if (fit < max_mdb)
            max_mdb = fit;
    }
    p->mdb = rng_int(&g->rng, 0, max_mdb);
    int need = (p->sessions - 1) * p->mdb + 1;
    p->start_day = rng_int(&g->rng, 0, g->ndays - need > 0 ? g->ndays - need : 0);
    p->ncohorts = 0;
    if (rng_chance(&g->rng, g->tight ? 0.5 : 0.35)) {
        int wanted = rng_chance(&g->rng, 0.15) ? 2 : 1;
        for (int tries = 0; tries < 6 && p->ncohorts < wanted; tries++) {
            int c = rng_int(&g->rng, 0, g->ncoh - 1);
            if (g->coh[c].site == p->site && g->coh[c].ncourses < COHORT_MAX_COURSES &&
                (p->ncohorts == 0 || p->cohorts[0] != c))
                p->cohorts[p->ncohorts++] = c;
        }
    }
    p->placed = 0;
    return 1;
}

static int is_free(const resource *r, int day, int slot, int k)
{
    uint64_t need = slot_range(slot, slot + k);
    return ((r->avail[day] & ~r->busy[day]) & need) == need;
}

static int already_chosen(const int *chosen, int n, int idx)
{
    for (int i = 0; i < n; i++)
        if (chosen[i] == idx)
            return 1;
    return 0;
}

/* Better candidate for rule kind: the course's teacher, else the smallest
 * fitting room, else the least used resource; index breaks ties. */
static int better(const gen *g, const plan *p, int kind, int a, int b)
{
    if (b < 0)
        return 1;
    const resource *ra = &g->res[a], *rb = &g->res[b];
    if (kind == K_PERSON && !g->tight && (a == p->teacher) != (b == p->teacher))
        return a == p->teacher;
    if (kind == K_ROOM && ra->capacity != rb->capacity)
        return ra->capacity < rb->capacity;
    if (ra->used_min != rb->used_min)
        return ra->used_min < rb->used_min;
    return a < b;
}

/* Pick the resources of one booking at (day, slot); 0 if some rule cannot be met. */
static int choose_resources(const gen *g, const plan *p, int day, int slot, int k, int *chosen, int *nchosen)
{
    const service *s = &g->svc[p->service];
    *nchosen = 0;
    for (int r = 0; r < s->nrules; r++) {
        for (int c = 0; c < s->rules[r].count; c++) {
            int best = -1;
            for (int i = 0; i < p->ncand[r]; i++) {
                int idx = p->cand[r][i];
                if (!already_chosen(chosen, *nchosen, idx) && is_free(&g->res[idx], day, slot, k) &&
                    better(g, p, s->rules[r].kind, idx, best))
                    best = idx;
            }
            if (best < 0)
                return 0;
            chosen[(*nchosen)++] = best;
        }
    }
    return 1;
}

/* Start slots of `day` where every rule has some free candidate and the
 * cohorts and the course's previous session allow a start. */
static uint64_t day_starts(const gen *g, const plan *p, int day, int k)
{
    const service *s = &g->svc[p->service];
    uint64_t starts = run_starts(slot_range(0, SLOTS), k);
    if (p->placed > 0 && day == p->last_day)
        starts &= ~slot_range(0, p->last_end_slot);
    for (int c = 0; c < p->ncohorts; c++)
        starts &= run_starts(~g->coh[p->cohorts[c]].busy[day] & slot_range(0, SLOTS), k);
    for (int r = 0; r < s->nrules && starts; r++) {
        uint64_t any = 0;
        for (int i = 0; i < p->ncand[r]; i++) {
            const resource *res = &g->res[p->cand[r][i]];
            any |= run_starts(res->avail[day] & ~res->busy[day], k);
        }
        starts &= any;
    }
    return starts;
}

static void book(gen *g, plan *p, int day, int slot, const int *chosen, int nchosen)
{
    const service *s = &g->svc[p->service];
    int k = slots_of(s->duration);
    uint64_t bits = slot_range(slot, slot + k);
    for (int i = 0; i < nchosen; i++) {
        g->res[chosen[i]].busy[day] |= bits;
        g->res[chosen[i]].used_min += s->duration;
    }
    for (int c = 0; c < p->ncohorts; c++)
        g->coh[p->cohorts[c]].busy[day] |= bits;
    GEN_GROW(g->bk, g->bk_cap, (size_t)g->nbk + 1);
    booking *b = &g->bk[g->nbk++];
    memset(b, 0, sizeof *b);
    b->course = g->ncrs;
    b->session = p->placed + 1;
    b->day = day;
    b->slot = slot;
    b->duration = s->duration;
    b->site = p->site;
    b->nres = nchosen;
    memcpy(b->res, chosen, sizeof *chosen * (size_t)nchosen);
    p->placed++;
    p->last_day = day;
    p->last_end_slot = slot + k;
}

/* Place the plan's next session: first day from its earliest one on that
 * has a start; in tight mode the earliest start (packs days), else a random one. */
static int place_next(gen *g, plan *p)
{
    const service *s = &g->svc[p->service];
    int k = slots_of(s->duration);
    int first = p->placed == 0 ? p->start_day : p->last_day + p->mdb;
    for (int day = first; day < g->ndays && day <= first + MAX_DELAY_DAYS; day++) {
        uint64_t starts = day_starts(g, p, day, k);
        const resource *t = &g->res[p->teacher];
        uint64_t with_teacher = starts & run_starts(t->avail[day] & ~t->busy[day], k);
        if (!g->tight && with_teacher)
            starts = with_teacher;   /* normal mode: keep the course's teacher when possible */
        int n = popcount64(starts);
        int skip = g->tight || n == 0 ? 0 : rng_int(&g->rng, 0, n - 1);
        /* Try starts in order beginning at the skip-th one, wrapping around. */
        for (int pass = 0; pass < 2; pass++) {
            uint64_t m = starts;
            for (int idx = 0; m; idx++, m &= m - 1) {
                if ((pass == 0) != (idx >= skip))
                    continue;
                int slot = __builtin_ctzll(m);
                int chosen[MAX_BOOKED], nchosen;
                if (choose_resources(g, p, day, slot, k, chosen, &nchosen)) {
                    book(g, p, day, slot, chosen, nchosen);
                    return 1;
                }
            }
        }
    }
    return 0;
}

static const char *draw_customer(gen *g)
{
    if (rng_chance(&g->rng, 0.7))
        return g->acc[rng_int(&g->rng, 0, g->size->accounts - 1)].id;
    return g->con[rng_int(&g->rng, 0, g->size->contacts - 1)].id;
}

/* Display name of an account or contact id (ids are the records' own
 * pointers, see draw_customer). */
static const char *customer_name(const gen *g, const char *id, char *buf, size_t n)
{
    for (int i = 0; i < g->size->accounts; i++)
        if (g->acc[i].id == id)
            return g->acc[i].name;
    for (int i = 0; i < g->size->contacts; i++)
        if (g->con[i].id == id) {
            snprintf(buf, n, "%s %s", g->con[i].first, g->con[i].last);
            return buf;
        }
    return id;
}

/* A contract of `customer` for a new course: reused, new, or none (-1). */
static int draw_contract(gen *g, const char *customer)
{
    if (rng_chance(&g->rng, NO_CONTRACT_SHARE))
        return -1;
    int n_own = 0;
    for (int i = 0; i < g->nctr; i++)
        n_own += g->ctr[i].customer == customer;
    if (n_own && rng_chance(&g->rng, CONTRACT_REUSE)) {
        int pick = rng_int(&g->rng, 0, n_own - 1);
        for (int i = 0; i < g->nctr; i++)
            if (g->ctr[i].customer == customer && pick-- == 0)
                return i;
    }
    GEN_GROW(g->ctr, g->ctr_cap, (size_t)g->nctr + 1);
    contract *c = &g->ctr[g->nctr];
    memset(c, 0, sizeof *c);
    snprintf(c->id, sizeof c->id, "ctr-%03d", g->nctr + 1);
    c->customer = customer;
    c->first_day = 1 << 30;
    c->last_day = -1;
    return g->nctr++;
}

/* Record the placed plan as a course and charge its contract. */
static void commit_course(gen *g, const plan *p)
{
    GEN_GROW(g->crs, g->crs_cap, (size_t)g->ncrs + 1);
    course *c = &g->crs[g->ncrs];
    memset(c, 0, sizeof *c);
    snprintf(c->id, sizeof c->id, "crs-%04d", g->ncrs + 1);
    c->service = p->service;
    c->site = p->site;
    c->participants = p->participants;
    c->sessions = p->placed;
    c->mdb = p->mdb;
    c->customer = draw_customer(g);
    c->ncohorts = p->ncohorts;
    for (int i = 0; i < p->ncohorts; i++) {
        c->cohorts[i] = p->cohorts[i];
        g->coh[p->cohorts[i]].ncourses++;
    }
    char name[80];
    snprintf(c->title, sizeof c->title, "%s for %s", g->svc[p->service].name,
             customer_name(g, c->customer, name, sizeof name));
    c->contract = draw_contract(g, c->customer);
    if (c->contract >= 0) {
        contract *k = &g->ctr[c->contract];
        for (int b = g->nbk - p->placed; b < g->nbk; b++) {
            k->used_min += g->bk[b].duration;
            if (g->bk[b].day < k->first_day)
                k->first_day = g->bk[b].day;
            if (g->bk[b].day > k->last_day)
                k->last_day = g->bk[b].day;
        }
    }
    g->ncrs++;
}

static void build_witness(gen *g)
{
    plan p;
    memset(&p, 0, sizeof p);
    for (int r = 0; r < MAX_RULES; r++)
        p.cand[r] = xcalloc((size_t)g->nres, sizeof *p.cand[r]);
    int target = g->size->sessions;
    int limit = target * 4;
    while (g->nbk < target && g->course_attempts < limit) {
        g->course_attempts++;
        if (!draw_plan(g, &p, target - g->nbk))
            continue;
        while (p.placed < p.sessions && place_next(g, &p))
            ;
        if (p.placed > 0)
            commit_course(g, &p);   /* a partly placed course keeps what it got */
    }
    for (int r = 0; r < MAX_RULES; r++)
        ordo__free(p.cand[r]);
}

/* ---- derived data: windows, contracts --------------------------------- */

static void derive_windows(gen *g)
{
    int slack = g->tight ? 2 : 14;
    for (int i = 0; i < g->ncrs; i++) {
        g->crs[i].earliest = 1 << 30;
        g->crs[i].latest = -1;
    }
    for (int b = 0; b < g->nbk; b++) {
        course *c = &g->crs[g->bk[b].course];
        if (g->bk[b].day < c->earliest)
            c->earliest = g->bk[b].day;
        if (g->bk[b].day > c->latest)
            c->latest = g->bk[b].day;
    }
    for (int i = 0; i < g->ncrs; i++) {
        course *c = &g->crs[i];
        c->earliest -= rng_int(&g->rng, 0, slack);
        c->latest += rng_int(&g->rng, 0, slack);
        if (c->earliest < 0)
            c->earliest = 0;
        if (c->latest > g->ndays - 1)
            c->latest = g->ndays - 1;
    }
}

static void derive_contracts(gen *g)
{
    for (int i = 0; i < g->nctr; i++) {
        contract *c = &g->ctr[i];
        int pad = g->tight ? 3 : 60;
        c->start_day = c->first_day - rng_int(&g->rng, 0, pad);
        c->end_day = c->last_day + rng_int(&g->rng, 0, pad);
        long bank = c->used_min;
        if (!g->tight)
            bank += (long)(c->used_min * (0.05 + 0.75 * rng_unit(&g->rng)));
        else if (!rng_chance(&g->rng, 0.4))
            bank += (long)(c->used_min * 0.05 * rng_unit(&g->rng));
        /* hours in hundredths, rounded up: floor(centi * 60 / 100) >= bank */
        c->centi_hours = (bank * 100 + 59) / 60;
    }
}

/* ---- output ----------------------------------------------------------- */

static void fmt_date(const gen *g, int day, char out[11]) { ordo_date_format(g->day0 + day, out); }

static void fmt_local(const gen *g, int day, int minute, char out[17])
{
    if (minute >= ORDO_MIN_PER_DAY) {
        day += minute / ORDO_MIN_PER_DAY;
        minute %= ORDO_MIN_PER_DAY;
    }
    ordo_datetime_format(g->day0 + day, minute, out);
}

static void join_skills(const resource *r, char *out, size_t n)
{
    out[0] = '\0';
    for (int i = 0; i < r->nskills; i++) {
        if (i)
            strncat(out, ";", n - strlen(out) - 1);
        strncat(out, r->skills[i], n - strlen(out) - 1);
    }
}

static void write_resources(const gen *g, const char *dir)
{
    FILE *f = csv_create(dir, "sites.csv", "id,name,timezone");
    for (int s = 0; s < g->nsites; s++)
        fprintf(f, "%s,%s,%s\n", SITES[s].id, SITES[s].name, SITES[s].tz);
    fclose(f);
    f = csv_create(dir, "resources.csv", "id,name,kind,site,capacity,skills,email");
    for (int i = 0; i < g->nres; i++) {
        const resource *r = &g->res[i];
        char cap[16] = "", skills[128];
        if (r->kind == K_ROOM)
            snprintf(cap, sizeof cap, "%d", r->capacity);
        join_skills(r, skills, sizeof skills);
        csv_field(f, r->id, 0);
        csv_field(f, r->name, 0);
        csv_field(f, KIND_NAMES[r->kind], 0);
        csv_field(f, SITES[r->site].id, 0);
        csv_field(f, cap, 0);
        csv_field(f, skills, 0);
        csv_field(f, r->email, 1);
    }
    fclose(f);
    f = csv_create(dir, "working_hours.csv", "resource,weekday,start,end");
    for (int i = 0; i < g->nres; i++)
        for (int k = 0; k < g->res[i].nwh; k++) {
            const wh_row *w = &g->res[i].wh[k];
            char a[6], b[6];
            ordo_time_format(w->start, a);
            ordo_time_format(w->end, b);
            fprintf(f, "%s,%s,%s,%s\n", g->res[i].id, ordo_weekday_names[w->weekday], a, b);
        }
    fclose(f);
    f = csv_create(dir, "time_off.csv", "resource,start,end,reason");
    for (int i = 0; i < g->nres; i++)
        for (int k = 0; k < g->res[i].noff; k++) {
            const time_off *t = &g->res[i].off[k];
            char a[17], b[17];
            fmt_local(g, t->day_from, t->min_from, a);
            fmt_local(g, t->day_to, t->min_to, b);
            fprintf(f, "%s,%s,%s,%s\n", g->res[i].id, a, b, t->reason);
        }
    fclose(f);
}

static void write_services(const gen *g, const char *dir)
{
    FILE *f = csv_create(dir, "services.csv", "id,name,duration_minutes");
    for (int i = 0; i < g->nsvc; i++)
        fprintf(f, "%s,%s,%d\n", g->svc[i].id, g->svc[i].name, g->svc[i].duration);
    fclose(f);
    f = csv_create(dir, "requirements.csv", "service,kind,count,skill,min_capacity");
    for (int i = 0; i < g->nsvc; i++)
        for (int k = 0; k < g->svc[i].nrules; k++) {
            const rule *r = &g->svc[i].rules[k];
            char cap[16] = "";
            if (r->min_cap == CAP_PARTICIPANTS)
                snprintf(cap, sizeof cap, "participants");
            else if (r->min_cap > 0)
                snprintf(cap, sizeof cap, "%d", r->min_cap);
            fprintf(f, "%s,%s,%d,%s,%s\n", g->svc[i].id, KIND_NAMES[r->kind], r->count, r->skill ? r->skill : "",
                    cap);
        }
    fclose(f);
}

static void write_crm(const gen *g, const char *dir)
{
    FILE *f = csv_create(dir, "accounts.csv", "id,name,relationship");
    for (int i = 0; i < g->size->accounts; i++)
        fprintf(f, "%s,%s,%s\n", g->acc[i].id, g->acc[i].name, g->acc[i].relationship);
    fclose(f);
    f = csv_create(dir, "contacts.csv", "id,first_name,last_name,email,account,relationship");
    for (int i = 0; i < g->size->contacts; i++) {
        const contact *c = &g->con[i];
        fprintf(f, "%s,%s,%s,%s,%s,%s\n", c->id, c->first, c->last, c->email, c->account >= 0 ? g->acc[c->account].id : "",
                c->relationship);
    }
    fclose(f);
    f = csv_create(dir, "contracts.csv", "id,customer,start,end,hours");
    for (int i = 0; i < g->nctr; i++) {
        const contract *c = &g->ctr[i];
        char a[11], b[11];
        fmt_date(g, c->start_day, a);
        fmt_date(g, c->end_day, b);
        fprintf(f, "%s,%s,%s,%s,%ld.%02ld\n", c->id, c->customer, a, b, c->centi_hours / 100, c->centi_hours % 100);
    }
    fclose(f);
}

static void write_courses(const gen *g, const char *dir)
{
    FILE *f = csv_create(dir, "courses.csv",
                         "id,title,service,customer,contract,sessions,participants,earliest,latest,min_days_between,cohort");
    for (int i = 0; i < g->ncrs; i++) {
        const course *c = &g->crs[i];
        char a[11], b[11], coh[40] = "";
        fmt_date(g, c->earliest, a);
        fmt_date(g, c->latest, b);
        for (int k = 0; k < c->ncohorts; k++) {
            if (k)
                strcat(coh, ";");
            strcat(coh, g->coh[c->cohorts[k]].id);
        }
        csv_field(f, c->id, 0);
        csv_field(f, c->title, 0);
        fprintf(f, "%s,%s,%s,%d,%d,%s,%s,%d,%s\n", g->svc[c->service].id, c->customer,
                c->contract >= 0 ? g->ctr[c->contract].id : "", c->sessions, c->participants, a, b, c->mdb, coh);
    }
    fclose(f);
}

static int booking_cmp(const void *pa, const void *pb, void *payload)
{
    const gen *g = payload;
    const booking *a = pa, *b = pb;
    if (a->utc != b->utc)
        return a->utc < b->utc ? -1 : 1;
    int c = strcmp(g->crs[a->course].id, g->crs[b->course].id);
    if (c)
        return c;
    return (a->session > b->session) - (a->session < b->session);
}

static void write_witness(gen *g, const char *dir)
{
    for (int s = 0; s < g->nsites; s++)   /* grouped by zone: tz.h switches zones slowly */
        for (int b = 0; b < g->nbk; b++)
            if (g->bk[b].site == s &&
                ordo_tz_to_utc(SITES[s].tz, g->day0 + g->bk[b].day, g->bk[b].slot * SLOT_MIN, &g->bk[b].utc) < 0)
                gen_die("time zone %s unknown to this system", SITES[s].tz);
    qsort_r(g->bk, (size_t)g->nbk, sizeof *g->bk, booking_cmp, g);
    FILE *f = csv_create(dir, "witness.csv", "course,session,start,end,site,resources");
    for (int i = 0; i < g->nbk; i++) {
        const booking *b = &g->bk[i];
        char a[17], e[17], res[MAX_BOOKED * 16] = "";
        fmt_local(g, b->day, b->slot * SLOT_MIN, a);
        fmt_local(g, b->day, b->slot * SLOT_MIN + b->duration, e);
        for (int k = 0; k < b->nres; k++) {
            if (k)
                strcat(res, ";");
            strcat(res, g->res[b->res[k]].id);
        }
        fprintf(f, "%s,%d,%s,%s,%s,%s\n", g->crs[b->course].id, b->session, a, e, SITES[b->site].id, res);
    }
    fclose(f);
}

/* ---- tightness -------------------------------------------------------- */

typedef struct tightness {
    double teacher_share, window_slack, bank_slack;
} tightness;

static tightness measure(const gen *g)
{
    tightness t = { teacher_share(g, NULL), 0, 0 };
    for (int i = 0; i < g->ncrs; i++) {
        const course *c = &g->crs[i];
        double window = c->latest - c->earliest + 1;
        double need = (c->sessions - 1) * c->mdb + 1;
        t.window_slack += (window - need) / window;
    }
    t.window_slack /= g->ncrs ? g->ncrs : 1;
    for (int i = 0; i < g->nctr; i++) {
        double bank = (double)(g->ctr[i].centi_hours * 60 / 100);
        t.bank_slack += (bank - g->ctr[i].used_min) / bank;
    }
    t.bank_slack /= g->nctr ? g->nctr : 1;
    return t;
}

/* ---- main ------------------------------------------------------------- */

static void free_gen(gen *g)
{
    for (int i = 0; i < g->nres; i++) {
        ordo__free(g->res[i].wh);
        ordo__free(g->res[i].off);
        ordo__free(g->res[i].avail);
        ordo__free(g->res[i].busy);
    }
    for (int i = 0; i < g->ncoh; i++)
        ordo__free(g->coh[i].busy);
    ordo__free(g->res);
    ordo__free(g->svc);
    ordo__free(g->acc);
    ordo__free(g->con);
    ordo__free(g->coh);
    ordo__free(g->ctr);
    ordo__free(g->crs);
    ordo__free(g->bk);
}

typedef struct options {
    const char *size, *out, *check, *from, *to, *bookings;
    long long seed;
    int tight, verify, partial;
} options;

static void usage(void)
{
    fputs("usage: gen_training --size S|M|L [--tight] --seed N --out DIR [--verify]\n"
          "       gen_training --check DIR --from YYYY-MM-DD --to YYYY-MM-DD [--bookings FILE] [--partial]\n"
          "  --verify  re-check the written witness against every hard rule\n"
          "  --check   check DIR/FILE (default witness.csv, e.g. ordo's bookings.csv copied into DIR);\n"
          "            --partial accepts sessions left out (counted, not a violation)\n",
          stderr);
    exit(2);
}

static options parse_args(int argc, char **argv)
{
    options o = { NULL, NULL, NULL, NULL, NULL, "witness.csv", -1, 0, 0, 0 };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
        const char **slot = strcmp(a, "--size") == 0       ? &o.size
                            : strcmp(a, "--out") == 0      ? &o.out
                            : strcmp(a, "--check") == 0    ? &o.check
                            : strcmp(a, "--from") == 0     ? &o.from
                            : strcmp(a, "--to") == 0       ? &o.to
                            : strcmp(a, "--bookings") == 0 ? &o.bookings
                                                           : NULL;
        if (slot && next) {
            *slot = next;
            i++;
        } else if (strcmp(a, "--seed") == 0 && next) {
            char *end;
            o.seed = strtoll(next, &end, 10);
            if (*end || end == next)
                usage();
            i++;
        } else if (strcmp(a, "--tight") == 0) {
            o.tight = 1;
        } else if (strcmp(a, "--verify") == 0) {
            o.verify = 1;
        } else if (strcmp(a, "--partial") == 0) {
            o.partial = 1;
        } else {
            usage();
        }
    }
    return o;
}

/* --check mode: verify some bookings file against an instance folder. */
static int check_only(const options *o)
{
    ordo_date a, b;
    if (!o->from || !o->to || ordo_date_parse(o->from, &a) < 0 || ordo_date_parse(o->to, &b) < 0)
        usage();
    return verify_witness(o->check, o->bookings, !o->partial, a, b, SLOT_MIN, stdout) == 0 ? 0 : 1;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Build the witness, derive the instance, write it. */
static void generate(gen *g, const options *o)
{
    g->tight = o->tight;
    g->nsites = g->size->sites;
    g->ndays = g->size->weeks * 7;
    g->day0 = ordo_date_from_ymd(2027, 1, 4);   /* a Monday */
    g->rng.state = (uint64_t)o->seed * 0x2545F4914F6CDD1DULL ^ ((uint64_t)g->size->name << 40) ^
                   (uint64_t)o->tight << 48;
    make_resources(g);
    make_services(g);
    make_working_hours(g);
    make_time_off_before(g);
    make_customers(g);
    make_cohorts(g);
    build_witness(g);
    tighten_hours(g);
    make_time_off_after(g);
    derive_windows(g);
    derive_contracts(g);
    write_resources(g, o->out);
    write_services(g, o->out);
    write_crm(g, o->out);
    write_courses(g, o->out);
    write_witness(g, o->out);
}

/* Print the summary; returns 1 if the instance misses its promises. */
static int report(const gen *g, const options *o, double seconds)
{
    tightness t = measure(g);
    char from[11], to[11];
    fmt_date(g, 0, from);
    fmt_date(g, g->ndays - 1, to);
    printf("instance: size %c%s seed %lld: %d sites, %d people, %d rooms, %d equipment, %d services, "
           "%d courses, %d/%d sessions, %d contracts\n",
           g->size->name, g->tight ? " tight" : "", o->seed, g->nsites, g->size->people, g->size->rooms,
           g->size->equipment, g->nsvc, g->ncrs, g->nbk, g->size->sessions, g->nctr);
    printf("window: --from %s --to %s\n", from, to);
    printf("tightness: teacher_hours_used %.3f window_slack %.3f hour_bank_slack %.3f\n", t.teacher_share,
           t.window_slack, t.bank_slack);
    printf("generated in %.3f s\n", seconds);
    int rc = 0;
    if (g->nbk < g->size->sessions) {
        fprintf(stderr, "gen_training: only %d of %d sessions placed\n", g->nbk, g->size->sessions);
        rc = 1;
    }
    if (g->tight && t.teacher_share < TIGHT_MIN_SHARE) {
        fprintf(stderr, "gen_training: tight instance uses only %.3f of the teachers' hours\n", t.teacher_share);
        rc = 1;
    }
    return rc;
}

int main(int argc, char **argv)
{
    options o = parse_args(argc, argv);
    if (o.check)
        return check_only(&o);
    if (!o.size || !o.out || o.seed < 0 || strlen(o.size) != 1)
        usage();
    gen g;
    memset(&g, 0, sizeof g);
    for (int i = 0; i < COUNT(SIZES); i++)
        if (SIZES[i].name == o.size[0])
            g.size = &SIZES[i];
    if (!g.size)
        usage();
    if (mkdir(o.out, 0777) != 0 && errno != EEXIST)
        gen_die("cannot create %s", o.out);
    double t0 = now_seconds();
    generate(&g, &o);
    int rc = report(&g, &o, now_seconds() - t0);
    if (o.verify && verify_witness(o.out, "witness.csv", 1, g.day0, g.day0 + g.ndays - 1, SLOT_MIN, stdout) != 0)
        rc = 1;
    fflush(stdout);
    free_gen(&g);
    return rc;
}
