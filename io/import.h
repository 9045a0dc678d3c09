/*
 * import.h — reads a training-organisation folder of CSV files (the data
 * contract, shared/spec/import-format.md) into a model.
 *
 * The folder's records are merged into `m` (upsert by id; for the keyless
 * tables, the rows of each resource or service present in the file replace
 * that resource's or service's rows). References resolve against the folder
 * and the model together. On the first bad row the function returns
 * ORDO_EINPUT with err->msg = "FILE:LINE: COLUMN: what is wrong" and the
 * model may be half-merged: callers import into a model loaded from the
 * store and save it only on success (see store.h), so nothing is changed.
 * Extra columns produce a warning through `warn` (may be NULL), and so
 * does every *.csv file of the folder whose name is not in the contract
 * ("Time_Off.csv is not read; did you mean time_off.csv?").
 *
 * The report says what the folder changed, computed while merging by
 * comparing each incoming row with the model's record (the stored one when
 * the model was loaded from the store in the same transaction): per table
 * rows added, updated, unchanged and, for the keyless tables, removed by the
 * replace rule, with the same figures per resource or service.
 *
 * A site whose time zone differs from the model's is refused (ORDO_ERULE,
 * "sites.csv:LINE: timezone: ...") unless options->allow_timezone_change;
 * then the change is listed in the report (the caller re-times the site's
 * sessions, model/rezone.h).
 */
#ifndef ORDO_IMPORT_H
#define ORDO_IMPORT_H

#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*ordo_warn_fn)(const char *message, void *payload);

/* The contract's tables, in import order. */
typedef enum ordo_import_table {
    ORDO_IMPORT_SITES = 0, ORDO_IMPORT_RESOURCES, ORDO_IMPORT_WORKING_HOURS, ORDO_IMPORT_TIME_OFF,
    ORDO_IMPORT_SERVICES, ORDO_IMPORT_REQUIREMENTS, ORDO_IMPORT_ACCOUNTS, ORDO_IMPORT_CONTACTS,
    ORDO_IMPORT_CONTRACTS, ORDO_IMPORT_COURSES, ORDO_IMPORT_NTABLES
} ordo_import_table;
/* "sites", "working_hours", ... (the file name without .csv). */
const char *ordo_import_table_name(ordo_import_table t);
/* 1 for working_hours, time_off and requirements (rows replaced per key). */
int ordo_import_table_keyless(ordo_import_table t);

/* Rows of a table: added (new id / new row), updated (same id, other
 * values), unchanged (same id and values / same row kept), removed (keyless
 * tables: old rows of a key named in the file and not in it: the replace
 * rule). Keyed tables never remove. */
typedef struct ordo_import_count {
    int added, updated, unchanged, removed;
} ordo_import_count;

/* Per key: a keyless table's figures for one resource (working_hours,
 * time_off) or service (requirements) the file names; or, in a keyed
 * table, one record updated (n.updated = 1) and the columns that changed. */
typedef struct ordo_import_key_count {
    ordo_import_table table;
    char *key;                      /* the resource, service or record id (owned) */
    ordo_import_count n;
    char *fields;                   /* keyed: "name, site" (owned); NULL for keyless tables */
} ordo_import_key_count;

/* A site whose time zone the folder changed (allowed by the options). */
typedef struct ordo_import_tz_change {
    int site;                       /* index into the model */
    char *id;                       /* the site's id (owned) */
    char *old_tz, *new_tz;          /* owned */
    int line;                       /* sites.csv line */
} ordo_import_tz_change;

typedef struct ordo_import_report {
    int read[ORDO_IMPORT_NTABLES];  /* 1 when the table's file was in the folder */
    ordo_import_count tables[ORDO_IMPORT_NTABLES];
    ordo_import_key_count *keys;    /* in file order, keys of one table together */
    size_t nkeys, cap_keys;
    ordo_import_tz_change *tz;
    size_t ntz, cap_tz;
} ordo_import_report;
void ordo_import_report_clear(ordo_import_report *r);     /* frees; safe on a zeroed report */

typedef struct ordo_import_options {
    int version;
    int allow_timezone_change;      /* 0: a site's new time zone is refused (ORDO_ERULE) */
} ordo_import_options;
#define ORDO_IMPORT_OPTIONS_VERSION 1
#define ORDO_IMPORT_OPTIONS_INIT { ORDO_IMPORT_OPTIONS_VERSION, 0 }

/* Merges folder `dir` into m. `o` NULL = defaults; `report` may be NULL
 * (else it is cleared first, and filled even when the import fails, up to
 * the failure). */
int ordo_import_dir_ex(ordo_model *m, const char *dir, const ordo_import_options *o, ordo_warn_fn warn,
                       void *payload, ordo_import_report *report, ordo_err *err);
/* ordo_import_dir_ex with the default options and no report. */
int ordo_import_dir(ordo_model *m, const char *dir, ordo_warn_fn warn, void *payload, ordo_err *err);

#ifdef __cplusplus
}
#endif
#endif
