/*
 * ops.c — the SQLite backend's table of store operations (io/store/store.h):
 * each entry is the SQLite store function of the same name, so the seam
 * costs one indirect call and no copying.
 */
#include "io/store/store.h"

#include <string.h>

static const ordo_store_ops sqlite_ops = {
    .name = "sqlite",
    .open = ordo_store_open,
    .close = ordo_store_close,
    .errmsg = ordo_store_errmsg,
    .set_busy_timeout = ordo_store_set_busy_timeout,
    .begin = ordo_store_begin,
    .commit = ordo_store_commit,
    .rollback = ordo_store_rollback,
    .meta_get = ordo_store_meta_get,
    .meta_set = ordo_store_meta_set,
    .load = ordo_store_load,
    .save = ordo_store_save,
    .save_sessions = ordo_store_save_sessions,
    .sessions_complete = ordo_store_sessions_complete,
    .session_done = ordo_store_session_done,
    .session_cancel = ordo_store_session_cancel,
    .bank_prepare = ordo_store_bank_prepare,
    .bank_sync = ordo_store_bank_sync,
    .bank_forecast = ordo_store_bank_forecast,
    .bank_check = ordo_store_bank_check,
    .account_put = ordo_store_account_put,
    .contact_put = ordo_store_contact_put,
    .product_put = ordo_store_product_put,
    .account_get = ordo_store_account_get,
    .contact_get = ordo_store_contact_get,
    .product_get = ordo_store_product_get,
    .account_delete = ordo_store_account_delete,
    .contact_delete = ordo_store_contact_delete,
    .product_delete = ordo_store_product_delete,
    .account_list = ordo_store_account_list,
    .contact_list = ordo_store_contact_list,
    .product_list = ordo_store_product_list,
    .party_find = ordo_store_party_find,
    .contract_set_status = ordo_store_contract_set_status,
    .line_add = ordo_store_line_add,
    .line_get = ordo_store_line_get,
    .line_primary = ordo_store_line_primary,
    .line_list = ordo_store_line_list,
    .ledger_list = ordo_store_ledger_list,
    .case_add = ordo_store_case_add,
    .case_get = ordo_store_case_get,
    .case_list = ordo_store_case_list,
    .activity_add = ordo_store_activity_add,
    .activity_list = ordo_store_activity_list,
    .case_resolve = ordo_store_case_resolve,
    .case_set_status = ordo_store_case_set_status,
    .customer_summary = ordo_store_customer_summary,
};

const ordo_store_ops *ordo_store_sqlite_ops(void) { return &sqlite_ops; }
