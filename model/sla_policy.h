/*
 * sla_policy.h — SLA policies and a case's SLA clock on top of sla.h's
 * business-time arithmetic.
 *
 * A policy gives a first-response and a resolve-by target (business
 * minutes), a warning threshold (percent of a target) and the business
 * hours they run in (working range per weekday, holidays, the zone of a
 * site). It applies to the cases of one queue, or of one contract and/or
 * priority, or to every case (all NULL / -1): the most specific match
 * wins (contract before priority before the default; queue policies apply
 * when a case enters that queue).
 *
 * A case's SLA is the policy's targets copied when it starts (a later
 * policy change does not move running clocks), the instants it was first
 * responded to and resolved (0 = not yet), and its pauses (holds): UTC
 * intervals, an open hold ending at ORDO_SLA_OPEN.
 *
 * Ownership: records own their strings and arrays; *_clear frees them.
 */
#ifndef ORDO_SLA_POLICY_H
#define ORDO_SLA_POLICY_H

#include "model/sla.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ORDO_SLA_OPEN ((ordo_utc)1 << 40)   /* the end of a hold still running */
#define ORDO_SLA_DEFAULT_WARN 75

typedef struct ordo_sla_policy {
    char *id;
    char *queue, *contract;       /* NULL = any */
    int priority;                 /* an ordo_case_priority, or -1 = any */
    int64_t first_response, resolve;   /* business minutes, > 0, first_response <= resolve */
    int warn_percent;             /* 1..100 */
    char *site, *zone;            /* the site whose zone the hours are in */
    int start[7], end[7];         /* local minutes by weekday (0 = Monday) */
    ordo_date *holidays;          /* sorted */
    size_t nholidays;
} ordo_sla_policy;
void ordo_sla_policy_clear(ordo_sla_policy *p);
/* ORDO_OK or ORDO_EINPUT "sla policy ID: ..." (targets, warn, a queue
 * policy naming no contract/priority, business hours). err->field names
 * the rule's column of sla_policies.csv: id, first_response, resolve,
 * warn_percent, queue, zone, hours or holidays. */
int ordo_sla_policy_check(const ordo_sla_policy *p, ordo_err *err);
/* The policy's business hours (borrowing its zone and holidays). */
void ordo_sla_policy_hours(const ordo_sla_policy *p, ordo_business_hours *out);
/* Holidays as text, "YYYY-MM-DD;YYYY-MM-DD" (the store, CSV and the
 * commands share it): parse appends each date to p->holidays (-1 on a
 * malformed one, copied into bad[0..n) when bad is not NULL, or out of
 * memory with bad ""); text gives a new string ("" for none; NULL when out
 * of memory), ordo__free it. */
int ordo_sla_holidays_parse(const char *text, ordo_sla_policy *p, char *bad, size_t n);
char *ordo_sla_holidays_text(const ordo_sla_policy *p);
/* Weekday d's hours (0 = Monday) as "HH:MM-HH:MM" into buf (at least 12
 * bytes): 0, or -1 (buf "") when the policy is closed that day. */
int ordo_sla_day_hours(const ordo_sla_policy *p, int d, char *buf, size_t n);

typedef struct ordo_case_sla {
    int64_t case_id;
    char *policy;
    ordo_utc started, responded, resolved;   /* 0 = not yet */
    int64_t first_response, resolve;
    int warn_percent;
    ordo_intervals pauses;
} ordo_case_sla;
void ordo_case_sla_clear(ordo_case_sla *s);

typedef struct ordo_sla_target {
    ordo_utc due;                 /* when the target runs out (pauses counted); 0 while on hold */
    int64_t elapsed, target;      /* business minutes run (until done, or until now) / allowed */
    ordo_sla_state state;
} ordo_sla_target;

/* The two targets of s at `now` in the hours bh: response (done when
 * responded) and resolution (done when resolved). ORDO_OK or ORDO_EINVAL. */
int ordo_case_sla_status(const ordo_case_sla *s, const ordo_business_hours *bh, ordo_utc now,
                         ordo_sla_target *response, ordo_sla_target *resolution);

#ifdef __cplusplus
}
#endif
#endif
