/* Tests of the path-pattern language: the parser (valid patterns, errors
 * with their columns and messages), the evaluator on small hand-built
 * graphs (cycles, self-loops, inverse steps, bounds, alternation, classes,
 * valid time at interval edges, open and unknown ends), a cross-check of the
 * automaton search against a matrix evaluation of the same expression on
 * random graphs, connections (azkb_path_find) and the SPARQL translation's
 * refusals. */
#include "azkb-test.h"

#include <azkb/query.h>
#include <string.h>

/* ---- building graphs from text ---- */

/* One fact per `;`-separated item:
 *   "a p b"            statement, undated
 *   "a p b @2003..2005" statement with a valid time
 *   "a : C"            entity a has class C
 *   "C < D"            class C is a subclass of D
 *   "a"                an entity with nothing else
 *   "a theme 'x'"      a literal-valued statement (a property)
 * Every name used as a subject or object is an entity with label
 * "Label of NAME", so resolution by label can be tested too. */
static AzkbTermId
entity(AzkbStore *store, const char *name)
{
  AzkbTermId       e     = azkb_store_add_entity(store, name);
  g_autofree char *label = g_strdup_printf("Label of %s", name);

  azkb_store_add_label(store, e, label, "en", AZKB_LABEL_PREFERRED);
  return e;
}

static void
add_fact(AzkbStore *store, char **w, guint n)
{
  g_autoptr(GError) error = NULL;
  AzkbInterval time       = { 0 };

  if (n == 1) {
    entity(store, w[0]);
    return;
  }
  if (n == 3 && strcmp(w[1], ":") == 0) {
    azkb_store_add_class(
      store, entity(store, w[0]), azkb_store_intern(store, w[2]));
    return;
  }
  if (n == 3 && strcmp(w[1], "<") == 0) {
    azkb_store_add_subclass(
      store, azkb_store_intern(store, w[0]), azkb_store_intern(store, w[2]));
    return;
  }
  g_assert_true(n == 3 || n == 4);
  if (n == 4) {
    g_assert_true(w[3][0] == '@');
    g_assert_true(azkb_interval_parse(w[3] + 1, &time, &error));
    g_assert_no_error(error);
  }
  if (w[2][0] == '\'') {
    g_autofree char *text = g_strndup(w[2] + 1, strlen(w[2]) - 2);
    AzkbTermId       lit  = azkb_store_intern_literal(
      store, AZKB_VALUE_STRING, text, NULL, NULL, &error);
    g_assert_no_error(error);
    azkb_store_add_statement(
      store, entity(store, w[0]), azkb_store_intern(store, w[1]), lit, NULL);
    return;
  }
  azkb_store_add_statement(store,
                           entity(store, w[0]),
                           azkb_store_intern(store, w[1]),
                           entity(store, w[2]),
                           n == 4 ? &time : NULL);
}

static AzkbStore *
build(const char *spec)
{
  AzkbStore *store    = azkb_store_new();
  g_auto(GStrv) items = g_strsplit(spec, ";", -1);

  for (char **item = items; *item != NULL; item++) {
    g_auto(GStrv) words    = NULL;
    g_autoptr(GPtrArray) w = g_ptr_array_new();

    words = g_strsplit_set(g_strstrip(*item), " ", -1);
    for (char **x = words; *x != NULL; x++)
      if (**x != '\0')
        g_ptr_array_add(w, *x);
    if (w->len > 0)
      add_fact(store, (char **)w->pdata, w->len);
  }
  return store;
}

/* Rows as text: "x=a,y=b" per row, rows joined by " | ", in result order.
 * A pattern without variables gives "yes" or "". */
static char *
rows_text(const AzkbStore *store, const AzkbResult *res)
{
  GString *out = g_string_new(NULL);

  for (guint r = 0; r < azkb_result_n_rows(res); r++) {
    const AzkbTermId *row = azkb_result_row(res, r);

    if (r > 0)
      g_string_append(out, " | ");
    if (azkb_result_n_columns(res) == 0)
      g_string_append(out, "yes");
    for (guint c = 0; c < azkb_result_n_columns(res); c++)
      g_string_append_printf(out,
                             "%s%s=%s",
                             c ? "," : "",
                             azkb_result_column_name(res, c),
                             azkb_store_term_name(store, row[c]));
  }
  return g_string_free(out, FALSE);
}

static char *
run(AzkbStore      *store,
    const char     *pattern,
    const char     *at,
    gboolean        strict,
    const AzkbDate *present)
{
  g_autoptr(GError) error   = NULL;
  g_autoptr(AzkbQuery) q    = azkb_query_parse(pattern, store, &error);
  g_autoptr(AzkbResult) res = NULL;

  g_assert_no_error(error);
  g_assert_nonnull(q);
  if (at != NULL) {
    AzkbInterval t;
    g_assert_true(azkb_interval_parse(at, &t, &error));
    g_assert_true(azkb_query_set_time(q, &t, &error));
    g_assert_no_error(error);
  }
  azkb_query_set_flags(q, strict ? AZKB_QUERY_STRICT_TIME : AZKB_QUERY_NONE);
  azkb_query_set_present(q, present);
  res = azkb_query_execute(q, 0);
  return rows_text(store, res);
}

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

static void
test_null_safe(void)
{
  azkb_query_unref(NULL);
  azkb_result_unref(NULL);
  g_assert_cmpuint(azkb_query_error_column(NULL), ==, 0);
}

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

/* ---- cross-check against a matrix evaluation ---- */

/* The test's own model of an expression: the same tree the generator
 * prints as text for azkb, evaluated here as a relation over the nodes
 * (boolean matrices), independently of the automaton and its search. */
#define N_NODES 6
#define N_RELS 3

typedef struct _Ex Ex;
struct _Ex {
  char  op; ///< 'r' relation, '_' any, '!' negated, '/', '|', '^', 'R'
  int   rel;
  guint set;      ///< '!': bit i set = relation i excluded (forward only)
  guint min, max; ///< 'R'; max G_MAXUINT = unbounded
  Ex   *a, *b;
};

typedef struct {
  gboolean m[N_NODES][N_NODES];
} Mat;

typedef struct {
  gboolean edge[N_RELS][N_NODES][N_NODES];
  int      year[N_RELS][N_NODES][N_NODES]; ///< 0 undated, else that year
} Graph;

static void
ex_free(Ex *e)
{
  if (e == NULL)
    return;
  ex_free(e->a);
  ex_free(e->b);
  g_free(e);
}

static Ex *
ex_random(GRand *rand, int depth)
{
  Ex *e    = g_new0(Ex, 1);
  int pick = depth <= 0 ? 0 : g_rand_int_range(rand, 0, 9);

  switch (pick) {
    case 0:
    case 1:
      e->op  = 'r';
      e->rel = g_rand_int_range(rand, 0, N_RELS);
      return e;
    case 2:
      e->op  = g_rand_boolean(rand) ? '_' : '!';
      e->set = 1u << g_rand_int_range(rand, 0, N_RELS);
      return e;
    case 3:
    case 4:
      e->op = pick == 3 ? '/' : '|';
      e->a  = ex_random(rand, depth - 1);
      e->b  = ex_random(rand, depth - 1);
      return e;
    case 5:
      e->op = '^';
      e->a  = ex_random(rand, depth - 1);
      return e;
    default: {
      static const guint bounds[][2] = { { 0, G_MAXUINT }, { 1, G_MAXUINT },
                                         { 0, 1 },         { 2, 2 },
                                         { 0, 2 },         { 1, 3 },
                                         { 2, G_MAXUINT } };
      int                b = g_rand_int_range(rand, 0, G_N_ELEMENTS(bounds));
      e->op                = 'R';
      e->min               = bounds[b][0];
      e->max               = bounds[b][1];
      e->a                 = ex_random(rand, depth - 1);
      return e;
    }
  }
}

static void
ex_print(const Ex *e, GString *out)
{
  switch (e->op) {
    case 'r':
      g_string_append_printf(out, "r%d", e->rel);
      return;
    case '_':
      g_string_append_c(out, '_');
      return;
    case '!':
      g_string_append_printf(out, "!r%d", g_bit_nth_lsf(e->set, -1));
      return;
    case '^':
      g_string_append(out, "^(");
      ex_print(e->a, out);
      g_string_append_c(out, ')');
      return;
    case '/':
    case '|':
      g_string_append_c(out, '(');
      ex_print(e->a, out);
      g_string_append_c(out, e->op);
      ex_print(e->b, out);
      g_string_append_c(out, ')');
      return;
    case 'R':
      g_string_append_c(out, '(');
      ex_print(e->a, out);
      if (e->max == G_MAXUINT)
        g_string_append_printf(out, "){%u,}", e->min);
      else
        g_string_append_printf(out, "){%u,%u}", e->min, e->max);
      return;
    default:
      g_assert_not_reached();
  }
}

static Mat
mat_identity(void)
{
  Mat m = { 0 };

  for (int i = 0; i < N_NODES; i++)
    m.m[i][i] = TRUE;
  return m;
}

static Mat
mat_mul(const Mat *x, const Mat *y)
{
  Mat m = { 0 };

  for (int i = 0; i < N_NODES; i++)
    for (int k = 0; k < N_NODES; k++)
      if (x->m[i][k])
        for (int j = 0; j < N_NODES; j++)
          m.m[i][j] |= y->m[k][j];
  return m;
}

static void
mat_or(Mat *into, const Mat *x)
{
  for (int i = 0; i < N_NODES; i++)
    for (int j = 0; j < N_NODES; j++)
      into->m[i][j] |= x->m[i][j];
}

/* Does relation @r hold from i to j at year @at (0: any time)? */
static gboolean
holds(const Graph *g, int r, int i, int j, int at)
{
  return g->edge[r][i][j] &&
         (at == 0 || g->year[r][i][j] == 0 || g->year[r][i][j] == at);
}

static Mat
ex_eval(const Ex *e, const Graph *g, int at)
{
  Mat m = { 0 }, x, y, power, sum;

  switch (e->op) {
    case 'r':
    case '_':
    case '!':
      for (int r = 0; r < N_RELS; r++) {
        if (e->op == 'r' && r != e->rel)
          continue;
        if (e->op == '!' && (e->set & (1u << r)))
          continue;
        for (int i = 0; i < N_NODES; i++)
          for (int j = 0; j < N_NODES; j++)
            m.m[i][j] |= holds(g, r, i, j, at);
      }
      return m;
    case '^':
      x = ex_eval(e->a, g, at);
      for (int i = 0; i < N_NODES; i++)
        for (int j = 0; j < N_NODES; j++)
          m.m[i][j] = x.m[j][i];
      return m;
    case '/':
      x = ex_eval(e->a, g, at);
      y = ex_eval(e->b, g, at);
      return mat_mul(&x, &y);
    case '|':
      x = ex_eval(e->a, g, at);
      y = ex_eval(e->b, g, at);
      mat_or(&x, &y);
      return x;
    case 'R':
      /* Sum of powers min..max; for unbounded, up to N_NODES more (a
       * reachability relation over N nodes is reached by then). */
      x     = ex_eval(e->a, g, at);
      power = mat_identity();
      sum   = (Mat){ 0 };
      for (guint k = 0; k <= (e->max == G_MAXUINT ? e->min + N_NODES : e->max);
           k++) {
        if (k >= e->min)
          mat_or(&sum, &power);
        power = mat_mul(&power, &x);
      }
      return sum;
    default:
      g_assert_not_reached();
  }
}

static AzkbStore *
graph_store(GRand *rand, Graph *g)
{
  AzkbStore *store = azkb_store_new();
  AzkbTermId node[N_NODES], rel[N_RELS];

  memset(g, 0, sizeof *g);
  for (int i = 0; i < N_NODES; i++) {
    g_autofree char *name = g_strdup_printf("n%d", i);
    node[i]               = azkb_store_add_entity(store, name);
  }
  for (int r = 0; r < N_RELS; r++) {
    g_autofree char *name = g_strdup_printf("r%d", r);
    rel[r]                = azkb_store_intern(store, name);
    /* Declared even when unused, as an ontology would. */
    azkb_store_mark(store, rel[r], AZKB_TERM_RELATION);
  }
  for (int k = g_rand_int_range(rand, 0, 14); k > 0; k--) {
    int      r = g_rand_int_range(rand, 0, N_RELS);
    int      i = g_rand_int_range(rand, 0, N_NODES);
    int      j = g_rand_int_range(rand, 0, N_NODES);
    int      y = g_rand_boolean(rand) ? 0 : g_rand_int_range(rand, 2001, 2004);
    AzkbDate d = { y, 0, 0, AZKB_PRECISION_YEAR, 0 };
    AzkbInterval t = azkb_interval_point(&d);

    if (g->edge[r][i][j])
      continue; /* one statement per triple keeps the model simple */
    g->edge[r][i][j] = TRUE;
    g->year[r][i][j] = y;
    azkb_store_add_statement(store, node[i], rel[r], node[j], y ? &t : NULL);
  }
  return store;
}

/* `? -EXPR-> ?y` counts each end once, however many starts reach it: the
 * anonymous start is the node the evaluation starts from, and its column
 * must not keep rows apart. */
static void
check_count_hidden_start(AzkbStore *store, Ex *e, const Mat *want, int at)
{
  g_autoptr(GString) text = g_string_new("? -");
  g_autoptr(GError) error = NULL;
  g_autoptr(AzkbQuery) q  = NULL;
  guint ends              = 0;

  ex_print(e, text);
  if (at != 0)
    g_string_append_printf(text, "@%d", at);
  g_string_append(text, "-> ?y");
  q = azkb_query_parse(text->str, store, &error);
  g_assert_no_error(error);
  for (int j = 0; j < N_NODES; j++)
    for (int i = 0; i < N_NODES; i++)
      if (want->m[i][j]) {
        ends++;
        break;
      }
  g_assert_cmpuint(azkb_query_count(q), ==, ends);
}

static void
test_cross_check(void)
{
  guint32 seed          = g_test_rand_int();
  g_autoptr(GRand) rand = g_rand_new_with_seed(seed);
  guint cases           = g_test_thorough() ? 5000 : 600;

  for (guint c = 0; c < cases; c++) {
    Graph g;
    g_autoptr(AzkbStore) store = graph_store(rand, &g);
    Ex *e                      = ex_random(rand, 3);
    int at = g_rand_boolean(rand) ? 0 : g_rand_int_range(rand, 2001, 2004);
    g_autoptr(GString) text   = g_string_new("?x -");
    g_autoptr(GError) error   = NULL;
    g_autoptr(AzkbQuery) q    = NULL;
    g_autoptr(AzkbResult) res = NULL;
    Mat want, got = { 0 };

    ex_print(e, text);
    if (at != 0)
      g_string_append_printf(text, "@%d", at);
    g_string_append(text, "-> ?y");
    q = azkb_query_parse(text->str, store, &error);
    if (q == NULL)
      g_error("seed %u case %u: “%s”: %s", seed, c, text->str, error->message);
    res  = azkb_query_execute(q, 0);
    want = ex_eval(e, &g, at);
    for (guint r = 0; r < azkb_result_n_rows(res); r++) {
      const AzkbTermId *row = azkb_result_row(res, r);
      int               i   = atoi(azkb_store_term_name(store, row[0]) + 1);
      int               j   = atoi(azkb_store_term_name(store, row[1]) + 1);
      g_assert_false(got.m[i][j]); /* set semantics: no repeats */
      got.m[i][j] = TRUE;
    }
    if (memcmp(&got, &want, sizeof got) != 0)
      g_error("seed %u case %u: “%s” differs from the matrix model",
              seed,
              c,
              text->str);
    /* --count counts the same rows without making them. */
    g_assert_cmpuint(azkb_query_count(q), ==, azkb_result_n_rows(res));
    check_count_hidden_start(store, e, &want, at);
    ex_free(e);
  }
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

/* ---- class-anchored patterns ---- */

static int
compare_lines(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A random store with a class hierarchy (subclass cycles and classes with
 * two parents included), entities of zero to three classes, classes that
 * are entities too, and terms given a class without being entities. */
static AzkbStore *
class_store(GRand *rand)
{
  AzkbStore *store = azkb_store_new();
  AzkbTermId p     = azkb_store_intern(store, "p");
  AzkbTermId cls[8];
  AzkbTermId node[40];

  for (guint c = 0; c < G_N_ELEMENTS(cls); c++) {
    g_autofree char *name = g_strdup_printf("K%u", c);

    cls[c] = c % 4 == 1 ? azkb_store_add_entity(store, name)
                        : azkb_store_intern(store, name);
    azkb_store_mark(store, cls[c], AZKB_TERM_CLASS);
  }
  /* A class that is an entity may have a class itself. */
  azkb_store_add_class(
    store, cls[1], cls[g_rand_int_range(rand, 0, G_N_ELEMENTS(cls))]);
  for (guint k = g_rand_int_range(rand, 0, 12); k > 0; k--)
    azkb_store_add_subclass(store,
                            cls[g_rand_int_range(rand, 0, G_N_ELEMENTS(cls))],
                            cls[g_rand_int_range(rand, 0, G_N_ELEMENTS(cls))]);
  for (guint i = 0; i < G_N_ELEMENTS(node); i++) {
    g_autofree char *name = g_strdup_printf("n%u", i);

    node[i] = i % 9 == 4 ? azkb_store_intern(store, name)
                         : azkb_store_add_entity(store, name);
    for (guint k = g_rand_int_range(rand, 0, 4); k > 0; k--)
      azkb_store_add_class(
        store, node[i], cls[g_rand_int_range(rand, 0, G_N_ELEMENTS(cls))]);
  }
  for (guint k = 0; k < 60; k++) {
    AzkbTermId a = node[g_rand_int_range(rand, 0, G_N_ELEMENTS(node))];
    AzkbTermId b = node[g_rand_int_range(rand, 0, G_N_ELEMENTS(node))];

    if ((azkb_store_term_kind(store, a) & AZKB_TERM_ENTITY) &&
        (azkb_store_term_kind(store, b) & AZKB_TERM_ENTITY))
      azkb_store_add_statement(store, a, p, b, NULL);
  }
  return store;
}

/* The rows of @pattern as sorted "x y" lines. */
static GPtrArray *
class_rows(AzkbStore *store, const char *pattern)
{
  g_autoptr(GError) error   = NULL;
  g_autoptr(AzkbQuery) q    = azkb_query_parse(pattern, store, &error);
  g_autoptr(AzkbResult) res = NULL;
  GPtrArray *rows           = g_ptr_array_new_with_free_func(g_free);

  g_assert_no_error(error);
  res = azkb_query_execute(q, 0);
  for (guint r = 0; r < azkb_result_n_rows(res); r++) {
    const AzkbTermId *row  = azkb_result_row(res, r);
    GString          *line = g_string_new(NULL);

    for (guint c = 0; c < azkb_result_n_columns(res); c++)
      g_string_append_printf(
        line, "%s%s", c ? " " : "", azkb_store_term_name(store, row[c]));
    g_ptr_array_add(rows, g_string_free(line, FALSE));
  }
  g_ptr_array_sort(rows, compare_lines);
  return rows;
}

static void
assert_same_rows(const GPtrArray *got,
                 const GPtrArray *want,
                 guint32          seed,
                 const char      *pattern)
{
  for (guint i = 0; i < MAX(got->len, want->len); i++) {
    const char *g = i < got->len ? g_ptr_array_index(got, i) : "(none)";
    const char *w = i < want->len ? g_ptr_array_index(want, i) : "(none)";

    if (strcmp(g, w) != 0)
      g_error("seed %u, “%s”: row %u is “%s”, want “%s” (%u rows, want %u)",
              seed,
              pattern,
              i,
              g,
              w,
              got->len,
              want->len);
  }
}

/* A pattern anchored on a class gives the rows of a scan of every entity
 * with azkb_store_has_class(): alone, followed by a step and preceded by
 * one (the class node is the anchor either way). */
static void
test_eval_class_anchor(void)
{
  guint32 seed          = g_test_rand_int();
  g_autoptr(GRand) rand = g_rand_new_with_seed(seed);
  guint rows_seen       = 0;

  for (guint round = 0; round < 40; round++) {
    g_autoptr(AzkbStore) store = class_store(rand);
    g_autoptr(GArray) entities = azkb_store_entities(store);
    AzkbTermId p               = azkb_store_lookup(store, "p");

    for (guint c = 0; c < 8; c++) {
      g_autofree char *alone          = g_strdup_printf("?x:K%u", c);
      g_autofree char *out            = g_strdup_printf("?x:K%u -p-> ?y", c);
      g_autofree char *in             = g_strdup_printf("?y -p-> ?x:K%u", c);
      g_autoptr(GPtrArray) want_alone = g_ptr_array_new_with_free_func(g_free);
      g_autoptr(GPtrArray) want_out   = g_ptr_array_new_with_free_func(g_free);
      g_autoptr(GPtrArray) want_in    = g_ptr_array_new_with_free_func(g_free);
      g_autofree char *name           = g_strdup_printf("K%u", c);
      AzkbTermId       cls            = azkb_store_lookup(store, name);

      for (guint i = 0; i < entities->len; i++) {
        AzkbTermId      e = g_array_index(entities, AzkbTermId, i);
        const char     *x = azkb_store_term_name(store, e);
        const AzkbEdge *edges;
        gsize           n;

        if (!azkb_store_has_class(store, e, cls))
          continue;
        g_ptr_array_add(want_alone, g_strdup(x));
        edges = azkb_store_out_edges(store, e, p, &n);
        for (gsize k = 0; k < n; k++)
          g_ptr_array_add(
            want_out,
            g_strdup_printf(
              "%s %s", x, azkb_store_term_name(store, edges[k].other)));
        edges = azkb_store_in_edges(store, e, p, &n);
        for (gsize k = 0; k < n; k++)
          g_ptr_array_add(
            want_in,
            g_strdup_printf(
              "%s %s", azkb_store_term_name(store, edges[k].other), x));
      }
      g_ptr_array_sort(want_alone, compare_lines);
      g_ptr_array_sort(want_out, compare_lines);
      g_ptr_array_sort(want_in, compare_lines);
      rows_seen += want_alone->len;
      {
        g_autoptr(GPtrArray) got_alone = class_rows(store, alone);
        g_autoptr(GPtrArray) got_out   = class_rows(store, out);
        g_autoptr(GPtrArray) got_in    = class_rows(store, in);

        assert_same_rows(got_alone, want_alone, seed, alone);
        assert_same_rows(got_out, want_out, seed, out);
        assert_same_rows(got_in, want_in, seed, in);
      }
    }
  }
  /* The random stores are not all empty. */
  g_assert_cmpuint(rows_seen, >, 0);
}

/* A random node of a chain: a variable (maybe seen before), an anonymous
 * node, either with a class, or a named entity. */
static void
random_chain_node(GRand *rand, GString *text)
{
  static const char *const vars[] = { "?a", "?b", "?c", "?d" };
  guint                    kind   = g_rand_int_range(rand, 0, 6);
  guint                    n      = g_rand_int_range(rand, 0, 40);

  if (kind == 5) {
    /* class_store() interns every ninth node without making it an entity */
    g_string_append_printf(text, "n%u", n % 9 == 4 ? n + 1 : n);
    return;
  }
  g_string_append(text, kind == 4 ? "?" : vars[g_rand_int_range(rand, 0, 4)]);
  if (g_rand_boolean(rand))
    g_string_append_printf(text, ":K%u", g_rand_int_range(rand, 0, 8));
}

/* --count gives the number of rows azkb_query_execute() makes, for chains
 * of up to four steps: those it counts by walks without rows (variables of
 * their own, named ends) and those it counts from the rows (a variable
 * twice, anonymous nodes, a name in the middle). */
static void
test_eval_count_chains(void)
{
  static const char *const steps[] = {
    "p", "^p", "p*", "p+", "p?", "p|^p", "p/p", "p{1,2}", "^p*", "(p/^p)+"
  };
  guint32 seed          = g_test_rand_int();
  g_autoptr(GRand) rand = g_rand_new_with_seed(seed);
  guint rows_seen       = 0;

  for (guint round = 0; round < 30; round++) {
    g_autoptr(AzkbStore) store = class_store(rand);
    AzkbTermId p               = azkb_store_lookup(store, "p");

    /* Edges to and from terms that are no entity (n4, n13, ... and the
     * classes), as an ontology's IRIs are in imported data: a count that
     * started elsewhere than the rows did would count them differently. */
    for (guint k = 0; k < 10; k++) {
      g_autofree char *a =
        g_strdup_printf("n%u", 9 * g_rand_int_range(rand, 0, 4) + 4);
      g_autofree char *b =
        g_strdup_printf("n%u", g_rand_int_range(rand, 0, 40));
      g_autofree char *k2 =
        g_strdup_printf("K%u", g_rand_int_range(rand, 0, 8));
      AzkbTermId x = azkb_store_lookup(store, a);
      AzkbTermId y = azkb_store_lookup(store, g_rand_boolean(rand) ? b : k2);

      if (g_rand_boolean(rand))
        azkb_store_add_statement(store, x, p, y, NULL);
      else
        azkb_store_add_statement(store, y, p, x, NULL);
    }
    for (guint c = 0; c < 20; c++) {
      g_autoptr(GString) text   = g_string_new(NULL);
      g_autoptr(GError) error   = NULL;
      g_autoptr(AzkbQuery) q    = NULL;
      g_autoptr(AzkbResult) res = NULL;
      guint n_steps             = g_rand_int_range(rand, 1, 5);

      random_chain_node(rand, text);
      for (guint k = 0; k < n_steps; k++) {
        g_string_append_printf(
          text,
          " -%s-> ",
          steps[g_rand_int_range(rand, 0, G_N_ELEMENTS(steps))]);
        random_chain_node(rand, text);
      }
      q = azkb_query_parse(text->str, store, &error);
      if (q == NULL)
        g_error("seed %u: “%s”: %s", seed, text->str, error->message);
      res = azkb_query_execute(q, 0);
      rows_seen += azkb_result_n_rows(res);
      if (azkb_query_count(q) != azkb_result_n_rows(res))
        g_error("seed %u: “%s”: --count %u, rows %u",
                seed,
                text->str,
                azkb_query_count(q),
                azkb_result_n_rows(res));
    }
  }
  g_assert_cmpuint(rows_seen, >, 0);
}

/* ---- explain and SPARQL ---- */

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

/* ---- connections ---- */

static char *
paths_text(AzkbStore *store, GPtrArray *paths)
{
  GString *out = g_string_new(NULL);

  for (guint i = 0; i < paths->len; i++) {
    GArray *hops = g_ptr_array_index(paths, i);

    if (i > 0)
      g_string_append(out, " | ");
    for (guint k = 0; k < hops->len; k++) {
      const AzkbHop *h = &g_array_index(hops, AzkbHop, k);
      if (k == 0)
        g_string_append(out, azkb_store_term_name(store, h->from));
      g_string_append_printf(out,
                             " %s%s%s %s(%u)",
                             h->forward ? "-" : "<-",
                             azkb_store_term_name(store, h->relation),
                             h->forward ? "->" : "-",
                             azkb_store_term_name(store, h->to),
                             h->stmts->len);
    }
  }
  return g_string_free(out, FALSE);
}

typedef struct {
  const char *name; ///< the test case's path under its group
  const char *graph;
  const char *from, *to, *via, *at;
  gboolean    all;
  guint       max_hops;
  const char *paths;
} PathCase;

// clang-format off
static const PathCase path_cases[] = {
  { "forward-two-hops", "a p b; b q c", "a", "c", NULL, NULL, FALSE, 0, "a -p-> b(1) -q-> c(1)" },
  { "mixed-directions", "a p b; c q b", "a", "c", NULL, NULL, FALSE, 0, "a -p-> b(1) <-q- c(1)" },
  { "all-shortest-one", "a p b; b q c; a r c", "a", "c", NULL, NULL, TRUE, 0, "a -r-> c(1)" },
  { "all-shortest-two", "a p b; b q d; a p c; c q d", "a", "d", NULL, NULL, TRUE, 0, "a -p-> b(1) -q-> d(1) | a -p-> c(1) -q-> d(1)" },
  { "via-restricts-relations", "a p b; b q c; a r c", "a", "c", "p|q", NULL, FALSE, 0, "a -p-> b(1) -q-> c(1)" },
  { "two-statements-one-hop", "a p b @2003..2005; a p b @2010", "a", "b", NULL, NULL, FALSE, 0, "a -p-> b(2)" },
  { "at-keeps-one-statement", "a p b @2003..2005; a p b @2010", "a", "b", NULL, "2010", FALSE, 0, "a -p-> b(1)" },
  { "at-excludes-hop", "a p b @2003..2005", "a", "b", NULL, "2010", FALSE, 0, "" },
  { "max-hops-too-short", "a p b; b p c; c p d", "a", "d", NULL, NULL, FALSE, 2, "" },
  { "max-hops-enough", "a p b; b p c; c p d", "a", "d", NULL, NULL, FALSE, 3, "a -p-> b(1) -p-> c(1) -p-> d(1)" },
  { "unconnected", "a p b; e", "a", "e", NULL, NULL, FALSE, 0, "" },
};
// clang-format on

static void
test_path(gconstpointer data)
{
  const PathCase *c          = data;
  g_autoptr(AzkbStore) store = build(c->graph);
  g_autoptr(GError) error    = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autofree char *got       = NULL;
  AzkbInterval     at;
  AzkbPathOptions  options = { .max_hops     = c->max_hops,
                               .via          = c->via,
                               .all_shortest = c->all };

  if (c->at != NULL) {
    g_assert_true(azkb_interval_parse(c->at, &at, NULL));
    options.at = &at;
  }
  paths = azkb_path_find(store,
                         azkb_store_lookup(store, c->from),
                         azkb_store_lookup(store, c->to),
                         &options,
                         &error);
  g_assert_no_error(error);
  got = paths_text(store, paths);
  if (strcmp(got, c->paths) != 0)
    g_error("%s → %s on “%s”: got “%s”, want “%s”",
            c->from,
            c->to,
            c->graph,
            got,
            c->paths);
}

static void
test_path_bad_via(void)
{
  g_autoptr(AzkbStore) store = build("a p b");
  g_autoptr(GError) error    = NULL;
  AzkbPathOptions options    = { .via = "p/" };
  GPtrArray      *paths      = azkb_path_find(store,
                                    azkb_store_lookup(store, "a"),
                                    azkb_store_lookup(store, "b"),
                                    &options,
                                    &error);

  g_assert_null(paths);
  g_assert_error(error, AZKB_QUERY_ERROR, AZKB_QUERY_ERROR_SYNTAX);
  /* the library names the text by its part, not by a command-line flag */
  g_assert_true(g_str_has_prefix(error->message, "column 3: "));
  g_assert_cmpuint(azkb_query_error_column(error), ==, 3);
  g_assert_cmpint(azkb_query_error_part(error), ==, AZKB_QUERY_PART_VIA);
}

/* The test's own model of connections: every hop sequence from @from,
 * enumerated depth-first, kept when it ends at @to, spells a word of
 * (VIA|^VIA)+ and passes the time; the shortest ones in azkb's order
 * (hop by hop: node reached, relation, forwards first).  Node and relation
 * names have one digit, so comparing hop codes compares names. */
typedef struct {
  const Graph *g;
  int          to;
  int          via; ///< 0: `_`, 1: `r0`, 2: `r0/r1`
  int          at;  ///< 0 or a year every hop must hold in
  int          rel[8], dir[8], node[9];
  GPtrArray   *found; ///< "code\ttext" of each connection of length len
  int          len;
} PathModel;

static gboolean
model_spells(const PathModel *m, int n)
{
  for (int i = 0; i < n; i++) {
    if (m->via == 1 && m->rel[i] != 0)
      return FALSE;
    if (m->via == 2) {
      /* Blocks of r0/r1 forwards or ^r1/^r0 backwards. */
      int first = i % 2 == 0 ? i : i - 1;
      int want =
        m->dir[first] == 0 ? (i == first ? 0 : 1) : (i == first ? 1 : 0);

      if (n % 2 != 0 || m->rel[i] != want || m->dir[i] != m->dir[first])
        return FALSE;
    }
  }
  return TRUE;
}

static void
model_walk(PathModel *m, int at_node, int n)
{
  if (n > 0 && at_node == m->to && model_spells(m, n)) {
    GString *line = g_string_new(NULL);
    GString *text = g_string_new(NULL);

    for (int i = 0; i < n; i++)
      g_string_append_printf(
        line, "%d%d%d", m->node[i + 1], m->rel[i], m->dir[i]);
    g_string_append_printf(text, "n%d", m->node[0]);
    for (int i = 0; i < n; i++)
      g_string_append_printf(text,
                             " %sr%d%s n%d(1)",
                             m->dir[i] == 0 ? "-" : "<-",
                             m->rel[i],
                             m->dir[i] == 0 ? "->" : "-",
                             m->node[i + 1]);
    g_string_append_printf(line, "\t%s", text->str);
    g_string_free(text, TRUE);
    if (m->len == 0 || n < m->len) {
      g_ptr_array_set_size(m->found, 0);
      m->len = n;
    }
    g_ptr_array_add(m->found, g_string_free(line, FALSE));
  }
  if (n == (m->len > 0 ? m->len : (int)G_N_ELEMENTS(m->rel)))
    return;
  for (int r = 0; r < N_RELS; r++)
    for (int dir = 0; dir < 2; dir++)
      for (int j = 0; j < N_NODES; j++) {
        int i = at_node, k = j, y;

        if (dir == 1) {
          i = j;
          k = at_node;
        }
        y = m->g->year[r][i][k];
        if (!m->g->edge[r][i][k] || (m->at != 0 && y != 0 && y != m->at))
          continue;
        m->rel[n]      = r;
        m->dir[n]      = dir;
        m->node[n + 1] = j;
        model_walk(m, j, n + 1);
      }
}

/* azkb_path_find (searching from both ends) against the model, on random
 * graphs: the same shortest connections in the same order, the first of
 * them alone without --all-shortest, none past the hop limit. */
static void
test_path_cross_check(void)
{
  guint32 seed                    = g_test_rand_int();
  g_autoptr(GRand) rand           = g_rand_new_with_seed(seed);
  static const char *const vias[] = { NULL, "r0", "r0/r1" };

  for (guint c = 0; c < 400; c++) {
    Graph g;
    g_autoptr(AzkbStore) store = graph_store(rand, &g);
    PathModel        m         = { &g,
                                   g_rand_int_range(rand, 0, N_NODES),
                                   g_rand_int_range(rand, 0, 3),
                    g_rand_boolean(rand) ? 0
                                                        : g_rand_int_range(rand, 2001, 2004),
                                   { 0 },
                                   { 0 },
                                   { g_rand_int_range(rand, 0, N_NODES) },
                                   g_ptr_array_new_with_free_func(g_free),
                                   0 };
    guint            max_hops  = (guint)g_rand_int_range(rand, 1, 8);
    GString         *want      = g_string_new(NULL);
    g_autofree char *from      = g_strdup_printf("n%d", m.node[0]);
    g_autofree char *to        = g_strdup_printf("n%d", m.to);
    AzkbDate         d         = { m.at, 0, 0, AZKB_PRECISION_YEAR, 0 };
    AzkbInterval     at        = azkb_interval_point(&d);
    AzkbPathOptions  options   = { .max_hops  = max_hops,
                                   .via       = vias[m.via],
                                   .at        = m.at != 0 ? &at : NULL,
                                   .max_paths = 100000 };

    model_walk(&m, m.node[0], 0);
    g_ptr_array_sort(m.found, compare_lines);
    for (guint i = 0; m.len <= (int)max_hops && i < m.found->len; i++)
      g_string_append_printf(want,
                             "%s%s",
                             i > 0 ? " | " : "",
                             strchr(g_ptr_array_index(m.found, i), '\t') + 1);
    for (int all = 0; all < 2; all++) {
      g_autoptr(GError) error    = NULL;
      g_autoptr(GPtrArray) paths = NULL;
      g_autofree char *got       = NULL;
      g_autofree char *first = g_strndup(want->str, strcspn(want->str, "|"));

      options.all_shortest = all;
      paths                = azkb_path_find(store,
                             azkb_store_lookup(store, from),
                             azkb_store_lookup(store, to),
                             &options,
                             &error);
      g_assert_no_error(error);
      got = paths_text(store, paths);
      g_strchomp(first);
      if (strcmp(got, all ? want->str : first) != 0)
        g_error("seed %u case %u: %s → %s via %s at %d, max %u hops%s: got "
                "“%s”, want “%s”",
                seed,
                c,
                from,
                to,
                vias[m.via] ? vias[m.via] : "_",
                m.at,
                max_hops,
                all ? ", all" : "",
                got,
                all ? want->str : first);
    }
    g_string_free(want, TRUE);
    g_ptr_array_unref(m.found);
  }
}

/* A connection far longer than the search's first layers, found from both
 * ends; one hop less than its length finds nothing; many shortest
 * connections are capped by max_paths, smallest first. */
static void
test_path_long(void)
{
  g_autoptr(GString) spec    = g_string_new(NULL);
  g_autoptr(GString) want    = g_string_new("c0");
  g_autoptr(AzkbStore) store = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GError) error    = NULL;
  g_autofree char *got       = NULL;
  AzkbPathOptions  options   = { .max_hops = 80 };
  AzkbTermId       from, to;

  /* A chain c0 .. c60 with alternating directions, and a bush of side
   * branches at every link that lead nowhere. */
  for (int i = 0; i < 60; i++) {
    if (i % 2 == 0)
      g_string_append_printf(spec, "c%d p c%d;", i, i + 1);
    else
      g_string_append_printf(spec, "c%d q c%d;", i + 1, i);
    g_string_append_printf(
      want, i % 2 == 0 ? " -p-> c%d(1)" : " <-q- c%d(1)", i + 1);
    for (int k = 0; k < 3; k++)
      g_string_append_printf(spec, "c%d r side%d_%d;", i, i, k);
  }
  store = build(spec->str);
  from  = azkb_store_lookup(store, "c0");
  to    = azkb_store_lookup(store, "c60");
  paths = azkb_path_find(store, from, to, &options, &error);
  g_assert_no_error(error);
  got = paths_text(store, paths);
  g_assert_cmpstr(got, ==, want->str);
  g_clear_pointer(&paths, g_ptr_array_unref);

  options.max_hops = 59;
  paths            = azkb_path_find(store, from, to, &options, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(paths->len, ==, 0);
  g_clear_pointer(&paths, g_ptr_array_unref);

  /* No connection at all, whatever the limit: an island. */
  options.max_hops = 100;
  paths            = azkb_path_find(
    store, from, azkb_store_add_entity(store, "island"), &options, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(paths->len, ==, 0);
}

static void
test_path_many(void)
{
  /* a → m0..m9 → z: ten shortest connections of two hops. */
  g_autoptr(GString) spec    = g_string_new(NULL);
  g_autoptr(AzkbStore) store = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GError) error    = NULL;
  g_autofree char *got       = NULL;
  AzkbPathOptions  options   = { .all_shortest = TRUE, .max_paths = 3 };

  for (int i = 9; i >= 0; i--)
    g_string_append_printf(spec, "a p m%d; m%d p z;", i, i);
  store = build(spec->str);
  paths = azkb_path_find(store,
                         azkb_store_lookup(store, "a"),
                         azkb_store_lookup(store, "z"),
                         &options,
                         &error);
  g_assert_no_error(error);
  got = paths_text(store, paths);
  g_assert_cmpstr(got,
                  ==,
                  "a -p-> m0(1) -p-> z(1) | a -p-> m1(1) -p-> z(1) | "
                  "a -p-> m2(1) -p-> z(1)");
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
  g_test_add_func("/query/null-safe", test_null_safe);
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
  g_test_add_func("/query/eval/cross-check", test_cross_check);
  g_test_add_data_func("/query/eval/name-order", NULL, test_eval_name_order);
  g_test_add_data_func(
    "/query/eval/name-order-by-store-ranks", "ranked", test_eval_name_order);
  g_test_add_func("/query/eval/class-anchor", test_eval_class_anchor);
  g_test_add_func("/query/eval/count-chains", test_eval_count_chains);
  g_test_add_func("/query/explain", test_explain);
  g_test_add_func("/query/sparql/paths", test_sparql_paths);
  g_test_add_func("/query/sparql/time", test_sparql_time);
  g_test_add_func("/query/sparql/refuses-global-time-on-star",
                  test_sparql_refuses_global_time_on_star);
  for (gsize i = 0; i < G_N_ELEMENTS(path_cases); i++) {
    g_autofree char *path =
      g_strconcat("/query/path/", path_cases[i].name, NULL);
    g_test_add_data_func(path, &path_cases[i], test_path);
  }
  g_test_add_func("/query/path/bad-via", test_path_bad_via);
  g_test_add_func("/query/path/cross-check", test_path_cross_check);
  g_test_add_func("/query/path/long", test_path_long);
  g_test_add_func("/query/path/many", test_path_many);
  return g_test_run();
}
