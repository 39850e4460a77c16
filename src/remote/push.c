/* azkb_remote_push(): the N-Triples export, cut at line ends into chunks of
 * bounded size as the exporter produces it, each sent with the Graph Store
 * Protocol while the export waits; so the data in flight is one chunk,
 * whatever the size of the graph (with a record kept for the next sync,
 * record.c, the keys and subjects of what was sent, about 24 bytes a
 * triple, are held too).  Replacing goes through a temporary graph and one
 * MOVE, one transaction: a push that fails leaves the old graph, and
 * readers of a store that isolates them from an update in progress never
 * see half a graph (Virtuoso 7.2.5 does not: a reader counting a graph
 * during a MOVE that shrank it saw counts in between;
 * bench/virtuoso-move-readers).
 *
 * A versioned push (version.c) uploads into a new version graph instead
 * and switches one pointer triple in the catalog graph: no copy, and
 * readers that follow the pointer see the old data or the new, whole.
 *
 * Virtuoso runs a MOVE as one transaction whose roll-forward log it caps
 * (TransactionAfterImageLimit, 50 MB by default: about 92 bytes a triple
 * moved onto a graph of the same size, 61 onto an empty one, measured on
 * 7.2.5; so some 500,000 triples).  Past it the server aborts the MOVE
 * (SR325) and the graph is as it was.  `DEFINE sql:log-enable 0` keeps the
 * MOVE out of the log (Virtuoso's SPARUL_MOVE passes it to log_enable()
 * around its CLEAR, copy and CLEAR): still one transaction, but durable
 * only from the next checkpoint. */
#include "remote-private.h"

#include <string.h>

#define DEFAULT_CHUNK (4u * 1024 * 1024)

typedef struct {
  AzkbRemote            *remote;
  char                  *url;   ///< Graph Store URL of the graph written
  gboolean               put;   ///< next chunk replaces (the first, replacing)
  GString               *buf;   ///< bytes not sent yet
  gsize                  chunk; ///< send when this many are waiting
  guint64                lines; ///< triples sent
  guint64                total; ///< triples expected (for progress), or 0
  AzkbRemotePushStats   *stats;
  AzkbRemoteProgressFunc progress;
  gpointer               progress_data;
  /* What a replacing push sent, for the record of the graph (record.c):
   * NULL when no record is kept. */
  GArray     *keys; ///< KeyedTriple
  GPtrArray  *subjects;
  GHashTable *subject_index;
} Pusher;

/* Is there a blank node on line [p, end)?  A subject or an object starting
 * with "_:" (the predicate is always an IRI; a literal holding "_:" is
 * not one). */
static gboolean
line_has_blank(const char *p, const char *end)
{
  const char *q;

  if (end - p > 1 && p[0] == '_' && p[1] == ':')
    return TRUE;
  /* past the subject, then the predicate IRI */
  q = memchr(p, ' ', (gsize)(end - p));
  if (q == NULL || (q = memchr(q, '>', (gsize)(end - q))) == NULL)
    return FALSE;
  q++;
  while (q < end && *q == ' ')
    q++;
  return end - q > 1 && q[0] == '_' && q[1] == ':';
}

/* Count the lines of [data, data+len) and refuse blank nodes. */
static gboolean
scan_lines(const char *data, gsize len, guint64 *out_lines, GError **error)
{
  const char *p   = data;
  const char *end = data + len;
  guint64     n   = 0;

  while (p < end) {
    const char *nl = memchr(p, '\n', (gsize)(end - p));
    if (nl == NULL)
      nl = end;
    if (line_has_blank(p, nl)) {
      g_set_error(error,
                  AZKB_REMOTE_ERROR,
                  AZKB_REMOTE_ERROR_UNSUPPORTED,
                  "the data holds blank nodes, whose labels would not join "
                  "up across the requests of a push; load the N-Triples "
                  "export with the store's own loader instead "
                  "(doc/linked-data.md, “Using a SPARQL store”)");
      return FALSE;
    }
    n += nl > p;
    p = nl + 1;
  }
  *out_lines = n;
  return TRUE;
}

static gboolean
discard_reply(const char *data, gsize len, gpointer user_data, GError **error)
{
  (void)data, (void)len, (void)user_data, (void)error;
  return TRUE;
}

/* The exporter's selector: every triple is written; with a record to
 * keep, its key and subject are noted from its terms (the key its line
 * would give read back, as a sync keys the store: one way of keying for
 * both).  Kept only if the whole push succeeds. */
static gboolean
note_triple(const AzkbRdfTerm t[3],
            gboolean         *out_write,
            gpointer          data,
            GError          **error)
{
  Pusher     *ps = data;
  KeyedTriple kt = { 0 };

  (void)error;
  *out_write = TRUE;
  if (ps->keys == NULL)
    return TRUE;
  kt.key     = nt_key_terms(t);
  kt.subject = sync_record_subject(ps->subjects, ps->subject_index, t[0].value);
  g_array_append_val(ps->keys, kt);
  return TRUE;
}

/* Send @len bytes of whole lines, again after a transient failure. */
static gboolean
send_chunk(Pusher *ps, const char *data, gsize len, GError **error)
{
  HttpRequest req = { .method       = ps->put ? "PUT" : "POST",
                      .url          = ps->url,
                      .content_type = "application/n-triples",
                      .body         = data,
                      .body_len     = len,
                      .stream       = discard_reply };
  guint64     lines;

  if (!scan_lines(data, len, &lines, error))
    return FALSE;
  for (guint attempt = 0;; attempt++) {
    g_autoptr(GError) local = NULL;

    if (remote_http(ps->remote, &req, NULL, &local))
      break;
    if (attempt >= ps->remote->retries ||
        !remote_error_is_transient(ps->remote, local)) {
      g_propagate_error(error, g_steal_pointer(&local));
      return FALSE;
    }
    ps->stats->retries++;
    g_debug("push: %s; again in %u s", local->message, remote_backoff(attempt));
    remote_sleep(ps->remote, remote_backoff(attempt));
  }
  ps->put = FALSE;
  ps->lines += lines;
  ps->stats->requests++;
  if (ps->progress != NULL)
    ps->progress(ps->lines, MAX(ps->total, ps->lines), ps->progress_data);
  return TRUE;
}

/* The exporter's sink: keep whole lines until a chunk is full. */
static gboolean
on_export(const void *data, gsize len, gpointer user_data, GError **error)
{
  Pusher *ps = user_data;

  if (remote_interrupted(ps->remote, error))
    return FALSE;
  g_string_append_len(ps->buf, data, (gssize)len);
  while (ps->buf->len >= ps->chunk) {
    const char *nl =
      g_strrstr_len(ps->buf->str, (gssize)MIN(ps->buf->len, ps->chunk), "\n");
    gsize cut;

    if (nl == NULL) /* one line longer than a chunk: send it whole */
      nl = memchr(ps->buf->str, '\n', ps->buf->len);
    if (nl == NULL)
      break;
    cut = (gsize)(nl - ps->buf->str) + 1;
    if (!send_chunk(ps, ps->buf->str, cut, error))
      return FALSE;
    g_string_erase(ps->buf, 0, (gssize)cut);
  }
  return TRUE;
}

static gboolean
upload(Pusher *ps, AzkbStore *store, const char *base, GError **error)
{
  if (!azkb_rdf_export_select(store,
                              base,
                              AZKB_RDF_EXPORT_DATA | AZKB_RDF_EXPORT_ONTOLOGY,
                              note_triple,
                              on_export,
                              ps,
                              error))
    return FALSE;
  /* The rest; and for an empty store, one empty PUT that still makes the
   * graph (empty) when replacing. */
  if (ps->buf->len > 0 || ps->put)
    return send_chunk(ps, ps->buf->str, ps->buf->len, error);
  return TRUE;
}

static char *
temporary_graph(const char *graph)
{
  return g_strdup_printf("%s-azkb-push-%08x%08x",
                         graph,
                         g_random_int(),
                         (guint)(g_get_real_time() & 0xffffffffu));
}

static gboolean
check_count(AzkbRemote *remote,
            const char *graph,
            guint64     want,
            gboolean    at_least,
            guint64    *out_count,
            GError    **error)
{
  if (!azkb_remote_count(remote, graph, out_count, error))
    return FALSE;
  if (at_least ? *out_count >= want : *out_count == want)
    return TRUE;
  g_set_error(error,
              AZKB_REMOTE_ERROR,
              AZKB_REMOTE_ERROR_MISMATCH,
              "graph <%s> holds %" G_GUINT64_FORMAT " triples after the "
              "push, but %" G_GUINT64_FORMAT " were sent",
              graph,
              *out_count,
              want);
  return FALSE;
}

/* Remove temporary graph @tmp with update @drop, and make sure it is gone:
 * a chunk whose request was cut short (Ctrl-C, a timeout) may still be
 * committed by the server after the DROP (seen on Virtuoso: the graph
 * came back with that chunk), so count it after a pause (longer than a
 * chunk takes) and drop it again, a few times.  TRUE when it was seen
 * empty. */
static gboolean
drop_temporary(AzkbRemote *remote, const char *tmp, const char *drop)
{
  gboolean gone = FALSE;

  remote->cleaning_up = TRUE;
  for (guint attempt = 0; attempt < 3 && !gone; attempt++) {
    guint64 n = 1;

    if (!azkb_remote_update(remote, drop, NULL))
      break;
    g_usleep(G_USEC_PER_SEC << attempt); /* 1, 2, 4 s */
    gone = azkb_remote_count(remote, tmp, &n, NULL) && n == 0;
  }
  remote->cleaning_up = FALSE;
  return gone;
}

/* The push failed before the switch: the target is as it was.  Remove the
 * partial upload if the server still answers (and, for a version, its
 * note in the catalog), and say how otherwise. */
static void
explain_failure(AzkbRemote *remote,
                const char *graph,
                const char *tmp,
                gboolean    versioned,
                GError    **error)
{
  g_autofree char *drop    = g_strdup_printf("DROP SILENT GRAPH <%s>", tmp);
  gboolean         dropped = drop_temporary(remote, tmp, drop);
  gboolean         lost =
    g_error_matches(*error, AZKB_REMOTE_ERROR, AZKB_REMOTE_ERROR_SUPERSEDED);

  if (dropped && versioned) {
    g_autofree char *forget = remote_version_note_text("DELETE", graph, tmp);

    remote->cleaning_up = TRUE;
    if (!azkb_remote_update(remote, forget, NULL))
      g_debug("push: the catalog still notes <%s>; the next versioned "
              "push removes it",
              tmp);
    remote->cleaning_up = FALSE;
  }
  /* Lost to another push: the graph may well have changed, by that one. */
  if (lost && dropped)
    g_prefix_error(error, "push failed, and nothing of it remains: ");
  else if (lost)
    g_prefix_error(error,
                   "push failed; its upload may remain in <%s>: remove it "
                   "with the SPARQL update “%s” once the server answers (the "
                   "versioned push after the next of graph <%s> removes it "
                   "too): ",
                   tmp,
                   drop,
                   graph);
  else if (dropped)
    g_prefix_error(error,
                   "push failed; graph <%s> is unchanged and the partial "
                   "upload was removed: ",
                   graph);
  else
    g_prefix_error(error,
                   "push failed; graph <%s> is unchanged; the partial upload "
                   "may remain in <%s>: remove it with the SPARQL update "
                   "“%s” once the server answers%s: ",
                   graph,
                   tmp,
                   drop,
                   versioned ? " (the versioned push after the next "
                               "removes it too)"
                             : "");
}

/* The switch failed or its answer was lost (a timeout, the server gone):
 * an update is one transaction, so the graph is either as it was or the
 * new one whole, but which cannot be told from here (a push of the same
 * data leaves the same count either way).  The server may even still be
 * running the MOVE.  Remove the temporary graph if it remains, and say
 * what is known. */
static void
explain_switch_failure(AzkbRemote *remote,
                       const char *graph,
                       const char *tmp,
                       GError    **error)
{
  g_autofree char *drop    = g_strdup_printf("DROP SILENT GRAPH <%s>", tmp);
  gboolean         dropped = drop_temporary(remote, tmp, drop);

  g_prefix_error(error,
                 "push failed at the switch (MOVE); graph <%s> is either as "
                 "it was or entirely the new data (the MOVE is one "
                 "transaction), check it with a COUNT once the server is "
                 "idle; %s%s%s: ",
                 graph,
                 dropped ? "the temporary graph was removed"
                         : "remove the temporary graph with “",
                 dropped ? "" : drop,
                 dropped ? "" : "”");
}

/* Why Virtuoso aborted the switch, when it says: its roll-forward log
 * passed TransactionAfterImageLimit (SQL state 40005, "SR325: Transaction
 * aborted because it's log after image size went above the limit"; SR325
 * with state 40001 is another abort, a checkpoint's), or it ran past the
 * endpoint's time limit (SR171, "Transaction timed out": the SPARQL
 * endpoint sets the transaction timeout from [SPARQL]
 * MaxQueryExecutionTime).  Either way the transaction was rolled back. */
typedef enum {
  SWITCH_FAILED,    ///< anything else: the outcome is not known
  SWITCH_OVER_LOG,  ///< TransactionAfterImageLimit
  SWITCH_OVER_TIME, ///< MaxQueryExecutionTime
} SwitchFailure;

static SwitchFailure
switch_failure(const AzkbRemote *remote, const GError *error)
{
  if (g_error_matches(
        error, AZKB_REMOTE_ERROR, AZKB_REMOTE_ERROR_SERVER_TIMEOUT))
    return SWITCH_OVER_TIME; /* http.c read the answer */
  if (!remote_is_virtuoso(remote) ||
      !g_error_matches(error, AZKB_REMOTE_ERROR, AZKB_REMOTE_ERROR_HTTP))
    return SWITCH_FAILED;
  if (strstr(error->message, "SR325") != NULL &&
      strstr(error->message, "log after image") != NULL)
    return SWITCH_OVER_LOG;
  return SWITCH_FAILED;
}

/* The server said it aborted the MOVE: the graph is as it was.  Say which
 * setting stopped it (and, for the log, by about how much), and remove
 * the upload. */
static void
refuse_over_limit(AzkbRemote   *remote,
                  SwitchFailure why,
                  const char   *graph,
                  const char   *tmp,
                  guint64       triples,
                  GError      **error)
{
  /* 92 bytes a triple measured (module comment): round up for the message,
   * and to whole megabytes. */
  guint64 mb = (triples * 100 + 999999) / 1000000;

  g_clear_error(error);
  if (why == SWITCH_OVER_LOG)
    g_set_error(
      error,
      AZKB_REMOTE_ERROR,
      AZKB_REMOTE_ERROR_SERVER_LIMIT,
      "Virtuoso aborted the switch (SR325): the MOVE of %" G_GUINT64_FORMAT
      " triples is one transaction, and its transaction log went "
      "past the server's TransactionAfterImageLimit ([Parameters] "
      "in virtuoso.ini; 50000000 bytes unless set).  Raise it above "
      "about 100 bytes a triple moved (%" G_GUINT64_FORMAT
      " MB here; at most 2147483647) and restart the server, or "
      "switch without the transaction log, which makes the switch "
      "durable only from the server's next checkpoint",
      triples,
      mb);
  else
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_SERVER_TIMEOUT,
                "Virtuoso stopped the switch (SR171, transaction timed "
                "out): the MOVE of %" G_GUINT64_FORMAT " triples is one "
                "request, which ran past the time the server gives a "
                "SPARQL request (MaxQueryExecutionTime in the [SPARQL] "
                "section of virtuoso.ini; 0 or unset: no limit).  Raise it "
                "and restart the server",
                triples);
  explain_failure(remote, graph, tmp, FALSE, error);
}

/* A switch without the log is Virtuoso's own syntax: ask the server
 * something harmless (the graph's count) to learn who it is before
 * uploading anything. */
static gboolean
server_is_virtuoso(AzkbRemote *remote, const char *graph, GError **error)
{
  guint64 n;

  if (!azkb_remote_count(remote, graph, &n, error))
    return FALSE;
  if (remote_is_virtuoso(remote))
    return TRUE;
  g_set_error(error,
              AZKB_REMOTE_ERROR,
              AZKB_REMOTE_ERROR_UNSUPPORTED,
              "a switch without the transaction log is Virtuoso's "
              "(sql:log-enable), and this server is not Virtuoso; graph "
              "<%s> is unchanged",
              graph);
  return FALSE;
}

/* Seconds the switch may run before it answers: the server copies the
 * whole graph in silence (Virtuoso's MOVE of 396,260 triples took 8 to
 * 31 s on a busy 2-core machine; bench/RESULTS-remote.md), so the timeout
 * plus a second per 2,000 triples. */
static guint
switch_patience(const AzkbRemote *remote, guint64 triples)
{
  return remote->timeout + (guint)MIN(triples / 2000, 24 * 3600);
}

static guint64
expected_triples(AzkbStore *store)
{
  /* A guess for the progress line only: the export writes a few triples
   * per statement. */
  return (guint64)azkb_store_n_statements(store) * 4;
}

static void
pusher_clear(Pusher *ps)
{
  g_clear_pointer(&ps->keys, g_array_unref);
  g_clear_pointer(&ps->subjects, g_ptr_array_unref);
  g_clear_pointer(&ps->subject_index, g_hash_table_unref);
}

/* What a push writes into and how it switches. */
typedef struct {
  const char   *graph;  ///< the graph named
  char         *target; ///< where the chunks go
  gboolean      append, unlogged, versioned;
  RemoteCatalog catalog; ///< replacing: the catalog's entries before
  guint64       number;  ///< versioned: the new version's number
} Plan;

/* The MOVE of the uploaded temporary graph onto the graph. */
static gboolean
move_in(AzkbRemote          *remote,
        const Plan          *plan,
        guint64              lines,
        AzkbRemotePushStats *stats,
        GError             **error)
{
  gint64           start = g_get_monotonic_time();
  g_autofree char *move =
    g_strdup_printf("%sMOVE SILENT GRAPH <%s> TO GRAPH <%s>",
                    plan->unlogged ? "DEFINE sql:log-enable 0 " : "",
                    plan->target,
                    plan->graph);

  if (!remote_update_patiently(
        remote, move, switch_patience(remote, lines), error)) {
    SwitchFailure why = switch_failure(remote, *error);

    if (why == SWITCH_FAILED)
      explain_switch_failure(remote, plan->graph, plan->target, error);
    else
      refuse_over_limit(remote, why, plan->graph, plan->target, lines, error);
    return FALSE;
  }
  stats->switch_seconds =
    (double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC;
  return TRUE;
}

/* A version whose count is off may have been removed by a newer push
 * while it was uploaded (its later chunks then made the graph again, in
 * part): say that, rather than the count. */
static void
superseded_instead(AzkbRemote *remote, const Plan *plan, GError **error)
{
  GError *why = NULL;

  if (remote_version_may_publish(
        remote, plan->graph, plan->target, plan->number, &why))
    return;
  if (g_error_matches(why, AZKB_REMOTE_ERROR, AZKB_REMOTE_ERROR_SUPERSEDED)) {
    g_clear_error(error);
    g_propagate_error(error, why);
  } else
    g_error_free(why);
}

/* After the upload: check it, switch it in, check again, retire the
 * versions no reader needs, and write the record of what the graph now
 * holds. */
static gboolean
push_finish(AzkbRemote          *remote,
            Plan                *plan,
            Pusher              *ps,
            AzkbRemotePushStats *stats,
            GError             **error)
{
  /* The graph whose triples are now the ones sent. */
  const char *holder =
    plan->append || plan->versioned ? plan->target : plan->graph;
  guint patience            = switch_patience(remote, ps->lines);
  g_auto(RemoteCatalog) now = { 0 };
  g_autoptr(GError) local   = NULL;
  gboolean reread           = FALSE;

  if (!plan->append &&
      !check_count(
        remote, plan->target, ps->lines, FALSE, &stats->remote, error)) {
    if (plan->versioned)
      superseded_instead(remote, plan, error);
    explain_failure(remote, plan->graph, plan->target, plan->versioned, error);
    return FALSE;
  }
  /* A version is published only if it will be the newest: else readers
   * would never read it, and the push would report a switch that did not
   * happen. */
  if (plan->versioned &&
      !remote_version_may_publish(
        remote, plan->graph, plan->target, plan->number, error)) {
    explain_failure(remote, plan->graph, plan->target, TRUE, error);
    return FALSE;
  }
  if (plan->versioned) {
    if (!remote_version_publish(
          remote, plan->graph, plan->target, &stats->switch_seconds, error))
      return FALSE;
    stats->version = plan->number;
  } else if (!plan->append) {
    if (!move_in(remote, plan, ps->lines, stats, error))
      return FALSE;
  }
  if (!plan->versioned &&
      !check_count(
        remote, holder, ps->lines, plan->append, &stats->remote, error))
    return FALSE;
  /* The version readers read just before this push reached them is kept
   * for those still in the middle of it: which one that is, the catalog
   * says now, not when the push began (another push may have published
   * one meanwhile, and readers may be reading it). */
  if (!plan->append)
    reread = remote_catalog_read(remote, plan->graph, TRUE, &now, &local);
  if (reread && plan->versioned)
    remote_catalog_set_before(&now, plan->target, plan->number);
  /* A graph pushed in place after versions: readers follow the catalog
   * until its pointers go. */
  if (!plan->append && !plan->versioned &&
      !remote_version_unpublish(
        remote, plan->graph, reread ? &now : &plan->catalog, error))
    return FALSE;
  if (!plan->append && reread)
    remote_version_retire(remote,
                          plan->graph,
                          &now,
                          plan->versioned ? plan->number : G_MAXUINT64,
                          plan->target,
                          patience,
                          stats);
  else if (!plan->append)
    g_debug("push: old versions stay for the next push (the catalog could "
            "not be read again: %s)",
            local->message);
  /* No record after a switch outside the log: a crash before the server's
   * next checkpoint brings the old graph back, and a record of the new one
   * would let the next sync trust it (a graph of the same size passes the
   * count check) and leave the old graph in place. */
  if (ps->keys != NULL && !plan->unlogged) {
    sync_record_sort(ps->keys);
    stats->recorded = ps->keys->len == stats->remote &&
                      sync_record_keep(remote, holder, ps->keys, ps->subjects);
  }
  return TRUE;
}

/* Decide where the chunks go; for a version, note it in the catalog
 * first. */
static gboolean
plan_push(AzkbRemote         *remote,
          const char         *graph,
          AzkbRemotePushFlags flags,
          Plan               *plan,
          GError            **error)
{
  plan->graph     = graph;
  plan->append    = (flags & AZKB_REMOTE_PUSH_APPEND) != 0;
  plan->unlogged  = (flags & AZKB_REMOTE_PUSH_UNLOGGED_SWITCH) != 0;
  plan->versioned = (flags & AZKB_REMOTE_PUSH_VERSIONED) != 0;
  if (plan->versioned && (plan->append || plan->unlogged)) {
    g_set_error(error,
                AZKB_REMOTE_ERROR,
                AZKB_REMOTE_ERROR_INVALID,
                "a versioned push replaces the graph by publishing a new "
                "version, one triple: it does not append, and it moves "
                "nothing to keep out of a transaction log");
    return FALSE;
  }
  if (!remote_check_iri("graph", graph, error))
    return FALSE;
  /* Appending adds to what readers read: the current version. */
  if (plan->append) {
    plan->target = azkb_remote_current_graph(remote, graph, error);
    return plan->target != NULL &&
           sync_record_forget(remote, plan->target, error);
  }
  /* The graph is about to change: the last sync's record of it no longer
   * holds (the next sync reads the whole graph and records it again). */
  if (!sync_record_forget(remote, graph, error))
    return FALSE;
  if (plan->unlogged && !server_is_virtuoso(remote, graph, error))
    return FALSE;
  if (!remote_catalog_read(remote, graph, TRUE, &plan->catalog, error)) {
    g_prefix_error(
      error, "push failed before its upload; graph <%s> is unchanged: ", graph);
    return FALSE;
  }
  if (!plan->versioned) {
    plan->target = temporary_graph(graph);
    return TRUE;
  }
  plan->target =
    remote_version_next(graph, &plan->catalog, &plan->number, error);
  if (plan->target == NULL) {
    g_prefix_error(
      error, "push failed before its upload; graph <%s> is unchanged: ", graph);
    return FALSE;
  }
  return remote_check_iri("version graph", plan->target, error) &&
         remote_version_note(remote, graph, plan->target, error);
}

static void
plan_clear(Plan *plan)
{
  g_clear_pointer(&plan->target, g_free);
  remote_catalog_clear(&plan->catalog);
}

gboolean
azkb_remote_push(AzkbRemote            *remote,
                 AzkbStore             *store,
                 const char            *graph,
                 const char            *base,
                 AzkbRemotePushFlags    flags,
                 gsize                  chunk_bytes,
                 AzkbRemoteProgressFunc progress,
                 gpointer               progress_data,
                 AzkbRemotePushStats   *out_stats,
                 GError               **error)
{
  AzkbRemotePushStats stats = { 0 };
  gint64              start = g_get_monotonic_time();
  Pusher              ps    = { 0 };
  Plan                plan  = { 0 };
  gboolean            ok;

  g_return_val_if_fail(remote != NULL && store != NULL, FALSE);
  if (!plan_push(remote, graph, flags, &plan, error)) {
    plan_clear(&plan);
    return FALSE;
  }
  ps.remote   = remote;
  ps.url      = remote_graph_url(remote->graph_store, plan.target);
  ps.put      = !plan.append;
  ps.buf      = g_string_sized_new(chunk_bytes ? chunk_bytes : DEFAULT_CHUNK);
  ps.chunk    = chunk_bytes ? chunk_bytes : DEFAULT_CHUNK;
  ps.total    = expected_triples(store);
  ps.stats    = &stats;
  ps.progress = progress;
  ps.progress_data = progress_data;
  if (remote->state_dir != NULL && !plan.append) {
    ps.keys          = g_array_new(FALSE, FALSE, sizeof(KeyedTriple));
    ps.subjects      = g_ptr_array_new_with_free_func(g_free);
    ps.subject_index = sync_record_subject_index_new();
  }
  ok            = upload(&ps, store, base, error);
  stats.triples = stats.sent = ps.lines;
  g_string_free(ps.buf, TRUE);
  g_free(ps.url);
  if (!ok && !plan.append)
    explain_failure(remote, graph, plan.target, plan.versioned, error);
  ok = ok && push_finish(remote, &plan, &ps, &stats, error);
  pusher_clear(&ps);
  plan_clear(&plan);
  if (!ok)
    return FALSE;
  stats.seconds = (double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC;
  if (out_stats != NULL)
    *out_stats = stats;
  return TRUE;
}
