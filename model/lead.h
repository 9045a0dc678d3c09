/*
 * lead.h — a lead: someone who showed interest, as they entered themselves
 * (person, company, e-mail, phone), before the CRM knows them as an account
 * and a contact. Its status machine:
 *
 *     open --qualify--> qualified            (produces account, contact, opportunity)
 *     open --disqualify(reason)--> disqualified --reactivate--> open
 *
 * A qualified lead is final (its links to what it produced are kept); a
 * disqualified one keeps its reason until it is reactivated. The source is
 * exactly one of a campaign id or a channel word (web, phone, email, event,
 * referral, partner, other). Rating hot/warm/cold; score 0..100.
 *
 * Ownership: ordo_lead owns its strings (ordo__malloc); ordo_lead_clear
 * frees them. Checks never change the lead.
 */
#ifndef ORDO_LEAD_H
#define ORDO_LEAD_H

#include "model/ordo.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ordo_lead_status {
    ORDO_LEAD_OPEN = 0, ORDO_LEAD_QUALIFIED, ORDO_LEAD_DISQUALIFIED
} ordo_lead_status;
#define ORDO_LEAD_STATUS_COUNT 3

typedef enum ordo_lead_reason {
    ORDO_LEAD_REASON_NONE = 0, ORDO_LEAD_NO_BUDGET, ORDO_LEAD_NOT_TARGET, ORDO_LEAD_NO_INTEREST,
    ORDO_LEAD_TIMING, ORDO_LEAD_DUPLICATE, ORDO_LEAD_OTHER
} ordo_lead_reason;
#define ORDO_LEAD_REASON_COUNT 7

typedef enum ordo_lead_rating { ORDO_LEAD_HOT = 0, ORDO_LEAD_WARM, ORDO_LEAD_COLD } ordo_lead_rating;
#define ORDO_LEAD_RATING_COUNT 3

#define ORDO_LEAD_SCORE_MAX 100

typedef struct ordo_lead {
    char *id, *topic;
    char *first_name, *last_name, *company;   /* as entered; a name or a company is needed */
    char *email, *phone;                      /* as entered; may be NULL */
    char *parent_contact, *parent_account;    /* existing CRM records it belongs to; may be NULL */
    char *campaign;                           /* source campaign id, or NULL */
    char *channel;                            /* source channel word, or NULL */
    ordo_lead_rating rating;
    int score;                                /* 0..100 */
    char *owner;                              /* user or resource id; may be NULL */
    ordo_lead_status status;
    ordo_lead_reason reason;                  /* set exactly while disqualified */
    char *account, *contact, *opportunity;    /* produced by qualify; NULL before */
} ordo_lead;

/* "open", "qualified", "disqualified"; "no_budget", "not_target",
 * "no_interest", "timing", "duplicate", "other" ("" for NONE); "hot",
 * "warm", "cold". Parsers return -1 for an unknown word. */
const char *ordo_lead_status_name(ordo_lead_status s);
int ordo_lead_status_parse(const char *s);
const char *ordo_lead_reason_name(ordo_lead_reason r);
int ordo_lead_reason_parse(const char *s);
const char *ordo_lead_rating_name(ordo_lead_rating r);
int ordo_lead_rating_parse(const char *s);
/* 1 if `s` is a known source channel word. */
int ordo_lead_channel_valid(const char *s);

/* The record is well formed: ORDO_OK, or ORDO_EINPUT with err = "lead ID:
 * FIELD ..." (id valid, topic non-empty, a name or a company, e-mail with
 * '@', a phone a contact would take (model/crm.h ordo_phone_check: 40
 * bytes, one line), exactly one source, score 0..100, reason set exactly when
 * disqualified, produced links only when qualified). */
int ordo_lead_check(const ordo_lead *l, ordo_err *err);

/* Transitions. Each returns ORDO_OK, or ORDO_ERULE ("lead ID is STATUS:
 * ...") leaving the lead unchanged. qualify only checks (the caller fills
 * the produced links and sets QUALIFIED); disqualify sets status and
 * reason (reason NONE is ORDO_EINVAL); reactivate reopens a disqualified lead. */
int ordo_lead_qualify_check(const ordo_lead *l, ordo_err *err);
int ordo_lead_disqualify(ordo_lead *l, ordo_lead_reason reason, ordo_err *err);
int ordo_lead_reactivate(ordo_lead *l, ordo_err *err);

void ordo_lead_clear(ordo_lead *l);   /* frees the strings; NULL is a no-op */

#ifdef __cplusplus
}
#endif
#endif
