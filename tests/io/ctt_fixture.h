/*
 * ctt_fixture.h — helpers shared by the CTT tests: where the ITC-2007 data
 * and the scratch folder are, and small file utilities.
 */
#ifndef ORDO_TEST_CTT_FIXTURE_H
#define ORDO_TEST_CTT_FIXTURE_H

#include "check.h"
#include "io/ctt_format.h"

#include <sys/stat.h>

/* $ORDO_SHARED_DIR/data/itc2007/<rel> */
static inline const char *ctt_data_path(char *buf, size_t n, const char *rel)
{
    int len = snprintf(buf, n, "%s/data/itc2007/%s", check_env("ORDO_SHARED_DIR", "../shared"), rel);
    CHECK(len >= 0 && (size_t)len < n);
    return buf;
}

/* $ORDO_TMP/<name>; the folder is created if needed. */
static inline const char *ctt_tmp_path(char *buf, size_t n, const char *name)
{
    const char *d = check_env("ORDO_TMP", "/tmp");
    mkdir(d, 0777);
    int len = snprintf(buf, n, "%s/%s", d, name);
    CHECK(len >= 0 && (size_t)len < n);
    return buf;
}

static inline void ctt_write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* Load data/itc2007/<rel>; NULL (message printed) on failure. */
static inline ordo_ctt_instance *ctt_load_data(const char *rel)
{
    char path[1024];
    ordo_err err = { 0 };
    ordo_ctt_instance *in = NULL;
    CHECK_EQ(ordo_ctt_instance_load(&in, ctt_data_path(path, sizeof path, rel), &err), ORDO_OK);
    if (!in)
        fprintf(stderr, "%s\n", err.msg);
    return in;
}

/* Write `text` to $ORDO_TMP/<name> and load it as an instance. */
static inline ordo_ctt_instance *ctt_load_text(const char *name, const char *text)
{
    char path[1024];
    ordo_err err = { 0 };
    ordo_ctt_instance *in = NULL;
    ctt_write_text(ctt_tmp_path(path, sizeof path, name), text);
    CHECK_EQ(ordo_ctt_instance_load(&in, path, &err), ORDO_OK);
    if (!in)
        fprintf(stderr, "%s\n", err.msg);
    return in;
}

#endif
