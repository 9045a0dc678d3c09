/*
 * import_names.c — the files of an import folder that the data contract
 * does not name (import_names.h): each *.csv other than the contract's is
 * warned about with the name it most likely stands for — the same name in
 * another case or spelling ("Time_Off.csv", "time-off.csv"), one typo
 * ("cources.csv"), or a word people use for a contract file ("rooms.csv"
 * for resources.csv); ordo's own outputs (bookings.csv...) are said to be
 * outputs. Names are sorted so that two runs print the same warnings.
 */
#include "io/import_names.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* What people call the contract's files, and files ordo writes (not inputs). */
static const struct { const char *name, *means; } aliases[] = {
    { "rooms", "resources.csv" }, { "people", "resources.csv" }, { "persons", "resources.csv" },
    { "trainers", "resources.csv" }, { "teachers", "resources.csv" }, { "equipment", "resources.csv" },
    { "staff", "resources.csv" }, { "locations", "sites.csv" }, { "places", "sites.csv" },
    { "holidays", "time_off.csv" }, { "absences", "time_off.csv" }, { "leave", "time_off.csv" },
    { "vacations", "time_off.csv" }, { "availability", "working_hours.csv" },
    { "hours", "working_hours.csv" }, { "customers", "accounts.csv" }, { "clients", "accounts.csv" },
    { "companies", "accounts.csv" },
};
static const char *const outputs[] = { "bookings.csv", "unscheduled.csv", "score.csv" };

/* Levenshtein distance of two short lower-case names (<= 63 bytes; else large). */
static int distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    int row[64];
    if (na > 63 || nb > 63)
        return 1000;
    for (size_t j = 0; j <= nb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= na; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= nb; j++) {
            int up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    return row[nb];
}

/* Lower case, '-' and ' ' as '_', without ".csv": "Time-Off.CSV" -> "time_off". */
static void normalise(const char *name, char *out, size_t n)
{
    size_t k = 0, len = strlen(name);
    if (len >= 4)
        len -= 4;
    for (size_t i = 0; i < len && k + 1 < n; i++) {
        char c = (char)tolower((unsigned char)name[i]);
        out[k++] = c == '-' || c == ' ' ? '_' : c;
    }
    out[k] = '\0';
}

static int is_csv_name(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcasecmp(name + n - 4, ".csv") == 0;
}

const char *ordo__import_closest(const char *name, const char *const *known, size_t n)
{
    char want[128], k[128];
    const char *best = NULL;
    int best_d = 1000;
    normalise(name, want, sizeof want);
    for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
        if (strcmp(want, aliases[i].name) == 0)
            return aliases[i].means;
    for (size_t i = 0; i < n; i++) {
        normalise(known[i], k, sizeof k);
        int d = distance(want, k);
        if (d < best_d) {
            best_d = d;
            best = known[i];
        }
    }
    /* one typo, or one edit per 4 letters ("working_hour" yes, "notes" for "sites" no) */
    return best && (best_d <= 1 || best_d * 4 <= (int)strlen(want)) ? best : NULL;
}

static int known_file(const char *name, const char *const *known, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(name, known[i]) == 0)
            return 1;
    return 0;
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int ordo__import_warn_unknown(const char *dir, const char *const *known, size_t nknown, ordo_warn_fn warn,
                              void *payload, ordo_err *err)
{
    int rc = ORDO_OK;
    char **names = NULL;
    size_t n = 0, cap = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    if (!d)
        return ORDO_OK;        /* read above already; nothing to say */
    while ((e = readdir(d))) {
        if (!is_csv_name(e->d_name) || known_file(e->d_name, known, nknown))
            continue;
        if (ORDO_GROW(names, cap, n + 1) < 0 || !(names[n] = ordo__strdup(e->d_name))) {
            rc = ordo__seterr(err, ORDO_ENOMEM, "%s: out of memory", dir);
            goto done;
        }
        n++;
    }
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        char msg[ORDO_ERRMSG_MAX];
        const char *near = ordo__import_closest(names[i], known, nknown);
        int output = 0;
        for (size_t k = 0; k < sizeof outputs / sizeof *outputs; k++)
            output |= strcmp(names[i], outputs[k]) == 0;
        if (output)
            snprintf(msg, sizeof msg, "%s is not read (ordo writes it; it is not an input of the import)",
                     names[i]);
        else if (near)
            snprintf(msg, sizeof msg, "%s is not read; did you mean %s?", names[i], near);
        else
            snprintf(msg, sizeof msg, "%s is not read: not a file of the data contract (sites, resources, "
                     "working_hours, time_off, services, requirements, accounts, contacts, contracts, "
                     "courses .csv)", names[i]);
        warn(msg, payload);
    }
done:
    for (size_t i = 0; i < n; i++)
        ordo__free(names[i]);
    ordo__free(names);
    closedir(d);
    return rc;
}

