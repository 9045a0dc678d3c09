/*
 * bench_resolve.c — resolving cases against contract lines, one resolve per
 * transaction as a user would run them (issue 4's benchmark), next to a
 * baseline measured in the same run on the same connection and settings:
 * the same number of single-row inserts, each in its own
 * BEGIN IMMEDIATE ... COMMIT (ordo_store_bench_insert_baseline).
 *
 *   bench_resolve [--cases N] [--lines L] [--activities A] [--seed S] [--db FILE]
 *
 * Defaults: 100,000 cases, 1,000 contract lines (one active contract each,
 * 10,000 minutes), 3 activities of 1..30 minutes per case, spread over the
 * lines at random (fixed seed). Setup goes through the service API in
 * batches of SETUP_BATCH per transaction; the cases are then resolved in a
 * shuffled order with ordo_store_case_resolve(). The two timed phases are
 * interleaved in ROUNDS rounds (a slice of baseline inserts, then a slice
 * of resolves) so that both meet the same disk: an fsync's cost drifts a
 * lot on a shared machine. Prints one line per phase,
 * the store's durability settings, both rates and their ratio (target: the
 * resolve rate at least 20% of the baseline's), then verifies the ledger
 * (ordo_store_bank_check) and that the lines' used total equals the
 * activities' total. The file (default $TMPDIR/bench_resolve.db) is
 * recreated on each run.
 */
#include "solver/search.h"   /* sv_now */
#include "solver/state.h"    /* sv_rng_next (splitmix64) */
#include "io/service.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_CASES 100000
#define DEFAULT_LINES 1000
#define DEFAULT_ACTIVITIES 3
#define LINE_MINUTES 10000
#define MAX_ACTIVITY_MINUTES 30
#define SETUP_BATCH 5000
#define TARGET_RATIO 0.20
#define ROUNDS 10

static int usage(void)
{
    fprintf(stderr, "usage: bench_resolve [--cases N] [--lines L] [--activities A] [--seed S] [--db FILE]\n");
    return 2;
}

static int fail(ordo_store *s, const char *what, int rc)
{
    fprintf(stderr, "bench_resolve: %s: %s\n", what, s ? ordo_store_errmsg(s) : ordo_strerror(rc));
    return 1;
}

static void remove_db(const char *path)
{
    char extra[4200];
    remove(path);
    snprintf(extra, sizeof extra, "%s-wal", path);
    remove(extra);
    snprintf(extra, sizeof extra, "%s-shm", path);
    remove(extra);
}

/* One account and one active contract per line: k<i> for customer a<i>. */
static int setup_contracts(ordo_store *s, long nlines, int64_t *lines)
{
    int rc = ORDO_OK;
    ordo_model *m = NULL;
    char id[32], kid[32];
    if ((rc = ordo_model_new(&m)) < 0)
        return fail(NULL, "model", rc);
    for (long i = 0; rc == ORDO_OK && i < nlines; i++) {
        snprintf(id, sizeof id, "a%ld", i);
        snprintf(kid, sizeof kid, "k%ld", i);
        ordo_account a = { .id = id, .name = id, .relationship = ORDO_REL_CLIENT };
        ordo_contract k = { kid, id, ordo_date_from_ymd(2026, 1, 1), ordo_date_from_ymd(2026, 12, 31),
                            LINE_MINUTES, 0, ORDO_CONTRACT_ACTIVE };
        if ((rc = ordo_model_put_account(m, &a, NULL)) == ORDO_OK)
            rc = ordo_model_put_contract(m, &k, NULL);
    }
    if (rc == ORDO_OK && (rc = ordo_store_save(s, m)) < 0)
        rc = fail(s, "saving the contracts", rc);
    for (long i = 0; rc == ORDO_OK && i < nlines; i++) {
        snprintf(kid, sizeof kid, "k%ld", i);
        if ((rc = ordo_store_line_primary(s, kid, &lines[i])) < 0 || !lines[i])
            rc = fail(s, "finding a line", rc);
    }
    ordo_model_free(m);
    return rc ? 1 : 0;
}

/* Cases with their activities, SETUP_BATCH per transaction; returns the
 * activities' minutes total in *out_minutes. */
static int setup_cases(ordo_store *s, long ncases, long nlines, int nact, const int64_t *lines, int64_t *ids,
                       uint64_t *seed, int64_t *out_minutes)
{
    int rc = ORDO_OK, began = 0;
    char customer[32];
    *out_minutes = 0;
    for (long i = 0; rc == ORDO_OK && i < ncases; i++) {
        if (!began && (rc = ordo_store_begin(s)) == ORDO_OK)
            began = 1;
        long l = (long)(sv_rng_next(seed) % (uint64_t)nlines);
        snprintf(customer, sizeof customer, "a%ld", l);
        ordo_case c = { 0 };
        c.customer = customer;
        c.line = lines[l];
        c.title = "benchmark case";
        c.priority = ORDO_PRIORITY_NORMAL;
        c.origin = ORDO_ORIGIN_EMAIL;
        c.opened = ordo_date_from_ymd(2026, 1, 1) + (ordo_date)(sv_rng_next(seed) % 365);
        if (rc == ORDO_OK)
            rc = ordo_store_case_add(s, &c);
        ids[i] = c.id;
        for (int k = 0; rc == ORDO_OK && k < nact; k++) {
            ordo_activity a = { 0, c.id, (ordo_activity_kind)(k % ORDO_ACTIVITY_KIND_COUNT),
                                1 + (int64_t)(sv_rng_next(seed) % MAX_ACTIVITY_MINUTES), NULL, 0 };
            *out_minutes += a.minutes;
            rc = ordo_store_activity_add(s, &a);
        }
        if (rc == ORDO_OK && ((i + 1) % SETUP_BATCH == 0 || i + 1 == ncases)) {
            began = 0;
            rc = ordo_store_commit(s);
        }
    }
    if (began)
        ordo_store_rollback(s);
    return rc < 0 ? fail(s, "adding the cases", rc) : 0;
}

static int add_used(const ordo_contract_line *l, void *payload)
{
    *(int64_t *)payload += l->balance.used;
    return ORDO_OK;
}

int main(int argc, char **argv)
{
    long ncases = DEFAULT_CASES, nlines = DEFAULT_LINES, nact = DEFAULT_ACTIVITIES;
    uint64_t seed = 1;
    char path[4096], settings[512];
    const char *tmpdir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/bench_resolve.db", tmpdir && *tmpdir ? tmpdir : "/tmp");
    for (int i = 1; i < argc; i++) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v)
            return usage();
        if (strcmp(argv[i], "--cases") == 0)
            ncases = atol(v);
        else if (strcmp(argv[i], "--lines") == 0)
            nlines = atol(v);
        else if (strcmp(argv[i], "--activities") == 0)
            nact = atol(v);
        else if (strcmp(argv[i], "--seed") == 0)
            seed = strtoull(v, NULL, 10);
        else if (strcmp(argv[i], "--db") == 0)
            snprintf(path, sizeof path, "%s", v);
        else
            return usage();
        i++;
    }
    if (ncases < 1 || nlines < 1 || nact < 0 || nact > 100)
        return usage();

    int code = 1, rc, problems = -1;
    ordo_store *s = NULL;
    ordo_err err = { 0 };
    int64_t *lines = calloc((size_t)nlines, sizeof *lines), *ids = calloc((size_t)ncases, sizeof *ids);
    int64_t minutes = 0, used = 0;
    double t0, t_setup, t_base = 0, t_resolve;
    if (!lines || !ids)
        goto done;
    remove_db(path);
    if ((rc = ordo_store_open(&s, path, &err)) < 0) {
        fprintf(stderr, "bench_resolve: %s\n", err.msg);
        goto done;
    }
    t0 = sv_now();
    if (setup_contracts(s, nlines, lines) || setup_cases(s, ncases, nlines, (int)nact, lines, ids, &seed, &minutes))
        goto done;
    t_setup = sv_now() - t0;
    printf("setup     %8.2f s  %ld lines, %ld cases, %ld activities each (%lld minutes)\n", t_setup, nlines,
           ncases, nact, (long long)minutes);
    if ((rc = ordo_store_settings(s, settings, sizeof settings)) < 0) {
        fail(s, "reading the settings", rc);
        goto done;
    }
    printf("settings  %s\n", settings);

    for (long i = ncases - 1; i > 0; i--) {        /* a user's order, not the insertion order */
        long j = (long)(sv_rng_next(&seed) % (uint64_t)(i + 1));
        int64_t x = ids[i];
        ids[i] = ids[j];
        ids[j] = x;
    }
    int64_t now = (int64_t)time(NULL);
    t_resolve = 0;
    for (long round = 0, done = 0; round < ROUNDS; round++) {
        long upto = ncases * (round + 1) / ROUNDS;
        double t_slice = 0;
        if ((rc = ordo_store_bench_insert_baseline(s, upto - done, &t_slice)) < 0) {
            fail(s, "baseline", rc);
            goto done;
        }
        t_base += t_slice;
        t0 = sv_now();
        for (long i = done; i < upto; i++)
            if ((rc = ordo_store_case_resolve(s, ids[i], -1, 0, now, NULL)) < 0) {
                fail(s, "resolving", rc);
                goto done;
            }
        t_resolve += sv_now() - t0;
        done = upto;
    }
    printf("baseline  %8.2f s  %ld single-row inserts, one BEGIN IMMEDIATE/COMMIT each: %.0f /s\n", t_base,
           ncases, (double)ncases / t_base);
    double rate = (double)ncases / t_resolve, base = (double)ncases / t_base;
    printf("resolve   %8.2f s  %ld resolves, one transaction each: %.0f cases/s\n", t_resolve, ncases, rate);
    printf("ratio     %.1f%% of the baseline (target >= %.0f%%): %s\n", 100.0 * rate / base, 100.0 * TARGET_RATIO,
           rate >= TARGET_RATIO * base ? "met" : "NOT met");

    t0 = sv_now();
    if ((rc = ordo_store_bank_check(s, NULL, NULL, &problems)) < 0 ||
        (rc = ordo_store_line_list(s, NULL, add_used, &used)) < 0) {
        fail(s, "checking", rc);
        goto done;
    }
    printf("check     %8.2f s  %d problems; used %lld of %lld activity minutes\n", sv_now() - t0, problems,
           (long long)used, (long long)minutes);
    code = problems == 0 && used == minutes ? 0 : 1;
done:
    ordo_store_close(s);
    free(lines);
    free(ids);
    return code;
}
