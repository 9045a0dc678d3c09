/*
 * vocab.h — fixed word lists of the sales model (lead statuses, stages,
 * reasons...): one lookup for every enum's name and parser, so that each
 * vocabulary is a single array of words indexed by its enum value.
 * Internal to model/.
 */
#ifndef ORDO_VOCAB_H
#define ORDO_VOCAB_H

#include <string.h>

/* Index of `s` in words[0..n), or -1 (NULL s: -1). */
static inline int ordo__vocab_parse(const char *const *words, int n, const char *s)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(words[i], s) == 0)
            return i;
    return -1;
}

/* words[v], or "?" when v is out of range. */
static inline const char *ordo__vocab_name(const char *const *words, int n, int v)
{
    return v >= 0 && v < n ? words[v] : "?";
}

/* 1 if s is a non-empty string. */
static inline int ordo__given(const char *s) { return s && *s; }

/* 1 if s is a non-empty word of a-z, 0-9 and '_' (reasons, channels). */
static inline int ordo__word_ok(const char *s)
{
    if (!ordo__given(s))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

#endif
