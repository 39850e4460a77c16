/* The canonical forms and helpers the rdf tests share.
 *
 * Stores are compared through a canonical dump written here with the store
 * API alone (never with the exporter under test): one sorted line per
 * class, label, attribute, superclass, signature and statement, with blank
 * nodes renamed in a fixed order.  Exports are compared as sorted N-Triples
 * with blank nodes mapped the same way.
 */
#include "rdf-test.h"

#include <string.h>

/* ---- canonical forms ---- */

/* For g_ptr_array_sort() of strings (sort_values is GLib 2.76). */
int
by_string(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct {
  char *name;
  char *signature;
} Blank;

static int
by_signature(gconstpointer a, gconstpointer b)
{
  const Blank *x = *(Blank *const *)a;
  const Blank *y = *(Blank *const *)b;
  int          c = strcmp(x->signature, y->signature);

  return c != 0 ? c : strcmp(x->name, y->name);
}

static void
blank_free(gpointer data)
{
  Blank *blank = data;

  g_free(blank->name);
  g_free(blank->signature);
  g_free(blank);
}

/* @line with each blank node ("_:..." token) renamed as @names says, and
 * masked to "_:" when @names does not have it. */
static char *
rename_blanks(GRegex *blank, const char *line, GHashTable *names)
{
  GString *renamed            = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  gint last                   = 0;

  if (strstr(line, "_:") == NULL)
    return g_strdup(line);
  renamed = g_string_new(NULL);
  g_regex_match(blank, line, 0, &match);
  while (g_match_info_matches(match)) {
    gint             start, end;
    g_autofree char *name = g_match_info_fetch(match, 0);
    const char      *to   = g_hash_table_lookup(names, name);

    g_match_info_fetch_pos(match, 0, &start, &end);
    g_string_append_len(renamed, line + last, start - last);
    g_string_append(renamed, to != NULL ? to : "_:");
    last = end;
    g_match_info_next(match, NULL);
  }
  g_string_append(renamed, line + last);
  return g_string_free(renamed, FALSE);
}

/* One round of naming: each unnamed blank node's signature is the sorted
 * list of the lines that mention it, renamed as far as @names goes; those
 * whose signature is unique get the next names, in signature order (or,
 * when none is unique, the first one does).  FALSE when none was left. */
static gboolean
name_round(GRegex *blank, GPtrArray *lines, GHashTable *names)
{
  g_autoptr(GHashTable) mentions = g_hash_table_new_full(
    g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  g_autoptr(GPtrArray) blanks = g_ptr_array_new_with_free_func(blank_free);
  GHashTableIter iter;
  gpointer       key, value;
  gboolean       progress = FALSE;

  for (guint i = 0; i < lines->len; i++) {
    const char      *line       = g_ptr_array_index(lines, i);
    g_autofree char *renamed    = NULL;
    g_autoptr(GMatchInfo) match = NULL;

    if (strstr(line, "_:") == NULL)
      continue;
    renamed = rename_blanks(blank, line, names);
    g_regex_match(blank, line, 0, &match);
    while (g_match_info_matches(match)) {
      char      *name = g_match_info_fetch(match, 0);
      GPtrArray *list = g_hash_table_lookup(mentions, name);

      if (g_hash_table_contains(names, name))
        g_free(name);
      else {
        if (list == NULL) {
          list = g_ptr_array_new_with_free_func(g_free);
          g_hash_table_insert(mentions, name, list);
        } else
          g_free(name);
        g_ptr_array_add(list, g_strdup(renamed));
      }
      g_match_info_next(match, NULL);
    }
  }
  if (g_hash_table_size(mentions) == 0)
    return FALSE;
  g_hash_table_iter_init(&iter, mentions);
  while (g_hash_table_iter_next(&iter, &key, &value)) {
    GPtrArray *list  = value;
    Blank     *entry = g_new0(Blank, 1);

    g_ptr_array_sort(list, by_string);
    g_ptr_array_add(list, NULL);
    entry->name      = g_strdup(key);
    entry->signature = g_strjoinv("\n", (char **)list->pdata);
    g_ptr_array_add(blanks, entry);
  }
  g_ptr_array_sort(blanks, by_signature);
  for (guint i = 0; i < blanks->len; i++) {
    const Blank *b    = g_ptr_array_index(blanks, i);
    const Blank *prev = i > 0 ? g_ptr_array_index(blanks, i - 1) : NULL;
    const Blank *next =
      i + 1 < blanks->len ? g_ptr_array_index(blanks, i + 1) : NULL;

    if ((prev != NULL && strcmp(prev->signature, b->signature) == 0) ||
        (next != NULL && strcmp(next->signature, b->signature) == 0))
      continue;
    g_hash_table_insert(names,
                        g_strdup(b->name),
                        g_strdup_printf("_:b%u", g_hash_table_size(names) + 1));
    progress = TRUE;
  }
  if (!progress)
    g_hash_table_insert(names,
                        g_strdup(((Blank *)g_ptr_array_index(blanks, 0))->name),
                        g_strdup_printf("_:b%u", g_hash_table_size(names) + 1));
  return TRUE;
}

/* @lines, sorted, with blank nodes renamed canonically (name_round until
 * every one has a name): equal for isomorphic graphs whose blank nodes are
 * told apart by what is said of them and of their named neighbours. */
static char *
canonicalize(GPtrArray *lines)
{
  g_autoptr(GRegex) blank = g_regex_new("_:[^ \t\n]+", 0, 0, NULL);
  g_autoptr(GHashTable) names =
    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
  GString *joined          = g_string_new(NULL);

  while (name_round(blank, lines, names))
    ;
  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add(out,
                    rename_blanks(blank, g_ptr_array_index(lines, i), names));
  g_ptr_array_sort(out, by_string);
  for (guint i = 0; i < out->len; i++) {
    g_string_append(joined, g_ptr_array_index(out, i));
    g_string_append_c(joined, '\n');
  }
  return g_string_free(joined, FALSE);
}

/* A term as the dump writes it: a name, or a literal with its kind. */
static char *
term_text(const AzkbStore *store, AzkbTermId term)
{
  AzkbLiteral lit;

  if (azkb_store_get_literal(store, term, &lit))
    return g_strdup_printf("\"%s\"/%d/%s/%s",
                           lit.lexical,
                           lit.kind,
                           lit.datatype != NULL ? lit.datatype : "",
                           lit.lang != NULL ? lit.lang : "");
  return g_strdup(azkb_store_term_name(store, term));
}

static char *
date_text(const AzkbDate *d)
{
  return azkb_date_to_string(d, AZKB_TIME_STYLE_ISO);
}

static char *
time_text(const AzkbInterval *t)
{
  g_autofree char *start =
    t->start_bound == AZKB_BOUND_DATE ? date_text(&t->start) : g_strdup("");
  g_autofree char *end =
    t->end_bound == AZKB_BOUND_DATE ? date_text(&t->end) : g_strdup("");

  return g_strdup_printf(
    "%u:%s/%u:%s/%u", t->start_bound, start, t->end_bound, end, t->is_point);
}

/* The kinds an export can carry: which side a name is on. */
static const char *
side(const AzkbStore *store, AzkbTermId term)
{
  AzkbTermKind k = azkb_store_term_kind(store, term);

  if (k & (AZKB_TERM_CLASS | AZKB_TERM_RELATION | AZKB_TERM_PROPERTY))
    return "ontology";
  return (k & (AZKB_TERM_ENTITY | AZKB_TERM_SOURCE)) ? "data" : "plain";
}

static void
dump_term_side(const AzkbStore *store, AzkbTermId t, GPtrArray *lines)
{
  gsize             n_classes, n_labels, n_attrs, n_supers;
  const AzkbTermId *classes  = azkb_store_entity_classes(store, t, &n_classes);
  const AzkbLabel  *labels   = azkb_store_entity_labels(store, t, &n_labels);
  const AzkbQualifier *attrs = azkb_store_entity_attributes(store, t, &n_attrs);
  const AzkbTermId    *supers = azkb_store_superclasses(store, t, &n_supers);
  const char          *name   = azkb_store_term_name(store, t);
  AzkbTermId           domain, range;

  for (gsize i = 0; i < n_classes; i++)
    g_ptr_array_add(lines,
                    g_strdup_printf("class %s %s",
                                    name,
                                    azkb_store_term_name(store, classes[i])));
  for (gsize i = 0; i < n_labels; i++)
    g_ptr_array_add(lines,
                    g_strdup_printf("label %s %d \"%s\"@%s",
                                    name,
                                    labels[i].kind,
                                    labels[i].text,
                                    labels[i].lang ? labels[i].lang : ""));
  for (gsize i = 0; i < n_attrs; i++) {
    g_autofree char *v = term_text(store, attrs[i].value);

    g_ptr_array_add(
      lines,
      g_strdup_printf("attr %s %s %s",
                      name,
                      azkb_store_term_name(store, attrs[i].property),
                      v));
  }
  for (gsize i = 0; i < n_supers; i++)
    g_ptr_array_add(lines,
                    g_strdup_printf("super %s %s",
                                    name,
                                    azkb_store_term_name(store, supers[i])));
  azkb_store_get_signature(store, t, &domain, &range);
  if (domain != 0 || range != 0)
    g_ptr_array_add(
      lines,
      g_strdup_printf("sig %s %s %s",
                      name,
                      domain ? azkb_store_term_name(store, domain) : "-",
                      range ? azkb_store_term_name(store, range) : "-"));
  if (n_classes + n_labels + n_attrs + n_supers > 0 || domain || range)
    g_ptr_array_add(lines, g_strdup_printf("side %s %s", name, side(store, t)));
}

static void
dump_statement(const AzkbStore *store, AzkbStmtId id, GPtrArray *lines)
{
  AzkbStatement st;
  g_autoptr(GArray) sources    = azkb_store_statement_sources(store, id);
  g_autoptr(GArray) qualifiers = azkb_store_statement_qualifiers(store, id);
  g_autoptr(GPtrArray) extra   = g_ptr_array_new_with_free_func(g_free);
  g_autofree char *object      = NULL;
  g_autofree char *time        = NULL;
  g_autofree char *joined      = NULL;

  g_assert_true(azkb_store_get_statement(store, id, &st));
  object = term_text(store, st.object);
  time   = time_text(&st.time);
  for (guint i = 0; i < sources->len; i++)
    g_ptr_array_add(
      extra,
      g_strdup_printf(
        "src=%s",
        azkb_store_term_name(store, g_array_index(sources, AzkbTermId, i))));
  for (guint i = 0; i < qualifiers->len; i++) {
    const AzkbQualifier *q = &g_array_index(qualifiers, AzkbQualifier, i);
    g_autofree char     *v = term_text(store, q->value);

    g_ptr_array_add(
      extra,
      g_strdup_printf("q=%s=%s", azkb_store_term_name(store, q->property), v));
  }
  g_ptr_array_sort(extra, by_string);
  g_ptr_array_add(extra, NULL);
  joined = g_strjoinv(" ", (char **)extra->pdata);
  g_ptr_array_add(lines,
                  g_strdup_printf("stmt %s %s %s %s [%s]",
                                  azkb_store_term_name(store, st.subject),
                                  azkb_store_term_name(store, st.relation),
                                  object,
                                  time,
                                  joined));
  g_ptr_array_add(lines,
                  g_strdup_printf("side %s %s",
                                  azkb_store_term_name(store, st.relation),
                                  side(store, st.relation)));
}

/* Everything a store holds, canonically.  (transfer full) */
char *
dump_store(const AzkbStore *store)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) uniq  = g_ptr_array_new();

  for (AzkbTermId t = 1; t <= azkb_store_n_terms(store); t++)
    if (!(azkb_store_term_kind(store, t) & AZKB_TERM_LITERAL))
      dump_term_side(store, t, lines);
  for (AzkbStmtId s = 1; s <= azkb_store_n_statements(store); s++)
    dump_statement(store, s, lines);
  /* "side" lines repeat for each statement of a relation */
  for (guint i = 0; i < lines->len; i++)
    if (g_hash_table_add(seen, g_ptr_array_index(lines, i)))
      g_ptr_array_add(uniq, g_ptr_array_index(lines, i));
  return canonicalize(uniq);
}

/* N-Triples text as sorted lines with blank nodes mapped. */
char *
canonical_ntriples(const char *text)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func(g_free);

  /* Not g_strsplit(): its strstr() is quadratic under ASan's interceptor. */
  for (const char *p = text, *nl; *p != '\0'; p = nl + 1) {
    nl = strchr(p, '\n');
    if (nl == NULL)
      nl = p + strlen(p) - 1;
    if (nl > p)
      g_ptr_array_add(lines, g_strndup(p, nl - p + (*nl != '\n')));
  }
  return canonicalize(lines);
}

/* ---- helpers ---- */

void
fixture_set_up(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  f->dir = azkb_test_tmpdir_new("azkb-rdf");
}

void
fixture_tear_down(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  azkb_test_tmpdir_remove(f->dir);
  g_free(f->dir);
}

static AzkbStore *
load_text(const char *text, const char *name, GError **error)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(GBytes) bytes    = g_bytes_new(text, strlen(text));

  if (!azkb_rdf_import_bytes(store, bytes, name, NULL, NULL, NULL, error))
    return NULL;
  return g_steal_pointer(&store);
}

AzkbStore *
load_ok(const char *text, const char *name)
{
  GError    *error = NULL;
  AzkbStore *store = load_text(text, name, &error);

  g_assert_no_error(error);
  return store;
}

char *
read_file(const char *path)
{
  char   *text  = NULL;
  GError *error = NULL;

  g_file_get_contents(path, &text, NULL, &error);
  g_assert_no_error(error);
  return text;
}

char *
export_text(AzkbStore         *store,
            const char        *dir,
            const char        *format,
            const char        *base,
            AzkbRdfExportFlags flags)
{
  g_autofree char *path  = g_build_filename(dir, "out.rdf", NULL);
  GError          *error = NULL;

  azkb_rdf_export_file(store, path, format, base, flags, &error);
  g_assert_no_error(error);
  return read_file(path);
}

AzkbTermId
lookup(const AzkbStore *store, const char *name)
{
  AzkbTermId t = azkb_store_lookup(store, name);

  if (t == 0)
    g_error("no term “%s”", name);
  return t;
}

/* The only statement from @s by @rel, asserting there is exactly one. */
AzkbStmtId
only_statement(AzkbStore *store, const char *s, const char *rel)
{
  gsize           n;
  const AzkbEdge *e =
    azkb_store_out_edges(store, lookup(store, s), lookup(store, rel), &n);

  g_assert_cmpuint(n, ==, 1);
  return e[0].stmt;
}
