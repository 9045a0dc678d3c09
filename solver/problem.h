/*
 * problem.h — the numeric scheduling problem the solver works on, built once
 * from a model and a planning window (problem.c).
 *
 * Time is in minutes from the horizon origin (UTC minute h0). Every resource
 * has a bitset of free minutes (working hours minus time off minus frozen
 * bookings); every cohort is a pseudo-resource with its own bitset, so "no two
 * sessions of a cohort overlap" is the same test as "no double booking".
 * Each course lists its candidate starts (site, local date, minute), already
 * filtered by window, contract dates, DST validity, course blackouts and the
 * course's sites (its `site` list, and the site of its frozen sessions), and
 * per requirement row its candidate resources (kind, skill, hard capacity,
 * at a site the course may use). That all sessions of a course share one
 * site is checked against the plan (sv_state_course_allows).
 */
#ifndef ORDO_SOLVER_PROBLEM_H
#define ORDO_SOLVER_PROBLEM_H

#include "model/model.h"
#include "solver/bitset.h"
#include "solver/solve.h"

typedef struct sv_start {
    int t;              /* minutes from the horizon origin */
    ordo_date date;     /* local date at the site */
    int minute;         /* local minute of day */
    int site;
} sv_start;

typedef struct sv_req {
    int kind;
    int count;
    int *cands;         /* candidate resources (model indexes), at the course's allowed sites */
    int ncands;
    int need_seats;     /* seats asked (0 = any) */
    int cap_penalty;    /* 0 = hard capacity (already filtered), else cost per missing seat */
    const char *skill;  /* borrowed from the model, for explanations */
} sv_req;

typedef struct sv_course {
    int mc;             /* model course index */
    int duration;
    int nreq;
    sv_req *reqs;
    int nres;           /* resources per session (sum of counts) */
    sv_start *starts;   /* candidate starts, by time */
    int nstarts;
    int *by_site;       /* start indexes by site, then time (so by local date
                         * within a site): sv_course_nearest_date */
    int *cohorts;       /* pseudo-resource indexes (>= nresources), distinct */
    int ncohorts;
    int contract;       /* model contract index or -1 */
    int min_days_between;
    int min_distinct_days;
    int ideal_gap;      /* even spacing in days for the spread goal */
    int nsess;          /* sessions to place in this run */
    int *sess;          /* their sv session indexes */
    ordo_date *fixed_dates;   /* dates of frozen sessions of this course */
    int nfixed;
    int *fixed_t;       /* frozen sessions' [t, t_end) pairs (2 per session) */
    int *fixed_res;     /* frozen sessions' resources, all concatenated */
    int nfixed_res;
    int fixed_site;     /* site of the frozen sessions: -1 none, -2 more than one */
    int persons_per_session, rooms_per_session;
    const char *empty_reason; /* why nstarts == 0 (keyword: words), or NULL */
    char *owned_reason;       /* empty_reason when it was formatted (freed with the problem) */
} sv_course;

typedef struct sv_problem {
    const ordo_model *m;
    ordo_solve_options opts;
    ordo_utc h0;        /* horizon origin, UTC minutes */
    int horizon;        /* minutes */
    int words;          /* words per bitset */
    int nres;           /* model resources */
    int npseudo;        /* cohorts */
    sv_word *free0;     /* (nres + npseudo) * words: free minutes before this run's sessions */
    char **cohort_names;
    int ncourses;
    sv_course *courses;
    int nsess;
    int *sess_model;    /* model session index of each sv session */
    int *sess_course;   /* sv course of each sv session */
    int64_t *bank0;     /* per model contract: minutes left for this run */
    int npersons;       /* persons that are a candidate somewhere (load goal) */
    char *is_load_person; /* per model resource */
    ordo_weights w;
    int max_duration;
    double *pressure;   /* per resource: expected demand / free minutes (construction) */
    int *res_site;      /* per resource: its site, seats and kind, copied from */
    int *res_seats;     /* the model so that choosing resources and costing a */
    int *res_kind;      /* course read small arrays */
    int64_t *load0;     /* per resource: minutes of frozen sessions (load goal) */
    double deadline_at; /* sv_now() value every phase stops by (its LPs/MIPs get the time left); 0 = none */
    int *res_off;       /* per session (+1): offset of its resources in per-session
                         * resource arrays (prev_res, the state's res) */
    /* the previous plan (re-plans): per session its start index and
     * resources before this run (prev_res at res_off[s]); prev_start -1 =
     * none, -2 = it had one that is no candidate any more (moves whatever
     * happens) */
    int *prev_start;
    int *prev_res;
    int nprev;          /* sessions with a previous placement */
    int must_move;      /* ... whose placement fits no plan now (-2, or blocked by the fixed rest) */
    int stability;      /* cost per moved session in the objective; 0 = off (fresh) */
} sv_problem;

/* Seconds a phase may take: `share` (> 0), cut to what is left before
 * p->deadline_at; 0 when nothing is left (skip the phase: a GLPK limit of
 * 0 would mean none). */
double sv_phase_limit(const sv_problem *p, double share);


/* Index of course c's start at horizon minute t and site, or -1. */
int sv_problem_find_start(const sv_course *c, int t, int site);

/* The starts of course c at `site` on the local date nearest to `target`
 * (a day number, may be fractional; both dates when two are equally near):
 * by_site[*from .. *to). Returns how many (0: the course has no start at
 * the site). */
int sv_course_nearest_date(const sv_course *c, int site, double target, int *from, int *to);

/* Is session s at its previous placement (start and resources)? */
int sv_problem_at_prev(const sv_problem *p, int s, int j, const int *res);

int sv_problem_build(sv_problem *p, ordo_model *m, const ordo_solve_options *opts, ordo_err *err);
void sv_problem_free(sv_problem *p);

static inline sv_word *sv_free_bits(sv_word *base, const sv_problem *p, int r)
{
    return base + (size_t)r * (size_t)p->words;
}

#endif
