/* Tests of `--when`, the sequenced semantics of query rows
 * (AZKB_QUERY_WHEN); the sets of days it rests on are tested in
 * test-time-daysets.c.
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

/* The day number of @y-@m-@d by GDate, not by azkb. */
static gint32
day_of(int y, int m, int d)
{
  GDate date;

  g_date_clear(&date, 1);
  g_date_set_dmy(&date, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
  return (gint32)g_date_get_julian(&date);
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
#define N_LITS 3
#define MAX_LIT_STMTS 4
/* A statement's r for the property `val`, whose object o is a literal. */
#define LIT_REL N_RELS
#define MAX_ALL (MAX_STMTS + MAX_LIT_STMTS)

typedef struct {
  int          s, r, o; ///< o: an entity, or a literal when r is LIT_REL
  AzkbInterval time;    ///< as given to the store
  gboolean     dated;
  gint32       first, last; ///< its span, computed here
  AzkbStmtId   id;
  int          same_time; ///< the first statement of an equal time
} Stmt;

typedef struct {
  Stmt       stmts[MAX_ALL]; ///< between entities, then to literals
  int        n;
  guint      classes[N_NODES]; ///< bit c: the entity is of class Cc
  gint32     present_last;
  AzkbTermId lits[N_LITS];
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

/* Add @st unless the store would merge it with one given before (the same
 * triple at the same time); TRUE if added. */
static gboolean
add_random_statement(AzkbStore *store,
                     Graph     *g,
                     Stmt      *st,
                     AzkbTermId s,
                     AzkbTermId p,
                     AzkbTermId o)
{
  for (int j = 0; j < g->n; j++)
    if (g->stmts[j].s == st->s && g->stmts[j].r == st->r &&
        g->stmts[j].o == st->o &&
        azkb_interval_equal(&g->stmts[j].time, &st->time))
      return FALSE;
  st->id        = azkb_store_add_statement(store, s, p, o, &st->time);
  st->same_time = g->n;
  for (int j = g->n; j-- > 0;)
    if (azkb_interval_equal(&g->stmts[j].time, &st->time))
      st->same_time = j;
  /* each statement its own paragraph, so a sources list names statements */
  {
    g_autofree char *name = g_strdup_printf("P%d", g->n);

    azkb_store_add_source(store, st->id, azkb_store_intern(store, name));
  }
  g->n++;
  return TRUE;
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
  /* A property with literal values: `_` and `!` must not cross it. */
  val = azkb_store_intern(store, "val");
  azkb_store_mark(store, val, AZKB_TERM_PROPERTY);
  for (int l = 0; l < N_LITS; l++) {
    g_autofree char *text = g_strdup_printf("x%d", l);

    g->lits[l] = azkb_store_intern_literal(
      store, AZKB_VALUE_STRING, text, NULL, NULL, NULL);
  }

  g->n = 0;
  for (int k = g_rand_int_range(rand, 4, MAX_STMTS + 1); k > 0; k--) {
    Stmt *st = &g->stmts[g->n];

    st->s = g_rand_int_range(rand, 0, N_NODES);
    st->o = g_rand_int_range(rand, 0, N_NODES);
    st->r = g_rand_int_range(rand, 0, N_RELS);
    random_time(rand, st, g->present_last);
    add_random_statement(store, g, st, node[st->s], rel[st->r], node[st->o]);
  }
  for (int k = g_rand_int_range(rand, 1, MAX_LIT_STMTS + 1); k > 0; k--) {
    Stmt *st = &g->stmts[g->n];

    st->s = g_rand_int_range(rand, 0, N_NODES);
    st->o = g_rand_int_range(rand, 0, N_LITS);
    st->r = LIT_REL;
    random_time(rand, st, g->present_last);
    add_random_statement(store, g, st, node[st->s], val, g->lits[st->o]);
  }
  return store;
}

/* ---- random patterns ---- */

#define MAX_STEPS 3
#define MAX_CONSTRAINTS 2

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
  Ex      *ex; ///< NULL: a literal step of the property alone
  gboolean backward;
  Filter   filter;
  int      time_var; ///< `@?tK`: K, or -1
  gboolean literal;  ///< ends with the property `val` (the last step)
} PStep;

static const char *const allen_names[] = {
  "before",        "after",       "meets",      "met-by",     "overlaps",
  "overlapped-by", "starts",      "started-by", "during",     "contains",
  "finishes",      "finished-by", "equals",     "intersects",
};

/* `?tA RELATION ?tB` or `?tA RELATION DATE` (`DATE RELATION ?tA` when
 * @date_first). */
typedef struct {
  int      rel;    ///< index into allen_names
  int      a, b;   ///< time variables; b -1 for a date
  gint32   lo, hi; ///< the date's span
  gboolean date_first;
} PConstraint;

typedef struct {
  PNode       nodes[MAX_STEPS + 1];
  PStep       steps[MAX_STEPS];
  int         n_steps;
  int         n_vars;
  int         lit_var; ///< the variable bound to a literal, or -1
  int         n_times;
  PConstraint constraints[MAX_CONSTRAINTS];
  int         n_constraints;
  Filter      global;
  gboolean    strict;
  gboolean    sources;
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

/* An expression every word of which is one relation long: what a time
 * variable may bind. */
static Ex *
ex_random_hop(GRand *rand, int depth)
{
  Ex *e = ex_random(rand, 0); /* a relation */
  int k = depth <= 0 ? 0 : g_rand_int_range(rand, 0, 6);

  if (k == 3 || k == 4) {
    e->kind = k == 3 ? EX_INV : EX_ALT;
    e->a    = ex_random_hop(rand, depth - 1);
    e->b    = k == 4 ? ex_random_hop(rand, depth - 1) : NULL;
  } else if (k == 5) {
    ex_free(e);
    e = ex_random(rand, 1);
    while (e->kind != EX_ANY && e->kind != EX_NOT) {
      ex_free(e);
      e = ex_random(rand, 1);
    }
  }
  return e;
}

/* A date operand of a constraint: `A` or `A..B`. */
static void
random_operand(GRand *rand, PConstraint *c, GString *text)
{
  AzkbDate         a  = random_date(rand);
  AzkbDate         b  = random_date(rand);
  g_autofree char *as = azkb_date_to_string(&a, AZKB_TIME_STYLE_ISO);
  g_autofree char *bs = azkb_date_to_string(&b, AZKB_TIME_STYLE_ISO);

  if (g_rand_boolean(rand)) {
    /* whole years, which the random times overlap more often */
    a = azkb_date_make(MIN(a.year, b.year), 0, 0);
    b = azkb_date_make(MAX(a.year, b.year) + 1, 0, 0);
    g_free(as);
    g_free(bs);
    as = azkb_date_to_string(&a, AZKB_TIME_STYLE_ISO);
    bs = azkb_date_to_string(&b, AZKB_TIME_STYLE_ISO);
  }
  c->lo = date_first(&a);
  c->hi = date_last(&a);
  if (g_rand_boolean(rand) && date_first(&b) > date_last(&a)) {
    c->hi = date_last(&b);
    g_string_append_printf(text, "%s..%s", as, bs);
  } else
    g_string_append(text, as);
}

static void
random_constraint(GRand *rand, Pattern *p, GString *text)
{
  PConstraint *c       = &p->constraints[p->n_constraints++];
  g_autoptr(GString) d = g_string_new(NULL);

  /* `intersects` half the time: the others rarely hold on random times */
  c->rel        = g_rand_boolean(rand)
                    ? (int)G_N_ELEMENTS(allen_names) - 1
                    : g_rand_int_range(rand, 0, G_N_ELEMENTS(allen_names));
  c->a          = g_rand_int_range(rand, 0, p->n_times);
  c->b          = p->n_times > 1 && g_rand_boolean(rand)
                    ? g_rand_int_range(rand, 0, p->n_times)
                    : -1;
  c->date_first = c->b < 0 && g_rand_boolean(rand);
  if (c->b < 0)
    random_operand(rand, c, d);
  else
    g_string_printf(d, "?t%d", c->b);
  if (c->date_first)
    g_string_printf(text, "%s %s ?t%d", d->str, allen_names[c->rel], c->a);
  else
    g_string_printf(text, "?t%d %s %s", c->a, allen_names[c->rel], d->str);
}

static void
random_step(GRand *rand, Pattern *p, int i, GString *text)
{
  PStep *s = &p->steps[i];

  s->time_var = -1;
  s->literal  = p->lit_var != -2 && i == p->n_steps - 1;
  s->backward = !s->literal && g_rand_boolean(rand);
  if (g_rand_int_range(rand, 0, 4) == 0)
    s->time_var = p->n_times++;
  if (s->literal)
    s->ex = s->time_var < 0 && g_rand_boolean(rand) ? ex_random(rand, 2) : NULL;
  else
    s->ex = s->time_var >= 0 ? ex_random_hop(rand, 2) : ex_random(rand, 3);
  g_string_append(text, s->backward ? " <-" : " -");
  if (s->ex != NULL)
    ex_print(s->ex, text);
  if (s->literal)
    g_string_append(text, s->ex != NULL ? "/val" : "val");
  if (s->time_var >= 0)
    g_string_append_printf(text, "@?t%d", s->time_var);
  if (g_rand_int_range(rand, 0, 5) == 0) {
    g_string_append_c(text, '@');
    random_filter(rand, &s->filter, text);
  }
  g_string_append(text, s->backward ? "- " : "-> ");
}

static void
random_node(GRand *rand, Pattern *p, int i, GString *text)
{
  PNode *n = &p->nodes[i];
  int    k = g_rand_int_range(rand, 0, 10);

  n->cls =
    g_rand_int_range(rand, 0, 6) == 0 ? g_rand_int_range(rand, 0, 2) : -1;
  if (i == p->n_steps && p->lit_var != -2) {
    /* a literal value: a variable of its own, or nobody's */
    n->cls  = -1;
    n->kind = k < 3 ? NODE_ANON : NODE_VAR;
    if (n->kind == NODE_VAR) {
      n->var     = p->n_vars++;
      p->lit_var = n->var;
      g_string_append_printf(text, "?v%d", n->var);
    } else
      g_string_append(text, "?");
    return;
  }
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
}

/* A pattern in @text, its --during in @global_text and its --where
 * constraints in @where (one string each). */
static void
random_pattern(GRand     *rand,
               Pattern   *p,
               GString   *text,
               GString   *global_text,
               GPtrArray *where)
{
  memset(p, 0, sizeof *p);
  p->n_steps = g_rand_int_range(rand, 1, MAX_STEPS + 1);
  /* -2: no literal; -1: a literal nobody names (until a variable does) */
  p->lit_var = g_rand_int_range(rand, 0, 4) == 0 ? -1 : -2;
  for (int i = 0; i <= p->n_steps; i++) {
    random_node(rand, p, i, text);
    if (i < p->n_steps)
      random_step(rand, p, i, text);
  }
  while (p->n_times > 0 && p->n_constraints < MAX_CONSTRAINTS &&
         g_rand_int_range(rand, 0, 2) == 0) {
    GString *c = g_string_new(NULL);

    random_constraint(rand, p, c);
    g_ptr_array_add(where, g_string_free(c, FALSE));
  }
  if (g_rand_int_range(rand, 0, 6) == 0)
    random_filter(rand, &p->global, global_text);
  p->strict  = g_rand_int_range(rand, 0, 4) == 0;
  p->sources = g_rand_int_range(rand, 0, 3) == 0;
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

/* Allen's relations written out from their definitions on closed day
 * ranges [as, ae], [bs, be]. */
static gboolean
allen_holds(int rel, gint32 as, gint32 ae, gint32 bs, gint32 be)
{
  switch (rel) {
    case 0:
      return ae + 1 < bs;
    case 1:
      return be + 1 < as;
    case 2:
      return ae + 1 == bs;
    case 3:
      return be + 1 == as;
    case 4:
      return as < bs && bs <= ae && ae < be;
    case 5:
      return bs < as && as <= be && be < ae;
    case 6:
      return as == bs && ae < be;
    case 7:
      return as == bs && ae > be;
    case 8:
      return as > bs && ae < be;
    case 9:
      return as < bs && ae > be;
    case 10:
      return ae == be && as > bs;
    case 11:
      return ae == be && as < bs;
    case 12:
      return as == bs && ae == be;
    default:
      return as <= be && bs <= ae;
  }
}

/* Do the statements @chosen (by time variable) meet every constraint?  An
 * undated statement meets none. */
static gboolean
constraints_met(const Graph *g, const Pattern *p, const int *chosen)
{
  for (int i = 0; i < p->n_constraints; i++) {
    const PConstraint *c = &p->constraints[i];
    const Stmt        *a = &g->stmts[chosen[c->a]];
    const Stmt        *b = c->b >= 0 ? &g->stmts[chosen[c->b]] : NULL;

    if (!a->dated || (b != NULL && !b->dated))
      return FALSE;
    if (b != NULL ? !allen_holds(c->rel, a->first, a->last, b->first, b->last)
        : c->date_first ? !allen_holds(c->rel, c->lo, c->hi, a->first, a->last)
                        : !allen_holds(c->rel, a->first, a->last, c->lo, c->hi))
      return FALSE;
  }
  return TRUE;
}

/* What a snapshot's steps may cross. */
typedef struct {
  Mat      mat[MAX_STEPS];          ///< a step without a time variable
  Mat      one[MAX_STEPS][MAX_ALL]; ///< a time variable's step, per statement
  gboolean usable[MAX_STEPS][MAX_ALL]; ///< valid then, passing the filters
} Snapshot;

static void
snapshot_init(Snapshot       *sn,
              const Graph    *g,
              const Pattern  *p,
              gint32          t,
              const gboolean *allowed)
{
  memset(sn, 0, sizeof *sn);
  for (int i = 0; i < p->n_steps; i++) {
    const PStep *s = &p->steps[i];
    Mat          rel[N_RELS];

    memset(rel, 0, sizeof rel);
    for (int k = 0; k < g->n; k++) {
      const Stmt *st = &g->stmts[k];

      sn->usable[i][k] = holds_at(st, t, p->strict) &&
                         filter_passes(&s->filter, st, p->strict) &&
                         filter_passes(&p->global, st, p->strict) &&
                         (allowed == NULL || allowed[k]);
      if (!sn->usable[i][k] || st->r == LIT_REL)
        continue;
      rel[st->r].m[st->s] |= (guint8)(1u << st->o);
      if (s->time_var >= 0 && !s->literal) {
        Mat only[N_RELS];

        memset(only, 0, sizeof only);
        only[st->r].m[st->s] = (guint8)(1u << st->o);
        sn->one[i][k]        = ex_eval(s->ex, only);
        /* Written `A <-EX- B`: EX reads from B to A. */
        if (s->backward)
          sn->one[i][k] = mat_transpose(sn->one[i][k]);
      }
    }
    sn->mat[i] = s->ex != NULL ? ex_eval(s->ex, rel) : mat_identity();
    if (s->backward)
      sn->mat[i] = mat_transpose(sn->mat[i]);
  }
}

/* The statements step @i may bind from @u to @v (a time variable's), in
 * @out; or, for a step binding none, whether it leads there (one entry,
 * -1).  Returns how many. */
static int
step_choices(const Graph    *g,
             const Pattern  *p,
             const Snapshot *sn,
             int             i,
             int             u,
             int             v,
             int            *out)
{
  const PStep *s = &p->steps[i];
  int          n = 0;

  if (s->literal) {
    /* over what comes before `val` to some node, then `val` to v */
    for (int k = 0; k < g->n; k++) {
      const Stmt *st = &g->stmts[k];

      if (st->r != LIT_REL || st->o != v || !sn->usable[i][k] ||
          !((sn->mat[i].m[u] >> st->s) & 1))
        continue;
      if (s->time_var >= 0)
        out[n++] = k;
      else {
        out[0] = -1;
        return 1;
      }
    }
    return n;
  }
  if (s->time_var < 0) {
    out[0] = -1;
    return (sn->mat[i].m[u] >> v) & 1;
  }
  for (int k = 0; k < g->n; k++)
    if (g->stmts[k].r != LIT_REL && sn->usable[i][k] &&
        ((sn->one[i][k].m[u] >> v) & 1))
      out[n++] = k;
  return n;
}

/* The key of a row: its variables' values ("v0=n1,v1=x2"), then its time
 * variables' times, by the first statement of an equal time
 * ("t0=T3"). */
static char *
row_key(const Graph   *g,
        const Pattern *p,
        const int     *var_value,
        const int     *chosen)
{
  GString *key = g_string_new(NULL);

  for (int v = 0; v < p->n_vars; v++)
    g_string_append_printf(key,
                           "%sv%d=%s%d",
                           v ? "," : "",
                           v,
                           v == p->lit_var ? "x" : "n",
                           var_value[v]);
  for (int t = 0; t < p->n_times; t++)
    g_string_append_printf(
      key, "%st%d=T%d", key->len ? "," : "", t, g->stmts[chosen[t]].same_time);
  return g_string_free(key, FALSE);
}

/* Add to @rows (key → GArray of AzkbDayRange) every row matching @p in
 * the snapshot at day @t, the statements limited to @allowed (NULL: all),
 * with [@t, @t_last] appended to its ranges. */
static void
snapshot_rows(const Graph    *g,
              const Pattern  *p,
              gint32          t,
              gint32          t_last,
              const gboolean *allowed,
              GHashTable     *rows)
{
  Snapshot sn;
  int      assign[MAX_STEPS + 1];
  int      n_nodes = p->n_steps + 1;
  int      total   = 1;
  g_autoptr(GHashTable) seen =
    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

  snapshot_init(&sn, g, p, t, allowed);
  /* Every assignment of values to the nodes, as a number: entities, and
   * literals for a node after `val`. */
  for (int i = 0; i < n_nodes; i++)
    total *=
      p->steps[MAX(i, 1) - 1].literal && i == p->n_steps ? N_LITS : N_NODES;
  for (int code = 0; code < total; code++) {
    int      c  = code;
    gboolean ok = TRUE;
    int      var_value[MAX_STEPS + 1];
    int      choices[MAX_STEPS][MAX_ALL];
    int      n_choices[MAX_STEPS];
    int      pick[MAX_STEPS];

    for (int i = 0; i < n_nodes; i++) {
      int base =
        p->steps[MAX(i, 1) - 1].literal && i == p->n_steps ? N_LITS : N_NODES;

      assign[i] = c % base;
      c /= base;
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
    for (int i = 0; i < p->n_steps && ok; i++) {
      n_choices[i] =
        step_choices(g, p, &sn, i, assign[i], assign[i + 1], choices[i]);
      ok      = n_choices[i] > 0;
      pick[i] = 0;
    }
    /* every combination of the statements the time variables bind */
    while (ok) {
      int chosen[MAX_STEPS];

      for (int i = 0; i < p->n_steps; i++)
        if (p->steps[i].time_var >= 0)
          chosen[p->steps[i].time_var] = choices[i][pick[i]];
      if (constraints_met(g, p, chosen)) {
        char *key = row_key(g, p, var_value, chosen);

        if (g_hash_table_add(seen, key)) {
          GArray      *ranges = g_hash_table_lookup(rows, key);
          AzkbDayRange r      = { t, t_last };

          if (ranges == NULL) {
            ranges = g_array_new(FALSE, FALSE, sizeof(AzkbDayRange));
            g_hash_table_insert(rows, g_strdup(key), ranges);
          }
          /* Elementary intervals come in order: touching ones merge. */
          if (ranges->len > 0 &&
              g_array_index(ranges, AzkbDayRange, ranges->len - 1).last + 1 ==
                t)
            g_array_index(ranges, AzkbDayRange, ranges->len - 1).last = t_last;
          else
            g_array_append_val(ranges, r);
        }
      }
      /* the next combination, the last step fastest */
      {
        int i = p->n_steps - 1;

        while (i >= 0 && ++pick[i] == n_choices[i])
          pick[i--] = 0;
        ok = i >= 0;
      }
    }
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
    snapshot_rows(g, p, lo, hi, NULL, rows);
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

typedef struct {
  guint32     seed;
  guint       c;
  const char *text;
} Case;

/* The key of result row @row as the oracle writes it. */
static char *
result_key(const Graph      *g,
           AzkbStore        *store,
           const Pattern    *p,
           const AzkbResult *res,
           const AzkbTermId *row)
{
  GString *key = g_string_new(NULL);

  for (int pass = 0; pass < 2; pass++)
    for (int v = 0; v < (pass == 0 ? p->n_vars : p->n_times); v++) {
      g_autofree char *name = g_strdup_printf("%c%d", pass ? 't' : 'v', v);
      guint            col  = 0;

      while (strcmp(azkb_result_column_name(res, col), name) != 0)
        col++;
      g_string_append_printf(key, "%s%s=", key->len ? "," : "", name);
      if (pass == 1) {
        int k = 0;

        while (g->stmts[k].id != row[col])
          k++;
        g_string_append_printf(key, "T%d", g->stmts[k].same_time);
      } else if (v == p->lit_var) {
        int l = 0;

        while (g->lits[l] != row[col])
          l++;
        g_string_append_printf(key, "x%d", l);
      } else
        g_string_append(key, azkb_store_term_name(store, row[col]));
    }
  return g_string_free(key, FALSE);
}

/* The sources of a row are paragraphs of statements that make the row
 * hold inside its time: each statement holds on some day the row held,
 * and the pattern over those statements alone matches the row on the
 * first day it held (the witnesses are taken there for the match that
 * held first). */
static void
check_sources(const Case         *cs,
              const Graph        *g,
              AzkbStore          *store,
              const Pattern      *p,
              const char         *key,
              const AzkbTermId   *src,
              gsize               n_src,
              const AzkbDayRange *days,
              gsize               n_days)
{
  gboolean allowed[MAX_ALL]  = { FALSE };
  g_autoptr(GHashTable) rows = g_hash_table_new_full(
    g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_array_unref);

  for (gsize i = 0; i < n_src; i++) {
    const char *name = azkb_store_term_name(store, src[i]);
    int         k    = atoi(name + 1);
    gboolean    held = FALSE;

    g_assert_true(name[0] == 'P' && k >= 0 && k < g->n);
    allowed[k] = TRUE;
    for (gsize d = 0; d < n_days; d++)
      held |= g->stmts[k].dated ? g->stmts[k].first <= days[d].last &&
                                    g->stmts[k].last >= days[d].first
                                : !p->strict;
    if (!held)
      g_error("seed %u case %u: “%s”: row %s cites %s, which never held "
              "while the row did",
              cs->seed,
              cs->c,
              cs->text,
              key,
              name);
  }
  snapshot_rows(g, p, days[0].first, days[0].first, allowed, rows);
  if (!g_hash_table_contains(rows, key))
    g_error("seed %u case %u: “%s”: the sources of row %s (%zu of them) do "
            "not make it hold on its first day",
            cs->seed,
            cs->c,
            cs->text,
            key,
            n_src);
}

static void
compare_with_oracle(const Case    *cs,
                    const Graph   *g,
                    const Pattern *p,
                    AzkbStore     *store,
                    AzkbResult    *res,
                    GHashTable    *want)
{
  guint n_cols   = azkb_result_n_columns(res);
  guint when_col = 0;

  while (when_col < n_cols &&
         azkb_result_column_kind(res, when_col) != AZKB_COLUMN_WHEN)
    when_col++;
  g_assert_cmpuint(when_col, <, n_cols);
  g_assert_cmpuint(
    n_cols, ==, (guint)(p->n_vars + p->n_times + 1 + (p->sources != 0)));
  if (p->sources)
    g_assert_cmpint(
      azkb_result_column_kind(res, n_cols - 1), ==, AZKB_COLUMN_SOURCES);
  for (guint r = 0; r < azkb_result_n_rows(res); r++) {
    const AzkbTermId   *row = azkb_result_row(res, r);
    g_autofree char    *key = result_key(g, store, p, res, row);
    gsize               n;
    const AzkbDayRange *got = azkb_result_when(res, row[when_col], &n);
    GArray             *exp;
    g_autofree char    *got_text = ranges_text(got, n);

    exp = g_hash_table_lookup(want, key);
    if (exp == NULL)
      g_error("seed %u case %u: “%s”: row %s (%s) is not in the oracle's "
              "answer",
              cs->seed,
              cs->c,
              cs->text,
              key,
              got_text);
    if (exp->len != n ||
        memcmp(exp->data, got, n * sizeof(AzkbDayRange)) != 0) {
      g_autofree char *exp_text =
        ranges_text((const AzkbDayRange *)(gpointer)exp->data, exp->len);

      g_error("seed %u case %u: “%s”: row %s held %s, the oracle says %s",
              cs->seed,
              cs->c,
              cs->text,
              key,
              got_text,
              exp_text);
    }
    if (p->sources) {
      gsize             n_src;
      const AzkbTermId *src = azkb_result_sources(res, row[n_cols - 1], &n_src);

      check_sources(cs, g, store, p, key, src, n_src, got, n);
    }
    g_hash_table_remove(want, key);
  }
  if (g_hash_table_size(want) > 0) {
    GHashTableIter it;
    gpointer       key;

    g_hash_table_iter_init(&it, want);
    g_hash_table_iter_next(&it, &key, NULL);
    g_error("seed %u case %u: “%s”: row %s of the oracle is missing",
            cs->seed,
            cs->c,
            cs->text,
            (const char *)key);
  }
}

static void
test_when_agrees_with_snapshot_oracle(void)
{
  guint32 seed          = g_test_rand_int();
  g_autoptr(GRand) rand = g_rand_new_with_seed(seed);
  guint    cases        = g_test_thorough() ? 20000 : 4000;
  AzkbDate present      = azkb_date_make(2005, 6, 15);

  for (guint c = 0; c < cases; c++) {
    Graph   g;
    Pattern p;
    g_autoptr(GString) text        = g_string_new(NULL);
    g_autoptr(GString) global_text = g_string_new(NULL);
    g_autoptr(GPtrArray) where     = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(AzkbStore) store     = NULL;
    g_autoptr(GError) error        = NULL;
    g_autoptr(AzkbQuery) q         = NULL;
    g_autoptr(AzkbResult) res      = NULL;
    g_autoptr(GHashTable) want     = NULL;
    Case cs                        = { seed, c, NULL };

    g.present_last = date_last(&present);
    store          = graph_store(rand, &g);
    random_pattern(rand, &p, text, global_text, where);
    for (guint i = 0; i < where->len; i++)
      g_string_append_printf(
        text, " --where '%s'", (const char *)where->pdata[i]);
    cs.text = text->str;
    {
      g_autofree char *pattern =
        g_strndup(text->str,
                  strstr(text->str, " --where") != NULL
                    ? (gsize)(strstr(text->str, " --where") - text->str)
                    : text->len);

      q = azkb_query_parse(pattern, store, &error);
    }
    if (q == NULL)
      g_error("seed %u case %u: “%s”: %s", seed, c, text->str, error->message);
    for (guint i = 0; i < where->len; i++)
      if (!azkb_query_add_constraint(q, where->pdata[i], &error))
        g_error(
          "seed %u case %u: “%s”: %s", seed, c, text->str, error->message);
    azkb_query_set_present(q, &present);
    if (p.global.on) {
      AzkbInterval t;

      g_assert_true(azkb_interval_parse(global_text->str, &t, &error));
      g_assert_true(azkb_query_set_time(q, &t, &error));
    }
    azkb_query_set_flags(q,
                         AZKB_QUERY_WHEN |
                           (p.strict ? AZKB_QUERY_STRICT_TIME : 0) |
                           (p.sources ? AZKB_QUERY_SOURCES : 0));
    res  = azkb_query_execute(q, 0);
    want = oracle(&g, &p);
    if (g_test_verbose())
      g_test_message("case %u: %s%s%s%s%s: %d statements, %u rows",
                     c,
                     text->str,
                     p.global.on ? " --during " : "",
                     global_text->str,
                     p.strict ? " --strict-time" : "",
                     p.sources ? " --sources" : "",
                     g.n,
                     azkb_result_n_rows(res));
    compare_with_oracle(&cs, &g, &p, store, res, want);
    pattern_clear(&p);
  }
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/when/oracle/random-graphs-agree-with-snapshots",
                  test_when_agrees_with_snapshot_oracle);
  return g_test_run();
}
