/*
 * test_service_sessions.c — the schedule feeding the hour bank through the
 * library API: planned sessions reserve, moved ones re-reserve, done ones
 * turn the reservation into a deduction (by hand or once their end has
 * passed), cancelled ones release it and leave their course, orphans
 * release; syncing twice writes nothing; and the solver, given
 * ordo_store_bank_prepare(), plans within total - used - the reservations
 * of what it keeps (done sessions frozen, not counted twice).
 */
#include "service_fixture.h"
#include "solver/solve.h"

/* UTC minutes of 2026-03-DD at HH:00 UTC. */
static ordo_utc at(int day, int hour)
{
    return (ordo_utc)fx_day(2026, 3, day) * ORDO_MIN_PER_DAY + hour * 60;
}

/* UTC seconds after every session of these tests has ended (a session can
 * only be marked done once it has ended). */
#define AFTER ((int64_t)fx_day(2027, 1, 1) * 86400)

static void add_session(ordo_model *m, int ordinal, ordo_session_status st, ordo_utc start, int minutes)
{
    int res[] = { 0 };
    ordo_session x = { 0 };
    x.course = 0;
    x.ordinal = ordinal;
    x.status = st;
    x.start = start;
    x.end = start + minutes;
    x.site = st == ORDO_SESSION_PLANNED ? 0 : -1;
    x.resources = res;
    x.nresources = st == ORDO_SESSION_PLANNED ? 1 : 0;
    CHECK_EQ(ordo_model_add_session(m, &x, NULL), ORDO_OK);
}

static int saved_and_synced(ordo_store *s, ordo_model *m, int64_t now)
{
    int rc = ordo_store_begin(s);
    if (rc == ORDO_OK)
        rc = ordo_store_save(s, m);
    if (rc == ORDO_OK)
        rc = ordo_store_bank_sync(s, m, now);
    if (rc == ORDO_OK)
        rc = ordo_store_commit(s);
    else
        ordo_store_rollback(s);
    if (rc != ORDO_OK)
        fprintf(stderr, "save + sync: %s\n", ordo_store_errmsg(s));
    return rc;
}

static void test_service_sessions__reserve_done_cancel(void)
{
    ordo_model *m = NULL, *back = NULL;
    ordo_store *s = fixture_open("sessions", &m);
    if (!s || !m)
        goto done;
    int64_t line = fixture_primary(s, "k1");
    add_session(m, 0, ORDO_SESSION_PLANNED, at(10, 8), 90);
    add_session(m, 1, ORDO_SESSION_PLANNED, at(12, 8), 90);
    add_session(m, 2, ORDO_SESSION_UNSCHEDULED, 0, 0);
    CHECK_EQ(saved_and_synced(s, m, 100), ORDO_OK);
    CHECK_EQ(fixture_balance(s, line).reserved, 180);
    int entries = fixture_ledger_size(s);
    CHECK_EQ(entries, 2);
    CHECK_EQ(saved_and_synced(s, m, 101), ORDO_OK);          /* idempotent */
    CHECK_EQ(fixture_ledger_size(s), entries);
    /* a re-plan moves session 1 to a 2-hour slot */
    m->sessions.v[1].end = m->sessions.v[1].start + 120;
    CHECK_EQ(saved_and_synced(s, m, 102), ORDO_OK);
    CHECK_EQ(fixture_balance(s, line).reserved, 210);
    CHECK_EQ(fixture_ledger_size(s), entries + 2);

    int64_t first = m->sessions.v[0].id, second = m->sessions.v[1].id, third = m->sessions.v[2].id;
    CHECK_EQ(ordo_store_session_done(s, first, AFTER + 103), ORDO_OK);
    ordo_balance b = fixture_balance(s, line);
    CHECK_EQ(b.reserved, 120);
    CHECK_EQ(b.used, 90);
    CHECK_EQ(ordo_store_session_done(s, first, AFTER + 104), ORDO_ERULE);
    CHECK_CONTAINS(ordo_store_errmsg(s), "is done: only a planned session can be done");
    CHECK_EQ(ordo_store_session_done(s, third, AFTER + 104), ORDO_ERULE);
    CHECK_EQ(ordo_store_session_cancel(s, first, 104), ORDO_ERULE);
    CHECK_EQ(ordo_store_session_done(s, 987654, 104), ORDO_ENOTFOUND);

    /* cancel: released, leaves its course, which now counts 2 */
    CHECK_EQ(ordo_store_session_cancel(s, second, 105), ORDO_OK);
    b = fixture_balance(s, line);
    CHECK_EQ(b.reserved, 0);
    CHECK_EQ(b.used, 90);
    CHECK_EQ(ordo_store_session_cancel(s, second, 106), ORDO_ERULE);
    CHECK_EQ(ordo_store_load(s, &back), ORDO_OK);
    if (!back)
        goto done;
    CHECK_EQ(back->courses.v[0].sessions, 2);
    for (size_t i = 0; i < back->sessions.n; i++) {
        const ordo_session *x = &back->sessions.v[i];
        if (x->id == second) {
            CHECK_EQ(x->status, ORDO_SESSION_CANCELLED);
            CHECK_EQ(x->ordinal, 2);
            CHECK_EQ(x->sequence, 1);
        } else if (x->id == third) {
            CHECK_EQ(x->ordinal, 1);           /* took the cancelled one's slot */
        } else {
            CHECK_EQ(x->status, ORDO_SESSION_DONE);
        }
    }
    /* a stale model saved again cannot undo the deduction; syncing it writes
     * no second deduction and no reservation for the consumed session */
    entries = fixture_ledger_size(s);
    CHECK_EQ(ordo_store_bank_sync(s, back, 107), ORDO_OK);
    CHECK_EQ(fixture_ledger_size(s), entries);
    CHECK_EQ(fixture_problems(s), 0);
done:
    ordo_model_free(back);
    ordo_model_free(m);
    ordo_store_close(s);
}

static void test_service_sessions__past_sessions_complete(void)
{
    ordo_model *m = NULL;
    ordo_store *s = fixture_open("past", &m);
    if (!s || !m)
        goto done;
    int64_t line = fixture_primary(s, "k1");
    add_session(m, 0, ORDO_SESSION_PLANNED, at(10, 8), 90);
    add_session(m, 1, ORDO_SESSION_PLANNED, at(17, 8), 90);
    add_session(m, 2, ORDO_SESSION_PLANNED, at(24, 8), 90);
    CHECK_EQ(saved_and_synced(s, m, 100), ORDO_OK);
    int n = -1;
    /* one minute before the second session ends: only the first is past */
    int64_t now = (int64_t)(at(17, 8) + 89) * 60;
    CHECK_EQ(ordo_store_sessions_complete(s, now, &n), ORDO_OK);
    CHECK_EQ(n, 1);
    CHECK_EQ(fixture_balance(s, line).used, 90);
    now += 60;                                 /* its end: done too */
    CHECK_EQ(ordo_store_sessions_complete(s, now, &n), ORDO_OK);
    CHECK_EQ(n, 1);
    ordo_balance b = fixture_balance(s, line);
    CHECK_EQ(b.used, 180);
    CHECK_EQ(b.reserved, 90);
    CHECK_EQ(ordo_store_sessions_complete(s, now, &n), ORDO_OK);
    CHECK_EQ(n, 0);
    CHECK_EQ(fixture_problems(s), 0);

    /* the course is dropped from the model: its session's reservation goes */
    ordo_model *empty = fixture_model(0);
    if (empty) {
        CHECK_EQ(saved_and_synced(s, empty, 200), ORDO_OK);
        CHECK_EQ(fixture_balance(s, line).reserved, 0);
        CHECK_EQ(fixture_balance(s, line).used, 180);
        CHECK_EQ(fixture_problems(s), 0);
    }
    ordo_model_free(empty);
done:
    ordo_model_free(m);
    ordo_store_close(s);
}

static int count_placed(const ordo_model *m, int64_t *minutes)
{
    int n = 0;
    *minutes = 0;
    for (size_t i = 0; i < m->sessions.n; i++)
        if (m->sessions.v[i].status == ORDO_SESSION_PLANNED) {
            n++;
            *minutes += m->sessions.v[i].end - m->sessions.v[i].start;
        }
    return n;
}

static void test_service_sessions__solver_plans_within_the_bank(void)
{
    ordo_model *m = NULL, *again = NULL;
    ordo_store *s = fixture_open("solver", &m);
    ordo_solve_options o = ORDO_SOLVE_OPTIONS_INIT;
    ordo_solve_result res;
    int64_t minutes = 0;
    if (!s || !m)
        goto done;
    int64_t line = fixture_primary(s, "k1");
    /* a case eats 400 of the 600 minutes: room for 2 of the 3 sessions */
    const int64_t big[] = { 400 };
    CHECK_EQ(ordo_store_case_resolve(s, fixture_case(s, "acme", line, big, 1), -1, 0, 1, NULL), ORDO_OK);
    o.from = fx_day(2026, 3, 1);
    o.to = fx_day(2026, 3, 31);
    o.work_limit = 50;
    CHECK_EQ(ordo_store_bank_prepare(s, m), ORDO_OK);
    CHECK_EQ(m->contracts.v[0].used_minutes, 400);
    CHECK_EQ(ordo_solve(m, &o, &res), ORDO_OK);
    CHECK_EQ(count_placed(m, &minutes), 2);
    CHECK_EQ(minutes, 180);
    CHECK_EQ(saved_and_synced(s, m, 10), ORDO_OK);
    ordo_balance b = fixture_balance(s, line);
    CHECK_EQ(b.reserved, 180);
    CHECK(ordo_balance_remaining(&b) >= 0);

    /* one session is delivered; a second run must count it once */
    int64_t done_id = 0;
    for (size_t i = 0; i < m->sessions.n && !done_id; i++)
        if (m->sessions.v[i].status == ORDO_SESSION_PLANNED)
            done_id = m->sessions.v[i].id;
    CHECK_EQ(ordo_store_session_done(s, done_id, AFTER + 11), ORDO_OK);
    CHECK_EQ(ordo_store_load(s, &again), ORDO_OK);
    if (!again)
        goto done;
    CHECK_EQ(ordo_store_bank_prepare(s, again), ORDO_OK);
    CHECK_EQ(again->contracts.v[0].used_minutes, 400);   /* the done 90 the solver counts itself */
    CHECK_EQ(ordo_solve(again, &o, &res), ORDO_OK);
    CHECK_EQ(count_placed(again, &minutes), 1);           /* 600 - 400 - 90 leaves room for one */
    CHECK_EQ(saved_and_synced(s, again, 12), ORDO_OK);
    b = fixture_balance(s, line);
    CHECK_EQ(b.used, 490);
    CHECK_EQ(b.reserved, 90);
    CHECK_EQ(ordo_balance_remaining(&b), 20);
    CHECK_EQ(fixture_problems(s), 0);
done:
    ordo_model_free(again);
    ordo_model_free(m);
    ordo_store_close(s);
}

static void test_service_sessions__forecast(void)
{
    ordo_model *m = NULL;
    ordo_store *s = fixture_open("forecast", &m);
    ordo_forecast f = { 0 };
    if (!s || !m)
        goto done;
    int64_t line = fixture_primary(s, "k1");
    const int64_t used[] = { 100 };
    CHECK_EQ(ordo_store_case_resolve(s, fixture_case(s, "acme", line, used, 1), -1, 0, 1, NULL), ORDO_OK);
    add_session(m, 2, ORDO_SESSION_PLANNED, at(24, 8), 200);   /* out of time order on purpose */
    add_session(m, 0, ORDO_SESSION_PLANNED, at(10, 8), 200);
    add_session(m, 1, ORDO_SESSION_PLANNED, at(17, 8), 200);
    CHECK_EQ(saved_and_synced(s, m, 5), ORDO_OK);
    CHECK_EQ(ordo_store_bank_forecast(s, m, "k1", &f), ORDO_OK);
    CHECK_EQ(f.line, line);
    CHECK_EQ(f.balance.used, 100);
    CHECK_EQ(f.balance.reserved, 600);
    CHECK_EQ(f.balance0, 500);
    CHECK_EQ(f.n, 3);
    if (f.n == 3) {
        CHECK_EQ(f.points[0].start, at(10, 8));
        CHECK_EQ(f.points[0].balance_after, 300);
        CHECK_EQ(f.points[1].balance_after, 100);
        CHECK_EQ(f.points[2].start, at(24, 8));
        CHECK_EQ(f.points[2].balance_after, -100);
        CHECK_EQ(f.points[2].session, m->sessions.v[0].id);
    }
    CHECK_EQ(f.runout, 2);
    ordo_forecast_clear(&f);
    /* the first one is delivered: two left, the bank lasts */
    CHECK_EQ(ordo_store_session_done(s, m->sessions.v[1].id, AFTER + 6), ORDO_OK);
    m->sessions.v[1].status = ORDO_SESSION_DONE;
    m->sessions.v[0].end = m->sessions.v[0].start + 90;       /* and the last one is shortened */
    CHECK_EQ(saved_and_synced(s, m, 7), ORDO_OK);
    CHECK_EQ(ordo_store_bank_forecast(s, m, "k1", &f), ORDO_OK);
    CHECK_EQ(f.balance0, 300);
    CHECK_EQ(f.n, 2);
    CHECK_EQ(f.runout, -1);
    CHECK(f.n == 2 && f.points[0].balance_after == 100 && f.points[1].balance_after == 10);
    ordo_forecast_clear(&f);
    CHECK_EQ(ordo_store_bank_forecast(s, m, "k2", &f), ORDO_OK);
    CHECK_EQ(f.n, 0);
    ordo_forecast_clear(&f);
    CHECK_EQ(ordo_store_bank_forecast(s, m, "nope", &f), ORDO_ENOTFOUND);
    CHECK_EQ(fixture_problems(s), 0);
done:
    ordo_forecast_clear(&f);
    ordo_model_free(m);
    ordo_store_close(s);
}

/* done is refused before the session's end (nothing written); undo-done
 * appends a reversal of the deduction and a new reservation, deletes no
 * entry, and a second done deducts again exactly once. */
static void test_service_sessions__done_only_when_ended_and_undo(void)
{
    ordo_model *m = NULL;
    ordo_store *s = fixture_open("undo", &m);
    if (!s || !m)
        goto done;
    int64_t line = fixture_primary(s, "k1");
    add_session(m, 0, ORDO_SESSION_PLANNED, at(10, 8), 90);
    CHECK_EQ(saved_and_synced(s, m, 100), ORDO_OK);
    int64_t id = m->sessions.v[0].id, end = (int64_t)(at(10, 8) + 90) * 60;
    int entries = fixture_ledger_size(s);
    CHECK_EQ(ordo_store_session_done(s, id, end - 60), ORDO_ERULE);
    CHECK_CONTAINS(ordo_store_errmsg(s), "ends 2026-03-10T09:30Z, after now (2026-03-10T09:29Z)");
    CHECK_EQ(fixture_ledger_size(s), entries);
    CHECK_EQ(fixture_balance(s, line).reserved, 90);
    CHECK_EQ(ordo_store_session_undo_done(s, id, end), ORDO_ERULE);       /* not done */
    CHECK_CONTAINS(ordo_store_errmsg(s), "is planned: only a done session can be undone");
    CHECK_EQ(ordo_store_session_done(s, id, end), ORDO_OK);               /* at its end: done */
    ordo_balance b = fixture_balance(s, line);
    CHECK_EQ(b.used, 90);
    CHECK_EQ(b.reserved, 0);
    CHECK_EQ(fixture_ledger_size(s), entries + 2);                       /* release, deduction */
    CHECK_EQ(ordo_store_session_undo_done(s, id, end + 60), ORDO_OK);
    b = fixture_balance(s, line);
    CHECK_EQ(b.used, 0);
    CHECK_EQ(b.reserved, 90);
    CHECK_EQ(fixture_ledger_size(s), entries + 4);                       /* + reversal, reservation */
    CHECK_EQ(ordo_store_session_undo_done(s, id, end + 60), ORDO_ERULE);
    CHECK_EQ(fixture_problems(s), 0);
    /* a sync of the same model writes nothing: the session is planned, reserving */
    CHECK_EQ(saved_and_synced(s, m, end + 70), ORDO_OK);
    CHECK_EQ(fixture_ledger_size(s), entries + 4);
    CHECK_EQ(ordo_store_session_done(s, id, end + 120), ORDO_OK);         /* done again: one deduction */
    b = fixture_balance(s, line);
    CHECK_EQ(b.used, 90);
    CHECK_EQ(b.reserved, 0);
    CHECK_EQ(fixture_problems(s), 0);
done:
    ordo_model_free(m);
    ordo_store_close(s);
}

int main(void)
{
    RUN(test_service_sessions__done_only_when_ended_and_undo);
    RUN(test_service_sessions__reserve_done_cancel);
    RUN(test_service_sessions__past_sessions_complete);
    RUN(test_service_sessions__solver_plans_within_the_bank);
    RUN(test_service_sessions__forecast);
    return CHECK_DONE();
}
