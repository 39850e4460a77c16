/* azkb store — finding terms by name: exact ids, labels and abbreviations,
 * compared case- and accent-insensitively, and "did you mean" suggestions
 * by edit distance. */
#include "store-private.h"

#include <string.h>

/* ---- normalization ---- */

/* Underscores read as spaces (ids are slugs: "Heydar_Aliyev"); runs of
 * white space collapse to one space, none at the ends. */
static void
append_folded(GString *out, gunichar c, gboolean *pending)
{
  if (c == '_' ||
      (c < 0x80 ? g_ascii_isspace((char)c) : g_unichar_isspace(c))) {
    *pending = out->len > 0;
    return;
  }
  if (*pending)
    g_string_append_c(out, ' ');
  *pending = FALSE;
  g_string_append_unichar(out, c);
}

/* Most names are ASCII: there NFKD is the identity, there are no marks and
 * case folding is tolower, so skip the three allocations of the general
 * path (this is what makes indexing millions of names affordable). */
static gboolean
normalize_ascii(const char *name, GString *out)
{
  gboolean pending = FALSE;

  for (const char *p = name; *p != '\0'; p++)
    if ((guchar)*p >= 0x80)
      return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    append_folded(out, (gunichar)g_ascii_tolower(*p), &pending);
  return TRUE;
}

/* The form names are compared in: case-folded, compatibility-decomposed
 * (NFKD) with the combining marks dropped ("Türkiye" → "turkiye",
 * "İstanbul" → "istanbul"), with underscores and white space as above. */
static char *
normalize_name(const char *name)
{
  GString         *out     = g_string_sized_new(strlen(name));
  g_autofree char *valid   = NULL;
  g_autofree char *folded  = NULL;
  g_autofree char *nfkd    = NULL;
  gboolean         pending = FALSE;

  if (normalize_ascii(name, out))
    return g_string_free(out, FALSE);
  valid  = g_utf8_make_valid(name, -1);
  folded = g_utf8_casefold(valid, -1);
  nfkd   = g_utf8_normalize(folded, -1, G_NORMALIZE_ALL);
  for (const char *p = nfkd; p != NULL && *p != '\0'; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);

    if (!g_unichar_ismark(c))
      append_folded(out, c, &pending);
  }
  return g_string_free(out, FALSE);
}

/* ---- the index ---- */

void
find_index_clear(AzkbStore *store)
{
  g_clear_pointer(&store->find_entries, g_array_unref);
  g_clear_pointer(&store->find_chunk, g_string_chunk_free);
}

gsize
find_index_memory(const AzkbStore *store)
{
  gsize size = 0;

  if (store->find_entries == NULL)
    return 0;
  size = (gsize)store->find_entries->len * sizeof(FindEntry);
  for (guint i = 0; i < store->find_entries->len; i++)
    size += strlen(g_array_index(store->find_entries, FindEntry, i).norm) + 1;
  return size;
}

static void
add_entry(AzkbStore *store, const char *name, AzkbTermId term)
{
  g_autofree char *norm  = normalize_name(name);
  FindEntry        entry = {
           .norm = g_string_chunk_insert(store->find_chunk, norm),
           .name = name,
           .term = term,
  };

  g_array_append_val(store->find_entries, entry);
}

static int
entry_compare(gconstpointer a, gconstpointer b)
{
  const FindEntry *x = a;
  const FindEntry *y = b;
  int              c = strcmp(x->norm, y->norm);

  if (c != 0)
    return c;
  return x->term < y->term ? -1 : x->term > y->term;
}

/* Every term that has a kind, under its id, and every labelled term under
 * each label.  Sorted by normalized form so a lookup is a binary search. */
static void
build_find_index(AzkbStore *store)
{
  gsize n_labels;

  find_index_clear(store);
  store->find_chunk   = g_string_chunk_new(64 * 1024);
  store->find_entries = g_array_new(FALSE, FALSE, sizeof(FindEntry));
  for (AzkbTermId t = 1; t < store->terms->len; t++) {
    const TermRec *rec = &g_array_index(store->terms, TermRec, t);

    if ((rec->flags & TERM_IS_LITERAL) == 0 &&
        (rec->flags & TERM_KIND_MASK) != 0)
      add_entry(store, rec->name, t);
  }
  n_labels = store->labels.raw->len;
  for (gsize i = 0; i < n_labels; i++) {
    const SideRec *r = &g_array_index(store->labels.raw, SideRec, i);

    add_entry(store, azkb_store_term_name(store, r->a), r->key);
  }
  g_array_sort(store->find_entries, entry_compare);
  view_set_built(&store->find_dirty);
}

static void
ensure_find_index(AzkbStore *store)
{
  if (!view_is_dirty(&store->find_dirty))
    return;
  views_lock(store);
  if (view_is_dirty(&store->find_dirty))
    build_find_index(store);
  views_unlock(store);
}

/* The first entry whose normalized form is >= @norm. */
static guint
lower_bound(const GArray *entries, const char *norm)
{
  guint lo = 0;
  guint hi = entries->len;

  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;

    if (strcmp(g_array_index(entries, FindEntry, mid).norm, norm) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Terms of @kinds whose id or label normalizes to @name's form; sorted by
 * id, no duplicates. */
static GArray *
find_kinds(const AzkbStore *store, const char *name, AzkbTermKind kinds)
{
  AzkbStore       *self = (AzkbStore *)store; /* the index is a cache */
  GArray          *out  = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  g_autofree char *norm = NULL;
  AzkbTermId       last = 0;
  guint            i;

  if (name == NULL || *name == '\0')
    return out;
  ensure_find_index(self);
  norm = normalize_name(name);
  for (i = lower_bound(self->find_entries, norm); i < self->find_entries->len;
       i++) {
    const FindEntry *e = &g_array_index(self->find_entries, FindEntry, i);

    if (strcmp(e->norm, norm) != 0)
      break;
    if (e->term != last && (azkb_store_term_kind(store, e->term) & kinds))
      g_array_append_val(out, e->term);
    last = e->term;
  }
  return out;
}

GArray *
azkb_store_find(const AzkbStore *store, const char *name)
{
  g_return_val_if_fail(store != NULL, NULL);
  return find_kinds(store, name, AZKB_TERM_ENTITY);
}

/* ---- suggestions ---- */

/* Optimal string alignment distance (Levenshtein plus adjacent
 * transpositions) on code points, giving up above @limit. */
static guint
edit_distance(const gunichar *a,
              glong           n,
              const gunichar *b,
              glong           m,
              guint           limit)
{
  g_autofree guint *rows = NULL;
  guint            *prev2;
  guint            *prev;
  guint            *cur;

  if ((guint)ABS(n - m) > limit)
    return limit + 1;
  rows  = g_new(guint, 3 * (gsize)(m + 1));
  prev2 = rows;
  prev  = rows + (m + 1);
  cur   = rows + 2 * (m + 1);
  for (glong j = 0; j <= m; j++)
    prev[j] = (guint)j;
  for (glong i = 1; i <= n; i++) {
    guint row_min;

    cur[0]  = (guint)i;
    row_min = cur[0];
    for (glong j = 1; j <= m; j++) {
      guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
      guint best = MIN(prev[j] + 1, cur[j - 1] + 1);

      best = MIN(best, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        best = MIN(best, prev2[j - 2] + 1);
      cur[j]  = best;
      row_min = MIN(row_min, best);
    }
    if (row_min > limit)
      return limit + 1;
    {
      guint *t = prev2;

      prev2 = prev;
      prev  = cur;
      cur   = t;
    }
  }
  return prev[m];
}

typedef struct {
  guint       tier; ///< 0 same form, 1 prefix, 2 substring, 3 edit distance
  guint       distance;
  const char *name;
  AzkbTermId  term;
} Candidate;

static int
candidate_compare(gconstpointer a, gconstpointer b)
{
  const Candidate *x = a;
  const Candidate *y = b;
  int              c;

  if (x->tier != y->tier)
    return x->tier < y->tier ? -1 : 1;
  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  c = strcmp(x->name, y->name);
  if (c != 0)
    return c;
  return x->term < y->term ? -1 : x->term > y->term;
}

/* How far a name may be from the query and still be suggested: about one
 * edit in three characters, at least one. */
static guint
distance_limit(glong query_len)
{
  return (guint)MAX(1, (query_len + 1) / 3);
}

/* Same form first, then names that start with the query, then names that
 * contain it (both: the less left over, the better), then names within a
 * few edits (the fewer, the better).  The edit distance is computed only
 * for names whose length is close enough. */
static gboolean
score_entry(const FindEntry *e,
            const char      *norm,
            const gunichar  *query,
            glong            query_len,
            Candidate       *out)
{
  g_autofree gunichar *cand = NULL;
  glong                cand_len;
  guint                limit = distance_limit(query_len);

  out->name = e->name;
  out->term = e->term;
  if (strcmp(e->norm, norm) == 0) {
    out->tier     = 0;
    out->distance = 0;
    return TRUE;
  }
  if (*norm != '\0' && strstr(e->norm, norm) != NULL) {
    out->tier     = g_str_has_prefix(e->norm, norm) ? 1 : 2;
    out->distance = (guint)(strlen(e->norm) - strlen(norm));
    return TRUE;
  }
  cand_len = g_utf8_strlen(e->norm, -1);
  if ((guint)ABS(cand_len - query_len) > limit)
    return FALSE;
  cand          = g_utf8_to_ucs4_fast(e->norm, -1, &cand_len);
  out->tier     = 3;
  out->distance = edit_distance(query, query_len, cand, cand_len, limit);
  return out->distance <= limit;
}

/* The best candidate per term, best first. */
static GArray *
rank_candidates(const AzkbStore *store, const char *name, AzkbTermKind kinds)
{
  AzkbStore           *self  = (AzkbStore *)store;
  g_autofree char     *norm  = normalize_name(name);
  g_autofree gunichar *query = NULL;
  glong                query_len;
  g_autoptr(GArray) all      = g_array_new(FALSE, FALSE, sizeof(Candidate));
  GArray *best               = g_array_new(FALSE, FALSE, sizeof(Candidate));
  g_autoptr(GHashTable) seen = g_hash_table_new(NULL, NULL);

  ensure_find_index(self);
  query = g_utf8_to_ucs4_fast(norm, -1, &query_len);
  for (guint i = 0; i < self->find_entries->len; i++) {
    const FindEntry *e = &g_array_index(self->find_entries, FindEntry, i);
    Candidate        c;

    if ((azkb_store_term_kind(store, e->term) & kinds) == 0)
      continue;
    if (score_entry(e, norm, query, query_len, &c))
      g_array_append_val(all, c);
  }
  g_array_sort(all, candidate_compare);
  for (guint i = 0; i < all->len; i++) {
    const Candidate *c = &g_array_index(all, Candidate, i);

    if (g_hash_table_add(seen, GUINT_TO_POINTER(c->term)))
      g_array_append_val(best, *c);
  }
  return best;
}

char **
azkb_store_suggest(const AzkbStore *store,
                   const char      *name,
                   AzkbTermKind     kinds,
                   guint            max)
{
  g_autoptr(GArray) ranked = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new();

  g_return_val_if_fail(store != NULL, NULL);
  g_return_val_if_fail(name != NULL, NULL);
  if (kinds == 0)
    kinds = AZKB_TERM_ENTITY;
  ranked = rank_candidates(store, name, kinds);
  for (guint i = 0; i < ranked->len && out->len < max; i++)
    g_ptr_array_add(out, g_strdup(g_array_index(ranked, Candidate, i).name));
  g_ptr_array_add(out, NULL);
  return (char **)g_ptr_array_free(g_steal_pointer(&out), FALSE);
}

/* ---- resolve ---- */

static const char *
kind_noun(AzkbTermKind kinds)
{
  if (kinds & AZKB_TERM_ENTITY)
    return "entity";
  if (kinds & AZKB_TERM_CLASS)
    return "class";
  if (kinds & AZKB_TERM_RELATION)
    return "relation";
  if (kinds & AZKB_TERM_PROPERTY)
    return "property";
  if (kinds & AZKB_TERM_SOURCE)
    return "source";
  return "term";
}

/* The most bytes of a name a message quotes: a name comes from a pattern
 * and may be as long as the pattern (a 36 kB unclosed quote gave a 26 kB
 * message; found by fuzz-query). */
#define QUOTED_MAX 100

/* “@name”, cut at QUOTED_MAX bytes (at a character's start) with “…”. */
static void
append_quoted(GString *out, const char *name)
{
  gsize len = strlen(name);

  if (len > QUOTED_MAX) {
    len = QUOTED_MAX;
    while (len > 0 && ((guchar)name[len] & 0xC0) == 0x80)
      len--;
  }
  g_string_append(out, "“");
  g_string_append_len(out, name, (gssize)len);
  g_string_append(out, len < strlen(name) ? "…”" : "”");
}

/* “a”, “b” or “c” */
static void
append_alternatives(GString *out, char **names)
{
  guint n = g_strv_length(names);

  for (guint i = 0; i < n; i++) {
    if (i > 0)
      g_string_append(out, i + 1 == n ? " or " : ", ");
    append_quoted(out, names[i]);
  }
}

static void
set_unknown_error(const AzkbStore *store,
                  const char      *name,
                  AzkbTermKind     kinds,
                  GError         **error)
{
  g_auto(GStrv) names    = azkb_store_suggest(store, name, kinds, 3);
  g_autoptr(GString) msg = g_string_new(NULL);

  /* A suggestion is something to type: an IRI kept whole reads better,
   * and just as well, through a declared prefix. */
  for (char **n = names; *n != NULL; n++) {
    char *prefixed =
      (*n)[0] == '<'
        ? azkb_store_prefixed_name(store, azkb_store_lookup(store, *n))
        : NULL;
    if (prefixed != NULL) {
      g_free(*n);
      *n = prefixed;
    }
  }
  g_string_append_printf(msg, "no %s ", kind_noun(kinds));
  append_quoted(msg, name);
  if (names[0] != NULL) {
    g_string_append(msg, "; did you mean ");
    append_alternatives(msg, names);
    g_string_append_c(msg, '?');
  }
  g_set_error_literal(
    error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_UNKNOWN_ENTITY, msg->str);
}

static void
set_ambiguous_error(const AzkbStore *store,
                    const char      *name,
                    const GArray    *matches,
                    GError         **error)
{
  g_autoptr(GString) msg = g_string_new(NULL);

  append_quoted(msg, name);
  g_string_append(msg, " is ambiguous: it names ");
  for (guint i = 0; i < matches->len; i++) {
    AzkbTermId  t       = g_array_index(matches, AzkbTermId, i);
    const char *id      = azkb_store_term_name(store, t);
    const char *display = azkb_store_display_name(store, t);

    if (i > 0)
      g_string_append(msg, i + 1 == matches->len ? " and " : ", ");
    if (g_strcmp0(id, display) == 0)
      g_string_append(msg, id);
    else
      g_string_append_printf(msg, "%s (%s)", id, display);
  }
  g_string_append(msg, "; use an id");
  g_set_error_literal(
    error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_AMBIGUOUS, msg->str);
}

/* ---- namespaces ---- */

static void
namespace_free(gpointer data)
{
  Namespace *ns = data;

  g_free(ns->prefix);
  g_free(ns->iri);
  g_free(ns->head);
  g_free(ns->tail);
  g_free(ns);
}

/* "prefix iri": a space is in neither, so the key names one pair.  A hash
 * set, since a file may declare any number of prefixes. */
static char *
namespace_key(const char *prefix, const char *iri)
{
  return g_strconcat(prefix, " ", iri, NULL);
}

void
azkb_store_add_namespace(AzkbStore  *store,
                         const char *prefix,
                         const char *iri,
                         const char *name_head,
                         const char *name_tail)
{
  Namespace *ns;
  char      *key;

  g_return_if_fail(store != NULL);
  g_return_if_fail(prefix != NULL && iri != NULL);
  g_return_if_fail(name_head != NULL && name_tail != NULL);
  if (*iri == '\0')
    return;
  if (store->namespaces == NULL) {
    store->namespaces = g_ptr_array_new_with_free_func(namespace_free);
    store->namespace_keys =
      g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  }
  key = namespace_key(prefix, iri);
  if (!g_hash_table_add(store->namespace_keys, key))
    return;
  ns         = g_new(Namespace, 1);
  ns->prefix = g_strdup(prefix);
  ns->iri    = g_strdup(iri);
  ns->head   = g_strdup(name_head);
  ns->tail   = g_strdup(name_tail);
  g_ptr_array_add(store->namespaces, ns);
}

void
namespaces_merge(AzkbStore *store, const AzkbStore *other)
{
  for (guint i = 0; other->namespaces && i < other->namespaces->len; i++) {
    const Namespace *ns = g_ptr_array_index(other->namespaces, i);

    azkb_store_add_namespace(store, ns->prefix, ns->iri, ns->head, ns->tail);
  }
}

/* The store name of @local in @ns, when such a term exists. */
static char *
existing_name(const AzkbStore *store, const Namespace *ns, const char *local)
{
  g_autofree char *name = NULL;

  if (*local == '\0')
    return NULL;
  name = g_strconcat(ns->head, local, ns->tail, NULL);
  if (azkb_store_lookup(store, name) == 0)
    return NULL;
  return g_steal_pointer(&name);
}

char *
azkb_store_expand_name(const AzkbStore *store, const char *written)
{
  gsize       len = strlen(written);
  const char *colon;

  g_return_val_if_fail(store != NULL && written != NULL, NULL);
  if (store->namespaces == NULL)
    return NULL;
  if (len > 2 && written[0] == '<' && written[len - 1] == '>') {
    g_autofree char *iri = g_strndup(written + 1, len - 2);

    for (guint i = 0; i < store->namespaces->len; i++) {
      const Namespace *ns = g_ptr_array_index(store->namespaces, i);
      char            *name;

      if (g_str_has_prefix(iri, ns->iri) &&
          (name = existing_name(store, ns, iri + strlen(ns->iri))) != NULL)
        return name;
    }
    return NULL;
  }
  colon = strchr(written, ':');
  if (colon == NULL || written[0] == '<' || written[0] == '_')
    return NULL;
  for (guint i = 0; i < store->namespaces->len; i++) {
    const Namespace *ns = g_ptr_array_index(store->namespaces, i);
    char            *name;

    if (strlen(ns->prefix) == (gsize)(colon - written) &&
        strncmp(ns->prefix, written, colon - written) == 0 &&
        (name = existing_name(store, ns, colon + 1)) != NULL)
      return name;
  }
  return NULL;
}

char *
azkb_store_prefixed_name(const AzkbStore *store, AzkbTermId term)
{
  const char *name = azkb_store_term_name(store, term);
  char       *best = NULL;

  g_return_val_if_fail(store != NULL, NULL);
  for (guint i = 0; name && store->namespaces && i < store->namespaces->len;
       i++) {
    const Namespace *ns   = g_ptr_array_index(store->namespaces, i);
    gsize            h    = strlen(ns->head);
    gsize            t    = strlen(ns->tail);
    gsize            n    = strlen(name);
    const char      *rest = name + h;

    /* Only a name that needs writing out (an IRI kept whole) gains from a
     * prefix; "Azerbaijan" is best written as it is. */
    if (name[0] != '<' || *ns->prefix == '\0' || n <= h + t ||
        strncmp(name, ns->head, h) != 0 || strcmp(name + n - t, ns->tail) != 0)
      continue;
    /* A local part with characters a pattern cannot hold unquoted would
     * not parse as a prefixed name. */
    for (const char *c = rest; c < name + n - t; c++)
      if (!g_ascii_isalnum(*c) && *c != '_' && *c != '.' && (guchar)*c < 0x80) {
        rest = NULL;
        break;
      }
    if (rest == NULL)
      continue;
    if (best == NULL || strlen(ns->prefix) + (n - h - t) + 1 < strlen(best)) {
      g_free(best);
      best = g_strdup_printf("%s:%.*s", ns->prefix, (int)(n - h - t), rest);
    }
  }
  return best;
}

AzkbTermId
azkb_store_resolve(const AzkbStore *store,
                   const char      *name,
                   AzkbTermKind     kinds,
                   GError         **error)
{
  g_autoptr(GArray) matches = NULL;
  AzkbTermId exact;

  g_return_val_if_fail(store != NULL, 0);
  g_return_val_if_fail(name != NULL, 0);
  g_return_val_if_fail(error == NULL || *error == NULL, 0);
  if (kinds == 0)
    kinds = AZKB_TERM_ENTITY;

  /* An exact id wins over labels (ids are unique), and needs no index. */
  exact = azkb_store_lookup(store, name);
  if (exact != 0 && (azkb_store_term_kind(store, exact) & kinds))
    return exact;
  {
    g_autofree char *expanded = azkb_store_expand_name(store, name);

    exact = expanded != NULL ? azkb_store_lookup(store, expanded) : 0;
    if (exact != 0 && (azkb_store_term_kind(store, exact) & kinds))
      return exact;
  }

  matches = find_kinds(store, name, kinds);
  if (matches->len == 1)
    return g_array_index(matches, AzkbTermId, 0);
  if (matches->len == 0)
    set_unknown_error(store, name, kinds, error);
  else
    set_ambiguous_error(store, name, matches, error);
  return 0;
}
