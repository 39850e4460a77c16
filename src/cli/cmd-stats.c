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

/* What stats prints, gathered once for either format. */
typedef struct {
  guint       entities, classless;
  guint       statements, dated, sourced;
  GHashTable *by_class, *by_relation, *by_source; ///< term → count
} Tally;

static void
tally_clear(Tally *t)
{
  g_clear_pointer(&t->by_class, g_hash_table_unref);
  g_clear_pointer(&t->by_relation, g_hash_table_unref);
  g_clear_pointer(&t->by_source, g_hash_table_unref);
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
tally_entities(const AzkbStore *store, Tally *t)
{
  g_autoptr(GArray) entities = azkb_store_entities(store);

  t->by_class = g_hash_table_new(NULL, NULL);
  t->entities = entities->len;
  for (guint i = 0; i < entities->len; i++) {
    AzkbTermId        e = g_array_index(entities, AzkbTermId, i);
    gsize             n;
    const AzkbTermId *classes = azkb_store_entity_classes(store, e, &n);

    if (n == 0)
      t->classless++;
    for (gsize k = 0; k < n; k++)
      bump(t->by_class, classes[k]);
  }
}

static void
tally_statements(const AzkbStore *store, Tally *t)
{
  t->by_relation = g_hash_table_new(NULL, NULL);
  t->by_source   = g_hash_table_new(NULL, NULL);
  t->statements  = azkb_store_n_statements(store);
  for (AzkbStmtId s = 1; s <= t->statements; s++) {
    AzkbStatement st;
    g_autoptr(GArray) sources = azkb_store_statement_sources(store, s);

    azkb_store_get_statement(store, s, &st);
    bump(t->by_relation, st.relation);
    if (!azkb_interval_is_undated(&st.time))
      t->dated++;
    if (sources->len > 0)
      t->sourced++;
    for (guint k = 0; k < sources->len; k++)
      bump(t->by_source, g_array_index(sources, AzkbTermId, k));
  }
}

static void
print_text(const AzkbStore *store, const Tally *t)
{
  printf("Entities: %u (%u without a class)\n", t->entities, t->classless);
  print_counts("Entities by class", t->by_class, store);
  printf("\nStatements: %u (%u dated, %u undated; %u with a source)\n",
         t->statements,
         t->dated,
         t->statements - t->dated,
         t->sourced);
  print_counts("Statements by relation", t->by_relation, store);
  print_counts("Statements by source", t->by_source, store);
}

static void
json_count(JsonBuilder *b, const char *name, guint value)
{
  json_builder_set_member_name(b, name);
  json_builder_add_int_value(b, value);
}

static void
json_counts(JsonBuilder     *b,
            const char      *group,
            GHashTable      *table,
            const AzkbStore *store)
{
  g_autoptr(GArray) counts = sorted_counts(table, store);

  for (guint i = 0; i < counts->len; i++) {
    const Count *c = &g_array_index(counts, Count, i);

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "group");
    json_builder_add_string_value(b, group);
    json_builder_set_member_name(b, "name");
    json_builder_add_string_value(b, azkb_store_term_name(store, c->term));
    json_count(b, "count", c->count);
    json_builder_end_object(b);
  }
}

/* The totals as members, then one row per count: {"group": "class",
 * "name": "Resolution", "count": 15}, groups class, relation, source. */
static void
print_json(const AzkbStore *store, const Tally *t)
{
  static const char *const columns[] = { "group", "name", "count", NULL };
  g_autoptr(JsonBuilder) b           = json_builder_new();

  json_builder_begin_object(b);
  json_count(b, "entities", t->entities);
  json_count(b, "entities_without_class", t->classless);
  json_count(b, "statements", t->statements);
  json_count(b, "dated", t->dated);
  json_count(b, "undated", t->statements - t->dated);
  json_count(b, "sourced", t->sourced);
  azkb_cli_json_columns(b, columns);
  json_counts(b, "class", t->by_class, store);
  json_counts(b, "relation", t->by_relation, store);
  json_counts(b, "source", t->by_source, store);
  json_builder_end_array(b);
  json_builder_end_object(b);
  azkb_cli_json_print(b);
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
  g_autofree char *format    = NULL;
  Tally            tally     = { 0 };
  int              status;

  gboolean json = FALSE;

  azkb_cli_add_format_option(context, &format);
  azkb_cli_add_data_options(context, &data);
  if (!azkb_cli_parse(context, &argc, &argv, do_help, &status))
    goto out;
  if (argc > 1) {
    status = azkb_cli_usage(context, "unexpected argument “%s”", argv[1]);
    goto out;
  }
  if (!azkb_cli_text_or_json(context, format, &json, &status))
    goto out;
  store = azkb_cli_load(&data, &error);
  if (store == NULL) {
    status = azkb_cli_fail(error);
    goto out;
  }
  tally_entities(store, &tally);
  tally_statements(store, &tally);
  if (json)
    print_json(store, &tally);
  else
    print_text(store, &tally);
  tally_clear(&tally);
  status = AZKB_EXIT_OK;
out:
  azkb_cli_data_clear(&data);
  return status;
}
