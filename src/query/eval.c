/* Evaluation: the product search of a step's automaton and the graph, and
 * the step-by-step join of a chain into distinct rows.
 *
 * A step from one node is a breadth-first search over (node, state) pairs,
 * each pair visited once, so its cost is bounded by the edges the automaton
 * can read times its states — linear in the product, whatever the cycles.
 * The reachable sets are memoised per (step, direction, start node), so a
 * chain that meets the same node on many rows searches from it once. */
#include "query-private.h"

#include <string.h>

/* ---- a set of 64-bit keys ---- */

#define KEY_EMPTY G_MAXUINT64

void
keyset_init(KeySet *set)
{
  set->mask  = 63;
  set->len   = 0;
  set->slots = g_new(guint64, set->mask + 1);
  memset(set->slots, 0xff, (set->mask + 1) * sizeof(guint64));
}

void
keyset_clear(KeySet *set)
{
  g_clear_pointer(&set->slots, g_free);
  set->len = set->mask = 0;
}

static gsize
key_hash(guint64 key)
{
  /* Fibonacci hashing spreads consecutive node ids over the table. */
  return (gsize)((key * G_GUINT64_CONSTANT(0x9E3779B97F4A7C15)) >> 17);
}

static void
keyset_grow(KeySet *set)
{
  guint64 *old  = set->slots;
  gsize    size = set->mask + 1;

  set->mask  = size * 2 - 1;
  set->slots = g_new(guint64, size * 2);
  memset(set->slots, 0xff, size * 2 * sizeof(guint64));
  set->len = 0;
  for (gsize i = 0; i < size; i++)
    if (old[i] != KEY_EMPTY)
      keyset_add(set, old[i]);
  g_free(old);
}

gboolean
keyset_add(KeySet *set, guint64 key)
{
  gsize i;

  if ((set->len + 1) * 2 > set->mask + 1)
    keyset_grow(set);
  for (i = key_hash(key) & set->mask; set->slots[i] != KEY_EMPTY;
       i = (i + 1) & set->mask)
    if (set->slots[i] == key)
      return FALSE;
  set->slots[i] = key;
  set->len++;
  return TRUE;
}

gboolean
keyset_contains(const KeySet *set, guint64 key)
{
  for (gsize i = key_hash(key) & set->mask; set->slots[i] != KEY_EMPTY;
       i       = (i + 1) & set->mask)
    if (set->slots[i] == key)
      return TRUE;
  return FALSE;
}

/* ---- hops ---- */

gboolean
hop_filter_pass(const HopFilter *filter, AzkbStmtId stmt)
{
  AzkbStatement st;
  gint32        lo, hi;

  if (filter->n_ranges == 0)
    return TRUE;
  if (!azkb_store_get_statement(filter->store, stmt, &st))
    return FALSE;
  if (!azkb_interval_span(&st.time, &lo, &hi))
    return !filter->strict; /* undated: matches any time unless strict */
  for (guint i = 0; i < filter->n_ranges; i++)
    if (lo > filter->ranges[i]->hi || hi < filter->ranges[i]->lo)
      return FALSE;
  return TRUE;
}

static gboolean
is_literal(const AzkbStore *store, AzkbTermId term)
{
  return (azkb_store_term_kind(store, term) & AZKB_TERM_LITERAL) != 0;
}

const AzkbEdge *
label_edges(const NfaLabel *label,
            gboolean        inverse,
            AzkbStore      *store,
            AzkbTermId      node,
            gsize          *out_n)
{
  AzkbTermId rel = label->kind == PX_REL ? label->rel : 0;

  return inverse ? azkb_store_in_edges(store, node, rel, out_n)
                 : azkb_store_out_edges(store, node, rel, out_n);
}

gboolean
label_reads_edge(const NfaLabel  *label,
                 AzkbStore       *store,
                 const AzkbEdge  *edge,
                 const HopFilter *filter)
{
  /* Literal values (a theme, a count) are not nodes of the graph. */
  if (is_literal(store, edge->other))
    return FALSE;
  if (label->kind != PX_REL && !nfa_label_reads(label, edge->relation))
    return FALSE;
  return filter == NULL || hop_filter_pass(filter, edge->stmt);
}

void
nfa_each_edge(const NfaLabel  *label,
              AzkbStore       *store,
              AzkbTermId       node,
              const HopFilter *filter,
              EdgeFunc         fn,
              gpointer         data)
{
  gsize           n;
  const AzkbEdge *edges = label_edges(label, label->inverse, store, node, &n);

  for (gsize i = 0; i < n; i++)
    if (label_reads_edge(label, store, &edges[i], filter))
      fn(&edges[i], data);
}

/* ---- the product search ---- */

typedef struct {
  const Nfa *nfa;
  guint      state; ///< the position being entered
  KeySet     seen;  ///< (node, state) pairs reached
  KeySet     found; ///< nodes reached in an accepting state
  GArray    *queue; ///< guint64 keys still to expand
  GArray    *out;   ///< AzkbTermId
} Search;

static guint64
pair_key(const Nfa *nfa, AzkbTermId node, guint state)
{
  return (guint64)node * nfa->n_states + state;
}

static void
found_node(Search *s, AzkbTermId node)
{
  if (keyset_add(&s->found, node))
    g_array_append_val(s->out, node);
}

static void
visit(const AzkbEdge *edge, gpointer data)
{
  Search    *s     = data;
  AzkbTermId other = edge->other;
  guint64    key   = pair_key(s->nfa, other, s->state);

  if (!keyset_add(&s->seen, key))
    return;
  g_array_append_val(s->queue, key);
  if (s->nfa->accepting[s->state])
    found_node(s, other);
}

/* Every node reachable from @start along a word of @nfa.  (transfer full) */
static GArray *
reach(const Nfa       *nfa,
      AzkbStore       *store,
      AzkbTermId       start,
      const HopFilter *filter)
{
  Search  s   = { .nfa = nfa };
  guint64 key = pair_key(nfa, start, 0);

  keyset_init(&s.seen);
  keyset_init(&s.found);
  s.queue = g_array_new(FALSE, FALSE, sizeof(guint64));
  s.out   = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  keyset_add(&s.seen, key);
  g_array_append_val(s.queue, key);
  if (nfa->accepting[0])
    found_node(&s, start);
  for (guint head = 0; head < s.queue->len; head++) {
    guint64    k    = g_array_index(s.queue, guint64, head);
    AzkbTermId node = (AzkbTermId)(k / nfa->n_states);
    guint      q    = (guint)(k % nfa->n_states);

    for (guint i = nfa->offsets[q]; i < nfa->offsets[q + 1]; i++) {
      s.state = nfa->next[i];
      nfa_each_edge(&nfa->labels[s.state], store, node, filter, visit, &s);
    }
  }
  keyset_clear(&s.seen);
  keyset_clear(&s.found);
  g_array_unref(s.queue);
  return s.out;
}

/* ---- nodes ---- */

int
term_compare(const AzkbStore *store, AzkbTermId a, AzkbTermId b)
{
  if (a == b)
    return 0;
  return g_strcmp0(azkb_store_term_name(store, a),
                   azkb_store_term_name(store, b));
}

/* The entities a free node can stand for (zero-length paths range over
 * them too).  (transfer full) */
static GArray *
node_candidates(AzkbStore *store, const QNode *node)
{
  GArray *all;
  GArray *out;

  if (node->kind == NODE_ENTITY) {
    out = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
    g_array_append_val(out, node->entity);
    return out;
  }
  all = azkb_store_entities(store);
  if (node->cls == 0)
    return all;
  out = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  for (guint i = 0; i < all->len; i++) {
    AzkbTermId e = g_array_index(all, AzkbTermId, i);

    if (azkb_store_has_class(store, e, node->cls))
      g_array_append_val(out, e);
  }
  g_array_unref(all);
  return out;
}

/* ---- the join ---- */

typedef struct {
  AzkbQuery  *q;
  guint       width; ///< nodes per row
  HopFilter  *filters;
  GHashTable *memo; ///< (step, direction, node) → GArray of nodes
} Eval;

static void
eval_init(Eval *ev, AzkbQuery *q)
{
  ev->q       = q;
  ev->width   = q->nodes->len;
  ev->filters = g_new0(HopFilter, q->steps->len + 1);
  ev->memo    = g_hash_table_new_full(
    g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)g_array_unref);
  for (guint i = 0; i < q->steps->len; i++) {
    const QStep *step = &g_array_index(q->steps, QStep, i);
    HopFilter   *f    = &ev->filters[i];

    f->store  = q->store;
    f->strict = (q->flags & AZKB_QUERY_STRICT_TIME) != 0;
    if (step->has_time)
      f->ranges[f->n_ranges++] = &step->range;
    if (q->has_time)
      f->ranges[f->n_ranges++] = &q->range;
  }
}

static void
eval_clear(Eval *ev)
{
  g_clear_pointer(&ev->filters, g_free);
  g_clear_pointer(&ev->memo, g_hash_table_unref);
}

static const GArray *
step_reach(Eval *ev, guint step, gboolean backward, AzkbTermId from)
{
  const QStep *s     = &g_array_index(ev->q->steps, QStep, step);
  gint64       key   = ((gint64)step << 33) | ((gint64)backward << 32) | from;
  GArray      *found = g_hash_table_lookup(ev->memo, &key);

  if (found == NULL) {
    found =
      reach(backward ? s->bwd : s->fwd, ev->q->store, from, &ev->filters[step]);
    g_hash_table_insert(ev->memo, g_memdup2(&key, sizeof key), found);
  }
  return found;
}

/* May node @i of the chain be @term, given what @row binds already? */
static gboolean
node_accepts(const Eval *ev, guint i, AzkbTermId term, const AzkbTermId *row)
{
  const QNode *node = &g_array_index(ev->q->nodes, QNode, i);

  if (node->kind == NODE_ENTITY)
    return term == node->entity;
  if (node->cls != 0 && !azkb_store_has_class(ev->q->store, term, node->cls))
    return FALSE;
  if (node->var < 0)
    return TRUE;
  for (guint j = 0; j < ev->width; j++) {
    const QNode *other = &g_array_index(ev->q->nodes, QNode, j);

    if (j != i && other->var == node->var && row[j] != 0 && row[j] != term)
      return FALSE;
  }
  return TRUE;
}

static int
compare_rows(gconstpointer a, gconstpointer b, gpointer user_data)
{
  guint width = GPOINTER_TO_UINT(user_data);

  return memcmp(a, b, width * sizeof(AzkbTermId));
}

/* Sort @rows and drop repeats: rows are sets at every stage. */
static void
unique_rows(GArray *rows, guint width)
{
  gsize       n     = rows->len / width;
  AzkbTermId *cells = (AzkbTermId *)(void *)rows->data;
  gsize       kept  = 0;

  if (n < 2)
    return;
  g_qsort_with_data(cells,
                    (gint)n,
                    width * sizeof(AzkbTermId),
                    compare_rows,
                    GUINT_TO_POINTER(width));
  for (gsize i = 0; i < n; i++)
    if (kept == 0 || memcmp(cells + (kept - 1) * width,
                            cells + i * width,
                            width * sizeof(AzkbTermId)) != 0) {
      memmove(
        cells + kept * width, cells + i * width, width * sizeof(AzkbTermId));
      kept++;
    }
  g_array_set_size(rows, (guint)(kept * width));
}

/* Forget nodes no later step needs (constants and anonymous nodes behind
 * the frontier), so rows that differ only there merge. */
static void
forget_hidden(const Eval *ev, GArray *rows, guint keep_a, guint keep_b)
{
  AzkbTermId *cells = (AzkbTermId *)(void *)rows->data;
  gsize       n     = rows->len / ev->width;

  for (guint j = 0; j < ev->width; j++) {
    const QNode *node = &g_array_index(ev->q->nodes, QNode, j);

    if (node->var >= 0 || j == keep_a || j == keep_b)
      continue;
    for (gsize r = 0; r < n; r++)
      cells[r * ev->width + j] = 0;
  }
  unique_rows(rows, ev->width);
}

/* Extend every row across step @step, from node @from to node @to. */
static GArray *
extend(Eval *ev, GArray *rows, guint step, guint from, guint to)
{
  GArray *out = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  gsize   n   = rows->len / ev->width;

  for (gsize r = 0; r < n; r++) {
    const AzkbTermId *row  = &g_array_index(rows, AzkbTermId, r * ev->width);
    const GArray     *next = step_reach(ev, step, to < from, row[from]);

    for (guint k = 0; k < next->len; k++) {
      AzkbTermId t = g_array_index(next, AzkbTermId, k);
      guint      base;

      row = &g_array_index(rows, AzkbTermId, r * ev->width);
      if (!node_accepts(ev, to, t, row))
        continue;
      base = out->len;
      g_array_append_vals(out, row, ev->width);
      g_array_index(out, AzkbTermId, base + to) = t;
    }
  }
  g_array_unref(rows);
  return out;
}

/* The node to start from: a named entity, else a node with a class. */
static guint
choose_anchor(const AzkbQuery *q)
{
  for (guint i = 0; i < q->nodes->len; i++)
    if (g_array_index(q->nodes, QNode, i).kind == NODE_ENTITY)
      return i;
  for (guint i = 0; i < q->nodes->len; i++)
    if (g_array_index(q->nodes, QNode, i).cls != 0)
      return i;
  return 0;
}

static GArray *
join_chain(Eval *ev, guint anchor)
{
  GArray *rows = g_array_new(FALSE, TRUE, sizeof(AzkbTermId));
  g_autoptr(GArray) start =
    node_candidates(ev->q->store, &g_array_index(ev->q->nodes, QNode, anchor));

  for (guint i = 0; i < start->len; i++) {
    guint base = rows->len;

    g_array_set_size(rows, base + ev->width);
    g_array_index(rows, AzkbTermId, base + anchor) =
      g_array_index(start, AzkbTermId, i);
  }
  for (guint i = anchor; i + 1 < ev->width; i++) {
    rows = extend(ev, rows, i, i, i + 1);
    forget_hidden(ev, rows, anchor, i + 1);
  }
  for (guint i = anchor; i > 0; i--) {
    rows = extend(ev, rows, i - 1, i, i - 1);
    forget_hidden(ev, rows, i - 1, i - 1);
  }
  return rows;
}

/* ---- results ---- */

struct _AzkbResult {
  grefcount  ref;
  AzkbStore *store;
  GPtrArray *columns; ///< char *
  GArray    *cells;   ///< AzkbTermId, n_rows * width
  guint      n_rows;
};

typedef struct {
  const AzkbStore *store;
  guint            width;
} RowOrder;

static int
compare_named_rows(gconstpointer a, gconstpointer b, gpointer user_data)
{
  const RowOrder   *order = user_data;
  const AzkbTermId *x     = a;
  const AzkbTermId *y     = b;

  for (guint i = 0; i < order->width; i++) {
    int c = term_compare(order->store, x[i], y[i]);
    if (c != 0)
      return c;
  }
  return 0;
}

/* Project @rows onto the named variables, one column each. */
static AzkbResult *
make_result(Eval *ev, GArray *rows, guint limit)
{
  AzkbResult     *res   = g_new0(AzkbResult, 1);
  guint           width = ev->q->vars->len;
  gsize           n     = rows->len / ev->width;
  g_autofree int *first = g_new0(int, width + 1);
  RowOrder        order = { ev->q->store, width };

  g_ref_count_init(&res->ref);
  res->store   = azkb_store_ref(ev->q->store);
  res->columns = g_ptr_array_new_with_free_func(g_free);
  res->cells   = g_array_new(FALSE, TRUE, sizeof(AzkbTermId));
  for (guint v = 0; v < width; v++)
    g_ptr_array_add(res->columns, g_strdup(g_ptr_array_index(ev->q->vars, v)));
  for (guint j = ev->width; j-- > 0;) {
    int var = g_array_index(ev->q->nodes, QNode, j).var;
    if (var >= 0)
      first[var] = (int)j;
  }
  for (gsize r = 0; r < n; r++)
    for (guint v = 0; v < width; v++)
      g_array_append_val(
        res->cells, g_array_index(rows, AzkbTermId, r * ev->width + first[v]));
  if (width == 0) {
    /* A pattern without variables is a yes/no question. */
    res->n_rows = n > 0;
    return res;
  }
  unique_rows(res->cells, width);
  res->n_rows = res->cells->len / width;
  g_qsort_with_data(res->cells->data,
                    (gint)res->n_rows,
                    width * sizeof(AzkbTermId),
                    compare_named_rows,
                    &order);
  if (limit > 0 && res->n_rows > limit) {
    res->n_rows = limit;
    g_array_set_size(res->cells, limit * width);
  }
  return res;
}

AzkbResult *
azkb_query_execute(AzkbQuery *query, guint limit)
{
  Eval        ev;
  GArray     *rows;
  AzkbResult *res;

  g_return_val_if_fail(query != NULL, NULL);
  eval_init(&ev, query);
  rows = join_chain(&ev, choose_anchor(query));
  res  = make_result(&ev, rows, limit);
  g_array_unref(rows);
  eval_clear(&ev);
  return res;
}

AzkbResult *
azkb_result_ref(AzkbResult *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  g_ref_count_inc(&result->ref);
  return result;
}

void
azkb_result_unref(AzkbResult *result)
{
  if (result == NULL || !g_ref_count_dec(&result->ref))
    return;
  g_clear_pointer(&result->store, azkb_store_unref);
  g_clear_pointer(&result->columns, g_ptr_array_unref);
  g_clear_pointer(&result->cells, g_array_unref);
  g_free(result);
}

guint
azkb_result_n_columns(const AzkbResult *result)
{
  return result->columns->len;
}

const char *
azkb_result_column_name(const AzkbResult *result, guint column)
{
  g_return_val_if_fail(column < result->columns->len, NULL);
  return g_ptr_array_index(result->columns, column);
}

guint
azkb_result_n_rows(const AzkbResult *result)
{
  return result->n_rows;
}

const AzkbTermId *
azkb_result_row(const AzkbResult *result, guint row)
{
  g_return_val_if_fail(row < result->n_rows, NULL);
  return &g_array_index(result->cells, AzkbTermId, row * result->columns->len);
}

/* ---- explain ---- */

static void
explain_node(const AzkbQuery *q, const QNode *node, GString *out)
{
  switch (node->kind) {
    case NODE_ENTITY:
      g_string_append_printf(out,
                             "entity %s (“%s”)",
                             azkb_store_term_name(q->store, node->entity),
                             azkb_store_display_name(q->store, node->entity));
      break;
    case NODE_VAR:
      g_string_append_printf(out, "variable ?%s", node->name);
      break;
    case NODE_ANON:
      g_string_append(out, "anonymous node ?");
      break;
  }
  if (node->cls != 0)
    g_string_append_printf(out,
                           ", of class %s (or a subclass)",
                           azkb_store_term_name(q->store, node->cls));
}

static void
explain_step(const AzkbQuery *q, guint i, GString *out)
{
  const QStep *step = &g_array_index(q->steps, QStep, i);

  g_string_append_printf(out, "  step %u (column %u): -", i + 1, step->column);
  px_print(step->expr, q->store, out);
  g_string_append(out, "->");
  if (step->backward)
    g_string_append(out, " (written backwards)");
  g_string_append_c(out, '\n');
  if (step->has_time)
    g_string_append_printf(
      out, "    time: every hop overlaps %s\n", step->time_text);
  g_string_append_printf(
    out, "    automaton, %u states:\n", step->fwd->n_states);
  nfa_print(step->fwd, q->store, out);
}

char *
azkb_query_explain(AzkbQuery *query)
{
  GString *out = g_string_new(NULL);
  guint    anchor;

  g_return_val_if_fail(query != NULL, NULL);
  g_string_append_printf(out, "pattern: %s\n", query->text);
  for (guint i = 0; i < query->nodes->len; i++) {
    g_string_append_printf(out, "  node %u: ", i + 1);
    explain_node(query, &g_array_index(query->nodes, QNode, i), out);
    g_string_append_c(out, '\n');
    if (i < query->steps->len)
      explain_step(query, i, out);
  }
  if (query->has_time) {
    g_autofree char *t =
      azkb_interval_to_string(&query->time, AZKB_TIME_STYLE_ISO);
    g_string_append_printf(out, "time: every hop overlaps %s\n", t);
  }
  g_string_append_printf(out,
                         "undated statements: %s\n",
                         query->flags & AZKB_QUERY_STRICT_TIME
                           ? "fail time filters (strict)"
                           : "match any time");
  anchor = choose_anchor(query);
  g_string_append_printf(out, "evaluation: start at node %u", anchor + 1);
  if (anchor < query->steps->len)
    g_string_append_printf(
      out, ", steps %u..%u rightwards", anchor + 1, query->steps->len);
  if (anchor > 0)
    g_string_append_printf(out, ", steps %u..1 leftwards", anchor);
  g_string_append(out,
                  "; each step a breadth-first search over (node, "
                  "state) pairs\n");
  return g_string_free(out, FALSE);
}
