/* Export: the store as RDF, through raptor2's serializers only.
 *
 * Subjects are written in name order, and each subject's triples in a fixed
 * order (types, superclasses, signature, labels, attributes, then relations
 * sorted by relation, object and time), so two exports of the same store are
 * byte-identical and exports of similar stores diff cleanly.  A statement
 * node's IRI is a hash of its content, never of load order.
 *
 * The pretty writers (turtle, rdfxml-abbrev, json) buffer the graph inside
 * raptor; N-Triples and N-Quads go straight to the file.  Turtle and RDF/XML
 * declare only the prefixes they use: for them the graph is walked twice,
 * first to collect the namespaces, then to write.
 */
#include "rdf-private.h"
#include "src/util/atomic.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <raptor2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Slots of the term cache at most (see term()), a power of two: 24 MB of
 * slots, and at most 2M raptor terms of about 130 bytes.  The 1M-entity
 * benchmark graph has 2.1M store terms, about half of them written
 * through the cache: it adds 150 MB to the 590 MB an export of it took. */
#define TERM_SLOTS_MAX (1u << 21)
/* Terms evicted from that cache and not yet freed: enough for one triple. */
#define GRAVEYARD 4

/* Slots of the date literal cache (see date_term()); a power of two. */
#define DATE_SLOTS 4096u

/* The namespaces a pretty export may declare, in the order written. */
enum {
  NS_AZ,
  NS_AZO,
  NS_AZS,
  NS_DCTERMS,
  NS_OWL,
  NS_PROV,
  NS_RDF,
  NS_RDFS,
  NS_SKOS,
  NS_XSD,
  N_NS,
};

typedef struct {
  AzkbStore          *store;
  AzkbRdfBase         base;
  AzkbRdfExportFlags  flags;
  AzkbRdfWorld       *lent; /* the world below, borrowed for this export */
  raptor_world       *world;
  raptor_serializer  *serializer; /* NULL while collecting namespaces */
  gboolean            pretty;     /* a writer that buffers the graph */
  gboolean            xml;        /* RDF/XML: see check_xml_name() */
  guint64             n_emitted;  /* triples given to the serializer */
  GError             *error;      /* the first error raptor reported */
  gboolean            has_at;     /* only statements valid at `at` */
  AzkbDate            present;    /* where open ends run to */
  AzkbInterval        at;
  AzkbRdfProgressFunc progress; /* or NULL */
  gpointer            progress_data;
  AzkbRdfSelectFunc   select; /* or NULL: every triple is written */
  gpointer            select_data;
  guint64             done;  /* emit_counted() calls */
  guint64             total; /* subjects */

  const char *ns_prefix[N_NS];
  const char *ns_iri[N_NS];
  gboolean    ns_used[N_NS];

  guint         n_terms;
  raptor_term **terms;     /* see term() */
  AzkbTermId   *term_ids;  /* the store term in each slot of terms */
  guint         term_mask; /* slots - 1 */
  raptor_term  *graveyard[GRAVEYARD];
  guint         next_grave;
  raptor_term  *dates[DATE_SLOTS];     /* see date_term() */
  guint32       date_keys[DATE_SLOTS]; /* the packed date in each slot */
  GChecksum    *checksum;              /* reused for each statement IRI */
  char         *stmt_iri; /* base.stmt and room for the hash's 16 digits */
  gsize         stmt_len; /* strlen (base.stmt) */

  /* the vocabulary written */
  raptor_term *rdf_type, *rdf_statement, *rdf_subject, *rdf_predicate,
    *rdf_object, *azo_start, *azo_end, *azo_point, *azo_ongoing, *prov_derived,
    *rdfs_label, *skos_alt_label, *rdfs_subclass, *rdfs_domain, *rdfs_range,
    *owl_class, *owl_object_property, *owl_datatype_property, *true_literal;
  GHashTable *list_nodes; ///< labels of blank nodes with an rdf:first
} Export;

static void
on_log(void *user_data, raptor_log_message *message)
{
  Export *ex = user_data;

  static const char split[] = "Cannot split URI '";
  static const char qname[] = "' into an XML qname";
  const char       *text    = message->text;
  gsize             len     = text != NULL ? strlen(text) : 0;

  if (message->level < RAPTOR_LOG_LEVEL_ERROR || ex->error != NULL)
    return;
  /* RDF/XML names a predicate or a class by an XML name at its end */
  if (g_str_has_prefix(text != NULL ? text : "", split) &&
      g_str_has_suffix(text, qname) &&
      len >= sizeof split - 1 + sizeof qname - 1) {
    g_set_error(&ex->error,
                AZKB_RDF_ERROR,
                AZKB_RDF_ERROR_SHAPE,
                "RDF/XML cannot write <%.*s>: it does not end in an XML name "
                "(write another syntax)",
                (int)(len - (sizeof split - 1) - (sizeof qname - 1)),
                text + sizeof split - 1);
    return;
  }
  g_set_error(&ex->error,
              AZKB_RDF_ERROR,
              AZKB_RDF_ERROR_IO,
              "%s",
              text != NULL ? text : "serializer error");
}

/* ---- terms ---- */

static raptor_term *
iri_term(Export *ex, const char *iri)
{
  return raptor_new_term_from_uri_string(ex->world, (const unsigned char *)iri);
}

static raptor_term *
vocab_term(Export *ex, const char *ns, const char *local)
{
  g_autofree char *iri = g_strconcat(ns, local, NULL);

  return iri_term(ex, iri);
}

static raptor_term *
literal_term(Export *ex, const AzkbLiteral *lit)
{
  const char      *datatype = NULL;
  g_autofree char *other    = NULL;
  raptor_uri      *dt_uri   = NULL;
  raptor_term     *term;
  AzkbDate         date;

  if (lit->kind == AZKB_VALUE_DATE) {
    if (!azkb_date_parse(lit->lexical, &date, NULL))
      date.precision = AZKB_PRECISION_DAY;
    datatype = azkb_rdf_datatype_for_value(lit->kind, date.precision);
  } else if (lit->kind == AZKB_VALUE_OTHER && lit->datatype != NULL)
    datatype = other = azkb_rdf_name_to_iri(&ex->base, lit->datatype, TRUE);
  else
    datatype = azkb_rdf_datatype_for_value(lit->kind, AZKB_PRECISION_NONE);
  if (datatype != NULL)
    dt_uri = raptor_new_uri(ex->world, (const unsigned char *)datatype);
  term = raptor_new_term_from_literal(
    ex->world,
    (const unsigned char *)lit->lexical,
    dt_uri,
    lit->kind == AZKB_VALUE_STRING ? (const unsigned char *)lit->lang : NULL);
  if (dt_uri != NULL)
    raptor_free_uri(dt_uri);
  return term;
}

/* A blank node labelled @label.  raptor writes a label's letters and
 * digits as they are and turns anything else into `z`, but only where the
 * node is an object: the same node would get two labels (`_:a_b` as a
 * subject, `_:azb` as an object), and `a_b` and `azb` one.  So the label
 * is made of letters and digits first, injectively: `x` and every other
 * byte become `x` and two hex digits; and it starts with a letter, as
 * RDF/XML's rdf:nodeID (an XML name) must. */
static raptor_term *
blank_term(Export *ex, const char *label)
{
  g_autoptr(GString) safe = g_string_new("b");

  for (const char *p = label; *p != '\0'; p++)
    if (g_ascii_isalnum(*p) && *p != 'x')
      g_string_append_c(safe, *p);
    else
      g_string_append_printf(safe, "x%02x", (guchar)*p);
  return raptor_new_term_from_blank(ex->world,
                                    (const unsigned char *)safe->str);
}

static raptor_term *
make_term(Export *ex, AzkbTermId id)
{
  const char      *name = azkb_store_term_name(ex->store, id);
  AzkbTermKind     kind = azkb_store_term_kind(ex->store, id);
  AzkbLiteral      lit;
  g_autofree char *iri = NULL;

  if (azkb_store_get_literal(ex->store, id, &lit))
    return literal_term(ex, &lit);
  if (g_str_has_prefix(name, "_:"))
    return blank_term(ex, name + 2);
  iri = azkb_rdf_name_to_iri(&ex->base, name, azkb_rdf_kind_in_ontology(kind));
  return iri_term(ex, iri);
}

/* The raptor term of store term @id (transfer none).  A store term is
 * written several times (the direct triple and the statement node name an
 * object three times; hubs, classes and sources far more), and a term made
 * afresh each time cost an IRI built, a raptor URI made (with interning, a
 * search of raptor's URI tree) and freed.  So terms are kept in a cache
 * indexed by id, with a slot for every term of a store of up to
 * TERM_SLOTS_MAX terms (about 150 bytes each): nothing is made twice, and
 * memory stays bounded above that.  Past it, slots are shared and a term
 * evicted waits in a graveyard of GRAVEYARD, so the ones returned for one
 * triple stay alive until it is written; a caller holding a term longer takes a
 * reference.  (Not one of src/util/hash.h's sets: a slot is the id masked,
 * no probe, and a collision evicts, which a set never does.) */
static raptor_term *
term(Export *ex, AzkbTermId id)
{
  guint slot = id & ex->term_mask;

  g_assert(id > 0 && id <= ex->n_terms);
  if (G_UNLIKELY(ex->term_ids[slot] != id)) {
    if (ex->terms[slot] != NULL) {
      g_clear_pointer(&ex->graveyard[ex->next_grave], raptor_free_term);
      ex->graveyard[ex->next_grave] = ex->terms[slot];
      ex->next_grave                = (ex->next_grave + 1) % GRAVEYARD;
    }
    ex->terms[slot]    = make_term(ex, id);
    ex->term_ids[slot] = id;
  }
  return ex->terms[slot];
}

/* ---- writing ---- */

static void
note_namespace(Export *ex, const char *iri)
{
  if (iri == NULL)
    return;
  for (guint i = 0; i < N_NS; i++)
    if (!ex->ns_used[i] && g_str_has_prefix(iri, ex->ns_iri[i]))
      ex->ns_used[i] = TRUE;
}

static void
note_term(Export *ex, const raptor_term *t)
{
  switch (t->type) {
    case RAPTOR_TERM_TYPE_URI:
      note_namespace(ex, (const char *)raptor_uri_as_string(t->value.uri));
      break;
    case RAPTOR_TERM_TYPE_LITERAL:
      if (t->value.literal.datatype != NULL)
        note_namespace(
          ex, (const char *)raptor_uri_as_string(t->value.literal.datatype));
      break;
    case RAPTOR_TERM_TYPE_BLANK:
    case RAPTOR_TERM_TYPE_UNKNOWN:
    default:
      break;
  }
}

/* Write one triple, or (while collecting) note its namespaces. */
/* Is @p rdf:@name? */
static gboolean
is_rdf(const raptor_term *p, const char *name)
{
  const char *iri;

  if (p->type != RAPTOR_TERM_TYPE_URI)
    return FALSE;
  iri = (const char *)raptor_uri_as_string(p->value.uri);
  return g_str_has_prefix(iri, AZKB_NS_RDF) &&
         strcmp(iri + strlen(AZKB_NS_RDF), name) == 0;
}

/* A list node (a blank node with an rdf:first), seen in the first pass.
 * raptor writes a list as `( … )` with a loop, not a recursion, and only
 * when each node of it is used once: a list node given a label came out as
 * Turtle that does not parse. */
static gboolean
is_list_node(const Export *ex, const raptor_term *o)
{
  return ex->list_nodes != NULL && o->type == RAPTOR_TERM_TYPE_BLANK &&
         g_hash_table_contains(ex->list_nodes, o->value.blank.string);
}

/* RDF/XML writes a predicate (and the class of a typed node) as an XML
 * name: raptor splits the IRI where an XML name can start after it, and
 * declares what comes before as a namespace.  After the RDF namespace
 * that must be the whole rest (rdf:a:b would need the namespace rdf:a:,
 * which RDF/XML forbids: raptor writes it and cannot read it back).  Such
 * an IRI is refused before anything is written. */
static void
check_xml_name(Export *ex, const raptor_term *t)
{
  gsize       len;
  const char *iri;

  if (ex->error != NULL || t->type != RAPTOR_TERM_TYPE_URI)
    return;
  iri = (const char *)raptor_uri_as_counted_string(t->value.uri, &len);
  if (len < strlen(AZKB_NS_RDF) || !g_str_has_prefix(iri, AZKB_NS_RDF) ||
      (len > strlen(AZKB_NS_RDF) &&
       raptor_xml_name_check((const unsigned char *)iri + strlen(AZKB_NS_RDF),
                             len - strlen(AZKB_NS_RDF),
                             10)))
    return;
  g_set_error(&ex->error,
              AZKB_RDF_ERROR,
              AZKB_RDF_ERROR_SHAPE,
              "RDF/XML cannot write <%s>: after the RDF namespace, an XML "
              "name must follow (write another syntax)",
              iri);
}

/* ---- choosing triples ---- */

static void
select_term(const raptor_term *t, AzkbRdfTerm *out)
{
  size_t len = 0;

  memset(out, 0, sizeof *out);
  switch (t->type) {
    case RAPTOR_TERM_TYPE_URI:
      out->kind = AZKB_RDF_TERM_IRI;
      out->value =
        (const char *)raptor_uri_as_counted_string(t->value.uri, &len);
      out->len = len;
      return;
    case RAPTOR_TERM_TYPE_BLANK:
      out->kind  = AZKB_RDF_TERM_BLANK;
      out->value = (const char *)t->value.blank.string;
      out->len   = t->value.blank.string_len;
      return;
    case RAPTOR_TERM_TYPE_LITERAL:
      out->kind  = AZKB_RDF_TERM_LITERAL;
      out->value = (const char *)t->value.literal.string;
      out->len   = t->value.literal.string_len;
      out->lang  = (const char *)t->value.literal.language;
      /* the N-Triples writer writes a language tag or a datatype, never
       * both (raptor makes no term with both; literal_term() asks for
       * none) */
      if (out->lang == NULL && t->value.literal.datatype != NULL)
        out->datatype =
          (const char *)raptor_uri_as_string(t->value.literal.datatype);
      return;
    case RAPTOR_TERM_TYPE_UNKNOWN:
      break;
  }
  g_assert_not_reached();
}

/* Whether the triple is to be written: the caller's @select says. */
static gboolean
selected(Export *ex, raptor_term *s, raptor_term *p, raptor_term *o)
{
  AzkbRdfTerm triple[3];
  gboolean    write = FALSE;
  GError     *local = NULL;

  if (ex->error != NULL)
    return FALSE;
  select_term(s, &triple[0]);
  select_term(p, &triple[1]);
  select_term(o, &triple[2]);
  if (ex->select(triple, &write, ex->select_data, &local))
    return write;
  if (local == NULL)
    g_set_error(&local, AZKB_RDF_ERROR, AZKB_RDF_ERROR_IO, "stopped");
  g_propagate_error(&ex->error, local);
  return FALSE;
}

static void
emit(Export *ex, raptor_term *s, raptor_term *p, raptor_term *o)
{
  raptor_statement st = { 0 };

  if (ex->serializer == NULL) {
    if (ex->xml) {
      check_xml_name(ex, p);
      if (is_rdf(p, "type"))
        check_xml_name(ex, o);
    }
    if (s->type == RAPTOR_TERM_TYPE_BLANK && is_rdf(p, "first")) {
      if (ex->list_nodes == NULL)
        ex->list_nodes =
          g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_add(ex->list_nodes,
                       g_strdup((const char *)s->value.blank.string));
    }
    note_term(ex, s);
    note_term(ex, p);
    note_term(ex, o);
    return;
  }
  if (ex->select != NULL && !selected(ex, s, p, o))
    return;
  ex->n_emitted++;
  if (ex->pretty) {
    /* The buffering writers keep the statement itself (the JSON one only
     * takes a reference to it), so it must live on the heap and hold its
     * own references to the terms. */
    raptor_statement *heap =
      raptor_new_statement_from_nodes(ex->world,
                                      raptor_term_copy(s),
                                      raptor_term_copy(p),
                                      raptor_term_copy(o),
                                      NULL);

    raptor_serializer_serialize_statement(ex->serializer, heap);
    /* raptor nests a blank node used once as an object inside its user,
     * one recursion and one indentation step per level: a chain of blank
     * nodes nests as deep as it is long (a stack overflow at 60,000, and
     * output quadratic in the depth).  So a blank node is nested only in
     * a node with an IRI; used by a blank node it is written with its
     * label, which raptor does for a node used twice as an object (the
     * repeated triple it drops, being the same). */
    if (s->type == RAPTOR_TERM_TYPE_BLANK &&
        o->type == RAPTOR_TERM_TYPE_BLANK && !is_list_node(ex, o))
      raptor_serializer_serialize_statement(ex->serializer, heap);
    raptor_free_statement(heap);
    return;
  }
  st.world     = ex->world;
  st.usage     = 1;
  st.subject   = s;
  st.predicate = p;
  st.object    = o;
  raptor_serializer_serialize_statement(ex->serializer, &st);
}

/* ---- sorting ---- */

static int
compare_names(const Export *ex, AzkbTermId a, AzkbTermId b)
{
  return strcmp(azkb_store_term_name(ex->store, a),
                azkb_store_term_name(ex->store, b));
}

/* Nodes before literals; literals by lexical form, kind, datatype, lang. */
static int
compare_objects(const Export *ex, AzkbTermId a, AzkbTermId b)
{
  AzkbLiteral x, y;
  gboolean    lx = azkb_store_get_literal(ex->store, a, &x);
  gboolean    ly = azkb_store_get_literal(ex->store, b, &y);
  int         c;

  if (a == b)
    return 0;
  if (lx != ly)
    return lx ? 1 : -1;
  if (!lx)
    return compare_names(ex, a, b);
  if ((c = strcmp(x.lexical, y.lexical)) != 0)
    return c;
  if (x.kind != y.kind)
    return x.kind < y.kind ? -1 : 1;
  if ((c = g_strcmp0(x.datatype, y.datatype)) != 0)
    return c;
  return g_strcmp0(x.lang, y.lang);
}

static int
by_name(gconstpointer a, gconstpointer b, gpointer user_data)
{
  return compare_names(
    user_data, *(const AzkbTermId *)a, *(const AzkbTermId *)b);
}

/* @date in the ISO style of azkb_date_to_string() ("2003", "2003-05",
 * "2003-05-04"), into @buf; returns its length.  Written by hand: the
 * export formats two dates per statement (its time key and its node's
 * literals), and printf was a tenth of the export's instructions. */
#define ISO_DATE_MAX 24

static gsize
iso_date(const AzkbDate *date, char buf[ISO_DATE_MAX])
{
  char *p = buf;
  guint y;

  if (date->year < 0 || date->year > 9999 || !azkb_date_is_valid(date)) {
    g_autofree char *s = azkb_date_to_string(date, AZKB_TIME_STYLE_ISO);

    return MIN(g_strlcpy(buf, s != NULL ? s : "(null)", ISO_DATE_MAX),
               ISO_DATE_MAX - 1);
  }
  y    = (guint)date->year;
  *p++ = (char)('0' + y / 1000);
  *p++ = (char)('0' + y / 100 % 10);
  *p++ = (char)('0' + y / 10 % 10);
  *p++ = (char)('0' + y % 10);
  if (date->precision != AZKB_PRECISION_YEAR) {
    *p++ = '-';
    *p++ = (char)('0' + date->month / 10 % 10);
    *p++ = (char)('0' + date->month % 10);
  }
  if (date->precision != AZKB_PRECISION_YEAR &&
      date->precision != AZKB_PRECISION_MONTH) {
    *p++ = '-';
    *p++ = (char)('0' + date->day / 10 % 10);
    *p++ = (char)('0' + date->day % 10);
  }
  *p = '\0';
  return (gsize)(p - buf);
}

static char *
put_uint(char *p, guint n)
{
  char  digits[12];
  guint k = 0;

  do
    digits[k++] = (char)('0' + n % 10);
  while ((n /= 10) > 0);
  while (k > 0)
    *p++ = digits[--k];
  return p;
}

/* A statement's time as a canonical string: both bounds and the point
 * flag, so no two different intervals share one ("1" "2003" "/" "2"
 * "/" "0": started 2003, ongoing).  Written into @buf. */
#define TIME_KEY_MAX (2 * ISO_DATE_MAX + 40)

static const char *
time_key(const AzkbInterval *time, char buf[TIME_KEY_MAX])
{
  char *p = buf;

  p = put_uint(p, time->start_bound);
  if (time->start_bound == AZKB_BOUND_DATE)
    p += iso_date(&time->start, p);
  *p++ = '/';
  p    = put_uint(p, time->end_bound);
  if (time->end_bound == AZKB_BOUND_DATE)
    p += iso_date(&time->end, p);
  *p++ = '/';
  p    = put_uint(p, time->is_point);
  *p   = '\0';
  return buf;
}

typedef struct {
  AzkbStmtId    id;
  AzkbStatement st;
} Stmt;

static int
by_statement(gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Export *ex = user_data;
  const Stmt   *x  = a;
  const Stmt   *y  = b;
  char          tx[TIME_KEY_MAX], ty[TIME_KEY_MAX];
  int           c;

  if ((c = compare_names(ex, x->st.relation, y->st.relation)) != 0)
    return c;
  if ((c = compare_objects(ex, x->st.object, y->st.object)) != 0)
    return c;
  if ((c = azkb_interval_compare_at(&x->st.time, &y->st.time, &ex->present)) !=
      0)
    return c;
  return strcmp(time_key(&x->st.time, tx), time_key(&y->st.time, ty));
}

static int
by_label(gconstpointer a, gconstpointer b)
{
  const AzkbLabel *x = a;
  const AzkbLabel *y = b;
  int              c;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if ((c = strcmp(x->text, y->text)) != 0)
    return c;
  return g_strcmp0(x->lang, y->lang);
}

static int
by_qualifier(gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Export        *ex = user_data;
  const AzkbQualifier *x  = a;
  const AzkbQualifier *y  = b;
  int                  c;

  if ((c = compare_names(ex, x->property, y->property)) != 0)
    return c;
  return compare_objects(ex, x->value, y->value);
}

/* ---- one subject ---- */

static void
emit_ids(Export           *ex,
         AzkbTermId        s,
         raptor_term      *p,
         const AzkbTermId *objs,
         gsize             n)
{
  g_autoptr(GArray) sorted =
    g_array_sized_new(FALSE, FALSE, sizeof(AzkbTermId), n);

  g_array_append_vals(sorted, objs, n);
  g_array_sort_with_data(sorted, by_name, ex);
  for (guint i = 0; i < sorted->len; i++)
    emit(ex, term(ex, s), p, term(ex, g_array_index(sorted, AzkbTermId, i)));
}

static void
emit_qualifiers(Export *ex, raptor_term *s, GArray *qualifiers)
{
  /* @s may be a cached term, which the loop could evict */
  raptor_term *subject = raptor_term_copy(s);

  g_array_sort_with_data(qualifiers, by_qualifier, ex);
  for (guint i = 0; i < qualifiers->len; i++) {
    const AzkbQualifier *q = &g_array_index(qualifiers, AzkbQualifier, i);

    emit(ex, subject, term(ex, q->property), term(ex, q->value));
  }
  raptor_free_term(subject);
}

static void
emit_labels(Export *ex, AzkbTermId s)
{
  gsize                 n;
  const AzkbLabel      *labels = azkb_store_entity_labels(ex->store, s, &n);
  g_autofree AzkbLabel *sorted = g_memdup2(labels, n * sizeof(AzkbLabel));

  if (n > 1)
    qsort(sorted, n, sizeof(AzkbLabel), by_label);
  for (gsize i = 0; i < n; i++) {
    raptor_term *lit =
      raptor_new_term_from_literal(ex->world,
                                   (const unsigned char *)sorted[i].text,
                                   NULL,
                                   (const unsigned char *)sorted[i].lang);

    emit(ex,
         term(ex, s),
         sorted[i].kind == AZKB_LABEL_ALTERNATIVE ? ex->skos_alt_label
                                                  : ex->rdfs_label,
         lit);
    raptor_free_term(lit);
  }
}

/* A plain-named ontology term, or one the store says something about, is
 * declared with its kind; a borrowed term only used (prov:Entity as a
 * superclass) is not re-declared. */
static void
emit_declaration(Export *ex, AzkbTermId s, gboolean has_content)
{
  const char  *name = azkb_store_term_name(ex->store, s);
  AzkbTermKind kind = azkb_store_term_kind(ex->store, s);

  if (!has_content &&
      (strchr(name, ':') != NULL || name[0] == '<' || name[0] == '_'))
    return;
  if (kind & AZKB_TERM_CLASS)
    emit(ex, term(ex, s), ex->rdf_type, ex->owl_class);
  if (kind & AZKB_TERM_RELATION)
    emit(ex, term(ex, s), ex->rdf_type, ex->owl_object_property);
  if (kind & AZKB_TERM_PROPERTY)
    emit(ex, term(ex, s), ex->rdf_type, ex->owl_datatype_property);
}

static void
hash_string(GChecksum *checksum, const char *s)
{
  g_checksum_update(checksum, (const guchar *)s, (gssize)strlen(s));
}

/* The statement node's name: the first 16 hex digits of the SHA-256 of
 * "subject\nrelation\nobject\ntime" (term names; a literal object as
 * "\"lexical\"kind^^datatype@lang"; the time as time_key()).  The key is
 * fed to the checksum piece by piece rather than formatted first.  Returns
 * the full IRI in ex->stmt_iri (transfer none); the digits are its last 16
 * bytes. */
static const char *
statement_iri(Export *ex, const AzkbStatement *st)
{
  static const char hex[] = "0123456789abcdef";
  GChecksum        *c     = ex->checksum;
  guint8            digest[32];
  gsize             len = sizeof digest;
  char              buf[TIME_KEY_MAX];
  AzkbLiteral       lit;
  char             *out = ex->stmt_iri + ex->stmt_len;

  g_checksum_reset(c);
  hash_string(c, azkb_store_term_name(ex->store, st->subject));
  hash_string(c, "\n");
  hash_string(c, azkb_store_term_name(ex->store, st->relation));
  hash_string(c, "\n");
  if (azkb_store_get_literal(ex->store, st->object, &lit)) {
    hash_string(c, "\"");
    hash_string(c, lit.lexical);
    g_snprintf(buf, sizeof buf, "\"%u^^", lit.kind);
    hash_string(c, buf);
    hash_string(c, lit.datatype != NULL ? lit.datatype : "");
    hash_string(c, "@");
    hash_string(c, lit.lang != NULL ? lit.lang : "");
  } else
    hash_string(c, azkb_store_term_name(ex->store, st->object));
  hash_string(c, "\n");
  hash_string(c, time_key(&st->time, buf));
  g_checksum_get_digest(c, digest, &len);
  for (guint i = 0; i < 8; i++) {
    out[2 * i]     = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 0xf];
  }
  out[16] = '\0';
  return ex->stmt_iri;
}

/* The literal of @date (transfer none).  Dates repeat across statements
 * (a year, a month), so their terms are kept in a direct-mapped cache by
 * value.  A term evicted from it may still be held by a pretty writer,
 * which keeps a reference of its own. */
static raptor_term *
date_term(Export *ex, const AzkbDate *date)
{
  guint32 key =
    ((guint32)date->year & 0xffffu) << 16 | (guint32)(date->month & 0xf) << 12 |
    (guint32)(date->day & 0x1f) << 4 | (guint32)(date->precision & 0xf);
  guint       slot = (key * 2654435761u) >> 20 & (DATE_SLOTS - 1);
  char        lexical[ISO_DATE_MAX];
  AzkbLiteral lit = { AZKB_VALUE_DATE, lexical, NULL, NULL };

  if (ex->dates[slot] != NULL && ex->date_keys[slot] == key)
    return ex->dates[slot];
  g_clear_pointer(&ex->dates[slot], raptor_free_term);
  iso_date(date, lexical);
  ex->dates[slot]     = literal_term(ex, &lit);
  ex->date_keys[slot] = key;
  return ex->dates[slot];
}

static void
emit_time(Export *ex, raptor_term *node, const AzkbInterval *time)
{
  if (time->is_point && time->start_bound == AZKB_BOUND_DATE) {
    emit(ex, node, ex->azo_point, date_term(ex, &time->start));
    return;
  }
  if (time->start_bound == AZKB_BOUND_DATE)
    emit(ex, node, ex->azo_start, date_term(ex, &time->start));
  if (time->end_bound == AZKB_BOUND_DATE)
    emit(ex, node, ex->azo_end, date_term(ex, &time->end));
  else if (time->end_bound == AZKB_BOUND_OPEN)
    emit(ex, node, ex->azo_ongoing, ex->true_literal);
}

static gboolean
is_blank(const Export *ex, AzkbTermId term)
{
  return g_str_has_prefix(azkb_store_term_name(ex->store, term), "_:");
}

static void
emit_statement_node(Export *ex, const Stmt *s, GArray *src, GArray *qualifiers)
{
  const char  *iri  = statement_iri(ex, &s->st);
  raptor_term *node = NULL;

  /* A blank node's name is not stable across loads, so neither is a hash
   * over it: a statement about a blank node gets a blank node itself. */
  if (is_blank(ex, s->st.subject) || is_blank(ex, s->st.object))
    node = blank_term(ex, iri + ex->stmt_len);
  else
    node = iri_term(ex, iri);

  emit(ex, node, ex->rdf_type, ex->rdf_statement);
  emit(ex, node, ex->rdf_subject, term(ex, s->st.subject));
  emit(ex, node, ex->rdf_predicate, term(ex, s->st.relation));
  emit(ex, node, ex->rdf_object, term(ex, s->st.object));
  emit_time(ex, node, &s->st.time);
  g_array_sort_with_data(src, by_name, ex);
  for (guint i = 0; i < src->len; i++)
    emit(
      ex, node, ex->prov_derived, term(ex, g_array_index(src, AzkbTermId, i)));
  emit_qualifiers(ex, node, qualifiers);
  raptor_free_term(node);
}

/* Does statement @s need its own node?  Only a bare undated, unsourced,
 * unqualified relation between two nodes, alone of its (s, p, o), is said
 * by the direct triple alone: a direct triple with a literal object reads
 * back as an entity attribute. */
static gboolean
needs_node(Export       *ex,
           const Stmt   *s,
           guint         n_same,
           const GArray *src,
           const GArray *qualifiers)
{
  AzkbLiteral lit;

  return n_same > 1 || !azkb_interval_is_undated(&s->st.time) ||
         azkb_store_get_literal(ex->store, s->st.object, &lit) ||
         src->len > 0 || qualifiers->len > 0;
}

static void
emit_statements(Export *ex, AzkbTermId subject)
{
  gsize           n;
  const AzkbEdge *edges   = azkb_store_out_edges(ex->store, subject, 0, &n);
  g_autoptr(GArray) stmts = g_array_sized_new(FALSE, FALSE, sizeof(Stmt), n);

  for (gsize i = 0; i < n; i++) {
    Stmt s = { edges[i].stmt, { 0 } };

    azkb_store_get_statement(ex->store, s.id, &s.st);
    /* The graph as it stood at a time: what held then, and what holds at
     * every time (undated), the rule of `azkb dot --at`. */
    if (ex->has_at && !azkb_interval_is_undated(&s.st.time) &&
        !azkb_interval_overlaps_at(&s.st.time, &ex->at, &ex->present))
      continue;
    g_array_append_val(stmts, s);
  }
  g_array_sort_with_data(stmts, by_statement, ex);
  for (guint i = 0; i < stmts->len;) {
    const Stmt *first = &g_array_index(stmts, Stmt, i);
    guint       same  = 1;

    while (i + same < stmts->len &&
           g_array_index(stmts, Stmt, i + same).st.relation ==
             first->st.relation &&
           g_array_index(stmts, Stmt, i + same).st.object == first->st.object)
      same++;
    emit(ex,
         term(ex, subject),
         term(ex, first->st.relation),
         term(ex, first->st.object));
    for (guint k = 0; k < same; k++) {
      const Stmt *s         = &g_array_index(stmts, Stmt, i + k);
      g_autoptr(GArray) src = azkb_store_statement_sources(ex->store, s->id);
      g_autoptr(GArray) qualifiers =
        azkb_store_statement_qualifiers(ex->store, s->id);

      if (needs_node(ex, s, same, src, qualifiers))
        emit_statement_node(ex, s, src, qualifiers);
    }
    i += same;
  }
}

typedef struct {
  gsize      n_classes, n_labels, n_attributes, n_supers, n_edges;
  AzkbTermId domain, range;
} Content;

static void
get_content(Export *ex, AzkbTermId s, Content *out)
{
  azkb_store_entity_classes(ex->store, s, &out->n_classes);
  azkb_store_entity_labels(ex->store, s, &out->n_labels);
  azkb_store_entity_attributes(ex->store, s, &out->n_attributes);
  azkb_store_superclasses(ex->store, s, &out->n_supers);
  azkb_store_get_signature(ex->store, s, &out->domain, &out->range);
  azkb_store_out_edges(ex->store, s, 0, &out->n_edges);
}

static gboolean
content_is_empty(const Content *c)
{
  return c->n_classes == 0 && c->n_labels == 0 && c->n_attributes == 0 &&
         c->n_supers == 0 && c->n_edges == 0 && c->domain == 0 && c->range == 0;
}

static void
emit_subject(Export *ex, AzkbTermId s)
{
  AzkbTermKind         kind = azkb_store_term_kind(ex->store, s);
  Content              c;
  gsize                n;
  const AzkbTermId    *ids;
  const AzkbQualifier *attrs;
  g_autoptr(GArray) sorted = NULL;

  get_content(ex, s, &c);
  if (azkb_rdf_kind_in_ontology(kind))
    emit_declaration(ex, s, !content_is_empty(&c));
  ids = azkb_store_entity_classes(ex->store, s, &n);
  emit_ids(ex, s, ex->rdf_type, ids, n);
  ids = azkb_store_superclasses(ex->store, s, &n);
  emit_ids(ex, s, ex->rdfs_subclass, ids, n);
  if (c.domain != 0)
    emit(ex, term(ex, s), ex->rdfs_domain, term(ex, c.domain));
  if (c.range != 0)
    emit(ex, term(ex, s), ex->rdfs_range, term(ex, c.range));
  emit_labels(ex, s);
  attrs  = azkb_store_entity_attributes(ex->store, s, &n);
  sorted = g_array_sized_new(FALSE, FALSE, sizeof(AzkbQualifier), n);
  g_array_append_vals(sorted, attrs, n);
  emit_qualifiers(ex, term(ex, s), sorted);
  emit_statements(ex, s);
}

/* The subjects to write, in name order: every non-literal term with
 * something to say, on the side (data or ontology) @flags asks for. */
static GArray *
collect_subjects(Export *ex)
{
  GArray *subjects = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));

  for (AzkbTermId t = 1; t <= ex->n_terms; t++) {
    AzkbTermKind kind = azkb_store_term_kind(ex->store, t);
    Content      c;
    gboolean     onto;

    if (kind & AZKB_TERM_LITERAL)
      continue;
    onto = azkb_rdf_kind_in_ontology(kind);
    if (!(ex->flags & (onto ? AZKB_RDF_EXPORT_ONTOLOGY : AZKB_RDF_EXPORT_DATA)))
      continue;
    get_content(ex, t, &c);
    if (content_is_empty(&c) &&
        !(onto &&
          (kind & (AZKB_TERM_CLASS | AZKB_TERM_RELATION | AZKB_TERM_PROPERTY))))
      continue;
    g_array_append_val(subjects, t);
  }
  g_array_sort_with_data(subjects, by_name, ex);
  return subjects;
}

/* One subject through emit_subject(), and every 4096 a progress report:
 * often enough for a line redrawn ten times a second, rare enough to
 * cost nothing. */
static void
emit_counted(Export *ex, AzkbTermId subject)
{
  emit_subject(ex, subject);
  /* a pretty writer goes over the subjects twice: half a subject each */
  if (ex->progress != NULL && ++ex->done % 4096 == 0)
    ex->progress(
      ex->pretty ? ex->done / 2 : ex->done, ex->total, ex->progress_data);
}

static void
write_graph(Export *ex, const GArray *subjects, guint from, guint to)
{
  for (guint i = from; i < to && ex->error == NULL; i++)
    emit_counted(ex, g_array_index(subjects, AzkbTermId, i));
}

/* ---- setup ---- */

/* TERM_SLOTS_MAX, or the power of two at most @asked (0: TERM_SLOTS_MAX;
 * a test asks for a few, so that a small store evicts terms). */
static guint
term_slots_max(guint asked)
{
  if (asked == 0 || asked > TERM_SLOTS_MAX)
    return TERM_SLOTS_MAX;
  return 1u << (g_bit_storage(asked) - 1);
}

static void
export_init(Export            *ex,
            AzkbStore         *store,
            const char        *base,
            AzkbRdfExportFlags flags,
            guint              term_cache)
{
  guint slots;

  ex->store   = store;
  ex->flags   = flags;
  ex->n_terms = azkb_store_n_terms(store);
  azkb_rdf_base_init(&ex->base, base);
  for (slots = 1; slots <= ex->n_terms && slots < term_slots_max(term_cache);
       slots <<= 1)
    ;
  ex->term_mask = slots - 1;
  ex->terms     = g_new0(raptor_term *, ex->term_mask + 1);
  ex->term_ids  = g_new0(AzkbTermId, ex->term_mask + 1);
  ex->checksum  = g_checksum_new(G_CHECKSUM_SHA256);
  ex->stmt_len  = strlen(ex->base.stmt);
  ex->stmt_iri  = g_malloc(ex->stmt_len + 17);
  memcpy(ex->stmt_iri, ex->base.stmt, ex->stmt_len);

  ex->ns_prefix[NS_AZ]  = "az";
  ex->ns_iri[NS_AZ]     = ex->base.id;
  ex->ns_prefix[NS_AZO] = "azo";
  ex->ns_iri[NS_AZO]    = ex->base.onto;
  ex->ns_prefix[NS_AZS] = "azs";
  ex->ns_iri[NS_AZS]    = ex->base.stmt;
  for (guint i = 0; azkb_iri_vocabs[i].prefix != NULL; i++) {
    ex->ns_prefix[NS_DCTERMS + i] = azkb_iri_vocabs[i].prefix;
    ex->ns_iri[NS_DCTERMS + i]    = azkb_iri_vocabs[i].ns;
  }

  ex->present = azkb_time_today();
  ex->lent    = azkb_rdf_world_acquire(on_log, ex);
  ex->world   = azkb_rdf_world_get(ex->lent);

  ex->rdf_type              = vocab_term(ex, AZKB_NS_RDF, "type");
  ex->rdf_statement         = vocab_term(ex, AZKB_NS_RDF, "Statement");
  ex->rdf_subject           = vocab_term(ex, AZKB_NS_RDF, "subject");
  ex->rdf_predicate         = vocab_term(ex, AZKB_NS_RDF, "predicate");
  ex->rdf_object            = vocab_term(ex, AZKB_NS_RDF, "object");
  ex->azo_start             = vocab_term(ex, ex->base.onto, "start");
  ex->azo_end               = vocab_term(ex, ex->base.onto, "end");
  ex->azo_point             = vocab_term(ex, ex->base.onto, "pointInTime");
  ex->azo_ongoing           = vocab_term(ex, ex->base.onto, "ongoing");
  ex->prov_derived          = vocab_term(ex, AZKB_NS_PROV, "wasDerivedFrom");
  ex->rdfs_label            = vocab_term(ex, AZKB_NS_RDFS, "label");
  ex->skos_alt_label        = vocab_term(ex, AZKB_NS_SKOS, "altLabel");
  ex->rdfs_subclass         = vocab_term(ex, AZKB_NS_RDFS, "subClassOf");
  ex->rdfs_domain           = vocab_term(ex, AZKB_NS_RDFS, "domain");
  ex->rdfs_range            = vocab_term(ex, AZKB_NS_RDFS, "range");
  ex->owl_class             = vocab_term(ex, AZKB_NS_OWL, "Class");
  ex->owl_object_property   = vocab_term(ex, AZKB_NS_OWL, "ObjectProperty");
  ex->owl_datatype_property = vocab_term(ex, AZKB_NS_OWL, "DatatypeProperty");
  {
    raptor_uri *boolean =
      raptor_new_uri(ex->world, (const unsigned char *)AZKB_NS_XSD "boolean");

    ex->true_literal = raptor_new_term_from_literal(
      ex->world, (const unsigned char *)"true", boolean, NULL);
    raptor_free_uri(boolean);
  }
}

static void
export_clear(Export *ex)
{
  g_clear_pointer(&ex->list_nodes, g_hash_table_unref);
  raptor_term **vocab[] = {
    &ex->rdf_type,      &ex->rdf_statement,       &ex->rdf_subject,
    &ex->rdf_predicate, &ex->rdf_object,          &ex->azo_start,
    &ex->azo_end,       &ex->azo_point,           &ex->azo_ongoing,
    &ex->prov_derived,  &ex->rdfs_label,          &ex->skos_alt_label,
    &ex->rdfs_subclass, &ex->rdfs_domain,         &ex->rdfs_range,
    &ex->owl_class,     &ex->owl_object_property, &ex->owl_datatype_property,
    &ex->true_literal,
  };

  for (gsize i = 0; i < G_N_ELEMENTS(vocab); i++)
    g_clear_pointer(vocab[i], raptor_free_term);
  for (guint i = 0; ex->terms != NULL && i <= ex->term_mask; i++)
    g_clear_pointer(&ex->terms[i], raptor_free_term);
  g_clear_pointer(&ex->terms, g_free);
  g_clear_pointer(&ex->term_ids, g_free);
  for (guint i = 0; i < GRAVEYARD; i++)
    g_clear_pointer(&ex->graveyard[i], raptor_free_term);
  for (guint i = 0; i < DATE_SLOTS; i++)
    g_clear_pointer(&ex->dates[i], raptor_free_term);
  g_clear_pointer(&ex->checksum, g_checksum_free);
  g_clear_pointer(&ex->stmt_iri, g_free);
  g_clear_pointer(&ex->serializer, raptor_free_serializer);
  g_clear_error(&ex->error);
  azkb_rdf_base_clear(&ex->base);
  /* last: every raptor object made in the world is gone */
  ex->world = NULL;
  g_clear_pointer(&ex->lent, azkb_rdf_world_release);
}

/* raptor's serializers write byte by byte.  Its file-handle stream turns
 * each byte into an fputc call; this one appends to a buffer and hands
 * the file whole blocks (the profile of an N-Triples export had fputc at
 * 18% of the instructions).  The byte path is called once per byte of
 * output, so it is kept to a compare and a store: the flush lives in a
 * function of its own, which spares the fast path a stack frame. */
typedef struct {
  AzkbRdfWriteFunc write;
  gpointer         write_data;
  GError         **error; ///< where a failed write's error goes (ex->error)
  guchar          *cur, *end;
  guchar           buf[256 * 1024];
} OutBuffer;

/* Hand @len bytes to the sink; after a failed write, drop everything (the
 * error stops the export at the next subject). */
static void
out_write(OutBuffer *out, const void *data, gsize len)
{
  GError *local = NULL;

  if (*out->error != NULL)
    return;
  if (!out->write(data, len, out->write_data, &local)) {
    if (local == NULL)
      g_set_error(&local, AZKB_RDF_ERROR, AZKB_RDF_ERROR_IO, "cannot write");
    g_propagate_error(out->error, local);
  }
}

static void
out_flush(OutBuffer *out)
{
  if (out->cur > out->buf)
    out_write(out, out->buf, (gsize)(out->cur - out->buf));
  out->cur = out->buf;
}

static G_GNUC_NO_INLINE int
out_write_byte_full(OutBuffer *out, int byte)
{
  out_flush(out);
  *out->cur++ = (guchar)byte;
  return 0;
}

static int
out_write_byte(void *context, const int byte)
{
  OutBuffer *out = context;

  if (G_UNLIKELY(out->cur == out->end))
    return out_write_byte_full(out, byte);
  *out->cur++ = (guchar)byte;
  return 0;
}

/* Returns the number of items written, as raptor's own handlers do. */
static int
out_write_bytes(void *context, const void *ptr, size_t size, size_t nmemb)
{
  OutBuffer *out = context;
  gsize      len = size * nmemb;

  if (len > (gsize)(out->end - out->cur)) {
    out_flush(out);
    if (len >= sizeof out->buf) {
      out_write(out, ptr, len);
      return (int)nmemb;
    }
  }
  memcpy(out->cur, ptr, len);
  out->cur += len;
  return (int)nmemb;
}

static const raptor_iostream_handler out_handler = {
  .version     = 2,
  .write_byte  = out_write_byte,
  .write_bytes = out_write_bytes,
};

/* Turtle is written in batches of whole subjects, each of about this many
 * triples and each by a serializer of its own: raptor's Turtle writer keeps
 * everything it is given until the end (its flush writes nothing), so one
 * serializer for a large store would hold the whole graph in memory (650 MB for
 * 4 million triples).  Each batch declares the prefixes again, which Turtle
 * allows.  RDF/XML and JSON cannot be cut so (one document element, one
 * object): they buffer. */
#define TURTLE_BATCH 100000u

static gboolean
start_serializer(Export          *ex,
                 const char      *name,
                 raptor_iostream *io,
                 GError         **error)
{
  ex->serializer = raptor_new_serializer(ex->world, name);
  if (ex->serializer == NULL) {
    g_set_error(error,
                AZKB_RDF_ERROR,
                AZKB_RDF_ERROR_FORMAT,
                "raptor has no %s serializer",
                name);
    return FALSE;
  }
  for (guint i = 0; ex->pretty && i < N_NS; i++)
    if (ex->ns_used[i]) {
      raptor_uri *ns =
        raptor_new_uri(ex->world, (const unsigned char *)ex->ns_iri[i]);

      raptor_serializer_set_namespace(
        ex->serializer, ns, (const unsigned char *)ex->ns_prefix[i]);
      raptor_free_uri(ns);
    }
  if (raptor_serializer_start_to_iostream(ex->serializer, NULL, io) != 0) {
    g_clear_pointer(&ex->serializer, raptor_free_serializer);
    g_set_error(error,
                AZKB_RDF_ERROR,
                AZKB_RDF_ERROR_IO,
                "cannot start the %s serializer",
                name);
    return FALSE;
  }
  return TRUE;
}

/* A file sink: errors surface when the file is flushed and closed. */
static gboolean
write_file(const void *data, gsize len, gpointer user_data, GError **error)
{
  (void)error;
  fwrite(data, 1, len, user_data);
  return TRUE;
}

/* Serialize the whole graph to @write with raptor's @serializer_name. */
static gboolean
serialize_to(Export          *ex,
             const char      *serializer_name,
             AzkbRdfWriteFunc write,
             gpointer         write_data,
             GError         **error)
{
  g_autoptr(GArray) subjects = collect_subjects(ex);
  g_autofree OutBuffer *out  = g_new(OutBuffer, 1);
  raptor_iostream      *io;
  guint                 batch =
    strcmp(serializer_name, "turtle") == 0 ? TURTLE_BATCH : G_MAXUINT;
  guint from = 0;

  ex->pretty = strcmp(serializer_name, "ntriples") != 0 &&
               strcmp(serializer_name, "nquads") != 0;
  ex->xml   = g_str_has_prefix(serializer_name, "rdfxml");
  ex->total = subjects->len;
  if (ex->pretty)
    write_graph(ex, subjects, 0, subjects->len); /* the namespaces used */
  if (ex->error != NULL) {
    /* the first pass refused a term: nothing is written */
    g_propagate_error(error, g_steal_pointer(&ex->error));
    return FALSE;
  }
  out->write      = write;
  out->write_data = write_data;
  out->error      = &ex->error;
  out->cur        = out->buf;
  out->end        = out->buf + sizeof out->buf;
  io = raptor_new_iostream_from_handler(ex->world, out, &out_handler);
  if (io == NULL) {
    g_set_error(error, AZKB_RDF_ERROR, AZKB_RDF_ERROR_IO, "cannot write");
    return FALSE;
  }
  do {
    guint64 start = ex->n_emitted;

    if (!start_serializer(ex, serializer_name, io, error)) {
      raptor_free_iostream(io);
      return FALSE;
    }
    while (from < subjects->len && ex->error == NULL &&
           ex->n_emitted - start < batch)
      emit_counted(ex, g_array_index(subjects, AzkbTermId, from++));
    raptor_serializer_serialize_end(ex->serializer);
    g_clear_pointer(&ex->serializer, raptor_free_serializer);
  } while (from < subjects->len && ex->error == NULL);
  raptor_free_iostream(io);
  out_flush(out);
  if (ex->progress != NULL && ex->error == NULL)
    ex->progress(ex->total, ex->total, ex->progress_data);
  if (ex->error != NULL) {
    g_propagate_error(error, g_steal_pointer(&ex->error));
    return FALSE;
  }
  return TRUE;
}

static gboolean
serialize(Export *ex, const char *serializer_name, FILE *f, GError **error)
{
  return serialize_to(ex, serializer_name, write_file, f, error);
}

/* ---- files ---- */

static gboolean
flush_stdout(GError **error)
{
  if (fflush(stdout) != 0 || ferror(stdout)) {
    int saved = errno;

    g_set_error(error,
                AZKB_RDF_ERROR,
                AZKB_RDF_ERROR_IO,
                "stdout: %s",
                g_strerror(saved != 0 ? saved : EIO));
    return FALSE;
  }
  return TRUE;
}

/* Through the one atomic writer: the old file survives any failure or
 * signal, and a device or FIFO is written through, not replaced. */
static gboolean
export_to_path(Export     *ex,
               const char *serializer_name,
               const char *path,
               GError    **error)
{
  AzkbAtomicFile *f =
    azkb_atomic_file_open(path, AZKB_RDF_ERROR, AZKB_RDF_ERROR_IO, error);

  if (f == NULL)
    return FALSE;
  if (!serialize(ex, serializer_name, azkb_atomic_file_stream(f), error)) {
    azkb_atomic_file_abort(f);
    return FALSE;
  }
  return azkb_atomic_file_commit(f, error);
}

gboolean
azkb_rdf_export_file(AzkbStore         *store,
                     const char        *path,
                     const char        *format,
                     const char        *base,
                     AzkbRdfExportFlags flags,
                     GError           **error)
{
  return azkb_rdf_export_file_at(store, path, format, base, flags, NULL, error);
}

gboolean
azkb_rdf_export_file_at(AzkbStore          *store,
                        const char         *path,
                        const char         *format,
                        const char         *base,
                        AzkbRdfExportFlags  flags,
                        const AzkbInterval *at,
                        GError            **error)
{
  AzkbRdfExportOptions options = { .flags = flags, .at = at };

  return azkb_rdf_export_file_full(store, path, format, base, &options, error);
}

gboolean
azkb_rdf_export_file_full(AzkbStore                  *store,
                          const char                 *path,
                          const char                 *format,
                          const char                 *base,
                          const AzkbRdfExportOptions *options,
                          GError                    **error)
{
  const AzkbRdfSyntax *syntax;
  g_autofree Export   *ex        = NULL;
  gboolean             to_stdout = path == NULL || strcmp(path, "-") == 0;
  gboolean             ok;

  g_return_val_if_fail(store != NULL, FALSE);
  g_return_val_if_fail(options != NULL, FALSE);

  if (format == NULL && (to_stdout || strrchr(path, '.') == NULL))
    format = "turtle";
  if (!azkb_rdf_base_check(base, error))
    return FALSE;
  syntax = azkb_rdf_syntax_find(format, to_stdout ? NULL : path, error);
  if (syntax == NULL)
    return FALSE;
  if (syntax->serializer == NULL) {
    g_set_error(error,
                AZKB_RDF_ERROR,
                AZKB_RDF_ERROR_FORMAT,
                "azkb cannot write %s (write turtle, ntriples, nquads, "
                "rdfxml or json)",
                syntax->name);
    return FALSE;
  }
  ex = g_new0(Export, 1);
  export_init(ex, store, base, options->flags, options->term_cache);
  if (options->at != NULL && !azkb_interval_is_undated(options->at)) {
    ex->has_at = TRUE;
    ex->at     = *options->at;
  }
  if (options->present != NULL) {
    g_return_val_if_fail(azkb_date_is_valid(options->present), FALSE);
    ex->present = *options->present;
  }
  ex->progress      = options->progress;
  ex->progress_data = options->progress_data;
  if (to_stdout)
    ok =
      serialize(ex, syntax->serializer, stdout, error) && flush_stdout(error);
  else
    ok = export_to_path(ex, syntax->serializer, path, error);
  export_clear(ex);
  return ok;
}

gboolean
azkb_rdf_export_to_func(AzkbStore         *store,
                        const char        *format,
                        const char        *base,
                        AzkbRdfExportFlags flags,
                        AzkbRdfWriteFunc   write,
                        gpointer           write_data,
                        GError           **error)
{
  const AzkbRdfSyntax *syntax;
  g_autofree Export   *ex = NULL;
  gboolean             ok;

  g_return_val_if_fail(store != NULL, FALSE);
  g_return_val_if_fail(format != NULL && write != NULL, FALSE);

  if (!azkb_rdf_base_check(base, error))
    return FALSE;
  syntax = azkb_rdf_syntax_find(format, NULL, error);
  if (syntax == NULL)
    return FALSE;
  if (syntax->serializer == NULL) {
    g_set_error(error,
                AZKB_RDF_ERROR,
                AZKB_RDF_ERROR_FORMAT,
                "azkb cannot write %s",
                syntax->name);
    return FALSE;
  }
  ex = g_new0(Export, 1);
  export_init(ex, store, base, flags, 0);
  ok = serialize_to(ex, syntax->serializer, write, write_data, error);
  export_clear(ex);
  return ok;
}

gboolean
azkb_rdf_export_select(AzkbStore         *store,
                       const char        *base,
                       AzkbRdfExportFlags flags,
                       AzkbRdfSelectFunc  select,
                       AzkbRdfWriteFunc   write,
                       gpointer           user_data,
                       GError           **error)
{
  g_autofree Export *ex = NULL;
  gboolean           ok;

  g_return_val_if_fail(store != NULL, FALSE);
  g_return_val_if_fail(select != NULL && write != NULL, FALSE);

  if (!azkb_rdf_base_check(base, error))
    return FALSE;
  ex = g_new0(Export, 1);
  export_init(ex, store, base, flags, 0);
  ex->select      = select;
  ex->select_data = user_data;
  ok              = serialize_to(ex, "ntriples", write, user_data, error);
  export_clear(ex);
  return ok;
}
