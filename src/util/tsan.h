/* What ThreadSanitizer cannot see for itself.
 *
 * GLib's GMutex, GCond and GAsyncQueue are built on futexes and atomics in
 * libglib, which is not compiled with -fsanitize=thread: a sanitized build
 * sees a value handed from one thread to another under them as a race.
 * The code that hands values over says where the hand-over happens, with
 * these marks (they compile to nothing outside a ThreadSanitizer build):
 * AZKB_TSAN_RELEASE(p) before giving up @p (unlock, push), and
 * AZKB_TSAN_ACQUIRE(p) after taking it (lock, pop).  scripts/tsan.sh runs
 * the build that reads them. */
#pragma once

#if defined(__SANITIZE_THREAD__)
#  define AZKB_TSAN 1
#elif defined(__has_feature)
#  if __has_feature(thread_sanitizer)
#    define AZKB_TSAN 1
#  endif
#endif

#ifdef AZKB_TSAN
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
#  define AZKB_TSAN_ACQUIRE(p) __tsan_acquire((void *)(p))
#  define AZKB_TSAN_RELEASE(p) __tsan_release((void *)(p))
#else
#  define AZKB_TSAN_ACQUIRE(p) ((void)0)
#  define AZKB_TSAN_RELEASE(p) ((void)0)
#endif
