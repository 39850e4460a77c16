/* azkb store — the term pool: interned names and literals. */
#include "src/util/name-sort.h"
#include "store-private.h"

#include <string.h>

/* ---- terms ---- */

const TermRec *
term_rec(const AzkbStore *store, AzkbTermId term)
{
  if (term == 0 || term >= store->terms->len)
    return NULL;
  return &g_array_index(store->terms, TermRec, term);
}

gboolean
term_is_literal(const AzkbStore *store, AzkbTermId term)
{
  const TermRec *rec = term_rec(store, term);

  return rec != NULL && (rec->flags & TERM_IS_LITERAL) != 0;
}

static guint32
literal_hash(AzkbValueKind kind, const char *lexical, AzkbTermId extra)
{
  return azkb_hash_mix(azkb_hash_string(lexical) ^
                       azkb_hash_mix((guint32)kind * 0x9e3779b1u + extra));
}

static guint32
term_hash(gconstpointer ctx, guint32 id)
{
  const AzkbStore *store = ctx;
  const TermRec   *rec   = &g_array_index(store->terms, TermRec, id);

  if (rec->flags & TERM_IS_LITERAL)
    return literal_hash(
      (AzkbValueKind)((rec->flags & TERM_VALUE_MASK) >> TERM_VALUE_SHIFT),
      rec->name,
      rec->extra);
  return azkb_hash_string(rec->name);
}

static gboolean
name_matches(gconstpointer ctx, guint32 id, gconstpointer key)
{
  const AzkbStore *store = ctx;
  const TermRec   *rec   = &g_array_index(store->terms, TermRec, id);

  return (rec->flags & TERM_IS_LITERAL) == 0 && strcmp(rec->name, key) == 0;
}

typedef struct {
  guint32     flags;
  const char *lexical;
  AzkbTermId  extra;
} LiteralKey;

static gboolean
literal_matches(gconstpointer ctx, guint32 id, gconstpointer key)
{
  const AzkbStore  *store = ctx;
  const TermRec    *rec   = &g_array_index(store->terms, TermRec, id);
  const LiteralKey *k     = key;

  return rec->flags & TERM_IS_LITERAL &&
         (rec->flags & TERM_VALUE_MASK) == (k->flags & TERM_VALUE_MASK) &&
         rec->extra == k->extra && strcmp(rec->name, k->lexical) == 0;
}

void
terms_init(AzkbStore *store)
{
  TermRec none = { 0 };

  store->chunk = g_string_chunk_new(64 * 1024);
  store->terms = g_array_new(FALSE, FALSE, sizeof(TermRec));
  g_array_append_val(store->terms, none);
  g_mutex_init(&store->view_lock);
}

void
terms_clear(AzkbStore *store)
{
  azkb_id_set_clear(&store->term_table);
  g_clear_pointer(&store->terms, g_array_unref);
  g_clear_pointer(&store->chunk, g_string_chunk_free);
  g_clear_pointer(&store->name_ranks, g_free);
  g_mutex_clear(&store->view_lock);
}

static AzkbTermId
append_term(AzkbStore *store, const char *name, guint32 flags, guint32 extra)
{
  gsize   len = strlen(name);
  TermRec rec = {
    .name  = g_string_chunk_insert_len(store->chunk, name, (gssize)len),
    .flags = flags,
    .extra = extra,
  };

  g_return_val_if_fail(store->terms->len < G_MAXUINT32, 0);
  store->chunk_bytes += len + 1;
  g_array_append_val(store->terms, rec);
  return store->terms->len - 1;
}

AzkbTermId
azkb_store_intern(AzkbStore *store, const char *name)
{
  AzkbTermId id;
  guint32    hash;

  g_return_val_if_fail(store != NULL, 0);
  g_return_val_if_fail(name != NULL && *name != '\0', 0);
  g_return_val_if_fail(g_utf8_validate(name, -1, NULL), 0);

  hash = azkb_hash_string(name);
  id   = azkb_id_set_find(&store->term_table, hash, name_matches, store, name);
  if (id != 0)
    return id;
  id = append_term(store, name, 0, 0);
  if (id != 0)
    azkb_id_set_add(&store->term_table, hash, id, term_hash, store);
  return id;
}

AzkbTermId
azkb_store_lookup(const AzkbStore *store, const char *name)
{
  g_return_val_if_fail(store != NULL, 0);
  if (name == NULL || *name == '\0')
    return 0;
  return azkb_id_set_find(
    &store->term_table, azkb_hash_string(name), name_matches, store, name);
}

const char *
azkb_store_term_name(const AzkbStore *store, AzkbTermId term)
{
  const TermRec *rec;

  g_return_val_if_fail(store != NULL, NULL);
  rec = term_rec(store, term);
  return rec ? rec->name : NULL;
}

guint
azkb_store_n_terms(const AzkbStore *store)
{
  g_return_val_if_fail(store != NULL, 0);
  return store->terms->len - 1;
}

void
azkb_store_mark(AzkbStore *store, AzkbTermId term, AzkbTermKind kind)
{
  TermRec *rec;
  guint32  bits = (guint32)kind & TERM_KIND_MASK;

  g_return_if_fail(store != NULL);
  g_return_if_fail(term != 0 && term < store->terms->len);
  rec = &g_array_index(store->terms, TermRec, term);
  if ((rec->flags & bits) == bits)
    return;
  rec->flags |= bits;
  /* The lookup index lists only terms that have a kind. */
  store->find_dirty = TRUE;
}

AzkbTermKind
azkb_store_term_kind(const AzkbStore *store, AzkbTermId term)
{
  const TermRec *rec;

  g_return_val_if_fail(store != NULL, 0);
  rec = term_rec(store, term);
  return rec ? (AzkbTermKind)(rec->flags & TERM_KIND_MASK) : 0;
}

/* ---- literals ---- */

AzkbTermId
term_intern_literal_raw(AzkbStore    *store,
                        AzkbValueKind kind,
                        const char   *lexical,
                        AzkbTermId    extra)
{
  LiteralKey key = {
    .flags   = (guint32)kind << TERM_VALUE_SHIFT,
    .lexical = lexical,
    .extra   = extra,
  };
  guint32    hash = literal_hash(kind, lexical, extra);
  AzkbTermId id;

  id = azkb_id_set_find(&store->term_table, hash, literal_matches, store, &key);
  if (id != 0)
    return id;
  id = append_term(
    store, lexical, TERM_IS_LITERAL | AZKB_TERM_LITERAL | key.flags, extra);
  if (id != 0)
    azkb_id_set_add(&store->term_table, hash, id, term_hash, store);
  return id;
}

static gboolean
all_digits(const char *p, const char **out_end)
{
  const char *start = p;

  while (g_ascii_isdigit(*p))
    p++;
  *out_end = p;
  return p > start;
}

/* xsd:integer: an optional sign, then digits. */
static gboolean
valid_integer(const char *s)
{
  const char *end;

  if (*s == '+' || *s == '-')
    s++;
  return all_digits(s, &end) && *end == '\0';
}

/* xsd:decimal: an optional sign, digits with at most one '.', and at least
 * one digit ("1", "1.", ".5", "-0.25"). */
static gboolean
valid_decimal(const char *s)
{
  const char *end;
  gboolean    whole;
  gboolean    fraction = FALSE;

  if (*s == '+' || *s == '-')
    s++;
  whole = all_digits(s, &end);
  s     = end;
  if (*s == '.') {
    fraction = all_digits(s + 1, &end);
    s        = end;
  }
  return (whole || fraction) && *s == '\0';
}

static gboolean
valid_boolean(const char *s)
{
  return strcmp(s, "true") == 0 || strcmp(s, "false") == 0 ||
         strcmp(s, "1") == 0 || strcmp(s, "0") == 0;
}

static gboolean
validate_literal(AzkbValueKind kind,
                 const char   *lexical,
                 const char   *datatype,
                 GError      **error)
{
  g_autoptr(GError) date_error = NULL;
  AzkbDate date;

  if (!g_utf8_validate(lexical, -1, NULL)) {
    g_set_error(error,
                AZKB_STORE_ERROR,
                AZKB_STORE_ERROR_INVALID,
                "a literal is not valid UTF-8");
    return FALSE;
  }
  switch (kind) {
    case AZKB_VALUE_STRING:
      return TRUE;
    case AZKB_VALUE_INTEGER:
      if (valid_integer(lexical))
        return TRUE;
      g_set_error(error,
                  AZKB_STORE_ERROR,
                  AZKB_STORE_ERROR_INVALID,
                  "“%s” is not an integer",
                  lexical);
      return FALSE;
    case AZKB_VALUE_DECIMAL:
      if (valid_decimal(lexical))
        return TRUE;
      g_set_error(error,
                  AZKB_STORE_ERROR,
                  AZKB_STORE_ERROR_INVALID,
                  "“%s” is not a decimal number",
                  lexical);
      return FALSE;
    case AZKB_VALUE_BOOLEAN:
      if (valid_boolean(lexical))
        return TRUE;
      g_set_error(error,
                  AZKB_STORE_ERROR,
                  AZKB_STORE_ERROR_INVALID,
                  "“%s” is not a boolean (true, false, 1 or 0)",
                  lexical);
      return FALSE;
    case AZKB_VALUE_DATE:
      if (azkb_date_parse(lexical, &date, &date_error))
        return TRUE;
      g_set_error(error,
                  AZKB_STORE_ERROR,
                  AZKB_STORE_ERROR_INVALID,
                  "%s",
                  date_error->message);
      return FALSE;
    case AZKB_VALUE_OTHER:
      if (datatype != NULL && *datatype != '\0' &&
          g_utf8_validate(datatype, -1, NULL))
        return TRUE;
      g_set_error(error,
                  AZKB_STORE_ERROR,
                  AZKB_STORE_ERROR_INVALID,
                  "the literal “%s” has no datatype name",
                  lexical);
      return FALSE;
    default:
      g_set_error(error,
                  AZKB_STORE_ERROR,
                  AZKB_STORE_ERROR_INVALID,
                  "unknown value kind %d",
                  (int)kind);
      return FALSE;
  }
}

AzkbTermId
azkb_store_intern_literal(AzkbStore    *store,
                          AzkbValueKind kind,
                          const char   *lexical,
                          const char   *datatype,
                          const char   *lang,
                          GError      **error)
{
  AzkbTermId extra = 0;

  g_return_val_if_fail(store != NULL, 0);
  g_return_val_if_fail(lexical != NULL, 0);
  g_return_val_if_fail(error == NULL || *error == NULL, 0);

  if (!validate_literal(kind, lexical, datatype, error))
    return 0;
  if (kind == AZKB_VALUE_OTHER)
    extra = azkb_store_intern(store, datatype);
  else if (kind == AZKB_VALUE_STRING && lang != NULL && *lang != '\0') {
    /* Language tags compare case-insensitively (BCP 47). */
    g_autofree char *lower = g_ascii_strdown(lang, -1);

    if (!g_utf8_validate(lang, -1, NULL)) {
      g_set_error(error,
                  AZKB_STORE_ERROR,
                  AZKB_STORE_ERROR_INVALID,
                  "a language tag is not valid UTF-8");
      return 0;
    }
    extra = azkb_store_intern(store, lower);
  }
  return term_intern_literal_raw(store, kind, lexical, extra);
}

gboolean
azkb_store_get_literal(const AzkbStore *store,
                       AzkbTermId       term,
                       AzkbLiteral     *out_literal)
{
  const TermRec *rec;
  AzkbValueKind  kind;

  g_return_val_if_fail(store != NULL, FALSE);
  rec = term_rec(store, term);
  if (rec == NULL || (rec->flags & TERM_IS_LITERAL) == 0)
    return FALSE;
  kind = (AzkbValueKind)((rec->flags & TERM_VALUE_MASK) >> TERM_VALUE_SHIFT);
  if (out_literal != NULL) {
    out_literal->kind     = kind;
    out_literal->lexical  = rec->name;
    out_literal->datatype = NULL;
    out_literal->lang     = NULL;
    if (kind == AZKB_VALUE_OTHER)
      out_literal->datatype = azkb_store_term_name(store, rec->extra);
    else if (kind == AZKB_VALUE_STRING && rec->extra != 0)
      out_literal->lang = azkb_store_term_name(store, rec->extra);
  }
  return TRUE;
}

void
terms_reserve(AzkbStore *store, guint32 n)
{
  azkb_id_set_make_room(&store->term_table, n, term_hash, store);
}

/* Index every term record, as interning them one by one would have.
 * Returns FALSE if two records have the same key (a damaged snapshot). */
gboolean
terms_rebuild_table(AzkbStore *store)
{
  azkb_id_set_clear(&store->term_table);
  azkb_id_set_reserve(&store->term_table, store->terms->len);
  for (guint32 t = 1; t < store->terms->len; t++) {
    const TermRec *rec  = &g_array_index(store->terms, TermRec, t);
    guint32        hash = term_hash(store, t);
    guint32        dup;

    if (rec->flags & TERM_IS_LITERAL) {
      LiteralKey key = { rec->flags, rec->name, rec->extra };

      dup = azkb_id_set_find(
        &store->term_table, hash, literal_matches, store, &key);
    } else
      dup = azkb_id_set_find(
        &store->term_table, hash, name_matches, store, rec->name);
    if (dup != 0)
      return FALSE;
    azkb_id_set_add(&store->term_table, hash, t, term_hash, store);
  }
  return TRUE;
}

/* ---- the order of names ---- */

#define RANK_PREFETCH_AHEAD 16

/* Rank every term: pack each name's first 16 bytes (the names lie all over
 * the string chunk, so each is fetched a little ahead of its packing) and
 * radix-sort the keys. */
static guint32 *
build_name_ranks(const AzkbStore *store)
{
  guint32                 n     = store->terms->len - 1;
  const TermRec          *recs  = &g_array_index(store->terms, TermRec, 1);
  guint32                *ranks = g_new(guint32, (gsize)n + 1);
  g_autofree AzkbNameKey *keys  = g_new(AzkbNameKey, MAX(n, 1));

  for (guint32 i = 0; i < n; i++) {
    if (i + RANK_PREFETCH_AHEAD < n)
      __builtin_prefetch(recs[i + RANK_PREFETCH_AHEAD].name);
    azkb_name_key_init(&keys[i], recs[i].name, i + 1, i);
  }
  azkb_name_keys_sort(keys, n);
  ranks[0] = 0;
  for (guint32 r = 0; r < n; r++)
    ranks[keys[r].id] = r;
  return ranks;
}

/* Whether the ranks are those of the terms there are.  ranked_terms is
 * published after name_ranks, so a reader that finds it equal to the terms
 * (an atomic load) reads the ranks built for them; before any build it is
 * 0, and there is always the unused term 0. */
static gboolean
name_ranks_fresh(AzkbStore *store)
{
  return (guint32)g_atomic_int_get(&store->ranked_terms) == store->terms->len;
}

const guint32 *
azkb_store_name_ranks(AzkbStore *store)
{
  g_return_val_if_fail(store != NULL, NULL);
  if (G_UNLIKELY(!name_ranks_fresh(store))) {
    views_lock(store);
    if (!name_ranks_fresh(store)) {
      guint32 *stale = store->name_ranks;

      g_atomic_pointer_set(&store->name_ranks, build_name_ranks(store));
      g_atomic_int_set(&store->ranked_terms, store->terms->len);
      /* no reader holds the stale ranks: a write came after they were
       * returned, and they were valid until it */
      g_free(stale);
    }
    views_unlock(store);
  }
  return g_atomic_pointer_get(&store->name_ranks);
}

gboolean
azkb_store_has_name_ranks(AzkbStore *store)
{
  g_return_val_if_fail(store != NULL, FALSE);
  return name_ranks_fresh(store);
}

gsize
name_ranks_memory(const AzkbStore *store)
{
  return store->name_ranks != NULL ? (gsize)store->ranked_terms * 4 : 0;
}
