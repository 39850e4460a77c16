/* The model behind test-when.c's oracle, shared by its files: random
 * graphs and patterns (when-random.c) and the snapshot evaluation of a
 * pattern by boolean matrices (when-oracle.c).  The types are the test's
 * own description of a graph and a pattern, independent of azkb's. */
#pragma once

#include "azkb-test.h"

#include <azkb/azkb.h>

/* ---- expressions ---- */

#define N_NODES 5
#define N_RELS 3

typedef enum {
  EX_REL,
  EX_ANY,
  EX_NOT,
  EX_INV,
  EX_SEQ,
  EX_ALT,
  EX_STAR,
  EX_PLUS,
  EX_OPT,
  EX_REPEAT,
} ExKind;

#define EX_INF G_MAXUINT

typedef struct _Ex Ex;
struct _Ex {
  ExKind kind;
  Ex    *a, *b;
  int    rel;      ///< EX_REL
  guint  fwd_mask; ///< EX_NOT: excluded forward relations
  guint  inv_mask; ///< EX_NOT: excluded inverse relations
  guint  min, max; ///< EX_REPEAT
};

/* ---- random graphs ---- */

#define MAX_STMTS 18
#define N_LITS 3
#define MAX_LIT_STMTS 4
/* A statement's r for the property `val`, whose object o is a literal. */
#define LIT_REL N_RELS
#define MAX_ALL (MAX_STMTS + MAX_LIT_STMTS)

typedef struct {
  int          s, r, o; ///< o: an entity, or a literal when r is LIT_REL
  AzkbInterval time;    ///< as given to the store
  gboolean     dated;
  gint32       first, last; ///< its span, computed here
  AzkbStmtId   id;
  int          same_time; ///< the first statement of an equal time
} Stmt;

typedef struct {
  Stmt       stmts[MAX_ALL]; ///< between entities, then to literals
  int        n;
  guint      classes[N_NODES]; ///< bit c: the entity is of class Cc
  gint32     present_last;
  AzkbTermId lits[N_LITS];
} Graph;

/* ---- random patterns ---- */

#define MAX_STEPS 3
#define MAX_CONSTRAINTS 2

typedef enum {
  NODE_NAMED, ///< an entity
  NODE_VAR,
  NODE_ANON,
} NodeKind;

typedef struct {
  NodeKind kind;
  int      entity; ///< NODE_NAMED
  int      var;    ///< NODE_VAR: index of its name
  int      cls;    ///< -1, or the class it must have
} PNode;

/* A time filter as day bounds (either may be unbounded). */
typedef struct {
  gboolean on;
  gint32   lo, hi;
} Filter;

typedef struct {
  Ex      *ex; ///< NULL: a literal step of the property alone
  gboolean backward;
  Filter   filter;
  int      time_var; ///< `@?tK`: K, or -1
  gboolean literal;  ///< ends with the property `val` (the last step)
} PStep;

/* `?tA RELATION ?tB` or `?tA RELATION DATE` (`DATE RELATION ?tA` when
 * @date_first). */
typedef struct {
  int      rel;    ///< index into allen_names
  int      a, b;   ///< time variables; b -1 for a date
  gint32   lo, hi; ///< the date's span
  gboolean date_first;
} PConstraint;

typedef struct {
  PNode       nodes[MAX_STEPS + 1];
  PStep       steps[MAX_STEPS];
  int         n_steps;
  int         n_vars;
  int         lit_var; ///< the variable bound to a literal, or -1
  int         n_times;
  PConstraint constraints[MAX_CONSTRAINTS];
  int         n_constraints;
  Filter      global;
  gboolean    strict;
  gboolean    sources;
} Pattern;

/* ---- when-random.c ---- */

/* The first and last day of @d, by GDate. */
gint32 date_first(const AzkbDate *d);
gint32 date_last(const AzkbDate *d);

/* A random graph in a new store (transfer full), described in @g too;
 * @g->present_last must be set. */
AzkbStore *graph_store(GRand *rand, Graph *g);

/* A random pattern @p, its text in @text, its --during in @global_text and
 * its --where constraints appended to @where. */
void random_pattern(GRand     *rand,
                    Pattern   *p,
                    GString   *text,
                    GString   *global_text,
                    GPtrArray *where);

/* Frees what @p owns (not @p). */
void pattern_clear(Pattern *p);

/* ---- when-oracle.c ---- */

/* Add to @rows (key → GArray of AzkbDayRange) every row matching @p in
 * the snapshot at day @t, the statements limited to @allowed (NULL: all),
 * with [@t, @t_last] appended to its ranges. */
void snapshot_rows(const Graph    *g,
                   const Pattern  *p,
                   gint32          t,
                   gint32          t_last,
                   const gboolean *allowed,
                   GHashTable     *rows);

/* key → GArray of AzkbDayRange: every row of @p on @g and when it held.
 * (transfer full) */
GHashTable *oracle(const Graph *g, const Pattern *p);
