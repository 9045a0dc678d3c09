/*
 * test_service_concurrency.c — real parallel processes (fork) resolving
 * cases against the same contract line at the same time: every process
 * tries every case, in its own order; each case must be resolved exactly
 * once, no deduction lost or doubled, the bank never overdrawn when the
 * cases ask for more than it holds, and the ledger check clean afterwards.
 */
#include "service_fixture.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROCESSES 4
#define CASES 250                 /* 3 minutes each: 750 asked of a 600-minute bank */

typedef struct tally {
    int ok, refused, other;
} tally;

/* A child: open its own connection, resolve every case in a shuffled order. */
static void child(const char *path, const int64_t *ids, int n, unsigned seed, int fd)
{
    tally t = { 0, 0, 0 };
    ordo_store *s = NULL;
    ordo_err err = { 0 };
    int64_t *order = malloc((size_t)n * sizeof *order);
    if (order && ordo_store_open(&s, path, &err) == ORDO_OK) {
        memcpy(order, ids, (size_t)n * sizeof *order);
        srand(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rand() % (i + 1);
            int64_t x = order[i];
            order[i] = order[j];
            order[j] = x;
        }
        for (int i = 0; i < n; i++) {
            int rc = ordo_store_case_resolve(s, order[i], -1, 0, 1, NULL);
            if (rc == ORDO_OK)
                t.ok++;
            else if (rc == ORDO_ERULE)
                t.refused++;
            else {
                t.other++;
                fprintf(stderr, "child %u: %s\n", seed, ordo_store_errmsg(s));
            }
        }
    } else {
        t.other = n;
    }
    ordo_store_close(s);
    free(order);
    if (write(fd, &t, sizeof t) != (ssize_t)sizeof t)
        _exit(2);
    _exit(0);
}

static void test_service_concurrency__parallel_resolves(void)
{
    int64_t ids[CASES];
    const int64_t mins[] = { 1, 1, 1 };
    ordo_store *s = fixture_open("parallel", NULL);
    if (!s)
        return;
    char path[sizeof fixture_path];
    memcpy(path, fixture_path, sizeof path);
    int64_t line = fixture_primary(s, "k1");
    for (int i = 0; i < CASES; i++)
        ids[i] = fixture_case(s, "acme", line, mins, 3);
    ordo_store_close(s);               /* no connection crosses a fork */

    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    pid_t pids[PROCESSES];
    for (int p = 0; p < PROCESSES; p++) {
        pids[p] = fork();
        if (pids[p] == 0) {
            close(fds[0]);
            child(path, ids, CASES, 1000u + (unsigned)p, fds[1]);
        }
        CHECK(pids[p] > 0);
    }
    close(fds[1]);
    tally sum = { 0, 0, 0 }, t;
    for (int p = 0; p < PROCESSES; p++) {
        int status = -1;
        CHECK_EQ(read(fds[0], &t, sizeof t), (long long)sizeof t);
        sum.ok += t.ok;
        sum.refused += t.refused;
        sum.other += t.other;
        if (pids[p] > 0)
            waitpid(pids[p], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    close(fds[0]);
    /* 600 minutes hold 200 cases of 3: exactly those, whoever won them */
    CHECK_EQ(sum.ok, 200);
    CHECK_EQ(sum.refused, PROCESSES * CASES - 200);
    CHECK_EQ(sum.other, 0);

    ordo_err err = { 0 };
    CHECK_EQ(ordo_store_open(&s, path, &err), ORDO_OK);
    if (!s)
        return;
    ordo_balance b = fixture_balance(s, line);
    CHECK_EQ(b.used, 600);
    CHECK_EQ(b.overdraft, 0);
    CHECK_EQ(fixture_ledger_size(s), 200);
    CHECK_EQ(fixture_problems(s), 0);
    ordo_customer_summary sum360;
    CHECK_EQ(ordo_store_customer_summary(s, "acme", &sum360), ORDO_OK);
    CHECK_EQ(sum360.resolved_cases, 200);
    CHECK_EQ(sum360.open_cases, CASES - 200);
    ordo_store_close(s);
}

int main(void)
{
    RUN(test_service_concurrency__parallel_resolves);
    return CHECK_DONE();
}
