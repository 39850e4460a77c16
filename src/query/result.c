/* Answers: the join's rows projected onto the named variables, each
 * projected row with the union of its statements' sources, sorted
 * (sort.c); and the AzkbResult that holds them. */
#include "query-private.h"

#include <string.h>

/* The statements of one full row, appended to @stmts: for a step that
 * reads its statement, that statement; for any other, those of one
 * shortest witness (see step_witness()). */
static void
row_statements(const RowShape *shape, const AzkbTermId *row, GArray *stmts)
{
  guint n_steps = shape->q->steps->len;
  guint at      = stmts->len;

  /* The bound statements first, written in place: one call per row, not
   * one per statement (a call per cell was a sixth of a sources query). */
  g_array_set_size(stmts, at + shape->n_bound);
  for (guint i = 0; i < n_steps; i++) {
    const QStep *s = &g_array_index(shape->q->steps, QStep, i);

    if (s->stmt_slot >= 0)
      g_array_index(stmts, AzkbStmtId, at++) =
        row[shape->n_nodes + (guint)s->stmt_slot];
  }
  for (guint i = 0; i < n_steps && shape->n_bound < n_steps; i++) {
    const QStep *s = &g_array_index(shape->q->steps, QStep, i);

    if (s->stmt_slot < 0)
      step_witness(
        shape->q->store, s, &shape->filters[i], 0, row[i], row[i + 1], stmts);
  }
}

/* Does every row show what tells it from the others?  Then two distinct
 * rows never project to one, and merge_sources() need not group them.  A
 * node is told by its variable (a repeated variable's other node holds the
 * same term) or is a constant; a statement or qualifier cell only by a
 * variable of its own. */
static gboolean
rows_project_apart(const RowShape *shape)
{
  g_autofree gboolean *shown = g_new0(gboolean, shape->width);

  for (guint v = 0; v < shape->q->vars->len; v++)
    shown[QUERY_VAR(shape->q, v)->cell] = TRUE;
  for (guint j = 0; j < shape->n_nodes; j++) {
    const QNode *node = &g_array_index(shape->q->nodes, QNode, j);

    if (node->var < 0 && node->kind != NODE_ENTITY)
      return FALSE;
  }
  for (guint j = shape->n_nodes; j < shape->width; j++)
    if (!shown[j])
      return FALSE;
  return TRUE;
}

typedef struct {
  const AzkbTermId *cells;
  guint             width;
} Visible;

static int
compare_visible(gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Visible *v = user_data;

  return memcmp(v->cells + *(const guint *)a * v->width,
                v->cells + *(const guint *)b * v->width,
                v->width * sizeof(AzkbTermId));
}

/* Groups of rows whose sources merge_sources() reads at once. */
#define SOURCES_CHUNK 256

/* The sources of the statements read after @k of them, in the answer of
 * azkb_store_get_sources(). */
static inline guint
sources_before(const guint *ends, gsize k)
{
  return k > 0 ? ends[k - 1] : 0;
}

/* Rows of @width visible cells, one more cell each: the index of the
 * union of the sources of the rows that project to it.  The statements of
 * a chunk of groups are collected first and their sources read at once,
 * so that the reads overlap. */
static void
merge_sources(const RowShape *shape,
              AzkbResult     *res,
              const GArray   *rows,
              guint           width)
{
  gsize               n       = rows->len / shape->width;
  g_autofree guint32 *visible = g_new(guint32, n * width + 1);
  g_autofree guint   *order   = g_new(guint, n + 1);
  g_autofree int     *cell    = g_new(int, width + 1);
  Visible             v       = { visible, width };
  g_autoptr(GArray) stmts     = g_array_new(FALSE, FALSE, sizeof(AzkbStmtId));
  /* Never without storage: a group without sources is copied from
   * &srcs[from] (and to &ids[at]) with a length of zero, and a pointer
   * offset from NULL, even by zero, is undefined behaviour. */
  g_autoptr(GArray) srcs =
    g_array_sized_new(FALSE, FALSE, sizeof(AzkbTermId), 1);
  g_autofree guint *ends     = NULL;
  gsize             ends_cap = 0;
  gsize             first[SOURCES_CHUNK + 1]; /* a group's first row */
  gsize             upto[SOURCES_CHUNK];      /* its statements' end */
  gboolean          apart = rows_project_apart(shape);
  gsize             n_out = 0; /* groups written */
  guint             at    = 0; /* sources written */
  guint32          *out;

  for (guint k = 0; k < width; k++)
    cell[k] = (int)QUERY_VAR(shape->q, k)->cell;
  for (gsize r = 0; r < n; r++) {
    order[r] = (guint)r;
    for (guint k = 0; k < width; k++)
      visible[r * width + k] =
        g_array_index(rows, AzkbTermId, r * shape->width + cell[k]);
  }
  if (!apart)
    g_qsort_with_data(order, (gint)n, sizeof(guint), compare_visible, &v);
  /* At most a group per row: the cells and the lists' ends are written in
   * place and cut to size at the end, not appended a call at a time. */
  g_array_set_size(res->cells, (guint)(n * (width + 1)));
  g_array_set_size(res->source_ends, (guint)n);
  g_array_set_size(res->source_ids, 0);
  out = (guint32 *)(gpointer)res->cells->data;
  for (gsize i = 0; i < n;) {
    guint       n_groups = 0;
    AzkbTermId *ids;

    g_array_set_size(stmts, 0);
    for (; i < n && n_groups < SOURCES_CHUNK; n_groups++) {
      first[n_groups] = i;
      for (; i < n &&
             (i == first[n_groups] ||
              (!apart &&
               compare_visible(&order[first[n_groups]], &order[i], &v) == 0));
           i++)
        row_statements(
          shape,
          &g_array_index(rows, AzkbTermId, order[i] * shape->width),
          stmts);
      upto[n_groups] = stmts->len;
    }
    if (stmts->len > ends_cap) {
      ends_cap = MAX(stmts->len, ends_cap * 2);
      ends     = g_renew(guint, ends, ends_cap);
    }
    g_array_set_size(srcs, 0);
    azkb_store_get_sources(shape->q->store,
                           (const AzkbStmtId *)(gpointer)stmts->data,
                           stmts->len,
                           srcs,
                           ends);
    g_array_set_size(res->source_ids, at + srcs->len);
    ids = (AzkbTermId *)(gpointer)res->source_ids->data;
    for (guint g = 0; g < n_groups; g++) {
      guint from = sources_before(ends, g > 0 ? upto[g - 1] : 0);
      guint to   = sources_before(ends, upto[g]);

      memcpy(ids + at,
             &g_array_index(srcs, AzkbTermId, from),
             (to - from) * sizeof(AzkbTermId));
      at += sort_unique_range(ids + at, to - from);
      g_array_index(res->source_ends, guint32, n_out) = at;
      memcpy(out + n_out * (width + 1),
             visible + order[first[g]] * width,
             width * sizeof(guint32));
      out[n_out * (width + 1) + width] = (guint32)n_out;
      n_out++;
    }
    g_array_set_size(res->source_ids, at);
  }
  g_array_set_size(res->cells, (guint)(n_out * (width + 1)));
  g_array_set_size(res->source_ends, (guint)n_out);
}

/* The sources list at index @list of @res: *@out_n ids from @out_from. */
static void
source_list(const AzkbResult *res, guint32 list, guint *out_from, guint *out_n)
{
  guint to = g_array_index(res->source_ends, guint32, list);

  *out_from = list > 0 ? g_array_index(res->source_ends, guint32, list - 1) : 0;
  *out_n    = to - *out_from;
}

/* Unite the sources of sorted rows that print the same but for their
 * sources (the last of @width cells).  merge_sources() groups rows by the
 * statements they bind, but a time variable's statements of equal
 * intervals are one value: `-electedTo@?t-> ?` with two bodies elected for
 * one term is one row, its sources those of both.  Such rows are adjacent
 * after the sort; a united list is added at the end of the lists. */
static void
unite_sources(AzkbResult *res, guint width)
{
  guint32 *c    = (guint32 *)(gpointer)res->cells->data;
  gsize    n    = res->cells->len / width;
  gsize    kept = 0;

  for (gsize r = 0; r < n; r++) {
    guint32 *into = c + (kept - (kept > 0)) * width;

    if (kept > 0 &&
        memcmp(into, c + r * width, (width - 1) * sizeof(guint32)) == 0) {
      guint       from_a, n_a, from_b, n_b;
      guint       at = res->source_ids->len;
      AzkbTermId *ids;

      source_list(res, into[width - 1], &from_a, &n_a);
      source_list(res, c[r * width + width - 1], &from_b, &n_b);
      g_array_set_size(res->source_ids, at + n_a + n_b);
      ids = (AzkbTermId *)(gpointer)res->source_ids->data;
      memcpy(ids + at, ids + from_a, n_a * sizeof(AzkbTermId));
      memcpy(ids + at + n_a, ids + from_b, n_b * sizeof(AzkbTermId));
      g_array_set_size(res->source_ids,
                       at + sort_unique_range(ids + at, n_a + n_b));
      into[width - 1] = res->source_ends->len;
      g_array_append_val(res->source_ends, res->source_ids->len);
      continue;
    }
    memmove(c + kept * width, c + r * width, width * sizeof(guint32));
    kept++;
  }
  g_array_set_size(res->cells, (guint)(kept * width));
}

/* The name of a column after the variables: @base ("when", "sources"),
 * unless a variable has it, then @base2, @base3...: the CLI keys a JSON
 * row by its column names, so no two may be the same.  (transfer full) */
char *
result_column_name(const AzkbQuery *query, const char *base)
{
  for (guint i = 0;; i++) {
    g_autofree char *name =
      i == 0 ? g_strdup(base) : g_strdup_printf("%s%u", base, i + 1);
    gboolean taken = FALSE;

    for (guint v = 0; v < query->vars->len; v++)
      taken |= strcmp(QUERY_VAR(query, v)->name, name) == 0;
    if (!taken)
      return g_steal_pointer(&name);
  }
}

AzkbResult *
result_new(const AzkbQuery *query)
{
  AzkbResult *res = g_new0(AzkbResult, 1);

  g_ref_count_init(&res->ref);
  res->store   = azkb_store_ref(query->store);
  res->columns = g_ptr_array_new_with_free_func(g_free);
  res->kinds   = g_array_new(FALSE, FALSE, sizeof(AzkbColumnKind));
  res->cells   = g_array_new(FALSE, TRUE, sizeof(AzkbTermId));
  /* with storage from the start, as srcs in merge_sources() */
  res->source_ids  = g_array_sized_new(FALSE, FALSE, sizeof(AzkbTermId), 1);
  res->source_ends = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint v = 0; v < query->vars->len; v++) {
    AzkbColumnKind kind = QUERY_VAR(query, v)->kind;

    g_ptr_array_add(res->columns, g_strdup(QUERY_VAR(query, v)->name));
    g_array_append_val(res->kinds, kind);
  }
  return res;
}

AzkbResult *
result_from_rows(const RowShape *shape, const GArray *rows, guint limit)
{
  AzkbResult     *res     = result_new(shape->q);
  guint           width   = shape->q->vars->len;
  gsize           n       = rows->len / shape->width;
  g_autofree int *first   = g_new0(int, width + 1);
  gboolean        mixed   = FALSE;
  gboolean        sources = (shape->q->flags & AZKB_QUERY_SOURCES) != 0;
  AzkbTermId     *cells;

  for (guint v = 0; v < width; v++)
    mixed |= !column_is_term(g_array_index(res->kinds, AzkbColumnKind, v));
  if (width == 0 && !sources) {
    /* A pattern without variables is a yes/no question. */
    res->n_rows = n > 0;
    return res;
  }
  for (guint v = 0; v < width; v++)
    first[v] = (int)QUERY_VAR(shape->q, v)->cell;
  if (sources) {
    AzkbColumnKind kind = AZKB_COLUMN_SOURCES;

    g_ptr_array_add(res->columns, result_column_name(shape->q, "sources"));
    g_array_append_val(res->kinds, kind);
    merge_sources(shape, res, rows, width);
    width++;
    mixed = TRUE;
  } else {
    g_array_set_size(res->cells, (guint)(n * width));
    cells = (AzkbTermId *)(gpointer)res->cells->data;
    for (gsize r = 0; r < n; r++)
      for (guint v = 0; v < width; v++)
        cells[r * width + v] =
          g_array_index(rows, AzkbTermId, r * shape->width + first[v]);
  }
  if (mixed)
    sort_rows_mixed(shape->q->store,
                    res->cells,
                    width,
                    (const AzkbColumnKind *)(gpointer)res->kinds->data);
  else
    sort_rows_by_name(shape->q->store, res->cells, width);
  if (sources)
    unite_sources(res, width);
  res->n_rows = res->cells->len / width;
  if (limit > 0 && res->n_rows > limit) {
    res->n_rows = limit;
    g_array_set_size(res->cells, limit * width);
  }
  return res;
}

AzkbResult *
azkb_result_new_from_rows(AzkbQuery        *query,
                          const AzkbTermId *cells,
                          guint             n_rows)
{
  AzkbResult *res   = result_new(query);
  guint       width = query->vars->len;
  gboolean    terms = TRUE;

  for (guint v = 0; v < width; v++)
    terms &= g_array_index(res->kinds, AzkbColumnKind, v) == AZKB_COLUMN_ENTITY;
  /* The columns a local result would have after the variables, so that a
   * caller sees every kind; rows of entities only can be given. */
  if (query->flags & AZKB_QUERY_WHEN) {
    AzkbColumnKind kind = AZKB_COLUMN_WHEN;

    g_ptr_array_add(res->columns, result_column_name(query, "when"));
    g_array_append_val(res->kinds, kind);
    terms = FALSE;
  }
  if (query->flags & AZKB_QUERY_SOURCES) {
    AzkbColumnKind kind = AZKB_COLUMN_SOURCES;

    g_ptr_array_add(res->columns, result_column_name(query, "sources"));
    g_array_append_val(res->kinds, kind);
    terms = FALSE;
  }
  g_return_val_if_fail(terms || n_rows == 0, res);
  if (width == 0) {
    res->n_rows = n_rows > 0;
    return res;
  }
  g_array_append_vals(res->cells, cells, n_rows * width);
  sort_rows_by_name(query->store, res->cells, width);
  res->n_rows = res->cells->len / width;
  return res;
}

AzkbResult *
azkb_result_ref(AzkbResult *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  g_ref_count_inc(&result->ref);
  return result;
}

void
azkb_result_unref(AzkbResult *result)
{
  if (result == NULL || !g_ref_count_dec(&result->ref))
    return;
  g_clear_pointer(&result->store, azkb_store_unref);
  g_clear_pointer(&result->columns, g_ptr_array_unref);
  g_clear_pointer(&result->kinds, g_array_unref);
  g_clear_pointer(&result->cells, g_array_unref);
  g_clear_pointer(&result->source_ids, g_array_unref);
  g_clear_pointer(&result->source_ends, g_array_unref);
  g_clear_pointer(&result->when_sets, g_array_unref);
  g_clear_pointer(&result->when_days, g_array_unref);
  g_free(result);
}

guint
azkb_result_n_columns(const AzkbResult *result)
{
  return result->columns->len;
}

const char *
azkb_result_column_name(const AzkbResult *result, guint column)
{
  g_return_val_if_fail(column < result->columns->len, NULL);
  return g_ptr_array_index(result->columns, column);
}

AzkbColumnKind
azkb_result_column_kind(const AzkbResult *result, guint column)
{
  g_return_val_if_fail(column < result->kinds->len, AZKB_COLUMN_ENTITY);
  return g_array_index(result->kinds, AzkbColumnKind, column);
}

const AzkbTermId *
azkb_result_sources(const AzkbResult *result, guint32 cell, gsize *out_n)
{
  guint32 from;

  g_return_val_if_fail(out_n != NULL, NULL);
  *out_n = 0;
  g_return_val_if_fail(cell < result->source_ends->len, NULL);
  from   = cell > 0 ? g_array_index(result->source_ends, guint32, cell - 1) : 0;
  *out_n = g_array_index(result->source_ends, guint32, cell) - from;
  return *out_n > 0 ? &g_array_index(result->source_ids, AzkbTermId, from)
                    : NULL;
}

guint
azkb_result_n_rows(const AzkbResult *result)
{
  return result->n_rows;
}

const AzkbTermId *
azkb_result_row(const AzkbResult *result, guint row)
{
  static const AzkbTermId none = 0;

  g_return_val_if_fail(row < result->n_rows, NULL);
  /* a yes/no answer has a row of no cells, and no cell array to point
   * into (NULL + 0 is undefined behaviour, which clang's UBSan reports) */
  if (result->columns->len == 0)
    return &none;
  return &g_array_index(result->cells, AzkbTermId, row * result->columns->len);
}
