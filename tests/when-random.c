/* Random graphs and patterns for test-when.c's oracle: statements of
 * every kind of time the store holds, with their spans computed here by
 * GDate, and patterns of up to three steps with time variables, filters,
 * literals and constraints, written in the query syntax. */
#include "time-test.h"
#include "when-oracle.h"

#include <string.h>

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
gint32
date_first(const AzkbDate *d)
{
  return gdate_day(d->year,
                   d->precision >= AZKB_PRECISION_MONTH ? d->month : 1,
                   d->precision >= AZKB_PRECISION_DAY ? d->day : 1);
}

gint32
date_last(const AzkbDate *d)
{
  int m = d->precision >= AZKB_PRECISION_MONTH ? d->month : 12;

  if (d->precision >= AZKB_PRECISION_DAY)
    return gdate_day(d->year, m, d->day);
  return gdate_day(
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

AzkbStore *
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

static const char *const allen_names[] = {
  "before",        "after",       "meets",      "met-by",     "overlaps",
  "overlapped-by", "starts",      "started-by", "during",     "contains",
  "finishes",      "finished-by", "equals",     "intersects",
};

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
void
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

void
pattern_clear(Pattern *p)
{
  for (int i = 0; i < p->n_steps; i++)
    ex_free(p->steps[i].ex);
}
