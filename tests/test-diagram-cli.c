/* Tests of `azkb dot` and `azkb render` through the binary ($AZKB), on
 * tests/data/diagram/small.ttl and on the bundled knowledge base. */
#include "diagram-test.h"

#include <string.h>

/* ---- the commands ---- */

/* Runs the built azkb with @args (NULL-terminated) on the small test graph
 * into @out_run (azkb_test_run_clear() it).  FALSE, and the test skipped,
 * when run outside meson test. */
static gboolean
run_azkb(const char *const *args, AzkbTestRun *out_run)
{
  const char *azkb          = g_getenv("AZKB");
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);

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
  *out_run = azkb_test_run_argv((const char *const *)argv->pdata);
  return TRUE;
}

static void
test_cli_dot(Fixture *f G_GNUC_UNUSED, gconstpointer data G_GNUC_UNUSED)
{
  const char      *args[] = { "dot", NULL };
  g_autofree char *names  = NULL;
  g_autofree char *label  = NULL;
  Agraph_t        *g;
  AzkbTestRun      run = { 0 };

  if (!run_azkb(args, &run))
    return;
  g_assert_cmpstr(run.err, ==, "");
  g_assert_cmpint(run.status, ==, 0);
  g = agmemread(run.out);
  g_assert_nonnull(g);
  names = node_names(g);
  g_assert_cmpstr(names, ==, "BoardA,BoardB,Land,Meeting1,Org");
  g_assert_nonnull(
    agnode(agsubg(g, (char *)"cluster_Org", FALSE), (char *)"BoardA", FALSE));
  label = edge_text(g, "Land", "BoardA", "electedTo");
  g_assert_cmpstr(label, ==, "electedTo\\n2003–2005, 2017–2019");
  agclose(g);
  azkb_test_run_clear(&run);
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
  g_autofree char *names = NULL;
  g_autofree char *label = NULL;
  Agraph_t        *g;
  AzkbTestRun      run = { 0 };

  if (!run_azkb(args, &run))
    return;
  g_assert_cmpint(run.status, ==, 0);
  g     = agmemread(run.out);
  names = node_names(g);
  /* The named entity and the values of ?b, with their container. */
  g_assert_cmpstr(names, ==, "BoardA,BoardB,Land,Org");
  agclose(g);
  azkb_test_run_clear(&run);

  run_azkb(none, &run);
  g_assert_cmpint(run.status, ==, 1);
  g_assert_cmpstr(run.out, ==, "");
  g_assert_cmpstr(
    run.err, ==, "azkb dot: --query: the pattern matches nothing\n");
  azkb_test_run_clear(&run);

  run_azkb(both, &run);
  g_assert_cmpint(run.status, ==, 2);
  g_assert_true(
    g_str_has_prefix(run.err, "azkb dot: give --query or --around"));
  azkb_test_run_clear(&run);

  run_azkb(bad, &run);
  g_assert_cmpint(run.status, ==, 2);
  g_assert_true(g_str_has_prefix(run.err, "azkb dot: --query: column "));
  azkb_test_run_clear(&run);

  /* The pattern's own relations and times: of Land's terms on Board A,
   * only the one of 2004. */
  run_azkb(timed, &run);
  g_assert_cmpstr(run.err, ==, "");
  g_assert_cmpint(run.status, ==, 0);
  g     = agmemread(run.out);
  label = edge_text(g, "Land", "BoardA", "electedTo");
  g_assert_cmpstr(label, ==, "electedTo 2003–2005");
  g_assert_nonnull(find_edge(g, "Meeting1", "BoardA", "heldBy"));
  g_assert_cmpuint(count_entity_edges(g), ==, 2);
  agclose(g);
  azkb_test_run_clear(&run);
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
  AzkbTestRun      run      = { 0 };

  if (!run_azkb(write, &run))
    return;
  /* A failed write: status 3, one message, no file. */
  g_assert_cmpint(run.status, ==, 3);
  g_assert_true(g_str_has_prefix(run.err, "azkb render: "));
  g_assert_nonnull(strstr(run.err, missing));
  g_assert_cmpuint(azkb_test_count_entries(f->tmpdir), ==, 0);
  azkb_test_run_clear(&run);

  run_azkb(format, &run);
  g_assert_cmpint(run.status, ==, 2);
  g_assert_true(g_str_has_prefix(run.err, "azkb render: give --format"));
  g_assert_false(g_file_test(gif, G_FILE_TEST_EXISTS));
  azkb_test_run_clear(&run);

  run_azkb(cap, &run);
  g_assert_cmpint(run.status, ==, 1);
  g_assert_cmpstr(run.out, ==, "");
  g_assert_true(g_str_has_prefix(run.err,
                                 "azkb dot: the diagram would have 5 "
                                 "nodes, more than the limit of 2"));
  /* the command, not the library, names its flags and exit status */
  g_assert_nonnull(strstr(run.err, "(--max-nodes); narrow it with --around"));
  azkb_test_run_clear(&run);

  run_azkb(around, &run);
  g_assert_cmpint(run.status, ==, 2);
  g_assert_true(g_str_has_prefix(run.err, "azkb dot: "));
  g_assert_nonnull(strstr(run.err, "Atlantis"));
  azkb_test_run_clear(&run);

  run_azkb(depth, &run);
  g_assert_cmpint(run.status, ==, 2);
  g_assert_true(g_str_has_prefix(run.err, "azkb dot: --depth needs --around"));
  azkb_test_run_clear(&run);
}

static void
test_cli_render(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autofree char *svg    = g_build_filename(f->tmpdir, "small.svg", NULL);
  const char      *args[] = { "render", "--layout", "neato", "-o", svg, NULL };
  g_autoptr(GBytes) data_ = NULL;
  g_autofree char *text   = NULL;
  gsize            len;
  SvgScan          scan = { 0 };
  AzkbTestRun      run  = { 0 };

  if (!run_azkb(args, &run))
    return;
  g_assert_cmpint(run.status, ==, 0);
  g_assert_cmpstr(run.err, ==, "");
  g_assert_true(g_file_get_contents(svg, &text, &len, NULL));
  data_ = g_bytes_new_take(g_steal_pointer(&text), len);
  scan_svg(data_, &scan);
  g_assert_cmpuint(scan.nodes, ==, 5);
  scan_clear(&scan);
  xmllint(svg);
  azkb_test_run_clear(&run);
}

/* Above AZKB_DIAGRAM_LARGE nodes render says it switches to sfdp. */
static void
test_cli_large(Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autofree char *ttl = g_build_filename(f->tmpdir, "g.ttl", NULL);
  g_autofree char *svg = g_build_filename(f->tmpdir, "g.svg", NULL);
  AzkbTestRun      run;

  if (g_getenv("AZKB") == NULL) {
    g_test_skip("needs AZKB (set by meson test)");
    return;
  }
  run = azkb_test_run_azkb("generate", "-n", "450", "-o", ttl, NULL);
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_run_clear(&run);
  run = azkb_test_run_azkb("render", "--full", "--data", ttl, "-o", svg, NULL);
  g_assert_cmpint(run.status, ==, 0);
  g_assert_true(g_str_has_prefix(run.err, "azkb render: "));
  g_assert_nonnull(strstr(run.err,
                          "nodes (more than 400): using the sfdp "
                          "layout with overlap removal"));
  g_assert_true(g_file_test(svg, G_FILE_TEST_IS_REGULAR));
  azkb_test_run_clear(&run);
  /* Without --full: an overview, and a word on stderr. */
  run = azkb_test_run_azkb("render", "--data", ttl, "-o", svg, NULL);
  g_assert_cmpint(run.status, ==, 0);
  g_assert_cmpstr(run.err,
                  ==,
                  "azkb render: 450 entities (more than 300): drawing an "
                  "overview, one node per class; give --full to draw every "
                  "entity\n");
  azkb_test_run_clear(&run);
}

/* ---- every neighbourhood of the bundled knowledge base ---- */

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

/* ---- small multiples ---- */

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
  AzkbTestRun      run     = { 0 };

  if (!run_azkb(args, &run))
    return;
  g_assert_cmpstr(run.err, ==, "");
  g_assert_cmpint(run.status, ==, 0);
  xmllint(svg);
  azkb_test_run_clear(&run);

  run_azkb(query, &run);
  g_assert_cmpint(run.status, ==, 2);
  g_assert_true(g_str_has_prefix(run.err, "azkb dot: --query takes one --at"));
  azkb_test_run_clear(&run);

  run_azkb(bad, &run);
  g_assert_cmpint(run.status, ==, 2);
  g_assert_true(g_str_has_prefix(run.err, "azkb dot: --at: "));
  azkb_test_run_clear(&run);

  run_azkb(many, &run);
  g_assert_cmpint(run.status, ==, 2);
  g_assert_true(g_str_has_prefix(run.err, "azkb dot: --at: at most 8 times"));
  azkb_test_run_clear(&run);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);

  DIAGRAM_ADD("/diagram/cli/dot", test_cli_dot);
  DIAGRAM_ADD("/diagram/cli/query", test_cli_query);
  DIAGRAM_ADD("/diagram/cli/errors", test_cli_errors);
  DIAGRAM_ADD("/diagram/cli/render", test_cli_render);
  DIAGRAM_ADD("/diagram/cli/large", test_cli_large);
  DIAGRAM_ADD("/diagram/cli/multiples", test_cli_snapshots);
  g_test_add_func("/diagram/cli/around-source", test_cli_around_source);
  return g_test_run();
}
