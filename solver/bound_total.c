/*
 * bound_total.c — the run's whole lower bound, in the two phases
 * ordo_solve() runs between construction and search and ordo_score (for a
 * saved plan) runs alone: first the goals' own parts (bound.c) with the
 * joint people bound (bound_res.c: same person + load + spread) or the
 * spread/stability extra, whichever adds more; then the MILP relaxation
 * (bound_lp.c) plus the resource parts it counts as 0, when larger.
 */
#include "solver/bound.h"
#include "solver/bound_lp.h"

double sv_bound_first(const sv_problem *p, double people_s, int *weak, sv_cost_parts *parts)
{
    double bound = sv_bound_parts(p, weak, parts);
    /* the people MILP replaces the same person and load parts when it adds
     * more than the extra; the two share same person, so they are alternatives */
    double people = 0, apart = parts->same_person + parts->load;
    double extra = sv_bound_spread_stability_extra(p);
    if (people_s > 0 && sv_bound_people(p, SV_BOUND_LP_NODES, people_s, 1, &people) == ORDO_OK &&
        people - apart > extra) {
        bound += people - apart;
        parts->same_person = people;   /* the joint bound, kept in one of its fields */
        parts->load = 0;
    } else {
        bound += extra;
    }
    return bound;
}

double sv_bound_then_lp(const sv_problem *p, double lp_s, const sv_cost_parts *parts, double bound, int *weak)
{
    double lb = 0;
    /* the MILP counts same person, same room and load as 0: their own
     * bounds add to it */
    if (lp_s > 0 && sv_bound_lp_from(p, SV_BOUND_LP_NODES, lp_s, parts->days_compactness, &lb, NULL) == ORDO_OK) {
        lb += parts->same_person + parts->same_room + parts->load;
        *weak = 0;   /* the MILP bounds compactness too */
        if (lb > bound)
            bound = lb;
    }
    return bound;
}
