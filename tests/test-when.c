/* Tests of sets of days (time.h) and of `--when`, the sequenced semantics
 * of query rows (AZKB_QUERY_WHEN).
 *
 * The heart is an oracle with its own code: on small random graphs it
 * computes the snapshot of every elementary interval (between consecutive
 * distinct date boundaries), evaluates the pattern there by boolean matrix
 * algebra (sequence = product, alternative = or, inverse = transpose, star
 * = reflexive-transitive closure over the entities, {m,n} by powers),
 * enumerates the rows, and coalesces the intervals at which each row held.
 * The spans of statements are computed here from the generated dates with
 * GDate, not with azkb_interval_span(). */
#include "azkb-test.h"

#include <azkb/azkb.h>
#include <string.h>

/* ---- sets of days ---- */

static gint32
day_of(int y, int m, int d)
{
  GDate date;

  g_date_clear(&date, 1);
  g_date_set_dmy(&date, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
  return (gint32)g_date_get_julian(&date);
}

static void
test_day_bounds(void)
{
  AzkbDate first = azkb_date_make(1, 1, 1);
  AzkbDate last  = azkb_date_make(9999, 0, 0);

  g_assert_cmpint(azkb_date_first_day(&first), ==, AZKB_DAY_MIN);
  g_assert_cmpint(azkb_date_last_day(&last), ==, AZKB_DAY_MAX);
  first = azkb_date_make(2012, 5, 4);
  g_assert_cmpint(day_of(2012, 5, 4), ==, azkb_date_first_day(&first));
}

static void
test_set_coalesces_touching_and_overlapping_ranges(void)
{
  AzkbDayRange r[] = {
    { 10, 20 }, { 30, 40 }, { 21, 25 }, { 35, 50 }, { 1, 2 }
  };
  gsize n = azkb_day_ranges_coalesce(r, G_N_ELEMENTS(r));

  g_assert_cmpuint(n, ==, 3);
  g_assert_cmpint(r[0].first, ==, 1);
  g_assert_cmpint(r[0].last, ==, 2);
  g_assert_cmpint(r[1].first, ==, 10); /* 10..20 and 21..25 touch */
  g_assert_cmpint(r[1].last, ==, 25);
  g_assert_cmpint(r[2].first, ==, 30);
  g_assert_cmpint(r[2].last, ==, 50);
}

static void
test_set_union_and_intersection(void)
{
  g_autoptr(AzkbTimeSet) a = azkb_time_set_new();
  g_autoptr(AzkbTimeSet) b = azkb_time_set_new();
  g_autoptr(AzkbTimeSet) u = NULL;
  const AzkbDayRange *r;
  gsize               n;

  azkb_time_set_add(a, 1, 10);
  azkb_time_set_add(a, 20, 30);
  azkb_time_set_add(b, 5, 22);
  azkb_time_set_add(b, 40, 41);
  u = azkb_time_set_copy(a);
  azkb_time_set_union(u, b);
  r = azkb_time_set_ranges(u, &n);
  g_assert_cmpuint(n, ==, 2);
  g_assert_cmpint(r[0].first, ==, 1);
  g_assert_cmpint(r[0].last, ==, 30);
  g_assert_cmpint(r[1].first, ==, 40);
  azkb_time_set_intersect(a, b);
  r = azkb_time_set_ranges(a, &n);
  g_assert_cmpuint(n, ==, 2);
  g_assert_cmpint(r[0].first, ==, 5);
  g_assert_cmpint(r[0].last, ==, 10);
  g_assert_cmpint(r[1].first, ==, 20);
  g_assert_cmpint(r[1].last, ==, 22);
  g_assert_true(azkb_time_set_contains(a, 21));
  g_assert_false(azkb_time_set_contains(a, 15));
  g_assert_false(azkb_time_set_contains(a, 4));
}

static void
test_set_intersection_with_empty_is_empty(void)
{
  g_autoptr(AzkbTimeSet) a     = azkb_time_set_new_always();
  g_autoptr(AzkbTimeSet) empty = azkb_time_set_new();

  g_assert_false(azkb_time_set_is_empty(a));
  azkb_time_set_intersect(a, empty);
  g_assert_true(azkb_time_set_is_empty(a));
  g_assert_true(azkb_time_set_equal(a, empty));
  azkb_time_set_free(NULL);
}

static char *
set_text(const AzkbDayRange *ranges, gsize n, AzkbTimeStyle style)
{
  g_autoptr(AzkbTimeSet) set = azkb_time_set_new_from_ranges(ranges, n);

  return azkb_time_set_to_string(set, style);
}

static void
test_set_text_names_each_range_at_its_coarsest_exact_precision(void)
{
  AzkbDate present = azkb_date_make(2020, 6, 15);
  struct {
    AzkbDayRange r[2];
    gsize        n;
    const char  *human;
    const char  *edtf;
  } cases[] = {
    { { { day_of(2003, 1, 1), day_of(2005, 12, 31) },
        { day_of(2017, 1, 1), day_of(2019, 12, 31) } },
      2,
      "2003–2005, 2017–2019",
      "2003/2005;2017/2019" },
    { { { day_of(2012, 1, 1), day_of(2012, 12, 31) } }, 1, "2012", "2012" },
    { { { day_of(2012, 5, 4), day_of(2012, 5, 4) } },
      1,
      "4 May 2012",
      "2012-05-04" },
    { { { day_of(2012, 1, 1), day_of(2012, 1, 1) } },
      1,
      "1 January 2012",
      "2012-01-01" },
    { { { day_of(2012, 5, 1), day_of(2013, 12, 31) } },
      1,
      "May 2012 – 2013",
      "2012-05/2013" },
    { { { day_of(1992, 3, 2), day_of(2020, 6, 15) } },
      1,
      "since 2 March 1992",
      "1992-03-02/.." },
    { { { AZKB_DAY_MIN, AZKB_DAY_MAX } }, 1, "always", "../.." },
    { { { AZKB_DAY_MIN, day_of(2005, 12, 31) } }, 1, "until 2005", "../2005" },
    { { { 0, 0 } }, 0, "never", "" },
  };

  azkb_time_set_present(&present);
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *human =
      set_text(cases[i].r, cases[i].n, AZKB_TIME_STYLE_HUMAN);
    g_autofree char *edtf =
      set_text(cases[i].r, cases[i].n, AZKB_TIME_STYLE_EDTF);

    g_assert_cmpstr(human, ==, cases[i].human);
    g_assert_cmpstr(edtf, ==, cases[i].edtf);
  }
  azkb_time_set_present(NULL);
}

/* ---- the oracle ---- */

#define N_NODES 5
#define N_RELS 3

/* A boolean matrix over the entities: bit j of m[i] is an edge i → j. */
typedef struct {
  guint8 m[N_NODES];
} Mat;

static Mat
mat_identity(void)
{
  Mat out = { { 0 } };

  for (int i = 0; i < N_NODES; i++)
    out.m[i] = (guint8)(1u << i);
  return out;
}

static Mat
mat_or(Mat a, Mat b)
{
  for (int i = 0; i < N_NODES; i++)
    a.m[i] |= b.m[i];
  return a;
}

static Mat
mat_mul(Mat a, Mat b)
{
  Mat out = { { 0 } };

  for (int i = 0; i < N_NODES; i++)
    for (int k = 0; k < N_NODES; k++)
      if (a.m[i] & (1u << k))
        out.m[i] |= b.m[k];
  return out;
}

static Mat
mat_transpose(Mat a)
{
  Mat out = { { 0 } };

  for (int i = 0; i < N_NODES; i++)
    for (int j = 0; j < N_NODES; j++)
      if (a.m[i] & (1u << j))
        out.m[j] |= (guint8)(1u << i);
  return out;
}

/* I ∪ A ∪ A² ∪ ...: squaring until nothing changes. */
static Mat
mat_star(Mat a)
{
  Mat s = mat_or(mat_identity(), a);

  for (;;) {
    Mat next = mat_mul(s, s);

    if (memcmp(&next, &s, sizeof s) == 0)
      return s;
    s = next;
  }
}

static Mat
mat_power(Mat a, guint k)
{
  Mat out = mat_identity();

  while (k-- > 0)
    out = mat_mul(out, a);
  return out;
}

typedef enum {
  EX_REL,
  EX_ANY,
  EX_NOT,
  EX_INV,
  EX_SEQ,
  EX_ALT,
  EX_STAR,
  EX_PLUS,
  EX_OPT,
  EX_REPEAT,
} ExKind;

#define EX_INF G_MAXUINT

typedef struct _Ex Ex;
struct _Ex {
  ExKind kind;
  Ex    *a, *b;
  int    rel;      ///< EX_REL
  guint  fwd_mask; ///< EX_NOT: excluded forward relations
  guint  inv_mask; ///< EX_NOT: excluded inverse relations
  guint  min, max; ///< EX_REPEAT
};

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
  Ex *e = g_new0(Ex, 1);
  int k = depth <= 0 ? 0 : g_rand_int_range(rand, 0, 12);

  switch (k) {
    case 0:
    case 1:
    case 2:
      e->kind = EX_REL;
      e->rel  = g_rand_int_range(rand, 0, N_RELS);
      break;
    case 3:
      if (g_rand_int_range(rand, 0, 3) == 0) {
        e->kind = EX_ANY;
        break;
      }
      e->kind = EX_NOT;
      while (e->fwd_mask == 0 && e->inv_mask == 0) {
        e->fwd_mask = (guint)g_rand_int_range(rand, 0, 1 << N_RELS) &
                      (guint)g_rand_int_range(rand, 0, 1 << N_RELS);
        e->inv_mask = (guint)g_rand_int_range(rand, 0, 1 << N_RELS) &
                      (guint)g_rand_int_range(rand, 0, 1 << N_RELS);
      }
      break;
    case 4:
      e->kind = EX_INV;
      e->a    = ex_random(rand, depth - 1);
      break;
    case 5:
    case 6:
      e->kind = EX_SEQ;
      e->a    = ex_random(rand, depth - 1);
      e->b    = ex_random(rand, depth - 1);
      break;
    case 7:
    case 8:
      e->kind = EX_ALT;
      e->a    = ex_random(rand, depth - 1);
      e->b    = ex_random(rand, depth - 1);
      break;
    case 9:
      e->kind = g_rand_boolean(rand) ? EX_STAR : EX_PLUS;
      e->a    = ex_random(rand, depth - 1);
      break;
    case 10:
      e->kind = EX_OPT;
      e->a    = ex_random(rand, depth - 1);
      break;
    default:
      e->kind = EX_REPEAT;
      e->a    = ex_random(rand, depth - 1);
      e->min  = (guint)g_rand_int_range(rand, 0, 3);
      e->max  = g_rand_int_range(rand, 0, 4) == 0
                  ? EX_INF
                  : e->min + (guint)g_rand_int_range(rand, 0, 3);
      break;
  }
  return e;
}

/* In the query syntax, every operand parenthesised. */
static void
ex_print(const Ex *e, GString *out)
{
  switch (e->kind) {
    case EX_REL:
      g_string_append_printf(out, "r%d", e->rel);
      return;
    case EX_ANY:
      g_string_append(out, "_");
      return;
    case EX_NOT: {
      gboolean first = TRUE;

      g_string_append(out, "!(");
      for (int r = 0; r < N_RELS; r++)
        for (int inv = 0; inv < 2; inv++)
          if (((inv ? e->inv_mask : e->fwd_mask) >> r) & 1) {
            g_string_append_printf(
              out, "%s%sr%d", first ? "" : "|", inv ? "^" : "", r);
            first = FALSE;
          }
      g_string_append(out, ")");
      return;
    }
    case EX_INV:
      g_string_append(out, "^(");
      ex_print(e->a, out);
      g_string_append(out, ")");
      return;
    case EX_SEQ:
    case EX_ALT:
      g_string_append(out, "(");
      ex_print(e->a, out);
      g_string_append(out, e->kind == EX_SEQ ? "/" : "|");
      ex_print(e->b, out);
      g_string_append(out, ")");
      return;
    case EX_STAR:
    case EX_PLUS:
    case EX_OPT:
      g_string_append(out, "(");
      ex_print(e->a, out);
      g_string_append(out,
                      e->kind == EX_STAR   ? ")*"
                      : e->kind == EX_PLUS ? ")+"
                                           : ")?");
      return;
    case EX_REPEAT:
      g_string_append(out, "(");
      ex_print(e->a, out);
      if (e->max == EX_INF)
        g_string_append_printf(out, "){%u,}", e->min);
      else
        g_string_append_printf(out, "){%u,%u}", e->min, e->max);
      return;
  }
}

/* The expression's matrix in one snapshot: @rel[r] holds the edges of
 * relation r that hop may cross (valid then, passing the step's filter). */
static Mat
ex_eval(const Ex *e, const Mat *rel)
{
  Mat out = { { 0 } };

  switch (e->kind) {
    case EX_REL:
      return rel[e->rel];
    case EX_ANY:
      for (int r = 0; r < N_RELS; r++)
        out = mat_or(out, rel[r]);
      return out;
    case EX_NOT:
      /* As SPARQL: forward members exclude forward hops, inverse members
       * inverse hops; each direction is read only if it has members. */
      for (int r = 0; r < N_RELS; r++) {
        if (e->fwd_mask != 0 && !((e->fwd_mask >> r) & 1))
          out = mat_or(out, rel[r]);
        if (e->inv_mask != 0 && !((e->inv_mask >> r) & 1))
          out = mat_or(out, mat_transpose(rel[r]));
      }
      return out;
    case EX_INV:
      return mat_transpose(ex_eval(e->a, rel));
    case EX_SEQ:
      return mat_mul(ex_eval(e->a, rel), ex_eval(e->b, rel));
    case EX_ALT:
      return mat_or(ex_eval(e->a, rel), ex_eval(e->b, rel));
    case EX_STAR:
      return mat_star(ex_eval(e->a, rel));
    case EX_PLUS: {
      Mat a = ex_eval(e->a, rel);

      return mat_mul(a, mat_star(a));
    }
    case EX_OPT:
      return mat_or(mat_identity(), ex_eval(e->a, rel));
    case EX_REPEAT: {
      Mat a = ex_eval(e->a, rel);

      if (e->max == EX_INF)
        return mat_mul(mat_power(a, e->min), mat_star(a));
      for (guint k = e->min; k <= e->max; k++)
        out = mat_or(out, mat_power(a, k));
      return out;
    }
  }
  g_assert_not_reached();
}

/* ---- random graphs ---- */

#define MAX_STMTS 18

typedef struct {
  int          s, r, o;
  AzkbInterval time; ///< as given to the store
  gboolean     dated;
  gint32       first, last; ///< its span, computed here
} Stmt;

typedef struct {
  Stmt   stmts[MAX_STMTS];
  int    n;
  guint  classes[N_NODES]; ///< bit c: the entity is of class Cc
  gint32 present_last;
} Graph;

static AzkbDate
random_date(GRand *rand)
{
  int y = g_rand_int_range(rand, 2000, 2007);

  switch (g_rand_int_range(rand, 0, 3)) {
    case 0:
      return azkb_date_make(y, 0, 0);
    case 1:
      return azkb_date_make(y, (guint)g_rand_int_range(rand, 1, 13), 0);
    default:
      return azkb_date_make(y,
                            (guint)g_rand_int_range(rand, 1, 13),
                            (guint)g_rand_int_range(rand, 1, 29));
  }
}

/* The first and last day of @d, by GDate. */
static gint32
date_first(const AzkbDate *d)
{
  return day_of(d->year,
                d->precision >= AZKB_PRECISION_MONTH ? d->month : 1,
                d->precision >= AZKB_PRECISION_DAY ? d->day : 1);
}

static gint32
date_last(const AzkbDate *d)
{
  int m = d->precision >= AZKB_PRECISION_MONTH ? d->month : 12;

  if (d->precision >= AZKB_PRECISION_DAY)
    return day_of(d->year, m, d->day);
  return day_of(
    d->year, m, g_date_get_days_in_month((GDateMonth)m, (GDateYear)d->year));
}

/* A random time of every kind the store holds, and its span by the rule
 * the README states: an open end runs to the present (but never before
 * the start's own last day), an unknown end covers only the start's own
 * range, an unknown start only the end's. */
static void
random_time(GRand *rand, Stmt *st, gint32 present_last)
{
  AzkbDate a = random_date(rand);
  AzkbDate b = random_date(rand);

  st->dated = TRUE;
  if (date_first(&b) < date_first(&a) ||
      (date_first(&b) > date_first(&a) && date_last(&b) < date_last(&a))) {
    AzkbDate t = a;
    a          = b;
    b          = t;
  }
  switch (g_rand_int_range(rand, 0, 8)) {
    case 0:
    case 1:
      st->dated = FALSE;
      st->time  = azkb_interval_make(NULL, NULL);
      return;
    case 2:
      st->time  = azkb_interval_point(&a);
      st->first = date_first(&a);
      st->last  = date_last(&a);
      return;
    case 3:
      st->time  = azkb_interval_since(&a);
      st->first = date_first(&a);
      st->last  = MAX(present_last, date_last(&a));
      return;
    case 4:
      st->time  = azkb_interval_make(&a, NULL); /* end unknown */
      st->first = date_first(&a);
      st->last  = date_last(&a);
      return;
    case 5:
      st->time  = azkb_interval_make(NULL, &b); /* start unknown */
      st->first = date_first(&b);
      st->last  = date_last(&b);
      return;
    default:
      if (date_first(&a) > date_last(&b)) {
        st->time  = azkb_interval_point(&a);
        st->first = date_first(&a);
        st->last  = date_last(&a);
        return;
      }
      st->time  = azkb_interval_make(&a, &b);
      st->first = date_first(&a);
      st->last  = date_last(&b);
      return;
  }
}

static AzkbStore *
graph_store(GRand *rand, Graph *g)
{
  AzkbStore *store = azkb_store_new();
  AzkbTermId node[N_NODES], rel[N_RELS], cls[2], val;

  for (int i = 0; i < N_NODES; i++) {
    g_autofree char *name = g_strdup_printf("n%d", i);

    node[i] = azkb_store_add_entity(store, name);
  }
  for (int c = 0; c < 2; c++) {
    g_autofree char *name = g_strdup_printf("C%d", c);

    cls[c] = azkb_store_intern(store, name);
    azkb_store_mark(store, cls[c], AZKB_TERM_CLASS);
  }
  for (int i = 0; i < N_NODES; i++) {
    g->classes[i] = (guint)g_rand_int_range(rand, 0, 4);
    for (int c = 0; c < 2; c++)
      if ((g->classes[i] >> c) & 1)
        azkb_store_add_class(store, node[i], cls[c]);
  }
  for (int r = 0; r < N_RELS; r++) {
    g_autofree char *name = g_strdup_printf("r%d", r);

    rel[r] = azkb_store_intern(store, name);
    azkb_store_mark(store, rel[r], AZKB_TERM_RELATION);
  }
  /* A property with a literal value: `_` and `!` must not cross it. */
  val = azkb_store_intern(store, "val");
  azkb_store_mark(store, val, AZKB_TERM_PROPERTY);
  {
    AzkbTermId lit = azkb_store_intern_literal(
      store, AZKB_VALUE_STRING, "x", NULL, NULL, NULL);

    azkb_store_add_statement(store, node[0], val, lit, NULL);
  }

  g->n = 0;
  for (int k = g_rand_int_range(rand, 4, MAX_STMTS + 1); k > 0; k--) {
    Stmt *st = &g->stmts[g->n];

    st->s = g_rand_int_range(rand, 0, N_NODES);
    st->o = g_rand_int_range(rand, 0, N_NODES);
    st->r = g_rand_int_range(rand, 0, N_RELS);
    random_time(rand, st, g->present_last);
    /* The store merges a statement given twice: keep one of them. */
    {
      gboolean again = FALSE;

      for (int j = 0; j < g->n; j++)
        again |= g->stmts[j].s == st->s && g->stmts[j].r == st->r &&
                 g->stmts[j].o == st->o &&
                 azkb_interval_equal(&g->stmts[j].time, &st->time);
      if (again)
        continue;
    }
    azkb_store_add_statement(
      store, node[st->s], rel[st->r], node[st->o], &st->time);
    g->n++;
  }
  return store;
}

/* ---- random patterns ---- */

#define MAX_STEPS 3

typedef enum {
  NODE_NAMED, ///< an entity
  NODE_VAR,
  NODE_ANON,
} NodeKind;

typedef struct {
  NodeKind kind;
  int      entity; ///< NODE_NAMED
  int      var;    ///< NODE_VAR: index of its name
  int      cls;    ///< -1, or the class it must have
} PNode;

/* A time filter as day bounds (either may be unbounded). */
typedef struct {
  gboolean on;
  gint32   lo, hi;
} Filter;

typedef struct {
  Ex      *ex;
  gboolean backward;
  Filter   filter;
} PStep;

typedef struct {
  PNode    nodes[MAX_STEPS + 1];
  PStep    steps[MAX_STEPS];
  int      n_steps;
  int      n_vars;
  Filter   global;
  gboolean strict;
} Pattern;

static void
random_filter(GRand *rand, Filter *f, GString *text)
{
  AzkbDate         a  = random_date(rand);
  AzkbDate         b  = random_date(rand);
  g_autofree char *as = NULL, *bs = NULL;

  if (date_first(&b) < date_first(&a)) {
    AzkbDate t = a;
    a          = b;
    b          = t;
  }
  as    = azkb_date_to_string(&a, AZKB_TIME_STYLE_ISO);
  bs    = azkb_date_to_string(&b, AZKB_TIME_STYLE_ISO);
  f->on = TRUE;
  switch (g_rand_int_range(rand, 0, 4)) {
    case 0:
      f->lo = date_first(&a);
      f->hi = date_last(&a);
      g_string_append(text, as);
      return;
    case 1:
      f->lo = date_first(&a);
      f->hi = G_MAXINT32;
      g_string_append_printf(text, "%s..", as);
      return;
    case 2:
      f->lo = G_MININT32;
      f->hi = date_last(&b);
      g_string_append_printf(text, "..%s", bs);
      return;
    default:
      f->lo = date_first(&a);
      f->hi = MAX(date_last(&b), f->lo);
      g_string_append_printf(text, "%s..%s", as, bs);
      return;
  }
}

static void
random_pattern(GRand *rand, Pattern *p, GString *text, GString *global_text)
{
  memset(p, 0, sizeof *p);
  p->n_steps = g_rand_int_range(rand, 1, MAX_STEPS + 1);
  for (int i = 0; i <= p->n_steps; i++) {
    PNode *n = &p->nodes[i];
    int    k = g_rand_int_range(rand, 0, 10);

    n->cls =
      g_rand_int_range(rand, 0, 6) == 0 ? g_rand_int_range(rand, 0, 2) : -1;
    if (k < 2) {
      n->kind   = NODE_NAMED;
      n->entity = g_rand_int_range(rand, 0, N_NODES);
      n->cls    = -1;
      g_string_append_printf(text, "n%d", n->entity);
    } else if (k < 4) {
      n->kind = NODE_ANON;
      g_string_append(text, "?");
    } else {
      n->kind = NODE_VAR;
      /* Sometimes a variable already used: a join. */
      n->var = p->n_vars > 0 && g_rand_int_range(rand, 0, 4) == 0
                 ? g_rand_int_range(rand, 0, p->n_vars)
                 : p->n_vars++;
      g_string_append_printf(text, "?v%d", n->var);
    }
    if (n->cls >= 0)
      g_string_append_printf(text, ":C%d", n->cls);
    if (i == p->n_steps)
      break;
    {
      PStep *s = &p->steps[i];

      s->ex       = ex_random(rand, 3);
      s->backward = g_rand_boolean(rand);
      g_string_append(text, s->backward ? " <-" : " -");
      ex_print(s->ex, text);
      if (g_rand_int_range(rand, 0, 5) == 0) {
        g_string_append_c(text, '@');
        random_filter(rand, &s->filter, text);
      }
      g_string_append(text, s->backward ? "- " : "-> ");
    }
  }
  if (g_rand_int_range(rand, 0, 6) == 0)
    random_filter(rand, &p->global, global_text);
  p->strict = g_rand_int_range(rand, 0, 4) == 0;
}

static void
pattern_clear(Pattern *p)
{
  for (int i = 0; i < p->n_steps; i++)
    ex_free(p->steps[i].ex);
}

/* ---- the oracle ---- */

static gboolean
filter_passes(const Filter *f, const Stmt *st, gboolean strict)
{
  if (!f->on)
    return TRUE;
  if (!st->dated)
    return !strict;
  return st->first <= f->hi && st->last >= f->lo;
}

/* Does statement @st hold at day @t (the snapshot)? */
static gboolean
holds_at(const Stmt *st, gint32 t, gboolean strict)
{
  if (!st->dated)
    return !strict;
  return st->first <= t && t <= st->last;
}

/* The rows matching @p in the snapshot at day @t, each as a key of its
 * variables' entities ("n1,n3"), added to @rows with the range
 * [@t, @t_last] appended to its list of ranges. */
static void
snapshot_rows(const Graph   *g,
              const Pattern *p,
              gint32         t,
              gint32         t_last,
              GHashTable    *rows)
{
  Mat step_mat[MAX_STEPS];
  int assign[MAX_STEPS + 1];
  int n_nodes = p->n_steps + 1;
  g_autoptr(GHashTable) seen =
    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

  for (int i = 0; i < p->n_steps; i++) {
    Mat rel[N_RELS];

    memset(rel, 0, sizeof rel);
    for (int k = 0; k < g->n; k++) {
      const Stmt *st = &g->stmts[k];

      if (holds_at(st, t, p->strict) &&
          filter_passes(&p->steps[i].filter, st, p->strict) &&
          filter_passes(&p->global, st, p->strict))
        rel[st->r].m[st->s] |= (guint8)(1u << st->o);
    }
    step_mat[i] = ex_eval(p->steps[i].ex, rel);
    /* Written `A <-EX- B`: EX reads from B to A. */
    if (p->steps[i].backward)
      step_mat[i] = mat_transpose(step_mat[i]);
  }

  /* Every assignment of entities to the nodes, as a number in base N. */
  int total = 1;

  for (int i = 0; i < n_nodes; i++)
    total *= N_NODES;
  for (int code = 0; code < total; code++) {
    int      c  = code;
    gboolean ok = TRUE;
    int      var_value[MAX_STEPS + 1];
    GString *key;

    for (int i = 0; i < n_nodes; i++) {
      assign[i] = c % N_NODES;
      c /= N_NODES;
    }
    for (int v = 0; v <= MAX_STEPS; v++)
      var_value[v] = -1;
    for (int i = 0; i < n_nodes && ok; i++) {
      const PNode *n = &p->nodes[i];

      if (n->kind == NODE_NAMED && assign[i] != n->entity)
        ok = FALSE;
      if (n->cls >= 0 && !((g->classes[assign[i]] >> n->cls) & 1))
        ok = FALSE;
      if (n->kind == NODE_VAR) {
        if (var_value[n->var] >= 0 && var_value[n->var] != assign[i])
          ok = FALSE;
        var_value[n->var] = assign[i];
      }
    }
    for (int i = 0; i < p->n_steps && ok; i++)
      ok = (step_mat[i].m[assign[i]] >> assign[i + 1]) & 1;
    if (!ok)
      continue;
    key = g_string_new(NULL);
    for (int v = 0; v < p->n_vars; v++)
      g_string_append_printf(key, "%sn%d", v ? "," : "", var_value[v]);
    if (g_hash_table_contains(seen, key->str)) {
      g_string_free(key, TRUE);
      continue;
    }
    g_hash_table_add(seen, g_strdup(key->str));
    {
      GArray      *ranges = g_hash_table_lookup(rows, key->str);
      AzkbDayRange r      = { t, t_last };

      if (ranges == NULL) {
        ranges = g_array_new(FALSE, FALSE, sizeof(AzkbDayRange));
        g_hash_table_insert(rows, g_strdup(key->str), ranges);
      }
      /* Elementary intervals come in order: touching ones merge. */
      if (ranges->len > 0 &&
          g_array_index(ranges, AzkbDayRange, ranges->len - 1).last + 1 == t)
        g_array_index(ranges, AzkbDayRange, ranges->len - 1).last = t_last;
      else
        g_array_append_val(ranges, r);
    }
    g_string_free(key, TRUE);
  }
}

static int
compare_days(gconstpointer a, gconstpointer b)
{
  gint32 x = *(const gint32 *)a, y = *(const gint32 *)b;

  return (x > y) - (x < y);
}

/* key → GArray of AzkbDayRange: every row and when it held. */
static GHashTable *
oracle(const Graph *g, const Pattern *p)
{
  GHashTable *rows = g_hash_table_new_full(
    g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_array_unref);
  g_autoptr(GArray) bounds = g_array_new(FALSE, FALSE, sizeof(gint32));
  gint32 lo                = AZKB_DAY_MIN;

  /* The elementary intervals: between consecutive distinct boundaries
   * (a span's first day and the day after its last). */
  for (int k = 0; k < g->n; k++)
    if (g->stmts[k].dated) {
      gint32 after = g->stmts[k].last + 1;

      g_array_append_val(bounds, g->stmts[k].first);
      g_array_append_val(bounds, after);
    }
  g_array_sort(bounds, compare_days);
  for (guint i = 0; i <= bounds->len; i++) {
    gint32 hi =
      i < bounds->len ? g_array_index(bounds, gint32, i) - 1 : AZKB_DAY_MAX;

    if (hi < lo)
      continue;
    snapshot_rows(g, p, lo, hi, rows);
    lo = hi + 1;
  }
  return rows;
}

static char *
ranges_text(const AzkbDayRange *r, gsize n)
{
  GString *out = g_string_new(NULL);

  for (gsize i = 0; i < n; i++)
    g_string_append_printf(
      out, "%s%d..%d", i ? " " : "", r[i].first, r[i].last);
  return g_string_free(out, FALSE);
}

static void
compare_with_oracle(guint32     seed,
                    guint       c,
                    const char *text,
                    AzkbStore  *store,
                    AzkbResult *res,
                    GHashTable *want)
{
  guint n_cols = azkb_result_n_columns(res);

  g_assert_cmpint(
    azkb_result_column_kind(res, n_cols - 1), ==, AZKB_COLUMN_WHEN);
  for (guint r = 0; r < azkb_result_n_rows(res); r++) {
    const AzkbTermId *row  = azkb_result_row(res, r);
    g_autoptr(GString) key = g_string_new(NULL);
    gsize               n;
    const AzkbDayRange *got = azkb_result_when(res, row[n_cols - 1], &n);
    GArray             *exp;
    g_autofree char    *got_text = ranges_text(got, n);

    for (guint v = 0; v + 1 < n_cols; v++)
      g_string_append_printf(
        key, "%s%s", v ? "," : "", azkb_store_term_name(store, row[v]));
    exp = g_hash_table_lookup(want, key->str);
    if (exp == NULL)
      g_error("seed %u case %u: “%s”: row %s (%s) is not in the oracle's "
              "answer",
              seed,
              c,
              text,
              key->str,
              got_text);
    if (exp->len != n ||
        memcmp(exp->data, got, n * sizeof(AzkbDayRange)) != 0) {
      g_autofree char *exp_text =
        ranges_text((const AzkbDayRange *)(gpointer)exp->data, exp->len);

      g_error("seed %u case %u: “%s”: row %s held %s, the oracle says %s",
              seed,
              c,
              text,
              key->str,
              got_text,
              exp_text);
    }
    g_hash_table_remove(want, key->str);
  }
  if (g_hash_table_size(want) > 0) {
    GHashTableIter it;
    gpointer       key;

    g_hash_table_iter_init(&it, want);
    g_hash_table_iter_next(&it, &key, NULL);
    g_error("seed %u case %u: “%s”: row %s of the oracle is missing",
            seed,
            c,
            text,
            (const char *)key);
  }
}

static void
test_when_agrees_with_snapshot_oracle(void)
{
  guint32 seed          = g_test_rand_int();
  g_autoptr(GRand) rand = g_rand_new_with_seed(seed);
  guint    cases        = g_test_thorough() ? 20000 : 1500;
  AzkbDate present      = azkb_date_make(2005, 6, 15);

  azkb_time_set_present(&present);
  for (guint c = 0; c < cases; c++) {
    Graph   g;
    Pattern p;
    g_autoptr(GString) text        = g_string_new(NULL);
    g_autoptr(GString) global_text = g_string_new(NULL);
    g_autoptr(AzkbStore) store     = NULL;
    g_autoptr(GError) error        = NULL;
    g_autoptr(AzkbQuery) q         = NULL;
    g_autoptr(AzkbResult) res      = NULL;
    g_autoptr(GHashTable) want     = NULL;

    g.present_last = date_last(&present);
    store          = graph_store(rand, &g);
    random_pattern(rand, &p, text, global_text);
    q = azkb_query_parse(text->str, store, &error);
    if (q == NULL)
      g_error("seed %u case %u: “%s”: %s", seed, c, text->str, error->message);
    if (p.global.on) {
      AzkbInterval t;

      g_assert_true(azkb_interval_parse(global_text->str, &t, &error));
      g_assert_true(azkb_query_set_time(q, &t, &error));
    }
    azkb_query_set_flags(
      q, AZKB_QUERY_WHEN | (p.strict ? AZKB_QUERY_STRICT_TIME : 0));
    res  = azkb_query_execute(q, 0);
    want = oracle(&g, &p);
    if (g_test_verbose())
      g_test_message("case %u: %s%s%s%s: %d statements, %u rows",
                     c,
                     text->str,
                     p.global.on ? " --during " : "",
                     global_text->str,
                     p.strict ? " --strict-time" : "",
                     g.n,
                     azkb_result_n_rows(res));
    compare_with_oracle(seed, c, text->str, store, res, want);
    pattern_clear(&p);
  }
  azkb_time_set_present(NULL);
}

/* ---- the command line ---- */

static void
test_cli_when_table_tsv_and_json(void)
{
  AzkbTestRun run = azkb_test_run_azkb("query",
                                       "--now",
                                       "2026-12-01",
                                       "--when",
                                       "-f",
                                       "tsv",
                                       "Azerbaijan -memberOf-> ?body",
                                       NULL);

  g_assert_cmpint(run.status, ==, 0);
  g_assert_cmpstr(run.out,
                  ==,
                  "?body\t?when\n"
                  "UN Security Council\t2012/2013\n"
                  "United Nations\t1992-03-02/..\n");
  azkb_test_run_clear(&run);

  run = azkb_test_run_azkb(
    "query", "--when", "-f", "json", "Azerbaijan -electedTo-> ECOSOC", NULL);
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "\"edtf\" : \"2003/2005\"");
  azkb_test_assert_contains(run.out, "\"edtf\" : \"2017/2019\"");
  azkb_test_assert_contains(run.out, "\"firstDay\" : \"2017-01-01\"");
  azkb_test_run_clear(&run);

  /* Two hops at the same time: the meetings held while Azerbaijan sat on
   * the body that held them. */
  run = azkb_test_run_azkb(
    "query", "--when", "?m:Meeting -heldBy-> ? <-memberOf- Azerbaijan", NULL);
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "?when");
  azkb_test_assert_contains(run.out, "4 May 2012");
  azkb_test_assert_contains(run.out, "28 October 2013");
  azkb_test_run_clear(&run);
}

static void
test_cli_when_refuses_sparql_and_locates_errors(void)
{
  AzkbTestRun run = azkb_test_run_azkb(
    "query", "--when", "--sparql", "Azerbaijan -memberOf-> ?b", NULL);

  g_assert_cmpint(run.status, ==, 2);
  g_assert_cmpstr(run.out, ==, "");
  azkb_test_assert_contains(run.err, "--when: the days a whole row held");
  azkb_test_assert_contains(run.err, "have no SPARQL 1.1 form");
  azkb_test_run_clear(&run);

  run =
    azkb_test_run_azkb("query", "--when", "Azerbaijan -electdTo-> ?b", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "column 13: no relation “electdTo”");
  azkb_test_run_clear(&run);

  /* Held in no one snapshot: no row, exit status 1. */
  run = azkb_test_run_azkb("query",
                           "--when",
                           "Azerbaijan -memberOf@2012-> ? <-heldBy- "
                           "?m:Meeting -heldBy@2015-> ?",
                           NULL);
  g_assert_cmpint(run.status, ==, 1);
  azkb_test_run_clear(&run);
}

static void
test_cli_path_when(void)
{
  AzkbTestRun run =
    azkb_test_run_azkb("path", "--when", "Heydar Aliyev", "UNESCO", NULL);

  g_assert_cmpint(run.status, ==, 0);
  /* Two hops of September 1994 and two undated ones. */
  azkb_test_assert_contains(run.out, "\n  every hop at once: September 1994\n");
  azkb_test_run_clear(&run);
  run = azkb_test_run_azkb(
    "path", "--when", "--strict-time", "Heydar Aliyev", "UNESCO", NULL);
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "\n  every hop at once: never\n");
  azkb_test_run_clear(&run);
}

/* Lines of DOT without the tooltips (which list sources in an order that
 * depends on term ids, not on what was exported). */
static char *
without_tooltips(const char *dot)
{
  g_auto(GStrv) lines = g_strsplit(dot, "\n", -1);
  GString *out        = g_string_new(NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr(lines[i], "tooltip") == NULL)
      g_string_append_printf(out, "%s\n", lines[i]);
  return g_string_free(out, FALSE);
}

static void
test_cli_export_at_agrees_with_dot_at(void)
{
  const char *dates[]  = { "1993", "2012", "2012-05-04", "2003..2005", "2019" };
  g_autofree char *dir = azkb_test_tmpdir_new("azkb-when");
  g_autofree char *nt  = g_build_filename(dir, "at.nt", NULL);

  for (guint i = 0; i < G_N_ELEMENTS(dates); i++) {
    AzkbTestRun      exp, full, again;
    g_autofree char *a = NULL, *b = NULL;

    exp = azkb_test_run_azkb(
      "export", "--with-ontology", "--at", dates[i], "-o", nt, NULL);
    g_assert_cmpint(exp.status, ==, 0);
    full  = azkb_test_run_azkb("dot", "--at", dates[i], NULL);
    again = azkb_test_run_azkb("dot", "--data", nt, "--at", dates[i], NULL);
    g_assert_cmpint(full.status, ==, 0);
    g_assert_cmpint(again.status, ==, 0);
    a = without_tooltips(full.out);
    b = without_tooltips(again.out);
    g_assert_cmpstr(a, ==, b);
    azkb_test_run_clear(&exp);
    azkb_test_run_clear(&full);
    azkb_test_run_clear(&again);
  }
  azkb_test_tmpdir_remove(dir);
}

static void
test_cli_export_at_keeps_what_held_then(void)
{
  AzkbTestRun at =
    azkb_test_run_azkb("export", "-f", "ntriples", "--at", "2012", NULL);
  AzkbTestRun full = azkb_test_run_azkb("export", "-f", "ntriples", NULL);
  AzkbTestRun bad  = azkb_test_run_azkb("export", "--at", "2012x", NULL);

  g_assert_cmpint(at.status, ==, 0);
  g_assert_cmpint(full.status, ==, 0);
  /* The ECOSOC term of 2017–2019 began later; the Security Council seat of
   * 2012–2013 held; partOf is undated and always holds. */
  azkb_test_assert_contains(full.out, "\"2017\"^^");
  g_assert_null(strstr(at.out, "\"2017\"^^"));
  azkb_test_assert_contains(at.out, "\"2013\"^^");
  azkb_test_assert_contains(at.out, "/ontology#partOf>");
  g_assert_cmpuint(strlen(at.out), <, strlen(full.out));
  g_assert_cmpint(bad.status, ==, 2);
  azkb_test_assert_contains(bad.err, "--at: invalid time \"2012x\"");
  azkb_test_run_clear(&at);
  azkb_test_run_clear(&full);
  azkb_test_run_clear(&bad);
}

static void
test_cli_diff_lists_changes_with_sources(void)
{
  AzkbTestRun run =
    azkb_test_run_azkb("diff", "--now", "2026-12-01", "2012", "2019", NULL);

  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "Ended (5):");
  azkb_test_assert_contains(
    run.out,
    "2012–2013                      Azerbaijan -memberOf-> UN "
    "Security Council  [P10]");
  azkb_test_assert_contains(run.out, "Held throughout (5):");
  azkb_test_assert_contains(run.out, "since 2 March 1992");
  azkb_test_run_clear(&run);

  run = azkb_test_run_azkb("diff",
                           "--now",
                           "2026-12-01",
                           "2012",
                           "2019",
                           "--around",
                           "ECOSOC",
                           "-f",
                           "tsv",
                           NULL);
  g_assert_cmpint(run.status, ==, 0);
  g_assert_cmpstr(run.out,
                  ==,
                  "change\ttime\tsubject\trelation\tobject\tsources\n"
                  "began\t2017/2019\tAzerbaijan\telectedTo\tEconomic and "
                  "Social Council\tP7\n");
  azkb_test_run_clear(&run);

  run = azkb_test_run_azkb(
    "diff", "2013", "2013", "--around", "Azerbaijan", "-f", "json", NULL);
  g_assert_cmpint(run.status, ==, 0);
  /* the shape of every command's JSON: members, columns, rows */
  azkb_test_assert_contains(run.out, "\"columns\" : [\n    \"change\",");
  azkb_test_assert_contains(run.out, "\"rows\" : [\n    {\n");
  azkb_test_assert_contains(run.out, "\"change\" : \"began-and-ended\"");
  azkb_test_assert_contains(run.out, "\"sources\" : [\n        \"P13\"\n");
  azkb_test_run_clear(&run);
}

static void
test_cli_diff_errors(void)
{
  AzkbTestRun run = azkb_test_run_azkb("diff", "2019", "2012", NULL);

  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "2019 begins after 2012");
  azkb_test_run_clear(&run);
  run = azkb_test_run_azkb("diff", "2012", "20x9", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "DATE2: invalid date \"20x9\"");
  azkb_test_run_clear(&run);
  run =
    azkb_test_run_azkb("diff", "2012", "2019", "--around", "Azerbijan", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_assert_contains(run.err, "did you mean “Azerbaijan”?");
  azkb_test_run_clear(&run);
  run = azkb_test_run_azkb("diff", "2012", NULL);
  g_assert_cmpint(run.status, ==, 2);
  azkb_test_run_clear(&run);
  run = azkb_test_run_azkb("diff", "1900", "1901", NULL);
  g_assert_cmpint(run.status, ==, 1);
  azkb_test_run_clear(&run);
  /* no change is status 1 in every format, the shape still printed */
  run = azkb_test_run_azkb("diff", "1900", "1901", "-f", "json", NULL);
  g_assert_cmpint(run.status, ==, 1);
  azkb_test_assert_contains(run.out, "\"rows\" : [");
  azkb_test_run_clear(&run);
  run = azkb_test_run_azkb("diff", "1900", "1901", "-f", "tsv", NULL);
  g_assert_cmpint(run.status, ==, 1);
  azkb_test_assert_contains(run.out, "change\ttime\t");
  azkb_test_run_clear(&run);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/time/set/day-bounds", test_day_bounds);
  g_test_add_func("/time/set/coalesce-touching-and-overlapping",
                  test_set_coalesces_touching_and_overlapping_ranges);
  g_test_add_func("/time/set/union-and-intersection",
                  test_set_union_and_intersection);
  g_test_add_func("/time/set/intersection-with-empty",
                  test_set_intersection_with_empty_is_empty);
  g_test_add_func(
    "/time/set/text-at-coarsest-exact-precision",
    test_set_text_names_each_range_at_its_coarsest_exact_precision);
  g_test_add_func("/when/oracle/random-graphs-agree-with-snapshots",
                  test_when_agrees_with_snapshot_oracle);
  g_test_add_func("/when/cli/table-tsv-json", test_cli_when_table_tsv_and_json);
  g_test_add_func("/when/cli/sparql-refused-errors-located",
                  test_cli_when_refuses_sparql_and_locates_errors);
  g_test_add_func("/when/cli/path", test_cli_path_when);
  g_test_add_func("/export/at/agrees-with-dot-at",
                  test_cli_export_at_agrees_with_dot_at);
  g_test_add_func("/export/at/keeps-what-held-then",
                  test_cli_export_at_keeps_what_held_then);
  g_test_add_func("/diff/lists-changes-with-sources",
                  test_cli_diff_lists_changes_with_sources);
  g_test_add_func("/diff/errors", test_cli_diff_errors);
  return g_test_run();
}
