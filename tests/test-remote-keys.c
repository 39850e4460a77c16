/* A sync keys the store's triples from the terms the exporter hands over
 * (azkb_rdf_export_select(), nt_key_terms()), not from its N-Triples read
 * back; the keys must be the same, or a sync would find differences that
 * are not there and a record written by a push (which keys the lines it
 * sent) would not match.  So: the keys of every triple both ways, triple
 * by triple, on the bundled knowledge base, on generated graphs of every
 * shape, and on literals and IRIs that need escaping, under two bases;
 * and the lines azkb_rdf_export_select() writes are the export's own. */
#include "azkb-test.h"
#include "src/remote/remote-private.h"

#include <string.h>

typedef struct {
  GArray  *keys;   ///< TripleKey from the terms
  GString *out;    ///< what was written
  guint    every;  ///< write every @every-th triple; 0: none
  guint    seen;   ///< triples handed over
  guint    blanks; ///< terms of kind blank
} Select;

static gboolean
append_bytes(const void *data, gsize len, gpointer user_data, GError **error)
{
  Select *s = user_data;

  (void)error;
  g_string_append_len(s->out, data, (gssize)len);
  return TRUE;
}

static gboolean
key_terms(const AzkbRdfTerm t[3],
          gboolean         *out_write,
          gpointer          user_data,
          GError          **error)
{
  Select   *s = user_data;
  TripleKey k = nt_key_terms(t);

  (void)error;
  for (int i = 0; i < 3; i++) {
    g_assert_cmpuint(strlen(t[i].value), ==, t[i].len);
    s->blanks += t[i].kind == AZKB_RDF_TERM_BLANK;
  }
  g_array_append_val(s->keys, k);
  *out_write = s->every != 0 && s->seen % s->every == 0;
  s->seen++;
  return TRUE;
}

/* The export's N-Triples lines, without empty ones. */
static GPtrArray *
export_lines(AzkbStore *store, const char *base)
{
  g_autoptr(GError) error = NULL;
  Select     s            = { .out = g_string_new(NULL) };
  GPtrArray *lines        = g_ptr_array_new_with_free_func(g_free);
  g_auto(GStrv) split     = NULL;

  g_assert_true(
    azkb_rdf_export_to_func(store,
                            "ntriples",
                            base,
                            AZKB_RDF_EXPORT_DATA | AZKB_RDF_EXPORT_ONTOLOGY,
                            append_bytes,
                            &s,
                            &error));
  g_assert_no_error(error);
  split = g_strsplit(s.out->str, "\n", -1);
  for (char **l = split; *l != NULL; l++)
    if (**l != '\0')
      g_ptr_array_add(lines, g_strdup(*l));
  g_string_free(s.out, TRUE);
  return lines;
}

static void
assert_same_keys(AzkbStore *store, const char *base, guint min_triples)
{
  g_autoptr(GPtrArray) lines = export_lines(store, base);
  g_autoptr(GError) error    = NULL;
  Select s = { .keys = g_array_new(FALSE, FALSE, sizeof(TripleKey)),
               .out  = g_string_new(NULL) };
  NtTerm t[3];
  guint  n_written      = 0;
  g_auto(GStrv) written = NULL;

  g_assert_cmpuint(lines->len, >=, min_triples);
  g_assert_true(
    azkb_rdf_export_select(store,
                           base,
                           AZKB_RDF_EXPORT_DATA | AZKB_RDF_EXPORT_ONTOLOGY,
                           key_terms,
                           append_bytes,
                           &s,
                           &error));
  g_assert_no_error(error);
  g_assert_cmpuint(s.out->len, ==, 0); /* nothing kept, nothing written */
  g_assert_cmpuint(s.keys->len, ==, lines->len);
  for (int i = 0; i < 3; i++)
    nt_term_init(&t[i]);
  for (guint i = 0; i < lines->len; i++) {
    const char *line = g_ptr_array_index(lines, i);
    TripleKey   k;

    g_assert_true(nt_parse_line(line, strlen(line), t));
    k = nt_key(t);
    if (azkb_key128_compare(&k, &g_array_index(s.keys, TripleKey, i)) != 0)
      g_error("line %u: the key of “%s” read back differs from the key of "
              "its terms",
              i + 1,
              line);
  }
  for (int i = 0; i < 3; i++)
    nt_term_clear(&t[i]);
  g_assert_cmpuint(s.blanks, ==, 0);

  /* every third triple written: the export's own lines at those places */
  g_array_set_size(s.keys, 0);
  s.every = 3;
  s.seen  = 0;
  g_assert_true(
    azkb_rdf_export_select(store,
                           base,
                           AZKB_RDF_EXPORT_DATA | AZKB_RDF_EXPORT_ONTOLOGY,
                           key_terms,
                           append_bytes,
                           &s,
                           &error));
  g_assert_no_error(error);
  written = g_strsplit(s.out->str, "\n", -1);
  for (guint i = 0; i < lines->len; i += 3, n_written++) {
    g_assert_nonnull(written[n_written]);
    g_assert_cmpstr(written[n_written], ==, g_ptr_array_index(lines, i));
  }
  g_assert_cmpstr(written[n_written], ==, ""); /* after the last newline */
  g_assert_null(written[n_written + 1]);
  g_array_unref(s.keys);
  g_string_free(s.out, TRUE);
}

static void
test_bundled(void)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(GError) error    = NULL;

  g_assert_true(azkb_rdf_import_bundled(store, &error));
  g_assert_no_error(error);
  assert_same_keys(store, NULL, 1000);
  assert_same_keys(store, "http://example.org/kb/", 1000);
}

static void
test_generated(gconstpointer data)
{
  AzkbGenerateOptions o      = { .n_entities = 300,
                                 .seed       = 7,
                                 .shape      = GPOINTER_TO_INT(data) };
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(GError) error    = NULL;

  g_assert_true(azkb_generate(store, &o, &error));
  g_assert_no_error(error);
  assert_same_keys(store, NULL, 1000);
}

/* Literals with every escape N-Triples has, characters past ASCII (which
 * raptor writes as \u and \U escapes), tags in capitals, xsd:string and
 * xsd:boolean spelt both ways, other datatypes; IRIs past ASCII. */
static const char ESCAPES[] =
  "<http://ex.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "
  "\"quote \\\" back \\\\ nl \\n cr \\r tab \\t ctl \\u0001 del \\u007F "
  "\\u00E9 \\U0001D11E end\"@EN-gb .\n"
  "<http://ex.org/a> <http://ex.org/p> "
  "\"typed\"^^<http://www.w3.org/2001/XMLSchema#string> .\n"
  "<http://ex.org/a> <http://ex.org/flag> "
  "\"1\"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n"
  "<http://ex.org/a> <http://ex.org/flag2> "
  "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n"
  "<http://ex.org/a> <http://ex.org/flag3> "
  "\"0\"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n"
  "<http://ex.org/a> <http://ex.org/v> \"x\"^^<http://ex.org/dt#\\u00E9> .\n"
  "<http://ex.org/a> <http://ex.org/n> "
  "\"42\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
  "<http://ex.org/a> <http://ex.org/d> "
  "\"2001-02-03\"^^<http://www.w3.org/2001/XMLSchema#date> .\n"
  "<http://ex.org/a> <http://ex.org/plain> \"\" .\n"
  "<http://ex.org/\\u00E9%20b> <http://ex.org/q> <http://ex.org/a> .\n";

static void
test_escapes(void)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(GError) error    = NULL;
  g_autoptr(GBytes) bytes    = g_bytes_new_static(ESCAPES, sizeof ESCAPES - 1);

  g_assert_true(azkb_rdf_import_bytes(
    store, bytes, "escapes.nt", "ntriples", NULL, NULL, &error));
  g_assert_no_error(error);
  assert_same_keys(store, NULL, 10);
  assert_same_keys(store, "http://example.org/kb/", 10);
}

int
main(int argc, char *argv[])
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/remote/keys/bundled", test_bundled);
  g_test_add_data_func("/remote/keys/generated-un",
                       GINT_TO_POINTER(AZKB_GENERATE_UN),
                       test_generated);
  g_test_add_data_func("/remote/keys/generated-hubs",
                       GINT_TO_POINTER(AZKB_GENERATE_HUBS),
                       test_generated);
  g_test_add_data_func("/remote/keys/generated-deep",
                       GINT_TO_POINTER(AZKB_GENERATE_DEEP),
                       test_generated);
  g_test_add_data_func("/remote/keys/generated-ring",
                       GINT_TO_POINTER(AZKB_GENERATE_RING),
                       test_generated);
  g_test_add_func("/remote/keys/escapes", test_escapes);
  return g_test_run();
}
