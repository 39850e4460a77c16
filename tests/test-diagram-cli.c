/* Tests of `azkb dot` and `azkb render` through the binary ($AZKB), on
 * tests/data/diagram/small.ttl and on the bundled knowledge base. */
#include "diagram-test.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

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

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);

#define ADD(path, func)                                                        \
  g_test_add(path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD("/diagram/cli/dot", test_cli_dot);
  ADD("/diagram/cli/query", test_cli_query);
  ADD("/diagram/cli/errors", test_cli_errors);
  ADD("/diagram/cli/render", test_cli_render);
  ADD("/diagram/cli/large", test_cli_large);
  ADD("/diagram/cli/multiples", test_cli_snapshots);
#undef ADD
  g_test_add_func("/diagram/cli/around-source", test_cli_around_source);
  return g_test_run();
}
