/* Tests of asking "when": time variables (`-p@?t->`), qualifiers
 * (`[ordinal=?n]`), literal values ending a pattern, temporal constraints
 * (`--where`, Allen's relations), the sources column, `--when` with what a
 * row binds, and the SPARQL form, on small graphs built in the test.  The
 * randomized check against an oracle is test-query-time-oracle.c. */
#include "query-test.h"

#include <string.h>

/* ---- graphs ---- */

static AzkbTermId
literal(AzkbStore *store, AzkbValueKind kind, const char *text)
{
  g_autoptr(GError) error = NULL;
  AzkbTermId lit =
    azkb_store_intern_literal(store, kind, text, NULL, NULL, &error);

  g_assert_no_error(error);
  return lit;
}

/* A country with two terms on one council, a presidency with qualifiers,
 * meetings, and a founding date. */
static AzkbStore *
small_graph(void)
{
  AzkbStore *store = azkb_store_new();
  AzkbStmtId s;

  add(store, "az", "electedTo", "council", "2003..2005");
  add(store, "az", "electedTo", "council", "2017..2019");
  add(store, "az", "electedTo", "board", "2004..2006");
  add(store, "az", "memberOf", "sc", "2012..2013");
  add(store, "az", "memberOf", "un", "1992-03-02..");
  add(store, "m1", "heldBy", "sc", "2012-05-04");
  add(store, "m2", "heldBy", "sc", "2014");
  add(store, "m3", "heldBy", "sc", "");
  s = add(store, "az", "presided", "sc", "2012-05-04");
  azkb_store_add_qualifier(store,
                           s,
                           azkb_store_intern(store, "ordinal"),
                           literal(store, AZKB_VALUE_INTEGER, "1"));
  azkb_store_add_source(store, s, azkb_store_intern(store, "P10"));
  s = add(store, "az", "presided", "sc", "2013-10-28");
  azkb_store_add_qualifier(store,
                           s,
                           azkb_store_intern(store, "ordinal"),
                           literal(store, AZKB_VALUE_INTEGER, "2"));
  azkb_store_add_source(store, s, azkb_store_intern(store, "P10"));
  azkb_store_add_statement(store,
                           azkb_store_add_entity(store, "az"),
                           azkb_store_intern(store, "independentOn"),
                           literal(store, AZKB_VALUE_DATE, "1991-10-18"),
                           NULL);
  azkb_store_add_statement(store,
                           azkb_store_add_entity(store, "un"),
                           azkb_store_intern(store, "establishedOn"),
                           literal(store, AZKB_VALUE_DATE, "1945-10-24"),
                           NULL);
  return store;
}

/* The text of a cell by its column's kind: a term's name, a time in ISO. */
static void
append_cell(GString          *out,
            AzkbStore        *store,
            const AzkbResult *res,
            guint             c,
            guint32           cell,
            const AzkbDate   *present)
{
  switch (azkb_result_column_kind(res, c)) {
    case AZKB_COLUMN_TIME: {
      AzkbStatement    st;
      g_autofree char *t = NULL;

      g_assert_true(azkb_store_get_statement(store, cell, &st));
      t = azkb_interval_to_string(&st.time, AZKB_TIME_STYLE_ISO);
      g_string_append(out, *t ? t : "undated");
      return;
    }
    case AZKB_COLUMN_SOURCES: {
      gsize             n;
      const AzkbTermId *src = azkb_result_sources(res, cell, &n);

      for (gsize i = 0; i < n; i++)
        g_string_append_printf(
          out, "%s%s", i ? " " : "", azkb_store_term_name(store, src[i]));
      return;
    }
    case AZKB_COLUMN_WHEN: {
      gsize               n;
      const AzkbDayRange *days   = azkb_result_when(res, cell, &n);
      g_autoptr(AzkbTimeSet) set = azkb_time_set_new_from_ranges(days, n);
      g_autofree char *t =
        azkb_time_set_to_string_at(set, AZKB_TIME_STYLE_EDTF, present);

      g_string_append(out, t);
      return;
    }
    case AZKB_COLUMN_ENTITY:
    case AZKB_COLUMN_LITERAL:
    default:
      g_string_append(out, azkb_store_term_name(store, cell));
      return;
  }
}

/* "x=a,t=2003..2005 | ..." in result order. */
static char *
ask(AzkbStore      *store,
    const char     *pattern,
    const char     *where,
    AzkbQueryFlags  flags,
    const AzkbDate *present)
{
  g_autoptr(GError) error   = NULL;
  g_autoptr(AzkbQuery) q    = azkb_query_parse(pattern, store, &error);
  g_autoptr(AzkbResult) res = NULL;
  GString *out              = g_string_new(NULL);

  g_assert_no_error(error);
  if (where != NULL) {
    g_assert_true(azkb_query_add_constraint(q, where, &error));
    g_assert_no_error(error);
  }
  azkb_query_set_flags(q, flags);
  azkb_query_set_present(q, present);
  res = azkb_query_execute(q, 0);
  for (guint r = 0; r < azkb_result_n_rows(res); r++) {
    if (r > 0)
      g_string_append(out, " | ");
    for (guint c = 0; c < azkb_result_n_columns(res); c++) {
      g_string_append_printf(
        out, "%s%s=", c ? "," : "", azkb_result_column_name(res, c));
      append_cell(out, store, res, c, azkb_result_row(res, r)[c], present);
    }
  }
  return g_string_free(out, FALSE);
}

static void
check(const char *pattern, const char *where, const char *expected)
{
  g_autoptr(AzkbStore) store = small_graph();
  g_autofree char *got       = NULL;

  got = ask(store,
            pattern,
            where,
            AZKB_QUERY_NONE,
            &(AzkbDate){ 2024, 6, 30, AZKB_PRECISION_DAY, 0 });
  g_assert_cmpstr(got, ==, expected);
}

/* ---- time variables ---- */

static void
test_time_var_one_row_per_statement(void)
{
  check("az -electedTo@?t-> ?b",
        NULL,
        "t=2003..2005,b=council | t=2004..2006,b=board | "
        "t=2017..2019,b=council");
}

static void
test_time_var_with_filter_on_the_same_step(void)
{
  check("az -electedTo@?t@2016..2020-> ?b", NULL, "t=2017..2019,b=council");
  check("az -electedTo@2016..2020@?t-> ?b", NULL, "t=2017..2019,b=council");
}

static void
test_time_var_on_a_backward_step_and_undated(void)
{
  check("sc <-heldBy@?t- ?m",
        NULL,
        "t=undated,m=m3 | t=2012-05-04,m=m1 | t=2014,m=m2");
}

static void
test_time_var_on_alternation_and_wildcard(void)
{
  check("az -memberOf|presided@?t-> sc",
        NULL,
        "t=2012..2013 | t=2012-05-04 | t=2013-10-28");
  check("?x -_@?t-> un", NULL, "x=az,t=1992-03-02..");
}

static void
test_time_var_column_kinds(void)
{
  g_autoptr(AzkbStore) store = small_graph();
  g_autoptr(AzkbQuery) q =
    azkb_query_parse("az -presided@?t[ordinal=?n]-> ?b", store, NULL);
  g_autoptr(AzkbResult) res = azkb_query_execute(q, 0);

  g_assert_cmpuint(azkb_result_n_columns(res), ==, 3);
  g_assert_cmpint(azkb_result_column_kind(res, 0), ==, AZKB_COLUMN_TIME);
  g_assert_cmpint(azkb_result_column_kind(res, 1), ==, AZKB_COLUMN_LITERAL);
  g_assert_cmpint(azkb_result_column_kind(res, 2), ==, AZKB_COLUMN_ENTITY);
}

/* Two statements of one time make one value: rows are sets of values. */
static void
test_time_var_equal_times_are_one_value(void)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autofree char *got       = NULL;

  add(store, "a", "p", "b", "2003..2005");
  add(store, "a", "p", "c", "2003..2005");
  got = ask(store, "a -p@?t-> ?", NULL, 0, NULL);
  g_assert_cmpstr(got, ==, "t=2003..2005");
}

/* Rows whose ranks need more than 64 bits (tens of thousands of names,
 * times and sources lists: the sort packs them into 128-bit keys) come in
 * the order of few rows: by name, then time.  Inserted shuffled, so the
 * order is the sort's. */
static void
test_time_var_wide_rows(void)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(AzkbQuery) q     = NULL;
  g_autoptr(AzkbResult) res  = NULL;
  g_autoptr(GError) error    = NULL;
  const guint n              = 40000;

  for (guint k = 0; k < n; k++) {
    guint            i = (guint)(((guint64)k * 7919) % n);
    GDate            day;
    char             when[16];
    g_autofree char *a   = g_strdup_printf("a%05u", i);
    g_autofree char *b   = g_strdup_printf("b%05u", n - 1 - i);
    g_autofree char *src = g_strdup_printf("P%05u", i);
    AzkbTermId       p   = azkb_store_intern(store, src);

    g_date_clear(&day, 1);
    g_date_set_dmy(&day, 1, 1, 1900);
    g_date_add_days(&day, i);
    g_date_strftime(when, sizeof when, "%Y-%m-%d", &day);
    azkb_store_mark(store, p, AZKB_TERM_SOURCE);
    azkb_store_add_source(store, add(store, a, "r", b, when), p);
  }
  q = azkb_query_parse("?a -r@?t-> ?b", store, &error);
  g_assert_no_error(error);
  azkb_query_set_flags(q, AZKB_QUERY_SOURCES);
  res = azkb_query_execute(q, 0);
  g_assert_cmpuint(azkb_result_n_rows(res), ==, n);
  for (guint r = 0; r < n; r++) {
    const AzkbTermId *row = azkb_result_row(res, r);
    g_autofree char  *a   = g_strdup_printf("a%05u", r);
    g_autofree char  *b   = g_strdup_printf("b%05u", n - 1 - r);
    g_autofree char  *src = g_strdup_printf("P%05u", r);
    AzkbStatement     st;
    gsize             n_src;
    const AzkbTermId *srcs = azkb_result_sources(res, row[3], &n_src);

    g_assert_cmpstr(azkb_store_term_name(store, row[0]), ==, a);
    g_assert_true(azkb_store_get_statement(store, row[1], &st));
    g_assert_cmpstr(azkb_store_term_name(store, st.subject), ==, a);
    g_assert_cmpstr(azkb_store_term_name(store, row[2]), ==, b);
    g_assert_cmpuint(n_src, ==, 1);
    g_assert_cmpstr(azkb_store_term_name(store, srcs[0]), ==, src);
  }
}

/* ---- qualifiers and literals ---- */

static void
test_qualifier_binds_a_literal(void)
{
  check("az -presided@?t[ordinal=?n]-> sc",
        NULL,
        "t=2012-05-04,n=1 | t=2013-10-28,n=2");
  /* a statement without the qualifier gives no row */
  check("az -memberOf[ordinal=?n]-> ?b", NULL, "");
}

static void
test_literal_ends_a_pattern(void)
{
  check("az -independentOn-> ?d", NULL, "d=1991-10-18");
  check("az -memberOf/establishedOn-> ?d", NULL, "d=1945-10-24");
  check("az -memberOf@?t-> ?b -establishedOn-> ?d",
        NULL,
        "t=1992-03-02..,b=un,d=1945-10-24");
}

/* ---- constraints ---- */

static void
test_constraint_between_two_steps(void)
{
  check("az -memberOf@?m-> sc <-heldBy@?h- ?x",
        "?h during ?m",
        "m=2012..2013,h=2012-05-04,x=m1");
  check("az -memberOf@?m-> sc <-heldBy@?h- ?x",
        "?h met-by ?m",
        "m=2012..2013,h=2014,x=m2");
  check("az -memberOf@?m-> sc <-heldBy@?h- ?x", "?h after ?m", "");
  /* adjacent years meet: no day lies between them */
  check("az -memberOf@?m-> sc <-heldBy@?h- ?x",
        "?m meets ?h",
        "m=2012..2013,h=2014,x=m2");
}

static void
test_constraint_on_the_same_body(void)
{
  check("az -electedTo@?a-> ?b <-electedTo@?c- az",
        "?a before ?c",
        "a=2003..2005,b=council,c=2017..2019");
  check("az -electedTo@?a-> ?b",
        "?a overlaps 2005..2007",
        "a=2003..2005,b=council | a=2004..2006,b=board");
}

/* A year does not come before a day inside it: it contains it. */
static void
test_constraint_is_precision_aware(void)
{
  check("az -presided@?t-> sc", "2012 before ?t", "t=2013-10-28");
  check("az -presided@?t-> sc", "2012 contains ?t", "t=2012-05-04");
  check("az -presided@?t-> sc", "?t during 2012", "t=2012-05-04");
  check("az -presided@?t-> sc", "?t intersects 2012-05", "t=2012-05-04");
}

/* More rows than the statements read at once (256): every chunk keeps
 * exactly its rows that meet the constraint, in place. */
static void
test_constraint_many_rows(void)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(AzkbQuery) q     = NULL;
  g_autoptr(AzkbResult) res  = NULL;
  g_autoptr(GError) error    = NULL;
  guint kept                 = 0;

  for (guint i = 0; i < 1000; i++) {
    g_autofree char *a    = g_strdup_printf("a%04u", i);
    g_autofree char *year = g_strdup_printf("%u", 1900 + (i * 37) % 100);

    add(store, a, "r", "b", year);
  }
  q = azkb_query_parse("?a -r@?t-> ?b", store, &error);
  g_assert_no_error(error);
  g_assert_true(
    azkb_query_add_constraint(q, "?t intersects 1950..1959", &error));
  g_assert_no_error(error);
  res = azkb_query_execute(q, 0);
  for (guint i = 0; i < 1000; i++) {
    guint year = 1900 + (i * 37) % 100;

    if (year < 1950 || year > 1959)
      continue;
    {
      const AzkbTermId *row = azkb_result_row(res, kept++);
      g_autofree char  *a   = g_strdup_printf("a%04u", i);
      AzkbStatement     st;

      g_assert_cmpstr(azkb_store_term_name(store, row[0]), ==, a);
      g_assert_true(azkb_store_get_statement(store, row[1], &st));
      g_assert_cmpint(st.time.start.year, ==, (gint)year);
    }
  }
  g_assert_cmpuint(kept, ==, 100);
  g_assert_cmpuint(azkb_result_n_rows(res), ==, kept);
}

/* An open end runs to the present; an undated time meets nothing. */
static void
test_constraint_open_end_and_undated(void)
{
  check("az -memberOf@?t-> un", "?t contains 2024-05", "t=1992-03-02..");
  check("az -memberOf@?t-> un", "?t contains 2025", "");
  check("sc <-heldBy@?t- ?m",
        "?t after 2000 and ?t before 2020",
        "t=2012-05-04,m=m1 | t=2014,m=m2");
}

/* ---- sources ---- */

static void
test_sources_of_a_time_variable_step(void)
{
  g_autoptr(AzkbStore) store = small_graph();
  g_autofree char *got =
    ask(store, "az -presided@?t-> sc", NULL, AZKB_QUERY_SOURCES, NULL);

  g_assert_cmpstr(
    got, ==, "t=2012-05-04,sources=P10 | t=2013-10-28,sources=P10");
}

static void
test_sources_of_a_longer_step_take_one_shortest_witness(void)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autofree char *got       = NULL;

  azkb_store_add_source(
    store, add(store, "a", "p", "b", ""), azkb_store_intern(store, "P1"));
  azkb_store_add_source(
    store, add(store, "b", "p", "c", ""), azkb_store_intern(store, "P2"));
  /* a longer way to c: not the witness */
  azkb_store_add_source(
    store, add(store, "a", "p", "d", ""), azkb_store_intern(store, "P3"));
  azkb_store_add_source(
    store, add(store, "d", "p", "e", ""), azkb_store_intern(store, "P4"));
  azkb_store_add_source(
    store, add(store, "e", "p", "c", ""), azkb_store_intern(store, "P5"));
  got = ask(store, "a -p+-> c", NULL, AZKB_QUERY_SOURCES, NULL);
  g_assert_cmpstr(got, ==, "sources=P1 P2");
}

/* Rows that print the same merge their sources. */
static void
test_sources_merge_over_hidden_nodes(void)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autofree char *got       = NULL;

  azkb_store_add_source(
    store, add(store, "a", "p", "b", ""), azkb_store_intern(store, "P1"));
  azkb_store_add_source(
    store, add(store, "a", "p", "c", ""), azkb_store_intern(store, "P2"));
  got = ask(store, "a -p-> ?", NULL, AZKB_QUERY_SOURCES, NULL);
  g_assert_cmpstr(got, ==, "sources=P1 P2");
}

/* A time variable's statements of equal intervals are one value: two
 * bodies elected for one term print as one row, which cites both
 * statements' paragraphs (with --when too). */
static void
test_sources_merge_over_equal_times(void)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autofree char *got       = NULL;
  g_autofree char *when      = NULL;

  azkb_store_add_source(store,
                        add(store, "a", "p", "b", "2003..2005"),
                        azkb_store_intern(store, "P1"));
  azkb_store_add_source(store,
                        add(store, "a", "p", "c", "2003..2005"),
                        azkb_store_intern(store, "P2"));
  azkb_store_add_source(
    store, add(store, "a", "p", "c", "2007"), azkb_store_intern(store, "P3"));
  got = ask(store, "a -p@?t-> ?", NULL, AZKB_QUERY_SOURCES, NULL);
  g_assert_cmpstr(got, ==, "t=2003..2005,sources=P1 P2 | t=2007,sources=P3");
  when =
    ask(store, "a -p@?t-> ?", NULL, AZKB_QUERY_SOURCES | AZKB_QUERY_WHEN, NULL);
  g_assert_cmpstr(when,
                  ==,
                  "t=2003..2005,when=2003/2005,sources=P1 P2 | "
                  "t=2007,when=2007,sources=P3");
}

/* ---- errors ---- */

typedef struct {
  const char *name; ///< the test case's path under its group
  const char *pattern;
  const char *where;
  guint       column;
  const char *message;
} BadCase;

// clang-format off
static const BadCase bad_cases[] = {
  { "time-variable-on-sequence", "az -electedTo/memberOf@?t-> ?b", NULL, 24, "must be one hop" },
  { "time-variable-on-star", "az -electedTo*@?t-> ?b", NULL, 16, "must be one hop" },
  { "time-variable-on-bounded-repeat", "az -electedTo{1,2}@?t-> ?b", NULL, 20, "must be one hop" },
  { "two-time-variables-on-step", "az -electedTo@?t@?u-> ?b", NULL, 18, "one time variable" },
  { "time-variable-reuses-node-variable", "az -electedTo@?b-> ?b", NULL, 20, "not a node" },
  { "time-variable-used-twice", "az -electedTo@?t-> ?b -memberOf@?t-> ?c", NULL, 33, "already used" },
  { "time-without-date", "az -electedTo@-> ?b", NULL, 15, "expected a date" },
  { "property-not-last", "az -independentOn-> ?d -memberOf-> ?x", NULL, 5, "last relation" },
  { "property-ends-at-entity", "az -independentOn-> sc", NULL, 21, "end it at a variable" },
  { "property-in-negated-set", "az -!independentOn-> ?d", NULL, 6, "negated set" },
  { "unknown-qualifier", "az -presided[ordinall=?n]-> ?b", NULL, 14, "ordinal" },
  { "where-unknown-relation", "az -electedTo@?t-> ?b", "?t durng 2012", 4, "unknown temporal relation" },
  { "where-unbound-variable", "az -electedTo@?t-> ?b", "?s during 2012", 1, "not a time variable" },
  { "where-node-variable", "az -electedTo@?t-> ?b", "?b during ?t", 1, "not a time variable" },
  { "where-missing-operand", "az -electedTo@?t-> ?b", "?t during", 10, "expected a time variable" },
  { "where-or-instead-of-and", "az -electedTo@?t-> ?b", "?t during 2012 or ?t", 16, "“and”" },
  { "where-two-dates", "az -electedTo@?t-> ?b", "2012 before 2013", 1, "both dates" },
  { "where-control-character", "az -electedTo@?t-> ?b", "?t during\t?\002x", 12, "control character U+0002" },
};
// clang-format on

static void
test_error(gconstpointer data)
{
  const BadCase *c           = data;
  g_autoptr(AzkbStore) store = small_graph();
  g_autoptr(GError) error    = NULL;
  g_autoptr(AzkbQuery) q     = azkb_query_parse(c->pattern, store, &error);

  if (c->where != NULL) {
    g_assert_no_error(error);
    g_assert_false(azkb_query_add_constraint(q, c->where, &error));
  } else
    g_assert_null(q);
  g_assert_nonnull(error);
  g_assert_true(error->domain == AZKB_QUERY_ERROR);
  azkb_test_assert_contains(error->message, c->message);
  g_assert_cmpuint(azkb_query_error_column(error), ==, c->column);
}

/* --when with what a row binds besides its nodes.  A time variable fixes
 * the statement: the row's days are that statement's, met with the rest of
 * the match, so one council with two terms gives two rows, each with its
 * own days. */
static void
test_when_with_time_variables_and_qualifiers(void)
{
  static const struct {
    const char    *pattern;
    const char    *where;
    AzkbQueryFlags flags;
    const char    *expected;
  } cases[] = {
    { "az -electedTo@?t-> council",
      NULL,
      0,
      "t=2003..2005,when=2003/2005 | t=2017..2019,when=2017/2019" },
    /* m2's meeting (2014) fell outside the membership: no row; m3's is
     * undated, so the row held while the membership did */
    { "?m -heldBy-> sc <-memberOf@?t- az",
      NULL,
      0,
      "m=m1,t=2012..2013,when=2012-05-04 | m=m3,t=2012..2013,when=2012/2013" },
    { "az -presided[ordinal=?n]-> sc",
      NULL,
      0,
      "n=1,when=2012-05-04 | n=2,when=2013-10-28" },
    /* the constraint chooses statements; the rows are then coalesced */
    { "az -electedTo@?t-> ?b",
      "?t intersects 2004",
      0,
      "t=2003..2005,b=council,when=2003/2005 | "
      "t=2004..2006,b=board,when=2004/2006" },
    /* an undated literal statement holds in every snapshot... */
    { "az -independentOn-> ?d", NULL, 0, "d=1991-10-18,when=../.." },
    /* ...but in none with --strict-time */
    { "az -independentOn-> ?d", NULL, AZKB_QUERY_STRICT_TIME, "" },
    { "az -memberOf/establishedOn-> ?d",
      NULL,
      0,
      "d=1945-10-24,when=1992-03-02/.." },
    { "az -presided@?t-> sc",
      NULL,
      AZKB_QUERY_SOURCES,
      "t=2012-05-04,when=2012-05-04,sources=P10 | "
      "t=2013-10-28,when=2013-10-28,sources=P10" },
  };

  AzkbDate present = { 2024, 6, 30, AZKB_PRECISION_DAY, 0 };

  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autoptr(AzkbStore) store = small_graph();
    g_autofree char *got       = ask(store,
                               cases[i].pattern,
                               cases[i].where,
                               cases[i].flags | AZKB_QUERY_WHEN,
                               &present);

    g_assert_cmpstr(got, ==, cases[i].expected);
  }
}

/* Counting agrees with the rows, and execute_full() answers too. */
static void
test_when_count_and_execute_full_agree(void)
{
  g_autoptr(AzkbStore) store = small_graph();
  g_autoptr(AzkbQuery) q =
    azkb_query_parse("az -electedTo@?t-> ?b", store, NULL);
  g_autoptr(AzkbResult) res = NULL;
  g_autoptr(GError) error   = NULL;
  guint n                   = 0;

  g_assert_nonnull(q);
  g_assert_true(azkb_query_add_constraint(q, "?t before 2010", NULL));
  azkb_query_set_flags(q, AZKB_QUERY_WHEN | AZKB_QUERY_SOURCES);
  res = azkb_query_execute_full(q, 0, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(azkb_result_n_rows(res), ==, 2);
  g_assert_cmpuint(azkb_result_n_columns(res), ==, 4);
  g_assert_cmpint(azkb_result_column_kind(res, 2), ==, AZKB_COLUMN_WHEN);
  g_assert_cmpint(azkb_result_column_kind(res, 3), ==, AZKB_COLUMN_SOURCES);
  g_assert_true(azkb_query_count_full(q, &n, &error));
  g_assert_cmpuint(n, ==, 2);
  /* a result made of rows found elsewhere shows the same columns */
  {
    g_autoptr(AzkbResult) empty = azkb_result_new_from_rows(q, NULL, 0);

    g_assert_cmpuint(azkb_result_n_columns(empty), ==, 4);
    for (guint c = 0; c < 4; c++) {
      g_assert_cmpint(
        azkb_result_column_kind(empty, c), ==, azkb_result_column_kind(res, c));
      g_assert_cmpstr(
        azkb_result_column_name(empty, c), ==, azkb_result_column_name(res, c));
    }
  }
}

/* A pattern of one node has one row and no sources, with or without a
 * variable (rows without sources leave the list of sources empty). */
static void
test_sources_of_one_node(void)
{
  static const char *const patterns[] = { "az", "?", "?x" };

  for (guint i = 0; i < G_N_ELEMENTS(patterns); i++) {
    g_autoptr(AzkbStore) store = small_graph();
    g_autoptr(AzkbQuery) q     = azkb_query_parse(patterns[i], store, NULL);
    g_autoptr(AzkbResult) res  = NULL;
    guint last;

    g_assert_nonnull(q);
    azkb_query_set_flags(q, AZKB_QUERY_SOURCES);
    res  = azkb_query_execute(q, 0);
    last = azkb_result_n_columns(res) - 1;
    g_assert_cmpint(
      azkb_result_column_kind(res, last), ==, AZKB_COLUMN_SOURCES);
    g_assert_cmpuint(azkb_result_n_rows(res), >=, 1);
    for (guint r = 0; r < azkb_result_n_rows(res); r++) {
      gsize n = 1;

      azkb_result_sources(res, azkb_result_row(res, r)[last], &n);
      g_assert_cmpuint(n, ==, 0);
    }
  }
}

/* A pattern of one node holds always and has no sources (its sources
 * list is empty, read from an array that may hold none yet). */
static void
test_when_sources_of_one_node(void)
{
  g_autoptr(AzkbStore) store = small_graph();
  g_autoptr(AzkbQuery) q     = azkb_query_parse("az", store, NULL);
  g_autoptr(AzkbResult) res  = NULL;
  const AzkbDayRange *days;
  gsize               n = 1;

  g_assert_nonnull(q);
  azkb_query_set_flags(q, AZKB_QUERY_WHEN | AZKB_QUERY_SOURCES);
  res = azkb_query_execute(q, 0);
  g_assert_cmpuint(azkb_result_n_rows(res), ==, 1);
  g_assert_cmpuint(azkb_result_n_columns(res), ==, 2);
  days = azkb_result_when(res, azkb_result_row(res, 0)[0], &n);
  g_assert_cmpuint(n, ==, 1);
  g_assert_cmpint(days[0].first, ==, AZKB_DAY_MIN);
  g_assert_cmpint(days[0].last, ==, AZKB_DAY_MAX);
  azkb_result_sources(res, azkb_result_row(res, 0)[1], &n);
  g_assert_cmpuint(n, ==, 0);
}

/* The when and sources columns never take a variable's name: JSON keys a
 * row by the column names. */
static void
test_extra_columns_named_apart(void)
{
  static const AzkbQueryFlags flags[] = {
    AZKB_QUERY_SOURCES, AZKB_QUERY_WHEN, AZKB_QUERY_WHEN | AZKB_QUERY_SOURCES
  };

  for (guint f = 0; f < G_N_ELEMENTS(flags); f++) {
    g_autoptr(AzkbStore) store = small_graph();
    g_autoptr(AzkbQuery) q =
      azkb_query_parse("?sources -electedTo@?when-> ?when2", store, NULL);
    g_autoptr(AzkbResult) res   = NULL;
    g_autoptr(AzkbResult) empty = NULL;
    guint n;

    g_assert_nonnull(q);
    azkb_query_set_flags(q, flags[f]);
    res   = azkb_query_execute(q, 0);
    empty = azkb_result_new_from_rows(q, NULL, 0);
    n     = azkb_result_n_columns(res);
    g_assert_cmpuint(n, ==, 3 + (f == 2 ? 2 : 1));
    g_assert_cmpuint(azkb_result_n_columns(empty), ==, n);
    for (guint c = 0; c < n; c++) {
      g_assert_cmpstr(
        azkb_result_column_name(empty, c), ==, azkb_result_column_name(res, c));
      for (guint d = 0; d < c; d++)
        g_assert_cmpstr(
          azkb_result_column_name(res, d), !=, azkb_result_column_name(res, c));
    }
    if (flags[f] & AZKB_QUERY_WHEN)
      g_assert_cmpstr(azkb_result_column_name(res, 3), ==, "when3");
    if (flags[f] & AZKB_QUERY_SOURCES)
      g_assert_cmpstr(azkb_result_column_name(res, n - 1), ==, "sources2");
  }
}

/* ---- SPARQL ---- */

static char *
sparql_of(const char    *pattern,
          const char    *where,
          AzkbQueryFlags flags,
          GError       **error)
{
  g_autoptr(AzkbStore) store = small_graph();
  g_autoptr(AzkbQuery) q     = azkb_query_parse(pattern, store, NULL);

  g_assert_nonnull(q);
  if (where != NULL)
    g_assert_true(azkb_query_add_constraint(q, where, NULL));
  azkb_query_set_flags(q, flags);
  return azkb_query_to_sparql(q, NULL, error);
}

/* `{1}` and `{1,1}` keep the grouping of what they repeat: SPARQL reads
 * `p/p|q` as `(p/p)|q`. */
static void
test_sparql_parenthesizes_by_precedence(void)
{
  static const struct {
    const char *pattern, *path;
  } cases[] = {
    { "?x -electedTo/(electedTo|memberOf){1}-> ?y",
      "?x azo:electedTo/(azo:electedTo|azo:memberOf) ?y" },
    { "?x -(memberOf|electedTo){1,1}/electedTo-> ?y",
      "?x (azo:memberOf|azo:electedTo)/azo:electedTo ?y" },
    { "?x -((memberOf|electedTo){1}){1,1}*-> ?y",
      "?x (azo:memberOf|azo:electedTo)* ?y" },
    { "?x -(^(memberOf/electedTo)){1}/memberOf-> ?y",
      "?x ^azo:electedTo/^azo:memberOf/azo:memberOf ?y" },
    { "?x -memberOf|(electedTo/memberOf){1}-> ?y",
      "?x azo:memberOf|azo:electedTo/azo:memberOf ?y" },
  };

  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *text = sparql_of(cases[i].pattern, NULL, 0, NULL);

    azkb_test_assert_contains(text, cases[i].path);
  }
}

static void
test_sparql_time_variable_and_constraint(void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text   = sparql_of(
    "az -memberOf@?m-> sc <-heldBy@?h- ?x", "?h during ?m", 0, &error);

  g_assert_no_error(error);
  azkb_test_assert_contains(text, "SELECT DISTINCT ?m ?h ?x WHERE {");
  azkb_test_assert_contains(text, " AS ?m)");
  azkb_test_assert_contains(text, "# ?h during ?m");
}

static void
test_sparql_literal_and_qualifier(void)
{
  g_autofree char *lit = sparql_of("az -independentOn-> ?d", NULL, 0, NULL);
  g_autofree char *qual =
    sparql_of("az -presided@?t[ordinal=?n]-> ?b", NULL, 0, NULL);

  azkb_test_assert_contains(lit, "FILTER(isLiteral(?d))");
  azkb_test_assert_contains(qual, "?_stmt1 azo:ordinal ?n .");
}

/* One shortest witness cannot be picked in SPARQL: refused, with the
 * step's column. */
static void
test_sparql_refuses_sources_of_a_path(void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text   = sparql_of(
    "az -memberOf/establishedOn-> ?d", NULL, AZKB_QUERY_SOURCES, &error);
  g_autofree char *ok =
    sparql_of("az -presided@?t-> sc", NULL, AZKB_QUERY_SOURCES, NULL);

  g_assert_null(text);
  g_assert_error(error, AZKB_QUERY_ERROR, AZKB_QUERY_ERROR_UNSUPPORTED);
  g_assert_cmpuint(azkb_query_error_column(error), ==, 4);
  azkb_test_assert_contains(ok, "GROUP_CONCAT(DISTINCT");
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/query-time/var/one-row-per-statement",
                  test_time_var_one_row_per_statement);
  g_test_add_func("/query-time/var/with-filter-on-the-same-step",
                  test_time_var_with_filter_on_the_same_step);
  g_test_add_func("/query-time/var/backward-step-and-undated",
                  test_time_var_on_a_backward_step_and_undated);
  g_test_add_func("/query-time/var/alternation-and-wildcard",
                  test_time_var_on_alternation_and_wildcard);
  g_test_add_func("/query-time/var/column-kinds", test_time_var_column_kinds);
  g_test_add_func("/query-time/when/time-variables-and-qualifiers",
                  test_when_with_time_variables_and_qualifiers);
  g_test_add_func("/query-time/when/count-and-execute-full-agree",
                  test_when_count_and_execute_full_agree);
  g_test_add_func("/query-time/var/equal-times-are-one-value",
                  test_time_var_equal_times_are_one_value);
  g_test_add_func("/query-time/var/wide-rows-sort-as-few",
                  test_time_var_wide_rows);
  g_test_add_func("/query-time/qualifier/binds-a-literal",
                  test_qualifier_binds_a_literal);
  g_test_add_func("/query-time/literal/ends-a-pattern",
                  test_literal_ends_a_pattern);
  g_test_add_func("/query-time/where/between-two-steps",
                  test_constraint_between_two_steps);
  g_test_add_func("/query-time/where/same-body",
                  test_constraint_on_the_same_body);
  g_test_add_func("/query-time/where/precision-aware",
                  test_constraint_is_precision_aware);
  g_test_add_func("/query-time/where/open-end-and-undated",
                  test_constraint_open_end_and_undated);
  g_test_add_func("/query-time/where/many-rows", test_constraint_many_rows);
  g_test_add_func("/query-time/sources/time-variable-step",
                  test_sources_of_a_time_variable_step);
  g_test_add_func("/query-time/sources/one-shortest-witness",
                  test_sources_of_a_longer_step_take_one_shortest_witness);
  g_test_add_func("/query-time/sources/merge-over-hidden-nodes",
                  test_sources_merge_over_hidden_nodes);
  g_test_add_func("/query-time/sources/merge-over-equal-times",
                  test_sources_merge_over_equal_times);
  for (guint i = 0; i < G_N_ELEMENTS(bad_cases); i++) {
    g_autofree char *path =
      g_strconcat("/query-time/error/", bad_cases[i].name, NULL);
    g_test_add_data_func(path, &bad_cases[i], test_error);
  }
  g_test_add_func("/query-time/sources/one-node", test_sources_of_one_node);
  g_test_add_func("/query-time/when/sources-of-one-node",
                  test_when_sources_of_one_node);
  g_test_add_func("/query-time/columns/named-apart",
                  test_extra_columns_named_apart);
  g_test_add_func("/query-time/sparql/parenthesizes-by-precedence",
                  test_sparql_parenthesizes_by_precedence);
  g_test_add_func("/query-time/sparql/time-variable-and-constraint",
                  test_sparql_time_variable_and_constraint);
  g_test_add_func("/query-time/sparql/literal-and-qualifier",
                  test_sparql_literal_and_qualifier);
  g_test_add_func("/query-time/sparql/refuses-sources-of-a-path",
                  test_sparql_refuses_sources_of_a_path);
  return g_test_run();
}
