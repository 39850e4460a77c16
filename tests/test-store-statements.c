/* Tests of the store's statements: their keys, sources and qualifiers,
 * reading many at once, the adjacency built from them, locations, merging
 * one store into another, and reserving room. */
#include "store-test.h"

#include <string.h>

/* ---- statements ---- */

/* Many statements read at once, in shuffled order with ids that are not
 * statements among them, read as one by one: the same records, and a
 * zeroed one for each id out of range. */
static void
test_statements_batch(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbStore *s          = f->store;
  g_autoptr(GRand) rand = g_rand_new_with_seed(7);
  AzkbTermId rel        = azkb_store_intern(s, "r");
  AzkbTermId node[50];
  g_autoptr(GArray) ids         = g_array_new(FALSE, FALSE, sizeof(AzkbStmtId));
  g_autofree AzkbStatement *got = NULL;
  AzkbStatement             zero;
  gsize                     missing = 0;

  memset(&zero, 0, sizeof zero);
  for (guint i = 0; i < G_N_ELEMENTS(node); i++) {
    g_autofree char *name = g_strdup_printf("e%u", i);

    node[i] = azkb_store_add_entity(s, name);
  }
  for (guint i = 0; i < 2000; i++) {
    gint32       from = g_rand_int_range(rand, 1900, 2020);
    AzkbInterval t    = years(from, from + g_rand_int_range(rand, 0, 9));
    AzkbStmtId   id   = azkb_store_add_statement(
      s,
      node[g_rand_int_range(rand, 0, G_N_ELEMENTS(node))],
      rel,
      node[g_rand_int_range(rand, 0, G_N_ELEMENTS(node))],
      i % 7 == 0 ? NULL : &t);

    g_array_append_val(ids, id);
  }
  for (guint i = 0; i < 40; i++) {
    AzkbStmtId bad = i % 2 ? 0 : azkb_store_n_statements(s) + 1 + i;

    g_array_append_val(ids, bad);
  }
  for (guint i = ids->len; i > 1; i--) {
    guint      j = (guint)g_rand_int_range(rand, 0, (gint32)i);
    AzkbStmtId t = g_array_index(ids, AzkbStmtId, i - 1);

    g_array_index(ids, AzkbStmtId, i - 1) = g_array_index(ids, AzkbStmtId, j);
    g_array_index(ids, AzkbStmtId, j)     = t;
  }
  got = g_new(AzkbStatement, ids->len);
  g_assert_cmpuint(azkb_store_get_statements(
                     s, (const AzkbStmtId *)(gpointer)ids->data, ids->len, got),
                   ==,
                   40);
  for (guint i = 0; i < ids->len; i++) {
    AzkbStatement want;

    memset(&want, 0, sizeof want);
    if (!azkb_store_get_statement(
          s, g_array_index(ids, AzkbStmtId, i), &want)) {
      missing++;
      g_assert_cmpmem(&got[i], sizeof got[i], &zero, sizeof zero);
      continue;
    }
    g_assert_cmpuint(got[i].subject, ==, want.subject);
    g_assert_cmpuint(got[i].relation, ==, want.relation);
    g_assert_cmpuint(got[i].object, ==, want.object);
    g_assert_cmpmem(
      &got[i].time, sizeof got[i].time, &want.time, sizeof want.time);
  }
  g_assert_cmpuint(missing, ==, 40);
  g_assert_cmpuint(azkb_store_get_statements(s, NULL, 0, NULL), ==, 0);
}

/* The sources of many statements at once, with a qualifier among them and
 * ids out of range, as azkb_store_statement_sources() gives each. */
static void
test_sources_batch(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbStore *s          = f->store;
  g_autoptr(GRand) rand = g_rand_new_with_seed(11);
  AzkbTermId rel        = azkb_store_intern(s, "r");
  AzkbTermId theme      = azkb_store_intern(s, "theme");
  AzkbTermId value      = string_literal(s, "water");
  AzkbTermId src[5];
  g_autoptr(GArray) ids  = g_array_new(FALSE, FALSE, sizeof(AzkbStmtId));
  g_autoptr(GArray) got  = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  g_autofree guint *ends = NULL;
  guint             at   = 0;

  for (guint i = 0; i < G_N_ELEMENTS(src); i++) {
    g_autofree char *name = g_strdup_printf("P%u", i + 1);

    src[i] = azkb_store_intern(s, name);
    azkb_store_mark(s, src[i], AZKB_TERM_SOURCE);
  }
  for (guint i = 0; i < 500; i++) {
    g_autofree char *a  = g_strdup_printf("a%u", i);
    g_autofree char *b  = g_strdup_printf("b%u", i % 37);
    AzkbStmtId       id = azkb_store_add_statement(
      s, azkb_store_add_entity(s, a), rel, azkb_store_add_entity(s, b), NULL);

    for (gint k = g_rand_int_range(rand, 0, 4); k > 0; k--)
      azkb_store_add_source(
        s, id, src[g_rand_int_range(rand, 0, G_N_ELEMENTS(src))]);
    if (i % 5 == 0)
      azkb_store_add_qualifier(s, id, theme, value);
    g_array_append_val(ids, id);
    g_array_prepend_val(ids, id);
  }
  for (guint i = 0; i < 10; i++) {
    AzkbStmtId bad = i % 2 ? 0 : azkb_store_n_statements(s) + 1;

    g_array_insert_val(ids, i * 97, bad);
  }
  ends = g_new(guint, ids->len);
  azkb_store_get_sources(
    s, (const AzkbStmtId *)(gpointer)ids->data, ids->len, got, ends);
  for (guint i = 0; i < ids->len; i++) {
    g_autoptr(GArray) want =
      azkb_store_statement_sources(s, g_array_index(ids, AzkbStmtId, i));

    g_assert_cmpuint(ends[i] - at, ==, want->len);
    g_assert_cmpmem(&g_array_index(got, AzkbTermId, at),
                    (ends[i] - at) * sizeof(AzkbTermId),
                    want->data,
                    want->len * sizeof(AzkbTermId));
    at = ends[i];
  }
  g_assert_cmpuint(at, ==, got->len);
  g_assert_cmpuint(got->len, >, 500);
}

static void
test_statements(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbStore      *s      = f->store;
  AzkbTermId      az     = azkb_store_add_entity(s, "Azerbaijan");
  AzkbTermId      ecosoc = azkb_store_add_entity(s, "ECOSOC");
  AzkbTermId      rel    = azkb_store_intern(s, "electedTo");
  AzkbTermId      p7     = azkb_store_intern(s, "P7");
  AzkbTermId      p8     = azkb_store_intern(s, "P8");
  AzkbInterval    first  = years(2003, 2005);
  AzkbInterval    second = years(2017, 2019);
  AzkbStatement   st;
  AzkbStmtId      a, b, again, undated;
  const AzkbEdge *edges;
  gsize           n;

  a       = azkb_store_add_statement(s, az, rel, ecosoc, &first);
  b       = azkb_store_add_statement(s, az, rel, ecosoc, &second);
  again   = azkb_store_add_statement(s, az, rel, ecosoc, &first);
  undated = azkb_store_add_statement(s, az, rel, ecosoc, NULL);
  g_assert_cmpuint(a, !=, 0);
  g_assert_cmpuint(a, !=, b);
  g_assert_cmpuint(a, ==, again);
  g_assert_cmpuint(undated, !=, a);
  g_assert_cmpuint(undated, !=, b);
  g_assert_cmpuint(azkb_store_n_statements(s), ==, 3);
  g_assert_cmpint(azkb_store_term_kind(s, rel) & AZKB_TERM_RELATION, !=, 0);

  g_assert_true(azkb_store_get_statement(s, b, &st));
  g_assert_cmpuint(st.subject, ==, az);
  g_assert_cmpuint(st.relation, ==, rel);
  g_assert_cmpuint(st.object, ==, ecosoc);
  g_assert_cmpmem(&st.time, sizeof st.time, &second, sizeof second);
  g_assert_true(azkb_store_get_statement(s, undated, &st));
  g_assert_cmpint(st.time.start_bound, ==, AZKB_BOUND_UNKNOWN);
  g_assert_cmpint(st.time.end_bound, ==, AZKB_BOUND_UNKNOWN);
  g_assert_false(azkb_store_get_statement(s, 0, &st));
  g_assert_false(azkb_store_get_statement(s, 42, &st));

  edges = azkb_store_out_edges(s, az, rel, &n);
  g_assert_cmpuint(n, ==, 3);
  for (gsize i = 0; i < n; i++) {
    g_assert_cmpuint(edges[i].relation, ==, rel);
    g_assert_cmpuint(edges[i].other, ==, ecosoc);
  }
  edges = azkb_store_in_edges(s, ecosoc, 0, &n);
  g_assert_cmpuint(n, ==, 3);
  g_assert_cmpuint(edges[0].other, ==, az);

  /* Sources and qualifiers, deduplicated, in insertion order. */
  azkb_store_add_source(s, a, p7);
  azkb_store_add_source(s, a, p8);
  azkb_store_add_source(s, again, p7);
  {
    g_autoptr(GArray) sources = azkb_store_statement_sources(s, a);
    g_autoptr(GArray) none    = azkb_store_statement_sources(s, b);

    g_assert_cmpuint(sources->len, ==, 2);
    g_assert_cmpuint(g_array_index(sources, AzkbTermId, 0), ==, p7);
    g_assert_cmpuint(g_array_index(sources, AzkbTermId, 1), ==, p8);
    g_assert_cmpuint(none->len, ==, 0);
    g_assert_cmpint(azkb_store_term_kind(s, p7) & AZKB_TERM_SOURCE, !=, 0);
  }
  {
    AzkbTermId theme          = azkb_store_intern(s, "theme");
    AzkbTermId water          = string_literal(s, "water");
    AzkbTermId food           = string_literal(s, "food");
    g_autoptr(GArray) quals   = NULL;
    g_autoptr(GArray) sources = NULL;

    azkb_store_add_qualifier(s, b, theme, water);
    azkb_store_add_source(s, b, p8);
    azkb_store_add_qualifier(s, b, theme, food);
    azkb_store_add_qualifier(s, b, theme, water);
    quals   = azkb_store_statement_qualifiers(s, b);
    sources = azkb_store_statement_sources(s, b);
    g_assert_cmpuint(quals->len, ==, 2);
    g_assert_cmpuint(
      g_array_index(quals, AzkbQualifier, 0).property, ==, theme);
    g_assert_cmpuint(g_array_index(quals, AzkbQualifier, 0).value, ==, water);
    g_assert_cmpuint(g_array_index(quals, AzkbQualifier, 1).value, ==, food);
    g_assert_cmpuint(sources->len, ==, 1);
    g_assert_cmpint(azkb_store_term_kind(s, theme) & AZKB_TERM_PROPERTY, !=, 0);
  }
}

/* Open ends, unknown ends and points are part of the key. */
static void
test_statement_time_key(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbStore *s = f->store;
  AzkbTermId x = azkb_store_add_entity(s, "x");
  AzkbTermId y = azkb_store_add_entity(s, "y");
  AzkbTermId r = azkb_store_intern(s, "r");
  AzkbDate   d = {
      .year = 2012, .month = 5, .day = 4, .precision = AZKB_PRECISION_DAY
  };
  AzkbInterval  open        = { .start       = d,
                                .start_bound = AZKB_BOUND_DATE,
                                .end_bound   = AZKB_BOUND_OPEN };
  AzkbInterval  unknown_end = { .start = d, .start_bound = AZKB_BOUND_DATE };
  AzkbInterval  point       = { .start       = d,
                                .end         = d,
                                .start_bound = AZKB_BOUND_DATE,
                                .end_bound   = AZKB_BOUND_DATE,
                                .is_point    = TRUE };
  AzkbInterval  same_day    = point;
  AzkbInterval  garbage     = { .end = d }; /* date under an unknown bound */
  AzkbStatement st;
  AzkbStmtId    ids[4];

  same_day.is_point = FALSE;
  ids[0]            = azkb_store_add_statement(s, x, r, y, &open);
  ids[1]            = azkb_store_add_statement(s, x, r, y, &unknown_end);
  ids[2]            = azkb_store_add_statement(s, x, r, y, &point);
  ids[3]            = azkb_store_add_statement(s, x, r, y, &same_day);
  for (guint i = 0; i < 4; i++)
    for (guint j = i + 1; j < 4; j++)
      g_assert_cmpuint(ids[i], !=, ids[j]);
  /* A date under an unknown bound is not part of the key. */
  g_assert_cmpuint(azkb_store_add_statement(s, x, r, y, &garbage),
                   ==,
                   azkb_store_add_statement(s, x, r, y, NULL));

  g_assert_true(azkb_store_get_statement(s, ids[0], &st));
  g_assert_cmpmem(&st.time, sizeof st.time, &open, sizeof open);
  g_assert_true(azkb_store_get_statement(s, ids[2], &st));
  g_assert_cmpmem(&st.time, sizeof st.time, &point, sizeof point);
}

/* A statement whose object is a literal makes its relation a property. */
static void
test_literal_statement(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbTermId x     = azkb_store_add_entity(f->store, "x");
  AzkbTermId count = azkb_store_intern(f->store, "count");
  AzkbTermId five  = string_literal(f->store, "five");
  gsize      n;

  azkb_store_add_statement(f->store, x, count, five, NULL);
  g_assert_cmpint(
    azkb_store_term_kind(f->store, count), ==, AZKB_TERM_PROPERTY);
  azkb_store_in_edges(f->store, five, 0, &n);
  g_assert_cmpuint(n, ==, 1);
}

/* ---- adjacency ---- */

static void
test_adjacency_relations(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbStore      *s  = f->store;
  AzkbTermId      a  = azkb_store_add_entity(s, "a");
  AzkbTermId      b  = azkb_store_add_entity(s, "b");
  AzkbTermId      c  = azkb_store_add_entity(s, "c");
  AzkbTermId      r1 = azkb_store_intern(s, "r1");
  AzkbTermId      r2 = azkb_store_intern(s, "r2");
  AzkbTermId      r3 = azkb_store_intern(s, "r3");
  const AzkbEdge *e;
  gsize           n;
  g_autoptr(GArray) rels = NULL;

  azkb_store_add_statement(s, a, r2, c, NULL);
  azkb_store_add_statement(s, a, r1, c, NULL);
  azkb_store_add_statement(s, a, r2, b, NULL);
  azkb_store_add_statement(s, b, r1, c, NULL);

  e = azkb_store_out_edges(s, a, 0, &n);
  g_assert_cmpuint(n, ==, 3);
  g_assert_cmpuint(e[0].relation, ==, r1);
  g_assert_cmpuint(e[1].relation, ==, r2);
  g_assert_cmpuint(e[1].other, ==, b);
  g_assert_cmpuint(e[2].other, ==, c);
  e = azkb_store_out_edges(s, a, r2, &n);
  g_assert_cmpuint(n, ==, 2);
  g_assert_cmpuint(e[0].other, ==, b);
  e = azkb_store_out_edges(s, a, r3, &n);
  g_assert_cmpuint(n, ==, 0);
  g_assert_null(e);
  e = azkb_store_in_edges(s, c, r1, &n);
  g_assert_cmpuint(n, ==, 2);
  g_assert_cmpuint(e[0].other, ==, a);
  g_assert_cmpuint(e[1].other, ==, b);
  e = azkb_store_out_edges(s, c, 0, &n);
  g_assert_cmpuint(n, ==, 0);
  e = azkb_store_out_edges(s, 0, 0, &n);
  g_assert_cmpuint(n, ==, 0);

  /* A write after a read: the index is rebuilt. */
  azkb_store_add_statement(s, c, r3, a, NULL);
  e = azkb_store_out_edges(s, c, 0, &n);
  g_assert_cmpuint(n, ==, 1);
  g_assert_cmpuint(e[0].relation, ==, r3);
  e = azkb_store_in_edges(s, a, r3, &n);
  g_assert_cmpuint(n, ==, 1);
  g_assert_cmpuint(e[0].other, ==, c);
  /* A new term beyond the last built node. */
  e = azkb_store_out_edges(s, azkb_store_add_entity(s, "d"), 0, &n);
  g_assert_cmpuint(n, ==, 0);

  /* The nodes of a relation, on either side. */
  {
    const AzkbTermId *nodes = azkb_store_relation_nodes(s, r1, FALSE, &n);

    g_assert_cmpuint(n, ==, 2);
    g_assert_cmpuint(nodes[0], ==, a);
    g_assert_cmpuint(nodes[1], ==, b);
    nodes = azkb_store_relation_nodes(s, r3, TRUE, &n);
    g_assert_cmpuint(n, ==, 1);
    g_assert_cmpuint(nodes[0], ==, a);
    g_assert_null(azkb_store_relation_nodes(s, a, FALSE, &n));
    g_assert_cmpuint(n, ==, 0);
  }

  rels = azkb_store_relations(s);
  g_assert_cmpuint(rels->len, ==, 3);
  g_assert_cmpuint(g_array_index(rels, AzkbTermId, 0), ==, r1);
  g_assert_cmpuint(g_array_index(rels, AzkbTermId, 2), ==, r3);
}

/* The nodes of each relation must be those a naive scan finds with such
 * a statement on their side, each once, sorted by id. */
static void
check_relation_nodes(AzkbStore *s, AzkbTermId max_term, gboolean out)
{
  guint n_stmts = azkb_store_n_statements(s);

  for (AzkbTermId rel = 1; rel <= max_term; rel++) {
    gsize             n;
    const AzkbTermId *nodes = azkb_store_relation_nodes(s, rel, !out, &n);
    gsize             at    = 0;

    for (AzkbTermId node = 1; node <= max_term; node++) {
      gboolean has = FALSE;

      for (AzkbStmtId id = 1; id <= n_stmts && !has; id++) {
        AzkbStatement st;

        azkb_store_get_statement(s, id, &st);
        has = st.relation == rel && (out ? st.subject : st.object) == node;
      }
      if (has) {
        g_assert_cmpuint(at, <, n);
        g_assert_cmpuint(nodes[at++], ==, node);
      }
    }
    g_assert_cmpuint(at, ==, n);
    if (n == 0)
      g_assert_null(nodes);
  }
}

/* Random graphs: adjacency must equal a naive scan of every statement. */
static void
check_against_scan(AzkbStore *s, guint n_nodes, guint n_rels, gboolean out)
{
  guint n_stmts = azkb_store_n_statements(s);

  check_relation_nodes(s, n_nodes + n_rels, out);

  for (AzkbTermId node = 1; node <= n_nodes + n_rels; node++)
    for (AzkbTermId rel = 0; rel <= n_nodes + n_rels; rel++) {
      gsize           n;
      const AzkbEdge *e        = out ? azkb_store_out_edges(s, node, rel, &n)
                                     : azkb_store_in_edges(s, node, rel, &n);
      gsize           expected = 0;

      for (AzkbStmtId id = 1; id <= n_stmts; id++) {
        AzkbStatement st;

        azkb_store_get_statement(s, id, &st);
        if ((out ? st.subject : st.object) == node &&
            (rel == 0 || st.relation == rel))
          expected++;
      }
      g_assert_cmpuint(n, ==, expected);
      for (gsize i = 0; i < n; i++) {
        AzkbStatement st;

        g_assert_true(azkb_store_get_statement(s, e[i].stmt, &st));
        g_assert_cmpuint(out ? st.subject : st.object, ==, node);
        g_assert_cmpuint(st.relation, ==, e[i].relation);
        g_assert_cmpuint(out ? st.object : st.subject, ==, e[i].other);
        if (rel != 0)
          g_assert_cmpuint(e[i].relation, ==, rel);
        if (i > 0) {
          const AzkbEdge *p = &e[i - 1];

          g_assert_true(p->relation < e[i].relation ||
                        (p->relation == e[i].relation &&
                         (p->other < e[i].other ||
                          (p->other == e[i].other && p->stmt < e[i].stmt))));
        }
      }
    }
}

static void
test_adjacency_random(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed(20240501);
  AzkbStore *s          = f->store;
  guint      n_nodes    = 60;
  guint      n_rels     = 5;

  for (guint i = 0; i < n_nodes; i++) {
    g_autofree char *name = g_strdup_printf("n%u", i);
    azkb_store_add_entity(s, name);
  }
  for (guint i = 0; i < n_rels; i++) {
    g_autofree char *name = g_strdup_printf("rel%u", i);
    azkb_store_intern(s, name);
  }
  for (guint round = 0; round < 3; round++) {
    for (guint i = 0; i < 400; i++) {
      /* A skewed choice of subject: low ids get many edges. */
      guint sub =
        g_rand_int_range(rand, 0, 1 + g_rand_int_range(rand, 1, n_nodes));
      AzkbInterval time = years(g_rand_int_range(rand, 1990, 2000),
                                g_rand_int_range(rand, 2000, 2003));

      azkb_store_add_statement(s,
                               sub + 1,
                               n_nodes + 1 + g_rand_int_range(rand, 0, n_rels),
                               g_rand_int_range(rand, 1, n_nodes + 1),
                               g_rand_boolean(rand) ? &time : NULL);
    }
    check_against_scan(s, n_nodes, n_rels, TRUE);
    check_against_scan(s, n_nodes, n_rels, FALSE);
  }
}

/* ---- locations ---- */

static void
test_locations(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbStore  *s    = f->store;
  AzkbTermId  e    = azkb_store_add_entity(s, "e");
  AzkbTermId  r    = azkb_store_intern(s, "r");
  AzkbStmtId  st   = azkb_store_add_statement(s, e, r, e, NULL);
  const char *file = NULL;
  guint       line = 0;

  g_assert_false(azkb_store_get_location(s, e, 0, &file, &line));
  g_assert_null(file);
  azkb_store_set_location(s, e, st, "data/kb.ttl", 12);
  azkb_store_set_location(s, e, 0, "data/other.ttl", 40);
  g_assert_true(azkb_store_get_location(s, e, 0, &file, &line));
  g_assert_cmpstr(file, ==, "data/kb.ttl");
  g_assert_cmpuint(line, ==, 12);
  g_assert_true(azkb_store_get_location(s, 0, st, NULL, &line));
  g_assert_cmpuint(line, ==, 12);
  g_assert_false(azkb_store_get_location(s, r, 0, &file, &line));
  g_assert_false(azkb_store_get_location(s, 0, 99, &file, &line));
}

/* ---- merge ---- */

static void
build_part(AzkbStore *s, const char *file, gint32 from, gint32 to)
{
  g_autoptr(GError) error = NULL;
  AzkbTermId az           = azkb_store_add_entity(s, "Azerbaijan");
  AzkbTermId body         = azkb_store_add_entity(s, "ECOSOC");
  AzkbTermId rel          = azkb_store_intern(s, "electedTo");
  AzkbTermId src          = azkb_store_intern(s, "P7");
  AzkbTermId theme        = azkb_store_intern(s, "theme");
  AzkbTermId val =
    azkb_store_intern_literal(s, AZKB_VALUE_STRING, file, NULL, "en", &error);
  AzkbTermId   country = azkb_store_intern(s, "Country");
  AzkbInterval time    = years(from, to);
  AzkbStmtId   st;

  g_assert_no_error(error);
  azkb_store_add_class(s, az, country);
  azkb_store_add_subclass(s, country, azkb_store_intern(s, "Place"));
  azkb_store_add_label(
    s, body, "Economic and Social Council", "en", AZKB_LABEL_PREFERRED);
  azkb_store_add_attribute(s, az, theme, val);
  azkb_store_set_signature(s, rel, country, 0);
  st = azkb_store_add_statement(s, az, rel, body, &time);
  azkb_store_add_source(s, st, src);
  azkb_store_add_qualifier(s, st, theme, val);
  azkb_store_set_location(s, az, st, file, (guint)from);
}

static void
test_merge(void)
{
  g_autoptr(AzkbStore) a = azkb_store_new();
  g_autoptr(AzkbStore) b = azkb_store_new();
  AzkbTermId   az, body, rel, country, place, dom, ran, theme;
  AzkbInterval early = years(2003, 2005);
  AzkbStmtId   st;
  gsize        n;
  const char  *file;
  guint        line;

  /* Different interning orders give different ids in the two stores. */
  azkb_store_intern(b, "padding");
  azkb_store_intern(b, "more padding");
  build_part(a, "a.ttl", 2003, 2005);
  build_part(b, "b.ttl", 2017, 2019);
  azkb_store_add_entity(b, "UNICEF");
  azkb_store_merge(a, b);
  azkb_store_merge(a, b); /* twice: nothing new */

  az      = azkb_store_lookup(a, "Azerbaijan");
  body    = azkb_store_lookup(a, "ECOSOC");
  rel     = azkb_store_lookup(a, "electedTo");
  country = azkb_store_lookup(a, "Country");
  place   = azkb_store_lookup(a, "Place");
  theme   = azkb_store_lookup(a, "theme");
  g_assert_cmpuint(azkb_store_lookup(a, "UNICEF"), !=, 0);
  g_assert_cmpint(azkb_store_term_kind(a, azkb_store_lookup(a, "UNICEF")),
                  ==,
                  AZKB_TERM_ENTITY);
  g_assert_cmpuint(azkb_store_n_statements(a), ==, 2);
  azkb_store_out_edges(a, az, rel, &n);
  g_assert_cmpuint(n, ==, 2);
  azkb_store_entity_classes(a, az, &n);
  g_assert_cmpuint(n, ==, 1);
  azkb_store_entity_labels(a, body, &n);
  g_assert_cmpuint(n, ==, 1);
  azkb_store_entity_attributes(a, az, &n);
  g_assert_cmpuint(n, ==, 2); /* "a.ttl"@en and "b.ttl"@en */
  g_assert_true(azkb_store_is_subclass(a, country, place));
  azkb_store_get_signature(a, rel, &dom, &ran);
  g_assert_cmpuint(dom, ==, country);
  g_assert_cmpuint(ran, ==, 0);

  /* The statement from b: its source, qualifier and location came along. */
  st = azkb_store_add_statement(a, az, rel, body, &early);
  g_assert_cmpuint(st, ==, 1);
  st = 2;
  {
    g_autoptr(GArray) sources = azkb_store_statement_sources(a, st);
    g_autoptr(GArray) quals   = azkb_store_statement_qualifiers(a, st);
    AzkbLiteral   lit;
    AzkbStatement stmt;

    g_assert_true(azkb_store_get_statement(a, st, &stmt));
    g_assert_cmpint(stmt.time.start.year, ==, 2017);
    g_assert_cmpuint(sources->len, ==, 1);
    g_assert_cmpstr(
      azkb_store_term_name(a, g_array_index(sources, AzkbTermId, 0)), ==, "P7");
    g_assert_cmpuint(quals->len, ==, 1);
    g_assert_cmpuint(
      g_array_index(quals, AzkbQualifier, 0).property, ==, theme);
    g_assert_true(azkb_store_get_literal(
      a, g_array_index(quals, AzkbQualifier, 0).value, &lit));
    g_assert_cmpstr(lit.lexical, ==, "b.ttl");
    g_assert_cmpstr(lit.lang, ==, "en");
  }
  g_assert_true(azkb_store_get_location(a, 0, st, &file, &line));
  g_assert_cmpstr(file, ==, "b.ttl");
  g_assert_cmpuint(line, ==, 2017);
  g_assert_true(azkb_store_get_location(a, az, 0, &file, &line));
  g_assert_cmpstr(file, ==, "a.ttl");
  g_assert_cmpuint(find_one(a, "economic and social council"), ==, body);
  /* b is left as it was. */
  g_assert_cmpuint(azkb_store_n_statements(b), ==, 1);
}

static void
test_memory_size(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  gsize      empty = azkb_store_memory_size(f->store);
  AzkbTermId a     = azkb_store_add_entity(f->store, "a");
  AzkbTermId r     = azkb_store_intern(f->store, "r");
  gsize      n;

  g_assert_cmpuint(empty, >, 0);
  for (guint i = 0; i < 100; i++) {
    g_autofree char *name = g_strdup_printf("b%u", i);
    azkb_store_add_statement(
      f->store, a, r, azkb_store_add_entity(f->store, name), NULL);
  }
  azkb_store_out_edges(f->store, a, 0, &n);
  g_assert_cmpuint(n, ==, 100);
  g_assert_cmpuint(
    azkb_store_memory_size(f->store), >, empty + 100 * (sizeof(AzkbEdge) * 2));
}

/* Reserving room changes no answer: before, between and after adds, with
 * hints too small and too large. */
static void
test_reserve(void)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  AzkbTermId terms[300];
  AzkbStmtId stmts[299];

  azkb_store_reserve(store, 10, 5);
  for (guint i = 0; i < G_N_ELEMENTS(terms); i++) {
    g_autofree char *name = g_strdup_printf("T%u", i);

    terms[i] = azkb_store_intern(store, name);
    if (i == 100)
      azkb_store_reserve(store, 5000, 5000);
  }
  for (guint i = 0; i + 1 < G_N_ELEMENTS(terms); i++) {
    stmts[i] =
      azkb_store_add_statement(store, terms[i], terms[0], terms[i + 1], NULL);
    if (i == 50)
      azkb_store_reserve(store, 1, 1);
  }
  g_assert_cmpuint(azkb_store_n_statements(store), ==, G_N_ELEMENTS(stmts));
  for (guint i = 0; i < G_N_ELEMENTS(terms); i++) {
    g_autofree char *name = g_strdup_printf("T%u", i);

    g_assert_cmpuint(azkb_store_lookup(store, name), ==, terms[i]);
  }
  for (guint i = 0; i < G_N_ELEMENTS(stmts); i++)
    g_assert_cmpuint(
      azkb_store_add_statement(store, terms[i], terms[0], terms[i + 1], NULL),
      ==,
      stmts[i]);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);

  STORE_ADD("statements/basic", test_statements);
  STORE_ADD("statements/read-many-at-once", test_statements_batch);
  STORE_ADD("statements/sources-many-at-once", test_sources_batch);
  STORE_ADD("statements/time-key", test_statement_time_key);
  STORE_ADD("statements/literal-object", test_literal_statement);
  STORE_ADD("adjacency/relations", test_adjacency_relations);
  STORE_ADD("adjacency/random", test_adjacency_random);
  STORE_ADD("locations/basic", test_locations);
  g_test_add_func("/store/merge/two-stores", test_merge);
  g_test_add_func("/store/reserve", test_reserve);
  STORE_ADD("memory/size", test_memory_size);
  return g_test_run();
}
