/*
 * sla.c — SLA policies and the cases' SLA clocks in the store (io/sla.h).
 * A policy's business hours are one text column of seven "start-end"
 * minute ranges (Monday first) and its holidays a ';'-joined date list;
 * a case's pauses are rows, the open one with a NULL end.
 */
#include "io/sla.h"
#include "io/store/sqlite/store_int.h"
#include "model/case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ordo_err *E(ordo_store *s) { return ordo__store_err(s); }

#define POLICY_COLS "id, queue, contract, priority, first_response, resolve, warn_percent, site, zone, hours, holidays"
static const char *const policy_add_sql =
    "INSERT INTO sla_policies (" POLICY_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char *const policy_get_sql = "SELECT " POLICY_COLS " FROM sla_policies WHERE id = ?1";
static const char *const policy_list_sql = "SELECT " POLICY_COLS " FROM sla_policies ORDER BY id";
static const char *const policy_exists_sql = "SELECT count(*) FROM sla_policies WHERE id = ?1";
static const char *const site_exists_sql = "SELECT count(*) FROM sites WHERE id = ?1";
static const char *const policy_queue_sql = "SELECT " POLICY_COLS " FROM sla_policies WHERE queue = ?1 ORDER BY id";
static const char *const policy_match_sql =
    "SELECT " POLICY_COLS " FROM sla_policies WHERE queue IS NULL AND (contract IS NULL OR contract = ?1)"
    " AND (priority IS NULL OR priority = ?2)"
    " ORDER BY contract IS NULL, priority IS NULL, id LIMIT 1";
static const char *const sla_start_sql =
    "INSERT INTO case_slas (case_id, policy, started, first_response, resolve, warn_percent)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char *const sla_exists_sql = "SELECT count(*) FROM case_slas WHERE case_id = ?1";
static const char *const sla_get_sql =
    "SELECT policy, started, responded, resolved, first_response, resolve, warn_percent FROM case_slas"
    " WHERE case_id = ?1";
static const char *const pauses_sql = "SELECT start, stop FROM case_sla_pauses WHERE case_id = ?1 ORDER BY id";
static const char *const ev_sql[] = {
    [ORDO_SLA_RESPONDED] = "UPDATE case_slas SET responded = ?2 WHERE case_id = ?1 AND responded IS NULL",
    [ORDO_SLA_RESOLVED] = "UPDATE case_slas SET resolved = ?2 WHERE case_id = ?1",
    [ORDO_SLA_REOPENED] = "UPDATE case_slas SET resolved = NULL WHERE case_id = ?1 AND ?2 IS NOT NULL",
    [ORDO_SLA_HOLD] = "INSERT INTO case_sla_pauses (case_id, start) SELECT ?1, ?2 WHERE EXISTS"
                      " (SELECT 1 FROM case_slas WHERE case_id = ?1) AND NOT EXISTS"
                      " (SELECT 1 FROM case_sla_pauses WHERE case_id = ?1 AND stop IS NULL)",
    [ORDO_SLA_UNHOLD] = "UPDATE case_sla_pauses SET stop = max(start, ?2) WHERE case_id = ?1 AND stop IS NULL",
};

/* "540-1020;..." (7 ranges) <-> start/end. */
static void hours_text(const ordo_sla_policy *p, char *buf, size_t n)
{
    size_t k = 0;
    for (int d = 0; d < 7 && k < n; d++)
        k += (size_t)snprintf(buf + k, n - k, "%s%d-%d", d ? ";" : "", p->start[d], p->end[d]);
}

static int hours_parse(const char *t, ordo_sla_policy *p)
{
    for (int d = 0; d < 7; d++) {
        char *end = NULL;
        if (!t)
            return -1;
        p->start[d] = (int)strtol(t, &end, 10);
        if (*end != '-')
            return -1;
        p->end[d] = (int)strtol(end + 1, &end, 10);
        if (*end != (d < 6 ? ';' : '\0'))
            return -1;
        t = end + 1;
    }
    return 0;
}

static int policy_row(ordo_store *s, ordo__row *r, ordo_sla_policy *p)
{
    int oom = 0;
    memset(p, 0, sizeof *p);
    char **text[] = { &p->id, &p->queue, &p->contract };
    for (int i = 0; i < 3; i++) {
        const char *v = ordo__col_text(s, r, i);
        if (v && !(*text[i] = ordo__strdup(v)))
            oom = 1;
    }
    const char *prio = ordo__col_text(s, r, 3);
    p->priority = prio ? ordo_case_priority_parse(prio) : -1;
    p->first_response = ordo__col_int(r, 4);
    p->resolve = ordo__col_int(r, 5);
    p->warn_percent = (int)ordo__col_int(r, 6);
    const char *site = ordo__col_text(s, r, 7), *zone = ordo__col_text(s, r, 8);
    if ((site && !(p->site = ordo__strdup(site))) || (zone && !(p->zone = ordo__strdup(zone))))
        oom = 1;
    int bad = hours_parse(ordo__col_text(s, r, 9), p) < 0 || ordo_sla_holidays_parse(ordo__col_text(s, r, 10), p, NULL, 0) < 0;
    if (oom || bad) {
        int rc = oom ? ordo__seterr(E(s), ORDO_ENOMEM, "out of memory")
                     : ordo__seterr(E(s), ORDO_EIO, "store %s: sla policy %s: hours or holidays are not valid",
                                    ordo__store_path(s), p->id ? p->id : "?");
        ordo_sla_policy_clear(p);
        return rc;
    }
    return ORDO_OK;
}

int ordo_store_sla_policy_add(ordo_store *s, const ordo_sla_policy *p)
{
    int rc = ORDO_OK, began = 0;
    int64_t n = 0;
    ordo__row *r = NULL;
    char hours[160], *hol = NULL;
    if (!s || !p)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo_sla_policy_check(p, E(s)));
    ORDO_TRY(ordo__marketing_begin(s, &began));
    ORDO_TRY(ordo__store_sql(s, policy_exists_sql, &r));
    ordo__bind_text(s, r, 1, p->id);
    ORDO_TRY(ordo__row_int(s, r, "looking up the policy", 0, &n));
    if (n) {
        rc = ordo__seterr(E(s), ORDO_EEXISTS, "sla policy %s already exists", p->id);
        goto done;
    }
    if (p->site) {                        /* its hours are that site's: it must exist */
        ORDO_TRY(ordo__store_sql(s, site_exists_sql, &r));
        ordo__bind_text(s, r, 1, p->site);
        ORDO_TRY(ordo__row_int(s, r, "looking up the site", 0, &n));
        if (!n) {
            rc = ordo__seterr(E(s), ORDO_EINPUT, "sla policy %s: site '%s' does not exist", p->id, p->site);
            goto done;
        }
    }
    if (!(hol = ordo_sla_holidays_text(p))) {
        rc = ordo__seterr(E(s), ORDO_ENOMEM, "out of memory");
        goto done;
    }
    hours_text(p, hours, sizeof hours);
    ORDO_TRY(ordo__store_sql(s, policy_add_sql, &r));
    ordo__bind_text(s, r, 1, p->id);
    ordo__bind_text(s, r, 2, p->queue);
    ordo__bind_text(s, r, 3, p->contract);
    ordo__bind_text(s, r, 4, p->priority >= 0 ? ordo_case_priority_name((ordo_case_priority)p->priority) : NULL);
    ordo__bind_int(s, r, 5, p->first_response);
    ordo__bind_int(s, r, 6, p->resolve);
    ordo__bind_int(s, r, 7, p->warn_percent);
    ordo__bind_text(s, r, 8, p->site);
    ordo__bind_text(s, r, 9, p->zone);
    ordo__bind_text(s, r, 10, hours);
    ordo__bind_text(s, r, 11, hol);
    rc = ordo__row_exec(s, r, "adding the sla policy");
done:
    ordo__free(hol);
    return began ? ordo__store_unit_end(s, rc) : rc;
}

/* The first row of sql (?1 = a, ?2 = b as given) into *out in a read
 * snapshot; ORDO_ENOTFOUND with `what` when none (or no tables). */
static int policy_one(ordo_store *s, const char *sql, const char *a, const char *b, const char *what,
                      ordo_sla_policy *out)
{
    int rc = ORDO_OK, began = 0, have = 0;
    ordo__row *r = NULL;
    ordo__store_start_call(s);
    memset(out, 0, sizeof *out);
    ORDO_TRY(ordo__store_read_begin(s, &began));
    ORDO_TRY(ordo__marketing_present(s, &have));
    if (!have) {
        rc = ordo__seterr(E(s), ORDO_ENOTFOUND, "%s", what);
        goto done;
    }
    ORDO_TRY(ordo__store_sql(s, sql, &r));
    ordo__bind_text(s, r, 1, a);
    if (sql == policy_match_sql)
        ordo__bind_text(s, r, 2, b);
    ORDO_TRY(ordo__row_need(s, r, "reading the sla policy", "%s", what));
    rc = policy_row(s, r, out);
    ordo__row_reset(r);
done:
    return ordo__store_read_end(s, began, rc);
}

int ordo_store_sla_policy_get(ordo_store *s, const char *id, ordo_sla_policy *out)
{
    char what[128];
    if (!s || !id || !out)
        return ORDO_EINVAL;
    snprintf(what, sizeof what, "sla policy %s does not exist", id);
    return policy_one(s, policy_get_sql, id, NULL, what, out);
}

int ordo_store_sla_policy_match(ordo_store *s, const char *queue, const char *contract, int priority,
                                ordo_sla_policy *out)
{
    if (!s || !out)
        return ORDO_EINVAL;
    if (queue)
        return policy_one(s, policy_queue_sql, queue, NULL, "no sla policy for this queue", out);
    return policy_one(s, policy_match_sql, contract ? contract : "",
                      priority >= 0 ? ordo_case_priority_name((ordo_case_priority)priority) : "",
                      "no sla policy applies", out);
}

typedef struct policy_each { int (*fn)(const ordo_sla_policy *p, void *payload); void *payload; } policy_each;

static int each_policy(ordo_store *s, ordo__row *r, void *payload)
{
    policy_each *e = payload;
    ordo_sla_policy p;
    int rc = policy_row(s, r, &p);
    if (rc == ORDO_OK)
        rc = e->fn(&p, e->payload);
    ordo_sla_policy_clear(&p);
    return rc;
}

int ordo_store_sla_policy_list(ordo_store *s, int (*fn)(const ordo_sla_policy *p, void *payload), void *payload)
{
    policy_each e = { fn, payload };
    if (!s || !fn)
        return ORDO_EINVAL;
    return ordo__rec_each(s, ordo__marketing_present, policy_list_sql, NULL, "listing sla policies", each_policy, &e);
}

int ordo_store_case_sla_start(ordo_store *s, int64_t case_id, const ordo_sla_policy *p, ordo_utc started)
{
    int rc = ORDO_OK, began = 0;
    int64_t n = 0;
    ordo__row *r = NULL;
    if (!s || !p)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__marketing_begin(s, &began));
    ORDO_TRY(ordo__store_sql(s, sla_exists_sql, &r));
    ordo__bind_int(s, r, 1, case_id);
    ORDO_TRY(ordo__row_int(s, r, "looking up the case's sla", 0, &n));
    if (n) {
        rc = ordo__seterr(E(s), ORDO_EEXISTS, "case %lld already has an sla", (long long)case_id);
        goto done;
    }
    ORDO_TRY(ordo__store_sql(s, sla_start_sql, &r));
    ordo__bind_int(s, r, 1, case_id);
    ordo__bind_text(s, r, 2, p->id);
    ordo__bind_int(s, r, 3, started);
    ordo__bind_int(s, r, 4, p->first_response);
    ordo__bind_int(s, r, 5, p->resolve);
    ordo__bind_int(s, r, 6, p->warn_percent);
    rc = ordo__row_exec(s, r, "starting the case's sla");
done:
    return began ? ordo__store_unit_end(s, rc) : rc;
}

static int each_pause(ordo_store *s, ordo__row *r, void *payload)
{
    (void)s;
    ordo_utc a = ordo__col_int(r, 0), b = ordo__col_is_null(r, 1) ? ORDO_SLA_OPEN : ordo__col_int(r, 1);
    return b > a && ordo_intervals_add(payload, a, b) < 0 ? ORDO_ENOMEM : 0;
}

int ordo_store_case_sla_get(ordo_store *s, int64_t case_id, ordo_case_sla *out)
{
    int rc = ORDO_OK, began = 0, have = 0;
    ordo__row *r = NULL;
    if (!s || !out)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    memset(out, 0, sizeof *out);
    ORDO_TRY(ordo__store_read_begin(s, &began));
    ORDO_TRY(ordo__marketing_present(s, &have));
    if (!have) {
        rc = ordo__seterr(E(s), ORDO_ENOTFOUND, "case %lld has no sla", (long long)case_id);
        goto done;
    }
    ORDO_TRY(ordo__store_sql(s, sla_get_sql, &r));
    ordo__bind_int(s, r, 1, case_id);
    ORDO_TRY(ordo__row_need(s, r, "reading the case's sla", "case %lld has no sla", (long long)case_id));
    out->case_id = case_id;
    const char *pol = ordo__col_text(s, r, 0);
    out->policy = pol ? ordo__strdup(pol) : NULL;
    out->started = ordo__col_int(r, 1);
    out->responded = ordo__col_is_null(r, 2) ? 0 : ordo__col_int(r, 2);
    out->resolved = ordo__col_is_null(r, 3) ? 0 : ordo__col_int(r, 3);
    out->first_response = ordo__col_int(r, 4);
    out->resolve = ordo__col_int(r, 5);
    out->warn_percent = (int)ordo__col_int(r, 6);
    ordo__row_reset(r);
    if (pol && !out->policy) {
        rc = ordo__seterr(E(s), ORDO_ENOMEM, "out of memory");
        goto done;
    }
    ORDO_TRY(ordo__store_sql(s, pauses_sql, &r));
    ordo__bind_int(s, r, 1, case_id);
    rc = ordo__row_each(s, r, "reading the case's holds", each_pause, &out->pauses);
    if (rc == ORDO_ENOMEM)
        rc = ordo__seterr(E(s), ORDO_ENOMEM, "out of memory");
done:
    if (rc < 0)
        ordo_case_sla_clear(out);
    return ordo__store_read_end(s, began, rc);
}

int ordo_store_case_sla_event(ordo_store *s, int64_t case_id, ordo_sla_event ev, ordo_utc at)
{
    int rc = ORDO_OK, began = 0, have = 0;
    ordo__row *r = NULL;
    if (!s || (unsigned)ev > ORDO_SLA_UNHOLD)
        return ORDO_EINVAL;
    ordo__store_start_call(s);
    ORDO_TRY(ordo__store_unit_begin(s));
    began = 1;
    ORDO_TRY(ordo__marketing_present(s, &have));
    if (!have)
        goto done;                       /* no SLA tables: no case has an SLA */
    ORDO_TRY(ordo__store_sql(s, ev_sql[ev], &r));
    ordo__bind_int(s, r, 1, case_id);
    ordo__bind_int(s, r, 2, at);
    rc = ordo__row_exec(s, r, "recording an sla event");
done:
    return began ? ordo__store_unit_end(s, rc) : rc;
}
