/* Tests of connections (azkb_path_find()): hand-written cases, a bad
 * `via`, the search from both ends against the test's own enumeration on
 * random graphs, long connections and many shortest ones. */
#include "query-test.h"

#include <string.h>

static char *
paths_text(AzkbStore *store, GPtrArray *paths)
{
  GString *out = g_string_new(NULL);

  for (guint i = 0; i < paths->len; i++) {
    GArray *hops = g_ptr_array_index(paths, i);

    if (i > 0)
      g_string_append(out, " | ");
    for (guint k = 0; k < hops->len; k++) {
      const AzkbHop *h = &g_array_index(hops, AzkbHop, k);
      if (k == 0)
        g_string_append(out, azkb_store_term_name(store, h->from));
      g_string_append_printf(out,
                             " %s%s%s %s(%u)",
                             h->forward ? "-" : "<-",
                             azkb_store_term_name(store, h->relation),
                             h->forward ? "->" : "-",
                             azkb_store_term_name(store, h->to),
                             h->stmts->len);
    }
  }
  return g_string_free(out, FALSE);
}

typedef struct {
  const char *name; ///< the test case's path under its group
  const char *graph;
  const char *from, *to, *via, *at;
  gboolean    all;
  guint       max_hops;
  const char *paths;
} PathCase;

// clang-format off
static const PathCase path_cases[] = {
  { "forward-two-hops", "a p b; b q c", "a", "c", NULL, NULL, FALSE, 0, "a -p-> b(1) -q-> c(1)" },
  { "mixed-directions", "a p b; c q b", "a", "c", NULL, NULL, FALSE, 0, "a -p-> b(1) <-q- c(1)" },
  { "all-shortest-one", "a p b; b q c; a r c", "a", "c", NULL, NULL, TRUE, 0, "a -r-> c(1)" },
  { "all-shortest-two", "a p b; b q d; a p c; c q d", "a", "d", NULL, NULL, TRUE, 0, "a -p-> b(1) -q-> d(1) | a -p-> c(1) -q-> d(1)" },
  { "via-restricts-relations", "a p b; b q c; a r c", "a", "c", "p|q", NULL, FALSE, 0, "a -p-> b(1) -q-> c(1)" },
  { "two-statements-one-hop", "a p b @2003..2005; a p b @2010", "a", "b", NULL, NULL, FALSE, 0, "a -p-> b(2)" },
  { "at-keeps-one-statement", "a p b @2003..2005; a p b @2010", "a", "b", NULL, "2010", FALSE, 0, "a -p-> b(1)" },
  { "at-excludes-hop", "a p b @2003..2005", "a", "b", NULL, "2010", FALSE, 0, "" },
  { "max-hops-too-short", "a p b; b p c; c p d", "a", "d", NULL, NULL, FALSE, 2, "" },
  { "max-hops-enough", "a p b; b p c; c p d", "a", "d", NULL, NULL, FALSE, 3, "a -p-> b(1) -p-> c(1) -p-> d(1)" },
  { "unconnected", "a p b; e", "a", "e", NULL, NULL, FALSE, 0, "" },
};
// clang-format on

static void
test_path(gconstpointer data)
{
  const PathCase *c          = data;
  g_autoptr(AzkbStore) store = build(c->graph);
  g_autoptr(GError) error    = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autofree char *got       = NULL;
  AzkbInterval     at;
  AzkbPathOptions  options = { .max_hops     = c->max_hops,
                               .via          = c->via,
                               .all_shortest = c->all };

  if (c->at != NULL) {
    g_assert_true(azkb_interval_parse(c->at, &at, NULL));
    options.at = &at;
  }
  paths = azkb_path_find(store,
                         azkb_store_lookup(store, c->from),
                         azkb_store_lookup(store, c->to),
                         &options,
                         &error);
  g_assert_no_error(error);
  got = paths_text(store, paths);
  if (strcmp(got, c->paths) != 0)
    g_error("%s → %s on “%s”: got “%s”, want “%s”",
            c->from,
            c->to,
            c->graph,
            got,
            c->paths);
}

static void
test_path_bad_via(void)
{
  g_autoptr(AzkbStore) store = build("a p b");
  g_autoptr(GError) error    = NULL;
  AzkbPathOptions options    = { .via = "p/" };
  GPtrArray      *paths      = azkb_path_find(store,
                                    azkb_store_lookup(store, "a"),
                                    azkb_store_lookup(store, "b"),
                                    &options,
                                    &error);

  g_assert_null(paths);
  g_assert_error(error, AZKB_QUERY_ERROR, AZKB_QUERY_ERROR_SYNTAX);
  /* the library names the text by its part, not by a command-line flag */
  g_assert_true(g_str_has_prefix(error->message, "column 3: "));
  g_assert_cmpuint(azkb_query_error_column(error), ==, 3);
  g_assert_cmpint(azkb_query_error_part(error), ==, AZKB_QUERY_PART_VIA);
}

/* A --via expression within the size limit, but past it read both ways
 * ((VIA|^VIA)+): an error that says so, and names its part. */
static void
test_path_via_too_large_both_ways(void)
{
  g_autoptr(AzkbStore) store = build("a p b");
  g_autoptr(GError) error    = NULL;
  g_autoptr(GString) via     = g_string_new("p");
  AzkbPathOptions options    = { 0 };
  GPtrArray      *paths;

  for (guint i = 1; i < AZKB_QUERY_MAX_ATOMS / 2 + 1; i++)
    g_string_append(via, "|p");
  options.via = via->str;
  paths       = azkb_path_find(store,
                         azkb_store_lookup(store, "a"),
                         azkb_store_lookup(store, "b"),
                         &options,
                         &error);
  g_assert_null(paths);
  g_assert_error(error, AZKB_QUERY_ERROR, AZKB_QUERY_ERROR_TOO_LARGE);
  g_assert_nonnull(strstr(error->message, "read both ways"));
  g_assert_cmpint(azkb_query_error_part(error), ==, AZKB_QUERY_PART_VIA);
}

/* The test's own model of connections: every hop sequence from @from,
 * enumerated depth-first, kept when it ends at @to, spells a word of
 * (VIA|^VIA)+ and passes the time; the shortest ones in azkb's order
 * (hop by hop: node reached, relation, forwards first).  Node and relation
 * names have one digit, so comparing hop codes compares names. */
typedef struct {
  const Graph *g;
  int          to;
  int          via; ///< 0: `_`, 1: `r0`, 2: `r0/r1`
  int          at;  ///< 0 or a year every hop must hold in
  int          rel[8], dir[8], node[9];
  GPtrArray   *found; ///< "code\ttext" of each connection of length len
  int          len;
} PathModel;

static gboolean
model_spells(const PathModel *m, int n)
{
  for (int i = 0; i < n; i++) {
    if (m->via == 1 && m->rel[i] != 0)
      return FALSE;
    if (m->via == 2) {
      /* Blocks of r0/r1 forwards or ^r1/^r0 backwards. */
      int first = i % 2 == 0 ? i : i - 1;
      int want =
        m->dir[first] == 0 ? (i == first ? 0 : 1) : (i == first ? 1 : 0);

      if (n % 2 != 0 || m->rel[i] != want || m->dir[i] != m->dir[first])
        return FALSE;
    }
  }
  return TRUE;
}

static void
model_walk(PathModel *m, int at_node, int n)
{
  if (n > 0 && at_node == m->to && model_spells(m, n)) {
    GString *line = g_string_new(NULL);
    GString *text = g_string_new(NULL);

    for (int i = 0; i < n; i++)
      g_string_append_printf(
        line, "%d%d%d", m->node[i + 1], m->rel[i], m->dir[i]);
    g_string_append_printf(text, "n%d", m->node[0]);
    for (int i = 0; i < n; i++)
      g_string_append_printf(text,
                             " %sr%d%s n%d(1)",
                             m->dir[i] == 0 ? "-" : "<-",
                             m->rel[i],
                             m->dir[i] == 0 ? "->" : "-",
                             m->node[i + 1]);
    g_string_append_printf(line, "\t%s", text->str);
    g_string_free(text, TRUE);
    if (m->len == 0 || n < m->len) {
      g_ptr_array_set_size(m->found, 0);
      m->len = n;
    }
    g_ptr_array_add(m->found, g_string_free(line, FALSE));
  }
  if (n == (m->len > 0 ? m->len : (int)G_N_ELEMENTS(m->rel)))
    return;
  for (int r = 0; r < N_RELS; r++)
    for (int dir = 0; dir < 2; dir++)
      for (int j = 0; j < N_NODES; j++) {
        int i = at_node, k = j, y;

        if (dir == 1) {
          i = j;
          k = at_node;
        }
        y = m->g->year[r][i][k];
        if (!m->g->edge[r][i][k] || (m->at != 0 && y != 0 && y != m->at))
          continue;
        m->rel[n]      = r;
        m->dir[n]      = dir;
        m->node[n + 1] = j;
        model_walk(m, j, n + 1);
      }
}

/* azkb_path_find (searching from both ends) against the model, on random
 * graphs: the same shortest connections in the same order, the first of
 * them alone without --all-shortest, none past the hop limit. */
static void
test_path_cross_check(void)
{
  guint32 seed                    = g_test_rand_int();
  g_autoptr(GRand) rand           = g_rand_new_with_seed(seed);
  static const char *const vias[] = { NULL, "r0", "r0/r1" };

  for (guint c = 0; c < 400; c++) {
    Graph g;
    g_autoptr(AzkbStore) store = graph_store(rand, &g);
    PathModel        m         = { &g,
                                   g_rand_int_range(rand, 0, N_NODES),
                                   g_rand_int_range(rand, 0, 3),
                    g_rand_boolean(rand) ? 0
                                                        : g_rand_int_range(rand, 2001, 2004),
                                   { 0 },
                                   { 0 },
                                   { g_rand_int_range(rand, 0, N_NODES) },
                                   g_ptr_array_new_with_free_func(g_free),
                                   0 };
    guint            max_hops  = (guint)g_rand_int_range(rand, 1, 8);
    GString         *want      = g_string_new(NULL);
    g_autofree char *from      = g_strdup_printf("n%d", m.node[0]);
    g_autofree char *to        = g_strdup_printf("n%d", m.to);
    AzkbDate         d         = { m.at, 0, 0, AZKB_PRECISION_YEAR, 0 };
    AzkbInterval     at        = azkb_interval_point(&d);
    AzkbPathOptions  options   = { .max_hops  = max_hops,
                                   .via       = vias[m.via],
                                   .at        = m.at != 0 ? &at : NULL,
                                   .max_paths = 100000 };

    model_walk(&m, m.node[0], 0);
    g_ptr_array_sort(m.found, compare_lines);
    for (guint i = 0; m.len <= (int)max_hops && i < m.found->len; i++)
      g_string_append_printf(want,
                             "%s%s",
                             i > 0 ? " | " : "",
                             strchr(g_ptr_array_index(m.found, i), '\t') + 1);
    for (int all = 0; all < 2; all++) {
      g_autoptr(GError) error    = NULL;
      g_autoptr(GPtrArray) paths = NULL;
      g_autofree char *got       = NULL;
      g_autofree char *first = g_strndup(want->str, strcspn(want->str, "|"));

      options.all_shortest = all;
      paths                = azkb_path_find(store,
                             azkb_store_lookup(store, from),
                             azkb_store_lookup(store, to),
                             &options,
                             &error);
      g_assert_no_error(error);
      got = paths_text(store, paths);
      g_strchomp(first);
      if (strcmp(got, all ? want->str : first) != 0)
        g_error("seed %u case %u: %s → %s via %s at %d, max %u hops%s: got "
                "“%s”, want “%s”",
                seed,
                c,
                from,
                to,
                vias[m.via] ? vias[m.via] : "_",
                m.at,
                max_hops,
                all ? ", all" : "",
                got,
                all ? want->str : first);
    }
    g_string_free(want, TRUE);
    g_ptr_array_unref(m.found);
  }
}

/* A connection far longer than the search's first layers, found from both
 * ends; one hop less than its length finds nothing; many shortest
 * connections are capped by max_paths, smallest first. */
static void
test_path_long(void)
{
  g_autoptr(GString) spec    = g_string_new(NULL);
  g_autoptr(GString) want    = g_string_new("c0");
  g_autoptr(AzkbStore) store = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GError) error    = NULL;
  g_autofree char *got       = NULL;
  AzkbPathOptions  options   = { .max_hops = 80 };
  AzkbTermId       from, to;

  /* A chain c0 .. c60 with alternating directions, and a bush of side
   * branches at every link that lead nowhere. */
  for (int i = 0; i < 60; i++) {
    if (i % 2 == 0)
      g_string_append_printf(spec, "c%d p c%d;", i, i + 1);
    else
      g_string_append_printf(spec, "c%d q c%d;", i + 1, i);
    g_string_append_printf(
      want, i % 2 == 0 ? " -p-> c%d(1)" : " <-q- c%d(1)", i + 1);
    for (int k = 0; k < 3; k++)
      g_string_append_printf(spec, "c%d r side%d_%d;", i, i, k);
  }
  store = build(spec->str);
  from  = azkb_store_lookup(store, "c0");
  to    = azkb_store_lookup(store, "c60");
  paths = azkb_path_find(store, from, to, &options, &error);
  g_assert_no_error(error);
  got = paths_text(store, paths);
  g_assert_cmpstr(got, ==, want->str);
  g_clear_pointer(&paths, g_ptr_array_unref);

  options.max_hops = 59;
  paths            = azkb_path_find(store, from, to, &options, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(paths->len, ==, 0);
  g_clear_pointer(&paths, g_ptr_array_unref);

  /* No connection at all, whatever the limit: an island. */
  options.max_hops = 100;
  paths            = azkb_path_find(
    store, from, azkb_store_add_entity(store, "island"), &options, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(paths->len, ==, 0);
}

static void
test_path_many(void)
{
  /* a → m0..m9 → z: ten shortest connections of two hops. */
  g_autoptr(GString) spec    = g_string_new(NULL);
  g_autoptr(AzkbStore) store = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GError) error    = NULL;
  g_autofree char *got       = NULL;
  AzkbPathOptions  options   = { .all_shortest = TRUE, .max_paths = 3 };

  for (int i = 9; i >= 0; i--)
    g_string_append_printf(spec, "a p m%d; m%d p z;", i, i);
  store = build(spec->str);
  paths = azkb_path_find(store,
                         azkb_store_lookup(store, "a"),
                         azkb_store_lookup(store, "z"),
                         &options,
                         &error);
  g_assert_no_error(error);
  got = paths_text(store, paths);
  g_assert_cmpstr(got,
                  ==,
                  "a -p-> m0(1) -p-> z(1) | a -p-> m1(1) -p-> z(1) | "
                  "a -p-> m2(1) -p-> z(1)");
}

int
main(int argc, char *argv[])
{
  g_test_init(&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS(path_cases); i++) {
    g_autofree char *path =
      g_strconcat("/query/path/", path_cases[i].name, NULL);
    g_test_add_data_func(path, &path_cases[i], test_path);
  }
  g_test_add_func("/query/path/bad-via", test_path_bad_via);
  g_test_add_func("/query/path/via-too-large-both-ways",
                  test_path_via_too_large_both_ways);
  g_test_add_func("/query/path/cross-check", test_path_cross_check);
  g_test_add_func("/query/path/long", test_path_long);
  g_test_add_func("/query/path/many", test_path_many);
  return g_test_run();
}
