/* Helpers shared by the subcommands: option contexts, data loading and the
 * one place where errors become messages and exit statuses. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

void
azkb_cli_add_data_options(GOptionContext *context, AzkbCliData *data)
{
  /* Main entries, not a group of their own: `--help` and `azkb help CMD`
   * must both list them. */
  // clang-format off
  const GOptionEntry entries[] = {
    { "data",         'd', 0, G_OPTION_ARG_FILENAME_ARRAY, &data->data_files, "Read FILE instead of the bundled knowledge base (repeatable)", "FILE" },
    { "input-format", 'i', 0, G_OPTION_ARG_STRING,         &data->format,     "Read every --data and --add FILE as FORMAT (turtle, ntriples, nquads, trig, rdfxml, json) instead of guessing from its name", "FORMAT" },
    { "add",          0,   0, G_OPTION_ARG_FILENAME_ARRAY, &data->add_files,  "Read FILE too, beside the bundled knowledge base or the --data files (repeatable)", "FILE" },
    { "prefix",       0,   0, G_OPTION_ARG_STRING_ARRAY,   &data->prefixes,   "Write names of namespace IRI as P:local (repeatable; the files' own prefixes work too)", "P=IRI" },
    { "now",          0,   0, G_OPTION_ARG_STRING,         &data->now,        "Take DATE as the present for open ends (default: today)", "DATE" },
    G_OPTION_ENTRY_NULL
  };
  // clang-format on

  g_option_context_add_main_entries(context, entries, NULL);
}

void
azkb_cli_data_clear(AzkbCliData *data)
{
  g_clear_pointer(&data->data_files, g_strfreev);
  g_clear_pointer(&data->add_files, g_strfreev);
  g_clear_pointer(&data->prefixes, g_strfreev);
  g_clear_pointer(&data->now, g_free);
  g_clear_pointer(&data->format, g_free);
}

static AzkbDate cli_present;
static gboolean cli_has_present;

const AzkbDate *
azkb_cli_present(void)
{
  return cli_has_present ? &cli_present : NULL;
}

static gboolean
apply_now(const AzkbCliData *data, GError **error)
{
  if (data->now == NULL)
    return TRUE;
  if (!azkb_date_parse(data->now, &cli_present, error)) {
    g_prefix_error(error, "--now: ");
    return FALSE;
  }
  cli_has_present = TRUE;
  return TRUE;
}

void
azkb_cli_progress_start(AzkbCliProgress *p,
                        const char      *what,
                        const char      *unit,
                        const char      *after)
{
  p->what   = g_strdup(azkb_cli_safe(what));
  p->unit   = unit;
  p->after  = after;
  p->start  = g_get_monotonic_time();
  p->last   = 0;
  p->to_tty = isatty(STDERR_FILENO);
}

/* "4.2 MB/s" of bytes, "12k subjects/s" of items. */
static char *
rate_text(const AzkbCliProgress *p, double per_second)
{
  if (p->unit == NULL)
    return g_strdup_printf("%.1f MB/s", per_second / 1e6);
  if (per_second >= 1e4)
    return g_strdup_printf("%.0fk %s/s", per_second / 1e3, p->unit);
  return g_strdup_printf("%.0f %s/s", per_second, p->unit);
}

void
azkb_cli_progress_report(guint64 done, guint64 total, gpointer user_data)
{
  AzkbCliProgress *p       = user_data;
  gint64           now     = g_get_monotonic_time();
  gboolean         last    = total > 0 && done >= total;
  double           seconds = (double)(now - p->start) / G_USEC_PER_SEC;
  /* The average so far: steadier than the last interval's, and a load's
   * or a write's speed hardly changes. */
  double           rate  = (double)done / MAX(seconds, 1e-3);
  g_autofree char *speed = NULL;

  if (!p->to_tty || now - p->start < G_USEC_PER_SEC ||
      (now - p->last < G_USEC_PER_SEC / 10 && !last))
    return;
  p->last = now;
  speed   = rate_text(p, rate);
  if (last)
    fprintf(stderr,
            "\razkb: %s: 100%%%s%s\033[K",
            p->what,
            p->after != NULL ? ", " : "",
            p->after != NULL ? p->after : "");
  else if (total == 0) /* a pipe: no size, no end in sight */
    fprintf(stderr,
            "\razkb: %s: %.1f MB, %s\033[K",
            p->what,
            (double)done / 1e6,
            speed);
  else
    fprintf(stderr,
            "\razkb: %s: %3d%%, %s, %.0f s left\033[K",
            p->what,
            (int)(done * 100 / total),
            speed,
            (double)(total - done) / MAX(rate, 1.0));
  fflush(stderr);
}

void
azkb_cli_progress_end(AzkbCliProgress *p)
{
  if (p->last != 0)
    fputs("\r\033[K", stderr);
  g_clear_pointer(&p->what, g_free);
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
  g_autofree char *what = g_strdup_printf("loading %s", path);
  AzkbCliProgress  p;
  AzkbCliLoad      how = { .format        = data->format,
                           .snapshots     = TRUE,
                           .progress      = azkb_cli_progress_report,
                           .progress_data = &p };
  gboolean         ok;

  azkb_cli_progress_start(&p, what, NULL, "building the store…");
  ok = azkb_cli_load_input(store, path, &how, NULL, error);
  azkb_cli_progress_end(&p);
  return ok;
}

/* Whether the last azkb_cli_load() read the bundled knowledge base: a name
 * that is not found says so when it was not (the usual surprise of
 * --data, which replaces it). */
static gboolean bundled_loaded = TRUE;

static gboolean
load_files(AzkbStore         *store,
           char             **files,
           const AzkbCliData *data,
           GError           **error)
{
  /* Each file loads all-or-nothing into the same store; a failure on any
   * file drops the whole store, so nothing half-loaded is ever used. */
  for (char **f = files; f != NULL && *f != NULL; f++)
    if (!load_file(store, *f, data, error))
      return FALSE;
  return TRUE;
}

/* --prefix P=IRI, then az:, azo: and the well-known vocabularies, into an
 * empty store: checked before anything loads, and declared after the
 * files' own prefixes (a name tries them in that order). */
static AzkbStore *
prefixes_new(char **prefixes, GError **error)
{
  g_autoptr(AzkbStore) names = azkb_store_new();

  for (char **p = prefixes; p != NULL && *p != NULL; p++) {
    const char      *eq = strchr(*p, '=');
    g_autofree char *prefix =
      eq != NULL ? g_strndup(*p, (gsize)(eq - *p)) : NULL;

    if (eq == NULL || eq[1] == '\0' || strchr(prefix, ':') != NULL ||
        strpbrk(eq + 1, " <>\"") != NULL) {
      g_set_error(error,
                  G_OPTION_ERROR,
                  G_OPTION_ERROR_BAD_VALUE,
                  "--prefix: expected P=IRI (as in ex=http://example.org/), "
                  "found “%s”",
                  *p);
      return NULL;
    }
    azkb_rdf_add_namespace(names, prefix, eq + 1, NULL);
  }
  azkb_rdf_add_default_namespaces(names, NULL);
  return g_steal_pointer(&names);
}

/* Standard input can be read once: a second "-" would load nothing and
 * look like an empty file. */
static gboolean
stdin_named_once(const AzkbCliData *data, GError **error)
{
  guint n = 0;

  for (char **f = data->data_files; f != NULL && *f != NULL; f++)
    n += strcmp(*f, "-") == 0;
  for (char **f = data->add_files; f != NULL && *f != NULL; f++)
    n += strcmp(*f, "-") == 0;
  if (n <= 1)
    return TRUE;
  g_set_error(error,
              G_OPTION_ERROR,
              G_OPTION_ERROR_BAD_VALUE,
              "standard input (-) is named %u times in --data and --add; it "
              "can be read once",
              n);
  return FALSE;
}

AzkbStore *
azkb_cli_names_only(const AzkbCliData *data, GError **error)
{
  if (data->data_files != NULL || data->add_files != NULL) {
    g_set_error(error,
                G_OPTION_ERROR,
                G_OPTION_ERROR_BAD_VALUE,
                "--data and --add read local files; with --endpoint the data "
                "comes from the server");
    return NULL;
  }
  if (!apply_now(data, error))
    return NULL;
  return prefixes_new(data->prefixes, error);
}

AzkbStore *
azkb_cli_load(const AzkbCliData *data, GError **error)
{
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(AzkbStore) names = NULL;

  if (!apply_now(data, error) || !stdin_named_once(data, error) ||
      (names = prefixes_new(data->prefixes, error)) == NULL)
    return NULL;
  bundled_loaded = data->data_files == NULL;
  if (bundled_loaded && !azkb_rdf_import_bundled(store, error))
    return NULL;
  if (!load_files(store, data->data_files, data, error) ||
      !load_files(store, data->add_files, data, error))
    return NULL;
  /* Holds no terms: only its namespaces are added. */
  azkb_store_merge(store, names);
  return g_steal_pointer(&store);
}

gboolean
azkb_cli_export(AzkbStore          *store,
                const char         *output,
                const char         *format,
                const char         *base,
                AzkbRdfExportFlags  flags,
                const AzkbInterval *at,
                GError            **error)
{
  g_autofree char *what = g_strdup_printf(
    "writing %s",
    output == NULL || strcmp(output, "-") == 0 ? "standard output" : output);
  AzkbCliProgress      p;
  AzkbRdfExportOptions options = { .flags         = flags,
                                   .at            = at,
                                   .present       = azkb_cli_present(),
                                   .progress      = azkb_cli_progress_report,
                                   .progress_data = &p };
  gboolean             ok;

  azkb_cli_progress_start(&p, what, "subjects", NULL);
  ok = azkb_rdf_export_file_full(store, output, format, base, &options, error);
  azkb_cli_progress_end(&p);
  return ok;
}

gboolean
azkb_cli_check_binary_output(GOptionContext *context,
                             const char     *output,
                             const char     *what,
                             int            *out_status)
{
  if (output == NULL || strcmp(output, "-") != 0 || !azkb_cli_stdout_is_tty())
    return TRUE;
  *out_status = azkb_cli_usage(
    context,
    "-o - would write %s to the terminal: redirect it or give -o FILE",
    what);
  return FALSE;
}

gboolean
azkb_cli_check_rdf_output(GOptionContext *context,
                          const char     *format,
                          const char     *output,
                          int            *out_status)
{
  const char *named, *by_name;

  if (format == NULL || output == NULL || strcmp(output, "-") == 0)
    return TRUE;
  named   = azkb_rdf_syntax_name(format, NULL);
  by_name = azkb_rdf_syntax_name(NULL, output);
  /* `-f ntriples -o kb.ttl` would write N-Triples under a Turtle name. */
  if (named != NULL && by_name != NULL && strcmp(named, by_name) != 0) {
    *out_status = azkb_cli_usage(
      context, "--format %s contradicts the name “%s”", format, output);
    return FALSE;
  }
  return TRUE;
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

/* Optimal string alignment distance (an edit, or a swap of neighbours). */
static guint
edit_distance(const char *a, const char *b)
{
  gsize             n = strlen(a), m = strlen(b);
  g_autofree guint *d = g_new(guint, (n + 1) * (m + 1));

#define D(i, j) d[(i) * (m + 1) + (j)]
  for (gsize i = 0; i <= n; i++)
    D(i, 0) = (guint)i;
  for (gsize j = 0; j <= m; j++)
    D(0, j) = (guint)j;
  for (gsize i = 1; i <= n; i++)
    for (gsize j = 1; j <= m; j++) {
      guint cost = a[i - 1] != b[j - 1];
      guint best = MIN(D(i - 1, j) + 1, D(i, j - 1) + 1);

      best = MIN(best, D(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        best = MIN(best, D(i - 2, j - 2) + 1);
      D(i, j) = best;
    }
  return D(n, m);
#undef D
}

const char *
azkb_cli_closest(const char *word, const char *const *candidates)
{
  const char *best      = NULL;
  guint       best_dist = G_MAXUINT;
  gsize       len       = strlen(word);

  /* The table is len × candidate: a huge argument is no typo. */
  if (len > 64)
    return NULL;
  for (const char *const *c = candidates; *c != NULL; c++) {
    guint dist = edit_distance(word, *c);

    /* A word the user cut short is as close as one edit. */
    if (len >= 3 && g_str_has_prefix(*c, word))
      dist = MIN(dist, 1);
    if (dist < best_dist) {
      best      = *c;
      best_dist = dist;
    }
  }
  /* Only near misses: about one edit in three characters, at least one. */
  if (best == NULL || best_dist > MAX(1, MIN(len, strlen(best)) / 3))
    return NULL;
  return best;
}

/* The long options @context knows, read off its own help text so that the
 * list can never differ from what --help prints. */
static GPtrArray *
long_options(GOptionContext *context)
{
  g_autofree char *help  = g_option_context_get_help(context, FALSE, NULL);
  GPtrArray       *names = g_ptr_array_new_with_free_func(g_free);

  for (const char *p = strstr(help, "--"); p != NULL; p = strstr(p, "--")) {
    const char *end = p + 2;

    while (g_ascii_isalnum(*end) || *end == '-')
      end++;
    if (end > p + 2 && (p == help || p[-1] == ' ' || p[-1] == '\n'))
      g_ptr_array_add(names, g_strndup(p, (gsize)(end - p)));
    p = end;
  }
  g_ptr_array_add(names, NULL);
  return names;
}

/* "Unknown option --formt": add the option meant, when one is close. */
static char *
explain_option_error(GOptionContext *context, const GError *error)
{
  static const char prefix[] = "Unknown option ";
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *unknown   = NULL;
  const char      *closest;

  if (!g_error_matches(error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION) ||
      !g_str_has_prefix(error->message, prefix))
    return g_strdup(error->message);
  unknown = g_strdup(error->message + strlen(prefix));
  /* --name=value: the name is what was mistyped. */
  if (strchr(unknown, '=') != NULL)
    *strchr(unknown, '=') = '\0';
  names   = long_options(context);
  closest = g_str_has_prefix(unknown, "--")
              ? azkb_cli_closest(unknown, (const char *const *)names->pdata)
              : NULL;
  if (closest == NULL)
    return g_strdup_printf("unknown option %s", unknown);
  return g_strdup_printf(
    "unknown option %s; did you mean %s?", unknown, closest);
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
    g_autofree char *message = explain_option_error(context, error);

    *out_status = azkb_cli_usage(context, "%s", message);
    return FALSE;
  }
  return TRUE;
}

int
azkb_cli_usage(GOptionContext *context, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  (void)context;
  va_start(args, format);
  message = g_strdup_vprintf(format, args);
  va_end(args);
  /* One line and where to look: the whole help would bury the reason. */
  fprintf(stderr,
          "%s: %s\nTry “%s --help” for more.\n",
          g_get_prgname(),
          azkb_cli_safe(message),
          g_get_prgname());
  return AZKB_EXIT_USAGE;
}

static gboolean
is_unknown_name(const GError *error)
{
  return g_error_matches(
           error, AZKB_STORE_ERROR, AZKB_STORE_ERROR_UNKNOWN_ENTITY) ||
         g_error_matches(
           error, AZKB_QUERY_ERROR, AZKB_QUERY_ERROR_UNKNOWN_ENTITY) ||
         g_error_matches(
           error, AZKB_QUERY_ERROR, AZKB_QUERY_ERROR_UNKNOWN_RELATION) ||
         g_error_matches(
           error, AZKB_QUERY_ERROR, AZKB_QUERY_ERROR_UNKNOWN_CLASS);
}

/* The option a located query error's text came from: the library says
 * which text (azkb_query_error_part()), the command names its flag. */
static const char *
option_of(const GError *error)
{
  if (error->domain != AZKB_QUERY_ERROR)
    return NULL;
  switch (azkb_query_error_part(error)) {
    case AZKB_QUERY_PART_VIA:
      return "--via: ";
    case AZKB_QUERY_PART_RELATIONS:
      return "--relations: ";
    case AZKB_QUERY_PART_PATTERN:
    case AZKB_QUERY_PART_CONSTRAINT: /* the caret shows the --where text */
    default:
      return NULL;
  }
}

/* What the user can do about a limit, in the command's own flags. */
static const char *
advice_for(const GError *error)
{
  if (g_error_matches(error, AZKB_QUERY_ERROR, AZKB_QUERY_ERROR_TIMEOUT))
    return " (narrow the pattern, or raise --timeout)";
  if (g_error_matches(error, AZKB_REMOTE_ERROR, AZKB_REMOTE_ERROR_TIMEOUT))
    return " (azkb's own limit, not the server's: raise --timeout)";
  if (g_error_matches(
        error, AZKB_REMOTE_ERROR, AZKB_REMOTE_ERROR_SERVER_TIMEOUT))
    return " (the server's limit, not azkb's: --timeout does not change "
           "it)";
  if (g_error_matches(error, AZKB_REMOTE_ERROR, AZKB_REMOTE_ERROR_TOO_LARGE))
    return " (raise --max-triples)";
  if (g_error_matches(error, AZKB_REMOTE_ERROR, AZKB_REMOTE_ERROR_SERVER_LIMIT))
    return " (--unlogged-switch)";
  if (g_error_matches(error, AZKB_REMOTE_ERROR, AZKB_REMOTE_ERROR_AUTH))
    return " (--user, with --password-env, --password-file or ~/.netrc)";
  if (g_error_matches(error, AZKB_DIAGRAM_ERROR, AZKB_DIAGRAM_ERROR_TOO_LARGE))
    return " (--max-nodes); narrow it with --around, --at or --relations";
  return NULL;
}

/* A message may quote data (a label, a literal): escaped like any text
 * from data, line by line, since some messages span lines on purpose. */
int
azkb_cli_fail(const GError *error)
{
  g_auto(GStrv) lines = g_strsplit(error->message, "\n", -1);
  const char *option  = option_of(error);
  const char *advice  = advice_for(error);

  fprintf(stderr, "%s: %s", g_get_prgname(), option ? option : "");
  for (char **l = lines; *l != NULL; l++)
    fprintf(stderr, "%s%s", l == lines ? "" : "\n", azkb_cli_safe(*l));
  fprintf(stderr, "%s\n", advice ? advice : "");
  if (!bundled_loaded && is_unknown_name(error))
    fprintf(stderr,
            "%s: note: the bundled knowledge base is not loaded (--data "
            "replaces it; --add FILE reads a file beside it)\n",
            g_get_prgname());
  return azkb_cli_exit_status(error);
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
    g_string_append_printf(text,
                           "%s%s",
                           i ? (brackets ? ", " : " ") : (brackets ? "[" : ""),
                           azkb_cli_safe(azkb_store_term_name(
                             store, g_array_index(all, AzkbTermId, i))));
  if (all->len > 0 && brackets)
    g_string_append_c(text, ']');
  return g_string_free(g_steal_pointer(&text), FALSE);
}

gboolean
azkb_cli_stdout_is_tty(void)
{
  return isatty(STDOUT_FILENO);
}

/* Characters that change what a terminal does or how a line reads rather
 * than showing a glyph: C0, DEL, C1 (U+009B is a one-character CSI), and
 * the bidirectional embeddings, overrides and isolates. */
static gboolean
needs_escape(gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f ||
         c == 0x061c;
}

static void
append_escape(GString *out, gunichar c)
{
  switch (c) {
    case '\n':
      g_string_append(out, "\\n");
      return;
    case '\t':
      g_string_append(out, "\\t");
      return;
    case '\r':
      g_string_append(out, "\\r");
      return;
    default:
      break;
  }
  if (c <= 0xff)
    g_string_append_printf(out, "\\x%02X", c);
  else
    g_string_append_printf(out, "\\u%04X", c);
}

static char *
escape_text(const char *text)
{
  GString    *out = g_string_sized_new(strlen(text) + 16);
  const char *p   = text;

  while (*p != '\0') {
    gunichar c = g_utf8_get_char_validated(p, -1);

    if (c == (gunichar)-1 || c == (gunichar)-2) {
      /* not UTF-8: show the byte, go on with the next one */
      g_string_append_printf(out, "\\x%02X", (guchar)*p);
      p++;
      continue;
    }
    if (needs_escape(c))
      append_escape(out, c);
    else
      g_string_append_len(out, p, g_utf8_next_char(p) - p);
    p = g_utf8_next_char(p);
  }
  return g_string_free(out, FALSE);
}

static gboolean
is_safe(const char *text)
{
  for (const char *p = text; *p != '\0'; p++) {
    guchar b = (guchar)*p;

    /* plain ASCII text is the common case and needs no decoding */
    if (b < 0x20 || b == 0x7f || b >= 0x80)
      goto slow;
  }
  return TRUE;
slow:
  if (!g_utf8_validate(text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p))
    if (needs_escape(g_utf8_get_char(p)))
      return FALSE;
  return TRUE;
}

const char *
azkb_cli_safe(const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL || is_safe(text))
    return text;
  escaped = escape_text(text);
  return g_intern_string(escaped);
}

void
azkb_cli_guard_std_fds(void)
{
  for (int fd = 0; fd <= 2; fd++) {
    int null;

    if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
      continue;
    /* open() takes the lowest free descriptor, which is @fd */
    null = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
    if (null != fd && null >= 0)
      close(null);
  }
}

static gboolean stdout_checked;

/* The read-only /dev/null azkb_cli_guard_std_fds() put in for a closed
 * stdout (where errno no longer tells). */
static gboolean
stdout_is_stand_in(void)
{
  int flags = fcntl(STDOUT_FILENO, F_GETFL);

  return flags != -1 && (flags & O_ACCMODE) == O_RDONLY;
}

int
azkb_cli_finish_stdout(int status)
{
  const char *why = NULL;

  stdout_checked = TRUE;
  errno          = 0;
  if (fflush(stdout) != 0 || ferror(stdout))
    why = errno == EBADF || stdout_is_stand_in() ? "standard output is closed"
          : errno != 0                           ? g_strerror(errno)
                                                 : "write error";
  /* a command that failed on its output has said so already */
  if (why == NULL || status == AZKB_EXIT_DATA)
    return status;
  fprintf(stderr, "azkb: writing the output failed: %s\n", why);
  return AZKB_EXIT_DATA;
}

/* GOption answers `--help` itself and calls exit(0): the check runs here
 * then, where only _exit() can still change the status. */
static void
check_stdout_at_exit(void)
{
  if (!stdout_checked && azkb_cli_finish_stdout(AZKB_EXIT_OK) != AZKB_EXIT_OK)
    _exit(AZKB_EXIT_DATA);
}

void
azkb_cli_check_stdout_at_exit(void)
{
  atexit(check_stdout_at_exit);
}

guint
azkb_cli_terminal_width(void)
{
  struct winsize ws;

  if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0)
    return 0;
  return ws.ws_col;
}

void
azkb_cli_fit_columns(guint *widths, guint n, guint gap, guint total)
{
  guint sum = gap * (n > 0 ? n - 1 : 0);

  for (guint c = 0; c < n; c++)
    sum += widths[c];
  /* Take a character at a time from the widest column, so that short
   * columns (a date, an id) stay whole while long labels give way. */
  while (total > 0 && sum > total) {
    guint widest = 0;

    for (guint c = 1; c < n; c++)
      if (widths[c] > widths[widest])
        widest = c;
    if (widths[widest] <= 8)
      break;
    widths[widest]--;
    sum--;
  }
}

char *
azkb_cli_truncate(const char *text, guint width)
{
  glong            len  = g_utf8_strlen(text, -1);
  g_autofree char *head = NULL;

  if (width == 0 || len <= (glong)width)
    return g_strdup(text);
  head = g_utf8_substring(text, 0, (glong)width - 1);
  return g_strconcat(head, "…", NULL);
}
