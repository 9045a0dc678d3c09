/*
 * test_csv.c — the RFC 4180 reader: quoting, line ends, BOM, physical line
 * numbers of records, and the errors for malformed input.
 */
#include "check.h"
#include "io/csv.h"

#include <errno.h>
#include <sys/stat.h>

/* Reads every record of `text` into "cell|cell\n" lines (with "@LINE " in
 * front of each), so a test compares the whole parse at once. Returns the
 * reader's final code (0 = clean end). */
static int parse_all(const char *text, char *out, size_t outsz, ordo_err *err)
{
    ordo_csv *c = NULL;
    int rc = ordo_csv_open_buffer(&c, "t.csv", text, strlen(text), err);
    size_t n = 0;
    out[0] = '\0';
    while (rc == ORDO_OK && (rc = ordo_csv_next(c, err)) == 1) {
        n += (size_t)snprintf(out + n, outsz - n, "@%d ", ordo_csv_line(c));
        for (int i = 0; i < ordo_csv_ncells(c); i++)
            n += (size_t)snprintf(out + n, outsz - n, "%s%s", i ? "|" : "", ordo_csv_cell(c, i));
        n += (size_t)snprintf(out + n, outsz - n, "\n");
        rc = ORDO_OK;
    }
    ordo_csv_free(c);
    return rc;
}

static void test_csv__plain_rows_and_lines(void)
{
    char out[512];
    ordo_err err = { 0 };
    CHECK_EQ(parse_all("id,name\na,Alpha\nb,Beta\n", out, sizeof out, &err), 0);
    CHECK_STR(out, "@1 id|name\n@2 a|Alpha\n@3 b|Beta\n");
    /* no line break after the last record */
    CHECK_EQ(parse_all("id,name\na,Alpha", out, sizeof out, &err), 0);
    CHECK_STR(out, "@1 id|name\n@2 a|Alpha\n");
}

static void test_csv__quoting(void)
{
    char out[512];
    ordo_err err = { 0 };
    CHECK_EQ(parse_all("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"\"\n", out, sizeof out, &err), 0);
    CHECK_STR(out, "@1 a|b|c\n@2 x, y|say \"hi\"|\n");
    /* a quoted cell alone, at the end of the input without a line break */
    CHECK_EQ(parse_all("a\n\"q\"", out, sizeof out, &err), 0);
    CHECK_STR(out, "@1 a\n@2 q\n");
}

static void test_csv__cells_not_trimmed_and_empty(void)
{
    char out[512];
    ordo_err err = { 0 };
    CHECK_EQ(parse_all("a,b,c\n a , b,\n\n,,\n", out, sizeof out, &err), 0);
    CHECK_STR(out, "@1 a|b|c\n@2  a | b|\n@3 \n@4 ||\n");
}

static void test_csv__crlf_and_lone_cr(void)
{
    char out[512];
    ordo_err err = { 0 };
    CHECK_EQ(parse_all("id,name\r\na,Alpha\r\nb,Beta\r\n", out, sizeof out, &err), 0);
    CHECK_STR(out, "@1 id|name\n@2 a|Alpha\n@3 b|Beta\n");
    CHECK_EQ(parse_all("id\ra\rb", out, sizeof out, &err), 0);
    CHECK_STR(out, "@1 id\n@2 a\n@3 b\n");
}

static void test_csv__bom_is_skipped(void)
{
    char out[512];
    ordo_err err = { 0 };
    CHECK_EQ(parse_all("\xEF\xBB\xBFid,name\r\na,\xC3\xA9t\xC3\xA9\r\n", out, sizeof out, &err), 0);
    CHECK_STR(out, "@1 id|name\n@2 a|\xC3\xA9t\xC3\xA9\n");
}

static void test_csv__embedded_newlines_count_lines(void)
{
    char out[512];
    ordo_err err = { 0 };
    /* record 2 spans lines 2-4 (LF and CRLF inside quotes, kept as written) */
    CHECK_EQ(parse_all("id,note\na,\"one\ntwo\r\nthree\"\nb,x\n", out, sizeof out, &err), 0);
    CHECK_STR(out, "@1 id|note\n@2 a|one\ntwo\r\nthree\n@5 b|x\n");
}

static void test_csv__unterminated_quote(void)
{
    char out[512];
    ordo_err err = { 0 };
    CHECK_EQ(parse_all("id,name\na,ok\nb,\"never\nclosed\n", out, sizeof out, &err), ORDO_EINPUT);
    CHECK_STR(err.msg, "t.csv:3: name: quoted cell is never closed (missing '\"')");
}

static void test_csv__quote_inside_unquoted_cell(void)
{
    char out[512];
    ordo_err err = { 0 };
    CHECK_EQ(parse_all("id,name\r\na,\"x\r\ny\"\r\nb,12\" screen\r\n", out, sizeof out, &err), ORDO_EINPUT);
    CHECK_CONTAINS(err.msg, "t.csv:4: name: quote inside an unquoted cell");
    /* the records before the error were read */
    CHECK_STR(out, "@1 id|name\n@2 a|x\r\ny\n");
}

static void test_csv__text_after_closing_quote(void)
{
    char out[512];
    ordo_err err = { 0 };
    CHECK_EQ(parse_all("id,name,x\na,\"b\"c,d\n", out, sizeof out, &err), ORDO_EINPUT);
    CHECK_STR(err.msg, "t.csv:2: name: text after the closing quote of a quoted cell");
    /* beyond the header's width the column is named by position */
    CHECK_EQ(parse_all("id\na,\"b\"c\n", out, sizeof out, &err), ORDO_EINPUT);
    CHECK_STR(err.msg, "t.csv:2: cell 2: text after the closing quote of a quoted cell");
}

static void test_csv__invalid_utf8_and_nul(void)
{
    char out[512];
    ordo_err err = { 0 };
    CHECK_EQ(parse_all("id,name\na,caf\xE9\n", out, sizeof out, &err), ORDO_EINPUT);
    CHECK_STR(err.msg, "t.csv:2: name: not valid UTF-8 (byte 0xE9); save the file as UTF-8");
    CHECK_EQ(parse_all("id,name\na,\xC0\xAF\n", out, sizeof out, &err), ORDO_EINPUT);  /* overlong */
    CHECK_CONTAINS(err.msg, "t.csv:2: name: not valid UTF-8 (byte 0xC0)");
    CHECK_EQ(parse_all("id,name\na,\xED\xA0\x80\n", out, sizeof out, &err), ORDO_EINPUT); /* surrogate */
    CHECK_CONTAINS(err.msg, "t.csv:2: name: not valid UTF-8");
    CHECK_EQ(parse_all("id,name\na,\xE2\x82\n", out, sizeof out, &err), ORDO_EINPUT);    /* truncated */
    CHECK_CONTAINS(err.msg, "t.csv:2: name: not valid UTF-8");
    CHECK_EQ(parse_all("id,name\na,\xF0\x9F\x98\x80 \xE2\x82\xAC\n", out, sizeof out, &err), 0);

    ordo_csv *c = NULL;
    CHECK_EQ(ordo_csv_open_buffer(&c, "n.csv", "id\nx\0y\n", 7, &err), ORDO_OK);
    CHECK_EQ(ordo_csv_next(c, &err), 1);
    CHECK_EQ(ordo_csv_next(c, &err), ORDO_EINPUT);
    CHECK_STR(err.msg, "n.csv:2: id: NUL byte in the cell");
    CHECK_EQ(ordo_csv_next(c, &err), 0);   /* stays at the end after an error */
    ordo_csv_free(c);
}

static void test_csv__accessors(void)
{
    ordo_err err = { 0 };
    ordo_csv *c = NULL;
    CHECK_EQ(ordo_csv_open_buffer(&c, "acc.csv", "a,b\n1,2\n", 8, &err), ORDO_OK);
    CHECK_STR(ordo_csv_name(c), "acc.csv");
    CHECK(ordo_csv_header(c, 0) == NULL);
    CHECK_EQ(ordo_csv_next(c, &err), 1);
    CHECK_EQ(ordo_csv_next(c, &err), 1);
    CHECK_STR(ordo_csv_header(c, 1), "b");
    CHECK(ordo_csv_header(c, 2) == NULL);
    CHECK(ordo_csv_cell(c, 2) == NULL);
    CHECK(ordo_csv_cell(c, -1) == NULL);
    CHECK_EQ(ordo_csv_next(c, &err), 0);
    CHECK_EQ(ordo_csv_next(c, &err), 0);
    ordo_csv_free(c);
    ordo_csv_free(NULL);
}

static void test_csv__open_file(void)
{
    const char *tmp = check_env("ORDO_TMP", "/tmp");
    char path[1024];
    ordo_err err = { 0 };
    ordo_csv *c = NULL;
    mkdir(tmp, 0777);
    snprintf(path, sizeof path, "%s/test_csv_open.csv", tmp);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    /* bigger than one read chunk, to cover the growing buffer */
    fputs("id,text\r\n", f);
    for (int i = 0; i < 5000; i++)
        fprintf(f, "r%d,\"line %d, with a comma\"\r\n", i, i);
    fclose(f);
    CHECK_EQ(ordo_csv_open(&c, path, &err), ORDO_OK);
    CHECK_STR(ordo_csv_name(c), "test_csv_open.csv");
    int rows = 0, last_line = 0;
    while (ordo_csv_next(c, &err) == 1) {
        rows++;
        last_line = ordo_csv_line(c);
    }
    CHECK_EQ(rows, 5001);
    CHECK_EQ(last_line, 5001);
    ordo_csv_free(c);
    remove(path);

    snprintf(path, sizeof path, "%s/test_csv_absent.csv", tmp);
    CHECK_EQ(ordo_csv_open(&c, path, &err), ORDO_ENOTFOUND);
    CHECK(c == NULL);
    CHECK_CONTAINS(err.msg, "test_csv_absent.csv: cannot open");
}

int main(void)
{
    RUN(test_csv__plain_rows_and_lines);
    RUN(test_csv__quoting);
    RUN(test_csv__cells_not_trimmed_and_empty);
    RUN(test_csv__crlf_and_lone_cr);
    RUN(test_csv__bom_is_skipped);
    RUN(test_csv__embedded_newlines_count_lines);
    RUN(test_csv__unterminated_quote);
    RUN(test_csv__quote_inside_unquoted_cell);
    RUN(test_csv__text_after_closing_quote);
    RUN(test_csv__invalid_utf8_and_nul);
    RUN(test_csv__accessors);
    RUN(test_csv__open_file);
    return CHECK_DONE();
}
