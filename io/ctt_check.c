/*
 * ctt_check.c — re-implementation of the ITC-2007 track 3 validator's cost
 * breakdown (see ctt_check.h for the rules, README §5 for their source).
 *
 * Everything is computed from tt[c][p] (room index or -1), the validator's
 * own representation, so duplicate (course, period) entries can never count
 * twice. Matrices are dense: C x P, R x P, Q x P and C x C bytes, which the
 * reader bounds (P <= 100000). Matches expected.tsv on all 63 reference rows
 * (tests/io/test_ctt_check.c).
 */
#include "io/ctt_check.h"

#include <stdio.h>
#include <string.h>

static const char *const header =
    "instance\tsolution\tlectures_h\tconflicts_h\tavailability_h\troomoccupation_h"
    "\troomcapacity_s\tminworkingdays_s\tcurriculumcompactness_s\troomstability_s"
    "\tviolations\ttotal_cost\twarnings";

const char *ordo_ctt_check_header(void)
{
    return header;
}

int ordo_ctt_check_format_row(const ordo_ctt_check_result *r, const char *instance,
                              const char *solution, char *buf, size_t n)
{
    if (!r || !instance || !solution || !buf || n == 0 || strpbrk(instance, "\t\r\n") ||
        strpbrk(solution, "\t\r\n"))
        return ORDO_EINVAL;
    int len = snprintf(buf, n, "%s\t%s\t%lld\t%lld\t%lld\t%lld\t%lld\t%lld\t%lld\t%lld\t%lld\t%lld\t%lld",
                       instance, solution, r->lectures, r->conflicts, r->availability,
                       r->room_occupation, r->room_capacity, r->min_working_days,
                       r->curriculum_compactness, r->room_stability, r->violations, r->total_cost,
                       r->warnings);
    return len >= 0 && (size_t)len < n ? ORDO_OK : ORDO_EINVAL;
}

typedef struct grid {
    int C, R, Q, D, S, P;
    int *tt;                    /* C x P: room or -1 */
    unsigned char *conflict;    /* C x C */
    unsigned char *unavailable; /* C x P */
    int *room_use;              /* R x P: lectures */
    int *cur_use;               /* Q x P: lectures of the curriculum's courses */
    unsigned char *seen;        /* max(R, D) scratch */
} grid;

static void grid_free(grid *g)
{
    ordo__free(g->tt);
    ordo__free(g->conflict);
    ordo__free(g->unavailable);
    ordo__free(g->room_use);
    ordo__free(g->cur_use);
    ordo__free(g->seen);
}

static int grid_build(grid *g, const ordo_ctt_instance *in, const ordo_ctt_solution *sol,
                      long long *warnings, ordo_err *err)
{
    int rc = ORDO_OK;
    g->C = in->ncourses;
    g->R = in->nrooms;
    g->Q = in->ncurricula;
    g->D = in->days;
    g->S = in->periods_per_day;
    g->P = g->D * g->S;
    size_t cp = (size_t)g->C * (size_t)g->P;
    if (!(g->tt = ordo__malloc((cp + 1) * sizeof *g->tt)) ||
        !(g->conflict = ordo__calloc((size_t)g->C * (size_t)g->C + 1, 1)) ||
        !(g->unavailable = ordo__calloc(cp + 1, 1)) ||
        !(g->room_use = ordo__calloc((size_t)g->R * (size_t)g->P + 1, sizeof *g->room_use)) ||
        !(g->cur_use = ordo__calloc((size_t)g->Q * (size_t)g->P + 1, sizeof *g->cur_use)) ||
        !(g->seen = ordo__calloc((size_t)(g->R > g->D ? g->R : g->D) + 1, 1))) {
        rc = ordo__seterr(err, ORDO_ENOMEM, "ctt check: out of memory");
        goto done;
    }
    for (size_t i = 0; i < cp; i++)
        g->tt[i] = -1;
    *warnings = sol ? sol->warnings : 0;
    for (size_t i = 0; sol && i < sol->n; i++) {
        const ordo_ctt_assignment *a = &sol->v[i];
        if (a->course < 0 || a->course >= g->C || a->room < 0 || a->room >= g->R || a->day < 0 ||
            a->day >= g->D || a->period < 0 || a->period >= g->S) {
            rc = ordo__seterr(err, ORDO_EINVAL, "ctt check: lecture %zu: course %d room %d day %d "
                              "period %d is out of range for instance '%s'", i, a->course, a->room,
                              a->day, a->period, in->name);
            goto done;
        }
        int *cell = &g->tt[(size_t)a->course * (size_t)g->P + (size_t)(a->day * g->S + a->period)];
        if (*cell >= 0)
            ++*warnings;                       /* the validator keeps the first */
        else
            *cell = a->room;
    }
    for (int c1 = 0; c1 < g->C; c1++)
        for (int c2 = 0; c2 < g->C; c2++)
            if (c1 != c2 && in->courses[c1].teacher_index == in->courses[c2].teacher_index)
                g->conflict[(size_t)c1 * (size_t)g->C + (size_t)c2] = 1;
    for (int q = 0; q < g->Q; q++) {
        const ordo_ctt_curriculum *cu = &in->curricula[q];
        for (int i = 0; i < cu->ncourses; i++)
            for (int j = 0; j < cu->ncourses; j++)
                if (cu->courses[i] != cu->courses[j])
                    g->conflict[(size_t)cu->courses[i] * (size_t)g->C + (size_t)cu->courses[j]] = 1;
    }
    for (int i = 0; i < in->nunavailability; i++) {
        const ordo_ctt_unavailability *u = &in->unavailability[i];
        g->unavailable[(size_t)u->course * (size_t)g->P + (size_t)(u->day * g->S + u->period)] = 1;
    }
    for (int c = 0; c < g->C; c++) {
        for (int p = 0; p < g->P; p++) {
            int r = g->tt[(size_t)c * (size_t)g->P + (size_t)p];
            if (r >= 0)
                g->room_use[(size_t)r * (size_t)g->P + (size_t)p]++;
        }
    }
    for (int q = 0; q < g->Q; q++) {
        const ordo_ctt_curriculum *cu = &in->curricula[q];
        for (int i = 0; i < cu->ncourses; i++)
            for (int p = 0; p < g->P; p++)
                if (g->tt[(size_t)cu->courses[i] * (size_t)g->P + (size_t)p] >= 0)
                    g->cur_use[(size_t)q * (size_t)g->P + (size_t)p]++;
    }
done:
    return rc;
}

#define TT(g, c, p) ((g)->tt[(size_t)(c) * (size_t)(g)->P + (size_t)(p)])

static void hard_costs(ordo_ctt_check_result *r, const grid *g, const ordo_ctt_instance *in)
{
    for (int c = 0; c < g->C; c++) {
        long long placed = 0;
        for (int p = 0; p < g->P; p++) {
            if (TT(g, c, p) < 0)
                continue;
            placed++;
            r->availability += g->unavailable[(size_t)c * (size_t)g->P + (size_t)p];
        }
        long long want = in->courses[c].lectures;
        r->lectures += placed > want ? placed - want : want - placed;
    }
    for (size_t i = 0; i < (size_t)g->R * (size_t)g->P; i++)
        if (g->room_use[i] > 1)
            r->room_occupation += g->room_use[i] - 1;
    for (int c1 = 0; c1 < g->C; c1++)
        for (int c2 = c1 + 1; c2 < g->C; c2++)
            if (g->conflict[(size_t)c1 * (size_t)g->C + (size_t)c2])
                for (int p = 0; p < g->P; p++)
                    if (TT(g, c1, p) >= 0 && TT(g, c2, p) >= 0)
                        r->conflicts++;
    r->violations = r->lectures + r->room_occupation + r->conflicts + r->availability;
}

static void soft_costs(ordo_ctt_check_result *r, const grid *g, const ordo_ctt_instance *in)
{
    long long capacity = 0, days_short = 0, isolated = 0, extra_rooms = 0;
    for (int c = 0; c < g->C; c++) {
        const ordo_ctt_course *co = &in->courses[c];
        int days = 0, rooms = 0;
        memset(g->seen, 0, (size_t)(g->R > g->D ? g->R : g->D));
        for (int p = 0; p < g->P; p++) {
            int room = TT(g, c, p);
            if (room >= 0 && co->students > in->rooms[room].capacity)
                capacity += (long long)co->students - in->rooms[room].capacity;
            if (room >= 0 && !g->seen[room]) {
                g->seen[room] = 1;
                rooms++;
            }
        }
        extra_rooms += rooms > 1 ? rooms - 1 : 0;
        memset(g->seen, 0, (size_t)g->D);
        for (int p = 0; p < g->P; p++) {
            if (TT(g, c, p) >= 0 && !g->seen[p / g->S]) {
                g->seen[p / g->S] = 1;
                days++;
            }
        }
        days_short += co->min_working_days > days ? co->min_working_days - days : 0;
    }
    for (int q = 0; q < g->Q; q++) {
        const int *m = &g->cur_use[(size_t)q * (size_t)g->P];
        for (int p = 0; p < g->P; p++) {
            int slot = p % g->S;
            int before = slot > 0 ? m[p - 1] : 0;            /* never across days */
            int after = slot < g->S - 1 ? m[p + 1] : 0;
            if (m[p] > 0 && before == 0 && after == 0)
                isolated += m[p];
        }
    }
    r->room_capacity = ORDO_CTT_WEIGHT_ROOM_CAPACITY * capacity;
    r->min_working_days = ORDO_CTT_WEIGHT_MIN_WORKING_DAYS * days_short;
    r->curriculum_compactness = ORDO_CTT_WEIGHT_CURRICULUM_COMPACTNESS * isolated;
    r->room_stability = ORDO_CTT_WEIGHT_ROOM_STABILITY * extra_rooms;
    r->total_cost = r->room_capacity + r->min_working_days + r->curriculum_compactness +
                    r->room_stability;
}

int ordo_ctt_check(ordo_ctt_check_result *out, const ordo_ctt_instance *in,
                   const ordo_ctt_solution *sol, ordo_err *err)
{
    int rc = ORDO_OK;
    grid g;
    ordo_ctt_check_result r;
    memset(&g, 0, sizeof g);
    memset(&r, 0, sizeof r);
    if (!out || !in) {
        rc = ordo__seterr(err, ORDO_EINVAL, "ctt check: instance and result are required");
        goto done;
    }
    ORDO_TRY(grid_build(&g, in, sol, &r.warnings, err));
    hard_costs(&r, &g, in);
    soft_costs(&r, &g, in);
    *out = r;
done:
    grid_free(&g);
    return rc;
}
