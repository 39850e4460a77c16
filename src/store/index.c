/* azkb store — read views built lazily after writes: CSR adjacency of
 * statements, the per-entity side tables (classes, labels, ...) and the
 * inverse of two of them (class → members, class → subclasses).
 *
 * All are built by a counting sort: count per node, prefix sums, then place
 * records in id order.  That is O(n + nodes), allocates two arrays, and keeps
 * insertion order within a node before the per-node sort. */
#include "store-private.h"

#include <stdlib.h>
#include <string.h>

/* ---- side tables ---- */

void
side_table_init(SideTable *table, gsize element_size, SideViewFunc to_view)
{
  table->raw           = g_array_new(FALSE, FALSE, sizeof(SideRec));
  table->element_size  = element_size;
  table->to_view       = to_view;
  table->dirty         = TRUE;
  table->inverse_dirty = TRUE;
}

void
side_table_clear(SideTable *table)
{
  g_clear_pointer(&table->raw, g_array_unref);
  g_clear_pointer(&table->view, g_array_unref);
  g_clear_pointer(&table->offsets, g_free);
  g_clear_pointer(&table->inverse_offsets, g_free);
  g_clear_pointer(&table->inverse_keys, g_free);
  azkb_id_set_clear(&table->keys);
  table->n_offsets         = 0;
  table->n_inverse_offsets = 0;
  table->n_inverse_keys    = 0;
}

/* The id table of a side table holds raw index + 1; its context is the
 * side table itself. */

static guint32
side_hash(const SideRec *rec)
{
  return azkb_hash_mix(rec->key * 0x9e3779b1u ^
                       azkb_hash_mix(rec->a * 0x85ebca6bu ^ rec->b));
}

static gboolean
side_matches(gconstpointer ctx, guint32 id, gconstpointer key)
{
  const SideTable *table = ctx;
  const SideRec   *k     = key;
  const SideRec   *rec   = &g_array_index(table->raw, SideRec, id - 1);

  return rec->key == k->key && rec->a == k->a && rec->b == k->b;
}

static guint32
side_rehash(gconstpointer ctx, guint32 id)
{
  const SideTable *table = ctx;

  return side_hash(&g_array_index(table->raw, SideRec, id - 1));
}

gboolean
side_table_add(SideTable *table, guint32 key, guint32 a, guint32 b)
{
  SideRec rec  = { .key = key, .a = a, .b = b };
  guint32 hash = side_hash(&rec);

  if (azkb_id_set_find(&table->keys, hash, side_matches, table, &rec) != 0)
    return FALSE;
  g_array_append_val(table->raw, rec);
  azkb_id_set_add(&table->keys, hash, table->raw->len, side_rehash, table);
  table->dirty         = TRUE;
  table->inverse_dirty = TRUE;
  return TRUE;
}

static void
side_table_build(const AzkbStore *store, SideTable *table)
{
  const SideRec      *raw     = (const SideRec *)(gpointer)table->raw->data;
  guint               n       = table->raw->len;
  guint32             max_key = 0;
  g_autofree guint32 *cursor  = NULL;

  for (guint i = 0; i < n; i++)
    max_key = MAX(max_key, raw[i].key);
  g_clear_pointer(&table->offsets, g_free);
  g_clear_pointer(&table->view, g_array_unref);
  table->n_offsets = max_key + 2;
  table->offsets   = g_new0(guint32, table->n_offsets);
  for (guint i = 0; i < n; i++)
    table->offsets[raw[i].key + 1]++;
  for (guint32 k = 1; k < table->n_offsets; k++)
    table->offsets[k] += table->offsets[k - 1];

  table->view = g_array_sized_new(FALSE, TRUE, (guint)table->element_size, n);
  g_array_set_size(table->view, n);
  cursor = g_memdup2(table->offsets, table->n_offsets * sizeof(guint32));
  for (guint i = 0; i < n; i++) {
    guint32 at = cursor[raw[i].key]++;
    table->to_view(
      store, &raw[i], table->view->data + (gsize)at * table->element_size);
  }
  view_set_built(&table->dirty);
}

static void side_table_build_shared(const AzkbStore *store,
                                    SideTable       *table,
                                    gboolean         inverse);

gconstpointer
side_table_get(const AzkbStore *store,
               SideTable       *table,
               guint32          key,
               gsize           *out_n)
{
  guint32 first;
  guint32 last;

  if (view_is_dirty(&table->dirty))
    side_table_build_shared(store, table, FALSE);
  if (key == 0 || key + 1 >= table->n_offsets) {
    *out_n = 0;
    return NULL;
  }
  first  = table->offsets[key];
  last   = table->offsets[key + 1];
  *out_n = last - first;
  if (first == last)
    return NULL;
  return table->view->data + (gsize)first * table->element_size;
}

/* The inverse is read off the forward view rather than the raw records:
 * the forward view lists keys in ascending order, and a counting sort by a
 * keeps that order, so each group comes out sorted without a sort. */
static void
side_table_build_inverse(const AzkbStore *store, SideTable *table)
{
  const AzkbTermId   *as;
  guint32             n;
  guint32             max_a  = 0;
  g_autofree guint32 *cursor = NULL;

  g_assert(table->element_size == sizeof(AzkbTermId));
  if (view_is_dirty(&table->dirty)) /* under view_lock already */
    side_table_build(store, table);
  as = (const AzkbTermId *)(gconstpointer)table->view->data;
  n  = table->view->len;
  for (guint32 i = 0; i < n; i++)
    max_a = MAX(max_a, as[i]);
  g_clear_pointer(&table->inverse_offsets, g_free);
  g_clear_pointer(&table->inverse_keys, g_free);
  table->n_inverse_offsets = max_a + 2;
  table->inverse_offsets   = g_new0(guint32, table->n_inverse_offsets);
  for (guint32 i = 0; i < n; i++)
    table->inverse_offsets[as[i] + 1]++;
  for (guint32 k = 1; k < table->n_inverse_offsets; k++)
    table->inverse_offsets[k] += table->inverse_offsets[k - 1];

  table->n_inverse_keys = n;
  table->inverse_keys   = g_new(guint32, MAX(n, 1));
  cursor                = g_memdup2(table->inverse_offsets,
                     table->n_inverse_offsets * sizeof(guint32));
  for (guint32 key = 0; key + 1 < table->n_offsets; key++)
    for (guint32 i = table->offsets[key]; i < table->offsets[key + 1]; i++)
      table->inverse_keys[cursor[as[i]]++] = key;
  view_set_built(&table->inverse_dirty);
}

/* The view of @table, or its @inverse, built by the first reader that finds
 * it stale; out of line, as adjacency_build_shared() is. */
static G_GNUC_NO_INLINE void
side_table_build_shared(const AzkbStore *store,
                        SideTable       *table,
                        gboolean         inverse)
{
  views_lock(store);
  if (!inverse && view_is_dirty(&table->dirty))
    side_table_build(store, table);
  if (inverse && view_is_dirty(&table->inverse_dirty))
    side_table_build_inverse(store, table);
  views_unlock(store);
}

const guint32 *
side_table_get_inverse(const AzkbStore *store,
                       SideTable       *table,
                       guint32          a,
                       gsize           *out_n)
{
  guint32 first;
  guint32 last;

  if (view_is_dirty(&table->inverse_dirty))
    side_table_build_shared(store, table, TRUE);
  if (a == 0 || a + 1 >= table->n_inverse_offsets) {
    *out_n = 0;
    return NULL;
  }
  first  = table->inverse_offsets[a];
  last   = table->inverse_offsets[a + 1];
  *out_n = last - first;
  return first < last ? table->inverse_keys + first : NULL;
}

gsize
side_table_memory(const SideTable *table)
{
  gsize size = (gsize)table->raw->len * sizeof(SideRec) +
               azkb_id_set_memory(&table->keys) +
               (gsize)table->n_offsets * sizeof(guint32) +
               (gsize)table->n_inverse_offsets * sizeof(guint32) +
               (gsize)table->n_inverse_keys * sizeof(guint32);

  if (table->view != NULL)
    size += (gsize)table->view->len * table->element_size;
  return size;
}

/* ---- adjacency ---- */

void
adjacency_clear(Adjacency *adj)
{
  g_clear_pointer(&adj->offsets, g_free);
  g_clear_pointer(&adj->edges, g_free);
  g_clear_pointer(&adj->rels, g_free);
  g_clear_pointer(&adj->rel_offsets, g_free);
  g_clear_pointer(&adj->rel_nodes, g_free);
  adj->n_offsets   = 0;
  adj->n_edges     = 0;
  adj->n_rels      = 0;
  adj->n_rel_nodes = 0;
}

gsize
adjacency_memory(const Adjacency *adj)
{
  return (gsize)adj->n_offsets * sizeof(guint32) +
         adj->n_edges * sizeof(AzkbEdge) +
         (gsize)adj->n_rels * (sizeof(AzkbTermId) + sizeof(guint32)) +
         adj->n_rel_nodes * sizeof(AzkbTermId);
}

static int
edge_compare(const void *a, const void *b)
{
  const AzkbEdge *x = a;
  const AzkbEdge *y = b;

  if (x->relation != y->relation)
    return x->relation < y->relation ? -1 : 1;
  if (x->other != y->other)
    return x->other < y->other ? -1 : 1;
  if (x->stmt != y->stmt)
    return x->stmt < y->stmt ? -1 : 1;
  return 0;
}

static int
compare_ids(const void *a, const void *b)
{
  AzkbTermId x = *(const AzkbTermId *)a, y = *(const AzkbTermId *)b;

  return (x > y) - (x < y);
}

/* The index of @relation in @adj->rels, or -1. */
static gssize
rel_index(const Adjacency *adj, AzkbTermId relation)
{
  const AzkbTermId *at =
    bsearch(&relation, adj->rels, adj->n_rels, sizeof(AzkbTermId), compare_ids);

  return at != NULL ? at - adj->rels : -1;
}

/* Every run of one relation in a node's sorted slice, as (relation index,
 * node) to @fn: once per node and relation. */
typedef void (*RunFunc)(Adjacency *adj, guint32 k, AzkbTermId node);

static void
each_relation_run(Adjacency *adj, RunFunc fn)
{
  for (guint32 node = 0; node + 1 < adj->n_offsets; node++)
    for (guint32 e = adj->offsets[node]; e < adj->offsets[node + 1]; e++)
      if (e == adj->offsets[node] ||
          adj->edges[e].relation != adj->edges[e - 1].relation)
        fn(adj, (guint32)rel_index(adj, adj->edges[e].relation), node);
}

static void
count_run(Adjacency *adj, guint32 k, AzkbTermId node)
{
  (void)node;
  adj->rel_offsets[k + 1]++;
}

static void
place_run(Adjacency *adj, guint32 k, AzkbTermId node)
{
  /* rel_offsets[k] serves as the cursor, shifted back afterwards */
  adj->rel_nodes[adj->rel_offsets[k]++] = node;
}

/* The nodes of each relation (@rels: every relation of a statement,
 * sorted by id): an unanchored query that must leave its first node by
 * one relation starts from those alone, not from every entity (on a
 * sparse relation, a few of them).  Nodes are visited in id order, so each
 * relation's list comes out sorted. */
static void
relation_nodes_build(Adjacency *adj, const GArray *rels)
{
  adj->n_rels      = rels->len;
  adj->rels        = g_new(AzkbTermId, MAX(adj->n_rels, 1));
  adj->rel_offsets = g_new0(guint32, adj->n_rels + 1);
  if (rels->len > 0)
    memcpy(adj->rels, rels->data, rels->len * sizeof(AzkbTermId));
  each_relation_run(adj, count_run);
  for (guint32 k = 0; k < adj->n_rels; k++)
    adj->rel_offsets[k + 1] += adj->rel_offsets[k];
  adj->n_rel_nodes = adj->rel_offsets[adj->n_rels];
  adj->rel_nodes   = g_new(AzkbTermId, MAX(adj->n_rel_nodes, 1));
  each_relation_run(adj, place_run);
  for (guint32 k = adj->n_rels; k > 0; k--)
    adj->rel_offsets[k] = adj->rel_offsets[k - 1];
  adj->rel_offsets[0] = 0;
}

/* Edges are placed in statement order, so a node's slice is already sorted
 * by statement; sorting by (relation, other, stmt) finishes it.  Most slices
 * are short, so the per-slice sort is cheap. */
static void
adjacency_build(Adjacency     *adj,
                const StmtRec *stmts,
                guint          n_stmts,
                const GArray  *rels,
                gboolean       outgoing)
{
  guint32             max_node = 0;
  g_autofree guint32 *cursor   = NULL;

  adjacency_clear(adj);
  for (guint i = 1; i < n_stmts; i++)
    max_node = MAX(max_node, outgoing ? stmts[i].s : stmts[i].o);
  adj->n_offsets = max_node + 2;
  adj->offsets   = g_new0(guint32, adj->n_offsets);
  adj->n_edges   = n_stmts > 0 ? n_stmts - 1 : 0;
  adj->edges     = g_new(AzkbEdge, MAX(adj->n_edges, 1));
  for (guint i = 1; i < n_stmts; i++)
    adj->offsets[(outgoing ? stmts[i].s : stmts[i].o) + 1]++;
  for (guint32 k = 1; k < adj->n_offsets; k++)
    adj->offsets[k] += adj->offsets[k - 1];

  cursor = g_memdup2(adj->offsets, adj->n_offsets * sizeof(guint32));
  for (guint i = 1; i < n_stmts; i++) {
    const StmtRec *st   = &stmts[i];
    guint32        node = outgoing ? st->s : st->o;
    AzkbEdge      *e    = &adj->edges[cursor[node]++];

    e->relation = st->p;
    e->other    = outgoing ? st->o : st->s;
    e->stmt     = i;
  }
  for (guint32 k = 0; k + 1 < adj->n_offsets; k++) {
    guint32 len = adj->offsets[k + 1] - adj->offsets[k];

    if (len > 1)
      qsort(adj->edges + adj->offsets[k], len, sizeof(AzkbEdge), edge_compare);
  }
  relation_nodes_build(adj, rels);
}

/* Out of line, so that the per-call check below is a load and a branch:
 * inline, the lock's path cost every edge read 4 more instructions. */
static G_GNUC_NO_INLINE void
adjacency_build_shared(AzkbStore *store)
{
  views_lock(store);
  if (view_is_dirty(&store->adjacency_dirty)) {
    const StmtRec *stmts   = (const StmtRec *)(gpointer)store->stmts->data;
    g_autoptr(GArray) rels = store_relation_terms(store);

    /* both sides hold the same relations: found once */
    g_array_sort(rels, compare_ids);
    adjacency_build(&store->out, stmts, store->stmts->len, rels, TRUE);
    adjacency_build(&store->in, stmts, store->stmts->len, rels, FALSE);
    view_set_built(&store->adjacency_dirty);
  }
  views_unlock(store);
}

static inline void
ensure_adjacency(AzkbStore *store)
{
  if (view_is_dirty(&store->adjacency_dirty))
    adjacency_build_shared(store);
}

/* The slice of @node, narrowed to @relation by two binary searches. */
static const AzkbEdge *
adjacency_slice(const Adjacency *adj,
                AzkbTermId       node,
                AzkbTermId       relation,
                gsize           *out_n)
{
  const AzkbEdge *edges;
  gsize           lo = 0;
  gsize           hi;
  gsize           first;

  *out_n = 0;
  if (node == 0 || node + 1 >= adj->n_offsets)
    return NULL;
  edges = adj->edges + adj->offsets[node];
  hi    = adj->offsets[node + 1] - adj->offsets[node];
  if (relation == 0) {
    *out_n = hi;
    return hi ? edges : NULL;
  }
  while (lo < hi) {
    gsize mid = lo + (hi - lo) / 2;

    if (edges[mid].relation < relation)
      lo = mid + 1;
    else
      hi = mid;
  }
  first = lo;
  hi    = adj->offsets[node + 1] - adj->offsets[node];
  while (lo < hi) {
    gsize mid = lo + (hi - lo) / 2;

    if (edges[mid].relation <= relation)
      lo = mid + 1;
    else
      hi = mid;
  }
  *out_n = lo - first;
  return lo > first ? edges + first : NULL;
}

const AzkbEdge *
azkb_store_out_edges(AzkbStore *store,
                     AzkbTermId node,
                     AzkbTermId relation,
                     gsize     *out_n)
{
  gsize n;

  g_return_val_if_fail(store != NULL, NULL);
  ensure_adjacency(store);
  const AzkbEdge *edges = adjacency_slice(&store->out, node, relation, &n);
  if (out_n != NULL)
    *out_n = n;
  return edges;
}

const AzkbEdge *
azkb_store_in_edges(AzkbStore *store,
                    AzkbTermId node,
                    AzkbTermId relation,
                    gsize     *out_n)
{
  gsize n;

  g_return_val_if_fail(store != NULL, NULL);
  ensure_adjacency(store);
  const AzkbEdge *edges = adjacency_slice(&store->in, node, relation, &n);
  if (out_n != NULL)
    *out_n = n;
  return edges;
}

const AzkbTermId *
azkb_store_relation_nodes(AzkbStore *store,
                          AzkbTermId relation,
                          gboolean   incoming,
                          gsize     *out_n)
{
  const Adjacency *adj;
  gssize           k;

  g_return_val_if_fail(store != NULL, NULL);
  g_return_val_if_fail(out_n != NULL, NULL);
  ensure_adjacency(store);
  adj    = incoming ? &store->in : &store->out;
  k      = rel_index(adj, relation);
  *out_n = 0;
  if (k < 0)
    return NULL;
  *out_n = adj->rel_offsets[k + 1] - adj->rel_offsets[k];
  return adj->rel_nodes + adj->rel_offsets[k];
}
