/* azkb — fuzz the query pattern parser and everything that runs a parsed
 * pattern, against the bundled knowledge base.
 *
 * The input is a pattern, optionally preceded by lines of options, each
 * starting `--` (a pattern never does, so a file without them is a bare
 * pattern, as the corpus held before options existed):
 *
 *     --strict            AZKB_QUERY_STRICT_TIME
 *     --where TEXT        azkb_query_add_constraint(TEXT) (repeatable)
 *     --when              AZKB_QUERY_WHEN
 *     --sources           AZKB_QUERY_SOURCES
 *     --at TIME           azkb_query_set_time() (azkb_interval_parse())
 *     --limit N           the limit checked (1..99; default 3)
 *     --from A / --to B   instead of a query, azkb_path_find() from A to B,
 *     --via EXPR, --hops N, --all, --max N     with these options
 *
 * Invariants of a query (include/azkb/query.h):
 *   - a failure sets one AZKB_QUERY_ERROR whose one-line message starts
 *     `column N: ` with N within the text it counts in (the pattern, or a
 *     constraint: azkb_query_error_part());
 *   - a parsed pattern explains itself; it either translates to SPARQL or
 *     says why not (always not under --when), the counting form alike; it
 *     evaluates to rows of valid ids (statement ids in time columns, term
 *     ids elsewhere) that are distinct and sorted (terms by name, times by
 *     interval: set semantics), the same on a second run; a limit gives the
 *     first rows of the full result, and the count is the number of rows;
 *     rows handed back to azkb_result_new_from_rows() come out the same;
 *   - the columns are the variables, then a when column (--when), then a
 *     sources column (--sources), with distinct names;
 *   - each option is compared with the query without it, one at a time:
 *     strict time keeps a subset of the rows; constraints keep exactly the
 *     rows whose time cells meet them (the days of a --when row too); the
 *     rows of --when are distinct in their variables and a subset of the
 *     rows without it, their days sorted, disjoint, non-adjacent, never
 *     none, within the span of each statement the row binds; --sources
 *     adds a last column and changes nothing else; a sources cell lists
 *     paragraphs (azkb_source_is_source()) sorted by id, the sources of
 *     each statement the row binds among them;
 *   - every evaluation is bounded by a timeout of TIMEOUT seconds: one
 *     that runs past it fails with AZKB_QUERY_ERROR_TIMEOUT and the checks
 *     that need its rows are skipped.  A pattern such as `-(_|^_)?{0,200}->`
 *     from every node is legitimately slow (0.7 s in the plain build,
 *     minutes under libFuzzer's instrumentation); the fuzzer looks for
 *     wrong answers and crashes, and a hang is what the timeout prevents.
 *
 * Invariants of a connection (azkb_path_find()): each is a chain of hops
 * from A to B, all of one length within the hop limit, as many as asked,
 * distinct and in the documented order; each hop lists exactly the
 * statements that make it and pass the time filter; without --via a
 * connection of L hops exists iff `A -(_|^_){1,L}-> B` matches and none
 * shorter does; with it, a connection found means `A -(VIA|^VIA)+-> B`
 * matches.
 */
#include "fuzz.h"

#include <azkb/query.h>
#include <azkb/rdf.h>
#include <azkb/source.h>
#include <stdlib.h>
#include <string.h>

enum { LIMIT = 3, MAX_OPTION_LINE = 200 };

#define TIMEOUT 2.0

/* "Now" is fixed so that a finding replays the same on any day. */
static const AzkbDate PRESENT = { 2024, 6, 15, AZKB_PRECISION_DAY, 0 };

typedef struct {
  gboolean   strict, when, sources, all;
  GPtrArray *where; ///< char *: the constraint texts
  char      *at;
  guint      limit;
  char      *from, *to, *via;
  guint      hops, max_paths;
} Options;

static void
options_clear(Options *o)
{
  g_clear_pointer(&o->where, g_ptr_array_unref);
  g_clear_pointer(&o->at, g_free);
  g_clear_pointer(&o->from, g_free);
  g_clear_pointer(&o->to, g_free);
  g_clear_pointer(&o->via, g_free);
}

static void
set_str(char **to, const char *text)
{
  g_free(*to);
  *to = g_strdup(text);
}

static guint
small_number(const char *text, guint max)
{
  guint64 n = g_ascii_strtoull(text, NULL, 10);

  return (guint)MIN(n, (guint64)max);
}

/* Read the option lines at the start of @text into @o; the pattern after
 * them.  Unknown options are ignored. */
static const char *
parse_options(const char *text, Options *o)
{
  o->where = g_ptr_array_new_with_free_func(g_free);
  o->limit = LIMIT;
  while (g_str_has_prefix(text, "--")) {
    const char      *eol  = strchr(text, '\n');
    gsize            len  = eol != NULL ? (gsize)(eol - text) : strlen(text);
    g_autofree char *line = g_strndup(text + 2, MIN(len - 2, MAX_OPTION_LINE));
    char            *arg  = strchr(line, ' ');

    if (arg != NULL)
      *arg++ = '\0';
    else
      arg = line + strlen(line);
    if (strcmp(line, "strict") == 0)
      o->strict = TRUE;
    else if (strcmp(line, "when") == 0)
      o->when = TRUE;
    else if (strcmp(line, "sources") == 0)
      o->sources = TRUE;
    else if (strcmp(line, "all") == 0)
      o->all = TRUE;
    else if (strcmp(line, "where") == 0 && o->where->len < 4)
      g_ptr_array_add(o->where, g_strdup(arg));
    else if (strcmp(line, "at") == 0)
      set_str(&o->at, arg);
    else if (strcmp(line, "limit") == 0)
      o->limit = MAX(small_number(arg, 99), 1);
    else if (strcmp(line, "from") == 0)
      set_str(&o->from, arg);
    else if (strcmp(line, "to") == 0)
      set_str(&o->to, arg);
    else if (strcmp(line, "via") == 0)
      set_str(&o->via, arg);
    else if (strcmp(line, "hops") == 0)
      o->hops = small_number(arg, 8);
    else if (strcmp(line, "max") == 0)
      o->max_paths = small_number(arg, 20);
    text = eol != NULL ? eol + 1 : text + len;
  }
  return text;
}

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
check_failure(const char *text, const GError *error, AzkbQueryPart part)
{
  guint column;

  fuzz_check_failure(FALSE, error, AZKB_QUERY_ERROR);
  FUZZ_CHECK(azkb_query_error_part(error) == part);
  column = azkb_query_error_column(error);
  FUZZ_CHECK(column >= 1);
  /* Columns count characters; one past the end points at the end. */
  FUZZ_CHECK(column <= strlen(text) + 1);
  FUZZ_CHECK(g_str_has_prefix(error->message, "column "));
}

/* ---- comparing rows ---- */

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

/* The number of variable columns: those before a when or sources column. */
static guint
n_variables(const AzkbResult *result)
{
  guint n = azkb_result_n_columns(result);

  for (guint i = 0; i < n; i++) {
    AzkbColumnKind kind = azkb_result_column_kind(result, i);

    if (kind == AZKB_COLUMN_WHEN || kind == AZKB_COLUMN_SOURCES)
      return i;
  }
  return n;
}

/* Rows come sorted by their variables, column by column: terms by name
 * (names are unique, so distinct rows never compare equal), times by
 * interval (equal intervals are one value). */
static int
compare_variables(AzkbStore        *store,
                  const AzkbResult *result,
                  const AzkbTermId *a,
                  const AzkbTermId *b)
{
  guint n = n_variables(result);

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

/* TRUE when cell @ca of @a and cell @cb of @b, in columns of @kind, hold
 * the same value. */
static gboolean
same_cell(AzkbStore        *store,
          AzkbColumnKind    kind,
          const AzkbResult *a,
          guint32           ca,
          const AzkbResult *b,
          guint32           cb)
{
  switch (kind) {
    case AZKB_COLUMN_TIME:
      return compare_times(store, ca, cb) == 0;
    case AZKB_COLUMN_WHEN: {
      gsize               na, nb;
      const AzkbDayRange *ra = azkb_result_when(a, ca, &na);
      const AzkbDayRange *rb = azkb_result_when(b, cb, &nb);

      return na == nb && memcmp(ra, rb, na * sizeof *ra) == 0;
    }
    case AZKB_COLUMN_SOURCES: {
      gsize             na, nb;
      const AzkbTermId *sa = azkb_result_sources(a, ca, &na);
      const AzkbTermId *sb = azkb_result_sources(b, cb, &nb);

      return na == nb && (na == 0 || memcmp(sa, sb, na * sizeof *sa) == 0);
    }
    case AZKB_COLUMN_ENTITY:
    case AZKB_COLUMN_LITERAL:
    default:
      return ca == cb;
  }
}

/* TRUE when the first @n_columns cells of row @ra of @a and row @rb of @b
 * hold the same values. */
static gboolean
same_row(AzkbStore        *store,
         const AzkbResult *a,
         guint             ra,
         const AzkbResult *b,
         guint             rb,
         guint             n_columns)
{
  const AzkbTermId *x = azkb_result_row(a, ra);
  const AzkbTermId *y = azkb_result_row(b, rb);

  for (guint c = 0; c < n_columns; c++)
    if (!same_cell(store, azkb_result_column_kind(a, c), a, x[c], b, y[c]))
      return FALSE;
  return TRUE;
}

/* @some holds the first @n rows of @all, column for column. */
static void
check_same_rows(AzkbStore        *store,
                const AzkbResult *all,
                const AzkbResult *some,
                guint             n)
{
  guint n_columns = azkb_result_n_columns(all);

  FUZZ_CHECK(azkb_result_n_columns(some) == n_columns);
  for (guint c = 0; c < n_columns; c++)
    FUZZ_CHECK(azkb_result_column_kind(all, c) ==
               azkb_result_column_kind(some, c));
  FUZZ_CHECK(azkb_result_n_rows(some) == n);
  for (guint r = 0; r < n; r++)
    FUZZ_CHECK(same_row(store, all, r, some, r, n_columns));
}

/* ---- one result on its own ---- */

static void
check_when_cell(AzkbStore        *store,
                const AzkbResult *result,
                const AzkbTermId *row,
                guint             cell,
                AzkbQueryFlags    flags)
{
  gsize               n;
  const AzkbDayRange *days = azkb_result_when(result, cell, &n);

  FUZZ_CHECK(n >= 1 && days != NULL);
  for (gsize i = 0; i < n; i++) {
    FUZZ_CHECK(days[i].first >= AZKB_DAY_MIN);
    FUZZ_CHECK(days[i].first <= days[i].last);
    FUZZ_CHECK(days[i].last <= AZKB_DAY_MAX);
    /* sorted, disjoint and not even touching: coalesced */
    if (i > 0)
      FUZZ_CHECK(days[i].first > days[i - 1].last + 1);
  }
  /* A row holds only while the statements it binds do. */
  for (guint c = 0; c < n_variables(result); c++) {
    AzkbStatement s;
    gint32        first, last;

    if (azkb_result_column_kind(result, c) != AZKB_COLUMN_TIME)
      continue;
    FUZZ_CHECK(azkb_store_get_statement(store, row[c], &s));
    if (!azkb_interval_span_at(&s.time, &PRESENT, &first, &last)) {
      /* undated: valid always, or never under strict time */
      FUZZ_CHECK(!(flags & AZKB_QUERY_STRICT_TIME));
      continue;
    }
    FUZZ_CHECK(days[0].first >= first && days[n - 1].last <= last);
  }
}

static gboolean
sorted_contains(const AzkbTermId *ids, gsize n, AzkbTermId id)
{
  for (gsize i = 0; i < n; i++)
    if (ids[i] == id)
      return TRUE;
  return FALSE;
}

static void
check_sources_cell(AzkbStore        *store,
                   const AzkbResult *result,
                   const AzkbTermId *row,
                   guint             cell)
{
  gsize             n;
  const AzkbTermId *ids = azkb_result_sources(result, cell, &n);

  FUZZ_CHECK(n == 0 || ids != NULL);
  for (gsize i = 0; i < n; i++) {
    FUZZ_CHECK(ids[i] >= 1 && ids[i] <= azkb_store_n_terms(store));
    FUZZ_CHECK(i == 0 || ids[i - 1] < ids[i]);
    FUZZ_CHECK(azkb_source_is_source(store, ids[i]));
  }
  if (fuzz_lax("sources-bound"))
    return;
  /* The sources of a step that binds its statement are that statement's. */
  for (guint c = 0; c < n_variables(result); c++) {
    g_autoptr(GArray) own = NULL;

    if (azkb_result_column_kind(result, c) != AZKB_COLUMN_TIME)
      continue;
    own = azkb_store_statement_sources(store, row[c]);
    for (guint i = 0; i < own->len; i++)
      FUZZ_CHECK(sorted_contains(ids, n, g_array_index(own, AzkbTermId, i)));
  }
}

static void
check_result(AzkbStore *store, AzkbResult *result, AzkbQueryFlags flags)
{
  guint n_columns = azkb_result_n_columns(result);
  guint n_rows    = azkb_result_n_rows(result);
  guint n_vars    = n_variables(result);
  guint n_terms   = azkb_store_n_terms(store);
  guint n_stmts   = azkb_store_n_statements(store);
  guint extra = !!(flags & AZKB_QUERY_WHEN) + !!(flags & AZKB_QUERY_SOURCES);

  FUZZ_CHECK(n_columns == n_vars + extra);
  for (guint c = 0; c < n_columns; c++) {
    AzkbColumnKind kind = azkb_result_column_kind(result, c);
    const char    *name = azkb_result_column_name(result, c);

    FUZZ_CHECK(name != NULL);
    if (!fuzz_lax("column-names"))
      for (guint d = 0; d < c; d++)
        FUZZ_CHECK(strcmp(azkb_result_column_name(result, d), name) != 0);
    if (c < n_vars)
      FUZZ_CHECK(kind == AZKB_COLUMN_ENTITY || kind == AZKB_COLUMN_LITERAL ||
                 kind == AZKB_COLUMN_TIME);
    else if (c == n_vars && (flags & AZKB_QUERY_WHEN))
      FUZZ_CHECK(kind == AZKB_COLUMN_WHEN);
    else
      FUZZ_CHECK(kind == AZKB_COLUMN_SOURCES && c == n_columns - 1);
  }
  if (n_vars == 0)
    FUZZ_CHECK(n_rows <= 1);
  for (guint r = 0; r < n_rows; r++) {
    const AzkbTermId *row = azkb_result_row(result, r);

    for (guint c = 0; c < n_columns; c++)
      switch (azkb_result_column_kind(result, c)) {
        case AZKB_COLUMN_TIME:
          FUZZ_CHECK(row[c] >= 1 && row[c] <= n_stmts);
          break;
        case AZKB_COLUMN_WHEN:
          check_when_cell(store, result, row, row[c], flags);
          break;
        case AZKB_COLUMN_SOURCES:
          check_sources_cell(store, result, row, row[c]);
          break;
        case AZKB_COLUMN_ENTITY:
        case AZKB_COLUMN_LITERAL:
        default:
          FUZZ_CHECK(row[c] >= 1 && row[c] <= n_terms);
      }
    /* Distinct in their variables, also under --when (one row per binding,
     * its days coalesced) and --sources (rows that print the same merge). */
    if (r > 0)
      FUZZ_CHECK(compare_variables(
                   store, result, azkb_result_row(result, r - 1), row) < 0);
  }
}

/* ---- one option against the query without it ---- */

/* Every row of @sub, in its variables, is a row of @sup (both sorted). */
static void
check_subset(AzkbStore *store, const AzkbResult *sup, const AzkbResult *sub)
{
  guint n_sup = azkb_result_n_rows(sup);
  guint at    = 0;

  FUZZ_CHECK(n_variables(sup) == n_variables(sub));
  for (guint r = 0; r < azkb_result_n_rows(sub); r++) {
    const AzkbTermId *row = azkb_result_row(sub, r);
    int               c   = 1;

    while (at < n_sup && (c = compare_variables(
                            store, sub, azkb_result_row(sup, at), row)) < 0)
      at++;
    FUZZ_CHECK(at < n_sup && c == 0);
    at++;
  }
}

typedef struct {
  int          var; ///< a column, or -1 for @time
  AzkbInterval time;
} Operand;

typedef struct {
  Operand a, b;
  int     relation; ///< an AzkbAllen, or -1 for intersects
} Constraint;

static gboolean
read_operand(const AzkbResult *result, const char *word, Operand *out)
{
  out->var = -1;
  if (word[0] == '?') {
    for (guint c = 0; c < n_variables(result); c++)
      if (azkb_result_column_kind(result, c) == AZKB_COLUMN_TIME &&
          strcmp(azkb_result_column_name(result, c), word + 1) == 0)
        out->var = (int)c;
    return out->var >= 0;
  }
  return azkb_interval_parse(word, &out->time, NULL);
}

/* The constraints of @texts as the grammar reads them (AZKB_QUERY_GRAMMAR,
 * `where`), the time variables as columns of @result; FALSE if one cannot
 * be read so, and the oracle has nothing to say. */
static gboolean
read_constraints(const AzkbResult *result, GPtrArray *texts, GArray *out)
{
  for (guint t = 0; t < texts->len; t++) {
    GPtrArray  *w  = g_ptr_array_new_with_free_func(g_free);
    const char *p  = texts->pdata[t];
    gboolean    ok = TRUE;

    /* words as the library splits them: at g_ascii_isspace() */
    for (;;) {
      const char *start;

      while (g_ascii_isspace(*p))
        p++;
      if (*p == '\0')
        break;
      start = p;
      while (*p != '\0' && !g_ascii_isspace(*p))
        p++;
      g_ptr_array_add(w, g_strndup(start, (gsize)(p - start)));
    }
    for (guint i = 0; ok && i < w->len; i += 4) {
      Constraint  c   = { 0 };
      const char *rel = i + 1 < w->len ? w->pdata[i + 1] : "";
      AzkbAllen   allen;

      ok = i + 2 < w->len && read_operand(result, w->pdata[i], &c.a) &&
           read_operand(result, w->pdata[i + 2], &c.b) &&
           (i + 3 == w->len || g_ascii_strcasecmp(w->pdata[i + 3], "and") == 0);
      if (g_ascii_strcasecmp(rel, "intersects") == 0)
        c.relation = -1;
      else if (azkb_allen_from_string(rel, &allen))
        c.relation = (int)allen;
      else
        ok = FALSE;
      if (ok)
        g_array_append_val(out, c);
    }
    g_ptr_array_unref(w);
    if (!ok)
      return FALSE;
  }
  return TRUE;
}

static gboolean
operand_span(AzkbStore        *store,
             const Operand    *o,
             const AzkbTermId *row,
             gint32           *first,
             gint32           *last)
{
  AzkbStatement s;

  if (o->var < 0)
    return azkb_interval_span_at(&o->time, &PRESENT, first, last);
  FUZZ_CHECK(azkb_store_get_statement(store, row[o->var], &s));
  return azkb_interval_span_at(&s.time, &PRESENT, first, last);
}

/* The documented meaning of a constraint (azkb_query_add_constraint()):
 * the relation of the day spans, an undated statement meeting none. */
static gboolean
constraints_hold(AzkbStore *store, GArray *constraints, const AzkbTermId *row)
{
  for (guint i = 0; i < constraints->len; i++) {
    const Constraint *c = &g_array_index(constraints, Constraint, i);
    gint32            as, ae, bs, be;

    if (!operand_span(store, &c->a, row, &as, &ae) ||
        !operand_span(store, &c->b, row, &bs, &be))
      return FALSE;
    if (c->relation < 0
          ? !(as <= be && bs <= ae)
          : azkb_allen_of_spans(as, ae, bs, be) != (AzkbAllen)c->relation)
      return FALSE;
  }
  return TRUE;
}

/* @kept is @all less the rows that fail @texts, each kept row the same. */
static void
check_filtered(AzkbStore        *store,
               const AzkbResult *all,
               const AzkbResult *kept,
               GPtrArray        *texts)
{
  g_autoptr(GArray) constraints = g_array_new(FALSE, FALSE, sizeof(Constraint));
  guint n_columns               = azkb_result_n_columns(all);
  guint k                       = 0;

  FUZZ_CHECK(azkb_result_n_columns(kept) == n_columns);
  /* A constraint never adds rows. */
  check_subset(store, all, kept);
  if (!read_constraints(all, texts, constraints))
    return;
  for (guint r = 0; r < azkb_result_n_rows(all); r++)
    if (constraints_hold(store, constraints, azkb_result_row(all, r))) {
      FUZZ_CHECK(k < azkb_result_n_rows(kept));
      FUZZ_CHECK(same_row(store, all, r, kept, k, n_columns));
      k++;
    }
  FUZZ_CHECK(k == azkb_result_n_rows(kept));
}

/* @with is @without with a last column of sources. */
static void
check_sources_added(AzkbStore        *store,
                    const AzkbResult *without,
                    const AzkbResult *with)
{
  guint n_columns = azkb_result_n_columns(without);

  FUZZ_CHECK(azkb_result_n_columns(with) == n_columns + 1);
  FUZZ_CHECK(azkb_result_n_rows(with) == azkb_result_n_rows(without));
  for (guint r = 0; r < azkb_result_n_rows(with); r++)
    FUZZ_CHECK(same_row(store, without, r, with, r, n_columns));
}

/* When every row has its own days, a strict row holds on fewer. */
static void
check_strict_days(AzkbStore        *store,
                  const AzkbResult *loose,
                  const AzkbResult *strict)
{
  guint n_vars = n_variables(loose);
  guint at     = 0;

  for (guint r = 0; r < azkb_result_n_rows(strict); r++) {
    const AzkbTermId        *row = azkb_result_row(strict, r);
    const AzkbTermId        *sup;
    const AzkbDayRange      *a, *b;
    gsize                    na, nb;
    g_autofree AzkbDayRange *both = NULL;

    while (at < azkb_result_n_rows(loose) &&
           compare_variables(store, strict, azkb_result_row(loose, at), row) <
             0)
      at++;
    FUZZ_CHECK(at < azkb_result_n_rows(loose));
    sup  = azkb_result_row(loose, at);
    a    = azkb_result_when(strict, row[n_vars], &na);
    b    = azkb_result_when(loose, sup[n_vars], &nb);
    both = g_new(AzkbDayRange, na + nb);
    /* a within b: their union is b */
    FUZZ_CHECK(azkb_day_ranges_union(a, na, b, nb, both) == nb);
    FUZZ_CHECK(memcmp(both, b, nb * sizeof *b) == 0);
  }
}

/* ---- running ---- */

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
check_sparql(AzkbQuery *query, AzkbQueryFlags flags, guint limit)
{
  g_autoptr(GError) error  = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autofree char *sparql  = azkb_query_to_sparql(query, NULL, &error);
  g_autofree char *counted = azkb_query_to_sparql_full(
    query, "http://example.org/kb/", AZKB_SPARQL_COUNT, limit, &error2);

  if (sparql == NULL) {
    fuzz_check_failure(FALSE, error, AZKB_QUERY_ERROR);
    FUZZ_CHECK(error->code == AZKB_QUERY_ERROR_UNSUPPORTED);
  } else {
    FUZZ_CHECK(error == NULL);
    FUZZ_CHECK(g_utf8_validate(sparql, -1, NULL));
    /* SPARQL cannot say --when (doc/query-language.md, "Asking when") */
    FUZZ_CHECK(!(flags & AZKB_QUERY_WHEN));
  }
  /* The counting form is refused exactly when the rows' form is. */
  FUZZ_CHECK((counted == NULL) == (sparql == NULL));
  if (counted != NULL)
    FUZZ_CHECK(g_utf8_validate(counted, -1, NULL));
}

/* Rows of entities handed back come out as the query gave them. */
static void
check_from_rows(AzkbStore *store, AzkbQuery *query, const AzkbResult *all)
{
  guint n_columns             = azkb_result_n_columns(all);
  guint n_rows                = azkb_result_n_rows(all);
  g_autoptr(GArray) cells     = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  g_autoptr(AzkbResult) again = NULL;

  for (guint c = 0; c < n_columns; c++)
    if (azkb_result_column_kind(all, c) != AZKB_COLUMN_ENTITY)
      return;
  /* in reverse, the first row twice */
  for (guint r = n_rows; r-- > 0;)
    g_array_append_vals(cells, azkb_result_row(all, r), n_columns);
  if (n_rows > 0)
    g_array_append_vals(cells, azkb_result_row(all, 0), n_columns);
  again = azkb_result_new_from_rows(
    query, (const AzkbTermId *)(gpointer)cells->data, n_rows + (n_rows > 0));
  check_same_rows(store, all, again, n_rows);
}

/* The checks of one query on its own; its rows, or NULL on a timeout. */
static AzkbResult *
check_query(AzkbStore     *store,
            AzkbQuery     *query,
            AzkbQueryFlags flags,
            guint          limit)
{
  g_autofree char *explained  = azkb_query_explain(query);
  g_autoptr(AzkbResult) again = NULL;
  g_autoptr(AzkbResult) first = NULL;
  AzkbResult *all;
  guint       n_rows;

  FUZZ_CHECK(explained != NULL && g_utf8_validate(explained, -1, NULL));
  check_sparql(query, flags, limit);
  all = run(query, 0);
  if (all == NULL)
    return NULL;
  check_result(store, all, flags);
  n_rows = azkb_result_n_rows(all);
  again  = run(query, 0);
  if (again != NULL)
    check_same_rows(store, all, again, n_rows);
  first = run(query, limit);
  if (first != NULL)
    check_same_rows(store, all, first, MIN(n_rows, limit));
  check_count(query, n_rows);
  if (flags == AZKB_QUERY_NONE)
    check_from_rows(store, query, all);
  /* A result made elsewhere has the columns a local one has. */
  {
    g_autoptr(AzkbResult) empty = azkb_result_new_from_rows(query, NULL, 0);

    FUZZ_CHECK(azkb_result_n_columns(empty) == azkb_result_n_columns(all));
    for (guint c = 0; c < azkb_result_n_columns(all); c++) {
      FUZZ_CHECK(azkb_result_column_kind(empty, c) ==
                 azkb_result_column_kind(all, c));
      FUZZ_CHECK(fuzz_lax("column-names") ||
                 strcmp(azkb_result_column_name(empty, c),
                        azkb_result_column_name(all, c)) == 0);
    }
  }
  return all;
}

/* @pattern (which parses) with @flags, the time of @o and, when
 * @constraints, the constraints of @o that are accepted (into @accepted
 * when not NULL). */
static AzkbQuery *
make_query(AzkbStore     *store,
           const char    *pattern,
           const Options *o,
           AzkbQueryFlags flags,
           gboolean       constraints,
           GPtrArray     *accepted)
{
  g_autoptr(GError) error = NULL;
  AzkbQuery   *query      = azkb_query_parse(pattern, store, &error);
  AzkbInterval at;

  FUZZ_CHECK(query != NULL);
  azkb_query_set_present(query, &PRESENT);
  azkb_query_set_timeout(query, TIMEOUT);
  azkb_query_set_flags(query, flags);
  if (o->at != NULL && azkb_interval_parse(o->at, &at, NULL)) {
    gboolean ok = azkb_query_set_time(query, &at, &error);

    /* only an undated time is refused */
    if (azkb_interval_is_undated(&at)) {
      fuzz_check_failure(ok, error, AZKB_QUERY_ERROR);
      FUZZ_CHECK(error->code == AZKB_QUERY_ERROR_INVALID_TIME);
      g_clear_error(&error);
    } else
      FUZZ_CHECK(ok);
  }
  for (guint i = 0; constraints && i < o->where->len; i++) {
    const char *text = o->where->pdata[i];

    if (azkb_query_add_constraint(query, text, &error)) {
      if (accepted != NULL)
        g_ptr_array_add(accepted, g_strdup(text));
    } else {
      check_failure(text, error, AZKB_QUERY_PART_CONSTRAINT);
      FUZZ_CHECK(error->code == AZKB_QUERY_ERROR_SYNTAX);
      g_clear_error(&error);
    }
  }
  return query;
}

/* Add the options of @o one at a time, each compared with the query
 * without it. */
static void
check_options(AzkbStore     *store,
              const char    *pattern,
              const Options *o,
              AzkbResult    *base)
{
  g_autoptr(GPtrArray) accepted = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(AzkbQuery) last     = NULL;
  g_autoptr(AzkbResult) prev    = azkb_result_ref(base);
  AzkbQueryFlags flags          = AZKB_QUERY_NONE;
  gboolean       constrained    = FALSE;

  if (o->strict) {
    g_autoptr(AzkbResult) strict = NULL;

    flags = AZKB_QUERY_STRICT_TIME;
    last  = make_query(store, pattern, o, flags, FALSE, NULL);
    if ((strict = run(last, 0)) == NULL)
      return;
    check_result(store, strict, flags);
    check_subset(store, prev, strict);
    azkb_result_unref(prev);
    prev = g_steal_pointer(&strict);
  }
  if (o->where->len > 0) {
    g_autoptr(AzkbResult) kept = NULL;

    g_clear_pointer(&last, azkb_query_unref);
    last        = make_query(store, pattern, o, flags, TRUE, accepted);
    constrained = accepted->len > 0;
    if ((kept = run(last, 0)) == NULL)
      return;
    check_result(store, kept, flags);
    check_filtered(store, prev, kept, accepted);
    azkb_result_unref(prev);
    prev = g_steal_pointer(&kept);
  }
  if (o->when) {
    g_autoptr(AzkbResult) when = NULL;

    flags |= AZKB_QUERY_WHEN;
    g_clear_pointer(&last, azkb_query_unref);
    last = make_query(store, pattern, o, flags, TRUE, NULL);
    if ((when = run(last, 0)) == NULL)
      return;
    check_result(store, when, flags);
    check_subset(store, prev, when);
    if (constrained) {
      g_autoptr(AzkbQuery) q   = NULL;
      g_autoptr(AzkbResult) w0 = NULL;

      q = make_query(store, pattern, o, flags, FALSE, NULL);
      if ((w0 = run(q, 0)) != NULL) {
        check_result(store, w0, flags);
        check_filtered(store, w0, when, accepted);
      }
    }
    if (o->strict) {
      g_autoptr(AzkbQuery) q   = NULL;
      g_autoptr(AzkbResult) w0 = NULL;

      q = make_query(
        store, pattern, o, flags & ~AZKB_QUERY_STRICT_TIME, TRUE, NULL);
      if ((w0 = run(q, 0)) != NULL) {
        check_subset(store, w0, when);
        check_strict_days(store, w0, when);
      }
    }
    azkb_result_unref(prev);
    prev = g_steal_pointer(&when);
  }
  if (o->sources) {
    g_autoptr(AzkbResult) with = NULL;

    flags |= AZKB_QUERY_SOURCES;
    g_clear_pointer(&last, azkb_query_unref);
    last = make_query(store, pattern, o, flags, TRUE, NULL);
    if ((with = run(last, 0)) == NULL)
      return;
    check_result(store, with, flags);
    check_sources_added(store, prev, with);
  }
  if (last != NULL) {
    g_autoptr(AzkbResult) all = check_query(store, last, flags, o->limit);

    (void)all;
  }
}

static void
run_query(AzkbStore *store, const char *pattern, const Options *o)
{
  g_autoptr(GError) error    = NULL;
  g_autoptr(AzkbQuery) query = azkb_query_parse(pattern, store, &error);
  g_autoptr(AzkbResult) base = NULL;
  Options at                 = { .where = o->where, .at = o->at };

  if (query == NULL) {
    check_failure(pattern, error, AZKB_QUERY_PART_PATTERN);
    return;
  }
  FUZZ_CHECK(error == NULL);
  g_clear_pointer(&query, azkb_query_unref);
  /* the time applies to every variant; the rest is added one by one */
  query = make_query(store, pattern, &at, AZKB_QUERY_NONE, FALSE, NULL);
  base  = check_query(store, query, AZKB_QUERY_NONE, o->limit);
  if (base != NULL)
    check_options(store, pattern, o, base);
}

/* ---- connections ---- */

static gboolean
passes(AzkbStore *store, AzkbStmtId stmt, const AzkbPathOptions *po)
{
  AzkbStatement s;

  /* Strict time is about time filters: without one, every hop passes. */
  if (po->at == NULL)
    return TRUE;
  FUZZ_CHECK(azkb_store_get_statement(store, stmt, &s));
  if (azkb_interval_is_undated(&s.time))
    return !(po->flags & AZKB_QUERY_STRICT_TIME);
  return azkb_interval_overlaps_at(&s.time, po->at, &PRESENT);
}

/* The statements of @hop: exactly those that make it and pass. */
static void
check_hop(AzkbStore *store, const AzkbHop *hop, const AzkbPathOptions *po)
{
  AzkbTermId subject = hop->forward ? hop->from : hop->to;
  AzkbTermId object  = hop->forward ? hop->to : hop->from;
  guint      n       = 0;

  FUZZ_CHECK(hop->stmts != NULL && hop->stmts->len > 0);
  for (guint i = 0; i < hop->stmts->len; i++) {
    AzkbStmtId    id = g_array_index(hop->stmts, AzkbStmtId, i);
    AzkbStatement s;

    FUZZ_CHECK(azkb_store_get_statement(store, id, &s));
    FUZZ_CHECK(s.subject == subject && s.object == object &&
               s.relation == hop->relation);
    FUZZ_CHECK(passes(store, id, po));
    for (guint j = 0; j < i; j++)
      FUZZ_CHECK(g_array_index(hop->stmts, AzkbStmtId, j) != id);
  }
  for (AzkbStmtId id = 1; id <= azkb_store_n_statements(store); id++) {
    AzkbStatement s;

    FUZZ_CHECK(azkb_store_get_statement(store, id, &s));
    if (s.subject == subject && s.object == object &&
        s.relation == hop->relation && passes(store, id, po))
      n++;
  }
  FUZZ_CHECK(n == hop->stmts->len);
}

/* Connections' order, hop by hop: the name of the node reached, then of
 * the relation, forwards before backwards. */
static int
compare_connections(AzkbStore *store, GArray *a, GArray *b)
{
  for (guint i = 0; i < MIN(a->len, b->len); i++) {
    const AzkbHop *x = &g_array_index(a, AzkbHop, i);
    const AzkbHop *y = &g_array_index(b, AzkbHop, i);
    int            c = strcmp(azkb_store_term_name(store, x->to),
                   azkb_store_term_name(store, y->to));

    if (c == 0)
      c = strcmp(azkb_store_term_name(store, x->relation),
                 azkb_store_term_name(store, y->relation));
    if (c == 0 && x->forward != y->forward)
      c = x->forward ? -1 : 1;
    if (c != 0)
      return c;
  }
  return (a->len > b->len) - (a->len < b->len);
}

static void
append_quoted(GString *out, const char *name)
{
  g_string_append_c(out, '"');
  for (const char *p = name; *p != '\0'; p++) {
    if (*p == '"' || *p == '\\')
      g_string_append_c(out, '\\');
    g_string_append_c(out, *p);
  }
  g_string_append_c(out, '"');
}

/* Whether `FROM -PATH-> TO` matches under @po's time; -1 if unknown (the
 * pattern is refused, or its evaluation ran out of time). */
static int
connected(AzkbStore             *store,
          AzkbTermId             from,
          AzkbTermId             to,
          const char            *path,
          const AzkbPathOptions *po)
{
  g_autoptr(GString) text    = g_string_new(NULL);
  g_autoptr(AzkbQuery) query = NULL;
  guint n                    = 0;

  append_quoted(text, azkb_store_term_name(store, from));
  g_string_append_printf(text, " -%s-> ", path);
  append_quoted(text, azkb_store_term_name(store, to));
  query = azkb_query_parse(text->str, store, NULL);
  if (query == NULL)
    return -1;
  azkb_query_set_present(query, &PRESENT);
  azkb_query_set_timeout(query, TIMEOUT);
  azkb_query_set_flags(query, po->flags);
  if (po->at != NULL && !azkb_query_set_time(query, po->at, NULL))
    return -1;
  if (!azkb_query_count_full(query, &n, NULL))
    return -1;
  FUZZ_CHECK(n <= 1);
  return (int)n;
}

static void
run_path(AzkbStore *store, const Options *o)
{
  g_autoptr(GError) error    = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  AzkbInterval    at;
  AzkbPathOptions po = {
    .max_hops     = o->hops,
    .via          = o->via,
    .all_shortest = o->all,
    .max_paths    = o->max_paths,
    .flags        = o->strict ? AZKB_QUERY_STRICT_TIME : AZKB_QUERY_NONE,
    .present      = &PRESENT,
  };
  AzkbTermId from, to;
  guint      hops  = o->hops > 0 ? o->hops : 6;
  guint      cap   = !o->all ? 1 : o->max_paths > 0 ? o->max_paths : 100;
  guint      len   = 0;
  int        found = -1;

  if (o->from == NULL || o->to == NULL)
    return;
  from = azkb_store_resolve(store, o->from, AZKB_TERM_ENTITY, NULL);
  to   = azkb_store_resolve(store, o->to, AZKB_TERM_ENTITY, NULL);
  if (from == 0 || to == 0)
    return;
  if (o->at != NULL && azkb_interval_parse(o->at, &at, NULL) &&
      !azkb_interval_is_undated(&at))
    po.at = &at;
  paths = azkb_path_find(store, from, to, &po, &error);
  if (paths == NULL) {
    FUZZ_CHECK(o->via != NULL);
    check_failure(o->via, error, AZKB_QUERY_PART_VIA);
    return;
  }
  FUZZ_CHECK(error == NULL);
  FUZZ_CHECK(paths->len <= cap);
  for (guint p = 0; p < paths->len; p++) {
    GArray *hops_of = paths->pdata[p];

    FUZZ_CHECK(hops_of->len >= 1 && hops_of->len <= hops);
    if (p == 0)
      len = hops_of->len;
    /* all shortest: of one length */
    FUZZ_CHECK(hops_of->len == len);
    for (guint h = 0; h < hops_of->len; h++) {
      const AzkbHop *hop = &g_array_index(hops_of, AzkbHop, h);

      FUZZ_CHECK(hop->from ==
                 (h == 0 ? from : g_array_index(hops_of, AzkbHop, h - 1).to));
      check_hop(store, hop, &po);
    }
    FUZZ_CHECK(g_array_index(hops_of, AzkbHop, hops_of->len - 1).to == to);
    /* distinct, in order */
    if (p > 0)
      FUZZ_CHECK(compare_connections(store, paths->pdata[p - 1], hops_of) < 0);
  }
  if (from == to || fuzz_lax("path-query"))
    return;
  if (o->via == NULL) {
    g_autofree char *within = g_strdup_printf("(_|^_){1,%u}", hops);

    found = connected(store, from, to, within, &po);
    if (found >= 0)
      FUZZ_CHECK(found == (paths->len > 0));
    if (len > 1) {
      g_autofree char *shorter = g_strdup_printf("(_|^_){1,%u}", len - 1);

      FUZZ_CHECK(connected(store, from, to, shorter, &po) != 1);
    }
  } else if (paths->len > 0) {
    g_autofree char *spelled = g_strdup_printf("((%s)|^(%s))+", o->via, o->via);

    FUZZ_CHECK(connected(store, from, to, spelled, &po) != 0);
  }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  g_autofree char *text = NULL;
  Options          o    = { 0 };
  const char      *pattern;
  AzkbStore       *store;

  fuzz_setup();
  store   = knowledge_base();
  text    = fuzz_text(data, size);
  pattern = parse_options(text, &o);
  if (o.from != NULL || o.to != NULL)
    run_path(store, &o);
  else
    run_query(store, pattern, &o);
  options_clear(&o);
  return 0;
}
