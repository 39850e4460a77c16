/* Tests of the evaluator on small hand-built graphs (cycles, self-loops,
 * inverse steps, bounds, alternation, classes, valid time at interval
 * edges, open and unknown ends), its limits and linear cases, and the
 * order of its rows by name. */
#include "query-test.h"

#include <string.h>

/* ---- evaluator on small graphs ---- */

typedef struct {
  const char *name; ///< the test case's path under its group
  const char *graph;
  const char *pattern;
  const char *at; ///< --at / --during, or NULL
  gboolean    strict;
  const char *rows;
} EvalCase;

// clang-format off
static const EvalCase eval_cases[] = {
  /* plain steps, forward and backward */
  { "forward-step", "a p b; b p c", "a -p-> ?x", NULL, FALSE, "x=b" },
  { "backward-step-from-bound-end", "a p b; b p c", "?x <-p- a", NULL, FALSE, "x=b" },
  { "backward-step-to-variable", "a p b; b p c", "c <-p- ?x", NULL, FALSE, "x=b" },
  { "both-ends-free", "a p b; b p c", "?x -p-> ?y", NULL, FALSE, "x=a,y=b | x=b,y=c" },
  /* sequence and inverse */
  { "sequence", "a p b; b p c", "a -p/p-> ?x", NULL, FALSE, "x=c" },
  { "sequence-with-inverse", "a p b; c p b", "a -p/^p-> ?x", NULL, FALSE, "x=a | x=c" },
  { "inverse-of-sequence", "a p b; b q c", "c -^(p/q)-> ?x", NULL, FALSE, "x=a" },
  { "sequence-of-inverses", "a p b; b q c", "c -^q/^p-> ?x", NULL, FALSE, "x=a" },
  /* cycles terminate; * includes the start, + only when on a cycle */
  { "star-on-cycle-terminates", "a p b; b p c; c p a", "a -p*-> ?x", NULL, FALSE, "x=a | x=b | x=c" },
  { "plus-on-cycle-reaches-start", "a p b; b p c; c p a", "a -p+-> ?x", NULL, FALSE, "x=a | x=b | x=c" },
  { "plus-off-cycle-excludes-start", "a p b; b p c", "a -p+-> ?x", NULL, FALSE, "x=b | x=c" },
  { "star-includes-start", "a p b; b p c", "a -p*-> ?x", NULL, FALSE, "x=a | x=b | x=c" },
  /* a self-loop */
  { "self-loop", "a p a; a q b", "a -p-> ?x", NULL, FALSE, "x=a" },
  { "self-loop-plus-then-step", "a p a; a q b", "a -p+/q-> ?x", NULL, FALSE, "x=b" },
  { "same-variable-both-ends", "a p a", "?x -p-> ?x", NULL, FALSE, "x=a" },
  { "same-variable-two-hop-cycle", "a p b; b p a; c p d", "?x -p/p-> ?x", NULL, FALSE, "x=a | x=b" },
  /* zero-length paths range over every entity */
  { "optional-free-ends-range-over-entities", "a p b; e", "?x -p?-> ?y", NULL, FALSE, "x=a,y=a | x=a,y=b | x=b,y=b | x=e,y=e" },
  { "star-from-isolated-entity", "a p b; e", "e -p*-> ?y", NULL, FALSE, "y=e" },
  /* bounds */
  { "bound-exact", "a p b; b p c; c p d", "a -p{2}-> ?x", NULL, FALSE, "x=c" },
  { "bound-zero-to-two", "a p b; b p c; c p d", "a -p{0,2}-> ?x", NULL, FALSE, "x=a | x=b | x=c" },
  { "bound-at-least", "a p b; b p c; c p d", "a -p{2,}-> ?x", NULL, FALSE, "x=c | x=d" },
  { "bound-one-to-two", "a p b; b p c; c p d", "a -p{1,2}-> ?x", NULL, FALSE, "x=b | x=c" },
  { "bound-zero", "a p b; b p c; c p d", "a -p{0}-> ?x", NULL, FALSE, "x=a" },
  { "bound-exact-on-cycle", "a p b; b p a", "a -p{3}-> ?x", NULL, FALSE, "x=b" },
  /* alternation, precedence: p|q/r is p|(q/r) */
  { "alternation-looser-than-sequence", "a p b; a q c; c r d", "a -p|q/r-> ?x", NULL, FALSE, "x=b | x=d" },
  { "grouped-alternation-then-sequence", "a p b; a q c; c r d; b r e", "a -(p|q)/r-> ?x", NULL, FALSE, "x=d | x=e" },
  /* wildcard and negated sets */
  { "wildcard", "a p b; a q c; d r a", "a -_-> ?x", NULL, FALSE, "x=b | x=c" },
  { "inverse-wildcard", "a p b; a q c; d r a", "a -^_-> ?x", NULL, FALSE, "x=d" },
  { "negated-relation", "a p b; a q c; d r a", "a -!p-> ?x", NULL, FALSE, "x=c" },
  { "negated-set-with-inverse", "a p b; a q c; d r a", "a -!(p|^q)-> ?x", NULL, FALSE, "x=c | x=d" },
  { "negated-inverse", "a p b; a q c; d r a", "a -!^q-> ?x", NULL, FALSE, "x=d" },
  /* literal values are not nodes */
  { "literals-are-not-nodes", "a p b; a theme 'x'", "a -_-> ?x", NULL, FALSE, "x=b" },
  /* chains and joins */
  { "chain-two-steps", "a p b; b q c; b q d", "a -p-> ?x -q-> ?y", NULL, FALSE, "x=b,y=c | x=b,y=d" },
  { "chain-anonymous-middle", "a p b; c p b; b q d", "?x -p-> ? -q-> d", NULL, FALSE, "x=a | x=c" },
  { "chain-join-backward", "a p b; c p b", "a -p-> ?x <-p- ?y", NULL, FALSE, "x=b,y=a | x=b,y=c" },
  { "chain-triangle-closes-nothing", "a p b; b p c; c p a", "?x -p-> ?y -p-> ?x", NULL, FALSE, "" },
  { "chain-two-cycle", "a p b; b p a", "?x -p-> ?y -p-> ?x", NULL, FALSE, "x=a,y=b | x=b,y=a" },
  /* anonymous nodes do not make rows, nor repeat them */
  { "anonymous-node-no-duplicate-rows", "a p b; a p c; b q d; c q d", "a -p-> ? -q-> ?y", NULL, FALSE, "y=d" },
  /* no variables: yes or nothing */
  { "yes-no-holds", "a p b; b p c", "a -p+-> c", NULL, FALSE, "yes" },
  { "yes-no-fails", "a p b; b p c", "c -p+-> a", NULL, FALSE, "" },
  /* classes, with subclasses */
  { "class-includes-subclass", "a p b; a p c; b : C; c : D; D < C", "a -p-> ?x:C", NULL, FALSE, "x=b | x=c" },
  { "subclass-only", "a p b; a p c; b : C; c : D; D < C", "a -p-> ?x:D", NULL, FALSE, "x=c" },
  { "class-alone", "a : C; b : D; D < C; e", "?x:C", NULL, FALSE, "x=a | x=b" },
  { "class-on-start", "a p b; c p b; a : C", "?x:C -p-> ?y", NULL, FALSE, "x=a,y=b" },
  /* valid time on a step, with precision */
  { "time-year-inside-term", "a p b @2003..2005; a p c @2017..2019", "a -p@2019-> ?x", NULL, FALSE, "x=c" },
  { "time-range-touching-both-terms", "a p b @2003..2005; a p c @2017..2019", "a -p@2005..2017-> ?x", NULL, FALSE, "x=b | x=c" },
  { "time-range-between-terms", "a p b @2003..2005; a p c @2017..2019", "a -p@2006..2016-> ?x", NULL, FALSE, "" },
  { "time-year-contains-day", "a p b @2012-05-04", "a -p@2012-> ?x", NULL, FALSE, "x=b" },
  { "time-day-inside-year", "a p b @2012", "a -p@2012-05-04-> ?x", NULL, FALSE, "x=b" },
  { "time-other-day", "a p b @2012-05-04", "a -p@2012-05-05-> ?x", NULL, FALSE, "" },
  { "time-last-day-of-month", "a p b @2012-05", "a -p@2012-05-31-> ?x", NULL, FALSE, "x=b" },
  { "time-day-after-month", "a p b @2012-05", "a -p@2012-06-01-> ?x", NULL, FALSE, "" },
  /* interval edges: the last day of the end year still holds */
  { "term-last-day-holds", "a p b @2003..2005", "a -p@2005-12-31-> ?x", NULL, FALSE, "x=b" },
  { "term-day-after-end", "a p b @2003..2005", "a -p@2006-01-01-> ?x", NULL, FALSE, "" },
  { "term-day-before-start", "a p b @2003..2005", "a -p@2002-12-31-> ?x", NULL, FALSE, "" },
  { "time-open-start-filter", "a p b @2003..2005", "a -p@..2003-> ?x", NULL, FALSE, "x=b" },
  { "time-open-end-filter", "a p b @2003..2005", "a -p@2005..-> ?x", NULL, FALSE, "x=b" },
  { "time-open-end-filter-after-term", "a p b @2003..2005", "a -p@2006..-> ?x", NULL, FALSE, "" },
  /* an open end extends to the present (fixed at 2024-06-30 here) */
  { "open-end-reaches-present", "a p b @1999..", "a -p@2024-> ?x", NULL, FALSE, "x=b" },
  { "open-end-not-past-present", "a p b @1999..", "a -p@2025-> ?x", NULL, FALSE, "" },
  /* an unknown end does not: only the start's own year is known */
  { "unknown-end-holds-in-start-year", "a p b @1999/", "a -p@1999-> ?x", NULL, FALSE, "x=b" },
  { "unknown-end-not-after-start-year", "a p b @1999/", "a -p@2000-> ?x", NULL, FALSE, "" },
  /* an unknown start: only the end's range is known */
  { "unknown-start-holds-in-end-year", "a p b @..2005", "a -p@2005-> ?x", NULL, FALSE, "x=b" },
  { "unknown-start-not-before-end-year", "a p b @..2005", "a -p@2004-> ?x", NULL, FALSE, "" },
  /* undated statements match any time unless strict */
  { "undated-matches-any-time", "a p b; a p c @2003..2005", "a -p@2019-> ?x", NULL, FALSE, "x=b" },
  { "undated-fails-strict", "a p b; a p c @2003..2005", "a -p@2019-> ?x", NULL, TRUE, "" },
  { "strict-keeps-dated", "a p b; a p c @2003..2005", "a -p@2004-> ?x", NULL, TRUE, "x=c" },
  /* the pattern's time applies to every hop of every step */
  { "global-time-every-hop-fails", "a p b @2003..2005; b q c @2010..2012", "a -p/q-> ?x", "2004", FALSE, "" },
  { "global-time-every-hop-holds", "a p b @2003..2012; b q c @2010..2012", "a -p/q-> ?x", "2011", FALSE, "x=c" },
  { "global-time-range-chain", "a p b @2003..2005; b q c @2010..2012", "a -p-> ?x -q-> ?y", "2003..2010", FALSE, "x=b,y=c" },
  /* ...and a step's own time must hold as well */
  { "step-time-and-global-time", "a p b @2003..2012", "a -p@2003-> ?x", "2012", FALSE, "x=b" },
  { "step-time-range-and-global-time", "a p b @2003..2005; a p c @2010", "a -p@2003..2010-> ?x", "2004", FALSE, "x=b" },
  /* per-hop time on a repeated step: each hop must hold at that time */
  { "repeated-step-each-hop-in-range", "a p b @2001; b p c @2002", "a -p+@2001..2002-> ?x", NULL, FALSE, "x=b | x=c" },
  { "repeated-step-each-hop-at-time", "a p b @2001; b p c @2002", "a -p+@2001-> ?x", NULL, FALSE, "x=b" },
  /* two terms of one relation: a row once */
  { "two-terms-one-row", "a p b @2003..2005; a p b @2017..2019", "a -p-> ?x", NULL, FALSE, "x=b" },
  /* names resolve by label */
  { "name-by-label", "a p b", "\"Label of a\" -p-> ?x", NULL, FALSE, "x=b" },
};
// clang-format on

static void
test_eval(gconstpointer data)
{
  const EvalCase *c          = data;
  g_autoptr(AzkbStore) store = build(c->graph);
  AzkbDate         present   = { 2024, 6, 30, AZKB_PRECISION_DAY, 0 };
  g_autofree char *got       = NULL;

  got = run(store, c->pattern, c->at, c->strict, &present);
  if (strcmp(got, c->rows) != 0)
    g_error("graph “%s”, pattern “%s”%s%s: got “%s”, want “%s”",
            c->graph,
            c->pattern,
            c->at ? " at " : "",
            c->at ? c->at : "",
            got,
            c->rows);
}

static void
test_limit(void)
{
  g_autoptr(AzkbStore) store = build("a p b; a p c; a p d");
  g_autoptr(AzkbQuery) q     = azkb_query_parse("a -p-> ?x", store, NULL);
  g_autoptr(AzkbResult) all  = azkb_query_execute(q, 0);
  g_autoptr(AzkbResult) two  = azkb_query_execute(q, 2);

  g_assert_cmpuint(azkb_result_n_rows(all), ==, 3);
  g_assert_cmpuint(azkb_result_n_rows(two), ==, 2);
  g_assert_cmpuint(azkb_result_row(two, 1)[0], ==, azkb_result_row(all, 1)[0]);
  g_assert_cmpstr(azkb_result_column_name(two, 0), ==, "x");
  g_assert_cmpint(azkb_result_column_kind(two, 0), ==, AZKB_COLUMN_ENTITY);
}

static void
test_set_time_refuses_undated(void)
{
  g_autoptr(AzkbStore) store = build("a p b");
  g_autoptr(AzkbQuery) q     = azkb_query_parse("a -p-> ?x", store, NULL);
  g_autoptr(GError) error    = NULL;
  AzkbInterval undated       = { 0 };

  g_assert_false(azkb_query_set_time(q, &undated, &error));
  g_assert_error(error, AZKB_QUERY_ERROR, AZKB_QUERY_ERROR_INVALID_TIME);
  g_assert_true(azkb_query_set_time(q, NULL, NULL));
}

/* `{m,n}` of an operand that may be empty stays linear in n: the operand
 * is made non-empty first (found by fuzzing: `(_|^_)?{0,200}` made about
 * n²/2 transitions). */
static void
test_bounds_stay_linear(void)
{
  g_autoptr(AzkbStore) store = build("a p b; b p c; c q d");
  g_autoptr(AzkbQuery) q =
    azkb_query_parse("a -(p?/q?){0,200}-> ?y", store, NULL);
  g_autoptr(AzkbResult) res = azkb_query_execute(q, 0);
  g_autofree char *text     = azkb_query_explain(q);
  guint            moves    = 0;

  for (const char *p = strstr(text, " → "); p != NULL; p = strstr(p + 1, " → "))
    moves++;
  g_assert_cmpuint(moves, <, 2000);
  g_assert_cmpuint(azkb_result_n_rows(res), ==, 4); /* a b c d */
}

/* A long chain with `*` stays linear: 20000 nodes in a cycle, every node
 * reachable once. */
static void
test_eval_long_cycle(void)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(AzkbQuery) q     = NULL;
  g_autoptr(AzkbResult) res  = NULL;
  AzkbTermId  p              = azkb_store_intern(store, "p");
  AzkbTermId  first = 0, prev = 0;
  const guint n = 20000;

  for (guint i = 0; i < n; i++) {
    g_autofree char *name = g_strdup_printf("n%u", i);
    AzkbTermId       e    = azkb_store_add_entity(store, name);

    if (prev != 0)
      azkb_store_add_statement(store, prev, p, e, NULL);
    else
      first = e;
    prev = e;
  }
  azkb_store_add_statement(store, prev, p, first, NULL);
  q   = azkb_query_parse("n0 -(p|^p)*/p-> ?x", store, NULL);
  res = azkb_query_execute(q, 0);
  g_assert_cmpuint(azkb_result_n_rows(res), ==, n);
}

/* Rows come sorted by the names of their terms, column by column, also
 * when names share long prefixes (the evaluator compares the first 16
 * bytes as integers and only then the rest), each row once.  @data
 * non-NULL: a larger answer, sorted by the store's ranks of names. */
static void
test_eval_name_order(gconstpointer data)
{
  gboolean ranked             = data != NULL;
  guint32  seed               = g_test_rand_int();
  g_autoptr(GRand) rand       = g_rand_new_with_seed(seed);
  g_autoptr(AzkbStore) store  = azkb_store_new();
  g_autoptr(GHashTable) edges = g_hash_table_new(g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names  = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GError) error     = NULL;
  g_autoptr(AzkbQuery) q      = NULL;
  g_autoptr(AzkbResult) res   = NULL;
  g_autoptr(GPtrArray) keys   = g_ptr_array_new_with_free_func(g_free);
  AzkbTermId p                = azkb_store_intern(store, "p");

  for (int i = 0; i < (ranked ? 400 : 60); i++) {
    /* "ab..." names 12 to 22 bytes long over two letters: many share their
     * first 16 bytes, some end exactly there. */
    int      len  = g_rand_int_range(rand, 12, 23);
    GString *name = g_string_new("n");

    for (int k = 1; k < len; k++)
      g_string_append_c(name,
                        k < 14 ? 'a' : "ab"[g_rand_int_range(rand, 0, 2)]);
    if (azkb_store_lookup(store, name->str) == 0) {
      azkb_store_add_entity(store, name->str);
      g_ptr_array_add(names, g_string_free(name, FALSE));
    } else
      g_string_free(name, TRUE);
  }
  for (int k = 0; k < (ranked ? 1000 : 150); k++) {
    const char *a =
      g_ptr_array_index(names, g_rand_int_range(rand, 0, names->len));
    const char *b =
      g_ptr_array_index(names, g_rand_int_range(rand, 0, names->len));
    char *key = g_strdup_printf("%s %s", a, b);

    azkb_store_add_statement(
      store, azkb_store_lookup(store, a), p, azkb_store_lookup(store, b), NULL);
    /* (g_hash_table_add would replace an equal key by this one) */
    if (g_hash_table_contains(edges, key))
      g_free(key);
    else {
      g_hash_table_add(edges, key);
      g_ptr_array_add(keys, key);
    }
  }
  if (ranked)
    g_assert_nonnull(azkb_store_name_ranks(store));
  q = azkb_query_parse("?x -p-> ?y", store, &error);
  g_assert_no_error(error);
  res = azkb_query_execute(q, 0);
  g_assert_cmpuint(azkb_result_n_rows(res), ==, g_hash_table_size(edges));
  for (guint r = 0; r < azkb_result_n_rows(res); r++) {
    const AzkbTermId *row = azkb_result_row(res, r);
    g_autofree char  *key = g_strdup_printf("%s %s",
                                           azkb_store_term_name(store, row[0]),
                                           azkb_store_term_name(store, row[1]));

    if (!g_hash_table_contains(edges, key))
      g_error("seed %u: row %u “%s” is no edge", seed, r, key);
    if (r > 0) {
      const AzkbTermId *prev = azkb_result_row(res, r - 1);
      int               c    = strcmp(azkb_store_term_name(store, prev[0]),
                     azkb_store_term_name(store, row[0]));

      if (c == 0)
        c = strcmp(azkb_store_term_name(store, prev[1]),
                   azkb_store_term_name(store, row[1]));
      if (c >= 0)
        g_error("seed %u: row %u is not after row %u", seed, r, r - 1);
    }
  }
  g_clear_pointer(&res, azkb_result_unref);
  g_clear_pointer(&q, azkb_query_unref);
  /* One column, with repeats to drop: everything with an out-edge. */
  q = azkb_query_parse("?x -p-> ?", store, &error);
  g_assert_no_error(error);
  res = azkb_query_execute(q, 0);
  for (guint r = 1; r < azkb_result_n_rows(res); r++)
    g_assert_cmpint(
      strcmp(azkb_store_term_name(store, azkb_result_row(res, r - 1)[0]),
             azkb_store_term_name(store, azkb_result_row(res, r)[0])),
      <,
      0);
}

int
main(int argc, char *argv[])
{
  g_test_init(&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS(eval_cases); i++) {
    g_autofree char *path =
      g_strconcat("/query/eval/", eval_cases[i].name, NULL);
    g_test_add_data_func(path, &eval_cases[i], test_eval);
  }
  g_test_add_func("/query/eval/limit", test_limit);
  g_test_add_func("/query/eval/set-time-undated",
                  test_set_time_refuses_undated);
  g_test_add_func("/query/eval/long-cycle", test_eval_long_cycle);
  g_test_add_func("/query/eval/bounds-stay-linear", test_bounds_stay_linear);
  g_test_add_data_func("/query/eval/name-order", NULL, test_eval_name_order);
  g_test_add_data_func(
    "/query/eval/name-order-by-store-ranks", "ranked", test_eval_name_order);
  return g_test_run();
}
