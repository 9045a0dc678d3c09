/*
 * rounds.c — the plan of each round of the default run (rounds.h).
 */
#include "solver/rounds.h"

#include <limits.h>

sv_round sv_round_plan(int k, long base, double rate, double cap, int cap_is_limit)
{
    sv_round r;
    int shift = k < SV_ROUND_MAX_SHIFT ? k : SV_ROUND_MAX_SHIFT;
    r.work = base > LONG_MAX >> shift ? LONG_MAX : base << shift;
    r.heat = k ? SV_ROUND_LATER_HEAT : 1.0;
    r.deadline = k == 0 && !cap_is_limit ? 0 : cap;
    /* M seeds 1-3, costs: rounds of cool restarts to the cap 464-542; this
     * last round at heat 1: 442-532, 2.5: 396-504, 4: 371-477, 8: 407-501 */
    r.final = k > 0 && rate > 0 && (double)r.work / rate >= SV_ROUND_FINAL_SHARE * cap;
    if (r.final) {
        r.work = LONG_MAX;
        r.heat = SV_ROUND_FINAL_HEAT;
    }
    return r;
}
