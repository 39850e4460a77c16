/* azkb-bench: the in-process side of bench/run.
 *
 *   azkb-bench pick DATA
 *       print the entities the benchmark queries start from, chosen from
 *       the graph: root (the partOf root with the largest subtree), leaf
 *       (its deepest unit), far (the deepest unit under another root),
 *       country (most memberships), body (most elections).
 *   azkb-bench query DATA REPEATS OUTDIR NAME=PATTERN...
 *       load DATA, run each pattern REPEATS times (a pattern "path A B"
 *       runs azkb_path_find; a NAME ending in "-count" counts the rows
 *       with azkb_query_count(), as `azkb query --count`), print {load_ms,
 *       ranks_ms, queries: {NAME: [ms...]}, eval: {NAME: [ms...]}} as
 *       JSON (eval: the evaluation alone, without parsing the pattern: a
 *       prepared query) and write each answer to
 *       OUTDIR/NAME.tsv as sorted IRIs, the form bench/peers/ write for
 *       SPARQL engines.  A pattern "when P" runs P with AZKB_QUERY_WHEN
 *       (its when column written as EDTF), "sources P" with
 *       AZKB_QUERY_SOURCES ("when sources P" both); "P --where C" adds
 *       the constraint C.  With
 *       AZKB_BENCH_TURNS set, the patterns run in turns (each once, REPEATS
 *       times over) instead of each REPEATS times in a row.
 *   azkb-bench when-growth REPEATS
 *       the cost of --when against the number of distinct dates: random
 *       graphs of 10,000 entities and 40,000 statements whose spans start
 *       and end on days drawn from D distinct days (D = 1 .. 20,000), a
 *       2-step pattern over all of them timed REPEATS times with and
 *       without --when, interleaved; prints JSON with the medians.
 */
#include <azkb/azkb.h>
#include <azkb/query.h>
#include <azkb/snapshot.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The present for open ends (AZKB_BENCH_NOW), passed to every call whose
 * answer depends on it; NULL: today. */
static AzkbDate present;
static gboolean has_present;

static const AzkbDate *
bench_present(void)
{
  return has_present ? &present : NULL;
}

static double
now_ms(void)
{
  struct timespec ts;

  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static AzkbStore *
load(const char *path, GError **error)
{
  g_autoptr(AzkbStore) store = NULL;

  if (g_str_has_suffix(path, ".azs"))
    return azkb_snapshot_load(path, error);
  store = azkb_store_new();
  if (!azkb_rdf_import_file(store, path, NULL, NULL, error))
    return NULL;
  return g_steal_pointer(&store);
}

static AzkbTermId
only_edge(AzkbStore *store, AzkbTermId node, AzkbTermId rel)
{
  gsize           n;
  const AzkbEdge *e = azkb_store_out_edges(store, node, rel, &n);

  return n > 0 ? e[0].other : 0;
}

static AzkbTermId
root_of(AzkbStore *store, AzkbTermId node, AzkbTermId part_of, guint *depth)
{
  AzkbTermId up;

  *depth = 0;
  while ((up = only_edge(store, node, part_of)) != 0) {
    node = up;
    (*depth)++;
  }
  return node;
}

static guint
subtree_size(AzkbStore *store, AzkbTermId root, AzkbTermId part_of)
{
  g_autoptr(GArray) stack = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  guint n                 = 0;

  g_array_append_val(stack, root);
  while (stack->len > 0) {
    AzkbTermId      node = g_array_index(stack, AzkbTermId, stack->len - 1);
    gsize           k;
    const AzkbEdge *in;

    g_array_set_size(stack, stack->len - 1);
    n++;
    in = azkb_store_in_edges(store, node, part_of, &k);
    for (gsize i = 0; i < k; i++)
      g_array_append_val(stack, in[i].other);
  }
  return n;
}

static int
pick(const char *path)
{
  g_autoptr(GError) error    = NULL;
  g_autoptr(AzkbStore) store = load(path, &error);
  g_autoptr(GArray) entities = NULL;
  AzkbTermId part_of, member_of, elected_to, country_cls;
  AzkbTermId root = 0, leaf = 0, far = 0, country = 0, body = 0;
  guint      best = 0, leaf_depth = 0, far_depth = 0, most = 0, elected = 0;

  if (store == NULL) {
    fprintf(stderr, "azkb-bench: %s\n", error->message);
    return 3;
  }
  part_of     = azkb_store_lookup(store, "partOf");
  member_of   = azkb_store_lookup(store, "memberOf");
  elected_to  = azkb_store_lookup(store, "electedTo");
  country_cls = azkb_store_lookup(store, "Country");
  entities    = azkb_store_entities(store);
  for (guint i = 0; i < entities->len; i++) {
    AzkbTermId e = g_array_index(entities, AzkbTermId, i);
    gsize      n_in, n_out;

    azkb_store_in_edges(store, e, part_of, &n_in);
    if (only_edge(store, e, part_of) == 0 && n_in > 0) {
      guint size = subtree_size(store, e, part_of);

      if (size > best)
        best = size, root = e;
    }
    if (azkb_store_has_class(store, e, country_cls)) {
      azkb_store_out_edges(store, e, member_of, &n_out);
      if (n_out > most)
        most = n_out, country = e;
    }
    azkb_store_in_edges(store, e, elected_to, &n_in);
    if (n_in > elected)
      elected = n_in, body = e;
  }
  for (guint i = 0; i < entities->len; i++) {
    AzkbTermId e = g_array_index(entities, AzkbTermId, i);
    guint      depth;
    AzkbTermId r = root_of(store, e, part_of, &depth);

    if (r == root && depth > leaf_depth)
      leaf_depth = depth, leaf = e;
    else if (r != root && depth > far_depth)
      far_depth = depth, far = e;
  }
  if (root == 0 || leaf == 0 || far == 0 || country == 0 || body == 0) {
    fprintf(stderr, "azkb-bench: %s lacks the generated shape\n", path);
    return 3;
  }
  printf("store_bytes=%" G_GSIZE_FORMAT "\n", azkb_store_memory_size(store));
  printf("root=%s\nleaf=%s\nfar=%s\ncountry=%s\nbody=%s\nstatements=%u\n",
         azkb_store_term_name(store, root),
         azkb_store_term_name(store, leaf),
         azkb_store_term_name(store, far),
         azkb_store_term_name(store, country),
         azkb_store_term_name(store, body),
         azkb_store_n_statements(store));
  return 0;
}

static int
compare_strings(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One evaluated pattern: a query's result, its count, or path_find's
 * connections. */
typedef struct {
  AzkbResult *result;
  GPtrArray  *paths;
  gboolean    counted;
  guint       count;
} Answer;

static void
answer_clear(Answer *answer)
{
  g_clear_pointer(&answer->result, azkb_result_unref);
  g_clear_pointer(&answer->paths, g_ptr_array_unref);
}

/* Run one pattern: parse and evaluate, or find the connection.  This is
 * the timed part, as the SPARQL peers time their query call alone; turning
 * rows into IRI lines (answer_lines) is not timed for them either.  The
 * start of the evaluation alone goes to @eval_start: the time from there
 * on is what a prepared query (parsed once, asked again) costs. */
static gboolean
run_one(AzkbStore  *store,
        const char *name,
        const char *pattern,
        Answer     *out,
        double     *eval_start,
        GError    **error)
{
  if (g_str_has_prefix(pattern, "path ")) {
    g_auto(GStrv) words  = g_strsplit(pattern, " ", 3);
    AzkbPathOptions opts = { .max_hops = 64 };
    AzkbTermId      from = azkb_store_lookup(store, words[1]);
    AzkbTermId      to   = azkb_store_lookup(store, words[2]);

    *eval_start = now_ms();
    out->paths  = azkb_path_find(store, from, to, &opts, error);
    return out->paths != NULL;
  }
  {
    AzkbQueryFlags flags       = AZKB_QUERY_NONE;
    g_auto(GStrv) parts        = NULL;
    g_autoptr(AzkbQuery) query = NULL;

    /* "when sources P" asks for both */
    for (;;) {
      if (g_str_has_prefix(pattern, "when ")) {
        flags |= AZKB_QUERY_WHEN;
        pattern += 5;
      } else if (g_str_has_prefix(pattern, "sources ")) {
        flags |= AZKB_QUERY_SOURCES;
        pattern += 8;
      } else
        break;
    }
    parts = g_strsplit(pattern, " --where ", 2);
    query = azkb_query_parse(parts[0], store, error);
    if (query == NULL)
      return FALSE;
    azkb_query_set_present(query, bench_present());
    if (parts[1] != NULL && !azkb_query_add_constraint(query, parts[1], error))
      return FALSE;
    azkb_query_set_flags(query, flags);
    *eval_start = now_ms();
    if (g_str_has_suffix(name, "-count")) {
      out->counted = TRUE;
      out->count   = azkb_query_count(query);
    } else
      out->result = azkb_query_execute(query, 0);
    return TRUE;
  }
}

/* An answer as sorted lines of IRIs. */
static GPtrArray *
answer_lines(AzkbStore *store, const Answer *answer)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
  guint      cols;

  if (answer->paths != NULL) {
    g_ptr_array_add(lines, g_strdup(answer->paths->len > 0 ? "true" : "false"));
    return lines;
  }
  if (answer->counted) {
    g_ptr_array_add(lines, g_strdup_printf("%u", answer->count));
    return lines;
  }
  cols = azkb_result_n_columns(answer->result);
  for (guint r = 0; r < azkb_result_n_rows(answer->result); r++) {
    const AzkbTermId *row  = azkb_result_row(answer->result, r);
    GString          *line = g_string_new(NULL);

    for (guint c = 0; c < cols; c++) {
      AzkbColumnKind kind = azkb_result_column_kind(answer->result, c);
      AzkbStatement  st;

      if (c > 0)
        g_string_append_c(line, '\t');
      if (kind == AZKB_COLUMN_SOURCES) {
        gsize             n;
        const AzkbTermId *src = azkb_result_sources(answer->result, row[c], &n);

        for (gsize i = 0; i < n; i++)
          g_string_append_printf(line,
                                 "%s%s",
                                 i > 0 ? " " : "",
                                 azkb_store_term_name(store, src[i]));
      } else if (kind == AZKB_COLUMN_WHEN) {
        gsize               n;
        const AzkbDayRange *days = azkb_result_when(answer->result, row[c], &n);
        g_autoptr(AzkbTimeSet) set = azkb_time_set_new_from_ranges(days, n);
        g_autofree char *text      = azkb_time_set_to_string_at(
          set, AZKB_TIME_STYLE_EDTF, bench_present());

        g_string_append(line, text);
      } else if (kind == AZKB_COLUMN_TIME &&
                 azkb_store_get_statement(store, row[c], &st)) {
        /* a time as azkb's tsv writes it */
        g_autofree char *t =
          azkb_interval_to_string(&st.time, AZKB_TIME_STYLE_EDTF);
        g_string_append(line, t);
      } else if (kind == AZKB_COLUMN_ENTITY)
        g_string_append_printf(line,
                               "<%sid/%s>",
                               AZKB_RDF_DEFAULT_BASE,
                               azkb_store_term_name(store, row[c]));
      else
        g_string_append(line, azkb_store_term_name(store, row[c]));
    }
    g_ptr_array_add(lines, g_string_free(line, FALSE));
  }
  g_ptr_array_sort(lines, compare_strings);
  return lines;
}

static gboolean
write_lines(const char *path, GPtrArray *lines, GError **error)
{
  g_autoptr(GString) text = g_string_new(NULL);

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf(text, "%s\n", (char *)lines->pdata[i]);
  return g_file_set_contents(path, text->str, (gssize)text->len, error);
}

/* Run spec @i (NAME=PATTERN) once, its time appended to @times; on the
 * last run its answer is written to OUTDIR/NAME.tsv. */
static gboolean
run_spec(AzkbStore  *store,
         const char *spec,
         const char *outdir,
         gboolean    last,
         GArray     *times,
         GArray     *eval_times,
         GError    **error)
{
  g_auto(GStrv) kv           = g_strsplit(spec, "=", 2);
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *out       = NULL;
  Answer           answer    = { 0 };
  double           start = now_ms(), eval_start = start, end, ms;

  if (!run_one(store, kv[0], kv[1], &answer, &eval_start, error)) {
    g_prefix_error(error, "%s: ", kv[1]);
    return FALSE;
  }
  end = now_ms();
  ms  = end - start;
  g_array_append_val(times, ms);
  ms = end - eval_start;
  g_array_append_val(eval_times, ms);
  if (last)
    lines = answer_lines(store, &answer);
  answer_clear(&answer);
  if (!last)
    return TRUE;
  out = g_strdup_printf("%s/%s.tsv", outdir, kv[0]);
  return write_lines(out, lines, error);
}

/* "NAME": [ms, ...] for each spec, comma-separated, into @json. */
static void
append_times(GString *json, GPtrArray *times, char **specs)
{
  for (guint i = 0; i < times->len; i++) {
    g_auto(GStrv) kv = g_strsplit(specs[i], "=", 2);
    GArray *t        = times->pdata[i];

    g_string_append_printf(json, "%s\"%s\": [", i > 0 ? ", " : "", kv[0]);
    for (guint r = 0; r < t->len; r++)
      g_string_append_printf(
        json, "%s%.4f", r > 0 ? ", " : "", g_array_index(t, double, r));
    g_string_append(json, "]");
  }
}

static int
query(int argc, char **argv)
{
  g_autoptr(GError) error    = NULL;
  g_autoptr(AzkbStore) store = NULL;
  g_autoptr(GString) json    = g_string_new(NULL);
  guint    repeats = MAX((guint)g_ascii_strtoull(argv[3], NULL, 10), 1u);
  guint    n_specs = (guint)argc - 5;
  gboolean turns   = g_getenv("AZKB_BENCH_TURNS") != NULL;
  double   t0      = now_ms(), t1;
  g_autoptr(GPtrArray) times =
    g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
  g_autoptr(GPtrArray) eval_times =
    g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);

  /* The present for open ends, as given to the SPARQL translation. */
  if (g_getenv("AZKB_BENCH_NOW") != NULL) {
    AzkbDate now;

    if (!azkb_date_parse(g_getenv("AZKB_BENCH_NOW"), &now, &error)) {
      fprintf(stderr, "azkb-bench: %s\n", error->message);
      return 2;
    }
    present     = now;
    has_present = TRUE;
  }
  store = load(argv[2], &error);
  if (store == NULL) {
    fprintf(stderr, "azkb-bench: %s\n", error->message);
    return 3;
  }
  /* Build the lazy indexes outside the timed runs, as a loaded store used
   * interactively would have them after its first question; the order of
   * names apart, timed on its own (a first large answer pays it once). */
  azkb_store_out_edges(store, 1, 0, &(gsize){ 0 });
  t1 = now_ms();
  azkb_store_name_ranks(store);
  g_string_append_printf(json,
                         "{\"load_ms\": %.3f, \"ranks_ms\": %.3f, "
                         "\"queries\": {",
                         t1 - t0,
                         now_ms() - t1);
  g_mkdir_with_parents(argv[4], 0755);
  for (guint i = 0; i < n_specs; i++) {
    g_ptr_array_add(times, g_array_new(FALSE, FALSE, sizeof(double)));
    g_ptr_array_add(eval_times, g_array_new(FALSE, FALSE, sizeof(double)));
  }
  /* In turns (AZKB_BENCH_TURNS): every pattern once, REPEATS times over,
   * so that a change in the machine's load falls on all of them alike;
   * else each pattern REPEATS times before the next. */
  for (guint k = 0; k < repeats * n_specs; k++) {
    guint i = turns ? k % n_specs : k / repeats;
    guint r = turns ? k / n_specs : k % repeats;

    if (!run_spec(store,
                  argv[5 + i],
                  argv[4],
                  r + 1 == repeats,
                  times->pdata[i],
                  eval_times->pdata[i],
                  &error)) {
      fprintf(stderr, "azkb-bench: %s\n", error->message);
      return error->domain == G_FILE_ERROR ? 3 : 2;
    }
  }
  append_times(json, times, argv + 5);
  g_string_append(json, "}, \"eval\": {");
  append_times(json, eval_times, argv + 5);
  g_string_append(json, "}}");
  puts(json->str);
  return 0;
}

/* ---- --when against the number of distinct dates ---- */

static int
compare_doubles(gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median(GArray *samples)
{
  g_array_sort(samples, compare_doubles);
  return g_array_index(samples, double, samples->len / 2);
}

/* A random graph whose statements' spans start and end on days drawn from
 * @n_days distinct days (from 1 January 2000 on): the elementary intervals
 * of the graph are at most 2 * @n_days + 1. */
static AzkbStore *
growth_store(guint n_days, guint32 seed)
{
  AzkbStore *store             = azkb_store_new();
  g_autoptr(GRand) rand        = g_rand_new_with_seed(seed);
  g_autofree AzkbTermId *node  = g_new(AzkbTermId, 10000);
  g_autofree gint32     *days  = g_new(gint32, n_days);
  AzkbDate               first = azkb_date_make(2000, 1, 1);
  AzkbTermId             rel   = azkb_store_intern(store, "r");

  azkb_store_mark(store, rel, AZKB_TERM_RELATION);
  for (guint i = 0; i < 10000; i++) {
    g_autofree char *name = g_strdup_printf("e%u", i);

    node[i] = azkb_store_add_entity(store, name);
  }
  /* Distinct days spread over about 55 years. */
  for (guint i = 0; i < n_days; i++)
    days[i] = azkb_date_first_day(&first) +
              (gint32)((gint64)i * 20000 / MAX(n_days, 1));
  for (guint k = 0; k < 40000; k++) {
    gint32       a = days[g_rand_int_range(rand, 0, (gint32)n_days)];
    gint32       b = days[g_rand_int_range(rand, 0, (gint32)n_days)];
    GDate        ga, gb;
    AzkbDate     da, db;
    AzkbInterval t;

    g_date_clear(&ga, 1);
    g_date_clear(&gb, 1);
    g_date_set_julian(&ga, (guint32)MIN(a, b));
    g_date_set_julian(&gb, (guint32)MAX(a, b));
    da = azkb_date_make(
      g_date_get_year(&ga), g_date_get_month(&ga), g_date_get_day(&ga));
    db = azkb_date_make(
      g_date_get_year(&gb), g_date_get_month(&gb), g_date_get_day(&gb));
    t = azkb_interval_make(&da, &db);
    azkb_store_add_statement(store,
                             node[g_rand_int_range(rand, 0, 10000)],
                             rel,
                             node[g_rand_int_range(rand, 0, 10000)],
                             &t);
  }
  return store;
}

static double
time_pattern(AzkbStore  *store,
             const char *pattern,
             gboolean    when,
             guint      *out_rows)
{
  g_autoptr(GError) error   = NULL;
  g_autoptr(AzkbQuery) q    = azkb_query_parse(pattern, store, &error);
  g_autoptr(AzkbResult) res = NULL;
  double start;

  g_assert_no_error(error);
  azkb_query_set_present(q, bench_present());
  if (when)
    azkb_query_set_flags(q, AZKB_QUERY_WHEN);
  start     = now_ms();
  res       = azkb_query_execute(q, 0);
  *out_rows = azkb_result_n_rows(res);
  return now_ms() - start;
}

static int
when_growth(guint repeats)
{
  const guint n_days[] = { 1, 10, 100, 1000, 10000, 20000 };
  const char *pattern  = "?x -r-> ?y -r-> ?z";

  printf("{\"pattern\": \"%s\", \"entities\": 10000, \"statements\": "
         "40000, \"sizes\": [",
         pattern);
  for (guint i = 0; i < G_N_ELEMENTS(n_days); i++) {
    g_autoptr(AzkbStore) store = growth_store(n_days[i], 42);
    g_autoptr(GArray) plain    = g_array_new(FALSE, FALSE, sizeof(double));
    g_autoptr(GArray) when     = g_array_new(FALSE, FALSE, sizeof(double));
    guint rows_plain = 0, rows_when = 0;

    azkb_store_out_edges(store, 1, 0, &(gsize){ 0 });
    for (guint r = 0; r < MAX(repeats, 1u); r++) {
      double a = time_pattern(store, pattern, FALSE, &rows_plain);
      double b = time_pattern(store, pattern, TRUE, &rows_when);

      g_array_append_val(plain, a);
      g_array_append_val(when, b);
    }
    printf("%s{\"days\": %u, \"rows\": %u, \"rows_when\": %u, "
           "\"plain_ms\": %.3f, \"when_ms\": %.3f}",
           i > 0 ? ", " : "",
           n_days[i],
           rows_plain,
           rows_when,
           median(plain),
           median(when));
    fflush(stdout);
  }
  puts("]}");
  return 0;
}

/* The store's own accounting of its memory, for bench/shapes --load. */
static int
memory(const char *path)
{
  g_autoptr(GError) error    = NULL;
  g_autoptr(AzkbStore) store = load(path, &error);

  if (store == NULL) {
    fprintf(stderr, "azkb-bench: %s\n", error->message);
    return 3;
  }
  printf("store_bytes=%" G_GSIZE_FORMAT "\nstatements=%u\n",
         azkb_store_memory_size(store),
         azkb_store_n_statements(store));
  return 0;
}

int
main(int argc, char **argv)
{
  if (argc == 3 && strcmp(argv[1], "pick") == 0)
    return pick(argv[2]);
  if (argc >= 6 && strcmp(argv[1], "query") == 0)
    return query(argc, argv);
  if (argc == 3 && strcmp(argv[1], "memory") == 0)
    return memory(argv[2]);
  if (argc == 3 && strcmp(argv[1], "when-growth") == 0)
    return when_growth((guint)g_ascii_strtoull(argv[2], NULL, 10));
  fprintf(stderr,
          "usage: azkb-bench pick DATA\n"
          "       azkb-bench query DATA REPEATS OUTDIR "
          "NAME=PATTERN...\n"
          "       azkb-bench memory DATA\n"
          "       azkb-bench when-growth REPEATS\n");
  return 2;
}
