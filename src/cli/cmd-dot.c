/* azkb dot: the diagram as DOT text, built with cgraph and written with
 * agwrite.  Also the selection options shared with `azkb render`. */
#include "diagram-options.h"

#include <stdio.h>
#include <string.h>

void
azkb_diagram_cli_add_options(GOptionContext *context, AzkbDiagramCli *cli)
{
  // clang-format off
  const GOptionEntry entries[] = {
    { "around",    'a', 0, G_OPTION_ARG_STRING,   &cli->around,    "Draw the neighbourhood of ENTITY (id, label or abbreviation)", "ENTITY" },
    { "query",     'q', 0, G_OPTION_ARG_STRING,   &cli->query,     "Draw what a path pattern matches (see “azkb help query”)", "PATTERN" },
    { "depth",     0,   0, G_OPTION_ARG_INT,      &cli->depth,     "Hops from the --around entity (default 1)", "N" },
    { "at",        0,   0, G_OPTION_ARG_STRING,   &cli->at,        "Draw the snapshot valid at DATE (2012, 2012-05, 2012-05-04, A..B); several, comma-separated, side by side", "DATE[,DATE...]" },
    { "relations", 'r', 0, G_OPTION_ARG_STRING,   &cli->relations, "Keep only these relations: “electedTo|partOf”", "EXPR" },
    { "base",      0,   0, G_OPTION_ARG_STRING,   &cli->base,      "Base of the entity IRIs linked from nodes " "(default " AZKB_DIAGRAM_DEFAULT_BASE ")", "IRI" },
    { "max-nodes", 0,   0, G_OPTION_ARG_INT,      &cli->max_nodes, "Refuse to draw more than N nodes (exit 1)", "N" },
    { "title",     0,   0, G_OPTION_ARG_STRING,   &cli->title,     "Title of the diagram (shown on the legend)", "TEXT" },
    { "full",      0,   0, G_OPTION_ARG_NONE,     &cli->full,      "Draw every entity, however many (default: above " G_STRINGIFY( AZKB_DIAGRAM_OVERVIEW) ", an overview by class)", NULL },
    { "no-legend", 0,   0, G_OPTION_ARG_NONE,     &cli->no_legend, "Leave the legend out", NULL },
    { "output",    'o', 0, G_OPTION_ARG_FILENAME, &cli->output,    "Write to FILE (atomically: all or nothing)", "FILE" },
    G_OPTION_ENTRY_NULL
  };
  // clang-format on

  g_option_context_add_main_entries(context, entries, NULL);
  azkb_cli_add_data_options(context, &cli->data);
}

void
azkb_diagram_cli_clear(AzkbDiagramCli *cli)
{
  azkb_cli_data_clear(&cli->data);
  g_clear_pointer(&cli->around, g_free);
  g_clear_pointer(&cli->query, g_free);
  g_clear_pointer(&cli->at, g_free);
  g_clear_pointer(&cli->relations, g_free);
  g_clear_pointer(&cli->base, g_free);
  g_clear_pointer(&cli->title, g_free);
  g_clear_pointer(&cli->output, g_free);
}

/* Option combinations the parser cannot check.  Returns FALSE with the
 * usage status after printing the reason. */
static gboolean
check_usage(GOptionContext       *context,
            const AzkbDiagramCli *cli,
            int                   argc,
            char                **argv,
            int                  *out_status)
{
  if (argc > 1)
    *out_status = azkb_cli_usage(context, "unexpected argument “%s”", argv[1]);
  else if (cli->depth < 0)
    *out_status = azkb_cli_usage(context,
                                 "--depth: give a number of hops "
                                 "of at least 1");
  else if (cli->query != NULL && cli->around != NULL)
    *out_status = azkb_cli_usage(context, "give --query or --around, not both");
  else if (cli->depth > 0 && cli->around == NULL)
    *out_status = azkb_cli_usage(context, "--depth needs --around ENTITY");
  else if (cli->max_nodes < 0)
    *out_status = azkb_cli_usage(context,
                                 "--max-nodes: give a positive "
                                 "number");
  else
    return TRUE;
  return FALSE;
}

/* ---- --query ---- */

/* The query API returns the values of a pattern's variables; the entities
 * the pattern names (`Azerbaijan -participatedIn-> ?op`) belong to the
 * matched subgraph too.  The pattern has been parsed by the query module
 * before this runs, so this scanner only needs to find the node positions
 * of a valid pattern: node { step node }, a step being `-path->` or
 * `<-path-`, where only quoted names and dates (`@2012-05-04`) can hold the
 * characters that close a step. */
static const char *
skip_spaces(const char *p)
{
  while (g_ascii_isspace(*p))
    p++;
  return p;
}

static const char *
scan_name(const char *p, GString *out)
{
  if (*p == '"') {
    for (p++; *p != '\0' && *p != '"'; p++) {
      if (*p == '\\' && p[1] != '\0')
        p++;
      g_string_append_c(out, *p);
    }
    return *p == '"' ? p + 1 : p;
  }
  while (g_ascii_isalnum(*p) || *p == '_' || *p == '.' || *p == ':' ||
         (guchar)*p >= 0x80)
    g_string_append_c(out, *p++);
  return p;
}

/* yyyy[-mm[-dd]] */
static const char *
skip_date(const char *p)
{
  while (g_ascii_isdigit(*p))
    p++;
  for (int part = 0; part < 2; part++)
    if (p[0] == '-' && g_ascii_isdigit(p[1]) && g_ascii_isdigit(p[2]))
      p += 3;
  return p;
}

/* After `@`: date [".." [date]] | ".." date */
static const char *
skip_time(const char *p)
{
  p = skip_date(p);
  if (p[0] == '.' && p[1] == '.')
    p = skip_date(p + 2);
  return p;
}

/* From just after `-` (forward) or `<-` (backward) to just after the step. */
static const char *
skip_step(const char *p, gboolean forward)
{
  while (*p != '\0') {
    if (*p == '"') {
      g_autoptr(GString) ignored = g_string_new(NULL);
      p                          = scan_name(p, ignored);
    } else if (*p == '@')
      p = skip_time(p + 1);
    else if (forward && p[0] == '-' && p[1] == '>')
      return p + 2;
    else if (!forward && p[0] == '-')
      return p + 1;
    else
      p++;
  }
  return NULL;
}

/* What the diagram of a pattern draws: each node of the chain (a named
 * entity, or a variable's column in the result) and each step's relations
 * and time, so that only the statements that can make a step's hop are
 * drawn between the values of its two ends. */
typedef struct {
  AzkbTermId term;   /* a named entity, or 0 */
  int        column; /* a variable's column, or -1 */
} PatternNode;

typedef struct {
  GArray      *relations; /* AzkbTermId named in the step */
  gboolean     any;       /* `_` or a negated set: every relation */
  gboolean     has_time;
  AzkbInterval time;
} PatternStep;

static void
pattern_step_free(gpointer data)
{
  PatternStep *step = data;

  g_array_unref(step->relations);
  g_free(step);
}

/* The column of variable @name when it holds entities, else -1. */
static int
column_of(const AzkbResult *result, const char *name)
{
  for (guint c = 0; c < azkb_result_n_columns(result); c++)
    if (strcmp(azkb_result_column_name(result, c), name) == 0 &&
        azkb_result_column_kind(result, c) == AZKB_COLUMN_ENTITY)
      return (int)c;
  return -1;
}

static const char *
scan_node(AzkbStore        *store,
          const AzkbResult *result,
          const char       *p,
          GArray           *nodes)
{
  g_autoptr(GString) name = g_string_new(NULL);
  PatternNode node        = { 0, -1 };

  if (*p == '?') {
    for (p++; g_ascii_isalnum(*p) || *p == '_'; p++)
      g_string_append_c(name, *p);
    node.column = column_of(result, name->str);
    if (*p == ':') {
      g_autoptr(GString) cls = g_string_new(NULL);
      p                      = scan_name(p + 1, cls); /* a class, not a node */
    }
  } else {
    p         = scan_name(p, name);
    node.term = azkb_store_resolve(store, name->str, AZKB_TERM_ENTITY, NULL);
  }
  g_array_append_val(nodes, node);
  return p;
}

/* The relations and the time of the step text from @p to @end. */
static PatternStep *
scan_step(AzkbStore *store, const char *p, const char *end)
{
  PatternStep *step = g_new0(PatternStep, 1);

  step->relations = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  while (p < end) {
    if (*p == '@') {
      const char      *stop = skip_time(p + 1);
      g_autofree char *text = g_strndup(p + 1, (gsize)(stop - p - 1));

      step->has_time = azkb_interval_parse(text, &step->time, NULL);
      p              = stop;
    } else if (*p == '!') {
      step->any = TRUE;
      p++;
    } else if (*p == '?') {
      /* A variable bound to the hop's time (`@?t`): no filter. */
      for (p++; g_ascii_isalnum(*p) || *p == '_'; p++)
        ;
    } else if (*p == '"' || g_ascii_isalpha(*p) || *p == '_' ||
               (guchar)*p >= 0x80) {
      g_autoptr(GString) name = g_string_new(NULL);
      AzkbTermId rel;

      p   = scan_name(p, name);
      rel = azkb_store_lookup(store, name->str);
      if (strcmp(name->str, "_") == 0)
        step->any = TRUE;
      else if (rel != 0)
        g_array_append_val(step->relations, rel);
    } else
      p++;
  }
  return step;
}

/* Nodes and steps of a valid @pattern, in chain order. */
static void
scan_pattern(AzkbStore        *store,
             const AzkbResult *result,
             const char       *pattern,
             GArray           *nodes,
             GPtrArray        *steps)
{
  const char *p = skip_spaces(pattern);

  while (p != NULL && *p != '\0') {
    const char *start;

    p = skip_spaces(scan_node(store, result, p, nodes));
    if (p[0] == '<' && p[1] == '-') {
      start = p + 2;
      p     = skip_step(start, FALSE);
    } else if (p[0] == '-' && p[1] != '>') {
      start = p + 1;
      p     = skip_step(start, TRUE);
    } else
      break;
    if (p == NULL)
      break;
    g_ptr_array_add(steps, scan_step(store, start, p - (p[-1] == '>' ? 2 : 1)));
    p = skip_spaces(p);
  }
}

static gboolean
step_allows(const PatternStep   *step,
            const AzkbStatement *st,
            const AzkbInterval  *at)
{
  gboolean named = step->any;

  for (guint i = 0; !named && i < step->relations->len; i++)
    named = g_array_index(step->relations, AzkbTermId, i) == st->relation;
  if (!named || azkb_interval_is_undated(&st->time))
    return named;
  if (step->has_time &&
      !azkb_interval_overlaps_at(&st->time, &step->time, azkb_cli_present()))
    return FALSE;
  return azkb_interval_is_undated(at) ||
         azkb_interval_overlaps_at(&st->time, at, azkb_cli_present());
}

/* Statements between @a and @b (either way) that @step allows. */
static void
add_step_statements(AzkbStore          *store,
                    const PatternStep  *step,
                    AzkbTermId          a,
                    AzkbTermId          b,
                    const AzkbInterval *at,
                    GHashTable         *out)
{
  for (int dir = 0; dir < 2; dir++) {
    gsize           n;
    const AzkbEdge *edges = dir ? azkb_store_in_edges(store, a, 0, &n)
                                : azkb_store_out_edges(store, a, 0, &n);

    for (gsize i = 0; i < n; i++) {
      AzkbStatement st;

      if (edges[i].other != b ||
          !azkb_store_get_statement(store, edges[i].stmt, &st))
        continue;
      if (step_allows(step, &st, at))
        g_hash_table_add(out, GUINT_TO_POINTER(edges[i].stmt));
    }
  }
}

static AzkbTermId
node_value(const PatternNode *node, const AzkbTermId *row)
{
  return node->column >= 0 ? row[node->column] : node->term;
}

static int
compare_ids(gconstpointer a, gconstpointer b)
{
  AzkbStmtId x = *(const AzkbStmtId *)a;
  AzkbStmtId y = *(const AzkbStmtId *)b;

  return x < y ? -1 : x > y;
}

/* The statements that make the hops of @result's rows, sorted. */
static GArray *
pattern_statements(AzkbStore          *store,
                   const char         *pattern,
                   AzkbResult         *result,
                   const AzkbInterval *at)
{
  g_autoptr(GArray) nodes = g_array_new(FALSE, FALSE, sizeof(PatternNode));
  g_autoptr(GPtrArray) steps =
    g_ptr_array_new_with_free_func(pattern_step_free);
  g_autoptr(GHashTable) set = g_hash_table_new(NULL, NULL);
  GArray        *out        = g_array_new(FALSE, FALSE, sizeof(AzkbStmtId));
  GHashTableIter iter;
  gpointer       key;

  scan_pattern(store, result, pattern, nodes, steps);
  for (guint r = 0; r < azkb_result_n_rows(result); r++) {
    const AzkbTermId *row = azkb_result_row(result, r);

    for (guint i = 0; i < steps->len && i + 1 < nodes->len; i++) {
      AzkbTermId a = node_value(&g_array_index(nodes, PatternNode, i), row);
      AzkbTermId b = node_value(&g_array_index(nodes, PatternNode, i + 1), row);

      if (a != 0 && b != 0)
        add_step_statements(store, g_ptr_array_index(steps, i), a, b, at, set);
    }
  }
  g_hash_table_iter_init(&iter, set);
  while (g_hash_table_iter_next(&iter, &key, NULL)) {
    AzkbStmtId id = GPOINTER_TO_UINT(key);
    g_array_append_val(out, id);
  }
  g_array_sort(out, compare_ids);
  return out;
}

/* The entities @pattern matches (its named entities and every value of its
 * variables) and the statements that make its hops.  No match is
 * AZKB_DIAGRAM_ERROR_EMPTY (exit 1). */
static GArray *
query_nodes(AzkbStore          *store,
            const char         *pattern,
            const AzkbInterval *at,
            GArray            **out_statements,
            GError            **error)
{
  g_autoptr(AzkbQuery) query   = azkb_query_parse(pattern, store, error);
  g_autoptr(AzkbResult) result = NULL;
  g_autoptr(GArray) nodes      = NULL;
  g_autoptr(GArray) chain      = g_array_new(FALSE, FALSE, sizeof(PatternNode));
  g_autoptr(GPtrArray) steps =
    g_ptr_array_new_with_free_func(pattern_step_free);

  if (query == NULL) {
    g_prefix_error(error, "--query: ");
    return NULL;
  }
  azkb_query_set_present(query, azkb_cli_present());
  if (!azkb_interval_is_undated(at) && !azkb_query_set_time(query, at, error))
    return NULL;
  result = azkb_query_execute(query, 0);
  if (azkb_result_n_rows(result) == 0) {
    g_set_error(error,
                AZKB_DIAGRAM_ERROR,
                AZKB_DIAGRAM_ERROR_EMPTY,
                "--query: the pattern matches nothing");
    return NULL;
  }
  nodes = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  scan_pattern(store, result, pattern, chain, steps);
  for (guint i = 0; i < chain->len; i++)
    if (g_array_index(chain, PatternNode, i).term != 0)
      g_array_append_val(nodes, g_array_index(chain, PatternNode, i).term);
  /* Only entity columns name nodes (not times, literals or sources). */
  for (guint r = 0; r < azkb_result_n_rows(result); r++)
    for (guint c = 0; c < azkb_result_n_columns(result); c++)
      if (azkb_result_column_kind(result, c) == AZKB_COLUMN_ENTITY)
        g_array_append_val(nodes, azkb_result_row(result, r)[c]);
  *out_statements = pattern_statements(store, pattern, result, at);
  return g_steal_pointer(&nodes);
}

/* --at DATE[,DATE...]: the times, at most AZKB_DIAGRAM_MAX_PANELS.
 * Returns how many, 0 after printing why not. */
static guint
parse_times(GOptionContext *context,
            const char     *text,
            AzkbInterval   *times,
            int            *out_status)
{
  g_auto(GStrv) parts = g_strsplit(text, ",", -1);
  guint n             = g_strv_length(parts);

  if (n > AZKB_DIAGRAM_MAX_PANELS) {
    *out_status = azkb_cli_usage(context,
                                 "--at: at most %d times side by side, not %u",
                                 AZKB_DIAGRAM_MAX_PANELS,
                                 n);
    return 0;
  }
  for (guint i = 0; i < n; i++) {
    g_autoptr(GError) error = NULL;

    if (!azkb_interval_parse(g_strstrip(parts[i]), &times[i], &error)) {
      g_prefix_error(&error, "--at: ");
      *out_status = azkb_cli_fail(error);
      return 0;
    }
  }
  return n;
}

AzkbDiagram *
azkb_diagram_cli_build(GOptionContext       *context,
                       const AzkbDiagramCli *cli,
                       const char           *layout,
                       int                   argc,
                       char                **argv,
                       int                  *out_status)
{
  AzkbDiagramOptions opts    = { 0 };
  g_autoptr(AzkbStore) store = NULL;
  g_autoptr(GError) error    = NULL;
  g_autoptr(GArray) matched  = NULL;
  g_autoptr(GArray) hops     = NULL;
  AzkbInterval times[AZKB_DIAGRAM_MAX_PANELS];
  guint        n_times = 0;
  AzkbDiagram *diagram;

  if (!check_usage(context, cli, argc, argv, out_status))
    return NULL;
  if (cli->at != NULL) {
    n_times = parse_times(context, cli->at, times, out_status);
    if (n_times == 0)
      return NULL;
    if (n_times > 1 && cli->query != NULL) {
      *out_status = azkb_cli_usage(
        context, "--query takes one --at time, not several side by side");
      return NULL;
    }
    if (n_times == 1)
      opts.at = times[0];
  }
  store = azkb_cli_load(&cli->data, &error);
  if (store == NULL) {
    *out_status = azkb_cli_fail(error);
    return NULL;
  }
  if (cli->query != NULL) {
    matched = query_nodes(store, cli->query, &opts.at, &hops, &error);
    if (matched == NULL) {
      *out_status = azkb_cli_fail(error);
      return NULL;
    }
    opts.nodes   = (const AzkbTermId *)(gpointer)matched->data;
    opts.n_nodes = matched->len;
    /* An empty array, not NULL: a pattern whose hops all cross several
     * statements draws its entities without edges, not every relation. */
    opts.statements   = (const AzkbStmtId *)(gpointer)hops->data;
    opts.n_statements = hops->len;
  }
  opts.around    = cli->around;
  opts.depth     = (guint)cli->depth;
  opts.relations = cli->relations;
  opts.base      = cli->base;
  opts.present   = azkb_cli_present();
  opts.max_nodes = (guint)cli->max_nodes;
  opts.title     = cli->title;
  opts.no_legend = cli->no_legend;
  opts.full      = cli->full;
  if (n_times > 1)
    diagram =
      azkb_diagram_snapshots_new(store, &opts, times, n_times, layout, &error);
  else
    diagram = azkb_diagram_new(store, &opts, &error);
  if (diagram == NULL)
    *out_status = azkb_cli_fail(error);
  else if (azkb_diagram_overview(diagram) > 0)
    fprintf(stderr,
            "%s: %u entities (more than %d): drawing an overview, one node "
            "per class; give --full to draw every entity\n",
            g_get_prgname(),
            azkb_diagram_overview(diagram),
            AZKB_DIAGRAM_OVERVIEW);
  return diagram;
}

static int
write_dot(AzkbDiagram *diagram, const char *output)
{
  g_autoptr(GError) error = NULL;

  if (output == NULL || strcmp(output, "-") == 0) {
    g_autofree char *dot = azkb_diagram_to_dot(diagram);

    if (fputs(dot, stdout) < 0 || fflush(stdout) != 0) {
      fprintf(stderr, "%s: cannot write to standard output\n", g_get_prgname());
      return AZKB_EXIT_DATA;
    }
    return AZKB_EXIT_OK;
  }
  if (!azkb_diagram_write_dot(diagram, output, &error))
    return azkb_cli_fail(error);
  return AZKB_EXIT_OK;
}

int
azkb_cmd_dot(int argc, char **argv, gboolean do_help)
{
  AzkbDiagramCli cli                = { 0 };
  g_autoptr(GOptionContext) context = azkb_cli_context(
    "dot",
    NULL,
    "Write a relationship diagram as Graphviz DOT (to standard output, or "
    "to -o FILE).",
    SELECTION_HELP);
  g_autoptr(AzkbDiagram) diagram = NULL;
  int status;

  azkb_diagram_cli_add_options(context, &cli);
  if (!azkb_cli_parse(context, &argc, &argv, do_help, &status))
    goto out;
  diagram = azkb_diagram_cli_build(context, &cli, NULL, argc, argv, &status);
  if (diagram == NULL)
    goto out;
  status = write_dot(diagram, cli.output);
out:
  azkb_diagram_cli_clear(&cli);
  return status;
}
