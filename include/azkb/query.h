/* azkb — path-pattern queries with valid time on every hop.
 *
 * A pattern is a chain of node terms joined by steps:
 *
 *     Azerbaijan -participatedIn-> ?op -mandatedBy-> ?res:Resolution
 *     ?body <-electedTo@2019- Azerbaijan
 *     Azerbaijan -electedTo@?term@2015..2020-> ?body
 *     Azerbaijan -presided@?day[ordinal=?n]-> ?body
 *     Azerbaijan -independenceRegainedOn-> ?date
 *
 * Each step carries a regular path expression over relations (sequence `/`,
 * alternation `|`, inverse `^`, `*`, `+`, `?`, `{m,n}`, the wildcard `_`, a
 * negated set `!(a|^b)`) and optionally a valid time `@2019`, `@2003..2005`,
 * `@2012-05-04`.  The grammar (EBNF) is AZKB_QUERY_GRAMMAR below and in the
 * doc/query-language.md ("Queries").
 *
 * Semantics:
 *   - Every step's expression is compiled to a Glushkov automaton (no
 *     epsilon moves; one state per relation occurrence, plus the start).
 *     A step is evaluated by breadth-first search over (node, state) pairs
 *     with a visited set, so cycles terminate and the work is linear in
 *     |graph| x |automaton|.  `{m,n}` is expanded into m..n nested copies
 *     before compiling (at most AZKB_QUERY_MAX_ATOMS atoms after expansion);
 *     an operand that can match the empty path is first made non-empty, so
 *     the automaton's transitions too stay linear in the bound.
 *   - A chain is joined step by step from its most selective node (a named
 *     entity, else a class-restricted variable, else the first node).
 *   - Results are sets: each distinct row of variable bindings once, rows
 *     sorted by the ids of their terms, column by column.
 *   - The nodes of the graph are the store's entities; a zero-length path
 *     (`*`, `?`, `{0,n}`) binds a free variable to every entity.
 *   - Valid time: a hop over a statement matches a time filter when the
 *     statement's span (azkb_interval_span(): an open end extends to the
 *     present, an unknown end does not extend at all) overlaps the filter.
 *     A filter `A..B` covers the first day of A to the last day of B; `A..`
 *     runs on without end and `..B` from the beginning of time.  Undated
 *     statements match every filter unless AZKB_QUERY_STRICT_TIME is set.
 *     A step's own `@time` and the pattern's time (azkb_query_set_time())
 *     must both hold.
 *   - Time variables: a step of one hop (a relation, `_`, `a|b`, a negated
 *     set; not `/`, `*`, `+`, `?`, `{m,n}`) may bind the statement it
 *     crosses, `-electedTo@?term->`: one row per statement (two terms of
 *     one membership are two rows), the column AZKB_COLUMN_TIME.  It
 *     combines with a filter on the same step (`@?term@2015..2020`).
 *     `[ordinal=?n]` on such a step binds a qualifier of that statement
 *     (AZKB_COLUMN_LITERAL); a statement without it gives no row.
 *   - Temporal constraints (azkb_query_add_constraint()) keep the rows
 *     whose time variables stand in an Allen relation.
 *   - Literal values: a property (a relation whose values are literals:
 *     dates, counts, themes) may be the last relation of the last step,
 *     read forwards, and the node after it a variable of its own: it binds
 *     the literal (AZKB_COLUMN_LITERAL).  A literal never sits inside a
 *     path: anywhere else a property is refused.
 *   - Sources (AZKB_QUERY_SOURCES): a last column with the paragraphs that
 *     support each row: for a step that binds its statement, that
 *     statement's; for any other step, every statement of each hop of one
 *     shortest way across it (the first found by a breadth-first search,
 *     several statements when one hop is made by several, as two terms of
 *     one membership).  Rows that print the same merge their sources.
 *   - The time of whole rows (AZKB_QUERY_WHEN): see azkb_result_when().
 *
 * Threads: a query and its results are used by one thread at a time.
 * Queries only read their store, so queries over one store may run on
 * several threads at once, as any reads of it may (azkb/store.h), and
 * queries over two stores too; but azkb_query_term_for_iri() interns, a
 * write, which needs the store to itself.  Nothing is shared behind them:
 * the present open ends run to is the query's own
 * (azkb_query_set_present()), as is the time limit.  tests/test-threads.c
 * runs them so under ThreadSanitizer.
 */
#pragma once

#include <azkb/export.h>
#include <azkb/store.h>
#include <azkb/time.h>
#include <glib.h>

G_BEGIN_DECLS

/// The pattern grammar in EBNF, as printed by `azkb query --help`.
#define AZKB_QUERY_GRAMMAR                                                     \
  "pattern  = node , { step , node } ;\n"                                      \
  "step     = \"-\" , path , { note } , \"->\"      (* forward *)\n"           \
  "         | \"<-\" , path , { note } , \"-\" ;    (* backward *)\n"          \
  "note     = time                              (* a filter *)\n"              \
  "         | \"@\" , \"?\" , ident                 (* a time variable *)\n"   \
  "         | \"[\" , qual , { \",\" , qual } , \"]\" ; (* qualifiers *)\n"    \
  "qual     = name , \"=\" , \"?\" , ident ;\n"                                \
  "node     = name                              (* an entity *)\n"             \
  "         | \"?\" , [ ident ] , [ \":\" , name ] ; (* variable, class *)\n"  \
  "path     = sequence , { \"|\" , sequence } ;\n"                             \
  "sequence = unary , { \"/\" , unary } ;\n"                                   \
  "unary    = \"^\" , unary | primary , { postfix } ;\n"                       \
  "postfix  = \"*\" | \"+\" | \"?\" | \"{\" , int , [ \",\" , [ int ] ] , "    \
  "\"}\" ;\n"                                                                  \
  "primary  = name | \"_\" | \"!\" , negated | \"(\" , path , \")\" ;\n"       \
  "negated  = [ \"^\" ] , name\n"                                              \
  "         | \"(\" , [ \"^\" ] , name , { \"|\" , [ \"^\" ] , name } , "      \
  "\")\" ;\n"                                                                  \
  "time     = \"@\" , ( date , [ \"..\" , [ date ] ] | \"..\" , date ) ;\n"    \
  "date     = yyyy , [ \"-\" , mm , [ \"-\" , dd ] ] ;\n"                      \
  "name     = bare | '\"' , { char } , '\"'    (* \\\" and \\\\ escape *)\n"   \
  "         | \"<\" , iri , \">\" ;              (* a term by its IRI *)\n"    \
  "bare     = ( letter | digit ) , { letter | digit | \"_\" | \".\" | \":\" "  \
  "} "                                                                         \
  ";\n"                                                                        \
  "ident    = ( letter | digit | \"_\" ) , { letter | digit | \"_\" } ;\n"     \
  "(* --where: *)\n"                                                           \
  "where    = constraint , { \"and\" , constraint } ;\n"                       \
  "constraint = operand , relation , operand ;\n"                              \
  "operand  = \"?\" , ident | date , [ \"..\" , [ date ] ] | \"..\" , date "   \
  ";\n"                                                                        \
  "relation = \"before\" | \"after\" | \"meets\" | \"met-by\" | "              \
  "\"overlaps\"\n"                                                             \
  "         | \"overlapped-by\" | \"starts\" | \"started-by\" | \"during\"\n"  \
  "         | \"contains\" | \"finishes\" | \"finished-by\" | \"equals\"\n"    \
  "         | \"intersects\" ;\n"

/// Most relation occurrences a step may hold after expanding `{m,n}`.
#define AZKB_QUERY_MAX_ATOMS 1024

/// Deepest nesting of `(`, `^` and postfix operators a step may hold.
#define AZKB_QUERY_MAX_DEPTH 64

typedef struct _AzkbQuery  AzkbQuery;
typedef struct _AzkbResult AzkbResult;

/// Flags changing how a query matches.
typedef enum {
  AZKB_QUERY_NONE        = 0,
  AZKB_QUERY_STRICT_TIME = 1 << 0, ///< undated statements fail time filters
  AZKB_QUERY_SOURCES     = 1 << 1, ///< add a last column: the row's sources
  /** Sequenced semantics (`--when`): keep the rows that held in one
   * snapshot and add a column AZKB_COLUMN_WHEN with the days they held,
   * after the variables (before the sources); see azkb_result_when(). */
  AZKB_QUERY_WHEN = 1 << 3,
} AzkbQueryFlags;

/* ---- parsing ---- */

/**
 * Parse @text and resolve its names against @store (which the query keeps a
 * reference to).  Errors, each message starting `column N: `:
 *   - AZKB_QUERY_ERROR_SYNTAX: what was expected at that column;
 *   - AZKB_QUERY_ERROR_UNKNOWN_ENTITY / _RELATION / _CLASS: the name and the
 *     closest known names;
 *   - AZKB_QUERY_ERROR_AMBIGUOUS: the name and the ids it could mean;
 *   - AZKB_QUERY_ERROR_INVALID_TIME: a bad `@time`;
 *   - AZKB_QUERY_ERROR_TOO_LARGE: `{m,n}` expands past AZKB_QUERY_MAX_ATOMS,
 *     or the expression nests deeper than AZKB_QUERY_MAX_DEPTH ("too
 *     deep", at the column where it does).
 * (transfer full)
 */
AZKB_API AzkbQuery *azkb_query_parse(const char *text,
                                     AzkbStore  *store,
                                     GError    **error);

/// Add a reference.  (transfer full)
AZKB_API AzkbQuery *azkb_query_ref(AzkbQuery *query);

/// Drop a reference; frees at zero.  Accepts NULL.
AZKB_API void azkb_query_unref(AzkbQuery *query);

/**
 * Restrict every hop of the pattern to statements whose span overlaps
 * @time (`--at`, `--during`); NULL removes the restriction.  An undated
 * @time is refused with AZKB_QUERY_ERROR_INVALID_TIME.
 */
AZKB_API gboolean azkb_query_set_time(AzkbQuery          *query,
                                      const AzkbInterval *time,
                                      GError            **error);

/**
 * Add temporal constraints (`--where`): `A RELATION B`, several joined by
 * `and`, where A and B are time variables of the pattern (`?term`) or
 * dates and intervals (`2012`, `2003..2005`, `2012-05-04`), at least one a
 * variable, and RELATION one of Allen's thirteen (before, meets,
 * overlaps, starts, during, finishes, equals, finished-by, contains,
 * started-by, overlapped-by, met-by, after) or `intersects` (the spans
 * share a day).  Relations hold between the day spans of the two values
 * (azkb_interval_span(): a date covers its whole year, month or day; an
 * open end runs to the present; an unknown end covers its start's own
 * range), as azkb_interval_allen() computes them: `2012 before
 * 2012-05-04` is false (the year 2012 contains that day), `2003 meets
 * 2004` is true (no day lies between them), and an undated statement
 * meets no constraint.  Errors (AZKB_QUERY_ERROR_SYNTAX, `column N: ` in
 * @text): an unknown relation, an operand that is not a time variable of
 * the pattern or a date.
 */
AZKB_API gboolean azkb_query_add_constraint(AzkbQuery  *query,
                                            const char *text,
                                            GError    **error);

/**
 * Take @present (a valid date of any precision; NULL: today, UTC) as the
 * present: open ends run to it, in the statements and in the pattern's
 * times.  Until set, the present is the day the query was parsed.
 */
AZKB_API void azkb_query_set_present(AzkbQuery *query, const AzkbDate *present);

/// Set matching flags (AzkbQueryFlags).
AZKB_API void azkb_query_set_flags(AzkbQuery *query, AzkbQueryFlags flags);

/**
 * The column (1-based, in characters of the pattern or constraint text)
 * an AZKB_QUERY_ERROR points at, or 0.  Carried on the error as data
 * (AZKB_QUERY_ERROR is an extended GError domain), so g_prefix_error() or
 * a copy keeps it; the message also says "column N: " for a reader.
 */
AZKB_API guint azkb_query_error_column(const GError *error);

/// The text an AZKB_QUERY_ERROR's column counts in.
typedef enum {
  AZKB_QUERY_PART_PATTERN    = 0, ///< a pattern (azkb_query_parse())
  AZKB_QUERY_PART_CONSTRAINT = 1, ///< azkb_query_add_constraint()'s text
  AZKB_QUERY_PART_VIA        = 2, ///< the path expression of a connection
  AZKB_QUERY_PART_RELATIONS  = 3, ///< AzkbDiagramOptions.relations
} AzkbQueryPart;

/**
 * Which text @error's column (azkb_query_error_column()) counts in, so a
 * program can name the input it came from (azkb names the option).
 * AZKB_QUERY_PART_PATTERN for any other error.
 */
AZKB_API AzkbQueryPart azkb_query_error_part(const GError *error);

/* ---- evaluation ---- */

/**
 * Evaluate @query.  @limit 0 means all rows; otherwise the first @limit rows
 * in result order.  Never fails on a well-formed query: an empty result is
 * a result with no rows.  (transfer full)
 */
AZKB_API AzkbResult *azkb_query_execute(AzkbQuery *query, guint limit);

/**
 * The number of rows azkb_query_execute() would return without a limit
 * (1 or 0 for a pattern without variables), found without making the
 * result: no projection, no sort by name.  What `--count` prints.
 */
AZKB_API guint azkb_query_count(AzkbQuery *query);

/**
 * azkb_query_count(), but fails with AZKB_QUERY_ERROR_TIMEOUT when the
 * timeout of azkb_query_set_timeout() passes first (azkb_query_count()
 * gives 0 then).
 */
AZKB_API gboolean azkb_query_count_full(AzkbQuery *query,
                                        guint     *out_n,
                                        GError   **error);

/**
 * Give evaluations of @query at most @seconds of wall-clock time (0: no
 * limit, the default).  The clock is read every few thousand steps of the
 * search, so the check costs nothing measurable and the evaluation stops
 * within milliseconds of the limit.
 */
AZKB_API void azkb_query_set_timeout(AzkbQuery *query, double seconds);

/**
 * azkb_query_execute(), but fails with AZKB_QUERY_ERROR_TIMEOUT (and no
 * result) when the timeout of azkb_query_set_timeout() passes first
 * (azkb_query_execute() gives an empty result then).  (transfer full)
 */
AZKB_API AzkbResult *azkb_query_execute_full(AzkbQuery *query,
                                             guint      limit,
                                             GError   **error);

/**
 * The parsed pattern (names resolved to ids, implicit parentheses shown),
 * the time filters, each step's automaton and the evaluation order, for
 * `--explain`.  (transfer full)
 */
AZKB_API char *azkb_query_explain(AzkbQuery *query);

/**
 * An equivalent SPARQL 1.1 SELECT over azkb's exported RDF (doc/linked-data.md,
 * "Linked data shape") under @base (NULL: AZKB_RDF_DEFAULT_BASE), which a
 * SPARQL store answers with the same rows.  Time filters become patterns on
 * the rdf:Statement nodes; the present (for open ends) is written in as a
 * constant.  A step whose expression repeats without bound (`*`, `+`,
 * `{m,}`) and carries a time filter cannot be written in SPARQL 1.1 (a
 * property path cannot test each hop's statement node): refused with
 * AZKB_QUERY_ERROR_UNSUPPORTED.  (transfer full)
 */
AZKB_API char *azkb_query_to_sparql(AzkbQuery  *query,
                                    const char *base,
                                    GError    **error);

/// What azkb_query_to_sparql_full() writes.
typedef enum {
  AZKB_SPARQL_ROWS  = 0,      ///< SELECT DISTINCT the variables, ORDER BY
  AZKB_SPARQL_COUNT = 1 << 0, ///< SELECT (COUNT(*) AS ?count) of those rows
} AzkbSparqlFlags;

/**
 * As azkb_query_to_sparql(), with @flags and a @limit on the rows (0: none).
 * AZKB_SPARQL_COUNT counts the distinct rows, at most @limit of them (what
 * `azkb query --count --limit N` prints), in an outer SELECT; a pattern
 * without variables stays an ASK.  (transfer full)
 */
AZKB_API char *azkb_query_to_sparql_full(AzkbQuery      *query,
                                         const char     *base,
                                         AzkbSparqlFlags flags,
                                         guint           limit,
                                         GError        **error);

/**
 * The store term that IRI @iri names in azkb's exported RDF under @base
 * (NULL: AZKB_RDF_DEFAULT_BASE): the inverse of the naming
 * azkb_query_to_sparql() writes, for reading a SPARQL store's answers.
 * A term the store does not know yet is interned: a write to the store
 * (no other thread may use it meanwhile, azkb/store.h).
 */
AZKB_API AzkbTermId azkb_query_term_for_iri(AzkbQuery  *query,
                                            const char *base,
                                            const char *iri);

/* ---- results ---- */

/// Add a reference.  (transfer full)
AZKB_API AzkbResult *azkb_result_ref(AzkbResult *result);

/// Drop a reference; frees at zero.  Accepts NULL.
AZKB_API void azkb_result_unref(AzkbResult *result);

/**
 * A result of @query made of rows found elsewhere (a SPARQL store's
 * answer, mapped to store terms): @n_rows rows of azkb_result_n_columns()
 * term ids each in @cells, put in result order with duplicates removed as
 * azkb_query_execute() does.  For a pattern without variables, any row
 * means it matches.  The columns have the kinds a local result's would
 * (azkb_result_column_kind()); rows can be given only when every column
 * is an entity column.  (transfer full)
 */
AZKB_API AzkbResult *azkb_result_new_from_rows(AzkbQuery        *query,
                                               const AzkbTermId *cells,
                                               guint             n_rows);

/**
 * What the cells of a result column hold.  Every cell is one 32-bit id;
 * the column's kind says what the id names:
 *
 *   kind                      the cell                 read it with
 *   AZKB_COLUMN_ENTITY        an entity's AzkbTermId   azkb_store_term_name()
 *   AZKB_COLUMN_LITERAL       a literal's AzkbTermId   azkb_store_get_literal()
 *   AZKB_COLUMN_TIME          an AzkbStmtId azkb_store_get_statement()
 *   AZKB_COLUMN_SOURCES       a list index             azkb_result_sources()
 *
 * A TIME column is the valid time of the statement a step crossed (a time
 * variable, `-electedTo@?term->`); its value is the statement's interval,
 * so rows whose statements have equal intervals are one row, and the cell
 * then names the lowest such statement; rows order such a column by the
 * interval's start (unknown and undated first), then its end.  A statement's
 * time may be undated.  A SOURCES column (AZKB_QUERY_SOURCES) comes last and
 * holds the paragraphs that support the row.  New kinds may be added: a caller
 * should treat a kind it does not know as opaque.
 */
typedef enum {
  AZKB_COLUMN_ENTITY  = 0, ///< a node variable: an entity
  AZKB_COLUMN_LITERAL = 1, ///< a variable ending a step over a property
  AZKB_COLUMN_TIME    = 2, ///< a time variable: the statement it crossed
  AZKB_COLUMN_SOURCES = 3, ///< the sources of the row (the last column)
  AZKB_COLUMN_WHEN    = 4, ///< when the row held (AZKB_QUERY_WHEN)
} AzkbColumnKind;

/**
 * Number of columns: the pattern's variables (node, literal and time
 * variables) in order of appearance, then the when column
 * (AZKB_QUERY_WHEN), then the sources column, each if asked.  Those two
 * are named `when` and `sources`, or `when2`, `sources2`, ... when a
 * variable has the name: no two columns share one.
 */
AZKB_API guint azkb_result_n_columns(const AzkbResult *result);

/// Name of column @column, without the `?`.  (transfer none)
AZKB_API const char *azkb_result_column_name(const AzkbResult *result,
                                             guint             column);

/// What the cells of column @column hold.
AZKB_API AzkbColumnKind azkb_result_column_kind(const AzkbResult *result,
                                                guint             column);

/**
 * The source terms (paragraphs) of a cell of an AZKB_COLUMN_SOURCES
 * column: *@out_n AzkbTermIds, each once, sorted by id (not by name: a
 * caller that prints them chooses its order, as the CLI prints [P2]
 * before [P10]), maybe none.  (transfer none)
 */
AZKB_API const AzkbTermId *azkb_result_sources(const AzkbResult *result,
                                               guint32           cell,
                                               gsize            *out_n);

/**
 * The days at which the row of a cell of an AZKB_COLUMN_WHEN column held:
 * *@out_n sorted, disjoint, non-adjacent day ranges (azkb_time_set_ranges()
 * form), never none.  The definition (AZKB_QUERY_WHEN): a row holds at
 * instant t when the pattern, its time filters choosing the statements a
 * hop may cross as always, matches the row in the graph of the statements
 * valid at t: a dated statement over its span (azkb_interval_span(): an
 * open end runs to the present, an unknown end covers only its start's
 * own range), an undated one at every instant unless
 * AZKB_QUERY_STRICT_TIME.
 *
 * What a row binds besides its nodes is part of it:
 *   - A time variable (or a qualifier) binds the statement its step
 *     crosses, so a match holds at t only if that statement is valid at
 *     t: a row's days are its statement's days met with those of the rest
 *     of the match.  Rows with the same nodes that bind two statements
 *     (two terms of one membership) are two rows, each with its own days;
 *     statements of equal intervals are one value, their days united.
 *   - A step ending at a literal crosses the statement that gives the
 *     value, valid over its own span like any other (undated: always,
 *     unless AZKB_QUERY_STRICT_TIME).  A qualifier belongs to its
 *     statement and holds while it does.
 *   - Temporal constraints (azkb_query_add_constraint()) test the times of
 *     the statements the time variables bind, as without AZKB_QUERY_WHEN;
 *     the matches that meet them are then coalesced.  A constraint cannot
 *     name the row's own days: the when column is no variable.
 *   - Sources (AZKB_QUERY_SOURCES): for each match of the row (a binding
 *     of the chain's nodes and statements), the statements its steps
 *     bind, and for every other step those of one shortest way across it
 *     in the snapshot of the first day that match held (the first found
 *     by a breadth-first search over the statements valid that day, every
 *     such statement of each hop): a witness inside the row's time.
 * (transfer none)
 */
AZKB_API const AzkbDayRange *azkb_result_when(const AzkbResult *result,
                                              guint32           cell,
                                              gsize            *out_n);

/**
 * Number of rows.  A pattern with no variable has one empty row when it
 * matches and none when it does not.
 */
AZKB_API guint azkb_result_n_rows(const AzkbResult *result);

/**
 * Row @row: azkb_result_n_columns() cells, each an id of the kind of its
 * column (azkb_result_column_kind(); entity columns hold term ids).
 * (transfer none)
 */
AZKB_API const AzkbTermId *azkb_result_row(const AzkbResult *result, guint row);

/* ---- connections between two entities (`azkb path`) ---- */

/// One hop of a connection: a relation crossed in some direction.
typedef struct {
  AzkbTermId from;     ///< where the hop starts (on the path's way)
  AzkbTermId to;       ///< where it ends
  AzkbTermId relation; ///< the relation of the statement(s)
  gboolean   forward;  ///< TRUE if @from is the statements' subject
  GArray    *stmts;    ///< AzkbStmtId: every statement that makes the hop
} AzkbHop;

/// Options of azkb_path_find().
typedef struct {
  guint               max_hops;     ///< 0 means 6
  const AzkbInterval *at;           ///< hops must overlap it; NULL: any
  const char         *via;          ///< a path expression; NULL: `_`
  gboolean            all_shortest; ///< every shortest connection, not one
  guint               max_paths;    ///< cap with all_shortest; 0 means 100
  AzkbQueryFlags      flags;
  const AzkbDate     *present; ///< where open ends run to; NULL: today
} AzkbPathOptions;

/**
 * Shortest connections from @from to @to in the graph seen without
 * direction: a connection is a sequence of hops, each crossing one
 * relation forwards or backwards, whose relations spell a word of
 * `(VIA|^VIA)+` (VIA is @options->via, `_` when NULL), at most
 * @options->max_hops hops long.  Connections are distinct as sequences of
 * (node, relation, direction); each hop lists every statement that makes it
 * (several terms of one membership) that passes the time filter.
 * Connections come in a fixed order, hop by hop: by the name of the node
 * reached, then of the relation, forwards before backwards; without
 * all_shortest the first of them alone, else the first max_paths.  The
 * search runs from both ends at once, so its work is bounded by what lies
 * within about half the connection's length (or of max_hops) of @from and
 * @to, not by the size of the graph.
 * Errors as azkb_query_parse() for @options->via.  (transfer full) a
 * GPtrArray of GArray of AzkbHop, empty when none is found; free it with
 * g_ptr_array_unref().
 */
AZKB_API GPtrArray *azkb_path_find(AzkbStore             *store,
                                   AzkbTermId             from,
                                   AzkbTermId             to,
                                   const AzkbPathOptions *options,
                                   GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AzkbQuery, azkb_query_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(AzkbResult, azkb_result_unref)

G_END_DECLS
