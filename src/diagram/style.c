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
#define LABEL_WIDTH 24
#define MAX_LINES 4
/* An edge label stays on one line up to EDGE_LINE characters; beyond, the
 * times go below the relation, wrapped at EDGE_WIDTH. */
#define EDGE_LINE 26
#define EDGE_WIDTH 30

/* Order matters: an entity takes the first row whose class it has
 * (subclasses included), so specific classes come before general ones.
 * Class names are those of ontology/azkb.ttl.  The source document and its
 * paragraphs are provenance, shown in the edge tooltips, not things in the
 * picture; they are drawn only when a diagram is centred on one of them
 * (`--around P7`), so they too have a look. */
// clang-format off
static const AzkbNodeStyle node_styles[] = {
  /* class             legend                       shape            style            fill       border     glyph */
  { "SourceParagraph", "source paragraph",          "note",          "filled",        "#FFFFFF", "#555555", "▤" },
  { "SourceDocument",  "source document",           "folder",        "filled",        "#FFFFFF", "#555555", "▤" },
  { "Country",         "country",                   "house",         "filled",        "#F5D08A", "#A66F00", "⌂" },
  { "Person",          "person",                    "ellipse",       "filled",        "#EBC7DC", "#A8507F", "◯" },
  { "Office",          "office held by a person",   "ellipse",       "dashed,filled", "#F6E3EE", "#A8507F", "◌" },
  { "PrincipalOrgan",  "principal organ",           "box",           "bold,filled",   "#B3E2D5", "#007A58", "▭" },
  { "Body",            "body, board, committee",    "box",           "filled",        "#D5EFE7", "#007A58", "▭" },
  { "NationalOrganisation", "national organisation", "tab",          "filled",        "#F5D08A", "#A66F00", "▭" },
  { "Organisation",    "organisation",              "box",           "rounded,filled", "#BFE3F7", "#0072B2", "▢" },
  { "Operation",       "operation, mission",        "parallelogram", "filled",        "#F4C2A1", "#C05500", "▱" },
  { "Document",        "resolution, document",      "note",          "filled",        "#E6E6E6", "#555555", "▤" },
  { "Event",           "meeting, session, event",   "hexagon",       "filled",        "#F7F1A6", "#8F8400", "⬡" },
  { "Cooperation",     "cooperation",               "ellipse",       "filled",        "#D6E4F5", "#3B6EA8", "◯" },
  { "Concept",         "purpose, principle, topic", "ellipse",       "dashed",        "#FFFFFF", "#777777", "◌" },
  { "Place",           "place",                     "house",         "filled",        "#FBEBCB", "#A66F00", "⌂" },
  { NULL,              "other",                     "ellipse",       "filled",        "#FFFFFF", "#777777", "◯" },
};

/* Relations of one family share a look; the legend shows one sample per
 * family with the names of the relations drawn. */
static const AzkbEdgeStyle edge_styles[] = {
  /* relations                                               style     colour     structural */
  { "partOf|principalOrganOf",                               "dashed", "#666666", TRUE },
  { "memberOf|admittedTo|electedTo|presided|chaired|holdsOffice",
                                                             "solid",  "#0072B2", FALSE },
  { "mandatedBy|ledBy|participatedIn|contributesToOperationsMandatedBy",
                                                             "solid",  "#C05500", FALSE },
  { "heldBy|sessionOf|hosted|organised|organisedWith|continues|adoptedAt",
                                                             "solid",  "#8F8400", FALSE },
  { "adoptedBy|issuedBy|sponsored|coSponsored|initiated|proposed|signed|partyTo",
                                                             "dashed", "#A8507F", FALSE },
  { "supports|affirms|demands|concerns|worksTowardsSettlementOf",
                                                             "dashed", "#009E73", FALSE },
  { "hasPurpose|hasPrinciple|hasPillar|primaryResponsibilityFor|guidedBy|"
    "contributesTo|engagedIn|advocates|sharesExpertiseOn",   "dotted", "#777777", FALSE },
  { NULL,                                                    "solid",  "#555555", FALSE },
};
// clang-format on

const AzkbEdgeStyle *
azkb_diagram_edge_styles(gsize *out_n)
{
  *out_n = G_N_ELEMENTS(edge_styles);
  return edge_styles;
}

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

gboolean
azkb_diagram_is_provenance(const AzkbStore *store, AzkbTermId term)
{
  const char *cls = azkb_diagram_node_style(store, term)->cls;

  if (azkb_store_term_kind(store, term) & AZKB_TERM_SOURCE)
    return TRUE;
  return cls != NULL && (strcmp(cls, "SourceParagraph") == 0 ||
                         strcmp(cls, "SourceDocument") == 0);
}

/* Is @name one of the `|`-separated names in @list? */
static gboolean
in_list(const char *list, const char *name)
{
  gsize len = strlen(name);

  for (const char *p = list; p != NULL; p = strchr(p, '|')) {
    if (*p == '|')
      p++;
    if (strncmp(p, name, len) == 0 && (p[len] == '|' || p[len] == '\0'))
      return TRUE;
  }
  return FALSE;
}

const AzkbEdgeStyle *
azkb_diagram_edge_style(const char *relation)
{
  gsize last = G_N_ELEMENTS(edge_styles) - 1;

  for (gsize i = 0; i < last; i++)
    if (in_list(edge_styles[i].relations, relation))
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
char *
azkb_diagram_wrap(const char *text,
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
  return azkb_diagram_wrap(name, " ", LABEL_WIDTH, MAX_LINES);
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
  if (g_utf8_strlen(joined, -1) <= EDGE_LINE)
    return g_steal_pointer(&joined);
  wrapped = azkb_diagram_wrap(list->str, ", ", EDGE_WIDTH, 0);
  return g_strdup_printf("%s\\n%s", relation, wrapped);
}

char *
azkb_diagram_html_escape(const char *text)
{
  return g_markup_escape_text(text, -1);
}
