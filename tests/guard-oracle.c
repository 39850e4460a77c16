/* The token guard's oracle: src/rdf/token-guard.c's lexer as a plain
 * machine of one step per byte, with the limit checked after every byte,
 * and nothing passed over in runs.  What the guard does fast (skipping
 * runs, a fast path for common Turtle) must come to the same answers; this
 * says what those answers are. */
#include "guard-oracle.h"

#include <string.h>

typedef enum {
  IN_CODE,
  IN_WORD,
  IN_COMMENT,
  IN_IRI,
  IN_QUOTES,
  IN_SHORT,
  IN_LONG,
} State;

struct _GuardOracle {
  gboolean    json;
  guint64     limit;
  State       state;
  guint8      quote;
  guint       quotes;
  gboolean    escaped;
  guint64     len;
  guint       line;
  guint       token_line;
  guint64     gap;
  guint       gap_line;
  const char *refused;
};

#define LIMIT " longer than 64 MiB (the most azkb reads as one token)"

static gboolean
is_blank(guint8 c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v';
}

static gboolean
turtle_word_stop(guint8 c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
         (c != '\0' && strchr("<\"'#()[]{},;\\", c) != NULL);
}

static gboolean
json_word_stop(guint8 c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
         (c != '\0' && strchr("{}[]:,\"", c) != NULL);
}

static gboolean
iri_stop(guint8 c)
{
  return c <= 0x20 || (strchr("><\"{}|^`", c) != NULL);
}

GuardOracle *
guard_oracle_new(gboolean json, guint64 limit)
{
  GuardOracle *o = g_new0(GuardOracle, 1);

  o->json  = json;
  o->limit = limit;
  o->line  = 1;
  return o;
}

void
guard_oracle_free(GuardOracle *o)
{
  g_free(o);
}

static const char *
what(const GuardOracle *o)
{
  switch (o->state) {
    case IN_IRI:
      return "an IRI" LIMIT;
    case IN_QUOTES:
    case IN_SHORT:
    case IN_LONG:
      return o->json ? "a JSON string" LIMIT : "a string" LIMIT;
    case IN_COMMENT:
      return "a comment" LIMIT;
    case IN_WORD:
      return o->json ? "a JSON number or word" LIMIT
                     : "a name, number or language tag" LIMIT;
    case IN_CODE:
      break;
  }
  return "a token" LIMIT;
}

static void
start(GuardOracle *o, State state)
{
  o->state      = state;
  o->len        = 1;
  o->token_line = o->line;
}

static void
gap_add(GuardOracle *o)
{
  if (o->gap == 0)
    o->gap_line = o->line;
  o->gap++;
}

static void
code_byte(GuardOracle *o, guint8 c)
{
  if (is_blank(c) || (!o->json && (c == '#' || c == ';')))
    gap_add(o);
  else
    o->gap = 0;
  if (is_blank(c))
    return;
  if (o->json) {
    if (c == '"') {
      start(o, IN_SHORT);
      o->quote = c;
    } else if (!json_word_stop(c))
      start(o, IN_WORD);
    return;
  }
  if (c == '#')
    start(o, IN_COMMENT);
  else if (c == '<')
    start(o, IN_IRI);
  else if (c == '"' || c == '\'') {
    start(o, IN_QUOTES);
    o->quote  = c;
    o->quotes = 1;
  } else if (c == '\\') {
    start(o, IN_WORD);
    o->escaped = TRUE;
  } else if (c == '\0' || strchr("()[]{},;", c) == NULL)
    start(o, IN_WORD);
}

static void
end_before(GuardOracle *o, guint8 c)
{
  o->state   = IN_CODE;
  o->escaped = FALSE;
  code_byte(o, c);
}

static void
short_byte(GuardOracle *o, guint8 c)
{
  if (c == '\n' || c == '\r')
    end_before(o, c);
  else if (o->escaped) {
    o->escaped = FALSE;
    o->len++;
  } else if (c == '\\') {
    o->escaped = TRUE;
    o->len++;
  } else if (c == o->quote)
    o->state = IN_CODE;
  else
    o->len++;
}

static void
one_byte(GuardOracle *o, guint8 c)
{
  switch (o->state) {
    case IN_CODE:
      code_byte(o, c);
      break;
    case IN_WORD:
      if (o->escaped) {
        o->escaped = FALSE;
        o->len++;
      } else if (c == '\\' && !o->json) {
        o->escaped = TRUE;
        o->len++;
      } else if (o->json ? json_word_stop(c) : turtle_word_stop(c))
        end_before(o, c);
      else
        o->len++;
      break;
    case IN_COMMENT:
      gap_add(o);
      if (c == '\n')
        o->state = IN_CODE;
      else
        o->len++;
      break;
    case IN_IRI:
      if (c == '>')
        o->state = IN_CODE;
      else if (iri_stop(c))
        end_before(o, c);
      else
        o->len++;
      break;
    case IN_QUOTES:
      if (c == o->quote) {
        o->len++;
        if (++o->quotes == 3) {
          o->state  = IN_LONG;
          o->quotes = 0;
        }
      } else if (o->quotes == 2)
        end_before(o, c);
      else {
        o->state = IN_SHORT;
        short_byte(o, c);
      }
      break;
    case IN_SHORT:
      short_byte(o, c);
      break;
    case IN_LONG:
      o->len++;
      if (o->escaped) {
        o->escaped = FALSE;
        o->quotes  = 0;
      } else if (c == '\\') {
        o->escaped = TRUE;
        o->quotes  = 0;
      } else if (c == o->quote) {
        if (++o->quotes == 3) {
          o->state  = IN_CODE;
          o->quotes = 0;
        }
      } else
        o->quotes = 0;
      break;
  }
}

gboolean
guard_oracle_scan(GuardOracle  *o,
                  const guint8 *p,
                  gsize         n,
                  const char  **out_message,
                  guint        *out_line)
{
  for (gsize i = 0; i < n && o->refused == NULL; i++) {
    one_byte(o, p[i]);
    if (p[i] == '\n')
      o->line++;
    if (o->state != IN_CODE && o->len > o->limit)
      o->refused = what(o);
    else if (o->gap > o->limit) {
      o->refused    = o->json ? "more than 64 MiB of white space "
                                "without a token (the most azkb "
                                "reads between two)"
                              : "more than 64 MiB without a term "
                                "(only white space, comments or "
                                "“;”; the most azkb reads between "
                                "two)";
      o->token_line = o->gap_line;
    }
  }
  *out_message = o->refused;
  *out_line    = o->token_line;
  return o->refused == NULL;
}

gsize
guard_oracle_pending(const GuardOracle *o, guint *out_line)
{
  *out_line = o->token_line;
  return o->state == IN_CODE ? 0 : (gsize)o->len;
}
