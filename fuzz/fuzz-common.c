/* azkb — helpers shared by the fuzz targets. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Long enough for a location, a quoted excerpt and an explanation; a
 * message longer than this is no longer "one clear message". */
enum { MESSAGE_MAX = 1024 };

void
fuzz_fail(const char *file, int line, const char *condition)
{
  fprintf(stderr, "%s:%d: invariant failed: %s\n", file, line, condition);
  abort();
}

void
fuzz_setup(void)
{
  static gsize done = 0;

  if (g_once_init_enter(&done)) {
    g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
    g_once_init_leave(&done, 1);
  }
}

char *
fuzz_text(const uint8_t *data, size_t size)
{
  char *text = g_malloc(size + 1);

  if (size > 0)
    memcpy(text, data, size);
  text[size] = '\0';
  return text;
}

void
fuzz_check_failure(gboolean ok, const GError *error, GQuark domain)
{
  const char *message;
  gsize       length;

  FUZZ_CHECK(!ok);
  FUZZ_CHECK(error != NULL);
  FUZZ_CHECK(error->domain == domain);
  message = error->message;
  FUZZ_CHECK(message != NULL);
  length = strlen(message);
  FUZZ_CHECK(length > 0);
  FUZZ_CHECK(length <= MESSAGE_MAX);
  FUZZ_CHECK(g_utf8_validate(message, (gssize)length, NULL));
  for (const char *p = message; *p != '\0'; p++)
    FUZZ_CHECK(!g_ascii_iscntrl(*p));
}
