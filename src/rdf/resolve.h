/* Resolution: the second phase of an import, private to src/rdf
 * (resolve.c says how it reads the triples). */
#pragma once

#include "intake.h"
#include "rdf-private.h"

G_BEGIN_DECLS

/**
 * The @n_triples @triples of @intake (local term ids, from a parse that
 * succeeded) made a fresh staging store, IRIs named by @base.  An IRI
 * whose plain name would be written back as another IRI, in the stage or
 * once it is merged into @target, keeps its whole "<iri>".  Sets how many
 * entities and statement nodes it made.  Errors (AZKB_RDF_ERROR_*) start
 * with "@name:LINE: ".  (transfer full)
 */
AzkbStore *azkb_rdf_resolve(AzkbIntake             *intake,
                            const AzkbIntakeTriple *triples,
                            guint                   n_triples,
                            const AzkbRdfBase      *base,
                            const char             *name,
                            AzkbStore              *target,
                            guint                  *out_entities,
                            guint                  *out_statement_nodes,
                            GError                **error);

G_END_DECLS
