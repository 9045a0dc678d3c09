/*
 * test_sales_store.c — leads and queues in the store (io/sales.h): a lead
 * round trip, refused transitions leaving the row as it was, duplicate
 * candidates found through the indexes, and the queue race: 8 processes
 * (fork, each with its own connection) picking from one queue of 400 items
 * until it is empty; every item must be picked exactly once, and the
 * store's holders must match what each process says it got.
 */
#include "check.h"
#include "io/sales.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define AGENTS 8
#define ITEMS 400

static char tmp_path[1024];

/* A fresh store file name in $ORDO_TMP (old file, WAL and SHM removed). */
static const char *fixture_tmp(const char *name)
{
    const char *dir = check_env("ORDO_TMP", "/tmp/ordo-test");
    static const char *const tails[] = { "", "-wal", "-shm" };
    char p[1100];
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        fprintf(stderr, "cannot create %s\n", dir);
    snprintf(tmp_path, sizeof tmp_path, "%s/%s.db", dir, name);
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", tmp_path, tails[i]);
        remove(p);
    }
    return tmp_path;
}

static ordo_lead lead(const char *id, const char *first, const char *last, const char *email, const char *phone)
{
    ordo_lead l = { 0 };
    l.id = (char *)id;
    l.topic = "Excel training";
    l.first_name = (char *)first;
    l.last_name = (char *)last;
    l.company = "Acme";
    l.email = (char *)email;
    l.phone = (char *)phone;
    l.channel = "web";
    l.rating = ORDO_LEAD_HOT;
    l.score = 70;
    return l;
}

typedef struct found { char ids[8][32]; double score[8]; unsigned why[8]; int n; } found;

static int collect(const char *id, const ordo_dedup_candidate *c, void *payload)
{
    found *f = payload;
    if (f->n < 8) {
        snprintf(f->ids[f->n], sizeof f->ids[0], "%s", id);
        f->score[f->n] = c->score;
        f->why[f->n] = c->why;
        f->n++;
    }
    return 0;
}

static void test_sales_store__leads(void)
{
    const char *path = fixture_tmp("sales-leads");
    ordo_store *s = NULL;
    ordo_err err = { 0 };
    CHECK_EQ(ordo_store_open(&s, path, &err), ORDO_OK);
    ordo_lead l1 = lead("L1", "Ana", "Lopez", "ana@acme.example", "06 12 34 56 78");
    CHECK_EQ(ordo_store_lead_add(s, &l1), ORDO_OK);
    CHECK_EQ(ordo_store_lead_add(s, &l1), ORDO_EEXISTS);
    CHECK_STR(ordo_store_errmsg(s), "lead L1 already exists");
    ordo_lead bad = lead("L9", "X", "Y", NULL, NULL);
    bad.parent_account = "nobody";
    CHECK_EQ(ordo_store_lead_add(s, &bad), ORDO_EINPUT);
    CHECK_STR(ordo_store_errmsg(s), "lead L9: parent_account 'nobody' is not a known account or contact");
    ordo_lead got = { 0 };
    CHECK_EQ(ordo_store_lead_get(s, "L9", &got), ORDO_ENOTFOUND);
    CHECK_EQ(ordo_store_lead_get(s, "L1", &got), ORDO_OK);
    CHECK_STR(got.email, "ana@acme.example");
    CHECK_EQ(got.rating, ORDO_LEAD_HOT);
    CHECK_EQ(got.status, ORDO_LEAD_OPEN);
    ordo_lead_clear(&got);

    CHECK_EQ(ordo_store_lead_reactivate(s, "L1"), ORDO_ERULE);
    CHECK_STR(ordo_store_errmsg(s), "lead L1 is open: only a disqualified lead can be reactivated");
    CHECK_EQ(ordo_store_lead_disqualify(s, "L1", ORDO_LEAD_TIMING), ORDO_OK);
    CHECK_EQ(ordo_store_lead_disqualify(s, "L1", ORDO_LEAD_NO_BUDGET), ORDO_ERULE);
    CHECK_EQ(ordo_store_lead_get(s, "L1", &got), ORDO_OK);
    CHECK_EQ(got.status, ORDO_LEAD_DISQUALIFIED);
    CHECK_EQ(got.reason, ORDO_LEAD_TIMING);          /* the refused call changed nothing */
    ordo_lead_clear(&got);
    CHECK_EQ(ordo_store_lead_reactivate(s, "L1"), ORDO_OK);
    CHECK_EQ(ordo_store_lead_get(s, "L1", &got), ORDO_OK);
    CHECK_EQ(got.status, ORDO_LEAD_OPEN);
    CHECK_EQ(got.reason, ORDO_LEAD_REASON_NONE);
    ordo_lead_clear(&got);

    /* duplicates: same phone written differently, a name typo, a stranger */
    ordo_lead l2 = lead("L2", "Anna", "Lopes", NULL, NULL);
    ordo_lead l3 = lead("L3", "Zoe", "Martin", "zoe@other.example", "+33 6 12 34 56 78");
    ordo_lead l4 = lead("L4", "Bob", "Durand", "bob@x.example", NULL);
    CHECK_EQ(ordo_store_lead_add(s, &l2), ORDO_OK);
    CHECK_EQ(ordo_store_lead_add(s, &l3), ORDO_OK);
    CHECK_EQ(ordo_store_lead_add(s, &l4), ORDO_OK);
    ordo_lead q = lead("new", "Ana", "López", "ANA@acme.example ", "0612345678");
    found f = { 0 };
    CHECK_EQ(ordo_store_lead_duplicates(s, &q, ORDO_DEDUP_THRESHOLD, collect, &f), ORDO_OK);
    CHECK_EQ(f.n, 3);
    CHECK_STR(f.ids[0], "L1");
    CHECK_EQ(f.why[0], ORDO_DEDUP_EMAIL | ORDO_DEDUP_PHONE | ORDO_DEDUP_NAME);
    CHECK_STR(f.ids[1], "L3");
    CHECK_EQ(f.why[1], ORDO_DEDUP_PHONE);
    CHECK_STR(f.ids[2], "L2");
    CHECK_EQ(f.why[2], ORDO_DEDUP_NAME);
    ordo_store_close(s);
}

/* A child agent: pick until the queue is empty, write each id to fd. */
static void agent(const char *path, int k, int fd)
{
    ordo_store *s = NULL;
    ordo_err err = { 0 };
    char name[16];
    int code = 0;
    snprintf(name, sizeof name, "agent%d", k);
    if (ordo_store_open(&s, path, &err) != ORDO_OK)
        _exit(2);
    ordo_store_set_busy_timeout(s, 30000);
    for (;;) {
        int64_t id = 0;
        int rc = ordo_store_queue_pick_next(s, "sales", name, &id);
        if (rc != ORDO_OK) {
            fprintf(stderr, "%s: %s\n", name, ordo_store_errmsg(s));
            code = 3;
            break;
        }
        if (!id)
            break;
        if (write(fd, &id, sizeof id) != (ssize_t)sizeof id) {
            code = 4;
            break;
        }
    }
    ordo_store_close(s);
    _exit(code);
}

static void test_sales_store__queue_race(void)
{
    const char *path = fixture_tmp("sales-queue");
    ordo_store *s = NULL;
    ordo_err err = { 0 };
    int64_t first = 0, id = 0;
    CHECK_EQ(ordo_store_open(&s, path, &err), ORDO_OK);
    for (int i = 0; i < ITEMS; i++) {
        char ref[16];
        snprintf(ref, sizeof ref, "L%d", i);
        CHECK_EQ(ordo_store_queue_add(s, "sales", ORDO_ITEM_LEAD, ref, &id), ORDO_OK);
        if (i == 0)
            first = id;
    }
    int64_t other = 0;
    CHECK_EQ(ordo_store_queue_add(s, "service", ORDO_ITEM_CASE, "7", &other), ORDO_OK);
    ordo_store_close(s);

    int fds[AGENTS][2];
    pid_t pid[AGENTS];
    for (int k = 0; k < AGENTS; k++) {
        CHECK_EQ(pipe(fds[k]), 0);
        pid[k] = fork();
        if (pid[k] == 0) {
            close(fds[k][0]);
            agent(path, k, fds[k][1]);
        }
        close(fds[k][1]);
    }
    static int times[ITEMS];
    static int owner[ITEMS];
    int total = 0, agents_with_items = 0;
    for (int k = 0; k < AGENTS; k++) {
        int mine = 0;
        int64_t got;
        while (read(fds[k][0], &got, sizeof got) == (ssize_t)sizeof got) {
            long i = (long)(got - first);
            CHECK(i >= 0 && i < ITEMS);
            if (i >= 0 && i < ITEMS) {
                times[i]++;
                owner[i] = k;
            }
            total++;
            mine++;
        }
        close(fds[k][0]);
        agents_with_items += mine > 0;
        int status = 0;
        waitpid(pid[k], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    int twice = 0, never = 0;
    for (int i = 0; i < ITEMS; i++) {
        twice += times[i] > 1;
        never += times[i] == 0;
    }
    CHECK_EQ(total, ITEMS);
    CHECK_EQ(twice, 0);
    CHECK_EQ(never, 0);
    fprintf(stderr, "queue race: %d agents, %d items, %d picked twice, %d agents got items\n", AGENTS, total,
            twice, agents_with_items);

    /* the store agrees with what each agent was told */
    CHECK_EQ(ordo_store_open(&s, path, &err), ORDO_OK);
    char queue[64], holder[64], want[16];
    for (int i = 0; i < ITEMS; i += 37) {
        CHECK_EQ(ordo_store_queue_get(s, first + i, queue, sizeof queue, holder, sizeof holder), ORDO_OK);
        snprintf(want, sizeof want, "agent%d", owner[i]);
        CHECK_STR(holder, want);
    }
    /* pick an item another agent holds: refused, holder unchanged */
    snprintf(want, sizeof want, "agent%d", owner[0]);
    const char *intruder = owner[0] == 0 ? "agent1" : "agent0";
    CHECK_EQ(ordo_store_queue_pick(s, first, intruder), ORDO_ERULE);
    char msg[128];
    snprintf(msg, sizeof msg, "queue item %lld is held by %s", (long long)first, want);
    CHECK_STR(ordo_store_errmsg(s), msg);
    CHECK_EQ(ordo_store_queue_release(s, first, intruder), ORDO_ERULE);
    CHECK_EQ(ordo_store_queue_get(s, first, queue, sizeof queue, holder, sizeof holder), ORDO_OK);
    CHECK_STR(holder, want);
    /* release, route, pick */
    CHECK_EQ(ordo_store_queue_release(s, first, want), ORDO_OK);
    CHECK_EQ(ordo_store_queue_route(s, first, "service"), ORDO_OK);
    CHECK_EQ(ordo_store_queue_get(s, first, queue, sizeof queue, holder, sizeof holder), ORDO_OK);
    CHECK_STR(queue, "service");
    CHECK_STR(holder, "");
    CHECK_EQ(ordo_store_queue_pick_next(s, "service", "desk1", &id), ORDO_OK);
    CHECK_EQ(id, first);                 /* the older of the two service items */
    CHECK_EQ(ordo_store_queue_pick_next(s, "service", "desk1", &id), ORDO_OK);
    CHECK_EQ(id, other);
    CHECK_EQ(ordo_store_queue_pick_next(s, "service", "desk1", &id), ORDO_OK);
    CHECK_EQ(id, 0);
    CHECK_EQ(ordo_store_queue_pick(s, 999999, "desk1"), ORDO_ENOTFOUND);
    ordo_store_close(s);
}

int main(void)
{
    RUN(test_sales_store__leads);
    RUN(test_sales_store__queue_race);
    return CHECK_DONE();
}
