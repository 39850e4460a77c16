/* test-when.c's oracle: the rows of a pattern in the snapshot of each
 * elementary interval, by boolean matrix algebra over the entities, and
 * when each row held. */
#include "when-oracle.h"

#include <string.h>

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
void
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
GHashTable *
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
