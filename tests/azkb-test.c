#include "azkb-test.h"

#include <string.h>
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
  g_autoptr(GError) error = NULL;
  AzkbTestRun run         = { 0 };
  int         wait_status = 0;
  gboolean    spawned;

  spawned = g_spawn_sync(NULL,
                         (char **)argv,
                         NULL,
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

void
azkb_test_assert_contains(const char *haystack, const char *needle)
{
  if (strstr(haystack, needle) == NULL)
    g_error("expected “%s” in:\n%s", needle, haystack);
}
