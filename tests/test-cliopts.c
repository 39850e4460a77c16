/* Tests of the azkb command line as a whole, through its binary: the user's
 * own files beside the bundled knowledge base (--add), foreign vocabularies
 * (<IRI> and prefixed names), JSON from every command, options that mean
 * the same everywhere and errors a person can act on.  The binary's path
 * comes from $AZKB (meson). */
#include "azkb-test.h"

#include <glib.h>
#include <string.h>

/* The example of README "Adding your own facts". */
static char *
own_facts(void)
{
  return g_build_filename(
    g_getenv("AZKB_SOURCE_ROOT"), "examples", "own-facts.ttl", NULL);
}

static void
test_add_beside_bundled(void)
{
  g_autofree char *file  = own_facts();
  AzkbTestRun      check = azkb_test_run_azkb("check", "--add", file, NULL);
  AzkbTestRun      path  = azkb_test_run_azkb(
    "path", "--add", file, "antonio guterres", "Azerbaijan", NULL);

  g_assert_cmpint(check.status, ==, 0);
  azkb_test_assert_contains(check.out, "no problems");
  /* Only a store holding both files connects the new person to
   * Azerbaijan: through the bundled UN. */
  g_assert_cmpint(path.status, ==, 0);
  azkb_test_assert_contains(path.out, "-holdsOffice-> Secretary-General");
  azkb_test_assert_contains(path.out, "[SGBiography-P1]");
  azkb_test_assert_contains(path.out, "<-admittedTo- Azerbaijan");
  azkb_test_run_clear(&check);
  azkb_test_run_clear(&path);
}

static void
test_add_after_data(void)
{
  g_autofree char *file = own_facts();
  g_autofree char *onto = g_build_filename(
    g_getenv("AZKB_SOURCE_ROOT"), "ontology", "azkb.ttl", NULL);
  AzkbTestRun run =
    azkb_test_run_azkb("stats", "--data", onto, "--add", file, NULL);

  /* --data replaced the bundled data: only the example's entities. */
  g_assert_cmpint(run.status, ==, 0);
  azkb_test_assert_contains(run.out, "Entities: 5 ");
  azkb_test_run_clear(&run);
}

static void
test_add_bad_file(void)
{
  AzkbTestRun run =
    azkb_test_run_azkb("show", "--add", "/nonexistent/mine.ttl", "UN", NULL);

  g_assert_cmpint(run.status, ==, 3);
  azkb_test_assert_contains(run.err, "/nonexistent/mine.ttl");
  g_assert_cmpstr(run.out, ==, "");
  azkb_test_run_clear(&run);
}

/* A name not found without the bundled knowledge base says why. */
static void
test_not_found_without_bundled(void)
{
  g_autofree char *file = own_facts();
  AzkbTestRun      show =
    azkb_test_run_azkb("show", "--data", file, "Azerbaijan", NULL);
  AzkbTestRun bundled = azkb_test_run_azkb("show", "Azerbijan", NULL);

  g_assert_cmpint(show.status, ==, 2);
  azkb_test_assert_contains(show.err, "no entity “Azerbaijan”");
  azkb_test_assert_contains(show.err, "bundled knowledge base is not loaded");
  g_assert_cmpint(bundled.status, ==, 2);
  g_assert_null(strstr(bundled.err, "not loaded"));
  azkb_test_run_clear(&show);
  azkb_test_run_clear(&bundled);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/cliopts/add/beside-bundled", test_add_beside_bundled);
  g_test_add_func("/cliopts/add/after-data", test_add_after_data);
  g_test_add_func("/cliopts/add/bad-file", test_add_bad_file);
  g_test_add_func("/cliopts/add/not-found-without-bundled",
                  test_not_found_without_bundled);
  return g_test_run();
}
