/*
 * test_queue_race.c — 8 agents picking from one queue through the
 * application layer (ordo_app_queue_pick, app/queue.c), each with its own
 * handle on the same store file: first as 8 PROCESSES (fork), then as 8
 * THREADS of one process sharing one ordo_app_reads (what `ordo serve`
 * does). Each agent picks the oldest waiting item until the queue is
 * empty. Every item must be picked exactly once (0 picked twice, 0 never),
 * no call may fail, and the store must agree with what each agent was told
 * (an intruder picking a sampled item is refused naming the agent that got
 * it). Prints picks per second, and those of one agent alone (the
 * baseline); ORDO_RACE_ITEMS (default 400) sets the queue length
 * (benchmarks/README.md uses 10,000).
 */
#include "app/sales.h"
#include "check.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define AGENTS 8

static char db[1024];
static long items;
static int64_t first_id;
static ordo_app_reads *shared_reads;

typedef struct agent_arg { int k, start_fd, out_fd, code; } agent_arg;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Fills a fresh store with `items` leads waiting in queue "sales" (and one
 * case in "service", which nobody picking "sales" may take). */
static void make_queue(const char *name)
{
    ordo_app *a = NULL;
    ordo_err err = { 0 };
    int64_t id = 0;
    CHECK_EQ(ordo_app_open(&a, check_tmp_db(db, sizeof db, name), 0, &err), ORDO_OK);
    CHECK_EQ(ordo_app_queue_add(a, "service", "task", "T0", &id), ORDO_OK);
    for (long i = 0; i < items; i++) {
        char ref[24];
        snprintf(ref, sizeof ref, "L%ld", i);
        CHECK_EQ(ordo_app_queue_add(a, "sales", "lead", ref, &id), ORDO_OK);
        if (i == 0)
            first_id = id;
    }
    ordo_app_close(a);
}

/* One agent: waits for the start byte, picks until the queue is empty and
 * writes each item id to out_fd. code: 0 ok, else why it stopped. */
static void *agent(void *p)
{
    agent_arg *g = p;
    ordo_app *a = NULL;
    ordo_err err = { 0 };
    char name[16], go;
    snprintf(name, sizeof name, "agent%d", g->k);
    g->code = 0;
    if (ordo_app_open(&a, db, 1, &err) != ORDO_OK) {
        g->code = 2;
        return NULL;
    }
    if (shared_reads)
        ordo_app_share_reads(a, shared_reads);
    ordo_app_set_busy_timeout(a, 60000);
    if (read(g->start_fd, &go, 1) != 1)
        g->code = 5;
    while (g->code == 0) {
        int64_t id = 0;
        if (ordo_app_queue_pick(a, "sales", 0, name, &id) != ORDO_OK) {
            fprintf(stderr, "%s: %s\n", name, ordo_app_errmsg(a));
            g->code = 3;
        } else if (!id) {
            break;
        } else if (write(g->out_fd, &id, sizeof id) != (ssize_t)sizeof id) {
            g->code = 4;
        }
    }
    close(g->out_fd);
    ordo_app_close(a);
    return NULL;
}

/* Runs the race (`agents` threads or processes) and checks the outcome. */
static void race(int threads, int agents)
{
    int fds[AGENTS][2], start[2];
    pid_t pid[AGENTS] = { 0 };
    pthread_t th[AGENTS];
    agent_arg arg[AGENTS];
    ordo_err err = { 0 };
    make_queue(threads ? "queue-race-threads" : agents > 1 ? "queue-race-procs" : "queue-race-one");
    if (threads)
        CHECK_EQ(ordo_app_reads_new(&shared_reads, db, &err), ORDO_OK);
    CHECK_EQ(pipe(start), 0);
    for (int k = 0; k < agents; k++) {
        CHECK_EQ(pipe(fds[k]), 0);
        arg[k] = (agent_arg){ k, start[0], fds[k][1], 0 };
        if (threads) {
            CHECK_EQ(pthread_create(&th[k], NULL, agent, &arg[k]), 0);
        } else if ((pid[k] = fork()) == 0) {
            close(fds[k][0]);
            agent(&arg[k]);
            _exit(arg[k].code);
        } else {
            close(fds[k][1]);
        }
    }
    sleep(1);                             /* every agent open and waiting */
    double t0 = now_s();
    char go[AGENTS];
    memset(go, 'g', sizeof go);
    CHECK_EQ(write(start[1], go, (size_t)agents), (ssize_t)agents);
    int *times = calloc((size_t)items, sizeof *times), *owner = calloc((size_t)items, sizeof *owner);
    int per_agent[AGENTS] = { 0 };
    long total = 0;
    CHECK(times && owner);
    for (int k = 0; k < agents && times && owner; k++) {
        int64_t got;
        while (read(fds[k][0], &got, sizeof got) == (ssize_t)sizeof got) {
            long i = (long)(got - first_id);
            CHECK(i >= 0 && i < items);
            if (i >= 0 && i < items) {
                times[i]++;
                owner[i] = k;
            }
            total++;
            per_agent[k]++;
        }
        close(fds[k][0]);
        if (threads) {
            pthread_join(th[k], NULL);
            CHECK_EQ(arg[k].code, 0);
        } else {
            int status = 0;
            waitpid(pid[k], &status, 0);
            CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        }
    }
    double secs = now_s() - t0;
    close(start[0]);
    close(start[1]);
    long twice = 0, never = 0;
    for (long i = 0; times && i < items; i++) {
        twice += times[i] > 1;
        never += times[i] == 0;
    }
    CHECK_EQ(total, items);
    CHECK_EQ(twice, 0);
    CHECK_EQ(never, 0);
    int busy_agents = 0;
    for (int k = 0; k < agents; k++)
        busy_agents += per_agent[k] > 0;
    fprintf(stderr, "queue race (%s): %d agents, %ld items in %.2f s = %.0f picks/s; %ld picked twice, %ld never; "
            "%d agents got items\n", threads ? "threads, shared reads" : agents > 1 ? "processes" : "baseline: one "
            "process alone", agents, total, secs,
            (double)total / secs, twice, never, busy_agents);

    /* the store agrees with what each agent was told; the other queue untouched */
    ordo_app *a = NULL;
    CHECK_EQ(ordo_app_open(&a, db, 1, &err), ORDO_OK);
    for (long i = 0; owner && i < items; i += items / 25 > 0 ? items / 25 : 1) {
        char want[64];
        int64_t id = 0;
        const char *intruder = owner[i] == 0 ? "agent1" : "agent0";   /* agent1 never exists alone */
        CHECK_EQ(ordo_app_queue_pick(a, NULL, first_id + i, intruder, &id), ORDO_ERULE);
        snprintf(want, sizeof want, "queue item %lld is held by agent%d", (long long)(first_id + i), owner[i]);
        CHECK_CONTAINS(ordo_app_errmsg(a), want);
    }
    int64_t other = 0;
    CHECK_EQ(ordo_app_queue_pick(a, "service", 0, "desk", &other), ORDO_OK);
    CHECK_EQ(other, first_id - 1);       /* the service task was left for its own queue */
    ordo_app_close(a);
    ordo_app_reads_free(shared_reads);
    shared_reads = NULL;
    free(times);
    free(owner);
}

static void test_queue_race__processes(void) { race(0, AGENTS); }
static void test_queue_race__threads(void) { race(1, AGENTS); }
static void test_queue_race__one_agent_baseline(void) { race(0, 1); }

int main(void)
{
    items = atol(check_env("ORDO_RACE_ITEMS", "400"));
    if (items < 1)
        items = 400;
    RUN(test_queue_race__processes);
    RUN(test_queue_race__threads);
    RUN(test_queue_race__one_agent_baseline);
    return CHECK_DONE();
}
