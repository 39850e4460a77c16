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
 *
 * Threads: azkb_generate() fills the store it is given and nothing else;
 * two stores may be filled on two threads at once.
 */
#pragma once

#include <azkb/export.h>
#include <azkb/store.h>
#include <glib.h>

G_BEGIN_DECLS

/**
 * The shape of a generated graph.  Benchmarks run on several, so that no
 * query plan is tuned to one:
 *   - UN: the bundled knowledge base scaled up (above).
 *   - HUBS: entities of three classes (Alpha, Beta, Gamma, under Thing) and
 *     eight relations r0..r7: r0 a forest of depth 6, r1..r7 drawn with a
 *     Pareto out-degree (mean about 4 over the seven) and 1/rank in-degree,
 *     so a few hubs have a large share of the in-edges.
 *   - DEEP: a deep hierarchy (partOf to one of the 3 previous units, so
 *     about n/2 levels) with nine more relations per node (s1..s9), each to
 *     a node nearby in the order, one in ten to a node anywhere.
 *   - RING: a directed ring with chords (next to i+1 and i+2, jump to a
 *     random node for every second node, knows both ways between random
 *     pairs): one strongly connected component, so closures reach every
 *     node.
 * Every statement is dated (years, months or days; ongoing, ended or with
 * an unknown end; some undated in RING) and cites a source.
 */
typedef enum {
  AZKB_GENERATE_UN = 0,
  AZKB_GENERATE_HUBS,
  AZKB_GENERATE_DEEP,
  AZKB_GENERATE_RING,
} AzkbGenerateShape;

/// What azkb_generate() makes.
typedef struct {
  guint             n_entities;    ///< entities besides classes and sources
  guint32           seed;          ///< seed of the GRand
  guint             stmts_per_100; ///< UN only: per 100 entities; 0 means 500
  AzkbGenerateShape shape;         ///< 0: AZKB_GENERATE_UN
} AzkbGenerateOptions;

/// The shape named @name ("un", "hubs", "deep", "ring"); FALSE if none.
AZKB_API gboolean azkb_generate_shape_from_name(const char        *name,
                                                AzkbGenerateShape *out_shape);

/**
 * Fill @store with a synthetic graph as @options say.  Deterministic for a
 * seed and size.  Returns FALSE with AZKB_STORE_ERROR_INVALID when the size
 * is 0 or too large for 32-bit ids.
 */
AZKB_API gboolean azkb_generate(AzkbStore                 *store,
                                const AzkbGenerateOptions *options,
                                GError                   **error);

G_END_DECLS
