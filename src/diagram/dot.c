/* Building a diagram as a cgraph graph from what select.c selected: nodes
 * in their clusters, edges with their labels, the legend, the overview of
 * a large selection and the union graph of small multiples.  The graph is
 * built in a deterministic order (nodes by id, edges by endpoints and
 * relation), so the DOT that agwrite produces is the same on every run and
 * exports/ can be checked for staleness by regenerating it (dot-io.c
 * writes it). */
#include "diagram-private.h"
#include "src/util/iri.h"

#include <string.h>

/* The attributes every node, edge and cluster carries; declared once on the
 * root graph with agattr so that agwrite prints them as defaults. */
#define FONT "Helvetica"

/* cgraph predates const: its functions take char * for names and values
 * they never change. */
static void
set(void *obj, const char *name, const char *value)
{
  agsafeset(obj, (char *)name, (char *)value, (char *)"");
}

static const char *
name_of(const AzkbSelection *sel, AzkbTermId term)
{
  return azkb_store_term_name(sel->store, term);
}

/* The node of @term in @g: its DOT ID is its name made safe (text.c). */
static Agnode_t *
node_of(const AzkbSelection *sel, Agraph_t *g, AzkbTermId term, gboolean create)
{
  g_autofree char *id = azkb_diagram_dot_id(name_of(sel, term));

  return agnode(g, id, create);
}

/* ---- building the graph ---- */

typedef struct {
  AzkbSelection *sel;
  Agraph_t      *root;
  GHashTable    *clusters;    /* AzkbTermId → Agraph_t* */
  GHashTable    *node_styles; /* legend text → const AzkbNodeStyle* */
  GPtrArray     *relations;   /* relation names drawn as edges, sorted */
  guint          n_edges;
  guint         *degree;    /* per term: edges drawn at it */
  AzkbPanels    *panels;    /* small multiples: what each panel shows */
  AzkbSelection *panel_sel; /* small multiples: each panel's selection */
} Builder;

static void
declare_defaults(Agraph_t *g, const AzkbDiagramOptions *opts)
{
  g_autofree char *tip =
    azkb_diagram_dot_tooltip(opts->title ? opts->title : "azkb");

  agattr(g, AGRAPH, (char *)"fontname", (char *)FONT);
  agattr(g, AGRAPH, (char *)"fontsize", (char *)"12");
  agattr(g, AGRAPH, (char *)"rankdir", (char *)"LR");
  agattr(g, AGRAPH, (char *)"nodesep", (char *)"0.18");
  agattr(g, AGRAPH, (char *)"ranksep", (char *)"0.5");
  /* Straight pieces instead of curves, chosen by measurement (doc/guide.md,
   * "Legibility, measured"): with dot, a fan-out of curves is bent into
   * one trunk (Azerbaijan's 32 elected terms: 506 crossings, 25,776 pt of
   * edges running on top of each other), of straight lines it stays a fan
   * (16 crossings, 18,825 pt), at the same size; no view got worse. */
  agattr(g, AGRAPH, (char *)"splines", (char *)"polyline");
  /* Ignored by dot; the force-directed layouts remove node overlaps. */
  agattr(g, AGRAPH, (char *)"overlap", (char *)"prism");
  agattr(g, AGRAPH, (char *)"outputorder", (char *)"edgesfirst");
  agattr(g, AGRAPH, (char *)"tooltip", tip);
  /* Graphviz's own default, declared so that an empty label (a legend's
   * sample) is written out rather than taken for the default. */
  agattr(g, AGNODE, (char *)"label", (char *)"\\N");
  agattr(g, AGNODE, (char *)"fontname", (char *)FONT);
  agattr(g, AGNODE, (char *)"fontsize", (char *)"11");
  agattr(g, AGNODE, (char *)"margin", (char *)"0.08,0.04");
  agattr(g, AGNODE, (char *)"height", (char *)"0.3");
  agattr(g, AGEDGE, (char *)"fontname", (char *)FONT);
  agattr(g, AGEDGE, (char *)"fontsize", (char *)"9");
  agattr(g, AGEDGE, (char *)"fontcolor", (char *)"#333333");
  agattr(g, AGEDGE, (char *)"arrowsize", (char *)"0.6");
}

/* How many containers enclose @term: nested clusters alternate two greys
 * by this so that each level stays visible. */
static guint
nesting(const AzkbSelection *sel, AzkbTermId term)
{
  guint level = 0;

  for (AzkbTermId up = sel->container[term]; up != 0; up = sel->container[up])
    level++;
  return level;
}

static Agraph_t *
cluster_of(Builder *b, AzkbTermId container)
{
  Agraph_t *sub = g_hash_table_lookup(b->clusters, GUINT_TO_POINTER(container));
  Agraph_t *parent;
  g_autofree char *name = NULL;
  g_autofree char *tip  = NULL;
  g_autofree char *text = NULL;

  if (sub != NULL)
    return sub;
  parent = b->sel->container[container] != 0
             ? cluster_of(b, b->sel->container[container])
             : b->root;
  text   = azkb_diagram_dot_id(name_of(b->sel, container));
  name   = g_strdup_printf("cluster_%s", text);
  g_clear_pointer(&text, g_free);
  sub  = agsubg(parent, name, TRUE);
  text = g_strdup_printf("%s and its parts",
                         azkb_store_display_name(b->sel->store, container));
  tip  = azkb_diagram_dot_tooltip(text);
  set(sub, "style", "rounded,filled");
  set(sub, "fillcolor", nesting(b->sel, container) % 2 ? "#E6E6E6" : "#F3F3F3");
  set(sub, "color", "#9A9A9A");
  set(sub, "tooltip", tip);
  set(sub, "class", "structure");
  g_hash_table_insert(b->clusters, GUINT_TO_POINTER(container), sub);
  return sub;
}

/* g_ptr_array_sort passes pointers to the elements. */
static int
compare_strings(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Direct class names, sorted: the SVG `class` of the node. */
static char *
class_list(const AzkbSelection *sel, AzkbTermId entity)
{
  gsize             n;
  const AzkbTermId *classes = azkb_store_entity_classes(sel->store, entity, &n);
  g_autoptr(GPtrArray) names = g_ptr_array_new();
  g_autofree char *joined    = NULL;

  for (gsize i = 0; i < n; i++)
    g_ptr_array_add(names, (gpointer)name_of(sel, classes[i]));
  g_ptr_array_sort(names, compare_strings);
  g_ptr_array_add(names, NULL);
  joined = g_strjoinv(" ", (char **)names->pdata);
  return azkb_diagram_dot_id(joined);
}

static void
style_node(Builder *b, Agnode_t *n, AzkbTermId entity)
{
  const AzkbNodeStyle *style = azkb_diagram_node_style(b->sel->store, entity);
  const char          *base =
    b->sel->opts->base ? b->sel->opts->base : AZKB_DIAGRAM_DEFAULT_BASE;
  g_autofree char *label = azkb_diagram_node_label(b->sel->store, entity);
  g_autofree char *text =
    g_strdup_printf("%s (%s)",
                    azkb_store_display_name(b->sel->store, entity),
                    name_of(b->sel, entity));
  g_autofree char *tooltip = azkb_diagram_dot_tooltip(text);
  g_autofree char *url =
    g_strconcat(base, AZKB_IRI_ID, name_of(b->sel, entity), NULL);
  g_autofree char *classes = class_list(b->sel, entity);

  set(n, "label", label);
  set(n, "tooltip", tooltip);
  /* A base that is not http(s) gives nodes no link rather than a
   * `javascript:` one. */
  if (azkb_diagram_is_safe_link(url))
    set(n, "URL", url);
  set(n, "class", classes);
  set(n, "shape", style->shape);
  set(n, "style", style->style);
  set(n, "fillcolor", style->fill);
  set(n, "color", style->border);
  if (style->legend != NULL)
    g_hash_table_insert(
      b->node_styles, (gpointer)style->legend, (gpointer)style);
}

/* The clusters a node is drawn in, as `within-ID` words in its SVG class
 * (ID as in the cluster's name `cluster_ID`), so that a reader of the SVG
 * (tests/diagram-check.py) can check that it is drawn inside exactly
 * those. */
static void
add_within(Builder *b, Agnode_t *n, AzkbTermId node)
{
  const AzkbSelection *sel = b->sel;
  g_autoptr(GString) cls   = g_string_new(agget(n, (char *)"class"));
  AzkbTermId first         = sel->container[node];

  if (g_hash_table_contains(b->clusters, GUINT_TO_POINTER(node)))
    first = node; /* a container: in its own cluster */
  for (AzkbTermId up = first; up != 0; up = sel->container[up]) {
    g_autofree char *id = azkb_diagram_dot_id(name_of(sel, up));

    g_string_append_printf(cls, " within-%s", id);
  }
  set(n, "class", cls->str);
}

static int
by_name(gconstpointer a, gconstpointer b, gpointer data)
{
  const AzkbSelection *sel = data;

  return strcmp(name_of(sel, *(const AzkbTermId *)a),
                name_of(sel, *(const AzkbTermId *)b));
}

static void
add_nodes(Builder *b)
{
  AzkbSelection *sel = b->sel;

  g_array_sort_with_data(sel->nodes, by_name, sel);
  for (guint i = 0; i < sel->nodes->len; i++) {
    AzkbTermId node = g_array_index(sel->nodes, AzkbTermId, i);
    Agnode_t  *n    = node_of(sel, b->root, node, TRUE);

    style_node(b, n, node);
  }
  /* A second pass, once every container is known: a container sits in its
   * own cluster, any other node in its container's. */
  for (guint i = 0; i < sel->nodes->len; i++) {
    AzkbTermId node = g_array_index(sel->nodes, AzkbTermId, i);
    Agnode_t  *n    = node_of(sel, b->root, node, FALSE);
    AzkbTermId up   = sel->container[node];

    if (up != 0)
      agsubnode(cluster_of(b, up), n, TRUE);
  }
  for (guint i = 0; i < sel->nodes->len; i++) {
    AzkbTermId node = g_array_index(sel->nodes, AzkbTermId, i);
    Agraph_t  *own  = g_hash_table_lookup(b->clusters, GUINT_TO_POINTER(node));

    if (own != NULL)
      agsubnode(own, node_of(sel, b->root, node, FALSE), TRUE);
  }
  for (guint i = 0; i < sel->nodes->len; i++) {
    AzkbTermId node = g_array_index(sel->nodes, AzkbTermId, i);

    add_within(b, node_of(sel, b->root, node, FALSE), node);
  }
}

/* ---- edges ---- */

typedef struct {
  AzkbStmtId    id;
  AzkbStatement st;
} Stmt;

static int
by_edge(gconstpointer a, gconstpointer b, gpointer data)
{
  const AzkbSelection *sel = data;
  const Stmt          *x   = a;
  const Stmt          *y   = b;
  int                  c;

  if ((c = strcmp(name_of(sel, x->st.subject), name_of(sel, y->st.subject))))
    return c;
  if ((c = strcmp(name_of(sel, x->st.object), name_of(sel, y->st.object))))
    return c;
  if ((c = strcmp(name_of(sel, x->st.relation), name_of(sel, y->st.relation))))
    return c;
  if ((c = azkb_interval_compare_at(
         &x->st.time, &y->st.time, sel->opts->present)))
    return c;
  return x->id < y->id ? -1 : x->id > y->id;
}

static gboolean
same_edge(const Stmt *x, const Stmt *y)
{
  return x->st.subject == y->st.subject && x->st.object == y->st.object &&
         x->st.relation == y->st.relation;
}

/* An undated structural statement drawn as a cluster is not drawn twice. */
static gboolean
shown_as_cluster(const AzkbSelection *sel, const AzkbStatement *st)
{
  return sel->container[st->subject] == st->object &&
         azkb_interval_is_undated(&st->time) &&
         azkb_diagram_is_structural(name_of(sel, st->relation));
}

static GArray *
edge_statements(const AzkbSelection *sel)
{
  GArray *out = g_array_new(FALSE, FALSE, sizeof(Stmt));

  for (AzkbStmtId id = 1; id <= sel->n_stmts; id++) {
    Stmt s = { .id = id };

    if (!sel->candidate[id])
      continue;
    azkb_store_get_statement(sel->store, id, &s.st);
    if (!sel->in_graph[s.st.subject] || !sel->in_graph[s.st.object] ||
        shown_as_cluster(sel, &s.st))
      continue;
    g_array_append_val(out, s);
  }
  g_array_sort_with_data(out, by_edge, (gpointer)sel);
  return out;
}

/* "Azerbaijan electedTo ECOSOC: 2003–2005 [P7]; 2017–2019 [P7]". */
static char *
edge_tooltip(const AzkbSelection *sel, const Stmt *group, gsize n)
{
  g_autoptr(GString) out = g_string_new(NULL);

  g_string_append_printf(out,
                         "%s %s %s",
                         azkb_store_display_name(sel->store, group->st.subject),
                         name_of(sel, group->st.relation),
                         azkb_store_display_name(sel->store, group->st.object));
  for (gsize i = 0; i < n; i++) {
    g_autofree char *when =
      azkb_interval_to_string(&group[i].st.time, AZKB_TIME_STYLE_HUMAN);
    g_autoptr(GArray) sources =
      azkb_store_statement_sources(sel->store, group[i].id);

    g_string_append(out, i == 0 ? ": " : "; ");
    g_string_append(out, *when ? when : "undated");
    for (guint k = 0; k < sources->len; k++)
      g_string_append_printf(
        out,
        "%s%s%s",
        k == 0 ? " [" : ", ",
        name_of(sel, g_array_index(sources, AzkbTermId, k)),
        k + 1 == sources->len ? "]" : "");
  }
  return g_string_free(g_steal_pointer(&out), FALSE);
}

/* A node's name with the label of its one edge below it, smaller, as an
 * HTML-like label.  A leaf of a fan-out (Azerbaijan's thirty-odd elected
 * bodies) carries its edge's label this way: a label in the node can
 * neither drift from its edge nor overlap another, and the edges of the
 * fan-out stay bare lines that can be followed.  With @edge_lines NULL,
 * the name alone (a panel where the edge is absent).  (transfer full) */
static char *
leaf_label(const Builder *b, AzkbTermId node, char *const *edge_lines)
{
  g_auto(GStrv) name_lines = azkb_diagram_node_label_lines(b->sel->store, node);
  GString *html            = g_string_new(NULL);

  for (guint i = 0; name_lines[i] != NULL; i++) {
    g_autofree char *escaped = azkb_diagram_html_escape(name_lines[i]);
    g_string_append_printf(html, "%s%s", i ? "<BR/>" : "", escaped);
  }
  if (edge_lines == NULL)
    return g_string_free(html, FALSE);
  g_string_append(html, "<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#333333\">");
  for (guint i = 0; edge_lines[i] != NULL; i++) {
    g_autofree char *escaped = azkb_diagram_html_escape(edge_lines[i]);
    g_string_append_printf(html, "%s%s", i ? "<BR/>" : "", escaped);
  }
  g_string_append(html, "</FONT>");
  return g_string_free(html, FALSE);
}

static void
set_html(Agraph_t *root, void *obj, const char *name, const char *html)
{
  /* An HTML-like label must be interned as such; the attribute keeps its
   * own reference, so ours is dropped at once. */
  char *interned = agstrdup_html(root, (char *)html);

  set(obj, name, interned);
  agstrfree(root, interned);
}

static void
style_edge(Agedge_t            *e,
           const char          *tip,
           const char          *key,
           const AzkbEdgeStyle *style)
{
  set(e, "tooltip", tip);
  set(e, "class", key);
  set(e, "style", style->style);
  set(e, "color", style->colour);
}

/* @term's cluster if it has one, else its container's. */
static AzkbTermId
innermost(const Builder *b, AzkbTermId term)
{
  if (g_hash_table_contains(b->clusters, GUINT_TO_POINTER(term)))
    return term;
  return b->sel->container[term];
}

/* The innermost cluster holding both @x and @y, or 0 for the root. */
static AzkbTermId
common_cluster(const Builder *b, AzkbTermId x, AzkbTermId y)
{
  for (AzkbTermId cx = innermost(b, x); cx != 0; cx = b->sel->container[cx])
    for (AzkbTermId cy = innermost(b, y); cy != 0; cy = b->sel->container[cy])
      if (cx == cy)
        return cx;
  return 0;
}

/* ---- small multiples: what each element shows in each panel ---- */

static guint32
group_mask(const Builder *b, const Stmt *group, gsize n)
{
  guint32 mask = 0;

  for (guint i = 0; i < b->panels->n; i++)
    for (gsize k = 0; k < n; k++)
      if (azkb_selection_shows(&b->panel_sel[i], group[k].id, &group[k].st))
        mask |= 1u << i;
  return mask;
}

/* The times of @group's statements drawn in panel @i; returns how many. */
static gsize
panel_times(const Builder *b,
            guint          i,
            const Stmt    *group,
            gsize          n,
            AzkbInterval  *out)
{
  gsize m = 0;

  for (gsize k = 0; k < n; k++)
    if (azkb_selection_shows(&b->panel_sel[i], group[k].id, &group[k].st))
      out[m++] = group[k].st.time;
  return m;
}

static AzkbPanelInfo *
panel_info_new(guint32 mask)
{
  AzkbPanelInfo *info = g_new0(AzkbPanelInfo, 1);

  info->mask = mask;
  return info;
}

void
azkb_panel_info_free(gpointer data)
{
  AzkbPanelInfo *info = data;

  if (info->labels != NULL)
    for (guint i = 0; i < AZKB_DIAGRAM_MAX_PANELS; i++)
      g_free(info->labels[i]);
  g_free(info->labels);
  g_free(info);
}

static void
register_edge(Builder *b, Agedge_t *e, const char *key, guint32 mask)
{
  char *id =
    azkb_diagram_panel_edge_key(agnameof(agtail(e)), agnameof(aghead(e)), key);

  g_hash_table_replace(b->panels->edges, id, panel_info_new(mask));
}

/* The label of an edge group in each panel: only the times drawn there. */
static char **
panel_labels(const Builder *b, const Stmt *group, gsize n, gboolean leaf)
{
  const char              *rel    = name_of(b->sel, group->st.relation);
  g_autofree AzkbInterval *times  = g_new(AzkbInterval, n);
  char                   **labels = g_new0(char *, AZKB_DIAGRAM_MAX_PANELS);

  for (guint i = 0; i < b->panels->n; i++) {
    gsize m = panel_times(b, i, group, n, times);

    if (leaf) {
      g_auto(GStrv) lines =
        m ? azkb_diagram_edge_label_lines(rel, times, m) : NULL;
      AzkbTermId end =
        b->degree[group->st.object] == 1 ? group->st.object : group->st.subject;

      labels[i] = leaf_label(b, end, lines);
    } else if (m > 0)
      labels[i] = azkb_diagram_edge_label(rel, times, m);
  }
  return labels;
}

/* An edge between two nodes that have other edges too carries its label
 * on a small node of its own in its middle, tail -> label -> head: the
 * line runs through the label, so it cannot drift from it, and the layout
 * keeps it clear of every other node and label (dot's own edge labels sat
 * up to 60 pt away from their edge, nearer another one).  The label node
 * sits in the innermost cluster of both ends. */
static void
add_label_node(Builder            *b,
               const Stmt         *group,
               gsize               n,
               const AzkbInterval *times,
               const char         *tip,
               const char         *key)
{
  const AzkbSelection *sel   = b->sel;
  const char          *rel   = name_of(sel, group->st.relation);
  const AzkbEdgeStyle *style = azkb_diagram_edge_style(rel);
  AzkbTermId where = common_cluster(b, group->st.subject, group->st.object);
  g_autofree char *tail_id =
    azkb_diagram_dot_id(name_of(sel, group->st.subject));
  g_autofree char *head_id =
    azkb_diagram_dot_id(name_of(sel, group->st.object));
  g_autofree char *name =
    g_strdup_printf("label/%s/%s/%s", key, tail_id, head_id);
  g_autofree char *label = azkb_diagram_edge_label(rel, times, n);
  g_autoptr(GString) cls = g_string_new("edgelabel ");
  Agraph_t *g =
    where ? g_hash_table_lookup(b->clusters, GUINT_TO_POINTER(where)) : b->root;
  Agnode_t *l = agnode(g, name, TRUE);
  Agedge_t *first;
  Agedge_t *second;

  g_string_append(cls, key);
  for (AzkbTermId up = where; up != 0; up = sel->container[up]) {
    g_autofree char *id = azkb_diagram_dot_id(name_of(sel, up));

    g_string_append_printf(cls, " within-%s", id);
  }
  set(l, "label", label);
  set(l, "class", cls->str);
  set(l, "tooltip", tip);
  set(l, "shape", "box");
  set(l, "style", "rounded,filled");
  set(l, "fillcolor", "#FFFFFF");
  set(l, "color", style->colour);
  set(l, "penwidth", "0.6");
  set(l, "fontsize", "9");
  set(l, "fontcolor", "#333333");
  set(l, "margin", "0.04,0.01");
  set(l, "height", "0.2");
  first  = agedge(b->root,
                 node_of(sel, b->root, group->st.subject, FALSE),
                 l,
                 (char *)key,
                 TRUE);
  second = agedge(b->root,
                  l,
                  node_of(sel, b->root, group->st.object, FALSE),
                  (char *)key,
                  TRUE);
  style_edge(first, tip, key, style);
  set(first, "arrowhead", "none");
  style_edge(second, tip, key, style);
  if (b->panels != NULL) {
    guint32        mask = group_mask(b, group, n);
    AzkbPanelInfo *info = panel_info_new(mask);

    info->labels = panel_labels(b, group, n, FALSE);
    g_hash_table_replace(b->panels->nodes, g_strdup(name), info);
    register_edge(b, first, key, mask);
    register_edge(b, second, key, mask);
  }
}

static void
add_edge(Builder *b, const Stmt *group, gsize n)
{
  const AzkbSelection     *sel   = b->sel;
  const char              *rel   = name_of(sel, group->st.relation);
  const AzkbEdgeStyle     *style = azkb_diagram_edge_style(rel);
  g_autofree AzkbInterval *times = g_new(AzkbInterval, n);
  g_autofree char         *text  = edge_tooltip(sel, group, n);
  g_autofree char         *tip   = azkb_diagram_dot_tooltip(text);
  /* The relation is the edge key, so two relations between one pair stay
   * two edges when the DOT is read back. */
  g_autofree char *key     = azkb_diagram_dot_id(rel);
  AzkbTermId       subject = group->st.subject;
  AzkbTermId       object  = group->st.object;

  for (gsize i = 0; i < n; i++)
    times[i] = group[i].st.time;
  if (b->degree[object] == 1 || b->degree[subject] == 1) {
    g_auto(GStrv) lines      = azkb_diagram_edge_label_lines(rel, times, n);
    gboolean         at_head = b->degree[object] == 1;
    Agnode_t        *tail    = node_of(sel, b->root, subject, FALSE);
    Agnode_t        *head    = node_of(sel, b->root, object, FALSE);
    Agedge_t        *e       = agedge(b->root, tail, head, key, TRUE);
    g_autofree char *html    = leaf_label(b, at_head ? object : subject, lines);

    set_html(b->root, at_head ? head : tail, "label", html);
    style_edge(e, tip, key, style);
    if (b->panels != NULL) {
      AzkbPanelInfo *info =
        g_hash_table_lookup(b->panels->nodes, agnameof(at_head ? head : tail));

      register_edge(b, e, key, group_mask(b, group, n));
      if (info != NULL) {
        info->html   = TRUE;
        info->labels = panel_labels(b, group, n, TRUE);
      }
    }
  } else
    add_label_node(b, group, n, times, tip, key);
  b->n_edges++;
  if (!g_ptr_array_find_with_equal_func(b->relations, rel, g_str_equal, NULL))
    g_ptr_array_add(b->relations, (gpointer)rel);
}

static void
add_edges(Builder *b)
{
  g_autoptr(GArray) stmts = edge_statements(b->sel);
  const Stmt *all         = (const Stmt *)stmts->data;
  guint       start       = 0;

  /* Edges drawn at each node (a group of statements is one edge). */
  b->degree = g_new0(guint, b->sel->n_terms + 1);
  for (guint i = 0; i < stmts->len; i++)
    if (i == 0 || !same_edge(&all[i - 1], &all[i])) {
      b->degree[all[i].st.subject]++;
      b->degree[all[i].st.object]++;
    }
  for (guint i = 1; i <= stmts->len; i++)
    if (i == stmts->len || !same_edge(&all[start], &all[i])) {
      add_edge(b, &all[start], i - start);
      start = i;
    }
}

/* ---- legend ---- */

/* The legend is the cluster "cluster_legend", headed by the title: a row
 * per class drawn, with a small node of the class's own shape, style and
 * colours, and a row per family of relations drawn, with a short edge of
 * the family's own line (between two invisible points) and the names of
 * the relations in the picture.  Each row's text is a plain node after its
 * sample; classes form one column, relations a second beside it.  In the
 * DOT it is laid out with everything else; azkb_diagram_render() lays it
 * out on its own and puts it in a free corner of the drawing, or below
 * it, so that it never widens the drawing (render.c). */
#define LEGEND_TEXT 44 /* characters on a line of relation names */

typedef struct {
  Builder  *b;
  Agraph_t *cluster;
  guint     rows;
  Agnode_t *first_text; /* of the class column */
} Legend;

static Agnode_t *
legend_node(Legend *l, const char *kind)
{
  g_autofree char *name = g_strdup_printf("legend/%u/%s", l->rows, kind);
  Agnode_t        *n    = agnode(l->cluster, name, TRUE);

  set(n, "class", "legend within-legend");
  set(n, "tooltip", "Legend");
  return n;
}

static Agedge_t *
legend_edge(Legend *l, Agnode_t *tail, Agnode_t *head)
{
  Agedge_t *e = agedge(l->b->root, tail, head, NULL, TRUE);

  set(e, "class", "legend");
  set(e, "tooltip", "Legend");
  return e;
}

static void
hide_edge(Agedge_t *e)
{
  set(e, "style", "invis");
  set(e, "arrowhead", "none");
}

/* The row's text: its lines left-justified ("\l" ends each), at most
 * AZKB_DIAGRAM_TEXT_MAX characters in all (a name from the data can be
 * long, and Graphviz's scanner refuses a label of 16 kB). */
static Agnode_t *
legend_text(Legend *l, const char *text)
{
  g_auto(GStrv) lines = azkb_diagram_wrap_lines(
    text, ", ", LEGEND_TEXT, AZKB_DIAGRAM_TEXT_MAX / LEGEND_TEXT);
  g_autoptr(GString) label = g_string_new(NULL);
  Agnode_t *n              = legend_node(l, "text");

  for (guint i = 0; lines[i] != NULL; i++) {
    g_autofree char *escaped =
      azkb_diagram_dot_label(lines[i], AZKB_DIAGRAM_TEXT_MAX);

    g_string_append_printf(label, "%s\\l", escaped);
  }
  set(n, "label", label->str);
  set(n, "shape", "plaintext");
  set(n, "height", "0.22");
  set(n, "margin", "0.04,0");
  l->rows++;
  return n;
}

static void
legend_class(Legend     *l,
             const char *shape,
             const char *style,
             const char *fill,
             const char *border,
             const char *text)
{
  Agnode_t *sample = legend_node(l, "sample");
  Agnode_t *label;
  Agedge_t *e;

  set(sample, "label", "");
  set(sample, "shape", shape);
  set(sample, "style", style);
  set(sample, "fillcolor", fill);
  set(sample, "color", border);
  set(sample, "width", "0.42");
  set(sample, "height", "0.22");
  set(sample, "fixedsize", "true");
  label = legend_text(l, text);
  e     = legend_edge(l, sample, label);
  /* As far apart as the ends of a relation's line and its text. */
  set(e, "minlen", "4");
  hide_edge(e);
  if (l->first_text == NULL)
    l->first_text = label;
}

static void
legend_classes(Legend *l)
{
  gsize                n;
  const AzkbNodeStyle *styles = azkb_diagram_node_styles(&n);

  for (gsize i = 0; i < n; i++) {
    /* Table order, each legend text once; hidden rows have none. */
    if (styles[i].legend == NULL ||
        g_hash_table_lookup(l->b->node_styles, styles[i].legend) != &styles[i])
      continue;
    legend_class(l,
                 styles[i].shape,
                 styles[i].style,
                 styles[i].fill,
                 styles[i].border,
                 styles[i].legend);
  }
  if (g_hash_table_size(l->b->clusters) > 0)
    legend_class(l,
                 "box",
                 "rounded,filled",
                 "#F3F3F3",
                 "#9A9A9A",
                 "grey box: an organisation and its parts");
}

/* One row per family of relations drawn (table order), with the names of
 * the relations of that family in the picture. */
static void
legend_relations(Legend *l)
{
  gsize                n;
  const AzkbEdgeStyle *styles = azkb_diagram_edge_styles(&n);

  g_ptr_array_sort(l->b->relations, compare_strings);
  for (gsize i = 0; i < n; i++) {
    g_autoptr(GString) names = g_string_new(NULL);
    Agnode_t *start, *end, *text;
    Agedge_t *line;

    for (guint k = 0; k < l->b->relations->len; k++) {
      const char *rel = g_ptr_array_index(l->b->relations, k);

      if (azkb_diagram_edge_style(rel) == &styles[i])
        g_string_append_printf(names, "%s%s", names->len ? ", " : "", rel);
    }
    if (names->len == 0)
      continue;
    start = legend_node(l, "start");
    end   = legend_node(l, "end");
    for (int k = 0; k < 2; k++) {
      Agnode_t *point = k ? end : start;

      set(point, "shape", "point");
      set(point, "style", "invis");
      set(point, "width", "0.02");
      set(point, "label", "");
    }
    line = legend_edge(l, start, end);
    set(line, "style", styles[i].style);
    set(line, "color", styles[i].colour);
    set(line, "minlen", "3");
    text = legend_text(l, names->str);
    hide_edge(legend_edge(l, end, text));
    /* The relations' column beside the classes': ranks after theirs. */
    if (l->first_text != NULL)
      hide_edge(legend_edge(l, l->first_text, start));
  }
}

static void
add_legend(Builder *b)
{
  Legend           l = { .b = b };
  g_autofree char *title =
    azkb_diagram_dot_label(b->sel->opts->title ? b->sel->opts->title : "Legend",
                           AZKB_DIAGRAM_TEXT_MAX);

  l.cluster = agsubg(b->root, (char *)"cluster_legend", TRUE);
  set(l.cluster, "label", title);
  set(l.cluster, "fontsize", "13");
  set(l.cluster, "style", "rounded");
  set(l.cluster, "color", "#BBBBBB");
  set(l.cluster, "fillcolor", "#FFFFFF");
  set(l.cluster, "class", "legend");
  set(l.cluster, "tooltip", "Legend");
  set(l.cluster, "margin", "6");
  legend_classes(&l);
  legend_relations(&l);
}

/* Small multiples: each node's panels. */
static void
register_nodes(Builder *b)
{
  for (guint i = 0; i < b->sel->nodes->len; i++) {
    AzkbTermId node = g_array_index(b->sel->nodes, AzkbTermId, i);
    Agnode_t  *n    = node_of(b->sel, b->root, node, FALSE);
    guint32    mask = 0;

    for (guint k = 0; k < b->panels->n; k++)
      if (b->panel_sel[k].in_graph[node])
        mask |= 1u << k;
    g_hash_table_replace(
      b->panels->nodes, g_strdup(agnameof(n)), panel_info_new(mask));
  }
}

/* The graph of a selection made (with @panels, small multiples: the union
 * of the panels' selections, each element's panels recorded). */
static AzkbDiagram *
build(AzkbSelection *sel, AzkbPanels *panels, AzkbSelection *panel_sel)
{
  Builder          b = { 0 };
  AzkbDiagram     *diagram;
  g_autofree char *title = NULL;

  title = azkb_diagram_dot_label(sel->opts->title ? sel->opts->title : "azkb",
                                 AZKB_DIAGRAM_TEXT_MAX);
  b.sel         = sel;
  b.panels      = panels;
  b.panel_sel   = panel_sel;
  b.root        = azkb_diagram_graph_open(title);
  b.clusters    = g_hash_table_new(NULL, NULL);
  b.node_styles = g_hash_table_new(g_str_hash, g_str_equal);
  b.relations   = g_ptr_array_new();
  declare_defaults(b.root, sel->opts);
  add_nodes(&b);
  if (panels != NULL)
    register_nodes(&b);
  add_edges(&b);
  if (!sel->opts->no_legend)
    add_legend(&b);

  diagram             = g_new0(AzkbDiagram, 1);
  diagram->store      = azkb_store_ref(sel->store);
  diagram->graph      = b.root;
  diagram->n_nodes    = sel->nodes->len;
  diagram->n_edges    = b.n_edges;
  diagram->n_clusters = g_hash_table_size(b.clusters);
  g_hash_table_unref(b.clusters);
  g_free(b.degree);
  g_hash_table_unref(b.node_styles);
  g_ptr_array_unref(b.relations);
  return diagram;
}

static AzkbDiagram *build_overview(AzkbSelection *sel);

AzkbDiagram *
azkb_diagram_new(AzkbStore                *store,
                 const AzkbDiagramOptions *options,
                 GError                  **error)
{
  static const AzkbDiagramOptions defaults = { 0 };
  AzkbSelection                   sel      = { 0 };
  AzkbDiagram                    *diagram;

  g_return_val_if_fail(store != NULL, NULL);
  azkb_selection_init(&sel, store, options ? options : &defaults);
  if (!azkb_selection_select(&sel, error)) {
    azkb_selection_clear(&sel);
    return NULL;
  }
  if (!sel.opts->full && sel.nodes->len > AZKB_DIAGRAM_OVERVIEW)
    diagram = build_overview(&sel);
  else
    diagram = build(&sel, NULL, NULL);
  azkb_selection_clear(&sel);
  return diagram;
}

/* ---- overview ---- */

/* Above AZKB_DIAGRAM_OVERVIEW nodes a drawing of every entity is a
 * hairball whatever the layout (a 3,000-entity graph gave tens of
 * thousands of crossings): the overview draws one node per class instead,
 * with how many entities it holds and the best connected of them, and one
 * edge per class, relation and class, with how many statements it stands
 * for.  Structure is counted as edges too (no clusters). */
#define TOP_MEMBERS 3

typedef struct {
  AzkbTermId cls; /* 0: entities without a class */
  GArray    *members;
  Agnode_t  *node;
} Group;

static void
group_free(gpointer data)
{
  Group *g = data;

  g_array_unref(g->members);
  g_free(g);
}

/* The class an entity is counted under: its first direct class by name. */
static AzkbTermId
group_class(const AzkbSelection *sel, AzkbTermId entity)
{
  gsize             n;
  const AzkbTermId *classes = azkb_store_entity_classes(sel->store, entity, &n);
  AzkbTermId        best    = 0;

  for (gsize i = 0; i < n; i++)
    if (best == 0 || strcmp(name_of(sel, classes[i]), name_of(sel, best)) < 0)
      best = classes[i];
  return best;
}

typedef struct {
  const AzkbSelection *sel;
  const guint         *degree;
} ByDegree;

static int
by_degree(gconstpointer a, gconstpointer b, gpointer data)
{
  const ByDegree *ctx = data;
  AzkbTermId      x = *(const AzkbTermId *)a, y = *(const AzkbTermId *)b;

  if (ctx->degree[x] != ctx->degree[y])
    return ctx->degree[x] > ctx->degree[y] ? -1 : 1;
  return strcmp(name_of(ctx->sel, x), name_of(ctx->sel, y));
}

static int
by_size(gconstpointer a, gconstpointer b, gpointer data)
{
  const Group         *x   = *(Group *const *)a;
  const Group         *y   = *(Group *const *)b;
  const AzkbSelection *sel = data;

  if (x->members->len != y->members->len)
    return x->members->len > y->members->len ? -1 : 1;
  if (x->cls == 0 || y->cls == 0)
    return (x->cls == 0) - (y->cls == 0);
  return strcmp(name_of(sel, x->cls), name_of(sel, y->cls));
}

/* "4,150" */
static char *
count_text(guint n)
{
  g_autofree char *digits = g_strdup_printf("%u", n);
  GString         *out    = g_string_new(NULL);
  gsize            len    = strlen(digits);

  for (gsize i = 0; i < len; i++) {
    if (i > 0 && (len - i) % 3 == 0)
      g_string_append_c(out, ',');
    g_string_append_c(out, digits[i]);
  }
  return g_string_free(out, FALSE);
}

static void
group_node(Builder *b, Group *g)
{
  const AzkbSelection *sel   = b->sel;
  AzkbTermId           first = g_array_index(g->members, AzkbTermId, 0);
  const AzkbNodeStyle *style = azkb_diagram_node_style(sel->store, first);
  const char          *cls =
    g->cls ? azkb_store_display_name(sel->store, g->cls) : "without a class";
  g_autofree char *count = count_text(g->members->len);
  g_autofree char *title = azkb_diagram_html_escape(cls);
  g_autofree char *id = azkb_diagram_dot_id(g->cls ? name_of(sel, g->cls) : "");
  g_autofree char *name    = g_strdup_printf("group/%s", id);
  g_autoptr(GString) html  = g_string_new(NULL);
  g_autoptr(GString) tip   = g_string_new(NULL);
  g_autofree char *tooltip = NULL;

  g_string_append_printf(html,
                         "<FONT POINT-SIZE=\"13\">%s</FONT><BR/>%s %s",
                         title,
                         count,
                         g->members->len == 1 ? "entity" : "entities");
  g_string_append(html, "<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#333333\">");
  g_string_append_printf(tip, "%s %s: ", count, cls);
  for (guint i = 0; i < MIN(TOP_MEMBERS, g->members->len); i++) {
    AzkbTermId e           = g_array_index(g->members, AzkbTermId, i);
    g_auto(GStrv) lines    = azkb_diagram_node_label_lines(sel->store, e);
    g_autofree char *label = g_strjoinv(" ", lines);
    g_autofree char *esc   = azkb_diagram_html_escape(label);

    g_string_append_printf(html, "%s%s", i ? "<BR/>" : "", esc);
    g_string_append_printf(
      tip, "%s%s", i ? ", " : "", azkb_store_display_name(sel->store, e));
  }
  if (g->members->len > TOP_MEMBERS) {
    g_autofree char *more = count_text(g->members->len - TOP_MEMBERS);

    g_string_append_printf(html, "<BR/>+%s more", more);
    g_string_append_printf(tip, " and %s more", more);
  }
  g_string_append(html, "</FONT>");
  tooltip = azkb_diagram_dot_tooltip(tip->str);
  g->node = agnode(b->root, name, TRUE);
  set_html(b->root, g->node, "label", html->str);
  set(g->node, "tooltip", tooltip);
  set(g->node, "class", "overview-group");
  set(g->node, "shape", style->shape);
  set(g->node, "style", style->style);
  set(g->node, "fillcolor", style->fill);
  set(g->node, "color", style->border);
  if (style->legend != NULL)
    g_hash_table_insert(
      b->node_styles, (gpointer)style->legend, (gpointer)style);
}

typedef struct {
  guint      tail, head; /* group indices */
  AzkbTermId relation;
  guint      count;
} GroupEdge;

static int
by_group_edge(gconstpointer a, gconstpointer b, gpointer data)
{
  const GroupEdge     *x   = a;
  const GroupEdge     *y   = b;
  const AzkbSelection *sel = data;

  if (x->tail != y->tail)
    return x->tail < y->tail ? -1 : 1;
  if (x->head != y->head)
    return x->head < y->head ? -1 : 1;
  return strcmp(name_of(sel, x->relation), name_of(sel, y->relation));
}

static void
group_edge(Builder *b, GPtrArray *groups, const GroupEdge *ge)
{
  const char          *rel   = name_of(b->sel, ge->relation);
  const AzkbEdgeStyle *style = azkb_diagram_edge_style(rel);
  Agnode_t            *tail  = ((Group *)groups->pdata[ge->tail])->node;
  Agnode_t            *head  = ((Group *)groups->pdata[ge->head])->node;
  g_autofree char     *key   = azkb_diagram_dot_id(rel);
  g_autofree char     *count = count_text(ge->count);
  g_autofree char     *text  = g_strdup_printf("%s ×%s", rel, count);
  g_autofree char *label = azkb_diagram_dot_label(text, AZKB_DIAGRAM_TEXT_MAX);
  g_autofree char *tip   = azkb_diagram_dot_tooltip(text);
  g_autofree char *name =
    g_strdup_printf("label/%s/%s/%s", key, agnameof(tail), agnameof(head));
  g_autofree char *cls = g_strdup_printf("edgelabel %s", key);
  Agnode_t        *l   = agnode(b->root, name, TRUE);
  Agedge_t        *e;

  set(l, "label", label);
  set(l, "class", cls);
  set(l, "tooltip", tip);
  set(l, "shape", "box");
  set(l, "style", "rounded,filled");
  set(l, "fillcolor", "#FFFFFF");
  set(l, "color", style->colour);
  set(l, "penwidth", "0.6");
  set(l, "fontsize", "9");
  set(l, "fontcolor", "#333333");
  set(l, "margin", "0.04,0.01");
  set(l, "height", "0.2");
  e = agedge(b->root, tail, l, key, TRUE);
  style_edge(e, tip, key, style);
  set(e, "arrowhead", "none");
  e = agedge(b->root, l, head, key, TRUE);
  style_edge(e, tip, key, style);
  b->n_edges++;
  if (!g_ptr_array_find_with_equal_func(b->relations, rel, g_str_equal, NULL))
    g_ptr_array_add(b->relations, (gpointer)rel);
}

static void
add_overview(Builder *b, GPtrArray *groups)
{
  AzkbSelection *sel             = b->sel;
  g_autoptr(GArray) stmts        = edge_statements(sel);
  g_autofree guint *degree       = g_new0(guint, sel->n_terms + 1);
  g_autofree guint *index        = g_new0(guint, sel->n_terms + 1);
  g_autoptr(GHashTable) by_class = g_hash_table_new(NULL, NULL);
  g_autoptr(GHashTable) counts =
    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) edges = g_array_new(FALSE, FALSE, sizeof(GroupEdge));
  ByDegree       ctx      = { sel, degree };
  GHashTableIter iter;
  gpointer       value;

  for (guint i = 0; i < stmts->len; i++) {
    const Stmt *s = &g_array_index(stmts, Stmt, i);

    degree[s->st.subject]++;
    degree[s->st.object]++;
  }
  for (guint i = 0; i < sel->nodes->len; i++) {
    AzkbTermId node = g_array_index(sel->nodes, AzkbTermId, i);
    AzkbTermId cls  = group_class(sel, node);
    Group     *g    = g_hash_table_lookup(by_class, GUINT_TO_POINTER(cls + 1));

    if (g == NULL) {
      g          = g_new0(Group, 1);
      g->cls     = cls;
      g->members = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
      g_hash_table_insert(by_class, GUINT_TO_POINTER(cls + 1), g);
      g_ptr_array_add(groups, g);
    }
    g_array_append_val(g->members, node);
  }
  g_ptr_array_sort_with_data(groups, by_size, sel);
  for (guint i = 0; i < groups->len; i++) {
    Group *g = g_ptr_array_index(groups, i);

    g_array_sort_with_data(g->members, by_degree, &ctx);
    for (guint k = 0; k < g->members->len; k++)
      index[g_array_index(g->members, AzkbTermId, k)] = i;
    group_node(b, g);
  }
  /* Statements counted by (class, relation, class). */
  for (guint i = 0; i < stmts->len; i++) {
    const Stmt      *s   = &g_array_index(stmts, Stmt, i);
    g_autofree char *key = g_strdup_printf(
      "%u %u %u", index[s->st.subject], s->st.relation, index[s->st.object]);
    GroupEdge *ge = g_hash_table_lookup(counts, key);

    if (ge == NULL) {
      ge  = g_new0(GroupEdge, 1);
      *ge = (GroupEdge){
        index[s->st.subject], index[s->st.object], s->st.relation, 0
      };
      g_hash_table_insert(counts, g_steal_pointer(&key), ge);
    }
    ge->count++;
  }
  g_hash_table_iter_init(&iter, counts);
  while (g_hash_table_iter_next(&iter, NULL, &value))
    g_array_append_val(edges, *(GroupEdge *)value);
  g_array_sort_with_data(edges, by_group_edge, sel);
  for (guint i = 0; i < edges->len; i++)
    group_edge(b, groups, &g_array_index(edges, GroupEdge, i));
}

static AzkbDiagram *
build_overview(AzkbSelection *sel)
{
  Builder b                   = { 0 };
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func(group_free);
  AzkbDiagram       *diagram;
  g_autofree char   *count = count_text(sel->nodes->len);
  g_autofree char   *title = NULL;
  AzkbDiagramOptions opts  = *sel->opts;

  b.sel         = sel;
  b.root        = azkb_diagram_graph_open("overview");
  b.clusters    = g_hash_table_new(NULL, NULL);
  b.node_styles = g_hash_table_new(g_str_hash, g_str_equal);
  b.relations   = g_ptr_array_new();
  declare_defaults(b.root, sel->opts);
  add_overview(&b, groups);
  if (!sel->opts->no_legend) {
    /* The legend says what is drawn: groups, not entities. */
    title      = g_strdup_printf("%s%sOverview: %s entities in %u classes",
                            opts.title ? opts.title : "",
                            opts.title ? " — " : "",
                            count,
                            groups->len);
    opts.title = title;
    sel->opts  = &opts;
    add_legend(&b);
  }
  diagram           = g_new0(AzkbDiagram, 1);
  diagram->store    = azkb_store_ref(sel->store);
  diagram->graph    = b.root;
  diagram->n_nodes  = groups->len;
  diagram->n_edges  = b.n_edges;
  diagram->overview = sel->nodes->len;
  g_hash_table_unref(b.clusters);
  g_hash_table_unref(b.node_styles);
  g_ptr_array_unref(b.relations);
  return diagram;
}

static void
panels_free(AzkbPanels *panels)
{
  g_hash_table_unref(panels->nodes);
  g_hash_table_unref(panels->edges);
  g_free(panels);
}

AzkbDiagram *
azkb_diagram_snapshots_new(AzkbStore                *store,
                           const AzkbDiagramOptions *options,
                           const AzkbInterval       *times,
                           gsize                     n_times,
                           const char               *layout,
                           GError                  **error)
{
  static const AzkbDiagramOptions defaults = { 0 };
  AzkbDiagramOptions              popts[AZKB_DIAGRAM_MAX_PANELS];
  AzkbDiagramOptions              uopts;
  AzkbSelection                   psel[AZKB_DIAGRAM_MAX_PANELS] = { 0 };
  AzkbSelection                   u                             = { 0 };
  AzkbPanels                     *panels                        = NULL;
  AzkbDiagram                    *whole                         = NULL;
  AzkbDiagram                    *out                           = NULL;

  g_return_val_if_fail(store != NULL, NULL);
  g_return_val_if_fail(n_times >= 1 && n_times <= AZKB_DIAGRAM_MAX_PANELS,
                       NULL);
  uopts    = options ? *options : defaults;
  uopts.at = (AzkbInterval){ 0 };
  for (gsize i = 0; i < n_times; i++) {
    g_return_val_if_fail(!azkb_interval_is_undated(&times[i]), NULL);
    popts[i]           = uopts;
    popts[i].at        = times[i];
    popts[i].max_nodes = 0;
    azkb_selection_init(&psel[i], store, &popts[i]);
  }
  azkb_selection_init(&u, store, &uopts);
  if (!azkb_selection_select_panels(psel, (guint)n_times, error))
    goto out;
  azkb_selection_unite(&u, psel, (guint)n_times);
  if (u.nodes->len == 0) {
    g_set_error(error,
                AZKB_DIAGRAM_ERROR,
                AZKB_DIAGRAM_ERROR_EMPTY,
                "nothing to draw: no statement matches the selection at any "
                "of the times");
    goto out;
  }
  if (uopts.max_nodes > 0 && u.nodes->len > uopts.max_nodes) {
    g_set_error(error,
                AZKB_DIAGRAM_ERROR,
                AZKB_DIAGRAM_ERROR_TOO_LARGE,
                "the diagram would have %u nodes, more than the limit of "
                "%u",
                u.nodes->len,
                uopts.max_nodes);
    goto out;
  }
  panels        = g_new0(AzkbPanels, 1);
  panels->n     = (guint)n_times;
  panels->nodes = g_hash_table_new_full(
    g_str_hash, g_str_equal, g_free, azkb_panel_info_free);
  panels->edges = g_hash_table_new_full(
    g_str_hash, g_str_equal, g_free, azkb_panel_info_free);
  memcpy(panels->times, times, n_times * sizeof(AzkbInterval));
  whole = build(&u, panels, psel);
  out   = azkb_diagram_compose_panels(whole, panels, layout, error);
out:
  azkb_diagram_free(whole);
  if (panels != NULL)
    panels_free(panels);
  for (gsize i = 0; i < n_times; i++)
    azkb_selection_clear(&psel[i]);
  azkb_selection_clear(&u);
  return out;
}

void
azkb_diagram_free(AzkbDiagram *diagram)
{
  if (diagram == NULL)
    return;
  g_clear_pointer(&diagram->graph, agclose);
  g_clear_pointer(&diagram->store, azkb_store_unref);
  g_free(diagram);
}

guint
azkb_diagram_n_nodes(const AzkbDiagram *diagram)
{
  return diagram->n_nodes;
}

guint
azkb_diagram_n_edges(const AzkbDiagram *diagram)
{
  return diagram->n_edges;
}

guint
azkb_diagram_overview(const AzkbDiagram *diagram)
{
  return diagram->overview;
}

guint
azkb_diagram_n_clusters(const AzkbDiagram *diagram)
{
  return diagram->n_clusters;
}
