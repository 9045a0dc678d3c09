/*
 * ical_tz.c — VTIMEZONE components that strict clients accept.
 *
 * libical's built-in zone for "Europe/Paris" carries the TZID
 * "/freeassociation.sourceforge.net/Europe/Paris" and the zone's whole
 * history (RRULEs with UNTIL back to 1916), which python-icalendar 4.0 and
 * khal 0.10 reject and which would not match DTSTART;TZID=Europe/Paris. So
 * we clone it, truncate it (icaltimezone_truncate_vtimezone, libical
 * >= 3.0.6) to the rules in force from the first year a calendar needs, and
 * rename its TZID to the plain IANA name. The result depends only on the
 * zone, the year and the system tzdata: re-exports are byte-identical.
 * The caller has turned libical's fatal errors off.
 */
#include "io/ical_tz.h"

int ordo__ical_vtimezone(icalcomponent **out, const char *tzid, int from_year, ordo_err *err)
{
    int rc = ORDO_OK;
    icalcomponent *vtz = NULL;
    *out = NULL;
    icalerror_clear_errno();
    icaltimezone *zone = icaltimezone_get_builtin_timezone(tzid);
    icalcomponent *builtin = zone ? icaltimezone_get_component(zone) : NULL;
    if (!builtin) {
        rc = ordo__seterr(err, ORDO_EINVAL, "time zone '%s': unknown to libical", tzid);
        goto done;
    }
    if (!(vtz = icalcomponent_new_clone(builtin))) {
        rc = ordo__seterr(err, ORDO_ENOMEM, "time zone '%s': out of memory", tzid);
        goto done;
    }
    icaltimetype start = icaltime_null_time();
    start.year = from_year;
    start.month = 1;
    start.day = 1;
    start = icaltime_set_timezone(&start, icaltimezone_get_utc_timezone());
    icaltimezone_truncate_vtimezone(vtz, start, icaltime_null_time(), 0);
    icalproperty *id = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY);
    if (id)
        icalproperty_set_tzid(id, tzid);
    else
        icalcomponent_add_property(vtz, icalproperty_new_tzid(tzid));
    if (icalerrno != ICAL_NO_ERROR) {
        rc = ordo__seterr(err, ORDO_EIO, "time zone '%s': libical: %s", tzid,
                          icalerror_strerror(icalerrno));
        goto done;
    }
    *out = vtz;
    vtz = NULL;
done:
    if (vtz)
        icalcomponent_free(vtz);
    return rc;
}
