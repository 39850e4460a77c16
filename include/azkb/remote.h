/* azkb — a running SPARQL store as the other end: push, sync, query.
 *
 * azkb never runs a server of its own; it speaks the W3C protocols to one
 * (Virtuoso, Fuseki, GraphDB, Oxigraph server, QLever, ...) over HTTP,
 * through libcurl:
 *   - SPARQL 1.1 Graph Store HTTP Protocol (PUT replaces a named graph,
 *     POST adds to it) to upload N-Triples, in chunks of bounded size, so
 *     the data in flight does not grow with the graph (a replacing push
 *     with a state_dir keeps its record, about 24 bytes a triple);
 *   - SPARQL 1.1 Update (MOVE, DROP, INSERT DATA, DELETE DATA) to switch a
 *     freshly uploaded graph in and to apply a difference;
 *   - SPARQL 1.1 Protocol queries, answered as SPARQL JSON results.
 *
 * Nothing here reads the environment or the command line, and no file but
 * the sync records in the folder the caller names (state_dir): the
 * caller hands over the credentials (the CLI reads them from a variable, a
 * file or ~/.netrc; never from its arguments).  Messages never hold the
 * password; text a server sends is escaped before it reaches a message.
 * TLS certificates are always verified.  Threads: no object here is
 * thread-safe; two remotes may be used on two threads at once (libcurl is
 * initialised once, whoever comes first).
 */
#pragma once

#include <azkb/query.h>
#include <azkb/store.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _AzkbRemote AzkbRemote;

/// How to authenticate.
typedef enum {
  AZKB_REMOTE_AUTH_ANY    = 0, ///< whatever the server asks for
  AZKB_REMOTE_AUTH_BASIC  = 1, ///< HTTP Basic (only over TLS, please)
  AZKB_REMOTE_AUTH_DIGEST = 2, ///< HTTP Digest
} AzkbRemoteAuth;

/// Where the store is and how to talk to it.  Strings are copied.
typedef struct {
  const char    *endpoint;    ///< SPARQL query and update endpoint (http/s)
  const char    *graph_store; ///< Graph Store endpoint; NULL: @endpoint
  const char    *user;        ///< NULL: no credentials (or ~/.netrc's)
  const char    *password;    ///< with @user
  const char    *netrc_file;  ///< take missing credentials from it; or NULL
  AzkbRemoteAuth auth;
  guint          connect_timeout; ///< seconds to connect; 0: 10
  guint          timeout; ///< seconds without progress before giving up; 0: 60
  guint          retries; ///< attempts after a failed chunk; G_MAXUINT: 0
  /// When *interrupted becomes non-zero (a signal handler sets it), the
  /// request under way stops and the operation fails with
  /// AZKB_REMOTE_ERROR_INTERRUPTED, after its clean-up.  May be NULL.
  const volatile int *interrupted;
  /// A folder where azkb_remote_sync() keeps a record of what it left in
  /// each graph (one file per graph store and graph), so that the next
  /// sync reads back from the server only the subjects whose triples
  /// changed.  NULL: no record; every sync reads the whole graph.
  const char *state_dir;
  /// Sync: read the whole graph even when a record would do (the record
  /// is written again).  For a graph that others may have changed.
  gboolean reread;
  /// The whole of the remote's work, every request of it, stops at the
  /// latest this many milliseconds after azkb_remote_new(), whatever the
  /// server does (one that keeps sending, however slowly, is never
  /// without progress): AZKB_REMOTE_ERROR_TIMEOUT.  0: no limit but
  /// @timeout's.  For a query; a push or a sync takes as long as the data
  /// does.
  guint time_limit_ms;
} AzkbRemoteOptions;

/**
 * A connection description for @options.  Refuses, with
 * AZKB_REMOTE_ERROR_INVALID, a URL that is not http:// or https://, or one
 * with credentials written into it.  Connects to nothing yet.
 * (transfer full)
 */
AZKB_API AzkbRemote *azkb_remote_new(const AzkbRemoteOptions *options,
                                     GError                 **error);

/// Free @remote.  Accepts NULL.
AZKB_API void azkb_remote_free(AzkbRemote *remote);

/* ---- push ---- */

/// How azkb_remote_push() changes the graph.
typedef enum {
  AZKB_REMOTE_PUSH_REPLACE = 0,      ///< the graph becomes the store
  AZKB_REMOTE_PUSH_APPEND  = 1 << 0, ///< add the store to the graph (POST)
  /// Replacing on Virtuoso: the switch writes nothing to the server's
  /// transaction log (`DEFINE sql:log-enable 0`), so that no
  /// TransactionAfterImageLimit stops it; still one transaction (all or
  /// nothing if it fails; Virtuoso 7.2.5 lets readers see part of it while
  /// it runs, as with a logged MOVE), but durable only from the server's
  /// next checkpoint: a crash before it brings back the old graph, whole,
  /// and the temporary one, so no sync record is written (the next sync
  /// reads the whole graph).  Refused on another server; no effect with
  /// AZKB_REMOTE_PUSH_APPEND, which switches nothing.
  AZKB_REMOTE_PUSH_UNLOGGED_SWITCH = 1 << 1,
  /// Replacing through versions: upload into a new version graph of the
  /// graph and publish it in the catalog (AZKB_REMOTE_CATALOG) with one
  /// triple; readers (azkb_remote_current_graph()) see the old data or the
  /// new, whole, on any store, and nothing is copied.  Not with
  /// AZKB_REMOTE_PUSH_APPEND or AZKB_REMOTE_PUSH_UNLOGGED_SWITCH.
  AZKB_REMOTE_PUSH_VERSIONED = 1 << 2,
} AzkbRemotePushFlags;

/// Progress of a push or sync: @done of about @total triples sent.
typedef void (*AzkbRemoteProgressFunc)(guint64  done,
                                       guint64  total,
                                       gpointer user_data);

/// What a push or sync did.
typedef struct {
  guint64 triples;        ///< triples the store exported (push) or holds (sync)
  guint64 sent;           ///< triples sent (push: all; sync: inserted+deleted)
  guint64 inserted;       ///< sync: triples inserted
  guint64 deleted;        ///< sync: triples deleted
  guint64 requests;       ///< HTTP requests that changed data
  guint   retries;        ///< failed requests sent again
  guint64 remote;         ///< triples in the graph afterwards (the count check)
  double  seconds;        ///< wall time
  double  switch_seconds; ///< push replacing: the switch (MOVE) alone
  guint64 read;           ///< sync: triples read back from the server
  /// sync: the record of the last sync was trusted (only the changed
  /// subjects were read back)
  gboolean from_record;
  /// sync: a record was written for the next sync
  gboolean recorded;
  guint64  version; ///< versioned push: the number of the version published
  guint    dropped; ///< replacing: old versions of the graph removed
  double   cleanup_seconds; ///< replacing: removing them
  /// sync: the record of the last sync was of another version of azkb's
  /// format (its keys made otherwise), so the whole graph was read; the
  /// record written now is of this version
  gboolean record_other_version;
} AzkbRemotePushStats;

/**
 * Upload @store, exported as N-Triples under @base (NULL: the default),
 * into named graph @graph.
 *
 * Replacing (the default) uploads into a fresh temporary graph
 * (@graph + "-azkb-push-" + a random suffix) with the Graph Store Protocol
 * in chunks of at most @chunk_bytes (0: 4 MiB), checks its triple count,
 * then switches it in with `MOVE` (one SPARQL Update, one transaction:
 * readers of a store that isolates them from an update in progress see the
 * old graph or the new one, never half of one; Virtuoso 7.2.5 does not
 * isolate them) and checks @graph's count.  A
 * push that fails before the MOVE leaves @graph untouched; the error names
 * the temporary graph and the `DROP SILENT GRAPH` that removes it (the push
 * tries that itself first).  If the catalog publishes versions of @graph
 * (an earlier versioned push), their pointers are removed after the MOVE,
 * one at a time, oldest first, so that readers read the newest version
 * until they read @graph again; the newest is marked as replaced first
 * (AZKB_REMOTE_REPLACED).  A MOVE that Virtuoso refuses because its
 * transaction log would pass the server's TransactionAfterImageLimit (a
 * graph of some hundred thousand triples with the default limit) leaves
 * @graph unchanged too: AZKB_REMOTE_ERROR_SERVER_LIMIT, naming the setting
 * (or use AZKB_REMOTE_PUSH_UNLOGGED_SWITCH).  With AZKB_REMOTE_PUSH_APPEND
 * the chunks are
 * POSTed into @graph's current version (@graph itself if it has none),
 * and the check is that it holds at least the triples sent.
 *
 * With AZKB_REMOTE_PUSH_VERSIONED the chunks go into a new version graph
 * instead (@graph + "-azkb-v" + a 10-digit number one above any the
 * catalog knows for @graph + "-" + 8 random hex digits), noted in the
 * catalog before the upload; once its count is checked, one `INSERT DATA`
 * of `<@graph> urn:azkb:published <version>` into the catalog is the
 * switch, and readers that look the current version up
 * (azkb_remote_current_graph(), or the catalog's greatest published IRI)
 * see the old data or the new, never a part, on any store; no triple is
 * copied.  @graph's own triples, if any, stay.  A push that fails before
 * the switch leaves the pointer as it was and removes its version (or
 * says how, and the next versioned push removes it).  The version is
 * published only if no version numbered as high is published meanwhile
 * (another push that began later, or at the same moment, and published
 * first), or was and a push in place replaced it: otherwise, or if another push
 * removed this one's version while it was uploaded,
 * AZKB_REMOTE_ERROR_SUPERSEDED, and the version is removed.  So of two pushes
 * at once the later to publish wins.
 *
 * Replacing either way, after the switch, the versions of @graph older
 * than the one readers read just before the switch reached them (the
 * catalog is read again for it: another push may have published one
 * meanwhile) are removed (pointer, graph, note); that one is kept for
 * readers still in the middle of it, until the next push.  A version
 * noted and never published is removed only once a version numbered as
 * high was published (its push, if under way, can only fail).
 *
 * A chunk that fails for a reason that may pass (no connection, a timeout,
 * a 5xx, a cut reply) is sent again after 1, 2, 4, ... seconds, up to the
 * options' retries; re-sending is harmless, as an RDF graph is a set and
 * azkb's export has no blank nodes.  A store whose export holds blank
 * nodes is refused (AZKB_REMOTE_ERROR_UNSUPPORTED): their labels would not
 * join up across chunks.  @progress (may be NULL) is called after each
 * chunk.
 */
AZKB_API gboolean azkb_remote_push(AzkbRemote            *remote,
                                   AzkbStore             *store,
                                   const char            *graph,
                                   const char            *base,
                                   AzkbRemotePushFlags    flags,
                                   gsize                  chunk_bytes,
                                   AzkbRemoteProgressFunc progress,
                                   gpointer               progress_data,
                                   AzkbRemotePushStats   *out_stats,
                                   GError               **error);

/**
 * Make @graph equal to @store's N-Triples export by sending only the
 * difference: the graph's triples are read from the server (one Graph
 * Store GET), compared with the export, and the triples to remove and to
 * add go as `DELETE DATA` and Graph Store POSTs in batches of at most
 * @batch triples (0: 2000; Virtuoso's SPARQL compiler runs out of memory
 * on a DELETE DATA of about 5000).  Nothing is sent when nothing differs.
 * The count is checked at the end.  A missing graph is treated as empty.
 * A versioned graph is synced in its current version, in place (readers
 * may see a sync in part, as with any graph).
 *
 * With the options' state_dir, a sync that succeeds writes a record of the
 * graph it left; the next sync of the same graph, if the server still
 * counts the record's number of triples, compares the store with the
 * record and reads back only the triples of the subjects that differ
 * (SPARQL CONSTRUCT with VALUES), not the whole graph.  A change made by
 * someone else that keeps the count is not seen then: set reread for a
 * graph that others write.  A push that replaces the graph writes its
 * record too (so a push keeps the keys and subjects of what it sends, about
 * 24 bytes a triple); a push that appends removes it.  A record that
 * cannot be removed before a change stops the change.
 */
AZKB_API gboolean azkb_remote_sync(AzkbRemote            *remote,
                                   AzkbStore             *store,
                                   const char            *graph,
                                   const char            *base,
                                   guint                  batch,
                                   AzkbRemoteProgressFunc progress,
                                   gpointer               progress_data,
                                   AzkbRemotePushStats   *out_stats,
                                   GError               **error);

/* ---- versioned graphs ---- */

/// The graph where azkb notes the versions of the graphs it pushes with
/// AZKB_REMOTE_PUSH_VERSIONED.
#define AZKB_REMOTE_CATALOG "urn:azkb:catalog"
/// `<G> urn:azkb:published <V>`: version graph V of graph G is complete
/// and readers may read it; G's current version is its newest published
/// one (of G's versions, the greatest IRI as a string).
#define AZKB_REMOTE_PUBLISHED "urn:azkb:published"
/// `<V> urn:azkb:versionOf <G>`: a push made (or began) version graph V
/// of graph G; noted before the upload, so that a later push can remove
/// it if the push that began it died.
#define AZKB_REMOTE_VERSION_OF "urn:azkb:versionOf"
/// `<G> urn:azkb:replaced <V>`: a push in place removed the pointers of
/// graph G, the newest to version V.  Kept after V itself is removed: no
/// version numbered up to V's may be published after that (a version
/// that newer was published once), whatever the pointers say now.
#define AZKB_REMOTE_REPLACED "urn:azkb:replaced"

/**
 * The graph that holds @graph's data now: the current version of @graph
 * if a versioned push published one (the newest of the catalog's
 * `<@graph> urn:azkb:published ?v` that has the form of a version of
 * @graph, `@graph-azkb-vNUMBER-TAG`), else @graph itself.  Every reader
 * here (azkb_remote_query(), azkb_remote_fetch_entity(),
 * azkb_remote_fetch_path(), azkb_remote_sync() and an appending push)
 * reads through it first.  Errors: those of azkb_remote_select(), and
 * AZKB_REMOTE_ERROR_PROTOCOL when the catalog publishes for @graph only
 * IRIs that are not its versions.  (transfer full)
 */
AZKB_API char *azkb_remote_current_graph(AzkbRemote *remote,
                                         const char *graph,
                                         GError    **error);

/* ---- queries ---- */

/// The kind of an RDF term in a result.
typedef enum {
  AZKB_REMOTE_UNBOUND = 0,
  AZKB_REMOTE_IRI,
  AZKB_REMOTE_LITERAL,
  AZKB_REMOTE_BLANK,
} AzkbRemoteTermKind;

/// One cell of a result.  Strings are owned by the table.
typedef struct {
  AzkbRemoteTermKind kind;
  const char        *value;    ///< IRI, lexical form or blank label
  const char        *datatype; ///< a literal's datatype IRI, or NULL
  const char        *lang;     ///< a literal's language tag, or NULL
} AzkbRemoteTerm;

typedef struct _AzkbRemoteTable AzkbRemoteTable;

/**
 * Run SPARQL @query (SELECT or ASK) on the endpoint and read its JSON
 * results; with @default_graph (may be NULL) as the query's default graph
 * (the protocol's default-graph-uri).  An ASK gives a table with no columns and
 * one row when true, none when false.  Errors: AZKB_REMOTE_ERROR_* for the
 * transport and the server (its message included, escaped), PROTOCOL for
 * results that are not SPARQL JSON.  (transfer full)
 */
AZKB_API AzkbRemoteTable *azkb_remote_select(AzkbRemote *remote,
                                             const char *query,
                                             const char *default_graph,
                                             GError    **error);

/**
 * Answer path pattern @query on the store: its SPARQL form
 * (azkb_query_to_sparql_full() under @base) sent to the endpoint, over
 * @graph as the default graph (NULL: the server's default), and the
 * answer's IRIs mapped back to @query's store terms, so the result prints
 * as a local one (a versioned @graph is read in its current version,
 * azkb_remote_current_graph()).  Errors: those of azkb_query_to_sparql() (a
 * pattern with no exact SPARQL form), of azkb_remote_select(), and
 * AZKB_REMOTE_ERROR_UNSUPPORTED for a query the server cannot evaluate
 * exactly (Virtuoso: a transitive path without a bound end) and for a
 * result column that is not an entity (a literal, a time, sources, when:
 * refused before anything is sent).
 * (transfer full)
 */
AZKB_API AzkbResult *azkb_remote_query(AzkbRemote *remote,
                                       AzkbQuery  *query,
                                       const char *base,
                                       const char *graph,
                                       GError    **error);

/* ---- a part of the graph, read into a local store ---- */

/**
 * Read from the endpoint (over @graph as the default graph, its current
 * version if it is versioned; NULL: the server's default) the part of the
 * graph that describes the entity @name, into a fresh store, as azkb's
 * RDF import reads it under @base
 * (NULL: the default): every statement with the entity at either end,
 * whole (time, sources, qualifiers), its classes, labels and attributes,
 * the names of the nodes at the other ends, the sources cited, whole, and
 * for a source, the statements citing it.  What prints a local entity card
 * or timeline prints the same from it.
 *
 * @name is found as a local lookup finds it, among the entities the server
 * lists for it: the id (under @base's id/ or ontology#), an `<IRI>`, or an
 * IRI or label equal to @name up to letter case (SPARQL LCASE; a label that
 * differs only in accents is not found there).  *@out_entity is its term.
 * At most @max_triples distinct triples are read (0: 1,000,000); more is
 * AZKB_REMOTE_ERROR_TOO_LARGE, never a part.  Errors: those of the
 * transport (azkb_remote_select()), AZKB_STORE_ERROR_UNKNOWN_ENTITY and
 * _AMBIGUOUS for the name, AZKB_RDF_ERROR for an answer the import refuses.
 * (transfer full)
 */
AZKB_API AzkbStore *azkb_remote_fetch_entity(AzkbRemote *remote,
                                             const char *graph,
                                             const char *base,
                                             const char *name,
                                             guint64     max_triples,
                                             AzkbTermId *out_entity,
                                             GError    **error);

/**
 * The shortest connections between the entities @from_name and @to_name
 * (found as azkb_remote_fetch_entity() finds a name) in the server's graph,
 * as azkb_path_find() gives them with @options on the whole graph: the
 * graph is read around both ends, a level of statements at a time on the
 * side that has fewer nodes to read, until a connection lies within reach
 * of both or the hop limit is reached.  Returns the store read (the terms
 * of the connections are its own), the ends' terms and the connections
 * (GPtrArray of GArray of AzkbHop, empty when none; the same entity at
 * both ends gives none).  At most @max_triples distinct triples are read
 * in all (0: 1,000,000), else AZKB_REMOTE_ERROR_TOO_LARGE.  Errors as
 * azkb_remote_fetch_entity() and azkb_path_find().  (transfer full)
 */
AZKB_API AzkbStore *azkb_remote_fetch_path(AzkbRemote            *remote,
                                           const char            *graph,
                                           const char            *base,
                                           const char            *from_name,
                                           const char            *to_name,
                                           const AzkbPathOptions *options,
                                           guint64                max_triples,
                                           AzkbTermId            *out_from,
                                           AzkbTermId            *out_to,
                                           GPtrArray            **out_paths,
                                           GError               **error);

/// Run SPARQL 1.1 Update @update on the endpoint.
AZKB_API gboolean azkb_remote_update(AzkbRemote *remote,
                                     const char *update,
                                     GError    **error);

/// The number of triples in named graph @graph.
AZKB_API gboolean azkb_remote_count(AzkbRemote *remote,
                                    const char *graph,
                                    guint64    *out_count,
                                    GError    **error);

/// Free @table.  Accepts NULL.
AZKB_API void azkb_remote_table_free(AzkbRemoteTable *table);

/// Number of columns (variables), in the order the results list them.
AZKB_API guint azkb_remote_table_n_columns(const AzkbRemoteTable *table);

/// Name of column @column, without `?`.  (transfer none)
AZKB_API const char *azkb_remote_table_column(const AzkbRemoteTable *table,
                                              guint                  column);

/// Number of rows.
AZKB_API guint azkb_remote_table_n_rows(const AzkbRemoteTable *table);

/// Cell @column of row @row.  (transfer none)
AZKB_API const AzkbRemoteTerm *
azkb_remote_table_cell(const AzkbRemoteTable *table, guint row, guint column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AzkbRemote, azkb_remote_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(AzkbRemoteTable, azkb_remote_table_free)

G_END_DECLS
