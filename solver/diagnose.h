/*
 * diagnose.h — why a course's sessions cannot all be placed: a minimal set
 * of named business rules (the course's window, its contract's dates or
 * hour bank, a trainer's or room's time off, a cohort, a skill, a room's
 * seats, the days between sessions, a blackout) that together forbid it.
 *
 * Method: deletion filtering. The candidate rules are those that touch the
 * course (its own rules, its cohorts, the time off of every resource of a
 * kind it needs). The oracle asks "can every session of the course be
 * placed, with every other course's planned sessions kept where they are?"
 * — one pass over the course's starts in time order, placing each next
 * session at its earliest possible start with the solver's own placement
 * rules (state.h), which is exact here (diagnose.c says why).
 * With every candidate rule lifted the course must fit (else the cause is
 * not a rule: other bookings or working hours; `explained` = 0). Then each
 * rule in turn is restored for good if the course fits without it, lifted
 * for good otherwise; what stays restored is the set: with all of it the
 * course does not fit, and lifting any one rule of it makes it fit — each
 * checked once more at the end (`verified`).
 *
 * The model is changed while diagnosing (rules lifted, other courses'
 * sessions frozen) and restored exactly before returning.
 */
#ifndef ORDO_SOLVER_DIAGNOSE_H
#define ORDO_SOLVER_DIAGNOSE_H

#include "model/model.h"
#include "solver/solve.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ordo_rule_kind {
    ORDO_RULE_WINDOW = 0,       /* the course's earliest..latest dates; index: course */
    ORDO_RULE_CONTRACT_DATES,   /* its contract's dates; index: contract */
    ORDO_RULE_HOUR_BANK,        /* its contract's hour bank; index: contract */
    ORDO_RULE_TIME_OFF,         /* one time-off row; index: model time_off row */
    ORDO_RULE_COHORT,           /* no overlap with the cohort's other courses; index: position in the course's cohorts */
    ORDO_RULE_SKILL,            /* a requirement row's skill; index: model requirement row */
    ORDO_RULE_SEATS,            /* a room row's seats; index: model requirement row */
    ORDO_RULE_MIN_DAYS,         /* min_days_between; index: course */
    ORDO_RULE_BLACKOUT,         /* one blackout of the course; index: model blackout row */
    ORDO_RULE_KIND_COUNT
} ordo_rule_kind;

typedef struct ordo_rule {
    ordo_rule_kind kind;
    int index;
    int verified;               /* 1: lifting this rule alone (the rest of the set kept) lets every session fit */
    char text[240];             /* e.g. "time off of tch-001 (vacation) 2027-01-11..2027-01-15" */
} ordo_rule;

typedef struct ordo_diagnosis {
    int course;                 /* model course */
    int sessions;               /* sessions of the course in the window */
    int fits;                   /* 1: the course fits as things are (nothing to explain) */
    int explained;              /* 1: a rule set was found */
    ordo_rule *rules;           /* the minimal set, owned */
    int nrules;
    int candidates;             /* rules considered */
    long checks;                /* oracle searches */
    double seconds;
} ordo_diagnosis;

/* Diagnose course `course` (model index) in the window/grid of opts
 * (opts->now is ignored: nothing counts as started). *out is filled (free
 * with ordo_diagnosis_free, also after an error). Returns ORDO_OK,
 * ORDO_EINVAL (bad course index), ORDO_ENOMEM, ORDO_EINPUT (bad model; the
 * message on the model's err). */
int ordo_diagnose_course(ordo_model *m, const ordo_solve_options *opts, int course, ordo_diagnosis *out);
void ordo_diagnosis_free(ordo_diagnosis *d);

/* Lift one rule of a diagnosis for good on m (a model of the same store
 * loaded afresh, so the indexes match), e.g. to re-solve without it. The
 * model is not restored: free it afterwards. ORDO_OK, ORDO_EINVAL,
 * ORDO_ENOMEM (message on the model's err). */
int ordo_diagnose_lift(ordo_model *m, const ordo_solve_options *opts, int course, const ordo_rule *rule);

/* The kind's name ("window", "contract_dates", "hour_bank", "time_off",
 * "cohort", "skill", "seats", "min_days_between", "blackout"). */
const char *ordo_rule_kind_name(ordo_rule_kind k);

#ifdef __cplusplus
}
#endif
#endif
