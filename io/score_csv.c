/*
 * score_csv.c — writes score.csv (score_csv.h) through an outbuf, saved
 * atomically. Only reads the score; the numbers are the solver's own.
 */
#include "io/score_csv.h"
#include "io/out_file.h"

#include <stdio.h>
#include <string.h>

static const char *const subjects[] = { "course", "person", "cohort", "room" };

int ordo_score_csv_write(const ordo_score *score, const char *path, ordo_err *err)
{
    ordo__outbuf b = { 0 };
    char num[64];
    ordo__outbuf_puts(&b, "goal,subject,id,amount,cost,text,bound\n");
    for (int g = 0; g < ORDO_GOAL_COUNT; g++) {
        const ordo_score_goal *sg = &score->goals[g];
        if (!sg->weight && sg->cost <= 0)
            continue;
        ordo__outbuf_printf(&b, "%s,total,,%d,%.2f,", sg->key, sg->count, sg->cost);
        ordo__csv_cell(&b, sg->text, ',');
        ordo__outbuf_printf(&b, "%.2f\n", sg->bound);
    }
    for (int i = 0; i < score->nitems; i++) {
        const ordo_score_item *it = &score->items[i];
        ordo__outbuf_printf(&b, "%s,%s,", score->goals[it->goal].key, subjects[it->subject]);
        ordo__csv_cell(&b, it->id, ',');
        snprintf(num, sizeof num, "%.2f,%.2f,", it->amount, it->cost);
        ordo__outbuf_puts(&b, num);
        ordo__csv_cell(&b, it->text, ',');
        ordo__outbuf_puts(&b, "\n");
    }
    ordo__outbuf_printf(&b, "all,total,,%d,%.2f,", score->nitems, score->total);
    if (!score->has_bound) {
        snprintf(num, sizeof num, "cost of the plan: %.2f", score->total);
        ordo__csv_cell(&b, num, ',');
        ordo__outbuf_puts(&b, "\n");
    } else {
        char text[160];
        snprintf(text, sizeof text, "cost of the plan: %.2f; no plan costs less than %.2f", score->total, score->bound);
        if (score->together > 0)
            snprintf(text + strlen(text), sizeof text - strlen(text),
                     " (the goals' own bounds %.2f, plus %.2f for goals competing for the same resources)",
                     score->bound - score->together, score->together);
        ordo__csv_cell(&b, text, ',');
        ordo__outbuf_printf(&b, "%.2f\n", score->bound);
    }
    int rc = ordo__outbuf_save(&b, path, err);
    ordo__outbuf_clear(&b);
    return rc;
}

char *ordo_score_csv_path(const char *bookings_path)
{
    const char *slash = strrchr(bookings_path, '/');
    size_t dirlen = slash ? (slash == bookings_path ? 1 : (size_t)(slash - bookings_path)) : 0;
    char *dir = ordo__strndup(bookings_path, dirlen);
    if (!dir)
        return NULL;
    char *out = ordo__path_join(slash ? dir : "", "score.csv");
    ordo__free(dir);
    return out;
}
