/*
 * bench_bound_lp.c — the MILP lower bound (solver/bound_lp.h) on the
 * ITC-2007 instances, one line each: instance, per-goal bound
 * (solver/bound.h), MILP bound (its SAT stage told the per-goal bound on
 * minimum days + compactness, as a run does), the bound a run prints (the
 * larger of the two, the MILP's plus the goals it counts as 0),
 * branch-and-bound nodes, seconds.
 *
 * usage: bench_bound_lp NODES SECONDS [DATA_DIR [compNN ...]]
 *   NODES    node limit per instance (deterministic; <= 0 = none)
 *   SECONDS  wall-clock limit per instance (safety; <= 0 = none)
 *   DATA_DIR folder of the compNN.ctt files (default
 *            $ORDO_SHARED_DIR/data/itc2007, else ../shared/data/itc2007)
 * Without instance names it runs comp01..comp21.
 */
#include "io/ctt_format.h"
#include "io/ctt_model.h"
#include "solver/bound.h"
#include "solver/bound_lp.h"
#include "solver/search.h"

#include <stdio.h>
#include <stdlib.h>

static int run_one(const char *dir, const char *name, long nodes, double seconds)
{
    int rc = ORDO_OK, have_problem = 0;
    char path[1024];
    ordo_err err = { 0 };
    ordo_ctt_instance *in = NULL;
    ordo_model *m = NULL;
    sv_problem p;
    snprintf(path, sizeof path, "%s/%s.ctt", dir, name);
    ORDO_TRY(ordo_ctt_instance_load(&in, path, &err));
    ORDO_TRY(ordo_ctt_to_model(in, &m, &err));
    ordo_solve_options opts = ORDO_SOLVE_OPTIONS_INIT;
    opts.from = ordo_ctt_day_date(0);
    opts.to = ordo_ctt_day_date(in->days - 1);
    opts.slot_minutes = ORDO_CTT_PERIOD_MIN;
    ORDO_TRY(sv_problem_build(&p, m, &opts, &err));
    have_problem = 1;
    int weak = 0;
    sv_cost_parts parts;
    double course_bound = sv_bound_parts(&p, &weak, &parts), bound = 0, t0 = sv_now();
    long used = 0;
    rc = sv_bound_lp_from(&p, nodes, seconds, parts.days_compactness, &bound, &used);
    double with_goals = bound + parts.same_person + parts.same_room + parts.load;
    double run = course_bound > with_goals ? course_bound : with_goals;
    if (rc == ORDO_OK)
        printf("%s\t%.0f\t%.0f\t%.0f\t%ld\t%.1f\n", name, course_bound, bound, run, used, sv_now() - t0);
    else
        printf("%s\t%.0f\t(%s)\t%.0f\t%ld\t%.1f\n", name, course_bound, ordo_strerror(rc), course_bound, used,
               sv_now() - t0);
    fflush(stdout);
done:
    if (rc < 0 && err.msg[0])
        fprintf(stderr, "%s: %s\n", name, err.msg);
    if (have_problem)
        sv_problem_free(&p);
    ordo_model_free(m);
    ordo_ctt_instance_free(in);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s NODES SECONDS [DATA_DIR [compNN ...]]\n", argv[0]);
        return 2;
    }
    long nodes = atol(argv[1]);
    double seconds = atof(argv[2]);
    char dir[1024];
    if (argc > 3) {
        snprintf(dir, sizeof dir, "%s", argv[3]);
    } else {
        const char *shared = getenv("ORDO_SHARED_DIR");
        snprintf(dir, sizeof dir, "%s/data/itc2007", shared && *shared ? shared : "../shared");
    }
    int failed = 0;
    printf("instance\tcourse_bound\tlp_bound\trun_bound\tnodes\tseconds\n");
    if (argc > 4) {
        for (int i = 4; i < argc; i++)
            failed += run_one(dir, argv[i], nodes, seconds) < 0;
    } else {
        for (int k = 1; k <= 21; k++) {
            char name[16];
            snprintf(name, sizeof name, "comp%02d", k);
            failed += run_one(dir, name, nodes, seconds) < 0;
        }
    }
    return failed ? 1 : 0;
}
