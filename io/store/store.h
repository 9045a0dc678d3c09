/*
 * store/store.h — the store seam: the operations the application layer
 * (app/) needs from a store, at use-case level, as a table of functions
 * (like solver/milp.h in front of GLPK, or SQLite's VFS). app/ calls the
 * store ONLY through an ordo_store_ops table; the SQLite backend
 * (io/store/sqlite/, ordo_store_sqlite_ops()) is one implementation, and a
 * second store (e.g. PostgreSQL) is new files providing another table.
 *
 * A connection is an `ordo_store *` whose struct each backend defines
 * privately. Every operation's contract (transactions, errors, ownership)
 * is the one documented for the SQLite functions it names in io/store.h
 * and io/service.h: ORDO_OK or ORDO_E*, the message in errmsg(conn) and
 * the input field a record check refused in errfield(conn).
 * Writes outside begin()/commit() are each one atomic unit; inside, they
 * are nested (a failed one undoes only itself). One connection is used by
 * one thread at a time; a backend must let several connections (threads
 * or processes) work on one store and serialise their writes.
 */
#ifndef ORDO_STORE_STORE_H
#define ORDO_STORE_STORE_H

#include "io/marketing.h"
#include "io/sales.h"
#include "io/sla.h"
#include "io/service.h"
#include "io/store/auth.h"
#include "io/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ordo_store_ops {
    const char *name;                                      /* "sqlite" */

    /* ---- connection and transactions ---- */
    int (*open)(ordo_store **out, const char *path, ordo_err *err);
    void (*close)(ordo_store *s);
    const char *(*errmsg)(const ordo_store *s);
    const char *(*errfield)(const ordo_store *s);         /* the last error's input field, "" if none */
    int (*set_busy_timeout)(ordo_store *s, int ms);
    int (*begin)(ordo_store *s);                           /* the write lock until commit/rollback */
    int (*commit)(ordo_store *s);
    int (*rollback)(ordo_store *s);
    int (*meta_get)(ordo_store *s, const char *key, char *buf, size_t n);
    int (*meta_set)(ordo_store *s, const char *key, const char *value);

    /* ---- the planning problem and the plan ---- */
    int (*load)(ordo_store *s, ordo_model **out);          /* a consistent snapshot of everything */
    int (*load_scope)(ordo_store *s, const ordo_store_scope *scope, ordo_model **out); /* one desk change's part */
    int (*save)(ordo_store *s, ordo_model *m);             /* the whole model (import only) */
    int (*save_sessions)(ordo_store *s, ordo_model *m, const int *courses, int ncourses, const int *sessions,
                         int nsessions);                  /* targeted: only these rows */
    int (*save_contract)(ordo_store *s, ordo_model *m, int contract);   /* targeted: one contract */
    int (*sessions_complete)(ordo_store *s, int64_t now, int *out_n);
    int (*session_done)(ordo_store *s, int64_t session, int64_t now);
    int (*session_undo_done)(ordo_store *s, int64_t session, int64_t now);
    int (*session_cancel)(ordo_store *s, int64_t session, int64_t now);

    /* ---- hour bank (ledger) ---- */
    int (*bank_prepare)(ordo_store *s, ordo_model *m);
    int (*bank_sync)(ordo_store *s, const ordo_model *m, int64_t now);
    int (*bank_sync_sessions)(ordo_store *s, const ordo_model *m, const int *sessions, int n, int64_t now);
    int (*bank_forecast)(ordo_store *s, const ordo_model *m, const char *contract, ordo_forecast *out);
    int (*bank_check)(ordo_store *s, ordo_problem_fn fn, void *payload, int *out_problems);

    /* ---- CRM records ---- */
    int (*account_put)(ordo_store *s, const ordo_account *a, ordo_put_mode mode);
    int (*contact_put)(ordo_store *s, const ordo_contact *c, ordo_put_mode mode);
    int (*product_put)(ordo_store *s, const ordo_product *p, ordo_put_mode mode);
    int (*account_get)(ordo_store *s, const char *id, ordo_account *out);
    int (*contact_get)(ordo_store *s, const char *id, ordo_contact *out);
    int (*product_get)(ordo_store *s, const char *id, ordo_product *out);
    int (*account_delete)(ordo_store *s, const char *id);
    int (*contact_delete)(ordo_store *s, const char *id);
    int (*product_delete)(ordo_store *s, const char *id);
    int (*account_list)(ordo_store *s, ordo_account_fn fn, void *payload);
    int (*contact_list)(ordo_store *s, ordo_contact_fn fn, void *payload);
    int (*product_list)(ordo_store *s, ordo_product_fn fn, void *payload);
    int (*party_find)(ordo_store *s, const char *id, int *out_kind);

    /* ---- contracts and lines ---- */
    int (*contract_set_status)(ordo_store *s, const char *id, ordo_contract_status to);
    int (*line_add)(ordo_store *s, ordo_contract_line *line, int contract_dates);
    int (*line_get)(ordo_store *s, int64_t id, ordo_contract_line *out);
    int (*line_primary)(ordo_store *s, const char *contract, int64_t *out);
    int (*line_list)(ordo_store *s, const char *contract, ordo_line_fn fn, void *payload);
    int (*ledger_list)(ordo_store *s, const char *contract, int64_t line, ordo_ledger_fn fn, void *payload);

    /* ---- cases ---- */
    int (*case_add)(ordo_store *s, ordo_case *c);
    int (*case_get)(ordo_store *s, int64_t id, ordo_case *out);
    int (*case_list)(ordo_store *s, const char *customer, ordo_case_fn fn, void *payload);
    int (*activity_add)(ordo_store *s, ordo_activity *a);
    int (*activity_list)(ordo_store *s, int64_t case_id, ordo_activity_fn fn, void *payload);
    int (*case_resolve)(ordo_store *s, int64_t id, int64_t billable, int overdraft, int64_t now,
                        ordo_resolve_plan *out);
    int (*case_set_status)(ordo_store *s, int64_t id, ordo_case_status to, int64_t now);
    int (*customer_summary)(ordo_store *s, const char *customer, ordo_customer_summary *out);

    /* ---- read caches: changes whenever the store's content may have changed ---- */
    int (*revision)(ordo_store *s, uint64_t *out);

    /* ---- ordo serve: API tokens and idempotency records (io/store/auth.h) ---- */
    int (*token_add)(ordo_store *s, ordo_token_rec *t);
    int (*token_find)(ordo_store *s, const char *hash, ordo_token_rec *out);
    int (*token_revoke)(ordo_store *s, const char *name, int64_t now);
    int (*token_list)(ordo_store *s, ordo_token_fn fn, void *payload);
    int (*idem_get)(ordo_store *s, int64_t token, const char *key, int64_t since, int *status, char **body,
                    char *request_hash);
    int (*idem_put)(ordo_store *s, int64_t token, const char *key, const char *request_hash, int status,
                    const char *body, int64_t now, int64_t since);
    /* ---- sales: leads, opportunities, relationship types, queues (io/sales.h) ---- */
    int (*lead_add)(ordo_store *s, const ordo_lead *l);
    int (*lead_get)(ordo_store *s, const char *id, ordo_lead *out);
    int (*lead_list)(ordo_store *s, int (*fn)(const ordo_lead *l, void *payload), void *payload);
    int (*lead_disqualify)(ordo_store *s, const char *id, ordo_lead_reason reason);
    int (*lead_reactivate)(ordo_store *s, const char *id);
    int (*lead_set_qualified)(ordo_store *s, const char *id, const char *account, const char *contact,
                              const char *opportunity);
    int (*lead_duplicates)(ordo_store *s, const ordo_lead *l, double threshold, ordo_lead_match_fn fn,
                           void *payload);
    int (*contact_duplicates)(ordo_store *s, const ordo_dedup_person *p, double threshold, ordo_lead_match_fn fn,
                              void *payload);
    int (*account_duplicates)(ordo_store *s, const char *name, double threshold, ordo_lead_match_fn fn,
                              void *payload);
    int (*opportunity_add)(ordo_store *s, const ordo_opportunity *o, int64_t now);
    int (*opportunity_get)(ordo_store *s, const char *id, ordo_opportunity *out);
    int (*opportunity_list)(ordo_store *s, int (*fn)(const ordo_opportunity *o, void *payload), void *payload);
    int (*opportunity_change)(ordo_store *s, const char *id, ordo_opp_change op, ordo_stage to, const char *reason,
                              ordo_date when, int64_t now, ordo_opportunity *out);
    int (*opportunity_set_links)(ordo_store *s, const char *id, const char *contract, const char *course);
    int (*opportunity_history)(ordo_store *s, const char *id, ordo_history_fn fn, void *payload);
    int (*pipeline)(ordo_store *s, ordo_pipeline_report *out);
    int (*relationship_refresh)(ordo_store *s, const char *party, const ordo_rel_policy *policy, ordo_date today,
                                int64_t now, ordo_relationship *out);
    int (*relationship_changes)(ordo_store *s, const char *party, ordo_history_fn fn, void *payload);
    int (*queue_add)(ordo_store *s, const char *queue, ordo_item_kind kind, const char *ref, int64_t *out_id);
    int (*queue_pick_next)(ordo_store *s, const char *queue, const char *agent, int64_t *out_id);
    int (*queue_pick)(ordo_store *s, int64_t id, const char *agent);
    int (*queue_release)(ordo_store *s, int64_t id, const char *agent);
    int (*queue_route)(ordo_store *s, int64_t id, const char *to);
    int (*queue_get)(ordo_store *s, int64_t id, char *queue, size_t nq, char *holder, size_t nh);
    /* ---- marketing: campaigns, responses, lists, suppression (io/marketing.h) ---- */
    int (*campaign_put)(ordo_store *s, const ordo_campaign *c, ordo_put_mode mode);
    int (*campaign_get)(ordo_store *s, const char *id, ordo_campaign *out);
    int (*campaign_list)(ordo_store *s, int (*fn)(const ordo_campaign *c, void *payload), void *payload);
    int (*response_add)(ordo_store *s, const ordo_response *r, int64_t *out_id);
    int (*response_get)(ordo_store *s, int64_t id, ordo_response *out);
    int (*response_list)(ordo_store *s, const char *campaign, int (*fn)(const ordo_response *r, void *payload),
                         void *payload);
    int (*response_convert)(ordo_store *s, int64_t id, ordo_conversion to, const char *ref);
    int (*mlist_put)(ordo_store *s, const ordo_mlist *l, ordo_put_mode mode);
    int (*mlist_get)(ordo_store *s, const char *id, ordo_mlist *out);
    int (*mlist_list)(ordo_store *s, int (*fn)(const ordo_mlist *l, void *payload), void *payload);
    int (*mlist_member)(ordo_store *s, const char *list, const char *contact, int add);
    int (*mlist_members)(ordo_store *s, const char *id, int (*fn)(const char *contact, void *payload),
                         void *payload);
    int (*queue_rule_set)(ordo_store *s, const char *queue, ordo_route_rule rule, const char *agents,
                          const char *skill);
    int (*queue_rule_get)(ordo_store *s, const char *queue, ordo_queue_rule *out);
    int (*queue_rule_cursor)(ordo_store *s, const char *queue, int cursor);
    int (*queue_held)(ordo_store *s, const char *agent, int *out);
    int (*suppress)(ordo_store *s, const char *contact, int on, const char *reason, int64_t now);
    /* ---- SLA policies and clocks (io/sla.h) ---- */
    int (*sla_policy_add)(ordo_store *s, const ordo_sla_policy *p);
    int (*sla_policy_get)(ordo_store *s, const char *id, ordo_sla_policy *out);
    int (*sla_policy_list)(ordo_store *s, int (*fn)(const ordo_sla_policy *p, void *payload), void *payload);
    int (*sla_policy_match)(ordo_store *s, const char *queue, const char *contract, int priority,
                            ordo_sla_policy *out);
    int (*case_sla_start)(ordo_store *s, int64_t case_id, const ordo_sla_policy *p, ordo_utc started);
    int (*case_sla_get)(ordo_store *s, int64_t case_id, ordo_case_sla *out);
    int (*case_sla_event)(ordo_store *s, int64_t case_id, ordo_sla_event ev, ordo_utc at);
    int (*suppress_list)(ordo_store *s, int (*fn)(const char *contact, const char *reason, int64_t at,
                                                  void *payload),
                         void *payload);
} ordo_store_ops;

/* The SQLite backend (io/store/sqlite/). */
const ordo_store_ops *ordo_store_sqlite_ops(void);

/* The backend for a store location: "sqlite:PATH" or a plain file path ->
 * SQLite (*path_out = the path part). Another scheme ("postgresql://...")
 * -> NULL with the message in err (no such backend built in). */
const ordo_store_ops *ordo_store_backend(const char *location, const char **path_out, ordo_err *err);

#ifdef __cplusplus
}
#endif
#endif
