/* azkb timeline ENTITY: the entity's dated statements in time order, one
 * line each, with a bar chart (years across) on a terminal. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

/* Cells of the chart at most; longer spans of years share cells. */
#define CHART_CELLS 48

typedef struct {
  AzkbStmtId    stmt;
  AzkbStatement st;
  gboolean      outgoing;
  int           first_year, last_year; ///< the span, in years
} Row;

typedef struct {
  char    *from, *to, *at, *during;
  gboolean chart, no_chart, ids, strict, json;
  int      from_year, to_year; ///< the window's years, 0 when open
} Options;

static int
by_time(gconstpointer a, gconstpointer b, gpointer store)
{
  const Row *x = a;
  const Row *y = b;

  return azkb_cli_compare_statements(store, x->stmt, y->stmt);
}

/* The years a span covers, by the valid-time rule (an open end runs to
 * the present; an unknown end stays at the start). */
static void
span_years(const AzkbInterval *t, int *out_first, int *out_last)
{
  AzkbDate now =
    azkb_cli_present() != NULL ? *azkb_cli_present() : azkb_time_today();

  if (t->start_bound == AZKB_BOUND_DATE)
    *out_first = t->start.year;
  else if (t->end_bound == AZKB_BOUND_DATE)
    *out_first = t->end.year;
  else
    *out_first = now.year;
  if (t->end_bound == AZKB_BOUND_DATE)
    *out_last = t->end.year;
  else if (t->end_bound == AZKB_BOUND_OPEN)
    *out_last = MAX(now.year, *out_first);
  else
    *out_last = *out_first;
}

static void
add_rows(AzkbStore      *store,
         GArray         *rows,
         const AzkbEdge *edges,
         gsize           n,
         gboolean        outgoing,
         const gint32    range[2])
{
  for (gsize i = 0; i < n; i++) {
    Row    r = { .stmt = edges[i].stmt, .outgoing = outgoing };
    gint32 lo, hi;

    azkb_store_get_statement(store, r.stmt, &r.st);
    if (!azkb_interval_span_at(&r.st.time, azkb_cli_present(), &lo, &hi))
      continue; /* undated: not on a timeline */
    if (hi < range[0] || lo > range[1])
      continue;
    span_years(&r.st.time, &r.first_year, &r.last_year);
    g_array_append_val(rows, r);
  }
}

static GArray *
collect(AzkbStore *store, AzkbTermId entity, const gint32 range[2])
{
  GArray         *rows = g_array_new(FALSE, FALSE, sizeof(Row));
  gsize           n;
  const AzkbEdge *edges;

  edges = azkb_store_out_edges(store, entity, 0, &n);
  add_rows(store, rows, edges, n, TRUE, range);
  edges = azkb_store_in_edges(store, entity, 0, &n);
  add_rows(store, rows, edges, n, FALSE, range);
  g_array_sort_with_data(rows, by_time, store);
  return rows;
}

static char *
other_end(const AzkbStore *store, const Row *r, gboolean ids)
{
  AzkbTermId  other = r->outgoing ? r->st.object : r->st.subject;
  AzkbLiteral lit;

  if (azkb_store_get_literal(store, other, &lit))
    return g_strdup_printf("“%s”", azkb_cli_safe(lit.lexical));
  return g_strdup(azkb_cli_safe(ids ? azkb_store_term_name(store, other)
                                    : azkb_store_display_name(store, other)));
}

/* Years across: a cell stands for @per_cell years, or a year takes
 * @cpy cells when there are few years to show. */
typedef struct {
  int first, last; ///< years shown
  int per_cell;    ///< years per cell (>= 1)
  int cpy;         ///< cells per year when per_cell is 1 (>= 1)
  int cells;
  int tick; ///< years between labels
} Axis;

/* The years the rows cover, within --from and --to (@from_year and
 * @to_year, 0 when not given). */
static Axis
make_axis(const GArray *rows, int from_year, int to_year)
{
  static const int ticks[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000 };
  Axis             a       = { G_MAXINT, G_MININT, 1, 1, 0, 1 };
  int              years;

  for (guint i = 0; i < rows->len; i++) {
    const Row *r = &g_array_index(rows, Row, i);
    a.first      = MIN(a.first, r->first_year);
    a.last       = MAX(a.last, r->last_year);
  }
  if (from_year > 0)
    a.first = MAX(a.first, from_year);
  if (to_year > 0)
    a.last = MIN(a.last, to_year);
  years      = a.last - a.first + 1;
  a.per_cell = (years + CHART_CELLS - 1) / CHART_CELLS;
  a.cpy      = a.per_cell == 1 ? MIN(CHART_CELLS / years, 6) : 1;
  a.cells    = ((years - 1) / a.per_cell + 1) * a.cpy;
  /* Labels five cells apart at least, so that "2012" never runs into the
   * next one. */
  for (gsize i = 0; i < G_N_ELEMENTS(ticks); i++) {
    a.tick = ticks[i];
    if (a.tick % a.per_cell == 0 && a.tick / a.per_cell * a.cpy >= 5)
      break;
  }
  return a;
}

static int
cell_of(const Axis *a, int year)
{
  return (year - a->first) / a->per_cell * a->cpy;
}

static gboolean
is_tick(const Axis *a, int cell)
{
  int year = a->first + cell / a->cpy * a->per_cell;

  return cell % a->cpy == 0 && (year - a->first) % a->tick == 0;
}

static void
print_axis(const Axis *a, guint when_width)
{
  g_autofree char *line = g_malloc(a->cells + 8);

  memset(line, ' ', a->cells);
  line[a->cells] = '\0';
  for (int y = a->first; y <= a->last; y += a->tick) {
    int  c = cell_of(a, y);
    char label[8];

    g_snprintf(label, sizeof label, "%d", y);
    if (c + (int)strlen(label) <= a->cells)
      memcpy(line + c, label, strlen(label));
  }
  printf("%*s  %s\n", (int)when_width, "", line);
}

static void
print_bar(const Axis *a, const Row *r)
{
  int from = cell_of(a, MAX(r->first_year, a->first));
  int to   = cell_of(a, MIN(r->last_year, a->last)) + a->cpy - 1;

  for (int c = 0; c < a->cells; c++) {
    if (c < from || c > to || (r->st.time.is_point && c > from))
      fputs(is_tick(a, c) ? "┊" : " ", stdout);
    else if (r->st.time.is_point)
      fputs("●", stdout);
    else if (c == to && r->st.time.end_bound == AZKB_BOUND_OPEN &&
             r->last_year <= a->last)
      fputs("▶", stdout);
    else
      fputs("█", stdout);
  }
}

static void
print_rows(const AzkbStore *store, const GArray *rows, const Options *o)
{
  gboolean   chart = o->chart || (!o->no_chart && azkb_cli_stdout_is_tty());
  GPtrArray *whens = g_ptr_array_new_with_free_func(g_free);
  guint      when_width = 0;
  Axis       axis       = make_axis(rows, o->from_year, o->to_year);

  for (guint i = 0; i < rows->len; i++) {
    const Row *r = &g_array_index(rows, Row, i);
    char      *w = azkb_interval_to_string(&r->st.time, AZKB_TIME_STYLE_HUMAN);

    when_width = MAX(when_width, (guint)g_utf8_strlen(w, -1));
    g_ptr_array_add(whens, w);
  }
  if (chart)
    print_axis(&axis, when_width);
  for (guint i = 0; i < rows->len; i++) {
    const Row       *r     = &g_array_index(rows, Row, i);
    const char      *when  = g_ptr_array_index(whens, i);
    g_autofree char *other = other_end(store, r, o->ids);
    g_autofree char *src   = azkb_cli_sources_text(store, &r->stmt, 1);

    if (!chart) {
      printf("%s\t%s %s\t%s\t%s\n",
             when,
             r->outgoing ? "→" : "←",
             azkb_cli_safe(azkb_store_term_name(store, r->st.relation)),
             other,
             src);
      continue;
    }
    printf("%s%*s  ", when, (int)(when_width - g_utf8_strlen(when, -1)), "");
    print_bar(&axis, r);
    printf("  %s %s %s  %s\n",
           r->outgoing ? "→" : "←",
           azkb_cli_safe(azkb_store_term_name(store, r->st.relation)),
           other,
           src);
  }
  g_ptr_array_unref(whens);
}

static gboolean
parse_bound(const char *text,
            const char *option,
            gint32     *out,
            int        *out_year,
            gboolean    last)
{
  g_autoptr(GError) error = NULL;
  AzkbDate date;

  if (text == NULL)
    return TRUE;
  if (!azkb_date_parse(text, &date, &error)) {
    fprintf(stderr, "%s: %s: %s\n", g_get_prgname(), option, error->message);
    return FALSE;
  }
  *out      = last ? azkb_date_last_day(&date) : azkb_date_first_day(&date);
  *out_year = date.year;
  return TRUE;
}

/* --at or --during: the days of the window, and its years for the axis. */
static gboolean
parse_window(const char *text, const char *option, gint32 range[2], Options *o)
{
  g_autoptr(GError) error = NULL;
  AzkbInterval window;

  if (!azkb_interval_parse(text, &window, &error) ||
      !azkb_interval_span_at(
        &window, azkb_cli_present(), &range[0], &range[1])) {
    fprintf(stderr,
            "%s: %s: %s\n",
            g_get_prgname(),
            option,
            error != NULL ? error->message : "an undated window");
    return FALSE;
  }
  if (window.start_bound == AZKB_BOUND_DATE)
    o->from_year = window.start.year;
  if (window.end_bound == AZKB_BOUND_DATE)
    o->to_year = window.end.year;
  if (window.is_point)
    o->to_year = o->from_year;
  return TRUE;
}

static gboolean
parse_range(Options *o, gint32 range[2])
{
  if (o->at != NULL || o->during != NULL)
    return parse_window(o->at != NULL ? o->at : o->during,
                        o->at != NULL ? "--at" : "--during",
                        range,
                        o);
  if (!parse_bound(o->from, "--from", &range[0], &o->from_year, FALSE) ||
      !parse_bound(o->to, "--to", &range[1], &o->to_year, TRUE))
    return FALSE;
  if (range[0] > range[1]) {
    fprintf(stderr, "%s: --from is after --to\n", g_get_prgname());
    return FALSE;
  }
  return TRUE;
}

static void
print_json(const AzkbStore *store, AzkbTermId entity, const GArray *rows)
{
  static const char *const columns[] = { "time",  "direction", "relation",
                                         "other", "sources",   NULL };
  g_autoptr(JsonBuilder) b           = json_builder_new();

  json_builder_begin_object(b);
  json_builder_set_member_name(b, "entity");
  azkb_cli_json_term(b, store, entity);
  azkb_cli_json_columns(b, columns);
  for (guint i = 0; i < rows->len; i++) {
    const Row *r = &g_array_index(rows, Row, i);

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "time");
    azkb_cli_json_time(b, &r->st.time);
    json_builder_set_member_name(b, "direction");
    json_builder_add_string_value(b, r->outgoing ? "out" : "in");
    json_builder_set_member_name(b, "relation");
    json_builder_add_string_value(b,
                                  azkb_store_term_name(store, r->st.relation));
    json_builder_set_member_name(b, "other");
    azkb_cli_json_term(b, store, r->outgoing ? r->st.object : r->st.subject);
    json_builder_set_member_name(b, "sources");
    azkb_cli_json_sources(b, store, &r->stmt, 1);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  json_builder_end_object(b);
  azkb_cli_json_print(b);
}

static int
timeline(const AzkbCliData       *data,
         const AzkbCliRemoteRead *remote,
         const char              *name,
         Options                 *o)
{
  g_autoptr(GError) error    = NULL;
  g_autoptr(GArray) rows     = NULL;
  g_autoptr(AzkbStore) store = NULL;
  gint32     range[2]        = { G_MININT32, G_MAXINT32 };
  AzkbTermId entity          = 0;

  if (!parse_range(o, range))
    return AZKB_EXIT_USAGE;
  store = azkb_cli_load_entity(data, remote, name, &entity, &error);
  if (store == NULL)
    return azkb_cli_fail(error);
  rows = collect(store, entity, range);
  if (o->json)
    print_json(store, entity, rows);
  if (rows->len == 0) {
    fprintf(stderr,
            "%s: %s has no dated statements%s\n",
            g_get_prgname(),
            azkb_cli_safe(azkb_store_display_name(store, entity)),
            o->from || o->to || o->at || o->during ? " in that time" : "");
    return AZKB_EXIT_NO_MATCH;
  }
  if (!o->json)
    print_rows(store, rows, o);
  return AZKB_EXIT_OK;
}

int
azkb_cmd_timeline(int argc, char **argv, gboolean do_help)
{
  AzkbCliData       data            = { 0 };
  AzkbCliRemoteRead remote          = { 0 };
  Options           o               = { 0 };
  g_autoptr(GOptionContext) context = azkb_cli_context(
    "timeline",
    "ENTITY",
    "List an entity's dated statements in time order, with a bar chart of "
    "the years on a terminal.",
    "Each line is one statement: its time, the relation (→ from the "
    "entity,\n← to it), the other end and the source paragraphs.  Bars "
    "run over\nthe years the statement holds: ● a point in time, ▶ still "
    "holds.\nWithout a terminal (or with --no-chart) lines are "
    "tab-separated.");
  // clang-format off
  const GOptionEntry entries[] = {
    { "at",          0, 0, G_OPTION_ARG_STRING, &o.at,       "Only statements holding at DATE (or in A..B)", "DATE" },
    { "during",      0, 0, G_OPTION_ARG_STRING, &o.during,   "Only statements holding in A..B (the same as --at A..B)", "A..B" },
    { "strict-time", 0, 0, G_OPTION_ARG_NONE,   &o.strict,   "Accepted for consistency: a timeline never lists undated statements", NULL },
    { "from",        0, 0, G_OPTION_ARG_STRING, &o.from,     "Only statements holding on or after DATE (--during DATE..)", "DATE" },
    { "to",          0, 0, G_OPTION_ARG_STRING, &o.to,       "Only statements holding on or before DATE (--during ..DATE)", "DATE" },
    { "chart",       0, 0, G_OPTION_ARG_NONE,   &o.chart,    "Draw the bar chart even when not on a terminal", NULL },
    { "no-chart",    0, 0, G_OPTION_ARG_NONE,   &o.no_chart, "Never draw the bar chart", NULL },
    { "ids",         0, 0, G_OPTION_ARG_NONE,   &o.ids,      "Print ids instead of labels", NULL },
    G_OPTION_ENTRY_NULL
  };
  // clang-format on
  g_autofree char *format = NULL;
  int              status;

  g_option_context_add_main_entries(context, entries, NULL);
  azkb_cli_add_format_option(context, &format);
  azkb_cli_add_data_options(context, &data);
  azkb_cli_add_remote_read_options(context, &remote);
  if (!azkb_cli_parse(context, &argc, &argv, do_help, &status))
    goto out;
  if (!azkb_cli_text_or_json(context, format, &o.json, &status))
    goto out;
  if (argc != 2)
    status = azkb_cli_usage(
      context, argc < 2 ? "no ENTITY given" : "give exactly one ENTITY");
  else if (o.chart && o.no_chart)
    status = azkb_cli_usage(context, "give --chart or --no-chart, not both");
  else if (o.at != NULL && o.during != NULL)
    status = azkb_cli_usage(context, "give --at or --during, not both");
  else if ((o.at != NULL || o.during != NULL) && (o.from || o.to))
    status =
      azkb_cli_usage(context, "give --at/--during or --from/--to, not both");
  else
    status = timeline(&data, &remote, argv[1], &o);
out:
  g_clear_pointer(&o.from, g_free);
  g_clear_pointer(&o.to, g_free);
  g_clear_pointer(&o.at, g_free);
  g_clear_pointer(&o.during, g_free);
  azkb_cli_data_clear(&data);
  azkb_cli_remote_read_clear(&remote);
  return status;
}
