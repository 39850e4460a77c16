/* A sync keys the store's triples from the terms the exporter hands over
 * (azkb_rdf_export_select(), nt_key_terms()), not from its N-Triples read
 * back; the keys must be the same, or a sync would find differences that
 * are not there and a record written by a push (which keys the lines it
 * sent) would not match.  So: the keys of every triple both ways, triple
 * by triple, on the bundled knowledge base, on generated graphs of every
 * shape, and on literals and IRIs that need escaping, under two bases;
 * and the lines azkb_rdf_export_select() writes are the export's own.
 * Numbers key by their value (Virtuoso gives "007"^^xsd:integer back as
 * "7"): equal for each pair of forms of one value, distinct for distinct
 * values, and the same both ways. */
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

/* ---- numbers by their value ---- */

#define XSD "http://www.w3.org/2001/XMLSchema#"

/* The key of <urn:x:s> <urn:x:p> "@text"^^<@dt> from its terms, checked
 * against the key of its N-Triples line read back. */
static TripleKey
literal_key(const char *dt, const char *text)
{
  g_autofree char *dt_iri = g_strconcat(XSD, dt, NULL);
  AzkbRdfTerm      t[3]   = {
           { AZKB_RDF_TERM_IRI, "urn:x:s", 7, NULL, NULL },
           { AZKB_RDF_TERM_IRI, "urn:x:p", 7, NULL, NULL },
           { AZKB_RDF_TERM_LITERAL, text, strlen(text), dt_iri, NULL },
  };
  g_autoptr(GString) line = g_string_new("<urn:x:s> <urn:x:p> ");
  TripleKey k             = nt_key_terms(t), back;
  NtTerm    nt[3];

  nt_append_term(line, AZKB_REMOTE_LITERAL, text, dt_iri, NULL);
  g_string_append(line, " .");
  for (int i = 0; i < 3; i++)
    nt_term_init(&nt[i]);
  g_assert_true(nt_parse_line(line->str, line->len, nt));
  back = nt_key(nt);
  for (int i = 0; i < 3; i++)
    nt_term_clear(&nt[i]);
  if (azkb_key128_compare(&k, &back) != 0)
    g_error("“%s”: the key of its terms differs from its line's", line->str);
  return k;
}

static gboolean
same_key(const char *dt, const char *a, const char *b)
{
  TripleKey ka = literal_key(dt, a), kb = literal_key(dt, b);

  return azkb_key128_compare(&ka, &kb) == 0;
}

/* Forms of one value: Virtuoso's and others. */
static const char *const SAME[][3] = {
  { "integer", "007", "7" },
  { "integer", "+7", "7" },
  { "integer", "-007", "-7" },
  { "integer", "-0", "0" },
  { "integer", "000", "0" },
  { "integer", "+0", "0" },
  { "integer",
    "000123456789012345678901234567890",
    "123456789012345678901234567890" },
  { "int", "+05", "5" },
  { "long", "0010", "10" },
  { "short", "-01", "-1" },
  { "byte", "+1", "1" },
  { "nonNegativeInteger", "007", "7" },
  { "positiveInteger", "007", "7" },
  { "nonPositiveInteger", "-0", "0" },
  { "negativeInteger", "-007", "-7" },
  { "unsignedLong", "018446744073709551615", "18446744073709551615" },
  { "unsignedInt", "007", "7" },
  { "unsignedShort", "007", "7" },
  { "unsignedByte", "007", "7" },
  { "decimal", "1.50", "1.5" },
  { "decimal", "01.0", "1" },
  { "decimal", "1.", "1.0" },
  { "decimal", ".5", "0.5" },
  { "decimal", "-0.0", "0" },
  { "decimal", "-.0", "0.0" },
  { "decimal", "+1.5", "1.5" },
  { "decimal", "-.50", "-0.5" },
  { "decimal", "100", "100.000" },
  { "double", "1e0", "1.0" },
  { "double", "1E0", "1" },
  { "double", "+1", "1.0E0" },
  { "double", "1.5E1", "15" },
  { "double", "0.1", "0.10" },
  { "double", "1e-1", "0.1" },
  { "double", "100", "1e2" },
  { "double", "INF", "+INF" },
  { "double", "-INF", "-INF" },
  { "double", "NaN", "NaN" },
  { "double", "-0", "-0.0E0" },
  { "float", "1.5", "1.50E0" },
  { "float", "0.5", "5e-1" },
  { "float", "INF", "+INF" },
  { "float", "0.1", "0.10" },
  { "float", "3.14", "3.140E0" },
  { "float", "0.1", "0.100000001" },
  { "float", "-2.5e-3", "-0.0025" },
  { "float", "NaN", "NaN" },
  { "integer", " 7 ", "7" },
  { "integer", "\t-07\n", "-7" },
  { "double", " 1", "1.0" },
  { "decimal", "1.50 ", "1.5" },
  { "boolean", " 1 ", "true" },
  { "boolean", "1", "true" },
  { "boolean", "0", "false" },
};

/* Values that differ, or texts that are no value of the datatype: never
 * one key. */
static const char *const DISTINCT[][3] = {
  { "integer", "7", "8" },
  { "integer", "7", "-7" },
  { "integer", "70", "7" },
  { "integer", "7", "7.0" },
  { "integer", "007x", "7x" },
  { "integer", "+", "" },
  { "integer", "-", "" },
  { "integer",
    "123456789012345678901234567890",
    "123456789012345678901234567891" },
  { "decimal", "1.0", "1.00000000000000000001" },
  { "decimal", "1.5", "-1.5" },
  { "decimal", "10", "1" },
  { "decimal", "0.1", "0.01" },
  { "decimal", "1.05", "1.5" },
  { "decimal", ".", "" },
  { "decimal", "1.5", "15" },
  { "double", "0", "-0" },
  { "double", "1", "1.0000000000000002" },
  { "double", "1e400", "INF" },
  { "double", "16", "0x10" },
  { "double", "INF", "inf" },
  { "double", "NaN", "nan" },
  { "double", "INF", "-INF" },
  { "double", "1", "1e" },
  { "double", "1", "1 e1" },
  { "integer", "1 2", "12" },
  { "float", "16777216", "16777217" },
  { "float", "1", "2" },
  { "float", "0.1", "0.2" },
  { "float", "0.1", "0.1000001" },
  { "float", "3.4028236e38", "INF" },
  { "boolean", "1", "0" },
  { "boolean", "true", "TRUE" },
  { "string", "007", "7" },
};

static void
test_numbers(void)
{
  for (gsize i = 0; i < G_N_ELEMENTS(SAME); i++)
    if (!same_key(SAME[i][0], SAME[i][1], SAME[i][2]))
      g_error("xsd:%s “%s” and “%s” are one value but got two keys",
              SAME[i][0],
              SAME[i][1],
              SAME[i][2]);
  for (gsize i = 0; i < G_N_ELEMENTS(DISTINCT); i++)
    if (same_key(DISTINCT[i][0], DISTINCT[i][1], DISTINCT[i][2]))
      g_error("xsd:%s “%s” and “%s” got one key",
              DISTINCT[i][0],
              DISTINCT[i][1],
              DISTINCT[i][2]);
  /* one value of two datatypes is two RDF terms */
  {
    TripleKey a = literal_key("integer", "7"), b = literal_key("int", "7"),
              c = literal_key("decimal", "7"), d = literal_key("double", "7");

    g_assert_cmpint(azkb_key128_compare(&a, &b), !=, 0);
    g_assert_cmpint(azkb_key128_compare(&a, &c), !=, 0);
    g_assert_cmpint(azkb_key128_compare(&c, &d), !=, 0);
  }
}

/* Every kind of term and field: no two triples below share a key (a field
 * cannot run into the next). */
static void
test_distinct_fields(void)
{
  static const char *const lines[] = {
    "<urn:a> <urn:p> <urn:b> .",
    "<urn:a> <urn:p> \"urn:b\" .",
    "<urn:a> <urn:p> \"b\"@en .",
    "<urn:a> <urn:p> \"b\"@en-gb .",
    "<urn:a> <urn:p> \"ben\" .",
    "<urn:a> <urn:p> \"b\"^^<urn:en> .",
    "<urn:a> <urn:p> \"\" .",
    "<urn:a> <urn:p> \"\\u0000\" .",
    "<urn:a> <urn:p> \"12345678\" .",
    "<urn:a> <urn:p> \"123456789\" .",
    "<urn:a> <urn:p> \"1234567\" .",
    "<urn:a> <urn:p> \"1234567\\u0000\" .",
    "<urn:a> <urn:pb> <urn:> .",
    "<urn:ap> <urn:b> <urn:> .",
    "<urn:a> <urn:p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .",
    "<urn:a> <urn:p> \"1\"^^<http://www.w3.org/2001/XMLSchema#boolean> .",
    "<urn:a> <urn:p> \"1\"^^<http://www.w3.org/2001/XMLSchema#double> .",
    "<urn:a> <urn:p> \"1\"^^<http://www.w3.org/2001/XMLSchema#float> .",
    "<urn:a> <urn:p> \"1\"^^<http://www.w3.org/2001/XMLSchema#decimal> .",
    "<urn:a> <urn:p> \"1\" .",
  };
  g_autoptr(GArray) keys = g_array_new(FALSE, FALSE, sizeof(TripleKey));
  NtTerm t[3];

  for (int i = 0; i < 3; i++)
    nt_term_init(&t[i]);
  for (gsize i = 0; i < G_N_ELEMENTS(lines); i++) {
    TripleKey k;

    g_assert_true(nt_parse_line(lines[i], strlen(lines[i]), t));
    k = nt_key(t);
    for (guint j = 0; j < keys->len; j++)
      if (azkb_key128_compare(&k, &g_array_index(keys, TripleKey, j)) == 0)
        g_error("“%s” and “%s” got one key", lines[j], lines[i]);
    g_array_append_val(keys, k);
  }
  for (int i = 0; i < 3; i++)
    nt_term_clear(&t[i]);
}

/* A term read from a server is written into a DELETE DATA only if it
 * comes out as itself: a line of the terms nt_append_term() writes reads
 * back to the same key, or nt_term_nameable() refuses one of them (a NUL
 * would cut the term short, naming another triple; a '>' would end an
 * IRI and the rest would run as SPARQL). */
static void
test_nameable(void)
{
  static const struct {
    const char *line;
    gboolean    nameable;
  } cases[] = {
    { "<urn:a> <urn:p> \"b\\\"c\\\\d\\n\" .", TRUE },
    { "<urn:a> <urn:p> \"b\"@en .", TRUE },
    { "<urn:a> <urn:p> \"7\"^^<http://www.w3.org/2001/XMLSchema#int> .", TRUE },
    { "<urn:a> <urn:p> <urn:b\\u00e9> .", TRUE },
    { "<urn:a> <urn:p> \"a\\u0000b\" .", FALSE },
    { "<urn:a> <urn:p> <urn:b\\u0000c> .", FALSE },
    { "<urn:a\\u003E <urn:p\\u003E <urn:o\\u003E } } ; DROP ALL ; INSERT DATA "
      "{ GRAPH <urn:g\\u003E { <urn:y> <urn:p> <urn:o> .",
      FALSE },
    { "<urn:a> <urn:p> <urn:b\\u0020c> .", FALSE },
    { "<urn:a> <urn:p> <urn:b\\u000Ac> .", FALSE },
    { "<urn:a> <urn:p> <urn:b\\\\c> .", FALSE },
    { "<urn:a> <urn:p> \"7\"^^<urn:t\\u003Ex> .", FALSE },
  };
  NtTerm t[3], back[3];

  for (int i = 0; i < 3; i++) {
    nt_term_init(&t[i]);
    nt_term_init(&back[i]);
  }
  for (gsize c = 0; c < G_N_ELEMENTS(cases); c++) {
    g_autoptr(GString) line = g_string_new(NULL);
    gboolean  nameable      = TRUE;
    TripleKey k, k2;

    if (!nt_parse_line(cases[c].line, strlen(cases[c].line), t))
      g_error("“%s” does not parse", cases[c].line);
    for (int i = 0; i < 3; i++) {
      nameable = nameable && nt_term_nameable(&t[i]);
      nt_append_term(
        line, t[i].kind, t[i].value->str, t[i].datatype->str, t[i].lang->str);
      g_string_append_c(line, ' ');
    }
    g_string_append_c(line, '.');
    if (nameable != cases[c].nameable)
      g_error("“%s”: nameable %d, expected %d",
              cases[c].line,
              nameable,
              cases[c].nameable);
    if (!nameable)
      continue;
    g_assert_true(nt_parse_line(line->str, line->len, back));
    k  = nt_key(t);
    k2 = nt_key(back);
    if (azkb_key128_compare(&k, &k2) != 0)
      g_error("“%s” is written “%s”, another triple", cases[c].line, line->str);
  }
  for (int i = 0; i < 3; i++) {
    nt_term_clear(&t[i]);
    nt_term_clear(&back[i]);
  }
}

/* Numbers through the store and its export: the keys of the terms and of
 * the lines agree for these too. */
static const char NUMBERS[] =
  "<http://ex.org/a> <http://ex.org/i> "
  "\"007\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
  "<http://ex.org/a> <http://ex.org/d> "
  "\"1.50\"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n"
  "<http://ex.org/a> <http://ex.org/e> "
  "\"1e0\"^^<http://www.w3.org/2001/XMLSchema#double> .\n"
  "<http://ex.org/a> <http://ex.org/f> "
  "\"1.50E0\"^^<http://www.w3.org/2001/XMLSchema#float> .\n"
  "<http://ex.org/a> <http://ex.org/l> "
  "\"+0010\"^^<http://www.w3.org/2001/XMLSchema#long> .\n"
  "<http://ex.org/a> <http://ex.org/n> "
  "\"NaN\"^^<http://www.w3.org/2001/XMLSchema#double> .\n"
  "<http://ex.org/a> <http://ex.org/x> "
  "\"not a number\"^^<http://www.w3.org/2001/XMLSchema#double> .\n";

static void
test_numbers_exported(void)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(GError) error    = NULL;
  g_autoptr(GBytes) bytes    = g_bytes_new_static(NUMBERS, sizeof NUMBERS - 1);

  g_assert_true(azkb_rdf_import_bytes(
    store, bytes, "numbers.nt", "ntriples", NULL, NULL, &error));
  g_assert_no_error(error);
  assert_same_keys(store, NULL, 7);
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
  g_test_add_func("/remote/keys/numbers", test_numbers);
  g_test_add_func("/remote/keys/numbers-exported", test_numbers_exported);
  g_test_add_func("/remote/keys/distinct-fields", test_distinct_fields);
  g_test_add_func("/remote/keys/nameable", test_nameable);
  return g_test_run();
}
