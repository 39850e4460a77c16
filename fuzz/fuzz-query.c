/* azkb — fuzz the query pattern parser (and what runs a parsed pattern):
 * azkb_query_parse() against the bundled knowledge base.
 *
 * Invariants:
 *   - a failure sets one AZKB_QUERY_ERROR whose one-line message starts
 *     `column N: ` with N within the pattern (azkb_query_error_column());
 *   - a parsed pattern explains itself; it either translates to SPARQL or
 *     says why not; it evaluates to rows of valid ids (statement ids in
 *     time columns, term ids elsewhere) that are distinct and sorted
 *     (terms by name, times by interval: set semantics), the same on a
 *     second run, a limit gives the first rows of the full result, and
 *     the count is the number of rows;
 *   - every evaluation is bounded by a timeout of TIMEOUT seconds: one
 *     that runs past it fails with AZKB_QUERY_ERROR_TIMEOUT and the checks
 *     that need its rows are skipped.  A pattern such as `-(_|^_)?{0,200}->`
 *     from every node is legitimately slow (0.7 s in the plain build,
 *     minutes under libFuzzer's instrumentation); the fuzzer looks for
 *     wrong answers and crashes, and a hang is what the timeout prevents.
 */
#include "fuzz.h"

#include <azkb/query.h>
#include <azkb/rdf.h>
#include <string.h>

enum { LIMIT = 3 };

#define TIMEOUT 2.0

static AzkbStore *
knowledge_base(void)
{
  static AzkbStore *store;

  if (store == NULL) {
    g_autoptr(GError) error = NULL;

    store = azkb_store_new();
    FUZZ_CHECK(azkb_rdf_import_bundled(store, &error));
  }
  return store;
}

static void
check_failure(const char *text, const GError *error)
{
  guint column;

  fuzz_check_failure(FALSE, error, AZKB_QUERY_ERROR);
  column = azkb_query_error_column(error);
  FUZZ_CHECK(column >= 1);
  /* Columns count characters; one past the end points at the end. */
  FUZZ_CHECK(column <= strlen(text) + 1);
  FUZZ_CHECK(g_str_has_prefix(error->message, "column "));
}

/* Dates as the result orders them: by first day, then precision. */
static int
compare_bound(guint8          a_bound,
              const AzkbDate *a,
              guint8          b_bound,
              const AzkbDate *b)
{
  if (a_bound != b_bound)
    return a_bound < b_bound ? -1 : 1;
  return a_bound == AZKB_BOUND_DATE ? azkb_date_compare(a, b) : 0;
}

/* A time cell names a statement; its value is the statement's interval,
 * ordered by start (unknown and undated first), then point before span,
 * then end (AzkbColumnKind). */
static int
compare_times(AzkbStore *store, AzkbStmtId a, AzkbStmtId b)
{
  AzkbStatement s, t;
  int           c;

  FUZZ_CHECK(azkb_store_get_statement(store, a, &s));
  FUZZ_CHECK(azkb_store_get_statement(store, b, &t));
  c = compare_bound(
    s.time.start_bound, &s.time.start, t.time.start_bound, &t.time.start);
  if (c != 0)
    return c;
  if (s.time.is_point != t.time.is_point)
    return s.time.is_point ? 1 : -1;
  return compare_bound(
    s.time.end_bound, &s.time.end, t.time.end_bound, &t.time.end);
}

/* Rows come sorted column by column: terms by name (names are unique, so
 * distinct rows never compare equal), times by interval (equal intervals
 * are one value). */
static int
compare_rows(AzkbStore        *store,
             const AzkbResult *result,
             const AzkbTermId *a,
             const AzkbTermId *b)
{
  guint n = azkb_result_n_columns(result);

  for (guint i = 0; i < n; i++) {
    int c;

    if (azkb_result_column_kind(result, i) == AZKB_COLUMN_TIME)
      c = compare_times(store, a[i], b[i]);
    else
      c = strcmp(azkb_store_term_name(store, a[i]),
                 azkb_store_term_name(store, b[i]));
    if (c != 0)
      return c;
  }
  return 0;
}

static void
check_result(AzkbStore *store, AzkbResult *result)
{
  guint n_columns = azkb_result_n_columns(result);
  guint n_rows    = azkb_result_n_rows(result);
  guint n_terms   = azkb_store_n_terms(store);
  guint n_stmts   = azkb_store_n_statements(store);

  for (guint c = 0; c < n_columns; c++) {
    AzkbColumnKind kind = azkb_result_column_kind(result, c);

    FUZZ_CHECK(azkb_result_column_name(result, c) != NULL);
    /* azkb_query_parse() alone asks for neither sources nor when */
    FUZZ_CHECK(kind == AZKB_COLUMN_ENTITY || kind == AZKB_COLUMN_LITERAL ||
               kind == AZKB_COLUMN_TIME);
  }
  if (n_columns == 0)
    FUZZ_CHECK(n_rows <= 1);
  for (guint r = 0; r < n_rows; r++) {
    const AzkbTermId *row = azkb_result_row(result, r);

    for (guint c = 0; c < n_columns; c++)
      FUZZ_CHECK(row[c] >= 1 && row[c] <= (azkb_result_column_kind(result, c) ==
                                               AZKB_COLUMN_TIME
                                             ? n_stmts
                                             : n_terms));
    if (r > 0)
      FUZZ_CHECK(
        compare_rows(store, result, azkb_result_row(result, r - 1), row) < 0);
  }
}

static void
check_same_rows(AzkbStore        *store,
                const AzkbResult *all,
                const AzkbResult *some,
                guint             n)
{
  guint n_columns = azkb_result_n_columns(all);

  FUZZ_CHECK(azkb_result_n_columns(some) == n_columns);
  FUZZ_CHECK(azkb_result_n_rows(some) == n);
  for (guint r = 0; r < n; r++)
    FUZZ_CHECK(
      compare_rows(
        store, all, azkb_result_row(all, r), azkb_result_row(some, r)) == 0);
}

/* @query's rows with @limit, or NULL when it ran past its timeout. */
static AzkbResult *
run(AzkbQuery *query, guint limit)
{
  g_autoptr(GError) error = NULL;
  AzkbResult *result      = azkb_query_execute_full(query, limit, &error);

  if (result == NULL) {
    fuzz_check_failure(FALSE, error, AZKB_QUERY_ERROR);
    FUZZ_CHECK(error->code == AZKB_QUERY_ERROR_TIMEOUT);
  } else
    FUZZ_CHECK(error == NULL);
  return result;
}

static void
check_count(AzkbQuery *query, guint n_rows)
{
  g_autoptr(GError) error = NULL;
  guint n                 = 0;

  if (azkb_query_count_full(query, &n, &error))
    FUZZ_CHECK(n == n_rows);
  else
    FUZZ_CHECK(error->code == AZKB_QUERY_ERROR_TIMEOUT);
}

static void
check_query(AzkbStore *store, AzkbQuery *query)
{
  g_autoptr(GError) error     = NULL;
  g_autofree char *explained  = azkb_query_explain(query);
  g_autofree char *sparql     = azkb_query_to_sparql(query, NULL, &error);
  g_autoptr(AzkbResult) all   = NULL;
  g_autoptr(AzkbResult) again = NULL;
  g_autoptr(AzkbResult) first = NULL;
  guint n_rows;

  FUZZ_CHECK(explained != NULL && g_utf8_validate(explained, -1, NULL));
  if (sparql == NULL) {
    fuzz_check_failure(FALSE, error, AZKB_QUERY_ERROR);
    FUZZ_CHECK(error->code == AZKB_QUERY_ERROR_UNSUPPORTED);
  } else {
    FUZZ_CHECK(error == NULL);
    FUZZ_CHECK(g_utf8_validate(sparql, -1, NULL));
  }

  azkb_query_set_timeout(query, TIMEOUT);
  all = run(query, 0);
  if (all == NULL)
    return;
  check_result(store, all);
  n_rows = azkb_result_n_rows(all);
  again  = run(query, 0);
  if (again != NULL)
    check_same_rows(store, all, again, n_rows);
  first = run(query, LIMIT);
  if (first != NULL)
    check_same_rows(store, all, first, MIN(n_rows, LIMIT));
  check_count(query, n_rows);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  g_autofree char *text      = NULL;
  g_autoptr(GError) error    = NULL;
  g_autoptr(AzkbQuery) query = NULL;
  AzkbStore *store;

  fuzz_setup();
  store = knowledge_base();
  text  = fuzz_text(data, size);
  query = azkb_query_parse(text, store, &error);
  if (query == NULL) {
    check_failure(text, error);
    return 0;
  }
  /* "Now" is fixed so that a finding replays the same on any day. */
  azkb_query_set_present(query,
                         &(AzkbDate){ 2024, 6, 15, AZKB_PRECISION_DAY, 0 });
  FUZZ_CHECK(error == NULL);
  check_query(store, query);
  return 0;
}
