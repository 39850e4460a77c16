/* azkb dot: the diagram as DOT text, built with cgraph and written with
 * agwrite.  Also the selection options shared with `azkb render`. */
#include "diagram-options.h"

#include <stdio.h>
#include <string.h>

void
azkb_diagram_cli_add_options(GOptionContext *context, AzkbDiagramCli *cli)
{
  const GOptionEntry entries[] = {
    { "around",
      'a',
      0,
      G_OPTION_ARG_STRING,
      &cli->around,
      "Draw the neighbourhood of ENTITY (id, label or abbreviation)",
      "ENTITY" },
    { "depth",
      0,
      0,
      G_OPTION_ARG_INT,
      &cli->depth,
      "Hops from the --around entity (default 1)",
      "N" },
    { "at",
      0,
      0,
      G_OPTION_ARG_STRING,
      &cli->at,
      "Draw the snapshot valid at DATE (2012, 2012-05, 2012-05-04, A..B)",
      "DATE" },
    { "relations",
      'r',
      0,
      G_OPTION_ARG_STRING,
      &cli->relations,
      "Keep only these relations: “electedTo|partOf”",
      "EXPR" },
    { "base",
      0,
      0,
      G_OPTION_ARG_STRING,
      &cli->base,
      "Base of the entity IRIs linked from nodes "
      "(default " AZKB_DIAGRAM_DEFAULT_BASE ")",
      "IRI" },
    { "max-nodes",
      0,
      0,
      G_OPTION_ARG_INT,
      &cli->max_nodes,
      "Refuse to draw more than N nodes (exit 1)",
      "N" },
    { "title",
      0,
      0,
      G_OPTION_ARG_STRING,
      &cli->title,
      "Title of the diagram (shown on the legend)",
      "TEXT" },
    { "no-legend",
      0,
      0,
      G_OPTION_ARG_NONE,
      &cli->no_legend,
      "Leave the legend out",
      NULL },
    { "output",
      'o',
      0,
      G_OPTION_ARG_FILENAME,
      &cli->output,
      "Write to FILE (atomically: all or nothing)",
      "FILE" },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries(context, entries, NULL);
  azkb_cli_add_data_options(context, &cli->data);
}

void
azkb_diagram_cli_clear(AzkbDiagramCli *cli)
{
  azkb_cli_data_clear(&cli->data);
  g_clear_pointer(&cli->around, g_free);
  g_clear_pointer(&cli->at, g_free);
  g_clear_pointer(&cli->relations, g_free);
  g_clear_pointer(&cli->base, g_free);
  g_clear_pointer(&cli->title, g_free);
  g_clear_pointer(&cli->output, g_free);
}

/* Option combinations the parser cannot check.  Returns FALSE with the
 * usage status after printing the reason. */
static gboolean
check_usage(GOptionContext       *context,
            const AzkbDiagramCli *cli,
            int                   argc,
            char                **argv,
            int                  *out_status)
{
  if (argc > 1)
    *out_status = azkb_cli_usage(context, "unexpected argument “%s”", argv[1]);
  else if (cli->depth < 0)
    *out_status = azkb_cli_usage(context,
                                 "--depth: give a number of hops "
                                 "of at least 1");
  else if (cli->depth > 0 && cli->around == NULL)
    *out_status = azkb_cli_usage(context, "--depth needs --around ENTITY");
  else if (cli->max_nodes < 0)
    *out_status = azkb_cli_usage(context,
                                 "--max-nodes: give a positive "
                                 "number");
  else
    return TRUE;
  return FALSE;
}

AzkbDiagram *
azkb_diagram_cli_build(GOptionContext       *context,
                       const AzkbDiagramCli *cli,
                       int                   argc,
                       char                **argv,
                       int                  *out_status)
{
  AzkbDiagramOptions opts    = { 0 };
  g_autoptr(AzkbStore) store = NULL;
  g_autoptr(GError) error    = NULL;
  AzkbDiagram *diagram;

  if (!check_usage(context, cli, argc, argv, out_status))
    return NULL;
  if (cli->at != NULL && !azkb_interval_parse(cli->at, &opts.at, &error)) {
    g_prefix_error(&error, "--at: ");
    *out_status = azkb_cli_fail(error);
    return NULL;
  }
  store = azkb_cli_load(&cli->data, &error);
  if (store == NULL) {
    *out_status = azkb_cli_fail(error);
    return NULL;
  }
  opts.around    = cli->around;
  opts.depth     = (guint)cli->depth;
  opts.relations = cli->relations;
  opts.base      = cli->base;
  opts.max_nodes = (guint)cli->max_nodes;
  opts.title     = cli->title;
  opts.no_legend = cli->no_legend;
  diagram        = azkb_diagram_new(store, &opts, &error);
  if (diagram == NULL)
    *out_status = azkb_cli_fail(error);
  return diagram;
}

static int
write_dot(AzkbDiagram *diagram, const char *output)
{
  g_autoptr(GError) error = NULL;

  if (output == NULL || strcmp(output, "-") == 0) {
    g_autofree char *dot = azkb_diagram_to_dot(diagram);

    if (fputs(dot, stdout) < 0 || fflush(stdout) != 0) {
      fprintf(stderr, "%s: cannot write to standard output\n", g_get_prgname());
      return AZKB_EXIT_DATA;
    }
    return AZKB_EXIT_OK;
  }
  if (!azkb_diagram_write_dot(diagram, output, &error))
    return azkb_cli_fail(error);
  return AZKB_EXIT_OK;
}

int
azkb_cmd_dot(int argc, char **argv, gboolean do_help)
{
  AzkbDiagramCli cli                = { 0 };
  g_autoptr(GOptionContext) context = azkb_cli_context(
    "dot",
    NULL,
    "Write a relationship diagram as Graphviz DOT (to standard output, or "
    "to -o FILE).",
    SELECTION_HELP);
  g_autoptr(AzkbDiagram) diagram = NULL;
  int status;

  azkb_diagram_cli_add_options(context, &cli);
  if (!azkb_cli_parse(context, &argc, &argv, do_help, &status))
    goto out;
  diagram = azkb_diagram_cli_build(context, &cli, argc, argv, &status);
  if (diagram == NULL)
    goto out;
  status = write_dot(diagram, cli.output);
out:
  azkb_diagram_cli_clear(&cli);
  return status;
}
