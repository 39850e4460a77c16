/* The selection options `azkb dot` and `azkb render` share (cmd-dot.c). */
#pragma once

#include "cli.h"

G_BEGIN_DECLS

/* The description both commands print under --help. */
#define SELECTION_HELP                                                            \
  "Without a selection the whole knowledge base is drawn.  --around draws "       \
  "the entities within --depth hops (default 1) of ENTITY; --query draws the "    \
  "entities a path pattern matches (its named entities and the values of its "    \
  "variables) and the statements that make its steps; --at keeps the "            \
  "statements valid at DATE (a date of any precision, or an interval "            \
  "A..B), plus undated ones such as structure; several times, “--at "           \
  "2005,2012,2019”, draw small multiples: one panel per time, side by side, "   \
  "each node at the same place in every panel; --relations keeps only the "       \
  "relations named (“electedTo|partOf”).  A body part of an organisation is " \
  "drawn inside it (partOf, principalOrganOf); several terms of one "             \
  "relation between one pair share one edge (“electedTo 2003–2005, "          \
  "2017–2019”).\n\n"                                                          \
  "Above " G_STRINGIFY(                                                           \
    AZKB_DIAGRAM_OVERVIEW) " entities the diagram is an "                         \
                           "overview: one node per class, with its count and "    \
                           "its best connected "                                  \
                           "entities, and one edge per class, relation and "      \
                           "class, with its count of "                            \
                           "statements; --full draws every entity.\n\n"           \
                           "Exit status: 0 written, 1 nothing selected or "       \
                           "more than --max-nodes, "                              \
                           "2 usage error (bad option, unknown entity or "        \
                           "relation), 3 data or "                                \
                           "write error."

typedef struct {
  AzkbCliData data;
  char       *around;
  int         depth;
  char       *query;
  char       *at;
  char       *relations;
  char       *base;
  int         max_nodes;
  char       *title;
  gboolean    no_legend;
  gboolean    full;
  char       *output;
} AzkbDiagramCli;

/// Add the selection options shared by dot and render (and --data, --now, -o)
/// to @context.
void azkb_diagram_cli_add_options(GOptionContext *context, AzkbDiagramCli *cli);

/// Free what the option parser put in @cli.
void azkb_diagram_cli_clear(AzkbDiagramCli *cli);

/**
 * Check the options, load the data and build the diagram (small multiples
 * when --at lists several times, their union laid out with @layout, NULL
 * for the default).  On failure prints the message and returns NULL with
 * *out_status set (2 for a usage error, else the status of the error).
 */
AzkbDiagram *azkb_diagram_cli_build(GOptionContext       *context,
                                    const AzkbDiagramCli *cli,
                                    const char           *layout,
                                    int                   argc,
                                    char                **argv,
                                    int                  *out_status);

G_END_DECLS
