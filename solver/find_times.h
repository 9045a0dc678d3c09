/*
 * find_times.h — "find available times" for one booking of a service: the
 * best proposals (start, end, site, resources) in a range, each meeting
 * every requirement row of the service.
 *
 * A proposal satisfies the data contract's booking rules:
 *   - per requirement row, `count` resources of its kind with its skill and,
 *     for rooms, the seats asked (min_capacity, or `participants` for rows
 *     saying "participants"; soft-capacity rows accept any room); all
 *     resources distinct and at one site (the proposal's site);
 *   - every resource is free over [start, end): inside its working hours,
 *     outside its time off, and overlapping none of its PLANNED or DONE
 *     sessions (except the session `except_session`, for a reschedule);
 *   - with a customer, the customer's other desk bookings are not overlapped;
 *   - start lies on the slot grid (multiples of slot_minutes from local
 *     midnight at the site); start and end are local times that exist once
 *     (none in a DST gap or fold); the booking stays within one local day
 *     (it may end at 24:00); [start, end) lies within [after, before).
 *
 * Ranking (best first), one proposal at most per (start, site):
 *   1. earliest start (real time);
 *   2. least fragmentation: for each chosen resource, take the free interval
 *      [a, b) that contains the booking; the time left before it (start - a)
 *      and after it (b - end) counts, in minutes, when it is shorter than the
 *      service's duration (but not zero): free time too short for another
 *      booking of this service. The proposal's fragmentation is the sum over
 *      its resources;
 *   3. most preferred resources (how many of the chosen ones are in
 *      `prefer`);
 *   4. site index, then the resources' model order.
 * For one (start, site), resources are chosen to minimise (2) then maximise
 * (3) exactly (a depth-first search with bounds; beyond
 * FIND_TIMES_NODE_LIMIT nodes the best found so far is kept).
 *
 * When no proposal exists, `why` says which requirement cannot be met, in the
 * contract's "keyword: words" form: skill / capacity / count (nobody has the
 * skill or seats), site (no one site has everything), window (no valid start
 * in the range), availability (which row has no free resource, or that the
 * rows are never free together), customer.
 */
#ifndef ORDO_SOLVER_FIND_TIMES_H
#define ORDO_SOLVER_FIND_TIMES_H

#include "solver/desk.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ORDO_PROPOSAL_MAX_RESOURCES 16
#define ORDO_FIND_TIMES_MAX_DAYS 366
#define FIND_TIMES_NODE_LIMIT 20000

/* A bound of the search range: an instant, or a local wall time that is read
 * in each site's own zone. */
typedef struct ordo_when {
    int local;          /* 0: `utc` is the instant; 1: `date` + `minute` local */
    ordo_utc utc;
    ordo_date date;
    int minute;         /* 0..1440 */
} ordo_when;

typedef struct ordo_find_times_query {
    int version;
    int service;                /* model index */
    int participants;           /* >= 1 */
    int site;                   /* model index; -1 = any site */
    ordo_when after, before;    /* the booking lies within [after, before) */
    int slot_minutes;           /* start grid, dividing 1440; 0 = 30 */
    const int *prefer;          /* preferred resources (model indexes), may be NULL */
    int nprefer;
    int except_session;         /* model session index treated as absent; -1 = none */
    const char *customer;       /* account or contact id; NULL = none */
} ordo_find_times_query;
#define ORDO_FIND_TIMES_QUERY_VERSION 1
#define ORDO_FIND_TIMES_QUERY_INIT                                                              \
    { ORDO_FIND_TIMES_QUERY_VERSION, -1, 1, -1, { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, 30, NULL, 0, -1, \
      NULL }

typedef struct ordo_proposal {
    ordo_utc start, end;
    int site;
    int resources[ORDO_PROPOSAL_MAX_RESOURCES];   /* requirement-row order */
    int nresources;
    int64_t fragmentation;      /* minutes (ranking rule 2) */
    int preferred;              /* chosen resources that are preferred */
} ordo_proposal;

/* Fills out[0..*n-1] with up to `max` proposals, best first. With none,
 * *n = 0 and `why` (why may be NULL) says why. Returns ORDO_OK, or
 * ORDO_EINVAL for a bad query (message in the desk's buffer and in `why`),
 * ORDO_ENOMEM. */
int ordo_desk_find_times(ordo_desk *d, const ordo_find_times_query *q, ordo_proposal *out, int max,
                         int *n, char *why, size_t whylen);

/* The same on a model, through a desk built for this one call. */
int ordo_find_times(const ordo_model *m, const ordo_find_times_query *q, ordo_proposal *out, int max,
                    int *n, char *why, size_t whylen);

/* Resolve a bound at a site: the UTC instant of `w` there (a local wall time
 * in a DST gap takes the earlier offset). ORDO_EINVAL for an unknown zone. */
int ordo_when_at_site(const ordo_model *m, int site, const ordo_when *w, ordo_utc *out);

/* Is `start` a valid booking start of `duration` minutes at `site` (slot
 * grid, local times exist once, within one local day)? 1 yes, 0 no; the
 * reason goes to buf (may be NULL). */
int ordo_start_valid(const ordo_model *m, int site, ordo_utc start, int duration, int slot_minutes,
                     char *buf, size_t n);

#ifdef __cplusplus
}
#endif
#endif
