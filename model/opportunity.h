/*
 * opportunity.h — a sale in progress and the pipeline report over many.
 *
 * Stages Qualify -> Develop -> Propose -> Close, each with a default win
 * probability (10, 40, 70, 90 %). An open opportunity may move to any other
 * stage (the Kanban board drags a card one column); winning or losing ends
 * it: won and lost opportunities never move again. Lost needs a reason
 * word; won may have one. Value is in cents (>= 0); `minutes` is the
 * prepaid training time sold (0: none), which becomes the hour bank of the
 * contract created when it is won, with `service` the course to plan.
 *
 * Every stage change is a history row (from, to, when); the pipeline
 * report's conversion rates count, per stage, how many opportunities ever
 * reached it and how many of those reached the next one.
 *
 * Ownership: ordo_opportunity owns its strings; ordo_opportunity_clear.
 */
#ifndef ORDO_OPPORTUNITY_H
#define ORDO_OPPORTUNITY_H

#include "model/date.h"
#include "model/ordo.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ordo_stage {
    ORDO_STAGE_QUALIFY = 0, ORDO_STAGE_DEVELOP, ORDO_STAGE_PROPOSE, ORDO_STAGE_CLOSE
} ordo_stage;
#define ORDO_STAGE_COUNT 4

typedef enum ordo_opp_status { ORDO_OPP_OPEN = 0, ORDO_OPP_WON, ORDO_OPP_LOST } ordo_opp_status;
#define ORDO_OPP_STATUS_COUNT 3

typedef struct ordo_opportunity {
    char *id, *name;
    char *account, *contact;      /* the customer: at least one */
    char *lead;                   /* the lead it came from, or NULL */
    char *owner;                  /* may be NULL */
    ordo_stage stage;
    int64_t value;                /* cents, >= 0 */
    ordo_date close_date;         /* expected (open) or actual (won/lost) */
    ordo_opp_status status;
    char *reason;                 /* lowercase word; required when lost */
    int minutes;                  /* prepaid minutes sold, >= 0 */
    char *service;                /* course service to plan when won, or NULL */
    int probability;              /* percent 0..100; < 0 means the stage default */
} ordo_opportunity;

const char *ordo_stage_name(ordo_stage s);        /* "qualify", "develop", "propose", "close" */
int ordo_stage_parse(const char *s);              /* -1 if unknown */
const char *ordo_opp_status_name(ordo_opp_status s);   /* "open", "won", "lost" */
int ordo_opp_status_parse(const char *s);
int ordo_stage_probability(ordo_stage s);         /* default percent */
/* The opportunity's probability: its own, else its stage's; won 100, lost 0. */
int ordo_opportunity_probability(const ordo_opportunity *o);

/* ORDO_OK or ORDO_EINPUT "opportunity ID: FIELD ...". */
int ordo_opportunity_check(const ordo_opportunity *o, ordo_err *err);

/* Transitions; each ORDO_OK, ORDO_ERULE ("opportunity ID is won: ...")
 * or ORDO_EINVAL (bad argument), the record unchanged on refusal. */
int ordo_opportunity_move(ordo_opportunity *o, ordo_stage to, ordo_err *err);
int ordo_opportunity_win(ordo_opportunity *o, const char *reason, ordo_date when, ordo_err *err);
int ordo_opportunity_lose(ordo_opportunity *o, const char *reason, ordo_date when, ordo_err *err);

void ordo_opportunity_clear(ordo_opportunity *o);

/* ---- pipeline report ------------------------------------------------------ */

/* One opportunity as the report sees it (borrowed strings). `reached` has
 * bit k set when the opportunity was ever at stage k (its history plus its
 * current stage). */
typedef struct ordo_pipeline_row {
    const char *owner;            /* NULL -> "" */
    ordo_stage stage;
    ordo_opp_status status;
    const char *reason;           /* NULL -> "" */
    int64_t value;
    int probability;              /* percent */
    ordo_date close_date;
    unsigned reached;
} ordo_pipeline_row;

typedef struct ordo_pipeline_group {
    char *key;                    /* stage name, owner, "YYYY-MM", or reason */
    long count;
    int64_t value;                /* open: open value; won/lost: their value */
    int64_t weighted;             /* open value x probability / 100 (cents, rounded down per row) */
} ordo_pipeline_group;

typedef struct ordo_pipeline_groups {
    ordo_pipeline_group *v;
    size_t n, cap;
} ordo_pipeline_groups;

typedef struct ordo_pipeline_report {
    ordo_pipeline_group by_stage[ORDO_STAGE_COUNT];   /* open only; key = stage name (not owned) */
    ordo_pipeline_groups by_owner;                    /* open only */
    ordo_pipeline_groups by_month;                    /* open only, by close month */
    ordo_pipeline_groups won_by_reason, lost_by_reason;
    long reached[ORDO_STAGE_COUNT];                   /* opportunities that were ever at stage k */
    long advanced[ORDO_STAGE_COUNT];                  /* ... and also at a later stage or won */
    long open, won, lost;
} ordo_pipeline_report;

void ordo_pipeline_init(ordo_pipeline_report *r);
/* Adds one opportunity. ORDO_OK or ORDO_ENOMEM (the report stays usable). */
int ordo_pipeline_add(ordo_pipeline_report *r, const ordo_pipeline_row *row);
/* Sorts the keyed groups by key (months chronologically). */
void ordo_pipeline_finish(ordo_pipeline_report *r);
/* Conversion from stage k to the next (k = CLOSE: to won), percent x 100
 * (basis points); -1 when no opportunity reached stage k. */
int ordo_pipeline_conversion(const ordo_pipeline_report *r, ordo_stage k);
void ordo_pipeline_clear(ordo_pipeline_report *r);

#ifdef __cplusplus
}
#endif
#endif
