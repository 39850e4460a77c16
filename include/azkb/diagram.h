/* azkb — relationship diagrams through Graphviz.
 *
 * A diagram is a selection of the store drawn as a graph: entities are
 * nodes, styled by class from one style table; the statements of one
 * relation between one pair are merged on one edge whose label carries the
 * relation and every time it held ("electedTo 2003–2005, 2017–2019");
 * structural relations (partOf, principalOrganOf) become clusters, so a
 * body's parts sit inside it; a legend lists the classes and edge styles
 * present.  The graph is built with cgraph and written with agwrite, or laid
 * out and rendered in-process with gvc.  Only src/diagram/ includes
 * Graphviz headers.
 *
 * Selection (AzkbDiagramOptions), applied in this order:
 *   1. candidate statements: entity-to-entity statements whose relation
 *      passes the relation filter and, with a time filter, whose valid time
 *      overlaps it (precision-aware, azkb_interval_overlaps()) or which are
 *      undated (timeless facts such as structure are kept);
 *      with explicit statements (a query's matches) only those;
 *   2. nodes: the endpoints of the candidates — with a time filter only of
 *      the dated ones, so undated structure alone brings no node in; the
 *      whole knowledge base without filters also shows isolated entities;
 *      with a centre entity, the nodes within the given number of hops of
 *      it over the candidates (with a time filter, over the dated ones);
 *      a centre that is provenance (a source paragraph or document) is
 *      drawn with the entities of the statements it states one hop away;
 *      with explicit nodes (the entities a query matched), those, so the
 *      diagram is the subgraph they induce among the candidates;
 *   3. structure: the containers (objects of undated structural
 *      statements among the candidates, or with explicit nodes among all
 *      statements that pass the filters) of every node are added, so a
 *      committee is always drawn inside its organisation;
 *   4. edges: every candidate statement between two nodes; those shown as a
 *      cluster are not drawn again as an edge.
 * Above AZKB_DIAGRAM_OVERVIEW nodes, unless `full` is asked for, the
 * selection is drawn as an overview: its entities counted by class.
 *
 * Threads: a diagram is used by one thread at a time, with its store.
 * Graphviz keeps process-wide state (its error callback, its plugins):
 * the library serializes layout and rendering, but build and draw
 * diagrams from one thread at a time.  Open ends run to the present the
 * options name (NULL: today).
 */
#pragma once

#include <azkb/error.h>
#include <azkb/export.h>
#include <azkb/rdf.h>
#include <azkb/store.h>
#include <azkb/time.h>
#include <glib.h>

G_BEGIN_DECLS

/// Above this many nodes the default layout is sfdp with overlap removal.
#define AZKB_DIAGRAM_LARGE 400

/// Above this many nodes a diagram is an overview (one node per class)
/// unless AzkbDiagramOptions.full is set.
#define AZKB_DIAGRAM_OVERVIEW 300

/// The IRI base used when none is given (the same as the RDF export's).
#define AZKB_DIAGRAM_DEFAULT_BASE AZKB_RDF_DEFAULT_BASE

typedef struct _AzkbDiagram AzkbDiagram;

/// What to draw.  Zero-initialised, it draws the whole knowledge base.
typedef struct {
  /// Centre entity (id, label or abbreviation), or NULL for no centre.
  const char *around;
  /// Hops from @around (0 is taken as 1).
  guint depth;
  /// Restrict to these statements, or NULL.
  const AzkbStmtId *statements;
  gsize             n_statements;
  /// Draw these entities (a query's matches) and what links them, or NULL.
  const AzkbTermId *nodes;
  gsize             n_nodes;
  /// Snapshot time; an undated interval (all zero) means no time filter.
  AzkbInterval at;
  /// Where open ends run to (for @at and the order of labels); NULL: today.
  const AzkbDate *present;
  /// Relation filter "partOf|electedTo" (names, `|`-separated), or NULL.
  const char *relations;
  /// IRI base for node links (BASE "id/" SLUG), or NULL for the default.
  const char *base;
  /// Refuse selections of more than this many nodes; 0: no cap.
  guint max_nodes;
  /// A title drawn above the legend, or NULL.
  const char *title;
  /// TRUE to leave the legend out.
  gboolean no_legend;
  /// TRUE to draw every entity however many: without it, a selection of
  /// more than AZKB_DIAGRAM_OVERVIEW nodes is drawn as an overview, one
  /// node per class (its count and its best connected entities, "+N
  /// more") and one edge per class, relation and class (the count of its
  /// statements).
  gboolean full;
} AzkbDiagramOptions;

/**
 * Select from @store by @options and build the graph.  @options may be NULL
 * (the whole knowledge base).  Errors: AZKB_STORE_ERROR_UNKNOWN_ENTITY or
 * _AMBIGUOUS for @around; AZKB_QUERY_ERROR_UNKNOWN_RELATION for a relation
 * name in the filter that no statement uses (with suggestions);
 * AZKB_DIAGRAM_ERROR_EMPTY when nothing is selected;
 * AZKB_DIAGRAM_ERROR_TOO_LARGE above @options->max_nodes.
 * (transfer full)
 */
AZKB_API AzkbDiagram *azkb_diagram_new(AzkbStore                *store,
                                       const AzkbDiagramOptions *options,
                                       GError                  **error);

/// Free @diagram.  Accepts NULL.
AZKB_API void azkb_diagram_free(AzkbDiagram *diagram);

/// Entity nodes drawn (the legend is not counted); for an overview, its
/// class nodes.
AZKB_API guint azkb_diagram_n_nodes(const AzkbDiagram *diagram);

/// Edges drawn (merged statements count once).
AZKB_API guint azkb_diagram_n_edges(const AzkbDiagram *diagram);

/// For an overview, the number of entities it stands for; else 0.
AZKB_API guint azkb_diagram_overview(const AzkbDiagram *diagram);

/// Clusters drawn (one per container).
AZKB_API guint azkb_diagram_n_clusters(const AzkbDiagram *diagram);

/// The DOT text, as cgraph's agwrite writes it.  (transfer full)
AZKB_API char *azkb_diagram_to_dot(AzkbDiagram *diagram);

/**
 * Write the DOT text to @path atomically (a temporary file in the same
 * directory, renamed over @path): on error @path is untouched.
 * Error: AZKB_DIAGRAM_ERROR_IO.
 */
AZKB_API gboolean azkb_diagram_write_dot(AzkbDiagram *diagram,
                                         const char  *path,
                                         GError     **error);

/// Layout engines azkb offers.  (transfer none) NULL-terminated.
AZKB_API const char *const *azkb_diagram_layouts(void);

/// Output formats azkb offers.  (transfer none) NULL-terminated.
AZKB_API const char *const *azkb_diagram_formats(void);

/// "dot", or "sfdp" when the diagram has more than AZKB_DIAGRAM_LARGE nodes.
AZKB_API const char *azkb_diagram_default_layout(const AzkbDiagram *diagram);

/**
 * Lay out with @layout (NULL: the default) and render to @format ("svg",
 * "png", "pdf", "dot" for laid-out DOT).  Errors:
 * AZKB_DIAGRAM_ERROR_LAYOUT for an unknown or failing layout,
 * AZKB_DIAGRAM_ERROR_RENDER for an unknown or failing format.
 * (transfer full)
 */
AZKB_API GBytes *azkb_diagram_render(AzkbDiagram *diagram,
                                     const char  *format,
                                     const char  *layout,
                                     GError     **error);

/// azkb_diagram_render() into @path, written atomically as above.
AZKB_API gboolean azkb_diagram_render_file(AzkbDiagram *diagram,
                                           const char  *format,
                                           const char  *layout,
                                           const char  *path,
                                           GError     **error);

/**
 * A timeline of @entity (id, label or abbreviation): its dated statements
 * as a Gantt-style chart, one row per statement grouped by relation and
 * the entity at the other end; bars for terms, diamonds for points in
 * time, an arrow for an open end; years on an axis; each mark's tooltip is
 * the statement with its sources.  Its positions are fixed, so
 * azkb_diagram_render() ignores the layout asked for.  @title heads it
 * (NULL: the entity's name); open ends run to @present (NULL: today).
 * Errors: AZKB_STORE_ERROR_UNKNOWN_ENTITY or
 * _AMBIGUOUS; AZKB_DIAGRAM_ERROR_EMPTY when it has no dated statement.
 * (transfer full)
 */
AZKB_API AzkbDiagram *azkb_diagram_timeline_new(AzkbStore      *store,
                                                const char     *entity,
                                                const char     *title,
                                                const AzkbDate *present,
                                                GError        **error);

/// Most panels of azkb_diagram_snapshots_new().
#define AZKB_DIAGRAM_MAX_PANELS 8

/**
 * Small multiples: the selection of @options (its `at` ignored) at each of
 * @times (1 to AZKB_DIAGRAM_MAX_PANELS dated intervals), drawn side by
 * side with the same position for the same node in every panel, so that
 * what changes between the times is what appears and disappears.  The
 * union of the panels' selections is laid out once with @layout (NULL:
 * the default layout), and each panel draws its part of that drawing: its
 * nodes, its edges, the labels with only the times valid in it; a panel
 * where nothing is valid is left empty.  Each panel is headed by its time;
 * one legend, below, covers all of them.  Positions are fixed, so
 * azkb_diagram_render() ignores the layout asked for, and
 * azkb_diagram_to_dot() gives the positioned DOT (render it with
 * `neato -n2`).  Errors: as azkb_diagram_new(), and
 * AZKB_DIAGRAM_ERROR_LAYOUT when the layout fails.  (transfer full)
 */
AZKB_API AzkbDiagram *azkb_diagram_snapshots_new(
  AzkbStore                *store,
  const AzkbDiagramOptions *options,
  const AzkbInterval       *times,
  gsize                     n_times,
  const char               *layout,
  GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AzkbDiagram, azkb_diagram_free)

G_END_DECLS
