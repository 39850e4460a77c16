/* Evaluation: the product search of a step's automaton and the graph, and
 * the step-by-step join of a chain into distinct rows.
 *
 * A step from one node is a breadth-first search over (node, state) pairs,
 * each pair visited once, so its cost is bounded by the edges the automaton
 * can read times its states — linear in the product, whatever the cycles.
 * The reachable sets are memoised per (step, direction, start node), so a
 * chain that meets the same node on many rows searches from it once. */
#include "query-private.h"
#include "src/util/name-sort.h"

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

/* ---- a map from 64-bit keys to 32-bit values ---- */

static void
keymap_alloc(KeyMap *map, gsize size)
{
  map->mask   = size - 1;
  map->len    = 0;
  map->keys   = g_new(guint64, size);
  map->values = g_new(guint32, size);
  memset(map->keys, 0xff, size * sizeof(guint64));
}

void
keymap_init(KeyMap *map)
{
  keymap_alloc(map, 64);
}

void
keymap_clear(KeyMap *map)
{
  g_clear_pointer(&map->keys, g_free);
  g_clear_pointer(&map->values, g_free);
  map->mask = map->len = 0;
}

guint32
keymap_get(const KeyMap *map, guint64 key)
{
  for (gsize i = key_hash(key) & map->mask; map->keys[i] != KEY_EMPTY;
       i       = (i + 1) & map->mask)
    if (map->keys[i] == key)
      return map->values[i];
  return KEYMAP_NONE;
}

static void
keymap_grow(KeyMap *map)
{
  KeyMap old = *map;

  keymap_alloc(map, (old.mask + 1) * 2);
  for (gsize i = 0; i <= old.mask; i++)
    if (old.keys[i] != KEY_EMPTY)
      keymap_add(map, old.keys[i], old.values[i]);
  keymap_clear(&old);
}

gboolean
keymap_add(KeyMap *map, guint64 key, guint32 value)
{
  gsize i;

  if ((map->len + 1) * 2 > map->mask + 1)
    keymap_grow(map);
  for (i = key_hash(key) & map->mask; map->keys[i] != KEY_EMPTY;
       i = (i + 1) & map->mask)
    if (map->keys[i] == key)
      return FALSE;
  map->keys[i]   = key;
  map->values[i] = value;
  map->len++;
  return TRUE;
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
  guint64 *bits; ///< the bitmap, or NULL while hashed
  KeySet   keys;
  guint64  n_bits;
} Marks;

static void
marks_init(Marks *m, guint64 n_bits)
{
  m->bits   = NULL;
  m->n_bits = n_bits;
  keyset_init(&m->keys);
}

static void
marks_clear(Marks *m)
{
  g_clear_pointer(&m->bits, g_free);
  keyset_clear(&m->keys);
}

static void
marks_densify(Marks *m)
{
  m->bits = g_new0(guint64, (m->n_bits + 63) / 64);
  for (gsize i = 0; i <= m->keys.mask; i++) {
    guint64 k = m->keys.slots[i];

    if (k != KEY_EMPTY)
      m->bits[k / 64] |= G_GUINT64_CONSTANT(1) << (k % 64);
  }
  keyset_clear(&m->keys);
}

/* Set mark @i; TRUE if it was not set. */
static inline gboolean
marks_add(Marks *m, guint64 i)
{
  guint64 bit = G_GUINT64_CONSTANT(1) << (i % 64);

  if (G_UNLIKELY(m->bits == NULL)) {
    if (!keyset_add(&m->keys, i))
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
  if (m->bits == NULL && m->keys.len > 0) {
    memset(m->keys.slots, 0xff, (m->keys.mask + 1) * sizeof(guint64));
    m->keys.len = 0;
  }
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

    if (step->fwd != NULL)
      sc->states =
        MAX(sc->states, MAX(step->fwd->n_states, step->bwd->n_states));
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

/* ---- nodes ---- */

int
term_compare(const AzkbStore *store, AzkbTermId a, AzkbTermId b)
{
  if (a == b)
    return 0;
  return g_strcmp0(azkb_store_term_name(store, a),
                   azkb_store_term_name(store, b));
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
  KeyMap      index; ///< key → index into slices
  GArray     *slices;
  AzkbTermId *nodes;
  gsize       n_nodes, nodes_cap;
} Memo;

static void
memo_init(Memo *memo)
{
  *memo = (Memo){ 0 };
  keymap_init(&memo->index);
  memo->slices = g_array_new(FALSE, FALSE, sizeof(MemoSlice));
}

static void
memo_clear(Memo *memo)
{
  keymap_clear(&memo->index);
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
  keymap_add(&memo->index, key, memo->slices->len);
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
  KeyMap     cross_index;  ///< (step, direction, node) → cross_slices index
  GArray    *cross_slices; ///< MemoSlice into crossings
  GArray    *crossings;    ///< Crossing
  MemoSlice  once;         ///< cross_once()'s crossings, at the end
  gsize      once_len;
  gboolean   first_step; ///< extending the start node's own rows
  guint      n_bound;    ///< steps that bind their statement
  Scratch    scratch;
  KeySet     subclass_known; ///< (class, required class) pairs decided
  KeySet     subclass_yes;   ///< ... and those where it is a subclass
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
  keymap_init(&ev->cross_index);
  ev->cross_slices = g_array_new(FALSE, FALSE, sizeof(MemoSlice));
  ev->crossings    = NULL; /* made with the first crossing (its type below) */
  scratch_init(&ev->scratch, q);
  keyset_init(&ev->subclass_known);
  keyset_init(&ev->subclass_yes);
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
  keymap_clear(&ev->cross_index);
  g_clear_pointer(&ev->cross_slices, g_array_unref);
  g_clear_pointer(&ev->crossings, g_array_unref);
  scratch_clear(&ev->scratch);
  keyset_clear(&ev->subclass_known);
  keyset_clear(&ev->subclass_yes);
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

  for (gsize i = 0; i < n; i++) {
    guint64 key = ((guint64)classes[i] << 32) | cls;

    if (keyset_add(&ev->subclass_known, key) &&
        azkb_store_is_subclass(ev->q->store, classes[i], cls))
      keyset_add(&ev->subclass_yes, key);
    if (keyset_contains(&ev->subclass_yes, key))
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
  GArray *out = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  KeySet  seen;

  keyset_init(&seen);
  keyset_add(&seen, cls);
  g_array_append_val(out, cls);
  for (guint i = 0; i < out->len; i++) {
    gsize             n;
    const AzkbTermId *subs =
      azkb_store_subclasses(store, g_array_index(out, AzkbTermId, i), &n);

    for (gsize k = 0; k < n; k++)
      if (keyset_add(&seen, subs[k]))
        g_array_append_val(out, subs[k]);
  }
  keyset_clear(&seen);
  return out;
}

/* The index of the lowest set bit of @w (not 0). */
static inline guint
lowest_bit(guint64 w)
{
#if defined(__GNUC__) || defined(__clang__)
  return (guint)__builtin_ctzll(w);
#else
  guint b = 0;

  for (; (w & 1) == 0; w >>= 1)
    b++;
  return b;
#endif
}

static int
compare_ids(gconstpointer a, gconstpointer b)
{
  AzkbTermId x = *(const AzkbTermId *)a, y = *(const AzkbTermId *)b;

  return (x > y) - (x < y);
}

/* Sort @ids and drop repeats, through a bitmap over the term ids: linear
 * in the ids plus the store's terms / 64, where a union of large classes
 * would spend most of its time in a comparison sort.  A few ids (the
 * sources of one row) are sorted as they are: clearing a bitmap of a
 * million terms for each row cost more than the rest of a query. */
static void
sort_unique_ids(GArray *ids, guint n_terms)
{
  gsize               n_words = (gsize)n_terms / 64 + 1;
  g_autofree guint64 *bits    = NULL;
  guint               kept    = 0;

  if ((gsize)ids->len * 16 < n_words) {
    g_array_sort(ids, compare_ids);
    for (guint i = 0; i < ids->len; i++)
      if (kept == 0 || g_array_index(ids, AzkbTermId, kept - 1) !=
                         g_array_index(ids, AzkbTermId, i))
        g_array_index(ids, AzkbTermId, kept++) =
          g_array_index(ids, AzkbTermId, i);
    g_array_set_size(ids, kept);
    return;
  }
  bits = g_new0(guint64, n_words);
  for (guint i = 0; i < ids->len; i++) {
    AzkbTermId t = g_array_index(ids, AzkbTermId, i);

    bits[t / 64] |= G_GUINT64_CONSTANT(1) << (t % 64);
  }
  for (gsize w = 0; w < n_words; w++)
    for (guint64 word = bits[w]; word != 0; word &= word - 1)
      g_array_index(ids, AzkbTermId, kept++) =
        (AzkbTermId)(w * 64 + lowest_bit(word));
  g_array_set_size(ids, kept);
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
  const QStep     *s   = &g_array_index(ev->q->steps, QStep, step);
  const Nfa       *nfa = backward ? s->bwd : s->fwd;
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
  const QStep     *s = &g_array_index(ev->q->steps, QStep, step);
  guint64          key;
  guint32          index;
  const MemoSlice *slice;

  /* One hop of one relation is a slice of the adjacency already: reading
   * it again costs less than remembering it. */
  if (single_hop(backward ? s->bwd : s->fwd) != NULL)
    return step_ends(ev, step, backward, from, out_n);
  key   = ((guint64)step << 33) | ((guint64)backward << 32) | from;
  index = keymap_get(&ev->memo.index, key);
  if (index == KEYMAP_NONE) {
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
  guint64   key   = ((guint64)step << 32) | node;
  guint32   index = keymap_get(&ev->cross_index, key);
  MemoSlice slice;

  if (index != KEYMAP_NONE)
    return &g_array_index(ev->cross_slices, MemoSlice, index);
  slice.at = ev->crossings->len;
  literal_crossings(ev, step, node, ev->crossings);
  slice.len = ev->crossings->len - slice.at;
  keymap_add(&ev->cross_index, key, ev->cross_slices->len);
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
  const QStep     *s      = &g_array_index(ev->q->steps, QStep, step);
  const Nfa       *nfa    = to < from ? s->bwd : s->fwd;
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
  const QStep *s   = &g_array_index(ev->q->steps, QStep, step);
  GArray      *out = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  gsize        n   = rows->len / ev->width;

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
      (to < from ? s->bwd : s->fwd)->n_states > 2)
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
  GArray *rows = g_array_new(FALSE, TRUE, sizeof(AzkbTermId));
  g_autoptr(GArray) start =
    node_candidates(ev, &g_array_index(ev->q->nodes, QNode, anchor));
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

/* ---- results ---- */

#define PREFETCH_AHEAD 16

static inline void
prefetch(const void *p)
{
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(p);
#else
  (void)p;
#endif
}

/* Stable counting sort of rows of @width ranks (each below @n_ranks) by
 * column @col. */
static void
sort_rows_on(guint32 *rows,
             guint32 *out,
             gsize    n,
             guint    width,
             guint    col,
             gsize    n_ranks)
{
  g_autofree gsize *count = g_new0(gsize, n_ranks + 1);

  for (gsize r = 0; r < n; r++)
    count[rows[r * width + col] + 1]++;
  for (gsize k = 0; k < n_ranks; k++)
    count[k + 1] += count[k];
  for (gsize r = 0; r < n; r++)
    memcpy(out + count[rows[r * width + col]]++ * width,
           rows + r * width,
           width * sizeof(guint32));
}

/* Replace each cell of @c by the index of its term in @out_ids, the
 * distinct terms in order of first appearance (a hash from id to index:
 * a join's rows repeat few terms many times).  Returns their number. */
static gsize
distinct_terms(guint32 *c, gsize n_cells, AzkbTermId **out_ids)
{
  gsize       size  = 64;
  gsize       n_ids = 0;
  guint32    *slots = g_new0(guint32, size); /* index + 1, 0 = empty */
  AzkbTermId *ids   = g_new(AzkbTermId, size / 2);

  for (gsize i = 0; i < n_cells; i++) {
    gsize h = (c[i] * G_GUINT64_CONSTANT(0x9E3779B97F4A7C15)) >> 40;

    for (h &= size - 1; slots[h] != 0 && ids[slots[h] - 1] != c[i];
         h = (h + 1) & (size - 1))
      ;
    if (slots[h] == 0) {
      ids[n_ids] = c[i];
      slots[h]   = (guint32)++n_ids;
      if (n_ids * 2 == size) {
        /* Double the table and the id list, and re-hash. */
        size *= 2;
        g_free(slots);
        slots = g_new0(guint32, size);
        ids   = g_renew(AzkbTermId, ids, size / 2);
        for (gsize v = 0; v < n_ids; v++) {
          gsize k = (ids[v] * G_GUINT64_CONSTANT(0x9E3779B97F4A7C15)) >> 40;

          for (k &= size - 1; slots[k] != 0; k = (k + 1) & (size - 1))
            ;
          slots[k] = (guint32)(v + 1);
        }
      }
      c[i] = (guint32)(n_ids - 1);
    } else
      c[i] = slots[h] - 1;
  }
  g_free(slots);
  *out_ids = ids;
  return n_ids;
}

static void radix_sort_u64_above(guint64 *keys,
                                 guint64 *tmp,
                                 gsize    n,
                                 guint    first_bit);

/* A sort of this many terms or more goes by the store's ranks of names
 * when it has them (below, packing a few names costs as little). */
#define RANKED_SORT_MIN 64

/* The store's ranks of names, if a sort of @n terms should use them: when
 * the store has them already, or when @n is at least half its terms, so
 * that making them (one sort of every name) costs at most about twice
 * this sort, once, and every later large answer is sorted by rank. */
static const guint32 *
ranks_for_sort(AzkbStore *store, gsize n)
{
  if (n < RANKED_SORT_MIN)
    return NULL;
  if (azkb_store_has_name_ranks(store) || n >= azkb_store_n_terms(store) / 2)
    return azkb_store_name_ranks(store);
  return NULL;
}

/* sorted_name_keys() by the store's @ranks: (rank, position) in one word,
 * sorted on the rank's bits only.  Fills id and pos, not the packed name. */
static AzkbNameKey *
ranked_name_keys(const guint32    *ranks,
                 const AzkbTermId *ids,
                 gsize             n,
                 AzkbNameKey      *keys)
{
  g_autofree guint64 *k   = g_new(guint64, n);
  g_autofree guint64 *tmp = g_new(guint64, n);

  for (gsize i = 0; i < n; i++) {
    if (i + PREFETCH_AHEAD < n)
      prefetch(&ranks[ids[i + PREFETCH_AHEAD]]);
    k[i] = (guint64)ranks[ids[i]] << 32 | i;
  }
  radix_sort_u64_above(k, tmp, n, 32);
  for (gsize r = 0; r < n; r++) {
    guint32 pos = (guint32)k[r];

    keys[r].name = NULL;
    keys[r].id   = ids[pos];
    keys[r].pos  = pos;
  }
  return keys;
}

/* Name keys for @n terms, sorted by name then id; the callers read each
 * key's id and pos.  The names lie all over the store: look them all up
 * first, so their cache misses overlap, then read them a little ahead of
 * packing.  A large sort reads the store's ranks instead of the names.
 * (transfer full) */
static AzkbNameKey *
sorted_name_keys(AzkbStore *store, const AzkbTermId *ids, gsize n)
{
  AzkbNameKey   *keys  = g_new(AzkbNameKey, MAX(n, 1));
  const guint32 *ranks = ranks_for_sort(store, n);

  if (ranks != NULL)
    return ranked_name_keys(ranks, ids, n, keys);
  for (gsize i = 0; i < n; i++)
    keys[i].name = azkb_store_term_name(store, ids[i]);
  for (gsize i = 0; i < n; i++) {
    if (i + PREFETCH_AHEAD < n)
      prefetch(keys[i + PREFETCH_AHEAD].name);
    azkb_name_key_init(&keys[i], keys[i].name, ids[i], i);
  }
  azkb_name_keys_sort(keys, n);
  return keys;
}

/* Sort rows of @width terms by their names, column by column, dropping
 * repeats.  One column: the terms are sorted as they are.  Several: each
 * distinct term is named once, cells are replaced by their term's rank in
 * name order, and the rows are sorted on the ranks, last column first. */
static void
sort_rows_by_name(AzkbStore *store, GArray *cells, guint width)
{
  gsize                   n_cells = cells->len;
  gsize                   n       = n_cells / width;
  guint32                *c       = (guint32 *)(gpointer)cells->data;
  gsize                   kept    = 0;
  g_autofree AzkbNameKey *keys    = NULL;
  g_autofree AzkbTermId  *ids     = NULL;

  if (n == 0)
    return;
  if (width == 1) {
    keys = sorted_name_keys(store, c, n);
    for (gsize i = 0; i < n; i++)
      if (kept == 0 || keys[i].id != c[kept - 1])
        c[kept++] = keys[i].id;
    g_array_set_size(cells, (guint)kept);
    return;
  }
  {
    gsize               n_ids = distinct_terms(c, n_cells, &ids);
    g_autofree guint32 *rank  = g_new(guint32, n_ids);
    g_autofree guint32 *tmp   = g_new(guint32, n_cells);

    keys = sorted_name_keys(store, ids, n_ids);
    for (gsize r = 0; r < n_ids; r++)
      rank[keys[r].pos] = (guint32)r;
    for (gsize i = 0; i < n_cells; i++)
      c[i] = rank[c[i]];
    for (guint col = width; col-- > 0;) {
      sort_rows_on(c, tmp, n, width, col, n_ids);
      memcpy(c, tmp, n_cells * sizeof(guint32));
    }
  }
  for (gsize r = 0; r < n; r++)
    if (kept == 0 || memcmp(c + (kept - 1) * width,
                            c + r * width,
                            width * sizeof(guint32)) != 0)
      memmove(c + kept++ * width, c + r * width, width * sizeof(guint32));
  for (gsize i = 0; i < kept * width; i++)
    c[i] = keys[c[i]].id;
  g_array_set_size(cells, (guint)(kept * width));
}

/* ---- rows with times and sources ---- */

/* One bound in 32 bits: bound kind, then the date's fields, so keys order
 * by bound kind, then year, month, day, precision. */
static guint32
pack_bound(guint8 bound, const AzkbDate *d)
{
  if (bound != AZKB_BOUND_DATE)
    return (guint32)bound << 30;
  return (guint32)bound << 30 | (guint32)(d->year & 0x3fff) << 16 |
         (guint32)d->month << 11 | (guint32)d->day << 5 |
         (guint32)d->precision << 1;
}

static guint64
time_key(const AzkbInterval *t)
{
  return (guint64)(pack_bound(t->start_bound, &t->start) | (t->is_point != 0))
           << 32 |
         pack_bound(t->end_bound, &t->end);
}

/* Digits of a radix pass over packed keys: 2048 counters stay in the
 * first-level cache, and a 60-bit key takes six passes instead of eight of
 * a byte. */
#define KEY_DIGIT_BITS 11
#define KEY_DIGIT_MASK ((G_GUINT64_CONSTANT(1) << KEY_DIGIT_BITS) - 1)

/* The lowest and highest bit that differ between keys whose bits are
 * ORed in @any and ANDed in @all; FALSE if every key is the same. */
static gboolean
varying_bits(guint64 any, guint64 all, guint *out_lo, guint *out_hi)
{
  guint64 varying = any ^ all;
  guint   lo = 0, hi = 63;

  if (varying == 0)
    return FALSE;
  while (!(varying >> lo & 1))
    lo++;
  while (!(varying >> hi & 1))
    hi--;
  *out_lo = lo;
  *out_hi = hi;
  return TRUE;
}

/* Two words: a time key and its statement and row (rank_times()), or a
 * row's ranks packed into 128 bits, the last columns in lo and the first
 * ones in hi (sort_rows_packed()). */
typedef struct {
  guint64 lo, hi;
} WideKey;

#define KEY_DIGITS (KEY_DIGIT_MASK + 1)

/* Sort @n items by their word lo (@by_hi: hi), stable, least significant
 * digit first over the bits that vary only; the counts of every digit come
 * from one read of the items, not one a pass.  @tmp is as large. */
static void
radix_sort_on(WideKey *items, WideKey *tmp, gsize n, gboolean by_hi)
{
  guint64           any = 0, all = G_MAXUINT64;
  WideKey          *src = items, *dst = tmp;
  guint             lo, hi, passes;
  g_autofree gsize *counts = NULL;

  for (gsize i = 0; i < n; i++) {
    any |= by_hi ? items[i].hi : items[i].lo;
    all &= by_hi ? items[i].hi : items[i].lo;
  }
  if (!varying_bits(any, all, &lo, &hi))
    return;
  passes = (hi - lo) / KEY_DIGIT_BITS + 1;
  counts = g_new0(gsize, passes * KEY_DIGITS);
  for (gsize i = 0; i < n; i++) {
    guint64 w = (by_hi ? items[i].hi : items[i].lo) >> lo;

    for (guint p = 0; p < passes; p++, w >>= KEY_DIGIT_BITS)
      counts[p * KEY_DIGITS + (w & KEY_DIGIT_MASK)]++;
  }
  for (guint p = 0; p < passes; p++) {
    gsize  *count = counts + p * KEY_DIGITS;
    guint   shift = lo + p * KEY_DIGIT_BITS;
    gsize   at    = 0;
    guint64 first = (by_hi ? src[0].hi : src[0].lo) >> shift & KEY_DIGIT_MASK;

    /* a digit that is the same in every item (inside the varying bits) */
    if (count[first] == n)
      continue;
    for (guint d = 0; d < KEY_DIGITS; d++) {
      gsize c  = count[d];
      count[d] = at;
      at += c;
    }
    for (gsize i = 0; i < n; i++)
      dst[count[(by_hi ? src[i].hi : src[i].lo) >> shift & KEY_DIGIT_MASK]++] =
        src[i];
    {
      WideKey *swap = src;
      src           = dst;
      dst           = swap;
    }
  }
  if (src != items)
    memcpy(items, src, n * sizeof(WideKey));
}

/* radix_sort_on() for keys of one word, on its bits from @first_bit up
 * (the bits below ride along, in the order they came: the sort is
 * stable). */
static void
radix_sort_u64_above(guint64 *keys, guint64 *tmp, gsize n, guint first_bit)
{
  guint64           any = 0, all = G_MAXUINT64 >> first_bit << first_bit;
  guint64          *src = keys, *dst = tmp;
  guint             lo, hi, passes;
  g_autofree gsize *counts = NULL;

  for (gsize i = 0; i < n; i++) {
    any |= keys[i] >> first_bit << first_bit;
    all &= keys[i];
  }
  if (!varying_bits(any, all, &lo, &hi))
    return;
  passes = (hi - lo) / KEY_DIGIT_BITS + 1;
  counts = g_new0(gsize, passes * KEY_DIGITS);
  for (gsize i = 0; i < n; i++) {
    guint64 w = keys[i] >> lo;

    for (guint p = 0; p < passes; p++, w >>= KEY_DIGIT_BITS)
      counts[p * KEY_DIGITS + (w & KEY_DIGIT_MASK)]++;
  }
  for (guint p = 0; p < passes; p++) {
    gsize *count = counts + p * KEY_DIGITS;
    guint  shift = lo + p * KEY_DIGIT_BITS;
    gsize  at    = 0;

    if (count[src[0] >> shift & KEY_DIGIT_MASK] == n)
      continue;
    for (guint d = 0; d < KEY_DIGITS; d++) {
      gsize c  = count[d];
      count[d] = at;
      at += c;
    }
    for (gsize i = 0; i < n; i++)
      dst[count[src[i] >> shift & KEY_DIGIT_MASK]++] = src[i];
    {
      guint64 *swap = src;
      src           = dst;
      dst           = swap;
    }
  }
  if (src != keys)
    memcpy(keys, src, n * sizeof(guint64));
}

static void
radix_sort_u64(guint64 *keys, guint64 *tmp, gsize n)
{
  radix_sort_u64_above(keys, tmp, n, 0);
}

/* Statements read at once by rank_times() and keep_constrained(). */
#define TIME_CHUNK 256

/* Replace the statements in column @col of @ranks (rows of @width) by the
 * rank of their time (equal intervals, one rank; by start, then end);
 * *@out_reps gets, for each rank, the lowest statement of that time, which
 * stands for it.  A sort of packed keys: a hash of statements cost most of
 * a large timed query.  Returns the number of ranks. */
static guint32
rank_times(const AzkbStore *store,
           guint32         *ranks,
           gsize            n,
           guint            width,
           guint            col,
           guint32        **out_reps)
{
  g_autofree WideKey *keys = g_new(WideKey, n + 1);
  g_autofree WideKey *tmp  = g_new(WideKey, n + 1);
  guint32            *reps = g_new(guint32, n + 1);
  guint32             rank = 0;

  *out_reps = reps;
  if (n == 0)
    return 1;
  /* The statements lie all over the store: read them a chunk at a time,
   * so that their cache misses overlap (a third of a timed query waited
   * on them one by one). */
  for (gsize r0 = 0; r0 < n; r0 += TIME_CHUNK) {
    gsize         m = MIN(TIME_CHUNK, n - r0);
    AzkbStmtId    ids[TIME_CHUNK];
    AzkbStatement st[TIME_CHUNK];

    for (gsize j = 0; j < m; j++)
      ids[j] = ranks[(r0 + j) * width + col];
    azkb_store_get_statements(store, ids, m, st);
    for (gsize j = 0; j < m; j++)
      keys[r0 + j] =
        (WideKey){ time_key(&st[j].time), (guint64)ids[j] << 32 | (r0 + j) };
  }
  radix_sort_on(keys, tmp, n, FALSE);
  for (gsize i = 0, end; i < n; i = end) {
    guint32 rep = (guint32)(keys[i].hi >> 32);

    /* the lowest statement of an equal time stands for it */
    for (end = i; end < n && keys[end].lo == keys[i].lo; end++) {
      rep = MIN(rep, (guint32)(keys[end].hi >> 32));
      ranks[(keys[end].hi & G_MAXUINT32) * width + col] = rank;
    }
    reps[rank++] = rep;
  }
  return rank;
}

static gboolean
is_term_kind(AzkbColumnKind kind)
{
  return kind == AZKB_COLUMN_ENTITY || kind == AZKB_COLUMN_LITERAL;
}

/* Bits to hold every value below @n (0 for n <= 1). */
static guint
bits_below(gsize n)
{
  guint b = 0;

  while (b < 64 && (G_GUINT64_CONSTANT(1) << b) < n)
    b++;
  return b;
}

/* The ranks of a row from its packed key: columns @split.. from @lo, the
 * ones before from @hi, each @bits[k] wide. */
static inline void
unpack_row(guint32     *row,
           guint        width,
           const guint *bits,
           guint        split,
           guint64      lo,
           guint64      hi)
{
  for (guint k = width; k-- > 0;) {
    guint64 *word = k < split ? &hi : &lo;

    row[k] = (guint32)(*word & ((G_GUINT64_CONSTANT(1) << bits[k]) - 1));
    *word  = bits[k] < 64 ? *word >> bits[k] : 0;
  }
}

/* Sort rows of @width ranks (column k's below @n_ranks[k]) and drop
 * repeats by packing each row into one key, first column highest: one
 * radix sort of 8-byte keys (16 when the ranks need more than 64 bits)
 * instead of a counting pass per column moving whole rows with a libc
 * copy each.  FALSE, with nothing done, when they need more than 128
 * bits; else the rows kept are in @c and *@out_kept. */
static gboolean
sort_rows_packed(guint32     *c,
                 gsize        n,
                 guint        width,
                 const gsize *n_ranks,
                 gsize       *out_kept)
{
  g_autofree guint   *bits  = g_new(guint, width);
  g_autofree WideKey *keys  = NULL;
  g_autofree WideKey *tmp   = NULL;
  guint               split = width, low = 0, high = 0;
  gsize               kept = 0;

  /* Columns split..width-1 go to lo, as many as fit, the rest to hi. */
  for (guint k = width; k-- > 0;) {
    bits[k] = bits_below(n_ranks[k]);
    if (split == k + 1 && low + bits[k] <= 64) {
      low += bits[k];
      split = k;
    } else
      high += bits[k];
  }
  if (high > 64)
    return FALSE;
  if (high == 0) {
    g_autofree guint64 *one   = g_new(guint64, n + 1);
    g_autofree guint64 *spare = g_new(guint64, n + 1);

    for (gsize r = 0; r < n; r++) {
      guint64 key = 0;

      for (guint k = 0; k < width; k++)
        key = (key << bits[k]) | c[r * width + k];
      one[r] = key;
    }
    radix_sort_u64(one, spare, n);
    for (gsize r = 0; r < n; r++)
      if (kept == 0 || one[r] != one[kept - 1])
        one[kept++] = one[r];
    for (gsize r = 0; r < kept; r++)
      unpack_row(c + r * width, width, bits, split, one[r], 0);
  } else {
    keys = g_new(WideKey, n + 1);
    tmp  = g_new(WideKey, n + 1);
    for (gsize r = 0; r < n; r++) {
      WideKey key = { 0, 0 };

      for (guint k = 0; k < width; k++) {
        if (k < split)
          key.hi = (key.hi << bits[k]) | c[r * width + k];
        else
          key.lo = (key.lo << bits[k]) | c[r * width + k];
      }
      keys[r] = key;
    }
    radix_sort_on(keys, tmp, n, FALSE);
    radix_sort_on(keys, tmp, n, TRUE);
    for (gsize r = 0; r < n; r++)
      if (kept == 0 || keys[r].lo != keys[kept - 1].lo ||
          keys[r].hi != keys[kept - 1].hi)
        keys[kept++] = keys[r];
    for (gsize r = 0; r < kept; r++)
      unpack_row(c + r * width, width, bits, split, keys[r].lo, keys[r].hi);
  }
  *out_kept = kept;
  return TRUE;
}

/* sort_rows_by_name() for rows that hold times or sources too: terms rank
 * by name, times by time (equal times are one value), a sources cell is
 * its own rank; rows are sorted on the ranks and repeats dropped.  A time
 * rank stands for the lowest statement of that time, so nothing but the
 * ranks moves in the sort. */
void
sort_rows_mixed(AzkbStore            *store,
                GArray               *cells,
                guint                 width,
                const AzkbColumnKind *kinds)
{
  gsize                   n       = cells->len / width;
  guint32                *c       = (guint32 *)(gpointer)cells->data;
  g_autofree guint32     *terms   = g_new(guint32, n * width + 1);
  g_autofree guint32     *tmp     = g_new(guint32, n * width + 1);
  g_autofree AzkbTermId  *ids     = NULL;
  g_autofree AzkbNameKey *keys    = NULL;
  g_autofree guint32     *rank    = NULL;
  g_autofree guint32    **reps    = g_new0(guint32 *, width);
  g_autofree gsize       *n_ranks = g_new(gsize, width);
  guint32                *src = c, *dst = tmp;
  gsize                   n_terms = 0, n_ids, kept = 0;

  if (n == 0)
    return;
  for (gsize r = 0; r < n; r++)
    for (guint k = 0; k < width; k++)
      if (is_term_kind(kinds[k]))
        terms[n_terms++] = c[r * width + k];
  n_ids = distinct_terms(terms, n_terms, &ids);
  keys  = sorted_name_keys(store, ids, n_ids);
  rank  = g_new(guint32, n_ids + 1);
  for (gsize i = 0; i < n_ids; i++)
    rank[keys[i].pos] = (guint32)i;
  n_terms = 0;
  for (gsize r = 0; r < n; r++)
    for (guint k = 0; k < width; k++)
      if (is_term_kind(kinds[k]))
        c[r * width + k] = rank[terms[n_terms++]];
  for (guint k = 0; k < width; k++) {
    if (is_term_kind(kinds[k]))
      n_ranks[k] = n_ids;
    else if (kinds[k] == AZKB_COLUMN_TIME)
      n_ranks[k] = rank_times(store, c, n, width, k, &reps[k]);
    else
      n_ranks[k] = n + 1; /* a sources cell: the index of its row's list */
  }
  if (!sort_rows_packed(c, n, width, n_ranks, &kept)) {
    for (guint col = width; col-- > 0;) {
      guint32 *swap;

      sort_rows_on(src, dst, n, width, col, n_ranks[col]);
      swap = src;
      src  = dst;
      dst  = swap;
    }
    if (src != c)
      memcpy(c, src, n * width * sizeof(guint32));
    for (gsize r = 0; r < n; r++)
      if (kept == 0 || memcmp(c + (kept - 1) * width,
                              c + r * width,
                              width * sizeof(guint32)) != 0) {
        memmove(c + kept * width, c + r * width, width * sizeof(guint32));
        kept++;
      }
  }
  /* The ids by rank in an array of their own: the name keys are eight
   * times as large, and read in no order here. */
  for (gsize i = 0; i < n_ids; i++)
    rank[i] = keys[i].id;
  for (gsize r = 0; r < kept; r++)
    for (guint k = 0; k < width; k++) {
      guint32 *cell = &c[r * width + k];

      if (is_term_kind(kinds[k]))
        *cell = rank[*cell];
      else if (kinds[k] == AZKB_COLUMN_TIME)
        *cell = reps[k][*cell];
    }
  for (guint k = 0; k < width; k++)
    g_free(reps[k]);
  g_array_set_size(cells, (guint)(kept * width));
}

/* TRUE if statement @stmt holds on @day (0: any day): its span covers the
 * day, or it is undated and @strict is not set. */
static gboolean
holds_on(AzkbStore      *store,
         AzkbStmtId      stmt,
         gint32          day,
         gboolean        strict,
         const AzkbDate *present)
{
  AzkbStatement st;
  gint32        first, last;

  if (day == 0)
    return TRUE;
  if (!azkb_store_get_statement(store, stmt, &st))
    return FALSE;
  if (!azkb_interval_span_at(&st.time, present, &first, &last))
    return !strict;
  return first <= day && day <= last;
}

/* Append every statement of @store from @u to @v over @rel (from object to
 * subject when @inverse) that passes @filter and holds on @day (0: any):
 * all the statements that make one hop (two terms of one membership). */
static void
hop_statements(AzkbStore       *store,
               AzkbTermId       u,
               AzkbTermId       v,
               AzkbTermId       rel,
               gboolean         inverse,
               const HopFilter *f,
               gint32           day,
               GArray          *out)
{
  gsize           n;
  const AzkbEdge *edges = inverse ? azkb_store_in_edges(store, u, rel, &n)
                                  : azkb_store_out_edges(store, u, rel, &n);

  for (gsize e = 0; e < n; e++)
    if (edges[e].other == v &&
        (f->n_ranges == 0 || hop_filter_pass(f, edges[e].stmt)) &&
        holds_on(store, edges[e].stmt, day, f->strict, f->present))
      g_array_append_val(out, edges[e].stmt);
}

typedef struct {
  AzkbTermId node;
  guint      state;
  gint64     parent; ///< index in the search's queue, -1 at the start
  AzkbTermId relation;
  gboolean   inverse;
} Visit;

/* step_witness() for a step of one hop, without the search: the way the
 * breadth-first search finds first is the first edge to @b in the order it
 * queues them (position, then edge), and its hop is made by every
 * statement of that edge's relation and direction.  A search per row cost
 * twenty times the rows of a one-hop query with sources. */
static void
one_hop_witness(AzkbStore       *store,
                const Nfa       *nfa,
                const HopFilter *f,
                gint32           day,
                AzkbTermId       a,
                AzkbTermId       b,
                GArray          *out)
{
  const HopFilter *filter = f->n_ranges > 0 ? f : NULL;

  for (guint i = nfa->offsets[0]; i < nfa->offsets[1]; i++) {
    const NfaLabel *label = &nfa->labels[nfa->next[i]];
    gsize           n;
    const AzkbEdge *edges = label_edges(label, label->inverse, store, a, &n);

    for (gsize e = 0; e < n; e++)
      if (edges[e].other == b &&
          label_reads_edge(label, store, &edges[e], filter) &&
          holds_on(store, edges[e].stmt, day, f->strict, f->present)) {
        hop_statements(
          store, a, b, edges[e].relation, label->inverse, f, day, out);
        return;
      }
  }
}

void
step_witness(AzkbStore       *store,
             const QStep     *s,
             const HopFilter *f,
             gint32           day,
             AzkbTermId       a,
             AzkbTermId       b,
             GArray          *out)
{
  const HopFilter *filter = f->n_ranges > 0 ? f : NULL;
  const Nfa       *nfa    = s->fwd;
  g_autoptr(GArray) queue = NULL;
  KeySet seen;
  gint64 found = -1;

  if (nfa == NULL) {
    hop_statements(store, a, b, s->lit_prop, FALSE, f, day, out);
    return;
  }
  if (s->lit_prop == 0 && nfa_one_hop(nfa)) {
    one_hop_witness(store, nfa, f, day, a, b, out);
    return;
  }
  queue = g_array_new(FALSE, FALSE, sizeof(Visit));
  keyset_init(&seen);
  g_array_append_val(queue, ((Visit){ a, 0, -1, 0, FALSE }));
  keyset_add(&seen, (guint64)a * nfa->n_states);
  for (guint head = 0; head < queue->len && found < 0; head++) {
    Visit w = g_array_index(queue, Visit, head);

    if (nfa->accepting[w.state]) {
      guint before = out->len;

      if (s->lit_prop == 0 && w.node == b) {
        found = head;
        break;
      }
      if (s->lit_prop != 0) {
        hop_statements(store, w.node, b, s->lit_prop, FALSE, f, day, out);
        if (out->len > before) {
          found = head;
          break;
        }
      }
    }
    for (guint i = nfa->offsets[w.state]; i < nfa->offsets[w.state + 1]; i++) {
      guint           p     = nfa->next[i];
      const NfaLabel *label = &nfa->labels[p];
      gsize           n;
      const AzkbEdge *edges =
        label_edges(label, label->inverse, store, w.node, &n);

      for (gsize e = 0; e < n; e++) {
        Visit next = {
          edges[e].other, p, head, edges[e].relation, label->inverse
        };

        if (label_reads_edge(label, store, &edges[e], filter) &&
            holds_on(store, edges[e].stmt, day, f->strict, f->present) &&
            keyset_add(&seen, (guint64)next.node * nfa->n_states + p))
          g_array_append_val(queue, next);
      }
    }
  }
  keyset_clear(&seen);
  for (gint64 i = found; i >= 0 && g_array_index(queue, Visit, i).parent >= 0;
       i        = g_array_index(queue, Visit, i).parent) {
    const Visit *v = &g_array_index(queue, Visit, i);
    const Visit *u = &g_array_index(queue, Visit, v->parent);

    hop_statements(
      store, u->node, v->node, v->relation, v->inverse, f, day, out);
  }
}

/* The statements of one full row, appended to @stmts: for a step that
 * reads its statement, that statement; for any other, those of one
 * shortest witness (see step_witness()). */
static void
row_statements(Eval *ev, const AzkbTermId *row, GArray *stmts)
{
  guint n_steps = ev->q->steps->len;
  guint at      = stmts->len;

  /* The bound statements first, written in place: one call per row, not
   * one per statement (a call per cell was a sixth of a sources query). */
  g_array_set_size(stmts, at + ev->n_bound);
  for (guint i = 0; i < n_steps; i++) {
    const QStep *s = &g_array_index(ev->q->steps, QStep, i);

    if (s->stmt_slot >= 0)
      g_array_index(stmts, AzkbStmtId, at++) =
        row[ev->n_nodes + (guint)s->stmt_slot];
  }
  for (guint i = 0; i < n_steps && ev->n_bound < n_steps; i++) {
    const QStep *s = &g_array_index(ev->q->steps, QStep, i);

    if (s->stmt_slot < 0)
      step_witness(
        ev->q->store, s, &ev->filters[i], 0, row[i], row[i + 1], stmts);
  }
}

/* Does every row show what tells it from the others?  Then two distinct
 * rows never project to one, and merge_sources() need not group them.  A
 * node is told by its variable (a repeated variable's other node holds the
 * same term) or is a constant; a statement or qualifier cell only by a
 * variable of its own. */
static gboolean
rows_project_apart(const Eval *ev)
{
  g_autofree gboolean *shown = g_new0(gboolean, ev->width);

  for (guint v = 0; v < ev->q->var_cells->len; v++)
    shown[g_array_index(ev->q->var_cells, guint, v)] = TRUE;
  for (guint j = 0; j < ev->n_nodes; j++) {
    const QNode *node = &g_array_index(ev->q->nodes, QNode, j);

    if (node->var < 0 && node->kind != NODE_ENTITY)
      return FALSE;
  }
  for (guint j = ev->n_nodes; j < ev->width; j++)
    if (!shown[j])
      return FALSE;
  return TRUE;
}

typedef struct {
  const AzkbTermId *cells;
  guint             width;
} Visible;

static int
compare_visible(gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Visible *v = user_data;

  return memcmp(v->cells + *(const guint *)a * v->width,
                v->cells + *(const guint *)b * v->width,
                v->width * sizeof(AzkbTermId));
}

/* Sort @n @ids and drop repeats; returns how many are kept.  A row's
 * sources are a few: sorted in place, without a call per comparison. */
guint
sort_unique_range(AzkbTermId *ids, guint n)
{
  guint kept = 0;

  if (n > 32)
    qsort(ids, n, sizeof(AzkbTermId), compare_ids);
  else
    for (guint i = 1; i < n; i++) {
      AzkbTermId id = ids[i];
      guint      j  = i;

      for (; j > 0 && ids[j - 1] > id; j--)
        ids[j] = ids[j - 1];
      ids[j] = id;
    }
  for (guint i = 0; i < n; i++)
    if (kept == 0 || ids[kept - 1] != ids[i])
      ids[kept++] = ids[i];
  return kept;
}

/* Groups of rows whose sources merge_sources() reads at once. */
#define SOURCES_CHUNK 256

/* The sources of the statements read after @k of them, in the answer of
 * azkb_store_get_sources(). */
static inline guint
sources_before(const guint *ends, gsize k)
{
  return k > 0 ? ends[k - 1] : 0;
}

/* Rows of @width visible cells, one more cell each: the index of the
 * union of the sources of the rows that project to it.  The statements of
 * a chunk of groups are collected first and their sources read at once,
 * so that the reads overlap. */
static void
merge_sources(Eval *ev, AzkbResult *res, GArray *rows, guint width)
{
  gsize               n       = rows->len / ev->width;
  g_autofree guint32 *visible = g_new(guint32, n * width + 1);
  g_autofree guint   *order   = g_new(guint, n + 1);
  g_autofree int     *cell    = g_new(int, width + 1);
  Visible             v       = { visible, width };
  g_autoptr(GArray) stmts     = g_array_new(FALSE, FALSE, sizeof(AzkbStmtId));
  g_autoptr(GArray) srcs      = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  g_autofree guint *ends      = NULL;
  gsize             ends_cap  = 0;
  gsize             first[SOURCES_CHUNK + 1]; /* a group's first row */
  gsize             upto[SOURCES_CHUNK];      /* its statements' end */
  gboolean          apart = rows_project_apart(ev);
  gsize             n_out = 0; /* groups written */
  guint             at    = 0; /* sources written */
  guint32          *out;

  for (guint k = 0; k < width; k++)
    cell[k] = (int)g_array_index(ev->q->var_cells, guint, k);
  for (gsize r = 0; r < n; r++) {
    order[r] = (guint)r;
    for (guint k = 0; k < width; k++)
      visible[r * width + k] =
        g_array_index(rows, AzkbTermId, r * ev->width + cell[k]);
  }
  if (!apart)
    g_qsort_with_data(order, (gint)n, sizeof(guint), compare_visible, &v);
  /* At most a group per row: the cells and the lists' ends are written in
   * place and cut to size at the end, not appended a call at a time. */
  g_array_set_size(res->cells, (guint)(n * (width + 1)));
  g_array_set_size(res->source_ends, (guint)n);
  g_array_set_size(res->source_ids, 0);
  out = (guint32 *)(gpointer)res->cells->data;
  for (gsize i = 0; i < n;) {
    guint       n_groups = 0;
    AzkbTermId *ids;

    g_array_set_size(stmts, 0);
    for (; i < n && n_groups < SOURCES_CHUNK; n_groups++) {
      first[n_groups] = i;
      for (; i < n &&
             (i == first[n_groups] ||
              (!apart &&
               compare_visible(&order[first[n_groups]], &order[i], &v) == 0));
           i++)
        row_statements(
          ev, &g_array_index(rows, AzkbTermId, order[i] * ev->width), stmts);
      upto[n_groups] = stmts->len;
    }
    if (stmts->len > ends_cap) {
      ends_cap = MAX(stmts->len, ends_cap * 2);
      ends     = g_renew(guint, ends, ends_cap);
    }
    g_array_set_size(srcs, 0);
    azkb_store_get_sources(ev->q->store,
                           (const AzkbStmtId *)(gpointer)stmts->data,
                           stmts->len,
                           srcs,
                           ends);
    g_array_set_size(res->source_ids, at + srcs->len);
    ids = (AzkbTermId *)(gpointer)res->source_ids->data;
    for (guint g = 0; g < n_groups; g++) {
      guint from = sources_before(ends, g > 0 ? upto[g - 1] : 0);
      guint to   = sources_before(ends, upto[g]);

      memcpy(ids + at,
             &g_array_index(srcs, AzkbTermId, from),
             (to - from) * sizeof(AzkbTermId));
      at += sort_unique_range(ids + at, to - from);
      g_array_index(res->source_ends, guint32, n_out) = at;
      memcpy(out + n_out * (width + 1),
             visible + order[first[g]] * width,
             width * sizeof(guint32));
      out[n_out * (width + 1) + width] = (guint32)n_out;
      n_out++;
    }
    g_array_set_size(res->source_ids, at);
  }
  g_array_set_size(res->cells, (guint)(n_out * (width + 1)));
  g_array_set_size(res->source_ends, (guint)n_out);
}

/* The sources list at index @list of @res: *@out_n ids from @out_from. */
static void
source_list(const AzkbResult *res, guint32 list, guint *out_from, guint *out_n)
{
  guint to = g_array_index(res->source_ends, guint32, list);

  *out_from = list > 0 ? g_array_index(res->source_ends, guint32, list - 1) : 0;
  *out_n    = to - *out_from;
}

/* Unite the sources of sorted rows that print the same but for their
 * sources (the last of @width cells).  merge_sources() groups rows by the
 * statements they bind, but a time variable's statements of equal
 * intervals are one value: `-electedTo@?t-> ?` with two bodies elected for
 * one term is one row, its sources those of both.  Such rows are adjacent
 * after the sort; a united list is added at the end of the lists. */
static void
unite_sources(AzkbResult *res, guint width)
{
  guint32 *c    = (guint32 *)(gpointer)res->cells->data;
  gsize    n    = res->cells->len / width;
  gsize    kept = 0;

  for (gsize r = 0; r < n; r++) {
    guint32 *into = c + (kept - (kept > 0)) * width;

    if (kept > 0 &&
        memcmp(into, c + r * width, (width - 1) * sizeof(guint32)) == 0) {
      guint       from_a, n_a, from_b, n_b;
      guint       at = res->source_ids->len;
      AzkbTermId *ids;

      source_list(res, into[width - 1], &from_a, &n_a);
      source_list(res, c[r * width + width - 1], &from_b, &n_b);
      g_array_set_size(res->source_ids, at + n_a + n_b);
      ids = (AzkbTermId *)(gpointer)res->source_ids->data;
      memcpy(ids + at, ids + from_a, n_a * sizeof(AzkbTermId));
      memcpy(ids + at + n_a, ids + from_b, n_b * sizeof(AzkbTermId));
      g_array_set_size(res->source_ids,
                       at + sort_unique_range(ids + at, n_a + n_b));
      into[width - 1] = res->source_ends->len;
      g_array_append_val(res->source_ends, res->source_ids->len);
      continue;
    }
    memmove(c + kept * width, c + r * width, width * sizeof(guint32));
    kept++;
  }
  g_array_set_size(res->cells, (guint)(kept * width));
}

/* Project @rows onto the named variables, one column each. */
static AzkbResult *
make_result(Eval *ev, GArray *rows, guint limit)
{
  AzkbResult     *res   = g_new0(AzkbResult, 1);
  guint           width = ev->q->vars->len;
  gsize           n     = rows->len / ev->width;
  g_autofree int *first = g_new0(int, width + 1);
  AzkbTermId     *cells;

  g_ref_count_init(&res->ref);
  res->store       = azkb_store_ref(ev->q->store);
  res->columns     = g_ptr_array_new_with_free_func(g_free);
  res->kinds       = g_array_new(FALSE, FALSE, sizeof(AzkbColumnKind));
  res->cells       = g_array_new(FALSE, TRUE, sizeof(AzkbTermId));
  res->source_ids  = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  res->source_ends = g_array_new(FALSE, FALSE, sizeof(guint32));
  gboolean mixed   = FALSE;
  gboolean sources = (ev->q->flags & AZKB_QUERY_SOURCES) != 0;

  for (guint v = 0; v < width; v++) {
    AzkbColumnKind kind = g_array_index(ev->q->var_kinds, AzkbColumnKind, v);

    g_ptr_array_add(res->columns, g_strdup(g_ptr_array_index(ev->q->vars, v)));
    g_array_append_val(res->kinds, kind);
    mixed |= !is_term_kind(kind);
  }
  if (width == 0 && !sources) {
    /* A pattern without variables is a yes/no question. */
    res->n_rows = n > 0;
    return res;
  }
  for (guint v = 0; v < width; v++)
    first[v] = (int)g_array_index(ev->q->var_cells, guint, v);
  if (sources) {
    AzkbColumnKind kind = AZKB_COLUMN_SOURCES;

    g_ptr_array_add(res->columns, g_strdup("sources"));
    g_array_append_val(res->kinds, kind);
    merge_sources(ev, res, rows, width);
    width++;
    mixed = TRUE;
  } else {
    g_array_set_size(res->cells, (guint)(n * width));
    cells = (AzkbTermId *)(gpointer)res->cells->data;
    for (gsize r = 0; r < n; r++)
      for (guint v = 0; v < width; v++)
        cells[r * width + v] =
          g_array_index(rows, AzkbTermId, r * ev->width + first[v]);
  }
  if (mixed)
    sort_rows_mixed(ev->q->store,
                    res->cells,
                    width,
                    (const AzkbColumnKind *)(gpointer)res->kinds->data);
  else
    sort_rows_by_name(ev->q->store, res->cells, width);
  if (sources)
    unite_sources(res, width);
  res->n_rows = res->cells->len / width;
  if (limit > 0 && res->n_rows > limit) {
    res->n_rows = limit;
    g_array_set_size(res->cells, limit * width);
  }
  return res;
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
      guint         cell = g_array_index(q->var_cells, guint, v);
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
  res = make_result(&ev, rows, limit);
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
  gboolean backward = start != 0;
  g_autoptr(GArray) from =
    node_candidates(ev, &g_array_index(ev->q->nodes, QNode, start));
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
  /* Blank what no variable shows, as make_result()'s projection drops it,
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

AzkbResult *
azkb_result_new_from_rows(AzkbQuery        *query,
                          const AzkbTermId *cells,
                          guint             n_rows)
{
  AzkbResult *res   = g_new0(AzkbResult, 1);
  guint       width = query->vars->len;

  g_ref_count_init(&res->ref);
  res->store       = azkb_store_ref(query->store);
  res->columns     = g_ptr_array_new_with_free_func(g_free);
  res->kinds       = g_array_new(FALSE, FALSE, sizeof(AzkbColumnKind));
  res->cells       = g_array_new(FALSE, TRUE, sizeof(AzkbTermId));
  res->source_ids  = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  res->source_ends = g_array_new(FALSE, FALSE, sizeof(guint32));
  gboolean terms   = TRUE;

  for (guint v = 0; v < width; v++) {
    AzkbColumnKind kind = g_array_index(query->var_kinds, AzkbColumnKind, v);

    g_ptr_array_add(res->columns, g_strdup(g_ptr_array_index(query->vars, v)));
    g_array_append_val(res->kinds, kind);
    terms &= kind == AZKB_COLUMN_ENTITY;
  }
  /* The columns a local result would have after the variables, so that a
   * caller sees every kind; rows of entities only can be given. */
  if (query->flags & AZKB_QUERY_WHEN) {
    AzkbColumnKind kind = AZKB_COLUMN_WHEN;

    g_ptr_array_add(res->columns, g_strdup("when"));
    g_array_append_val(res->kinds, kind);
    terms = FALSE;
  }
  if (query->flags & AZKB_QUERY_SOURCES) {
    AzkbColumnKind kind = AZKB_COLUMN_SOURCES;

    g_ptr_array_add(res->columns, g_strdup("sources"));
    g_array_append_val(res->kinds, kind);
    terms = FALSE;
  }
  g_return_val_if_fail(terms || n_rows == 0, res);
  if (width == 0) {
    res->n_rows = n_rows > 0;
    return res;
  }
  g_array_append_vals(res->cells, cells, n_rows * width);
  sort_rows_by_name(query->store, res->cells, width);
  res->n_rows = res->cells->len / width;
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
  g_clear_pointer(&result->kinds, g_array_unref);
  g_clear_pointer(&result->cells, g_array_unref);
  g_clear_pointer(&result->source_ids, g_array_unref);
  g_clear_pointer(&result->source_ends, g_array_unref);
  g_clear_pointer(&result->when_sets, g_array_unref);
  g_clear_pointer(&result->when_days, g_array_unref);
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

AzkbColumnKind
azkb_result_column_kind(const AzkbResult *result, guint column)
{
  g_return_val_if_fail(column < result->kinds->len, AZKB_COLUMN_ENTITY);
  return g_array_index(result->kinds, AzkbColumnKind, column);
}

const AzkbTermId *
azkb_result_sources(const AzkbResult *result, guint32 cell, gsize *out_n)
{
  guint32 from;

  g_return_val_if_fail(out_n != NULL, NULL);
  *out_n = 0;
  g_return_val_if_fail(cell < result->source_ends->len, NULL);
  from   = cell > 0 ? g_array_index(result->source_ends, guint32, cell - 1) : 0;
  *out_n = g_array_index(result->source_ends, guint32, cell) - from;
  return *out_n > 0 ? &g_array_index(result->source_ids, AzkbTermId, from)
                    : NULL;
}

guint
azkb_result_n_rows(const AzkbResult *result)
{
  return result->n_rows;
}

const AzkbTermId *
azkb_result_row(const AzkbResult *result, guint row)
{
  static const AzkbTermId none = 0;

  g_return_val_if_fail(row < result->n_rows, NULL);
  /* a yes/no answer has a row of no cells, and no cell array to point
   * into (NULL + 0 is undefined behaviour, which clang's UBSan reports) */
  if (result->columns->len == 0)
    return &none;
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
  if (step->expr != NULL)
    px_print(step->expr, q->store, out);
  if (step->lit_prop != 0)
    g_string_append_printf(out,
                           "%s%s",
                           step->expr != NULL ? "/" : "",
                           azkb_store_term_name(q->store, step->lit_prop));
  g_string_append(out, "->");
  if (step->backward)
    g_string_append(out, " (written backwards)");
  g_string_append_c(out, '\n');
  if (step->has_time)
    g_string_append_printf(
      out, "    time: every hop overlaps %s\n", step->time_text);
  if (step->time_var >= 0)
    g_string_append_printf(
      out,
      "    time variable: ?%s, the time of the statement crossed\n",
      (char *)g_ptr_array_index(q->vars, step->time_var));
  for (guint k = 0; step->quals != NULL && k < step->quals->len; k++) {
    const QQual *qual = &g_array_index(step->quals, QQual, k);

    g_string_append_printf(out,
                           "    qualifier: ?%s, its %s\n",
                           (char *)g_ptr_array_index(q->vars, qual->var),
                           azkb_store_term_name(q->store, qual->property));
  }
  if (step->lit_prop != 0)
    g_string_append_printf(out,
                           "    ends at a literal value of %s\n",
                           azkb_store_term_name(q->store, step->lit_prop));
  if (step->fwd == NULL)
    return;
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
  for (guint i = 0; i < query->constraints->len; i++) {
    const QConstraint *c = &g_array_index(query->constraints, QConstraint, i);

    g_string_append_printf(out,
                           "constraint: %s %s %s (on day spans)\n",
                           c->a.text,
                           time_relation_name(c->relation),
                           c->b.text);
  }
  g_string_append_printf(out,
                         "undated statements: %s\n",
                         query->flags & AZKB_QUERY_STRICT_TIME
                           ? "fail time filters (strict)"
                           : "match any time");
  if (query->flags & AZKB_QUERY_WHEN)
    g_string_append(out,
                    "when: each row with the days it held in one snapshot; "
                    "per step a fixpoint of day sets over (node, state) "
                    "pairs, intersected along the chain, united over "
                    "hidden nodes\n");
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
