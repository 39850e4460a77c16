/* N-Triples lines as azkb's exporter (raptor) writes them, read back into
 * terms, so that a triple from the export and the same triple from a
 * server's JSON results get the same key whatever their escaping. */
#include "remote-private.h"

#include <string.h>

#define XSD_STRING "http://www.w3.org/2001/XMLSchema#string"
#define LANG_STRING "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
#define XSD_BOOLEAN "http://www.w3.org/2001/XMLSchema#boolean"

void
nt_term_init(NtTerm *t)
{
  t->kind     = AZKB_REMOTE_UNBOUND;
  t->value    = g_string_new(NULL);
  t->datatype = g_string_new(NULL);
  t->lang     = g_string_new(NULL);
}

void
nt_term_clear(NtTerm *t)
{
  g_string_free(t->value, TRUE);
  g_string_free(t->datatype, TRUE);
  g_string_free(t->lang, TRUE);
}

static int
hex_value(char c)
{
  return g_ascii_xdigit_value(c);
}

/* \uXXXX or \UXXXXXXXX at *p (after the backslash and the letter). */
static gboolean
read_uchar(const char **p, const char *end, int digits, GString *out)
{
  gunichar c = 0;

  if (end - *p < digits)
    return FALSE;
  for (int i = 0; i < digits; i++) {
    int v = hex_value((*p)[i]);
    if (v < 0)
      return FALSE;
    c = c * 16 + (gunichar)v;
  }
  if (!g_unichar_validate(c))
    return FALSE;
  g_string_append_unichar(out, c);
  *p += digits;
  return TRUE;
}

/* Text up to @close, unescaping; *p is left past @close. */
static gboolean
read_escaped(const char **p, const char *end, char close, GString *out)
{
  while (*p < end && **p != close) {
    char c = *(*p)++;

    if (c != '\\') {
      g_string_append_c(out, c);
      continue;
    }
    if (*p >= end)
      return FALSE;
    c = *(*p)++;
    switch (c) {
      case 't':
        g_string_append_c(out, '\t');
        break;
      case 'b':
        g_string_append_c(out, '\b');
        break;
      case 'n':
        g_string_append_c(out, '\n');
        break;
      case 'r':
        g_string_append_c(out, '\r');
        break;
      case 'f':
        g_string_append_c(out, '\f');
        break;
      case '"':
        g_string_append_c(out, '"');
        break;
      case '\'':
        g_string_append_c(out, '\'');
        break;
      case '\\':
        g_string_append_c(out, '\\');
        break;
      case 'u':
        if (!read_uchar(p, end, 4, out))
          return FALSE;
        break;
      case 'U':
        if (!read_uchar(p, end, 8, out))
          return FALSE;
        break;
      default:
        return FALSE;
    }
  }
  if (*p >= end)
    return FALSE;
  (*p)++;
  return TRUE;
}

static void
skip_space(const char **p, const char *end)
{
  while (*p < end && (**p == ' ' || **p == '\t'))
    (*p)++;
}

static gboolean
read_term(const char **p, const char *end, NtTerm *t)
{
  g_string_truncate(t->value, 0);
  g_string_truncate(t->datatype, 0);
  g_string_truncate(t->lang, 0);
  skip_space(p, end);
  if (*p >= end)
    return FALSE;
  if (**p == '<') {
    (*p)++;
    t->kind = AZKB_REMOTE_IRI;
    return read_escaped(p, end, '>', t->value);
  }
  if (**p == '_' && end - *p > 2 && (*p)[1] == ':') {
    *p += 2;
    t->kind = AZKB_REMOTE_BLANK;
    while (*p < end && **p != ' ' && **p != '\t' && **p != '.')
      g_string_append_c(t->value, *(*p)++);
    return t->value->len > 0;
  }
  if (**p != '"')
    return FALSE;
  (*p)++;
  t->kind = AZKB_REMOTE_LITERAL;
  if (!read_escaped(p, end, '"', t->value))
    return FALSE;
  if (*p < end && **p == '@') {
    (*p)++;
    while (*p < end && (g_ascii_isalnum(**p) || **p == '-'))
      g_string_append_c(t->lang, g_ascii_tolower(*(*p)++));
    return t->lang->len > 0;
  }
  if (end - *p >= 3 && (*p)[0] == '^' && (*p)[1] == '^' && (*p)[2] == '<') {
    *p += 3;
    return read_escaped(p, end, '>', t->datatype);
  }
  return TRUE;
}

gboolean
nt_parse_line(const char *line, gsize len, NtTerm out[3])
{
  const char *p   = line;
  const char *end = line + len;

  for (int i = 0; i < 3; i++)
    if (!read_term(&p, end, &out[i]))
      return FALSE;
  skip_space(&p, end);
  if (p >= end || *p != '.')
    return FALSE;
  p++;
  skip_space(&p, end);
  return p == end || *p == '\r';
}

/* Two 64-bit FNV-1a style hashes with different bases and multipliers,
 * each finished with a splitmix64 avalanche: a collision between two
 * different triples would have to hit 128 bits. */
typedef struct {
  guint64 a, b;
} Hash2;

static void
hash_bytes(Hash2 *h, const void *data, gsize len)
{
  const guchar *p = data;

  for (gsize i = 0; i < len; i++) {
    h->a = (h->a ^ p[i]) * 0x100000001b3ull;
    h->b = (h->b ^ p[i]) * 0x9e3779b97f4a7c15ull;
  }
}

static guint64
mix(guint64 x)
{
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

/* One term: its kind, value, datatype and language tag, as written
 * between the quotes and brackets of N-Triples, unescaped. */
static void
hash_term(Hash2             *h,
          AzkbRemoteTermKind kind,
          const char        *value,
          gsize              len,
          const char        *dt,
          const char        *lang)
{
  guchar k = (guchar)kind;

  /* RDF 1.1: a plain literal is an xsd:string; a tagged one a langString. */
  if (strcmp(dt, XSD_STRING) == 0 || strcmp(dt, LANG_STRING) == 0)
    dt = "";
  hash_bytes(h, &k, 1);
  /* Virtuoso answers a query with "1" for an xsd:boolean stored as "true":
   * both canonical forms are one value. */
  if (strcmp(dt, XSD_BOOLEAN) == 0 && len == 1 &&
      (value[0] == '1' || value[0] == '0'))
    hash_bytes(h, value[0] == '1' ? "true" : "false", value[0] == '1' ? 5 : 6);
  else {
    hash_bytes(h, value, len);
    hash_bytes(h, "", 1);
  }
  hash_bytes(h, dt, strlen(dt) + 1);
  for (gsize i = 0;; i++) {
    guchar c = (guchar)g_ascii_tolower(lang[i]);

    hash_bytes(h, &c, 1);
    if (c == 0)
      break;
  }
}

static TripleKey
finish_key(const Hash2 *h)
{
  return (TripleKey){ mix(h->a), mix(h->b ^ 0x5bd1e995u) };
}

TripleKey
nt_key(const NtTerm t[3])
{
  Hash2 h = { 0xcbf29ce484222325ull, 0x84222325cbf29ce4ull };

  for (int i = 0; i < 3; i++)
    hash_term(&h,
              t[i].kind,
              t[i].value->str,
              t[i].value->len,
              t[i].datatype->str,
              t[i].lang->str);
  return finish_key(&h);
}

/* The kind byte hashed is the N-Triples reader's (AzkbRemoteTermKind). */
static AzkbRemoteTermKind
rdf_kind(AzkbRdfTermKind kind)
{
  switch (kind) {
    case AZKB_RDF_TERM_IRI:
      return AZKB_REMOTE_IRI;
    case AZKB_RDF_TERM_BLANK:
      return AZKB_REMOTE_BLANK;
    case AZKB_RDF_TERM_LITERAL:
      return AZKB_REMOTE_LITERAL;
  }
  g_assert_not_reached();
}

TripleKey
nt_key_terms(const AzkbRdfTerm t[3])
{
  Hash2 h = { 0xcbf29ce484222325ull, 0x84222325cbf29ce4ull };

  for (int i = 0; i < 3; i++)
    hash_term(&h,
              rdf_kind(t[i].kind),
              t[i].value,
              t[i].len,
              t[i].datatype != NULL ? t[i].datatype : "",
              t[i].lang != NULL ? t[i].lang : "");
  return finish_key(&h);
}

static void
append_escaped(GString *out, const char *s, gboolean iri)
{
  for (const char *p = s; *p; p++) {
    guchar c = (guchar)*p;

    if (!iri && c == '"')
      g_string_append(out, "\\\"");
    else if (!iri && c == '\\')
      g_string_append(out, "\\\\");
    else if (!iri && c == '\n')
      g_string_append(out, "\\n");
    else if (!iri && c == '\r')
      g_string_append(out, "\\r");
    else if (!iri && c == '\t')
      g_string_append(out, "\\t");
    else if (c < 0x20 || c == 0x7f)
      g_string_append_printf(out, "\\u%04X", c);
    else
      g_string_append_c(out, (char)c);
  }
}

void
nt_append_term(GString           *out,
               AzkbRemoteTermKind kind,
               const char        *value,
               const char        *datatype,
               const char        *lang)
{
  switch (kind) {
    case AZKB_REMOTE_IRI:
      g_string_append_c(out, '<');
      append_escaped(out, value, TRUE);
      g_string_append_c(out, '>');
      return;
    case AZKB_REMOTE_BLANK:
      g_string_append_printf(out, "_:%s", value);
      return;
    case AZKB_REMOTE_LITERAL:
      g_string_append_c(out, '"');
      append_escaped(out, value, FALSE);
      g_string_append_c(out, '"');
      if (lang != NULL && *lang != '\0')
        g_string_append_printf(out, "@%s", lang);
      else if (datatype != NULL && *datatype != '\0' &&
               strcmp(datatype, XSD_STRING) != 0) {
        g_string_append(out, "^^<");
        append_escaped(out, datatype, TRUE);
        g_string_append_c(out, '>');
      }
      return;
    case AZKB_REMOTE_UNBOUND:
      break;
  }
  g_assert_not_reached();
}

/* ---- lines of a streamed reply ---- */

void
nt_lines_init(NtLines *l,
              gboolean (*func)(gpointer, const char *, gsize, GError **),
              gpointer data)
{
  l->partial  = g_string_new(NULL);
  l->max_line = NT_MAX_LINE;
  l->func     = func;
  l->data     = data;
}

void
nt_lines_clear(NtLines *l)
{
  if (l->partial != NULL)
    g_string_free(l->partial, TRUE);
  l->partial = NULL;
}

static gboolean
line_too_long(const NtLines *l, GError **error)
{
  g_set_error(error,
              AZKB_REMOTE_ERROR,
              AZKB_REMOTE_ERROR_PROTOCOL,
              "the server sent a line longer than %" G_GSIZE_FORMAT
              " bytes; azkb stopped reading it",
              l->max_line);
  return FALSE;
}

gboolean
nt_lines_feed(NtLines *l, const char *data, gsize len, GError **error)
{
  const char *p   = data;
  const char *end = p + len;
  gsize       max = l->max_line ? l->max_line : NT_MAX_LINE;

  while (p < end) {
    const char *nl = memchr(p, '\n', (gsize)(end - p));
    gsize       n  = (gsize)((nl != NULL ? nl : end) - p);

    if (l->partial->len + n > max)
      return line_too_long(l, error);
    if (nl == NULL) {
      g_string_append_len(l->partial, p, (gssize)n);
      return TRUE;
    }
    if (l->partial->len > 0) {
      gboolean ok;

      g_string_append_len(l->partial, p, (gssize)n);
      ok = l->func(l->data, l->partial->str, l->partial->len, error);
      g_string_truncate(l->partial, 0);
      if (!ok)
        return FALSE;
    } else if (!l->func(l->data, p, n, error))
      return FALSE;
    p = nl + 1;
  }
  return TRUE;
}

gboolean
nt_lines_finish(NtLines *l, GError **error)
{
  gboolean ok = TRUE;

  if (l->partial->len > 0)
    ok = l->func(l->data, l->partial->str, l->partial->len, error);
  g_string_truncate(l->partial, 0);
  return ok;
}
