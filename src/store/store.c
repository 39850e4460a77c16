/* azkb store — lifetime, entities, ontology, statements, load locations and
 * merging.  Terms are in terms.c, read views in index.c, name lookup in
 * lookup.c. */
#include "store-private.h"

#include <string.h>

/* ---- views of the side tables ---- */

static void
class_view(const AzkbStore *store G_GNUC_UNUSED,
           const SideRec         *rec,
           gpointer               out_element)
{
  *(AzkbTermId *)out_element = rec->a;
}

static void
label_view(const AzkbStore *store, const SideRec *rec, gpointer out_element)
{
  AzkbLabel  *label = out_element;
  AzkbLiteral lit   = { 0 };

  azkb_store_get_literal(store, rec->a, &lit);
  label->text = lit.lexical;
  label->lang = lit.lang;
  label->kind = (AzkbLabelKind)rec->b;
}

static void
attribute_view(const AzkbStore *store G_GNUC_UNUSED,
               const SideRec         *rec,
               gpointer               out_element)
{
  AzkbQualifier *q = out_element;

  q->property = rec->a;
  q->value    = rec->b;
}

/* ---- lifetime ---- */

AzkbStore *
azkb_store_new(void)
{
  AzkbStore *store    = g_new0(AzkbStore, 1);
  StmtRec    no_stmt  = { 0 };
  ExtraRec   no_extra = { 0 };

  g_atomic_ref_count_init(&store->ref_count);
  terms_init(store);
  store->stmts  = g_array_new(FALSE, FALSE, sizeof(StmtRec));
  store->extras = g_array_new(FALSE, FALSE, sizeof(ExtraRec));
  g_array_append_val(store->stmts, no_stmt);
  g_array_append_val(store->extras, no_extra);
  side_table_init(&store->classes, sizeof(AzkbTermId), class_view);
  side_table_init(&store->labels, sizeof(AzkbLabel), label_view);
  side_table_init(&store->attributes, sizeof(AzkbQualifier), attribute_view);
  side_table_init(&store->supers, sizeof(AzkbTermId), class_view);
  store->signatures      = g_array_new(FALSE, FALSE, sizeof(Signature));
  store->signature_index = g_hash_table_new(NULL, NULL);
  store->files           = g_ptr_array_new();
  store->file_index      = g_hash_table_new(g_str_hash, g_str_equal);
  store->file_chunk      = g_string_chunk_new(1024);
  store->adjacency_dirty = TRUE;
  store->find_dirty      = TRUE;
  return store;
}

AzkbStore *
azkb_store_ref(AzkbStore *store)
{
  g_return_val_if_fail(store != NULL, NULL);
  g_atomic_ref_count_inc(&store->ref_count);
  return store;
}

static void
store_free(AzkbStore *store)
{
  find_index_clear(store);
  g_clear_pointer(&store->namespaces, g_ptr_array_unref);
  g_clear_pointer(&store->namespace_keys, g_hash_table_unref);
  adjacency_clear(&store->out);
  adjacency_clear(&store->in);
  g_clear_pointer(&store->term_locations, g_array_unref);
  g_clear_pointer(&store->stmt_locations, g_array_unref);
  g_clear_pointer(&store->file_chunk, g_string_chunk_free);
  g_clear_pointer(&store->file_index, g_hash_table_unref);
  g_clear_pointer(&store->files, g_ptr_array_unref);
  g_clear_pointer(&store->signature_index, g_hash_table_unref);
  g_clear_pointer(&store->signatures, g_array_unref);
  side_table_clear(&store->supers);
  side_table_clear(&store->attributes);
  side_table_clear(&store->labels);
  side_table_clear(&store->classes);
  g_clear_pointer(&store->extras, g_array_unref);
  azkb_id_set_clear(&store->stmt_table);
  g_clear_pointer(&store->stmts, g_array_unref);
  terms_clear(store);
  g_free(store);
}

void
azkb_store_unref(AzkbStore *store)
{
  if (store == NULL)
    return;
  if (g_atomic_ref_count_dec(&store->ref_count))
    store_free(store);
}

static gboolean
valid_term(const AzkbStore *store, AzkbTermId term)
{
  return term != 0 && term < store->terms->len;
}

/* ---- entities ---- */

AzkbTermId
azkb_store_add_entity(AzkbStore *store, const char *id)
{
  AzkbTermId term;

  g_return_val_if_fail(store != NULL, 0);
  term = azkb_store_intern(store, id);
  if (term != 0)
    azkb_store_mark(store, term, AZKB_TERM_ENTITY);
  return term;
}

void
azkb_store_add_class(AzkbStore *store, AzkbTermId entity, AzkbTermId cls)
{
  g_return_if_fail(store != NULL);
  g_return_if_fail(valid_term(store, entity));
  g_return_if_fail(valid_term(store, cls));
  azkb_store_mark(store, cls, AZKB_TERM_CLASS);
  side_table_add(&store->classes, entity, cls, 0);
}

void
azkb_store_add_label(AzkbStore    *store,
                     AzkbTermId    entity,
                     const char   *text,
                     const char   *lang,
                     AzkbLabelKind kind)
{
  g_autoptr(GError) error = NULL;
  AzkbTermId literal;

  g_return_if_fail(store != NULL);
  g_return_if_fail(valid_term(store, entity));
  g_return_if_fail(text != NULL);
  g_return_if_fail(kind == AZKB_LABEL_PREFERRED ||
                   kind == AZKB_LABEL_ALTERNATIVE);

  literal = azkb_store_intern_literal(
    store, AZKB_VALUE_STRING, text, NULL, lang, &error);
  if (literal == 0) {
    g_critical("azkb_store_add_label: %s", error->message);
    return;
  }
  if (side_table_add(&store->labels, entity, literal, kind))
    store->find_dirty = TRUE;
}

void
azkb_store_add_attribute(AzkbStore *store,
                         AzkbTermId entity,
                         AzkbTermId property,
                         AzkbTermId value)
{
  g_return_if_fail(store != NULL);
  g_return_if_fail(valid_term(store, entity));
  g_return_if_fail(valid_term(store, property));
  g_return_if_fail(valid_term(store, value));
  azkb_store_mark(store, property, AZKB_TERM_PROPERTY);
  side_table_add(&store->attributes, entity, property, value);
}

GArray *
azkb_store_entities(const AzkbStore *store)
{
  GArray *out;

  g_return_val_if_fail(store != NULL, NULL);
  out = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  for (AzkbTermId t = 1; t < store->terms->len; t++)
    if (g_array_index(store->terms, TermRec, t).flags & AZKB_TERM_ENTITY)
      g_array_append_val(out, t);
  return out;
}

/* Readers are const, but the views are caches built on first use. */
#define MUTABLE(store) ((AzkbStore *)(store))

const AzkbTermId *
azkb_store_entity_classes(const AzkbStore *store,
                          AzkbTermId       entity,
                          gsize           *out_n)
{
  gsize n;
  g_return_val_if_fail(store != NULL, NULL);
  gconstpointer p = side_table_get(store, &MUTABLE(store)->classes, entity, &n);
  if (out_n != NULL)
    *out_n = n;
  return p;
}

const AzkbTermId *
azkb_store_class_members(const AzkbStore *store, AzkbTermId cls, gsize *out_n)
{
  gsize n;
  g_return_val_if_fail(store != NULL, NULL);
  const guint32 *p =
    side_table_get_inverse(store, &MUTABLE(store)->classes, cls, &n);
  if (out_n != NULL)
    *out_n = n;
  return p;
}

const AzkbLabel *
azkb_store_entity_labels(const AzkbStore *store,
                         AzkbTermId       entity,
                         gsize           *out_n)
{
  gsize n;
  g_return_val_if_fail(store != NULL, NULL);
  gconstpointer p = side_table_get(store, &MUTABLE(store)->labels, entity, &n);
  if (out_n != NULL)
    *out_n = n;
  return p;
}

const AzkbQualifier *
azkb_store_entity_attributes(const AzkbStore *store,
                             AzkbTermId       entity,
                             gsize           *out_n)
{
  gsize n;
  g_return_val_if_fail(store != NULL, NULL);
  gconstpointer p =
    side_table_get(store, &MUTABLE(store)->attributes, entity, &n);
  if (out_n != NULL)
    *out_n = n;
  return p;
}

/* Preference: a preferred label in English, then one without a language,
 * then any preferred label. */
static int
label_rank(const AzkbLabel *label)
{
  if (label->kind != AZKB_LABEL_PREFERRED)
    return 0;
  if (g_strcmp0(label->lang, "en") == 0)
    return 3;
  return label->lang == NULL ? 2 : 1;
}

const char *
azkb_store_display_name(const AzkbStore *store, AzkbTermId entity)
{
  gsize            n;
  const AzkbLabel *labels;
  const AzkbLabel *best = NULL;

  g_return_val_if_fail(store != NULL, NULL);
  labels = azkb_store_entity_labels(store, entity, &n);
  /* Of equal rank, the first by text: not the first read, so that the
   * same data read in another order gives the same name. */
  for (gsize i = 0; i < n; i++)
    if (label_rank(&labels[i]) > 0 &&
        (best == NULL || label_rank(&labels[i]) > label_rank(best) ||
         (label_rank(&labels[i]) == label_rank(best) &&
          (strcmp(labels[i].text, best->text) < 0 ||
           (strcmp(labels[i].text, best->text) == 0 &&
            g_strcmp0(labels[i].lang, best->lang) < 0)))))
      best = &labels[i];
  return best ? best->text : azkb_store_term_name(store, entity);
}

const char *
azkb_store_short_name(const AzkbStore *store, AzkbTermId entity)
{
  gsize            n;
  const AzkbLabel *labels;
  const char      *best     = NULL;
  glong            best_len = 0;

  g_return_val_if_fail(store != NULL, NULL);
  labels = azkb_store_entity_labels(store, entity, &n);
  for (gsize i = 0; i < n; i++) {
    glong len = g_utf8_strlen(labels[i].text, -1);

    /* Of equal length, the first by text (not the first read). */
    if (labels[i].kind == AZKB_LABEL_ALTERNATIVE &&
        (best == NULL || len < best_len ||
         (len == best_len && strcmp(labels[i].text, best) < 0))) {
      best     = labels[i].text;
      best_len = len;
    }
  }
  return best;
}

/* ---- ontology ---- */

void
azkb_store_add_subclass(AzkbStore *store, AzkbTermId child, AzkbTermId parent)
{
  g_return_if_fail(store != NULL);
  g_return_if_fail(valid_term(store, child));
  g_return_if_fail(valid_term(store, parent));
  azkb_store_mark(store, child, AZKB_TERM_CLASS);
  azkb_store_mark(store, parent, AZKB_TERM_CLASS);
  side_table_add(&store->supers, child, parent, 0);
}

const AzkbTermId *
azkb_store_superclasses(const AzkbStore *store, AzkbTermId cls, gsize *out_n)
{
  gsize n;
  g_return_val_if_fail(store != NULL, NULL);
  gconstpointer p = side_table_get(store, &MUTABLE(store)->supers, cls, &n);
  if (out_n != NULL)
    *out_n = n;
  return p;
}

const AzkbTermId *
azkb_store_subclasses(const AzkbStore *store, AzkbTermId cls, gsize *out_n)
{
  gsize n;
  g_return_val_if_fail(store != NULL, NULL);
  const guint32 *p =
    side_table_get_inverse(store, &MUTABLE(store)->supers, cls, &n);
  if (out_n != NULL)
    *out_n = n;
  return p;
}

/* A walk up the superclass graph; the visited set makes cycles harmless. */
gboolean
azkb_store_is_subclass(const AzkbStore *store,
                       AzkbTermId       cls,
                       AzkbTermId       ancestor)
{
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GArray) todo     = NULL;

  g_return_val_if_fail(store != NULL, FALSE);
  if (cls == 0 || ancestor == 0)
    return FALSE;
  if (cls == ancestor)
    return TRUE;
  seen = g_hash_table_new(NULL, NULL);
  todo = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  g_array_append_val(todo, cls);
  g_hash_table_add(seen, GUINT_TO_POINTER(cls));
  while (todo->len > 0) {
    AzkbTermId        c = g_array_index(todo, AzkbTermId, todo->len - 1);
    gsize             n;
    const AzkbTermId *supers;

    g_array_set_size(todo, todo->len - 1);
    supers = azkb_store_superclasses(store, c, &n);
    for (gsize i = 0; i < n; i++) {
      if (supers[i] == ancestor)
        return TRUE;
      if (g_hash_table_add(seen, GUINT_TO_POINTER(supers[i])))
        g_array_append_val(todo, supers[i]);
    }
  }
  return FALSE;
}

gboolean
azkb_store_has_class(const AzkbStore *store, AzkbTermId entity, AzkbTermId cls)
{
  gsize             n;
  const AzkbTermId *classes;

  g_return_val_if_fail(store != NULL, FALSE);
  classes = azkb_store_entity_classes(store, entity, &n);
  for (gsize i = 0; i < n; i++)
    if (azkb_store_is_subclass(store, classes[i], cls))
      return TRUE;
  return FALSE;
}

void
azkb_store_set_signature(AzkbStore *store,
                         AzkbTermId relation,
                         AzkbTermId domain,
                         AzkbTermId range)
{
  Signature sig = { relation, domain, range };
  guint     at;

  g_return_if_fail(store != NULL);
  g_return_if_fail(valid_term(store, relation));
  g_return_if_fail(domain == 0 || valid_term(store, domain));
  g_return_if_fail(range == 0 || valid_term(store, range));
  at = GPOINTER_TO_UINT(
    g_hash_table_lookup(store->signature_index, GUINT_TO_POINTER(relation)));
  if (at != 0) {
    g_array_index(store->signatures, Signature, at - 1) = sig;
    return;
  }
  g_array_append_val(store->signatures, sig);
  g_hash_table_insert(store->signature_index,
                      GUINT_TO_POINTER(relation),
                      GUINT_TO_POINTER(store->signatures->len));
}

void
azkb_store_get_signature(const AzkbStore *store,
                         AzkbTermId       relation,
                         AzkbTermId      *out_domain,
                         AzkbTermId      *out_range)
{
  guint            at;
  const Signature *sig = NULL;

  g_return_if_fail(store != NULL);
  at = GPOINTER_TO_UINT(
    g_hash_table_lookup(store->signature_index, GUINT_TO_POINTER(relation)));
  if (at != 0)
    sig = &g_array_index(store->signatures, Signature, at - 1);
  if (out_domain != NULL)
    *out_domain = sig ? sig->domain : 0;
  if (out_range != NULL)
    *out_range = sig ? sig->range : 0;
}

/* ---- statements ---- */

/* One bound in 32 bits: year 14 bits (0..9999), month 4, day 5, precision 2,
 * bound 2, and is_point on the start.  The date of a bound that is not a
 * DATE is dropped so equal intervals pack equally. */
#define PACK_POINT (1u << 27)

static guint32
pack_bound(const AzkbDate *date, guint bound)
{
  if (bound != AZKB_BOUND_DATE)
    return (guint32)bound << 25;
  return ((guint32)date->year & 0x3fffu) | ((guint32)date->month << 14) |
         ((guint32)date->day << 18) | ((guint32)date->precision << 23) |
         ((guint32)bound << 25);
}

static void
unpack_bound(guint32 word, AzkbDate *out_date, guint8 *out_bound)
{
  out_date->year      = (gint32)(word & 0x3fffu);
  out_date->month     = (guint8)((word >> 14) & 0xfu);
  out_date->day       = (guint8)((word >> 18) & 0x1fu);
  out_date->precision = (guint8)((word >> 23) & 0x3u);
  out_date->reserved_ = 0;
  *out_bound          = (guint8)((word >> 25) & 0x3u);
}

static gboolean
packable_date(const AzkbDate *date)
{
  return date->year >= 0 && date->year <= 9999 && date->month <= 12 &&
         date->day <= 31 && date->precision <= AZKB_PRECISION_DAY;
}

static gboolean
pack_interval(const AzkbInterval *time, guint32 *out_start, guint32 *out_end)
{
  if (time == NULL) {
    *out_start = 0;
    *out_end   = 0;
    return TRUE;
  }
  if (time->start_bound > AZKB_BOUND_DATE || time->end_bound > AZKB_BOUND_OPEN)
    return FALSE;
  if ((time->start_bound == AZKB_BOUND_DATE && !packable_date(&time->start)) ||
      (time->end_bound == AZKB_BOUND_DATE && !packable_date(&time->end)))
    return FALSE;
  *out_start = pack_bound(&time->start, time->start_bound);
  *out_end   = pack_bound(&time->end, time->end_bound);
  if (time->is_point && time->start_bound == AZKB_BOUND_DATE)
    *out_start |= PACK_POINT;
  return TRUE;
}

static void
unpack_interval(guint32 start, guint32 end, AzkbInterval *out_time)
{
  memset(out_time, 0, sizeof *out_time);
  unpack_bound(start, &out_time->start, &out_time->start_bound);
  unpack_bound(end, &out_time->end, &out_time->end_bound);
  out_time->is_point = (start & PACK_POINT) != 0;
}

static guint32
stmt_hash_rec(const StmtRec *st)
{
  guint32 h = azkb_hash_mix(st->s * 0x9e3779b1u ^ st->p);

  h = azkb_hash_mix(h ^ st->o * 0x85ebca6bu);
  return azkb_hash_mix(h ^ st->start * 0xc2b2ae35u ^ st->end);
}

static guint32
stmt_hash(gconstpointer ctx, guint32 id)
{
  const AzkbStore *store = ctx;

  return stmt_hash_rec(&g_array_index(store->stmts, StmtRec, id));
}

static gboolean
stmt_matches(gconstpointer ctx, guint32 id, gconstpointer key)
{
  const AzkbStore *store = ctx;
  const StmtRec   *st    = &g_array_index(store->stmts, StmtRec, id);
  const StmtRec   *k     = key;

  return st->s == k->s && st->p == k->p && st->o == k->o &&
         st->start == k->start && st->end == k->end;
}

/* Index every statement record by its key, as adding them one by one
 * would have.  Returns FALSE if two records have the same key. */
gboolean
stmts_rebuild_table(AzkbStore *store)
{
  azkb_id_set_clear(&store->stmt_table);
  azkb_id_set_reserve(&store->stmt_table, store->stmts->len);
  for (guint32 i = 1; i < store->stmts->len; i++) {
    const StmtRec *st   = &g_array_index(store->stmts, StmtRec, i);
    guint32        hash = stmt_hash_rec(st);

    if (azkb_id_set_find(&store->stmt_table, hash, stmt_matches, store, st) !=
        0)
      return FALSE;
    azkb_id_set_add(&store->stmt_table, hash, i, stmt_hash, store);
  }
  store->adjacency_dirty = TRUE;
  return TRUE;
}

static AzkbStmtId
add_statement_packed(AzkbStore *store, const StmtRec *key)
{
  guint32    hash = stmt_hash_rec(key);
  AzkbStmtId id;

  id = azkb_id_set_find(&store->stmt_table, hash, stmt_matches, store, key);
  if (id != 0)
    return id;
  g_return_val_if_fail(store->stmts->len < G_MAXUINT32, 0);
  g_array_append_vals(store->stmts, key, 1);
  id                                              = store->stmts->len - 1;
  g_array_index(store->stmts, StmtRec, id).extras = 0;
  azkb_id_set_add(&store->stmt_table, hash, id, stmt_hash, store);
  azkb_store_mark(store,
                  key->p,
                  term_is_literal(store, key->o) ? AZKB_TERM_PROPERTY
                                                 : AZKB_TERM_RELATION);
  store->adjacency_dirty = TRUE;
  return id;
}

void
azkb_store_reserve(AzkbStore *store, guint n_terms, guint n_statements)
{
  g_return_if_fail(store != NULL);
  terms_reserve(store, n_terms);
  azkb_id_set_make_room(&store->stmt_table, n_statements, stmt_hash, store);
}

AzkbStmtId
azkb_store_add_statement(AzkbStore          *store,
                         AzkbTermId          subject,
                         AzkbTermId          relation,
                         AzkbTermId          object,
                         const AzkbInterval *time)
{
  StmtRec key = { .s = subject, .p = relation, .o = object };

  g_return_val_if_fail(store != NULL, 0);
  g_return_val_if_fail(valid_term(store, subject), 0);
  g_return_val_if_fail(valid_term(store, relation), 0);
  g_return_val_if_fail(valid_term(store, object), 0);
  if (!pack_interval(time, &key.start, &key.end)) {
    g_critical("azkb_store_add_statement: an interval the store cannot "
               "hold (year outside 0..9999 or a bad bound)");
    return 0;
  }
  return add_statement_packed(store, &key);
}

/* Append (property, value) to the chain of @stmt unless it is there. */
static void
add_extra(AzkbStore *store,
          AzkbStmtId stmt,
          AzkbTermId property,
          AzkbTermId value)
{
  guint32 *link = &g_array_index(store->stmts, StmtRec, stmt).extras;
  ExtraRec rec  = { property, value, 0 };

  while (*link != 0) {
    const ExtraRec *e = &g_array_index(store->extras, ExtraRec, *link);

    if (e->property == property && e->value == value)
      return;
    link = &g_array_index(store->extras, ExtraRec, *link).next;
  }
  /* Appending may move the extras array, not the statements one. */
  *link = store->extras->len;
  g_array_append_val(store->extras, rec);
}

void
azkb_store_add_source(AzkbStore *store, AzkbStmtId stmt, AzkbTermId source)
{
  g_return_if_fail(store != NULL);
  g_return_if_fail(stmt != 0 && stmt < store->stmts->len);
  g_return_if_fail(valid_term(store, source));
  azkb_store_mark(store, source, AZKB_TERM_SOURCE);
  add_extra(store, stmt, 0, source);
}

void
azkb_store_add_qualifier(AzkbStore *store,
                         AzkbStmtId stmt,
                         AzkbTermId property,
                         AzkbTermId value)
{
  g_return_if_fail(store != NULL);
  g_return_if_fail(stmt != 0 && stmt < store->stmts->len);
  g_return_if_fail(valid_term(store, property));
  g_return_if_fail(valid_term(store, value));
  azkb_store_mark(store, property, AZKB_TERM_PROPERTY);
  add_extra(store, stmt, property, value);
}

guint
azkb_store_n_statements(const AzkbStore *store)
{
  g_return_val_if_fail(store != NULL, 0);
  return store->stmts->len - 1;
}

gboolean
azkb_store_get_statement(const AzkbStore *store,
                         AzkbStmtId       stmt,
                         AzkbStatement   *out_statement)
{
  const StmtRec *st;

  g_return_val_if_fail(store != NULL, FALSE);
  if (stmt == 0 || stmt >= store->stmts->len)
    return FALSE;
  st = &g_array_index(store->stmts, StmtRec, stmt);
  if (out_statement != NULL) {
    out_statement->subject  = st->s;
    out_statement->relation = st->p;
    out_statement->object   = st->o;
    unpack_interval(st->start, st->end, &out_statement->time);
  }
  return TRUE;
}

/* How many records ahead azkb_store_get_statements() asks for: enough to
 * keep several cache misses in flight, few enough to arrive in time. */
#define STMT_PREFETCH_AHEAD 16

gsize
azkb_store_get_statements(const AzkbStore  *store,
                          const AzkbStmtId *stmts,
                          gsize             n,
                          AzkbStatement    *out_statements)
{
  const StmtRec *recs;
  guint          len;
  gsize          missing = 0;

  g_return_val_if_fail(store != NULL, 0);
  g_return_val_if_fail(n == 0 || (stmts != NULL && out_statements != NULL), 0);
  recs = (const StmtRec *)(gpointer)store->stmts->data;
  len  = store->stmts->len;
  for (gsize i = 0; i < n; i++) {
    AzkbStmtId     id  = stmts[i];
    AzkbStatement *out = &out_statements[i];

#if defined(__GNUC__) || defined(__clang__)
    if (i + STMT_PREFETCH_AHEAD < n && stmts[i + STMT_PREFETCH_AHEAD] < len)
      __builtin_prefetch(&recs[stmts[i + STMT_PREFETCH_AHEAD]]);
#endif
    if (id == 0 || id >= len) {
      memset(out, 0, sizeof *out);
      missing++;
      continue;
    }
    out->subject  = recs[id].s;
    out->relation = recs[id].p;
    out->object   = recs[id].o;
    unpack_interval(recs[id].start, recs[id].end, &out->time);
  }
  return missing;
}

void
azkb_store_get_sources(const AzkbStore  *store,
                       const AzkbStmtId *stmts,
                       gsize             n,
                       GArray           *out_sources,
                       guint            *out_ends)
{
  const StmtRec  *recs;
  const ExtraRec *extras;
  guint           len;

  g_return_if_fail(store != NULL && out_sources != NULL);
  g_return_if_fail(n == 0 || (stmts != NULL && out_ends != NULL));
  recs   = (const StmtRec *)(gpointer)store->stmts->data;
  extras = (const ExtraRec *)(gpointer)store->extras->data;
  len    = store->stmts->len;
  for (gsize i = 0; i < n; i++) {
    /* Two reads depend on each other: the statement's record, then its
     * first link.  Ask for the record far ahead and for the link of a
     * record asked for earlier, so both have arrived by their turn. */
#if defined(__GNUC__) || defined(__clang__)
    gsize far = i + STMT_PREFETCH_AHEAD, near = i + STMT_PREFETCH_AHEAD / 2;

    if (far < n && stmts[far] < len)
      __builtin_prefetch(&recs[stmts[far]]);
    if (near < n && stmts[near] < len)
      __builtin_prefetch(&extras[recs[stmts[near]].extras]);
#endif
    if (stmts[i] != 0 && stmts[i] < len)
      for (guint32 k = recs[stmts[i]].extras; k != 0; k = extras[k].next)
        if (extras[k].property == 0)
          g_array_append_val(out_sources, extras[k].value);
    out_ends[i] = out_sources->len;
  }
}

GArray *
azkb_store_statement_sources(const AzkbStore *store, AzkbStmtId stmt)
{
  GArray *out;

  g_return_val_if_fail(store != NULL, NULL);
  out = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  if (stmt == 0 || stmt >= store->stmts->len)
    return out;
  for (guint32 i = g_array_index(store->stmts, StmtRec, stmt).extras; i != 0;
       i         = g_array_index(store->extras, ExtraRec, i).next) {
    const ExtraRec *e = &g_array_index(store->extras, ExtraRec, i);

    if (e->property == 0)
      g_array_append_val(out, e->value);
  }
  return out;
}

GArray *
azkb_store_statement_qualifiers(const AzkbStore *store, AzkbStmtId stmt)
{
  GArray *out;

  g_return_val_if_fail(store != NULL, NULL);
  out = g_array_new(FALSE, FALSE, sizeof(AzkbQualifier));
  if (stmt == 0 || stmt >= store->stmts->len)
    return out;
  for (guint32 i = g_array_index(store->stmts, StmtRec, stmt).extras; i != 0;
       i         = g_array_index(store->extras, ExtraRec, i).next) {
    const ExtraRec *e = &g_array_index(store->extras, ExtraRec, i);
    AzkbQualifier   q = { e->property, e->value };

    if (e->property != 0)
      g_array_append_val(out, q);
  }
  return out;
}

static int
by_name(gconstpointer a, gconstpointer b, gpointer data)
{
  const AzkbStore *store = data;

  return strcmp(azkb_store_term_name(store, *(const AzkbTermId *)a),
                azkb_store_term_name(store, *(const AzkbTermId *)b));
}

GArray *
azkb_store_relations(const AzkbStore *store)
{
  GArray *out;

  g_return_val_if_fail(store != NULL, NULL);
  out = store_relation_terms(store);
  g_array_sort_with_data(out, by_name, (gpointer)store);
  return out;
}

/* Every term used as a statement's relation, once, in the order of first
 * use: azkb_store_relations() sorts them by name, the adjacency by id. */
GArray *
store_relation_terms(const AzkbStore *store)
{
  g_autofree guint8 *seen = g_new0(guint8, store->terms->len);
  GArray            *out  = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));

  for (guint i = 1; i < store->stmts->len; i++) {
    AzkbTermId p = g_array_index(store->stmts, StmtRec, i).p;

    if (!seen[p]) {
      seen[p] = 1;
      g_array_append_val(out, p);
    }
  }
  return out;
}

/* ---- load locations ---- */

static guint32
intern_file(AzkbStore *store, const char *file)
{
  guint32     last = store->last_file;
  gpointer    found;
  const char *copy;

  /* A load names one file for every statement in a row: compare with the
   * last one before hashing.  (The index is checked, as a merge may have
   * replaced the array.) */
  if (last != 0 && last <= store->files->len &&
      strcmp(g_ptr_array_index(store->files, last - 1), file) == 0)
    return last;
  found = g_hash_table_lookup(store->file_index, file);
  if (found == NULL) {
    copy = g_string_chunk_insert(store->file_chunk, file);
    g_ptr_array_add(store->files, (gpointer)copy);
    found = GUINT_TO_POINTER(store->files->len);
    g_hash_table_insert(store->file_index, (gpointer)copy, found);
  }
  store->last_file = GPOINTER_TO_UINT(found);
  return store->last_file;
}

/* Locations are kept in dense arrays indexed by id: a loader records one for
 * most ids, so an array costs less than a hash table. */
static void
set_location(GArray **locations, guint32 id, guint32 file, guint32 line)
{
  Location *loc;

  if (*locations == NULL)
    *locations = g_array_new(FALSE, TRUE, sizeof(Location));
  if (id >= (*locations)->len)
    g_array_set_size(*locations, id + 1);
  loc = &g_array_index(*locations, Location, id);
  if (loc->file != 0)
    return;
  loc->file = file;
  loc->line = line;
}

void
azkb_store_set_location(AzkbStore  *store,
                        AzkbTermId  entity,
                        AzkbStmtId  stmt,
                        const char *file,
                        guint       line)
{
  guint32 f;

  g_return_if_fail(store != NULL);
  g_return_if_fail(file != NULL);
  g_return_if_fail(entity == 0 || valid_term(store, entity));
  g_return_if_fail(stmt == 0 || stmt < store->stmts->len);
  f = intern_file(store, file);
  if (entity != 0)
    set_location(&store->term_locations, entity, f, line);
  if (stmt != 0)
    set_location(&store->stmt_locations, stmt, f, line);
}

static const Location *
get_location(const GArray *locations, guint32 id)
{
  const Location *loc;

  if (locations == NULL || id == 0 || id >= locations->len)
    return NULL;
  loc = &g_array_index(locations, Location, id);
  return loc->file != 0 ? loc : NULL;
}

gboolean
azkb_store_get_location(const AzkbStore *store,
                        AzkbTermId       entity,
                        AzkbStmtId       stmt,
                        const char     **out_file,
                        guint           *out_line)
{
  const Location *loc;

  g_return_val_if_fail(store != NULL, FALSE);
  loc = stmt != 0 ? get_location(store->stmt_locations, stmt)
                  : get_location(store->term_locations, entity);
  if (loc == NULL)
    return FALSE;
  if (out_file != NULL)
    *out_file = g_ptr_array_index(store->files, loc->file - 1);
  if (out_line != NULL)
    *out_line = loc->line;
  return TRUE;
}

/* ---- merge ---- */

/* Intern every term of @other into @store; returns the id map. */
static guint32 *
merge_terms(AzkbStore *store, const AzkbStore *other)
{
  guint32 *map = g_new0(guint32, other->terms->len);

  /* Named terms first: a literal's datatype or language is one. */
  for (guint32 t = 1; t < other->terms->len; t++) {
    const TermRec *rec = &g_array_index(other->terms, TermRec, t);

    if ((rec->flags & TERM_IS_LITERAL) == 0)
      map[t] = azkb_store_intern(store, rec->name);
  }
  for (guint32 t = 1; t < other->terms->len; t++) {
    const TermRec *rec = &g_array_index(other->terms, TermRec, t);

    if (rec->flags & TERM_IS_LITERAL)
      map[t] = term_intern_literal_raw(
        store,
        (AzkbValueKind)((rec->flags & TERM_VALUE_MASK) >> TERM_VALUE_SHIFT),
        rec->name,
        map[rec->extra]);
  }
  for (guint32 t = 1; t < other->terms->len; t++) {
    guint32 kinds =
      g_array_index(other->terms, TermRec, t).flags & TERM_KIND_MASK;

    if (kinds != 0)
      azkb_store_mark(store, map[t], (AzkbTermKind)kinds);
  }
  return map;
}

static void
merge_side(SideTable       *into,
           const SideTable *from,
           const guint32   *map,
           gboolean         b_is_term)
{
  for (guint i = 0; i < from->raw->len; i++) {
    const SideRec *r = &g_array_index(from->raw, SideRec, i);

    side_table_add(into, map[r->key], map[r->a], b_is_term ? map[r->b] : r->b);
  }
}

static void
merge_locations(AzkbStore       *store,
                const AzkbStore *other,
                const GArray    *from,
                const guint32   *map,
                gboolean         statements)
{
  if (from == NULL)
    return;
  for (guint32 id = 1; id < from->len; id++) {
    const Location *loc = &g_array_index(from, Location, id);
    const char     *file;

    if (loc->file == 0)
      continue;
    file = g_ptr_array_index(other->files, loc->file - 1);
    if (statements)
      azkb_store_set_location(store, 0, map[id], file, loc->line);
    else
      azkb_store_set_location(store, map[id], 0, file, loc->line);
  }
}

static void
merge_signatures(AzkbStore *store, const AzkbStore *other, const guint32 *map)
{
  for (guint i = 0; i < other->signatures->len; i++) {
    const Signature *sig = &g_array_index(other->signatures, Signature, i);
    AzkbTermId       domain;
    AzkbTermId       range;

    azkb_store_get_signature(store, map[sig->relation], &domain, &range);
    if (sig->domain != 0)
      domain = map[sig->domain];
    if (sig->range != 0)
      range = map[sig->range];
    azkb_store_set_signature(store, map[sig->relation], domain, range);
  }
}

void
azkb_store_merge(AzkbStore *store, AzkbStore *other)
{
  g_autofree guint32 *map      = NULL;
  g_autofree guint32 *stmt_map = NULL;

  g_return_if_fail(store != NULL);
  g_return_if_fail(other != NULL);
  g_return_if_fail(store != other);

  map = merge_terms(store, other);
  merge_side(&store->classes, &other->classes, map, FALSE);
  merge_side(&store->labels, &other->labels, map, FALSE);
  merge_side(&store->attributes, &other->attributes, map, TRUE);
  merge_side(&store->supers, &other->supers, map, FALSE);
  store->find_dirty = TRUE;
  merge_signatures(store, other, map);

  stmt_map = g_new0(guint32, other->stmts->len);
  for (guint32 i = 1; i < other->stmts->len; i++) {
    StmtRec key = g_array_index(other->stmts, StmtRec, i);

    key.s       = map[key.s];
    key.p       = map[key.p];
    key.o       = map[key.o];
    key.extras  = 0;
    stmt_map[i] = add_statement_packed(store, &key);
    for (guint32 e = g_array_index(other->stmts, StmtRec, i).extras; e != 0;
         e         = g_array_index(other->extras, ExtraRec, e).next) {
      const ExtraRec *x = &g_array_index(other->extras, ExtraRec, e);

      add_extra(
        store, stmt_map[i], x->property ? map[x->property] : 0, map[x->value]);
    }
  }
  merge_locations(store, other, other->term_locations, map, FALSE);
  merge_locations(store, other, other->stmt_locations, stmt_map, TRUE);
  namespaces_merge(store, other);
}

/* ---- size ---- */

gsize
azkb_store_memory_size(const AzkbStore *store)
{
  gsize size;

  g_return_val_if_fail(store != NULL, 0);
  views_lock(store); /* a reader on another thread may be building one */
  size =
    sizeof *store + store->chunk_bytes +
    (gsize)store->terms->len * sizeof(TermRec) +
    azkb_id_set_memory(&store->term_table) +
    (gsize)store->stmts->len * sizeof(StmtRec) +
    azkb_id_set_memory(&store->stmt_table) +
    (gsize)store->extras->len * sizeof(ExtraRec) +
    side_table_memory(&store->classes) + side_table_memory(&store->labels) +
    side_table_memory(&store->attributes) + side_table_memory(&store->supers) +
    (gsize)store->signatures->len * sizeof(Signature) +
    adjacency_memory(&store->out) + adjacency_memory(&store->in) +
    find_index_memory(store) + name_ranks_memory(store);
  views_unlock(store);
  if (store->term_locations != NULL)
    size += (gsize)store->term_locations->len * sizeof(Location);
  if (store->stmt_locations != NULL)
    size += (gsize)store->stmt_locations->len * sizeof(Location);
  return size;
}

void
azkb_store_absorb(AzkbStore *store, AzkbStore *other)
{
  g_return_if_fail(store != NULL);
  g_return_if_fail(other != NULL);
  g_return_if_fail(store != other);

  /* Into a store that holds nothing, moving is a swap: O(1), and a large
   * load is not copied a second time (the profile of a 4M-triple import
   * showed the merge re-interning every term and doubling peak memory). */
  if (store->terms->len == 1 && store->stmts->len == 1) {
    gatomicrefcount store_refs = store->ref_count;
    gatomicrefcount other_refs = other->ref_count;
    GMutex    store_lock = store->view_lock; /* both unlocked: plain words */
    GMutex    other_lock = other->view_lock;
    AzkbStore tmp        = *store;

    *store           = *other;
    *other           = tmp;
    store->ref_count = store_refs;
    other->ref_count = other_refs;
    store->view_lock = store_lock;
    other->view_lock = other_lock;
    return;
  }
  azkb_store_merge(store, other);
}
