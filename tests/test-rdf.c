/* Tests of RDF import through raptor2: how triples map to the store
 * (statement nodes, times, labels, the ontology, blank nodes, base and
 * namespaces), located errors, large inputs read on the intake thread, and
 * Turtle given to raptor in pieces.  tests/bad/ runs in test-rdf-bad.c. */
#include "rdf-test.h"

#include <azkb/generate.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

/* ---- import ---- */

static void
test_import_mapping(void)
{
  g_autoptr(AzkbStore) store =
    load_ok(PREFIXES "az:A a azo:Country ; rdfs:label \"A\"@en ;\n"
                     "  dcterms:isPartOf <http://other.example/thing> ;\n"
                     "  azo:knows _:b1 .\n"
                     "_:b1 a azo:Person .\n",
            "mapping.ttl");
  AzkbTermId a = lookup(store, "A");

  g_assert_true(azkb_store_term_kind(store, a) & AZKB_TERM_ENTITY);
  g_assert_true(azkb_store_term_kind(store, lookup(store, "Country")) &
                AZKB_TERM_CLASS);
  g_assert_true(azkb_store_term_kind(store, lookup(store, "knows")) &
                AZKB_TERM_RELATION);
  g_assert_false(azkb_store_term_kind(store, lookup(store, "knows")) &
                 AZKB_TERM_ENTITY);
  g_assert_true(azkb_store_term_kind(store, lookup(store, "dcterms:isPartOf")) &
                AZKB_TERM_RELATION);
  g_assert_true(
    azkb_store_term_kind(store, lookup(store, "<http://other.example/thing>")) &
    AZKB_TERM_ENTITY);
  g_assert_cmpstr(azkb_store_display_name(store, a), ==, "A");
  {
    gsize           n;
    const AzkbEdge *e =
      azkb_store_out_edges(store, a, lookup(store, "knows"), &n);
    const char *blank;

    g_assert_cmpuint(n, ==, 1);
    blank = azkb_store_term_name(store, e[0].other);
    g_assert_true(g_str_has_prefix(blank, "_:"));
    g_assert_true(g_str_has_suffix(blank, "_b1"));
    g_assert_true(
      azkb_store_has_class(store, e[0].other, lookup(store, "Person")));
  }
}

static void
test_import_blank_scope(void)
{
  const char *text           = PREFIXES "_:b1 a azo:Person .\n";
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(GBytes) bytes    = g_bytes_new_static(text, strlen(text));
  g_autoptr(GArray) entities = NULL;
  GError *error              = NULL;

  g_assert_true(
    azkb_rdf_import_bytes(store, bytes, "one.ttl", NULL, NULL, NULL, &error));
  g_assert_true(
    azkb_rdf_import_bytes(store, bytes, "one.ttl", NULL, NULL, NULL, &error));
  entities = azkb_store_entities(store);
  g_assert_cmpuint(entities->len, ==, 1);
  g_assert_true(
    azkb_rdf_import_bytes(store, bytes, "two.ttl", NULL, NULL, NULL, &error));
  g_assert_no_error(error);
  g_array_unref(entities);
  entities = azkb_store_entities(store);
  g_assert_cmpuint(entities->len, ==, 2);
}

/* A statement node may come before or after its parts; the direct triple it
 * covers adds nothing, and its time and sources come with it. */
static void
test_import_statement_node(void)
{
  static const char *const orders[] = {
    /* node first */
    "<" BASE "statement/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> .\n"
    "<" BASE "statement/x> <" BASE "ontology#start> "
    "\"2003\"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n"
    "<" BASE "statement/x> <" BASE "ontology#end> "
    "\"2005-06\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> .\n"
    "<" BASE "statement/x> <http://www.w3.org/ns/prov#wasDerivedFrom> <" BASE
    "id/P7> .\n"
    "<" BASE "statement/x> <" BASE "ontology#votes> "
    "\"147\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
    "<" BASE
    "statement/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> "
    "<" BASE "id/Azerbaijan> .\n"
    "<" BASE "statement/x> "
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <" BASE
    "ontology#electedTo> .\n"
    "<" BASE "statement/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> "
    "<" BASE "id/ECOSOC> .\n"
    "<" BASE "id/Azerbaijan> <" BASE "ontology#electedTo> <" BASE
    "id/ECOSOC> .\n",
    /* direct triple first, node parts scattered */
    "<" BASE "id/Azerbaijan> <" BASE "ontology#electedTo> <" BASE
    "id/ECOSOC> .\n"
    "<" BASE "statement/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> "
    "<" BASE "id/ECOSOC> .\n"
    "<" BASE "statement/x> <" BASE "ontology#end> "
    "\"2005-06\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> .\n"
    "<" BASE
    "statement/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> "
    "<" BASE "id/Azerbaijan> .\n"
    "<" BASE "statement/x> <" BASE "ontology#votes> "
    "\"147\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
    "<" BASE "statement/x> "
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <" BASE
    "ontology#electedTo> .\n"
    "<" BASE "statement/x> <http://www.w3.org/ns/prov#wasDerivedFrom> <" BASE
    "id/P7> .\n"
    "<" BASE "statement/x> <" BASE "ontology#start> "
    "\"2003\"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n",
  };

  for (gsize i = 0; i < G_N_ELEMENTS(orders); i++) {
    g_autoptr(AzkbStore) store = load_ok(orders[i], "order.nt");
    AzkbStatement st;
    AzkbStmtId    id = only_statement(store, "Azerbaijan", "electedTo");
    g_autoptr(GArray) sources    = azkb_store_statement_sources(store, id);
    g_autoptr(GArray) qualifiers = azkb_store_statement_qualifiers(store, id);
    AzkbLiteral lit;

    g_assert_cmpuint(azkb_store_n_statements(store), ==, 1);
    azkb_store_get_statement(store, id, &st);
    g_assert_cmpint(st.time.start_bound, ==, AZKB_BOUND_DATE);
    g_assert_cmpint(st.time.start.precision, ==, AZKB_PRECISION_YEAR);
    g_assert_cmpint(st.time.start.year, ==, 2003);
    g_assert_cmpint(st.time.end.precision, ==, AZKB_PRECISION_MONTH);
    g_assert_cmpint(st.time.end.month, ==, 6);
    g_assert_false(st.time.is_point);
    g_assert_cmpuint(sources->len, ==, 1);
    g_assert_cmpstr(
      azkb_store_term_name(store, g_array_index(sources, AzkbTermId, 0)),
      ==,
      "P7");
    g_assert_cmpuint(qualifiers->len, ==, 1);
    g_assert_true(azkb_store_get_literal(
      store, g_array_index(qualifiers, AzkbQualifier, 0).value, &lit));
    g_assert_cmpint(lit.kind, ==, AZKB_VALUE_INTEGER);
    g_assert_cmpstr(lit.lexical, ==, "147");
    /* the statement node is no entity */
    g_assert_cmpuint(azkb_store_lookup(store, "<" BASE "statement/x>"), ==, 0);
  }
}

static void
test_import_time_kinds(void)
{
  g_autoptr(AzkbStore) store = load_ok(
    PREFIXES
    "[] a rdf:Statement ; rdf:subject az:A ; rdf:predicate azo:visited ;\n"
    "  rdf:object az:B ; azo:pointInTime \"2012-05-04\"^^xsd:date .\n"
    "[] a rdf:Statement ; rdf:subject az:A ; rdf:predicate azo:memberOf ;\n"
    "  rdf:object az:C ; azo:start \"1999\"^^xsd:gYear ; azo:ongoing true .\n"
    "[] a rdf:Statement ; rdf:subject az:A ; rdf:predicate azo:chaired ;\n"
    "  rdf:object az:D ; azo:end \"1995\"^^xsd:gYear .\n",
    "times.ttl");
  AzkbStatement st;

  azkb_store_get_statement(store, only_statement(store, "A", "visited"), &st);
  g_assert_true(st.time.is_point);
  g_assert_cmpint(st.time.start.precision, ==, AZKB_PRECISION_DAY);
  g_assert_cmpint(st.time.start.day, ==, 4);
  azkb_store_get_statement(store, only_statement(store, "A", "memberOf"), &st);
  g_assert_cmpint(st.time.end_bound, ==, AZKB_BOUND_OPEN);
  g_assert_cmpint(st.time.start.year, ==, 1999);
  azkb_store_get_statement(store, only_statement(store, "A", "chaired"), &st);
  g_assert_cmpint(st.time.start_bound, ==, AZKB_BOUND_UNKNOWN);
  g_assert_cmpint(st.time.end_bound, ==, AZKB_BOUND_DATE);
}

/* Without a statement node: an IRI object is an undated, unsourced
 * statement; a literal object is an attribute. */
static void
test_import_direct(void)
{
  g_autoptr(AzkbStore) store =
    load_ok(PREFIXES "az:A azo:memberOf az:UN ; azo:motto \"Unity\"@en ;\n"
                     "  azo:area 86.6 ; azo:founded \"1918\"^^xsd:gYear ;\n"
                     "  azo:landlocked false ;\n"
                     "  azo:code \"AZ\"^^xsd:string ;\n"
                     "  azo:weight \"1.5E3\"^^xsd:double .\n",
            "direct.ttl");
  AzkbStatement        st;
  gsize                n;
  const AzkbQualifier *attrs =
    azkb_store_entity_attributes(store, lookup(store, "A"), &n);
  g_autoptr(GArray) sources = NULL;
  AzkbStmtId id             = only_statement(store, "A", "memberOf");

  azkb_store_get_statement(store, id, &st);
  g_assert_true(azkb_interval_is_undated(&st.time));
  sources = azkb_store_statement_sources(store, id);
  g_assert_cmpuint(sources->len, ==, 0);
  g_assert_cmpuint(azkb_store_n_statements(store), ==, 1);
  g_assert_cmpuint(n, ==, 6);
  for (gsize i = 0; i < n; i++) {
    const char *prop = azkb_store_term_name(store, attrs[i].property);
    AzkbLiteral lit;

    g_assert_true(azkb_store_get_literal(store, attrs[i].value, &lit));
    if (strcmp(prop, "motto") == 0) {
      g_assert_cmpint(lit.kind, ==, AZKB_VALUE_STRING);
      g_assert_cmpstr(lit.lang, ==, "en");
    } else if (strcmp(prop, "area") == 0)
      g_assert_cmpint(lit.kind, ==, AZKB_VALUE_DECIMAL);
    else if (strcmp(prop, "founded") == 0)
      g_assert_cmpint(lit.kind, ==, AZKB_VALUE_DATE);
    else if (strcmp(prop, "landlocked") == 0)
      g_assert_cmpint(lit.kind, ==, AZKB_VALUE_BOOLEAN);
    else if (strcmp(prop, "code") == 0) {
      /* "AZ"^^xsd:string is the plain string "AZ" */
      g_assert_cmpint(lit.kind, ==, AZKB_VALUE_STRING);
      g_assert_null(lit.lang);
    } else {
      g_assert_cmpstr(prop, ==, "weight");
      g_assert_cmpint(lit.kind, ==, AZKB_VALUE_OTHER);
      g_assert_cmpstr(lit.datatype, ==, "xsd:double");
    }
  }
}

static void
test_import_labels_ontology(void)
{
  g_autoptr(AzkbStore) store =
    load_ok(PREFIXES "<" BASE "ontology> a owl:Ontology ; rdfs:label \"o\" .\n"
                     "azo:Body a owl:Class ; rdfs:subClassOf azo:Org ;\n"
                     "  rdfs:label \"body\"@en .\n"
                     "azo:partOf a owl:ObjectProperty ;\n"
                     "  rdfs:domain azo:Body ; rdfs:range azo:Org .\n"
                     "azo:votes a owl:DatatypeProperty .\n"
                     "az:X a azo:Body ; skos:prefLabel \"Ex\"@en ;\n"
                     "  skos:altLabel \"X\" .\n",
            "onto.ttl");
  AzkbTermId       body = lookup(store, "Body");
  AzkbTermId       x    = lookup(store, "X");
  AzkbTermId       domain, range;
  gsize            n;
  const AzkbLabel *labels;
  g_autoptr(GArray) entities = azkb_store_entities(store);

  g_assert_true(azkb_store_term_kind(store, body) & AZKB_TERM_CLASS);
  g_assert_false(azkb_store_term_kind(store, body) & AZKB_TERM_ENTITY);
  g_assert_true(azkb_store_is_subclass(store, body, lookup(store, "Org")));
  g_assert_true(azkb_store_term_kind(store, lookup(store, "partOf")) &
                AZKB_TERM_RELATION);
  g_assert_true(azkb_store_term_kind(store, lookup(store, "votes")) &
                AZKB_TERM_PROPERTY);
  azkb_store_get_signature(store, lookup(store, "partOf"), &domain, &range);
  g_assert_cmpuint(domain, ==, body);
  g_assert_cmpuint(range, ==, lookup(store, "Org"));
  /* only az:X is an entity: not the ontology header, not the classes */
  g_assert_cmpuint(entities->len, ==, 1);
  g_assert_cmpuint(g_array_index(entities, AzkbTermId, 0), ==, x);
  labels = azkb_store_entity_labels(store, x, &n);
  g_assert_cmpuint(n, ==, 2);
  g_assert_cmpstr(azkb_store_display_name(store, x), ==, "Ex");
  g_assert_cmpstr(azkb_store_short_name(store, x), ==, "X");
  for (gsize i = 0; i < n; i++)
    if (labels[i].kind == AZKB_LABEL_PREFERRED)
      g_assert_cmpstr(labels[i].lang, ==, "en");
  labels = azkb_store_entity_labels(store, body, &n);
  g_assert_cmpuint(n, ==, 1);
}

/* Locations: an entity at the first line of its subject block, a statement
 * at its node's block, a direct statement at its own line. */
static void
test_import_locations(void)
{
  g_autoptr(AzkbStore) store =
    load_ok(PREFIXES "\n# an entity over three lines\n"
                     "az:A\n" /* 13 */
                     "  a azo:Country ;\n"
                     "  azo:memberOf az:UN .\n"
                     "\n"
                     "azs:1 a rdf:Statement ;\n" /* 17 */
                     "  rdf:subject az:A ; rdf:predicate azo:electedTo ;\n"
                     "  rdf:object az:ECOSOC ;\n"
                     "  prov:wasDerivedFrom az:P7 .\n",
            "where.ttl");
  const char *file;
  guint       line;

  g_assert_true(
    azkb_store_get_location(store, lookup(store, "A"), 0, &file, &line));
  g_assert_cmpstr(file, ==, "where.ttl");
  g_assert_cmpuint(line, ==, 13);
  g_assert_true(azkb_store_get_location(
    store, 0, only_statement(store, "A", "electedTo"), &file, &line));
  g_assert_cmpuint(line, ==, 17);
  g_assert_true(azkb_store_get_location(
    store, 0, only_statement(store, "A", "memberOf"), &file, &line));
  g_assert_cmpuint(line, ==, 13);
}

static void
test_import_ntriples_lines(void)
{
  g_autoptr(AzkbStore) store =
    load_ok("<" BASE "id/A> <" BASE "ontology#p> <" BASE "id/B> .\n"
            "\n"
            "<" BASE "id/C> <" BASE "ontology#p> <" BASE "id/B> .\n",
            "lines.nt");
  const char *file;
  guint       line;

  g_assert_true(
    azkb_store_get_location(store, lookup(store, "C"), 0, &file, &line));
  g_assert_cmpuint(line, ==, 3);
}

static void
test_import_base(void)
{
  const char *text           = "@prefix o: <http://other.example/ontology#> .\n"
                               "<http://other.example/id/A> o:p <" BASE "id/B> .\n";
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(GBytes) bytes    = g_bytes_new_static(text, strlen(text));
  GError *error              = NULL;

  g_assert_true(azkb_rdf_import_bytes(
    store, bytes, "base.ttl", NULL, "http://other.example/", NULL, &error));
  g_assert_no_error(error);
  g_assert_cmpuint(azkb_store_lookup(store, "A"), !=, 0);
  g_assert_cmpuint(azkb_store_lookup(store, "p"), !=, 0);
  g_assert_cmpuint(azkb_store_lookup(store, "<" BASE "id/B>"), !=, 0);
}

static void
test_import_missing(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autofree char *path      = g_build_filename(f->dir, "none.ttl", NULL);
  g_autofree char *expected =
    g_strconcat(path, ": No such file or directory", NULL);
  g_autofree char *dir_msg = g_strconcat(f->dir, ": is a directory", NULL);
  GError          *error   = NULL;

  g_assert_false(azkb_rdf_import_file(store, path, NULL, NULL, &error));
  g_assert_error(error, AZKB_RDF_ERROR, AZKB_RDF_ERROR_IO);
  g_assert_cmpstr(error->message, ==, expected);
  g_clear_error(&error);
  g_assert_false(azkb_rdf_import_file(store, f->dir, "turtle", NULL, &error));
  g_assert_error(error, AZKB_RDF_ERROR, AZKB_RDF_ERROR_IO);
  g_assert_cmpstr(error->message, ==, dir_msg);
  g_clear_error(&error);
  g_assert_false(azkb_rdf_import_file(store, "kb.xyz", NULL, NULL, &error));
  g_assert_error(error, AZKB_RDF_ERROR, AZKB_RDF_ERROR_FORMAT);
  g_clear_error(&error);
  g_assert_false(azkb_rdf_import_file(store, path, "n3", NULL, &error));
  g_assert_error(error, AZKB_RDF_ERROR, AZKB_RDF_ERROR_FORMAT);
  g_clear_error(&error);
  g_assert_cmpuint(azkb_store_n_terms(store), ==, 0);
}

/* ---- large inputs: the intake runs on its own thread ---- */

/* A generated graph's N-Triples: over the size (4 MiB) from which the
 * importer interns on a second thread. */
static char *
large_ntriples(const char *dir, AzkbStore **out_kb)
{
  AzkbGenerateOptions options = { .n_entities = 2000, .seed = 5 };
  g_autoptr(AzkbStore) kb     = azkb_store_new();
  char    *path               = g_build_filename(dir, "large.nt", NULL);
  GStatBuf st;
  GError  *error = NULL;

  g_assert_true(azkb_generate(kb, &options, &error));
  g_assert_no_error(error);
  g_assert_true(
    azkb_rdf_export_file(kb,
                         path,
                         "ntriples",
                         NULL,
                         AZKB_RDF_EXPORT_DATA | AZKB_RDF_EXPORT_ONTOLOGY,
                         &error));
  g_assert_no_error(error);
  g_assert_cmpint(g_stat(path, &st), ==, 0);
  g_assert_cmpint(st.st_size, >, 4 << 20);
  if (out_kb != NULL)
    *out_kb = g_steal_pointer(&kb);
  return path;
}

static void
test_large_round_trip(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(AzkbStore) kb   = NULL;
  g_autofree char *path     = large_ntriples(f->dir, &kb);
  g_autoptr(AzkbStore) back = azkb_store_new();
  g_autofree char   *want   = dump_store(kb);
  g_autofree char   *got    = NULL;
  AzkbRdfImportStats stats  = { 0 };
  GError            *error  = NULL;

  g_assert_true(
    azkb_rdf_import_file_stats(back, path, NULL, NULL, &stats, &error));
  g_assert_no_error(error);
  got = dump_store(back);
  g_assert_cmpstr(got, ==, want);
  g_assert_cmpuint(stats.statements, ==, azkb_store_n_statements(kb));
  /* one triple a line: every batch reached the table */
  {
    g_autofree char *text = read_file(path);

    g_assert_cmpuint(stats.triples, ==, azkb_test_count_lines(text));
  }
}

/* Appends @tail to the large file and names it by @extension (N-Triples is
 * also Turtle); the import must fail with a parse error and leave the store
 * as it was.  Returns the error, and in @out_where "FILE:LINE" for the
 * tail's first line plus @line_offset.  (transfer full) */
static GError *
import_large_with_tail(const char *dir,
                       const char *extension,
                       const char *tail,
                       guint       line_offset,
                       char      **out_where)
{
  g_autofree char *nt        = large_ntriples(dir, NULL);
  g_autofree char *text      = read_file(nt);
  g_autofree char *name      = g_strconcat("large.", extension, NULL);
  g_autofree char *path      = g_build_filename(dir, name, NULL);
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autofree char *before    = NULL;
  g_autofree char *after     = NULL;
  g_autoptr(GString) all     = g_string_new(text);
  GError *error              = NULL;

  g_string_append(all, tail);
  g_assert_true(g_file_set_contents(path, all->str, (gssize)all->len, &error));
  g_assert_no_error(error);
  g_assert_true(azkb_rdf_import_bundled(store, &error));
  before = dump_store(store);
  g_assert_false(azkb_rdf_import_file(store, path, NULL, NULL, &error));
  g_assert_error(error, AZKB_RDF_ERROR, AZKB_RDF_ERROR_PARSE);
  after = dump_store(store);
  g_assert_cmpstr(after, ==, before);
  *out_where = g_strdup_printf(
    "%s:%u", path, azkb_test_count_lines(text) + 1 + line_offset);
  return error;
}

static void
test_large_bad_utf8(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autofree char *where = NULL;
  g_autofree char *want  = NULL;
  /* a bad term, then a syntax error further on: the term is reported, as
   * it comes first, though the parser reaches the syntax error while the
   * intake thread is still behind.  (raptor's N-Triples parser checks
   * UTF-8 itself; its Turtle parser does not.) */
  GError *error =
    import_large_with_tail(f->dir,
                           "ttl",
                           "@prefix t: <http://azkb.example/id/> .\n"
                           "t:ok t:p t:ok2 .\n"
                           "<http://azkb.example/id/bad\xfe> t:p t:ok .\n"
                           "this is not Turtle\n",
                           2,
                           &where);

  want = g_strconcat(where, ": a term is not valid UTF-8", NULL);
  g_assert_cmpstr(error->message, ==, want);
  g_error_free(error);
}

static void
test_large_syntax_error(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autofree char *where  = NULL;
  g_autofree char *prefix = NULL;
  GError          *error =
    import_large_with_tail(f->dir, "nt", "this is not N-Triples\n", 0, &where);

  /* raptor's column and text follow */
  prefix = g_strconcat(where, ":", NULL);
  g_assert_true(g_str_has_prefix(error->message, prefix));
  g_error_free(error);
}

/* ---- Turtle in pieces ---- */

/* Documents whose statements hide a " ." at a line end in places no cut
 * may fall: long strings, comments, brackets; and what a piece must carry
 * over: prefixes (one of them declared again), blank node labels, @base. */
static const char *const pieces_cases[] = {
  "@prefix ex: <http://example.org/a/> .\n"
  "@prefix : <http://example.org/empty/> .\n"
  "# a comment with a dot .\n"
  "ex:s1 ex:p \"\"\"long string .\n"
  "with a dot at a line end .\n"
  "and \"quotes\" \"\" inside\"\"\" .\n"
  "ex:s2 ex:p 'single \\' quote .' .\n"
  "_:b1 ex:p ex:o .\n"
  ":x ex:p ( ex:a ex:b\n"
  "  ex:c ) .\n"
  "ex:s4 ex:p [ ex:q ex:r ;\n"
  "] .\n"
  "@prefix ex: <http://example.org/b/> .\n"
  "ex:s5 ex:p _:b1 . # a comment after the dot\n"
  "ex:s6 ex:p 1.5 .\n"
  "ex:s8 ex:p ex:with\\.dot .\n"
  ":y ex:p ''''quoted''' .\n",
  "@base <http://example.org/base/> .\n"
  "<r1> <p> <o> .\n"
  "@base <sub/> .\n"
  "<r2> <p> <o> .\n"
  "BASE <../x/>\n"
  "<r3> <p> <o> .\n",
  "PREFIX ex: <http://example.org/p/>\n"
  "# a comment\n"
  "  BASE <http://example.org/q/> <r> ex:p <o> .\n"
  "ex:s ex:p <t> .\n",
};

/* The store loaded from @path as text (or "error: " and the message),
 * cut into pieces of @piece_bytes (0: the default, larger than any test
 * file, so the document goes whole). */
static char *
load_in_pieces(const char *path, gsize piece_bytes)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  GError  *error             = NULL;
  gboolean ok;

  AzkbRdfImportOptions options = { .piece_bytes = piece_bytes };

  ok =
    azkb_rdf_import_file_with(store, path, NULL, NULL, &options, NULL, &error);
  if (!ok) {
    char *text = g_strconcat("error: ", error->message, NULL);

    g_error_free(error);
    return text;
  }
  return dump_store(store);
}

static void
test_import_turtle_pieces(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autofree char *path = g_build_filename(f->dir, "pieces.ttl", NULL);

  for (guint i = 0; i < G_N_ELEMENTS(pieces_cases); i++) {
    g_autofree char *whole = NULL;

    g_assert_true(g_file_set_contents(path, pieces_cases[i], -1, NULL));
    whole = load_in_pieces(path, 0);
    g_assert_false(g_str_has_prefix(whole, "error: "));
    /* a cut after every statement, and cuts that fall anywhere */
    for (guint size = 1; size < 64; size += 7) {
      g_autofree char *cut = load_in_pieces(path, size);

      g_assert_cmpstr(cut, ==, whole);
    }
  }
  /* what the cases load is what they say, not two equal mistakes */
  {
    g_autofree char *got = NULL;

    g_assert_true(g_file_set_contents(path, pieces_cases[1], -1, NULL));
    got = load_in_pieces(path, 1);
    g_assert_nonnull(strstr(got, "http://example.org/base/sub/r2"));
    g_assert_nonnull(strstr(got, "http://example.org/base/x/r3"));
    g_assert_true(g_file_set_contents(path, pieces_cases[2], -1, NULL));
    g_free(got);
    got = load_in_pieces(path, 1);
    g_assert_nonnull(strstr(got, "http://example.org/q/t"));
  }
}

/* Every Turtle file of the tests and of the fuzz corpus loads the same, or
 * fails with the same message, cut after each statement or anywhere. */
static void
add_turtle_files(const char *dir, gboolean all, GPtrArray *out)
{
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
    g_autofree char *path = g_build_filename(dir, name, NULL);

    if (g_file_test(path, G_FILE_TEST_IS_DIR))
      add_turtle_files(path, all, out);
    else if (all || g_str_has_suffix(name, ".ttl"))
      g_ptr_array_add(out, g_steal_pointer(&path));
  }
}

static void
test_import_turtle_pieces_corpus(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func(g_free);
  g_autofree char *path      = g_build_filename(f->dir, "case.ttl", NULL);

  add_turtle_files(".", FALSE, files);
  add_turtle_files("../fuzz/corpus/rdf-turtle", TRUE, files);
  g_assert_cmpuint(files->len, >, 40);
  for (guint i = 0; i < files->len; i++) {
    g_autofree char *text  = NULL;
    gsize            len   = 0;
    g_autofree char *whole = NULL;

    g_assert_true(g_file_get_contents(files->pdata[i], &text, &len, NULL));
    g_assert_true(g_file_set_contents(path, text, (gssize)len, NULL));
    whole = load_in_pieces(path, 0);
    for (guint size = 1; size < 16; size += 6) {
      g_autofree char *cut = load_in_pieces(path, size);

      if (g_strcmp0(cut, whole) != 0)
        g_test_message("%s cut at %u bytes", (char *)files->pdata[i], size);
      g_assert_cmpstr(cut, ==, whole);
    }
  }
}

/* An error in a later piece names the line it has in the file. */
static void
test_import_turtle_pieces_error(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autofree char *path  = g_build_filename(f->dir, "pieces.ttl", NULL);
  g_autofree char *want  = NULL;
  g_autofree char *got   = NULL;
  g_autofree char *whole = NULL;

  g_assert_true(g_file_set_contents(path,
                                    "@prefix ex: <http://example.org/> .\n"
                                    "ex:a ex:p ex:b .\n"
                                    "ex:c ex:p \"\"\"x .\n"
                                    "y\"\"\" .\n"
                                    "ex:d ex:p ex:e ex:oops .\n",
                                    -1,
                                    NULL));
  want  = g_strconcat("error: ", path, ":5: ", NULL);
  got   = load_in_pieces(path, 1);
  whole = load_in_pieces(path, 0);
  g_assert_true(g_str_has_prefix(got, want));
  g_assert_cmpstr(got, ==, whole);
}

/* The store loaded from @path as text, or "error: " and the message, with
 * at most @max_terms distinct terms. */
static char *
load_with_max_terms(const char *path, guint32 max_terms)
{
  g_autoptr(AzkbStore) store   = azkb_store_new();
  g_autoptr(GError) error      = NULL;
  AzkbRdfImportOptions options = { .max_terms = max_terms };

  if (!azkb_rdf_import_file_with(
        store, path, NULL, NULL, &options, NULL, &error)) {
    g_assert_error(error, AZKB_RDF_ERROR, AZKB_RDF_ERROR_PARSE);
    return g_strconcat("error: ", error->message, NULL);
  }
  return dump_store(store);
}

/* Past the term table's limit (2^30 - 1 terms; here a small one set for
 * the test, through the same check) the load stops with a located error,
 * and loads nothing, instead of stopping the program. */
static void
test_import_max_terms(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autofree char *path = g_build_filename(f->dir, "terms.nt", NULL);
  g_autofree char *want = NULL;
  g_autofree char *got  = NULL;
  g_autofree char *all  = NULL;

  /* 3 terms, then 4, then 6 */
  g_assert_true(
    g_file_set_contents(path,
                        "<http://ex/a> <http://ex/p> <http://ex/b> .\n"
                        "<http://ex/a> <http://ex/p> <http://ex/c> .\n"
                        "<http://ex/d> <http://ex/p> \"x\" .\n",
                        -1,
                        NULL));
  want = g_strconcat("error: ",
                     path,
                     ":3: more than 4 distinct terms (IRIs, blank nodes and "
                     "literals): one import holds at most that many",
                     NULL);
  got  = load_with_max_terms(path, 4);
  g_assert_cmpstr(got, ==, want);
  all = load_with_max_terms(path, 0);
  g_assert_false(g_str_has_prefix(all, "error: "));
  g_free(got);
  got = load_with_max_terms(path, 6);
  g_assert_cmpstr(got, ==, all);
}

/* Keys longer than what is left of a block of keys (and than a block)
 * beside short ones: each term comes back whole. */
static void
test_import_long_keys(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autofree char *path      = g_build_filename(f->dir, "long.nt", NULL);
  g_autoptr(GString) text    = g_string_new(NULL);
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(GError) error    = NULL;
  const gsize      sizes[]   = { 10, 100 * 1024,  10,        3 * 1024 * 1024,
                                 10, 1024 * 1024, 70 * 1024, 10 };
  g_autofree char *dump      = NULL;

  for (guint i = 0; i < G_N_ELEMENTS(sizes); i++) {
    g_string_append_printf(text, "<http://ex/s%u> <http://ex/p> \"", i);
    for (gsize k = 0; k < sizes[i]; k++)
      g_string_append_c(text, (char)('a' + (k + i) % 26));
    g_string_append(text, "\" .\n");
  }
  g_assert_true(g_file_set_contents(path, text->str, (gssize)text->len, NULL));
  g_assert_true(azkb_rdf_import_file(store, path, NULL, NULL, &error));
  g_assert_no_error(error);
  dump = dump_store(store);
  for (guint i = 0; i < G_N_ELEMENTS(sizes); i++) {
    g_autoptr(GString) lit = g_string_new("\"");

    for (gsize k = 0; k < sizes[i]; k++)
      g_string_append_c(lit, (char)('a' + (k + i) % 26));
    g_string_append_c(lit, '"');
    g_assert_nonnull(strstr(dump, lit->str));
  }
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  /* in tests/, as the rdf tests have always run */
  g_assert_cmpint(g_chdir(g_test_get_dir(G_TEST_DIST)), ==, 0);
  g_test_add_func("/rdf/import/mapping", test_import_mapping);
  g_test_add_func("/rdf/import/blank-scope", test_import_blank_scope);
  g_test_add_func("/rdf/import/statement-node", test_import_statement_node);
  g_test_add_func("/rdf/import/time-kinds", test_import_time_kinds);
  g_test_add_func("/rdf/import/direct", test_import_direct);
  g_test_add_func("/rdf/import/labels-ontology", test_import_labels_ontology);
  g_test_add_func("/rdf/import/locations", test_import_locations);
  g_test_add_func("/rdf/import/ntriples-lines", test_import_ntriples_lines);
  g_test_add_func("/rdf/import/base", test_import_base);
  g_test_add("/rdf/import/missing",
             Fixture,
             NULL,
             fixture_set_up,
             test_import_missing,
             fixture_tear_down);
  g_test_add("/rdf/import/turtle-pieces",
             Fixture,
             NULL,
             fixture_set_up,
             test_import_turtle_pieces,
             fixture_tear_down);
  g_test_add("/rdf/import/turtle-pieces-corpus",
             Fixture,
             NULL,
             fixture_set_up,
             test_import_turtle_pieces_corpus,
             fixture_tear_down);
  g_test_add("/rdf/import/max-terms",
             Fixture,
             NULL,
             fixture_set_up,
             test_import_max_terms,
             fixture_tear_down);
  g_test_add("/rdf/import/long-keys",
             Fixture,
             NULL,
             fixture_set_up,
             test_import_long_keys,
             fixture_tear_down);
  g_test_add("/rdf/import/turtle-pieces-error",
             Fixture,
             NULL,
             fixture_set_up,
             test_import_turtle_pieces_error,
             fixture_tear_down);
  g_test_add("/rdf/import/large/round-trip",
             Fixture,
             NULL,
             fixture_set_up,
             test_large_round_trip,
             fixture_tear_down);
  g_test_add("/rdf/import/large/bad-utf8",
             Fixture,
             NULL,
             fixture_set_up,
             test_large_bad_utf8,
             fixture_tear_down);
  g_test_add("/rdf/import/large/syntax-error",
             Fixture,
             NULL,
             fixture_set_up,
             test_large_syntax_error,
             fixture_tear_down);
  return g_test_run();
}
