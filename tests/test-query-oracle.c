/* The evaluator checked against independent code on random graphs: the
 * automaton search against a matrix evaluation of the same expression,
 * class-anchored patterns against a scan of every entity, and counting
 * (azkb_query_count()) against the rows it counts. */
#include "query-test.h"

#include <string.h>

/* ---- cross-check against a matrix evaluation ---- */

/* The test's own model of an expression: the same tree the generator
 * prints as text for azkb, evaluated here as a relation over the nodes
 * (boolean matrices) of a Graph, independently of the automaton and its
 * search. */
typedef struct _Ex Ex;
struct _Ex {
  char  op; ///< 'r' relation, '_' any, '!' negated, '/', '|', '^', 'R'
  int   rel;
  guint set;      ///< '!': bit i set = relation i excluded (forward only)
  guint min, max; ///< 'R'; max G_MAXUINT = unbounded
  Ex   *a, *b;
};

typedef struct {
  gboolean m[N_NODES][N_NODES];
} Mat;

static void
ex_free(Ex *e)
{
  if (e == NULL)
    return;
  ex_free(e->a);
  ex_free(e->b);
  g_free(e);
}

static Ex *
ex_random(GRand *rand, int depth)
{
  Ex *e    = g_new0(Ex, 1);
  int pick = depth <= 0 ? 0 : g_rand_int_range(rand, 0, 9);

  switch (pick) {
    case 0:
    case 1:
      e->op  = 'r';
      e->rel = g_rand_int_range(rand, 0, N_RELS);
      return e;
    case 2:
      e->op  = g_rand_boolean(rand) ? '_' : '!';
      e->set = 1u << g_rand_int_range(rand, 0, N_RELS);
      return e;
    case 3:
    case 4:
      e->op = pick == 3 ? '/' : '|';
      e->a  = ex_random(rand, depth - 1);
      e->b  = ex_random(rand, depth - 1);
      return e;
    case 5:
      e->op = '^';
      e->a  = ex_random(rand, depth - 1);
      return e;
    default: {
      static const guint bounds[][2] = { { 0, G_MAXUINT }, { 1, G_MAXUINT },
                                         { 0, 1 },         { 2, 2 },
                                         { 0, 2 },         { 1, 3 },
                                         { 2, G_MAXUINT } };
      int                b = g_rand_int_range(rand, 0, G_N_ELEMENTS(bounds));
      e->op                = 'R';
      e->min               = bounds[b][0];
      e->max               = bounds[b][1];
      e->a                 = ex_random(rand, depth - 1);
      return e;
    }
  }
}

static void
ex_print(const Ex *e, GString *out)
{
  switch (e->op) {
    case 'r':
      g_string_append_printf(out, "r%d", e->rel);
      return;
    case '_':
      g_string_append_c(out, '_');
      return;
    case '!':
      g_string_append_printf(out, "!r%d", g_bit_nth_lsf(e->set, -1));
      return;
    case '^':
      g_string_append(out, "^(");
      ex_print(e->a, out);
      g_string_append_c(out, ')');
      return;
    case '/':
    case '|':
      g_string_append_c(out, '(');
      ex_print(e->a, out);
      g_string_append_c(out, e->op);
      ex_print(e->b, out);
      g_string_append_c(out, ')');
      return;
    case 'R':
      g_string_append_c(out, '(');
      ex_print(e->a, out);
      if (e->max == G_MAXUINT)
        g_string_append_printf(out, "){%u,}", e->min);
      else
        g_string_append_printf(out, "){%u,%u}", e->min, e->max);
      return;
    default:
      g_assert_not_reached();
  }
}

static Mat
mat_identity(void)
{
  Mat m = { 0 };

  for (int i = 0; i < N_NODES; i++)
    m.m[i][i] = TRUE;
  return m;
}

static Mat
mat_mul(const Mat *x, const Mat *y)
{
  Mat m = { 0 };

  for (int i = 0; i < N_NODES; i++)
    for (int k = 0; k < N_NODES; k++)
      if (x->m[i][k])
        for (int j = 0; j < N_NODES; j++)
          m.m[i][j] |= y->m[k][j];
  return m;
}

static void
mat_or(Mat *into, const Mat *x)
{
  for (int i = 0; i < N_NODES; i++)
    for (int j = 0; j < N_NODES; j++)
      into->m[i][j] |= x->m[i][j];
}

/* Does relation @r hold from i to j at year @at (0: any time)? */
static gboolean
holds(const Graph *g, int r, int i, int j, int at)
{
  return g->edge[r][i][j] &&
         (at == 0 || g->year[r][i][j] == 0 || g->year[r][i][j] == at);
}

static Mat
ex_eval(const Ex *e, const Graph *g, int at)
{
  Mat m = { 0 }, x, y, power, sum;

  switch (e->op) {
    case 'r':
    case '_':
    case '!':
      for (int r = 0; r < N_RELS; r++) {
        if (e->op == 'r' && r != e->rel)
          continue;
        if (e->op == '!' && (e->set & (1u << r)))
          continue;
        for (int i = 0; i < N_NODES; i++)
          for (int j = 0; j < N_NODES; j++)
            m.m[i][j] |= holds(g, r, i, j, at);
      }
      return m;
    case '^':
      x = ex_eval(e->a, g, at);
      for (int i = 0; i < N_NODES; i++)
        for (int j = 0; j < N_NODES; j++)
          m.m[i][j] = x.m[j][i];
      return m;
    case '/':
      x = ex_eval(e->a, g, at);
      y = ex_eval(e->b, g, at);
      return mat_mul(&x, &y);
    case '|':
      x = ex_eval(e->a, g, at);
      y = ex_eval(e->b, g, at);
      mat_or(&x, &y);
      return x;
    case 'R':
      /* Sum of powers min..max; for unbounded, up to N_NODES more (a
       * reachability relation over N nodes is reached by then). */
      x     = ex_eval(e->a, g, at);
      power = mat_identity();
      sum   = (Mat){ 0 };
      for (guint k = 0; k <= (e->max == G_MAXUINT ? e->min + N_NODES : e->max);
           k++) {
        if (k >= e->min)
          mat_or(&sum, &power);
        power = mat_mul(&power, &x);
      }
      return sum;
    default:
      g_assert_not_reached();
  }
}

/* `? -EXPR-> ?y` counts each end once, however many starts reach it: the
 * anonymous start is the node the evaluation starts from, and its column
 * must not keep rows apart. */
static void
check_count_hidden_start(AzkbStore *store, Ex *e, const Mat *want, int at)
{
  g_autoptr(GString) text = g_string_new("? -");
  g_autoptr(GError) error = NULL;
  g_autoptr(AzkbQuery) q  = NULL;
  guint ends              = 0;

  ex_print(e, text);
  if (at != 0)
    g_string_append_printf(text, "@%d", at);
  g_string_append(text, "-> ?y");
  q = azkb_query_parse(text->str, store, &error);
  g_assert_no_error(error);
  for (int j = 0; j < N_NODES; j++)
    for (int i = 0; i < N_NODES; i++)
      if (want->m[i][j]) {
        ends++;
        break;
      }
  g_assert_cmpuint(azkb_query_count(q), ==, ends);
}

static void
test_cross_check(void)
{
  guint32 seed          = g_test_rand_int();
  g_autoptr(GRand) rand = g_rand_new_with_seed(seed);
  guint cases           = g_test_thorough() ? 5000 : 600;

  for (guint c = 0; c < cases; c++) {
    Graph g;
    g_autoptr(AzkbStore) store = graph_store(rand, &g);
    Ex *e                      = ex_random(rand, 3);
    int at = g_rand_boolean(rand) ? 0 : g_rand_int_range(rand, 2001, 2004);
    g_autoptr(GString) text   = g_string_new("?x -");
    g_autoptr(GError) error   = NULL;
    g_autoptr(AzkbQuery) q    = NULL;
    g_autoptr(AzkbResult) res = NULL;
    Mat want, got = { 0 };

    ex_print(e, text);
    if (at != 0)
      g_string_append_printf(text, "@%d", at);
    g_string_append(text, "-> ?y");
    q = azkb_query_parse(text->str, store, &error);
    if (q == NULL)
      g_error("seed %u case %u: “%s”: %s", seed, c, text->str, error->message);
    res  = azkb_query_execute(q, 0);
    want = ex_eval(e, &g, at);
    for (guint r = 0; r < azkb_result_n_rows(res); r++) {
      const AzkbTermId *row = azkb_result_row(res, r);
      int               i   = atoi(azkb_store_term_name(store, row[0]) + 1);
      int               j   = atoi(azkb_store_term_name(store, row[1]) + 1);
      g_assert_false(got.m[i][j]); /* set semantics: no repeats */
      got.m[i][j] = TRUE;
    }
    if (memcmp(&got, &want, sizeof got) != 0)
      g_error("seed %u case %u: “%s” differs from the matrix model",
              seed,
              c,
              text->str);
    /* --count counts the same rows without making them. */
    g_assert_cmpuint(azkb_query_count(q), ==, azkb_result_n_rows(res));
    check_count_hidden_start(store, e, &want, at);
    ex_free(e);
  }
}

/* ---- class-anchored patterns ---- */

/* A random store with a class hierarchy (subclass cycles and classes with
 * two parents included), entities of zero to three classes, classes that
 * are entities too, and terms given a class without being entities. */
static AzkbStore *
class_store(GRand *rand)
{
  AzkbStore *store = azkb_store_new();
  AzkbTermId p     = azkb_store_intern(store, "p");
  AzkbTermId cls[8];
  AzkbTermId node[40];

  for (guint c = 0; c < G_N_ELEMENTS(cls); c++) {
    g_autofree char *name = g_strdup_printf("K%u", c);

    cls[c] = c % 4 == 1 ? azkb_store_add_entity(store, name)
                        : azkb_store_intern(store, name);
    azkb_store_mark(store, cls[c], AZKB_TERM_CLASS);
  }
  /* A class that is an entity may have a class itself. */
  azkb_store_add_class(
    store, cls[1], cls[g_rand_int_range(rand, 0, G_N_ELEMENTS(cls))]);
  for (guint k = g_rand_int_range(rand, 0, 12); k > 0; k--)
    azkb_store_add_subclass(store,
                            cls[g_rand_int_range(rand, 0, G_N_ELEMENTS(cls))],
                            cls[g_rand_int_range(rand, 0, G_N_ELEMENTS(cls))]);
  for (guint i = 0; i < G_N_ELEMENTS(node); i++) {
    g_autofree char *name = g_strdup_printf("n%u", i);

    node[i] = i % 9 == 4 ? azkb_store_intern(store, name)
                         : azkb_store_add_entity(store, name);
    for (guint k = g_rand_int_range(rand, 0, 4); k > 0; k--)
      azkb_store_add_class(
        store, node[i], cls[g_rand_int_range(rand, 0, G_N_ELEMENTS(cls))]);
  }
  for (guint k = 0; k < 60; k++) {
    AzkbTermId a = node[g_rand_int_range(rand, 0, G_N_ELEMENTS(node))];
    AzkbTermId b = node[g_rand_int_range(rand, 0, G_N_ELEMENTS(node))];

    if ((azkb_store_term_kind(store, a) & AZKB_TERM_ENTITY) &&
        (azkb_store_term_kind(store, b) & AZKB_TERM_ENTITY))
      azkb_store_add_statement(store, a, p, b, NULL);
  }
  return store;
}

/* The rows of @pattern as sorted "x y" lines. */
static GPtrArray *
class_rows(AzkbStore *store, const char *pattern)
{
  g_autoptr(GError) error   = NULL;
  g_autoptr(AzkbQuery) q    = azkb_query_parse(pattern, store, &error);
  g_autoptr(AzkbResult) res = NULL;
  GPtrArray *rows           = g_ptr_array_new_with_free_func(g_free);

  g_assert_no_error(error);
  res = azkb_query_execute(q, 0);
  for (guint r = 0; r < azkb_result_n_rows(res); r++) {
    const AzkbTermId *row  = azkb_result_row(res, r);
    GString          *line = g_string_new(NULL);

    for (guint c = 0; c < azkb_result_n_columns(res); c++)
      g_string_append_printf(
        line, "%s%s", c ? " " : "", azkb_store_term_name(store, row[c]));
    g_ptr_array_add(rows, g_string_free(line, FALSE));
  }
  g_ptr_array_sort(rows, compare_lines);
  return rows;
}

static void
assert_same_rows(const GPtrArray *got,
                 const GPtrArray *want,
                 guint32          seed,
                 const char      *pattern)
{
  for (guint i = 0; i < MAX(got->len, want->len); i++) {
    const char *g = i < got->len ? g_ptr_array_index(got, i) : "(none)";
    const char *w = i < want->len ? g_ptr_array_index(want, i) : "(none)";

    if (strcmp(g, w) != 0)
      g_error("seed %u, “%s”: row %u is “%s”, want “%s” (%u rows, want %u)",
              seed,
              pattern,
              i,
              g,
              w,
              got->len,
              want->len);
  }
}

/* A pattern anchored on a class gives the rows of a scan of every entity
 * with azkb_store_has_class(): alone, followed by a step and preceded by
 * one (the class node is the anchor either way). */
static void
test_eval_class_anchor(void)
{
  guint32 seed          = g_test_rand_int();
  g_autoptr(GRand) rand = g_rand_new_with_seed(seed);
  guint rows_seen       = 0;

  for (guint round = 0; round < 40; round++) {
    g_autoptr(AzkbStore) store = class_store(rand);
    g_autoptr(GArray) entities = azkb_store_entities(store);
    AzkbTermId p               = azkb_store_lookup(store, "p");

    for (guint c = 0; c < 8; c++) {
      g_autofree char *alone          = g_strdup_printf("?x:K%u", c);
      g_autofree char *out            = g_strdup_printf("?x:K%u -p-> ?y", c);
      g_autofree char *in             = g_strdup_printf("?y -p-> ?x:K%u", c);
      g_autoptr(GPtrArray) want_alone = g_ptr_array_new_with_free_func(g_free);
      g_autoptr(GPtrArray) want_out   = g_ptr_array_new_with_free_func(g_free);
      g_autoptr(GPtrArray) want_in    = g_ptr_array_new_with_free_func(g_free);
      g_autofree char *name           = g_strdup_printf("K%u", c);
      AzkbTermId       cls            = azkb_store_lookup(store, name);

      for (guint i = 0; i < entities->len; i++) {
        AzkbTermId      e = g_array_index(entities, AzkbTermId, i);
        const char     *x = azkb_store_term_name(store, e);
        const AzkbEdge *edges;
        gsize           n;

        if (!azkb_store_has_class(store, e, cls))
          continue;
        g_ptr_array_add(want_alone, g_strdup(x));
        edges = azkb_store_out_edges(store, e, p, &n);
        for (gsize k = 0; k < n; k++)
          g_ptr_array_add(
            want_out,
            g_strdup_printf(
              "%s %s", x, azkb_store_term_name(store, edges[k].other)));
        edges = azkb_store_in_edges(store, e, p, &n);
        for (gsize k = 0; k < n; k++)
          g_ptr_array_add(
            want_in,
            g_strdup_printf(
              "%s %s", azkb_store_term_name(store, edges[k].other), x));
      }
      g_ptr_array_sort(want_alone, compare_lines);
      g_ptr_array_sort(want_out, compare_lines);
      g_ptr_array_sort(want_in, compare_lines);
      rows_seen += want_alone->len;
      {
        g_autoptr(GPtrArray) got_alone = class_rows(store, alone);
        g_autoptr(GPtrArray) got_out   = class_rows(store, out);
        g_autoptr(GPtrArray) got_in    = class_rows(store, in);

        assert_same_rows(got_alone, want_alone, seed, alone);
        assert_same_rows(got_out, want_out, seed, out);
        assert_same_rows(got_in, want_in, seed, in);
      }
    }
  }
  /* The random stores are not all empty. */
  g_assert_cmpuint(rows_seen, >, 0);
}

/* A random node of a chain: a variable (maybe seen before), an anonymous
 * node, either with a class, or a named entity. */
static void
random_chain_node(GRand *rand, GString *text)
{
  static const char *const vars[] = { "?a", "?b", "?c", "?d" };
  guint                    kind   = g_rand_int_range(rand, 0, 6);
  guint                    n      = g_rand_int_range(rand, 0, 40);

  if (kind == 5) {
    /* class_store() interns every ninth node without making it an entity */
    g_string_append_printf(text, "n%u", n % 9 == 4 ? n + 1 : n);
    return;
  }
  g_string_append(text, kind == 4 ? "?" : vars[g_rand_int_range(rand, 0, 4)]);
  if (g_rand_boolean(rand))
    g_string_append_printf(text, ":K%u", g_rand_int_range(rand, 0, 8));
}

/* The other ends of @node's edges of @rel, read forwards (@inverse FALSE:
 * out-edges) or backwards, as names appended to @out, each once. */
static void
edge_ends(AzkbStore *store,
          AzkbTermId node,
          AzkbTermId rel,
          gboolean   inverse,
          GPtrArray *out)
{
  gsize           n;
  const AzkbEdge *e = inverse ? azkb_store_in_edges(store, node, rel, &n)
                              : azkb_store_out_edges(store, node, rel, &n);

  for (gsize k = 0; k < n; k++)
    if (k == 0 || e[k].other != e[k - 1].other)
      g_ptr_array_add(out, (gpointer)azkb_store_term_name(store, e[k].other));
}

/* A chain whose rows start at a free node left by one hop of one relation
 * starts from the nodes with such an edge (azkb_store_relation_nodes())
 * instead of every entity.  The rows must be those of a scan of every
 * entity: the start is still an entity (of its class), the other ends
 * whatever the edges reach, terms that are no entity included.  Checked
 * with the hop on either side of a class node, in both directions. */
static void
test_eval_first_hop_start(void)
{
  static const char *const hops[] = { "p", "^p" };
  guint32                  seed   = g_test_rand_int();
  g_autoptr(GRand) rand           = g_rand_new_with_seed(seed);
  guint rows_seen                 = 0;

  for (guint round = 0; round < 30; round++) {
    g_autoptr(AzkbStore) store = class_store(rand);
    AzkbTermId p               = azkb_store_lookup(store, "p");
    g_autoptr(GArray) entities = NULL;

    /* Edges from and to terms that are no entity (n4, n13, ...). */
    for (guint k = 0; k < 10; k++) {
      g_autofree char *a =
        g_strdup_printf("n%u", 9 * g_rand_int_range(rand, 0, 4) + 4);
      g_autofree char *b =
        g_strdup_printf("n%u", g_rand_int_range(rand, 0, 40));
      AzkbTermId x = azkb_store_lookup(store, a);
      AzkbTermId y = azkb_store_lookup(store, b);

      if (g_rand_boolean(rand))
        azkb_store_add_statement(store, x, p, y, NULL);
      else
        azkb_store_add_statement(store, y, p, x, NULL);
    }
    entities = azkb_store_entities(store);
    /* left: -1 none, else hops[left] before the node; right likewise */
    for (int left = -1; left < 2; left++)
      for (int right = -1; right < 2; right++) {
        guint            c         = (guint)g_rand_int_range(rand, 0, 8);
        g_autofree char *name      = g_strdup_printf("K%u", c);
        AzkbTermId       cls       = azkb_store_lookup(store, name);
        gboolean         free      = left < 0 && g_rand_boolean(rand);
        g_autoptr(GString) pattern = g_string_new(NULL);
        g_autoptr(GPtrArray) want  = g_ptr_array_new_with_free_func(g_free);
        g_autoptr(GPtrArray) got   = NULL;

        if (right < 0 && (left < 0 || free))
          continue;
        /* A class node is the anchor wherever it is; a free one only
         * first. */
        if (left >= 0)
          g_string_append_printf(pattern, "?y -%s-> ", hops[left]);
        g_string_append(pattern, "?x");
        if (!free)
          g_string_append_printf(pattern, ":%s", name);
        if (right >= 0)
          g_string_append_printf(pattern, " -%s-> ?z", hops[right]);
        for (guint i = 0; i < entities->len; i++) {
          AzkbTermId e            = g_array_index(entities, AzkbTermId, i);
          g_autoptr(GPtrArray) ys = g_ptr_array_new();
          g_autoptr(GPtrArray) zs = g_ptr_array_new();

          if (!free && !azkb_store_has_class(store, e, cls))
            continue;
          /* ?y -p-> ?x reads ?x's in-edges, ?y -^p-> ?x its out-edges */
          if (left >= 0)
            edge_ends(store, e, p, left == 0, ys);
          else
            g_ptr_array_add(ys, NULL);
          if (right >= 0)
            edge_ends(store, e, p, right == 1, zs);
          else
            g_ptr_array_add(zs, NULL);
          for (guint a = 0; a < ys->len; a++)
            for (guint b = 0; b < zs->len; b++) {
              GString *line = g_string_new(NULL);

              if (ys->pdata[a] != NULL)
                g_string_append_printf(line, "%s ", (char *)ys->pdata[a]);
              g_string_append(line, azkb_store_term_name(store, e));
              if (zs->pdata[b] != NULL)
                g_string_append_printf(line, " %s", (char *)zs->pdata[b]);
              g_ptr_array_add(want, g_string_free(line, FALSE));
            }
        }
        g_ptr_array_sort(want, compare_lines);
        got = class_rows(store, pattern->str);
        assert_same_rows(got, want, seed, pattern->str);
        rows_seen += want->len;
      }
  }
  g_assert_cmpuint(rows_seen, >, 0);
}

/* --count gives the number of rows azkb_query_execute() makes, for chains
 * of up to four steps: those it counts by walks without rows (variables of
 * their own, named ends) and those it counts from the rows (a variable
 * twice, anonymous nodes, a name in the middle). */
static void
test_eval_count_chains(void)
{
  static const char *const steps[] = {
    "p", "^p", "p*", "p+", "p?", "p|^p", "p/p", "p{1,2}", "^p*", "(p/^p)+"
  };
  guint32 seed          = g_test_rand_int();
  g_autoptr(GRand) rand = g_rand_new_with_seed(seed);
  guint rows_seen       = 0;

  for (guint round = 0; round < 30; round++) {
    g_autoptr(AzkbStore) store = class_store(rand);
    AzkbTermId p               = azkb_store_lookup(store, "p");

    /* Edges to and from terms that are no entity (n4, n13, ... and the
     * classes), as an ontology's IRIs are in imported data: a count that
     * started elsewhere than the rows did would count them differently. */
    for (guint k = 0; k < 10; k++) {
      g_autofree char *a =
        g_strdup_printf("n%u", 9 * g_rand_int_range(rand, 0, 4) + 4);
      g_autofree char *b =
        g_strdup_printf("n%u", g_rand_int_range(rand, 0, 40));
      g_autofree char *k2 =
        g_strdup_printf("K%u", g_rand_int_range(rand, 0, 8));
      AzkbTermId x = azkb_store_lookup(store, a);
      AzkbTermId y = azkb_store_lookup(store, g_rand_boolean(rand) ? b : k2);

      if (g_rand_boolean(rand))
        azkb_store_add_statement(store, x, p, y, NULL);
      else
        azkb_store_add_statement(store, y, p, x, NULL);
    }
    for (guint c = 0; c < 20; c++) {
      g_autoptr(GString) text   = g_string_new(NULL);
      g_autoptr(GError) error   = NULL;
      g_autoptr(AzkbQuery) q    = NULL;
      g_autoptr(AzkbResult) res = NULL;
      guint n_steps             = g_rand_int_range(rand, 1, 5);

      random_chain_node(rand, text);
      for (guint k = 0; k < n_steps; k++) {
        g_string_append_printf(
          text,
          " -%s-> ",
          steps[g_rand_int_range(rand, 0, G_N_ELEMENTS(steps))]);
        random_chain_node(rand, text);
      }
      q = azkb_query_parse(text->str, store, &error);
      if (q == NULL)
        g_error("seed %u: “%s”: %s", seed, text->str, error->message);
      res = azkb_query_execute(q, 0);
      rows_seen += azkb_result_n_rows(res);
      if (azkb_query_count(q) != azkb_result_n_rows(res))
        g_error("seed %u: “%s”: --count %u, rows %u",
                seed,
                text->str,
                azkb_query_count(q),
                azkb_result_n_rows(res));
    }
  }
  g_assert_cmpuint(rows_seen, >, 0);
}

int
main(int argc, char *argv[])
{
  g_test_init(&argc, &argv, NULL);

  g_test_add_func("/query/eval/cross-check", test_cross_check);
  g_test_add_func("/query/eval/class-anchor", test_eval_class_anchor);
  g_test_add_func("/query/eval/count-chains", test_eval_count_chains);
  g_test_add_func("/query/eval/first-hop-start", test_eval_first_hop_start);
  return g_test_run();
}
