/* Tests of the pattern parser: valid patterns, errors with their column
 * (data on the error, counted in characters) and message, and the NULL
 * safety of the query's lifetime functions. */
#include "query-test.h"

#include <string.h>

/* ---- parser: valid patterns ---- */

static const char *const graph_small =
  "a p b; b p c; c p a; a q c; c r c; b q d; d : Country; a : Country;"
  "Country < Place; c : Place; e";

static void
test_parse_valid(void)
{
  static const char *const patterns[] = {
    "a -p-> ?x",
    "a-p->?x",
    "?x <-p- c",
    "a -p/q-> ?y",
    "a -(p|q)*-> ?y",
    "a -^p+-> ?y",
    "a -p{2}-> ?y",
    "a -p{0,3}-> ?y",
    "a -p{2,}-> ?y",
    "a -_-> ?y",
    "a -!p-> ?y",
    "a -!(p|^q)-> ?y",
    "a -p@2019-> ?y",
    "a -p@2003..2005-> ?y",
    "a -p@2012-05-04-> ?y",
    "a -p@2012-05-> ?y",
    "a -p@1999..-> ?y",
    "a -p@..2005-> ?y",
    "?x:Country -p-> ?y:Place",
    "? -p-> ?y",
    "?:Country -p-> ?",
    "\"Label of a\" -p-> ?y",
    "a -p-> ?x <-q- ?y -r-> ?x",
    "?x",
    "?x:Place",
    "a",
    "a -((p))-> b",
    "a -p*?-> ?y",
    "a - p / q -> ?y",
  };
  g_autoptr(AzkbStore) store = build(graph_small);

  for (gsize i = 0; i < G_N_ELEMENTS(patterns); i++) {
    g_autoptr(GError) error  = NULL;
    g_autoptr(AzkbQuery) q   = azkb_query_parse(patterns[i], store, &error);
    g_autofree char *explain = NULL;

    if (error != NULL)
      g_error("“%s”: %s", patterns[i], error->message);
    g_assert_nonnull(q);
    explain = azkb_query_explain(q);
    g_assert_true(g_str_has_prefix(explain, "pattern: "));
  }
}

/* ---- parser: errors, with their column and message ---- */

typedef struct {
  const char *name; ///< the test case's path under its group
  const char *pattern;
  int         code;
  guint       column;
  const char *message; ///< a part of the message
} BadCase;

// clang-format off
static const BadCase bad_cases[] = {
  { "empty-pattern", "", AZKB_QUERY_ERROR_SYNTAX, 1, "expected an entity" },
  { "step-without-end-node", "a -p->", AZKB_QUERY_ERROR_SYNTAX, 7, "found the end of the pattern" },
  { "step-missing-arrow", "a -p ?x", AZKB_QUERY_ERROR_SYNTAX, 6, "“->” to end the step (or “/”, “|”, “@”, “[”), found “?”" },
  { "backward-step-missing-dash", "a <-p ?x", AZKB_QUERY_ERROR_SYNTAX, 7, "expected “-” to end" },
  { "step-without-relation", "a -> ?x", AZKB_QUERY_ERROR_SYNTAX, 4, "expected a relation" },
  { "backward-step-ends-with-arrow", "a <-p-> ?x", AZKB_QUERY_ERROR_SYNTAX, 6, "ends with “-”, not “->”" },
  { "empty-alternative", "a -p|-> ?x", AZKB_QUERY_ERROR_SYNTAX, 6, "expected a relation" },
  { "unclosed-parenthesis", "a -(p-> ?x", AZKB_QUERY_ERROR_SYNTAX, 6, "expected “)”" },
  { "bound-max-below-min", "a -p{3,1}-> ?x", AZKB_QUERY_ERROR_SYNTAX, 5, "below the minimum" },
  { "bound-not-a-number", "a -p{x}-> ?x", AZKB_QUERY_ERROR_SYNTAX, 6, "expected a number" },
  { "bound-unclosed", "a -p{2-> ?x", AZKB_QUERY_ERROR_SYNTAX, 7, "expected “,” or “}”" },
  { "two-nodes-without-step", "a -p-> ?x ?y", AZKB_QUERY_ERROR_SYNTAX, 11, "expected a step" },
  { "unclosed-quote", "a -p-> \"b", AZKB_QUERY_ERROR_SYNTAX, 8, "no closing quote" },
  { "empty-quoted-name", "a -p-> \"\"", AZKB_QUERY_ERROR_SYNTAX, 8, "cannot be empty" },
  { "empty-negated-set", "a -!()-> ?x", AZKB_QUERY_ERROR_SYNTAX, 6, "expected a relation" },
  { "negated-set-without-bar", "a -!(p q)-> ?x", AZKB_QUERY_ERROR_SYNTAX, 8, "expected “|” or “)”" },
  { "time-without-date", "a -p@-> ?x", AZKB_QUERY_ERROR_SYNTAX, 6, "expected a date" },
  { "time-bad-month", "a -p@2019-13-> ?x", AZKB_QUERY_ERROR_INVALID_TIME, 6, "bad time" },
  { "time-ends-before-start", "a -p@2022..2019-> ?x", AZKB_QUERY_ERROR_INVALID_TIME, 6, "2022..2019" },
  { "unknown-entity", "zz -p-> ?x", AZKB_QUERY_ERROR_UNKNOWN_ENTITY, 1, "“zz”" },
  { "unknown-relation-suggests", "a -electdTo-> ?x", AZKB_QUERY_ERROR_UNKNOWN_RELATION, 4, "did you mean “electedTo”" },
  { "unknown-class-suggests", "a -p-> ?x:Countr", AZKB_QUERY_ERROR_UNKNOWN_CLASS, 11, "Country" },
  { "property-as-step", "a -theme-> ?x -p-> ?y", AZKB_QUERY_ERROR_SYNTAX, 4, "is a property" },
  { "bound-too-large", "a -p{1000,2000}-> ?x", AZKB_QUERY_ERROR_TOO_LARGE, 4, "at most 1024" },
  { "nested-bounds-too-large", "a -(p|q){30}{40}-> ?x", AZKB_QUERY_ERROR_TOO_LARGE, 4, "relation" },
  { "unknown-entity-non-ascii", "Azərbaycan -p-> ?x", AZKB_QUERY_ERROR_UNKNOWN_ENTITY, 1, "Azərbaycan" },
  { "column-counts-characters", "a -p-> ?x -Ə-> ?y", AZKB_QUERY_ERROR_UNKNOWN_RELATION, 12, "“Ə”" },
  { "stray-bracket", "a -p-> ?x ]", AZKB_QUERY_ERROR_SYNTAX, 11, "found “]”" },
  { "control-character-in-name", "\"a\tb\" -p-> ?x", AZKB_QUERY_ERROR_SYNTAX, 3, "the control character U+0009" },
  { "dash-in-bare-name-suggests-quotes", "a-Habitat -p-> ?x", AZKB_QUERY_ERROR_UNKNOWN_RELATION, 3, "quote it: \"a-Habitat\"" },
};
// clang-format on

static void
test_parse_error(gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(AzkbStore) store =
    build("a p b; a q b; a electedTo b; a theme 'x'; c : Country");
  g_autoptr(GError) error = NULL;
  g_autoptr(AzkbQuery) q  = azkb_query_parse(c->pattern, store, &error);
  g_autofree char *prefix = g_strdup_printf("column %u: ", c->column);

  g_assert_null(q);
  g_assert_error(error, AZKB_QUERY_ERROR, c->code);
  if (!g_str_has_prefix(error->message, prefix) ||
      strstr(error->message, c->message) == NULL)
    g_error("“%s”: got “%s”, want “%s…%s…”",
            c->pattern,
            error->message,
            prefix,
            c->message);
  g_assert_cmpuint(azkb_query_error_column(error), ==, c->column);
}

static void
test_parse_error_column_unicode(void)
{
  /* Columns count characters: the caret must land under the “?” even
   * after a name written in Azerbaijani letters. */
  g_autoptr(AzkbStore) store = build("Azərbaycan p b");
  g_autoptr(GError) error    = NULL;
  g_autoptr(AzkbQuery) q = azkb_query_parse("Azərbaycan -p ?x", store, &error);

  g_assert_null(q);
  g_assert_cmpuint(azkb_query_error_column(error), ==, 15);
}

/* The column is data on the error, not a reading of its text: a prefix,
 * a copy, or a message that says nothing of columns keep it. */
static void
test_parse_error_column_is_data(void)
{
  g_autoptr(AzkbStore) store = build("a p b");
  g_autoptr(GError) error    = NULL;
  g_autoptr(GError) copy     = NULL;
  g_autoptr(GError) plain    = NULL;
  g_autoptr(AzkbQuery) q =
    azkb_query_parse("a -p-> ?x -zz-> ?y", store, &error);

  g_assert_null(q);
  g_assert_cmpuint(azkb_query_error_column(error), ==, 12);
  g_prefix_error(&error, "while reading the pattern of line 3: ");
  g_assert_cmpuint(azkb_query_error_column(error), ==, 12);
  copy = g_error_copy(error);
  g_assert_cmpuint(azkb_query_error_column(copy), ==, 12);
  /* an error written by hand, even in the message's form, has none */
  plain = g_error_new(AZKB_QUERY_ERROR, AZKB_QUERY_ERROR_SYNTAX, "column 7: x");
  g_assert_cmpuint(azkb_query_error_column(plain), ==, 0);
}

/* A bounded repetition of a nullable operand expands to more positions
 * one way than the other ((a-ε)b | (b-ε)): the backward automaton, else
 * compiled when an evaluation first reads the step backwards, is compiled
 * at parse then, so that passing the limit either way is a parse error. */
static void
test_parse_too_large_one_way(void)
{
  static const char *const patterns[] = {
    "a -((p|q|r)?/p?){0,180}-> ?x", /* forwards 1260 positions */
    "a -(p?/(p|q|r)?){0,180}-> ?x", /* forwards 900, backwards 1260 */
  };
  g_autoptr(AzkbStore) store = build("a p b; a q b; a r b");

  for (gsize i = 0; i < G_N_ELEMENTS(patterns); i++) {
    g_autoptr(GError) error = NULL;
    g_autoptr(AzkbQuery) q  = azkb_query_parse(patterns[i], store, &error);

    g_assert_null(q);
    g_assert_error(error, AZKB_QUERY_ERROR, AZKB_QUERY_ERROR_TOO_LARGE);
    g_assert_nonnull(strstr(error->message, "1260"));
    /* located at the expression, as every parse error is (fuzz-query
     * holds them to it) */
    g_assert_cmpuint(azkb_query_error_column(error), ==, 4);
    g_assert_true(g_str_has_prefix(error->message, "column 4: "));
  }
}

static void
test_null_safe(void)
{
  azkb_query_unref(NULL);
  azkb_result_unref(NULL);
  g_assert_cmpuint(azkb_query_error_column(NULL), ==, 0);
}

int
main(int argc, char *argv[])
{
  g_test_init(&argc, &argv, NULL);

  g_test_add_func("/query/parse/valid", test_parse_valid);
  for (gsize i = 0; i < G_N_ELEMENTS(bad_cases); i++) {
    g_autofree char *path =
      g_strconcat("/query/parse/error/", bad_cases[i].name, NULL);
    g_test_add_data_func(path, &bad_cases[i], test_parse_error);
  }
  g_test_add_func("/query/parse/error-column-unicode",
                  test_parse_error_column_unicode);
  g_test_add_func("/query/parse/error-column-is-data",
                  test_parse_error_column_is_data);
  g_test_add_func("/query/parse/too-large-one-way",
                  test_parse_too_large_one_way);
  g_test_add_func("/query/null-safe", test_null_safe);
  return g_test_run();
}
