/* azkb generate: a synthetic knowledge graph of any size, in the shape azkb
 * exports, for benchmarks and tests.  The store is filled by the library's
 * generator and written by the RDF exporter (or as a snapshot). */
#include "cli.h"

#include <string.h>

int
azkb_cmd_generate(int argc, char **argv, gboolean do_help)
{
  g_autofree char *format   = NULL;
  g_autofree char *output   = NULL;
  g_autofree char *base     = NULL;
  g_autofree char *shape    = NULL;
  gint64           entities = 0;
  gint64           seed     = 1;
  // clang-format off
  const GOptionEntry entries[] = {
    { "entities", 'n', 0, G_OPTION_ARG_INT64,    &entities, "Make N entities (required; about 5 statements each)", "N" },
    { "seed",     's', 0, G_OPTION_ARG_INT64,    &seed,     "Seed of the generator (default 1): same seed, same graph", "S" },
    { "output",   'o', 0, G_OPTION_ARG_FILENAME, &output,   "Write to FILE (atomically) instead of stdout", "FILE" },
    { "format",   'f', 0, G_OPTION_ARG_STRING,   &format,   "turtle (default), ntriples, nquads, rdfxml, json (as `azkb export`) or snapshot (binary); by default the extension of -o says", "FORMAT" },
    { "shape",    0,   0, G_OPTION_ARG_STRING,   &shape,    "un (default: the bundled knowledge base scaled up), hubs, deep or ring: the benchmarks' other graph shapes (include/azkb/generate.h)", "SHAPE" },
    { "base",     0,   0, G_OPTION_ARG_STRING,   &base,     "Mint IRIs under IRI (default " AZKB_RDF_DEFAULT_BASE ")", "IRI" },
    G_OPTION_ENTRY_NULL
  };
  // clang-format on
  g_autoptr(GOptionContext) context = azkb_cli_context(
    "generate",
    NULL,
    "Write a synthetic knowledge graph: a class hierarchy, eight relations "
    "(a deep partOf\ntree, the others with hubs), every statement dated and "
    "sourced, labels.",
    "Examples:\n  azkb generate --entities 100000 --seed 42 -o g100k.nt\n"
    "  azkb generate -n 1000000 -o g1m.azs");
  g_autoptr(AzkbStore) store  = NULL;
  g_autoptr(GError) error     = NULL;
  AzkbGenerateOptions options = { 0 };
  gboolean            snapshot;
  int                 status;

  g_option_context_add_main_entries(context, entries, NULL);
  if (!azkb_cli_parse(context, &argc, &argv, do_help, &status))
    return status;
  if (argc > 1)
    return azkb_cli_usage(context, "unexpected argument “%s”", argv[1]);
  if (entities < 1 || entities > G_MAXUINT32)
    return azkb_cli_usage(context, "--entities N is required (N ≥ 1)");
  if (seed < 0 || seed > G_MAXUINT32)
    return azkb_cli_usage(context, "--seed must be 0..%u", G_MAXUINT32);
  snapshot = (format != NULL && g_ascii_strcasecmp(format, "snapshot") == 0) ||
             (format == NULL && output != NULL &&
              g_str_has_suffix(output, AZKB_SNAPSHOT_SUFFIX));
  if (snapshot && output == NULL)
    return azkb_cli_usage(context, "a snapshot needs -o FILE (- for stdout)");
  if (snapshot && !azkb_cli_check_binary_output(
                    context, output, "a binary snapshot", &status))
    return status;
  if (snapshot && format != NULL && strcmp(output, "-") != 0 &&
      azkb_rdf_syntax_name(NULL, output) != NULL)
    return azkb_cli_usage(
      context, "--format %s contradicts the name “%s”", format, output);
  if (!snapshot && !azkb_cli_check_rdf_output(context, format, output, &status))
    return status;

  if (shape != NULL && !azkb_generate_shape_from_name(shape, &options.shape))
    return azkb_cli_usage(
      context, "unknown --shape “%s” (un, hubs, deep, ring)", shape);
  options.n_entities = (guint)entities;
  options.seed       = (guint32)seed;
  store              = azkb_store_new();
  if (!azkb_generate(store, &options, &error))
    return azkb_cli_fail(error);
  if (snapshot && strcmp(output, "-") == 0
        ? !azkb_snapshot_write(store, stdout, &error)
      : snapshot
        ? !azkb_snapshot_save(store, output, &error)
        : !azkb_cli_export(store,
                           output,
                           format,
                           base,
                           AZKB_RDF_EXPORT_DATA | AZKB_RDF_EXPORT_ONTOLOGY,
                           NULL,
                           &error))
    return azkb_cli_fail(error);
  return AZKB_EXIT_OK;
}
