/* The record a sync keeps of what it left in a graph.
 *
 * Reading a whole graph back costs a sync most of its time (Virtuoso
 * writes a large answer slowly: 23 of 29 s for 396k triples), though a
 * change touches few subjects.  So after a sync azkb writes down, in a
 * file of its own state folder, the keys of the triples the graph then
 * held and each key's subject; the next sync compares the store with that
 * record instead of the graph, and reads back from the server only the
 * subjects whose triples differ.  The record is trusted only while the
 * server's count equals the record's; it is removed before the graph is
 * changed and written again after the final count check, so an
 * interrupted sync or a push leaves no record that could mislead.
 *
 * The file: "AZKBSYNC", a version, the endpoint and graph it is about (the
 * file name is only their hash), the number of subjects and of triples,
 * the subjects (length, bytes), then the triples sorted by key (key,
 * subject index); integers little-endian.  A file that does not read
 * exactly so is ignored, never trusted in part.
 *
 * The version changes whenever the keys do (ntriples.c): a record of
 * another version holds keys of another hash, which would match nothing
 * the export has now; it is ignored like a missing one (the sync reads
 * the whole graph once and writes a record of this version), and the
 * sync says so.  Version 2: numbers keyed by their value, and a hash
 * that reads words. */
#include "../util/atomic.h"
#include "remote-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#define MAGIC "AZKBSYNC"
#define VERSION 2u

/* What a record is about: the graph store and the graph. */
static char *
record_id(const AzkbRemote *remote, const char *graph)
{
  return g_strconcat(remote->graph_store, "\n", graph, NULL);
}

/* The record's file (its name the hash of its id), or NULL when @remote
 * keeps no records. */
static char *
record_path(const AzkbRemote *remote, const char *graph)
{
  g_autofree char *id   = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  if (remote->state_dir == NULL)
    return NULL;
  id   = record_id(remote, graph);
  hash = g_compute_checksum_for_string(G_CHECKSUM_SHA256, id, -1);
  name = g_strconcat(hash, ".sync", NULL);
  return g_build_filename(remote->state_dir, name, NULL);
}

gboolean
sync_record_forget(const AzkbRemote *remote, const char *graph, GError **error)
{
  g_autofree char *path = record_path(remote, graph);
  int              e;

  if (path == NULL || g_unlink(path) == 0 || errno == ENOENT)
    return TRUE;
  /* A record left in place would describe the graph before this change:
   * the change must not go ahead. */
  e = errno;
  g_set_error(error,
              AZKB_REMOTE_ERROR,
              AZKB_REMOTE_ERROR_INVALID,
              "cannot remove the record of the last sync, %s: %s; nothing "
              "was changed",
              path,
              g_strerror(e));
  return FALSE;
}

void
sync_record_clear(SyncRecord *rec)
{
  g_clear_pointer(&rec->triples, g_array_unref);
  g_clear_pointer(&rec->subjects, g_ptr_array_unref);
  g_clear_pointer(&rec->data, g_free);
}

/* ---- building ---- */

GHashTable *
sync_record_subject_index_new(void)
{
  return g_hash_table_new(g_str_hash, g_str_equal);
}

guint32
sync_record_subject(GPtrArray *subjects, GHashTable *index, const char *iri)
{
  gpointer at;
  char    *copy;

  /* An export writes a subject's triples one after the other: the subject
   * last added is most often the one asked for, and a compare is cheaper
   * than hashing the IRI. */
  if (subjects->len > 0 &&
      strcmp(g_ptr_array_index(subjects, subjects->len - 1), iri) == 0)
    return subjects->len - 1;
  if ((at = g_hash_table_lookup(index, iri)) != NULL)
    return GPOINTER_TO_UINT(at) - 1;
  copy = g_strdup(iri);
  g_ptr_array_add(subjects, copy);
  g_hash_table_insert(index, copy, GUINT_TO_POINTER(subjects->len));
  return subjects->len - 1;
}

void
sync_record_sort(GArray *triples)
{
  g_array_set_size(triples,
                   (guint)azkb_key128_sort_unique(
                     triples->data, triples->len, sizeof(KeyedTriple)));
}

/* ---- reading ---- */

typedef struct {
  const guchar *p, *end;
} Reader;

static gboolean
take(Reader *r, void *out, gsize n)
{
  if ((gsize)(r->end - r->p) < n)
    return FALSE;
  memcpy(out, r->p, n);
  r->p += n;
  return TRUE;
}

static gboolean
take_u32(Reader *r, guint32 *out)
{
  guint32 v;

  if (!take(r, &v, sizeof v))
    return FALSE;
  *out = GUINT32_FROM_LE(v);
  return TRUE;
}

static gboolean
take_u64(Reader *r, guint64 *out)
{
  guint64 v;

  if (!take(r, &v, sizeof v))
    return FALSE;
  *out = GUINT64_FROM_LE(v);
  return TRUE;
}

/* A string of the file, pointing into it; NUL-terminated in place (the
 * byte after it is the next field's, copied out before). */
static const char *
take_string(Reader *r, GString *scratch)
{
  guint32 len;

  if (!take_u32(r, &len) || (gsize)(r->end - r->p) < len)
    return NULL;
  g_string_truncate(scratch, 0);
  g_string_append_len(scratch, (const char *)r->p, len);
  r->p += len;
  return scratch->str;
}

static gboolean
parse_record(Reader *r, const char *id, SyncRecord *rec, const char **why)
{
  char    magic[8];
  guint32 version, n_subjects;
  guint64 n_triples;
  g_autoptr(GString) s = g_string_new(NULL);

  *why = "not a sync record";
  if (!take(r, magic, sizeof magic) || memcmp(magic, MAGIC, 8) != 0 ||
      !take_u32(r, &version))
    return FALSE;
  *why = SYNC_RECORD_OTHER_VERSION;
  if (version != VERSION)
    return FALSE;
  *why = "about another graph";
  if (take_string(r, s) == NULL || s->len != strlen(id) ||
      strcmp(s->str, id) != 0)
    return FALSE;
  *why = "cut short";
  /* every subject takes 4 bytes at least, every triple 20: counts the
   * file cannot hold are refused before anything is allocated for them */
  if (!take_u32(r, &n_subjects) || !take_u64(r, &n_triples) ||
      n_subjects > (gsize)(r->end - r->p) / 4 ||
      n_triples > (guint64)(r->end - r->p) / 20)
    return FALSE;
  rec->subjects = g_ptr_array_new_full(n_subjects, g_free);
  for (guint32 i = 0; i < n_subjects; i++) {
    if (take_string(r, s) == NULL)
      return FALSE;
    /* subjects go into a query between < >: a record is a file anyone
     * with access to the folder could have written */
    *why = "holds a subject that is no IRI";
    /* (a NUL byte would cut it short in C: another subject than written) */
    if (strlen(s->str) != s->len || !remote_check_iri("subject", s->str, NULL))
      return FALSE;
    *why = "cut short";
    g_ptr_array_add(rec->subjects, g_strdup(s->str));
  }
  rec->triples = g_array_sized_new(
    FALSE, FALSE, sizeof(KeyedTriple), (guint)MIN(n_triples, G_MAXUINT));
  for (guint64 i = 0; i < n_triples; i++) {
    KeyedTriple t;

    if (!take_u64(r, &t.key.hi) || !take_u64(r, &t.key.lo) ||
        !take_u32(r, &t.subject))
      return FALSE;
    *why = "names a subject it does not list";
    if (t.subject >= n_subjects)
      return FALSE;
    *why = "not sorted";
    if (i > 0 &&
        azkb_key128_compare(
          &g_array_index(rec->triples, KeyedTriple, rec->triples->len - 1).key,
          &t.key) >= 0)
      return FALSE;
    *why = "cut short";
    g_array_append_val(rec->triples, t);
  }
  *why = "longer than it says";
  return r->p == r->end;
}

gboolean
sync_record_parse(const void  *data,
                  gsize        len,
                  const char  *id,
                  SyncRecord  *rec,
                  const char **why)
{
  Reader r = { data, (const guchar *)data + len };

  if (parse_record(&r, id, rec, why))
    return TRUE;
  g_clear_pointer(&rec->triples, g_array_unref);
  g_clear_pointer(&rec->subjects, g_ptr_array_unref);
  return FALSE;
}

gboolean
sync_record_load(const AzkbRemote *remote,
                 const char       *graph,
                 SyncRecord       *rec,
                 gboolean         *out_other_version)
{
  g_autofree char *path   = record_path(remote, graph);
  g_autofree char *id     = record_id(remote, graph);
  g_autoptr(GError) error = NULL;
  gsize       len         = 0;
  const char *why         = NULL;

  memset(rec, 0, sizeof *rec);
  *out_other_version = FALSE;
  if (path == NULL)
    return FALSE;
  if (!g_file_get_contents(path, &rec->data, &len, &error)) {
    g_debug("no sync record: %s", error->message);
    return FALSE;
  }
  if (sync_record_parse(rec->data, len, id, rec, &why)) {
    g_clear_pointer(&rec->data, g_free);
    return TRUE;
  }
  g_debug("sync record %s ignored: %s", path, why);
  *out_other_version =
    why != NULL && strcmp(why, SYNC_RECORD_OTHER_VERSION) == 0;
  sync_record_clear(rec);
  return FALSE;
}

/* ---- writing ---- */

static void
put_u32(GString *out, guint32 v)
{
  v = GUINT32_TO_LE(v);
  g_string_append_len(out, (const char *)&v, sizeof v);
}

static void
put_u64(GString *out, guint64 v)
{
  v = GUINT64_TO_LE(v);
  g_string_append_len(out, (const char *)&v, sizeof v);
}

static void
put_string(GString *out, const char *s)
{
  gsize len = strlen(s);

  put_u32(out, (guint32)len);
  g_string_append_len(out, s, (gssize)len);
}

GString *
sync_record_encode(const char      *id,
                   const GArray    *triples,
                   const GPtrArray *subjects)
{
  GString *out = g_string_new(MAGIC);

  put_u32(out, VERSION);
  put_string(out, id);
  put_u32(out, subjects->len);
  put_u64(out, triples->len);
  for (guint i = 0; i < subjects->len; i++)
    put_string(out, g_ptr_array_index(subjects, i));
  for (guint i = 0; i < triples->len; i++) {
    const KeyedTriple *t = &g_array_index(triples, KeyedTriple, i);

    put_u64(out, t->key.hi);
    put_u64(out, t->key.lo);
    put_u32(out, t->subject);
  }
  return out;
}

static gboolean
save(const char      *path,
     const char      *id,
     const GArray    *triples,
     const GPtrArray *subjects,
     GError         **error)
{
  g_autoptr(GString) out = sync_record_encode(id, triples, subjects);
  g_autofree char *dir   = g_path_get_dirname(path);

  if (g_mkdir_with_parents(dir, 0700) != 0) {
    int e = errno;

    g_set_error(error,
                G_FILE_ERROR,
                g_file_error_from_errno(e),
                "%s: %s",
                dir,
                g_strerror(e));
    return FALSE;
  }
  return azkb_atomic_write(
    path, out->str, out->len, G_FILE_ERROR, G_FILE_ERROR_FAILED, error);
}

gboolean
sync_record_keep(const AzkbRemote *remote,
                 const char       *graph,
                 const GArray     *triples,
                 const GPtrArray  *subjects)
{
  g_autofree char *path   = record_path(remote, graph);
  g_autofree char *id     = record_id(remote, graph);
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return FALSE;
  /* The graph is right whether or not its record is written: a record that
   * cannot be written costs the next sync a whole read, no more. */
  if (save(path, id, triples, subjects, &error))
    return TRUE;
  g_debug("sync record not written: %s", error->message);
  return FALSE;
}
