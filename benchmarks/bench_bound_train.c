/*
 * bench_bound_train.c — the lower bound of a generated training instance
 * (benchmarks/gen_training) goal by goal, and the joint same person + load
 * MILP (sv_bound_people) under a chosen node and time budget: what each
 * relaxation proves, without a search.
 *
 * usage: bench_bound_train DIR FROM TO [NODES SECONDS]
 *   DIR      a gen_training folder; FROM TO the window it printed
 *   NODES    node limit of the joint MILP (default 200)
 *   SECONDS  its time limit (default 3, as the default run)
 */
#include "io/import.h"
#include "solver/bound.h"
#include "solver/search.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s DIR FROM TO [NODES SECONDS]\n", argv[0]);
        return 2;
    }
    long nodes = argc > 4 ? atol(argv[4]) : 200;
    double seconds = argc > 5 ? atof(argv[5]) : 3;
    ordo_err err = { 0 };
    ordo_model *m = NULL;
    sv_problem p;
    int code = 1, have = 0;
    ordo_solve_options o = ORDO_SOLVE_OPTIONS_INIT;
    if (ordo_date_parse(argv[2], &o.from) || ordo_date_parse(argv[3], &o.to)) {
        fprintf(stderr, "bench_bound_train: bad date\n");
        return 2;
    }
    o.now = 1767225600;
    if (ordo_model_new(&m) < 0 || ordo_import_dir(m, argv[1], NULL, NULL, &err) < 0) {
        fprintf(stderr, "bench_bound_train: import %s: %s\n", argv[1], err.msg);
        goto done;
    }
    if (sv_problem_build(&p, m, &o, &err) < 0) {
        fprintf(stderr, "bench_bound_train: %s\n", err.msg);
        goto done;
    }
    have = 1;
    int weak = 0;
    sv_cost_parts bp;
    double t0 = sv_now();
    double total = sv_bound_parts(&p, &weak, &bp);
    printf("parts %.1f s: total %.2f same_person %.2f same_room %.2f spread %.2f load %.2f capacity %.2f\n",
           sv_now() - t0, total, bp.same_person, bp.same_room, bp.spread, bp.load, bp.capacity);
    if (getenv("BENCH_BOUND_COURSES"))   /* per course: id, sessions, ideal gap, spread bound */
        for (int ci = 0; ci < p.ncourses; ci++)
            printf("course %s %d %d %.0f\n", m->courses.v[p.courses[ci].mc].id, p.courses[ci].nsess,
                   p.courses[ci].ideal_gap, sv_bound_spread_with(&p, &p.courses[ci], -1));
    t0 = sv_now();
    double extra = sv_bound_spread_stability_extra(&p);
    printf("spread+same person/room joint %.1f s: +%.2f\n", sv_now() - t0, extra);
    double people = 0;
    t0 = sv_now();
    int rc = sv_bound_people(&p, nodes, seconds, 0, &people);
    printf("people %.1f s: rc %d bound %.2f (separate: %.2f)\n", sv_now() - t0, rc, people,
           bp.same_person + bp.load);
    t0 = sv_now();
    rc = sv_bound_people(&p, nodes, seconds, 1, &people);
    printf("people + spread %.1f s: rc %d bound %.2f (separate: %.2f; +%.2f over the parts, joint "
           "spread+same person/room +%.2f)\n", sv_now() - t0, rc, people, bp.same_person + bp.load,
           people - bp.same_person - bp.load, extra);
    code = 0;
done:
    if (have)
        sv_problem_free(&p);
    ordo_model_free(m);
    return code;
}
