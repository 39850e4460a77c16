/* Text from the data on its way into DOT, SVG and HTML-like labels.
 *
 * Labels are written by other people: they may hold backslashes, quotes,
 * control characters or kilobytes of text.  Every such text passes through
 * here before it becomes an attribute, so that the DOT agwrite produces is
 * always read back by agread and by `dot`, and the SVG Graphviz makes from
 * it is always well-formed XML:
 *   - control characters (C0, DEL, C1) become visible: U+2400's control
 *     pictures (␛ for ESC) or U+FFFD for C1; XML 1.0 cannot hold most of
 *     them even as character references;
 *   - a text is cut at a length with "…": cgraph's scanner refuses quoted
 *     strings longer than 16 kB, and a picture cannot show more anyway
 *     (the knowledge base keeps the whole text);
 *   - backslashes are escaped for the attribute: labels are Graphviz
 *     escString (\N, \n, \l mean something), so one backslash is written
 *     as two; tooltips go through a second round of substitution in the
 *     SVG renderer, so there as four;
 *   - cgraph 2.42's scanner reads `\\` as a pair and `\"` as a quote,
 *     while agwrite writes a backslash as it is and a quote as `\"`: an odd
 *     run of backslashes before a quote (`a\"b`, written `a\\"b`) or
 *     before the closing quote ends the string early.  Such a run gets a
 *     zero-width space after it. */
#include "diagram-private.h"

#include <string.h>

#define ZERO_WIDTH_SPACE "\xE2\x80\x8B"

static gboolean
is_control(gunichar c)
{
  return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

static void
append_visible(GString *out, gunichar c)
{
  if (c < 0x20)
    g_string_append_unichar(out, 0x2400 + c);
  else if (c == 0x7F)
    g_string_append_unichar(out, 0x2421);
  else if (is_control(c))
    g_string_append_unichar(out, 0xFFFD);
  else
    g_string_append_unichar(out, c);
}

char *
azkb_diagram_visible(const char *text, guint max_chars)
{
  g_autofree char *valid = g_utf8_make_valid(text, -1);
  GString         *out   = g_string_sized_new(strlen(valid));
  guint            n     = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char(p), n++) {
    if (max_chars > 0 && n == max_chars) {
      g_string_append(out, "…");
      break;
    }
    append_visible(out, g_utf8_get_char(p));
  }
  return g_string_free(out, FALSE);
}

/* TRUE if @out ends with an odd run of backslashes. */
static gboolean
ends_with_odd_run(const GString *out)
{
  gsize run = 0;

  while (run < out->len && out->str[out->len - 1 - run] == '\\')
    run++;
  return run % 2 == 1;
}

/* Each backslash of @text as @n_backslashes; see the comment at the top. */
static void
append_escaped(GString *out, const char *text, guint n_backslashes)
{
  for (const char *p = text; *p != '\0'; p++) {
    if (*p == '\\')
      for (guint i = 1; i < n_backslashes; i++)
        g_string_append_c(out, '\\');
    else if (*p == '"' && ends_with_odd_run(out))
      g_string_append(out, ZERO_WIDTH_SPACE);
    g_string_append_c(out, *p);
  }
}

static char *
guard_end(GString *out)
{
  if (ends_with_odd_run(out))
    g_string_append(out, ZERO_WIDTH_SPACE);
  return g_string_free(out, FALSE);
}

static char *
escape_backslashes(const char *text, guint n_backslashes)
{
  GString *out = g_string_sized_new(strlen(text) + 8);

  append_escaped(out, text, n_backslashes);
  return guard_end(out);
}

char *
azkb_diagram_dot_label_lines(const char *const *lines)
{
  GString *out = g_string_new(NULL);

  for (guint i = 0; lines[i] != NULL; i++) {
    if (i > 0)
      g_string_append(out, "\\n");
    append_escaped(out, lines[i], 2);
  }
  return guard_end(out);
}

char *
azkb_diagram_dot_label(const char *text, guint max_chars)
{
  g_autofree char *visible = azkb_diagram_visible(text, max_chars);

  return escape_backslashes(visible, 2);
}

char *
azkb_diagram_dot_id(const char *text)
{
  g_autofree char *visible = azkb_diagram_visible(text, AZKB_DIAGRAM_TEXT_MAX);

  return escape_backslashes(visible, 1);
}

char *
azkb_diagram_dot_tooltip(const char *text)
{
  g_autofree char *visible = azkb_diagram_visible(text, AZKB_DIAGRAM_TEXT_MAX);

  return escape_backslashes(visible, 4);
}

char *
azkb_diagram_html_escape(const char *text)
{
  g_autofree char *visible = azkb_diagram_visible(text, AZKB_DIAGRAM_TEXT_MAX);

  return g_markup_escape_text(visible, -1);
}

/* Graphviz writes a node's URL as an SVG link as it is: a `javascript:` or
 * `data:` base would turn every node into script.  Only these schemes
 * become links, and only with a host (`http://host/...`): `http:/path`
 * or `http:path` is not an http URL (RFC 9110 4.2.1), and browsers guess
 * what it means. */
gboolean
azkb_diagram_is_safe_link(const char *iri)
{
  static const char *const safe[] = { "http", "https", NULL };
  g_autofree char         *scheme = g_uri_parse_scheme(iri);
  const char              *rest;

  if (scheme == NULL)
    return FALSE;
  rest = iri + strlen(scheme) + 1;
  if (!g_str_has_prefix(rest, "//") || rest[2] == '\0' || rest[2] == '/' ||
      rest[2] == '?' || rest[2] == '#')
    return FALSE;
  for (char *p = scheme; *p != '\0'; p++)
    *p = g_ascii_tolower(*p);
  for (const char *p = iri; *p != '\0'; p++)
    if ((guchar)*p <= 0x20 || *p == '"' || *p == '\\' || *p == '<' ||
        *p == '>' || *p == 0x7F)
      return FALSE;
  return g_strv_contains(safe, scheme);
}
