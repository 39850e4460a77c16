/* Small multiples: several snapshots of one selection side by side, each
 * node at the same place in every panel.
 *
 * dot.c builds the union of the panels' selections as one graph and notes
 * which panels each node, edge and label belongs to (AzkbPanels).  Here
 * that graph is laid out once through gvc; its positions (Graphviz's "dot"
 * output: pos, width, height, bb, in points) are read back, and a new
 * graph is made in which panel i holds a copy of what is drawn at time i,
 * shifted right by i panel widths, the labels saying only the times valid
 * there.  Every node of it has a position and every edge its spline, so
 * it is rendered with the "nop2" layout (neato -n2), which draws them as
 * they are: one node, one place, whatever panel it is in. */
#include "diagram-private.h"

#include <string.h>

#define GAP 36.0 /* points between panels, and above the legend */
#define TITLE_SIZE "14"

static void
set(void *obj, const char *name, const char *value)
{
  agsafeset(obj, (char *)name, (char *)value, (char *)"");
}

char *
azkb_diagram_panel_edge_key(const char *tail, const char *head, const char *key)
{
  return g_strdup_printf("%s\n%s\n%s", tail, head, key ? key : "");
}

/* "edgelabel memberOf within-UN" in panel "p1/" is
 * "edgelabel memberOf within-p1/UN": the clusters are the panel's. */
static char *
panel_class(const char *cls, const char *prefix)
{
  g_auto(GStrv) words = g_strsplit(cls, " ", -1);
  GString *out        = g_string_new(NULL);

  for (guint i = 0; words[i] != NULL; i++) {
    if (i > 0)
      g_string_append_c(out, ' ');
    if (g_str_has_prefix(words[i], "within-"))
      g_string_append_printf(
        out, "within-%s%s", prefix, words[i] + strlen("within-"));
    else
      g_string_append(out, words[i]);
  }
  return g_string_free(out, FALSE);
}

typedef struct {
  const AzkbPanels *panels;
  Agraph_t         *laid; /* the union, laid out */
  Agraph_t         *out;  /* the panels */
  guint             panel;
  const char       *prefix; /* "p1/" */
  double            dx, dy;
} Panel;

/* The attributes of @from (of @kind) that differ from their default, on
 * @to: positions moved into the panel, classes naming the panel's
 * clusters, and the label the panel has, if it has its own. */
static void
copy_attrs(const Panel         *p,
           void                *from,
           void                *to,
           int                  kind,
           const AzkbPanelInfo *info)
{
  for (Agsym_t *sym = agnxtattr(p->laid, kind, NULL); sym != NULL;
       sym          = agnxtattr(p->laid, kind, sym)) {
    const char *value = agxget(from, sym);

    if (strcmp(sym->name, "label") == 0 && info != NULL &&
        info->labels != NULL && info->labels[p->panel] != NULL) {
      azkb_compose_set(p->out, to, "label", info->labels[p->panel], info->html);
      continue;
    }
    if (strcmp(value, sym->defval) == 0)
      continue;
    if (azkb_compose_is_point_list(sym->name)) {
      g_autofree char *moved = azkb_compose_shift(value, p->dx, p->dy, NULL);
      set(to, sym->name, moved);
    } else if (strcmp(sym->name, "class") == 0) {
      g_autofree char *cls = panel_class(value, p->prefix);
      set(to, "class", cls);
    } else
      azkb_compose_set(p->out, to, sym->name, value, aghtmlstr((char *)value));
  }
}

static Agnode_t *
panel_node(const Panel *p, Agnode_t *n, gboolean create)
{
  g_autofree char *name = g_strconcat(p->prefix, agnameof(n), NULL);

  return agnode(p->out, name, create);
}

/* A cluster of a panel encloses what the panel draws of it, not the
 * union's whole box (a grey box of empty space says nothing): its nodes
 * and its clusters, with a margin.  @clusters is (union cluster, panel
 * cluster) pairs in pre-order, so walked backwards every cluster comes
 * after the clusters inside it. */
static void
fit_clusters(const Panel *p, GPtrArray *clusters)
{
  g_autoptr(GHashTable) boxes = g_hash_table_new_full(NULL, NULL, NULL, g_free);

  for (guint i = clusters->len; i >= 2; i -= 2) {
    Agraph_t        *from = g_ptr_array_index(clusters, i - 2);
    Agraph_t        *copy = g_ptr_array_index(clusters, i - 1);
    AzkbExtent      *ext  = g_new0(AzkbExtent, 1);
    g_autofree char *bb   = NULL;

    for (Agnode_t *n = agfstnode(from); n != NULL; n = agnxtnode(from, n))
      if (panel_node(p, n, FALSE) != NULL)
        azkb_extent_add_node(ext, n, p->dx, p->dy);
    for (Agraph_t *s = agfstsubg(copy); s != NULL; s = agnxtsubg(s)) {
      const AzkbExtent *inner = g_hash_table_lookup(boxes, s);

      if (inner != NULL && inner->any) {
        azkb_extent_add(ext, inner->x0, inner->y0);
        azkb_extent_add(ext, inner->x1, inner->y1);
      }
    }
    if (!ext->any) {
      g_free(ext);
      continue;
    }
    ext->x0 -= 8;
    ext->y0 -= 8;
    ext->x1 += 8;
    ext->y1 += 8;
    bb = azkb_extent_text(ext);
    set(copy, "bb", bb);
    g_hash_table_insert(boxes, copy, ext);
  }
}

/* The clusters of the panel, nested as in the union, each holding the
 * panel's copies of its nodes.  Walked with a stack: the nesting depth is
 * the data's. */
static void
copy_clusters(const Panel *p)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new();
  g_autoptr(GPtrArray) made  = g_ptr_array_new();

  g_ptr_array_add(stack, p->laid);
  g_ptr_array_add(stack, p->out);
  while (stack->len > 0) {
    Agraph_t *into = g_ptr_array_steal_index(stack, stack->len - 1);
    Agraph_t *from = g_ptr_array_steal_index(stack, stack->len - 1);

    for (Agraph_t *s = agfstsubg(from); s != NULL; s = agnxtsubg(s)) {
      const char          *name = agnameof(s);
      const AzkbPanelInfo *info;
      g_autofree char     *copy_name = NULL;
      Agraph_t            *copy;

      if (!g_str_has_prefix(name, "cluster_"))
        continue;
      /* A container is drawn in the panels where its node is. */
      info = g_hash_table_lookup(p->panels->nodes, name + strlen("cluster_"));
      if (info == NULL || (info->mask & (1u << p->panel)) == 0)
        continue;
      copy_name =
        g_strdup_printf("cluster_%s%s", p->prefix, name + strlen("cluster_"));
      copy = agsubg(into, copy_name, TRUE);
      copy_attrs(p, s, copy, AGRAPH, NULL);
      for (Agnode_t *n = agfstnode(s); n != NULL; n = agnxtnode(s, n)) {
        Agnode_t *mine = panel_node(p, n, FALSE);

        if (mine != NULL)
          agsubnode(copy, mine, TRUE);
      }
      g_ptr_array_add(made, s);
      g_ptr_array_add(made, copy);
      g_ptr_array_add(stack, s);
      g_ptr_array_add(stack, copy);
    }
  }
  fit_clusters(p, made);
}

static void
draw_panel(const Panel *p)
{
  guint32 bit = 1u << p->panel;

  for (Agnode_t *n = agfstnode(p->laid); n != NULL; n = agnxtnode(p->laid, n)) {
    const AzkbPanelInfo *info =
      g_hash_table_lookup(p->panels->nodes, agnameof(n));

    if (info != NULL && (info->mask & bit) != 0)
      copy_attrs(p, n, panel_node(p, n, TRUE), AGNODE, info);
  }
  for (Agnode_t *n = agfstnode(p->laid); n != NULL; n = agnxtnode(p->laid, n))
    for (Agedge_t *e = agfstout(p->laid, n); e != NULL;
         e           = agnxtout(p->laid, e)) {
      g_autofree char *key = azkb_diagram_panel_edge_key(
        agnameof(agtail(e)), agnameof(aghead(e)), agnameof(e));
      const AzkbPanelInfo *info = g_hash_table_lookup(p->panels->edges, key);
      Agnode_t            *tail = panel_node(p, agtail(e), FALSE);
      Agnode_t            *head = panel_node(p, aghead(e), FALSE);

      if (info == NULL || (info->mask & bit) == 0 || tail == NULL ||
          head == NULL)
        continue;
      copy_attrs(
        p, e, agedge(p->out, tail, head, agnameof(e), TRUE), AGEDGE, NULL);
    }
  copy_clusters(p);
}

/* Where the union's drawing is: nodes with their
 * sizes, edge splines and clusters. */
static AzkbExtent
content_extent(Agraph_t *laid)
{
  AzkbExtent ext             = { 0 };
  g_autoptr(GPtrArray) stack = g_ptr_array_new();

  for (Agnode_t *n = agfstnode(laid); n != NULL; n = agnxtnode(laid, n)) {
    azkb_extent_add_node(&ext, n, 0, 0);
    for (Agedge_t *e = agfstout(laid, n); e != NULL; e = agnxtout(laid, e)) {
      const char *pos = agget(e, (char *)"pos");

      if (pos != NULL) {
        g_autofree char *ignored = azkb_compose_shift(pos, 0, 0, &ext);
      }
    }
  }
  g_ptr_array_add(stack, laid);
  while (stack->len > 0) {
    Agraph_t *g = g_ptr_array_steal_index(stack, stack->len - 1);

    for (Agraph_t *s = agfstsubg(g); s != NULL; s = agnxtsubg(s)) {
      const char *bb = agget(s, (char *)"bb");

      if (bb != NULL && *bb != '\0') {
        g_autofree char *ignored = azkb_compose_shift(bb, 0, 0, &ext);
      }
      g_ptr_array_add(stack, s);
    }
  }
  return ext;
}

/* "2005", "2012–2013", "4 May 2012" over each panel. */
static void
add_title(Agraph_t           *out,
          const AzkbInterval *time,
          guint               panel,
          double              x,
          double              y)
{
  g_autofree char *name  = g_strdup_printf("title/p%u", panel + 1);
  g_autofree char *when  = azkb_interval_to_string(time, AZKB_TIME_STYLE_HUMAN);
  g_autofree char *label = azkb_diagram_dot_label(when, 60);
  Agnode_t        *n     = agnode(out, name, TRUE);

  set(n, "label", label);
  set(n, "shape", "plaintext");
  set(n, "fontsize", TITLE_SIZE);
  set(n, "class", "panel-title");
  set(n, "tooltip", label);
  azkb_compose_place(n, x, y);
}

AzkbDiagram *
azkb_diagram_compose_panels(AzkbDiagram      *whole,
                            const AzkbPanels *panels,
                            const char       *layout,
                            GError          **error)
{
  g_autofree char *legend_text = NULL;
  g_autofree char *text =
    azkb_diagram_layout_text(whole, layout, &legend_text, error);
  Agraph_t    *laid;
  Agraph_t    *out;
  AzkbExtent   ext, all = { 0 };
  double       width;
  AzkbDiagram *diagram;

  if (text == NULL)
    return NULL;
  laid = azkb_diagram_parse_dot(text);
  if (laid == NULL) {
    g_set_error(error,
                AZKB_DIAGRAM_ERROR,
                AZKB_DIAGRAM_ERROR_LAYOUT,
                "cannot read the laid-out diagram back");
    return NULL;
  }
  out = azkb_diagram_graph_open(agnameof(laid));
  azkb_compose_declare(laid, out);
  ext   = content_extent(laid);
  width = ext.x1 - ext.x0;
  for (guint i = 0; i < panels->n; i++) {
    g_autofree char *prefix = g_strdup_printf("p%u/", i + 1);
    Panel            p      = { .panels = panels,
                                .laid   = laid,
                                .out    = out,
                                .panel  = i,
                                .prefix = prefix,
                                .dx     = i * (width + GAP) - ext.x0,
                                .dy     = -ext.y0 };

    draw_panel(&p);
    add_title(out,
              &panels->times[i],
              i,
              i * (width + GAP) + width / 2,
              ext.y1 - ext.y0 + 16);
  }
  azkb_extent_add(&all, 0, 0);
  azkb_extent_add(&all, panels->n * (width + GAP) - GAP, ext.y1 - ext.y0 + 28);
  {
    g_autofree char *bb = azkb_extent_text(&all);

    set(out, "bb", bb);
  }
  /* One legend for every panel, below them at the left. */
  if (legend_text != NULL) {
    Agraph_t        *legend = azkb_diagram_parse_dot(legend_text);
    AzkbExtent       box    = { 0 };
    const char      *lbb;
    g_autofree char *ignored = NULL;

    if (legend != NULL)
      azkb_diagram_legend_arrange(legend, all.x1 - all.x0);
    lbb     = legend ? agget(legend, (char *)"bb") : NULL;
    ignored = azkb_compose_shift(lbb ? lbb : "", 0, 0, &box);
    if (legend != NULL && box.any)
      azkb_diagram_add_legend(
        out, legend, -box.x0, -GAP / 2 - (box.y1 - box.y0) - box.y0);
    if (legend != NULL)
      agclose(legend);
  }
  agclose(laid);
  diagram             = g_new0(AzkbDiagram, 1);
  diagram->store      = azkb_store_ref(whole->store);
  diagram->graph      = out;
  diagram->n_nodes    = whole->n_nodes;
  diagram->n_edges    = whole->n_edges;
  diagram->n_clusters = whole->n_clusters;
  diagram->layout     = "nop2";
  return diagram;
}
