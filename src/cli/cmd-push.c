/* azkb push --endpoint URL: the store into a named graph of a running
 * SPARQL store (Graph Store Protocol, then MOVE), or only the difference
 * (--sync).  Parse options, call the remote module, report. */
#include "cli.h"

#include <stdio.h>
#include <unistd.h>

typedef struct {
  char    *graph;
  char    *base;
  gboolean append;
  gboolean sync;
  gboolean unlogged;
  gboolean versioned;
  int      chunk_kb;
  int      batch;
  gboolean quiet;
} Options;

static void
options_clear(Options *o)
{
  g_clear_pointer(&o->graph, g_free);
  g_clear_pointer(&o->base, g_free);
}

/* "\razkb push: 1200000 triples sent (84000/s)" on a terminal, at most
 * five times a second, erased at the end. */
typedef struct {
  gint64   start, last;
  gboolean tty;
  gboolean drawn;
} Progress;

static void
on_progress(guint64 done, guint64 total, gpointer user_data)
{
  Progress *p   = user_data;
  gint64    now = g_get_monotonic_time();
  double    s   = (double)(now - p->start) / G_USEC_PER_SEC;

  (void)total;
  if (!p->tty || now - p->last < G_USEC_PER_SEC / 5)
    return;
  p->last  = now;
  p->drawn = TRUE;
  fprintf(stderr,
          "\r%s: %" G_GUINT64_FORMAT " triples sent (%.0f/s)\033[K",
          g_get_prgname(),
          done,
          s > 0 ? (double)done / s : 0.0);
  fflush(stderr);
}

static void
report(const Options *o, const AzkbRemotePushStats *st)
{
  g_autofree char *switch_text =
    o->append ? g_strdup("")
              : g_strdup_printf(", the switch %.1f s", st->switch_seconds);
  g_autofree char *version_text =
    st->version ? g_strdup_printf(" as version %" G_GUINT64_FORMAT, st->version)
                : g_strdup("");
  g_autofree char *dropped_text =
    st->dropped ? g_strdup_printf(", %u old version%s removed in %.1f s",
                                  st->dropped,
                                  st->dropped == 1 ? "" : "s",
                                  st->cleanup_seconds)
                : g_strdup("");

  if (o->quiet)
    return;
  if (st->record_other_version)
    fprintf(stderr,
            "%s: the record of the last sync of <%s> was written by another "
            "version of azkb; the whole graph was read instead, and the "
            "record written anew\n",
            g_get_prgname(),
            azkb_cli_safe(o->graph));
  if (o->sync)
    printf("synced <%s>: %" G_GUINT64_FORMAT " deleted, %" G_GUINT64_FORMAT
           " inserted in %" G_GUINT64_FORMAT " requests (%.1f s); the server "
           "counts %" G_GUINT64_FORMAT " triples; %" G_GUINT64_FORMAT
           " read back (%s)\n",
           o->graph,
           st->deleted,
           st->inserted,
           st->requests,
           st->seconds,
           st->remote,
           st->read,
           st->from_record ? "the changed subjects" : "the whole graph");
  else
    printf("pushed %" G_GUINT64_FORMAT " triples to <%s>%s in "
           "%" G_GUINT64_FORMAT " requests (%.1f s, %.0f triples/s%s%s%s); "
           "the server counts %" G_GUINT64_FORMAT "\n",
           st->sent,
           o->graph,
           version_text,
           st->requests,
           st->seconds,
           st->seconds > 0 ? (double)st->sent / st->seconds : 0.0,
           st->retries ? ", some sent again" : "",
           switch_text,
           dropped_text,
           st->remote);
}

static int
run(AzkbStore *store, AzkbRemote *remote, const Options *o)
{
  g_autoptr(GError) error = NULL;
  AzkbRemotePushStats st  = { 0 };
  Progress p = { g_get_monotonic_time(), 0, isatty(STDERR_FILENO), FALSE };
  AzkbRemotePushFlags flags = o->append      ? AZKB_REMOTE_PUSH_APPEND
                              : o->unlogged  ? AZKB_REMOTE_PUSH_UNLOGGED_SWITCH
                              : o->versioned ? AZKB_REMOTE_PUSH_VERSIONED
                                             : AZKB_REMOTE_PUSH_REPLACE;
  gboolean            ok;

  if (o->sync)
    ok = azkb_remote_sync(remote,
                          store,
                          o->graph,
                          o->base,
                          (guint)o->batch,
                          on_progress,
                          &p,
                          &st,
                          &error);
  else
    ok = azkb_remote_push(remote,
                          store,
                          o->graph,
                          o->base,
                          flags,
                          (gsize)o->chunk_kb * 1024,
                          on_progress,
                          &p,
                          &st,
                          &error);
  if (p.drawn)
    fputs("\r\033[K", stderr);
  if (!ok)
    return azkb_cli_fail(error);
  report(o, &st);
  return AZKB_EXIT_OK;
}

static const char description[] =
  "Replaces named graph IRI (default BASE \"graph\") on the store with the\n"
  "knowledge base as N-Triples: uploaded with the SPARQL 1.1 Graph Store\n"
  "Protocol into a temporary graph, in chunks, then switched in with one\n"
  "MOVE, one transaction: a failed push leaves the old graph (readers of a\n"
  "store that isolates them see the old graph or the new one; Virtuoso 7.2\n"
  "may show them part of the switch while it runs).  The\n"
  "server's triple count is checked.  --append adds instead; --sync sends\n"
  "only the difference (DELETE DATA, and POST for the additions).\n"
  "\n"
  "--versioned replaces through versions instead: the upload goes into a\n"
  "new graph IRI-azkb-vNUMBER-TAG, and one triple in the catalog graph\n"
  "<urn:azkb:catalog>, <IRI> <urn:azkb:published> <VERSION>, switches it\n"
  "in: nothing is copied, and readers that look the current version up\n"
  "(azkb's own --endpoint commands do) see the old data or the new, never\n"
  "a part, on any store.  The version readers read before the push is\n"
  "kept until the next push; older ones are removed.  --append and --sync\n"
  "work in the current version.\n"
  "\n"
  "A sync keeps a record of the graph it left in\n"
  "$XDG_STATE_HOME/azkb/sync (~/.local/state/azkb/sync).  While the\n"
  "server still counts the record's number of triples, the next sync reads\n"
  "back only the subjects that changed, not the whole graph; a push removes\n"
  "the record.  --reread reads the whole graph anyway (for a graph that\n"
  "others change too: a change that keeps the count is not seen through\n"
  "the record).\n"
  "\n"
  "Virtuoso: --endpoint http://HOST:8890/sparql-auth --graph-store\n"
  "http://HOST:8890/sparql-graph-crud-auth --user dba (digest).  Its MOVE\n"
  "is one transaction whose log the ini's TransactionAfterImageLimit caps\n"
  "(50 MB: some 500,000 triples); raise it (about 100 bytes a triple), or\n"
  "give --unlogged-switch: the switch stays one transaction but is kept out\n"
  "of the server's transaction log, so it is durable from the server's next\n"
  "checkpoint (a crash before it brings the old graph back, whole).\n"
  "\n"
  "The password never goes on the command line: $AZKB_PASSWORD (or the\n"
  "variable --password-env names), --password-file, or ~/.netrc.\n"
  "\n"
  "Exit status: 0 pushed, 2 usage error, 3 the store or the server failed,\n"
  "4 a time limit (--timeout, or the server's own).";

int
azkb_cmd_push(int argc, char **argv, gboolean do_help)
{
  AzkbCliData   data                = { 0 };
  AzkbCliRemote r                   = { 0 };
  Options       o                   = { 0 };
  g_autoptr(GOptionContext) context = azkb_cli_context(
    "push", NULL, "Upload the store to a SPARQL store.", description);
  // clang-format off
  const GOptionEntry entries[] = {
    { "graph",      'g', 0, G_OPTION_ARG_STRING, &o.graph,    "Named graph to replace (default BASE \"graph\")", "IRI" },
    { "append",     0,   0, G_OPTION_ARG_NONE,   &o.append,   "Add to the graph (Graph Store POST) instead of replacing it", NULL },
    { "sync",       0,   0, G_OPTION_ARG_NONE,   &o.sync,     "Send only the difference from the server's graph", NULL },
    { "versioned",  0,   0, G_OPTION_ARG_NONE,   &o.versioned, "Upload into a new version of the graph and publish it with one triple (no copy; readers see old or new)", NULL },
    { "unlogged-switch", 0, 0, G_OPTION_ARG_NONE, &o.unlogged, "Virtuoso: switch without the server's transaction log (no TransactionAfterImageLimit; durable from its next checkpoint)", NULL },
    { "reread",     0,   0, G_OPTION_ARG_NONE,   &r.reread,   "--sync: read the server's whole graph, not only what changed since the last sync", NULL },
    { "chunk-size", 0,   0, G_OPTION_ARG_INT,    &o.chunk_kb, "Upload in chunks of about KB kilobytes (default 4096)", "KB" },
    { "batch",      0,   0, G_OPTION_ARG_INT,    &o.batch,    "--sync: triples per request (default 2000)", "N" },
    { "base",       0,   0, G_OPTION_ARG_STRING, &o.base,     "Base IRI of the exported RDF (default http://azkb.example/)", "IRI" },
    { "quiet",      'q', 0, G_OPTION_ARG_NONE,   &o.quiet,    "Print no summary", NULL },
    G_OPTION_ENTRY_NULL
  };
  // clang-format on
  g_autoptr(AzkbStore) store   = NULL;
  g_autoptr(AzkbRemote) remote = NULL;
  g_autoptr(GError) error      = NULL;
  int status;

  g_option_context_add_main_entries(context, entries, NULL);
  azkb_cli_add_remote_options(context, &r, TRUE);
  azkb_cli_add_data_options(context, &data);
  if (!azkb_cli_parse(context, &argc, &argv, do_help, &status))
    goto out;
  if (o.graph == NULL)
    o.graph =
      g_strconcat(o.base ? o.base : AZKB_RDF_DEFAULT_BASE, "graph", NULL);
  if (argc != 1)
    status = azkb_cli_usage(context, "unexpected argument “%s”", argv[1]);
  else if (r.endpoint == NULL)
    status = azkb_cli_usage(context, "no --endpoint given");
  else if (r.reread && !o.sync)
    status = azkb_cli_usage(context, "--reread goes with --sync");
  else if (o.append && o.sync)
    status = azkb_cli_usage(context, "give --append or --sync, not both");
  else if (o.unlogged && (o.append || o.sync))
    status = azkb_cli_usage(context,
                            "--unlogged-switch goes with a push that "
                            "replaces the graph");
  else if (o.versioned && (o.append || o.sync || o.unlogged))
    status = azkb_cli_usage(context,
                            "--versioned goes with a push that replaces "
                            "the graph (not --append, --sync or "
                            "--unlogged-switch: --append and --sync work in "
                            "the current version by themselves)");
  else if (o.chunk_kb < 0 || o.batch < 0)
    status = azkb_cli_usage(context,
                            "--chunk-size and --batch must be "
                            "positive");
  else if ((r.state_dir =
              g_build_filename(g_get_user_state_dir(), "azkb", "sync", NULL),
            remote = azkb_cli_remote_open(&r, &error)) == NULL)
    status = azkb_cli_fail(error);
  else if ((store = azkb_cli_load(&data, &error)) == NULL)
    status = azkb_cli_fail(error);
  else
    status = run(store, remote, &o);
out:
  options_clear(&o);
  azkb_cli_remote_clear(&r);
  azkb_cli_data_clear(&data);
  return status;
}
