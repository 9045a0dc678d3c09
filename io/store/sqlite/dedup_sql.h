/*
 * dedup_sql.h — the duplicate-search keys of contacts and accounts as SQL
 * expressions, shared by their indexes (store_schema.h, version 8) and the
 * candidate queries (sales.c), which must spell them the same way for
 * SQLite to use the index. Internal to io/store/sqlite/.
 *
 * Built-in functions only (lower, trim, substr: ASCII case folding, spaces
 * trimmed, UTF-8 characters counted), so every writer of the table — ordo's
 * record puts, the whole-model save, a migration, even the sqlite3 shell —
 * keeps the indexes right without ordo's code. The querying side binds each
 * key twice: computed from the text as typed (what SQLite computes from a
 * row stored that way) and from model/dedup.h's normalised form (accents
 * folded, punctuation to spaces), so a stored "Muller" is found from a
 * typed "Müller". The keys are blocks, not verdicts: model/dedup.h's score
 * and threshold decide among the rows they bring.
 *
 * Contacts (f = first name, l = last name):
 *   lf   l[1..4] + f[1] + f[-1]  same last-name start, same first and last letter of
 *                              the first name ("Jon"/"John Smith", "Stephen"/"Steven")
 *   lf2  l[1..4] + f[2..3]     first letter of the first name differs ("Katherine"/"Catherine")
 *   fl   f[1..3] + l[2..4]     first letter of the last name differs ("Smith"/"Xmith")
 *   fle  f[1..4] + l[1] + l[-1] a typo inside the last name ("Smith"/"Smyth", "Jonson"/"Johnson")
 *   plus the normalised e-mail (lower(trim(email)), index of version 6).
 * One typo (a letter replaced, added or dropped) leaves at least one key
 * whole, except a last-letter typo in a first name of 3 letters or fewer
 * ("Jon"/"Jom") or a typo in a last name of 4 letters or fewer with a typo
 * in its last letter: those are found only by e-mail.
 * Accounts (n = name without a leading "The "): n[1..4] and n[2..4] ("Acme
 * Ltd" / "ACME Limited" / "The Acme Company" / "Acme", and a typo in the
 * first letter).
 */
#ifndef ORDO_STORE_DEDUP_SQL_H
#define ORDO_STORE_DEDUP_SQL_H

#include "io/sales.h"      /* ORDO_SALES_COUNTRY */

#define ORDO_DK_EMAIL "lower(trim(email))"
#define ORDO_DK_L4 "lower(substr(trim(last_name), 1, 4))"
#define ORDO_DK_F1 "lower(substr(trim(first_name), 1, 1))"
#define ORDO_DK_FZ "lower(substr(trim(first_name), -1))"
#define ORDO_DK_F23 "lower(substr(trim(first_name), 2, 2))"
#define ORDO_DK_F3 "lower(substr(trim(first_name), 1, 3))"
#define ORDO_DK_L234 "lower(substr(trim(last_name), 2, 3))"
#define ORDO_DK_F4 "lower(substr(trim(first_name), 1, 4))"
#define ORDO_DK_L1 "lower(substr(trim(last_name), 1, 1))"
#define ORDO_DK_LZ "lower(substr(trim(last_name), -1))"
/* an account's name without a leading "The " */
#define ORDO_DK_BODY "(CASE WHEN lower(substr(trim(name), 1, 4)) = 'the ' THEN trim(substr(trim(name), 5))" \
                     " ELSE trim(name) END)"
#define ORDO_DK_N4 "lower(substr(" ORDO_DK_BODY ", 1, 4))"
#define ORDO_DK_N234 "lower(substr(" ORDO_DK_BODY ", 2, 3))"

/* A contact's phone key, model/dedup.h's ordo_dedup_phone for phones
 * written with digits, spaces and + - . ( ) / ("+CC..." as written,
 * "00CC..." -> "+CC...", a national "0..." or bare number -> "+" and
 * io/sales.h's ORDO_SALES_COUNTRY; a new country needs the index rebuilt). Other
 * characters stay in the key, so such a phone is found only by the other
 * keys (a block, not a verdict). Version 9 (the column came then). */
#define ORDO_DK_PDIGITS "replace(replace(replace(replace(replace(replace(trim(phone), ' ', ''), '-', ''),"  \
                        " '.', ''), '(', ''), ')', ''), '/', '')"
#define ORDO_DK_PHONE "(CASE WHEN substr(" ORDO_DK_PDIGITS ", 1, 1) = '+' THEN " ORDO_DK_PDIGITS           \
                      " WHEN substr(" ORDO_DK_PDIGITS ", 1, 2) = '00' THEN '+' || substr(" ORDO_DK_PDIGITS \
                      ", 3) WHEN substr(" ORDO_DK_PDIGITS ", 1, 1) = '0' THEN '+" ORDO_SALES_COUNTRY "' || substr(" \
                      ORDO_DK_PDIGITS ", 2) ELSE '+" ORDO_SALES_COUNTRY "' || " ORDO_DK_PDIGITS " END)"
#define ORDO_STORE_PHONE_INDEX_SQL                                                            \
    "CREATE INDEX IF NOT EXISTS contacts_dedup_phone ON contacts(" ORDO_DK_PHONE ");"

/* Every statement ends with ';' (a script for run_script and migrations). */
#define ORDO_STORE_DEDUP_INDEXES_SQL                                                          \
    "CREATE INDEX IF NOT EXISTS contacts_email_norm ON contacts(" ORDO_DK_EMAIL ");"          \
    "CREATE INDEX IF NOT EXISTS contacts_dedup_lf ON contacts(" ORDO_DK_L4 ", " ORDO_DK_F1 ", "  \
    ORDO_DK_FZ ");"                                                                           \
    "CREATE INDEX IF NOT EXISTS contacts_dedup_lf2 ON contacts(" ORDO_DK_L4 ", " ORDO_DK_F23 ");" \
    "CREATE INDEX IF NOT EXISTS contacts_dedup_fl ON contacts(" ORDO_DK_F3 ", " ORDO_DK_L234 ");" \
    "CREATE INDEX IF NOT EXISTS contacts_dedup_fle ON contacts(" ORDO_DK_F4 ", " ORDO_DK_L1 ", "  \
    ORDO_DK_LZ ");"                                                                           \
    "CREATE INDEX IF NOT EXISTS accounts_dedup_n4 ON accounts(" ORDO_DK_N4 ");"               \
    "CREATE INDEX IF NOT EXISTS accounts_dedup_n234 ON accounts(" ORDO_DK_N234 ");"

/* Contact candidates: ?1 e-mail; each name key as (typed, normalised) pairs:
 * ?2,?3 l[1..4]  ?4,?5 f[1]  ?6,?7 f[2..3]  ?8,?9 f[1..3]  ?10,?11 l[2..4]
 * ?12,?13 f[1..4]  ?14,?15 l[1]  ?16,?17 l[-1]  ?18,?19 f[-1]; ?20 the phone key
 * (NULL: none). Columns: id, '', first, last, account id (its name is read
 * only for rows it may decide), e-mail, phone. */
#define ORDO_DEDUP_CONTACTS_SQL                                                               \
    "SELECT c.id, '', c.first_name, c.last_name, c.account, c.email, c.phone FROM contacts c" \
    " WHERE c.rowid IN ("                                                                     \
    "SELECT rowid FROM contacts WHERE " ORDO_DK_EMAIL " = ?1"                                 \
    " UNION SELECT rowid FROM contacts WHERE " ORDO_DK_PHONE " = ?20"                         \
    " UNION SELECT rowid FROM contacts WHERE " ORDO_DK_L4 " IN (?2, ?3) AND " ORDO_DK_F1      \
    " IN (?4, ?5) AND " ORDO_DK_FZ " IN (?18, ?19)"                                           \
    " UNION SELECT rowid FROM contacts WHERE " ORDO_DK_L4 " IN (?2, ?3) AND " ORDO_DK_F23     \
    " IN (?6, ?7)"                                                                            \
    " UNION SELECT rowid FROM contacts WHERE " ORDO_DK_F3 " IN (?8, ?9) AND " ORDO_DK_L234    \
    " IN (?10, ?11)"                                                                          \
    " UNION SELECT rowid FROM contacts WHERE " ORDO_DK_F4 " IN (?12, ?13) AND " ORDO_DK_L1    \
    " IN (?14, ?15) AND " ORDO_DK_LZ " IN (?16, ?17))"

/* Account candidates: ?1,?2 n[1..4]  ?3,?4 n[2..4]. Columns: id, name. */
#define ORDO_DEDUP_ACCOUNTS_SQL                                                               \
    "SELECT id, name FROM accounts WHERE rowid IN ("                                          \
    "SELECT rowid FROM accounts WHERE " ORDO_DK_N4 " IN (?1, ?2)"                             \
    " UNION SELECT rowid FROM accounts WHERE " ORDO_DK_N234 " IN (?3, ?4))"

#endif
