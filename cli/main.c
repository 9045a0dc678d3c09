#include "model/model.h"
#include <stdio.h>
int main(void) { ordo_model *m; if (ordo_model_new(&m)) return 1; ordo_model_free(m); puts("ordo"); return 0; }
