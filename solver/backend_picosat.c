/*
 * backend_picosat.c — the sv_sat_* functions of sat.h with PicoSAT
 * (Debian's picosat). The only file that includes picosat.h. Each solver is
 * its own PicoSAT instance (reentrant API; memory through ordo's allocator
 * hook, no output); the deadline is PicoSAT's interrupt callback.
 */
#include "solver/sat.h"
#include "solver/search.h"
#include "model/ordo.h"

#include <picosat/picosat.h>
#include <string.h>

struct sv_sat {
    PicoSAT *ps;
    double deadline;
};

static void *sat_malloc(void *state, size_t n)
{
    (void)state;
    return ordo__malloc(n ? n : 1);
}

static void *sat_realloc(void *state, void *ptr, size_t old, size_t n)
{
    (void)state;
    (void)old;
    return ordo__realloc(ptr, n ? n : 1);
}

static void sat_free(void *state, void *ptr, size_t n)
{
    (void)state;
    (void)n;
    ordo__free(ptr);
}

static int interrupted(void *state)
{
    const sv_sat *s = state;
    return s->deadline > 0 && sv_now() >= s->deadline;
}

sv_sat *sv_sat_new(long effort)
{
    sv_sat *s = ordo__calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->ps = picosat_minit(NULL, sat_malloc, sat_realloc, sat_free);
    if (!s->ps) {
        ordo__free(s);
        return NULL;
    }
    picosat_set_interrupt(s->ps, s, interrupted);
    if (effort > 0)
        picosat_set_propagation_limit(s->ps, (unsigned long long)effort);
    return s;
}

void sv_sat_free(sv_sat *s)
{
    if (!s)
        return;
    picosat_reset(s->ps);
    ordo__free(s);
}

int sv_sat_var(sv_sat *s)
{
    return picosat_inc_max_var(s->ps);
}

int sv_sat_clause(sv_sat *s, const int *lit, int n)
{
    for (int i = 0; i < n; i++) {
        if (lit[i] == 0 || lit[i] > picosat_variables(s->ps) || -lit[i] > picosat_variables(s->ps))
            return ORDO_EINVAL;
        picosat_add(s->ps, lit[i]);
    }
    picosat_add(s->ps, 0);
    return ORDO_OK;
}

sv_sat_status sv_sat_solve(sv_sat *s, const int *assume, int n, double deadline)
{
    s->deadline = deadline;
    if (deadline > 0 && sv_now() >= deadline)
        return SV_SAT_UNKNOWN;
    for (int i = 0; i < n; i++)
        picosat_assume(s->ps, assume[i]);
    int r = picosat_sat(s->ps, -1);
    return r == PICOSAT_SATISFIABLE ? SV_SAT_SAT : r == PICOSAT_UNSATISFIABLE ? SV_SAT_UNSAT
                                                                              : SV_SAT_UNKNOWN;
}

int sv_sat_value(sv_sat *s, int v)
{
    return picosat_deref(s->ps, v) > 0;
}
