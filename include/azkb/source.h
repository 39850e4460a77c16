/* azkb — the source document behind the statements.
 *
 * A statement's provenance is a list of source terms (prov:wasDerivedFrom
 * in RDF), usually the numbered paragraphs [P1]..[Pn] of one document.  The
 * bundled knowledge base describes each paragraph with its exact words
 * (relation "text"), its number ("paragraphNumber") and the document it is
 * part of ("dcterms:isPartOf"), all as ordinary statements.  This module
 * reads those descriptions back and finds what cites a paragraph; it
 * knows nothing of RDF or terminals.
 *
 * Threads: reads its store, on the thread that owns it (azkb/store.h).
 */
#pragma once

#include <azkb/export.h>
#include <azkb/store.h>
#include <glib.h>

AZKB_API G_BEGIN_DECLS

/// The relation that holds a paragraph's exact words.
#define AZKB_SOURCE_TEXT "text"
/// The relation that holds a paragraph's number.
#define AZKB_SOURCE_NUMBER "paragraphNumber"
/// The relation from a paragraph to its document.
#define AZKB_SOURCE_PART_OF "dcterms:isPartOf"
/// The relation that holds a document's title.
#define AZKB_SOURCE_TITLE "dcterms:title"

/**
 * Resolve @name to a source: a term some statement cites, or an entity
 * with a text.  Accepts what azkb_store_resolve() accepts ("P7", "[P7]")
 * and a bare number ("7", read as "P7").  Error:
 * AZKB_STORE_ERROR_UNKNOWN_ENTITY
 * (`no source “P99”`), AZKB_STORE_ERROR_AMBIGUOUS.
 */
AzkbTermId azkb_source_resolve(AzkbStore  *store,
                               const char *name,
                               GError    **error);

/// TRUE when some statement cites @term, or @term has a text.
AZKB_API gboolean azkb_source_is_source(AzkbStore *store, AzkbTermId term);

/**
 * The exact words of @source: the object of its "text" statement (or
 * attribute), or NULL when the knowledge base holds none.
 * (transfer none) Owned by the store; valid until the store is freed.
 */
AZKB_API const char *azkb_source_text(AzkbStore *store, AzkbTermId source);

/// The document @source is part of, or 0.
AZKB_API AzkbTermId azkb_source_document(AzkbStore *store, AzkbTermId source);

/**
 * The title of @document ("dcterms:title"), else its display name.
 * (transfer none)
 */
AZKB_API const char *azkb_source_title(AzkbStore *store, AzkbTermId document);

/**
 * The statements that cite @source, in statement id order, except those
 * that describe @source itself (its text, number and document): those
 * say what the paragraph is, not what it states.  O(statements).
 * (transfer full) a GArray of AzkbStmtId, possibly empty.
 */
AZKB_API GArray *azkb_source_citing(const AzkbStore *store, AzkbTermId source);

/**
 * The sources of @stmt in reading order (P2 before P10).
 * (transfer full) a GArray of AzkbTermId, possibly empty.
 */
AZKB_API GArray *azkb_source_of_statement(const AzkbStore *store,
                                          AzkbStmtId       stmt);

G_END_DECLS
