/* A randomized check of time variables and constraints against a
 * brute-force oracle of its own: it enumerates the statements and computes
 * spans and Allen's relations itself, on random graphs with mixed
 * precision, open and unknown ends and undated statements.  The
 * hand-written cases are in test-query-time.c. */
#include "query-test.h"

#include <stdio.h>
#include <string.h>

/* ---- the randomized check against an oracle ---- */

#define O_NODES 4
#define O_RELS 2

/* Times with every kind of bound: ISO text, "" for undated. */
static const char *const times[] = {
  "",
  "2001",
  "2003",
  "2002-05",
  "2002-05-04",
  "2001..2003",
  "2002-05..2003",
  "2002..",
  "2030..",
  "2002/",
  "..2002",
  "2001-12-31..2002-01",
  "2003-01-01",
  "2002-01..2002-12",
};

static const char *const rel_names[] = {
  "before",        "meets",  "overlaps",    "starts",    "during",
  "finishes",      "equals", "finished-by", "contains",  "started-by",
  "overlapped-by", "met-by", "after",       "intersects"
};

/* The oracle's own statement table. */
typedef struct {
  guint s, p, o;
  guint time; ///< index into times[]
} OStmt;

/* The oracle's day number of a date (days since 1 January of year 1, by
 * GDate), the first or the last day it covers. */
static gint64
o_day(const char *text, gboolean last)
{
  int   y = 0, m = 0, d = 0;
  int   n = sscanf(text, "%d-%d-%d", &y, &m, &d);
  GDate date;

  g_date_clear(&date, 1);
  if (n == 1)
    g_date_set_dmy(&date, last ? 31 : 1, last ? 12 : 1, (GDateYear)y);
  else if (n == 2)
    g_date_set_dmy(&date,
                   last ? g_date_get_days_in_month((GDateMonth)m, (GDateYear)y)
                        : 1,
                   (GDateMonth)m,
                   (GDateYear)y);
  else
    g_date_set_dmy(&date, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
  return g_date_get_julian(&date);
}

/* The oracle's span rule: a date covers its days; an open end runs to the
 * present (2024-06-30), but not before the start's last day; an unknown
 * end covers only the start's own range; an unknown start, the end's own
 * range.  FALSE for undated. */
static gboolean
o_span(const char *time, gint64 *lo, gint64 *hi)
{
  g_auto(GStrv) parts = NULL;
  gint64 now          = o_day("2024-06-30", FALSE);

  if (*time == '\0')
    return FALSE;
  if (strstr(time, "..") == NULL && strchr(time, '/') == NULL) {
    *lo = o_day(time, FALSE);
    *hi = o_day(time, TRUE);
    return TRUE;
  }
  parts =
    strstr(time, "..") ? g_strsplit(time, "..", 2) : g_strsplit(time, "/", 2);
  if (strstr(time, "..") && *parts[1] == '\0') { /* open end */
    *lo = o_day(parts[0], FALSE);
    *hi = MAX(now, o_day(parts[0], TRUE));
  } else if (*parts[1] == '\0') { /* unknown end */
    *lo = o_day(parts[0], FALSE);
    *hi = o_day(parts[0], TRUE);
  } else if (*parts[0] == '\0') { /* unknown start */
    *lo = o_day(parts[1], FALSE);
    *hi = o_day(parts[1], TRUE);
  } else {
    *lo = o_day(parts[0], FALSE);
    *hi = o_day(parts[1], TRUE);
  }
  return TRUE;
}

/* Allen's relations written out from their definitions on closed day
 * ranges [as, ae], [bs, be]. */
static gboolean
o_allen(const char *rel, const char *a, const char *b)
{
  gint64 as, ae, bs, be;

  if (!o_span(a, &as, &ae) || !o_span(b, &bs, &be))
    return FALSE;
  if (strcmp(rel, "before") == 0)
    return ae + 1 < bs;
  if (strcmp(rel, "after") == 0)
    return be + 1 < as;
  if (strcmp(rel, "meets") == 0)
    return ae + 1 == bs;
  if (strcmp(rel, "met-by") == 0)
    return be + 1 == as;
  if (strcmp(rel, "overlaps") == 0)
    return as < bs && bs <= ae && ae < be;
  if (strcmp(rel, "overlapped-by") == 0)
    return bs < as && as <= be && be < ae;
  if (strcmp(rel, "starts") == 0)
    return as == bs && ae < be;
  if (strcmp(rel, "started-by") == 0)
    return as == bs && ae > be;
  if (strcmp(rel, "during") == 0)
    return as > bs && ae < be;
  if (strcmp(rel, "contains") == 0)
    return as < bs && ae > be;
  if (strcmp(rel, "finishes") == 0)
    return ae == be && as > bs;
  if (strcmp(rel, "finished-by") == 0)
    return ae == be && as < bs;
  if (strcmp(rel, "equals") == 0)
    return as == bs && ae == be;
  g_assert_cmpstr(rel, ==, "intersects");
  return as <= be && bs <= ae;
}

/* Does a step filter @filter ("" none) pass a statement of time @t?
 * Overlap of spans; undated passes. */
static gboolean
o_filter(const char *filter, const char *t)
{
  gint64 lo, hi, flo, fhi;
  char   buf[64];

  if (*filter == '\0' || !o_span(t, &lo, &hi))
    return TRUE;
  /* a filter A..B covers A's first day to B's last; A.. runs on */
  if (g_str_has_suffix(filter, "..")) {
    g_strlcpy(buf, filter, strlen(filter) - 1);
    flo = o_day(buf, FALSE);
    return hi >= flo;
  }
  if (!o_span(filter, &flo, &fhi))
    return TRUE;
  return lo <= fhi && hi >= flo;
}

typedef struct {
  guint       rel[2]; ///< relation index, or O_RELS for `_`
  gboolean    inverse[2];
  const char *filter[2]; ///< "" none
  guint       n_steps;
  const char *relation;   ///< constraint relation
  const char *date;       ///< NULL: between ?t1 and ?t2; else ?t1 vs date
  gboolean    date_first; ///< the date on the left
} OPattern;

/* Does statement @st make step @k from @from, and where does it lead? */
static gboolean
o_crosses(const OPattern *p, guint k, const OStmt *st, guint from, guint *to)
{
  if (p->rel[k] < O_RELS && st->p != p->rel[k])
    return FALSE;
  if (!o_filter(p->filter[k], times[st->time]))
    return FALSE;
  if (!p->inverse[k] && st->s == from) {
    *to = st->o;
    return TRUE;
  }
  if (p->inverse[k] && st->o == from) {
    *to = st->s;
    return TRUE;
  }
  return FALSE;
}

static gboolean
o_constraint(const OPattern *p, const char *t1, const char *t2)
{
  if (p->date == NULL)
    return o_allen(p->relation, t1, t2);
  return p->date_first ? o_allen(p->relation, p->date, t1)
                       : o_allen(p->relation, t1, p->date);
}

/* Every row "x t1 y [t2 z]" as text, sorted, each once. */
static char *
o_answer(const OPattern *p, const OStmt *stmts, guint n)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func(g_free);
  GString *out              = g_string_new(NULL);

  for (guint x = 0; x < O_NODES; x++)
    for (guint i = 0; i < n; i++) {
      guint y, z;

      if (!o_crosses(p, 0, &stmts[i], x, &y))
        continue;
      if (p->n_steps == 1) {
        if (o_constraint(p, times[stmts[i].time], NULL))
          g_ptr_array_add(
            rows, g_strdup_printf("n%u %s n%u", x, times[stmts[i].time], y));
        continue;
      }
      for (guint j = 0; j < n; j++)
        if (o_crosses(p, 1, &stmts[j], y, &z) &&
            o_constraint(p, times[stmts[i].time], times[stmts[j].time]))
          g_ptr_array_add(rows,
                          g_strdup_printf("n%u %s n%u %s n%u",
                                          x,
                                          times[stmts[i].time],
                                          y,
                                          times[stmts[j].time],
                                          z));
    }
  g_ptr_array_sort(rows, compare_lines);
  for (guint i = 0; i < rows->len; i++)
    if (i == 0 || strcmp(rows->pdata[i], rows->pdata[i - 1]) != 0)
      g_string_append_printf(out, "%s\n", (char *)rows->pdata[i]);
  return g_string_free(out, FALSE);
}

/* azkb's rows in the oracle's form. */
static char *
azkb_answer(AzkbStore      *store,
            const char     *pattern,
            const char     *where,
            const AzkbDate *present)
{
  g_autoptr(GError) error   = NULL;
  g_autoptr(AzkbQuery) q    = azkb_query_parse(pattern, store, &error);
  g_autoptr(AzkbResult) res = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func(g_free);
  GString *out              = g_string_new(NULL);

  g_assert_no_error(error);
  g_assert_true(azkb_query_add_constraint(q, where, &error));
  g_assert_no_error(error);
  azkb_query_set_present(q, present);
  res = azkb_query_execute(q, 0);
  /* --count takes its own way: it must agree */
  g_assert_cmpuint(azkb_query_count(q), ==, azkb_result_n_rows(res));
  for (guint r = 0; r < azkb_result_n_rows(res); r++) {
    GString *row = g_string_new(NULL);

    for (guint c = 0; c < azkb_result_n_columns(res); c++) {
      guint32 cell = azkb_result_row(res, r)[c];

      if (c > 0)
        g_string_append_c(row, ' ');
      if (azkb_result_column_kind(res, c) == AZKB_COLUMN_TIME) {
        AzkbStatement    st;
        g_autofree char *t = NULL;

        azkb_store_get_statement(store, cell, &st);
        t = azkb_interval_to_string(&st.time, AZKB_TIME_STYLE_ISO);
        g_string_append(row, t);
      } else
        g_string_append(row, azkb_store_term_name(store, cell));
    }
    g_ptr_array_add(rows, g_string_free(row, FALSE));
  }
  g_ptr_array_sort(rows, compare_lines);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf(out, "%s\n", (char *)rows->pdata[i]);
  return g_string_free(out, FALSE);
}

static const char *const filters[] = { "",           "",       "2002",
                                       "2001..2002", "2003..", "2002-05-04" };
static const char *const dates[]   = { "2002",
                                       "2002-05",
                                       "2002-05-04",
                                       "2001..2003",
                                       "2024" };

static void
random_pattern(GRand *rand, OPattern *p, GString *pattern, GString *where)
{
  p->n_steps = (guint)g_rand_int_range(rand, 1, 3);
  g_string_append(pattern, "?x");
  for (guint k = 0; k < p->n_steps; k++) {
    p->rel[k]     = (guint)g_rand_int_range(rand, 0, O_RELS + 1);
    p->inverse[k] = g_rand_boolean(rand);
    p->filter[k]  = filters[g_rand_int_range(rand, 0, G_N_ELEMENTS(filters))];
    g_string_append_printf(pattern, " -%s", p->inverse[k] ? "^" : "");
    if (p->rel[k] < O_RELS)
      g_string_append_printf(pattern, "r%u", p->rel[k]);
    else
      g_string_append(pattern, "_");
    g_string_append_printf(pattern, "@?t%u", k + 1);
    if (*p->filter[k])
      g_string_append_printf(pattern, "@%s", p->filter[k]);
    g_string_append_printf(pattern, "-> ?%c", k == 0 ? 'y' : 'z');
  }
  p->relation = rel_names[g_rand_int_range(rand, 0, G_N_ELEMENTS(rel_names))];
  p->date     = NULL;
  if (p->n_steps == 1 || g_rand_int_range(rand, 0, 3) == 0) {
    p->date       = dates[g_rand_int_range(rand, 0, G_N_ELEMENTS(dates))];
    p->date_first = g_rand_boolean(rand);
  }
  if (p->date == NULL)
    g_string_append_printf(where, "?t1 %s ?t2", p->relation);
  else if (p->date_first)
    g_string_append_printf(where, "%s %s ?t1", p->date, p->relation);
  else
    g_string_append_printf(where, "?t1 %s %s", p->relation, p->date);
}

static void
test_random_against_oracle(void)
{
  guint32 seed          = g_test_rand_int();
  g_autoptr(GRand) rand = g_rand_new_with_seed(seed);
  AzkbDate present      = { 2024, 6, 30, AZKB_PRECISION_DAY, 0 };

  for (guint round = 0; round < 1200; round++) {
    g_autoptr(AzkbStore) store = azkb_store_new();
    g_autoptr(GString) pattern = g_string_new(NULL);
    g_autoptr(GString) where   = g_string_new(NULL);
    OStmt    stmts[12];
    guint    n = (guint)g_rand_int_range(rand, 3, 13);
    OPattern p = { 0 };

    for (guint i = 0; i < O_NODES; i++) {
      g_autofree char *name = g_strdup_printf("n%u", i);
      azkb_store_add_entity(store, name);
    }
    for (guint i = 0; i < O_RELS; i++) {
      g_autofree char *name = g_strdup_printf("r%u", i);
      azkb_store_mark(
        store, azkb_store_intern(store, name), AZKB_TERM_RELATION);
    }
    for (guint i = 0; i < n; i++) {
      g_autofree char *s = NULL, *r = NULL, *o = NULL;

      stmts[i] =
        (OStmt){ (guint)g_rand_int_range(rand, 0, O_NODES),
                 (guint)g_rand_int_range(rand, 0, O_RELS),
                 (guint)g_rand_int_range(rand, 0, O_NODES),
                 (guint)g_rand_int_range(rand, 0, G_N_ELEMENTS(times)) };
      s = g_strdup_printf("n%u", stmts[i].s);
      r = g_strdup_printf("r%u", stmts[i].p);
      o = g_strdup_printf("n%u", stmts[i].o);
      add(store, s, r, o, times[stmts[i].time]);
    }
    random_pattern(rand, &p, pattern, where);
    {
      g_autofree char *want = o_answer(&p, stmts, n);
      g_autofree char *got =
        azkb_answer(store, pattern->str, where->str, &present);

      if (strcmp(want, got) != 0)
        g_error("seed %u round %u: %s --where '%s'\nwant:\n%sgot:\n%s",
                seed,
                round,
                pattern->str,
                where->str,
                want,
                got);
    }
  }
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/query-time/random-against-oracle",
                  test_random_against_oracle);
  return g_test_run();
}
