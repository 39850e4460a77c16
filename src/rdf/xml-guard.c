/* The XML guard (see xml-guard.h): a byte-at-a-time scan of just enough
 * XML to find declarations and entity references, wherever the chunks of
 * the document happen to break.  Declarations are short, so each is
 * gathered whole and judged at its closing '>'; text and tags stream past
 * with nothing kept but the name of an entity reference. */
#include "xml-guard.h"

#include <string.h>

/* Longer declarations than this are refused: no DTD needs them, and a
 * declaration is held whole while it is read. */
#define MAX_DECL (1u << 20)
/* An entity name longer than this cannot be declared, so a longer
 * reference cannot name a declared entity. */
#define MAX_NAME 1024u
/* The bytes of a name a message quotes (quoted() cuts there). */
#define MAX_SHOWN 60u

typedef enum {
  TEXT,        /* content, or the prolog */
  OPEN,        /* after '<', telling what follows */
  TAG,         /* inside a tag */
  TAG_QUOTE,   /* inside an attribute value */
  COMMENT,     /* until "-->" */
  CDATA,       /* until "]]>" */
  PI,          /* until "?>" */
  REF,         /* after '&', reading a name up to ';' */
  DOCTYPE,     /* after "<!DOCTYPE", up to '[' or '>' */
  SUBSET,      /* the internal subset, between declarations */
  SUBSET_OPEN, /* after '<' in the subset */
  DECL,        /* a declaration in the subset, up to its '>' */
  DOCTYPE_END, /* after the subset's ']', up to '>' */
  REFUSED,
} State;

struct _AzkbXmlGuard {
  State       state;
  State       back;  /* where COMMENT, PI and REF return to */
  char        quote; /* the open quote in TAG_QUOTE, DOCTYPE and DECL, or 0 */
  guint       line;
  guint       decl_line; /* where the gathered declaration started */
  gboolean    seen_markup;
  gboolean    seen_byte;
  char        tail[2]; /* the two bytes before, for "-->", "]]>" and "?>" */
  char        head[16];
  guint       head_len;
  GString    *decl;               /* a DOCTYPE head, declaration or PI */
  char        name[MAX_NAME + 1]; /* of the entity reference being read */
  guint       name_len;
  GHashTable *entities;  /* name → value length (GUINT_TO_POINTER) */
  guint64     expanded;  /* bytes that references expand to */
  guint       depth;     /* open elements */
  guint64     text;      /* bytes of text since the last '<' */
  guint       text_line; /* where that text started */
  gboolean    end_tag;   /* the tag being read is </...> */
  char        tag_prev;  /* its last byte before the closing > */
  /* the element or attribute name being read in a tag: its first bytes
   * (for the message), length, colons and line */
  char  tag_name[MAX_SHOWN + 1];
  guint tag_name_len;
  guint tag_name_colons;
  guint tag_name_line;
  char  tag_name_last;
  char *message;
};

AzkbXmlGuard *
azkb_xml_guard_new(void)
{
  AzkbXmlGuard *g = g_new0(AzkbXmlGuard, 1);

  g->state    = TEXT;
  g->line     = 1;
  g->decl     = g_string_new(NULL);
  g->entities = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  return g;
}

void
azkb_xml_guard_free(AzkbXmlGuard *g)
{
  if (g == NULL)
    return;
  g_string_free(g->decl, TRUE);
  g_hash_table_unref(g->entities);
  g_free(g->message);
  g_free(g);
}

static gboolean refuse(AzkbXmlGuard *g, guint line, const char *format, ...)
  G_GNUC_PRINTF(3, 4);

static gboolean
refuse(AzkbXmlGuard *g, guint line, const char *format, ...)
{
  va_list args;

  va_start(args, format);
  g->message = g_strdup_vprintf(format, args);
  va_end(args);
  g->line  = line;
  g->state = REFUSED;
  return FALSE;
}

static gboolean
is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
is_predefined(const char *name)
{
  static const char *const names[] = { "lt", "gt", "amp", "apos", "quot" };

  for (gsize i = 0; i < G_N_ELEMENTS(names); i++)
    if (strcmp(name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A name quoted in a message: printable, and not too long. */
static char *
quoted(const char *s, gsize len)
{
  GString *out = g_string_new("“");

  for (gsize i = 0; i < len && i < MAX_SHOWN; i++) {
    guchar c = (guchar)s[i];

    if (c < 0x20 || c == 0x7F)
      g_string_append_printf(out, "U+%04X", c);
    else
      g_string_append_c(out, (char)c);
  }
  if (len > MAX_SHOWN)
    g_string_append(out, "…");
  g_string_append(out, "”");
  return g_string_free(out, FALSE);
}

/* ---- judging gathered text ---- */

/* The word at *p (up to white space, a quote or the end), and moves past
 * it and the white space after. */
static char *
next_word(const char **p, const char *end)
{
  const char *s = *p;
  char       *word;

  while (*p < end && !is_space(**p) && **p != '"' && **p != '\'')
    (*p)++;
  word = g_strndup(s, (gsize)(*p - s));
  while (*p < end && is_space(**p))
    (*p)++;
  return word;
}

/* Entity references in a value or declaration: character references and
 * the predefined five only.  FALSE (refused) otherwise. */
static gboolean
check_value_refs(AzkbXmlGuard *g,
                 const char   *s,
                 gsize         len,
                 gboolean      in_entity,
                 const char   *what)
{
  const char *end = s + len;

  for (const char *p = s; p < end; p++) {
    const char *semi;

    if (*p == '%' && in_entity)
      return refuse(g,
                    g->decl_line,
                    "%s refers to a parameter entity, which azkb does not "
                    "read",
                    what);
    if (*p != '&' || (p + 1 < end && p[1] == '#'))
      continue;
    semi = memchr(p, ';', (gsize)(end - p));
    if (semi != NULL) {
      g_autofree char *name  = g_strndup(p + 1, (gsize)(semi - p - 1));
      g_autofree char *shown = NULL;

      if (is_predefined(name))
        continue;
      shown = quoted(name, strlen(name));
      return refuse(g,
                    g->decl_line,
                    "%s refers to the entity %s; azkb expands entities in "
                    "the document only, not in declarations",
                    what,
                    shown);
    }
  }
  return TRUE;
}

/* <!ENTITY name "value">: the only kind of entity azkb lets through. */
static gboolean
judge_entity(AzkbXmlGuard *g, const char *s, const char *end)
{
  g_autofree char *name  = NULL;
  g_autofree char *shown = NULL;
  char             q;
  const char      *value;
  const char      *close;

  while (s < end && is_space(*s))
    s++;
  if (s < end && *s == '%')
    return refuse(g,
                  g->decl_line,
                  "the DTD declares a parameter entity, which azkb does not "
                  "read (it reads only the file it is given)");
  name  = next_word(&s, end);
  shown = quoted(name, strlen(name));
  if (s >= end || (*s != '"' && *s != '\''))
    return refuse(g,
                  g->decl_line,
                  "the DTD declares the external entity %s, which azkb does "
                  "not load (it reads only the file it is given)",
                  shown);
  if (strlen(name) > MAX_NAME)
    return refuse(g, g->decl_line, "the entity name %s is too long", shown);
  q     = *s;
  value = s + 1;
  close = memchr(value, q, (gsize)(end - value));
  if (close == NULL)
    return TRUE; /* malformed: libxml2 says so */
  if (memchr(value, '<', (gsize)(close - value)) != NULL)
    return refuse(g,
                  g->decl_line,
                  "the entity %s holds markup; azkb reads entities of plain "
                  "text only",
                  shown);
  {
    g_autofree char *what = g_strdup_printf("the entity %s", shown);

    if (!check_value_refs(g, value, (gsize)(close - value), TRUE, what))
      return FALSE;
  }
  /* the first declaration of a name is the one that holds */
  if (!g_hash_table_contains(g->entities, name))
    g_hash_table_insert(g->entities,
                        g_steal_pointer(&name),
                        GUINT_TO_POINTER((guint)(close - value)));
  return TRUE;
}

/* A gathered declaration of the internal subset (without its '<' and
 * '>'). */
static gboolean
judge_decl(AzkbXmlGuard *g)
{
  const char *s   = g->decl->str;
  const char *end = s + g->decl->len;

  if (g_str_has_prefix(s, "!ENTITY") && s + 7 < end && is_space(s[7]))
    return judge_entity(g, s + 7, end);
  /* ELEMENT, ATTLIST, NOTATION: no parameter entities, and attribute
   * defaults that expand no entity */
  {
    char q = 0;
    /* the kind is a word of the input: quoted at most MAX_SHOWN bytes */
    gsize            len  = strcspn(s, " \t\r\n");
    g_autofree char *kind = g_strndup(s, MIN(len, MAX_SHOWN));
    g_autofree char *what = g_strdup_printf(
      "the declaration <%s%s", kind, len > MAX_SHOWN ? "…" : "");

    for (const char *p = s; p < end; p++) {
      if (q != 0) {
        if (*p == q)
          q = 0;
        continue;
      }
      if (*p == '"' || *p == '\'')
        q = *p;
      else if (*p == '%')
        return refuse(g,
                      g->decl_line,
                      "%s refers to a parameter entity, which azkb does not "
                      "read",
                      what);
    }
    return check_value_refs(g, s, g->decl->len, FALSE, what);
  }
}

/* <!DOCTYPE name [SYSTEM|PUBLIC ...]: only the name may be there. */
static gboolean
judge_doctype(AzkbXmlGuard *g)
{
  const char *s   = g->decl->str;
  const char *end = s + g->decl->len;

  while (s < end && is_space(*s))
    s++;
  g_free(next_word(&s, end)); /* the root element's name */
  if (s < end)
    return refuse(g,
                  g->decl_line,
                  "the document names an external DTD, which azkb does not "
                  "read (it reads only the file it is given)");
  return TRUE;
}

/* <?xml ... encoding="..."?>: markup must stay visible as ASCII bytes. */
static gboolean
judge_xml_declaration(AzkbXmlGuard *g)
{
  /* whole names, then prefixes (iso-8859-N, windows-125N) */
  static const char *const ascii_supersets[] = { "utf-8", "utf8",   "us-ascii",
                                                 "ascii", "latin1", NULL };
  static const char *const ascii_families[]  = { "iso-8859-",
                                                 "windows-125",
                                                 NULL };
  const char              *s                 = g->decl->str;
  const char              *at;
  const char              *end;
  char                     q;
  g_autofree char         *encoding = NULL;
  g_autofree char         *shown    = NULL;

  if (!g_str_has_prefix(s, "xml") || !is_space(s[3]))
    return TRUE;
  at = strstr(s, "encoding");
  if (at == NULL)
    return TRUE;
  at += 8;
  while (is_space(*at))
    at++;
  if (*at++ != '=')
    return TRUE;
  while (is_space(*at))
    at++;
  q = *at++;
  if ((q != '"' && q != '\'') || (end = strchr(at, q)) == NULL)
    return TRUE;
  encoding = g_ascii_strdown(at, end - at);
  for (gsize i = 0; ascii_supersets[i] != NULL; i++)
    if (strcmp(encoding, ascii_supersets[i]) == 0)
      return TRUE;
  for (gsize i = 0; ascii_families[i] != NULL; i++)
    if (g_str_has_prefix(encoding, ascii_families[i]))
      return TRUE;
  shown = quoted(at, (gsize)(end - at));
  return refuse(g,
                g->decl_line,
                "the document declares the encoding %s; azkb reads RDF/XML "
                "in UTF-8, ASCII, ISO-8859 or Windows-125x only",
                shown);
}

/* ---- references ---- */

static gboolean
end_ref(AzkbXmlGuard *g)
{
  const char      *name = g->name;
  gpointer         len;
  g_autofree char *shown = NULL;

  g->name[g->name_len] = '\0';
  if (name[0] == '#' || is_predefined(name))
    return TRUE;
  if (g_hash_table_lookup_extended(g->entities, name, NULL, &len)) {
    g->expanded += GPOINTER_TO_UINT(len);
    if (g->expanded > AZKB_XML_GUARD_MAX_EXPANSION)
      return refuse(g,
                    g->line,
                    "entity references expand to more than %u MiB of text",
                    AZKB_XML_GUARD_MAX_EXPANSION >> 20);
    return TRUE;
  }
  shown = quoted(name, g->name_len);
  return refuse(g,
                g->line,
                "a reference to the undeclared entity %s (azkb reads no "
                "external entity or DTD)",
                shown);
}

/* ---- the scan ---- */

static void
begin(AzkbXmlGuard *g, State state)
{
  g->state     = state;
  g->decl_line = g->line;
  g->quote     = 0;
  g->tail[0]   = 0;
  g->tail[1]   = 0;
  g_string_truncate(g->decl, 0);
}

static gboolean
gather(AzkbXmlGuard *g, char c)
{
  if (g->decl->len >= MAX_DECL)
    return refuse(
      g, g->decl_line, "a declaration longer than %u KiB", MAX_DECL >> 10);
  g_string_append_c(g->decl, c);
  return TRUE;
}

/* Whether @head is the start of one of @words (or is one: *out_whole). */
static gboolean
head_matches(const char       *head,
             guint             len,
             const char *const words[],
             int              *out_whole)
{
  gboolean prefix = FALSE;

  *out_whole = -1;
  for (int i = 0; words[i] != NULL; i++)
    if (len <= strlen(words[i]) && memcmp(head, words[i], len) == 0) {
      prefix = TRUE;
      if (len == strlen(words[i]))
        *out_whole = i;
    }
  return prefix;
}

/* Whether @c ends the closing sequence @close ("-->", "]]>" or "?>"). */
static gboolean
closes(AzkbXmlGuard *g, char c, const char *close)
{
  gboolean done = strlen(close) == 3 ? g->tail[0] == close[0] &&
                                         g->tail[1] == close[1] && c == close[2]
                                     : g->tail[1] == close[0] && c == close[1];

  g->tail[0] = g->tail[1];
  g->tail[1] = c;
  return done;
}

static gboolean step(AzkbXmlGuard *g, char c);

static gboolean
step_open(AzkbXmlGuard *g, char c)
{
  static const char *const words[] = { "!--", "![CDATA[", "!DOCTYPE", NULL };
  int                      whole;

  if (g->head_len == 0 && c == '?') {
    begin(g, PI);
    g->back = TEXT;
    return TRUE;
  }
  g->head[g->head_len++] = c;
  if (head_matches(g->head, g->head_len, words, &whole)) {
    if (whole == 0) {
      begin(g, COMMENT);
      g->back = TEXT;
    } else if (whole == 1)
      begin(g, CDATA);
    else if (whole == 2)
      begin(g, DOCTYPE);
    return TRUE;
  }
  g->state        = TAG;
  g->end_tag      = g->head[0] == '/';
  g->tag_prev     = 0;
  g->tag_name_len = 0;
  return step(g, c);
}

/* The name just read in a tag, an element's or an attribute's: XML with
 * namespaces allows one colon, between a prefix and a local name.  libxml2
 * only warns about another, and raptor then makes a predicate of the
 * whole name (rdf:a:b as the RDF namespace + "a:b"), which no RDF/XML
 * writer can write back; so such a name is refused. */
static gboolean
judge_tag_name(AzkbXmlGuard *g)
{
  g_autofree char *shown = NULL;
  guint            len   = g->tag_name_len;

  g->tag_name_len = 0;
  if (g->tag_name_colons == 0 ||
      (g->tag_name_colons == 1 && g->tag_name[0] != ':' &&
       g->tag_name_last != ':'))
    return TRUE;
  shown = quoted(g->tag_name, len);
  return refuse(g,
                g->tag_name_line,
                "the name %s is not a namespace-well-formed XML name (one "
                "colon at most, between a prefix and a local name)",
                shown);
}

/* One byte of a tag outside attribute values: names are gathered and
 * judged at their end.  FALSE when refused. */
static gboolean
tag_name_byte(AzkbXmlGuard *g, char c)
{
  if (is_space(c) || c == '=' || c == '>' || c == '/' || c == '"' ||
      c == '\'' || c == '<')
    return g->tag_name_len == 0 || judge_tag_name(g);
  if (g->tag_name_len == 0) {
    g->tag_name_colons = 0;
    g->tag_name_line   = g->line;
  }
  if (g->tag_name_len < sizeof g->tag_name)
    g->tag_name[g->tag_name_len] = c;
  if (g->tag_name_len < G_MAXUINT)
    g->tag_name_len++;
  if (c == ':' && g->tag_name_colons < 2)
    g->tag_name_colons++;
  g->tag_name_last = c;
  return TRUE;
}

/* A tag ends: count the elements open.  raptor's RDF/XML parser takes
 * time quadratic in the depth, so deep nesting is refused. */
static gboolean
end_tag(AzkbXmlGuard *g)
{
  if (g->tag_prev == '/')
    return TRUE; /* <empty/> */
  if (g->end_tag) {
    if (g->depth > 0)
      g->depth--;
    return TRUE;
  }
  if (++g->depth > AZKB_XML_GUARD_MAX_DEPTH)
    return refuse(g,
                  g->line,
                  "elements nested deeper than %u levels",
                  AZKB_XML_GUARD_MAX_DEPTH);
  return TRUE;
}

static gboolean
step_subset_open(AzkbXmlGuard *g, char c)
{
  static const char *const words[] = { "!--", NULL };
  int                      whole;

  if (g->head_len == 0 && c == '?') {
    begin(g, PI);
    g->back = SUBSET;
    return TRUE;
  }
  g->head[g->head_len++] = c;
  if (head_matches(g->head, g->head_len, words, &whole)) {
    if (whole == 0) {
      begin(g, COMMENT);
      g->back = SUBSET;
    }
    return TRUE;
  }
  begin(g, DECL);
  g->decl_line = g->line;
  for (guint i = 0; i < g->head_len - 1; i++)
    g_string_append_c(g->decl, g->head[i]);
  return step(g, c);
}

static gboolean
step(AzkbXmlGuard *g, char c)
{
  switch (g->state) {
    case TEXT:
      if (c == '<') {
        g->state    = OPEN;
        g->head_len = 0;
        g->text     = 0;
      } else if (c == '&') {
        g->state    = REF;
        g->back     = TEXT;
        g->name_len = 0;
      }
      return TRUE;
    case OPEN:
      return step_open(g, c);
    case TAG:
      g->seen_markup = TRUE;
      if (!tag_name_byte(g, c))
        return FALSE;
      if (c == '>') {
        g->state = TEXT;
        return end_tag(g);
      }
      g->tag_prev = c;
      if (c == '"' || c == '\'') {
        g->state = TAG_QUOTE;
        g->quote = c;
      }
      return TRUE;
    case TAG_QUOTE:
      if (c == g->quote)
        g->state = TAG;
      else if (c == '&') {
        g->state    = REF;
        g->back     = TAG_QUOTE;
        g->name_len = 0;
      }
      return TRUE;
    case COMMENT:
      if (closes(g, c, "-->"))
        g->state = g->back;
      return TRUE;
    case CDATA:
      if (closes(g, c, "]]>"))
        g->state = TEXT;
      return TRUE;
    case PI:
      if (closes(g, c, "?>")) {
        gboolean first = !g->seen_markup;

        g->seen_markup = TRUE;
        g->state       = g->back;
        if (g->decl->len > 0)
          g_string_truncate(g->decl, g->decl->len - 1); /* the '?' */
        return !first || judge_xml_declaration(g);
      }
      /* only the XML declaration is judged: keep its start */
      if (!g->seen_markup && g->decl->len < 512)
        g_string_append_c(g->decl, c);
      return TRUE;
    case REF:
      if (c == ';') {
        g->state = g->back;
        return end_ref(g);
      }
      if (is_space(c) || c == '<' || c == '&' || c == '"' || c == '\'' ||
          g->name_len == MAX_NAME) {
        /* not a reference: libxml2 reports it */
        g->state = g->back;
        return step(g, c);
      }
      g->name[g->name_len++] = c;
      return TRUE;
    case DOCTYPE:
      g->seen_markup = TRUE;
      if (g->quote != 0) {
        if (c == g->quote)
          g->quote = 0;
      } else if (c == '"' || c == '\'')
        g->quote = c;
      else if (c == '[' || c == '>') {
        if (!judge_doctype(g))
          return FALSE;
        g->state = c == '[' ? SUBSET : TEXT;
        return TRUE;
      }
      return gather(g, c);
    case SUBSET:
      if (c == '<') {
        g->state    = SUBSET_OPEN;
        g->head_len = 0;
      } else if (c == ']')
        g->state = DOCTYPE_END;
      else if (c == '%')
        return refuse(g,
                      g->line,
                      "the DTD refers to a parameter entity, which azkb does "
                      "not read (it reads only the file it is given)");
      return TRUE;
    case SUBSET_OPEN:
      return step_subset_open(g, c);
    case DECL:
      if (g->quote != 0) {
        if (c == g->quote)
          g->quote = 0;
      } else if (c == '"' || c == '\'')
        g->quote = c;
      else if (c == '>') {
        g->state = SUBSET;
        return judge_decl(g);
      }
      return gather(g, c);
    case DOCTYPE_END:
      if (c == '>')
        g->state = TEXT;
      return TRUE;
    case REFUSED:
    default:
      return FALSE;
  }
}

gboolean
azkb_xml_guard_scan(AzkbXmlGuard *g,
                    const guint8 *p,
                    gsize         n,
                    const char  **out_message,
                    guint        *out_line)
{
  for (gsize i = 0; i < n && g->state != REFUSED; i++) {
    char c = (char)p[i];

    if (c == '\0') {
      refuse(g,
             g->line,
             "the byte 00, which XML text cannot hold (azkb reads RDF/XML "
             "in UTF-8 or another ASCII-based encoding)");
      break;
    }
    if (c == '\n')
      g->line++;
    g->seen_byte = TRUE;
    /* raptor holds the text of an element whole (libxml2's own limit does
     * not reach it): an endless literal, or endless white space, would be
     * read until memory ran out */
    if (g->state == TEXT || g->state == REF) {
      if (g->text++ == 0) /* a line end belongs to the line it ends */
        g->text_line = g->line - (c == '\n');
    }
    if (g->text > AZKB_XML_GUARD_MAX_TEXT) {
      refuse(g,
             g->text_line,
             "text longer than %u MiB between two tags (the most azkb "
             "reads as one literal)",
             AZKB_XML_GUARD_MAX_TEXT >> 20);
      break;
    }
    /* the common case, text between tags, goes fast */
    if (g->state == TEXT && c != '<' && c != '&')
      continue;
    step(g, c);
  }
  if (g->state != REFUSED)
    return TRUE;
  *out_message = g->message;
  *out_line    = g->line;
  return FALSE;
}
