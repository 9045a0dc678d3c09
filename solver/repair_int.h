/*
 * repair_int.h — (internal) what the two halves of the repair share:
 * repair_detect.c decides which sessions must or may move, repair.c builds
 * their options, solves the MIP and applies the result.
 */
#ifndef ORDO_SOLVER_REPAIR_INT_H
#define ORDO_SOLVER_REPAIR_INT_H

#include "solver/desk.h"
#include "solver/repair.h"

enum { RP_FIXED = 0, RP_INFEASIBLE = 1, RP_OTHER = 2 };

typedef struct rp_ctx {
    ordo_model *m;
    const ordo_repair_options *o;
    ordo_desk *d;
    int shift_days, slot;
    char *in_window;            /* per session: PLANNED, placed, local start date in the window */
    char *role;                 /* per session: RP_FIXED, RP_INFEASIBLE or RP_OTHER */
    char **why;                 /* per session: why it is infeasible (owned) */
    int *moving;                /* sessions that may move: infeasible first, then others */
    int nmoving, ninfeasible;
    ordo_err *err;
} rp_ctx;

/* Marks infeasible sessions (role, why) and, with allow_moves, the other
 * sessions that may move; fills moving[]. */
int rp_detect(rp_ctx *c);

/* Local date of t at the session's site. */
ordo_date rp_local_date(const ordo_model *m, int site, ordo_utc t, int *minute);

#endif
