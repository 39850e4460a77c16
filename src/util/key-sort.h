/* Sorting records by a 128-bit key: internal, not public API.
 *
 * A push --sync sorts one record per triple, millions of them, by a
 * 128-bit hash of the triple (src/remote/ntriples.c), and looks keys up
 * in them.  g_array_sort() and bsearch() call a compare function through
 * a pointer for each compare.  The keys are hashes, spread evenly, so a
 * radix sort on their top bits makes buckets of a few records each, which
 * an insertion sort finishes: 4M records in 0.65-0.8 s against
 * g_array_sort()'s 2.0 s.  (In a sync that keeps a record the sort is a
 * small part: perf puts 17% of a no-change sync of 4M triples in the
 * lookups, which wait for memory with or without a compare call.) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/// A 128-bit key, ordered by @hi, then @lo.
typedef struct {
  guint64 hi, lo;
} AzkbKey128;

static inline int
azkb_key128_compare(const AzkbKey128 *a, const AzkbKey128 *b)
{
  if (a->hi != b->hi)
    return a->hi < b->hi ? -1 : 1;
  if (a->lo != b->lo)
    return a->lo < b->lo ? -1 : 1;
  return 0;
}

/// Sort the @n records of @size bytes at @base (each starting with an
/// AzkbKey128, @size a multiple of 8) by key, in place.  Not stable.
void azkb_key128_sort(void *base, gsize n, gsize size);

/// azkb_key128_sort(), then keep one record of each key (the first after
/// the sort): the number of records left at @base.
gsize azkb_key128_sort_unique(void *base, gsize n, gsize size);

/// The record of @n sorted ones at @base whose key is @key, or NULL.
const void *azkb_key128_find(const void       *base,
                             gsize             n,
                             gsize             size,
                             const AzkbKey128 *key);

G_END_DECLS
