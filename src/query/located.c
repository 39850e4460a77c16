/* Query errors that know where they happened.
 *
 * AZKB_QUERY_ERROR is an extended GError domain: besides the message each
 * error carries the column (1-based, in characters) of the pattern or
 * constraint text it points at, so a caller draws its caret from data
 * rather than from the wording of the message, which g_prefix_error() or a
 * translation would change. */
#include "query-private.h"

#include <azkb/query.h>
#include <string.h>

typedef struct {
  guint         column; ///< 0: the error points at no column
  AzkbQueryPart part;   ///< the text the column counts in
} AzkbQueryErrorPrivate;

static void
azkb_query_error_private_init(AzkbQueryErrorPrivate *priv)
{
  if (priv != NULL) { /* get_private() checks the domain first */
    priv->column = 0;
    priv->part   = AZKB_QUERY_PART_PATTERN;
  }
}

static void
azkb_query_error_private_copy(const AzkbQueryErrorPrivate *src,
                              AzkbQueryErrorPrivate       *dest)
{
  if (src != NULL && dest != NULL)
    *dest = *src;
}

static void
azkb_query_error_private_clear(AzkbQueryErrorPrivate *priv)
{
  (void)priv; /* nothing owned */
}

G_DEFINE_EXTENDED_ERROR(AzkbQueryError, azkb_query_error)

/* The most bytes of input a message quotes between “ and ”: a quoted
 * token may be as long as the pattern (a 5 kB time, relation name or
 * constraint word was quoted whole). */
#define QUOTED_MAX 100

/* The length of the first @max bytes of @s, or fewer: a character's
 * start. */
static gsize
cut_at(const char *s, gsize len, gsize max)
{
  if (len <= max)
    return len;
  while (max > 0 && ((guchar)s[max] & 0xC0) == 0x80)
    max--;
  return max;
}

/* @message with every quoted part longer than QUOTED_MAX cut, with “…”.
 * (transfer full) */
static char *
shorten_quotes(const char *message)
{
  static const char open[]  = "“";
  static const char close[] = "”";
  GString          *out     = g_string_new(NULL);
  const char       *p       = message;
  const char       *q;

  while ((q = strstr(p, open)) != NULL) {
    const char *start = q + strlen(open);
    const char *end   = strstr(start, close);
    gsize       len   = end != NULL ? (gsize)(end - start) : strlen(start);
    gsize       kept  = cut_at(start, len, QUOTED_MAX);

    g_string_append_len(out, p, start - p);
    g_string_append_len(out, start, (gssize)kept);
    if (kept < len)
      g_string_append(out, "…");
    p = start + len;
  }
  g_string_append(out, p);
  return g_string_free(out, FALSE);
}

void
query_error_at(GError       **error,
               AzkbQueryError code,
               guint          column,
               const char    *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  if (error == NULL)
    return;
  va_start(args, format);
  message = g_strdup_vprintf(format, args);
  va_end(args);
  {
    char *shorter = shorten_quotes(message);

    g_free(message);
    message = shorter;
  }
  /* The column stays in the text too: a person reads the message alone. */
  g_set_error(error, AZKB_QUERY_ERROR, code, "column %u: %s", column, message);
  if (*error != NULL && (*error)->domain == AZKB_QUERY_ERROR) {
    AzkbQueryErrorPrivate *priv = azkb_query_error_get_private(*error);

    if (priv != NULL)
      priv->column = column;
  }
}

guint
azkb_query_error_column(const GError *error)
{
  const AzkbQueryErrorPrivate *priv;

  if (error == NULL || error->domain != AZKB_QUERY_ERROR)
    return 0;
  priv = azkb_query_error_get_private(error);
  return priv != NULL ? priv->column : 0;
}

void
query_error_set_part(GError *error, AzkbQueryPart part)
{
  AzkbQueryErrorPrivate *priv;

  if (error == NULL || error->domain != AZKB_QUERY_ERROR)
    return;
  priv = azkb_query_error_get_private(error);
  if (priv != NULL)
    priv->part = part;
}

AzkbQueryPart
azkb_query_error_part(const GError *error)
{
  const AzkbQueryErrorPrivate *priv;

  if (error == NULL || error->domain != AZKB_QUERY_ERROR)
    return AZKB_QUERY_PART_PATTERN;
  priv = azkb_query_error_get_private(error);
  return priv != NULL ? priv->part : AZKB_QUERY_PART_PATTERN;
}
