/* The azkb command: shared helpers for the subcommands.
 *
 * Each subcommand lives in cmd-NAME.c and exports one function of type
 * AzkbCommandFunc.  main.c holds the table.  Commands stay thin: parse
 * options, call the library, print.
 */
#pragma once

#include <azkb/azkb.h>
#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/// Exit statuses of the `azkb` command.
typedef enum {
  AZKB_EXIT_OK       = 0, ///< success
  AZKB_EXIT_NO_MATCH = 1, ///< no match, or a check that found problems
  AZKB_EXIT_USAGE    = 2, ///< bad command line or bad query
  AZKB_EXIT_DATA     = 3, ///< bad data, missing file, I/O error
  AZKB_EXIT_TIMEOUT  = 4, ///< a time limit (query --timeout) ran out
} AzkbExitStatus;

/// The exit status for @error (AZKB_EXIT_DATA when unknown); cli-exit.c.
AzkbExitStatus azkb_cli_exit_status(const GError *error);

/// Run a subcommand; with @do_help, print its help to stdout and return 0.
typedef int (*AzkbCommandFunc)(int argc, char **argv, gboolean do_help);

/**
 * Options every command that reads data takes.  The bundled knowledge base
 * is loaded unless --data names files; --add files are read after it (or
 * after the --data files), so a user's own facts sit beside the bundled
 * ones.
 */
typedef struct {
  char **data_files; ///< --data FILE...: NULL = the bundled knowledge base
  char **add_files;  ///< --add FILE...: read after the base
  char **prefixes;   ///< --prefix P=IRI...: names written P:local
  char  *now;        ///< --now DATE: the present, for open ends
  char  *format;     ///< -i/--input-format: the syntax of every file
} AzkbCliData;

/// How azkb_cli_load_input() reads an input.
typedef struct {
  const char         *format;    ///< the RDF syntax, NULL: by the name
  const char         *base;      ///< NULL: AZKB_RDF_DEFAULT_BASE
  gboolean            snapshots; ///< a snapshot is recognised and loaded
  AzkbRdfProgressFunc progress;  ///< or NULL
  gpointer            progress_data;
} AzkbCliLoad;

/**
 * Load the input @path ("-": standard input) into @store, opening it once
 * and reading it once (FIFOs, pipes and /dev/fd/N work).  All or nothing.
 */
gboolean azkb_cli_load_input(AzkbStore          *store,
                             const char         *path,
                             const AzkbCliLoad  *how,
                             AzkbRdfImportStats *out_stats,
                             GError            **error);

/**
 * A long step's progress on stderr, for a person: nothing for its first
 * second or when stderr is not a terminal (scripts, pipes, CI logs), then
 * "azkb: WHAT: 42%, RATE, N s left", redrawn at most ten times a second
 * and erased by azkb_cli_progress_end().
 */
typedef struct {
  char       *what;  ///< "loading kb.ttl", escaped
  const char *unit;  ///< NULL: bytes (MB/s); else the items' name
  const char *after; ///< said at 100%: what comes next, or NULL
  gint64      start; ///< monotonic µs
  gint64      last;  ///< when last drawn, 0 = never
  gboolean    to_tty;
} AzkbCliProgress;

/// Start @p for @what, counted in @unit (NULL: bytes).
void azkb_cli_progress_start(AzkbCliProgress *p,
                             const char      *what,
                             const char      *unit,
                             const char      *after);

/// An AzkbRdfProgressFunc drawing @user_data, an AzkbCliProgress; @total
/// 0 means unknown (a pipe).
void azkb_cli_progress_report(guint64 done, guint64 total, gpointer user_data);

/// Erase the line if one was drawn, and free what @p holds.
void azkb_cli_progress_end(AzkbCliProgress *p);

/**
 * Refuse `-o -` (a usage error, *out_status 2) when stdout is a terminal:
 * @what ("a binary snapshot", "PNG") is bytes a terminal would take for
 * commands.
 */
gboolean azkb_cli_check_binary_output(GOptionContext *context,
                                      const char     *output,
                                      const char     *what,
                                      int            *out_status);

/// azkb_rdf_export_file_at() with its progress on a terminal.
gboolean azkb_cli_export(AzkbStore          *store,
                         const char         *output,
                         const char         *format,
                         const char         *base,
                         AzkbRdfExportFlags  flags,
                         const AzkbInterval *at,
                         GError            **error);

/// Add --data, --add, -i, --prefix and --now to @context, filling @data.
void azkb_cli_add_data_options(GOptionContext *context, AzkbCliData *data);

/// Free what the option parser put in @data.
void azkb_cli_data_clear(AzkbCliData *data);

/**
 * The present --now named (set by azkb_cli_load()), or NULL: today.  The
 * library keeps no "now" of its own; the command passes this one to each
 * call whose answer depends on it.  (One command runs per process.)
 */
const AzkbDate *azkb_cli_present(void);

/// Load @data's files (or the bundled knowledge base); all or nothing.
AzkbStore *azkb_cli_load(const AzkbCliData *data, GError **error);

/**
 * Refuse (a usage error, *out_status set, FALSE) an RDF @format that
 * contradicts the extension of @output (`-f ntriples -o kb.ttl`).
 */
gboolean azkb_cli_check_rdf_output(GOptionContext *context,
                                   const char     *format,
                                   const char     *output,
                                   int            *out_status);

/// Build the option context of subcommand @name.
GOptionContext *azkb_cli_context(const char *name,
                                 const char *parameter,
                                 const char *summary,
                                 const char *description);

/**
 * Parse @argv with @context.  Prints help when @do_help and returns FALSE
 * with *out_status 0; prints a usage error and returns FALSE with status 2.
 */
gboolean azkb_cli_parse(GOptionContext *context,
                        int            *argc,
                        char         ***argv,
                        gboolean        do_help,
                        int            *out_status);

/// Print "azkb CMD: usage error" and a line naming `azkb CMD --help`;
/// returns AZKB_EXIT_USAGE.
int azkb_cli_usage(GOptionContext *context, const char *format, ...)
  G_GNUC_PRINTF(2, 3);

/**
 * The one of NULL-terminated @candidates closest to @word (a typo: about
 * one edit in three characters, or @word cut short), or NULL when none is
 * close.  (transfer none)
 */
const char *azkb_cli_closest(const char *word, const char *const *candidates);

/// Print "azkb: message" for @error; returns its exit status.
int azkb_cli_fail(const GError *error);

/**
 * "[P6, P10]": the source paragraphs of the @n statements in @stmts, each
 * once, in reading order (P2 before P10); "" when there are none.
 * (transfer full)
 */
char *azkb_cli_sources_text(const AzkbStore  *store,
                            const AzkbStmtId *stmts,
                            guint             n);

/**
 * @n source terms in reading order (P2 before P10): "[P6, P10]" with
 * @brackets, else "P6 P10"; "" when @n is 0.  (transfer full)
 */
char *azkb_cli_terms_text(const AzkbStore  *store,
                          const AzkbTermId *terms,
                          guint             n,
                          gboolean          brackets);

/* Source texts and citing statements (cli-source.c). */

/// azkb_cli_safe(@text), as a copy.  (transfer full)
char *azkb_cli_terminal_text(const char *text);

/// Print @text escaped, in lines of at most @width characters (a longer
/// word stands alone), each indented by @indent spaces.
void azkb_cli_print_wrapped(const char *text, guint indent, guint width);

/// A statement end for a reader: “value” or a name, escaped.  (transfer full)
char *azkb_cli_node_text(const AzkbStore *store, AzkbTermId node);

/// The human time of @stmt, "(undated)" when it has none.  (transfer full)
char *azkb_cli_time_text(const AzkbStore *store, AzkbStmtId stmt);

/// Sort an array of AzkbStmtId by time, then by content
/// (azkb_cli_compare_statements()).
void azkb_cli_sort_by_time(const AzkbStore *store, GArray *stmts);

/// Terms by name (literals of one lexical form by datatype, language).
int azkb_cli_compare_terms(const AzkbStore *store, AzkbTermId x, AzkbTermId y);

/// Statements by time, then relation, subject and object names: an order
/// that does not depend on the order the data was read in.
int azkb_cli_compare_statements(const AzkbStore *store,
                                AzkbStmtId       x,
                                AzkbStmtId       y);

/// One line per statement: time, subject → relation → object, [sources].
void azkb_cli_print_citing(const AzkbStore *store, const GArray *stmts);

/**
 * @text as it may be shown to a person: C0 and C1 control characters, DEL,
 * the bidirectional controls and bytes that are not UTF-8 become visible
 * escapes (`\n`, `\t`, `\x1B`, `\u202E`), so text from data can neither
 * break a line, move the cursor, retitle the terminal nor reorder what
 * follows.  Returns @text itself when nothing needs escaping, else an
 * interned copy that lives as long as the process.  Every human-facing
 * printer passes data through this; TSV, CSV and JSON quote their own.
 * (transfer none)
 */
const char *azkb_cli_safe(const char *text);

/**
 * Make sure descriptors 0, 1 and 2 are open, so that a file the command
 * opens never becomes its stdout.  A closed one is replaced by /dev/null
 * opened the wrong way round (stdout read-only), so writing to it still
 * fails and is reported.
 */
void azkb_cli_guard_std_fds(void);

/**
 * Flush and close stdout; if any write to it failed (a full disk, a closed
 * descriptor), print why and return AZKB_EXIT_DATA, else @status.
 */
int azkb_cli_finish_stdout(int status);

/// Run azkb_cli_finish_stdout() at exit() too (GOption's --help exits).
void azkb_cli_check_stdout_at_exit(void);

/// The width of the terminal stdout is, or 0 when it is not a terminal.
guint azkb_cli_terminal_width(void);

/**
 * Narrow the widest of the @n column @widths (never below 8 characters)
 * until they and their @gap-wide gaps fit in @total characters; @total 0
 * leaves them as they are.
 */
void azkb_cli_fit_columns(guint *widths, guint n, guint gap, guint total);

/// @text cut to @width characters, its last one "…" when cut; @width 0
/// keeps it whole.  (transfer full)
char *azkb_cli_truncate(const char *text, guint width);

/// Options of the commands that talk to a SPARQL store (cli-remote.c).
typedef struct {
  char    *endpoint;
  char    *graph_store;
  char    *user;
  char    *password_env;
  char    *password_file;
  char    *auth;
  int      timeout;
  int      connect_timeout;
  int      retries;   ///< -1: the default
  char    *state_dir; ///< push: where syncs keep their records (not an option)
  gboolean reread;    ///< push --sync --reread
  /// query: the whole command's time limit, ms (its --timeout); 0: none
  guint time_limit_ms;
} AzkbCliRemote;

/// Add --endpoint, --graph-store, --user, --password-env, --password-file,
/// --auth, --connect-timeout, --retries and, unless the command has its own
/// (query), --timeout to @context.
void azkb_cli_add_remote_options(GOptionContext *context,
                                 AzkbCliRemote  *r,
                                 gboolean        with_timeout);

/// Free what the option parser put in @r.
void azkb_cli_remote_clear(AzkbCliRemote *r);

/// The store @r describes, with the password read; catches SIGINT, SIGTERM
/// and SIGHUP so that an operation can stop cleanly.  (transfer full)
AzkbRemote *azkb_cli_remote_open(const AzkbCliRemote *r, GError **error);

/// Options of show, timeline and path --endpoint: the store's options,
/// and which graph, under which base, how much of it at most.
typedef struct {
  AzkbCliRemote remote;
  char         *graph;
  char         *base;
  gint64        max_triples; ///< 0: the library's default
} AzkbCliRemoteRead;

/// Add the store's options (azkb_cli_add_remote_options(), with
/// --timeout), --graph, --base and --max-triples to @context.
void azkb_cli_add_remote_read_options(GOptionContext    *context,
                                      AzkbCliRemoteRead *r);

/// Free what the option parser put in @r.
void azkb_cli_remote_read_clear(AzkbCliRemoteRead *r);

/**
 * The part of the server's graph that the entity @name's card needs, in a
 * fresh store with @data's --prefix namespaces and --now applied; --data
 * and --add are refused (they name local files).  (transfer full)
 */
AzkbStore *azkb_cli_remote_entity(const AzkbCliRemoteRead *r,
                                  const AzkbCliData       *data,
                                  const char              *name,
                                  AzkbTermId              *out_entity,
                                  GError                 **error);

/// As azkb_cli_remote_entity(), for the connections between two entities
/// (azkb_remote_fetch_path()).  (transfer full)
AzkbStore *azkb_cli_remote_path(const AzkbCliRemoteRead *r,
                                const AzkbCliData       *data,
                                const char              *from_name,
                                const char              *to_name,
                                const AzkbPathOptions   *options,
                                AzkbTermId              *out_from,
                                AzkbTermId              *out_to,
                                GPtrArray              **out_paths,
                                GError                 **error);

/**
 * The store a command about one entity reads and the entity @name names
 * in it: @data's files (or the bundled knowledge base), or with @r's
 * --endpoint the part of the server's graph that the entity's card needs.
 * (transfer full)
 */
AzkbStore *azkb_cli_load_entity(const AzkbCliData       *data,
                                const AzkbCliRemoteRead *r,
                                const char              *name,
                                AzkbTermId              *out_entity,
                                GError                 **error);

/// The namespaces of @data's --prefix in an empty store, --now applied,
/// for a store that is not loaded from files: --data and --add are
/// refused.  (transfer full)
AzkbStore *azkb_cli_names_only(const AzkbCliData *data, GError **error);

/// TRUE when stdout is a terminal (tables, colour, progress).
gboolean azkb_cli_stdout_is_tty(void);

/* ---- output formats (cli-json.c) ---- */

/// The index of @format in NULL-terminated @known, in any case; -1 if none.
int azkb_cli_format_index(const char *format, const char *const *known);

/// Add `-f, --format text|json` to @context, filling @format.
void azkb_cli_add_format_option(GOptionContext *context, char **format);

/**
 * Read @format (NULL: text) into *out_json; on an unknown one print the
 * usage error, set *out_status and return FALSE.
 */
gboolean azkb_cli_text_or_json(GOptionContext *context,
                               const char     *format,
                               gboolean       *out_json,
                               int            *out_status);

/**
 * Begin the table part of a JSON document in the open object of @b: the
 * "columns" member (@columns, NULL-terminated), then the "rows" array, left
 * open for the caller's rows (end it with json_builder_end_array()).
 */
void azkb_cli_json_columns(JsonBuilder *b, const char *const *columns);

/// @term as {"id", "label"}, or a literal as {"value", "datatype", "lang"}.
void azkb_cli_json_term(JsonBuilder     *b,
                        const AzkbStore *store,
                        AzkbTermId       term);

/// @time as an ISO string (2003..2005), or null when undated.
void azkb_cli_json_time(JsonBuilder *b, const AzkbInterval *time);

/// The sources of the @n statements @stmts as one array of names, each
/// once, in reading order (as azkb_cli_sources_text()).
void azkb_cli_json_sources(JsonBuilder      *b,
                           const AzkbStore  *store,
                           const AzkbStmtId *stmts,
                           guint             n);

/// Print @b's document, pretty, and a newline to stdout.
void azkb_cli_json_print(JsonBuilder *b);

/* One function per subcommand (cmd-NAME.c). */
int azkb_cmd_stats(int argc, char **argv, gboolean do_help);
int azkb_cmd_show(int argc, char **argv, gboolean do_help);
int azkb_cmd_source(int argc, char **argv, gboolean do_help);
int azkb_cmd_export(int argc, char **argv, gboolean do_help);
int azkb_cmd_import(int argc, char **argv, gboolean do_help);
int azkb_cmd_check(int argc, char **argv, gboolean do_help);

int azkb_cmd_snapshot(int argc, char **argv, gboolean do_help);
int azkb_cmd_generate(int argc, char **argv, gboolean do_help);
int azkb_cmd_query(int argc, char **argv, gboolean do_help);
int azkb_cmd_path(int argc, char **argv, gboolean do_help);
int azkb_cmd_diff(int argc, char **argv, gboolean do_help);
int azkb_cmd_timeline(int argc, char **argv, gboolean do_help);
int azkb_cmd_dot(int argc, char **argv, gboolean do_help);
int azkb_cmd_render(int argc, char **argv, gboolean do_help);
int azkb_cmd_push(int argc, char **argv, gboolean do_help);

G_END_DECLS
