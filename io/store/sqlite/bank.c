/*
 * store_bank.c — contract status, contract lines and the ledger in the
 * store (service.h): the append that keeps each line's cached balance equal
 * to its ledger, the check that proves it, and the listings.
 *
 * Invariants: an entry and its effect on the cached balance are written in
 * the same transaction (ordo__ledger_append inside a unit); entries are
 * never updated or deleted (schema triggers); the balance arithmetic is
 * model/contract.c's, here and in the check alike.
 */
#include "io/service.h"
#include "io/store/sqlite/store_ledger.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ordo_err *E(ordo_store *s) { return ordo__store_err(s); }

/* ---- the ledger append ------------------------------------------------------------ */

static const char *const append_sql =
    "INSERT INTO ledger (line, kind, amount, at, case_id, session, reverses)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char *const add_balance_sql =
    "UPDATE contract_lines SET used = used + ?2, reserved = reserved + ?3, overdraft = overdraft + ?4"
    " WHERE id = ?1";

static void bind_ref(ordo_store *s, ordo__row *r, int i, int64_t v)
{
    if (v)
        ordo__bind_int(s, r, i, v);
    else
        ordo__bind_text(s, r, i, NULL);
}

int ordo__ledger_append(ordo_store *s, const ordo_ledger_entry *e, ordo_ledger_kind reversed, int64_t *out_id)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    ordo_balance delta = { 0, 0, 0, 0 };
    if (ordo_balance_apply(&delta, e->kind, e->amount, reversed) < 0) {
        rc = ordo__seterr(E(s), ORDO_EINVAL, "ledger: %s of %lld on line %lld is not a valid entry",
                          ordo_ledger_kind_name(e->kind), (long long)e->amount, (long long)e->line);
        goto done;
    }
    ORDO_TRY(ordo__store_sql(s, append_sql, &r));
    ordo__bind_int(s, r, 1, e->line);
    ordo__bind_text(s, r, 2, ordo_ledger_kind_name(e->kind));
    ordo__bind_int(s, r, 3, e->amount);
    ordo__bind_int(s, r, 4, e->at);
    bind_ref(s, r, 5, e->case_id);
    bind_ref(s, r, 6, e->session);
    bind_ref(s, r, 7, e->reverses);
    ORDO_TRY(ordo__row_exec(s, r, "writing a ledger entry"));
    if (out_id)
        *out_id = ordo__store_last_id(s);
    ORDO_TRY(ordo__store_sql(s, add_balance_sql, &r));
    ordo__bind_int(s, r, 1, e->line);
    ordo__bind_int(s, r, 2, delta.used);
    ordo__bind_int(s, r, 3, delta.reserved);
    ordo__bind_int(s, r, 4, delta.overdraft);
    ORDO_TRY(ordo__row_exec(s, r, "updating the line's balance"));
    if (ordo__store_changes(s) != 1)
        rc = ordo__seterr(E(s), ORDO_EINPUT, "ledger: line %lld does not exist", (long long)e->line);
done:
    return rc;
}

/* ---- contracts ------------------------------------------------------------------------ */

static const char *const contract_status_sql = "SELECT status, start_date, end_date FROM contracts WHERE id = ?1";
static const char *const set_contract_status_sql = "UPDATE contracts SET status = ?2 WHERE id = ?1";

/* Status and dates of a contract; ORDO_ENOTFOUND if there is none. */
static int read_contract(ordo_store *s, const char *id, ordo_contract_status *status, ordo_date *start,
                         ordo_date *end)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    ORDO_TRY(ordo__store_sql(s, contract_status_sql, &r));
    ordo__bind_text(s, r, 1, id);
    ORDO_TRY(ordo__row_need(s, r, "reading the contract", "contract %s does not exist", id));
    int v = ordo_contract_status_parse(ordo__col_text(s, r, 0));
    rc = v < 0 ? ordo__seterr(E(s), ORDO_EIO, "store %s: contract %s: unknown status", ordo__store_path(s), id)
               : ORDO_OK;
    *status = (ordo_contract_status)(v < 0 ? 0 : v);
    if (rc == ORDO_OK)
        rc = ordo__col_date(s, r, 1, start, "contracts", id);
    if (rc == ORDO_OK)
        rc = ordo__col_date(s, r, 2, end, "contracts", id);
    ordo__row_reset(r);
done:
    return rc;
}

int ordo_store_contract_set_status(ordo_store *s, const char *id, ordo_contract_status to)
{
    int rc = ORDO_OK, began = 0;
    ordo_contract_status from;
    ordo_date a, b;
    ordo__row *r = NULL;
    if (!s || !id)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__store_unit_begin(s));
    began = 1;
    ORDO_TRY(read_contract(s, id, &from, &a, &b));
    ORDO_TRY(ordo_contract_status_check(id, from, to, E(s)));
    ORDO_TRY(ordo__store_sql(s, set_contract_status_sql, &r));
    ordo__bind_text(s, r, 1, id);
    ordo__bind_text(s, r, 2, ordo_contract_status_name(to));
    rc = ordo__row_exec(s, r, "changing the contract's status");
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    return rc;
}

/* ---- lines -------------------------------------------------------------------------------- */

#define LINE_COLS "l.id, l.contract, l.kind, l.start_date, l.end_date, l.total, l.used, l.reserved," \
                  " l.overdraft, l.is_primary"
static const char *const add_line_sql =
    "INSERT INTO contract_lines (contract, kind, start_date, end_date, total) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char *const get_line_sql = "SELECT " LINE_COLS " FROM contract_lines l WHERE l.id = ?1";
static const char *const primary_line_sql =
    "SELECT id FROM contract_lines WHERE contract = ?1 AND is_primary = 1";
static const char *const list_lines_sql =
    "SELECT " LINE_COLS " FROM contract_lines l JOIN contracts k ON k.id = l.contract"
    " WHERE ?1 IS NULL OR l.contract = ?1 ORDER BY k.position, k.rowid, l.id";

/* Columns LINE_COLS -> l (contract borrowed from the row). */
static int line_row(ordo_store *s, ordo__row *r, ordo_contract_line *l)
{
    int rc = ORDO_OK;
    char row[32];
    memset(l, 0, sizeof *l);
    l->id = ordo__col_int(r, 0);
    l->contract = (char *)ordo__col_text(s, r, 1);
    int kind = ordo_line_kind_parse(ordo__col_text(s, r, 2));
    snprintf(row, sizeof row, "line %lld", (long long)l->id);
    if (kind < 0)
        return ordo__seterr(E(s), ORDO_EIO, "store %s: %s: unknown kind", ordo__store_path(s), row);
    l->kind = (ordo_line_kind)kind;
    ORDO_TRY(ordo__col_date(s, r, 3, &l->start, "contract_lines", row));
    ORDO_TRY(ordo__col_date(s, r, 4, &l->end, "contract_lines", row));
    l->balance.total = ordo__col_int(r, 5);
    l->balance.used = ordo__col_int(r, 6);
    l->balance.reserved = ordo__col_int(r, 7);
    l->balance.overdraft = ordo__col_int(r, 8);
    l->is_primary = (int)ordo__col_int(r, 9);
done:
    return rc;
}

int ordo_store_line_add(ordo_store *s, ordo_contract_line *line, int contract_dates)
{
    int rc = ORDO_OK, began = 0;
    ordo_contract_status status;
    ordo_date a, b;
    char d1[11], d2[11];
    ordo__row *r = NULL;
    if (!s || !line || !line->contract)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    if ((unsigned)line->kind >= ORDO_LINE_KIND_COUNT)
        return ordo__seterr(E(s), ORDO_EINVAL, "contract %s: unknown line kind %d", line->contract, (int)line->kind);
    if (line->kind == ORDO_LINE_COVERAGE)
        line->balance.total = 0;
    else if (line->balance.total <= 0)
        return ordo__seterr(E(s), ORDO_EINPUT, "contract %s: a %s line needs a total > 0", line->contract,
                            ordo_line_kind_name(line->kind));
    ORDO_TRY(ordo__store_unit_begin(s));
    began = 1;
    ORDO_TRY(read_contract(s, line->contract, &status, &a, &b));
    if (contract_dates) {
        line->start = a;
        line->end = b;
    }
    if (line->start > line->end || line->start < a || line->end > b) {
        ordo_date_format(a, d1);
        ordo_date_format(b, d2);
        rc = ordo__seterr(E(s), ORDO_EINPUT, "contract %s: a line's dates must lie within the contract's (%s..%s), "
                          "start before end", line->contract, d1, d2);
        goto done;
    }
    ORDO_TRY(ordo__store_sql(s, add_line_sql, &r));
    ordo__bind_text(s, r, 1, line->contract);
    ordo__bind_text(s, r, 2, ordo_line_kind_name(line->kind));
    ordo__bind_date(s, r, 3, line->start);
    ordo__bind_date(s, r, 4, line->end);
    ordo__bind_int(s, r, 5, line->balance.total);
    ORDO_TRY(ordo__row_exec(s, r, "adding the line"));
    line->id = ordo__store_last_id(s);
    line->balance.used = line->balance.reserved = line->balance.overdraft = 0;
    line->is_primary = 0;
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    return rc;
}

int ordo_store_line_get(ordo_store *s, int64_t id, ordo_contract_line *out)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    if (!s || !out)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    memset(out, 0, sizeof *out);
    ORDO_TRY(ordo__store_sql(s, get_line_sql, &r));
    ordo__bind_int(s, r, 1, id);
    ORDO_TRY(ordo__row_need(s, r, "reading the line", "contract line %lld does not exist", (long long)id));
    if ((rc = line_row(s, r, out)) == ORDO_OK && !(out->contract = ordo__strdup(out->contract)))
        rc = ordo__seterr(E(s), ORDO_ENOMEM, "out of memory");
    ordo__row_reset(r);
done:
    if (rc < 0)
        memset(out, 0, sizeof *out);
    return rc;
}

int ordo_store_line_primary(ordo_store *s, const char *contract, int64_t *out)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    *out = 0;
    ORDO_TRY(ordo__store_sql(s, primary_line_sql, &r));
    ordo__bind_text(s, r, 1, contract);
    rc = ordo__row_int(s, r, "finding the contract's hour bank", 0, out);
done:
    return rc;
}

typedef struct each_line {
    ordo_line_fn fn;
    void *payload;
} each_line;

static int line_each(ordo_store *s, ordo__row *r, void *payload)
{
    const each_line *c = payload;
    ordo_contract_line l;
    int rc = line_row(s, r, &l);
    return rc == ORDO_OK ? c->fn(&l, c->payload) : rc;
}

int ordo_store_line_list(ordo_store *s, const char *contract, ordo_line_fn fn, void *payload)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    each_line c = { fn, payload };
    if (!s || !fn)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__store_sql(s, list_lines_sql, &r));
    ordo__bind_text(s, r, 1, contract);
    rc = ordo__row_each(s, r, "listing contract lines", line_each, &c);
done:
    return rc;
}

/* ---- ledger listing -------------------------------------------------------------------------- */

static const char *const list_ledger_sql =
    "SELECT e.id, e.line, e.kind, e.amount, e.at, e.case_id, e.session, e.reverses"
    " FROM ledger e JOIN contract_lines l ON l.id = e.line"
    " WHERE (?1 IS NULL OR l.contract = ?1) AND (?2 = 0 OR e.line = ?2) ORDER BY e.id";

static int entry_row(ordo_store *s, ordo__row *r, ordo_ledger_entry *e)
{
    memset(e, 0, sizeof *e);
    e->id = ordo__col_int(r, 0);
    e->line = ordo__col_int(r, 1);
    int kind = ordo_ledger_kind_parse(ordo__col_text(s, r, 2));
    e->kind = (ordo_ledger_kind)(kind < 0 ? 0 : kind);
    e->amount = ordo__col_int(r, 3);
    e->at = ordo__col_int(r, 4);
    e->case_id = ordo__col_int(r, 5);
    e->session = ordo__col_int(r, 6);
    e->reverses = ordo__col_int(r, 7);
    if (kind < 0)
        return ordo__seterr(E(s), ORDO_EIO, "store %s: ledger entry %lld: unknown kind", ordo__store_path(s),
                            (long long)e->id);
    return ORDO_OK;
}

typedef struct each_entry {
    ordo_ledger_fn fn;
    void *payload;
} each_entry;

static int entry_each(ordo_store *s, ordo__row *r, void *payload)
{
    const each_entry *c = payload;
    ordo_ledger_entry e;
    int rc = entry_row(s, r, &e);
    return rc == ORDO_OK ? c->fn(&e, c->payload) : rc;
}

int ordo_store_ledger_list(ordo_store *s, const char *contract, int64_t line, ordo_ledger_fn fn, void *payload)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    each_entry c = { fn, payload };
    if (!s || !fn)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__store_sql(s, list_ledger_sql, &r));
    ordo__bind_text(s, r, 1, contract);
    ordo__bind_int(s, r, 2, line);
    rc = ordo__row_each(s, r, "listing the ledger", entry_each, &c);
done:
    return rc;
}

/* ---- check ------------------------------------------------------------------------------------- */

typedef struct cached_line {
    int64_t id;
    char *contract;
    ordo_balance cached, derived;
} cached_line;

typedef struct checker {
    ordo_store *s;
    cached_line *lines;
    size_t n, cap;
    ordo_problem_fn fn;
    void *payload;
    int problems;
} checker;

static int report(checker *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int report(checker *c, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->problems++;
    return c->fn ? c->fn(msg, c->payload) : ORDO_OK;
}

static int collect_line(const ordo_contract_line *l, void *payload)
{
    checker *c = payload;
    if (ORDO_GROW(c->lines, c->cap, c->n + 1) < 0)
        return ordo__seterr(E(c->s), ORDO_ENOMEM, "out of memory");
    cached_line *x = &c->lines[c->n];
    memset(x, 0, sizeof *x);
    x->id = l->id;
    x->cached = l->balance;
    x->derived.total = l->balance.total;
    if (!(x->contract = ordo__strdup(l->contract)))
        return ordo__seterr(E(c->s), ORDO_ENOMEM, "out of memory");
    c->n++;
    return ORDO_OK;
}

static int by_line_id(const void *a, const void *b)
{
    int64_t x = ((const cached_line *)a)->id, y = ((const cached_line *)b)->id;
    return (x > y) - (x < y);
}

static cached_line *find_line(checker *c, int64_t id)
{
    cached_line key = { .id = id };
    return bsearch(&key, c->lines, c->n, sizeof *c->lines, by_line_id);
}

static const char *const check_entries_sql =
    "SELECT e.id, e.line, e.kind, e.amount, r.kind, r.line, r.amount"
    " FROM ledger e LEFT JOIN ledger r ON r.id = e.reverses ORDER BY e.id";
/* Each row is one problem: two numbers and a text (may be NULL). */
static const char *const check_twice_sql =
    "SELECT reverses, COUNT(*), NULL FROM ledger WHERE reverses IS NOT NULL GROUP BY reverses"
    " HAVING COUNT(*) > 1";
static const char *const check_sessions_sql =
    "SELECT session, line, NULL FROM ledger WHERE session IS NOT NULL GROUP BY session, line"
    " HAVING SUM(CASE kind WHEN 'reservation' THEN amount WHEN 'release' THEN -amount ELSE 0 END) < 0";
/* A resolved case holds one unreversed deduction per resolution; an
 * unresolved one holds none (a reactivation reverses them all). */
static const char *const check_cases_sql =
    "SELECT c.id, COUNT(e.id), c.status FROM cases c JOIN ledger e ON e.case_id = c.id"
    " AND e.kind = 'deduction' AND NOT EXISTS (SELECT 1 FROM ledger r WHERE r.reverses = e.id)"
    " GROUP BY c.id HAVING COUNT(e.id) > (c.status = 'resolved')";

/* One entry: add it to its line's derived balance; check a reversal. */
static int sum_entry(ordo_store *s, ordo__row *r, void *payload)
{
    checker *c = payload;
    int64_t id = ordo__col_int(r, 0), line = ordo__col_int(r, 1), amount = ordo__col_int(r, 3);
    int kind = ordo_ledger_kind_parse(ordo__col_text(s, r, 2));
    int rkind = ordo__col_is_null(r, 4) ? -1 : ordo_ledger_kind_parse(ordo__col_text(s, r, 4));
    cached_line *l = find_line(c, line);
    if (kind == ORDO_LEDGER_REVERSAL && (rkind < 0 || ordo__col_int(r, 5) != line || ordo__col_int(r, 6) != amount))
        return report(c, "ledger entry %lld (reversal of %lld on line %lld) does not match the entry it reverses",
                      (long long)id, (long long)amount, (long long)line);
    if (!l || kind < 0 || ordo_balance_apply(&l->derived, (ordo_ledger_kind)kind, amount, (ordo_ledger_kind)rkind) < 0)
        return report(c, "ledger entry %lld on line %lld is not a valid entry", (long long)id, (long long)line);
    return ORDO_OK;
}

/* A row that is one problem: fmt takes its two numbers and its text ("" for NULL). */
typedef struct problem_rows {
    checker *c;
    const char *fmt;
} problem_rows;

static int problem_row(ordo_store *s, ordo__row *r, void *payload)
{
    const problem_rows *p = payload;
    const char *text = ordo__col_text(s, r, 2);
    char msg[256];
    snprintf(msg, sizeof msg, p->fmt, (long long)ordo__col_int(r, 0), (long long)ordo__col_int(r, 1),
             text ? text : "");
    return report(p->c, "%s", msg);
}

/* Runs a check statement through `each`. */
static int check_rows(checker *c, const char *sql, ordo__each_fn each, void *payload)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    ORDO_TRY(ordo__store_sql(c->s, sql, &r));
    rc = ordo__row_each(c->s, r, "checking the ledger", each, payload);
done:
    return rc;
}

static int report_rows(checker *c, const char *sql, const char *fmt)
{
    problem_rows p = { c, fmt };
    return check_rows(c, sql, problem_row, &p);
}

static int check_balance(checker *c, const cached_line *l)
{
    static const char *const names[] = { "used", "reserved", "overdraft" };
    const int64_t have[] = { l->cached.used, l->cached.reserved, l->cached.overdraft };
    const int64_t want[] = { l->derived.used, l->derived.reserved, l->derived.overdraft };
    int rc = ORDO_OK;
    for (int k = 0; rc == ORDO_OK && k < 3; k++) {
        if (have[k] != want[k])
            rc = report(c, "line %lld of contract %s: %s is %lld but its ledger sums to %lld", (long long)l->id,
                        l->contract, names[k], (long long)have[k], (long long)want[k]);
        else if (want[k] < 0)
            rc = report(c, "line %lld of contract %s: %s sums to %lld (below zero)", (long long)l->id,
                        l->contract, names[k], (long long)want[k]);
    }
    return rc;
}

int ordo_store_bank_check(ordo_store *s, ordo_problem_fn fn, void *payload, int *out_problems)
{
    int rc = ORDO_OK, began = 0;
    checker c = { s, NULL, 0, 0, fn, payload, 0 };
    if (!s)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__store_read_begin(s, &began));  /* one consistent snapshot */
    ORDO_TRY(ordo_store_line_list(s, NULL, collect_line, &c));
    qsort(c.lines, c.n, sizeof *c.lines, by_line_id);
    ORDO_TRY(check_rows(&c, check_entries_sql, sum_entry, &c));
    for (size_t i = 0; i < c.n; i++)
        ORDO_TRY(check_balance(&c, &c.lines[i]));
    ORDO_TRY(report_rows(&c, check_twice_sql, "ledger entry %lld is reversed %lld times%s"));
    ORDO_TRY(report_rows(&c, check_sessions_sql, "session %lld released more than it reserved on line %lld%s"));
    ORDO_TRY(report_rows(&c, check_cases_sql, "case %lld holds %lld unreversed deductions while %s"));
done:
    rc = ordo__store_read_end(s, began, rc);
    for (size_t i = 0; i < c.n; i++)
        ordo__free(c.lines[i].contract);
    ordo__free(c.lines);
    if (out_problems)
        *out_problems = c.problems;
    return rc;
}
