/* Tests of the azkb command through its binary: exit statuses, help,
 * messages on bad input, the answers of `stats` and `show` on the bundled
 * knowledge base, and `query`, `path` and `timeline` on a small graph.  The
 * binary's path comes from $AZKB (meson). */
#include "azkb-test.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>

static void
test_version(void)
{
  AzkbTestRun run = azkb_test_run_azkb("--version", NULL);

  g_assert_cmpint(run.status, ==, 0);
  g_assert_true(g_str_has_prefix(run.out, "azkb "));
  azkb_test_run_clear(&run);
}

static void
test_no_command(void)
{
  AzkbTestRun run = azkb_test_run_azkb(NULL, NULL);

  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "Usage: azkb COMMAND");
  g_assert_cmpstr(run.out, ==, "");
  azkb_test_run_clear(&run);
}

static void
test_unknown_command(void)
{
  AzkbTestRun run = azkb_test_run_azkb("frobnicate", NULL);

  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "unknown command “frobnicate”");
  azkb_test_run_clear(&run);
}

static void
test_help_matches_option(void)
{
  AzkbTestRun a = azkb_test_run_azkb("help", "show", NULL);
  AzkbTestRun b = azkb_test_run_azkb("show", "--help", NULL);

  g_assert_cmpint(a.status, ==, 0);
  g_assert_cmpint(b.status, ==, 0);
  azkb_test_assert_contains(a.out, "azkb show");
  azkb_test_assert_contains(a.out, "ENTITY");
  g_assert_cmpstr(a.out, ==, b.out);
  azkb_test_run_clear(&a);
  azkb_test_run_clear(&b);
}

static void
test_bad_option(void)
{
  AzkbTestRun run = azkb_test_run_azkb("stats", "--no-such-option", NULL);

  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "azkb stats: ");
  azkb_test_assert_contains(run.err, "--no-such-option");
  azkb_test_run_clear(&run);
}

static void
test_missing_file(void)
{
  AzkbTestRun run =
    azkb_test_run_azkb("stats", "--data", "/nonexistent/kb.ttl", NULL);

  g_assert_cmpint(run.status, ==, 3);
  azkb_test_assert_contains(run.err, "/nonexistent/kb.ttl");
  g_assert_cmpstr(run.out, ==, "");
  azkb_test_run_clear(&run);
}

static void
test_malformed_file(void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir    = azkb_test_tmpdir_new("azkb-cli");
  g_autofree char *path   = g_build_filename(dir, "bad.ttl", NULL);
  AzkbTestRun      run;

  g_file_set_contents(path,
                      "@prefix az: <http://azkb.example/id/> .\n"
                      "az:A az:b az:C .\n"
                      "az:D az:e \"unterminated .\n",
                      -1,
                      &error);
  g_assert_no_error(error);
  run = azkb_test_run_azkb("stats", "--data", path, NULL);
  g_assert_cmpint(run.status, ==, 3);
  /* file:line: — the location of the error, then one message line */
  {
    g_autofree char *located = g_strdup_printf("%s:3", path);
    azkb_test_assert_contains(run.err, located);
  }
  g_assert_cmpstr(run.out, ==, "");
  azkb_test_run_clear(&run);
  azkb_test_tmpdir_remove(dir);
}

static void
test_bad_now(void)
{
  AzkbTestRun run = azkb_test_run_azkb("stats", "--now", "2021-02-29", NULL);

  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "2021-02-29");
  azkb_test_run_clear(&run);
}

/* The first number after @label in @text. */
static guint64
number_after(const char *text, const char *label)
{
  const char *p = strstr(text, label);

  g_assert_nonnull(p);
  return g_ascii_strtoull(p + strlen(label), NULL, 10);
}

static void
test_stats(void)
{
  AzkbTestRun run = azkb_test_run_azkb("stats", NULL);

  g_assert_cmpint(run.status, ==, 0);
  g_assert_cmpuint(number_after(run.out, "Entities: "), >, 50);
  g_assert_cmpuint(number_after(run.out, "Statements: "), >, 50);
  azkb_test_assert_contains(run.out, "Entities by class:");
  azkb_test_assert_contains(run.out, "Statements by relation:");
  azkb_test_assert_contains(run.out, "Statements by source:");
  azkb_test_run_clear(&run);
}

static void
test_show_azerbaijan(void)
{
  AzkbTestRun run = azkb_test_run_azkb("show", "Azerbaijan", NULL);

  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "id:       Azerbaijan");
  /* The two ECOSOC terms are two statements, each with its span. */
  azkb_test_assert_contains(run.out, "2003–2005");
  azkb_test_assert_contains(run.out, "2017–2019");
  azkb_test_assert_contains(run.out, "[P7]");
  /* Sorted by time: admission (1992) comes before the 2003 ECOSOC term. */
  g_assert_true(strstr(run.out, "1992") < strstr(run.out, "2003–2005"));
  azkb_test_run_clear(&run);
}

static void
test_show_case_insensitive(void)
{
  AzkbTestRun a = azkb_test_run_azkb("show", "ecosoc", NULL);
  AzkbTestRun b = azkb_test_run_azkb("show", "ECOSOC", NULL);

  g_assert_cmpint(a.status, ==, 0);
  g_assert_cmpstr(a.out, ==, b.out);
  azkb_test_run_clear(&a);
  azkb_test_run_clear(&b);
}

static void
test_show_unknown(void)
{
  AzkbTestRun run = azkb_test_run_azkb("show", "Azerbijan", NULL);

  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "did you mean");
  azkb_test_assert_contains(run.err, "Azerbaijan");
  g_assert_cmpstr(run.out, ==, "");
  azkb_test_run_clear(&run);
}

static void
test_show_arguments(void)
{
  AzkbTestRun none = azkb_test_run_azkb("show", NULL);
  AzkbTestRun two  = azkb_test_run_azkb("show", "Azerbaijan", "UN", NULL);

  g_assert_cmpint(none.status, ==, 2);
  azkb_test_assert_contains(none.err, "no ENTITY given");
  g_assert_cmpint(two.status, ==, 2);
  azkb_test_run_clear(&none);
  azkb_test_run_clear(&two);
}

/* Every command that `azkb help` lists has its own entry in azkb(1). */
/* The same data read in another order prints the same: show, timeline and
 * path order what they print by content, never by the order statements
 * and labels were read (a SPARQL store answers in an order of its own). */
static void
test_read_order(void)
{
  g_autofree char *dir        = azkb_test_tmpdir_new("azkb-order");
  g_autofree char *nt         = g_build_filename(dir, "kb.nt", NULL);
  g_autofree char *rev        = g_build_filename(dir, "reversed.nt", NULL);
  g_autofree char *text       = NULL;
  g_auto(GStrv) lines         = NULL;
  g_autoptr(GString) reversed = g_string_new(NULL);
  AzkbTestRun run =
    azkb_test_run_azkb("export", "--with-ontology", "-o", nt, NULL);
  static const char *const commands[][5] = {
    { "show", "Azerbaijan", NULL },
    { "show", "--sources", "P7", NULL },
    { "show", "-f", "json", "UN", NULL },
    { "timeline", "Azerbaijan", NULL },
    { "path", "--all-shortest", "Ilham Aliyev", "Non-Aligned Movement", NULL },
    { "source", "8", NULL },
  };

  g_assert_cmpint(run.status, ==, 0);
  azkb_test_run_clear(&run);
  g_assert_true(g_file_get_contents(nt, &text, NULL, NULL));
  lines = g_strsplit(text, "\n", -1);
  for (guint i = g_strv_length(lines); i-- > 0;)
    if (*lines[i] != '\0')
      g_string_append_printf(reversed, "%s\n", lines[i]);
  g_assert_true(g_file_set_contents(rev, reversed->str, -1, NULL));
  for (gsize c = 0; c < G_N_ELEMENTS(commands); c++) {
    const char *const *cmd = commands[c]; /* NULL-terminated */
    AzkbTestRun        a, b;

    a = azkb_test_run_azkb(cmd[0], cmd[1], cmd[2], cmd[3], NULL);
    b = azkb_test_run_azkb(cmd[0], "--data", rev, cmd[1], cmd[2], cmd[3], NULL);
    g_assert_cmpint(a.status, ==, 0);
    g_assert_cmpint(b.status, ==, 0);
    g_assert_cmpstr(a.out, ==, b.out);
    azkb_test_run_clear(&a);
    azkb_test_run_clear(&b);
  }
  azkb_test_tmpdir_remove(dir);
}

static void
test_man_page_lists_commands(void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path =
    g_build_filename(g_getenv("AZKB_BUILD_ROOT"), "doc", "azkb.1", NULL);
  g_autofree char *man = NULL;
  AzkbTestRun      run = azkb_test_run_azkb("help", NULL);
  g_auto(GStrv) lines  = g_strsplit(run.out, "\n", -1);
  guint seen           = 0;

  g_file_get_contents(path, &man, NULL, &error);
  g_assert_no_error(error);
  for (char **l = lines; *l != NULL; l++) {
    g_auto(GStrv) words = NULL;
    g_autofree char *b  = NULL;
    g_autofree char *bi = NULL;

    if (!g_str_has_prefix(*l, "  "))
      continue;
    words = g_strsplit(g_strstrip(*l), " ", 2);
    b     = g_strdup_printf("\n.SS azkb %s ", words[0]);
    bi    = g_strdup_printf("\n.SS azkb %s\n", words[0]);
    if (strstr(man, b) == NULL && strstr(man, bi) == NULL)
      g_error("azkb(1) has no entry for the command “%s”", words[0]);
    seen++;
  }
  g_assert_cmpuint(seen, >=, 2);
  azkb_test_run_clear(&run);
}

/* ---- query, path and timeline on a small graph of their own ---- */

static const char cli_data[] =
  "@prefix az: <http://azkb.example/id/> .\n"
  "@prefix azo: <http://azkb.example/ontology#> .\n"
  "@prefix azs: <http://azkb.example/statement/> .\n"
  "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
  "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
  "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
  "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
  "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
  "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
  "azo:Country a owl:Class .\n"
  "azo:memberOf a owl:ObjectProperty .\n"
  "azo:partOf a owl:ObjectProperty .\n"
  "az:A a azo:Country ; rdfs:label \"Alpha\"@en .\n"
  "az:B rdfs:label \"Beta Body\"@en ; skos:altLabel \"BB\"@en .\n"
  "az:C rdfs:label \"Gamma, Inc.\"@en .\n"
  "az:D rdfs:label \"Delta\"@en .\n"
  "az:P1 rdfs:label \"[P1]\"@en .\n"
  "az:A azo:memberOf az:B .\n"
  "azs:s1 a rdf:Statement ; rdf:subject az:A ; rdf:predicate azo:memberOf ;\n"
  "  rdf:object az:B ; azo:start \"2003\"^^xsd:gYear ;\n"
  "  azo:end \"2005\"^^xsd:gYear ; prov:wasDerivedFrom az:P1 .\n"
  "az:B azo:partOf az:C .\n";

typedef struct {
  char *dir;
  char *data;
} CliFixture;

static void
cli_set_up(CliFixture *f, gconstpointer user_data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;

  f->dir  = azkb_test_tmpdir_new("azkb-query");
  f->data = g_build_filename(f->dir, "kb.ttl", NULL);
  g_assert_true(g_file_set_contents(f->data, cli_data, -1, &error));
}

static void
cli_tear_down(CliFixture *f, gconstpointer user_data G_GNUC_UNUSED)
{
  azkb_test_tmpdir_remove(f->dir);
  g_clear_pointer(&f->data, g_free);
  g_clear_pointer(&f->dir, g_free);
}

/* `azkb COMMAND --data FILE ARGS...` (NULL-terminated). */
static AzkbTestRun
run_azkb(const CliFixture *f, const char *command, ...)
{
  const char *const head[] = { command, "--data", f->data, NULL };
  AzkbTestRun       run;
  va_list           rest;

  va_start(rest, command);
  run = azkb_test_run_azkb_va(head, rest);
  va_end(rest);
  return run;
}

static void
test_cli_table(CliFixture *f, gconstpointer user_data G_GNUC_UNUSED)
{
  AzkbTestRun run = run_azkb(f, "query", "Alpha -memberOf/partOf?-> ?x", NULL);

  g_assert_cmpint(run.status, ==, 0);
  g_assert_cmpstr(run.err, ==, "");
  g_assert_true(g_str_has_prefix(run.out, "?x\n"));
  /* sorted by label; one row per entity */
  azkb_test_assert_contains(run.out, "\nBeta Body\nGamma, Inc.\n");
  azkb_test_assert_contains(run.out, "\nGamma, Inc.\n");
  azkb_test_run_clear(&run);
  run = run_azkb(f, "query", "--ids", "BB -partOf-> ?x", NULL);
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "\nC\n");
  azkb_test_run_clear(&run);
}

static void
test_cli_formats(CliFixture *f, gconstpointer user_data G_GNUC_UNUSED)
{
  g_autoptr(JsonParser) parser = json_parser_new();
  g_autoptr(GError) error      = NULL;
  AzkbTestRun run;
  JsonNode   *root;
  JsonArray  *rows;

  run = run_azkb(f, "query", "-f", "tsv", "?x -memberOf|partOf-> ?y", NULL);
  g_assert_cmpint(run.status, ==, 0);
  g_assert_cmpstr(
    run.out, ==, "?x\t?y\nAlpha\tBeta Body\nBeta Body\tGamma, Inc.\n");
  azkb_test_run_clear(&run);
  run = run_azkb(f, "query", "-f", "csv", "--ids", "B -partOf-> ?y", NULL);
  g_assert_cmpstr(run.out, ==, "y\nC\n");
  azkb_test_run_clear(&run);
  /* RFC 4180: a comma inside a cell is quoted */
  run = run_azkb(f, "query", "-f", "csv", "B -partOf-> ?y", NULL);
  g_assert_cmpstr(run.out, ==, "y\n\"Gamma, Inc.\"\n");
  azkb_test_run_clear(&run);
  run = run_azkb(f, "query", "-f", "json", "A -memberOf-> ?body", NULL);
  g_assert_cmpint(run.status, ==, 0);
  g_assert_true(json_parser_load_from_data(parser, run.out, -1, &error));
  g_assert_no_error(error);
  root = json_parser_get_root(parser);
  rows = json_object_get_array_member(json_node_get_object(root), "rows");
  g_assert_cmpuint(json_array_get_length(rows), ==, 1);
  g_assert_cmpstr(json_object_get_string_member(
                    json_object_get_object_member(
                      json_array_get_object_element(rows, 0), "body"),
                    "label"),
                  ==,
                  "Beta Body");
  azkb_test_run_clear(&run);
  run = run_azkb(f, "query", "--count", "?x -_-> ?y", NULL);
  g_assert_cmpstr(run.out, ==, "2\n");
  azkb_test_run_clear(&run);
  run = run_azkb(f, "query", "A -memberOf-> B", NULL);
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "yes");
  azkb_test_run_clear(&run);
}

static void
test_cli_time(CliFixture *f, gconstpointer user_data G_GNUC_UNUSED)
{
  AzkbTestRun run =
    run_azkb(f, "query", "--at", "2004", "A -memberOf/partOf-> ?x", NULL);

  /* partOf is undated: it matches any time unless --strict-time */
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "Gamma");
  azkb_test_run_clear(&run);
  run = run_azkb(f,
                 "query",
                 "--at",
                 "2004",
                 "--strict-time",
                 "A -memberOf/partOf-> ?x",
                 NULL);
  g_assert_cmpint(run.status, ==, 1);
  g_assert_cmpstr(run.out, ==, "");
  azkb_test_assert_contains(run.err, "no match for “A -memberOf/partOf-> ?x”");
  azkb_test_run_clear(&run);
  run =
    run_azkb(f, "query", "--during", "2005..2006", "A -memberOf-> ?x", NULL);
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_run_clear(&run);
  run = run_azkb(f, "query", "--during", "2006..", "A -memberOf-> ?x", NULL);
  g_assert_cmpint(run.status, ==, 1);
  azkb_test_run_clear(&run);
}

static void
test_cli_errors(CliFixture *f, gconstpointer user_data G_GNUC_UNUSED)
{
  AzkbTestRun run = run_azkb(f, "query", "A -memberOf ?x", NULL);

  /* the pattern, and a caret under column 13 */
  g_assert_cmpint(run.status, ==, 2);
  g_assert_cmpstr(run.out, ==, "");
  azkb_test_assert_contains(run.err, "azkb query: column 13: expected “->”");
  azkb_test_assert_contains(run.err, "\n  A -memberOf ?x\n              ^\n");
  azkb_test_run_clear(&run);
  run = run_azkb(f, "query", "Alpah -memberOf-> ?x", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "did you mean “Alpha”?");
  azkb_test_run_clear(&run);
  run = run_azkb(f, "query", "A -membrOf-> ?x", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "column 4: no relation “membrOf”");
  azkb_test_run_clear(&run);
  run =
    run_azkb(f, "query", "--at", "2004", "--during", "2003..2005", "A", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "--at or --during, not both");
  azkb_test_run_clear(&run);
  /* --at takes an interval too (as --during), but a real one. */
  run = run_azkb(f, "query", "--at", "2005..2004", "A -memberOf-> ?x", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "--at: ");
  azkb_test_run_clear(&run);
  run = run_azkb(f, "query", "--format", "xml", "A", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "unknown format “xml”");
  azkb_test_run_clear(&run);
  run = run_azkb(f, "query", "--sparql", "A -memberOf+@2004-> ?x", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err,
                            "SPARQL 1.1 cannot test the time of each hop");
  azkb_test_run_clear(&run);
  run = run_azkb(f, "query", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "no PATTERN given");
  azkb_test_run_clear(&run);
  /* a control character is named, never echoed raw (fuzz finding
   * query-control-char-in-quoted-name) */
  run = run_azkb(f, "query", "\"Al\002pha\" -memberOf-> ?x", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(
    run.err, "column 4: a name cannot hold the control character U+0002");
  g_assert_null(strchr(run.err, '\002'));
  g_assert_cmpstr(strchr(run.err, '\n'), ==, "\n"); /* one line */
  azkb_test_run_clear(&run);
}

static void
test_cli_help(CliFixture *f, gconstpointer user_data G_GNUC_UNUSED)
{
  AzkbTestRun run = run_azkb(f, "query", "--help", NULL);

  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "pattern  = node , { step , node } ;");
  azkb_test_assert_contains(run.out, "an unknown end does not");
  azkb_test_run_clear(&run);
  run = run_azkb(f, "query", "--explain", "A -memberOf+-> ?x", NULL);
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "state 1 (accept): memberOf → 1");
  azkb_test_run_clear(&run);
  run =
    run_azkb(f, "query", "--sparql", "--limit", "5", "A -memberOf+-> ?x", NULL);
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "az:A azo:memberOf+ ?x .");
  azkb_test_assert_contains(run.out, "\nLIMIT 5\n");
  azkb_test_run_clear(&run);
  /* --count counts in SPARQL too, at most --limit rows, in no order */
  run = run_azkb(f,
                 "query",
                 "--sparql",
                 "--count",
                 "--limit",
                 "5",
                 "A -memberOf+-> ?x",
                 NULL);
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "SELECT (COUNT(*) AS ?count) WHERE {\n");
  azkb_test_assert_contains(run.out, "SELECT DISTINCT ?x WHERE {\n");
  azkb_test_assert_contains(run.out, "}\nLIMIT 5\n}\n");
  g_assert_null(strstr(run.out, "ORDER BY"));
  azkb_test_run_clear(&run);
}

/* The first @n lines of @text, each with its line end.  (transfer full) */
static char *
first_lines(const char *text, guint n)
{
  const char *p = text;

  for (guint i = 0; i < n && p != NULL; i++) {
    p = strchr(p, '\n');
    if (p != NULL)
      p++;
  }
  return p != NULL ? g_strndup(text, (gsize)(p - text)) : g_strdup(text);
}

/* --limit N prints the first N rows of the listing without it, in every
 * format: the rows are cut after the printed order (labels), not before
 * (ids: A, B, C, D sort Alpha, Beta Body, Gamma, Inc., Delta). */
static void
test_cli_limit(CliFixture *f, gconstpointer user_data G_GNUC_UNUSED)
{
  static const struct {
    const char *format;
    guint       header_lines;
  } cases[] = { { "table", 2 }, { "tsv", 1 }, { "csv", 1 } };

  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    AzkbTestRun all =
      run_azkb(f, "query", "--format", cases[i].format, "?x", NULL);
    AzkbTestRun some = run_azkb(
      f, "query", "--format", cases[i].format, "--limit", "3", "?x", NULL);
    g_autofree char *want = first_lines(all.out, cases[i].header_lines + 3);

    g_assert_cmpint(all.status, ==, 0);
    g_assert_cmpint(some.status, ==, 0);
    g_assert_cmpstr(want, !=, all.out); /* the limit cuts something */
    if (strcmp(cases[i].format, "table") != 0)
      g_assert_cmpstr(some.out, ==, want);
    else { /* the table's widths follow the rows shown */
      azkb_test_assert_contains(some.out, "Delta");
      g_assert_null(strstr(some.out, "Gamma"));
    }
    azkb_test_run_clear(&all);
    azkb_test_run_clear(&some);
  }
  {
    AzkbTestRun run =
      run_azkb(f, "query", "--count", "--limit", "3", "?x", NULL);

    g_assert_cmpint(run.status, ==, 0);
    g_assert_cmpstr(run.out, ==, "3\n");
    azkb_test_run_clear(&run);
  }
}

static void
test_cli_path(CliFixture *f, gconstpointer user_data G_GNUC_UNUSED)
{
  AzkbTestRun run = run_azkb(f, "path", "C", "Alpha", NULL);

  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "Gamma, Inc. → Alpha, 2 hops:\n");
  azkb_test_assert_contains(
    run.out, "1. Gamma, Inc. <-partOf- Beta Body\n     undated\n");
  azkb_test_assert_contains(
    run.out, "2. Beta Body <-memberOf- Alpha\n     2003–2005  [P1]\n");
  azkb_test_run_clear(&run);
  run = run_azkb(f, "path", "--at", "2010", "--strict-time", "C", "A", NULL);
  g_assert_cmpint(run.status, ==, 1);
  azkb_test_assert_contains(run.err, "no connection from Gamma, Inc. to Alpha");
  azkb_test_run_clear(&run);
  run = run_azkb(f, "path", "A", "D", NULL);
  g_assert_cmpint(run.status, ==, 1);
  azkb_test_run_clear(&run);
  run = run_azkb(f, "path", "A", "Alpha", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "are the same entity");
  azkb_test_run_clear(&run);
  run = run_azkb(f, "path", "--via", "memberOf/", "A", "B", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "--via: column 10: ");
  azkb_test_run_clear(&run);
}

static void
test_cli_timeline(CliFixture *f, gconstpointer user_data G_GNUC_UNUSED)
{
  AzkbTestRun run = run_azkb(f, "timeline", "--no-chart", "A", NULL);

  g_assert_cmpint(run.status, ==, 0);
  g_assert_cmpstr(run.out, ==, "2003–2005\t→ memberOf\tBeta Body\t[P1]\n");
  azkb_test_run_clear(&run);
  run = run_azkb(f, "timeline", "--chart", "B", NULL);
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "2003");
  azkb_test_assert_contains(run.out, "█");
  azkb_test_assert_contains(run.out, "← memberOf Alpha  [P1]");
  azkb_test_run_clear(&run);
  run = run_azkb(f, "timeline", "C", NULL);
  g_assert_cmpint(run.status, ==, 1);
  azkb_test_assert_contains(run.err, "has no dated statements");
  azkb_test_run_clear(&run);
  run = run_azkb(f, "timeline", "--from", "2006", "A", NULL);
  g_assert_cmpint(run.status, ==, 1);
  azkb_test_run_clear(&run);
}

/* With G_MESSAGES_DEBUG=all the load logs its phases (g_debug): every
 * such line goes to stderr, and stdout holds the answer alone, byte for
 * byte the one without them. */
static void
test_cli_debug_to_stderr(CliFixture *f, gconstpointer user_data G_GNUC_UNUSED)
{
  g_auto(GStrv) env =
    g_environ_setenv(g_get_environ(), "G_MESSAGES_DEBUG", "all", TRUE);
  g_auto(GStrv) plain = g_environ_unsetenv(g_get_environ(), "G_MESSAGES_DEBUG");
  const char *formats[] = { "csv", "tsv", "json", "table" };
  const char *azkb      = g_getenv("AZKB");

  g_assert_nonnull(azkb);
  for (gsize i = 0; i < G_N_ELEMENTS(formats); i++) {
    const char *argv[] = { azkb,
                           "query",
                           "--data",
                           f->data,
                           "-f",
                           formats[i],
                           "?x -memberOf|partOf-> ?y",
                           NULL };
    AzkbTestRun quiet =
      azkb_test_run_argv_in(NULL, argv, (const char *const *)plain);
    AzkbTestRun chatty =
      azkb_test_run_argv_in(NULL, argv, (const char *const *)env);

    g_assert_cmpint(quiet.status, ==, 0);
    g_assert_cmpint(chatty.status, ==, 0);
    g_assert_cmpstr(quiet.err, ==, "");
    /* the debug lines were written, to stderr */
    azkb_test_assert_contains(chatty.err, "azkb-DEBUG");
    azkb_test_assert_contains(chatty.err, "import: ");
    g_assert_cmpstr(chatty.out, ==, quiet.out);
    azkb_test_run_clear(&quiet);
    azkb_test_run_clear(&chatty);
  }
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/cli/version", test_version);
  g_test_add_func("/cli/usage/no-command", test_no_command);
  g_test_add_func("/cli/usage/unknown-command", test_unknown_command);
  g_test_add_func("/cli/usage/help-matches-option", test_help_matches_option);
  g_test_add_func("/cli/usage/bad-option", test_bad_option);
  g_test_add_func("/cli/data/missing-file", test_missing_file);
  g_test_add_func("/cli/data/malformed-file", test_malformed_file);
  g_test_add_func("/cli/data/bad-now", test_bad_now);
  g_test_add_func("/cli/stats", test_stats);
  g_test_add_func("/cli/show/azerbaijan", test_show_azerbaijan);
  g_test_add_func("/cli/show/case-insensitive", test_show_case_insensitive);
  g_test_add_func("/cli/show/unknown", test_show_unknown);
  g_test_add_func("/cli/show/arguments", test_show_arguments);
  g_test_add_func("/cli/show/read-order", test_read_order);
  g_test_add_func("/cli/man-page/lists-commands", test_man_page_lists_commands);
  g_test_add("/cli/query/table",
             CliFixture,
             NULL,
             cli_set_up,
             test_cli_table,
             cli_tear_down);
  g_test_add("/cli/query/formats",
             CliFixture,
             NULL,
             cli_set_up,
             test_cli_formats,
             cli_tear_down);
  g_test_add("/cli/query/time",
             CliFixture,
             NULL,
             cli_set_up,
             test_cli_time,
             cli_tear_down);
  g_test_add("/cli/query/errors",
             CliFixture,
             NULL,
             cli_set_up,
             test_cli_errors,
             cli_tear_down);
  g_test_add("/cli/query/help",
             CliFixture,
             NULL,
             cli_set_up,
             test_cli_help,
             cli_tear_down);
  g_test_add("/cli/query/limit",
             CliFixture,
             NULL,
             cli_set_up,
             test_cli_limit,
             cli_tear_down);
  g_test_add(
    "/cli/path", CliFixture, NULL, cli_set_up, test_cli_path, cli_tear_down);
  g_test_add("/cli/timeline",
             CliFixture,
             NULL,
             cli_set_up,
             test_cli_timeline,
             cli_tear_down);
  g_test_add("/cli/log/debug-to-stderr",
             CliFixture,
             NULL,
             cli_set_up,
             test_cli_debug_to_stderr,
             cli_tear_down);
  return g_test_run();
}
