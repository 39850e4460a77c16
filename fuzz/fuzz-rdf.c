/* azkb — fuzz the RDF importer: azkb_rdf_import_bytes() on Turtle or
 * N-Triples (FUZZ_RDF_FORMAT, set by meson: one binary per syntax).
 *
 * Each input is imported into a store that already holds a small graph.
 * Invariants:
 *   - a failure sets one AZKB_RDF_ERROR whose one-line message starts with
 *     the file name, and leaves the store exactly as it was;
 *   - a success leaves a consistent store, and importing the same bytes
 *     again changes nothing (a reload is idempotent);
 *   - whatever was loaded exports (in the same syntax) and reads back;
 *   - Turtle read from a file, which goes to raptor in pieces
 *     (src/rdf/turtle-cut.c), loads the same, or fails with the same
 *     message, when cut after every statement as when given whole.  Line
 *     numbers are left out of that comparison: raptor's Turtle lexer does
 *     not count the lines of statements written N-Triples style, and a
 *     piece restarts its count where the file's line is known, so a cut
 *     file's lines can only be the more right.
 */
#include "fuzz.h"

#include <azkb/rdf.h>
#include <stdio.h>
#include <string.h>

#ifndef FUZZ_RDF_FORMAT
#  error "FUZZ_RDF_FORMAT must name a syntax"
#endif

/* raptor2 2.0.15's N-Triples parser never frees the datatype URI of a
 * typed literal ("2003"^^xsd:gYear); `rapper -i ntriples` leaks it too.
 * When the datatype is one raptor interns at start (xsd:integer, ...), the
 * leaked URI is the one raptor_concepts_init() made.  Its Turtle parser
 * drops a blank node term on a syntax error inside "[ ]" (rapper too).
 * azkb cannot free either, so LeakSanitizer (which reads these hooks) sets
 * those leaks aside.  The slow
 * unwinder is needed to see raptor's frames: raptor is built without frame
 * pointers. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);

const char *
__lsan_default_suppressions(void)
{
  return "leak:raptor_ntriples_parse_term\n"
         "leak:raptor_concepts_init\n"
         "leak:turtle_parser_parse\n";
}

const char *
__lsan_default_options(void)
{
  return "fast_unwind_on_malloc=0";
}

/* What the store holds before each input: an entity with a class and a
 * label, and a dated, sourced statement node. */
static const char seed_turtle[] =
  "@prefix az: <http://azkb.example/id/> .\n"
  "@prefix azo: <http://azkb.example/ontology#> .\n"
  "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
  "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
  "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
  "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
  "az:Azerbaijan a azo:Country ; rdfs:label \"Azerbaijan\"@en .\n"
  "az:ECOSOC a azo:Body ; rdfs:label \"ECOSOC\"@en .\n"
  "[] a rdf:Statement ; rdf:subject az:Azerbaijan ;\n"
  "  rdf:predicate azo:electedTo ; rdf:object az:ECOSOC ;\n"
  "  azo:start \"2003\"^^xsd:gYear ; azo:end \"2005\"^^xsd:gYear ;\n"
  "  prov:wasDerivedFrom az:P7 .\n";

static AzkbStore *
seeded_store(void)
{
  static AzkbStore *seed;
  AzkbStore        *store = azkb_store_new();

  if (seed == NULL) {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes =
      g_bytes_new_static(seed_turtle, sizeof seed_turtle - 1);

    seed = azkb_store_new();
    FUZZ_CHECK(azkb_rdf_import_bytes(
      seed, bytes, "seed.ttl", "turtle", NULL, NULL, &error));
  }
  azkb_store_merge(store, seed);
  return store;
}

/* Whatever azkb holds, it writes; whatever it writes, it reads. */
static void
check_export(AzkbStore *store)
{
  g_autoptr(GError) error   = NULL;
  g_autoptr(AzkbStore) back = azkb_store_new();
  g_autofree char *path     = g_build_filename(fuzz_tmp_dir(), "export", NULL);

  if (!azkb_rdf_export_file(store,
                            path,
                            FUZZ_RDF_FORMAT,
                            NULL,
                            AZKB_RDF_EXPORT_DATA | AZKB_RDF_EXPORT_ONTOLOGY,
                            &error)) {
    fprintf(stderr, "export failed: %s\n", error->message);
    fuzz_fail(__FILE__, __LINE__, "the export of an imported store fails");
  }
  if (fuzz_lax("roundtrip"))
    return;
  if (!azkb_rdf_import_file(back, path, FUZZ_RDF_FORMAT, NULL, &error)) {
    fprintf(stderr, "re-import failed: %s\n", error->message);
    fuzz_fail(
      __FILE__, __LINE__, "the export of an imported store does not read back");
  }
}

/* The store (without locations) and the message without its "file:line:"
 * (or "ok") after loading @path into a seeded store in pieces of
 * @piece_bytes (0: the default, larger than any input, so whole).
 * (transfer full) */
/* @message past "@path:", the line and the column, if it has them. */
static const char *
after_location(const char *message, const char *path)
{
  const char *p = message;

  if (!g_str_has_prefix(p, path) || p[strlen(path)] != ':')
    return message;
  p += strlen(path) + 1;
  for (int field = 0; field < 2 && g_ascii_isdigit(*p); field++) {
    while (g_ascii_isdigit(*p))
      p++;
    if (*p == ':')
      p++;
  }
  return p;
}

static char *
load_outcome(const char *path, gsize piece_bytes)
{
  g_autoptr(AzkbStore) store   = seeded_store();
  g_autoptr(GError) error      = NULL;
  g_autofree char     *state   = NULL;
  AzkbRdfImportOptions options = { .piece_bytes = piece_bytes };
  gboolean             ok;

  ok = azkb_rdf_import_file_with(
    store, path, FUZZ_RDF_FORMAT, NULL, &options, NULL, &error);
  state = fuzz_store_fingerprint(store, FALSE);
  if (ok)
    return g_strconcat("ok\n", state, NULL);
  return g_strconcat(after_location(error->message, path), "\n", state, NULL);
}

static void
check_pieces(const uint8_t *data, size_t size)
{
  g_autofree char *path  = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *cut   = NULL;

  if (strcmp(FUZZ_RDF_FORMAT, "turtle") != 0)
    return;
  path = g_build_filename(fuzz_tmp_dir(), "pieces.ttl", NULL);
  FUZZ_CHECK(g_file_set_contents(path, (const char *)data, (gssize)size, NULL));
  whole = load_outcome(path, 0);
  cut   = load_outcome(path, 1);
  fuzz_check_same(
    "Turtle cut after every statement loads as the whole file", whole, cut);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static const char name[]   = "fuzz." FUZZ_RDF_FORMAT;
  g_autoptr(GError) error    = NULL;
  g_autoptr(GBytes) bytes    = NULL;
  g_autoptr(AzkbStore) store = NULL;
  g_autofree char   *before  = NULL;
  g_autofree char   *after   = NULL;
  AzkbRdfImportStats stats   = { 0 };
  gboolean           ok;

  fuzz_setup();
  check_pieces(data, size);
  store  = seeded_store();
  before = fuzz_store_fingerprint(store, TRUE);
  bytes  = g_bytes_new(data, size);

  ok = azkb_rdf_import_bytes(
    store, bytes, name, FUZZ_RDF_FORMAT, NULL, &stats, &error);
  after = fuzz_store_fingerprint(store, TRUE);
  if (!ok) {
    fuzz_check_failure(ok, error, AZKB_RDF_ERROR);
    FUZZ_CHECK(error->code == AZKB_RDF_ERROR_PARSE ||
               error->code == AZKB_RDF_ERROR_SHAPE);
    FUZZ_CHECK(g_str_has_prefix(error->message, name) &&
               error->message[strlen(name)] == ':');
    fuzz_check_same(
      "a failed import leaves the store unchanged", before, after);
    return 0;
  }

  FUZZ_CHECK(error == NULL);
  FUZZ_CHECK(stats.statement_nodes <= stats.triples);
  {
    g_autofree char *again = NULL;

    FUZZ_CHECK(azkb_rdf_import_bytes(
      store, bytes, name, FUZZ_RDF_FORMAT, NULL, NULL, &error));
    again = fuzz_store_fingerprint(store, TRUE);
    fuzz_check_same(
      "importing the same data again changes nothing", after, again);
  }
  check_export(store);
  return 0;
}
