/* N-Triples lines as azkb's exporter (raptor) writes them, read back into
 * terms, so that a triple from the export and the same triple from a
 * server's JSON results get the same key whatever their escaping. */
#include "remote-private.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#define XSD_STRING "http://www.w3.org/2001/XMLSchema#string"
#define LANG_STRING "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

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

/* The key hash: two 64-bit lanes over the same input, each with its own
 * multiply-xorshift step per 8-byte word, each finished with splitmix64's
 * avalanche, so that a collision between two different triples would have
 * to hit 128 bits.  Our own, and small: GLib has no 128-bit (nor seeded
 * 64-bit) hash of bytes; a key must be the same on every machine and in
 * every azkb that reads a record of it (record.c's VERSION changes with
 * it); and the inputs are short (an IRI, a literal), where a large hash's
 * setup costs more than its speed saves.  Words are read little-endian
 * whatever the machine.  (Read a byte at a time, as before, the hash was
 * 14% of a sync with no change.) */
typedef struct {
  guint64 a, b;
} Hash2;

static inline void
absorb(Hash2 *h, guint64 w)
{
  h->a = (h->a ^ w) * 0x9e3779b97f4a7c15ull;
  h->a ^= h->a >> 32;
  h->b = (h->b ^ w) * 0xc2b2ae3d27d4eb4full;
  h->b ^= h->b >> 29;
}

/* A field: a header word (its tag and length: fields cannot run into each
 * other, and the zeros padding the last word are not data), then its
 * bytes, 8 at a time; with @lower, ASCII letters lowercased (a language
 * tag). */
static void
hash_field(Hash2 *h, guint tag, const void *data, gsize len, gboolean lower)
{
  const guchar *p = data;
  guint64       w;

  absorb(h, (guint64)len << 8 | tag);
  while (len > 0) {
    gsize n = MIN(len, 8);

    w = 0;
    if (lower)
      for (gsize i = 0; i < n; i++)
        w |= (guint64)(guchar)g_ascii_tolower((char)p[i]) << (8 * i);
    else {
      memcpy(&w, p, n);
      w = GUINT64_FROM_LE(w);
    }
    absorb(h, w);
    p += n;
    len -= n;
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

/* Tags of the fields.  A term's value is tagged with its kind (0-3), or,
 * for a literal of a datatype below whose text is a value of it, with the
 * kind of value it holds; its datatype and language tag follow. */
enum {
  TAG_DATATYPE = 0x10,
  TAG_LANG,
  TAG_BOOLEAN,  ///< one word: 0 or 1
  TAG_INTEGER,  ///< the digits without leading zeros; then TAG_SIGN
  TAG_DECIMAL,  ///< the same of the whole part; then TAG_FRACTION
  TAG_FRACTION, ///< the fraction's digits without trailing zeros
  TAG_SIGN,     ///< of a number other than 0: one word, 1 if negative
  TAG_DOUBLE,   ///< one word: the IEEE 754 double's bits
  TAG_FLOAT,    ///< one word: the IEEE 754 single's bits
};

/* ---- numbers by their value ----
 *
 * Virtuoso stores a number as its value and writes it back in its own
 * form: "007"^^xsd:integer comes back as "7", "1.50"^^xsd:decimal as
 * "1.5" (bench/virtuoso-numbers shows what it does to each).
 * Keyed by its text, such a triple would differ from the server's at
 * every sync and be deleted and inserted again each time.  So a literal
 * of these datatypes whose text is a lexical form of its XSD datatype is
 * keyed by its value (the same on both sides, whoever wrote it): the
 * sign, digits and fraction without the zeros that change nothing, a
 * double or float by its IEEE 754 bits.  Only values that XSD says are
 * the same merge: 1.0 and 1.00000000000000000001 as decimals stay two
 * (their digits differ), 0 and -0 as doubles too; a text that is not a
 * lexical form of the datatype (or a double past the range, which XSD
 * 1.0 and 1.1 read differently) is keyed by its text, as any other
 * literal.  A DELETE DATA always names a triple in the server's own form,
 * as read back from it (sync.c), so the key merging two forms never sends
 * the local one to delete. */

#define XSD_NS "http://www.w3.org/2001/XMLSchema#"

typedef enum {
  NUM_NONE,
  NUM_BOOLEAN,
  NUM_INTEGER,
  NUM_DECIMAL,
  NUM_DOUBLE,
  NUM_FLOAT,
} NumKind;

/* What kind of number datatype @dt (an IRI) is: xsd:integer and those
 * derived from it hold integers. */
static NumKind
number_kind(const char *dt)
{
  static const char *const integers[] = {
    "integer",         "long",         "int",
    "short",           "byte",         "nonNegativeInteger",
    "positiveInteger", "unsignedLong", "unsignedInt",
    "unsignedShort",   "unsignedByte", "nonPositiveInteger",
    "negativeInteger",
  };
  const char *name;

  if (strncmp(dt, XSD_NS, sizeof XSD_NS - 1) != 0)
    return NUM_NONE;
  name = dt + sizeof XSD_NS - 1;
  switch (name[0]) {
    case 'b':
      if (strcmp(name, "boolean") == 0)
        return NUM_BOOLEAN;
      break;
    case 'd':
      if (strcmp(name, "decimal") == 0)
        return NUM_DECIMAL;
      if (strcmp(name, "double") == 0)
        return NUM_DOUBLE;
      return NUM_NONE;
    case 'f':
      return strcmp(name, "float") == 0 ? NUM_FLOAT : NUM_NONE;
    default:
      break;
  }
  for (gsize i = 0; i < G_N_ELEMENTS(integers); i++)
    if (strcmp(name, integers[i]) == 0)
      return NUM_INTEGER;
  return NUM_NONE;
}

/* Past an optional sign at @p, noting whether it is '-'. */
static const char *
skip_sign(const char *p, const char *end, gboolean *negative)
{
  *negative = FALSE;
  if (p < end && (*p == '+' || *p == '-'))
    *negative = *p++ == '-';
  return p;
}

static const char *
skip_digits(const char *p, const char *end)
{
  while (p < end && g_ascii_isdigit(*p))
    p++;
  return p;
}

/* xsd:integer: [+-]?[0-9]+ */
static gboolean
hash_integer(Hash2 *h, const char *v, gsize len)
{
  const char *end = v + len;
  const char *p, *digits;
  gboolean    negative;

  p      = skip_sign(v, end, &negative);
  digits = p;
  p      = skip_digits(p, end);
  if (p == digits || p != end)
    return FALSE;
  while (digits < end - 1 && *digits == '0')
    digits++;
  hash_field(h, TAG_INTEGER, digits, (gsize)(end - digits), FALSE);
  /* -0 is 0 */
  absorb(h, TAG_SIGN | (guint64)(negative && *digits != '0') << 8);
  return TRUE;
}

/* xsd:decimal: [+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+) */
static gboolean
hash_decimal(Hash2 *h, const char *v, gsize len)
{
  const char *end = v + len;
  const char *p, *whole, *whole_end, *frac, *frac_end;
  gboolean    negative;

  p         = skip_sign(v, end, &negative);
  whole     = p;
  p         = skip_digits(p, end);
  whole_end = frac = frac_end = p; /* no '.': no fraction */
  if (p < end && *p == '.') {
    frac     = ++p;
    p        = skip_digits(p, end);
    frac_end = p;
  }
  if (p != end || (whole == whole_end && frac == frac_end))
    return FALSE;
  while (whole < whole_end && *whole == '0')
    whole++;
  while (frac < frac_end && frac_end[-1] == '0')
    frac_end--;
  hash_field(h, TAG_DECIMAL, whole, (gsize)(whole_end - whole), FALSE);
  hash_field(h, TAG_FRACTION, frac, (gsize)(frac_end - frac), FALSE);
  /* -0.0 is 0 */
  absorb(h,
         TAG_SIGN |
           (guint64)(negative && (whole < whole_end || frac < frac_end)) << 8);
  return TRUE;
}

/* XSD's whitespace: these types collapse it, so a space around the
 * number is no part of it (Virtuoso gives " 7 "^^xsd:integer back as
 * "7"). */
static gboolean
xsd_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* xsd:double or xsd:float:
 * (\+|-)?([0-9]+(\.[0-9]*)?|\.[0-9]+)([Ee](\+|-)?[0-9]+)? or INF, +INF, -INF,
 * NaN; the value in *@out.  FALSE for anything else, and for a number past the
 * double's range (ERANGE). */
static gboolean
read_double(const char *v, gsize len, double *out)
{
  const char *end = v + len;
  const char *p, *digits;
  gboolean    negative, any;
  char       *stop = NULL;

  if (len == 3 && memcmp(v, "NaN", 3) == 0) {
    *out = NAN;
    return TRUE;
  }
  p = skip_sign(v, end, &negative);
  if (end - p == 3 && memcmp(p, "INF", 3) == 0) {
    *out = negative ? -INFINITY : INFINITY;
    return TRUE;
  }
  digits = p;
  p      = skip_digits(p, end);
  any    = p > digits;
  if (p < end && *p == '.') {
    digits = ++p;
    p      = skip_digits(p, end);
    any    = any || p > digits;
  }
  if (!any)
    return FALSE;
  if (p < end && (*p == 'e' || *p == 'E')) {
    gboolean e_negative;

    p      = skip_sign(p + 1, end, &e_negative);
    digits = p;
    p      = skip_digits(p, end);
    if (p == digits)
      return FALSE;
  }
  /* the text was checked above, and what follows it is the NUL that ends
   * every term's value (an NtTerm's GString, an AzkbRdfTerm) or a space:
   * strtod reads exactly it */
  if (p != end || (v[len] != '\0' && !xsd_space(v[len])))
    return FALSE;
  errno = 0;
  *out  = g_ascii_strtod(v, &stop);
  return stop == end && errno != ERANGE;
}

/* Whether @d is halfway between float @f and its neighbour on @d's side
 * (their sum and its half are exact in a double). */
static gboolean
float_midpoint(float f, double d)
{
  float g = nextafterf(f, d > (double)f ? INFINITY : -INFINITY);

  return ((double)f + (double)g) / 2 == d;
}

static gboolean
hash_double(Hash2 *h, const char *v, gsize len, gboolean single)
{
  double  d;
  guint64 bits;

  if (!read_double(v, len, &d))
    return FALSE;
  if (isnan(d)) {
    /* every NaN is one value */
    absorb(h, single ? TAG_FLOAT : TAG_DOUBLE);
    absorb(h, 0x7ff8000000000000ull);
    return TRUE;
  }
  if (single) {
    float   f = (float)d;
    guint32 fbits;

    /* The float nearest the text is the float nearest @d, the double
     * nearest the text, unless @d is halfway between two floats: every
     * such midpoint is a double, so none lies strictly between the text
     * and @d.  At a midpoint the text may lie either side of it (0.1 and
     * "0.10" are one float; "16777217" is halfway, or just past it with
     * more digits): keyed by its text then, and so is a finite text past
     * the floats' range. */
    if ((double)f != d && (isinf(f) || float_midpoint(f, d)))
      return FALSE;
    memcpy(&fbits, &f, sizeof fbits);
    absorb(h, TAG_FLOAT);
    absorb(h, fbits);
    return TRUE;
  }
  memcpy(&bits, &d, sizeof bits);
  absorb(h, TAG_DOUBLE);
  absorb(h, bits);
  return TRUE;
}

/* The value of a literal of number kind @num, if its text is one. */
static gboolean
hash_number(Hash2 *h, NumKind num, const char *v, gsize len)
{
  while (len > 0 && xsd_space(*v))
    v++, len--;
  while (len > 0 && xsd_space(v[len - 1]))
    len--;
  switch (num) {
    case NUM_BOOLEAN:
      /* "1" and "true" are one value: Virtuoso answers a query with "1"
       * for an xsd:boolean stored as "true" */
      if ((len == 1 && (v[0] == '1' || v[0] == '0')) ||
          (len == 4 && memcmp(v, "true", 4) == 0) ||
          (len == 5 && memcmp(v, "false", 5) == 0)) {
        absorb(h, TAG_BOOLEAN | (guint64)(v[0] == '1' || v[0] == 't') << 8);
        return TRUE;
      }
      return FALSE;
    case NUM_INTEGER:
      return hash_integer(h, v, len);
    case NUM_DECIMAL:
      return hash_decimal(h, v, len);
    case NUM_DOUBLE:
      return hash_double(h, v, len, FALSE);
    case NUM_FLOAT:
      return hash_double(h, v, len, TRUE);
    case NUM_NONE:
      break;
  }
  return FALSE;
}

/* One term: its kind and value (or the value a number's text stands for),
 * datatype and language tag, as written between the quotes and brackets
 * of N-Triples, unescaped.  @value is NUL-terminated. */
static void
hash_term(Hash2             *h,
          AzkbRemoteTermKind kind,
          const char        *value,
          gsize              len,
          const char        *dt,
          const char        *lang)
{
  gsize dt_len;

  if (kind != AZKB_REMOTE_LITERAL) {
    hash_field(h, kind, value, len, FALSE);
    return;
  }
  /* RDF 1.1: a plain literal is an xsd:string; a tagged one a langString. */
  if (strcmp(dt, XSD_STRING) == 0 || strcmp(dt, LANG_STRING) == 0)
    dt = "";
  if (*dt == '\0' || !hash_number(h, number_kind(dt), value, len))
    hash_field(h, kind, value, len, FALSE);
  if ((dt_len = strlen(dt)) > 0)
    hash_field(h, TAG_DATATYPE, dt, dt_len, FALSE);
  if (*lang != '\0')
    hash_field(h, TAG_LANG, lang, strlen(lang), TRUE);
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

static gboolean
iri_nameable(const GString *iri)
{
  if (strlen(iri->str) != iri->len)
    return FALSE;
  for (const char *p = iri->str; *p != '\0'; p++)
    if ((guchar)*p <= 0x20 || strchr("<>\"{}|^`\\", *p) != NULL)
      return FALSE;
  return TRUE;
}

gboolean
nt_term_nameable(const NtTerm *t)
{
  switch (t->kind) {
    case AZKB_REMOTE_IRI:
      return iri_nameable(t->value);
    case AZKB_REMOTE_LITERAL:
      return strlen(t->value->str) == t->value->len &&
             (t->datatype->len == 0 || iri_nameable(t->datatype));
    case AZKB_REMOTE_BLANK:
    case AZKB_REMOTE_UNBOUND:
    default:
      return FALSE;
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
