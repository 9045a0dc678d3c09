/*
 * dedup.c — duplicate detection keys and scores (dedup.h). Works on bytes:
 * ASCII letters are lowercased, the two-byte UTF-8 Latin-1 letters
 * (U+00C0..U+00FF) folded to their base letter, any other byte >= 0x80
 * kept as is, so names in other scripts still compare exactly.
 */
#include "model/dedup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t ordo_dedup_email(char *out, size_t n, const char *email)
{
    size_t k = 0;
    out[0] = '\0';
    if (!email || !strchr(email, '@'))
        return 0;
    while (*email == ' ' || *email == '\t')
        email++;
    for (; *email && k + 1 < n; email++) {
        char c = *email;
        out[k++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    while (k > 0 && (out[k - 1] == ' ' || out[k - 1] == '\t'))
        k--;
    out[k] = '\0';
    return k;
}

size_t ordo_dedup_phone(char *out, size_t n, const char *phone, const char *country_code)
{
    char digits[32];
    size_t d = 0, k = 0;
    int plus = 0;
    out[0] = '\0';
    if (!phone || n < 2)
        return 0;
    for (const char *p = phone; *p; p++) {
        if (*p == '+' && d == 0)
            plus = 1;
        else if (*p >= '0' && *p <= '9' && d + 1 < sizeof digits)
            digits[d++] = *p;
    }
    digits[d] = '\0';
    if (d < 6)
        return 0;
    const char *rest = digits, *cc = "";
    if (plus)
        ;                                   /* +CC... as written */
    else if (d > 2 && digits[0] == '0' && digits[1] == '0')
        rest = digits + 2;                  /* 00CC... */
    else {
        cc = country_code ? country_code : "";
        rest = digits[0] == '0' ? digits + 1 : digits;   /* national trunk 0 */
    }
    int w = snprintf(out, n, "+%s%s", cc, rest);
    k = w < 0 ? 0 : (size_t)w >= n ? n - 1 : (size_t)w;
    return k;
}

/* Folds a UTF-8 Latin-1 letter (second byte b of a 0xC3 pair) to ASCII. */
static char fold_c3(unsigned char b)
{
    static const char map[64] = "aaaaaaaceeeeiiiidnooooo/ouuuuyts" "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
    return b >= 0x80 && b <= 0xBF ? map[b - 0x80] : '?';
}

static int is_legal_form(const char *w, size_t len)
{
    static const char *const forms[] = { "inc", "ltd", "llc", "gmbh", "sa", "sas", "sarl", "ag", "bv", "plc",
                                         "co", "corp", "limited", "the", "srl", "spa", "nv", "oy", "ab",
                                         "corporation", "incorporated", "company", "llp", "pty", "kg" };
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
        if (strlen(forms[i]) == len && memcmp(forms[i], w, len) == 0)
            return 1;
    return 0;
}

size_t ordo_dedup_name(char *out, size_t n, const char *name, int is_company)
{
    size_t k = 0;
    out[0] = '\0';
    if (!name)
        return 0;
    for (const unsigned char *p = (const unsigned char *)name; *p && k + 1 < n; p++) {
        char c;
        if (*p == 0xC3 && p[1]) {
            c = fold_c3(*++p);
        } else if (*p >= 0x80) {
            c = (char)*p;
        } else if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
            c = (char)*p;
        } else if (*p >= 'A' && *p <= 'Z') {
            c = (char)(*p - 'A' + 'a');
        } else {
            c = ' ';
        }
        if (c == ' ' && (k == 0 || out[k - 1] == ' '))
            continue;
        out[k++] = c;
    }
    while (k > 0 && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
    if (is_company) {   /* drop legal-form words in place */
        size_t r = 0, w = 0;
        while (r < k) {
            size_t e = r;
            while (e < k && out[e] != ' ')
                e++;
            if (!is_legal_form(out + r, e - r)) {
                if (w > 0)
                    out[w++] = ' ';
                memmove(out + w, out + r, e - r);
                w += e - r;
            }
            r = e + 1;
        }
        out[w] = '\0';
        k = w;
    }
    return k;
}

void ordo_dedup_key_make(ordo_dedup_key *out, const ordo_dedup_person *p, const char *country_code)
{
    char first[ORDO_DEDUP_FIELD], last[ORDO_DEDUP_FIELD];
    memset(out, 0, sizeof *out);
    ordo_dedup_email(out->email, sizeof out->email, p->email);
    ordo_dedup_phone(out->phone, sizeof out->phone, p->phone, country_code);
    ordo_dedup_name(first, sizeof first, p->first_name, 0);
    ordo_dedup_name(last, sizeof last, p->last_name, 0);
    ordo_dedup_name(out->company, sizeof out->company, p->company, 1);
    size_t nf = strlen(first), nl = strlen(last), k = 0;
    memcpy(out->name, first, nf < sizeof out->name ? nf : sizeof out->name - 1);
    k = nf < sizeof out->name ? nf : sizeof out->name - 1;
    if (nf && nl && k + 1 < sizeof out->name)
        out->name[k++] = ' ';
    for (size_t i = 0; i < nl && k + 1 < sizeof out->name; i++)
        out->name[k++] = last[i];
    out->name[k] = '\0';
    const char *b = *last ? last : out->company;
    k = 0;
    for (; *b && k < 4; b++)
        if (*b != ' ')
            out->block[k++] = *b;
    out->block[k] = '\0';
}

double ordo_dedup_jaro_winkler(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la == 0 || lb == 0)
        return 0.0;
    if (la == lb && memcmp(a, b, la) == 0)
        return 1.0;
    if (la > ORDO_DEDUP_FIELD || lb > ORDO_DEDUP_FIELD)
        return 0.0;
    unsigned char ma[ORDO_DEDUP_FIELD] = { 0 }, mb[ORDO_DEDUP_FIELD] = { 0 };
    size_t window = (la > lb ? la : lb) / 2;
    window = window > 0 ? window - 1 : 0;
    size_t m = 0;
    for (size_t i = 0; i < la; i++) {
        size_t lo = i > window ? i - window : 0, hi = i + window + 1 < lb ? i + window + 1 : lb;
        for (size_t j = lo; j < hi; j++)
            if (!mb[j] && a[i] == b[j]) {
                ma[i] = mb[j] = 1;
                m++;
                break;
            }
    }
    if (m == 0)
        return 0.0;
    size_t t = 0, j = 0;
    for (size_t i = 0; i < la; i++) {
        if (!ma[i])
            continue;
        while (!mb[j])
            j++;
        if (a[i] != b[j])
            t++;
        j++;
    }
    double md = (double)m;
    double jaro = (md / (double)la + md / (double)lb + (md - (double)t / 2.0) / md) / 3.0;
    size_t prefix = 0;
    while (prefix < 4 && prefix < la && prefix < lb && a[prefix] == b[prefix])
        prefix++;
    return jaro + (double)prefix * 0.1 * (1.0 - jaro);
}

double ordo_dedup_score(const ordo_dedup_key *a, const ordo_dedup_key *b, double threshold, unsigned *why)
{
    unsigned w = 0;
    double best = 0.0;
    if (a->email[0] && strcmp(a->email, b->email) == 0) {
        w |= ORDO_DEDUP_EMAIL;
        best = 1.0;
    }
    if (a->phone[0] && strcmp(a->phone, b->phone) == 0) {
        w |= ORDO_DEDUP_PHONE;
        if (best < 0.95)
            best = 0.95;
    }
    double name;
    if (a->name[0] && b->name[0]) {
        name = ordo_dedup_jaro_winkler(a->name, b->name);
        if (a->company[0] && b->company[0])
            name = (3.0 * name + ordo_dedup_jaro_winkler(a->company, b->company)) / 4.0;
    } else if (!a->name[0] && !b->name[0]) {
        name = ordo_dedup_jaro_winkler(a->company, b->company);    /* companies alone */
    } else {
        name = 0.0;
    }
    if (name >= threshold)
        w |= ORDO_DEDUP_NAME;
    if (name > best)
        best = name;
    if (why)
        *why = w;
    return best;
}

static int by_score(const void *x, const void *y)
{
    const ordo_dedup_candidate *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

void ordo_dedup_rank(ordo_dedup_candidate *c, size_t n)
{
    if (n > 1)
        qsort(c, n, sizeof *c, by_score);
}

void ordo_dedup_why_text(unsigned why, char *out, size_t n)
{
    snprintf(out, n, "%s%s%s%s%s", why & ORDO_DEDUP_EMAIL ? "email" : "",
             (why & ORDO_DEDUP_EMAIL) && (why & (ORDO_DEDUP_PHONE | ORDO_DEDUP_NAME)) ? "+" : "",
             why & ORDO_DEDUP_PHONE ? "phone" : "",
             (why & ORDO_DEDUP_PHONE) && (why & ORDO_DEDUP_NAME) ? "+" : "", why & ORDO_DEDUP_NAME ? "name" : "");
}
