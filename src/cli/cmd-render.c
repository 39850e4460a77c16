/* azkb render: the diagram laid out and rendered in-process with gvc, to
 * SVG, PNG or PDF. */
#include "diagram-options.h"

#include <stdio.h>
#include <string.h>

typedef struct {
  AzkbDiagramCli cli;
  char          *format;
  char          *layout;
  char          *timeline;
} RenderCli;

static void
render_cli_clear(RenderCli *r)
{
  azkb_diagram_cli_clear(&r->cli);
  g_clear_pointer(&r->format, g_free);
  g_clear_pointer(&r->layout, g_free);
  g_clear_pointer(&r->timeline, g_free);
}

/* The known format named @name in any case, or NULL. */
static const char *
known_format(const char *name)
{
  for (const char *const *f = azkb_diagram_formats(); *f != NULL; f++)
    if (name != NULL && g_ascii_strcasecmp(name, *f) == 0)
      return *f;
  return NULL;
}

/* The format the extension of -o FILE names, or NULL. */
static const char *
extension_format(const RenderCli *r)
{
  const char *dot = strrchr(r->cli.output, '.');

  if (dot == NULL || strchr(dot, '/') != NULL)
    return NULL;
  return known_format(dot + 1);
}

/* --format, else the extension of -o FILE. */
static const char *
pick_format(const RenderCli *r)
{
  if (r->format != NULL)
    return known_format(r->format);
  return extension_format(r);
}

static gboolean
check_render_usage(GOptionContext *context, const RenderCli *r, int *out_status)
{
  const char *format;

  if (r->cli.output == NULL) {
    *out_status = azkb_cli_usage(context, "no output given: use -o FILE");
    return FALSE;
  }
  format = pick_format(r);
  /* SVG is text, but it quotes labels from data as XML, not for a
   * terminal: only a pipe or a file gets any of the three. */
  if (format != NULL &&
      !azkb_cli_check_binary_output(context, r->cli.output, format, out_status))
    return FALSE;
  if (format == NULL && r->format == NULL) {
    *out_status =
      azkb_cli_usage(context,
                     "give --format svg|png|pdf (no format in the name “%s”)",
                     r->cli.output);
    return FALSE;
  }
  if (format == NULL) {
    *out_status = azkb_cli_usage(
      context, "--format: unknown format “%s” (svg, png, pdf)", r->format);
    return FALSE;
  }
  /* `-f png -o x.svg` would write PNG bytes under an SVG name. */
  if (extension_format(r) != NULL && extension_format(r) != format) {
    *out_status = azkb_cli_usage(
      context, "--format %s contradicts the name “%s”", format, r->cli.output);
    return FALSE;
  }
  if (r->layout != NULL &&
      !g_strv_contains(azkb_diagram_layouts(), r->layout)) {
    *out_status = azkb_cli_usage(
      context,
      "--layout: unknown layout “%s” (dot, sfdp, neato, fdp, circo, "
      "twopi)",
      r->layout);
    return FALSE;
  }
  return TRUE;
}

/* --timeline ENTITY: a chart of time; the graph selection options do not
 * apply to it. */
static AzkbDiagram *
build_timeline(GOptionContext  *context,
               const RenderCli *r,
               int              argc,
               int             *out_status)
{
  g_autoptr(AzkbStore) store = NULL;
  g_autoptr(GError) error    = NULL;
  AzkbDiagram *diagram;

  if (argc > 1 || r->cli.around != NULL || r->cli.query != NULL ||
      r->cli.at != NULL || r->cli.relations != NULL || r->cli.depth != 0) {
    *out_status = azkb_cli_usage(context,
                                 "--timeline draws one entity: give no "
                                 "--around, --query, --at, --relations or "
                                 "--depth with it");
    return NULL;
  }
  store = azkb_cli_load(&r->cli.data, &error);
  if (store == NULL) {
    *out_status = azkb_cli_fail(error);
    return NULL;
  }
  diagram = azkb_diagram_timeline_new(
    store, r->timeline, r->cli.title, azkb_cli_present(), &error);
  if (diagram == NULL)
    *out_status = azkb_cli_fail(error);
  return diagram;
}

/* `-o -`: the rendered bytes to standard output, as `dot -Tpng` does. */
static int
render_to_stdout(AzkbDiagram *diagram, const char *format, const char *layout)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes =
    azkb_diagram_render(diagram, format, layout, &error);
  gsize         size;
  const guint8 *data;

  if (bytes == NULL)
    return azkb_cli_fail(error);
  data = g_bytes_get_data(bytes, &size);
  /* a failed write says so as every other write to stdout does */
  if (fwrite(data, 1, size, stdout) != size)
    return azkb_cli_finish_stdout(AZKB_EXIT_OK);
  return AZKB_EXIT_OK;
}

static int
render(AzkbDiagram *diagram, const RenderCli *r)
{
  g_autoptr(GError) error = NULL;
  const char *layout      = r->layout;

  /* Large graphs switch from dot to sfdp unless a layout was asked for. */
  if (layout == NULL) {
    layout = azkb_diagram_default_layout(diagram);
    if (strcmp(layout, "sfdp") == 0)
      fprintf(stderr,
              "%s: %u nodes (more than %d): using the %s layout with "
              "overlap removal; give --layout to choose another\n",
              g_get_prgname(),
              azkb_diagram_n_nodes(diagram),
              AZKB_DIAGRAM_LARGE,
              layout);
  }
  if (strcmp(r->cli.output, "-") == 0)
    return render_to_stdout(diagram, pick_format(r), layout);
  if (!azkb_diagram_render_file(
        diagram, pick_format(r), layout, r->cli.output, &error))
    return azkb_cli_fail(error);
  return AZKB_EXIT_OK;
}

int
azkb_cmd_render(int argc, char **argv, gboolean do_help)
{
  RenderCli r                       = { 0 };
  g_autoptr(GOptionContext) context = azkb_cli_context(
    "render",
    NULL,
    "Lay out a relationship diagram and render it to SVG, PNG or PDF with "
    "Graphviz, in-process.",
    SELECTION_HELP
    "\n\n"
    "The format defaults to the extension of -o FILE.  "
    "Above " G_STRINGIFY(
      AZKB_DIAGRAM_LARGE) " nodes the "
                          "layout defaults to sfdp with overlap removal.");
  // clang-format off
  const GOptionEntry entries[] = {
    { "format",   'f', 0, G_OPTION_ARG_STRING, &r.format,   "Output format: svg, png or pdf (default: from -o FILE)", "FORMAT" },
    { "timeline", 0,   0, G_OPTION_ARG_STRING, &r.timeline, "Draw ENTITY's dated statements as a timeline chart instead", "ENTITY" },
    { "layout",   'l', 0, G_OPTION_ARG_STRING, &r.layout,   "Layout engine: dot, sfdp, neato, fdp, circo or twopi (default dot)", "ENGINE" },
    G_OPTION_ENTRY_NULL
  };
  // clang-format on
  g_autoptr(AzkbDiagram) diagram = NULL;
  int status;

  g_option_context_add_main_entries(context, entries, NULL);
  azkb_diagram_cli_add_options(context, &r.cli);
  if (!azkb_cli_parse(context, &argc, &argv, do_help, &status))
    goto out;
  if (!check_render_usage(context, &r, &status))
    goto out;
  if (r.timeline != NULL)
    diagram = build_timeline(context, &r, argc, &status);
  else
    diagram =
      azkb_diagram_cli_build(context, &r.cli, r.layout, argc, argv, &status);
  if (diagram == NULL)
    goto out;
  status = render(diagram, &r);
out:
  render_cli_clear(&r);
  return status;
}
