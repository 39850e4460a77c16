/* Tests of src/util/key-sort.h (not public: the program compiles
 * key-sort.c itself, tests/meson.build), against qsort over the same
 * records. */
#include "src/util/key-sort.h"

#include <stdlib.h>
#include <string.h>

/* A record of 24 bytes, as a sync's KeyedTriple: a key and a payload that
 * must travel with it. */
typedef struct {
  AzkbKey128 key;
  guint32    payload;
  guint32    pad;
} Rec;

static int
compare_recs(const void *a, const void *b)
{
  const Rec *x = a, *y = b;
  int        c = azkb_key128_compare(&x->key, &y->key);

  if (c != 0)
    return c;
  return x->payload < y->payload ? -1 : x->payload > y->payload;
}

/* Keys drawn from a few bits only (many equal keys, long shared prefixes),
 * from every bit (as hashes), or equal in hi and differing in lo. */
typedef enum { KEYS_HASHES, KEYS_FEW, KEYS_SAME_HI, KEYS_SAME_TOP } KeyKind;

static AzkbKey128
random_key(GRand *rng, KeyKind kind)
{
  guint64 a = (guint64)g_rand_int(rng) << 32 | g_rand_int(rng);
  guint64 b = (guint64)g_rand_int(rng) << 32 | g_rand_int(rng);

  switch (kind) {
    case KEYS_FEW:
      return (AzkbKey128){ a % 3, b % 5 };
    case KEYS_SAME_HI:
      return (AzkbKey128){ 42, b };
    case KEYS_SAME_TOP: /* the top 60 bits alike: every level below runs */
      return (AzkbKey128){ (G_GUINT64_CONSTANT(0xabcdef) << 40) | (a & 15),
                           b % 1000 };
    case KEYS_HASHES:
    default:
      return (AzkbKey128){ a, b };
  }
}

/* azkb_key128_sort_unique() of @recs (@n, any order) keeps each key of
 * @sorted (the same records, sorted) once, with a payload of that key. */
static void
check_unique(Rec *recs, const Rec *sorted, gsize n)
{
  gsize kept = azkb_key128_sort_unique(recs, n, sizeof(Rec));
  gsize k    = 0;

  for (gsize i = 0; i < n; i++) {
    if (i > 0 && azkb_key128_compare(&sorted[i - 1].key, &sorted[i].key) == 0)
      continue;
    g_assert_cmpuint(k, <, kept);
    g_assert_cmpint(azkb_key128_compare(&recs[k].key, &sorted[i].key), ==, 0);
    /* its payload is one of that key's */
    gsize j = i;

    while (sorted[j].payload != recs[k].payload) {
      j++;
      g_assert_cmpuint(j, <, n);
      g_assert_cmpint(
        azkb_key128_compare(&sorted[j].key, &sorted[i].key), ==, 0);
    }
    k++;
  }
  g_assert_cmpuint(k, ==, kept);
}

static void
check_sort(gsize n, KeyKind kind, guint32 seed)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed(seed);
  g_autofree Rec *got  = g_new0(Rec, MAX(n, 1));
  g_autofree Rec *want = g_new0(Rec, MAX(n, 1));

  for (gsize i = 0; i < n; i++)
    got[i] = (Rec){ random_key(rng, kind), (guint32)i, 0 };
  memcpy(want, got, n * sizeof(Rec));
  qsort(want, n, sizeof(Rec), compare_recs);
  azkb_key128_sort(got, n, sizeof(Rec));
  for (gsize i = 1; i < n; i++)
    g_assert_cmpint(azkb_key128_compare(&got[i - 1].key, &got[i].key), <=, 0);
  /* the same records, each with its payload: sort ties by payload too */
  qsort(got, n, sizeof(Rec), compare_recs);
  g_assert_cmpmem(got, n * sizeof(Rec), want, n * sizeof(Rec));
  check_unique(got, want, n);
}

static void
test_sort_sizes(void)
{
  static const gsize   sizes[] = { 0, 1, 2, 31, 32, 33, 257, 5000, 200000 };
  static const KeyKind kinds[] = {
    KEYS_HASHES, KEYS_FEW, KEYS_SAME_HI, KEYS_SAME_TOP
  };

  for (guint s = 0; s < G_N_ELEMENTS(sizes); s++)
    for (guint k = 0; k < G_N_ELEMENTS(kinds); k++)
      check_sort(sizes[s], kinds[k], 7 * s + k);
}

/* Records of 16 bytes (the key alone) and of 32. */
static void
test_sort_record_sizes(void)
{
  g_autoptr(GRand) rng        = g_rand_new_with_seed(3);
  g_autofree AzkbKey128 *keys = g_new(AzkbKey128, 10000);
  g_autofree guint64    *wide = g_new0(guint64, 4 * 10000);

  for (guint i = 0; i < 10000; i++) {
    keys[i]         = random_key(rng, i % 2 ? KEYS_HASHES : KEYS_SAME_TOP);
    wide[4 * i]     = keys[i].hi;
    wide[4 * i + 1] = keys[i].lo;
    wide[4 * i + 2] = i;
  }
  azkb_key128_sort(keys, 10000, sizeof(AzkbKey128));
  azkb_key128_sort(wide, 10000, 4 * sizeof(guint64));
  for (guint i = 1; i < 10000; i++) {
    g_assert_cmpint(azkb_key128_compare(&keys[i - 1], &keys[i]), <=, 0);
    g_assert_cmpuint(keys[i].hi, ==, wide[4 * i]);
    g_assert_cmpuint(keys[i].lo, ==, wide[4 * i + 1]);
  }
}

/* Every key is found, keys absent are not, whatever their spread (the
 * lookup guesses positions from the keys' values). */
static void
check_find(KeyKind kind, gsize n, guint32 seed)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed(seed);
  g_autofree Rec *recs = g_new0(Rec, MAX(n, 1));

  for (gsize i = 0; i < n; i++)
    recs[i] = (Rec){ random_key(rng, kind), (guint32)i, 0 };
  azkb_key128_sort(recs, n, sizeof(Rec));
  for (gsize i = 0; i < n; i++) {
    const Rec *r = azkb_key128_find(recs, n, sizeof(Rec), &recs[i].key);

    g_assert_nonnull(r);
    g_assert_cmpint(azkb_key128_compare(&r->key, &recs[i].key), ==, 0);
  }
  for (guint i = 0; i < 2000; i++) {
    AzkbKey128 k     = random_key(rng, kind);
    gboolean   there = FALSE;

    for (gsize j = 0; j < n && !there; j++)
      there = azkb_key128_compare(&recs[j].key, &k) == 0;
    g_assert_true((azkb_key128_find(recs, n, sizeof(Rec), &k) != NULL) ==
                  there);
  }
}

static void
test_find(void)
{
  static const KeyKind kinds[] = {
    KEYS_HASHES, KEYS_FEW, KEYS_SAME_HI, KEYS_SAME_TOP
  };
  static const gsize sizes[] = { 0, 1, 33, 3000 };

  for (guint k = 0; k < G_N_ELEMENTS(kinds); k++)
    for (guint s = 0; s < G_N_ELEMENTS(sizes); s++)
      check_find(kinds[k], sizes[s], 11 * k + s);
}

int
main(int argc, char *argv[])
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/util/key-sort/sizes", test_sort_sizes);
  g_test_add_func("/util/key-sort/record-sizes", test_sort_record_sizes);
  g_test_add_func("/util/key-sort/find", test_find);
  return g_test_run();
}
