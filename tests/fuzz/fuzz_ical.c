/*
 * fuzz_ical.c — libFuzzer harness for `import ical` (io/ical_import.h): any
 * byte string is read as a resource's calendar over 2026. It is either
 * imported (as many rows of that source as the result says, each inside
 * years 1900..9999 and ending after it starts) or refused with "NAME...:"
 * and a message; never a crash, leak, read out of bounds (ASan+UBSan), and
 * never slow: the step budget and caps bound every input (libFuzzer's
 * -timeout reports a slow one). Seeds: tests/fuzz/corpus/ical/ (the
 * reproducers of issue 10 and ordinary calendars).
 */
#include "io/ical_import.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ordo_model *m = NULL;
    ordo_err err = { 0 };
    ordo_ical_import_result res;
    ordo_site site = { (char *)"paris", (char *)"Paris", (char *)"Europe/Paris" };
    ordo_resource r = { 0 };
    int s = -1, p = -1;
    char *text = malloc(size + 1);
    if (!text || ordo_model_new(&m) < 0 || ordo_model_put_site(m, &site, &s) < 0)
        __builtin_trap();
    r.id = r.name = (char *)"ada";
    r.kind = ORDO_PERSON;
    r.site = s;
    if (ordo_model_put_resource(m, &r, &p) < 0)
        __builtin_trap();
    memcpy(text, data, size);
    text[size] = '\0';
    ordo_ical_import_options o = ORDO_ICAL_IMPORT_OPTIONS_INIT;
    o.resource = p;
    o.from = ordo_date_from_ymd(2026, 1, 1);
    o.to = ordo_date_from_ymd(2026, 12, 31);
    int rc = ordo_ical_import_text(m, text, "fuzz.ics", &o, &res, &err);
    if (rc < 0) {
        if (m->time_off.n != 0 || strncmp(err.msg, "fuzz.ics", 8) != 0)
            __builtin_trap();                    /* refused: nothing changed, the file named */
    } else {
        if ((size_t)res.added != m->time_off.n)
            __builtin_trap();
        for (size_t i = 0; i < m->time_off.n; i++) {
            const ordo_time_off *t = &m->time_off.v[i];
            if (t->start_date < ordo_date_from_ymd(1900, 1, 1) || t->end_date > ordo_date_from_ymd(9999, 12, 31) ||
                t->end_date < t->start_date || (t->end_date == t->start_date && t->end_min < t->start_min))
                __builtin_trap();
        }
    }
    ordo_model_free(m);
    free(text);
    return 0;
}
