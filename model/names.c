/*
 * names.c — the fixed vocabularies of the data contract and their parsers:
 * resource kinds, CRM relationships, contract and session statuses, ids and
 * hour-bank amounts.
 */
#include "model/model.h"

#include <ctype.h>
#include <string.h>

static const char *const kind_names[ORDO_KIND_COUNT] = { "person", "room", "equipment" };

const char *ordo_kind_name(ordo_kind k) { return (unsigned)k < ORDO_KIND_COUNT ? kind_names[k] : "?"; }

int ordo_kind_parse(const char *s)
{
    for (int i = 0; i < ORDO_KIND_COUNT; i++)
        if (s && strcmp(s, kind_names[i]) == 0)
            return i;
    return -1;
}

static const char *const rel_names[] = { "", "suspect", "prospect", "potential_client", "client",
                                         "former_client" };

const char *ordo_relationship_name(ordo_relationship r)
{
    return (unsigned)r <= ORDO_REL_FORMER_CLIENT ? rel_names[r] : "?";
}

int ordo_relationship_parse(const char *s)
{
    for (int i = 1; i <= ORDO_REL_FORMER_CLIENT; i++)
        if (s && strcmp(s, rel_names[i]) == 0)
            return i;
    return -1;
}

const char *ordo_contract_status_name(ordo_contract_status s)
{
    static const char *const n[] = { "draft", "active", "on_hold", "cancelled", "expired" };
    return (unsigned)s <= ORDO_CONTRACT_EXPIRED ? n[s] : "?";
}

const char *ordo_session_status_name(ordo_session_status s)
{
    static const char *const n[] = { "planned", "unscheduled", "cancelled", "done" };
    return (unsigned)s <= ORDO_SESSION_DONE ? n[s] : "?";
}

int ordo_id_valid(const char *s)
{
    if (!s || !*s)
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.')
            return 0;
    return 1;
}

int ordo_hours_parse(const char *s, int64_t *out_minutes)
{
    /* Parsed by hand in integer hundredths so that 0.1 h is exactly 6 min. */
    if (!s || !isdigit((unsigned char)*s))
        return -1;
    int64_t whole = 0, frac = 0;
    const char *p = s;
    for (; isdigit((unsigned char)*p); p++) {
        whole = whole * 10 + (*p - '0');
        if (whole > 100000000)
            return -1;
    }
    if (*p == '.') {
        p++;
        int nd = 0;
        for (; isdigit((unsigned char)*p); p++, nd++) {
            if (nd >= 2)
                return -1;
            frac = frac * 10 + (*p - '0');
        }
        if (nd == 0)
            return -1;
        if (nd == 1)
            frac *= 10;
    }
    if (*p)
        return -1;
    *out_minutes = whole * 60 + (frac * 60) / 100; /* rounded down */
    return 0;
}

/* RFC 5322 addr-spec, dot-atom form only (no quoted local parts, no
 * comments, no domain literals): one line of printable ASCII. */
static int atext(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           (ch && strchr("!#$%&'*+-/=?^_`{|}~", ch) != NULL);
}

/* 1 if s[0..n) is a dot-atom: atext runs joined by single dots. */
static int dot_atom(const char *s, size_t n)
{
    int ok = n > 0 && s[0] != '.' && s[n - 1] != '.';
    for (size_t i = 0; ok && i < n; i++)
        ok = s[i] == '.' ? s[i + 1] != '.' : atext((unsigned char)s[i]);
    return ok;
}

int ordo_email_valid(const char *s)
{
    int ok = 0;
    const char *at = s ? strchr(s, '@') : NULL;
    if (!at || strchr(at + 1, '@') || strlen(s) > ORDO_EMAIL_MAX)
        goto done;
    size_t local = (size_t)(at - s), domain = strlen(at + 1);
    ok = local <= 64 && dot_atom(s, local) && dot_atom(at + 1, domain);
done:
    return ok;
}
