/* Helpers shared by the subcommands: option contexts, data loading and the
 * one place where errors become messages and exit statuses. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void
azkb_cli_add_data_options(GOptionContext *context, AzkbCliData *data)
{
  /* Main entries, not a group of their own: `--help` and `azkb help CMD`
   * must both list them. */
  const GOptionEntry entries[] = {
    { "data",
      'd',
      0,
      G_OPTION_ARG_FILENAME_ARRAY,
      &data->data_files,
      "Read FILE instead of the bundled knowledge base (repeatable)",
      "FILE" },
    { "input-format",
      'i',
      0,
      G_OPTION_ARG_STRING,
      &data->format,
      "Read every --data FILE as FORMAT (turtle, ntriples, nquads, trig, "
      "rdfxml, json) instead of guessing from its name",
      "FORMAT" },
    { "now",
      0,
      0,
      G_OPTION_ARG_STRING,
      &data->now,
      "Take DATE as the present for open ends (default: today)",
      "DATE" },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries(context, entries, NULL);
}

void
azkb_cli_data_clear(AzkbCliData *data)
{
  g_clear_pointer(&data->data_files, g_strfreev);
  g_clear_pointer(&data->now, g_free);
  g_clear_pointer(&data->format, g_free);
}

static gboolean
apply_now(const AzkbCliData *data, GError **error)
{
  AzkbDate now;

  if (data->now == NULL)
    return TRUE;
  if (!azkb_date_parse(data->now, &now, error)) {
    g_prefix_error(error, "--now: ");
    return FALSE;
  }
  azkb_time_set_present(&now);
  return TRUE;
}

/* Progress of a long load on stderr: nothing for the first second, or
 * when stderr is not a terminal (scripts, pipes, CI logs), then a
 * percentage redrawn at most ten times a second and erased at the end. */
typedef struct {
  const char *path;
  gint64      start; ///< monotonic µs
  gint64      last;  ///< when last drawn, 0 = never
  gboolean    to_tty;
} Progress;

static void
on_progress(guint64 done, guint64 total, gpointer user_data)
{
  Progress *p   = user_data;
  gint64    now = g_get_monotonic_time();

  if (!p->to_tty || now - p->start < G_USEC_PER_SEC ||
      (now - p->last < G_USEC_PER_SEC / 10 && done < total))
    return;
  p->last = now;
  if (done < total)
    fprintf(stderr,
            "\razkb: loading %s: %3d%%",
            p->path,
            (int)(done * 100 / MAX(total, 1)));
  else
    fprintf(stderr, "\razkb: loading %s: 100%%, building the store…", p->path);
  fflush(stderr);
}

/* Load one --data file into @store: a binary snapshot (known by its
 * magic, or a .azs name) or any RDF syntax; "-" is standard input.  A
 * snapshot read into the still empty store is moved in, not copied, which
 * is what makes reloading fast. */
static gboolean
load_file(AzkbStore         *store,
          const char        *path,
          const AzkbCliData *data,
          GError           **error)
{
  Progress    p   = { path, g_get_monotonic_time(), 0, isatty(STDERR_FILENO) };
  AzkbCliLoad how = { .format        = data->format,
                      .snapshots     = TRUE,
                      .progress      = on_progress,
                      .progress_data = &p };
  gboolean    ok  = azkb_cli_load_input(store, path, &how, NULL, error);

  if (p.last != 0)
    fputs("\r\033[K", stderr);
  return ok;
}

AzkbStore *
azkb_cli_load(const AzkbCliData *data, GError **error)
{
  g_autoptr(AzkbStore) store = azkb_store_new();

  if (!apply_now(data, error))
    return NULL;
  if (data->data_files == NULL) {
    if (!azkb_rdf_import_bundled(store, error))
      return NULL;
    return g_steal_pointer(&store);
  }
  /* Each file loads all-or-nothing into the same store; a failure on any
   * file drops the whole store, so nothing half-loaded is ever used. */
  for (char **f = data->data_files; *f != NULL; f++)
    if (!load_file(store, *f, data, error))
      return NULL;
  return g_steal_pointer(&store);
}

GOptionContext *
azkb_cli_context(const char *name,
                 const char *parameter,
                 const char *summary,
                 const char *description)
{
  g_autofree char *prgname = g_strdup_printf("azkb %s", name);
  GOptionContext  *context = g_option_context_new(parameter);

  g_set_prgname(prgname);
  g_option_context_set_summary(context, summary);
  if (description != NULL)
    g_option_context_set_description(context, description);
  return context;
}

gboolean
azkb_cli_parse(GOptionContext *context,
               int            *argc,
               char         ***argv,
               gboolean        do_help,
               int            *out_status)
{
  g_autoptr(GError) error = NULL;

  if (do_help) {
    g_autofree char *help = g_option_context_get_help(context, FALSE, NULL);

    fputs(help, stdout);
    *out_status = AZKB_EXIT_OK;
    return FALSE;
  }
  if (!g_option_context_parse(context, argc, argv, &error)) {
    *out_status = azkb_cli_usage(context, "%s", error->message);
    return FALSE;
  }
  return TRUE;
}

int
azkb_cli_usage(GOptionContext *context, const char *format, ...)
{
  g_autofree char *message = NULL;
  g_autofree char *help    = NULL;
  va_list          args;

  va_start(args, format);
  message = g_strdup_vprintf(format, args);
  va_end(args);
  fprintf(stderr, "%s: %s\n\n", g_get_prgname(), message);
  help = g_option_context_get_help(context, TRUE, NULL);
  fputs(help, stderr);
  return AZKB_EXIT_USAGE;
}

int
azkb_cli_fail(const GError *error)
{
  fprintf(stderr, "%s: %s\n", g_get_prgname(), error->message);
  return azkb_error_exit_status(error);
}

/* Natural order of source names, so that P2 comes before P10. */
static int
by_reading_order(gconstpointer a, gconstpointer b, gpointer user_data)
{
  const AzkbStore *store = user_data;
  g_autofree char *x     = g_utf8_collate_key_for_filename(
    azkb_store_term_name(store, *(const AzkbTermId *)a), -1);
  g_autofree char *y = g_utf8_collate_key_for_filename(
    azkb_store_term_name(store, *(const AzkbTermId *)b), -1);

  return strcmp(x, y);
}

char *
azkb_cli_sources_text(const AzkbStore *store, const AzkbStmtId *stmts, guint n)
{
  g_autoptr(GHashTable) seen = g_hash_table_new(NULL, NULL);
  g_autoptr(GArray) all      = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));

  for (guint i = 0; i < n; i++) {
    g_autoptr(GArray) src = azkb_store_statement_sources(store, stmts[i]);

    for (guint k = 0; k < src->len; k++) {
      AzkbTermId s = g_array_index(src, AzkbTermId, k);
      if (g_hash_table_add(seen, GUINT_TO_POINTER(s)))
        g_array_append_val(all, s);
    }
  }
  return azkb_cli_terms_text(
    store, (const AzkbTermId *)(gpointer)all->data, all->len, TRUE);
}

char *
azkb_cli_terms_text(const AzkbStore  *store,
                    const AzkbTermId *terms,
                    guint             n,
                    gboolean          brackets)
{
  g_autoptr(GArray) all   = g_array_new(FALSE, FALSE, sizeof(AzkbTermId));
  g_autoptr(GString) text = g_string_new(NULL);

  if (n > 0)
    g_array_append_vals(all, terms, n);
  g_array_sort_with_data(all, by_reading_order, (gpointer)store);
  for (guint i = 0; i < all->len; i++)
    g_string_append_printf(
      text,
      "%s%s",
      i ? (brackets ? ", " : " ") : (brackets ? "[" : ""),
      azkb_store_term_name(store, g_array_index(all, AzkbTermId, i)));
  if (all->len > 0 && brackets)
    g_string_append_c(text, ']');
  return g_string_free(g_steal_pointer(&text), FALSE);
}

gboolean
azkb_cli_stdout_is_tty(void)
{
  return isatty(STDOUT_FILENO);
}
