/* Evaluation: the product search of a step's automaton and the graph, and
 * the step-by-step join of a chain into distinct rows.
 *
 * A step from one node is a breadth-first search over (node, state) pairs,
 * each pair visited once, so its cost is bounded by the edges the automaton
 * can read times its states — linear in the product, whatever the cycles.
 * The reachable sets are memoised per (step, direction, start node), so a
 * chain that meets the same node on many rows searches from it once.
 *
 * The rows are made an answer by result.c (projection, sources) and
 * sort.c (the order of names); explain.c describes this plan in words. */
#include "query-private.h"

#include <string.h>

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
  if (!azkb_interval_span_at(&st.time, filter->present, &lo, &hi))
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

/* A set of (node, state) pairs or of nodes for one evaluation, reused by
 * every search in it.  It starts as a hash set, so a small search costs
 * what it touches; once it holds more than 1/MARKS_DENSE_RATIO of its
 * range it becomes a bitmap indexed by node * states + state, if that fits
 * in MARKS_DENSE_MAX bits.  A search clears the marks it set (sparse
 * reset), never the whole bitmap. */
#define MARKS_DENSE_MAX (G_GUINT64_CONSTANT(1) << 28)
#define MARKS_DENSE_RATIO 512

typedef struct {
  guint64   *bits; ///< the bitmap, or NULL while hashed
  AzkbKeySet keys;
  guint64    n_bits;
} Marks;

static void
marks_init(Marks *m, guint64 n_bits)
{
  m->bits   = NULL;
  m->n_bits = n_bits;
  azkb_key_set_init(&m->keys);
}

static void
marks_clear(Marks *m)
{
  g_clear_pointer(&m->bits, g_free);
  azkb_key_set_clear(&m->keys);
}

static void
marks_densify(Marks *m)
{
  m->bits = g_new0(guint64, (m->n_bits + 63) / 64);
  for (gsize i = 0; i <= m->keys.mask; i++) {
    guint64 k = m->keys.slots[i];

    if (k != AZKB_KEY_FREE)
      m->bits[k / 64] |= G_GUINT64_CONSTANT(1) << (k % 64);
  }
  azkb_key_set_clear(&m->keys);
}

/* Set mark @i; TRUE if it was not set. */
static inline gboolean
marks_add(Marks *m, guint64 i)
{
  guint64 bit = G_GUINT64_CONSTANT(1) << (i % 64);

  if (G_UNLIKELY(m->bits == NULL)) {
    if (!azkb_key_set_add(&m->keys, i))
      return FALSE;
    if (m->keys.len > m->n_bits / MARKS_DENSE_RATIO &&
        m->n_bits <= MARKS_DENSE_MAX)
      marks_densify(m);
    return TRUE;
  }
  if (m->bits[i / 64] & bit)
    return FALSE;
  m->bits[i / 64] |= bit;
  return TRUE;
}

static void
marks_reset(Marks *m, guint64 i)
{
  if (m->bits != NULL)
    m->bits[i / 64] &= ~(G_GUINT64_CONSTANT(1) << (i % 64));
}

/* After the sparse resets: a hash set is emptied in place, at a cost in
 * proportion to what the search put in it. */
static void
marks_reset_all(Marks *m)
{
  if (m->bits == NULL)
    azkb_key_set_reset(&m->keys);
}

typedef struct {
  AzkbTermId node;
  guint      state;
} Pair;

/* What every search of one evaluation shares. */
typedef struct {
  guint       n_terms; ///< ids are below this
  guint       states;  ///< most states of any step's automata
  Marks       seen;    ///< (node, state) pairs reached
  Marks       found;   ///< nodes reached in an accepting state
  Pair       *queue;   ///< pairs reached, in the order reached
  gsize       queue_cap;
  AzkbTermId *out; ///< nodes found, before they are copied out
  gsize       out_cap;
  gboolean   *check;    ///< [states]: must edges read there be checked?
  gint64      deadline; ///< monotonic µs, 0: none
  guint       ticks;    ///< steps since the clock was last read
  gboolean    expired;  ///< the deadline passed: every loop unwinds
} Scratch;

/* Reading the clock costs tens of nanoseconds: read it once per this many
 * steps of a search (a few microseconds of work), so a search stops soon
 * after its deadline and pays nothing measurable for it. */
#define TICKS_PER_CLOCK 4096

/* Count one step; TRUE once the deadline has passed. */
static inline gboolean
expired(Scratch *sc)
{
  if (G_LIKELY(++sc->ticks < TICKS_PER_CLOCK))
    return sc->expired;
  sc->ticks = 0;
  if (sc->deadline != 0 && g_get_monotonic_time() > sc->deadline)
    sc->expired = TRUE;
  return sc->expired;
}

static void
scratch_init(Scratch *sc, AzkbQuery *q)
{
  memset(sc, 0, sizeof *sc);
  sc->n_terms = azkb_store_n_terms(q->store) + 1;
  for (guint i = 0; i < q->steps->len; i++) {
    const QStep *step = &g_array_index(q->steps, QStep, i);

    /* a backward automaton not compiled yet has the forward one's states
     * (step_nfa()) */
    if (step->fwd != NULL)
      sc->states = MAX(sc->states, step->fwd->n_states);
    if (step->bwd != NULL)
      sc->states = MAX(sc->states, step->bwd->n_states);
  }
  sc->states = MAX(sc->states, 1);
}

static void
scratch_clear(Scratch *sc)
{
  marks_clear(&sc->seen);
  marks_clear(&sc->found);
  g_clear_pointer(&sc->queue, g_free);
  g_clear_pointer(&sc->out, g_free);
  g_clear_pointer(&sc->check, g_free);
}

/* Make room for one more element at index @len of @buf. */
static inline void *
reserve(void *buf, gsize *cap, gsize len, gsize size)
{
  if (G_LIKELY(len < *cap))
    return buf;
  *cap = MAX(*cap * 2, 64);
  return g_realloc_n(buf, *cap, size);
}

/* Can an edge read by @label lead to a literal value?  Only forwards over
 * a relation that also holds literals (a property), or when the label
 * reads any relation, or backwards (a statement's subject is checked too,
 * though the store never makes a literal one). */
static gboolean
label_may_reach_literals(const NfaLabel *label, AzkbStore *store)
{
  if (label->kind != PX_REL || label->inverse)
    return TRUE;
  return (azkb_store_term_kind(store, label->rel) & AZKB_TERM_PROPERTY) != 0;
}

/* Every node reachable from @start along a word of @nfa, in the order
 * found: *@out_n of them, in @sc until its next search. */
static const AzkbTermId *
reach(Scratch         *sc,
      const Nfa       *nfa,
      AzkbStore       *store,
      AzkbTermId       start,
      const HopFilter *filter,
      gsize           *out_n)
{
  guint states = nfa->n_states;
  gsize len    = 0;
  gsize n_out  = 0;

  if (sc->check == NULL) {
    marks_init(&sc->seen, (guint64)sc->n_terms * sc->states);
    marks_init(&sc->found, sc->n_terms);
    sc->check = g_new(gboolean, sc->states);
  }
  /* Whether an edge read at position p needs its label, literal and time
   * checks; a relation with no literal values needs none unfiltered. */
  for (guint p = 1; p < states; p++)
    sc->check[p] = nfa->labels[p].kind != PX_REL || filter != NULL ||
                   label_may_reach_literals(&nfa->labels[p], store);
  marks_add(&sc->seen, (guint64)start * states);
  sc->queue        = reserve(sc->queue, &sc->queue_cap, len, sizeof(Pair));
  sc->queue[len++] = (Pair){ start, 0 };
  if (nfa->accepting[0] && marks_add(&sc->found, start)) {
    sc->out = reserve(sc->out, &sc->out_cap, n_out, sizeof(AzkbTermId));
    sc->out[n_out++] = start;
  }
  for (gsize head = 0; head < len && !expired(sc); head++) {
    Pair pair = sc->queue[head];

    for (guint i = nfa->offsets[pair.state]; i < nfa->offsets[pair.state + 1];
         i++) {
      guint           p      = nfa->next[i];
      const NfaLabel *label  = &nfa->labels[p];
      gboolean        accept = nfa->accepting[p];
      gboolean        check  = sc->check[p];
      gsize           n;
      const AzkbEdge *edges =
        label_edges(label, label->inverse, store, pair.node, &n);

      for (gsize e = 0; e < n; e++) {
        AzkbTermId other = edges[e].other;

        if (check && !label_reads_edge(label, store, &edges[e], filter))
          continue;
        /* A twin state has the same future: one of them is enough. */
        if (!marks_add(&sc->seen, (guint64)other * states + nfa->twin[p]))
          continue;
        sc->queue = reserve(sc->queue, &sc->queue_cap, len, sizeof(Pair));
        sc->queue[len++] = (Pair){ other, p };
        if (accept && marks_add(&sc->found, other)) {
          sc->out = reserve(sc->out, &sc->out_cap, n_out, sizeof(AzkbTermId));
          sc->out[n_out++] = other;
        }
      }
    }
  }
  /* Leave the marks clear for the next search. */
  for (gsize i = 0; i < len; i++)
    marks_reset(&sc->seen,
                (guint64)sc->queue[i].node * states +
                  nfa->twin[sc->queue[i].state]);
  for (gsize i = 0; i < n_out; i++)
    marks_reset(&sc->found, sc->out[i]);
  marks_reset_all(&sc->seen);
  marks_reset_all(&sc->found);
  *out_n = n_out;
  return sc->out;
}

/* ---- the memo of searches ---- */

/* (step, direction, start node) → the nodes its search reached, as a slice
 * of one buffer.  A chain searches from many nodes that reach a few each:
 * a hash table entry and an array per search cost more than such a search
 * (a 2-step join spent a third of its time on them). */
typedef struct {
  gsize at; ///< first node in Memo.nodes
  gsize len;
} MemoSlice;

typedef struct {
  AzkbKeyMap  index; ///< key → index into slices
  GArray     *slices;
  AzkbTermId *nodes;
  gsize       n_nodes, nodes_cap;
} Memo;

static void
memo_init(Memo *memo)
{
  *memo = (Memo){ 0 };
  azkb_key_map_init(&memo->index);
  memo->slices = g_array_new(FALSE, FALSE, sizeof(MemoSlice));
}

static void
memo_clear(Memo *memo)
{
  azkb_key_map_clear(&memo->index);
  g_clear_pointer(&memo->slices, g_array_unref);
  g_clear_pointer(&memo->nodes, g_free);
  memo->n_nodes = memo->nodes_cap = 0;
}

/* Keep @n @nodes as the answer for @key (not yet in @memo). */
static const MemoSlice *
memo_add(Memo *memo, guint64 key, const AzkbTermId *nodes, gsize n)
{
  MemoSlice slice = { memo->n_nodes, n };

  if (memo->n_nodes + n > memo->nodes_cap) {
    memo->nodes_cap = MAX(memo->nodes_cap * 2, memo->n_nodes + n);
    memo->nodes_cap = MAX(memo->nodes_cap, 256);
    memo->nodes     = g_renew(AzkbTermId, memo->nodes, memo->nodes_cap);
  }
  if (n > 0)
    memcpy(memo->nodes + memo->n_nodes, nodes, n * sizeof(AzkbTermId));
  memo->n_nodes += n;
  azkb_key_map_add(&memo->index, key, memo->slices->len);
  g_array_append_val(memo->slices, slice);
  return &g_array_index(memo->slices, MemoSlice, memo->slices->len - 1);
}

/* ---- the join ---- */

typedef struct {
  AzkbQuery *q;
  guint      n_nodes; ///< nodes of the chain
  guint      width;   ///< cells per row: the nodes, then q->n_slots
  HopFilter *filters;
  Memo       memo;
  AzkbKeyMap cross_index;  ///< (step, direction, node) → cross_slices index
  GArray    *cross_slices; ///< MemoSlice into crossings; NULL until the
                           ///< first crossing is remembered
  GArray    *crossings;    ///< Crossing
  MemoSlice  once;         ///< cross_once()'s crossings, at the end
  gsize      once_len;
  gboolean   first_step; ///< extending the start node's own rows
  guint      n_bound;    ///< steps that bind their statement
  Scratch    scratch;
  AzkbKeySet subclass_known; ///< (class, required class) pairs decided
  AzkbKeySet subclass_yes;   ///< ... and those where it is a subclass
                             ///< (both made by the first has_class())
} Eval;

static void
eval_init(Eval *ev, AzkbQuery *q)
{
  *ev         = (Eval){ 0 };
  ev->q       = q;
  ev->n_nodes = q->nodes->len;
  ev->width   = q->nodes->len + q->n_slots;
  ev->filters = g_new0(HopFilter, q->steps->len + 1);
  memo_init(&ev->memo);
  /* The tables of crossings and classes are made when first used: a
   * question of a few rows (no literal, no class) needs neither, and
   * making and freeing them was a tenth of its evaluation. */
  ev->crossings = NULL; /* made with the first crossing (its type below) */
  scratch_init(&ev->scratch, q);
  for (guint i = 0; i < q->steps->len; i++) {
    const QStep *step = &g_array_index(q->steps, QStep, i);
    HopFilter   *f    = &ev->filters[i];

    ev->n_bound += step->stmt_slot >= 0;
    f->store   = q->store;
    f->strict  = (q->flags & AZKB_QUERY_STRICT_TIME) != 0;
    f->present = &q->present;
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
  memo_clear(&ev->memo);
  azkb_key_map_clear(&ev->cross_index);
  g_clear_pointer(&ev->cross_slices, g_array_unref);
  g_clear_pointer(&ev->crossings, g_array_unref);
  scratch_clear(&ev->scratch);
  azkb_key_set_clear(&ev->subclass_known);
  azkb_key_set_clear(&ev->subclass_yes);
}

/* azkb_store_has_class(), with each (class, required class) question
 * answered once per evaluation: the store's answer walks the superclasses
 * with a fresh hash table every time. */
static gboolean
has_class(Eval *ev, AzkbTermId entity, AzkbTermId cls)
{
  gsize             n;
  const AzkbTermId *classes =
    azkb_store_entity_classes(ev->q->store, entity, &n);

  if (ev->subclass_known.slots == NULL) {
    azkb_key_set_init(&ev->subclass_known);
    azkb_key_set_init(&ev->subclass_yes);
  }
  for (gsize i = 0; i < n; i++) {
    guint64 key = ((guint64)classes[i] << 32) | cls;

    if (azkb_key_set_add(&ev->subclass_known, key) &&
        azkb_store_is_subclass(ev->q->store, classes[i], cls))
      azkb_key_set_add(&ev->subclass_yes, key);
    if (azkb_key_set_contains(&ev->subclass_yes, key))
      return TRUE;
  }
  return FALSE;
}

/* @cls and every class below it: the classes c for which
 * azkb_store_is_subclass(c, @cls) holds, found by walking down the
 * subclass view (the visited set makes cycles harmless).  (transfer full) */
static GArray *
classes_below(const AzkbStore *store, AzkbTermId cls)
{
  GArray    *out = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  AzkbKeySet seen;

  azkb_key_set_init(&seen);
  azkb_key_set_add(&seen, cls);
  g_array_append_val(out, cls);
  for (guint i = 0; i < out->len; i++) {
    gsize             n;
    const AzkbTermId *subs =
      azkb_store_subclasses(store, g_array_index(out, AzkbTermId, i), &n);

    for (gsize k = 0; k < n; k++)
      if (azkb_key_set_add(&seen, subs[k]))
        g_array_append_val(out, subs[k]);
  }
  azkb_key_set_clear(&seen);
  return out;
}

/* The entities of class @cls or a subclass, in id order: the members of
 * each class below @cls, which the store keeps for each class, instead of
 * a test of every entity's classes.  An entity of two such classes is
 * listed once; a term given a class but never made an entity is not a
 * node, as a scan of azkb_store_entities() would not meet it.
 * (transfer full) */
static GArray *
class_candidates(const AzkbStore *store, AzkbTermId cls)
{
  g_autoptr(GArray) classes = classes_below(store, cls);
  GArray *out               = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  guint   kept              = 0;

  for (guint i = 0; i < classes->len; i++) {
    gsize             n;
    const AzkbTermId *members = azkb_store_class_members(
      store, g_array_index(classes, AzkbTermId, i), &n);

    if (n > 0)
      g_array_append_vals(out, members, (guint)n);
  }
  /* One class's members come sorted; they repeat only if a snapshot
   * recorded one class of an entity twice (as kinds 0 and 1). */
  if (classes->len > 1)
    sort_unique_ids(out, azkb_store_n_terms(store));
  for (guint i = 0; i < out->len; i++) {
    AzkbTermId e = g_array_index(out, AzkbTermId, i);

    if ((kept == 0 || g_array_index(out, AzkbTermId, kept - 1) != e) &&
        (azkb_store_term_kind(store, e) & AZKB_TERM_ENTITY))
      g_array_index(out, AzkbTermId, kept++) = e;
  }
  g_array_set_size(out, kept);
  return out;
}

/* The entities a free node can stand for (zero-length paths range over
 * them too).  (transfer full) */
static GArray *
node_candidates(Eval *ev, const QNode *node)
{
  GArray *one;

  if (node->kind == NODE_ENTITY) {
    one = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
    g_array_append_val(one, node->entity);
    return one;
  }
  if (node->cls == 0)
    return azkb_store_entities(ev->q->store);
  return class_candidates(ev->q->store, node->cls);
}

/* The label of @nfa if it reads exactly one hop of one relation (`r`,
 * `^r`), else NULL: such a step needs no search. */
static const NfaLabel *
single_hop(const Nfa *nfa)
{
  /* Two states: the start, which reads the relation, and an accepting
   * state with no moves (`r+` loops there). */
  if (nfa->n_states != 2 || nfa->accepting[0] || !nfa->accepting[1] ||
      nfa->labels[1].kind != PX_REL || nfa->offsets[2] != nfa->offsets[1])
    return NULL;
  return &nfa->labels[1];
}

/* Keep of @ids (sorted by id) those also in @list (sorted by id). */
static void
keep_listed(GArray *ids, const AzkbTermId *list, gsize n)
{
  guint kept = 0;
  gsize at   = 0;

  for (guint i = 0; i < ids->len; i++) {
    AzkbTermId t = g_array_index(ids, AzkbTermId, i);

    while (at < n && list[at] < t)
      at++;
    if (at < n && list[at] == t)
      g_array_index(ids, AzkbTermId, kept++) = t;
  }
  g_array_set_size(ids, kept);
}

/* The nodes with an edge of the one relation that step @step reads (in
 * direction @backward), if it reads one hop of one relation; else FALSE. */
static gboolean
hop_nodes(Eval              *ev,
          guint              step,
          gboolean           backward,
          const AzkbTermId **out_nodes,
          gsize             *out_n)
{
  QStep          *s   = &g_array_index(ev->q->steps, QStep, step);
  const Nfa      *nfa = step_nfa(s, backward);
  const NfaLabel *hop;

  if (s->lit_prop != 0 || nfa == NULL || (hop = single_hop(nfa)) == NULL)
    return FALSE;
  *out_nodes =
    azkb_store_relation_nodes(ev->q->store, hop->rel, hop->inverse, out_n);
  return TRUE;
}

/* The candidates of node @i where a chain's rows start (its anchor, or the
 * first or last node of a count by walks).  A free node that a step leaves
 * by one hop of one relation can only be a node with such an edge: on a
 * sparse relation those are far fewer than the entities, and rows that
 * could never leave are not made.  (transfer full) */
static GArray *
start_candidates(Eval *ev, guint i)
{
  const QNode      *node = &g_array_index(ev->q->nodes, QNode, i);
  const AzkbTermId *lists[2];
  gsize             lens[2];
  guint             n_lists = 0, base = 0;
  GArray           *out;

  if (node->kind == NODE_ENTITY)
    return node_candidates(ev, node);
  if (i + 1 < ev->n_nodes && hop_nodes(ev, i, FALSE, &lists[0], &lens[0]))
    n_lists++;
  if (i > 0 && hop_nodes(ev, i - 1, TRUE, &lists[n_lists], &lens[n_lists]))
    n_lists++;
  if (n_lists == 0)
    return node_candidates(ev, node);
  if (n_lists == 2 && lens[1] < lens[0])
    base = 1;
  if (node->cls != 0)
    out = node_candidates(ev, node);
  else {
    out =
      g_array_sized_new(FALSE, FALSE, sizeof(AzkbTermId), (guint)lens[base]);
    for (gsize k = 0; k < lens[base]; k++)
      if (azkb_store_term_kind(ev->q->store, lists[base][k]) & AZKB_TERM_ENTITY)
        g_array_append_val(out, lists[base][k]);
  }
  for (guint l = 0; l < n_lists; l++)
    if (node->cls != 0 || l != base)
      keep_listed(out, lists[l], lens[l]);
  return out;
}

/* The other ends of @from's edges that @label reads, each once: a node's
 * edges of one relation are sorted by their other end, so the statements
 * of one pair (two terms of a membership) are neighbours.  In @sc's output
 * buffer, as reach() leaves its answer. */
static const AzkbTermId *
hop_ends(Scratch         *sc,
         const NfaLabel  *label,
         AzkbStore       *store,
         AzkbTermId       from,
         const HopFilter *filter,
         gsize           *out_n)
{
  gsize           n, n_out = 0;
  const AzkbEdge *edges = label_edges(label, label->inverse, store, from, &n);
  gboolean check = filter != NULL || label_may_reach_literals(label, store);

  if (n > sc->out_cap) {
    sc->out_cap = MAX(n, 64);
    sc->out     = g_renew(AzkbTermId, sc->out, sc->out_cap);
  }
  for (gsize e = 0; e < n; e++) {
    AzkbTermId other = edges[e].other;

    if (check && !label_reads_edge(label, store, &edges[e], filter))
      continue;
    if (n_out > 0 && sc->out[n_out - 1] == other)
      continue;
    sc->out[n_out++] = other;
  }
  *out_n = n_out;
  return sc->out;
}

/* The nodes step @step reaches from @from (backwards: that reach @from),
 * *@n of them, in the scratch buffer until the next search; not memoised
 * (step_reach() remembers them, a count by walks asks each once). */
static const AzkbTermId *
step_ends(Eval *ev, guint step, gboolean backward, AzkbTermId from, gsize *n)
{
  QStep           *s   = &g_array_index(ev->q->steps, QStep, step);
  const Nfa       *nfa = step_nfa(s, backward);
  const NfaLabel  *hop = single_hop(nfa);
  const HopFilter *f   = &ev->filters[step];

  if (hop != NULL)
    return hop_ends(
      &ev->scratch, hop, ev->q->store, from, f->n_ranges > 0 ? f : NULL, n);
  return reach(
    &ev->scratch, nfa, ev->q->store, from, f->n_ranges > 0 ? f : NULL, n);
}

/* The nodes step @step reaches from @from (backwards: that reach @from),
 * *@out_n of them, valid until the next call. */
static const AzkbTermId *
step_reach(Eval      *ev,
           guint      step,
           gboolean   backward,
           AzkbTermId from,
           gsize     *out_n)
{
  QStep           *s = &g_array_index(ev->q->steps, QStep, step);
  guint64          key;
  guint32          index;
  const MemoSlice *slice;

  /* One hop of one relation is a slice of the adjacency already: reading
   * it again costs less than remembering it. */
  if (single_hop(step_nfa(s, backward)) != NULL)
    return step_ends(ev, step, backward, from, out_n);
  key   = ((guint64)step << 33) | ((guint64)backward << 32) | from;
  index = azkb_key_map_get(&ev->memo.index, key);
  if (index == AZKB_KEY_MAP_NONE) {
    gsize             n;
    const AzkbTermId *found = step_ends(ev, step, backward, from, &n);

    slice = memo_add(&ev->memo, key, found, n);
  } else
    slice = &g_array_index(ev->memo.slices, MemoSlice, index);
  *out_n = slice->len;
  /* Nothing memoised yet leaves the buffer NULL: NULL + 0 is undefined. */
  return slice->len > 0 ? ev->memo.nodes + slice->at : NULL;
}

/* What node @i of the chain asks of a term, besides joins. */
static gboolean
node_accepts(Eval *ev, guint i, AzkbTermId term)
{
  const QNode *node = &g_array_index(ev->q->nodes, QNode, i);

  if (node->kind == NODE_ENTITY)
    return term == node->entity;
  return node->cls == 0 || has_class(ev, term, node->cls);
}

int
query_join_partner(const AzkbQuery *q, guint i, const gboolean *bound)
{
  const QNode *node = &g_array_index(q->nodes, QNode, i);

  if (node->var < 0)
    return -1;
  for (guint j = 0; j < q->nodes->len; j++)
    if (j != i && bound[j] &&
        g_array_index(q->nodes, QNode, j).var == node->var)
      return (int)j;
  return -1;
}

static int
compare_rows(gconstpointer a, gconstpointer b, gpointer user_data)
{
  guint             width = GPOINTER_TO_UINT(user_data);
  const AzkbTermId *x     = a;
  const AzkbTermId *y     = b;

  for (guint i = 0; i < width; i++)
    if (x[i] != y[i])
      return x[i] < y[i] ? -1 : 1;
  return 0;
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
 * the frontier), so rows that differ only there merge.  A column that holds
 * one value in every row merges nothing, so the sort is skipped when only
 * such columns are forgotten (a named start, say). */
static void
forget_hidden(const Eval *ev, GArray *rows, guint keep_a, guint keep_b)
{
  AzkbTermId *cells  = (AzkbTermId *)(void *)rows->data;
  gsize       n      = rows->len / ev->width;
  gboolean    merges = FALSE;

  /* The sources of a row are found again from all its nodes. */
  if (ev->q->flags & AZKB_QUERY_SOURCES)
    return;
  for (guint j = 0; j < ev->n_nodes; j++) {
    const QNode *node = &g_array_index(ev->q->nodes, QNode, j);

    if (node->var >= 0 || j == keep_a || j == keep_b)
      continue;
    /* Row 0 is zeroed last: the others are compared with it. */
    for (gsize r = n; r-- > 0;) {
      merges |= cells[r * ev->width + j] != cells[j];
      cells[r * ev->width + j] = 0;
    }
  }
  if (merges)
    unique_rows(rows, ev->width);
}

/* ---- steps that read their statement ---- */

/* One way across a one-hop step: a node it reaches and the statement. */
typedef struct {
  AzkbTermId node;
  AzkbStmtId stmt;
} Crossing;

/* The literal values a step ending at a property reaches from @node: over
 * what comes before the property (if anything), then the property. */
static void
literal_crossings(Eval *ev, guint step, AzkbTermId node, GArray *out)
{
  const QStep      *s = &g_array_index(ev->q->steps, QStep, step);
  const HopFilter  *f = &ev->filters[step];
  gsize             n_mids;
  const AzkbTermId *mids = &node;
  g_autoptr(GArray) copy = NULL;

  n_mids = 1;
  if (s->expr != NULL) {
    /* step_reach's answer lives in the memo, which the loop may grow */
    const AzkbTermId *found = step_reach(ev, step, FALSE, node, &n_mids);

    copy = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
    g_array_append_vals(copy, found, (guint)n_mids);
    mids = (const AzkbTermId *)(gpointer)copy->data;
  }
  for (gsize m = 0; m < n_mids; m++) {
    gsize           n;
    const AzkbEdge *edges =
      azkb_store_out_edges(ev->q->store, mids[m], s->lit_prop, &n);

    for (gsize e = 0; e < n; e++)
      if ((azkb_store_term_kind(ev->q->store, edges[e].other) &
           AZKB_TERM_LITERAL) &&
          (f->n_ranges == 0 || hop_filter_pass(f, edges[e].stmt))) {
        Crossing c = { edges[e].other, edges[e].stmt };
        g_array_append_val(out, c);
      }
  }
}

/* The crossings of @step (ending at a literal) from @node, found once per
 * evaluation: a chain that meets the same node on many rows crosses from
 * it once (as step_reach() memoises its searches).  Valid until the next
 * call. */
static const MemoSlice *
step_crossings(Eval *ev, guint step, AzkbTermId node)
{
  guint64   key = ((guint64)step << 32) | node;
  guint32   index;
  MemoSlice slice;

  if (ev->cross_slices == NULL) {
    azkb_key_map_init(&ev->cross_index);
    ev->cross_slices = g_array_new(FALSE, FALSE, sizeof(MemoSlice));
  }
  index = azkb_key_map_get(&ev->cross_index, key);
  if (index != AZKB_KEY_MAP_NONE)
    return &g_array_index(ev->cross_slices, MemoSlice, index);
  slice.at = ev->crossings->len;
  literal_crossings(ev, step, node, ev->crossings);
  slice.len = ev->crossings->len - slice.at;
  azkb_key_map_add(&ev->cross_index, key, ev->cross_slices->len);
  g_array_append_val(ev->cross_slices, slice);
  return &g_array_index(ev->cross_slices, MemoSlice, ev->cross_slices->len - 1);
}

/* step_crossings() without remembering: the crossings replace the last
 * ones made this way, at the end of the buffer.  Valid until the next
 * call. */
static const MemoSlice *
cross_once(Eval *ev, guint step, AzkbTermId node)
{
  if (ev->once_len > 0)
    g_array_set_size(ev->crossings, ev->crossings->len - ev->once_len);
  ev->once.at = ev->crossings->len;
  literal_crossings(ev, step, node, ev->crossings);
  ev->once.len = ev->once_len = ev->crossings->len - ev->once.at;
  return &ev->once;
}

/* Append @row crossed to @c, once for each combination of the values of
 * the step's qualifiers on the statement (none: no row). */
static void
append_crossing(Eval             *ev,
                const QStep      *s,
                GArray           *out,
                const AzkbTermId *row,
                guint             to,
                const Crossing   *c)
{
  guint                  width = ev->width;
  guint                  first = out->len / width;
  g_autofree AzkbTermId *tmp   = NULL;
  GArray                *quals;

  g_array_append_vals(out, row, width);
  g_array_index(out, AzkbTermId, first * width + to) = c->node;
  if (s->stmt_slot >= 0)
    g_array_index(out, AzkbTermId, first * width + ev->n_nodes + s->stmt_slot) =
      c->stmt;
  if (s->quals == NULL)
    return;
  tmp   = g_new(AzkbTermId, width);
  quals = azkb_store_statement_qualifiers(ev->q->store, c->stmt);
  for (guint k = 0; k < s->quals->len; k++) {
    const QQual *q    = &g_array_index(s->quals, QQual, k);
    guint        cell = ev->n_nodes + q->slot;
    guint        end  = out->len / width;

    /* every row made so far for this crossing, times each value */
    for (guint r = first; r < end; r++)
      for (guint v = 0; v < quals->len; v++) {
        const AzkbQualifier *qv = &g_array_index(quals, AzkbQualifier, v);
        guint                at;

        if (qv->property != q->property)
          continue;
        /* copied first: appending may move the array */
        at = out->len / width;
        memcpy(tmp,
               &g_array_index(out, AzkbTermId, r * width),
               width * sizeof(AzkbTermId));
        tmp[cell] = qv->value;
        g_array_append_vals(out, tmp, width);
        (void)at;
      }
    /* drop the rows that had no value yet */
    g_array_remove_range(out, first * width, (end - first) * width);
  }
  g_array_unref(quals);
}

/* Extend @row across the one-hop step @step (from node @from to node @to),
 * appending to @out a row per statement crossed.  The node's edges are
 * read where the store keeps them, as hop_ends() reads them for a step
 * that binds no statement: remembering the crossings per node, or
 * appending them one call at a time, cost more than the untimed step. */
static void
cross_hop(Eval             *ev,
          guint             step,
          const AzkbTermId *row,
          guint             from,
          guint             to,
          int               partner,
          GArray           *out)
{
  QStep           *s      = &g_array_index(ev->q->steps, QStep, step);
  const Nfa       *nfa    = step_nfa(s, to < from);
  const HopFilter *f      = &ev->filters[step];
  const HopFilter *filter = f->n_ranges > 0 ? f : NULL;
  AzkbStore       *store  = ev->q->store;
  guint            width  = ev->width;
  guint            cell   = ev->n_nodes + (guint)s->stmt_slot;

  for (guint i = nfa->offsets[0]; i < nfa->offsets[1]; i++) {
    const NfaLabel *label = &nfa->labels[nfa->next[i]];
    gsize           n;
    const AzkbEdge *edges;
    gboolean        check;
    guint           base = out->len, used = 0;
    AzkbTermId     *cells;

    if (!nfa->accepting[nfa->next[i]])
      continue;
    edges = label_edges(label, label->inverse, store, row[from], &n);
    if (n == 0)
      continue;
    /* What an edge needs checked, as in hop_ends(). */
    check = label->kind != PX_REL || filter != NULL ||
            label_may_reach_literals(label, store);
    /* Room for every edge at once; the rows are written in place. */
    if (s->quals == NULL)
      g_array_set_size(out, base + (guint)n * width);
    for (gsize e = 0; e < n; e++) {
      Crossing c = { edges[e].other, edges[e].stmt };

      if (check && !label_reads_edge(label, store, &edges[e], filter))
        continue;
      if (partner >= 0 && row[partner] != c.node)
        continue;
      if (!node_accepts(ev, to, c.node))
        continue;
      if (s->quals != NULL) {
        append_crossing(ev, s, out, row, to, &c);
        continue;
      }
      cells = &g_array_index(out, AzkbTermId, base + used);
      for (guint k = 0; k < width; k++)
        cells[k] = row[k];
      cells[to]   = c.node;
      cells[cell] = c.stmt;
      used += width;
    }
    if (s->quals == NULL)
      g_array_set_size(out, base + used);
  }
}

/* extend() for a step that reads its statement (a time variable,
 * qualifiers) or ends at a literal value. */
static GArray *
extend_crossings(Eval   *ev,
                 GArray *rows,
                 guint   step,
                 guint   from,
                 guint   to,
                 int     partner)
{
  QStep  *s   = &g_array_index(ev->q->steps, QStep, step);
  GArray *out = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  gsize   n   = rows->len / ev->width;

  if (ev->crossings == NULL)
    ev->crossings = g_array_new(FALSE, FALSE, sizeof(Crossing));
  for (gsize r = 0; r < n && !expired(&ev->scratch); r++) {
    const AzkbTermId *row = &g_array_index(rows, AzkbTermId, r * ev->width);
    const MemoSlice  *slice;

    if (s->lit_prop == 0) {
      cross_hop(ev, step, row, from, to, partner, out);
      continue;
    }
    /* The first step's rows each hold another start node: nothing to
     * remember for them. */
    slice = ev->first_step ? cross_once(ev, step, row[from])
                           : step_crossings(ev, step, row[from]);
    for (gsize k = slice->at; k < slice->at + slice->len; k++) {
      const Crossing *c = &g_array_index(ev->crossings, Crossing, k);

      if (partner >= 0 && row[partner] != c->node)
        continue;
      append_crossing(ev, s, out, row, to, c);
    }
  }
  g_array_unref(rows);
  if (ev->once_len > 0) {
    g_array_set_size(ev->crossings, ev->crossings->len - ev->once_len);
    ev->once_len = 0;
  }
  /* Distinct rows crossing distinct statements stay distinct, unless two
   * positions of the automaton read one edge (`p|p`), or the statement is
   * not kept (a literal reached over a path). */
  if (s->stmt_slot < 0 || s->lit_prop != 0 ||
      step_nfa(s, to < from)->n_states > 2)
    unique_rows(out, ev->width);
  return out;
}

/* Extend every row across step @step, from node @from to node @to.  Rows
 * come in distinct and leave distinct: each gets distinct new ends. */
static GArray *
extend_ends(Eval   *ev,
            GArray *rows,
            guint   step,
            guint   from,
            guint   to,
            int     partner)
{
  gsize       n     = rows->len / ev->width;
  guint       width = ev->width;
  gsize       cap   = MAX(n, 16) * width;
  AzkbTermId *cells = g_new(AzkbTermId, cap);
  gsize       used  = 0;
  GArray     *out;

  for (gsize r = 0; r < n && !expired(&ev->scratch); r++) {
    gsize             n_ends;
    const AzkbTermId *ends =
      step_reach(ev,
                 step,
                 to < from,
                 g_array_index(rows, AzkbTermId, r * width + from),
                 &n_ends);
    const AzkbTermId *row = &g_array_index(rows, AzkbTermId, r * width);

    /* Room for every end; the buffer grows by doubling, not per row. */
    if (used + n_ends * width > cap) {
      cap   = MAX(cap * 2, used + n_ends * width);
      cells = g_renew(AzkbTermId, cells, cap);
    }
    for (gsize k = 0; k < n_ends; k++) {
      AzkbTermId t = ends[k];

      if (partner >= 0 && row[partner] != t)
        continue;
      if (!node_accepts(ev, to, t))
        continue;
      for (guint c = 0; c < width; c++)
        cells[used + c] = row[c];
      cells[used + to] = t;
      used += width;
    }
  }
  g_array_unref(rows);
  out = g_array_sized_new(FALSE, FALSE, sizeof(AzkbTermId), (guint)used);
  g_array_append_vals(out, cells, (guint)used);
  g_free(cells);
  return out;
}

/* Extend every row across step @step, from node @from to node @to. */
static GArray *
extend(Eval *ev, GArray *rows, guint step, guint from, guint to, int partner)
{
  const QStep *s = &g_array_index(ev->q->steps, QStep, step);

  /* a step that binds its statement or a literal extends per crossing */
  if (s->stmt_slot >= 0 || s->lit_prop != 0)
    return extend_crossings(ev, rows, step, from, to, partner);
  return extend_ends(ev, rows, step, from, to, partner);
}

/* The node to start from: a named entity, else a node with a class.  A
 * literal value ends the chain and is reached rightwards, never a start. */
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

GArray *
eval_node_candidates(AzkbQuery *query, guint i)
{
  Eval ev = { .q = query };

  return node_candidates(&ev, &g_array_index(query->nodes, QNode, i));
}

guint
eval_choose_anchor(const AzkbQuery *query)
{
  return choose_anchor(query);
}

static GArray *
join_chain(Eval *ev, guint anchor)
{
  GArray *rows               = g_array_new(FALSE, TRUE, sizeof(AzkbTermId));
  g_autoptr(GArray) start    = start_candidates(ev, anchor);
  g_autofree gboolean *bound = g_new0(gboolean, ev->width);

  /* One row per candidate, zeroed but for the anchor. */
  g_array_set_size(rows, start->len * ev->width);
  for (guint i = 0; i < start->len; i++)
    g_array_index(rows, AzkbTermId, i * ev->width + anchor) =
      g_array_index(start, AzkbTermId, i);
  bound[anchor]  = TRUE;
  ev->first_step = TRUE;
  for (guint i = anchor; i + 1 < ev->n_nodes; i++) {
    rows =
      extend(ev, rows, i, i, i + 1, query_join_partner(ev->q, i + 1, bound));
    ev->first_step = FALSE;
    bound[i + 1]   = TRUE;
    forget_hidden(ev, rows, anchor, i + 1);
  }
  for (guint i = anchor; i > 0; i--) {
    rows = extend(
      ev, rows, i - 1, i, i - 1, query_join_partner(ev->q, i - 1, bound));
    ev->first_step = FALSE;
    bound[i - 1]   = TRUE;
    forget_hidden(ev, rows, i - 1, i - 1);
  }
  return rows;
}

/* Keep the rows that meet the temporal constraints.  The statements of
 * the time variables are read a chunk of rows at a time, so that their
 * cache misses overlap, as rank_times() reads them. */
static void
keep_constrained(const Eval *ev, GArray *rows)
{
  const AzkbQuery         *q      = ev->q;
  gsize                    n      = rows->len / ev->width;
  AzkbTermId              *cells  = (AzkbTermId *)(gpointer)rows->data;
  guint                    n_vars = q->vars->len;
  g_autofree gboolean     *used   = g_new0(gboolean, n_vars + 1);
  g_autofree AzkbInterval *times  = g_new0(AzkbInterval, n_vars * TIME_CHUNK);
  gsize                    kept   = 0;

  for (guint i = 0; i < q->constraints->len; i++) {
    const QConstraint *c = &g_array_index(q->constraints, QConstraint, i);

    if (c->a.kind == OPERAND_VAR)
      used[c->a.var] = TRUE;
    if (c->b.kind == OPERAND_VAR)
      used[c->b.var] = TRUE;
  }
  for (gsize r0 = 0; r0 < n; r0 += TIME_CHUNK) {
    gsize m = MIN(TIME_CHUNK, n - r0);

    for (guint v = 0; v < n_vars; v++) {
      guint         cell = QUERY_VAR(q, v)->cell;
      AzkbStmtId    ids[TIME_CHUNK];
      AzkbStatement st[TIME_CHUNK];

      if (!used[v])
        continue;
      for (gsize j = 0; j < m; j++)
        ids[j] = cells[(r0 + j) * ev->width + cell];
      azkb_store_get_statements(q->store, ids, m, st);
      for (gsize j = 0; j < m; j++)
        times[j * n_vars + v] = st[j].time;
    }
    /* A kept row moves to a place at or before its own: the rows of this
     * chunk not yet checked stay where their times were read. */
    for (gsize j = 0; j < m; j++)
      if (constraints_hold(q, &times[j * n_vars]))
        memmove(cells + kept++ * ev->width,
                cells + (r0 + j) * ev->width,
                ev->width * sizeof(AzkbTermId));
  }
  g_array_set_size(rows, (guint)(kept * ev->width));
}

void
azkb_query_set_timeout(AzkbQuery *query, double seconds)
{
  g_return_if_fail(query != NULL);
  query->timeout_us =
    seconds > 0 ? (gint64)MIN(seconds * G_USEC_PER_SEC, (double)G_MAXINT64 / 2)
                : 0;
  if (seconds > 0 && query->timeout_us == 0)
    query->timeout_us = 1;
}

/* Evaluate; on a timeout, an empty result and *@out_expired set. */
static AzkbResult *
execute(AzkbQuery *query, guint limit, gboolean *out_expired)
{
  Eval        ev;
  GArray     *rows;
  RowShape    shape;
  AzkbResult *res;

  if (query->flags & AZKB_QUERY_WHEN)
    return when_execute(query, limit, out_expired);
  eval_init(&ev, query);
  if (query->timeout_us > 0)
    ev.scratch.deadline = g_get_monotonic_time() + query->timeout_us;
  rows         = join_chain(&ev, choose_anchor(query));
  *out_expired = ev.scratch.expired;
  if (*out_expired)
    g_array_set_size(rows, 0);
  else if (query->constraints->len > 0)
    keep_constrained(&ev, rows);
  shape = (RowShape){ query, ev.n_nodes, ev.width, ev.n_bound, ev.filters };
  res   = result_from_rows(&shape, rows, limit);
  if (*out_expired)
    res->n_rows = 0;
  g_array_unref(rows);
  eval_clear(&ev);
  return res;
}

/* ---- counting without rows ---- */

/* The node a count by walks starts from, or -1 if @q's rows cannot be
 * counted that way.  They can when every node of the chain is a named
 * entity or a variable of its own and the chain is read from one end:
 * then the rows are exactly the chain's distinct walks, one node per
 * position, and no row merges with or splits into another.  Anonymous
 * nodes (rows merge when they are forgotten), a variable used twice (a
 * join), statements, literals, constraints and sources keep the rows. */
static int
walk_count_start(const AzkbQuery *q)
{
  guint last = q->nodes->len - 1;
  guint start;

  if (q->vars->len == 0 || q->n_slots > 0 || q->constraints->len > 0 ||
      (q->flags & (AZKB_QUERY_SOURCES | AZKB_QUERY_WHEN)))
    return -1;
  for (guint i = 0; i < q->steps->len; i++)
    if (g_array_index(q->steps, QStep, i).lit_prop != 0)
      return -1;
  for (guint i = 0; i <= last; i++) {
    const QNode *node = &g_array_index(q->nodes, QNode, i);

    if (node->kind == NODE_ANON)
      return -1;
    for (guint j = 0; node->var >= 0 && j < i; j++)
      if (g_array_index(q->nodes, QNode, j).var == node->var)
        return -1;
  }
  /* From the node the rows start from (choose_anchor()): its candidates
   * are the entities (of its class), while a node reached by a step can
   * also be a term that is no entity, so another start could count other
   * rows.  A start in the middle would need the walks of both sides per
   * start, which the rows do as well. */
  start = choose_anchor(q);
  return start == 0 || start == last ? (int)start : -1;
}

/* @a + @b, or G_MAXUINT64 where that overflows. */
static inline guint64
add_saturating(guint64 a, guint64 b)
{
  return a > G_MAXUINT64 - b ? G_MAXUINT64 : a + b;
}

/* The number of rows of a chain that walk_count_start() accepts, from node
 * @start (the first or the last): a dynamic programme over the steps that
 * keeps, for each node a walk can stand on, how many walks end there.  It
 * reads each edge of a step once per node that stands before it and never
 * makes a row; the last step only adds up.  The counts of a frontier sit
 * in an array over all term ids (zero pages cost nothing until touched),
 * with the list of the ids touched.  Saturates at G_MAXUINT64. */
static guint64
count_walks(Eval *ev, guint start)
{
  gboolean backward          = start != 0;
  g_autoptr(GArray) from     = start_candidates(ev, start);
  g_autofree guint64 *counts = g_new(guint64, MAX(from->len, 1));
  g_autofree guint64 *acc    = NULL;
  guint64             total  = 0;

  for (guint i = 0; i < from->len; i++)
    counts[i] = 1;
  for (guint k = 0; k + 1 < ev->n_nodes && !ev->scratch.expired; k++) {
    guint    step = backward ? ev->n_nodes - 2 - k : k;
    guint    to   = backward ? step : step + 1;
    gboolean last = k + 2 == ev->n_nodes;
    GArray  *next = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));

    if (!last && acc == NULL)
      acc = g_new0(guint64, ev->scratch.n_terms);
    for (guint i = 0; i < from->len && !expired(&ev->scratch); i++) {
      guint64           c = counts[i];
      gsize             n;
      const AzkbTermId *ends =
        step_ends(ev, step, backward, g_array_index(from, AzkbTermId, i), &n);

      for (gsize e = 0; e < n; e++) {
        AzkbTermId t = ends[e];

        if (!node_accepts(ev, to, t))
          continue;
        if (last)
          total = add_saturating(total, c);
        else {
          if (acc[t] == 0)
            g_array_append_val(next, t);
          acc[t] = add_saturating(acc[t], c);
        }
      }
    }
    /* The next frontier: the ids touched, their counts cleared behind. */
    counts = g_renew(guint64, counts, MAX(next->len, 1));
    for (guint i = 0; i < next->len; i++) {
      AzkbTermId t = g_array_index(next, AzkbTermId, i);

      counts[i] = acc[t];
      acc[t]    = 0;
    }
    g_array_unref(from);
    from = next;
  }
  /* a chain of one node: each candidate is a row */
  if (ev->n_nodes == 1)
    total = from->len;
  return total;
}

/* Count; on a timeout, 0 and *@out_expired set. */
static guint
count_rows(AzkbQuery *query, gboolean *out_expired)
{
  Eval    ev;
  GArray *rows;
  guint   n;
  int     start;

  *out_expired = FALSE;
  /* --when keeps only the rows that held at one instant: count those. */
  if (query->flags & AZKB_QUERY_WHEN) {
    g_autoptr(AzkbResult) res = when_execute(query, 0, out_expired);

    return azkb_result_n_rows(res);
  }
  /* Rows with statements, constraints or sources: the result decides how
   * they merge (times by value, sources per projected row). */
  if (query->n_slots > 0 || query->constraints->len > 0 ||
      (query->flags & AZKB_QUERY_SOURCES)) {
    g_autoptr(AzkbResult) res = execute(query, 0, out_expired);

    return azkb_result_n_rows(res);
  }
  eval_init(&ev, query);
  if (query->timeout_us > 0)
    ev.scratch.deadline = g_get_monotonic_time() + query->timeout_us;
  start = walk_count_start(query);
  if (start >= 0) {
    guint64 walks = count_walks(&ev, (guint)start);

    /* the count is a guint: more rows than it holds read as its maximum */
    n            = (guint)MIN(walks, (guint64)G_MAXUINT);
    *out_expired = ev.scratch.expired;
    if (*out_expired)
      n = 0;
    eval_clear(&ev);
    return n;
  }
  rows = join_chain(&ev, choose_anchor(query));
  /* Blank what no variable shows, as result_from_rows()'s projection drops it,
   * so rows that differ only there count once. */
  forget_hidden(&ev, rows, G_MAXUINT, G_MAXUINT);
  n = rows->len / ev.width;
  if (query->vars->len == 0)
    n = n > 0;
  *out_expired = ev.scratch.expired;
  if (*out_expired)
    n = 0;
  g_array_unref(rows);
  eval_clear(&ev);
  return n;
}

guint
azkb_query_count(AzkbQuery *query)
{
  gboolean late = FALSE;

  g_return_val_if_fail(query != NULL, 0);
  return count_rows(query, &late);
}

gboolean
azkb_query_count_full(AzkbQuery *query, guint *out_n, GError **error)
{
  gboolean late = FALSE;

  g_return_val_if_fail(query != NULL, FALSE);
  *out_n = 0;
  *out_n = count_rows(query, &late);
  if (!late)
    return TRUE;
  g_set_error(error,
              AZKB_QUERY_ERROR,
              AZKB_QUERY_ERROR_TIMEOUT,
              "the query ran past its time limit of %g s",
              (double)query->timeout_us / G_USEC_PER_SEC);
  return FALSE;
}

AzkbResult *
azkb_query_execute_full(AzkbQuery *query, guint limit, GError **error)
{
  gboolean    late = FALSE;
  AzkbResult *res;

  g_return_val_if_fail(query != NULL, NULL);
  res = execute(query, limit, &late);
  if (!late)
    return res;
  azkb_result_unref(res);
  g_set_error(error,
              AZKB_QUERY_ERROR,
              AZKB_QUERY_ERROR_TIMEOUT,
              "the query ran past its time limit of %g s",
              (double)query->timeout_us / G_USEC_PER_SEC);
  return NULL;
}

AzkbResult *
azkb_query_execute(AzkbQuery *query, guint limit)
{
  gboolean late = FALSE;

  g_return_val_if_fail(query != NULL, NULL);
  return execute(query, limit, &late);
}
