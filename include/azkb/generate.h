/* azkb — a synthetic knowledge graph of any size, for benchmarks and tests.
 *
 * The graph has the shape of the bundled knowledge base, scaled up: a small
 * class hierarchy (Agent > Organization > Body > Committee, Country under
 * both Agent and Place, ...), eight relations between entities of those
 * classes, and per entity about five dated, sourced statements.
 *   - partOf is a deep hierarchy: every organizational unit but the first
 *     few is part of an earlier one, about 30 levels deep at 1M entities;
 *   - the other relations draw their objects with a Zipf-like (1/rank)
 *     distribution, so a few entities have very many in-edges;
 *   - times are years, months or days (1946..2024); intervals end, are
 *     ongoing, or have an unknown end; events are points in time;
 *   - each entity has an English label, some an abbreviation.
 * The same seed and size give the same store on every machine: the only
 * source of randomness is a GRand (Mersenne Twister) seeded with @seed.
 */
#pragma once

#include <azkb/store.h>
#include <glib.h>

G_BEGIN_DECLS

/// What azkb_generate() makes.
typedef struct {
  guint   n_entities;    ///< entities besides classes and sources (>= 1)
  guint32 seed;          ///< seed of the GRand
  guint   stmts_per_100; ///< statements per 100 entities; 0 means 500
} AzkbGenerateOptions;

/**
 * Fill @store with a synthetic graph as @options say.  Deterministic for a
 * seed and size.  Returns FALSE with AZKB_STORE_ERROR_INVALID when the size
 * is 0 or too large for 32-bit ids.
 */
gboolean azkb_generate(AzkbStore                 *store,
                       const AzkbGenerateOptions *options,
                       GError                   **error);

G_END_DECLS
