/* The query module's internals: scanner, path-expression tree, automaton,
 * the parsed pattern, evaluation and answers.  Shared by the files of
 * src/query only; nothing here is public. */
#pragma once

#include "located-private.h"
#include "src/util/hash.h"

#include <azkb/query.h>

G_BEGIN_DECLS

/* ---- scanner (lexer.c) ---- */

/* The pattern language is lexed on demand by the parser, because what a
 * character means depends on where it stands: `-` opens a step between
 * nodes but separates the parts of a date inside `@time`, and `?` is a
 * variable before a step and a postfix operator inside one. */
typedef struct {
  const char *text;
  gsize       pos;   ///< byte offset of the next unread character
  gsize       ascii; ///< bytes before the first non-ASCII one
} Scanner;

/// A scanner at the start of @text (valid UTF-8).
Scanner scanner_make(const char *text);

/// 1-based column (in characters) of byte offset @pos.
guint scanner_column(const Scanner *sc, gsize pos);

/// Skip spaces; return the next character (0 at the end).
char scanner_peek(Scanner *sc);

/// Skip spaces; if the text continues with @word, consume it.
gboolean scanner_accept(Scanner *sc, const char *word);

/// TRUE if the text at @pos starts a bare name.
gboolean scanner_at_name(const Scanner *sc);

/**
 * Read a name, bare or quoted, at the current position (spaces skipped).
 * Returns NULL with a syntax error when there is none or a quote is open.
 * (transfer full)
 */
char *scanner_name(Scanner *sc, const char *what, GError **error);

/**
 * scanner_name() for a name needed only while parsing (a relation, a
 * class): a bare name shorter than @size bytes is copied into @buf and
 * @buf returned; any other is allocated into *@out_owned, which the
 * caller frees.  NULL with an error as scanner_name().  A name looked up
 * and dropped cost an allocation.
 */
const char *scanner_name_temp(Scanner    *sc,
                              const char *what,
                              char       *buf,
                              gsize       size,
                              char      **out_owned,
                              GError    **error);

/// Read an identifier (letters, digits, `_`); "" when none.
char *scanner_ident(Scanner *sc);

/// Read a decimal integer < 1,000,000; FALSE with an error otherwise.
gboolean scanner_uint(Scanner *sc, guint *out, GError **error);

/// Read the text of a `@time` (after the `@`): dates and `..`.
char *scanner_time(Scanner *sc);

/// Set a syntax error at byte @pos: "column N: expected X, found Y".
void scanner_error(const Scanner *sc,
                   gsize          pos,
                   GError       **error,
                   const char    *format,
                   ...) G_GNUC_PRINTF(4, 5);

/// A short description of what stands at @pos ("“>”", "the end").
char *scanner_describe(const Scanner *sc, gsize pos);

/* ---- path expressions (parser.c) ---- */

typedef enum {
  PX_REL,    ///< one relation
  PX_ANY,    ///< the wildcard `_`: any relation
  PX_NOT,    ///< a negated set `!(a|b)`: any relation but these
  PX_SEQ,    ///< a / b
  PX_ALT,    ///< a | b
  PX_INV,    ///< ^a (removed by px_push_inverse)
  PX_REPEAT, ///< a{min,max}; `*` is {0,inf}, `+` {1,inf}, `?` {0,1}
} PxKind;

/// max of PX_REPEAT when unbounded.
#define PX_INF G_MAXUINT

typedef struct _Px Px;
struct _Px {
  PxKind     kind;
  Px        *a, *b;   ///< operands (SEQ, ALT: both; INV, REPEAT: a)
  guint      min;     ///< REPEAT
  guint      max;     ///< REPEAT; PX_INF when unbounded
  AzkbTermId rel;     ///< REL
  gboolean   inverse; ///< REL, ANY, NOT: crossed object → subject
  GArray    *set;     ///< NOT: AzkbTermId excluded relations (sorted)
};

Px  *px_new(PxKind kind);
Px  *px_copy(const Px *px);
void px_free(Px *px);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Px, px_free)

/// @px with every inverse pushed down to the atoms (consumes @px).
Px *px_push_inverse(Px *px, gboolean inverse);

/// The inverse path of @px (a new tree): ^px with inverses pushed down.
Px *px_inverse(const Px *px);

/// TRUE if @px matches the empty path.
gboolean px_nullable(const Px *px);

/// TRUE if @px contains an unbounded repetition.
gboolean px_unbounded(const Px *px);

/// Atoms after expanding every bounded repetition (saturating).
guint px_n_atoms(const Px *px);

/// A copy of @px with `{m,n}` expanded: only `?`, `*`, `+` and `{0}` left.
Px *px_expand(const Px *px);

/// TRUE if px_expand() makes trees of as many positions of @px and of its
/// inverse: it takes no operand's non-empty part (a bounded repetition of
/// a nullable operand), which is not the same size read backwards.
gboolean px_expands_alike(const Px *px);

/// Append @px in the query syntax, names from @store.
void px_print(const Px *px, const AzkbStore *store, GString *out);

/* ---- automata (nfa.c) ---- */

/// What one automaton position reads: one hop over one statement.
typedef struct {
  PxKind     kind;    ///< PX_REL, PX_ANY or PX_NOT
  AzkbTermId rel;     ///< PX_REL
  gboolean   inverse; ///< cross the statement from object to subject
  const Px  *atom;    ///< the tree node (for PX_NOT's set)
} NfaLabel;

/* A Glushkov automaton: state 0 is the start, state p > 0 is "just read
 * position p", so every transition into p reads labels[p].  There are no
 * epsilon moves, which keeps the product search a plain BFS. */
typedef struct {
  guint     n_states; ///< positions + 1
  NfaLabel *labels;   ///< [n_states]; labels[0] unused
  guint    *offsets;  ///< [n_states + 1]: follow(q) is next[offsets[q]..]
  guint    *next;     ///< target positions
  gboolean *accepting;
  guint    *twin; ///< [n_states]: first state with the same moves/accept
  Px       *tree; ///< the expanded tree the labels point into (owned)
} Nfa;

/**
 * Compile @px (inverses already pushed down) into an automaton, expanding
 * `{m,n}`.  Fails with AZKB_QUERY_ERROR_TOO_LARGE past
 * AZKB_QUERY_MAX_ATOMS positions.
 */
Nfa *nfa_compile(const Px *px, GError **error);

void nfa_free(Nfa *nfa);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Nfa, nfa_free)

/// Append a readable listing of @nfa's states and transitions.
void nfa_print(const Nfa *nfa, const AzkbStore *store, GString *out);

/// TRUE if every word of @nfa is one hop: the start does not accept, and
/// every position accepts and leads nowhere.
gboolean nfa_one_hop(const Nfa *nfa);

/// TRUE if the label of position @p reads @edge (crossed as @inverse).
gboolean nfa_label_reads(const NfaLabel *label, AzkbTermId relation);

/* ---- the parsed pattern (parser.c) ---- */

/// A day range for time filters; lo > hi never happens.
typedef struct {
  gint32 lo;
  gint32 hi;
} DayRange;

typedef enum {
  NODE_ENTITY, ///< a named entity
  NODE_VAR,    ///< ?x (maybe ?x:Class)
  NODE_ANON,   ///< ? (maybe ?:Class): a variable nobody sees
} NodeKind;

typedef struct {
  NodeKind   kind;
  AzkbTermId entity; ///< NODE_ENTITY
  char      *name;   ///< the variable's name, or the entity as written
  AzkbTermId cls;    ///< required class or 0
  guint      column;
  int        var; ///< index of the variable (named only), else -1
} QNode;

/// A statement qualifier read by a step: `[ordinal=?n]`.
typedef struct {
  AzkbTermId property;
  int        var;    ///< the variable it binds (a LITERAL column)
  guint      slot;   ///< its cell in a row, after the nodes
  guint      column; ///< where it is written
} QQual;

typedef struct {
  Px          *expr;     ///< as written (inverses pushed down)
  gboolean     backward; ///< written `<-EXPR-` (expr is then inverted)
  gboolean     has_time;
  AzkbInterval time; ///< the `@time` as written
  DayRange     range;
  char        *time_text;
  guint        column;
  guint        expr_column; ///< where its path expression starts
  Nfa         *fwd;         ///< reads the step from left node to right node
  Nfa         *bwd;         ///< right to left; made on first use (step_nfa)
  int          time_var;    ///< `@?t`: the variable, or -1
  guint        time_column; ///< where `@?t` is written
  int          stmt_slot;   ///< cell (after the nodes) of the statement
                            ///< crossed, or -1: set for a time variable
                            ///< or qualifiers, which need one hop
  GArray    *quals;         ///< QQual, or NULL
  AzkbTermId lit_prop;      ///< a property ending the step at a literal, or 0;
                            ///< expr/fwd/bwd are then what comes before it
                            ///< (NULL when nothing does)
} QStep;

/**
 * The automaton of step @s read forwards (left node to right node), or
 * with @backward right to left; NULL for a step that is only a property
 * (lit_prop, no expression).  The backward one is compiled on the first
 * call that asks for it: an evaluation anchored at the left end reads its
 * steps forwards only, and compiling is a third of a parse.  (transfer
 * none)
 */
const Nfa *step_nfa(QStep *s, gboolean backward);

/// A temporal constraint (`--where '?a during ?b'`).
typedef enum {
  OPERAND_VAR,  ///< a time variable
  OPERAND_TIME, ///< a date or interval
} OperandKind;

typedef struct {
  OperandKind  kind;
  int          var;  ///< OPERAND_VAR
  AzkbInterval time; ///< OPERAND_TIME
  char        *text; ///< as written
} QOperand;

/// Allen's thirteen relations (AzkbAllen) and this one more.
#define ALLEN_INTERSECTS 13

typedef struct {
  QOperand a, b;
  guint    relation; ///< an AzkbAllen or ALLEN_INTERSECTS
} QConstraint;

/// A named variable of a pattern.
typedef struct {
  char          *name;   ///< without the `?`
  AzkbColumnKind kind;   ///< what it holds
  guint          column; ///< where it is first written
  guint          cell;   ///< its cell in a row (a node, or a slot after them)
} QVar;

/// Variable @v of @q.
#define QUERY_VAR(q, v) (&g_array_index((q)->vars, QVar, (v)))

struct _AzkbQuery {
  grefcount      ref;
  AzkbStore     *store;
  char          *text;
  GArray        *nodes;       ///< QNode
  GArray        *steps;       ///< QStep; steps[i] joins nodes[i] and nodes[i+1]
  GArray        *vars;        ///< QVar: the named variables, in order
  guint          n_slots;     ///< cells of a row after the nodes
  GArray        *constraints; ///< QConstraint
  gboolean       has_time;
  AzkbInterval   time;
  DayRange       range;
  AzkbQueryFlags flags;
  gint64         timeout_us; ///< 0: none (azkb_query_set_timeout)
  AzkbDate       present;    ///< open ends run to it (azkb_query_set_present)
};

/// The filter range of a parsed `@time` / --at / --during, an open end
/// with no start being the day(s) of @present.
DayRange day_range_of(const AzkbInterval *time, const AzkbDate *present);

/// TRUE if every word of @px is one relation long (one hop).
gboolean px_single_hop(const Px *px);

/**
 * TRUE if the day spans of the times of @a and @b stand in @relation (an
 * AzkbAllen or ALLEN_INTERSECTS); FALSE if either is undated.
 */
gboolean time_relation_holds(const AzkbInterval *a,
                             const AzkbInterval *b,
                             guint               relation,
                             const AzkbDate     *present);

/// The name of @relation ("during", "intersects").
const char *time_relation_name(guint relation);

/// Parse a path expression alone (for `azkb path --via`).
Px *parse_path_expression(const char *text, AzkbStore *store, GError **error);

/* ---- evaluation (eval.c) ---- */

/// What a hop must satisfy besides its label: time filters.
typedef struct {
  AzkbStore      *store;
  const DayRange *ranges[2]; ///< up to two filters that must both hold
  guint           n_ranges;
  gboolean        strict;
  const AzkbDate *present; ///< where open ends run to
} HopFilter;

/* The other node of the chain bound to the same variable as node @i and
 * already bound (@bound, per node) when @i is reached, or -1: a row must
 * agree there.  eval.c; when.c joins the same way. */
int query_join_partner(const AzkbQuery *q, guint i, const gboolean *bound);

/// TRUE if statement @stmt passes @filter.
gboolean hop_filter_pass(const HopFilter *filter, AzkbStmtId stmt);

/**
 * The edges at @node that @label may read: out-edges, or in-edges when
 * crossed @inverse (a search running backwards flips the label's own
 * direction), narrowed to the label's relation when it names one.
 * (transfer none)
 */
const AzkbEdge *label_edges(const NfaLabel *label,
                            gboolean        inverse,
                            AzkbStore      *store,
                            AzkbTermId      node,
                            gsize          *out_n);

/// TRUE if @label reads @edge (one of label_edges()) and it passes @filter
/// (NULL: no filter); an edge to a literal value is never read.
gboolean label_reads_edge(const NfaLabel  *label,
                          AzkbStore       *store,
                          const AzkbEdge  *edge,
                          const HopFilter *filter);

/// Call @fn for each edge out of @node that position label @label reads.
typedef void (*EdgeFunc)(const AzkbEdge *edge, gpointer data);
void nfa_each_edge(const NfaLabel  *label,
                   AzkbStore       *store,
                   AzkbTermId       node,
                   const HopFilter *filter,
                   EdgeFunc         fn,
                   gpointer         data);

/// A set of days: @n coalesced AzkbDayRanges from offset @at of a buffer.
typedef struct {
  guint32 at;
  guint32 n;
} WhenSet;

/* ---- answers (result.c) ---- */

/* A result is a table of 32-bit cells, row after row; what a cell names
 * depends on its column's kind (AzkbColumnKind, query.h).  Built by
 * azkb_query_execute(); a file of this module that adds a column (the
 * sources, the time of a whole row) widens the cells itself. */
struct _AzkbResult {
  grefcount  ref;
  AzkbStore *store;
  GPtrArray *columns; ///< char *: names without `?`
  GArray    *kinds;   ///< AzkbColumnKind, one per column
  GArray    *cells;   ///< guint32, n_rows * columns->len
  guint      n_rows;
  GArray    *source_ids;  ///< AzkbTermId: every sources list, one after another
  GArray    *source_ends; ///< guint32: where list i ends in source_ids; a
                          ///< SOURCES cell is a list's index
  GArray *when_sets;      ///< WhenSet into when_days; a WHEN cell indexes it
  GArray *when_days;      ///< AzkbDayRange
};

/* What a row of the join (eval.c) holds, for the code that makes it an
 * answer: a cell per node of the chain, then the query's slots (the
 * statements and qualifier values steps bind). */
typedef struct {
  AzkbQuery       *q;
  guint            n_nodes; ///< nodes of the chain
  guint            width;   ///< cells per row: the nodes, then q->n_slots
  guint            n_bound; ///< steps that bind their statement
  const HopFilter *filters; ///< [steps]: what a hop of each step must pass
} RowShape;

/// An empty result of @query, a column for each named variable (the
/// caller adds any other).  (transfer full)
AzkbResult *result_new(const AzkbQuery *query);

/// The name of a column after the variables: @base ("when", "sources")
/// unless a variable of @query has it, then @base2, @base3, ... (no two
/// columns share a name: JSON keys a row by them).  (transfer full)
char *result_column_name(const AzkbQuery *query, const char *base);

/**
 * The answer of the join's @rows (of @shape, distinct): projected onto the
 * named variables, with the sources of each projected row under
 * AZKB_QUERY_SOURCES, sorted in result order and cut to @limit rows (0:
 * all).  (transfer full)
 */
AzkbResult *result_from_rows(const RowShape *shape,
                             const GArray   *rows,
                             guint           limit);

/**
 * TRUE if a row meets every temporal constraint; @times[v] is the time of
 * the statement time variable v holds in the row (the others unused).
 * allen.c.
 */
gboolean constraints_hold(const AzkbQuery *q, const AzkbInterval *times);

/* ---- the order of answers (sort.c) ---- */

/// Ordering of terms in results: by name.
int term_compare(const AzkbStore *store, AzkbTermId a, AzkbTermId b);

/// TRUE if a cell of @kind names a term (an entity or a literal).
gboolean column_is_term(AzkbColumnKind kind);

/// Sort rows of @width terms by their names, column by column, and drop
/// repeats.
void sort_rows_by_name(AzkbStore *store, GArray *cells, guint width);

/**
 * Sort rows of @width cells of the @kinds given, in result order, and drop
 * repeats: terms by name, times (AZKB_COLUMN_TIME) by their interval,
 * equal times one value (the cell then names the lowest statement of that
 * time), any other kind by its cell's value.
 */
void sort_rows_mixed(AzkbStore            *store,
                     GArray               *cells,
                     guint                 width,
                     const AzkbColumnKind *kinds);

/// Sort @n @ids and drop repeats; returns how many are kept.
guint sort_unique_range(AzkbTermId *ids, guint n);

/// Sort @ids (all below @n_terms) and drop repeats.
void sort_unique_ids(GArray *ids, guint n_terms);

/// Statements read from the store at once, so that their cache misses
/// overlap (sort.c's times of rows, eval.c's constraints).
#define TIME_CHUNK 256

/* ---- the statements behind a row (witness.c) ---- */

/**
 * The statements of one shortest way across step @s from @a to @b (for a
 * step ending at a property, to the literal @b), appended to @out: the
 * first found by a breadth-first search over (node, state) pairs, each
 * hop crossing a statement that passes @f and, unless @day is 0, holds on
 * @day (undated statements always, unless @f is strict); then for each hop
 * every such statement that makes it.  Nothing when there is no way.
 */
void step_witness(AzkbStore       *store,
                  const QStep     *s,
                  const HopFilter *f,
                  gint32           day,
                  AzkbTermId       a,
                  AzkbTermId       b,
                  GArray          *out);

/* ---- the time of whole rows (when.c) ---- */

/// A node a step reaches, and when some path of the step reached it.
typedef struct {
  AzkbTermId node;
  WhenSet    set;
} WhenEnd;

typedef struct _When When;

/// The rows of a query under `--when`, each with the days it held.
typedef struct {
  guint       width;  ///< the named variables
  gsize       n_rows; ///< distinct rows, in id order
  AzkbTermId *cells;  ///< n_rows * width
  WhenSet    *sets;   ///< [n_rows], never empty, into days
  GArray     *days;   ///< AzkbDayRange
} WhenRows;

/**
 * The rows @query matches in some snapshot of the graph, each with the
 * coalesced set of days on which it matched (the sequenced semantics
 * described in when.c); none, with *@out_expired set, when the query's
 * timeout (azkb_query_set_timeout()) passed first.  (transfer full)
 */
WhenRows *when_rows_compute(AzkbQuery *query, gboolean *out_expired);

void when_rows_free(WhenRows *rows);

/// azkb_query_execute() under AZKB_QUERY_WHEN; on a timeout (the query's
/// azkb_query_set_timeout()), no rows and *@out_expired set.
/// (transfer full)
AzkbResult *when_execute(AzkbQuery *query, guint limit, gboolean *out_expired);

/// The entities node @i of @query may stand for (eval.c).  (transfer full)
GArray *eval_node_candidates(AzkbQuery *query, guint i);

/// The node a chain's evaluation starts from (eval.c).
guint eval_choose_anchor(const AzkbQuery *query);

G_END_DECLS
