/* azkb — linked data in and out through raptor2.
 *
 * The only module that speaks RDF.  It maps store terms to IRIs under a base
 * (entities at BASE "id/SLUG", ontology terms at BASE "ontology#NAME") and
 * qualified statements to rdf:Statement nodes.  The exact shape is in the
 * doc/linked-data.md ("Linked data").
 *
 * Threads: an import or an export uses its store alone (azkb/store.h);
 * imports and exports of different stores run on two threads at once, each
 * with a raptor world of its own (src/rdf/world.c), and a file written
 * through a temporary name of its own.  A large import starts a second
 * thread of its own for the time of the call.  tests/test-threads.c runs
 * them so under ThreadSanitizer.
 */
#pragma once

#include <azkb/export.h>
#include <azkb/store.h>
#include <gio/gio.h>
#include <glib.h>

AZKB_API G_BEGIN_DECLS

/// The base IRI used when none is given.
#define AZKB_RDF_DEFAULT_BASE "http://azkb.example/"

/**
 * Load @path (syntax by @format, or by extension when NULL) into @store.
 * All or nothing: on error @store is unchanged and @error says
 * `path:line:column: message`.  @base NULL means AZKB_RDF_DEFAULT_BASE.
 */
gboolean azkb_rdf_import_file(AzkbStore  *store,
                              const char *path,
                              const char *format,
                              const char *base,
                              GError    **error);

/**
 * Declare @prefix for namespace @iri in @store (azkb_store_add_namespace()),
 * with the names its terms take when read under @base (NULL:
 * AZKB_RDF_DEFAULT_BASE): then `prefix:local` and `<IRI>` name them.  An
 * import declares its file's prefixes itself.
 */
AZKB_API void azkb_rdf_add_namespace(AzkbStore  *store,
                                     const char *prefix,
                                     const char *iri,
                                     const char *base);

/// Declare az:, azo: (under @base, NULL for the default) and the
/// well-known vocabularies (rdf, rdfs, owl, xsd, skos, prov, dcterms).
AZKB_API void azkb_rdf_add_default_namespaces(AzkbStore  *store,
                                              const char *base);

/**
 * The canonical name (turtle, ntriples, ...) of the syntax @format names (a
 * name in any case, or an extension); with @format NULL, of the one
 * @path's extension names.  NULL when that names none.  (transfer none)
 */
AZKB_API const char *azkb_rdf_syntax_name(const char *format, const char *path);

/// Load the bundled ontology and knowledge base (embedded in the library).
AZKB_API gboolean azkb_rdf_import_bundled(AzkbStore *store, GError **error);

/// What one import read, for a summary line.
typedef struct {
  guint64 triples;         ///< triples parsed
  guint   entities;        ///< distinct entities mentioned
  guint   statements;      ///< statements made (nodes and direct triples)
  guint   statement_nodes; ///< rdf:Statement nodes among the subjects
} AzkbRdfImportStats;

/// azkb_rdf_import_file(), also filling @out_stats (may be NULL) on success.
AZKB_API gboolean azkb_rdf_import_file_stats(AzkbStore          *store,
                                             const char         *path,
                                             const char         *format,
                                             const char         *base,
                                             AzkbRdfImportStats *out_stats,
                                             GError            **error);

/// Progress of a load (@done of @total bytes of the file parsed) or of an
/// export (@done of @total subjects written).
typedef void (*AzkbRdfProgressFunc)(guint64  done,
                                    guint64  total,
                                    gpointer user_data);

/**
 * azkb_rdf_import_file_stats(), also calling @progress (may be NULL) after
 * each chunk the parser reads (@total 0 while the size is unknown, as for
 * a pipe); the last call has @done == @total, after which the statements
 * are resolved and the store is built.
 */
AZKB_API gboolean azkb_rdf_import_file_full(AzkbStore          *store,
                                            const char         *path,
                                            const char         *format,
                                            const char         *base,
                                            AzkbRdfProgressFunc progress,
                                            gpointer            progress_data,
                                            AzkbRdfImportStats *out_stats,
                                            GError            **error);

/// How azkb_rdf_import_file_with() reads, besides path, format and base.
/// Zero-initialised, it reads as azkb_rdf_import_file() does.
typedef struct {
  AzkbRdfProgressFunc progress; ///< or NULL: see azkb_rdf_import_file_full()
  gpointer            progress_data;
  /// Turtle is handed to raptor in pieces of about this many bytes, cut
  /// between statements, with the prefixes declared so far repeated before
  /// each: raptor keeps copies of the text it parses, and a piece bounds
  /// them.  0: 4 MiB.  The store loaded is the same whatever the size.
  gsize piece_bytes;
  /// Distinct terms (IRIs, blank nodes, literals) the import holds at
  /// most; one more is refused with AZKB_RDF_ERROR_PARSE at its line.
  /// 0: the most an import can hold, 2^30 - 1 (its term table's limit).
  guint32 max_terms;
} AzkbRdfImportOptions;

/// azkb_rdf_import_file_full() as @options (NULL: the defaults) say.
AZKB_API gboolean azkb_rdf_import_file_with(AzkbStore                  *store,
                                            const char                 *path,
                                            const char                 *format,
                                            const char                 *base,
                                            const AzkbRdfImportOptions *options,
                                            AzkbRdfImportStats *out_stats,
                                            GError            **error);

/**
 * Load RDF read from @input, once, up to its end (a pipe, a FIFO, standard
 * input or a file).  @name is used in messages and, when @format is NULL,
 * for the syntax; @size is the input's length for @progress (0: unknown).
 * All or nothing, like azkb_rdf_import_file().
 */
AZKB_API gboolean azkb_rdf_import_stream(AzkbStore          *store,
                                         GInputStream       *input,
                                         const char         *name,
                                         const char         *format,
                                         const char         *base,
                                         guint64             size,
                                         AzkbRdfProgressFunc progress,
                                         gpointer            progress_data,
                                         AzkbRdfImportStats *out_stats,
                                         GError            **error);

/**
 * Load RDF held in memory.  @name is used in messages (`name:line: ...`),
 * in load locations and, when @format is NULL, for the syntax.  All or
 * nothing, like azkb_rdf_import_file().
 */
AZKB_API gboolean azkb_rdf_import_bytes(AzkbStore          *store,
                                        GBytes             *data,
                                        const char         *name,
                                        const char         *format,
                                        const char         *base,
                                        AzkbRdfImportStats *out_stats,
                                        GError            **error);

/// What an export writes.
typedef enum {
  AZKB_RDF_EXPORT_DATA     = 1 << 0, ///< entities, statements, sources
  AZKB_RDF_EXPORT_ONTOLOGY = 1 << 1, ///< classes, relations, properties
} AzkbRdfExportFlags;

/**
 * Write @store as RDF through raptor2's serializers (doc/linked-data.md
 * "Linked data shape"), in a deterministic order: subjects sorted, statement
 * IRIs derived from content.  @format is turtle, ntriples, nquads, rdfxml or
 * json; NULL picks it from @path's extension (turtle when that says nothing).
 * @path NULL or "-" writes to stdout; a file is written to a temporary file
 * in the same directory and renamed into place, so on error no file is left
 * and an existing one is untouched.  @base NULL means AZKB_RDF_DEFAULT_BASE.
 * N-Triples and N-Quads stream as they go; the pretty writers (turtle,
 * rdfxml, json) hold the whole graph in raptor until the end.
 */
AZKB_API gboolean azkb_rdf_export_file(AzkbStore         *store,
                                       const char        *path,
                                       const char        *format,
                                       const char        *base,
                                       AzkbRdfExportFlags flags,
                                       GError           **error);

/**
 * azkb_rdf_export_file() of the graph as it stood at @at (a date or an
 * interval; NULL or undated: the whole graph): the statements whose span
 * overlaps @at (azkb_interval_overlaps(): an open end runs to the present,
 * an unknown end covers only its start's own range) and the undated ones,
 * which hold at every time; every entity with its classes, labels and
 * attributes, which are timeless.  The rule `azkb dot --at` draws by.
 */
AZKB_API gboolean azkb_rdf_export_file_at(AzkbStore          *store,
                                          const char         *path,
                                          const char         *format,
                                          const char         *base,
                                          AzkbRdfExportFlags  flags,
                                          const AzkbInterval *at,
                                          GError            **error);

/// How azkb_rdf_export_file_full() writes, besides format and base.
typedef struct {
  AzkbRdfExportFlags  flags;    ///< what to write
  const AzkbInterval *at;       ///< NULL: the whole graph (see _at())
  const AzkbDate     *present;  ///< where open ends run to; NULL: today
  AzkbRdfProgressFunc progress; ///< or NULL: subjects written of all
  gpointer            progress_data;
  /// The most raptor terms kept made for reuse, rounded down to a power of
  /// two; 0: enough for every term of a store of two million (about 150
  /// bytes each).  Fewer bound the memory at the cost of making a term
  /// again when it comes back; the output is the same bytes.
  guint term_cache;
} AzkbRdfExportOptions;

/**
 * azkb_rdf_export_file_at() as @options say, calling @options->progress
 * every few thousand subjects with the subjects written so far and their
 * number (a pretty writer goes over them twice, the first time to collect
 * the namespaces: each pass counts half), and once with @done == @total
 * before the output is committed.
 */
AZKB_API gboolean azkb_rdf_export_file_full(AzkbStore                  *store,
                                            const char                 *path,
                                            const char                 *format,
                                            const char                 *base,
                                            const AzkbRdfExportOptions *options,
                                            GError                    **error);

/**
 * Where azkb_rdf_export_to_func() sends its bytes, in blocks of up to a
 * few hundred kB.  Returns FALSE, setting @error, to stop the export.
 */
typedef gboolean (*AzkbRdfWriteFunc)(const void *data,
                                     gsize       len,
                                     gpointer    user_data,
                                     GError    **error);

/**
 * azkb_rdf_export_file() to a function instead of a file: @format is
 * required; the output is the same bytes.  A @write that fails stops the
 * export after the subject it was writing, and its error is returned.  For
 * `ntriples` the blocks end anywhere, not at line ends.
 */
AZKB_API gboolean azkb_rdf_export_to_func(AzkbStore         *store,
                                          const char        *format,
                                          const char        *base,
                                          AzkbRdfExportFlags flags,
                                          AzkbRdfWriteFunc   write,
                                          gpointer           write_data,
                                          GError           **error);

/// The kind of a term handed to an AzkbRdfSelectFunc.
typedef enum {
  AZKB_RDF_TERM_IRI,     ///< an IRI, absolute (the export's base applied)
  AZKB_RDF_TERM_BLANK,   ///< a blank node: its label as the export writes it
  AZKB_RDF_TERM_LITERAL, ///< a literal (and its datatype or language tag)
} AzkbRdfTermKind;

/// A term of an exported triple as it goes to the N-Triples writer:
/// unescaped, each string NUL-terminated and valid for the call only.
typedef struct {
  AzkbRdfTermKind kind;
  const char     *value;    ///< the IRI, the blank node's label or the literal
  gsize           len;      ///< bytes of @value
  const char     *datatype; ///< a literal's datatype IRI, or NULL
  const char     *lang;     ///< a literal's language tag, or NULL
} AzkbRdfTerm;

/**
 * Called by azkb_rdf_export_select() with each triple of the export, in
 * the order of the N-Triples export; sets *@out_write to have it written.
 * Returns FALSE, setting @error, to stop the export.
 */
typedef gboolean (*AzkbRdfSelectFunc)(const AzkbRdfTerm triple[3],
                                      gboolean         *out_write,
                                      gpointer          user_data,
                                      GError          **error);

/**
 * azkb_rdf_export_to_func() in N-Triples of the triples @select keeps:
 * each triple is handed to @select as its terms, and only those it keeps
 * are written to @write, the same lines as in the whole export, one per
 * triple, in its order.  A caller that only reads the terms keeps none,
 * and nothing is formatted.  @user_data goes to both functions.  A
 * failing @select or @write stops the export after the subject at hand.
 */
AZKB_API gboolean azkb_rdf_export_select(AzkbStore         *store,
                                         const char        *base,
                                         AzkbRdfExportFlags flags,
                                         AzkbRdfSelectFunc  select,
                                         AzkbRdfWriteFunc   write,
                                         gpointer           user_data,
                                         GError           **error);

G_END_DECLS
