/* Private to the diagram module: the selection (select.c), the style
 * table and label helpers shared by dot.c (building the graph) and
 * render.c (laying it out), the Graphviz I/O (dot-io.c). */
#pragma once

#include <azkb/diagram.h>
#include <graphviz/cgraph.h>

G_BEGIN_DECLS

/// How the entities of one class look.  Colours are "#rrggbb".
typedef struct {
  const char *cls;    ///< class name in the store ("Country")
  const char *legend; ///< what the legend calls it
  const char *shape;  ///< a Graphviz node shape
  const char *style;  ///< Graphviz node style ("filled", "rounded,filled")
  const char *fill;   ///< fill colour (a light tint: black text stays legible)
  const char *border; ///< border colour (the full-strength hue)
  const char *glyph;  ///< a character like the shape, for the legend
} AzkbNodeStyle;

/// How the edges of a family of relations look.
typedef struct {
  const char *relations;  ///< "memberOf|electedTo"; NULL: the default row
  const char *style;      ///< Graphviz edge style ("solid", "dashed", "dotted")
  const char *colour;     ///< line colour
  gboolean    structural; ///< subject is a part of object: drawn as a cluster
} AzkbEdgeStyle;

struct _AzkbDiagram {
  AzkbStore  *store;
  Agraph_t   *graph;
  guint       n_nodes;
  guint       n_edges;
  guint       n_clusters;
  const char *layout;   ///< a fixed layout ("nop" for charts), or NULL
  guint       overview; ///< entities an overview stands for, else 0
};

/* ---- what a diagram shows (select.c) ---- */

/* A selection: the nodes and statements one diagram (or one panel of small
 * multiples) draws.  Arrays per term and per statement, indexed by id. */
typedef struct {
  AzkbStore                *store;
  const AzkbDiagramOptions *opts;
  guint                     n_terms;
  guint                     n_stmts;
  gboolean                  has_at;
  guint8                   *rel_ok;        /* per term; NULL: every relation */
  guint8                   *candidate;     /* per statement */
  guint8                   *in_graph;      /* per term */
  AzkbTermId               *container;     /* per term: cluster parent, or 0 */
  AzkbTermId                centre;        /* the --around entity, or 0 */
  gboolean                  source_centre; /* centre is provenance */
  GArray                   *nodes; /* AzkbTermId, in order of addition */
} AzkbSelection;

/// A selection of @store by @opts, nothing selected yet (both borrowed).
void azkb_selection_init(AzkbSelection            *sel,
                         AzkbStore                *store,
                         const AzkbDiagramOptions *opts);

void azkb_selection_clear(AzkbSelection *sel);

/**
 * Select the nodes and candidate statements of @sel's options, each node's
 * container found.  Errors: AZKB_DIAGRAM_ERROR_EMPTY, _TOO_LARGE; a
 * located AZKB_QUERY_ERROR for the relation list; AZKB_STORE_ERROR for an
 * unknown centre.
 */
gboolean azkb_selection_select(AzkbSelection *sel, GError **error);

/// azkb_selection_select() for each of @n panels; a panel where nothing
/// matches stays empty (not an error).
gboolean azkb_selection_select_panels(AzkbSelection *panels,
                                      guint          n,
                                      GError       **error);

/// Select into @u (initialised) the union of the @n @panels: their nodes,
/// each in its container, and the statements drawn in at least one panel.
void azkb_selection_unite(AzkbSelection       *u,
                          const AzkbSelection *panels,
                          guint                n);

/// TRUE if statement @id (@st) is drawn in the panel selected by @p: a
/// candidate there with both its ends.
gboolean azkb_selection_shows(const AzkbSelection *p,
                              AzkbStmtId           id,
                              const AzkbStatement *st);

/* ---- styles and labels (style.c, text.c) ---- */

/// The style of @entity: the first table row whose class it has.
const AzkbNodeStyle *azkb_diagram_node_style(const AzkbStore *store,
                                             AzkbTermId       entity);

/// TRUE if @term is the source document or one of its paragraphs (or any
/// term the store marks as a source): provenance, drawn only when a
/// diagram is centred on it.
gboolean azkb_diagram_is_provenance(const AzkbStore *store, AzkbTermId term);

/// The style of edges of @relation (a default row for unknown ones).
const AzkbEdgeStyle *azkb_diagram_edge_style(const char *relation);

/// TRUE if @relation puts its subject inside its object.
gboolean azkb_diagram_is_structural(const char *relation);

/// The node style table, in legend order.  (transfer none)
const AzkbNodeStyle *azkb_diagram_node_styles(gsize *out_n);

/// The edge style table, in legend order.  (transfer none)
const AzkbEdgeStyle *azkb_diagram_edge_styles(gsize *out_n);

/// azkb_diagram_wrap_lines(), each line escaped as a label and joined by
/// Graphviz's centred line break.  (transfer full)
char *azkb_diagram_wrap(const char *text,
                        const char *separator,
                        guint       width,
                        guint       max_lines);

/// The label drawn on @entity's node: the name, an abbreviation when the
/// name is long, else the name wrapped.  (transfer full)
char *azkb_diagram_node_label(const AzkbStore *store, AzkbTermId entity);

/// The lines of azkb_diagram_node_label(), plain (made visible, not
/// escaped).  (transfer full)
char **azkb_diagram_node_label_lines(const AzkbStore *store, AzkbTermId entity);

/// The lines of azkb_diagram_edge_label(), plain.  (transfer full)
char **azkb_diagram_edge_label_lines(const char         *relation,
                                     const AzkbInterval *times,
                                     gsize               n_times);

/// The edge label of one relation held at @times (sorted, merged, wrapped).
/// (transfer full)
char *azkb_diagram_edge_label(const char         *relation,
                              const AzkbInterval *times,
                              gsize               n_times);

/// Longest text from the data put into a diagram, in characters; longer
/// ones are cut with "…" (text.c says why).
#define AZKB_DIAGRAM_TEXT_MAX 1000

/// @text as valid UTF-8 with control characters made visible and, with
/// @max_chars > 0, cut after that many characters with "…".
/// (transfer full)
char *azkb_diagram_visible(const char *text, guint max_chars);

/// @text made visible (as above) and escaped for a Graphviz label (an
/// escString).  (transfer full)
char *azkb_diagram_dot_label(const char *text, guint max_chars);

/// @text made visible, cut at AZKB_DIAGRAM_TEXT_MAX and guarded for a DOT
/// ID or an attribute that is not an escString (class).  (transfer full)
char *azkb_diagram_dot_id(const char *text);

/// Visible @lines escaped as one Graphviz label, joined by its centred
/// line break.  (transfer full)
char *azkb_diagram_dot_label_lines(const char *const *lines);

/// @text made visible, cut at AZKB_DIAGRAM_TEXT_MAX and escaped for a
/// Graphviz tooltip.  (transfer full)
char *azkb_diagram_dot_tooltip(const char *text);

/// @text made visible, cut at AZKB_DIAGRAM_TEXT_MAX, with &, <, > and "
/// escaped for an HTML-like label.  (transfer full)
char *azkb_diagram_html_escape(const char *text);

/// TRUE if @iri may become a link in an SVG: http or https, and no
/// character that would need quoting.
gboolean azkb_diagram_is_safe_link(const char *iri);

/**
 * Greedy wrap of the plain @text, split at @separator, into lines of at
 * most @width characters (a longer word is cut into pieces); with
 * @max_lines > 0 the rest is cut and marked with an ellipsis.  The lines
 * are plain text, not escaped.  (transfer full)
 */
char **azkb_diagram_wrap_lines(const char *text,
                               const char *separator,
                               guint       width,
                               guint       max_lines);

/* ---- Graphviz I/O (dot-io.c) ---- */

/// A new directed graph with the diagrams' I/O and ID disciplines (so that
/// azkb_diagram_to_dot() can write it).
Agraph_t *azkb_diagram_graph_open(const char *name);

/// Read DOT @text with the diagrams' ID discipline, so the clusters keep
/// the order of the text (agmemread would order them by address).
/// (transfer full) NULL on a syntax error.
Agraph_t *azkb_diagram_parse_dot(const char *text);

/// Write @data to @path through a temporary file in the same directory and
/// a rename: on error @path is untouched.  Error: AZKB_DIAGRAM_ERROR_IO.
/// (render.c)
gboolean azkb_diagram_write_atomic(const char *path,
                                   const char *data,
                                   gsize       len,
                                   GError    **error);

/* ---- small multiples (dot.c builds, multiples.c composes) ---- */

/// What one element of the union graph shows in each panel.
typedef struct {
  guint32  mask;   ///< bit i: drawn in panel i
  gboolean html;   ///< @labels are HTML-like
  char   **labels; ///< AZKB_DIAGRAM_MAX_PANELS labels, or NULL: its own
} AzkbPanelInfo;

/// The panels of small multiples and what each element shows in them.
typedef struct {
  guint        n;
  AzkbInterval times[AZKB_DIAGRAM_MAX_PANELS];
  GHashTable  *nodes; ///< node name → AzkbPanelInfo*
  GHashTable  *edges; ///< azkb_diagram_panel_edge_key() → AzkbPanelInfo*
} AzkbPanels;

void azkb_panel_info_free(gpointer info);

/// The key of an edge in AzkbPanels.edges.  (transfer full)
char *azkb_diagram_panel_edge_key(const char *tail,
                                  const char *head,
                                  const char *key);

/// Lay out @whole, the union of the panels, once with @layout (NULL: its
/// default) and draw each panel's part of it at the same positions, side
/// by side, with one legend.  (transfer full)
AzkbDiagram *azkb_diagram_compose_panels(AzkbDiagram      *whole,
                                         const AzkbPanels *panels,
                                         const char       *layout,
                                         GError          **error);

/// The DOT of @diagram laid out with @layout, positions in points, its
/// legend left out and laid out on its own into *@legend (NULL without
/// one).  (transfer full)
char *azkb_diagram_layout_text(AzkbDiagram *diagram,
                               const char  *layout,
                               char       **legend,
                               GError     **error);

/* ---- composing laid-out drawings (compose.c) ---- */

/// A box in points; empty until a point is added.
typedef struct {
  double   x0, y0, x1, y1;
  gboolean any;
} AzkbExtent;

void azkb_extent_add(AzkbExtent *e, double x, double y);

/// Add the box of laid-out node @n moved by (@dx, @dy).
void azkb_extent_add_node(AzkbExtent *e, Agnode_t *n, double dx, double dy);

/// "x0,y0,x1,y1".  (transfer full)
char *azkb_extent_text(const AzkbExtent *e);

/// A Graphviz point list (pos, bb, lp) moved by (@dx, @dy), each point
/// added to @ext if not NULL.  (transfer full)
char *azkb_compose_shift(const char *text,
                         double      dx,
                         double      dy,
                         AzkbExtent *ext);

gboolean azkb_compose_is_point_list(const char *name);
void     azkb_compose_number(GString *out, double v);
double   azkb_compose_inches(void *obj, const char *name);
void     azkb_compose_point(void *obj, double *x, double *y);
void     azkb_compose_place(void *obj, double x, double y);

/// Set @name on @obj of graph @root, interned as HTML-like when @html.
void azkb_compose_set(Agraph_t   *root,
                      void       *obj,
                      const char *name,
                      const char *value,
                      gboolean    html);

/// Declare on @to every attribute @from declares, with its default.
void azkb_compose_declare(Agraph_t *from, Agraph_t *to);

/// Copy the attributes of @from (of @kind, in graph @from_root) to @to,
/// points moved by (@dx, @dy).
void azkb_compose_copy(Agraph_t *from_root,
                       void     *from,
                       void     *to,
                       int       kind,
                       double    dx,
                       double    dy);

/// Take the legend (cluster_legend) out of @g, as a graph of its own to
/// be laid out alone.  NULL when @g has none.  (transfer full)
Agraph_t *azkb_diagram_take_legend(Agraph_t *g);

/// Arrange the rows of the laid-out @legend (dot gave the sizes) in
/// columns, as few as keep it within @max_width, each row a sample and
/// its left-aligned text.
void azkb_diagram_legend_arrange(Agraph_t *legend, double max_width);

/// Where the laid-out @legend goes in the laid-out @laid: a corner where
/// nothing is drawn, else below (or beside, for a narrow drawing).
void azkb_diagram_legend_place(Agraph_t *laid,
                               Agraph_t *legend,
                               double   *dx,
                               double   *dy);

/// Copy the arranged @legend into @laid moved by (@dx, @dy), and grow
/// @laid's bb to hold it.
void azkb_diagram_add_legend(Agraph_t *laid,
                             Agraph_t *legend,
                             double    dx,
                             double    dy);

G_END_DECLS
