#include "azkb-test.h"

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
