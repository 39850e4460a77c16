/* Two threads at once: each imports, queries and exports on a store of its
 * own, or both read one store, and get what one thread alone gets.  Every build
 * runs this; the ThreadSanitizer build (scripts/tsan.sh) is the one that sees a
 * race between them, in azkb or in what it shares with raptor and libxml2.
 *
 * What the library promises (each public header says it for its module):
 * objects (a store, a query, a result, a diagram) are used by one thread at
 * a time, but for a store that only threads reading it share; two threads
 * may each use their own at the same time, and share nothing behind the
 * caller's back (no present date, no raptor state). */
#include "azkb-test.h"
/* for the store's reference count alone (test_refs_from_two_readers) */
#include "src/store/store-private.h"

#include <azkb/azkb.h>
#include <azkb/generate.h>
#include <string.h>

#define ROUNDS 3

static const char bad_rdfxml[] =
  "<?xml version=\"1.0\"?>\n"
  "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
  "         xmlns:azo=\"http://azkb.example/ontology#\">\n"
  "  <rdf:Description rdf:about=\"http://azkb.example/id/X\">\n"
  "    <azo:memberOf rdf:resource=\"http://azkb.example/id/UN\">\n"
  "  </rdf:Description>\n"
  "</rdf:RDF>\n";

/* A membership since 2020 that still holds: whether it holds in 2025
 * depends on the present (an open end runs to it). */
static const char ongoing_ttl[] =
  "@prefix az: <http://azkb.example/id/> .\n"
  "@prefix azo: <http://azkb.example/ontology#> .\n"
  "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
  "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
  "az:A azo:memberOf az:C .\n"
  "[] a rdf:Statement ; rdf:subject az:A ; rdf:predicate azo:memberOf ;\n"
  "  rdf:object az:C ; azo:start \"2020\"^^xsd:gYear ; azo:ongoing true .\n";

static gboolean
append(const void *data, gsize len, gpointer user_data, GError **error)
{
  (void)error;
  g_string_append_len(user_data, data, (gssize)len);
  return TRUE;
}

/* @store written as @format.  (transfer full) */
static char *
export_text(AzkbStore *store, const char *format)
{
  GString *out   = g_string_new(NULL);
  GError  *error = NULL;

  g_assert_true(
    azkb_rdf_export_to_func(store,
                            format,
                            NULL,
                            AZKB_RDF_EXPORT_DATA | AZKB_RDF_EXPORT_ONTOLOGY,
                            append,
                            out,
                            &error));
  g_assert_no_error(error);
  return g_string_free(out, FALSE);
}

/* @text in @format loaded into a new store.  (transfer full) */
static AzkbStore *
import_text(const char *text, const char *name, const char *format)
{
  g_autoptr(GBytes) bytes = g_bytes_new(text, strlen(text));
  AzkbStore *store        = azkb_store_new();
  GError    *error        = NULL;

  g_assert_true(
    azkb_rdf_import_bytes(store, bytes, name, format, NULL, NULL, &error));
  g_assert_no_error(error);
  return store;
}

/* The message of loading the malformed RDF/XML. */
static char *
rdfxml_error(void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static(bad_rdfxml, strlen(bad_rdfxml));
  g_autoptr(AzkbStore) store = azkb_store_new();
  GError *error              = NULL;
  char   *message;

  g_assert_false(azkb_rdf_import_bytes(
    store, bytes, "bad.rdf", "rdfxml", NULL, NULL, &error));
  g_assert_nonnull(error);
  message = g_strdup(error->message);
  g_error_free(error);
  return message;
}

/* The rows of `A -memberOf-> ?x` at 2025 with @year as the present. */
static guint
members_in_2025(AzkbStore *store, gint32 year)
{
  AzkbDate     present   = azkb_date_make(year, 6, 30);
  AzkbDate     y2025     = azkb_date_make(2025, 0, 0);
  AzkbInterval at        = azkb_interval_point(&y2025);
  GError      *error     = NULL;
  g_autoptr(AzkbQuery) q = azkb_query_parse("A -memberOf-> ?x", store, &error);
  g_autoptr(AzkbResult) res = NULL;

  g_assert_no_error(error);
  g_assert_true(azkb_query_set_time(q, &at, &error));
  g_assert_no_error(error);
  azkb_query_set_present(q, &present);
  res = azkb_query_execute(q, 0);
  return azkb_result_n_rows(res);
}

/* What one thread does, and what it found. */
typedef struct {
  gint32      present_year;
  const char *large; /* an N-Triples file large enough for the intake thread */
  guint       large_loaded;  /* its statements */
  const char *turtle_path;   /* where this thread writes Turtle */
  char       *turtle;        /* the bundled knowledge base written there */
  char       *ntriples;      /* the bundled knowledge base exported */
  char       *rdfxml;        /* the same in RDF/XML */
  guint       reloaded;      /* statements of the N-Triples loaded back */
  guint       rdfxml_loaded; /* statements of the RDF/XML loaded back */
  guint       members;       /* members_in_2025() */
  char       *error;         /* rdfxml_error() */
  gboolean    same_rounds;   /* every round gave what the first did */
} Work;

static void
work_clear(Work *w)
{
  g_clear_pointer(&w->ntriples, g_free);
  g_clear_pointer(&w->rdfxml, g_free);
  g_clear_pointer(&w->turtle, g_free);
  g_clear_pointer(&w->error, g_free);
}

static void
work_once(Work *w)
{
  g_autoptr(AzkbStore) kb       = azkb_store_new();
  g_autoptr(AzkbStore) ongoing  = NULL;
  g_autoptr(AzkbStore) back     = NULL;
  g_autoptr(AzkbStore) back_xml = NULL;
  GError *error                 = NULL;

  g_assert_true(azkb_rdf_import_bundled(kb, &error));
  g_assert_no_error(error);
  w->ntriples = export_text(kb, "ntriples");
  w->rdfxml   = export_text(kb, "rdfxml");
  g_assert_true(
    azkb_rdf_export_file(kb,
                         w->turtle_path,
                         "turtle",
                         NULL,
                         AZKB_RDF_EXPORT_DATA | AZKB_RDF_EXPORT_ONTOLOGY,
                         &error));
  g_assert_no_error(error);
  g_assert_true(g_file_get_contents(w->turtle_path, &w->turtle, NULL, &error));
  g_assert_no_error(error);
  back             = import_text(w->ntriples, "kb.nt", "ntriples");
  back_xml         = import_text(w->rdfxml, "kb.rdf", "rdfxml");
  w->reloaded      = azkb_store_n_statements(back);
  w->rdfxml_loaded = azkb_store_n_statements(back_xml);
  ongoing          = import_text(ongoing_ttl, "ongoing.ttl", "turtle");
  w->members       = members_in_2025(ongoing, w->present_year);
  w->error         = rdfxml_error();
  if (w->large != NULL) {
    g_autoptr(AzkbStore) large = azkb_store_new();

    g_assert_true(azkb_rdf_import_file(large, w->large, NULL, NULL, &error));
    g_assert_no_error(error);
    w->large_loaded = azkb_store_n_statements(large);
  }
}

static gboolean
work_equal(const Work *a, const Work *b)
{
  return strcmp(a->ntriples, b->ntriples) == 0 &&
         strcmp(a->rdfxml, b->rdfxml) == 0 &&
         strcmp(a->turtle, b->turtle) == 0 && a->reloaded == b->reloaded &&
         a->rdfxml_loaded == b->rdfxml_loaded && a->members == b->members &&
         a->large_loaded == b->large_loaded && strcmp(a->error, b->error) == 0;
}

static gpointer
work_rounds(gpointer data)
{
  Work *w = data;

  work_once(w);
  w->same_rounds = TRUE;
  for (guint r = 1; r < ROUNDS; r++) {
    Work again = { .present_year = w->present_year,
                   .large        = w->large,
                   .turtle_path  = w->turtle_path };

    work_once(&again);
    w->same_rounds = w->same_rounds && work_equal(w, &again);
    work_clear(&again);
  }
  return NULL;
}

/* A generated graph as N-Triples in @dir, over the size from which an
 * import hands triples to a second thread (import.c THREAD_MIN_BYTES).
 * (transfer full) its path */
static char *
large_file(const char *dir)
{
  AzkbGenerateOptions options = { .n_entities = 1500, .seed = 15 };
  g_autoptr(AzkbStore) store  = azkb_store_new();
  g_autofree char *text       = NULL;
  char            *path       = g_build_filename(dir, "large.nt", NULL);
  GError          *error      = NULL;

  g_assert_true(azkb_generate(store, &options, &error));
  g_assert_no_error(error);
  text = export_text(store, "ntriples");
  g_assert_cmpuint(strlen(text), >, 4u << 20);
  g_assert_true(g_file_set_contents(path, text, -1, &error));
  g_assert_no_error(error);
  return path;
}

/* Two threads, one with 2022 as the present (the membership of 2020.. does
 * not reach 2025), one with 2030 (it does), each importing the bundled
 * knowledge base, exporting it in two syntaxes, loading those back, asking,
 * loading malformed RDF/XML and a file large enough for the intake thread;
 * their answers are those of the main thread doing the same alone. */
static void
test_two_threads_answer_as_one_alone(void)
{
  g_autofree char *dir      = azkb_test_tmpdir_new("azkb-threads");
  g_autofree char *large    = large_file(dir);
  g_autofree char *ttl0     = g_build_filename(dir, "kb-0.ttl", NULL);
  g_autofree char *ttl1     = g_build_filename(dir, "kb-1.ttl", NULL);
  Work             alone[2] = {
                { .present_year = 2022, .large = large, .turtle_path = ttl0 },
                { .present_year = 2030, .large = large, .turtle_path = ttl1 },
  };
  Work both[2] = {
    { .present_year = 2022, .large = large, .turtle_path = ttl0 },
    { .present_year = 2030, .large = large, .turtle_path = ttl1 },
  };
  GThread *threads[2];

  work_once(&alone[0]);
  work_once(&alone[1]);
  g_assert_cmpuint(alone[0].members, ==, 0);
  g_assert_cmpuint(alone[1].members, ==, 1);
  g_assert_cmpuint(alone[0].reloaded, >, 100);
  g_assert_cmpuint(alone[0].rdfxml_loaded, ==, alone[0].reloaded);
  g_assert_true(
    g_str_has_prefix(alone[0].error, "bad.rdf:6: XML parser error: "));
  g_assert_cmpuint(alone[0].large_loaded, >, 5000);
  g_assert_cmpuint(strlen(alone[0].turtle), >, 10000);

  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new("azkb-test", work_rounds, &both[i]);
  for (guint i = 0; i < 2; i++)
    g_thread_join(threads[i]);
  for (guint i = 0; i < 2; i++) {
    g_assert_true(both[i].same_rounds);
    g_assert_cmpuint(both[i].members, ==, alone[i].members);
    g_assert_cmpuint(both[i].reloaded, ==, alone[i].reloaded);
    g_assert_cmpuint(both[i].rdfxml_loaded, ==, alone[i].rdfxml_loaded);
    g_assert_cmpuint(both[i].large_loaded, ==, alone[i].large_loaded);
    g_assert_cmpstr(both[i].ntriples, ==, alone[i].ntriples);
    g_assert_cmpstr(both[i].rdfxml, ==, alone[i].rdfxml);
    g_assert_cmpstr(both[i].turtle, ==, alone[i].turtle);
    /* libxml2 keeps an error handler per thread: a thread that opened no
     * raptor world words RDF/XML errors as the main thread does */
    g_assert_cmpstr(both[i].error, ==, alone[i].error);
    work_clear(&alone[i]);
    work_clear(&both[i]);
  }
  azkb_test_tmpdir_remove(dir);
}

/* The present is the caller's: the same open-ended statement holds in
 * 2025 or not as each call says, on one thread, in any order. */
static void
test_present_is_per_call(void)
{
  g_autoptr(AzkbStore) store =
    import_text(ongoing_ttl, "ongoing.ttl", "turtle");
  AzkbDate     early = azkb_date_make(2022, 6, 30);
  AzkbDate     late  = azkb_date_make(2030, 6, 30);
  AzkbDate     y2025 = azkb_date_make(2025, 0, 0);
  AzkbInterval at    = azkb_interval_point(&y2025);
  AzkbInterval since =
    azkb_interval_since(&(AzkbDate){ 2020, 0, 0, AZKB_PRECISION_YEAR, 0 });

  g_assert_cmpuint(members_in_2025(store, 2030), ==, 1);
  g_assert_cmpuint(members_in_2025(store, 2022), ==, 0);
  g_assert_cmpuint(members_in_2025(store, 2030), ==, 1);
  g_assert_true(azkb_interval_overlaps_at(&since, &at, &late));
  g_assert_false(azkb_interval_overlaps_at(&since, &at, &early));
}

/* ---- two threads reading one store ---- */

/* What each reader asks of the shared store, in this order: between them
 * every view a read builds (adjacency, class members, subclasses, labels,
 * the find index, the order of names). */
static const char *const shared_questions[] = {
  "?p:Person -memberOf-> ?b:Body",
  "?c -partOf+-> ?r",
  "%s -^memberOf-> ?x",
  /* the first Body */ "?x:Country -electedTo-> ?b -partOf*-> ?r",
  "?x -(ledBy|^memberOf)-> ?y",
};

/* A generated graph, then one write of every kind, so that no view a read
 * builds is built yet.  (transfer full) */
static AzkbStore *
unread_store(void)
{
  AzkbGenerateOptions options = { .n_entities = 400, .seed = 7 };
  AzkbStore          *store   = azkb_store_new();
  GError             *error   = NULL;
  AzkbTermId          fresh;
  const AzkbTermId   *bodies;
  gsize               n;

  g_assert_true(azkb_generate(store, &options, &error));
  g_assert_no_error(error);
  bodies =
    azkb_store_class_members(store, azkb_store_lookup(store, "Body"), &n);
  g_assert_cmpuint(n, >, 0);
  fresh = azkb_store_add_entity(store, "ThreadsFresh");
  azkb_store_add_class(store, fresh, azkb_store_lookup(store, "Person"));
  azkb_store_add_label(
    store, fresh, "Threads Fresh", "en", AZKB_LABEL_PREFERRED);
  azkb_store_add_statement(
    store, fresh, azkb_store_lookup(store, "memberOf"), bodies[0], NULL);
  g_assert_false(azkb_store_has_name_ranks(store));
  return store;
}

/* Every answer a reader gets from @store, as text. */
static void
read_store(AzkbStore *store, GString *out)
{
  const guint32    *ranks;
  const AzkbTermId *ids;
  gsize             n;
  guint64           sum = 0;
  const char       *body;

  ids = azkb_store_class_members(store, azkb_store_lookup(store, "Body"), &n);
  g_assert_cmpuint(n, >, 0);
  body = azkb_store_term_name(store, ids[0]);
  for (guint q = 0; q < G_N_ELEMENTS(shared_questions); q++) {
    const char      *question    = shared_questions[q];
    g_autofree char *text        = g_str_has_prefix(question, "%s")
                                     ? g_strconcat(body, question + 2, NULL)
                                     : g_strdup(question);
    GError          *error       = NULL;
    g_autoptr(AzkbQuery) query   = azkb_query_parse(text, store, &error);
    g_autoptr(AzkbResult) result = NULL;
    guint columns;

    g_assert_no_error(error);
    result  = azkb_query_execute(query, 0);
    columns = azkb_result_n_columns(result);
    g_string_append_printf(
      out, "%s: %u rows\n", text, azkb_result_n_rows(result));
    for (guint r = 0; r < azkb_result_n_rows(result); r++) {
      const AzkbTermId *row = azkb_result_row(result, r);

      for (guint c = 0; c < columns; c++)
        g_string_append_printf(out,
                               "%s%c",
                               azkb_store_term_name(store, row[c]),
                               c + 1 < columns ? '\t' : '\n');
    }
  }
  {
    g_autoptr(GArray) found = azkb_store_find(store, "threads fresh");

    g_string_append_printf(out, "found %u\n", found->len);
  }
  ids = azkb_store_class_members(store, azkb_store_lookup(store, "Person"), &n);
  g_string_append_printf(out, "persons %zu first %u\n", n, n ? ids[0] : 0);
  azkb_store_subclasses(store, azkb_store_lookup(store, "Organization"), &n);
  g_string_append_printf(out, "subclasses %zu\n", n);
  ranks = azkb_store_name_ranks(store);
  for (guint t = 1; t <= azkb_store_n_terms(store); t++)
    sum = sum * 31 + ranks[t];
  g_string_append_printf(out, "ranks %" G_GUINT64_FORMAT "\n", sum);
}

typedef struct {
  AzkbStore *store;
  GString   *answers;
} Reader;

static gpointer
reader_run(gpointer data)
{
  Reader *reader = data;

  read_store(reader->store, reader->answers);
  return NULL;
}

/* Two threads ask the same questions of one store at once, on a store
 * whose views no read has built yet, so both may set out to build each
 * one; each gets what one thread alone gets from a store like it. */
static void
test_two_readers_share_one_store(void)
{
  g_autoptr(AzkbStore) alone_store = unread_store();
  g_autoptr(AzkbStore) shared      = unread_store();
  g_autoptr(GString) alone         = g_string_new(NULL);
  Reader   readers[2];
  GThread *threads[2];

  read_store(alone_store, alone);
  g_assert_cmpuint(alone->len, >, 1000);
  g_assert_nonnull(strstr(alone->str, "found 1\n"));
  for (guint i = 0; i < 2; i++) {
    readers[i].store   = shared;
    readers[i].answers = g_string_new(NULL);
  }
  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new("azkb-reader", reader_run, &readers[i]);
  for (guint i = 0; i < 2; i++) {
    g_thread_join(threads[i]);
    g_assert_cmpstr(readers[i].answers->str, ==, alone->str);
    g_string_free(readers[i].answers, TRUE);
  }
}

/* Readers of one store take references to it: every query and every result
 * holds one.  Two threads that ref and unref one store three million times
 * each leave its count where it was.  A plain grefcount lost updates here
 * (the count ended one low, which frees the store under its readers, or
 * hundreds high, which leaks it), and neither ThreadSanitizer nor the
 * public API sees it: GLib's counter functions are not instrumented, so
 * the count is read from the store itself. */
static gpointer
ref_churn(gpointer data)
{
  AzkbStore *store = data;

  for (guint i = 0; i < 3000000; i++) {
    azkb_store_ref(store);
    azkb_store_unref(store);
  }
  return NULL;
}

static void
test_refs_from_two_readers(void)
{
  AzkbStore *store = azkb_store_new();
  GThread   *threads[2];

  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new("azkb-ref", ref_churn, store);
  for (guint i = 0; i < 2; i++)
    g_thread_join(threads[i]);
  g_assert_true(g_atomic_ref_count_compare(&store->ref_count, 1));
  azkb_store_unref(store);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/threads/two-threads-answer-as-one-alone",
                  test_two_threads_answer_as_one_alone);
  g_test_add_func("/threads/present-is-per-call", test_present_is_per_call);
  g_test_add_func("/threads/two-readers-share-one-store",
                  test_two_readers_share_one_store);
  g_test_add_func("/threads/refs-from-two-readers", test_refs_from_two_readers);
  return g_test_run();
}
