/* The address scheme of azkb's linked data (iri.h). */
#include "src/util/iri.h"

#include <string.h>

const AzkbIriVocab azkb_iri_vocabs[AZKB_IRI_N_VOCABS + 1] = {
  { "dcterms", AZKB_NS_DCTERMS }, { "owl", AZKB_NS_OWL },
  { "prov", AZKB_NS_PROV },       { "rdf", AZKB_NS_RDF },
  { "rdfs", AZKB_NS_RDFS },       { "skos", AZKB_NS_SKOS },
  { "xsd", AZKB_NS_XSD },         { NULL, NULL },
};

void
azkb_iri_base_init(AzkbIriBase *b, const char *base)
{
  g_return_if_fail(base != NULL);

  b->base     = g_strdup(base);
  b->id       = g_strconcat(base, AZKB_IRI_ID, NULL);
  b->onto     = g_strconcat(base, AZKB_IRI_ONTOLOGY, NULL);
  b->stmt     = g_strconcat(base, AZKB_IRI_STATEMENT, NULL);
  b->id_len   = strlen(b->id);
  b->onto_len = strlen(b->onto);
}

void
azkb_iri_base_clear(AzkbIriBase *b)
{
  g_clear_pointer(&b->base, g_free);
  g_clear_pointer(&b->id, g_free);
  g_clear_pointer(&b->onto, g_free);
  g_clear_pointer(&b->stmt, g_free);
}
