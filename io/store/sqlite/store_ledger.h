/*
 * store_ledger.h — (internal to io/store_*.c) the one way an entry enters
 * the ledger, shared by the bank (sessions) and the cases (resolutions).
 */
#ifndef ORDO_STORE_LEDGER_H
#define ORDO_STORE_LEDGER_H

#include "io/store/sqlite/store_int.h"
#include "model/contract.h"

/* Appends `e` (its id is ignored) and adds its effect (ordo_balance_apply,
 * `reversed` = the kind a reversal undoes) to the cached balance of its
 * line, inside the caller's unit. *out_id (may be NULL) gets the entry id. */
int ordo__ledger_append(ordo_store *s, const ordo_ledger_entry *e, ordo_ledger_kind reversed, int64_t *out_id);

#endif
