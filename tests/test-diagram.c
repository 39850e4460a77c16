/* Tests of the diagram module's graph: what a selection keeps (--at,
 * --around, --relations, limits), the DOT that cgraph writes (read back
 * with agread), hostile text in labels and links, every neighbourhood of the
 * bundled knowledge base, and colours under colour-vision deficiencies.
 * The fixture is in tests/diagram-test.c. */
#include "diagram-test.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

/* ---- selection ---- */

static void
test_whole(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(AzkbDiagram) d = diagram_with(f, NULL);
  Agraph_t        *g       = read_back(d);
  g_autofree char *names   = node_names(g);

  /* Every entity, the unrelated one too; no literal, class or source. */
  g_assert_cmpstr(names,
                  ==,
                  "Azerbaijan,ECOSOC,IGBC,IlhamAliyev,Lonely,"
                  "Meeting20120504,SecurityCouncil,UN,UNESCO");
  g_assert_cmpuint(azkb_diagram_n_nodes(d), ==, 9);
  /* memberOf, electedTo ×3 pairs (ECOSOC's two terms on one edge), heldBy,
   * chaired; the structural statements are clusters, not edges. */
  g_assert_cmpuint(azkb_diagram_n_edges(d), ==, 6);
  g_assert_cmpuint(count_entity_edges(g), ==, 6);
  g_assert_cmpuint(azkb_diagram_n_clusters(d), ==, 2);
  g_assert_null(find_edge(g, "ECOSOC", "UN", "principalOrganOf"));
  agclose(g);
}

static void
test_at(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbDiagramOptions opts  = { 0 };
  g_autoptr(AzkbDiagram) d = NULL;
  g_autofree char *names   = NULL;
  Agraph_t        *g;

  g_assert_true(azkb_interval_parse("2012", &opts.at, NULL));
  d     = diagram_with(f, &opts);
  g     = read_back(d);
  names = node_names(g);
  /* The open membership since 1992 holds in 2012; ECOSOC's terms do not;
   * undated structure keeps the Security Council inside the UN but brings
   * no other organ in. */
  g_assert_cmpstr(names,
                  ==,
                  "Azerbaijan,IlhamAliyev,Meeting20120504,SecurityCouncil,"
                  "UN");
  g_assert_nonnull(find_edge(g, "Azerbaijan", "SecurityCouncil", "electedTo"));
  agclose(g);
  g_clear_pointer(&d, azkb_diagram_free);
  g_clear_pointer(&names, g_free);

  /* A month inside the first ECOSOC term: precision-aware overlap. */
  g_assert_true(azkb_interval_parse("2004-06", &opts.at, NULL));
  d     = diagram_with(f, &opts);
  g     = read_back(d);
  names = node_names(g);
  g_assert_cmpstr(names, ==, "Azerbaijan,ECOSOC,UN");
  agclose(g);
}

static void
test_around(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbDiagramOptions opts  = { .around = "igbc" };
  g_autoptr(AzkbDiagram) d = diagram_with(f, &opts);
  g_autoptr(GError) error  = NULL;
  Agraph_t        *g       = read_back(d);
  g_autofree char *names   = node_names(g);

  g_assert_cmpstr(names, ==, "Azerbaijan,IGBC,UNESCO");
  agclose(g);
  g_clear_pointer(&d, azkb_diagram_free);
  g_clear_pointer(&names, g_free);

  opts.depth = 2;
  d          = diagram_with(f, &opts);
  g          = read_back(d);
  names      = node_names(g);
  g_assert_cmpstr(
    names, ==, "Azerbaijan,ECOSOC,IGBC,SecurityCouncil,UN,UNESCO");
  agclose(g);

  opts.around = "Atlantis";
  g_assert_null(azkb_diagram_new(f->store, &opts, &error));
  g_assert_error(error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_UNKNOWN_ENTITY);
}

/* With --at, a neighbour reached only through undated statements is not
 * brought in (doc/guide.md, "Diagrams"): the UN's organs are its parts only by
 * undated structure. */
static void
test_around_at(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbDiagramOptions opts  = { .around = "UN" };
  g_autoptr(AzkbDiagram) d = NULL;
  g_autofree char *names   = NULL;
  Agraph_t        *g;

  g_assert_true(azkb_interval_parse("2012", &opts.at, NULL));
  d     = diagram_with(f, &opts);
  g     = read_back(d);
  names = node_names(g);
  g_assert_cmpstr(names, ==, "Azerbaijan,UN");
  agclose(g);
  g_clear_pointer(&d, azkb_diagram_free);
  g_clear_pointer(&names, g_free);

  /* Without a time the structure is a way in like any other. */
  opts.at = (AzkbInterval){ 0 };
  d       = diagram_with(f, &opts);
  g       = read_back(d);
  names   = node_names(g);
  g_assert_cmpstr(names, ==, "Azerbaijan,ECOSOC,SecurityCouncil,UN");
  agclose(g);
}

static void
test_relations(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbDiagramOptions opts  = { .relations = "electedTo" };
  g_autoptr(AzkbDiagram) d = diagram_with(f, &opts);
  Agraph_t        *g       = read_back(d);
  g_autofree char *names   = node_names(g);

  g_assert_cmpstr(names, ==, "Azerbaijan,ECOSOC,IGBC,SecurityCouncil");
  g_assert_cmpuint(azkb_diagram_n_clusters(d), ==, 0);
  agclose(g);
  g_clear_pointer(&d, azkb_diagram_free);
  g_clear_pointer(&names, g_free);

  /* With the structural relation, the committee sits inside UNESCO. */
  opts.relations = " electedTo | partOf ";
  d              = diagram_with(f, &opts);
  g              = read_back(d);
  names          = cluster_paths(g);
  g_assert_cmpstr(names, ==, "/cluster_UNESCO");
  agclose(g);
}

static void
test_relations_bad(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbDiagramOptions opts = { .relations = "electedTo|electedT" };
  g_autoptr(GError) error = NULL;

  g_assert_null(azkb_diagram_new(f->store, &opts, &error));
  g_assert_error(error, AZKB_QUERY_ERROR, AZKB_QUERY_ERROR_UNKNOWN_RELATION);
  g_assert_true(
    g_str_has_prefix(error->message, "column 11: unknown relation “electedT”"));
  g_assert_cmpuint(azkb_query_error_column(error), ==, 11);
  g_assert_cmpint(azkb_query_error_part(error), ==, AZKB_QUERY_PART_RELATIONS);
  g_assert_nonnull(strstr(error->message, "electedTo"));
  g_clear_error(&error);

  opts.relations = "electedTo||partOf";
  g_assert_null(azkb_diagram_new(f->store, &opts, &error));
  g_assert_error(error, AZKB_QUERY_ERROR, AZKB_QUERY_ERROR_SYNTAX);
  g_assert_cmpstr(error->message, ==, "column 11: expected a relation name");
  g_assert_cmpint(azkb_query_error_part(error), ==, AZKB_QUERY_PART_RELATIONS);
}

static void
test_limits(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbDiagramOptions opts = { .max_nodes = 5 };
  g_autoptr(GError) error = NULL;

  g_assert_null(azkb_diagram_new(f->store, &opts, &error));
  g_assert_error(error, AZKB_DIAGRAM_ERROR, AZKB_DIAGRAM_ERROR_TOO_LARGE);
  g_assert_true(g_str_has_prefix(error->message,
                                 "the diagram would have 9 nodes, more "
                                 "than the limit of 5"));
  g_clear_error(&error);

  opts.max_nodes = 0;
  g_assert_true(azkb_interval_parse("1950", &opts.at, NULL));
  g_assert_null(azkb_diagram_new(f->store, &opts, &error));
  g_assert_error(error, AZKB_DIAGRAM_ERROR, AZKB_DIAGRAM_ERROR_EMPTY);

  azkb_diagram_free(NULL);
}

static void
test_statements(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  /* Statements 4 and 9: the Security Council term and the meeting there,
   * as a query's matches would give them. */
  AzkbStmtId         ids[] = { 4, 9 };
  AzkbDiagramOptions opts  = { .statements = ids, .n_statements = 2 };
  g_autoptr(AzkbDiagram) d = diagram_with(f, &opts);
  Agraph_t        *g       = read_back(d);
  g_autofree char *names   = node_names(g);

  g_assert_cmpstr(names, ==, "Azerbaijan,Meeting20120504,SecurityCouncil");
  g_assert_cmpuint(azkb_diagram_n_edges(d), ==, 2);
  agclose(g);
}

/* ---- the DOT ---- */

/* A canonical text of @g: one sorted line per graph, cluster, node and
 * edge with every attribute, independent of the order agwrite chose. */
static void
canon_attrs(GString *out, void *obj, int kind)
{
  Agraph_t *root = agroot(obj);

  for (Agsym_t *sym = agnxtattr(root, kind, NULL); sym != NULL;
       sym          = agnxtattr(root, kind, sym))
    g_string_append_printf(out, " %s=%s", sym->name, agxget(obj, sym));
}

static void
canon_subgraphs(Agraph_t *g, const char *path, GPtrArray *lines)
{
  for (Agraph_t *s = agfstsubg(g); s != NULL; s = agnxtsubg(s)) {
    g_autofree char *here = g_strdup_printf("%s/%s", path, agnameof(s));
    GString         *line = g_string_new(NULL);

    g_string_append_printf(line, "subgraph %s:", here);
    canon_attrs(line, s, AGRAPH);
    g_string_append(line, " nodes:");
    for (Agnode_t *n = agfstnode(s); n != NULL; n = agnxtnode(s, n))
      g_string_append_printf(line, " %s", agnameof(n));
    g_ptr_array_add(lines, g_string_free(line, FALSE));
    canon_subgraphs(s, here, lines);
  }
}

static char *
canonical(Agraph_t *g)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func(g_free);
  GString *line              = g_string_new("graph:");

  canon_attrs(line, g, AGRAPH);
  g_ptr_array_add(lines, g_string_free(line, FALSE));
  canon_subgraphs(g, "", lines);
  for (Agnode_t *n = agfstnode(g); n != NULL; n = agnxtnode(g, n)) {
    line = g_string_new(NULL);
    g_string_append_printf(line, "node %s:", agnameof(n));
    canon_attrs(line, n, AGNODE);
    g_ptr_array_add(lines, g_string_free(line, FALSE));
    for (Agedge_t *e = agfstout(g, n); e != NULL; e = agnxtout(g, e)) {
      line = g_string_new(NULL);
      g_string_append_printf(line,
                             "edge %s -> %s [%s]:",
                             agnameof(agtail(e)),
                             agnameof(aghead(e)),
                             agnameof(e) ? agnameof(e) : "");
      canon_attrs(line, e, AGEDGE);
      g_ptr_array_add(lines, g_string_free(line, FALSE));
    }
  }
  g_ptr_array_sort(lines, compare_strings);
  g_ptr_array_add(lines, NULL);
  return g_strjoinv("\n", (char **)lines->pdata);
}

/* Every entity-to-entity statement of the store is in the graph read back:
 * an edge keyed by its relation, or, for structure, its subject inside the
 * cluster of its object. */
static void
assert_statements_drawn(AzkbStore *store, Agraph_t *g)
{
  for (AzkbStmtId id = 1; id <= azkb_store_n_statements(store); id++) {
    AzkbStatement st;
    const char   *s, *rel, *o;

    g_assert_true(azkb_store_get_statement(store, id, &st));
    if (azkb_store_get_literal(store, st.object, &(AzkbLiteral){ 0 }))
      continue;
    s   = azkb_store_term_name(store, st.subject);
    rel = azkb_store_term_name(store, st.relation);
    o   = azkb_store_term_name(store, st.object);
    if (strcmp(rel, "partOf") == 0 || strcmp(rel, "principalOrganOf") == 0) {
      g_autofree char *name = g_strdup_printf("cluster_%s", o);
      Agraph_t        *sub  = agsubg(g, name, FALSE);

      g_assert_nonnull(sub);
      g_assert_nonnull(agnode(sub, (char *)s, FALSE));
      g_assert_nonnull(agnode(sub, (char *)o, FALSE));
    } else
      g_assert_nonnull(find_edge(g, s, o, rel));
  }
}

/* The DOT read back with agread has the nodes, edges, clusters and
 * attributes the store and the style table call for, and writing it again
 * loses nothing. */
static void
test_dot_round_trip(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(AzkbDiagram) d  = diagram_with(f, NULL);
  g_autofree char *dot      = azkb_diagram_to_dot(d);
  Agraph_t        *g        = agmemread(dot);
  Agraph_t        *g2       = NULL;
  g_autofree char *clusters = NULL;
  g_autofree char *again    = NULL;
  g_autofree char *canon1   = NULL;
  g_autofree char *canon2   = NULL;
  FILE            *mem;
  size_t           len = 0;

  g_assert_nonnull(g);
  clusters = cluster_paths(g);
  g_assert_cmpstr(clusters, ==, "/cluster_UN,/cluster_UNESCO");
  g_assert_null(agnode(
    agsubg(g, (char *)"cluster_UN", FALSE), (char *)"Azerbaijan", FALSE));
  assert_statements_drawn(f->store, g);
  /* Every entity node carries the attributes a reader relies on. */
  for (Agnode_t *n = agfstnode(g); n != NULL; n = agnxtnode(g, n)) {
    static const char *const attrs[] = { "label", "tooltip",   "URL",  "class",
                                         "shape", "fillcolor", "color" };
    if (is_legend(n) || is_label_node(n))
      continue;
    for (gsize i = 0; i < G_N_ELEMENTS(attrs); i++)
      g_assert_cmpstr(agget(n, (char *)attrs[i]), !=, "");
  }

  mem = open_memstream(&again, &len);
  g_assert_nonnull(mem);
  agwrite(g, mem);
  fclose(mem);
  g2     = agmemread(again);
  canon1 = canonical(g);
  canon2 = canonical(g2);
  g_assert_cmpstr(canon1, ==, canon2);
  /* The canonical form is not empty: it saw every edge and cluster. */
  g_assert_nonnull(strstr(canon1, "edge Azerbaijan -> ECOSOC [electedTo]:"));
  g_assert_nonnull(strstr(canon1, "subgraph /cluster_UNESCO:"));
  agclose(g2);
  agclose(g);
}

static void
test_dot_attributes(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbDiagramOptions opts  = { .base = "https://example.org/kb/" };
  g_autoptr(AzkbDiagram) d = diagram_with(f, &opts);
  Agraph_t *g              = read_back(d);
  struct {
    const char *node, *attr, *value;
  } want[] = {
    /* A long name shows its abbreviation; the tooltip has name and id. */
    { "Lonely", "label", "An entity with no\\nrelation" },
    { "ECOSOC", "tooltip", "Economic and Social Council (ECOSOC)" },
    { "ECOSOC", "URL", "https://example.org/kb/id/ECOSOC" },
    { "ECOSOC", "class", "PrincipalOrgan within-UN" },
    /* Subclass of Body: styled as a body, by the one style table. */
    { "ECOSOC", "shape", "box" },
    { "IGBC", "shape", "box" },
    { "Azerbaijan", "shape", "house" },
    { "Azerbaijan", "label", "Azerbaijan" },
    { "UNESCO", "label", "UNESCO" },
    { "IlhamAliyev", "shape", "ellipse" },
    /* No abbreviation: wrapped on word boundaries, cut after 4 lines. */
    { "Meeting20120504",
      "label",
      "High-level meeting of\\nthe Security Council "
      "on\\ncounter-terrorism\\nobligations, under the…" },
  };
  Agedge_t *e;
  char     *text;

  for (gsize i = 0; i < G_N_ELEMENTS(want); i++) {
    g_autofree char *got = node_attr(g, want[i].node, want[i].attr);
    g_assert_cmpstr(got, ==, want[i].value);
  }
  /* Two terms merged on one edge, in time order, wrapped after the
   * relation when long. */
  e = find_edge(g, "Azerbaijan", "ECOSOC", "electedTo");
  g_assert_nonnull(e);
  text = edge_text(g, "Azerbaijan", "ECOSOC", "electedTo");
  g_assert_cmpstr(text, ==, "electedTo\\n2003–2005, 2017–2019");
  g_assert_cmpstr(agget(e, (char *)"tooltip"),
                  ==,
                  "Azerbaijan electedTo Economic and Social Council: "
                  "2003–2005 [P7]; 2017–2019 [P7]");
  g_assert_cmpstr(agget(e, (char *)"class"), ==, "electedTo");
  g_free(text);
  text = edge_text(g, "Azerbaijan", "UN", "memberOf");
  g_assert_cmpstr(text, ==, "memberOf\\nsince 2 March 1992");
  g_free(text);
  text = edge_text(g, "IlhamAliyev", "Meeting20120504", "chaired");
  g_assert_cmpstr(text, ==, "chaired 4 May 2012");
  g_free(text);
  /* Between two nodes with other edges too, the label is a node on the
   * edge, in the innermost cluster of both ends (here none). */
  text = edge_text(g, "Azerbaijan", "SecurityCouncil", "electedTo");
  g_assert_cmpstr(text, ==, "electedTo 2012–2013");
  g_assert_nonnull(label_node(g, "Azerbaijan", "SecurityCouncil", "electedTo"));
  g_free(text);
  agclose(g);
}

/* The legend's row whose text is @text: its sample node (a class) or the
 * start of its line (a relation), or NULL. */
static Agnode_t *
legend_sample(Agraph_t *g, const char *text)
{
  g_autofree char *label = g_strdup_printf("%s\\l", text);

  for (Agnode_t *n = agfstnode(g); n != NULL; n = agnxtnode(g, n)) {
    g_autofree char *row   = NULL;
    g_autofree char *first = NULL;
    g_autofree char *start = NULL;
    Agnode_t        *sample;

    if (!g_str_has_suffix(agnameof(n), "/text") ||
        g_strcmp0(agget(n, (char *)"label"), label) != 0)
      continue;
    row    = g_strndup(agnameof(n), strlen(agnameof(n)) - strlen("/text"));
    first  = g_strconcat(row, "/sample", NULL);
    start  = g_strconcat(row, "/start", NULL);
    sample = agnode(g, first, FALSE);
    return sample ? sample : agnode(g, start, FALSE);
  }
  return NULL;
}

static void
test_dot_legend(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  AzkbDiagramOptions opts  = { .relations = "electedTo|chaired" };
  g_autoptr(AzkbDiagram) d = diagram_with(f, &opts);
  Agraph_t *g              = read_back(d);
  Agraph_t *legend         = agsubg(g, (char *)"cluster_legend", FALSE);
  Agnode_t *country, *line;
  Agedge_t *e;

  /* One row per class and per family of relations present, nothing else:
   * the fixture's meeting has a class the style table does not know
   * ("other"), and its two relations share one family.  Each row's sample
   * is a node of the class's own shape and colours, or an edge of the
   * family's own line. */
  g_assert_nonnull(legend);
  g_assert_nonnull(legend_sample(g, "principal organ"));
  g_assert_nonnull(legend_sample(g, "body, board, committee"));
  g_assert_nonnull(legend_sample(g, "person"));
  g_assert_nonnull(legend_sample(g, "other"));
  g_assert_null(legend_sample(g, "organisation"));
  g_assert_null(legend_sample(g, "grey box: an organisation and its parts"));
  country = legend_sample(g, "country");
  g_assert_nonnull(country);
  g_assert_cmpstr(agget(country, (char *)"shape"), ==, "house");
  g_assert_cmpstr(
    agget(country, (char *)"fillcolor"),
    ==,
    agget(agnode(g, (char *)"Azerbaijan", FALSE), (char *)"fillcolor"));
  g_assert_cmpstr(agget(country, (char *)"label"), ==, "");
  g_assert_nonnull(agnode(legend, agnameof(country), FALSE));
  line = legend_sample(g, "chaired, electedTo");
  g_assert_nonnull(line);
  e = agfstout(g, line);
  g_assert_nonnull(e);
  g_assert_cmpstr(agget(e, (char *)"style"), ==, "solid");
  g_assert_cmpstr(agget(e, (char *)"color"), ==, "#0072B2");
  agclose(g);

  opts.no_legend = TRUE;
  g_clear_pointer(&d, azkb_diagram_free);
  d = diagram_with(f, &opts);
  g = read_back(d);
  g_assert_null(agsubg(g, (char *)"cluster_legend", FALSE));
  agclose(g);
}

/* ---- hostile text ---- */

/* Runs @argv; TRUE if it exited 0.  Its output goes nowhere. */
static gboolean
runs_clean(const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true(g_spawn_sync(NULL,
                             (char **)argv,
                             NULL,
                             G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                             NULL,
                             NULL,
                             NULL,
                             NULL,
                             &status,
                             &error));
  g_assert_no_error(error);
  return g_spawn_check_wait_status(status, NULL);
}

/* Labels as other people write them (issue 16): a backslash before a
 * quote, a trailing backslash, Graphviz's own escapes, markup, control
 * characters and 16 kB of text.  The DOT must be read by the `dot` program
 * and by agread, with every label still there, and the SVG must be
 * well-formed XML (xmllint). */
static const char *const hostile_labels[] = {
  "quote \\\" and backslash \\\\",
  "trailing backslash \\",
  "escapes \\N \\G \\n \\l \\",
  "<b>markup</b> & \"quotes\" ]]> <!-- -->",
  "control \001 \033[31m red \007 \302\205 tab\tnewline\n",
  NULL, /* 16 kB, made below */
};

/* The relations between them, written as edge keys and classes with their
 * backslashes as they are: an odd run of backslashes before a quote, or at
 * the end. */
static const char *const hostile_relations[] = {
  "memberOf",        "rel \\\" quote", "rel \\\\\\\" three",
  "rel trailing \\", "rel \"\\",
};

G_STATIC_ASSERT(G_N_ELEMENTS(hostile_relations) + 1 ==
                G_N_ELEMENTS(hostile_labels));

static void
test_hostile_labels(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autofree char *big     = g_strnfill(16384, 'x');
  g_autofree char *dotfile = g_build_filename(f->tmpdir, "h.dot", NULL);
  g_autofree char *svgfile = g_build_filename(f->tmpdir, "h.svg", NULL);
  g_autoptr(GError) error  = NULL;
  AzkbTermId previous      = 0;

  for (guint i = 0; i < G_N_ELEMENTS(hostile_labels); i++) {
    g_autofree char *id   = g_strdup_printf("Hostile%u", i);
    AzkbTermId       e    = entity(f->store,
                          id,
                          "Country",
                          hostile_labels[i] ? hostile_labels[i] : big,
                          NULL);
    AzkbInterval     time = { 0 };

    if (previous != 0)
      azkb_store_add_statement(
        f->store,
        previous,
        azkb_store_intern(f->store, hostile_relations[i - 1]),
        e,
        &time);
    previous = e;
  }
  {
    AzkbDiagramOptions opts     = { .around = "Hostile0",
                                    .depth  = 9,
                                    .title  = "title \\",
                                    .base   = "javascript:alert(1)//" };
    g_autoptr(AzkbDiagram) d    = diagram_with(f, &opts);
    g_autofree char *dot        = azkb_diagram_to_dot(d);
    g_autofree char *svg        = NULL;
    Agraph_t        *g          = agmemread(dot);
    const char      *dot_argv[] = { "dot", "-Tsvg", dotfile, NULL };
    const char      *xml_argv[] = { "xmllint", "--noout", svgfile, NULL };

    g_assert_nonnull(g);
    for (guint i = 0; i < G_N_ELEMENTS(hostile_labels); i++) {
      g_autofree char *id = g_strdup_printf("Hostile%u", i);
      Agnode_t        *n  = agnode(g, id, FALSE);

      g_assert_nonnull(n);
      /* Not a link: the base is not http(s). */
      g_assert_cmpstr(agget(n, (char *)"URL"), ==, NULL);
      if (i > 0)
        g_assert_true(agfstin(g, n) != NULL || agfstout(g, n) != NULL);
    }
    agclose(g);
    g_assert_true(g_file_set_contents(dotfile, dot, -1, &error));
    g_assert_no_error(error);
    g_assert_true(runs_clean(dot_argv));
    g_assert_true(azkb_diagram_render_file(d, "svg", "dot", svgfile, &error));
    g_assert_no_error(error);
    g_assert_true(runs_clean(xml_argv));
    g_assert_true(g_file_get_contents(svgfile, &svg, NULL, &error));
    /* Control characters are shown, not passed on. */
    azkb_test_assert_contains(svg, "␛[31m red ␇");
    azkb_test_assert_contains(svg, "trailing backslash \\");
    g_assert_null(strstr(svg, "javascript:"));
  }
}

/* Only http(s) bases with a host become links. */
static void
test_link_schemes(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  const char *const bad[] = {
    "javascript:",      "JavaScript:x/",    "data:text/html,", "file:///etc/",
    "vbscript:",        "http://x/\"a/",    "ftp://x/",        "relative/",
    "http:/x.example/", "https:x.example/", "http:///x/"
  };
  const char *const good[] = { "http://x.example/", "HTTPS://x.example/kb/" };

  for (guint i = 0; i < G_N_ELEMENTS(bad) + G_N_ELEMENTS(good); i++) {
    gboolean           ok    = i >= G_N_ELEMENTS(bad);
    const char        *base  = ok ? good[i - G_N_ELEMENTS(bad)] : bad[i];
    AzkbDiagramOptions opts  = { .base = base };
    g_autoptr(AzkbDiagram) d = diagram_with(f, &opts);
    Agraph_t   *g            = read_back(d);
    const char *url =
      agget(agnode(g, (char *)"Azerbaijan", FALSE), (char *)"URL");

    if (ok) {
      g_autofree char *want = g_strdup_printf("%sid/Azerbaijan", base);
      g_assert_cmpstr(url, ==, want);
    } else
      g_assert_cmpstr(url, ==, NULL);
    agclose(g);
  }
}

/* ---- every neighbourhood of the bundled knowledge base ---- */

/* `--around X` for every entity of the bundled knowledge base, sources
 * included (they once crashed: their classes had no legend entry): the
 * diagram is built, has X and something besides the legend, and its DOT
 * reads back.  The source paragraphs are also rendered, since the crash
 * was theirs; rendering every entity is left to the CLI test of a few. */
static void
test_every_neighbourhood(void)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(GError) error    = NULL;
  g_autoptr(GArray) all      = NULL;
  guint drawn                = 0;

  g_assert_true(azkb_rdf_import_bundled(store, &error));
  g_assert_no_error(error);
  all = azkb_store_entities(store);
  for (guint i = 0; i < all->len; i++) {
    AzkbTermId         term  = g_array_index(all, AzkbTermId, i);
    const char        *name  = azkb_store_term_name(store, term);
    AzkbDiagramOptions opts  = { .around = name };
    g_autoptr(AzkbDiagram) d = NULL;
    g_autofree char *dot     = NULL;
    Agraph_t        *back;

    if (azkb_store_term_kind(store, term) &
        (AZKB_TERM_CLASS | AZKB_TERM_RELATION | AZKB_TERM_PROPERTY))
      continue;
    d = azkb_diagram_new(store, &opts, &error);
    g_assert_no_error(error);
    g_assert_nonnull(d);
    g_assert_cmpuint(azkb_diagram_n_nodes(d), >=, 1);
    dot  = azkb_diagram_to_dot(d);
    back = agmemread(dot);
    g_assert_nonnull(back);
    g_assert_nonnull(agnode(back, (char *)name, FALSE));
    agclose(back);
    if (azkb_store_has_class(
          store, term, azkb_store_lookup(store, "SourceParagraph"))) {
      g_autoptr(GBytes) svg = azkb_diagram_render(d, "svg", "dot", &error);

      g_assert_no_error(error);
      g_assert_cmpuint(g_bytes_get_size(svg), >, 0);
    }
    drawn++;
  }
  /* The bundled knowledge base has some two hundred entities, 28 of them
   * the source document and its paragraphs. */
  g_assert_cmpuint(drawn, >, 100);
}

/* ---- colour vision ---- */

/* Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB. */
static const double cvd_matrices[3][3][3] = {
  { { 0.152286, 1.052583, -0.204868 },
    { 0.114503, 0.786281, 0.099216 },
    { -0.003882, -0.048116, 1.051998 } }, /* protanopia */
  { { 0.367322, 0.860646, -0.227968 },
    { 0.280085, 0.672501, 0.047413 },
    { -0.011820, 0.042940, 0.968881 } }, /* deuteranopia */
  { { 1.255528, -0.076749, -0.178779 },
    { -0.078411, 0.930809, 0.147602 },
    { 0.004733, 0.691367, 0.303900 } }, /* tritanopia */
};

static double
linear(guint c)
{
  double v = c / 255.0;

  return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double
lab_f(double t)
{
  return t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116.0;
}

/* "#rrggbb" as seen with deficiency @m, in CIE L*a*b*. */
static void
simulate_lab(const char *hex, guint m, double out[3])
{
  guint  rgb  = (guint)g_ascii_strtoull(hex + 1, NULL, 16);
  double c[3] = { linear(rgb >> 16),
                  linear((rgb >> 8) & 0xFF),
                  linear(rgb & 0xFF) };
  double s[3], x, y, z;

  for (guint i = 0; i < 3; i++) {
    s[i] = 0;
    for (guint j = 0; j < 3; j++)
      s[i] += cvd_matrices[m][i][j] * c[j];
    s[i] = CLAMP(s[i], 0.0, 1.0);
  }
  x      = (0.4124 * s[0] + 0.3576 * s[1] + 0.1805 * s[2]) / 0.95047;
  y      = 0.2126 * s[0] + 0.7152 * s[1] + 0.0722 * s[2];
  z      = (0.0193 * s[0] + 0.1192 * s[1] + 0.9505 * s[2]) / 1.08883;
  out[0] = 116 * lab_f(y) - 16;
  out[1] = 500 * (lab_f(x) - lab_f(y));
  out[2] = 200 * (lab_f(y) - lab_f(z));
}

/* The least CIE76 distance between @a and @b under the three deficiencies. */
static double
cvd_distance(const char *a, const char *b)
{
  double best = G_MAXDOUBLE;

  for (guint m = 0; m < 3; m++) {
    double la[3], lb[3];

    simulate_lab(a, m, la);
    simulate_lab(b, m, lb);
    best = MIN(best,
               sqrt((la[0] - lb[0]) * (la[0] - lb[0]) +
                    (la[1] - lb[1]) * (la[1] - lb[1]) +
                    (la[2] - lb[2]) * (la[2] - lb[2])));
  }
  return best;
}

/* Looks that colour alone must tell apart: "shape|style" -> colours. */
static void
collect_look(GHashTable *looks, const char *form, const char *colour)
{
  GPtrArray *colours = g_hash_table_lookup(looks, form);

  if (colours == NULL) {
    colours = g_ptr_array_new_with_free_func(g_free);
    g_hash_table_insert(looks, g_strdup(form), colours);
  }
  if (!g_ptr_array_find_with_equal_func(colours, colour, g_str_equal, NULL))
    g_ptr_array_add(colours, g_strdup(colour));
}

/* In the diagram of the whole bundled knowledge base, two families of
 * edges drawn with the same line style, and two classes of nodes drawn
 * with the same shape and style, differ in colour by at least 10 ΔE (CIE76)
 * under simulated protanopia, deuteranopia and tritanopia. */
static void
test_colour_vision(void)
{
  g_autoptr(AzkbStore) store  = azkb_store_new();
  g_autoptr(GError) error     = NULL;
  g_autoptr(AzkbDiagram) d    = NULL;
  g_autoptr(GHashTable) looks = g_hash_table_new_full(
    g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  GHashTableIter iter;
  gpointer       key, value;
  Agraph_t      *g;
  guint          pairs = 0;

  g_assert_true(azkb_rdf_import_bundled(store, &error));
  d = diagram_with(&(Fixture){ .store = store }, NULL);
  g = read_back(d);
  for (Agnode_t *n = agfstnode(g); n != NULL; n = agnxtnode(g, n)) {
    if (!is_legend(n) && !is_label_node(n)) {
      g_autofree char *form = g_strdup_printf(
        "node %s|%s", agget(n, (char *)"shape"), agget(n, (char *)"style"));
      collect_look(looks, form, agget(n, (char *)"color"));
    }
    for (Agedge_t *e = agfstout(g, n); e != NULL && !is_legend(n);
         e           = agnxtout(g, e)) {
      g_autofree char *form =
        g_strdup_printf("edge %s", agget(e, (char *)"style"));
      collect_look(looks, form, agget(e, (char *)"color"));
    }
  }
  g_hash_table_iter_init(&iter, looks);
  while (g_hash_table_iter_next(&iter, &key, &value)) {
    GPtrArray *colours = value;

    for (guint i = 0; i < colours->len; i++)
      for (guint j = i + 1; j < colours->len; j++) {
        double dist = cvd_distance(g_ptr_array_index(colours, i),
                                   g_ptr_array_index(colours, j));

        if (dist < 10)
          g_error("%s: %s and %s are %.1f ΔE apart under a simulated "
                  "colour-vision deficiency",
                  (char *)key,
                  (char *)g_ptr_array_index(colours, i),
                  (char *)g_ptr_array_index(colours, j),
                  dist);
        pairs++;
      }
  }
  /* Several families share a line style: the check compared something. */
  g_assert_cmpuint(pairs, >=, 3);
  agclose(g);
}

/* ---- style helpers through the public output ---- */

static void
test_dot_deterministic(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(AzkbDiagram) a = diagram_with(f, NULL);
  g_autoptr(AzkbDiagram) b = diagram_with(f, NULL);
  g_autofree char *da      = azkb_diagram_to_dot(a);
  g_autofree char *db      = azkb_diagram_to_dot(b);

  g_assert_cmpstr(da, ==, db);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);

  DIAGRAM_ADD("/diagram/select/whole", test_whole);
  DIAGRAM_ADD("/diagram/select/at", test_at);
  DIAGRAM_ADD("/diagram/select/around", test_around);
  DIAGRAM_ADD("/diagram/select/around-at", test_around_at);
  DIAGRAM_ADD("/diagram/select/relations", test_relations);
  DIAGRAM_ADD("/diagram/select/relations-bad", test_relations_bad);
  DIAGRAM_ADD("/diagram/select/limits", test_limits);
  DIAGRAM_ADD("/diagram/select/statements", test_statements);
  DIAGRAM_ADD("/diagram/dot/round-trip", test_dot_round_trip);
  DIAGRAM_ADD("/diagram/dot/attributes", test_dot_attributes);
  DIAGRAM_ADD("/diagram/dot/legend", test_dot_legend);
  DIAGRAM_ADD("/diagram/dot/deterministic", test_dot_deterministic);
  DIAGRAM_ADD("/diagram/dot/hostile-labels", test_hostile_labels);
  DIAGRAM_ADD("/diagram/dot/link-schemes", test_link_schemes);
  g_test_add_func("/diagram/select/every-neighbourhood",
                  test_every_neighbourhood);
  g_test_add_func("/diagram/style/colour-vision", test_colour_vision);
  return g_test_run();
}
