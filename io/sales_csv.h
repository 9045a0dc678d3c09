/*
 * sales_csv.h — leads, opportunities, the marketing records, SLA policies and
 * queue routing rules as CSV files:
 *
 *   leads.csv  id,topic,first_name,last_name,company,email,phone,
 *              parent_contact,parent_account,campaign,channel,
 *              [rating,score,owner,status,reason,account,contact,opportunity]
 *   opportunities.csv  id,name,account,contact,
 *              [lead,owner,stage,value_cents,close_date,status,reason,minutes,
 *              service,probability]
 *   campaigns.csv  id,name,start,end,[budget_cents,expected,owner,status]
 *   responses.csv  campaign,contact,account,lead,channel,date,
 *              [outcome,converted,converted_to]   (numbers are given anew)
 *   lists.csv  id,name,kind,[relationship,role,account,active_from,inactive_since,city]
 *   list_members.csv  list,contact            (static lists)
 *   suppressions.csv  contact,reason,[at]     (at: UTC seconds)
 *   sla_policies.csv  id,site,zone,first_response,resolve,
 *              [queue,contract,priority,warn_percent,hours,holidays]
 *              (minutes of business time; hours "MO 09:00-17:00;TU ...",
 *              default Monday to Friday 09:00-17:00; holidays "YYYY-MM-DD;...")
 *   queue_rules.csv  queue,rule,agents,[skill]   (agents ';'-joined, in order)
 *
 * Optional columns default to: rating warm, score 0, status open, stage
 * qualify, value 0, close date today, probability -1 (the stage's);
 * budget and expected 0, campaign status planned, outcome interested,
 * at = today's midnight UTC, warn_percent the model's default. Import
 * adds every row in ONE transaction: a bad row (or an id already stored)
 * changes nothing and is reported as "FILE:LINE: COLUMN: what is wrong"
 * (ORDO_EINPUT). Export writes every record, header first, so that an
 * export imports back unchanged into a store with the same accounts and
 * contacts.
 */
#ifndef ORDO_SALES_CSV_H
#define ORDO_SALES_CSV_H

#include "io/import.h"
#include "io/marketing.h"
#include "io/sales.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ordo_sales_table {
    ORDO_SALES_LEADS = 0, ORDO_SALES_OPPORTUNITIES, ORDO_SALES_CAMPAIGNS, ORDO_SALES_RESPONSES, ORDO_SALES_LISTS,
    ORDO_SALES_LIST_MEMBERS, ORDO_SALES_SUPPRESSIONS, ORDO_SALES_SLA_POLICIES, ORDO_SALES_QUEUE_RULES
} ordo_sales_table;
#define ORDO_SALES_TABLE_COUNT 9
/* What a table's rows are called: "lead", "opportunity", "campaign", ... */
const char *ordo_sales_table_noun(ordo_sales_table t);

/* Imports `path` into table t (*out_rows: rows added; may be NULL). `today`
 * is the default close date. ORDO_EINPUT, ORDO_ENOTFOUND (no such file),
 * ORDO_EBUSY, ORDO_EIO, ORDO_ENOMEM; the message in err. */
int ordo_sales_csv_import(ordo_store *s, ordo_sales_table t, const char *path, ordo_date today,
                          ordo_warn_fn warn, void *payload, int *out_rows, ordo_err *err);
/* Writes table t to `path` atomically, or to stdout when path is NULL. */
int ordo_sales_csv_export(ordo_store *s, ordo_sales_table t, const char *path, ordo_err *err);

#ifdef __cplusplus
}
#endif
#endif
