/*
 * rezone.c — sessions of a site whose time zone changed keep their local
 * wall-clock start (rezone.h). The old local time is read in the old zone
 * from the stored instant, then placed in the new zone; the duration
 * (elapsed minutes) is kept.
 */
#include "model/rezone.h"
#include "model/date.h"
#include "model/tz.h"

#include <string.h>

int ordo_sessions_rezone(ordo_model *m, int site, const char *old_tz, int64_t now, unsigned char *what,
                         int *out_moved)
{
    int moved = 0;
    if (out_moved)
        *out_moved = 0;
    if (what)
        memset(what, ORDO_REZONE_KEPT, m->sessions.n);
    if (site < 0 || (size_t)site >= m->sites.n || !ordo_tz_valid(old_tz) ||
        !ordo_tz_valid(m->sites.v[site].timezone))
        return ordo__seterr(&m->err, ORDO_EINVAL, "rezone: invalid site or time zone");
    const char *tz = m->sites.v[site].timezone;
    for (size_t i = 0; i < m->sessions.n; i++) {
        ordo_session *s = &m->sessions.v[i];
        ordo_date d;
        int minute, kind;
        ordo_utc u;
        if (s->site != site || s->end <= s->start)
            continue;
        ordo_tz_to_local(old_tz, s->start, &d, &minute);
        kind = ordo_tz_to_utc(tz, d, minute, &u);
        if (u == s->start && kind == ORDO_LOCAL_OK)
            continue;
        if (what)
            what[i] = kind == ORDO_LOCAL_GAP ? ORDO_REZONE_GAP : kind == ORDO_LOCAL_AMBIGUOUS ? ORDO_REZONE_FOLD
                                                                                            : ORDO_REZONE_MOVED;
        if (u != s->start) {
            s->end = u + (s->end - s->start);
            s->start = u;
            s->sequence++;
            s->dtstamp = now;
        }
        moved++;
    }
    if (out_moved)
        *out_moved = moved;
    return ORDO_OK;
}
