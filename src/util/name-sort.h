/* Sorting terms by name without comparing most of the names: internal to
 * libazkb, not public API.  The store ranks every term once with it
 * (azkb_store_name_ranks()); a query sorts the terms of a small answer
 * with it directly. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A term with the first 16 bytes of its name packed big-endian (zero
 * padded): ordering these as integers orders the names as strcmp() does,
 * up to ties between names that share their first 16 bytes. */
typedef struct {
  guint64     k0, k1;
  const char *name;
  guint32     id;
  guint32     pos; ///< the caller's: where the term came from
} AzkbNameKey;

/// Fill @key for the term @id named @name (NULL sorts as "").
void azkb_name_key_init(AzkbNameKey *key,
                        const char  *name,
                        guint32      id,
                        gsize        pos);

/// Order of two keys: by name as strcmp(), then by id.
int azkb_name_key_compare(const void *a, const void *b);

/**
 * Sort @keys by name, then id.  Linear in the keys but for runs of names
 * that share their first 16 bytes, which are compared whole.
 */
void azkb_name_keys_sort(AzkbNameKey *keys, gsize n);

G_END_DECLS
