/*
 * lead.c — lead records and their status machine (lead.h). Transitions
 * check first and change the record only when allowed, so a refusal leaves
 * the lead exactly as it was.
 */
#include "model/crm.h"
#include "model/lead.h"
#include "model/model.h"
#include "model/vocab.h"

#include <string.h>

static const char *const status_names[] = { "open", "qualified", "disqualified" };
static const char *const reason_names[] = { "", "no_budget", "not_target", "no_interest",
                                            "timing", "duplicate", "other" };
static const char *const rating_names[] = { "hot", "warm", "cold" };
static const char *const channel_names[] = { "web", "phone", "email", "event", "referral", "partner", "other" };

const char *ordo_lead_status_name(ordo_lead_status s)
{
    return ordo__vocab_name(status_names, ORDO_LEAD_STATUS_COUNT, (int)s);
}
int ordo_lead_status_parse(const char *s) { return ordo__vocab_parse(status_names, ORDO_LEAD_STATUS_COUNT, s); }
const char *ordo_lead_reason_name(ordo_lead_reason r)
{
    return ordo__vocab_name(reason_names, ORDO_LEAD_REASON_COUNT, (int)r);
}
int ordo_lead_reason_parse(const char *s)
{
    int r = ordo__vocab_parse(reason_names, ORDO_LEAD_REASON_COUNT, s);
    return r == ORDO_LEAD_REASON_NONE ? -1 : r;   /* "" is not a reason one can give */
}
const char *ordo_lead_rating_name(ordo_lead_rating r)
{
    return ordo__vocab_name(rating_names, ORDO_LEAD_RATING_COUNT, (int)r);
}
int ordo_lead_rating_parse(const char *s) { return ordo__vocab_parse(rating_names, ORDO_LEAD_RATING_COUNT, s); }
int ordo_lead_channel_valid(const char *s)
{
    return ordo__vocab_parse(channel_names, (int)(sizeof channel_names / sizeof *channel_names), s) >= 0;
}

/* A lead's e-mail is kept as entered, with surrounding blanks (spaces)
 * tolerated; what is between them must be a valid address. */
static int email_ok_trimmed(const char *e)
{
    while (*e == ' ')
        e++;
    size_t n = strlen(e);
    while (n > 0 && e[n - 1] == ' ')
        n--;
    char buf[ORDO_EMAIL_MAX + 1];
    if (n > ORDO_EMAIL_MAX)
        return 0;
    memcpy(buf, e, n);
    buf[n] = '\0';
    return ordo_email_valid(buf);
}

/* "lead ID: FIELD RULE"; err->field is the column the rule is about (a
 * name rule: first_name; the source rule: campaign) */
static int bad(ordo_err *err, const char *id, const char *field, const char *rule)
{
    const char *column = !strcmp(field, "name") ? "first_name" : !strcmp(field, "source") ? "campaign" : field;
    return ordo__seterr_at(err, ORDO_EINPUT, column, "lead %s: %s %s", id ? id : "(no id)", field, rule);
}

int ordo_lead_check(const ordo_lead *l, ordo_err *err)
{
    const char *id = l->id;
    if (!ordo_id_valid(id))
        return bad(err, id, "id", "is not a valid id");
    if (!ordo__given(l->topic))
        return bad(err, id, "topic", "must not be empty");
    if (!ordo__given(l->first_name) && !ordo__given(l->last_name) && !ordo__given(l->company))
        return bad(err, id, "name", "needs a first name, a last name or a company");
    if (ordo__given(l->email) && !email_ok_trimmed(l->email))
        return bad(err, id, "email", "is not an email address (local@domain, one line, no spaces "
                   "or quotes)");
    int rc = ordo_phone_check(l->phone, "lead", id, err);   /* the contact's rule: qualify copies it */
    if (rc < 0)
        return rc;
    if (ordo__given(l->campaign) == ordo__given(l->channel))
        return bad(err, id, "source", "must be one campaign or one channel");
    if (ordo__given(l->campaign) && !ordo_id_valid(l->campaign))
        return bad(err, id, "campaign", "is not a valid id");
    if (ordo__given(l->channel) && !ordo_lead_channel_valid(l->channel))
        return bad(err, id, "channel", "must be web, phone, email, event, referral, partner or other");
    if ((unsigned)l->rating >= ORDO_LEAD_RATING_COUNT)
        return bad(err, id, "rating", "must be hot, warm or cold");
    if (l->score < 0 || l->score > ORDO_LEAD_SCORE_MAX)
        return bad(err, id, "score", "must be 0..100");
    if ((unsigned)l->status >= ORDO_LEAD_STATUS_COUNT)
        return bad(err, id, "status", "must be open, qualified or disqualified");
    if ((l->status == ORDO_LEAD_DISQUALIFIED) != (l->reason != ORDO_LEAD_REASON_NONE) ||
        (unsigned)l->reason >= ORDO_LEAD_REASON_COUNT)
        return bad(err, id, "reason", "is given exactly when the lead is disqualified");
    if (l->status != ORDO_LEAD_QUALIFIED && (ordo__given(l->account) || ordo__given(l->contact) || ordo__given(l->opportunity)))
        return bad(err, id, "account/contact/opportunity", "are set only by qualifying");
    if (ordo__given(l->parent_contact) && !ordo_id_valid(l->parent_contact))
        return bad(err, id, "parent_contact", "is not a valid id");
    if (ordo__given(l->parent_account) && !ordo_id_valid(l->parent_account))
        return bad(err, id, "parent_account", "is not a valid id");
    return ORDO_OK;
}

static int refuse(ordo_err *err, const ordo_lead *l, const char *what)
{
    return ordo__seterr(err, ORDO_ERULE, "lead %s is %s: %s", l->id ? l->id : "(no id)",
                        ordo_lead_status_name(l->status), what);
}

int ordo_lead_qualify_check(const ordo_lead *l, ordo_err *err)
{
    if (l->status == ORDO_LEAD_QUALIFIED)
        return refuse(err, l, "it was already qualified");
    if (l->status == ORDO_LEAD_DISQUALIFIED)
        return refuse(err, l, "reactivate it before qualifying it");
    return ORDO_OK;
}

int ordo_lead_disqualify(ordo_lead *l, ordo_lead_reason reason, ordo_err *err)
{
    if (reason <= ORDO_LEAD_REASON_NONE || reason >= ORDO_LEAD_REASON_COUNT)
        return ordo__seterr(err, ORDO_EINVAL, "lead %s: reason must be no_budget, not_target, no_interest, "
                            "timing, duplicate or other", l->id ? l->id : "(no id)");
    if (l->status != ORDO_LEAD_OPEN)
        return refuse(err, l, "only an open lead can be disqualified");
    l->status = ORDO_LEAD_DISQUALIFIED;
    l->reason = reason;
    return ORDO_OK;
}

int ordo_lead_reactivate(ordo_lead *l, ordo_err *err)
{
    if (l->status != ORDO_LEAD_DISQUALIFIED)
        return refuse(err, l, "only a disqualified lead can be reactivated");
    l->status = ORDO_LEAD_OPEN;
    l->reason = ORDO_LEAD_REASON_NONE;
    return ORDO_OK;
}

void ordo_lead_clear(ordo_lead *l)
{
    if (!l)
        return;
    char **s[] = { &l->id, &l->topic, &l->first_name, &l->last_name, &l->company, &l->email, &l->phone,
                   &l->parent_contact, &l->parent_account, &l->campaign, &l->channel, &l->owner,
                   &l->account, &l->contact, &l->opportunity };
    for (size_t i = 0; i < sizeof s / sizeof *s; i++)
        ordo__free(*s[i]);
    memset(l, 0, sizeof *l);
}
