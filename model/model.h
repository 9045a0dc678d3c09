/*
 * model.h — ordo's domain model: one in-memory picture of a service calendar.
 *
 * A model owns every record below (sites, resources, calendars, services,
 * requirements, CRM accounts and contacts, contracts, courses) and the plan
 * (sessions). Records reference each other by index into the model's arrays;
 * ids are the user's case-sensitive strings, unique per table (accounts and
 * contacts share one id space). Records are read directly through the arrays
 * (read-only for callers outside model/) and changed only through the
 * functions below, which copy their input and keep the id indexes right.
 *
 * Ownership: everything reachable from an ordo_model is owned by it and freed
 * by ordo_model_free(). Strings passed in are copied.
 */
#ifndef ORDO_MODEL_H
#define ORDO_MODEL_H

#include "model/date.h"
#include "model/ordo.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ordo_kind { ORDO_PERSON = 0, ORDO_ROOM = 1, ORDO_EQUIPMENT = 2 } ordo_kind;
#define ORDO_KIND_COUNT 3
const char *ordo_kind_name(ordo_kind k);      /* "person", "room", "equipment" */
int ordo_kind_parse(const char *s);           /* -1 if unknown */

/* A ';'-separated list cell, split. */
typedef struct ordo_strlist {
    char **items;
    int count;
} ordo_strlist;
int ordo_strlist_parse(ordo_strlist *out, const char *cell);   /* "" -> empty list */
int ordo_strlist_copy(ordo_strlist *out, const ordo_strlist *in);
int ordo_strlist_has(const ordo_strlist *l, const char *s);
void ordo_strlist_clear(ordo_strlist *l);
/* Join with ';' into a new string (caller frees with ordo__free). */
char *ordo_strlist_join(const ordo_strlist *l);

typedef struct ordo_site {
    char *id, *name;
    char *timezone;               /* IANA name, checked by ordo_tz_valid */
} ordo_site;

typedef struct ordo_resource {
    char *id, *name;
    ordo_kind kind;
    int site;                     /* index into model->sites */
    int capacity;                 /* seats (rooms, >= 1); 0 = not given */
    ordo_strlist skills;          /* subjects, room features, equipment types */
    char *email;                  /* persons; NULL if none */
} ordo_resource;

/* Weekly availability: [start, end) local minutes on a weekday (0 = Monday). */
typedef struct ordo_working_hours {
    int resource;
    int weekday;
    int start, end;               /* 0..1440 */
} ordo_working_hours;

/* Unavailability [start, end) in the resource's site's local time. */
typedef struct ordo_time_off {
    int resource;
    ordo_date start_date, end_date;
    int start_min, end_min;
    char *reason;                 /* may be NULL */
    char *source;                 /* where it came from: "csv" or an iCal import tag */
} ordo_time_off;

typedef struct ordo_service {
    char *id, *name;
    int duration;                 /* minutes, > 0 */
} ordo_service;

#define ORDO_CAPACITY_ANY (-1)
#define ORDO_CAPACITY_PARTICIPANTS (-2)

/* One selection rule: `count` distinct resources of `kind`, each with `skill`
 * (NULL = any) and, for rooms, at least min_capacity seats. */
typedef struct ordo_requirement {
    int service;
    ordo_kind kind;
    int count;
    char *skill;
    int min_capacity;             /* seats, ORDO_CAPACITY_ANY or _PARTICIPANTS */
    int capacity_penalty;         /* 0: capacity is hard; > 0: soft, cost per missing seat */
} ordo_requirement;

typedef enum ordo_relationship {
    ORDO_REL_NONE = 0, ORDO_REL_SUSPECT, ORDO_REL_PROSPECT, ORDO_REL_POTENTIAL_CLIENT, ORDO_REL_CLIENT,
    ORDO_REL_FORMER_CLIENT
} ordo_relationship;
const char *ordo_relationship_name(ordo_relationship r);  /* "suspect", ... ; "" for NONE */
int ordo_relationship_parse(const char *s);               /* -1 if unknown */

typedef struct ordo_account {
    char *id, *name;
    ordo_relationship relationship;
    ordo_strlist roles;           /* competitor, partner, supplier, ... */
    char *city;                   /* as typed, may be NULL (ordo_city_check) */
} ordo_account;

typedef struct ordo_contact {
    char *id, *first_name, *last_name;
    char *email;                  /* may be NULL */
    char *account;                /* account id, may be NULL */
    ordo_relationship relationship;
    ordo_strlist roles;
    char *city;                   /* as typed, may be NULL; else its account's counts */
    char *phone;                  /* as typed, may be NULL (ordo_phone_check; a duplicate-search key) */
} ordo_contact;

typedef enum ordo_contract_status {
    ORDO_CONTRACT_DRAFT = 0, ORDO_CONTRACT_ACTIVE, ORDO_CONTRACT_ON_HOLD,
    ORDO_CONTRACT_CANCELLED, ORDO_CONTRACT_EXPIRED
} ordo_contract_status;
const char *ordo_contract_status_name(ordo_contract_status s);

typedef struct ordo_contract {
    char *id;
    char *customer;               /* account or contact id */
    ordo_date start, end;         /* inclusive local dates */
    int64_t minutes;              /* hour bank, whole minutes */
    int64_t used_minutes;         /* already consumed outside this plan (frozen sessions, cases) */
    ordo_contract_status status;
} ordo_contract;

typedef struct ordo_course {
    char *id, *title;
    int service;
    char *customer;               /* account or contact id */
    int contract;                 /* index, -1 if none */
    int sessions;                 /* >= 1 */
    int participants;             /* >= 1 */
    ordo_date earliest, latest;   /* inclusive local dates */
    int min_days_between;
    ordo_strlist cohorts;
    /* General extensions (the CTT translation uses them; 0 = off). */
    int min_distinct_days;        /* soft: penalty per day short of this */
    int fixed_duration_slots;     /* unused by the training import */
    /* Service desk (solver/booking.h): 1 = a desk booking, a one-session
     * course made by `ordo book`; its session keeps the time and resources
     * the desk gave it (the scheduler must not re-plan it). */
    int is_booking;
    /* Sites the course may take place at (site ids; empty = any). Whatever
     * the list, all sessions of a course are at one site (a hard rule). */
    ordo_strlist sites;
} ordo_course;

/* A period forbidden to one course: local [start, end) on a date. */
typedef struct ordo_course_blackout {
    int course;
    ordo_date date;
    int start_min, end_min;
} ordo_course_blackout;

typedef enum ordo_session_status {
    ORDO_SESSION_PLANNED = 0,     /* placed by the scheduler */
    ORDO_SESSION_UNSCHEDULED,     /* could not be placed; reason set */
    ORDO_SESSION_CANCELLED,       /* dropped; kept for calendars */
    ORDO_SESSION_DONE             /* delivered; frozen */
} ordo_session_status;
const char *ordo_session_status_name(ordo_session_status s);

/* One booking of a course. `id` is the stable internal id (kept across
 * re-plans); `ordinal` (0-based) names the session slot within its course. */
typedef struct ordo_session {
    int64_t id;                   /* 0 until the store assigns one */
    int course;
    int ordinal;
    ordo_session_status status;
    ordo_utc start, end;          /* real time, minutes; valid when placed */
    int site;                     /* -1 when not placed */
    int *resources;               /* indexes, in requirement-row order */
    int nresources;
    int sequence;                 /* iCal SEQUENCE */
    int64_t dtstamp;              /* UTC seconds of the last change */
    char *reason;                 /* unscheduled: "keyword: words"; forced: the conflict */
    int forced_conflict;          /* 1: booked despite a conflict (--force); reason names it */
} ordo_session;

/* Soft-goal weights (documented in README "Objective"). */
typedef struct ordo_weights {
    int same_person;      /* per extra distinct person across a course's sessions */
    int same_room;        /* per extra distinct room across a course's sessions */
    int spread;           /* per day a gap falls short of the course's even spacing */
    int load;             /* per hour a person's load exceeds the mean load */
    int min_days;         /* per day short of a course's min_distinct_days */
    int compactness;      /* per isolated session of a cohort within its day */
} ordo_weights;
#define ORDO_WEIGHTS_DEFAULT { 10, 5, 1, 1, 5, 0 }

#define ORDO_ARRAY(T) struct { T *v; size_t n, cap; }

typedef struct ordo_index ordo_index;   /* id -> position (model/index.c) */

typedef struct ordo_model {
    ORDO_ARRAY(ordo_site) sites;
    ORDO_ARRAY(ordo_resource) resources;
    ORDO_ARRAY(ordo_working_hours) working_hours;
    ORDO_ARRAY(ordo_time_off) time_off;
    ORDO_ARRAY(ordo_service) services;
    ORDO_ARRAY(ordo_requirement) requirements;
    ORDO_ARRAY(ordo_account) accounts;
    ORDO_ARRAY(ordo_contact) contacts;
    ORDO_ARRAY(ordo_contract) contracts;
    ORDO_ARRAY(ordo_course) courses;
    ORDO_ARRAY(ordo_course_blackout) blackouts;
    ORDO_ARRAY(ordo_session) sessions;
    ordo_weights weights;
    /* A model loaded for one desk change (io/store/store.h, ops.load_scope)
     * holds every table whole except courses, blackouts and sessions, of
     * which it holds only those the change can touch: `partial` is 1 and
     * `last_booking` is the highest desk booking number in the whole store.
     * A partial model is never saved whole (the store refuses it). */
    int partial;
    int last_booking;
    ordo_index *idx_site, *idx_resource, *idx_service, *idx_party, *idx_contract, *idx_course;
    ordo_err err;
} ordo_model;

int ordo_model_new(ordo_model **out);
void ordo_model_free(ordo_model *m);                  /* NULL is a no-op */
const char *ordo_model_errmsg(const ordo_model *m);

/* Lookups by id: index or -1. Accounts and contacts share one id space:
 * ordo_model_find_party returns the account index, or -(contact index) - 2. */
int ordo_model_find_site(const ordo_model *m, const char *id);
int ordo_model_find_resource(const ordo_model *m, const char *id);
int ordo_model_find_service(const ordo_model *m, const char *id);
int ordo_model_find_account(const ordo_model *m, const char *id);
int ordo_model_find_contact(const ordo_model *m, const char *id);
int ordo_model_find_contract(const ordo_model *m, const char *id);
int ordo_model_find_course(const ordo_model *m, const char *id);

/* Upserts: copy `in` (strings and lists deep-copied); a record whose id
 * exists replaces it in place (its index is kept). *out_index may be NULL.
 * References given as indexes must be valid; nothing is checked but memory. */
int ordo_model_put_site(ordo_model *m, const ordo_site *in, int *out_index);
int ordo_model_put_resource(ordo_model *m, const ordo_resource *in, int *out_index);
int ordo_model_put_service(ordo_model *m, const ordo_service *in, int *out_index);
int ordo_model_put_account(ordo_model *m, const ordo_account *in, int *out_index);
int ordo_model_put_contact(ordo_model *m, const ordo_contact *in, int *out_index);
int ordo_model_put_contract(ordo_model *m, const ordo_contract *in, int *out_index);
int ordo_model_put_course(ordo_model *m, const ordo_course *in, int *out_index);

/* Keyless tables: append a row; *_clear_for removes a resource's or
 * service's rows (re-import replaces them). */
int ordo_model_add_working_hours(ordo_model *m, const ordo_working_hours *in);
int ordo_model_add_time_off(ordo_model *m, const ordo_time_off *in);
int ordo_model_add_requirement(ordo_model *m, const ordo_requirement *in);
int ordo_model_add_blackout(ordo_model *m, const ordo_course_blackout *in);
void ordo_model_clear_working_hours_for(ordo_model *m, int resource);
/* source NULL = every row of the resource; else only rows with that source. */
void ordo_model_clear_time_off_for(ordo_model *m, int resource, const char *source);
void ordo_model_clear_requirements_for(ordo_model *m, int service);

/* Sessions: append a copy (resources copied). */
int ordo_model_add_session(ordo_model *m, const ordo_session *in, int *out_index);
/* Replace a session's resources (copied). */
int ordo_session_set_resources(ordo_session *s, const int *res, int n);
int ordo_session_set_reason(ordo_session *s, const char *reason);

/* Minutes of the hour bank: "40", "12.5", "7.25" -> whole minutes rounded
 * down. Returns 0 or -1 if not a non-negative decimal with <= 2 decimals. */
int ordo_hours_parse(const char *s, int64_t *out_minutes);

/* An id is letters, digits, '-', '_' and '.', non-empty. */
int ordo_id_valid(const char *s);

/* An e-mail address of the RFC 5322 addr-spec shape, dot-atom form:
 * "local@domain", exactly one '@', each side dot-separated runs of atext
 * (letters, digits, !#$%&'*+-/=?^_`{|}~), no spaces, control characters
 * (CR/LF), quotes, brackets, backslashes or non-ASCII; local part <= 64 and
 * the whole <= ORDO_EMAIL_MAX bytes. 1 if valid, 0 otherwise (NULL too).
 * The one check used by every path that stores an address (CSV import,
 * CRM records through ordo_contact_check, leads, the HTTP API). */
#define ORDO_EMAIL_MAX 254
int ordo_email_valid(const char *s);

#ifdef __cplusplus
}
#endif
#endif
