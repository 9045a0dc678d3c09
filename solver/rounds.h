/*
 * rounds.h — how the default run (no --work, no --time-limit without
 * stagnation) divides its search into annealing rounds: round k runs
 * 2^k x the base budget from the best plan so far, the first at the usual
 * start temperature, the later ones cooler (they restart from a good plan).
 * A round that would take an eighth of the cap or more, at the iteration
 * rate measured on the rounds before, is the last one: it anneals until the
 * cap, starting hotter than the first (an instance that needs rounds that
 * long gains more from one long hot anneal than from further cool restarts:
 * benchmarks/README.md, stop 20). The stagnation and cap checks between
 * rounds stay in solve.c; this is only the plan of each round, kept pure so
 * that it can be tested without rounds lasting seconds.
 */
#ifndef ORDO_SOLVER_ROUNDS_H
#define ORDO_SOLVER_ROUNDS_H

#define SV_ROUND_LATER_HEAT 0.3     /* rounds after the first */
#define SV_ROUND_FINAL_SHARE 0.125  /* of the cap: a round this long is the last */
#define SV_ROUND_FINAL_HEAT 4.0     /* the last round's start temperature, times the usual */
#define SV_ROUND_MAX_SHIFT 20       /* round k runs base << min(k, this) */

typedef struct sv_round {
    long work;        /* iterations; LONG_MAX for the last round (the cap stops it) */
    double heat;      /* start temperature, times the usual (sv_search's heat) */
    double deadline;  /* seconds after the solve's start; 0 = none */
    int final;        /* 1: no round follows this one */
} sv_round;

/* Round k (from 0) of a run with `base` iterations as its first budget.
 * `rate` is the iteration rate (per second) measured on the rounds before
 * (<= 0: not known yet, so never the last round); `cap` the run's cap in
 * seconds; `cap_is_limit` 1 when the cap is the caller's time limit, 0 when
 * it is the default cap, in which case the first round runs to its end
 * whatever the clock (the default run is never worse than its base budget,
 * however loaded the machine). */
sv_round sv_round_plan(int k, long base, double rate, double cap, int cap_is_limit);

#endif
