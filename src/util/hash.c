/* The hash tables of libazkb (hash.h): what is not inline. */
#include "hash.h"

#include <string.h>

/* ---- a set of ids keyed by the owner's records ---- */

void
azkb_id_set_clear(AzkbIdSet *set)
{
  g_clear_pointer(&set->slots, g_free);
  set->mask = 0;
  set->n    = 0;
}

static void
id_set_put(AzkbIdSet *set, guint32 hash, guint32 id)
{
  guint32 i = hash & set->mask;

  while (set->slots[i] != 0)
    i = (i + 1) & set->mask;
  set->slots[i] = id;
}

static gboolean
id_set_fits(const AzkbIdSet *set, guint32 n)
{
  return set->slots != NULL &&
         (guint64)n * 100 <= (guint64)(set->mask + 1) * azkb_id_set_fill(set);
}

void
azkb_id_set_grow(AzkbIdSet *set, AzkbIdHashFunc rehash, gconstpointer ctx)
{
  guint32  old_cap   = set->slots ? set->mask + 1 : 0;
  guint32  new_cap   = old_cap ? old_cap * 2 : 64;
  guint32 *old_slots = set->slots;

  g_assert(new_cap > old_cap);
  set->slots = g_new0(guint32, new_cap);
  set->mask  = new_cap - 1;
  for (guint32 i = 0; i < old_cap; i++)
    if (old_slots[i] != 0)
      id_set_put(set, rehash(ctx, old_slots[i]), old_slots[i]);
  g_free(old_slots);
}

void
azkb_id_set_make_room(AzkbIdSet     *set,
                      guint32        n,
                      AzkbIdHashFunc rehash,
                      gconstpointer  ctx)
{
  while (!id_set_fits(set, n))
    azkb_id_set_grow(set, rehash, ctx);
}

void
azkb_id_set_reserve(AzkbIdSet *set, guint32 n)
{
  guint64 cap = 64;

  g_assert(set->n == 0);
  while (cap * azkb_id_set_fill(set) < ((guint64)n + 1) * 100)
    cap *= 2;
  g_assert(cap <= G_MAXUINT32);
  g_free(set->slots);
  set->slots = g_new0(guint32, cap);
  set->mask  = (guint32)cap - 1;
}

gsize
azkb_id_set_memory(const AzkbIdSet *set)
{
  return set->slots ? (gsize)(set->mask + 1) * sizeof(guint32) : 0;
}

/* ---- a set of 64-bit keys ---- */

static guint64 *
free_keys(gsize size)
{
  guint64 *keys = g_new(guint64, size);

  /* every byte 0xff: AZKB_KEY_FREE in each slot */
  memset(keys, 0xff, size * sizeof(guint64));
  return keys;
}

void
azkb_key_set_init(AzkbKeySet *set)
{
  set->mask  = 63;
  set->len   = 0;
  set->slots = free_keys(set->mask + 1);
}

void
azkb_key_set_clear(AzkbKeySet *set)
{
  g_clear_pointer(&set->slots, g_free);
  set->len = set->mask = 0;
}

void
azkb_key_set_reset(AzkbKeySet *set)
{
  if (set->len == 0)
    return;
  memset(set->slots, 0xff, (set->mask + 1) * sizeof(guint64));
  set->len = 0;
}

static void
key_set_grow(AzkbKeySet *set)
{
  guint64 *old  = set->slots;
  gsize    size = set->mask + 1;

  set->mask  = size * 2 - 1;
  set->slots = free_keys(size * 2);
  set->len   = 0;
  for (gsize i = 0; i < size; i++)
    if (old[i] != AZKB_KEY_FREE)
      azkb_key_set_add(set, old[i]);
  g_free(old);
}

gboolean
azkb_key_set_add(AzkbKeySet *set, guint64 key)
{
  gsize i;

  if ((set->len + 1) * 2 > set->mask + 1)
    key_set_grow(set);
  for (i = azkb_hash_u64(key) & set->mask; set->slots[i] != AZKB_KEY_FREE;
       i = (i + 1) & set->mask)
    if (set->slots[i] == key)
      return FALSE;
  set->slots[i] = key;
  set->len++;
  return TRUE;
}

/* ---- a map from 64-bit keys to 32-bit values ---- */

static void
key_map_alloc(AzkbKeyMap *map, gsize size)
{
  map->mask   = size - 1;
  map->len    = 0;
  map->keys   = free_keys(size);
  map->values = g_new(guint32, size);
}

void
azkb_key_map_init(AzkbKeyMap *map)
{
  key_map_alloc(map, 64);
}

void
azkb_key_map_clear(AzkbKeyMap *map)
{
  g_clear_pointer(&map->keys, g_free);
  g_clear_pointer(&map->values, g_free);
  map->mask = map->len = 0;
}

void
azkb_key_map_reset(AzkbKeyMap *map)
{
  if (map->len == 0)
    return;
  memset(map->keys, 0xff, (map->mask + 1) * sizeof(guint64));
  map->len = 0;
}

static void
key_map_grow(AzkbKeyMap *map)
{
  AzkbKeyMap old = *map;

  key_map_alloc(map, (old.mask + 1) * 2);
  for (gsize i = 0; i <= old.mask; i++)
    if (old.keys[i] != AZKB_KEY_FREE)
      azkb_key_map_add(map, old.keys[i], old.values[i]);
  azkb_key_map_clear(&old);
}

gboolean
azkb_key_map_add(AzkbKeyMap *map, guint64 key, guint32 value)
{
  gsize i;

  if ((map->len + 1) * 2 > map->mask + 1)
    key_map_grow(map);
  for (i = azkb_hash_u64(key) & map->mask; map->keys[i] != AZKB_KEY_FREE;
       i = (i + 1) & map->mask)
    if (map->keys[i] == key)
      return FALSE;
  map->keys[i]   = key;
  map->values[i] = value;
  map->len++;
  return TRUE;
}
