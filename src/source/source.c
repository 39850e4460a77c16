/* The source document behind the statements: paragraph texts, documents
 * and the statements that cite a paragraph.  Everything here is read from
 * ordinary statements, so a knowledge base with no texts still answers
 * which statements cite what. */
#include <azkb/source.h>
#include <string.h>

/* The first literal object of @relation out of @node: a "text" statement
 * or, for data that states it as a bare triple, an attribute. */
static const char *
literal_of(AzkbStore *store, AzkbTermId node, const char *relation)
{
  AzkbTermId           rel = azkb_store_lookup(store, relation);
  const AzkbEdge      *edges;
  const AzkbQualifier *attrs;
  AzkbLiteral          lit;
  gsize                n;

  if (rel == 0)
    return NULL;
  edges = azkb_store_out_edges(store, node, rel, &n);
  for (gsize i = 0; i < n; i++)
    if (azkb_store_get_literal(store, edges[i].other, &lit))
      return lit.lexical;
  attrs = azkb_store_entity_attributes(store, node, &n);
  for (gsize i = 0; i < n; i++)
    if (attrs[i].property == rel &&
        azkb_store_get_literal(store, attrs[i].value, &lit))
      return lit.lexical;
  return NULL;
}

const char *
azkb_source_text(AzkbStore *store, AzkbTermId source)
{
  g_return_val_if_fail(store != NULL, NULL);
  return literal_of(store, source, AZKB_SOURCE_TEXT);
}

AzkbTermId
azkb_source_document(AzkbStore *store, AzkbTermId source)
{
  AzkbTermId      rel = azkb_store_lookup(store, AZKB_SOURCE_PART_OF);
  const AzkbEdge *edges;
  gsize           n;

  g_return_val_if_fail(store != NULL, 0);
  if (rel == 0)
    return 0;
  edges = azkb_store_out_edges(store, source, rel, &n);
  for (gsize i = 0; i < n; i++)
    if (azkb_store_term_kind(store, edges[i].other) & AZKB_TERM_ENTITY)
      return edges[i].other;
  return 0;
}

const char *
azkb_source_title(AzkbStore *store, AzkbTermId document)
{
  const char *title;

  g_return_val_if_fail(store != NULL, NULL);
  title = literal_of(store, document, AZKB_SOURCE_TITLE);
  return title != NULL ? title : azkb_store_display_name(store, document);
}

gboolean
azkb_source_is_source(AzkbStore *store, AzkbTermId term)
{
  g_return_val_if_fail(store != NULL, FALSE);
  if (term == 0)
    return FALSE;
  return (azkb_store_term_kind(store, term) & AZKB_TERM_SOURCE) != 0 ||
         azkb_source_text(store, term) != NULL;
}

/* "7" names P7: people read the tags as numbers. */
static char *
normalize_name(const char *name)
{
  const char *p = name;

  while (*p >= '0' && *p <= '9')
    p++;
  if (p != name && *p == '\0')
    return g_strconcat("P", name, NULL);
  return g_strdup(name);
}

/* "no source “P99”", with the closest source names when some are close
 * (sources are the terms statements cite, whatever their other kinds). */
static AzkbTermId
unknown_source(AzkbStore  *store,
               const char *name,
               const char *wanted,
               GError    **error)
{
  g_auto(GStrv) near = azkb_store_suggest(store, wanted, AZKB_TERM_SOURCE, 3);
  g_autoptr(GString) msg = g_string_new(NULL);

  g_string_printf(msg, "no source “%s”", name);
  if (near[0] != NULL) {
    g_string_append(msg, "; did you mean ");
    for (guint i = 0; near[i] != NULL; i++)
      g_string_append_printf(msg,
                             "%s“%s”",
                             i == 0                ? ""
                             : near[i + 1] == NULL ? " or "
                                                   : ", ",
                             near[i]);
    g_string_append_c(msg, '?');
  } else
    g_string_append(msg, ": a source is a paragraph that statements cite");
  g_set_error_literal(
    error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_UNKNOWN_ENTITY, msg->str);
  return 0;
}

AzkbTermId
azkb_source_resolve(AzkbStore *store, const char *name, GError **error)
{
  g_autofree char *wanted = NULL;
  AzkbTermId       term;

  g_return_val_if_fail(store != NULL && name != NULL, 0);
  wanted = normalize_name(name);
  /* A source need not be an entity (a bare citation tag is only a
   * source), so the exact id is tried first. */
  term = azkb_store_lookup(store, wanted);
  if (azkb_source_is_source(store, term))
    return term;
  term = azkb_store_resolve(store, wanted, AZKB_TERM_ENTITY, NULL);
  if (azkb_source_is_source(store, term))
    return term;
  return unknown_source(store, name, wanted, error);
}

/* Natural order of source names, so that P2 comes before P10. */
static int
by_reading_order(gconstpointer a, gconstpointer b, gpointer user_data)
{
  const AzkbStore *store = user_data;
  g_autofree char *x     = g_utf8_collate_key_for_filename(
    azkb_store_term_name(store, *(const AzkbTermId *)a), -1);
  g_autofree char *y = g_utf8_collate_key_for_filename(
    azkb_store_term_name(store, *(const AzkbTermId *)b), -1);

  return strcmp(x, y);
}

GArray *
azkb_source_of_statement(const AzkbStore *store, AzkbStmtId stmt)
{
  GArray *sources;

  g_return_val_if_fail(store != NULL, NULL);
  sources = azkb_store_statement_sources(store, stmt);
  g_array_sort_with_data(sources, by_reading_order, (gpointer)store);
  return sources;
}

static gboolean
cites(const AzkbStore *store, AzkbStmtId stmt, AzkbTermId source)
{
  g_autoptr(GArray) sources = azkb_store_statement_sources(store, stmt);

  for (guint i = 0; i < sources->len; i++)
    if (g_array_index(sources, AzkbTermId, i) == source)
      return TRUE;
  return FALSE;
}

GArray *
azkb_source_citing(const AzkbStore *store, AzkbTermId source)
{
  GArray *out;
  guint   n;

  g_return_val_if_fail(store != NULL, NULL);
  out = g_array_new(FALSE, FALSE, sizeof(AzkbStmtId));
  n   = azkb_store_n_statements(store);
  for (AzkbStmtId s = 1; s <= n; s++) {
    AzkbStatement st;

    /* A paragraph's own description (its text, number, document) cites
     * the paragraph, but is not something the paragraph states. */
    if (!azkb_store_get_statement(store, s, &st) || st.subject == source)
      continue;
    if (cites(store, s, source))
      g_array_append_val(out, s);
  }
  return out;
}
