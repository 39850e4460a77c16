/* Shortest connections between two entities (`azkb path`).
 *
 * The same product search as a query step, over the automaton of
 * `(VIA|^VIA)+`, but remembering for every (node, state) pair its distance
 * and the pairs it was first reached from at that distance.  The search
 * stops after the layer where the target is first reached, so every
 * shortest connection can be read back from the parent links. */
#include "query-private.h"

#include <string.h>

typedef struct {
  guint64 key;   ///< (node, state)
  guint   dist;  ///< hops from the start
  guint   links; ///< first parent link + 1, 0 = none
} Rec;

typedef struct {
  guint      prev; ///< parent record
  AzkbTermId relation;
  gboolean   forward;
  guint      next; ///< next parent link of the same record + 1
} Link;

typedef struct {
  const Nfa       *nfa;
  AzkbStore       *store;
  const HopFilter *filter;
  GArray          *recs;  ///< Rec, in BFS order (the queue)
  GArray          *links; ///< Link
  GHashTable      *index; ///< key → record index + 1
  guint            cur;   ///< record being expanded
  guint            state; ///< position being entered
  gboolean         forward;
  AzkbTermId       target;
  guint            found; ///< distance of the target, G_MAXUINT until found
  gboolean         all;
} PathSearch;

static AzkbTermId
rec_node(const PathSearch *ps, guint rec)
{
  return (AzkbTermId)(g_array_index(ps->recs, Rec, rec).key /
                      ps->nfa->n_states);
}

static guint
rec_state(const PathSearch *ps, guint rec)
{
  return (guint)(g_array_index(ps->recs, Rec, rec).key % ps->nfa->n_states);
}

static guint
lookup(const PathSearch *ps, guint64 key)
{
  return GPOINTER_TO_UINT(g_hash_table_lookup(ps->index, &key));
}

static guint
add_rec(PathSearch *ps, guint64 key, guint dist)
{
  Rec rec = { key, dist, 0 };

  g_array_append_val(ps->recs, rec);
  g_hash_table_insert(
    ps->index, g_memdup2(&key, sizeof key), GUINT_TO_POINTER(ps->recs->len));
  return ps->recs->len - 1;
}

/* Record that @rec is reached from the current record over one hop,
 * unless the same hop already leads there. */
static void
add_link(PathSearch *ps, guint rec, AzkbTermId relation)
{
  Rec *r    = &g_array_index(ps->recs, Rec, rec);
  Link link = { ps->cur, relation, ps->forward, r->links };

  for (guint l = r->links; l != 0;) {
    const Link *old = &g_array_index(ps->links, Link, l - 1);

    if (old->prev == ps->cur && old->relation == relation &&
        old->forward == ps->forward)
      return;
    l = old->next;
  }
  g_array_append_val(ps->links, link);
  r->links = ps->links->len;
}

static void
visit_hop(const AzkbEdge *edge, gpointer data)
{
  PathSearch *ps   = data;
  guint       dist = g_array_index(ps->recs, Rec, ps->cur).dist + 1;
  guint64     key  = (guint64)edge->other * ps->nfa->n_states + ps->state;
  guint       rec  = lookup(ps, key);

  if (rec == 0)
    rec = add_rec(ps, key, dist) + 1;
  if (g_array_index(ps->recs, Rec, rec - 1).dist != dist)
    return;
  add_link(ps, rec - 1, edge->relation);
  if (edge->other == ps->target && ps->nfa->accepting[ps->state])
    ps->found = MIN(ps->found, dist);
}

static void
search(PathSearch *ps, AzkbTermId from, guint max_hops)
{
  add_rec(ps, (guint64)from * ps->nfa->n_states, 0);
  for (ps->cur = 0; ps->cur < ps->recs->len; ps->cur++) {
    guint      dist = g_array_index(ps->recs, Rec, ps->cur).dist;
    AzkbTermId node = rec_node(ps, ps->cur);
    guint      q    = rec_state(ps, ps->cur);

    /* Layers are expanded in order: once the target's layer is
     * complete, nothing further can be as short. */
    if (dist >= max_hops || dist >= ps->found)
      break;
    for (guint i = ps->nfa->offsets[q]; i < ps->nfa->offsets[q + 1]; i++) {
      ps->state   = ps->nfa->next[i];
      ps->forward = !ps->nfa->labels[ps->state].inverse;
      nfa_each_edge(&ps->nfa->labels[ps->state],
                    ps->store,
                    node,
                    ps->filter,
                    visit_hop,
                    ps);
    }
    if (!ps->all && ps->found != G_MAXUINT)
      break;
  }
}

/* ---- reading connections back ---- */

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

typedef struct {
  GPtrArray  *paths;
  GHashTable *seen;  ///< connection keys already emitted
  GArray     *stack; ///< Link *, target first
  guint       max_paths;
  guint       budget; ///< walks left, against pathological fan-out
} Walk;

static void
emit(const PathSearch *ps, Walk *w, guint last)
{
  g_autoptr(GString) key = g_string_new(NULL);
  GArray *hops           = g_array_new(FALSE, TRUE, sizeof(AzkbHop));
  guint   to             = last;

  g_array_set_clear_func(hops, clear_hop);
  /* The stack runs from the target back to the start. */
  for (guint i = w->stack->len; i-- > 0;) {
    const Link *link = g_array_index(w->stack, const Link *, i);
    guint       next =
      i > 0 ? g_array_index(w->stack, const Link *, i - 1)->prev : to;
    AzkbHop hop = { rec_node(ps, link->prev),
                    rec_node(ps, next),
                    link->relation,
                    link->forward,
                    NULL };

    g_string_append_printf(
      key, "%u %u %d %u,", hop.from, hop.relation, hop.forward, hop.to);
    hop.stmts = hop_statements(ps, &hop);
    g_array_append_val(hops, hop);
  }
  if (g_hash_table_contains(w->seen, key->str)) {
    g_array_unref(hops);
    return;
  }
  g_hash_table_add(w->seen, g_strdup(key->str));
  g_ptr_array_add(w->paths, hops);
}

static void
walk_back(const PathSearch *ps, Walk *w, guint rec, guint target)
{
  if (w->paths->len >= w->max_paths || w->budget == 0)
    return;
  w->budget--;
  if (rec == 0) {
    emit(ps, w, target);
    return;
  }
  for (guint l = g_array_index(ps->recs, Rec, rec).links; l != 0;) {
    const Link *link = &g_array_index(ps->links, Link, l - 1);

    g_array_append_val(w->stack, link);
    walk_back(ps, w, link->prev, target);
    g_array_set_size(w->stack, w->stack->len - 1);
    l = link->next;
  }
}

/* Connections in a stable order: hop by hop, by the names met. */
static int
compare_paths(gconstpointer a, gconstpointer b, gpointer user_data)
{
  const GArray    *x     = *(GArray *const *)a;
  const GArray    *y     = *(GArray *const *)b;
  const AzkbStore *store = user_data;

  for (guint i = 0; i < x->len && i < y->len; i++) {
    const AzkbHop *h = &g_array_index(x, AzkbHop, i);
    const AzkbHop *k = &g_array_index(y, AzkbHop, i);
    int            c = term_compare(store, h->to, k->to);

    if (c == 0)
      c = term_compare(store, h->relation, k->relation);
    if (c == 0 && h->forward != k->forward)
      c = h->forward ? -1 : 1;
    if (c != 0)
      return c;
  }
  return x->len < y->len ? -1 : x->len > y->len;
}

static GPtrArray *
read_paths(const PathSearch *ps, guint max_paths)
{
  Walk w = { 0 };

  w.paths     = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
  w.seen      = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  w.stack     = g_array_new(FALSE, FALSE, sizeof(const Link *));
  w.max_paths = max_paths;
  w.budget    = max_paths * 1000;
  for (guint r = 0; r < ps->recs->len && ps->found != G_MAXUINT; r++) {
    const Rec *rec = &g_array_index(ps->recs, Rec, r);

    if (rec->dist == ps->found && rec_node(ps, r) == ps->target &&
        ps->nfa->accepting[rec_state(ps, r)])
      walk_back(ps, &w, r, r);
  }
  g_hash_table_unref(w.seen);
  g_array_unref(w.stack);
  g_ptr_array_sort_with_data(w.paths, compare_paths, ps->store);
  return w.paths;
}

/* The automaton of (VIA|^VIA)+. */
static Nfa *
connection_automaton(AzkbStore *store, const char *via, GError **error)
{
  g_autoptr(Px) base = NULL;
  g_autoptr(Px) px   = px_new(PX_REPEAT);
  Px *alt;

  base =
    via != NULL ? parse_path_expression(via, store, error) : px_new(PX_ANY);
  if (base == NULL) {
    g_prefix_error(error, "--via: ");
    return NULL;
  }
  alt     = px_new(PX_ALT);
  alt->a  = px_copy(base);
  alt->b  = px_inverse(base);
  px->a   = alt;
  px->min = 1;
  px->max = PX_INF;
  return nfa_compile(px, error);
}

GPtrArray *
azkb_path_find(AzkbStore             *store,
               AzkbTermId             from,
               AzkbTermId             to,
               const AzkbPathOptions *options,
               GError               **error)
{
  g_autoptr(Nfa) nfa = NULL;
  DayRange   range;
  HopFilter  filter = { store, { &range, NULL }, 0, FALSE };
  PathSearch ps     = { 0 };
  GPtrArray *paths;
  guint      max_paths;

  g_return_val_if_fail(store != NULL && options != NULL, NULL);
  nfa = connection_automaton(store, options->via, error);
  if (nfa == NULL)
    return NULL;
  if (options->at != NULL) {
    range           = day_range_of(options->at);
    filter.n_ranges = 1;
  }
  filter.strict = (options->flags & AZKB_QUERY_STRICT_TIME) != 0;
  ps.nfa        = nfa;
  ps.store      = store;
  ps.filter     = &filter;
  ps.recs       = g_array_new(FALSE, FALSE, sizeof(Rec));
  ps.links      = g_array_new(FALSE, FALSE, sizeof(Link));
  ps.index  = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
  ps.target = to;
  ps.found  = G_MAXUINT;
  ps.all    = options->all_shortest;
  search(&ps, from, options->max_hops > 0 ? options->max_hops : 6);
  max_paths = !options->all_shortest   ? 1
              : options->max_paths > 0 ? options->max_paths
                                       : 100;
  paths     = read_paths(&ps, max_paths);
  g_array_unref(ps.recs);
  g_array_unref(ps.links);
  g_hash_table_unref(ps.index);
  return paths;
}
