/* azkb check: validate the store against the ontology it holds.
 *
 * The store knows the ontology only as the importer recorded it (subclass
 * edges, signatures, the classes of ontology terms), so "declared" is
 * decided from those facts; see include/azkb/check.h. */
#include <azkb/check.h>
#include <string.h>

struct _AzkbCheckReport {
  GArray *problems; /* AzkbCheckProblem; message owned (char *) */
  guint   n_entities;
  guint   n_statements;
  guint   n_classes;
  guint   n_relations;
};

typedef struct {
  AzkbStore       *store;
  AzkbCheckReport *report;
  GHashTable      *classes;  /* declared classes: set of term ids */
  GHashTable      *reported; /* entities already reported undescribed */
  AzkbTermId       part_of;  /* the partOf relation, or 0 */
} Checker;

/* The standard vocabularies, as the importer names their terms. */
static const char *const vocab_prefixes[] = {
  "rdf:", "rdfs:", "owl:", "xsd:", "skos:", "prov:", "dcterms:"
};

/* rdf, rdfs and owl describe the ontology itself: their classes (owl:Class,
 * rdf:Property, ...) mark ontology terms, never data entities. */
static const char *const meta_prefixes[] = { "rdf:", "rdfs:", "owl:" };

static gboolean
has_any_prefix(const char *name, const char *const *prefixes, gsize n)
{
  if (name == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (g_str_has_prefix(name, prefixes[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_vocab(const AzkbStore *store, AzkbTermId term)
{
  return has_any_prefix(azkb_store_term_name(store, term),
                        vocab_prefixes,
                        G_N_ELEMENTS(vocab_prefixes));
}

static gboolean
is_meta(const AzkbStore *store, AzkbTermId term)
{
  return has_any_prefix(azkb_store_term_name(store, term),
                        meta_prefixes,
                        G_N_ELEMENTS(meta_prefixes));
}

static const char *
name(const AzkbStore *store, AzkbTermId term)
{
  const char *n = azkb_store_term_name(store, term);

  return n != NULL ? n : "(none)";
}

/* TRUE if @term is typed with one of the NULL-terminated class @names. */
static gboolean
typed_as(const AzkbStore *store, AzkbTermId term, const char *const *names)
{
  gsize             n;
  const AzkbTermId *classes = azkb_store_entity_classes(store, term, &n);

  for (gsize i = 0; i < n; i++)
    for (const char *const *x = names; *x != NULL; x++)
      if (g_strcmp0(azkb_store_term_name(store, classes[i]), *x) == 0)
        return TRUE;
  return FALSE;
}

static gboolean
has_meta_class(const AzkbStore *store, AzkbTermId term)
{
  gsize             n;
  const AzkbTermId *classes = azkb_store_entity_classes(store, term, &n);

  for (gsize i = 0; i < n; i++)
    if (is_meta(store, classes[i]))
      return TRUE;
  return FALSE;
}

static const char *const class_types[]    = { "owl:Class", "rdfs:Class", NULL };
static const char *const property_types[] = { "owl:ObjectProperty",
                                              "owl:DatatypeProperty",
                                              "owl:AnnotationProperty",
                                              "rdf:Property",
                                              NULL };

static gboolean
relation_declared(const AzkbStore *store, AzkbTermId rel)
{
  AzkbTermId domain = 0, range = 0;

  azkb_store_get_signature(store, rel, &domain, &range);
  return domain != 0 || range != 0 || typed_as(store, rel, property_types);
}

/* A class is declared when the ontology places it in the hierarchy or types
 * it as a class; a lone class name used only in data is not. */
static void
collect_classes(Checker *ck)
{
  guint n = azkb_store_n_terms(ck->store);

  for (AzkbTermId t = 1; t <= n; t++) {
    AzkbTermKind      kind = azkb_store_term_kind(ck->store, t);
    gsize             n_sup;
    const AzkbTermId *sup;

    if (kind & AZKB_TERM_LITERAL)
      continue;
    if ((kind & AZKB_TERM_ENTITY) && typed_as(ck->store, t, class_types))
      g_hash_table_add(ck->classes, GUINT_TO_POINTER(t));
    if (!(kind & AZKB_TERM_CLASS))
      continue;
    sup = azkb_store_superclasses(ck->store, t, &n_sup);
    if (n_sup > 0)
      g_hash_table_add(ck->classes, GUINT_TO_POINTER(t));
    for (gsize i = 0; i < n_sup; i++)
      g_hash_table_add(ck->classes, GUINT_TO_POINTER(sup[i]));
  }
}

static void
count_relations(Checker *ck)
{
  guint n = azkb_store_n_terms(ck->store);

  for (AzkbTermId t = 1; t <= n; t++)
    if (!(azkb_store_term_kind(ck->store, t) & AZKB_TERM_LITERAL) &&
        relation_declared(ck->store, t))
      ck->report->n_relations++;
}

static void add_problem(Checker      *ck,
                        AzkbCheckKind kind,
                        AzkbTermId    entity,
                        AzkbStmtId    stmt,
                        const char   *format,
                        ...) G_GNUC_PRINTF(5, 6);

static void
add_problem(Checker      *ck,
            AzkbCheckKind kind,
            AzkbTermId    entity,
            AzkbStmtId    stmt,
            const char   *format,
            ...)
{
  AzkbCheckProblem p = { kind, entity, stmt, NULL, 0, NULL };
  va_list          args;

  azkb_store_get_location(ck->store, entity, stmt, &p.file, &p.line);
  va_start(args, format);
  p.message = g_strdup_vprintf(format, args);
  va_end(args);
  g_array_append_val(ck->report->problems, p);
}

static gboolean
has_preferred_label(const AzkbStore *store, AzkbTermId entity)
{
  gsize            n;
  const AzkbLabel *labels = azkb_store_entity_labels(store, entity, &n);

  for (gsize i = 0; i < n; i++)
    if (labels[i].kind == AZKB_LABEL_PREFERRED)
      return TRUE;
  return FALSE;
}

/* An entity with neither class nor label is described nowhere: a statement
 * that points at it points at nothing (a typo in a slug, most often). */
static gboolean
is_undescribed(const AzkbStore *store, AzkbTermId term)
{
  gsize n_classes, n_labels;

  azkb_store_entity_classes(store, term, &n_classes);
  azkb_store_entity_labels(store, term, &n_labels);
  return n_classes == 0 && n_labels == 0;
}

static void
report_dangling(Checker *ck, AzkbTermId term, AzkbStmtId stmt)
{
  if (!g_hash_table_add(ck->reported, GUINT_TO_POINTER(term)))
    return;
  add_problem(ck,
              AZKB_CHECK_DANGLING,
              term,
              stmt,
              "dangling reference to “%s”: it has no class and no label",
              name(ck->store, term));
}

/* The XSD datatypes a literal may satisfy; NULL range names match all. */
static gboolean
literal_matches(const AzkbLiteral *lit, const char *range)
{
  AzkbDate date;

  if (g_strcmp0(range, "rdfs:Literal") == 0)
    return TRUE;
  if (g_strcmp0(range, "xsd:string") == 0 ||
      g_strcmp0(range, "rdf:langString") == 0)
    return lit->kind == AZKB_VALUE_STRING;
  if (g_strcmp0(range, "xsd:integer") == 0)
    return lit->kind == AZKB_VALUE_INTEGER;
  if (g_strcmp0(range, "xsd:decimal") == 0)
    return lit->kind == AZKB_VALUE_DECIMAL || lit->kind == AZKB_VALUE_INTEGER;
  if (g_strcmp0(range, "xsd:boolean") == 0)
    return lit->kind == AZKB_VALUE_BOOLEAN;
  if (lit->kind != AZKB_VALUE_DATE ||
      !azkb_date_parse(lit->lexical, &date, NULL))
    return FALSE;
  if (g_strcmp0(range, "xsd:gYear") == 0)
    return date.precision == AZKB_PRECISION_YEAR;
  if (g_strcmp0(range, "xsd:gYearMonth") == 0)
    return date.precision == AZKB_PRECISION_MONTH;
  if (g_strcmp0(range, "xsd:date") == 0)
    return date.precision == AZKB_PRECISION_DAY;
  return FALSE;
}

static const char *
literal_kind_name(AzkbValueKind kind)
{
  switch (kind) {
    case AZKB_VALUE_STRING:
      return "a string";
    case AZKB_VALUE_INTEGER:
      return "an integer";
    case AZKB_VALUE_DECIMAL:
      return "a decimal";
    case AZKB_VALUE_BOOLEAN:
      return "a boolean";
    case AZKB_VALUE_DATE:
      return "a date";
    case AZKB_VALUE_OTHER:
      break;
  }
  return "a literal";
}

/* @value (a literal) against @property's range, for statements and
 * attributes alike. */
static void
check_literal(Checker   *ck,
              AzkbTermId subject,
              AzkbStmtId stmt,
              AzkbTermId property,
              AzkbTermId value)
{
  AzkbTermId  domain = 0, range = 0;
  AzkbLiteral lit;
  const char *range_name;

  azkb_store_get_signature(ck->store, property, &domain, &range);
  if (range == 0 || !azkb_store_get_literal(ck->store, value, &lit))
    return;
  range_name = name(ck->store, range);
  if (!g_str_has_prefix(range_name, "xsd:") &&
      !g_str_has_prefix(range_name, "rdf:") &&
      !g_str_has_prefix(range_name, "rdfs:")) {
    add_problem(ck,
                AZKB_CHECK_RANGE,
                subject,
                stmt,
                "“%s” %s “%s”: the value is %s, but the range of “%s” is "
                "the class “%s”",
                name(ck->store, subject),
                name(ck->store, property),
                lit.lexical,
                literal_kind_name(lit.kind),
                name(ck->store, property),
                range_name);
    return;
  }
  if (!literal_matches(&lit, range_name))
    add_problem(ck,
                AZKB_CHECK_RANGE,
                subject,
                stmt,
                "“%s” %s “%s”: the value is not of the range %s",
                name(ck->store, subject),
                name(ck->store, property),
                lit.lexical,
                range_name);
}

/* ---- labels ---- */

/* One preferred label per language: a second one is a conflict (two
 * sources disagreeing, or a typo), whichever a reader would be shown. */
static void
check_label_conflicts(Checker *ck, AzkbTermId e)
{
  gsize            n;
  const AzkbLabel *labels = azkb_store_entity_labels(ck->store, e, &n);

  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < i; j++) {
      const AzkbLabel *a = &labels[j], *b = &labels[i];

      if (a->kind != AZKB_LABEL_PREFERRED || b->kind != AZKB_LABEL_PREFERRED ||
          g_strcmp0(a->lang, b->lang) != 0 || strcmp(a->text, b->text) == 0)
        continue;
      add_problem(ck,
                  AZKB_CHECK_LABEL_CONFLICT,
                  e,
                  0,
                  "entity “%s” has two labels in %s%s: “%s” and “%s”",
                  name(ck->store, e),
                  a->lang != NULL ? "language " : "no language",
                  a->lang != NULL ? a->lang : "",
                  a->text,
                  b->text);
      return;
    }
}

/* ---- cycles ----
 *
 * A depth-first search with an explicit stack (the input decides how deep
 * a hierarchy goes, so no recursion): a node met again while still on the
 * current path closes a cycle, reported once, listing the path from there
 * on. */

typedef const AzkbTermId *(*NextFunc)(Checker   *ck,
                                      AzkbTermId node,
                                      gsize     *out_n,
                                      GArray    *scratch);

typedef struct {
  AzkbTermId node;
  gsize      next; ///< index of the next successor to visit
  GArray    *succ; ///< AzkbTermId successors
} Frame;

enum { WHITE = 0, GREY = 1, BLACK = 2 };

static char *
cycle_text(Checker *ck, const GArray *stack, guint from, AzkbTermId again)
{
  GString *text = g_string_new(NULL);

  for (guint i = from; i < stack->len; i++)
    g_string_append_printf(
      text, "%s → ", name(ck->store, g_array_index(stack, Frame, i).node));
  g_string_append(text, name(ck->store, again));
  return g_string_free(text, FALSE);
}

static GArray *
successors(Checker *ck, NextFunc next, AzkbTermId node)
{
  GArray           *succ = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  gsize             n;
  const AzkbTermId *ids = next(ck, node, &n, succ);

  if (ids != (const AzkbTermId *)succ->data)
    g_array_append_vals(succ, ids, n);
  return succ;
}

/* Visit everything reachable from @root; call @report for each cycle. */
static void
find_cycles(Checker   *ck,
            AzkbTermId root,
            guint8    *colour,
            NextFunc   next,
            void (*report)(Checker *ck, AzkbTermId at, const char *path))
{
  g_autoptr(GArray) stack = g_array_new(FALSE, FALSE, sizeof(Frame));
  Frame top               = { root, 0, successors(ck, next, root) };

  colour[root] = GREY;
  g_array_append_val(stack, top);
  while (stack->len > 0) {
    Frame     *f = &g_array_index(stack, Frame, stack->len - 1);
    AzkbTermId m;

    if (f->next >= f->succ->len) {
      colour[f->node] = BLACK;
      g_array_unref(f->succ);
      g_array_set_size(stack, stack->len - 1);
      continue;
    }
    m = g_array_index(f->succ, AzkbTermId, f->next++);
    if (colour[m] == GREY) {
      guint            from = stack->len - 1;
      g_autofree char *path = NULL;

      while (g_array_index(stack, Frame, from).node != m)
        from--;
      path = cycle_text(ck, stack, from, m);
      report(ck, m, path);
      continue;
    }
    if (colour[m] == WHITE) {
      Frame child = { m, 0, successors(ck, next, m) };

      colour[m] = GREY;
      g_array_append_val(stack, child);
    }
  }
}

static const AzkbTermId *
superclasses(Checker *ck, AzkbTermId node, gsize *out_n, GArray *scratch)
{
  (void)scratch;
  return azkb_store_superclasses(ck->store, node, out_n);
}

static void
report_subclass_cycle(Checker *ck, AzkbTermId at, const char *path)
{
  add_problem(ck,
              AZKB_CHECK_CYCLE,
              at,
              0,
              "the class hierarchy has a cycle: %s (rdfs:subClassOf)",
              path);
}

static void
check_subclass_cycles(Checker *ck)
{
  guint              n      = azkb_store_n_terms(ck->store);
  g_autofree guint8 *colour = g_new0(guint8, n + 1);

  for (AzkbTermId t = 1; t <= n; t++)
    if (colour[t] == WHITE)
      find_cycles(ck, t, colour, superclasses, report_subclass_cycle);
}

/* The wholes @node is directly part of (partOf statements). */
static const AzkbTermId *
wholes(Checker *ck, AzkbTermId node, gsize *out_n, GArray *scratch)
{
  gsize           n;
  const AzkbEdge *edges =
    azkb_store_out_edges(ck->store, node, ck->part_of, &n);

  for (gsize i = 0; i < n; i++)
    if (edges[i].other != node)
      g_array_append_val(scratch, edges[i].other);
  *out_n = scratch->len;
  return (const AzkbTermId *)scratch->data;
}

static void
report_part_cycle(Checker *ck, AzkbTermId at, const char *path)
{
  add_problem(ck,
              AZKB_CHECK_CYCLE,
              at,
              0,
              "a cycle of partOf: %s (an entity would be part of itself)",
              path);
}

static void
check_part_of(Checker *ck)
{
  guint              n      = azkb_store_n_terms(ck->store);
  g_autofree guint8 *colour = NULL;

  ck->part_of = azkb_store_lookup(ck->store, "partOf");
  if (ck->part_of == 0)
    return;
  /* a loop: the statement says it, so the statement is the location */
  for (AzkbTermId t = 1; t <= n; t++) {
    gsize           k;
    const AzkbEdge *edges = azkb_store_out_edges(ck->store, t, ck->part_of, &k);

    for (gsize i = 0; i < k; i++)
      if (edges[i].other == t)
        add_problem(ck,
                    AZKB_CHECK_CYCLE,
                    t,
                    edges[i].stmt,
                    "“%s” is part of itself (partOf)",
                    name(ck->store, t));
  }
  colour = g_new0(guint8, n + 1);
  for (AzkbTermId t = 1; t <= n; t++)
    if (colour[t] == WHITE)
      find_cycles(ck, t, colour, wholes, report_part_cycle);
}

static void
check_entity(Checker *ck, AzkbTermId e)
{
  AzkbTermKind         kind = azkb_store_term_kind(ck->store, e);
  gsize                n_classes, n_attrs, n_in;
  const AzkbTermId    *classes;
  const AzkbQualifier *attrs;
  const AzkbEdge      *in;

  /* Ontology terms (classes, relations, the ontology header) are described
   * by the ontology itself, not checked as data. */
  if (kind & (AZKB_TERM_CLASS | AZKB_TERM_RELATION | AZKB_TERM_PROPERTY))
    return;
  if (has_meta_class(ck->store, e))
    return;
  ck->report->n_entities++;

  classes = azkb_store_entity_classes(ck->store, e, &n_classes);
  if (is_undescribed(ck->store, e)) {
    /* Report a reference where it is made: an undescribed source is
     * reported by the statement that cites it (check_sources). */
    in = azkb_store_in_edges(ck->store, e, 0, &n_in);
    if (n_in > 0) {
      report_dangling(ck, e, in[0].stmt);
      return;
    }
    if (kind & AZKB_TERM_SOURCE)
      return;
  }
  check_label_conflicts(ck, e);
  if (!has_preferred_label(ck->store, e))
    add_problem(ck,
                AZKB_CHECK_NO_LABEL,
                e,
                0,
                "entity “%s” has no label (rdfs:label)",
                name(ck->store, e));
  if (n_classes == 0)
    add_problem(ck,
                AZKB_CHECK_NO_CLASS,
                e,
                0,
                "entity “%s” has no class (rdf:type)",
                name(ck->store, e));
  for (gsize i = 0; i < n_classes; i++)
    if (!g_hash_table_contains(ck->classes, GUINT_TO_POINTER(classes[i])))
      add_problem(ck,
                  AZKB_CHECK_UNKNOWN_CLASS,
                  e,
                  0,
                  "entity “%s” has class “%s”, which the ontology does not "
                  "define",
                  name(ck->store, e),
                  name(ck->store, classes[i]));

  attrs = azkb_store_entity_attributes(ck->store, e, &n_attrs);
  for (gsize i = 0; i < n_attrs; i++) {
    AzkbTermId p = attrs[i].property;

    if (is_vocab(ck->store, p))
      continue;
    if (!relation_declared(ck->store, p))
      add_problem(ck,
                  AZKB_CHECK_UNKNOWN_RELATION,
                  e,
                  0,
                  "entity “%s” uses property “%s”, which the ontology does "
                  "not define",
                  name(ck->store, e),
                  name(ck->store, p));
    else {
      AzkbLiteral lit;

      /* An attribute is a bare triple: a fact of the ontology's own
       * vocabulary that no statement node sources. */
      azkb_store_get_literal(ck->store, attrs[i].value, &lit);
      add_problem(ck,
                  AZKB_CHECK_NO_SOURCE,
                  e,
                  0,
                  "“%s” %s “%s”: the value has no source (state it with a "
                  "statement node and prov:wasDerivedFrom)",
                  name(ck->store, e),
                  name(ck->store, p),
                  lit.lexical);
      check_literal(ck, e, 0, p, attrs[i].value);
    }
  }
}

/* The class names of @entity, for messages: "Country, Place". */
static char *
class_list(const AzkbStore *store, AzkbTermId entity)
{
  gsize             n;
  const AzkbTermId *classes = azkb_store_entity_classes(store, entity, &n);
  GString          *out     = g_string_new(NULL);

  for (gsize i = 0; i < n; i++)
    g_string_append_printf(
      out, "%s%s", i > 0 ? ", " : "", name(store, classes[i]));
  return g_string_free(out, FALSE);
}

static gboolean
has_classes(const AzkbStore *store, AzkbTermId entity)
{
  gsize n;

  azkb_store_entity_classes(store, entity, &n);
  return n > 0;
}

/* @end (the statement's @role, "subject" or "object") is not of @want,
 * the relation's @side ("domain" or "range"). */
static void
report_wrong_class(Checker             *ck,
                   AzkbCheckKind        kind,
                   AzkbStmtId           s,
                   const AzkbStatement *st,
                   AzkbTermId           end,
                   const char          *role,
                   AzkbTermId           want,
                   const char          *side)
{
  g_autofree char *have = class_list(ck->store, end);
  const char      *rel  = name(ck->store, st->relation);

  add_problem(ck,
              kind,
              st->subject,
              s,
              "“%s” %s “%s”: the %s is of class %s, not %s (the %s of %s)",
              name(ck->store, st->subject),
              rel,
              name(ck->store, st->object),
              role,
              have,
              name(ck->store, want),
              side,
              rel);
}

/* Subject and object against the relation's domain and range.  An entity
 * with no class at all is reported once by check_entity, not once per
 * statement here. */
static void
check_signature(Checker *ck, AzkbStmtId s, const AzkbStatement *st)
{
  AzkbTermId  domain = 0, range = 0;
  const char *rel = name(ck->store, st->relation);

  azkb_store_get_signature(ck->store, st->relation, &domain, &range);
  if (domain != 0 && !is_meta(ck->store, domain) &&
      has_classes(ck->store, st->subject) &&
      !azkb_store_has_class(ck->store, st->subject, domain)) {
    report_wrong_class(
      ck, AZKB_CHECK_DOMAIN, s, st, st->subject, "subject", domain, "domain");
  }
  if (azkb_store_term_kind(ck->store, st->object) & AZKB_TERM_LITERAL) {
    check_literal(ck, st->subject, s, st->relation, st->object);
    return;
  }
  if (range == 0 || is_meta(ck->store, range) ||
      !has_classes(ck->store, st->object))
    return;
  if (g_str_has_prefix(name(ck->store, range), "xsd:"))
    add_problem(ck,
                AZKB_CHECK_RANGE,
                st->subject,
                s,
                "“%s” %s “%s”: the object is an entity, but %s wants a "
                "literal of %s",
                name(ck->store, st->subject),
                rel,
                name(ck->store, st->object),
                rel,
                name(ck->store, range));
  else if (!azkb_store_has_class(ck->store, st->object, range))
    report_wrong_class(
      ck, AZKB_CHECK_RANGE, s, st, st->object, "object", range, "range");
}

/* Reports and returns TRUE when the statement's @which end (@present,
 * @date) is not a valid date. */
static gboolean
is_bad_date(Checker             *ck,
            AzkbStmtId           s,
            const AzkbStatement *st,
            gboolean             present,
            const AzkbDate      *date,
            const char          *which)
{
  if (!present || azkb_date_is_valid(date))
    return FALSE;
  add_problem(ck,
              AZKB_CHECK_BAD_TIME,
              st->subject,
              s,
              "“%s” %s “%s”: the %s is not a valid date",
              name(ck->store, st->subject),
              name(ck->store, st->relation),
              name(ck->store, st->object),
              which);
  return TRUE;
}

static void
check_time(Checker *ck, AzkbStmtId s, const AzkbStatement *st)
{
  const AzkbInterval *t          = &st->time;
  gboolean            have_start = t->start_bound == AZKB_BOUND_DATE;
  gboolean            have_end   = t->end_bound == AZKB_BOUND_DATE;

  if (is_bad_date(ck, s, st, have_start, &t->start, "start") ||
      is_bad_date(ck, s, st, have_end, &t->end, "end"))
    return;
  /* Precision-aware: 2012-05 may end in 2012, but 2019 may not end in
   * 2017. */
  if (have_start && have_end &&
      azkb_date_first_day(&t->start) > azkb_date_last_day(&t->end)) {
    g_autofree char *a = azkb_date_to_string(&t->start, AZKB_TIME_STYLE_ISO);
    g_autofree char *b = azkb_date_to_string(&t->end, AZKB_TIME_STYLE_ISO);

    add_problem(ck,
                AZKB_CHECK_BAD_TIME,
                st->subject,
                s,
                "“%s” %s “%s”: the start %s is after the end %s",
                name(ck->store, st->subject),
                name(ck->store, st->relation),
                name(ck->store, st->object),
                a,
                b);
  }
}

static void
check_sources(Checker *ck, AzkbStmtId s, const AzkbStatement *st)
{
  g_autoptr(GArray) sources = azkb_store_statement_sources(ck->store, s);

  if (sources->len == 0) {
    add_problem(ck,
                AZKB_CHECK_NO_SOURCE,
                st->subject,
                s,
                "“%s” %s “%s”: the statement has no source "
                "(prov:wasDerivedFrom)",
                name(ck->store, st->subject),
                name(ck->store, st->relation),
                name(ck->store, st->object));
    return;
  }
  for (guint i = 0; i < sources->len; i++) {
    AzkbTermId src = g_array_index(sources, AzkbTermId, i);

    if (is_undescribed(ck->store, src))
      report_dangling(ck, src, s);
  }
}

static void
check_qualifiers(Checker *ck, AzkbStmtId s, const AzkbStatement *st)
{
  g_autoptr(GArray) quals = azkb_store_statement_qualifiers(ck->store, s);

  for (guint i = 0; i < quals->len; i++) {
    AzkbTermId p = g_array_index(quals, AzkbQualifier, i).property;

    if (is_vocab(ck->store, p) || relation_declared(ck->store, p))
      continue;
    add_problem(ck,
                AZKB_CHECK_UNKNOWN_RELATION,
                st->subject,
                s,
                "“%s” %s “%s”: qualifier “%s” is not defined by the ontology",
                name(ck->store, st->subject),
                name(ck->store, st->relation),
                name(ck->store, st->object),
                name(ck->store, p));
  }
}

static void
check_statement(Checker *ck, AzkbStmtId s)
{
  AzkbStatement st;

  if (!azkb_store_get_statement(ck->store, s, &st))
    return;
  /* rdfs:subPropertyOf and the like are ontology axioms kept as triples,
   * not data: the ontology is not checked against itself. */
  if (is_meta(ck->store, st.relation))
    return;
  ck->report->n_statements++;
  if (!relation_declared(ck->store, st.relation))
    add_problem(ck,
                AZKB_CHECK_UNKNOWN_RELATION,
                st.subject,
                s,
                "“%s” %s “%s”: relation “%s” is not defined by the ontology",
                name(ck->store, st.subject),
                name(ck->store, st.relation),
                name(ck->store, st.object),
                name(ck->store, st.relation));
  else
    check_signature(ck, s, &st);
  /* Objects the entity pass never sees (not marked entities). */
  if (!(azkb_store_term_kind(ck->store, st.object) &
        (AZKB_TERM_LITERAL | AZKB_TERM_ENTITY)) &&
      is_undescribed(ck->store, st.object))
    report_dangling(ck, st.object, s);
  check_time(ck, s, &st);
  check_sources(ck, s, &st);
  check_qualifiers(ck, s, &st);
}

static int
by_location(gconstpointer a, gconstpointer b)
{
  const AzkbCheckProblem *x = a;
  const AzkbCheckProblem *y = b;
  int                     c;

  if ((x->file == NULL) != (y->file == NULL))
    return x->file == NULL ? 1 : -1;
  c = g_strcmp0(x->file, y->file);
  if (c != 0)
    return c;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return g_strcmp0(x->message, y->message);
}

static void
clear_problem(gpointer data)
{
  AzkbCheckProblem *p = data;

  g_free((char *)p->message);
}

AzkbCheckReport *
azkb_check_store(AzkbStore *store)
{
  AzkbCheckReport *report    = g_new0(AzkbCheckReport, 1);
  Checker          ck        = { store, report, NULL, NULL, 0 };
  g_autoptr(GArray) entities = NULL;

  g_return_val_if_fail(store != NULL, report);
  report->problems = g_array_new(FALSE, FALSE, sizeof(AzkbCheckProblem));
  g_array_set_clear_func(report->problems, clear_problem);
  ck.classes  = g_hash_table_new(NULL, NULL);
  ck.reported = g_hash_table_new(NULL, NULL);

  collect_classes(&ck);
  report->n_classes = g_hash_table_size(ck.classes);
  count_relations(&ck);
  entities = azkb_store_entities(store);
  for (guint i = 0; i < entities->len; i++)
    check_entity(&ck, g_array_index(entities, AzkbTermId, i));
  for (AzkbStmtId s = 1; s <= azkb_store_n_statements(store); s++)
    check_statement(&ck, s);
  check_subclass_cycles(&ck);
  check_part_of(&ck);
  g_array_sort(report->problems, by_location);

  g_hash_table_unref(ck.classes);
  g_hash_table_unref(ck.reported);
  return report;
}

void
azkb_check_report_free(AzkbCheckReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer(&report->problems, g_array_unref);
  g_free(report);
}

guint
azkb_check_report_n_problems(const AzkbCheckReport *report)
{
  g_return_val_if_fail(report != NULL, 0);
  return report->problems->len;
}

const AzkbCheckProblem *
azkb_check_report_problem(const AzkbCheckReport *report, guint index)
{
  g_return_val_if_fail(report != NULL, NULL);
  g_return_val_if_fail(index < report->problems->len, NULL);
  return &g_array_index(report->problems, AzkbCheckProblem, index);
}

char *
azkb_check_problem_to_string(const AzkbCheckProblem *problem)
{
  g_return_val_if_fail(problem != NULL, NULL);
  if (problem->file == NULL)
    return g_strdup(problem->message);
  if (problem->line == 0)
    return g_strdup_printf("%s: %s", problem->file, problem->message);
  return g_strdup_printf(
    "%s:%u: %s", problem->file, problem->line, problem->message);
}

void
azkb_check_report_counts(const AzkbCheckReport *report,
                         guint                 *out_entities,
                         guint                 *out_statements,
                         guint                 *out_classes,
                         guint                 *out_relations)
{
  g_return_if_fail(report != NULL);
  if (out_entities != NULL)
    *out_entities = report->n_entities;
  if (out_statements != NULL)
    *out_statements = report->n_statements;
  if (out_classes != NULL)
    *out_classes = report->n_classes;
  if (out_relations != NULL)
    *out_relations = report->n_relations;
}

const char *
azkb_check_kind_to_string(AzkbCheckKind kind)
{
  switch (kind) {
    case AZKB_CHECK_NO_LABEL:
      return "no-label";
    case AZKB_CHECK_NO_CLASS:
      return "no-class";
    case AZKB_CHECK_UNKNOWN_CLASS:
      return "unknown-class";
    case AZKB_CHECK_UNKNOWN_RELATION:
      return "unknown-relation";
    case AZKB_CHECK_DOMAIN:
      return "domain";
    case AZKB_CHECK_RANGE:
      return "range";
    case AZKB_CHECK_BAD_TIME:
      return "bad-time";
    case AZKB_CHECK_NO_SOURCE:
      return "no-source";
    case AZKB_CHECK_DANGLING:
      return "dangling";
    case AZKB_CHECK_LABEL_CONFLICT:
      return "label-conflict";
    case AZKB_CHECK_CYCLE:
      return "cycle";
  }
  return "unknown";
}
