/*
 * test_opportunity_race.c — two PROCESSES (fork, each with its own app
 * handle on the same store file) moving the same opportunity at once, then
 * both trying to close it (one wins it, the other loses it).
 *
 * A lost update would show in the stage history: a move that read a stale
 * stage writes a row whose `from` is not the stage the previous row went
 * to. So the test checks that the history is one unbroken chain (row 0
 * from NULL; row k's from == row k-1's to), that it has exactly one row per
 * move that reported success (plus the first), that no call failed for any
 * other reason than the rules (ORDO_ERULE "already at stage" / "is won"),
 * that exactly one of the two closing calls succeeded, and that the stored
 * record agrees with the last history row.
 */
#include "app/app_crm.h"
#include "app/sales.h"
#include "check.h"
#include "io/sales.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MOVES 150
#define NOW_S 1788220800            /* 2026-09-01T00:00Z */

static char db[1024];

typedef struct tally { int ok, rule, other; char last_other[160]; } tally;

static void make_store(void)
{
    const char *dir = check_env("ORDO_TMP", "/tmp/ordo-test");
    static const char *const tails[] = { "", "-wal", "-shm" };
    char p[1100];
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        fprintf(stderr, "cannot create %s\n", dir);
    snprintf(db, sizeof db, "%s/opportunity-race.db", dir);
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", db, tails[i]);
        remove(p);
    }
    ordo_app *a = NULL;
    ordo_err err = { 0 };
    CHECK_EQ(ordo_app_open(&a, db, 0, &err), ORDO_OK);
    ordo_app_party_req acc = { .id = "acme", .name = "Acme" };
    CHECK_EQ(ordo_app_account_add(a, &acc, NULL), ORDO_OK);
    ordo_app_close(a);

    ordo_store *s = NULL;
    CHECK_EQ(ordo_store_open(&s, db, &err), ORDO_OK);
    ordo_opportunity o = { 0 };
    o.id = "opp1";
    o.name = "Excel for Acme";
    o.account = "acme";
    o.stage = ORDO_STAGE_QUALIFY;
    o.value = 500000;
    o.close_date = ordo_date_from_ymd(2026, 12, 1);
    o.probability = -1;
    CHECK_EQ(ordo_store_opportunity_add(s, &o, NOW_S), ORDO_OK);
    ordo_store_close(s);
}

/* One racer: MOVES moves through its own stage cycle, then a close. */
static void racer(int who, int start_fd, int out_fd, int close_fd)
{
    static const char *const cycle[2][3] = { { "develop", "propose", "close" }, { "propose", "qualify", "close" } };
    tally t = { 0 };
    ordo_app *a = NULL;
    ordo_err err = { 0 };
    char go;
    if (ordo_app_open(&a, db, 1, &err) != ORDO_OK)
        _exit(90);
    if (read(start_fd, &go, 1) != 1)
        _exit(91);
    for (int i = 0; i < MOVES; i++) {
        int rc = ordo_app_opportunity_move(a, "opp1", cycle[who][i % 3], NOW_S + i);
        if (rc == ORDO_OK)
            t.ok++;
        else if (rc == ORDO_ERULE && strstr(ordo_app_errmsg(a), "already at stage"))
            t.rule++;
        else {
            t.other++;
            snprintf(t.last_other, sizeof t.last_other, "%d %s", rc, ordo_app_errmsg(a));
        }
    }
    if (write(out_fd, &t, sizeof t) != (ssize_t)sizeof t || read(close_fd, &go, 1) != 1)
        _exit(92);
    int rc;                                     /* both moved all they could: now both close at once */
    if (who == 0) {
        ordo_app_win_req w = { .id = "opp1", .now = NOW_S + MOVES };
        ordo_app_win_result wr;
        rc = ordo_app_opportunity_win(a, &w, &wr);
    } else {
        rc = ordo_app_opportunity_lose(a, "opp1", "timing", NULL, NOW_S + MOVES);
    }
    int closed = rc == ORDO_OK ? 1 : rc == ORDO_ERULE && strstr(ordo_app_errmsg(a), "is w") ? 0
               : rc == ORDO_ERULE && strstr(ordo_app_errmsg(a), "is lost") ? 0 : -1;
    if (closed < 0)
        fprintf(stderr, "racer %d: close: %d %s\n", who, rc, ordo_app_errmsg(a));
    ordo_app_close(a);
    if (write(out_fd, &closed, sizeof closed) != (ssize_t)sizeof closed)
        _exit(93);
    _exit(0);
}

typedef struct chain { char prev[16]; int rows, broken, first_null; char status[16]; } chain;

static int link_row(const char *from, const char *to, const char *status, int64_t at, void *payload)
{
    chain *c = payload;
    (void)at;
    if (c->rows == 0)
        c->first_null = from == NULL;
    else if (!from || strcmp(from, c->prev) != 0) {
        fprintf(stderr, "history row %d: from %s, but the previous row went to %s\n", c->rows,
                from ? from : "NULL", c->prev);
        c->broken++;
    }
    snprintf(c->prev, sizeof c->prev, "%s", to ? to : "");
    snprintf(c->status, sizeof c->status, "%s", status ? status : "");
    c->rows++;
    return 0;
}

static void test_opportunity_race__two_processes(void)
{
    int start[2], out[2][2], closing[2], closed[2];
    pid_t pid[2];
    make_store();
    CHECK_EQ(pipe(start), 0);
    CHECK_EQ(pipe(out[0]), 0);
    CHECK_EQ(pipe(out[1]), 0);
    CHECK_EQ(pipe(closing), 0);
    for (int i = 0; i < 2; i++) {
        pid[i] = fork();
        CHECK(pid[i] >= 0);
        if (pid[i] == 0) {
            close(start[1]);
            close(closing[1]);
            close(out[i][0]);
            racer(i, start[0], out[i][1], closing[0]);
        }
    }
    close(start[0]);
    close(closing[0]);
    close(out[0][1]);
    close(out[1][1]);
    CHECK_EQ(write(start[1], "gg", 2), 2);      /* both start together */
    close(start[1]);
    tally t[2];
    for (int i = 0; i < 2; i++)
        CHECK_EQ(read(out[i][0], &t[i], sizeof t[i]), (ssize_t)sizeof t[i]);
    CHECK_EQ(write(closing[1], "gg", 2), 2);
    close(closing[1]);
    for (int i = 0; i < 2; i++)
        CHECK_EQ(read(out[i][0], &closed[i], sizeof closed[i]), (ssize_t)sizeof closed[i]);
    close(out[0][0]);
    close(out[1][0]);
    for (int i = 0; i < 2; i++) {
        int st = 0;
        CHECK_EQ(waitpid(pid[i], &st, 0), pid[i]);
        CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    for (int i = 0; i < 2; i++) {
        if (t[i].other)
            fprintf(stderr, "racer %d: %s\n", i, t[i].last_other);
        CHECK_EQ(t[i].other, 0);
        CHECK_EQ(t[i].ok + t[i].rule, MOVES);
        CHECK(t[i].ok > 0);
    }
    CHECK(closed[0] >= 0 && closed[1] >= 0);
    CHECK_EQ(closed[0] + closed[1], 1);
    fprintf(stderr, "moves: racer 0 %d ok %d refused, racer 1 %d ok %d refused\n", t[0].ok, t[0].rule, t[1].ok,
            t[1].rule);     /* one closes it, the other is refused */

    ordo_app *a = NULL;
    ordo_err err = { 0 };
    chain c = { 0 };
    ordo_opportunity o = { 0 };
    CHECK_EQ(ordo_app_open(&a, db, 1, &err), ORDO_OK);
    CHECK_EQ(ordo_app_opportunity_history(a, "opp1", link_row, &c), ORDO_OK);
    CHECK(c.first_null);
    CHECK_EQ(c.broken, 0);
    CHECK_EQ(c.rows, 1 + t[0].ok + t[1].ok + 1);  /* creation + every successful move + the close */
    CHECK_EQ(ordo_app_opportunity_get(a, "opp1", &o), ORDO_OK);
    CHECK_STR(ordo_stage_name(o.stage), c.prev);
    CHECK_STR(ordo_opp_status_name(o.status), c.status);
    CHECK_STR(c.status, closed[0] ? "won" : "lost");
    ordo_opportunity_clear(&o);
    ordo_app_close(a);
}

int main(void)
{
    test_opportunity_race__two_processes();
    return CHECK_DONE();
}
