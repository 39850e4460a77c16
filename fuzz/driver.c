/* azkb — main() for a fuzz target built without libFuzzer.
 *
 * Each argument is a file, replayed as one input, or a directory, whose
 * files are replayed in name order.  Without libFuzzer the targets still
 * build with any compiler, and the corpora run as ordinary tests (in the
 * sanitized build too), so a fixed crash stays fixed.
 */
#include "fuzz.h"

#include <stdio.h>
#include <string.h>

static gboolean
replay_file(const char *path, guint *count)
{
  g_autoptr(GError) error   = NULL;
  g_autofree char *contents = NULL;
  gsize            length   = 0;

  if (!g_file_get_contents(path, &contents, &length, &error)) {
    fprintf(stderr, "%s\n", error->message);
    return FALSE;
  }
  LLVMFuzzerTestOneInput((const uint8_t *)contents, length);
  (*count)++;
  return TRUE;
}

static int
compare_names(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static gboolean
replay_directory(const char *path, guint *count)
{
  g_autoptr(GError) error    = NULL;
  g_autoptr(GDir) dir        = g_dir_open(path, 0, &error);
  g_autoptr(GPtrArray) names = NULL;
  const char *name;
  gboolean    ok = TRUE;

  if (dir == NULL) {
    fprintf(stderr, "%s\n", error->message);
    return FALSE;
  }
  names = g_ptr_array_new_with_free_func(g_free);
  while ((name = g_dir_read_name(dir)) != NULL)
    g_ptr_array_add(names, g_build_filename(path, name, NULL));
  /* Name order, so that a failing run is the same run everywhere. */
  g_ptr_array_sort(names, compare_names);
  for (guint i = 0; i < names->len; i++) {
    const char *file = g_ptr_array_index(names, i);

    if (g_file_test(file, G_FILE_TEST_IS_REGULAR))
      ok = replay_file(file, count) && ok;
  }
  return ok;
}

int
main(int argc, char **argv)
{
  gboolean ok    = TRUE;
  guint    count = 0;

  if (argc < 2) {
    fprintf(stderr, "usage: %s FILE-OR-DIRECTORY...\n", argv[0]);
    return 2;
  }
  for (int i = 1; i < argc; i++) {
    if (g_file_test(argv[i], G_FILE_TEST_IS_DIR))
      ok = replay_directory(argv[i], &count) && ok;
    else
      ok = replay_file(argv[i], &count) && ok;
  }
  printf("%s: replayed %u input%s\n", argv[0], count, count == 1 ? "" : "s");
  return ok ? 0 : 1;
}
