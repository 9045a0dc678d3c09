/*
 * cmd_crm.c — `ordo account|contact|product add|update|show|list|delete|
 * import|export`: the shared CRM records, one per organisation, person or
 * product (io/service.h, io/crm_csv.h).
 *
 * `update` changes only the fields given. `list` and `export` print the
 * CSV of the data contract's columns (plus roles), which `import` reads
 * back; `show` prints one "field: value" line per field. Each change is one
 * transaction; refusals (a delete while something refers to the record)
 * exit 5, unknown ids, duplicates and bad fields exit 3.
 */
#include "app/app_crm.h"
#include "cli/args.h"
#include "cli/desk_args.h"
#include "cli/commands.h"
#include "cli/service_ui.h"
#include "app/app_csv.h"

#include <stdio.h>
#include <string.h>

typedef struct crm_family {
    const char *name;             /* "account" */
    ordo_crm_table table;
    const char *usage;
    int (*del)(ordo_app *, const char *);
} crm_family;

static void warn_print(const char *message, void *payload)
{
    fprintf(stderr, "%s: warning: %s\n", (const char *)payload, message);
}

static void print_roles(const ordo_strlist *roles)
{
    printf("roles:");
    for (int i = 0; i < roles->count; i++)
        printf("%s%s", i ? ";" : " ", roles->items[i]);
    printf("\n");
}

/* ---- per record kind: show ----------------------------------------------------------- */

static int account_show(const char *cmd, ordo_app *app, const char *id)
{
    ordo_account a = { 0 };
    int rc = ordo_app_account_get(app, id, &a);
    if (rc < 0)
        return cli_app_svc_fail(cmd, app, rc);
    printf("account: %s\nname: %s\nrelationship: %s\n", a.id, a.name ? a.name : "",
           ordo_relationship_name(a.relationship));
    print_roles(&a.roles);
    printf("city: %s\n", a.city ? a.city : "");
    ordo_account_clear(&a);
    return CLI_EXIT_DONE;
}

static int contact_show(const char *cmd, ordo_app *app, const char *id)
{
    ordo_contact c = { 0 };
    int rc = ordo_app_contact_get(app, id, &c);
    if (rc < 0)
        return cli_app_svc_fail(cmd, app, rc);
    printf("contact: %s\nfirst_name: %s\nlast_name: %s\nemail: %s\naccount: %s\nrelationship: %s\n", c.id,
           c.first_name ? c.first_name : "", c.last_name ? c.last_name : "", c.email ? c.email : "",
           c.account ? c.account : "", ordo_relationship_name(c.relationship));
    print_roles(&c.roles);
    printf("city: %s\nphone: %s\n", c.city ? c.city : "", c.phone ? c.phone : "");
    ordo_contact_clear(&c);
    return CLI_EXIT_DONE;
}

static int product_show(const char *cmd, ordo_app *app, const char *id)
{
    ordo_product p = { 0 };
    int rc = ordo_app_product_get(app, id, &p);
    if (rc < 0)
        return cli_app_svc_fail(cmd, app, rc);
    printf("product: %s\nname: %s\n", p.id, p.name);
    ordo_product_clear(&p);
    return CLI_EXIT_DONE;
}

/* ---- the sub-commands, shared by the three families ------------------------------- */

/* The family being run (one command per process; set by run_family). */
static const crm_family *current;

/* add / update: `ordo F add ID --db FILE [fields]`. */
static int put_cmd(const char *cmd, int argc, char **argv, int is_new)
{
    const crm_family *fam = current;
    const char *db = NULL, *id = NULL;
    ordo_app_party_req f = { 0 };
    ordo_app *app = NULL;
    const cli_opt opts[] = {
        { "db", &db, NULL }, { "name", &f.name, NULL }, { "first-name", &f.first_name, NULL },
        { "last-name", &f.last_name, NULL }, { "email", &f.email, NULL }, { "account", &f.account, NULL },
        { "relationship", &f.relationship, NULL }, { "roles", &f.roles, NULL }, { "city", &f.city, NULL },
        { "phone", &f.phone, NULL }, { NULL, NULL, NULL },
    };
    int code = cli_opts_parse(cmd, argc, argv, opts, &id, 1, 1, fam->usage), rc;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    int is_product = fam->table == ORDO_CRM_PRODUCTS, is_contact = fam->table == ORDO_CRM_CONTACTS;
    if ((f.first_name || f.last_name || f.email || f.account || f.phone) && !is_contact)
        return cli_usage_error(cmd, "--first-name, --last-name, --email, --phone and --account are contact fields");
    if (f.name && is_contact)
        return cli_usage_error(cmd, "a contact has --first-name and --last-name, not --name");
    if ((f.relationship || f.roles || f.city) && is_product)
        return cli_usage_error(cmd, "a product has only --name");
    if (is_new && !is_contact && !f.name)
        return cli_usage_error(cmd, "missing --name NAME");
    f.id = id;
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    if (fam->table == ORDO_CRM_ACCOUNTS)
        rc = is_new ? ordo_app_account_add(app, &f, NULL) : ordo_app_account_update(app, &f, NULL);
    else if (is_contact)
        rc = is_new ? ordo_app_contact_add(app, &f, NULL) : ordo_app_contact_update(app, &f, NULL);
    else
        rc = is_new ? ordo_app_product_add(app, &f, NULL) : ordo_app_product_update(app, &f, NULL);
    if (rc < 0)
        code = rc == ORDO_EINVAL ? cli_usage_error(cmd, "--%s", ordo_app_errmsg(app)) : cli_app_svc_fail(cmd, app, rc);
    else
        printf("%s %s %s\n", fam->name, id, is_new ? "added" : "updated");
    ordo_app_close(app);
    return code;
}

static int add_cmd(const char *cmd, int argc, char **argv) { return put_cmd(cmd, argc, argv, 1); }
static int update_cmd(const char *cmd, int argc, char **argv) { return put_cmd(cmd, argc, argv, 0); }

/* show / delete: `ordo F show ID --db FILE`. */
static int id_cmd(const char *cmd, int argc, char **argv, int is_delete)
{
    const crm_family *fam = current;
    const char *db = NULL, *id = NULL;
    ordo_app *app = NULL;
    const cli_opt opts[] = { { "db", &db, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, &id, 1, 1, fam->usage), rc;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if ((code = cli_app_open(cmd, db, &app)) != CLI_EXIT_DONE)
        return code;
    if (!is_delete)
        code = fam->table == ORDO_CRM_ACCOUNTS   ? account_show(cmd, app, id)
               : fam->table == ORDO_CRM_CONTACTS ? contact_show(cmd, app, id)
                                                 : product_show(cmd, app, id);
    else if ((rc = fam->del(app, id)) < 0)
        code = cli_app_svc_fail(cmd, app, rc);
    else
        printf("%s %s deleted\n", fam->name, id);
    ordo_app_close(app);
    return code;
}

static int show_cmd(const char *cmd, int argc, char **argv) { return id_cmd(cmd, argc, argv, 0); }
static int delete_cmd(const char *cmd, int argc, char **argv) { return id_cmd(cmd, argc, argv, 1); }

/* list / export: CSV to stdout or --out FILE. */
static int export_cmd(const char *cmd, int argc, char **argv)
{
    const crm_family *fam = current;
    const char *db = NULL, *out = NULL;
    ordo_app *s = NULL;
    ordo_err err = { 0 };
    const cli_opt opts[] = { { "db", &db, NULL }, { "out", &out, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, NULL, 0, 0, fam->usage), rc;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if ((code = cli_svc_open(cmd, db, &s)) != CLI_EXIT_DONE)
        return code;
    if ((rc = ordo_app_crm_csv_export(s, fam->table, out, &err)) < 0) {
        fprintf(stderr, "%s: %s\n", cmd, err.msg[0] ? err.msg : ordo_strerror(rc));
        code = cli_svc_exit(rc) == CLI_EXIT_INPUT ? CLI_EXIT_ERROR : cli_svc_exit(rc);
    }
    ordo_app_close(s);
    return code;
}

static int import_cmd(const char *cmd, int argc, char **argv)
{
    const crm_family *fam = current;
    const char *db = NULL, *file = NULL;
    ordo_app *s = NULL;
    ordo_err err = { 0 };
    int rows = 0;
    const cli_opt opts[] = { { "db", &db, NULL }, { NULL, NULL, NULL } };
    int code = cli_opts_parse(cmd, argc, argv, opts, &file, 1, 1, fam->usage), rc;
    if (code)
        return code < 0 ? CLI_EXIT_DONE : code;
    if ((code = cli_svc_open(cmd, db, &s)) != CLI_EXIT_DONE)
        return code;
    rc = ordo_app_crm_csv_import(s, fam->table, file, warn_print, (void *)cmd, &rows, &err);
    if (rc < 0) {
        fprintf(stderr, "%s: %s; nothing changed\n", cmd, err.msg[0] ? err.msg : ordo_strerror(rc));
        code = rc == ORDO_ENOTFOUND ? CLI_EXIT_ERROR : cli_svc_exit(rc);
    } else {
        printf("%s: %d %s%s imported\n", file, rows, fam->name, rows == 1 ? "" : "s");
    }
    ordo_app_close(s);
    return code;
}

/* ---- families ---------------------------------------------------------------------------- */

#define CRM_COMMON_HELP(F)                                                                        \
    "  show ID                    print the " F "\n"                                          \
    "  list                       print every " F " as CSV (the columns below)\n"             \
    "  delete ID                  delete it (refused, exit 5, while anything refers to it)\n"   \
    "  import FILE                add or update every row of a CSV file (all or nothing)\n"     \
    "  export [--out FILE]        write the CSV (stdout without --out)\n"                       \
    "\nEvery sub-command takes --db FILE.\n"

static const char account_usage[] =
    "Usage: ordo account add|update|show|list|delete|import|export ... --db FILE\n"
    "\n"
    "Accounts (organisations), shared by sales, marketing and service.\n"
    "\n"
    "  add ID --name NAME [--relationship R] [--roles LIST] [--city CITY]\n"
    "  update ID [--name NAME] [--relationship R] [--roles LIST] [--city CITY]\n"
    CRM_COMMON_HELP("account")
    "\n"
    "R is suspect, prospect, potential_client, client, former_client (or none); LIST is ';'-separated\n"
    "roles such as competitor;partner;supplier; CITY is kept as typed ('' clears it) and matched\n"
    "ignoring case, accents and punctuation (a marketing list's --city).\n"
    "CSV columns: id,name,relationship,roles,city (roles and city optional on import:\n"
    "without the column a record keeps its value).\n";

static const char contact_usage[] =
    "Usage: ordo contact add|update|show|list|delete|import|export ... --db FILE\n"
    "\n"
    "Contacts (persons), shared by sales, marketing and service; a contact may\n"
    "belong to an account.\n"
    "\n"
    "  add ID --first-name F --last-name L [--email E] [--account A]\n"
    "      [--relationship R] [--roles LIST] [--city CITY] [--phone P]\n"
    "  update ID [same options; '' clears --email, --account, --city and --phone]\n"
    CRM_COMMON_HELP("contact")
    "\n"
    "CSV columns: id,first_name,last_name,email,account,relationship,roles,city,phone (roles,\n"
    "city and phone optional on import: without the column a record keeps its value).\n"
    "A lead's duplicate search compares its e-mail, phone (+CC and digits) and name with\n"
    "every contact's.\n";

static const char product_usage[] =
    "Usage: ordo product add|update|show|list|delete|import|export ... --db FILE\n"
    "\n"
    "Products that cases are about.\n"
    "\n"
    "  add ID --name NAME\n"
    "  update ID --name NAME\n"
    CRM_COMMON_HELP("product")
    "\n"
    "CSV columns: id,name.\n";

static const crm_family families[] = {
    { "account", ORDO_CRM_ACCOUNTS, account_usage, ordo_app_account_delete },
    { "contact", ORDO_CRM_CONTACTS, contact_usage, ordo_app_contact_delete },
    { "product", ORDO_CRM_PRODUCTS, product_usage, ordo_app_product_delete },
};


static const cli_sub subs[] = {
    { "add", add_cmd }, { "update", update_cmd }, { "show", show_cmd }, { "list", export_cmd },
    { "delete", delete_cmd }, { "import", import_cmd }, { "export", export_cmd },
};

static int run_family(int which, int argc, char **argv)
{
    current = &families[which];
    return cli_sub_dispatch(families[which].name, subs, sizeof subs / sizeof *subs, families[which].usage, argc,
                            argv);
}

int cli_account(int argc, char **argv) { return run_family(0, argc, argv); }
int cli_contact(int argc, char **argv) { return run_family(1, argc, argv); }
int cli_product(int argc, char **argv) { return run_family(2, argc, argv); }
