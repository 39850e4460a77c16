/* The address scheme of azkb's linked data, defined once for every module
 * that writes or reads IRIs (rdf, query's SPARQL form, remote): under a
 * base IRI (AZKB_RDF_DEFAULT_BASE unless the caller names one), entities
 * and sources at BASE "id/" SLUG, the ontology's classes, relations and
 * properties at BASE "ontology#" NAME, statement nodes at BASE
 * "statement/" HASH; and the well-known vocabularies a name may be written
 * in as `prefix:local` (doc/linked-data.md, "Linked data shape"). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AZKB_IRI_ID "id/"
#define AZKB_IRI_ONTOLOGY "ontology#"
#define AZKB_IRI_STATEMENT "statement/"

#define AZKB_NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define AZKB_NS_RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define AZKB_NS_OWL "http://www.w3.org/2002/07/owl#"
#define AZKB_NS_XSD "http://www.w3.org/2001/XMLSchema#"
#define AZKB_NS_SKOS "http://www.w3.org/2004/02/skos/core#"
#define AZKB_NS_PROV "http://www.w3.org/ns/prov#"
#define AZKB_NS_DCTERMS "http://purl.org/dc/terms/"

/// A well-known vocabulary: its prefix and namespace IRI.
typedef struct {
  const char *prefix;
  const char *ns;
} AzkbIriVocab;

/// How many well-known vocabularies there are.
#define AZKB_IRI_N_VOCABS 7

/// The well-known vocabularies in prefix order, then { NULL, NULL }.
G_GNUC_INTERNAL extern const AzkbIriVocab azkb_iri_vocabs[];

/// The namespaces derived from one base IRI.
typedef struct {
  char *base;     ///< e.g. "http://azkb.example/"
  char *id;       ///< base + AZKB_IRI_ID
  char *onto;     ///< base + AZKB_IRI_ONTOLOGY
  char *stmt;     ///< base + AZKB_IRI_STATEMENT
  gsize id_len;   ///< strlen (id)
  gsize onto_len; ///< strlen (onto)
} AzkbIriBase;

/// Fill @b for @base (not NULL).
G_GNUC_INTERNAL void azkb_iri_base_init(AzkbIriBase *b, const char *base);

/// Free what @b holds; @b may be cleared twice.
G_GNUC_INTERNAL void azkb_iri_base_clear(AzkbIriBase *b);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(AzkbIriBase, azkb_iri_base_clear)

G_END_DECLS
