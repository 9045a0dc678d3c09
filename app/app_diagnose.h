/*
 * app_diagnose.h — the read-only use case "why can this course not be fully
 * placed?": the minimal set of named business rules that together forbid
 * placing all of a course's sessions while the other courses keep their
 * planned times (solver/diagnose.h, deletion filtering), as plain structs
 * for the CLI and the HTTP API (app.h conventions). Nothing is written.
 */
#ifndef ORDO_APP_DIAGNOSE_H
#define ORDO_APP_DIAGNOSE_H

#include "app/app.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ordo_app_diagnose_req {
    const char *course;            /* course id (required; ORDO_ENOTFOUND when unknown) */
    const char *from, *to;         /* YYYY-MM-DD, both or neither; neither = the window of the
                                      last `ordo schedule` saved in the store (ORDO_EINPUT on
                                      field "from" when there is none) */
    int slot_minutes;              /* start grid; 0 = the saved one, else 30 */
} ordo_app_diagnose_req;

typedef struct ordo_app_rule {
    const char *kind;              /* static: "window", "contract_dates", "hour_bank", "time_off",
                                      "cohort", "skill", "seats", "min_days_between", "blackout" */
    char *text;                    /* owned: e.g. "time off of tch-001 (vacation) 2027-01-11..2027-01-15" */
    int verified;                  /* lifting this rule alone lets every session fit */
} ordo_app_rule;

typedef struct ordo_app_diagnosis {
    char *course;                  /* owned: the course id */
    ordo_date from, to;            /* the window diagnosed */
    int sessions;                  /* sessions of the course in the window */
    int unscheduled;               /* of them, stored UNSCHEDULED now */
    int fits;                      /* 1: all sessions fit as things are: nothing to explain */
    int explained;                 /* 1: a rule set was found (else: other bookings or working hours) */
    ordo_app_rule *rules;          /* the minimal set, owned */
    int nrules;
    int candidates;                /* rules considered */
    long checks;                   /* oracle searches */
    double seconds;
} ordo_app_diagnosis;
void ordo_app_diagnosis_clear(ordo_app_diagnosis *d);

/* Reads one snapshot (with the hour bank's reservations) and diagnoses the
 * course on a private copy. ORDO_EINVAL (field "from"/"to"/"slot": a bad
 * or half-given window), ORDO_EINPUT (no window known), ORDO_ENOTFOUND
 * (field "course"), ORDO_EBUSY, ORDO_EIO, ORDO_ENOMEM. */
int ordo_app_diagnose(ordo_app *a, const ordo_app_diagnose_req *rq, ordo_app_diagnosis *out);

#ifdef __cplusplus
}
#endif
#endif
