/* Shared by the test programs: one place that spawns the azkb binary and
 * captures what it wrote and how it exited, and one that makes and removes
 * their temporary directories. */
#pragma once

#include <glib.h>
#include <stdarg.h>

G_BEGIN_DECLS

/* One finished run: both streams (owned) and the exit status. */
typedef struct {
  char *out;
  char *err;
  int   status;
} AzkbTestRun;

/* Frees the captured streams; the struct itself is the caller's. */
void azkb_test_run_clear(AzkbTestRun *run);

/* Runs @argv (NULL-terminated, argv[0] the program) with no shell and
 * captures stdout and stderr.  Asserts that it started and exited normally
 * (a crash fails the test), then returns the exit status in .status. */
AzkbTestRun azkb_test_run_argv(const char *const *argv);

/* azkb_test_run_argv() in the folder @dir (NULL: the current one) with the
 * environment @envp (NULL-terminated "NAME=VALUE"s; NULL: this process's). */
AzkbTestRun azkb_test_run_argv_in(const char        *dir,
                                  const char *const *argv,
                                  const char *const *envp);

/* Runs the azkb binary named by $AZKB (meson test sets it) with the
 * arguments @head (NULL-terminated) and then those of @rest, up to a NULL;
 * as azkb_test_run_argv(). */
AzkbTestRun azkb_test_run_azkb_va(const char *const *head, va_list rest);

/* azkb_test_run_azkb_va() with the arguments listed, NULL-terminated. */
AzkbTestRun azkb_test_run_azkb(const char *first, ...) G_GNUC_NULL_TERMINATED;

/* The number of newline characters in @text. */
guint azkb_test_count_lines(const char *text);

/* Fails the test, quoting @haystack, when @needle is not in it. */
void azkb_test_assert_contains(const char *haystack, const char *needle);

/* Makes a new, empty directory "@prefix-XXXXXX" in the system's temporary
 * directory and returns its path (transfer full: g_free() it).  Fails the
 * test if it cannot.  (Not G_TEST_OPTION_ISOLATE_DIRS: it leaks on GLib
 * 2.74.) */
char *azkb_test_tmpdir_new(const char *prefix);

/* Removes directory @dir and everything below it, without following
 * symbolic links.  Fails the test, naming the path, if anything cannot be
 * removed.  NULL does nothing. */
void azkb_test_tmpdir_remove(const char *dir);

/* The number of entries in directory @dir; fails the test if it cannot be
 * read. */
guint azkb_test_count_entries(const char *dir);

G_END_DECLS
