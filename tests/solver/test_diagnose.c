/*
 * test_diagnose.c — ordo_diagnose_course (solver/diagnose.h) as a library
 * call on tests/e2e/data/diagnose (built impossible in known ways): after
 * ordo_solve, the sets of the courses left unscheduled are the expected
 * ones, every rule is verified, and the model is exactly as it was before
 * (windows, contracts, time off, requirements, cohorts, blackouts and
 * session statuses restored).
 */
#include "check.h"
#include "io/import.h"
#include "solver/diagnose.h"
#include "solver/solve.h"

static ordo_model *load(void)
{
    char dir[1024];
    ordo_model *m = NULL;
    ordo_err err = { 0 };
    snprintf(dir, sizeof dir, "%s/tests/e2e/data/diagnose", check_env("ORDO_SOURCE_DIR", "."));
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    if (m && ordo_import_dir(m, dir, NULL, NULL, &err) != ORDO_OK) {
        fprintf(stderr, "import: %s\n", err.msg);
        CHECK(0);
        ordo_model_free(m);
        return NULL;
    }
    return m;
}

/* The rule kinds of d, as a sorted bitmask, all verified. */
static unsigned kinds(const ordo_diagnosis *d)
{
    unsigned k = 0;
    for (int i = 0; i < d->nrules; i++) {
        k |= 1u << d->rules[i].kind;
        CHECK(d->rules[i].verified);
    }
    return k;
}

static void test_diagnose__expected_sets_and_model_restored(void)
{
    ordo_model *m = load();
    if (!m)
        return;
    ordo_solve_options o = ORDO_SOLVE_OPTIONS_INIT;
    ordo_solve_result r;
    o.from = ordo_date_from_ymd(2027, 1, 4);
    o.to = ordo_date_from_ymd(2027, 1, 15);
    o.work_limit = 20000;
    CHECK_EQ(ordo_solve(m, &o, &r), ORDO_OK);
    CHECK(r.placed < r.total);
    /* snapshot of what diagnose lifts */
    ordo_course c0[16];
    ordo_time_off t0[8];
    ordo_requirement q0[16];
    ordo_contract k0[4];
    ordo_session_status s0[64];
    char *coh0[16];
    CHECK(m->courses.n <= 16 && m->time_off.n <= 8 && m->requirements.n <= 16 && m->contracts.n <= 4 &&
          m->sessions.n <= 64);
    for (size_t i = 0; i < m->courses.n; i++) {
        c0[i] = m->courses.v[i];
        coh0[i] = c0[i].cohorts.count ? c0[i].cohorts.items[0] : NULL;
    }
    for (size_t i = 0; i < m->time_off.n; i++) t0[i] = m->time_off.v[i];
    for (size_t i = 0; i < m->requirements.n; i++) q0[i] = m->requirements.v[i];
    for (size_t i = 0; i < m->contracts.n; i++) k0[i] = m->contracts.v[i];
    for (size_t i = 0; i < m->sessions.n; i++) s0[i] = m->sessions.v[i].status;

    const unsigned W = 1u << ORDO_RULE_WINDOW;
    struct { const char *id; unsigned want; } cases[] = {
        { "oneday", W },
        { "offday", W | 1u << ORDO_RULE_MIN_DAYS | 1u << ORDO_RULE_SKILL | 1u << ORDO_RULE_TIME_OFF },
        { "bank", 1u << ORDO_RULE_HOUR_BANK },
        { "big", 1u << ORDO_RULE_SEATS },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ordo_diagnosis d;
        int c = ordo_model_find_course(m, cases[i].id);
        CHECK(c >= 0);
        CHECK_EQ(ordo_diagnose_course(m, &o, c, &d), ORDO_OK);
        CHECK(!d.fits);
        CHECK(d.explained);
        if (kinds(&d) != cases[i].want)
            fprintf(stderr, "%s: kinds 0x%x, expected 0x%x\n", cases[i].id, kinds(&d), cases[i].want);
        CHECK_EQ(kinds(&d), cases[i].want);
        ordo_diagnosis_free(&d);
    }
    /* the one of coha / cohb left with an unscheduled session */
    int ncoh = 0;
    for (size_t s = 0; s < m->sessions.n; s++) {
        const ordo_session *ss = &m->sessions.v[s];
        const char *id = m->courses.v[ss->course].id;
        if (ss->status != ORDO_SESSION_UNSCHEDULED || (strcmp(id, "coha") && strcmp(id, "cohb")))
            continue;
        ordo_diagnosis d;
        CHECK_EQ(ordo_diagnose_course(m, &o, ss->course, &d), ORDO_OK);
        CHECK_EQ(kinds(&d), W | 1u << ORDO_RULE_COHORT);
        ordo_diagnosis_free(&d);
        ncoh++;
        break;
    }
    CHECK_EQ(ncoh, 1);
    ordo_diagnosis d;
    CHECK_EQ(ordo_diagnose_course(m, &o, ordo_model_find_course(m, "fine"), &d), ORDO_OK);
    CHECK(d.fits);
    CHECK_EQ(d.nrules, 0);
    ordo_diagnosis_free(&d);
    CHECK_EQ(ordo_diagnose_course(m, &o, 999, &d), ORDO_EINVAL);
    ordo_diagnosis_free(&d);

    /* restored exactly */
    for (size_t i = 0; i < m->courses.n; i++) {
        const ordo_course *c = &m->courses.v[i];
        CHECK(c->earliest == c0[i].earliest && c->latest == c0[i].latest);
        CHECK_EQ(c->min_days_between, c0[i].min_days_between);
        CHECK(c->cohorts.count == c0[i].cohorts.count && (!coh0[i] || c->cohorts.items[0] == coh0[i]));
    }
    for (size_t i = 0; i < m->time_off.n; i++)
        CHECK(memcmp(&m->time_off.v[i], &t0[i], sizeof t0[i]) == 0);
    for (size_t i = 0; i < m->requirements.n; i++)
        CHECK(memcmp(&m->requirements.v[i], &q0[i], sizeof q0[i]) == 0);
    for (size_t i = 0; i < m->contracts.n; i++)
        CHECK(memcmp(&m->contracts.v[i], &k0[i], sizeof k0[i]) == 0);
    for (size_t i = 0; i < m->sessions.n; i++)
        CHECK_EQ(m->sessions.v[i].status, s0[i]);
    ordo_model_free(m);
}

int main(void)
{
    RUN(test_diagnose__expected_sets_and_model_restored);
    return CHECK_DONE();
}
