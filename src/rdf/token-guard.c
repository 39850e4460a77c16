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

/* The limit applied: tests/test-guard-tokens.c builds this file with a
 * limit of a few bytes, to meet it at every place a token can be. */
#ifndef TOKEN_GUARD_LIMIT
#  define TOKEN_GUARD_LIMIT AZKB_TOKEN_GUARD_MAX_BYTES
#endif

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
    g->quotes = 0;
    end_before(g, c); /* "" was an empty string */
  } else {
    /* no quote is pending now: a count left behind would keep skip()
     * from passing over runs for the rest of the document */
    g->quotes = 0;
    g->state  = IN_SHORT;
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

/* What a byte of Turtle code does (code_byte()), for turtle_run(). */
enum {
  K_WORD = 0, /* starts a name, number or keyword */
  K_BLANK,    /* white space, or ';': adds to the gap */
  K_LINE,     /* a line break: adds to the gap, then a line */
  K_PUNCT,    /* ( ) [ ] { } , ends the gap, starts nothing */
  K_IRI,      /* < */
  K_QUOTE,    /* " or ' */
  K_SLOW,     /* # and \ : left to one_byte() */
};

static const guint8 turtle_code_kind[256] = {
  [' '] = K_BLANK, ['\t'] = K_BLANK, ['\r'] = K_BLANK, ['\v'] = K_BLANK,
  [';'] = K_BLANK, ['\n'] = K_LINE,  ['('] = K_PUNCT,  [')'] = K_PUNCT,
  ['['] = K_PUNCT, [']'] = K_PUNCT,  ['{'] = K_PUNCT,  ['}'] = K_PUNCT,
  [','] = K_PUNCT, ['<'] = K_IRI,    ['"'] = K_QUOTE,  ['\''] = K_QUOTE,
  ['#'] = K_SLOW,  ['\\'] = K_SLOW,
};

/* The bytes an IRI cannot hold, as a table (iri_stops()). */
static const guint8 turtle_iri_stops[256] = {
  [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1,
  [0x06] = 1, [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0A] = 1, [0x0B] = 1,
  [0x0C] = 1, [0x0D] = 1, [0x0E] = 1, [0x0F] = 1, [0x10] = 1, [0x11] = 1,
  [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
  [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1, [0x1C] = 1, [0x1D] = 1,
  [0x1E] = 1, [0x1F] = 1, [' '] = 1,  ['>'] = 1,  ['<'] = 1,  ['"'] = 1,
  ['{'] = 1,  ['}'] = 1,  ['|'] = 1,  ['^'] = 1,  ['`'] = 1,
};

/* The fast path for Turtle and TriG: the common tokens (names, IRIs,
 * short strings without escapes) and what lies between them, one pass
 * with the state in locals, as one_byte() would take them.  It returns
 * how many of the @n bytes it took, stopping before one it leaves to
 * one_byte() (an escape, a comment, a long string).  The caller makes @n
 * small enough that no token and no gap can pass the limit within it, so
 * no byte needs the check that follows each in the slow path. */
static gsize
turtle_run(AzkbTokenGuard *g, const guint8 *p, gsize n)
{
  State   state      = g->state;
  guint64 len        = g->len;
  guint64 gap        = g->gap;
  guint   line       = g->line;
  guint   token_line = g->token_line;
  guint   gap_line   = g->gap_line;
  guint8  quote      = g->quote;
  guint   quotes     = g->quotes;
  gsize   i          = 0;

  if (g->escaped)
    return 0;
  while (i < n) {
    gsize j = i;

    switch (state) {
      case IN_CODE:
        /* blanks come in runs (indentation, a space between terms) */
        while (j < n && turtle_code_kind[p[j]] == K_BLANK)
          j++;
        if (j > i) {
          if (gap == 0)
            gap_line = line;
          gap += j - i;
          i = j;
          if (i == n)
            goto out;
        }
        switch (turtle_code_kind[p[i]]) {
          case K_LINE:
            if (gap++ == 0)
              gap_line = line;
            line++;
            break;
          case K_BLANK:
            if (gap++ == 0)
              gap_line = line;
            break;
          case K_PUNCT:
            gap = 0;
            break;
          case K_WORD:
            state = IN_WORD;
            goto token;
          case K_IRI:
            state = IN_IRI;
            goto token;
          case K_QUOTE:
            state  = IN_QUOTES;
            quote  = p[i];
            quotes = 1;
          token:
            gap        = 0;
            len        = 1;
            token_line = line;
            break;
          default:
            goto out;
        }
        i++;
        continue;
      case IN_WORD:
        while (j < n && !turtle_word_stops[p[j]])
          j++;
        len += j - i;
        i = j;
        if (i == n || p[i] == '\\')
          goto out;
        state = IN_CODE; /* the byte that ended it is code */
        continue;
      case IN_IRI:
        while (j < n && !turtle_iri_stops[p[j]])
          j++;
        len += j - i;
        i = j;
        if (i == n)
          goto out;
        state = IN_CODE;
        if (p[i] == '>')
          i++;
        /* else not an IRI raptor reads: the byte is code, raptor says
         * what is wrong */
        continue;
      case IN_QUOTES:
        /* one quote, then a byte that is not one: a short string */
        if (quotes != 1 || p[i] == quote || p[i] == '\\' || p[i] == '\n' ||
            p[i] == '\r')
          goto out;
        state  = IN_SHORT;
        quotes = 0;
        len++;
        i++;
        continue;
      case IN_SHORT:
        while (j < n && p[j] != quote && p[j] != '\\' && p[j] != '\n' &&
               p[j] != '\r')
          j++;
        len += j - i;
        i = j;
        if (i == n || p[i] == '\\')
          goto out;
        state = IN_CODE;
        if (p[i] == quote)
          i++;
        continue; /* a line break ends it, and is code */
      case IN_COMMENT:
      case IN_LONG:
        goto out;
    }
  }
out:
  g->state      = state;
  g->len        = len;
  g->gap        = gap;
  g->line       = line;
  g->token_line = token_line;
  g->gap_line   = gap_line;
  g->quote      = quote;
  g->quotes     = quotes;
  return i;
}

/* How many bytes turtle_run() may take without a check: as many as can
 * lengthen neither the token under way nor the gap past the limit. */
static gsize
run_room(const AzkbTokenGuard *g, gsize n)
{
  guint64 used = MAX(g->state != IN_CODE ? g->len : 0, g->gap);

  return used >= TOKEN_GUARD_LIMIT ? 0
                                   : (gsize)MIN(n, TOKEN_GUARD_LIMIT - used);
}

/* Refuses the document once the token under way, or the gap, has passed
 * the limit.  TRUE when refused. */
static gboolean
over_limit(AzkbTokenGuard *g)
{
  if (g->state != IN_CODE && g->len > TOKEN_GUARD_LIMIT)
    g->refused = what(g);
  else if (g->gap > TOKEN_GUARD_LIMIT) {
    g->refused    = g->json ? "more than 64 MiB of white space "
                              "without a token (the most azkb "
                              "reads between two)"
                            : "more than 64 MiB without a term "
                              "(only white space, comments or "
                              "“;”; the most azkb reads between "
                              "two)";
    g->token_line = g->gap_line;
  }
  return g->refused != NULL;
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
    gsize run;

    if (!guard->json) {
      i += turtle_run(guard, p + i, run_room(guard, n - i));
      if (i == n)
        break;
    }
    /* A run ends at the byte that takes it past the limit, if one does:
     * checked there, before a byte after it could end the token (in one
     * run only one count grows, or in a comment the gap, never shorter
     * than the comment, with it) */
    run = skip(guard, p + i, MIN(n - i, run_room(guard, n - i) + 1));
    if (guard->state != IN_CODE)
      guard->len += run;
    if (guard->state == IN_CODE || guard->state == IN_COMMENT)
      gap_add(guard, run);
    i += run;
    if (over_limit(guard) || i == n)
      break;
    one_byte(guard, p[i]);
    /* counted after the byte: a token starts after a line break */
    if (p[i++] == '\n')
      guard->line++;
    over_limit(guard);
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
