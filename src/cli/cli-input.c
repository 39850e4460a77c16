/* Inputs named on the command line: a file, a FIFO, /dev/fd/N, or "-" for
 * standard input.  Each is opened once and read once from the start: its
 * first bytes tell a snapshot from RDF without a second open, which a FIFO
 * or a pipe could not give. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The snapshot magic is this long. */
#define MAGIC_BYTES 8

typedef struct {
  const char   *name; /* in messages */
  int           fd;
  gboolean      regular;
  guint64       size;  /* of a regular file */
  GInputStream *input; /* buffered, over fd */
} Input;

static void
input_clear(Input *in)
{
  g_clear_object(&in->input);
}

static gboolean
input_open(Input *in, const char *path, GError **error)
{
  GStatBuf st;

  if (strcmp(path, "-") == 0) {
    in->name = "<stdin>";
    in->fd   = STDIN_FILENO;
  } else {
    in->name = path;
    in->fd   = g_open(path, O_RDONLY | O_CLOEXEC, 0);
    if (in->fd < 0) {
      int saved = errno;

      g_set_error(error,
                  AZKB_RDF_ERROR,
                  AZKB_RDF_ERROR_IO,
                  "%s: %s",
                  path,
                  g_strerror(saved));
      return FALSE;
    }
  }
  if (fstat(in->fd, &st) != 0) {
    int saved = errno;

    if (in->fd != STDIN_FILENO)
      close(in->fd);
    g_set_error(error,
                AZKB_RDF_ERROR,
                AZKB_RDF_ERROR_IO,
                "%s: %s",
                in->name,
                g_strerror(saved));
    return FALSE;
  }
  if (S_ISDIR(st.st_mode)) {
    if (in->fd != STDIN_FILENO)
      close(in->fd);
    g_set_error(
      error, AZKB_RDF_ERROR, AZKB_RDF_ERROR_IO, "%s: is a directory", in->name);
    return FALSE;
  }
  in->regular = S_ISREG(st.st_mode);
  in->size    = in->regular ? (guint64)st.st_size : 0;
  {
    g_autoptr(GInputStream) raw =
      g_unix_input_stream_new(in->fd, in->fd != STDIN_FILENO);

    in->input = g_buffered_input_stream_new_sized(raw, 64 * 1024);
  }
  return TRUE;
}

/* Reads ahead until the first MAGIC_BYTES bytes are there (or the input
 * ends), without consuming them. */
static gboolean
input_peek(Input *in, const guint8 **out_data, gsize *out_n, GError **error)
{
  GBufferedInputStream *b = G_BUFFERED_INPUT_STREAM(in->input);
  g_autoptr(GError) local = NULL;

  while (g_buffered_input_stream_get_available(b) < MAGIC_BYTES) {
    gssize got = g_buffered_input_stream_fill(b, MAGIC_BYTES, NULL, &local);

    if (got < 0) {
      g_set_error(error,
                  AZKB_RDF_ERROR,
                  AZKB_RDF_ERROR_IO,
                  "%s: %s",
                  in->name,
                  local->message);
      return FALSE;
    }
    if (got == 0)
      break;
  }
  *out_data = g_buffered_input_stream_peek_buffer(b, out_n);
  return TRUE;
}

/* A snapshot: mapped when it is a regular file, else read whole. */
static AzkbStore *
input_snapshot(Input *in, GError **error)
{
  g_autoptr(GOutputStream) mem = NULL;
  g_autoptr(GError) local      = NULL;
  g_autoptr(GBytes) bytes      = NULL;

  if (in->regular)
    return azkb_snapshot_load_fd(in->fd, in->name, error);
  mem = g_memory_output_stream_new_resizable();
  if (g_output_stream_splice(
        mem, in->input, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &local) <
      0) {
    g_set_error(error,
                AZKB_STORE_ERROR,
                AZKB_STORE_ERROR_IO,
                "%s: %s",
                in->name,
                local->message);
    return NULL;
  }
  bytes = g_memory_output_stream_steal_as_bytes(G_MEMORY_OUTPUT_STREAM(mem));
  return azkb_snapshot_load_data(g_bytes_get_size(bytes) > 0
                                   ? g_bytes_get_data(bytes, NULL)
                                   : (const guint8 *)"",
                                 g_bytes_get_size(bytes),
                                 in->name,
                                 error);
}

gboolean
azkb_cli_load_input(AzkbStore          *store,
                    const char         *path,
                    const AzkbCliLoad  *how,
                    AzkbRdfImportStats *out_stats,
                    GError            **error)
{
  Input         in = { 0 };
  const guint8 *head;
  gsize         n;
  gboolean      ok;

  if (!input_open(&in, path, error))
    return FALSE;
  ok = input_peek(&in, &head, &n, error);
  if (ok && how->format == NULL && strcmp(path, "-") == 0 &&
      !(how->snapshots && azkb_snapshot_sniff_data(head, n))) {
    g_set_error(error,
                AZKB_RDF_ERROR,
                AZKB_RDF_ERROR_FORMAT,
                "standard input has no name to tell its syntax: give it "
                "with -i/--input-format");
    ok = FALSE;
  }
  if (!ok) {
    input_clear(&in);
    return FALSE;
  }
  /* A snapshot is known by its magic; a file named .azs that lacks it is a
   * broken snapshot, not RDF of an unknown syntax. */
  if (how->snapshots && how->format == NULL &&
      (azkb_snapshot_sniff_data(head, n) || g_str_has_suffix(path, ".azs"))) {
    g_autoptr(AzkbStore) snap = input_snapshot(&in, error);

    ok = snap != NULL;
    if (ok)
      azkb_store_absorb(store, snap);
  } else
    ok = azkb_rdf_import_stream(store,
                                in.input,
                                in.name,
                                how->format,
                                how->base,
                                in.size,
                                how->progress,
                                how->progress_data,
                                out_stats,
                                error);
  input_clear(&in);
  return ok;
}
