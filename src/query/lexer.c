/* The scanner of the pattern language: names, identifiers, numbers and
 * `@time` texts, read on demand by the parser (see query-private.h for why
 * it is not a token stream), and errors located by column. */
#include "query-private.h"

#include <stdarg.h>
#include <string.h>

Scanner
scanner_make(const char *text)
{
  Scanner sc = { text, 0, 0 };

  while (text[sc.ascii] != '\0' && (guchar)text[sc.ascii] < 0x80)
    sc.ascii++;
  return sc;
}

guint
scanner_column(const Scanner *sc, gsize pos)
{
  /* Columns count characters, not bytes, so the CLI's caret lines up under
   * names such as “Azərbaycan”.  A node, a step and a variable each keep
   * their column: in the ASCII part of a pattern (most patterns are all
   * ASCII) a byte is a character, and counting was a twentieth of a
   * parse. */
  if (pos <= sc->ascii)
    return (guint)pos + 1;
  return (guint)(sc->ascii + (gsize)g_utf8_strlen(sc->text + sc->ascii,
                                                  (gssize)(pos - sc->ascii))) +
         1;
}

static void
skip_space(Scanner *sc)
{
  while (g_ascii_isspace(sc->text[sc->pos]))
    sc->pos++;
}

char
scanner_peek(Scanner *sc)
{
  skip_space(sc);
  return sc->text[sc->pos];
}

gboolean
scanner_accept(Scanner *sc, const char *word)
{
  const char *at;
  gsize       n = 0;

  skip_space(sc);
  /* Words are one or two characters (`(`, `->`): compared in place, not
   * measured first. */
  at = sc->text + sc->pos;
  while (word[n] != '\0') {
    if (at[n] != word[n])
      return FALSE;
    n++;
  }
  sc->pos += n;
  return TRUE;
}

/* Letters and digits of any script: every byte of a multi-byte UTF-8
 * sequence counts, so names in Azerbaijani need no quotes. */
static gboolean
is_name_start(unsigned char c)
{
  return g_ascii_isalnum(c) || c >= 0x80;
}

static gboolean
is_name_char(unsigned char c)
{
  return is_name_start(c) || c == '_' || c == '.' || c == ':';
}

/* `<IRI>` names a term by its IRI; `<-` opens a backward step instead. */
static gboolean
at_iri(const Scanner *sc, gsize pos)
{
  return sc->text[pos] == '<' && sc->text[pos + 1] != '-' &&
         !g_ascii_isspace(sc->text[pos + 1]) && sc->text[pos + 1] != '\0';
}

gboolean
scanner_at_name(const Scanner *sc)
{
  unsigned char c = (unsigned char)sc->text[sc->pos];

  return is_name_start(c) || c == '"' || at_iri(sc, sc->pos);
}

char *
scanner_describe(const Scanner *sc, gsize pos)
{
  const char *p = sc->text + pos;
  const char *end;

  if (*p == '\0')
    return g_strdup("the end of the pattern");
  /* A control character would break the one-line message (or drive the
   * terminal): name it instead. */
  if (g_ascii_iscntrl(*p))
    return g_strdup_printf("the control character U+%04X", (guint)*p);
  end = g_utf8_find_next_char(p, NULL);
  if (end == NULL)
    end = p + strlen(p);
  return g_strdup_printf("“%.*s”", (int)(end - p), p);
}

void
scanner_error(const Scanner *sc,
              gsize          pos,
              GError       **error,
              const char    *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start(args, format);
  message = g_strdup_vprintf(format, args);
  va_end(args);
  query_error_at(
    error, AZKB_QUERY_ERROR_SYNTAX, scanner_column(sc, pos), "%s", message);
}

static char *
scan_quoted(Scanner *sc, GError **error)
{
  g_autoptr(GString) out = g_string_new(NULL);
  gsize start            = sc->pos;

  sc->pos++; /* the opening quote */
  for (;;) {
    char c = sc->text[sc->pos];

    if (c == '\0') {
      scanner_error(sc, start, error, "this quoted name has no closing quote");
      return NULL;
    }
    /* A control character in a name would end up raw in messages and
     * tables; no entity or relation holds one. */
    if (g_ascii_iscntrl(c)) {
      scanner_error(sc,
                    sc->pos,
                    error,
                    "a name cannot hold the control character U+%04X",
                    (guint)c);
      return NULL;
    }
    sc->pos++;
    if (c == '"')
      break;
    if (c == '\\' && (sc->text[sc->pos] == '"' || sc->text[sc->pos] == '\\'))
      c = sc->text[sc->pos++];
    g_string_append_c(out, c);
  }
  if (out->len == 0) {
    scanner_error(sc, start, error, "a quoted name cannot be empty");
    return NULL;
  }
  return g_string_free(g_steal_pointer(&out), FALSE);
}

/* `<IRI>`, kept with its brackets: the store's name of a term it holds by
 * its full IRI, and expanded through the store's namespaces otherwise. */
static char *
scan_iri(Scanner *sc, GError **error)
{
  gsize start = sc->pos;

  sc->pos++;
  while (sc->text[sc->pos] != '>') {
    unsigned char c = (unsigned char)sc->text[sc->pos];

    if (c == '\0' || c == '<' || c == '"' || g_ascii_isspace(c) ||
        g_ascii_iscntrl(c)) {
      scanner_error(sc,
                    start,
                    error,
                    "this IRI has no closing “>” (an IRI holds no spaces, "
                    "quotes or “<”)");
      return NULL;
    }
    sc->pos++;
  }
  sc->pos++;
  if (!g_utf8_validate(sc->text + start, (gssize)(sc->pos - start), NULL)) {
    scanner_error(sc, start, error, "this IRI is not valid UTF-8");
    return NULL;
  }
  return g_strndup(sc->text + start, sc->pos - start);
}

/* A bare name at @start: FALSE with an error if there is none. */
static gboolean
scan_bare(Scanner *sc, gsize start, const char *what, GError **error)
{
  if (!is_name_start((unsigned char)sc->text[start])) {
    g_autofree char *found = scanner_describe(sc, start);
    scanner_error(sc, start, error, "expected %s, found %s", what, found);
    return FALSE;
  }
  while (is_name_char((unsigned char)sc->text[sc->pos]))
    sc->pos++;
  if (!g_utf8_validate(sc->text + start, (gssize)(sc->pos - start), NULL)) {
    scanner_error(sc, start, error, "this name is not valid UTF-8");
    return FALSE;
  }
  return TRUE;
}

char *
scanner_name(Scanner *sc, const char *what, GError **error)
{
  gsize start;

  skip_space(sc);
  start = sc->pos;
  if (sc->text[start] == '"')
    return scan_quoted(sc, error);
  if (at_iri(sc, start))
    return scan_iri(sc, error);
  if (!scan_bare(sc, start, what, error))
    return NULL;
  return g_strndup(sc->text + start, sc->pos - start);
}

const char *
scanner_name_temp(Scanner    *sc,
                  const char *what,
                  char       *buf,
                  gsize       size,
                  char      **out_owned,
                  GError    **error)
{
  gsize start;

  skip_space(sc);
  start = sc->pos;
  if (sc->text[start] != '"' && !at_iri(sc, start)) {
    if (!scan_bare(sc, start, what, error))
      return NULL;
    if (sc->pos - start < size) {
      memcpy(buf, sc->text + start, sc->pos - start);
      buf[sc->pos - start] = '\0';
      return buf;
    }
    sc->pos = start; /* too long for @buf: read again, allocated */
  }
  *out_owned = scanner_name(sc, what, error);
  return *out_owned;
}

char *
scanner_ident(Scanner *sc)
{
  gsize start = sc->pos;

  while (g_ascii_isalnum(sc->text[sc->pos]) || sc->text[sc->pos] == '_')
    sc->pos++;
  return g_strndup(sc->text + start, sc->pos - start);
}

gboolean
scanner_uint(Scanner *sc, guint *out, GError **error)
{
  guint value = 0;
  gsize start;

  skip_space(sc);
  start = sc->pos;
  if (!g_ascii_isdigit(sc->text[start])) {
    g_autofree char *found = scanner_describe(sc, start);
    scanner_error(sc, start, error, "expected a number, found %s", found);
    return FALSE;
  }
  while (g_ascii_isdigit(sc->text[sc->pos])) {
    value = value * 10 + (guint)(sc->text[sc->pos++] - '0');
    if (value >= 1000000) {
      scanner_error(sc, start, error, "this number is too large");
      return FALSE;
    }
  }
  *out = value;
  return TRUE;
}

/* One date: digits, then up to two `-digits` parts.  A `-` that is not
 * followed by a digit ends the date: it closes the step (`@2019->`). */
static void
scan_date(Scanner *sc)
{
  guint parts = 0;

  while (g_ascii_isdigit(sc->text[sc->pos]))
    sc->pos++;
  while (parts < 2 && sc->text[sc->pos] == '-' &&
         g_ascii_isdigit(sc->text[sc->pos + 1])) {
    sc->pos++;
    while (g_ascii_isdigit(sc->text[sc->pos]))
      sc->pos++;
    parts++;
  }
}

char *
scanner_time(Scanner *sc)
{
  gsize start = sc->pos;

  scan_date(sc);
  if (sc->text[sc->pos] == '.' && sc->text[sc->pos + 1] == '.') {
    sc->pos += 2;
    scan_date(sc);
  }
  return g_strndup(sc->text + start, sc->pos - start);
}
