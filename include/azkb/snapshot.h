/* azkb — binary snapshots of a store: `azkb snapshot -o kb.azs`, then
 * `--data kb.azs` reloads it far faster than parsing RDF.
 *
 * File layout, version 1.  Every integer is little-endian, whatever the
 * host; sections start at multiples of 8 bytes.
 *
 *   offset  size  field
 *        0     8  magic "AZKBSNAP"
 *        8     8  checksum: a 64-bit hash (xxHash64-style, azkb's own
 *                 code) of every byte from offset 16 to the end
 *       16     4  format version (AZKB_SNAPSHOT_VERSION)
 *       20     4  number of sections (12 in version 1)
 *       24     8  file size in bytes
 *       32  24×n  table of sections: {u32 tag, u32 record size,
 *                 u64 record count, u64 offset from the file start}
 *        …        the sections, in the order of the table:
 *   STRS  bytes   every term name (a literal's lexical form), NUL-ended,
 *                 in term id order
 *   TERM  8       per term id 1..n: {flags, extra} (see store-private.h)
 *   STMT  24      per statement id 1..n: {s, p, o, start, end, extras}
 *   EXTR  12      per link 1..n: {property (0: a source), value, next}
 *   CLAS LABL ATTR SUPR  12  side records {key, a, b} in insertion order
 *   SIGN  12      relation signatures {relation, domain, range}
 *   FILE  bytes   names of the files of load locations, NUL-ended
 *   TLOC SLOC 8   load locations {file index + 1, line} by term/statement id
 *
 * Term and statement ids are kept: a reloaded store equals the saved one.
 * The key tables and the read views are rebuilt on load.  Loading checks
 * the magic, version, size and checksum first, then every id and offset
 * and that each term's kinds fit its use (a literal is of the literal kind
 * only, a statement's relation of the relation or property kind, ...),
 * so a truncated, damaged, hand-made or foreign file is rejected with
 * AZKB_STORE_ERROR_SNAPSHOT_CORRUPT and a message naming the file and the
 * problem; it never yields a half-built store.
 *
 * Threads: reading or writing a snapshot uses its store alone; two stores
 * may be saved or loaded on two threads at once.
 */
#pragma once

#include <azkb/export.h>
#include <azkb/store.h>
#include <glib.h>
#include <stdio.h>

AZKB_API G_BEGIN_DECLS

/// The snapshot format version this library reads and writes.
#define AZKB_SNAPSHOT_VERSION 1

/// The file name extension of snapshots.
#define AZKB_SNAPSHOT_SUFFIX ".azs"

/**
 * Write @store to @path atomically: to a temporary file in the same
 * directory, renamed over @path only when complete.  Errors:
 * AZKB_STORE_ERROR_IO (message names the file).
 */
gboolean azkb_snapshot_save(AzkbStore *store, const char *path, GError **error);

/**
 * Write @store as a snapshot to @out, which need not be seekable (a pipe):
 * the store is read twice, once for the checksum.  Not atomic; the caller
 * owns @out.  Errors: AZKB_STORE_ERROR_IO ("standard output: cannot
 * write: ...").
 */
AZKB_API gboolean azkb_snapshot_write(AzkbStore *store,
                                      FILE      *out,
                                      GError   **error);

/**
 * Read the snapshot at @path into a new store.  Errors: AZKB_STORE_ERROR_IO
 * when it cannot be read, AZKB_STORE_ERROR_SNAPSHOT_CORRUPT when it is not a
 * valid snapshot of this version.  (transfer full)
 */
AZKB_API AzkbStore *azkb_snapshot_load(const char *path, GError **error);

/**
 * Read a snapshot from memory; @name is used in messages.  Same errors as
 * azkb_snapshot_load().  (transfer full)
 */
AZKB_API AzkbStore *azkb_snapshot_load_data(const guint8 *data,
                                            gsize         size,
                                            const char   *name,
                                            GError      **error);

/**
 * The checksum a snapshot stores at offset 8, computed over @size bytes at
 * @data (a whole file from offset 16).  For tools and tests that craft
 * snapshots.
 */
AZKB_API guint64 azkb_snapshot_checksum(const guint8 *data, gsize size);

/// TRUE if the file at @path starts with the snapshot magic.
AZKB_API gboolean azkb_snapshot_sniff(const char *path);

/// TRUE if the @n bytes at @data start with the snapshot magic.
AZKB_API gboolean azkb_snapshot_sniff_data(const guint8 *data, gsize n);

/**
 * azkb_snapshot_load() of the regular file open as @fd (which stays open),
 * named @name in messages.  (transfer full)
 */
AZKB_API AzkbStore *azkb_snapshot_load_fd(int         fd,
                                          const char *name,
                                          GError    **error);

G_END_DECLS
