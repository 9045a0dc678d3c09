/*
 * test_rezone.c — a site's time zone corrected (model/rezone.h): its
 * sessions keep their local wall-clock start and their duration, SEQUENCE
 * and DTSTAMP change only where the instant moved; a local start in the new
 * zone's DST gap or fold is told apart; other sites and unplaced sessions
 * are left alone; misuse is refused.
 */
#include "check.h"
#include "model/rezone.h"
#include "model/tz.h"

#define NOW 1800000000LL

/* Two sites (hq: zone `tz`, other: Europe/London), and sessions added by add(). */
static ordo_model *two_sites(const char *tz)
{
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_new(&m), ORDO_OK);
    ordo_site hq = { .id = "hq", .name = "HQ", .timezone = (char *)tz };
    ordo_site other = { .id = "other", .name = "Other", .timezone = "Europe/London" };
    CHECK_EQ(ordo_model_put_site(m, &hq, NULL), ORDO_OK);
    CHECK_EQ(ordo_model_put_site(m, &other, NULL), ORDO_OK);
    return m;
}

/* A session at `site` starting at local y-mo-d h:mi in `tz`, 60 minutes. */
static int add(ordo_model *m, int site, const char *tz, int y, int mo, int d, int h, int mi,
               ordo_session_status st)
{
    ordo_session s = { .site = site, .status = st, .sequence = 3, .dtstamp = 5 };
    int at = -1;
    CHECK_EQ(ordo_tz_to_utc(tz, ordo_date_from_ymd(y, mo, d), h * 60 + mi, &s.start), ORDO_LOCAL_OK);
    s.end = s.start + 60;
    CHECK_EQ(ordo_model_add_session(m, &s, &at), ORDO_OK);
    return at;
}

static void local_of(const ordo_model *m, int si, ordo_date *d, int *minute)
{
    const ordo_session *s = &m->sessions.v[si];
    ordo_tz_to_local(m->sites.v[s->site].timezone, s->start, d, minute);
}

static void test_rezone__local_time_kept(void)
{
    ordo_model *m = two_sites("Europe/Paris");
    int a = add(m, 0, "Europe/Paris", 2027, 1, 12, 9, 0, ORDO_SESSION_PLANNED);
    int b = add(m, 0, "Europe/Paris", 2027, 7, 12, 14, 30, ORDO_SESSION_DONE);
    int c = add(m, 1, "Europe/London", 2027, 1, 12, 9, 0, ORDO_SESSION_PLANNED);   /* other site */
    ordo_session never = { .site = -1, .status = ORDO_SESSION_UNSCHEDULED };
    CHECK_EQ(ordo_model_add_session(m, &never, NULL), ORDO_OK);
    ordo_utc a0 = m->sessions.v[a].start, c0 = m->sessions.v[c].start;
    unsigned char what[4];
    int moved = -1;
    ordo__free(m->sites.v[0].timezone);
    m->sites.v[0].timezone = ordo__strdup("America/New_York");
    CHECK_EQ(ordo_sessions_rezone(m, 0, "Europe/Paris", NOW, what, &moved), ORDO_OK);
    CHECK_EQ(moved, 2);
    CHECK_EQ(what[a], ORDO_REZONE_MOVED);
    CHECK_EQ(what[b], ORDO_REZONE_MOVED);
    CHECK_EQ(what[c], ORDO_REZONE_KEPT);
    CHECK_EQ(what[3], ORDO_REZONE_KEPT);
    ordo_date d;
    int minute;
    local_of(m, a, &d, &minute);
    CHECK_EQ(d, ordo_date_from_ymd(2027, 1, 12));
    CHECK_EQ(minute, 9 * 60);
    CHECK_EQ(m->sessions.v[a].start - a0, 6 * 60);        /* 09:00 CET -> 09:00 EST: 6 h later */
    CHECK_EQ(m->sessions.v[a].end - m->sessions.v[a].start, 60);
    CHECK_EQ(m->sessions.v[a].sequence, 4);
    CHECK_EQ(m->sessions.v[a].dtstamp, NOW);
    local_of(m, b, &d, &minute);
    CHECK_EQ(minute, 14 * 60 + 30);
    CHECK_EQ(m->sessions.v[c].start, c0);
    CHECK_EQ(m->sessions.v[c].sequence, 3);
    CHECK_EQ(m->sessions.v[c].dtstamp, 5);
    ordo_model_free(m);
}

static void test_rezone__same_offset_changes_nothing(void)
{
    /* Europe/Paris and Europe/Berlin agree on every 2027 instant */
    ordo_model *m = two_sites("Europe/Paris");
    int a = add(m, 0, "Europe/Paris", 2027, 3, 1, 10, 0, ORDO_SESSION_PLANNED);
    unsigned char what[1];
    int moved = -1;
    ordo__free(m->sites.v[0].timezone);
    m->sites.v[0].timezone = ordo__strdup("Europe/Berlin");
    CHECK_EQ(ordo_sessions_rezone(m, 0, "Europe/Paris", NOW, what, &moved), ORDO_OK);
    CHECK_EQ(moved, 0);
    CHECK_EQ(what[a], ORDO_REZONE_KEPT);
    CHECK_EQ(m->sessions.v[a].sequence, 3);
    ordo_model_free(m);
}

static void test_rezone__gap_and_fold(void)
{
    ordo_model *m = two_sites("Africa/Abidjan");
    /* 2027-03-28 02:30 does not exist in Paris; 2027-10-31 02:30 occurs twice */
    int gap = add(m, 0, "Africa/Abidjan", 2027, 3, 28, 2, 30, ORDO_SESSION_PLANNED);
    int fold = add(m, 0, "Africa/Abidjan", 2027, 10, 31, 2, 30, ORDO_SESSION_PLANNED);
    unsigned char what[2];
    ordo__free(m->sites.v[0].timezone);
    m->sites.v[0].timezone = ordo__strdup("Europe/Paris");
    CHECK_EQ(ordo_sessions_rezone(m, 0, "Africa/Abidjan", NOW, what, NULL), ORDO_OK);
    CHECK_EQ(what[gap], ORDO_REZONE_GAP);
    CHECK_EQ(what[fold], ORDO_REZONE_FOLD);
    ordo_date d;
    int minute;
    local_of(m, gap, &d, &minute);
    CHECK_EQ(minute, 3 * 60 + 30);                        /* after the gap */
    local_of(m, fold, &d, &minute);
    CHECK_EQ(minute, 2 * 60 + 30);
    CHECK_EQ(ordo_tz_offset("Europe/Paris", m->sessions.v[fold].start), 120);   /* the first 02:30 */
    CHECK_EQ(m->sessions.v[gap].sequence, 4);
    ordo_model_free(m);
}

static void test_rezone__misuse(void)
{
    ordo_model *m = two_sites("Europe/Paris");
    CHECK_EQ(ordo_sessions_rezone(m, 2, "Europe/Paris", NOW, NULL, NULL), ORDO_EINVAL);
    CHECK_EQ(ordo_sessions_rezone(m, 0, "Nowhere/City", NOW, NULL, NULL), ORDO_EINVAL);
    CHECK_STR(ordo_model_errmsg(m), "rezone: invalid site or time zone");
    ordo_model_free(m);
}

int main(void)
{
    RUN(test_rezone__local_time_kept);
    RUN(test_rezone__same_offset_changes_nothing);
    RUN(test_rezone__gap_and_fold);
    RUN(test_rezone__misuse);
    return CHECK_DONE();
}
