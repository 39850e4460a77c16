/* How long a token may grow (see token-guard.h).  A byte-at-a-time lexer
 * that follows raptor 2.0.15's Turtle lexer (src/turtle_lexer.l) and JSON's
 * grammar just far enough to tell where each token starts and ends; runs
 * of bytes that change nothing are passed over in tight loops, as every
 * byte of a large file goes through here. */
#include "token-guard.h"

#include <string.h>

typedef enum {
  IN_CODE,    /* between tokens */
  IN_WORD,    /* a name, number, keyword or language tag */
  IN_COMMENT, /* # to the end of the line */
  IN_IRI,     /* <...> */
  IN_QUOTES,  /* one or two quote characters: which string is it? */
  IN_SHORT,   /* "..." or '...' (and every JSON string) */
  IN_LONG,    /* """...""" or '''...''' */
} State;

struct _AzkbTokenGuard {
  gboolean    json;
  State       state;
  guint8      quote;      /* the quote character of the string */
  guint       quotes;     /* quote characters in a row */
  gboolean    escaped;    /* the previous byte was a backslash */
  guint64     len;        /* bytes of the token so far */
  guint       line;       /* the line being scanned, from 1 */
  guint       token_line; /* the line the token started on */
  guint64     gap;        /* bytes since the last term: see gap_add() */
  guint       gap_line;   /* the line they started on */
  const char *refused;    /* why, once refused */
};

G_STATIC_ASSERT(AZKB_TOKEN_GUARD_MAX_BYTES == 64u << 20);
#define LIMIT " longer than 64 MiB (the most azkb reads as one token)"

/* Bytes that end a word: white space, and what starts another token or is
 * punctuation.  A '.' belongs to the word (names and numbers hold dots). */
static const guint8 turtle_word_stops[256] = {
  [' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1, ['\v'] = 1, ['<'] = 1,
  ['"'] = 1, ['\''] = 1, ['#'] = 1,  ['('] = 1,  [')'] = 1,  ['['] = 1,
  [']'] = 1, ['{'] = 1,  ['}'] = 1,  [','] = 1,  [';'] = 1,  ['\\'] = 1,
};

static const guint8 json_word_stops[256] = {
  [' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1, ['{'] = 1, ['}'] = 1,
  ['['] = 1, [']'] = 1,  [':'] = 1,  [','] = 1,  ['"'] = 1,
};

/* Bytes an IRI cannot hold (raptor's IRI rule), and its end. */
static gboolean
iri_stops(guint8 c)
{
  return c <= 0x20 || c == '>' || c == '<' || c == '"' || c == '{' ||
         c == '}' || c == '|' || c == '^' || c == '`';
}

AzkbTokenGuard *
azkb_token_guard_new(gboolean json)
{
  AzkbTokenGuard *guard = g_new0(AzkbTokenGuard, 1);

  guard->json = json;
  guard->line = 1;
  return guard;
}

void
azkb_token_guard_free(AzkbTokenGuard *guard)
{
  g_free(guard);
}

static const char *
what(const AzkbTokenGuard *g)
{
  switch (g->state) {
    case IN_IRI:
      return "an IRI" LIMIT;
    case IN_QUOTES:
    case IN_SHORT:
    case IN_LONG:
      return g->json ? "a JSON string" LIMIT : "a string" LIMIT;
    case IN_COMMENT:
      return "a comment" LIMIT;
    case IN_WORD:
      return g->json ? "a JSON number or word" LIMIT
                     : "a name, number or language tag" LIMIT;
    case IN_CODE:
      break;
  }
  return "a token" LIMIT;
}

static void
start(AzkbTokenGuard *g, State state)
{
  g->state      = state;
  g->len        = 1;
  g->token_line = g->line;
}

/* White space and comments (and in Turtle, ';', which may repeat) make
 * no term, but raptor holds them with the statement they are in (Turtle is
 * cut only after a statement, TriG not at all): an endless run of them
 * would be read until memory ran out.  So they are counted too, and a run
 * longer than a token may be is refused. */
static void
gap_add(AzkbTokenGuard *g, guint64 n)
{
  if (n == 0)
    return;
  if (g->gap == 0)
    g->gap_line = g->line;
  g->gap += n;
}

static void code_byte(AzkbTokenGuard *g, guint8 c);

/* The token ended before @c: @c is code again. */
static void
end_before(AzkbTokenGuard *g, guint8 c)
{
  g->state   = IN_CODE;
  g->escaped = FALSE;
  code_byte(g, c);
}

static void
code_byte(AzkbTokenGuard *g, guint8 c)
{
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
      (!g->json && (c == '#' || c == ';')))
    gap_add(g, 1);
  else
    g->gap = 0;
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v')
    return;
  if (g->json) {
    if (c == '"') {
      start(g, IN_SHORT);
      g->quote = c;
    } else if (!json_word_stops[c])
      start(g, IN_WORD);
    return;
  }
  switch (c) {
    case '#':
      start(g, IN_COMMENT);
      break;
    case '<':
      start(g, IN_IRI);
      break;
    case '"':
    case '\'':
      start(g, IN_QUOTES);
      g->quote  = c;
      g->quotes = 1;
      break;
    case '(':
    case ')':
    case '[':
    case ']':
    case '{':
    case '}':
    case ',':
    case ';':
      break;
    case '\\': /* an escape in a name: the next byte is part of it */
      start(g, IN_WORD);
      g->escaped = TRUE;
      break;
    default:
      start(g, IN_WORD);
  }
}

static void
word_byte(AzkbTokenGuard *g, guint8 c)
{
  if (g->escaped)
    g->escaped = FALSE;
  else if (c == '\\' && !g->json)
    g->escaped = TRUE;
  else if ((g->json ? json_word_stops : turtle_word_stops)[c]) {
    end_before(g, c);
    return;
  }
  g->len++;
}

/* A short string ends at its quote; a line break, raw or escaped, ends
 * it too (raptor refuses it there; a JSON string cannot hold one). */
static void
short_byte(AzkbTokenGuard *g, guint8 c)
{
  if (c == '\n' || c == '\r') {
    end_before(g, c);
    return;
  }
  if (g->escaped)
    g->escaped = FALSE;
  else if (c == '\\')
    g->escaped = TRUE;
  else if (c == g->quote) {
    g->state = IN_CODE;
    return;
  }
  g->len++;
}

/* The byte after one or two quote characters. */
static void
quotes_byte(AzkbTokenGuard *g, guint8 c)
{
  if (c == g->quote) {
    g->len++;
    if (++g->quotes == 3) {
      g->state  = IN_LONG;
      g->quotes = 0;
    }
  } else if (g->quotes == 2) {
    end_before(g, c); /* "" was an empty string */
  } else {
    g->state = IN_SHORT;
    short_byte(g, c);
  }
}

/* A long string ends at three quotes that are not escaped. */
static void
long_byte(AzkbTokenGuard *g, guint8 c)
{
  g->len++;
  if (g->escaped) {
    g->escaped = FALSE;
    g->quotes  = 0;
  } else if (c == '\\') {
    g->escaped = TRUE;
    g->quotes  = 0;
  } else if (c == g->quote) {
    if (++g->quotes == 3) {
      g->state  = IN_CODE;
      g->quotes = 0;
    }
  } else
    g->quotes = 0;
}

static void
iri_byte(AzkbTokenGuard *g, guint8 c)
{
  if (c == '>')
    g->state = IN_CODE;
  else if (iri_stops(c))
    end_before(g, c); /* not an IRI raptor reads: it says so */
  else
    g->len++;
}

static void
one_byte(AzkbTokenGuard *g, guint8 c)
{
  switch (g->state) {
    case IN_CODE:
      code_byte(g, c);
      break;
    case IN_WORD:
      word_byte(g, c);
      break;
    case IN_COMMENT:
      gap_add(g, 1);
      if (c == '\n')
        g->state = IN_CODE;
      else
        g->len++;
      break;
    case IN_IRI:
      iri_byte(g, c);
      break;
    case IN_QUOTES:
      quotes_byte(g, c);
      break;
    case IN_SHORT:
      short_byte(g, c);
      break;
    case IN_LONG:
      long_byte(g, c);
      break;
  }
}

/* How many bytes from @p on only lengthen the current token (or, between
 * tokens, are blanks): none of them ends a line or changes the state. */
static gsize
skip(const AzkbTokenGuard *g, const guint8 *p, gsize n)
{
  const guint8 *stops = g->json ? json_word_stops : turtle_word_stops;
  gsize         i     = 0;

  if (g->escaped || g->quotes > 0)
    return 0;
  switch (g->state) {
    case IN_CODE:
      while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r'))
        i++;
      break;
    case IN_WORD:
      while (i < n && !stops[p[i]])
        i++;
      break;
    case IN_COMMENT: {
      const guint8 *nl = memchr(p, '\n', n);

      i = nl != NULL ? (gsize)(nl - p) : n;
      break;
    }
    case IN_IRI:
      while (i < n && !iri_stops(p[i]))
        i++;
      break;
    case IN_SHORT:
      while (i < n && p[i] != g->quote && p[i] != '\\' && p[i] != '\n' &&
             p[i] != '\r')
        i++;
      break;
    case IN_LONG:
      while (i < n && p[i] != g->quote && p[i] != '\\' && p[i] != '\n')
        i++;
      break;
    case IN_QUOTES:
      break;
  }
  return i;
}

gboolean
azkb_token_guard_scan(AzkbTokenGuard *guard,
                      const guint8   *p,
                      gsize           n,
                      const char    **out_message,
                      guint          *out_line)
{
  gsize i = 0;

  while (guard->refused == NULL && i < n) {
    gsize run = skip(guard, p + i, n - i);

    if (guard->state != IN_CODE)
      guard->len += run;
    if (guard->state == IN_CODE || guard->state == IN_COMMENT)
      gap_add(guard, run);
    i += run;
    if (i < n) {
      one_byte(guard, p[i]);
      /* counted after the byte: a token starts after a line break */
      if (p[i++] == '\n')
        guard->line++;
    }
    if (guard->state != IN_CODE && guard->len > AZKB_TOKEN_GUARD_MAX_BYTES)
      guard->refused = what(guard);
    else if (guard->gap > AZKB_TOKEN_GUARD_MAX_BYTES) {
      guard->refused    = guard->json ? "more than 64 MiB of white space "
                                        "without a token (the most azkb "
                                        "reads between two)"
                                      : "more than 64 MiB without a term "
                                        "(only white space, comments or "
                                        "“;”; the most azkb reads between "
                                        "two)";
      guard->token_line = guard->gap_line;
    }
  }
  *out_message = guard->refused;
  *out_line    = guard->token_line;
  return guard->refused == NULL;
}

gsize
azkb_token_guard_pending(const AzkbTokenGuard *guard, guint *out_line)
{
  *out_line = guard->token_line;
  return guard->state == IN_CODE ? 0 : (gsize)guard->len;
}
