/* Intake: the first phase of an import, private to src/rdf.
 *
 * raptor hands over triples of raptor terms; the intake reduces each to
 * three ids of a local term table (a key string per IRI, blank node or
 * literal, interned once) and the line it came from.  Interning is most of
 * the cost of a load after raptor's own parse, so on a machine with more
 * than one core it runs on a second thread: the parser thread only copies
 * each term's bytes into a batch, and the intake thread hashes, checks and
 * interns them while raptor reads on.  Batches are few and reused, so a fast
 * parser waits for a slow intake instead of filling memory. */
#pragma once

#include <glib.h>
#include <raptor2.h>

G_BEGIN_DECLS

/* One parsed triple: local term ids (never 0) and its line. */
typedef struct {
  guint32 s, p, o;
  guint32 line;
} AzkbIntakeTriple;

/* The first byte of a term's key says what it is; a literal's key is
 * '"' lang '\1' datatype '\1' lexical, with xsd:string left out. */
enum {
  AZKB_KEY_IRI     = '<',
  AZKB_KEY_BLANK   = '_',
  AZKB_KEY_LITERAL = '"',
};

typedef struct _AzkbIntake AzkbIntake;

/* @max_terms: distinct terms held at most, a term past them refused like
 * a term that cannot be held (0: the most the table holds, 2^30 - 1). */
AzkbIntake *azkb_intake_new(gboolean threaded, guint32 max_terms);
void        azkb_intake_free(AzkbIntake *intake);

/* Parser side: a triple from @line (what the store records) whose terms
 * raptor read at @term_line (what an error about a term quotes).  FALSE
 * when the parse should stop: this triple or an earlier one cannot be held
 * (see azkb_intake_finish for why). */
gboolean azkb_intake_add(AzkbIntake        *intake,
                         const raptor_term *subject,
                         const raptor_term *predicate,
                         const raptor_term *object,
                         guint32            line,
                         guint32            term_line);

/* Ends the parser side and waits for the intake to catch up.  Returns
 * FALSE when a term could not be held: *out_message says why (owned by
 * @intake) and *out_line where (0: unknown).  Idempotent. */
gboolean azkb_intake_finish(AzkbIntake  *intake,
                            const char **out_message,
                            guint       *out_line);

/* The table, once finished.  Ids run from 1 to n_terms - 1. */
guint       azkb_intake_n_terms(const AzkbIntake *intake);
const char *azkb_intake_key(const AzkbIntake *intake, guint32 id);
/* What @id is (AZKB_KEY_*: its key's first byte), without reading the
 * key: the resolution asks it of every triple's object. */
guint8  azkb_intake_kind(const AzkbIntake *intake, guint32 id);
guint32 azkb_intake_lookup(const AzkbIntake *intake, const char *key);
/* The line of the first triple with @id as subject (0: none). */
guint32 azkb_intake_first_line(const AzkbIntake *intake, guint32 id);
const AzkbIntakeTriple *azkb_intake_triples(const AzkbIntake *intake,
                                            guint            *out_n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AzkbIntake, azkb_intake_free)

G_END_DECLS
