/*
 * cmd_mlist.c — `ordo mlist ...`: marketing lists (static: members added
 * and removed; dynamic: a filter on relationship type, role, account and
 * last activity, evaluated each time) and the suppression list (contacts
 * never contacted, left out of every evaluation), through app/marketing.h.
 */
#include "app/marketing.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/desk_args.h"
#include "cli/service_ui.h"
#include "io/sales_csv.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "Usage: ordo mlist SUB-COMMAND ... --db FILE\n"
    "\n"
    "Marketing lists and the suppression list.\n"
    "\n"
    "  add ID --name N [--kind static|dynamic] [--relationship R] [--role ROLE]\n"
    "         [--account A] [--city C] [--active-from D] [--inactive-since D]\n"
    "                                  a dynamic list keeps the filter, never its result\n"
    "  show ID                         the list and its filter\n"
    "  list                            every list, one per line\n"
    "  add-member ID CONTACT | remove-member ID CONTACT     static lists only\n"
    "  members ID                      the list evaluated now (suppressed contacts left out)\n"
    "  suppress CONTACT [--reason W]   never contact them again\n"
    "  unsuppress CONTACT | suppressed\n"
    "  import|export KIND FILE         KIND: lists, members, suppressions (CSV)\n"
    "\n"
    "R is suspect, prospect, potential_client, client or former_client (the\n"
    "contact's or its account's); ROLE one of the contact's or account's roles;\n"
    "C the contact's city, else its account's (case, accents and punctuation\n"
    "ignored: 'saint etienne' matches Saint-Étienne);\n"
    "last activity = the latest case, opportunity change or campaign response of\n"
    "the contact or its account.\n"
    "\n"
    "Exit: 0 done; 2 usage or bad value; 3 unknown id or bad record; 5 refused by a\n"
    "rule (nothing changed); 6 database busy.\n";

static int add_cmd(const char *cmd, int argc, char **argv)
{
    ordo_app_list_req q = { 0 };
    const char *db = NULL, *pos[1] = { NULL };
    const cli_opt opts[] = { { "db", &db, NULL }, { "name", &q.name, NULL }, { "kind", &q.kind, NULL },
                             { "relationship", &q.relationship, NULL }, { "role", &q.role, NULL },
                             { "account", &q.account, NULL }, { "city", &q.city, NULL },
                             { "active-from", &q.active_from, NULL },
                             { "inactive-since", &q.inactive_since, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, 1, 1, usage);
    ordo_app *app = NULL;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    q.id = pos[0];
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = ordo_app_list_add(app, &q);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    else
        printf("list %s added\n", q.id);
    ordo_app_close(app);
    return code;
}

static int print_list(const ordo_mlist *l, void *payload)
{
    char d[11];
    (void)payload;
    printf("%s  %s  %s", l->id, l->name, ordo_list_kind_name(l->kind));
    if (l->filter.relationship != ORDO_REL_NONE)
        printf("  relationship=%s", ordo_relationship_name(l->filter.relationship));
    if (l->filter.role)
        printf("  role=%s", l->filter.role);
    if (l->filter.account)
        printf("  account=%s", l->filter.account);
    if (l->filter.city)
        printf("  city=%s", l->filter.city);
    if (l->filter.active_from > 0) {
        ordo_date_format(l->filter.active_from, d);
        printf("  active_from=%s", d);
    }
    if (l->filter.inactive_since > 0) {
        ordo_date_format(l->filter.inactive_since, d);
        printf("  inactive_since=%s", d);
    }
    printf("\n");
    return 0;
}

/* show, list, members, suppressed: read-only commands of 0 or 1 operand. */
static int print_member(const char *contact, void *payload)
{
    int *n = payload;
    printf("%s\n", contact);
    (*n)++;
    return 0;
}

static int print_supp(const char *contact, const char *reason, int64_t at, void *payload)
{
    char when[17];
    (void)payload;
    ordo_datetime_format((ordo_date)(at / 86400), (int)(at % 86400) / 60, when);
    printf("%s  %s  since %sZ\n", contact, reason, when);
    return 0;
}

enum { SHOW, LIST, MEMBERS, SUPPRESSED };
static int read_cmd(const char *cmd, int argc, char **argv, int what)
{
    const char *db = NULL, *pos[1] = { NULL };
    const cli_opt opts[] = { { "db", &db, NULL }, { NULL, NULL, NULL } };
    int one = what == SHOW || what == MEMBERS;
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, one, one, usage);
    ordo_app *app = NULL;
    ordo_mlist l = { 0 };
    int n = 0, rc;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    if (what == SHOW) {
        if ((rc = ordo_app_list_get(app, pos[0], &l)) == ORDO_OK)
            print_list(&l, NULL);
    } else if (what == LIST) {
        rc = ordo_app_list_list(app, print_list, NULL);
    } else if (what == MEMBERS) {
        if ((rc = ordo_app_list_members(app, pos[0], print_member, &n)) == ORDO_OK)
            printf("%d member%s\n", n, n == 1 ? "" : "s");
    } else {
        rc = ordo_app_suppress_list(app, print_supp, NULL);
    }
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    ordo_mlist_clear(&l);
    ordo_app_close(app);
    return code;
}

static int show_cmd(const char *cmd, int argc, char **argv) { return read_cmd(cmd, argc, argv, SHOW); }
static int list_cmd(const char *cmd, int argc, char **argv) { return read_cmd(cmd, argc, argv, LIST); }
static int members_cmd(const char *cmd, int argc, char **argv) { return read_cmd(cmd, argc, argv, MEMBERS); }
static int suppressed_cmd(const char *cmd, int argc, char **argv) { return read_cmd(cmd, argc, argv, SUPPRESSED); }

/* add-member, remove-member, suppress, unsuppress. */
enum { ADD_MEMBER, REMOVE_MEMBER, SUPPRESS, UNSUPPRESS };
static int write_cmd(const char *cmd, int argc, char **argv, int what)
{
    const char *db = NULL, *pos[2] = { NULL, NULL }, *reason = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { "reason", &reason, NULL }, { NULL, NULL, NULL } };
    int nargs = what <= REMOVE_MEMBER ? 2 : 1;
    int code = cli_opts_parse(cmd, argc, argv, opts, pos, nargs, nargs, usage);
    ordo_app *app = NULL;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if (reason && what != SUPPRESS)
        return cli_usage_error(cmd, "--reason goes with suppress only");
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    int rc = what <= REMOVE_MEMBER ? ordo_app_list_member(app, pos[0], pos[1], what == ADD_MEMBER)
                                   : ordo_app_suppress(app, pos[0], what == SUPPRESS, reason, 0);
    if (rc < 0)
        code = cli_app_fail(cmd, app, rc);
    else if (what <= REMOVE_MEMBER)
        printf("contact %s %s list %s\n", pos[1], what == ADD_MEMBER ? "added to" : "removed from", pos[0]);
    else
        printf("contact %s %s\n", pos[0], what == SUPPRESS ? "suppressed" : "no longer suppressed");
    ordo_app_close(app);
    return code;
}

static int add_member_cmd(const char *cmd, int argc, char **argv) { return write_cmd(cmd, argc, argv, ADD_MEMBER); }
static int remove_member_cmd(const char *cmd, int argc, char **argv)
{
    return write_cmd(cmd, argc, argv, REMOVE_MEMBER);
}
static int suppress_cmd(const char *cmd, int argc, char **argv) { return write_cmd(cmd, argc, argv, SUPPRESS); }
static int unsuppress_cmd(const char *cmd, int argc, char **argv) { return write_cmd(cmd, argc, argv, UNSUPPRESS); }

/* import|export KIND ...: the CSV of lists, members or suppressions. */
static int csv_cmd(const char *cmd, int argc, char **argv, int import)
{
    static const struct { const char *kind; ordo_sales_table t; } kinds[] = {
        { "lists", ORDO_SALES_LISTS }, { "members", ORDO_SALES_LIST_MEMBERS },
        { "suppressions", ORDO_SALES_SUPPRESSIONS } };
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(usage, stdout);
        return CLI_EXIT_DONE;
    }
    if (argc < 2)
        return cli_usage_error(cmd, "give the KIND: lists, members or suppressions");
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (strcmp(argv[1], kinds[i].kind) == 0)
            return cli_sales_csv(cmd, argc - 1, argv + 1, kinds[i].t, import, usage);
    return cli_usage_error(cmd, "'%s': KIND is lists, members or suppressions", argv[1]);
}
static int import_cmd(const char *cmd, int argc, char **argv) { return csv_cmd(cmd, argc, argv, 1); }
static int export_cmd(const char *cmd, int argc, char **argv) { return csv_cmd(cmd, argc, argv, 0); }

static const cli_sub subs[] = {
    { "add", add_cmd }, { "show", show_cmd }, { "list", list_cmd }, { "add-member", add_member_cmd },
    { "remove-member", remove_member_cmd }, { "members", members_cmd }, { "suppress", suppress_cmd },
    { "unsuppress", unsuppress_cmd }, { "suppressed", suppressed_cmd }, { "import", import_cmd },
    { "export", export_cmd },
};

int cli_mlist(int argc, char **argv)
{
    return cli_sub_dispatch("mlist", subs, sizeof subs / sizeof *subs, usage, argc, argv);
}
