/* Sorting terms by name (see name-sort.h). */
#include "src/util/name-sort.h"

#include <stdlib.h>
#include <string.h>

void
azkb_name_key_init(AzkbNameKey *key, const char *name, guint32 id, gsize pos)
{
  guchar buf[16] = { 0 };

  key->name = name != NULL ? name : "";
  key->id   = id;
  key->pos  = (guint32)pos;
  for (gsize i = 0; i < 16 && key->name[i] != '\0'; i++)
    buf[i] = (guchar)key->name[i];
  key->k0 = key->k1 = 0;
  for (gsize i = 0; i < 8; i++) {
    key->k0 = key->k0 << 8 | buf[i];
    key->k1 = key->k1 << 8 | buf[i + 8];
  }
}

/* By name as term_compare() (strcmp), then by id. */
int
azkb_name_key_compare(const void *a, const void *b)
{
  const AzkbNameKey *x = a;
  const AzkbNameKey *y = b;
  int                c = 0;

  if (x->k0 != y->k0)
    return x->k0 < y->k0 ? -1 : 1;
  if (x->k1 != y->k1)
    return x->k1 < y->k1 ? -1 : 1;
  /* Equal first 16 bytes: either both names end there, or both go on. */
  if ((x->k1 & 0xff) != 0)
    c = strcmp(x->name + 16, y->name + 16);
  if (c != 0)
    return c;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* TRUE if @keys are all one term (one term in many rows). */
static gboolean
same_ids(const AzkbNameKey *keys, gsize n)
{
  for (gsize i = 1; i < n; i++)
    if (keys[i].id != keys[0].id)
      return FALSE;
  return TRUE;
}

/* Sort @keys by name, then id: a least-significant-digit radix sort on the
 * 16 packed bytes (a byte that is the same in every key, such as a shared
 * prefix, costs one counting pass and no move), then the runs of equal
 * packed bytes by azkb_name_key_compare().  Linear in the keys, where a
 * comparison sort spent most of a large query's time. */
void
azkb_name_keys_sort(AzkbNameKey *keys, gsize n)
{
  g_autofree AzkbNameKey *tmp = NULL;
  AzkbNameKey            *src = keys;
  AzkbNameKey            *dst;

  /* A few dozen keys (a small join's column) sort fastest in place, without
   * qsort's calls through a pointer. */
  if (n <= 40) {
    for (gsize i = 1; i < n; i++) {
      AzkbNameKey key = keys[i];
      gsize       j   = i;

      for (; j > 0 && azkb_name_key_compare(&keys[j - 1], &key) > 0; j--)
        keys[j] = keys[j - 1];
      keys[j] = key;
    }
    return;
  }
  /* A few keys sort faster than 16 counting passes. */
  if (n < 256) {
    qsort(keys, n, sizeof(AzkbNameKey), azkb_name_key_compare);
    return;
  }
  tmp = g_new(AzkbNameKey, n);
  dst = tmp;

  for (guint digit = 0; digit < 16; digit++) {
    gsize    count[256] = { 0 };
    gsize    at         = 0;
    guint    shift      = 8 * (digit % 8);
    gboolean low        = digit < 8; /* k1 first: it is less significant */

    for (gsize i = 0; i < n; i++)
      count[((low ? src[i].k1 : src[i].k0) >> shift) & 0xff]++;
    if (count[((low ? src[0].k1 : src[0].k0) >> shift) & 0xff] == n)
      continue;
    for (guint b = 0; b < 256; b++) {
      gsize c  = count[b];
      count[b] = at;
      at += c;
    }
    for (gsize i = 0; i < n; i++)
      dst[count[((low ? src[i].k1 : src[i].k0) >> shift) & 0xff]++] = src[i];
    {
      AzkbNameKey *swap = src;
      src               = dst;
      dst               = swap;
    }
  }
  if (src != keys)
    memcpy(keys, src, n * sizeof(AzkbNameKey));
  for (gsize i = 0, j; i < n; i = j) {
    for (j = i + 1;
         j < n && keys[j].k0 == keys[i].k0 && keys[j].k1 == keys[i].k1;
         j++)
      ;
    if (j - i > 1 && !same_ids(keys + i, j - i))
      qsort(keys + i, j - i, sizeof(AzkbNameKey), azkb_name_key_compare);
  }
}
