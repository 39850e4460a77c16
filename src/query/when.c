/* `--when`: the time of a whole row, in sequenced semantics.
 *
 * A row holds at instant t when the untimed pattern matches it in the
 * graph of the statements valid at t.  With the nodes of a row fixed, that
 * set of instants is the intersection over the steps of the instants at
 * which the step's path exists between its two nodes, and a node no column
 * shows (an anonymous node, a node bound only on the way) contributes the
 * union over its bindings: ∪ over hidden bindings of ∩ over steps.
 *
 * Within a step, the instants at which some path spelling a word of the
 * automaton leads from u to v are the union over such paths of the
 * intersection of their hops' spans.  That is a fixpoint over (node,
 * state) pairs labelled with sets of days: the start pair holds always;
 * crossing a statement intersects with its span; a pair's label is the
 * union of what reaches it.  Labels only grow and each is a union of the
 * elementary intervals between the graph's distinct date boundaries, so
 * the worklist ends; a pair is searched again only when its label grew.
 * No query is run per elementary interval.
 *
 * The chain is then joined as eval.c joins it, from the same anchor and
 * forgetting the same nodes, but each partial row carries its set of days:
 * extending a row intersects with the step's set for its two nodes, and
 * rows that become equal when a node is forgotten merge by union.  A row
 * whose set becomes empty never held in one snapshot and is dropped.
 *
 * A step that binds its statement (a time variable, qualifiers) or ends at
 * a literal is crossed one statement at a time, the row's set met with the
 * statement's span; the statement stays in the row (after the nodes), so
 * rows that bind different statements never merge, and temporal
 * constraints filter the full rows before they are projected.  With
 * sources, no node is forgotten: each full row finds its witnesses on the
 * first day it held. */
#include "query-private.h"

#include <string.h>

/* ---- a growing buffer of day ranges ---- */

/* Sets are slices of one buffer, addressed by offset: the buffer moves as
 * it grows, so no pointer into it is kept across an append. */
typedef struct {
  AzkbDayRange *data;
  gsize         len, cap;
} Ranges;

static void
ranges_clear(Ranges *r)
{
  g_clear_pointer(&r->data, g_free);
  r->len = r->cap = 0;
}

/* Room for @n more ranges: pointers into @r taken before are stale. */
static void
ranges_reserve(Ranges *r, gsize n)
{
  if (r->len + n <= r->cap)
    return;
  r->cap  = MAX(MAX(r->cap * 2, r->len + n), 256);
  r->data = g_renew(AzkbDayRange, r->data, r->cap);
}

/* Copy @n ranges (which may lie in another buffer) to the end of @r. */
static WhenSet
ranges_append(Ranges *r, const AzkbDayRange *src, gsize n)
{
  WhenSet set = { (guint32)r->len, (guint32)n };

  ranges_reserve(r, n);
  if (n > 0)
    memcpy(r->data + r->len, src, n * sizeof(AzkbDayRange));
  r->len += n;
  return set;
}

/* a ∪ b (both in @r) appended to @r. */
static WhenSet
ranges_union(Ranges *r, WhenSet a, WhenSet b)
{
  WhenSet out;

  ranges_reserve(r, a.n + b.n);
  out.at = (guint32)r->len;
  out.n  = (guint32)azkb_day_ranges_union(
    r->data + a.at, a.n, r->data + b.at, b.n, r->data + r->len);
  r->len += out.n;
  return out;
}

/* @a (in @src) ∩ @b (in @other) appended to @r, which may be @src. */
static WhenSet
ranges_intersect(Ranges             *r,
                 const Ranges       *src,
                 WhenSet             a,
                 const AzkbDayRange *b,
                 gsize               n_b)
{
  WhenSet out;

  ranges_reserve(r, a.n + n_b);
  out.at = (guint32)r->len;
  out.n  = (guint32)azkb_day_ranges_intersect(
    src->data + a.at, a.n, b, n_b, r->data + r->len);
  r->len += out.n;
  return out;
}

/* TRUE if @a (in @r) holds every day of @b (in @r). */
static gboolean
ranges_cover(const Ranges *r, WhenSet a, WhenSet b)
{
  gsize i = 0;

  for (guint32 j = 0; j < b.n; j++) {
    const AzkbDayRange *need = &r->data[b.at + j];

    while (i < a.n && r->data[a.at + i].last < need->first)
      i++;
    if (i == a.n || r->data[a.at + i].first > need->first ||
        r->data[a.at + i].last < need->last)
      return FALSE;
  }
  return TRUE;
}

/* ---- the search of one step ---- */

typedef struct {
  AzkbTermId node;
  guint      state;
  WhenSet    label;
  gboolean   queued;
} Pair;

typedef struct {
  AzkbStore       *store;
  const HopFilter *filter;   ///< NULL: no time filter
  gboolean         strict;   ///< undated statements hold never, not always
  const AzkbDate  *present;  ///< where open ends run to (the query's)
  AzkbKeyMap       index;    ///< (node, state) → index into pairs
  GArray          *pairs;    ///< Pair
  GArray          *queue;    ///< guint32 indexes into pairs
  Ranges           scratch;  ///< the labels, in growing versions
  AzkbKeyMap       ends;     ///< node → index into found
  GArray          *found;    ///< WhenEnd, before they are copied out
  gint64           deadline; ///< monotonic µs, 0: none (the query's timeout)
  guint            ticks;    ///< steps since the clock was last read
  gboolean         expired;  ///< the deadline passed: every loop unwinds
} Search;

/* As eval.c's expired(): the clock is read once per this many steps. */
#define TICKS_PER_CLOCK 4096

/* Count one step; TRUE once the deadline has passed. */
static inline gboolean
expired(Search *s)
{
  if (G_LIKELY(++s->ticks < TICKS_PER_CLOCK))
    return s->expired;
  s->ticks = 0;
  if (s->deadline != 0 && g_get_monotonic_time() > s->deadline)
    s->expired = TRUE;
  return s->expired;
}

/* The days statement @stmt holds: its span, or always if it is undated
 * (never with --strict-time: FALSE). */
static gboolean
statement_days(AzkbStore      *store,
               AzkbStmtId      stmt,
               gboolean        strict,
               const AzkbDate *present,
               AzkbDayRange   *out)
{
  AzkbStatement st;

  if (!azkb_store_get_statement(store, stmt, &st))
    return FALSE;
  if (azkb_interval_span_at(&st.time, present, &out->first, &out->last))
    return TRUE;
  out->first = AZKB_DAY_MIN;
  out->last  = AZKB_DAY_MAX;
  return !strict;
}

/* Merge @add (in the scratch buffer) into the label of (@node, @state),
 * queueing the pair if its label grew. */
static void
search_offer(Search    *s,
             AzkbTermId node,
             guint      state,
             guint      n_states,
             WhenSet    add)
{
  guint64 key   = (guint64)node * n_states + state;
  guint32 index = azkb_key_map_get(&s->index, key);
  Pair   *pair;

  if (index == AZKB_KEY_MAP_NONE) {
    Pair fresh = { node, state, add, TRUE };

    index = s->pairs->len;
    azkb_key_map_add(&s->index, key, index);
    g_array_append_val(s->pairs, fresh);
    g_array_append_val(s->queue, index);
    return;
  }
  pair = &g_array_index(s->pairs, Pair, index);
  if (ranges_cover(&s->scratch, pair->label, add))
    return;
  pair->label = ranges_union(&s->scratch, pair->label, add);
  if (!pair->queued) {
    pair->queued = TRUE;
    g_array_append_val(s->queue, index);
  }
}

/* Cross every edge out of the pair at @index that its automaton reads. */
static void
search_expand(Search *s, const Nfa *nfa, guint32 index)
{
  Pair         pair   = g_array_index(s->pairs, Pair, index);
  AzkbDayRange always = { AZKB_DAY_MIN, AZKB_DAY_MAX };

  g_array_index(s->pairs, Pair, index).queued = FALSE;
  for (guint i = nfa->offsets[pair.state]; i < nfa->offsets[pair.state + 1];
       i++) {
    guint           p     = nfa->next[i];
    const NfaLabel *label = &nfa->labels[p];
    gsize           n;
    const AzkbEdge *edges =
      label_edges(label, label->inverse, s->store, pair.node, &n);

    for (gsize e = 0; e < n; e++) {
      AzkbDayRange days = always;
      WhenSet      add;

      if (!label_reads_edge(label, s->store, &edges[e], s->filter) ||
          !statement_days(
            s->store, edges[e].stmt, s->strict, s->present, &days))
        continue;
      /* The label read now: an earlier copy would miss what it gained. */
      add = ranges_intersect(&s->scratch,
                             &s->scratch,
                             g_array_index(s->pairs, Pair, index).label,
                             &days,
                             1);
      if (add.n > 0)
        search_offer(s, edges[e].other, p, nfa->n_states, add);
    }
  }
}

/* Gather, per node, the union of its labels in accepting states. */
static void
search_collect(Search *s, const Nfa *nfa)
{
  for (guint i = 0; i < s->pairs->len; i++) {
    const Pair *pair = &g_array_index(s->pairs, Pair, i);
    guint32     at;

    if (!nfa->accepting[pair->state])
      continue;
    at = azkb_key_map_get(&s->ends, pair->node);
    if (at == AZKB_KEY_MAP_NONE) {
      WhenEnd end = { pair->node, pair->label };

      azkb_key_map_add(&s->ends, pair->node, s->found->len);
      g_array_append_val(s->found, end);
    } else {
      WhenEnd *end = &g_array_index(s->found, WhenEnd, at);

      end->set = ranges_union(&s->scratch, end->set, pair->label);
    }
  }
}

static void
search_reset(Search *s)
{
  /* emptied in place: the cost is their size, at most a few times what
   * the search that filled them did, so it is paid for already */
  azkb_key_map_reset(&s->index);
  azkb_key_map_reset(&s->ends);
  g_array_set_size(s->pairs, 0);
  g_array_set_size(s->queue, 0);
  g_array_set_size(s->found, 0);
  s->scratch.len = 0;
}

/* ---- the memo of searches ---- */

typedef struct {
  gsize at; ///< first end in When.ends
  gsize len;
} EndSlice;

/* ---- the join ---- */

struct _When {
  AzkbQuery *q;
  guint      width;       ///< nodes per row
  guint      n_cells;     ///< the nodes, then q->n_slots statements and values
  gboolean   keep_hidden; ///< every node stays: the sources are found
                          ///< again from all of a row's nodes
  HopFilter *filters;
  Search     search;
  AzkbKeyMap memo;   ///< (step, direction, start) → index into slices
  GArray    *slices; ///< EndSlice
  GArray    *ends;   ///< WhenEnd, sets in memo_days
  Ranges     memo_days;
  Ranges     row_days; ///< the sets of partial rows
  GArray    *hop_ends; ///< WhenEnd: hop_reach()'s answer, sets in hop_days
  Ranges     hop_days;
  AzkbKeySet class_known;
  AzkbKeySet class_yes;
};

static void
when_init(When *w, AzkbQuery *q)
{
  memset(w, 0, sizeof *w);
  w->q           = q;
  w->width       = q->nodes->len;
  w->n_cells     = w->width + q->n_slots;
  w->keep_hidden = (q->flags & AZKB_QUERY_SOURCES) != 0;
  w->filters     = g_new0(HopFilter, q->steps->len + 1);
  for (guint i = 0; i < q->steps->len; i++) {
    const QStep *step = &g_array_index(q->steps, QStep, i);
    HopFilter   *f    = &w->filters[i];

    f->store   = q->store;
    f->strict  = (q->flags & AZKB_QUERY_STRICT_TIME) != 0;
    f->present = &q->present;
    if (step->has_time)
      f->ranges[f->n_ranges++] = &step->range;
    if (q->has_time)
      f->ranges[f->n_ranges++] = &q->range;
  }
  w->search.store   = q->store;
  w->search.strict  = (q->flags & AZKB_QUERY_STRICT_TIME) != 0;
  w->search.present = &q->present;
  azkb_key_map_init(&w->search.index);
  azkb_key_map_init(&w->search.ends);
  w->search.pairs = g_array_new(FALSE, FALSE, sizeof(Pair));
  w->search.queue = g_array_new(FALSE, FALSE, sizeof(guint32));
  w->search.found = g_array_new(FALSE, FALSE, sizeof(WhenEnd));
  azkb_key_map_init(&w->memo);
  w->slices   = g_array_new(FALSE, FALSE, sizeof(EndSlice));
  w->ends     = g_array_new(FALSE, FALSE, sizeof(WhenEnd));
  w->hop_ends = g_array_new(FALSE, FALSE, sizeof(WhenEnd));
  azkb_key_set_init(&w->class_known);
  azkb_key_set_init(&w->class_yes);
}

static void
when_clear(When *w)
{
  g_clear_pointer(&w->filters, g_free);
  azkb_key_map_clear(&w->search.index);
  azkb_key_map_clear(&w->search.ends);
  g_clear_pointer(&w->search.pairs, g_array_unref);
  g_clear_pointer(&w->search.queue, g_array_unref);
  g_clear_pointer(&w->search.found, g_array_unref);
  ranges_clear(&w->search.scratch);
  azkb_key_map_clear(&w->memo);
  g_clear_pointer(&w->slices, g_array_unref);
  g_clear_pointer(&w->ends, g_array_unref);
  ranges_clear(&w->memo_days);
  ranges_clear(&w->row_days);
  g_clear_pointer(&w->hop_ends, g_array_unref);
  ranges_clear(&w->hop_days);
  azkb_key_set_clear(&w->class_known);
  azkb_key_set_clear(&w->class_yes);
}

static int
by_node(gconstpointer a, gconstpointer b)
{
  AzkbTermId x = ((const WhenEnd *)a)->node;
  AzkbTermId y = ((const WhenEnd *)b)->node;

  return (x > y) - (x < y);
}

/* when_reach() for a step of one hop, without the search: the node's edges
 * the step reads, the days of the statements to one node united.  A
 * search per start node (its tables reset each time) cost five times the
 * plain query of `?c -electedTo-> ?b` over every country.  The sets are in
 * w->hop_days; valid until the next call.  when_reach() remembers them,
 * as it remembers its searches: many rows may cross from one node. */
static const WhenEnd *
hop_reach(When *w, guint step, gboolean backward, AzkbTermId from, gsize *out_n)
{
  QStep           *s   = &g_array_index(w->q->steps, QStep, step);
  const Nfa       *nfa = step_nfa(s, backward);
  const HopFilter *filter =
    w->filters[step].n_ranges > 0 ? &w->filters[step] : NULL;
  AzkbStore *store = w->q->store;
  WhenEnd   *ends;
  gsize      n, kept = 0;
  gboolean   sorted = TRUE;

  g_array_set_size(w->hop_ends, 0);
  w->hop_days.len = 0;
  for (guint i = nfa->offsets[0]; i < nfa->offsets[1]; i++) {
    const NfaLabel *label = &nfa->labels[nfa->next[i]];
    gsize           n_edges;
    const AzkbEdge *edges =
      label_edges(label, label->inverse, store, from, &n_edges);

    for (gsize e = 0; e < n_edges; e++) {
      AzkbDayRange days;
      WhenEnd      end;

      if (!label_reads_edge(label, store, &edges[e], filter) ||
          !statement_days(
            store, edges[e].stmt, w->search.strict, w->search.present, &days))
        continue;
      end.node = edges[e].other;
      end.set  = ranges_append(&w->hop_days, &days, 1);
      g_array_append_val(w->hop_ends, end);
    }
  }
  ends = (WhenEnd *)(gpointer)w->hop_ends->data;
  n    = w->hop_ends->len;
  for (gsize k = 1; k < n && sorted; k++)
    sorted = ends[k - 1].node <= ends[k].node;
  if (!sorted)
    qsort(ends, n, sizeof(WhenEnd), by_node);
  /* One end per node: the statements to it united. */
  for (gsize k = 0; k < n; k++) {
    if (kept > 0 && ends[kept - 1].node == ends[k].node) {
      ends[kept - 1].set =
        ranges_union(&w->hop_days, ends[kept - 1].set, ends[k].set);
      continue;
    }
    ends[kept++] = ends[k];
  }
  *out_n = kept;
  return ends;
}

/* The nodes step @step reaches from @from (backwards: that reach @from),
 * each with the days some path of the step joined them: *@out_n ends,
 * sets in w->memo_days, valid until the next call adds to the memo. */
static const WhenEnd *
when_reach(When      *w,
           guint      step,
           gboolean   backward,
           AzkbTermId from,
           gsize     *out_n)
{
  QStep     *s     = &g_array_index(w->q->steps, QStep, step);
  guint64    key   = ((guint64)step << 33) | ((guint64)backward << 32) | from;
  guint32    index = azkb_key_map_get(&w->memo, key);
  const Nfa *nfa   = step_nfa(s, backward);
  EndSlice   slice;

  if (index == AZKB_KEY_MAP_NONE) {
    Search        *se = &w->search;
    const WhenEnd *found;
    const Ranges  *days;
    gsize          n_found;

    if (nfa_one_hop(nfa)) {
      found = hop_reach(w, step, backward, from, &n_found);
      days  = &w->hop_days;
    } else {
      AzkbDayRange always = { AZKB_DAY_MIN, AZKB_DAY_MAX };

      search_reset(se);
      se->filter = w->filters[step].n_ranges > 0 ? &w->filters[step] : NULL;
      search_offer(
        se, from, 0, nfa->n_states, ranges_append(&se->scratch, &always, 1));
      for (guint i = 0; i < se->queue->len && !expired(se); i++)
        search_expand(se, nfa, g_array_index(se->queue, guint32, i));
      search_collect(se, nfa);
      found   = (const WhenEnd *)(gpointer)se->found->data;
      n_found = se->found->len;
      days    = &se->scratch;
    }
    slice.at  = w->ends->len;
    slice.len = n_found;
    for (gsize i = 0; i < n_found; i++) {
      WhenEnd end = found[i];

      end.set =
        ranges_append(&w->memo_days, days->data + end.set.at, end.set.n);
      g_array_append_val(w->ends, end);
    }
    azkb_key_map_add(&w->memo, key, w->slices->len);
    g_array_append_val(w->slices, slice);
  } else
    slice = g_array_index(w->slices, EndSlice, index);
  *out_n = slice.len;
  return slice.len > 0 ? &g_array_index(w->ends, WhenEnd, slice.at) : NULL;
}

static gboolean
has_class(When *w, AzkbTermId entity, AzkbTermId cls)
{
  gsize             n;
  const AzkbTermId *classes =
    azkb_store_entity_classes(w->q->store, entity, &n);

  for (gsize i = 0; i < n; i++) {
    guint64 key = ((guint64)classes[i] << 32) | cls;

    if (azkb_key_set_add(&w->class_known, key) &&
        azkb_store_is_subclass(w->q->store, classes[i], cls))
      azkb_key_set_add(&w->class_yes, key);
    if (azkb_key_set_contains(&w->class_yes, key))
      return TRUE;
  }
  return FALSE;
}

static gboolean
node_accepts(When *w, guint i, AzkbTermId term)
{
  const QNode *node = &g_array_index(w->q->nodes, QNode, i);

  if (node->kind == NODE_ENTITY)
    return term == node->entity;
  return node->cls == 0 || has_class(w, term, node->cls);
}

/* A partial row: the chain's nodes, the statements and qualifier values
 * its steps bind (AzkbQuery.n_slots), then its set of days. */
#define ROW_CELLS(w) ((w)->n_cells + 2)

static WhenSet
row_set(const When *w, const guint32 *row)
{
  return (WhenSet){ row[w->n_cells], row[w->n_cells + 1] };
}

static int
compare_nodes(gconstpointer a, gconstpointer b, gpointer user_data)
{
  guint          width = GPOINTER_TO_UINT(user_data);
  const guint32 *x     = a;
  const guint32 *y     = b;

  for (guint i = 0; i < width; i++)
    if (x[i] != y[i])
      return x[i] < y[i] ? -1 : 1;
  return 0;
}

/* Sort @rows by their first @width cells and merge rows equal there, the
 * union of their sets in w->row_days. */
static void
merge_rows(When *w, GArray *rows, guint width)
{
  guint    cells = ROW_CELLS(w);
  gsize    n     = rows->len / cells;
  guint32 *c     = (guint32 *)(gpointer)rows->data;
  gsize    kept  = 0;

  if (n < 2)
    return;
  g_qsort_with_data(c,
                    (gint)n,
                    cells * sizeof(guint32),
                    compare_nodes,
                    GUINT_TO_POINTER(width));
  for (gsize i = 0; i < n; i++) {
    guint32 *row = c + i * cells;

    if (kept > 0 &&
        memcmp(c + (kept - 1) * cells, row, width * sizeof(guint32)) == 0) {
      guint32 *into = c + (kept - 1) * cells;
      WhenSet u = ranges_union(&w->row_days, row_set(w, into), row_set(w, row));

      into[w->n_cells]     = u.at;
      into[w->n_cells + 1] = u.n;
      continue;
    }
    memmove(c + kept * cells, row, cells * sizeof(guint32));
    kept++;
  }
  g_array_set_size(rows, (guint)(kept * cells));
}

/* Forget the nodes no later step needs, as eval.c does, merging rows that
 * become equal: the union over a hidden node's bindings. */
static void
forget_hidden(When *w, GArray *rows, guint keep_a, guint keep_b)
{
  guint    cells  = ROW_CELLS(w);
  gsize    n      = rows->len / cells;
  guint32 *c      = (guint32 *)(gpointer)rows->data;
  gboolean merges = FALSE;

  if (w->keep_hidden)
    return;
  for (guint j = 0; j < w->width; j++) {
    const QNode *node = &g_array_index(w->q->nodes, QNode, j);

    if (node->var >= 0 || j == keep_a || j == keep_b)
      continue;
    for (gsize r = n; r-- > 0;) {
      merges |= c[r * cells + j] != c[j];
      c[r * cells + j] = 0;
    }
  }
  if (merges)
    merge_rows(w, rows, w->n_cells);
}

/* Extend every row across step @step from node @from to node @to, keeping
 * the days both the row and the step's path held. */
static GArray *
extend_ends(When   *w,
            GArray *rows,
            guint   step,
            guint   from,
            guint   to,
            int     partner)
{
  guint   cells = ROW_CELLS(w);
  GArray *out   = g_array_new(FALSE, FALSE, sizeof(guint32));
  gsize   n     = rows->len / cells;
  gsize   used  = 0;

  for (gsize r = 0; r < n && !expired(&w->search); r++) {
    gsize          n_ends;
    const guint32 *row  = &g_array_index(rows, guint32, r * cells);
    const WhenEnd *ends = when_reach(w, step, to < from, row[from], &n_ends);
    guint32       *c;

    /* Room for every end; what is not used is cut off at the end. */
    g_array_set_size(out, (guint)(used + n_ends * cells));
    c = (guint32 *)(gpointer)out->data;
    for (gsize k = 0; k < n_ends; k++) {
      const WhenEnd *end = &ends[k];
      WhenSet        set;

      if (partner >= 0 && row[partner] != end->node)
        continue;
      if (!node_accepts(w, to, end->node))
        continue;
      set = ranges_intersect(&w->row_days,
                             &w->row_days,
                             row_set(w, row),
                             w->memo_days.data + end->set.at,
                             end->set.n);
      if (set.n == 0)
        continue;
      for (guint i = 0; i < cells; i++)
        c[used + i] = row[i];
      c[used + to]             = end->node;
      c[used + w->n_cells]     = set.at;
      c[used + w->n_cells + 1] = set.n;
      used += cells;
    }
  }
  g_array_set_size(out, (guint)used);
  g_array_unref(rows);
  return out;
}

/* ---- steps that bind their statement or end at a literal ---- */

/* Append to @out @row crossed to @node over statement @stmt, holding the
 * days @set (in w->row_days), once for each combination of the values of
 * the step's qualifiers on the statement (none: no row).  A qualifier
 * belongs to its statement: it holds whenever the statement does. */
static void
append_crossing(When          *w,
                const QStep   *s,
                GArray        *out,
                const guint32 *row,
                guint          to,
                AzkbTermId     node,
                AzkbStmtId     stmt,
                WhenSet        set)
{
  guint               cells = ROW_CELLS(w);
  guint               first = out->len / cells;
  g_autofree guint32 *tmp   = NULL;
  g_autoptr(GArray) quals   = NULL;
  guint32 *c;

  g_array_append_vals(out, row, cells);
  c                 = &g_array_index(out, guint32, first * cells);
  c[to]             = node;
  c[w->n_cells]     = set.at;
  c[w->n_cells + 1] = set.n;
  if (s->stmt_slot >= 0)
    c[w->width + (guint)s->stmt_slot] = stmt;
  if (s->quals == NULL)
    return;
  tmp   = g_new(guint32, cells);
  quals = azkb_store_statement_qualifiers(w->q->store, stmt);
  for (guint k = 0; k < s->quals->len; k++) {
    const QQual *q   = &g_array_index(s->quals, QQual, k);
    guint        end = out->len / cells;

    /* every row made so far for this crossing, times each value */
    for (guint r = first; r < end; r++)
      for (guint v = 0; v < quals->len; v++) {
        const AzkbQualifier *qv = &g_array_index(quals, AzkbQualifier, v);

        if (qv->property != q->property)
          continue;
        /* copied first: appending may move the array */
        memcpy(tmp,
               &g_array_index(out, guint32, r * cells),
               cells * sizeof(guint32));
        tmp[w->width + q->slot] = qv->value;
        g_array_append_vals(out, tmp, cells);
      }
    /* drop the rows that had no value yet */
    g_array_remove_range(out, first * cells, (end - first) * cells);
  }
}

/* Cross the one-hop step @s from node @from of @row to node @to, once per
 * statement read: the row's days narrowed to the statement's. */
static void
cross_hop(When          *w,
          QStep         *s,
          guint          step,
          const guint32 *row,
          guint          from,
          guint          to,
          int            partner,
          GArray        *out)
{
  const Nfa       *nfa    = step_nfa(s, to < from);
  const HopFilter *f      = &w->filters[step];
  const HopFilter *filter = f->n_ranges > 0 ? f : NULL;
  AzkbStore       *store  = w->q->store;

  for (guint i = nfa->offsets[0]; i < nfa->offsets[1]; i++) {
    const NfaLabel *label = &nfa->labels[nfa->next[i]];
    gsize           n;
    const AzkbEdge *edges;

    if (!nfa->accepting[nfa->next[i]])
      continue;
    edges = label_edges(label, label->inverse, store, row[from], &n);
    for (gsize e = 0; e < n; e++) {
      AzkbDayRange days;
      WhenSet      set;

      if (!label_reads_edge(label, store, &edges[e], filter) ||
          (partner >= 0 && row[partner] != edges[e].other) ||
          !node_accepts(w, to, edges[e].other) ||
          !statement_days(
            store, edges[e].stmt, w->search.strict, w->search.present, &days))
        continue;
      set =
        ranges_intersect(&w->row_days, &w->row_days, row_set(w, row), &days, 1);
      if (set.n > 0)
        append_crossing(w, s, out, row, to, edges[e].other, edges[e].stmt, set);
    }
  }
}

/* Cross the step @s ending at a literal from node @from of @row: over what
 * comes before the property (its days as any step's), then over each
 * statement of the property to a literal value, whose days narrow the
 * row's as a hop's do. */
static void
cross_literal(When          *w,
              const QStep   *s,
              guint          step,
              const guint32 *row,
              guint          from,
              guint          to,
              GArray        *out)
{
  const HopFilter *f      = &w->filters[step];
  AzkbStore       *store  = w->q->store;
  AzkbDayRange     always = { AZKB_DAY_MIN, AZKB_DAY_MAX };
  WhenEnd          self   = { row[from], { 0, 0 } };
  const WhenEnd   *mids   = &self;
  gsize            n_mids = 1;

  if (s->expr != NULL)
    mids = when_reach(w, step, FALSE, row[from], &n_mids);
  for (gsize m = 0; m < n_mids; m++) {
    gsize           n;
    const AzkbEdge *edges =
      azkb_store_out_edges(store, mids[m].node, s->lit_prop, &n);
    /* the row's days while the way to this node held */
    WhenSet before = s->expr != NULL
                       ? ranges_intersect(&w->row_days,
                                          &w->row_days,
                                          row_set(w, row),
                                          w->memo_days.data + mids[m].set.at,
                                          mids[m].set.n)
                       : row_set(w, row);

    for (gsize e = 0; e < n && before.n > 0; e++) {
      AzkbDayRange days = always;
      WhenSet      set;

      if (!(azkb_store_term_kind(store, edges[e].other) & AZKB_TERM_LITERAL) ||
          (f->n_ranges > 0 && !hop_filter_pass(f, edges[e].stmt)) ||
          !statement_days(
            store, edges[e].stmt, w->search.strict, w->search.present, &days))
        continue;
      set = ranges_intersect(&w->row_days, &w->row_days, before, &days, 1);
      if (set.n > 0)
        append_crossing(w, s, out, row, to, edges[e].other, edges[e].stmt, set);
    }
  }
}

/* extend_ends() for a step that binds its statement (a time variable,
 * qualifiers) or ends at a literal value: a row per statement crossed,
 * each with its own days. */
static GArray *
extend_crossings(When   *w,
                 GArray *rows,
                 guint   step,
                 guint   from,
                 guint   to,
                 int     partner)
{
  QStep     *s     = &g_array_index(w->q->steps, QStep, step);
  guint      cells = ROW_CELLS(w);
  GArray    *out   = g_array_new(FALSE, FALSE, sizeof(guint32));
  gsize      n     = rows->len / cells;
  const Nfa *nfa   = step_nfa(s, to < from);

  for (gsize r = 0; r < n && !expired(&w->search); r++) {
    const guint32 *row = &g_array_index(rows, guint32, r * cells);

    if (s->lit_prop != 0)
      cross_literal(w, s, step, row, from, to, out);
    else
      cross_hop(w, s, step, row, from, to, partner, out);
  }
  g_array_unref(rows);
  /* Rows that keep no statement (a literal reached over several ways or
   * statements) or read one edge at two positions (`p|p`) repeat. */
  if (s->stmt_slot < 0 || (nfa != NULL && nfa->n_states > 2))
    merge_rows(w, out, w->n_cells);
  return out;
}

static GArray *
extend(When *w, GArray *rows, guint step, guint from, guint to, int partner)
{
  const QStep *s = &g_array_index(w->q->steps, QStep, step);

  if (s->stmt_slot >= 0 || s->lit_prop != 0)
    return extend_crossings(w, rows, step, from, to, partner);
  return extend_ends(w, rows, step, from, to, partner);
}

static GArray *
join_chain(When *w, guint anchor)
{
  guint   cells               = ROW_CELLS(w);
  GArray *rows                = g_array_new(FALSE, TRUE, sizeof(guint32));
  g_autoptr(GArray) start     = eval_node_candidates(w->q, anchor);
  g_autofree gboolean *bound  = g_new0(gboolean, w->width);
  AzkbDayRange         always = { AZKB_DAY_MIN, AZKB_DAY_MAX };
  WhenSet              all    = ranges_append(&w->row_days, &always, 1);

  for (guint i = 0; i < start->len; i++) {
    guint base = rows->len;

    g_array_set_size(rows, base + cells);
    g_array_index(rows, guint32, base + anchor) =
      g_array_index(start, AzkbTermId, i);
    g_array_index(rows, guint32, base + w->n_cells)     = all.at;
    g_array_index(rows, guint32, base + w->n_cells + 1) = all.n;
  }
  bound[anchor] = TRUE;
  for (guint i = anchor; i + 1 < w->width; i++) {
    rows = extend(w, rows, i, i, i + 1, query_join_partner(w->q, i + 1, bound));
    bound[i + 1] = TRUE;
    forget_hidden(w, rows, anchor, i + 1);
  }
  for (guint i = anchor; i > 0; i--) {
    rows =
      extend(w, rows, i - 1, i, i - 1, query_join_partner(w->q, i - 1, bound));
    bound[i - 1] = TRUE;
    forget_hidden(w, rows, i - 1, i - 1);
  }
  return rows;
}

/* ---- the rows ---- */

WhenRows *
when_rows_compute(AzkbQuery *query, gboolean *out_expired)
{
  When            w;
  WhenRows       *out   = g_new0(WhenRows, 1);
  guint           width = query->vars->len;
  GArray         *rows;
  gsize           n;
  gboolean        merges;
  g_autofree int *first = g_new0(int, width + 1);

  when_init(&w, query);
  if (query->timeout_us > 0)
    w.search.deadline = g_get_monotonic_time() + query->timeout_us;
  rows         = join_chain(&w, eval_choose_anchor(query));
  *out_expired = w.search.expired;
  if (*out_expired)
    g_array_set_size(rows, 0); /* a part of the rows is no answer */

  /* Project onto the named variables (the first node of each), merging
   * rows that differ only in the nodes dropped. */
  for (guint j = w.width; j-- > 0;) {
    int var = g_array_index(query->nodes, QNode, j).var;

    if (var >= 0)
      first[var] = (int)j;
  }
  n      = rows->len / ROW_CELLS(&w);
  merges = FALSE;
  for (guint j = 0; j < w.width && n > 0; j++) {
    const guint32 *c   = &g_array_index(rows, guint32, 0);
    int            var = g_array_index(query->nodes, QNode, j).var;

    if (var >= 0 && first[var] == (int)j)
      continue;
    /* A node dropped here: rows that differ in it become one. */
    for (gsize r = 1; r < n && !merges; r++)
      merges |= c[r * ROW_CELLS(&w) + j] != c[j];
  }
  for (gsize r = 0; r < n; r++) {
    guint32 *row    = &g_array_index(rows, guint32, r * ROW_CELLS(&w));
    guint32  set_at = row[w.n_cells], set_n = row[w.n_cells + 1];

    for (guint v = 0; v < width; v++)
      row[v] = row[first[v]];
    for (guint j = width; j < w.n_cells; j++)
      row[j] = 0;
    row[w.n_cells]     = set_at;
    row[w.n_cells + 1] = set_n;
  }
  if (merges)
    merge_rows(&w, rows, width);

  n           = rows->len / ROW_CELLS(&w);
  out->width  = width;
  out->n_rows = n;
  out->cells  = g_new(AzkbTermId, MAX(n * width, 1));
  out->sets   = g_new(WhenSet, MAX(n, 1));
  out->days   = g_array_new(FALSE, FALSE, sizeof(AzkbDayRange));
  {
    gsize         total = 0;
    AzkbDayRange *days;

    for (gsize r = 0; r < n; r++)
      total += row_set(&w, &g_array_index(rows, guint32, r * ROW_CELLS(&w))).n;
    g_array_set_size(out->days, (guint)total);
    days  = (AzkbDayRange *)(gpointer)out->days->data;
    total = 0;
    for (gsize r = 0; r < n; r++) {
      const guint32 *row = &g_array_index(rows, guint32, r * ROW_CELLS(&w));
      WhenSet        set = row_set(&w, row);

      for (guint v = 0; v < width; v++)
        out->cells[r * width + v] = row[v];
      out->sets[r].at = (guint32)total;
      out->sets[r].n  = set.n;
      for (guint32 k = 0; k < set.n; k++)
        days[total++] = w.row_days.data[set.at + k];
    }
  }
  g_array_unref(rows);
  when_clear(&w);
  return out;
}

void
when_rows_free(WhenRows *rows)
{
  if (rows == NULL)
    return;
  g_free(rows->cells);
  g_free(rows->sets);
  g_clear_pointer(&rows->days, g_array_unref);
  g_free(rows);
}

/* ---- the result ---- */

static int
by_name(gconstpointer a, gconstpointer b, gpointer user_data)
{
  AzkbTermId x = *(const AzkbTermId *)a;
  AzkbTermId y = *(const AzkbTermId *)b;
  int        c = term_compare(user_data, x, y);

  return c != 0 ? c : (x > y) - (x < y);
}

/* The rows in the order azkb_query_execute() gives them: by the names of
 * their terms, column by column.  Only the distinct terms are sorted by
 * name (a join repeats few terms many times); the rows are then sorted on
 * the terms' ranks by counting sorts, last column first.  (transfer full) */
static gsize *
name_order(const AzkbStore *store, const WhenRows *rows)
{
  gsize               n_cells  = rows->n_rows * rows->width;
  g_autofree guint32 *index    = g_new(guint32, MAX(n_cells, 1));
  g_autoptr(GArray) distinct   = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  g_autofree AzkbTermId *named = NULL;
  g_autofree guint32    *rank  = NULL;
  g_autofree gsize      *count = NULL;
  g_autofree gsize      *tmp   = g_new(gsize, MAX(rows->n_rows, 1));
  gsize                 *order = g_new(gsize, MAX(rows->n_rows, 1));
  AzkbKeyMap             seen;

  /* Each cell becomes the index of its term among the distinct ones. */
  azkb_key_map_init(&seen);
  for (gsize i = 0; i < n_cells; i++) {
    guint32 at = azkb_key_map_get(&seen, rows->cells[i]);

    if (at == AZKB_KEY_MAP_NONE) {
      at = distinct->len;
      azkb_key_map_add(&seen, rows->cells[i], at);
      g_array_append_val(distinct, rows->cells[i]);
    }
    index[i] = at;
  }
  named = g_memdup2(distinct->data, MAX(distinct->len, 1) * sizeof(AzkbTermId));
  g_qsort_with_data(
    named, (gint)distinct->len, sizeof(AzkbTermId), by_name, (gpointer)store);
  rank = g_new(guint32, MAX(distinct->len, 1));
  for (guint r = 0; r < distinct->len; r++)
    rank[azkb_key_map_get(&seen, named[r])] = r;
  azkb_key_map_clear(&seen);
  for (gsize i = 0; i < n_cells; i++)
    index[i] = rank[index[i]];

  count = g_new(gsize, distinct->len + 1);
  for (gsize r = 0; r < rows->n_rows; r++)
    order[r] = r;
  for (guint col = rows->width; col-- > 0;) {
    memset(count, 0, (distinct->len + 1) * sizeof(gsize));
    for (gsize r = 0; r < rows->n_rows; r++)
      count[index[order[r] * rows->width + col] + 1]++;
    for (guint k = 0; k < distinct->len; k++)
      count[k + 1] += count[k];
    for (gsize r = 0; r < rows->n_rows; r++)
      tmp[count[index[order[r] * rows->width + col]]++] = order[r];
    memcpy(order, tmp, rows->n_rows * sizeof(gsize));
  }
  return order;
}

/* A result with the columns of @query under --when and no rows: the
 * variables, the days the row held, then its sources if asked (the
 * sources column comes last, as without --when).  (transfer full) */
static AzkbResult *
when_result_new(AzkbQuery *query)
{
  AzkbResult    *res = result_new(query);
  AzkbColumnKind kind;

  res->when_sets = g_array_new(FALSE, FALSE, sizeof(WhenSet));
  res->when_days = g_array_new(FALSE, FALSE, sizeof(AzkbDayRange));
  g_ptr_array_add(res->columns, result_column_name(query, "when"));
  kind = AZKB_COLUMN_WHEN;
  g_array_append_val(res->kinds, kind);
  if (query->flags & AZKB_QUERY_SOURCES) {
    g_ptr_array_add(res->columns, result_column_name(query, "sources"));
    kind = AZKB_COLUMN_SOURCES;
    g_array_append_val(res->kinds, kind);
  }
  return res;
}

/* The rows of nodes alone, projected and sorted by name on their own. */
static AzkbResult *
execute_nodes(AzkbQuery *query, guint limit, gboolean *out_expired)
{
  WhenRows         *rows  = when_rows_compute(query, out_expired);
  AzkbResult       *res   = when_result_new(query);
  guint             width = rows->width;
  gsize             n     = rows->n_rows;
  g_autofree gsize *order = name_order(query->store, rows);

  g_clear_pointer(&res->when_days, g_array_unref);
  res->when_days = g_steal_pointer(&rows->days);
  if (limit > 0)
    n = MIN(n, limit);
  g_array_set_size(res->cells, (guint)(n * (width + 1)));
  g_array_set_size(res->when_sets, (guint)n);
  {
    guint32 *cells = (guint32 *)(gpointer)res->cells->data;
    WhenSet *sets  = (WhenSet *)(gpointer)res->when_sets->data;

    for (gsize i = 0; i < n; i++) {
      gsize r = order[i];

      for (guint v = 0; v < width; v++)
        cells[i * (width + 1) + v] = rows->cells[r * width + v];
      cells[i * (width + 1) + width] = (guint32)i;
      sets[i]                        = rows->sets[r];
    }
  }
  res->n_rows = (guint)n;
  when_rows_free(rows);
  return res;
}

/* ---- rows with statements, literals, constraints or sources ---- */

/* Keep the rows whose time variables meet the temporal constraints.  A
 * row's statements are fixed before it merges with others, so this is
 * the filter a row gets without --when; what is left is then coalesced. */
static void
keep_constrained(When *w, GArray *rows)
{
  const AzkbQuery         *q     = w->q;
  guint                    cells = ROW_CELLS(w);
  gsize                    n = rows->len / cells, kept = 0;
  guint32                 *c      = (guint32 *)(gpointer)rows->data;
  guint                    n_vars = q->vars->len;
  g_autofree AzkbInterval *times  = g_new0(AzkbInterval, n_vars + 1);

  for (gsize r = 0; r < n; r++) {
    for (guint v = 0; v < n_vars; v++) {
      AzkbStatement st;
      guint         cell = QUERY_VAR(q, v)->cell;

      if (QUERY_VAR(q, v)->kind != AZKB_COLUMN_TIME)
        continue;
      times[v] = azkb_store_get_statement(q->store, c[r * cells + cell], &st)
                   ? st.time
                   : azkb_interval_make(NULL, NULL);
    }
    if (constraints_hold(q, times))
      memmove(c + kept++ * cells, c + r * cells, cells * sizeof(guint32));
  }
  g_array_set_size(rows, (guint)(kept * cells));
}

/* The statements that support one full row (every node kept), appended
 * to @stmts: for a step that binds its statement, that statement; for any
 * other, those of one shortest way across it on the first day the row
 * held (step_witness()), so that the witness lies inside the row's time. */
static void
row_statements(When *w, const guint32 *row, GArray *stmts)
{
  WhenSet set = row_set(w, row);
  gint32  day = w->row_days.data[set.at].first;

  for (guint i = 0; i < w->q->steps->len; i++) {
    const QStep *s = &g_array_index(w->q->steps, QStep, i);

    if (s->stmt_slot >= 0)
      g_array_append_val(stmts, row[w->width + (guint)s->stmt_slot]);
    else
      step_witness(
        w->q->store, s, &w->filters[i], day, row[i], row[i + 1], stmts);
  }
}

/* Append to @res the sources of the full rows @first[0..@n) (indexes into
 * @rows): the union of each row's statements' paragraphs. */
static void
group_sources(When          *w,
              AzkbResult    *res,
              const GArray  *rows,
              const guint32 *first,
              gsize          n,
              guint          stride)
{
  g_autoptr(GArray) stmts = g_array_new(FALSE, FALSE, sizeof(AzkbStmtId));
  g_autoptr(GArray) srcs  = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  g_autofree guint *ends  = NULL;
  guint             at    = res->source_ids->len;

  for (gsize k = 0; k < n; k++)
    row_statements(
      w,
      &g_array_index(rows, guint32, first[k * stride] * ROW_CELLS(w)),
      stmts);
  ends = g_new(guint, stmts->len + 1);
  azkb_store_get_sources(w->q->store,
                         (const AzkbStmtId *)(gpointer)stmts->data,
                         stmts->len,
                         srcs,
                         ends);
  /* A row without sources (a pattern of one node) appends nothing: the
   * array may then still have no data to index. */
  if (srcs->len > 0) {
    g_array_append_vals(res->source_ids, srcs->data, srcs->len);
    g_array_set_size(
      res->source_ids,
      at + sort_unique_range(&g_array_index(res->source_ids, AzkbTermId, at),
                             srcs->len));
  }
  g_array_append_val(res->source_ends, res->source_ids->len);
}

/* The rows of a query whose rows hold more than nodes: a time variable's
 * statement, a qualifier's or a literal's value, sources.  Full rows (the
 * chain's nodes and its statements, each with its days) are projected on
 * the variables and sorted as azkb_query_execute() sorts without --when
 * (times by interval, equal times one value), and rows that print the
 * same merge: the union of their days, and of their sources. */
static AzkbResult *
execute_bound(AzkbQuery *query, guint limit, gboolean *out_expired)
{
  When        w;
  AzkbResult *res         = when_result_new(query);
  gboolean    sources     = (query->flags & AZKB_QUERY_SOURCES) != 0;
  guint       width       = query->vars->len;
  guint       total       = res->kinds->len;
  g_autoptr(GArray) cells = g_array_new(FALSE, FALSE, sizeof(guint32));
  GArray        *rows;
  gsize          n;
  const guint32 *c;

  when_init(&w, query);
  if (query->timeout_us > 0)
    w.search.deadline = g_get_monotonic_time() + query->timeout_us;
  rows         = join_chain(&w, eval_choose_anchor(query));
  *out_expired = w.search.expired;
  if (*out_expired)
    g_array_set_size(rows, 0); /* a part of the rows is no answer */
  if (query->constraints->len > 0)
    keep_constrained(&w, rows);

  /* Each full row as its visible cells, then its index (for the days and
   * the sources), which sorts last and keeps every row apart. */
  n = rows->len / ROW_CELLS(&w);
  g_array_set_size(cells, (guint)(n * total));
  for (gsize r = 0; r < n; r++) {
    const guint32 *row = &g_array_index(rows, guint32, r * ROW_CELLS(&w));
    guint32       *out = &g_array_index(cells, guint32, r * total);

    for (guint v = 0; v < width; v++)
      out[v] = row[QUERY_VAR(query, v)->cell];
    for (guint k = width; k < total; k++)
      out[k] = (guint32)r;
  }
  sort_rows_mixed(query->store,
                  cells,
                  total,
                  (const AzkbColumnKind *)(gpointer)res->kinds->data);

  c = (const guint32 *)(gpointer)cells->data;
  for (gsize i = 0, j; i < n && (limit == 0 || res->n_rows < limit); i = j) {
    const guint32 *head = c + i * total;
    WhenSet        u =
      row_set(&w, &g_array_index(rows, guint32, head[width] * ROW_CELLS(&w)));
    WhenSet kept;
    guint32 index = res->when_sets->len;

    for (j = i + 1;
         j < n && memcmp(c + j * total, head, width * sizeof(guint32)) == 0;
         j++)
      u = ranges_union(
        &w.row_days,
        u,
        row_set(
          &w,
          &g_array_index(rows, guint32, c[j * total + width] * ROW_CELLS(&w))));
    kept.at = res->when_days->len;
    kept.n  = u.n;
    g_array_append_vals(res->when_days, w.row_days.data + u.at, u.n);
    g_array_append_val(res->when_sets, kept);
    if (sources)
      group_sources(&w, res, rows, c + i * total + width, j - i, total);
    g_array_append_vals(res->cells, head, width);
    g_array_append_val(res->cells, index);
    if (sources)
      g_array_append_val(res->cells, index);
    res->n_rows++;
  }
  g_array_unref(rows);
  when_clear(&w);
  return res;
}

AzkbResult *
when_execute(AzkbQuery *query, guint limit, gboolean *out_expired)
{
  gboolean literal = FALSE;

  for (guint i = 0; i < query->steps->len; i++)
    literal |= g_array_index(query->steps, QStep, i).lit_prop != 0;
  if (query->n_slots > 0 || literal || query->constraints->len > 0 ||
      (query->flags & AZKB_QUERY_SOURCES))
    return execute_bound(query, limit, out_expired);
  return execute_nodes(query, limit, out_expired);
}

const AzkbDayRange *
azkb_result_when(const AzkbResult *result, guint32 cell, gsize *out_n)
{
  WhenSet set;

  g_return_val_if_fail(result != NULL && out_n != NULL, NULL);
  *out_n = 0;
  g_return_val_if_fail(result->when_sets != NULL, NULL);
  g_return_val_if_fail(cell < result->when_sets->len, NULL);
  set    = g_array_index(result->when_sets, WhenSet, cell);
  *out_n = set.n;
  return &g_array_index(result->when_days, AzkbDayRange, set.at);
}
