/*
 * conflicts.h — every double booking and forced booking of a plan, for the
 * exporters (bookings.csv, calendars, HTML), `ordo conflicts` and the API.
 *
 * Two kinds, each found from the model alone (no store, no clock):
 *  - an overlap: two placed sessions (PLANNED or DONE) that share a resource
 *    and whose [start, end) intervals intersect — reported once per pair and
 *    resource, `session` being the earlier (ties: lower index);
 *  - a forced booking: a placed session saved with forced_conflict = 1
 *    (`--force`, solver/booking.h), whose reason names what it breaks (time
 *    off, working hours, ...); reported once, with other = -1.
 * Entries are sorted by the session's start, then session index, then the
 * other session's index (-1 first): the same plan gives the same list.
 */
#ifndef ORDO_CONFLICTS_H
#define ORDO_CONFLICTS_H

#include "model/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ordo_conflict {
    size_t session;     /* index in m->sessions */
    int other;          /* index of the overlapping session; -1: a forced booking */
    int resource;       /* the shared resource's index; -1 for a forced booking */
} ordo_conflict;

/* Finds every conflict of `m`. On success *out is a new array (ordo__free;
 * NULL when *out_n is 0). Returns ORDO_OK, ORDO_EINVAL (NULL argument, or a
 * session whose course or resource index is out of range; the message names
 * the session) or ORDO_ENOMEM, with the message in `err`. */
int ordo_conflicts_find(const ordo_model *m, ordo_conflict **out, size_t *out_n, ordo_err *err);

/* Per session index: 1 when the session is in at least one conflict. `flags`
 * must hold m->sessions.n bytes. */
void ordo_conflicts_mark(const ordo_model *m, const ordo_conflict *v, size_t n, char *flags);

#ifdef __cplusplus
}
#endif
#endif
