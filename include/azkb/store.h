/* azkb — the in-memory temporal graph store.
 *
 * The store knows entities, classes, relations and statements; it knows
 * nothing of RDF, DOT or terminals.  Every name is an interned *term*: a
 * string (an entity slug such as "Azerbaijan", a class "Country", a relation
 * "electedTo", a property "skos:altLabel"-like name chosen by a layer above)
 * mapped to a dense AzkbTermId.  Literals are terms too (AzkbLiteral), so a
 * statement object is always one id.
 *
 * A *statement* is (subject, relation, object) plus valid time (an
 * AzkbInterval, possibly undated), the source paragraphs that state it
 * (provenance) and qualifiers (property → literal, e.g. a theme or a count).
 * Its key is (subject, relation, object, time): adding the same key again
 * returns the same statement and merges sources and qualifiers.  One relation
 * between one pair can thus hold several statements (two ECOSOC terms).
 *
 * Memory layout (see src/store/store-private.h for the structs):
 *   - terms: one GStringChunk holding every name once; a GArray of 16-byte
 *     records {name, flags, extra} indexed by id.  flags holds the kind bits
 *     (AzkbTermKind), an "is a literal" bit and the literal's AzkbValueKind;
 *     extra is the literal's datatype (OTHER) or language tag (STRING) term.
 *     A literal's name is its lexical form.  One open-addressing table of
 *     ids (4 bytes a slot, at most 70% full) maps a name, or a literal's
 *     (kind, lexical, extra), to its id: no per-term allocation.
 *   - statements: one GArray of 24-byte records {s, p, o, start, end,
 *     extras}.  Each bound of the valid time is packed into 32 bits (year 14
 *     bits, month 4, day 5, precision 2, bound 2, and is_point on the start).
 *     An open-addressing id table over (s, p, o, start, end) finds the
 *     statement of a key.  Sources and qualifiers live in one shared GArray
 *     of 12-byte links {property (0 for a source), value, next}; a
 *     statement's `extras` is the index of its first link (0 = none).
 *   - adjacency: CSR arrays (a guint32 offset per node + 12-byte AzkbEdge
 *     records sorted by relation, other end, statement) for out- and
 *     in-edges, rebuilt in O(n) by a counting sort on the first read after a
 *     write.  All edges of a node: O(1) + output; of one relation: a binary
 *     search in the node's slice, O(log degree) + output.  Built with them,
 *     per relation and side, the sorted ids of the nodes with such an edge
 *     (azkb_store_relation_nodes()): 4 bytes per (node, relation) pair, so
 *     at most 4 bytes a statement and side.
 *   - entity side data (classes, labels, attributes, superclasses): 12-byte
 *     records {entity, a, b} appended in insertion order, deduplicated by an
 *     id table, and read through a CSR view built lazily like adjacency.
 *     Classes and superclasses also have the inverse CSR view (class →
 *     members, class → subclasses: a guint32 offset per id up to the
 *     highest class + a guint32 per record), built the same way on first
 *     use, so a class's members are found without scanning the entities.
 *     Label texts are interned as string literals (with their language).
 *   - load locations (file:line of entities and statements): two dense
 *     arrays of 8-byte records indexed by id, allocated only when used.
 *   - name lookup (find/resolve/suggest): a sorted array of normalized names
 *     (NFKD, marks dropped, casefolded), built on the first lookup after a
 *     change; exact ids are resolved first through the term table.
 * At about 5 statements per entity this is roughly 24 (statement) + 24
 * (out- and in-edges) + ~8 (key table) + up to 8 (the nodes of each
 * relation) bytes per statement, plus terms.
 *
 * Threads: any number of threads may read one store at once (every
 * function here but those that add, mark, declare, merge or reserve, and
 * queries, path searches and exports over it), and two stores may be used
 * on two threads at once, as nothing is shared between them.  A write
 * needs the store to itself: no read may run beside it, on any thread.
 * The lazily built views are built by the first reader that needs one,
 * under a lock the others wait on; once built, a read takes no lock.
 */
#pragma once

#include <azkb/error.h>
#include <azkb/export.h>
#include <azkb/time.h>
#include <glib.h>

G_BEGIN_DECLS

/// Dense id of an interned term; 0 means "none".
typedef guint32 AzkbTermId;
/// Id of a statement; 0 means "none".
typedef guint32 AzkbStmtId;

typedef struct _AzkbStore AzkbStore;

/// What a term is; a term may be several (a class is also an entity).
typedef enum {
  AZKB_TERM_ENTITY   = 1 << 0, ///< a thing with classes and labels
  AZKB_TERM_CLASS    = 1 << 1, ///< a class of entities
  AZKB_TERM_RELATION = 1 << 2, ///< entity → entity relation
  AZKB_TERM_PROPERTY = 1 << 3, ///< entity → literal attribute/qualifier
  AZKB_TERM_LITERAL  = 1 << 4, ///< a literal value
  AZKB_TERM_SOURCE   = 1 << 5, ///< a provenance source (paragraph)
} AzkbTermKind;

/// The value type of a literal.
typedef enum {
  AZKB_VALUE_STRING = 0, ///< plain or language-tagged string
  AZKB_VALUE_INTEGER,    ///< whole number (lexical form kept)
  AZKB_VALUE_DECIMAL,    ///< decimal number
  AZKB_VALUE_BOOLEAN,    ///< true/false
  AZKB_VALUE_DATE,       ///< an AzkbDate (precision from the datatype)
  AZKB_VALUE_OTHER,      ///< any other datatype, kept by name
} AzkbValueKind;

/// A literal as the store holds it.  Strings are owned by the store.
typedef struct {
  AzkbValueKind kind;
  const char   *lexical;  ///< the lexical form, never NULL
  const char   *datatype; ///< datatype name (OTHER, or NULL)
  const char   *lang;     ///< language tag (STRING only), or NULL
} AzkbLiteral;

/// Is a label the preferred name or an alternative (an abbreviation)?
typedef enum {
  AZKB_LABEL_PREFERRED   = 0,
  AZKB_LABEL_ALTERNATIVE = 1,
} AzkbLabelKind;

/// A label of an entity.  Strings are owned by the store.
typedef struct {
  const char   *text;
  const char   *lang; ///< or NULL
  AzkbLabelKind kind;
} AzkbLabel;

/// A statement as read from the store.
typedef struct {
  AzkbTermId   subject;
  AzkbTermId   relation;
  AzkbTermId   object; ///< an entity or a literal term
  AzkbInterval time;   ///< undated when azkb_interval_is_undated()
} AzkbStatement;

/// One qualifier (property → literal) of a statement or entity.
typedef struct {
  AzkbTermId property;
  AzkbTermId value; ///< a literal term
} AzkbQualifier;

/// One adjacency entry: the statement, its relation and the other end.
typedef struct {
  AzkbTermId relation;
  AzkbTermId other;
  AzkbStmtId stmt;
} AzkbEdge;

/* ---- lifetime ---- */

/// A new empty store.  (transfer full)
AZKB_API AzkbStore *azkb_store_new(void);

/// Make room for @n_terms terms and @n_statements statements in all, so
/// that a loader which knows about how many it will add does not grow the
/// key tables step by step (each step rehashes everything so far).  Only
/// a hint: more may be added, and the store never shrinks.
AZKB_API void azkb_store_reserve(AzkbStore *store,
                                 guint      n_terms,
                                 guint      n_statements);

/// Add a reference.  (transfer full)
AZKB_API AzkbStore *azkb_store_ref(AzkbStore *store);

/// Drop a reference; frees at zero.  Accepts NULL.
AZKB_API void azkb_store_unref(AzkbStore *store);

/**
 * Copy everything from @other into @store: terms (re-interned, kinds
 * added), literals, classes, labels, attributes, subclasses, signatures,
 * statements with their sources and qualifiers, and load locations.  Used
 * for all-or-nothing loads: parse into a fresh store, then merge on
 * success.  What @store already has is kept: equal statements merge their
 * sources and qualifiers, a location already recorded stays, a signature
 * field @other leaves undeclared (0) stays.  @other is not changed.
 */
AZKB_API void azkb_store_merge(AzkbStore *store, AzkbStore *other);

/**
 * azkb_store_merge() for a staging store that is dropped afterwards: when
 * @store holds nothing, @other's contents are moved in O(1) instead of
 * copied, and @other is left empty.  Otherwise the same as a merge.
 */
AZKB_API void azkb_store_absorb(AzkbStore *store, AzkbStore *other);

/* ---- terms ---- */

/// Intern @name (any non-empty UTF-8 string); returns its id.
AZKB_API AzkbTermId azkb_store_intern(AzkbStore *store, const char *name);

/// The id of @name, or 0 if it was never interned.
AZKB_API AzkbTermId azkb_store_lookup(const AzkbStore *store, const char *name);

/// The name of @term (transfer none), or NULL for 0/out of range.
AZKB_API const char *azkb_store_term_name(const AzkbStore *store,
                                          AzkbTermId       term);

/// Number of term ids in use (ids are 1..n).
AZKB_API guint azkb_store_n_terms(const AzkbStore *store);

/// Mark @term as being of @kind (bits are added, never removed).
AZKB_API void azkb_store_mark(AzkbStore   *store,
                              AzkbTermId   term,
                              AzkbTermKind kind);

/// The kind bits of @term.
AZKB_API AzkbTermKind azkb_store_term_kind(const AzkbStore *store,
                                           AzkbTermId       term);

/* ---- literals ---- */

/**
 * Intern a literal.  For AZKB_VALUE_DATE the lexical form must parse as an
 * AzkbDate; for INTEGER/DECIMAL/BOOLEAN it must be a valid lexical form,
 * else AZKB_STORE_ERROR_INVALID.  @datatype is kept only for OTHER; @lang
 * only for STRING (compared case-insensitively: it is stored in lower
 * case).  Equal literals get equal ids; a literal is never equal to a named
 * term of the same text.  The lexical form is kept as given ("01" and "1"
 * are different integers).
 */
AZKB_API AzkbTermId azkb_store_intern_literal(AzkbStore    *store,
                                              AzkbValueKind kind,
                                              const char   *lexical,
                                              const char   *datatype,
                                              const char   *lang,
                                              GError      **error);

/// The literal @term, or FALSE if @term is not a literal.
AZKB_API gboolean azkb_store_get_literal(const AzkbStore *store,
                                         AzkbTermId       term,
                                         AzkbLiteral     *out_literal);

/* ---- entities ---- */

/// Intern @id and mark it an entity; returns its term.
AZKB_API AzkbTermId azkb_store_add_entity(AzkbStore *store, const char *id);

/// Add class @cls (marked a class) to @entity; duplicates are ignored.
AZKB_API void azkb_store_add_class(AzkbStore *store,
                                   AzkbTermId entity,
                                   AzkbTermId cls);

/// Add a label; duplicates (same text, lang, kind) are ignored.  The text
/// is interned as a string literal with @lang.
AZKB_API void azkb_store_add_label(AzkbStore    *store,
                                   AzkbTermId    entity,
                                   const char   *text,
                                   const char   *lang,
                                   AzkbLabelKind kind);

/// Add an undated, unsourced attribute @property = @value (a literal).
AZKB_API void azkb_store_add_attribute(AzkbStore *store,
                                       AzkbTermId entity,
                                       AzkbTermId property,
                                       AzkbTermId value);

/// All entity terms, in id order.  (transfer container) g_array of AzkbTermId
AZKB_API GArray *azkb_store_entities(const AzkbStore *store);

/// Direct classes of @entity.  (transfer none) Valid until the next write.
AZKB_API const AzkbTermId *azkb_store_entity_classes(const AzkbStore *store,
                                                     AzkbTermId       entity,
                                                     gsize           *out_n);

/**
 * The terms that have @cls as a direct class (given by
 * azkb_store_add_class()), sorted by id; members of its subclasses are not
 * included.  The inverse of azkb_store_entity_classes(), built on the first
 * call after a write (O(class records + highest class id)).  Returns NULL
 * with *@out_n = 0 when there is none.
 * (transfer none) Valid until the next write to @store.
 */
AZKB_API const AzkbTermId *azkb_store_class_members(const AzkbStore *store,
                                                    AzkbTermId       cls,
                                                    gsize           *out_n);

/// Labels of @entity.  (transfer none) Valid until the next write.
AZKB_API const AzkbLabel *azkb_store_entity_labels(const AzkbStore *store,
                                                   AzkbTermId       entity,
                                                   gsize           *out_n);

/// Attributes of @entity.  (transfer none) Valid until the next write.
AZKB_API const AzkbQualifier *azkb_store_entity_attributes(
  const AzkbStore *store,
  AzkbTermId       entity,
  gsize           *out_n);

/// The preferred label in @lang (or "en", or any), else the term name.
AZKB_API const char *azkb_store_display_name(const AzkbStore *store,
                                             AzkbTermId       entity);

/// The shortest alternative label (abbreviation), or NULL.
AZKB_API const char *azkb_store_short_name(const AzkbStore *store,
                                           AzkbTermId       entity);

/**
 * Find entities whose id, label or alternative label equals @name, case-
 * and accent-insensitively ("ecosoc", "Heydar Aliyev", "unesco").  Names
 * are compared case-folded, NFKD-decomposed with combining marks dropped
 * ("Türkiye" = "turkiye"), with `_` read as a space and runs of white space
 * collapsed.  The index behind it is built on the first call after a change.
 * (transfer container) a GArray of AzkbTermId sorted by id, possibly empty.
 */
AZKB_API GArray *azkb_store_find(const AzkbStore *store, const char *name);

/**
 * Declare a namespace: the terms whose IRI starts with @iri are named
 * @name_head + LOCAL + @name_tail in this store (the RDF module knows which
 * form a namespace's names take; the store only rewrites names).  After
 * it, azkb_store_resolve() also accepts `@prefix:LOCAL` and `<@iri LOCAL>`
 * for those terms.  A prefix declared again with another IRI is added too:
 * each is tried in the order declared.  Not kept in snapshots.
 */
AZKB_API void azkb_store_add_namespace(AzkbStore  *store,
                                       const char *prefix,
                                       const char *iri,
                                       const char *name_head,
                                       const char *name_tail);

/**
 * The store name @written stands for through the declared namespaces
 * (`ex:Alice` or `<http://example.org/Alice>` for `<http://example.org/
 * Alice>`), when it is such a name and the term exists; else NULL.
 * (transfer full)
 */
AZKB_API char *azkb_store_expand_name(const AzkbStore *store,
                                      const char      *written);

/**
 * The shortest `prefix:LOCAL` form of @term's name through the declared
 * namespaces (`ex:Alice` for `<http://example.org/Alice>`), or NULL when
 * no namespace covers it or the name needs none.  (transfer full)
 */
AZKB_API char *azkb_store_prefixed_name(const AzkbStore *store,
                                        AzkbTermId       term);

/**
 * Resolve @name to exactly one term of @kinds (0 means AZKB_TERM_ENTITY):
 * an exact id of one of @kinds wins, then a name written through a
 * declared namespace (azkb_store_add_namespace()); otherwise the name is
 * matched as in azkb_store_find().  Errors (the message names no location;
 * callers add one): AZKB_STORE_ERROR_UNKNOWN_ENTITY, e.g. `no entity
 * “Azerbijan”; did you mean “Azerbaijan”?` (the noun follows @kinds: entity,
 * class, relation, ...; "did you mean" only when something is close);
 * AZKB_STORE_ERROR_AMBIGUOUS, e.g. `“Georgia” is ambiguous: it names
 * Georgia_country (Georgia) and Georgia_state (Georgia); use an id`.
 */
AZKB_API AzkbTermId azkb_store_resolve(const AzkbStore *store,
                                       const char      *name,
                                       AzkbTermKind     kinds,
                                       GError         **error);

/**
 * Up to @max names (ids, labels, abbreviations of terms of @kinds; 0 means
 * AZKB_TERM_ENTITY) closest to @name, one name per term, best first: the
 * same normalized form, then names starting with @name, then names
 * containing it, then names within about one edit in three characters
 * (Damerau–Levenshtein on normalized forms).  Names further away are not
 * suggested.  (transfer full) NULL-terminated, possibly empty.
 */
AZKB_API char **azkb_store_suggest(const AzkbStore *store,
                                   const char      *name,
                                   AzkbTermKind     kinds,
                                   guint            max);

/* ---- ontology ---- */

/// Declare @child a subclass of @parent (both marked classes).
AZKB_API void azkb_store_add_subclass(AzkbStore *store,
                                      AzkbTermId child,
                                      AzkbTermId parent);

/// Direct superclasses of @cls.  (transfer none)
AZKB_API const AzkbTermId *azkb_store_superclasses(const AzkbStore *store,
                                                   AzkbTermId       cls,
                                                   gsize           *out_n);

/// Direct subclasses of @cls, sorted by id: the inverse of
/// azkb_store_superclasses(), built like azkb_store_class_members().
/// (transfer none) Valid until the next write.
AZKB_API const AzkbTermId *azkb_store_subclasses(const AzkbStore *store,
                                                 AzkbTermId       cls,
                                                 gsize           *out_n);

/// TRUE if @cls is @ancestor or a (transitive) subclass of it.
AZKB_API gboolean azkb_store_is_subclass(const AzkbStore *store,
                                         AzkbTermId       cls,
                                         AzkbTermId       ancestor);

/// TRUE if some class of @entity is @cls or a subclass of it.
AZKB_API gboolean azkb_store_has_class(const AzkbStore *store,
                                       AzkbTermId       entity,
                                       AzkbTermId       cls);

/// Declare the domain (and range) of a relation or property; 0 = none.
/// A later call for the same relation replaces both.
AZKB_API void azkb_store_set_signature(AzkbStore *store,
                                       AzkbTermId relation,
                                       AzkbTermId domain,
                                       AzkbTermId range);

/// The declared domain and range of @relation (0 when undeclared).
AZKB_API void azkb_store_get_signature(const AzkbStore *store,
                                       AzkbTermId       relation,
                                       AzkbTermId      *out_domain,
                                       AzkbTermId      *out_range);

/* ---- statements ---- */

/**
 * Add (or find) the statement (@subject, @relation, @object, @time).
 * @time may be NULL (undated).  @relation is marked a relation when @object
 * is an entity, a property when it is a literal.  Returns its id.  The
 * dates of a bound that is not AZKB_BOUND_DATE are not part of the key (nor
 * read back); @time's years must lie in 0..9999 (validate input with the
 * time module first: anything else is a programming error and returns 0).
 */
AZKB_API AzkbStmtId azkb_store_add_statement(AzkbStore          *store,
                                             AzkbTermId          subject,
                                             AzkbTermId          relation,
                                             AzkbTermId          object,
                                             const AzkbInterval *time);

/// Record that @source (a term, marked a source) states @stmt.
AZKB_API void azkb_store_add_source(AzkbStore *store,
                                    AzkbStmtId stmt,
                                    AzkbTermId source);

/// Add qualifier @property = @value (a literal) to @stmt.
AZKB_API void azkb_store_add_qualifier(AzkbStore *store,
                                       AzkbStmtId stmt,
                                       AzkbTermId property,
                                       AzkbTermId value);

/// Number of statements (ids are 1..n).
AZKB_API guint azkb_store_n_statements(const AzkbStore *store);

/// Read statement @stmt.  Returns FALSE when out of range.
AZKB_API gboolean azkb_store_get_statement(const AzkbStore *store,
                                           AzkbStmtId       stmt,
                                           AzkbStatement   *out_statement);

/**
 * Read the statements @stmts[0..@n) into @out_statements[0..@n), as
 * azkb_store_get_statement() reads each; an id out of range gives a zeroed
 * statement (no subject, undated).  For many ids in no particular order
 * this is several times faster: the reads of the records overlap instead
 * of each waiting for memory.  Returns the number of ids out of range.
 */
AZKB_API gsize azkb_store_get_statements(const AzkbStore  *store,
                                         const AzkbStmtId *stmts,
                                         gsize             n,
                                         AzkbStatement    *out_statements);

/// Sources of @stmt.  (transfer container) a GArray of AzkbTermId.
AZKB_API GArray *azkb_store_statement_sources(const AzkbStore *store,
                                              AzkbStmtId       stmt);

/**
 * The sources of the statements @stmts[0..@n), appended to @out_sources
 * (a GArray of AzkbTermId) one statement after another, each statement's
 * as azkb_store_statement_sources() gives them (none for an id out of
 * range); @out_ends[i] gets the length of @out_sources after statement
 * i's.  For many statements in no particular order this is several times
 * faster than one call each: the reads overlap, and nothing is allocated
 * per statement.
 */
AZKB_API void azkb_store_get_sources(const AzkbStore  *store,
                                     const AzkbStmtId *stmts,
                                     gsize             n,
                                     GArray           *out_sources,
                                     guint            *out_ends);

/// Qualifiers of @stmt.  (transfer container) a GArray of AzkbQualifier.
AZKB_API GArray *azkb_store_statement_qualifiers(const AzkbStore *store,
                                                 AzkbStmtId       stmt);

/* ---- the order of names (built lazily after new terms) ---- */

/**
 * Every term's place in the order of names: ranks[t] for a term id t
 * (1 ≤ t ≤ azkb_store_n_terms()) is the number of terms whose name sorts
 * before t's, comparing names as strcmp() does and equal names (a literal
 * and an IRI written alike) by id; ranks[0] is 0.  Sorting terms by rank
 * sorts them by name without reading a name.  The first call after terms
 * were added sorts every name (O(terms), names sharing their first 16
 * bytes compared whole); later calls return the same array.  Safe to call
 * from several threads that only read @store.
 * (transfer none) Valid until the next write to @store.
 */
AZKB_API const guint32 *azkb_store_name_ranks(AzkbStore *store);

/// TRUE if azkb_store_name_ranks() would return without sorting.
AZKB_API gboolean azkb_store_has_name_ranks(AzkbStore *store);

/* ---- adjacency (built lazily after writes) ---- */

/**
 * Statements with @node as subject (out) or object (in), one AzkbEdge per
 * statement, sorted by relation, other end, then statement.  @relation 0
 * means any (O(1) + output); a relation is found by binary search in the
 * node's edges (O(log degree) + output).  Returns NULL with *@out_n = 0 when
 * there is none.  The first call after a write rebuilds the index (O(n)).
 * (transfer none) Valid until the next write to @store.
 */
AZKB_API const AzkbEdge *azkb_store_out_edges(AzkbStore *store,
                                              AzkbTermId node,
                                              AzkbTermId relation,
                                              gsize     *out_n);

AZKB_API const AzkbEdge *azkb_store_in_edges(AzkbStore *store,
                                             AzkbTermId node,
                                             AzkbTermId relation,
                                             gsize     *out_n);

/**
 * The nodes with at least one statement of @relation leaving them (as its
 * subject) or, with @incoming, arriving (as its object), each once, sorted
 * by id; *@out_n of them.  Built with the adjacency.  Returns NULL with
 * *@out_n = 0 when @relation has no statement.
 * (transfer none) Valid until the next write to @store.
 */
AZKB_API const AzkbTermId *azkb_store_relation_nodes(AzkbStore *store,
                                                     AzkbTermId relation,
                                                     gboolean   incoming,
                                                     gsize     *out_n);

/// All terms used as a statement's relation, sorted by name.
/// (transfer container) a GArray of AzkbTermId.
AZKB_API GArray *azkb_store_relations(const AzkbStore *store);

/* ---- load locations (for messages such as `file:line: ...`) ---- */

/**
 * Record that @entity (a term, or 0) and/or @stmt (a statement, or 0) were
 * read at @file:@line.  The first location recorded for an id is kept; later
 * calls for the same id are ignored.  @file is copied (interned once).
 */
AZKB_API void azkb_store_set_location(AzkbStore  *store,
                                      AzkbTermId  entity,
                                      AzkbStmtId  stmt,
                                      const char *file,
                                      guint       line);

/**
 * The location recorded for @stmt if it is non-zero, else for @entity.
 * Returns FALSE (and leaves the outputs alone) when none was recorded.
 * @out_file is owned by the store (transfer none); either output may be NULL.
 */
AZKB_API gboolean azkb_store_get_location(const AzkbStore *store,
                                          AzkbTermId       entity,
                                          AzkbStmtId       stmt,
                                          const char     **out_file,
                                          guint           *out_line);

/// Approximate bytes held by @store (for stats and benchmarks).
AZKB_API gsize azkb_store_memory_size(const AzkbStore *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AzkbStore, azkb_store_unref)

G_END_DECLS
