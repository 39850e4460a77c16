/* Laying out and rendering in-process with gvc, and writing files
 * atomically.
 *
 * A render reads back the DOT text that azkb_diagram_to_dot() writes and
 * lays out that copy, so what is drawn is exactly what `azkb dot` prints and
 * the built graph is never changed by a layout. */
#include "diagram-private.h"
#include "src/util/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <graphviz/gvc.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *const layouts[] = { "dot",   "sfdp",  "neato", "fdp",
                                       "circo", "twopi", NULL };
static const char *const formats[] = { "svg", "png", "pdf", NULL };

const char *const *
azkb_diagram_layouts(void)
{
  return layouts;
}

const char *const *
azkb_diagram_formats(void)
{
  return formats;
}

const char *
azkb_diagram_default_layout(const AzkbDiagram *diagram)
{
  if (diagram->layout != NULL)
    return diagram->layout;
  return diagram->n_nodes > AZKB_DIAGRAM_LARGE ? "sfdp" : "dot";
}

/* One gvc context for the process: loading the plugin configuration that
 * Debian's graphviz installs (config6a, with demand loading) is the costly
 * part, and gvc keeps part of it for the life of the process anyway. */
static GVC_t *
context(void)
{
  static GVC_t *gvc = NULL;

  if (g_once_init_enter(&gvc))
    g_once_init_leave(&gvc, gvContextPlugins(NULL, 1));
  return gvc;
}

/* Graphviz reports through a process-wide callback; while a layout or
 * render runs, its messages are collected here for the GError instead of
 * being printed (only the CLI prints). */
G_LOCK_DEFINE_STATIC(graphviz);
static GString *messages = NULL;

static int
collect_message(char *text)
{
  if (messages != NULL)
    g_string_append(messages, text);
  return 0;
}

static char *
take_messages(void)
{
  g_autofree char *text = g_string_free(g_steal_pointer(&messages), FALSE);

  return g_strdup(g_strstrip(text));
}

static gboolean
is_one_of(const char *const *list, const char *name)
{
  return name != NULL && g_strv_contains(list, name);
}

/* Graphviz 2.42's dot gives a labelled edge whose ends share a rank (a
 * "flat" edge, which cluster ranking can produce) a label node by growing
 * the rank's node array with realloc; the clusters keep pointers into the
 * old array, and gvFreeLayout (dot_cleanup) then frees them a second time.
 * The layout and the rendering never read those pointers, so the picture
 * is right; only the cleanup is unsafe.  For such a graph the layout data
 * is left to leak instead (freed at exit; a few kilobytes per render). */
static gboolean
cleanup_is_unsafe(Agraph_t *g, const char *layout)
{
  gboolean has_clusters = FALSE;

  if (strcmp(layout, "dot") != 0)
    return FALSE;
  for (Agraph_t *s = agfstsubg(g); s != NULL; s = agnxtsubg(s))
    has_clusters = has_clusters || g_str_has_prefix(agnameof(s), "cluster");
  if (!has_clusters)
    return FALSE;
  for (Agnode_t *n = agfstnode(g); n != NULL; n = agnxtnode(g, n))
    for (Agedge_t *e = agfstout(g, n); e != NULL; e = agnxtout(g, e))
      if (ND_rank(agtail(e)) == ND_rank(aghead(e)) && ED_label(e) != NULL)
        return TRUE;
  return FALSE;
}

static void
free_layout(GVC_t *gvc, Agraph_t *g, const char *layout)
{
  if (!cleanup_is_unsafe(g, layout))
    gvFreeLayout(gvc, g);
}

static GBytes *
layout_and_render(Agraph_t   *g,
                  const char *format,
                  const char *layout,
                  GError    **error)
{
  GVC_t           *gvc  = context();
  char            *data = NULL;
  unsigned int     len  = 0;
  GBytes          *out;
  g_autofree char *why = NULL;

  if (gvLayout(gvc, g, layout) != 0) {
    why = take_messages();
    g_set_error(error,
                AZKB_DIAGRAM_ERROR,
                AZKB_DIAGRAM_ERROR_LAYOUT,
                "layout “%s” failed%s%s",
                layout,
                *why ? ": " : "",
                why);
    return NULL;
  }
  if (gvRenderData(gvc, g, format, &data, &len) != 0) {
    free_layout(gvc, g, layout);
    why = take_messages();
    g_set_error(error,
                AZKB_DIAGRAM_ERROR,
                AZKB_DIAGRAM_ERROR_RENDER,
                "rendering “%s” failed%s%s",
                format,
                *why ? ": " : "",
                why);
    return NULL;
  }
  out = g_bytes_new(data, len);
  gvFreeRenderData(data);
  free_layout(gvc, g, layout);
  return out;
}

/* Graphviz's output is not a C string: no NUL at its end. */
static Agraph_t *
parse_bytes(GBytes *bytes)
{
  g_autofree char *text =
    g_strndup(g_bytes_get_data(bytes, NULL), g_bytes_get_size(bytes));

  return azkb_diagram_parse_dot(text);
}

/* Lay out @g without its legend, the legend on its own, put the legend
 * where the drawing has room (compose.c) and render the whole with its
 * positions as they are ("nop2"). */
static GBytes *
render_with_legend(Agraph_t   *g,
                   Agraph_t   *legend,
                   const char *format,
                   const char *layout,
                   GError    **error)
{
  g_autoptr(GBytes) main_text   = layout_and_render(g, "dot", layout, error);
  g_autoptr(GBytes) legend_text = NULL;
  Agraph_t *laid                = NULL;
  Agraph_t *placed              = NULL;
  GBytes   *out                 = NULL;
  double    dx, dy;

  if (main_text == NULL)
    return NULL;
  legend_text = layout_and_render(legend, "dot", "dot", error);
  if (legend_text == NULL)
    return NULL;
  laid   = parse_bytes(main_text);
  placed = parse_bytes(legend_text);
  if (laid == NULL || placed == NULL)
    g_set_error(error,
                AZKB_DIAGRAM_ERROR,
                AZKB_DIAGRAM_ERROR_LAYOUT,
                "cannot read the laid-out diagram back");
  else {
    const char *bb = agget(laid, (char *)"bb");
    double      x0 = 0, y0 = 0, x1 = 0, y1 = 0;

    if (bb != NULL)
      sscanf(bb, "%lf,%lf,%lf,%lf", &x0, &y0, &x1, &y1);
    azkb_diagram_legend_arrange(placed, x1 - x0);
    azkb_diagram_legend_place(laid, placed, &dx, &dy);
    azkb_diagram_add_legend(laid, placed, dx, dy);
    out = layout_and_render(laid, format, "nop2", error);
  }
  g_clear_pointer(&laid, agclose);
  g_clear_pointer(&placed, agclose);
  return out;
}

/* Read @diagram's DOT back and lay it out and render it, under the lock
 * that collects Graphviz's messages.  @format and @layout are checked.
 * With @legend_out, the legend is laid out on its own into it (its text)
 * and left out of the result; else a legend is placed in the drawing. */
static GBytes *
render_checked(AzkbDiagram *diagram,
               const char  *format,
               const char  *layout,
               char       **legend_out,
               GError     **error)
{
  g_autofree char *dot     = azkb_diagram_to_dot(diagram);
  g_autofree char *ignored = NULL;
  Agraph_t        *copy;
  Agraph_t        *legend = NULL;
  agusererrf       previous;
  GBytes          *out;

  G_LOCK(graphviz);
  messages = g_string_new(NULL);
  previous = agseterrf(collect_message);
  copy     = azkb_diagram_parse_dot(dot);
  /* Straight pieces were chosen for dot (dot.c); the force-directed
   * layouts route them around every node, which takes minutes above a few
   * hundred nodes, so they draw their own straight lines instead. */
  if (copy != NULL && diagram->layout == NULL && strcmp(layout, "dot") != 0)
    agsafeset(copy, (char *)"splines", (char *)"line", (char *)"");
  /* A chart with fixed positions is drawn as it is, legend included. */
  if (copy != NULL && diagram->layout == NULL)
    legend = azkb_diagram_take_legend(copy);
  if (copy == NULL) {
    g_autofree char *why = take_messages();
    g_set_error(error,
                AZKB_DIAGRAM_ERROR,
                AZKB_DIAGRAM_ERROR_LAYOUT,
                "cannot read the diagram back: %s",
                why);
    out = NULL;
  } else if (legend != NULL && legend_out != NULL) {
    g_autoptr(GBytes) text = layout_and_render(legend, "dot", "dot", error);

    out = text ? layout_and_render(copy, format, layout, error) : NULL;
    if (out != NULL)
      *legend_out =
        g_strndup(g_bytes_get_data(text, NULL), g_bytes_get_size(text));
  } else if (legend != NULL)
    out = render_with_legend(copy, legend, format, layout, error);
  else
    out = layout_and_render(copy, format, layout, error);
  g_clear_pointer(&legend, agclose);
  g_clear_pointer(&copy, agclose);
  if (messages != NULL)
    ignored = take_messages();
  agseterrf(previous);
  G_UNLOCK(graphviz);
  return out;
}

static gboolean
check_layout(const char *layout, GError **error)
{
  if (is_one_of(layouts, layout))
    return TRUE;
  g_set_error(error,
              AZKB_DIAGRAM_ERROR,
              AZKB_DIAGRAM_ERROR_LAYOUT,
              "unknown layout “%s” (dot, sfdp, neato, fdp, circo, "
              "twopi)",
              layout);
  return FALSE;
}

GBytes *
azkb_diagram_render(AzkbDiagram *diagram,
                    const char  *format,
                    const char  *layout,
                    GError     **error)
{
  if (diagram->layout != NULL)
    layout = diagram->layout; /* fixed positions: a chart */
  else if (layout == NULL)
    layout = azkb_diagram_default_layout(diagram);
  if (diagram->layout == NULL && !check_layout(layout, error))
    return NULL;
  if (!is_one_of(formats, format)) {
    g_set_error(error,
                AZKB_DIAGRAM_ERROR,
                AZKB_DIAGRAM_ERROR_RENDER,
                "unknown format “%s” (svg, png, pdf)",
                format ? format : "");
    return NULL;
  }
  return render_checked(diagram, format, layout, NULL, error);
}

/* Graphviz's "dot" output: the graph with the positions and sizes the
 * layout gave it as attributes (pos, width, height, bb), in points. */
char *
azkb_diagram_layout_text(AzkbDiagram *diagram,
                         const char  *layout,
                         char       **legend,
                         GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize       len;
  const char *data;

  if (layout == NULL)
    layout = azkb_diagram_default_layout(diagram);
  if (!check_layout(layout, error))
    return NULL;
  *legend = NULL;
  bytes   = render_checked(diagram, "dot", layout, legend, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data(bytes, &len);
  return g_strndup(data, len);
}

/* ---- atomic writes ---- */

/* The one atomic writer of libazkb: the old file survives any failure or
 * signal; a device or FIFO is written through. */
gboolean
azkb_diagram_write_atomic(const char *path,
                          const char *data,
                          gsize       len,
                          GError    **error)
{
  return azkb_atomic_write(
    path, data, len, AZKB_DIAGRAM_ERROR, AZKB_DIAGRAM_ERROR_IO, error);
}

gboolean
azkb_diagram_write_dot(AzkbDiagram *diagram, const char *path, GError **error)
{
  g_autofree char *dot = azkb_diagram_to_dot(diagram);

  return azkb_diagram_write_atomic(path, dot, strlen(dot), error);
}

gboolean
azkb_diagram_render_file(AzkbDiagram *diagram,
                         const char  *format,
                         const char  *layout,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GBytes) data = azkb_diagram_render(diagram, format, layout, error);
  gsize       len;
  const char *bytes;

  if (data == NULL)
    return FALSE;
  bytes = g_bytes_get_data(data, &len);
  return azkb_diagram_write_atomic(path, bytes, len, error);
}
