/* azkb — fuzz the snapshot loader: azkb_snapshot_load_data().
 *
 * A mutated byte almost never keeps the checksum right, so the fuzzer would
 * only ever test the checksum.  By this target's convention (not the
 * format's), a checksum field of zero is filled in before loading, and so is
 * a file size field of zero; seeds keep them zero to reach the checks behind.
 * Invariants:
 *   - a failure sets one AZKB_STORE_ERROR_SNAPSHOT_CORRUPT whose one-line
 *     message starts with the snapshot's name;
 *   - a loaded store is consistent (see fuzz_store_fingerprint()), finds
 *     each of its entities by name, merges into an empty store unchanged,
 *     and saves to a snapshot that loads back equal.
 */
#include "fuzz.h"

#include <azkb/snapshot.h>
#include <stdio.h>
#include <string.h>

enum { CHECKSUM_AT = 8, SIZE_AT = 24, HEADER = 32, MAX_FOUND = 16 };

static gboolean
is_zero(const guint8 *p, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (p[i] != 0)
      return FALSE;
  return TRUE;
}

static void
put_le64(guint8 *p, guint64 v)
{
  for (int i = 0; i < 8; i++)
    p[i] = (guint8)(v >> (8 * i));
}

static void
fill_in_header(guint8 *data, gsize size)
{
  if (size < HEADER)
    return;
  if (is_zero(data + SIZE_AT, 8))
    put_le64(data + SIZE_AT, size);
  if (is_zero(data + CHECKSUM_AT, 8))
    put_le64(data + CHECKSUM_AT, azkb_snapshot_checksum(data + 16, size - 16));
}

static void
check_find(AzkbStore *store)
{
  g_autoptr(GArray) entities = azkb_store_entities(store);

  for (guint i = 0; i < MIN(entities->len, MAX_FOUND); i++) {
    AzkbTermId  entity      = g_array_index(entities, AzkbTermId, i);
    const char *name        = azkb_store_term_name(store, entity);
    g_autoptr(GArray) found = NULL;
    gboolean    seen        = FALSE;
    AzkbLiteral literal;

    /* The store never makes a literal an entity; a loaded one must not be
     * either. */
    FUZZ_CHECK(!azkb_store_get_literal(store, entity, &literal));
    found = azkb_store_find(store, name);

    for (guint j = 0; j < found->len; j++)
      seen = seen || g_array_index(found, AzkbTermId, j) == entity;
    if (!seen)
      fprintf(stderr, "entity \"%s\" is not found by its name\n", name);
    FUZZ_CHECK(seen);
  }
}

static void
check_loaded(AzkbStore *store)
{
  g_autoptr(GError) error    = NULL;
  g_autoptr(AzkbStore) copy  = azkb_store_new();
  g_autoptr(AzkbStore) again = NULL;
  g_autofree char *print     = fuzz_store_fingerprint(store, TRUE);
  g_autofree char *merged    = NULL;
  g_autofree char *reloaded  = NULL;
  g_autofree char *path = g_build_filename(fuzz_tmp_dir(), "fuzz.azs", NULL);

  check_find(store);

  azkb_store_merge(copy, store);
  merged = fuzz_store_fingerprint(copy, TRUE);
  fuzz_check_same("a merge into an empty store copies it", print, merged);

  FUZZ_CHECK(azkb_snapshot_save(store, path, &error));
  again = azkb_snapshot_load(path, &error);
  FUZZ_CHECK(again != NULL);
  reloaded = fuzz_store_fingerprint(again, TRUE);
  fuzz_check_same("a saved snapshot loads back equal", print, reloaded);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static const char name[]   = "fuzz.azs";
  g_autoptr(GError) error    = NULL;
  g_autoptr(AzkbStore) store = NULL;
  g_autofree guint8 *copy    = g_memdup2(data, size);

  fuzz_setup();
  fill_in_header(copy, size);

  store = azkb_snapshot_load_data(
    copy != NULL ? copy : (const guint8 *)"", size, name, &error);
  if (store == NULL) {
    fuzz_check_failure(FALSE, error, AZKB_STORE_ERROR);
    FUZZ_CHECK(error->code == AZKB_STORE_ERROR_SNAPSHOT_CORRUPT);
    FUZZ_CHECK(g_str_has_prefix(error->message, "fuzz.azs: "));
    return 0;
  }
  FUZZ_CHECK(error == NULL);
  check_loaded(store);
  return 0;
}
