/* azkb — linked data in and out through raptor2.
 *
 * The only module that speaks RDF.  It maps store terms to IRIs under a base
 * (entities at BASE "id/SLUG", ontology terms at BASE "ontology#NAME") and
 * qualified statements to rdf:Statement nodes.  The exact shape is in the
 * README ("Linked data").
 */
#pragma once

#include <azkb/store.h>
#include <glib.h>

G_BEGIN_DECLS

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

/// Load the bundled ontology and knowledge base (embedded in the library).
gboolean azkb_rdf_import_bundled(AzkbStore *store, GError **error);

G_END_DECLS
