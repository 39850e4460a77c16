/* Tests of the diagram module: selection, the DOT that cgraph writes (read
 * back with agread), rendering with gvc for every layout and format, atomic
 * writes, and the freshness of the diagrams in exports/.
 *
 * The fixture is a small hand-built store shaped like the bundled
 * knowledge base: Azerbaijan, the UN with two principal organs, UNESCO with
 * a committee, a meeting and the person who chaired it. */
#include "azkb-test.h"

#include <azkb/azkb.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <graphviz/cgraph.h>
#include <math.h>
#include <string.h>

typedef struct {
  AzkbStore *store;
  char      *tmpdir;
} Fixture;

static AzkbTermId
entity(AzkbStore  *store,
       const char *id,
       const char *cls,
       const char *name,
       const char *abbr)
{
  AzkbTermId e = azkb_store_add_entity(store, id);

  azkb_store_add_class(store, e, azkb_store_intern(store, cls));
  azkb_store_add_label(store, e, name, "en", AZKB_LABEL_PREFERRED);
  if (abbr != NULL)
    azkb_store_add_label(store, e, abbr, "en", AZKB_LABEL_ALTERNATIVE);
  return e;
}

static AzkbStmtId
state(AzkbStore  *store,
      const char *s,
      const char *rel,
      const char *o,
      const char *when)
{
  AzkbInterval time = { 0 };
  AzkbStmtId   id;

  if (when != NULL)
    g_assert_true(azkb_interval_parse(when, &time, NULL));
  id = azkb_store_add_statement(store,
                                azkb_store_lookup(store, s),
                                azkb_store_intern(store, rel),
                                azkb_store_lookup(store, o),
                                &time);
  azkb_store_add_source(store, id, azkb_store_intern(store, "P7"));
  return id;
}

static void
build_store(AzkbStore *store)
{
  AzkbTermId   theme;
  AzkbStmtId   stmt;
  AzkbInterval day = { 0 };

  azkb_store_add_subclass(store,
                          azkb_store_intern(store, "PrincipalOrgan"),
                          azkb_store_intern(store, "Body"));
  entity(store, "Azerbaijan", "Country", "Azerbaijan", NULL);
  entity(store, "UN", "Organisation", "United Nations", "UN");
  entity(
    store, "ECOSOC", "PrincipalOrgan", "Economic and Social Council", "ECOSOC");
  entity(store, "SecurityCouncil", "PrincipalOrgan", "Security Council", NULL);
  entity(store,
         "UNESCO",
         "Organisation",
         "United Nations Educational, Scientific and Cultural Organization",
         "UNESCO");
  entity(
    store, "IGBC", "Body", "Intergovernmental Bioethics Committee", "IGBC");
  entity(store,
         "Meeting20120504",
         "Meeting",
         "High-level meeting of the Security Council on counter-terrorism "
         "obligations, under the presidency of Azerbaijan",
         NULL);
  entity(store, "IlhamAliyev", "Person", "Ilham Aliyev", NULL);
  entity(store, "Lonely", "Organisation", "An entity with no relation", NULL);

  state(store, "Azerbaijan", "memberOf", "UN", "1992-03-02..");
  state(store, "Azerbaijan", "electedTo", "ECOSOC", "2017..2019");
  state(store, "Azerbaijan", "electedTo", "ECOSOC", "2003..2005");
  state(store, "Azerbaijan", "electedTo", "SecurityCouncil", "2012..2013");
  state(store, "Azerbaijan", "electedTo", "IGBC", "2019..2022");
  state(store, "ECOSOC", "principalOrganOf", "UN", NULL);
  state(store, "SecurityCouncil", "principalOrganOf", "UN", NULL);
  state(store, "IGBC", "partOf", "UNESCO", NULL);
  state(store, "Meeting20120504", "heldBy", "SecurityCouncil", "2012-05-04");
  state(store, "IlhamAliyev", "chaired", "Meeting20120504", "2012-05-04");
  /* A literal-valued statement is an attribute, never a node. */
  theme = azkb_store_intern_literal(
    store, AZKB_VALUE_STRING, "counter-terrorism", NULL, "en", NULL);
  g_assert_true(azkb_interval_parse("2012-05-04", &day, NULL));
  stmt = azkb_store_add_statement(store,
                                  azkb_store_lookup(store, "Meeting20120504"),
                                  azkb_store_intern(store, "theme"),
                                  theme,
                                  &day);
  g_assert_cmpuint(stmt, !=, 0);
}

static void
fixture_set_up(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  f->store = azkb_store_new();
  build_store(f->store);
  f->tmpdir = azkb_test_tmpdir_new("azkb-diagram");
}

static void
fixture_tear_down(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_clear_pointer(&f->store, azkb_store_unref);
  azkb_test_tmpdir_remove(f->tmpdir);
  g_clear_pointer(&f->tmpdir, g_free);
}

static AzkbDiagram *
diagram_with(Fixture *f, const AzkbDiagramOptions *opts)
{
  g_autoptr(GError) error = NULL;
  AzkbDiagram *d          = azkb_diagram_new(f->store, opts, &error);

  g_assert_no_error(error);
  g_assert_nonnull(d);
  return d;
}

/* The DOT of @d read back with cgraph's agread (from memory). */
static Agraph_t *
read_back(AzkbDiagram *d)
{
  g_autofree char *dot = azkb_diagram_to_dot(d);
  Agraph_t        *g   = agmemread(dot);

  g_assert_nonnull(g);
  return g;
}

static gboolean
is_legend(Agnode_t *n)
{
  const char *cls = agget(n, (char *)"class");

  return cls != NULL && g_str_has_prefix(cls, "legend");
}

/* A node that carries an edge's label (tail -> label -> head). */
static gboolean
is_label_node(Agnode_t *n)
{
  const char *cls = agget(n, (char *)"class");

  return cls != NULL && g_str_has_prefix(cls, "edgelabel");
}

/* g_ptr_array_sort passes pointers to the elements. */
static int
compare_strings(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Entity node names of @g, sorted, comma-separated (legend left out). */
static char *
node_names(Agraph_t *g)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new();

  for (Agnode_t *n = agfstnode(g); n != NULL; n = agnxtnode(g, n))
    if (!is_legend(n) && !is_label_node(n))
      g_ptr_array_add(names, agnameof(n));
  g_ptr_array_sort(names, compare_strings);
  g_ptr_array_add(names, NULL);
  return g_strjoinv(",", (char **)names->pdata);
}

static char *
node_attr(Agraph_t *g, const char *node, const char *attr)
{
  Agnode_t *n = agnode(g, (char *)node, FALSE);

  g_assert_nonnull(n);
  return g_strdup(agget(n, (char *)attr));
}

/* The node that carries the label of @tail -> @head (@rel), or NULL. */
static Agnode_t *
label_node(Agraph_t *g, const char *tail, const char *head, const char *rel)
{
  g_autofree char *name = g_strdup_printf("label/%s/%s/%s", rel, tail, head);

  return agnode(g, name, FALSE);
}

/* The edge @tail -> @head with key @relation, or NULL; for an edge drawn
 * through a label node, its first half (tail -> label). */
static Agedge_t *
find_edge(Agraph_t *g, const char *tail, const char *head, const char *rel)
{
  Agnode_t *t = agnode(g, (char *)tail, FALSE);
  Agnode_t *h = agnode(g, (char *)head, FALSE);
  Agnode_t *l = label_node(g, tail, head, rel);

  if (t == NULL || h == NULL)
    return NULL;
  if (l != NULL)
    return agedge(g, t, l, (char *)rel, FALSE);
  return agedge(g, t, h, (char *)rel, FALSE);
}

/* The label text of @tail -> @head (@rel) wherever it is drawn: on its
 * label node, or in the leaf node at one end (below the name, its lines
 * joined here with "\n" as in a plain label).  (transfer full) */
static char *
edge_text(Agraph_t *g, const char *tail, const char *head, const char *rel)
{
  Agnode_t   *l      = label_node(g, tail, head, rel);
  const char *ends[] = { head, tail };

  if (l != NULL)
    return g_strdup(agget(l, (char *)"label"));
  for (guint i = 0; i < 2; i++) {
    Agnode_t   *n     = agnode(g, (char *)ends[i], FALSE);
    const char *label = n ? agget(n, (char *)"label") : NULL;
    const char *font  = label ? strstr(label, "<FONT") : NULL;

    if (font != NULL) {
      g_autofree char *inner =
        g_strndup(strchr(font, '>') + 1,
                  (gsize)(strstr(font, "</FONT>") - strchr(font, '>') - 1));
      g_auto(GStrv) lines = g_strsplit(inner, "<BR/>", -1);

      return g_strjoinv("\\n", lines);
    }
  }
  return NULL;
}

static guint
count_entity_edges(Agraph_t *g)
{
  guint n = 0;

  for (Agnode_t *v = agfstnode(g); v != NULL; v = agnxtnode(g, v))
    for (Agedge_t *e = agfstout(g, v); e != NULL; e = agnxtout(g, e))
      if (!is_legend(v) && !is_label_node(v))
        n++;
  return n;
}

/* "parent/child" for every cluster below @g, sorted. */
static void
collect_clusters(Agraph_t *g, const char *path, GPtrArray *out)
{
  for (Agraph_t *s = agfstsubg(g); s != NULL; s = agnxtsubg(s)) {
    g_autofree char *here = g_strdup_printf("%s/%s", path, agnameof(s));

    /* The legend is a cluster too, but no container. */
    if (g_str_has_prefix(agnameof(s), "cluster_") &&
        strcmp(agnameof(s), "cluster_legend") != 0)
      g_ptr_array_add(out, g_strdup(here));
    collect_clusters(s, here, out);
  }
}

static char *
cluster_paths(Agraph_t *g)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func(g_free);

  collect_clusters(g, "", paths);
  g_ptr_array_sort(paths, compare_strings);
  g_ptr_array_add(paths, NULL);
  return g_strjoinv(",", (char **)paths->pdata);
}

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

/* ---- rendering ---- */

typedef struct {
  guint      nodes;   /* entity nodes */
  guint      legend;  /* legend nodes */
  gboolean   in_node; /* inside a node's <g> */
  gboolean   in_title;
  GPtrArray *titles; /* entity node titles */
  GPtrArray *links;  /* xlink:href values */
} SvgScan;

static void
svg_start(GMarkupParseContext *context G_GNUC_UNUSED,
          const char                  *element,
          const char                 **names,
          const char                 **values,
          gpointer                     data,
          GError **error               G_GNUC_UNUSED)
{
  SvgScan *scan = data;

  for (guint i = 0; names[i] != NULL; i++) {
    if (strcmp(element, "g") == 0 && strcmp(names[i], "class") == 0 &&
        g_str_has_prefix(values[i], "node")) {
      if (strstr(values[i], "legend") != NULL)
        scan->legend++;
      else if (strstr(values[i], "edgelabel") != NULL)
        ; /* an edge's label, not an entity */
      else {
        scan->nodes++;
        scan->in_node = TRUE;
      }
    }
    if (strcmp(element, "a") == 0 && strcmp(names[i], "xlink:href") == 0)
      g_ptr_array_add(scan->links, g_strdup(values[i]));
  }
  if (strcmp(element, "title") == 0 && scan->in_node)
    scan->in_title = TRUE;
}

static void
svg_text(GMarkupParseContext *context G_GNUC_UNUSED,
         const char                  *text,
         gsize                        len,
         gpointer                     data,
         GError **error               G_GNUC_UNUSED)
{
  SvgScan *scan = data;

  if (scan->in_title) {
    g_ptr_array_add(scan->titles, g_strndup(text, len));
    scan->in_title = FALSE;
    scan->in_node  = FALSE;
  }
}

/* Parse @svg with GMarkup (which rejects XML that is not well-formed) and
 * count its nodes. */
static void
scan_svg(GBytes *svg, SvgScan *scan)
{
  static const GMarkupParser parser = { svg_start, NULL, svg_text, NULL, NULL };
  g_autoptr(GMarkupParseContext) ctx = NULL;
  g_autoptr(GError) error            = NULL;
  gsize       len;
  const char *text = g_bytes_get_data(svg, &len);

  scan->titles = g_ptr_array_new_with_free_func(g_free);
  scan->links  = g_ptr_array_new_with_free_func(g_free);
  ctx          = g_markup_parse_context_new(&parser, 0, scan, NULL);
  g_assert_true(g_markup_parse_context_parse(ctx, text, (gssize)len, &error));
  g_assert_no_error(error);
  g_assert_true(g_markup_parse_context_end_parse(ctx, &error));
  g_assert_no_error(error);
}

static void
scan_clear(SvgScan *scan)
{
  g_clear_pointer(&scan->titles, g_ptr_array_unref);
  g_clear_pointer(&scan->links, g_ptr_array_unref);
}

/* xmllint, when installed (libxml2-utils, in scripts/deps.sh), checks
 * well-formedness with a real XML parser as well. */
static void
xmllint(const char *path)
{
  g_autofree char *prog   = g_find_program_in_path("xmllint");
  g_autofree char *err    = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[]      = { "xmllint", "--noout", "--nonet", path, NULL };
  int         status;

  if (prog == NULL)
    return;
  argv[0] = prog;
  g_assert_true(g_spawn_sync(NULL,
                             (char **)argv,
                             NULL,
                             G_SPAWN_STDOUT_TO_DEV_NULL,
                             NULL,
                             NULL,
                             NULL,
                             &err,
                             &status,
                             &error));
  g_assert_no_error(error);
  g_assert_cmpstr(err, ==, "");
  g_assert_cmpint(status, ==, 0);
}

/* The width or height of the <svg> element, in points. */
static double
svg_size(GBytes *svg, const char *which)
{
  const char      *text = g_bytes_get_data(svg, NULL);
  g_autofree char *key  = g_strdup_printf(" %s=\"", which);
  const char      *at = g_strstr_len(text, (gssize)g_bytes_get_size(svg), key);

  g_assert_nonnull(at);
  return g_ascii_strtod(at + strlen(key), NULL);
}

/* The legend is laid out on its own and put in a free corner or below the
 * drawing: the Security Council view of the bundled knowledge base is no
 * wider with it than without it, and no more than a third taller. */
static void
test_render_legend(void)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  AzkbDiagramOptions opts    = {
       .around    = "SecurityCouncil",
       .depth     = 2,
       .relations = "electedTo|memberOf|presided|heldBy|chaired|organised",
  };
  g_autoptr(GError) error   = NULL;
  g_autoptr(AzkbDiagram) d  = NULL;
  g_autoptr(GBytes) with    = NULL;
  g_autoptr(GBytes) without = NULL;
  SvgScan scan              = { 0 };

  g_assert_true(azkb_rdf_import_bundled(store, &error));
  g_assert_true(azkb_interval_parse("2012..2013", &opts.at, NULL));
  d    = diagram_with(&(Fixture){ .store = store }, &opts);
  with = azkb_diagram_render(d, "svg", NULL, &error);
  g_assert_no_error(error);
  g_clear_pointer(&d, azkb_diagram_free);
  opts.no_legend = TRUE;
  d              = diagram_with(&(Fixture){ .store = store }, &opts);
  without        = azkb_diagram_render(d, "svg", NULL, &error);
  g_assert_no_error(error);
  g_assert_cmpfloat(
    svg_size(with, "width"), <=, svg_size(without, "width") + 1);
  g_assert_cmpfloat(
    svg_size(with, "height"), <=, svg_size(without, "height") * 4 / 3);
  scan_svg(with, &scan);
  /* The legend's samples are not counted as entities. */
  g_assert_cmpuint(scan.nodes, ==, azkb_diagram_n_nodes(d));
  g_assert_cmpuint(scan.legend, >, 0);
  scan_clear(&scan);
}

static void
test_render_svg(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(AzkbDiagram) d = diagram_with(f, NULL);

  for (const char *const *l = azkb_diagram_layouts(); *l != NULL; l++) {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) svg   = NULL;
    g_autofree char *path   = g_strdup_printf("%s/%s.svg", f->tmpdir, *l);
    SvgScan          scan   = { 0 };

    g_test_message("layout %s", *l);
    g_assert_true(azkb_diagram_render_file(d, "svg", *l, path, &error));
    g_assert_no_error(error);
    g_assert_true(g_file_test(path, G_FILE_TEST_IS_REGULAR));
    svg = azkb_diagram_render(d, "svg", *l, &error);
    g_assert_no_error(error);
    scan_svg(svg, &scan);
    g_assert_cmpuint(scan.nodes, ==, azkb_diagram_n_nodes(d));
    g_assert_cmpuint(scan.legend, >, 0);
    g_assert_true(g_ptr_array_find_with_equal_func(
      scan.titles, "Azerbaijan", g_str_equal, NULL));
    g_assert_true(g_ptr_array_find_with_equal_func(
      scan.links, "http://azkb.example/id/Azerbaijan", g_str_equal, NULL));
    xmllint(path);
    scan_clear(&scan);
  }
}

/* The same diagram renders to the same SVG: the DOT is read back with
 * IDs in text order, so the clusters keep their order (by address, they
 * would follow malloc and the SVG would change from run to run). */
static void
test_render_deterministic(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(AzkbDiagram) d = diagram_with(f, NULL);
  g_autoptr(GError) error  = NULL;
  g_autoptr(GBytes) first  = azkb_diagram_render(d, "svg", "dot", &error);

  g_assert_no_error(error);
  for (guint i = 0; i < 4; i++) {
    g_autoptr(GBytes) again = azkb_diagram_render(d, "svg", "dot", &error);

    g_assert_no_error(error);
    g_assert_true(g_bytes_equal(first, again));
  }
}

static guint32
read_be32(const guint8 *p)
{
  return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 |
         (guint32)p[3];
}

static void
test_render_png_pdf(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  static const guint8 png_signature[8] = { 0x89, 'P',  'N',  'G',
                                           '\r', '\n', 0x1a, '\n' };
  g_autoptr(AzkbDiagram) d             = diagram_with(f, NULL);
  g_autoptr(GError) error              = NULL;
  g_autoptr(GBytes) png = azkb_diagram_render(d, "png", NULL, &error);
  g_autoptr(GBytes) pdf = NULL;
  gsize         len;
  const guint8 *bytes;

  g_assert_no_error(error);
  bytes = g_bytes_get_data(png, &len);
  g_assert_cmpuint(len, >, 1000);
  g_assert_cmpmem(bytes, 8, png_signature, 8);
  /* IHDR: width and height of a real picture, wider than the legend. */
  g_assert_cmpmem(bytes + 12, 4, "IHDR", 4);
  g_assert_cmpuint(read_be32(bytes + 16), >, 200);
  g_assert_cmpuint(read_be32(bytes + 20), >, 100);

  pdf = azkb_diagram_render(d, "pdf", "neato", &error);
  g_assert_no_error(error);
  bytes = g_bytes_get_data(pdf, &len);
  g_assert_cmpuint(len, >, 1000);
  g_assert_cmpmem(bytes, 5, "%PDF-", 5);
}

static void
test_render_errors(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(AzkbDiagram) d = diagram_with(f, NULL);
  g_autoptr(GError) error  = NULL;

  g_assert_null(azkb_diagram_render(d, "svg", "spring", &error));
  g_assert_error(error, AZKB_DIAGRAM_ERROR, AZKB_DIAGRAM_ERROR_LAYOUT);
  g_assert_cmpstr(error->message,
                  ==,
                  "unknown layout “spring” (dot, sfdp, neato, fdp, circo, "
                  "twopi)");
  g_clear_error(&error);
  g_assert_null(azkb_diagram_render(d, "gif", NULL, &error));
  g_assert_error(error, AZKB_DIAGRAM_ERROR, AZKB_DIAGRAM_ERROR_RENDER);
}

/* Above AZKB_DIAGRAM_LARGE nodes the default layout is sfdp. */
static void
test_render_large(void)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(AzkbDiagram) d   = NULL;
  g_autoptr(GError) error    = NULL;
  g_autoptr(GBytes) svg      = NULL;
  AzkbTermId rel             = azkb_store_intern(store, "linkedTo");
  SvgScan    scan            = { 0 };
  guint      n               = AZKB_DIAGRAM_LARGE + 20;

  for (guint i = 0; i < n; i++) {
    g_autofree char *id = g_strdup_printf("n%03u", i);
    azkb_store_add_entity(store, id);
  }
  for (guint i = 1; i < n; i++) {
    g_autofree char *a = g_strdup_printf("n%03u", i);
    g_autofree char *b = g_strdup_printf("n%03u", (i * 7) % i);
    azkb_store_add_statement(store,
                             azkb_store_lookup(store, a),
                             rel,
                             azkb_store_lookup(store, b),
                             NULL);
  }
  d = azkb_diagram_new(store, &(AzkbDiagramOptions){ .full = TRUE }, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(azkb_diagram_n_nodes(d), ==, n);
  g_assert_cmpuint(azkb_diagram_overview(d), ==, 0);
  g_assert_cmpstr(azkb_diagram_default_layout(d), ==, "sfdp");
  svg = azkb_diagram_render(d, "svg", NULL, &error);
  g_assert_no_error(error);
  scan_svg(svg, &scan);
  g_assert_cmpuint(scan.nodes, ==, n);
  scan_clear(&scan);
}

/* Above AZKB_DIAGRAM_OVERVIEW nodes: one node per class with its count
 * and its best connected entities, one edge per class, relation and class
 * with its count of statements; `full` draws every entity. */
static void
test_render_overview(void)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(AzkbDiagram) d   = NULL;
  g_autoptr(GError) error    = NULL;
  g_autoptr(GBytes) svg      = NULL;
  g_autofree char *label     = NULL;
  guint            n         = AZKB_DIAGRAM_OVERVIEW + 30;
  guint            members   = 0;
  Agraph_t        *g;
  Agnode_t        *hub;

  entity(store, "Hub", "Organisation", "The hub", NULL);
  entity(store, "Other", "Organisation", "The other", NULL);
  for (guint i = 0; i < n; i++) {
    g_autofree char *id   = g_strdup_printf("c%03u", i);
    g_autofree char *when = g_strdup_printf("%u", 1990 + i % 30);

    entity(store, id, "Country", id, NULL);
    state(store, id, "memberOf", i % 10 ? "Hub" : "Other", when);
    members += i % 10 ? 1 : 0;
  }
  d = azkb_diagram_new(store, NULL, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(azkb_diagram_overview(d), ==, n + 2);
  g_assert_cmpuint(azkb_diagram_n_nodes(d), ==, 2);
  g_assert_cmpstr(azkb_diagram_default_layout(d), ==, "dot");
  g = read_back(d);
  /* The organisations, the hub first (more statements), then the other. */
  hub = agnode(g, (char *)"group/Organisation", FALSE);
  g_assert_nonnull(hub);
  g_assert_true(aghtmlstr(agget(hub, (char *)"label")));
  g_assert_nonnull(strstr(agget(hub, (char *)"label"), "2 entities"));
  g_assert_nonnull(
    strstr(agget(hub, (char *)"label"), "The hub<BR/>The other"));
  g_assert_nonnull(
    strstr(agget(agnode(g, (char *)"group/Country", FALSE), (char *)"label"),
           "+327 more"));
  label = g_strdup(
    agget(label_node(g, "group/Country", "group/Organisation", "memberOf"),
          (char *)"label"));
  g_assert_cmpstr(label, ==, "memberOf ×330");
  g_assert_nonnull(agsubg(g, (char *)"cluster_legend", FALSE));
  agclose(g);
  svg = azkb_diagram_render(d, "svg", NULL, &error);
  g_assert_no_error(error);
  g_clear_pointer(&d, azkb_diagram_free);

  d = azkb_diagram_new(store, &(AzkbDiagramOptions){ .full = TRUE }, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(azkb_diagram_overview(d), ==, 0);
  g_assert_cmpuint(azkb_diagram_n_nodes(d), ==, n + 2);
  (void)members;
}

/* A shape that makes Graphviz 2.42's dot route a labelled edge between two
 * nodes of one rank next to a cluster (the meeting held by a body inside
 * the UN, both reached from Azerbaijan), whose cleanup double-frees: under
 * AddressSanitizer this test aborts unless render.c avoids that cleanup. */
static void
test_render_dot_flat_label(void)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(AzkbDiagram) d   = NULL;
  g_autoptr(GError) error    = NULL;
  g_autoptr(GBytes) svg      = NULL;
  SvgScan scan               = { 0 };

  entity(store, "Azerbaijan", "Country", "Azerbaijan", NULL);
  entity(store, "UN", "Organisation", "United Nations", "UN");
  entity(store, "SC", "PrincipalOrgan", "Security Council", NULL);
  entity(store, "Arria", "Meeting", "Arria-formula meeting", NULL);
  state(store, "SC", "principalOrganOf", "UN", NULL);
  state(store, "Azerbaijan", "initiated", "Arria", NULL);
  state(store, "Arria", "heldBy", "SC", "2012-05-30");
  for (guint i = 0; i < 10; i++) {
    g_autofree char *id   = g_strdup_printf("Body%u", i);
    g_autofree char *when = g_strdup_printf("%u..%u", 2000 + i, 2003 + i);

    entity(store, id, "Body", id, NULL);
    state(store, id, "partOf", "UN", NULL);
    state(store, "Azerbaijan", "electedTo", id, when);
  }
  state(store, "Azerbaijan", "electedTo", "SC", "2012..2013");
  d = azkb_diagram_new(store, NULL, &error);
  g_assert_no_error(error);
  for (guint round = 0; round < 2; round++) {
    g_clear_pointer(&svg, g_bytes_unref);
    svg = azkb_diagram_render(d, "svg", "dot", &error);
    g_assert_no_error(error);
  }
  scan_svg(svg, &scan);
  g_assert_cmpuint(scan.nodes, ==, azkb_diagram_n_nodes(d));
  scan_clear(&scan);
}

/* ---- atomic writes ---- */

static void
test_write_atomic(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(AzkbDiagram) d = diagram_with(f, NULL);
  g_autoptr(GError) error  = NULL;
  g_autofree char *missing = g_build_filename(f->tmpdir, "no", "x.dot", NULL);
  g_autofree char *target  = g_build_filename(f->tmpdir, "x.svg", NULL);
  g_autofree char *dir     = g_build_filename(f->tmpdir, "dir.dot", NULL);
  g_autofree char *dot     = azkb_diagram_to_dot(d);
  g_autofree char *back    = NULL;

  g_assert_false(azkb_diagram_write_dot(d, missing, &error));
  g_assert_error(error, AZKB_DIAGRAM_ERROR, AZKB_DIAGRAM_ERROR_IO);
  g_assert_true(g_str_has_prefix(error->message, missing));
  g_assert_nonnull(strstr(error->message, g_strerror(ENOENT)));
  g_clear_error(&error);

  /* A failing render leaves the previous file untouched. */
  g_assert_true(g_file_set_contents(target, "old", -1, NULL));
  g_assert_false(azkb_diagram_render_file(d, "svg", "spring", target, &error));
  g_clear_error(&error);
  g_assert_true(g_file_get_contents(target, &back, NULL, NULL));
  g_assert_cmpstr(back, ==, "old");
  g_clear_pointer(&back, g_free);

  /* A rename that fails (the target is a directory) leaves no temporary
   * file behind. */
  g_assert_cmpint(g_mkdir(dir, 0700), ==, 0);
  g_assert_false(azkb_diagram_write_dot(d, dir, &error));
  g_assert_error(error, AZKB_DIAGRAM_ERROR, AZKB_DIAGRAM_ERROR_IO);
  g_clear_error(&error);
  g_assert_cmpuint(azkb_test_count_entries(f->tmpdir), ==, 2);

  g_assert_true(azkb_diagram_write_dot(d, target, &error));
  g_assert_no_error(error);
  g_assert_true(g_file_get_contents(target, &back, NULL, NULL));
  g_assert_cmpstr(back, ==, dot);
  g_assert_cmpuint(azkb_test_count_entries(f->tmpdir), ==, 2);
}

/* ---- the commands ---- */

/* Run the built azkb with @args (NULL-terminated) on the small test graph;
 * returns the exit status.  Skips when run outside meson test. */
static gboolean
run_azkb(const char *const *args,
         char             **out_stdout,
         char             **out_stderr,
         int               *out_status)
{
  const char *azkb          = g_getenv("AZKB");
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
  AzkbTestRun run;

  if (azkb == NULL) {
    g_test_skip("needs AZKB (set by meson test)");
    return FALSE;
  }
  g_ptr_array_add(argv, g_strdup(azkb));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add(argv, g_strdup(args[i]));
  g_ptr_array_add(argv, g_strdup("--data"));
  g_ptr_array_add(
    argv,
    g_test_build_filename(G_TEST_DIST, "data", "diagram", "small.ttl", NULL));
  g_ptr_array_add(argv, NULL);
  run         = azkb_test_run_argv((const char *const *)argv->pdata);
  *out_stdout = g_steal_pointer(&run.out);
  *out_stderr = g_steal_pointer(&run.err);
  *out_status = run.status;
  return TRUE;
}

static void
test_cli_dot(Fixture *f G_GNUC_UNUSED, gconstpointer data G_GNUC_UNUSED)
{
  const char      *args[] = { "dot", NULL };
  g_autofree char *out    = NULL;
  g_autofree char *err    = NULL;
  g_autofree char *names  = NULL;
  g_autofree char *label  = NULL;
  Agraph_t        *g;
  int              status;

  if (!run_azkb(args, &out, &err, &status))
    return;
  g_assert_cmpstr(err, ==, "");
  g_assert_cmpint(status, ==, 0);
  g = agmemread(out);
  g_assert_nonnull(g);
  names = node_names(g);
  g_assert_cmpstr(names, ==, "BoardA,BoardB,Land,Meeting1,Org");
  g_assert_nonnull(
    agnode(agsubg(g, (char *)"cluster_Org", FALSE), (char *)"BoardA", FALSE));
  label = edge_text(g, "Land", "BoardA", "electedTo");
  g_assert_cmpstr(label, ==, "electedTo\\n2003–2005, 2017–2019");
  agclose(g);
}

static void
test_cli_query(Fixture *f G_GNUC_UNUSED, gconstpointer data G_GNUC_UNUSED)
{
  const char *args[]  = { "dot", "--query", "Land -electedTo-> ?b", NULL };
  const char *none[]  = { "dot", "--query", "Land -electedTo@1950-> ?b", NULL };
  const char *both[]  = { "dot",      "--query", "Land -electedTo-> ?b",
                          "--around", "Land",    NULL };
  const char *bad[]   = { "dot", "--query", "Land -electedT-> ?b", NULL };
  const char *timed[] = {
    "dot", "--query", "Meeting1 -heldBy-> ?b <-electedTo@2004- Land", NULL
  };
  g_autofree char *out   = NULL;
  g_autofree char *err   = NULL;
  g_autofree char *names = NULL;
  g_autofree char *label = NULL;
  Agraph_t        *g;
  int              status;

  if (!run_azkb(args, &out, &err, &status))
    return;
  g_assert_cmpint(status, ==, 0);
  g     = agmemread(out);
  names = node_names(g);
  /* The named entity and the values of ?b, with their container. */
  g_assert_cmpstr(names, ==, "BoardA,BoardB,Land,Org");
  agclose(g);
  g_clear_pointer(&out, g_free);
  g_clear_pointer(&err, g_free);

  run_azkb(none, &out, &err, &status);
  g_assert_cmpint(status, ==, 1);
  g_assert_cmpstr(out, ==, "");
  g_assert_cmpstr(err, ==, "azkb dot: --query: the pattern matches nothing\n");
  g_clear_pointer(&out, g_free);
  g_clear_pointer(&err, g_free);

  run_azkb(both, &out, &err, &status);
  g_assert_cmpint(status, ==, 2);
  g_assert_true(g_str_has_prefix(err, "azkb dot: give --query or --around"));
  g_clear_pointer(&out, g_free);
  g_clear_pointer(&err, g_free);

  run_azkb(bad, &out, &err, &status);
  g_assert_cmpint(status, ==, 2);
  g_assert_true(g_str_has_prefix(err, "azkb dot: --query: column "));
  g_clear_pointer(&out, g_free);
  g_clear_pointer(&err, g_free);

  /* The pattern's own relations and times: of Land's terms on Board A,
   * only the one of 2004. */
  run_azkb(timed, &out, &err, &status);
  g_assert_cmpstr(err, ==, "");
  g_assert_cmpint(status, ==, 0);
  g     = agmemread(out);
  label = edge_text(g, "Land", "BoardA", "electedTo");
  g_assert_cmpstr(label, ==, "electedTo 2003–2005");
  g_assert_nonnull(find_edge(g, "Meeting1", "BoardA", "heldBy"));
  g_assert_cmpuint(count_entity_edges(g), ==, 2);
  agclose(g);
}

static void
test_cli_errors(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autofree char *missing  = g_build_filename(f->tmpdir, "no", "x.svg", NULL);
  g_autofree char *gif      = g_build_filename(f->tmpdir, "x.gif", NULL);
  const char      *write[]  = { "render", "-o", missing, NULL };
  const char      *format[] = { "render", "-o", gif, NULL };
  const char      *cap[]    = { "dot", "--max-nodes", "2", NULL };
  const char      *around[] = { "dot", "--around", "Atlantis", NULL };
  const char      *depth[]  = { "dot", "--depth", "2", NULL };
  g_autofree char *out      = NULL;
  g_autofree char *err      = NULL;
  int              status;

  if (!run_azkb(write, &out, &err, &status))
    return;
  /* A failed write: status 3, one message, no file. */
  g_assert_cmpint(status, ==, 3);
  g_assert_true(g_str_has_prefix(err, "azkb render: "));
  g_assert_nonnull(strstr(err, missing));
  g_assert_cmpuint(azkb_test_count_entries(f->tmpdir), ==, 0);
  g_clear_pointer(&err, g_free);
  g_clear_pointer(&out, g_free);

  run_azkb(format, &out, &err, &status);
  g_assert_cmpint(status, ==, 2);
  g_assert_true(g_str_has_prefix(err, "azkb render: give --format"));
  g_assert_false(g_file_test(gif, G_FILE_TEST_EXISTS));
  g_clear_pointer(&err, g_free);
  g_clear_pointer(&out, g_free);

  run_azkb(cap, &out, &err, &status);
  g_assert_cmpint(status, ==, 1);
  g_assert_cmpstr(out, ==, "");
  g_assert_true(g_str_has_prefix(err,
                                 "azkb dot: the diagram would have 5 "
                                 "nodes, more than the limit of 2"));
  /* the command, not the library, names its flags and exit status */
  g_assert_nonnull(strstr(err, "(--max-nodes); narrow it with --around"));
  g_clear_pointer(&err, g_free);
  g_clear_pointer(&out, g_free);

  run_azkb(around, &out, &err, &status);
  g_assert_cmpint(status, ==, 2);
  g_assert_true(g_str_has_prefix(err, "azkb dot: "));
  g_assert_nonnull(strstr(err, "Atlantis"));
  g_clear_pointer(&err, g_free);
  g_clear_pointer(&out, g_free);

  run_azkb(depth, &out, &err, &status);
  g_assert_cmpint(status, ==, 2);
  g_assert_true(g_str_has_prefix(err, "azkb dot: --depth needs --around"));
}

static void
test_cli_render(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autofree char *svg    = g_build_filename(f->tmpdir, "small.svg", NULL);
  const char      *args[] = { "render", "--layout", "neato", "-o", svg, NULL };
  g_autofree char *out    = NULL;
  g_autofree char *err    = NULL;
  g_autoptr(GBytes) data_ = NULL;
  g_autofree char *text   = NULL;
  gsize            len;
  SvgScan          scan = { 0 };
  int              status;

  if (!run_azkb(args, &out, &err, &status))
    return;
  g_assert_cmpint(status, ==, 0);
  g_assert_cmpstr(err, ==, "");
  g_assert_true(g_file_get_contents(svg, &text, &len, NULL));
  data_ = g_bytes_new_take(g_steal_pointer(&text), len);
  scan_svg(data_, &scan);
  g_assert_cmpuint(scan.nodes, ==, 5);
  scan_clear(&scan);
  xmllint(svg);
}

/* Above AZKB_DIAGRAM_LARGE nodes render says it switches to sfdp. */
static void
test_cli_large(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  const char      *azkb   = g_getenv("AZKB");
  g_autofree char *ttl    = g_build_filename(f->tmpdir, "g.ttl", NULL);
  g_autofree char *svg    = g_build_filename(f->tmpdir, "g.svg", NULL);
  g_autofree char *err    = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (azkb == NULL) {
    g_test_skip("needs AZKB (set by meson test)");
    return;
  }
  {
    const char *argv[] = { azkb, "generate", "-n", "450", "-o", ttl, NULL };

    g_assert_true(g_spawn_sync(NULL,
                               (char **)argv,
                               NULL,
                               G_SPAWN_DEFAULT,
                               NULL,
                               NULL,
                               NULL,
                               NULL,
                               &status,
                               &error));
    g_assert_true(g_spawn_check_wait_status(status, &error));
  }
  {
    const char *argv[] = { azkb, "render", "--full", "--data",
                           ttl,  "-o",     svg,      NULL };

    g_assert_true(g_spawn_sync(NULL,
                               (char **)argv,
                               NULL,
                               G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL,
                               NULL,
                               NULL,
                               &err,
                               &status,
                               &error));
    g_assert_true(g_spawn_check_wait_status(status, &error));
  }
  g_assert_true(g_str_has_prefix(err, "azkb render: "));
  g_assert_nonnull(strstr(err,
                          "nodes (more than 400): using the sfdp "
                          "layout with overlap removal"));
  g_assert_true(g_file_test(svg, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer(&err, g_free);
  /* Without --full: an overview, and a word on stderr. */
  {
    const char *argv[] = { azkb, "render", "--data", ttl, "-o", svg, NULL };

    g_assert_true(g_spawn_sync(NULL,
                               (char **)argv,
                               NULL,
                               G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL,
                               NULL,
                               NULL,
                               &err,
                               &status,
                               &error));
    g_assert_true(g_spawn_check_wait_status(status, &error));
  }
  g_assert_cmpstr(err,
                  ==,
                  "azkb render: 450 entities (more than 300): drawing an "
                  "overview, one node per class; give --full to draw every "
                  "entity\n");
}

/* ---- exports/ ---- */

/* What an SVG says, without where it says it: the element tree with ids,
 * classes, titles, texts and links, one line each.  Coordinates depend on
 * the fonts installed; this does not. */
static void
sig_start(GMarkupParseContext *context G_GNUC_UNUSED,
          const char                  *element,
          const char                 **names,
          const char                 **values,
          gpointer                     data,
          GError **error               G_GNUC_UNUSED)
{
  GString *sig = data;

  g_string_append_printf(sig, "<%s", element);
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp(names[i], "id") == 0 || strcmp(names[i], "class") == 0 ||
        strcmp(names[i], "xlink:href") == 0 ||
        strcmp(names[i], "xlink:title") == 0)
      g_string_append_printf(sig, " %s=%s", names[i], values[i]);
  g_string_append(sig, ">\n");
}

static void
sig_text(GMarkupParseContext *context,
         const char          *text,
         gsize                len,
         gpointer             data,
         GError **error       G_GNUC_UNUSED)
{
  const char *element = g_markup_parse_context_get_element(context);
  GString    *sig     = data;

  if (g_strcmp0(element, "text") == 0 || g_strcmp0(element, "title") == 0)
    g_string_append_printf(sig, "  %.*s\n", (int)len, text);
}

static char *
svg_signature(const char *path)
{
  static const GMarkupParser parser = { sig_start, NULL, sig_text, NULL, NULL };
  g_autoptr(GMarkupParseContext) ctx = NULL;
  g_autoptr(GError) error            = NULL;
  g_autofree char *text              = NULL;
  GString         *sig               = g_string_new(NULL);
  gsize            len;

  g_assert_true(g_file_get_contents(path, &text, &len, &error));
  ctx = g_markup_parse_context_new(&parser, 0, sig, NULL);
  g_assert_true(g_markup_parse_context_parse(ctx, text, (gssize)len, &error));
  g_assert_true(g_markup_parse_context_end_parse(ctx, &error));
  g_assert_no_error(error);
  return g_string_free(sig, FALSE);
}

static void
png_size(const char *path, guint32 *out_width, guint32 *out_height)
{
  static const guint8 signature[8] = { 0x89, 'P',  'N',  'G',
                                       '\r', '\n', 0x1a, '\n' };
  g_autofree char    *data         = NULL;
  gsize               len          = 0;

  g_assert_true(g_file_get_contents(path, &data, &len, NULL));
  g_assert_cmpuint(len, >, 24);
  g_assert_cmpmem(data, 8, signature, 8);
  *out_width  = read_be32((const guint8 *)data + 16);
  *out_height = read_be32((const guint8 *)data + 20);
}

static void
compare_export(const char *fresh, const char *committed, const char *name)
{
  if (!g_file_test(committed, G_FILE_TEST_IS_REGULAR))
    g_error("exports/%s is missing: run 'meson compile -C build exports'",
            name);
  if (g_str_has_suffix(name, ".svg")) {
    g_autofree char *a = svg_signature(fresh);
    g_autofree char *b = svg_signature(committed);

    if (strcmp(a, b) != 0)
      g_error("exports/%s is stale: run 'meson compile -C build exports'",
              name);
  } else if (g_str_has_suffix(name, ".png")) {
    guint32 w1, h1, w2, h2;

    /* Pixels depend on fonts; a picture of another graph has another
     * size.  Within a tenth is the same picture. */
    png_size(fresh, &w1, &h1);
    png_size(committed, &w2, &h2);
    if (ABS((gint64)w1 - (gint64)w2) * 10 > w1 ||
        ABS((gint64)h1 - (gint64)h2) * 10 > h1)
      g_error("exports/%s is stale (%ux%u, now %ux%u): run 'meson compile "
              "-C build exports'",
              name,
              w2,
              h2,
              w1,
              h1);
  } else {
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;

    g_assert_true(g_file_get_contents(fresh, &a, NULL, NULL));
    g_assert_true(g_file_get_contents(committed, &b, NULL, NULL));
    if (strcmp(a, b) != 0)
      g_error("exports/%s is stale: run 'meson compile -C build exports'",
              name);
  }
}

/* The diagrams in exports/ are what scripts/make-exports.sh makes now:
 * DOT byte for byte, SVG structurally, PNG by size.  (check-exports.sh
 * compares the linked data and the DOT byte for byte as well.) */
static void
test_exports_fresh(void)
{
  const char *azkb        = g_getenv("AZKB");
  const char *src         = g_getenv("AZKB_SOURCE_ROOT");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp    = NULL;
  g_autofree char *script = NULL;
  g_autoptr(GDir) dir     = NULL;
  const char *name;
  guint       diagrams = 0;
  int         status;

  if (azkb == NULL || src == NULL) {
    g_test_skip("needs AZKB and AZKB_SOURCE_ROOT (set by meson test)");
    return;
  }
  tmp    = azkb_test_tmpdir_new("azkb-exports");
  script = g_build_filename(src, "scripts", "make-exports.sh", NULL);
  {
    const char *argv[] = { "/bin/sh", script, azkb, src, tmp, NULL };

    g_assert_true(g_spawn_sync(NULL,
                               (char **)argv,
                               NULL,
                               G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL,
                               NULL,
                               NULL,
                               NULL,
                               &status,
                               &error));
    g_assert_no_error(error);
    g_assert_true(g_spawn_check_wait_status(status, &error));
    g_assert_no_error(error);
  }
  dir = g_dir_open(tmp, 0, &error);
  g_assert_no_error(error);
  while ((name = g_dir_read_name(dir)) != NULL) {
    g_autofree char *fresh     = g_build_filename(tmp, name, NULL);
    g_autofree char *committed = g_build_filename(src, "exports", name, NULL);

    if (!g_str_has_prefix(name, "diagram-"))
      continue;
    compare_export(fresh, committed, name);
    diagrams++;
  }
  /* The whole knowledge base and three views as DOT and SVG, one PNG. */
  g_assert_cmpuint(diagrams, >=, 9);
  azkb_test_tmpdir_remove(tmp);
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

/* The command line, for the case that crashed (exit 139). */
static void
test_cli_around_source(void)
{
  g_autofree char *tmp = NULL;
  g_autofree char *svg = NULL;

  if (g_getenv("AZKB") == NULL) {
    g_test_skip("needs AZKB (set by meson test)");
    return;
  }
  tmp = azkb_test_tmpdir_new("azkb-around-source");
  svg = g_build_filename(tmp, "p1.svg", NULL);
  {
    AzkbTestRun dot = azkb_test_run_azkb("dot", "--around", "P1", NULL);
    AzkbTestRun render =
      azkb_test_run_azkb("render", "--around", "P1", "-o", svg, NULL);

    g_assert_cmpint(dot.status, ==, 0);
    azkb_test_assert_contains(dot.out, "P1 -> AzerbaijanUNRelationsSource");
    g_assert_cmpint(render.status, ==, 0);
    g_assert_true(g_file_test(svg, G_FILE_TEST_IS_REGULAR));
    azkb_test_run_clear(&dot);
    azkb_test_run_clear(&render);
  }
  azkb_test_tmpdir_remove(tmp);
}

/* ---- timeline ---- */

static guint
count_class(Agraph_t *g, const char *cls, const char *shape)
{
  guint n = 0;

  for (Agnode_t *v = agfstnode(g); v != NULL; v = agnxtnode(g, v))
    if (g_strcmp0(agget(v, (char *)"class"), cls) == 0 &&
        (shape == NULL || g_strcmp0(agget(v, (char *)"shape"), shape) == 0))
      n++;
  return n;
}

/* One mark per dated statement: bars for terms, a diamond for a point in
 * time, an arrow after a bar that is still open; every node placed. */
static void
test_timeline(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AzkbDiagram) d =
    azkb_diagram_timeline_new(f->store, "Azerbaijan", "A timeline", &error);
  g_autoptr(GBytes) svg = NULL;
  Agraph_t *g;

  g_assert_no_error(error);
  g = read_back(d);
  /* ECOSOC twice, the Security Council, IGBC. */
  g_assert_cmpuint(count_class(g, "electedTo", "box"), ==, 4);
  g_assert_cmpuint(count_class(g, "memberOf", "box"), ==, 1);
  g_assert_nonnull(strstr(agget(agfstnode(g), (char *)"pos"), "!"));
  for (Agnode_t *v = agfstnode(g); v != NULL; v = agnxtnode(g, v)) {
    const char *tip = agget(v, (char *)"tooltip");

    g_assert_cmpstr(agget(v, (char *)"pos"), !=, "");
    if (g_strcmp0(agget(v, (char *)"class"), "electedTo") == 0)
      g_assert_true(g_str_has_suffix(tip, "[P7]"));
  }
  agclose(g);
  svg = azkb_diagram_render(d, "svg", NULL, &error);
  g_assert_no_error(error);
  g_assert_nonnull(strstr(g_bytes_get_data(svg, NULL), "A timeline"));
  g_clear_pointer(&d, azkb_diagram_free);

  /* The meeting is a point in time. */
  d = azkb_diagram_timeline_new(f->store, "Meeting20120504", NULL, &error);
  g_assert_no_error(error);
  g = read_back(d);
  g_assert_cmpuint(count_class(g, "heldBy", "diamond"), ==, 1);
  agclose(g);
  g_clear_pointer(&d, azkb_diagram_free);

  g_assert_null(azkb_diagram_timeline_new(f->store, "Lonely", NULL, &error));
  g_assert_error(error, AZKB_DIAGRAM_ERROR, AZKB_DIAGRAM_ERROR_EMPTY);
  g_clear_error(&error);
  g_assert_null(azkb_diagram_timeline_new(f->store, "Atlantis", NULL, &error));
  g_assert_error(error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_UNKNOWN_ENTITY);
}

/* ---- small multiples ---- */

static double
pos_x(Agraph_t *g, const char *node, double *y)
{
  Agnode_t   *n = agnode(g, (char *)node, FALSE);
  const char *pos;
  char       *end;
  double      x;

  g_assert_nonnull(n);
  pos = agget(n, (char *)"pos");
  x   = g_ascii_strtod(pos, &end);
  g_assert_cmpint(*end, ==, ',');
  *y = g_ascii_strtod(end + 1, NULL);
  return x;
}

static gboolean
has_node(Agraph_t *g, const char *name)
{
  return agnode(g, (char *)name, FALSE) != NULL;
}

/* --at 2004,2012,2019 around Azerbaijan: a panel per time with only what
 * is valid then, each node at the same place in every panel it is in (its
 * panel's offset apart), each label with that panel's times only, the
 * clusters of each panel its own. */
static void
test_snapshots(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  static const char *const when[] = { "2004", "2012", "2019" };
  AzkbInterval             times[3];
  AzkbDiagramOptions       opts = { .around = "Azerbaijan" };
  g_autoptr(GError) error       = NULL;
  g_autoptr(AzkbDiagram) d      = NULL;
  g_autoptr(GBytes) svg         = NULL;
  g_autofree char *ecosoc_first = NULL;
  g_autofree char *ecosoc_last  = NULL;
  g_autofree char *path         = g_build_filename(f->tmpdir, "m.svg", NULL);
  SvgScan          scan         = { 0 };
  double           x1, y1, x3, y3, step, ty, ey1, ey3;
  Agraph_t        *g;

  for (guint i = 0; i < 3; i++)
    g_assert_true(azkb_interval_parse(when[i], &times[i], NULL));
  d = azkb_diagram_snapshots_new(f->store, &opts, times, 3, NULL, &error);
  g_assert_no_error(error);
  g = read_back(d);
  g_assert_cmpstr(
    agget(agnode(g, (char *)"title/p1", FALSE), (char *)"label"), ==, "2004");
  g_assert_cmpstr(
    agget(agnode(g, (char *)"title/p3", FALSE), (char *)"label"), ==, "2019");
  g_assert_nonnull(agsubg(g, (char *)"cluster_legend", FALSE));
  /* What each panel holds. */
  for (guint i = 1; i <= 3; i++) {
    g_autofree char *az = g_strdup_printf("p%u/Azerbaijan", i);
    g_autofree char *un = g_strdup_printf("p%u/UN", i);

    g_assert_true(has_node(g, az));
    g_assert_true(has_node(g, un));
  }
  g_assert_true(has_node(g, "p1/ECOSOC"));
  g_assert_false(has_node(g, "p2/ECOSOC"));
  g_assert_true(has_node(g, "p3/ECOSOC"));
  g_assert_false(has_node(g, "p1/SecurityCouncil"));
  g_assert_true(has_node(g, "p2/SecurityCouncil"));
  g_assert_false(has_node(g, "p3/SecurityCouncil"));
  g_assert_false(has_node(g, "p1/IGBC"));
  g_assert_true(has_node(g, "p3/IGBC"));
  g_assert_nonnull(agnode(
    agsubg(g, (char *)"cluster_p3/UNESCO", FALSE), (char *)"p3/IGBC", FALSE));
  g_assert_null(agsubg(g, (char *)"cluster_p1/UNESCO", FALSE));
  g_assert_nonnull(agnode(
    agsubg(g, (char *)"cluster_p1/UN", FALSE), (char *)"p1/ECOSOC", FALSE));
  /* The same place in every panel: one offset for every node. */
  step = pos_x(g, "title/p2", &ty) - pos_x(g, "title/p1", &ty);
  g_assert_cmpfloat(step, >, 0);
  x1 = pos_x(g, "p1/Azerbaijan", &y1);
  x3 = pos_x(g, "p3/Azerbaijan", &y3);
  g_assert_cmpfloat_with_epsilon(x3 - x1, 2 * step, 0.05);
  g_assert_cmpfloat_with_epsilon(y1, y3, 0.05);
  x1 = pos_x(g, "p1/ECOSOC", &ey1);
  x3 = pos_x(g, "p3/ECOSOC", &ey3);
  g_assert_cmpfloat_with_epsilon(x3 - x1, 2 * step, 0.05);
  g_assert_cmpfloat_with_epsilon(ey1, ey3, 0.05);
  /* Each label has its panel's times. */
  ecosoc_first = node_attr(g, "p1/ECOSOC", "label");
  ecosoc_last  = node_attr(g, "p3/ECOSOC", "label");
  g_assert_nonnull(strstr(ecosoc_first, "2003–2005"));
  g_assert_null(strstr(ecosoc_first, "2017"));
  g_assert_nonnull(strstr(ecosoc_last, "2017–2019"));
  g_assert_null(strstr(ecosoc_last, "2003"));
  /* Edges keep their splines: no layout is run again. */
  for (Agnode_t *n = agfstnode(g); n != NULL; n = agnxtnode(g, n))
    for (Agedge_t *e = agfstout(g, n); e != NULL; e = agnxtout(g, e))
      g_assert_cmpstr(agget(e, (char *)"pos"), !=, "");
  agclose(g);

  svg = azkb_diagram_render(d, "svg", "neato", &error);
  g_assert_no_error(error);
  scan_svg(svg, &scan);
  /* Azerbaijan, UN, ECOSOC; Azerbaijan, UN, the Council; Azerbaijan, UN,
   * ECOSOC, UNESCO, IGBC; and three titles. */
  g_assert_cmpuint(scan.nodes, ==, 3 + 3 + 5 + 3);
  g_assert_cmpuint(scan.legend, >, 0);
  scan_clear(&scan);
  g_assert_true(azkb_diagram_render_file(d, "svg", NULL, path, &error));
  g_assert_no_error(error);
  xmllint(path);
  g_clear_pointer(&d, azkb_diagram_free);

  /* Nothing at any of the times. */
  g_assert_true(azkb_interval_parse("1800", &times[0], NULL));
  g_assert_true(azkb_interval_parse("1850", &times[1], NULL));
  g_assert_null(
    azkb_diagram_snapshots_new(f->store, NULL, times, 2, NULL, &error));
  g_assert_error(error, AZKB_DIAGRAM_ERROR, AZKB_DIAGRAM_ERROR_EMPTY);
}

/* The command line: --at with several times, and what it refuses. */
static void
test_cli_snapshots(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autofree char *svg    = g_build_filename(f->tmpdir, "m.svg", NULL);
  const char      *args[] = { "render", "--at", "2004, 2018", "-o", svg, NULL };
  const char      *query[] = { "dot",  "--query",   "Land -electedTo-> ?b",
                               "--at", "2004,2018", NULL };
  const char      *bad[]   = { "dot", "--at", "2004,spring", NULL };
  const char      *many[]  = { "dot", "--at", "1,2,3,4,5,6,7,8,9", NULL };
  g_autofree char *out     = NULL;
  g_autofree char *err     = NULL;
  int              status;

  if (!run_azkb(args, &out, &err, &status))
    return;
  g_assert_cmpstr(err, ==, "");
  g_assert_cmpint(status, ==, 0);
  xmllint(svg);
  g_clear_pointer(&out, g_free);
  g_clear_pointer(&err, g_free);

  run_azkb(query, &out, &err, &status);
  g_assert_cmpint(status, ==, 2);
  g_assert_true(g_str_has_prefix(err, "azkb dot: --query takes one --at"));
  g_clear_pointer(&out, g_free);
  g_clear_pointer(&err, g_free);

  run_azkb(bad, &out, &err, &status);
  g_assert_cmpint(status, ==, 2);
  g_assert_true(g_str_has_prefix(err, "azkb dot: --at: "));
  g_clear_pointer(&out, g_free);
  g_clear_pointer(&err, g_free);

  run_azkb(many, &out, &err, &status);
  g_assert_cmpint(status, ==, 2);
  g_assert_true(g_str_has_prefix(err, "azkb dot: --at: at most 8 times"));
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

#define ADD(path, func)                                                        \
  g_test_add(path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD("/diagram/select/whole", test_whole);
  ADD("/diagram/select/at", test_at);
  ADD("/diagram/select/around", test_around);
  ADD("/diagram/select/around-at", test_around_at);
  ADD("/diagram/select/relations", test_relations);
  ADD("/diagram/select/relations-bad", test_relations_bad);
  ADD("/diagram/select/limits", test_limits);
  ADD("/diagram/select/statements", test_statements);
  ADD("/diagram/dot/round-trip", test_dot_round_trip);
  ADD("/diagram/dot/attributes", test_dot_attributes);
  ADD("/diagram/dot/legend", test_dot_legend);
  ADD("/diagram/dot/deterministic", test_dot_deterministic);
  ADD("/diagram/render/svg-every-layout", test_render_svg);
  ADD("/diagram/render/png-pdf", test_render_png_pdf);
  ADD("/diagram/render/deterministic", test_render_deterministic);
  ADD("/diagram/render/errors", test_render_errors);
  ADD("/diagram/write/atomic", test_write_atomic);
  ADD("/diagram/cli/dot", test_cli_dot);
  ADD("/diagram/cli/query", test_cli_query);
  ADD("/diagram/cli/errors", test_cli_errors);
  ADD("/diagram/cli/render", test_cli_render);
  ADD("/diagram/cli/large", test_cli_large);
  ADD("/diagram/dot/hostile-labels", test_hostile_labels);
  ADD("/diagram/timeline/chart", test_timeline);
  ADD("/diagram/multiples/panels", test_snapshots);
  ADD("/diagram/cli/multiples", test_cli_snapshots);
  ADD("/diagram/dot/link-schemes", test_link_schemes);
#undef ADD
  g_test_add_func("/diagram/render/large", test_render_large);
  g_test_add_func("/diagram/render/overview", test_render_overview);
  g_test_add_func("/diagram/render/dot-flat-label", test_render_dot_flat_label);
  g_test_add_func("/diagram/exports/fresh", test_exports_fresh);
  g_test_add_func("/diagram/select/every-neighbourhood",
                  test_every_neighbourhood);
  g_test_add_func("/diagram/cli/around-source", test_cli_around_source);
  g_test_add_func("/diagram/style/colour-vision", test_colour_vision);
  g_test_add_func("/diagram/render/legend", test_render_legend);
  return g_test_run();
}
