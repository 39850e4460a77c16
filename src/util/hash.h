/* The hash tables of libazkb: internal, not public API.
 *
 * One scheme for all of them: open addressing with linear probing over a
 * power of two of slots, so a lookup is a multiply, a mask and a short scan
 * of adjacent slots.  Two kinds, by where the keys live:
 *
 *   - AzkbIdSet holds ids whose keys live in the owner's records (the
 *     store's terms, statements and side records, an import's terms).  A
 *     slot is the id alone, 4 bytes, 0 marking it free; the owner hashes
 *     and compares through its records.  At most 70% full unless its
 *     owner says otherwise (max_fill).
 *   - AzkbKeySet and AzkbKeyMap hold 64-bit integer keys themselves (a
 *     query's (node, state) pairs, its memos), G_MAXUINT64 marking a free
 *     slot; the map gives each key a 32-bit value.  At most half full.
 *     The lookups are inline, adding is a call: inline too, the adds
 *     grew the searches they sit in, and a closure over 100k nodes took
 *     1.6% more instructions (bench/RESULTS-util.md).
 *
 * None is safe for two threads unless both only read. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ---- hash functions ---- */

/// MurmurHash3's 32-bit finalizer: linear probing needs the low bits of a
/// hash to be well mixed.
static inline guint32
azkb_hash_mix(guint32 h)
{
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

/// FNV-1a over the bytes of @s, then mixed.
static inline guint32
azkb_hash_string(const char *s)
{
  guint32 h = 0x811c9dc5u;

  for (const guchar *p = (const guchar *)s; *p != '\0'; p++)
    h = (h ^ *p) * 0x01000193u;
  return azkb_hash_mix(h);
}

/// Fibonacci hashing of an integer key: consecutive ids spread over the
/// table.  A slot is read off the product's bits 17 and up, and a bit of
/// a product depends only on the key's bits at or below it: without the
/// fold, a table under 2^15 slots would see the low 32 bits of a key
/// alone, and keys that differ above them ((class, class) pairs) would
/// all share one home slot.  The fold costs a shift and an xor.
static inline gsize
azkb_hash_u64(guint64 key)
{
  key ^= key >> 32;
  return (gsize)((key * G_GUINT64_CONSTANT(0x9E3779B97F4A7C15)) >> 17);
}

/* ---- a set of ids keyed by the owner's records ---- */

typedef struct {
  guint32 *slots; ///< an id, or 0: free; NULL until the first id
  guint32  mask;  ///< capacity - 1; capacity is a power of two, or 0
  guint32  n;
  /// The percentage of slots filled before the set grows; 0: 70.  A set
  /// that is mostly asked for keys it lacks wants fewer: such a lookup
  /// runs to a free slot, about 6 slots at 70% but 2.5 at 50%.
  guint32 max_fill;
} AzkbIdSet;

static inline guint32
azkb_id_set_fill(const AzkbIdSet *set)
{
  return set->max_fill != 0 ? set->max_fill : 70;
}

/* @ctx is whatever owns the records the ids point into. */
typedef guint32 (*AzkbIdHashFunc)(gconstpointer ctx, guint32 id);
typedef gboolean (*AzkbIdMatchFunc)(gconstpointer ctx,
                                    guint32       id,
                                    gconstpointer key);

void azkb_id_set_clear(AzkbIdSet *set);
void azkb_id_set_grow(AzkbIdSet *set, AzkbIdHashFunc rehash, gconstpointer ctx);

/* Inline, as are the callers' @match and @rehash through them: the loads
 * intern every term and statement here, and a call through a pointer per
 * probe cost them 1-2% of their instructions. */

/// The id whose record @match es @key (hashed to @hash), or 0.
static inline guint32
azkb_id_set_find(const AzkbIdSet *set,
                 guint32          hash,
                 AzkbIdMatchFunc  match,
                 gconstpointer    ctx,
                 gconstpointer    key)
{
  if (set->slots == NULL)
    return 0;
  for (guint32 i = hash & set->mask;; i = (i + 1) & set->mask) {
    guint32 id = set->slots[i];

    if (id == 0)
      return 0;
    if (match(ctx, id, key))
      return id;
  }
}

/// Add @id (not 0, not in @set) under @hash; @rehash gives the hash of
/// the ids already in when the set grows.
static inline void
azkb_id_set_add(AzkbIdSet     *set,
                guint32        hash,
                guint32        id,
                AzkbIdHashFunc rehash,
                gconstpointer  ctx)
{
  guint32 i;

  g_assert(id != 0);
  if (set->slots == NULL || (guint64)(set->n + 1) * 100 >
                              (guint64)(set->mask + 1) * azkb_id_set_fill(set))
    azkb_id_set_grow(set, rehash, ctx);
  for (i = hash & set->mask; set->slots[i] != 0; i = (i + 1) & set->mask)
    ;
  set->slots[i] = id;
  set->n++;
}
/// Grow @set until @n ids fit in it (no growth while adding them).
void azkb_id_set_make_room(AzkbIdSet     *set,
                           guint32        n,
                           AzkbIdHashFunc rehash,
                           gconstpointer  ctx);
/// Size an empty @set for @n ids, for a set rebuilt at once.
void  azkb_id_set_reserve(AzkbIdSet *set, guint32 n);
gsize azkb_id_set_memory(const AzkbIdSet *set);

/* ---- a set of 64-bit keys ---- */

#define AZKB_KEY_FREE G_MAXUINT64

typedef struct {
  guint64 *slots; ///< a key, or AZKB_KEY_FREE
  gsize    mask;  ///< capacity - 1
  gsize    len;
} AzkbKeySet;

/// A set is used between _init and _clear only: _clear frees its slots,
/// and a set cleared (or never initialised) must be initialised again
/// before any other call (lookups read the slots without a check, as the
/// hot loops need).
void azkb_key_set_init(AzkbKeySet *set);
void azkb_key_set_clear(AzkbKeySet *set);
/// Forget every key, keeping the slots.
void azkb_key_set_reset(AzkbKeySet *set);

/// Add @key (never AZKB_KEY_FREE); TRUE if it was new.
gboolean azkb_key_set_add(AzkbKeySet *set, guint64 key);

static inline gboolean
azkb_key_set_contains(const AzkbKeySet *set, guint64 key)
{
  for (gsize i = azkb_hash_u64(key) & set->mask; set->slots[i] != AZKB_KEY_FREE;
       i       = (i + 1) & set->mask)
    if (set->slots[i] == key)
      return TRUE;
  return FALSE;
}

/* ---- a map from 64-bit keys to 32-bit values ---- */

typedef struct {
  guint64 *keys; ///< a key, or AZKB_KEY_FREE
  guint32 *values;
  gsize    mask; ///< capacity - 1
  gsize    len;
} AzkbKeyMap;

/// What azkb_key_map_get() gives for a key the map does not hold.
#define AZKB_KEY_MAP_NONE G_MAXUINT32

/// Between _init and _clear only, as a key set.
void azkb_key_map_init(AzkbKeyMap *map);
void azkb_key_map_clear(AzkbKeyMap *map);
/// Forget every key, keeping the slots.
void azkb_key_map_reset(AzkbKeyMap *map);

/// The value of @key, or AZKB_KEY_MAP_NONE.
static inline guint32
azkb_key_map_get(const AzkbKeyMap *map, guint64 key)
{
  for (gsize i = azkb_hash_u64(key) & map->mask; map->keys[i] != AZKB_KEY_FREE;
       i       = (i + 1) & map->mask)
    if (map->keys[i] == key)
      return map->values[i];
  return AZKB_KEY_MAP_NONE;
}

/// Give @key (never AZKB_KEY_FREE) @value unless it has one; TRUE if it
/// was new.
gboolean azkb_key_map_add(AzkbKeyMap *map, guint64 key, guint32 value);

G_END_DECLS
