/*
 * diagnose.c — a minimal set of rules forbidding a course (diagnose.h).
 *
 * The oracle: with every other course's sessions frozen, the course's own
 * sessions only interact through their order in time (no overlap, min days
 * between consecutive ones) and the hour bank (a count), and each start's
 * other checks (resources free, cohorts free, site, window) do not depend on
 * the course's other sessions. So placing each next session at its earliest
 * possible start is optimal (any plan's k-th session starts no earlier than
 * the greedy k-th one, and every rule on the next session only asks it to be
 * late enough): one pass over the starts decides "does the course fit" —
 * one pass per site, since all sessions of a course share one site. The
 * resources of one start are chosen by the solver's own rule
 * (sv_state_choose_resources), which can miss a matching in rare pools of
 * overlapping rows; such a miss only makes a rule look needed.
 */
#include "solver/diagnose.h"
#include "solver/problem.h"
#include "solver/search.h"
#include "solver/state.h"

#include <stdio.h>
#include <string.h>

#define BIG_BANK ((int64_t)1 << 40)

static const char *const kind_names[ORDO_RULE_KIND_COUNT] = {
    "window", "contract_dates", "hour_bank", "time_off", "cohort", "skill", "seats",
    "min_days_between", "blackout",
};

const char *ordo_rule_kind_name(ordo_rule_kind k)
{
    return k >= 0 && k < ORDO_RULE_KIND_COUNT ? kind_names[k] : "?";
}

void ordo_diagnosis_free(ordo_diagnosis *d)
{
    if (!d)
        return;
    ordo__free(d->rules);
    memset(d, 0, sizeof *d);
}

/* A candidate rule and what lifting it overwrote. */
typedef struct cand {
    ordo_rule rule;
    int lifted;
    ordo_date a, b;
    int64_t minutes;
    ordo_time_off off;
    char *skill;
    int min_capacity;
    int mdb;
    int blackout_course;
    char *cohort;
    char private_cohort[48];
} cand;

static void lift(ordo_model *m, const ordo_solve_options *o, int course, cand *k)
{
    ordo_course *c = &m->courses.v[course];
    if (k->lifted)
        return;
    k->lifted = 1;
    switch (k->rule.kind) {
    case ORDO_RULE_WINDOW:
        k->a = c->earliest;
        k->b = c->latest;
        c->earliest = o->from < c->earliest ? o->from : c->earliest;
        c->latest = o->to > c->latest ? o->to : c->latest;
        break;
    case ORDO_RULE_CONTRACT_DATES: {
        ordo_contract *ct = &m->contracts.v[k->rule.index];
        k->a = ct->start;
        k->b = ct->end;
        ct->start = o->from < ct->start ? o->from : ct->start;
        ct->end = o->to > ct->end ? o->to : ct->end;
        break;
    }
    case ORDO_RULE_HOUR_BANK:
        k->minutes = m->contracts.v[k->rule.index].minutes;
        m->contracts.v[k->rule.index].minutes = BIG_BANK;
        break;
    case ORDO_RULE_TIME_OFF: {
        ordo_time_off *t = &m->time_off.v[k->rule.index];
        k->off = *t;
        t->end_date = t->start_date;
        t->end_min = t->start_min;
        break;
    }
    case ORDO_RULE_COHORT:
        k->cohort = c->cohorts.items[k->rule.index];
        snprintf(k->private_cohort, sizeof k->private_cohort, "\001diagnose %d/%d", course, k->rule.index);
        c->cohorts.items[k->rule.index] = k->private_cohort;   /* alone in a cohort of its own */
        break;
    case ORDO_RULE_SKILL:
        k->skill = m->requirements.v[k->rule.index].skill;
        m->requirements.v[k->rule.index].skill = NULL;
        break;
    case ORDO_RULE_SEATS:
        k->min_capacity = m->requirements.v[k->rule.index].min_capacity;
        m->requirements.v[k->rule.index].min_capacity = ORDO_CAPACITY_ANY;
        break;
    case ORDO_RULE_MIN_DAYS:
        k->mdb = c->min_days_between;
        c->min_days_between = 0;
        break;
    default:
        k->blackout_course = m->blackouts.v[k->rule.index].course;
        m->blackouts.v[k->rule.index].course = -1;
        break;
    }
}

static void restore(ordo_model *m, int course, cand *k)
{
    ordo_course *c = &m->courses.v[course];
    if (!k->lifted)
        return;
    k->lifted = 0;
    switch (k->rule.kind) {
    case ORDO_RULE_WINDOW: c->earliest = k->a; c->latest = k->b; break;
    case ORDO_RULE_CONTRACT_DATES:
        m->contracts.v[k->rule.index].start = k->a;
        m->contracts.v[k->rule.index].end = k->b;
        break;
    case ORDO_RULE_HOUR_BANK: m->contracts.v[k->rule.index].minutes = k->minutes; break;
    case ORDO_RULE_TIME_OFF: m->time_off.v[k->rule.index] = k->off; break;
    case ORDO_RULE_COHORT: c->cohorts.items[k->rule.index] = k->cohort; break;
    case ORDO_RULE_SKILL: m->requirements.v[k->rule.index].skill = k->skill; break;
    case ORDO_RULE_SEATS: m->requirements.v[k->rule.index].min_capacity = k->min_capacity; break;
    case ORDO_RULE_MIN_DAYS: c->min_days_between = k->mdb; break;
    default: m->blackouts.v[k->rule.index].course = k->blackout_course; break;
    }
}

/* Does every session of `course` fit, others frozen? 1 / 0, or < 0 on error. */
static int fits(ordo_model *m, const ordo_solve_options *o, int course, int *nsess, ordo_err *err)
{
    sv_problem p;
    sv_state st;
    int rc = sv_problem_build(&p, m, o, err), ok = 0;
    if (rc < 0)
        return rc;
    const sv_course *c = &p.courses[course];
    *nsess = c->nsess;
    int *res = ordo__malloc(sizeof *res * ((size_t)c->nres + 1));
    if (!res || (rc = sv_state_new(&st, &p)) < 0) {
        ordo__free(res);
        sv_problem_free(&p);
        return res ? rc : ORDO_ENOMEM;
    }
    /* all sessions at one site: the earliest-start pass is exact per site */
    for (int site = 0; site < (int)m->sites.n && !ok; site++) {
        int k = 0;
        for (int j = 0; j < c->nstarts && k < c->nsess; j++) {
            int s = c->sess[k], failed = -1;
            if (c->starts[j].site != site || !sv_state_course_allows(&st, s, j) ||
                !sv_state_choose_resources(&st, s, j, res, NULL, &failed) || !sv_state_can_place(&st, s, j, res))
                continue;
            sv_state_place(&st, s, j, res);
            k++;
        }
        ok = k == c->nsess;
        for (int i = 0; i < c->nsess; i++)
            sv_state_unplace(&st, c->sess[i]);
    }
    sv_state_free(&st);
    sv_problem_free(&p);
    ordo__free(res);
    return ok;
}

/* fits() as an error code (ORDO_OK or < 0) and *ok, counted in out->checks. */
static int check(ordo_model *m, const ordo_solve_options *o, int course, int *nsess, int *ok, ordo_diagnosis *out)
{
    int rc = fits(m, o, course, nsess, &m->err);
    out->checks++;
    *ok = rc > 0;
    return rc < 0 ? rc : ORDO_OK;
}

/* ---- candidate rules ------------------------------------------------------- */

static int add_cand(cand **v, int *n, int *cap, ordo_rule_kind kind, int index)
{
    if (*n == *cap) {
        int nc = *cap ? 2 * *cap : 16;
        cand *w = ordo__realloc(*v, sizeof *w * (size_t)nc);
        if (!w)
            return ORDO_ENOMEM;
        *v = w;
        *cap = nc;
    }
    cand *k = &(*v)[(*n)++];
    memset(k, 0, sizeof *k);
    k->rule.kind = kind;
    k->rule.index = index;
    return ORDO_OK;
}

static void rule_text(const ordo_model *m, int course, ordo_rule *r)
{
    const ordo_course *c = &m->courses.v[course];
    char a[11], b[11], ta[6], tb[6];
    switch (r->kind) {
    case ORDO_RULE_WINDOW:
        ordo_date_format(c->earliest, a);
        ordo_date_format(c->latest, b);
        snprintf(r->text, sizeof r->text, "window: course %s must take place within %s..%s", c->id, a, b);
        break;
    case ORDO_RULE_CONTRACT_DATES: {
        const ordo_contract *k = &m->contracts.v[r->index];
        ordo_date_format(k->start, a);
        ordo_date_format(k->end, b);
        snprintf(r->text, sizeof r->text, "contract_dates: contract %s runs %s..%s", k->id, a, b);
        break;
    }
    case ORDO_RULE_HOUR_BANK: {
        const ordo_contract *k = &m->contracts.v[r->index];
        snprintf(r->text, sizeof r->text, "hour_bank: contract %s has %.2f h, %.2f h of them already used",
                 k->id, (double)k->minutes / 60.0, (double)k->used_minutes / 60.0);
        break;
    }
    case ORDO_RULE_TIME_OFF: {
        const ordo_time_off *t = &m->time_off.v[r->index];
        ordo_date_format(t->start_date, a);
        ordo_date_format(t->end_date, b);
        ordo_time_format(t->start_min, ta);
        ordo_time_format(t->end_min, tb);
        snprintf(r->text, sizeof r->text, "time_off: %s is off %s %s..%s %s%s%s%s",
                 m->resources.v[t->resource].id, a, ta, b, tb, t->reason ? " (" : "", t->reason ? t->reason : "",
                 t->reason ? ")" : "");
        break;
    }
    case ORDO_RULE_COHORT:
        snprintf(r->text, sizeof r->text, "cohort: course %s belongs to cohort %s, whose courses never overlap",
                 c->id, c->cohorts.items[r->index]);
        break;
    case ORDO_RULE_SKILL:
        snprintf(r->text, sizeof r->text, "skill: course %s needs a %s with skill '%s'", c->id,
                 m->requirements.v[r->index].kind == ORDO_PERSON ? "person"
                 : m->requirements.v[r->index].kind == ORDO_ROOM ? "room" : "piece of equipment",
                 m->requirements.v[r->index].skill);
        break;
    case ORDO_RULE_SEATS: {
        const ordo_requirement *q = &m->requirements.v[r->index];
        int need = q->min_capacity == ORDO_CAPACITY_PARTICIPANTS ? c->participants : q->min_capacity;
        snprintf(r->text, sizeof r->text, "seats: course %s needs a room of at least %d seats", c->id, need);
        break;
    }
    case ORDO_RULE_MIN_DAYS:
        snprintf(r->text, sizeof r->text, "min_days_between: course %s's sessions start at least %d days apart",
                 c->id, c->min_days_between);
        break;
    default: {
        const ordo_course_blackout *bo = &m->blackouts.v[r->index];
        ordo_date_format(bo->date, a);
        ordo_time_format(bo->start_min, ta);
        ordo_time_format(bo->end_min, tb);
        snprintf(r->text, sizeof r->text, "blackout: course %s cannot take place on %s %s..%s", c->id, a, ta, tb);
        break;
    }
    }
}

static int collect(const ordo_model *m, const ordo_solve_options *o, int course, cand **v, int *n)
{
    int rc = ORDO_OK, cap = 0;
    const ordo_course *c = &m->courses.v[course];
    char kinds[3] = { 0, 0, 0 };
    if (c->earliest > o->from || c->latest < o->to)
        ORDO_TRY(add_cand(v, n, &cap, ORDO_RULE_WINDOW, course));
    if (c->contract >= 0) {
        const ordo_contract *k = &m->contracts.v[c->contract];
        if (k->start > o->from || k->end < o->to)
            ORDO_TRY(add_cand(v, n, &cap, ORDO_RULE_CONTRACT_DATES, c->contract));
        ORDO_TRY(add_cand(v, n, &cap, ORDO_RULE_HOUR_BANK, c->contract));
    }
    if (c->min_days_between > 0 && c->sessions > 1)
        ORDO_TRY(add_cand(v, n, &cap, ORDO_RULE_MIN_DAYS, course));
    for (int i = 0; i < c->cohorts.count; i++)
        ORDO_TRY(add_cand(v, n, &cap, ORDO_RULE_COHORT, i));
    for (size_t i = 0; i < m->requirements.n; i++) {
        const ordo_requirement *q = &m->requirements.v[i];
        if (q->service != c->service)
            continue;
        kinds[q->kind] = 1;
        if (q->skill)
            ORDO_TRY(add_cand(v, n, &cap, ORDO_RULE_SKILL, (int)i));
        if (q->kind == ORDO_ROOM && q->capacity_penalty == 0 && q->min_capacity != ORDO_CAPACITY_ANY)
            ORDO_TRY(add_cand(v, n, &cap, ORDO_RULE_SEATS, (int)i));
    }
    for (size_t i = 0; i < m->blackouts.n; i++)
        if (m->blackouts.v[i].course == course && m->blackouts.v[i].date >= o->from - 1 &&
            m->blackouts.v[i].date <= o->to + 1)
            ORDO_TRY(add_cand(v, n, &cap, ORDO_RULE_BLACKOUT, (int)i));
    for (size_t i = 0; i < m->time_off.n; i++) {
        const ordo_time_off *t = &m->time_off.v[i];
        if (kinds[m->resources.v[t->resource].kind] && t->end_date >= o->from - 1 && t->start_date <= o->to + 1)
            ORDO_TRY(add_cand(v, n, &cap, ORDO_RULE_TIME_OFF, (int)i));
    }
done:
    return rc;
}

int ordo_diagnose_lift(ordo_model *m, const ordo_solve_options *o, int course, const ordo_rule *rule)
{
    cand k;
    memset(&k, 0, sizeof k);
    k.rule = *rule;
    if (course < 0 || (size_t)course >= m->courses.n || rule->kind < 0 || rule->kind >= ORDO_RULE_KIND_COUNT)
        return ordo__seterr(&m->err, ORDO_EINVAL, "diagnose: no such course or rule");
    if (rule->kind == ORDO_RULE_COHORT) {
        /* the model owns its strings: a private cohort name of its own */
        ordo_strlist *l = &m->courses.v[course].cohorts;
        char name[48];
        if (rule->index < 0 || rule->index >= l->count)
            return ordo__seterr(&m->err, ORDO_EINVAL, "diagnose: no such cohort");
        snprintf(name, sizeof name, "\001diagnose %d/%d", course, rule->index);
        char *dup = ordo__strdup(name);
        if (!dup)
            return ordo__seterr(&m->err, ORDO_ENOMEM, "diagnose: out of memory");
        ordo__free(l->items[rule->index]);
        l->items[rule->index] = dup;
        return ORDO_OK;
    }
    lift(m, o, course, &k);
    if (rule->kind == ORDO_RULE_SKILL)
        ordo__free(k.skill);   /* lifted for good: the model no longer points at it */
    return ORDO_OK;
}

/* ---- deletion filtering ---------------------------------------------------- */

int ordo_diagnose_course(ordo_model *m, const ordo_solve_options *opts_in, int course, ordo_diagnosis *out)
{
    int rc = ORDO_OK, n = 0, nsess = 0;
    cand *v = NULL;
    ordo_session_status *saved_status = NULL;
    ordo_solve_options o = *opts_in;
    double t0 = sv_now();
    memset(out, 0, sizeof *out);
    out->course = course;
    ordo__clearerr(&m->err);
    if (course < 0 || (size_t)course >= m->courses.n)
        return ordo__seterr(&m->err, ORDO_EINVAL, "diagnose: no course %d", course);
    o.now = 0;
    if (o.slot_minutes <= 0)
        o.slot_minutes = 30;
    /* freeze the other courses where they are: planned becomes done for now */
    size_t nsaved = m->sessions.n;   /* a check may add sessions (a course never planned): not ours to restore */
    saved_status = ordo__malloc(sizeof *saved_status * (m->sessions.n + 1));
    if (!saved_status)
        return ordo__seterr(&m->err, ORDO_ENOMEM, "diagnose: out of memory");
    for (size_t i = 0; i < m->sessions.n; i++) {
        ordo_session *s = &m->sessions.v[i];
        saved_status[i] = s->status;
        if (s->course != course && s->status == ORDO_SESSION_PLANNED)
            s->status = ORDO_SESSION_DONE;
    }
    ORDO_TRY(collect(m, &o, course, &v, &n));
    out->candidates = n;
    for (int i = 0; i < n; i++)
        rule_text(m, course, &v[i].rule);
    int ok;
    ORDO_TRY(check(m, &o, course, &nsess, &ok, out));
    out->sessions = nsess;
    if (ok) {
        out->fits = 1;
        goto done;
    }
    for (int i = 0; i < n; i++)
        lift(m, &o, course, &v[i]);
    ORDO_TRY(check(m, &o, course, &nsess, &ok, out));
    if (!ok)
        goto done;   /* not a matter of these rules */
    /* deletion filtering from the real rules: lift each rule in turn and
     * keep it lifted when the course still does not fit (not needed);
     * restore it when lifting it made the course fit (needed). Lifting
     * more rules later only makes fitting easier, so each restored rule
     * stays needed. */
    for (int i = 0; i < n; i++)
        restore(m, course, &v[i]);
    for (int i = 0; i < n; i++) {
        lift(m, &o, course, &v[i]);
        ORDO_TRY(check(m, &o, course, &nsess, &ok, out));
        if (ok)
            restore(m, course, &v[i]);
    }
    int count = 0;
    for (int i = 0; i < n; i++)
        count += !v[i].lifted;
    out->rules = ordo__calloc((size_t)count + 1, sizeof *out->rules);
    if (!out->rules) {
        rc = ordo__seterr(&m->err, ORDO_ENOMEM, "diagnose: out of memory");
        goto done;
    }
    for (int i = 0; i < n; i++)
        if (!v[i].lifted)
            out->rules[out->nrules++] = v[i].rule;
    out->explained = out->nrules > 0;
    /* verify: with the set kept and the rest lifted the course does not fit;
     * lifting each rule of the set alone makes it fit */
    ORDO_TRY(check(m, &o, course, &nsess, &ok, out));
    if (ok)
        out->explained = 0;
    for (int i = 0, r = 0; i < n; i++) {
        if (v[i].lifted)
            continue;
        lift(m, &o, course, &v[i]);
        ORDO_TRY(check(m, &o, course, &nsess, &ok, out));
        out->rules[r++].verified = ok;
        restore(m, course, &v[i]);
    }
done:
    for (int i = 0; i < n; i++)
        restore(m, course, &v[i]);
    if (saved_status)
        for (size_t i = 0; i < nsaved && i < m->sessions.n; i++)
            m->sessions.v[i].status = saved_status[i];
    ordo__free(saved_status);
    ordo__free(v);
    out->seconds = sv_now() - t0;
    if (rc < 0 && !m->err.msg[0])
        ordo__seterr(&m->err, rc, "diagnose: %s", ordo_strerror(rc));
    return rc;
}
