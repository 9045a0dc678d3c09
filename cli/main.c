/*
 * main.c — the `ordo` command: dispatch to a command family, global
 * --help and --version. Usage errors (unknown command or option, missing
 * or malformed values) exit 2 with a message on stderr; help goes to stdout.
 */
#include "cli/args.h"
#include "cli/commands.h"

#include <stdio.h>
#include <string.h>

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
} command;

static const command commands[] = {
    { "import", cli_import },
    { "schedule", cli_schedule },
    { "export", cli_export },
    { "ctt", cli_ctt },
    { "find-times", cli_find_times },
    { "book", cli_book },
    { "reschedule", cli_reschedule },
    { "cancel", cli_cancel },
    { "repair", cli_repair },
    { "account", cli_account },
    { "contact", cli_contact },
    { "product", cli_product },
    { "contract", cli_contract },
    { "case", cli_case },
    { "session", cli_session },
    { "customer", cli_customer },
    { "conflicts", cli_conflicts },
    { "resource", cli_resource },
    { "serve", cli_serve },
    { "token", cli_token },
    { "lead", cli_lead },
    { "opportunity", cli_opportunity },
    { "queue", cli_queue },
    { "relationship", cli_relationship },
    { "campaign", cli_campaign },
    { "mlist", cli_mlist },
    { "sla", cli_sla },
    { "score", cli_score },
    { "diagnose", cli_diagnose },
};

static const char usage[] =
    "Usage: ordo COMMAND [OPTIONS]\n"
    "\n"
    "ordo plans training sessions: who teaches, in which room, with which\n"
    "equipment, when.\n"
    "\n"
    "Commands:\n"
    "  import DIR --db FILE [--dry-run]         read a folder of CSV files into the database\n"
    "  schedule --db FILE --from DATE --to DATE plan the sessions in a window, save the plan\n"
    "  export ical|csv|html --db FILE --out PATH\n"
    "                                           write calendars, bookings.csv or HTML timetables\n"
    "  conflicts --db FILE                      list double bookings and --force bookings\n"
    "  resource show ID --db FILE               a resource's working hours, time off, sessions\n"
    "  ctt solve|check FILE.ctt ...             ITC-2007 curriculum timetabling (benchmarks)\n"
    "  find-times --db FILE --service S         the best free times for one booking\n"
    "  book --db FILE --service S --start T --resources R1,R2\n"
    "                                           book one intervention (service desk)\n"
    "  reschedule|cancel --db FILE --booking ID move or cancel a desk booking\n"
    "  repair --db FILE [--allow-moves K]       move only the sessions that became infeasible\n"
    "  account|contact|product SUB ... --db FILE\n"
    "                                           the shared CRM records (add, list, import, ...)\n"
    "  contract SUB ... --db FILE               contracts, lines, the hour bank and its ledger\n"
    "  case SUB ... --db FILE                   service cases, activities, resolve\n"
    "  session list|done|cancel|complete --db FILE\n"
    "                                           sessions delivered or cancelled (hour bank)\n"
    "  customer show ID --db FILE               one customer's cases, contracts, sessions\n"
    "  serve --db FILE [--listen ADDR:PORT]     the HTTP JSON API and the booking page\n"
    "  token add|revoke|list --db FILE          API tokens for 'ordo serve'\n"
    "  lead SUB ... --db FILE                   leads: add, qualify, disqualify, reactivate\n"
    "  opportunity SUB ... --db FILE            the pipeline: move, win, lose, report\n"
    "  queue SUB ... --db FILE                  work queues: add, pick, release, route\n"
    "  relationship SUB ... --db FILE           relationship types: refresh (nightly), policy\n"
    "  campaign SUB ... --db FILE               campaigns, responses, conversions\n"
    "  mlist SUB ... --db FILE                  marketing lists (static, dynamic), suppression\n"
    "  sla add|list --db FILE                   SLA policies (case clocks: ordo case sla ID)\n"
    "  score --db FILE                          the saved plan's cost by goal and by cause\n"
    "  diagnose --db FILE                       the rules that together forbid unplaced sessions\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help; 'ordo COMMAND --help' for a command's options\n"
    "  -V, --version  show the version\n"
    "\n"
    "Exit codes: 0 done; 1 internal or I/O error; 2 usage error; 3 invalid input\n"
    "(nothing changed); 4 plan written but some sessions unscheduled; 5 refused by\n"
    "a business rule (nothing changed); 6 database busy.\n";

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return CLI_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        fputs(usage, stdout);
        return CLI_EXIT_DONE;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        printf("ordo %s\n", ORDO_CLI_VERSION);
        return CLI_EXIT_DONE;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(name, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "ordo: unknown %s '%s'\n\n", name[0] == '-' ? "option" : "command", name);
    fputs(usage, stderr);
    return CLI_EXIT_USAGE;
}
