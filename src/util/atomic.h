/* One atomic file writer for every module that writes a file (RDF export,
 * snapshots, diagrams): internal to libazkb, not public API.
 *
 * A regular file (or a path that does not exist yet) is written to an
 * unnamed temporary in the same folder (O_TMPFILE; a hidden named one
 * where the file system lacks it), flushed and fsynced, then given the
 * target's name by rename() and the folder fsynced: a reader sees the old
 * file or the whole new one, and a failure or any signal leaves the old
 * file intact and no temporary behind.  A character device, a FIFO or a
 * socket is written through instead, never replaced by a regular file.
 * A symbolic link is followed: its target is replaced, the link stays. */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

typedef struct _AzkbAtomicFile AzkbAtomicFile;

/**
 * Start writing @path.  Errors are set in @domain with @code, worded
 * "PATH: reason".
 * (transfer full)
 */
AzkbAtomicFile *azkb_atomic_file_open(const char *path,
                                      GQuark      domain,
                                      int         code,
                                      GError    **error);

/// The stream to write to (owned by @file).  (transfer none)
FILE *azkb_atomic_file_stream(AzkbAtomicFile *file);

/**
 * Flush, fsync and put the new content in place; frees @file whatever
 * happens.  On failure nothing at @path has changed (for a device: what
 * was written is written) and no temporary remains.
 */
gboolean azkb_atomic_file_commit(AzkbAtomicFile *file, GError **error);

/// Drop what was written: @path keeps its old content.  Accepts NULL.
void azkb_atomic_file_abort(AzkbAtomicFile *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AzkbAtomicFile, azkb_atomic_file_abort)

/// Write @len bytes of @data to @path atomically (open, write, commit).
gboolean azkb_atomic_write(const char *path,
                           const void *data,
                           gsize       len,
                           GQuark      domain,
                           int         code,
                           GError    **error);

G_END_DECLS
