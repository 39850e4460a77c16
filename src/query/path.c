/* Shortest connections between two entities (`azkb path`).
 *
 * A connection spells a word of the automaton of `(VIA|^VIA)+`, so the
 * search runs over (node, state) pairs like a query step.  It runs from
 * both ends: forwards from (FROM, start) and backwards from (TO, each
 * accepting state) over reversed transitions and edges, one whole layer at
 * a time, always on the side whose frontier touches fewer edges.  Once the
 * two radii add up to the shortest meeting found, no shorter connection can
 * have been missed; once they add up to the hop limit, none within it
 * exists.  The work is thus bounded by the neighbourhoods of the two ends
 * within about half the connection's length, never by the whole graph.
 *
 * Connections are then read off the graph of shortest connections hop by
 * hop, smallest hop first (compare_paths' order), so the one connection
 * asked for by default is the first of --all-shortest's list and the cap
 * on their number cuts that list at a fixed place. */
#include "query-private.h"

#include <string.h>

/* ---- the search ---- */

typedef struct {
  AzkbKeyMap dist;     ///< pair → distance from this end
  GArray    *frontier; ///< guint64 pairs at distance radius
  guint      radius;
  guint64    cost; ///< edges at the frontier's nodes: the next layer's work
  gboolean   done; ///< nothing left to reach: every distance is known
} Side;

typedef struct {
  const Nfa       *nfa;
  AzkbStore       *store;
  const HopFilter *filter;
  AzkbTermId       from;
  AzkbTermId       to;
  guint           *prev_offsets; ///< [n_states + 1]: prev(p) is prev[..]
  guint           *prev;         ///< states q with p in follow(q)
  Side             fwd;
  Side             bwd;
  guint            best; ///< shortest meeting so far, G_MAXUINT for none
} PathSearch;

static guint64
make_pair(const PathSearch *ps, AzkbTermId node, guint state)
{
  return (guint64)node * ps->nfa->n_states + state;
}

static AzkbTermId
pair_node(const PathSearch *ps, guint64 pair)
{
  return (AzkbTermId)(pair / ps->nfa->n_states);
}

static guint
pair_state(const PathSearch *ps, guint64 pair)
{
  return (guint)(pair % ps->nfa->n_states);
}

/* The reversed transitions: which states lead into each position. */
static void
reverse_transitions(PathSearch *ps)
{
  const Nfa        *nfa  = ps->nfa;
  guint             n    = nfa->offsets[nfa->n_states];
  g_autofree guint *fill = g_new0(guint, nfa->n_states + 1);

  ps->prev_offsets = g_new0(guint, nfa->n_states + 1);
  ps->prev         = g_new(guint, MAX(n, 1u));
  for (guint i = 0; i < n; i++)
    ps->prev_offsets[nfa->next[i] + 1]++;
  for (guint p = 0; p < nfa->n_states; p++)
    ps->prev_offsets[p + 1] += ps->prev_offsets[p];
  memcpy(fill, ps->prev_offsets, (nfa->n_states + 1) * sizeof(guint));
  for (guint q = 0; q < nfa->n_states; q++)
    for (guint i = nfa->offsets[q]; i < nfa->offsets[q + 1]; i++)
      ps->prev[fill[nfa->next[i]]++] = q;
}

/* Called for each pair one hop away, with the hop's relation and whether
 * it crosses its statements from subject to object. */
typedef void (*PairFunc)(PathSearch *ps,
                         guint64     pair,
                         AzkbTermId  relation,
                         gboolean    forward,
                         gpointer    data);

/* Every pair one hop after @pair. */
static void
each_next(PathSearch *ps, guint64 pair, PairFunc fn, gpointer data)
{
  const Nfa *nfa  = ps->nfa;
  AzkbTermId node = pair_node(ps, pair);
  guint      q    = pair_state(ps, pair);

  for (guint i = nfa->offsets[q]; i < nfa->offsets[q + 1]; i++) {
    guint           p     = nfa->next[i];
    const NfaLabel *label = &nfa->labels[p];
    gsize           n;
    const AzkbEdge *edges =
      label_edges(label, label->inverse, ps->store, node, &n);

    for (gsize e = 0; e < n; e++)
      if (label_reads_edge(label, ps->store, &edges[e], ps->filter))
        fn(ps,
           make_pair(ps, edges[e].other, p),
           edges[e].relation,
           !label->inverse,
           data);
  }
}

/* Every pair one hop before @pair.  A pair of the start state is only
 * useful at FROM: nothing else is ever reached in it. */
static void
each_prev(PathSearch *ps, guint64 pair, PairFunc fn, gpointer data)
{
  AzkbTermId      node  = pair_node(ps, pair);
  guint           p     = pair_state(ps, pair);
  const NfaLabel *label = &ps->nfa->labels[p];
  gsize           n;
  const AzkbEdge *edges;

  if (p == 0)
    return;
  edges = label_edges(label, !label->inverse, ps->store, node, &n);
  for (gsize e = 0; e < n; e++) {
    AzkbTermId other = edges[e].other;

    if (!label_reads_edge(label, ps->store, &edges[e], ps->filter))
      continue;
    for (guint i = ps->prev_offsets[p]; i < ps->prev_offsets[p + 1]; i++)
      if (ps->prev[i] != 0 || other == ps->from)
        fn(ps,
           make_pair(ps, other, ps->prev[i]),
           edges[e].relation,
           !label->inverse,
           data);
  }
}

static guint64
node_degree(PathSearch *ps, AzkbTermId node)
{
  gsize n_out, n_in;

  azkb_store_out_edges(ps->store, node, 0, &n_out);
  azkb_store_in_edges(ps->store, node, 0, &n_in);
  return 1 + n_out + n_in;
}

typedef struct {
  Side   *side;
  Side   *other;
  GArray *next;
  guint64 cost;
} Grow;

static void
grow_pair(PathSearch         *ps,
          guint64             pair,
          AzkbTermId relation G_GNUC_UNUSED,
          gboolean forward    G_GNUC_UNUSED,
          gpointer            data)
{
  Grow   *g = data;
  guint32 there;

  if (!azkb_key_map_add(&g->side->dist, pair, g->side->radius + 1))
    return;
  g_array_append_val(g->next, pair);
  g->cost += node_degree(ps, pair_node(ps, pair));
  there = azkb_key_map_get(&g->other->dist, pair);
  if (there != AZKB_KEY_MAP_NONE)
    ps->best = MIN(ps->best, g->side->radius + 1 + there);
}

/* Expand the whole frontier of @side by one layer. */
static void
expand(PathSearch *ps, Side *side)
{
  Grow g = { side,
             side == &ps->fwd ? &ps->bwd : &ps->fwd,
             g_array_new(FALSE, FALSE, sizeof(guint64)),
             0 };

  for (guint i = 0; i < side->frontier->len; i++) {
    guint64 pair = g_array_index(side->frontier, guint64, i);

    if (side == &ps->fwd)
      each_next(ps, pair, grow_pair, &g);
    else
      each_prev(ps, pair, grow_pair, &g);
  }
  g_array_unref(side->frontier);
  side->frontier = g.next;
  side->radius++;
  side->cost = g.cost;
  side->done = g.next->len == 0;
}

static void
side_init(Side *side)
{
  azkb_key_map_init(&side->dist);
  side->frontier = g_array_new(FALSE, FALSE, sizeof(guint64));
}

static void
side_start(PathSearch *ps, Side *side, guint64 pair)
{
  if (azkb_key_map_add(&side->dist, pair, 0)) {
    g_array_append_val(side->frontier, pair);
    side->cost += node_degree(ps, pair_node(ps, pair));
  }
}

/* The two radii together: connections up to this long have all been met
 * (G_MAXUINT once one side has reached everything it can). */
static guint
covered(const PathSearch *ps)
{
  if (ps->fwd.done || ps->bwd.done)
    return G_MAXUINT;
  return ps->fwd.radius + ps->bwd.radius;
}

static void
search(PathSearch *ps, guint max_hops)
{
  side_start(ps, &ps->fwd, make_pair(ps, ps->from, 0));
  for (guint p = 1; p < ps->nfa->n_states; p++)
    if (ps->nfa->accepting[p])
      side_start(ps, &ps->bwd, make_pair(ps, ps->to, p));
  ps->fwd.done = ps->fwd.frontier->len == 0;
  ps->bwd.done = ps->bwd.frontier->len == 0;
  for (guint i = 0; i < ps->bwd.frontier->len; i++) {
    guint64 pair = g_array_index(ps->bwd.frontier, guint64, i);

    if (azkb_key_map_get(&ps->fwd.dist, pair) != AZKB_KEY_MAP_NONE)
      ps->best = 0;
  }
  while (ps->best > covered(ps) && covered(ps) < max_hops)
    expand(ps, ps->fwd.cost <= ps->bwd.cost ? &ps->fwd : &ps->bwd);
  if (ps->best > max_hops)
    ps->best = G_MAXUINT;
}

static void
search_clear(PathSearch *ps)
{
  azkb_key_map_clear(&ps->fwd.dist);
  azkb_key_map_clear(&ps->bwd.dist);
  g_clear_pointer(&ps->fwd.frontier, g_array_unref);
  g_clear_pointer(&ps->bwd.frontier, g_array_unref);
  g_clear_pointer(&ps->prev_offsets, g_free);
  g_clear_pointer(&ps->prev, g_free);
}

/* ---- the graph of shortest connections ---- */

/* Every shortest connection passes position `cut` at a pair whose forward
 * distance is cut and backward distance best - cut, both of them exact
 * (the cut lies within both radii).  Past the cut a pair is on a shortest
 * connection when its backward distance fits; before it, when it leads to
 * such a pair at the cut, which `useful` records. */
typedef struct {
  PathSearch *ps;
  guint       cut;
  AzkbKeySet  useful;
  GArray     *layer; ///< pairs being marked (mark_useful)
  guint       position;
} Dag;

static gboolean
on_dag(const Dag *dag, guint64 pair, guint position)
{
  if (position >= dag->cut)
    return azkb_key_map_get(&dag->ps->bwd.dist, pair) ==
           dag->ps->best - position;
  return azkb_key_map_get(&dag->ps->fwd.dist, pair) == position &&
         azkb_key_set_contains(&dag->useful, pair);
}

static void
mark_pair(PathSearch         *ps,
          guint64             pair,
          AzkbTermId relation G_GNUC_UNUSED,
          gboolean forward    G_GNUC_UNUSED,
          gpointer            data)
{
  Dag *dag = data;

  if (azkb_key_map_get(&ps->fwd.dist, pair) == dag->position &&
      azkb_key_set_add(&dag->useful, pair))
    g_array_append_val(dag->layer, pair);
}

static void
mark_useful(Dag *dag)
{
  PathSearch *ps   = dag->ps;
  GArray     *here = g_array_new(FALSE, FALSE, sizeof(guint64));

  azkb_key_set_init(&dag->useful);
  for (gsize i = 0; i <= ps->fwd.dist.mask; i++) {
    guint64 pair = ps->fwd.dist.keys[i];

    if (pair != AZKB_KEY_FREE && ps->fwd.dist.values[i] == dag->cut &&
        azkb_key_map_get(&ps->bwd.dist, pair) == ps->best - dag->cut &&
        azkb_key_set_add(&dag->useful, pair))
      g_array_append_val(here, pair);
  }
  for (guint position = dag->cut; position > 0; position--) {
    dag->layer    = g_array_new(FALSE, FALSE, sizeof(guint64));
    dag->position = position - 1;
    for (guint i = 0; i < here->len; i++)
      each_prev(ps, g_array_index(here, guint64, i), mark_pair, dag);
    g_array_unref(here);
    here = g_steal_pointer(&dag->layer);
  }
  g_array_unref(here);
}

/* ---- reading connections off it ---- */

static void
clear_hop(gpointer data)
{
  AzkbHop *hop = data;

  g_clear_pointer(&hop->stmts, g_array_unref);
}

static GArray *
hop_statements(const PathSearch *ps, const AzkbHop *hop)
{
  GArray         *out = g_array_new(FALSE, FALSE, sizeof(AzkbStmtId));
  gsize           n;
  const AzkbEdge *edges =
    hop->forward ? azkb_store_out_edges(ps->store, hop->from, hop->relation, &n)
                 : azkb_store_in_edges(ps->store, hop->from, hop->relation, &n);

  for (gsize i = 0; i < n; i++)
    if (edges[i].other == hop->to &&
        (ps->filter == NULL || hop_filter_pass(ps->filter, edges[i].stmt)))
      g_array_append_val(out, edges[i].stmt);
  return out;
}

/* One way on from the pairs reached so far. */
typedef struct {
  AzkbTermId to;
  AzkbTermId relation;
  gboolean   forward;
  guint64    pair;
} Next;

typedef struct {
  Dag       *dag;
  GPtrArray *paths;
  guint      max_paths;
  GArray    *hops; ///< AzkbHop without statements: the connection so far
  GArray    *next; ///< Next, being collected
  guint      position;
} Walk;

static void
collect_next(PathSearch *ps,
             guint64     pair,
             AzkbTermId  relation,
             gboolean    forward,
             gpointer    data)
{
  Walk *w = data;
  Next  n = { pair_node(ps, pair), relation, forward, pair };

  if (on_dag(w->dag, pair, w->position + 1))
    g_array_append_val(w->next, n);
}

/* The order of hops (and so of connections): by the node reached, the
 * relation, forwards before backwards. */
static int
compare_hops(const AzkbStore *store,
             AzkbTermId       to_a,
             AzkbTermId       rel_a,
             gboolean         fwd_a,
             AzkbTermId       to_b,
             AzkbTermId       rel_b,
             gboolean         fwd_b)
{
  int c = term_compare(store, to_a, to_b);

  if (c == 0)
    c = term_compare(store, rel_a, rel_b);
  if (c == 0 && fwd_a != fwd_b)
    c = fwd_a ? -1 : 1;
  return c;
}

static int
compare_next(gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Next *x = a;
  const Next *y = b;
  int         c = compare_hops(
    user_data, x->to, x->relation, x->forward, y->to, y->relation, y->forward);

  if (c != 0)
    return c;
  return x->pair < y->pair ? -1 : x->pair > y->pair;
}

static void
emit(Walk *w)
{
  const PathSearch *ps   = w->dag->ps;
  GArray           *hops = g_array_new(FALSE, TRUE, sizeof(AzkbHop));

  g_array_set_clear_func(hops, clear_hop);
  for (guint i = 0; i < w->hops->len; i++) {
    AzkbHop hop = g_array_index(w->hops, AzkbHop, i);

    hop.stmts = hop_statements(ps, &hop);
    g_array_append_val(hops, hop);
  }
  g_ptr_array_add(w->paths, hops);
}

/* Follow every hop out of @pairs (all at one node, reached by the same
 * hops) that stays on a shortest connection, smallest hop first; pairs
 * reached by the same hop go on together, so no connection comes twice. */
static void
walk(Walk *w, const guint64 *pairs, guint n_pairs, AzkbTermId node)
{
  PathSearch *ps          = w->dag->ps;
  guint       position    = w->hops->len;
  g_autoptr(GArray) next  = g_array_new(FALSE, FALSE, sizeof(Next));
  g_autoptr(GArray) group = g_array_new(FALSE, FALSE, sizeof(guint64));

  if (position == ps->best) {
    emit(w);
    return;
  }
  w->next     = next;
  w->position = position;
  for (guint i = 0; i < n_pairs; i++)
    each_next(ps, pairs[i], collect_next, w);
  g_array_sort_with_data(next, compare_next, ps->store);
  for (guint i = 0; i < next->len && w->paths->len < w->max_paths;) {
    const Next *first = &g_array_index(next, Next, i);
    AzkbHop hop = { node, first->to, first->relation, first->forward, NULL };

    g_array_set_size(group, 0);
    for (; i < next->len; i++) {
      const Next *x = &g_array_index(next, Next, i);

      if (x->to != hop.to || x->relation != hop.relation ||
          x->forward != hop.forward)
        break;
      if (group->len == 0 ||
          g_array_index(group, guint64, group->len - 1) != x->pair)
        g_array_append_val(group, x->pair);
    }
    g_array_append_val(w->hops, hop);
    walk(w, (const guint64 *)(gpointer)group->data, group->len, hop.to);
    g_array_set_size(w->hops, position);
  }
}

static GPtrArray *
read_paths(PathSearch *ps, guint max_paths)
{
  GPtrArray *paths =
    g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
  Dag     dag   = { ps, 0, { 0 }, NULL, 0 };
  Walk    w     = { &dag, paths, max_paths, NULL, NULL, 0 };
  guint64 start = make_pair(ps, ps->from, 0);

  if (ps->best == G_MAXUINT)
    return paths;
  if (!ps->bwd.done && ps->best > ps->bwd.radius)
    dag.cut = ps->best - ps->bwd.radius;
  mark_useful(&dag);
  w.hops = g_array_new(FALSE, FALSE, sizeof(AzkbHop));
  walk(&w, &start, 1, ps->from);
  g_array_unref(w.hops);
  azkb_key_set_clear(&dag.useful);
  return paths;
}

/* The automaton of (VIA|^VIA)+. */
static Nfa *
connection_automaton(AzkbStore *store, const char *via, GError **error)
{
  g_autoptr(Px) base = NULL;
  g_autoptr(Px) px   = px_new(PX_REPEAT);
  Px  *alt;
  Nfa *nfa;

  base =
    via != NULL ? parse_path_expression(via, store, error) : px_new(PX_ANY);
  if (base == NULL) {
    query_error_set_part(*error, AZKB_QUERY_PART_VIA);
    return NULL;
  }
  alt     = px_new(PX_ALT);
  alt->a  = px_copy(base);
  alt->b  = px_inverse(base);
  px->a   = alt;
  px->min = 1;
  px->max = PX_INF;
  nfa     = nfa_compile(px, error);
  if (nfa == NULL) {
    /* The expression parsed within the limit, but a connection reads it
     * both ways, twice its size: say so, and whose text it is. */
    g_prefix_error(error, "read both ways (as a connection does), ");
    query_error_set_part(*error, AZKB_QUERY_PART_VIA);
  }
  return nfa;
}

GPtrArray *
azkb_path_find(AzkbStore             *store,
               AzkbTermId             from,
               AzkbTermId             to,
               const AzkbPathOptions *options,
               GError               **error)
{
  g_autoptr(Nfa) nfa = NULL;
  DayRange range;
  AzkbDate present =
    options->present != NULL ? *options->present : azkb_time_today();
  HopFilter  filter = { store, { &range, NULL }, 0, FALSE, &present };
  PathSearch ps     = { 0 };
  GPtrArray *paths;
  guint      max_paths;

  g_return_val_if_fail(store != NULL && options != NULL, NULL);
  nfa = connection_automaton(store, options->via, error);
  if (nfa == NULL)
    return NULL;
  if (options->at != NULL) {
    range           = day_range_of(options->at, &present);
    filter.n_ranges = 1;
  }
  filter.strict = (options->flags & AZKB_QUERY_STRICT_TIME) != 0;
  ps.nfa        = nfa;
  ps.store      = store;
  ps.filter     = &filter;
  ps.from       = from;
  ps.to         = to;
  ps.best       = G_MAXUINT;
  reverse_transitions(&ps);
  side_init(&ps.fwd);
  side_init(&ps.bwd);
  search(&ps, options->max_hops > 0 ? options->max_hops : 6);
  max_paths = !options->all_shortest   ? 1
              : options->max_paths > 0 ? options->max_paths
                                       : 100;
  paths     = read_paths(&ps, max_paths);
  search_clear(&ps);
  return paths;
}
