/* The atomic file writer (see atomic.h for the contract). */
#include "src/util/atomic.h"

#include "src/util/tsan.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct _AzkbAtomicFile {
  FILE    *stream;
  char    *path;    ///< the final name (a link resolved to its target)
  char    *shown;   ///< the name as given, for messages
  char    *tmp;     ///< named temporary, or NULL
  int      slot;    ///< its place in the signal registry, or -1
  gboolean through; ///< a device or FIFO: written in place
  gboolean unnamed; ///< an O_TMPFILE, named only at commit
  mode_t   mode;    ///< what the final file gets
  GQuark   domain;
  int      code;
};

/* ---- named temporaries and signals ----
 *
 * An unnamed temporary vanishes with the process whatever kills it.  A
 * named one (a file system without O_TMPFILE, or the instant between
 * naming and renaming) is listed here, so that a fatal signal removes it
 * before the process dies.  The handler only calls unlink(), which is
 * async-signal-safe, on paths written before the slot was published. */

#define N_SLOTS 16
#define TMP_MAX_PATH 4096

static char                  slots[N_SLOTS][TMP_MAX_PATH];
static volatile sig_atomic_t slot_used[N_SLOTS];
static const int             fatal_signals[] = { SIGINT,  SIGTERM, SIGHUP,
                                                 SIGQUIT, SIGPIPE, SIGXFSZ };

static void
on_fatal_signal(int sig)
{
  int saved = errno;

  for (int i = 0; i < N_SLOTS; i++)
    if (slot_used[i])
      unlink(slots[i]);
  errno = saved;
  /* die of the same signal, so the parent sees what happened */
  signal(sig, SIG_DFL);
  raise(sig);
}

/* Only where nobody else handles the signal: an application embedding
 * libazkb keeps its own handlers (and its own cleanup duty). */
static void
install_handlers(void)
{
  static gsize done = 0;

  if (!g_once_init_enter(&done))
    return;
  for (gsize i = 0; i < G_N_ELEMENTS(fatal_signals); i++) {
    struct sigaction old, sa = { 0 };

    if (sigaction(fatal_signals[i], NULL, &old) != 0 ||
        (old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL)
      continue;
    sa.sa_handler = on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(fatal_signals[i], &sa, NULL);
  }
  g_once_init_leave(&done, 1);
}

static G_LOCK_DEFINE(slots);

static int
slot_take(const char *tmp)
{
  int slot = -1;

  if (strlen(tmp) >= TMP_MAX_PATH)
    return -1;
  install_handlers();
  G_LOCK(slots);
  AZKB_TSAN_ACQUIRE(&slot_used);
  for (int i = 0; i < N_SLOTS && slot < 0; i++)
    if (!slot_used[i]) {
      strcpy(slots[i], tmp);
      /* the path is whole before the handler may read it */
      atomic_signal_fence(memory_order_seq_cst);
      slot_used[i] = 1;
      slot         = i;
    }
  AZKB_TSAN_RELEASE(&slot_used);
  G_UNLOCK(slots);
  return slot;
}

/* Under the lock too: another thread may be looking for a free slot. */
static void
slot_release(int slot)
{
  if (slot < 0)
    return;
  G_LOCK(slots);
  AZKB_TSAN_ACQUIRE(&slot_used);
  slot_used[slot] = 0;
  AZKB_TSAN_RELEASE(&slot_used);
  G_UNLOCK(slots);
}

/* ---- errors ---- */

static gboolean
fail(AzkbAtomicFile *f, int errsv, const char *what, GError **error)
{
  g_set_error(error,
              f->domain,
              f->code,
              "%s: cannot %s: %s",
              f->shown,
              what,
              g_strerror(errsv != 0 ? errsv : EIO));
  return FALSE;
}

/* ---- opening ---- */

/* The mode the new file gets: the old file's, else 0666 less umask. */
static mode_t
new_mode(const GStatBuf *old)
{
  mode_t mask;

  if (old != NULL)
    return old->st_mode & 07777;
  mask = umask(0);
  umask(mask);
  return 0666 & ~mask;
}

/* A FIFO is opened without waiting: with no reader that fails at once
 * (ENXIO), where a blocking open would wait for ever. */
static gboolean
open_through(AzkbAtomicFile *f, gboolean fifo, GError **error)
{
  int fd = g_open(
    f->path, O_WRONLY | O_CLOEXEC | O_NOCTTY | (fifo ? O_NONBLOCK : 0), 0);

  if (fd < 0 && fifo && errno == ENXIO) {
    g_set_error(error,
                f->domain,
                f->code,
                "%s: cannot write: the FIFO has no reader",
                f->shown);
    return FALSE;
  }
  if (fd < 0)
    return fail(f, errno, "write", error);
  if (fifo && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) {
    int errsv = errno;
    close(fd);
    return fail(f, errsv, "write", error);
  }
  f->through = TRUE;
  f->stream  = fdopen(fd, "wb");
  if (f->stream == NULL) {
    int errsv = errno;
    close(fd);
    return fail(f, errsv, "write", error);
  }
  return TRUE;
}

/* An unnamed file in @dir, if the file system and /proc allow naming it
 * later (linkat through /proc/self/fd needs no privilege). */
static int
open_unnamed(const char *dir, mode_t mode)
{
#ifdef O_TMPFILE
  if (access("/proc/self/fd", X_OK) == 0)
    return g_open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
#endif
  (void)dir;
  (void)mode;
  errno = EOPNOTSUPP;
  return -1;
}

static int
open_named(AzkbAtomicFile *f, const char *dir)
{
  g_autofree char *base = g_path_get_basename(f->path);
  int              fd;

  f->tmp = g_strdup_printf("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd     = g_mkstemp_full(f->tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) {
    g_clear_pointer(&f->tmp, g_free);
    return -1;
  }
  f->slot = slot_take(f->tmp);
  return fd;
}

/* A link is followed to the file it names, which is what gets replaced:
 * replacing the link itself would cut it. */
static char *
resolve_link(const char *path)
{
  char *real = realpath(path, NULL);
  char *copy;

  if (real == NULL)
    return g_strdup(path);
  copy = g_strdup(real);
  free(real);
  return copy;
}

AzkbAtomicFile *
azkb_atomic_file_open(const char *path, GQuark domain, int code, GError **error)
{
  g_autoptr(AzkbAtomicFile) f = g_new0(AzkbAtomicFile, 1);
  GStatBuf st;
  gboolean exists;

  g_return_val_if_fail(path != NULL, NULL);
  f->shown  = g_strdup(path);
  f->slot   = -1;
  f->domain = domain;
  f->code   = code;
  f->path   = resolve_link(path);
  exists    = g_stat(f->path, &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) {
    fail(f, EISDIR, "write", error);
    return NULL;
  }
  if (exists && !S_ISREG(st.st_mode)) {
    if (!open_through(f, S_ISFIFO(st.st_mode), error))
      return NULL;
    return g_steal_pointer(&f);
  }
  f->mode = new_mode(exists ? &st : NULL);
  {
    g_autofree char *dir = g_path_get_dirname(f->path);
    int              fd  = open_unnamed(dir, 0600);

    f->unnamed = fd >= 0;
    if (fd < 0)
      fd = open_named(f, dir);
    if (fd < 0) {
      fail(f, errno, "write", error);
      return NULL;
    }
    if (fchmod(fd, f->mode) != 0 || (f->stream = fdopen(fd, "wb")) == NULL) {
      int errsv = errno;
      close(fd);
      fail(f, errsv, "write", error);
      return NULL;
    }
  }
  return g_steal_pointer(&f);
}

FILE *
azkb_atomic_file_stream(AzkbAtomicFile *file)
{
  g_return_val_if_fail(file != NULL, NULL);
  return file->stream;
}

/* ---- committing ---- */

static gboolean
flush_and_sync(AzkbAtomicFile *f, GError **error)
{
  int fd = fileno(f->stream);

  /* errno still holds why a buffered write failed, if one did */
  if (fflush(f->stream) != 0 || ferror(f->stream))
    return fail(f, errno, "write", error);
  /* a terminal, a pipe or /dev/null cannot be synced: nothing to keep */
  if (fsync(fd) != 0 && !(f->through && (errno == EINVAL || errno == ENOTSUP)))
    return fail(f, errno, "write", error);
  return TRUE;
}

/* Give the unnamed temporary a hidden name next to the target. */
static gboolean
name_unnamed(AzkbAtomicFile *f, GError **error)
{
  g_autofree char *dir   = g_path_get_dirname(f->path);
  g_autofree char *base  = g_path_get_basename(f->path);
  g_autofree char *proc  = NULL;
  int              fd    = fileno(f->stream);
  int              tries = 0;

  proc = g_strdup_printf("/proc/self/fd/%d", fd);
  do {
    g_free(f->tmp);
    f->tmp = g_strdup_printf(
      "%s%c.%s.%08x", dir, G_DIR_SEPARATOR, base, g_random_int());
    slot_release(f->slot);
    f->slot = slot_take(f->tmp);
    if (linkat(AT_FDCWD, proc, AT_FDCWD, f->tmp, AT_SYMLINK_FOLLOW) == 0)
      return TRUE;
  } while (errno == EEXIST && ++tries < 16);
  {
    int errsv = errno;
    slot_release(f->slot);
    f->slot = -1;
    g_clear_pointer(&f->tmp, g_free);
    return fail(f, errsv, "write", error);
  }
}

/* The rename is durable once the folder is synced; a file system that
 * cannot sync a folder has nothing more to offer, so that is no error. */
static void
sync_folder(const char *path)
{
  g_autofree char *dir = g_path_get_dirname(path);
  int              fd  = g_open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  (void)fsync(fd);
  close(fd);
}

gboolean
azkb_atomic_file_commit(AzkbAtomicFile *file, GError **error)
{
  g_autoptr(AzkbAtomicFile) f = file;
  int errsv;

  g_return_val_if_fail(file != NULL, FALSE);
  if (!flush_and_sync(f, error))
    return FALSE;
  if (f->unnamed && !name_unnamed(f, error))
    return FALSE;
  if (fclose(g_steal_pointer(&f->stream)) != 0)
    return fail(f, errno, "write", error);
  if (f->through)
    return TRUE;
  if (g_rename(f->tmp, f->path) != 0) {
    errsv = errno;
    return fail(f, errsv, "replace the file", error);
  }
  /* renamed: nothing left to remove */
  slot_release(f->slot);
  f->slot = -1;
  g_clear_pointer(&f->tmp, g_free);
  sync_folder(f->path);
  return TRUE;
}

void
azkb_atomic_file_abort(AzkbAtomicFile *file)
{
  if (file == NULL)
    return;
  if (file->stream != NULL)
    fclose(file->stream);
  if (file->tmp != NULL)
    g_unlink(file->tmp);
  slot_release(file->slot);
  g_free(file->tmp);
  g_free(file->path);
  g_free(file->shown);
  g_free(file);
}

gboolean
azkb_atomic_write(const char *path,
                  const void *data,
                  gsize       len,
                  GQuark      domain,
                  int         code,
                  GError    **error)
{
  AzkbAtomicFile *f = azkb_atomic_file_open(path, domain, code, error);

  if (f == NULL)
    return FALSE;
  if (len > 0 && fwrite(data, 1, len, f->stream) != len) {
    int errsv = errno;
    fail(f, errsv, "write", error);
    azkb_atomic_file_abort(f);
    return FALSE;
  }
  return azkb_atomic_file_commit(f, error);
}
