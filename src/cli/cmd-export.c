/* azkb export: the knowledge base as linked data, through raptor2. */
#include "cli.h"

#include <stdio.h>

int
azkb_cmd_export(int argc, char **argv, gboolean do_help)
{
  AzkbCliData      data          = { 0 };
  g_autofree char *format        = NULL;
  g_autofree char *output        = NULL;
  g_autofree char *base          = NULL;
  g_autofree char *at_text       = NULL;
  AzkbInterval     at            = { 0 };
  gboolean         with_ontology = FALSE;
  // clang-format off
  const GOptionEntry entries[] = {
    { "format",        'f', 0, G_OPTION_ARG_STRING,   &format,        "turtle (default), ntriples, nquads, rdfxml or json; by default the extension of -o says", "FORMAT" },
    { "output",        'o', 0, G_OPTION_ARG_FILENAME, &output,        "Write to FILE (atomically) instead of stdout", "FILE" },
    { "base",          0,   0, G_OPTION_ARG_STRING,   &base,          "Mint IRIs under IRI (default " AZKB_RDF_DEFAULT_BASE ")", "IRI" },
    { "at",            0,   0, G_OPTION_ARG_STRING,   &at_text,       "Write the graph as it stood at DATE (2012, 2012-05, 2012-05-04, A..B): the statements valid then and the undated ones", "DATE" },
    { "with-ontology", 0,   0, G_OPTION_ARG_NONE,     &with_ontology, "Also write the ontology (classes, relations, properties)", NULL },
    G_OPTION_ENTRY_NULL
  };
  // clang-format on
  g_autoptr(GOptionContext) context = azkb_cli_context(
    "export",
    NULL,
    "Write the knowledge base as RDF: a direct triple per relation, and an "
    "rdf:Statement node per dated or sourced statement.",
    "N-Triples (or N-Quads) is the fast, streaming format for bulk loaders; "
    "Turtle,\nRDF/XML and JSON are pretty and held in memory until "
    "written.\n\nExamples:\n  azkb export -o kb.ttl --with-ontology\n"
    "  azkb export --format ntriples > kb.nt\n"
    "  azkb export --at 2012 -o kb-2012.ttl");
  g_autoptr(AzkbStore) store = NULL;
  g_autoptr(GError) error    = NULL;
  int status;

  g_option_context_add_main_entries(context, entries, NULL);
  azkb_cli_add_data_options(context, &data);
  if (!azkb_cli_parse(context, &argc, &argv, do_help, &status))
    goto out;
  if (argc > 1) {
    status = azkb_cli_usage(context, "unexpected argument “%s”", argv[1]);
    goto out;
  }
  if (!azkb_cli_check_rdf_output(context, format, output, &status))
    goto out;
  if (at_text != NULL && !azkb_interval_parse(at_text, &at, &error)) {
    g_prefix_error(&error, "--at: ");
    status = azkb_cli_fail(error);
    goto out;
  }
  store = azkb_cli_load(&data, &error);
  if (store == NULL ||
      !azkb_cli_export(store,
                       output,
                       format,
                       base,
                       AZKB_RDF_EXPORT_DATA |
                         (with_ontology ? AZKB_RDF_EXPORT_ONTOLOGY : 0),
                       &at,
                       &error)) {
    status = azkb_cli_fail(error);
    goto out;
  }
  status = AZKB_EXIT_OK;
out:
  azkb_cli_data_clear(&data);
  return status;
}
