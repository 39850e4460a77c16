/* Tests of the hash tables of src/util/hash.h, which no public header
 * shows: the program compiles hash.c itself (tests/meson.build), as the
 * fuzz targets do with the parts they test. */
#include "src/util/hash.h"

/* The longest run of occupied slots of @set (wrapping around): every probe
 * of a key whose home slot is in a run walks up to its end. */
static gsize
longest_run(const AzkbKeySet *set)
{
  gsize cap = set->mask + 1, longest = 0, run = 0;

  /* twice round, so that a run across the end is measured whole */
  for (gsize i = 0; i < 2 * cap; i++) {
    run     = set->slots[i & set->mask] != AZKB_KEY_FREE ? run + 1 : 0;
    longest = MAX(longest, MIN(run, cap));
  }
  return longest;
}

/* Keys that differ only in their high 32 bits, as the evaluator's
 * (class of an entity, class asked for) pairs do when one class is asked
 * for: they must spread over the table like any keys.  The hash once used
 * only the product's bits 17 and up, which for a table of fewer than 2^15
 * slots depend on the key's low 32 bits alone, so all of them shared one
 * home slot: a run of every key, and each probe walked it (a query over
 * 30,000 classes spent a second there). */
static void
test_key_set_high_bits(void)
{
  AzkbKeySet set;

  azkb_key_set_init(&set);
  for (guint64 c = 1; c <= 4096; c++)
    g_assert_true(azkb_key_set_add(&set, c << 32 | 7));
  g_assert_cmpuint(set.len, ==, 4096);
  for (guint64 c = 1; c <= 4096; c++) {
    g_assert_true(azkb_key_set_contains(&set, c << 32 | 7));
    g_assert_false(azkb_key_set_add(&set, c << 32 | 7));
  }
  g_assert_false(azkb_key_set_contains(&set, 4097ull << 32 | 7));
  g_assert_false(azkb_key_set_contains(&set, 1ull << 32 | 8));
  /* at most half full: random keys make runs of a few dozen at most */
  g_assert_cmpuint(longest_run(&set), <, 64);
  azkb_key_set_clear(&set);
}

/* Consecutive ids (the low bits varying), the common case, still spread. */
static void
test_key_set_consecutive(void)
{
  AzkbKeySet set;

  azkb_key_set_init(&set);
  for (guint64 id = 1; id <= 4096; id++)
    g_assert_true(azkb_key_set_add(&set, id));
  for (guint64 id = 1; id <= 4096; id++)
    g_assert_true(azkb_key_set_contains(&set, id));
  g_assert_false(azkb_key_set_contains(&set, 0));
  g_assert_false(azkb_key_set_contains(&set, 4097));
  g_assert_cmpuint(longest_run(&set), <, 64);
  azkb_key_set_clear(&set);
}

/* The map hashes alike: keys differing in their high bits keep their
 * values. */
static void
test_key_map_high_bits(void)
{
  AzkbKeyMap map;

  azkb_key_map_init(&map);
  for (guint64 c = 1; c <= 4096; c++)
    g_assert_true(azkb_key_map_add(&map, c << 33 | 1ull << 32 | 5, (guint32)c));
  for (guint64 c = 1; c <= 4096; c++)
    g_assert_cmpuint(
      azkb_key_map_get(&map, c << 33 | 1ull << 32 | 5), ==, (guint32)c);
  g_assert_cmpuint(
    azkb_key_map_get(&map, 1ull << 33 | 5), ==, AZKB_KEY_MAP_NONE);
  azkb_key_map_clear(&map);
}

int
main(int argc, char *argv[])
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/util/hash/key-set/high-bits", test_key_set_high_bits);
  g_test_add_func("/util/hash/key-set/consecutive", test_key_set_consecutive);
  g_test_add_func("/util/hash/key-map/high-bits", test_key_map_high_bits);
  return g_test_run();
}
