/* azkb — what import.c, resolve.c and export.c share: the vocabularies, the
 * syntaxes, and the one mapping between IRIs and store term names.
 *
 * Term names (see doc/linked-data.md, "Linked data shape"):
 *   BASE id/SLUG          <->  "SLUG"          (entities, sources)
 *   BASE ontology#NAME    <->  "NAME"          (classes, relations, properties)
 *   a well-known IRI      <->  "prefix:local"  (rdf, rdfs, owl, xsd, skos,
 *                                               prov, dcterms)
 *   any other IRI         <->  "<iri>"
 *   a blank node          <->  "_:label"
 * A plain name thus stands for two IRIs; the term's kind picks one (classes,
 * relations and properties live in the ontology, entities and sources under
 * id/).  A slug that would not read back as itself (empty, or holding ':'
 * or starting with '<' or '_') is kept as a full "<iri>" instead, and so
 * is an IRI used against its namespace (an id/ IRI as a relation, an
 * ontology# IRI as a source: see resolve.c resolve()), which its kind would
 * otherwise write back as the other IRI.
 */
#pragma once

#include "src/util/iri.h"

#include <azkb/rdf.h>
#include <raptor2.h>

G_BEGIN_DECLS

/// The namespaces derived from one base IRI (src/util/iri.h).
typedef AzkbIriBase AzkbRdfBase;

/// Check that @base (NULL: the default) can mint IRIs; FORMAT error if not.
G_GNUC_INTERNAL gboolean azkb_rdf_base_check(const char *base, GError **error);

/// Fill @b for @base (NULL: AZKB_RDF_DEFAULT_BASE).
G_GNUC_INTERNAL void azkb_rdf_base_init(AzkbRdfBase *b, const char *base);

G_GNUC_INTERNAL void azkb_rdf_base_clear(AzkbRdfBase *b);

/// Where an IRI falls.
typedef enum {
  AZKB_RDF_IRI_ENTITY,   ///< BASE id/SLUG
  AZKB_RDF_IRI_ONTOLOGY, ///< BASE ontology#NAME
  AZKB_RDF_IRI_VOCAB,    ///< a well-known vocabulary
  AZKB_RDF_IRI_OTHER,    ///< anything else, kept whole
} AzkbRdfIriKind;

/**
 * The term name of @iri (@len bytes).  @b NULL maps nothing to the base
 * (for datatypes, which are base-independent).  (transfer full)
 */
G_GNUC_INTERNAL char *azkb_rdf_iri_to_name(const AzkbRdfBase *b,
                                           const char        *iri,
                                           gsize              len,
                                           AzkbRdfIriKind    *out_kind);

/**
 * The IRI of term @name.  A plain name goes to the ontology namespace when
 * @in_ontology, else under id/.  Returns NULL for a blank node name ("_:x").
 * (transfer full)
 */
G_GNUC_INTERNAL char *azkb_rdf_name_to_iri(const AzkbRdfBase *b,
                                           const char        *name,
                                           gboolean           in_ontology);

/// Declare namespace @iri as @prefix in @store, with the form its terms
/// names take under @b (azkb_store_add_namespace()).
G_GNUC_INTERNAL void azkb_rdf_namespace_declare(AzkbStore         *store,
                                                const AzkbRdfBase *b,
                                                const char        *prefix,
                                                const char        *iri);

/// The first character of @iri (@len bytes of valid UTF-8) that RFC 3987
/// keeps out of IRIs: space, the C0 and C1 controls, and <>"{}|\^`; NULL
/// when there is none.
G_GNUC_INTERNAL const char *azkb_rdf_iri_bad_char(const char *iri, gsize len);

/**
 * Whether a plain term name of @kind stands for BASE ontology#NAME (TRUE)
 * or BASE id/NAME: classes, relations and properties live in the
 * ontology, and so does a name that is neither an entity nor a source.
 * The exporter writes by it and the importer checks by it.
 */
G_GNUC_INTERNAL gboolean azkb_rdf_kind_in_ontology(AzkbTermKind kind);

/// The value kind for datatype IRI @iri (OTHER when not one azkb models).
G_GNUC_INTERNAL AzkbValueKind azkb_rdf_value_kind_for_datatype(const char *iri);

/// The XSD datatype IRI for a literal of @kind (a date uses @precision).
G_GNUC_INTERNAL const char *azkb_rdf_datatype_for_value(
  AzkbValueKind kind,
  AzkbPrecision precision);

/// One RDF syntax: its azkb name, raptor's parser and serializer names.
typedef struct {
  const char *name;       ///< "turtle", "ntriples", ...
  const char *parser;     ///< raptor parser name, or NULL
  const char *serializer; ///< raptor serializer name, or NULL
  const char *extensions; ///< space-separated, e.g. "rdf owl xml"
} AzkbRdfSyntax;

/**
 * The syntax named @format, or (when @format is NULL) the one @path's
 * extension says.  AZKB_RDF_ERROR_FORMAT when neither gives one.
 */
G_GNUC_INTERNAL const AzkbRdfSyntax *azkb_rdf_syntax_find(const char *format,
                                                          const char *path,
                                                          GError    **error);

/// A raptor world lent to one import or export (see world.c).
typedef struct _AzkbRdfWorld AzkbRdfWorld;

/// Borrow a world that interns URIs (the exporter's), its messages going
/// to @handler with @user_data (NULL: dropped) and its blank nodes numbered
/// from the start.  Safe from any thread; the world is the caller's alone
/// until azkb_rdf_world_release(), which the same thread calls (the lease
/// routes that thread's libxml2 errors to the world).
G_GNUC_INTERNAL AzkbRdfWorld *azkb_rdf_world_acquire(raptor_log_handler handler,
                                                     void *user_data);

/// Borrow a world to parse with raptor's parser @parser, as
/// azkb_rdf_world_acquire() does.  With @out_drop_datatype set, the
/// statement handler must drop one reference to the datatype URI of each
/// typed literal (raptor_free_uri()): the parser keeps one it never frees.
G_GNUC_INTERNAL AzkbRdfWorld *azkb_rdf_world_acquire_for_parser(
  const char        *parser,
  gboolean          *out_drop_datatype,
  raptor_log_handler handler,
  void              *user_data);

/// The raptor world of @world.
G_GNUC_INTERNAL raptor_world *azkb_rdf_world_get(const AzkbRdfWorld *world);

/// Give @world back (NULL: nothing), after freeing every raptor object
/// made in it.
G_GNUC_INTERNAL void azkb_rdf_world_release(AzkbRdfWorld *world);

/// Set *@error, unless it is set already, to @code of AZKB_RDF_ERROR with
/// "@name:@line: MESSAGE" ("@name: MESSAGE" when @line is 0), the message
/// made one short line of printable UTF-8 (it may quote the data).
/// import.c.
G_GNUC_INTERNAL void azkb_rdf_error_at_va(GError    **error,
                                          const char *name,
                                          guint       line,
                                          int         code,
                                          const char *format,
                                          va_list     args) G_GNUC_PRINTF(5, 0);

G_END_DECLS
