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
 * GDate, not with azkb_interval_span().  The oracle's model is
 * when-oracle.h: random graphs and patterns in when-random.c, the snapshot
 * evaluation in when-oracle.c; this file runs azkb on them and compares. */
#include "when-oracle.h"

#include <string.h>

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
