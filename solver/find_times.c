/*
 * find_times.c — the best times for one booking of a service (find_times.h).
 *
 * Steps: the service's requirement rows and, per row and site, the resources
 * that can fill it; the sites where every row can be filled; the valid starts
 * of each such site in the range (slot grid, DST-safe, one local day), in
 * real-time order; then, start by start, the free candidates of each row
 * (binary search in the desk's cached free lists) and the best distinct
 * choice among them (depth-first with bounds on the ranking key). The scan
 * stops once `max` proposals are found and the start time moves on, so a
 * query costs a few starts when the calendar has room.
 *
 * Ranking key of a resource at a start: fragmentation * KEY_SCALE - preferred
 * (preferred is 0 or 1), so the sum over resources orders proposals by
 * fragmentation first, then by how many preferred resources they use.
 */
#include "solver/find_times.h"
#include "model/tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_SLOT 30
#define KEY_SCALE 1024          /* > ORDO_PROPOSAL_MAX_RESOURCES */

typedef struct start {
    ordo_utc u;
    int site;
} start;

typedef struct pick {
    int r;
    int64_t key;
    int64_t frag;
    int pref;
} pick;

typedef struct row {
    const ordo_requirement *q;
    int *cands;                 /* grouped by site: site s at [site_off[s], site_off[s+1]) */
    int *site_off;
    pick *free;                 /* free candidates at the current start */
    int nfree;
    int64_t *best_prefix;       /* sum of the k cheapest keys at the current start */
    int ever_ok;                /* some start had enough free candidates */
} row;

typedef struct override {
    int r;
    ordo_intervals free;
} override;

typedef struct search {
    ordo_desk *d;
    const ordo_model *m;
    const ordo_find_times_query *q;
    int dur, slot, nsites, nrows, total;
    row *rows;
    char *is_pref;
    const ordo_intervals **lists;   /* per resource, fetched once */
    override *ovr;
    int novr;
    ordo_intervals customer_busy;
    ordo_utc *after, *before;       /* per site */
    char *site_ok;
    start *starts;
    size_t nstarts, cap_starts;
    /* depth-first choice */
    int chosen[ORDO_PROPOSAL_MAX_RESOURCES], best[ORDO_PROPOSAL_MAX_RESOURCES];
    int64_t best_key, best_frag_sum;
    int best_pref;
    long nodes;
    int customer_blocked, combos_failed, evaluated;
} search;

/* ---- small helpers -------------------------------------------------------- */

static int fail(search *s, char *why, size_t whylen, int code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int fail(search *s, char *why, size_t whylen, int code, const char *fmt, ...)
{
    char msg[ORDO_ERRMSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (why && whylen)
        snprintf(why, whylen, "%s", msg);
    return ordo__seterr(&((ordo_desk_err_holder *)0, s->d)->err, code, "%s", msg);
}
