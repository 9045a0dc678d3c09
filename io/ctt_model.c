/*
 * ctt_model.c — CTT instance -> ordo model, and planned sessions -> CTT
 * solution (mapping documented in ctt_model.h).
 *
 * Records are added in a fixed order so that indexes are predictable: site 0;
 * resources = rooms (instance order) then teachers (instance->teachers
 * order); service i and course i = CTT course i; requirement 2i is the person
 * and 2i+1 the room of course i. The reverse mapping goes through ids, not
 * indexes, so it also works on a model that was stored and reloaded.
 * Local time <-> UTC only through model/tz.h.
 */
#include "io/ctt_model.h"
#include "model/tz.h"

#include <string.h>

#define SITE_ID "ctt"
#define SITE_TZ "UTC"

ordo_date ordo_ctt_day_date(int day)
{
    return ordo_date_from_ymd(2001, 1, 1) + day;
}

int ordo_ctt_period_minute(int period)
{
    return ORDO_CTT_DAY_START_MIN + ORDO_CTT_PERIOD_MIN * period;
}

/* A failed model call: keep the model's own message. */
static int model_error(ordo_err *err, int rc, const ordo_model *m)
{
    return ordo__seterr(err, rc, "ctt to model: %s", m->err.msg[0] ? m->err.msg : ordo_strerror(rc));
}

static int add_resources(ordo_model *m, const ordo_ctt_instance *in, ordo_err *err)
{
    int rc = ORDO_OK;
    char **skills = NULL;
    if (in->ncourses > 0 && !(skills = ordo__malloc((size_t)in->ncourses * sizeof *skills))) {
        rc = ordo__seterr(err, ORDO_ENOMEM, "ctt to model: out of memory");
        goto done;
    }
    for (int r = 0; r < in->nrooms; r++) {
        ordo_resource res = { 0 };
        if (in->rooms[r].capacity < 1) {
            rc = ordo__seterr(err, ORDO_EINPUT, "ctt to model: room '%s': capacity %d; a model room "
                              "needs at least 1 seat", in->rooms[r].id, in->rooms[r].capacity);
            goto done;
        }
        res.id = res.name = in->rooms[r].id;
        res.kind = ORDO_ROOM;
        res.capacity = in->rooms[r].capacity;
        if ((rc = ordo_model_put_resource(m, &res, NULL)) < 0) {
            rc = model_error(err, rc, m);
            goto done;
        }
    }
    for (int t = 0; t < in->nteachers; t++) {
        ordo_resource res = { 0 };
        int n = 0;
        if (ordo_model_find_resource(m, in->teachers[t]) >= 0) {
            rc = ordo__seterr(err, ORDO_EINPUT, "ctt to model: teacher '%s' has the id of a room; "
                              "resource ids must be unique", in->teachers[t]);
            goto done;
        }
        for (int c = 0; c < in->ncourses; c++)
            if (in->courses[c].teacher_index == t)
                skills[n++] = in->courses[c].id;    /* borrowed: put_resource copies */
        res.id = res.name = in->teachers[t];
        res.kind = ORDO_PERSON;
        res.skills.items = skills;
        res.skills.count = n;
        if ((rc = ordo_model_put_resource(m, &res, NULL)) < 0) {
            rc = model_error(err, rc, m);
            goto done;
        }
    }
    int weekdays = in->days < 7 ? in->days : 7;
    for (size_t r = 0; r < m->resources.n; r++) {
        for (int d = 0; d < weekdays; d++) {
            ordo_working_hours wh = { (int)r, d, ORDO_CTT_DAY_START_MIN,
                                      ordo_ctt_period_minute(in->periods_per_day) };
            if ((rc = ordo_model_add_working_hours(m, &wh)) < 0) {
                rc = model_error(err, rc, m);
                goto done;
            }
        }
    }
done:
    ordo__free(skills);
    return rc;
}

static int add_course(ordo_model *m, const ordo_ctt_instance *in, int c, char **cohorts,
                      ordo_err *err)
{
    int rc = ORDO_OK, service = -1, ncohorts = 0;
    const ordo_ctt_course *co = &in->courses[c];
    ordo_service sv = { co->id, co->id, ORDO_CTT_PERIOD_MIN };
    ORDO_TRY(ordo_model_put_service(m, &sv, &service));
    ordo_requirement person = { service, ORDO_PERSON, 1, co->id, ORDO_CAPACITY_ANY, 0 };
    ordo_requirement room = { service, ORDO_ROOM, 1, NULL, ORDO_CAPACITY_PARTICIPANTS, 1 };
    ORDO_TRY(ordo_model_add_requirement(m, &person));
    ORDO_TRY(ordo_model_add_requirement(m, &room));
    for (int q = 0; q < in->ncurricula; q++)
        for (int i = 0; i < in->curricula[q].ncourses; i++)
            if (in->curricula[q].courses[i] == c)
                cohorts[ncohorts++] = in->curricula[q].id;
    ordo_course course = { 0 };
    course.id = course.title = co->id;
    course.service = service;
    course.contract = -1;
    course.sessions = co->lectures;
    course.participants = co->students;
    course.earliest = ordo_ctt_day_date(0);
    course.latest = ordo_ctt_day_date(in->days - 1);
    course.min_days_between = 0;
    course.cohorts.items = cohorts;                 /* borrowed: put_course copies */
    course.cohorts.count = ncohorts;
    course.min_distinct_days = co->min_working_days;
    ORDO_TRY(ordo_model_put_course(m, &course, NULL));
done:
    return rc < 0 ? model_error(err, rc, m) : rc;
}

int ordo_ctt_to_model(const ordo_ctt_instance *in, ordo_model **out, ordo_err *err)
{
    int rc = ORDO_OK;
    ordo_model *m = NULL;
    char **cohorts = NULL;
    *out = NULL;
    if (ordo_ctt_period_minute(in->periods_per_day) > ORDO_MIN_PER_DAY) {
        rc = ordo__seterr(err, ORDO_EINPUT, "ctt to model: instance '%s': %d periods of %d minutes "
                          "from 08:00 do not fit in a day", in->name, in->periods_per_day,
                          ORDO_CTT_PERIOD_MIN);
        goto done;
    }
    if ((rc = ordo_model_new(&m)) < 0 ||
        (in->ncurricula > 0 && !(cohorts = ordo__malloc((size_t)in->ncurricula * sizeof *cohorts)))) {
        rc = ordo__seterr(err, ORDO_ENOMEM, "ctt to model: out of memory");
        goto done;
    }
    m->weights = (ordo_weights){ .same_person = 0, .same_room = 1, .spread = 0, .load = 0,
                                 .min_days = 5, .compactness = 2 };
    ordo_site site = { SITE_ID, in->name, SITE_TZ };
    if ((rc = ordo_model_put_site(m, &site, NULL)) < 0) {
        rc = model_error(err, rc, m);
        goto done;
    }
    ORDO_TRY(add_resources(m, in, err));
    for (int c = 0; c < in->ncourses; c++)
        ORDO_TRY(add_course(m, in, c, cohorts, err));
    for (int i = 0; i < in->nunavailability; i++) {
        const ordo_ctt_unavailability *u = &in->unavailability[i];
        int start = ordo_ctt_period_minute(u->period);
        ordo_course_blackout b = { u->course, ordo_ctt_day_date(u->day), start,
                                   start + ORDO_CTT_PERIOD_MIN };
        if ((rc = ordo_model_add_blackout(m, &b)) < 0) {
            rc = model_error(err, rc, m);
            goto done;
        }
    }
    *out = m;
    m = NULL;
done:
    ordo__free(cohorts);
    ordo_model_free(m);
    return rc;
}

/* One placed session -> (course, room, day, period) of the instance. */
static int session_to_lecture(ordo_ctt_assignment *a, const ordo_ctt_instance *in,
                              const ordo_model *m, size_t i, ordo_err *err)
{
    int rc = ORDO_OK;
    const ordo_session *s = &m->sessions.v[i];
    const char *cid = s->course >= 0 && (size_t)s->course < m->courses.n
                          ? m->courses.v[s->course].id : "?";
    ordo_date date;
    int minute = 0;
    a->room = -1;
    if ((a->course = ordo_ctt_find_course(in, cid)) < 0) {
        rc = ordo__seterr(err, ORDO_EINPUT, "ctt from model: session %zu: course '%s' is not in "
                          "instance '%s'", i, cid, in->name);
        goto done;
    }
    for (int k = 0; k < s->nresources && a->room < 0; k++) {
        int r = s->resources[k];
        if (r >= 0 && (size_t)r < m->resources.n && m->resources.v[r].kind == ORDO_ROOM) {
            if ((a->room = ordo_ctt_find_room(in, m->resources.v[r].id)) < 0) {
                rc = ordo__seterr(err, ORDO_EINPUT, "ctt from model: session %zu of course '%s': "
                                  "room '%s' is not in instance '%s'", i, cid,
                                  m->resources.v[r].id, in->name);
                goto done;
            }
        }
    }
    if (a->room < 0) {
        rc = ordo__seterr(err, ORDO_EINPUT, "ctt from model: session %zu of course '%s' has no room",
                          i, cid);
        goto done;
    }
    if (s->site < 0 || (size_t)s->site >= m->sites.n ||
        ordo_tz_to_local(m->sites.v[s->site].timezone, s->start, &date, &minute) < 0) {
        rc = ordo__seterr(err, ORDO_EINPUT, "ctt from model: session %zu of course '%s' has no site "
                          "with a valid timezone", i, cid);
        goto done;
    }
    a->day = (int)(date - ordo_ctt_day_date(0));
    int offset = minute - ORDO_CTT_DAY_START_MIN;
    a->period = offset >= 0 ? offset / ORDO_CTT_PERIOD_MIN : -1;
    if (a->day < 0 || a->day >= in->days || offset < 0 || offset % ORDO_CTT_PERIOD_MIN != 0 ||
        a->period >= in->periods_per_day) {
        char when[17];
        ordo_datetime_format(date, minute, when);
        rc = ordo__seterr(err, ORDO_EINPUT, "ctt from model: session %zu of course '%s' starts at "
                          "%s, which is not a period of the %dx%d grid", i, cid, when, in->days,
                          in->periods_per_day);
        goto done;
    }
done:
    return rc;
}

int ordo_ctt_from_model(const ordo_ctt_instance *in, const ordo_model *m,
                        ordo_ctt_solution **out, ordo_err *err)
{
    int rc = ORDO_OK;
    ordo_ctt_solution *sol = NULL;
    *out = NULL;
    if (ordo_ctt_solution_new(&sol) < 0) {
        rc = ordo__seterr(err, ORDO_ENOMEM, "ctt from model: out of memory");
        goto done;
    }
    for (size_t i = 0; i < m->sessions.n; i++) {
        ordo_ctt_assignment a = { -1, -1, -1, -1 };
        ordo_session_status st = m->sessions.v[i].status;
        if (st != ORDO_SESSION_PLANNED && st != ORDO_SESSION_DONE)
            continue;
        ORDO_TRY(session_to_lecture(&a, in, m, i, err));
        if (ordo_ctt_solution_add(sol, a.course, a.room, a.day, a.period) < 0) {
            rc = ordo__seterr(err, ORDO_ENOMEM, "ctt from model: out of memory");
            goto done;
        }
    }
    *out = sol;
    sol = NULL;
done:
    ordo_ctt_solution_free(sol);
    return rc;
}
