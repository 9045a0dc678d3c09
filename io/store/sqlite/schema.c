/*
 * schema.c — the store's schema (store_schema.h): created in a new file,
 * migrated from older versions, checked on open (application_id and
 * user_version say it is an ordo store of a version this build reads).
 */
#include "io/store/sqlite/sqlite_int.h"
#include "io/store/sqlite/store_int.h"
#include "io/store/sqlite/store_schema.h"

#include <stdio.h>

static int run_script(ordo_store *s, const char *sql, const char *what)
{
    int rc = ORDO_OK;
    while (rc == ORDO_OK && *sql) {
        sqlite3_stmt *st = NULL;
        const char *tail = NULL;
        int r = sqlite3_prepare_v2(s->db, sql, -1, &st, &tail);
        if (r == SQLITE_OK && st && (r = sqlite3_step(st)) == SQLITE_ROW)
            r = SQLITE_DONE;
        if (r != SQLITE_OK && r != SQLITE_DONE)
            rc = ordo__sq_sql_fail(s, r, "%s", what);
        sqlite3_finalize(st);
        sql = tail && tail > sql ? tail : "";
    }
    return rc;
}

/* Create the schema in an empty file, under the write lock; another process
 * may have created it meanwhile, which is fine. */
int ordo__sq_create_schema(ordo_store *s)
{
    int rc = ORDO_OK, began = 0;
    int64_t app = 0;
    ORDO_TRY(ordo__sq_exec(s, ST_BEGIN_WRITE, "starting to create the tables"));
    began = 1;
    ORDO_TRY(ordo__sq_query_int(s, ST_APPLICATION_ID, &app, "reading the file header"));
    if (app != ORDO_STORE_APPLICATION_ID)
        ORDO_TRY(run_script(s, ORDO_STORE_SCHEMA_SQL, "creating the tables"));
    ORDO_TRY(ordo__sq_exec(s, ST_COMMIT, "committing the new tables"));
    began = 0;
done:
    if (began)
        ordo__sq_exec_quietly(s, ST_ROLLBACK);
    return rc;
}

/* Bring an older file to the current version, one step at a time, under
 * the write lock (another process may have done it meanwhile, which is fine). */
int ordo__sq_migrate_schema(ordo_store *s)
{
    int rc = ORDO_OK, began = 0;
    int64_t version = 0;
    /* Version 6 rebuilds tables that others reference: foreign keys stay
     * off for the upgrade (the pragma is a no-op inside a transaction) and
     * are checked before the commit. */
    ORDO_TRY(run_script(s, "PRAGMA foreign_keys = OFF", "upgrading the tables"));
    ORDO_TRY(ordo__sq_exec(s, ST_BEGIN_WRITE, "starting to upgrade the tables"));
    began = 1;
    ORDO_TRY(ordo__sq_query_int(s, ST_USER_VERSION, &version, "reading the schema version"));
    if (version == 1) {
        ORDO_TRY(run_script(s, ORDO_STORE_MIGRATE_1_SQL, "upgrading the tables to version 2"));
        version = 2;
    }
    if (version == 2) {
        ORDO_TRY(run_script(s, ORDO_STORE_MIGRATE_2_SQL, "upgrading the tables to version 3"));
        version = 3;
    }
    if (version == 3) {
        ORDO_TRY(run_script(s, ORDO_STORE_MIGRATE_3_SQL, "upgrading the tables to version 4"));
        version = 4;
    }
    if (version == 4) {
        ORDO_TRY(run_script(s, ORDO_STORE_MIGRATE_4_SQL, "upgrading the tables to version 5"));
        version = 5;
    }
    if (version == 5) {
        int64_t bad = 0;
        ordo__row *r = NULL;
        ORDO_TRY(run_script(s, ORDO_STORE_MIGRATE_5_SQL, "upgrading the tables to version 6"));
        ORDO_TRY(ordo__store_sql(s, "SELECT count(*) FROM pragma_foreign_key_check", &r));
        ORDO_TRY(ordo__row_int(s, r, "checking references after the upgrade", 0, &bad));
        if (bad)
            ORDO_TRY(ordo__seterr(&s->err, ORDO_EIO, "store %s: %lld broken references after the upgrade to "
                                  "version 6; nothing changed", s->path, (long long)bad));
        version = 6;
    }
    if (version == 6) {
        ORDO_TRY(run_script(s, ORDO_STORE_MIGRATE_6_SQL, "upgrading the tables to version 7"));
        version = 7;
    }
    if (version == 7) {
        ORDO_TRY(run_script(s, ORDO_STORE_MIGRATE_7_SQL, "upgrading the tables to version 8"));
        version = 8;
    }
    if (version == 8 || version == 9) {
        /* Version 9's columns, whichever are missing: a version-8 file has
         * none; development builds wrote version 9 before all were there
         * (city alone, then the lists' f_city, then the phone). Then the
         * phone's index. */
        static const struct { const char *table, *column, *alter; } cols[] = {
            { "accounts", "city", ORDO_STORE_V9_ACCOUNTS_CITY },
            { "contacts", "city", ORDO_STORE_V9_CONTACTS_CITY },
            { "contacts", "phone", ORDO_STORE_V9_CONTACTS_PHONE },
            { "marketing_lists", "f_city", ORDO_STORE_V9_LISTS_CITY },
        };
        for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
            int64_t table = 0, n = 0;
            ordo__row *r = NULL;
            ORDO_TRY(ordo__store_sql(s, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1", &r));
            ordo__bind_text(s, r, 1, cols[i].table);
            ORDO_TRY(ordo__row_int(s, r, "upgrading the tables to version 10", 0, &table));
            if (!table)              /* marketing_lists: made with f_city on first use */
                continue;
            ORDO_TRY(ordo__store_sql(s, "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2", &r));
            ordo__bind_text(s, r, 1, cols[i].table);
            ordo__bind_text(s, r, 2, cols[i].column);
            ORDO_TRY(ordo__row_int(s, r, "upgrading the tables to version 10", 0, &n));
            if (n == 0)
                ORDO_TRY(run_script(s, cols[i].alter, "upgrading the tables to version 10"));
        }
        ORDO_TRY(run_script(s, ORDO_STORE_MIGRATE_9_SQL, "upgrading the tables to version 10"));
        version = 10;
    }
    ORDO_TRY(ordo__sq_exec(s, ST_COMMIT, "committing the upgraded tables"));
    began = 0;
done:
    if (began)
        ordo__sq_exec_quietly(s, ST_ROLLBACK);
    int fk = run_script(s, "PRAGMA foreign_keys = ON", "turning foreign keys on");
    return rc < 0 ? rc : fk;
}

int ordo__sq_check_schema(ordo_store *s)
{
    int rc = ORDO_OK;
    int64_t app = 0, version = 0, objects = 0;
    ORDO_TRY(ordo__sq_query_int(s, ST_APPLICATION_ID, &app, "reading the file header"));
    ORDO_TRY(ordo__sq_query_int(s, ST_USER_VERSION, &version, "reading the schema version"));
    ORDO_TRY(ordo__sq_query_int(s, ST_OBJECTS, &objects, "listing the tables"));
    if (app == 0 && objects == 0) {
        rc = ordo__sq_create_schema(s);
    } else if (app != ORDO_STORE_APPLICATION_ID) {
        rc = ordo__seterr(&s->err, ORDO_EIO, "store %s: not an ordo store (an SQLite database of another program, "
                          "application_id %lld, %lld objects); refusing to change it",
                          s->path, (long long)app, (long long)objects);
    } else if (version >= 1 && version < ORDO_STORE_SCHEMA_VERSION) {
        rc = ordo__sq_migrate_schema(s);
    } else if (version != ORDO_STORE_SCHEMA_VERSION) {
        rc = ordo__seterr(&s->err, ORDO_EIO, "store %s: schema version %lld, but this ordo reads version %d%s",
                          s->path, (long long)version, ORDO_STORE_SCHEMA_VERSION,
                          version > ORDO_STORE_SCHEMA_VERSION ? " (written by a newer ordo)" : "");
    }
done:
    return rc;
}
