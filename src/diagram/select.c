/* What a diagram shows: the entities and statements a selection
 * (AzkbDiagramOptions: relations, a time, a centre and its depth, given
 * nodes or statements) takes from the store, with the containers each
 * node is drawn in; and the union of the selections of small multiples.
 * The rules are in include/azkb/diagram.h; dot.c draws what is selected. */
#include "../query/located-private.h"
#include "diagram-private.h"

#include <string.h>

void
azkb_selection_init(AzkbSelection            *sel,
                    AzkbStore                *store,
                    const AzkbDiagramOptions *opts)
{
  sel->store   = store;
  sel->opts    = opts;
  sel->n_terms = azkb_store_n_terms(store);
  sel->n_stmts = azkb_store_n_statements(store);
  sel->has_at  = !azkb_interval_is_undated(&opts->at);
}

void
azkb_selection_clear(AzkbSelection *sel)
{
  g_clear_pointer(&sel->rel_ok, g_free);
  g_clear_pointer(&sel->candidate, g_free);
  g_clear_pointer(&sel->in_graph, g_free);
  g_clear_pointer(&sel->container, g_free);
  g_clear_pointer(&sel->nodes, g_array_unref);
}

/* An entity that is drawn as a node: not a class, relation or literal,
 * which the store may also mark as entities.  Provenance (the source
 * document and its paragraphs) is drawn only in a diagram centred on it. */
static gboolean
is_drawable(const AzkbSelection *sel, AzkbTermId term)
{
  AzkbTermKind kind = azkb_store_term_kind(sel->store, term);

  if (term == sel->centre && term != 0)
    return TRUE;
  if ((kind & AZKB_TERM_ENTITY) == 0 ||
      (kind & (AZKB_TERM_CLASS | AZKB_TERM_RELATION | AZKB_TERM_PROPERTY |
               AZKB_TERM_LITERAL)) != 0)
    return FALSE;
  return sel->source_centre || !azkb_diagram_is_provenance(sel->store, term);
}

static void
add_node(AzkbSelection *sel, AzkbTermId term)
{
  if (sel->in_graph[term])
    return;
  sel->in_graph[term] = TRUE;
  g_array_append_val(sel->nodes, term);
}

/* ---- relation filter ---- */

static gboolean
unknown_relation(const AzkbSelection *sel,
                 const char          *name,
                 gsize                column,
                 GError             **error)
{
  g_auto(GStrv) near =
    azkb_store_suggest(sel->store, name, AZKB_TERM_RELATION, 3);
  g_autofree char *hint = NULL;

  if (near != NULL && near[0] != NULL) {
    g_autofree char *list = g_strjoinv(", ", near);
    hint                  = g_strdup_printf("; did you mean %s?", list);
  }
  query_error_at(error,
                 AZKB_QUERY_ERROR_UNKNOWN_RELATION,
                 (guint)column,
                 "unknown relation “%s”%s",
                 name,
                 hint ? hint : "");
  if (error != NULL)
    query_error_set_part(*error, AZKB_QUERY_PART_RELATIONS);
  return FALSE;
}

/* "a|b|c": names of relations, spaces around them allowed. */
static gboolean
parse_relations(AzkbSelection *sel, GError **error)
{
  const char *expr = sel->opts->relations;
  const char *p    = expr;

  if (expr == NULL)
    return TRUE;
  sel->rel_ok = g_new0(guint8, sel->n_terms + 1);
  for (;;) {
    const char      *bar    = strchr(p, '|');
    gsize            len    = bar ? (gsize)(bar - p) : strlen(p);
    g_autofree char *raw    = g_strndup(p, len);
    char            *name   = g_strstrip(raw);
    gsize            column = (gsize)(p - expr) + 1 + (gsize)(strspn(p, " \t"));
    AzkbTermId       rel;

    if (*name == '\0') {
      query_error_at(error,
                     AZKB_QUERY_ERROR_SYNTAX,
                     (guint)column,
                     "expected a relation name");
      if (error != NULL)
        query_error_set_part(*error, AZKB_QUERY_PART_RELATIONS);
      return FALSE;
    }
    rel = azkb_store_lookup(sel->store, name);
    if (rel == 0 ||
        (azkb_store_term_kind(sel->store, rel) & AZKB_TERM_RELATION) == 0)
      return unknown_relation(sel, name, column, error);
    sel->rel_ok[rel] = TRUE;
    if (bar == NULL)
      return TRUE;
    p = bar + 1;
  }
}

/* ---- candidate statements ---- */

static gboolean
statement_passes(const AzkbSelection *sel, const AzkbStatement *st)
{
  if (!is_drawable(sel, st->subject) || !is_drawable(sel, st->object))
    return FALSE;
  if (sel->rel_ok != NULL && !sel->rel_ok[st->relation])
    return FALSE;
  if (sel->has_at && !azkb_interval_is_undated(&st->time) &&
      !azkb_interval_overlaps_at(&st->time, &sel->opts->at, sel->opts->present))
    return FALSE;
  return TRUE;
}

static void
mark_candidate(AzkbSelection *sel, AzkbStmtId id)
{
  AzkbStatement st;

  if (azkb_store_get_statement(sel->store, id, &st) &&
      statement_passes(sel, &st))
    sel->candidate[id] = TRUE;
}

static void
collect_candidates(AzkbSelection *sel)
{
  sel->candidate = g_new0(guint8, sel->n_stmts + 1);
  if (sel->opts->statements != NULL) {
    for (gsize i = 0; i < sel->opts->n_statements; i++)
      if (sel->opts->statements[i] <= sel->n_stmts)
        mark_candidate(sel, sel->opts->statements[i]);
    return;
  }
  for (AzkbStmtId id = 1; id <= sel->n_stmts; id++)
    mark_candidate(sel, id);
}

/* ---- nodes ---- */

static gboolean
no_filter(const AzkbSelection *sel)
{
  return !sel->has_at && sel->opts->relations == NULL &&
         sel->opts->statements == NULL;
}

static void
collect_given(AzkbSelection *sel)
{
  for (gsize i = 0; i < sel->opts->n_nodes; i++) {
    AzkbTermId term = sel->opts->nodes[i];

    if (term != 0 && term <= sel->n_terms && is_drawable(sel, term))
      add_node(sel, term);
  }
}

static void
collect_everything(AzkbSelection *sel)
{
  for (AzkbStmtId id = 1; id <= sel->n_stmts; id++) {
    AzkbStatement st;

    if (!sel->candidate[id])
      continue;
    azkb_store_get_statement(sel->store, id, &st);
    /* Under a time filter undated structure alone brings no node in. */
    if (sel->has_at && azkb_interval_is_undated(&st.time))
      continue;
    add_node(sel, st.subject);
    add_node(sel, st.object);
  }
  if (no_filter(sel)) {
    g_autoptr(GArray) all = azkb_store_entities(sel->store);

    for (guint i = 0; i < all->len; i++) {
      AzkbTermId term = g_array_index(all, AzkbTermId, i);

      if (is_drawable(sel, term))
        add_node(sel, term);
    }
  }
}

/* Does candidate @stmt bring its other end in?  Under a time filter an
 * undated statement does not (as for the whole graph): structure still
 * draws a node's containers, in collect_structure(). */
static gboolean
brings_in(const AzkbSelection *sel, AzkbStmtId stmt)
{
  AzkbStatement st;

  if (!sel->candidate[stmt])
    return FALSE;
  if (!sel->has_at)
    return TRUE;
  azkb_store_get_statement(sel->store, stmt, &st);
  return !azkb_interval_is_undated(&st.time);
}

static void
visit_edges(AzkbSelection *sel, const AzkbEdge *edges, gsize n, GArray *next)
{
  for (gsize i = 0; i < n; i++)
    if (!sel->in_graph[edges[i].other] && brings_in(sel, edges[i].stmt)) {
      add_node(sel, edges[i].other);
      g_array_append_val(next, edges[i].other);
    }
}

/* The centre is resolved before the candidates are chosen: whether it is
 * provenance decides what may be drawn. */
static gboolean
resolve_centre(AzkbSelection *sel, GError **error)
{
  if (sel->opts->around == NULL)
    return TRUE;
  sel->centre =
    azkb_store_resolve(sel->store, sel->opts->around, AZKB_TERM_ENTITY, error);
  if (sel->centre == 0)
    return FALSE;
  sel->source_centre = azkb_diagram_is_provenance(sel->store, sel->centre);
  return TRUE;
}

/* A source's neighbours are also the entities of the statements it states
 * (one hop away, as if it were linked to them). */
static void
visit_cited(AzkbSelection *sel, GArray *next)
{
  for (AzkbStmtId id = 1; id <= sel->n_stmts; id++) {
    g_autoptr(GArray) sources = NULL;
    AzkbStatement st;

    if (!sel->candidate[id])
      continue;
    sources = azkb_store_statement_sources(sel->store, id);
    for (guint k = 0; k < sources->len; k++)
      if (g_array_index(sources, AzkbTermId, k) == sel->centre) {
        azkb_store_get_statement(sel->store, id, &st);
        for (int end = 0; end < 2; end++) {
          AzkbTermId term = end ? st.object : st.subject;

          if (!sel->in_graph[term]) {
            add_node(sel, term);
            g_array_append_val(next, term);
          }
        }
        break;
      }
  }
}

/* Breadth-first over the candidates, in both directions. */
static void
collect_around(AzkbSelection *sel)
{
  g_autoptr(GArray) frontier = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  guint depth                = MAX(sel->opts->depth, 1);

  add_node(sel, sel->centre);
  g_array_append_val(frontier, sel->centre);
  for (guint d = 0; d < depth && frontier->len > 0; d++) {
    g_autoptr(GArray) next = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));

    if (d == 0 && sel->source_centre)
      visit_cited(sel, next);
    for (guint i = 0; i < frontier->len; i++) {
      AzkbTermId      node = g_array_index(frontier, AzkbTermId, i);
      gsize           n;
      const AzkbEdge *edges;

      edges = azkb_store_out_edges(sel->store, node, 0, &n);
      visit_edges(sel, edges, n, next);
      edges = azkb_store_in_edges(sel->store, node, 0, &n);
      visit_edges(sel, edges, n, next);
    }
    g_array_unref(frontier);
    frontier = g_steal_pointer(&next);
  }
}

/* ---- structure ---- */

/* The container of @node: the object of an undated structural candidate
 * statement; of several, the first by name, so the choice is stable. */
static AzkbTermId
find_container(AzkbSelection *sel, AzkbTermId node)
{
  gsize           n;
  const AzkbEdge *edges = azkb_store_out_edges(sel->store, node, 0, &n);
  AzkbTermId      best  = 0;

  for (gsize i = 0; i < n; i++) {
    AzkbStatement st;

    if (!azkb_diagram_is_structural(
          azkb_store_term_name(sel->store, edges[i].relation)))
      continue;
    azkb_store_get_statement(sel->store, edges[i].stmt, &st);
    /* A query's entities (given nodes) are drawn in their structure too,
     * though the pattern's statements do not hold it. */
    if (!sel->candidate[edges[i].stmt] &&
        !(sel->opts->nodes != NULL && statement_passes(sel, &st)))
      continue;
    if (!azkb_interval_is_undated(&st.time) || edges[i].other == node)
      continue;
    if (best == 0 || strcmp(azkb_store_term_name(sel->store, edges[i].other),
                            azkb_store_term_name(sel->store, best)) < 0)
      best = edges[i].other;
  }
  return best;
}

/* A container chain that comes back to where it started would nest a
 * cluster inside itself: cut it at the node that closes the cycle. */
static void
break_cycles(AzkbSelection *sel)
{
  for (guint i = 0; i < sel->nodes->len; i++) {
    AzkbTermId node = g_array_index(sel->nodes, AzkbTermId, i);
    AzkbTermId up   = sel->container[node];

    for (guint steps = 0; up != 0 && steps <= sel->nodes->len; steps++) {
      if (up == node) {
        sel->container[node] = 0;
        break;
      }
      up = sel->container[up];
    }
  }
}

/* Containers join the selection (the list grows while it is walked, so
 * their own containers are found too). */
static void
collect_structure(AzkbSelection *sel)
{
  sel->container = g_new0(AzkbTermId, sel->n_terms + 1);
  for (guint i = 0; i < sel->nodes->len; i++) {
    AzkbTermId node = g_array_index(sel->nodes, AzkbTermId, i);
    AzkbTermId up   = find_container(sel, node);

    sel->container[node] = up;
    if (up != 0)
      add_node(sel, up);
  }
  break_cycles(sel);
}

gboolean
azkb_selection_select(AzkbSelection *sel, GError **error)
{
  sel->in_graph = g_new0(guint8, sel->n_terms + 1);
  sel->nodes    = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  if (!parse_relations(sel, error) || !resolve_centre(sel, error))
    return FALSE;
  collect_candidates(sel);
  if (sel->centre != 0)
    collect_around(sel);
  else if (sel->opts->nodes != NULL)
    collect_given(sel);
  else
    collect_everything(sel);
  collect_structure(sel);
  if (sel->nodes->len == 0) {
    g_set_error(error,
                AZKB_DIAGRAM_ERROR,
                AZKB_DIAGRAM_ERROR_EMPTY,
                "nothing to draw: no statement matches the selection");
    return FALSE;
  }
  if (sel->opts->max_nodes > 0 && sel->nodes->len > sel->opts->max_nodes) {
    g_set_error(error,
                AZKB_DIAGRAM_ERROR,
                AZKB_DIAGRAM_ERROR_TOO_LARGE,
                "the diagram would have %u nodes, more than the limit of "
                "%u",
                sel->nodes->len,
                sel->opts->max_nodes);
    return FALSE;
  }
  return TRUE;
}

/* ---- small multiples ---- */

gboolean
azkb_selection_shows(const AzkbSelection *p,
                     AzkbStmtId           id,
                     const AzkbStatement *st)
{
  return p->candidate[id] && p->in_graph[st->subject] &&
         p->in_graph[st->object];
}

/* The union of the panels' selections: their nodes, and the statements
 * drawn in at least one panel, each node in the container it has there
 * (the same in every panel: undated structure passes every time filter). */
void
azkb_selection_unite(AzkbSelection *u, const AzkbSelection *panels, guint n)
{
  u->in_graph  = g_new0(guint8, u->n_terms + 1);
  u->candidate = g_new0(guint8, u->n_stmts + 1);
  u->container = g_new0(AzkbTermId, u->n_terms + 1);
  u->nodes     = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  for (guint i = 0; i < n; i++)
    for (guint k = 0; k < panels[i].nodes->len; k++) {
      AzkbTermId node = g_array_index(panels[i].nodes, AzkbTermId, k);

      if (!u->in_graph[node])
        u->container[node] = panels[i].container[node];
      add_node(u, node);
    }
  for (AzkbStmtId id = 1; id <= u->n_stmts; id++)
    for (guint i = 0; i < n && !u->candidate[id]; i++) {
      AzkbStatement st;

      if (!panels[i].candidate[id])
        continue;
      azkb_store_get_statement(u->store, id, &st);
      u->candidate[id] = azkb_selection_shows(&panels[i], id, &st);
    }
  break_cycles(u);
}

/* Each panel's selection; a panel where nothing is valid stays empty. */
gboolean
azkb_selection_select_panels(AzkbSelection *panels, guint n, GError **error)
{
  for (guint i = 0; i < n; i++) {
    g_autoptr(GError) local = NULL;

    if (azkb_selection_select(&panels[i], &local))
      continue;
    if (!g_error_matches(local, AZKB_DIAGRAM_ERROR, AZKB_DIAGRAM_ERROR_EMPTY)) {
      g_propagate_error(error, g_steal_pointer(&local));
      return FALSE;
    }
  }
  return TRUE;
}
