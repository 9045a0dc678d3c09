/*
 * store_session.c — the schedule feeding the hour bank (service.h): each
 * session of a course with a contract holds, on the contract's primary time
 * line, a reservation while planned and a deduction once done; a cancelled
 * one holds nothing and leaves its course. Also the solver's view of each
 * bank (contract.used_minutes).
 *
 * Invariants: what a session should hold is decided by
 * ordo_bank_session_steps() from what the ledger holds for it, so syncing
 * twice writes nothing the second time; a session once deducted is never
 * deducted again unless a reversal entry undid that deduction (undo-done:
 * entries are appended, never deleted); only a session that has ended can
 * be marked done; status changes and their entries share one transaction.
 * Session instants in the store are UTC minutes; `now` is UTC seconds.
 */
#include "io/service.h"
#include "io/store/sqlite/store_ledger.h"

#include <stdlib.h>
#include <string.h>

#define MAX_HOLDINGS 8   /* lines one session has touched; more is a damaged ledger */

static ordo_err *E(ordo_store *s) { return ordo__store_err(s); }

/* Deductions net of their reversals (a session's reversals only ever undo
 * its deductions: ordo_store_session_undo_done). */
static const char *const holdings_sql =
    "SELECT line, SUM(CASE kind WHEN 'reservation' THEN amount WHEN 'release' THEN -amount ELSE 0 END),"
    " SUM(CASE kind WHEN 'deduction' THEN amount WHEN 'reversal' THEN -amount ELSE 0 END) FROM ledger"
    " WHERE session = ?1 GROUP BY line ORDER BY line";

typedef struct holdings {
    ordo_session_holding v[MAX_HOLDINGS];
    int n;
    int64_t session;
} holdings;

static int add_holding(ordo_store *s, ordo__row *r, void *payload)
{
    holdings *h = payload;
    if (h->n == MAX_HOLDINGS)
        return ordo__seterr(E(s), ORDO_EIO, "store %s: session %lld has entries on more than %d lines",
                            ordo__store_path(s), (long long)h->session, MAX_HOLDINGS);
    h->v[h->n++] = (ordo_session_holding){ ordo__col_int(r, 0), ordo__col_int(r, 1), ordo__col_int(r, 2) };
    return ORDO_OK;
}

static int read_holdings(ordo_store *s, holdings *h)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    h->n = 0;
    ORDO_TRY(ordo__store_sql(s, holdings_sql, &r));
    ordo__bind_int(s, r, 1, h->session);
    rc = ordo__row_each(s, r, "reading the session's ledger", add_holding, h);
done:
    return rc;
}

/* Bring one session's entries in line with (status, contract, minutes). */
static int sync_session(ordo_store *s, int64_t session, ordo_session_status status, const char *contract,
                        int64_t minutes, int64_t now)
{
    int rc = ORDO_OK, nsteps = 0;
    int64_t line = 0;
    holdings have;
    ordo_bank_step steps[MAX_HOLDINGS + 2];
    have.session = session;
    if (contract)
        ORDO_TRY(ordo_store_line_primary(s, contract, &line));
    ORDO_TRY(read_holdings(s, &have));
    ordo_bank_session_steps(have.v, have.n, status, line, minutes, steps, &nsteps);
    for (int i = 0; i < nsteps; i++) {
        ordo_ledger_entry e = { 0, steps[i].line, steps[i].kind, steps[i].amount, now, 0, session, 0 };
        ORDO_TRY(ordo__ledger_append(s, &e, steps[i].kind, NULL));
    }
done:
    return rc;
}

static int64_t session_minutes(const ordo_session *x)
{
    int placed = (x->status == ORDO_SESSION_PLANNED || x->status == ORDO_SESSION_DONE) && x->site >= 0;
    return placed && x->end > x->start ? (int64_t)(x->end - x->start) : 0;
}

static int by_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Ids read from a query's first column (no write under a running read). */
typedef struct id_list {
    int64_t *v;
    size_t n, cap;
    const int64_t *skip;          /* sorted ids to leave out, may be NULL */
    size_t nskip;
} id_list;

static int collect_id(ordo_store *s, ordo__row *r, void *payload)
{
    id_list *l = payload;
    int64_t id = ordo__col_int(r, 0);
    if (l->skip && bsearch(&id, l->skip, l->nskip, sizeof *l->skip, by_id))
        return ORDO_OK;
    if (ORDO_GROW(l->v, l->cap, l->n + 1) < 0)
        return ordo__seterr(E(s), ORDO_ENOMEM, "out of memory");
    l->v[l->n++] = id;
    return ORDO_OK;
}

static const char *const held_sessions_sql =
    "SELECT session FROM ledger WHERE session IS NOT NULL GROUP BY session"
    " HAVING SUM(CASE kind WHEN 'reservation' THEN amount WHEN 'release' THEN -amount ELSE 0 END) > 0";

/* Sessions holding a reservation that are not in `ids` (sorted): their
 * course is gone, so they release it. */
static int release_orphans(ordo_store *s, const int64_t *ids, size_t n, int64_t now)
{
    int rc = ORDO_OK;
    id_list gone = { NULL, 0, 0, ids, n };
    ordo__row *r = NULL;
    ORDO_TRY(ordo__store_sql(s, held_sessions_sql, &r));
    ORDO_TRY(ordo__row_each(s, r, "listing reserved sessions", collect_id, &gone));
    for (size_t i = 0; i < gone.n; i++)
        ORDO_TRY(sync_session(s, gone.v[i], ORDO_SESSION_CANCELLED, NULL, 0, now));
done:
    ordo__free(gone.v);
    return rc;
}

int ordo_store_bank_sync(ordo_store *s, const ordo_model *m, int64_t now)
{
    int rc = ORDO_OK, began = 0;
    int64_t *ids = NULL;
    size_t n = 0;
    if (!s || !m)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    if (m->partial)                       /* it would release every session it does not hold */
        return ordo__seterr(E(s), ORDO_EINVAL, "refusing to sync the hour banks from a partial model");
    if (!(ids = ordo__malloc((m->sessions.n + 1) * sizeof *ids)))
        return ordo__seterr(E(s), ORDO_ENOMEM, "out of memory");
    ORDO_TRY(ordo__store_unit_begin(s));
    began = 1;
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *x = &m->sessions.v[i];
        if (!x->id || x->course < 0 || (size_t)x->course >= m->courses.n)
            continue;
        int k = m->courses.v[x->course].contract;
        const char *contract = k >= 0 && (size_t)k < m->contracts.n ? m->contracts.v[k].id : NULL;
        ids[n++] = x->id;
        ORDO_TRY(sync_session(s, x->id, x->status, contract, session_minutes(x), now));
    }
    qsort(ids, n, sizeof *ids, by_id);
    ORDO_TRY(release_orphans(s, ids, n, now));
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    ordo__free(ids);
    return rc;
}

int ordo_store_bank_sync_sessions(ordo_store *s, const ordo_model *m, const int *sessions, int n, int64_t now)
{
    int rc = ORDO_OK, began = 0;
    if (!s || !m || (n > 0 && !sessions))
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__store_unit_begin(s));
    began = 1;
    for (int i = 0; i < n; i++) {
        if (sessions[i] < 0 || (size_t)sessions[i] >= m->sessions.n)
            continue;
        const ordo_session *x = &m->sessions.v[sessions[i]];
        if (!x->id || x->course < 0 || (size_t)x->course >= m->courses.n)
            continue;
        int k = m->courses.v[x->course].contract;
        const char *contract = k >= 0 && (size_t)k < m->contracts.n ? m->contracts.v[k].id : NULL;
        ORDO_TRY(sync_session(s, x->id, x->status, contract, session_minutes(x), now));
    }
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    return rc;
}

/* ---- one session, by id ------------------------------------------------------------------ */

static const char *const session_sql =
    "SELECT s.status, s.start_utc, s.end_utc, s.course, s.ordinal, c.contract, c.sessions"
    " FROM sessions s LEFT JOIN courses c ON c.id = s.course WHERE s.id = ?1";
static const char *const set_done_sql = "UPDATE sessions SET status = 'done' WHERE id = ?1";
static const char *const set_planned_sql = "UPDATE sessions SET status = 'planned' WHERE id = ?1";
/* The session's deductions not reversed yet, oldest first. */
static const char *const unreversed_sql =
    "SELECT e.id, e.line, e.amount FROM ledger e WHERE e.session = ?1 AND e.kind = 'deduction'"
    " AND NOT EXISTS (SELECT 1 FROM ledger r WHERE r.reverses = e.id) ORDER BY e.id";
static const char *const set_cancelled_sql =
    "UPDATE sessions SET status = 'cancelled', sequence = sequence + 1, dtstamp = ?2 WHERE id = ?1";
/* The session in the course's last slot takes the cancelled one's slot. */
static const char *const move_last_sql =
    "UPDATE sessions SET ordinal = ?3 WHERE course = ?1 AND ordinal = ?2 AND id <> ?4";
static const char *const set_ordinal_sql = "UPDATE sessions SET ordinal = ?2 WHERE id = ?1";
static const char *const shrink_course_sql = "UPDATE courses SET sessions = sessions - 1 WHERE id = ?1";

typedef struct session_row {
    ordo_session_status status;
    int64_t minutes;
    int64_t end;                  /* UTC minutes */
    char *course, *contract;      /* owned; NULL when none (session_row_clear) */
    int have_course, ordinal, count;
} session_row;

static void session_row_clear(session_row *x)
{
    ordo__free(x->course);
    ordo__free(x->contract);
    memset(x, 0, sizeof *x);
}

static int copy_id(ordo_store *s, char **dst, const char *src)
{
    if (src && !(*dst = ordo__strdup(src)))
        return ordo__seterr(E(s), ORDO_ENOMEM, "out of memory");
    return ORDO_OK;
}

static int read_session(ordo_store *s, int64_t id, session_row *out)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    memset(out, 0, sizeof *out);
    ORDO_TRY(ordo__store_sql(s, session_sql, &r));
    ordo__bind_int(s, r, 1, id);
    ORDO_TRY(ordo__row_need(s, r, "reading the session", "session %lld does not exist", (long long)id));
    const char *st = ordo__col_text(s, r, 0);
    int v = -1;
    for (int k = 0; st && k <= ORDO_SESSION_DONE; k++)
        if (strcmp(st, ordo_session_status_name((ordo_session_status)k)) == 0)
            v = k;
    out->status = (ordo_session_status)(v < 0 ? 0 : v);
    int64_t start = ordo__col_int(r, 1), end = ordo__col_int(r, 2);
    out->minutes = end > start ? end - start : 0;
    out->end = end;
    out->have_course = !ordo__col_is_null(r, 6);
    out->ordinal = (int)ordo__col_int(r, 4);
    out->count = (int)ordo__col_int(r, 6);
    rc = v < 0 ? ordo__seterr(E(s), ORDO_EIO, "store %s: session %lld: unknown status", ordo__store_path(s),
                              (long long)id)
               : copy_id(s, &out->course, ordo__col_text(s, r, 3));
    if (rc == ORDO_OK)
        rc = copy_id(s, &out->contract, ordo__col_text(s, r, 5));
    ordo__row_reset(r);
done:
    return rc;
}

/* Runs a statement taking `nargs` (1 or 2) integer parameters: a write
 * (out NULL), or a query whose one number goes to *out (0 without a row). */
static int run_ints(ordo_store *s, const char *sql, int nargs, int64_t a, int64_t b, const char *what,
                    int64_t *out)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    ORDO_TRY(ordo__store_sql(s, sql, &r));
    ordo__bind_int(s, r, 1, a);
    if (nargs > 1)
        ordo__bind_int(s, r, 2, b);
    rc = out ? ordo__row_int(s, r, what, 0, out) : ordo__row_exec(s, r, what);
done:
    return rc;
}

static int exec_ints(ordo_store *s, const char *sql, int nargs, int64_t a, int64_t b, const char *what)
{
    return run_ints(s, sql, nargs, a, b, what, NULL);
}

/* Inside the caller's unit: planned -> done, reservation -> deduction. */
static int complete(ordo_store *s, int64_t id, const session_row *x, int64_t now)
{
    int rc = ORDO_OK;
    ORDO_TRY(exec_ints(s, set_done_sql, 1, id, 0, "marking the session done"));
    rc = sync_session(s, id, ORDO_SESSION_DONE, x->contract, x->minutes, now);
done:
    return rc;
}

/* `complete`, for one session named by the user: refused (ORDO_ERULE) while
 * the session has not ended, so nothing months ahead is deducted. */
static int complete_ended(ordo_store *s, int64_t id, const session_row *x, int64_t now)
{
    char end[17], at[17];
    if (x->end <= now / 60)
        return complete(s, id, x, now);
    ordo_datetime_format((ordo_date)(x->end / ORDO_MIN_PER_DAY), (int)(x->end % ORDO_MIN_PER_DAY), end);
    ordo_datetime_format((ordo_date)(now / 60 / ORDO_MIN_PER_DAY), (int)(now / 60 % ORDO_MIN_PER_DAY), at);
    return ordo__seterr(E(s), ORDO_ERULE,
                        "session %lld ends %sZ, after now (%sZ): only a session that has ended can be done",
                        (long long)id, end, at);
}

/* Collects (id, line, amount) of deductions to reverse. */
static int collect_deduction(ordo_store *s, ordo__row *r, void *payload)
{
    id_list *l = payload;
    if (ORDO_GROW(l->v, l->cap, l->n + 3) < 0)
        return ordo__seterr(E(s), ORDO_ENOMEM, "out of memory");
    for (int k = 0; k < 3; k++)
        l->v[l->n++] = ordo__col_int(r, k);
    return ORDO_OK;
}

/* Inside the caller's unit: done -> planned. Each deduction of the session
 * gets a reversal entry (nothing is deleted), then the session reserves its
 * minutes again like any planned one. */
static int reopen(ordo_store *s, int64_t id, const session_row *x, int64_t now)
{
    int rc = ORDO_OK;
    id_list d = { NULL, 0, 0, NULL, 0 };
    ordo__row *r = NULL;
    ORDO_TRY(ordo__store_sql(s, unreversed_sql, &r));
    ordo__bind_int(s, r, 1, id);
    ORDO_TRY(ordo__row_each(s, r, "reading the session's deductions", collect_deduction, &d));
    for (size_t i = 0; i + 2 < d.n; i += 3) {
        ordo_ledger_entry rev = { 0, d.v[i + 1], ORDO_LEDGER_REVERSAL, d.v[i + 2], now, 0, id, d.v[i] };
        ORDO_TRY(ordo__ledger_append(s, &rev, ORDO_LEDGER_DEDUCTION, NULL));
    }
    ORDO_TRY(exec_ints(s, set_planned_sql, 1, id, 0, "reopening the session"));
    rc = sync_session(s, id, ORDO_SESSION_PLANNED, x->contract, x->minutes, now);
done:
    ordo__free(d.v);
    return rc;
}

/* The cancelled session leaves its course: it takes the course's last slot
 * (the session there takes its slot) and the course counts one fewer. */
static int leave_course(ordo_store *s, int64_t id, const session_row *x)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    if (!x->have_course || x->ordinal >= x->count || x->count <= 0)
        return ORDO_OK;
    int last = x->count - 1;
    ORDO_TRY(ordo__store_sql(s, move_last_sql, &r));
    ordo__bind_text(s, r, 1, x->course);
    ordo__bind_int(s, r, 2, last);
    ordo__bind_int(s, r, 3, x->ordinal);
    ordo__bind_int(s, r, 4, id);
    ORDO_TRY(ordo__row_exec(s, r, "moving the course's last session"));
    ORDO_TRY(exec_ints(s, set_ordinal_sql, 2, id, last, "taking the session out of its course"));
    ORDO_TRY(ordo__store_sql(s, shrink_course_sql, &r));
    ordo__bind_text(s, r, 1, x->course);
    rc = ordo__row_exec(s, r, "shrinking the course");
done:
    return rc;
}

/* Inside the caller's unit: planned or unscheduled -> cancelled, out of its
 * course, its reservation released. */
static int cancel(ordo_store *s, int64_t id, const session_row *x, int64_t now)
{
    int rc = ORDO_OK;
    ORDO_TRY(exec_ints(s, set_cancelled_sql, 2, id, now, "cancelling the session"));
    ORDO_TRY(leave_course(s, id, x));
    rc = sync_session(s, id, ORDO_SESSION_CANCELLED, NULL, 0, now);
done:
    return rc;
}

/* One session's change in one unit, if its status is among `from` (bits). */
static int change(ordo_store *s, int64_t id, int64_t now, unsigned from, const char *rule,
                  int (*apply)(ordo_store *, int64_t, const session_row *, int64_t))
{
    int rc = ORDO_OK, began = 0;
    session_row x = { 0 };
    if (!s)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__store_unit_begin(s));
    began = 1;
    ORDO_TRY(read_session(s, id, &x));
    if (!(from & (1u << x.status))) {
        rc = ordo__seterr(E(s), ORDO_ERULE, "session %lld is %s: %s", (long long)id,
                          ordo_session_status_name(x.status), rule);
        goto done;
    }
    rc = apply(s, id, &x, now);
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    session_row_clear(&x);
    return rc;
}

int ordo_store_session_done(ordo_store *s, int64_t session, int64_t now)
{
    return change(s, session, now, 1u << ORDO_SESSION_PLANNED, "only a planned session can be done",
                  complete_ended);
}

int ordo_store_session_undo_done(ordo_store *s, int64_t session, int64_t now)
{
    return change(s, session, now, 1u << ORDO_SESSION_DONE, "only a done session can be undone", reopen);
}

int ordo_store_session_cancel(ordo_store *s, int64_t session, int64_t now)
{
    return change(s, session, now, 1u << ORDO_SESSION_PLANNED | 1u << ORDO_SESSION_UNSCHEDULED,
                  "only a planned or unscheduled session can be cancelled", cancel);
}

static const char *const past_sql =
    "SELECT id FROM sessions WHERE status = 'planned' AND end_utc <= ?1 ORDER BY end_utc, id";

int ordo_store_sessions_complete(ordo_store *s, int64_t now, int *out_n)
{
    int rc = ORDO_OK, began = 0;
    id_list past = { NULL, 0, 0, NULL, 0 };
    ordo__row *r = NULL;
    session_row x = { 0 };
    if (!s)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    if (out_n)
        *out_n = 0;
    ORDO_TRY(ordo__store_unit_begin(s));
    began = 1;
    ORDO_TRY(ordo__store_sql(s, past_sql, &r));
    ordo__bind_int(s, r, 1, now / 60);
    ORDO_TRY(ordo__row_each(s, r, "listing past sessions", collect_id, &past));
    for (size_t i = 0; i < past.n; i++) {
        rc = read_session(s, past.v[i], &x);
        if (rc == ORDO_OK)
            rc = complete(s, past.v[i], &x, now);
        session_row_clear(&x);
        ORDO_TRY(rc);
    }
    if (out_n)
        *out_n = (int)past.n;
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    ordo__free(past.v);
    return rc;
}

/* ---- the solver's view of each bank ---------------------------------------------------------- */

static const char *const line_used_sql = "SELECT used FROM contract_lines WHERE id = ?1";
static const char *const session_deducted_sql =
    "SELECT COALESCE(SUM(CASE kind WHEN 'deduction' THEN amount ELSE -amount END), 0) FROM ledger"
    " WHERE session = ?1 AND line = ?2 AND kind IN ('deduction', 'reversal')";

/* Mirrors solver/problem.c: a DONE session, placed, in one of its course's
 * slots, counts its minutes against the course's contract by itself. */
static int solver_counts(const ordo_model *m, const ordo_session *x)
{
    return x->status == ORDO_SESSION_DONE && x->site >= 0 && x->course >= 0 && (size_t)x->course < m->courses.n
           && x->ordinal < m->courses.v[x->course].sessions;
}

int ordo_store_bank_prepare(ordo_store *s, ordo_model *m)
{
    int rc = ORDO_OK, began = 0;
    int64_t *line = NULL;
    if (!s || !m)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    if (!(line = ordo__calloc(m->contracts.n + 1, sizeof *line)))
        return ordo__seterr(E(s), ORDO_ENOMEM, "out of memory");
    ORDO_TRY(ordo__store_read_begin(s, &began));
    for (size_t k = 0; k < m->contracts.n; k++) {
        m->contracts.v[k].used_minutes = 0;
        ORDO_TRY(ordo_store_line_primary(s, m->contracts.v[k].id, &line[k]));
        if (line[k])
            ORDO_TRY(run_ints(s, line_used_sql, 1, line[k], 0, "reading the hour bank", &m->contracts.v[k].used_minutes));
    }
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *x = &m->sessions.v[i];
        int k = solver_counts(m, x) ? m->courses.v[x->course].contract : -1;
        int64_t deducted = 0;
        if (k < 0 || !line[k] || !x->id)
            continue;
        ORDO_TRY(run_ints(s, session_deducted_sql, 2, x->id, line[k], "reading a session's deduction", &deducted));
        m->contracts.v[k].used_minutes -= deducted;
    }
done:
    rc = ordo__store_read_end(s, began, rc);
    ordo__free(line);
    return rc;
}

/* ---- forecast ------------------------------------------------------------------------------------ */

void ordo_forecast_clear(ordo_forecast *f)
{
    if (!f)
        return;
    ordo__free(f->points);
    memset(f, 0, sizeof *f);
}

int ordo_store_bank_forecast(ordo_store *s, const ordo_model *m, const char *contract, ordo_forecast *out)
{
    int rc = ORDO_OK, k;
    ordo_contract_line l = { 0 };
    if (!s || !m || !contract || !out)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    memset(out, 0, sizeof *out);
    out->runout = -1;
    if ((k = ordo_model_find_contract(m, contract)) < 0)
        return ordo__seterr(E(s), ORDO_ENOTFOUND, "contract %s does not exist", contract);
    ORDO_TRY(ordo_store_line_primary(s, contract, &out->line));
    if (!out->line)
        goto done;
    ORDO_TRY(ordo_store_line_get(s, out->line, &l));
    out->balance = l.balance;
    if (!(out->points = ordo__malloc((m->sessions.n + 1) * sizeof *out->points))) {
        rc = ordo__seterr(E(s), ORDO_ENOMEM, "out of memory");
        goto done;
    }
    int64_t ahead = 0;
    for (size_t i = 0; i < m->sessions.n; i++) {
        const ordo_session *x = &m->sessions.v[i];
        if (x->status != ORDO_SESSION_PLANNED || x->course < 0 || m->courses.v[x->course].contract != k)
            continue;
        ordo_forecast_point *p = &out->points[out->n++];
        p->session = x->id;
        p->start = x->start;
        p->minutes = session_minutes(x);
        p->balance_after = 0;
        ahead += p->minutes;
    }
    out->balance0 = ordo_balance_remaining(&l.balance) + ahead;
    out->runout = ordo_forecast_run(out->balance0, out->points, out->n);
done:
    ordo_contract_line_clear(&l);
    if (rc < 0)
        ordo_forecast_clear(out);
    return rc;
}
