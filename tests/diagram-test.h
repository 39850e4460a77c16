/* The fixture and helpers shared by the diagram tests (test-diagram.c,
 * test-diagram-render.c, test-diagram-cli.c); see diagram-test.c. */
#pragma once

#include "azkb-test.h"

#include <azkb/azkb.h>
#include <glib.h>
#include <graphviz/cgraph.h>

typedef struct {
  AzkbStore *store;
  char      *tmpdir;
} Fixture;

typedef struct {
  guint      nodes;   /* entity nodes */
  guint      legend;  /* legend nodes */
  gboolean   in_node; /* inside a node's <g> */
  gboolean   in_title;
  GPtrArray *titles; /* entity node titles */
  GPtrArray *links;  /* xlink:href values */
} SvgScan;

/* Adds the case @path running @func with a fresh Fixture. */
#define DIAGRAM_ADD(path, func)                                                \
  g_test_add(path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

AzkbTermId   entity(AzkbStore  *store,
                    const char *id,
                    const char *cls,
                    const char *name,
                    const char *abbr);
AzkbStmtId   state(AzkbStore  *store,
                   const char *s,
                   const char *rel,
                   const char *o,
                   const char *when);
void         fixture_set_up(Fixture *f, gconstpointer data);
void         fixture_tear_down(Fixture *f, gconstpointer data);
AzkbDiagram *diagram_with(Fixture *f, const AzkbDiagramOptions *opts);
Agraph_t    *read_back(AzkbDiagram *d);
gboolean     is_legend(Agnode_t *n);
gboolean     is_label_node(Agnode_t *n);
int          compare_strings(gconstpointer a, gconstpointer b);
char        *node_names(Agraph_t *g);
char        *node_attr(Agraph_t *g, const char *node, const char *attr);
Agnode_t    *label_node(Agraph_t   *g,
                        const char *tail,
                        const char *head,
                        const char *rel);
Agedge_t    *find_edge(Agraph_t   *g,
                       const char *tail,
                       const char *head,
                       const char *rel);
char        *edge_text(Agraph_t   *g,
                       const char *tail,
                       const char *head,
                       const char *rel);
guint        count_entity_edges(Agraph_t *g);
char        *cluster_paths(Agraph_t *g);
void         scan_svg(GBytes *svg, SvgScan *scan);
void         scan_clear(SvgScan *scan);
void         xmllint(const char *path);
