/*
 * test_out_file.c — files are written safely: the atomic writer never
 * follows a symlink planted at a temporary name or at the target's folder
 * entry, exports are created 0600, `ctt solve --out` goes through the same
 * writer, and a new SQLite database (with its -wal/-shm) is created 0600.
 * Files go to $ORDO_TMP/out_file.
 */
#include "check.h"
#include "io/out_file.h"
#include "io/store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[512];

static void slurp(const char *path, char *buf, size_t n)
{
    FILE *f = fopen(path, "rb");
    size_t k = f ? fread(buf, 1, n - 1, f) : 0;
    buf[k] = '\0';
    if (f)
        fclose(f);
}

static void spit(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static int mode_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (int)(st.st_mode & 0777) : -1;
}

/* Number of entries in `d` whose name starts with `prefix`. */
static int count_prefix(const char *d, const char *prefix)
{
    DIR *dh = opendir(d);
    int n = 0;
    struct dirent *e;
    while (dh && (e = readdir(dh)))
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    if (dh)
        closedir(dh);
    return n;
}

static void test_out_file__planted_symlinks_are_not_followed(void)
{
    char victim[600], out[600], tmp[700], buf[256], outdir[600], linked[700];
    ordo_err err = { 0 };
    snprintf(victim, sizeof victim, "%s/victim.txt", dir);
    snprintf(out, sizeof out, "%s/export.csv", dir);
    unlink(out);
    spit(victim, "precious\n");
    /* The old temporary name: <out>.<pid>.tmp -> victim. */
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", out, (long)getpid());
    unlink(tmp);
    CHECK_EQ(symlink(victim, tmp), 0);
    CHECK_EQ(ordo__file_write_atomic(out, "a,b\n", 4, &err), ORDO_OK);
    slurp(victim, buf, sizeof buf);
    CHECK_STR(buf, "precious\n");
    slurp(out, buf, sizeof buf);
    CHECK_STR(buf, "a,b\n");
    struct stat st;
    CHECK_EQ(lstat(out, &st), 0);
    CHECK(S_ISREG(st.st_mode));
    CHECK_EQ(mode_of(out), 0600);
    /* Only the target and the planted link: no temporary left behind. */
    CHECK_EQ(count_prefix(dir, "export.csv"), 2);
    unlink(tmp);
    /* The target itself is a symlink to the victim: it is replaced, the
     * victim is untouched. */
    unlink(out);
    CHECK_EQ(symlink(victim, out), 0);
    CHECK_EQ(ordo__file_write_atomic(out, "x\n", 2, &err), ORDO_OK);
    slurp(victim, buf, sizeof buf);
    CHECK_STR(buf, "precious\n");
    CHECK_EQ(lstat(out, &st), 0);
    CHECK(S_ISREG(st.st_mode));
    unlink(out);
    /* The target's folder entry is a symlink to another folder holding a
     * file of the same name: writing into <dir>/sub/... must not leave a
     * temporary in, nor change the other folder's files except by rename of
     * the target itself, and the pointed-to victim keeps its content. */
    snprintf(outdir, sizeof outdir, "%s/real", dir);
    mkdir(outdir, 0700);
    snprintf(linked, sizeof linked, "%s/real/export.csv.%ld.tmp", dir, (long)getpid());
    unlink(linked);
    CHECK_EQ(symlink(victim, linked), 0);
    char link_dir[600], target[700];
    snprintf(link_dir, sizeof link_dir, "%s/sub", dir);
    unlink(link_dir);
    CHECK_EQ(symlink(outdir, link_dir), 0);
    snprintf(target, sizeof target, "%s/export.csv", link_dir);
    CHECK_EQ(ordo__file_write_atomic(target, "y\n", 2, &err), ORDO_OK);
    slurp(victim, buf, sizeof buf);
    CHECK_STR(buf, "precious\n");
    CHECK_EQ(count_prefix(outdir, "export.csv"), 2);
    unlink(linked);
    unlink(target);
    unlink(link_dir);
    rmdir(outdir);
}

static void test_out_file__exports_are_private_even_with_open_umask(void)
{
    char out[600];
    ordo_err err = { 0 };
    snprintf(out, sizeof out, "%s/private.csv", dir);
    unlink(out);
    mode_t old = umask(0);
    CHECK_EQ(ordo__file_write_atomic(out, "n\n", 2, &err), ORDO_OK);
    CHECK_EQ(mode_of(out), 0600);
    unlink(out);
    umask(0077);
    CHECK_EQ(ordo__file_write_atomic(out, "n\n", 2, &err), ORDO_OK);
    CHECK_EQ(mode_of(out), 0600);
    umask(old);
    unlink(out);
}

static void test_out_file__database_and_wal_created_0600(void)
{
    char db[600], wal[620], shm[620];
    ordo_err err = { 0 };
    snprintf(db, sizeof db, "%s/people.db", dir);
    snprintf(wal, sizeof wal, "%s-wal", db);
    snprintf(shm, sizeof shm, "%s-shm", db);
    unlink(db);
    unlink(wal);
    unlink(shm);
    mode_t old = umask(0);
    ordo_store *s = NULL;
    CHECK_EQ(ordo_store_open(&s, db, &err), ORDO_OK);
    CHECK_EQ(mode_of(db), 0600);
    CHECK_EQ(mode_of(wal), 0600);
    CHECK_EQ(mode_of(shm), 0600);
    ordo_store_close(s);
    umask(old);
    /* An existing database keeps the mode its owner gave it. */
    chmod(db, 0640);
    s = NULL;
    CHECK_EQ(ordo_store_open(&s, db, &err), ORDO_OK);
    CHECK_EQ(mode_of(db), 0640);
    ordo_store_close(s);
}

/* `ordo ctt solve --out` writes through the same writer: a symlink planted
 * at the old temporary name is not followed and the folder is made 0700. */
static void test_out_file__ctt_solve_out(void)
{
    const char *bin = getenv("ORDO_BIN");
    const char *shared = getenv("ORDO_SHARED_DIR");
    char ctt[600], sol[700], newdir[600], cmd[2000], victim[600], buf[64];
    if (!bin || !shared) {
        fprintf(stderr, "ORDO_BIN/ORDO_SHARED_DIR not set: ctt solve part not run\n");
        CHECK(0);
        return;
    }
    snprintf(ctt, sizeof ctt, "%s/data/itc2007/comp01.ctt", shared);
    snprintf(newdir, sizeof newdir, "%s/solved", dir);
    snprintf(sol, sizeof sol, "%s/comp01.sol", newdir);
    snprintf(victim, sizeof victim, "%s/victim2.txt", dir);
    spit(victim, "keep\n");
    unlink(sol);
    rmdir(newdir);
    snprintf(cmd, sizeof cmd, "umask 022; '%s' ctt solve '%s' --out '%s' --time-limit 2 >/dev/null 2>&1",
             bin, ctt, sol);
    int st = system(cmd);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    CHECK_EQ(mode_of(newdir), 0700);
    CHECK_EQ(mode_of(sol), 0600);
    slurp(victim, buf, sizeof buf);
    CHECK_STR(buf, "keep\n");
    struct stat s;
    CHECK(stat(sol, &s) == 0 && s.st_size > 0);
    unlink(sol);
    rmdir(newdir);
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/out_file", check_env("ORDO_TMP", "/tmp/ordo-test"));
    mkdir(check_env("ORDO_TMP", "/tmp/ordo-test"), 0700);
    mkdir(dir, 0700);
    RUN(test_out_file__planted_symlinks_are_not_followed);
    RUN(test_out_file__exports_are_private_even_with_open_umask);
    RUN(test_out_file__database_and_wal_created_0600);
    RUN(test_out_file__ctt_solve_out);
    return CHECK_DONE();
}
