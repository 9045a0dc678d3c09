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

#endif
