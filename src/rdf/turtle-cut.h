/* Where a Turtle document can be cut into pieces, private to src/rdf.
 *
 * raptor 2.0.15's Turtle parser keeps every byte it is given until the
 * end of the document and then copies them once more for its lexer: a
 * 1.3 GB file costs 2.6 GB before the first triple comes out, and nothing
 * is parsed while the file is read.  The importer instead hands raptor the
 * document piece by piece, each piece a document of its own that starts
 * with the prefixes declared so far.  This scanner finds the places where
 * that is safe: the end of a line whose last token is the " ." that ends a
 * top-level statement, outside strings, IRIs, comments and brackets.
 *
 * It errs on the side of not cutting: a '.' right after a name or a digit
 * is not taken (raptor's lexer may read it as part of the token), and
 * after an @base or BASE directive, or anything it does not understand (a
 * line end inside an IRI or a short string), it stops finding places for
 * the rest of the document, which then goes to raptor whole. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AzkbTurtleCut AzkbTurtleCut;

G_GNUC_INTERNAL AzkbTurtleCut *azkb_turtle_cut_new(void);
G_GNUC_INTERNAL void           azkb_turtle_cut_free(AzkbTurtleCut *cut);

/// Scan the next bytes of the document, at most @n from @p, up to the
/// next place to cut.  Returns how many were scanned, and sets @out_cut
/// when they end at a place to cut (just after a line end).
G_GNUC_INTERNAL gsize azkb_turtle_cut_scan(AzkbTurtleCut       *cut,
                                           const unsigned char *p,
                                           gsize                n,
                                           gboolean            *out_cut);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AzkbTurtleCut, azkb_turtle_cut_free)

G_END_DECLS
