/* azkb — what every fuzz target shares.
 *
 * A target defines LLVMFuzzerTestOneInput().  It is linked either with
 * libFuzzer (clang, -Dfuzzing=true) or with driver.c, whose main() replays
 * files, so that every corpus file also runs as an ordinary meson test.
 *
 * Targets check invariants, not only the absence of a crash: when one does
 * not hold, FUZZ_CHECK() aborts, which both libFuzzer and meson report.
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

/// The entry point libFuzzer calls; driver.c calls it once per file.
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/// Abort with the failed condition unless @cond holds.
#define FUZZ_CHECK(cond)                                                       \
  G_STMT_START                                                                 \
  {                                                                            \
    if (G_UNLIKELY(!(cond)))                                                   \
      fuzz_fail(__FILE__, __LINE__, #cond);                                    \
  }                                                                            \
  G_STMT_END

G_NORETURN void fuzz_fail(const char *file, int line, const char *condition);

/// Once per process: make GLib criticals and warnings fatal, so bad input
/// that reaches a g_return_if_fail() (a programmer-error check) is a finding.
void fuzz_setup(void);

/// @data as a NUL-terminated string (it may hold NULs before @size).
/// (transfer full)
char *fuzz_text(const uint8_t *data, size_t size);

/**
 * Check the failure contract for one failed call: @error is set, in
 * @domain, with a message that is one line of valid UTF-8 without control
 * characters and of a readable length.  @ok is what the call returned.
 */
void fuzz_check_failure(gboolean ok, const GError *error, GQuark domain);

G_END_DECLS
