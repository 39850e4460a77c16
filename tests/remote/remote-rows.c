/* Remote rows = local rows (TAP), run by remote-query with a Virtuoso that
 * holds the bundled knowledge base.
 *
 * Every pattern (the documented examples, then seeded random ones over the
 * knowledge base's own entities and relations, shaped like
 * tests/query/query-diff's) is answered twice: by azkb_query_execute() and
 * by azkb_remote_query() on the server.  The rows must be the same set, or
 * the server must be refused with AZKB_REMOTE_ERROR_UNSUPPORTED (counted
 * by reason at the end); anything else fails.
 *
 * Environment: AZKB_TEST_ENDPOINT (SPARQL endpoint), AZKB_TEST_GRAPH (the
 * graph the knowledge base was pushed to), AZKB_TEST_SEED, AZKB_TEST_CASES.
 * Without an endpoint the program skips. */
#include <azkb/azkb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const examples[] = {
  "Azerbaijan -electedTo@2019-> ?body:Committee",
  "Azerbaijan -participatedIn-> ?op -mandatedBy-> ?mandate",
  "ArmeniaAzerbaijanConflict <-concerns- ?res:Resolution -adoptedBy@1993-> "
  "?body",
  "\"Heydar Aliyev\" -holdsOffice/officeOf-> ?country",
  "?x -partOf{2}-> UN",
  "?x -partOf+-> UN",
  "Azerbaijan -_-> ?x",
  "Azerbaijan -memberOf@1991-> UN",
  "Azerbaijan -memberOf@1992-> UN",
  "Azerbaijan -presided@2012-> ?body <-heldBy@2012- ?meeting",
  "?meeting:Meeting -heldBy-> SecurityCouncil",
  "?body <-(electedTo|memberOf)@2019- Azerbaijan",
  "\"Heydar Aliyev\" -(_|^_){1,3}-> UNSC",
};

static const char *const anchors[] = {
  "Azerbaijan",      "UN",      "SecurityCouncil",           "UNESCO",
  "GeneralAssembly", "Armenia", "ArmeniaAzerbaijanConflict",
};

typedef struct {
  GRand  *rand;
  GArray *rels; ///< names (const char *)
} Gen;

static const char *
pick_rel(Gen *g)
{
  return g_array_index(
    g->rels, const char *, g_rand_int_range(g->rand, 0, (gint)g->rels->len));
}

static void
expression(Gen *g, GString *out, int depth)
{
  int                      pick   = depth > 0 ? g_rand_int_range(g->rand, 0, 9)
                                              : g_rand_int_range(g->rand, 0, 3);
  static const char *const mods[] = { "?", "{2}",  "{0,2}", "{1,2}", "*",
                                      "+", "{2,}", "*",     "+" };

  if (pick <= 1) {
    g_string_append(out, pick_rel(g));
  } else if (pick == 2) {
    switch (g_rand_int_range(g->rand, 0, 4)) {
      case 0:
        g_string_append(out, "_");
        break;
      case 1:
        g_string_append_printf(out, "!%s", pick_rel(g));
        break;
      case 2:
        g_string_append_printf(out, "!^%s", pick_rel(g));
        break;
      default:
        g_string_append_printf(out, "!(%s|^%s)", pick_rel(g), pick_rel(g));
    }
  } else if (pick == 3) {
    expression(g, out, depth - 1);
    g_string_append_c(out, '/');
    expression(g, out, depth - 1);
  } else if (pick == 4) {
    g_string_append_c(out, '(');
    expression(g, out, depth - 1);
    g_string_append_c(out, '|');
    expression(g, out, depth - 1);
    g_string_append_c(out, ')');
  } else if (pick == 5) {
    g_string_append(out, "^(");
    expression(g, out, depth - 1);
    g_string_append_c(out, ')');
  } else {
    g_string_append_c(out, '(');
    expression(g, out, depth - 1);
    g_string_append_printf(
      out, ")%s", mods[g_rand_int_range(g->rand, 0, G_N_ELEMENTS(mods))]);
  }
}

static void
node(Gen *g, GString *out, int *n_vars)
{
  double roll = g_rand_double(g->rand);

  if (roll < 0.35)
    g_string_append(
      out, anchors[g_rand_int_range(g->rand, 0, G_N_ELEMENTS(anchors))]);
  else if (roll < 0.45)
    g_string_append(out, "?");
  else if (*n_vars > 0 && roll < 0.5)
    g_string_append_printf(out, "?v%d", g_rand_int_range(g->rand, 0, *n_vars));
  else
    g_string_append_printf(out, "?v%d", (*n_vars)++);
}

static char *
random_pattern(Gen *g)
{
  GString *out    = g_string_new(NULL);
  int      n_vars = 0;
  int      steps  = g_rand_double(g->rand) < 0.7 ? 1 : 2;

  node(g, out, &n_vars);
  for (int i = 0; i < steps; i++) {
    gboolean fwd = g_rand_boolean(g->rand);

    g_string_append(out, fwd ? " -" : " <-");
    expression(g, out, g_rand_int_range(g->rand, 0, 3));
    g_string_append(out, fwd ? "-> " : "- ");
    node(g, out, &n_vars);
  }
  return g_string_free(out, FALSE);
}

static int
by_text(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The rows as sorted lines of term names: sets to compare. */
static char *
rows_text(const AzkbStore *store, const AzkbResult *res)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func(g_free);
  GString *all               = g_string_new(NULL);

  for (guint r = 0; r < azkb_result_n_rows(res); r++) {
    GString          *line = g_string_new(NULL);
    const AzkbTermId *row  = azkb_result_row(res, r);

    for (guint c = 0; c < azkb_result_n_columns(res); c++)
      g_string_append_printf(
        line, "%s%s", c ? "\t" : "", azkb_store_term_name(store, row[c]));
    g_ptr_array_add(lines, g_string_free(line, FALSE));
  }
  g_ptr_array_sort(lines, by_text);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf(all, "%s\n", (char *)lines->pdata[i]);
  return g_string_free(all, FALSE);
}

typedef struct {
  guint       n, same, refused, failed;
  GHashTable *reasons; ///< reason → count
} Tally;

static void
one_case(AzkbStore  *store,
         AzkbRemote *remote,
         const char *graph,
         const char *pattern,
         Tally      *t)
{
  g_autoptr(GError) error     = NULL;
  g_autoptr(AzkbQuery) q      = azkb_query_parse(pattern, store, &error);
  g_autoptr(AzkbResult) local = NULL;
  g_autoptr(AzkbResult) there = NULL;
  g_autofree char *a = NULL, *b = NULL;

  t->n++;
  if (q == NULL) {
    /* A random pattern the parser refuses (e.g. too large): not a case. */
    printf(
      "ok %u - %s # SKIP local parse: %s\n", t->n, pattern, error->message);
    return;
  }
  local = azkb_query_execute(q, 0);
  there = azkb_remote_query(remote, q, NULL, graph, &error);
  if (there == NULL &&
      (g_error_matches(
         error, AZKB_REMOTE_ERROR, AZKB_REMOTE_ERROR_UNSUPPORTED) ||
       g_error_matches(
         error, AZKB_QUERY_ERROR, AZKB_QUERY_ERROR_UNSUPPORTED))) {
    const char *colon = strstr(error->message, ": ");
    const char *from  = colon != NULL ? colon + 2 : error->message;
    char       *why   = g_utf8_substring(from, 0, 60);
    guint       n     = GPOINTER_TO_UINT(g_hash_table_lookup(t->reasons, why));

    g_hash_table_replace(t->reasons, why, GUINT_TO_POINTER(n + 1));
    t->refused++;
    printf("ok %u - %s # refused: %s\n", t->n, pattern, error->message);
    return;
  }
  if (there == NULL) {
    t->failed++;
    printf("not ok %u - %s\n#   %s\n", t->n, pattern, error->message);
    return;
  }
  a = rows_text(store, local);
  b = rows_text(store, there);
  if (strcmp(a, b) == 0) {
    t->same++;
    printf("ok %u - %s (%u rows)\n", t->n, pattern, azkb_result_n_rows(local));
  } else {
    t->failed++;
    printf(
      "not ok %u - %s\n#   local:\n%s#   remote:\n%s", t->n, pattern, a, b);
  }
  fflush(stdout);
}

static GArray *
relation_names(AzkbStore *store)
{
  g_autoptr(GArray) all = azkb_store_relations(store);
  GArray *names         = g_array_new(FALSE, FALSE, sizeof(const char *));

  for (guint i = 0; i < all->len; i++) {
    AzkbTermId  r    = g_array_index(all, AzkbTermId, i);
    const char *name = azkb_store_term_name(store, r);

    if ((azkb_store_term_kind(store, r) & AZKB_TERM_RELATION) &&
        strchr(name, ':') == NULL)
      g_array_append_val(names, name);
  }
  return names;
}

int
main(void)
{
  const char *endpoint         = g_getenv("AZKB_TEST_ENDPOINT");
  const char *graph            = g_getenv("AZKB_TEST_GRAPH");
  const char *seed_s           = g_getenv("AZKB_TEST_SEED");
  const char *cases_s          = g_getenv("AZKB_TEST_CASES");
  guint32     seed             = seed_s ? (guint32)atol(seed_s) : 20261202u;
  guint       cases            = cases_s ? (guint)atoi(cases_s) : 200;
  g_autoptr(AzkbStore) store   = azkb_store_new();
  g_autoptr(AzkbRemote) remote = NULL;
  g_autoptr(GError) error      = NULL;
  AzkbRemoteOptions o          = { 0 };
  Tally             t          = { 0 };
  Gen               g;
  GHashTableIter    it;
  gpointer          k, v;

  if (endpoint == NULL) {
    puts("1..0 # SKIP no AZKB_TEST_ENDPOINT (run by remote-query)");
    return 0;
  }
  if (!azkb_rdf_import_bundled(store, &error)) {
    printf("Bail out! %s\n", error->message);
    return 1;
  }
  o.endpoint = endpoint;
  o.timeout  = 120;
  remote     = azkb_remote_new(&o, &error);
  g_assert_no_error(error);
  t.reasons = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  printf("# seed %u (AZKB_TEST_SEED), %u random cases\n", seed, cases);
  for (guint i = 0; i < G_N_ELEMENTS(examples); i++)
    one_case(store, remote, graph, examples[i], &t);
  g.rand = g_rand_new_with_seed(seed);
  g.rels = relation_names(store);
  for (guint i = 0; i < cases; i++) {
    g_autofree char *p = random_pattern(&g);
    one_case(store, remote, graph, p, &t);
  }
  printf("# %u cases: %u same rows, %u refused, %u failed\n",
         t.n,
         t.same,
         t.refused,
         t.failed);
  g_hash_table_iter_init(&it, t.reasons);
  while (g_hash_table_iter_next(&it, &k, &v))
    printf("#   refused %u: %s\n", GPOINTER_TO_UINT(v), (char *)k);
  printf("1..%u\n", t.n);
  g_hash_table_unref(t.reasons);
  g_array_unref(g.rels);
  g_rand_free(g.rand);
  return t.failed ? 1 : 0;
}
