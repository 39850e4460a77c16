/* Tests of the azkb command line as a whole, through its binary: the user's
 * own files beside the bundled knowledge base (--add), foreign vocabularies
 * (<IRI> and prefixed names), JSON from every command, options that mean
 * the same everywhere and errors a person can act on.  The binary's path
 * comes from $AZKB (meson). */
#include "azkb-test.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* The example of doc/guide.md, "Adding your own facts". */
static char *
own_facts(void)
{
  return g_build_filename(
    g_getenv("AZKB_SOURCE_ROOT"), "examples", "own-facts.ttl", NULL);
}

static void
test_add_beside_bundled(void)
{
  g_autofree char *file  = own_facts();
  AzkbTestRun      check = azkb_test_run_azkb("check", "--add", file, NULL);
  AzkbTestRun      path  = azkb_test_run_azkb(
    "path", "--add", file, "antonio guterres", "Azerbaijan", NULL);

  g_assert_cmpint(check.status, ==, 0);
  azkb_test_assert_contains(check.out, "no problems");
  /* Only a store holding both files connects the new person to
   * Azerbaijan: through the bundled UN. */
  g_assert_cmpint(path.status, ==, 0);
  azkb_test_assert_contains(path.out, "-holdsOffice-> Secretary-General");
  azkb_test_assert_contains(path.out, "[SGBiography-P1]");
  azkb_test_assert_contains(path.out, "<-admittedTo- Azerbaijan");
  azkb_test_run_clear(&check);
  azkb_test_run_clear(&path);
}

static void
test_add_after_data(void)
{
  g_autofree char *file = own_facts();
  g_autofree char *onto = g_build_filename(
    g_getenv("AZKB_SOURCE_ROOT"), "ontology", "azkb.ttl", NULL);
  AzkbTestRun run =
    azkb_test_run_azkb("stats", "--data", onto, "--add", file, NULL);

  /* --data replaced the bundled data: only the example's entities. */
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "Entities: 5 ");
  azkb_test_run_clear(&run);
}

static void
test_add_bad_file(void)
{
  AzkbTestRun run =
    azkb_test_run_azkb("show", "--add", "/nonexistent/mine.ttl", "UN", NULL);

  g_assert_cmpint(run.status, ==, 3);
  azkb_test_assert_contains(run.err, "/nonexistent/mine.ttl");
  g_assert_cmpstr(run.out, ==, "");
  azkb_test_run_clear(&run);
}

/* "-" twice would read standard input once and load nothing the second
 * time: a usage error before anything loads. */
static void
test_add_stdin_twice(void)
{
  AzkbTestRun run = azkb_test_run_azkb(
    "stats", "--data", "-", "--add", "-", "-i", "ntriples", NULL);

  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "standard input (-) is named 2 times");
  g_assert_cmpstr(run.out, ==, "");
  azkb_test_run_clear(&run);
}

/* A name not found without the bundled knowledge base says why. */
static void
test_not_found_without_bundled(void)
{
  g_autofree char *file = own_facts();
  AzkbTestRun      show =
    azkb_test_run_azkb("show", "--data", file, "Azerbaijan", NULL);
  AzkbTestRun bundled = azkb_test_run_azkb("show", "Azerbijan", NULL);

  g_assert_cmpint(show.status, ==, 2);
  azkb_test_assert_contains(show.err, "no entity “Azerbaijan”");
  azkb_test_assert_contains(show.err, "bundled knowledge base is not loaded");
  g_assert_cmpint(bundled.status, ==, 2);
  g_assert_null(strstr(bundled.err, "not loaded"));
  azkb_test_run_clear(&show);
  azkb_test_run_clear(&bundled);
}

/* ---- foreign vocabularies ---- */

static char *
foreign(const char *name)
{
  return g_test_build_filename(G_TEST_DIST, "data", "foreign", name, NULL);
}

static void
test_prefixed_names(void)
{
  g_autofree char *ttl = foreign("people.ttl");
  AzkbTestRun      run = azkb_test_run_azkb("query",
                                       "--data",
                                       ttl,
                                       "--format",
                                       "tsv",
                                       "ex:Alice -rel:knows+-> ?x",
                                       NULL);

  /* The file's own prefixes name its terms. */
  g_assert_cmpint(run.status, ==, 0);
  g_assert_cmpstr(run.out,
                  ==,
                  "?x\n<http://example.org/people/Bob>\n"
                  "<http://example.org/people/Carol>\n");
  azkb_test_run_clear(&run);
}

static void
test_iri_terms(void)
{
  g_autofree char *ttl     = foreign("people.ttl");
  AzkbTestRun      run     = azkb_test_run_azkb("query",
                                       "--data",
                                       ttl,
                                       "--count",
                                       "<http://example.org/people/Alice> "
                                                "-<http://example.org/rel#knows>-> ?x",
                                       NULL);
  AzkbTestRun      bundled = azkb_test_run_azkb(
    "query",
    "--count",
    "<http://azkb.example/id/Azerbaijan> -azo:electedTo@2019-> ?x",
    NULL);
  AzkbTestRun plain = azkb_test_run_azkb(
    "query", "--count", "Azerbaijan -electedTo@2019-> ?x", NULL);
  AzkbTestRun open = azkb_test_run_azkb(
    "query", "--data", ttl, "<http://example.org/people/Alice -_-> ?x", NULL);

  g_assert_cmpint(run.status, ==, 0);
  g_assert_cmpstr(run.out, ==, "1\n");
  /* An IRI under the base and a prefixed relation, on the bundled data. */
  g_assert_cmpint(bundled.status, ==, 0);
  g_assert_cmpstr(bundled.out, ==, plain.out);
  g_assert_cmpstr(bundled.out, !=, "0\n");
  g_assert_cmpint(open.status, ==, 2);
  azkb_test_assert_contains(open.err, "column 1: this IRI has no closing");
  azkb_test_run_clear(&run);
  azkb_test_run_clear(&bundled);
  azkb_test_run_clear(&plain);
  azkb_test_run_clear(&open);
}

static void
test_prefix_option(void)
{
  g_autofree char *nt  = foreign("people.nt");
  AzkbTestRun      run = azkb_test_run_azkb("show",
                                       "--data",
                                       nt,
                                       "--prefix",
                                       "p=http://example.org/people/",
                                       "p:Bob",
                                       NULL);
  AzkbTestRun      bad =
    azkb_test_run_azkb("show", "--prefix", "nonsense", "UN", NULL);

  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out,
                            "id:       <http://example.org/people/Bob>");
  g_assert_cmpint(bad.status, ==, 2);
  azkb_test_assert_contains(bad.err, "--prefix: expected P=IRI");
  azkb_test_run_clear(&run);
  azkb_test_run_clear(&bad);
}

/* A suggestion is a name that parses: the prefixed form of an IRI, which
 * then answers. */
static void
test_suggestion_parses(void)
{
  g_autofree char *ttl = foreign("people.ttl");
  AzkbTestRun      run =
    azkb_test_run_azkb("query", "--data", ttl, "ex:Alice -knows-> ?x", NULL);
  AzkbTestRun again = azkb_test_run_azkb(
    "query", "--data", ttl, "--count", "ex:Alice -rel:knows-> ?x", NULL);

  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "did you mean “rel:knows”?");
  g_assert_cmpint(again.status, ==, 0);
  g_assert_cmpstr(again.out, ==, "1\n");
  azkb_test_run_clear(&run);
  azkb_test_run_clear(&again);
}

/* ---- JSON ---- */

/* Parse @text as one JSON object with "columns" and "rows"; returns the
 * number of rows. */
static guint
json_rows(const char *text, JsonObject **out_object, JsonParser **out_parser)
{
  g_autoptr(GError) error = NULL;
  JsonParser *parser      = json_parser_new();
  JsonObject *obj;

  json_parser_load_from_data(parser, text, -1, &error);
  g_assert_no_error(error);
  g_assert_true(JSON_NODE_HOLDS_OBJECT(json_parser_get_root(parser)));
  obj = json_node_get_object(json_parser_get_root(parser));
  g_assert_true(json_object_has_member(obj, "columns"));
  g_assert_true(json_object_has_member(obj, "rows"));
  *out_object = obj;
  *out_parser = parser;
  return json_array_get_length(json_object_get_array_member(obj, "rows"));
}

static void
test_json_show(void)
{
  AzkbTestRun run = azkb_test_run_azkb("show", "--format", "JSON", "CMW", NULL);
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *obj, *row;

  g_assert_cmpint(run.status, ==, 0);
  g_assert_cmpuint(json_rows(run.out, &obj, &parser), ==, 3);
  g_assert_cmpstr(json_object_get_string_member(
                    json_object_get_object_member(obj, "entity"), "id"),
                  ==,
                  "CMW");
  row =
    json_array_get_object_element(json_object_get_array_member(obj, "rows"), 0);
  g_assert_cmpstr(json_object_get_string_member(row, "time"), ==, "2018..2021");
  g_assert_cmpstr(json_object_get_string_member(row, "direction"), ==, "in");
  g_assert_cmpstr(
    json_object_get_string_member(row, "relation"), ==, "electedTo");
  azkb_test_run_clear(&run);
}

static void
test_json_stats_check(void)
{
  AzkbTestRun stats        = azkb_test_run_azkb("stats", "-f", "json", NULL);
  AzkbTestRun check        = azkb_test_run_azkb("check", "-f", "json", NULL);
  g_autoptr(JsonParser) p1 = NULL;
  g_autoptr(JsonParser) p2 = NULL;
  JsonObject *obj;

  g_assert_cmpint(stats.status, ==, 0);
  g_assert_cmpuint(json_rows(stats.out, &obj, &p1), >, 10);
  g_assert_cmpint(json_object_get_int_member(obj, "entities"), >, 50);
  g_assert_cmpint(check.status, ==, 0);
  /* No problems: still one document, with no rows. */
  g_assert_cmpuint(json_rows(check.out, &obj, &p2), ==, 0);
  g_assert_cmpint(json_object_get_int_member(obj, "problems"), ==, 0);
  azkb_test_run_clear(&stats);
  azkb_test_run_clear(&check);
}

static void
test_json_path_timeline(void)
{
  AzkbTestRun path =
    azkb_test_run_azkb("path", "-f", "json", "Heydar Aliyev", "UNESCO", NULL);
  AzkbTestRun none = azkb_test_run_azkb(
    "path", "-f", "json", "--max-hops", "1", "CMW", "UNICEF", NULL);
  AzkbTestRun tl =
    azkb_test_run_azkb("timeline", "-f", "json", "--at", "2030", "CMW", NULL);
  g_autoptr(JsonParser) p1 = NULL;
  g_autoptr(JsonParser) p2 = NULL;
  g_autoptr(JsonParser) p3 = NULL;
  JsonObject *obj;

  g_assert_cmpint(path.status, ==, 0);
  g_assert_cmpuint(json_rows(path.out, &obj, &p1), ==, 4);
  /* Nothing found: exit 1, and still one document with no rows. */
  g_assert_cmpint(none.status, ==, 1);
  g_assert_cmpuint(json_rows(none.out, &obj, &p2), ==, 0);
  g_assert_cmpint(tl.status, ==, 1);
  g_assert_cmpuint(json_rows(tl.out, &obj, &p3), ==, 0);
  azkb_test_run_clear(&path);
  azkb_test_run_clear(&none);
  azkb_test_run_clear(&tl);
}

/* A query with nothing to answer still prints one document; a yes/no
 * question answers in every format. */
static void
test_json_query_no_match(void)
{
  AzkbTestRun none = azkb_test_run_azkb(
    "query", "-f", "JSON", "Azerbaijan -presided@1900-> ?b", NULL);
  AzkbTestRun no = azkb_test_run_azkb(
    "query", "-f", "json", "Azerbaijan -memberOf@1991-> UN", NULL);
  AzkbTestRun yes = azkb_test_run_azkb(
    "query", "-f", "json", "Azerbaijan -memberOf@1992-> UN", NULL);
  AzkbTestRun tsv = azkb_test_run_azkb(
    "query", "-f", "tsv", "Azerbaijan -memberOf@1991-> UN", NULL);
  g_autoptr(JsonParser) p1 = NULL;
  g_autoptr(JsonParser) p2 = NULL;
  g_autoptr(JsonParser) p3 = NULL;
  JsonObject *obj;

  g_assert_cmpint(none.status, ==, 1);
  g_assert_cmpuint(json_rows(none.out, &obj, &p1), ==, 0);
  g_assert_cmpuint(
    json_array_get_length(json_object_get_array_member(obj, "columns")), ==, 1);
  g_assert_cmpint(no.status, ==, 1);
  g_assert_cmpuint(json_rows(no.out, &obj, &p2), ==, 0);
  g_assert_cmpint(yes.status, ==, 0);
  g_assert_cmpuint(json_rows(yes.out, &obj, &p3), ==, 1);
  g_assert_cmpint(tsv.status, ==, 1);
  g_assert_cmpstr(tsv.out, ==, "false\n");
  azkb_test_run_clear(&none);
  azkb_test_run_clear(&no);
  azkb_test_run_clear(&yes);
  azkb_test_run_clear(&tsv);
}

static void
test_json_bad_format(void)
{
  AzkbTestRun run = azkb_test_run_azkb("stats", "--format", "yaml", NULL);

  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "unknown format “yaml” (text or json)");
  azkb_test_run_clear(&run);
}

/* ---- time options ---- */

static void
test_timeline_time_options(void)
{
  AzkbTestRun at = azkb_test_run_azkb(
    "timeline", "--no-chart", "--at", "2012..2013", "Security Council", NULL);
  AzkbTestRun from = azkb_test_run_azkb("timeline",
                                        "--no-chart",
                                        "--from",
                                        "2012",
                                        "--to",
                                        "2013",
                                        "Security Council",
                                        NULL);
  AzkbTestRun both = azkb_test_run_azkb(
    "timeline", "--at", "2012", "--from", "2012", "UNSC", NULL);

  g_assert_cmpint(at.status, ==, 0);
  g_assert_cmpstr(at.out, ==, from.out);
  azkb_test_assert_contains(at.out, "4 May 2012");
  g_assert_cmpint(both.status, ==, 2);
  azkb_test_run_clear(&at);
  azkb_test_run_clear(&from);
  azkb_test_run_clear(&both);
}

/* ---- output files ---- */

static void
test_output_stdout(void)
{
  g_autofree char *dir  = azkb_test_tmpdir_new("azkb-cliopts");
  g_autofree char *file = g_build_filename(dir, "kb.azs", NULL);
  g_autofree char *disk = NULL;
  gsize            len  = 0;
  AzkbTestRun      pipe = azkb_test_run_azkb("snapshot", "-o", "-", NULL);
  AzkbTestRun      save = azkb_test_run_azkb("snapshot", "-o", file, NULL);
  AzkbTestRun      png  = azkb_test_run_azkb(
    "render", "--around", "CMW", "--depth", "1", "-f", "PNG", "-o", "-", NULL);

  /* The snapshot on stdout is the file's bytes (a pipe cannot seek back
   * to the checksum, so it is computed first). */
  g_assert_cmpint(pipe.status, ==, 0);
  g_assert_cmpint(save.status, ==, 0);
  g_assert_true(g_file_get_contents(file, &disk, &len, NULL));
  g_assert_true(g_str_has_prefix(pipe.out, "AZKBSNAP"));
  g_assert_cmpint(memcmp(pipe.out, disk, 16), ==, 0);
  g_assert_cmpint(png.status, ==, 0);
  g_assert_true(g_str_has_prefix(png.out, "\x89PNG"));
  g_assert_cmpuint(azkb_test_count_entries(dir), ==, 1);
  azkb_test_run_clear(&pipe);
  azkb_test_run_clear(&save);
  azkb_test_run_clear(&png);
  azkb_test_tmpdir_remove(dir);
}

static void
test_format_contradicts_name(void)
{
  g_autofree char *dir = azkb_test_tmpdir_new("azkb-cliopts");
  g_autofree char *ttl = g_build_filename(dir, "kb.ttl", NULL);
  g_autofree char *svg = g_build_filename(dir, "d.svg", NULL);
  AzkbTestRun export =
    azkb_test_run_azkb("export", "-f", "ntriples", "-o", ttl, NULL);
  AzkbTestRun render = azkb_test_run_azkb(
    "render", "--around", "CMW", "-f", "png", "-o", svg, NULL);
  AzkbTestRun upper =
    azkb_test_run_azkb("export", "-f", "Turtle", "-o", ttl, NULL);

  g_assert_cmpint(export.status, ==, 2);
  azkb_test_assert_contains(export.err, "--format ntriples contradicts");
  g_assert_cmpint(render.status, ==, 2);
  azkb_test_assert_contains(render.err, "--format png contradicts");
  /* Nothing was written by the refused two; the third agrees. */
  g_assert_cmpint(upper.status, ==, 0);
  g_assert_cmpuint(azkb_test_count_entries(dir), ==, 1);
  azkb_test_run_clear(&export);
  azkb_test_run_clear(&render);
  azkb_test_run_clear(&upper);
  azkb_test_tmpdir_remove(dir);
}

/* ---- errors a person can act on ---- */

static void
test_did_you_mean(void)
{
  AzkbTestRun cmd = azkb_test_run_azkb("qurey", NULL);
  AzkbTestRun opt =
    azkb_test_run_azkb("path", "--max-hop", "3", "a", "b", NULL);
  AzkbTestRun far = azkb_test_run_azkb("stats", "--zzzzzz", NULL);

  g_assert_cmpint(cmd.status, ==, 2);
  g_assert_cmpstr(cmd.err,
                  ==,
                  "azkb: unknown command “qurey”; did you mean “query”?\n"
                  "Try “azkb help” for the list of commands.\n");
  g_assert_cmpint(opt.status, ==, 2);
  g_assert_cmpstr(opt.err,
                  ==,
                  "azkb path: unknown option --max-hop; did you mean "
                  "--max-hops?\nTry “azkb path --help” for more.\n");
  g_assert_cmpint(far.status, ==, 2);
  g_assert_null(strstr(far.err, "did you mean"));
  azkb_test_run_clear(&cmd);
  azkb_test_run_clear(&opt);
  azkb_test_run_clear(&far);
}

/* A usage error is one line and a hint, not the whole help. */
static void
test_usage_one_line(void)
{
  AzkbTestRun run = azkb_test_run_azkb("show", NULL);

  g_assert_cmpint(run.status, ==, 2);
  g_assert_cmpstr(run.err,
                  ==,
                  "azkb show: no ENTITY given\n"
                  "Try “azkb show --help” for more.\n");
  azkb_test_run_clear(&run);
}

/* --at takes an interval in every command that filters by time. */
static void
test_query_at_interval(void)
{
  AzkbTestRun at     = azkb_test_run_azkb("query",
                                      "--count",
                                      "--at",
                                      "2012..2013",
                                      "Azerbaijan -presided-> ?b",
                                      NULL);
  AzkbTestRun during = azkb_test_run_azkb("query",
                                          "--count",
                                          "--during",
                                          "2012..2013",
                                          "Azerbaijan -presided-> ?b",
                                          NULL);

  g_assert_cmpint(at.status, ==, 0);
  g_assert_cmpstr(at.out, ==, during.out);
  azkb_test_run_clear(&at);
  azkb_test_run_clear(&during);
}

/* ---- tables ---- */

/* On a terminal of 70 columns (a pty made by script(1)) the table fits,
 * long cells cut with "…"; through a pipe the cells are whole. */
static void
test_table_fits_terminal(void)
{
  static const char pattern[] =
    "ArmeniaAzerbaijanConflict <-concerns- ?res:Resolution "
    "-adoptedBy@1993-> ?body";
  g_autofree char *code =
    g_strdup_printf("stty cols 70; \"$AZKB\" query '%s'", pattern);
  const char *argv[]  = { "/usr/bin/script", "-qc", code, "/dev/null", NULL };
  AzkbTestRun tty     = azkb_test_run_argv(argv);
  AzkbTestRun pipe    = azkb_test_run_azkb("query", pattern, NULL);
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint(tty.status, ==, 0);
  azkb_test_assert_contains(tty.out,
                            "Emergency international assistance to "
                            "refugees a…  UN General Assembly");
  lines = g_strsplit(tty.out, "\r\n", -1);
  for (char **l = lines; *l != NULL; l++)
    g_assert_cmpint(g_utf8_strlen(*l, -1), <=, 70);
  g_assert_cmpint(pipe.status, ==, 0);
  azkb_test_assert_contains(pipe.out, "persons in Azerbaijan  UN General");
  azkb_test_run_clear(&tty);
  azkb_test_run_clear(&pipe);
}

/* ---- man page and completion ---- */

static char *
built_man_page(void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path =
    g_build_filename(g_getenv("AZKB_BUILD_ROOT"), "doc", "azkb.1", NULL);
  char *man = NULL;

  g_file_get_contents(path, &man, NULL, &error);
  g_assert_no_error(error);
  return man;
}

/* Every long option that `azkb help @command` prints is in @man, in its
 * command's section. */
static void
check_man_section(const char *man, const char *command)
{
  AzkbTestRun      run     = azkb_test_run_azkb("help", command, NULL);
  g_autofree char *heading = g_strdup_printf("azkb %s ", command);
  g_auto(GStrv) sections   = g_strsplit(man, "\n.SS ", -1);
  const char *body         = NULL;
  g_autoptr(GRegex) re     = g_regex_new("--([a-z][a-z-]*)", 0, 0, NULL);
  GMatchInfo *info         = NULL;

  g_assert_cmpint(run.status, ==, 0);
  for (char **part = sections; *part != NULL && body == NULL; part++)
    if (g_str_has_prefix(*part, heading))
      body = *part;
  g_assert_nonnull(body);
  g_regex_match(re, run.out, 0, &info);
  for (; g_match_info_matches(info); g_match_info_next(info, NULL)) {
    g_autofree char *name  = g_match_info_fetch(info, 1);
    g_autofree char *troff = g_strdup_printf("\\-\\-%s", name);

    if (strcmp(name, "help") != 0 && strstr(body, troff) == NULL)
      g_error("azkb(1) lacks --%s of azkb %s", name, command);
  }
  g_match_info_free(info);
  azkb_test_run_clear(&run);
}

/* The commands `azkb help` lists, so that a new one cannot be missed. */
static GStrv
listed_commands(void)
{
  AzkbTestRun run               = azkb_test_run_azkb("help", NULL);
  g_auto(GStrv) lines           = g_strsplit(run.out, "\n", -1);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new();
  gboolean listing              = FALSE;

  g_assert_cmpint(run.status, ==, 0);
  for (char **l = lines; *l != NULL; l++) {
    if (g_str_has_prefix(*l, "Commands:"))
      listing = TRUE;
    else if (listing && g_str_has_prefix(*l, "  ")) {
      g_auto(GStrv) words = g_strsplit(g_strstrip(*l), " ", 2);

      g_strv_builder_add(names, words[0]);
    } else if (listing)
      break;
  }
  azkb_test_run_clear(&run);
  return g_strv_builder_end(names);
}

/* The generated azkb(1) has every option of every command `azkb help`
 * lists, and no literal PREFIX. */
static void
test_man_page_options(void)
{
  g_auto(GStrv) commands = listed_commands();
  char *man              = built_man_page();

  g_assert_cmpuint(g_strv_length(commands), >=, 14);
  g_assert_null(strstr(man, "PREFIX/"));
  for (char **c = commands; *c != NULL; c++)
    check_man_section(man, *c);
  g_free(man);
}

/* The bash completion asks azkb itself: every command `azkb help` lists,
 * an option, and the words an option takes. */
static void
test_bash_completion(void)
{
  g_auto(GStrv) commands  = listed_commands();
  g_autofree char *listed = g_strjoinv(" ", commands);
  g_autofree char *want   = g_strdup_printf("%s help --version\n"
                                            "query\n"
                                            "--format\n"
                                            "svg png pdf\n"
                                            "un hubs deep ring\n"
                                            "turtle trig\n"
                                            "--add --around\n",
                                          listed);
  g_autofree char *script =
    g_build_filename(g_getenv("AZKB_BUILD_ROOT"), "doc", "azkb.bash", NULL);
  g_autofree char *code = g_strdup_printf(
    "source '%s'\n"
    "try() { COMP_WORDS=(\"$AZKB\" \"$@\"); COMP_CWORD=$#; _azkb; "
    "echo \"${COMPREPLY[*]}\"; }\n"
    "try ''; try qu; try query --for; try render -f ''; "
    "try generate --shape ''; try query -i t; try diff --a\n",
    script);
  const char *argv[] = { "/bin/bash", "-c", code, NULL };
  AzkbTestRun run    = azkb_test_run_argv(argv);

  g_assert_cmpint(run.status, ==, 0);
  g_assert_cmpstr(run.out, ==, want);
  azkb_test_run_clear(&run);
}

/* The zsh completion works as the bash one does.  compsys needs a
 * terminal, so its three functions are stand-ins that print what they
 * were given: the logic that asks azkb is what runs. */
static void
test_zsh_completion(void)
{
  g_auto(GStrv) commands  = listed_commands();
  g_autofree char *listed = g_strjoinv(" ", commands);
  g_autofree char *want   = g_strdup_printf("%s help\n"
                                            "%s\n"
                                            "svg png pdf\n"
                                            "un hubs deep ring\n"
                                            "turtle ntriples nquads trig "
                                            "rdfxml json\n"
                                            "_files\n",
                                          listed,
                                          listed);
  g_autofree char *script =
    g_build_filename(g_getenv("AZKB_BUILD_ROOT"), "doc", "_azkb", NULL);
  g_autofree char *code = g_strdup_printf(
    "_describe() { local -a l; l=(\"${(@P)${@[-1]}}\"); "
    "print -r -- \"${(j: :)${l[@]%%%%:*}}\" }\n"
    "compadd() { [[ $1 == -a ]] && print -r -- \"${(j: :)${(@P)2}}\" }\n"
    "_files() { print -r -- _files }\n"
    "words=(\"$AZKB\" ''); CURRENT=2\n"
    "source '%s'\n"
    "try() { words=(\"$AZKB\" \"$@\"); CURRENT=$#words; _azkb }\n"
    "try help ''; try render -f ''; try generate --shape ''; "
    "try query -i ''; try show --around ''\n",
    script);
  const char *argv[] = { "/usr/bin/zsh", "-f", "-c", code, NULL };
  /* then every option of a command, with its help line as description */
  g_autofree char *code_options =
    g_strconcat(code,
                "_describe() { print -rl -- \"${(@P)${@[-1]}}\" }\n"
                "try diff --\n",
                NULL);
  const char *argv_options[] = {
    "/usr/bin/zsh", "-f", "-c", code_options, NULL
  };
  AzkbTestRun run  = azkb_test_run_argv(argv);
  AzkbTestRun opts = azkb_test_run_argv(argv_options);

  g_assert_cmpint(run.status, ==, 0);
  g_assert_cmpstr(run.out, ==, want);
  azkb_test_run_clear(&run);
  g_assert_cmpint(opts.status, ==, 0);
  azkb_test_assert_contains(opts.out,
                            "--format:table (default), tsv or json\n");
  azkb_test_assert_contains(opts.out, "--around:Only statements with ENTITY");
  azkb_test_run_clear(&opts);
}

/* `-o -` to a terminal is refused for bytes a terminal would take for
 * commands: script(1) gives the command one. */
static void
test_output_stdout_terminal(void)
{
  static const char *const commands[] = {
    "\"$AZKB\" snapshot -o -",
    "\"$AZKB\" generate -n 10 -f snapshot -o -",
    "\"$AZKB\" render --around CMW -f png -o -",
    NULL
  };

  for (const char *const *c = commands; *c != NULL; c++) {
    const char *argv[] = { "/usr/bin/script", "-qec", *c, "/dev/null", NULL };
    AzkbTestRun run    = azkb_test_run_argv(argv);

    g_assert_cmpint(run.status, ==, 2);
    azkb_test_assert_contains(run.out, "to the terminal: redirect it");
    g_assert_null(strstr(run.out, "AZKB"));
    g_assert_null(strstr(run.out, "PNG"));
    azkb_test_run_clear(&run);
  }
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/cliopts/add/beside-bundled", test_add_beside_bundled);
  g_test_add_func("/cliopts/add/after-data", test_add_after_data);
  g_test_add_func("/cliopts/add/bad-file", test_add_bad_file);
  g_test_add_func("/cliopts/add/stdin-twice", test_add_stdin_twice);
  g_test_add_func("/cliopts/add/not-found-without-bundled",
                  test_not_found_without_bundled);
  g_test_add_func("/cliopts/names/prefixed", test_prefixed_names);
  g_test_add_func("/cliopts/names/iri", test_iri_terms);
  g_test_add_func("/cliopts/names/prefix-option", test_prefix_option);
  g_test_add_func("/cliopts/names/suggestion-parses", test_suggestion_parses);
  g_test_add_func("/cliopts/json/show", test_json_show);
  g_test_add_func("/cliopts/json/stats-check", test_json_stats_check);
  g_test_add_func("/cliopts/json/path-timeline", test_json_path_timeline);
  g_test_add_func("/cliopts/json/query-no-match", test_json_query_no_match);
  g_test_add_func("/cliopts/json/bad-format", test_json_bad_format);
  g_test_add_func("/cliopts/time/timeline", test_timeline_time_options);
  g_test_add_func("/cliopts/time/query-at-interval", test_query_at_interval);
  g_test_add_func("/cliopts/output/stdout", test_output_stdout);
  g_test_add_func("/cliopts/output/stdout-terminal",
                  test_output_stdout_terminal);
  g_test_add_func("/cliopts/output/format-contradicts-name",
                  test_format_contradicts_name);
  g_test_add_func("/cliopts/usage/did-you-mean", test_did_you_mean);
  g_test_add_func("/cliopts/usage/one-line", test_usage_one_line);
  g_test_add_func("/cliopts/table/fits-terminal", test_table_fits_terminal);
  g_test_add_func("/cliopts/man-page/options", test_man_page_options);
  g_test_add_func("/cliopts/completion/bash", test_bash_completion);
  g_test_add_func("/cliopts/completion/zsh", test_zsh_completion);
  return g_test_run();
}
