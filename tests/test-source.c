/* Sources a person can check: the source module on a store built by hand
 * and on the bundled knowledge base, and `azkb source` / `azkb show
 * --sources` through the binary ($AZKB), escaping included. */
#include "azkb-test.h"

#include <azkb/azkb.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* ---- the library on a small store ---- */

typedef struct {
  AzkbStore *store;
  AzkbTermId p2, p10, doc, a, b;
  AzkbStmtId cites_p10, cites_both, own_text, undated;
} Small;

static AzkbTermId
text_literal(AzkbStore *store, const char *text)
{
  g_autoptr(GError) error = NULL;
  AzkbTermId lit          = azkb_store_intern_literal(
    store, AZKB_VALUE_STRING, text, NULL, "en", &error);

  g_assert_no_error(error);
  return lit;
}

/* Two paragraphs of one document; P10 is added before P2 so that reading
 * order is not insertion order. */
static void
small_setup(Small *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbStore   *s = f->store = azkb_store_new();
  AzkbTermId   text, part_of, knows, title;
  AzkbInterval when;

  f->p10  = azkb_store_add_entity(s, "P10");
  f->p2   = azkb_store_add_entity(s, "P2");
  f->doc  = azkb_store_add_entity(s, "Doc");
  f->a    = azkb_store_add_entity(s, "A");
  f->b    = azkb_store_add_entity(s, "B");
  text    = azkb_store_intern(s, AZKB_SOURCE_TEXT);
  part_of = azkb_store_intern(s, AZKB_SOURCE_PART_OF);
  title   = azkb_store_intern(s, AZKB_SOURCE_TITLE);
  knows   = azkb_store_intern(s, "knows");

  f->own_text = azkb_store_add_statement(
    s, f->p10, text, text_literal(s, "A knows B. Since 2001."), NULL);
  azkb_store_add_source(s, f->own_text, f->p10);
  azkb_store_add_source(
    s, azkb_store_add_statement(s, f->p10, part_of, f->doc, NULL), f->p10);
  azkb_store_add_attribute(s, f->doc, title, text_literal(s, "The Doc"));

  g_assert_true(azkb_interval_parse("2001..", &when, NULL));
  f->cites_both = azkb_store_add_statement(s, f->a, knows, f->b, &when);
  azkb_store_add_source(s, f->cites_both, f->p10);
  azkb_store_add_source(s, f->cites_both, f->p2);
  f->undated = azkb_store_add_statement(s, f->b, knows, f->a, NULL);
  azkb_store_add_source(s, f->undated, f->p2);
  f->cites_p10 = azkb_store_add_statement(s, f->a, knows, f->a, NULL);
  azkb_store_add_source(s, f->cites_p10, f->p10);
}

static void
small_teardown(Small *f, gconstpointer data G_GNUC_UNUSED)
{
  azkb_store_unref(f->store);
}

static void
test_text_and_document(Small *f, gconstpointer data G_GNUC_UNUSED)
{
  g_assert_cmpstr(
    azkb_source_text(f->store, f->p10), ==, "A knows B. Since 2001.");
  g_assert_null(azkb_source_text(f->store, f->p2));
  g_assert_cmpuint(azkb_source_document(f->store, f->p10), ==, f->doc);
  g_assert_cmpuint(azkb_source_document(f->store, f->p2), ==, 0);
  g_assert_cmpstr(azkb_source_title(f->store, f->doc), ==, "The Doc");
  /* With no title, the display name. */
  g_assert_cmpstr(azkb_source_title(f->store, f->a), ==, "A");
}

static void
test_citing_leaves_out_own_description(Small             *f,
                                       gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GArray) p10 = azkb_source_citing(f->store, f->p10);
  g_autoptr(GArray) p2  = azkb_source_citing(f->store, f->p2);
  g_autoptr(GArray) a   = azkb_source_citing(f->store, f->a);

  /* The text and isPartOf statements cite P10 but describe it. */
  g_assert_cmpuint(p10->len, ==, 2);
  g_assert_cmpuint(g_array_index(p10, AzkbStmtId, 0), ==, f->cites_both);
  g_assert_cmpuint(g_array_index(p10, AzkbStmtId, 1), ==, f->cites_p10);
  g_assert_cmpuint(p2->len, ==, 2);
  g_assert_cmpuint(g_array_index(p2, AzkbStmtId, 0), ==, f->cites_both);
  g_assert_cmpuint(g_array_index(p2, AzkbStmtId, 1), ==, f->undated);
  g_assert_cmpuint(a->len, ==, 0);
}

static void
test_sources_in_reading_order(Small *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GArray) src = azkb_source_of_statement(f->store, f->cites_both);

  g_assert_cmpuint(src->len, ==, 2);
  g_assert_cmpuint(g_array_index(src, AzkbTermId, 0), ==, f->p2);
  g_assert_cmpuint(g_array_index(src, AzkbTermId, 1), ==, f->p10);
}

static void
test_resolve(Small *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint(azkb_source_resolve(f->store, "P10", NULL), ==, f->p10);
  g_assert_cmpuint(azkb_source_resolve(f->store, "10", NULL), ==, f->p10);
  g_assert_cmpuint(azkb_source_resolve(f->store, "p2", NULL), ==, f->p2);
  g_assert_true(azkb_source_is_source(f->store, f->p2));
  g_assert_false(azkb_source_is_source(f->store, f->a));
  /* An entity that nothing cites is not a source. */
  g_assert_cmpuint(azkb_source_resolve(f->store, "A", &error), ==, 0);
  g_assert_error(error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_UNKNOWN_ENTITY);
  azkb_test_assert_contains(error->message, "no source “A”");
  g_clear_error(&error);
  g_assert_cmpuint(azkb_source_resolve(f->store, "99", &error), ==, 0);
  azkb_test_assert_contains(error->message, "no source “99”");
}

/* ---- the bundled knowledge base ---- */

static void
test_bundled_paragraphs(void)
{
  g_autoptr(AzkbStore) kb = azkb_store_new();
  g_autoptr(GError) error = NULL;
  AzkbTermId doc          = 0;

  g_assert_true(azkb_rdf_import_bundled(kb, &error));
  g_assert_no_error(error);
  for (guint n = 1; n <= 27; n++) {
    g_autofree char *id = g_strdup_printf("P%u", n);
    AzkbTermId       p  = azkb_source_resolve(kb, id, &error);
    const char      *text;

    g_assert_no_error(error);
    text = azkb_source_text(kb, p);
    g_assert_nonnull(text);
    g_assert_true(g_utf8_validate(text, -1, NULL));
    /* The words of the paragraph, not its [Pn] tag. */
    g_assert_false(g_str_has_prefix(text, "["));
    if (doc == 0)
      doc = azkb_source_document(kb, p);
    g_assert_cmpuint(azkb_source_document(kb, p), ==, doc);
  }
  g_assert_cmpuint(doc, !=, 0);
  g_assert_cmpstr(azkb_source_title(kb, doc),
                  ==,
                  "Relations between Azerbaijan and the United Nations (UN)");
  g_assert_cmpstr(
    azkb_source_text(kb, azkb_store_lookup(kb, "P1")),
    ==,
    "The United Nations was established after the end of the World War II, "
    "on 24 October 1945.");
}

/* The texts are the source's own words: each [Pn] line of the source
 * document, after its tag, is P<n>'s text.  The document is not part of
 * the repository; where it is (AZKB_SOURCE_DOCUMENT, or the path the data
 * file names), every paragraph is compared. */
static void
test_bundled_texts_match_document(void)
{
  const char *env = g_getenv("AZKB_SOURCE_DOCUMENT");
  const char *path =
    env != NULL ? env : "/work/shared/source/azerbaijan-un-relations.txt";
  g_autofree char *text   = NULL;
  g_auto(GStrv) lines     = NULL;
  g_autoptr(AzkbStore) kb = azkb_store_new();
  guint seen              = 0;

  if (!g_file_get_contents(path, &text, NULL, NULL)) {
    g_test_skip("the source document is not on this machine");
    return;
  }
  g_assert_true(azkb_rdf_import_bundled(kb, NULL));
  lines = g_strsplit(text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++) {
    const char      *close;
    g_autofree char *id = NULL;

    if (lines[i][0] != '[' || (close = strstr(lines[i], "] ")) == NULL)
      continue;
    id = g_strndup(lines[i] + 1, close - lines[i] - 1);
    g_assert_cmpstr(
      azkb_source_text(kb, azkb_store_lookup(kb, id)), ==, close + 2);
    seen++;
  }
  g_assert_cmpuint(seen, ==, 27);
}

/* Every paragraph but the footer P27 is cited by some statement. */
static void
test_bundled_every_paragraph_cited(void)
{
  g_autoptr(AzkbStore) kb = azkb_store_new();

  g_assert_true(azkb_rdf_import_bundled(kb, NULL));
  for (guint n = 1; n <= 27; n++) {
    g_autofree char *id = g_strdup_printf("P%u", n);
    g_autoptr(GArray) c = azkb_source_citing(kb, azkb_store_lookup(kb, id));

    if (n == 27)
      g_assert_cmpuint(c->len, ==, 0);
    else if (c->len == 0)
      g_error("no statement cites %s", id);
  }
}

/* ---- the command line ---- */

static void
test_cli_source_table(void)
{
  AzkbTestRun run = azkb_test_run_azkb("source", "P5", NULL);

  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(
    run.out,
    "P5, in “Relations between Azerbaijan and the United Nations (UN)”");
  azkb_test_assert_contains(
    run.out,
    "    After regaining independence on 18 October 1991, the Republic of\n"
    "    Azerbaijan was admitted to the UN membership on 2 March 1992. UN\n");
  azkb_test_assert_contains(run.out, "Statements citing P5 (");
  azkb_test_assert_contains(
    run.out,
    "2 March 1992        Azerbaijan → admittedTo → United Nations  [P5]");
  g_assert_cmpstr(run.err, ==, "");
  azkb_test_run_clear(&run);
}

static void
test_cli_source_json(void)
{
  AzkbTestRun run = azkb_test_run_azkb("source", "7", "--format", "json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new();
  g_autoptr(GError) error      = NULL;
  JsonObject *root, *source;
  JsonArray  *rows;
  gboolean    found = FALSE;

  g_assert_cmpint(run.status, ==, 0);
  g_assert_true(json_parser_load_from_data(parser, run.out, -1, &error));
  g_assert_no_error(error);
  root   = json_node_get_object(json_parser_get_root(parser));
  source = json_object_get_object_member(root, "source");
  g_assert_cmpstr(json_object_get_string_member(source, "id"), ==, "P7");
  g_assert_true(
    g_str_has_prefix(json_object_get_string_member(source, "text"),
                     "Azerbaijan closely co-operates with the main bodies"));
  g_assert_cmpuint(
    json_array_get_length(json_object_get_array_member(root, "columns")),
    ==,
    5);
  rows = json_object_get_array_member(root, "rows");
  for (guint i = 0; i < json_array_get_length(rows); i++) {
    JsonObject *row = json_array_get_object_element(rows, i);
    JsonObject *obj = json_object_get_object_member(row, "object");

    if (g_strcmp0(json_object_get_string_member(row, "relation"),
                  "electedTo") == 0 &&
        g_strcmp0(json_object_get_string_member(obj, "id"), "ECOSOC") == 0 &&
        g_strcmp0(json_object_get_string_member(row, "time"), "2003..2005") ==
          0)
      found = TRUE;
  }
  g_assert_true(found);
  azkb_test_run_clear(&run);
}

static void
test_cli_source_errors(void)
{
  AzkbTestRun run = azkb_test_run_azkb("source", "P99", NULL);

  /* An unknown name is a usage error, as for `azkb show`. */
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err,
                            "no source “P99”; did you mean “P19” or “P9”?");
  g_assert_cmpstr(run.out, ==, "");
  azkb_test_run_clear(&run);

  run = azkb_test_run_azkb("source", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "no PARAGRAPH given");
  azkb_test_run_clear(&run);

  run = azkb_test_run_azkb("source", "P7", "--format", "xml", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "unknown format “xml”");
  azkb_test_run_clear(&run);
}

static void
test_cli_show_lists_citing(void)
{
  AzkbTestRun run = azkb_test_run_azkb("show", "P24", NULL);

  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "Cited by (");
  azkb_test_assert_contains(
    run.out,
    "Security Council resolution 822 (1993) → adoptedBy → UN Security "
    "Council  [P24]");
  azkb_test_run_clear(&run);
}

static void
test_cli_show_sources(void)
{
  AzkbTestRun run = azkb_test_run_azkb("show", "ICJ", "--sources", NULL);

  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out,
                            "principalOrganOf United Nations (UN)  [P4]\n"
                            "      [P4]\n"
                            "        The main bodies of the United Nations "
                            "are the General Assembly, the");
  azkb_test_run_clear(&run);

  /* Without the option, no texts. */
  run = azkb_test_run_azkb("show", "ICJ", NULL);
  g_assert_cmpint(run.status, ==, 0);
  g_assert_null(strstr(run.out, "The main bodies"));
  azkb_test_run_clear(&run);
}

/* Text from data never reaches the terminal raw: an escape sequence, a
 * newline and a bidi override in a paragraph's text come out visible. */
static void
test_cli_escapes_text(void)
{
  g_autofree char *dir  = azkb_test_tmpdir_new("azkb-source");
  g_autofree char *path = g_build_filename(dir, "kb.ttl", NULL);
  const char      *ttl =
    "@prefix az: <http://azkb.example/id/> .\n"
    "@prefix azo: <http://azkb.example/ontology#> .\n"
    "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
    "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
    "az:A azo:knows az:B .\n"
    "[] a rdf:Statement ; rdf:subject az:A ; rdf:predicate azo:knows ;\n"
    "   rdf:object az:B ; prov:wasDerivedFrom az:P1 .\n"
    "az:P1 azo:text \"red \\u001B[31mALERT\\nline two \\u202Eevil\" .\n";
  AzkbTestRun run;

  g_assert_true(g_file_set_contents(path, ttl, -1, NULL));
  run = azkb_test_run_azkb("source", "P1", "--data", path, NULL);
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out,
                            "red \\x1B[31mALERT\\nline two \\u202Eevil");
  g_assert_null(strchr(run.out, '\x1b'));
  g_assert_null(strstr(run.out, "\xe2\x80\xae"));
  azkb_test_assert_contains(run.out, "A → knows → B  [P1]");
  azkb_test_run_clear(&run);

  run = azkb_test_run_azkb("show", "A", "--sources", "--data", path, NULL);
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "\\x1B[31mALERT\\nline two");
  g_assert_null(strchr(run.out, '\x1b'));
  azkb_test_run_clear(&run);
  azkb_test_tmpdir_remove(dir);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add("/source/small/text-and-document",
             Small,
             NULL,
             small_setup,
             test_text_and_document,
             small_teardown);
  g_test_add("/source/small/citing-leaves-out-own-description",
             Small,
             NULL,
             small_setup,
             test_citing_leaves_out_own_description,
             small_teardown);
  g_test_add("/source/small/sources-in-reading-order",
             Small,
             NULL,
             small_setup,
             test_sources_in_reading_order,
             small_teardown);
  g_test_add("/source/small/resolve",
             Small,
             NULL,
             small_setup,
             test_resolve,
             small_teardown);
  g_test_add_func("/source/bundled/paragraphs", test_bundled_paragraphs);
  g_test_add_func("/source/bundled/texts-match-document",
                  test_bundled_texts_match_document);
  g_test_add_func("/source/bundled/every-paragraph-cited",
                  test_bundled_every_paragraph_cited);
  g_test_add_func("/source/cli/table", test_cli_source_table);
  g_test_add_func("/source/cli/json", test_cli_source_json);
  g_test_add_func("/source/cli/errors", test_cli_source_errors);
  g_test_add_func("/source/cli/show-lists-citing", test_cli_show_lists_citing);
  g_test_add_func("/source/cli/show-sources", test_cli_show_sources);
  g_test_add_func("/source/cli/escapes-text", test_cli_escapes_text);
  return g_test_run();
}
