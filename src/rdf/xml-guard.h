/* XML guard: what RDF/XML may hold before libxml2 sees it, private to
 * src/rdf.
 *
 * raptor 2.0.15 parses RDF/XML with libxml2 and asks it to replace
 * entities.  libxml2 then reads external parameter entities (a DTD file
 * named in the document) through its own loader, past raptor's NO_FILE and
 * NO_NET options; an external general entity raptor does not load becomes
 * an empty string; and nested internal entities expand quadratically.  No
 * option of raptor's closes all of that, so the bytes of an RDF/XML
 * document pass through this guard first, and a document is refused, at
 * its line, when it:
 *   - names an external DTD (<!DOCTYPE x SYSTEM/PUBLIC ...>),
 *   - declares an external or a parameter entity, or refers to one (%x;),
 *   - declares an entity whose value refers to another entity,
 *   - refers to an entity it does not declare,
 *   - makes its entity references expand to more than
 *     AZKB_XML_GUARD_MAX_EXPANSION bytes in all, or holds an entity with
 *     markup in it,
 *   - nests elements deeper than AZKB_XML_GUARD_MAX_DEPTH (raptor takes
 *     time quadratic in the depth),
 *   - holds more than AZKB_XML_GUARD_MAX_TEXT bytes of text between two
 *     tags (raptor holds an element's text whole),
 *   - names an element or attribute with more than one colon, or with a
 *     colon first or last (not namespace-well-formed: raptor would make a
 *     predicate of it that RDF/XML cannot write back),
 *   - holds a NUL byte (no XML text does; UTF-16 and UTF-32 text is full of
 *     them), or declares an encoding that is not a superset of ASCII (in
 *     which markup could hide from this scan).
 * Internal entities with plain values (<!ENTITY owl "http://...#">, common
 * in OWL files) stay allowed.  The guard sees every byte before the parser
 * does, and a declaration takes effect only once complete, so nothing the
 * guard refuses ever reaches libxml2. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/// The deepest nesting of elements read.
#define AZKB_XML_GUARD_MAX_DEPTH 1000u

/// The most text that entity references in one document may expand to.
#define AZKB_XML_GUARD_MAX_EXPANSION (16u << 20)

/// The longest text between two tags (a literal, or white space): as long
/// as a token of the other syntaxes (token-guard.h).
#define AZKB_XML_GUARD_MAX_TEXT (64u << 20)

typedef struct _AzkbXmlGuard AzkbXmlGuard;

AzkbXmlGuard *azkb_xml_guard_new(void);
void          azkb_xml_guard_free(AzkbXmlGuard *guard);

/**
 * Scans the next @n bytes of the document.  Returns FALSE when the
 * document is refused: *out_message says why (owned by @guard) and
 * *out_line where.  Once refused, stays refused.
 */
gboolean azkb_xml_guard_scan(AzkbXmlGuard *guard,
                             const guint8 *p,
                             gsize         n,
                             const char  **out_message,
                             guint        *out_line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AzkbXmlGuard, azkb_xml_guard_free)

G_END_DECLS
