#include "query-test.h"

#include <string.h>

AzkbTermId
entity(AzkbStore *store, const char *name)
{
  AzkbTermId       e     = azkb_store_add_entity(store, name);
  g_autofree char *label = g_strdup_printf("Label of %s", name);

  azkb_store_add_label(store, e, label, "en", AZKB_LABEL_PREFERRED);
  return e;
}

static void
add_fact(AzkbStore *store, char **w, guint n)
{
  g_autoptr(GError) error = NULL;
  AzkbInterval time       = { 0 };

  if (n == 1) {
    entity(store, w[0]);
    return;
  }
  if (n == 3 && strcmp(w[1], ":") == 0) {
    azkb_store_add_class(
      store, entity(store, w[0]), azkb_store_intern(store, w[2]));
    return;
  }
  if (n == 3 && strcmp(w[1], "<") == 0) {
    azkb_store_add_subclass(
      store, azkb_store_intern(store, w[0]), azkb_store_intern(store, w[2]));
    return;
  }
  g_assert_true(n == 3 || n == 4);
  if (n == 4) {
    g_assert_true(w[3][0] == '@');
    g_assert_true(azkb_interval_parse(w[3] + 1, &time, &error));
    g_assert_no_error(error);
  }
  if (w[2][0] == '\'') {
    g_autofree char *text = g_strndup(w[2] + 1, strlen(w[2]) - 2);
    AzkbTermId       lit  = azkb_store_intern_literal(
      store, AZKB_VALUE_STRING, text, NULL, NULL, &error);
    g_assert_no_error(error);
    azkb_store_add_statement(
      store, entity(store, w[0]), azkb_store_intern(store, w[1]), lit, NULL);
    return;
  }
  azkb_store_add_statement(store,
                           entity(store, w[0]),
                           azkb_store_intern(store, w[1]),
                           entity(store, w[2]),
                           n == 4 ? &time : NULL);
}

AzkbStore *
build(const char *spec)
{
  AzkbStore *store    = azkb_store_new();
  g_auto(GStrv) items = g_strsplit(spec, ";", -1);

  for (char **item = items; *item != NULL; item++) {
    g_auto(GStrv) words    = NULL;
    g_autoptr(GPtrArray) w = g_ptr_array_new();

    words = g_strsplit_set(g_strstrip(*item), " ", -1);
    for (char **x = words; *x != NULL; x++)
      if (**x != '\0')
        g_ptr_array_add(w, *x);
    if (w->len > 0)
      add_fact(store, (char **)w->pdata, w->len);
  }
  return store;
}

/* Rows as text: "x=a,y=b" per row, rows joined by " | ", in result order.
 * A pattern without variables gives "yes" or "". */
static char *
rows_text(const AzkbStore *store, const AzkbResult *res)
{
  GString *out = g_string_new(NULL);

  for (guint r = 0; r < azkb_result_n_rows(res); r++) {
    const AzkbTermId *row = azkb_result_row(res, r);

    if (r > 0)
      g_string_append(out, " | ");
    if (azkb_result_n_columns(res) == 0)
      g_string_append(out, "yes");
    for (guint c = 0; c < azkb_result_n_columns(res); c++)
      g_string_append_printf(out,
                             "%s%s=%s",
                             c ? "," : "",
                             azkb_result_column_name(res, c),
                             azkb_store_term_name(store, row[c]));
  }
  return g_string_free(out, FALSE);
}

char *
run(AzkbStore      *store,
    const char     *pattern,
    const char     *at,
    gboolean        strict,
    const AzkbDate *present)
{
  g_autoptr(GError) error   = NULL;
  g_autoptr(AzkbQuery) q    = azkb_query_parse(pattern, store, &error);
  g_autoptr(AzkbResult) res = NULL;

  g_assert_no_error(error);
  g_assert_nonnull(q);
  if (at != NULL) {
    AzkbInterval t;
    g_assert_true(azkb_interval_parse(at, &t, &error));
    g_assert_true(azkb_query_set_time(q, &t, &error));
    g_assert_no_error(error);
  }
  azkb_query_set_flags(q, strict ? AZKB_QUERY_STRICT_TIME : AZKB_QUERY_NONE);
  azkb_query_set_present(q, present);
  res = azkb_query_execute(q, 0);
  return rows_text(store, res);
}

int
compare_lines(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

AzkbStore *
graph_store(GRand *rand, Graph *g)
{
  AzkbStore *store = azkb_store_new();
  AzkbTermId node[N_NODES], rel[N_RELS];

  memset(g, 0, sizeof *g);
  for (int i = 0; i < N_NODES; i++) {
    g_autofree char *name = g_strdup_printf("n%d", i);
    node[i]               = azkb_store_add_entity(store, name);
  }
  for (int r = 0; r < N_RELS; r++) {
    g_autofree char *name = g_strdup_printf("r%d", r);
    rel[r]                = azkb_store_intern(store, name);
    /* Declared even when unused, as an ontology would. */
    azkb_store_mark(store, rel[r], AZKB_TERM_RELATION);
  }
  for (int k = g_rand_int_range(rand, 0, 14); k > 0; k--) {
    int      r = g_rand_int_range(rand, 0, N_RELS);
    int      i = g_rand_int_range(rand, 0, N_NODES);
    int      j = g_rand_int_range(rand, 0, N_NODES);
    int      y = g_rand_boolean(rand) ? 0 : g_rand_int_range(rand, 2001, 2004);
    AzkbDate d = { y, 0, 0, AZKB_PRECISION_YEAR, 0 };
    AzkbInterval t = azkb_interval_point(&d);

    if (g->edge[r][i][j])
      continue; /* one statement per triple keeps the model simple */
    g->edge[r][i][j] = TRUE;
    g->year[r][i][j] = y;
    azkb_store_add_statement(store, node[i], rel[r], node[j], y ? &t : NULL);
  }
  return store;
}

AzkbStmtId
add(AzkbStore  *store,
    const char *s,
    const char *p,
    const char *o,
    const char *time)
{
  AzkbInterval t = { 0 };

  if (*time != '\0')
    g_assert_true(azkb_interval_parse(time, &t, NULL));
  return azkb_store_add_statement(store,
                                  azkb_store_add_entity(store, s),
                                  azkb_store_intern(store, p),
                                  azkb_store_add_entity(store, o),
                                  &t);
}
