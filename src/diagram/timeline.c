/* A diagram of time: an entity's dated statements as a Gantt-style chart.
 *
 * One row per statement, grouped by relation and then by the other entity
 * (rows of one group are adjacent; the relation is written on the group's
 * first row), time running left to right with the years on an axis above
 * and below.  A term is a bar from its first to its last day, a point in
 * time a diamond, an open end ("since 1999") a bar to the present ending in
 * an arrow, an unknown end a diamond at the start with a dashed stub.
 * Every mark's tooltip is the statement with its sources.
 *
 * The chart is a cgraph graph whose every node has a fixed position
 * (`pos` with `!`); it is rendered by gvc with the "nop" layout (neato -n),
 * which keeps the positions and draws the grid lines straight.  So the
 * timeline goes through the same DOT, SVG, PNG and PDF path as the other
 * diagrams. */
#include "diagram-private.h"

#include <string.h>

enum {
  LABEL_COLUMN = 340, /* points: the row labels */
  ROW          = 18,  /* points between rows */
  MARGIN       = 30,
};
#define BAR_HEIGHT "0.15"

typedef struct {
  AzkbStmtId    id;
  AzkbStatement st;
  AzkbTermId    other;   /* the entity at the other end */
  gboolean      forward; /* the entity is the subject */
  gint32        first;   /* day numbers of the span */
  gint32        last;
} Row;

typedef struct {
  AzkbStore *store;
  AzkbDate   present; /* where open ends run to */
  AzkbTermId entity;
  Agraph_t  *g;
  gint32     day0;    /* day of x = LABEL_COLUMN */
  double     per_day; /* points per day */
  guint      n_marks;
} Chart;

static void
set(void *obj, const char *name, const char *value)
{
  agsafeset(obj, (char *)name, (char *)value, (char *)"");
}

static const char *
name_of(const Chart *c, AzkbTermId term)
{
  return azkb_store_term_name(c->store, term);
}

static int
by_row(gconstpointer a, gconstpointer b, gpointer data)
{
  const Chart *c = data;
  const Row   *x = a;
  const Row   *y = b;
  int          r;

  if (x->forward != y->forward)
    return x->forward ? -1 : 1;
  if ((r = strcmp(name_of(c, x->st.relation), name_of(c, y->st.relation))))
    return r;
  if ((r = strcmp(azkb_store_display_name(c->store, x->other),
                  azkb_store_display_name(c->store, y->other))))
    return r;
  if (x->first != y->first)
    return x->first < y->first ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static void
collect(Chart          *c,
        const AzkbEdge *edges,
        gsize           n,
        gboolean        forward,
        GArray         *rows)
{
  for (gsize i = 0; i < n; i++) {
    Row row = { .id      = edges[i].stmt,
                .other   = edges[i].other,
                .forward = forward };

    if (!azkb_store_get_statement(c->store, row.id, &row.st) ||
        !azkb_interval_span_at(
          &row.st.time, &c->present, &row.first, &row.last))
      continue;
    if (azkb_store_term_kind(c->store, row.other) & AZKB_TERM_LITERAL)
      continue;
    g_array_append_val(rows, row);
  }
}

static char *
position(double x, double y)
{
  return g_strdup_printf("%.1f,%.1f!", x, y);
}

static double
x_of(const Chart *c, gint32 day)
{
  return LABEL_COLUMN + (day - c->day0) * c->per_day;
}

static Agnode_t *
mark(Chart *c, double x, double y, const char *shape, double width)
{
  g_autofree char *name = g_strdup_printf("mark%u", c->n_marks++);
  g_autofree char *pos  = position(x, y);
  g_autofree char *w    = g_strdup_printf("%.3f", width / 72.0);
  Agnode_t        *n    = agnode(c->g, name, TRUE);

  set(n, "pos", pos);
  set(n, "shape", shape);
  set(n, "width", w);
  set(n, "height", BAR_HEIGHT);
  set(n, "fixedsize", "true");
  set(n, "label", "");
  set(n, "style", "filled");
  return n;
}

static Agnode_t *
text(Chart *c, double x, double y, const char *label, double width)
{
  Agnode_t *n = mark(c, x, y, "plaintext", width);

  set(n, "label", label);
  set(n, "style", "");
  set(n, "height", "0.2");
  return n;
}

/* "Azerbaijan electedTo ECOSOC: 2003–2005 [P7]" */
static char *
tooltip(const Chart *c, const Row *row)
{
  g_autofree char *when =
    azkb_interval_to_string(&row->st.time, AZKB_TIME_STYLE_HUMAN);
  g_autoptr(GArray) sources = azkb_store_statement_sources(c->store, row->id);
  g_autoptr(GString) out    = g_string_new(NULL);

  g_string_append_printf(out,
                         "%s %s %s: %s",
                         azkb_store_display_name(c->store, row->st.subject),
                         name_of(c, row->st.relation),
                         azkb_store_display_name(c->store, row->st.object),
                         when);
  for (guint k = 0; k < sources->len; k++)
    g_string_append_printf(out,
                           "%s%s%s",
                           k == 0 ? " [" : ", ",
                           name_of(c, g_array_index(sources, AzkbTermId, k)),
                           k + 1 == sources->len ? "]" : "");
  return azkb_diagram_dot_tooltip(out->str);
}

static void
draw_row(Chart *c, const Row *row, const Row *previous, double y)
{
  const char      *rel     = name_of(c, row->st.relation);
  const char      *colour  = azkb_diagram_edge_style(rel)->colour;
  g_autofree char *tip     = tooltip(c, row);
  g_autofree char *what    = NULL;
  g_autofree char *label   = NULL;
  g_autofree char *escaped = NULL;
  double           x0      = x_of(c, row->first);
  double           x1      = x_of(c, row->last + 1);
  gboolean         open    = row->st.time.end_bound == AZKB_BOUND_OPEN;
  gboolean         unknown_end =
    row->st.time.end_bound == AZKB_BOUND_UNKNOWN && !row->st.time.is_point;
  Agnode_t *n;

  /* The relation on the first row of its group; the other end on every
   * row, so each bar can be read alone. */
  what    = g_strdup_printf("%s%s %s",
                         previous != NULL &&
                             previous->st.relation == row->st.relation &&
                             previous->forward == row->forward
                              ? ""
                              : rel,
                         row->forward ? " →" : " ←",
                         azkb_store_display_name(c->store, row->other));
  escaped = azkb_diagram_dot_label(what, 56);
  /* Right-aligned, next to the bars (Graphviz's \r ends a line so). */
  label = g_strconcat(escaped, "\\r", NULL);
  n     = text(c, LABEL_COLUMN / 2.0, y, label, LABEL_COLUMN - 10);
  set(n, "tooltip", tip);
  /* A day is too short for a bar: a point in time for the eye. */
  if (row->st.time.is_point || unknown_end || (x1 - x0 < 6 && !open)) {
    n = mark(c, x0, y, "diamond", 9);
    if (unknown_end)
      set(n, "style", "dashed,filled");
  } else {
    n = mark(c, (x0 + x1) / 2, y, "box", MAX(x1 - x0, 2.0));
    if (open) {
      Agnode_t *arrow = mark(c, x1 + 6, y, "rarrow", 14);

      set(arrow, "fillcolor", colour);
      set(arrow, "color", colour);
      set(arrow, "tooltip", tip);
    }
  }
  set(n, "fillcolor", colour);
  set(n, "color", colour);
  set(n, "tooltip", tip);
  set(n, "class", rel);
}

/* Years on an axis above and below the rows, with a faint line across. */
static void
draw_axis(Chart *c,
          gint32 first_year,
          gint32 last_year,
          double top,
          double bottom)
{
  gint32 span = last_year - first_year + 1;
  gint32 step = span <= 15 ? 1 : span <= 40 ? 5 : 10;

  for (gint32 year = first_year; year <= last_year + 1; year++) {
    AzkbDate         d     = azkb_date_make(year, 0, 0);
    double           x     = x_of(c, azkb_date_first_day(&d));
    g_autofree char *label = g_strdup_printf("%d", year);
    Agnode_t        *a, *b;
    Agedge_t        *e;

    if (year % step != 0)
      continue;
    a = text(c, x, top, label, 30);
    b = text(c, x, bottom, label, 30);
    set(a, "fontcolor", "#555555");
    set(b, "fontcolor", "#555555");
    e = agedge(c->g, a, b, NULL, TRUE);
    set(e, "color", "#DDDDDD");
    set(e, "arrowhead", "none");
  }
}

AzkbDiagram *
azkb_diagram_timeline_new(AzkbStore      *store,
                          const char     *entity,
                          const char     *title,
                          const AzkbDate *present,
                          GError        **error)
{
  g_autoptr(GArray) rows = g_array_new(FALSE, FALSE, sizeof(Row));
  Chart            c     = { .store = store };
  gint32           first = G_MAXINT32;
  gint32           last  = G_MININT32;
  gint32           first_year, last_year;
  AzkbDate         date = { 0 };
  gsize            n;
  const AzkbEdge  *edges;
  AzkbDiagram     *diagram;
  double           y;
  g_autofree char *heading = NULL;

  c.present = present != NULL ? *present : azkb_time_today();
  c.entity  = azkb_store_resolve(store, entity, AZKB_TERM_ENTITY, error);
  if (c.entity == 0)
    return NULL;
  edges = azkb_store_out_edges(store, c.entity, 0, &n);
  collect(&c, edges, n, TRUE, rows);
  edges = azkb_store_in_edges(store, c.entity, 0, &n);
  collect(&c, edges, n, FALSE, rows);
  if (rows->len == 0) {
    g_set_error(error,
                AZKB_DIAGRAM_ERROR,
                AZKB_DIAGRAM_ERROR_EMPTY,
                "nothing to draw: %s has no dated statement",
                azkb_store_display_name(store, c.entity));
    return NULL;
  }
  g_array_sort_with_data(rows, by_row, &c);
  for (guint i = 0; i < rows->len; i++) {
    first = MIN(first, g_array_index(rows, Row, i).first);
    last  = MAX(last, g_array_index(rows, Row, i).last);
  }
  /* Whole years on the axis, from the first year to the last. */
  first_year = 1;
  for (gint32 y0 = 1; y0 <= 9999; y0 += 1) {
    date = azkb_date_make(y0, 0, 0);
    if (azkb_date_last_day(&date) >= first) {
      first_year = y0;
      break;
    }
  }
  last_year = first_year;
  for (gint32 y1 = first_year; y1 <= 9999; y1++) {
    date      = azkb_date_make(y1, 0, 0);
    last_year = y1;
    if (azkb_date_last_day(&date) >= last)
      break;
  }
  date      = azkb_date_make(first_year, 0, 0);
  c.day0    = azkb_date_first_day(&date);
  c.per_day = MAX(24.0, 900.0 / (last_year - first_year + 1)) / 365.2425;
  heading   = g_strdup_printf(
    "%s", title ? title : azkb_store_display_name(store, c.entity));
  c.g = azkb_diagram_graph_open("timeline");
  agattr(c.g, AGRAPH, (char *)"fontname", (char *)"Helvetica");
  agattr(c.g, AGNODE, (char *)"fontname", (char *)"Helvetica");
  agattr(c.g, AGNODE, (char *)"fontsize", (char *)"9");
  agattr(c.g, AGNODE, (char *)"penwidth", (char *)"0.8");
  agattr(c.g, AGEDGE, (char *)"penwidth", (char *)"0.5");
  agattr(c.g, AGRAPH, (char *)"outputorder", (char *)"edgesfirst");
  agattr(c.g, AGRAPH, (char *)"splines", (char *)"line");
  y = MARGIN + ROW * (rows->len + 2);
  {
    g_autofree char *label = azkb_diagram_dot_label(heading, 120);
    /* Centred over the whole chart, as wide as it. */
    double right =
      LABEL_COLUMN + (last_year - first_year + 1) * 365.2425 * c.per_day;
    Agnode_t *h = text(&c, right / 2.0, y + ROW, label, right);

    set(h, "fontsize", "12");
  }
  draw_axis(&c, first_year, last_year, y, MARGIN);
  for (guint i = 0; i < rows->len; i++) {
    y -= ROW;
    draw_row(&c,
             &g_array_index(rows, Row, i),
             i ? &g_array_index(rows, Row, i - 1) : NULL,
             y);
  }
  diagram          = g_new0(AzkbDiagram, 1);
  diagram->store   = azkb_store_ref(store);
  diagram->graph   = c.g;
  diagram->n_nodes = rows->len;
  diagram->layout  = "nop";
  return diagram;
}
