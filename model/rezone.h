/*
 * rezone.h — a site's time zone was corrected: its sessions keep their
 * local wall-clock times (the planner meant "9:00 at the site"; working
 * hours, time off and course dates are local too), so their real instants
 * move, and calendar clients must be told (SEQUENCE + 1).
 */
#ifndef ORDO_MODEL_REZONE_H
#define ORDO_MODEL_REZONE_H

#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
    ORDO_REZONE_KEPT = 0,     /* not at the site, without a time, or the same instant */
    ORDO_REZONE_MOVED = 1,    /* same local time, new instant */
    ORDO_REZONE_GAP = 2,      /* its local start does not exist in the new zone (clocks go
                                 forward): it now starts that much later, local time */
    ORDO_REZONE_FOLD = 3      /* its local start occurs twice in the new zone: the earlier one */
};

/* Site `site` of m now has its new zone (m->sites.v[site].timezone); it had
 * `old_tz`. Every session at the site with a time (end > start; any status)
 * gets the instant its old local start has in the new zone, keeps its
 * duration, and, when the instant changed, sequence + 1 and dtstamp = now
 * (UTC seconds). A local start in a gap takes the earlier offset (so it
 * lands after the gap), one that occurs twice the earlier instant; whether
 * it still fits is the repair's business (solver/repair.h). `what` (may be NULL;
 * m->sessions.n bytes) gets ORDO_REZONE_* per session; *out_moved (may be
 * NULL) counts the sessions moved. ORDO_OK, ORDO_EINVAL (bad site or zone,
 * message in m's err buffer) or ORDO_ENOMEM. */
int ordo_sessions_rezone(ordo_model *m, int site, const char *old_tz, int64_t now, unsigned char *what,
                         int *out_moved);

#ifdef __cplusplus
}
#endif
#endif
