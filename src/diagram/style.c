/* The one style table of the diagrams, and the labels drawn on nodes and
 * edges.
 *
 * Colours come from the Okabe–Ito palette, which stays distinguishable
 * under the common forms of colour blindness.  Node fills are light tints of
 * it so that black text keeps a contrast ratio above 7:1; the full-strength
 * hue draws the border.  Every class also has its own shape, so colour is
 * never the only cue. */
#include "diagram-private.h"

#include <string.h>

/* Longest node label drawn on one line, in characters.  Longer names use
 * their abbreviation, or are wrapped onto at most MAX_LINES lines. */
#define LABEL_WIDTH 20
#define MAX_LINES 3
/* Width at which edge labels wrap their list of times. */
#define EDGE_WIDTH 26

/* Order matters: an entity takes the first row whose class it has
 * (subclasses included), so specific classes come before general ones. */
static const AzkbNodeStyle node_styles[] = {
  { "Country", "country", "house", "filled", "#F5D08A", "#A66F00" },
  { "Person", "person", "ellipse", "filled", "#EBC7DC", "#A8507F" },
  { "PrincipalOrgan",
    "principal organ",
    "box",
    "filled",
    "#B3E2D5",
    "#007A58" },
  { "Body", "body, board, committee", "box", "filled", "#B3E2D5", "#007A58" },
  { "Organisation",
    "organisation",
    "box",
    "rounded,filled",
    "#BFE3F7",
    "#0072B2" },
  { "Operation",
    "operation, mission",
    "octagon",
    "filled",
    "#F4C2A1",
    "#C05500" },
  { "Resolution", "resolution", "note", "filled", "#E3E3E3", "#555555" },
  { "Document", "document", "note", "filled", "#E3E3E3", "#555555" },
  { "Meeting",
    "meeting, session, event",
    "hexagon",
    "filled",
    "#F7F1A6",
    "#8F8400" },
  { "Event",
    "meeting, session, event",
    "hexagon",
    "filled",
    "#F7F1A6",
    "#8F8400" },
  { "Programme",
    "programme, framework",
    "component",
    "filled",
    "#D6E4F5",
    "#3B6EA8" },
  { NULL, "other", "ellipse", "filled", "#FFFFFF", "#777777" },
};

static const AzkbEdgeStyle edge_styles[] = {
  { "partOf", "dashed", "#666666", TRUE },
  { "principalOrganOf", "dashed", "#666666", TRUE },
  { "electedTo", "solid", "#0072B2", FALSE },
  { "memberOf", "solid", "#009E73", FALSE },
  { "mandatedBy", "dashed", "#C05500", FALSE },
  { "participatedIn", "solid", "#A66F00", FALSE },
  { "ledBy", "dotted", "#A8507F", FALSE },
  { "chairedBy", "dotted", "#A8507F", FALSE },
  { NULL, "solid", "#555555", FALSE },
};

const AzkbNodeStyle *
azkb_diagram_node_styles(gsize *out_n)
{
  *out_n = G_N_ELEMENTS(node_styles);
  return node_styles;
}

const AzkbNodeStyle *
azkb_diagram_node_style(const AzkbStore *store, AzkbTermId entity)
{
  gsize last = G_N_ELEMENTS(node_styles) - 1;

  for (gsize i = 0; i < last; i++) {
    AzkbTermId cls = azkb_store_lookup(store, node_styles[i].cls);

    if (cls != 0 && azkb_store_has_class(store, entity, cls))
      return &node_styles[i];
  }
  return &node_styles[last];
}

const AzkbEdgeStyle *
azkb_diagram_edge_style(const char *relation)
{
  gsize last = G_N_ELEMENTS(edge_styles) - 1;

  for (gsize i = 0; i < last; i++)
    if (g_strcmp0(edge_styles[i].relation, relation) == 0)
      return &edge_styles[i];
  return &edge_styles[last];
}

gboolean
azkb_diagram_is_structural(const char *relation)
{
  return azkb_diagram_edge_style(relation)->structural;
}

/* Greedy wrap of @text, split at @separator, into lines of at most @width
 * characters.  A line break replaces a separator, keeping what precedes its
 * spaces ("2003–2005," ends a line); lines are joined with Graphviz's
 * centred line break.  With @max_lines > 0 the rest is cut and marked with
 * an ellipsis (the full text is in the tooltip). */
static char *
wrap_words(const char *text,
           const char *separator,
           guint       width,
           guint       max_lines)
{
  g_auto(GStrv) words    = g_strsplit(text, separator, -1);
  g_autofree char *brk   = g_strchomp(g_strdup(separator));
  g_autoptr(GString) out = g_string_new(NULL);
  guint sep_len          = (guint)g_utf8_strlen(separator, -1);
  guint line             = 0;
  guint lines            = 1;

  for (guint i = 0; words[i] != NULL; i++) {
    guint len = (guint)g_utf8_strlen(words[i], -1);

    if (i > 0 && line + sep_len + len > width) {
      if (max_lines > 0 && lines == max_lines) {
        g_string_append(out, "…");
        break;
      }
      g_string_append_printf(out, "%s\\n", brk);
      line = 0;
      lines++;
    } else if (i > 0) {
      g_string_append(out, separator);
      line += sep_len;
    }
    g_string_append(out, words[i]);
    line += len;
  }
  return g_string_free(g_steal_pointer(&out), FALSE);
}

char *
azkb_diagram_node_label(const AzkbStore *store, AzkbTermId entity)
{
  const char *name = azkb_store_display_name(store, entity);
  const char *abbr = azkb_store_short_name(store, entity);
  glong       len  = g_utf8_strlen(name, -1);

  if (len <= LABEL_WIDTH)
    return g_strdup(name);
  if (abbr != NULL && g_utf8_strlen(abbr, -1) < len)
    return g_strdup(abbr);
  return wrap_words(name, " ", LABEL_WIDTH, MAX_LINES);
}

char *
azkb_diagram_edge_label(const char         *relation,
                        const AzkbInterval *times,
                        gsize               n_times)
{
  g_autoptr(GString) list  = g_string_new(NULL);
  g_autofree char *joined  = NULL;
  g_autofree char *wrapped = NULL;

  for (gsize i = 0; i < n_times; i++) {
    g_autofree char *when = NULL;

    if (azkb_interval_is_undated(&times[i]))
      continue;
    when = azkb_interval_to_string(&times[i], AZKB_TIME_STYLE_HUMAN);
    g_string_append_printf(list, "%s%s", list->len ? ", " : "", when);
  }
  if (list->len == 0)
    return g_strdup(relation);
  joined = g_strdup_printf("%s %s", relation, list->str);
  if (g_utf8_strlen(joined, -1) <= EDGE_WIDTH)
    return g_steal_pointer(&joined);
  wrapped = wrap_words(list->str, ", ", EDGE_WIDTH, 0);
  return g_strdup_printf("%s\\n%s", relation, wrapped);
}

char *
azkb_diagram_html_escape(const char *text)
{
  return g_markup_escape_text(text, -1);
}
