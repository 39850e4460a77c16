/* azkb — fuzz the record a sync keeps of a graph: sync_record_parse().
 *
 * The record is a file in the user's state folder, which anything with
 * access to the folder could have written, so it is read as hostile.  The
 * target compiles the remote module's record.c and its helpers in (they
 * are internal to the library).  A record is about one graph: the id it
 * must name is ID below, which the seeds hold.
 * Invariants:
 *   - a failure says why, and leaves no arrays behind;
 *   - a record read has sorted, distinct keys, subject indices in range and
 *     subjects that are IRIs a query can hold between < >;
 *   - it is canonical: written again, it is the input byte for byte.
 */
#include "../src/remote/remote-private.h"
#include "fuzz.h"

#include <string.h>

#define ID "http://127.0.0.1:8890/sparql-graph-crud-auth\nurn:azkb:kb"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  SyncRecord  rec = { 0 };
  const char *why = NULL;

  fuzz_setup();
  if (!sync_record_parse(data, size, ID, &rec, &why)) {
    FUZZ_CHECK(why != NULL && *why != '\0');
    FUZZ_CHECK(rec.triples == NULL && rec.subjects == NULL);
    return 0;
  }
  FUZZ_CHECK(rec.triples != NULL && rec.subjects != NULL);
  for (guint i = 0; i < rec.subjects->len; i++)
    FUZZ_CHECK(
      remote_check_iri("subject", g_ptr_array_index(rec.subjects, i), NULL));
  for (guint i = 0; i < rec.triples->len; i++) {
    const KeyedTriple *t = &g_array_index(rec.triples, KeyedTriple, i);

    FUZZ_CHECK(t->subject < rec.subjects->len);
    FUZZ_CHECK(i == 0 || azkb_key128_compare(&(t - 1)->key, &t->key) < 0);
  }
  {
    g_autoptr(GString) again =
      sync_record_encode(ID, rec.triples, rec.subjects);

    FUZZ_CHECK(again->len == size && memcmp(again->str, data, size) == 0);
  }
  sync_record_clear(&rec);
  return 0;
}
