/* Tests of the synthetic graph generator: determinism, size, shape. */
#include <azkb/azkb.h>
#include <string.h>

static AzkbStore *
generate(guint n, guint32 seed)
{
  g_autoptr(AzkbStore) store  = azkb_store_new();
  g_autoptr(GError) error     = NULL;
  AzkbGenerateOptions options = { .n_entities = n, .seed = seed };

  g_assert_true(azkb_generate(store, &options, &error));
  g_assert_no_error(error);
  return g_steal_pointer(&store);
}

/* Every statement of @store as text, in id order: a canonical dump that two
 * stores built the same way must share. */
static GString *
dump(AzkbStore *store)
{
  GString *out = g_string_new(NULL);

  for (AzkbStmtId id = 1; id <= azkb_store_n_statements(store); id++) {
    AzkbStatement    st;
    g_autofree char *time     = NULL;
    g_autoptr(GArray) sources = NULL;

    g_assert_true(azkb_store_get_statement(store, id, &st));
    time    = azkb_interval_to_string(&st.time, AZKB_TIME_STYLE_ISO);
    sources = azkb_store_statement_sources(store, id);
    g_string_append_printf(out,
                           "%s %s %s %s",
                           azkb_store_term_name(store, st.subject),
                           azkb_store_term_name(store, st.relation),
                           azkb_store_term_name(store, st.object),
                           time);
    for (guint k = 0; k < sources->len; k++)
      g_string_append_printf(
        out,
        " %s",
        azkb_store_term_name(store, g_array_index(sources, AzkbTermId, k)));
    g_string_append_c(out, '\n');
  }
  return out;
}

static void
test_deterministic(void)
{
  g_autoptr(AzkbStore) a = generate(2000, 7);
  g_autoptr(AzkbStore) b = generate(2000, 7);
  g_autoptr(AzkbStore) c = generate(2000, 8);
  g_autoptr(GString) da  = dump(a);
  g_autoptr(GString) db  = dump(b);
  g_autoptr(GString) dc  = dump(c);

  g_assert_cmpuint(da->len, >, 0);
  g_assert_cmpstr(da->str, ==, db->str);
  g_assert_cmpstr(da->str, !=, dc->str);
}

static void
test_size(void)
{
  g_autoptr(AzkbStore) store  = generate(5000, 1);
  g_autoptr(GArray) entities  = azkb_store_entities(store);
  g_autoptr(GArray) relations = azkb_store_relations(store);
  guint n_stmts               = azkb_store_n_statements(store);

  /* Entities are the generated ones; ~5 statements each (a few random
   * draws are skipped: self-loops, duplicates). */
  g_assert_cmpuint(entities->len, ==, 5000);
  g_assert_cmpuint(n_stmts, >, 5000 * 4.8);
  g_assert_cmpuint(n_stmts, <=, 5000 * 5);
  g_assert_cmpuint(relations->len, ==, 8);
}

/* Every entity has a class, an English label, and classes form a
 * hierarchy under Agent/Place/Document/Event. */
static void
test_entities(void)
{
  g_autoptr(AzkbStore) store = generate(3000, 3);
  g_autoptr(GArray) entities = azkb_store_entities(store);
  AzkbTermId agent           = azkb_store_lookup(store, "Agent");
  AzkbTermId place           = azkb_store_lookup(store, "Place");
  AzkbTermId committee       = azkb_store_lookup(store, "Committee");
  AzkbTermId country         = azkb_store_lookup(store, "Country");
  guint      n_alt           = 0;

  g_assert_cmpuint(agent, !=, 0);
  g_assert_true(azkb_store_is_subclass(store, committee, agent));
  g_assert_true(azkb_store_is_subclass(store, country, agent));
  g_assert_true(azkb_store_is_subclass(store, country, place));
  g_assert_false(azkb_store_is_subclass(store, committee, place));
  for (guint i = 0; i < entities->len; i++) {
    AzkbTermId       e = g_array_index(entities, AzkbTermId, i);
    gsize            n_classes, n_labels;
    const AzkbLabel *labels = azkb_store_entity_labels(store, e, &n_labels);
    gboolean         has_en = FALSE;

    azkb_store_entity_classes(store, e, &n_classes);
    g_assert_cmpuint(n_classes, ==, 1);
    for (gsize k = 0; k < n_labels; k++) {
      if (labels[k].kind == AZKB_LABEL_PREFERRED)
        has_en |= g_strcmp0(labels[k].lang, "en") == 0;
      else
        n_alt++;
    }
    g_assert_true(has_en);
  }
  g_assert_cmpuint(n_alt, >, 0);
}

/* Every statement is dated; some ends are open, some closed, some unknown;
 * events are points; every statement has a source. */
static void
test_times(void)
{
  g_autoptr(AzkbStore) store = generate(3000, 5);
  guint n_open = 0, n_closed = 0, n_unknown = 0, n_point = 0;

  for (AzkbStmtId id = 1; id <= azkb_store_n_statements(store); id++) {
    AzkbStatement st;
    g_autoptr(GArray) sources = azkb_store_statement_sources(store, id);

    g_assert_true(azkb_store_get_statement(store, id, &st));
    g_assert_false(azkb_interval_is_undated(&st.time));
    g_assert_true(azkb_interval_is_valid(&st.time));
    g_assert_cmpuint(sources->len, >=, 1);
    if (st.time.is_point)
      n_point++;
    else if (st.time.end_bound == AZKB_BOUND_OPEN)
      n_open++;
    else if (st.time.end_bound == AZKB_BOUND_DATE)
      n_closed++;
    else
      n_unknown++;
  }
  g_assert_cmpuint(n_open, >, 0);
  g_assert_cmpuint(n_closed, >, 0);
  g_assert_cmpuint(n_unknown, >, 0);
  g_assert_cmpuint(n_point, >, 0);
}

/* partOf is a deep tree (depth grows with the logarithm of the size) and
 * the other relations have hubs: the largest in-degree is far above the
 * mean. */
static void
test_shape(void)
{
  g_autoptr(AzkbStore) store = generate(20000, 11);
  g_autoptr(GArray) entities = azkb_store_entities(store);
  AzkbTermId part_of         = azkb_store_lookup(store, "partOf");
  AzkbTermId member_of       = azkb_store_lookup(store, "memberOf");
  guint      max_depth = 0, max_in = 0, n_in = 0, n_targets = 0;

  for (guint i = 0; i < entities->len; i++) {
    AzkbTermId node  = g_array_index(entities, AzkbTermId, i);
    guint      depth = 0;
    gsize      n;

    for (;;) {
      const AzkbEdge *up = azkb_store_out_edges(store, node, part_of, &n);

      if (n == 0)
        break;
      g_assert_cmpuint(n, ==, 1);
      g_assert_cmpuint(up[0].other, <, node); /* a tree: no cycle */
      node = up[0].other;
      depth++;
    }
    max_depth = MAX(max_depth, depth);

    azkb_store_in_edges(
      store, g_array_index(entities, AzkbTermId, i), member_of, &n);
    if (n > 0) {
      n_targets++;
      n_in += n;
      max_in = MAX(max_in, n);
    }
  }
  g_assert_cmpuint(max_depth, >=, 12);
  g_assert_cmpuint(n_targets, >, 0);
  g_assert_cmpuint(max_in, >, 20 * n_in / n_targets);
}

static void
test_invalid(void)
{
  g_autoptr(AzkbStore) store  = azkb_store_new();
  g_autoptr(GError) error     = NULL;
  AzkbGenerateOptions options = { .n_entities = 0 };

  g_assert_false(azkb_generate(store, &options, &error));
  g_assert_error(error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_INVALID);
  g_assert_nonnull(strstr(error->message, "0 entities"));
  g_assert_cmpuint(azkb_store_n_statements(store), ==, 0);
}

static AzkbStore *
generate_shape(AzkbGenerateShape shape, guint n, guint32 seed)
{
  g_autoptr(AzkbStore) store  = azkb_store_new();
  g_autoptr(GError) error     = NULL;
  AzkbGenerateOptions options = { .n_entities = n,
                                  .seed       = seed,
                                  .shape      = shape };

  g_assert_true(azkb_generate(store, &options, &error));
  g_assert_no_error(error);
  return g_steal_pointer(&store);
}

/* The same seed gives the same graph for every shape, and another seed
 * another one. */
static void
test_shapes_deterministic(void)
{
  for (int s = AZKB_GENERATE_HUBS; s <= AZKB_GENERATE_RING; s++) {
    g_autoptr(AzkbStore) a = generate_shape((AzkbGenerateShape)s, 500, 7);
    g_autoptr(AzkbStore) b = generate_shape((AzkbGenerateShape)s, 500, 7);
    g_autoptr(AzkbStore) c = generate_shape((AzkbGenerateShape)s, 500, 8);
    g_autoptr(GString) da  = dump(a);
    g_autoptr(GString) db  = dump(b);
    g_autoptr(GString) dc  = dump(c);

    g_assert_cmpuint(azkb_store_n_statements(a), >, 500);
    g_assert_cmpstr(da->str, ==, db->str);
    g_assert_cmpstr(da->str, !=, dc->str);
  }
}

/* The longest chain of `rel` edges out of any entity (the graphs here are
 * forests or chains for that relation, so a walk ends). */
static guint
longest_chain(AzkbStore *store, const char *rel_name)
{
  AzkbTermId rel        = azkb_store_lookup(store, rel_name);
  g_autoptr(GArray) all = azkb_store_entities(store);
  guint longest         = 0;

  for (guint i = 0; i < all->len; i++) {
    AzkbTermId      node  = g_array_index(all, AzkbTermId, i);
    guint           depth = 0;
    gsize           n;
    const AzkbEdge *e;

    while ((e = azkb_store_out_edges(store, node, rel, &n)) != NULL && n > 0) {
      g_assert_cmpuint(n, ==, 1); /* one parent each */
      node = e[0].other;
      depth++;
    }
    longest = MAX(longest, depth);
  }
  return longest;
}

static void
test_hubs_forest_depth(void)
{
  g_autoptr(AzkbStore) store = generate_shape(AZKB_GENERATE_HUBS, 5000, 3);

  g_assert_cmpuint(longest_chain(store, "r0"), <=, 6);
  g_assert_cmpuint(longest_chain(store, "r0"), >=, 4);
}

/* partOf goes back one to three places, so the hierarchy is n/3..n deep. */
static void
test_deep_hierarchy(void)
{
  g_autoptr(AzkbStore) store = generate_shape(AZKB_GENERATE_DEEP, 3000, 3);

  g_assert_cmpuint(longest_chain(store, "s0"), >=, 1000);
}

/* next links i to i+1: from any node, `next*` reaches every node. */
static void
test_ring_closure(void)
{
  g_autoptr(AzkbStore) store = generate_shape(AZKB_GENERATE_RING, 2000, 3);
  g_autoptr(GError) error    = NULL;
  g_autoptr(AzkbQuery) q = azkb_query_parse("R17 -next*-> ?x", store, &error);

  g_assert_no_error(error);
  g_assert_cmpuint(azkb_query_count(q), ==, 2000);
}

static void
test_shape_names(void)
{
  AzkbGenerateShape shape;

  g_assert_true(azkb_generate_shape_from_name("hubs", &shape));
  g_assert_cmpint(shape, ==, AZKB_GENERATE_HUBS);
  g_assert_true(azkb_generate_shape_from_name("RING", &shape));
  g_assert_cmpint(shape, ==, AZKB_GENERATE_RING);
  g_assert_false(azkb_generate_shape_from_name("tree", &shape));
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/generate/deterministic", test_deterministic);
  g_test_add_func("/generate/size", test_size);
  g_test_add_func("/generate/entities", test_entities);
  g_test_add_func("/generate/times", test_times);
  g_test_add_func("/generate/shape", test_shape);
  g_test_add_func("/generate/invalid", test_invalid);
  g_test_add_func("/generate/shapes/deterministic", test_shapes_deterministic);
  g_test_add_func("/generate/shapes/hubs-forest-six-deep",
                  test_hubs_forest_depth);
  g_test_add_func("/generate/shapes/deep-hierarchy-is-deep",
                  test_deep_hierarchy);
  g_test_add_func("/generate/shapes/ring-closure-reaches-all",
                  test_ring_closure);
  g_test_add_func("/generate/shapes/names", test_shape_names);
  return g_test_run();
}
