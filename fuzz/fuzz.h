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

#include <azkb/store.h>
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

/**
 * TRUE if the environment variable AZKB_FUZZ_LAX (a comma-separated list)
 * names @check: a campaign can set a known finding aside and go on to find
 * others (fuzz/findings/README lists the names).  Tests never set it.
 */
gboolean fuzz_lax(const char *check);

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
 * The UTF-8 and control-character checks are skipped when
 * fuzz_lax("messages").
 */
void fuzz_check_failure(gboolean ok, const GError *error, GQuark domain);

/**
 * Everything @store holds, as sorted lines of text that name terms rather
 * than ids, so two stores with the same content in another id order read
 * the same.  Reading every part also checks that the store is consistent:
 * ids in range, valid times, edges that agree with the statements.  With
 * @with_locations the load locations are part of it.  (transfer full)
 */
char *fuzz_store_fingerprint(AzkbStore *store, gboolean with_locations);

/// Fail, showing the first line that differs, unless @expected and @actual
/// (fingerprints) are equal.  @what names the invariant.
void fuzz_check_same(const char *what,
                     const char *expected,
                     const char *actual);

/// A directory for this process's temporary files, removed at exit.
/// (transfer none)
const char *fuzz_tmp_dir(void);

G_END_DECLS
