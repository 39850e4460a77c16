/* azkb query 'PATTERN': path-pattern queries with valid time on every hop.
 * Parse options, hand the pattern to the query module, print the rows. */
#include "cli.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  char         *at;
  char         *during;
  char         *format;
  char         *base;
  int           limit;
  double        timeout;
  gboolean      count;
  gboolean      explain;
  gboolean      sparql;
  gboolean      strict;
  gboolean      ids;
  gboolean      when;
  gboolean      sources;
  char        **where;
  char         *graph; ///< --graph: the store's graph to query (--endpoint)
  AzkbCliRemote remote;
} Options;

/* Seconds a query may run by default: far beyond any answer a person waits
 * for, short enough that `?x -_*-> ?y` on a huge graph ends by itself. */
#define AZKB_CLI_QUERY_TIMEOUT 60.0

static void
options_clear(Options *o)
{
  g_clear_pointer(&o->at, g_free);
  g_clear_pointer(&o->during, g_free);
  g_clear_pointer(&o->format, g_free);
  g_clear_pointer(&o->base, g_free);
  g_clear_pointer(&o->where, g_strfreev);
  g_clear_pointer(&o->graph, g_free);
  azkb_cli_remote_clear(&o->remote);
}

/* ---- errors ---- */

/* The pattern with a caret under the column the error names.  Not for a
 * pattern holding a control character (a newline, a tab, an escape): it
 * would reach the terminal raw and the caret would not line up; the message
 * names the character and its column. */
static void
print_caret(const char *pattern, const GError *error)
{
  guint column = azkb_query_error_column(error);

  if (column == 0 || pattern == NULL)
    return;
  glong            length = g_utf8_strlen(pattern, -1);
  glong            from   = 0;
  g_autofree char *window = NULL;

  for (const char *p = pattern; *p != '\0'; p++)
    if (g_ascii_iscntrl(*p))
      return;
  /* A long pattern (a generated one, a hostile one) is shown as a window
   * of a line around the column, not as a screenful. */
  if (length > 72 && column > 40)
    from = MIN((glong)column - 40, length - 72);
  window = g_utf8_substring(pattern, from, MIN(length, from + 72));
  fprintf(stderr,
          "  %s%s%s\n  %*s^\n",
          from > 0 ? "…" : "",
          window,
          from + 72 < length ? "…" : "",
          (int)(column - 1 - from + (from > 0)),
          "");
}

/* ---- output ---- */

/* How a cell is written: the table reads as the source does ("2003–2005",
 * labels), the separated formats carry ISO 8601 / EDTF values. */
typedef enum {
  STYLE_TABLE,
  STYLE_SEPARATED,
} CellStyle;

static char *
literal_text(const AzkbStore *store, AzkbTermId term, CellStyle style)
{
  AzkbLiteral lit;
  AzkbDate    date;

  if (!azkb_store_get_literal(store, term, &lit))
    return g_strdup(azkb_store_term_name(store, term));
  if (style == STYLE_TABLE && lit.kind == AZKB_VALUE_DATE &&
      azkb_date_parse(lit.lexical, &date, NULL))
    return azkb_date_to_string(&date, AZKB_TIME_STYLE_HUMAN);
  return g_strdup(lit.lexical);
}

static char *
time_text(const AzkbStore *store, AzkbStmtId stmt, CellStyle style)
{
  AzkbStatement st;

  if (!azkb_store_get_statement(store, stmt, &st))
    return g_strdup("");
  if (azkb_interval_is_undated(&st.time))
    return g_strdup(style == STYLE_TABLE ? "(undated)" : "");
  return azkb_interval_to_string(&st.time,
                                 style == STYLE_TABLE ? AZKB_TIME_STYLE_HUMAN
                                                      : AZKB_TIME_STYLE_EDTF);
}

/* When a row held: "2003–2005, 2017–2019" in the table, EDTF intervals
 * joined by AZKB_TIME_SET_SEPARATOR ("2003/2005;2017/2019") otherwise. */
static char *
when_text(const AzkbResult *res, guint32 value, CellStyle style)
{
  gsize               n;
  const AzkbDayRange *days   = azkb_result_when(res, value, &n);
  g_autoptr(AzkbTimeSet) set = azkb_time_set_new_from_ranges(days, n);

  return azkb_time_set_to_string_at(set,
                                    style == STYLE_TABLE ? AZKB_TIME_STYLE_HUMAN
                                                         : AZKB_TIME_STYLE_EDTF,
                                    azkb_cli_present());
}

/* The text of cell @value of column @c.  (transfer full) */
static char *
cell_text(const AzkbStore  *store,
          const AzkbResult *res,
          guint             c,
          guint32           value,
          gboolean          ids,
          CellStyle         style)
{
  switch (azkb_result_column_kind(res, c)) {
    case AZKB_COLUMN_LITERAL:
      return literal_text(store, value, style);
    case AZKB_COLUMN_TIME:
      return time_text(store, value, style);
    case AZKB_COLUMN_SOURCES: {
      gsize             n;
      const AzkbTermId *src = azkb_result_sources(res, value, &n);

      return azkb_cli_terms_text(store, src, (guint)n, style == STYLE_TABLE);
    }
    case AZKB_COLUMN_WHEN:
      return when_text(res, value, style);
    case AZKB_COLUMN_ENTITY:
    default:
      return g_strdup(ids ? azkb_store_term_name(store, value)
                          : azkb_store_display_name(store, value));
  }
}

/* Every printed cell, written once: texts[r * columns + c] for row r of the
 * result's own order. */
typedef struct {
  const AzkbStore  *store;
  const AzkbResult *res;
  char            **texts;
  guint             n_cols;
} Cells;

static void
cells_init(Cells            *cells,
           const AzkbStore  *store,
           const AzkbResult *res,
           gboolean          ids,
           CellStyle         style)
{
  guint n_rows = azkb_result_n_rows(res);

  cells->store  = store;
  cells->res    = res;
  cells->n_cols = azkb_result_n_columns(res);
  cells->texts  = g_new0(char *, (gsize)n_rows * cells->n_cols + 1);
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < cells->n_cols; c++)
      cells->texts[(gsize)r * cells->n_cols + c] =
        cell_text(store, res, c, azkb_result_row(res, r)[c], ids, style);
}

static void
cells_clear(Cells *cells)
{
  g_clear_pointer(&cells->texts, g_strfreev);
}

static const char *
cells_get(const Cells *cells, guint row, guint c)
{
  return cells->texts[(gsize)row * cells->n_cols + c];
}

/* Times order by when they begin (azkb_interval_compare), the rest by what
 * is printed. */
static int
compare_cells(const Cells *cells, guint x, guint y, guint c)
{
  if (azkb_result_column_kind(cells->res, c) == AZKB_COLUMN_WHEN) {
    gsize               n_a, n_b;
    const AzkbDayRange *a =
      azkb_result_when(cells->res, azkb_result_row(cells->res, x)[c], &n_a);
    const AzkbDayRange *b =
      azkb_result_when(cells->res, azkb_result_row(cells->res, y)[c], &n_b);

    if (n_a == 0 || n_b == 0)
      return (n_a > 0) - (n_b > 0);
    return (a->first > b->first) - (a->first < b->first);
  }
  if (azkb_result_column_kind(cells->res, c) == AZKB_COLUMN_TIME) {
    AzkbStatement a, b;

    azkb_store_get_statement(
      cells->store, azkb_result_row(cells->res, x)[c], &a);
    azkb_store_get_statement(
      cells->store, azkb_result_row(cells->res, y)[c], &b);
    return azkb_interval_compare_at(&a.time, &b.time, azkb_cli_present());
  }
  return g_utf8_collate(cells_get(cells, x, c), cells_get(cells, y, c));
}

static int
by_cells(gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Cells *cells = user_data;
  guint        x     = *(const guint *)a;
  guint        y     = *(const guint *)b;

  for (guint c = 0; c < cells->n_cols; c++) {
    int d = compare_cells(cells, x, y, c);
    if (d != 0)
      return d;
  }
  return 0;
}

/* Rows in the order a reader looks for them: by what is printed (labels
 * unless --ids), column by column. */
static guint *
printed_order(const Cells *cells)
{
  guint  n     = azkb_result_n_rows(cells->res);
  guint *order = g_new(guint, n + 1);

  for (guint r = 0; r < n; r++)
    order[r] = r;
  g_qsort_with_data(order, (gint)n, sizeof(guint), by_cells, (gpointer)cells);
  return order;
}

static guint
width_of(const char *text)
{
  return (guint)g_utf8_strlen(text, -1);
}

static void
print_padded(const char *text, guint width)
{
  fputs(text, stdout);
  for (guint w = width_of(text); w < width; w++)
    putchar(' ');
}

/* The printers show the first @n_rows rows in their order. */
static void
print_table(const AzkbStore  *store,
            const AzkbResult *res,
            gboolean          ids,
            guint             n_rows)
{
  guint             n_cols = azkb_result_n_columns(res);
  g_autofree guint *widths = g_new0(guint, n_cols + 1);
  g_autofree guint *order  = NULL;
  Cells             cells;

  cells_init(&cells, store, res, ids, STYLE_TABLE);
  order = printed_order(&cells);
  for (guint c = 0; c < n_cols; c++)
    widths[c] = width_of(azkb_result_column_name(res, c)) + 1;
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_cols; c++)
      widths[c] =
        MAX(widths[c], width_of(azkb_cli_safe(cells_get(&cells, order[r], c))));
  /* On a terminal the table fits its width, long cells cut with "…"; a
   * pipe gets them whole. */
  azkb_cli_fit_columns(widths, n_cols, 2, azkb_cli_terminal_width());
  for (guint c = 0; c < n_cols; c++) {
    g_autofree char *name =
      g_strconcat("?", azkb_result_column_name(res, c), NULL);
    g_autofree char *head = azkb_cli_truncate(name, widths[c]);
    print_padded(head, c + 1 < n_cols ? widths[c] + 2 : 0);
  }
  putchar('\n');
  for (guint c = 0; c < n_cols; c++) {
    for (guint w = 0; w < widths[c]; w++)
      fputs("─", stdout);
    if (c + 1 < n_cols)
      fputs("  ", stdout);
  }
  putchar('\n');
  for (guint r = 0; r < n_rows; r++) {
    for (guint c = 0; c < n_cols; c++) {
      /* a table is read by a person: a newline or an escape in a
       * label must neither break its row nor reach the terminal raw */
      g_autofree char *cell = azkb_cli_truncate(
        azkb_cli_safe(cells_get(&cells, order[r], c)), widths[c]);

      print_padded(cell, c + 1 < n_cols ? widths[c] + 2 : 0);
    }
    putchar('\n');
  }
  cells_clear(&cells);
}

/* Tabs and line breaks would split a TSV cell: they become spaces. */
static void
print_tsv_cell(const char *text)
{
  for (const char *p = text; *p; p++)
    putchar(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
}

/* RFC 4180: quote a cell holding a comma, a quote or a line break. */
static void
print_csv_cell(const char *text)
{
  if (strpbrk(text, ",\"\r\n") == NULL) {
    fputs(text, stdout);
    return;
  }
  putchar('"');
  for (const char *p = text; *p; p++) {
    if (*p == '"')
      putchar('"');
    putchar(*p);
  }
  putchar('"');
}

static void
print_separated(const AzkbStore  *store,
                const AzkbResult *res,
                gboolean          ids,
                gboolean          csv,
                guint             n_rows)
{
  guint             n_cols = azkb_result_n_columns(res);
  g_autofree guint *order  = NULL;
  Cells             cells;

  cells_init(&cells, store, res, ids, STYLE_SEPARATED);
  order = printed_order(&cells);
  for (guint c = 0; c < n_cols; c++)
    printf("%s%s%s",
           c ? (csv ? "," : "\t") : "",
           csv ? "" : "?",
           azkb_result_column_name(res, c));
  putchar('\n');
  for (guint r = 0; r < n_rows; r++) {
    for (guint c = 0; c < n_cols; c++) {
      const char *text = cells_get(&cells, order[r], c);
      if (c > 0)
        putchar(csv ? ',' : '\t');
      if (csv)
        print_csv_cell(text);
      else
        print_tsv_cell(text);
    }
    putchar('\n');
  }
  cells_clear(&cells);
}

static void
json_entity(JsonBuilder *b, const AzkbStore *store, AzkbTermId term)
{
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "id");
  json_builder_add_string_value(b, azkb_store_term_name(store, term));
  json_builder_set_member_name(b, "label");
  json_builder_add_string_value(b, azkb_store_display_name(store, term));
  json_builder_end_object(b);
}

static const char *
json_value_kind(AzkbValueKind kind)
{
  switch (kind) {
    case AZKB_VALUE_INTEGER:
      return "integer";
    case AZKB_VALUE_DECIMAL:
      return "decimal";
    case AZKB_VALUE_BOOLEAN:
      return "boolean";
    case AZKB_VALUE_DATE:
      return "date";
    case AZKB_VALUE_OTHER:
      return "other";
    case AZKB_VALUE_STRING:
    default:
      return "string";
  }
}

/* {"value": "1991-10-18", "type": "date"}, with "datatype" or "lang" when
 * the literal has one. */
static void
json_literal(JsonBuilder *b, const AzkbStore *store, AzkbTermId term)
{
  AzkbLiteral lit = { 0 };

  azkb_store_get_literal(store, term, &lit);
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "value");
  json_builder_add_string_value(b, lit.lexical != NULL ? lit.lexical : "");
  json_builder_set_member_name(b, "type");
  json_builder_add_string_value(b, json_value_kind(lit.kind));
  if (lit.datatype != NULL) {
    json_builder_set_member_name(b, "datatype");
    json_builder_add_string_value(b, lit.datatype);
  }
  if (lit.lang != NULL) {
    json_builder_set_member_name(b, "lang");
    json_builder_add_string_value(b, lit.lang);
  }
  json_builder_end_object(b);
}

static const char *
precision_name(const AzkbDate *date)
{
  switch ((AzkbPrecision)date->precision) {
    case AZKB_PRECISION_YEAR:
      return "year";
    case AZKB_PRECISION_MONTH:
      return "month";
    case AZKB_PRECISION_DAY:
      return "day";
    case AZKB_PRECISION_NONE:
    default:
      return NULL;
  }
}

static void
json_date_member(JsonBuilder    *b,
                 const char     *name,
                 const AzkbDate *date,
                 gboolean        known)
{
  g_autofree char *text =
    known ? azkb_date_to_string(date, AZKB_TIME_STYLE_ISO) : NULL;

  json_builder_set_member_name(b, name);
  if (text != NULL)
    json_builder_add_string_value(b, text);
  else
    json_builder_add_null_value(b);
}

/* {"start": "2003", "end": "2005", "precision": "year", "openEnd": false,
 * "edtf": "2003/2005", "text": "2003–2005"}: null for an unknown end, the
 * precision of the start (of the end when the start is unknown; null when
 * undated), and "endPrecision" too when it differs. */
static void
json_interval(JsonBuilder *b, const AzkbInterval *t)
{
  gboolean         has_start = t->start_bound == AZKB_BOUND_DATE;
  gboolean         has_end   = t->end_bound == AZKB_BOUND_DATE || t->is_point;
  const AzkbDate  *end       = t->is_point ? &t->start : &t->end;
  const char      *p_start   = has_start ? precision_name(&t->start) : NULL;
  const char      *p_end     = has_end ? precision_name(end) : NULL;
  g_autofree char *edtf      = azkb_interval_to_string(t, AZKB_TIME_STYLE_EDTF);
  g_autofree char *text = azkb_interval_to_string(t, AZKB_TIME_STYLE_HUMAN);

  json_builder_begin_object(b);
  json_date_member(b, "start", &t->start, has_start);
  json_date_member(b, "end", end, has_end);
  json_builder_set_member_name(b, "precision");
  if (p_start != NULL || p_end != NULL)
    json_builder_add_string_value(b, p_start != NULL ? p_start : p_end);
  else
    json_builder_add_null_value(b);
  if (p_start != NULL && p_end != NULL && strcmp(p_start, p_end) != 0) {
    json_builder_set_member_name(b, "endPrecision");
    json_builder_add_string_value(b, p_end);
  }
  json_builder_set_member_name(b, "openEnd");
  json_builder_add_boolean_value(b, t->end_bound == AZKB_BOUND_OPEN);
  json_builder_set_member_name(b, "edtf");
  json_builder_add_string_value(b, edtf);
  json_builder_set_member_name(b, "text");
  json_builder_add_string_value(b, text);
  json_builder_end_object(b);
}

static void
json_day(JsonBuilder *b, const char *name, gint32 day, gboolean known)
{
  json_builder_set_member_name(b, name);
  if (known) {
    GDate            date;
    g_autofree char *text = NULL;

    g_date_clear(&date, 1);
    g_date_set_julian(&date, (guint32)day);
    text = g_strdup_printf("%04d-%02d-%02d",
                           g_date_get_year(&date),
                           g_date_get_month(&date),
                           g_date_get_day(&date));
    json_builder_add_string_value(b, text);
  } else
    json_builder_add_null_value(b);
}

/* --when: [{"start": "2012", "end": "2013", "openEnd": false, "firstDay":
 * "2012-01-01", "lastDay": "2013-12-31", "edtf": "2012/2013", "text":
 * "2012–2013"}, ...]; start null from the beginning of time (undated
 * statements only), end null when the range runs on to the present
 * ("openEnd": true) or for ever (always). */
static void
json_when(JsonBuilder *b, const AzkbResult *res, guint32 value)
{
  gsize               n;
  const AzkbDayRange *days = azkb_result_when(res, value, &n);

  json_builder_begin_array(b);
  for (gsize i = 0; i < n; i++) {
    AzkbInterval t = azkb_day_range_to_interval_at(
      days[i].first, days[i].last, azkb_cli_present());
    gboolean start = days[i].first > AZKB_DAY_MIN;
    gboolean end =
      days[i].last < AZKB_DAY_MAX && t.end_bound != AZKB_BOUND_OPEN;
    g_autoptr(AzkbTimeSet) one = azkb_time_set_new_from_ranges(&days[i], 1);
    g_autofree char *edtf =
      azkb_time_set_to_string_at(one, AZKB_TIME_STYLE_EDTF, azkb_cli_present());
    g_autofree char *text = azkb_time_set_to_string_at(
      one, AZKB_TIME_STYLE_HUMAN, azkb_cli_present());

    json_builder_begin_object(b);
    json_date_member(b, "start", &t.start, start);
    json_date_member(b, "end", &t.end, end);
    json_builder_set_member_name(b, "openEnd");
    json_builder_add_boolean_value(b, t.end_bound == AZKB_BOUND_OPEN);
    json_day(b, "firstDay", days[i].first, start);
    json_day(b, "lastDay", days[i].last, days[i].last < AZKB_DAY_MAX);
    json_builder_set_member_name(b, "edtf");
    json_builder_add_string_value(b, edtf);
    json_builder_set_member_name(b, "text");
    json_builder_add_string_value(b, text);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
}

static void
json_cell(JsonBuilder      *b,
          const AzkbStore  *store,
          const AzkbResult *res,
          guint             c,
          guint32           value)
{
  switch (azkb_result_column_kind(res, c)) {
    case AZKB_COLUMN_LITERAL:
      json_literal(b, store, value);
      return;
    case AZKB_COLUMN_WHEN:
      json_when(b, res, value);
      return;
    case AZKB_COLUMN_TIME: {
      AzkbStatement st = { 0 };

      azkb_store_get_statement(store, value, &st);
      json_interval(b, &st.time);
      return;
    }
    case AZKB_COLUMN_SOURCES: {
      gsize             n;
      const AzkbTermId *src = azkb_result_sources(res, value, &n);

      json_builder_begin_array(b);
      for (gsize i = 0; i < n; i++)
        json_entity(b, store, src[i]);
      json_builder_end_array(b);
      return;
    }
    case AZKB_COLUMN_ENTITY:
    default:
      json_entity(b, store, value);
      return;
  }
}

static void
print_json(const AzkbStore *store, const AzkbResult *res, guint n_rows)
{
  g_autoptr(JsonBuilder) b     = json_builder_new();
  g_autoptr(JsonGenerator) gen = json_generator_new();
  g_autoptr(JsonNode) root     = NULL;
  g_autofree char *text        = NULL;
  guint            n_cols      = azkb_result_n_columns(res);

  json_builder_begin_object(b);
  json_builder_set_member_name(b, "columns");
  json_builder_begin_array(b);
  for (guint c = 0; c < n_cols; c++)
    json_builder_add_string_value(b, azkb_result_column_name(res, c));
  json_builder_end_array(b);
  json_builder_set_member_name(b, "rows");
  json_builder_begin_array(b);
  for (guint r = 0; r < n_rows; r++) {
    const AzkbTermId *row = azkb_result_row(res, r);

    json_builder_begin_object(b);
    for (guint c = 0; c < n_cols; c++) {
      json_builder_set_member_name(b, azkb_result_column_name(res, c));
      json_cell(b, store, res, c, row[c]);
    }
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  json_builder_end_object(b);
  root = json_builder_get_root(b);
  json_generator_set_root(gen, root);
  json_generator_set_pretty(gen, TRUE);
  text = json_generator_to_data(gen, NULL);
  puts(text);
}

/* --limit applies to the rows as printed: the first N of the order a
 * format shows (labels for table, TSV and CSV, ids for JSON and --ids), so
 * the rows are those a longer listing starts with. */
static void
print_result(const AzkbStore *store, const AzkbResult *res, const Options *o)
{
  guint n_rows = azkb_result_n_rows(res);

  if (o->limit > 0)
    n_rows = MIN(n_rows, (guint)o->limit);
  if (strcmp(o->format, "json") == 0) {
    print_json(store, res, n_rows);
    return;
  }
  if (azkb_result_n_columns(res) == 0) {
    /* A pattern without variables asks whether it holds. */
    puts(strcmp(o->format, "table") == 0 ? "yes: the pattern holds" : "true");
    return;
  }
  if (strcmp(o->format, "table") == 0)
    print_table(store, res, o->ids, n_rows);
  else
    print_separated(store, res, o->ids, strcmp(o->format, "csv") == 0, n_rows);
}

/* ---- running ---- */

/* --at DATE|A..B, or --during A..B: the same filter, as in every command
 * that filters by time. */
static gboolean
parse_time(const Options *o, AzkbInterval *out, GError **error)
{
  if (!azkb_interval_parse(o->at != NULL ? o->at : o->during, out, error)) {
    g_prefix_error(error, o->at != NULL ? "--at: " : "--during: ");
    return FALSE;
  }
  return TRUE;
}

/* What the library refuses under sequenced evaluation is what --when
 * cannot do: say so in the flag's name. */
static int
fail_when(const Options *o, GError **error)
{
  if (o->when &&
      g_error_matches(*error, AZKB_QUERY_ERROR, AZKB_QUERY_ERROR_UNSUPPORTED))
    g_prefix_error(error, "--when: ");
  return azkb_cli_fail(*error);
}

/* --count: @n rows (at most --limit); exit 1 with a message for none. */
static int
print_count(guint n, const char *pattern, const Options *o)
{
  if (o->limit > 0)
    n = MIN(n, (guint)o->limit);
  printf("%u\n", n);
  if (n > 0)
    return AZKB_EXIT_OK;
  fprintf(stderr, "%s: no match for “%s”\n", g_get_prgname(), pattern);
  return AZKB_EXIT_NO_MATCH;
}

/* --endpoint: the rows of @q as the SPARQL store answers them, in at most
 * --timeout seconds in all, as a local query (0: no limit, but a day
 * without progress), whatever the server does: a server that keeps
 * sending, however slowly, is never without progress, and one may take
 * far longer than its own time limit to stop a query it streams. */
static AzkbResult *
remote_result(AzkbQuery *q, const char *pattern, const Options *o, int *status)
{
  g_autoptr(GError) error      = NULL;
  g_autoptr(AzkbRemote) remote = NULL;
  AzkbCliRemote r              = o->remote;
  AzkbResult   *res            = NULL;

  /* whole seconds, rounded up; at most a day */
  r.timeout =
    o->timeout == 0 ? 24 * 3600 : (int)MIN(o->timeout + 0.999, 24 * 3600);
  r.time_limit_ms =
    o->timeout == 0 ? 0
                    : (guint)MAX(1, MIN(o->timeout * 1000 + 0.5, G_MAXUINT32));
  if ((remote = azkb_cli_remote_open(&r, &error)) == NULL ||
      (res = azkb_remote_query(remote, q, o->base, o->graph, &error)) == NULL) {
    *status = azkb_cli_fail(error);
    print_caret(pattern, error);
  }
  return res;
}

static int
run_query(AzkbStore *store, const char *pattern, const Options *o)
{
  g_autoptr(GError) error   = NULL;
  g_autoptr(AzkbQuery) q    = azkb_query_parse(pattern, store, &error);
  g_autoptr(AzkbResult) res = NULL;
  AzkbInterval time;

  if (q == NULL) {
    int status = azkb_cli_fail(error);
    print_caret(pattern, error);
    return status;
  }
  azkb_query_set_present(q, azkb_cli_present());
  if ((o->at != NULL || o->during != NULL) &&
      (!parse_time(o, &time, &error) || !azkb_query_set_time(q, &time, &error)))
    return azkb_cli_fail(error);
  for (guint i = 0; o->where != NULL && o->where[i] != NULL; i++)
    if (!azkb_query_add_constraint(q, o->where[i], &error)) {
      /* the caret goes under the --where text the column counts in */
      int status = azkb_cli_fail(error);

      print_caret(o->where[i], error);
      return status;
    }
  azkb_query_set_flags(q,
                       (o->strict ? AZKB_QUERY_STRICT_TIME : 0) |
                         (o->when ? AZKB_QUERY_WHEN : 0) |
                         (o->sources ? AZKB_QUERY_SOURCES : 0));
  if (o->explain) {
    g_autofree char *text = azkb_query_explain(q);
    fputs(text, stdout);
    return AZKB_EXIT_OK;
  }
  if (o->sparql) {
    g_autofree char *text =
      azkb_query_to_sparql_full(q,
                                o->base,
                                o->count ? AZKB_SPARQL_COUNT : AZKB_SPARQL_ROWS,
                                o->limit > 0 ? (guint)o->limit : 0,
                                &error);
    if (text == NULL) {
      int status = fail_when(o, &error);
      print_caret(pattern, error);
      return status;
    }
    fputs(text, stdout);
    return AZKB_EXIT_OK;
  }
  azkb_query_set_timeout(q, o->timeout);
  if (o->remote.endpoint != NULL) {
    int status;

    if ((res = remote_result(q, pattern, o, &status)) == NULL)
      return status;
    if (o->count)
      return print_count(azkb_result_n_rows(res), pattern, o);
  } else if (o->count) {
    /* Counting needs neither the rows' projection nor their order. */
    guint n;

    if (!azkb_query_count_full(q, &n, &error))
      return fail_when(o, &error);
    return print_count(n, pattern, o);
  }
  /* all rows: the limit is taken after the printed order (print_result) */
  else if ((res = azkb_query_execute_full(q, 0, &error)) == NULL)
    return fail_when(o, &error);
  if (azkb_result_n_rows(res) == 0) {
    /* Still one answer on stdout where a program reads one: a JSON
     * document with no rows, "false" for a yes/no question (--count has
     * printed its 0 above). */
    if (strcmp(o->format, "json") == 0)
      print_json(store, res, 0);
    else if (azkb_result_n_columns(res) == 0 && strcmp(o->format, "table") != 0)
      puts("false");
    fprintf(stderr, "%s: no match for “%s”\n", g_get_prgname(), pattern);
    return AZKB_EXIT_NO_MATCH;
  }
  print_result(store, res, o);
  return AZKB_EXIT_OK;
}

static const char description[] =
  "A pattern is a chain of node terms joined by steps:\n"
  "  Azerbaijan -participatedIn-> ?op -mandatedBy-> ?res\n"
  "  ?body:Body <-electedTo@2019- Azerbaijan\n"
  "  \"Heydar Aliyev\" -(_|^_){1,3}-> UNSC\n"
  "\n"
  "Node terms: an entity by id, label or abbreviation (quote it when it\n"
  "has spaces), a variable ?x, a variable with a class ?x:Resolution\n"
  "(subclasses count), an anonymous node ? (or ?:Class).\n"
  "Steps: -EXPR-> forward, <-EXPR- backward.  EXPR: relation names,\n"
  "a/b sequence, a|b alternation, ^a inverse, (a) grouping, a* a+ a?,\n"
  "a{m,n} a{n} a{m,}, _ any relation, !a or !(a|^b) any relation but\n"
  "these.  Precedence: postfix and ^ bind tightest, then /, then |;\n"
  "a postfix follows its operand without a space.\n"
  "Time: EXPR@2019, @2003..2005, @2012-05-04, @1999.. (from 1999 on),\n"
  "@..2005 (up to 2005): every hop of that step must hold then.\n"
  "Asking when: -electedTo@?term-> binds the time of the statement a\n"
  "one-hop step crosses (one row per statement; with a filter:\n"
  "@?term@2015..2020); [ordinal=?n] binds a qualifier of it; a property\n"
  "ending the last step binds a literal: -independenceRegainedOn-> ?d.\n"
  "--where '?a during ?b' (Allen's relations and intersects, on day\n"
  "spans: '2012 before 2012-05-04' is false) keeps rows whose times\n"
  "agree; --sources adds the supporting paragraphs.\n"
  "\n"
  "Grammar (EBNF):\n" AZKB_QUERY_GRAMMAR "\n"
  "Valid time: a statement holds over its span: an open end (\"at\n"
  "present\") extends to the present (--now); an unknown end does not\n"
  "extend: only the start's own year/month/day is known.  Dates match\n"
  "by their precision: @2012 overlaps 2012-05-04.  Undated statements\n"
  "match any time unless --strict-time.\n"
  "\n"
  "Results are sets: each distinct row once.  Exit status: 0 rows\n"
  "found, 1 no match, 2 bad pattern, unknown name or option.";

int
azkb_cmd_query(int argc, char **argv, gboolean do_help)
{
  AzkbCliData data = { 0 };
  Options     o    = { .timeout = AZKB_CLI_QUERY_TIMEOUT };
  g_autoptr(GOptionContext) context =
    azkb_cli_context("query",
                     "PATTERN",
                     "Match a path pattern with valid-time filters.",
                     description);
  // clang-format off
  const GOptionEntry entries[] = {
    { "at",          0,   0, G_OPTION_ARG_STRING,       &o.at,      "Every hop must hold on DATE (or at some time in A..B)", "DATE" },
    { "during",      0,   0, G_OPTION_ARG_STRING,       &o.during,  "Every hop must hold at some time in A..B", "A..B" },
    { "when",        0,   0, G_OPTION_ARG_NONE,         &o.when,    "Keep rows that held at one time; add when they held", NULL },
    { "strict-time", 0,   0, G_OPTION_ARG_NONE,         &o.strict,  "Undated statements fail time filters", NULL },
    { "where",       'w', 0, G_OPTION_ARG_STRING_ARRAY, &o.where,   "Temporal constraint between time variables: '?a during ?b' (repeatable)", "CONSTRAINT" },
    { "sources",     0,   0, G_OPTION_ARG_NONE,         &o.sources, "Add a column with the paragraphs that support each row", NULL },
    { "format",      'f', 0, G_OPTION_ARG_STRING,       &o.format,  "table (default), tsv, csv or json", "FORMAT" },
    { "ids",         0,   0, G_OPTION_ARG_NONE,         &o.ids,     "Print ids instead of labels", NULL },
    { "limit",       0,   0, G_OPTION_ARG_INT,          &o.limit,   "Print at most N rows", "N" },
    { "timeout",     0,   0, G_OPTION_ARG_DOUBLE,       &o.timeout, "Give up after SECONDS (default 60; 0: no limit); exit status 4", "SECONDS" },
    { "count",       'c', 0, G_OPTION_ARG_NONE,         &o.count,   "Print the number of rows only", NULL },
    { "explain",     0,   0, G_OPTION_ARG_NONE,         &o.explain, "Print the parsed pattern and its automata", NULL },
    { "sparql",      0,   0, G_OPTION_ARG_NONE,         &o.sparql,  "Print the equivalent SPARQL 1.1 query over the exported RDF", NULL },
    { "base",        0,   0, G_OPTION_ARG_STRING,       &o.base,    "Base IRI for --sparql (default http://azkb.example/)", "IRI" },
    { "graph",       0,   0, G_OPTION_ARG_STRING,       &o.graph,   "With --endpoint: query this named graph (default: the server's default graph)", "IRI" },
    G_OPTION_ENTRY_NULL
  };
  // clang-format on
  g_autoptr(AzkbStore) store = NULL;
  g_autoptr(GError) error    = NULL;
  int status;

  g_option_context_add_main_entries(context, entries, NULL);
  azkb_cli_add_data_options(context, &data);
  azkb_cli_add_remote_options(context, &o.remote, FALSE);
  if (!azkb_cli_parse(context, &argc, &argv, do_help, &status))
    goto out;
  if (o.format == NULL)
    o.format = g_strdup("table");
  else {
    char *lower = g_ascii_strdown(o.format, -1);

    g_free(o.format);
    o.format = lower;
  }
  if (argc != 2)
    status = azkb_cli_usage(context,
                            argc < 2 ? "no PATTERN given"
                                     : "give exactly one PATTERN "
                                       "(quote it for the shell)");
  else if (!g_strv_contains(
             (const char *const[]){ "table", "tsv", "csv", "json", NULL },
             o.format))
    status = azkb_cli_usage(
      context, "unknown format “%s” (table, tsv, csv or json)", o.format);
  else if (o.at != NULL && o.during != NULL)
    status = azkb_cli_usage(context, "give --at or --during, not both");
  else if (o.timeout < 0 || o.timeout != o.timeout)
    status = azkb_cli_usage(context, "--timeout must be 0 or more seconds");
  else if (o.limit < 0)
    status = azkb_cli_usage(context, "--limit must be positive");
  else if (o.remote.endpoint != NULL && o.when)
    status = azkb_cli_usage(context,
                            "--when runs locally only, not with "
                            "--endpoint");
  else if ((store = azkb_cli_load(&data, &error)) == NULL)
    status = azkb_cli_fail(error);
  else
    status = run_query(store, argv[1], &o);
out:
  options_clear(&o);
  azkb_cli_data_clear(&data);
  return status;
}
