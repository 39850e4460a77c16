/* Token guard: how long one token of Turtle, TriG or RDF/JSON may grow,
 * private to src/rdf.
 *
 * raptor 2.0.15 holds a token whole until it ends: its Turtle and TriG
 * lexers see a whole document (or a piece of one, turtle-cut.h) at once,
 * and YAJL keeps an unfinished JSON string in its own buffer.  A string,
 * an IRI or a number that never ends (a stream, a broken file, a
 * generator) would therefore be read until memory runs out.  The bytes of
 * those syntaxes pass through this guard first, which knows just enough of
 * each syntax to tell where a token starts and ends, and refuses a
 * document, at the line where the token started, once one token grows past
 * AZKB_TOKEN_GUARD_MAX_BYTES:
 *   - Turtle and TriG: an IRI (<...>), a string ("...", '...', """...""",
 *     '''...'''), a comment, or a run of other text without white space
 *     (a prefixed name, a number, a language tag);
 *   - RDF/JSON: a string, or a run of other text (a number, true, ...).
 * A run of white space and comments between two terms (in Turtle and TriG
 * also ";", which may repeat) is held by raptor too, and has the same
 * limit.
 * It does not judge syntax: what it cannot make sense of (a line break in a
 * short string, a space in an IRI) ends the token, and raptor says what is
 * wrong with it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/// The longest token read: as long as the longest N-Triples line, so that
/// any term azkb loads from N-Triples also loads from the other syntaxes.
#define AZKB_TOKEN_GUARD_MAX_BYTES (64u << 20)

typedef struct _AzkbTokenGuard AzkbTokenGuard;

/// A guard for Turtle and TriG (@json FALSE) or RDF/JSON (@json TRUE).
G_GNUC_INTERNAL AzkbTokenGuard *azkb_token_guard_new(gboolean json);
G_GNUC_INTERNAL void            azkb_token_guard_free(AzkbTokenGuard *guard);

/**
 * Scans the next @n bytes of the document.  Returns FALSE when a token has
 * grown too long: *out_message says what it is (static) and *out_line
 * where it started (lines from 1).  Once refused, stays refused.
 */
G_GNUC_INTERNAL gboolean azkb_token_guard_scan(AzkbTokenGuard *guard,
                                               const guint8   *p,
                                               gsize           n,
                                               const char    **out_message,
                                               guint          *out_line);

/// The bytes of the token not yet ended at the end of what was scanned (0
/// between tokens), and in *@out_line the line it started on.
G_GNUC_INTERNAL gsize azkb_token_guard_pending(const AzkbTokenGuard *guard,
                                               guint                *out_line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AzkbTokenGuard, azkb_token_guard_free)

G_END_DECLS
