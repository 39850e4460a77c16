/* azkb stats: what the loaded knowledge base holds, in counts. */
#include "cli.h"

#include <stdio.h>

typedef struct {
  AzkbTermId term;
  guint      count;
} Count;

static int
by_count_then_name(gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Count     *x     = a;
  const Count     *y     = b;
  const AzkbStore *store = user_data;

  if (x->count != y->count)
    return x->count < y->count ? 1 : -1;
  return g_strcmp0(azkb_store_term_name(store, x->term),
                   azkb_store_term_name(store, y->term));
}

/* Tally @table (term → count) into an array sorted by count, then name. */
static GArray *
sorted_counts(GHashTable *table, const AzkbStore *store)
{
  GArray        *out = g_array_new(FALSE, FALSE, sizeof(Count));
  GHashTableIter iter;
  gpointer       key, value;

  g_hash_table_iter_init(&iter, table);
  while (g_hash_table_iter_next(&iter, &key, &value)) {
    Count c = { GPOINTER_TO_UINT(key), GPOINTER_TO_UINT(value) };
    g_array_append_val(out, c);
  }
  g_array_sort_with_data(out, by_count_then_name, (gpointer)store);
  return out;
}

static void
bump(GHashTable *table, AzkbTermId term)
{
  gpointer key = GUINT_TO_POINTER(term);
  guint    n   = GPOINTER_TO_UINT(g_hash_table_lookup(table, key));

  g_hash_table_insert(table, key, GUINT_TO_POINTER(n + 1));
}

static void
print_counts(const char *title, GHashTable *table, const AzkbStore *store)
{
  g_autoptr(GArray) counts = sorted_counts(table, store);

  printf("\n%s:\n", title);
  for (guint i = 0; i < counts->len; i++) {
    const Count *c = &g_array_index(counts, Count, i);
    printf("  %7u  %s\n",
           c->count,
           azkb_cli_safe(azkb_store_term_name(store, c->term)));
  }
}

static void
print_entities(const AzkbStore *store)
{
  g_autoptr(GArray) entities     = azkb_store_entities(store);
  g_autoptr(GHashTable) by_class = g_hash_table_new(NULL, NULL);
  guint classless                = 0;

  for (guint i = 0; i < entities->len; i++) {
    AzkbTermId        e = g_array_index(entities, AzkbTermId, i);
    gsize             n;
    const AzkbTermId *classes = azkb_store_entity_classes(store, e, &n);

    if (n == 0)
      classless++;
    for (gsize k = 0; k < n; k++)
      bump(by_class, classes[k]);
  }
  printf("Entities: %u (%u without a class)\n", entities->len, classless);
  print_counts("Entities by class", by_class, store);
}

static void
print_statements(const AzkbStore *store)
{
  g_autoptr(GHashTable) by_relation = g_hash_table_new(NULL, NULL);
  g_autoptr(GHashTable) by_source   = g_hash_table_new(NULL, NULL);
  guint n                           = azkb_store_n_statements(store);
  guint dated = 0, sourced = 0;

  for (AzkbStmtId s = 1; s <= n; s++) {
    AzkbStatement st;
    g_autoptr(GArray) sources = azkb_store_statement_sources(store, s);

    azkb_store_get_statement(store, s, &st);
    bump(by_relation, st.relation);
    if (!azkb_interval_is_undated(&st.time))
      dated++;
    if (sources->len > 0)
      sourced++;
    for (guint k = 0; k < sources->len; k++)
      bump(by_source, g_array_index(sources, AzkbTermId, k));
  }
  printf("\nStatements: %u (%u dated, %u undated; %u with a source)\n",
         n,
         dated,
         n - dated,
         sourced);
  print_counts("Statements by relation", by_relation, store);
  print_counts("Statements by source", by_source, store);
}

int
azkb_cmd_stats(int argc, char **argv, gboolean do_help)
{
  AzkbCliData data = { 0 };
  g_autoptr(GOptionContext) context =
    azkb_cli_context("stats",
                     NULL,
                     "Count what the knowledge base holds: entities by class, "
                     "statements by relation, dated and undated, sources.",
                     NULL);
  g_autoptr(AzkbStore) store = NULL;
  g_autoptr(GError) error    = NULL;
  int status;

  azkb_cli_add_data_options(context, &data);
  if (!azkb_cli_parse(context, &argc, &argv, do_help, &status))
    goto out;
  if (argc > 1) {
    status = azkb_cli_usage(context, "unexpected argument “%s”", argv[1]);
    goto out;
  }
  store = azkb_cli_load(&data, &error);
  if (store == NULL) {
    status = azkb_cli_fail(error);
    goto out;
  }
  print_entities(store);
  print_statements(store);
  status = AZKB_EXIT_OK;
out:
  azkb_cli_data_clear(&data);
  return status;
}
