#include "azkb-test.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

void
azkb_test_run_clear(AzkbTestRun *run)
{
  g_clear_pointer(&run->out, g_free);
  g_clear_pointer(&run->err, g_free);
}

AzkbTestRun
azkb_test_run_argv(const char *const *argv)
{
  return azkb_test_run_argv_in(NULL, argv, NULL);
}

AzkbTestRun
azkb_test_run_argv_in(const char        *dir,
                      const char *const *argv,
                      const char *const *envp)
{
  g_autoptr(GError) error = NULL;
  AzkbTestRun run         = { 0 };
  int         wait_status = 0;
  gboolean    spawned;

  spawned = g_spawn_sync(dir,
                         (char **)argv,
                         (char **)envp,
                         G_SPAWN_DEFAULT,
                         NULL,
                         NULL,
                         &run.out,
                         &run.err,
                         &wait_status,
                         &error);
  g_assert_no_error(error);
  g_assert_true(spawned);
  g_assert_true(WIFEXITED(wait_status));
  run.status = WEXITSTATUS(wait_status);
  return run;
}

AzkbTestRun
azkb_test_run_azkb_va(const char *const *head, va_list rest)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new();
  const char *azkb          = g_getenv("AZKB");

  if (azkb == NULL)
    g_error("set AZKB to the azkb binary (meson test does)");
  g_ptr_array_add(argv, (gpointer)azkb);
  for (gsize i = 0; head[i] != NULL; i++)
    g_ptr_array_add(argv, (gpointer)head[i]);
  for (const char *a = va_arg(rest, const char *); a != NULL;
       a             = va_arg(rest, const char *))
    g_ptr_array_add(argv, (gpointer)a);
  g_ptr_array_add(argv, NULL);
  return azkb_test_run_argv((const char *const *)argv->pdata);
}

AzkbTestRun
azkb_test_run_azkb(const char *first, ...)
{
  const char *const head[] = { first, NULL };
  AzkbTestRun       run;
  va_list           rest;

  va_start(rest, first);
  run = azkb_test_run_azkb_va(head, rest);
  va_end(rest);
  return run;
}

guint
azkb_test_count_lines(const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

void
azkb_test_assert_contains(const char *haystack, const char *needle)
{
  if (strstr(haystack, needle) == NULL)
    g_error("expected “%s” in:\n%s", needle, haystack);
}

char *
azkb_test_tmpdir_new(const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpl   = g_strconcat(prefix, "-XXXXXX", NULL);
  char            *dir    = g_dir_make_tmp(tmpl, &error);

  g_assert_no_error(error);
  g_assert_nonnull(dir);
  return dir;
}

void
azkb_test_tmpdir_remove(const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d       = NULL;
  const char *name;

  if (dir == NULL)
    return;
  d = g_dir_open(dir, 0, &error);
  g_assert_no_error(error);
  while ((name = g_dir_read_name(d)) != NULL) {
    g_autofree char *path = g_build_filename(dir, name, NULL);
    GStatBuf         st;

    /* lstat: a link to a directory goes, not what it points to. */
    if (g_lstat(path, &st) != 0)
      g_error("cannot stat %s: %s", path, g_strerror(errno));
    if (S_ISDIR(st.st_mode))
      azkb_test_tmpdir_remove(path);
    else if (g_unlink(path) != 0)
      g_error("cannot remove %s: %s", path, g_strerror(errno));
  }
  if (g_rmdir(dir) != 0)
    g_error("cannot remove %s: %s", dir, g_strerror(errno));
}

guint
azkb_test_count_entries(const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d       = g_dir_open(dir, 0, &error);
  guint n                 = 0;

  g_assert_no_error(error);
  while (g_dir_read_name(d) != NULL)
    n++;
  return n;
}
