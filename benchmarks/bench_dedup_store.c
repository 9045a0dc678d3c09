/*
 * bench_dedup_store.c — qualify's duplicate check through the SQLite store
 * (usage: bench_dedup_store [contacts] [store path] [--reuse] [--no-scan]; default
 * 1,000,000 contacts, one account per 10, in $TMPDIR or
 * /tmp/ordo-bench-dedup.db; --reuse keeps a store this program filled with
 * the same count, instead of filling it again; --no-scan leaves the
 * baseline out, e.g. to profile the indexed path alone).
 *
 * The store is filled in one transaction (a model of the accounts and
 * contacts saved whole), then 1,000 new leads are checked the way
 * ordo_app_lead_qualify checks them: ordo_store_contact_duplicates (the
 * normalised e-mail and four name-block indexes, io/store/sqlite/dedup_sql.h)
 * and ordo_store_account_duplicates for the company. Three of four leads
 * are a stored contact with a new e-mail and one typo (a letter of the
 * first name, the first letter of the first or of the last name, a letter
 * inside the last name), the fourth a stranger; every contact has a phone
 * ("01 ..." from its number) and every lead one too: a new one, except one
 * stranger in two, who calls from a stored contact's phone written in the
 * international form ("+33 1 ...": found by the phone key alone). Printed: p50/p99 latency,
 * how many typo leads found their contact, the query plan, and the plain
 * baseline in the same run: a full scan of the contacts table scoring every
 * row (ordo_store_contact_list), on 10 of the leads, with how often index
 * and scan agree on the best candidate.
 *
 * Names: 40 first names; last names of three syllables (5,832) drawn with a
 * skew (the most common one ~1.3% of the contacts, like "Smith").
 */
#include "io/sales.h"
#include "io/service.h"
#include "io/store.h"
#include "model/dedup.h"
#include "solver/search.h"
#include "solver/state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const firsts[] = {
    "james", "mary", "john", "patricia", "robert", "jennifer", "michael", "linda", "william", "elizabeth",
    "david", "barbara", "richard", "susan", "joseph", "jessica", "thomas", "sarah", "charles", "karen",
    "ana", "carla", "dmitri", "eva", "farid", "gina", "hugo", "ines", "karim", "lea",
    "marc", "nora", "omar", "paula", "quentin", "rosa", "katherine", "stephen", "catherine", "jon" };
#define NFIRST (sizeof firsts / sizeof *firsts)
static const char *const syll[] = { "ber", "lo", "mar", "tin", "son", "dez", "ka", "vi", "ro", "gu", "el",
                                    "fa", "ni", "pe", "zu", "chi", "dal", "mon" };
#define NSYLL (sizeof syll / sizeof *syll)
#define NQ 1000
#define NSCAN 10

static double unit(uint64_t *rng) { return (double)(sv_rng_next(rng) >> 11) / 9007199254740992.0; }

/* Person i of the store: its first and last name, account k = i % accounts. */
static void person(uint64_t *rng, char *first, char *last)
{
    snprintf(first, 32, "%s", firsts[sv_rng_next(rng) % NFIRST]);
    double u = unit(rng);
    unsigned k = (unsigned)(u * u * (double)(NSYLL * NSYLL * NSYLL));
    snprintf(last, 32, "%s%s%s", syll[k % NSYLL], syll[k / NSYLL % NSYLL], syll[k / NSYLL / NSYLL % NSYLL]);
    first[0] = (char)(first[0] - 'a' + 'A');
    last[0] = (char)(last[0] - 'a' + 'A');
}

static void company(long k, char *out) { snprintf(out, 48, "%s%s %s Ltd", syll[k % NSYLL], syll[k / NSYLL % NSYLL],
                                                  syll[k / NSYLL / NSYLL % NSYLL]); }

static char *copy(const char *v)
{
    size_t k = strlen(v) + 1;
    char *c = malloc(k);
    return c ? memcpy(c, v, k) : NULL;
}

/* Contact i's phone, national form; intl: the same number as "+33 1 ...". */
static void phone_of(long i, int intl, char *out, size_t n)
{
    long d = i % 100000000;
    snprintf(out, n, intl ? "+33 1 %02ld %02ld %02ld %02ld" : "01 %02ld %02ld %02ld %02ld", d / 1000000,
             d / 10000 % 100, d / 100 % 100, d % 100);
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct best { char id[32]; double score; int has_target; const char *target; int n; } best;

static int keep_best(const char *id, const ordo_dedup_candidate *c, void *payload)
{
    best *b = payload;
    b->n++;
    if (c->score > b->score) {
        b->score = c->score;
        snprintf(b->id, sizeof b->id, "%s", id);
    }
    if (b->target && strcmp(id, b->target) == 0)
        b->has_target = 1;
    return 0;
}

/* The scan baseline: every contact scored against q. */
typedef struct scan_ctx { ordo_dedup_key q; char **account_names; long naccounts; best b; } scan_ctx;

static int scan_one(const ordo_contact *c, void *payload)
{
    scan_ctx *x = payload;
    long k = c->account ? strtol(c->account + 1, NULL, 10) : -1;
    ordo_dedup_person p = { c->first_name, c->last_name, k >= 0 && k < x->naccounts ? x->account_names[k] : NULL,
                            c->email, c->phone };
    ordo_dedup_key key;
    ordo_dedup_key_make(&key, &p, "33");
    double s = ordo_dedup_score(&x->q, &key, ORDO_DEDUP_THRESHOLD, NULL);
    if (s >= ORDO_DEDUP_THRESHOLD && s > x->b.score) {
        x->b.score = s;
        snprintf(x->b.id, sizeof x->b.id, "%s", c->id);
    }
    return 0;
}

/* One typo in the copy of a name: kind 0 a letter of the first name, 1 the
 * first letter of the first name, 2 the first letter of the last name, 3 a
 * letter inside the last name. */
static void typo(char *first, char *last, int kind, uint64_t *rng)
{
    char *w = kind < 2 ? first : last;
    size_t n = strlen(w);
    size_t at = kind == 1 || kind == 2 ? 0 : 1 + (size_t)(sv_rng_next(rng) % (n > 2 ? n - 2 : 1));
    char c = (char)('a' + sv_rng_next(rng) % 26);
    if (at == 0)
        c = (char)(c - 'a' + 'A');
    if (w[at] == c)
        c = at == 0 ? 'Q' : 'q';
    w[at] = c;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    char path[1024];
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s", argc > 2 ? argv[2] : "");
    if (!*path)
        snprintf(path, sizeof path, "%s/ordo-bench-dedup.db", tmp && *tmp ? tmp : "/tmp");
    long na = n / 10 > 0 ? n / 10 : 1;
    int reuse = 0, no_scan = 0;
    for (int i = 3; i < argc; i++) {
        reuse |= strcmp(argv[i], "--reuse") == 0;
        no_scan |= strcmp(argv[i], "--no-scan") == 0;
    }
    for (int i = 0; i < 3 && !reuse; i++) {
        char p[1100];
        snprintf(p, sizeof p, "%s%s", path, i == 0 ? "" : i == 1 ? "-wal" : "-shm");
        remove(p);
    }
    uint64_t rng = 42;
    char **first = calloc((size_t)n, sizeof *first), **last = calloc((size_t)n, sizeof *last);
    char **acc = calloc((size_t)na, sizeof *acc);
    ordo_model *m = NULL;
    ordo_store *s = NULL;
    ordo_err err = { 0 };
    int rc = 1;
    if (!first || !last || !acc || ordo_model_new(&m) != ORDO_OK)
        return 1;

    /* ---- fill: a model of accounts and contacts, saved in one transaction ---- */
    double t0 = sv_now();
    for (long k = 0; k < na; k++) {
        char id[32], name[48];
        snprintf(id, sizeof id, "a%ld", k);
        company(k, name);
        acc[k] = copy(name);
        ordo_account a = { 0 };
        a.id = id;
        a.name = name;
        if (!acc[k] || ordo_model_put_account(m, &a, NULL) != ORDO_OK)
            goto done;
    }
    for (long i = 0; i < n; i++) {
        char id[32], f[32], l[32], email[96], aid[32], phone[32];
        person(&rng, f, l);
        phone_of(i, 0, phone, sizeof phone);
        snprintf(id, sizeof id, "c%ld", i);
        snprintf(email, sizeof email, "%s.%s.%ld@example.com", f, l, i);
        snprintf(aid, sizeof aid, "a%ld", i % na);
        first[i] = copy(f);
        last[i] = copy(l);
        ordo_contact c = { 0 };
        c.id = id;
        c.first_name = f;
        c.last_name = l;
        c.email = email;
        c.account = aid;
        c.phone = phone;
        if (!first[i] || !last[i] || ordo_model_put_contact(m, &c, NULL) != ORDO_OK)
            goto done;
    }
    double t1 = sv_now();
    if (ordo_store_open(&s, path, &err) != ORDO_OK || (!reuse && ordo_store_save(s, m) != ORDO_OK)) {
        fprintf(stderr, "bench_dedup_store: %s\n", s ? ordo_store_errmsg(s) : err.msg);
        goto done;
    }
    printf("fill: %ld contacts, %ld accounts: model %.1f s, %s %.1f s\n", n, na, t1 - t0,
           reuse ? "store reused" : "saved in one transaction (with the indexes)", sv_now() - t1);
    ordo_model_free(m);
    m = NULL;

    char plan[4096];
    if (ordo_store_dedup_plan(s, plan, sizeof plan) == ORDO_OK)
        printf("plan (no SCAN: %s):\n%s", strstr(plan, "SCAN") ? "NO" : "yes", plan);

    /* ---- 1,000 new leads through the indexes; 10 of them also by a full scan ---- */
    static double lat[NQ], scan_ms[NSCAN];
    int typos = 0, above = 0, found_target = 0, found_any_stranger = 0, agree = 0, scanned = 0;
    int by_phone = 0, found_phone = 0;
    long cands = 0;
    int per_kind[4] = { 0 }, found_kind[4] = { 0 };
    for (int q = 0; q < NQ; q++) {
        char f[32], l[32], co[48], email[96], target[32] = "", phone[32];
        long t = (long)(sv_rng_next(&rng) % (uint64_t)n);
        int kind = q % 4 == 3 ? -1 : (int)(sv_rng_next(&rng) % 4);
        if (kind < 0) {
            person(&rng, f, l);
            snprintf(co, sizeof co, "New %d Corp", q);
        } else {
            snprintf(f, sizeof f, "%s", first[t]);
            snprintf(l, sizeof l, "%s", last[t]);
            typo(f, l, kind, &rng);
            snprintf(co, sizeof co, "%s", acc[t % na]);
            snprintf(target, sizeof target, "c%ld", t);
        }
        snprintf(email, sizeof email, "lead%d@example.org", q);
        int phone_lead = kind < 0 && q % 8 == 7;
        if (phone_lead) {                 /* a stored contact's phone, another name and company */
            phone_of(t, 1, phone, sizeof phone);
            snprintf(target, sizeof target, "c%ld", t);
        } else {
            snprintf(phone, sizeof phone, "07 %02d %02d 00 00", q / 100, q % 100);   /* nobody's */
        }
        ordo_dedup_person p = { f, l, co, email, phone };
        best b = { "", 0, 0, *target ? target : NULL, 0 };
        best ab = { "", 0, 0, NULL, 0 };
        double a = sv_now();
        if (ordo_store_contact_duplicates(s, &p, ORDO_DEDUP_THRESHOLD, keep_best, &b) != ORDO_OK ||
            ordo_store_account_duplicates(s, co, ORDO_DEDUP_THRESHOLD, keep_best, &ab) != ORDO_OK) {
            fprintf(stderr, "bench_dedup_store: %s\n", ordo_store_errmsg(s));
            goto done;
        }
        lat[q] = (sv_now() - a) * 1000.0;
        cands += b.n;
        if (kind >= 0) {
            /* does the target score >= the threshold at all? (else no index could find it) */
            ordo_dedup_person tp = { first[t], last[t], acc[t % na], NULL, NULL };
            ordo_dedup_key qk, tk;
            ordo_dedup_key_make(&qk, &p, "33");
            ordo_dedup_key_make(&tk, &tp, "33");
            int eligible = ordo_dedup_score(&qk, &tk, ORDO_DEDUP_THRESHOLD, NULL) >= ORDO_DEDUP_THRESHOLD;
            typos++;
            per_kind[kind] += eligible;
            found_target += b.has_target;
            found_kind[kind] += b.has_target;
            above += eligible;
        } else if (phone_lead) {
            by_phone++;
            found_phone += b.has_target;
        } else {
            found_any_stranger += b.n > 0;
        }
        if (!no_scan && q % (NQ / NSCAN) == 1 && scanned < NSCAN) {      /* the baseline */
            scan_ctx x;
            memset(&x, 0, sizeof x);
            x.account_names = acc;
            x.naccounts = na;
            ordo_dedup_key_make(&x.q, &p, "33");
            double sa = sv_now();
            if (ordo_store_contact_list(s, scan_one, &x) != ORDO_OK) {
                fprintf(stderr, "bench_dedup_store: %s\n", ordo_store_errmsg(s));
                goto done;
            }
            scan_ms[scanned++] = (sv_now() - sa) * 1000.0;
            agree += (x.b.score < ORDO_DEDUP_THRESHOLD && b.score < ORDO_DEDUP_THRESHOLD) ||
                     (x.b.score - b.score < 1e-9 && b.score - x.b.score < 1e-9);
        }
    }
    qsort(lat, NQ, sizeof *lat, cmp_d);
    qsort(scan_ms, (size_t)scanned, sizeof *scan_ms, cmp_d);
    printf("indexes: p50 %.3f ms  p99 %.3f ms  max %.3f ms  (%d leads, %.1f candidates each on average)\n",
           lat[NQ / 2], lat[NQ * 99 / 100], lat[NQ - 1], NQ, (double)cands / NQ);
    printf("typo leads: %d, of which %d still score >= %.2f against their contact; found: %d/%d (a letter of the "
           "first name %d/%d, its initial %d/%d, the last name's initial %d/%d, inside the last name %d/%d); "
           "strangers with a candidate: %d/%d\n",
           typos, above, ORDO_DEDUP_THRESHOLD, found_target, above, found_kind[0], per_kind[0], found_kind[1], per_kind[1], found_kind[2], per_kind[2],
           found_kind[3], per_kind[3], found_any_stranger, NQ - typos - by_phone);
    printf("phone leads (a stranger's name, a stored contact's phone written +33 1 ...): found %d/%d\n", found_phone,
           by_phone);
    if (scanned)
        printf("full scan (baseline): p50 %.0f ms  max %.0f ms  (%d leads); same best score as the indexes: %d/%d\n",
           scan_ms[scanned / 2], scan_ms[scanned - 1], scanned, agree, scanned);
    rc = 0;
done:
    ordo_store_close(s);
    ordo_model_free(m);
    for (long i = 0; i < n; i++) {
        free(first[i]);
        free(last[i]);
    }
    for (long k = 0; k < na; k++)
        free(acc[k]);
    free(first);
    free(last);
    free(acc);
    return rc;
}
