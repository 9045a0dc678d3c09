/*
 * fuzz_ctt.c — libFuzzer harness for the ITC-2007 .ctt reader
 * (io/ctt_format.h): any byte string is parsed as an instance. It is either
 * loaded, with the invariants the header promises (ids indexed, every index
 * in range, a course's lectures within the periods, the matrices within the
 * caps), or refused with "NAME:LINE: ..."; never a crash, leak or read out
 * of bounds (ASan+UBSan). Seeds: tests/fuzz/corpus/ctt/.
 */
#include "io/ctt_format.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ordo_ctt_instance *in = NULL;
    ordo_err err = { 0 };
    int rc = ordo_ctt_instance_parse(&in, "fuzz.ctt", (const char *)data, size, &err);
    if (rc < 0) {
        if (in || strncmp(err.msg, "fuzz.ctt", 8) != 0)
            __builtin_trap();
        return 0;
    }
    int periods = in->days * in->periods_per_day;
    if (in->days < 1 || in->periods_per_day < 1 || periods > 100000)
        __builtin_trap();
    for (int c = 0; c < in->ncourses; c++) {
        const ordo_ctt_course *k = &in->courses[c];
        if (k->lectures < 0 || k->lectures > periods || k->teacher_index < 0 || k->teacher_index >= in->nteachers ||
            ordo_ctt_find_course(in, k->id) != c)
            __builtin_trap();
    }
    for (int r = 0; r < in->nrooms; r++)
        if (in->rooms[r].capacity < 0 || ordo_ctt_find_room(in, in->rooms[r].id) != r)
            __builtin_trap();
    for (int q = 0; q < in->ncurricula; q++)
        for (int i = 0; i < in->curricula[q].ncourses; i++)
            if (in->curricula[q].courses[i] < 0 || in->curricula[q].courses[i] >= in->ncourses)
                __builtin_trap();
    for (int u = 0; u < in->nunavailability; u++) {
        const ordo_ctt_unavailability *x = &in->unavailability[u];
        if (x->course < 0 || x->course >= in->ncourses || x->day < 0 || x->day >= in->days || x->period < 0 ||
            x->period >= in->periods_per_day)
            __builtin_trap();
    }
    ordo_ctt_instance_free(in);
    return 0;
}
