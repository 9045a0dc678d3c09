/*
 * desk_fixture.h — small models for the service-desk tests (find times,
 * bookings, repair, calendar): builders for sites, resources, weekly
 * working hours, time off, services with requirement rows, and placed
 * sessions, plus local <-> UTC helpers through model/tz.h.
 */
#ifndef ORDO_DESK_FIXTURE_H
#define ORDO_DESK_FIXTURE_H

#include "check.h"
#include "model/model.h"
#include "model/tz.h"

static inline ordo_date dx_day(int y, int mo, int d) { return ordo_date_from_ymd(y, mo, d); }

/* UTC minute of a local wall time in zone tz. */
static inline ordo_utc dx_local(const char *tz, int y, int mo, int d, int h, int mi)
{
    ordo_utc u = 0;
    ordo_tz_to_utc(tz, dx_day(y, mo, d), h * 60 + mi, &u);
    return u;
}

static inline ordo_utc dx_utc(int y, int mo, int d, int h, int mi)
{
    return (ordo_utc)dx_day(y, mo, d) * ORDO_MIN_PER_DAY + h * 60 + mi;
}

/* Local minute of day of instant t in zone tz. */
static inline int dx_minute(const char *tz, ordo_utc t)
{
    ordo_date d;
    int mn = -1;
    ordo_tz_to_local(tz, t, &d, &mn);
    return mn;
}

static inline int dx_site(ordo_model *m, const char *id, const char *tz)
{
    ordo_site s = { (char *)id, (char *)id, (char *)tz };
    int idx = -1;
    CHECK_EQ(ordo_model_put_site(m, &s, &idx), ORDO_OK);
    return idx;
}

/* skills: ';' list or "". */
static inline int dx_resource(ordo_model *m, const char *id, ordo_kind kind, int site, int capacity,
                              const char *skills)
{
    ordo_resource r = { 0 };
    r.id = (char *)id;
    r.name = (char *)id;
    r.kind = kind;
    r.site = site;
    r.capacity = capacity;
    CHECK_EQ(ordo_strlist_parse(&r.skills, skills), 0);
    int idx = -1;
    CHECK_EQ(ordo_model_put_resource(m, &r, &idx), ORDO_OK);
    ordo_strlist_clear(&r.skills);
    return idx;
}

/* Working hours start..end (local minutes) on weekdays Monday..Friday. */
static inline void dx_weekdays(ordo_model *m, int r, int start, int end)
{
    for (int wd = 0; wd < 5; wd++) {
        ordo_working_hours w = { r, wd, start, end };
        CHECK_EQ(ordo_model_add_working_hours(m, &w), ORDO_OK);
    }
}

static inline void dx_time_off(ordo_model *m, int r, ordo_date d0, int m0, ordo_date d1, int m1,
                               const char *source)
{
    ordo_time_off t = { r, d0, d1, m0, m1, (char *)"off", (char *)source };
    CHECK_EQ(ordo_model_add_time_off(m, &t), ORDO_OK);
}

static inline int dx_service(ordo_model *m, const char *id, int duration)
{
    ordo_service s = { (char *)id, (char *)id, duration };
    int idx = -1;
    CHECK_EQ(ordo_model_put_service(m, &s, &idx), ORDO_OK);
    return idx;
}

static inline void dx_requirement(ordo_model *m, int service, ordo_kind kind, int count, const char *skill,
                                  int min_capacity)
{
    ordo_requirement q = { service, kind, count, (char *)skill, min_capacity, 0 };
    CHECK_EQ(ordo_model_add_requirement(m, &q), ORDO_OK);
}

/* A course (is_booking as given) with one placed session [start, end) on
 * resources res[0..n-1]. Returns the session index. */
static inline int dx_booking(ordo_model *m, const char *course_id, int service, const char *customer,
                             int is_booking, ordo_utc start, ordo_utc end, int site, const int *res, int n)
{
    ordo_course c = { 0 };
    c.id = (char *)course_id;
    c.title = (char *)course_id;
    c.service = service;
    c.customer = (char *)customer;
    c.contract = -1;
    c.sessions = 1;
    c.participants = 1;
    c.earliest = (ordo_date)(start / ORDO_MIN_PER_DAY) - 1;
    c.latest = (ordo_date)(start / ORDO_MIN_PER_DAY) + 1;
    c.is_booking = is_booking;
    int ci = -1, si = -1;
    CHECK_EQ(ordo_model_put_course(m, &c, &ci), ORDO_OK);
    ordo_session s = { 0 };
    s.course = ci;
    s.status = ORDO_SESSION_PLANNED;
    s.start = start;
    s.end = end;
    s.site = site;
    s.resources = (int *)res;
    s.nresources = n;
    s.dtstamp = 1760000000;
    CHECK_EQ(ordo_model_add_session(m, &s, &si), ORDO_OK);
    return si;
}

#endif
