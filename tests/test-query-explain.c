/* Tests of what a query prints besides its rows: --explain, and the
 * SPARQL 1.1 translation with its refusals. */
#include "query-test.h"

#include <string.h>

static void
test_explain(void)
{
  g_autoptr(AzkbStore) store = build("a p b; b q c");
  g_autoptr(AzkbQuery) q =
    azkb_query_parse("a -(p/q)+@2019-> ?x <-p- ?y", store, NULL);
  g_autofree char *text = azkb_query_explain(q);

  g_assert_nonnull(strstr(text, "node 1: entity a"));
  g_assert_nonnull(strstr(text, "step 1 (column 3): -(p/q)+->"));
  g_assert_nonnull(strstr(text, "every hop overlaps 2019"));
  /* (p/q)+: the start, p, q; q loops back to p. */
  g_assert_nonnull(strstr(text, "automaton, 3 states"));
  g_assert_nonnull(strstr(text, "state 2 (accept): p → 1"));
  g_assert_nonnull(
    strstr(text, "step 2 (column 21): -^p-> (written backwards)"));
}

static char *
sparql_of(AzkbStore  *store,
          const char *pattern,
          const char *at,
          const char *base,
          GError    **error)
{
  g_autoptr(AzkbQuery) q = azkb_query_parse(pattern, store, NULL);
  AzkbInterval t;

  g_assert_nonnull(q);
  if (at != NULL) {
    g_assert_true(azkb_interval_parse(at, &t, NULL));
    g_assert_true(azkb_query_set_time(q, &t, NULL));
  }
  return azkb_query_to_sparql(q, base, error);
}

static void
test_sparql_paths(void)
{
  g_autoptr(AzkbStore) store = build("a p b; b q c; a : C");
  g_autofree char *plain = sparql_of(store, "a -p/q*-> ?x", NULL, NULL, NULL);
  g_autofree char *star  = sparql_of(store, "?y -q*-> ?x", NULL, NULL, NULL);
  g_autofree char *cls = sparql_of(store, "?y:C -p|^q-> ?x", NULL, NULL, NULL);
  g_autofree char *any = sparql_of(store, "a -_{2}-> ?x", NULL, NULL, NULL);
  g_autofree char *ask = sparql_of(store, "a -p-> b", NULL, NULL, NULL);
  g_autofree char *base =
    sparql_of(store, "a -p-> ?x", NULL, "http://example.org/kb/", NULL);

  g_assert_nonnull(strstr(plain, "SELECT DISTINCT ?x WHERE {"));
  g_assert_nonnull(strstr(plain, "az:a azo:p/azo:q* ?x ."));
  g_assert_null(strstr(plain, "STRSTARTS"));
  /* q* may be empty: its free ends then range over entities only. */
  g_assert_nonnull(
    strstr(star, "FILTER(STRSTARTS(STR(?x), \"http://azkb.example/id/\"))"));
  g_assert_nonnull(
    strstr(star, "FILTER(STRSTARTS(STR(?y), \"http://azkb.example/id/\"))"));
  g_assert_nonnull(strstr(cls, "?y azo:p|^azo:q ?x ."));
  g_assert_nonnull(strstr(cls, "?y rdf:type/rdfs:subClassOf* azo:C ."));
  /* The wildcard is every relation between entities; {2} is two hops. */
  g_assert_nonnull(strstr(any, "(azo:p|azo:q)/(azo:p|azo:q)"));
  g_assert_true(g_str_has_prefix(strstr(ask, "ASK"), "ASK {"));
  g_assert_nonnull(strstr(base, "PREFIX az: <http://example.org/kb/id/>"));
  g_assert_nonnull(
    strstr(base, "PREFIX azo: <http://example.org/kb/ontology#>"));
}

static void
test_sparql_time(void)
{
  g_autoptr(AzkbStore) store = build("a p b @2003..2005; b q c");
  g_autoptr(GError) error    = NULL;
  g_autofree char *step = sparql_of(store, "a -p@2019-> ?x", NULL, NULL, NULL);
  g_autofree char *global =
    sparql_of(store, "a -p/q?-> ?x", "2012-05", NULL, NULL);
  g_autofree char *star =
    sparql_of(store, "a -p*@2019-> ?x", NULL, NULL, &error);

  /* A timed hop reads the statement node and compares day strings. */
  g_assert_nonnull(strstr(step,
                          "rdf:subject az:a ; rdf:predicate azo:p ; "
                          "rdf:object ?x ."));
  g_assert_nonnull(strstr(step, "<= \"2019-12-31\""));
  g_assert_nonnull(strstr(step, ">= \"2019-01-01\""));
  g_assert_nonnull(strstr(step, "FILTER NOT EXISTS"));
  /* A month filter ends on a day past any month's last. */
  g_assert_nonnull(strstr(global, "<= \"2012-05-31\""));
  g_assert_nonnull(strstr(global, "# the empty path"));
  g_assert_null(star);
  g_assert_error(error, AZKB_QUERY_ERROR, AZKB_QUERY_ERROR_UNSUPPORTED);
  g_assert_true(g_str_has_prefix(error->message, "column 3: "));
}

static void
test_sparql_refuses_global_time_on_star(void)
{
  g_autoptr(AzkbStore) store = build("a p b");
  g_autoptr(GError) error    = NULL;
  g_autofree char *text =
    sparql_of(store, "a -p-> ?x -p+-> ?y", "2019", NULL, &error);

  g_assert_null(text);
  g_assert_error(error, AZKB_QUERY_ERROR, AZKB_QUERY_ERROR_UNSUPPORTED);
  g_assert_true(g_str_has_prefix(error->message, "column 11: "));
}

int
main(int argc, char *argv[])
{
  g_test_init(&argc, &argv, NULL);

  g_test_add_func("/query/explain", test_explain);
  g_test_add_func("/query/sparql/paths", test_sparql_paths);
  g_test_add_func("/query/sparql/time", test_sparql_time);
  g_test_add_func("/query/sparql/refuses-global-time-on-star",
                  test_sparql_refuses_global_time_on_star);
  return g_test_run();
}
