/* Import: RDF in any syntax raptor2 parses, into the store.
 *
 * Two phases.  While raptor parses, the intake (intake.c, on a second
 * thread where there is a core for it) reduces each triple to three ids of
 * a local term table (IRIs, blank nodes and literals, each interned once by
 * a key string) plus the line raptor was at, and appends it to one array:
 * nothing is interpreted yet, because a statement node may come before or
 * after the parts it describes.  When the parse has succeeded, resolve.c's
 * three passes over that array build a fresh staging store, which is
 * merged into the target only when every step succeeded, so a failed load
 * changes nothing.
 *
 * This file is the first phase: the bytes stream past the guards of their
 * syntax (line checks, token and escape scans, the XML guard), Turtle is
 * cut into pieces, lines are mapped back to where a statement starts, and
 * raptor's messages become located errors.
 */
#include "intake.h"
#include "rdf-private.h"
#include "resolve.h"
#include "token-guard.h"
#include "turtle-cut.h"
#include "xml-guard.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>
#include <raptor2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
  const char         *name; /* the file as named in messages */
  AzkbRdfBase         base;
  AzkbStore          *stage; /* resolve.c's, once the parse has succeeded */
  AzkbRdfWorld       *lent;  /* the world below, borrowed for this import */
  raptor_world       *world;
  raptor_parser      *parser;
  GError             *error;    /* the first error, parse or shape */
  AzkbRdfProgressFunc progress; /* or NULL */
  gpointer            progress_data;
  guint64             size; /* of the file, 0 when unknown */

  /* the local term table and the triples */
  AzkbIntake             *intake;
  const AzkbIntakeTriple *triples;
  guint                   n_triples;

  /* Turtle and TriG report every triple of a subject block at the block's
   * closing '.', so lines are mapped back to the block's first line: while
   * the input streams past, each line that starts a block (text in column
   * 0 that is not a comment, a directive or punctuation) sets its bit. */
  GByteArray *starts;    /* NULL: the syntax's lines need no mapping */
  guint32     scan_line; /* the line being scanned, from 1 */
  char        scan_head[8];
  guint       scan_len;      /* bytes of scan_head filled */
  gboolean    scan_done;     /* this line is classified */
  gboolean    scan_indent;   /* this line starts with white space */
  guint32     last_line;     /* the last line raptor reported */
  guint32     last_start;    /* ... and its block's first line */
  gboolean    drop_datatype; /* see azkb_rdf_world_acquire_for_parser() */

  /* Turtle goes to raptor in pieces (turtle-cut.h): each piece is parsed
   * as a document of its own, after the prefixes declared so far. */
  AzkbTurtleCut *cut;        /* NULL: raptor gets the document whole */
  GByteArray    *piece;      /* read and not yet given to raptor */
  gsize          piece_cut;  /* the piece's bytes before this can go */
  gsize          piece_size; /* give a piece once it is this large */
  guint          pieces;     /* given so far */
  guint32        line_base;  /* lines before the current piece */
  char          *raptor_base;
  GHashTable    *prefixes; /* prefix ("" for the empty one) → IRI */

  AzkbXmlGuard *xml; /* RDF/XML goes through it first (xml-guard.h) */
  /* Turtle, TriG and JSON: no token longer than raptor should hold */
  AzkbTokenGuard *tokens;

  /* N-Triples and N-Quads go to raptor in whole lines: its parser reads a
   * line again from its start for every chunk that does not end it, so a
   * long line handed over in chunks took time quadratic in its length. */
  /* Turtle, TriG and JSON: the escape \u0000 is looked for as the text
   * streams past (raptor would cut the term there). */
  gboolean esc_scan; /* on for this syntax */
  gboolean esc_odd;  /* after an odd run of backslashes */
  char     esc_buf[9];
  guint    esc_n;    /* bytes of an escape in esc_buf */
  guint32  esc_line; /* the line being scanned */
  /* JSON: the token not ended at the end of the last chunk, held back
   * so that YAJL gets every token whole: it reads an unfinished token
   * again from its start for every chunk, which took time quadratic in
   * the token's length (8 MiB: 6 s). */
  GByteArray *json_hold;
  guint32     json_hold_line;
  /* JSON: the chunk raptor is parsing, to locate YAJL's errors in: one
   * line at most (give_json()), so that the line is always known */
  const unsigned char *json_chunk;
  gsize                json_chunk_len;
  guint32              json_chunk_line;
  /* JSON: what raptor said of a value it refused, waiting for the YAJL
   * error that follows and says where (json_error()) */
  char       *json_pending;
  gboolean    json;
  gboolean    past_start; /* the first bytes were looked at */
  GByteArray *line;       /* the line not yet ended, or NULL */
  guint32     line_at;    /* its number */
  gboolean    line_kept;  /* it starts with a kept newline */
  /* N-Triples: a run of lines without a statement, not given to raptor */
  guint64 nt_gap;      /* its bytes */
  guint32 nt_gap_line; /* where it started */
  gint64  started;     /* monotonic µs, for the debug log */
} Import;

/* ---- errors ---- */

static void set_error_at(Import     *im,
                         guint       line,
                         int         code,
                         const char *format,
                         ...) G_GNUC_PRINTF(4, 5);

/* The most bytes of a message printable() keeps. */
#define PRINTABLE_MAX 600

/* Messages quote the data, and the data may hold anything: keep an error
 * one line of valid UTF-8 by writing control characters as U+XXXX and
 * replacing bytes that are not UTF-8, and short (PRINTABLE_MAX bytes,
 * then “…”).  (transfer full) */
static char *
printable(const char *raw)
{
  g_autofree char *valid = g_utf8_make_valid(raw, -1);
  GString         *out   = g_string_sized_new(strlen(valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);

    /* a message may quote a token of the input, which can be 64 MiB */
    if (out->len >= PRINTABLE_MAX) {
      g_string_append(out, "…");
      break;
    }
    if (g_unichar_iscntrl(c))
      g_string_append_printf(out, "U+%04X", c);
    else
      g_string_append_unichar(out, c);
  }
  return g_string_free(out, FALSE);
}

void
azkb_rdf_error_at_va(GError    **error,
                     const char *name,
                     guint       line,
                     int         code,
                     const char *format,
                     va_list     args)
{
  g_autofree char *message = NULL;

  if (*error != NULL)
    return;
  message = g_strdup_vprintf(format, args);
  {
    char *clean = printable(message);
    g_free(message);
    message = clean;
  }
  if (line > 0)
    g_set_error(error, AZKB_RDF_ERROR, code, "%s:%u: %s", name, line, message);
  else
    g_set_error(error, AZKB_RDF_ERROR, code, "%s: %s", name, message);
}

static void
set_error_at(Import *im, guint line, int code, const char *format, ...)
{
  va_list args;

  va_start(args, format);
  azkb_rdf_error_at_va(&im->error, im->name, line, code, format, args);
  va_end(args);
}

/* raptor 2.0.15's N-Triples parser reports a bad escape as "Illegal string
 * escape \\%c in \"%s\"" but hands a pointer for the string, so the
 * quoted part is whatever bytes lie there, different on each run.  Only
 * the escape itself is reliable: keep that.  (transfer full) */
static char *
raptor_text(const char *text)
{
  static const char bad_escape[] = "Illegal string escape \\";
  guchar            c;

  if (text == NULL)
    return g_strdup("parse error");
  /* what the Turtle and TriG parsers (bison) say when their stack is full:
   * never for want of memory, always for deep nesting */
  if (strcmp(text,
             "Typed literal used with a language - ignoring the "
             "language") == 0)
    return g_strdup("a literal with both a language tag and a datatype");
  /* the Turtle lexer quotes one byte: of a UTF-8 character only its first */
  if (g_str_has_prefix(text, "syntax error at '") &&
      (guchar)text[strlen("syntax error at '")] >= 0x80)
    return g_strdup("syntax error at a non-ASCII character");
  /* libxml2 reads no piece of markup longer than 10,000,000 bytes */
  if (strstr(text, "Huge input lookup") != NULL)
    return g_strdup("markup longer than 10 MB (a tag, an attribute value, a "
                    "comment, a CDATA section or a processing instruction; "
                    "libxml2 reads no more at once)");
  if (strcmp(text, "memory exhausted") == 0)
    return g_strdup("brackets or parentheses nested too deeply (raptor's "
                    "Turtle parser reads some 4,000 levels)");
  if (!g_str_has_prefix(text, bad_escape) ||
      text[sizeof bad_escape - 1] == '\0')
    return g_strdup(text);
  /* raptor passes one byte: of a UTF-8 character only its first */
  c = (guchar)text[sizeof bad_escape - 1];
  if (c >= 0x80)
    return g_strdup("illegal string escape: a backslash before a "
                    "non-ASCII character");
  if (g_ascii_iscntrl(c))
    return g_strdup_printf("illegal string escape: a backslash before U+%04X",
                           c);
  return g_strdup_printf("illegal string escape \\%c", c);
}

/* Whether YAJL's verbose @context (YAJL 2.1's yajl_render_error_string())
 * is what it writes for an error at byte @at of the chunk: 40 - @at spaces
 * (10 from byte 30 on), then the chunk's bytes from @at - 30 to @at + 30,
 * line ends shown as spaces. */
static gboolean
json_context_is(const Import *im, const char *context, gsize n, gsize at)
{
  gsize spaces = at < 30 ? 40 - at : 10;
  gsize start  = at >= 30 ? at - 30 : 0;
  gsize end    = MIN(at + 30, im->json_chunk_len);

  if (n != spaces + (end - start))
    return FALSE;
  for (gsize i = 0; i < spaces; i++)
    if (context[i] != ' ')
      return FALSE;
  for (gsize i = start; i < end; i++) {
    char c = (char)im->json_chunk[i];

    if (c == '\n' || c == '\r')
      c = ' ';
    if (c != context[spaces + i - start])
      return FALSE;
  }
  return TRUE;
}

/* Where in the chunk raptor was given YAJL stopped, found by the text its
 * verbose message quotes around that byte (the quoted text may itself
 * start with spaces, so every place is tried).  -1 when none, or more than
 * one, fits. */
static gssize
json_error_offset(const Import *im, const char *context)
{
  gsize  n     = strlen(context);
  gssize found = -1;

  if (im->json_chunk == NULL)
    return -1;
  for (gsize at = 0; at <= im->json_chunk_len; at++)
    if (json_context_is(im, context, n, at)) {
      if (found >= 0)
        return -1; /* more than one place: none is sure */
      found = (gssize)at;
    }
  return found;
}

/* A YAJL message ("kind\n context\n arrow") as a located one. */
static void
json_error(Import *im, const char *text)
{
  g_auto(GStrv) lines   = g_strsplit(text, "\n", 3);
  g_autofree char *kind = printable(lines[0] != NULL ? lines[0] : "");
  gssize           at =
    lines[0] != NULL && lines[1] != NULL ? json_error_offset(im, lines[1]) : -1;
  gsize n = strlen(kind);

  if (n > 0 && kind[n - 1] == '.')
    kind[n - 1] = '\0';
  /* raptor's callbacks stop YAJL at what RDF/JSON does not allow; most
   * say what first (json_pending), some do not */
  if (strstr(kind, "client cancelled parse") != NULL) {
    g_free(kind);
    if (im->json_pending != NULL) {
      g_autofree char *said = printable(im->json_pending);

      kind = g_strdup_printf("that is not RDF/JSON: %s", g_strstrip(said));
    } else
      kind = g_strdup("that is not RDF/JSON (for example a literal with "
                      "both “lang” and “datatype”, or a key RDF/JSON does "
                      "not have)");
  }
  g_clear_pointer(&im->json_pending, g_free);
  if (at < 0) {
    /* at the end of the input (YAJL quotes nothing there), or not found:
     * the line still is known */
    set_error_at(im,
                 im->json_chunk == NULL ? im->esc_line : im->json_chunk_line,
                 AZKB_RDF_ERROR_PARSE,
                 "JSON %s",
                 kind);
    return;
  }
  {
    const unsigned char *p    = im->json_chunk;
    const unsigned char *nl   = NULL;
    guint32              line = im->json_chunk_line;
    /* the last byte YAJL read, where it found the error */
    gsize last = at > 0 ? (gsize)at - 1 : 0;
    guint column;

    for (gsize i = 0; i < last; i++)
      if (p[i] == '\n') {
        line++;
        nl = p + i;
      }
    column = (guint)(p + last - (nl != NULL ? nl + 1 : p)) + 1;
    g_set_error(&im->error,
                AZKB_RDF_ERROR,
                AZKB_RDF_ERROR_PARSE,
                "%s:%u:%u: JSON %s",
                im->name,
                line,
                column,
                kind);
  }
}

/* raptor reports errors here.  Not every parser stops on an error (the
 * N-Triples one goes on, and returns success), so the first error is kept
 * and the parse aborted.  The message's own locator is preferred; when it
 * has none the parser's current one is as close as raptor knows. */
static void
on_log(void *user_data, raptor_log_message *message)
{
  Import               *im   = user_data;
  const raptor_locator *loc  = message->locator;
  g_autofree char      *raw  = NULL;
  g_autofree char      *text = NULL;

  if (message->level < RAPTOR_LOG_LEVEL_ERROR || im->error != NULL)
    return;
  if (message->text != NULL &&
      g_str_has_prefix(message->text, "YAJL error: ")) {
    json_error(im, message->text + strlen("YAJL error: "));
    if (im->parser != NULL)
      raptor_parser_parse_abort(im->parser);
    return;
  }
  if (im->json && im->json_chunk != NULL) {
    /* raptor's RDF/JSON callbacks refuse a value without a location; the
     * YAJL error that follows has one (or give_json() uses the line) */
    if (im->json_pending == NULL)
      im->json_pending =
        g_strdup(message->text != NULL ? message->text : "parse error");
    return;
  }
  if ((loc == NULL || loc->line <= 0) && im->parser != NULL)
    loc = raptor_parser_get_locator(im->parser);
  raw  = raptor_text(message->text);
  text = printable(raw);
  g_strstrip(text);
  if (loc != NULL && loc->line > 0 && loc->column >= 0)
    g_set_error(&im->error,
                AZKB_RDF_ERROR,
                AZKB_RDF_ERROR_PARSE,
                "%s:%u:%d: %s",
                im->name,
                im->line_base + (guint)loc->line,
                loc->column,
                text);
  else if (loc != NULL && loc->line > 0)
    g_set_error(&im->error,
                AZKB_RDF_ERROR,
                AZKB_RDF_ERROR_PARSE,
                "%s:%u: %s",
                im->name,
                im->line_base + (guint)loc->line,
                text);
  else
    g_set_error(&im->error,
                AZKB_RDF_ERROR,
                AZKB_RDF_ERROR_PARSE,
                "%s: %s",
                im->name,
                text);
  if (im->parser != NULL)
    raptor_parser_parse_abort(im->parser);
}

/* ---- line mapping (Turtle, TriG) ---- */

static void
set_start(Import *im, guint32 line)
{
  guint32 byte = line / 8;

  if (im->starts->len <= byte) {
    guint old = im->starts->len;

    /* set_size leaves the new bytes as they were: clear them */
    g_byte_array_set_size(im->starts, byte + 1024);
    memset(im->starts->data + old, 0, im->starts->len - old);
  }
  im->starts->data[byte] |= (guint8)(1u << (line % 8));
}

static gboolean
is_start(const Import *im, guint32 line)
{
  guint32 byte = line / 8;

  return byte < im->starts->len &&
         (im->starts->data[byte] & (1u << (line % 8))) != 0;
}

static gboolean
head_is(const Import *im, const char *word)
{
  gsize n = strlen(word);

  return im->scan_len > n && g_ascii_strncasecmp(im->scan_head, word, n) == 0 &&
         g_ascii_isspace(im->scan_head[n]);
}

/* Classify the current line from its first bytes. */
static void
classify_line(Import *im)
{
  char c = im->scan_head[0];

  im->scan_done = TRUE;
  if (im->scan_indent || im->scan_len == 0 || strchr("#.;,])", c) != NULL)
    return;
  /* most lines start with a name: compare words only when one may start */
  if (strchr("@pPbB", c) != NULL &&
      (head_is(im, "@prefix") || head_is(im, "@base") ||
       head_is(im, "prefix") || head_is(im, "base")))
    return;
  set_start(im, im->scan_line);
}

static void
end_line(Import *im)
{
  if (!im->scan_done)
    classify_line(im);
  im->scan_line++;
  im->scan_len    = 0;
  im->scan_done   = FALSE;
  im->scan_indent = FALSE;
}

static void
scan_lines(Import *im, const unsigned char *p, gsize n)
{
  const unsigned char *end;

  if (n == 0)
    return; /* p may be NULL */
  end = p + n;
  while (p < end) {
    char c;

    /* only a line's first bytes matter: skip to its end */
    if (im->scan_done) {
      p = memchr(p, '\n', (gsize)(end - p));
      if (p == NULL)
        return;
    }
    c = (char)*p++;
    if (c == '\n') {
      end_line(im);
      continue;
    }
    if (im->scan_len == 0 && (c == ' ' || c == '\t' || c == '\r')) {
      im->scan_indent = TRUE;
      im->scan_done   = TRUE; /* an indented line starts no block */
      continue;
    }
    im->scan_head[im->scan_len++] = c;
    if (im->scan_len == sizeof im->scan_head)
      classify_line(im);
  }
}

/* The line ends among @n bytes at @p (which may be NULL when @n is 0). */
static guint32
count_lines(const unsigned char *p, gsize n)
{
  const unsigned char *end;
  guint32              lines = 0;

  if (n == 0)
    return 0;
  end = p + n;
  while ((p = memchr(p, '\n', (gsize)(end - p))) != NULL) {
    lines++;
    p++;
  }
  return lines;
}

/* raptor's Turtle and TriG lexers read the byte FF, and NUL, as the end
 * of the input and stop there without a word, so a file holding one would
 * load in part.  No UTF-8 text holds FF, and no Turtle text a raw NUL
 * (only the escape \u0000): refuse either, at its line (scan_lines() has
 * not seen these bytes yet). */
static gboolean
refuse_stop_bytes(Import *im, const unsigned char *p, gsize n)
{
  const unsigned char *ff, *nul, *bad;

  if (n == 0)
    return TRUE; /* p may be NULL */
  ff  = memchr(p, 0xFF, n);
  nul = memchr(p, 0x00, ff != NULL ? (gsize)(ff - p) : n);
  bad = nul != NULL ? nul : ff;
  if (bad == NULL)
    return TRUE;
  set_error_at(im,
               im->scan_line + count_lines(p, (gsize)(bad - p)),
               AZKB_RDF_ERROR_PARSE,
               "the byte %s, which %s (raptor would stop reading there)",
               *bad == 0 ? "00" : "FF",
               *bad == 0 ? "Turtle text holds only as the escape \\u0000"
                         : "UTF-8 text cannot hold");
  return FALSE;
}

/* Turtle and TriG text on its way to raptor: refuse the bytes its lexer
 * stops at, then note where blocks start.  FALSE when refused. */
static gboolean
read_text(Import *im, const unsigned char *p, gsize n)
{
  if (!refuse_stop_bytes(im, p, n))
    return FALSE;
  scan_lines(im, p, n);
  return TRUE;
}

/* RDF/XML text on its way to raptor: refuse what would make libxml2 read
 * another file or blow up.  FALSE when refused. */
static gboolean
guard_xml(Import *im, const unsigned char *p, gsize n)
{
  const char *message;
  guint       line;

  if (azkb_xml_guard_scan(im->xml, p, n, &message, &line))
    return TRUE;
  set_error_at(im, line, AZKB_RDF_ERROR_PARSE, "%s", message);
  return FALSE;
}

/* Turtle, TriG and JSON text on its way to raptor: refuse a token that
 * grows past AZKB_TOKEN_GUARD_MAX_BYTES.  FALSE when refused. */
static gboolean
guard_tokens(Import *im, const unsigned char *p, gsize n)
{
  const char *message;
  guint       line;

  if (azkb_token_guard_scan(im->tokens, p, n, &message, &line))
    return TRUE;
  set_error_at(im, line, AZKB_RDF_ERROR_PARSE, "%s", message);
  return FALSE;
}

/* @n bytes of JSON from @line on, to raptor, a line at a time: neither
 * raptor nor YAJL says where it is, so the line being given is what
 * locates an error raptor reports, or a triple.  A line break cannot be
 * inside a JSON token, so tokens stay whole (take_json()). */
static void
give_json(Import *im, const unsigned char *p, gsize n, guint32 line)
{
  const unsigned char *end;

  if (n == 0)
    return; /* p may be NULL */
  end = p + n;
  while (p < end && im->error == NULL) {
    const unsigned char *nl = memchr(p, '\n', (gsize)(end - p));
    gsize len = nl != NULL ? (gsize)(nl + 1 - p) : (gsize)(end - p);

    im->json_chunk      = p;
    im->json_chunk_len  = len;
    im->json_chunk_line = line;
    if (raptor_parser_parse_chunk(im->parser, p, len, 0) != 0 &&
        im->error == NULL)
      set_error_at(im, line, AZKB_RDF_ERROR_PARSE, "parse error");
    if (im->json_pending != NULL) {
      /* refused, and YAJL went on: the line is all there is */
      g_autofree char *said = g_steal_pointer(&im->json_pending);

      set_error_at(
        im, line, AZKB_RDF_ERROR_PARSE, "JSON that is not RDF/JSON: %s", said);
      raptor_parser_parse_abort(im->parser);
    }
    p += len;
    line += nl != NULL;
  }
  im->json_chunk = NULL;
}

/* The next @n bytes of JSON (from @line on), past the token guard: what
 * ends before the unfinished token goes to raptor, with what was held;
 * the unfinished token is held. */
static void
take_json(Import *im, const unsigned char *p, gsize n, guint32 line)
{
  GByteArray *hold = im->json_hold;
  guint       token_line;
  gsize       tail = azkb_token_guard_pending(im->tokens, &token_line);
  gsize       give;

  if (tail >= hold->len + n) {
    /* the held token goes on through this chunk */
    g_byte_array_append(hold, p, (guint)n);
    return;
  }
  give = n - tail; /* the token pending started in this chunk */
  if (hold->len > 0) {
    g_byte_array_append(hold, p, (guint)give);
    give_json(im, hold->data, hold->len, im->json_hold_line);
    g_byte_array_set_size(hold, 0);
  } else
    give_json(im, p, give, line);
  if (tail > 0 && im->error == NULL) {
    g_byte_array_append(hold, p + give, (guint)tail);
    im->json_hold_line = token_line;
  }
}

/* The escape for U+0000 at @p (a backslash's next byte), of @n bytes:
 * raptor would cut the term at that character, so azkb refuses it. */
static gboolean
is_nul_escape(const char *p, gsize n)
{
  return (n >= 5 && p[0] == 'u' && memcmp(p + 1, "0000", 4) == 0) ||
         (n >= 9 && p[0] == 'U' && memcmp(p + 1, "00000000", 8) == 0);
}

/* One whole line of N-Triples or N-Quads (without its end): what raptor
 * would silently cut or take is refused here, at @line.  raptor takes a
 * statement that lacks its final "." at the end of a line, cuts a term at
 * a raw NUL byte or at the escape \u0000. */
static gboolean
check_nt_line(Import *im, const char *p, gsize n, guint32 line)
{
  const char *end  = p + n;
  char        last = 0;

  while (p < end) {
    char c = *p++;

    if (c == '\0' || (c == '\\' && is_nul_escape(p, (gsize)(end - p)))) {
      set_error_at(im,
                   line,
                   AZKB_RDF_ERROR_PARSE,
                   "%s: azkb cannot hold a NUL character in a term",
                   c == '\0' ? "the byte 00" : "the escape \\u0000");
      return FALSE;
    }
    if (c == '#')
      break; /* a comment, to the end of the line */
    if (c == '<' || c == '"') {
      char close = c == '<' ? '>' : '"';

      /* to the closing character, past escapes */
      while (p < end && *p != close) {
        if (*p == '\0' ||
            (*p == '\\' && is_nul_escape(p + 1, (gsize)(end - p - 1)))) {
          c = *p;
          break;
        }
        p += *p == '\\' && p + 1 < end ? 2 : 1;
      }
      if (p < end && *p != close) {
        set_error_at(im,
                     line,
                     AZKB_RDF_ERROR_PARSE,
                     "%s: azkb cannot hold a NUL character in a term",
                     c == '\0' ? "the byte 00" : "the escape \\u0000");
        return FALSE;
      }
      if (p >= end) {
        set_error_at(im,
                     line,
                     AZKB_RDF_ERROR_PARSE,
                     "%s does not end on its line",
                     close == '>' ? "an IRI" : "a literal");
        return FALSE;
      }
      p++;
      last = close;
      continue;
    }
    if (c != ' ' && c != '\t' && c != '\r')
      last = c;
  }
  if (last != 0 && last != '.') {
    set_error_at(
      im, line, AZKB_RDF_ERROR_PARSE, "the statement does not end with “.”");
    return FALSE;
  }
  return TRUE;
}

/* Checks each whole line of the @n bytes at @p, numbered from @line;
 * returns the length of the lines that passed (@n when all did). */
static gsize
check_nt_lines(Import *im, const unsigned char *p, gsize n, guint32 line)
{
  const char *s = (const char *)p;
  const char *end;

  /* An empty buffer may be NULL, and NULL + 0 is undefined. */
  if (n == 0)
    return 0;
  end = s + n;
  while (s < end) {
    const char *nl = memchr(s, '\n', (gsize)(end - s));
    const char *e  = nl != NULL ? nl : end;

    if (!check_nt_line(im, s, (gsize)(e - s), line++))
      return (gsize)(s - (const char *)p);
    s = e + 1;
  }
  return n;
}

/* Looks for the escapes \u0000 and \U00000000 in the next @n bytes,
 * wherever chunks break.  FALSE (refused) when one is there. */
static gboolean
scan_escapes(Import *im, const unsigned char *p, gsize n)
{
  const unsigned char *end = p + n;

  while (p < end) {
    char c = (char)*p;

    if (im->esc_n > 0) {
      guint want = im->esc_buf[0] == 'u' ? 5 : 9;

      if (c != '0') {
        im->esc_n = 0; /* another escape: go on from this byte */
        continue;
      }
      im->esc_buf[im->esc_n++] = c;
      p++;
      if (im->esc_n == want) {
        set_error_at(im,
                     im->esc_line,
                     AZKB_RDF_ERROR_PARSE,
                     "the escape \\u0000: azkb cannot hold a NUL character "
                     "in a term");
        return FALSE;
      }
      continue;
    }
    if (!im->esc_odd) {
      /* the common case: on to the next backslash, counting lines */
      const unsigned char *bs = memchr(p, '\\', (gsize)(end - p));

      im->esc_line += count_lines(p, (gsize)((bs != NULL ? bs : end) - p));
      if (bs == NULL)
        return TRUE;
      p           = bs + 1;
      im->esc_odd = TRUE;
      continue;
    }
    im->esc_odd = FALSE; /* an escaped backslash, or the escape c */
    if (c == 'u' || c == 'U') {
      im->esc_buf[0] = c;
      im->esc_n      = 1;
    }
    if (c == '\n')
      im->esc_line++;
    p++;
  }
  return TRUE;
}

/* The longest line of N-Triples or N-Quads azkb reads. */
#define MAX_LINE_BYTES (64u << 20)

/* Whether the @n bytes at @p, whole lines, hold only white space and
 * comments. */
static gboolean
nt_lines_empty(const unsigned char *p, gsize n)
{
  const unsigned char *end = p + n;

  while (p < end) {
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
      p++;
    if (p < end && *p == '#')
      p = memchr(p, '\n', (gsize)(end - p));
    if (p == NULL)
      return TRUE;
    if (p < end && *p != '\n')
      return FALSE;
    p++;
  }
  return TRUE;
}

/* Where the run of lines without a statement that ends the @n bytes at
 * @p (whole lines) starts: just after the line end of the last line that
 * has one, or 0. */
static gsize
nt_empty_tail(const unsigned char *p, gsize n)
{
  gsize end = n; /* the lines from here on are empty */

  while (end > 0) {
    const unsigned char *nl    = end > 1 ? memrchr(p, '\n', end - 1) : NULL;
    gsize                start = nl != NULL ? (gsize)(nl - p) + 1 : 0;

    if (!nt_lines_empty(p + start, end - start))
      return end;
    end = start;
  }
  return 0;
}

/* The lines held (im->line, all ended) hold no statement: raptor is not
 * given them.  It would keep them all (its buffer shrinks only to a line
 * it has not finished, and lines that all end leave none), copying them
 * again with every chunk: 100 MB of blank lines took 100 s and 270 MB.
 * raptor's count of lines is made up in line_base instead, after it has
 * been given the newline that ends its last line, if it has one.  A run of
 * such lines longer than the longest line is refused, as in the other
 * syntaxes (token-guard.h): an endless one would never finish. */
static void
skip_empty_lines(Import *im)
{
  const unsigned char *data  = im->line->data;
  gsize                len   = im->line->len;
  guint32              lines = count_lines(data, len);

  if (im->nt_gap == 0)
    im->nt_gap_line = im->line_at;
  im->nt_gap += len;
  if (im->nt_gap > MAX_LINE_BYTES) {
    set_error_at(im,
                 im->nt_gap_line,
                 AZKB_RDF_ERROR_PARSE,
                 "more than %u MiB without a statement (only white space "
                 "and comments; the most azkb reads between two)",
                 MAX_LINE_BYTES >> 20);
    return;
  }
  if (im->line_kept) {
    if (raptor_parser_parse_chunk(im->parser, data, 1, 0) != 0 &&
        im->error == NULL)
      set_error_at(im, 0, AZKB_RDF_ERROR_PARSE, "parse error");
    lines--;
  }
  im->line_base += lines;
  im->line_at += count_lines(data, len);
  im->line_kept = FALSE;
  g_byte_array_set_size(im->line, 0);
}

/* N-Triples and N-Quads text: hand raptor the lines that have ended, keep
 * the rest.  FALSE when a line grows too long (or raptor fails). */
static gboolean
read_lines(Import *im, const unsigned char *p, gsize n, gboolean last)
{
  const unsigned char *nl = n > 0 ? memrchr(p, '\n', n) : NULL;
  gsize                done;
  gsize                ok;
  gsize                keep;

  if (nl == NULL && !last) {
    if (im->line->len + n > MAX_LINE_BYTES) {
      set_error_at(im,
                   im->line_at,
                   AZKB_RDF_ERROR_PARSE,
                   "a line longer than %u MiB",
                   MAX_LINE_BYTES >> 20);
      return FALSE;
    }
    g_byte_array_append(im->line, p, (guint)n);
    return TRUE;
  }
  done = last ? n : (gsize)(nl - p) + 1;
  g_byte_array_append(im->line, p, (guint)done);
  ok = check_nt_lines(im, im->line->data, im->line->len, im->line_at);
  if (ok < im->line->len) {
    /* raptor's error on an earlier line comes first */
    GError *refused = g_steal_pointer(&im->error);

    raptor_parser_parse_chunk(im->parser, im->line->data, ok, 0);
    if (im->error == NULL)
      im->error = refused;
    else
      g_error_free(refused);
    return FALSE;
  }
  if (!last && nt_lines_empty(im->line->data, im->line->len)) {
    skip_empty_lines(im);
    if (done < n)
      g_byte_array_append(im->line, p + done, (guint)(n - done));
    return im->error == NULL;
  }
  if (!last) {
    /* the run of empty lines may have started here */
    gsize tail = nt_empty_tail(im->line->data, im->line->len);

    im->nt_gap      = im->line->len - tail;
    im->nt_gap_line = im->line_at + count_lines(im->line->data, tail);
    if (tail > 0)
      im->nt_gap_line--; /* at the line end before the run, as elsewhere */
  }
  /* The last newline waits for the next call: raptor keeps a chunk that
   * it used up to its very end and copies all of it again with the next
   * one (it shrinks its buffer only to a line it has not finished), so
   * chunks that all end at a newline made a load quadratic (54 MB of
   * N-Triples: 55 s).  Now its buffer holds at most the last line. */
  keep =
    !last && im->line->len > 0 && im->line->data[im->line->len - 1] == '\n';
  if (raptor_parser_parse_chunk(
        im->parser, im->line->data, im->line->len - keep, last) != 0 &&
      im->error == NULL)
    set_error_at(im, 0, AZKB_RDF_ERROR_PARSE, "parse error");
  im->line_at += count_lines(im->line->data, im->line->len - keep);
  g_byte_array_set_size(im->line, 0);
  im->line_kept = keep;
  if (keep)
    g_byte_array_append(im->line, (const guint8 *)"\n", 1);
  if (done < n)
    g_byte_array_append(im->line, p + done, (guint)(n - done));
  return im->error == NULL;
}

/* The first line of the block that raptor reported at @line. */
static guint32
block_start(Import *im, guint32 line)
{
  if (im->starts == NULL || line == 0)
    return line;
  if (line != im->last_line) {
    guint32 from = line > im->last_line ? im->last_line + 1 : line;

    im->last_start = line;
    for (guint32 l = from; l <= line; l++)
      if (is_start(im, l)) {
        im->last_start = l;
        break;
      }
    im->last_line = line;
  }
  return im->last_start;
}

static void
on_statement(void *user_data, raptor_statement *statement)
{
  Import               *im  = user_data;
  const raptor_locator *loc = raptor_parser_get_locator(im->parser);
  guint32               line;

  /* Before anything else: every statement raptor reports carries the
   * reference, also those after an error. */
  if (im->drop_datatype && statement->object->type == RAPTOR_TERM_TYPE_LITERAL)
    raptor_free_uri(statement->object->value.literal.datatype);
  if (im->error != NULL)
    return;
  line = loc != NULL && loc->line > 0 ? im->line_base + (guint32)loc->line : 0;
  /* raptor's RDF/JSON parser counts no lines: the line being given does
   * (give_json()), where the triple's last value ends */
  if (im->json && im->json_chunk != NULL)
    line = im->json_chunk_line;
  if (!azkb_intake_add(im->intake,
                       statement->subject,
                       statement->predicate,
                       statement->object,
                       block_start(im, line),
                       line))
    raptor_parser_parse_abort(im->parser);
}

/* Where a load spends its time, for G_MESSAGES_DEBUG=azkb: the phases
 * after raptor's parse are the ones a profile cannot tell apart. */
static gint64
phase_done(const char *what, gint64 since)
{
  gint64 now = g_get_monotonic_time();

  g_debug("import: %s %.0f ms", what, (double)(now - since) / 1000.0);
  return now;
}

/* ---- driving raptor ---- */

static void
import_clear(Import *im)
{
  g_clear_pointer(&im->parser, raptor_free_parser);
  g_clear_pointer(&im->intake, azkb_intake_free);
  g_clear_pointer(&im->stage, azkb_store_unref);
  g_clear_pointer(&im->starts, g_byte_array_unref);
  g_clear_pointer(&im->cut, azkb_turtle_cut_free);
  g_clear_pointer(&im->piece, g_byte_array_unref);
  g_clear_pointer(&im->raptor_base, g_free);
  g_clear_pointer(&im->prefixes, g_hash_table_unref);
  g_clear_pointer(&im->xml, azkb_xml_guard_free);
  g_clear_pointer(&im->tokens, azkb_token_guard_free);
  g_clear_pointer(&im->json_hold, g_byte_array_unref);
  g_clear_pointer(&im->json_pending, g_free);
  g_clear_pointer(&im->line, g_byte_array_unref);
  g_clear_error(&im->error);
  azkb_rdf_base_clear(&im->base);
  /* last: the parser and every raptor object made in the world are gone */
  im->world = NULL;
  g_clear_pointer(&im->lent, azkb_rdf_world_release);
}

/* Inputs below this size load before a thread would have started. */
#define THREAD_MIN_BYTES (4u << 20)

/* @size: of the input, 0 when unknown (a pipe: maybe large). */
static gboolean
import_init(Import              *im,
            const char          *name,
            const AzkbRdfSyntax *syntax,
            const char          *base,
            guint64              size,
            guint32              max_terms)
{
  im->name    = name;
  im->started = g_get_monotonic_time();
  azkb_rdf_base_init(&im->base, base);
  im->intake = azkb_intake_new((size == 0 || size >= THREAD_MIN_BYTES) &&
                                 g_get_num_processors() > 1,
                               max_terms);
  if (strcmp(syntax->name, "turtle") == 0 || strcmp(syntax->name, "trig") == 0)
    im->starts = g_byte_array_new();
  if (strcmp(syntax->name, "rdfxml") == 0)
    im->xml = azkb_xml_guard_new();
  im->esc_scan = strcmp(syntax->name, "turtle") == 0 ||
                 strcmp(syntax->name, "trig") == 0 ||
                 strcmp(syntax->name, "json") == 0;
  im->esc_line = 1;
  im->json     = strcmp(syntax->name, "json") == 0;
  if (im->esc_scan)
    im->tokens = azkb_token_guard_new(im->json);
  if (im->json)
    im->json_hold = g_byte_array_new();
  if (strcmp(syntax->name, "ntriples") == 0 ||
      strcmp(syntax->name, "nquads") == 0) {
    im->line    = g_byte_array_new();
    im->line_at = 1;
  }
  im->scan_line = 1;

  im->lent = azkb_rdf_world_acquire_for_parser(
    syntax->parser, &im->drop_datatype, on_log, im);
  im->world  = azkb_rdf_world_get(im->lent);
  im->parser = raptor_new_parser(im->world, syntax->parser);
  if (im->parser == NULL) {
    set_error_at(
      im, 0, AZKB_RDF_ERROR_FORMAT, "raptor has no %s parser", syntax->parser);
    return FALSE;
  }
  /* Data files are read, never fetched: no network, no other files. */
  raptor_parser_set_option(im->parser, RAPTOR_OPTION_NO_NET, NULL, 1);
  raptor_parser_set_option(im->parser, RAPTOR_OPTION_NO_FILE, NULL, 1);
  raptor_parser_set_statement_handler(im->parser, im, on_statement);
  return TRUE;
}

/* The file's prefixes, for names written `prefix:local`. */
static void
declare_prefixes(Import *im)
{
  GHashTableIter iter;
  gpointer       prefix, iri;

  if (im->prefixes == NULL)
    return;
  g_hash_table_iter_init(&iter, im->prefixes);
  while (g_hash_table_iter_next(&iter, &prefix, &iri))
    azkb_rdf_namespace_declare(im->stage, &im->base, prefix, iri);
}

/* raptor reports each prefix it reads; a later piece declares them again. */
static void
on_namespace(void *user_data, raptor_namespace *ns)
{
  Import              *im     = user_data;
  const unsigned char *prefix = raptor_namespace_get_prefix(ns);
  raptor_uri          *uri    = raptor_namespace_get_uri(ns);

  if (uri == NULL)
    return;
  g_hash_table_replace(im->prefixes,
                       g_strdup(prefix != NULL ? (const char *)prefix : ""),
                       g_strdup((const char *)raptor_uri_as_string(uri)));
}

/* Pieces of this many bytes keep raptor's copies of the text small, while
 * the prefixes repeated before each cost nothing.  Tests cut smaller
 * (AzkbRdfImportOptions.piece_bytes). */
#define PIECE_BYTES (4u << 20)

/* Plain Turtle read from a file goes in pieces (TriG's graphs would need
 * more than prefixes carried over). */
static gboolean
cut_init(Import *im, const AzkbRdfSyntax *syntax, gsize piece_bytes)
{
  /* Every syntax's prefixes are kept: the store learns them, so that
   * names can be written `ex:Alice` (azkb_store_add_namespace()). */
  im->prefixes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  raptor_parser_set_namespace_handler(im->parser, im, on_namespace);
  if (strcmp(syntax->name, "turtle") != 0)
    return TRUE;
  im->cut        = azkb_turtle_cut_new();
  im->piece      = g_byte_array_new();
  im->piece_size = piece_bytes != 0 ? piece_bytes : PIECE_BYTES;
  return TRUE;
}

static gboolean
parse_start(Import *im, const char *base_uri)
{
  raptor_uri *uri = raptor_new_uri(im->world, (const unsigned char *)base_uri);
  int         rc = uri != NULL ? raptor_parser_parse_start(im->parser, uri) : 1;

  if (uri != NULL)
    raptor_free_uri(uri);
  if (rc != 0)
    set_error_at(im, 0, AZKB_RDF_ERROR_PARSE, "cannot start parsing");
  if (im->raptor_base == NULL)
    im->raptor_base = g_strdup(base_uri);
  return im->error == NULL;
}

/* The prefixes read so far, as directives on one line: a piece that starts
 * with them keeps its own line numbers.  (raptor 2.0.15 happens to keep a
 * parser's prefixes from one document to the next; nothing promises it.) */
static GString *
prefix_line(Import *im)
{
  GString       *line = g_string_new(NULL);
  GHashTableIter iter;
  gpointer       prefix, iri;

  g_hash_table_iter_init(&iter, im->prefixes);
  while (g_hash_table_iter_next(&iter, &prefix, &iri)) {
    /* An IRI that cannot be written back is left out; a piece that uses
     * its prefix then fails, as the whole document would have when the
     * intake refused the IRIs made from it. */
    if (azkb_rdf_iri_bad_char(iri, strlen(iri)) == NULL)
      g_string_append_printf(
        line, "@prefix %s: <%s> . ", (char *)prefix, (char *)iri);
  }
  return line;
}

/* Hand raptor the piece's first @len bytes as a document of its own. */
static void
give_piece(Import *im, gsize len)
{
  const unsigned char *p = im->piece->data;

  if (len == 0 && im->pieces > 0)
    return; /* the last piece ended the document */
  if (im->pieces++ > 0 && parse_start(im, im->raptor_base)) {
    g_autoptr(GString) line = prefix_line(im);

    raptor_parser_parse_chunk(
      im->parser, (const unsigned char *)line->str, line->len, 0);
  }
  if (im->error == NULL &&
      raptor_parser_parse_chunk(im->parser, p, len, 1) != 0 &&
      im->error == NULL)
    set_error_at(im, 0, AZKB_RDF_ERROR_PARSE, "parse error");
  im->line_base += count_lines(p, len);
  if (len > 0)
    g_byte_array_remove_range(im->piece, 0, (guint)len);
  im->piece_cut = 0;
}

static void
read_piece(Import *im, const unsigned char *p, gsize n)
{
  while (n > 0 && im->error == NULL) {
    gboolean at_cut;
    gsize    used = azkb_turtle_cut_scan(im->cut, p, n, &at_cut);

    g_byte_array_append(im->piece, p, (guint)used);
    p += used;
    n -= used;
    if (at_cut)
      im->piece_cut = im->piece->len;
    if (at_cut && im->piece_cut >= im->piece_size)
      give_piece(im, im->piece_cut);
  }
}

/* A byte-order mark, which raptor's parsers other than RDF/XML take for
 * text: skipped at the start of the input. */
static gsize
bom_length(Import *im, const unsigned char *p, gsize n)
{
  if (im->past_start)
    return 0;
  im->past_start = TRUE;
  return im->xml == NULL && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* The next @n bytes of the input, through the checks and to raptor. */
static gboolean
take_chunk(Import *im, const unsigned char *p, gsize n)
{
  guint32 line_before = im->esc_line;
  gsize   bom         = bom_length(im, p, n);

  p += bom;
  n -= bom;
  if (im->xml != NULL && !guard_xml(im, p, n))
    return FALSE;
  if (im->esc_scan && !scan_escapes(im, p, n))
    return FALSE;
  if (im->json) {
    const unsigned char *nul = memchr(p, '\0', n);

    /* YAJL quotes the text around an error as a C string: say it here */
    if (nul != NULL) {
      set_error_at(im,
                   line_before + count_lines(p, (gsize)(nul - p)),
                   AZKB_RDF_ERROR_PARSE,
                   "the byte 00, which JSON text cannot hold");
      return FALSE;
    }
  }
  if (im->starts != NULL && !read_text(im, p, n))
    return FALSE;
  if (im->tokens != NULL && !guard_tokens(im, p, n))
    return FALSE;
  if (im->cut != NULL)
    read_piece(im, p, n);
  else if (im->line != NULL)
    read_lines(im, p, n, FALSE);
  else if (im->json)
    take_json(im, p, n, line_before);
  else if (raptor_parser_parse_chunk(im->parser, p, n, 0) != 0 &&
           im->error == NULL)
    set_error_at(im, 0, AZKB_RDF_ERROR_PARSE, "parse error");
  return im->error == NULL;
}

static gboolean end_input(Import *im);

static gboolean
parse_stream(Import *im, GInputStream *input)
{
  unsigned char buffer[64 * 1024];
  gssize        n;
  guint64       done      = 0;
  g_autoptr(GError) local = NULL;

  while (im->error == NULL &&
         (n = g_input_stream_read(input, buffer, sizeof buffer, NULL, &local)) >
           0) {
    if (!take_chunk(im, buffer, (gsize)n))
      break;
    done += (guint64)n;
    /* an unknown size (a pipe) is total 0 until the end */
    if (im->progress != NULL && (im->size == 0 || done < im->size))
      im->progress(done, im->size, im->progress_data);
  }
  if (im->progress != NULL && im->error == NULL && local == NULL)
    im->progress(done, done, im->progress_data);
  if (im->error == NULL && local != NULL)
    set_error_at(im, 0, AZKB_RDF_ERROR_IO, "%s", local->message);
  return end_input(im);
}

/* The input has ended: what is held back goes to raptor, and raptor is
 * told. */
static gboolean
end_input(Import *im)
{
  im->json_chunk = NULL;
  if (im->json_hold != NULL && im->json_hold->len > 0 && im->error == NULL)
    give_json(im, im->json_hold->data, im->json_hold->len, im->json_hold_line);
  if (im->starts != NULL)
    end_line(im);
  if (im->cut != NULL) {
    if (im->error == NULL)
      give_piece(im, im->piece->len);
  } else if (im->line != NULL) {
    if (im->error == NULL)
      read_lines(im, NULL, 0, TRUE);
  } else if (im->error == NULL &&
             raptor_parser_parse_chunk(im->parser, NULL, 0, 1) != 0 &&
             im->error == NULL)
    set_error_at(im, 0, AZKB_RDF_ERROR_PARSE, "parse error");
  return im->error == NULL;
}

static gboolean
parse_bytes(Import *im, GBytes *data)
{
  gsize                len;
  const unsigned char *bytes = g_bytes_get_data(data, &len);

  if (len > 0 && !take_chunk(im, bytes, len))
    return FALSE;
  return end_input(im);
}

/* Waits for the intake.  A term it refused came before anything the parser
 * reported (the parser stops adding triples at its first error), so that
 * error wins. */
static gboolean
intake_done(Import *im)
{
  const char *message;
  guint       line;

  if (im->intake == NULL)
    return im->error == NULL;
  if (!azkb_intake_finish(im->intake, &message, &line)) {
    g_clear_error(&im->error);
    set_error_at(im, line, AZKB_RDF_ERROR_PARSE, "%s", message);
  }
  im->triples = azkb_intake_triples(im->intake, &im->n_triples);
  return im->error == NULL;
}

static gboolean
finish(Import             *im,
       AzkbStore          *store,
       AzkbRdfImportStats *out_stats,
       GError            **error)
{
  gint64 t = phase_done("parse", im->started);
  guint  entities, statement_nodes;

  /* raptor is done: free the parser before the merge. */
  g_clear_pointer(&im->parser, raptor_free_parser);
  if (!intake_done(im)) {
    g_propagate_error(error, g_steal_pointer(&im->error));
    return FALSE;
  }
  t         = phase_done("intake catch-up", t);
  im->stage = azkb_rdf_resolve(im->intake,
                               im->triples,
                               im->n_triples,
                               &im->base,
                               im->name,
                               store,
                               &entities,
                               &statement_nodes,
                               error);
  if (im->stage == NULL)
    return FALSE;
  t = phase_done("resolve", t);
  if (out_stats != NULL) {
    out_stats->triples         = im->n_triples;
    out_stats->entities        = entities;
    out_stats->statements      = azkb_store_n_statements(im->stage);
    out_stats->statement_nodes = statement_nodes;
  }
  g_clear_pointer(&im->intake, azkb_intake_free);
  im->triples = NULL;
  declare_prefixes(im);
  azkb_store_absorb(store, im->stage);
  phase_done("merge", t);
  return TRUE;
}

static gboolean
fail(Import *im, GError **error)
{
  intake_done(im);
  g_propagate_error(error, g_steal_pointer(&im->error));
  return FALSE;
}

/* The syntax to parse @name in (by @format or its extension), once @base
 * is known to be usable; NULL with @error set when either is not, or when
 * raptor only writes that syntax. */
static const AzkbRdfSyntax *
readable_syntax(const char *format,
                const char *name,
                const char *base,
                GError    **error)
{
  const AzkbRdfSyntax *syntax;

  if (!azkb_rdf_base_check(base, error))
    return NULL;
  syntax = azkb_rdf_syntax_find(format, name, error);
  if (syntax != NULL && syntax->parser == NULL) {
    g_set_error(error,
                AZKB_RDF_ERROR,
                AZKB_RDF_ERROR_FORMAT,
                "azkb cannot read %s",
                syntax->name);
    return NULL;
  }
  return syntax;
}

gboolean
azkb_rdf_import_file_stats(AzkbStore          *store,
                           const char         *path,
                           const char         *format,
                           const char         *base,
                           AzkbRdfImportStats *out_stats,
                           GError            **error)
{
  return azkb_rdf_import_file_full(
    store, path, format, base, NULL, NULL, out_stats, error);
}

static gboolean
import_stream(AzkbStore                  *store,
              GInputStream               *input,
              const char                 *name,
              const char                 *format,
              const char                 *base,
              guint64                     size,
              const AzkbRdfImportOptions *options,
              AzkbRdfImportStats         *out_stats,
              GError                    **error)
{
  const AzkbRdfSyntax *syntax;
  Import               im = { 0 };
  gboolean             ok;

  g_return_val_if_fail(store != NULL, FALSE);
  g_return_val_if_fail(G_IS_INPUT_STREAM(input), FALSE);
  g_return_val_if_fail(name != NULL, FALSE);

  syntax = readable_syntax(format, name, base, error);
  if (syntax == NULL)
    return FALSE;
  im.size          = size;
  im.progress      = options->progress;
  im.progress_data = options->progress_data;
  /* Relative IRIs resolve against the base, never against where the file
   * lies: a local path must not end up in the data and its exports. */
  ok = import_init(&im, name, syntax, base, size, options->max_terms) &&
       cut_init(&im, syntax, options->piece_bytes) &&
       parse_start(&im, base != NULL ? base : AZKB_RDF_DEFAULT_BASE) &&
       parse_stream(&im, input);
  ok = ok ? finish(&im, store, out_stats, error) : fail(&im, error);
  import_clear(&im);
  return ok;
}

gboolean
azkb_rdf_import_stream(AzkbStore          *store,
                       GInputStream       *input,
                       const char         *name,
                       const char         *format,
                       const char         *base,
                       guint64             size,
                       AzkbRdfProgressFunc progress,
                       gpointer            progress_data,
                       AzkbRdfImportStats *out_stats,
                       GError            **error)
{
  AzkbRdfImportOptions options = { .progress      = progress,
                                   .progress_data = progress_data };

  return import_stream(
    store, input, name, format, base, size, &options, out_stats, error);
}

gboolean
azkb_rdf_import_file_with(AzkbStore                  *store,
                          const char                 *path,
                          const char                 *format,
                          const char                 *base,
                          const AzkbRdfImportOptions *options,
                          AzkbRdfImportStats         *out_stats,
                          GError                    **error)
{
  static const AzkbRdfImportOptions defaults = { 0 };
  g_autoptr(GInputStream) input              = NULL;
  GStatBuf st;
  int      fd;

  g_return_val_if_fail(store != NULL, FALSE);
  g_return_val_if_fail(path != NULL, FALSE);

  /* the syntax first: an unknown one is a usage error, whatever the file */
  if (readable_syntax(format, path, base, error) == NULL)
    return FALSE;
  /* Opened once and read once: a FIFO or /dev/fd/N has no second read. */
  fd = g_open(path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0) {
    int saved = errno;

    g_set_error(error,
                AZKB_RDF_ERROR,
                AZKB_RDF_ERROR_IO,
                "%s: %s",
                path,
                g_strerror(saved));
    return FALSE;
  }
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    close(fd);
    g_set_error(
      error, AZKB_RDF_ERROR, AZKB_RDF_ERROR_IO, "%s: is a directory", path);
    return FALSE;
  }
  input = g_unix_input_stream_new(fd, TRUE);
  return import_stream(store,
                       input,
                       path,
                       format,
                       base,
                       S_ISREG(st.st_mode) ? (guint64)st.st_size : 0,
                       options != NULL ? options : &defaults,
                       out_stats,
                       error);
}

gboolean
azkb_rdf_import_file_full(AzkbStore          *store,
                          const char         *path,
                          const char         *format,
                          const char         *base,
                          AzkbRdfProgressFunc progress,
                          gpointer            progress_data,
                          AzkbRdfImportStats *out_stats,
                          GError            **error)
{
  AzkbRdfImportOptions options = { .progress      = progress,
                                   .progress_data = progress_data };

  return azkb_rdf_import_file_with(
    store, path, format, base, &options, out_stats, error);
}

gboolean
azkb_rdf_import_file(AzkbStore  *store,
                     const char *path,
                     const char *format,
                     const char *base,
                     GError    **error)
{
  return azkb_rdf_import_file_stats(store, path, format, base, NULL, error);
}

gboolean
azkb_rdf_import_bytes(AzkbStore          *store,
                      GBytes             *data,
                      const char         *name,
                      const char         *format,
                      const char         *base,
                      AzkbRdfImportStats *out_stats,
                      GError            **error)
{
  const AzkbRdfSyntax *syntax;
  Import               im  = { 0 };
  g_autofree char     *uri = NULL;
  gboolean             ok;

  g_return_val_if_fail(store != NULL, FALSE);
  g_return_val_if_fail(data != NULL, FALSE);
  g_return_val_if_fail(name != NULL, FALSE);

  syntax = readable_syntax(format, name, base, error);
  if (syntax == NULL)
    return FALSE;
  /* Relative IRIs resolve against the base itself. */
  uri = g_strdup(base != NULL ? base : AZKB_RDF_DEFAULT_BASE);
  ok  = import_init(&im, name, syntax, base, g_bytes_get_size(data), 0) &&
       parse_start(&im, uri) && parse_bytes(&im, data);
  ok = ok ? finish(&im, store, out_stats, error) : fail(&im, error);
  import_clear(&im);
  return ok;
}

gboolean
azkb_rdf_import_bundled(AzkbStore *store, GError **error)
{
  static const char *const files[] = { "ontology/azkb.ttl",
                                       "data/azerbaijan-un.ttl" };
  g_autoptr(AzkbStore) stage       = azkb_store_new();

  g_return_val_if_fail(store != NULL, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS(files); i++) {
    g_autofree char *path = g_strconcat("/org/azkb/", files[i], NULL);
    g_autoptr(GBytes) data =
      g_resources_lookup_data(path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);

    if (data == NULL)
      return FALSE;
    if (!azkb_rdf_import_bytes(
          stage, data, files[i], "turtle", NULL, NULL, error))
      return FALSE;
  }
  azkb_store_absorb(store, stage);
  return TRUE;
}
