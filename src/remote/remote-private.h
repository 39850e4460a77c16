/* The remote module's insides: the HTTP layer (http.c), N-Triples terms
 * (ntriples.c) and the shared helpers of push.c and sync.c. */
#pragma once

#include "src/util/key-sort.h"

#include <azkb/azkb.h>
#include <azkb/remote.h>
#include <curl/curl.h>

G_BEGIN_DECLS

struct _AzkbRemote {
  char               *endpoint;
  char               *graph_store;
  char               *user;
  char               *password;
  char               *netrc_file;
  AzkbRemoteAuth      auth;
  guint               connect_timeout;
  guint               timeout;
  guint               retries;
  CURL               *curl; ///< one handle: connections and digest reused
  long                last_status; ///< of the last request, 0 if none came back
  const volatile int *interrupted;
  gboolean            cleaning_up; ///< requests go on despite *interrupted
  char               *server;      ///< the last reply's Server header, or NULL
  char               *state_dir;   ///< where syncs keep their record, or NULL
  gboolean            reread;      ///< sync: read the whole graph anyway
  guint               time_limit_ms; ///< the options' time_limit_ms
  gint64              deadline; ///< monotonic µs when it runs out; 0: none
};

/// Whether the last reply came from OpenLink Virtuoso (its Server header).
gboolean remote_is_virtuoso(const AzkbRemote *remote);

/// Whether the caller asked to stop (and no clean-up is under way).
gboolean remote_interrupted(const AzkbRemote *remote, GError **error);

/// Sleep @seconds, waking early when interrupted.
void remote_sleep(const AzkbRemote *remote, guint seconds);

/// One HTTP request.
typedef struct {
  const char *method; ///< "GET", "POST" or "PUT"
  const char *url;
  const char *content_type; ///< of @body, or NULL
  const char *accept;       ///< or NULL
  const char *body;
  gsize       body_len;
  gsize       max_reply; ///< bytes of reply kept at most; 0: 1 MiB
  /// Seconds without progress before giving up, when more than the
  /// remote's timeout (a server that works long before it answers).
  guint patience;
  /// With a 2xx status, the reply goes here as it arrives instead of being
  /// kept; FALSE (setting the error) stops the transfer.
  gboolean (*stream)(const char *data,
                     gsize       len,
                     gpointer    user_data,
                     GError    **error);
  gpointer stream_data;
} HttpRequest;

/**
 * Send @req; on a 2xx status return TRUE and the reply's body in
 * @out_body (may be NULL).  Otherwise an AZKB_REMOTE_ERROR saying what
 * happened, with the server's own message (escaped) for an HTTP error.
 */
gboolean remote_http(AzkbRemote        *remote,
                     const HttpRequest *req,
                     GString          **out_body,
                     GError           **error);

/// azkb_remote_update() waiting up to @patience seconds without progress
/// (when more than the remote's timeout): for an update the server works
/// on long before it answers, such as the MOVE of a large graph.
gboolean remote_update_patiently(AzkbRemote *remote,
                                 const char *update,
                                 guint       patience,
                                 GError    **error);

/// Whether a failed request may succeed if sent again.
gboolean remote_error_is_transient(const AzkbRemote *remote,
                                   const GError     *error);

/// Seconds to wait before attempt @attempt (1, 2, 4, ... at most 30).
guint remote_backoff(guint attempt);

/// @text made safe for a message: control characters and bytes that are
/// not UTF-8 as \xNN, at most @max bytes of it.  (transfer full)
char *remote_escape_text(const char *text, gsize len, gsize max);

/// @url + "?graph=IRI" (or "&graph=" when it has a query already).
char *remote_graph_url(const char *url, const char *graph);

/// Check that @iri can go between < > in SPARQL and N-Triples.
gboolean remote_check_iri(const char *what, const char *iri, GError **error);

/// Read SPARQL 1.1 JSON results (SELECT or ASK).  (transfer full)
AzkbRemoteTable *remote_table_parse(const GString *body, GError **error);

/* ---- N-Triples terms (ntriples.c) ---- */

/// A term of an N-Triples line, unescaped.
typedef struct {
  AzkbRemoteTermKind kind;
  GString           *value;
  GString           *datatype; ///< empty: none
  GString           *lang;     ///< empty: none
} NtTerm;

void nt_term_init(NtTerm *t);
void nt_term_clear(NtTerm *t);

/**
 * Split N-Triples line @line (without its newline) into its three terms.
 * FALSE for a line that is not one triple (blank and comment lines are not
 * passed here).
 */
gboolean nt_parse_line(const char *line, gsize len, NtTerm out[3]);

/// A 128-bit key of a triple's terms, equal for equal RDF terms whatever
/// their escaping; the rdf:langString and xsd:string rules of RDF 1.1
/// applied, and a number or boolean keyed by its value (ntriples.c).
typedef AzkbKey128 TripleKey;

TripleKey nt_key(const NtTerm t[3]);

/// nt_key() of a triple as the exporter hands it over before writing it
/// (azkb_rdf_export_select()): the same key as its N-Triples line read
/// back with nt_parse_line() (tests/test-remote-keys.c).
TripleKey nt_key_terms(const AzkbRdfTerm t[3]);

/// Whether nt_append_term() writes @t exactly, as SPARQL reads it: not
/// with a NUL in it (its strings end there), nor an IRI (or datatype)
/// holding a character SPARQL's IRIREF excludes (`<>"{}|^`\`, space,
/// controls), which would end the IRI and let the rest of it read as
/// SPARQL.  A term read from a server may hold either (nt_parse_line()
/// takes \u escapes).
gboolean nt_term_nameable(const NtTerm *t);

/// Append @t in N-Triples/SPARQL syntax, escaped.
void nt_append_term(GString           *out,
                    AzkbRemoteTermKind kind,
                    const char        *value,
                    const char        *datatype,
                    const char        *lang);

/* ---- lines of a streamed reply (ntriples.c) ---- */

/// The longest line of a reply kept while it arrives: a server that sends
/// an endless line must not grow memory without bound.  An N-Triples line
/// of azkb's holds a literal of at most a paragraph; 16 MiB is far more.
#define NT_MAX_LINE ((gsize)16 * 1024 * 1024)

/// Splits a stream of blocks into lines (without their newline).
typedef struct {
  GString *partial;  ///< a line cut between two blocks
  gsize    max_line; ///< 0: NT_MAX_LINE
  gboolean (*func)(gpointer data, const char *line, gsize len, GError **error);
  gpointer data;
} NtLines;

void nt_lines_init(NtLines *l,
                   gboolean (*func)(gpointer, const char *, gsize, GError **),
                   gpointer data);
void nt_lines_clear(NtLines *l);

/// Hand each whole line of @data to the function; a line cut at the end
/// waits for the next block.  FALSE when the function fails or a line
/// grows past max_line (AZKB_REMOTE_ERROR_PROTOCOL).
gboolean nt_lines_feed(NtLines *l, const char *data, gsize len, GError **error);

/// After the last block: its last line, if it had no newline.
gboolean nt_lines_finish(NtLines *l, GError **error);

/* ---- the record of the last sync (record.c) ---- */

/// A triple's key and the index of its subject in a list of subjects.
typedef struct {
  TripleKey key;
  guint32   subject;
  /// sync: the ordinal of its line in the export (in what would otherwise
  /// be the struct's padding; a record does not keep it)
  guint32 line;
} KeyedTriple;

/// What a graph held after the last sync, as far as azkb knows.
typedef struct {
  GArray    *triples;  ///< KeyedTriple, sorted by key, no repeats
  GPtrArray *subjects; ///< char *: IRIs
  char      *data;     ///< the file while it is read
} SyncRecord;

/// Load the record of @graph on @remote's graph store; FALSE, and @rec
/// empty, if @remote keeps no records, there is none, or it does not read
/// exactly; *@out_other_version TRUE when it is a record of another
/// version of the format (another azkb wrote it, keying otherwise).
gboolean sync_record_load(const AzkbRemote *remote,
                          const char       *graph,
                          SyncRecord       *rec,
                          gboolean         *out_other_version);

/// Write the record of @graph (@triples sorted, their subjects)
/// atomically, creating its folder (mode 0700); FALSE if @remote keeps no
/// records or it could not be written (which only costs the next sync a
/// whole read).
gboolean sync_record_keep(const AzkbRemote *remote,
                          const char       *graph,
                          const GArray     *triples,
                          const GPtrArray  *subjects);

/// A map from subject IRI to its index + 1 in a list of subjects; the
/// keys belong to the list.  (transfer full)
GHashTable *sync_record_subject_index_new(void);

/// The index of @iri in @subjects, added (copied) if new.
guint32 sync_record_subject(GPtrArray  *subjects,
                            GHashTable *index,
                            const char *iri);

/// Sort @triples (KeyedTriple) by key and drop repeats.
void sync_record_sort(GArray *triples);

/// Remove the record of @graph, if any: the graph is about to change.
/// FALSE if a record is there and cannot be removed.
gboolean sync_record_forget(const AzkbRemote *remote,
                            const char       *graph,
                            GError          **error);

void sync_record_clear(SyncRecord *rec);

/// The @why of sync_record_parse() for a record of another version.
#define SYNC_RECORD_OTHER_VERSION "of another version of the format"

/// Read a record of @len bytes at @data that must be about @id (graph
/// store, newline, graph) into @rec (its strings copied; @rec->data is
/// left alone).  FALSE, @rec's arrays empty and @why saying what is wrong,
/// for anything but exactly a record.  (fuzz/fuzz-sync-record.c)
gboolean sync_record_parse(const void  *data,
                           gsize        len,
                           const char  *id,
                           SyncRecord  *rec,
                           const char **why);

/// The bytes of the record of @id holding @triples (sorted) and
/// @subjects.  (transfer full)
GString *sync_record_encode(const char      *id,
                            const GArray    *triples,
                            const GPtrArray *subjects);

/* ---- versioned graphs (version.c) ---- */

/// A version graph of a graph: its IRI and its number (from 1).
typedef struct {
  char   *iri;
  guint64 number;
} RemoteVersion;

/// What the catalog says of a graph.
typedef struct {
  GArray *published; ///< RemoteVersion: <G> published <V>
  GArray *made;      ///< RemoteVersion: <V> versionOf <G>
  GArray *replaced;  ///< RemoteVersion: <G> replaced <V> (a push in place)
  /// The newest published version (in @published), or NULL: the graph
  /// itself holds the data.
  const RemoteVersion *current;
  /// The highest number of a version published once (a pointer, or a
  /// pointer a push in place replaced), or 0: a version noted, never
  /// published and numbered above it may be under way (its push began
  /// after every version published so far), and may still be published.
  guint64 floor;
  guint64 newest;  ///< the highest number of any, or 0
  guint   foreign; ///< published IRIs that are no version of G
} RemoteCatalog;

/// The number of @iri if it is a version IRI of @graph
/// (@graph-azkb-vNNNNNNNNNN-TTTTTTTT), else 0.
guint64 remote_version_number(const char *graph, const char *iri);

/// A fresh version IRI of @graph, numbered one above any in @c (in
/// *@out_number), with a random tag; NULL, and
/// AZKB_REMOTE_ERROR_PROTOCOL, when @c holds the highest number a version
/// IRI can.  (transfer full)
char *remote_version_next(const char          *graph,
                          const RemoteCatalog *c,
                          guint64             *out_number,
                          GError             **error);

/// Read the catalog's entries for @graph into @out: the pointers, and
/// with @with_made the notes and the marks of pushes in place (one SELECT
/// each).
gboolean remote_catalog_read(AzkbRemote    *remote,
                             const char    *graph,
                             gboolean       with_made,
                             RemoteCatalog *out,
                             GError       **error);

void remote_catalog_clear(RemoteCatalog *c);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(RemoteCatalog, remote_catalog_clear)

/// Make @c's current the newest version it publishes that is older than
/// @version, number @number (which readers read now): the one they read
/// before it, or NULL; and its floor that of the versions older than
/// @version.
void remote_catalog_set_before(RemoteCatalog *c,
                               const char    *version,
                               guint64        number);

/// The update that adds (@verb "INSERT") or removes ("DELETE") the
/// catalog's note that @version is a version of @graph.  (transfer full)
char *remote_version_note_text(const char *verb,
                               const char *graph,
                               const char *version);

/// Note in the catalog that @version of @graph is being made.
gboolean remote_version_note(AzkbRemote *remote,
                             const char *graph,
                             const char *version,
                             GError    **error);

/// Just before the switch: whether @version (number @number) of @graph
/// may still be published.  AZKB_REMOTE_ERROR_SUPERSEDED when another push
/// published a version numbered at least @number meanwhile (readers would
/// never read this one, or, if a push in place replaced it since, would
/// not have while it was current: its push, which began later, won), or
/// removed @version (its note is gone).
gboolean remote_version_may_publish(AzkbRemote *remote,
                                    const char *graph,
                                    const char *version,
                                    guint64     number,
                                    GError    **error);

/// Publish @version as the current version of @graph (one INSERT DATA),
/// and check that readers now find it; the switch's time in
/// *@out_seconds.  On failure the error says what readers see.
gboolean remote_version_publish(AzkbRemote *remote,
                                const char *graph,
                                const char *version,
                                double     *out_seconds,
                                GError    **error);

/// After a push in place: mark the newest version @catalog (read after
/// the MOVE) publishes as replaced, then remove the pointers of @graph's
/// it lists, one at a time in an order where readers read the newest
/// version until they read @graph itself.
gboolean remote_version_unpublish(AzkbRemote          *remote,
                                  const char          *graph,
                                  const RemoteCatalog *catalog,
                                  GError             **error);

/// Remove the versions of @graph in @catalog numbered below @below, but
/// @catalog's current one (readers may be in the middle of reading it),
/// @keep, and those never published numbered above @catalog's floor (a
/// push may be uploading them, and may yet publish them): pointer, graph
/// (@patience seconds allowed), note and sync record, in that order.
/// Failures only leave a version for the next push; stats->dropped counts
/// the versions removed, cleanup_seconds the time.
void remote_version_retire(AzkbRemote          *remote,
                           const char          *graph,
                           const RemoteCatalog *catalog,
                           guint64              below,
                           const char          *keep,
                           guint                patience,
                           AzkbRemotePushStats *stats);

G_END_DECLS
