/* Tests of RDF export through raptor2 (the shape of each syntax, golden
 * files, determinism, atomic writes) and of round trips: the bundled
 * knowledge base, random graphs and generated graphs exported and read back
 * to the same canonical dump. */
#include "rdf-test.h"

#include <azkb/generate.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

static const char *const syntaxes[] = { "turtle",
                                        "ntriples",
                                        "nquads",
                                        "rdfxml",
                                        "json" };

/* ---- export ---- */

static AzkbStore *
small_store(void)
{
  return load_ok(PREFIXES "az:A a azo:Country ; rdfs:label \"A\"@en ;\n"
                          "  skos:altLabel \"AA\" ; azo:memberOf az:UN .\n"
                          "[] a rdf:Statement ; rdf:subject az:A ;\n"
                          "  rdf:predicate azo:electedTo ; rdf:object az:B ;\n"
                          "  azo:start \"2003\"^^xsd:gYear ;\n"
                          "  prov:wasDerivedFrom az:P7 .\n"
                          "azo:Country a owl:Class .\n",
                 "small.ttl");
}

static void
test_export_turtle_shape(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(AzkbStore) store = small_store();
  g_autofree char *ttl =
    export_text(store, f->dir, "turtle", NULL, AZKB_RDF_EXPORT_DATA);
  g_autofree char *with =
    export_text(store,
                f->dir,
                "turtle",
                NULL,
                AZKB_RDF_EXPORT_DATA | AZKB_RDF_EXPORT_ONTOLOGY);

  g_assert_nonnull(strstr(ttl, "@prefix az: <" BASE "id/> ."));
  g_assert_nonnull(strstr(ttl, "@prefix azs: <" BASE "statement/> ."));
  g_assert_nonnull(strstr(ttl, "@prefix prov: "));
  g_assert_nonnull(strstr(ttl, "@prefix skos: "));
  g_assert_nonnull(strstr(ttl, "@prefix xsd: "));
  /* nothing of the ontology without --with-ontology, no unused prefix */
  g_assert_null(strstr(ttl, "@prefix owl:"));
  g_assert_null(strstr(ttl, "@prefix dcterms:"));
  g_assert_null(strstr(ttl, "owl:Class"));
  g_assert_nonnull(strstr(ttl, "a azo:Country"));
  g_assert_nonnull(strstr(ttl, "a rdf:Statement"));
  g_assert_nonnull(strstr(ttl, "azo:start \"2003\"^^xsd:gYear"));
  g_assert_nonnull(strstr(with, "azo:Country\n    a owl:Class ."));
  g_assert_nonnull(strstr(with, "@prefix owl:"));
}

static void
test_export_ntriples_shape(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(AzkbStore) store = small_store();
  g_autofree char *nt        = export_text(
    store, f->dir, "ntriples", "http://example.org/kb/", AZKB_RDF_EXPORT_DATA);

  /* A: type, label, altLabel, memberOf, electedTo (direct); the node: type,
   * subject, predicate, object, start, source */
  g_assert_cmpuint(azkb_test_count_lines(nt), ==, 11);
  g_assert_nonnull(strstr(nt,
                          "<http://example.org/kb/id/A> "
                          "<http://example.org/kb/ontology#electedTo> "
                          "<http://example.org/kb/id/B> .\n"));
  g_assert_nonnull(strstr(nt, "<http://example.org/kb/statement/"));
  g_assert_null(strstr(nt, BASE));
}

/* Byte for byte what the exporter wrote before it was tuned for speed
 * (tests/data/export/edge.*, written then): statement IRIs hashed over
 * dates of every precision, years below 1000, points, open ends, literal
 * objects and qualifiers, escaped and non-ASCII labels, in N-Triples and
 * in Turtle. */
static void
test_export_golden(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  static const struct {
    const char *format, *golden;
  } cases[] = {
    { "ntriples", "edge.nt" },
    { "turtle", "edge.out.ttl" },
  };
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autofree char *input = g_build_filename("data", "export", "edge.ttl", NULL);
  GError          *error = NULL;

  g_assert_true(azkb_rdf_import_file(store, input, NULL, NULL, &error));
  g_assert_no_error(error);
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *golden_path =
      g_build_filename("data", "export", cases[i].golden, NULL);
    g_autofree char *golden = read_file(golden_path);
    g_autofree char *out =
      export_text(store,
                  f->dir,
                  cases[i].format,
                  NULL,
                  AZKB_RDF_EXPORT_DATA | AZKB_RDF_EXPORT_ONTOLOGY);

    g_assert_cmpstr(out, ==, golden);
  }
}

/* Past TERM_SLOTS_MAX store terms the exporter's term cache shares slots
 * and evicts (src/rdf/export.c, term()); forced down to a few slots, an
 * export must still be byte for byte the same, in every syntax. */
static void
test_export_small_term_cache(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbGenerateOptions options = { .n_entities = 300, .seed = 3 };
  g_autoptr(AzkbStore) store  = azkb_store_new();
  GError *error               = NULL;

  g_assert_true(azkb_generate(store, &options, &error));
  g_assert_no_error(error);
  for (gsize i = 0; i < G_N_ELEMENTS(syntaxes); i++) {
    AzkbRdfExportFlags all = AZKB_RDF_EXPORT_DATA | AZKB_RDF_EXPORT_ONTOLOGY;
    g_autofree char *whole = export_text(store, f->dir, syntaxes[i], NULL, all);
    g_autofree char *evicting = NULL;

    AzkbRdfExportOptions small = { .flags = all, .term_cache = 4 };
    g_autofree char     *path  = g_build_filename(f->dir, "small.rdf", NULL);

    azkb_rdf_export_file_full(store, path, syntaxes[i], NULL, &small, &error);
    g_assert_no_error(error);
    evicting = read_file(path);
    g_assert_cmpstr(evicting, ==, whole);
  }
}

/* The same content added in another order exports byte for byte the same,
 * with the same statement IRIs. */
static void
test_export_deterministic(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  static const char *const parts[] = {
    "az:A a azo:Country ; rdfs:label \"A\"@en .\n",
    "az:B a azo:Body ; azo:partOf az:A .\n",
    "[] a rdf:Statement ; rdf:subject az:A ; rdf:predicate azo:memberOf ;\n"
    "  rdf:object az:B ; azo:start \"1992\"^^xsd:gYear ; azo:ongoing true .\n",
    "[] a rdf:Statement ; rdf:subject az:A ; rdf:predicate azo:memberOf ;\n"
    "  rdf:object az:B ; azo:pointInTime \"1990\"^^xsd:gYear .\n",
  };
  g_autofree char *forward =
    g_strjoin("", PREFIXES, parts[0], parts[1], parts[2], parts[3], NULL);
  g_autofree char *backward =
    g_strjoin("", PREFIXES, parts[3], parts[2], parts[1], parts[0], NULL);
  g_autoptr(AzkbStore) a = load_ok(forward, "f.ttl");
  g_autoptr(AzkbStore) b = load_ok(backward, "b.ttl");

  for (gsize i = 0; i < G_N_ELEMENTS(syntaxes); i++) {
    g_autofree char *x =
      export_text(a, f->dir, syntaxes[i], NULL, AZKB_RDF_EXPORT_DATA);
    g_autofree char *y =
      export_text(b, f->dir, syntaxes[i], NULL, AZKB_RDF_EXPORT_DATA);

    g_assert_cmpstr(x, ==, y);
  }
}

static void
test_export_bad_format(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(AzkbStore) store = small_store();
  g_autofree char *path      = g_build_filename(f->dir, "kb.ttl", NULL);
  g_autofree char *text      = NULL;
  GError          *error     = NULL;

  g_assert_true(g_file_set_contents(path, "old\n", -1, NULL));
  g_assert_false(azkb_rdf_export_file(
    store, path, "n3", NULL, AZKB_RDF_EXPORT_DATA, &error));
  g_assert_error(error, AZKB_RDF_ERROR, AZKB_RDF_ERROR_FORMAT);
  g_clear_error(&error);
  g_assert_false(azkb_rdf_export_file(
    store, path, "trig", NULL, AZKB_RDF_EXPORT_DATA, &error));
  g_assert_error(error, AZKB_RDF_ERROR, AZKB_RDF_ERROR_FORMAT);
  g_clear_error(&error);
  text = read_file(path);
  g_assert_cmpstr(text, ==, "old\n");
  g_assert_cmpuint(azkb_test_count_entries(f->dir), ==, 1);
}

static void
test_export_bad_base(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  static const char *const bases[] = { "not an iri",
                                       "http://example.org/kb",
                                       "kb/" };
  g_autoptr(AzkbStore) store       = small_store();
  g_autofree char *path            = g_build_filename(f->dir, "kb.nt", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS(bases); i++) {
    GError *error = NULL;

    g_assert_false(azkb_rdf_export_file(
      store, path, NULL, bases[i], AZKB_RDF_EXPORT_DATA, &error));
    g_assert_error(error, AZKB_RDF_ERROR, AZKB_RDF_ERROR_FORMAT);
    g_assert_nonnull(strstr(error->message, bases[i]));
    g_clear_error(&error);
  }
  g_assert_cmpuint(azkb_test_count_entries(f->dir), ==, 0);
}

/* What RDF/XML cannot name (a predicate or class that does not end in an
 * XML name, or whose name after the RDF namespace is not one: raptor wrote
 * rdf:a:b with the namespace rdf:a:, which its parser refuses) is refused
 * before anything is written; Turtle writes it. */
#define RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

static void
test_export_rdfxml_names(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  static const char *const cases[][2] = {
    { "<http://e.org/a> <" RDF_NS "a:b> <http://e.org/c> .\n",
      "RDF/XML cannot write <" RDF_NS
      "a:b>: after the RDF namespace, an XML name must follow" },
    { "<http://e.org/a> a <" RDF_NS "C:D> .\n",
      "RDF/XML cannot write <" RDF_NS
      "C:D>: after the RDF namespace, an XML name must follow" },
    { "<http://e.org/a> <http://e.org/p/> <http://e.org/c> .\n",
      "RDF/XML cannot write <http://e.org/p/>: it does not end in an XML "
      "name" },
  };
  g_autofree char *path = g_build_filename(f->dir, "kb.rdf", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autoptr(AzkbStore) store = load_ok(cases[i][0], "names.ttl");
    g_autofree char *turtle =
      export_text(store, f->dir, "turtle", NULL, AZKB_RDF_EXPORT_DATA);
    GError *error = NULL;

    g_assert_false(azkb_rdf_export_file(
      store, path, "rdfxml", NULL, AZKB_RDF_EXPORT_DATA, &error));
    g_assert_error(error, AZKB_RDF_ERROR, AZKB_RDF_ERROR_SHAPE);
    azkb_test_assert_contains(error->message, cases[i][1]);
    g_clear_error(&error);
    g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
    g_assert_nonnull(strstr(turtle, "<http://e.org/a>"));
  }
}

static void
test_export_no_dir(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(AzkbStore) store = small_store();
  g_autofree char *path      = g_build_filename(f->dir, "none", "kb.ttl", NULL);
  GError          *error     = NULL;

  g_assert_false(azkb_rdf_export_file(
    store, path, NULL, NULL, AZKB_RDF_EXPORT_DATA, &error));
  g_assert_error(error, AZKB_RDF_ERROR, AZKB_RDF_ERROR_IO);
  g_assert_true(g_str_has_prefix(error->message, path));
  g_clear_error(&error);
  g_assert_cmpuint(azkb_test_count_entries(f->dir), ==, 0);
}

/* A write that fails half-way (the file size limit, which binds root too)
 * leaves neither a partial file nor a temporary one, and the old file. */
static void
test_export_write_fails(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autofree char *path = g_build_filename(f->dir, "kb.nt", NULL);
  g_autofree char *text = NULL;

  g_assert_true(g_file_set_contents(path, "old\n", -1, NULL));
  if (g_test_subprocess()) {
    g_autoptr(AzkbStore) store = azkb_store_new();
    struct rlimit limit        = { 4096, 4096 };
    GError       *error        = NULL;

    g_assert_true(azkb_rdf_import_bundled(store, &error));
    signal(SIGXFSZ, SIG_IGN);
    g_assert_cmpint(setrlimit(RLIMIT_FSIZE, &limit), ==, 0);
    g_assert_false(azkb_rdf_export_file(
      store, path, "ntriples", NULL, AZKB_RDF_EXPORT_DATA, &error));
    g_assert_error(error, AZKB_RDF_ERROR, AZKB_RDF_ERROR_IO);
    g_printerr("%s\n", error->message);
    g_clear_error(&error);
    return;
  }
  g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed();
  g_test_trap_assert_stderr("*kb.nt: cannot write: File too large*");
  text = read_file(path);
  g_assert_cmpstr(text, ==, "old\n");
  g_assert_cmpuint(azkb_test_count_entries(f->dir), ==, 1);
}

/* ---- round trips ---- */

/* import(export(kb)) holds what kb holds, and export(import(export(kb)))
 * is export(kb) up to blank node names, for @syntax.  FALSE (with the
 * test failed and @what named) on a difference. */
static gboolean
round_trip(AzkbStore *kb, const char *dir, const char *syntax, const char *what)
{
  AzkbRdfExportFlags all    = AZKB_RDF_EXPORT_DATA | AZKB_RDF_EXPORT_ONTOLOGY;
  g_autofree char   *path   = g_build_filename(dir, "kb.out", NULL);
  g_autoptr(AzkbStore) back = azkb_store_new();
  g_autofree char *want     = dump_store(kb);
  g_autofree char *got      = NULL;
  g_autofree char *nt1      = NULL;
  g_autofree char *nt2      = NULL;
  g_autofree char *c1       = NULL;
  g_autofree char *c2       = NULL;
  GError          *error    = NULL;

  if (!azkb_rdf_export_file(kb, path, syntax, NULL, all, &error) ||
      !azkb_rdf_import_file(back, path, syntax, NULL, &error)) {
    g_test_fail_printf("%s, %s: %s", what, syntax, error->message);
    g_clear_error(&error);
    return FALSE;
  }
  got = dump_store(back);
  if (strcmp(want, got) != 0) {
    g_test_fail_printf("%s, %s: import(export(kb)) differs from kb:\n"
                       "--- kb\n%s--- import(export(kb))\n%s",
                       what,
                       syntax,
                       want,
                       got);
    return FALSE;
  }
  nt1 = export_text(kb, dir, "ntriples", NULL, all);
  nt2 = export_text(back, dir, "ntriples", NULL, all);
  c1  = canonical_ntriples(nt1);
  c2  = canonical_ntriples(nt2);
  if (strcmp(c1, c2) != 0) {
    g_test_fail_printf("%s, %s: export(import(export(kb))) is not "
                       "export(kb):\n--- export(kb)\n%s--- again\n%s",
                       what,
                       syntax,
                       c1,
                       c2);
    return FALSE;
  }
  return TRUE;
}

/* Whether N-Triples @nt holds the line @triple. */
static gboolean
has_triple(const char *nt, const char *triple)
{
  g_autofree char *line = g_strconcat(triple, " .\n", NULL);

  return strstr(nt, line) != NULL;
}

/* A plain name stands for BASE id/NAME or BASE ontology#NAME by its kind;
 * an IRI used against its namespace (an id/ IRI as a relation or a
 * qualifier, an ontology# IRI as a source) must still be written back as
 * itself, not as its namesake in the other namespace (fuzz finding
 * rdf-turtle-id-predicate-roundtrip: az:end as a qualifier came back as
 * the time property azo:end). */
static void
test_import_namespace_kept(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(AzkbStore) store = load_ok(
    PREFIXES "az:A az:likes az:B .\n"
             "az:C azo:likes az:D .\n"
             "[] rdf:subject az:A ; rdf:predicate azo:r ; rdf:object az:B ;\n"
             "  azo:start \"2017\"^^xsd:gYear ; az:end \"2003\"^^xsd:gYear ;\n"
             "  prov:wasDerivedFrom azo:P1 .\n",
    "namespaces.ttl");
  g_autofree char *nt =
    export_text(store, f->dir, "ntriples", NULL, AZKB_RDF_EXPORT_DATA);

  g_assert_true(
    has_triple(nt, "<" BASE "id/A> <" BASE "id/likes> <" BASE "id/B>"));
  g_assert_true(
    has_triple(nt, "<" BASE "id/C> <" BASE "ontology#likes> <" BASE "id/D>"));
  g_assert_false(
    has_triple(nt, "<" BASE "id/A> <" BASE "ontology#likes> <" BASE "id/B>"));
  g_assert_nonnull(strstr(nt, "<" BASE "id/end> \"2003\"^^"));
  g_assert_null(strstr(nt, "<" BASE "ontology#end>"));
  g_assert_nonnull(strstr(nt,
                          "> <http://www.w3.org/ns/prov#wasDerivedFrom> <" BASE
                          "ontology#P1> ."));
  g_assert_true(round_trip(store, f->dir, "turtle", "namespaces"));
  g_assert_true(round_trip(store, f->dir, "ntriples", "namespaces"));
}

/* A store that already writes a name under id/ keeps doing so when a later
 * file uses the ontology# IRI of the same name. */
static void
test_import_namespace_merge(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  const char *text           = PREFIXES "az:A azo:X az:B .\n";
  g_autoptr(AzkbStore) store = load_ok(
    PREFIXES "az:X a azo:Country ; rdfs:label \"X\"@en .\n", "first.ttl");
  g_autoptr(GBytes) bytes = g_bytes_new_static(text, strlen(text));
  GError          *error  = NULL;
  g_autofree char *nt     = NULL;

  g_assert_true(azkb_rdf_import_bytes(
    store, bytes, "second.ttl", NULL, NULL, NULL, &error));
  g_assert_no_error(error);
  nt = export_text(store, f->dir, "ntriples", NULL, AZKB_RDF_EXPORT_DATA);
  g_assert_true(
    has_triple(nt, "<" BASE "id/A> <" BASE "ontology#X> <" BASE "id/B>"));
  g_assert_true(has_triple(nt,
                           "<" BASE "id/X> "
                           "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                           "<" BASE "ontology#Country>"));
  g_assert_null(strstr(
    nt, "<" BASE "ontology#X> <http://www.w3.org/2000/01/rdf-schema#label>"));
}

static void
test_round_trip_bundled(Fixture *f, gconstpointer data)
{
  const char *syntax       = data;
  g_autoptr(AzkbStore) kb  = azkb_store_new();
  GError            *error = NULL;
  AzkbRdfExportFlags all   = AZKB_RDF_EXPORT_DATA | AZKB_RDF_EXPORT_ONTOLOGY;

  g_assert_true(azkb_rdf_import_bundled(kb, &error));
  g_assert_no_error(error);
  g_assert_cmpuint(azkb_store_n_statements(kb), >, 100);
  if (round_trip(kb, f->dir, syntax, "bundled knowledge base")) {
    /* no blank nodes here: the second export is byte-identical */
    g_autofree char *path     = g_build_filename(f->dir, "again.out", NULL);
    g_autoptr(AzkbStore) back = azkb_store_new();
    g_autofree char *one      = export_text(kb, f->dir, syntax, NULL, all);
    g_autofree char *two      = NULL;

    g_assert_true(g_file_set_contents(path, one, -1, NULL));
    g_assert_true(azkb_rdf_import_file(back, path, syntax, NULL, &error));
    g_assert_no_error(error);
    two = export_text(back, f->dir, syntax, NULL, all);
    g_assert_cmpstr(one, ==, two);
  }
}

/* ---- random graphs ---- */

static const char *
pick(GRand *r, const char *const *items, gsize n)
{
  return items[g_rand_int_range(r, 0, (gint32)n)];
}

static AzkbDate
random_date(GRand *r)
{
  AzkbDate d = { 0 };

  d.year      = g_rand_int_range(r, 1900, 2031);
  d.precision = (guint8)g_rand_int_range(r, 1, 4);
  if (d.precision >= AZKB_PRECISION_MONTH)
    d.month = (guint8)g_rand_int_range(r, 1, 13);
  if (d.precision == AZKB_PRECISION_DAY)
    d.day = (guint8)g_rand_int_range(r, 1, 29);
  return d;
}

static AzkbInterval
random_time(GRand *r)
{
  AzkbDate     a = random_date(r), b = random_date(r);
  AzkbInterval t = { 0 };

  if (azkb_date_compare(&a, &b) > 0) {
    AzkbDate tmp = a;
    a            = b;
    b            = tmp;
  }
  switch (g_rand_int_range(r, 0, 7)) {
    case 0:
      return t; /* undated */
    case 1:
      return azkb_interval_point(&a);
    case 2:
      t = azkb_interval_make(&a, &b);
      return azkb_interval_is_valid(&t) ? t : azkb_interval_make(&a, NULL);
    case 3:
      return azkb_interval_make(&a, NULL);
    case 4:
      t           = azkb_interval_make(&a, NULL);
      t.end_bound = AZKB_BOUND_OPEN;
      return t;
    case 5:
      return azkb_interval_make(NULL, &b);
    default:
      t.end_bound = AZKB_BOUND_OPEN;
      return t;
  }
}

static AzkbTermId
random_literal(GRand *r, AzkbStore *store)
{
  static const char *const texts[] = {
    "plain",
    "with \"quotes\" and \\ backslash",
    "two\nlines\tand tab",
    "Ağdam – ü",
    "",
    "ends with space ",
  };
  static const char *const langs[] = { "en", "fr", "az-Latn" };
  static const char *const ints[]  = { "0", "-12", "147", "169" };
  static const char *const decs[]  = { "1.5", "-0.25", "86.6" };
  GError                  *error   = NULL;
  AzkbTermId               t       = 0;
  AzkbDate                 d;
  char                    *s;

  switch (g_rand_int_range(r, 0, 8)) {
    case 0:
      t = azkb_store_intern_literal(store,
                                    AZKB_VALUE_STRING,
                                    pick(r, texts, G_N_ELEMENTS(texts)),
                                    NULL,
                                    NULL,
                                    &error);
      break;
    case 1:
      t = azkb_store_intern_literal(store,
                                    AZKB_VALUE_STRING,
                                    pick(r, texts, G_N_ELEMENTS(texts)),
                                    NULL,
                                    pick(r, langs, G_N_ELEMENTS(langs)),
                                    &error);
      break;
    case 2:
      t = azkb_store_intern_literal(store,
                                    AZKB_VALUE_INTEGER,
                                    pick(r, ints, G_N_ELEMENTS(ints)),
                                    NULL,
                                    NULL,
                                    &error);
      break;
    case 3:
      t = azkb_store_intern_literal(store,
                                    AZKB_VALUE_DECIMAL,
                                    pick(r, decs, G_N_ELEMENTS(decs)),
                                    NULL,
                                    NULL,
                                    &error);
      break;
    case 4:
      t = azkb_store_intern_literal(store,
                                    AZKB_VALUE_BOOLEAN,
                                    g_rand_boolean(r) ? "true" : "false",
                                    NULL,
                                    NULL,
                                    &error);
      break;
    case 5:
      d = random_date(r);
      s = azkb_date_to_string(&d, AZKB_TIME_STYLE_ISO);
      t = azkb_store_intern_literal(
        store, AZKB_VALUE_DATE, s, NULL, NULL, &error);
      g_free(s);
      break;
    case 6:
      t = azkb_store_intern_literal(
        store, AZKB_VALUE_OTHER, "1.0E3", "xsd:double", NULL, &error);
      break;
    default:
      t = azkb_store_intern_literal(store,
                                    AZKB_VALUE_OTHER,
                                    "opaque",
                                    "<http://example.org/dt#t>",
                                    NULL,
                                    &error);
      break;
  }
  g_assert_no_error(error);
  return t;
}

/* An entity's name: mostly slugs, some full IRIs, some blank nodes. */
static char *
entity_name(GRand *r, guint i)
{
  switch (g_rand_int_range(r, 0, 10)) {
    case 0:
      return g_strdup_printf("<http://other.example/thing/%u>", i);
    case 1:
      return g_strdup_printf("_:n%u", i);
    default:
      return g_strdup_printf("E%u", i);
  }
}

/* A random graph with every feature azkb exports: classes with a
 * hierarchy, relations with signatures, entities with classes, labels and
 * attributes of every value kind, statements with every kind of time,
 * sources and qualifiers, several statements of one (s, p, o).
 * Kept out, as doc/linked-data.md documents they do not round-trip: an entity
 * with nothing said of it, a name that is both an entity and a class, an
 * attribute equal to a statement. */
static AzkbStore *
random_store(guint32 seed)
{
  g_autoptr(GRand) r       = g_rand_new_with_seed(seed);
  AzkbStore *store         = azkb_store_new();
  guint      n_classes     = g_rand_int_range(r, 2, 7);
  guint      n_relations   = g_rand_int_range(r, 2, 6);
  guint      n_entities    = g_rand_int_range(r, 3, 40);
  g_autoptr(GArray) entity = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));

  for (guint i = 0; i < n_classes; i++) {
    g_autofree char *name = g_strdup_printf("C%u", i);
    AzkbTermId       c    = azkb_store_intern(store, name);

    azkb_store_mark(store, c, AZKB_TERM_CLASS);
    if (i > 0)
      azkb_store_add_subclass(store, c, azkb_store_intern(store, "C0"));
    if (g_rand_boolean(r))
      azkb_store_add_label(store, c, "a class", "en", AZKB_LABEL_PREFERRED);
  }
  for (guint i = 0; i < n_relations; i++) {
    g_autofree char *name = g_strdup_printf("r%u", i);
    AzkbTermId       rel  = azkb_store_intern(store, name);

    azkb_store_mark(store, rel, AZKB_TERM_RELATION);
    if (g_rand_boolean(r))
      azkb_store_set_signature(
        store,
        rel,
        azkb_store_lookup(store, "C0"),
        g_rand_boolean(r) ? azkb_store_lookup(store, "C1") : 0);
  }
  for (guint i = 0; i < n_entities; i++) {
    g_autofree char *name = entity_name(r, i);
    AzkbTermId       e    = azkb_store_add_entity(store, name);
    g_autofree char *cls =
      g_strdup_printf("C%d", g_rand_int_range(r, 0, n_classes));

    g_array_append_val(entity, e);
    azkb_store_add_class(store, e, azkb_store_lookup(store, cls));
    if (name[0] == '_') {
      g_autofree char *own = g_strdup_printf("blank %u", i);

      azkb_store_add_label(store, e, own, NULL, AZKB_LABEL_PREFERRED);
    }
    if (g_rand_boolean(r))
      azkb_store_add_label(store,
                           e,
                           "Name ü \"q\"",
                           g_rand_boolean(r) ? "en" : NULL,
                           AZKB_LABEL_PREFERRED);
    if (g_rand_int_range(r, 0, 3) == 0)
      azkb_store_add_label(store, e, "AB", NULL, AZKB_LABEL_ALTERNATIVE);
    for (int k = g_rand_int_range(r, 0, 3); k > 0; k--) {
      g_autofree char *prop = g_strdup_printf("a%d", g_rand_int_range(r, 0, 3));

      azkb_store_add_attribute(
        store, e, azkb_store_intern(store, prop), random_literal(r, store));
    }
  }
  for (guint i = 0; i < n_entities * 2; i++) {
    AzkbTermId s =
      g_array_index(entity, AzkbTermId, g_rand_int_range(r, 0, n_entities));
    g_autofree char *rel =
      g_strdup_printf("r%d", g_rand_int_range(r, 0, n_relations));
    AzkbTermId o =
      g_rand_int_range(r, 0, 5) == 0
        ? random_literal(r, store)
        : g_array_index(entity, AzkbTermId, g_rand_int_range(r, 0, n_entities));
    AzkbInterval t  = random_time(r);
    AzkbStmtId   id = azkb_store_add_statement(
      store,
      s,
      azkb_store_intern(
        store, g_rand_int_range(r, 0, 8) == 0 ? "dcterms:relation" : rel),
      o,
      &t);

    for (int k = g_rand_int_range(r, 0, 3); k > 0; k--) {
      g_autofree char *src = g_strdup_printf("P%d", g_rand_int_range(r, 1, 28));

      azkb_store_add_source(store, id, azkb_store_intern(store, src));
    }
    if (g_rand_int_range(r, 0, 4) == 0)
      azkb_store_add_qualifier(
        store, id, azkb_store_intern(store, "theme"), random_literal(r, store));
  }
  return store;
}

static void
test_round_trip_random(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  guint n_seeds = g_test_slow() ? 300 : UNDER_ASAN ? 5 : 25;

  for (guint32 seed = 1; seed <= n_seeds; seed++) {
    g_autoptr(AzkbStore) kb = random_store(seed);
    g_autofree char *what   = g_strdup_printf("random graph, seed %u", seed);

    for (gsize i = 0; i < G_N_ELEMENTS(syntaxes); i++)
      if (!round_trip(kb, f->dir, syntaxes[i], what))
        return;
  }
}

/* A Turtle export of over 100,000 triples is written in batches, each with
 * its own prefixes (src/rdf/export.c): it must still read back whole. */
static void
test_round_trip_batched(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbGenerateOptions options = { .n_entities = 4000, .seed = 5 };
  g_autoptr(AzkbStore) kb     = azkb_store_new();
  g_autofree char *ttl        = NULL;
  GError          *error      = NULL;
  guint            n_prefix   = 0;

  if (UNDER_ASAN) {
    g_test_skip("slow under AddressSanitizer");
    return;
  }
  g_assert_true(azkb_generate(kb, &options, &error));
  g_assert_no_error(error);
  ttl = export_text(kb, f->dir, "turtle", NULL, AZKB_RDF_EXPORT_DATA);
  for (const char *p = ttl; (p = strstr(p, "@prefix az: ")) != NULL; p++)
    n_prefix++;
  g_assert_cmpuint(n_prefix, >, 1);
  round_trip(kb, f->dir, "turtle", "generated graph, 4000 entities, seed 5");
}

static void
test_round_trip_generated(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbGenerateOptions options = { .n_entities = 500, .seed = 11 };
  g_autoptr(AzkbStore) kb     = azkb_store_new();
  GError *error               = NULL;

  g_assert_true(azkb_generate(kb, &options, &error));
  g_assert_no_error(error);
  round_trip(kb, f->dir, "ntriples", "generated graph, 500 entities, seed 11");
  round_trip(kb, f->dir, "turtle", "generated graph, 500 entities, seed 11");
}

/* azkb_rdf_export_select(): keeping every triple writes the N-Triples
 * export byte for byte; a select that fails stops the export with its
 * error. */
typedef struct {
  GString *out;
  guint    seen;
  guint    fail_at; ///< 0: never
} Selecting;

static gboolean
select_append(const void *data, gsize len, gpointer user_data, GError **error)
{
  Selecting *s = user_data;

  (void)error;
  g_string_append_len(s->out, data, (gssize)len);
  return TRUE;
}

static gboolean
select_all(const AzkbRdfTerm triple[3],
           gboolean         *out_write,
           gpointer          user_data,
           GError          **error)
{
  Selecting *s = user_data;

  g_assert_nonnull(triple[0].value);
  if (++s->seen == s->fail_at) {
    g_set_error(
      error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stopped at %u", s->seen);
    return FALSE;
  }
  *out_write = TRUE;
  return TRUE;
}

static void
test_export_select(void)
{
  AzkbGenerateOptions options = { .n_entities = 200, .seed = 5 };
  g_autoptr(AzkbStore) kb     = azkb_store_new();
  g_autoptr(GError) error     = NULL;
  Selecting whole             = { .out = g_string_new(NULL) };
  Selecting kept              = { .out = g_string_new(NULL) };
  Selecting fail              = { .out = g_string_new(NULL), .fail_at = 10 };

  g_assert_true(azkb_generate(kb, &options, &error));
  g_assert_no_error(error);
  g_assert_true(
    azkb_rdf_export_to_func(kb,
                            "ntriples",
                            NULL,
                            AZKB_RDF_EXPORT_DATA | AZKB_RDF_EXPORT_ONTOLOGY,
                            select_append,
                            &whole,
                            &error));
  g_assert_no_error(error);
  g_assert_true(
    azkb_rdf_export_select(kb,
                           NULL,
                           AZKB_RDF_EXPORT_DATA | AZKB_RDF_EXPORT_ONTOLOGY,
                           select_all,
                           select_append,
                           &kept,
                           &error));
  g_assert_no_error(error);
  g_assert_cmpuint(kept.seen, ==, azkb_test_count_lines(whole.out->str));
  g_assert_cmpstr(kept.out->str, ==, whole.out->str);
  g_assert_false(azkb_rdf_export_select(
    kb, NULL, AZKB_RDF_EXPORT_DATA, select_all, select_append, &fail, &error));
  g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr(error->message, ==, "stopped at 10");
  /* stopped after the subject at hand, not at its end */
  g_assert_cmpuint(fail.seen, ==, 10);
  g_string_free(whole.out, TRUE);
  g_string_free(kept.out, TRUE);
  g_string_free(fail.out, TRUE);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  /* in tests/, as the rdf tests have always run */
  g_assert_cmpint(g_chdir(g_test_get_dir(G_TEST_DIST)), ==, 0);
  g_test_add("/rdf/import/namespace-kept",
             Fixture,
             NULL,
             fixture_set_up,
             test_import_namespace_kept,
             fixture_tear_down);
  g_test_add("/rdf/import/namespace-merge",
             Fixture,
             NULL,
             fixture_set_up,
             test_import_namespace_merge,
             fixture_tear_down);
  g_test_add("/rdf/export/turtle-shape",
             Fixture,
             NULL,
             fixture_set_up,
             test_export_turtle_shape,
             fixture_tear_down);
  g_test_add("/rdf/export/ntriples-shape",
             Fixture,
             NULL,
             fixture_set_up,
             test_export_ntriples_shape,
             fixture_tear_down);
  g_test_add("/rdf/export/golden",
             Fixture,
             NULL,
             fixture_set_up,
             test_export_golden,
             fixture_tear_down);
  g_test_add("/rdf/export/small-term-cache",
             Fixture,
             NULL,
             fixture_set_up,
             test_export_small_term_cache,
             fixture_tear_down);
  g_test_add("/rdf/export/deterministic",
             Fixture,
             NULL,
             fixture_set_up,
             test_export_deterministic,
             fixture_tear_down);
  g_test_add_func("/rdf/export/select", test_export_select);
  g_test_add("/rdf/export/atomic/bad-format",
             Fixture,
             NULL,
             fixture_set_up,
             test_export_bad_format,
             fixture_tear_down);
  g_test_add("/rdf/export/bad-base",
             Fixture,
             NULL,
             fixture_set_up,
             test_export_bad_base,
             fixture_tear_down);
  g_test_add("/rdf/export/rdfxml-names",
             Fixture,
             NULL,
             fixture_set_up,
             test_export_rdfxml_names,
             fixture_tear_down);
  g_test_add("/rdf/export/atomic/no-dir",
             Fixture,
             NULL,
             fixture_set_up,
             test_export_no_dir,
             fixture_tear_down);
  g_test_add("/rdf/export/atomic/write-fails",
             Fixture,
             NULL,
             fixture_set_up,
             test_export_write_fails,
             fixture_tear_down);
  for (gsize i = 0; i < G_N_ELEMENTS(syntaxes); i++) {
    g_autofree char *path =
      g_strconcat("/rdf/round-trip/bundled/", syntaxes[i], NULL);

    g_test_add(path,
               Fixture,
               syntaxes[i],
               fixture_set_up,
               test_round_trip_bundled,
               fixture_tear_down);
  }
  g_test_add("/rdf/round-trip/random",
             Fixture,
             NULL,
             fixture_set_up,
             test_round_trip_random,
             fixture_tear_down);
  g_test_add("/rdf/round-trip/batched",
             Fixture,
             NULL,
             fixture_set_up,
             test_round_trip_batched,
             fixture_tear_down);
  g_test_add("/rdf/round-trip/generated",
             Fixture,
             NULL,
             fixture_set_up,
             test_round_trip_generated,
             fixture_tear_down);
  return g_test_run();
}
