/* The one style table of the diagrams, and the labels drawn on nodes and
 * edges.
 *
 * Colours come from the Okabe–Ito palette, which stays distinguishable
 * under the common forms of colour blindness; tests/test-diagram.c checks
 * it with a simulation (/diagram/style/colour-vision): two families drawn
 * with the same shape or line style differ by at least 10 ΔE under
 * protanopia, deuteranopia and tritanopia (events once shared olive with
 * operations' orange: 3 ΔE under deuteranopia).  Node fills are light tints of
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
  { "Place",           "place",                     "invhouse",      "filled",        "#FBEBCB", "#A66F00", "▽" },
  { NULL,              "other",                     "ellipse",       "filled",        "#FFFFFF", "#777777", "◯" },
};

/* Relations of one family share a look; the legend shows one sample per
 * family with the names of the relations drawn. */
static const AzkbEdgeStyle edge_styles[] = {
  /* relations                                               style     colour     structural */
  { "partOf|principalOrganOf",                               "dashed", "#000000", TRUE },
  { "memberOf|admittedTo|electedTo|presided|chaired|holdsOffice",
                                                             "solid",  "#0072B2", FALSE },
  { "mandatedBy|ledBy|participatedIn|contributesToOperationsMandatedBy",
                                                             "solid",  "#C05500", FALSE },
  { "heldBy|sessionOf|hosted|organised|organisedWith|continues|adoptedAt",
                                                             "solid",  "#CC79A7", FALSE },
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

/* A word longer than two lines is cut into pieces of @width characters
 * (a slightly long one, such as a range of days in a list of times, rather
 * overhangs); pieces after the first are marked as glued to the one before,
 * so that no separator is put back between them. */
typedef struct {
  char    *text;
  gboolean glued;
} Word;

static GArray *
split_words(const char *text, const char *separator, guint width)
{
  g_auto(GStrv) parts = g_strsplit(text, separator, -1);
  GArray *words       = g_array_new(FALSE, FALSE, sizeof(Word));

  for (guint i = 0; parts[i] != NULL; i++) {
    const char *p     = parts[i];
    gboolean    glued = FALSE;

    while (g_utf8_strlen(p, -1) > 2 * (glong)width) {
      const char *cut = g_utf8_offset_to_pointer(p, width);
      Word        w   = { g_strndup(p, (gsize)(cut - p)), glued };

      g_array_append_val(words, w);
      p     = cut;
      glued = TRUE;
    }
    g_array_append_val(words, ((Word){ g_strdup(p), glued }));
  }
  return words;
}

static void
free_words(GArray *words)
{
  for (guint i = 0; i < words->len; i++)
    g_free(g_array_index(words, Word, i).text);
  g_array_unref(words);
}

/* Greedy wrap of @text, split at @separator, into lines of at most @width
 * characters.  A line break replaces a separator, keeping what precedes its
 * spaces ("2003–2005," ends a line).  With @max_lines > 0 the rest is cut
 * and marked with an ellipsis (the full text is in the tooltip). */
char **
azkb_diagram_wrap_lines(const char *text,
                        const char *separator,
                        guint       width,
                        guint       max_lines)
{
  GArray          *words   = split_words(text, separator, MAX(width, 1));
  g_autofree char *brk     = g_strchomp(g_strdup(separator));
  g_autoptr(GPtrArray) out = g_ptr_array_new();
  GString *line            = g_string_new(NULL);
  guint    sep_len         = (guint)g_utf8_strlen(separator, -1);
  guint    used            = 0;

  for (guint i = 0; i < words->len; i++) {
    const Word *w   = &g_array_index(words, Word, i);
    guint       len = (guint)g_utf8_strlen(w->text, -1);
    guint       gap = w->glued ? 0 : sep_len;

    if (i > 0 && used + gap + len > width) {
      if (max_lines > 0 && out->len + 1 == max_lines) {
        g_string_append(line, "…");
        break;
      }
      if (!w->glued)
        g_string_append(line, brk);
      g_ptr_array_add(out, g_string_free(line, FALSE));
      line = g_string_new(NULL);
      used = 0;
    } else if (i > 0 && !w->glued) {
      g_string_append(line, separator);
      used += sep_len;
    }
    g_string_append(line, w->text);
    used += len;
  }
  g_ptr_array_add(out, g_string_free(line, FALSE));
  g_ptr_array_add(out, NULL);
  free_words(words);
  return (char **)g_ptr_array_free(g_steal_pointer(&out), FALSE);
}

char *
azkb_diagram_wrap(const char *text,
                  const char *separator,
                  guint       width,
                  guint       max_lines)
{
  g_autofree char *visible = azkb_diagram_visible(text, AZKB_DIAGRAM_TEXT_MAX);
  g_auto(GStrv) lines =
    azkb_diagram_wrap_lines(visible, separator, width, max_lines);

  return azkb_diagram_dot_label_lines((const char *const *)lines);
}

char **
azkb_diagram_node_label_lines(const AzkbStore *store, AzkbTermId entity)
{
  const char      *name    = azkb_store_display_name(store, entity);
  const char      *abbr    = azkb_store_short_name(store, entity);
  glong            len     = g_utf8_strlen(name, -1);
  g_autofree char *visible = NULL;

  if (abbr != NULL && len > LABEL_WIDTH && g_utf8_strlen(abbr, -1) < len)
    name = abbr;
  visible = azkb_diagram_visible(name, AZKB_DIAGRAM_TEXT_MAX);
  return azkb_diagram_wrap_lines(visible, " ", LABEL_WIDTH, MAX_LINES);
}

char *
azkb_diagram_node_label(const AzkbStore *store, AzkbTermId entity)
{
  g_auto(GStrv) lines = azkb_diagram_node_label_lines(store, entity);

  return azkb_diagram_dot_label_lines((const char *const *)lines);
}

char **
azkb_diagram_edge_label_lines(const char         *relation,
                              const AzkbInterval *times,
                              gsize               n_times)
{
  g_autoptr(GString) list = g_string_new(NULL);
  g_autofree char *rel = azkb_diagram_visible(relation, AZKB_DIAGRAM_TEXT_MAX);
  g_autofree char *joined  = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new();
  g_auto(GStrv) wrapped    = NULL;

  for (gsize i = 0; i < n_times; i++) {
    g_autofree char *when = NULL;

    if (azkb_interval_is_undated(&times[i]))
      continue;
    when = azkb_interval_to_string(&times[i], AZKB_TIME_STYLE_HUMAN);
    g_string_append_printf(list, "%s%s", list->len ? ", " : "", when);
  }
  if (list->len == 0) {
    g_ptr_array_add(out, g_steal_pointer(&rel));
  } else {
    joined = g_strdup_printf("%s %s", rel, list->str);
    if (g_utf8_strlen(joined, -1) <= EDGE_LINE)
      g_ptr_array_add(out, g_steal_pointer(&joined));
    else {
      g_ptr_array_add(out, g_steal_pointer(&rel));
      wrapped = azkb_diagram_wrap_lines(list->str, ", ", EDGE_WIDTH, 0);
      for (guint i = 0; wrapped[i] != NULL; i++)
        g_ptr_array_add(out, g_steal_pointer(&wrapped[i]));
    }
  }
  g_ptr_array_add(out, NULL);
  return (char **)g_ptr_array_free(g_steal_pointer(&out), FALSE);
}

char *
azkb_diagram_edge_label(const char         *relation,
                        const AzkbInterval *times,
                        gsize               n_times)
{
  g_auto(GStrv) lines = azkb_diagram_edge_label_lines(relation, times, n_times);

  return azkb_diagram_dot_label_lines((const char *const *)lines);
}
