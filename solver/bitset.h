/*
 * bitset.h — fixed-size bitsets over the minutes of the planning horizon.
 * Bit t set = minute t is free (resource available and not booked).
 * Range tests work word by word, so a 90-minute check is 2–3 word operations.
 */
#ifndef ORDO_SOLVER_BITSET_H
#define ORDO_SOLVER_BITSET_H

#include <stdint.h>
#include <string.h>

typedef uint64_t sv_word;

static inline sv_word sv__mask(int lo, int hi) /* bits lo..hi-1 of a word, 0 <= lo < hi <= 64 */
{
    sv_word up = hi == 64 ? ~(sv_word)0 : (((sv_word)1 << hi) - 1);
    return up & ~(((sv_word)1 << lo) - 1);
}

/* 1 if every bit of [a, b) is set. */
static inline int sv_bits_all(const sv_word *w, int a, int b)
{
    if (a >= b)
        return 1;
    int wa = a >> 6, wb = (b - 1) >> 6;
    if (wa == wb)
        return (w[wa] & sv__mask(a & 63, ((b - 1) & 63) + 1)) == sv__mask(a & 63, ((b - 1) & 63) + 1);
    if ((w[wa] & sv__mask(a & 63, 64)) != sv__mask(a & 63, 64))
        return 0;
    for (int i = wa + 1; i < wb; i++)
        if (w[i] != ~(sv_word)0)
            return 0;
    sv_word last = sv__mask(0, ((b - 1) & 63) + 1);
    return (w[wb] & last) == last;
}

/* Set (value 1) or clear (value 0) the bits [a, b). */
static inline void sv_bits_fill(sv_word *w, int a, int b, int value)
{
    for (int t = a; t < b;) {
        int i = t >> 6, lo = t & 63, hi = (b - (i << 6)) < 64 ? (b - (i << 6)) : 64;
        sv_word m = sv__mask(lo, hi);
        if (value)
            w[i] |= m;
        else
            w[i] &= ~m;
        t = (i + 1) << 6;
    }
}

static inline int sv_bit(const sv_word *w, int t) { return (int)((w[t >> 6] >> (t & 63)) & 1); }

#endif
