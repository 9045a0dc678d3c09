/*
 * ical_tz.h — (internal, libical) the VTIMEZONE components of ordo's
 * calendars.
 */
#ifndef ORDO_ICAL_TZ_H
#define ORDO_ICAL_TZ_H

#include "model/ordo.h"

#include <libical/ical.h>

/* A new VTIMEZONE for the IANA zone `tzid` whose TZID is exactly `tzid`,
 * holding only the rules in force from `from_year`-01-01T00:00Z on.
 * The caller owns *out (icalcomponent_free). ORDO_EINVAL if libical does
 * not know the zone, ORDO_EIO if libical reports an error. */
int ordo__ical_vtimezone(icalcomponent **out, const char *tzid, int from_year, ordo_err *err);

#endif
