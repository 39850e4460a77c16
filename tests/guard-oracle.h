/* The token guard's oracle (guard-oracle.c): the same answers as
 * src/rdf/token-guard.h's, one byte at a time, with @limit for
 * AZKB_TOKEN_GUARD_MAX_BYTES. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GuardOracle GuardOracle;

GuardOracle *guard_oracle_new(gboolean json, guint64 limit);
void         guard_oracle_free(GuardOracle *oracle);
gboolean     guard_oracle_scan(GuardOracle  *oracle,
                               const guint8 *p,
                               gsize         n,
                               const char  **out_message,
                               guint        *out_line);
gsize        guard_oracle_pending(const GuardOracle *oracle, guint *out_line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(GuardOracle, guard_oracle_free)

G_END_DECLS
