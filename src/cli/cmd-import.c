/* azkb import: read RDF files (all or nothing each), say what they held,
 * and optionally write them back in azkb's canonical form. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

int
azkb_cmd_import(int argc, char **argv, gboolean do_help)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *base   = NULL;
  // clang-format off
  const GOptionEntry entries[] = {
    { "format",       'f', 0, G_OPTION_ARG_STRING,   &format, "Read FORMAT (turtle, ntriples, nquads, trig, rdfxml, json) instead of guessing from each file's extension", "FORMAT" },
    { "input-format", 'i', 0, G_OPTION_ARG_STRING,   &format, "The same as --format (as in rapper): turtle, ntriples, nquads, trig, rdfxml or json", "FORMAT" },
    { "output",       'o', 0, G_OPTION_ARG_FILENAME, &output, "Write everything read, in the canonical export, to FILE (format by extension; - for Turtle on stdout)", "FILE" },
    { "base",         0,   0, G_OPTION_ARG_STRING,   &base,   "IRIs under IRI are azkb's own (default " AZKB_RDF_DEFAULT_BASE ")", "IRI" },
    G_OPTION_ENTRY_NULL
  };
  // clang-format on
  g_autoptr(GOptionContext) context = azkb_cli_context(
    "import",
    "FILE…",
    "Load RDF files into one store and print what each held (- reads "
    "standard input; give its syntax with -i).  A malformed file is "
    "reported as FILE:LINE[:COLUMN]: message, and nothing of it is loaded.",
    "Examples:\n  azkb import data/azerbaijan-un.ttl\n"
    "  azkb import ontology/azkb.ttl kb.nt -o all.ttl");
  g_autoptr(AzkbStore) store = azkb_store_new();
  g_autoptr(GError) error    = NULL;
  FILE *report;
  int   status;

  g_option_context_add_main_entries(context, entries, NULL);
  if (!azkb_cli_parse(context, &argc, &argv, do_help, &status))
    return status;
  if (argc < 2)
    return azkb_cli_usage(context, "no FILE to import");
  /* The summary must not mix with RDF written to stdout. */
  report = output != NULL && strcmp(output, "-") == 0 ? stderr : stdout;
  for (int i = 1; i < argc; i++) {
    AzkbRdfImportStats stats = { 0 };
    AzkbCliLoad        how   = { .format = format, .base = base };

    if (!azkb_cli_load_input(store, argv[i], &how, &stats, &error))
      return azkb_cli_fail(error);
    fprintf(report,
            "%s: %" G_GUINT64_FORMAT " triples: %u entities, %u "
            "statements (%u from statement nodes)\n",
            argv[i],
            stats.triples,
            stats.entities,
            stats.statements,
            stats.statement_nodes);
  }
  if (output != NULL) {
    AzkbRdfExportOptions options = {
      .flags   = AZKB_RDF_EXPORT_DATA | AZKB_RDF_EXPORT_ONTOLOGY,
      .present = azkb_cli_present(),
    };

    if (!azkb_rdf_export_file_full(store, output, NULL, base, &options, &error))
      return azkb_cli_fail(error);
  }
  return AZKB_EXIT_OK;
}
