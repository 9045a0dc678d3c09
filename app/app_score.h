/*
 * app_score.h — the read-only use case "what does the saved plan cost, and
 * why?": the plan's soft cost by goal and by the courses, people, cohorts
 * and rooms causing it (solver/score.h), judged in the window of the last
 * schedule (or the request's), with each goal's own lower bound and, on
 * request, the plan's whole bound as the solver proves it. For `ordo
 * score`, score.csv and GET /v1/score (app.h conventions). Nothing is
 * written.
 */
#ifndef ORDO_APP_SCORE_H
#define ORDO_APP_SCORE_H

#include "app/app.h"
#include "solver/score.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ordo_app_score_req {
    const char *from, *to;         /* YYYY-MM-DD, both or neither; neither = the window of the
                                      last schedule saved in the store (ORDO_EINPUT on field
                                      "from" when there is none) */
    int slot_minutes;              /* start grid; 0 = the saved one, else 30 */
    int bound;                     /* 1: also the plan's whole bound (score.has_bound ...) */
    double time_limit_s;           /* > 0: caps the bound's time; 0: its phases' own limits */
} ordo_app_score_req;

typedef struct ordo_app_plan_score {
    ordo_date from, to;            /* the window judged */
    int slot_minutes;
    ordo_score score;              /* owned (ordo_app_plan_score_clear frees it) */
    double seconds;                /* time taken, bound included */
} ordo_app_plan_score;
void ordo_app_plan_score_clear(ordo_app_plan_score *s);

/* Reads one snapshot (with the hour bank's reservations, as the schedule
 * sees it) and scores the plan saved in it. ORDO_EINVAL (field "from",
 * "to" or "slot": a bad or half-given window), ORDO_EINPUT (no window
 * known, or a model the solver refuses), ORDO_EBUSY, ORDO_EIO, ORDO_ENOMEM. */
int ordo_app_score(ordo_app *a, const ordo_app_score_req *rq, ordo_app_plan_score *out);

#ifdef __cplusplus
}
#endif
#endif
