/*
 * bench_find_times.c — latency of the service desk's find-times on a
 * scheduled instance (issue 5's benchmark).
 *
 *   bench_find_times DB [--queries N] [--count K] [--seed S]
 *   bench_find_times --dir DIR --from DATE --to DATE [--save DB] [...]
 *
 * DB is a store holding a scheduled plan (e.g. gen_training --size L, then
 * `ordo import` and `ordo schedule`); with --dir the generated folder is
 * imported and scheduled here first (ordo_solve, tens of seconds for L) and
 * optionally saved. Then N queries (default 1000) through the library API:
 * a random service, random participants 1..8, a window of 1 to 14 local
 * days starting on a random day of the plan's span, K = 5 proposals. One
 * desk is built after loading; its free-list cache fills lazily, so cold
 * queries are part of the figures. Prints one line per phase and the
 * latency distribution (median, p90, p99, max). Fixed seed: same queries.
 */
#include "solver/search.h"   /* sv_now */
#include "solver/state.h"    /* sv_rng_next (splitmix64) */
#include "io/import.h"
#include "io/store.h"
#include "model/tz.h"
#include "solver/find_times.h"
#include "solver/solve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_QUERIES 1000
#define DEFAULT_COUNT 5
#define MAX_WINDOW_DAYS 14
#define MAX_PARTICIPANTS 8

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int usage(void)
{
    fprintf(stderr, "usage: bench_find_times DB [--queries N] [--count K] [--seed S]\n"
                    "       bench_find_times --dir DIR --from DATE --to DATE [--save DB] [...]\n");
    return 2;
}

/* Import a generated folder and schedule it. */
static int build_model(ordo_model **out, const char *dir, ordo_date from, ordo_date to)
{
    ordo_err err = { 0 };
    ordo_solve_options o = ORDO_SOLVE_OPTIONS_INIT;
    ordo_solve_result res;
    double t0 = sv_now();
    if (ordo_model_new(out) < 0 || ordo_import_dir(*out, dir, NULL, NULL, &err) < 0) {
        fprintf(stderr, "bench_find_times: import %s: %s\n", dir, err.msg);
        return 1;
    }
    printf("import  %8.3f s\n", sv_now() - t0);
    o.from = from;
    o.to = to;
    o.now = 1767225600;
    t0 = sv_now();
    if (ordo_solve(*out, &o, &res) < 0) {
        fprintf(stderr, "bench_find_times: solve: %s\n", ordo_model_errmsg(*out));
        return 1;
    }
    printf("solve   %8.3f s  placed %d/%d\n", sv_now() - t0, res.placed, res.total);
    return 0;
}

int main(int argc, char **argv)
{
    const char *db = NULL, *dir = NULL, *save = NULL;
    ordo_date from = 0, to = 0;
    int queries = DEFAULT_QUERIES, count = DEFAULT_COUNT, code = 1;
    uint64_t seed = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--dir") == 0 && v) dir = argv[++i];
        else if (strcmp(a, "--save") == 0 && v) save = argv[++i];
        else if (strcmp(a, "--from") == 0 && v && ordo_date_parse(v, &from) == 0) i++;
        else if (strcmp(a, "--to") == 0 && v && ordo_date_parse(v, &to) == 0) i++;
        else if (strcmp(a, "--queries") == 0 && v && (queries = atoi(v)) > 0) i++;
        else if (strcmp(a, "--count") == 0 && v && (count = atoi(v)) > 0) i++;
        else if (strcmp(a, "--seed") == 0 && v) seed = strtoull(argv[++i], NULL, 10);
        else if (a[0] != '-' && !db) db = a;
        else return usage();
    }
    if (!db == !dir || (dir && (!from || !to)))
        return usage();

    ordo_model *m = NULL;
    ordo_store *s = NULL;
    ordo_desk *d = NULL;
    ordo_err err = { 0 };
    double *lat = calloc((size_t)queries, sizeof *lat);
    ordo_proposal *props = calloc((size_t)count, sizeof *props);
    double t0 = sv_now();
    if (!lat || !props)
        goto done;
    if (dir) {
        if (build_model(&m, dir, from, to))
            goto done;
        if (save) {
            if (ordo_store_open(&s, save, &err) < 0 || ordo_store_save(s, m) < 0) {
                fprintf(stderr, "bench_find_times: save %s: %s\n", save, s ? ordo_store_errmsg(s) : err.msg);
                goto done;
            }
            printf("saved   %s\n", save);
        }
    } else {
        if (ordo_store_open(&s, db, &err) < 0 || ordo_store_load(s, &m) < 0) {
            fprintf(stderr, "bench_find_times: %s: %s\n", db, s ? ordo_store_errmsg(s) : err.msg);
            goto done;
        }
        printf("load    %8.3f s\n", sv_now() - t0);
    }
    /* the plan's span, in UTC days */
    ordo_utc lo = INT64_MAX, hi = INT64_MIN;
    size_t placed = 0;
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *x = &m->sessions.v[i];
        if (x->status != ORDO_SESSION_PLANNED && x->status != ORDO_SESSION_DONE)
            continue;
        placed++;
        lo = x->start < lo ? x->start : lo;
        hi = x->end > hi ? x->end : hi;
    }
    if (!placed || !m->services.n) {
        fprintf(stderr, "bench_find_times: no placed session or no service\n");
        goto done;
    }
    ordo_date d0 = (ordo_date)(lo / ORDO_MIN_PER_DAY), d1 = (ordo_date)(hi / ORDO_MIN_PER_DAY);
    printf("model   %zu resources, %zu services, %zu placed sessions, span %d days\n", m->resources.n,
           m->services.n, placed, d1 - d0 + 1);
    t0 = sv_now();
    if (ordo_desk_new(&d, m, &err) < 0) {
        fprintf(stderr, "bench_find_times: %s\n", err.msg);
        goto done;
    }
    printf("desk    %8.3f ms\n", (sv_now() - t0) * 1e3);

    int none = 0, total_props = 0;
    char why[1024];
    for (int k = 0; k < queries; k++) {
        ordo_find_times_query q = ORDO_FIND_TIMES_QUERY_INIT;
        int days = 1 + (int)(sv_rng_next(&seed) % MAX_WINDOW_DAYS);
        ordo_date start = d0 + (ordo_date)(sv_rng_next(&seed) % (uint64_t)(d1 - d0 + 1));
        q.service = (int)(sv_rng_next(&seed) % m->services.n);
        q.participants = 1 + (int)(sv_rng_next(&seed) % MAX_PARTICIPANTS);
        q.after = (ordo_when){ 1, 0, start, 0 };
        q.before = (ordo_when){ 1, 0, start + days, 0 };
        int n = 0;
        double a = sv_now();
        if (ordo_desk_find_times(d, &q, props, count, &n, why, sizeof why) < 0) {
            fprintf(stderr, "bench_find_times: query %d: %s\n", k, why);
            goto done;
        }
        lat[k] = (sv_now() - a) * 1e3;
        none += n == 0;
        total_props += n;
    }
    double first = lat[0], sum = 0;
    for (int k = 0; k < queries; k++)
        sum += lat[k];
    qsort(lat, (size_t)queries, sizeof *lat, cmp_double);
    printf("queries %d (K = %d, windows 1-%d days): %d proposals, %d with none\n", queries, count,
           MAX_WINDOW_DAYS, total_props, none);
    printf("latency ms: median %.3f  p90 %.3f  p99 %.3f  max %.3f  mean %.3f  first %.3f\n",
           lat[queries / 2], lat[(int)(queries * 0.9)], lat[(int)(queries * 0.99)], lat[queries - 1],
           sum / queries, first);
    code = 0;
done:
    ordo_desk_free(d);
    ordo_model_free(m);
    ordo_store_close(s);
    free(lat);
    free(props);
    return code;
}
