/* azkb — validate a loaded knowledge base against the ontology it holds.
 *
 * The ontology is whatever the store holds: classes with their superclasses
 * (azkb_store_add_subclass) and relations/properties with their signatures
 * (azkb_store_set_signature), as the RDF importer records them from
 * rdfs:subClassOf, rdfs:domain and rdfs:range.  A class is *declared* when
 * the ontology places it in the hierarchy (it has a superclass or a
 * subclass) or types it owl:Class/rdfs:Class; a relation is declared when it
 * has a domain or a range, or is typed as an OWL/RDF property.
 *
 * The checks, one problem per finding:
 *   - every entity has a preferred label and at least one class;
 *   - every class an entity is given is declared;
 *   - every relation a statement uses, and every qualifier or attribute
 *     property outside the standard vocabularies, is declared;
 *   - the subject of a statement is in the relation's domain and the object
 *     in its range, subclass-aware; a literal object matches an XSD range
 *     (xsd:gYear wants a year, xsd:integer a whole number, ...);
 *   - valid time is consistent: dates are real and start <= end;
 *   - every statement has a source, and every source is described; a
 *     value of an ontology property held as a bare attribute (no statement
 *     node) has no source either;
 *   - no statement refers to an entity that has neither class nor label;
 *   - an entity has at most one preferred label per language;
 *   - the class hierarchy has no cycle, and no entity is part of itself,
 *     directly or through a cycle of partOf.
 *
 * Threads: a check reads its store, so it runs on the thread that owns the
 * store (azkb/store.h); checks of two stores may run at once.
 */
#pragma once

#include <azkb/export.h>
#include <azkb/store.h>
#include <glib.h>

G_BEGIN_DECLS

/// What kind of problem a check found.
typedef enum {
  AZKB_CHECK_NO_LABEL,         ///< an entity without a preferred label
  AZKB_CHECK_NO_CLASS,         ///< an entity without any class
  AZKB_CHECK_UNKNOWN_CLASS,    ///< a class the ontology does not declare
  AZKB_CHECK_UNKNOWN_RELATION, ///< a relation/property it does not declare
  AZKB_CHECK_DOMAIN,           ///< subject outside the relation's domain
  AZKB_CHECK_RANGE,            ///< object outside the relation's range
  AZKB_CHECK_BAD_TIME,         ///< invalid date, or start after end
  AZKB_CHECK_NO_SOURCE,        ///< a statement without provenance
  AZKB_CHECK_DANGLING,         ///< a reference to an undescribed entity
  AZKB_CHECK_LABEL_CONFLICT,   ///< two preferred labels in one language
  AZKB_CHECK_CYCLE,            ///< a subclass or partOf cycle, or self-part
} AzkbCheckKind;

/// One problem.  Strings are owned by the report.
typedef struct {
  AzkbCheckKind kind;
  AzkbTermId    entity;  ///< the entity concerned, or 0
  AzkbStmtId    stmt;    ///< the statement concerned, or 0
  const char   *file;    ///< where it was read, or NULL when unknown
  guint         line;    ///< line in @file (0 when unknown)
  const char   *message; ///< the problem, without location
} AzkbCheckProblem;

typedef struct _AzkbCheckReport AzkbCheckReport;

/**
 * Check @store against the ontology it holds.  Never fails: bad data gives
 * problems, not errors.  (transfer full)
 */
AZKB_API AzkbCheckReport *azkb_check_store(AzkbStore *store);

/// Free @report.  Accepts NULL.
AZKB_API void azkb_check_report_free(AzkbCheckReport *report);

/// Number of problems found.
AZKB_API guint azkb_check_report_n_problems(const AzkbCheckReport *report);

/**
 * Problem @index (0-based), ordered by file, line, then message; problems
 * without a location come last.  (transfer none)
 */
AZKB_API const AzkbCheckProblem *azkb_check_report_problem(
  const AzkbCheckReport *report,
  guint                  index);

/// The problem as one line: "file:line: message" or just "message".
/// (transfer full)
AZKB_API char *azkb_check_problem_to_string(const AzkbCheckProblem *problem);

/// What was checked: entities, statements, declared classes and relations.
AZKB_API void azkb_check_report_counts(const AzkbCheckReport *report,
                                       guint                 *out_entities,
                                       guint                 *out_statements,
                                       guint                 *out_classes,
                                       guint                 *out_relations);

/// A short name of @kind ("no-label", "domain", ...), for tests and tools.
AZKB_API const char *azkb_check_kind_to_string(AzkbCheckKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AzkbCheckReport, azkb_check_report_free)

G_END_DECLS
