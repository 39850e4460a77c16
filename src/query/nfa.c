/* Path expressions compiled to Glushkov automata.
 *
 * Glushkov's construction numbers the atoms of the expression 1..n and
 * computes, bottom-up, which positions can come first, which last, and
 * which can follow which.  The automaton has a state per position plus a
 * start state and no epsilon moves: a breadth-first search over (node,
 * state) pairs needs no closure computation, and every transition reads
 * exactly one hop.  `a+` and `a?` are handled natively; other bounds are
 * expanded into copies first (a{2,4} = a/a/(a/a?)?). */
#include "query-private.h"

#include <string.h>

typedef struct {
  guint      words;     ///< guint64 words per set
  guint      n;         ///< positions so far
  const Px **atoms;     ///< by position (index 0 unused)
  guint64   *follow;    ///< (max positions + 1) sets
  guint64   *pool;      ///< the sets set_new() hands out
  guint      pool_sets; ///< sets in the pool
  guint      pool_used; ///< sets handed out
} Builder;

typedef struct {
  gboolean nullable;
  guint64 *first;
  guint64 *last;
} Info;

/* ---- expansion of bounded repetition ---- */

static Px *
seq(Px *a, Px *b)
{
  Px *px;

  if (a == NULL)
    return b;
  px    = px_new(PX_SEQ);
  px->a = a;
  px->b = b;
  return px;
}

static Px *
repeat(Px *a, guint min, guint max)
{
  Px *px  = px_new(PX_REPEAT);
  px->a   = a;
  px->min = min;
  px->max = max;
  return px;
}

static Px *
alt(Px *a, Px *b)
{
  Px *px;

  if (a == NULL || b == NULL)
    return a != NULL ? a : b;
  px    = px_new(PX_ALT);
  px->a = a;
  px->b = b;
  return px;
}

/* The non-empty paths of an expanded tree (its language minus the empty
 * path), or NULL when it matches the empty path only. */
static Px *
non_empty(const Px *px)
{
  Px *a;

  switch (px->kind) {
    case PX_REL:
    case PX_ANY:
    case PX_NOT:
      return px_copy(px);
    case PX_ALT:
      return alt(non_empty(px->a), non_empty(px->b));
    case PX_SEQ:
      if (!px_nullable(px->a) || !px_nullable(px->b))
        return px_copy(px);
      /* ab minus ε = (a minus ε) b | (b minus ε), as a may be empty */
      a = non_empty(px->a);
      return alt(a != NULL ? seq(a, px_copy(px->b)) : NULL, non_empty(px->b));
    case PX_REPEAT:
      if (px->max == 0)
        return NULL;
      a = non_empty(px->a);
      if (a == NULL)
        return NULL;
      return px->max == PX_INF ? repeat(a, 1, PX_INF) : a;
    case PX_INV:
      break;
  }
  g_assert_not_reached();
}

/* A tree whose repetitions are only ?, * and + (and {0} for "no hop").
 *
 * Bounded repetition is copied out: a{2,4} = a/a/(a/(a)?)?, nested so that
 * each copy only leads to the next and the automaton stays linear in the
 * bound.  An operand that can match the empty path would undo that (every
 * later copy could follow every earlier one: quadratic), so it is first
 * made non-empty: for such an e, e{m,n} is (e minus ε){0,n} and e{m,} is
 * e*. */
Px *
px_expand(const Px *px)
{
  Px   *out = NULL;
  Px   *tail;
  guint min, max;

  switch (px->kind) {
    case PX_REL:
    case PX_ANY:
    case PX_NOT:
      return px_copy(px);
    case PX_INV:
      g_assert_not_reached(); /* pushed down before compiling */
    case PX_SEQ:
    case PX_ALT:
      out    = px_new(px->kind);
      out->a = px_expand(px->a);
      out->b = px_expand(px->b);
      return out;
    case PX_REPEAT:
      break;
  }
  min = px->min;
  max = px->max;
  if (max == 0 || (min <= 1 && (max == 1 || max == PX_INF)))
    return repeat(px_expand(px->a), min, max);
  if (px_nullable(px->a)) {
    g_autoptr(Px) operand = px_expand(px->a);
    Px *core              = non_empty(operand);
    Px  bounded           = { .kind = PX_REPEAT, .a = core, .max = max };

    if (core == NULL)
      return repeat(g_steal_pointer(&operand), 0, 0);
    if (max == PX_INF)
      return repeat(core, 0, PX_INF);
    out = px_expand(&bounded);
    px_free(core);
    return out;
  }
  if (max == PX_INF) {
    /* a{m,} = a^(m-1) / a+ */
    for (guint i = 0; i + 1 < min; i++)
      out = seq(out, px_expand(px->a));
    return seq(out, repeat(px_expand(px->a), 1, PX_INF));
  }
  /* a{m,n} = a^m / (a / (a / …)?)? with n-m optional copies, nested so
   * that the automaton stays small and unambiguous. */
  tail = NULL;
  for (guint i = min; i < max; i++)
    tail = repeat(
      tail == NULL ? px_expand(px->a) : seq(px_expand(px->a), tail), 0, 1);
  for (guint i = 0; i < min; i++)
    out = seq(out, px_expand(px->a));
  return tail == NULL ? out : seq(out, tail);
}

/* The branches of px_expand() again: only the non-empty part of a nullable
 * operand depends on the direction ((a-ε)b | (b-ε) has |a| + 2|b|
 * positions, its inverse 2|a| + |b|); copies and repetitions add up the
 * same either way, as an inverse only swaps the operands of `/`. */
gboolean
px_expands_alike(const Px *px)
{
  switch (px->kind) {
    case PX_REL:
    case PX_ANY:
    case PX_NOT:
      return TRUE;
    case PX_INV:
      return px_expands_alike(px->a);
    case PX_SEQ:
    case PX_ALT:
      return px_expands_alike(px->a) && px_expands_alike(px->b);
    case PX_REPEAT:
      break;
  }
  if (px->max != 0 && !(px->min <= 1 && (px->max == 1 || px->max == PX_INF)) &&
      px_nullable(px->a))
    return FALSE;
  return px_expands_alike(px->a);
}

/* ---- Glushkov sets ---- */

/* The sets of one compile come from one block: the follow sets, then a
 * pool from which each atom (and each `{0}`) takes its first and last
 * sets; a set that a union has emptied into another is simply left
 * behind.  A parse compiles a small automaton or two, and a g_new0 per set
 * made allocation most of the compile. */
static guint64 *
set_new(Builder *b)
{
  guint64 *set = b->pool + (gsize)b->pool_used * b->words;

  g_assert(b->pool_used < b->pool_sets);
  b->pool_used++;
  return set;
}

static void
set_add(guint64 *set, guint p)
{
  set[p / 64] |= G_GUINT64_CONSTANT(1) << (p % 64);
}

static gboolean
set_has(const guint64 *set, guint p)
{
  return (set[p / 64] >> (p % 64)) & 1;
}

static void
set_union(const Builder *b, guint64 *into, const guint64 *from)
{
  for (guint i = 0; i < b->words; i++)
    into[i] |= from[i];
}

/* follow(p) ∪= @to for every p in @from. */
static void
link_sets(Builder *b, const guint64 *from, const guint64 *to)
{
  for (guint p = 1; p <= b->n; p++)
    if (set_has(from, p))
      set_union(b, b->follow + (gsize)p * b->words, to);
}

static Info
glushkov(Builder *b, const Px *px)
{
  Info info = { 0 }, x, y;

  switch (px->kind) {
    case PX_REL:
    case PX_ANY:
    case PX_NOT:
      b->atoms[++b->n] = px;
      info.first       = set_new(b);
      info.last        = set_new(b);
      set_add(info.first, b->n);
      set_add(info.last, b->n);
      return info;
    case PX_SEQ:
      x = glushkov(b, px->a);
      y = glushkov(b, px->b);
      link_sets(b, x.last, y.first);
      info.nullable = x.nullable && y.nullable;
      info.first    = x.first;
      if (x.nullable)
        set_union(b, info.first, y.first);
      info.last = y.last;
      if (y.nullable)
        set_union(b, info.last, x.last);
      return info;
    case PX_ALT:
      x             = glushkov(b, px->a);
      y             = glushkov(b, px->b);
      info.nullable = x.nullable || y.nullable;
      set_union(b, x.first, y.first);
      set_union(b, x.last, y.last);
      info.first = x.first;
      info.last  = x.last;
      return info;
    case PX_REPEAT:
      if (px->max == 0) {
        info.nullable = TRUE;
        info.first    = set_new(b);
        info.last     = set_new(b);
        return info;
      }
      info = glushkov(b, px->a);
      if (px->max == PX_INF)
        link_sets(b, info.last, info.first);
      if (px->min == 0)
        info.nullable = TRUE;
      return info;
    case PX_INV:
      break;
  }
  g_assert_not_reached();
}

static NfaLabel
label_of(const Px *atom)
{
  NfaLabel label = { atom->kind, atom->rel, atom->inverse, atom };

  return label;
}

/* Most states whose twins are looked for: the search compares each state
 * with the earlier ones. */
#define MAX_TWIN_STATES 256

/* follow(q), with follow(0) = first(root). */
static const guint64 *
follow_of(const Builder *b, const Info *root, guint q)
{
  return q == 0 ? root->first : b->follow + (gsize)q * b->words;
}

/* twin[q]: the first state with q's acceptance and follow set.  Such
 * states have the same moves, so a search from either reads the same
 * words: in (a|b|c)* every state is a twin of the start, and a node the
 * search reaches by a, b and c need be explored once, not three times. */
static void
find_twins(Nfa *nfa, const Builder *b, const Info *root)
{
  for (guint q = 0; q < nfa->n_states; q++) {
    const guint64 *fq = follow_of(b, root, q);

    nfa->twin[q] = q;
    if (nfa->n_states > MAX_TWIN_STATES)
      continue;
    for (guint r = 0; r < q; r++) {
      if (nfa->twin[r] == r && nfa->accepting[r] == nfa->accepting[q] &&
          memcmp(fq, follow_of(b, root, r), b->words * sizeof(guint64)) == 0) {
        nfa->twin[q] = r;
        break;
      }
    }
  }
}

/* Bytes of @n elements of @size, rounded up to keep the next array of a
 * block aligned. */
static gsize
aligned(gsize n, gsize size)
{
  return (n * size + 7) & ~(gsize)7;
}

/* The automaton and its arrays are one block: the labels, the follow
 * lists (offsets and targets), acceptance and twins, freed together by
 * nfa_free(). */
static Nfa *
nfa_from(Builder *b, const Info *root, Px *tree)
{
  guint   n_states = b->n + 1;
  guint   k        = 0;
  gsize   at       = aligned(1, sizeof(Nfa));
  gsize   labels, offsets, next, accepting, twin;
  guint8 *block;
  Nfa    *nfa;

  for (guint q = 0; q < n_states; q++) {
    const guint64 *set = follow_of(b, root, q);

    for (guint p = 1; p <= b->n; p++)
      k += set_has(set, p);
  }
  labels         = at;
  offsets        = labels + aligned(n_states, sizeof(NfaLabel));
  next           = offsets + aligned(n_states + 1, sizeof(guint));
  accepting      = next + aligned(MAX(k, 1), sizeof(guint));
  twin           = accepting + aligned(n_states, sizeof(gboolean));
  block          = g_malloc0(twin + aligned(n_states, sizeof(guint)));
  nfa            = (Nfa *)(gpointer)block;
  nfa->n_states  = n_states;
  nfa->tree      = tree;
  nfa->labels    = (NfaLabel *)(gpointer)(block + labels);
  nfa->offsets   = (guint *)(gpointer)(block + offsets);
  nfa->next      = (guint *)(gpointer)(block + next);
  nfa->accepting = (gboolean *)(gpointer)(block + accepting);
  nfa->twin      = (guint *)(gpointer)(block + twin);
  for (guint p = 1; p <= b->n; p++) {
    nfa->labels[p]    = label_of(b->atoms[p]);
    nfa->accepting[p] = set_has(root->last, p);
  }
  nfa->accepting[0] = root->nullable;
  k                 = 0;
  for (guint q = 0; q < n_states; q++) {
    const guint64 *set = follow_of(b, root, q);

    nfa->offsets[q] = k;
    for (guint p = 1; p <= b->n; p++)
      if (set_has(set, p))
        nfa->next[k++] = p;
  }
  nfa->offsets[n_states] = k;
  find_twins(nfa, b, root);
  return nfa;
}

/* Positions of an expanded tree (its atoms, except under `{0}`), and in
 * *@sets the first and last sets glushkov() takes from the pool for
 * them. */
static guint
count_positions(const Px *px, guint *sets)
{
  switch (px->kind) {
    case PX_REL:
    case PX_ANY:
    case PX_NOT:
      *sets += 2;
      return 1;
    case PX_SEQ:
    case PX_ALT:
      return count_positions(px->a, sets) + count_positions(px->b, sets);
    case PX_REPEAT:
      if (px->max != 0)
        return count_positions(px->a, sets);
      *sets += 2;
      return 0;
    case PX_INV:
      break;
  }
  g_assert_not_reached();
}

Nfa *
nfa_compile(const Px *px, GError **error)
{
  g_autoptr(Px) tree = NULL;
  guint   max, sets = 0;
  Builder b;
  Info    root;
  Nfa    *nfa;

  if (px_n_atoms(px) > AZKB_QUERY_MAX_ATOMS) {
    g_set_error(error,
                AZKB_QUERY_ERROR,
                AZKB_QUERY_ERROR_TOO_LARGE,
                "the path expression expands to more than %u relation "
                "occurrences",
                AZKB_QUERY_MAX_ATOMS);
    return NULL;
  }
  tree = px_expand(px);
  max  = count_positions(tree, &sets);
  if (max > AZKB_QUERY_MAX_ATOMS) {
    g_set_error(error,
                AZKB_QUERY_ERROR,
                AZKB_QUERY_ERROR_TOO_LARGE,
                "the path expression expands to %u relation occurrences; at "
                "most %u are allowed",
                max,
                AZKB_QUERY_MAX_ATOMS);
    return NULL;
  }
  /* One block: the atoms by position, the follow sets, the pool. */
  b.words     = (max + 1 + 63) / 64;
  b.n         = 0;
  b.pool_sets = sets;
  b.pool_used = 0;
  b.atoms     = g_malloc0(aligned(max + 1, sizeof(const Px *)) +
                      ((gsize)(max + 1) + sets) * b.words * sizeof(guint64));
  b.follow    = (guint64 *)(gpointer)(b.atoms + max + 1);
  b.pool      = b.follow + (gsize)(max + 1) * b.words;
  root        = glushkov(&b, tree);
  nfa         = nfa_from(&b, &root, g_steal_pointer(&tree));
  g_free(b.atoms);
  return nfa;
}

void
nfa_free(Nfa *nfa)
{
  if (nfa == NULL)
    return;
  px_free(nfa->tree);
  g_free(nfa);
}

gboolean
nfa_label_reads(const NfaLabel *label, AzkbTermId relation)
{
  const GArray *set;
  guint         lo, hi;

  switch (label->kind) {
    case PX_REL:
      return relation == label->rel;
    case PX_ANY:
      return TRUE;
    case PX_NOT:
      set = label->atom->set;
      lo  = 0;
      hi  = set->len;
      while (lo < hi) {
        guint      mid = lo + (hi - lo) / 2;
        AzkbTermId x   = g_array_index(set, AzkbTermId, mid);

        if (x == relation)
          return FALSE;
        if (x < relation)
          lo = mid + 1;
        else
          hi = mid;
      }
      return TRUE;
    case PX_SEQ:
    case PX_ALT:
    case PX_INV:
    case PX_REPEAT:
      break;
  }
  g_assert_not_reached();
}

void
nfa_print(const Nfa *nfa, const AzkbStore *store, GString *out)
{
  for (guint q = 0; q < nfa->n_states; q++) {
    g_string_append_printf(out,
                           "    state %u%s%s:",
                           q,
                           q == 0 ? " (start)" : "",
                           nfa->accepting[q] ? " (accept)" : "");
    if (nfa->offsets[q] == nfa->offsets[q + 1])
      g_string_append(out, " no moves");
    for (guint i = nfa->offsets[q]; i < nfa->offsets[q + 1]; i++) {
      guint p = nfa->next[i];

      g_string_append(out, i == nfa->offsets[q] ? " " : ", ");
      px_print(nfa->labels[p].atom, store, out);
      g_string_append_printf(out, " → %u", p);
    }
    g_string_append_c(out, '\n');
  }
}

gboolean
nfa_one_hop(const Nfa *nfa)
{
  if (nfa->accepting[0])
    return FALSE;
  for (guint p = 1; p < nfa->n_states; p++)
    if (!nfa->accepting[p] || nfa->offsets[p + 1] != nfa->offsets[p])
      return FALSE;
  return TRUE;
}
