/* Located query errors (located.c): the column and the text it counts in
 * travel on the error as data.  Used by the query module and by the
 * diagram module's relation list. */
#pragma once

#include <azkb/query.h>

/* Set @error in AZKB_QUERY_ERROR with @code, the message "column N: ..."
 * and the column as data (azkb_query_error_column()). */
void query_error_at(GError       **error,
                    AzkbQueryError code,
                    guint          column,
                    const char    *format,
                    ...) G_GNUC_PRINTF(4, 5);

/// Say which text @error's column counts in (azkb_query_error_part()).
void query_error_set_part(GError *error, AzkbQueryPart part);
