/* The generator's internals, shared by the UN shape (generate.c) and the
 * benchmark shapes (shapes.c); nothing here is public. */
#pragma once

#include <azkb/generate.h>

G_BEGIN_DECLS

/// How a relation's statements are dated.
typedef enum {
  T_INTERVAL, ///< start, then an end, ongoing, or an unknown end
  T_TERM,     ///< start and an end a few years later (a term of office)
  T_POINT,    ///< a point in time (an event)
} TimeShape;

/// An index in [0, @n) with P(k) roughly proportional to 1/(k+1).
G_GNUC_INTERNAL guint gen_zipf_index(GRand *rand, guint n);

/// An index in [0, @n), uniformly.
G_GNUC_INTERNAL guint gen_uniform_index(GRand *rand, guint n);

/// A random valid time of @shape between 1946 and 2024.
G_GNUC_INTERNAL AzkbInterval gen_random_time(GRand *rand, TimeShape shape);

/// Fill @store with one of the benchmark shapes (not AZKB_GENERATE_UN).
G_GNUC_INTERNAL void gen_shape(AzkbStore                 *store,
                               const AzkbGenerateOptions *options);

G_END_DECLS
