/* Composing laid-out drawings: Graphviz's positions read back (its "dot"
 * output: pos, width, height, bb, in points), moved, and put together in
 * one graph that the "nop2" layout (neato -n2) renders as it is.  Small
 * multiples (multiples.c) are made so, and so is every diagram's legend:
 * it is laid out on its own and put where the drawing has room for it. */
#include "diagram-private.h"

#include <stdio.h>
#include <string.h>

#define MARGIN 8.0 /* points between the legend and the drawing */

static void
set(void *obj, const char *name, const char *value)
{
  agsafeset(obj, (char *)name, (char *)value, (char *)"");
}

void
azkb_extent_add(AzkbExtent *e, double x, double y)
{
  if (!e->any) {
    e->x0 = e->x1 = x;
    e->y0 = e->y1 = y;
    e->any        = TRUE;
    return;
  }
  e->x0 = MIN(e->x0, x);
  e->x1 = MAX(e->x1, x);
  e->y0 = MIN(e->y0, y);
  e->y1 = MAX(e->y1, y);
}

void
azkb_compose_number(GString *out, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append(out, g_ascii_formatd(buf, sizeof buf, "%.2f", v));
}

/* A Graphviz point list (a node's "x,y", a cluster's "x0,y0,x1,y1", an
 * edge's "e,x,y x,y x,y ..." with splines separated by ";") moved by
 * (@dx, @dy); every point also goes into @ext when it is not NULL.
 * (transfer full) */
char *
azkb_compose_shift(const char *text, double dx, double dy, AzkbExtent *ext)
{
  GString    *out = g_string_new(NULL);
  const char *p   = text;

  while (*p != '\0') {
    gsize            len   = strcspn(p, " ;");
    guint            index = 0;
    double           x     = 0;
    g_autofree char *token = g_strndup(p, len);
    g_auto(GStrv) parts    = g_strsplit(token, ",", -1);

    for (guint i = 0; parts[i] != NULL; i++) {
      char  *end;
      double v;

      if (i > 0)
        g_string_append_c(out, ',');
      v = g_ascii_strtod(parts[i], &end);
      if (end == parts[i] || *end != '\0') { /* "e" or "s": an arrow end */
        g_string_append(out, parts[i]);
        continue;
      }
      if (index++ % 2 == 0) {
        x = v + dx;
        azkb_compose_number(out, x);
      } else {
        azkb_compose_number(out, v + dy);
        if (ext != NULL)
          azkb_extent_add(ext, x, v + dy);
      }
    }
    p += len;
    if (*p != '\0')
      g_string_append_c(out, *p++);
  }
  return g_string_free(out, FALSE);
}

gboolean
azkb_compose_is_point_list(const char *name)
{
  return strcmp(name, "pos") == 0 || strcmp(name, "bb") == 0 ||
         strcmp(name, "lp") == 0 || strcmp(name, "xlp") == 0 ||
         strcmp(name, "head_lp") == 0 || strcmp(name, "tail_lp") == 0;
}

void
azkb_compose_set(Agraph_t   *root,
                 void       *obj,
                 const char *name,
                 const char *value,
                 gboolean    html)
{
  if (html) {
    char *interned = agstrdup_html(root, (char *)value);

    set(obj, name, interned);
    agstrfree(root, interned);
  } else
    set(obj, name, value);
}

double
azkb_compose_inches(void *obj, const char *name)
{
  const char *v = agget(obj, (char *)name);

  return v != NULL ? g_ascii_strtod(v, NULL) * 72.0 : 0;
}

void
azkb_compose_point(void *obj, double *x, double *y)
{
  const char *v = agget(obj, (char *)"pos");
  char       *end;

  *x = *y = 0;
  if (v == NULL)
    return;
  *x = g_ascii_strtod(v, &end);
  if (*end == ',')
    *y = g_ascii_strtod(end + 1, NULL);
}

/* The box of node @n of the laid-out union. */
void
azkb_extent_add_node(AzkbExtent *ext, Agnode_t *n, double dx, double dy)
{
  double x, y, w = azkb_compose_inches(n, "width") / 2,
               h = azkb_compose_inches(n, "height") / 2;

  azkb_compose_point(n, &x, &y);
  azkb_extent_add(ext, x + dx - w, y + dy - h);
  azkb_extent_add(ext, x + dx + w, y + dy + h);
}

char *
azkb_extent_text(const AzkbExtent *e)
{
  GString *out = g_string_new(NULL);

  azkb_compose_number(out, e->x0);
  g_string_append_c(out, ',');
  azkb_compose_number(out, e->y0);
  g_string_append_c(out, ',');
  azkb_compose_number(out, e->x1);
  g_string_append_c(out, ',');
  azkb_compose_number(out, e->y1);
  return g_string_free(out, FALSE);
}

void
azkb_compose_declare(Agraph_t *from, Agraph_t *to)
{
  static const int kinds[] = { AGRAPH, AGNODE, AGEDGE };

  for (guint k = 0; k < G_N_ELEMENTS(kinds); k++)
    for (Agsym_t *sym = agnxtattr(from, kinds[k], NULL); sym != NULL;
         sym          = agnxtattr(from, kinds[k], sym))
      agattr(to, kinds[k], sym->name, sym->defval);
}

void
azkb_compose_place(void *obj, double x, double y)
{
  g_autoptr(GString) pos = g_string_new(NULL);

  azkb_compose_number(pos, x);
  g_string_append_c(pos, ',');
  azkb_compose_number(pos, y);
  set(obj, "pos", pos->str);
}

/* ---- the legend ---- */

static gboolean
is_legend_node(Agnode_t *n)
{
  return g_str_has_prefix(agnameof(n), "legend/");
}

Agraph_t *
azkb_diagram_take_legend(Agraph_t *g)
{
  Agraph_t *cluster = agsubg(g, (char *)"cluster_legend", FALSE);
  Agraph_t *legend;
  Agraph_t *inner;
  Agnode_t *next;

  if (cluster == NULL)
    return NULL;
  legend = azkb_diagram_graph_open("legend");
  azkb_compose_declare(g, legend);
  /* Rows close together; a sample, its line and its text near. */
  agsafeset(legend, (char *)"ranksep", (char *)"0.12", (char *)"");
  agsafeset(legend, (char *)"nodesep", (char *)"0.08", (char *)"");
  inner = agsubg(legend, (char *)"cluster_legend", TRUE);
  azkb_compose_copy(g, cluster, inner, AGRAPH, 0, 0);
  for (Agnode_t *n = agfstnode(cluster); n != NULL; n = agnxtnode(cluster, n))
    azkb_compose_copy(g,
                      n,
                      agsubnode(inner, agnode(legend, agnameof(n), TRUE), TRUE),
                      AGNODE,
                      0,
                      0);
  for (Agnode_t *n = agfstnode(cluster); n != NULL; n = agnxtnode(cluster, n))
    for (Agedge_t *e = agfstout(g, n); e != NULL; e = agnxtout(g, e)) {
      Agnode_t *t = agnode(legend, agnameof(agtail(e)), FALSE);
      Agnode_t *h = agnode(legend, agnameof(aghead(e)), FALSE);

      if (t != NULL && h != NULL)
        azkb_compose_copy(g, e, agedge(legend, t, h, NULL, TRUE), AGEDGE, 0, 0);
    }
  for (Agnode_t *n = agfstnode(g); n != NULL; n = next) {
    next = agnxtnode(g, n);
    if (is_legend_node(n))
      agdelnode(g, n);
  }
  /* agdelsubg only unlinks a subgraph; agclose frees it too. */
  agclose(cluster);
  return legend;
}

void
azkb_compose_copy(Agraph_t *from_root,
                  void     *from,
                  void     *to,
                  int       kind,
                  double    dx,
                  double    dy)
{
  Agraph_t *to_root = agroot(to);

  for (Agsym_t *sym = agnxtattr(from_root, kind, NULL); sym != NULL;
       sym          = agnxtattr(from_root, kind, sym)) {
    const char *value = agxget(from, sym);
    Agsym_t    *there = agattr(to_root, kind, sym->name, NULL);

    /* Graphs declare their own defaults (gvc declares some itself), so a
     * value is compared with the one @to would have without it. */
    if (there != NULL && strcmp(value, there->defval) == 0 && kind != AGRAPH)
      continue;
    if (azkb_compose_is_point_list(sym->name) && (dx != 0 || dy != 0)) {
      g_autofree char *moved = azkb_compose_shift(value, dx, dy, NULL);
      set(to, sym->name, moved);
    } else
      azkb_compose_set(to_root, to, sym->name, value, aghtmlstr((char *)value));
  }
}

static gboolean
overlaps(const AzkbExtent *a, const AzkbExtent *b)
{
  return a->any && b->any && a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 &&
         b->y0 < a->y1;
}

/* The points of a Graphviz point list, arrow ends included. */
static GArray *
points_of(const char *text)
{
  g_auto(GStrv) tokens = g_strsplit_set(text ? text : "", " ;", -1);
  GArray *out          = g_array_new(FALSE, FALSE, sizeof(double));

  for (guint i = 0; tokens[i] != NULL; i++) {
    const char *p = tokens[i];
    char       *end;
    double      xy[2];

    if ((p[0] == 'e' || p[0] == 's') && p[1] == ',')
      p += 2;
    xy[0] = g_ascii_strtod(p, &end);
    if (end == p || *end != ',')
      continue;
    xy[1] = g_ascii_strtod(end + 1, NULL);
    g_array_append_vals(out, xy, 2);
  }
  return out;
}

/* Does anything of @laid lie in @r: a node, a cluster's box, or the hull
 * of a piece of an edge (each Bezier piece lies within its four control
 * points)? */
static gboolean
is_free(Agraph_t *laid, const AzkbExtent *r)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new();

  for (Agnode_t *n = agfstnode(laid); n != NULL; n = agnxtnode(laid, n)) {
    AzkbExtent box = { 0 };

    azkb_extent_add_node(&box, n, 0, 0);
    if (overlaps(&box, r))
      return FALSE;
    for (Agedge_t *e = agfstout(laid, n); e != NULL; e = agnxtout(laid, e)) {
      g_autoptr(GArray) xy = points_of(agget(e, (char *)"pos"));
      guint n_points       = xy->len / 2;

      for (guint i = 0; i < n_points; i += 3) {
        AzkbExtent piece = { 0 };

        for (guint k = i; k < MIN(i + 4, n_points); k++)
          azkb_extent_add(&piece,
                          g_array_index(xy, double, 2 * k),
                          g_array_index(xy, double, 2 * k + 1));
        if (overlaps(&piece, r))
          return FALSE;
      }
    }
  }
  g_ptr_array_add(stack, laid);
  while (stack->len > 0) {
    Agraph_t *g = g_ptr_array_steal_index(stack, stack->len - 1);

    for (Agraph_t *s = agfstsubg(g); s != NULL; s = agnxtsubg(s)) {
      const char *bb  = agget(s, (char *)"bb");
      AzkbExtent  box = { 0 };

      if (bb != NULL && *bb != '\0') {
        g_autofree char *ignored = azkb_compose_shift(bb, 0, 0, &box);
        if (overlaps(&box, r))
          return FALSE;
      }
      g_ptr_array_add(stack, s);
    }
  }
  return TRUE;
}

static AzkbExtent
bb_of(Agraph_t *g)
{
  const char      *bb  = agget(g, (char *)"bb");
  AzkbExtent       box = { 0 };
  g_autofree char *ignored =
    azkb_compose_shift(bb != NULL ? bb : "", 0, 0, &box);

  return box;
}

void
azkb_diagram_legend_place(Agraph_t *laid,
                          Agraph_t *legend,
                          double   *dx,
                          double   *dy)
{
  AzkbExtent d = bb_of(laid);
  AzkbExtent l = bb_of(legend);
  double     w = l.x1 - l.x0, h = l.y1 - l.y0;
  /* Top left, top right, bottom right, bottom left. */
  const double corners[4][2] = { { d.x0, d.y1 - h },
                                 { d.x1 - w, d.y1 - h },
                                 { d.x1 - w, d.y0 },
                                 { d.x0, d.y0 } };

  for (guint i = 0; i < 4 && w <= d.x1 - d.x0 && h <= d.y1 - d.y0; i++) {
    AzkbExtent r = { corners[i][0] - MARGIN,
                     corners[i][1] - MARGIN,
                     corners[i][0] + w + MARGIN,
                     corners[i][1] + h + MARGIN,
                     TRUE };

    if (is_free(laid, &r)) {
      *dx = corners[i][0] - l.x0;
      *dy = corners[i][1] - l.y0;
      return;
    }
  }
  /* No room inside: below the drawing at its left, which widens it only
   * when the legend is wider than the whole drawing. */
  *dx = d.x0 - l.x0;
  *dy = d.y0 - 2 * MARGIN - h - l.y0;
}

/* ---- arranging the legend ---- */

enum {
  CELL        = 30, /* a sample's width, and a line's length */
  CELL_GAP    = 8,  /* from a sample to its text */
  COLUMN      = 18, /* between columns */
  PAD         = 8,
  TITLE       = 24,
  MIN_ROW     = 18,
  ROW_GAP     = 4,
  MAX_ROWS    = 6, /* rows a column holds before the legend takes another */
  MAX_COLUMNS = 4,
};

typedef struct {
  guint     row;
  Agnode_t *sample, *start, *end, *text;
} Row;

static int
by_row(gconstpointer a, gconstpointer b)
{
  const Row *x = a, *y = b;

  return x->row < y->row ? -1 : x->row > y->row;
}

/* The rows of the legend by number ("legend/N/text"). */
static GArray *
legend_rows(Agraph_t *legend)
{
  g_autoptr(GHashTable) index = g_hash_table_new(NULL, NULL);
  GArray *rows                = g_array_new(FALSE, TRUE, sizeof(Row));

  for (Agnode_t *n = agfstnode(legend); n != NULL; n = agnxtnode(legend, n)) {
    guint    row;
    char     kind[16];
    gpointer at;
    Row     *r;

    if (sscanf(agnameof(n), "legend/%u/%15s", &row, kind) != 2)
      continue;
    if (!g_hash_table_lookup_extended(
          index, GUINT_TO_POINTER(row + 1), NULL, &at)) {
      g_array_append_val(rows, ((Row){ .row = row }));
      at = GUINT_TO_POINTER(rows->len);
      g_hash_table_insert(index, GUINT_TO_POINTER(row + 1), at);
    }
    r = &g_array_index(rows, Row, GPOINTER_TO_UINT(at) - 1);
    if (strcmp(kind, "sample") == 0)
      r->sample = n;
    else if (strcmp(kind, "start") == 0)
      r->start = n;
    else if (strcmp(kind, "end") == 0)
      r->end = n;
    else if (strcmp(kind, "text") == 0)
      r->text = n;
  }
  g_array_sort(rows, by_row);
  return rows;
}

static double
row_height(const Row *r)
{
  return MAX(r->text ? azkb_compose_inches(r->text, "height") : 0, MIN_ROW) +
         ROW_GAP;
}

/* Columns of rows, @k of them: the width, and each column's width. */
static double
columns_width(GArray *rows, guint k, double *widths)
{
  guint  per   = (rows->len + k - 1) / k;
  double total = 2 * PAD + (k - 1) * COLUMN;

  for (guint c = 0; c < k; c++) {
    widths[c] = 0;
    for (guint i = c * per; i < MIN(rows->len, (c + 1) * per); i++) {
      const Row *r = &g_array_index(rows, Row, i);

      if (r->text != NULL)
        widths[c] = MAX(widths[c], azkb_compose_inches(r->text, "width"));
    }
    widths[c] += CELL + CELL_GAP;
    total += widths[c];
  }
  return total;
}

/* The sample line of a relation: straight from its start to its end,
 * with the arrow at the end. */
static void
straighten(Agnode_t *start, Agnode_t *end)
{
  Agedge_t *e = agedge(agroot(start), start, end, NULL, FALSE);
  double    x0, y0, x1, y1;
  GString  *pos = g_string_new("e,");

  if (e == NULL)
    return;
  azkb_compose_point(start, &x0, &y0);
  azkb_compose_point(end, &x1, &y1);
  azkb_compose_number(pos, x1);
  g_string_append_c(pos, ',');
  azkb_compose_number(pos, y1);
  for (int k = 0; k < 4; k++) {
    g_string_append_c(pos, ' ');
    azkb_compose_number(pos, x0 + (x1 - 6 - x0) * k / 3.0);
    g_string_append_c(pos, ',');
    azkb_compose_number(pos, y0);
  }
  agsafeset(e, (char *)"pos", pos->str, (char *)"");
  g_string_free(pos, TRUE);
}

void
azkb_diagram_legend_arrange(Agraph_t *legend, double max_width)
{
  Agraph_t *cluster      = agsubg(legend, (char *)"cluster_legend", FALSE);
  g_autoptr(GArray) rows = legend_rows(legend);
  double     widths[MAX_COLUMNS];
  double     width, height = 0, x = PAD;
  AzkbExtent old = { 0 }, box = { 0 };
  guint      k, per;

  if (cluster == NULL || rows->len == 0)
    return;
  /* As many columns as fit the drawing's width: the fewer rows, the less
   * height the legend adds below a drawing. */
  k = MIN(MAX_COLUMNS, rows->len);
  while (k > 1 && columns_width(rows, k, widths) > max_width)
    k--;
  width = columns_width(rows, k, widths);
  per   = (rows->len + k - 1) / k;
  for (guint c = 0; c < k; c++) {
    double y = -TITLE;

    for (guint i = c * per; i < MIN(rows->len, (c + 1) * per); i++) {
      const Row *r  = &g_array_index(rows, Row, i);
      double     h  = row_height(r);
      double     cy = y - h / 2;

      if (r->sample != NULL)
        azkb_compose_place(r->sample, x + CELL / 2.0, cy);
      if (r->start != NULL && r->end != NULL) {
        azkb_compose_place(r->start, x, cy);
        azkb_compose_place(r->end, x + CELL, cy);
        straighten(r->start, r->end);
      }
      if (r->text != NULL)
        azkb_compose_place(r->text,
                           x + CELL + CELL_GAP +
                             azkb_compose_inches(r->text, "width") / 2,
                           cy);
      y -= h;
    }
    height = MAX(height, -y);
    x += widths[c] + COLUMN;
  }
  /* As wide as the title needs, as dot made it. */
  {
    const char      *bb      = agget(cluster, (char *)"bb");
    g_autofree char *ignored = azkb_compose_shift(bb ? bb : "", 0, 0, &old);
    g_autofree char *text    = NULL;
    GString         *lp      = g_string_new(NULL);

    if (old.any)
      width = MAX(width, old.x1 - old.x0);
    azkb_extent_add(&box, 0, 0);
    azkb_extent_add(&box, width, -(height + PAD));
    text = azkb_extent_text(&box);
    agsafeset(cluster, (char *)"bb", text, (char *)"");
    agsafeset(legend, (char *)"bb", text, (char *)"");
    azkb_compose_number(lp, width / 2);
    g_string_append_c(lp, ',');
    azkb_compose_number(lp, -TITLE / 2.0);
    agsafeset(cluster, (char *)"lp", lp->str, (char *)"");
    g_string_free(lp, TRUE);
  }
}

void
azkb_diagram_add_legend(Agraph_t *laid, Agraph_t *legend, double dx, double dy)
{
  Agraph_t        *from = agsubg(legend, (char *)"cluster_legend", FALSE);
  Agraph_t        *into;
  AzkbExtent       all = bb_of(laid);
  AzkbExtent       box = bb_of(legend);
  g_autofree char *bb  = NULL;

  if (from == NULL)
    return;
  into = agsubg(laid, (char *)"cluster_legend", TRUE);
  azkb_compose_copy(legend, from, into, AGRAPH, dx, dy);
  for (Agnode_t *n = agfstnode(legend); n != NULL; n = agnxtnode(legend, n))
    azkb_compose_copy(legend,
                      n,
                      agsubnode(into, agnode(laid, agnameof(n), TRUE), TRUE),
                      AGNODE,
                      dx,
                      dy);
  /* Only the sample lines are drawn: the other edges are invisible and
   * only held the rows together. */
  for (Agnode_t *n = agfstnode(legend); n != NULL; n = agnxtnode(legend, n))
    for (Agedge_t *e = agfstout(legend, n); e != NULL; e = agnxtout(legend, e))
      if (g_str_has_suffix(agnameof(n), "/start") &&
          g_str_has_suffix(agnameof(aghead(e)), "/end"))
        azkb_compose_copy(legend,
                          e,
                          agedge(laid,
                                 agnode(laid, agnameof(agtail(e)), FALSE),
                                 agnode(laid, agnameof(aghead(e)), FALSE),
                                 NULL,
                                 TRUE),
                          AGEDGE,
                          dx,
                          dy);
  azkb_extent_add(&all, box.x0 + dx, box.y0 + dy);
  azkb_extent_add(&all, box.x1 + dx, box.y1 + dy);
  bb = azkb_extent_text(&all);
  agsafeset(laid, (char *)"bb", bb, (char *)"");
}
