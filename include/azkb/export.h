/* azkb — which symbols the library exports.
 *
 * libazkb is built with hidden visibility (meson's gnu_symbol_visibility):
 * only declarations marked AZKB_API in include/azkb/ are part of its ABI,
 * so no internal helper can be linked against by accident.
 * tests/symbols checks that the exported symbols and the marked
 * declarations are the same set.
 */
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#  define AZKB_API __attribute__((visibility("default")))
#else
#  define AZKB_API
#endif
