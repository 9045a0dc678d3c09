/*
 * commands.h — the entry point of each `ordo` command family. Each takes
 * the arguments after "ordo" (argv[0] is the command's name), prints its own
 * messages and returns an exit code (args.h).
 */
#ifndef ORDO_CLI_COMMANDS_H
#define ORDO_CLI_COMMANDS_H

#ifndef ORDO_CLI_VERSION
#define ORDO_CLI_VERSION "unknown"   /* CMakeLists.txt passes project(VERSION) */
#endif

int cli_import(int argc, char **argv);
int cli_schedule(int argc, char **argv);
int cli_export(int argc, char **argv);
int cli_ctt(int argc, char **argv);
/* The service desk (cli/cmd_desk.c). */
int cli_find_times(int argc, char **argv);
int cli_book(int argc, char **argv);
int cli_reschedule(int argc, char **argv);
int cli_cancel(int argc, char **argv);
int cli_repair(int argc, char **argv);          /* cli/cmd_repair.c */
/* `ordo import ical` (cli/cmd_ical_import.c), reached through cli_import. */
int cli_import_ical(int argc, char **argv);
/* The service core (cli/cmd_crm.c, cmd_contract.c, cmd_case.c, cmd_session.c). */
int cli_account(int argc, char **argv);
int cli_contact(int argc, char **argv);
int cli_product(int argc, char **argv);
int cli_contract(int argc, char **argv);
int cli_case(int argc, char **argv);
int cli_session(int argc, char **argv);
int cli_customer(int argc, char **argv);
int cli_conflicts(int argc, char **argv);       /* cli/cmd_conflicts.c */
int cli_resource(int argc, char **argv);        /* cli/cmd_resource.c */
int cli_serve(int argc, char **argv);          /* cli/cmd_serve.c */
int cli_token(int argc, char **argv);          /* cli/cmd_token.c */
/* Sales (cli/cmd_lead.c, cmd_opportunity.c, cmd_queue.c). */
int cli_lead(int argc, char **argv);
int cli_opportunity(int argc, char **argv);
int cli_queue(int argc, char **argv);
int cli_relationship(int argc, char **argv);
int cli_campaign(int argc, char **argv);
int cli_mlist(int argc, char **argv);
int cli_sla(int argc, char **argv);
/* `import FILE` (import = 1) or `export [--out FILE]` of leads (table 0) or
 * opportunities (table 1) as CSV (cli/sales_csv_ui.c). */
int cli_sales_csv(const char *cmd, int argc, char **argv, int table, int import, const char *usage);
/* `ordo score` and its shared printers (cli/cmd_score.c). */
int cli_score(int argc, char **argv);
int cli_diagnose(int argc, char **argv);        /* cli/cmd_diagnose.c */

#endif
