/* azkb-floor: what plain loops over the store's own arrays take to answer
 * the questions of bench/shapes — the floor azkb's engine is measured
 * against.
 *
 *   azkb-floor patterns SHAPE DATA
 *       print the suite of SHAPE (hubs, deep, ring) on DATA, one
 *       NAME=PATTERN a line, the entities it starts from chosen from the
 *       graph (so azkb-bench and the SPARQL peers ask the same);
 *   azkb-floor run SHAPE DATA REPEATS OUTDIR [NAME]
 *       answer each question of the suite REPEATS times with loops written
 *       for it, print {NAME: {"rows": N, "ms": [...], "sorted_ms": [...]}}
 *       as JSON and write each answer to OUTDIR/NAME.tsv as azkb-bench
 *       does (sorted IRI lines), so bench/shapes can compare them; with
 *       NAME, only that question (for a profiler).
 *
 * Every question is one of a few families — an unanchored join of 2 or 3
 * single-relation steps (optionally a class on the middle node, an entity
 * at the end), a closure over a union of relations and inverses from one
 * node (optionally with a time filter on every hop), a first hop followed
 * by a closure — and each family is a loop over azkb_store_out_edges() /
 * azkb_store_in_edges() (the CSR slices) with a bitmap for visited nodes:
 * no automaton, no join machinery, no memo.  "ms" is the answer as a set
 * (rows in the order found), "sorted_ms" adds sorting the rows by the
 * names of their terms, the order azkb_query_execute() returns. */
#include <azkb/azkb.h>
#include <azkb/snapshot.h>
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

typedef enum { F_JOIN, F_CLOSURE, F_SEQ_CLOSURE } Family;

#define MAX_RELS 4

/* One question: its family, the relations it reads, and the pattern azkb
 * is given for it (with %s for the anchor's name). */
typedef struct {
  const char *name;
  Family      family;
  const char *rels[MAX_RELS]; ///< "^r" reads r backwards
  const char *cls;            ///< F_JOIN: class of the middle node, or NULL
  const char *time;           ///< F_CLOSURE: "A..B" filter, or NULL
  const char *anchor;         ///< how the anchor is picked
  const char *pattern;        ///< printf format, %s the anchor
} Question;

/* Anchors: "out:REL,REL" the entity with most out-edges over those
 * relations, "in:REL" the one with most in-edges, "last" the last entity,
 * "first" the first, "mid" the middle one. */
static const Question hubs[] = {
  { "join2", F_JOIN, { "r1", "r2" }, NULL, NULL, NULL, "?a -r1-> ?b -r2-> ?c" },
  { "join2-count",
    F_JOIN,
    { "r4", "r5" },
    NULL,
    NULL,
    NULL,
    "?a -r4-> ?b -r5-> ?c" },
  { "join3-class-end",
    F_JOIN,
    { "r1", "r2", "r3" },
    "Beta",
    NULL,
    "in:r3",
    "?a -r1-> ?b:Beta -r2-> ?c -r3-> %s" },
  { "closure-union",
    F_CLOSURE,
    { "r1", "r2", "r3" },
    NULL,
    NULL,
    "out:r1,r2,r3",
    "%s -(r1|r2|r3)*-> ?x" },
  { "closure-union-inverse",
    F_CLOSURE,
    { "r4", "^r5" },
    NULL,
    NULL,
    "out:r4",
    "%s -(r4|^r5)*-> ?x" },
  { "ancestors", F_CLOSURE, { "r0" }, NULL, NULL, "last", "%s -r0+-> ?x" },
  { "descendants", F_CLOSURE, { "^r0" }, NULL, NULL, "first", "?x -r0+-> %s" },
  { "first-then-closure",
    F_SEQ_CLOSURE,
    { "r1", "r2", "r0" },
    NULL,
    NULL,
    "out:r1,r2",
    "%s -(r1|r2)/r0*-> ?x" },
  { "closure-time",
    F_CLOSURE,
    { "r1", "r2", "r3" },
    NULL,
    "1990..2000",
    "out:r1,r2,r3",
    "%s -(r1|r2|r3)*@1990..2000-> ?x" },
  { NULL },
};

/* A question whose name ends in "-count" is asked as `--count`: azkb-bench
 * calls azkb_query_count(), the floor counts in its loops. */
static const Question deep[] = {
  { "join2", F_JOIN, { "s1", "s2" }, NULL, NULL, NULL, "?a -s1-> ?b -s2-> ?c" },
  { "join3-class",
    F_JOIN,
    { "s1", "s2", "s3" },
    "Office",
    NULL,
    NULL,
    "?a -s1-> ?b:Office -s2-> ?c -s3-> ?d" },
  { "join3-count",
    F_JOIN,
    { "s4", "s5", "s6" },
    NULL,
    NULL,
    NULL,
    "?a -s4-> ?b -s5-> ?c -s6-> ?d" },
  { "ancestors", F_CLOSURE, { "s0" }, NULL, NULL, "last", "%s -s0+-> ?x" },
  { "descendants", F_CLOSURE, { "^s0" }, NULL, NULL, "mid", "?x -s0+-> %s" },
  { "closure-union",
    F_CLOSURE,
    { "s1", "s2", "s3" },
    NULL,
    NULL,
    "first",
    "%s -(s1|s2|s3)*-> ?x" },
  { "first-then-closure",
    F_SEQ_CLOSURE,
    { "s4", "s0" },
    NULL,
    NULL,
    "last",
    "%s -s4/s0*-> ?x" },
  { "closure-time",
    F_CLOSURE,
    { "s1", "s2" },
    NULL,
    "2000..2010",
    "first",
    "%s -(s1|s2)*@2000..2010-> ?x" },
  { NULL },
};

static const Question ring[] = {
  { "closure", F_CLOSURE, { "next" }, NULL, NULL, "first", "%s -next*-> ?x" },
  { "closure-count",
    F_CLOSURE,
    { "next", "^jump" },
    NULL,
    NULL,
    "mid",
    "%s -(next|^jump)*-> ?x" },
  { "closure-union-inverse",
    F_CLOSURE,
    { "jump", "^knows" },
    NULL,
    NULL,
    "first",
    "%s -(jump|^knows)*-> ?x" },
  { "join2",
    F_JOIN,
    { "jump", "knows" },
    NULL,
    NULL,
    NULL,
    "?a -jump-> ?b -knows-> ?c" },
  { "closure-time",
    F_CLOSURE,
    { "next", "jump" },
    NULL,
    "1990..2024",
    "first",
    "%s -(next|jump)*@1990..2024-> ?x" },
  { NULL },
};

static const Question *
suite(const char *shape)
{
  if (strcmp(shape, "hubs") == 0)
    return hubs;
  if (strcmp(shape, "deep") == 0)
    return deep;
  if (strcmp(shape, "ring") == 0)
    return ring;
  return NULL;
}

/* ---- what every family shares ---- */

typedef struct {
  AzkbTermId rel;
  gboolean   inverse;
} Rel;

static Rel
rel_of(AzkbStore *store, const char *text)
{
  gboolean inverse = text[0] == '^';

  return (Rel){ azkb_store_lookup(store, text + inverse), inverse };
}

static const AzkbEdge *
edges_of(AzkbStore *store, AzkbTermId node, Rel r, gsize *n)
{
  return r.inverse ? azkb_store_in_edges(store, node, r.rel, n)
                   : azkb_store_out_edges(store, node, r.rel, n);
}

/* Rows of one answer: width term ids each; or only their number. */
typedef struct {
  GArray  *cells;
  guint    width;
  gboolean count_only;
  guint    n;
} Rows;

static inline void
emit(Rows *rows, const AzkbTermId *row)
{
  rows->n++;
  if (!rows->count_only)
    g_array_append_vals(rows->cells, row, rows->width);
}

/* ---- the families ---- */

/* ?a -R0-> ?b [-R1-> ?c [-R2-> end]]: every entity, every distinct end of
 * each hop (a node's edges of one relation are sorted by their other end,
 * so repeats of one pair are neighbours). */
static G_GNUC_NO_INLINE void
floor_join(AzkbStore *store, const Question *q, AzkbTermId end, Rows *rows)
{
  g_autoptr(GArray) all = azkb_store_entities(store);
  Rel        r[3];
  guint      steps = q->rels[2] != NULL ? 3 : 2;
  AzkbTermId cls   = q->cls ? azkb_store_lookup(store, q->cls) : 0;

  for (guint i = 0; i < steps; i++)
    r[i] = rel_of(store, q->rels[i]);
  rows->width = end != 0 ? steps : steps + 1;
  for (guint i = 0; i < all->len; i++) {
    AzkbTermId      row[4] = { g_array_index(all, AzkbTermId, i) };
    gsize           n1;
    const AzkbEdge *e1 = edges_of(store, row[0], r[0], &n1);

    for (gsize a = 0; a < n1; a++) {
      gsize           n2;
      const AzkbEdge *e2;

      if (a > 0 && e1[a].other == e1[a - 1].other)
        continue;
      row[1] = e1[a].other;
      if (cls != 0 && !azkb_store_has_class(store, row[1], cls))
        continue;
      e2 = edges_of(store, row[1], r[1], &n2);
      for (gsize b = 0; b < n2; b++) {
        gsize           n3;
        const AzkbEdge *e3;

        if (b > 0 && e2[b].other == e2[b - 1].other)
          continue;
        row[2] = e2[b].other;
        if (steps == 2) {
          emit(rows, row);
          continue;
        }
        e3 = edges_of(store, row[2], r[2], &n3);
        for (gsize c = 0; c < n3; c++) {
          if (c > 0 && e3[c].other == e3[c - 1].other)
            continue;
          if (end != 0 && e3[c].other != end)
            continue;
          row[3] = e3[c].other;
          emit(rows, row);
        }
      }
    }
  }
}

/* The span of a statement overlaps [lo, hi]; undated ones always do. */
static gboolean
in_time(AzkbStore *store, AzkbStmtId stmt, gint32 lo, gint32 hi)
{
  AzkbStatement st;
  gint32        a, b;

  azkb_store_get_statement(store, stmt, &st);
  if (!azkb_interval_span_at(&st.time, bench_present(), &a, &b))
    return TRUE;
  return a <= hi && b >= lo;
}

/* Breadth-first from the nodes in @queue over @r: every node reached joins
 * @queue (and @seen).  @plus leaves the start out unless a cycle comes back
 * to it. */
static void
bfs(AzkbStore *store,
    const Rel *r,
    guint      n_rels,
    gboolean   timed,
    gint32     lo,
    gint32     hi,
    GArray    *queue,
    guint64   *seen)
{
  for (guint head = 0; head < queue->len; head++) {
    AzkbTermId node = g_array_index(queue, AzkbTermId, head);

    for (guint k = 0; k < n_rels; k++) {
      gsize           n;
      const AzkbEdge *e = edges_of(store, node, r[k], &n);

      for (gsize i = 0; i < n; i++) {
        AzkbTermId o = e[i].other;

        if (seen[o / 64] & (G_GUINT64_CONSTANT(1) << (o % 64)))
          continue;
        if (timed && !in_time(store, e[i].stmt, lo, hi))
          continue;
        seen[o / 64] |= G_GUINT64_CONSTANT(1) << (o % 64);
        g_array_append_val(queue, o);
      }
    }
  }
}

static G_GNUC_NO_INLINE void
floor_closure(AzkbStore      *store,
              const Question *q,
              AzkbTermId      anchor,
              Rows           *rows)
{
  g_autofree guint64 *seen =
    g_new0(guint64, azkb_store_n_terms(store) / 64 + 1);
  g_autoptr(GArray) queue = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  Rel      r[MAX_RELS];
  guint    n_rels = 0;
  gint32   lo = 0, hi = 0;
  gboolean plus = strchr(q->pattern, '+') != NULL;

  while (n_rels < MAX_RELS && q->rels[n_rels] != NULL) {
    r[n_rels] = rel_of(store, q->rels[n_rels]);
    n_rels++;
  }
  if (q->time != NULL) {
    AzkbInterval t;

    azkb_interval_parse(q->time, &t, NULL);
    azkb_interval_span_at(&t, bench_present(), &lo, &hi);
  }
  rows->width = 1;
  g_array_append_val(queue, anchor);
  /* `*` reaches the anchor at length 0; `+` only if a cycle leads back. */
  if (!plus)
    seen[anchor / 64] |= G_GUINT64_CONSTANT(1) << (anchor % 64);
  bfs(store, r, n_rels, q->time != NULL, lo, hi, queue, seen);
  for (guint i = plus ? 1 : 0; i < queue->len; i++)
    emit(rows, &g_array_index(queue, AzkbTermId, i));
}

/* A -(F1|F2)/S*-> ?x: the ends of the first hop, then the closure of S. */
static G_GNUC_NO_INLINE void
floor_seq_closure(AzkbStore      *store,
                  const Question *q,
                  AzkbTermId      anchor,
                  Rows           *rows)
{
  g_autofree guint64 *seen =
    g_new0(guint64, azkb_store_n_terms(store) / 64 + 1);
  g_autoptr(GArray) queue = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  guint n_rels            = 0;
  Rel   star;

  while (n_rels < MAX_RELS && q->rels[n_rels] != NULL)
    n_rels++;
  star = rel_of(store, q->rels[n_rels - 1]);
  for (guint k = 0; k + 1 < n_rels; k++) {
    gsize           n;
    const AzkbEdge *e = edges_of(store, anchor, rel_of(store, q->rels[k]), &n);

    for (gsize i = 0; i < n; i++) {
      AzkbTermId o = e[i].other;

      if (seen[o / 64] & (G_GUINT64_CONSTANT(1) << (o % 64)))
        continue;
      seen[o / 64] |= G_GUINT64_CONSTANT(1) << (o % 64);
      g_array_append_val(queue, o);
    }
  }
  bfs(store, &star, 1, FALSE, 0, 0, queue, seen);
  rows->width = 1;
  for (guint i = 0; i < queue->len; i++)
    emit(rows, &g_array_index(queue, AzkbTermId, i));
}

/* ---- anchors ---- */

static AzkbTermId
pick_anchor(AzkbStore *store, const char *how)
{
  g_autoptr(GArray) all = azkb_store_entities(store);
  g_auto(GStrv) rels    = NULL;
  AzkbTermId best       = 0;
  gsize      most       = 0;
  gboolean   in;

  if (strcmp(how, "first") == 0)
    return g_array_index(all, AzkbTermId, 0);
  if (strcmp(how, "last") == 0)
    return g_array_index(all, AzkbTermId, all->len - 1);
  if (strcmp(how, "mid") == 0)
    return g_array_index(all, AzkbTermId, all->len / 2);
  in   = g_str_has_prefix(how, "in:");
  rels = g_strsplit(how + 3, ",", -1);
  for (guint i = 0; i < all->len; i++) {
    AzkbTermId e      = g_array_index(all, AzkbTermId, i);
    gsize      degree = 0;

    for (guint k = 0; rels[k] != NULL; k++) {
      Rel   r = { azkb_store_lookup(store, rels[k]), in };
      gsize n;

      edges_of(store, e, r, &n);
      degree += n;
    }
    if (degree > most)
      most = degree, best = e;
  }
  return best;
}

static AzkbTermId
anchor_of(AzkbStore *store, const Question *q)
{
  return q->anchor != NULL ? pick_anchor(store, q->anchor) : 0;
}

static char *
pattern_of(AzkbStore *store, const Question *q, AzkbTermId anchor)
{
  /* The format holds at most one %s, filled only when there is an anchor. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return anchor != 0
           ? g_strdup_printf(q->pattern, azkb_store_term_name(store, anchor))
           : g_strdup(q->pattern);
#pragma GCC diagnostic pop
}

/* ---- answers ---- */

static void
answer(AzkbStore *store, const Question *q, AzkbTermId anchor, Rows *rows)
{
  switch (q->family) {
    case F_JOIN:
      floor_join(store, q, anchor, rows);
      break;
    case F_CLOSURE:
      floor_closure(store, q, anchor, rows);
      break;
    case F_SEQ_CLOSURE:
      floor_seq_closure(store, q, anchor, rows);
      break;
    default:
      g_assert_not_reached();
  }
}

typedef struct {
  AzkbStore *store;
  guint      width;
} SortCtx;

static int
compare_named_rows(gconstpointer a, gconstpointer b, gpointer data)
{
  const SortCtx    *ctx = data;
  const AzkbTermId *x = a, *y = b;

  for (guint i = 0; i < ctx->width; i++) {
    int c;

    if (x[i] == y[i])
      continue;
    c = strcmp(azkb_store_term_name(ctx->store, x[i]),
               azkb_store_term_name(ctx->store, y[i]));
    if (c != 0)
      return c;
  }
  return 0;
}

static void
sort_rows(AzkbStore *store, Rows *rows)
{
  SortCtx ctx = { store, rows->width };

  g_qsort_with_data(rows->cells->data,
                    (gint)(rows->cells->len / rows->width),
                    rows->width * sizeof(AzkbTermId),
                    compare_named_rows,
                    &ctx);
}

static int
compare_strings(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static gboolean
write_answer(AzkbStore *store, const Rows *rows, const char *path)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GString) text    = g_string_new(NULL);
  const AzkbTermId *c        = (const AzkbTermId *)(void *)rows->cells->data;

  if (rows->count_only) {
    g_autofree char *n = g_strdup_printf("%u\n", rows->n);

    return g_file_set_contents(path, n, -1, NULL);
  }
  for (guint r = 0; r < rows->cells->len / rows->width; r++) {
    GString *line = g_string_new(NULL);

    for (guint k = 0; k < rows->width; k++)
      g_string_append_printf(
        line,
        "%s<%sid/%s>",
        k > 0 ? "\t" : "",
        AZKB_RDF_DEFAULT_BASE,
        azkb_store_term_name(store, c[r * rows->width + k]));
    g_ptr_array_add(lines, g_string_free(line, FALSE));
  }
  g_ptr_array_sort(lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf(text, "%s\n", (char *)lines->pdata[i]);
  return g_file_set_contents(path, text->str, (gssize)text->len, NULL);
}

static AzkbStore *
load(const char *path)
{
  g_autoptr(GError) error = NULL;
  AzkbStore *store        = NULL;

  if (g_str_has_suffix(path, ".azs"))
    store = azkb_snapshot_load(path, &error);
  else {
    store = azkb_store_new();
    if (!azkb_rdf_import_file(store, path, NULL, NULL, &error))
      g_clear_pointer(&store, azkb_store_unref);
  }
  if (store == NULL)
    fprintf(stderr, "azkb-floor: %s\n", error->message);
  return store;
}

static int
print_patterns(AzkbStore *store, const Question *qs)
{
  for (const Question *q = qs; q->name != NULL; q++) {
    g_autofree char *pattern = pattern_of(store, q, anchor_of(store, q));

    printf("%s=%s\n", q->name, pattern);
  }
  return 0;
}

static int
run(AzkbStore      *store,
    const Question *qs,
    guint           repeats,
    const char     *outdir,
    const char     *only)
{
  g_autoptr(GString) json = g_string_new("{");

  g_mkdir_with_parents(outdir, 0755);
  /* Build the lazy indexes before timing, as azkb-bench does. */
  azkb_store_out_edges(store, 1, 0, &(gsize){ 0 });
  azkb_store_in_edges(store, 1, 0, &(gsize){ 0 });
  for (const Question *q = qs; q->name != NULL; q++) {
    AzkbTermId       anchor;
    g_autofree char *path = NULL;
    GString         *ms, *sorted;
    guint            n_rows = 0;

    if (only != NULL && strcmp(only, q->name) != 0)
      continue;
    anchor = anchor_of(store, q);
    path   = g_strdup_printf("%s/%s.tsv", outdir, q->name);
    ms     = g_string_new(NULL);
    sorted = g_string_new(NULL);

    for (guint i = 0; i < MAX(repeats, 1u); i++) {
      Rows   rows = { g_array_new(FALSE, FALSE, sizeof(AzkbTermId)),
                      1,
                      g_str_has_suffix(q->name, "-count"),
                      0 };
      double t0   = now_ms();
      double t1;

      answer(store, q, anchor, &rows);
      t1 = now_ms();
      if (!rows.count_only)
        sort_rows(store, &rows);
      g_string_append_printf(ms, "%s%.4f", i ? ", " : "", t1 - t0);
      g_string_append_printf(sorted, "%s%.4f", i ? ", " : "", now_ms() - t0);
      n_rows = rows.n;
      if (i + 1 == MAX(repeats, 1u) && !write_answer(store, &rows, path)) {
        fprintf(stderr, "azkb-floor: cannot write %s\n", path);
        return 3;
      }
      g_array_unref(rows.cells);
    }
    g_string_append_printf(json,
                           "%s\"%s\": {\"rows\": %u, \"ms\": [%s], "
                           "\"sorted_ms\": [%s]}",
                           json->len > 1 ? ", " : "",
                           q->name,
                           n_rows,
                           ms->str,
                           sorted->str);
    g_string_free(ms, TRUE);
    g_string_free(sorted, TRUE);
  }
  g_string_append(json, "}");
  puts(json->str);
  return 0;
}

int
main(int argc, char **argv)
{
  const Question *qs         = argc >= 4 ? suite(argv[2]) : NULL;
  g_autoptr(AzkbStore) store = NULL;

  if (qs == NULL ||
      !((argc == 4 && strcmp(argv[1], "patterns") == 0) ||
        ((argc == 6 || argc == 7) && strcmp(argv[1], "run") == 0))) {
    fprintf(stderr,
            "usage: azkb-floor patterns hubs|deep|ring DATA\n"
            "       azkb-floor run hubs|deep|ring DATA REPEATS OUTDIR "
            "[NAME]\n");
    return 2;
  }
  /* The present for open ends, as azkb-bench and the SPARQL are given. */
  if (g_getenv("AZKB_BENCH_NOW") != NULL) {
    AzkbDate now;

    if (!azkb_date_parse(g_getenv("AZKB_BENCH_NOW"), &now, NULL))
      return 2;
    present     = now;
    has_present = TRUE;
  }
  if ((store = load(argv[3])) == NULL)
    return 3;
  if (argv[1][0] == 'p')
    return print_patterns(store, qs);
  return run(store,
             qs,
             (guint)g_ascii_strtoull(argv[4], NULL, 10),
             argv[5],
             argc == 7 ? argv[6] : NULL);
}
