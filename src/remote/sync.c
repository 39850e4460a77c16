/* azkb_remote_sync(): send only what differs.
 *
 * Both sides are reduced to 128-bit keys of their triples (ntriples.c),
 * so the comparison holds 16 bytes per triple, not the triples:
 *   1. the local export, keyed and sorted: the exporter hands each triple
 *      over as its terms (azkb_rdf_export_select()) and writes nothing;
 *      the key is the one its N-Triples line would give read back
 *      (tests/test-remote-keys.c), without raptor writing the line byte
 *      by byte and a parser reading it again (a third of a sync with no
 *      change, when it went so);
 *   2. the server's graph, streamed by one Graph Store GET as N-Triples,
 *      keyed and sorted; a server triple without a local key is kept, as
 *      text, to delete;
 *   3. the local export again, written only for the triples whose keys
 *      the server lacks: those lines are inserted.
 * Which triples those are is found between 2 and 3, by one merge of the
 * two sorted arrays of keys: each local key carries the ordinal of its
 * triple in the export, and the triples to insert are marked in a bitmap
 * by ordinal (two exports of one store hand over the same triples in the
 * same order; pass 3 checks it sees as many).  Pass 3 is skipped when
 * there is nothing to insert, and when nothing at all is to change the
 * graph and its record are left as they are.  (A key looked up per line
 * of pass 3 in the server's keys, as before, waited on memory for 17% of
 * a sync with no change.)
 * The graph is not changed until it has been read whole.  Deletions go
 * first, as DELETE DATA, then insertions, as Graph Store POSTs, each of at
 * most @batch triples.
 *
 * The final count check proves the result: every local triple is inserted
 * unless seen on the server, so the graph holds at least the local
 * triples, and an equal count means it holds exactly them (a number as
 * its value: on a server that keeps the text, "007" stands for "7").
 *
 * With a record of the last sync (record.c) whose count the server still
 * has, step 2 reads back only the subjects whose triples differ between
 * the record and the export; the record stands for the rest of the
 * graph. */
#include "remote-private.h"

#include <string.h>

#define DEFAULT_BATCH 2000u

typedef struct {
  GArray     *keys;          ///< KeyedTriple of the export
  GPtrArray  *subjects;      ///< char *: the export's subjects, by index
  GHashTable *subject_index; ///< subject → index + 1
  NtTerm      t[3];
  NtLines     lines;   ///< the stream being split into lines
  guint32     n_lines; ///< pass 1: the export's triples (one line each)
  guint64    *insert;  ///< bitmap by triple ordinal: the ones to insert
  guint32     line;    ///< pass 3: the ordinal of the next triple
  guint64     written; ///< pass 3: lines written
  /// the record of the last sync matched the export key for key: when
  /// nothing changes, it stays as it is
  gboolean record_current;
  /* pass 2 */
  guint32   *bucket;      ///< index_keys(): where each run of keys starts
  guint      bucket_bits; ///< the top bits of a key that pick its run
  GArray    *remote_keys; ///< TripleKey of the server's triples
  GPtrArray *deletes;     ///< char *: server triples the store lacks
  /* pass 3 */
  GString               *batch; ///< INSERT DATA body being filled
  guint                  in_batch;
  guint                  batch_max;
  AzkbRemote            *r;
  const char            *graph;
  AzkbRemotePushStats   *stats;
  AzkbRemoteProgressFunc progress;
  gpointer               progress_data;
  guint64                todo; ///< triples to send in all, for progress
} Sync;

/* The run of the export's keys @k belongs to: its top bits. */
static inline gsize
key_bucket(const Sync *s, const TripleKey *k)
{
  return s->bucket_bits == 0 ? 0 : (gsize)(k->hi >> (64 - s->bucket_bits));
}

/* Pass 2 looks each triple the server sends up in the export's keys, to
 * find what to delete: millions of lookups over a whole graph, where a
 * binary search over all the keys (128 MB at 4M triples) waits on memory
 * at most of its 22 steps.  The keys are hashes, spread evenly: a table
 * of where each run of keys with the same top bits starts, one run for
 * about 4 keys, narrows a lookup to a cache line or two.  (A merge, as
 * mark_inserts() does, would need the server's triples sorted first, and
 * the text of every one kept until then for the few to delete.) */
static void
index_keys(Sync *s)
{
  const KeyedTriple *k = (const KeyedTriple *)(gpointer)s->keys->data;
  guint              n = s->keys->len, bits = 0, at = 0;
  gsize              runs;

  while (bits < 24 && (4u << bits) < n)
    bits++;
  s->bucket_bits = bits;
  runs           = (gsize)1 << bits;
  s->bucket      = g_new(guint32, runs + 1);
  for (gsize b = 0; b <= runs; b++) {
    while (at < n && key_bucket(s, &k[at].key) < b)
      at++;
    s->bucket[b] = at;
  }
}

/* Whether the export's keys hold @k (a KeyedTriple starts with its key). */
static gboolean
has_local_key(const Sync *s, const TripleKey *k)
{
  const KeyedTriple *keys = (const KeyedTriple *)(gpointer)s->keys->data;
  gsize              b    = key_bucket(s, k);

  return azkb_key128_find(keys + s->bucket[b],
                          s->bucket[b + 1] - s->bucket[b],
                          sizeof(KeyedTriple),
                          k) != NULL;
}

static gboolean
discard_reply(const char *data, gsize len, gpointer user_data, GError **error)
{
  (void)data, (void)len, (void)user_data, (void)error;
  return TRUE;
}

/* Insertions go as a Graph Store POST of N-Triples: a server parses that
 * far faster than SPARQL (Virtuoso's SPARQL compiler runs out of memory on
 * an INSERT DATA of a few thousand triples). */
static gboolean
post_batch(Sync *s, GError **error)
{
  g_autofree char *url = remote_graph_url(s->r->graph_store, s->graph);
  HttpRequest      req = { .method       = "POST",
                           .url          = url,
                           .content_type = "application/n-triples",
                           .body         = s->batch->str,
                           .body_len     = s->batch->len,
                           .stream       = discard_reply };

  return remote_http(s->r, &req, NULL, error);
}

/* Send the batch being filled: DELETE DATA { GRAPH <g> { ... } }, or the
 * insertions. */
static gboolean
flush_batch(Sync *s, const char *verb, GError **error)
{
  gboolean         insert = strcmp(verb, "INSERT") == 0;
  g_autofree char *update = NULL;

  if (s->in_batch == 0)
    return TRUE;
  /* insertions go as a Graph Store POST of the batch itself */
  if (!insert)
    update = g_strdup_printf(
      "%s DATA { GRAPH <%s> {\n%s} }", verb, s->graph, s->batch->str);
  for (guint attempt = 0;; attempt++) {
    g_autoptr(GError) local = NULL;

    if (insert ? post_batch(s, &local)
               : azkb_remote_update(s->r, update, &local))
      break;
    if (attempt >= s->r->retries || !remote_error_is_transient(s->r, local)) {
      g_propagate_error(error, g_steal_pointer(&local));
      return FALSE;
    }
    s->stats->retries++;
    remote_sleep(s->r, remote_backoff(attempt));
  }
  s->stats->requests++;
  s->stats->sent += s->in_batch;
  if (s->progress != NULL)
    s->progress(s->stats->sent, s->todo, s->progress_data);
  g_string_truncate(s->batch, 0);
  s->in_batch = 0;
  return TRUE;
}

/* Pass 1: one triple's key, its subject and its ordinal, from its terms
 * as the exporter hands them over: nothing written, nothing read back. */
static gboolean
key_triple(const AzkbRdfTerm t[3],
           gboolean         *out_write,
           gpointer          data,
           GError          **error)
{
  Sync       *s = data;
  KeyedTriple kt;

  *out_write = FALSE;
  for (int i = 0; i < 3; i++)
    if (t[i].kind == AZKB_RDF_TERM_BLANK) {
      g_set_error(error,
                  AZKB_REMOTE_ERROR,
                  AZKB_REMOTE_ERROR_UNSUPPORTED,
                  "the data holds blank nodes, which cannot be compared "
                  "with the server's (their labels differ); push the graph "
                  "whole instead of syncing it");
      return FALSE;
    }
  if (s->keys->len % 65536 == 0 && remote_interrupted(s->r, error))
    return FALSE;
  kt.key     = nt_key_terms(t);
  kt.subject = sync_record_subject(s->subjects, s->subject_index, t[0].value);
  kt.line    = s->keys->len;
  g_array_append_val(s->keys, kt);
  return TRUE;
}

static gboolean
export_changed(GError **error)
{
  g_set_error(error,
              AZKB_REMOTE_ERROR,
              AZKB_REMOTE_ERROR_PROTOCOL,
              "the store's export changed between two passes of the sync");
  return FALSE;
}

/* Pass 3: the triples marked are written. */
static gboolean
pick_insert(const AzkbRdfTerm t[3],
            gboolean         *out_write,
            gpointer          data,
            GError          **error)
{
  Sync   *s = data;
  guint32 at;

  (void)t;
  if ((at = s->line++) >= s->n_lines)
    return export_changed(error);
  *out_write = (s->insert[at / 64] >> (at % 64) & 1) != 0;
  return TRUE;
}

/* Pass 3: a line written, one of those marked. */
static gboolean
on_insert_line(gpointer data, const char *line, gsize len, GError **error)
{
  Sync *s = data;

  if (len == 0)
    return TRUE;
  s->written++;
  g_string_append_len(s->batch, line, (gssize)len);
  g_string_append_c(s->batch, '\n');
  s->stats->inserted++;
  if (++s->in_batch >= s->batch_max)
    return flush_batch(s, "INSERT", error);
  return TRUE;
}

typedef gboolean (*LineFunc)(gpointer    s,
                             const char *line,
                             gsize       len,
                             GError    **error);

/* Start a stream whose whole lines go to @func (nt_lines_feed()): nothing
 * left over, and the longest line it may hold (a bound for the server's
 * lines, none for azkb's own export). */
static void
start_lines(Sync *s, gsize max_line, LineFunc func)
{
  g_string_truncate(s->lines.partial, 0);
  s->lines.max_line = max_line;
  s->lines.func     = func;
}

static gboolean
on_export(const void *data, gsize len, gpointer user_data, GError **error)
{
  Sync *s = user_data;

  if (remote_interrupted(s->r, error))
    return FALSE;
  return nt_lines_feed(&s->lines, data, len, error);
}

/* Hand each triple of the store's export to @select, and each line it
 * keeps to on_insert_line(). */
static gboolean
export_pass(Sync             *s,
            AzkbStore        *store,
            const char       *base,
            AzkbRdfSelectFunc select,
            GError          **error)
{
  start_lines(s, G_MAXSIZE, on_insert_line);
  if (!azkb_rdf_export_select(store,
                              base,
                              AZKB_RDF_EXPORT_DATA | AZKB_RDF_EXPORT_ONTOLOGY,
                              select,
                              on_export,
                              s,
                              error))
    return FALSE;
  return nt_lines_finish(&s->lines, error);
}

static void
sort_unique(GArray *keys)
{
  g_array_set_size(
    keys,
    (guint)azkb_key128_sort_unique(keys->data, keys->len, sizeof(TripleKey)));
}

/* Pass 2: one line of the server's N-Triples. */
static gboolean
on_server_line(gpointer data, const char *line, gsize len, GError **error)
{
  Sync     *s = data;
  TripleKey k;

  if (len == 0 || line[0] == '#')
    return TRUE;
  if (!nt_parse_line(line, len, s->t)) {
    g_autofree char *e = remote_escape_text(line, len, 200);
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_PROTOCOL,
                "the server's N-Triples for <%s> hold a line azkb cannot "
                "read: “%s”",
                s->graph,
                e);
    return FALSE;
  }
  for (int i = 0; i < 3; i++)
    if (s->t[i].kind == AZKB_REMOTE_BLANK) {
      g_set_error(error,
                  AZKB_REMOTE_ERROR,
                  AZKB_REMOTE_ERROR_UNSUPPORTED,
                  "graph <%s> holds blank nodes, which DELETE DATA cannot "
                  "name; push the graph whole instead of syncing it",
                  s->graph);
      return FALSE;
    }
  k = nt_key(s->t);
  g_array_append_val(s->remote_keys, k);
  s->stats->read++;
  if (!has_local_key(s, &k)) {
    GString *out;

    /* Named otherwise, DELETE DATA would remove another triple (cut at a
     * NUL) or run the rest of an IRI as SPARQL. */
    for (int i = 0; i < 3; i++)
      if (!nt_term_nameable(&s->t[i])) {
        g_autofree char *e = remote_escape_text(line, len, 200);

        g_set_error(error,
                    AZKB_REMOTE_ERROR,
                    AZKB_REMOTE_ERROR_UNSUPPORTED,
                    "graph <%s> holds a triple that DELETE DATA cannot name "
                    "exactly (a NUL character, or an IRI with a character "
                    "SPARQL does not allow in one): “%s”; push the graph "
                    "whole instead of syncing it",
                    s->graph,
                    e);
        return FALSE;
      }
    out = g_string_new(NULL);
    for (int i = 0; i < 3; i++) {
      nt_append_term(out,
                     s->t[i].kind,
                     s->t[i].value->str,
                     s->t[i].datatype->str,
                     s->t[i].lang->str);
      g_string_append_c(out, ' ');
    }
    g_string_append(out, ".\n");
    g_ptr_array_add(s->deletes, g_string_free(out, FALSE));
  }
  return TRUE;
}

static gboolean
on_server_data(const char *data, gsize len, gpointer user_data, GError **error)
{
  Sync *s = user_data;

  return nt_lines_feed(&s->lines, data, len, error);
}

/* Pass 2: the server's graph, streamed whole with a Graph Store GET as
 * N-Triples: one request, no paging (Virtuoso will not sort more than
 * 10000 rows for a page), held as keys only.  A server that lists fewer
 * triples than it counts is caught before anything changes. */
static gboolean
read_server(Sync *s, guint64 count, GError **error)
{
  g_autofree char *url = remote_graph_url(s->r->graph_store, s->graph);
  HttpRequest      req = { .method      = "GET",
                           .url         = url,
                           .accept      = "application/n-triples",
                           .stream      = on_server_data,
                           .stream_data = s };

  if (count == 0)
    return TRUE; /* a missing graph: a GET would answer 404 */
  start_lines(s, NT_MAX_LINE, on_server_line);
  if (!remote_http(s->r, &req, NULL, error) ||
      !nt_lines_finish(&s->lines, error))
    return FALSE;
  if (s->remote_keys->len != count) {
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_PROTOCOL,
                "the server listed %u of the %" G_GUINT64_FORMAT " triples "
                "it counts in <%s>; nothing was changed",
                s->remote_keys->len,
                count,
                s->graph);
    return FALSE;
  }
  return TRUE;
}

/* How many subjects one CONSTRUCT asks for: a short query for any server,
 * few requests for a small change. */
#define SUBJECTS_PER_READ 200u

/* Read back the triples of @subjects (IRIs) from the server, as pass 2
 * does for the whole graph: a CONSTRUCT with VALUES, answered as
 * N-Triples, in groups of SUBJECTS_PER_READ. */
static gboolean
read_subjects(Sync *s, GPtrArray *subjects, GError **error)
{
  for (guint at = 0; at < subjects->len; at += SUBJECTS_PER_READ) {
    g_autoptr(GString) q    = g_string_new(NULL);
    g_autoptr(GString) form = g_string_new("query=");
    HttpRequest req         = { .method       = "POST",
                                .url          = s->r->endpoint,
                                .content_type = "application/x-www-form-urlencoded",
                                .accept       = "application/n-triples",
                                .stream       = on_server_data,
                                .stream_data  = s };

    g_string_append_printf(
      q, "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <%s> { VALUES ?s {", s->graph);
    for (guint i = at; i < MIN(at + SUBJECTS_PER_READ, subjects->len); i++) {
      g_string_append_c(q, ' ');
      nt_append_term(
        q, AZKB_REMOTE_IRI, g_ptr_array_index(subjects, i), "", "");
    }
    g_string_append(q, " } ?s ?p ?o } }");
    g_string_append_uri_escaped(form, q->str, NULL, FALSE);
    req.body     = form->str;
    req.body_len = form->len;
    start_lines(s, NT_MAX_LINE, on_server_line);
    if (!remote_http(s->r, &req, NULL, error) ||
        !nt_lines_finish(&s->lines, error))
      return FALSE;
  }
  return TRUE;
}

/* The server's keys: the record's for the subjects not in @changed, and
 * those read back (in s->remote_keys), merged into one sorted array.  The
 * record is sorted already, and the keys read back are few: no sort of
 * millions (and one look into @changed per subject, not per triple). */
static void
keep_unchanged(Sync *s, const SyncRecord *rec, GHashTable *changed)
{
  const KeyedTriple *a    = (const KeyedTriple *)(gpointer)rec->triples->data;
  GArray            *read = s->remote_keys;
  const TripleKey   *b;
  guint              na = rec->triples->len, nb, i = 0, j = 0;
  g_autofree guint8 *gone = g_new0(guint8, rec->subjects->len + 1);
  GArray            *out;

  sort_unique(read);
  b   = (const TripleKey *)(gpointer)read->data;
  nb  = read->len;
  out = g_array_sized_new(FALSE, FALSE, sizeof(TripleKey), na + nb);
  for (guint k = 0; g_hash_table_size(changed) > 0 && k < rec->subjects->len;
       k++)
    gone[k] = g_hash_table_contains(changed, rec->subjects->pdata[k]);
  while (i < na || j < nb) {
    int c;

    if (i < na && gone[a[i].subject]) {
      i++;
      continue;
    }
    c = i == na ? 1 : j == nb ? -1 : azkb_key128_compare(&a[i].key, &b[j]);
    if (c <= 0)
      g_array_append_val(out, a[i].key);
    else
      g_array_append_val(out, b[j]);
    i += c <= 0;
    j += c >= 0;
  }
  g_array_unref(read);
  s->remote_keys = out;
}

/* Pass 2 from the record of the last sync: the subjects whose triples
 * differ between the record and the export are read back from the server;
 * for every other subject the record's triples stand for the server's. */
static gboolean
read_changes(Sync *s, const SyncRecord *rec, GError **error)
{
  g_autoptr(GHashTable) changed =
    g_hash_table_new(g_str_hash, g_str_equal); /* subject IRIs, not owned */
  g_autoptr(GPtrArray) list = g_ptr_array_new();
  const KeyedTriple *a      = (const KeyedTriple *)(gpointer)rec->triples->data;
  const KeyedTriple *b      = (const KeyedTriple *)(gpointer)s->keys->data;
  guint              na = rec->triples->len, nb = s->keys->len;
  guint              i = 0, j = 0;

  /* Both sorted by key: a merge finds the keys on one side only. */
  while (i < na || j < nb) {
    int c = i == na   ? 1
            : j == nb ? -1
                      : azkb_key128_compare(&a[i].key, &b[j].key);

    if (c < 0)
      g_hash_table_add(changed,
                       g_ptr_array_index(rec->subjects, a[i++].subject));
    else if (c > 0)
      g_hash_table_add(changed, g_ptr_array_index(s->subjects, b[j++].subject));
    else
      i++, j++;
  }
  {
    GHashTableIter it;
    gpointer       subject;

    g_hash_table_iter_init(&it, changed);
    while (g_hash_table_iter_next(&it, &subject, NULL))
      g_ptr_array_add(list, subject);
  }
  g_debug("sync from the record: %u subjects changed", list->len);
  s->record_current = list->len == 0;
  if (!read_subjects(s, list, error))
    return FALSE;
  keep_unchanged(s, rec, changed);
  return TRUE;
}

static gboolean
send_deletes(Sync *s, GPtrArray *deletes, GError **error)
{
  for (guint i = 0; i < deletes->len && i < 5; i++)
    g_debug("delete %s", (char *)deletes->pdata[i]);
  for (guint i = 0; i < deletes->len; i++) {
    g_string_append(s->batch, deletes->pdata[i]);
    s->stats->deleted++;
    if (++s->in_batch >= s->batch_max && !flush_batch(s, "DELETE", error))
      return FALSE;
  }
  return flush_batch(s, "DELETE", error);
}

static void
sync_clear(Sync *s)
{
  g_clear_pointer(&s->keys, g_array_unref);
  g_clear_pointer(&s->subject_index, g_hash_table_unref);
  g_clear_pointer(&s->subjects, g_ptr_array_unref);
  g_clear_pointer(&s->remote_keys, g_array_unref);
  g_clear_pointer(&s->deletes, g_ptr_array_unref);
  g_clear_pointer(&s->insert, g_free);
  g_clear_pointer(&s->bucket, g_free);
  nt_lines_clear(&s->lines);
  g_string_free(s->batch, TRUE);
  for (int i = 0; i < 3; i++)
    nt_term_clear(&s->t[i]);
}

/* Pass 2 over the whole graph: the keys then sorted. */
static gboolean
read_whole(Sync *s, guint64 count, GError **error)
{
  if (!read_server(s, count, error))
    return FALSE;
  sort_unique(s->remote_keys);
  return TRUE;
}

/* Pass 2, from the record when it still describes the graph, else whole. */
static gboolean
read_graph(Sync *s, GError **error)
{
  SyncRecord rec;
  guint64    count;
  gboolean   ok;

  if (!azkb_remote_count(s->r, s->graph, &count, error))
    return FALSE;
  if (s->r->reread)
    return read_whole(s, count, error);
  if (!sync_record_load(s->r, s->graph, &rec, &s->stats->record_other_version))
    return read_whole(s, count, error);
  if (rec.triples->len != count) {
    g_debug("sync record of %u triples, the server counts %" G_GUINT64_FORMAT
            ": reading the whole graph",
            rec.triples->len,
            count);
    sync_record_clear(&rec);
    return read_whole(s, count, error);
  }
  s->stats->from_record = TRUE;
  ok                    = read_changes(s, &rec, error);
  sync_record_clear(&rec);
  return ok;
}

/* Mark the lines of the export whose keys the server lacks; both arrays
 * sorted by key, without repeats.  Returns how many. */
static guint64
mark_inserts(Sync *s)
{
  const KeyedTriple *a  = (const KeyedTriple *)(gpointer)s->keys->data;
  const TripleKey   *b  = (const TripleKey *)(gpointer)s->remote_keys->data;
  guint              na = s->keys->len, nb = s->remote_keys->len;
  guint              i = 0, j = 0;
  guint64            n = 0;

  s->insert = g_new0(guint64, s->n_lines / 64 + 1);
  while (i < na) {
    int c = j == nb ? -1 : azkb_key128_compare(&a[i].key, &b[j]);

    if (c < 0) {
      s->insert[a[i].line / 64] |= (guint64)1 << (a[i].line % 64);
      n++, i++;
    } else if (c > 0)
      j++;
    else
      i++, j++;
  }
  return n;
}

/* Deletions, then pass 3 for the insertions, if there are any. */
static gboolean
change_graph(Sync       *s,
             AzkbStore  *store,
             const char *base,
             guint64     inserts,
             GError    **error)
{
  /* From here the graph changes: a record of it would be wrong until the
   * final count check proves the new one. */
  if (!sync_record_forget(s->r, s->graph, error) ||
      !send_deletes(s, s->deletes, error))
    return FALSE;
  if (inserts == 0)
    return TRUE;
  s->line = 0;
  if (!export_pass(s, store, base, pick_insert, error))
    return FALSE;
  /* one line per triple, as many triples as in pass 1 */
  if (s->line != s->n_lines || s->written != inserts)
    return export_changed(error);
  return flush_batch(s, "INSERT", error);
}

static gboolean
run_sync(Sync *s, AzkbStore *store, const char *base, GError **error)
{
  guint64 inserts;

  if (!export_pass(s, store, base, key_triple, error))
    return FALSE;
  s->n_lines = s->keys->len;
  sync_record_sort(s->keys);
  index_keys(s);
  s->stats->triples = s->keys->len;
  /* the server's keys, sorted, without repeats */
  if (!read_graph(s, error))
    return FALSE;
  inserts = mark_inserts(s);
  s->todo = s->deletes->len + inserts;
  if (s->todo > 0 && !change_graph(s, store, base, inserts, error))
    return FALSE;
  if (!azkb_remote_count(s->r, s->graph, &s->stats->remote, error))
    return FALSE;
  if (s->stats->remote != s->keys->len) {
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_MISMATCH,
                "graph <%s> holds %" G_GUINT64_FORMAT " triples after the "
                "sync, but the store has %u",
                s->graph,
                s->stats->remote,
                s->keys->len);
    return FALSE;
  }
  /* Nothing changed and the record said so key for key: it stands. */
  if (s->todo == 0 && s->record_current)
    s->stats->recorded = TRUE;
  else
    s->stats->recorded = sync_record_keep(s->r, s->graph, s->keys, s->subjects);
  return TRUE;
}

gboolean
azkb_remote_sync(AzkbRemote            *remote,
                 AzkbStore             *store,
                 const char            *graph,
                 const char            *base,
                 guint                  batch,
                 AzkbRemoteProgressFunc progress,
                 gpointer               progress_data,
                 AzkbRemotePushStats   *out_stats,
                 GError               **error)
{
  AzkbRemotePushStats stats   = { 0 };
  Sync                s       = { 0 };
  g_autofree char    *current = NULL;
  gint64              start   = g_get_monotonic_time();
  gboolean            ok;

  g_return_val_if_fail(remote != NULL && store != NULL, FALSE);
  if (!remote_check_iri("graph", graph, error))
    return FALSE;
  /* A versioned graph changes in its current version. */
  if ((current = azkb_remote_current_graph(remote, graph, error)) == NULL)
    return FALSE;
  s.keys          = g_array_new(FALSE, FALSE, sizeof(KeyedTriple));
  s.subjects      = g_ptr_array_new_with_free_func(g_free);
  s.subject_index = sync_record_subject_index_new();
  s.remote_keys   = g_array_new(FALSE, FALSE, sizeof(TripleKey));
  s.deletes       = g_ptr_array_new_with_free_func(g_free);
  nt_lines_init(&s.lines, on_insert_line, &s);
  s.batch         = g_string_new(NULL);
  s.batch_max     = batch ? batch : DEFAULT_BATCH;
  s.r             = remote;
  s.graph         = current;
  s.stats         = &stats;
  s.progress      = progress;
  s.progress_data = progress_data;
  for (int i = 0; i < 3; i++)
    nt_term_init(&s.t[i]);
  ok = run_sync(&s, store, base, error);
  /* A large graph may be more than the server will send in one answer
   * (Virtuoso 7.2: "The result vector is too large" at 4M triples): say
   * why it was read whole, and what leads back to a record. */
  if (!ok && stats.record_other_version)
    g_prefix_error(error,
                   "the record of the last sync of <%s> was written by "
                   "another version of azkb, so the whole graph was read "
                   "(a push that replaces the graph writes a record of this "
                   "version): ",
                   current);
  sync_clear(&s);
  stats.seconds = (double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC;
  if (ok && out_stats != NULL)
    *out_stats = stats;
  return ok;
}
