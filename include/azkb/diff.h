/* azkb — what changed between two dates (`azkb diff`).
 *
 * Two dates DATE1 <= DATE2 of any precision delimit a window from the
 * first day of DATE1 to the last day of DATE2.  A dated statement whose
 * span (azkb_interval_span(): an open end runs to the present, an unknown
 * end covers only its start's own range, an unknown start only its end's)
 * overlaps the window is one of:
 *
 *   held      it held on the window's first day and on its last day, so
 *             throughout (a span has no gaps);
 *   began     it did not hold on the first day, and held on the last;
 *   ended     it held on the first day, and not on the last;
 *   began and ended: it held only strictly inside the window.
 *
 * Undated statements are not listed: the source gives them no time, so
 * they neither begin nor end (in sequenced terms they hold throughout every
 * window).  A statement outside the window did not change in it.
 *
 * Threads: a diff reads its store, on the thread that owns it
 * (azkb/store.h); the present is an argument.
 */
#pragma once

#include <azkb/export.h>
#include <azkb/store.h>
#include <azkb/time.h>
#include <glib.h>

G_BEGIN_DECLS

/// How a statement changed across a window.
typedef enum {
  AZKB_CHANGE_BEGAN           = 0,
  AZKB_CHANGE_ENDED           = 1,
  AZKB_CHANGE_BEGAN_AND_ENDED = 2,
  AZKB_CHANGE_HELD            = 3,
} AzkbChangeKind;

/// One statement of a diff.
typedef struct {
  AzkbStmtId     stmt;
  AzkbChangeKind kind;
} AzkbChange;

/**
 * The dated statements that overlap the window from the first day of
 * @from to the last day of @to, each with its kind of change (header
 * comment); only those with @around as subject or object unless @around
 * is 0.  Sorted by kind (began, ended, began and ended, held), then by time
 * (azkb_interval_compare()), then by subject, relation and object names.
 * Open ends run to @present (NULL: today).
 * Fails with AZKB_QUERY_ERROR_INVALID_TIME when @from begins after @to.
 * (transfer full) a GArray of AzkbChange
 */
AZKB_API GArray *azkb_diff(AzkbStore      *store,
                           const AzkbDate *from,
                           const AzkbDate *to,
                           AzkbTermId      around,
                           const AzkbDate *present,
                           GError        **error);

/// "began", "ended", "began-and-ended", "held".
AZKB_API const char *azkb_change_kind_to_string(AzkbChangeKind kind);

G_END_DECLS
