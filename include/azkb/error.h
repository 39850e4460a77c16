/* azkb — error domains, one per module.
 *
 * Every function that can fail takes a trailing `GError **error`, sets it if
 * and only if it fails, and returns FALSE or NULL.  Messages start with a
 * location where there is one (`file:line:column: ...` for data files,
 * `column N: ...` for query patterns, with the column also as data:
 * azkb_query_error_column()).  The library prints nothing and knows no exit
 * status: a program maps domain and code to its own (the azkb command's
 * are in src/cli/cli-exit.c).
 *
 * Threads: the domain functions are safe from any thread.
 */
#pragma once

#include <azkb/export.h>
#include <glib.h>

G_BEGIN_DECLS

#define AZKB_TIME_ERROR (azkb_time_error_quark())
/// Errors of the time module (dates and intervals).
typedef enum {
  AZKB_TIME_ERROR_INVALID_DATE,     ///< not a date, or not a real one
  AZKB_TIME_ERROR_INVALID_INTERVAL, ///< bad interval syntax, or start > end
} AzkbTimeError;

#define AZKB_STORE_ERROR (azkb_store_error_quark())
/// Errors of the store module.
typedef enum {
  AZKB_STORE_ERROR_UNKNOWN_ENTITY,   ///< no entity has that id or label
  AZKB_STORE_ERROR_AMBIGUOUS,        ///< a name matches several entities
  AZKB_STORE_ERROR_INVALID,          ///< a value the store cannot hold
  AZKB_STORE_ERROR_SNAPSHOT_CORRUPT, ///< a binary snapshot fails its checks
  AZKB_STORE_ERROR_IO,               ///< a file could not be read/written
} AzkbStoreError;

#define AZKB_RDF_ERROR (azkb_rdf_error_quark())
/// Errors of the RDF import/export module.
typedef enum {
  AZKB_RDF_ERROR_PARSE,  ///< malformed input (message has file:line:col)
  AZKB_RDF_ERROR_SHAPE,  ///< well-formed RDF that azkb cannot map
  AZKB_RDF_ERROR_FORMAT, ///< unknown syntax name, or a bad base IRI
  AZKB_RDF_ERROR_IO,     ///< a file could not be read or written
} AzkbRdfError;

#define AZKB_QUERY_ERROR (azkb_query_error_quark())
/// Errors of the query module.
typedef enum {
  AZKB_QUERY_ERROR_SYNTAX, ///< pattern syntax (azkb_query_error_column())
  AZKB_QUERY_ERROR_UNKNOWN_ENTITY,   ///< a node term names no entity
  AZKB_QUERY_ERROR_UNKNOWN_RELATION, ///< a step names no relation
  AZKB_QUERY_ERROR_UNKNOWN_CLASS,    ///< `?x:Class` names no class
  AZKB_QUERY_ERROR_INVALID_TIME,     ///< a bad `@time` or --at/--during
  AZKB_QUERY_ERROR_AMBIGUOUS,        ///< a name means several terms
  AZKB_QUERY_ERROR_TOO_LARGE,        ///< `{m,n}` expands past the limit
  AZKB_QUERY_ERROR_UNSUPPORTED,      ///< no SPARQL 1.1 equivalent exists
  AZKB_QUERY_ERROR_TIMEOUT,          ///< the evaluation ran past its timeout
} AzkbQueryError;

#define AZKB_DIAGRAM_ERROR (azkb_diagram_error_quark())
/// Errors of the diagram module.
typedef enum {
  AZKB_DIAGRAM_ERROR_TOO_LARGE, ///< more nodes than --max-nodes
  AZKB_DIAGRAM_ERROR_LAYOUT,    ///< Graphviz could not lay the graph out
  AZKB_DIAGRAM_ERROR_RENDER,    ///< Graphviz could not render the format
  AZKB_DIAGRAM_ERROR_IO,        ///< a file could not be written
  AZKB_DIAGRAM_ERROR_EMPTY,     ///< the selection holds no node
} AzkbDiagramError;

#define AZKB_REMOTE_ERROR (azkb_remote_error_quark())
/// Errors of the remote module (a SPARQL store over HTTP).
typedef enum {
  AZKB_REMOTE_ERROR_INVALID, ///< a bad URL, graph IRI or option
  AZKB_REMOTE_ERROR_CONNECT, ///< no connection (refused, unknown host)
  /// no answer within the caller's wait (AzkbRemoteOptions.timeout): the
  /// network, or a server that says nothing
  AZKB_REMOTE_ERROR_TIMEOUT,
  AZKB_REMOTE_ERROR_AUTH,        ///< 401/403: credentials refused
  AZKB_REMOTE_ERROR_HTTP,        ///< another HTTP error status
  AZKB_REMOTE_ERROR_PROTOCOL,    ///< a reply azkb cannot read, a cut reply
  AZKB_REMOTE_ERROR_MISMATCH,    ///< the server's count is not what was sent
  AZKB_REMOTE_ERROR_UNSUPPORTED, ///< the server cannot answer this exactly
  AZKB_REMOTE_ERROR_TLS,         ///< the certificate could not be verified
  AZKB_REMOTE_ERROR_INTERRUPTED, ///< stopped by the caller (a signal)
  AZKB_REMOTE_ERROR_TOO_LARGE,   ///< the data needed is more than its limit
  /// the server refused a request past a limit set in its configuration
  AZKB_REMOTE_ERROR_SERVER_LIMIT,
  /// the server stopped a request at a time limit of its own
  /// configuration (Virtuoso: MaxQueryExecutionTime, SR171; or
  /// MaxQueryCostEstimationTime), which the caller's wait does not change
  AZKB_REMOTE_ERROR_SERVER_TIMEOUT,
  /// a versioned push lost to another push of the same graph, which
  /// published a version at least as new meanwhile (and may have removed
  /// this push's version)
  AZKB_REMOTE_ERROR_SUPERSEDED,
} AzkbRemoteError;

AZKB_API GQuark azkb_time_error_quark(void);
AZKB_API GQuark azkb_store_error_quark(void);
AZKB_API GQuark azkb_rdf_error_quark(void);
AZKB_API GQuark azkb_query_error_quark(void);
AZKB_API GQuark azkb_diagram_error_quark(void);
AZKB_API GQuark azkb_remote_error_quark(void);

G_END_DECLS
