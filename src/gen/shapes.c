/* The benchmark shapes of the generator (AzkbGenerateShape in
 * include/azkb/generate.h): graphs unlike the bundled knowledge base, so
 * that a benchmark measures the engine and not a plan tuned to one shape.
 * Like the UN shape, everything is drawn from one GRand in a fixed order. */
#include "gen-private.h"

#include <math.h>

#define MAX_RELATIONS 10

typedef struct {
  AzkbStore  *store;
  GRand      *rand;
  guint       n;                        ///< entities
  AzkbTermId *entities;                 ///< [n]: entity i's term
  AzkbTermId  relations[MAX_RELATIONS]; ///< by index in the shape
  GArray     *sources;                  ///< AzkbTermId
  guint       undated_per_1000;         ///< statements left undated
  AzkbTermId  classes[3];               ///< the classes entities draw from
  guint       class_cuts[3]; ///< cumulative shares of classes[], out of 10
} Shape;

static AzkbTermId
entity(const Shape *sh, guint i)
{
  return sh->entities[i];
}

static AzkbTermId
add_class(Shape *sh, const char *name, AzkbTermId parent)
{
  AzkbTermId cls = azkb_store_intern(sh->store, name);

  azkb_store_mark(sh->store, cls, AZKB_TERM_CLASS);
  if (parent != 0)
    azkb_store_add_subclass(sh->store, cls, parent);
  return cls;
}

static void
add_relations(Shape *sh, const char *prefix, guint first, guint n)
{
  for (guint r = 0; r < n; r++) {
    char name[32];

    g_snprintf(name, sizeof name, "%s%u", prefix, first + r);
    sh->relations[r] = azkb_store_intern(sh->store, name);
    azkb_store_mark(sh->store, sh->relations[r], AZKB_TERM_RELATION);
  }
}

static void
add_sources(Shape *sh)
{
  guint n = MAX(27u, sh->n / 20);

  sh->sources = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  for (guint i = 1; i <= n; i++) {
    char       slug[32];
    AzkbTermId source;

    g_snprintf(slug, sizeof slug, "P%u", i);
    source = azkb_store_intern(sh->store, slug);
    azkb_store_mark(sh->store, source, AZKB_TERM_SOURCE);
    g_array_append_val(sh->sources, source);
  }
}

static AzkbTermId
pick_class(Shape *sh)
{
  guint p = gen_uniform_index(sh->rand, 10);
  guint c = 0;

  while (c < 2 && p >= sh->class_cuts[c])
    c++;
  return sh->classes[c];
}

/* Entities 0..n-1 as SLUG<i>, each of a class drawn by the shares in
 * sh->class_cuts. */
static void
add_entities(Shape *sh, const char *slug)
{
  for (guint i = 0; i < sh->n; i++) {
    char       name[48];
    char       label[64];
    AzkbTermId e;

    g_snprintf(name, sizeof name, "%s%u", slug, i);
    g_snprintf(label, sizeof label, "%s %u", slug, i);
    e = sh->entities[i] = azkb_store_add_entity(sh->store, name);
    azkb_store_add_class(sh->store, e, pick_class(sh));
    azkb_store_add_label(sh->store, e, label, "en", AZKB_LABEL_PREFERRED);
  }
}

static void
add_link(Shape *sh, guint rel, guint from, guint to, TimeShape time_shape)
{
  AzkbInterval time = gen_random_time(sh->rand, time_shape);
  AzkbStmtId   stmt;
  guint        k;

  if (sh->undated_per_1000 > 0 &&
      gen_uniform_index(sh->rand, 1000) < sh->undated_per_1000)
    time = (AzkbInterval){ 0 };
  stmt = azkb_store_add_statement(
    sh->store, entity(sh, from), sh->relations[rel], entity(sh, to), &time);
  k = gen_zipf_index(sh->rand, sh->sources->len);
  azkb_store_add_source(
    sh->store, stmt, g_array_index(sh->sources, AzkbTermId, k));
}

/* ---- hubs ---- */

/* A Pareto draw with minimum @xm and shape 2 (mean 2·xm), capped. */
static guint
pareto(GRand *rand, double xm, guint cap)
{
  double u = 1.0 - g_rand_double(rand); /* (0, 1] */
  double x = xm / sqrt(u);

  return x >= cap ? cap : (guint)x;
}

static void
shape_hubs(Shape *sh)
{
  AzkbTermId thing = add_class(sh, "Thing", 0);
  guint      branch;

  sh->classes[0]    = add_class(sh, "Alpha", thing);
  sh->classes[1]    = add_class(sh, "Beta", thing);
  sh->classes[2]    = add_class(sh, "Gamma", thing);
  sh->class_cuts[0] = 3, sh->class_cuts[1] = 6, sh->class_cuts[2] = 10;
  add_relations(sh, "r", 0, 8);
  add_entities(sh, "H");
  /* r0: a forest whose first `branch` nodes are roots and node i's parent
   * is i / branch - 1, so it is six levels deep at most. */
  branch = MAX(2u, (guint)ceil(pow((double)sh->n, 1.0 / 6.0)));
  for (guint i = branch; i < sh->n; i++)
    add_link(sh, 0, i, i / branch - 1, T_INTERVAL);
  /* r1..r7: each node draws its out-degree, then a relation and a target
   * per edge; targets follow 1/rank over a shuffled order, so hubs are
   * spread over the ids. */
  for (guint i = 0; i < sh->n; i++) {
    guint degree = pareto(sh->rand, 2.0, 2000);

    for (guint k = 0; k < degree; k++) {
      guint rel  = 1 + gen_uniform_index(sh->rand, 7);
      guint rank = gen_zipf_index(sh->rand, sh->n);
      /* A fixed odd multiplier permutes the ranks over the nodes. */
      guint to = (guint)(((guint64)rank * 2654435761u) % sh->n);

      if (to != i)
        add_link(sh, rel, i, to, T_INTERVAL);
    }
  }
}

/* ---- deep ---- */

static void
shape_deep(Shape *sh)
{
  AzkbTermId unit = add_class(sh, "Unit", 0);

  sh->classes[0]    = unit;
  sh->classes[1]    = add_class(sh, "Office", unit);
  sh->class_cuts[0] = 7, sh->class_cuts[1] = 10;
  add_relations(sh, "s", 0, 10);
  add_entities(sh, "D");
  /* s0 is partOf: each unit is part of one of the three before it, so the
   * hierarchy is about n/2 levels deep. */
  for (guint i = 1; i < sh->n; i++)
    add_link(sh, 0, i, i - 1 - gen_uniform_index(sh->rand, MIN(i, 3u)), T_TERM);
  /* s1..s9: one edge each per node, to a node within 50 places or, one
   * time in ten, anywhere. */
  for (guint i = 0; i < sh->n; i++)
    for (guint rel = 1; rel < 10; rel++) {
      guint to;

      if (gen_uniform_index(sh->rand, 10) == 0)
        to = gen_uniform_index(sh->rand, sh->n);
      else {
        guint off = 1 + gen_uniform_index(sh->rand, 50);

        to = gen_uniform_index(sh->rand, 2) ? (i + off) % sh->n
                                            : (i + sh->n - off % sh->n) % sh->n;
      }
      if (to != i)
        add_link(sh, rel, i, to, rel % 3 == 0 ? T_POINT : T_INTERVAL);
    }
}

/* ---- ring ---- */

static void
shape_ring(Shape *sh)
{
  sh->classes[0]    = add_class(sh, "Station", 0);
  sh->class_cuts[0] = 10;
  sh->relations[0]  = azkb_store_intern(sh->store, "next");
  sh->relations[1]  = azkb_store_intern(sh->store, "jump");
  sh->relations[2]  = azkb_store_intern(sh->store, "knows");
  for (guint r = 0; r < 3; r++)
    azkb_store_mark(sh->store, sh->relations[r], AZKB_TERM_RELATION);
  add_entities(sh, "R");
  sh->undated_per_1000 = 100;
  for (guint i = 0; i < sh->n && sh->n > 1; i++) {
    add_link(sh, 0, i, (i + 1) % sh->n, T_INTERVAL);
    if (sh->n > 2)
      add_link(sh, 0, i, (i + 2) % sh->n, T_INTERVAL);
    if (i % 2 == 0) {
      guint to = gen_uniform_index(sh->rand, sh->n);

      if (to != i)
        add_link(sh, 1, i, to, T_POINT);
    }
    if (i % 3 == 0) {
      guint other = gen_uniform_index(sh->rand, sh->n);

      if (other != i) {
        add_link(sh, 2, i, other, T_INTERVAL);
        add_link(sh, 2, other, i, T_INTERVAL);
      }
    }
  }
}

void
gen_shape(AzkbStore *store, const AzkbGenerateOptions *options)
{
  Shape sh = { .store = store, .n = options->n_entities };

  sh.rand     = g_rand_new_with_seed(options->seed);
  sh.entities = g_new(AzkbTermId, sh.n);
  add_sources(&sh);
  switch (options->shape) {
    case AZKB_GENERATE_HUBS:
      shape_hubs(&sh);
      break;
    case AZKB_GENERATE_DEEP:
      shape_deep(&sh);
      break;
    case AZKB_GENERATE_RING:
      shape_ring(&sh);
      break;
    case AZKB_GENERATE_UN:
    default:
      g_assert_not_reached();
  }
  g_free(sh.entities);
  g_array_unref(sh.sources);
  g_rand_free(sh.rand);
}
