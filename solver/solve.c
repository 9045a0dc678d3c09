/* placeholder: replaced by the real scheduler */
#include "solver/solve.h"
int ordo_solve(ordo_model *m, const ordo_solve_options *opts, ordo_solve_result *out)
{ (void)m; (void)opts; (void)out; return ORDO_ESOLVER; }
