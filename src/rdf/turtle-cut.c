/* Places to cut a Turtle document (see turtle-cut.h).  A byte-at-a-time
 * lexer that knows just enough Turtle to tell where it is: code, a comment,
 * an IRI, a short or a long string. */
#include "turtle-cut.h"

typedef enum {
  IN_CODE,
  IN_COMMENT,
  IN_IRI,
  IN_QUOTES,  /* one or two quote characters seen: which string is it? */
  IN_SHORT,   /* "..." or '...' */
  IN_LONG,    /* """...""" or '''...''' */
  IN_STOPPED, /* no more cuts in this document */
} State;

struct _AzkbTurtleCut {
  State         state;
  unsigned char quote;    /* the quote character of the string */
  guint         quotes;   /* quote characters in a row */
  gboolean      escaped;  /* the previous byte was a backslash */
  guint         depth;    /* open [ and ( */
  unsigned char prev;     /* the last byte of code (or of what it closed) */
  gboolean      dot;      /* " ." seen, waiting for the line end */
  gboolean      at_start; /* where a statement, so a directive, may start */
  char          word[8];  /* the first word of a statement, lower case */
  guint         word_len;
};

AzkbTurtleCut *
azkb_turtle_cut_new(void)
{
  AzkbTurtleCut *cut = g_new0(AzkbTurtleCut, 1);

  cut->prev     = '\n';
  cut->at_start = TRUE;
  return cut;
}

void
azkb_turtle_cut_free(AzkbTurtleCut *cut)
{
  g_free(cut);
}

static gboolean
is_blank(unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A '.' after these cannot belong to a number or a name. */
static gboolean
ends_token(unsigned char c)
{
  return is_blank(c) || c == '"' || c == '\'' || c == '>' || c == ']' ||
         c == ')';
}

/* A bare word ended by @c: @base and BASE change how later IRIs resolve,
 * which a piece starting with only the prefixes would not know. */
static void
end_word(AzkbTurtleCut *cut, unsigned char c)
{
  cut->word[cut->word_len] = '\0';
  if ((is_blank(c) || c == '<') &&
      (strcmp(cut->word, "@base") == 0 || strcmp(cut->word, "base") == 0))
    cut->state = IN_STOPPED;
  cut->word_len = 0;
}

/* Directives come first in a statement: at the start of the document,
 * after a '.', or after the IRI that ends a PREFIX or BASE line (every IRI
 * at the top level counts, to be safe).  Only such a first word is read. */
static void
track_word(AzkbTurtleCut *cut, unsigned char c)
{
  gboolean letter = g_ascii_isalpha(c) || (c == '@' && cut->word_len == 0);

  if (cut->word_len == 0) {
    if (!cut->at_start || is_blank(c) || c == '#')
      return;
    cut->at_start = FALSE;
    if (c != '@' && c != 'b' && c != 'B')
      return;
  }
  if (!letter) {
    end_word(cut, c);
    return;
  }
  if (cut->word_len < sizeof cut->word - 1)
    cut->word[cut->word_len++] = (char)g_ascii_tolower(c);
  else
    cut->word_len = 0; /* too long to be a directive */
}

/* One byte of code.  Returns TRUE at a line end that is a place to cut. */
static gboolean
code_byte(AzkbTurtleCut *cut, unsigned char c)
{
  gboolean at_cut = FALSE;

  if (cut->escaped) {
    cut->escaped = FALSE;
    cut->prev    = 'x'; /* an escaped character is part of a name */
    cut->dot     = FALSE;
    return FALSE;
  }
  track_word(cut, c);
  switch (c) {
    case '\n':
      at_cut   = cut->dot;
      cut->dot = FALSE;
      break;
    case ' ':
    case '\t':
    case '\r':
      break;
    case '.':
      cut->dot      = cut->depth == 0 && ends_token(cut->prev);
      cut->at_start = cut->depth == 0;
      break;
    case '#':
      cut->state = IN_COMMENT;
      return FALSE; /* a comment keeps a pending " ." */
    case '<':
      cut->state = IN_IRI;
      cut->dot   = FALSE;
      break;
    case '"':
    case '\'':
      cut->state  = IN_QUOTES;
      cut->quote  = c;
      cut->quotes = 1;
      cut->dot    = FALSE;
      break;
    case '[':
    case '(':
      cut->depth++;
      cut->dot = FALSE;
      break;
    case ']':
    case ')':
      if (cut->depth == 0)
        cut->state = IN_STOPPED;
      else
        cut->depth--;
      cut->dot = FALSE;
      break;
    case '\\':
      cut->escaped = TRUE;
      cut->dot     = FALSE;
      break;
    default:
      cut->dot = FALSE;
  }
  cut->prev = c;
  return at_cut;
}

/* The byte after one or two quote characters. */
static void
quotes_byte(AzkbTurtleCut *cut, unsigned char c)
{
  if (c == cut->quote && cut->quotes == 2) {
    cut->state  = IN_LONG;
    cut->quotes = 0;
  } else if (c == cut->quote)
    cut->quotes++;
  else if (cut->quotes == 2) {
    /* "" was an empty string: c is code again */
    cut->state = IN_CODE;
    cut->prev  = cut->quote;
    code_byte(cut, c);
  } else {
    /* quotes are counted again only in a long string: a count left here
     * would keep skip() from passing over this string */
    cut->state  = IN_SHORT;
    cut->prev   = 0;
    cut->quotes = 0;
    if (c == '\\')
      cut->escaped = TRUE;
    else if (c == '\n')
      cut->state = IN_STOPPED;
  }
}

static void
string_byte(AzkbTurtleCut *cut, unsigned char c)
{
  if (cut->escaped) {
    cut->escaped = FALSE;
    cut->quotes  = 0;
    return;
  }
  if (c == '\\') {
    cut->escaped = TRUE;
    cut->quotes  = 0;
  } else if (c == cut->quote) {
    cut->quotes++;
    if (cut->state == IN_SHORT || cut->quotes == 3) {
      cut->state = IN_CODE;
      cut->prev  = c;
    }
  } else {
    cut->quotes = 0;
    if (c == '\n' && cut->state == IN_SHORT)
      cut->state = IN_STOPPED; /* raptor will refuse it: leave it whole */
  }
}

/* Bytes of code that need a look: everything else only moves on.  A
 * table, as the scan passes most bytes of a file through this test.  A
 * line break is not one: skip() runs only when no " ." waits for one
 * and no statement is starting, and then a line break only moves on. */
static const guint8 code_stops[256] = {
  ['.'] = 1, ['#'] = 1, ['<'] = 1, ['"'] = 1, ['\''] = 1,
  ['['] = 1, [']'] = 1, ['('] = 1, [')'] = 1, ['\\'] = 1,
};

static gboolean
string_stops(const AzkbTurtleCut *cut, unsigned char c)
{
  return c == cut->quote || c == '\\' || c == '\n';
}

/* How many bytes from @p on can be passed over in the current state
 * without a change of state. */
static gsize
skip(const AzkbTurtleCut *cut, const unsigned char *p, gsize n)
{
  gsize i = 0;

  switch (cut->state) {
    case IN_CODE:
      if (cut->dot || cut->escaped || cut->word_len > 0 || cut->at_start)
        return 0;
      /* four at a time: most bytes are passed over here */
      while (i + 4 <= n && !(code_stops[p[i]] | code_stops[p[i + 1]] |
                             code_stops[p[i + 2]] | code_stops[p[i + 3]]))
        i += 4;
      while (i < n && !code_stops[p[i]])
        i++;
      return i;
    case IN_COMMENT:
      while (i < n && p[i] != '\n')
        i++;
      return i;
    case IN_IRI:
      while (i < n && p[i] != '>' && p[i] != '\n')
        i++;
      return i;
    case IN_SHORT:
    case IN_LONG:
      if (cut->escaped || cut->quotes > 0)
        return 0;
      while (i < n && !string_stops(cut, p[i]))
        i++;
      return i;
    case IN_QUOTES:
    case IN_STOPPED:
      return 0;
  }
  return 0;
}

gsize
azkb_turtle_cut_scan(AzkbTurtleCut       *cut,
                     const unsigned char *p,
                     gsize                n,
                     gboolean            *out_cut)
{
  *out_cut = FALSE;
  for (gsize i = 0; i < n && cut->state != IN_STOPPED; i++) {
    gsize         skipped = skip(cut, p + i, n - i);
    unsigned char c;

    if (skipped > 0) {
      i += skipped;
      if (cut->state == IN_CODE)
        cut->prev = p[i - 1];
      if (i == n)
        return n;
    }
    c = p[i];
    switch (cut->state) {
      case IN_COMMENT:
        if (c != '\n')
          break;
        cut->state = IN_CODE;
        G_GNUC_FALLTHROUGH;
      case IN_CODE:
        if (code_byte(cut, c)) {
          *out_cut = TRUE;
          return i + 1;
        }
        break;
      case IN_IRI:
        if (c == '>') {
          cut->state    = IN_CODE;
          cut->prev     = c;
          cut->at_start = cut->depth == 0;
        } else if (c == '\n')
          cut->state = IN_STOPPED;
        break;
      case IN_QUOTES:
        quotes_byte(cut, c);
        break;
      case IN_SHORT:
      case IN_LONG:
        string_byte(cut, c);
        break;
      case IN_STOPPED:
        break;
    }
  }
  return n;
}
