/*
 * store_case.c — cases and activities in the store (service.h): adding
 * them, resolving a case against its contract line, other status changes
 * with their reversals, and the per-customer totals of the customer view.
 *
 * Invariants: a resolution reads the case, its activities and its line
 * under the write lock and writes the ledger entries, the line's balance
 * and the case's status in that one transaction (so concurrent resolutions
 * serialise and a killed process leaves all or nothing). A case's
 * activities are billed exactly while it is resolved: a resolution bills
 * them all (a resolved case takes no new activity), and leaving RESOLVED
 * reverses each unreversed deduction and overdraft of the case, making all
 * of them billable again (store_schema.h).
 */
#include "io/service.h"
#include "io/store/sqlite/store_ledger.h"

#include <stdio.h>
#include <string.h>

static ordo_err *E(ordo_store *s) { return ordo__store_err(s); }

static int oom(ordo_store *s) { return ordo__seterr(E(s), ORDO_ENOMEM, "out of memory"); }

/* ---- cases ------------------------------------------------------------------------- */

#define CASE_COLS "id, customer, product, line, title, priority, origin, status, opened"
static const char *const add_case_sql =
    "INSERT INTO cases (customer, product, line, title, priority, origin, status, opened)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'active', ?7)";
static const char *const get_case_sql = "SELECT " CASE_COLS " FROM cases WHERE id = ?1";
static const char *const list_cases_sql =
    "SELECT " CASE_COLS " FROM cases WHERE ?1 IS NULL OR customer = ?1 ORDER BY id";
static const char *const product_exists_sql = "SELECT 1 FROM products WHERE id = ?1";
static const char *const line_owner_sql =
    "SELECT k.id, k.customer, (SELECT account FROM contacts WHERE id = ?2)"
    " FROM contract_lines l JOIN contracts k ON k.id = l.contract WHERE l.id = ?1";
static const char *const case_status_sql = "SELECT status FROM cases WHERE id = ?1";
static const char *const set_case_status_sql = "UPDATE cases SET status = ?2 WHERE id = ?1";

static int enum_col(ordo_store *s, ordo__row *r, int col, int (*parse)(const char *), const char *what,
                    int64_t id, int *out)
{
    const char *v = ordo__col_text(s, r, col);
    *out = parse(v);
    if (*out >= 0)
        return ORDO_OK;
    *out = 0;
    return ordo__seterr(E(s), ORDO_EIO, "store %s: case %lld: %s '%s' is not valid", ordo__store_path(s),
                        (long long)id, what, v ? v : "(null)");
}

/* Row CASE_COLS -> c (strings borrowed from the row). */
static int case_row(ordo_store *s, ordo__row *r, ordo_case *c)
{
    int rc = ORDO_OK, v;
    char row[32];
    memset(c, 0, sizeof *c);
    c->id = ordo__col_int(r, 0);
    c->customer = (char *)ordo__col_text(s, r, 1);
    c->product = (char *)ordo__col_text(s, r, 2);
    c->line = ordo__col_int(r, 3);
    c->title = (char *)ordo__col_text(s, r, 4);
    ORDO_TRY(enum_col(s, r, 5, ordo_case_priority_parse, "priority", c->id, &v));
    c->priority = (ordo_case_priority)v;
    ORDO_TRY(enum_col(s, r, 6, ordo_case_origin_parse, "origin", c->id, &v));
    c->origin = (ordo_case_origin)v;
    ORDO_TRY(enum_col(s, r, 7, ordo_case_status_parse, "status", c->id, &v));
    c->status = (ordo_case_status)v;
    snprintf(row, sizeof row, "case %lld", (long long)c->id);
    rc = ordo__col_date(s, r, 8, &c->opened, "cases", row);
done:
    return rc;
}

/* The case's line must belong to a contract of its customer, or of the
 * account of the contact that is its customer. */
static int check_line_owner(ordo_store *s, const ordo_case *c)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    ORDO_TRY(ordo__store_sql(s, line_owner_sql, &r));
    ordo__bind_int(s, r, 1, c->line);
    ordo__bind_text(s, r, 2, c->customer);
    if ((rc = ordo__row_need(s, r, "reading the contract line", "case for %s: contract line %lld does not exist",
                             c->customer, (long long)c->line)) == ORDO_ENOTFOUND)
        E(s)->code = rc = ORDO_EINPUT;      /* an unknown reference in the input */
    ORDO_TRY(rc);
    const char *contract = ordo__col_text(s, r, 0), *owner = ordo__col_text(s, r, 1);
    const char *account = ordo__col_text(s, r, 2);
    int own = owner && (strcmp(owner, c->customer) == 0 || (account && strcmp(owner, account) == 0));
    rc = own ? ORDO_OK
             : ordo__seterr(E(s), ORDO_ERULE, "case for %s: line %lld belongs to contract %s of %s, not to %s%s%s",
                            c->customer, (long long)c->line, contract ? contract : "?", owner ? owner : "?",
                            c->customer, account ? " or its account " : "", account ? account : "");
    ordo__row_reset(r);
done:
    return rc;
}

int ordo_store_case_add(ordo_store *s, ordo_case *c)
{
    int rc = ORDO_OK, began = 0, kind = 0;
    ordo__row *r = NULL;
    if (!s || !c)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    if (!c->title || !*c->title || !c->customer)
        return ordo__seterr(E(s), ORDO_EINPUT, "a case needs a customer and a title");
    if ((unsigned)c->priority >= ORDO_PRIORITY_COUNT || (unsigned)c->origin >= ORDO_ORIGIN_COUNT)
        return ordo__seterr(E(s), ORDO_EINVAL, "case for %s: unknown priority or origin", c->customer);
    ORDO_TRY(ordo__store_unit_begin(s));
    began = 1;
    ORDO_TRY(ordo_store_party_find(s, c->customer, &kind));
    if (!kind) {
        rc = ordo__seterr(E(s), ORDO_EINPUT, "case: customer '%s' is not an account or contact", c->customer);
        goto done;
    }
    if (c->product) {
        int64_t found = 0;
        ORDO_TRY(ordo__store_sql(s, product_exists_sql, &r));
        ordo__bind_text(s, r, 1, c->product);
        ORDO_TRY(ordo__row_int(s, r, "looking up the product", 0, &found));
        if (!found) {
            rc = ordo__seterr(E(s), ORDO_EINPUT, "case for %s: product '%s' does not exist", c->customer,
                              c->product);
            goto done;
        }
    }
    if (c->line)
        ORDO_TRY(check_line_owner(s, c));
    ORDO_TRY(ordo__store_sql(s, add_case_sql, &r));
    ordo__bind_text(s, r, 1, c->customer);
    ordo__bind_text(s, r, 2, c->product);
    if (c->line)
        ordo__bind_int(s, r, 3, c->line);
    ordo__bind_text(s, r, 4, c->title);
    ordo__bind_text(s, r, 5, ordo_case_priority_name(c->priority));
    ordo__bind_text(s, r, 6, ordo_case_origin_name(c->origin));
    ordo__bind_date(s, r, 7, c->opened);
    ORDO_TRY(ordo__row_exec(s, r, "adding the case"));
    c->id = ordo__store_last_id(s);
    c->status = ORDO_CASE_ACTIVE;
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    return rc;
}

int ordo_store_case_get(ordo_store *s, int64_t id, ordo_case *out)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    ordo_case row;
    if (!s || !out)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    memset(out, 0, sizeof *out);
    ORDO_TRY(ordo__store_sql(s, get_case_sql, &r));
    ordo__bind_int(s, r, 1, id);
    ORDO_TRY(ordo__row_need(s, r, "reading the case", "case %lld does not exist", (long long)id));
    if ((rc = case_row(s, r, &row)) == ORDO_OK) {
        *out = row;
        out->customer = ordo__strdup(row.customer);
        out->product = ordo__strdup(row.product);
        out->title = ordo__strdup(row.title);
        if (!out->customer || !out->title || (row.product && !out->product))
            rc = oom(s);
    }
    ordo__row_reset(r);
done:
    if (rc < 0)
        ordo_case_clear(out);
    return rc;
}

typedef struct each_case {
    ordo_case_fn fn;
    void *payload;
} each_case;

static int case_each(ordo_store *s, ordo__row *r, void *payload)
{
    const each_case *c = payload;
    ordo_case x;
    int rc = case_row(s, r, &x);
    return rc == ORDO_OK ? c->fn(&x, c->payload) : rc;
}

int ordo_store_case_list(ordo_store *s, const char *customer, ordo_case_fn fn, void *payload)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    each_case c = { fn, payload };
    if (!s || !fn)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__store_sql(s, list_cases_sql, &r));
    ordo__bind_text(s, r, 1, customer);
    rc = ordo__row_each(s, r, "listing cases", case_each, &c);
done:
    return rc;
}

/* Status of a case under the caller's unit; ORDO_ENOTFOUND if none. */
static int read_status(ordo_store *s, int64_t id, ordo_case_status *out)
{
    int rc = ORDO_OK, v;
    ordo__row *r = NULL;
    ORDO_TRY(ordo__store_sql(s, case_status_sql, &r));
    ordo__bind_int(s, r, 1, id);
    ORDO_TRY(ordo__row_need(s, r, "reading the case", "case %lld does not exist", (long long)id));
    rc = enum_col(s, r, 0, ordo_case_status_parse, "status", id, &v);
    *out = (ordo_case_status)v;
    ordo__row_reset(r);
done:
    return rc;
}

static int write_status(ordo_store *s, int64_t id, ordo_case_status st)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    ORDO_TRY(ordo__store_sql(s, set_case_status_sql, &r));
    ordo__bind_int(s, r, 1, id);
    ordo__bind_text(s, r, 2, ordo_case_status_name(st));
    rc = ordo__row_exec(s, r, "changing the case's status");
done:
    return rc;
}

/* ---- activities ------------------------------------------------------------------------- */

static const char *const add_activity_sql =
    "INSERT INTO activities (case_id, kind, minutes, subject) VALUES (?1, ?2, ?3, ?4)";
static const char *const list_activities_sql =
    "SELECT a.id, a.case_id, a.kind, a.minutes, a.subject, c.status = 'resolved' FROM activities a"
    " JOIN cases c ON c.id = a.case_id WHERE a.case_id = ?1 ORDER BY a.id";

int ordo_store_activity_add(ordo_store *s, ordo_activity *a)
{
    int rc = ORDO_OK, began = 0;
    ordo_case_status st;
    ordo__row *r = NULL;
    if (!s || !a)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    if ((unsigned)a->kind >= ORDO_ACTIVITY_KIND_COUNT || a->minutes < 0)
        return ordo__seterr(E(s), ORDO_EINPUT, "case %lld: an activity needs a known kind and minutes >= 0",
                            (long long)a->case_id);
    ORDO_TRY(ordo__store_unit_begin(s));
    began = 1;
    ORDO_TRY(read_status(s, a->case_id, &st));
    if (st != ORDO_CASE_ACTIVE && st != ORDO_CASE_ON_HOLD) {
        rc = ordo__seterr(E(s), ORDO_ERULE, "case %lld is %s: reactivate it before adding activities",
                          (long long)a->case_id, ordo_case_status_name(st));
        goto done;
    }
    ORDO_TRY(ordo__store_sql(s, add_activity_sql, &r));
    ordo__bind_int(s, r, 1, a->case_id);
    ordo__bind_text(s, r, 2, ordo_activity_kind_name(a->kind));
    ordo__bind_int(s, r, 3, a->minutes);
    ordo__bind_text(s, r, 4, a->subject);
    ORDO_TRY(ordo__row_exec(s, r, "adding the activity"));
    a->id = ordo__store_last_id(s);
    a->billed = 0;
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    return rc;
}

typedef struct each_activity {
    ordo_activity_fn fn;
    void *payload;
} each_activity;

static int activity_each(ordo_store *s, ordo__row *r, void *payload)
{
    const each_activity *c = payload;
    ordo_activity a = { 0 };
    int kind = ordo_activity_kind_parse(ordo__col_text(s, r, 2));
    a.id = ordo__col_int(r, 0);
    a.case_id = ordo__col_int(r, 1);
    a.kind = (ordo_activity_kind)(kind < 0 ? 0 : kind);
    a.minutes = ordo__col_int(r, 3);
    a.subject = (char *)ordo__col_text(s, r, 4);
    a.billed = (int)ordo__col_int(r, 5);
    if (kind < 0)
        return ordo__seterr(E(s), ORDO_EIO, "store %s: activity %lld: unknown kind", ordo__store_path(s),
                            (long long)a.id);
    return c->fn(&a, c->payload);
}

int ordo_store_activity_list(ordo_store *s, int64_t case_id, ordo_activity_fn fn, void *payload)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    each_activity c = { fn, payload };
    if (!s || !fn)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__store_sql(s, list_activities_sql, &r));
    ordo__bind_int(s, r, 1, case_id);
    rc = ordo__row_each(s, r, "listing activities", activity_each, &c);
done:
    return rc;
}

/* ---- resolve ------------------------------------------------------------------------------- */

static const char *const resolve_inputs_sql =
    "SELECT c.status, c.opened, COALESCE(c.line, 0), l.kind, l.start_date, l.end_date, l.total, l.used,"
    " l.reserved, l.overdraft, l.contract, k.status,"
    " (SELECT COALESCE(SUM(minutes), 0) FROM activities WHERE case_id = c.id)"
    " FROM cases c LEFT JOIN contract_lines l ON l.id = c.line LEFT JOIN contracts k ON k.id = l.contract"
    " WHERE c.id = ?1";

/* Reads the inputs of the rule and decides (row strings used before reset). */
static int plan_resolution(ordo_store *s, ordo_resolve_input *in, ordo_resolve_plan *plan)
{
    int rc = ORDO_OK, v;
    char row[32];
    ordo__row *r = NULL;
    snprintf(row, sizeof row, "case %lld", (long long)in->case_id);
    ORDO_TRY(ordo__store_sql(s, resolve_inputs_sql, &r));
    ordo__bind_int(s, r, 1, in->case_id);
    ORDO_TRY(ordo__row_need(s, r, "reading the case", "case %lld does not exist", (long long)in->case_id));
    rc = enum_col(s, r, 0, ordo_case_status_parse, "status", in->case_id, &v);
    in->status = (ordo_case_status)v;
    if (rc == ORDO_OK)
        rc = ordo__col_date(s, r, 1, &in->opened, "cases", row);
    in->line = ordo__col_int(r, 2);
    if (rc == ORDO_OK && in->line) {
        int kind = ordo_line_kind_parse(ordo__col_text(s, r, 3));
        int status = ordo_contract_status_parse(ordo__col_text(s, r, 11));
        if (kind < 0 || status < 0)
            rc = ordo__seterr(E(s), ORDO_EIO, "store %s: line %lld of %s: unknown kind or contract status",
                              ordo__store_path(s), (long long)in->line, row);
        in->kind = (ordo_line_kind)(kind < 0 ? 0 : kind);
        in->contract_status = (ordo_contract_status)(status < 0 ? 0 : status);
        if (rc == ORDO_OK)
            rc = ordo__col_date(s, r, 4, &in->line_start, "contract_lines", row);
        if (rc == ORDO_OK)
            rc = ordo__col_date(s, r, 5, &in->line_end, "contract_lines", row);
        in->balance.total = ordo__col_int(r, 6);
        in->balance.used = ordo__col_int(r, 7);
        in->balance.reserved = ordo__col_int(r, 8);
        in->balance.overdraft = ordo__col_int(r, 9);
        in->contract = ordo__col_text(s, r, 10);
    }
    in->unbilled_minutes = ordo__col_int(r, 12);
    if (rc == ORDO_OK)
        rc = ordo_case_resolve_plan(in, plan, E(s));
    in->contract = NULL;
    ordo__row_reset(r);
done:
    return rc;
}

int ordo_store_case_resolve(ordo_store *s, int64_t id, int64_t billable, int overdraft, int64_t now,
                            ordo_resolve_plan *out)
{
    int rc = ORDO_OK, began = 0;
    ordo_resolve_input in = { 0 };
    ordo_resolve_plan plan = { 0, 0 };
    if (!s)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    in.case_id = id;
    in.billable = billable;
    in.overdraft = overdraft;
    ORDO_TRY(ordo__store_unit_begin(s));
    began = 1;
    ORDO_TRY(plan_resolution(s, &in, &plan));
    ordo_ledger_entry e = { 0, in.line, ORDO_LEDGER_DEDUCTION, plan.deduct, now, id, 0, 0 };
    if (plan.deduct > 0)
        ORDO_TRY(ordo__ledger_append(s, &e, ORDO_LEDGER_DEDUCTION, NULL));
    e.kind = ORDO_LEDGER_OVERDRAFT;
    e.amount = plan.overdraft;
    if (plan.overdraft > 0)
        ORDO_TRY(ordo__ledger_append(s, &e, ORDO_LEDGER_OVERDRAFT, NULL));
    ORDO_TRY(write_status(s, id, ORDO_CASE_RESOLVED));   /* bills every activity of the case */
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    if (out)
        *out = rc == ORDO_OK ? plan : (ordo_resolve_plan){ 0, 0 };
    return rc;
}

/* ---- other status changes -------------------------------------------------------------------- */

static const char *const unreversed_sql =
    "SELECT e.id, e.line, e.kind, e.amount FROM ledger e WHERE e.case_id = ?1"
    " AND e.kind IN ('deduction', 'overdraft')"
    " AND NOT EXISTS (SELECT 1 FROM ledger r WHERE r.reverses = e.id) ORDER BY e.id";

/* Reverse every deduction and overdraft of the case not reversed yet (its
 * activities become billable again with the status change). The entries
 * are read first, then appended (no write under a running read); the scan
 * is not indexed, which keeps resolutions cheap and reactivations rare. */
/* Collects the entries to reverse. */
typedef struct entries {
    ordo_ledger_entry *v;
    size_t n, cap;
    int64_t now, case_id;
} entries;

static int collect_entry(ordo_store *s, ordo__row *r, void *payload)
{
    entries *e = payload;
    if (ORDO_GROW(e->v, e->cap, e->n + 1) < 0)
        return oom(s);
    int kind = ordo_ledger_kind_parse(ordo__col_text(s, r, 2));
    e->v[e->n++] = (ordo_ledger_entry){ ordo__col_int(r, 0), ordo__col_int(r, 1), (ordo_ledger_kind)(kind < 0 ? 0 : kind),
                                        ordo__col_int(r, 3), e->now, e->case_id, 0, 0 };
    return ORDO_OK;
}

static int reverse_case(ordo_store *s, int64_t id, int64_t now)
{
    int rc = ORDO_OK;
    entries e = { NULL, 0, 0, now, id };
    ordo__row *r = NULL;
    ORDO_TRY(ordo__store_sql(s, unreversed_sql, &r));
    ordo__bind_int(s, r, 1, id);
    ORDO_TRY(ordo__row_each(s, r, "reading the case's deductions", collect_entry, &e));
    for (size_t i = 0; i < e.n; i++) {
        ordo_ledger_entry rev = { 0, e.v[i].line, ORDO_LEDGER_REVERSAL, e.v[i].amount, now, id, 0, e.v[i].id };
        ORDO_TRY(ordo__ledger_append(s, &rev, e.v[i].kind, NULL));
    }
done:
    ordo__free(e.v);
    return rc;
}

int ordo_store_case_set_status(ordo_store *s, int64_t id, ordo_case_status to, int64_t now)
{
    int rc = ORDO_OK, began = 0, reverse = 0;
    ordo_case_status from;
    if (!s)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__store_unit_begin(s));
    began = 1;
    ORDO_TRY(read_status(s, id, &from));
    ORDO_TRY(ordo_case_status_check(id, from, to, &reverse, E(s)));
    if (reverse)
        ORDO_TRY(reverse_case(s, id, now));
    ORDO_TRY(write_status(s, id, to));
done:
    if (began)
        rc = ordo__store_unit_end(s, rc);
    return rc;
}

/* ---- customer totals ------------------------------------------------------------------------- */

static const char *const summary_sql =
    "SELECT COALESCE(SUM(status IN ('active', 'on_hold')), 0), COALESCE(SUM(status = 'resolved'), 0),"
    " COALESCE(SUM(status = 'cancelled'), 0),"
    " (SELECT COALESCE(SUM(a.minutes), 0) FROM activities a JOIN cases c ON c.id = a.case_id"
    "  WHERE c.customer = ?1),"
    " (SELECT COUNT(*) FROM activities a JOIN cases c ON c.id = a.case_id"
    "  WHERE c.customer = ?1 AND a.kind = 'phone_call')"
    " FROM cases WHERE customer = ?1";

int ordo_store_customer_summary(ordo_store *s, const char *customer, ordo_customer_summary *out)
{
    int rc = ORDO_OK;
    ordo__row *r = NULL;
    if (!s || !customer || !out)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    memset(out, 0, sizeof *out);
    ORDO_TRY(ordo__store_sql(s, summary_sql, &r));
    ordo__bind_text(s, r, 1, customer);
    ORDO_TRY(ordo__row_need(s, r, "totalling the customer's cases", "no totals for %s", customer));
    out->open_cases = (int)ordo__col_int(r, 0);
    out->resolved_cases = (int)ordo__col_int(r, 1);
    out->cancelled_cases = (int)ordo__col_int(r, 2);
    out->minutes_spent = ordo__col_int(r, 3);
    out->calls = (int)ordo__col_int(r, 4);
    ordo__row_reset(r);
done:
    return rc;
}
