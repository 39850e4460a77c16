/* The order of answers: rows sorted by the names of their terms (by the
 * store's ranks of names for a large answer), times by their interval,
 * and repeats dropped; sets of ids sorted by id.  Names are compared here
 * and nowhere else in the evaluation. */
#include "query-private.h"
#include "src/util/name-sort.h"

#include <stdlib.h>
#include <string.h>

int
term_compare(const AzkbStore *store, AzkbTermId a, AzkbTermId b)
{
  if (a == b)
    return 0;
  return g_strcmp0(azkb_store_term_name(store, a),
                   azkb_store_term_name(store, b));
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
void
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

/* ---- rows of terms ---- */

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
void
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

/* Count the digits of @w (its varying bits, shifted down), one digit a
 * pass: all the passes' counts come from one read of the keys. */
static inline void
count_digits(gsize *counts, guint64 w, guint passes)
{
  for (guint p = 0; p < passes; p++, w >>= KEY_DIGIT_BITS)
    counts[p * KEY_DIGITS + (w & KEY_DIGIT_MASK)]++;
}

/* Turn the counts of one pass into where each digit's run starts. */
static inline void
digit_starts(gsize *count)
{
  gsize at = 0;

  for (guint d = 0; d < KEY_DIGITS; d++) {
    gsize c  = count[d];
    count[d] = at;
    at += c;
  }
}

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
  for (gsize i = 0; i < n; i++)
    count_digits(counts, (by_hi ? items[i].hi : items[i].lo) >> lo, passes);
  for (guint p = 0; p < passes; p++) {
    gsize  *count = counts + p * KEY_DIGITS;
    guint   shift = lo + p * KEY_DIGIT_BITS;
    guint64 first = (by_hi ? src[0].hi : src[0].lo) >> shift & KEY_DIGIT_MASK;

    /* a digit that is the same in every item (inside the varying bits) */
    if (count[first] == n)
      continue;
    digit_starts(count);
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
  for (gsize i = 0; i < n; i++)
    count_digits(counts, keys[i] >> lo, passes);
  for (guint p = 0; p < passes; p++) {
    gsize *count = counts + p * KEY_DIGITS;
    guint  shift = lo + p * KEY_DIGIT_BITS;

    if (count[src[0] >> shift & KEY_DIGIT_MASK] == n)
      continue;
    digit_starts(count);
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

gboolean
column_is_term(AzkbColumnKind kind)
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
      if (column_is_term(kinds[k]))
        terms[n_terms++] = c[r * width + k];
  n_ids = distinct_terms(terms, n_terms, &ids);
  keys  = sorted_name_keys(store, ids, n_ids);
  rank  = g_new(guint32, n_ids + 1);
  for (gsize i = 0; i < n_ids; i++)
    rank[keys[i].pos] = (guint32)i;
  n_terms = 0;
  for (gsize r = 0; r < n; r++)
    for (guint k = 0; k < width; k++)
      if (column_is_term(kinds[k]))
        c[r * width + k] = rank[terms[n_terms++]];
  for (guint k = 0; k < width; k++) {
    if (column_is_term(kinds[k]))
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

      if (column_is_term(kinds[k]))
        *cell = rank[*cell];
      else if (kinds[k] == AZKB_COLUMN_TIME)
        *cell = reps[k][*cell];
    }
  for (guint k = 0; k < width; k++)
    g_free(reps[k]);
  g_array_set_size(cells, (guint)(kept * width));
}
