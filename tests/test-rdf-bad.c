/* The tests/bad corpus: every NAME.* file fails to load with exactly the
 * message in NAME.expected, leaves the store as it was, and fails the same
 * way through the binary (exit 3, nothing written).  Over a hundred cases,
 * so a test program of its own. */
#include "rdf-test.h"

#include <azkb/generate.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

/* ---- malformed inputs: tests/bad/NAME.* with NAME.expected ---- */

/* The same file through the binary: exit 3, the message on stderr, and
 * no output written. */
static void
bad_file_through_cli(const char *path, const char *expected)
{
  const char      *azkb = g_getenv("AZKB");
  g_autofree char *dir  = NULL;
  g_autofree char *out  = NULL;
  g_autofree char *want = NULL;
  AzkbTestRun      run;

  if (azkb == NULL)
    return;
  dir  = azkb_test_tmpdir_new("azkb-bad");
  out  = g_build_filename(dir, "out.nt", NULL);
  want = g_strdup_printf("azkb import: %s\n", expected);
  run  = azkb_test_run_azkb("import", path, "-o", out, NULL);
  g_assert_cmpint(run.status, ==, 3);
  g_assert_cmpstr(run.err, ==, want);
  g_assert_cmpstr(run.out, ==, "");
  g_assert_cmpuint(azkb_test_count_entries(dir), ==, 0);
  azkb_test_run_clear(&run);
  azkb_test_tmpdir_remove(dir);
}

static void
test_bad_file(gconstpointer data)
{
  const char      *path      = data;
  g_autofree char *stem      = g_strndup(path, strrchr(path, '.') - path);
  g_autofree char *exp_path  = g_strconcat(stem, ".expected", NULL);
  g_autofree char *expected  = read_file(exp_path);
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autofree char *before    = NULL;
  g_autofree char *after     = NULL;
  GError          *error     = NULL;

  g_assert_true(azkb_rdf_import_bundled(store, &error));
  g_assert_no_error(error);
  before = dump_store(store);
  g_assert_false(azkb_rdf_import_file(store, path, NULL, NULL, &error));
  g_assert_nonnull(error);
  g_assert_true(error->domain == AZKB_RDF_ERROR);
  g_assert_true(error->code == AZKB_RDF_ERROR_PARSE ||
                error->code == AZKB_RDF_ERROR_SHAPE);
  g_assert_cmpstr(error->message, ==, g_strchomp(expected));
  g_clear_error(&error);
  after = dump_store(store);
  g_assert_cmpstr(after, ==, before);
  bad_file_through_cli(path, expected);
}

/* The paths the bad-file tests use: held here, not handed to GTest, as a
 * test subprocess exits without freeing test data. */
static GPtrArray *bad_paths;

static void
add_bad_tests(void)
{
  g_autoptr(GDir) dir        = g_dir_open("bad", 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
  const char *name;

  bad_paths = g_ptr_array_new_with_free_func(g_free);
  g_assert_nonnull(dir);
  while ((name = g_dir_read_name(dir)) != NULL)
    if (!g_str_has_suffix(name, ".expected"))
      g_ptr_array_add(names, g_strdup(name));
  g_ptr_array_sort(names, by_string);
  g_assert_cmpuint(names->len, >=, 10);
  for (guint i = 0; i < names->len; i++) {
    g_autofree char *test =
      g_strconcat("/rdf/bad/", (char *)g_ptr_array_index(names, i), NULL);

    char *path = g_build_filename("bad", g_ptr_array_index(names, i), NULL);

    g_ptr_array_add(bad_paths, path);
    g_test_add_data_func(test, path, test_bad_file);
  }
}

int
main(int argc, char **argv)
{
  int status;

  g_test_init(&argc, &argv, NULL);
  /* tests/bad/ is read by relative name, as messages quote it */
  g_assert_cmpint(g_chdir(g_test_get_dir(G_TEST_DIST)), ==, 0);
  add_bad_tests();
  status = g_test_run();
  g_clear_pointer(&bad_paths, g_ptr_array_unref);
  return status;
}
