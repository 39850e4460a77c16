/* azkb — helpers shared by date.c and interval.c; not public API. */
#pragma once

#include <azkb/time.h>

G_BEGIN_DECLS

/**
 * Parse the date in the first @length bytes of @text (no trimming).  On
 * failure returns FALSE and sets @out_reason to why, in words that fit after
 * "invalid date \"…\": " (transfer full).
 */
gboolean azkb_date_parse_part(const char *text,
                              gsize       length,
                              AzkbDate   *out_date,
                              char      **out_reason);

/// @text as a double-quoted, escaped and shortened string for a message.
/// (transfer full)
char *azkb_time_quote(const char *text);

/// @text without leading and trailing ASCII white space, as a start and a
/// length (XSD date types collapse white space the same way).
void azkb_time_trim(const char  *text,
                    const char **out_start,
                    gsize       *out_length);

G_END_DECLS
