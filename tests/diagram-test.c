/* The fixture and helpers the diagram tests share: a small hand-built
 * store shaped like the bundled knowledge base (Azerbaijan, the UN with two
 * principal organs, UNESCO with a committee, a meeting and the person who
 * chaired it), reading a diagram's DOT back with cgraph, and scanning SVG. */
#include "diagram-test.h"

#include <string.h>

AzkbTermId
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

AzkbStmtId
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

void
fixture_set_up(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  f->store = azkb_store_new();
  build_store(f->store);
  f->tmpdir = azkb_test_tmpdir_new("azkb-diagram");
}

void
fixture_tear_down(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_clear_pointer(&f->store, azkb_store_unref);
  azkb_test_tmpdir_remove(f->tmpdir);
  g_clear_pointer(&f->tmpdir, g_free);
}

AzkbDiagram *
diagram_with(Fixture *f, const AzkbDiagramOptions *opts)
{
  g_autoptr(GError) error = NULL;
  AzkbDiagram *d          = azkb_diagram_new(f->store, opts, &error);

  g_assert_no_error(error);
  g_assert_nonnull(d);
  return d;
}

/* The DOT of @d read back with cgraph's agread (from memory). */
Agraph_t *
read_back(AzkbDiagram *d)
{
  g_autofree char *dot = azkb_diagram_to_dot(d);
  Agraph_t        *g   = agmemread(dot);

  g_assert_nonnull(g);
  return g;
}

gboolean
is_legend(Agnode_t *n)
{
  const char *cls = agget(n, (char *)"class");

  return cls != NULL && g_str_has_prefix(cls, "legend");
}

/* A node that carries an edge's label (tail -> label -> head). */
gboolean
is_label_node(Agnode_t *n)
{
  const char *cls = agget(n, (char *)"class");

  return cls != NULL && g_str_has_prefix(cls, "edgelabel");
}

/* g_ptr_array_sort passes pointers to the elements. */
int
compare_strings(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Entity node names of @g, sorted, comma-separated (legend left out). */
char *
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

char *
node_attr(Agraph_t *g, const char *node, const char *attr)
{
  Agnode_t *n = agnode(g, (char *)node, FALSE);

  g_assert_nonnull(n);
  return g_strdup(agget(n, (char *)attr));
}

/* The node that carries the label of @tail -> @head (@rel), or NULL. */
Agnode_t *
label_node(Agraph_t *g, const char *tail, const char *head, const char *rel)
{
  g_autofree char *name = g_strdup_printf("label/%s/%s/%s", rel, tail, head);

  return agnode(g, name, FALSE);
}

/* The edge @tail -> @head with key @relation, or NULL; for an edge drawn
 * through a label node, its first half (tail -> label). */
Agedge_t *
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
char *
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

guint
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

char *
cluster_paths(Agraph_t *g)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func(g_free);

  collect_clusters(g, "", paths);
  g_ptr_array_sort(paths, compare_strings);
  g_ptr_array_add(paths, NULL);
  return g_strjoinv(",", (char **)paths->pdata);
}

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
void
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

void
scan_clear(SvgScan *scan)
{
  g_clear_pointer(&scan->titles, g_ptr_array_unref);
  g_clear_pointer(&scan->links, g_ptr_array_unref);
}

/* xmllint, when installed (libxml2-utils, in scripts/deps.sh), checks
 * well-formedness with a real XML parser as well. */
void
xmllint(const char *path)
{
  g_autofree char *prog = g_find_program_in_path("xmllint");
  AzkbTestRun      run;

  if (prog == NULL)
    return;
  run = azkb_test_run_argv(
    (const char *const[]){ prog, "--noout", "--nonet", path, NULL });
  g_assert_cmpstr(run.err, ==, "");
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_run_clear(&run);
}
