/*
 * fuzz_csv.c — libFuzzer harness for the CSV reader of the data contract
 * (io/csv.h): any byte string is read record by record. The reader must
 * either give records (every cell of the current record readable, lines
 * never going back) or refuse with "NAME:LINE: ..." and ORDO_EINPUT; never
 * crash, leak, read out of bounds (ASan+UBSan) or loop. Seeds:
 * tests/fuzz/corpus/csv/ (the example files, quoting, the caps' cases).
 */
#include "io/csv.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ordo_csv *c = NULL;
    ordo_err err = { 0 };
    int rc = ordo_csv_open_buffer(&c, "fuzz.csv", (const char *)data, size, &err);
    if (rc < 0) {
        if (c || strncmp(err.msg, "fuzz.csv", 8) != 0)
            __builtin_trap();                    /* a refusal names the input */
        return 0;
    }
    int last = 0, records = 0;
    while ((rc = ordo_csv_next(c, &err)) == 1) {
        int n = ordo_csv_ncells(c), line = ordo_csv_line(c);
        if (n < 1 || line < last || line < 1 || ordo_csv_cell(c, n) != NULL)
            __builtin_trap();
        for (int i = 0; i < n; i++) {
            const char *cell = ordo_csv_cell(c, i);
            if (!cell)
                __builtin_trap();
            (void)strlen(cell);                  /* NUL-terminated, in bounds */
        }
        last = line;
        if (++records > (int)size + 1)          /* each record consumes input */
            __builtin_trap();
    }
    if (rc < 0 && (rc != ORDO_EINPUT && rc != ORDO_ENOMEM))
        __builtin_trap();
    if (rc == ORDO_EINPUT && strncmp(err.msg, "fuzz.csv:", 9) != 0)
        __builtin_trap();                        /* FILE:LINE */
    ordo_csv_free(c);
    return 0;
}
