/* Resolution, the second phase of an import (import.c has the first):
 * once raptor's parse has succeeded, the triples of local term ids the
 * intake collected become a fresh staging store, in three passes:
 *   1. find the statement nodes (rdf:type rdf:Statement or rdf:subject /
 *      rdf:predicate / rdf:object) and the ontology terms (typed owl:Class,
 *      owl:ObjectProperty, ..., or described by rdfs:subClassOf/domain/range);
 *   2. read each statement node's time and add its statement;
 *   3. everything else: sources and qualifiers of statement nodes, classes,
 *      labels, ontology axioms, and the direct triples that no statement node
 *      covers (as undated statements, or attributes for literal objects).
 * A statement node may come before or after the parts it describes, which
 * is why nothing is interpreted while the file streams past. */
#include "resolve.h"

#include <string.h>

typedef AzkbIntakeTriple Triple;

/* Per local term: what it is known to be (bits). */
enum {
  RAW_ONTOLOGY  = 1 << 0, /* an ontology term: never made an entity */
  RAW_MAPPED    = 1 << 1, /* term[] holds its store term */
  RAW_ENTITY    = 1 << 2, /* made an entity in the staging store */
  RAW_STATEMENT = 1 << 3, /* a statement node (see nodes) */
  RAW_ID_NAME   = 1 << 4, /* mapped to a plain name from BASE id/ */
  RAW_ONTO_NAME = 1 << 5, /* mapped to a plain name from BASE ontology# */
};

/* A statement node: its parts and time as local term ids (0 = absent). */
typedef struct {
  guint32    node;
  guint32    line;
  guint32    subject, predicate, object;
  guint32    start, end, point, ongoing;
  AzkbStmtId stmt;
} Node;

/* Local ids of the vocabulary the importer interprets (0 = not in file). */
typedef struct {
  guint32 type, statement, subject, predicate, object;
  guint32 start, end, point, ongoing, derived;
  guint32 label, pref_label, alt_label;
  guint32 subclass, domain, range;
  guint32 owl_class, rdfs_class, object_property, datatype_property;
  guint32 ontology;
} Vocab;

/* One resolution: the parse's triples in, the staging store out. */
typedef struct {
  const char             *name; /* the file as named in messages */
  const AzkbRdfBase      *base;
  AzkbStore              *stage;
  GError                 *error; /* the first error */
  AzkbIntake             *intake;
  const AzkbIntakeTriple *triples;
  guint                   n_triples;
  Vocab                   v;
  guint8                 *flags; /* id → RAW_* */
  AzkbTermId             *term;  /* id → store term, when RAW_MAPPED */
  guint32                *node;  /* id → 1 + index into nodes, or 0 */
  GArray                 *nodes;
  GHashTable             *covered; /* Node* (s, p, o) set */
  guint                   n_entities;
  guint8 *full; /* id → TRUE: keep its whole "<iri>" (or NULL) */
} Resolve;

static void G_GNUC_PRINTF(4, 5)
  set_error_at(Resolve *rs, guint line, int code, const char *format, ...)
{
  va_list args;

  va_start(args, format);
  azkb_rdf_error_at_va(&rs->error, rs->name, line, code, format, args);
  va_end(args);
}

static const char *
key_of(const Resolve *rs, guint32 id)
{
  return azkb_intake_key(rs->intake, id);
}

/* The literal @id's parts (pointers into its key; lang and datatype NULL
 * when absent). */
static void
split_literal(const Resolve *rs,
              guint32        id,
              const char   **out_lang,
              const char   **out_datatype,
              const char   **out_lexical)
{
  const char *key = key_of(rs, id) + 1;
  const char *sep = strchr(key, '\1');
  const char *sep2;

  g_assert(sep != NULL);
  sep2 = strchr(sep + 1, '\1');
  g_assert(sep2 != NULL);
  *out_lang     = key;
  *out_datatype = sep + 1;
  *out_lexical  = sep2 + 1;
}

/* ---- phase 2: resolution ---- */

static guint32
vocab_id(Resolve *rs, const char *iri)
{
  g_autofree char *key = g_strconcat("<", iri, NULL);

  return azkb_intake_lookup(rs->intake, key);
}

static void
find_vocab(Resolve *rs)
{
  g_autofree char *start   = g_strconcat(rs->base->onto, "start", NULL);
  g_autofree char *end     = g_strconcat(rs->base->onto, "end", NULL);
  g_autofree char *point   = g_strconcat(rs->base->onto, "pointInTime", NULL);
  g_autofree char *ongoing = g_strconcat(rs->base->onto, "ongoing", NULL);
  Vocab           *v       = &rs->v;

  v->type              = vocab_id(rs, AZKB_NS_RDF "type");
  v->statement         = vocab_id(rs, AZKB_NS_RDF "Statement");
  v->subject           = vocab_id(rs, AZKB_NS_RDF "subject");
  v->predicate         = vocab_id(rs, AZKB_NS_RDF "predicate");
  v->object            = vocab_id(rs, AZKB_NS_RDF "object");
  v->start             = vocab_id(rs, start);
  v->end               = vocab_id(rs, end);
  v->point             = vocab_id(rs, point);
  v->ongoing           = vocab_id(rs, ongoing);
  v->derived           = vocab_id(rs, AZKB_NS_PROV "wasDerivedFrom");
  v->label             = vocab_id(rs, AZKB_NS_RDFS "label");
  v->pref_label        = vocab_id(rs, AZKB_NS_SKOS "prefLabel");
  v->alt_label         = vocab_id(rs, AZKB_NS_SKOS "altLabel");
  v->subclass          = vocab_id(rs, AZKB_NS_RDFS "subClassOf");
  v->domain            = vocab_id(rs, AZKB_NS_RDFS "domain");
  v->range             = vocab_id(rs, AZKB_NS_RDFS "range");
  v->owl_class         = vocab_id(rs, AZKB_NS_OWL "Class");
  v->rdfs_class        = vocab_id(rs, AZKB_NS_RDFS "Class");
  v->object_property   = vocab_id(rs, AZKB_NS_OWL "ObjectProperty");
  v->datatype_property = vocab_id(rs, AZKB_NS_OWL "DatatypeProperty");
  v->ontology          = vocab_id(rs, AZKB_NS_OWL "Ontology");
}

/* A vocabulary id that is 0 (absent from the file) must never match. */
static gboolean
is(guint32 id, guint32 vocab)
{
  return vocab != 0 && id == vocab;
}

static gboolean
is_literal(const Resolve *rs, guint32 id)
{
  return azkb_intake_kind(rs->intake, id) == AZKB_KEY_LITERAL;
}

/* How a local term reads in messages: its IRI, _:label or literal. */
static char *
describe(const Resolve *rs, guint32 id)
{
  const char *key = key_of(rs, id);
  const char *lang, *datatype, *lexical;

  switch (key[0]) {
    case AZKB_KEY_IRI:
      return g_strdup_printf("<%s>", key + 1);
    case AZKB_KEY_BLANK:
      return g_strdup_printf("_:%s", key + 1);
    default:
      split_literal(rs, id, &lang, &datatype, &lexical);
      return g_strdup_printf("“%s”", lexical);
  }
}

/* The store name of a non-literal local term.  Blank nodes are scoped to
 * their file: the label is prefixed with a hash of the file name, so two
 * files' _:b1 stay two nodes while reloading one file is idempotent. */
static char *
name_of(Resolve *rs, guint32 id, AzkbRdfIriKind *out_kind)
{
  const char *key  = key_of(rs, id);
  char       *name = NULL;

  if (key[0] == AZKB_KEY_BLANK) {
    g_autofree char *hash =
      g_compute_checksum_for_string(G_CHECKSUM_SHA256, rs->name, -1);

    *out_kind = AZKB_RDF_IRI_OTHER;
    return g_strdup_printf("_:%.8s_%s", hash, key + 1);
  }
  name = azkb_rdf_iri_to_name(rs->base, key + 1, strlen(key + 1), out_kind);
  if (rs->full != NULL && rs->full[id]) {
    g_free(name);
    name = g_strdup_printf("<%s>", key + 1);
  }
  return name;
}

/* Map a non-literal @id to its store term, without making it an entity
 * (predicates, classes, sources). */
static AzkbTermId
plain_term(Resolve *rs, guint32 id)
{
  AzkbRdfIriKind   kind;
  g_autofree char *name = NULL;

  if (rs->flags[id] & RAW_MAPPED)
    return rs->term[id];
  name = name_of(rs, id, &kind);
  if (kind == AZKB_RDF_IRI_ONTOLOGY || kind == AZKB_RDF_IRI_VOCAB)
    rs->flags[id] |= RAW_ONTOLOGY;
  if (name[0] != '<' && kind == AZKB_RDF_IRI_ENTITY)
    rs->flags[id] |= RAW_ID_NAME;
  else if (name[0] != '<' && kind == AZKB_RDF_IRI_ONTOLOGY)
    rs->flags[id] |= RAW_ONTO_NAME;
  rs->term[id] = azkb_store_intern(rs->stage, name);
  rs->flags[id] |= RAW_MAPPED;
  return rs->term[id];
}

/* Map a subject or object node: an entity unless it is an ontology term
 * (by namespace, a well-known vocabulary, or what the file says of it).
 * Being a predicate, class or source elsewhere does not stop it from being
 * an entity, so the result does not depend on the order of triples. */
static AzkbTermId
node_term(Resolve *rs, guint32 id, guint line)
{
  AzkbTermId term = plain_term(rs, id);
  guint32    first;

  if (rs->flags[id] & (RAW_ONTOLOGY | RAW_ENTITY))
    return term;
  azkb_store_add_entity(rs->stage, azkb_store_term_name(rs->stage, term));
  rs->flags[id] |= RAW_ENTITY;
  rs->n_entities++;
  first = azkb_intake_first_line(rs->intake, id);
  azkb_store_set_location(
    rs->stage, term, 0, rs->name, first > 0 ? first : line);
  return term;
}

static gboolean
check_date_precision(const AzkbDate *date, const char *datatype)
{
  const char *local = datatype + strlen(AZKB_NS_XSD);

  switch (date->precision) {
    case AZKB_PRECISION_YEAR:
      return strcmp(local, "gYear") == 0;
    case AZKB_PRECISION_MONTH:
      return strcmp(local, "gYearMonth") == 0;
    case AZKB_PRECISION_DAY:
      return strcmp(local, "date") == 0;
    case AZKB_PRECISION_NONE:
    default:
      return FALSE;
  }
}

/* Map a literal to a store literal term, validating its lexical form
 * against its datatype; 0 with an error at @line when invalid. */
static AzkbTermId
literal_term(Resolve *rs, guint32 id, guint line)
{
  const char      *lang, *datatype, *lexical;
  g_autofree char *lang_s     = NULL;
  g_autofree char *datatype_s = NULL;
  g_autofree char *dt_name    = NULL;
  g_autoptr(GError) error     = NULL;
  AzkbValueKind kind;
  AzkbDate      date;

  if (rs->flags[id] & RAW_MAPPED)
    return rs->term[id];
  split_literal(rs, id, &lang, &datatype, &lexical);
  lang_s     = g_strndup(lang, datatype - lang - 1);
  datatype_s = g_strndup(datatype, lexical - datatype - 1);
  kind       = *lang_s != '\0' ? AZKB_VALUE_STRING
                               : azkb_rdf_value_kind_for_datatype(
                             *datatype_s != '\0' ? datatype_s : NULL);
  if (kind == AZKB_VALUE_DATE && (!azkb_date_parse(lexical, &date, NULL) ||
                                  !check_date_precision(&date, datatype_s))) {
    g_autofree char *dt =
      azkb_rdf_iri_to_name(NULL, datatype_s, strlen(datatype_s), NULL);
    g_autoptr(GError) why = NULL;

    if (!azkb_date_parse(lexical, &date, &why))
      set_error_at(
        rs, line, AZKB_RDF_ERROR_PARSE, "%s literal: %s", dt, why->message);
    else
      set_error_at(rs,
                   line,
                   AZKB_RDF_ERROR_PARSE,
                   "%s literal “%s”: a date of another precision",
                   dt,
                   lexical);
    return 0;
  }
  if (kind == AZKB_VALUE_OTHER)
    dt_name = azkb_rdf_iri_to_name(NULL, datatype_s, strlen(datatype_s), NULL);
  rs->term[id] = azkb_store_intern_literal(
    rs->stage, kind, lexical, dt_name, *lang_s != '\0' ? lang_s : NULL, &error);
  if (rs->term[id] == 0) {
    g_autofree char *dt =
      *datatype_s != '\0'
        ? azkb_rdf_iri_to_name(NULL, datatype_s, strlen(datatype_s), NULL)
        : g_strdup("literal");

    set_error_at(
      rs, line, AZKB_RDF_ERROR_PARSE, "%s literal: %s", dt, error->message);
    return 0;
  }
  rs->flags[id] |= RAW_MAPPED;
  return rs->term[id];
}

/* The object of a relation or attribute: a literal or a node. */
static AzkbTermId
object_term(Resolve *rs, guint32 id, guint line)
{
  return is_literal(rs, id) ? literal_term(rs, id, line)
                            : node_term(rs, id, line);
}

static Node *
node_for(Resolve *rs, guint32 id, guint line)
{
  Node fresh = { 0 };

  if (rs->node[id] == 0) {
    fresh.node = id;
    fresh.line = azkb_intake_first_line(rs->intake, id);
    if (fresh.line == 0)
      fresh.line = line;
    g_array_append_val(rs->nodes, fresh);
    rs->node[id] = rs->nodes->len;
    rs->flags[id] |= RAW_STATEMENT;
  }
  return &g_array_index(rs->nodes, Node, rs->node[id] - 1);
}

/* Set a single-valued field of a statement node; a second, different value
 * is an error (a node describes one statement). */
static void
set_field(Resolve    *rs,
          const Node *n,
          guint32    *field,
          guint32     value,
          const char *what,
          guint       line)
{
  if (*field != 0 && *field != value) {
    g_autofree char *node = describe(rs, n->node);

    set_error_at(rs,
                 line,
                 AZKB_RDF_ERROR_SHAPE,
                 "statement node %s has more than one %s",
                 node,
                 what);
    return;
  }
  *field = value;
}

static gboolean
is_meta_class(const Resolve *rs, guint32 id)
{
  const Vocab *v = &rs->v;

  return is(id, v->owl_class) || is(id, v->rdfs_class) ||
         is(id, v->object_property) || is(id, v->datatype_property);
}

/* Pass 1: statement nodes and their parts; ontology terms. */
static void
find_nodes(Resolve *rs)
{
  const Vocab *v = &rs->v;

  for (guint i = 0; i < rs->n_triples && rs->error == NULL; i++) {
    const Triple *t = &rs->triples[i];

    Node *n;

    if (is(t->p, v->type) && is(t->o, v->statement))
      node_for(rs, t->s, t->line);
    else if (is(t->p, v->subject) || is(t->p, v->predicate) ||
             is(t->p, v->object)) {
      n = node_for(rs, t->s, t->line);
      if (is(t->p, v->subject))
        set_field(rs, n, &n->subject, t->o, "rdf:subject", t->line);
      else if (is(t->p, v->predicate))
        set_field(rs, n, &n->predicate, t->o, "rdf:predicate", t->line);
      else
        set_field(rs, n, &n->object, t->o, "rdf:object", t->line);
    } else if ((is(t->p, v->type) &&
                (is_meta_class(rs, t->o) || is(t->o, v->ontology))) ||
               is(t->p, v->subclass) || is(t->p, v->domain) ||
               is(t->p, v->range))
      rs->flags[t->s] |= RAW_ONTOLOGY;
  }
}

static guint
hash_parts(gconstpointer key)
{
  const Node *n = key;

  return (n->subject * 2654435761u) ^ (n->predicate * 40503u) ^ n->object;
}

static gboolean
equal_parts(gconstpointer a, gconstpointer b)
{
  const Node *x = a;
  const Node *y = b;

  return x->subject == y->subject && x->predicate == y->predicate &&
         x->object == y->object;
}

/* Every statement node names a whole triple of IRIs (a literal object
 * allowed); the set of those triples is what "covered" means below. */
static void
check_nodes(Resolve *rs)
{
  rs->covered = g_hash_table_new(hash_parts, equal_parts);
  for (guint i = 0; i < rs->nodes->len && rs->error == NULL; i++) {
    Node            *n       = &g_array_index(rs->nodes, Node, i);
    g_autofree char *node    = NULL;
    const char      *missing = n->subject == 0     ? "rdf:subject"
                               : n->predicate == 0 ? "rdf:predicate"
                               : n->object == 0    ? "rdf:object"
                                                   : NULL;

    if (missing != NULL) {
      node = describe(rs, n->node);
      set_error_at(rs,
                   n->line,
                   AZKB_RDF_ERROR_SHAPE,
                   "statement node %s has no %s",
                   node,
                   missing);
    } else if (is_literal(rs, n->subject) ||
               azkb_intake_kind(rs->intake, n->predicate) != AZKB_KEY_IRI) {
      node = describe(rs, n->node);
      set_error_at(rs,
                   n->line,
                   AZKB_RDF_ERROR_SHAPE,
                   "statement node %s: rdf:subject must be an IRI or "
                   "blank node and rdf:predicate an IRI",
                   node);
    } else
      g_hash_table_add(rs->covered, n);
  }
}

/* Pass 2a: the time of each statement node. */
static void
read_times(Resolve *rs)
{
  const Vocab *v = &rs->v;

  for (guint i = 0; i < rs->n_triples && rs->error == NULL; i++) {
    const Triple *t = &rs->triples[i];
    Node         *n;
    guint32      *field = NULL;
    const char   *what  = NULL;

    if (rs->node[t->s] == 0)
      continue;
    n = &g_array_index(rs->nodes, Node, rs->node[t->s] - 1);
    if (is(t->p, v->start))
      field = &n->start, what = "azo:start";
    else if (is(t->p, v->end))
      field = &n->end, what = "azo:end";
    else if (is(t->p, v->point))
      field = &n->point, what = "azo:pointInTime";
    else if (is(t->p, v->ongoing))
      field = &n->ongoing, what = "azo:ongoing";
    if (field == NULL)
      continue;
    if (!is_literal(rs, t->o)) {
      set_error_at(
        rs, t->line, AZKB_RDF_ERROR_SHAPE, "%s must be a literal", what);
      return;
    }
    set_field(rs, n, field, t->o, what, t->line);
  }
}

/* A time literal as a date: it must be typed xsd:gYear, xsd:gYearMonth or
 * xsd:date, which says its precision. */
static gboolean
time_date(Resolve *rs, guint32 id, guint line, AzkbDate *out_date)
{
  AzkbTermId  term = literal_term(rs, id, line);
  AzkbLiteral lit;

  if (term == 0)
    return FALSE;
  azkb_store_get_literal(rs->stage, term, &lit);
  if (lit.kind != AZKB_VALUE_DATE) {
    g_autofree char *what = describe(rs, id);

    set_error_at(rs,
                 line,
                 AZKB_RDF_ERROR_SHAPE,
                 "time %s is not an xsd:gYear, xsd:gYearMonth or xsd:date",
                 what);
    return FALSE;
  }
  return azkb_date_parse(lit.lexical, out_date, NULL);
}

static gboolean
node_time(Resolve *rs, const Node *n, AzkbInterval *out_time)
{
  AzkbDate    start, end, point;
  AzkbLiteral lit;
  AzkbTermId  ongoing = 0;

  *out_time = (AzkbInterval){ 0 };
  if ((n->start != 0 && !time_date(rs, n->start, n->line, &start)) ||
      (n->end != 0 && !time_date(rs, n->end, n->line, &end)) ||
      (n->point != 0 && !time_date(rs, n->point, n->line, &point)))
    return FALSE;
  if (n->ongoing != 0) {
    ongoing = literal_term(rs, n->ongoing, n->line);
    if (ongoing == 0)
      return FALSE;
    azkb_store_get_literal(rs->stage, ongoing, &lit);
    if (lit.kind != AZKB_VALUE_BOOLEAN) {
      set_error_at(rs,
                   n->line,
                   AZKB_RDF_ERROR_SHAPE,
                   "azo:ongoing must be an xsd:boolean");
      return FALSE;
    }
    if (strcmp(lit.lexical, "true") != 0 && strcmp(lit.lexical, "1") != 0)
      ongoing = 0;
  }
  if (n->point != 0) {
    if (n->start != 0 || n->end != 0 || ongoing != 0) {
      set_error_at(rs,
                   n->line,
                   AZKB_RDF_ERROR_SHAPE,
                   "a statement with azo:pointInTime has no azo:start, "
                   "azo:end or azo:ongoing");
      return FALSE;
    }
    *out_time = azkb_interval_point(&point);
    return TRUE;
  }
  if (n->end != 0 && ongoing != 0) {
    set_error_at(rs,
                 n->line,
                 AZKB_RDF_ERROR_SHAPE,
                 "a statement cannot both end (azo:end) and be ongoing "
                 "(azo:ongoing true)");
    return FALSE;
  }
  *out_time = azkb_interval_make(n->start != 0 ? &start : NULL,
                                 n->end != 0 ? &end : NULL);
  if (ongoing != 0)
    out_time->end_bound = AZKB_BOUND_OPEN;
  if (!azkb_interval_is_valid(out_time)) {
    set_error_at(
      rs, n->line, AZKB_RDF_ERROR_SHAPE, "the statement starts after it ends");
    return FALSE;
  }
  return TRUE;
}

/* Pass 2b: one store statement per statement node, in file order. */
static void
add_node_statements(Resolve *rs)
{
  for (guint i = 0; i < rs->nodes->len && rs->error == NULL; i++) {
    Node        *n = &g_array_index(rs->nodes, Node, i);
    AzkbInterval time;
    AzkbTermId   s, p, o;

    if (!node_time(rs, n, &time))
      return;
    s = node_term(rs, n->subject, n->line);
    p = plain_term(rs, n->predicate);
    o = object_term(rs, n->object, n->line);
    if (o == 0)
      return;
    n->stmt = azkb_store_add_statement(rs->stage, s, p, o, &time);
    azkb_store_set_location(rs->stage, 0, n->stmt, rs->name, n->line);
  }
}

/* A triple whose subject is a statement node: a source or a qualifier. */
static void
add_node_triple(Resolve *rs, const Triple *t)
{
  const Vocab *v = &rs->v;
  const Node  *n = &g_array_index(rs->nodes, Node, rs->node[t->s] - 1);
  AzkbTermId   value;

  if (is(t->p, v->type) || is(t->p, v->subject) || is(t->p, v->predicate) ||
      is(t->p, v->object) || is(t->p, v->start) || is(t->p, v->end) ||
      is(t->p, v->point) || is(t->p, v->ongoing)) {
    if (is(t->p, v->type) && !is(t->o, v->statement)) {
      g_autofree char *what = describe(rs, t->o);

      set_error_at(rs,
                   t->line,
                   AZKB_RDF_ERROR_SHAPE,
                   "a statement node is typed %s: azkb keeps only "
                   "rdf:Statement",
                   what);
    }
    return;
  }
  if (is(t->p, v->derived)) {
    if (is_literal(rs, t->o)) {
      set_error_at(rs,
                   t->line,
                   AZKB_RDF_ERROR_SHAPE,
                   "prov:wasDerivedFrom must name a source, not a "
                   "literal");
      return;
    }
    azkb_store_add_source(rs->stage, n->stmt, plain_term(rs, t->o));
    return;
  }
  if (!is_literal(rs, t->o)) {
    g_autofree char *what = describe(rs, t->p);

    set_error_at(rs,
                 t->line,
                 AZKB_RDF_ERROR_SHAPE,
                 "statement qualifier %s must be a literal",
                 what);
    return;
  }
  value = literal_term(rs, t->o, t->line);
  if (value != 0)
    azkb_store_add_qualifier(rs->stage, n->stmt, plain_term(rs, t->p), value);
}

/* rdf:type: a declaration of an ontology term, or an entity's class. */
static void
add_type(Resolve *rs, const Triple *t)
{
  const Vocab *v = &rs->v;
  AzkbTermId   s = node_term(rs, t->s, t->line);

  if (is_literal(rs, t->o)) {
    set_error_at(rs,
                 t->line,
                 AZKB_RDF_ERROR_SHAPE,
                 "rdf:type must name a class, not a literal");
    return;
  }
  if (is(t->o, v->owl_class) || is(t->o, v->rdfs_class))
    azkb_store_mark(rs->stage, s, AZKB_TERM_CLASS);
  else if (is(t->o, v->object_property))
    azkb_store_mark(rs->stage, s, AZKB_TERM_RELATION);
  else if (is(t->o, v->datatype_property))
    azkb_store_mark(rs->stage, s, AZKB_TERM_PROPERTY);
  else
    azkb_store_add_class(rs->stage, s, plain_term(rs, t->o));
}

static void
add_label(Resolve *rs, const Triple *t, AzkbLabelKind kind)
{
  const char      *lang, *datatype, *lexical;
  g_autofree char *lang_s = NULL;

  split_literal(rs, t->o, &lang, &datatype, &lexical);
  lang_s = g_strndup(lang, datatype - lang - 1);
  azkb_store_add_label(rs->stage,
                       node_term(rs, t->s, t->line),
                       lexical,
                       *lang_s != '\0' ? lang_s : NULL,
                       kind);
}

static void
add_signature(Resolve *rs, const Triple *t)
{
  AzkbTermId rel = node_term(rs, t->s, t->line);
  AzkbTermId cls = plain_term(rs, t->o);
  AzkbTermId domain, range;

  azkb_store_get_signature(rs->stage, rel, &domain, &range);
  if (is(t->p, rs->v.domain))
    domain = cls;
  else
    range = cls;
  azkb_store_set_signature(rs->stage, rel, domain, range);
}

/* A triple no statement node describes, or the direct form of one that
 * does. */
static void
add_direct_triple(Resolve *rs, const Triple *t)
{
  Node       key;
  AzkbTermId s, p, o;
  AzkbStmtId stmt;

  /* A direct triple that a statement node covers says nothing more. */
  key.subject   = t->s;
  key.predicate = t->p;
  key.object    = t->o;
  if (g_hash_table_contains(rs->covered, &key))
    return;
  s = node_term(rs, t->s, t->line);
  p = plain_term(rs, t->p);
  o = object_term(rs, t->o, t->line);
  if (o == 0)
    return;
  if (is_literal(rs, t->o)) {
    azkb_store_add_attribute(rs->stage, s, p, o);
    return;
  }
  stmt = azkb_store_add_statement(rs->stage, s, p, o, NULL);
  azkb_store_set_location(rs->stage, 0, stmt, rs->name, t->line);
}

/* A triple about an entity or an ontology term. */
static void
add_node_free_triple(Resolve *rs, const Triple *t)
{
  const Vocab *v       = &rs->v;
  gboolean     literal = is_literal(rs, t->o);

  if (is(t->p, v->type))
    add_type(rs, t);
  else if (literal && (is(t->p, v->label) || is(t->p, v->pref_label)))
    add_label(rs, t, AZKB_LABEL_PREFERRED);
  else if (literal && is(t->p, v->alt_label))
    add_label(rs, t, AZKB_LABEL_ALTERNATIVE);
  else if (!literal && is(t->p, v->subclass))
    azkb_store_add_subclass(
      rs->stage, node_term(rs, t->s, t->line), plain_term(rs, t->o));
  else if (!literal && (is(t->p, v->domain) || is(t->p, v->range)))
    add_signature(rs, t);
  else
    add_direct_triple(rs, t);
}

/* Pass 3: everything but the statement nodes' structure and time. */
static void
add_triples(Resolve *rs)
{
  for (guint i = 0; i < rs->n_triples && rs->error == NULL; i++) {
    const Triple *t = &rs->triples[i];

    if (rs->node[t->s] != 0)
      add_node_triple(rs, t);
    else
      add_node_free_triple(rs, t);
  }
}

static void
resolve_clear(Resolve *rs)
{
  g_clear_pointer(&rs->flags, g_free);
  g_clear_pointer(&rs->term, g_free);
  g_clear_pointer(&rs->node, g_free);
  g_clear_pointer(&rs->nodes, g_array_unref);
  g_clear_pointer(&rs->covered, g_hash_table_unref);
  rs->n_entities = 0;
}

static gboolean
resolve_once(Resolve *rs)
{
  guint n = azkb_intake_n_terms(rs->intake);

  rs->flags = g_new0(guint8, n);
  rs->term  = g_new0(AzkbTermId, n);
  rs->node  = g_new0(guint32, n);
  rs->nodes = g_array_new(FALSE, FALSE, sizeof(Node));
  find_vocab(rs);
  find_nodes(rs);
  /* every local term becomes at most one store term, and in the export's
   * shape every statement has a node */
  azkb_store_reserve(rs->stage, n, rs->nodes->len);
  if (rs->error == NULL)
    check_nodes(rs);
  if (rs->error == NULL)
    read_times(rs);
  if (rs->error == NULL)
    add_node_statements(rs);
  if (rs->error == NULL)
    add_triples(rs);
  return rs->error == NULL;
}

/* Whether the plain name of @id (see RAW_ID_NAME) would be written back as
 * another IRI: the name's kinds in the stage and in @target, which it will
 * have after the merge, put it on the other side of the base, or @target
 * already writes it there. */
static gboolean
name_changes_side(Resolve *rs, AzkbStore *target, guint32 id)
{
  gboolean     in_ontology = (rs->flags[id] & RAW_ONTO_NAME) != 0;
  AzkbTermId   term        = rs->term[id];
  const char  *name        = azkb_store_term_name(rs->stage, term);
  AzkbTermId   old         = azkb_store_lookup(target, name);
  AzkbTermKind kind        = azkb_store_term_kind(rs->stage, term);
  AzkbTermKind old_kind    = old != 0 ? azkb_store_term_kind(target, old) : 0;

  if (old_kind != 0 && azkb_rdf_kind_in_ontology(old_kind) != in_ontology)
    return TRUE;
  return azkb_rdf_kind_in_ontology(kind | old_kind) != in_ontology;
}

/* A plain name stands for BASE id/NAME or BASE ontology#NAME by its kinds
 * (iri.c), so an IRI used against its namespace (an id/ IRI as a relation,
 * an ontology# IRI as a source, or both IRIs of one name in one store)
 * would be exported as the other one.  Such IRIs keep their whole "<iri>"
 * name, which reads back as itself.  Renaming changes the kinds of the
 * plain name left behind, so the resolution runs again until nothing
 * changes side: a name stands for two IRIs, so that is at most three
 * rounds, and a file that needs a second one is rare. */
static gboolean
resolve(Resolve *rs, AzkbStore *target)
{
  guint n = azkb_intake_n_terms(rs->intake);

  for (;;) {
    gboolean again = FALSE;

    if (!resolve_once(rs))
      return FALSE;
    for (guint32 id = 1; id < n; id++)
      if ((rs->flags[id] & (RAW_ID_NAME | RAW_ONTO_NAME)) &&
          name_changes_side(rs, target, id)) {
        if (rs->full == NULL)
          rs->full = g_new0(guint8, n);
        rs->full[id] = TRUE;
        again        = TRUE;
      }
    if (!again)
      return TRUE;
    resolve_clear(rs);
    g_clear_pointer(&rs->stage, azkb_store_unref);
    rs->stage = azkb_store_new();
  }
}

AzkbStore *
azkb_rdf_resolve(AzkbIntake             *intake,
                 const AzkbIntakeTriple *triples,
                 guint                   n_triples,
                 const AzkbRdfBase      *base,
                 const char             *name,
                 AzkbStore              *target,
                 guint                  *out_entities,
                 guint                  *out_statement_nodes,
                 GError                **error)
{
  Resolve    rs    = { .name      = name,
                       .base      = base,
                       .stage     = azkb_store_new(),
                       .intake    = intake,
                       .triples   = triples,
                       .n_triples = n_triples };
  AzkbStore *stage = NULL;

  if (resolve(&rs, target)) {
    stage                = g_steal_pointer(&rs.stage);
    *out_entities        = rs.n_entities;
    *out_statement_nodes = rs.nodes->len;
  } else
    g_propagate_error(error, g_steal_pointer(&rs.error));
  resolve_clear(&rs);
  g_clear_pointer(&rs.full, g_free);
  g_clear_pointer(&rs.stage, azkb_store_unref);
  return stage;
}
