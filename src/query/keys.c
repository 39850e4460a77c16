/* The query module's hash containers: a set of 64-bit keys and a map from
 * 64-bit keys to 32-bit values, open addressing with linear probing.  A
 * search marks (node, state) pairs by the million: one flat array of keys
 * costs less than a GHashTable's node per entry. */
#include "query-private.h"

#include <string.h>

/* ---- a set of 64-bit keys ---- */

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
  /* Fibonacci hashing spreads consecutive node ids over the table; the
   * fold lets the high half count too (src/util/hash.h, azkb_hash_u64). */
  key ^= key >> 32;
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
